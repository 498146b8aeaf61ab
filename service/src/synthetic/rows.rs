//! SYNTHETIC rows written directly (not through a form): institutions, completions, people
//! with a confirmed address and second factors. Tests reach them through `testing`; the
//! page-world generator (`world`) uses them too.
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, DbErr, IntoActiveModel, Set};

use crate::authz::Actor;

/// Inserts a SYNTHETIC institution (sector 4, "Testville") at a point.
pub async fn institution(
    db: &DatabaseConnection,
    unitid: i32,
    state: &str,
    lat: f64,
    lon: f64,
) -> Result<(), DbErr> {
    entity::institution::Model {
        unitid,
        name: format!("Synthetic Technical College {unitid}"),
        address: String::new(),
        city: "Testville".into(),
        state: state.into(),
        zip: "00000".into(),
        website: String::new(),
        sector: 4,
        latitude: lat,
        longitude: lon,
    }
    .into_active_model()
    .insert(db)
    .await
    .map(drop)
}

/// Inserts SYNTHETIC completions of one kind and award level.
pub async fn completions(
    db: &DatabaseConnection,
    unitid: i32,
    kind: domain::ProgramKind,
    level: i16,
    n: i32,
) -> Result<(), DbErr> {
    entity::program_completion::Model {
        unitid,
        cip_code: kind.cip_code().into(),
        award_level: level,
        kind,
        completions: n,
    }
    .into_active_model()
    .insert(db)
    .await
    .map(drop)
}

/// Inserts a SYNTHETIC person with a confirmed address and no usable password (nobody can
/// sign in as them through the form; tests and the page world start sessions directly). An
/// admin gets a confirmed second factor, without which admin rights do not count.
pub async fn user(
    db: &DatabaseConnection,
    email: &str,
    is_admin: bool,
    now: DateTime<Utc>,
) -> Result<Actor, DbErr> {
    let user = entity::app_user::ActiveModel {
        email: Set(email.to_string()),
        password_hash: Set("not a hash: SYNTHETIC test account".into()),
        email_verified_at: Set(Some(now)),
        is_admin: Set(is_admin),
        created_at: Set(now),
        display_name: Set(format!("SYNTHETIC {}", email.split('@').next().unwrap_or_default())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if is_admin {
        second_factor(db, user.id, now).await?;
    }
    Ok(Actor { user_id: user.id, is_admin })
}

/// A confirmed SYNTHETIC authenticator for a person; returns its secret, from which
/// `accounts::totp::code_at` makes the codes.
pub async fn second_factor(
    db: &DatabaseConnection,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let secret = crate::accounts::totp::new_secret();
    entity::second_factor::Model {
        user_id,
        secret: secret.clone(),
        created_at: now,
        confirmed_at: Some(now),
        last_step: 0,
        reveal: None,
    }
    .into_active_model()
    .insert(db)
    .await?;
    Ok(secret)
}

/// Makes a person an ordinary member of an organisation.
pub async fn member(
    db: &DatabaseConnection,
    organisation_id: i64,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    entity::org_member::ActiveModel {
        organisation_id: Set(organisation_id),
        user_id: Set(actor.user_id),
        role: Set(domain::orgs::MemberRole::Member),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map(drop)
}

/// SYNTHETIC billing details for the operator, set by `admin` through the service, so that
/// checkouts can issue invoices.
pub async fn billing_details(
    db: &DatabaseConnection,
    admin: Option<Actor>,
    now: DateTime<Utc>,
) -> Result<(), crate::error::ServiceError> {
    let form = crate::membership::billing::BillingForm {
        legal_name: "SYNTHETIC Bayline Operator LLC".into(),
        postal_address: "1 Synthetic Way\nTestville, MI 48201".into(),
        contact_email: "billing@bayline.example.com".into(),
        payment_instructions: "SYNTHETIC: pay by cheque to the address below, quoting the invoice number."
            .into(),
        tax_id: String::new(),
    };
    crate::membership::billing::save(db, admin, &form, now).await.map(drop)
}
