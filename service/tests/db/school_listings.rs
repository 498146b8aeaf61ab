//! Imported school listings on both databases: a program added from a listing is verified at
//! once only under the trust rules (a verified address exactly at the listing's own,
//! school-owned web host that no other listing or IPEDS institution gives), taking the
//! listing in the same transaction, and racing claims leave one organisation holding it; a
//! verified shop's invitations (one e-mail per shop and listing, a daily limit, a letter)
//! and who may make them. People, shops and schools are SYNTHETIC; the ZIP centroid is the
//! real GeoNames row of 48201.
use chrono::{Duration, Utc};
use domain::{
    orgs::{OrgKind, OrgStatus},
    school_invites::InviteChannel,
};
use entity::{app_user, audit_event, email_outbox, organisation, school_invite, school_listing};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set,
};
use service::{
    authz::Actor,
    db_test,
    error::ServiceError,
    orgs::create::{self, SchoolProgramForm, ShopForm},
    schools::invites,
    testing::{add_real_zips, add_synthetic_institution, add_synthetic_user, add_verified_shop},
};

const SITE: &str = "http://bayline.test";

/// A SYNTHETIC listing in Detroit giving `host` (and an e-mail address, when given).
async fn listing(db: &DatabaseConnection, name: &str, host: &str, email: Option<&str>) -> i64 {
    let now = Utc::now();
    school_listing::ActiveModel {
        name: Set(name.into()),
        name_key: Set(name.to_lowercase()),
        street: Set("1 Example St".into()),
        city: Set("Detroit".into()),
        state: Set("MI".into()),
        zip: Set("48201".into()),
        kinds: Set("auto".into()),
        level: Set(domain::schools::SchoolLevel::HighSchool),
        web_host: Set(host.into()),
        nces_id: Set(None),
        aef_accredited_until: Set(None),
        latitude: Set(42.3474),
        longitude: Set(-83.0604),
        located_by_zip: Set(true),
        contact_email: Set(email.map(str::to_string)),
        source: Set("SYNTHETIC county list".into()),
        source_line: Set(2),
        imported_at: Set(now),
        updated_at: Set(now),
        claimed_org_id: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id
}

fn form_from(listing: i64) -> SchoolProgramForm {
    SchoolProgramForm {
        name: "SYNTHETIC High School Auto".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        kinds: vec!["auto".into()],
        listing: listing.to_string(),
        ..Default::default()
    }
}

async fn claimed_by(db: &DatabaseConnection, listing: i64) -> Option<i64> {
    school_listing::Entity::find_by_id(listing).one(db).await.unwrap().unwrap().claimed_org_id
}

async fn add_from(db: &DatabaseConnection, who: Actor, listing: i64) -> create::Created {
    create::add_school_program(db, Some(who), &form_from(listing), Utc::now()).await.unwrap()
}

db_test!(
    a_program_from_a_listing_is_verified_at_once_only_under_the_trust_rules,
    |db: DatabaseConnection| async move {
        add_real_zips(&db, &["48201"]).await;
        // The exact, school-owned host of one listing: verified at once, the listing taken.
        let own = listing(&db, "SYNTHETIC Westside High", "westside.k12.mi.us", None).await;
        let prefill = service::schools::prefill(&db, own).await.unwrap().unwrap();
        assert_eq!(prefill.at_once_host.as_deref(), Some("westside.k12.mi.us"), "the form names the host");
        let teacher = add_synthetic_user(&db, "pat@westside.k12.mi.us", false).await;
        let created = add_from(&db, teacher, own).await;
        assert_eq!(created.status, OrgStatus::Verified);
        assert_eq!(claimed_by(&db, own).await, Some(created.id), "taken in the same transaction");
        let org = organisation::Entity::find_by_id(created.id).one(&db).await.unwrap().unwrap();
        assert_eq!(
            (org.kind, org.listing_id, org.verified_at.is_some()),
            (OrgKind::HighSchoolProgram, Some(own), true)
        );
        assert!(service::schools::unclaimed(&db).await.unwrap().iter().all(|l| l.id != own));
        let audited = audit_event::Entity::find()
            .filter(audit_event::Column::Event.eq("organisation_verified"))
            .all(&db)
            .await
            .unwrap();
        assert!(
            audited.iter().any(|e| e.detail.contains(&format!("organisation {}", created.id))
                && e.detail.contains(create::LISTING_HOST_REASON)),
            "the automatic verification is audited with its reason: {audited:?}"
        );

        // Everything else waits for an admin, and the listing stays "not yet on Bayline".
        let unverified_host = listing(&db, "SYNTHETIC Eastside High", "eastside.k12.mi.us", None).await;
        let unverified = add_synthetic_user(&db, "kim@eastside.k12.mi.us", false).await;
        let mut row = app_user::Entity::find_by_id(unverified.user_id)
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        row.email_verified_at = Set(None);
        row.update(&db).await.unwrap();
        let northside = listing(&db, "SYNTHETIC Northside High", "northside.k12.mi.us", None).await;
        // Two listings give one district's host: it does not tell which school a person teaches at.
        let district_a = listing(&db, "SYNTHETIC District High A", "district.k12.mi.us", None).await;
        listing(&db, "SYNTHETIC District High B", "district.k12.mi.us", None).await;
        // A listing giving a college's host an IPEDS institution lists too.
        add_synthetic_institution(&db, 900031, "MI", 42.3, -83.0).await;
        let mut college = entity::institution::Entity::find_by_id(900031)
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        college.website = Set("www.shared-college.example.edu/auto".into());
        college.update(&db).await.unwrap();
        let with_college = listing(&db, "SYNTHETIC College Annex", "shared-college.example.edu", None).await;
        let free_mail = listing(&db, "SYNTHETIC Gmail High", "gmail.com", None).await;
        let dot_com = listing(&db, "SYNTHETIC Southside Auto Academy", "southside-auto.com", None).await;
        let cases = [
            ("an unverified address", unverified, unverified_host),
            (
                "a subdomain",
                add_synthetic_user(&db, "sam@students.northside.k12.mi.us", false).await,
                northside,
            ),
            ("another host", add_synthetic_user(&db, "lee@other.k12.mi.us", false).await, northside),
            (
                "a host two listings give",
                add_synthetic_user(&db, "ann@district.k12.mi.us", false).await,
                district_a,
            ),
            (
                "a host an IPEDS college gives",
                add_synthetic_user(&db, "bo@shared-college.example.edu", false).await,
                with_college,
            ),
            ("a free mail host", add_synthetic_user(&db, "someone@gmail.com", false).await, free_mail),
            ("a .com host", add_synthetic_user(&db, "jo@southside-auto.com", false).await, dot_com),
        ];
        for id in [district_a, with_college, free_mail, dot_com] {
            let prefill = service::schools::prefill(&db, id).await.unwrap().unwrap();
            assert_eq!(
                prefill.at_once_host, None,
                "no address at a shared or non-school host verifies at once"
            );
        }
        for (what, who, id) in cases {
            let created = add_from(&db, who, id).await;
            assert_eq!(created.status, OrgStatus::Pending, "{what} waits for an admin");
            assert_eq!(claimed_by(&db, id).await, None, "{what}: the listing is still unclaimed");
        }
    }
);

/// Eight instructors at the listing's own host add it at once: exactly one verified
/// organisation holds the listing; every other one was refused and wrote nothing.
async fn eight_claims_race_for_one_listing(db: DatabaseConnection) {
    add_real_zips(&db, &["48201"]).await;
    let id = listing(&db, "SYNTHETIC Race High", "race.k12.mi.us", None).await;
    let mut claimants = Vec::new();
    for i in 0..8 {
        claimants.push(add_synthetic_user(&db, &format!("pat{i}@race.k12.mi.us"), false).await);
    }
    let claims = claimants.iter().map(|actor| {
        let (db, actor) = (db.clone(), *actor);
        tokio::spawn(
            async move { create::add_school_program(&db, Some(actor), &form_from(id), Utc::now()).await },
        )
    });
    let mut won = Vec::new();
    for claim in claims {
        match claim.await.unwrap() {
            Ok(created) => {
                assert_eq!(created.status, OrgStatus::Verified);
                won.push(created.id);
            }
            Err(ServiceError::Conflict(message)) => assert!(message.contains("someone else"), "{message}"),
            Err(ServiceError::Invalid { field: "listing", .. }) => {}
            Err(other) => panic!("a racing claim failed: {other:?}"),
        }
    }
    let holding =
        organisation::Entity::find().filter(organisation::Column::ListingId.eq(id)).all(&db).await.unwrap();
    assert_eq!(won.len(), 1, "one claim wins");
    assert_eq!(holding.iter().map(|o| o.id).collect::<Vec<_>>(), won, "the losers wrote nothing");
    assert_eq!(claimed_by(&db, id).await, Some(won[0]));
}

db_test!(
    eight_claims_of_one_listing_at_once_leave_one_verified_organisation,
    eight_claims_race_for_one_listing
);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_claims_of_one_listing_at_once_on_a_sqlite_file() {
    service::testing::on_a_sqlite_file("listing-race", eight_claims_race_for_one_listing).await;
}

async fn outbox_to(db: &DatabaseConnection, address: &str) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find().filter(email_outbox::Column::Recipient.eq(address)).all(db).await.unwrap()
}

db_test!(a_verified_shop_invites_a_listed_school_once, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let (shop, owner) = add_verified_shop(&db, "invite", "dealership", admin).await;
    let address = "office@westside.example.org";
    let id = listing(&db, "SYNTHETIC Westside CTE", "westside.example.org", Some(address)).await;
    let now = Utc::now();

    let page = invites::page(&db, None, id).await.unwrap();
    assert!(page.has_address && page.my_shops.is_empty() && page.shops_invited == 0);
    let sent = invites::invite(&db, Some(owner), id, shop, "email", SITE, now).await.unwrap();
    assert_eq!(sent, InviteChannel::Email);
    let mail = outbox_to(&db, address).await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].subject, "Synthetic invite Garage invites SYNTHETIC Westside CTE to Bayline");
    let body = &mail[0].body_text;
    for needed in [
        "SYNTHETIC invite of Synthetic invite Garage",
        &format!("{SITE}/schools/high-school?listing={id}"),
        "Bayline's operator imported a list of schools (\"SYNTHETIC county list\")",
        "will not write again",
    ] {
        assert!(body.contains(needed), "the mail says {needed:?}: {body}");
    }
    // Once per shop: a second e-mail is refused and sends nothing.
    let again = invites::invite(&db, Some(owner), id, shop, "email", SITE, now).await.unwrap_err();
    assert!(matches!(&again, ServiceError::Conflict(m) if m.contains("already")), "{again:?}");
    assert_eq!(outbox_to(&db, address).await.len(), 1);
    // The letter is always there; making it again is no new invitation.
    for _ in 0..2 {
        invites::invite(&db, Some(owner), id, shop, "letter", SITE, now).await.unwrap();
    }
    let letter = invites::letter(&db, Some(owner), id, None, SITE, now).await.unwrap();
    assert_eq!(letter.claim_url, format!("{SITE}/schools/high-school?listing={id}"));
    assert_eq!(
        (letter.school_name.as_str(), letter.shop_name.as_str()),
        ("SYNTHETIC Westside CTE", "Synthetic invite Garage")
    );
    let page = invites::page(&db, Some(owner), id).await.unwrap();
    assert_eq!(page.shops_invited, 1, "one shop, however many channels");
    // Each invitation made is in the audit log once (the e-mail and the first letter), and
    // never with the school's address.
    let audited = audit_event::Entity::find()
        .filter(audit_event::Column::Event.eq("school_invited"))
        .all(&db)
        .await
        .unwrap();
    let details: Vec<&str> = audited.iter().map(|e| e.detail.as_str()).collect();
    assert_eq!(
        details,
        [format!("listing {id} by shop {shop} (email)"), format!("listing {id} by shop {shop} (letter)")]
    );
    assert!(audited.iter().all(|e| e.user_id == Some(owner.user_id) && !e.detail.contains(address)));
    let mine = &page.my_shops[0];
    assert_eq!(mine.emailed_on.as_deref(), Some(now.format("%Y-%m-%d").to_string().as_str()));
    assert!(mine.letter_on.is_some());
    assert_eq!(school_invite::Entity::find().count(&db).await.unwrap(), 2);
    let shown = format!("{page:?}{letter:?}");
    assert!(!shown.contains(address), "the list's address is never shown");

    // A bad channel, a listing without an address, a claimed listing: refused.
    let bad = invites::invite(&db, Some(owner), id, shop, "pigeon", SITE, now).await.unwrap_err();
    assert!(matches!(bad, ServiceError::Invalid { field: "channel", .. }));
    let no_address = listing(&db, "SYNTHETIC Quiet High", "quiet.example.org", None).await;
    let refused = invites::invite(&db, Some(owner), no_address, shop, "email", SITE, now).await.unwrap_err();
    assert!(matches!(refused, ServiceError::Invalid { field: "channel", .. }));
    invites::invite(&db, Some(owner), no_address, shop, "letter", SITE, now).await.unwrap();
    let taken = listing(&db, "SYNTHETIC Taken High", "taken.k12.mi.us", Some("office@taken.k12.mi.us")).await;
    let teacher = add_synthetic_user(&db, "pat@taken.k12.mi.us", false).await;
    let program = add_from(&db, teacher, taken).await;
    let refused = invites::invite(&db, Some(owner), taken, shop, "email", SITE, now).await.unwrap_err();
    assert!(matches!(refused, ServiceError::Conflict(_)));
    let page = invites::page(&db, None, taken).await.unwrap();
    assert_eq!(page.claimed_by.map(|(org, _)| org), Some(program.id));

    // Who may not: a visitor, a stranger to the shop, a school's member, a shop not verified.
    let visitor = invites::invite(&db, None, id, shop, "letter", SITE, now).await.unwrap_err();
    assert!(matches!(visitor, ServiceError::SignInRequired));
    let stranger = add_synthetic_user(&db, "stranger@example.com", false).await;
    let refused = invites::invite(&db, Some(stranger), id, shop, "letter", SITE, now).await.unwrap_err();
    assert!(matches!(refused, ServiceError::Forbidden));
    assert!(matches!(
        invites::letter(&db, Some(stranger), id, None, SITE, now).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        invites::letter(&db, Some(stranger), id, Some(shop), SITE, now).await,
        Err(ServiceError::Forbidden)
    ));
    let refused = invites::invite(&db, Some(teacher), id, program.id, "letter", SITE, now).await.unwrap_err();
    assert!(matches!(refused, ServiceError::Forbidden), "a school's member is no shop");
    let pending_owner = add_synthetic_user(&db, "pending@shop.example.com", false).await;
    let pending_form = ShopForm {
        name: "Synthetic Pending Garage".into(),
        shop_type: "independent_repair".into(),
        size_band: "5-9".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let pending = create::create_shop(&db, Some(pending_owner), &pending_form, now).await.unwrap().id;
    let refused =
        invites::invite(&db, Some(pending_owner), id, pending, "email", SITE, now).await.unwrap_err();
    assert!(matches!(&refused, ServiceError::Conflict(m) if m.contains("verified")), "{refused:?}");
    assert!(invites::page(&db, Some(pending_owner), id).await.unwrap().my_shops.is_empty());
    assert_eq!(outbox_to(&db, address).await.len(), 1, "none of them sent anything");
});

db_test!(a_shop_emails_at_most_twenty_schools_a_day, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let (shop, owner) = add_verified_shop(&db, "busy", "dealership", admin).await;
    let now = Utc::now();
    let mut ids = Vec::new();
    for n in 0..22 {
        ids.push(
            listing(
                &db,
                &format!("SYNTHETIC School {n}"),
                "",
                Some(&format!("office{n}@school.example.org")),
            )
            .await,
        );
    }
    for id in &ids[..20] {
        invites::invite(&db, Some(owner), *id, shop, "email", SITE, now).await.unwrap();
    }
    let limited = invites::invite(&db, Some(owner), ids[20], shop, "email", SITE, now).await.unwrap_err();
    assert!(matches!(limited, ServiceError::RateLimited { .. }), "{limited:?}");
    // Letters are not limited; a day later e-mail works again.
    invites::invite(&db, Some(owner), ids[20], shop, "letter", SITE, now).await.unwrap();
    let later = now + Duration::days(1) + Duration::seconds(1);
    invites::invite(&db, Some(owner), ids[21], shop, "email", SITE, later).await.unwrap();
    assert_eq!(
        email_outbox::Entity::find()
            .filter(email_outbox::Column::Subject.contains("invites"))
            .count(&db)
            .await
            .unwrap(),
        21
    );
});

db_test!(a_school_gets_at_most_three_emailed_invitations_a_week, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let address = "office@popular.example.org";
    let id = listing(&db, "SYNTHETIC Popular High", "", Some(address)).await;
    let now = Utc::now();
    let mut shops = Vec::new();
    for name in ["one", "two", "three", "four"] {
        shops.push(add_verified_shop(&db, name, "dealership", admin).await);
    }
    for (shop, owner) in &shops[..3] {
        invites::invite(&db, Some(*owner), id, *shop, "email", SITE, now).await.unwrap();
    }
    // A fourth shop that week is told to print a letter; the letter still works.
    let (shop, owner) = shops[3];
    let limited = invites::invite(&db, Some(owner), id, shop, "email", SITE, now).await.unwrap_err();
    assert!(
        matches!(&limited, ServiceError::RateLimited { what, .. } if what.contains("print a letter")),
        "{limited:?}"
    );
    assert_eq!(outbox_to(&db, address).await.len(), 3);
    invites::invite(&db, Some(owner), id, shop, "letter", SITE, now).await.unwrap();
    // A week later it may e-mail.
    invites::invite(
        &db,
        Some(owner),
        id,
        shop,
        "email",
        SITE,
        now + Duration::days(7) + Duration::minutes(1),
    )
    .await
    .unwrap();
    assert_eq!(outbox_to(&db, address).await.len(), 4);
});

db_test!(two_email_invitations_at_once_send_one_email, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let (shop, owner) = add_verified_shop(&db, "twice", "dealership", admin).await;
    let address = "office@twice.example.org";
    let id = listing(&db, "SYNTHETIC Twice High", "", Some(address)).await;
    let sends = (0..4).map(|_| {
        let db = db.clone();
        tokio::spawn(
            async move { invites::invite(&db, Some(owner), id, shop, "email", SITE, Utc::now()).await },
        )
    });
    let mut sent = 0;
    for send in sends {
        match send.await.unwrap() {
            Ok(_) => sent += 1,
            Err(ServiceError::Conflict(_)) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!((sent, outbox_to(&db, address).await.len()), (1, 1));
});

/// Gives a spawned request time to reach a lock the test holds: on PostgreSQL until the
/// server shows a session waiting for a lock (at most 5 s), on SQLite 100 ms (a writer
/// waiting on the busy timeout shows nowhere).
async fn until_one_waits_for_a_lock(db: &DatabaseConnection, postgres: bool) {
    use sea_orm::ConnectionTrait;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if !postgres {
            return;
        }
        let waiting = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap();
        if waiting > 0 {
            return;
        }
    }
}

/// The race made certain: another claim of the listing (here an admin's verification of a
/// waiting program, its transaction held open) takes the listing after this claim checked
/// it was free and before this claim's transaction writes. The conditional update finds it
/// taken: the claim is refused and writes nothing, and the listing stays with the other.
/// (Without `claimed_org_id IS NULL` in that update, this claim would take the listing over.)
async fn a_claim_loses_to_one_committed_meanwhile(db: DatabaseConnection, postgres: bool) {
    use sea_orm::TransactionTrait;
    add_real_zips(&db, &["48201"]).await;
    let id = listing(&db, "SYNTHETIC Meanwhile High", "meanwhile.k12.mi.us", None).await;
    let waiting = add_synthetic_user(&db, "someone@example.com", false).await;
    let other = add_from(&db, waiting, id).await;
    assert_eq!(other.status, OrgStatus::Pending);
    let teacher = add_synthetic_user(&db, "pat@meanwhile.k12.mi.us", false).await;

    let held = db.begin().await.unwrap();
    school_listing::Entity::update_many()
        .col_expr(school_listing::Column::ClaimedOrgId, sea_orm::sea_query::Expr::value(Some(other.id)))
        .filter(school_listing::Column::Id.eq(id))
        .exec(&held)
        .await
        .unwrap();
    let claim = {
        let db = db.clone();
        tokio::spawn(async move {
            create::add_school_program(&db, Some(teacher), &form_from(id), Utc::now()).await
        })
    };
    // Let the claim check the listing (still free to it) and reach its write, which waits
    // for the held transaction: on PostgreSQL for the listing's row lock, on SQLite for the
    // write lock.
    until_one_waits_for_a_lock(&db, postgres).await;
    held.commit().await.unwrap();
    let refused = claim.await.unwrap().unwrap_err();
    assert!(matches!(&refused, ServiceError::Conflict(m) if m.contains("someone else")), "{refused:?}");
    assert_eq!(claimed_by(&db, id).await, Some(other.id), "the listing stays with the claim that won");
    let holding =
        organisation::Entity::find().filter(organisation::Column::ListingId.eq(id)).count(&db).await.unwrap();
    assert_eq!(holding, 1, "the refused claim wrote no organisation");
    let members = entity::org_member::Entity::find()
        .filter(entity::org_member::Column::UserId.eq(teacher.user_id))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(members, 0, "nor a membership");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_claim_loses_to_one_committed_meanwhile_on_postgres() {
    if let Some(db) = service::testing::postgres().await {
        a_claim_loses_to_one_committed_meanwhile(db.conn.clone(), true).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_claim_loses_to_one_committed_meanwhile_on_a_sqlite_file() {
    service::testing::on_a_sqlite_file("listing-meanwhile", |db| {
        a_claim_loses_to_one_committed_meanwhile(db, false)
    })
    .await;
}

/// Which limit a held invitation fills up.
#[derive(Clone, Copy, Debug)]
enum Filled {
    /// The school's weekly limit: two shops have e-mailed it, a third is sending.
    School,
    /// The shop's daily limit: it has e-mailed 19 schools and is sending to a 20th.
    Shop,
}

/// The race made certain for both invitation limits: an e-mail invitation is in flight (its
/// transaction held open, having taken the limits' row locks and written its invitation,
/// as `invite_by_email` does) when one more is sent that the limit should stop. That one
/// counts only once the other is decided: it is refused, and nothing more is e-mailed.
/// (Without `hold_limits`, on PostgreSQL it counts what is committed, sends, and the limit
/// is passed by one; on SQLite write transactions already run one at a time.)
async fn an_invitation_counts_the_one_being_sent(db: DatabaseConnection, postgres: bool, filled: Filled) {
    use sea_orm::TransactionTrait;
    add_real_zips(&db, &["48201"]).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let now = Utc::now();
    let mut shops = Vec::new();
    for name in ["one", "two", "three", "four"] {
        shops.push(add_verified_shop(&db, name, "dealership", admin).await);
    }
    let popular = listing(&db, "SYNTHETIC Popular High", "", Some("office@popular.example.org")).await;
    // (who sends the held invitation and to whom; who sends the one to refuse and to whom)
    let ((held_shop, held_to), (late_shop, late_to)) = match filled {
        Filled::School => {
            for (shop, owner) in &shops[..2] {
                invites::invite(&db, Some(*owner), popular, *shop, "email", SITE, now).await.unwrap();
            }
            ((shops[2], popular), (shops[3], popular))
        }
        Filled::Shop => {
            let (shop, owner) = shops[0];
            for n in 0..19 {
                let school =
                    listing(&db, &format!("SYNTHETIC High {n}"), "", Some("office@high.example.org")).await;
                invites::invite(&db, Some(owner), school, shop, "email", SITE, now).await.unwrap();
            }
            let last = listing(&db, "SYNTHETIC Last High", "", Some("office@last.example.org")).await;
            ((shops[0], popular), (shops[0], last))
        }
    };
    let held = db.begin().await.unwrap();
    invites::hold_limits(&held, held_shop.0, held_to).await.unwrap();
    school_invite::ActiveModel {
        listing_id: Set(held_to),
        shop_id: Set(held_shop.0),
        user_id: Set(Some(held_shop.1.user_id)),
        channel: Set(InviteChannel::Email),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&held)
    .await
    .unwrap();
    let late = {
        let db = db.clone();
        let (shop, owner) = late_shop;
        tokio::spawn(
            async move { invites::invite(&db, Some(owner), late_to, shop, "email", SITE, now).await },
        )
    };
    // Let the late invitation reach its first lock, which waits for the held transaction: on
    // PostgreSQL for a row lock, on SQLite for the write lock.
    until_one_waits_for_a_lock(&db, postgres).await;
    held.commit().await.unwrap();
    let refused = late.await.unwrap().unwrap_err();
    assert!(matches!(refused, ServiceError::RateLimited { .. }), "{filled:?}: {refused:?}");
    let emailed = school_invite::Entity::find()
        .filter(school_invite::Column::Channel.eq(InviteChannel::Email))
        .count(&db)
        .await
        .unwrap();
    let expected = match filled {
        Filled::School => 3,
        Filled::Shop => 20,
    };
    assert_eq!(emailed, expected, "{filled:?}: the limit is not passed");
    assert_eq!(outbox_to(&db, "office@last.example.org").await.len(), 0);
    assert_eq!(
        outbox_to(&db, "office@popular.example.org").await.len(),
        match filled {
            Filled::School => 2,
            Filled::Shop => 0,
        },
        "{filled:?}: only the invitations that went through e-mailed the school"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_invitation_counts_the_one_being_sent_on_postgres() {
    for filled in [Filled::School, Filled::Shop] {
        if let Some(db) = service::testing::postgres().await {
            an_invitation_counts_the_one_being_sent(db.conn.clone(), true, filled).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_invitation_counts_the_one_being_sent_on_a_sqlite_file() {
    service::testing::on_a_sqlite_file("invite-held-school", |db| {
        an_invitation_counts_the_one_being_sent(db, false, Filled::School)
    })
    .await;
    service::testing::on_a_sqlite_file("invite-held-shop", |db| {
        an_invitation_counts_the_one_being_sent(db, false, Filled::Shop)
    })
    .await;
}
