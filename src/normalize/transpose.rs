//! A table printed with its columns as rows. 三公 tables often list 合计,
//! 因公出国(境)费, 公务接待费 … down the page under `2024年预算数 |
//! 2025年预算数` or `预算数 | 决算数`; read as printed, every fact sat under a
//! column the catalog lacks and a query by its columns found none. Where a
//! table may be so printed (`may_transpose`), no header names a catalog
//! column and two or more row labels do, each fact takes the column its row
//! names and the item 合计, and keeps its line. So too where rows print
//! the first part of the catalog's columns (`预算数 | …`, `决算数 | …`) and
//! the headers the rest.

use super::columns::{latest_year, rank};
use super::Normalized;
use crate::config::{ColumnSpec, TableSpec};
use crate::model::{Fact, Finding, Severity};
use crate::text;

/// Check id of the finding that says a table was read transposed.
pub const TRANSPOSED: &str = "transposed_table";

/// The item of a transposed table's facts: it prints one row of the catalog's.
const ITEM: &str = "合计";

/// Reads `out` transposed when it was printed so, or by row prefixes;
/// otherwise leaves it. Findings are put on the title's line.
pub fn transpose(spec: &TableSpec, out: &mut Normalized, title_line: u32) {
    let canonical = |c: &str| spec.columns.iter().any(|s| s.name == c);
    if out.facts.is_empty() || out.mapping.iter().any(|(_, _, c)| canonical(c)) {
        return;
    }
    let printed: Vec<Vec<String>> = out.mapping.iter().map(|(_, p, _)| segments(p)).collect();
    let words: Vec<&str> = printed.iter().filter_map(|p| p.last().map(String::as_str)).collect();
    let latest = latest_year(&printed);
    let by_label = |f: &Fact| named_by(spec, &row_label(&f.item), &f.column, &words, latest);
    let by_prefix = |f: &Fact| prefixed_by(spec, &row_label(&f.item), &f.column);
    let (how, prefixed, named) = if let Some(named) = read(&out.facts, by_label) {
        ("prints its columns as rows", false, named)
    } else if let Some(named) = read(&out.facts, by_prefix) {
        ("prints the first part of its columns (预算数, 决算数) as rows", true, named)
    } else {
        return;
    };
    let mut unknown = vec![];
    for (f, c) in out.facts.iter_mut().zip(&named) {
        let label = row_label(&f.item);
        f.column = match c {
            Some(c) => c.name.clone(),
            None if prefixed => format!("{label}/{}", f.column),
            None if names_latest(&f.column, latest) => label,
            None => format!("{}/{label}", f.column),
        };
        if c.is_none() {
            unknown.push(f.column.clone());
        }
        f.item = ITEM.to_string();
    }
    out.findings.retain(|f| f.check != "unknown_column");
    let line = Some(title_line);
    let columns: Vec<&str> = out.mapping.iter().map(|(_, p, _)| p.as_str()).collect();
    let msg = format!("{} {how} under {columns:?}; each row's label names its column", spec.id);
    out.findings.push(finding(Severity::Info, TRANSPOSED, msg, line, spec));
    unknown.dedup();
    if !unknown.is_empty() {
        let msg =
            format!("columns {unknown:?} are not in the catalog for {}; kept under their printed labels", spec.id);
        out.findings.push(finding(Severity::Warning, "unknown_column", msg, line, spec));
    }
    for (_, _, c) in &mut out.mapping {
        *c = "(by row label)".to_string();
    }
}

/// The catalog column of every fact under one reading, when it names two
/// or more and none twice.
fn read<'s>(facts: &[Fact], column: impl Fn(&Fact) -> Option<&'s ColumnSpec>) -> Option<Vec<Option<&'s ColumnSpec>>> {
    let named: Vec<Option<&ColumnSpec>> = facts.iter().map(column).collect();
    let mut used: Vec<&str> = named.iter().flatten().map(|c| c.name.as_str()).collect();
    used.sort_unstable();
    let repeated = used.windows(2).any(|w| w[0] == w[1]);
    (used.len() >= 2 && !repeated).then_some(named)
}

/// The catalog column a row label opens and a printed column ends: rows
/// `预算数 | 10.00 | …` and `决算数 | 9.00 | …` under `合计 | 因公出国(境)费 |
/// 公务用车购置及运行维护费/小计 | …` (read as printed, the facts of both
/// rows sat under 合计, 公务接待费 … with no 预算数 or 决算数).
fn prefixed_by<'s>(spec: &'s TableSpec, label: &str, column: &str) -> Option<&'s ColumnSpec> {
    let key = format!("{}/{column}", text::strip_year(label));
    spec.columns.iter().find(|c| rank(&key, c).is_some())
}

/// The catalog column a row label names under a printed column: a key
/// whose last part (the one before a closing 小计 for a group: 公务用车购置及
/// 运行维护费 of `…/公务用车购置及运行维护费/小计`) is the label and whose first
/// part, when it ends one of the printed columns (预算数, 决算数), ends this one.
/// A column of an earlier year than the latest printed is a comparison.
fn named_by<'s>(
    spec: &'s TableSpec,
    label: &str,
    column: &str,
    words: &[&str],
    latest: Option<i16>,
) -> Option<&'s ColumnSpec> {
    if latest.is_some_and(|l| text::year_in(column).is_some_and(|y| y != l)) {
        return None;
    }
    let under = segments(column);
    let fits = |key: &str| {
        let parts = segments(key);
        let leaf = match parts.as_slice() {
            [.., group, last] if last == "小计" => group,
            [.., last] => last,
            [] => return false,
        };
        let first = parts[0].as_str();
        // 预算数 names the printed `2023年预算数` too.
        let printed = words.iter().any(|w| w.ends_with(first));
        leaf == label && (!printed || under.last().is_some_and(|u| u.ends_with(first)))
    };
    let mut named = spec.columns.iter().filter(|c| c.keys.iter().any(|k| fits(k)));
    let first = named.next();
    named.next().is_none().then_some(first).flatten()
}

/// A row's label without `其中：` and its numbering (`其中：（1）公务用车购置费`).
fn row_label(item: &str) -> String {
    let bare = item.strip_prefix("其中:").unwrap_or(item);
    text::strip_numbering(bare).to_string()
}

fn names_latest(column: &str, latest: Option<i16>) -> bool {
    latest.is_some() && text::year_in(column) == latest
}

fn segments(path: &str) -> Vec<String> {
    path.split('/').map(str::to_string).collect()
}

fn finding(sev: Severity, check: &str, msg: String, line: Option<u32>, spec: &TableSpec) -> Finding {
    let mut f = Finding::new(sev, check, msg);
    f.line = line;
    f.table = Some(spec.id.clone());
    f
}
