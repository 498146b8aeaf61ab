//! A paid membership for tests in any crate, made through the real steps: an admin creates a
//! plan, the shop's owner checks out, the admin records the payment. Nothing is written
//! around the service's own rules.
use chrono::{DateTime, Utc};
use domain::billing::{Audience, Unlock};
use entity::{app_user, org_member, organisation};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::{checkout, payments, plans};
use crate::authz::Actor;

/// Gives the shop `organisation_id` (verified, with a shop type and an owner) a paid 12-month
/// membership of a new plan unlocking `unlocks`, starting at `now`. `admin_id` is an admin
/// account. Returns the invoice id. Panics on any refusal: it is for tests.
pub async fn paid_membership(
    db: &DatabaseConnection,
    admin_id: i64,
    organisation_id: i64,
    unlocks: &[Unlock],
    now: DateTime<Utc>,
) -> i64 {
    let admin = app_user::Entity::find_by_id(admin_id).one(db).await.unwrap().expect("the admin exists");
    assert!(admin.is_admin, "paid_membership needs an admin account");
    let admin = Some(Actor { user_id: admin.id, is_admin: true });
    let org =
        organisation::Entity::find_by_id(organisation_id).one(db).await.unwrap().expect("the shop exists");
    let audience = org
        .shop_type
        .as_deref()
        .and_then(domain::orgs::ShopType::from_slug)
        .map(Audience::of)
        .expect("the shop has a type");
    let owner = org_member::Entity::find()
        .filter(org_member::Column::OrganisationId.eq(organisation_id))
        .filter(org_member::Column::Role.eq(domain::orgs::MemberRole::Owner))
        .one(db)
        .await
        .unwrap()
        .expect("the shop has an owner");
    let owner = Some(Actor { user_id: owner.user_id, is_admin: false });
    let form = plans::PlanForm {
        name: format!("Test plan {}", uuid::Uuid::new_v4().simple()),
        audience: audience.slug().into(),
        price: "1200".into(),
        unlocks: unlocks.iter().map(|u| u.slug().to_string()).collect(),
        description: String::new(),
    };
    let plan_id = plans::create(db, admin, &form, now).await.expect("create the plan");
    crate::synthetic::rows::billing_details(db, admin, now).await.expect("set the billing details");
    let invoice_id = checkout::confirm(db, owner, organisation_id, plan_id, "", "http://test", now)
        .await
        .expect("check out");
    payments::settle(db, &payments::ManualInvoice, admin, invoice_id, "test payment", "http://test", now)
        .await
        .expect("record the payment");
    invoice_id
}
