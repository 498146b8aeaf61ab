//! The lattice of allowed questions (docs/privacy.md): every dimension is a fixed tree —
//! place (national → state → three-digit ZIP area), shop-type group, experience band,
//! certification — and a cell picks one node in each. Nodes of a tree are nested or
//! disjoint, which is what makes the differencing check below complete.

/// Where a row sits in every tree (its leaf). State and area are numbers: the state's index
/// in `domain::states::STATES` and the ZIP's first three digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leaf {
    pub state: u16,
    pub area: u16,
    pub group: u8,
    pub experience: u8,
    pub certification: u8,
}

/// A cell: `None` is a tree's root ("all"). `area` is only set together with `state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Cell {
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
    /// A stable text naming the cell: the key of a figure's blur, which must never change
    /// once a quarter is published (so not `Debug`, whose format is not promised).
    pub fn key(&self) -> String {
        fn part(v: Option<impl std::fmt::Display>) -> String {
            v.map_or_else(|| "*".to_string(), |v| v.to_string())
        }
        format!(
            "{}/{}/{}/{}/{}",
            part(self.state),
            part(self.area),
            part(self.group),
            part(self.experience),
            part(self.certification)
        )
    }

    pub fn contains(&self, leaf: &Leaf) -> bool {
        under(self.state, leaf.state)
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
        let (mut state, mut area, mut group, mut experience, mut certification) =
            (None, None, None, None, None);
        for leaf in leaves {
            common(&mut state, leaf.state);
            common(&mut area, (leaf.state, leaf.area));
            common(&mut group, leaf.group);
            common(&mut experience, leaf.experience);
            common(&mut certification, leaf.certification);
        }
        let pay = grain == Grain::PayRows;
        Self {
            state: state.flatten(),
            area: area.flatten().map(|(_, a)| a),
            group: group.flatten(),
            experience: if pay { experience.flatten() } else { None },
            certification: if pay { certification.flatten() } else { None },
        }
    }

    /// Every cell that is an ancestor-or-self of this one in every tree: exactly the cells
    /// whose rows contain this cell's rows (at most 3 × 2 × 2 × 2 = 24).
    pub fn ancestors(&self) -> Vec<Cell> {
        let places: Vec<(Option<u16>, Option<u16>)> = match (self.state, self.area) {
            (Some(s), Some(a)) => vec![(None, None), (Some(s), None), (Some(s), Some(a))],
            (Some(s), None) => vec![(None, None), (Some(s), None)],
            _ => vec![(None, None)],
        };
        let up = |v: Option<u8>| if v.is_some() { vec![None, v] } else { vec![None] };
        let mut out = Vec::with_capacity(24);
        for (state, area) in &places {
            for group in up(self.group) {
                for experience in up(self.experience) {
                    for certification in up(self.certification) {
                        out.push(Cell { state: *state, area: *area, group, experience, certification });
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
        match (self.state, self.area) {
            (Some(_), Some(_)) => {
                let parent = Cell { area: None, ..*self };
                split(parent, &|l| Cell { area: Some(l.area), ..parent });
            }
            (Some(_), None) => {
                let parent = Cell { state: None, ..*self };
                split(parent, &|l| Cell { state: Some(l.state), ..parent });
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
        Leaf { state, area, group, experience, certification: 0 }
    }

    #[test]
    fn the_hull_is_the_lowest_common_node_in_each_tree() {
        let rows = [leaf(1, 480, 0, 2), leaf(1, 481, 0, 2)];
        let hull = Cell::hull(&rows, Grain::PayRows);
        assert_eq!(
            hull,
            Cell { state: Some(1), area: None, group: Some(0), experience: Some(2), certification: Some(0) }
        );
        assert!(rows.iter().all(|r| hull.contains(r)));
        let shops = Cell::hull(&rows, Grain::Shops);
        assert_eq!((shops.experience, shops.certification), (None, None));
        // The same area number in two states is two areas.
        assert_eq!(Cell::hull(&[leaf(1, 480, 0, 0), leaf(2, 480, 0, 0)], Grain::Shops).area, None);
    }

    #[test]
    fn a_cell_is_one_of_its_parents_children_in_each_tree() {
        let rows = [leaf(1, 480, 0, 2), leaf(1, 481, 0, 2), leaf(1, 481, 1, 2), leaf(2, 430, 0, 2)];
        let cell = Cell { state: Some(1), area: Some(481), group: Some(0), ..Default::default() };
        let splits = cell.children_of_parents(rows.iter(), Grain::Shops);
        assert_eq!(splits.len(), 2, "place and group");
        let (parent, areas) = &splits[0];
        assert_eq!(*parent, Cell { area: None, ..cell });
        assert_eq!(areas.len(), 2);
        assert!(areas.contains(&cell));
        let (parent, groups) = &splits[1];
        assert_eq!(*parent, Cell { group: None, ..cell });
        assert_eq!(groups.len(), 2);
    }

    #[test]
    fn ancestors_are_every_cell_above_in_every_tree() {
        let deepest = Cell {
            state: Some(3),
            area: Some(100),
            group: Some(1),
            experience: Some(0),
            certification: Some(2),
        };
        let all = deepest.ancestors();
        assert_eq!(all.len(), 24);
        assert!(all.contains(&Cell::default()));
        assert!(all.contains(&deepest));
        assert!(all.iter().all(|a| a.area.is_none() || a.state.is_some()));
        assert_eq!(Cell::default().ancestors(), vec![Cell::default()]);
    }
}
