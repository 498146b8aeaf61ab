//! Reading partnerships and offers: a partnership's page (its two organisations' members
//! only), an organisation's partnerships (its members only), and the offers on a need (all
//! of them for the program's members, a shop's own for its members).
use std::collections::HashMap;

use domain::partnerships::{
    EventView, MessageView, OfferView, PartnershipActions, PartnershipStatus, PartnershipSummary,
    PartnershipView,
};
use entity::{offer, organisation, partnership, partnership_event, partnership_message};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{is_verified_shop, party};
use crate::{
    authz::{self, Actor},
    error::ServiceError,
    orgs::find,
};

/// A partnership's page for a member of either organisation.
/// Messages per thread page: the newest first; `before` pages back.
pub const MESSAGE_PAGE: u64 = 50;

/// A partnership's page for a member of either organisation: the timeline and the newest
/// messages (those before message `before`, when given).
pub async fn page(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    id: i64,
    before: Option<i64>,
) -> Result<PartnershipView, ServiceError> {
    let (reader, row, sides) = party(db, actor, id).await?;
    let zone = crate::accounts::zone::of(db, Some(reader)).await?;
    let (shop, program) = (find(db, row.shop_id).await?, find(db, row.program_id).await?);
    let events = partnership_event::Entity::find()
        .filter(partnership_event::Column::PartnershipId.eq(id))
        .order_by_asc(partnership_event::Column::At)
        .order_by_asc(partnership_event::Column::Id)
        .all(db)
        .await?;
    let mut newest =
        partnership_message::Entity::find().filter(partnership_message::Column::PartnershipId.eq(id));
    if let Some(before) = before {
        newest = newest.filter(partnership_message::Column::Id.lt(before));
    }
    // One more than a page tells whether older messages exist.
    let mut messages =
        newest.order_by_desc(partnership_message::Column::Id).limit(MESSAGE_PAGE + 1).all(db).await?;
    let older = (messages.len() as u64 > MESSAGE_PAGE).then(|| {
        messages.truncate(MESSAGE_PAGE as usize);
        messages.last().map(|m| m.id)
    });
    messages.reverse();
    let people: Vec<i64> =
        events.iter().filter_map(|e| e.actor_id).chain(messages.iter().filter_map(|m| m.author_id)).collect();
    // People by the name they chose, never by their e-mail address.
    let names = crate::accounts::names::of(db, people).await?;
    let name = |id: Option<i64>| {
        id.and_then(|id| names.get(&id).cloned()).unwrap_or_else(|| "a former member".into())
    };
    let mut shown_messages = Vec::with_capacity(messages.len());
    let mut for_shop: HashMap<i64, bool> = HashMap::new();
    for m in &messages {
        // Which organisation the author wrote for: the shop's when they belong to it.
        let side = match m.author_id {
            Some(user_id) => {
                let in_shop = match for_shop.get(&user_id) {
                    Some(known) => *known,
                    None => {
                        let author = Actor { user_id, is_admin: false };
                        let known = authz::role_in(db, author, row.shop_id).await?.is_some();
                        for_shop.insert(user_id, known);
                        known
                    }
                };
                if in_shop { shop.name.clone() } else { program.name.clone() }
            }
            None => String::new(),
        };
        // A hidden message keeps its place in the thread; its text stays on the server.
        let hidden = m.hidden_at.is_some();
        shown_messages.push(MessageView {
            id: m.id,
            at: crate::accounts::zone::moment(m.created_at, zone),
            author: name(m.author_id),
            side,
            body: if hidden { String::new() } else { m.body.clone() },
            hidden,
        });
    }
    let status = row.status;
    let actions = PartnershipActions {
        accept: sides.program && status == PartnershipStatus::Proposed,
        decline: sides.program && status == PartnershipStatus::Proposed,
        end: status == PartnershipStatus::Active,
        complete: status == PartnershipStatus::Active,
        message: status.is_open(),
    };
    Ok(PartnershipView {
        id,
        shop_id: shop.id,
        shop_name: shop.name,
        program_id: program.id,
        program_name: program.name,
        kinds: domain::vocabulary::split_slugs(&row.kinds),
        status,
        events: events
            .iter()
            .map(|e| EventView {
                at: crate::accounts::zone::moment(e.at, zone),
                actor: name(e.actor_id),
                from_status: e.from_status.as_deref().and_then(PartnershipStatus::from_slug),
                to_status: PartnershipStatus::from_slug(&e.to_status).unwrap_or(PartnershipStatus::Ended),
                note: e.note.clone(),
            })
            .collect(),
        messages: shown_messages,
        older_messages: older.flatten(),
        actions,
    })
}

/// An organisation's partnerships for its members: running ones first, newest first.
pub async fn for_organisation(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    organisation_id: i64,
) -> Result<Vec<PartnershipSummary>, ServiceError> {
    authz::member(db, actor, organisation_id).await?;
    let rows = partnership::Entity::find()
        .filter(
            Condition::any()
                .add(partnership::Column::ShopId.eq(organisation_id))
                .add(partnership::Column::ProgramId.eq(organisation_id)),
        )
        .order_by_desc(partnership::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let partner_id = if row.shop_id == organisation_id { row.program_id } else { row.shop_id };
        let partner = find(db, partner_id).await?;
        out.push(PartnershipSummary {
            id: row.id,
            partner_id,
            partner_name: partner.name,
            kinds: domain::vocabulary::split_slugs(&row.kinds),
            status: row.status,
        });
    }
    out.sort_by_key(|p| PartnershipStatus::ALL.iter().position(|s| *s == p.status));
    Ok(out)
}

/// The offers on a need the actor may see, and the verified shops they could still offer
/// from. Anonymous visitors and outsiders see none. The need must be visible to them.
pub async fn offers_for_need(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    need_id: i64,
) -> Result<(Vec<OfferView>, Vec<(i64, String)>), ServiceError> {
    let need = crate::needs::read::one(db, actor, need_id).await?;
    let Some(actor) = actor else { return Ok((Vec::new(), Vec::new())) };
    let program_member = authz::role_in(db, actor, need.organisation_id).await?.is_some();
    let zone = crate::accounts::zone::of(db, Some(actor)).await?;
    let my_shops: Vec<organisation::Model> = crate::orgs::members::mine(db, Some(actor))
        .await?
        .into_iter()
        .map(|(org, _)| org)
        .filter(is_verified_shop)
        .collect();
    let rows = offer::Entity::find()
        .filter(offer::Column::NeedId.eq(need_id))
        .order_by_asc(offer::Column::Id)
        .all(db)
        .await?;
    let mut offers = Vec::new();
    for row in &rows {
        if !program_member && !my_shops.iter().any(|s| s.id == row.shop_id) {
            continue;
        }
        let shop = find(db, row.shop_id).await?;
        offers.push(OfferView {
            id: row.id,
            need_id,
            shop_id: row.shop_id,
            shop_name: shop.name,
            message: row.message.clone(),
            status: row.status,
            decline_reason: row.decline_reason.clone(),
            partnership_id: row.partnership_id,
            created_at: crate::accounts::zone::moment(row.created_at, zone),
            can_decide: program_member,
        });
    }
    let open = need.status == domain::needs::NeedStatus::Open;
    let can_offer = my_shops
        .into_iter()
        .filter(|s| open && !rows.iter().any(|o| o.shop_id == s.id))
        .map(|s| (s.id, s.name))
        .collect();
    Ok((offers, can_offer))
}

/// The verified shops the actor belongs to (those they may offer or propose from); none
/// for anonymous visitors.
pub async fn my_verified_shops(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<(i64, String)>, ServiceError> {
    if actor.is_none() {
        return Ok(Vec::new());
    }
    Ok(crate::orgs::members::mine(db, actor)
        .await?
        .into_iter()
        .filter(|(org, _)| is_verified_shop(org))
        .map(|(org, _)| (org.id, org.name))
        .collect())
}
