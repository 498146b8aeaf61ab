//! Organisations on both databases: shops, program claims (automatic and queued), programs
//! IPEDS does not list, members and invitations, the admins' verification queue, and the
//! field errors that change nothing. People and schools here are SYNTHETIC; ZIP centroids
//! are the real GeoNames rows.
use chrono::{Duration, Utc};
use domain::{ProgramKind, orgs::OrgStatus};
use entity::{email_outbox, institution, org_member, organisation, session};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
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
    let role = org_member::Entity::find_by_id((created.id, owner.user_id)).one(&db).await.unwrap().unwrap();
    assert_eq!(role.role.slug(), "owner");
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

db_test!(territories_are_checked_and_military_zips_told_apart, |db: DatabaseConnection| async move {
    // The real ZIP file: San Juan is a Census ZCTA point, placed in Puerto Rico by the USPS
    // prefix table; before, it carried no state and any state was accepted beside it.
    importer::import(
        &db,
        &service::testing::data_dir(),
        importer::Dataset::ZipCentroids,
        &importer::SilentProgress,
    )
    .await
    .unwrap();
    let owner = add_synthetic_user(&db, "owner@example.com", false).await;
    let in_michigan = ShopForm { zip: "00901".into(), ..shop_form() };
    let message =
        create::create_shop(&db, Some(owner), &in_michigan, Utc::now()).await.unwrap_err().to_string();
    assert_eq!(message, "zip: the ZIP code 00901 is in PR, not MI");
    let military = ShopForm { zip: "09001".into(), ..shop_form() };
    let message = create::create_shop(&db, Some(owner), &military, Utc::now()).await.unwrap_err().to_string();
    assert!(
        message.contains("military ZIP codes have no fixed place: use the ZIP code where you are"),
        "{message}"
    );
    let san_juan =
        ShopForm { zip: "00901".into(), state: "PR".into(), city: "San Juan".into(), ..shop_form() };
    let created = create::create_shop(&db, Some(owner), &san_juan, Utc::now()).await.unwrap();
    let row = organisation::Entity::find_by_id(created.id).one(&db).await.unwrap().unwrap();
    assert_eq!(row.state, "PR");
});

db_test!(every_bad_field_is_named_at_once, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let owner = add_synthetic_user(&db, "owner@example.com", false).await;
    // The case: an empty name and the empty city beside it are both reported.
    let form = ShopForm {
        name: String::new(),
        city: String::new(),
        zip: "00000".into(),
        website: "javascript:alert(1)".into(),
        ..shop_form()
    };
    let error = create::create_shop(&db, Some(owner), &form, Utc::now()).await.unwrap_err();
    let fields: Vec<&str> = error.problems().iter().map(|p| p.field).collect();
    assert_eq!(fields, ["name", "city", "zip", "website"], "{error:?}");
    let school = create::SchoolProgramForm {
        name: "Synthetic High School Auto".into(),
        street: String::new(),
        city: String::new(),
        state: "MI".into(),
        zip: "48201".into(),
        website: String::new(),
        kinds: Vec::new(),
        accreditation: "bogus".into(),
        listing: String::new(),
    };
    let error = create::add_school_program(&db, Some(owner), &school, Utc::now()).await.unwrap_err();
    let fields: Vec<&str> = error.problems().iter().map(|p| p.field).collect();
    assert_eq!(fields, ["city", "kinds", "accreditation"], "{error:?}");
    assert_eq!(count_orgs(&db).await, 0);
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

db_test!(
    claims_wait_on_their_own_and_admins_see_them_grouped_by_school,
    |db: DatabaseConnection| async move {
        use service::orgs::claims::{self, Claimed};
        synthetic_college(&db, 900001, "www.synthetic-tech.example.edu/").await;
        synthetic_college(&db, 900002, "www.other-college.example.edu").await;
        let student = add_synthetic_user(&db, "kim@students.synthetic-tech.example.edu", false).await;
        let squatter = add_synthetic_user(&db, "sam@gmail.example.com", false).await;
        let instructor = add_synthetic_user(&db, "pat@synthetic-tech.example.edu", false).await;
        let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
        let claim = |actor, unitid: &'static str| {
            let db = db.clone();
            async move { claims::claim_program(&db, Some(actor), unitid, Utc::now()).await }
        };

        // Two pending claims do not block the real instructor, whose exact host verifies at once.
        assert!(matches!(claim(student, "900001").await.unwrap(), Claimed::Pending { .. }));
        assert!(matches!(claim(squatter, "900001").await.unwrap(), Claimed::Pending { .. }));
        let school = claim(instructor, "900001").await.unwrap().verified().expect("the school's own host");
        // Their claims now wait for the school's owner, not for an admin.
        let waiting = claims::requests(&db, Some(instructor), school).await.unwrap();
        // Owners see each by name and the domain of their address, never the whole address.
        let who: Vec<(&str, &str)> =
            waiting.iter().map(|c| (c.name.as_str(), c.email_domain.as_str())).collect();
        assert_eq!(
            who,
            [
                ("SYNTHETIC kim", "students.synthetic-tech.example.edu"),
                ("SYNTHETIC sam", "gmail.example.com")
            ]
        );
        assert!(claims::requests(&db, Some(squatter), school).await.is_err(), "owners only");
        assert!(
            matches!(claim(squatter, "900001").await, Err(ServiceError::Conflict(_))),
            "one open claim each"
        );
        claims::answer(&db, Some(instructor), waiting[0].id, true, Utc::now()).await.unwrap();
        claims::answer(&db, Some(instructor), waiting[1].id, false, Utc::now()).await.unwrap();
        let members = org_member::Entity::find()
            .filter(org_member::Column::OrganisationId.eq(school))
            .count(&db)
            .await
            .unwrap();
        assert_eq!(members, 2, "the owner and the accepted instructor");
        assert!(claims::mine(&db, Some(squatter)).await.unwrap()[0].1.starts_with("not accepted"));

        // The admins' queue groups a school's claims and says how each address matches.
        assert!(matches!(claim(squatter, "900002").await.unwrap(), Claimed::Pending { .. }));
        let colleague = add_synthetic_user(&db, "lee@staff.other-college.example.edu", false).await;
        assert!(matches!(claim(colleague, "900002").await.unwrap(), Claimed::Pending { .. }));
        let queue = claims::queue(&db, Some(admin)).await.unwrap();
        assert_eq!(queue.len(), 1);
        assert_eq!((queue[0].unitid, queue[0].web_host.as_str()), (900002, "other-college.example.edu"));
        let matches: Vec<&str> = queue[0].claims.iter().map(|c| c.host_match.as_str()).collect();
        assert_eq!(matches, ["none", "subdomain"]);
        for not_admin in [None, Some(squatter), Some(instructor)] {
            assert!(claims::queue(&db, not_admin).await.is_err());
            assert!(claims::verify(&db, not_admin, queue[0].claims[1].id, SITE, Utc::now()).await.is_err());
            assert!(
                claims::refuse(&db, not_admin, queue[0].claims[0].id, "not staff", Utc::now()).await.is_err()
            );
        }
        claims::refuse(&db, Some(admin), queue[0].claims[0].id, "no sign of working there", Utc::now())
            .await
            .unwrap();
        let other = claims::verify(&db, Some(admin), queue[0].claims[1].id, SITE, Utc::now()).await.unwrap();
        let mail = last_mail(&db).await;
        assert_eq!(mail.recipient, "lee@staff.other-college.example.edu");
        assert!(mail.subject.contains("is yours"), "{}", mail.subject);
        assert!(public::claimed_program(&db, 900002).await.unwrap().is_some());
        assert!(claims::queue(&db, Some(admin)).await.unwrap().is_empty());

        // Rejecting is for organisations waiting for verification only.
        let rejected = verification::reject(&db, Some(admin), other, "changed my mind", Utc::now()).await;
        assert!(matches!(rejected, Err(ServiceError::Conflict(_))), "{rejected:?}");

        // When every member has left, the school can be claimed again.
        org_member::Entity::delete_many()
            .filter(org_member::Column::OrganisationId.eq(other))
            .exec(&db)
            .await
            .unwrap();
        let returning = add_synthetic_user(&db, "ana@other-college.example.edu", false).await;
        assert_eq!(
            claim(returning, "900002").await.unwrap().verified(),
            Some(other),
            "the same organisation"
        );
        for bad in ["abc", "123456"] {
            let error = claims::claim_program(&db, Some(squatter), bad, Utc::now()).await.unwrap_err();
            assert_eq!(field_of(error), "unitid");
        }
    }
);

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
        listing: String::new(),
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
    // By name and the domain of their address, never the address itself.
    assert_eq!(
        listed.iter().map(|m| (m.name.as_str(), m.email_domain.as_str())).collect::<Vec<_>>(),
        [("SYNTHETIC owner", "example.com"), ("SYNTHETIC tech", "example.com")]
    );
    assert!(!format!("{listed:?}").contains('@'));
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

/// Eight instructors claim one school at the same moment: the database keeps one
/// organisation, and every other claim is refused with a message, never an error page.
async fn eight_claims_race_for_one_school(db: DatabaseConnection) {
    synthetic_college(&db, 900010, "www.race-college.example.edu").await;
    let mut claimants = Vec::new();
    for i in 0..8 {
        claimants.push(add_synthetic_user(&db, &format!("pat{i}@race-college.example.edu"), false).await);
    }
    let claims = claimants.iter().map(|actor| {
        let db = db.clone();
        let actor = *actor;
        tokio::spawn(async move {
            service::orgs::claims::claim_program(&db, Some(actor), "900010", Utc::now()).await
        })
    });
    let mut won = 0;
    for claim in claims {
        match claim.await.unwrap() {
            Ok(service::orgs::claims::Claimed::Verified { .. }) => won += 1,
            Ok(service::orgs::claims::Claimed::AskedOwners { .. }) => {}
            other => panic!("a racing claim neither won nor asked the winner: {other:?}"),
        }
    }
    let schools = organisation::Entity::find()
        .filter(organisation::Column::Unitid.eq(900010))
        .count(&db)
        .await
        .unwrap();
    assert_eq!((won, schools), (1, 1), "one organisation per UNITID");
    let asked = entity::program_claim::Entity::find()
        .filter(entity::program_claim::Column::Status.eq("waiting"))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(asked, 7, "the others wait for the winner to accept them");
}

db_test!(eight_concurrent_claims_of_one_school_leave_one_organisation, eight_claims_race_for_one_school);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_concurrent_claims_of_one_school_on_a_sqlite_file() {
    service::testing::on_a_sqlite_file("claim-race", eight_claims_race_for_one_school).await;
}

db_test!(
    only_an_exact_school_host_of_one_institution_verifies_a_claim_at_once,
    |db: DatabaseConnection| async move {
        // Two campuses that list one web host (as UTI's 15 do), and a state agency's school.
        synthetic_college(&db, 900021, "www.chain-tech.example.edu").await;
        synthetic_college(&db, 900022, "chain-tech.example.edu/campus-b").await;
        synthetic_college(&db, 900023, "www.state-agency.example.gov/school").await;
        synthetic_college(&db, 900024, "www.own-college.example.edu").await;
        let student = add_synthetic_user(&db, "kim@students.own-college.example.edu", false).await;
        let chain = add_synthetic_user(&db, "lee@chain-tech.example.edu", false).await;
        let agency = add_synthetic_user(&db, "ann@state-agency.example.gov", false).await;
        use service::orgs::claims::{Claimed, claim_program};
        let pending = |r: Result<Claimed, ServiceError>| matches!(r, Ok(Claimed::Pending { .. }));
        assert!(pending(claim_program(&db, Some(student), "900024", Utc::now()).await), "a subdomain waits");
        assert!(pending(claim_program(&db, Some(chain), "900021", Utc::now()).await), "a shared host waits");
        assert!(
            pending(claim_program(&db, Some(agency), "900023", Utc::now()).await),
            "not a school's domain"
        );
        // A school with its own .edu host that no other institution lists verifies at once.
        synthetic_college(&db, 900025, "https://www.second-college.example.edu/auto").await;
        let second = add_synthetic_user(&db, "sam@second-college.example.edu", false).await;
        assert!(claim_program(&db, Some(second), "900025", Utc::now()).await.unwrap().verified().is_some());
    }
);

db_test!(
    a_listing_is_claimed_when_the_program_added_from_it_is_verified,
    |db: DatabaseConnection| async move {
        add_real_zips(&db, &["48201"]).await;
        let list = "\
name,street,city,state,zip,kinds,level,web_host,nces_id,aef_accredited_until,lat,lon
SYNTHETIC Westside CTE,1 Main St,Detroit,MI,48201,auto,cte_center,westside.example.org,,,,
";
        let rows =
            importer::check_schools(&db, std::path::Path::new("list.csv"), list.as_bytes()).await.unwrap();
        importer::import_schools(&db, &rows, "SYNTHETIC list", Utc::now(), &importer::SilentProgress)
            .await
            .unwrap();
        let listing = service::schools::unclaimed(&db).await.unwrap().remove(0);
        let prefill = service::schools::prefill(&db, listing.id).await.unwrap().expect("unclaimed");
        assert_eq!(prefill.website, "https://westside.example.org");

        let teacher = add_synthetic_user(&db, "synthetic.teacher@example.com", false).await;
        let admin = add_synthetic_user(&db, "synthetic.admin@bayline.example.com", true).await;
        let form = SchoolProgramForm { listing: listing.id.to_string(), ..school_form() };
        let created = create::add_school_program(&db, Some(teacher), &form, Utc::now()).await.unwrap();
        // Waiting for an admin, the school is still "not yet on Bayline".
        assert_eq!(service::schools::unclaimed(&db).await.unwrap().len(), 1);
        service::orgs::verification::verify(&db, Some(admin), created.id, "http://localhost", Utc::now())
            .await
            .unwrap();
        assert!(
            service::schools::unclaimed(&db).await.unwrap().is_empty(),
            "verified: the listing is claimed"
        );
        let row = entity::school_listing::Entity::find_by_id(listing.id).one(&db).await.unwrap().unwrap();
        assert_eq!(row.claimed_org_id, Some(created.id), "the listing keeps its row, naming its program");
        assert!(service::schools::prefill(&db, listing.id).await.unwrap().is_none());
        // Claimed: another program cannot start from it; an unknown id is refused too.
        for (listing, words) in
            [(listing.id.to_string(), "on Bayline already"), ("999999".into(), "not in an imported list")]
        {
            let form = SchoolProgramForm { listing, name: "SYNTHETIC Other".into(), ..school_form() };
            let refused =
                create::add_school_program(&db, Some(teacher), &form, Utc::now()).await.unwrap_err();
            assert!(
                matches!(&refused, ServiceError::Invalid { field: "listing", message } if message.contains(words)),
                "{refused:?}"
            );
        }
    }
);
