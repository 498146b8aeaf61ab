//! A partnership's life: a shop proposes one to a verified program; the program accepts or
//! declines; either side ends an active one (with a reason) or marks it completed. Each
//! change is a conditional UPDATE on the status read, so two people acting at once cannot
//! both succeed.
use crate::Ctx;
use chrono::{DateTime, Utc};
use domain::{needs::NeedKind, notifications::NoticeTopic, partnerships::PartnershipStatus};
use entity::{partnership, partnership_message};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    sea_query::Expr,
};

use super::{
    MAX_REASON, is_verified_program, is_verified_shop, lost_race, party, record_event, refused_transition,
    tell,
};
use crate::{
    authz,
    error::ServiceError,
    limits::{self, Action},
    orgs::{fields, find},
};

/// Longest proposal message (it opens the thread, so a thread message's limit).
pub const MAX_PROPOSAL: usize = super::thread::MAX_MESSAGE;

/// A shop's member proposes a partnership to a verified program. If the two already have a
/// proposed or active partnership, that one is returned unchanged (a replayed form adds
/// nothing).
pub async fn propose(
    db: &DatabaseConnection,
    ctx: &Ctx,
    shop_id: i64,
    program_id: i64,
    kinds: &[NeedKind],
    message: &str,
) -> Result<i64, ServiceError> {
    let (actor, site_url, now) = (ctx.actor, ctx.site_url.as_str(), ctx.now);
    let (actor, _) = authz::member(db, actor, shop_id).await?;
    let shop = find(db, shop_id).await?;
    if !is_verified_shop(&shop) {
        return Err(ServiceError::Conflict("only verified shops can propose partnerships".into()));
    }
    let program = find(db, program_id).await?;
    if !is_verified_program(&program) {
        return Err(ServiceError::NotFound);
    }
    let mut chosen = kinds.to_vec();
    chosen.sort();
    chosen.dedup();
    if chosen.is_empty() {
        return Err(ServiceError::invalid("kinds", "choose at least one kind of partnership"));
    }
    let message = super::text("message", message, 1, MAX_PROPOSAL)?;
    let txn = crate::db::begin_write(db).await?;
    if let Some(existing) = running(&txn, shop_id, program_id).await? {
        txn.commit().await?;
        return Ok(existing.id);
    }
    limits::check(&txn, Action::OfferOrPropose { shop_id }, now).await?;
    let inserted = partnership::ActiveModel {
        shop_id: Set(shop_id),
        program_id: Set(program_id),
        kinds: Set(domain::vocabulary::join_slugs(&chosen)),
        status: Set(PartnershipStatus::Proposed),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(ServiceError::from);
    let row = match inserted {
        Ok(row) => row,
        Err(error) if lost_race(&error) => {
            // Proposed at the same moment from another server: that proposal stands.
            txn.rollback().await?;
            return running(db, shop_id, program_id).await?.map(|p| p.id).ok_or(error);
        }
        Err(error) => return Err(error),
    };
    record_event(&txn, row.id, &actor, None, PartnershipStatus::Proposed, "", now).await?;
    partnership_message::ActiveModel {
        partnership_id: Set(row.id),
        author_id: Set(Some(actor.user_id)),
        body: Set(message.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let body = format!(
        "{} proposes a partnership with {}:\n\n{message}\n\nAccept or decline it here: {site_url}/partnerships/{}",
        shop.name, program.name, row.id
    );
    let title = format!("{} proposes a partnership", shop.name);
    let link = format!("/partnerships/{}", row.id);
    tell(
        &txn,
        program_id,
        &actor,
        &crate::notifications::Notice::new(NoticeTopic::Offers, &title, &link, &body),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// The shop and program's proposed or active partnership, if any.
async fn running(
    db: &impl ConnectionTrait,
    shop_id: i64,
    program_id: i64,
) -> Result<Option<partnership::Model>, ServiceError> {
    Ok(partnership::Entity::find()
        .filter(partnership::Column::ShopId.eq(shop_id))
        .filter(partnership::Column::ProgramId.eq(program_id))
        .filter(
            partnership::Column::Status
                .is_in([PartnershipStatus::Proposed.slug(), PartnershipStatus::Active.slug()]),
        )
        .one(db)
        .await?)
}

/// Who may make a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Program,
    Either,
}

/// One status change: checks the actor's side, then moves `from` → `to` with a conditional
/// UPDATE, records it in the timeline and emails the other side.
async fn change(
    db: &DatabaseConnection,
    ctx: &Ctx,
    id: i64,
    who: Who,
    (from, to): (PartnershipStatus, PartnershipStatus),
    note: &str,
) -> Result<(), ServiceError> {
    let (actor, site_url, now) = (ctx.actor, ctx.site_url.as_str(), ctx.now);
    let (actor, row, sides) = party(db, actor, id).await?;
    if who == Who::Program && !sides.program {
        return Err(ServiceError::Forbidden);
    }
    let what = to.label().to_lowercase();
    let txn = crate::db::begin_write(db).await?;
    if !moved(&txn, id, from, to, now).await? {
        let current = partnership::Entity::find_by_id(id).one(&txn).await?.ok_or(ServiceError::NotFound)?;
        return Err(refused_transition(&what, current.status));
    }
    record_event(&txn, id, &actor, Some(from), to, note, now).await?;
    let shop = find(&txn, row.shop_id).await?;
    let program = find(&txn, row.program_id).await?;
    let why = if note.is_empty() { String::new() } else { format!("\n\n{note}") };
    let body = format!(
        "The partnership between {} and {} is {what}.{why}\n\n{site_url}/partnerships/{id}",
        shop.name, program.name
    );
    let subject = format!("Partnership {what}: {} and {}", shop.name, program.name);
    // Tell the side that did not act (both, when the actor belongs to both).
    let link = format!("/partnerships/{id}");
    let notice = crate::notifications::Notice::new(NoticeTopic::Decisions, &subject, &link, &body);
    if !sides.shop || sides.program {
        tell(&txn, row.shop_id, &actor, &notice, now).await?;
    }
    if !sides.program || sides.shop {
        tell(&txn, row.program_id, &actor, &notice, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// `UPDATE … SET status = to WHERE id = … AND status = from`; whether it matched.
async fn moved(
    txn: &impl ConnectionTrait,
    id: i64,
    from: PartnershipStatus,
    to: PartnershipStatus,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let result = partnership::Entity::update_many()
        .col_expr(partnership::Column::Status, Expr::value(to.slug()))
        .col_expr(partnership::Column::UpdatedAt, Expr::value(now))
        .filter(partnership::Column::Id.eq(id))
        .filter(partnership::Column::Status.eq(from))
        .exec(txn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The program accepts a proposal: it becomes active.
pub async fn accept(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> Result<(), ServiceError> {
    use PartnershipStatus::*;
    change(db, ctx, id, Who::Program, (Proposed, Active), "").await
}

/// The program declines a proposal, with an optional reason.
pub async fn decline(db: &DatabaseConnection, ctx: &Ctx, id: i64, reason: &str) -> Result<(), ServiceError> {
    let actor = ctx.actor;
    use PartnershipStatus::*;
    // Only the program decides: others are refused before their input is looked at.
    if !party(db, actor, id).await?.2.program {
        return Err(ServiceError::Forbidden);
    }
    let reason = fields::line("reason", reason, 0, MAX_REASON)?;
    change(db, ctx, id, Who::Program, (Proposed, Declined), &reason).await
}

/// Either side ends an active partnership; the reason is required.
pub async fn end(db: &DatabaseConnection, ctx: &Ctx, id: i64, reason: &str) -> Result<(), ServiceError> {
    let actor = ctx.actor;
    use PartnershipStatus::*;
    party(db, actor, id).await?;
    let reason = fields::line("reason", reason, 3, MAX_REASON)?;
    change(db, ctx, id, Who::Either, (Active, Ended), &reason).await
}

/// Either side marks an active partnership completed, with an optional note.
pub async fn complete(db: &DatabaseConnection, ctx: &Ctx, id: i64, note: &str) -> Result<(), ServiceError> {
    let actor = ctx.actor;
    use PartnershipStatus::*;
    party(db, actor, id).await?;
    let note = fields::line("note", note, 0, MAX_REASON)?;
    change(db, ctx, id, Who::Either, (Active, Completed), &note).await
}
