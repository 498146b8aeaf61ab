//! An evaluation of a placement: the mentor's, or the student's self-evaluation, at the
//! midpoint or the end. Never changed once written: a correction is the next revision.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "placement_evaluation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub placement_id: i64,
    pub stage: domain::placement_records::EvaluationStage,
    pub author: domain::placement_records::EvaluationAuthor,
    /// 1 for the first; each correction the next (unique with placement, stage, author).
    pub revision: i32,
    pub corrects_id: Option<i64>,
    /// JSON list of `domain::placement_records::Rating`.
    pub ratings: String,
    pub comment: String,
    pub written_by: Option<i64>,
    pub written_at: ChronoDateTimeUtc,
}

crate::belongs_to! { Placement: PlacementId -> placement related }

impl ActiveModelBehavior for ActiveModel {}
