//! The audit log of security-relevant events.
use chrono::{DateTime, Utc};
use entity::audit_event;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

/// Events Bayline records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    SignUp,
    EmailVerified,
    SignIn,
    SignInFailed,
    SignOut,
    PasswordResetRequested,
    PasswordReset,
    PasswordChanged,
    EmailChangeRequested,
    EmailChanged,
    DataExported,
    AccountDeleted,
    AdminGranted,
    OrganisationCreated,
    OrganisationVerified,
    OrganisationRejected,
    MemberInvited,
    MemberJoined,
    MemberRemoved,
    RoleChanged,
    ContentHidden,
    ReportsDismissed,
    OrganisationSuspended,
    OrganisationReinstated,
    PaySubmissionReviewed,
    PlanChanged,
    DiscountCodeCreated,
    InvoiceIssued,
    InvoiceCancelled,
    PaymentRecorded,
    SecondFactorOn,
    SecondFactorOff,
    SecondFactorFailed,
    RecoveryCodesMade,
    RecoveryCodeUsed,
    SessionEnded,
    YearlyUpdateSaved,
    NeedFillRecorded,
    NeedFillRemoved,
    NeedFillDisputed,
    NeedFillDisputeWithdrawn,
    BadgeRevoked,
    BadgeRestored,
    PlacementCreated,
    PlacementAgeStated,
    PlacementConsentRequested,
    PlacementConsented,
    PlacementCoordinatorSet,
    PlacementEnded,
    PlacementHoursLogged,
    PlacementHoursCorrected,
    PlacementHoursConfirmed,
    PlacementHoursQueried,
    PlacementEvaluationWritten,
    SchoolInvited,
    /// A join link e-mailed to the student of a placement made from an offer (the detail
    /// names the placement only: never the address).
    PlacementJoinSent,
    PlacementJoined,
}

impl Event {
    pub fn name(self) -> &'static str {
        match self {
            Self::SignUp => "sign_up",
            Self::EmailVerified => "email_verified",
            Self::SignIn => "sign_in",
            Self::SignInFailed => "sign_in_failed",
            Self::SignOut => "sign_out",
            Self::PasswordResetRequested => "password_reset_requested",
            Self::PasswordReset => "password_reset",
            Self::PasswordChanged => "password_changed",
            Self::EmailChangeRequested => "email_change_requested",
            Self::EmailChanged => "email_changed",
            Self::DataExported => "data_exported",
            Self::AccountDeleted => "account_deleted",
            Self::AdminGranted => "admin_granted",
            Self::OrganisationCreated => "organisation_created",
            Self::OrganisationVerified => "organisation_verified",
            Self::OrganisationRejected => "organisation_rejected",
            Self::MemberInvited => "member_invited",
            Self::MemberJoined => "member_joined",
            Self::MemberRemoved => "member_removed",
            Self::RoleChanged => "role_changed",
            Self::ContentHidden => "content_hidden",
            Self::ReportsDismissed => "reports_dismissed",
            Self::OrganisationSuspended => "organisation_suspended",
            Self::OrganisationReinstated => "organisation_reinstated",
            Self::PaySubmissionReviewed => "pay_submission_reviewed",
            Self::PlanChanged => "plan_changed",
            Self::DiscountCodeCreated => "discount_code_created",
            Self::InvoiceIssued => "invoice_issued",
            Self::InvoiceCancelled => "invoice_cancelled",
            Self::PaymentRecorded => "payment_recorded",
            Self::SecondFactorOn => "second_factor_on",
            Self::SecondFactorOff => "second_factor_off",
            Self::SecondFactorFailed => "second_factor_failed",
            Self::RecoveryCodesMade => "recovery_codes_made",
            Self::RecoveryCodeUsed => "recovery_code_used",
            Self::SessionEnded => "session_ended",
            Self::YearlyUpdateSaved => "yearly_update_saved",
            Self::NeedFillRecorded => "need_fill_recorded",
            Self::NeedFillRemoved => "need_fill_removed",
            Self::NeedFillDisputed => "need_fill_disputed",
            Self::NeedFillDisputeWithdrawn => "need_fill_dispute_withdrawn",
            Self::BadgeRevoked => "badge_revoked",
            Self::BadgeRestored => "badge_restored",
            Self::PlacementCreated => "placement_created",
            Self::PlacementAgeStated => "placement_age_stated",
            Self::PlacementConsentRequested => "placement_consent_requested",
            Self::PlacementConsented => "placement_consented",
            Self::PlacementCoordinatorSet => "placement_coordinator_set",
            Self::PlacementEnded => "placement_ended",
            Self::PlacementHoursLogged => "placement_hours_logged",
            Self::PlacementHoursCorrected => "placement_hours_corrected",
            Self::PlacementHoursConfirmed => "placement_hours_confirmed",
            Self::PlacementHoursQueried => "placement_hours_queried",
            Self::PlacementEvaluationWritten => "placement_evaluation_written",
            Self::SchoolInvited => "school_invited",
            Self::PlacementJoinSent => "placement_join_sent",
            Self::PlacementJoined => "placement_joined",
        }
    }
}

pub async fn record(
    db: &impl ConnectionTrait,
    event: Event,
    user_id: Option<i64>,
    detail: &str,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    audit_event::ActiveModel {
        at: Set(now),
        user_id: Set(user_id),
        event: Set(event.name().to_string()),
        detail: Set(detail.to_string()),
        client_ip: Set(client_ip.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// How many times `event` was recorded since `since` for this detail (e.g. an email) or
/// client address.
pub async fn count_since(
    db: &impl ConnectionTrait,
    event: Event,
    since: DateTime<Utc>,
    detail: Option<&str>,
    client_ip: Option<&str>,
) -> Result<u64, DbErr> {
    let mut query = audit_event::Entity::find()
        .filter(audit_event::Column::Event.eq(event.name()))
        .filter(audit_event::Column::At.gte(since));
    if let Some(detail) = detail {
        query = query.filter(audit_event::Column::Detail.eq(detail));
    }
    if let Some(ip) = client_ip {
        query = query.filter(audit_event::Column::ClientIp.eq(ip));
    }
    query.count(db).await
}
