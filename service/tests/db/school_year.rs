//! The school's year on both databases: the yearly update (one a year, members only, closed
//! after June 30 in the school's own time zone, one row however many save at once), who
//! filled a need (only the school records it, only a partner may be named, only the shop
//! named disputes it) and the badges that follow (disputes, hidden needs, missing updates
//! and revocations each take them away). People, schools and shops are SYNTHETIC; the ZIP
//! centroid is the real GeoNames row of 48201.
use chrono::{DateTime, Duration, Utc};
use domain::{
    needs::NeedStatus,
    school_year::{BadgeKind, SchoolYear},
};
use entity::{need, need_fill, notification, school_year_update};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set,
};
use service::{
    authz::Actor,
    db_test,
    error::ServiceError,
    needs::{self, create::NeedForm},
    partnerships::offers,
    school_year::{
        badges,
        fills::{self, FillForm},
        overview,
        update::{self, UpdateForm},
    },
    testing::{add_real_zips, add_synthetic_user, add_verified_college, add_verified_shop},
};

const SITE: &str = "http://localhost";

fn at(iso: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(iso).unwrap().with_timezone(&Utc)
}

/// A Monday in the 2026–27 school year.
fn now() -> DateTime<Utc> {
    at("2026-12-07T15:00:00Z")
}

fn form() -> UpdateForm {
    UpdateForm {
        year: "2026".into(),
        enrolled_auto: "24".into(),
        enrolled_diesel: "9".into(),
        completions: "17".into(),
        changes: "New EV lab (SYNTHETIC)".into(),
        asks: "Two internship hosts for spring".into(),
        ..Default::default()
    }
}

struct School {
    instructor: Actor,
    program: i64,
    /// A verified shop with an accepted offer on the first need (so a partner), its owner,
    /// and a verified shop that never partnered with the program.
    partner: i64,
    partner_owner: Actor,
    stranger: i64,
    stranger_owner: Actor,
    needs: Vec<i64>,
    admin: Actor,
}

async fn post_need(
    db: &DatabaseConnection,
    instructor: Actor,
    program: i64,
    n: usize,
    when: DateTime<Utc>,
) -> i64 {
    let day = |d| (when.date_naive() + Duration::days(d)).format("%Y-%m-%d").to_string();
    let form = NeedForm {
        kind: "guest_speaker".into(),
        title: format!("Guest speaker {n} (SYNTHETIC)"),
        students: "12".into(),
        starts_on: day(1),
        ends_on: day(30),
        paid: "unpaid".into(),
        ..Default::default()
    };
    needs::create::create(db, Some(instructor), program, &form, when).await.unwrap()
}

async fn school(db: &DatabaseConnection, needs_posted: usize) -> School {
    add_real_zips(db, &["48201"]).await;
    let (instructor, program) = add_verified_college(db, 930001, "pat", 42.35, -83.06).await;
    let posted = now() - Duration::days(60);
    let mut needs = Vec::new();
    for n in 0..needs_posted {
        needs.push(post_need(db, instructor, program, n, posted).await);
    }
    let admin = add_synthetic_user(db, "admin@bayline.example.com", true).await;
    let (partner, partner_owner) = add_verified_shop(db, "partner", "independent_repair", admin).await;
    let (stranger, stranger_owner) = add_verified_shop(db, "stranger", "dealership", admin).await;
    let made = offers::make(db, Some(partner_owner), needs[0], partner, "SYNTHETIC offer", SITE, posted)
        .await
        .unwrap();
    offers::accept(db, Some(instructor), made.offer_id, SITE, posted).await.unwrap();
    School { instructor, program, partner, partner_owner, stranger, stranger_owner, needs, admin }
}

fn filled_by(shop: i64, on: &str) -> FillForm {
    FillForm { shop: shop.to_string(), filled_on: on.into() }
}

fn field(result: Result<impl std::fmt::Debug, ServiceError>) -> Vec<&'static str> {
    match result {
        Err(ServiceError::Invalid { field, .. }) => vec![field],
        Err(ServiceError::Fields(problems)) => problems.iter().map(|p| p.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

async fn updates(db: &DatabaseConnection) -> Vec<school_year_update::Model> {
    school_year_update::Entity::find().all(db).await.unwrap()
}

db_test!(a_school_posts_one_update_a_year_and_only_until_june_30, |db: DatabaseConnection| async move {
    let s = school(&db, 1).await;
    let year = update::save(&db, Some(s.instructor), s.program, &form(), now()).await.unwrap();
    assert_eq!(year, SchoolYear(2026));
    let changed = UpdateForm { completions: "18".into(), ..form() };
    update::save(&db, Some(s.instructor), s.program, &changed, now()).await.unwrap();
    let rows = updates(&db).await;
    assert_eq!(rows.len(), 1, "saving again changes the year's one update");
    assert_eq!(
        (rows[0].completions, rows[0].enrolled_auto, rows[0].enrolled_collision),
        (18, Some(24), None)
    );

    // Only the school's members write it.
    for outsider in [Some(s.partner_owner), Some(s.admin)] {
        let refused = update::save(&db, outsider, s.program, &form(), now()).await;
        assert!(matches!(refused, Err(ServiceError::Forbidden)), "{refused:?}");
    }
    let anonymous = update::save(&db, None, s.program, &form(), now()).await;
    assert!(matches!(anonymous, Err(ServiceError::SignInRequired)));
    // A shop has no school year.
    let shop_year = update::save(&db, Some(s.partner_owner), s.partner, &form(), now()).await;
    assert!(matches!(shop_year, Err(ServiceError::NotFound)), "{shop_year:?}");

    // Every bad field is named, and nothing is stored.
    let bad = UpdateForm {
        enrolled_auto: "lots".into(),
        enrolled_diesel: "9000".into(),
        completions: String::new(),
        changes: "x".into(),
        asks: "y".repeat(2001),
        ..form()
    };
    let mut named = field(update::save(&db, Some(s.instructor), s.program, &bad, now()).await);
    named.sort_unstable();
    assert_eq!(named, ["asks", "changes", "completions", "enrolled_auto", "enrolled_diesel"]);
    let nothing = UpdateForm { enrolled_auto: String::new(), enrolled_diesel: String::new(), ..form() };
    assert_eq!(
        field(update::save(&db, Some(s.instructor), s.program, &nothing, now()).await),
        ["enrolled_auto"]
    );
    assert_eq!(updates(&db).await[0].completions, 18);

    // June 30, 11 pm in Detroit is still the 2026–27 year there (03:00 UTC on July 1)…
    let last_evening = at("2027-07-01T03:00:00Z");
    let late = UpdateForm { completions: "19".into(), ..form() };
    assert_eq!(
        update::save(&db, Some(s.instructor), s.program, &late, last_evening).await.unwrap(),
        SchoolYear(2026)
    );
    // …but a form opened for 2026–27 and sent at 1 am on July 1 is refused, not filed
    // under the new year, and the closed update stays as it was.
    let after = at("2027-07-01T05:00:00Z");
    let too_late = UpdateForm { completions: "99".into(), ..form() };
    let refused = update::save(&db, Some(s.instructor), s.program, &too_late, after).await;
    match refused {
        Err(ServiceError::Invalid { field: "year", message }) => {
            assert!(message.contains("closed on 30 June 2027"), "{message}")
        }
        other => panic!("expected the year refused, got {other:?}"),
    }
    assert_eq!(updates(&db).await[0].completions, 19);
    // The new year's form starts afresh.
    let next = UpdateForm { year: "2027-28".into(), ..form() };
    assert_eq!(
        update::save(&db, Some(s.instructor), s.program, &next, after).await.unwrap(),
        SchoolYear(2027)
    );
    assert_eq!(updates(&db).await.len(), 2);
});

async fn members_saving_at_once(db: DatabaseConnection) {
    let s = school(&db, 1).await;
    let mut saves = tokio::task::JoinSet::new();
    for n in 0..4 {
        let db = db.clone();
        let form = UpdateForm { completions: format!("{}", 10 + n), ..form() };
        let (instructor, program) = (s.instructor, s.program);
        saves.spawn(async move { update::save(&db, Some(instructor), program, &form, now()).await });
    }
    for saved in saves.join_all().await {
        saved.unwrap();
    }
    assert_eq!(updates(&db).await.len(), 1, "four saves at once make the year's one update");
}

db_test!(members_saving_at_once_make_one_update, members_saving_at_once);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_saving_at_once_make_one_update_on_a_sqlite_file() {
    service::testing::on_a_sqlite_file("school-year-race", members_saving_at_once).await;
}

db_test!(
    only_the_school_records_a_partner_and_only_that_shop_disputes,
    |db: DatabaseConnection| async move {
        let s = school(&db, 2).await;
        let need = s.needs[0];
        // The shop itself, another school's instructor, a visitor: none records it.
        let (other, _) = add_verified_college(&db, 930002, "lee", 42.3, -83.1).await;
        for actor in [Some(s.partner_owner), Some(other), None] {
            let refused = fills::record(&db, actor, need, &filled_by(s.partner, ""), SITE, now()).await;
            assert!(
                matches!(refused, Err(ServiceError::Forbidden | ServiceError::SignInRequired)),
                "{refused:?}"
            );
        }
        // Only a shop that partnered with the program can be named; dates are checked.
        let stranger =
            fills::record(&db, Some(s.instructor), need, &filled_by(s.stranger, ""), SITE, now()).await;
        assert_eq!(field(stranger), ["shop"]);
        let future =
            fills::record(&db, Some(s.instructor), need, &filled_by(s.partner, "2026-12-08"), SITE, now())
                .await;
        assert_eq!(field(future), ["filled_on"]);
        let before =
            fills::record(&db, Some(s.instructor), need, &filled_by(s.partner, "2026-09-01"), SITE, now())
                .await;
        assert_eq!(field(before), ["filled_on"]);
        assert_eq!(need_fill::Entity::find().count(&db).await.unwrap(), 0);

        fills::record(&db, Some(s.instructor), need, &filled_by(s.partner, ""), SITE, now()).await.unwrap();
        let row = need::Entity::find_by_id(need).one(&db).await.unwrap().unwrap();
        assert_eq!(row.status, NeedStatus::Filled, "recording who filled it marks the need filled");
        let told = notification::Entity::find().all(&db).await.unwrap();
        assert!(
            told.iter().any(|n| n.user_id == s.partner_owner.user_id && n.title.contains("filled")),
            "{told:?}"
        );
        let seen = fills::on_need(&db, Some(s.instructor), need, now()).await.unwrap();
        assert_eq!(seen.fill.unwrap().shop_id, s.partner);
        assert_eq!(seen.candidates.iter().map(|c| c.id).collect::<Vec<_>>(), [s.partner]);

        // Only the shop named disputes: not the school, not another shop.
        for actor in [Some(s.instructor), Some(s.stranger_owner), None] {
            let refused = fills::dispute(&db, actor, need, "We never went", SITE, now()).await;
            assert!(
                matches!(refused, Err(ServiceError::Forbidden | ServiceError::SignInRequired)),
                "{refused:?}"
            );
        }
        fills::dispute(&db, Some(s.partner_owner), need, "We never went", SITE, now()).await.unwrap();
        let again = fills::dispute(&db, Some(s.partner_owner), need, "Still no", SITE, now()).await;
        assert!(matches!(again, Err(ServiceError::Conflict(_))), "{again:?}");
        // Everyone sees the record is disputed; only the parties read why.
        let year = overview::of_organisation(&db, Some(s.partner_owner), s.partner, now()).await.unwrap();
        assert_eq!(year.filled[0].dispute.as_deref(), Some("We never went"));
        let year = overview::of_organisation(&db, Some(s.instructor), s.program, now()).await.unwrap();
        assert_eq!(year.filled[0].dispute.as_deref(), Some("We never went"));
        for outsider in [None, Some(s.stranger_owner)] {
            let year = overview::of_organisation(&db, outsider, s.partner, now()).await.unwrap();
            assert_eq!(year.filled[0].dispute.as_deref(), Some(""), "disputed, reason withheld");
        }
        fills::withdraw_dispute(&db, Some(s.partner_owner), need, now()).await.unwrap();
        assert!(fills::on_need(&db, Some(s.instructor), need, now()).await.unwrap().fill.unwrap().counts());

        // Opening the need again drops the record: nobody filled it.
        needs::status::set_status(&db, Some(s.instructor), need, "open", now()).await.unwrap();
        assert_eq!(need_fill::Entity::find().count(&db).await.unwrap(), 0);
    }
);

db_test!(badges_follow_the_records_and_their_late_changes, |db: DatabaseConnection| async move {
    let s = school(&db, 4).await;
    let year = SchoolYear(2026);
    let holders = |db: DatabaseConnection| async move {
        let mut found: Vec<(i64, BadgeKind)> = badges::holders(&db, year)
            .await
            .unwrap()
            .into_iter()
            .map(|q| (q.organisation_id, q.kind))
            .collect();
        found.sort_by_key(|(id, _)| *id);
        found
    };
    for &need in &s.needs[..3] {
        fills::record(&db, Some(s.instructor), need, &filled_by(s.partner, ""), SITE, now()).await.unwrap();
    }
    assert_eq!(holders(db.clone()).await, [], "three fills without the yearly update earn nothing");
    update::save(&db, Some(s.instructor), s.program, &form(), now()).await.unwrap();
    let both = vec![(s.program, BadgeKind::School), (s.partner, BadgeKind::Shop)];
    assert_eq!(holders(db.clone()).await, both);
    let marks = badges::marks(&db, year).await.unwrap();
    let school_mark = marks.iter().find(|m| m.organisation_id == s.program).unwrap();
    assert!(school_mark.updated_this_year);
    assert_eq!(school_mark.badge.as_ref().map(|b| b.kind), Some(BadgeKind::School));
    assert_eq!(overview::of_organisation(&db, None, s.partner, now()).await.unwrap().badges.len(), 1);

    // A dispute takes both away at once (the school is down to two), and withdrawing it
    // gives them back.
    fills::dispute(&db, Some(s.partner_owner), s.needs[2], "Not us", SITE, now()).await.unwrap();
    assert_eq!(holders(db.clone()).await, []);
    fills::withdraw_dispute(&db, Some(s.partner_owner), s.needs[2], now()).await.unwrap();
    assert_eq!(holders(db.clone()).await, both);

    // A need a moderator hid counts for nobody.
    let mut hidden =
        need::Entity::find_by_id(s.needs[1]).one(&db).await.unwrap().unwrap().into_active_model();
    hidden.hidden_at = Set(Some(now()));
    hidden.update(&db).await.unwrap();
    assert_eq!(holders(db.clone()).await, []);
    fills::record(&db, Some(s.instructor), s.needs[3], &filled_by(s.partner, ""), SITE, now()).await.unwrap();
    assert_eq!(holders(db.clone()).await, both, "a fourth need makes up for the hidden one");

    // A need filled in the year before counts for that year, not this one.
    fills::record(&db, Some(s.instructor), s.needs[3], &filled_by(s.partner, "2026-10-30"), SITE, now())
        .await
        .unwrap();
    assert_eq!(holders(db.clone()).await, both);

    // An admin revokes the school's badge: the shop's, earned at that school, goes too;
    // restoring brings both back. Nobody else revokes or sees the admins' list.
    for actor in [Some(s.instructor), Some(s.partner_owner), None] {
        let refused = badges::revoke(&db, actor, s.program, year, "Fills not confirmed", now()).await;
        assert!(
            matches!(refused, Err(ServiceError::Forbidden | ServiceError::SignInRequired)),
            "{refused:?}"
        );
        assert!(badges::qualifiers(&db, actor, year).await.is_err());
    }
    badges::revoke(&db, Some(s.admin), s.program, year, "Fills not confirmed", now()).await.unwrap();
    let again = badges::revoke(&db, Some(s.admin), s.program, year, "Twice", now()).await;
    assert!(matches!(again, Err(ServiceError::Conflict(_))), "{again:?}");
    assert_eq!(holders(db.clone()).await, []);
    let listed = badges::qualifiers(&db, Some(s.admin), year).await.unwrap();
    assert_eq!(listed.len(), 1, "the admins see the revoked school, and no shop earns from it");
    assert_eq!(listed[0].revoked.as_deref(), Some("Fills not confirmed"));
    badges::restore(&db, Some(s.admin), s.program, year, now()).await.unwrap();
    assert_eq!(holders(db.clone()).await, both);

    // The next school year starts with no badge but keeps last year's on the page.
    let next_year = at("2027-08-01T12:00:00Z");
    let page = overview::of_organisation(&db, None, s.program, next_year).await.unwrap();
    assert_eq!(page.year, SchoolYear(2027));
    assert!(page.update.is_none() && page.filled.is_empty());
    assert_eq!(page.badges.iter().map(|b| b.year).collect::<Vec<_>>(), [SchoolYear(2026)]);

    // The finder's marks read both years at once: next year, last year's badges (with that
    // year on them), nobody updated yet; this year's marks say this year.
    // (organisation, updated this year, badge and its year)
    type Mark = (i64, bool, Option<(BadgeKind, SchoolYear)>);
    let marks_of = |marks: &[domain::school_year::YearMark]| {
        let mut found: Vec<Mark> = marks
            .iter()
            .map(|m| (m.organisation_id, m.updated_this_year, m.badge.as_ref().map(|b| (b.kind, b.year))))
            .collect();
        found.sort_by_key(|(id, _, _)| *id);
        found
    };
    let mut expected = vec![
        (s.program, false, Some((BadgeKind::School, year))),
        (s.partner, false, Some((BadgeKind::Shop, year))),
    ];
    expected.sort_by_key(|(id, _, _)| *id);
    assert_eq!(marks_of(&badges::marks(&db, SchoolYear(2027)).await.unwrap()), expected);
    let this_year: Vec<_> = expected.iter().map(|(id, _, badge)| (*id, *id == s.program, *badge)).collect();
    assert_eq!(marks_of(&badges::marks(&db, year).await.unwrap()), this_year);
    // A revocation of last year's school badge reaches next year's marks too: the school's
    // and the shop's (earned at that school) go, and nobody is left to mark.
    badges::revoke(&db, Some(s.admin), s.program, year, "Fills not confirmed", now()).await.unwrap();
    assert_eq!(marks_of(&badges::marks(&db, SchoolYear(2027)).await.unwrap()), []);
});

db_test!(members_recording_a_need_at_once_leave_one_record, |db: DatabaseConnection| async move {
    let s = school(&db, 1).await;
    let mut records = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let db = db.clone();
        let (instructor, need, shop) = (s.instructor, s.needs[0], s.partner);
        records.spawn(async move {
            fills::record(&db, Some(instructor), need, &filled_by(shop, ""), SITE, now()).await
        });
    }
    for recorded in records.join_all().await {
        // The loser of a race is told another member recorded it; nothing else may fail.
        assert!(matches!(recorded, Ok(()) | Err(ServiceError::Conflict(_))), "{recorded:?}");
    }
    assert_eq!(need_fill::Entity::find().count(&db).await.unwrap(), 1, "one record per need");
});

db_test!(a_need_posted_in_the_evening_is_recorded_filled_that_evening, |db: DatabaseConnection| async move {
    // Posted at 8 pm in Detroit on December 7 (01:00 UTC on December 8), filled at 9 pm the
    // same evening: both days are December 7 at the school, whatever UTC says.
    let s = school(&db, 1).await;
    let evening = at("2026-12-08T01:00:00Z");
    let need = post_need(&db, s.instructor, s.program, 9, evening).await;
    let offer = offers::make(&db, Some(s.partner_owner), need, s.partner, "SYNTHETIC offer", SITE, evening)
        .await
        .unwrap();
    offers::accept(&db, Some(s.instructor), offer.offer_id, SITE, evening).await.unwrap();
    let later = evening + Duration::hours(1);
    let before =
        fills::record(&db, Some(s.instructor), need, &filled_by(s.partner, "2026-12-06"), SITE, later).await;
    assert_eq!(field(before), ["filled_on"], "the day before it was posted, at the school");
    let tomorrow =
        fills::record(&db, Some(s.instructor), need, &filled_by(s.partner, "2026-12-08"), SITE, later).await;
    assert_eq!(field(tomorrow), ["filled_on"], "December 8 has not begun in Detroit");
    // The form comes prefilled with today at the school, December 7: that is the day it
    // was posted there, so it is accepted.
    let seen = fills::on_need(&db, Some(s.instructor), need, later).await.unwrap();
    assert_eq!(seen.today.to_string(), "2026-12-07", "the form's prefilled day is the school's");
    fills::record(&db, Some(s.instructor), need, &filled_by(s.partner, "2026-12-07"), SITE, later)
        .await
        .unwrap();
    let row =
        need_fill::Entity::find().filter(need_fill::Column::NeedId.eq(need)).one(&db).await.unwrap().unwrap();
    assert_eq!(row.filled_on.to_string(), "2026-12-07");
    // Left empty, it is the same day.
    fills::remove(&db, Some(s.instructor), need, later).await.unwrap();
    fills::record(&db, Some(s.instructor), need, &filled_by(s.partner, ""), SITE, later).await.unwrap();
    let row =
        need_fill::Entity::find().filter(need_fill::Column::NeedId.eq(need)).one(&db).await.unwrap().unwrap();
    assert_eq!(row.filled_on.to_string(), "2026-12-07", "today at the school, not in UTC");
});
