//! Badges follow from the records by the rules `/recognition` states; nothing about them is
//! stored but an admin's revocation. For a school year:
//!
//! - a verified school earns the school badge with its yearly update and at least
//!   [`domain::school_year::SCHOOL_BADGE_FILLED_NEEDS`] needs recorded filled in the year and not disputed;
//! - a verified shop earns the industry badge by filling (undisputed) at least one need of a
//!   school that earned the school badge and was not revoked.
//!
//! A need a moderator hid counts for nobody. Because badges are computed on every read, a
//! dispute, a removed record or a revocation takes a badge away at once, everywhere.
use std::{
    collections::{BTreeMap, BTreeSet},
    sync::Arc,
};

use chrono::{DateTime, Utc};
use domain::{
    orgs::{OrgKind, OrgStatus},
    school_year::{BadgeKind, BadgeView, Qualifier, SchoolYear, YearMark, school_qualifies},
};
use entity::{badge_revocation, need, need_fill, organisation, school_year_update};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, JoinType, QueryFilter, QuerySelect, Set,
    sea_query::{Alias, Expr, ExprTrait, Query},
};

use super::is_school;
use crate::{
    accounts::audit::{self, Event},
    authz::{self, Actor},
    error::ServiceError,
};

/// A year's records, read once.
struct YearRecords {
    updated: BTreeSet<i64>,
    /// Fills of needs no moderator hid, between verified organisations.
    fills: Vec<Fill>,
    /// The verified organisations among those named by any of the years read together.
    orgs: Arc<BTreeMap<i64, RecordedOrg>>,
    revoked: BTreeMap<i64, String>,
}

/// What the rules read of a fill: who, and whether it is disputed.
#[derive(Clone, Debug)]
struct Fill {
    school_id: i64,
    shop_id: i64,
    dispute_reason: Option<String>,
}

/// What the rules and the marks read of an organisation (the map of them is keyed by id).
#[derive(Clone, Debug)]
struct RecordedOrg {
    name: String,
    kind: OrgKind,
    unitid: Option<i32>,
}

/// A yearly update, with its organisation (verified ones only).
#[derive(Debug, sea_orm::FromQueryResult)]
struct UpdateRow {
    organisation_id: i64,
    school_year: i32,
    name: String,
    kind: OrgKind,
    unitid: Option<i32>,
}

/// A fill between verified organisations, with both of them and any revocation of either's
/// badge for the fill's year. A revocation matters only to an organisation with a fill that
/// year (both badges need one), so these joins find every one that counts.
#[derive(Debug, sea_orm::FromQueryResult)]
struct FillRow {
    school_id: i64,
    shop_id: i64,
    school_year: i32,
    dispute_reason: Option<String>,
    school_name: String,
    school_kind: OrgKind,
    school_unitid: Option<i32>,
    school_revoked: Option<String>,
    shop_name: String,
    shop_kind: OrgKind,
    shop_unitid: Option<i32>,
    shop_revoked: Option<String>,
}

impl FillRow {
    /// The school's and the shop's side of the fill: id, organisation, and the reason its
    /// badge for the fill's year was revoked, if it was.
    fn sides(&self) -> [(i64, RecordedOrg, Option<String>); 2] {
        [
            (
                self.school_id,
                RecordedOrg {
                    name: self.school_name.clone(),
                    kind: self.school_kind,
                    unitid: self.school_unitid,
                },
                self.school_revoked.clone(),
            ),
            (
                self.shop_id,
                RecordedOrg { name: self.shop_name.clone(), kind: self.shop_kind, unitid: self.shop_unitid },
                self.shop_revoked.clone(),
            ),
        ]
    }
}

/// The records of each of `years`, in that order, read together: two queries however many
/// years (the finder reads two years on every request, and each query on PostgreSQL is a
/// round trip to another process).
async fn records(
    db: &impl ConnectionTrait,
    years: &[SchoolYear],
) -> Result<Vec<YearRecords>, sea_orm::DbErr> {
    let backend = db.get_database_backend();
    let updates = UpdateRow::find_by_statement(backend.build(&updates_query(years))).all(db).await?;
    let fills = FillRow::find_by_statement(backend.build(&fills_query(years))).all(db).await?;
    let mut orgs = BTreeMap::new();
    for u in &updates {
        orgs.insert(u.organisation_id, RecordedOrg { name: u.name.clone(), kind: u.kind, unitid: u.unitid });
    }
    for (id, org, _) in fills.iter().flat_map(FillRow::sides) {
        orgs.insert(id, org);
    }
    let orgs = Arc::new(orgs);
    Ok(years
        .iter()
        .map(|year| {
            let of_year = || fills.iter().filter(|f| f.school_year == year.0);
            YearRecords {
                updated: updates
                    .iter()
                    .filter(|u| u.school_year == year.0)
                    .map(|u| u.organisation_id)
                    .collect(),
                fills: of_year()
                    .map(|f| Fill {
                        school_id: f.school_id,
                        shop_id: f.shop_id,
                        dispute_reason: f.dispute_reason.clone(),
                    })
                    .collect(),
                orgs: orgs.clone(),
                revoked: of_year()
                    .flat_map(FillRow::sides)
                    .filter_map(|(id, _, revoked)| revoked.map(|reason| (id, reason)))
                    .collect(),
            }
        })
        .collect())
}

/// The yearly updates of `years` by verified organisations.
fn updates_query(years: &[SchoolYear]) -> sea_orm::sea_query::SelectStatement {
    let (u, o) = (Alias::new("u"), Alias::new("o"));
    Query::select()
        .expr_as(
            Expr::col((u.clone(), school_year_update::Column::OrganisationId)),
            Alias::new("organisation_id"),
        )
        .expr_as(Expr::col((u.clone(), school_year_update::Column::SchoolYear)), Alias::new("school_year"))
        .expr_as(Expr::col((o.clone(), organisation::Column::Name)), Alias::new("name"))
        .expr_as(Expr::col((o.clone(), organisation::Column::Kind)), Alias::new("kind"))
        .expr_as(Expr::col((o.clone(), organisation::Column::Unitid)), Alias::new("unitid"))
        .from_as(school_year_update::Entity, u.clone())
        .join_as(
            JoinType::InnerJoin,
            organisation::Entity,
            o.clone(),
            Expr::col((o.clone(), organisation::Column::Id))
                .equals((u.clone(), school_year_update::Column::OrganisationId)),
        )
        .and_where(Expr::col((u, school_year_update::Column::SchoolYear)).is_in(years.iter().map(|y| y.0)))
        .and_where(ExprTrait::eq(Expr::col((o, organisation::Column::Status)), OrgStatus::Verified))
        .to_owned()
}

/// The fills of `years` between verified organisations, of needs no moderator hid, with
/// both organisations and their revocations for the fill's year.
fn fills_query(years: &[SchoolYear]) -> sea_orm::sea_query::SelectStatement {
    let f = Alias::new("f");
    let hidden_needs = Query::select()
        .column(need::Column::Id)
        .from(need::Entity)
        .and_where(Expr::col(need::Column::HiddenAt).is_not_null())
        .to_owned();
    let mut query = Query::select();
    query
        .expr_as(Expr::col((f.clone(), need_fill::Column::SchoolId)), Alias::new("school_id"))
        .expr_as(Expr::col((f.clone(), need_fill::Column::ShopId)), Alias::new("shop_id"))
        .expr_as(Expr::col((f.clone(), need_fill::Column::SchoolYear)), Alias::new("school_year"))
        .expr_as(Expr::col((f.clone(), need_fill::Column::DisputeReason)), Alias::new("dispute_reason"))
        .from_as(need_fill::Entity, f.clone());
    for (side, fill_column) in [("school", need_fill::Column::SchoolId), ("shop", need_fill::Column::ShopId)]
    {
        let (org, revoked) = (Alias::new(format!("{side}_org")), Alias::new(format!("{side}_rev")));
        query
            .expr_as(Expr::col((org.clone(), organisation::Column::Name)), Alias::new(format!("{side}_name")))
            .expr_as(Expr::col((org.clone(), organisation::Column::Kind)), Alias::new(format!("{side}_kind")))
            .expr_as(
                Expr::col((org.clone(), organisation::Column::Unitid)),
                Alias::new(format!("{side}_unitid")),
            )
            .expr_as(
                Expr::col((revoked.clone(), badge_revocation::Column::Reason)),
                Alias::new(format!("{side}_revoked")),
            )
            .join_as(
                JoinType::InnerJoin,
                organisation::Entity,
                org.clone(),
                Condition::all()
                    .add(Expr::col((org.clone(), organisation::Column::Id)).equals((f.clone(), fill_column)))
                    .add(ExprTrait::eq(
                        Expr::col((org.clone(), organisation::Column::Status)),
                        OrgStatus::Verified,
                    )),
            )
            .join_as(
                JoinType::LeftJoin,
                badge_revocation::Entity,
                revoked.clone(),
                Condition::all()
                    .add(
                        Expr::col((revoked.clone(), badge_revocation::Column::OrganisationId))
                            .equals((f.clone(), fill_column)),
                    )
                    .add(
                        Expr::col((revoked, badge_revocation::Column::SchoolYear))
                            .equals((f.clone(), need_fill::Column::SchoolYear)),
                    ),
            );
    }
    query
        .and_where(Expr::col((f.clone(), need_fill::Column::SchoolYear)).is_in(years.iter().map(|y| y.0)))
        .and_where(Expr::col((f, need_fill::Column::NeedId)).not_in_subquery(hidden_needs))
        .to_owned()
}

/// Everyone who qualifies by the rules for `year` (revoked ones too, marked), schools
/// first, each by name.
async fn qualifying(db: &impl ConnectionTrait, year: SchoolYear) -> Result<Vec<Qualifier>, sea_orm::DbErr> {
    Ok(records(db, &[year]).await?.first().map(qualify).unwrap_or_default())
}

/// Who qualifies by a year's records (see [`qualifying`]).
fn qualify(r: &YearRecords) -> Vec<Qualifier> {
    let mut out = Vec::new();
    let mut earning_schools = BTreeSet::new();
    let schools: BTreeSet<i64> =
        r.updated.iter().copied().chain(r.fills.iter().map(|f| f.school_id)).collect();
    for id in schools {
        let Some(org) = r.orgs.get(&id).filter(|o| is_school(o.kind)) else { continue };
        let counted = r.fills.iter().filter(|f| f.school_id == id && f.dispute_reason.is_none()).count();
        let disputed = r.fills.iter().filter(|f| f.school_id == id && f.dispute_reason.is_some()).count();
        let has_update = r.updated.contains(&id);
        if !school_qualifies(has_update, counted) {
            continue;
        }
        let revoked = r.revoked.get(&id).cloned();
        if revoked.is_none() {
            earning_schools.insert(id);
        }
        out.push(Qualifier {
            organisation_id: id,
            name: org.name.clone(),
            kind: BadgeKind::School,
            has_update,
            counted_fills: counted,
            disputed_fills: disputed,
            revoked,
        });
    }
    let shops: BTreeSet<i64> = r.fills.iter().map(|f| f.shop_id).collect();
    for id in shops {
        let Some(org) = r.orgs.get(&id).filter(|o| o.kind == OrgKind::Shop) else { continue };
        let of_shop = || r.fills.iter().filter(move |f| f.shop_id == id);
        let counted = of_shop()
            .filter(|f| f.dispute_reason.is_none() && earning_schools.contains(&f.school_id))
            .count();
        if counted == 0 {
            continue;
        }
        out.push(Qualifier {
            organisation_id: id,
            name: org.name.clone(),
            kind: BadgeKind::Shop,
            has_update: false,
            counted_fills: counted,
            disputed_fills: of_shop().filter(|f| f.dispute_reason.is_some()).count(),
            revoked: r.revoked.get(&id).cloned(),
        });
    }
    out.sort_by(|a, b| {
        (a.kind == BadgeKind::Shop, a.name.to_lowercase())
            .cmp(&(b.kind == BadgeKind::Shop, b.name.to_lowercase()))
    });
    out
}

/// The admins' list of who qualifies for `year`.
pub async fn qualifiers(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    year: SchoolYear,
) -> Result<Vec<Qualifier>, ServiceError> {
    authz::admin(actor)?;
    Ok(qualifying(db, year).await?)
}

/// The badge holders of `year` (qualifying, not revoked): the public list.
pub async fn holders(db: &impl ConnectionTrait, year: SchoolYear) -> Result<Vec<Qualifier>, ServiceError> {
    Ok(records(db, &[year]).await?.first().map(holding).unwrap_or_default())
}

/// The badge holders by a year's records: who qualifies and was not revoked.
fn holding(r: &YearRecords) -> Vec<Qualifier> {
    qualify(r).into_iter().filter(|q| q.revoked.is_none()).collect()
}

/// An organisation's badges, newest year first.
pub async fn of_organisation(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<Vec<BadgeView>, ServiceError> {
    let years: BTreeSet<i32> = need_fill::Entity::find()
        .select_only()
        .column(need_fill::Column::SchoolYear)
        .distinct()
        .filter(
            sea_orm::Condition::any()
                .add(need_fill::Column::SchoolId.eq(organisation_id))
                .add(need_fill::Column::ShopId.eq(organisation_id)),
        )
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    // Every year's records in one read, not four queries a year.
    let years: Vec<SchoolYear> = years.into_iter().rev().map(SchoolYear).collect();
    let records = records(db, &years).await?;
    Ok(years
        .into_iter()
        .zip(&records)
        .flat_map(|(year, r)| {
            holding(r)
                .into_iter()
                .filter(move |q| q.organisation_id == organisation_id)
                .map(move |q| BadgeView { kind: q.kind, year })
        })
        .collect())
}

/// What the finder and the map say of each school program: updated in `year`, and its
/// newest badge of `year` or the year before.
pub async fn marks(db: &impl ConnectionTrait, year: SchoolYear) -> Result<Vec<YearMark>, ServiceError> {
    let years = [year.previous(), year];
    let records = records(db, &years).await?;
    let mut badges: BTreeMap<i64, BadgeView> = BTreeMap::new();
    // The newer year's badge wins.
    for (y, r) in years.into_iter().zip(&records) {
        for q in holding(r) {
            badges.insert(q.organisation_id, BadgeView { kind: q.kind, year: y });
        }
    }
    let Some(current) = records.last() else { return Ok(Vec::new()) };
    let ids: BTreeSet<i64> = current.updated.iter().chain(badges.keys()).copied().collect();
    // Every id is an organisation the records named; only the verified ones were read.
    Ok(ids
        .into_iter()
        .filter_map(|id| current.orgs.get(&id).map(|org| (id, org)))
        .map(|(id, org)| YearMark {
            organisation_id: id,
            unitid: org.unitid,
            updated_this_year: current.updated.contains(&id),
            badge: badges.get(&id).cloned(),
            badge_title: badges.get(&id).map(BadgeView::title),
        })
        .collect())
}

/// An admin revokes an organisation's badge for a year, with a reason (kept, shown to
/// admins).
pub async fn revoke(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    organisation_id: i64,
    year: SchoolYear,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::admin(actor)?;
    let reason = crate::orgs::fields::line("reason", reason, 3, crate::orgs::fields::MAX_REASON)?;
    crate::orgs::find(db, organisation_id).await?;
    let txn = crate::db::begin_write(db).await?;
    badge_revocation::ActiveModel {
        organisation_id: Set(organisation_id),
        school_year: Set(year.0),
        reason: Set(reason),
        revoked_by: Set(Some(actor.user_id)),
        revoked_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            ServiceError::Conflict(format!("this badge for {} is revoked already", year.label()))
        }
        _ => ServiceError::Database(e),
    })?;
    let detail = format!("organisation {organisation_id} school year {}", year.0);
    audit::record(&txn, Event::BadgeRevoked, Some(actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(())
}

/// An admin takes a revocation back.
pub async fn restore(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    organisation_id: i64,
    year: SchoolYear,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::admin(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let removed = badge_revocation::Entity::delete_many()
        .filter(badge_revocation::Column::OrganisationId.eq(organisation_id))
        .filter(badge_revocation::Column::SchoolYear.eq(year.0))
        .exec(&txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(ServiceError::NotFound);
    }
    let detail = format!("organisation {organisation_id} school year {}", year.0);
    audit::record(&txn, Event::BadgeRestored, Some(actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(())
}
