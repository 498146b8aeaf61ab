//! Needs that verified school programs post for industry partners: posting them, changing
//! their status, and who may read them. Members of the posting organisation write; anyone,
//! even signed out, reads the open needs of verified organisations.
pub mod create;
pub mod markdown;
pub mod read;
pub mod status;

use domain::{
    needs::{NeedStatus, NeedView, SkillArea},
    orgs::{OrgKind, OrgStatus},
};
use entity::{need, organisation};

/// Skill areas are stored as comma-separated slugs.
pub fn skills_to_column(skills: &[SkillArea]) -> String {
    skills.iter().map(|s| s.slug()).collect::<Vec<_>>().join(",")
}

pub fn skills_from_column(column: &str) -> Vec<SkillArea> {
    column.split(',').filter_map(SkillArea::from_slug).collect()
}

/// Whether an organisation is a school program (the kinds that post needs).
pub fn is_school(org: &organisation::Model) -> bool {
    matches!(org.kind, OrgKind::IpedsProgram | OrgKind::HighSchoolProgram)
}

/// Whether the public may see this need: open, not hidden by a moderator, and posted by a
/// verified organisation (a suspended one is not).
pub fn is_public(row: &need::Model, org: &organisation::Model) -> bool {
    row.status == NeedStatus::Open && row.hidden_at.is_none() && org.status == OrgStatus::Verified
}

/// How a need reads to pages: the description rendered to sanitised HTML, the location the
/// organisation's.
pub fn view(row: &need::Model, org: &organisation::Model, distance_mi: Option<f64>) -> NeedView {
    NeedView {
        id: row.id,
        organisation_id: org.id,
        organisation_name: org.name.clone(),
        city: org.city.clone(),
        state: org.state.clone(),
        kind: row.kind,
        title: row.title.clone(),
        description_html: markdown::to_safe_html(&row.description),
        students: u16::try_from(row.students).unwrap_or(0),
        skills: skills_from_column(&row.skill_areas),
        starts_on: row.starts_on.format("%Y-%m-%d").to_string(),
        ends_on: row.ends_on.format("%Y-%m-%d").to_string(),
        paid: row.paid,
        status: row.status,
        hidden: row.hidden_at.is_some(),
        lat: org.latitude,
        lon: org.longitude,
        distance_mi,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_round_trip_through_their_column() {
        let skills = vec![SkillArea::A5, SkillArea::TSeries];
        assert_eq!(skills_to_column(&skills), "a5,t_series");
        assert_eq!(skills_from_column("a5,t_series"), skills);
        assert!(skills_from_column("").is_empty());
    }
}
