//! A person's saved searches: save, list, rename or change the frequency, pause, delete.
//! Each person sees and changes only their own (someone else's answers `NotFound`).
//!
//! Saving one marks what it matches at that moment as already seen: the person is looking
//! at that list, and an alert is for what is new.
use chrono::{DateTime, Utc};
use domain::alerts::{
    AlertFrequency, AlertPage, AlertSearch, MAX_NAME_CHARS, MAX_SAVED_SEARCHES, SHOP_DEFAULT_RADIUS_MI,
    SavedSearchView,
};
use domain::orgs::{OrgKind, OrgStatus};
use entity::{alert_delivery, org_member, organisation, saved_search};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set, sea_query::OnConflict,
};

use super::matches;
use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

/// What a person typed when saving or editing a search.
#[derive(Debug, Clone, Default)]
pub struct SearchForm {
    pub name: String,
    pub frequency: String,
}

/// The frequency chosen, or the field's message.
fn frequency(text: &str) -> Result<AlertFrequency, ServiceError> {
    AlertFrequency::from_slug(text.trim())
        .ok_or_else(|| ServiceError::invalid("frequency", "choose how often from the list"))
}

/// The name given, or one made from the search ("Openings within 25 miles of 48201").
fn name(text: &str, search: &AlertSearch) -> Result<String, ServiceError> {
    let name = text.trim();
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(ServiceError::invalid("name", format!("keep the name to {MAX_NAME_CHARS} characters")));
    }
    if name.chars().any(char::is_control) {
        return Err(ServiceError::invalid("name", "the name cannot hold line breaks or control characters"));
    }
    Ok(if name.is_empty() { format!("{}{}", search.page.label(), search.place()) } else { name.to_string() })
}

/// Records `items` as told to `user_id`; returns those that were not already (each at most
/// once, whoever records it first: the primary key decides between racing servers).
pub(super) async fn record_told(
    db: &impl ConnectionTrait,
    user_id: i64,
    items: Vec<matches::Match>,
    now: DateTime<Utc>,
) -> Result<Vec<matches::Match>, ServiceError> {
    let mut fresh = Vec::new();
    for item in items {
        let inserted = alert_delivery::Entity::insert(alert_delivery::ActiveModel {
            user_id: Set(user_id),
            item_kind: Set(item.item_kind.to_string()),
            item_id: Set(item.id),
            delivered_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([
                alert_delivery::Column::UserId,
                alert_delivery::Column::ItemKind,
                alert_delivery::Column::ItemId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
        if inserted == 1 {
            fresh.push(item);
        }
    }
    Ok(fresh)
}

/// Saves a search (already checked by its page's own parser) for the signed-in person.
pub async fn save(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    search: &AlertSearch,
    form: &SearchForm,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let frequency = frequency(&form.frequency)?;
    let name = name(&form.name, search)?;
    if let Some(zip) = &search.zip
        && crate::programs::zip_place(db, zip).await?.is_err()
    {
        return Err(ServiceError::invalid("url", format!("Bayline has no place for ZIP {zip}")));
    }
    let txn = crate::db::begin_write(db).await?;
    let mine =
        saved_search::Entity::find().filter(saved_search::Column::UserId.eq(actor.user_id)).all(&txn).await?;
    if mine.len() >= MAX_SAVED_SEARCHES {
        return Err(ServiceError::invalid(
            "name",
            format!(
                "you already keep {MAX_SAVED_SEARCHES} saved searches, the most there can be: delete one first"
            ),
        ));
    }
    let same = mine.into_iter().find(|row| matches::search_of(row) == *search);
    if let Some(same) = same {
        return Err(ServiceError::Conflict(format!(
            "you saved this search already, as “{}”: change it on your saved searches page",
            same.name
        )));
    }
    let id = insert(&txn, actor.user_id, None, name, search, frequency, now).await?;
    txn.commit().await?;
    Ok(id)
}

async fn insert(
    db: &impl ConnectionTrait,
    user_id: i64,
    organisation_id: Option<i64>,
    name: String,
    search: &AlertSearch,
    frequency: AlertFrequency,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let row = saved_search::ActiveModel {
        user_id: Set(user_id),
        organisation_id: Set(organisation_id),
        name: Set(name),
        page: Set(search.page),
        zip: Set(search.zip.clone()),
        radius_mi: Set(search.radius_mi.map(i32::from)),
        kind: Set(search.kind.clone()),
        frequency: Set(frequency),
        paused: Set(false),
        created_at: Set(now),
        next_run_at: Set(super::next_look(frequency, false, now)),
        last_matched_at: Set(None),
        last_sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // What the person can see now is not news.
    let seen = matches::current(db, search, now).await?;
    record_told(db, user_id, seen, now).await?;
    Ok(row.id)
}

/// The signed-in person's saved searches, oldest first.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<SavedSearchView>, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let zone = crate::accounts::zone::of(db, Some(actor)).await?;
    let rows = saved_search::Entity::find()
        .filter(saved_search::Column::UserId.eq(actor.user_id))
        .order_by_asc(saved_search::Column::Id)
        .all(db)
        .await?;
    let shops: Vec<i64> = rows.iter().filter_map(|row| row.organisation_id).collect();
    let names = crate::openings::lists::program_names(db, shops).await?;
    Ok(rows
        .into_iter()
        .map(|row| SavedSearchView {
            id: row.id,
            url: matches::search_of(&row).url(),
            name: row.name,
            page: row.page,
            frequency: row.frequency,
            paused: row.paused,
            last_matched: row.last_matched_at.map(|at| crate::accounts::zone::moment(at, zone)),
            shop_default: row.organisation_id.and_then(|id| names.get(&id).cloned()),
        })
        .collect())
}

/// For the "Save this search" form: how many searches the signed-in person keeps, and the
/// name of theirs that is `search`, if any. One query, as list pages ask on every view.
pub async fn saved_as(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    search: Option<&AlertSearch>,
) -> Result<(usize, Option<String>), ServiceError> {
    let actor = authz::signed_in(actor)?;
    let mine =
        saved_search::Entity::find().filter(saved_search::Column::UserId.eq(actor.user_id)).all(db).await?;
    let name = search
        .and_then(|search| mine.iter().find(|row| matches::search_of(row) == *search))
        .map(|r| r.name.clone());
    Ok((mine.len(), name))
}

/// The person's own search `id`; anyone else's is `NotFound`.
async fn own(db: &impl ConnectionTrait, actor: Actor, id: i64) -> Result<saved_search::Model, ServiceError> {
    saved_search::Entity::find_by_id(id)
        .filter(saved_search::Column::UserId.eq(actor.user_id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Renames a search or changes how often it is e-mailed.
pub async fn edit(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    form: &SearchForm,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    let row = own(db, actor, id).await?;
    let frequency = frequency(&form.frequency)?;
    let name = name(&form.name, &matches::search_of(&row))?;
    let changed_frequency = frequency != row.frequency;
    let mut edit: saved_search::ActiveModel = row.into();
    edit.name = Set(name);
    edit.frequency = Set(frequency);
    if changed_frequency {
        edit.next_run_at = Set(super::next_look(frequency, false, now));
    }
    edit.update(db).await?;
    Ok(())
}

/// Pauses a search (nothing is sent for it) or resumes it. After a pause the next digest
/// lists everything new since the person was last told, what appeared meanwhile included.
pub async fn set_paused(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    paused: bool,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    let row = own(db, actor, id).await?;
    let frequency = row.frequency;
    let mut edit: saved_search::ActiveModel = row.into();
    edit.paused = Set(paused);
    if !paused {
        edit.next_run_at = Set(super::next_look(frequency, false, now));
    }
    edit.update(db).await?;
    Ok(())
}

/// Deletes a search.
pub async fn delete(db: &DatabaseConnection, actor: Option<Actor>, id: i64) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    let row = own(db, actor, id).await?;
    saved_search::Entity::delete_by_id(row.id).exec(db).await?;
    Ok(())
}

/// [`save_shop_default`] for every member of `shop`, once it is verified.
pub async fn save_shop_defaults(
    db: &impl ConnectionTrait,
    shop: &organisation::Model,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let members =
        org_member::Entity::find().filter(org_member::Column::OrganisationId.eq(shop.id)).all(db).await?;
    for member in members {
        save_shop_default(db, member.user_id, shop, now).await?;
    }
    Ok(())
}

/// Saves "needs within 50 miles of the shop" for `user_id`, a member of `shop`, when it is
/// a verified shop and they do not have it already. It runs when a shop is verified and
/// when someone joins a verified shop, so a person who deleted theirs is not given it again
/// until one of those happens. A person at the limit gets none.
pub async fn save_shop_default(
    db: &impl ConnectionTrait,
    user_id: i64,
    shop: &organisation::Model,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if shop.kind != OrgKind::Shop || shop.status != OrgStatus::Verified {
        return Ok(());
    }
    let mine = saved_search::Entity::find().filter(saved_search::Column::UserId.eq(user_id));
    if mine.clone().filter(saved_search::Column::OrganisationId.eq(shop.id)).count(db).await? > 0
        || mine.count(db).await? as usize >= MAX_SAVED_SEARCHES
    {
        return Ok(());
    }
    let search = AlertSearch {
        page: AlertPage::Needs,
        zip: Some(shop.zip.clone()),
        radius_mi: Some(SHOP_DEFAULT_RADIUS_MI),
        kind: None,
    };
    let name = format!("Needs within {SHOP_DEFAULT_RADIUS_MI} miles of {}", shop.name);
    let name: String = name.chars().take(MAX_NAME_CHARS).collect();
    insert(db, user_id, Some(shop.id), name, &search, AlertFrequency::Daily, now).await?;
    Ok(())
}
