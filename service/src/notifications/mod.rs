//! Notifications: every offer, decision, message and student interest lands in the
//! recipients' in-app list, and is emailed (through the outbox) unless the recipient turned
//! that topic's email off. Both are written in the caller's transaction, so a notice exists
//! exactly when the change it reports does.
pub mod list;
pub mod prefs;

use chrono::{DateTime, Utc};
use domain::notifications::NoticeTopic;
use entity::{app_user, email_opt_out, notification, org_member};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use crate::{accounts::outbox, authz::Actor};

/// What to tell people: the in-app title and link, and the email's subject and body.
#[derive(Debug, Clone)]
pub struct Notice<'a> {
    pub topic: NoticeTopic,
    /// Also the email's subject.
    pub title: &'a str,
    /// A local path, e.g. `/partnerships/7`.
    pub link: &'a str,
    pub email_body: &'a str,
}

impl<'a> Notice<'a> {
    pub fn new(topic: NoticeTopic, title: &'a str, link: &'a str, email_body: &'a str) -> Self {
        Self { topic, title, link, email_body }
    }
}

/// Notifies one person.
pub async fn notify_user(
    db: &impl ConnectionTrait,
    user_id: i64,
    notice: &Notice<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Some(user) = app_user::Entity::find_by_id(user_id).one(db).await? else { return Ok(()) };
    notification::ActiveModel {
        user_id: Set(user_id),
        topic: Set(notice.topic.slug().into()),
        title: Set(notice.title.into()),
        link: Set(notice.link.into()),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let opted_out = email_opt_out::Entity::find_by_id((user_id, notice.topic.slug().to_string()))
        .one(db)
        .await?
        .is_some();
    if !opted_out {
        outbox::enqueue(db, &user.email, notice.title, notice.email_body, now).await?;
    }
    Ok(())
}

/// Notifies every member of an organisation except the person who acted.
pub async fn notify_members(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    except: &Actor,
    notice: &Notice<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let members = org_member::Entity::find()
        .filter(org_member::Column::OrganisationId.eq(organisation_id))
        .filter(org_member::Column::UserId.ne(except.user_id))
        .all(db)
        .await?;
    for member in members {
        notify_user(db, member.user_id, notice, now).await?;
    }
    Ok(())
}
