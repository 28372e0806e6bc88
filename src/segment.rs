//! The `segment` stage: finds the tables in a report's lines. A table starts
//! at a line whose title names a catalog table, or at tab-separated rows
//! after prose (an `other` table titled by that prose); it runs over page
//! breaks, repeated titles and preamble lines, and ends at prose such as
//! `注：`. Reading rows into columns is `parse`'s job.

use crate::config::raw::Detect;
use crate::config::{Pipeline, TableSpec};
use crate::detect::money_unit;
use crate::model::{MoneyUnit, ReportKind};
use crate::text;

/// One tab-separated line of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based source line.
    pub line: u32,
    /// Cells as printed.
    pub cells: Vec<String>,
}

/// One table as found in the text.
#[derive(Debug, Clone)]
pub struct Block<'p> {
    /// The catalog table, `None` for `other`.
    pub spec: Option<&'p TableSpec>,
    /// The printed title (or the prose line before an untitled table).
    pub title: String,
    /// 1-based line of the title.
    pub title_line: u32,
    /// Money unit printed in the table's preamble.
    pub money_unit: Option<MoneyUnit>,
    /// Rows in order, over every page.
    pub rows: Vec<Row>,
}

/// Splits a report into tables. `report` breaks ties between catalog tables
/// of different report kinds that share a title.
pub fn segment<'p>(lines: &[&str], pipeline: &'p Pipeline, report: Option<ReportKind>) -> Vec<Block<'p>> {
    let mut blocks: Vec<Block<'p>> = Vec::new();
    let mut open = false;
    let mut last_prose = (String::new(), 0u32);
    for (i, raw) in lines.iter().enumerate() {
        let line = (i + 1) as u32;
        if raw.contains('\t') {
            if is_preamble(raw.split('\t').next().unwrap_or(""), &pipeline.detect) {
                continue;
            }
            if !open {
                blocks.push(untitled(&last_prose));
                open = true;
            }
            if let Some(b) = blocks.last_mut() {
                b.rows.push(Row { line, cells: raw.split('\t').map(str::to_string).collect() });
            }
            continue;
        }
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let key = text::title_key(trimmed);
        if let Some(spec) = title_spec(&key, trimmed, pipeline, report) {
            let continues = open_same(&blocks, open, spec);
            if !continues {
                blocks.push(Block {
                    spec: Some(spec),
                    title: trimmed.to_string(),
                    title_line: line,
                    money_unit: None,
                    rows: vec![],
                });
            }
            open = true;
        } else if let Some(unit) = money_unit(trimmed) {
            if let Some(b) = blocks.last_mut().filter(|_| open) {
                b.money_unit.get_or_insert(unit);
            }
        } else if key.is_empty() || is_preamble(trimmed, &pipeline.detect) {
            // page furniture between a title and its rows: 公开01表, 2023 年度, 单位：…
        } else {
            open = false;
            last_prose = (trimmed.to_string(), line);
        }
    }
    merge_continuations(blocks)
}

fn title_spec<'p>(key: &str, line: &str, p: &'p Pipeline, report: Option<ReportKind>) -> Option<&'p TableSpec> {
    // Prose sentences quote titles; a title line is short.
    if key.is_empty() || line.chars().count() > 80 {
        return None;
    }
    p.table_for_title(key, report)
}

fn open_same(blocks: &[Block], open: bool, spec: &TableSpec) -> bool {
    open && blocks.last().and_then(|b| b.spec).is_some_and(|s| s.id == spec.id)
}

fn untitled<'p>(prose: &(String, u32)) -> Block<'p> {
    let title: String = prose.0.chars().take(60).collect();
    Block { spec: None, title, title_line: prose.1, money_unit: money_unit(&prose.0), rows: vec![] }
}

/// `单位：…`, `部门：…`, `填报单位：…` lines sit between a title and its header.
fn is_preamble(line: &str, cfg: &Detect) -> bool {
    let c = text::compact(line);
    money_unit(&c).is_some()
        || cfg.unit_prefixes.iter().any(|p| c.strip_prefix(p.as_str()).is_some_and(|r| r.starts_with([':', '：'])))
}

/// Drops titles with no rows (tables of contents) and joins a table printed
/// again under the same title right after itself (a page break that the
/// template marks by repeating the title).
fn merge_continuations(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for b in blocks.into_iter().filter(|b| !b.rows.is_empty()) {
        match out.last_mut() {
            Some(prev) if b.spec.is_some() && prev.spec.map(|s| &s.id) == b.spec.map(|s| &s.id) => {
                prev.rows.extend(b.rows);
                prev.money_unit = prev.money_unit.or(b.money_unit);
            }
            _ => out.push(b),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<(Option<String>, usize)> {
        let p = Pipeline::load(&[] as &[&str]).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        segment(&lines, &p, Some(ReportKind::Final))
            .into_iter()
            .map(|b| (b.spec.map(|s| s.id.clone()), b.rows.len()))
            .collect()
    }

    #[test]
    fn toc_entries_make_no_tables() {
        let t = "目录\n- 一、收入支出决算总表\n- 二、收入决算表\n二、收入决算表\n\n收入决算表\n公开 02 表\n单位：万元\n项目\t合计\n合计\t1.00\n注：本表反映\n";
        assert_eq!(ids(t), vec![(Some("final.income".into()), 2)]);
    }

    #[test]
    fn repeated_title_joins_pages() {
        let t = "2023年收入决算表\n部门名称：X\n单位：万元\n项目\t合计\n合计\t1.00\n\n2023年收入决算表\n部门名称：X\n单位：万元\n项目\t合计\n205\t1.00\n注：完\n";
        assert_eq!(ids(t), vec![(Some("final.income".into()), 4)]);
    }

    #[test]
    fn rows_after_prose_are_other() {
        let t = "收入决算表\n项目\t合计\n合计\t1.00\n注：本表反映。\n项目支出明细\n序号\t金额\n1\t2.00\n";
        assert_eq!(ids(t), vec![(Some("final.income".into()), 2), (None, 2)]);
    }
}
