//! Form handlers for career paths: saving a path to come back to, and forgetting it. Like
//! saved programs, each answers with a 303 back to the page the form was on.
use app::ssr::AppState;
use axum::{
    Form,
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use service::{careers, error::ServiceError};

use crate::forms::reply::{Caller, refused};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SavedPathFields {
    path: String,
    /// The page to return to (a local path only).
    back: String,
}

impl SavedPathFields {
    fn back(&self) -> &str {
        crate::forms::reply::local_path(&self.back, 200, "/account")
    }
}

pub async fn save_path(
    State(state): State<AppState>,
    caller: Caller,
    Form(f): Form<SavedPathFields>,
) -> Response {
    let catalog = match careers::catalog() {
        Ok(catalog) => catalog,
        Err(error) => {
            tracing::error!(%error, "career paths");
            return refused(ServiceError::NotFound, f.back(), &[]);
        }
    };
    match careers::saved::save(&state.db, caller.ctx.actor, catalog, &f.path, caller.ctx.now).await {
        Ok(_) => Redirect::to(f.back()).into_response(),
        Err(error) => refused(error, f.back(), &[]),
    }
}

pub async fn unsave_path(
    State(state): State<AppState>,
    caller: Caller,
    Form(f): Form<SavedPathFields>,
) -> Response {
    match careers::saved::remove(&state.db, caller.ctx.actor, &f.path).await {
        Ok(()) => Redirect::to(f.back()).into_response(),
        Err(error) => refused(error, f.back(), &[]),
    }
}
