//! The authorization table: every server function, form route, feed and API route, asked
//! by each of seven roles, with the answer each must get. The routes are discovered from the
//! running application (registered server functions, `forms::routes()`, `feeds::routes()`,
//! the OpenAPI document), so a new one without a row here fails this test. People and
//! schools are SYNTHETIC; ZIP centroids are real GeoNames rows.
use std::collections::{BTreeMap, BTreeSet};

use app::ssr::AppState;
use axum::{
    Router,
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use chrono::Utc;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use service::{
    accounts::sessions,
    authz::Actor,
    db_test,
    synthetic::world::{self, World},
    testing::add_real_zips,
};
use tower::ServiceExt;
use utoipa::OpenApi;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Role {
    Anonymous,
    Student,
    ShopMember,
    ShopOwner,
    InstructorA,
    InstructorB,
    Admin,
}

use Role::*;

pub(super) const ALL: &[Role] = &[Anonymous, Student, ShopMember, ShopOwner, InstructorA, InstructorB, Admin];
const SIGNED_IN: &[Role] = &[Student, ShopMember, ShopOwner, InstructorA, InstructorB, Admin];

/// The SYNTHETIC world the rows refer to (`service::synthetic::world`, also what the
/// browser tests visit), and its people by role.
pub(super) async fn build_world(db: &DatabaseConnection) -> (World, BTreeMap<Role, Actor>) {
    add_real_zips(db, &["48201"]).await;
    let world = world::build(db, 900001, Utc::now()).await.unwrap();
    let p = world.people;
    let actors = BTreeMap::from([
        (Student, p.student),
        (ShopMember, p.shop_member),
        (ShopOwner, p.shop_owner),
        (InstructorA, p.instructor_a),
        (InstructorB, p.instructor_b),
        (Admin, p.admin),
    ]);
    (world, actors)
}

/// A new session cookie for the role (none for the anonymous), one per request, so sign-out
/// and session rotation affect no other request.
pub(super) async fn fresh_session(
    db: &DatabaseConnection,
    actors: &BTreeMap<Role, Actor>,
    role: Role,
) -> Option<String> {
    let actor = actors.get(&role)?;
    let session = sessions::start(db, actor.user_id, Utc::now()).await.unwrap();
    Some(format!("bayline_session={}", session.token))
}

/// One row of the table: a request, and the roles that must be let through.
pub(super) struct Case {
    /// The route as registered (`/orgs/{id}/invite`, `/api/my_account`, …).
    pub(super) route: String,
    pub(super) method: Method,
    /// The concrete path and query asked.
    pub(super) uri: String,
    /// Form body. Bodies are chosen to fail validation where they could change the world,
    /// so a row proves the authorization check comes before anything else.
    pub(super) body: String,
    allowed: Vec<Role>,
}

fn post(route: &str, uri: impl Into<String>, body: &str, allowed: &[Role]) -> Case {
    Case {
        route: route.into(),
        method: Method::POST,
        uri: uri.into(),
        body: body.into(),
        allowed: allowed.to_vec(),
    }
}

fn get(route: &str, uri: impl Into<String>, allowed: &[Role]) -> Case {
    Case {
        route: route.into(),
        method: Method::GET,
        uri: uri.into(),
        body: String::new(),
        allowed: allowed.to_vec(),
    }
}

fn server_fn(endpoint: &str, body: &str, allowed: &[Role]) -> Case {
    let route = format!("/api/{endpoint}");
    post(&route, route.clone(), body, allowed)
}

pub(super) fn table(w: &World) -> Vec<Case> {
    let (shop, a, b, pending) = (w.shop, w.program_a, w.program_b, w.pending_school);
    let (need, filled) = (w.need, w.filled_need);
    let (vshop, p, offer) = (w.verified_shop, w.partnership, w.offer);
    let (opening, closed_opening) = (w.opening, w.closed_opening);
    const SHOP: &[Role] = &[ShopMember, ShopOwner];
    const PARTIES: &[Role] = &[ShopMember, ShopOwner, InstructorA];
    const STUDENT_AND_SHOP: &[Role] = &[Student, ShopMember, ShopOwner];
    let long_note = format!("note={}", "x".repeat(501));
    let long_reason = format!("reason={}", "x".repeat(501));
    let message = w.message;
    let listing = w.listing;
    vec![
        // Reports: anyone signed in, about what they can see (a need visible to them, a
        // message of their own thread, an organisation whose page they can open). The
        // bodies lack a reason, so nothing is filed.
        server_fn("report_subject", &format!("target=need&id={need}"), SIGNED_IN),
        server_fn("report_subject", &format!("target=need&id={filled}"), &[InstructorA, Admin]),
        server_fn("report_subject", &format!("target=message&id={message}"), PARTIES),
        server_fn(
            "report_subject",
            &format!("target=organisation&id={shop}"),
            &[ShopMember, ShopOwner, Admin],
        ),
        post("/reports", "/reports", &format!("target=need&target_id={need}&reason="), SIGNED_IN),
        post(
            "/reports",
            "/reports",
            &format!("target=need&target_id={filled}&reason="),
            &[InstructorA, Admin],
        ),
        post("/reports", "/reports", &format!("target=message&target_id={message}&reason="), PARTIES),
        post(
            "/reports",
            "/reports",
            &format!("target=organisation&target_id={shop}&reason="),
            &[ShopMember, ShopOwner, Admin],
        ),
        post("/reports", "/reports", &format!("target=organisation&target_id={vshop}&reason="), SIGNED_IN),
        // The moderation queue and its actions: admins only (the bodies fail validation;
        // lifting a verified shop's suspension changes nothing).
        server_fn("moderation_queue", "", &[Admin]),
        post("/admin/reports/hide", "/admin/reports/hide", "target=need&target_id=abc", &[Admin]),
        post("/admin/reports/dismiss", "/admin/reports/dismiss", "target=need&target_id=abc", &[Admin]),
        post("/admin/orgs/{id}/suspend", format!("/admin/orgs/{vshop}/suspend"), &long_reason, &[Admin]),
        post("/admin/orgs/{id}/lift", format!("/admin/orgs/{vshop}/lift"), "", &[Admin]),
        // Partnerships: their two organisations' members only (admins are not parties).
        server_fn("partnership_page", &format!("id={p}"), PARTIES),
        server_fn("organisation_partnerships", &format!("id={vshop}"), SHOP),
        server_fn("organisation_partnerships", &format!("id={a}"), &[InstructorA]),
        server_fn("need_offers", &format!("id={need}"), ALL),
        server_fn("need_offers", &format!("id={filled}"), &[InstructorA, Admin]),
        server_fn("proposal_shops", "", ALL),
        // Offers from members of the verified shop; the program's members decide (the
        // offer is declined already, so deciding again is a conflict, not a change).
        post(
            "/needs/{id}/offers",
            format!("/needs/{need}/offers"),
            &format!("shop_id={vshop}&message="),
            SHOP,
        ),
        post("/needs/{id}/offers", format!("/needs/{need}/offers"), "shop_id=abc&message=", &[]),
        post(
            "/offers/{id}/accept",
            format!("/offers/{offer}/accept"),
            &format!("need_id={need}"),
            &[InstructorA],
        ),
        post("/offers/{id}/decline", format!("/offers/{offer}/decline"), "reason=", &[InstructorA]),
        post(
            "/orgs/{id}/partnerships",
            format!("/orgs/{a}/partnerships"),
            &format!("shop_id={vshop}&message="),
            SHOP,
        ),
        post("/partnerships/{id}/accept", format!("/partnerships/{p}/accept"), "", &[InstructorA]),
        post("/partnerships/{id}/decline", format!("/partnerships/{p}/decline"), "reason=", &[InstructorA]),
        post("/partnerships/{id}/end", format!("/partnerships/{p}/end"), "reason=", PARTIES),
        post("/partnerships/{id}/complete", format!("/partnerships/{p}/complete"), &long_note, PARTIES),
        post("/partnerships/{id}/messages", format!("/partnerships/{p}/messages"), "body=", PARTIES),
        // Notifications: everyone signed in has their own; only its owner opens one.
        server_fn("my_notifications", "", SIGNED_IN),
        server_fn("my_email_choices", "", SIGNED_IN),
        post("/notifications/read", "/notifications/read", "", SIGNED_IN),
        post("/notifications/emails", "/notifications/emails", "email_bogus=on", SIGNED_IN),
        post("/notifications/{id}/open", format!("/notifications/{}/open", w.notice), "", &[InstructorA]),
        // Openings: public while open and the shop verified; the interest list is the
        // shop's members' alone, a program's applicants its instructors' alone, and each
        // person's applications their own.
        server_fn("search_openings", "params[zip]=48201", ALL),
        server_fn("opening_page", &format!("id={opening}"), ALL),
        server_fn("opening_page", &format!("id={closed_opening}"), &[ShopMember, ShopOwner, Admin]),
        server_fn("opening_interests", &format!("id={opening}"), SHOP),
        server_fn("opening_interests", &format!("id={closed_opening}"), SHOP),
        server_fn("organisation_openings", &format!("id={vshop}"), ALL),
        server_fn("program_applications", &format!("id={a}"), &[InstructorA]),
        server_fn("program_applications", &format!("id={b}"), &[InstructorB]),
        server_fn("my_applications", "", SIGNED_IN),
        // Only members of the shop post and close its openings (the bodies fail validation).
        post("/orgs/{id}/openings", format!("/orgs/{vshop}/openings"), "title=", SHOP),
        post("/orgs/{id}/openings", format!("/orgs/{shop}/openings"), "title=", SHOP),
        post("/openings/{id}/status", format!("/openings/{opening}/status"), "status=bogus", SHOP),
        post("/openings/{id}/status", format!("/openings/{closed_opening}/status"), "status=bogus", SHOP),
        // An application's conversation is its student's and the shop's members' alone:
        // everyone else (admins too) is told nothing exists. Only the shop sets the status,
        // only the student blocks or unblocks the shop. The bodies fail validation.
        // (Before the withdrawal below, which closes the conversation for the shop.)
        server_fn("application_page", &format!("id={}", w.interest), STUDENT_AND_SHOP),
        post(
            "/applications/{id}/messages",
            format!("/applications/{}/messages", w.interest),
            "body=",
            STUDENT_AND_SHOP,
        ),
        post(
            "/applications/{id}/status",
            format!("/applications/{}/status", w.interest),
            "status=bogus",
            SHOP,
        ),
        post("/applications/{id}/block", format!("/applications/{}/block", w.interest), "", &[Student]),
        post("/applications/{id}/unblock", format!("/applications/{}/unblock", w.interest), "", &[Student]),
        // Placements: made by the shop's members from an application (this one is not hired,
        // so theirs is refused beside the form); a placement is its student's, the shop's
        // and the program's members' and admins' to read; only the student says their age
        // and re-sends the guardian's link, only the program's members choose the
        // coordinator, any party (not an admin) ends it. The bodies fail validation. The
        // guardian's page and form answer anyone holding a link, and nothing without one.
        server_fn("application_placement", &format!("id={}", w.interest), STUDENT_AND_SHOP),
        server_fn("application_placement", &format!("id={}", w.placement_interest), &[Student]),
        post(
            "/applications/{id}/placement",
            format!("/applications/{}/placement", w.interest),
            "mentor=",
            SHOP,
        ),
        server_fn(
            "placement_page",
            &format!("id={}", w.placement),
            &[Student, ShopMember, ShopOwner, InstructorA, Admin],
        ),
        post(
            "/placements/{id}/age",
            format!("/placements/{}/age", w.placement),
            "under_18=bogus",
            &[Student],
        ),
        post(
            "/placements/{id}/coordinator",
            format!("/placements/{}/coordinator", w.placement),
            "coordinator=abc",
            &[InstructorA],
        ),
        post(
            "/placements/{id}/end",
            format!("/placements/{}/end", w.placement),
            "reason=",
            &[Student, ShopMember, ShopOwner, InstructorA],
        ),
        post(
            "/placements/{id}/consent/resend",
            format!("/placements/{}/consent/resend", w.placement),
            "",
            &[Student],
        ),
        server_fn("placement_consent_terms", "token=SYNTHETIC-not-a-token", ALL),
        // A placement's records: its parties and admins read them (the shop is told they
        // open once consent is settled); only the student logs hours, only the mentor (the
        // shop's member) reviews them, the student and the mentor write evaluations. An
        // organisation's list and CSV are its members' and admins'. The bodies fail
        // validation, or the world's placement (awaiting consent) refuses with a conflict.
        server_fn(
            "placement_hours",
            &format!("id={}", w.placement),
            &[Student, ShopMember, ShopOwner, InstructorA, Admin],
        ),
        server_fn(
            "placement_evaluations",
            &format!("id={}", w.placement),
            &[Student, ShopMember, ShopOwner, InstructorA, Admin],
        ),
        server_fn("org_placements", &format!("id={a}"), &[InstructorA, Admin]),
        server_fn("org_placements", &format!("id={vshop}"), &[ShopMember, ShopOwner, Admin]),
        post(
            "/placements/{id}/hours",
            format!("/placements/{}/hours", w.placement),
            "worked_on=",
            &[Student],
        ),
        post(
            "/placements/{id}/hours/{entry}/confirm",
            format!("/placements/{}/hours/1/confirm", w.placement),
            "",
            &[ShopMember],
        ),
        post(
            "/placements/{id}/hours/{entry}/query",
            format!("/placements/{}/hours/1/query", w.placement),
            "query=",
            &[ShopMember],
        ),
        post(
            "/placements/{id}/evaluations",
            format!("/placements/{}/evaluations", w.placement),
            "stage=bogus",
            &[Student, ShopMember],
        ),
        get("/orgs/{id}/placements.csv", format!("/orgs/{a}/placements.csv"), &[InstructorA, Admin]),
        get(
            "/orgs/{id}/placements.csv",
            format!("/orgs/{vshop}/placements.csv"),
            &[ShopMember, ShopOwner, Admin],
        ),
        post("/guardian-consent", "/guardian-consent", "token=SYNTHETIC-not-a-token&name=", ALL),
        // Placements from an accepted offer: the partnership's two sides read its offers'
        // placements; only the offer's shop's members make one (the world's offer is
        // declined, so theirs is refused beside the form; the program's members are
        // forbidden) and re-send a waiting placement's link (the world's placement does not
        // wait: refused beside the form). The join link's page answers anyone holding one;
        // joining needs an account.
        server_fn("partnership_placements", &format!("id={p}"), PARTIES),
        post("/offers/{id}/placements", format!("/offers/{offer}/placements"), "email=", SHOP),
        post(
            "/placements/{id}/join/resend",
            format!("/placements/{}/join/resend", w.placement),
            "email=",
            SHOP,
        ),
        server_fn("placement_join_link", "token=SYNTHETIC-not-a-token", ALL),
        post("/placements/join", "/placements/join", "token=SYNTHETIC-not-a-token", SIGNED_IN),
        server_fn(
            "report_subject",
            &format!("target=application_message&id={}", w.application_message),
            STUDENT_AND_SHOP,
        ),
        post(
            "/reports",
            "/reports",
            &format!("target=application_message&target_id={}&reason=", w.application_message),
            STUDENT_AND_SHOP,
        ),
        // Anyone signed in expresses interest (an empty form shares nothing, so it fails
        // validation; the shop's own members get a conflict). Only the student who expressed
        // interest withdraws it: for anyone else there is nothing of theirs to withdraw.
        post("/openings/{id}/interest", format!("/openings/{opening}/interest"), "", SIGNED_IN),
        post("/openings/{id}/withdraw", format!("/openings/{opening}/withdraw"), "", &[Student]),
        // The Industry Data Exchange: a shop's members contribute for it and read its own
        // submissions (a pending shop's members are told why they cannot contribute yet; a
        // program is no shop); admins alone review held submissions, and deciding again on
        // a decided one is a conflict, not a change. The bodies fail validation.
        server_fn("contribute_page", &format!("id={vshop}"), SHOP),
        server_fn("contribute_page", &format!("id={shop}"), SHOP),
        server_fn("contribute_page", &format!("id={a}"), &[]),
        server_fn("held_pay_submissions", "", &[Admin]),
        post("/orgs/{id}/pay", format!("/orgs/{vshop}/pay"), "row1_role=wizard&row1_rate=30", SHOP),
        post("/orgs/{id}/pay", format!("/orgs/{shop}/pay"), "row1_role=wizard", SHOP),
        post(
            "/admin/insights/{id}/accept",
            format!("/admin/insights/{}/accept", w.pay_submission),
            "",
            &[Admin],
        ),
        post(
            "/admin/insights/{id}/reject",
            format!("/admin/insights/{}/reject", w.pay_submission),
            "",
            &[Admin],
        ),
        // The resources library: public articles for everyone; a members-only one for admins
        // and members whose current plan unlocks it (none in this world: the verified shop's
        // plan unlocks other things; server/tests/http/resources_http.rs covers such members),
        // answering NotFound to everyone else. Writing is for admins only (the bodies fail
        // validation).
        server_fn("search_resources", "params[q]=playbook&params[category]=retention", ALL),
        server_fn("resource_article", &format!("slug={}", w.public_article), ALL),
        server_fn("resource_article", &format!("slug={}", w.members_article), &[Admin]),
        server_fn("admin_resources", "", &[Admin]),
        server_fn("resource_draft", &format!("id={}", w.members_article_id), &[Admin]),
        post("/admin/resources", "/admin/resources", "title=", &[Admin]),
        post(
            "/admin/resources/{id}",
            format!("/admin/resources/{}", w.members_article_id),
            "title=",
            &[Admin],
        ),
        post(
            "/admin/resources/{id}/publish",
            format!("/admin/resources/{}/publish", w.members_article_id),
            "published=bogus",
            &[Admin],
        ),
        post(
            "/admin/resources/{id}/delete",
            format!("/admin/resources/{}/delete", w.members_article_id),
            "confirm=",
            &[Admin],
        ),
        // Memberships: plans are public; a shop's owner checks out (an unknown code is
        // refused beside the form) and cancels (a paid invoice cannot be, so nothing
        // changes); the shop's members and admins read its invoices; admins configure plans
        // and codes and record payments (the bodies fail validation).
        server_fn("membership_overview", "", ALL),
        server_fn(
            "membership_quote",
            &format!("organisation_id={vshop}&plan_id={}&code=", w.plan),
            &[ShopOwner],
        ),
        server_fn(
            "membership_invoice",
            &format!("invoice_id={}", w.open_invoice),
            &[ShopMember, ShopOwner, Admin],
        ),
        server_fn("membership_admin", "", &[Admin]),
        post("/admin/billing", "/admin/billing", "legal_name=", &[Admin]),
        post("/admin/plans", "/admin/plans", "name=", &[Admin]),
        post("/admin/plans/{id}/retire", format!("/admin/plans/{}/retire", w.spare_plan), "", &[Admin]),
        post("/admin/plans/{id}/offer", format!("/admin/plans/{}/offer", w.spare_plan), "", &[Admin]),
        post("/admin/discount-codes", "/admin/discount-codes", "code=", &[Admin]),
        post(
            "/orgs/{id}/membership",
            format!("/orgs/{vshop}/membership"),
            &format!("plan={}&code=NOSUCH", w.plan),
            &[ShopOwner],
        ),
        post("/invoices/{id}/cancel", format!("/invoices/{}/cancel", w.paid_invoice), "", &[ShopOwner]),
        post(
            "/admin/invoices/{id}/paid",
            format!("/admin/invoices/{}/paid", w.open_invoice),
            "reference=",
            &[Admin],
        ),
        // Events: anyone reads them and downloads their calendar files; admins alone
        // publish, edit and cancel (the bodies fail validation; the cancelled event cannot
        // be cancelled again); anyone signed in registers and cancels (registering for the
        // cancelled event is refused beside the button; nobody is registered for `event`,
        // so cancelling changes nothing).
        server_fn("list_events", "", ALL),
        server_fn("event_details", &format!("id={}", w.event), ALL),
        server_fn("event_details", &format!("id={}", w.cancelled_event), ALL),
        get("/events/{id}/calendar.ics", format!("/events/{}/calendar.ics", w.event), ALL),
        get("/events/{id}/calendar.ics", format!("/events/{}/calendar.ics", w.event + 1000), &[]),
        post("/events", "/events", "title=", &[Admin]),
        post("/events/{id}/edit", format!("/events/{}/edit", w.event), "title=", &[Admin]),
        post("/events/{id}/cancel", format!("/events/{}/cancel", w.cancelled_event), "", &[Admin]),
        post("/events/{id}/register", format!("/events/{}/register", w.cancelled_event), "", SIGNED_IN),
        post("/events/{id}/unregister", format!("/events/{}/unregister", w.event), "", SIGNED_IN),
        // Server functions (reads).
        server_fn("program_totals", "", ALL),
        server_fn("search_programs", "params[zip]=48201", ALL),
        server_fn("program_profile", "unitid=900001", ALL),
        server_fn("my_account", "", ALL),
        server_fn("signed_in_as", "", ALL),
        server_fn("program_actions", "unitid=900001", ALL),
        server_fn("invitation_preview", "token=unknown", ALL),
        server_fn("my_organisations", "", SIGNED_IN),
        server_fn("saved_programs", "", SIGNED_IN),
        // A pending shop is seen by its members and admins only.
        server_fn("organisation_page", &format!("id={shop}"), &[ShopMember, ShopOwner, Admin]),
        server_fn("admin_overview", "", &[Admin]),
        // School claims: the queue for admins, a school's requests for its owners, one's own
        // claims for anyone signed in.
        server_fn("claims_queue", "", &[Admin]),
        server_fn("join_requests", &format!("id={a}"), &[InstructorA]),
        server_fn("join_requests", &format!("id={b}"), &[InstructorB]),
        server_fn("my_claims", "", SIGNED_IN),
        server_fn("reset_link_valid", "token=unknown", ALL),
        // Open needs of verified programs are public; a filled one only to its members and admins.
        server_fn("search_needs", "params[zip]=48201", ALL),
        server_fn("need_page", &format!("id={need}"), ALL),
        server_fn("need_page", &format!("id={filled}"), &[InstructorA, Admin]),
        server_fn("organisation_needs", &format!("id={a}"), ALL),
        server_fn("program_needs", "unitid=900001", ALL),
        server_fn("needs_near_my_shops", "", SIGNED_IN),
        // Industry Data Exchange figures: everyone, each seeing what their access allows
        // (service/tests/db/insights.rs and server/tests/http/insights_http.rs check what each sees).
        server_fn("insights_page", "params[role]=diesel&params[state]=MI", ALL),
        server_fn("insights_privacy", "", ALL),
        get("/insights.csv", "/insights.csv?role=diesel&state=MI", ALL),
        get("/api/v1/insights/figures", "/api/v1/insights/figures?role=diesel&state=MI", ALL),
        // Form routes.
        post("/signup", "/signup", "email=bad", ALL),
        post("/login", "/login", "email=bad&password=x", ALL),
        post("/logout", "/logout", "", ALL),
        post("/verify-email", "/verify-email", "token=unknown", ALL),
        post("/forgot-password", "/forgot-password", "email=bad", ALL),
        post("/reset-password", "/reset-password", "token=unknown&password=x", ALL),
        post("/confirm-email-change", "/confirm-email-change", "token=unknown", ALL),
        post("/account/name", "/account/name", "display_name=", SIGNED_IN),
        post("/account/time-zone", "/account/time-zone", "time_zone=Mars%2FOlympus", SIGNED_IN),
        post("/account/password", "/account/password", "current_password=x&new_password=y", SIGNED_IN),
        post("/account/email", "/account/email", "new_email=bad&email_password=x", SIGNED_IN),
        post("/account/delete", "/account/delete", "delete_password=wrong", SIGNED_IN),
        post("/account/export.json", "/account/export.json", "", SIGNED_IN),
        post("/login/code", "/login/code", "code=123456", ALL),
        server_fn("sign_in_challenge_open", "", ALL),
        server_fn("second_factor_page", "", SIGNED_IN),
        server_fn("second_factor_summary", "", SIGNED_IN),
        server_fn("my_devices", "", SIGNED_IN),
        post("/account/second-factor/begin", "/account/second-factor/begin", "", SIGNED_IN),
        post("/account/second-factor/confirm", "/account/second-factor/confirm", "code=123456", SIGNED_IN),
        post(
            "/account/second-factor/recovery-codes",
            "/account/second-factor/recovery-codes",
            "code=1",
            SIGNED_IN,
        ),
        post("/account/second-factor/off", "/account/second-factor/off", "code=123456", SIGNED_IN),
        // A handle names one of the asker's own sessions; this one names nobody's.
        post("/account/sessions/end", "/account/sessions/end", "handle=00000000deadbeef", &[]),
        post("/account/sessions/end-others", "/account/sessions/end-others", "", SIGNED_IN),
        post("/shops", "/shops", "name=", SIGNED_IN),
        post("/schools/claim", "/schools/claim", "unitid=abc", SIGNED_IN),
        post("/schools/high-school", "/schools/high-school", "name=", SIGNED_IN),
        post("/orgs/{id}/invite", format!("/orgs/{shop}/invite"), "email=bad", &[ShopOwner]),
        post("/orgs/{id}/invite", format!("/orgs/{a}/invite"), "email=bad", &[InstructorA]),
        post("/orgs/{id}/invite", format!("/orgs/{b}/invite"), "email=bad", &[InstructorB]),
        post("/orgs/{id}/remove-member", format!("/orgs/{shop}/remove-member"), "user_id=0", &[ShopOwner]),
        post("/orgs/{id}/transfer", format!("/orgs/{shop}/transfer"), "user_id=0", &[ShopOwner]),
        post("/orgs/{id}/transfer", format!("/orgs/{a}/transfer"), "user_id=0", &[InstructorA]),
        // Only members of a program post and change its needs (the bodies fail validation).
        post("/orgs/{id}/needs", format!("/orgs/{a}/needs"), "title=", &[InstructorA]),
        post("/orgs/{id}/needs", format!("/orgs/{b}/needs"), "title=", &[InstructorB]),
        post("/needs/{id}/status", format!("/needs/{need}/status"), "status=bogus", &[InstructorA]),
        post("/invitations/accept", "/invitations/accept", "token=unknown", SIGNED_IN),
        post("/admin/orgs/{id}/reject", format!("/admin/orgs/{pending}/reject"), "reason=", &[Admin]),
        post("/admin/orgs/{id}/verify", format!("/admin/orgs/{pending}/verify"), "", &[Admin]),
        // An empty reason is refused beside the form; then the claim is verified (a second
        // verification is refused as a conflict, still an admin's answer).
        post(
            "/admin/claims/{id}/refuse",
            format!("/admin/claims/{}/refuse", w.pending_claim),
            "reason=",
            &[Admin],
        ),
        post("/admin/claims/{id}/verify", format!("/admin/claims/{}/verify", w.pending_claim), "", &[Admin]),
        // Refused first, so accepting it afterwards is a conflict: nobody joins program A.
        post("/claims/{id}/refuse", format!("/claims/{}/refuse", w.waiting_claim), "", &[InstructorA]),
        post("/claims/{id}/accept", format!("/claims/{}/accept", w.waiting_claim), "", &[InstructorA]),
        post("/saved-programs", "/saved-programs", "unitid=abc", SIGNED_IN),
        post("/saved-programs/remove", "/saved-programs/remove", "unitid=abc", SIGNED_IN),
        // Career paths are public; saving one is for anyone signed in (an unknown path is
        // refused beside the form, so nothing is saved).
        server_fn("career_paths", "", ALL),
        server_fn("career_path", "path=automotive-service&zip=48201", ALL),
        server_fn("career_path", "path=astronaut", ALL),
        server_fn("saved_paths", "", SIGNED_IN),
        post("/saved-paths", "/saved-paths", "path=astronaut&back=/careers", SIGNED_IN),
        post("/saved-paths/remove", "/saved-paths/remove", "path=astronaut&back=/careers", SIGNED_IN),
        // Saved searches are their owner's alone; saving one is for anyone signed in (a page
        // that is no list is refused beside the form). Unsubscribing needs the mail's token.
        server_fn("my_saved_searches", "", SIGNED_IN),
        server_fn("save_search_state", "url=%2Fevents", ALL),
        server_fn("unsubscribe_link_works", "token=bogus", ALL),
        post("/account/alerts", "/account/alerts", "url=/account&frequency=daily", SIGNED_IN),
        post(
            "/account/alerts/{id}",
            format!("/account/alerts/{}", w.saved_search),
            "frequency=bogus",
            &[Student],
        ),
        post(
            "/account/alerts/{id}/pause",
            format!("/account/alerts/{}/pause", w.saved_search),
            "",
            &[Student],
        ),
        post(
            "/account/alerts/{id}/resume",
            format!("/account/alerts/{}/resume", w.saved_search),
            "",
            &[Student],
        ),
        // The school-list import is the admins'; a draft is its uploader's (none exists here).
        server_fn("school_lists", "", &[Admin]),
        // Public facts of an unclaimed listing, for "add your program" to start from.
        server_fn("listing_to_claim", "listing=0", ALL),
        // A listing's page is public; its letter and invitations are a verified shop's
        // members'. The invitation bodies name no channel, so nothing is sent; a shop of
        // the caller's that is not verified is refused beside the form (tested in the
        // service), an unknown listing is a 404.
        server_fn("listing_details", &format!("id={listing}"), ALL),
        server_fn("listing_letter", &format!("id={listing}&shop={vshop}"), SHOP),
        server_fn("listing_letter", &format!("id={listing}"), SHOP),
        server_fn("listing_letter", &format!("id={listing}&shop={a}"), &[]),
        post(
            "/schools/listings/{id}/invite",
            format!("/schools/listings/{listing}/invite"),
            &format!("shop={vshop}&channel="),
            SHOP,
        ),
        post(
            "/schools/listings/{id}/invite",
            format!("/schools/listings/{listing}/invite"),
            &format!("shop={a}&channel="),
            &[],
        ),
        post(
            "/schools/listings/{id}/invite",
            "/schools/listings/0/invite",
            &format!("shop={vshop}&channel="),
            &[],
        ),
        server_fn("school_import_preview", "id=0", &[]),
        post("/admin/schools/import", "/admin/schools/import", "", &[Admin]),
        post("/admin/schools/import/{id}/confirm", "/admin/schools/import/0/confirm", "", &[]),
        post("/admin/schools/import/{id}/discard", "/admin/schools/import/0/discard", "", &[Admin]),
        // The school's year: public on a verified organisation's page (an unverified one's
        // only to its members and admins); only the school's members write its update and
        // record who filled its needs; only the shop named disputes; badges are revoked by
        // admins. The need page's section answers everyone, with nothing for outsiders.
        server_fn("school_year_overview", &format!("id={a}"), ALL),
        server_fn("school_year_overview", &format!("id={shop}"), &[ShopMember, ShopOwner, Admin]),
        server_fn("yearly_update_form", &format!("id={a}"), &[InstructorA]),
        server_fn("yearly_update_form", &format!("id={vshop}"), &[]),
        server_fn("need_fill", &format!("id={filled}"), ALL),
        server_fn("recognition", "", ALL),
        server_fn("admin_recognition", "", &[Admin]),
        post("/orgs/{id}/year-update", format!("/orgs/{a}/year-update"), "completions=abc", &[InstructorA]),
        post("/needs/{id}/fill", format!("/needs/{filled}/fill"), "shop=abc", &[InstructorA]),
        post("/needs/{id}/fill/dispute", format!("/needs/{filled}/fill/dispute"), "reason=", SHOP),
        post("/needs/{id}/fill/withdraw-dispute", format!("/needs/{filled}/fill/withdraw-dispute"), "", SHOP),
        post("/admin/recognition/revoke", "/admin/recognition/revoke", "organisation=abc", &[Admin]),
        post("/admin/recognition/restore", "/admin/recognition/restore", "organisation=abc", &[Admin]),
        // Last of the fill's rows: instructor A's removal succeeds.
        post("/needs/{id}/fill/remove", format!("/needs/{filled}/fill/remove"), "", &[InstructorA]),
        // Last of the search's rows: the student's own delete succeeds.
        post(
            "/account/alerts/{id}/delete",
            format!("/account/alerts/{}/delete", w.saved_search),
            "",
            &[Student],
        ),
        post("/alerts/unsubscribe", "/alerts/unsubscribe?token=bogus", "", &[]),
        // The public API.
        get("/api/v1/programs/near", "/api/v1/programs/near?zip=48201", ALL),
        get("/api/v1/programs/near-point", "/api/v1/programs/near-point?lat=42.3&lon=-83", ALL),
        get(
            "/api/v1/programs/clusters",
            "/api/v1/programs/clusters?west=-90&south=40&east=-80&north=45&zoom=6",
            ALL,
        ),
        get("/api/v1/programs/{unitid}", "/api/v1/programs/900001", ALL),
        get("/api/v1/schools", "/api/v1/schools", ALL),
        get("/api/v1/openapi.json", "/api/v1/openapi.json", ALL),
        // The Atom feeds are as public as the finder pages they follow.
        get("/needs.atom", "/needs.atom?zip=48201", ALL),
        get("/openings.atom", "/openings.atom?zip=48201", ALL),
    ]
}

/// Every route the application serves that the table must cover.
fn discovered_routes() -> BTreeSet<String> {
    let mut routes: BTreeSet<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect();
    routes.extend(server::forms::routes().into_iter().map(|(path, _)| path.to_string()));
    routes.extend(server::feeds::routes().into_iter().map(|(path, _)| path.to_string()));
    routes.extend(server::api::ApiDoc::openapi().paths.paths.keys().cloned());
    routes.insert("/api/v1/openapi.json".into());
    routes
}

fn router(db: &DatabaseConnection) -> Router {
    let options = LeptosOptions::builder().output_name("bayline").site_root("target/site").build();
    server::router(AppState::new(options, db.clone()).with_site_url("http://localhost".into()))
}

/// Whether the role was let through: refusals are a 401, 403 or 404 or a redirect to sign in.
async fn let_through(router: &Router, case: &Case, cookie: Option<&str>) -> bool {
    let mut request = Request::builder()
        .method(case.method.clone())
        .uri(&case.uri)
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response =
        router.clone().oneshot(request.body(Body::from(case.body.clone())).unwrap()).await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body =
        String::from_utf8_lossy(&response.into_body().collect().await.unwrap().to_bytes()).into_owned();
    // A refusal is never a 5xx: server functions, too, answer with the status the error means.
    let server_function = case.route.starts_with("/api/") && !case.route.starts_with("/api/v1/");
    assert!(!status.is_server_error(), "{} {} failed: {status} {body}", case.method, case.uri);
    for (error, meant) in [
        ("\"SignInRequired\"", StatusCode::UNAUTHORIZED),
        ("\"Forbidden\"", StatusCode::FORBIDDEN),
        ("\"NotFound\"", StatusCode::NOT_FOUND),
    ] {
        if server_function && body.contains(error) {
            assert_eq!(status, meant, "{} {} answered {error} with {status}", case.method, case.uri);
        }
    }
    // A form about something the role may not see answers 404, as its page does.
    let refused = status == StatusCode::FORBIDDEN
        || status == StatusCode::NOT_FOUND
        || status == StatusCode::UNAUTHORIZED
        || location.starts_with("/login?next=");
    !refused
}

db_test!(every_route_answers_every_role_as_the_table_says, |db: DatabaseConnection| async move {
    let (world, actors) = build_world(&db).await;
    let cases = table(&world);

    let covered: BTreeSet<String> = cases.iter().map(|c| c.route.clone()).collect();
    let discovered = discovered_routes();
    let missing: Vec<_> = discovered.difference(&covered).collect();
    assert!(missing.is_empty(), "routes without a row in the authorization table: {missing:?}");
    let stale: Vec<_> = covered.difference(&discovered).collect();
    assert!(stale.is_empty(), "rows for routes that no longer exist: {stale:?}");

    let router = router(&db);
    let mut wrong = Vec::new();
    for case in &cases {
        for role in ALL {
            let cookie = fresh_session(&db, &actors, *role).await;
            let expected = case.allowed.contains(role);
            if let_through(&router, case, cookie.as_deref()).await != expected {
                wrong.push(format!(
                    "{} {} as {role:?}: expected {}",
                    case.method,
                    case.uri,
                    if expected { "allowed" } else { "refused" }
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "authorization table mismatches:\n{}", wrong.join("\n"));
});
