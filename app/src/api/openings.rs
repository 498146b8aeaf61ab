//! Server functions of the openings pages. They only read: posting, closing, expressing
//! interest and withdrawing go through the form handlers in server/src/forms/openings.rs.
//! Authorization is decided by the service layer.
use domain::openings::{ApplicationView, InterestView, OpeningView, ProgramApplicationView};
use leptos::prelude::*;

use crate::{
    error::AppError,
    openings_model::{OpeningPageData, OpeningSearchPage, OpeningSearchParams},
};

/// `/openings`: public openings near a ZIP code, nearest first, a page at a time.
#[server(endpoint = "search_openings")]
pub async fn search_openings(params: OpeningSearchParams) -> Result<OpeningSearchPage, AppError> {
    use crate::openings_model::{OPENINGS_PER_PAGE, OpeningFinder};

    let search = match super::finder::locate(&params).await? {
        Ok(search) => search,
        Err(page) => return Ok(page),
    };
    let db = crate::ssr::db()?;
    let radius = f64::from(search.query.radius_mi);
    let found = service::openings::read::near(&db, search.location, radius, search.query.kind).await?;
    let total = found.len();
    let (offset, limit) = search.window(OPENINGS_PER_PAGE);
    let results = found.into_iter().skip(offset).take(limit).collect();
    Ok(search.page::<OpeningFinder, _>(total, results))
}

/// `/openings/{id}`: one opening for everyone allowed to see it, with the visitor's own
/// interest and the programs they may name.
#[server(endpoint = "opening_page")]
pub async fn opening_page(id: String) -> Result<OpeningPageData, AppError> {
    use service::openings::{interest, read};

    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    let opening = read::one(&db, actor, id).await?;
    let is_member = match actor {
        Some(actor) => service::authz::role_in(&db, actor, opening.shop_id).await?.is_some(),
        None => false,
    };
    let (my_interest, program_choices) = match actor {
        Some(_) if !is_member => {
            (interest::my_interest(&db, actor, id).await?, interest::program_choices(&db, actor).await?)
        }
        _ => (None, Vec::new()),
    };
    Ok(OpeningPageData { opening, is_member, signed_in: actor.is_some(), my_interest, program_choices })
}

/// The students interested in an opening, with exactly what each shared: the shop's
/// members only.
#[server(endpoint = "opening_interests")]
pub async fn opening_interests(id: String) -> Result<Vec<InterestView>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    Ok(service::openings::interest::for_opening(&db, actor, id).await?)
}

/// A shop's openings as its page lists them (closed ones too, for its members).
#[server(endpoint = "organisation_openings")]
pub async fn organisation_openings(id: String) -> Result<Vec<OpeningView>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    Ok(service::openings::read::for_organisation(&db, actor, id).await?)
}

/// Students who named a program when expressing interest: the program's members only.
#[server(endpoint = "program_applications")]
pub async fn program_applications(id: String) -> Result<Vec<ProgramApplicationView>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    Ok(service::openings::interest::for_program(&db, actor, id).await?)
}

/// The signed-in person's own applications.
#[server(endpoint = "my_applications")]
pub async fn my_applications() -> Result<Vec<ApplicationView>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    Ok(service::openings::interest::mine(&db, actor).await?)
}
