//! Consent first for minors. The student says whether they are under 18 (nothing else:
//! no date of birth); for a minor they give a guardian's address, which gets a single-use
//! link (stored hashed, 14 days). The guardian reads the placement's terms — only those —
//! and agrees by typing their name; the time is recorded and the placement becomes active.
use chrono::{DateTime, Duration, Utc};
use domain::{
    notifications::NoticeTopic,
    placements::{CONSENT_LINK_DAYS, ConsentTerms, PlacementSide, PlacementStatus},
};
use entity::{app_user, placement};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr};

use super::{Party, UNNAMED_STUDENT, detail, party, task_areas};
use crate::{
    accounts::{
        audit::{self, Event},
        email::Email,
        outbox,
        tokens::{self, Purpose},
    },
    authz::Actor,
    error::ServiceError,
    limits,
    notifications::{Notice, notify_user},
    orgs::fields,
};

/// How long a consent link works.
pub const LINK_TTL: Duration = Duration::days(CONSENT_LINK_DAYS);
/// Longest guardian name.
pub const MAX_NAME: usize = 100;
/// What a link that no longer works says.
pub const DEAD_LINK: &str = "this consent link is not valid: it was used already, replaced by a newer one, or is more than 14 days old. Ask the student to send a new one from their placement page";

/// The student's answer (field names are the form's).
#[derive(Debug, Clone, Default)]
pub struct AgeForm {
    /// `yes` (under 18) or `no`.
    pub under_18: String,
    pub guardian_email: String,
}

/// The student's own placement, still awaiting consent.
async fn own_waiting(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    id: i64,
) -> Result<Party, ServiceError> {
    let party = party(db, actor, id).await?;
    if party.side != PlacementSide::Student {
        return Err(ServiceError::Forbidden);
    }
    if party.row.status != PlacementStatus::AwaitingConsent {
        return Err(ServiceError::Conflict(format!(
            "this placement is {} already",
            party.row.status.label().to_lowercase()
        )));
    }
    Ok(party)
}

/// The student says whether they are under 18. An adult's placement becomes active; a
/// minor's waits for the guardian, who is e-mailed the link. A student who said they are
/// under 18 cannot take it back (only change the guardian's address).
pub async fn state_age(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    form: &AgeForm,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<PlacementStatus, ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    let Party { actor, row, .. } = own_waiting(&txn, actor, id).await?;
    match form.under_18.trim() {
        "no" if row.minor == Some(true) => Err(ServiceError::invalid(
            "under_18",
            "you said you are under 18: your parent or guardian's consent is needed",
        )),
        "no" => {
            placement::Entity::update_many()
                .col_expr(placement::Column::Minor, Expr::value(Some(false)))
                .col_expr(placement::Column::Status, Expr::value(PlacementStatus::Active.slug()))
                .col_expr(placement::Column::UpdatedAt, Expr::value(now))
                .filter(placement::Column::Id.eq(id))
                .filter(placement::Column::Status.eq(PlacementStatus::AwaitingConsent))
                .exec(&txn)
                .await?;
            let detail = format!("{} student is 18 or over", detail(id));
            audit::record(&txn, Event::PlacementAgeStated, Some(actor.user_id), &detail, "", now).await?;
            txn.commit().await?;
            Ok(PlacementStatus::Active)
        }
        "yes" => {
            let email =
                Email::parse(&form.guardian_email).map_err(|m| ServiceError::invalid("guardian_email", m))?;
            let own = app_user::Entity::find_by_id(actor.user_id).one(&txn).await?;
            if own.is_some_and(|u| u.email.eq_ignore_ascii_case(email.as_str())) {
                return Err(ServiceError::invalid(
                    "guardian_email",
                    "that is your own address: give your parent or guardian's",
                ));
            }
            limits::check(&txn, limits::Action::ConsentMail { placement_id: id }, now).await?;
            placement::Entity::update_many()
                .col_expr(placement::Column::Minor, Expr::value(Some(true)))
                .col_expr(placement::Column::GuardianEmail, Expr::value(Some(email.as_str().to_string())))
                .col_expr(placement::Column::UpdatedAt, Expr::value(now))
                .filter(placement::Column::Id.eq(id))
                .exec(&txn)
                .await?;
            let detail = format!("{} student is under 18", detail(id));
            audit::record(&txn, Event::PlacementAgeStated, Some(actor.user_id), &detail, "", now).await?;
            send_link(&txn, &row, email.as_str(), actor, site_url, now).await?;
            txn.commit().await?;
            Ok(PlacementStatus::AwaitingConsent)
        }
        _ => Err(ServiceError::invalid("under_18", "say whether you are under 18")),
    }
}

/// Sends the guardian a new link (the student only, for a minor's placement awaiting
/// consent); earlier links stop working.
pub async fn resend(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    let Party { actor, row, .. } = own_waiting(&txn, actor, id).await?;
    let Some(email) = row.guardian_email.clone().filter(|_| row.minor == Some(true)) else {
        return Err(ServiceError::Conflict("say first whether you are under 18".into()));
    };
    limits::check(&txn, limits::Action::ConsentMail { placement_id: id }, now).await?;
    send_link(&txn, &row, &email, actor, site_url, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Replaces the placement's consent link and e-mails the new one to the guardian.
async fn send_link(
    db: &impl ConnectionTrait,
    row: &placement::Model,
    email: &str,
    actor: Actor,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let token = super::fresh_link(db, Purpose::PlacementConsent, row, actor, LINK_TTL, now).await?;
    let shop = crate::orgs::find(db, row.shop_id).await?.name;
    let body = format!(
        "A student who gave this address as their parent or guardian's has a work-based-learning \
         placement at {shop}, arranged on Bayline with their school.\n\nBecause the student is \
         under 18, it starts only when you agree. Read the placement's terms and, if you agree, \
         type your name there:\n{site_url}/guardian-consent?token={token}\n\nThe link works once, \
         for {CONSENT_LINK_DAYS} days. If you do not know the student, ignore this message."
    );
    outbox::enqueue(db, email, &format!("Your consent for a placement at {shop}"), &body, now).await?;
    audit::record(db, Event::PlacementConsentRequested, Some(actor.user_id), &detail(row.id), "", now)
        .await?;
    Ok(())
}

/// The placement a live consent link is for, awaiting consent.
async fn linked(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<placement::Model, ServiceError> {
    let dead = || ServiceError::Conflict(DEAD_LINK.into());
    if token.len() > 128 {
        return Err(dead());
    }
    let (_, payload) = tokens::peek(db, token, Purpose::PlacementConsent, now).await?.ok_or_else(dead)?;
    let id = payload.parse::<i64>().map_err(|_| dead())?;
    let row = placement::Entity::find_by_id(id).one(db).await?.ok_or_else(dead)?;
    if row.status != PlacementStatus::AwaitingConsent || row.minor != Some(true) || row.consented_at.is_some()
    {
        return Err(dead());
    }
    Ok(row)
}

/// What the guardian's link shows: that placement's terms and nothing else (no address,
/// no account, no other placement).
pub async fn terms(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<ConsentTerms, ServiceError> {
    let row = linked(db, token, now).await?;
    let shop = crate::orgs::find(db, row.shop_id).await?;
    let program = crate::orgs::find(db, row.program_id).await?;
    let shared_name = super::shared_name(db, &row).await?;
    let mentor = match row.mentor_id {
        Some(id) => crate::accounts::names::of(db, vec![id]).await?.remove(&id),
        None => None,
    };
    Ok(ConsentTerms {
        student_label: shared_name.unwrap_or_else(|| UNNAMED_STUDENT.to_lowercase()),
        shop_name: shop.name,
        program_name: program.name,
        mentor,
        starts_on: row.starts_on.to_string(),
        ends_on: row.ends_on.to_string(),
        weekly_hours: u32::try_from(row.weekly_hours).unwrap_or_default(),
        paid: row.paid,
        task_areas: task_areas(&row),
    })
}

/// The guardian agrees: their typed name and the time are recorded, the link is used up
/// and the placement becomes active. Returns the placement's id.
pub async fn agree(
    db: &DatabaseConnection,
    token: &str,
    name: &str,
    agreed: bool,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let row = linked(db, token, now).await?;
    let name = fields::line("name", name, 2, MAX_NAME)?;
    if !agreed {
        return Err(ServiceError::invalid("agree", "tick the box to agree to the terms"));
    }
    let txn = crate::db::begin_write(db).await?;
    // Redeeming is the single-use check: a second click racing this one gets `None`.
    match tokens::redeem_with_payload(&txn, token, Purpose::PlacementConsent, now).await? {
        Some((_, payload)) if payload == row.id.to_string() => {}
        _ => return Err(ServiceError::Conflict(DEAD_LINK.into())),
    }
    let moved = placement::Entity::update_many()
        .col_expr(placement::Column::ConsentName, Expr::value(Some(name.clone())))
        .col_expr(placement::Column::ConsentedAt, Expr::value(Some(now)))
        .col_expr(placement::Column::Status, Expr::value(PlacementStatus::Active.slug()))
        .col_expr(placement::Column::UpdatedAt, Expr::value(now))
        .filter(placement::Column::Id.eq(row.id))
        .filter(placement::Column::Status.eq(PlacementStatus::AwaitingConsent))
        .filter(placement::Column::ConsentedAt.is_null())
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(ServiceError::Conflict(DEAD_LINK.into()));
    }
    audit::record(&txn, Event::PlacementConsented, None, &detail(row.id), "", now).await?;
    if let Some(student) = row.student_id {
        let link = format!("/placements/{}", row.id);
        let text = "Your parent or guardian agreed to your placement: it is active now.";
        let notice = Notice::new(NoticeTopic::Applications, "Your placement is active", &link, text);
        notify_user(&txn, student, &notice, now).await?;
    }
    txn.commit().await?;
    Ok(row.id)
}
