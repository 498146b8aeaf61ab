//! A placement's records on both databases: hours logged by the student and reviewed once
//! by the mentor (never changed after: corrections are new entries naming the old), the
//! evaluations (revisions, never overwritten), the organisations' lists and CSV, the weekly
//! summary (once a coordinator a week, however many servers run it), and the attacks: the
//! shop reading a minor's name before consent, a second review rewriting a confirmed entry.
//! People, shops and schools are SYNTHETIC (`service::synthetic::world`).
use chrono::{DateTime, Duration, Utc};
use domain::placement_records::{EvaluationAuthor, EvaluationStage, HoursStatus, to_csv};
use entity::{app_user, audit_event, email_outbox, placement_evaluation, placement_hours};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use service::{
    accounts::{deletion, password, privacy},
    authz::Actor,
    db_test,
    error::ServiceError,
    openings::conversation,
    placements::{
        consent::{self, AgeForm},
        create::{self, PlacementForm},
        evaluations::{self, EvaluationForm},
        hours::{self, HoursForm},
        hours_read, lists, manage, summaries,
    },
    synthetic::world::{self, World},
    testing::add_real_zips,
};

const SITE: &str = "http://localhost";

/// A fixed start: a Monday at noon UTC, so weeks and days are plain to read.
fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2027-01-04T17:00:00Z").unwrap().with_timezone(&Utc)
}

fn day(n: i64) -> String {
    (t0() + Duration::days(n)).date_naive().to_string()
}

/// The world, and an active placement of the adult student at the verified shop (mentor:
/// the shop's member; coordinator: program A's instructor), 12 weeks from `t0`.
async fn build(db: &DatabaseConnection) -> (World, i64) {
    add_real_zips(db, &["48201"]).await;
    let w = world::build(db, 930001, t0()).await.unwrap();
    let p = w.people;
    conversation::set_status(db, Some(p.shop_owner), w.interest, "hired", SITE, t0()).await.unwrap();
    let form = PlacementForm {
        mentor: p.shop_member.user_id.to_string(),
        program: String::new(),
        starts_on: day(0),
        ends_on: day(83),
        weekly_hours: "10".into(),
        paid: "paid".into(),
        task_areas: vec!["a4".into(), "a5".into()],
    };
    let id = create::create(db, Some(p.shop_owner), w.interest, &form, SITE, t0()).await.unwrap();
    let adult = AgeForm { under_18: "no".into(), guardian_email: String::new() };
    consent::state_age(db, Some(p.student), id, &adult, SITE, t0()).await.unwrap();
    let coordinator = p.instructor_a.user_id.to_string();
    manage::set_coordinator(db, Some(p.instructor_a), id, &coordinator, t0()).await.unwrap();
    (w, id)
}

fn hours_form(on: i64, hours: &str) -> HoursForm {
    HoursForm {
        worked_on: day(on),
        hours: hours.into(),
        tasks: "Brake jobs with the mentor".into(),
        corrects: String::new(),
    }
}

async fn log(
    db: &DatabaseConnection,
    who: Actor,
    id: i64,
    form: HoursForm,
    at: i64,
) -> Result<i64, ServiceError> {
    hours::log(db, Some(who), id, &form, t0() + Duration::days(at)).await
}

async fn review(
    db: &DatabaseConnection,
    who: Actor,
    id: i64,
    entry: i64,
    query: Option<&str>,
) -> Result<HoursStatus, ServiceError> {
    hours::review(db, Some(who), id, entry, query, SITE, t0() + Duration::days(20)).await
}

async fn entry(db: &DatabaseConnection, id: i64) -> placement_hours::Model {
    placement_hours::Entity::find_by_id(id).one(db).await.unwrap().unwrap()
}

async fn events(db: &DatabaseConnection, name: &str) -> usize {
    audit_event::Entity::find().filter(audit_event::Column::Event.eq(name)).all(db).await.unwrap().len()
}

async fn confirmed(db: &DatabaseConnection, who: Actor, id: i64, at: i64) -> i64 {
    hours_read::page(db, Some(who), id, t0() + Duration::days(at)).await.unwrap().totals.confirmed_minutes
}

db_test!(only_the_student_logs_and_only_the_mentor_reviews, |db: DatabaseConnection| async move {
    let (w, id) = build(&db).await;
    let p = w.people;
    for who in [p.shop_member, p.shop_owner, p.instructor_a] {
        assert!(matches!(log(&db, who, id, hours_form(1, "7"), 1).await, Err(ServiceError::Forbidden)));
    }
    for outsider in [p.instructor_b] {
        assert!(matches!(log(&db, outsider, id, hours_form(1, "7"), 1).await, Err(ServiceError::NotFound)));
    }
    assert!(matches!(
        hours::log(&db, None, id, &hours_form(1, "7"), t0()).await,
        Err(ServiceError::SignInRequired)
    ));
    // Every problem at once: before the start, hours not in quarters, no tasks.
    let bad =
        HoursForm { worked_on: day(-1), hours: "7.3".into(), tasks: " ".into(), corrects: String::new() };
    let fields: Vec<_> =
        log(&db, p.student, id, bad, 1).await.unwrap_err().problems().into_iter().map(|p| p.field).collect();
    assert_eq!(fields, ["worked_on", "hours", "tasks"]);
    // Not a day that has not come yet.
    assert!(log(&db, p.student, id, hours_form(3, "7"), 1).await.is_err(), "a day in the future");
    let first = log(&db, p.student, id, hours_form(1, "7.5"), 1).await.unwrap();
    assert_eq!(
        (entry(&db, first).await.minutes, entry(&db, first).await.status),
        (450, HoursStatus::Pending)
    );
    // The shop's owner is not the mentor; the program reads but does not review.
    for who in [p.shop_owner, p.instructor_a, p.student] {
        assert!(matches!(review(&db, who, id, first, None).await, Err(ServiceError::Forbidden)), "{who:?}");
    }
    assert_eq!(review(&db, p.shop_member, id, first, None).await.unwrap(), HoursStatus::Confirmed);
    assert_eq!(confirmed(&db, p.instructor_a, id, 2).await, 450);
    assert_eq!(events(&db, "placement_hours_logged").await, 1);
    assert_eq!(events(&db, "placement_hours_confirmed").await, 1);
    // A placement awaiting consent keeps no hours (the world's minor's).
    let waiting = log(&db, p.student, w.placement, hours_form(1, "7"), 1).await;
    assert!(matches!(waiting, Err(ServiceError::Conflict(_))), "{waiting:?}");
});

db_test!(confirmed_hours_never_change_and_corrections_name_them, |db: DatabaseConnection| async move {
    let (w, id) = build(&db).await;
    let p = w.people;
    let first = log(&db, p.student, id, hours_form(1, "8"), 1).await.unwrap();
    review(&db, p.shop_member, id, first, None).await.unwrap();
    let before = entry(&db, first).await;
    // The attack: a second review of a confirmed entry would rewrite it. Refused, unchanged.
    let again = review(&db, p.shop_member, id, first, Some("That was 7 hours?")).await;
    assert!(matches!(again, Err(ServiceError::Conflict(_))), "{again:?}");
    assert_eq!(entry(&db, first).await, before, "a confirmed entry never changes");
    // The student corrects it: a new entry naming the old; the old still counts until the
    // correction is confirmed.
    let fix = HoursForm { corrects: first.to_string(), ..hours_form(1, "7") };
    let second = log(&db, p.student, id, fix.clone(), 2).await.unwrap();
    assert_eq!(entry(&db, second).await.corrects_id, Some(first));
    assert_eq!(entry(&db, first).await, before);
    assert_eq!(confirmed(&db, p.student, id, 2).await, 480);
    // One correction an entry: a second correction of the same one is refused.
    assert!(matches!(log(&db, p.student, id, fix, 2).await, Err(ServiceError::Conflict(_))));
    // The mentor queries the correction (a question is required), the student corrects the
    // correction, the mentor confirms it: that figure counts, the first one no more.
    let blank = review(&db, p.shop_member, id, second, Some("  ")).await;
    assert!(matches!(blank, Err(ServiceError::Invalid { field: "query", .. })), "{blank:?}");
    assert_eq!(
        review(&db, p.shop_member, id, second, Some("Was it not 7.25?")).await.unwrap(),
        HoursStatus::Queried
    );
    assert_eq!(
        confirmed(&db, p.student, id, 2).await,
        480,
        "a queried correction leaves the confirmed figure"
    );
    let third =
        log(&db, p.student, id, HoursForm { corrects: second.to_string(), ..hours_form(1, "7.25") }, 3)
            .await
            .unwrap();
    review(&db, p.shop_member, id, third, None).await.unwrap();
    assert_eq!(confirmed(&db, p.instructor_a, id, 3).await, 435);
    assert_eq!(entry(&db, first).await, before, "still the day's first record, as written");
    let page = hours_read::page(&db, Some(p.instructor_a), id, t0() + Duration::days(3)).await.unwrap();
    let of = |e: i64| page.entries.iter().find(|v| v.id == e).unwrap().clone();
    assert_eq!((of(first).replaced_by, of(first).counts), (Some(second), false));
    assert_eq!((of(third).corrects, of(third).counts), (Some(second), true));
    assert_eq!(events(&db, "placement_hours_corrected").await, 2);
    assert_eq!(events(&db, "placement_hours_queried").await, 1);
    // The student was told of the question.
    let told =
        email_outbox::Entity::find().filter(email_outbox::Column::Subject.contains("asked about your hours"));
    assert_eq!(told.all(&db).await.unwrap().len(), 1);
});

db_test!(a_day_holds_at_most_24_hours_and_waits_are_flagged, |db: DatabaseConnection| async move {
    let (w, id) = build(&db).await;
    let p = w.people;
    log(&db, p.student, id, hours_form(1, "20"), 1).await.unwrap();
    let over = log(&db, p.student, id, hours_form(1, "4.25"), 1).await;
    assert!(matches!(over, Err(ServiceError::Invalid { field: "hours", .. })), "{over:?}");
    log(&db, p.student, id, hours_form(1, "4"), 1).await.unwrap();
    // Nine days later both still wait: the coordinator sees them flagged.
    let page = hours_read::page(&db, Some(p.instructor_a), id, t0() + Duration::days(10)).await.unwrap();
    assert_eq!((page.totals.pending_minutes, page.totals.waiting_long), (24 * 60, 2));
    assert!(page.entries.iter().all(|e| e.waiting_days == Some(9)));
    assert_eq!(page.totals.planned_minutes, 10 * 60 * 84 / 7);
    assert_eq!(page.totals.planned_to_date_minutes, 10 * 60 * 11 / 7);
    let early = hours_read::page(&db, Some(p.instructor_a), id, t0() + Duration::days(5)).await.unwrap();
    assert_eq!(early.totals.waiting_long, 0);
});

async fn reviews_at_once(db: DatabaseConnection) {
    let (w, id) = build(&db).await;
    let p = w.people;
    let first = log(&db, p.student, id, hours_form(1, "6"), 1).await.unwrap();
    let mut set = tokio::task::JoinSet::new();
    for n in 0..4 {
        let db = db.clone();
        let query = (n % 2 == 1).then_some("Which car?");
        set.spawn(async move { review(&db, p.shop_member, id, first, query).await });
    }
    let results = set.join_all().await;
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    assert!(results.iter().all(|r| matches!(r, Ok(_) | Err(ServiceError::Conflict(_)))), "{results:?}");
    // Two corrections sent at once: one.
    let mut set = tokio::task::JoinSet::new();
    for hours in ["5", "5.5", "5.75"] {
        let (db, fix) = (db.clone(), HoursForm { corrects: first.to_string(), ..hours_form(1, hours) });
        set.spawn(async move { log(&db, p.student, id, fix, 2).await });
    }
    let results = set.join_all().await;
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    let corrections = placement_hours::Entity::find()
        .filter(placement_hours::Column::CorrectsId.eq(first))
        .all(&db)
        .await
        .unwrap();
    assert_eq!(corrections.len(), 1);
}

db_test!(a_review_and_a_correction_happen_once_under_concurrency, reviews_at_once);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_and_a_correction_happen_once_on_a_sqlite_file() {
    service::testing::on_a_sqlite_file("hours-race", reviews_at_once).await;
}

fn evaluation(stage: &str, a4: &str, a5: &str) -> EvaluationForm {
    EvaluationForm {
        stage: stage.into(),
        ratings: vec![("a4".into(), a4.into(), "Steady".into()), ("a5".into(), a5.into(), String::new())],
        comment: "A good start".into(),
    }
}

async fn evaluate(
    db: &DatabaseConnection,
    who: Actor,
    id: i64,
    form: EvaluationForm,
    at: i64,
) -> Result<i64, ServiceError> {
    evaluations::write(db, Some(who), id, &form, SITE, t0() + Duration::days(at)).await
}

db_test!(
    evaluations_are_written_by_their_authors_and_never_overwritten,
    |db: DatabaseConnection| async move {
        let (w, id) = build(&db).await;
        let p = w.people;
        for who in [p.shop_owner, p.instructor_a] {
            assert!(matches!(
                evaluate(&db, who, id, evaluation("midpoint", "3", "2"), 5).await,
                Err(ServiceError::Forbidden)
            ));
        }
        // A score from 1 to 4 for each of the placement's areas, named.
        let bad = evaluate(&db, p.shop_member, id, evaluation("midpoint", "5", ""), 5).await.unwrap_err();
        let messages: Vec<String> = bad.problems().into_iter().map(|p| p.message).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("A4 ") && messages[1].starts_with("A5 "), "{messages:?}");
        // The final opens at the midpoint (day 41).
        let early = evaluate(&db, p.shop_member, id, evaluation("final", "3", "3"), 20).await;
        assert!(matches!(early, Err(ServiceError::Conflict(_))), "{early:?}");
        let first = evaluate(&db, p.shop_member, id, evaluation("midpoint", "3", "2"), 42).await.unwrap();
        let kept = placement_evaluation::Entity::find_by_id(first).one(&db).await.unwrap().unwrap();
        let second = evaluate(&db, p.shop_member, id, evaluation("midpoint", "3", "3"), 43).await.unwrap();
        evaluate(&db, p.student, id, evaluation("midpoint", "2", "2"), 43).await.unwrap();
        assert_eq!(placement_evaluation::Entity::find_by_id(first).one(&db).await.unwrap().unwrap(), kept);
        let page = evaluations::page(&db, Some(p.instructor_a), id, t0() + Duration::days(43)).await.unwrap();
        let midpoint = &page.stages[0];
        assert_eq!(midpoint.stage, EvaluationStage::Midpoint);
        assert_eq!(midpoint.mentor.as_ref().map(|e| (e.id, e.revision)), Some((second, 2)));
        assert_eq!(midpoint.student.as_ref().map(|e| e.author), Some(EvaluationAuthor::Student));
        assert_eq!(midpoint.earlier.iter().map(|e| e.id).collect::<Vec<_>>(), [first]);
        assert_eq!(midpoint.mentor.as_ref().unwrap().ratings[1].score, 3);
        assert!(!midpoint.due && !page.stages[1].due);
        assert_eq!(page.writes_as, None, "the program reads");
        // Past the end with no final: due, in the page and the program's list.
        let late = t0() + Duration::days(85);
        assert!(evaluations::page(&db, Some(p.student), id, late).await.unwrap().stages[1].due);
        let list = lists::of_org(&db, Some(p.instructor_a), w.program_a, late).await.unwrap();
        let row = list.rows.iter().find(|r| r.id == id).unwrap();
        assert_eq!(
            (row.evaluations_due.clone(), row.evaluations_written.clone()),
            (vec![EvaluationStage::Final], vec![EvaluationStage::Midpoint])
        );
        assert_eq!(events(&db, "placement_evaluation_written").await, 3);
    }
);

db_test!(the_shop_reads_no_minor_before_consent, |db: DatabaseConnection| async move {
    let (w, _) = build(&db).await;
    let p = w.people;
    // The world's placement: a minor, awaiting the guardian.
    for page in [
        hours_read::page(&db, Some(p.shop_member), w.placement, t0()).await.map(|_| ()),
        evaluations::page(&db, Some(p.shop_member), w.placement, t0()).await.map(|_| ()),
    ] {
        assert!(matches!(page, Err(ServiceError::Conflict(_))), "{page:?}");
    }
    let student = app_user::Entity::find_by_id(p.student.user_id).one(&db).await.unwrap().unwrap();
    let shop = lists::of_org(&db, Some(p.shop_member), w.verified_shop, t0()).await.unwrap();
    let minor = shop.rows.iter().find(|r| r.id == w.placement).unwrap();
    // The student withdrew the application, so nothing they shared is left to name them.
    assert_eq!(minor.student, "The student");
    assert_ne!(minor.student, student.display_name);
    assert_eq!(minor.under_18, None);
    let csv = to_csv(&shop);
    let line = csv.lines().find(|l| l.starts_with(&format!("{},", w.placement))).unwrap();
    assert!(!line.contains(&student.display_name), "the shop's CSV names no minor before consent:\n{csv}");
    // The program reads its student's name, and that they are a minor.
    let program = lists::of_org(&db, Some(p.instructor_a), w.program_a, t0()).await.unwrap();
    let row = program.rows.iter().find(|r| r.id == w.placement).unwrap();
    assert_eq!((row.student.as_str(), row.under_18), (student.display_name.as_str(), Some(true)));
});

db_test!(only_members_and_admins_list_an_organisations_placements, |db: DatabaseConnection| async move {
    let (w, id) = build(&db).await;
    let p = w.people;
    let first = log(&db, p.student, id, hours_form(1, "7.5"), 1).await.unwrap();
    review(&db, p.shop_member, id, first, None).await.unwrap();
    for (who, org) in [
        (p.shop_owner, w.program_a),
        (p.instructor_b, w.program_a),
        (p.student, w.verified_shop),
        (p.instructor_a, w.verified_shop),
    ] {
        assert!(
            matches!(lists::of_org(&db, Some(who), org, t0()).await, Err(ServiceError::Forbidden)),
            "{who:?}"
        );
    }
    assert!(matches!(lists::of_org(&db, None, w.program_a, t0()).await, Err(ServiceError::SignInRequired)));
    let admin = lists::of_org(&db, Some(p.admin), w.program_a, t0()).await.unwrap();
    let list = lists::of_org(&db, Some(p.instructor_a), w.program_a, t0() + Duration::days(2)).await.unwrap();
    assert_eq!(admin.rows.len(), list.rows.len());
    let row = list.rows.iter().find(|r| r.id == id).unwrap();
    assert_eq!(
        (row.totals.confirmed_minutes, row.partner_id, row.coordinator.is_some()),
        (450, w.verified_shop, true)
    );
    let csv = to_csv(&list);
    assert_eq!(csv.lines().count(), list.rows.len() + 1);
    assert!(csv.lines().any(|l| l.starts_with(&format!("{id},")) && l.contains(",7.50,")), "{csv}");
});

db_test!(the_school_keeps_the_hours_when_the_student_leaves, |db: DatabaseConnection| async move {
    let (w, id) = build(&db).await;
    let p = w.people;
    let first = log(&db, p.student, id, hours_form(1, "7"), 1).await.unwrap();
    review(&db, p.shop_member, id, first, None).await.unwrap();
    // The student's data export holds their placements, with every entry as written.
    let export = privacy::export(&db, Some(p.student), "10.0.0.1", t0() + Duration::days(2)).await.unwrap();
    assert_eq!(export.placements.len(), 2, "this one and the world's");
    let mine = export.placements.iter().find(|x| x.id == id).unwrap();
    assert_eq!(
        (mine.hours.len(), mine.hours[0].minutes, mine.hours[0].status.as_str()),
        (1, 420, "confirmed")
    );
    let mut user: app_user::ActiveModel =
        app_user::Entity::find_by_id(p.student.user_id).one(&db).await.unwrap().unwrap().into();
    user.password_hash = Set(password::hash("a-long-test-passphrase-9"));
    user.update(&db).await.unwrap();
    deletion::delete_account(
        &db,
        Some(p.student),
        "a-long-test-passphrase-9",
        "10.0.0.1",
        t0() + Duration::days(3),
    )
    .await
    .unwrap();
    let kept = entry(&db, first).await;
    assert_eq!((kept.minutes, kept.logged_by, kept.status), (420, None, HoursStatus::Confirmed));
    let list = lists::of_org(&db, Some(p.instructor_a), w.program_a, t0() + Duration::days(3)).await.unwrap();
    let row = list.rows.iter().find(|r| r.id == id).unwrap();
    assert_eq!((row.student.as_str(), row.totals.confirmed_minutes), ("Account deleted", 420));
});

async fn summaries_across_servers(db: DatabaseConnection) {
    let (w, id) = build(&db).await;
    let p = w.people;
    let first = log(&db, p.student, id, hours_form(1, "7"), 1).await.unwrap();
    review(&db, p.shop_member, id, first, None).await.unwrap();
    let coordinator = app_user::Entity::find_by_id(p.instructor_a.user_id).one(&db).await.unwrap().unwrap();
    let mails = || {
        let db = db.clone();
        let to = coordinator.email.clone();
        async move {
            email_outbox::Entity::find()
                .filter(email_outbox::Column::Recipient.eq(to))
                .filter(email_outbox::Column::Subject.starts_with("Placements, week of"))
                .all(&db)
                .await
                .unwrap()
        }
    };
    // Three servers look on the next Monday morning at once: one summary.
    let monday = t0() + Duration::days(7) - Duration::hours(10);
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..3 {
        let db = db.clone();
        set.spawn(async move { summaries::run_due(&db, SITE, monday).await });
    }
    let sent: usize = set.join_all().await.into_iter().map(|r| r.unwrap()).sum();
    assert_eq!(sent, 1);
    let got = mails().await;
    assert_eq!(got.len(), 1);
    assert!(got[0].body_text.contains("7 h confirmed that week"), "{}", got[0].body_text);
    assert!(got[0].body_text.contains(&format!("/orgs/{}/placements", w.program_a)));
    // Later that week: nothing more. The week after: the next one.
    assert_eq!(summaries::run_due(&db, SITE, monday + Duration::days(3)).await.unwrap(), 0);
    assert_eq!(summaries::run_due(&db, SITE, monday + Duration::days(7)).await.unwrap(), 1);
    assert_eq!(mails().await.len(), 2);
}

db_test!(a_coordinator_gets_one_summary_a_week_across_servers, summaries_across_servers);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_gets_one_summary_a_week_on_a_sqlite_file() {
    service::testing::on_a_sqlite_file("summary-race", summaries_across_servers).await;
}
