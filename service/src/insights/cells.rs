//! The lattice of allowed questions (docs/privacy.md): every dimension is a fixed tree —
//! place (national → Census division → state → three-digit ZIP area; a territory sits
//! directly under national), shop-type group, experience band, certification — and a cell
//! picks one node in each. Nodes of a tree are nested or disjoint, which is what makes the
//! differencing check below complete.
use domain::{divisions::Division, states::STATES};

/// The division number of a state in no division (a territory or freely associated state),
/// and of every row of a quarter published before divisions were (see [`Leaf::division`]).
pub const NO_DIVISION: u8 = u8::MAX;

/// The division number (index in `Division::ALL`) of the state at `state` in `STATES`.
pub fn division_of(state: u16) -> Option<u8> {
    STATES.get(state as usize).and_then(|(code, _)| Division::of_state(code)).map(Division::index)
}

/// Where a row sits in every tree (its leaf). Division, state and area are numbers: the
/// division's index in `Division::ALL`, the state's in `domain::states::STATES` and the ZIP's
/// first three digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leaf {
    /// [`NO_DIVISION`] for a territory, and for every row of a quarter published before
    /// divisions were: such a quarter's place tree keeps its old shape, national → state.
    pub division: u8,
    pub state: u16,
    pub area: u16,
    pub group: u8,
    pub experience: u8,
    pub certification: u8,
}

/// A cell: `None` is a tree's root ("all"). `area` is only set together with `state`, and a
/// state in a division carries its division too (see [`Cell::state`]), so a cell's place is
/// one node of the place tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Cell {
    pub division: Option<u8>,
    pub state: Option<u16>,
    pub area: Option<u16>,
    pub group: Option<u8>,
    pub experience: Option<u8>,
    pub certification: Option<u8>,
}

/// Whether a figure's rows are pay rows (all four trees) or whole shops (place and group
/// only: benefits and labor rates are shop-wide).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    PayRows,
    Shops,
}

fn under<T: PartialEq>(node: Option<T>, value: T) -> bool {
    node.is_none_or(|n| n == value)
}

impl Cell {
    /// A state's cell, with its division (none for a territory).
    pub fn state(state: u16) -> Self {
        Self { division: division_of(state), state: Some(state), ..Self::default() }
    }

    /// A division's cell.
    pub fn division(division: u8) -> Self {
        Self { division: Some(division), ..Self::default() }
    }

    /// This cell's shop-type group, experience and certification at `place`'s place.
    pub fn placed(self, place: Cell) -> Self {
        Self { division: place.division, state: place.state, area: place.area, ..self }
    }

    /// A stable text naming the cell: the key of a figure's blur, which must never change
    /// once a quarter is published (so not `Debug`, whose format is not promised). A state
    /// implies its division, so the division is named only by a division's own cell, as
    /// `d` and its number where the state goes: every key of the lattice before divisions
    /// existed is unchanged, and so is every blur of the quarters published then.
    pub fn key(&self) -> String {
        fn part(v: Option<impl std::fmt::Display>) -> String {
            v.map_or_else(|| "*".to_string(), |v| v.to_string())
        }
        let place = match (self.state, self.division) {
            (None, Some(division)) => format!("d{division}"),
            (state, _) => part(state),
        };
        format!(
            "{}/{}/{}/{}/{}",
            place,
            part(self.area),
            part(self.group),
            part(self.experience),
            part(self.certification)
        )
    }

    pub fn contains(&self, leaf: &Leaf) -> bool {
        under(self.division, leaf.division)
            && under(self.state, leaf.state)
            && under(self.area, leaf.area)
            && under(self.group, leaf.group)
            && under(self.experience, leaf.experience)
            && under(self.certification, leaf.certification)
    }

    /// The deepest cell covering every given leaf (each tree's lowest common node). Its rows
    /// are exactly the rows of any cell these leaves are all the rows of.
    pub fn hull<'a>(leaves: impl IntoIterator<Item = &'a Leaf>, grain: Grain) -> Self {
        fn common<T: PartialEq + Copy>(acc: &mut Option<Option<T>>, value: T) {
            *acc = match *acc {
                None => Some(Some(value)),
                Some(Some(seen)) if seen == value => Some(Some(seen)),
                _ => Some(None),
            };
        }
        let (mut division, mut state, mut area, mut group, mut experience, mut certification) =
            (None, None, None, None, None, None);
        for leaf in leaves {
            common(&mut division, leaf.division);
            common(&mut state, leaf.state);
            common(&mut area, (leaf.state, leaf.area));
            common(&mut group, leaf.group);
            common(&mut experience, leaf.experience);
            common(&mut certification, leaf.certification);
        }
        let pay = grain == Grain::PayRows;
        Self {
            // Rows of territories only, or of a quarter without divisions, share no division.
            division: division.flatten().filter(|d| *d != NO_DIVISION),
            state: state.flatten(),
            area: area.flatten().map(|(_, a)| a),
            group: group.flatten(),
            experience: if pay { experience.flatten() } else { None },
            certification: if pay { certification.flatten() } else { None },
        }
    }

    /// The places at and above this cell's, from national down: national, its division (if
    /// any), its state, its area — each as (division, state, area).
    fn places(&self) -> Vec<(Option<u8>, Option<u16>, Option<u16>)> {
        let mut out = vec![(None, None, None)];
        if self.division.is_some() {
            out.push((self.division, None, None));
        }
        if self.state.is_some() {
            out.push((self.division, self.state, None));
        }
        if self.area.is_some() {
            out.push((self.division, self.state, self.area));
        }
        out
    }

    /// Every cell that is an ancestor-or-self of this one in every tree: exactly the cells
    /// whose rows contain this cell's rows (at most 4 × 2 × 2 × 2 = 32).
    pub fn ancestors(&self) -> Vec<Cell> {
        let up = |v: Option<u8>| if v.is_some() { vec![None, v] } else { vec![None] };
        let mut out = Vec::with_capacity(32);
        for (division, state, area) in self.places() {
            for group in up(self.group) {
                for experience in up(self.experience) {
                    for certification in up(self.certification) {
                        out.push(Cell { division, state, area, group, experience, certification });
                    }
                }
            }
        }
        out
    }
}

impl Cell {
    /// For each tree in which this cell is below the root: its parent in that tree (this cell
    /// one level up there) and the parent's children in that tree that hold any of `leaves`
    /// (this cell among them when it holds rows).
    pub fn children_of_parents<'a>(
        &self,
        leaves: impl Iterator<Item = &'a Leaf> + Clone,
        grain: Grain,
    ) -> Vec<(Cell, Vec<Cell>)> {
        let mut out = Vec::new();
        let mut split = |parent: Cell, child_of: &dyn Fn(&Leaf) -> Cell| {
            let mut children: Vec<Cell> = Vec::new();
            for leaf in leaves.clone().filter(|l| parent.contains(l)) {
                let child = child_of(leaf);
                if !children.contains(&child) {
                    children.push(child);
                }
            }
            out.push((parent, children));
        };
        // The children of national are the divisions and the states in none (territories).
        let under_national = |parent: Cell| {
            move |l: &Leaf| match l.division {
                NO_DIVISION => Cell { division: None, state: Some(l.state), ..parent },
                division => Cell { division: Some(division), ..parent },
            }
        };
        match (self.division, self.state, self.area) {
            (_, Some(_), Some(_)) => {
                let parent = Cell { area: None, ..*self };
                split(parent, &|l| Cell { area: Some(l.area), ..parent });
            }
            (Some(_), Some(_), None) => {
                let parent = Cell { state: None, ..*self };
                split(parent, &|l| Cell { state: Some(l.state), ..parent });
            }
            (None, Some(_), None) | (Some(_), None, None) => {
                let parent = Cell { division: None, state: None, ..*self };
                split(parent, &under_national(parent));
            }
            _ => {}
        }
        if self.group.is_some() {
            let parent = Cell { group: None, ..*self };
            split(parent, &|l| Cell { group: Some(l.group), ..parent });
        }
        if grain == Grain::PayRows {
            if self.experience.is_some() {
                let parent = Cell { experience: None, ..*self };
                split(parent, &|l| Cell { experience: Some(l.experience), ..parent });
            }
            if self.certification.is_some() {
                let parent = Cell { certification: None, ..*self };
                split(parent, &|l| Cell { certification: Some(l.certification), ..parent });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(state: u16, area: u16, group: u8, experience: u8) -> Leaf {
        Leaf {
            division: division_of(state).unwrap_or(NO_DIVISION),
            state,
            area,
            group,
            experience,
            certification: 0,
        }
    }

    fn index(code: &str) -> u16 {
        STATES.iter().position(|(c, _)| *c == code).unwrap() as u16
    }

    const ENC: u8 = 2;

    #[test]
    fn the_hull_is_the_lowest_common_node_in_each_tree() {
        let (mi, oh, pa) = (index("MI"), index("OH"), index("PA"));
        let rows = [leaf(mi, 480, 0, 2), leaf(mi, 481, 0, 2)];
        let hull = Cell::hull(&rows, Grain::PayRows);
        assert_eq!(
            hull,
            Cell {
                division: Some(ENC),
                state: Some(mi),
                area: None,
                group: Some(0),
                experience: Some(2),
                certification: Some(0)
            }
        );
        assert!(rows.iter().all(|r| hull.contains(r)));
        let shops = Cell::hull(&rows, Grain::Shops);
        assert_eq!((shops.experience, shops.certification), (None, None));
        // The same area number in two states is two areas.
        assert_eq!(Cell::hull(&[leaf(mi, 480, 0, 0), leaf(oh, 480, 0, 0)], Grain::Shops).area, None);
        // Two states of one division: the division; of two divisions, or two territories: national.
        let ohio_too = Cell::hull(&[leaf(mi, 480, 0, 0), leaf(oh, 432, 0, 0)], Grain::Shops);
        assert_eq!((ohio_too.division, ohio_too.state), (Some(ENC), None));
        let two = Cell::hull(&[leaf(mi, 480, 0, 0), leaf(pa, 152, 0, 0)], Grain::Shops);
        assert_eq!((two.division, two.state), (None, None));
        let islands = Cell::hull(&[leaf(index("PR"), 9, 0, 0), leaf(index("GU"), 969, 0, 0)], Grain::Shops);
        assert_eq!((islands.division, islands.state), (None, None));
    }

    #[test]
    fn a_cell_is_one_of_its_parents_children_in_each_tree() {
        let (mi, oh, pa, pr) = (index("MI"), index("OH"), index("PA"), index("PR"));
        let rows = [
            leaf(mi, 480, 0, 2),
            leaf(mi, 481, 0, 2),
            leaf(mi, 481, 1, 2),
            leaf(oh, 430, 0, 2),
            leaf(pa, 152, 0, 2),
            leaf(pr, 9, 0, 2),
        ];
        let cell = Cell { area: Some(481), group: Some(0), ..Cell::state(mi) };
        let splits = cell.children_of_parents(rows.iter(), Grain::Shops);
        assert_eq!(splits.len(), 2, "place and group");
        let (parent, areas) = &splits[0];
        assert_eq!(*parent, Cell { area: None, ..cell });
        assert_eq!(areas.len(), 2);
        assert!(areas.contains(&cell));
        let (parent, groups) = &splits[1];
        assert_eq!(*parent, Cell { group: None, ..cell });
        assert_eq!(groups.len(), 2);

        // A state is a child of its division; the division's other children are its states.
        let (parent, states) = &Cell::state(mi).children_of_parents(rows.iter(), Grain::Shops)[0];
        assert_eq!(*parent, Cell::division(ENC));
        assert_eq!(*states, [Cell::state(mi), Cell::state(oh)]);
        // A division and a territory are children of national, beside the other divisions.
        for cell in [Cell::division(ENC), Cell::state(pr)] {
            let (parent, children) = &cell.children_of_parents(rows.iter(), Grain::Shops)[0];
            assert_eq!(*parent, Cell::default());
            assert_eq!(*children, [Cell::division(ENC), Cell::division(1), Cell::state(pr)]);
        }
    }

    #[test]
    fn ancestors_are_every_cell_above_in_every_tree() {
        let deepest = Cell {
            area: Some(481),
            group: Some(1),
            experience: Some(0),
            certification: Some(2),
            ..Cell::state(index("MI"))
        };
        let all = deepest.ancestors();
        assert_eq!(all.len(), 32);
        assert!(all.contains(&Cell::default()));
        assert!(all.contains(&deepest));
        assert!(all.contains(&Cell::division(ENC)));
        assert!(all.iter().all(|a| a.area.is_none() || a.state.is_some()));
        assert!(all.iter().all(|a| a.state.is_none() || a.division == Some(ENC)));
        assert_eq!(Cell::default().ancestors(), vec![Cell::default()]);
        // A territory's place has no division above it.
        let island = Cell { area: Some(9), group: Some(1), ..Cell::state(index("PR")) };
        assert_eq!(island.ancestors().len(), 6);
    }

    #[test]
    fn keys_of_cells_that_existed_before_divisions_are_unchanged() {
        let mi = index("MI");
        assert_eq!(Cell::state(mi).key(), format!("{mi}/*/*/*/*"), "a state implies its division");
        assert_eq!(Cell { area: Some(481), ..Cell::state(mi) }.key(), format!("{mi}/481/*/*/*"));
        assert_eq!(Cell::default().key(), "*/*/*/*/*");
        assert_eq!(Cell { group: Some(1), ..Cell::division(ENC) }.key(), "d2/*/1/*/*");
    }
}
