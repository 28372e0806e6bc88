//! The arithmetic engine. Values are compared as integers at the finest
//! printed precision of their operands; the tolerance is half a unit of that
//! digit per addend, because reports round each cell when they convert
//! money units ("金额单位转换时可能存在尾数误差").

use super::Counts;
use crate::config::{Check, TableSpec};
use crate::model::{Fact, Finding, ReportKind, Severity};

/// One document's checks in progress.
pub struct Run<'f> {
    facts: &'f [Fact],
    counts: Counts,
    findings: Vec<Finding>,
}

impl<'f> Run<'f> {
    /// A run over these facts.
    pub fn new(facts: &'f [Fact], counts: Counts) -> Self {
        Run { facts, counts, findings: vec![] }
    }

    /// True when the document has facts of the table.
    pub fn has_table(&self, id: &str) -> bool {
        self.facts.iter().any(|f| f.table == id)
    }

    /// True when the document has facts of any table of that report kind.
    pub fn report_has(&self, report: ReportKind) -> bool {
        self.facts.iter().any(|f| f.table.starts_with(report.as_str()))
    }

    /// Counts and findings.
    pub fn finish(self) -> (Counts, Vec<Finding>) {
        (self.counts, self.findings)
    }

    /// Runs one declared check of a table.
    pub fn check(&mut self, spec: &TableSpec, check: &Check) {
        match check {
            Check::RowSum { total, parts } => self.row_sums(spec, total, parts),
            Check::Hierarchy { totals } => self.hierarchy(spec, totals),
            Check::ItemSum { section, column, total, parts } => {
                self.item_sum(spec, section.as_deref(), column, total, parts)
            }
            Check::Equal { section, column, item, other_table, other_section, other_column, other_item } => {
                let a = self.find(&spec.id, section.as_deref(), column, item);
                let b = self.find(other_table, other_section.as_deref(), other_column, other_item);
                self.equal(a, b);
            }
            Check::ClassItems { column, other_table, other_section, other_column } => {
                let classes: Vec<&Fact> =
                    self.table(&spec.id).filter(|f| f.column == *column && f.code_level == Some(1)).collect();
                for class in classes {
                    let b = self.find(other_table, other_section.as_deref(), other_column, &class.item);
                    self.equal(Some(class), b);
                }
            }
        }
    }

    fn table<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'f Fact> + 'a {
        self.facts.iter().filter(move |f| f.table == id)
    }

    fn find(&self, table: &str, section: Option<&str>, column: &str, item: &str) -> Option<&'f Fact> {
        self.table(table).find(|f| {
            f.column == column
                && f.item == item
                && f.code.is_none()
                && section.is_none_or(|s| f.section.as_deref() == Some(s))
        })
    }

    fn row_sums(&mut self, spec: &TableSpec, total: &str, parts: &[String]) {
        let mut lines: Vec<(u32, Option<&str>)> =
            self.table(&spec.id).map(|f| (f.line, f.section.as_deref())).collect();
        lines.dedup();
        for (line, section) in lines {
            let row: Vec<&Fact> =
                self.table(&spec.id).filter(|f| f.line == line && f.section.as_deref() == section).collect();
            let t = row.iter().find(|f| f.column == total).copied();
            let p: Vec<&Fact> = row.iter().filter(|f| parts.contains(&f.column)).copied().collect();
            match (t, p.is_empty()) {
                (None, true) => continue,
                // Some templates leave the breakdown of a total row unfilled
                // (seed 004 收支总计): blank parts there are not zeros.
                (_, true) | (None, false) => self.skip(),
                _ => self.sum(spec, "row_sum", t, &p, line, total),
            }
        }
    }

    fn hierarchy(&mut self, spec: &TableSpec, totals: &[String]) {
        let mut groups: Vec<(Option<&str>, &str)> =
            self.table(&spec.id).map(|f| (f.section.as_deref(), f.column.as_str())).collect();
        groups.sort();
        groups.dedup();
        for (section, column) in groups {
            let cells: Vec<&Fact> =
                self.table(&spec.id).filter(|f| f.section.as_deref() == section && f.column == column).collect();
            let classes: Vec<&Fact> = cells.iter().filter(|f| f.code_level == Some(1)).copied().collect();
            if let Some(t) = cells.iter().find(|f| f.code.is_none() && totals.contains(&f.item)) {
                self.sum(spec, "hierarchy_sum", Some(t), &classes, t.line, column);
            }
            for parent in cells.iter().filter(|f| matches!(f.code_level, Some(1) | Some(2))) {
                let code = parent.code.as_deref().unwrap_or("");
                let kids: Vec<&Fact> = cells
                    .iter()
                    .filter(|f| f.code.as_deref().is_some_and(|c| c.len() == code.len() + 2 && c.starts_with(code)))
                    .copied()
                    .collect();
                if !kids.is_empty() {
                    self.sum(spec, "hierarchy_sum", Some(parent), &kids, parent.line, column);
                }
            }
        }
    }

    fn item_sum(&mut self, spec: &TableSpec, section: Option<&str>, column: &str, total: &str, parts: &[String]) {
        let cells: Vec<&Fact> = self
            .table(&spec.id)
            .filter(|f| f.column == column && section.is_none_or(|s| f.section.as_deref() == Some(s)))
            .collect();
        let Some(pos) = cells.iter().position(|f| f.item == total) else {
            self.skip();
            return;
        };
        let t = cells[pos];
        let p: Vec<&Fact> = if parts.iter().any(|p| p == "*") {
            cells[..pos].to_vec()
        } else {
            cells.iter().filter(|f| parts.contains(&f.item)).copied().collect()
        };
        self.sum(spec, "column_sum", Some(t), &p, t.line, column);
    }

    fn skip(&mut self) {
        self.counts.skipped += 1;
    }

    /// total = Σ parts, with blank cells as zero (templates print zero as blank).
    fn sum(&mut self, spec: &TableSpec, check: &str, total: Option<&Fact>, parts: &[&Fact], line: u32, column: &str) {
        let ops: Vec<&Fact> = total.iter().chain(parts).copied().collect();
        let decimals = ops.iter().map(|f| f.printed.decimals).max().unwrap_or(0);
        let t = total.map_or(0, |f| scaled(f, decimals));
        let s: i128 = parts.iter().map(|f| scaled(f, decimals)).sum();
        let tolerance = tolerance(ops.len().max(2) - 1);
        if (t - s).abs() * 2 <= tolerance {
            self.counts.passed += 1;
            return;
        }
        self.counts.failed += 1;
        let unit = 10f64.powi(-(decimals as i32));
        let at = total.map(|f| f.line).unwrap_or(line);
        let subject = total.map_or(column.to_string(), describe);
        let message = format!(
            "{subject} is {} but its parts add up to {}: one of them was misprinted or misread; compare with the PDF",
            fmt(t as f64 * unit),
            fmt(s as f64 * unit)
        );
        let code = total.or(parts.first().copied()).and_then(|x| x.code.clone());
        self.fail(check, at, &spec.id, code, column, (s as f64 * unit, t as f64 * unit), message);
    }

    /// Records an error finding; `values` is (expected, actual).
    #[allow(clippy::too_many_arguments)]
    fn fail(
        &mut self,
        check: &str,
        line: u32,
        table: &str,
        code: Option<String>,
        column: &str,
        values: (f64, f64),
        message: String,
    ) {
        let mut f = Finding::new(Severity::Error, check, message);
        f.line = Some(line);
        f.table = Some(table.to_string());
        f.code = code;
        f.column = Some(column.to_string());
        f.expected = Some(values.0);
        f.actual = Some(values.1);
        self.findings.push(f);
    }

    /// Two cells that print the same quantity. The finding sits on the cell
    /// printed with fewer digits, the likelier truncation (seed 003: 4.8 vs 4.87).
    fn equal(&mut self, a: Option<&'f Fact>, b: Option<&'f Fact>) {
        let (Some(a), Some(b)) = (a, b) else {
            self.skip();
            return;
        };
        let decimals = a.printed.decimals.max(b.printed.decimals);
        if (scaled(a, decimals) - scaled(b, decimals)).abs() * 2 <= tolerance(1) {
            self.counts.passed += 1;
            return;
        }
        self.counts.failed += 1;
        let (bad, good) = if b.printed.decimals < a.printed.decimals { (b, a) } else { (a, b) };
        let message = format!(
            "{} is printed as {} (line {}) but {} as {} (line {}): the same amount differs between tables; the fact keeps the printed value",
            describe(bad),
            bad.amount_text,
            bad.line,
            describe(good),
            good.amount_text,
            good.line
        );
        let values = (good.amount(), bad.amount());
        self.fail("cross_table", bad.line, &bad.table, bad.code.clone(), &bad.column, values, message);
    }
}

/// The printed value as an integer at `decimals` digits after the point.
fn scaled(f: &Fact, decimals: u8) -> i128 {
    f.printed.units as i128 * 10i128.pow((decimals - f.printed.decimals) as u32)
}

/// Twice the allowed difference, in units of the finest digit: half a unit per addend.
fn tolerance(addends: usize) -> i128 {
    addends as i128
}

fn describe(f: &Fact) -> String {
    let key = match (&f.code, &f.section) {
        (Some(c), _) => format!("{c} {}", f.item),
        (None, Some(s)) => format!("{s} {}", f.item),
        (None, None) => f.item.clone(),
    };
    format!("{} {key} / {}", f.table, f.column)
}

fn fmt(v: f64) -> String {
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
