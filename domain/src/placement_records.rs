//! What a placement keeps: the hours the student logs and the mentor confirms or queries,
//! the evaluations (the mentor's midpoint and final, the student's self-evaluation beside
//! each), and the programs' and shops' lists of their placements.
//!
//! Confirmed hours and written evaluations are never changed: a correction is a new entry
//! naming the one it corrects. [`count_chains`] is the one rule for what counts.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{
    needs::SkillArea,
    placements::{PlacementSide, PlacementStatus},
    time::Moment,
    vocabulary,
};

vocabulary! {
    stored
    /// Where a day's hours stand: the mentor confirms or queries each entry once.
    HoursStatus {
        Pending => ("pending", "Waiting for the mentor"),
        Confirmed => ("confirmed", "Confirmed"),
        Queried => ("queried", "Queried"),
    }
}

vocabulary! {
    stored
    /// When in the placement an evaluation is written.
    EvaluationStage {
        Midpoint => ("midpoint", "Midpoint evaluation"),
        Final => ("final", "Final evaluation"),
    }
}

vocabulary! {
    stored
    /// Who wrote an evaluation: the mentor, or the student about themselves.
    EvaluationAuthor {
        Mentor => ("mentor", "Mentor"),
        Student => ("student", "Student's self-evaluation"),
    }
}

/// Most minutes one entry (one day) may hold.
pub const MAX_DAY_MINUTES: u32 = 24 * 60;
/// Longest description of a day's tasks, and of a mentor's query.
pub const MAX_TASKS: usize = 500;
/// Longest comment on one task area, and the overall comment.
pub const MAX_COMMENT: usize = 1000;
/// Days after which an entry still waiting for the mentor is flagged to the coordinator.
pub const WAIT_FLAG_DAYS: i64 = 7;
/// The evaluation scale.
pub const SCORES: [(u8, &str); 4] =
    [(1, "Needs support"), (2, "Developing"), (3, "Meets expectations"), (4, "Exceeds expectations")];

/// The words of a score on the scale.
pub fn score_label(score: u8) -> &'static str {
    SCORES.iter().find(|(n, _)| *n == score).map(|(_, label)| *label).unwrap_or("")
}

/// Reads hours as people type them: `7`, `7.5`, `7,25` or `7:30`, in quarter hours, more
/// than zero and at most a day. Returns minutes.
pub fn parse_hours(raw: &str) -> Result<u32, &'static str> {
    const PROBLEM: &str = "hours in quarters, like 7, 7.5 or 7:45 (at most 24)";
    let raw = raw.trim().replace(',', ".");
    let minutes = if let Some((h, m)) = raw.split_once(':') {
        let (h, m) = (h.parse::<u32>().map_err(|_| PROBLEM)?, m.parse::<u32>().map_err(|_| PROBLEM)?);
        if m >= 60 || m % 15 != 0 {
            return Err(PROBLEM);
        }
        h.checked_mul(60).and_then(|h| h.checked_add(m)).ok_or(PROBLEM)?
    } else {
        let (whole, part) = raw.split_once('.').unwrap_or((raw.as_str(), ""));
        if whole.is_empty() && part.is_empty() || part.len() > 2 || !part.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(PROBLEM);
        }
        let whole = if whole.is_empty() { 0 } else { whole.parse::<u32>().map_err(|_| PROBLEM)? };
        let hundredths = format!("{part:0<2}").parse::<u32>().map_err(|_| PROBLEM)?;
        if hundredths % 25 != 0 {
            return Err(PROBLEM);
        }
        whole.checked_mul(60).and_then(|h| h.checked_add(hundredths * 60 / 100)).ok_or(PROBLEM)?
    };
    if minutes == 0 || minutes > MAX_DAY_MINUTES {
        return Err(PROBLEM);
    }
    Ok(minutes)
}

/// Minutes as hours in words: "7.5 h", "12 h", "0.25 h"; a figure not in quarter hours (a
/// plan's share of a week) to a tenth: "48.6 h".
pub fn hours_text(minutes: i64) -> String {
    if minutes % 15 != 0 {
        return format!("{:.1} h", minutes as f64 / 60.0);
    }
    let hundredths = minutes * 100 / 60;
    let (whole, part) = (hundredths / 100, hundredths % 100);
    match part {
        0 => format!("{whole} h"),
        p if p % 10 == 0 => format!("{whole}.{} h", p / 10),
        p => format!("{whole}.{p:02} h"),
    }
}

/// One entry as [`count_chains`] needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub id: i64,
    pub corrects: Option<i64>,
    pub status: HoursStatus,
    pub minutes: i64,
}

/// What the entries of a placement add up to, chain by chain (an entry, its correction,
/// the correction's correction…).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counted {
    /// The entry each chain counts: its latest confirmed one. A confirmed entry keeps
    /// counting until a correction of it is confirmed.
    pub counting: Vec<i64>,
    pub confirmed_minutes: i64,
    /// Chains whose newest entry waits for the mentor, and their minutes.
    pub pending: Vec<i64>,
    pub pending_minutes: i64,
    /// Each corrected entry and the entry correcting it.
    pub replaced_by: HashMap<i64, i64>,
}

/// The one rule for what hours count: walk each chain from its first entry; the latest
/// confirmed entry counts; the newest entry, if pending, is what the mentor reviews next.
pub fn count_chains(links: &[Link]) -> Counted {
    let by_id: HashMap<i64, &Link> = links.iter().map(|l| (l.id, l)).collect();
    let mut counted = Counted::default();
    for link in links {
        if let Some(old) = link.corrects {
            counted.replaced_by.insert(old, link.id);
        }
    }
    for first in links.iter().filter(|l| l.corrects.is_none()) {
        let (mut at, mut counting) = (first, None);
        loop {
            if at.status == HoursStatus::Confirmed {
                counting = Some(at);
            }
            match counted.replaced_by.get(&at.id).and_then(|next| by_id.get(next)) {
                Some(next) => at = next,
                None => break,
            }
        }
        if let Some(c) = counting {
            counted.counting.push(c.id);
            counted.confirmed_minutes += c.minutes;
        }
        if at.status == HoursStatus::Pending {
            counted.pending.push(at.id);
            counted.pending_minutes += at.minutes;
        }
    }
    counted
}

/// Hours against the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursTotals {
    pub confirmed_minutes: i64,
    pub pending_minutes: i64,
    /// Weekly hours × the placement's weeks.
    pub planned_minutes: i64,
    /// The plan up to today (all of it once the placement's dates are past).
    pub planned_to_date_minutes: i64,
    /// Entries waiting for the mentor more than [`WAIT_FLAG_DAYS`] days.
    pub waiting_long: u32,
}

/// One day's entry as a party reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursEntryView {
    pub id: i64,
    /// ISO date.
    pub worked_on: String,
    pub minutes: i64,
    pub tasks: String,
    pub status: HoursStatus,
    pub query_reason: Option<String>,
    pub corrects: Option<i64>,
    pub replaced_by: Option<i64>,
    /// Whether the entry is what its chain counts now.
    pub counts: bool,
    pub logged_at: Moment,
    /// "Confirmed by Dana Reyes on …" / "Queried by …".
    pub reviewed: Option<String>,
    /// Days it has waited for the mentor, when more than [`WAIT_FLAG_DAYS`].
    pub waiting_days: Option<i64>,
}

/// `/placements/{id}/hours`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursView {
    pub placement_id: i64,
    pub side: PlacementSide,
    pub status: PlacementStatus,
    pub shop_name: String,
    pub student_label: String,
    pub starts_on: String,
    pub ends_on: String,
    pub weekly_hours: u32,
    pub totals: HoursTotals,
    /// Newest day first.
    pub entries: Vec<HoursEntryView>,
    /// The student may log a day (and correct their entries).
    pub may_log: bool,
    /// The viewer confirms and queries (the mentor).
    pub may_review: bool,
    /// The latest day that may be logged (ISO): today or the placement's end.
    pub latest_day: String,
}

/// One task area's rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub area: SkillArea,
    /// 1–4, see [`SCORES`].
    pub score: u8,
    pub comment: String,
}

/// A written evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationView {
    pub id: i64,
    pub stage: EvaluationStage,
    pub author: EvaluationAuthor,
    pub revision: u32,
    pub ratings: Vec<Rating>,
    pub comment: String,
    pub written_by: Option<String>,
    pub written_at: Moment,
}

/// One stage's evaluations: the newest of each author, and what they corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageView {
    pub stage: EvaluationStage,
    /// ISO date from which it is due.
    pub due_on: String,
    /// The mentor's is due and not written.
    pub due: bool,
    /// The viewer may write (or correct) their side's now.
    pub may_write: bool,
    pub mentor: Option<EvaluationView>,
    pub student: Option<EvaluationView>,
    /// Earlier revisions, newest first.
    pub earlier: Vec<EvaluationView>,
}

/// `/placements/{id}/evaluations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationsView {
    pub placement_id: i64,
    pub side: PlacementSide,
    pub status: PlacementStatus,
    pub shop_name: String,
    pub student_label: String,
    pub task_areas: Vec<SkillArea>,
    /// Whose evaluation the viewer writes, if any.
    pub writes_as: Option<EvaluationAuthor>,
    pub stages: Vec<StageView>,
}

/// One placement in an organisation's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgPlacementRow {
    pub id: i64,
    /// The student's name for the program; for the shop, what the student shared until
    /// consent is settled.
    pub student: String,
    /// The other organisation: the shop for a program, the program for a shop.
    pub partner_id: i64,
    pub partner_name: String,
    pub status: PlacementStatus,
    pub starts_on: String,
    pub ends_on: String,
    pub mentor: Option<String>,
    pub coordinator: Option<String>,
    pub weekly_hours: u32,
    pub paid: bool,
    pub totals: HoursTotals,
    /// Mentor evaluations due and not written.
    pub evaluations_due: Vec<EvaluationStage>,
    pub evaluations_written: Vec<EvaluationStage>,
    /// When the guardian agreed (ISO date), for a minor.
    pub consent_on: Option<String>,
    pub under_18: Option<bool>,
    pub end_reason: Option<String>,
}

/// `/orgs/{id}/placements`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgPlacementsView {
    pub org_id: i64,
    pub org_name: String,
    pub is_shop: bool,
    pub rows: Vec<OrgPlacementRow>,
}

/// The list as CSV for the state's work-based-learning reporting: one row a placement,
/// hours in decimal hours. Text is quoted and neutralised against spreadsheet formulas.
pub fn to_csv(view: &OrgPlacementsView) -> String {
    use crate::insights_table::csv_field;
    let partner = if view.is_shop { "program" } else { "shop" };
    let mut out = format!(
        "placement,student,{partner},status,starts_on,ends_on,weekly_hours,paid,planned_hours,\
         planned_hours_to_date,confirmed_hours,hours_waiting_for_mentor,entries_waiting_over_7_days,\
         mentor,coordinator,under_18,guardian_consent_on,mentor_evaluations_written,\
         mentor_evaluations_due,end_reason\r\n"
    );
    let hours = |minutes: i64| format!("{:.2}", minutes as f64 / 60.0);
    let stages = |list: &[EvaluationStage]| list.iter().map(|s| s.slug()).collect::<Vec<_>>().join(" ");
    for row in &view.rows {
        let t = &row.totals;
        let cells = [
            row.id.to_string(),
            csv_field(&row.student),
            csv_field(&row.partner_name),
            row.status.slug().to_string(),
            row.starts_on.clone(),
            row.ends_on.clone(),
            row.weekly_hours.to_string(),
            if row.paid { "paid" } else { "unpaid" }.to_string(),
            hours(t.planned_minutes),
            hours(t.planned_to_date_minutes),
            hours(t.confirmed_minutes),
            hours(t.pending_minutes),
            t.waiting_long.to_string(),
            csv_field(row.mentor.as_deref().unwrap_or("")),
            csv_field(row.coordinator.as_deref().unwrap_or("")),
            row.under_18.map_or(String::new(), |m| if m { "yes" } else { "no" }.to_string()),
            row.consent_on.clone().unwrap_or_default(),
            stages(&row.evaluations_written),
            stages(&row.evaluations_due),
            csv_field(row.end_reason.as_deref().unwrap_or("")),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_read_in_quarters() {
        assert_eq!(parse_hours("7"), Ok(420));
        assert_eq!(parse_hours("7.5"), Ok(450));
        assert_eq!(parse_hours(" 7,25 "), Ok(435));
        assert_eq!(parse_hours("7:45"), Ok(465));
        assert_eq!(parse_hours(".75"), Ok(45));
        assert_eq!(parse_hours("24"), Ok(1440));
        for bad in ["", "0", "0.0", "7.3", "7:20", "25", "24.25", "-1", "seven", "7:60", ".", "1.255"] {
            assert!(parse_hours(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn hours_are_written_short() {
        assert_eq!(hours_text(420), "7 h");
        assert_eq!(hours_text(450), "7.5 h");
        assert_eq!(hours_text(435), "7.25 h");
        assert_eq!(hours_text(15), "0.25 h");
        assert_eq!(hours_text(2914), "48.6 h");
    }

    fn link(id: i64, corrects: Option<i64>, status: HoursStatus, minutes: i64) -> Link {
        Link { id, corrects, status, minutes }
    }

    #[test]
    fn a_confirmed_entry_counts_until_its_correction_is_confirmed() {
        use HoursStatus::*;
        let day = [link(1, None, Confirmed, 480), link(2, Some(1), Pending, 420)];
        let c = count_chains(&day);
        assert_eq!((c.counting.clone(), c.confirmed_minutes, c.pending.clone()), (vec![1], 480, vec![2]));
        let day = [link(1, None, Confirmed, 480), link(2, Some(1), Confirmed, 420)];
        assert_eq!(count_chains(&day).confirmed_minutes, 420);
        // A queried correction leaves the earlier confirmed figure; its own correction,
        // once confirmed, replaces both.
        let day =
            [link(1, None, Confirmed, 480), link(2, Some(1), Queried, 420), link(3, Some(2), Confirmed, 450)];
        let c = count_chains(&day);
        assert_eq!((c.counting, c.confirmed_minutes), (vec![3], 450));
        assert_eq!(c.replaced_by, HashMap::from([(1, 2), (2, 3)]));
    }

    #[test]
    fn queried_and_pending_count_for_nothing_confirmed() {
        use HoursStatus::*;
        let days = [link(1, None, Queried, 300), link(2, None, Pending, 240), link(3, None, Confirmed, 60)];
        let c = count_chains(&days);
        assert_eq!((c.confirmed_minutes, c.pending_minutes, c.pending), (60, 240, vec![2]));
    }

    #[test]
    fn the_csv_has_one_row_a_placement_and_neutralises_formulas() {
        let row = OrgPlacementRow {
            id: 7,
            student: "=HYPERLINK(\"x\")".into(),
            partner_id: 3,
            partner_name: "Shop, Inc.".into(),
            status: PlacementStatus::Active,
            starts_on: "2027-01-04".into(),
            ends_on: "2027-03-26".into(),
            mentor: Some("Dana".into()),
            coordinator: None,
            weekly_hours: 12,
            paid: true,
            totals: HoursTotals { confirmed_minutes: 450, planned_minutes: 8640, ..HoursTotals::default() },
            evaluations_due: vec![EvaluationStage::Midpoint],
            evaluations_written: Vec::new(),
            consent_on: Some("2027-01-02".into()),
            under_18: Some(true),
            end_reason: None,
        };
        let view = OrgPlacementsView { org_id: 1, org_name: "P".into(), is_shop: false, rows: vec![row] };
        let csv = to_csv(&view);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("placement,student,shop,status"));
        assert_eq!(lines[0].split(',').count(), lines[1].split(',').count() - 1, "one quoted comma: {csv}");
        assert!(lines[1].contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
        assert!(lines[1].contains(",7.50,"), "{csv}");
        assert!(lines[1].contains(",144.00,"), "{csv}");
        assert!(lines[1].contains(",yes,2027-01-02,,midpoint,"), "{csv}");
    }

    #[test]
    fn scores_have_words() {
        assert_eq!(score_label(3), "Meets expectations");
        assert_eq!(score_label(9), "");
    }
}
