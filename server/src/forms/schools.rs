//! Form handlers of imported school listings: a verified shop's invitation of a listed
//! school (by e-mail or a printed letter). And of the admins' school-list import: uploading
//! a list (multipart: the file and its name) keeps it as a draft and opens its preview; confirming imports it in one
//! transaction (checked again, as the ZIP data may have changed); discarding drops it. The
//! service layer decides who may (admins, each their own drafts).
use app::{notice::Notice, ssr::AppState};
use axum::{
    extract::{FromRequest, Multipart, Path, Request, State},
    response::{IntoResponse, Redirect, Response},
};
use domain::school_invites::InviteChannel;
use service::{
    error::ServiceError,
    schools::{drafts, invites},
};

use crate::forms::reply::{Caller, back, done, refused};

const PAGE: &str = "/admin/schools/import";

/// The upload's fields: the list's name and the file (its name and bytes).
#[derive(Default)]
struct Upload {
    source: String,
    file_name: String,
    contents: Vec<u8>,
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, String> {
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await.map_err(|e| e.body_text())? {
        match field.name() {
            Some("source") => upload.source = field.text().await.map_err(|e| e.body_text())?,
            Some("file") => {
                upload.file_name = field.file_name().unwrap_or_default().to_string();
                upload.contents = field.bytes().await.map_err(|e| e.body_text())?.to_vec();
            }
            // Anything else is not ours; ignored like unknown form fields elsewhere.
            _ => {}
        }
    }
    Ok(upload)
}

/// `POST /admin/schools/import`
pub async fn upload(State(state): State<AppState>, caller: Caller, request: Request) -> Response {
    // Who may comes first: the body is read only for an admin.
    if let Err(error) = service::authz::admin(caller.ctx.actor) {
        return refused(error, PAGE, &[]);
    }
    let read = match Multipart::from_request(request, &state).await {
        Ok(multipart) => read_upload(multipart).await,
        Err(rejection) => Err(rejection.body_text()),
    };
    let upload = match read {
        Ok(upload) => upload,
        Err(why) => {
            tracing::warn!(%why, "unreadable school list upload");
            return back(PAGE, "the upload could not be read: choose the file again", Some("file"), &[]);
        }
    };
    let echo = [("source", upload.source.as_str())];
    match drafts::save(
        &state.db,
        caller.ctx.actor,
        &upload.file_name,
        &upload.source,
        &upload.contents,
        caller.ctx.now,
    )
    .await
    {
        Ok(id) => Redirect::to(&format!("{PAGE}/{id}")).into_response(),
        Err(error) => refused(error, PAGE, &echo),
    }
}

/// `POST /admin/schools/import/{id}/confirm`
pub async fn confirm(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    let preview = format!("{PAGE}/{id}");
    let draft = match drafts::get(&state.db, caller.ctx.actor, id, caller.ctx.now).await {
        Ok(draft) => draft,
        Err(error) => return refused(error, &preview, &[]),
    };
    let path = std::path::Path::new(&draft.file_name);
    let imported = match importer::check_schools(&state.db, path, draft.contents.as_bytes()).await {
        Ok(rows) => {
            importer::import_schools(
                &state.db,
                &rows,
                &draft.source,
                caller.ctx.now,
                &importer::SilentProgress,
            )
            .await
        }
        Err(error) => Err(error),
    };
    match imported {
        Ok(_) => match drafts::discard(&state.db, caller.ctx.actor, id).await {
            Ok(()) => done(PAGE, Notice::SchoolsImported),
            Err(error) => refused(error, PAGE, &[]),
        },
        Err(importer::ImportError::Database(error)) => refused(ServiceError::Database(error), &preview, &[]),
        Err(problem) => back(&preview, &format!("nothing was imported: {problem}"), None, &[]),
    }
}

/// `POST /admin/schools/import/{id}/discard`
pub async fn discard(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match drafts::discard(&state.db, caller.ctx.actor, id).await {
        Ok(()) => Redirect::to(PAGE).into_response(),
        Err(error) => refused(error, PAGE, &[]),
    }
}

/// The fields of a listing's invitation forms: the shop it is from and the channel.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct InviteFields {
    shop: String,
    channel: String,
}

/// `POST /schools/listings/{id}/invite`: a verified shop's member invites the listed school
/// by e-mail (back to the listing's page, which says it is sent) or makes the printable
/// letter (recorded, then the letter opens).
pub async fn invite(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<InviteFields>,
) -> Response {
    let page = format!("/schools/listings/{id}");
    // Not a number names no shop the caller belongs to: refused as such by the service.
    let shop = f.shop.trim().parse::<i64>().unwrap_or(0);
    let ctx = &caller.ctx;
    match invites::invite(&state.db, ctx.actor, id, shop, &f.channel, &ctx.site_url, ctx.now).await {
        Ok(InviteChannel::Email) => done(&page, Notice::SchoolInvited),
        Ok(InviteChannel::Letter) => Redirect::to(&format!("{page}/letter?shop={shop}")).into_response(),
        Err(error) => refused(error, &page, &[]),
    }
}
