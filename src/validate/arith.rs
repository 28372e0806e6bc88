//! The arithmetic engine. Values are compared as integers at the finest
//! printed precision of their operands; the tolerance is half a unit of that
//! digit per addend, because reports round each cell when they convert
//! money units ("金额单位转换时可能存在尾数误差").

use super::sum::{adds_up, balance, digit, same};
use super::Counts;
use crate::config::{Check, TableSpec};
use crate::model::{Fact, Finding, ReportKind, Severity};
use crate::reference::Reference;
use std::collections::{HashMap, HashSet};

/// One document's checks in progress.
pub struct Run<'f> {
    facts: &'f [Fact],
    /// Each table's facts, in document order: checks ask for one table's
    /// facts again and again, and scanning every fact each time cost a
    /// quarter of this stage over generated reports, and more on large ones.
    tables: HashMap<&'f str, Vec<&'f Fact>>,
    reference: &'f Reference,
    /// Label words of breakdown rows (`其中：…`), never addends.
    breakdown: &'f [String],
    counts: Counts,
    findings: Vec<Finding>,
    /// Facts that took part in a check that ran, by address.
    covered: HashSet<*const Fact>,
}

impl<'f> Run<'f> {
    /// A run over these facts.
    pub fn new(facts: &'f [Fact], reference: &'f Reference, breakdown: &'f [String], counts: Counts) -> Self {
        let mut tables: HashMap<&str, Vec<&Fact>> = HashMap::new();
        for f in facts {
            tables.entry(f.table.as_str()).or_default().push(f);
        }
        Run { facts, tables, reference, breakdown, counts, findings: vec![], covered: HashSet::new() }
    }

    /// True when the document has facts of the table.
    pub fn has_table(&self, id: &str) -> bool {
        self.tables.contains_key(id)
    }

    /// True when the document has facts of any table of that report kind.
    pub fn report_has(&self, report: ReportKind) -> bool {
        self.tables.keys().any(|t| t.starts_with(report.as_str()))
    }

    /// Counts, findings, and for every fact whether a check that ran used it.
    pub fn finish(self) -> (Counts, Vec<Finding>, Vec<bool>) {
        let covered = self.facts.iter().map(|f| self.covered.contains(&(f as *const Fact))).collect();
        (self.counts, self.findings, covered)
    }

    /// Runs one declared check of a table.
    pub fn check(&mut self, spec: &TableSpec, check: &Check) {
        match check {
            Check::RowSum { total, parts } => self.row_sums(spec, total, parts),
            Check::Hierarchy { totals } => self.hierarchy(spec, totals),
            Check::ItemSum { section, column, total, else_total, parts } => {
                let totals = std::iter::once(total).chain(else_total).map(String::as_str).collect::<Vec<_>>();
                self.item_sum(spec, section.as_deref(), column, &totals, parts)
            }
            Check::Equal { section, column, item, other_table, other_section, other_column, other_item } => {
                let a = self.find(&spec.id, section.as_deref(), column, item);
                let b = self.find(other_table, other_section.as_deref(), other_column, other_item);
                self.equal(
                    &spec.id,
                    a,
                    b,
                    &format!("{item} / {column} vs {other_table} {other_item} / {other_column}"),
                );
            }
            Check::ClassItems { column, other_table, other_section, other_column, other_total } => {
                let classes: Vec<&Fact> =
                    self.table(&spec.id).filter(|f| f.column == *column && f.code_level == Some(1)).collect();
                let items = self.section_items(other_table, other_section.as_deref(), other_column, other_total);
                // A report that lost or never printed the detail table says
                // nothing of its classes: the summary's items are not errors.
                if !self.has_table(&spec.id) {
                    let line = items.first().map_or(0, |f| f.line);
                    let msg =
                        format!("{} is not in the report, so {other_table}'s class items were not checked", spec.id);
                    self.skip(line, &spec.id, msg);
                    return;
                }
                for class in &classes {
                    let b = items.iter().find(|f| self.names_class(f, class)).copied();
                    let what = format!("{} / {column} vs {other_table} / {other_column}", class.item);
                    self.equal(&spec.id, Some(class), b, &what);
                }
                if other_total.is_some() {
                    let absent: Vec<&Fact> =
                        items.iter().filter(|f| !classes.iter().any(|c| self.names_class(f, c))).copied().collect();
                    for item in absent {
                        self.absent_class_is_zero(&spec.id, item);
                    }
                }
            }
        }
    }

    /// Items of a summary section, above `total` when one is given.
    fn section_items(&self, table: &str, section: Option<&str>, column: &str, total: &Option<String>) -> Vec<&'f Fact> {
        let items: Vec<&Fact> = self
            .table(table)
            .filter(|f| {
                f.column == column && f.code.is_none() && section.is_none_or(|s| f.section.as_deref() == Some(s))
            })
            .collect();
        match total.as_ref().and_then(|t| items.iter().position(|f| &f.item == t)) {
            Some(end) => items[..end].to_vec(),
            None => items,
        }
    }

    /// A summary item names a class row by the same words or by a name the
    /// reference gives the row's code (old names included).
    fn names_class(&self, item: &Fact, class: &Fact) -> bool {
        item.item == class.item
            || class.code.as_deref().is_some_and(|c| self.reference.function.codes_for_name(&item.item).contains(&c))
    }

    /// A summary item naming a class the detail table does not print must be zero.
    fn absent_class_is_zero(&mut self, table: &str, item: &'f Fact) {
        if self.reference.function.codes_for_name(&item.item).is_empty() {
            return;
        }
        self.cover(&[item]);
        if item.printed.units == 0 {
            self.counts.passed += 1;
            return;
        }
        self.counts.failed += 1;
        let message = format!(
            "{} is printed as {} but {table} prints no class row for it: one of the two tables is wrong",
            describe(item),
            item.amount_text
        );
        self.fail("cross_table", item.line, &item.table, None, &item.column, (0.0, item.amount()), message);
    }

    fn table<'a>(&'a self, id: &str) -> impl Iterator<Item = &'f Fact> + 'a {
        self.tables.get(id).into_iter().flatten().copied()
    }

    fn find(&self, table: &str, section: Option<&str>, column: &str, item: &str) -> Option<&'f Fact> {
        self.table(table).find(|f| {
            f.column == column
                && f.item == item
                && f.code.is_none()
                && section.is_none_or(|s| f.section.as_deref() == Some(s))
        })
    }

    /// A row is the facts of one line and section; in a table that may be
    /// printed transposed (`may_transpose`: one row per item, each of its
    /// columns on a line of its own when so printed) or read by its layout
    /// (a 绩效目标表 prints its money as label and amount pairs over several
    /// lines), of one item.
    fn row_sums(&mut self, spec: &TableSpec, total: &str, parts: &[String]) {
        let key = |f: &'f Fact| match spec.may_transpose || spec.layout.is_some() {
            true => (0, f.section.as_deref(), f.code.as_deref(), f.item.as_str()),
            false => (f.line, f.section.as_deref(), None, ""),
        };
        // Rows in the order their first fact comes, each with its facts in order.
        let mut rows: Vec<Vec<&Fact>> = vec![];
        let mut at = HashMap::new();
        let mut last = None;
        for f in self.table(&spec.id) {
            // A row's facts come together: only a new key is hashed.
            let k = key(f);
            let i = match last {
                Some((lk, li)) if lk == k => li,
                _ => *at.entry(k).or_insert_with(|| {
                    rows.push(vec![]);
                    rows.len() - 1
                }),
            };
            last = Some((k, i));
            rows[i].push(f);
        }
        for row in rows {
            let t = row.iter().find(|f| f.column == total).copied();
            let line = t.unwrap_or(row[0]).line;
            let p: Vec<&Fact> = row.iter().filter(|f| parts.contains(&f.column)).copied().collect();
            match (t, p.is_empty()) {
                (None, true) => continue,
                // Some templates leave the breakdown of a total row unfilled
                // (seed 004 收支总计): blank parts there are not zeros.
                (_, true) if outside(spec, &row).is_empty() => self.skip(
                    line,
                    &spec.id,
                    format!("{total} is printed without its parts; the row sum was not checked"),
                ),
                (None, false) => self.skip(
                    line,
                    &spec.id,
                    format!("the parts of {total} are printed without it; the row sum was not checked"),
                ),
                // A part may sit among columns the catalog lacks (bjtjj 收入总表
                // prints 一般公共预算资金 …, kept under their printed headers).
                // With them the row may add up (the national template's
                // 一般公共预算 / 政府性基金 / 国有资本经营 财政拨款收入): then
                // it is checked; an of-which column or a misread header makes
                // them not add up, and the row is not judged.
                // A row whose only parts are outside the catalog (wxxfj 收入总表:
                // 合计, 本年收入/小计, 本年收入/一般公共预算) is judged the same way.
                _ if (p.is_empty() || !adds_up(t, &p)) && !outside(spec, &row).is_empty() => {
                    let alone = p.is_empty();
                    let wide = with_outside(spec, &row, p, total);
                    if adds_up(t, &wide) {
                        self.sum(spec, "row_sum", t, &wide, line, total);
                    } else {
                        let columns = outside(spec, &row).join(", ");
                        let msg = if alone {
                            format!("{total} is printed with no catalog parts, and the columns outside the catalog ({columns}) do not add up to it; the row sum was not checked")
                        } else {
                            format!("{total} is not the sum of its catalog parts, and the row prints columns outside the catalog ({columns}); the row sum was not checked")
                        };
                        self.skip(line, &spec.id, msg);
                    }
                }
                _ => self.sum(spec, "row_sum", t, &p, line, total),
            }
        }
    }

    fn hierarchy(&mut self, spec: &TableSpec, totals: &[String]) {
        let mut groups: Vec<(Option<&str>, &str)> =
            self.table(&spec.id).map(|f| (f.section.as_deref(), f.column.as_str())).collect();
        groups.sort();
        groups.dedup();
        // A rate column (`增减率(%)` beside 上年 and 本年) is no sum of its rows.
        groups.retain(|(_, column)| !crate::normalize::is_rate(column));
        for (section, column) in groups {
            let cells: Vec<&Fact> =
                self.table(&spec.id).filter(|f| f.section.as_deref() == section && f.column == column).collect();
            let classes: Vec<&Fact> = cells.iter().filter(|f| f.code_level == Some(1)).copied().collect();
            // Tables keyed by sub-unit or printing only 项 codes (bjtjj) have no
            // 类 rows to add up to their total.
            let total =
                cells.iter().find(|f| f.code.is_none() && totals.contains(&f.item)).filter(|_| !classes.is_empty());
            if let Some(t) = total {
                self.sum(spec, "hierarchy_sum", Some(t), &classes, t.line, column);
            }
            let printed: HashSet<&str> = cells.iter().filter_map(|f| f.code.as_deref()).collect();
            // Each cell's parent once, not once per parent row asking.
            let parents: Vec<Option<&str>> =
                cells.iter().map(|f| f.code.as_deref().and_then(|c| parent_code(c, &printed))).collect();
            let mut kids: HashMap<&str, Vec<&Fact>> = HashMap::new();
            for (f, parent) in cells.iter().zip(parents) {
                if let Some(p) = parent {
                    kids.entry(p).or_default().push(f);
                }
            }
            for parent in cells.iter().filter(|f| matches!(f.code_level, Some(1) | Some(2))) {
                if let Some(kids) = kids.get(parent.code.as_deref().unwrap_or("")) {
                    self.sum(spec, "hierarchy_sum", Some(parent), kids, parent.line, column);
                }
            }
        }
    }

    /// `totals`: the item that closes the sum, else the ones standing for it.
    fn item_sum(&mut self, spec: &TableSpec, section: Option<&str>, column: &str, totals: &[&str], parts: &[String]) {
        let cells: Vec<&Fact> = self
            .table(&spec.id)
            .filter(|f| f.column == column && section.is_none_or(|s| f.section.as_deref() == Some(s)))
            .collect();
        let Some(pos) = totals.iter().find_map(|&t| cells.iter().position(|f| f.item == t)) else {
            let where_ = section.map(|s| format!(" in section {s}")).unwrap_or_default();
            let rows = totals.join(" or ");
            self.skip(0, &spec.id, format!("no {rows} row{where_} in column {column}; the column sum was not checked"));
            return;
        };
        let t = cells[pos];
        let p: Vec<&Fact> = if parts.iter().any(|p| p == "*") {
            let breakdown = |f: &Fact| self.breakdown.iter().any(|w| f.item.starts_with(w.as_str()));
            cells[..pos].iter().filter(|f| !breakdown(f)).copied().collect()
        } else {
            cells.iter().filter(|f| parts.contains(&f.item)).copied().collect()
        };
        self.sum(spec, "column_sum", Some(t), &p, t.line, column);
    }

    /// A check that could not run is counted and says why (line 0: no line).
    fn skip(&mut self, line: u32, table: &str, message: String) {
        self.counts.skipped += 1;
        let mut f = Finding::new(Severity::Info, "check_skipped", message);
        f.line = (line > 0).then_some(line);
        f.table = Some(table.to_string());
        self.findings.push(f);
    }

    fn cover(&mut self, facts: &[&Fact]) {
        self.covered.extend(facts.iter().map(|f| *f as *const Fact));
    }

    /// total = Σ parts, with blank cells as zero (templates print zero as blank).
    fn sum(&mut self, spec: &TableSpec, check: &str, total: Option<&Fact>, parts: &[&Fact], line: u32, column: &str) {
        let ops: Vec<&Fact> = total.iter().chain(parts).copied().collect();
        self.cover(&ops);
        let (t, s, e) = balance(total, parts);
        if adds_up(total, parts) {
            self.counts.passed += 1;
            return;
        }
        self.counts.failed += 1;
        let unit = 10f64.powi(e);
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
    fn equal(&mut self, table: &str, a: Option<&'f Fact>, b: Option<&'f Fact>, what: &str) {
        let (Some(a), Some(b)) = (a, b) else {
            let line = a.or(b).map_or(0, |f| f.line);
            self.skip(line, table, format!("{what} is not printed on both sides; the cross-table check was not run"));
            return;
        };
        self.cover(&[a, b]);
        if same(a, b) {
            self.counts.passed += 1;
            return;
        }
        self.counts.failed += 1;
        let (bad, good) = if digit(b) > digit(a) { (b, a) } else { (a, b) };
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

/// Columns of a row that the table's catalog entry does not declare.
fn outside<'a>(spec: &TableSpec, row: &[&'a Fact]) -> Vec<&'a str> {
    row.iter().map(|f| f.column.as_str()).filter(|c| !in_catalog(spec, c)).collect()
}

fn in_catalog(spec: &TableSpec, column: &str) -> bool {
    spec.columns.iter().any(|x| x.name == column)
}

/// The catalog parts of a row and its cells outside the catalog, but for
/// the total and of-which (其中) columns.
fn with_outside<'a>(spec: &TableSpec, row: &[&'a Fact], mut parts: Vec<&'a Fact>, total: &str) -> Vec<&'a Fact> {
    let extra = row.iter().filter(|f| f.column != total && !f.column.contains("其中"));
    parts.extend(extra.filter(|f| !in_catalog(spec, &f.column)));
    parts
}

/// The nearest code printed above `code` in its hierarchy: its 款 for a 项,
/// else its 类 (xarsj prints 3010201 津贴补贴 under 301 without the 款 30102).
fn parent_code<'a>(code: &str, printed: &HashSet<&'a str>) -> Option<&'a str> {
    let mut n = code.len();
    while n > 3 {
        n -= 2;
        if let Some(p) = code.get(..n).and_then(|p| printed.get(p)) {
            return Some(p);
        }
    }
    None
}
