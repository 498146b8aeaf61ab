//! One period of an organisation's paid membership. Unpaid terms have no dates; paying the
//! term's invoice gives it 12 months starting the day it is paid (or when the current term
//! ends, for a renewal).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "member_term")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    pub plan_id: i64,
    pub status: domain::billing::TermStatus,
    pub starts_on: Option<Date>,
    /// The first day the membership no longer covers.
    pub ends_on: Option<Date>,
    /// When the reminder 30 days before the end was queued.
    pub month_reminder_at: Option<ChronoDateTimeUtc>,
    /// When the reminder 7 days before the end was queued.
    pub week_reminder_at: Option<ChronoDateTimeUtc>,
    pub created_at: ChronoDateTimeUtc,
}

crate::belongs_to! { Organisation: OrganisationId -> organisation related, Plan: PlanId -> plan related }

impl ActiveModelBehavior for ActiveModel {}
