//! Moderation: any signed-in person reports a need, opening, message or organisation they
//! can see ([`report`]); admins work through the open reports grouped by what they are
//! about ([`queue`]) and hide the content, suspend the organisation, lift a suspension or
//! dismiss the reports ([`actions`]). Every admin action is audited and resolves the open
//! reports it answers in the same transaction.
pub mod actions;
pub mod queue;
pub mod report;

use domain::moderation::ReportTarget;
use entity::{
    application_message, need, opening, opening_interest, organisation, partnership, partnership_message,
};
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::{authz::Actor, error::ServiceError};

/// A reported thing as moderation sees it, whoever may otherwise read it.
#[derive(Debug, Clone)]
pub struct Subject {
    pub title: String,
    /// Where it is read; `None` for thread messages (private to their two organisations).
    pub href: Option<String>,
    /// A message's text; empty otherwise.
    pub excerpt: String,
    /// The organisation answerable for it.
    pub organisation: Option<organisation::Model>,
    pub hidden: bool,
}

/// Longest title of a message in the queue (its first words).
const MESSAGE_TITLE_CHARS: usize = 60;

/// The thing a report points at, or `NotFound` when it no longer exists.
pub async fn subject(
    db: &impl ConnectionTrait,
    target: ReportTarget,
    id: i64,
) -> Result<Subject, ServiceError> {
    match target {
        ReportTarget::Need => {
            let row = need::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)?;
            let org = crate::orgs::find(db, row.organisation_id).await?;
            Ok(Subject {
                title: row.title,
                href: Some(format!("/needs/{id}")),
                excerpt: String::new(),
                organisation: Some(org),
                hidden: row.hidden_at.is_some(),
            })
        }
        ReportTarget::Opening => {
            let row = opening::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)?;
            let org = crate::orgs::find(db, row.organisation_id).await?;
            Ok(Subject {
                title: row.title,
                href: Some(format!("/openings/{id}")),
                excerpt: String::new(),
                organisation: Some(org),
                hidden: row.hidden_at.is_some(),
            })
        }
        ReportTarget::Message => {
            let row =
                partnership_message::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)?;
            let thread = partnership::Entity::find_by_id(row.partnership_id)
                .one(db)
                .await?
                .ok_or(ServiceError::NotFound)?;
            let org = author_side(db, &row, &thread).await?;
            Ok(Subject {
                title: first_words(&row.body),
                href: None,
                excerpt: row.body,
                organisation: Some(org),
                hidden: row.hidden_at.is_some(),
            })
        }
        ReportTarget::ApplicationMessage => {
            let row =
                application_message::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)?;
            // A shop's message is the shop's to answer for; a student's belongs to no
            // organisation (hiding it is the only action).
            let organisation = if row.from_shop {
                let interest = opening_interest::Entity::find_by_id(row.interest_id)
                    .one(db)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                let opening = opening::Entity::find_by_id(interest.opening_id)
                    .one(db)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                Some(crate::orgs::find(db, opening.organisation_id).await?)
            } else {
                None
            };
            Ok(Subject {
                title: first_words(&row.body),
                href: None,
                excerpt: row.body,
                organisation,
                hidden: row.hidden_at.is_some(),
            })
        }
        ReportTarget::Organisation => {
            let org = crate::orgs::find(db, id).await?;
            Ok(Subject {
                title: org.name.clone(),
                href: Some(format!("/orgs/{id}")),
                excerpt: String::new(),
                hidden: false,
                organisation: Some(org),
            })
        }
    }
}

/// A message's first words, as the queue titles it.
fn first_words(body: &str) -> String {
    let mut title: String = body.chars().take(MESSAGE_TITLE_CHARS).collect();
    if body.chars().count() > MESSAGE_TITLE_CHARS {
        title.push('…');
    }
    title
}

/// The organisation a message was written for: the shop when its author belongs to it,
/// else the program (as the thread labels it).
async fn author_side(
    db: &impl ConnectionTrait,
    message: &partnership_message::Model,
    thread: &partnership::Model,
) -> Result<organisation::Model, ServiceError> {
    let in_shop = match message.author_id {
        Some(user_id) => {
            crate::authz::role_in(db, Actor { user_id, is_admin: false }, thread.shop_id).await?.is_some()
        }
        None => false,
    };
    crate::orgs::find(db, if in_shop { thread.shop_id } else { thread.program_id }).await
}

/// "need 12", as audit details name a target.
pub fn label(target: ReportTarget, id: i64) -> String {
    format!("{} {id}", target.slug())
}
