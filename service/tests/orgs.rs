//! Organisations on both databases: shops, program claims (automatic and queued), programs
//! IPEDS does not list, members and invitations, the admins' verification queue, and the
//! field errors that change nothing. People and schools here are SYNTHETIC; ZIP centroids
//! are the real GeoNames rows.
use chrono::{Duration, Utc};
use domain::{ProgramKind, orgs::OrgStatus};
use entity::{email_outbox, institution, membership, organisation, session};
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait, QueryOrder, Set,
};
use service::{
    accounts::sessions,
    authz::Actor,
    db_test,
    error::ServiceError,
    orgs::{
        create::{self, SchoolProgramForm, ShopForm},
        members, public, verification,
    },
    testing::{add_real_zips, add_synthetic_completions, add_synthetic_institution, add_synthetic_user},
};

const SITE: &str = "http://bayline.test";

fn shop_form() -> ShopForm {
    ShopForm {
        name: "Cass Avenue Auto (SYNTHETIC)".into(),
        shop_type: "independent_repair".into(),
        size_band: "5-9".into(),
        street: "1 Example St".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        website: "cass-auto.example.com".into(),
    }
}

async fn count_orgs(db: &DatabaseConnection) -> u64 {
    organisation::Entity::find().count(db).await.unwrap()
}

async fn last_mail(db: &DatabaseConnection) -> email_outbox::Model {
    email_outbox::Entity::find().order_by_desc(email_outbox::Column::Id).one(db).await.unwrap().unwrap()
}

fn field_of(error: ServiceError) -> &'static str {
    match error {
        ServiceError::Invalid { field, .. } => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

db_test!(shops_are_created_pending_at_their_zip_centroid, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let owner = add_synthetic_user(&db, "owner@cass-auto.example.com", false).await;
    let created = create::create_shop(&db, Some(owner), &shop_form(), Utc::now()).await.unwrap();
    assert_eq!(created.status, OrgStatus::Pending);
    let row = organisation::Entity::find_by_id(created.id).one(&db).await.unwrap().unwrap();
    assert_eq!((row.latitude, row.longitude), (42.3474, -83.0604), "the GeoNames centroid of 48201");
    assert_eq!(row.website, "https://cass-auto.example.com");
    let role = membership::Entity::find_by_id((created.id, owner.user_id)).one(&db).await.unwrap().unwrap();
    assert_eq!(role.role, "owner");
    // Pending: the public cannot see it, its owner can.
    assert!(matches!(public::organisation(&db, None, created.id).await, Err(ServiceError::NotFound)));
    assert!(public::organisation(&db, Some(owner), created.id).await.is_ok());
    // Anonymous people cannot create anything.
    let anonymous = create::create_shop(&db, None, &shop_form(), Utc::now()).await;
    assert!(matches!(anonymous, Err(ServiceError::SignInRequired)));
});

db_test!(bad_shop_fields_are_named_and_change_nothing, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201", "10001"]).await;
    let owner = add_synthetic_user(&db, "owner@example.com", false).await;
    type Change = Box<dyn Fn(&mut ShopForm)>;
    let cases: Vec<(&str, Change)> = vec![
        ("name", Box::new(|f| f.name = "x".repeat(121))),
        ("name", Box::new(|f| f.name = "<script>alert(1)</script>".into())),
        ("name", Box::new(|f| f.name = " ".into())),
        ("shop_type", Box::new(|f| f.shop_type = "spaceship".into())),
        ("size_band", Box::new(|f| f.size_band = String::new())),
        ("street", Box::new(|f| f.street = "s".repeat(201))),
        ("city", Box::new(|f| f.city = String::new())),
        ("state", Box::new(|f| f.state = "Michigan".into())),
        ("zip", Box::new(|f| f.zip = "4820".into())),
        ("zip", Box::new(|f| f.zip = "00000".into())),
        // A real ZIP in another state.
        ("zip", Box::new(|f| f.zip = "10001".into())),
        ("website", Box::new(|f| f.website = "javascript:alert(1)".into())),
    ];
    for (field, change) in cases {
        let mut form = shop_form();
        change(&mut form);
        let error = create::create_shop(&db, Some(owner), &form, Utc::now()).await.unwrap_err();
        assert_eq!(field_of(error), field, "{form:?}");
    }
    assert_eq!(count_orgs(&db).await, 0);
    let mismatch = ShopForm { zip: "10001".into(), ..shop_form() };
    let message = create::create_shop(&db, Some(owner), &mismatch, Utc::now()).await.unwrap_err().to_string();
    assert_eq!(message, "zip: the ZIP code 10001 is in NY, not MI");
});

db_test!(unverified_organisations_per_person_are_capped, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let owner = add_synthetic_user(&db, "busy@example.com", false).await;
    for _ in 0..create::MAX_PENDING_PER_USER {
        create::create_shop(&db, Some(owner), &shop_form(), Utc::now()).await.unwrap();
    }
    let refused = create::create_shop(&db, Some(owner), &shop_form(), Utc::now()).await;
    assert!(matches!(refused, Err(ServiceError::Conflict(_))), "{refused:?}");
    assert_eq!(count_orgs(&db).await, create::MAX_PENDING_PER_USER);
});

async fn synthetic_college(db: &DatabaseConnection, unitid: i32, website: &str) {
    add_synthetic_institution(db, unitid, "MI", 42.3, -83.0).await;
    add_synthetic_completions(db, unitid, ProgramKind::Auto, 3, 12).await;
    let mut row = institution::Entity::find_by_id(unitid).one(db).await.unwrap().unwrap().into_active_model();
    row.website = Set(website.into());
    row.update(db).await.unwrap();
}

db_test!(claims_verify_by_email_domain_or_wait_for_an_admin, |db: DatabaseConnection| async move {
    synthetic_college(&db, 900001, "www.synthetic-tech.example.edu/").await;
    synthetic_college(&db, 900002, "www.other-college.example.edu").await;
    let matching = add_synthetic_user(&db, "pat@auto.synthetic-tech.example.edu", false).await;
    let elsewhere = add_synthetic_user(&db, "sam@gmail.example.com", false).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;

    let automatic = create::claim_program(&db, Some(matching), "900001", Utc::now()).await.unwrap();
    assert_eq!(automatic.status, OrgStatus::Verified);
    let queued = create::claim_program(&db, Some(elsewhere), "900002", Utc::now()).await.unwrap();
    assert_eq!(queued.status, OrgStatus::Pending);

    // One organisation per IPEDS program.
    let again = create::claim_program(&db, Some(elsewhere), "900001", Utc::now()).await;
    assert!(matches!(again, Err(ServiceError::Conflict(_))), "{again:?}");
    for bad in ["abc", "123456"] {
        let error = create::claim_program(&db, Some(elsewhere), bad, Utc::now()).await.unwrap_err();
        assert_eq!(field_of(error), "unitid");
    }

    let queue = verification::queue(&db, Some(admin)).await.unwrap();
    assert_eq!(queue.iter().map(|o| o.id).collect::<Vec<_>>(), vec![queued.id]);
    // Only admins see the queue or decide on it.
    for actor in [None, Some(elsewhere), Some(matching)] {
        assert!(verification::queue(&db, actor).await.is_err());
        assert!(verification::verify(&db, actor, queued.id, SITE, Utc::now()).await.is_err());
    }
    verification::verify(&db, Some(admin), queued.id, SITE, Utc::now()).await.unwrap();
    let mail = last_mail(&db).await;
    assert_eq!(mail.recipient, "sam@gmail.example.com");
    assert!(mail.subject.contains("is verified"), "{}", mail.subject);
    assert!(public::claimed_program(&db, 900002).await.unwrap().is_some());
});

fn school_form() -> SchoolProgramForm {
    SchoolProgramForm {
        name: "Cass Tech Automotive (SYNTHETIC)".into(),
        street: "2501 Example Ave".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        website: String::new(),
        kinds: vec!["auto".into(), "collision".into()],
        accreditation: "ase_mlr".into(),
    }
}

db_test!(high_school_programs_reach_the_map_only_when_verified, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201", "10001"]).await;
    let teacher = add_synthetic_user(&db, "teacher@example.org", false).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let error = create::add_school_program(
        &db,
        Some(teacher),
        &SchoolProgramForm { kinds: vec![], ..school_form() },
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(error), "kinds");
    let created = create::add_school_program(&db, Some(teacher), &school_form(), Utc::now()).await.unwrap();
    assert!(public::verified_school_pins(&db, None).await.unwrap().is_empty());

    let reason_missing =
        verification::reject(&db, Some(admin), created.id, "", Utc::now()).await.unwrap_err();
    assert_eq!(field_of(reason_missing), "reason");
    verification::reject(&db, Some(admin), created.id, "We could not reach the school office", Utc::now())
        .await
        .unwrap();
    let mail = last_mail(&db).await;
    assert_eq!(mail.recipient, "teacher@example.org");
    assert!(mail.body_text.contains("We could not reach the school office"));
    assert!(public::verified_school_pins(&db, None).await.unwrap().is_empty());

    verification::verify(&db, Some(admin), created.id, SITE, Utc::now()).await.unwrap();
    let pins = public::verified_school_pins(&db, None).await.unwrap();
    assert_eq!(pins.len(), 1);
    assert_eq!(pins[0].kinds, vec![ProgramKind::Auto, ProgramKind::Collision]);
    let detroit = domain::LatLon { lat: 42.3474, lon: -83.0604 };
    let new_york = domain::LatLon { lat: 40.7484, lon: -73.9967 };
    assert_eq!(
        public::verified_school_pins(&db, Some((detroit, 10.0))).await.unwrap()[0].distance_mi,
        Some(0.0)
    );
    assert!(public::verified_school_pins(&db, Some((new_york, 100.0))).await.unwrap().is_empty());
});

fn link_token(body: &str) -> String {
    let start = body.find("token=").unwrap() + "token=".len();
    body[start..].split_whitespace().next().unwrap().to_string()
}

async fn sessions_of(db: &DatabaseConnection, actor: Actor) -> usize {
    session::Entity::find().all(db).await.unwrap().into_iter().filter(|s| s.user_id == actor.user_id).count()
}

db_test!(owners_invite_members_remove_them_and_hand_over, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let owner = add_synthetic_user(&db, "owner@example.com", false).await;
    let tech = add_synthetic_user(&db, "tech@example.com", false).await;
    let stranger = add_synthetic_user(&db, "stranger@example.com", false).await;
    let shop = create::create_shop(&db, Some(owner), &shop_form(), Utc::now()).await.unwrap().id;

    // Only owners invite.
    for actor in [None, Some(tech), Some(stranger)] {
        assert!(members::invite(&db, actor, shop, "tech@example.com", SITE, Utc::now()).await.is_err());
    }
    let bad = members::invite(&db, Some(owner), shop, "not-an-email", SITE, Utc::now()).await.unwrap_err();
    assert_eq!(field_of(bad), "email");
    members::invite(&db, Some(owner), shop, "Tech@Example.com", SITE, Utc::now()).await.unwrap();
    let token = link_token(&last_mail(&db).await.body_text);

    // The invitation is for tech@, not for whoever holds the link.
    assert!(members::accept(&db, Some(stranger), &token, Utc::now()).await.is_err());
    assert_eq!(members::accept(&db, Some(tech), &token, Utc::now()).await.unwrap(), shop);
    assert!(members::accept(&db, Some(tech), &token, Utc::now()).await.is_err(), "single use");
    let listed = members::list(&db, Some(tech), shop).await.unwrap();
    assert_eq!(
        listed.iter().map(|m| m.email.as_str()).collect::<Vec<_>>(),
        ["owner@example.com", "tech@example.com"]
    );
    assert!(matches!(members::list(&db, Some(stranger), shop).await, Err(ServiceError::Forbidden)));

    // Members cannot manage members; the last owner cannot be removed.
    assert!(matches!(
        members::remove(&db, Some(tech), shop, owner.user_id, Utc::now()).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(members::remove(&db, Some(owner), shop, owner.user_id, Utc::now()).await.is_err());

    // Handing over ownership ends the new owner's sessions (their rights changed).
    sessions::start(&db, tech.user_id, Utc::now()).await.unwrap();
    members::transfer_ownership(&db, Some(owner), shop, tech.user_id, Utc::now()).await.unwrap();
    assert_eq!(sessions_of(&db, tech).await, 0);
    assert!(
        members::invite(&db, Some(owner), shop, "x@example.com", SITE, Utc::now()).await.is_err(),
        "no longer an owner"
    );
    members::remove(&db, Some(tech), shop, owner.user_id, Utc::now()).await.unwrap();
    assert_eq!(members::list(&db, Some(tech), shop).await.unwrap().len(), 1);
});

db_test!(invitations_expire_after_a_week, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let owner = add_synthetic_user(&db, "owner@example.com", false).await;
    let tech = add_synthetic_user(&db, "tech@example.com", false).await;
    let shop = create::create_shop(&db, Some(owner), &shop_form(), Utc::now()).await.unwrap().id;
    let sent = Utc::now();
    members::invite(&db, Some(owner), shop, "tech@example.com", SITE, sent).await.unwrap();
    let token = link_token(&last_mail(&db).await.body_text);
    let late = sent + members::INVITATION_TTL;
    assert!(members::invitation_organisation(&db, &token, late).await.unwrap().is_none());
    assert!(members::accept(&db, Some(tech), &token, late).await.is_err());
    assert!(members::accept(&db, Some(tech), &token, late - Duration::seconds(1)).await.is_ok());
});
