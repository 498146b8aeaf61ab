//! What the school's-year pages receive from their server functions.
use domain::{
    partnerships::ShopChoice,
    school_year::{FilledNeedView, Qualifier, SchoolYear, YearlyUpdateView},
};
use serde::{Deserialize, Serialize};

/// The yearly update form of one school: the running year and its update so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateFormData {
    pub organisation_id: i64,
    pub school_name: String,
    pub year: SchoolYear,
    pub update: Option<YearlyUpdateView>,
}

/// The need page's "who filled it" section, for the school's members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedFillData {
    pub fill: Option<FilledNeedView>,
    pub candidates: Vec<ShopChoice>,
    /// ISO date: today at the school.
    pub today: String,
}

/// `/recognition` and `/admin/recognition`: a year's badge holders (the admins' list also
/// has the revoked ones).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecognitionData {
    pub year: SchoolYear,
    /// The running school year (the year links stop there).
    pub current: SchoolYear,
    pub holders: Vec<Qualifier>,
}
