//! Server functions of the events pages. They only read: publishing, editing, cancelling
//! and registering go through the form handlers in server/src/forms/events.rs.
use leptos::prelude::*;

use crate::{
    error::AppError,
    events_model::{EventPageData, EventsListData},
};

/// `/events`: the public lists. (Named so its generated struct does not clash with the
/// page component.)
#[server(endpoint = "list_events")]
pub async fn list_events() -> Result<EventsListData, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let (upcoming, past) = service::events::read::list(&db, chrono::Utc::now()).await?;
    Ok(EventsListData { upcoming, past, is_admin: actor.is_some_and(|a| a.is_admin) })
}

/// `/events/{id}`: one event, public, with the viewer's registration.
#[server(endpoint = "event_details")]
pub async fn event_details(id: String) -> Result<EventPageData, AppError> {
    use service::events::{read, registration};

    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    let event = read::one(&db, id, chrono::Utc::now()).await?;
    let mine = registration::my_registration(&db, actor, id).await?;
    let waiting = registration::waiting(&db, id).await?;
    Ok(EventPageData {
        event,
        mine,
        signed_in: actor.is_some(),
        is_admin: actor.is_some_and(|a| a.is_admin),
        waiting,
    })
}
