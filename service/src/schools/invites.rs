//! Inviting an imported school to Bayline. A member of a verified shop invites a listing's
//! school by one e-mail to the address the list gives (never shown to anyone: the page says
//! only that the list gives one) or by a printed letter; both carry the claim link
//! `{site}/schools/high-school?listing=ID`. Every invitation is a `school_invite` row: one per
//! shop, listing and channel (a unique index, so a replayed or racing form sends nothing
//! twice), and e-mails count against a daily limit per shop.
//!
//! The e-mail opt-out (`email_opt_out`) is a person's choice per notification topic and is
//! keyed by account: a school's address from a list has none. What bounds the mail a school
//! gets instead is that each shop can e-mail it once, and a shop only so many schools a day.
use chrono::{DateTime, Utc};
use domain::{
    orgs::{OrgKind, OrgStatus, ShopType},
    school_invites::{InviteChannel, InviteLetter, ListingPage, ShopInvites},
};
use entity::{app_user, organisation, school_invite, school_listing};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, Set,
    sea_query::OnConflict,
};

use crate::{
    accounts::{
        audit::{self, Event},
        outbox,
    },
    authz::{self, Actor},
    error::ServiceError,
    limits::{self, Action},
    orgs::find,
    partnerships::is_verified_shop,
};

/// Where an instructor adds the listed school to Bayline.
pub fn claim_url(site_url: &str, listing_id: i64) -> String {
    format!("{}/schools/high-school?listing={listing_id}", site_url.trim_end_matches('/'))
}

async fn listing(db: &impl ConnectionTrait, id: i64) -> Result<school_listing::Model, ServiceError> {
    school_listing::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)
}

/// A listing's public page; the actor's verified shops and their invitations when they
/// belong to any.
pub async fn page(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    id: i64,
) -> Result<ListingPage, ServiceError> {
    let row = listing(db, id).await?;
    let invites =
        school_invite::Entity::find().filter(school_invite::Column::ListingId.eq(id)).all(db).await?;
    let mut shops: Vec<i64> = invites.iter().map(|i| i.shop_id).collect();
    shops.sort_unstable();
    shops.dedup();
    let claimed_by = match row.claimed_org_id {
        Some(org) => organisation::Entity::find_by_id(org).one(db).await?.map(|o| (o.id, o.name)),
        None => None,
    };
    let day = |at: DateTime<Utc>| at.format("%Y-%m-%d").to_string();
    let my_shops = verified_shops(db, actor)
        .await?
        .into_iter()
        .map(|shop| {
            let of = |channel| {
                invites
                    .iter()
                    .find(|i| i.shop_id == shop.id && i.channel == channel)
                    .map(|i| day(i.created_at))
            };
            ShopInvites {
                shop_id: shop.id,
                emailed_on: of(InviteChannel::Email),
                letter_on: of(InviteChannel::Letter),
                shop_name: shop.name,
            }
        })
        .collect();
    Ok(ListingPage {
        id: row.id,
        kinds: domain::vocabulary::split_slugs(&row.kinds),
        name: row.name,
        city: row.city,
        state: row.state,
        level: row.level,
        source: row.source,
        source_line: u32::try_from(row.source_line).unwrap_or_default(),
        located_by_zip: row.located_by_zip,
        claimed_by,
        shops_invited: shops.len() as u64,
        has_address: row.contact_email.as_deref().is_some_and(|e| !e.trim().is_empty()),
        my_shops,
    })
}

/// The verified shops the actor belongs to (none for visitors).
async fn verified_shops(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<organisation::Model>, ServiceError> {
    if actor.is_none() {
        return Ok(Vec::new());
    }
    Ok(crate::orgs::members::mine(db, actor)
        .await?
        .into_iter()
        .map(|(org, _)| org)
        .filter(is_verified_shop)
        .collect())
}

/// The actor as a member of `shop_id`, which must be a verified shop, and the unclaimed
/// listing: who may invite, checked before anything else.
async fn inviter(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    listing_id: i64,
    shop_id: i64,
) -> Result<(Actor, organisation::Model, school_listing::Model), ServiceError> {
    let (actor, _) = authz::member(db, actor, shop_id).await?;
    let shop = find(db, shop_id).await?;
    // A school program's members do not invite schools as a shop.
    if shop.kind != OrgKind::Shop {
        return Err(ServiceError::Forbidden);
    }
    if !is_verified_shop(&shop) {
        return Err(ServiceError::Conflict(if shop.status == OrgStatus::Pending {
            "only verified shops can invite schools; wait for your shop's verification".into()
        } else {
            "only verified shops can invite schools".into()
        }));
    }
    let row = listing(db, listing_id).await?;
    if row.claimed_org_id.is_some() {
        return Err(ServiceError::Conflict(
            "this school is on Bayline already: no invitation is needed".into(),
        ));
    }
    Ok((actor, shop, row))
}

/// Records an invitation unless the shop made one by this channel already; whether this
/// call made it.
async fn record(
    db: &impl ConnectionTrait,
    actor: Actor,
    listing_id: i64,
    shop_id: i64,
    channel: InviteChannel,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let inserted = school_invite::Entity::insert(school_invite::ActiveModel {
        listing_id: Set(listing_id),
        shop_id: Set(shop_id),
        user_id: Set(Some(actor.user_id)),
        channel: Set(channel),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            school_invite::Column::ListingId,
            school_invite::Column::ShopId,
            school_invite::Column::Channel,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if inserted == 1 {
        // The listing, the shop and the channel: never the school's address.
        let detail = format!("listing {listing_id} by shop {shop_id} ({})", channel.slug());
        audit::record(db, Event::SchoolInvited, Some(actor.user_id), &detail, "", now).await?;
    }
    Ok(inserted == 1)
}

/// A shop's member invites the listed school by `channel` (a form's `email` or `letter`):
/// who may is checked first, then the channel. Returns the channel used.
pub async fn invite(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    listing_id: i64,
    shop_id: i64,
    channel: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<InviteChannel, ServiceError> {
    inviter(db, actor, listing_id, shop_id).await?;
    match InviteChannel::from_slug(channel.trim()) {
        Some(InviteChannel::Email) => {
            invite_by_email(db, actor, listing_id, shop_id, site_url, now).await?;
            Ok(InviteChannel::Email)
        }
        Some(InviteChannel::Letter) => {
            record_letter(db, actor, listing_id, shop_id, now).await?;
            Ok(InviteChannel::Letter)
        }
        None => Err(ServiceError::invalid("channel", "choose an e-mail or a letter")),
    }
}

/// A shop's member e-mails the listed school an invitation, once per shop: the e-mail goes
/// to the address the list gives, through the outbox, naming the shop and the sender.
pub async fn invite_by_email(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    listing_id: i64,
    shop_id: i64,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let (actor, shop, row) = inviter(db, actor, listing_id, shop_id).await?;
    let Some(address) = row.contact_email.clone().filter(|e| !e.trim().is_empty()) else {
        return Err(ServiceError::invalid(
            "channel",
            "the list gives no e-mail address for this school: print a letter instead",
        ));
    };
    let already = || ServiceError::Conflict(format!("{} has e-mailed this school already", shop.name));
    let txn = crate::db::begin_write(db).await?;
    let sent = school_invite::Entity::find()
        .filter(school_invite::Column::ListingId.eq(listing_id))
        .filter(school_invite::Column::ShopId.eq(shop_id))
        .filter(school_invite::Column::Channel.eq(InviteChannel::Email))
        .one(&txn)
        .await?;
    // A replayed form is told it was sent, even at the limit; only a new e-mail counts.
    if sent.is_some() {
        return Err(already());
    }
    hold_limits(&txn, shop_id, listing_id).await?;
    limits::check(&txn, Action::InviteSchool { shop_id }, now).await?;
    limits::check(&txn, Action::InvitedSchool { listing_id }, now).await?;
    // Two forms at once: the unique index lets one insert; the other sends nothing.
    if !record(&txn, actor, listing_id, shop_id, InviteChannel::Email, now).await? {
        return Err(already());
    }
    let sender = app_user::Entity::find_by_id(actor.user_id)
        .one(&txn)
        .await?
        .map(|u| u.display_name.trim().to_string())
        .filter(|name| !name.is_empty());
    let (subject, body) = invitation_mail(&shop, &row, sender.as_deref(), site_url);
    outbox::enqueue(&txn, address.trim(), &subject, &body, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Takes the shop's and then the listing's row lock for the rest of the transaction
/// ([`crate::db::lock_row`]), so the e-mails counted against the shop's
/// daily limit and the school's weekly limit cannot change until this invitation is
/// written or dropped. On PostgreSQL (READ COMMITTED) two shops inviting a school that has
/// had two e-mails this week would otherwise both count two and both send a third and
/// fourth; SQLite's write transactions are already one at a time. Always the shop first,
/// then the listing, so two invitations never wait for each other in a circle.
pub async fn hold_limits(
    txn: &DatabaseTransaction,
    shop_id: i64,
    listing_id: i64,
) -> Result<(), ServiceError> {
    let shop = crate::db::lock_row::<organisation::Entity>(txn, organisation::Column::Id, shop_id).await?;
    let listing =
        crate::db::lock_row::<school_listing::Entity>(txn, school_listing::Column::Id, listing_id).await?;
    if !(shop && listing) {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// The invitation e-mail's subject and text.
fn invitation_mail(
    shop: &organisation::Model,
    school: &school_listing::Model,
    sender: Option<&str>,
    site_url: &str,
) -> (String, String) {
    let kind = shop.shop_type.as_deref().and_then(ShopType::from_slug).map(|t| t.label().to_lowercase());
    let who = match sender {
        Some(name) => format!("{name} of {}", shop.name),
        None => format!("A member of {}", shop.name),
    };
    let shop_place = format!("{}, {}", shop.city, shop.state);
    let what = kind.map(|k| format!(" ({k}, {shop_place})")).unwrap_or_else(|| format!(" ({shop_place})"));
    let url = claim_url(site_url, school.id);
    let host = if school.web_host.is_empty() {
        String::new()
    } else {
        format!(
            "\n\nWith an e-mail address at {}, the school's own web address, it can be verified at once; \
             otherwise Bayline's admins check it first.",
            school.web_host
        )
    };
    let subject = format!("{} invites {} to Bayline", shop.name, school.name);
    let body = format!(
        "{who}{what}, a shop verified on Bayline, invites {school_name} to Bayline.\n\n\
         Bayline connects automotive repair shops with high-school and college technician programs: \
         programs post what their students need (a guest speaker, a shop tour, equipment, \
         internships), and shops nearby offer to help. It is free for schools.\n\n\
         If you teach automotive, diesel, collision or heavy-truck repair at {school_name}, add your \
         program here:\n{url}{host}\n\n\
         Why you got this: Bayline's operator imported a list of schools (\"{source}\"), which gives \
         this address for {school_name}. {shop_name} chose to invite you; it has not seen the address. \
         Each shop can e-mail a school only once, so {shop_name} will not write again through Bayline. \
         If this is not for you, ignore this message.\n",
        school_name = school.name,
        shop_name = shop.name,
        source = school.source,
    );
    (subject, body)
}

/// A shop's member makes the printable letter: recorded the first time (the letter itself
/// can be printed again).
pub async fn record_letter(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    listing_id: i64,
    shop_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let (actor, _, _) = inviter(db, actor, listing_id, shop_id).await?;
    record(db, actor, listing_id, shop_id, InviteChannel::Letter, now).await?;
    Ok(())
}

/// The printable letter from `shop_id` (or, without one, the actor's first verified shop)
/// to the listed school.
pub async fn letter(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    listing_id: i64,
    shop_id: Option<i64>,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<InviteLetter, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let shop_id = match shop_id {
        Some(id) => id,
        None => match verified_shops(db, Some(actor)).await?.first() {
            Some(shop) => shop.id,
            None => return Err(ServiceError::Forbidden),
        },
    };
    let (_, shop, row) = inviter(db, Some(actor), listing_id, shop_id).await?;
    let lines = |street: &str, city: &str, state: &str, zip: &str| {
        let mut lines = Vec::new();
        if !street.trim().is_empty() {
            lines.push(street.trim().to_string());
        }
        lines.push(format!("{city}, {state} {zip}"));
        lines
    };
    Ok(InviteLetter {
        listing_id,
        school_address: lines(&row.street, &row.city, &row.state, &row.zip),
        school_name: row.name,
        shop_address: lines(&shop.street, &shop.city, &shop.state, &shop.zip),
        shop_name: shop.name,
        claim_url: claim_url(site_url, listing_id),
        dated: now.format("%B %-d, %Y").to_string(),
    })
}
