//! Server functions of the school's year: an organisation's year section, the update form,
//! the need page's record of who filled it, and the badge lists. They only read; every
//! change is a form (server/src/forms/school_year.rs). The service decides who may.
use domain::school_year::YearOverview;
use leptos::prelude::*;

use crate::{
    error::AppError,
    school_year_model::{NeedFillData, RecognitionData, UpdateFormData},
};

/// The running school year, by the calendar in UTC (the lists of all schools; each school's
/// own page uses its state's day).
#[cfg(feature = "ssr")]
pub fn running_year() -> domain::school_year::SchoolYear {
    service::school_year::year_of_day(chrono::Utc::now().date_naive())
}

/// A year from `?year=` (the running one when absent); a bad value is refused.
#[cfg(feature = "ssr")]
fn asked_year(year: Option<String>) -> Result<domain::school_year::SchoolYear, AppError> {
    match year.as_deref().map(str::trim) {
        None | Some("") => Ok(running_year()),
        Some(raw) => {
            domain::school_year::SchoolYear::parse(raw).filter(|y| *y <= running_year()).ok_or_else(|| {
                AppError::invalid("year", "a school year like 2026 or 2026-27, not in the future")
            })
        }
    }
}

/// `/orgs/{id}`: the organisation's running school year.
#[server(endpoint = "school_year_overview")]
pub async fn school_year_overview(id: String) -> Result<YearOverview, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    Ok(service::school_year::overview::of_organisation(&db, actor, id, chrono::Utc::now()).await?)
}

/// `/orgs/{id}/year-update`: the form, for the school's members.
#[server(endpoint = "yearly_update_form")]
pub async fn yearly_update_form(id: String) -> Result<UpdateFormData, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    let (school_name, year, update) =
        service::school_year::update::form_of(&db, actor, id, chrono::Utc::now()).await?;
    Ok(UpdateFormData { organisation_id: id, school_name, year, update })
}

/// `/needs/{id}`: who filled the need, for the school's members; `None` for everyone else
/// (the page shows them nothing of it).
#[server(endpoint = "need_fill")]
pub async fn need_fill(id: String) -> Result<Option<NeedFillData>, AppError> {
    use service::error::ServiceError;
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    match service::school_year::fills::on_need(&db, actor, id, chrono::Utc::now()).await {
        Ok(found) => Ok(Some(NeedFillData {
            fill: found.fill,
            candidates: found.candidates,
            today: found.today.to_string(),
        })),
        Err(ServiceError::Forbidden | ServiceError::SignInRequired | ServiceError::NotFound) => Ok(None),
        // An unverified school's member: nothing to record yet.
        Err(ServiceError::Conflict(_)) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// `/recognition`: the year's badge holders.
#[server(endpoint = "recognition")]
pub async fn recognition(year: Option<String>) -> Result<RecognitionData, AppError> {
    let db = crate::ssr::db()?;
    let year = asked_year(year)?;
    let holders = service::school_year::badges::holders(&db, year).await?;
    Ok(RecognitionData { year, current: running_year(), holders })
}

/// `/admin/recognition`: who qualifies in the year, revoked ones too (admins only).
#[server(endpoint = "admin_recognition")]
pub async fn admin_recognition(year: Option<String>) -> Result<RecognitionData, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    // Admins only, before the year is read.
    service::authz::admin(actor)?;
    let year = asked_year(year)?;
    let holders = service::school_year::badges::qualifiers(&db, actor, year).await?;
    Ok(RecognitionData { year, current: running_year(), holders })
}
