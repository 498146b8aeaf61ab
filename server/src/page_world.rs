//! `bayline dev synth-world`: builds the SYNTHETIC page world (`service::synthetic::world`)
//! and lists every page of the app with the world's ids filled in, so a browser test can
//! visit each one as each role. The list starts from the router's own routes: a page added
//! without a row here makes the command fail, naming it, as the authorization test does for
//! server functions and forms.
use std::collections::BTreeMap;

use sea_orm::DatabaseConnection;
use service::{accounts::sessions, synthetic::world::World};

/// The concrete addresses of one routed page in the world (one or more states of it).
fn visits(route: &str, w: &World, step: &str) -> Option<Vec<String>> {
    let [a, _, c] = w.unitids;
    let one = |path: &str| Some(vec![path.to_string()]);
    match route {
        "/"
        | "/careers"
        | "/signup"
        | "/login"
        | "/login/code"
        | "/account"
        | "/account/second-factor"
        | "/account/alerts"
        | "/shops/new"
        | "/schools/high-school"
        | "/insights/privacy"
        | "/events"
        | "/resources"
        | "/notifications"
        | "/admin"
        | "/admin/reports"
        | "/admin/insights"
        | "/admin/resources"
        | "/admin/schools/import"
        | "/admin/membership"
        | "/admin/recognition"
        | "/recognition"
        | "/membership"
        | "/forgot-password" => one(route),
        "/schools/new" => Some(vec!["/schools/new".into(), format!("/schools/new?unitid={c}")]),
        "/programs" => Some(vec!["/programs".into(), "/programs?zip=48201&radius=50".into()]),
        "/programs/{unitid}" => Some(vec![format!("/programs/{a}?zip=48201"), format!("/programs/{c}")]),
        "/embed/programs" => one("/embed/programs?zip=48201"),
        "/careers/{path}" => one("/careers/automotive-service?zip=48201"),
        "/careers/{path}/print" => one("/careers/automotive-service/print?zip=48201"),
        "/careers/{path}/{step}" => one(&format!("/careers/automotive-service/{step}?zip=48201")),
        // Without their token these pages say the link is not valid; that page must fit too.
        "/verify-email"
        | "/reset-password"
        | "/confirm-email-change"
        | "/invitations/accept"
        | "/alerts/unsubscribe" => one(&format!("{route}?token=SYNTHETIC-not-a-token")),
        "/orgs/{id}" => Some(
            [w.shop, w.verified_shop, w.program_a, w.pending_school].map(|id| format!("/orgs/{id}")).into(),
        ),
        "/orgs/{id}/pay" => one(&format!("/orgs/{}/pay", w.verified_shop)),
        "/orgs/{id}/year-update" => one(&format!("/orgs/{}/year-update", w.program_a)),
        "/needs" => Some(vec!["/needs".into(), "/needs?zip=48201&radius=50".into()]),
        "/needs/{id}" => Some(vec![format!("/needs/{}", w.need), format!("/needs/{}", w.filled_need)]),
        "/insights" => Some(vec!["/insights".into(), "/insights?state=MI".into()]),
        "/openings" => Some(vec!["/openings".into(), "/openings?zip=48201".into()]),
        "/openings/{id}" => one(&format!("/openings/{}", w.opening)),
        "/events/{id}" => {
            Some(vec![format!("/events/{}", w.event), format!("/events/{}", w.cancelled_event)])
        }
        "/resources/{slug}" => Some(vec![
            format!("/resources/{}", w.public_article),
            format!("/resources/{}", w.members_article),
        ]),
        "/partnerships/{id}" => one(&format!("/partnerships/{}", w.partnership)),
        "/applications/{id}" => one(&format!("/applications/{}", w.interest)),
        "/placements/{id}" => one(&format!("/placements/{}", w.placement)),
        "/placements/{id}/hours" => one(&format!("/placements/{}/hours", w.placement)),
        "/placements/{id}/evaluations" => one(&format!("/placements/{}/evaluations", w.placement)),
        "/orgs/{id}/placements" => Some(vec![
            format!("/orgs/{}/placements", w.program_a),
            format!("/orgs/{}/placements", w.verified_shop),
        ]),
        // Without a live link the page says it is not valid; that page must fit too.
        "/guardian-consent" => one("/guardian-consent?token=SYNTHETIC-not-a-token"),
        "/placements/join" => one("/placements/join?token=SYNTHETIC-not-a-token"),
        "/admin/resources/{id}" => one(&format!("/admin/resources/{}", w.members_article_id)),
        "/membership/checkout" => {
            one(&format!("/membership/checkout?org={}&plan={}", w.verified_shop, w.plan))
        }
        "/invoices/{id}" => {
            Some(vec![format!("/invoices/{}", w.paid_invoice), format!("/invoices/{}", w.open_invoice)])
        }
        "/report" => one(&format!("/report?target=need&id={}", w.need)),
        "/schools/listings/{id}" => one(&format!("/schools/listings/{}", w.listing)),
        "/schools/listings/{id}/letter" => {
            one(&format!("/schools/listings/{}/letter?shop={}", w.listing, w.verified_shop))
        }
        // No upload in the world: the preview of one that is gone must fit too.
        "/admin/schools/import/{id}" => one("/admin/schools/import/0"),
        _ => None,
    }
}

/// Every page of the app in the world, in route order; an error names the routes it does
/// not know how to fill.
pub fn pages(routes: &[String], w: &World, step: &str) -> Result<Vec<String>, String> {
    let mut pages = Vec::new();
    let mut unknown = Vec::new();
    for route in routes {
        match visits(route, w, step) {
            Some(found) => pages.extend(found),
            None => unknown.push(route.as_str()),
        }
    }
    if unknown.is_empty() {
        // A page that does not exist must fit on a phone too.
        pages.push("/a-page-that-does-not-exist".into());
        Ok(pages)
    } else {
        Err(format!(
            "dev synth-world: no page-world row for {}: add one to server/src/page_world.rs",
            unknown.join(", ")
        ))
    }
}

/// Every page of the app in `world`: the router's routes, the first career step's slug
/// taken from the career catalog.
pub fn every_page(world: &World) -> Result<Vec<String>, String> {
    let catalog = service::careers::catalog::catalog().map_err(|e| format!("dev synth-world: {e}"))?;
    let step = catalog
        .get("automotive-service")
        .and_then(|path| path.steps.first())
        .map(|step| step.slug.clone())
        .ok_or("dev synth-world: the automotive-service career path has no step")?;
    pages(&crate::routes::page_routes(), world, &step)
}

/// Builds the world and prints it as one JSON object: a session token per role (cookie
/// `bayline_session`) and the pages to visit.
pub async fn synth_world(db: &DatabaseConnection, first_unitid: i32) -> Result<(), String> {
    let now = chrono::Utc::now();
    let world = service::synthetic::world::build(db, first_unitid, now)
        .await
        .map_err(|e| format!("dev synth-world: {e} (the world can be built once per database)"))?;
    let pages = every_page(&world)?;
    let p = world.people;
    let mut sessions_by_role = BTreeMap::new();
    for (role, actor) in [
        ("student", p.student),
        ("shop_member", p.shop_member),
        ("shop_owner", p.shop_owner),
        ("instructor", p.instructor_a),
        ("admin", p.admin),
    ] {
        let session =
            sessions::start(db, actor.user_id, now).await.map_err(|e| format!("dev synth-world: {e}"))?;
        sessions_by_role.insert(role, session.token);
    }
    let summary = serde_json::json!({ "synthetic": true, "sessions": sessions_by_role, "pages": pages });
    println!("{summary}");
    Ok(())
}
