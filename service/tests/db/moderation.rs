//! Reports, the admins' moderation queue, suspension and rate limits, on both databases:
//! who may report what, idempotent duplicates, hidden needs and messages, suspended
//! organisations, limits that refuse and store nothing, and non-admins refused at the
//! queue. People and schools are SYNTHETIC; ZIP centroids are the real GeoNames rows.
use chrono::{Duration, Utc};
use domain::{
    LatLon, ProgramKind,
    moderation::{ReportAction, ReportReason, ReportTarget},
    orgs::OrgStatus,
};
use entity::{
    audit_event, email_outbox, institution, need, offer, partnership, partnership_event, partnership_message,
    report,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set,
};
use service::testing::stored;
use service::{
    authz::Actor,
    db_test,
    error::ServiceError,
    limits,
    moderation::{actions, queue, report as reports},
    needs::{self, create::NeedForm},
    orgs::{
        create::{self as orgs, ShopForm},
        public, verification,
    },
    partnerships::{lifecycle, offers, read, thread},
    testing::{add_real_zips, add_synthetic_completions, add_synthetic_institution, add_synthetic_user},
};

const SITE: &str = "http://localhost";
const DETROIT: LatLon = LatLon { lat: 42.35, lon: -83.06 };

struct World {
    instructor: Actor,
    program: i64,
    need: i64,
    owner: Actor,
    shop: i64,
    /// A signed-in person with no organisation.
    student: Actor,
    admin: Actor,
    /// An active partnership between the shop and the program, and its first message.
    partnership: i64,
    message: i64,
}

async fn college(db: &DatabaseConnection, unitid: i32, who: &str) -> (Actor, i64) {
    add_synthetic_institution(db, unitid, "MI", DETROIT.lat, DETROIT.lon).await;
    add_synthetic_completions(db, unitid, ProgramKind::Auto, 3, 10).await;
    let domain = format!("college-{unitid}.example.edu");
    let mut row = institution::Entity::find_by_id(unitid).one(db).await.unwrap().unwrap().into_active_model();
    row.website = Set(format!("www.{domain}"));
    row.update(db).await.unwrap();
    let instructor = add_synthetic_user(db, &format!("{who}@{domain}"), false).await;
    let org = service::orgs::claims::claim_program(db, Some(instructor), &unitid.to_string(), Utc::now())
        .await
        .unwrap()
        .verified()
        .unwrap();
    (instructor, org)
}

fn need_form(title: &str) -> NeedForm {
    let day = |n| (Utc::now().date_naive() + Duration::days(n)).format("%Y-%m-%d").to_string();
    NeedForm {
        kind: "guest_speaker".into(),
        title: title.into(),
        students: "3".into(),
        starts_on: day(7),
        ends_on: day(60),
        paid: "unpaid".into(),
        ..Default::default()
    }
}

async fn world(db: &DatabaseConnection) -> World {
    add_real_zips(db, &["48201"]).await;
    let (instructor, program) = college(db, 930001, "pat").await;
    let now = Utc::now();
    let need =
        needs::create::create(db, Some(instructor), program, &need_form("Guest speaker (SYNTHETIC)"), now)
            .await
            .unwrap();
    let owner = add_synthetic_user(db, "owner@shop.example.com", false).await;
    let student = add_synthetic_user(db, "student@example.com", false).await;
    let admin = add_synthetic_user(db, "admin@bayline.example.com", true).await;
    let form = ShopForm {
        name: "Synthetic Brakes & Tires".into(),
        shop_type: "independent_repair".into(),
        size_band: "5-9".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let shop = orgs::create_shop(db, Some(owner), &form, now).await.unwrap().id;
    verification::verify(db, Some(admin), shop, SITE, now).await.unwrap();
    let kinds = [domain::needs::NeedKind::ShopTour];
    let partnership = lifecycle::propose(
        db,
        &service::Ctx::new(Some(owner), SITE, now),
        shop,
        program,
        &kinds,
        "SYNTHETIC hello",
    )
    .await
    .unwrap();
    lifecycle::accept(db, &service::Ctx::new(Some(instructor), SITE, now), partnership).await.unwrap();
    let message = partnership_message::Entity::find()
        .filter(partnership_message::Column::PartnershipId.eq(partnership))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    World { instructor, program, need, owner, shop, student, admin, partnership, message }
}

async fn file(
    db: &DatabaseConnection,
    who: Option<Actor>,
    target: ReportTarget,
    id: i64,
) -> Result<reports::Filed, ServiceError> {
    reports::file(
        db,
        &service::Ctx::new(who, "", Utc::now()),
        target.slug(),
        &id.to_string(),
        "spam",
        "SYNTHETIC note",
    )
    .await
}

async fn report_count(db: &DatabaseConnection) -> u64 {
    report::Entity::find().count(db).await.unwrap()
}

fn field_of(error: ServiceError) -> &'static str {
    match error {
        ServiceError::Invalid { field, .. } => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

async fn events(db: &DatabaseConnection, name: &str) -> Vec<audit_event::Model> {
    audit_event::Entity::find().filter(audit_event::Column::Event.eq(name)).all(db).await.unwrap()
}

async fn mail_to(db: &DatabaseConnection, recipient: &str) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find().filter(email_outbox::Column::Recipient.eq(recipient)).all(db).await.unwrap()
}

db_test!(people_report_only_what_they_can_see, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    assert!(matches!(file(&db, None, ReportTarget::Need, w.need).await, Err(ServiceError::SignInRequired)));
    // A filled need is hidden from outsiders, so they cannot report it.
    let filled =
        needs::create::create(&db, Some(w.instructor), w.program, &need_form("Filled one"), Utc::now())
            .await
            .unwrap();
    needs::status::set_status(&db, Some(w.instructor), filled, "filled", Utc::now()).await.unwrap();
    assert!(matches!(
        file(&db, Some(w.student), ReportTarget::Need, filled).await,
        Err(ServiceError::NotFound)
    ));
    // A thread is private to its two organisations.
    assert!(matches!(
        file(&db, Some(w.student), ReportTarget::Message, w.message).await,
        Err(ServiceError::Forbidden)
    ));
    // A pending organisation's page is not public.
    let pending = orgs::create_shop(
        &db,
        Some(w.owner),
        &ShopForm {
            name: "Synthetic Pending Shop".into(),
            shop_type: "fleet".into(),
            size_band: "1-4".into(),
            city: "Detroit".into(),
            state: "MI".into(),
            zip: "48201".into(),
            ..Default::default()
        },
        Utc::now(),
    )
    .await
    .unwrap()
    .id;
    assert!(matches!(
        file(&db, Some(w.student), ReportTarget::Organisation, pending).await,
        Err(ServiceError::NotFound)
    ));
    assert!(matches!(
        file(&db, Some(w.student), ReportTarget::Opening, 1).await,
        Err(ServiceError::NotFound)
    ));
    assert!(matches!(
        reports::file(&db, &service::Ctx::new(Some(w.student), "", Utc::now()), "user", "1", "spam", "")
            .await,
        Err(ServiceError::NotFound)
    ));
    // Bad fields name themselves.
    let id = w.need.to_string();
    let error =
        reports::file(&db, &service::Ctx::new(Some(w.student), "", Utc::now()), "need", &id, "boring", "")
            .await
            .unwrap_err();
    assert_eq!(field_of(error), "reason");
    let long = "x".repeat(1_001);
    let error =
        reports::file(&db, &service::Ctx::new(Some(w.student), "", Utc::now()), "need", &id, "spam", &long)
            .await
            .unwrap_err();
    assert_eq!(field_of(error), "note");
    assert_eq!(report_count(&db).await, 0);
    // What they can see, they report: a public need and organisation, and a party's thread.
    assert!(file(&db, Some(w.student), ReportTarget::Need, w.need).await.unwrap().created);
    assert!(file(&db, Some(w.student), ReportTarget::Organisation, w.shop).await.unwrap().created);
    assert!(file(&db, Some(w.instructor), ReportTarget::Message, w.message).await.unwrap().created);
    let note = "y".repeat(1_000);
    let filed =
        reports::file(&db, &service::Ctx::new(Some(w.owner), "", Utc::now()), "need", &id, "unsafe", &note)
            .await
            .unwrap();
    let row = report::Entity::find_by_id(filed.report_id).one(&db).await.unwrap().unwrap();
    assert_eq!((row.reason.as_str(), row.note.len(), row.status.slug()), ("unsafe", 1_000, "open"));
    assert_eq!(report_count(&db).await, 4);
});

db_test!(reporting_twice_while_open_keeps_one_report, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let first = file(&db, Some(w.student), ReportTarget::Need, w.need).await.unwrap();
    let again = file(&db, Some(w.student), ReportTarget::Need, w.need).await.unwrap();
    assert_eq!(again, reports::Filed { report_id: first.report_id, created: false });
    assert_eq!(report_count(&db).await, 1);
    // Someone else's report on the same need is a second one, and the queue groups them.
    file(&db, Some(w.owner), ReportTarget::Need, w.need).await.unwrap();
    let items = queue::open_items(&db, Some(w.admin)).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!((items[0].target, items[0].target_id, items[0].count), (ReportTarget::Need, w.need, 2));
    assert_eq!(items[0].reasons, vec![(ReportReason::Spam, 2)]);
    assert_eq!(items[0].href.as_deref(), Some(format!("/needs/{}", w.need).as_str()));
    // Once dismissed, a new report is a new row.
    actions::dismiss(&db, Some(w.admin), "need", &w.need.to_string(), Utc::now()).await.unwrap();
    assert!(queue::open_items(&db, Some(w.admin)).await.unwrap().is_empty());
    assert!(file(&db, Some(w.student), ReportTarget::Need, w.need).await.unwrap().created);
    assert_eq!(report_count(&db).await, 3);
    assert_eq!(events(&db, "reports_dismissed").await.len(), 1);
});

db_test!(a_hidden_need_is_gone_from_every_public_read, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    file(&db, Some(w.student), ReportTarget::Need, w.need).await.unwrap();
    let id = w.need.to_string();
    actions::hide(&db, Some(w.admin), "need", &id, SITE, Utc::now()).await.unwrap();
    // Twice is once (a double submit).
    actions::hide(&db, Some(w.admin), "need", &id, SITE, Utc::now()).await.unwrap();
    for viewer in [None, Some(w.student), Some(w.owner)] {
        assert!(matches!(needs::read::one(&db, viewer, w.need).await, Err(ServiceError::NotFound)));
        assert!(needs::read::for_organisation(&db, viewer, w.program).await.unwrap().is_empty());
    }
    assert!(
        needs::read::near(&db, DETROIT, 50.0, None, needs::read::Window::ALL).await.unwrap().needs.is_empty()
    );
    let near_shop = needs::read::near_my_shops(&db, Some(w.owner), 50.0, 10).await.unwrap();
    assert!(near_shop.iter().all(|s| s.nearby.needs.is_empty()), "{near_shop:?}");
    assert!(matches!(
        offers::make(&db, Some(w.owner), w.need, w.shop, "SYNTHETIC offer", SITE, Utc::now()).await,
        Err(ServiceError::NotFound)
    ));
    // The program's members and admins still see it, marked hidden.
    for insider in [w.instructor, w.admin] {
        assert!(needs::read::one(&db, Some(insider), w.need).await.unwrap().hidden);
    }
    let row = report::Entity::find().one(&db).await.unwrap().unwrap();
    assert_eq!((row.status.slug(), row.action.as_deref()), ("resolved", Some(ReportAction::Hidden.slug())));
    assert_eq!(row.resolved_by, Some(w.admin.user_id));
    assert!(queue::open_items(&db, Some(w.admin)).await.unwrap().is_empty());
    assert_eq!(events(&db, "content_hidden").await.len(), 1);
    let mail = mail_to(&db, "pat@college-930001.example.edu").await;
    assert!(mail.iter().any(|m| m.subject.contains("was hidden")), "{mail:?}");
    // An organisation is suspended, not hidden.
    assert!(matches!(
        actions::hide(&db, Some(w.admin), "organisation", &w.shop.to_string(), SITE, Utc::now()).await,
        Err(ServiceError::Conflict(_))
    ));
});

db_test!(a_hidden_message_shows_as_hidden_to_both_parties, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    thread::post(&db, Some(w.instructor), w.partnership, "SYNTHETIC reply", "", SITE, Utc::now())
        .await
        .unwrap();
    file(&db, Some(w.instructor), ReportTarget::Message, w.message).await.unwrap();
    let items = queue::open_items(&db, Some(w.admin)).await.unwrap();
    // Admins are not parties: the queue shows them the text and who wrote it.
    assert_eq!(items[0].excerpt, "SYNTHETIC hello");
    assert_eq!(items[0].organisation_id, Some(w.shop));
    assert_eq!(items[0].href, None);
    actions::hide(&db, Some(w.admin), "message", &w.message.to_string(), SITE, Utc::now()).await.unwrap();
    for party in [w.owner, w.instructor] {
        let page = read::page(&db, Some(party), w.partnership, None).await.unwrap();
        let hidden = page.messages.iter().find(|m| m.id == w.message).unwrap();
        assert!(hidden.hidden && hidden.body.is_empty(), "{hidden:?}");
        let other = page.messages.iter().find(|m| m.id != w.message).unwrap();
        assert_eq!((other.hidden, other.body.as_str()), (false, "SYNTHETIC reply"));
    }
});

db_test!(
    suspension_hides_an_organisation_and_stops_its_posts_until_lifted,
    |db: DatabaseConnection| async move {
        let w = world(&db).await;
        file(&db, Some(w.student), ReportTarget::Organisation, w.program).await.unwrap();
        file(&db, Some(w.student), ReportTarget::Need, w.need).await.unwrap();
        let now = Utc::now();
        let reason = "Fake program (SYNTHETIC)";
        let need_id = w.need.to_string();
        actions::suspend(
            &db,
            &service::Ctx::new(Some(w.admin), SITE, now),
            w.program,
            reason,
            Some(("need", &need_id)),
        )
        .await
        .unwrap();
        // Both reports are answered; a second suspend changes nothing.
        assert!(queue::open_items(&db, Some(w.admin)).await.unwrap().is_empty());
        actions::suspend(&db, &service::Ctx::new(Some(w.admin), SITE, now), w.program, reason, None)
            .await
            .unwrap();
        assert_eq!(events(&db, "organisation_suspended").await.len(), 1);
        let mail = mail_to(&db, "pat@college-930001.example.edu").await;
        assert!(
            mail.iter().any(|m| m.subject.contains("suspended") && m.body_text.contains(reason)),
            "{mail:?}"
        );
        for outsider in [None, Some(w.student), Some(w.owner)] {
            assert!(matches!(
                public::organisation(&db, outsider, w.program).await,
                Err(ServiceError::NotFound)
            ));
            assert!(matches!(needs::read::one(&db, outsider, w.need).await, Err(ServiceError::NotFound)));
        }
        assert!(
            needs::read::near(&db, DETROIT, 50.0, None, needs::read::Window::ALL)
                .await
                .unwrap()
                .needs
                .is_empty()
        );
        let seen = public::organisation(&db, Some(w.instructor), w.program).await.unwrap();
        assert_eq!(seen.status, OrgStatus::Suspended);
        // Its members cannot post, and shops cannot offer or propose to it.
        let needs_before = need::Entity::find().count(&db).await.unwrap();
        assert!(matches!(
            needs::create::create(&db, Some(w.instructor), w.program, &need_form("Another (SYNTHETIC)"), now)
                .await,
            Err(ServiceError::Conflict(_))
        ));
        assert_eq!(need::Entity::find().count(&db).await.unwrap(), needs_before);
        assert!(matches!(
            offers::make(&db, Some(w.owner), w.need, w.shop, "SYNTHETIC offer", SITE, now).await,
            Err(ServiceError::NotFound)
        ));
        // Suspension ends nothing else: the partnership's thread runs on.
        thread::post(&db, Some(w.instructor), w.partnership, "Still here", "", SITE, now).await.unwrap();
        // A suspended shop cannot propose.
        actions::suspend(&db, &service::Ctx::new(Some(w.admin), SITE, now), w.shop, "", None).await.unwrap();
        let (_, other_program) = college(&db, 930002, "lee").await;
        let kinds = [domain::needs::NeedKind::ShopTour];
        assert!(matches!(
            lifecycle::propose(
                &db,
                &service::Ctx::new(Some(w.owner), SITE, now),
                w.shop,
                other_program,
                &kinds,
                "SYNTHETIC"
            )
            .await,
            Err(ServiceError::Conflict(_))
        ));
        let listed = queue::suspended(&db, Some(w.admin)).await.unwrap();
        assert_eq!(listed.len(), 2);
        // Lifted: public again, and posting works.
        actions::lift(&db, Some(w.admin), w.program, SITE, now).await.unwrap();
        actions::lift(&db, Some(w.admin), w.program, SITE, now).await.unwrap();
        assert_eq!(events(&db, "organisation_reinstated").await.len(), 1);
        assert_eq!(public::organisation(&db, None, w.program).await.unwrap().status, OrgStatus::Verified);
        assert_eq!(needs::read::one(&db, None, w.need).await.unwrap().id, w.need);
        needs::create::create(&db, Some(w.instructor), w.program, &need_form("Back (SYNTHETIC)"), now)
            .await
            .unwrap();
        // A verified organisation is suspended, never rejected (rejecting answers a request
        // for verification). One rejected while it waited stays rejected.
        assert!(matches!(
            verification::reject(&db, Some(w.admin), other_program, "Not a real program", now).await,
            Err(ServiceError::Conflict(_))
        ));
        entity::organisation::Entity::update_many()
            .col_expr(entity::organisation::Column::Status, sea_orm::sea_query::Expr::value("rejected"))
            .filter(entity::organisation::Column::Id.eq(other_program))
            .exec(&db)
            .await
            .unwrap();
        assert!(matches!(
            actions::suspend(&db, &service::Ctx::new(Some(w.admin), SITE, now), other_program, "", None)
                .await,
            Err(ServiceError::Conflict(_))
        ));
        assert!(matches!(
            actions::lift(&db, Some(w.admin), other_program, SITE, now).await,
            Err(ServiceError::Conflict(_))
        ));
    }
);

fn limited<T: std::fmt::Debug>(result: Result<T, ServiceError>, words: &str) -> chrono::DateTime<Utc> {
    match result {
        Err(ServiceError::RateLimited { what, retry_after }) => {
            assert!(what.contains(words), "{what}");
            retry_after
        }
        other => panic!("expected the limit '{words}', got {other:?}"),
    }
}

db_test!(rate_limits_refuse_and_store_nothing, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let now = Utc::now();
    // Needs: the program posted one in `world`; the 20th is the last allowed today.
    for n in 2..=limits::NEEDS_PER_PROGRAM_PER_DAY.max {
        needs::create::create(&db, Some(w.instructor), w.program, &need_form(&format!("Need {n}")), now)
            .await
            .unwrap();
    }
    let first = need::Entity::find_by_id(w.need).one(&db).await.unwrap().unwrap().created_at;
    let retry = limited(
        needs::create::create(&db, Some(w.instructor), w.program, &need_form("One more"), now).await,
        "needs",
    );
    assert_eq!(retry, first + Duration::days(1));
    let error = ServiceError::RateLimited { what: "x".into(), retry_after: retry };
    assert!(error.to_string().contains("try again after"), "{error}");
    assert_eq!(need::Entity::find().count(&db).await.unwrap(), 20);
    // A day later the window has moved on.
    let tomorrow = first + Duration::days(1) + Duration::minutes(1);
    assert!(
        limits::check(&db, limits::Action::PostNeed { organisation_id: w.program }, tomorrow).await.is_ok()
    );

    // Messages: 60 an hour per person (the proposal's opening message counts).
    let sent = partnership_message::Entity::find().count(&db).await.unwrap() as usize;
    for _ in sent..limits::MESSAGES_PER_PERSON_PER_HOUR.max {
        partnership_message::ActiveModel {
            partnership_id: Set(w.partnership),
            author_id: Set(Some(w.owner.user_id)),
            body: Set("SYNTHETIC".into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
    }
    limited(thread::post(&db, Some(w.owner), w.partnership, "one more", "", SITE, now).await, "messages");
    assert_eq!(partnership_message::Entity::find().count(&db).await.unwrap(), 60);
    // The other party has their own allowance.
    thread::post(&db, Some(w.instructor), w.partnership, "reply", "", SITE, now).await.unwrap();

    // Offers and proposals: 30 a day per shop; the shop proposed once in `world`.
    for _ in 1..limits::OFFERS_PER_SHOP_PER_DAY.max {
        let row = partnership::ActiveModel {
            shop_id: Set(w.shop),
            program_id: Set(w.program),
            kinds: Set("shop_tour".into()),
            status: Set(stored("declined")),
            created_by: Set(Some(w.owner.user_id)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
        partnership_event::ActiveModel {
            partnership_id: Set(row.id),
            at: Set(now),
            actor_id: Set(Some(w.owner.user_id)),
            from_status: Set(None),
            to_status: Set("proposed".into()),
            note: Set(String::new()),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
    }
    let fresh =
        needs::create::create(&db, Some(w.instructor), w.program, &need_form("Fresh"), tomorrow).await;
    let fresh = fresh.unwrap();
    limited(offers::make(&db, Some(w.owner), fresh, w.shop, "SYNTHETIC offer", SITE, now).await, "offers");
    assert_eq!(offer::Entity::find().count(&db).await.unwrap(), 0);
    let (_, other_program) = college(&db, 930003, "kim").await;
    let kinds = [domain::needs::NeedKind::ShopTour];
    let partnerships = partnership::Entity::find().count(&db).await.unwrap();
    limited(
        lifecycle::propose(
            &db,
            &service::Ctx::new(Some(w.owner), SITE, now),
            w.shop,
            other_program,
            &kinds,
            "SYNTHETIC",
        )
        .await,
        "offers",
    );
    assert_eq!(partnership::Entity::find().count(&db).await.unwrap(), partnerships);

    // Reports: 20 a day per person.
    for n in 0..limits::REPORTS_PER_PERSON_PER_DAY.max {
        report::ActiveModel {
            target_kind: Set("need".into()),
            target_id: Set(10_000 + n as i64),
            reason: Set("spam".into()),
            note: Set(String::new()),
            reporter_id: Set(Some(w.student.user_id)),
            created_at: Set(now),
            status: Set(stored("resolved")),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
    }
    limited(file(&db, Some(w.student), ReportTarget::Need, w.need).await, "reports");
    assert_eq!(report_count(&db).await, 20);
});

db_test!(only_admins_work_the_queue, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    file(&db, Some(w.student), ReportTarget::Need, w.need).await.unwrap();
    let now = Utc::now();
    let need_id = w.need.to_string();
    for who in [None, Some(w.student), Some(w.instructor), Some(w.owner)] {
        let refused = |r: Result<(), ServiceError>| {
            assert!(matches!(r, Err(ServiceError::Forbidden | ServiceError::SignInRequired)), "{r:?}")
        };
        refused(queue::open_items(&db, who).await.map(|_| ()));
        refused(queue::suspended(&db, who).await.map(|_| ()));
        refused(actions::hide(&db, who, "need", &need_id, SITE, now).await);
        refused(actions::dismiss(&db, who, "need", &need_id, now).await);
        refused(actions::suspend(&db, &service::Ctx::new(who, SITE, now), w.program, "", None).await);
        refused(actions::lift(&db, who, w.program, SITE, now).await);
    }
    assert!(!needs::read::one(&db, None, w.need).await.unwrap().hidden);
    assert_eq!(public::organisation(&db, None, w.program).await.unwrap().status, OrgStatus::Verified);
    assert_eq!(queue::open_items(&db, Some(w.admin)).await.unwrap().len(), 1);
});
