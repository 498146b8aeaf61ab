//! A student joins a placement made from an offer through the single-use link the shop
//! e-mailed them (stored hashed, 14 days; a new one replaces it). A signed-in person reads
//! the terms and says "This is me": the placement takes their account — a conditional
//! update on nobody having joined, so two redemptions at once give one student — and the
//! usual flow follows (they say whether they are under 18; a minor's guardian consents).
//! A member of the shop cannot be its placement's student.
use chrono::{DateTime, Duration, Utc};
use domain::{
    notifications::NoticeTopic,
    placements::{ConsentTerms, JOIN_LINK_DAYS, JoinLink, PlacementStatus},
};
use entity::placement;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr};

use super::{detail, task_areas};
use crate::{
    accounts::{
        audit::{self, Event},
        outbox,
        tokens::{self, Purpose},
    },
    authz::{self, Actor},
    error::ServiceError,
    notifications::{Notice, notify_user},
    partnerships::tell,
};

/// How long a join link works.
pub const LINK_TTL: Duration = Duration::days(JOIN_LINK_DAYS);
/// What a link that no longer works says.
pub const DEAD_LINK: &str = "this link to join a placement is not valid: it was used already, replaced by a newer one, is more than 14 days old, or the placement was withdrawn. Ask the shop or your school for a new one";
/// Why a member of the shop cannot join its placement as the student.
pub const OWN_SHOP: &str = "you are a member of the shop that hosts this placement, so you cannot be its student. If the link was meant for a student, pass it on to them";

fn dead() -> ServiceError {
    ServiceError::Conflict(DEAD_LINK.into())
}

/// Replaces the placement's join link and e-mails the new one to `email` (which is kept
/// nowhere else: the audit log names the placement only).
pub(crate) async fn send_link(
    db: &impl ConnectionTrait,
    row: &placement::Model,
    email: &str,
    actor: Actor,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let token = super::fresh_link(db, Purpose::PlacementJoin, row, actor, LINK_TTL, now).await?;
    let shop = crate::orgs::find(db, row.shop_id).await?.name;
    let program = crate::orgs::find(db, row.program_id).await?.name;
    let body = format!(
        "{shop} has a work-based-learning placement for you, arranged on Bayline with {program}.\n\n\
         Open this link to read its terms and join it (sign in, or create an account first):\n\
         {site_url}/placements/join?token={token}\n\nThe link works once, for {JOIN_LINK_DAYS} days. \
         If you were not expecting it, ignore this message."
    );
    outbox::enqueue(db, email, &format!("Your placement at {shop}: join it on Bayline"), &body, now).await?;
    audit::record(db, Event::PlacementJoinSent, Some(actor.user_id), &detail(row.id), "", now).await?;
    Ok(())
}

/// The placement a live join link is for, still waiting for its student.
async fn linked(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<placement::Model, ServiceError> {
    if token.is_empty() || token.len() > 128 {
        return Err(dead());
    }
    let (_, payload) = tokens::peek(db, token, Purpose::PlacementJoin, now).await?.ok_or_else(dead)?;
    let id = payload.parse::<i64>().map_err(|_| dead())?;
    let row = placement::Entity::find_by_id(id).one(db).await?.ok_or_else(dead)?;
    if row.status != PlacementStatus::AwaitingStudent || row.student_id.is_some() {
        return Err(dead());
    }
    Ok(row)
}

/// Why this person cannot be the placement's student, if they cannot.
async fn refusal(
    db: &impl ConnectionTrait,
    actor: Actor,
    row: &placement::Model,
) -> Result<Option<&'static str>, ServiceError> {
    Ok(authz::role_in(db, actor, row.shop_id).await?.map(|_| OWN_SHOP))
}

/// The placement's terms as the link shows them to the signed-in person it was sent to.
async fn terms(db: &impl ConnectionTrait, row: &placement::Model) -> Result<ConsentTerms, ServiceError> {
    let shop = crate::orgs::find(db, row.shop_id).await?;
    let program = crate::orgs::find(db, row.program_id).await?;
    let mentor = match row.mentor_id {
        Some(id) => crate::accounts::names::of(db, vec![id]).await?.remove(&id),
        None => None,
    };
    Ok(ConsentTerms {
        student_label: "you".into(),
        shop_name: shop.name,
        program_name: program.name,
        mentor,
        starts_on: row.starts_on.to_string(),
        ends_on: row.ends_on.to_string(),
        weekly_hours: u32::try_from(row.weekly_hours).unwrap_or_default(),
        paid: row.paid,
        task_areas: task_areas(row),
    })
}

/// What the join link opens to: dead; for a signed-out visitor, only that they sign in
/// first; for a signed-in person, the terms (and why they cannot join, if so).
pub async fn link(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    token: &str,
    now: DateTime<Utc>,
) -> Result<JoinLink, ServiceError> {
    let row = match linked(db, token, now).await {
        Ok(row) => row,
        Err(ServiceError::Conflict(_)) => return Ok(JoinLink::Dead),
        Err(other) => return Err(other),
    };
    let Some(actor) = actor else { return Ok(JoinLink::SignInFirst) };
    let refused = refusal(db, actor, &row).await?.map(str::to_string);
    Ok(JoinLink::Open { terms: terms(db, &row).await?, refused })
}

/// "This is me": the signed-in person becomes the placement's student, the link is used
/// up, and the placement awaits their answer about their age. Returns the placement's id.
pub async fn join(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    token: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let token = token.trim();
    let txn = crate::db::begin_write(db).await?;
    let row = linked(&txn, token, now).await?;
    if let Some(message) = refusal(&txn, actor, &row).await? {
        return Err(ServiceError::Conflict(message.into()));
    }
    // Redeeming is the single-use check: a second click racing this one gets `None`.
    match tokens::redeem_with_payload(&txn, token, Purpose::PlacementJoin, now).await? {
        Some((_, payload)) if payload == row.id.to_string() => {}
        _ => return Err(dead()),
    }
    // Conditional on nobody having joined: an old and a new link redeemed at once (or any
    // two redemptions) leave one student.
    let moved = placement::Entity::update_many()
        .col_expr(placement::Column::StudentId, Expr::value(Some(actor.user_id)))
        .col_expr(placement::Column::Status, Expr::value(PlacementStatus::AwaitingConsent.slug()))
        .col_expr(placement::Column::UpdatedAt, Expr::value(now))
        .filter(placement::Column::Id.eq(row.id))
        .filter(placement::Column::StudentId.is_null())
        .filter(placement::Column::Status.eq(PlacementStatus::AwaitingStudent))
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(dead());
    }
    audit::record(&txn, Event::PlacementJoined, Some(actor.user_id), &detail(row.id), "", now).await?;
    let link = format!("/placements/{}", row.id);
    let text = "The student joined the placement. It starts once they say whether they are under 18 \
                and, if they are, a parent or guardian agrees.";
    let notice = Notice::new(NoticeTopic::Decisions, "The student joined the placement", &link, text);
    tell(&txn, row.shop_id, &actor, &notice, now).await?;
    tell(&txn, row.program_id, &actor, &notice, now).await?;
    let text = "You joined the placement. Before it starts, say whether you are under 18.";
    let notice = Notice::new(NoticeTopic::Applications, "Say whether you are under 18", &link, text);
    notify_user(&txn, actor.user_id, &notice, now).await?;
    txn.commit().await?;
    Ok(row.id)
}
