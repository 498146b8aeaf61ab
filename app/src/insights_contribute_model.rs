//! What the contribute, history and review pages of the Industry Data Exchange show, shared
//! with the browser, and the naming of the numbered pay-row fields that both the page and
//! the form handler (server/src/forms/insights_contribute.rs) use.
use domain::{
    insights::{Certification, ExperienceBand, LaborKind, PayType, Role, ShopGroup},
    insights_progress::CountsToward,
};
use serde::{Deserialize, Serialize};

/// The most pay rows one contribution may have (the service's limit, checked by a test).
pub const MAX_ROWS: usize = 50;
/// Empty row slots the form offers beyond the rows it is prefilled with.
pub const SPARE_ROWS: usize = 2;
/// Row slots a "more rows" request adds.
pub const MORE_ROWS: usize = 4;
/// The typed parts of a pay row, each sent as `row{n}_{part}`.
pub const ROW_PARTS: [&str; 7] =
    ["role", "pay_type", "rate", "flat_hours", "technicians", "experience", "certification"];

/// The form field of part `part` of row slot `n` (1-based): `row3_rate`.
pub fn row_field(n: usize, part: &str) -> String {
    format!("row{n}_{part}")
}

/// Splits `row3_rate` into (3, "rate"); anything else is not a row field.
pub fn parse_row_field(name: &str) -> Option<(usize, &str)> {
    let rest = name.strip_prefix("row")?;
    let (n, part) = rest.split_once('_')?;
    let n: usize = n.parse().ok()?;
    ((1..=MAX_ROWS).contains(&n) && ROW_PARTS.contains(&part)).then_some((n, part))
}

/// How many row slots to render: what was asked ("More pay rows"), at least the rows
/// filled plus [`SPARE_ROWS`], at most [`MAX_ROWS`].
pub fn row_slots(asked: Option<usize>, filled: usize) -> usize {
    asked.unwrap_or(0).max(filled + SPARE_ROWS).clamp(1, MAX_ROWS)
}

/// Cents as the form takes dollars: `2750` → `"27.50"`, `4000` → `"40"`.
pub fn dollars_input(cents: i64) -> String {
    if cents % 100 == 0 { (cents / 100).to_string() } else { format!("{}.{:02}", cents / 100, cents % 100) }
}

/// Cents for people: `2750` → `"$27.50"`, `5_500_000` → `"$55,000"`.
pub fn dollars_text(cents: i64) -> String {
    let whole = crate::components::format::thousands((cents / 100).unsigned_abs());
    if cents % 100 == 0 { format!("${whole}") } else { format!("${whole}.{:02}", cents % 100) }
}

pub use domain::time::long_date;

/// One pay row of a submission, as typed (slugs) — the shop's own data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayRowView {
    pub role: String,
    pub pay_type: String,
    pub rate_cents: i64,
    pub flat_hours: Option<i32>,
    pub technicians: i32,
    pub experience: String,
    pub certification: String,
}

impl PayRowView {
    /// The value of one row part as the form's field holds it.
    pub fn part(&self, part: &str) -> String {
        match part {
            "role" => self.role.clone(),
            "pay_type" => self.pay_type.clone(),
            "rate" => dollars_input(self.rate_cents),
            "flat_hours" => self.flat_hours.map(|h| h.to_string()).unwrap_or_default(),
            "technicians" => self.technicians.to_string(),
            "experience" => self.experience.clone(),
            "certification" => self.certification.clone(),
            _ => String::new(),
        }
    }

    /// "Master / A-level technician · Flat rate (per flagged hour) $41 × 45 h/week · 2 technicians · 6–10 years · ASE Master"
    pub fn describe(&self) -> String {
        let label =
            |slug: &str, find: fn(&str) -> Option<&'static str>| find(slug).unwrap_or("?").to_string();
        let role = label(&self.role, |s| Role::from_slug(s).map(Role::label));
        let pay = match PayType::from_slug(&self.pay_type) {
            Some(PayType::Hourly) => format!("{} an hour", dollars_text(self.rate_cents)),
            Some(PayType::FlatRate) => format!(
                "{} per flagged hour × {} hours a week",
                dollars_text(self.rate_cents),
                self.flat_hours.unwrap_or_default()
            ),
            Some(PayType::Salary) => format!("{} a year", dollars_text(self.rate_cents)),
            None => dollars_text(self.rate_cents),
        };
        let experience = label(&self.experience, |s| ExperienceBand::from_slug(s).map(ExperienceBand::label));
        let certification =
            label(&self.certification, |s| Certification::from_slug(s).map(Certification::label));
        let who = if self.technicians == 1 {
            "1 technician".to_string()
        } else {
            format!("{} technicians", self.technicians)
        };
        format!("{role} · {pay} · {who} · {experience} · {certification}")
    }
}

/// A shop's benefits as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitsView {
    pub health_insurance: bool,
    pub retirement_match_pct: i32,
    pub tool_allowance_cents: i64,
    pub paid_training: bool,
    pub ase_reimbursement: bool,
    pub uniforms: bool,
    pub pto_days: i32,
    pub sign_on_bonus_cents: i64,
}

impl BenefitsView {
    /// What is offered, in words, e.g. "Health insurance, 4% retirement match, 10 paid days off".
    pub fn describe(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut tick = |on: bool, what: &str| {
            if on {
                out.push(what.to_string())
            }
        };
        tick(self.health_insurance, "Health insurance");
        tick(self.paid_training, "Paid training");
        tick(self.ase_reimbursement, "ASE test reimbursement");
        tick(self.uniforms, "Uniforms");
        if self.retirement_match_pct > 0 {
            out.push(format!("{}% retirement match", self.retirement_match_pct));
        }
        if self.tool_allowance_cents > 0 {
            out.push(format!("{} a year tool allowance", dollars_text(self.tool_allowance_cents)));
        }
        if self.pto_days > 0 {
            out.push(format!("{} paid days off", self.pto_days));
        }
        if self.sign_on_bonus_cents > 0 {
            out.push(format!("{} sign-on bonus", dollars_text(self.sign_on_bonus_cents)));
        }
        if out.is_empty() { "None".into() } else { out.join(", ") }
    }
}

/// Customer labor rates per hour in [`LaborKind::ALL`] order, in words ("Mechanical $145 …").
pub fn describe_labor(labor: &[Option<i64>; 4]) -> String {
    let shown: Vec<String> = LaborKind::ALL
        .iter()
        .zip(labor)
        .filter_map(|(kind, cents)| cents.map(|c| format!("{} {}", kind.label(), dollars_text(c))))
        .collect();
    if shown.is_empty() { "None given".into() } else { format!("{} an hour", shown.join(", ")) }
}

/// Where a submission stands, as its own shop may know it: whether an admin looked at it is
/// not told (docs/privacy.md, "No oracle"), only a rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubmissionStatus {
    Received,
    Rejected,
}

impl SubmissionStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Received => "Received",
            Self::Rejected => "Not used (rejected by review)",
        }
    }
}

/// One of the shop's own submissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionView {
    pub id: i64,
    /// `2026-Q4`.
    pub quarter: String,
    pub status: SubmissionStatus,
    /// Replaced by a later submission for the same quarter (kept as history, not counted).
    pub superseded: bool,
    /// ISO date (UTC).
    pub submitted_on: String,
    /// The first day figures may use it (3 months after the quarter it counts toward ends),
    /// ISO date.
    pub published_from: String,
    /// The quarter it counts toward when that is not its own (accepted after its own
    /// quarter was published).
    pub counts_toward: Option<String>,
    /// What it joins, e.g. "Counts toward Michigan, East North Central and national figures
    /// from Thu 1 Apr 2027"; `None` when it does not count (superseded or rejected).
    pub joins: Option<String>,
    pub rows: Vec<PayRowView>,
    pub benefits: BenefitsView,
    pub labor: [Option<i64>; 4],
}

/// Everything `/orgs/{id}/pay` shows a member of the shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributePageData {
    pub shop_id: i64,
    pub shop_name: String,
    /// Why the shop cannot contribute yet (not verified, no shop type); `None` when it can.
    pub blocked: Option<String>,
    /// The quarter a contribution made now counts for, and when it is first used.
    pub quarter: String,
    pub published_from: String,
    /// What the shop's data for this quarter joins and how near each place is to a figure
    /// (bands only); `None` when the shop cannot contribute.
    pub counts_toward: Option<CountsToward>,
    /// Newest first.
    pub history: Vec<SubmissionView>,
}

impl ContributePageData {
    /// The newest submission, which prefills the form.
    pub fn latest(&self) -> Option<&SubmissionView> {
        self.history.first()
    }
}

/// A held submission as an admin reviews it: values, reasons, quarter, state and shop-type
/// group — never the shop's name or id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldView {
    pub id: i64,
    pub quarter: String,
    pub state: String,
    pub shop_group: String,
    pub reasons: Vec<String>,
    pub rows: Vec<PayRowView>,
    pub labor: [Option<i64>; 4],
    /// Where accepting it now counts it (its own quarter, or the next unpublished one).
    pub counts_toward: String,
}

impl HeldView {
    pub fn group_label(&self) -> &'static str {
        ShopGroup::from_slug(&self.shop_group).map(ShopGroup::label).unwrap_or("Unknown group")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_fields_round_trip() {
        assert_eq!(row_field(3, "rate"), "row3_rate");
        assert_eq!(parse_row_field("row3_rate"), Some((3, "rate")));
        assert_eq!(parse_row_field("row12_flat_hours"), Some((12, "flat_hours")));
        assert_eq!(parse_row_field("row0_rate"), None);
        assert_eq!(parse_row_field("row51_rate"), None);
        assert_eq!(parse_row_field("row3_colour"), None);
        assert_eq!(parse_row_field("rowx_rate"), None);
    }

    #[test]
    fn slots_cover_the_filled_rows_and_stay_bounded() {
        assert_eq!(row_slots(None, 0), 2);
        assert_eq!(row_slots(None, 3), 5);
        assert_eq!(row_slots(Some(10), 3), 10);
        assert_eq!(row_slots(Some(1), 3), 5);
        assert_eq!(row_slots(Some(500), 0), MAX_ROWS);
    }

    #[test]
    fn money_reads_both_ways() {
        assert_eq!(dollars_input(2750), "27.50");
        assert_eq!(dollars_input(4000), "40");
        assert_eq!(dollars_input(5), "0.05");
        assert_eq!(dollars_text(5_500_000), "$55,000");
        assert_eq!(dollars_text(2705), "$27.05");
        assert_eq!(long_date("2027-04-01"), "1 April 2027");
        assert_eq!(long_date("2026-12-31"), "31 December 2026");
        assert_eq!(long_date("soon"), "soon");
    }

    #[test]
    fn rows_and_benefits_read_as_words() {
        let row = PayRowView {
            role: "master_tech".into(),
            pay_type: "flat_rate".into(),
            rate_cents: 4100,
            flat_hours: Some(45),
            technicians: 2,
            experience: "6-10".into(),
            certification: "master".into(),
        };
        assert_eq!(
            row.describe(),
            "Master / A-level technician · $41 per flagged hour × 45 hours a week · 2 technicians · 6–10 years · ASE Master"
        );
        assert_eq!(row.part("rate"), "41");
        assert_eq!(row.part("flat_hours"), "45");
        let benefits = BenefitsView {
            health_insurance: true,
            retirement_match_pct: 4,
            pto_days: 10,
            ..Default::default()
        };
        assert_eq!(benefits.describe(), "Health insurance, 4% retirement match, 10 paid days off");
        assert_eq!(BenefitsView::default().describe(), "None");
        assert_eq!(
            describe_labor(&[Some(14_500), None, None, Some(9_000)]),
            "Mechanical $145, Paint $90 an hour"
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_row_limit_is_the_services() {
        assert_eq!(MAX_ROWS, service::insights::form::MAX_ROWS);
    }
}
