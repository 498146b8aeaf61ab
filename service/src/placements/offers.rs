//! Placements made from an accepted offer on a school's internship or apprenticeship need.
//! The school sends the shop a student: a member of the verified shop types the student's
//! e-mail address and the terms (the same checks as a placement made from an application),
//! and the program is the need's. The student is not known yet: the placement stores no
//! student and no address, and the address gets a link to join it (`super::join`).
//! Several students may be placed from one offer, one placement each.
use chrono::{DateTime, Utc};
use domain::{
    needs::NeedKind,
    notifications::NoticeTopic,
    partnerships::OfferStatus,
    placements::{OfferPlacementLine, OfferPlacements, PlacementSide, PlacementStatus},
};
use entity::{need, offer, placement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::{
    create::{PlacementForm, check, members},
    join, party,
};
use crate::{
    accounts::{
        audit::{self, Event},
        email::Email,
    },
    authz::{self, Actor},
    error::{Problem, ServiceError},
    limits,
    notifications::Notice,
    partnerships::{self, is_verified_shop},
};

/// The kinds of need a placement may be made from.
pub const PLACING_KINDS: [NeedKind; 2] = [NeedKind::InternshipHosts, NeedKind::Apprenticeship];

/// The form as typed (field names are the form's): the student's address and the terms.
#[derive(Debug, Clone, Default)]
pub struct OfferPlacementForm {
    pub email: String,
    pub terms: PlacementForm,
}

impl OfferPlacementForm {
    pub const FIELDS: [&'static str; 6] = ["email", "mentor", "starts_on", "ends_on", "weekly_hours", "paid"];
}

/// The student's address, checked; the problem names the form's `email` field.
fn student_email(raw: &str) -> Result<Email, ServiceError> {
    if raw.trim().is_empty() {
        return Err(ServiceError::invalid(
            "email",
            "enter the student's e-mail address, as the school gave it",
        ));
    }
    Email::parse(raw).map_err(|m| ServiceError::invalid("email", m))
}

/// The page a refused form goes back to: the offer's partnership, or its need.
pub async fn form_page(db: &impl ConnectionTrait, offer_id: i64) -> Result<String, sea_orm::DbErr> {
    Ok(match offer::Entity::find_by_id(offer_id).one(db).await? {
        Some(row) => match row.partnership_id {
            Some(p) => format!("/partnerships/{p}?offer={offer_id}"),
            None => format!("/needs/{}", row.need_id),
        },
        None => "/".into(),
    })
}

/// Makes a placement from the accepted offer `offer_id` (a member of its verified shop) and
/// e-mails the student a link to join it; returns the placement's id.
pub async fn create(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    offer_id: i64,
    form: &OfferPlacementForm,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let txn = crate::db::begin_write(db).await?;
    // Who asks is settled before what they sent is read.
    let found = offer::Entity::find_by_id(offer_id).find_also_related(need::Entity).one(&txn).await?;
    let Some((offer, Some(need))) = found else { return Err(ServiceError::NotFound) };
    if authz::role_in(&txn, actor, offer.shop_id).await?.is_none() {
        // The program's members know the offer; everyone else is told nothing exists.
        let program_member = authz::role_in(&txn, actor, need.organisation_id).await?.is_some();
        return Err(if program_member { ServiceError::Forbidden } else { ServiceError::NotFound });
    }
    let shop = crate::orgs::find(&txn, offer.shop_id).await?;
    if !is_verified_shop(&shop) {
        return Err(ServiceError::Conflict("your shop is not verified at the moment".into()));
    }
    if offer.status != OfferStatus::Accepted {
        return Err(ServiceError::Conflict(
            "placements are made from an offer once the school has accepted it".into(),
        ));
    }
    if !PLACING_KINDS.contains(&need.kind) {
        return Err(ServiceError::Conflict(
            "placements are made from offers on internship and apprenticeship needs only".into(),
        ));
    }
    // Every problem at once, the address first as the form shows it.
    let email = student_email(&form.email);
    let checked = check(&txn, shop.id, &form.terms, now).await;
    let (email, (mentor, starts, ends, hours, paid, areas)) = match (email, checked) {
        (Ok(email), Ok(checked)) => (email, checked),
        (email, checked) => {
            let mut problems: Vec<Problem> = email.err().map(|e| e.problems()).unwrap_or_default();
            problems.extend(checked.err().map(|e| e.problems()).unwrap_or_default());
            return Err(ServiceError::Fields(problems));
        }
    };
    let row = placement::ActiveModel {
        interest_id: Set(None),
        offer_id: Set(Some(offer.id)),
        student_id: Set(None),
        shop_id: Set(shop.id),
        program_id: Set(need.organisation_id),
        mentor_id: Set(Some(mentor)),
        coordinator_id: Set(None),
        starts_on: Set(starts),
        ends_on: Set(ends),
        weekly_hours: Set(hours),
        paid: Set(paid),
        task_areas: Set(crate::needs::skills_to_column(&areas)),
        status: Set(PlacementStatus::AwaitingStudent),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let detail = format!("{} from offer {offer_id}", super::detail(row.id));
    audit::record(&txn, Event::PlacementCreated, Some(actor.user_id), &detail, "", now).await?;
    join::send_link(&txn, &row, email.as_str(), actor, site_url, now).await?;
    let link = format!("/placements/{}", row.id);
    let subject = format!("{} placed a student from \"{}\"", shop.name, need.title);
    let text = format!(
        "{} made a placement from your need \"{}\" and e-mailed the student a link to join it. \
         It waits for the student: {site_url}{link}",
        shop.name, need.title
    );
    let notice = Notice::new(NoticeTopic::Decisions, &subject, &link, &text);
    partnerships::tell(&txn, need.organisation_id, &actor, &notice, now).await?;
    txn.commit().await?;
    Ok(row.id)
}

/// The shop sends the join link again, to a corrected address, while nobody has joined;
/// earlier links stop working. Limited like the consent mails.
pub async fn resend(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    email: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    let party = party(&txn, actor, id).await?;
    if party.side != PlacementSide::Shop {
        return Err(ServiceError::Forbidden);
    }
    if party.row.status != PlacementStatus::AwaitingStudent || party.row.student_id.is_some() {
        return Err(ServiceError::Conflict(format!(
            "this placement does not wait for its student: it is {}",
            party.row.status.label().to_lowercase()
        )));
    }
    let email = student_email(email)?;
    limits::check(&txn, limits::Action::JoinMail { placement_id: id }, now).await?;
    join::send_link(&txn, &party.row, email.as_str(), party.actor, site_url, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The partnership page's accepted internship and apprenticeship offers, with the
/// placements made from each (no student's name) and, for the members of a verified shop,
/// the mentors to choose from. The partnership's two sides only.
pub async fn for_partnership(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    partnership_id: i64,
) -> Result<Vec<OfferPlacements>, ServiceError> {
    let (_, row, sides) = partnerships::party(db, actor, partnership_id).await?;
    let offers = offer::Entity::find()
        .filter(offer::Column::PartnershipId.eq(partnership_id))
        .filter(offer::Column::Status.eq(OfferStatus::Accepted))
        .find_also_related(need::Entity)
        .order_by_asc(offer::Column::Id)
        .all(db)
        .await?;
    let shop = crate::orgs::find(db, row.shop_id).await?;
    let mentors =
        if sides.shop && is_verified_shop(&shop) { Some(members(db, shop.id).await?) } else { None };
    let mut out = Vec::new();
    for (offer, need) in offers {
        let Some(need) = need.filter(|n| PLACING_KINDS.contains(&n.kind)) else { continue };
        let program = crate::orgs::find(db, need.organisation_id).await?;
        let placements = placement::Entity::find()
            .filter(placement::Column::OfferId.eq(offer.id))
            .order_by_asc(placement::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|p| OfferPlacementLine {
                id: p.id,
                status: p.status,
                starts_on: p.starts_on.to_string(),
                ends_on: p.ends_on.to_string(),
            })
            .collect();
        out.push(OfferPlacements {
            offer_id: offer.id,
            need_id: need.id,
            need_title: need.title,
            need_kind: need.kind,
            program_name: program.name,
            placements,
            mentors: mentors.clone(),
        });
    }
    Ok(out)
}
