//! A contribution as typed, and its parsing: every value is checked against plausible
//! bounds and refused with the field and the reason, before anything is stored.
use domain::insights::{Certification, ExperienceBand, LaborKind, PayType, Role};

use crate::error::{Checks, Problem, ServiceError};

/// Federal minimum wage and a generous ceiling, per hour, in cents.
pub const HOURLY_CENTS: (i64, i64) = (725, 15_000);
/// Flagged hours per week a flat-rate technician is paid for.
pub const FLAT_HOURS: (i64, i64) = (10, 80);
/// Technicians one pay row may cover.
pub const TECHNICIANS: (i64, i64) = (1, 500);
/// Customer labor rates per hour, in cents.
pub const LABOR_CENTS: (i64, i64) = (4_000, 50_000);
pub const MAX_ROWS: usize = 50;
const YEAR_HOURS: i64 = 2_080;

/// One pay row as typed.
#[derive(Debug, Clone, Default)]
pub struct RowForm {
    pub role: String,
    pub pay_type: String,
    /// Dollars: per hour, per flagged hour, or per year.
    pub rate: String,
    pub flat_hours: String,
    pub technicians: String,
    pub experience: String,
    pub certification: String,
}

/// A whole contribution as typed: pay rows, benefits, labor rates (blank when not offered).
#[derive(Debug, Clone, Default)]
pub struct ContributionForm {
    pub rows: Vec<RowForm>,
    pub health_insurance: bool,
    pub retirement_match_pct: String,
    pub tool_allowance: String,
    pub paid_training: bool,
    pub ase_reimbursement: bool,
    pub uniforms: bool,
    pub pto_days: String,
    pub sign_on_bonus: String,
    pub labor_mechanical: String,
    pub labor_diesel: String,
    pub labor_body: String,
    pub labor_paint: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PayLine {
    pub role: Role,
    pub pay_type: PayType,
    pub rate_cents: i64,
    pub flat_hours: Option<i32>,
    pub technicians: i32,
    pub experience: ExperienceBand,
    pub certification: Certification,
    pub annual_cents: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub rows: Vec<PayLine>,
    pub health_insurance: bool,
    pub retirement_match_pct: i32,
    pub tool_allowance_cents: i64,
    pub paid_training: bool,
    pub ase_reimbursement: bool,
    pub uniforms: bool,
    pub pto_days: i32,
    pub sign_on_bonus_cents: i64,
    /// In `LaborKind::ALL` order.
    pub labor: [Option<i64>; 4],
}

fn dollars_text(cents: i64) -> String {
    format!("${}.{:02}", cents / 100, cents % 100)
}

/// Dollars as typed ("32.50", "$1,200") to cents; blank is `None`.
pub fn cents(field: &'static str, text: &str) -> Result<Option<i64>, ServiceError> {
    domain::numbers::dollars_to_cents(text)
        .map_err(|()| ServiceError::invalid(field, format!("“{}” is not an amount in dollars", text.trim())))
}

fn whole(field: &'static str, text: &str, (low, high): (i64, i64), what: &str) -> Result<i64, ServiceError> {
    let text = text.trim();
    let value = if text.is_empty() { Ok(0) } else { text.parse::<i64>() };
    match value {
        Ok(n) if (low..=high).contains(&n) => Ok(n),
        _ => Err(ServiceError::invalid(field, format!("{what} must be a whole number from {low} to {high}"))),
    }
}

fn within(field: &'static str, cents: i64, (low, high): (i64, i64), what: &str) -> Result<i64, ServiceError> {
    if (low..=high).contains(&cents) {
        Ok(cents)
    } else {
        Err(ServiceError::invalid(
            field,
            format!(
                "{what} of {} is implausible: it must be from {} to {}",
                dollars_text(cents),
                dollars_text(low),
                dollars_text(high)
            ),
        ))
    }
}

/// A value of a closed list, or an error naming the field and the row.
fn pick<T>(
    field: &'static str,
    here: &str,
    text: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, ServiceError> {
    parse(text.trim()).ok_or_else(|| {
        ServiceError::invalid(field, format!("{here}: choose from the list (got “{}”)", text.trim()))
    })
}

/// One pay row, every problem of it reported (each message names the row).
fn row(n: usize, form: &RowForm) -> Result<PayLine, ServiceError> {
    let mut checks = Checks::default();
    let role = checks.check(pick("role", &format!("row {n}"), &form.role, Role::from_slug));
    let here = match role {
        Some(role) => format!("row {n} ({})", role.label()),
        None => format!("row {n}"),
    };
    let at = |e: ServiceError| match e {
        ServiceError::Invalid { field, message } => {
            ServiceError::invalid(field, format!("{here}: {message}"))
        }
        other => other,
    };
    let pay_type = checks.check(pick("pay_type", &here, &form.pay_type, PayType::from_slug));
    let experience = checks.check(pick("experience", &here, &form.experience, ExperienceBand::from_slug));
    let certification =
        checks.check(pick("certification", &here, &form.certification, Certification::from_slug));
    let technicians =
        checks.check(whole("technicians", &form.technicians, TECHNICIANS, "technicians").map_err(at));
    let rate = checks.check(cents("rate", &form.rate).map_err(at).and_then(|rate| {
        rate.ok_or_else(|| ServiceError::invalid("rate", format!("{here}: enter the rate")))
    }));
    // What the rate means depends on the pay type; without a type only its form is checked.
    let (annual, flat_hours) = match (pay_type, rate) {
        (Some(PayType::Hourly), Some(rate)) => (
            checks
                .check(within("rate", rate, HOURLY_CENTS, "an hourly rate").map_err(at))
                .map(|r| r * YEAR_HOURS),
            Some(None),
        ),
        (Some(PayType::FlatRate), Some(rate)) => {
            let rate =
                checks.check(within("rate", rate, HOURLY_CENTS, "a flat rate per flagged hour").map_err(at));
            let hours = checks.check(
                whole("flat_hours", &form.flat_hours, FLAT_HOURS, "flat-rate hours per week").map_err(at),
            );
            match (rate, hours) {
                (Some(rate), Some(hours)) => (Some(rate * hours * 52), Some(Some(hours as i32))),
                _ => (None, None),
            }
        }
        (Some(PayType::Salary), Some(rate)) => {
            let bounds = (HOURLY_CENTS.0 * YEAR_HOURS, HOURLY_CENTS.1 * YEAR_HOURS);
            (checks.check(within("rate", rate, bounds, "a yearly salary").map_err(at)), Some(None))
        }
        _ => (None, None),
    };
    let line = (|| {
        Some(PayLine {
            role: role?,
            pay_type: pay_type?,
            rate_cents: rate?,
            flat_hours: flat_hours?,
            technicians: technicians? as i32,
            experience: experience?,
            certification: certification?,
            annual_cents: annual?,
        })
    })();
    checks.finish_with(line)
}

/// The row (1-based, counting the rows given to [`parse`]) that an error of `parse`
/// concerns: its row messages begin “row N”. Lets a form show the message beside the
/// field of the right row.
pub fn row_number(message: &str) -> Option<usize> {
    let rest = message.strip_prefix("row ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|n| *n >= 1)
}

/// Parses and checks a contribution, reporting every problem at once: each row's (a row's
/// messages begin "row N", so the same field may be named once per row) and the benefits'.
pub fn parse(form: &ContributionForm) -> Result<Contribution, ServiceError> {
    if form.rows.is_empty() {
        return Err(ServiceError::invalid("role", "add at least one role"));
    }
    if form.rows.len() > MAX_ROWS {
        return Err(ServiceError::invalid("role", format!("at most {MAX_ROWS} rows")));
    }
    let mut checks = Checks::default();
    let mut rows: Vec<PayLine> = Vec::with_capacity(form.rows.len());
    for (i, typed) in form.rows.iter().enumerate() {
        let line = match row(i + 1, typed) {
            Ok(line) => line,
            Err(error) if !error.problems().is_empty() => {
                error.problems().into_iter().for_each(|p| checks.add(p));
                continue;
            }
            Err(other) => return Err(other),
        };
        let key = |l: &PayLine| (l.role, l.experience, l.certification);
        match rows.iter().position(|l| key(l) == key(&line)) {
            Some(first) => checks.add(Problem {
                field: "role",
                message: format!(
                    "row {} repeats row {} (same role, experience and certification)",
                    i + 1,
                    first + 1
                ),
            }),
            None => rows.push(line),
        }
    }
    let optional = |field, text: &str, bounds: (i64, i64), what: &str| -> Result<i64, ServiceError> {
        Ok(match cents(field, text)? {
            Some(c) => within(field, c, bounds, what)?,
            None => 0,
        })
    };
    let mut labor = [None; 4];
    for (slot, (kind, field, text)) in labor.iter_mut().zip([
        (LaborKind::Mechanical, "labor_mechanical", &form.labor_mechanical),
        (LaborKind::Diesel, "labor_diesel", &form.labor_diesel),
        (LaborKind::Body, "labor_body", &form.labor_body),
        (LaborKind::Paint, "labor_paint", &form.labor_paint),
    ]) {
        let what = format!("a {} labor rate per hour", kind.label().to_lowercase());
        *slot = checks
            .check(
                cents(field, text).and_then(|c| c.map(|c| within(field, c, LABOR_CENTS, &what)).transpose()),
            )
            .flatten();
    }
    let retirement = checks.check(whole(
        "retirement_match_pct",
        &form.retirement_match_pct,
        (0, 25),
        "the retirement match %",
    ));
    let tool_allowance = checks.check(optional(
        "tool_allowance",
        &form.tool_allowance,
        (0, 1_000_000),
        "a yearly tool allowance",
    ));
    let pto_days = checks.check(whole("pto_days", &form.pto_days, (0, 60), "paid days off"));
    let sign_on_bonus =
        checks.check(optional("sign_on_bonus", &form.sign_on_bonus, (0, 5_000_000), "a sign-on bonus"));
    let benefits = (|| Some((retirement?, tool_allowance?, pto_days?, sign_on_bonus?)))();
    let (retirement, tool_allowance_cents, pto_days, sign_on_bonus_cents) = checks.finish_with(benefits)?;
    Ok(Contribution {
        rows,
        health_insurance: form.health_insurance,
        retirement_match_pct: retirement as i32,
        tool_allowance_cents,
        paid_training: form.paid_training,
        ase_reimbursement: form.ase_reimbursement,
        uniforms: form.uniforms,
        pto_days: pto_days as i32,
        sign_on_bonus_cents,
        labor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_parse_to_cents() {
        assert_eq!(cents("rate", "32.5").unwrap(), Some(3250));
        assert_eq!(cents("rate", "$1,200").unwrap(), Some(120_000));
        assert_eq!(cents("rate", " ").unwrap(), None);
        assert!(cents("rate", "12.345").is_err());
        assert!(cents("rate", "-5").is_err());
        assert_eq!(dollars_text(725), "$7.25");
    }

    #[test]
    fn row_errors_name_their_row() {
        let good = RowForm {
            role: "diesel".into(),
            pay_type: "hourly".into(),
            rate: "30".into(),
            technicians: "1".into(),
            experience: "3-5".into(),
            certification: "none".into(),
            ..Default::default()
        };
        let bad = RowForm { rate: "3".into(), ..good.clone() };
        let repeated = ContributionForm { rows: vec![good.clone(), good.clone()], ..Default::default() };
        let late = ContributionForm {
            rows: vec![good.clone(), RowForm { experience: "11+".into(), ..bad }],
            ..Default::default()
        };
        for (form, row) in [(late, 2), (repeated, 2)] {
            let ServiceError::Invalid { message, .. } = parse(&form).unwrap_err() else { panic!() };
            assert_eq!(row_number(&message), Some(row), "{message}");
        }
        let ServiceError::Invalid { message, .. } = parse(&ContributionForm::default()).unwrap_err() else {
            panic!()
        };
        assert_eq!(row_number(&message), None);
        assert_eq!(row_number("row 0: x"), None);
    }

    #[test]
    fn every_problem_of_every_row_is_reported_at_once() {
        let bad_rate = RowForm {
            role: "diesel".into(),
            pay_type: "hourly".into(),
            rate: "3".into(),
            technicians: "1".into(),
            experience: "3-5".into(),
            certification: "none".into(),
            ..Default::default()
        };
        let no_type = RowForm {
            role: "lube_express".into(),
            pay_type: String::new(),
            rate: String::new(),
            ..bad_rate.clone()
        };
        let form =
            ContributionForm { rows: vec![bad_rate, no_type], pto_days: "90".into(), ..Default::default() };
        let error = parse(&form).unwrap_err();
        let found: Vec<(&str, Option<usize>)> =
            error.problems().iter().map(|p| (p.field, row_number(&p.message))).collect();
        assert_eq!(found, [("rate", Some(1)), ("pay_type", Some(2)), ("rate", Some(2)), ("pto_days", None)]);
    }

    #[test]
    fn pay_is_annualised_by_type() {
        let mut typed = RowForm {
            role: "master_tech".into(),
            pay_type: "flat_rate".into(),
            rate: "40".into(),
            flat_hours: "45".into(),
            technicians: "2".into(),
            experience: "6-10".into(),
            certification: "master".into(),
        };
        assert_eq!(row(1, &typed).unwrap().annual_cents, 4000 * 45 * 52);
        typed.pay_type = "hourly".into();
        assert_eq!(row(1, &typed).unwrap().annual_cents, 4000 * 2080);
        typed.rate = "151".into();
        assert_eq!(
            row(1, &typed).unwrap_err().to_string(),
            "rate: row 1 (Master / A-level technician): an hourly rate of $151.00 is implausible: it must be from $7.25 to $150.00"
        );
    }
}
