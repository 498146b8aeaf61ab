//! THE place where rules 1, 2 and 4 of docs/privacy.md are enforced (rule 3 is the
//! snapshot's: it holds only published quarters). Every figure the page, the CSV and the API
//! show is built here, from a cell of the lattice and the snapshot's rows; nothing else
//! computes a figure.
use std::collections::HashMap;

use domain::{
    disclosure::{
        ANNUAL_STEP_CENTS, Estimate, HOURLY_STEP_CENTS, LABOR_STEP_CENTS, Suppressed, count_band,
        difference_allowed, dominated, enough,
    },
    estimator::Sample,
    insights::{Benefit, CountBand, LaborKind, Role},
    insights_view::{BenefitsFigure, LaborFigure, PayFigure, Shown},
};

use super::{
    cells::{Cell, Grain, Leaf},
    publish::blur,
    snapshot::{PayFact, QuarterData, ShopFact},
};

/// Hours in a working year: annual pay ÷ 2,080 is the hourly equivalent.
pub const HOURS_PER_YEAR: i64 = 2_080;

/// What the rules need to know about a row.
pub trait Fact {
    fn leaf(&self) -> &Leaf;
    fn shop(&self) -> i64;
    /// The row's weight in the figure (rule 2): technicians for pay, 1 for a shop.
    fn weight(&self) -> u64;
    fn technicians(&self) -> u64;
}

impl Fact for PayFact {
    fn leaf(&self) -> &Leaf {
        &self.leaf
    }
    fn shop(&self) -> i64 {
        self.shop
    }
    fn weight(&self) -> u64 {
        self.technicians as u64
    }
    fn technicians(&self) -> u64 {
        self.technicians as u64
    }
}

impl Fact for ShopFact {
    fn leaf(&self) -> &Leaf {
        &self.leaf
    }
    fn shop(&self) -> i64 {
        self.shop
    }
    fn weight(&self) -> u64 {
        1
    }
    fn technicians(&self) -> u64 {
        self.technicians as u64
    }
}

/// The rows of a cell that passed rules 1, 2 and 4, with its shop and technician counts.
pub struct Passed<'a, F> {
    pub rows: Vec<&'a F>,
    pub shops: usize,
    pub technicians: u64,
    /// The deepest cell with exactly these rows: what the figure really rests on.
    pub hull: Cell,
    /// Every cell with exactly these rows — the hull and those of its ancestors that add none
    /// (a division whose rows all lie in one state, say). Any of them may be asked for this
    /// same figure, so the complement rule looks at the siblings of each.
    pub aliases: Vec<Cell>,
}

/// The cell as the quarter's lattice has it. A quarter published before Census divisions
/// existed keeps the place tree its figures were published with (docs/privacy.md, "A
/// published figure never changes"): there a state carries no division, and a division's own
/// cell has no figure.
pub fn in_lattice(data: &QuarterData, cell: Cell) -> Result<Cell, Suppressed> {
    match (data.divisions, cell.division, cell.state) {
        (true, _, _) => Ok(cell),
        (false, Some(_), None) => Err(Suppressed::BeforeDivisions),
        (false, _, _) => Ok(Cell { division: None, ..cell }),
    }
}

/// Rules 1, 2 and 4 for `cell` over all rows of one slice (a role's or a labor kind's rows
/// in one quarter), then the complement rule. Rule 4 compares the cell with every cell whose
/// rows contain its rows — the ancestors of its hull, its division's cell among them — and
/// refuses it when the rows they add belong to 1–4 shops. The complement rule stops the
/// three-cell version: a state's figure minus those of all its areas but one is that one
/// area, and a division's minus all its states but one is that state; see
/// [`complement_refused`].
pub fn check<F: Fact>(all: &[F], cell: Cell, grain: Grain) -> Result<Passed<'_, F>, Suppressed> {
    let passed = primary(all, cell, grain)?;
    if complement_refused(all, &passed, grain) {
        return Err(Suppressed::Differencing);
    }
    Ok(passed)
}

/// Rules 1, 2 and 4 alone.
fn primary<F: Fact>(all: &[F], cell: Cell, grain: Grain) -> Result<Passed<'_, F>, Suppressed> {
    let rows: Vec<&F> = all.iter().filter(|r| cell.contains(r.leaf())).collect();
    let mut per_shop: HashMap<i64, u64> = HashMap::new();
    let mut technicians = 0;
    for row in &rows {
        *per_shop.entry(row.shop()).or_default() += row.weight();
        technicians += row.technicians();
    }
    enough(per_shop.len(), technicians)?;
    if dominated(per_shop.values().copied()) {
        return Err(Suppressed::DominantShop);
    }
    let hull = Cell::hull(rows.iter().map(|r| r.leaf()), grain);
    let mut aliases = vec![hull];
    for wider in hull.ancestors() {
        if wider == hull {
            continue;
        }
        match shops_added(all, wider, &hull) {
            0 => aliases.push(wider),
            added if !difference_allowed(added) => return Err(Suppressed::Differencing),
            _ => {}
        }
    }
    Ok(Passed { shops: per_shop.len(), technicians, rows, hull, aliases })
}

/// The complement rule (secondary suppression). Split the parent of the hull — and of every
/// other cell with the same rows, since each may be asked for this figure — along one tree into
/// its children (the areas of a state, the states of a division, the divisions and
/// territories of the nation, the shop-type groups, the experience bands, the certification
/// levels). The children that rules 1, 2 and 4 hide could be worked out
/// together by subtracting the shown ones from the parent; when they hold 1–4 shops, the shown
/// children with the fewest shops are hidden too, one by one, until the hidden ones hold 0 or
/// at least 5. The choice depends only on the rows, so every page, CSV and API answer hides the
/// same cells. Whether a child with this figure's rows is among those hidden is the answer.
///
/// Every alias, not the hull alone: a division whose rows all lie in one state has that
/// state's hull, yet beside the other divisions it is the division's figure that national
/// minus them would isolate a territory with.
fn complement_refused<F: Fact>(all: &[F], passed: &Passed<'_, F>, grain: Grain) -> bool {
    let splits = passed
        .aliases
        .iter()
        .flat_map(|alias| alias.children_of_parents(all.iter().map(|r| r.leaf()), grain));
    for (parent, children) in splits {
        let mut hidden: Vec<Cell> = Vec::new();
        let mut shown: Vec<(usize, String, Cell, Cell)> = Vec::new();
        for child in children {
            match primary(all, child, grain) {
                Ok(sibling) => shown.push((sibling.shops, child.key(), child, sibling.hull)),
                Err(_) => hidden.push(child),
            }
        }
        if hidden.is_empty() {
            continue;
        }
        shown.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let mut next = shown.into_iter();
        while !difference_allowed(shops_in_any(all, &parent, &hidden)) {
            let Some((_, _, child, its_hull)) = next.next() else { break };
            if its_hull == passed.hull {
                return true;
            }
            hidden.push(child);
        }
    }
    false
}

/// Distinct shops among the rows of `parent` that lie in any of `cells`, counted up to 5.
fn shops_in_any<F: Fact>(all: &[F], parent: &Cell, cells: &[Cell]) -> usize {
    let mut seen: Vec<i64> = Vec::with_capacity(5);
    for row in all {
        if parent.contains(row.leaf())
            && cells.iter().any(|c| c.contains(row.leaf()))
            && !seen.contains(&row.shop())
        {
            seen.push(row.shop());
            if seen.len() == 5 {
                break;
            }
        }
    }
    seen.len()
}

/// Distinct shops among the rows of `wider` that are not rows of `narrow`, counted up to 5
/// (enough to decide rule 4).
fn shops_added<F: Fact>(all: &[F], wider: Cell, narrow: &Cell) -> usize {
    let mut seen: Vec<i64> = Vec::with_capacity(5);
    for row in all {
        if wider.contains(row.leaf()) && !narrow.contains(row.leaf()) && !seen.contains(&row.shop()) {
            seen.push(row.shop());
            if seen.len() == 5 {
                break;
            }
        }
    }
    seen.len()
}

fn band(n: u64) -> CountBand {
    // Only reached after rule 1 passed, so the count is at least 5.
    count_band(n).unwrap_or(CountBand::From5To14)
}

fn shown<T>(result: Result<T, Suppressed>) -> Shown<T> {
    match result {
        Ok(figure) => Shown::Yes { figure },
        Err(reason) => Shown::No { reason },
    }
}

/// Annualised pay and its hourly equivalent for a role's rows: the weighted Harrell–Davis
/// percentiles (no shop above 40 % of any of them), each blurred by its fixed blur and
/// rounded to $250 a year and $0.25 an hour.
pub fn pay(data: &QuarterData, role: Role, cell: Cell) -> Shown<PayFigure> {
    let rows = data.pay.get(&role).map(Vec::as_slice).unwrap_or(&[]);
    shown(in_lattice(data, cell).and_then(|cell| check(rows, cell, Grain::PayRows)).and_then(|passed| {
        let samples: Vec<Sample> = passed
            .rows
            .iter()
            .map(|r| Sample { value: r.annual_cents, weight: r.technicians as u64, shop: r.shop })
            .collect();
        let estimate = Estimate::of(&samples, passed.shops).ok_or(Suppressed::DominantShop)?;
        let blur = |k: usize| blur(&data.secret, role.slug(), k, &passed.hull.key());
        Ok(PayFigure {
            shops: band(passed.shops as u64),
            technicians: band(passed.technicians),
            annual: estimate.print(blur, 1.0, ANNUAL_STEP_CENTS),
            // The same blurs: the hourly figure is the annual one in other units, not a
            // second draw to average.
            hourly: estimate.print(blur, HOURS_PER_YEAR as f64, HOURLY_STEP_CENTS),
        })
    }))
}

/// The share of shops offering each benefit, in tenths of a percent.
pub fn benefits(data: &QuarterData, cell: Cell) -> Shown<BenefitsFigure> {
    let cell = Cell { experience: None, certification: None, ..cell };
    shown(in_lattice(data, cell).and_then(|cell| check(&data.shops, cell, Grain::Shops)).map(|passed| {
        let n = passed.rows.len() as u64;
        let prevalence = Benefit::ALL
            .iter()
            .enumerate()
            .map(|(i, benefit)| {
                let offering = passed.rows.iter().filter(|s| s.benefits[i]).count() as u64;
                (*benefit, ((offering * 2000 + n) / (2 * n)) as u32)
            })
            .collect();
        BenefitsFigure { shops: band(n), prevalence }
    }))
}

/// A customer labor rate's distribution over the shops that charge it, estimated like pay
/// (one value per shop) and rounded to $1.
pub fn labor(data: &QuarterData, kind: LaborKind, cell: Cell) -> Shown<LaborFigure> {
    let k = LaborKind::ALL.iter().position(|l| *l == kind).unwrap_or(0);
    let charging: Vec<ShopFact> = data.shops.iter().filter(|s| s.labor[k].is_some()).copied().collect();
    let cell = Cell { experience: None, certification: None, ..cell };
    shown(in_lattice(data, cell).and_then(|cell| check(&charging, cell, Grain::Shops)).and_then(|passed| {
        let mut samples: Vec<Sample> = passed
            .rows
            .iter()
            .filter_map(|s| s.labor[k].map(|v| Sample { value: v, weight: 1, shop: s.shop }))
            .collect();
        samples.sort_unstable_by_key(|s| s.value);
        let estimate = Estimate::of(&samples, passed.shops).ok_or(Suppressed::TooFewShops)?;
        let blur = |k: usize| blur(&data.secret, kind.slug(), k, &passed.hull.key());
        Ok(LaborFigure {
            shops: band(passed.shops as u64),
            rate: estimate.print(blur, 1.0, LABOR_STEP_CENTS),
        })
    }))
}
