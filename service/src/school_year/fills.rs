//! Filled needs: when a school marks a need filled, it records which shop filled it — one of
//! the shops that partnered with it (an accepted offer on the need, or a partnership with
//! the program). The shop named is told, and may dispute the record; a disputed record
//! counts towards no badge until the shop withdraws the dispute or the school names another
//! shop or removes the record.
use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    needs::NeedStatus,
    notifications::NoticeTopic,
    orgs::{OrgKind, OrgStatus},
    partnerships::{OfferStatus, PartnershipStatus, ShopChoice},
    school_year::FilledNeedView,
};
use entity::{need, need_fill, offer, organisation, partnership};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Set,
};

use super::{local_day, verified_school, year_of_day};
use crate::{
    accounts::audit::{self, Event},
    authz::{self, Actor},
    error::{Checks, ServiceError},
    notifications::{Notice, notify_members},
};

/// The longest dispute reason.
pub const MAX_DISPUTE: usize = 500;

/// Who filled a need, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct FillForm {
    /// The shop's organisation id.
    pub shop: String,
    /// ISO date; empty means today at the school.
    pub filled_on: String,
}

/// The fill record of a need, for the need's page (the school's members only).
#[derive(Debug, Clone, PartialEq)]
pub struct FillOnNeed {
    pub fill: Option<FilledNeedView>,
    /// The shops the school may name.
    pub candidates: Vec<ShopChoice>,
    /// Today at the school (the date field's default and latest value).
    pub today: NaiveDate,
}

async fn need_of_school(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    need_id: i64,
) -> Result<(Actor, need::Model, organisation::Model), ServiceError> {
    let row = need::Entity::find_by_id(need_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let (actor, _) = authz::member(db, actor, row.organisation_id).await?;
    let school = verified_school(db, row.organisation_id).await?;
    Ok((actor, row, school))
}

/// Verified shops the school may name as having filled `need`: those whose offer on it was
/// accepted, and those with a partnership with the program that is running or completed.
pub async fn candidates(
    db: &impl ConnectionTrait,
    need: &need::Model,
) -> Result<Vec<ShopChoice>, sea_orm::DbErr> {
    let mut ids: Vec<i64> = offer::Entity::find()
        .filter(offer::Column::NeedId.eq(need.id))
        .filter(offer::Column::Status.eq(OfferStatus::Accepted))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.shop_id)
        .collect();
    ids.extend(
        partnership::Entity::find()
            .filter(partnership::Column::ProgramId.eq(need.organisation_id))
            .filter(
                partnership::Column::Status
                    .is_in([PartnershipStatus::Active.slug(), PartnershipStatus::Completed.slug()]),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|p| p.shop_id),
    );
    ids.sort_unstable();
    ids.dedup();
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .filter(organisation::Column::Kind.eq(OrgKind::Shop))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|shop| ShopChoice { id: shop.id, name: shop.name })
        .collect())
}

/// Turns fill rows into views (names of the need, school and shop), reading the needs and
/// the organisations in one query each. With `skip_hidden`, fills of needs a moderator hid
/// are left out (the public lists).
pub(super) async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<need_fill::Model>,
    skip_hidden: bool,
) -> Result<Vec<FilledNeedView>, sea_orm::DbErr> {
    let needs: std::collections::HashMap<i64, need::Model> = need::Entity::find()
        .filter(need::Column::Id.is_in(rows.iter().map(|f| f.need_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|n| (n.id, n))
        .collect();
    let names: std::collections::HashMap<i64, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(rows.iter().flat_map(|f| [f.school_id, f.shop_id])))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let name = |id| names.get(&id).cloned().unwrap_or_default();
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let need = needs.get(&row.need_id).filter(|n| !(skip_hidden && n.hidden_at.is_some()))?;
            Some(FilledNeedView {
                need_id: need.id,
                need_title: need.title.clone(),
                need_kind: need.kind,
                school_id: row.school_id,
                school_name: name(row.school_id),
                shop_id: row.shop_id,
                shop_name: name(row.shop_id),
                filled_on: row.filled_on.to_string(),
                dispute: row.dispute_reason,
            })
        })
        .collect())
}

async fn fill_of(
    db: &impl ConnectionTrait,
    need_id: i64,
) -> Result<Option<need_fill::Model>, sea_orm::DbErr> {
    need_fill::Entity::find().filter(need_fill::Column::NeedId.eq(need_id)).one(db).await
}

/// The need page's section for the school's members: the record, and whom they may name.
pub async fn on_need(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    need_id: i64,
    now: DateTime<Utc>,
) -> Result<FillOnNeed, ServiceError> {
    let (_, need, school) = need_of_school(db, actor, need_id).await?;
    let fill = match fill_of(db, need_id).await? {
        Some(row) => views(db, vec![row], false).await?.pop(),
        None => None,
    };
    Ok(FillOnNeed { fill, candidates: candidates(db, &need).await?, today: local_day(now, &school.state) })
}

/// The day the need was filled, checked against the school's own calendar: `today` and
/// `posted_on` are both days in the school's time zone, so a need posted at 8 pm in Detroit
/// (already tomorrow in UTC) can be recorded as filled that evening.
fn filled_on(raw: &str, posted_on: NaiveDate, today: NaiveDate) -> Result<NaiveDate, ServiceError> {
    let day = match raw.trim() {
        "" => return Ok(today),
        raw => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .map_err(|_| ServiceError::invalid("filled_on", "a date like 2027-03-14"))?,
    };
    if day > today {
        return Err(ServiceError::invalid("filled_on", "a need is recorded once it is filled, not before"));
    }
    if day < posted_on {
        return Err(ServiceError::invalid("filled_on", "that is before the need was posted"));
    }
    Ok(day)
}

/// Records which shop filled the need (naming another shop replaces the record and its
/// dispute), and marks the need filled. The shop's members are told.
pub async fn record(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    need_id: i64,
    form: &FillForm,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let (actor, need, school) = need_of_school(db, actor, need_id).await?;
    let today = local_day(now, &school.state);
    let shops = candidates(db, &need).await?;
    let mut checks = Checks::default();
    let shop = checks.check(
        form.shop
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|id| shops.iter().find(|s| s.id == id).cloned())
            .ok_or_else(|| {
                ServiceError::invalid("shop", "choose one of the shops that partnered with your program")
            }),
    );
    let posted_on = local_day(need.created_at, &school.state);
    let day = checks.check(filled_on(&form.filled_on, posted_on, today));
    checks.finish()?;
    let (Some(shop), Some(day)) = (shop, day) else { unreachable!("every check passed") };
    let txn = crate::db::begin_write(db).await?;
    let existing = fill_of(&txn, need_id).await?;
    let unchanged = existing.as_ref().is_some_and(|f| f.shop_id == shop.id && f.filled_on == day);
    if !unchanged {
        let mut row = match existing {
            Some(row) => row.into_active_model(),
            None => need_fill::ActiveModel { need_id: Set(need_id), ..Default::default() },
        };
        row.school_id = Set(school.id);
        row.shop_id = Set(shop.id);
        row.school_year = Set(year_of_day(day).0);
        row.filled_on = Set(day);
        row.recorded_by = Set(Some(actor.user_id));
        row.recorded_at = Set(now);
        row.dispute_reason = Set(None);
        row.disputed_by = Set(None);
        row.disputed_at = Set(None);
        row.save(&txn).await.map_err(|e| match e.sql_err() {
            // Two members recording the same need at once: one record stands.
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => ServiceError::Conflict(
                "another member recorded this need at the same moment: reload to see who they named".into(),
            ),
            _ => ServiceError::Database(e),
        })?;
        let title = format!("{} says {} filled \"{}\"", school.name, shop.name, need.title);
        let body = format!(
            "{} recorded that {} filled its need \"{}\" on {day}. It counts towards both your badges for the school year.\n\n\
             If your shop did not fill it, say so on your shop's page: {site_url}/orgs/{}#school-year",
            school.name, shop.name, need.title, shop.id
        );
        let link = format!("/orgs/{}#school-year", shop.id);
        notify_members(
            &txn,
            shop.id,
            &actor,
            &Notice::new(NoticeTopic::Decisions, &title, &link, &body),
            now,
        )
        .await?;
        let detail = format!("need {need_id} filled by organisation {} on {day}", shop.id);
        audit::record(&txn, Event::NeedFillRecorded, Some(actor.user_id), &detail, "", now).await?;
    }
    if need.status != NeedStatus::Filled {
        let mut changed = need.into_active_model();
        changed.status = Set(NeedStatus::Filled);
        changed.updated_at = Set(now);
        changed.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Removes the record of who filled the need (the need stays filled).
pub async fn remove(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    need_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let (actor, _, _) = need_of_school(db, actor, need_id).await?;
    let txn = crate::db::begin_write(db).await?;
    let removed =
        need_fill::Entity::delete_many().filter(need_fill::Column::NeedId.eq(need_id)).exec(&txn).await?;
    if removed.rows_affected == 0 {
        return Err(ServiceError::Conflict("no shop is recorded as having filled this need".into()));
    }
    audit::record(&txn, Event::NeedFillRemoved, Some(actor.user_id), &format!("need {need_id}"), "", now)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Drops the fill record when the need is opened again or closed unfilled (in the caller's
/// transaction, beside the status change).
pub(crate) async fn forget(db: &impl ConnectionTrait, need_id: i64) -> Result<(), sea_orm::DbErr> {
    need_fill::Entity::delete_many().filter(need_fill::Column::NeedId.eq(need_id)).exec(db).await?;
    Ok(())
}

async fn fill_of_shop(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    need_id: i64,
) -> Result<(Actor, need_fill::Model), ServiceError> {
    let actor = authz::signed_in(actor)?;
    let fill = fill_of(db, need_id).await?.ok_or(ServiceError::NotFound)?;
    match authz::role_in(db, actor, fill.shop_id).await? {
        Some(_) => Ok((actor, fill)),
        // Neither the school's members nor anyone else speaks for the shop named.
        None => Err(ServiceError::Forbidden),
    }
}

/// The shop named says it did not fill the need: the record stays, marked disputed with the
/// reason, and counts for no badge. The school's members are told. Returns the shop.
pub async fn dispute(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    need_id: i64,
    reason: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let (actor, fill) = fill_of_shop(db, actor, need_id).await?;
    let reason = crate::orgs::fields::line("reason", reason, 3, MAX_DISPUTE)?;
    if fill.dispute_reason.is_some() {
        return Err(ServiceError::Conflict("your shop has disputed this record already".into()));
    }
    let need = need::Entity::find_by_id(need_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let shop = crate::orgs::find(db, fill.shop_id).await?;
    let school_id = fill.school_id;
    let txn = crate::db::begin_write(db).await?;
    let mut row = fill.into_active_model();
    row.dispute_reason = Set(Some(reason.clone()));
    row.disputed_by = Set(Some(actor.user_id));
    row.disputed_at = Set(Some(now));
    row.update(&txn).await?;
    let title = format!("{} disputes filling \"{}\"", shop.name, need.title);
    let body = format!(
        "{} says it did not fill \"{}\": {reason}\n\nName another shop or remove the record on the need's page: {site_url}/needs/{need_id}",
        shop.name, need.title
    );
    let link = format!("/needs/{need_id}");
    notify_members(&txn, school_id, &actor, &Notice::new(NoticeTopic::Decisions, &title, &link, &body), now)
        .await?;
    audit::record(&txn, Event::NeedFillDisputed, Some(actor.user_id), &format!("need {need_id}"), "", now)
        .await?;
    txn.commit().await?;
    Ok(shop.id)
}

/// The shop withdraws its dispute: the record counts again. Returns the shop.
pub async fn withdraw_dispute(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    need_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let (actor, fill) = fill_of_shop(db, actor, need_id).await?;
    let shop_id = fill.shop_id;
    if fill.dispute_reason.is_none() {
        return Err(ServiceError::Conflict("this record is not disputed".into()));
    }
    let txn = crate::db::begin_write(db).await?;
    let mut row = fill.into_active_model();
    row.dispute_reason = Set(None);
    row.disputed_by = Set(None);
    row.disputed_at = Set(None);
    row.update(&txn).await?;
    let detail = format!("need {need_id}");
    audit::record(&txn, Event::NeedFillDisputeWithdrawn, Some(actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(shop_id)
}
