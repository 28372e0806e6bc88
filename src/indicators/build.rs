//! From realigned cells to output rows: the facts of money and score cells
//! (each project's amounts once, although every page repeats them), the
//! values of an indicator row, and the `Indicator` itself.

use crate::config::raw::IndicatorWords;
use crate::config::{Role, RoleSpec, TableSpec};
use crate::model::{Amount, CodeSystem, Fact, Finding, Indicator, Severity};
use crate::text;

use super::cells;
use super::levels::{Label, Printed};
use super::REPEAT_DIFFERS;

/// A realigned cell: its role and (column, compact text, printed text).
pub type Filled<'a> = (&'a RoleSpec, &'a (usize, String, String));

/// One value cell of a row: canonical column, text as printed, money or not.
pub struct Value<'a> {
    /// Canonical column.
    pub column: &'a str,
    /// The cell as printed.
    pub printed: &'a str,
    /// Money is converted to 万元; rates and scores are kept as printed.
    pub money: bool,
}

/// The facts of one table, kept once per item, column and code.
pub struct Facts {
    table: String,
    title: String,
    scale_exp: i32,
    facts: Vec<Fact>,
    findings: Vec<Finding>,
}

impl Facts {
    /// No facts yet; money cells are scaled by `scale_exp`.
    pub fn new(spec: &TableSpec, scale_exp: i32) -> Facts {
        Facts { table: spec.id.clone(), title: spec.title.clone(), scale_exp, facts: vec![], findings: vec![] }
    }

    /// The value cells of one row keyed by item and code.
    pub fn row(&mut self, item: &str, code: Option<String>, values: &[Value], line: u32) {
        for v in values {
            let c = text::compact(v.printed);
            let amount = if v.money { text::number(&c) } else { cells::score_number(&c) };
            let scale = if v.money { self.scale_exp } else { 0 };
            match amount {
                Some(a) => self.push(item, code.clone(), v.column, (a, scale, v.printed), line),
                None => {
                    self.finding(line, format!("cell {:?} in column {} is not a number; not read", v.printed, v.column))
                }
            }
        }
    }

    /// The values of a row naming `item` that its earlier printing (every
    /// page repeats a project's row) does not contradict: a column the
    /// first printing left empty is a cell realigned into the wrong column
    /// (seed 004 line 584 with its 单位编码 and 单位名称 in one cell), so it is
    /// reported, not kept.
    pub fn unrepeated<'v>(
        &mut self,
        item: &str,
        code: &Option<String>,
        values: Vec<Value<'v>>,
        line: u32,
    ) -> Vec<Value<'v>> {
        let of_item = |f: &&Fact| f.item == item && f.code == *code;
        let Some(first) = self.facts.iter().filter(of_item).map(|f| f.line).find(|&l| l != line) else { return values };
        let (kept, stray): (Vec<Value>, Vec<Value>) =
            values.into_iter().partition(|v| self.facts.iter().filter(of_item).any(|f| f.column == v.column));
        for v in stray {
            let msg = format!(
                "{item} is printed again here with {} under {}, a column empty on line {first}; not read, compare with the PDF",
                v.printed, v.column
            );
            self.findings.push(finding(Severity::Warning, REPEAT_DIFFERS, msg, line, &self.table));
        }
        kept
    }

    /// Amounts printed inside label cells, all in `column`.
    pub fn inline(&mut self, pairs: &[Inline], column: &str, line: u32) {
        for p in pairs {
            if let Some(a) = p.amount {
                self.push(&p.label, None, column, (a, p.scale_exp.unwrap_or(self.scale_exp), &p.printed), line);
            }
        }
    }

    fn push(&mut self, item: &str, code: Option<String>, column: &str, value: (Amount, i32, &str), line: u32) {
        let (printed, scale_exp, text) = value;
        let same = |f: &&Fact| f.item == item && f.column == column && f.code == code;
        if let Some(first) = self.facts.iter().find(same) {
            // Tables repeat the project row on every page (seed 004).
            if first.printed != printed || first.scale_exp != scale_exp {
                let msg = format!(
                    "{item} {column} is printed as {text} here but {} on line {}; the first is kept",
                    first.amount_text, first.line
                );
                self.findings.push(finding(Severity::Warning, REPEAT_DIFFERS, msg, line, &self.table));
            }
            return;
        }
        let code_system = code.as_ref().map(|_| CodeSystem::Unit);
        self.facts.push(Fact {
            table: self.table.clone(),
            table_title: self.title.clone(),
            code,
            column: column.to_string(),
            printed,
            scale_exp,
            amount_text: text.to_string(),
            section: None,
            item: item.to_string(),
            alt_code: None,
            code_system,
            code_level: None,
            line,
            unit: None,
        });
    }

    fn finding(&mut self, line: u32, msg: String) {
        self.findings.push(finding(Severity::Warning, "unreadable_number", msg, line, &self.table));
    }

    /// The facts and the findings met on the way.
    pub fn finish(self) -> (Vec<Fact>, Vec<Finding>) {
        (self.facts, self.findings)
    }
}

fn finding(sev: Severity, check: &str, msg: String, line: u32, table: &str) -> Finding {
    let mut f = Finding::new(sev, check, msg);
    f.line = Some(line);
    f.table = Some(table.to_string());
    f
}

/// A label with the amount printed in its cell or the next one.
pub struct Inline {
    /// Normalized label: the fact's item.
    pub label: String,
    /// The amount, if one is printed.
    pub amount: Option<Amount>,
    /// Power of ten of the amount's own unit word (`万元` → 0), if it prints one.
    pub scale_exp: Option<i32>,
    /// The amount as printed.
    pub printed: String,
}

/// A row of amounts printed inside their label cells: `其中：基本支出：684.17`
/// (seed 000), or labels each followed by `68.61万元` (seed 003). `None`
/// when any cell is something else.
pub fn inline_pairs(cells: &[(usize, String, String)]) -> Option<Vec<Inline>> {
    colon_pairs(cells).or_else(|| unit_pairs(cells))
}

fn colon_pairs(cells: &[(usize, String, String)]) -> Option<Vec<Inline>> {
    cells
        .iter()
        .map(|(_, c, raw)| {
            let (head, value) = c.rsplit_once(':')?;
            let label = text::label(head.rsplit(':').next().unwrap_or(head));
            let amount = if value.is_empty() { None } else { Some(text::number(value)?) };
            (!label.is_empty()).then(|| Inline { label, amount, scale_exp: None, printed: raw_value(raw) })
        })
        .collect()
}

/// The number after the last colon of a printed cell.
fn raw_value(raw: &str) -> String {
    raw.rsplit([':', '：']).next().unwrap_or(raw).trim().to_string()
}

fn unit_pairs(cells: &[(usize, String, String)]) -> Option<Vec<Inline>> {
    let mut out = vec![];
    let mut label = String::new();
    for (_, c, raw) in cells {
        match c.strip_suffix("万元").and_then(text::number) {
            Some(a) if !label.is_empty() => {
                let label = text::label(&std::mem::take(&mut label));
                out.push(Inline { label, amount: Some(a), scale_exp: Some(0), printed: raw.clone() });
            }
            Some(_) => return None,
            None if text::has_cjk(c) && text::number(c).is_none() => label.push_str(c),
            None => return None,
        }
    }
    (label.is_empty() && !out.is_empty()).then_some(out)
}

/// The values of an indicator row as printed, names not yet settled.
pub fn printed(filled: &[Filled], line: u32) -> Printed {
    let mut p = Printed { line, ..Printed::default() };
    for (spec, (_, c, raw)) in filled {
        let number = || cells::score_number(c).map(|a| a.value());
        match spec.role {
            Role::Level1 => name(&mut p.names[0], raw),
            Role::Level2 => name(&mut p.names[1], raw),
            Role::Level1Weight => p.names[0].iter_mut().for_each(|l| l.weight = number()),
            Role::Level2Weight => p.names[1].iter_mut().for_each(|l| l.weight = number()),
            Role::Level3 => p.level3.push_str(raw),
            Role::Target => append(&mut p.target, raw),
            Role::Actual => append(&mut p.actual, raw),
            Role::MeasureUnit => append(&mut p.unit, raw),
            Role::Operator => p.operator = Some(c.clone()),
            Role::Weight => p.weight = number(),
            Role::Score => p.score = number(),
            Role::Code | Role::Project | Role::Item | Role::Money | Role::Number | Role::Text => {}
        }
    }
    p.level3 = text::compact(&p.level3).into_owned();
    p
}

fn name(slot: &mut Option<Label>, raw: &str) {
    let text = text::compact(raw).into_owned();
    match slot {
        Some(l) => l.text.push_str(&text),
        None => *slot = Some(Label { text, weight: None }),
    }
}

fn append(slot: &mut Option<String>, raw: &str) {
    slot.get_or_insert_with(String::new).push_str(raw);
}

/// The output row of a settled indicator row.
pub fn indicator(p: &Printed, names: [String; 2], table: &str, w: &IndicatorWords) -> Indicator {
    let [level1, level2] = if p.total { [w.total_label.clone(), String::new()] } else { names };
    let target = p.target.clone().unwrap_or_default();
    let operator = p
        .operator
        .as_deref()
        .and_then(|o| cells::operator(o, w))
        .or_else(|| cells::leading_operator(&text::compact(&target), w).0)
        .map(str::to_string);
    let quantity = cells::quantity(&target, w);
    Indicator {
        line: p.line,
        table: table.to_string(),
        project: p.project.clone(),
        level1,
        level2,
        level3: p.level3.clone(),
        target_value: quantity.as_ref().map(|(n, _)| *n),
        target,
        operator,
        // Score sheets print the measure word in the value (`≥300公里`), not
        // in a 度量单位 column of its own.
        measure_unit: p.unit.clone().or_else(|| quantity.map(|(_, u)| u).filter(|u| !u.is_empty())),
        actual_value: p.actual.as_deref().and_then(|a| cells::numeric_part(a, w)),
        actual: p.actual.clone(),
        weight: p.weight,
        score: p.score,
    }
}
