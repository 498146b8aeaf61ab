//! `/membership` for a signed-in person: each shop they belong to, whether it can buy, its
//! current membership, an invoice waiting for payment, and its past invoices.
use chrono::{DateTime, Utc};
use domain::{
    billing::{Audience, InvoiceStatus},
    orgs::{MemberRole, OrgKind, OrgStatus, ShopType},
};
use entity::{org_member, organisation};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{
    invoices::{self, TermRow},
    standing::covers,
};
use crate::{authz::Actor, error::ServiceError};

/// One of the person's shops and its membership.
#[derive(Debug, Clone)]
pub struct ShopStanding {
    pub organisation: organisation::Model,
    pub role: MemberRole,
    /// The audience its plans are for, when it may buy; otherwise why it may not.
    pub audience: Result<Audience, String>,
    /// The paid term covering today.
    pub current: Option<TermRow>,
    /// A later paid term (a renewal).
    pub renewed: Option<TermRow>,
    pub open_invoice: Option<TermRow>,
    pub history: Vec<TermRow>,
}

fn audience(org: &organisation::Model) -> Result<Audience, String> {
    if org.status != OrgStatus::Verified {
        return Err("Memberships are for verified shops: this one is not verified yet.".into());
    }
    org.shop_type
        .as_deref()
        .and_then(ShopType::from_slug)
        .map(Audience::of)
        .ok_or_else(|| "Give the shop a type on its profile to see its plans.".into())
}

/// The actor's shops (schools are free and not listed), by name.
pub async fn for_actor(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    now: DateTime<Utc>,
) -> Result<Vec<ShopStanding>, ServiceError> {
    let Some(actor) = actor else { return Ok(Vec::new()) };
    let memberships =
        org_member::Entity::find().filter(org_member::Column::UserId.eq(actor.user_id)).all(db).await?;
    let ids: Vec<i64> = memberships.iter().map(|m| m.organisation_id).collect();
    let shops = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .filter(organisation::Column::Kind.eq(OrgKind::Shop))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?;
    let today = now.date_naive();
    let mut out = Vec::new();
    for organisation in shops {
        let role = memberships
            .iter()
            .find(|m| m.organisation_id == organisation.id)
            .map(|m| m.role)
            .unwrap_or(MemberRole::Member);
        let history = invoices::history(db, Some(actor), organisation.id).await?;
        let current = history.iter().find(|row| covers(&row.term, today)).cloned();
        let renewed = history
            .iter()
            .find(|row| {
                row.invoice.status == InvoiceStatus::Paid && row.term.starts_on.is_some_and(|s| s > today)
            })
            .cloned();
        let open_invoice = history.iter().find(|row| row.invoice.status == InvoiceStatus::Open).cloned();
        out.push(ShopStanding {
            audience: audience(&organisation),
            organisation,
            role,
            current,
            renewed,
            open_invoice,
            history,
        });
    }
    Ok(out)
}
