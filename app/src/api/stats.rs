use domain::totals::ProgramTotals;
use leptos::prelude::*;

use crate::error::AppError;

/// The live program totals shown on the home page.
#[server(endpoint = "program_totals")]
pub async fn get_program_totals() -> Result<ProgramTotals, AppError> {
    // Totals change only with an import: read them from the shared snapshot.
    let state = crate::ssr::state()?;
    Ok(state.programs.current(&state.db).await?.totals.clone())
}
