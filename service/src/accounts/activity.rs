//! The part of a person's data export about what they did on the platform: the interest
//! they expressed in openings (with exactly what they shared), their event registrations,
//! their notifications, the topics they stopped emailing, and the reports they filed.
use chrono::{DateTime, SecondsFormat, Utc};
use entity::{email_opt_out, event_registration, notification, opening_interest, report};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Interest in an opening, as shared with its shop.
#[derive(Debug, Clone, Serialize)]
pub struct InterestData {
    pub opening_id: i64,
    pub shared_name: Option<String>,
    pub shared_program_id: Option<i64>,
    pub shared_completion: Option<String>,
    pub shared_certifications: Option<String>,
    pub expressed_at: String,
    pub withdrawn_at: Option<String>,
}

/// A registration for an event: registered, waitlisted or cancelled.
#[derive(Debug, Clone, Serialize)]
pub struct EventRegistrationData {
    pub event_id: i64,
    pub status: String,
    pub since: String,
    pub reminded_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NotificationData {
    pub topic: String,
    pub title: String,
    pub link: String,
    pub created_at: String,
    pub read_at: Option<String>,
}

/// A report the person filed (what about, why, and how it was resolved).
#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    pub target: String,
    pub target_id: i64,
    pub reason: String,
    pub note: String,
    pub created_at: String,
    pub status: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActivityData {
    pub opening_interests: Vec<InterestData>,
    pub event_registrations: Vec<EventRegistrationData>,
    pub notifications: Vec<NotificationData>,
    pub emails_turned_off: Vec<String>,
    pub reports_filed: Vec<ReportData>,
}

pub async fn of(db: &impl ConnectionTrait, user_id: i64) -> Result<ActivityData, DbErr> {
    let interests = opening_interest::Entity::find()
        .filter(opening_interest::Column::StudentId.eq(user_id))
        .order_by_asc(opening_interest::Column::Id)
        .all(db)
        .await?;
    let registrations = event_registration::Entity::find()
        .filter(event_registration::Column::UserId.eq(user_id))
        .order_by_asc(event_registration::Column::Id)
        .all(db)
        .await?;
    let notices = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_asc(notification::Column::Id)
        .all(db)
        .await?;
    let off = email_opt_out::Entity::find().filter(email_opt_out::Column::UserId.eq(user_id)).all(db).await?;
    let reports = report::Entity::find()
        .filter(report::Column::ReporterId.eq(user_id))
        .order_by_asc(report::Column::Id)
        .all(db)
        .await?;
    Ok(ActivityData {
        opening_interests: interests
            .into_iter()
            .map(|i| InterestData {
                opening_id: i.opening_id,
                shared_name: i.shared_name,
                shared_program_id: i.shared_program_id,
                shared_completion: i.shared_completion,
                shared_certifications: i.shared_certifications,
                expressed_at: time(i.created_at),
                withdrawn_at: i.withdrawn_at.map(time),
            })
            .collect(),
        event_registrations: registrations
            .into_iter()
            .map(|r| EventRegistrationData {
                event_id: r.event_id,
                status: r.status.slug().into(),
                since: time(r.created_at),
                reminded_at: r.reminded_at.map(time),
            })
            .collect(),
        notifications: notices
            .into_iter()
            .map(|n| NotificationData {
                topic: n.topic,
                title: n.title,
                link: n.link,
                created_at: time(n.created_at),
                read_at: n.read_at.map(time),
            })
            .collect(),
        emails_turned_off: off.into_iter().map(|o| o.topic).collect(),
        reports_filed: reports
            .into_iter()
            .map(|r| ReportData {
                target: r.target_kind,
                target_id: r.target_id,
                reason: r.reason,
                note: r.note,
                created_at: time(r.created_at),
                status: r.status.slug().into(),
            })
            .collect(),
    })
}
