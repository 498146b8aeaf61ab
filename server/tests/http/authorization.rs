//! The authorization table: every server function, form route and API route, asked by
//! each of seven roles, with the answer each must get. The routes are discovered from the
//! running application (registered server functions, `forms::routes()`, the OpenAPI
//! document), so a new one without a row here fails this test. People and schools are
//! SYNTHETIC; ZIP centroids are real GeoNames rows.
use std::collections::{BTreeMap, BTreeSet};

use app::ssr::AppState;
use axum::{
    Router,
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use chrono::Utc;
use domain::ProgramKind;
use entity::{institution, notification, org_member};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use service::{
    accounts::sessions,
    authz::Actor,
    db_test,
    events::{self, form::EventForm},
    insights::{
        self,
        form::{ContributionForm, RowForm},
        snapshot::InsightsCache,
    },
    needs::{self, create::NeedForm},
    openings::{
        interest::{self, InterestForm},
        post::{self as openings, OpeningForm},
    },
    orgs::{
        create::{self, SchoolProgramForm, ShopForm},
        verification,
    },
    partnerships::{lifecycle, offers},
    resources::{self, write::ArticleForm},
    testing::{add_real_zips, add_synthetic_completions, add_synthetic_institution, add_synthetic_user},
};
use tower::ServiceExt;
use utoipa::OpenApi;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Anonymous,
    Student,
    ShopMember,
    ShopOwner,
    InstructorA,
    InstructorB,
    Admin,
}

use Role::*;

const ALL: &[Role] = &[Anonymous, Student, ShopMember, ShopOwner, InstructorA, InstructorB, Admin];
const SIGNED_IN: &[Role] = &[Student, ShopMember, ShopOwner, InstructorA, InstructorB, Admin];

/// The organisations and people the table refers to.
struct World {
    actors: BTreeMap<Role, Actor>,
    shop: i64,
    program_a: i64,
    program_b: i64,
    pending_school: i64,
    /// An open need of program A, and a filled one (hidden from outsiders).
    need: i64,
    filled_need: i64,
    /// A verified shop (owner and member as for `shop`), an active partnership between it
    /// and program A, and its declined offer on `need`.
    verified_shop: i64,
    partnership: i64,
    offer: i64,
    /// A notification of InstructorA's (the shop's offer on `need`).
    notice: i64,
    /// The proposal's message, the first of the partnership's thread.
    message: i64,
    /// An open opening of the verified shop (the student expressed interest, naming
    /// program A) and a closed one.
    opening: i64,
    closed_opening: i64,
    /// The verified shop's pay-data submission, from more than a year ago (so it earns no
    /// contributor access today), accepted without review.
    pay_submission: i64,
    /// Published articles of the resources library: a public one and a members-only one
    /// (the verified shop's paid plan unlocks only the Data Exchange filters, so nobody here
    /// but the admin reads it).
    public_article: String,
    members_article: String,
    members_article_id: i64,
    /// A dealership plan the verified shop bought (its paid invoice) and is renewing (its
    /// open invoice), and a second plan nobody bought.
    plan: i64,
    spare_plan: i64,
    paid_invoice: i64,
    open_invoice: i64,
    /// An upcoming webinar, and a cancelled one.
    event: i64,
    cancelled_event: i64,
    /// A claim waiting for an admin (of a school nobody owns) and one waiting for program
    /// A's owner.
    pending_claim: i64,
    waiting_claim: i64,
}

async fn college(db: &DatabaseConnection, unitid: i32, website: &str) {
    add_synthetic_institution(db, unitid, "MI", 42.3, -83.0).await;
    add_synthetic_completions(db, unitid, ProgramKind::Auto, 3, 10).await;
    let mut row = institution::Entity::find_by_id(unitid).one(db).await.unwrap().unwrap().into_active_model();
    row.website = Set(website.into());
    row.update(db).await.unwrap();
}

async fn build_world(db: &DatabaseConnection) -> World {
    add_real_zips(db, &["48201"]).await;
    college(db, 900001, "www.college-a.example.edu").await;
    college(db, 900002, "www.college-b.example.edu").await;
    college(db, 900003, "www.college-c.example.edu").await;
    let mut actors = BTreeMap::new();
    for (role, email, admin) in [
        (Student, "student@example.com", false),
        (ShopMember, "tech@shop.example.com", false),
        (ShopOwner, "owner@shop.example.com", false),
        (InstructorA, "pat@college-a.example.edu", false),
        (InstructorB, "lee@college-b.example.edu", false),
        (Admin, "admin@bayline.example.com", true),
    ] {
        actors.insert(role, add_synthetic_user(db, email, admin).await);
    }
    let shop_form = ShopForm {
        name: "Synthetic Shop".into(),
        shop_type: "dealership".into(),
        size_band: "10-24".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let shop = create::create_shop(db, Some(actors[&ShopOwner]), &shop_form, Utc::now()).await.unwrap().id;
    add_member(db, shop, actors[&ShopMember]).await;
    let program_a =
        service::orgs::claims::claim_program(db, Some(actors[&InstructorA]), "900001", Utc::now())
            .await
            .unwrap()
            .verified()
            .unwrap();
    let program_b =
        service::orgs::claims::claim_program(db, Some(actors[&InstructorB]), "900002", Utc::now())
            .await
            .unwrap()
            .verified()
            .unwrap();
    let claim_id = |claimed| match claimed {
        service::orgs::claims::Claimed::Pending { claim_id } => claim_id,
        service::orgs::claims::Claimed::AskedOwners { claim_id, .. } => claim_id,
        other => panic!("expected an open claim, got {other:?}"),
    };
    let pending_claim = claim_id(
        service::orgs::claims::claim_program(db, Some(actors[&Student]), "900003", Utc::now()).await.unwrap(),
    );
    let waiting_claim = claim_id(
        service::orgs::claims::claim_program(db, Some(actors[&Student]), "900001", Utc::now()).await.unwrap(),
    );
    let school_form = SchoolProgramForm {
        name: "Synthetic High School Auto".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        kinds: vec!["auto".into()],
        ..Default::default()
    };
    let pending_school = create::add_school_program(db, Some(actors[&InstructorA]), &school_form, Utc::now())
        .await
        .unwrap()
        .id;
    let need_form = |title: &str| NeedForm {
        kind: "guest_speaker".into(),
        title: title.into(),
        students: "10".into(),
        starts_on: Utc::now().date_naive().to_string(),
        ends_on: Utc::now().date_naive().to_string(),
        paid: "unpaid".into(),
        ..Default::default()
    };
    let instructor = Some(actors[&InstructorA]);
    let need =
        needs::create::create(db, instructor, program_a, &need_form("Guest speaker on ADAS"), Utc::now())
            .await
            .unwrap();
    let filled_need =
        needs::create::create(db, instructor, program_a, &need_form("Shop tour"), Utc::now()).await.unwrap();
    needs::status::set_status(db, instructor, filled_need, "filled", Utc::now()).await.unwrap();
    let owner = Some(actors[&ShopOwner]);
    let verified_shop = create::create_shop(
        db,
        owner,
        &ShopForm { name: "Synthetic Verified Shop".into(), ..shop_form },
        Utc::now(),
    )
    .await
    .unwrap()
    .id;
    add_member(db, verified_shop, actors[&ShopMember]).await;
    let (site, now) = ("http://localhost", Utc::now());
    verification::verify(db, Some(actors[&Admin]), verified_shop, site, now).await.unwrap();
    let offer =
        offers::make(db, owner, need, verified_shop, "SYNTHETIC offer", site, now).await.unwrap().offer_id;
    offers::decline(db, instructor, offer, "", site, now).await.unwrap();
    let kinds = [domain::needs::NeedKind::GuestSpeaker];
    let partnership = lifecycle::propose(
        db,
        &service::Ctx::new(owner, site, now),
        verified_shop,
        program_a,
        &kinds,
        "SYNTHETIC proposal",
    )
    .await
    .unwrap();
    lifecycle::accept(db, &service::Ctx::new(instructor, site, now), partnership).await.unwrap();
    let notice = notification::Entity::find()
        .filter(notification::Column::UserId.eq(actors[&InstructorA].user_id))
        .one(db)
        .await
        .unwrap()
        .expect("the offer notified the program's instructor")
        .id;
    let message = entity::partnership_message::Entity::find().one(db).await.unwrap().unwrap().id;
    let opening_form = OpeningForm {
        kind: "internship".into(),
        title: "SYNTHETIC summer internship".into(),
        pay_min: "17".into(),
        pay_max: "19".into(),
        pay_period: "hourly".into(),
        schedule: "summer".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let opening = openings::create(db, owner, verified_shop, &opening_form, now).await.unwrap();
    let closed_opening = openings::create(db, owner, verified_shop, &opening_form, now).await.unwrap();
    openings::set_status(db, owner, closed_opening, "closed", now).await.unwrap();
    let student = actors[&Student];
    entity::saved_program::ActiveModel {
        user_id: Set(student.user_id),
        unitid: Set(900001),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .unwrap();
    let shared = InterestForm {
        share_name: true,
        name: "SYNTHETIC Student".into(),
        share_program: true,
        program_id: program_a.to_string(),
        ..Default::default()
    };
    interest::express(db, Some(student), opening, &shared, site, now).await.unwrap();
    let pay = ContributionForm {
        rows: vec![RowForm {
            role: "general_service".into(),
            pay_type: "hourly".into(),
            rate: "27.50".into(),
            technicians: "2".into(),
            experience: "3-5".into(),
            certification: "certified".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let long_ago = now - chrono::Duration::days(400);
    let pay_submission =
        insights::contribute::contribute(db, &InsightsCache::new(), owner, verified_shop, &pay, long_ago)
            .await
            .unwrap()
            .submission_id;
    let article = |title: &str, visibility: &str| ArticleForm {
        title: title.into(),
        summary: "SYNTHETIC summary".into(),
        category: "retention".into(),
        visibility: visibility.into(),
        body: "SYNTHETIC body".into(),
        publish: "on".into(),
        ..Default::default()
    };
    let admin = Some(actors[&Admin]);
    let public_article =
        resources::write::create(db, admin, &article("Keeping techs", "public"), now).await.unwrap();
    let members_article =
        resources::write::create(db, admin, &article("Members playbook", "members"), now).await.unwrap();
    let members_article_id = resources::read::one(db, admin, &members_article, now).await.unwrap().summary.id;
    let (plan, spare_plan, paid_invoice, open_invoice) = memberships(db, &actors, verified_shop).await;
    let day = (now + chrono::Duration::days(30)).format("%Y-%m-%d");
    let webinar = EventForm {
        kind: "webinar".into(),
        title: "SYNTHETIC webinar".into(),
        starts_at: format!("{day}T18:00"),
        ends_at: format!("{day}T19:00"),
        time_zone: "America/Chicago".into(),
        online_url: "https://meet.example.com/synthetic".into(),
        capacity: "10".into(),
        ..Default::default()
    };
    let admin = Some(actors[&Admin]);
    let event = events::admin::create(db, admin, &webinar, now).await.unwrap();
    let cancelled_event = events::admin::create(db, admin, &webinar, now).await.unwrap();
    events::admin::cancel(db, admin, cancelled_event, site, now).await.unwrap();
    World {
        actors,
        shop,
        program_a,
        program_b,
        pending_school,
        need,
        filled_need,
        verified_shop,
        partnership,
        offer,
        notice,
        message,
        opening,
        closed_opening,
        pay_submission,
        public_article,
        members_article,
        members_article_id,
        plan,
        spare_plan,
        paid_invoice,
        open_invoice,
        event,
        cancelled_event,
        pending_claim,
        waiting_claim,
    }
}

async fn memberships(
    db: &DatabaseConnection,
    actors: &BTreeMap<Role, Actor>,
    shop: i64,
) -> (i64, i64, i64, i64) {
    use service::membership::{checkout, payments, plans};
    let (admin, owner, now) = (Some(actors[&Admin]), Some(actors[&ShopOwner]), Utc::now());
    let form = |name: &str| plans::PlanForm {
        name: name.into(),
        audience: "dealership".into(),
        price: "2400".into(),
        unlocks: vec!["exchange_filters".into()],
        description: String::new(),
    };
    let plan = plans::create(db, admin, &form("Dealer"), now).await.unwrap();
    let spare_plan = plans::create(db, admin, &form("Dealer Plus"), now).await.unwrap();
    let site = "http://localhost";
    let paid = checkout::confirm(db, owner, shop, plan, "", site, now).await.unwrap();
    payments::settle(db, &payments::ManualInvoice, admin, paid, "SYNTHETIC cheque", site, now).await.unwrap();
    let open = checkout::confirm(db, owner, shop, plan, "", site, now).await.unwrap();
    (plan, spare_plan, paid, open)
}

async fn add_member(db: &DatabaseConnection, organisation_id: i64, actor: Actor) {
    org_member::ActiveModel {
        organisation_id: Set(organisation_id),
        user_id: Set(actor.user_id),
        role: Set(domain::orgs::MemberRole::Member),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .unwrap();
}

/// One row of the table: a request, and the roles that must be let through.
struct Case {
    /// The route as registered (`/orgs/{id}/invite`, `/api/my_account`, …).
    route: String,
    method: Method,
    /// The concrete path and query asked.
    uri: String,
    /// Form body. Bodies are chosen to fail validation where they could change the world,
    /// so a row proves the authorization check comes before anything else.
    body: String,
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

fn table(w: &World) -> Vec<Case> {
    let (shop, a, b, pending) = (w.shop, w.program_a, w.program_b, w.pending_school);
    let (need, filled) = (w.need, w.filled_need);
    let (vshop, p, offer) = (w.verified_shop, w.partnership, w.offer);
    let (opening, closed_opening) = (w.opening, w.closed_opening);
    const SHOP: &[Role] = &[ShopMember, ShopOwner];
    const PARTIES: &[Role] = &[ShopMember, ShopOwner, InstructorA];
    let long_note = format!("note={}", "x".repeat(501));
    let long_reason = format!("reason={}", "x".repeat(501));
    let message = w.message;
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
        // The public API.
        get("/api/v1/programs/near", "/api/v1/programs/near?zip=48201", ALL),
        get("/api/v1/programs/clusters", "/api/v1/programs/clusters?bbox=-90,40,-80,45&zoom=6", ALL),
        get("/api/v1/programs/{unitid}", "/api/v1/programs/900001", ALL),
        get("/api/v1/schools", "/api/v1/schools", ALL),
        get("/api/v1/openapi.json", "/api/v1/openapi.json", ALL),
    ]
}

/// Every route the application serves that the table must cover.
fn discovered_routes() -> BTreeSet<String> {
    let mut routes: BTreeSet<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect();
    routes.extend(server::forms::routes().into_iter().map(|(path, _)| path.to_string()));
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
    let world = build_world(&db).await;
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
            // A new session per request, so sign-out and session rotation affect no other row.
            let cookie = match world.actors.get(role) {
                Some(actor) => {
                    let session = sessions::start(&db, actor.user_id, Utc::now()).await.unwrap();
                    Some(format!("bayline_session={}", session.token))
                }
                None => None,
            };
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
