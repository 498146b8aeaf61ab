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

/// The totals, if the server's snapshot of them is fresh (nearly always: it is checked
/// against the import log every few seconds): the home page renders them at once then,
/// without a resource to wait for.
#[cfg(feature = "ssr")]
pub fn remembered_totals() -> Option<ProgramTotals> {
    let state = crate::ssr::state().ok()?;
    state.programs.fresh().map(|snapshot| snapshot.totals.clone())
}
