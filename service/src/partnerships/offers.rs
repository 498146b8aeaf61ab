//! Offers: a member of a verified shop answers an open need with a message; the need's
//! program accepts (which makes or extends a partnership in the same transaction) or
//! declines. A shop offers once per need: the unique (need, shop) index turns a replayed
//! form into the offer already made.
use chrono::{DateTime, Utc};
use domain::{
    needs::{NeedKind, NeedStatus},
    notifications::NoticeTopic,
    partnerships::{OfferStatus, PartnershipStatus},
};
use entity::{need, offer, partnership};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    sea_query::{Expr, OnConflict},
};

use super::{MAX_REASON, is_verified_program, is_verified_shop, lost_race, record_event, tell};
use crate::{
    authz::{self, Actor},
    error::ServiceError,
    limits::{self, Action},
    orgs::{fields, find},
};

/// Longest offer message.
pub const MAX_MESSAGE: usize = 2_000;

/// An offer and whether this call made it (`false`: it existed already).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    pub offer_id: i64,
    pub created: bool,
}

/// A member of a verified shop offers on an open need. Submitting again returns the
/// existing offer unchanged.
pub async fn make(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    need_id: i64,
    shop_id: i64,
    message: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<Made, ServiceError> {
    let (actor, _) = authz::member(db, actor, shop_id).await?;
    if !is_verified_shop(&find(db, shop_id).await?) {
        return Err(ServiceError::Conflict(
            "only verified shops can offer; wait for your shop's verification".into(),
        ));
    }
    let row = need::Entity::find_by_id(need_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let program = find(db, row.organisation_id).await?;
    if !is_verified_program(&program) || row.hidden_at.is_some() {
        return Err(ServiceError::NotFound);
    }
    if row.status != NeedStatus::Open {
        return Err(ServiceError::Conflict("this need is not open any more".into()));
    }
    let message = super::text("message", message, 1, MAX_MESSAGE)?;
    let txn = crate::db::begin_write(db).await?;
    let already = offer::Entity::find()
        .filter(offer::Column::NeedId.eq(need_id))
        .filter(offer::Column::ShopId.eq(shop_id))
        .one(&txn)
        .await?;
    // A replayed form finds its offer, even at the limit; only a new offer counts.
    if already.is_none() {
        limits::check(&txn, Action::OfferOrPropose { shop_id }, now).await?;
    }
    let inserted = offer::Entity::insert(offer::ActiveModel {
        need_id: Set(need_id),
        shop_id: Set(shop_id),
        message: Set(message.clone()),
        status: Set(OfferStatus::Pending),
        decline_reason: Set(String::new()),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(OnConflict::columns([offer::Column::NeedId, offer::Column::ShopId]).do_nothing().to_owned())
    .exec_without_returning(&txn)
    .await?;
    let existing = offer::Entity::find()
        .filter(offer::Column::NeedId.eq(need_id))
        .filter(offer::Column::ShopId.eq(shop_id))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let created = inserted == 1;
    if created {
        let shop = find(&txn, shop_id).await?;
        let body = format!(
            "{} offers to help with your need \"{}\":\n\n{message}\n\nAccept or decline it here: {site_url}/needs/{need_id}",
            shop.name, row.title
        );
        let subject = format!("An offer on \"{}\"", row.title);
        let link = format!("/needs/{need_id}");
        tell(
            &txn,
            program.id,
            &actor,
            &crate::notifications::Notice::new(NoticeTopic::Offers, &subject, &link, &body),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(Made { offer_id: existing.id, created })
}

/// The offer, its need, and the actor checked to be a member of the need's program.
async fn for_program(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    offer_id: i64,
) -> Result<(Actor, offer::Model, need::Model), ServiceError> {
    let actor = authz::signed_in(actor)?;
    let found = offer::Entity::find_by_id(offer_id).find_also_related(need::Entity).one(db).await?;
    let Some((row, Some(need))) = found else { return Err(ServiceError::NotFound) };
    authz::member(db, Some(actor), need.organisation_id).await?;
    Ok((actor, row, need))
}

/// Moves a pending offer to `to`, or says why it cannot: of two deciding at once, the
/// second finds the status changed and gets a conflict.
async fn decide(
    txn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    offer_id: i64,
    to: OfferStatus,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let changed = offer::Entity::update_many()
        .col_expr(offer::Column::Status, Expr::value(to.slug()))
        .col_expr(offer::Column::DeclineReason, Expr::value(reason))
        .col_expr(offer::Column::DecidedBy, Expr::value(Some(actor.user_id)))
        .col_expr(offer::Column::DecidedAt, Expr::value(Some(now)))
        .filter(offer::Column::Id.eq(offer_id))
        .filter(offer::Column::Status.eq(OfferStatus::Pending))
        .exec(txn)
        .await?;
    if changed.rows_affected == 1 {
        return Ok(());
    }
    let current = offer::Entity::find_by_id(offer_id).one(txn).await?.ok_or(ServiceError::NotFound)?;
    let current = current.status;
    let verb = if to == OfferStatus::Accepted { "accepted" } else { "declined" };
    Err(ServiceError::Conflict(format!(
        "this offer was already {}, so it cannot be {verb}",
        current.label().to_lowercase()
    )))
}

/// Accepts an offer: the shop and the program become partners for the need's kind (a new
/// active partnership, or the running one extended and made active). Returns the
/// partnership.
pub async fn accept(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    offer_id: i64,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    match accept_once(db, actor, offer_id, site_url, now).await {
        // Another acceptance made the running partnership meanwhile: this one extends it.
        Err(error) if lost_race(&error) => accept_once(db, actor, offer_id, site_url, now).await,
        result => result,
    }
}

async fn accept_once(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    offer_id: i64,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let (actor, row, need) = for_program(db, actor, offer_id).await?;
    let txn = crate::db::begin_write(db).await?;
    decide(&txn, &actor, offer_id, OfferStatus::Accepted, "", now).await?;
    let kind = need.kind;
    let note = format!("Offer on \"{}\" accepted", need.title);
    let running = partnership::Entity::find()
        .filter(partnership::Column::ShopId.eq(row.shop_id))
        .filter(partnership::Column::ProgramId.eq(need.organisation_id))
        .filter(
            partnership::Column::Status
                .is_in([PartnershipStatus::Proposed.slug(), PartnershipStatus::Active.slug()]),
        )
        .one(&txn)
        .await?;
    let partnership_id = match running {
        Some(existing) => {
            let from = existing.status;
            let mut kinds: Vec<NeedKind> = domain::vocabulary::split_slugs(&existing.kinds);
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
            let id = existing.id;
            let mut changed: partnership::ActiveModel = existing.into();
            changed.kinds = Set(domain::vocabulary::join_slugs(&kinds));
            changed.status = Set(PartnershipStatus::Active);
            changed.updated_at = Set(now);
            changed.update(&txn).await?;
            record_event(&txn, id, &actor, Some(from), PartnershipStatus::Active, &note, now).await?;
            id
        }
        None => {
            let created = partnership::ActiveModel {
                shop_id: Set(row.shop_id),
                program_id: Set(need.organisation_id),
                kinds: Set(kind.slug().into()),
                status: Set(PartnershipStatus::Active),
                created_by: Set(Some(actor.user_id)),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            record_event(&txn, created.id, &actor, None, PartnershipStatus::Active, &note, now).await?;
            created.id
        }
    };
    offer::Entity::update_many()
        .col_expr(offer::Column::PartnershipId, Expr::value(Some(partnership_id)))
        .filter(offer::Column::Id.eq(offer_id))
        .exec(&txn)
        .await?;
    let body = format!(
        "Your offer on \"{}\" is accepted: you are partners now.\n\nThe partnership and its messages: {site_url}/partnerships/{partnership_id}",
        need.title
    );
    let title = format!("Offer accepted: \"{}\"", need.title);
    let link = format!("/partnerships/{partnership_id}");
    tell(
        &txn,
        row.shop_id,
        &actor,
        &crate::notifications::Notice::new(NoticeTopic::Decisions, &title, &link, &body),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(partnership_id)
}

/// Declines an offer, with an optional reason the shop is told. Returns the need.
pub async fn decline(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    offer_id: i64,
    reason: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let (actor, row, need) = for_program(db, actor, offer_id).await?;
    let reason = fields::line("reason", reason, 0, MAX_REASON)?;
    let txn = crate::db::begin_write(db).await?;
    decide(&txn, &actor, offer_id, OfferStatus::Declined, &reason, now).await?;
    let why = if reason.is_empty() { String::new() } else { format!("\n\nThe reason given: {reason}") };
    let body = format!("Your offer on \"{}\" was declined.{why}\n\n{site_url}/needs/{}", need.title, need.id);
    let title = format!("Offer declined: \"{}\"", need.title);
    let link = format!("/needs/{}", need.id);
    tell(
        &txn,
        row.shop_id,
        &actor,
        &crate::notifications::Notice::new(NoticeTopic::Decisions, &title, &link, &body),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(need.id)
}
