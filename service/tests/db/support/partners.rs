//! The partnership tests' world: two SYNTHETIC colleges with claimed programs (an
//! instructor each), an open internship need, and a verified SYNTHETIC shop in Detroit (the
//! real GeoNames ZIP centroid 48201); and the assertions those tests share.
#![allow(dead_code)]
use chrono::{Duration, Utc};
use entity::email_outbox;
use sea_orm::{DatabaseConnection, EntityTrait};
use service::{
    authz::Actor,
    error::ServiceError,
    needs::{self, create::NeedForm},
    orgs::{
        create::{self as orgs, ShopForm},
        verification,
    },
    testing::{add_real_zips, add_synthetic_user},
};

pub const SITE: &str = "http://localhost";

/// The people and organisations of these tests.
pub struct World {
    pub instructor: Actor,
    pub program: i64,
    pub need: i64,
    pub owner: Actor,
    pub shop: i64,
    /// An instructor of another program, and an admin: neither is a party.
    pub outsider: Actor,
    pub admin: Actor,
}

pub async fn college(db: &DatabaseConnection, unitid: i32, who: &str) -> (Actor, i64) {
    service::testing::add_verified_college(db, unitid, who, 42.35, -83.06).await
}

pub async fn post_need(db: &DatabaseConnection, instructor: Actor, program: i64, kind: &str) -> i64 {
    let day = |n| (Utc::now().date_naive() + Duration::days(n)).format("%Y-%m-%d").to_string();
    let form = NeedForm {
        kind: kind.into(),
        title: format!("Need {kind} (SYNTHETIC)"),
        students: "3".into(),
        starts_on: day(7),
        ends_on: day(60),
        paid: "paid".into(),
        ..Default::default()
    };
    needs::create::create(db, Some(instructor), program, &form, Utc::now()).await.unwrap()
}

pub async fn shop(db: &DatabaseConnection, owner: Actor, admin: Actor, verify: bool) -> i64 {
    let form = ShopForm {
        name: "Synthetic Brakes & Tires".into(),
        shop_type: "independent_repair".into(),
        size_band: "5-9".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let id = orgs::create_shop(db, Some(owner), &form, Utc::now()).await.unwrap().id;
    if verify {
        verification::verify(db, Some(admin), id, SITE, Utc::now()).await.unwrap();
    }
    id
}

pub async fn world(db: &DatabaseConnection) -> World {
    add_real_zips(db, &["48201"]).await;
    let (instructor, program) = college(db, 920001, "pat").await;
    let (outsider, _) = college(db, 920002, "lee").await;
    let need = post_need(db, instructor, program, "internship_hosts").await;
    let owner = add_synthetic_user(db, "owner@shop.example.com", false).await;
    let admin = add_synthetic_user(db, "admin@bayline.example.com", true).await;
    let shop = shop(db, owner, admin, true).await;
    World { instructor, program, need, owner, shop, outsider, admin }
}

pub fn field_of(error: ServiceError) -> &'static str {
    match error {
        ServiceError::Invalid { field, .. } => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

pub fn conflict(result: Result<impl std::fmt::Debug, ServiceError>, words: &str) {
    match result {
        Err(ServiceError::Conflict(message)) => assert!(message.contains(words), "{message}"),
        other => panic!("expected a conflict saying '{words}', got {other:?}"),
    }
}

pub async fn mail_to(db: &DatabaseConnection, recipient: &str) -> Vec<email_outbox::Model> {
    let all = email_outbox::Entity::find().all(db).await.unwrap();
    all.into_iter().filter(|m| m.recipient == recipient).collect()
}
