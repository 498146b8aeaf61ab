//! Deleting an account on both databases: organisations stay consistent, personal data goes.
//! Every person and organisation here is SYNTHETIC.
use chrono::{DateTime, Duration, TimeZone, Utc};
use entity::{
    app_user, audit_event, email_outbox, invitation, org_member, organisation, saved_program, session,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use service::testing::stored;
use service::{
    accounts::{deletion, password, sessions, users},
    authz::Actor,
    db_test,
    error::ServiceError,
};

const SITE: &str = "http://bayline.test";
const PASSWORD: &str = "tidal-orchard-copper-lantern";
const IP: &str = "10.0.0.1";

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

async fn person(db: &DatabaseConnection, email: &str) -> Actor {
    let user = app_user::ActiveModel {
        email: Set(email.into()),
        password_hash: Set(password::hash(PASSWORD)),
        email_verified_at: Set(Some(at())),
        is_admin: Set(false),
        created_at: Set(at()),
        display_name: Set("SYNTHETIC Person".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    Actor { user_id: user.id, is_admin: false }
}

async fn org(db: &DatabaseConnection, name: &str, status: &str, created_by: i64) -> i64 {
    organisation::ActiveModel {
        kind: Set(stored("shop")),
        name: Set(format!("SYNTHETIC {name}")),
        shop_type: Set(Some("independent".into())),
        size_band: Set(None),
        street: Set(String::new()),
        city: Set("Testville".into()),
        state: Set("MI".into()),
        zip: Set("00000".into()),
        latitude: Set(42.0),
        longitude: Set(-83.0),
        website: Set(String::new()),
        unitid: Set(None),
        program_kinds: Set(String::new()),
        accreditation: Set(None),
        status: Set(stored(status)),
        status_reason: Set(String::new()),
        created_by: Set(Some(created_by)),
        created_at: Set(at()),
        verified_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id
}

async fn join(db: &DatabaseConnection, organisation_id: i64, user_id: i64, role: &str, days_ago: i64) {
    org_member::ActiveModel {
        organisation_id: Set(organisation_id),
        user_id: Set(user_id),
        role: Set(stored(role)),
        created_at: Set(at() - Duration::days(days_ago)),
    }
    .insert(db)
    .await
    .unwrap();
}

async fn role(db: &DatabaseConnection, organisation_id: i64, user_id: i64) -> Option<String> {
    org_member::Entity::find_by_id((organisation_id, user_id))
        .one(db)
        .await
        .unwrap()
        .map(|m| m.role.slug().to_string())
}

db_test!(deletion_needs_the_signed_in_owner_and_password, |db: DatabaseConnection| async move {
    let me = person(&db, "ana@example.com").await;
    assert!(matches!(
        deletion::delete_account(&db, None, PASSWORD, IP, at()).await,
        Err(ServiceError::SignInRequired)
    ));
    let wrong = deletion::delete_account(&db, Some(me), "not-it", IP, at()).await;
    assert!(matches!(wrong, Err(ServiceError::Invalid { field: "delete_password", .. })), "{wrong:?}");
    assert!(users::find(&db, me.user_id).await.unwrap().is_some());
});

db_test!(sole_owner_hands_over_to_the_longest_standing_member, |db: DatabaseConnection| async move {
    let owner = person(&db, "owner@example.com").await;
    let (veteran, newcomer) = (person(&db, "vet@example.com").await, person(&db, "new@example.com").await);
    let shop = org(&db, "Shop", "verified", owner.user_id).await;
    join(&db, shop, owner.user_id, "owner", 30).await;
    join(&db, shop, newcomer.user_id, "member", 1).await;
    join(&db, shop, veteran.user_id, "member", 20).await;
    // A second organisation with another owner stays as it is.
    let other = org(&db, "Other", "verified", veteran.user_id).await;
    join(&db, other, veteran.user_id, "owner", 10).await;
    join(&db, other, owner.user_id, "owner", 5).await;

    deletion::delete_account(&db, Some(owner), PASSWORD, IP, at()).await.unwrap();
    assert_eq!(role(&db, shop, veteran.user_id).await.as_deref(), Some("owner"));
    assert_eq!(role(&db, shop, newcomer.user_id).await.as_deref(), Some("member"));
    assert_eq!(role(&db, shop, owner.user_id).await, None);
    assert_eq!(role(&db, other, veteran.user_id).await.as_deref(), Some("owner"));
    let promoted = audit_event::Entity::find()
        .filter(audit_event::Column::Event.eq("role_changed"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(promoted.user_id, Some(veteran.user_id));
    let shop_row = organisation::Entity::find_by_id(shop).one(&db).await.unwrap().unwrap();
    assert_eq!(shop_row.created_by, None, "the creator link goes with the account");
});

db_test!(sole_member_of_a_pending_organisation_takes_it_along, |db: DatabaseConnection| async move {
    let me = person(&db, "solo@example.com").await;
    let pending = org(&db, "Pending", "pending", me.user_id).await;
    let rejected = org(&db, "Rejected", "rejected", me.user_id).await;
    join(&db, pending, me.user_id, "owner", 3).await;
    join(&db, rejected, me.user_id, "owner", 3).await;
    deletion::delete_account(&db, Some(me), PASSWORD, IP, at()).await.unwrap();
    assert_eq!(organisation::Entity::find().count(&db).await.unwrap(), 0);
});

db_test!(sole_member_of_a_verified_organisation_leaves_it_memberless, |db: DatabaseConnection| async move {
    let me = person(&db, "solo@example.com").await;
    let verified = org(&db, "Verified", "verified", me.user_id).await;
    join(&db, verified, me.user_id, "owner", 3).await;
    deletion::delete_account(&db, Some(me), PASSWORD, IP, at()).await.unwrap();
    assert!(organisation::Entity::find_by_id(verified).one(&db).await.unwrap().is_some());
    assert_eq!(org_member::Entity::find().count(&db).await.unwrap(), 0);
});

db_test!(deletion_leaves_no_personal_data, |db: DatabaseConnection| async move {
    let me = person(&db, "gone@example.com").await;
    let stays = person(&db, "stays@example.com").await;
    sessions::start(&db, me.user_id, at()).await.unwrap();
    let _ = users::sign_in(&db, "gone@example.com", "a-wrong-guess", IP, SITE, at()).await;
    users::sign_in(&db, "gone@example.com", PASSWORD, IP, SITE, at()).await.unwrap();
    saved_program::ActiveModel { user_id: Set(me.user_id), unitid: Set(900001), created_at: Set(at()) }
        .insert(&db)
        .await
        .unwrap();
    let shop = org(&db, "Shop", "verified", stays.user_id).await;
    join(&db, shop, stays.user_id, "owner", 3).await;
    invitation::ActiveModel {
        token_hash: Set("a".repeat(64)),
        organisation_id: Set(shop),
        email: Set("gone@example.com".into()),
        invited_by: Set(Some(stays.user_id)),
        created_at: Set(at()),
        expires_at: Set(at() + Duration::days(7)),
        accepted_at: Set(None),
    }
    .insert(&db)
    .await
    .unwrap();

    deletion::delete_account(&db, Some(me), PASSWORD, IP, at()).await.unwrap();
    assert!(users::find(&db, me.user_id).await.unwrap().is_none());
    assert_eq!(session::Entity::find().count(&db).await.unwrap(), 0);
    assert_eq!(saved_program::Entity::find().count(&db).await.unwrap(), 0);
    assert_eq!(invitation::Entity::find().count(&db).await.unwrap(), 0);
    let log = audit_event::Entity::find().all(&db).await.unwrap();
    assert!(log.iter().all(|e| e.user_id.is_none() && !e.detail.contains("gone@example.com")), "{log:?}");
    assert!(log.iter().any(|e| e.event == "account_deleted"));
    let mail = email_outbox::Entity::find().all(&db).await.unwrap();
    assert!(mail.iter().all(|m| m.recipient != "gone@example.com"));
    assert!(users::find(&db, stays.user_id).await.unwrap().is_some());
});
