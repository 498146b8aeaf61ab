//! Server functions of the Industry Data Exchange's contribute, history and review pages.
//! They only read: contributions and review decisions go through the form handlers in
//! server/src/forms/insights_contribute.rs. The service layer decides who may (members of the shop;
//! admins for review), and no function here returns another shop's rows (rule 5 of
//! docs/privacy.md).
use leptos::prelude::*;

use crate::{
    error::AppError,
    insights_contribute_model::{ContributePageData, HeldView},
};

#[cfg(feature = "ssr")]
mod convert {
    use service::insights::history::OwnSubmission;

    use crate::insights_contribute_model::{BenefitsView, PayRowView, SubmissionStatus, SubmissionView};

    /// The first day figures may use `quarter`, as an ISO date.
    pub fn published_from(quarter: domain::insights::Quarter) -> String {
        service::insights::published_from(quarter).date_naive().to_string()
    }

    pub fn submission(own: &OwnSubmission) -> SubmissionView {
        let s = &own.submission;
        SubmissionView {
            id: s.id,
            quarter: s.quarter.clone(),
            status: match s.status {
                domain::insights::ReviewStatus::Rejected => SubmissionStatus::Rejected,
                // The service already reads held as accepted: both are "received".
                _ => SubmissionStatus::Received,
            },
            superseded: s.superseded_at.is_some(),
            submitted_on: s.submitted_at.date_naive().to_string(),
            published_from: service::insights::publish::counts_toward(s)
                .map(published_from)
                .unwrap_or_default(),
            counts_toward: s.counts_in.clone().filter(|q| *q != s.quarter),
            joins: (s.superseded_at.is_none() && s.status != domain::insights::ReviewStatus::Rejected).then(
                || {
                    let first_used =
                        service::insights::publish::counts_toward(s).map(published_from).unwrap_or_default();
                    domain::insights_progress::joins_sentence(
                        &domain::insights_progress::places_of_state(&s.state),
                        &first_used,
                    )
                },
            ),
            rows: own
                .rows
                .iter()
                .map(|r| PayRowView {
                    role: r.role.slug().into(),
                    pay_type: r.pay_type.clone(),
                    rate_cents: r.rate_cents,
                    flat_hours: r.flat_hours,
                    technicians: r.technicians,
                    experience: r.experience.clone(),
                    certification: r.certification.clone(),
                })
                .collect(),
            benefits: BenefitsView {
                health_insurance: s.health_insurance,
                retirement_match_pct: s.retirement_match_pct,
                tool_allowance_cents: s.tool_allowance_cents,
                paid_training: s.paid_training,
                ase_reimbursement: s.ase_reimbursement,
                uniforms: s.uniforms,
                pto_days: s.pto_days,
                sign_on_bonus_cents: s.sign_on_bonus_cents,
            },
            labor: [s.labor_mechanical_cents, s.labor_diesel_cents, s.labor_body_cents, s.labor_paint_cents],
        }
    }
}

/// `/orgs/{id}/pay`: the shop's own submissions and whether it may contribute now. Members
/// of the shop only (admins are not members: they review held values without names).
#[server(endpoint = "contribute_page")]
pub async fn contribute_page(id: String) -> Result<ContributePageData, AppError> {
    use domain::orgs::{OrgKind, OrgStatus};
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    // Asked first: it refuses everyone but the shop's members.
    let history = service::insights::history::own_submissions(&db, actor, id).await?;
    let profile = service::orgs::public::organisation(&db, actor, id).await?;
    if profile.kind != OrgKind::Shop {
        return Err(AppError::NotFound);
    }
    let blocked = match profile.status {
        OrgStatus::Verified if profile.shop_type.is_none() => {
            Some("Set your shop's type on its profile first: figures are grouped by it.".to_string())
        }
        OrgStatus::Verified => None,
        OrgStatus::Pending => Some(
            "Your shop is waiting for verification. Once Bayline's admins verify it, its members can contribute."
                .to_string(),
        ),
        OrgStatus::Rejected => Some(format!("Your shop was not verified ({}), so it cannot contribute.", profile.status_reason)),
        OrgStatus::Suspended => Some("Your shop is suspended, so it cannot contribute.".to_string()),
    };
    let now = chrono::Utc::now();
    let quarter = service::insights::quarter_of(now);
    let counts_toward = match blocked {
        None => service::insights::progress::counts_toward(&db, actor, id, now).await?,
        Some(_) => None,
    };
    Ok(ContributePageData {
        shop_id: id,
        shop_name: profile.name,
        blocked,
        quarter: quarter.to_string(),
        published_from: convert::published_from(quarter),
        counts_toward,
        history: history.iter().map(convert::submission).collect(),
    })
}

/// `/admin/insights`: the held submissions, oldest first. Admins only.
#[server(endpoint = "held_pay_submissions")]
pub async fn held_pay_submissions() -> Result<Vec<HeldView>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let held = service::insights::review::held(&db, actor, chrono::Utc::now()).await?;
    Ok(held
        .into_iter()
        .map(|h| HeldView {
            id: h.id,
            quarter: h.quarter,
            state: h.state,
            shop_group: h.shop_group,
            reasons: h.reasons,
            rows: h
                .rows
                .into_iter()
                .map(|r| crate::insights_contribute_model::PayRowView {
                    role: r.role.slug().into(),
                    pay_type: r.pay_type,
                    rate_cents: r.rate_cents,
                    flat_hours: r.flat_hours,
                    technicians: r.technicians,
                    experience: r.experience,
                    certification: r.certification,
                })
                .collect(),
            labor: h.labor,
            counts_toward: h.counts_toward,
        })
        .collect())
}
