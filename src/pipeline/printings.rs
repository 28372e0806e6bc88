//! Tables a report prints more than once: again with the same numbers (in
//! its text and in an appendix), written once; or for one of its 单位 with
//! other numbers, whose facts carry the unit its preamble names. Each
//! unit's tables are validated as one set.

use crate::model::{Fact, Finding, Severity};
use crate::normalize::{self, row_finding, Normalized};
use crate::segment::Block;

/// The printings kept so far, and the sets of tables checked together.
#[derive(Default)]
pub struct Printings {
    printed: Vec<Printed>,
    /// A set's unit (`None`: the report's) and how many printings of its
    /// tables for that unit came before, in the order first met.
    sets: Vec<(Option<String>, usize)>,
}

impl Printings {
    /// Places a table whose facts would follow `facts`: `None` when it is a
    /// printing with the same numbers as one kept (its facts are dropped),
    /// else the set it is checked with; its facts take the unit of a 单位's
    /// printing. The finding says what was done.
    pub fn place(
        &mut self,
        block: &Block,
        norm: &mut Normalized,
        facts: &[Fact],
        report_unit: Option<&str>,
    ) -> (Option<usize>, Option<Finding>) {
        let earlier = self.earlier(facts, norm);
        if let Some(first) = earlier.iter().find(|p| same_numbers(&facts[p.facts.clone()], &norm.facts)) {
            let msg = format!(
                "{} is printed again here with the same numbers as at line {}: its facts are written once",
                norm.title, first.line
            );
            return (None, Some(row_finding(Severity::Info, "table_reprinted", msg, block.title_line, &norm.table)));
        }
        let unit = earlier.first().and_then(|first| {
            block.unit.clone().filter(|u| first.unit.as_ref() != Some(u) && report_unit != Some(u.as_str()))
        });
        let finding = earlier.first().map(|first| printed_again(norm, first.line, block.title_line, unit.as_deref()));
        norm.facts.iter_mut().for_each(|f| f.unit.clone_from(&unit));
        let again = earlier.iter().filter(|p| p.checked_as == unit).count();
        let set = self.set((unit.clone(), again));
        let range = facts.len()..facts.len() + norm.facts.len();
        let kept = Printed {
            table: norm.table.clone(),
            line: block.title_line,
            unit: block.unit.clone(),
            checked_as: unit,
            facts: range,
        };
        self.printed.push(kept);
        (Some(set), finding)
    }

    /// The printings of the table kept so far that print a cell where this
    /// one does; more rows of a table (其他 projects of a 绩效目标表) are no
    /// printing of their own.
    fn earlier(&self, facts: &[Fact], norm: &Normalized) -> Vec<&Printed> {
        let same_table = |p: &&Printed| p.table == norm.table && norm.table != normalize::OTHER;
        self.printed.iter().filter(same_table).filter(|p| overlap(&facts[p.facts.clone()], &norm.facts)).collect()
    }

    /// The index of a set, added if new.
    fn set(&mut self, key: (Option<String>, usize)) -> usize {
        self.sets.iter().position(|s| *s == key).unwrap_or_else(|| {
            self.sets.push(key);
            self.sets.len() - 1
        })
    }
}

/// A printing of a catalog table kept: its id, title line, the unit its
/// preamble names, the unit its facts carry, and its facts.
struct Printed {
    table: String,
    line: u32,
    unit: Option<String>,
    /// The unit its facts carry (`None`: the report's).
    checked_as: Option<String>,
    facts: std::ops::Range<usize>,
}

/// The finding on a table printed again with other numbers: for the unit
/// its preamble names, whose facts then carry it, or for no other unit.
fn printed_again(norm: &Normalized, first: u32, line: u32, unit: Option<&str>) -> Finding {
    let (severity, msg) = match unit {
        Some(u) => (
            Severity::Info,
            format!(
                "{} is printed again here for {u}, as its preamble says, with other numbers than at line {first}: \
                 its facts carry that unit and are checked on their own",
                norm.title
            ),
        ),
        None => (
            Severity::Warning,
            format!(
                "{} is printed again here with other numbers than at line {first}, for no other unit its preamble \
                 names: both printings are written under the same table and unit, so filter by line before adding \
                 them up; each is checked on its own",
                norm.title
            ),
        ),
    };
    row_finding(severity, "table_printed_again", msg, line, &norm.table)
}

/// True when two printings of a table print the same: every fact's place
/// and number as printed, in order.
fn same_numbers(a: &[Fact], b: &[Fact]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_place(x, y) && x.amount_text == y.amount_text)
}

/// True when some fact of `b` sits where one of `a` does.
fn overlap(a: &[Fact], b: &[Fact]) -> bool {
    b.iter().any(|y| a.iter().any(|x| same_place(x, y)))
}

fn same_place(x: &Fact, y: &Fact) -> bool {
    x.section == y.section && x.code == y.code && x.item == y.item && x.column == y.column
}
