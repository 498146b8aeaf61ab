//! A small SYNTHETIC world with one of everything a page can show — shops, verified and not,
//! claimed school programs and open claims, needs, an offer, a partnership and its thread,
//! openings with an interest, pay data, articles, plans and invoices, events — made through
//! the service's own functions. The authorization test asks every route of it as each role;
//! `bayline dev synth-world` builds it for the browser tests that visit every page.
//!
//! The three colleges are SYNTHETIC institutions (UNITIDs from `first_unitid`, in
//! "Testville", MI); the shops sit at the real GeoNames centroid of ZIP 48201, which must be
//! imported first.
use chrono::{DateTime, Duration, Utc};
use domain::ProgramKind;
use entity::{institution, notification};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set,
};

use super::rows;
use crate::{
    Ctx,
    authz::Actor,
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
        claims::{self, Claimed},
        create::{self, SchoolProgramForm, ShopForm},
        verification,
    },
    partnerships::{lifecycle, offers},
    resources::{self, write::ArticleForm},
};

/// The people of the world, one per role a page can be seen in.
#[derive(Debug, Clone, Copy)]
pub struct People {
    pub student: Actor,
    /// A member (not owner) of both shops.
    pub shop_member: Actor,
    pub shop_owner: Actor,
    /// The verified instructors of program A and program B.
    pub instructor_a: Actor,
    pub instructor_b: Actor,
    pub admin: Actor,
}

/// What the world holds, by id.
#[derive(Debug, Clone)]
pub struct World {
    pub people: People,
    /// The UNITIDs of colleges A, B (claimed) and C (claimed by nobody yet).
    pub unitids: [i32; 3],
    /// A shop waiting for verification.
    pub shop: i64,
    pub program_a: i64,
    pub program_b: i64,
    /// A high-school program waiting for an admin.
    pub pending_school: i64,
    /// An open need of program A, and a filled one (hidden from outsiders), recorded as
    /// filled by the verified shop.
    pub need: i64,
    pub filled_need: i64,
    /// A verified shop (owner and member as for `shop`), an active partnership between it
    /// and program A, and its declined offer on `need`.
    pub verified_shop: i64,
    pub partnership: i64,
    pub offer: i64,
    /// A notification of instructor A's (the shop's offer on `need`).
    pub notice: i64,
    /// The proposal's message, the first of the partnership's thread.
    pub message: i64,
    /// An open opening of the verified shop (the student expressed interest, naming
    /// program A) and a closed one.
    pub opening: i64,
    pub closed_opening: i64,
    /// The student's interest in `opening` (an application), and the shop owner's message
    /// answering it.
    pub interest: i64,
    pub application_message: i64,
    /// The verified shop's pay-data submission, from more than a year ago (so it earns no
    /// contributor access today), accepted without review.
    pub pay_submission: i64,
    /// Published articles: a public one and a members-only one (slugs), and the latter's id.
    pub public_article: String,
    pub members_article: String,
    pub members_article_id: i64,
    /// A dealership plan the verified shop bought (its paid invoice) and is renewing (its
    /// open invoice), and a second plan nobody bought.
    pub plan: i64,
    pub spare_plan: i64,
    pub paid_invoice: i64,
    pub open_invoice: i64,
    /// An upcoming webinar, and a cancelled one.
    pub event: i64,
    pub cancelled_event: i64,
    /// A claim waiting for an admin (of college C) and one waiting for program A's owner.
    pub pending_claim: i64,
    pub waiting_claim: i64,
    /// The student's saved search of the events list.
    pub saved_search: i64,
    /// A school from an imported list, not yet on Bayline, whose list gives an e-mail
    /// address (`office@westside-cte.example.org`, never shown).
    pub listing: i64,
    /// A placement of the student at the verified shop (mentor: the shop's member) for
    /// program A, made from their interest in a third opening that the shop marked hired
    /// (the interest since withdrawn, the opening closed, so neither shows in the lists
    /// above); the student said they are under 18, so it awaits their guardian's consent.
    pub placement: i64,
    /// The interest the placement was made from.
    pub placement_interest: i64,
}

/// The e-mail address the world's listing gives (no page may show it).
pub const LISTING_EMAIL: &str = "office@westside-cte.example.org";

/// Why the world could not be built: the step, and what refused it.
pub type Failed = String;

fn at<E: std::fmt::Display>(step: &'static str) -> impl FnOnce(E) -> Failed {
    move |error| format!("{step}: {error}")
}

const SITE: &str = "http://localhost";

/// Builds the world in `db`, with emails at `example.com`-style domains and UNITIDs
/// `first_unitid`, `+1`, `+2` (none may exist yet).
pub async fn build(db: &DatabaseConnection, first_unitid: i32, now: DateTime<Utc>) -> Result<World, Failed> {
    let unitids = [first_unitid, first_unitid + 1, first_unitid + 2];
    for (unitid, host) in unitids.iter().zip(["college-a", "college-b", "college-c"]) {
        college(db, *unitid, &format!("www.{host}.example.edu"))
            .await
            .map_err(at("add a SYNTHETIC college"))?;
    }
    let person = |email: &'static str, admin: bool| rows::user(db, email, admin, now);
    let people = People {
        student: person("student@example.com", false).await.map_err(at("add the student"))?,
        shop_member: person("tech@shop.example.com", false).await.map_err(at("add the shop member"))?,
        shop_owner: person("owner@shop.example.com", false).await.map_err(at("add the shop owner"))?,
        instructor_a: person("pat@college-a.example.edu", false).await.map_err(at("add instructor A"))?,
        instructor_b: person("lee@college-b.example.edu", false).await.map_err(at("add instructor B"))?,
        admin: person("admin@bayline.example.com", true).await.map_err(at("add the admin"))?,
    };
    let (owner, instructor, admin) = (Some(people.shop_owner), Some(people.instructor_a), Some(people.admin));
    let shop_form = ShopForm {
        name: "Synthetic Shop".into(),
        shop_type: "dealership".into(),
        size_band: "10-24".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let shop = create::create_shop(db, owner, &shop_form, now).await.map_err(at("create the shop"))?.id;
    rows::member(db, shop, people.shop_member, now).await.map_err(at("add the shop's member"))?;
    let claim = |who: Actor, unitid: i32| async move {
        claims::claim_program(db, Some(who), &unitid.to_string(), now).await
    };
    let verified = |claimed: Claimed| claimed.verified().ok_or("an instructor's claim was not verified");
    let program_a = verified(claim(people.instructor_a, unitids[0]).await.map_err(at("claim A"))?)?;
    let program_b = verified(claim(people.instructor_b, unitids[1]).await.map_err(at("claim B"))?)?;
    let open_claim = |claimed| match claimed {
        Claimed::Pending { claim_id } | Claimed::AskedOwners { claim_id, .. } => Ok(claim_id),
        other => Err(format!("expected an open claim, got {other:?}")),
    };
    let pending_claim = open_claim(claim(people.student, unitids[2]).await.map_err(at("claim C"))?)?;
    let waiting_claim = open_claim(claim(people.student, unitids[0]).await.map_err(at("claim A again"))?)?;
    let school_form = SchoolProgramForm {
        name: "Synthetic High School Auto".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        kinds: vec!["auto".into()],
        ..Default::default()
    };
    let pending_school = create::add_school_program(db, instructor, &school_form, now)
        .await
        .map_err(at("add the high school"))?
        .id;
    let need_form = |title: &str| NeedForm {
        kind: "guest_speaker".into(),
        title: title.into(),
        students: "10".into(),
        starts_on: now.date_naive().to_string(),
        ends_on: now.date_naive().to_string(),
        paid: "unpaid".into(),
        ..Default::default()
    };
    let need = needs::create::create(db, instructor, program_a, &need_form("Guest speaker on ADAS"), now)
        .await
        .map_err(at("post the need"))?;
    let filled_need = needs::create::create(db, instructor, program_a, &need_form("Shop tour"), now)
        .await
        .map_err(at("post a need"))?;
    needs::status::set_status(db, instructor, filled_need, "filled", now)
        .await
        .map_err(at("fill the need"))?;
    let verified_form = ShopForm { name: "Synthetic Verified Shop".into(), ..shop_form };
    let verified_shop =
        create::create_shop(db, owner, &verified_form, now).await.map_err(at("create the verified shop"))?.id;
    rows::member(db, verified_shop, people.shop_member, now).await.map_err(at("add the member"))?;
    verification::verify(db, admin, verified_shop, SITE, now).await.map_err(at("verify the shop"))?;
    let offer = offers::make(db, owner, need, verified_shop, "SYNTHETIC offer", SITE, now)
        .await
        .map_err(at("offer help"))?
        .offer_id;
    offers::decline(db, instructor, offer, "", SITE, now).await.map_err(at("decline the offer"))?;
    let kinds = [domain::needs::NeedKind::GuestSpeaker];
    let proposal = "SYNTHETIC proposal";
    let partnership =
        lifecycle::propose(db, &Ctx::new(owner, SITE, now), verified_shop, program_a, &kinds, proposal)
            .await
            .map_err(at("propose a partnership"))?;
    lifecycle::accept(db, &Ctx::new(instructor, SITE, now), partnership).await.map_err(at("accept it"))?;
    let filled_by =
        crate::school_year::fills::FillForm { shop: verified_shop.to_string(), filled_on: String::new() };
    crate::school_year::fills::record(db, instructor, filled_need, &filled_by, SITE, now)
        .await
        .map_err(at("record who filled the need"))?;
    let notice = notification::Entity::find()
        .filter(notification::Column::UserId.eq(people.instructor_a.user_id))
        .one(db)
        .await
        .map_err(at("find the offer's notification"))?
        .ok_or("the offer notified nobody")?
        .id;
    let message = entity::partnership_message::Entity::find()
        .filter(entity::partnership_message::Column::PartnershipId.eq(partnership))
        .one(db)
        .await
        .map_err(at("find the proposal's message"))?
        .ok_or("the proposal has no message")?
        .id;
    let (opening, closed_opening, (interest, application_message)) =
        openings_of(db, people, verified_shop, (program_a, unitids[0]), now).await?;
    let pay_submission = pay(db, owner, verified_shop, now - Duration::days(400)).await?;
    let (public_article, members_article, members_article_id) = articles(db, admin, now).await?;
    let (plan, spare_plan, paid_invoice, open_invoice) = memberships(db, people, verified_shop, now).await?;
    let (event, cancelled_event) = events_of(db, admin, now).await?;
    let events = domain::alerts::AlertSearch {
        page: domain::alerts::AlertPage::Events,
        zip: None,
        radius_mi: None,
        kind: None,
    };
    let search_form =
        crate::alerts::manage::SearchForm { name: "Webinars (SYNTHETIC)".into(), frequency: "weekly".into() };
    let saved_search = crate::alerts::manage::save(db, Some(people.student), &events, &search_form, now)
        .await
        .map_err(at("save the student's search"))?;
    let listing = listing_of(db, now).await.map_err(at("import a listing"))?;
    let (placement, placement_interest) = placement_of(db, people, verified_shop, program_a, now).await?;
    Ok(World {
        listing,
        placement,
        placement_interest,
        saved_search,
        people,
        unitids,
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
        interest,
        application_message,
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
    })
}

/// A SYNTHETIC school from an imported list, in Detroit.
async fn listing_of(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<i64, sea_orm::DbErr> {
    let row = entity::school_listing::ActiveModel {
        name: Set("SYNTHETIC Westside CTE".into()),
        name_key: Set("synthetic westside cte".into()),
        street: Set("1 Example St".into()),
        city: Set("Detroit".into()),
        state: Set("MI".into()),
        zip: Set("48201".into()),
        kinds: Set("auto".into()),
        level: Set(domain::schools::SchoolLevel::CteCenter),
        web_host: Set("westside-cte.example.org".into()),
        nces_id: Set(None),
        aef_accredited_until: Set(None),
        latitude: Set(42.3474),
        longitude: Set(-83.0604),
        located_by_zip: Set(true),
        contact_email: Set(Some(LISTING_EMAIL.into())),
        source: Set("SYNTHETIC county list".into()),
        source_line: Set(2),
        imported_at: Set(now),
        updated_at: Set(now),
        claimed_org_id: Set(None),
        ..Default::default()
    };
    Ok(row.insert(db).await?.id)
}

async fn college(db: &DatabaseConnection, unitid: i32, website: &str) -> Result<(), sea_orm::DbErr> {
    rows::institution(db, unitid, "MI", 42.3, -83.0).await?;
    rows::completions(db, unitid, ProgramKind::Auto, 3, 10).await?;
    let found = institution::Entity::find_by_id(unitid).one(db).await?;
    let mut row = found.ok_or(sea_orm::DbErr::RecordNotFound(unitid.to_string()))?.into_active_model();
    row.website = Set(website.into());
    row.update(db).await.map(drop)
}

/// An open internship the student showed interest in (sharing their name and program A,
/// which they saved: `(organisation, unitid)`) and the shop answered, and a closed one:
/// `(opening, closed, (interest, its message))`.
async fn openings_of(
    db: &DatabaseConnection,
    people: People,
    shop: i64,
    (program, unitid): (i64, i32),
    now: DateTime<Utc>,
) -> Result<(i64, i64, (i64, i64)), Failed> {
    let owner = Some(people.shop_owner);
    let form = OpeningForm {
        kind: "internship".into(),
        title: "SYNTHETIC summer internship".into(),
        pay_min: "17".into(),
        pay_max: "19".into(),
        pay_period: "hourly".into(),
        schedule: "summer".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let opening = openings::create(db, owner, shop, &form, now).await.map_err(at("post the opening"))?;
    let closed = openings::create(db, owner, shop, &form, now).await.map_err(at("post an opening"))?;
    openings::set_status(db, owner, closed, "closed", now).await.map_err(at("close the opening"))?;
    entity::saved_program::ActiveModel {
        user_id: Set(people.student.user_id),
        unitid: Set(unitid),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map_err(at("save a program"))?;
    let shared = InterestForm {
        share_name: true,
        name: "SYNTHETIC Student".into(),
        share_program: true,
        program_id: program.to_string(),
        ..Default::default()
    };
    let interest = interest::express(db, Some(people.student), opening, &shared, SITE, now)
        .await
        .map_err(at("show interest"))?;
    let answer = "SYNTHETIC: thanks for your interest. Could you visit the shop next Tuesday?";
    let message = crate::openings::conversation::post(db, owner, interest, answer, "", SITE, now)
        .await
        .map_err(at("answer the student"))?;
    Ok((opening, closed, (interest, message)))
}

/// The student's placement (see [`World::placement`]): `(placement, interest)`.
async fn placement_of(
    db: &DatabaseConnection,
    people: People,
    shop: i64,
    program: i64,
    now: DateTime<Utc>,
) -> Result<(i64, i64), Failed> {
    use crate::placements::{consent, create as placements};
    let (owner, student) = (Some(people.shop_owner), Some(people.student));
    let form = OpeningForm {
        kind: "apprenticeship".into(),
        title: "SYNTHETIC apprenticeship".into(),
        pay_min: "16".into(),
        pay_max: "16".into(),
        pay_period: "hourly".into(),
        schedule: "part_time".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let opening =
        openings::create(db, owner, shop, &form, now).await.map_err(at("post the apprenticeship"))?;
    let shared = InterestForm { share_name: true, name: "SYNTHETIC Student".into(), ..Default::default() };
    let interest = interest::express(db, student, opening, &shared, SITE, now)
        .await
        .map_err(at("apply to the apprenticeship"))?;
    crate::openings::conversation::set_status(db, owner, interest, "hired", SITE, now)
        .await
        .map_err(at("hire the student"))?;
    let terms = placements::PlacementForm {
        mentor: people.shop_member.user_id.to_string(),
        program: program.to_string(),
        starts_on: now.date_naive().to_string(),
        ends_on: (now + Duration::days(90)).date_naive().to_string(),
        weekly_hours: "12".into(),
        paid: "paid".into(),
        task_areas: vec!["a5".into(), "g1".into()],
    };
    let placement =
        placements::create(db, owner, interest, &terms, SITE, now).await.map_err(at("make the placement"))?;
    let age = consent::AgeForm { under_18: "yes".into(), guardian_email: "guardian@example.com".into() };
    consent::state_age(db, student, placement, &age, SITE, now)
        .await
        .map_err(at("say the student is a minor"))?;
    interest::withdraw(db, student, opening, now).await.map_err(at("withdraw the interest"))?;
    openings::set_status(db, owner, opening, "closed", now).await.map_err(at("close the apprenticeship"))?;
    Ok((placement, interest))
}

/// One row of SYNTHETIC pay data, contributed `when`.
async fn pay(
    db: &DatabaseConnection,
    owner: Option<Actor>,
    shop: i64,
    when: DateTime<Utc>,
) -> Result<i64, Failed> {
    let form = ContributionForm {
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
    let made = insights::contribute::contribute(db, &InsightsCache::new(), owner, shop, &form, when)
        .await
        .map_err(at("contribute pay data"))?;
    Ok(made.submission_id)
}

/// A public article and a members-only one: their slugs, and the latter's id.
async fn articles(
    db: &DatabaseConnection,
    admin: Option<Actor>,
    now: DateTime<Utc>,
) -> Result<(String, String, i64), Failed> {
    let article = |title: &str, visibility: &str| ArticleForm {
        title: title.into(),
        summary: "SYNTHETIC summary".into(),
        category: "retention".into(),
        visibility: visibility.into(),
        body: "SYNTHETIC body".into(),
        publish: "on".into(),
        ..Default::default()
    };
    let public = resources::write::create(db, admin, &article("Keeping techs", "public"), now)
        .await
        .map_err(at("publish an article"))?;
    let members = resources::write::create(db, admin, &article("Members playbook", "members"), now)
        .await
        .map_err(at("publish a members' article"))?;
    let id = resources::read::one(db, admin, &members, now).await.map_err(at("read the article"))?.summary.id;
    Ok((public, members, id))
}

/// Two plans; the shop bought the first (paid) and is renewing it (open invoice).
async fn memberships(
    db: &DatabaseConnection,
    people: People,
    shop: i64,
    now: DateTime<Utc>,
) -> Result<(i64, i64, i64, i64), Failed> {
    use crate::membership::{checkout, payments, plans};
    let (admin, owner) = (Some(people.admin), Some(people.shop_owner));
    let form = |name: &str| plans::PlanForm {
        name: name.into(),
        audience: "dealership".into(),
        price: "2400".into(),
        unlocks: vec!["exchange_filters".into()],
        description: String::new(),
    };
    let plan = plans::create(db, admin, &form("Dealer"), now).await.map_err(at("add a plan"))?;
    let spare = plans::create(db, admin, &form("Dealer Plus"), now).await.map_err(at("add a plan"))?;
    rows::billing_details(db, admin, now).await.map_err(at("set the billing details"))?;
    let paid = checkout::confirm(db, owner, shop, plan, "", SITE, now).await.map_err(at("buy the plan"))?;
    payments::settle(db, &payments::ManualInvoice, admin, paid, "SYNTHETIC cheque", SITE, now)
        .await
        .map_err(at("settle the invoice"))?;
    let open = checkout::confirm(db, owner, shop, plan, "", SITE, now).await.map_err(at("renew the plan"))?;
    Ok((plan, spare, paid, open))
}

/// An upcoming webinar a month from now, and a cancelled copy.
async fn events_of(
    db: &DatabaseConnection,
    admin: Option<Actor>,
    now: DateTime<Utc>,
) -> Result<(i64, i64), Failed> {
    let day = (now + Duration::days(30)).format("%Y-%m-%d");
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
    let event = events::admin::create(db, admin, &webinar, now).await.map_err(at("add an event"))?;
    let cancelled = events::admin::create(db, admin, &webinar, now).await.map_err(at("add an event"))?;
    events::admin::cancel(db, admin, cancelled, SITE, now).await.map_err(at("cancel the event"))?;
    Ok((event, cancelled))
}
