//! A shop answers a student. Each interest in an opening (an "application") has a status the
//! shop's members set and the student reads under "My applications", and a private
//! conversation between the shop's members and that student.
//!
//! Who may do what is decided here, for every call:
//! - the student who applied reads the conversation, writes in it (until they withdraw),
//!   blocks or unblocks the shop;
//! - members of the shop read it and write in it while the application is not withdrawn,
//!   the shop is verified and the student has not blocked the shop; they alone set the status;
//! - nobody else learns that the application exists (admins included: what a student shares
//!   is for the shop; moderators read reported messages in their queue).
//!
//! The student's e-mail address never reaches the shop: the shop's side names the student by
//! what they shared, or "A student".
use chrono::{DateTime, Utc};
use domain::{
    notifications::NoticeTopic,
    openings::{ApplicationStatus, ConversationMessage, ConversationSide, ConversationView},
    orgs::OrgStatus,
};
use entity::{application_message, opening, opening_interest, organisation, shop_block};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
    sea_query::{Expr, OnConflict},
};

use super::lists::{at, details, program_names};
use crate::{
    authz::{self, Actor},
    error::ServiceError,
    limits::{self, Action},
    notifications::{Notice, notify_members, notify_user},
    submissions::{self, Claim},
};

/// Longest message.
pub const MAX_MESSAGE: usize = 4_000;
/// How the shop's side names a student who did not share their name.
pub const UNNAMED_STUDENT: &str = "A student";

/// An application as one of its parties reaches it.
pub struct Party {
    pub actor: Actor,
    pub side: ConversationSide,
    pub interest: opening_interest::Model,
    pub opening: opening::Model,
    pub shop: organisation::Model,
}

/// The application `interest_id` if the actor is its student or a member of its shop (and
/// the student has not withdrawn it); `NotFound` for everyone else, so that nobody learns
/// which applications exist.
pub async fn party(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    interest_id: i64,
) -> Result<Party, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let interest =
        opening_interest::Entity::find_by_id(interest_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let opening =
        opening::Entity::find_by_id(interest.opening_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let side = if interest.student_id == actor.user_id {
        ConversationSide::Student
    } else if interest.withdrawn_at.is_none()
        && authz::role_in(db, actor, opening.organisation_id).await?.is_some()
    {
        ConversationSide::Shop
    } else {
        return Err(ServiceError::NotFound);
    };
    let shop = crate::orgs::find(db, opening.organisation_id).await?;
    Ok(Party { actor, side, interest, opening, shop })
}

/// Whether the student stopped this shop from messaging them.
pub async fn is_blocked(
    db: &impl ConnectionTrait,
    student_id: i64,
    shop_id: i64,
) -> Result<bool, sea_orm::DbErr> {
    Ok(shop_block::Entity::find_by_id((student_id, shop_id)).one(db).await?.is_some())
}

/// The conversation page of an application, for its student or the shop's members.
pub async fn page(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    interest_id: i64,
) -> Result<ConversationView, ServiceError> {
    let Party { actor, side, interest, opening, shop } = party(db, actor, interest_id).await?;
    let zone = crate::accounts::zone::of(db, Some(actor)).await?;
    let rows = application_message::Entity::find()
        .filter(application_message::Column::InterestId.eq(interest_id))
        .order_by_asc(application_message::Column::Id)
        .all(db)
        .await?;
    let authors = crate::accounts::names::of(
        db,
        rows.iter().filter(|m| m.from_shop).filter_map(|m| m.author_id).collect(),
    )
    .await?;
    let student_label = interest.shared_name.clone().unwrap_or_else(|| UNNAMED_STUDENT.to_string());
    let messages = rows
        .into_iter()
        .map(|m| {
            let author = match (m.from_shop, side) {
                (true, _) => match m.author_id.and_then(|id| authors.get(&id)) {
                    Some(name) => format!("{name}, {}", shop.name),
                    None => format!("A member of {}", shop.name),
                },
                (false, ConversationSide::Student) => "You".to_string(),
                (false, ConversationSide::Shop) => student_label.clone(),
            };
            let hidden = m.hidden_at.is_some();
            ConversationMessage {
                id: m.id,
                author,
                from_shop: m.from_shop,
                body: if hidden { String::new() } else { m.body },
                hidden,
                at: at(m.created_at, zone),
            }
        })
        .collect();
    let programs = program_names(db, interest.shared_program_id.into_iter().collect()).await?;
    Ok(ConversationView {
        id: interest.id,
        side,
        opening_id: opening.id,
        opening_title: opening.title,
        shop_id: shop.id,
        shop_name: shop.name,
        student_label,
        shared: details(&interest, &programs),
        status: interest.status,
        status_changed_at: interest.status_changed_at.map(|t| at(t, zone)),
        messages,
        withdrawn: interest.withdrawn_at.is_some(),
        blocked: is_blocked(db, interest.student_id, opening.organisation_id).await?,
    })
}

/// Refuses the shop's side when it may not contact the student: the shop is not verified
/// (pending, suspended) or the student blocked it.
async fn shop_may_contact(db: &impl ConnectionTrait, party: &Party) -> Result<(), ServiceError> {
    if party.shop.status != OrgStatus::Verified {
        return Err(ServiceError::Conflict(
            "your shop is not verified at the moment, so it cannot contact students".into(),
        ));
    }
    if is_blocked(db, party.interest.student_id, party.shop.id).await? {
        return Err(ServiceError::Conflict("this student has stopped messages from your shop".into()));
    }
    Ok(())
}

/// Writes a message; returns its id (the first one's, when `submission` was used before).
/// A shop's first message moves a new application to "contacted". The other side is told
/// in-app and by e-mail (per their choices).
pub async fn post(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    interest_id: i64,
    body: &str,
    submission: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    // Read inside the writing transaction, so a withdrawal or block that landed meanwhile is
    // seen; who asks is settled before what they wrote is read.
    let party = party(&txn, actor, interest_id).await?;
    let body = crate::partnerships::text("body", body, 1, MAX_MESSAGE)?;
    if let Claim::Replayed(first) = submissions::claim(&txn, party.actor.user_id, submission, now).await? {
        txn.commit().await?;
        return Ok(first);
    }
    if party.interest.withdrawn_at.is_some() {
        return Err(ServiceError::Conflict(
            "you withdrew this application: express interest again to write to the shop".into(),
        ));
    }
    let from_shop = party.side == ConversationSide::Shop;
    if from_shop {
        shop_may_contact(&txn, &party).await?;
    }
    limits::check(&txn, Action::Message { user_id: party.actor.user_id }, now).await?;
    let message = application_message::ActiveModel {
        interest_id: Set(interest_id),
        author_id: Set(Some(party.actor.user_id)),
        from_shop: Set(from_shop),
        body: Set(body.clone()),
        created_at: Set(now),
        hidden_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    submissions::settle(&txn, party.actor.user_id, submission, message.id).await?;
    let link = format!("/applications/{interest_id}");
    let title = &party.opening.title;
    if from_shop {
        if party.interest.status == ApplicationStatus::New {
            move_status(&txn, interest_id, ApplicationStatus::New, ApplicationStatus::Contacted, now).await?;
        }
        let shop = &party.shop.name;
        let subject = format!("{shop} wrote about your application for “{title}”");
        let text = format!("{shop} wrote:\n\n{body}\n\nReply on Bayline: {site_url}{link}");
        let notice = Notice::new(NoticeTopic::Applications, &subject, &link, &text);
        notify_user(&txn, party.interest.student_id, &notice, now).await?;
    } else {
        // The e-mail names nobody and quotes nothing: what the student writes is read on
        // Bayline, signed in.
        let subject = format!("A student wrote about your opening “{title}”");
        let text = format!(
            "A student who applied to “{title}” sent your shop a message.\n\nRead it and answer: {site_url}{link}"
        );
        let notice = Notice::new(NoticeTopic::Interest, &subject, &link, &text);
        notify_members(&txn, party.shop.id, &party.actor, &notice, now).await?;
    }
    txn.commit().await?;
    Ok(message.id)
}

/// Moves an application from `from` to `to`; whether it moved (a conditional UPDATE, so two
/// members setting a status at once change it once).
async fn move_status(
    db: &impl ConnectionTrait,
    interest_id: i64,
    from: ApplicationStatus,
    to: ApplicationStatus,
    now: DateTime<Utc>,
) -> Result<bool, sea_orm::DbErr> {
    let result = opening_interest::Entity::update_many()
        .col_expr(opening_interest::Column::Status, Expr::value(to.slug()))
        .col_expr(opening_interest::Column::StatusChangedAt, Expr::value(Some(now)))
        .filter(opening_interest::Column::Id.eq(interest_id))
        .filter(opening_interest::Column::Status.eq(from))
        .filter(opening_interest::Column::WithdrawnAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Sets an application's status (the shop's members only). The student is told, unless
/// they blocked the shop; setting the status it already has changes nothing.
pub async fn set_status(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    interest_id: i64,
    status: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<ApplicationStatus, ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    // Who asks is settled before what they sent is read.
    let party = party(&txn, actor, interest_id).await?;
    if party.side != ConversationSide::Shop {
        return Err(ServiceError::Forbidden);
    }
    let to = ApplicationStatus::from_slug(status.trim())
        .ok_or_else(|| ServiceError::invalid("status", "choose one of the statuses listed"))?;
    if party.shop.status != OrgStatus::Verified {
        return Err(ServiceError::Conflict(
            "your shop is not verified at the moment, so it cannot answer students".into(),
        ));
    }
    let from = party.interest.status;
    if from == to || !move_status(&txn, interest_id, from, to, now).await? {
        txn.commit().await?;
        return Ok(to);
    }
    if !is_blocked(&txn, party.interest.student_id, party.shop.id).await? {
        let (shop, title) = (&party.shop.name, &party.opening.title);
        let link = format!("/applications/{interest_id}");
        let subject = format!("Your application for “{title}” at {shop}: {}", to.label());
        let text = format!(
            "{shop} set your application for “{title}” to “{}”.\n\nSee it and write to the shop: {site_url}{link}",
            to.label()
        );
        let notice = Notice::new(NoticeTopic::Applications, &subject, &link, &text);
        notify_user(&txn, party.interest.student_id, &notice, now).await?;
    }
    txn.commit().await?;
    Ok(to)
}

/// The student's own application, or `NotFound` (the shop's side may not block itself).
async fn own(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    interest_id: i64,
) -> Result<Party, ServiceError> {
    let party = party(db, actor, interest_id).await?;
    if party.side != ConversationSide::Student {
        return Err(ServiceError::Forbidden);
    }
    Ok(party)
}

/// The student stops the shop of this application from messaging them, on every opening
/// of that shop. Blocking twice changes nothing.
pub async fn block(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    interest_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let party = own(db, actor, interest_id).await?;
    shop_block::Entity::insert(shop_block::ActiveModel {
        student_id: Set(party.actor.user_id),
        organisation_id: Set(party.shop.id),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([shop_block::Column::StudentId, shop_block::Column::OrganisationId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The student lets the shop message them again.
pub async fn unblock(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    interest_id: i64,
) -> Result<(), ServiceError> {
    let party = own(db, actor, interest_id).await?;
    shop_block::Entity::delete_by_id((party.actor.user_id, party.shop.id)).exec(db).await?;
    Ok(())
}

/// How many messages each of these applications' conversations holds.
pub async fn message_counts(
    db: &impl ConnectionTrait,
    interest_ids: &[i64],
) -> Result<std::collections::HashMap<i64, u64>, ServiceError> {
    if interest_ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let rows: Vec<(i64, i64)> = application_message::Entity::find()
        .select_only()
        .column(application_message::Column::InterestId)
        .column_as(application_message::Column::Id.count(), "n")
        .filter(application_message::Column::InterestId.is_in(interest_ids.to_vec()))
        .group_by(application_message::Column::InterestId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, u64::try_from(n).unwrap_or(0))).collect())
}
