//! Realigning one row of a performance table. Extraction drops the empty
//! cells of merged columns, so a row's cells slide left or right by one or
//! more columns, and differently on each page (seed 004 prints a project's
//! name in column 1, 0 or 5). Cells keep their order, though, and their
//! content says much about their column: a unit word, a sign, a score. So a
//! row is read as the cheapest order-keeping assignment of its non-empty
//! cells to the columns' roles that every cell fits, where moving away from
//! the header's column costs little (one per column, only a tie-breaker)
//! and changing the shift within a row costs much.

use crate::config::raw::{IndicatorWords, Values};
use crate::config::{Role, RoleSpec};

use super::cells;

/// Cost of a cell sitting one column further right than the one before it
/// says: extraction only does that where it printed an extra empty cell.
const SHIFT: i64 = 100;
/// Cost of a cell sitting one column further left: what dropping the empty
/// cell of a merged column does, so it is cheaper.
const SLIDE: i64 = 25;
/// Cost of a printed value column left empty between two filled ones.
const GAP: i64 = 20;
/// Cost of joining a cell to the text of the cell before it.
const JOIN: i64 = 10;
/// Cost of a row ending before its weight or score: indicator rows end with one.
const MISSING: i64 = 100;
/// Cost of an amount printed as money (`3.00`, `1,855.75`) outside a money column.
const AMOUNT: i64 = 150;

/// Cost of a name ending like a level name (`…指标`) read as a 三级 name or
/// a project: a 二级 column takes it when the row leaves one free.
const LEVEL_LIKE: i64 = 50;

/// Cost of reading a name the vocabulary does not know as a 二级 name. A
/// template's own 二级 name (`长效管理`) is printed in its column; reading
/// it otherwise costs a shift right for the cells after it, or (first on
/// its row) a slide of two columns back from the label column on the left.
/// A 三级 name slid left into that column (its merged 二级 cell dropped,
/// xarsj) must stay 三级: the cell after it then slides a column more.
const UNKNOWN_LEVEL: i64 = 40;

/// One role a row may fill: its spec and expected column.
#[derive(Debug, Clone, Copy)]
pub struct Slot<'a> {
    /// The column's role.
    pub spec: &'a RoleSpec,
    /// Expected column.
    pub nominal: i32,
}

/// A row read: the slot index of each non-empty cell, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// Slot of each cell.
    pub slots: Vec<usize>,
    /// Total cost; 0 when every cell sits under its header and the row ends
    /// with its weight or score.
    pub cost: i64,
}

/// One partial reading: the slot of the last cell, its shift, its cost and
/// the state it came from.
#[derive(Debug, Clone, Copy)]
struct State {
    slot: usize,
    shift: i32,
    cost: i64,
    back: usize,
}

/// The cheapest reading of `cells` (column, compact text), or `None` when
/// some cell fits no slot left for it.
pub fn align(cells: &[(usize, &str)], slots: &[Slot], w: &IndicatorWords) -> Option<Alignment> {
    let has_money = slots.iter().any(|s| s.spec.role == Role::Money);
    let has_level2 = slots.iter().any(|s| s.spec.values == Values::Level2);
    let mut layers: Vec<Vec<State>> = Vec::with_capacity(cells.len());
    for (j, (col, text)) in cells.iter().enumerate() {
        let mut next: Vec<State> = vec![];
        let amount = has_money && cells::looks_like_money(text);
        let level_like = cells::ends_like_level(text, w);
        let unknown_level2 = has_level2 && !cells::is_whole_level2(text, w);
        // Slots share value kinds (several Label or Number columns): ask each kind once per cell.
        let mut fit: [Option<bool>; 16] = [None; 16];
        let mut fits = |v: Values| *fit[v as usize].get_or_insert_with(|| cells::fits(v, text, w));
        // Cells keep their order: a slot left of every reading so far (or
        // the leftmost one's, unless it joins) takes no cell, so it is not asked.
        let first = layers.last().and_then(|l| l.iter().map(|st| st.slot).min());
        let reachable = |s: usize| first.is_none_or(|f| s > f || s == f && slots[s].spec.join);
        for (s, slot) in slots.iter().enumerate().filter(|&(s, sl)| reachable(s) && fits(sl.spec.values)) {
            let start = next.len();
            let shift = *col as i32 - slot.nominal;
            // Such a name is read only right after a printed 一级 name, or
            // first on its row and right under its header: a card's `主管部门
            // | 某某局` row does neither.
            let own_level2 = unknown_level2 && slot.spec.values == Values::Level2;
            let own = if amount && slot.spec.role != Role::Money { AMOUNT } else { 0 }
                + if level_like && slot.spec.values == Values::Name { LEVEL_LIKE } else { 0 }
                + if own_level2 { UNKNOWN_LEVEL } else { 0 };
            if j == 0 {
                if own_level2 && shift != 0 {
                    continue;
                }
                keep(&mut next, start, State { slot: s, shift, cost: own + shift.abs() as i64, back: 0 });
                continue;
            }
            for (b, prev) in layers[j - 1].iter().enumerate() {
                if own_level2 && slots[prev.slot].spec.role != Role::Level1 {
                    continue;
                }
                if let Some(state) = step(prev, b, s, shift, slots) {
                    keep(&mut next, start, State { cost: state.cost + own, ..state });
                }
            }
        }
        if next.is_empty() {
            return None;
        }
        layers.push(next);
    }
    trace(&layers, slots)
}

/// Extends a reading by one cell in slot `s`; joining needs a `join` slot.
fn step(prev: &State, b: usize, s: usize, shift: i32, slots: &[Slot]) -> Option<State> {
    if s == prev.slot && slots[s].spec.join {
        // The continuation keeps the shift of the cell it continues.
        let cost = prev.cost + JOIN + prev.shift.abs() as i64;
        return Some(State { cost, back: b, ..*prev });
    }
    if s <= prev.slot {
        return None;
    }
    let gaps = slots[prev.slot + 1..s].iter().filter(|sl| is_value(sl.spec.role)).count() as i64;
    let moved = (shift - prev.shift) as i64;
    let moved = if moved > 0 { SHIFT * moved } else { SLIDE * -moved };
    let cost = prev.cost + moved + GAP * gaps + shift.abs() as i64;
    Some(State { slot: s, shift, cost, back: b })
}

/// Roles whose emptiness between two filled cells is worth noticing.
fn is_value(role: Role) -> bool {
    matches!(role, Role::Target | Role::Actual | Role::Weight | Role::Score | Role::Operator | Role::MeasureUnit)
}

/// Keeps the cheaper of two states with the same slot and shift; the first
/// found wins ties, so the result never depends on anything but the input.
/// Every state a cell's slot gives has that slot, so only those from
/// `start` on can have the same.
fn keep(states: &mut Vec<State>, start: usize, s: State) {
    match states[start..].iter_mut().find(|x| x.slot == s.slot && x.shift == s.shift) {
        Some(x) if s.cost < x.cost => *x = s,
        Some(_) => {}
        None => states.push(s),
    }
}

fn trace(layers: &[Vec<State>], slots: &[Slot]) -> Option<Alignment> {
    let last = layers.last()?;
    let total = |s: &State| {
        let missing =
            slots[s.slot + 1..].iter().filter(|sl| matches!(sl.spec.role, Role::Weight | Role::Score)).count();
        s.cost + MISSING * missing as i64
    };
    let (mut at, end) = last.iter().enumerate().min_by_key(|(i, s)| (total(s), *i))?;
    let cost = total(end);
    let mut slots = vec![0; layers.len()];
    for j in (0..layers.len()).rev() {
        let s = layers[j][at];
        slots[j] = s.slot;
        at = s.back;
    }
    Some(Alignment { slots, cost })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Pipeline, Values};

    fn spec(role: Role, values: Values, join: bool) -> RoleSpec {
        RoleSpec { role, headers: vec![], column: None, values, join }
    }

    #[test]
    fn a_row_slid_left_keeps_its_order() {
        let w = Pipeline::load(&[] as &[&str]).unwrap().indicators.unwrap();
        let specs = [
            spec(Role::Level3, Values::Name, true),
            spec(Role::Target, Values::Any, false),
            spec(Role::MeasureUnit, Values::Unit, false),
            spec(Role::Operator, Values::Operator, false),
            spec(Role::Weight, Values::Number, false),
        ];
        let slots: Vec<Slot> = specs.iter().enumerate().map(|(i, s)| Slot { spec: s, nominal: i as i32 + 6 }).collect();
        // seed 004 line 426: the unit cell is empty, so = and 14 sit one column left.
        let cells = vec![(6, "评审工作完成时效"), (7, "2023年12月20日"), (8, "="), (9, "14")];
        let a = align(&cells, &slots, &w).unwrap();
        assert_eq!(a.slots, vec![0, 1, 3, 4]);
    }

    /// The columns of seed 004's 项目支出绩效目标表, in order.
    fn targets() -> Vec<RoleSpec> {
        vec![
            spec(Role::Code, Values::Code, false),
            spec(Role::Project, Values::Name, false),
            spec(Role::Money, Values::Amount, false),
            spec(Role::Text, Values::Label, false),
            spec(Role::Level1, Values::Level1, false),
            spec(Role::Level2, Values::Level2, false),
            spec(Role::Level3, Values::Name, false),
            spec(Role::Target, Values::Any, false),
            spec(Role::Text, Values::Label, false),
            spec(Role::Text, Values::Label, false),
            spec(Role::MeasureUnit, Values::Unit, false),
            spec(Role::Operator, Values::Operator, false),
            spec(Role::Weight, Values::Number, false),
        ]
    }

    #[test]
    fn money_stays_in_the_money_column() {
        let w = Pipeline::load(&[] as &[&str]).unwrap().indicators.unwrap();
        let specs = targets();
        let slots: Vec<Slot> = specs.iter().enumerate().map(|(i, s)| Slot { spec: s, nominal: i as i32 }).collect();
        let roles = |cells: &[(usize, &str)]| -> Vec<Role> {
            align(cells, &slots, &w).unwrap().slots.iter().map(|&s| slots[s].spec.role).collect()
        };
        // seed 004 line 497: a project row four columns right, no indicator on it.
        let shifted = vec![(5, "派驻纪检监察组办公经费"), (6, "3.00"), (7, "派驻纪检监察足额供应支出")];
        assert_eq!(roles(&shifted), vec![Role::Project, Role::Money, Role::Text]);
        // seed 004 line 363: `合计` in the code column; 1,855.75 is no weight.
        let total = vec![(0, "合计"), (2, "1,855.75")];
        assert_eq!(roles(&total), vec![Role::Project, Role::Money]);
        let total = vec![(0, "合计"), (2, "1855.75")];
        assert_eq!(roles(&total), vec![Role::Project, Role::Money], "printed without separators");
        // A spreadsheet prints 1,200.00 as 1200: still the project's money.
        let whole = vec![(1, "教师资格考试费"), (2, "1200"), (3, "组织全市教师资格考试")];
        assert_eq!(roles(&whole), vec![Role::Project, Role::Money, Role::Text]);
        // seed 004 line 453: a target 0.5 is not money.
        let target = vec![(10, "投诉率"), (11, "0.5"), (12, "考生对考试组织工作的投诉率")];
        assert_eq!(roles(&target), vec![Role::Level3, Role::Target, Role::Text]);
    }
}
