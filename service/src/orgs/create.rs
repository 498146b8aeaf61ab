//! Creating organisations: a shop, a claim on an IPEDS program, or a program IPEDS does not
//! list (a high-school CTE program). The creator becomes the owner. Shops and unlisted
//! programs wait for an admin; a claim is verified at once when the instructor's verified
//! email address is at the institution's own web domain, and so is a program added from an
//! imported listing when the address is at the listing's own web host (the same rules:
//! exact, school-owned, listed by no other school).
use chrono::{DateTime, Utc};
use domain::{
    ProgramKind,
    orgs::{Accreditation, OrgKind, OrgStatus, ShopType, SizeBand},
};
use entity::{app_user, institution, org_member, organisation, school_listing};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};

use super::fields;
use crate::{
    accounts::{
        audit::{self, Event},
        email::Email,
    },
    authz::{self, Actor},
    error::{Checks, ServiceError},
};

/// Organisations one person may have waiting for verification at once: enough for real
/// use, few enough that nobody can flood the admins' queue.
pub const MAX_PENDING_PER_USER: u64 = 5;

/// A shop as typed into the form (its fields are the form's field names).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ShopForm {
    pub name: String,
    pub shop_type: String,
    pub size_band: String,
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub website: String,
}

/// A program IPEDS does not list, as typed into the form.
#[derive(Debug, Clone, Default)]
pub struct SchoolProgramForm {
    pub name: String,
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub website: String,
    pub kinds: Vec<String>,
    pub accreditation: String,
    /// The imported listing this program is (its id, from the finder's "add this school"
    /// link), or empty.
    pub listing: String,
}

impl ShopForm {
    /// What was typed, to put back into the form after a refusal.
    pub fn typed(&self) -> [(&'static str, &str); 8] {
        [
            ("name", &self.name),
            ("shop_type", &self.shop_type),
            ("size_band", &self.size_band),
            ("street", &self.street),
            ("city", &self.city),
            ("state", &self.state),
            ("zip", &self.zip),
            ("website", &self.website),
        ]
    }
}

/// What a claim led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Created {
    pub id: i64,
    pub status: OrgStatus,
}

pub async fn create_shop(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    form: &ShopForm,
    now: DateTime<Utc>,
) -> Result<Created, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let mut checks = Checks::default();
    let name = checks.check(fields::line("name", &form.name, 2, fields::MAX_NAME));
    let shop_type = checks.check(
        ShopType::from_slug(form.shop_type.trim())
            .ok_or_else(|| ServiceError::invalid("shop_type", "choose what kind of shop this is")),
    );
    let size_band = checks.check(
        SizeBand::from_slug(form.size_band.trim())
            .ok_or_else(|| ServiceError::invalid("size_band", "choose how many technicians work there")),
    );
    let address = checks.check(fields::address(db, &form.street, &form.city, &form.state, &form.zip).await);
    let website = checks.check(fields::website(&form.website));
    checks.finish()?;
    let (Some(name), Some(shop_type), Some(size_band), Some(address), Some(website)) =
        (name, shop_type, size_band, address, website)
    else {
        unreachable!("every check passed")
    };
    let row = organisation::ActiveModel {
        kind: Set(OrgKind::Shop),
        name: Set(name),
        shop_type: Set(Some(shop_type.slug().into())),
        size_band: Set(Some(size_band.slug().into())),
        street: Set(address.street),
        city: Set(address.city),
        state: Set(address.state),
        zip: Set(address.zip),
        latitude: Set(address.location.lat),
        longitude: Set(address.location.lon),
        website: Set(website),
        ..pending_row(actor, now)
    };
    insert_with_owner(db, actor, row, None, now).await
}

pub async fn add_school_program(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    form: &SchoolProgramForm,
    now: DateTime<Utc>,
) -> Result<Created, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let mut checks = Checks::default();
    let name = checks.check(fields::line("name", &form.name, 2, fields::MAX_NAME));
    let address = checks.check(fields::address(db, &form.street, &form.city, &form.state, &form.zip).await);
    let website = checks.check(fields::website(&form.website));
    let mut kinds = Vec::new();
    for slug in &form.kinds {
        match ProgramKind::from_slug(slug.trim()) {
            Some(kind) if !kinds.contains(&kind) => kinds.push(kind),
            Some(_) => {}
            None => checks.fail("kinds", "choose from the kinds listed"),
        }
    }
    if form.kinds.is_empty() {
        checks.fail("kinds", "choose at least one kind the program teaches");
    }
    kinds.sort();
    let accreditation = checks.check(match form.accreditation.trim() {
        "" => Ok(Accreditation::None),
        slug => Accreditation::from_slug(slug)
            .ok_or_else(|| ServiceError::invalid("accreditation", "choose from the list")),
    });
    let listing = checks.check(listing_of(db, &form.listing).await);
    checks.finish()?;
    let (Some(name), Some(address), Some(website), Some(accreditation), Some(listing)) =
        (name, address, website, accreditation, listing)
    else {
        unreachable!("every check passed")
    };
    let at_once = match listing {
        Some(id) => listing_verifies_at_once(db, actor, id).await?,
        None => false,
    };
    let row = organisation::ActiveModel {
        listing_id: Set(listing),
        kind: Set(OrgKind::HighSchoolProgram),
        name: Set(name),
        street: Set(address.street),
        city: Set(address.city),
        state: Set(address.state),
        zip: Set(address.zip),
        latitude: Set(address.location.lat),
        longitude: Set(address.location.lon),
        website: Set(website),
        program_kinds: Set(domain::vocabulary::join_slugs(&kinds)),
        accreditation: Set(Some(accreditation.slug().into())),
        status: Set(if at_once { OrgStatus::Verified } else { OrgStatus::Pending }),
        verified_at: Set(at_once.then_some(now)),
        ..pending_row(actor, now)
    };
    match listing.filter(|_| at_once) {
        Some(id) => {
            let automatic = AutomaticVerification { reason: LISTING_HOST_REASON, claims_listing: Some(id) };
            insert_with_owner(db, actor, row, Some(automatic), now).await
        }
        None => insert_with_owner(db, actor, row, None, now).await,
    }
}

/// Why a program added from a listing was verified without an admin (the audit log's words).
pub const LISTING_HOST_REASON: &str =
    "automatic: the instructor's verified address is at the listing's own school web host";

/// Whether the actor's program from listing `id` is verified at once: their address is
/// verified and exactly at the listing's web host, the host is one only a school gets
/// ([`fields::verifies_at_once`]), and no other listing or IPEDS institution gives the
/// same host (then it does not tell which school a person works at).
pub async fn listing_verifies_at_once(
    db: &impl ConnectionTrait,
    actor: Actor,
    id: i64,
) -> Result<bool, ServiceError> {
    let Some(listing) = school_listing::Entity::find_by_id(id).one(db).await? else { return Ok(false) };
    let Some(user) = app_user::Entity::find_by_id(actor.user_id).one(db).await? else { return Ok(false) };
    let host = listing.web_host.trim().to_ascii_lowercase();
    if user.email_verified_at.is_none() || host.is_empty() {
        return Ok(false);
    }
    let domain = Email::parse(&user.email).map(|e| e.domain().to_string()).unwrap_or_default();
    let shared = listing_host_shared(db, id, &host).await?;
    Ok(fields::verifies_at_once(fields::host_match(&domain, &host, shared), &host))
}

/// The listing's web host when a verified address exactly there would verify a program
/// from it at once (what the "add your program" form tells the instructor); `None` when no
/// address can.
pub async fn listing_host_verifies(
    db: &impl ConnectionTrait,
    listing: &school_listing::Model,
) -> Result<Option<String>, ServiceError> {
    let host = listing.web_host.trim().to_ascii_lowercase();
    if host.is_empty() || !fields::school_owned(&host) || listing_host_shared(db, listing.id, &host).await? {
        return Ok(None);
    }
    Ok(Some(host))
}

/// Whether another listing or any IPEDS institution gives the same web host.
async fn listing_host_shared(db: &impl ConnectionTrait, id: i64, host: &str) -> Result<bool, sea_orm::DbErr> {
    let other_listings = school_listing::Entity::find()
        .filter(school_listing::Column::Id.ne(id))
        .filter(school_listing::Column::WebHost.eq(host))
        .count(db)
        .await?;
    if other_listings > 0 {
        return Ok(true);
    }
    let institutions =
        institution::Entity::find().filter(institution::Column::Website.contains(host)).all(db).await?;
    Ok(institutions.iter().any(|i| fields::site_host(&i.website).as_deref() == Some(host)))
}

/// The unclaimed imported listing a new program says it is (empty: none).
async fn listing_of(db: &impl sea_orm::ConnectionTrait, text: &str) -> Result<Option<i64>, ServiceError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let unknown = || ServiceError::invalid("listing", "that school is not in an imported list");
    let id: i64 = text.parse().map_err(|_| unknown())?;
    let listing = entity::school_listing::Entity::find_by_id(id).one(db).await?.ok_or_else(unknown)?;
    if listing.claimed_org_id.is_some() {
        return Err(ServiceError::invalid(
            "listing",
            "this school is on Bayline already: ask its instructors to invite you from its page",
        ));
    }
    Ok(Some(id))
}

pub(super) fn pending_row(actor: Actor, now: DateTime<Utc>) -> organisation::ActiveModel {
    organisation::ActiveModel {
        unitid: Set(None),
        shop_type: Set(None),
        size_band: Set(None),
        street: Set(String::new()),
        website: Set(String::new()),
        program_kinds: Set(String::new()),
        accreditation: Set(None),
        status: Set(OrgStatus::Pending),
        status_reason: Set(String::new()),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        verified_at: Set(None),
        ..Default::default()
    }
}

/// An organisation verified without an admin: why (for the audit log), and the imported
/// listing it takes over in the same transaction.
#[derive(Debug, Clone, Copy)]
struct AutomaticVerification {
    reason: &'static str,
    claims_listing: Option<i64>,
}

/// Inserts the organisation and its owner in one transaction, after checking the
/// creator's queue of unverified organisations.
async fn insert_with_owner(
    db: &DatabaseConnection,
    actor: Actor,
    row: organisation::ActiveModel,
    automatic_verification: Option<AutomaticVerification>,
    now: DateTime<Utc>,
) -> Result<Created, ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    if automatic_verification.is_none() && pending_count(&txn, actor).await? >= MAX_PENDING_PER_USER {
        return Err(ServiceError::Conflict(format!(
            "you already have {MAX_PENDING_PER_USER} organisations waiting for verification"
        )));
    }
    // One organisation per school: the unique index on UNITID refuses a second one even when
    // claims race (the check before the transaction cannot see a claim not yet committed).
    let inserted = row.insert(&txn).await.map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => ServiceError::Conflict(
            "this school is already on Bayline: ask its instructors to invite you".into(),
        ),
        _ => ServiceError::Database(e),
    })?;
    org_member::ActiveModel {
        organisation_id: Set(inserted.id),
        user_id: Set(actor.user_id),
        role: Set(domain::orgs::MemberRole::Owner),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let detail = format!("organisation {} ({})", inserted.id, inserted.kind.slug());
    audit::record(&txn, Event::OrganisationCreated, Some(actor.user_id), &detail, "", now).await?;
    if let Some(AutomaticVerification { reason, claims_listing }) = automatic_verification {
        if let Some(listing) = claims_listing {
            claim_listing(&txn, listing, inserted.id).await?;
        }
        audit::record(
            &txn,
            Event::OrganisationVerified,
            Some(actor.user_id),
            &format!("{detail}: {reason}"),
            "",
            now,
        )
        .await?;
    }
    txn.commit().await?;
    let status = inserted.status;
    Ok(Created { id: inserted.id, status })
}

/// Marks the listing taken over by the organisation, only if nobody took it first (the
/// check before the transaction cannot see a claim not yet committed): when another claim
/// won, nothing is written (the caller's transaction is dropped, so rolled back).
async fn claim_listing(
    txn: &sea_orm::DatabaseTransaction,
    listing: i64,
    organisation_id: i64,
) -> Result<(), ServiceError> {
    let taken = school_listing::Entity::update_many()
        .col_expr(
            school_listing::Column::ClaimedOrgId,
            sea_orm::sea_query::Expr::value(Some(organisation_id)),
        )
        .filter(school_listing::Column::Id.eq(listing))
        .filter(school_listing::Column::ClaimedOrgId.is_null())
        .exec(txn)
        .await?;
    if taken.rows_affected == 0 {
        return Err(ServiceError::Conflict(
            "this school was added to Bayline by someone else a moment ago: ask its instructors to invite you"
                .into(),
        ));
    }
    Ok(())
}

async fn pending_count(db: &impl ConnectionTrait, actor: Actor) -> Result<u64, sea_orm::DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::CreatedBy.eq(actor.user_id))
        .filter(organisation::Column::Status.eq(OrgStatus::Pending))
        .count(db)
        .await
}
