//! Times in the reader's zone, on both databases: the person's choice first, then their
//! organisation's state, then the zone their browser reported at sign-in, then US Eastern;
//! the same message reads in each reader's own zone with one machine-readable instant.
//! People, shops and schools are SYNTHETIC (`service::synthetic::world`); the ZIP centroid is
//! the real GeoNames row.
use chrono::Utc;
use chrono_tz::Tz;
use sea_orm::DatabaseConnection;
use service::{
    accounts::zone,
    db_test,
    error::ServiceError,
    openings::conversation,
    synthetic::world,
    testing::{add_real_zips, add_synthetic_user},
};

db_test!(
    a_readers_zone_comes_from_choice_then_organisation_then_browser,
    |db: DatabaseConnection| async move {
        let loner = add_synthetic_user(&db, "loner@example.com", false).await;
        assert_eq!(
            zone::of(&db, Some(loner)).await.unwrap(),
            Tz::America__New_York,
            "nothing known: Eastern"
        );
        assert_eq!(zone::of(&db, None).await.unwrap(), Tz::America__New_York);
        zone::note_browser(&db, loner.user_id, "America/Denver").await.unwrap();
        assert_eq!(zone::of(&db, Some(loner)).await.unwrap(), Tz::America__Denver, "the browser's");
        zone::note_browser(&db, loner.user_id, "Mars/Olympus").await.unwrap();
        assert_eq!(zone::of(&db, Some(loner)).await.unwrap(), Tz::America__Denver, "nonsense is ignored");
        zone::choose(&db, Some(loner), "Pacific/Honolulu").await.unwrap();
        assert_eq!(zone::of(&db, Some(loner)).await.unwrap(), Tz::Pacific__Honolulu, "a choice wins");
        zone::choose(&db, Some(loner), "").await.unwrap();
        assert_eq!(zone::of(&db, Some(loner)).await.unwrap(), Tz::America__Denver, "automatic again");
        let refused = zone::choose(&db, Some(loner), "Mars/Olympus").await;
        assert!(matches!(refused, Err(ServiceError::Invalid { field: "time_zone", .. })), "{refused:?}");
        assert!(matches!(
            zone::choose(&db, None, "America/Chicago").await,
            Err(ServiceError::SignInRequired)
        ));

        // A member of an organisation in Michigan reads Eastern times even from a Denver browser.
        add_real_zips(&db, &["48201"]).await;
        let w = world::build(&db, 920001, Utc::now()).await.unwrap();
        zone::note_browser(&db, w.people.shop_owner.user_id, "America/Denver").await.unwrap();
        assert_eq!(zone::of(&db, Some(w.people.shop_owner)).await.unwrap(), Tz::America__New_York);
    }
);

db_test!(one_message_reads_in_each_readers_zone, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let w = world::build(&db, 920101, Utc::now()).await.unwrap();
    zone::choose(&db, Some(w.people.student), "America/Los_Angeles").await.unwrap();
    let student = conversation::page(&db, Some(w.people.student), w.interest).await.unwrap();
    let shop = conversation::page(&db, Some(w.people.shop_owner), w.interest).await.unwrap();
    let (theirs, ours) = (&student.messages[0].at, &shop.messages[0].at);
    assert_eq!(theirs.iso, ours.iso, "one instant");
    assert!(theirs.iso.ends_with('Z'));
    assert!(theirs.text.ends_with(" PST") || theirs.text.ends_with(" PDT"), "{}", theirs.text);
    assert!(ours.text.ends_with(" EST") || ours.text.ends_with(" EDT"), "{}", ours.text);
    assert_ne!(theirs.text, ours.text);
});
