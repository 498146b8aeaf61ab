//! An organisation's school year as its page shows it: the school's update, the needs filled
//! (a school's own, or those a shop filled), the partnerships that ran, and the badges.
use chrono::{DateTime, Utc};
use domain::{
    orgs::OrgStatus,
    partnerships::PartnershipStatus,
    school_year::{YearOverview, YearPartnership},
};
use entity::{need_fill, organisation, partnership};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{badges, current_year, fills, is_school, update};
use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

/// The running school year of a verified organisation (members see their unverified one's
/// empty year too, like the rest of its page).
pub async fn of_organisation(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    organisation_id: i64,
    now: DateTime<Utc>,
) -> Result<YearOverview, ServiceError> {
    let org = crate::orgs::find(db, organisation_id).await?;
    let is_member = match actor {
        Some(actor) => authz::role_in(db, actor, organisation_id).await?.is_some(),
        None => false,
    };
    let is_admin = actor.is_some_and(|a| a.is_admin);
    if org.status != OrgStatus::Verified && !is_member && !is_admin {
        return Err(ServiceError::NotFound);
    }
    let year = current_year(now, &org.state);
    let update = if is_school(org.kind) {
        update::find(db, organisation_id, year).await?.map(|row| update::view(row, is_member))
    } else {
        None
    };
    let rows = need_fill::Entity::find()
        .filter(need_fill::Column::SchoolYear.eq(year.0))
        .filter(
            Condition::any()
                .add(need_fill::Column::SchoolId.eq(organisation_id))
                .add(need_fill::Column::ShopId.eq(organisation_id)),
        )
        .order_by_desc(need_fill::Column::FilledOn)
        .all(db)
        .await?;
    // What a moderator hid is listed for nobody.
    let mut filled = fills::views(db, rows, true).await?;
    // Everyone sees that a record is disputed (it counts for no badge); why, only the two
    // parties: the shop wrote it for the school.
    let party = is_member || is_admin;
    for fill in filled.iter_mut().filter(|_| !party) {
        if let Some(reason) = fill.dispute.as_mut() {
            reason.clear();
        }
    }
    Ok(YearOverview {
        year,
        update,
        filled,
        partnerships: partnerships_of(db, &org, year).await?,
        badges: badges::of_organisation(db, organisation_id).await?,
        is_member,
    })
}

/// Partnerships with verified partners that ran in the year: running now, or completed or
/// ended during it.
async fn partnerships_of(
    db: &impl ConnectionTrait,
    org: &organisation::Model,
    year: domain::school_year::SchoolYear,
) -> Result<Vec<YearPartnership>, ServiceError> {
    let rows = partnership::Entity::find()
        .filter(
            Condition::any()
                .add(partnership::Column::ShopId.eq(org.id))
                .add(partnership::Column::ProgramId.eq(org.id)),
        )
        .filter(partnership::Column::Status.is_in([
            PartnershipStatus::Active.slug(),
            PartnershipStatus::Completed.slug(),
            PartnershipStatus::Ended.slug(),
        ]))
        .order_by_desc(partnership::Column::UpdatedAt)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for row in rows {
        let ran_in_year = row.status == PartnershipStatus::Active
            || domain::school_year::SchoolYear::of_iso(&row.updated_at.date_naive().to_string())
                == Some(year);
        if !ran_in_year {
            continue;
        }
        let partner_id = if row.shop_id == org.id { row.program_id } else { row.shop_id };
        let Some(partner) = organisation::Entity::find_by_id(partner_id).one(db).await? else { continue };
        if partner.status != OrgStatus::Verified {
            continue;
        }
        out.push(YearPartnership {
            partner_id,
            partner_name: partner.name,
            kinds: domain::vocabulary::split_slugs(&row.kinds),
            status: row.status,
        });
    }
    Ok(out)
}
