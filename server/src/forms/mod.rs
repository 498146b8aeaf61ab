//! Every write: the forms' POST handlers (and private downloads), one module per area, each
//! named like its read twin in `app/src/api/<area>.rs`, and in one list, [`routes`].
//!
//! Mutations are plain POST handlers (not server functions) so that they work without
//! JavaScript, can set cookies, and answer with a 303 redirect carrying any message in the
//! query string; what they share is in [`reply`]. The authorization test enumerates
//! [`routes`]: a new form route without an entry in its table fails that test.
use app::ssr::AppState;
use axum::routing::{MethodRouter, get, post};

pub mod account;
pub mod alerts;
pub mod applications;
pub mod careers;
pub mod claims;
pub mod events;
pub mod insights;
pub mod insights_contribute;
pub mod membership;
pub mod moderation;
pub mod needs;
pub mod notifications;
pub mod openings;
pub mod orgs;
pub mod partnerships;
pub mod placement_offers;
pub mod placement_records;
pub mod placements;
pub mod reply;
pub mod resources;
pub mod school_year;
pub mod schools;
pub mod second_factor;
pub mod session;

/// The form routes (POST) and private downloads (GET).
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/signup", post(session::sign_up)),
        ("/login", post(session::sign_in)),
        ("/logout", post(session::sign_out)),
        ("/verify-email", post(session::verify_email)),
        ("/shops", post(orgs::create_shop)),
        ("/schools/claim", post(claims::claim_program)),
        ("/claims/{id}/accept", post(claims::accept)),
        ("/claims/{id}/refuse", post(claims::decline)),
        ("/schools/high-school", post(orgs::add_high_school_program)),
        ("/schools/listings/{id}/invite", post(schools::invite)),
        ("/orgs/{id}/invite", post(orgs::invite)),
        ("/orgs/{id}/remove-member", post(orgs::remove_member)),
        ("/orgs/{id}/transfer", post(orgs::transfer_ownership)),
        ("/orgs/{id}/needs", post(needs::create_need)),
        ("/needs/{id}/status", post(needs::change_status)),
        ("/needs/{id}/fill", post(school_year::record_fill)),
        ("/needs/{id}/fill/remove", post(school_year::remove_fill)),
        ("/needs/{id}/fill/dispute", post(school_year::dispute_fill)),
        ("/needs/{id}/fill/withdraw-dispute", post(school_year::withdraw_dispute)),
        ("/orgs/{id}/year-update", post(school_year::save_update)),
        ("/admin/recognition/revoke", post(school_year::revoke)),
        ("/admin/recognition/restore", post(school_year::restore)),
        ("/needs/{id}/offers", post(partnerships::make_offer)),
        ("/offers/{id}/accept", post(partnerships::accept_offer)),
        ("/offers/{id}/decline", post(partnerships::decline_offer)),
        ("/orgs/{id}/partnerships", post(partnerships::propose)),
        ("/partnerships/{id}/accept", post(partnerships::accept)),
        ("/partnerships/{id}/decline", post(partnerships::decline)),
        ("/partnerships/{id}/end", post(partnerships::end)),
        ("/partnerships/{id}/complete", post(partnerships::complete)),
        ("/partnerships/{id}/messages", post(partnerships::message)),
        ("/notifications/{id}/open", post(notifications::open)),
        ("/notifications/read", post(notifications::mark_all_read)),
        ("/notifications/emails", post(notifications::choose_emails)),
        ("/account/alerts", post(alerts::save)),
        ("/account/alerts/{id}", post(alerts::edit)),
        ("/account/alerts/{id}/pause", post(alerts::pause)),
        ("/account/alerts/{id}/resume", post(alerts::resume)),
        ("/account/alerts/{id}/delete", post(alerts::delete)),
        ("/alerts/unsubscribe", post(alerts::unsubscribe)),
        ("/orgs/{id}/openings", post(openings::create_opening)),
        ("/openings/{id}/status", post(openings::change_status)),
        ("/openings/{id}/interest", post(openings::express_interest)),
        ("/openings/{id}/withdraw", post(openings::withdraw_interest)),
        ("/applications/{id}/messages", post(applications::message)),
        ("/applications/{id}/status", post(applications::set_status)),
        ("/applications/{id}/block", post(applications::block)),
        ("/applications/{id}/unblock", post(applications::unblock)),
        ("/applications/{id}/placement", post(placements::create_placement)),
        ("/placements/{id}/age", post(placements::state_age)),
        ("/placements/{id}/consent/resend", post(placements::resend_consent)),
        ("/placements/{id}/coordinator", post(placements::set_coordinator)),
        ("/placements/{id}/end", post(placements::end)),
        ("/guardian-consent", post(placements::agree)),
        ("/placements/{id}/hours", post(placement_records::log)),
        ("/placements/{id}/hours/{entry}/confirm", post(placement_records::confirm)),
        ("/placements/{id}/hours/{entry}/query", post(placement_records::query)),
        ("/placements/{id}/evaluations", post(placement_records::evaluate)),
        ("/orgs/{id}/placements.csv", get(placement_records::csv)),
        ("/offers/{id}/placements", post(placement_offers::create)),
        ("/placements/{id}/join/resend", post(placement_offers::resend)),
        ("/placements/join", post(placement_offers::join)),
        ("/invitations/accept", post(orgs::accept_invitation)),
        ("/admin/claims/{id}/verify", post(claims::verify)),
        ("/admin/claims/{id}/refuse", post(claims::refuse)),
        ("/admin/orgs/{id}/verify", post(orgs::verify_organisation)),
        ("/admin/orgs/{id}/reject", post(orgs::reject_organisation)),
        ("/admin/orgs/{id}/suspend", post(moderation::suspend)),
        ("/admin/orgs/{id}/lift", post(moderation::lift)),
        ("/orgs/{id}/pay", post(insights_contribute::contribute)),
        ("/admin/insights/{id}/accept", post(insights_contribute::accept)),
        ("/admin/insights/{id}/reject", post(insights_contribute::reject)),
        ("/admin/schools/import", post(schools::upload)),
        ("/admin/schools/import/{id}/confirm", post(schools::confirm)),
        ("/admin/schools/import/{id}/discard", post(schools::discard)),
        ("/admin/resources", post(resources::create)),
        ("/admin/resources/{id}", post(resources::update)),
        ("/admin/resources/{id}/publish", post(resources::publish)),
        ("/admin/resources/{id}/delete", post(resources::delete)),
        ("/admin/reports/hide", post(moderation::hide)),
        ("/admin/reports/dismiss", post(moderation::dismiss)),
        ("/reports", post(moderation::file_report)),
        ("/saved-programs", post(orgs::save_program)),
        ("/saved-programs/remove", post(orgs::unsave_program)),
        ("/saved-paths", post(careers::save_path)),
        ("/saved-paths/remove", post(careers::unsave_path)),
        ("/forgot-password", post(account::forgot_password)),
        ("/reset-password", post(account::reset_password)),
        ("/confirm-email-change", post(account::confirm_email_change)),
        ("/login/code", post(second_factor::answer_challenge)),
        ("/account/second-factor/begin", post(second_factor::begin)),
        ("/account/second-factor/confirm", post(second_factor::confirm)),
        ("/account/second-factor/recovery-codes", post(second_factor::new_recovery_codes)),
        ("/account/second-factor/off", post(second_factor::turn_off)),
        ("/account/sessions/end", post(second_factor::end_session)),
        ("/account/sessions/end-others", post(second_factor::end_other_sessions)),
        ("/account/name", post(account::change_name)),
        ("/account/time-zone", post(account::change_time_zone)),
        ("/account/password", post(account::change_password)),
        ("/account/email", post(account::change_email)),
        ("/account/delete", post(account::delete_account)),
        ("/account/export.json", post(account::export)),
        ("/admin/billing", post(membership::save_billing)),
        ("/admin/plans", post(membership::create_plan)),
        ("/admin/plans/{id}/retire", post(membership::retire_plan)),
        ("/admin/plans/{id}/offer", post(membership::offer_plan)),
        ("/admin/discount-codes", post(membership::create_code)),
        ("/orgs/{id}/membership", post(membership::confirm_checkout)),
        ("/invoices/{id}/cancel", post(membership::cancel_invoice)),
        ("/admin/invoices/{id}/paid", post(membership::mark_paid)),
        ("/insights.csv", get(insights::csv)),
        ("/events", post(events::create)),
        ("/events/{id}/edit", post(events::edit)),
        ("/events/{id}/cancel", post(events::cancel_event)),
        ("/events/{id}/register", post(events::register)),
        ("/events/{id}/unregister", post(events::unregister)),
        ("/events/{id}/calendar.ics", get(events::calendar)),
    ]
}
