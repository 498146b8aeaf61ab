use domain::totals::ProgramTotals;
use leptos::prelude::*;

use crate::error::AppError;

/// The live program totals shown on the home page.
#[server(endpoint = "program_totals")]
pub async fn get_program_totals() -> Result<ProgramTotals, AppError> {
    let db = crate::ssr::db()?;
    Ok(service::stats::program_totals(&db).await?)
}
