//! Openings that verified shops post for students: internships, apprenticeships and
//! entry-level jobs. Members of the shop post and close them; students (anyone signed in
//! who is not of the shop) express interest, sharing only what they choose; the shop's
//! members see exactly that; the instructors of the program a student named see that the
//! student applied. The public reads only open, unhidden openings of verified shops.
pub mod conversation;
pub mod interest;
pub mod lists;
pub mod post;
pub mod read;

use domain::{
    needs::SkillArea,
    openings::{OpeningStatus, OpeningView, PayPeriod, Schedule},
    orgs::OrgStatus,
};
use entity::{opening, organisation};

use crate::needs::markdown;

/// Whether students and the public may see this opening: open, not hidden by moderation,
/// and posted by a shop whose status is exactly `verified` (pending, rejected or any
/// status added later keeps it hidden).
pub fn is_public(row: &opening::Model, shop: &organisation::Model) -> bool {
    row.status == OpeningStatus::Open && row.hidden_at.is_none() && shop.status == OrgStatus::Verified
}

/// Certifications are stored as comma-separated slugs.
pub fn certifications_to_column(skills: &[SkillArea]) -> String {
    crate::needs::skills_to_column(skills)
}

/// How an opening reads to pages: the description rendered to sanitised HTML.
pub fn view(row: &opening::Model, shop: &organisation::Model, distance_mi: Option<f64>) -> OpeningView {
    OpeningView {
        id: row.id,
        shop_id: shop.id,
        shop_name: shop.name.clone(),
        kind: row.kind,
        title: row.title.clone(),
        description_html: markdown::to_safe_html(&row.description),
        pay_min_cents: row.pay_min_cents,
        pay_max_cents: row.pay_max_cents,
        pay_period: PayPeriod::from_slug(&row.pay_period).unwrap_or(PayPeriod::Hourly),
        schedule: Schedule::from_slug(&row.schedule).unwrap_or(Schedule::Flexible),
        zip: row.zip.clone(),
        city: row.city.clone(),
        state: row.state.clone(),
        starts_on: row.starts_on.map(|d| d.format("%Y-%m-%d").to_string()),
        // An unknown status reads as closed: nothing more happens to it.
        status: row.status,
        distance_mi,
    }
}
