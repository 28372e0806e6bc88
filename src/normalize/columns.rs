//! Header paths → canonical columns. A column is named by the catalog when a
//! trailing part of its header path is a column name or alias (the wrapper
//! headers above are optional); else, when no header contradicts it, by
//! catalog order; else it keeps its printed path.

use super::Normalized;
use crate::config::{ColumnSpec, TableSpec};
use crate::model::{Finding, Severity};
use crate::parse::Part;
use crate::segment::Block;
use crate::text;

/// Check id of values under a column without a header: they cannot be
/// named, so the document is `partial`.
pub const UNNAMED_COLUMN: &str = "unnamed_column";

/// Canonical column of every data column of one part.
pub fn map_columns(
    spec: Option<&TableSpec>,
    section: Option<&str>,
    part: &Part,
    block: &Block,
    out: &mut Normalized,
) -> Vec<String> {
    let printed: Vec<String> = part.paths.iter().map(|p| p.join("/")).collect();
    let mapped = match spec {
        Some(s) => canonical_columns(s, section, part, &printed, block, out),
        None => printed.iter().enumerate().map(|(k, p)| or_position(p, k)).collect(),
    };
    for (p, m) in printed.iter().zip(&mapped) {
        out.mapping.push((section.map(str::to_string), p.clone(), m.clone()));
    }
    mapped
}

/// ` of section 支出`: side-by-side blocks may print the same header (xarsj's
/// 支出/预算数 under two 经济分类 blocks), and their findings must differ.
fn of(section: Option<&str>) -> String {
    section.map_or(String::new(), |s| format!(" of section {s}"))
}

fn or_position(printed: &str, k: usize) -> String {
    if printed.is_empty() {
        format!("列{}", k + 1)
    } else {
        printed.to_string()
    }
}

fn canonical_columns(
    spec: &TableSpec,
    section: Option<&str>,
    part: &Part,
    printed: &[String],
    block: &Block,
    out: &mut Normalized,
) -> Vec<String> {
    let candidates: Vec<&ColumnSpec> =
        spec.columns.iter().filter(|c| c.section.is_none() || c.section.as_deref() == section).collect();
    let by_header = by_header(&part.paths, &candidates);
    if by_header.iter().all(Option::is_some) {
        return by_header.iter().flatten().map(|&j| candidates[j].name.clone()).collect();
    }
    let mut f = |sev, check: &str, msg: String| {
        let mut x = Finding::new(sev, check, msg);
        x.line = Some(block.title_line);
        x.table = Some(spec.id.clone());
        out.findings.push(x);
    };
    // Catalog order is only trusted where it agrees with every header that
    // did match: shptczj prints 三公 headers item-first (合计/预算数), and
    // taking those columns by position put 公务接待费 under 运行维护费.
    // A table whose columns are "as printed" has no order to trust.
    let consistent = by_header.iter().enumerate().all(|(k, m)| m.is_none_or(|j| j == k));
    if printed.len() == candidates.len() && consistent && !spec.printed_columns {
        f(
            Severity::Info,
            "columns_by_position",
            format!("headers {printed:?} do not all match the catalog; columns were taken in catalog order"),
        );
        return candidates.iter().map(|c| c.name.clone()).collect();
    }
    let named: Vec<&String> =
        printed.iter().zip(&by_header).filter(|(p, m)| m.is_none() && !p.is_empty()).map(|(p, _)| p).collect();
    if !named.is_empty() && !spec.printed_columns {
        f(
            Severity::Warning,
            "unknown_column",
            format!(
                "columns {named:?}{} are not in the catalog for {}; kept under their printed headers",
                of(section),
                spec.id
            ),
        );
    }
    printed
        .iter()
        .zip(&by_header)
        .enumerate()
        .map(|(k, (p, m))| match m {
            Some(j) => candidates[*j].name.clone(),
            None => or_position(p, k),
        })
        .collect()
}

/// The finding for facts of a catalog table that sit under a column with no
/// printed header, kept by position; a headerless column that gave no fact
/// (a spacer, or the other half of a jittered column) lost nothing.
pub fn unnamed_finding(spec: &TableSpec, out: &Normalized, line: u32) -> Option<Finding> {
    let mut unnamed: Vec<&str> = out
        .mapping
        .iter()
        .filter(|(_, printed, col)| printed.is_empty() && !spec.columns.iter().any(|c| &c.name == col))
        .filter(|(s, _, col)| out.facts.iter().any(|f| &f.column == col && &f.section == s))
        .map(|(_, _, col)| col.as_str())
        .collect();
    unnamed.dedup();
    let msg = format!(
        "values under columns {unnamed:?} of {} have no readable header; they are kept under that position",
        spec.id
    );
    let mut f = Finding::new(Severity::Warning, UNNAMED_COLUMN, msg);
    f.line = Some(line);
    f.table = Some(spec.id.clone());
    (!unnamed.is_empty()).then_some(f)
}

/// The candidate each column's header names. Several columns may end with
/// the same words (jsgy prints 合计 = 三公 + 会议费 + 培训费 left of
/// “三公”经费/小计), so matches are assigned most specific first: more
/// header parts matched, then the canonical name over an alias, then the
/// words in printed order over another order, then left to right.
fn by_header(paths: &[Vec<String>], candidates: &[&ColumnSpec]) -> Vec<Option<usize>> {
    let latest = latest_year(paths);
    let mut hits: Vec<(std::cmp::Reverse<usize>, u8, usize, usize)> = vec![];
    for (k, path) in paths.iter().enumerate() {
        // A block under an earlier year (xarsj prints 2019年 | 2020年 | 增减)
        // is a comparison, not the report's own column.
        if latest.is_some_and(|l| path.iter().any(|p| text::year_in(p).is_some_and(|y| y != l))) {
            continue;
        }
        for from in 0..path.len() {
            let key = path[from..].join("/");
            for (j, c) in candidates.iter().enumerate() {
                if let Some(rank) = rank(&key, c) {
                    hits.push((std::cmp::Reverse(path.len() - from), rank, k, j));
                }
            }
        }
    }
    hits.sort();
    let mut out = vec![None; paths.len()];
    let mut used = vec![false; candidates.len()];
    for (_, _, k, j) in hits {
        if out[k].is_none() && !used[j] {
            out[k] = Some(j);
            used[j] = true;
        }
    }
    out
}

/// 0: the canonical name, 1: an alias, 2: the same words in another order
/// (`合计/预算数` for 预算数/合计).
pub(super) fn rank(key: &str, c: &ColumnSpec) -> Option<u8> {
    if c.name == key {
        return Some(0);
    }
    if c.keys.iter().any(|k| k == key) {
        return Some(1);
    }
    // Words hold no '/': a key of one word is no other order of several.
    if !key.contains('/') {
        return None;
    }
    let words = sorted_words(key);
    c.keys.iter().filter(|k| k.contains('/')).any(|k| sorted_words(k) == words).then_some(2)
}

fn sorted_words(key: &str) -> Vec<&str> {
    let mut v: Vec<&str> = key.split('/').collect();
    v.sort_unstable();
    v
}

/// The latest year printed in any header, when headers print more than one.
pub(super) fn latest_year(paths: &[Vec<String>]) -> Option<i16> {
    let years: Vec<i16> = paths.iter().flatten().filter_map(|p| text::year_in(p)).collect();
    let max = years.iter().max().copied();
    years.iter().any(|y| Some(*y) != max).then_some(max).flatten()
}
