//! Form handlers of the Industry Data Exchange: a shop's contribution and an admin's review
//! decision. The service layer decides who may; each answers with a 303 redirect.
//!
//! The contribution form has numbered pay rows (`row1_role`, `row1_rate`, … `row2_role`, …)
//! so that a plain HTML form can send several, several per role included. Blank rows are
//! left out and the rest renumbered 1, 2, 3 … before parsing, so the row a refusal names
//! ("row 2 (Diesel technician): …") is the row the form shows after the redirect, which
//! echoes the rows in that order.
use app::notice::Notice;
use app::{
    insights_contribute_model::{MAX_ROWS, ROW_PARTS, row_field},
    ssr::AppState,
};
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use service::insights::{
    contribute,
    form::{ContributionForm, RowForm, row_number},
    review,
};

use crate::forms::reply::{Caller, FormPairs, back_with, done, refused};
use domain::refusal::FieldMessage;

/// Text fields besides the rows, named as the service names them in its errors.
const TEXT_FIELDS: [&str; 8] = [
    "retirement_match_pct",
    "tool_allowance",
    "pto_days",
    "sign_on_bonus",
    "labor_mechanical",
    "labor_diesel",
    "labor_body",
    "labor_paint",
];
const TICKS: [&str; 4] = ["health_insurance", "paid_training", "ase_reimbursement", "uniforms"];

/// The contribution as typed, its rows in the order the form showed them, blank ones out.
fn read_form(pairs: &FormPairs) -> ContributionForm {
    let value = |name: &str| pairs.trimmed(name);
    let ticked = |name: &str| pairs.has(name);
    let rows = (1..=MAX_ROWS)
        .map(|n| {
            let part = |p: &str| value(&row_field(n, p));
            RowForm {
                role: part("role"),
                pay_type: part("pay_type"),
                rate: part("rate"),
                flat_hours: part("flat_hours"),
                technicians: part("technicians"),
                experience: part("experience"),
                certification: part("certification"),
            }
        })
        .filter(|r| {
            ![&r.role, &r.pay_type, &r.rate, &r.flat_hours, &r.technicians, &r.experience, &r.certification]
                .iter()
                .all(|v| v.is_empty())
        })
        .collect();
    ContributionForm {
        rows,
        health_insurance: ticked("health_insurance"),
        retirement_match_pct: value("retirement_match_pct"),
        tool_allowance: value("tool_allowance"),
        paid_training: ticked("paid_training"),
        ase_reimbursement: ticked("ase_reimbursement"),
        uniforms: ticked("uniforms"),
        pto_days: value("pto_days"),
        sign_on_bonus: value("sign_on_bonus"),
        labor_mechanical: value("labor_mechanical"),
        labor_diesel: value("labor_diesel"),
        labor_body: value("labor_body"),
        labor_paint: value("labor_paint"),
    }
}

/// What goes back into the form after a refusal: the kept rows renumbered from 1, every
/// other value, and the ticks (all of it the shop's own data, shown only to its members).
fn echo(form: &ContributionForm) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, row) in form.rows.iter().enumerate() {
        let parts = [
            &row.role,
            &row.pay_type,
            &row.rate,
            &row.flat_hours,
            &row.technicians,
            &row.experience,
            &row.certification,
        ];
        for (part, value) in ROW_PARTS.iter().zip(parts) {
            if !value.is_empty() {
                out.push((row_field(i + 1, part), value.clone()));
            }
        }
    }
    let texts = [
        &form.retirement_match_pct,
        &form.tool_allowance,
        &form.pto_days,
        &form.sign_on_bonus,
        &form.labor_mechanical,
        &form.labor_diesel,
        &form.labor_body,
        &form.labor_paint,
    ];
    for (name, value) in TEXT_FIELDS.iter().zip(texts) {
        if !value.is_empty() {
            out.push((name.to_string(), value.clone()));
        }
    }
    let ticks = [form.health_insurance, form.paid_training, form.ase_reimbursement, form.uniforms];
    for (name, on) in TICKS.iter().zip(ticks) {
        if on {
            out.push((name.to_string(), "on".to_string()));
        }
    }
    out
}

/// The form field an invalid-input error belongs beside: a row part becomes that row's
/// field (`rate` of row 2 → `row2_rate`); an error about the rows as a whole ("add at least
/// one role") goes beside the first row's role.
fn field_of(field: &str, message: &str) -> String {
    if ROW_PARTS.contains(&field) {
        row_field(row_number(message).unwrap_or(1), field)
    } else {
        field.to_string()
    }
}

pub async fn contribute(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    let page = format!("/orgs/{id}/pay");
    let form = read_form(&pairs);
    let more_rows = pairs.trimmed("rows");
    if !more_rows.is_empty() {
        // "More pay rows": back to the form with everything typed and more rows to fill.
        let mut typed = echo(&form);
        typed.push(("rows".to_string(), more_rows));
        let typed: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        return back_with(&page, Vec::new(), &typed);
    }
    // No submission key: a contribution replaces the quarter's earlier one in the same
    // transaction, so a double-submitted form leaves one counted submission.
    match contribute::contribute(&state.db, &state.insights, caller.ctx.actor, id, &form, caller.ctx.now)
        .await
    {
        Ok(receipt) => Redirect::to(&format!("{page}?receipt={}", receipt.submission_id)).into_response(),
        Err(error) => {
            let typed = echo(&form);
            let typed: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            // Every problem at once, each beside its own row's field.
            let problems = error.problems();
            if problems.is_empty() {
                return refused(error, &page, &typed);
            }
            let messages = problems
                .into_iter()
                .map(|p| FieldMessage { field: Some(field_of(p.field, &p.message)), message: p.message })
                .collect();
            back_with(&page, messages, &typed)
        }
    }
}

async fn decide(state: AppState, caller: Caller, id: i64, accept: bool) -> Response {
    match review::decide(&state.db, caller.ctx.actor, id, accept, caller.ctx.now).await {
        Ok(()) => done(
            "/admin/insights",
            if accept { Notice::ContributionAccepted } else { Notice::ContributionRejected },
        ),
        Err(error) => refused(error, "/admin/insights", &[]),
    }
}

pub async fn accept(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    decide(state, caller, id, true).await
}

pub async fn reject(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    decide(state, caller, id, false).await
}

#[cfg(test)]
mod tests {
    use service::{error::ServiceError, insights::form::parse};

    use super::*;

    fn pairs(text: &[(&str, &str)]) -> Vec<(String, String)> {
        text.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn diesel(n: usize, rate: &str, experience: &str) -> Vec<(String, String)> {
        [
            ("role", "diesel"),
            ("pay_type", "hourly"),
            ("rate", rate),
            ("technicians", "2"),
            ("experience", experience),
            ("certification", "certified"),
        ]
        .iter()
        .map(|(part, value)| (row_field(n, part), value.to_string()))
        .collect()
    }

    #[test]
    fn blank_rows_are_left_out_and_the_rest_keep_their_order() {
        let mut typed = diesel(4, "31", "3-5");
        typed.extend(diesel(2, "28.50", "0-2"));
        typed.extend(pairs(&[
            ("row3_rate", " "),
            ("row1_role", ""),
            ("health_insurance", "on"),
            ("pto_days", "10"),
        ]));
        let form = read_form(&FormPairs(typed));
        assert_eq!(form.rows.len(), 2);
        assert_eq!((form.rows[0].rate.as_str(), form.rows[1].rate.as_str()), ("28.50", "31"));
        assert!(form.health_insurance && !form.uniforms);
        assert_eq!(form.pto_days, "10");
        let parsed = parse(&form).unwrap();
        assert_eq!(parsed.rows[0].annual_cents, 2_850 * 2_080);
        assert_eq!(parsed.pto_days, 10);
    }

    #[test]
    fn a_refusal_names_the_field_of_the_row_the_form_shows_again() {
        // Slots 2 and 5 are filled; the second is implausible. After the redirect the rows
        // are rows 1 and 2, and the error sits beside row 2's rate.
        let mut typed = diesel(2, "30", "0-2");
        typed.extend(diesel(5, "3", "3-5"));
        typed.push(("uniforms".into(), "on".into()));
        let form = read_form(&FormPairs(typed));
        let ServiceError::Invalid { field, message } = parse(&form).unwrap_err() else { panic!("invalid") };
        assert_eq!(field_of(field, &message), "row2_rate");
        let back = echo(&form);
        let get = |name: &str| back.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        assert_eq!(get("row2_rate"), Some("3"));
        assert_eq!(get("row1_rate"), Some("30"));
        assert_eq!(get("row5_rate"), None);
        assert_eq!(get("uniforms"), Some("on"));
        assert_eq!(get("health_insurance"), None);
    }

    #[test]
    fn errors_outside_the_rows_keep_their_field() {
        assert_eq!(field_of("role", "add at least one role"), "row1_role");
        assert_eq!(field_of("pto_days", "paid days off must be a whole number from 0 to 60"), "pto_days");
        let mut typed = diesel(1, "30", "0-2");
        typed.extend(diesel(2, "31", "0-2"));
        let ServiceError::Invalid { field, message } = parse(&read_form(&FormPairs(typed))).unwrap_err()
        else {
            panic!()
        };
        assert_eq!(field_of(field, &message), "row2_role", "{message}");
    }
}
