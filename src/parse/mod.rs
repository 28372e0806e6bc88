//! The `parse` stage: one segmented table's rows → header paths, column
//! kinds, side-by-side parts and cell values. It works on printed text only:
//! canonical names, full codes and money units are `normalize`'s job.
//!
//! Header rows are the rows above the column-number row (栏次, `**`, or
//! `1 2 3 …`), or above the first row holding an amount. Columns are told
//! apart by their header words and by their contents, because extraction
//! garbles headers (seed 003 prints `能分割目编码` for 功能分类科目编码).

mod columns;
mod margin;
mod split;

pub use columns::{Kind, Part};

use crate::config::Headers;
use crate::model::Amount;
use crate::segment::Row;
use crate::text::{self, Cell};
use std::borrow::Cow;

/// A table read into parts and rows.
#[derive(Debug, Clone)]
pub struct Grid {
    /// Side-by-side parts (收入 | 支出), left to right.
    pub parts: Vec<Part>,
    /// Data rows in order.
    pub rows: Vec<GridRow>,
    /// Rows taken as header, for `inspect`.
    pub header_lines: Vec<u32>,
    /// Lines of rows with numbers that were not read as data (rule debris).
    pub skipped: Vec<u32>,
    /// Lines of rows whose cells slid in a way that cannot be undone
    /// without guessing: not read.
    pub unread: Vec<u32>,
    /// Lines from one row to the next in most of the table (see `line_step`).
    pub step: u32,
}

/// One data row, split by part.
#[derive(Debug, Clone)]
pub struct GridRow {
    /// 1-based source line.
    pub line: u32,
    /// One entry per part of the grid, same order.
    pub parts: Vec<RowPart>,
}

/// What one row holds in one part.
#[derive(Debug, Clone, Default)]
pub struct RowPart {
    /// Code cells as printed, left to right (类, 款, 项 or one cell).
    pub codes: Vec<String>,
    /// Cells of the second code, when the part prints one.
    pub alt_codes: Vec<String>,
    /// Label as printed (several label cells joined by `/`).
    pub label: String,
    /// Printed values: (data column index within the part, value, text).
    pub values: Vec<(usize, Amount, String)>,
    /// Cells in value columns that are not numbers: (data column index, text).
    pub unreadable: Vec<(usize, String)>,
}

/// Reads a table's rows. Never fails: a table with no data rows gives an
/// empty grid, which `normalize` reports.
pub fn parse(rows: &[Row], headers: &Headers) -> Grid {
    let step = line_step(rows);
    let rows = &margin::without_margin(rows, step);
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let (header_end, numbers_row) = header_end(rows, headers);
    let header: Vec<Vec<String>> = rows[..header_end].iter().map(|r| padded(&r.cells, width)).collect();
    let marks = numbers_row.map(|i| column_numbers(&padded(&rows[i].cells, width)));
    let skip_from = numbers_row.map_or(header_end, |i| i + 1);
    let repeated: Vec<Vec<String>> =
        rows[..skip_from].iter().map(|r| r.cells.iter().map(|c| text::compact(c).into_owned()).collect()).collect();
    let data = data_rows(&rows[skip_from..], &repeated, headers);
    let mut paths = columns::header_paths(&header, width);
    if marks.is_none() {
        columns::slid_headers(&mut paths, &data);
    }
    let kinds = columns::kinds(&paths, marks.as_deref(), &data, width, headers);
    let amounts = data.iter().any(|r| r.cells.iter().any(|c| is_amount(c)));
    let (data, skipped): (Vec<&Row>, Vec<&Row>) = data.into_iter().partition(|r| !(amounts && is_junk(r, &kinds)));
    let parts = columns::parts(&kinds, &paths, &data, headers);
    let first_label = kinds.iter().position(|k| *k == Kind::Label);
    let header_lines = rows[..skip_from].iter().map(|r| r.line).collect();
    let (mut rows, mut unread) = (vec![], vec![]);
    let numbered: Vec<usize> = (0..kinds.len()).filter(|&c| kinds[c] == Kind::RowNumber).collect();
    for r in &split::joined(&data, &parts) {
        match grid_row(r, width, first_label, &parts, &numbered) {
            Some(g) => rows.push(g),
            None => unread.push(r.line),
        }
    }
    let skipped = skipped.iter().map(|r| r.line).collect();
    Grid { parts, rows, header_lines, skipped, unread, step }
}

/// How many lines most rows of a table are below the row before: 1, or 2
/// in a text printing a blank line after every row, where a jump of 2 is
/// no page break. Never more: in a table of a few rows, a page break may be
/// the commonest gap.
fn line_step(rows: &[Row]) -> u32 {
    let mut gaps = std::collections::BTreeMap::new();
    for w in rows.windows(2) {
        *gaps.entry(w[1].line.saturating_sub(w[0].line)).or_insert(0usize) += 1;
    }
    let usual = gaps.into_iter().max_by_key(|&(gap, n)| (n, std::cmp::Reverse(gap)));
    usual.map_or(1, |(gap, _)| gap.clamp(1, 2))
}

/// A row with numbers in value columns but neither text nor anything
/// code-like is debris of the table's rules (seed 003 line 201:
/// `ı | | | 1 | | 1 | | ı`); row numbers (行次) alone make an empty row.
/// Only a table printing amounts has such debris: in one printing whole
/// numbers, a row of them with no label is its total (`| | 0 | 0 | 0`).
fn is_junk(row: &Row, kinds: &[Kind]) -> bool {
    let values = row.cells.iter().zip(kinds).filter(|(_, k)| **k == Kind::Data);
    let has_number = values.into_iter().any(|(c, _)| text::is_number(c));
    let has_key = row.cells.iter().any(|c| text::has_cjk(c) || is_amount(c) || text::digits(c).len() >= 3);
    has_number && !has_key
}

/// Index where data starts, and the column-number row if there is one.
fn header_end(rows: &[Row], headers: &Headers) -> (usize, Option<usize>) {
    let scan = rows.len().min(8);
    if let Some(i) = (0..scan).find(|&i| is_numbers_row(&rows[i].cells, headers)) {
        return (i, Some(i));
    }
    let first_data =
        (0..scan).find(|&i| rows[i].cells.iter().any(|c| is_amount(c)) || (i > 0 && is_whole_row(&rows[i])));
    // A table of whole numbers (a blank table's `合 计 | 0`) has no amount:
    // its first number ends the header instead.
    let first_number = || (0..scan).find(|&i| rows[i].cells.iter().any(|c| text::is_number(c)));
    (first_data.or_else(first_number).unwrap_or(0).min(6), None)
}

/// A row naming its item and printing only whole numbers after it (fsgdj
/// `质量抽检和试验检测管理 | 100` under `项目名称 | 自评分数`): data, not a
/// second header row; read as one, its score became part of the header.
/// Side by side, each label has its numbers (`一、一般公共预算资金 |
/// 371514655 | 一、一般公共服务支出 | 21601733`: 上海 in whole 元).
/// Numbers that may be years (`项目 | 2022 | 2023`) leave the row a header.
/// A row that starts with a code (`208 | 01 | 09 | … | 28`) is data too:
/// no header row starts with one.
fn is_whole_row(row: &Row) -> bool {
    let filled: Vec<&String> = row.cells.iter().filter(|c| !c.trim().is_empty()).collect();
    let whole =
        |c: &&String| matches!(text::cell(c), Cell::Number(a) if a.decimals == 0 && !(1900..=2100).contains(&a.units));
    let code = |c: &str| c.len() >= 3 && c.parse::<u64>().is_ok_and(|n| !(1900..=2100).contains(&n));
    let label_or_whole = |c: &&String| whole(c) || text::has_cjk(c);
    filled.first().is_some_and(|c| code(c.trim()))
        || filled.len() >= 2
            && text::has_cjk(filled[0])
            && filled[1..].iter().all(label_or_whole)
            && filled[1..].iter().any(whole)
}

/// An amount as tables print them: a number with a point or separators.
fn is_amount(s: &str) -> bool {
    let c = text::compact(s);
    matches!(text::cell(&c), Cell::Number(a) if a.decimals > 0 || c.contains(','))
}

/// The 栏次 row: a mark (栏次, **) or the column numbers 1 2 3 … alone.
fn is_numbers_row(cells: &[String], headers: &Headers) -> bool {
    let c: Vec<Cow<str>> = cells.iter().map(|c| text::compact(c)).filter(|c| !c.is_empty()).collect();
    if c.iter().any(|x| headers.column_number_marks.iter().any(|m| m == x)) {
        return c.iter().all(|x| !is_amount(x));
    }
    counts_up(c.iter().map(|x| x.as_ref()))
}

/// True when the texts read 1, 2, … n, n ≥ 2: the column numbers of a 栏次
/// row, or a 序号 column's cells.
fn counts_up<'a>(texts: impl IntoIterator<Item = &'a str>) -> bool {
    matches!(count_run(texts), Some((1, n)) if n >= 2)
}

/// When the texts read k, k + 1, … k + n − 1 (full-width digits too: read
/// as other numbers, a 序号 column of them became amounts): the first number
/// k and how many there are.
fn count_run<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<(u32, u32)> {
    let number = |x: &str| text::compact(x).parse::<u32>().ok();
    let mut texts = texts.into_iter();
    let first = number(texts.next()?)?;
    let mut n = 1;
    for x in texts {
        if number(x) != Some(first + n) {
            return None;
        }
        n += 1;
    }
    Some((first, n))
}

/// The rows below the header, without the header printed again on later
/// pages, and without the first data row printed again right under it:
/// templates that repeat the header on every page repeat the total row
/// below it too (fsgdj 表2 prints ` | 合计 | 1668.14 | …` atop each page),
/// and read as data the total was counted twice.
fn data_rows<'r>(rows: &'r [Row], repeated: &[Vec<String>], headers: &Headers) -> Vec<&'r Row> {
    let mut out: Vec<&Row> = vec![];
    let mut first: Vec<Vec<String>> = vec![];
    let mut under_header = false;
    for r in rows {
        if is_repeat(r, repeated) || is_numbers_row(&r.cells, headers) {
            under_header = true;
            continue;
        }
        if !(under_header && is_repeat(r, &first)) {
            out.push(r);
        }
        if first.is_empty() {
            first.push(r.cells.iter().map(|c| text::compact(c).into_owned()).collect());
        }
        under_header = false;
    }
    out
}

fn is_repeat(row: &Row, repeated: &[Vec<String>]) -> bool {
    let same =
        |r: &Vec<String>| r.len() == row.cells.len() && r.iter().zip(&row.cells).all(|(a, b)| *a == text::compact(b));
    row.cells.iter().any(|x| !text::compact(x).is_empty()) && repeated.iter().any(same)
}

/// The 栏次 row with only its run of column numbers 1, 2, 3 … kept as
/// numbers; stray digits (seed 003 prints `75` under 项) become marks.
fn column_numbers(cells: &[String]) -> Vec<String> {
    let mut next = 1u32;
    cells
        .iter()
        .map(|c| {
            let c = text::compact(c).into_owned();
            if c.parse::<u32>() == Ok(next) {
                next += 1;
                c
            } else if c.is_empty() {
                c
            } else {
                "*".to_string()
            }
        })
        .collect()
}

fn padded(cells: &[String], width: usize) -> Vec<String> {
    let mut v = cells.to_vec();
    v.resize(width, String::new());
    v
}

/// Realigns a short row: extraction merges code cells (`2080)5` for
/// `208 | 05`), so the label is moved back under the label column. Only
/// where a number sits under the label column: a row cut short at its last
/// filled cell (trailing TABs trimmed) is short too, and its label (`合计`
/// in a code column, `天 | 水 | 坝 | 合计` below garbled codes) is in place.
fn aligned(cells: &[String], width: usize, first_label: Option<usize>) -> Vec<&str> {
    let mut v: Vec<&str> = cells.iter().map(String::as_str).collect();
    if v.len() < width {
        if let (Some(l), Some(at)) = (first_label, v.iter().position(|c| text::has_cjk(c))) {
            if at < l && v.get(l).is_some_and(|c| text::is_number(c)) {
                let pad = (l - at).min(width - v.len());
                v.splice(at..at, std::iter::repeat_n("", pad));
            }
        }
    }
    v.resize(width, "");
    v
}

fn grid_row(
    row: &Row,
    width: usize,
    first_label: Option<usize>,
    parts: &[Part],
    numbered: &[usize],
) -> Option<GridRow> {
    let cells = aligned(&row.cells, width, first_label);
    let shifted = parts.iter().flat_map(|p| &p.label_cols).any(|&i| text::is_number(cells[i]));
    let mut read: Vec<RowPart> =
        if shifted { regrouped(&cells, parts)? } else { parts.iter().map(|p| row_part(&cells, p)).collect() };
    // A total's label in a merged cell over the 序号 and name columns lands in
    // the 序号 cell (seed 000 `总计 | | 2,870.09`): it names the row.
    if let [only] = read.as_mut_slice() {
        if only.label.is_empty() && only.codes.iter().all(String::is_empty) {
            let label = numbered.iter().map(|&c| cells[c].trim()).find(|c| text::has_cjk(c));
            only.label = label.unwrap_or_default().to_string();
        }
    }
    Some(GridRow { line: row.line, parts: read })
}

/// A row whose cells slid out of their columns (a number under a label
/// header: seed 003 prints `公 | 用经费合 | ो | 5. 4`) is read as runs of
/// text each followed by its numbers, one run per part, left to right.
/// `None` when there are more runs than parts, or more numbers in a run
/// than its part has columns: the rest would have been dropped unseen.
fn regrouped(cells: &[&str], parts: &[Part]) -> Option<Vec<RowPart>> {
    let mut groups: Vec<(String, Vec<(Amount, String)>)> = vec![];
    let mut text_run = String::new();
    for c in cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        match text::cell(c) {
            Cell::Number(a) => {
                if !text_run.is_empty() || groups.is_empty() {
                    groups.push((std::mem::take(&mut text_run), vec![]));
                }
                if let Some(g) = groups.last_mut() {
                    g.1.push((a, c.to_string()));
                }
            }
            Cell::Text => text_run.push_str(c),
            Cell::Blank => {}
        }
    }
    if groups.len() > parts.len() || groups.iter().zip(parts).any(|(g, p)| g.1.len() > p.data_cols.len()) {
        return None;
    }
    let mut groups = groups.into_iter();
    let read = parts
        .iter()
        .map(|p| match groups.next() {
            Some((label, values)) => RowPart {
                label,
                values: values.into_iter().zip(0..p.data_cols.len()).map(|((a, t), k)| (k, a, t)).collect(),
                codes: vec![String::new(); p.code_cols.len()],
                alt_codes: vec![String::new(); p.alt_code_cols.len()],
                unreadable: vec![],
            },
            None => RowPart {
                codes: vec![String::new(); p.code_cols.len()],
                alt_codes: vec![String::new(); p.alt_code_cols.len()],
                ..RowPart::default()
            },
        })
        .collect();
    Some(read)
}

fn row_part(cells: &[&str], part: &Part) -> RowPart {
    let get = |i: usize| cells.get(i).copied().unwrap_or("");
    let mut out = RowPart {
        codes: part.code_cols.iter().map(|&i| get(i).trim().to_string()).collect(),
        alt_codes: part.alt_code_cols.iter().map(|&i| get(i).trim().to_string()).collect(),
        label: part.label_cols.iter().map(|&i| get(i).trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("/"),
        ..RowPart::default()
    };
    for (k, &i) in part.data_cols.iter().enumerate() {
        match text::cell(get(i)) {
            Cell::Blank => {}
            Cell::Number(a) => out.values.push((k, a, get(i).trim().to_string())),
            Cell::Text => out.unreadable.push((k, get(i).trim().to_string())),
        }
    }
    out
}

#[cfg(test)]
mod tests;
