//! What a shop's data joins, for its own members (docs/privacy.md, "What a contributing shop
//! is told"): its state, the state's Census division and national, from the day its quarter is
//! first used, and how near each place is to the 5 shops a figure needs — as bands, computed so
//! that nothing the shop does moves a band it is shown:
//!
//! * its own shop is always counted, whether it has sent data yet or not, so sending,
//!   resending or moving shows it the same bands;
//! * another shop counts in every place it sent any version of the quarter's data from, until
//!   the quarter ends (a count never falls because a shop moved, so a shop can move a band
//!   once per place and quarter at most, however often it resubmits);
//! * held data counts like accepted data (whether a submission was held is never told), and
//!   other shops' data counts from the day after it was sent, so bands change at most once a
//!   day.
use chrono::{DateTime, Utc};
use domain::{
    divisions::Division,
    insights::{Quarter, ReviewStatus},
    insights_progress::{CountsToward, PlaceProgress, Progress, places_of_state},
    insights_view::Place,
    states::state_name,
};
use entity::pay_submission;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Condition,
};

use super::{published_from, quarter_of};
use crate::{authz, authz::Actor, error::ServiceError, orgs, partnerships::is_verified_shop};

/// What the shop's data for the current quarter joins: `None` when the shop cannot
/// contribute (not a verified shop) or has no known state. Its members only.
pub async fn counts_toward(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    shop_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<CountsToward>, ServiceError> {
    authz::member(db, actor, shop_id).await?;
    let shop = orgs::find(db, shop_id).await?;
    if !is_verified_shop(&shop) {
        return Ok(None);
    }
    let quarter = quarter_of(now);
    // Where the data it sent this quarter says it is; otherwise where it is now, which is what
    // a contribution made now records.
    let sent_from = pay_submission::Entity::find()
        .filter(pay_submission::Column::ShopId.eq(shop_id))
        .filter(pay_submission::Column::Quarter.eq(quarter.to_string()))
        .filter(pay_submission::Column::SupersededAt.is_null())
        .order_by_desc(pay_submission::Column::Id)
        .one(db)
        .await?
        .map(|s| s.state);
    let state = sent_from.unwrap_or(shop.state);
    if state_name(&state).is_none() {
        return Ok(None);
    }
    let mut places = Vec::new();
    for place in places_of_state(&state) {
        let others = other_shops(db, shop_id, quarter, &place, now).await?;
        // Its own shop, counted whatever it has done.
        places.push(PlaceProgress { progress: Progress::of(others + 1), place });
    }
    Ok(Some(CountsToward { quarter, first_used: published_from(quarter).date_naive().to_string(), places }))
}

/// Shops other than `shop_id` that sent data for `quarter` from `place` before today (UTC):
/// any version, accepted or held, counting toward that quarter.
async fn other_shops(
    db: &impl ConnectionTrait,
    shop_id: i64,
    quarter: Quarter,
    place: &Place,
    now: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    let today = now.date_naive().and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or(now);
    let q = quarter.to_string();
    let counting = Condition::any().add(pay_submission::Column::CountsIn.eq(q.clone())).add(
        Condition::all()
            .add(pay_submission::Column::CountsIn.is_null())
            .add(pay_submission::Column::Quarter.eq(q)),
    );
    let mut query = pay_submission::Entity::find()
        .select_only()
        .column(pay_submission::Column::ShopId)
        .distinct()
        .filter(pay_submission::Column::ShopId.ne(shop_id))
        .filter(pay_submission::Column::Status.is_in([ReviewStatus::Accepted, ReviewStatus::Held]))
        .filter(pay_submission::Column::SubmittedAt.lt(today))
        .filter(counting);
    query = match place {
        Place::National => query,
        Place::Division { division } => query.filter(pay_submission::Column::State.is_in(states(*division))),
        Place::State { state } | Place::Area { state, .. } => {
            query.filter(pay_submission::Column::State.eq(state.clone()))
        }
    };
    Ok(query.count(db).await?)
}

fn states(division: Division) -> Vec<String> {
    division.states().iter().map(|s| s.to_string()).collect()
}
