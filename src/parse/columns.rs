//! Column reading: header paths with merged cells carried, the kind of every
//! column (code, label, row number, data) and the side-by-side parts they
//! form. Header words decide where they are clear; cell contents decide
//! where extraction garbled them.

use crate::config::Headers;
use crate::model::MoneyUnit;
use crate::segment::Row;
use crate::text;
use std::borrow::Cow;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A classification code or a part of one.
    Code,
    /// The row label.
    Label,
    /// 行次 / 序号: never values.
    RowNumber,
    /// Values.
    Data,
    /// No header and no number in any row: a spacer left by extraction.
    Blank,
}

/// One side-by-side part of a table (收入 | 支出; 人员经费 | 公用经费).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Part {
    /// Printed header over the part, normalized, when the table has several parts.
    pub section: Option<String>,
    /// Columns holding code cells.
    pub code_cols: Vec<usize>,
    /// Columns holding the label.
    pub label_cols: Vec<usize>,
    /// A second code right of the first name (xarsj prints 部门经济科目编码 |
    /// 名称 | 政府经济科目编码 | 名称): the row's `alt_code`; its name joins
    /// the label after the first, as Beijing's inline codes do.
    pub alt_code_cols: Vec<usize>,
    /// Columns holding values.
    pub data_cols: Vec<usize>,
    /// Header path of each data column, normalized, without the section
    /// and without a money unit it ends in.
    pub paths: Vec<Vec<String>>,
    /// The money unit each data column's header ends in (`本年收入合计（元）`),
    /// which overrides the table's.
    pub units: Vec<Option<MoneyUnit>>,
    /// The code columns hold sub-unit codes (单位编码).
    pub unit_codes: bool,
    /// Per data column: it holds scores (`[headers] score`), not amounts.
    pub scores: Vec<bool>,
    /// Per data column: it holds quantities (`[headers] quantities`), so no
    /// money unit scales it.
    pub quantities: Vec<bool>,
    /// A label column's header names projects (`[headers] project`).
    pub projects: bool,
}

/// Header path of every column: the header cells above it, top down, with a
/// merged header carried right over the columns it spans.
pub fn header_paths(header: &[Vec<String>], width: usize) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<String>> =
        header.iter().map(|r| r.iter().map(|c| text::compact(c).into_owned()).collect()).collect();
    for r in 0..grid.len().saturating_sub(1) {
        for c in 1..width {
            let below = (r + 1..grid.len()).any(|rr| !grid[rr][c].is_empty());
            if grid[r][c].is_empty() && below && !grid[r][c - 1].is_empty() && !has_own_top(&grid, r, c) {
                grid[r][c] = grid[r][c - 1].clone();
            }
        }
    }
    (0..width).map(|c| grid.iter().map(|row| row[c].clone()).filter(|s| !s.is_empty()).collect()).collect()
}

/// A merged header printed in the middle of its span (jsgy 支出预算总表:
/// `| 合计 | | | 基本支出 |` over `37,188.34 | | | 21,968.00 |`; its 政府采购
/// table's `专项名称 | 经济科目 | 采购物品名称` over names) leaves its cells one
/// column left of its words: a headerless column that holds something takes
/// the header of its right neighbour when that column holds nothing at all.
pub fn slid_headers(paths: &mut [Vec<String>], data: &[&Row]) {
    let empty = |c: usize| data.iter().filter_map(|r| r.cells.get(c)).all(|x| x.trim().is_empty());
    for c in 1..paths.len() {
        if paths[c - 1].is_empty() && !paths[c].is_empty() && !empty(c - 1) && empty(c) {
            paths[c - 1] = std::mem::take(&mut paths[c]);
        }
    }
}

/// A cell whose column already has a header in a row above does not take
/// its left neighbour's (that neighbour belongs to another group).
fn has_own_top(grid: &[Vec<String>], r: usize, c: usize) -> bool {
    (0..r).any(|rr| !grid[rr][c].is_empty() && grid[rr][c] != grid[rr][c - 1])
}

/// The kind of every column.
pub fn kinds(paths: &[Vec<String>], marks: Option<&[String]>, data: &[&Row], width: usize, h: &Headers) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = (0..width)
        .map(|c| {
            let mark = marks.map(|m| m[c].as_str());
            kind(header_kind(&paths[c], h), mark, &stats(data, c, width))
        })
        .collect();
    // 款 / 项 columns whose 类 款 项 header row was fused into the first data
    // row (shptczj `类 | 款 | 项 | 合计 | 2,946.25`) have no header of their
    // own; two-digit cells right of a code column are its parts, not values.
    // Without that row, a 类 column of three-digit codes (xarsj 部门经济科目
    // over `302 | 99`) is one too: no amount column is followed by 款 parts.
    for c in 1..width {
        let headerless = header_kind(&paths[c], h).is_none() && marks.is_none();
        if kinds[c] == Kind::Data && headerless && code_parts(data, c, h) {
            if kinds[c - 1] == Kind::Data && paths[c].is_empty() && class_codes(data, c - 1) {
                kinds[c - 1] = Kind::Code;
            }
            if kinds[c - 1] == Kind::Code {
                kinds[c] = Kind::Code;
            }
        }
    }
    // A headerless column counting 1, 2, 3 … down the rows is a 序号 whose
    // header line was printed as prose (seed 003's 重要事项 table), or a 行次
    // whose header cell is blank (a summary table's `项目 | | 金额`, its second
    // block counting on from 32): not values, nor codes.
    for c in 0..width {
        if width == 1 || !paths[c].is_empty() || kinds[c] == Kind::Label {
            continue;
        }
        let numbered = marks.is_some_and(|m| m[c].parse::<u32>().is_ok());
        let cells = data.iter().filter_map(|r| r.cells.get(c)).map(|x| x.trim()).filter(|x| !x.is_empty());
        // The first column from 1 on, two rows or more; any other from any
        // number on, three rows or more.
        let counted = match super::count_run(cells) {
            Some((first, n)) if c == 0 => first == 1 && n >= 2,
            Some((first, n)) => first >= 1 && n >= 3,
            None => false,
        };
        if !numbered && counted {
            kinds[c] = Kind::RowNumber;
        }
    }
    for c in 0..width {
        let numbered = marks.is_some_and(|m| m[c].parse::<u32>().is_ok());
        if kinds[c] == Kind::Data && !numbered && !has_number(data, c) {
            // Words and no number are names, whatever the header (jsgy prints
            // 合计 one column left of the other labels, under no header; a
            // name column of a few rows is not yet `texty`). A headed empty
            // column stays a value column: a blank table prints its header.
            let texts = data.iter().filter_map(|r| r.cells.get(c)).any(|x| text::has_cjk(x));
            if texts {
                kinds[c] = Kind::Label;
            } else if paths[c].is_empty() {
                kinds[c] = Kind::Blank;
            }
        }
    }
    // A headerless column left of the names, in a table without 栏次 (`| |
    // 本年收入合计` over `205 | 教育支出 | 1200000`): in 元 its codes look like
    // whole amounts, but codes nest (205, 20501) and amounts do not.
    for c in 0..width.saturating_sub(1) {
        let headerless = paths[c].is_empty() && marks.is_none();
        if kinds[c] == Kind::Data && headerless && kinds[c + 1] == Kind::Label && nested_codes(data, c) {
            kinds[c] = Kind::Code;
        }
    }
    kinds
}

/// True when the column holds codes and words only, and one code is the
/// start of another.
fn nested_codes(data: &[&Row], c: usize) -> bool {
    let cells = filled(data, c);
    let codes: Vec<&str> = cells.iter().map(|x| x.as_ref()).filter(|x| x.bytes().all(|b| b.is_ascii_digit())).collect();
    let words = cells.iter().all(|x| codes.contains(&x.as_ref()) || text::has_cjk(x));
    words && codes.iter().any(|a| codes.iter().any(|b| b.len() > a.len() && b.starts_with(a)))
}

/// The column's filled cells, compacted.
fn filled<'a>(data: &[&'a Row], c: usize) -> Vec<Cow<'a, str>> {
    data.iter().filter_map(|r| r.cells.get(c)).map(|x| text::compact(x)).filter(|x| !x.is_empty()).collect()
}

/// A number of exactly `n` digits.
fn is_digits(x: &str, n: usize) -> bool {
    x.len() == n && x.bytes().all(|b| b.is_ascii_digit())
}

fn has_number(data: &[&Row], c: usize) -> bool {
    data.iter().filter_map(|r| r.cells.get(c)).any(|x| text::is_number(x))
}

/// True when every filled cell of the column is a two-digit number (or a
/// code header word of the fused header row).
fn code_parts(data: &[&Row], c: usize, h: &Headers) -> bool {
    let cells: Vec<Cow<str>> = filled(data, c).into_iter().filter(|x| !h.code.iter().any(|w| w == x)).collect();
    !cells.is_empty() && cells.iter().all(|x| is_digits(x, 2))
}

/// True when the column holds three-digit numbers, the 类 of codes whose
/// 款 the column right of it holds, and else only words (a total row's
/// 人员经费合计 printed over the code columns).
fn class_codes(data: &[&Row], c: usize) -> bool {
    let cells = filled(data, c);
    cells.iter().any(|x| is_digits(x, 3)) && cells.iter().all(|x| is_digits(x, 3) || text::has_cjk(x))
}

/// Counts of what a column's data cells look like.
#[derive(Debug, Default)]
struct Stats {
    rows: usize,
    texts: usize,
    codes: usize,
    amounts: usize,
}

/// Counts over the rows that fill every column: a short row is one whose
/// cells slid left (merged code cells), so its cells are not evidence.
fn stats(data: &[&Row], c: usize, width: usize) -> Stats {
    let full: Vec<&&Row> = data.iter().filter(|r| r.cells.len() == width).collect();
    let mut s = Stats { rows: full.len(), ..Stats::default() };
    for cell in full.iter().filter_map(|r| r.cells.get(c)) {
        if text::has_cjk(cell) {
            s.texts += 1;
        } else if text::is_code_like(cell) {
            s.codes += 1;
        } else if text::is_number(cell) {
            s.amounts += 1;
        }
    }
    s
}

fn header_kind(path: &[String], h: &Headers) -> Option<Kind> {
    path.iter().rev().find_map(|p| {
        if h.row_number.contains(p) {
            Some(Kind::RowNumber)
        } else if h.code.contains(p) || h.unit_code.contains(p) || ends_with_code_word(p, h) {
            Some(Kind::Code)
        } else if h.label.contains(p) {
            Some(Kind::Label)
        } else {
            None
        }
    })
}

/// `部门经济科目 编码`: a header ending in a code word of two characters or
/// more (编码, 代码) names a code column whatever precedes it; one-character
/// words (类, 款, 项) only name one alone.
fn ends_with_code_word(p: &str, h: &Headers) -> bool {
    h.code.iter().any(|w| w.chars().count() >= 2 && p.ends_with(w.as_str()))
}

fn kind(header: Option<Kind>, mark: Option<&str>, s: &Stats) -> Kind {
    if header == Some(Kind::RowNumber) {
        return Kind::RowNumber;
    }
    // One stray word (a header fused into a row: seed 003 `类 | 款 | 项 | 合计`)
    // does not make a label column; most rows, or two words at least, do.
    let texty = s.texts > s.amounts && s.texts >= s.codes && (s.texts >= 2 || s.texts * 2 > s.rows);
    match mark {
        // A number in the 栏次 row marks a value column, unless the column
        // holds no amount at all and its header names a code or its cells
        // are words: xarsj numbers every column of its 结转 table, 代码 and
        // 名称 too, and read as values its unit and function codes became
        // amounts.
        Some(m) if m.parse::<u32>().is_ok() => match header {
            _ if s.amounts > 0 => Kind::Data,
            Some(Kind::Code) if s.codes > 0 => Kind::Code,
            _ if texty => Kind::Label,
            _ => Kind::Data,
        },
        Some(_) if header == Some(Kind::Label) && s.codes == 0 => Kind::Label,
        Some(_) if header != Some(Kind::Code) && texty => Kind::Label,
        Some(_) => Kind::Code,
        None if texty => Kind::Label,
        None if header == Some(Kind::Code) => Kind::Code,
        // `项目` printed over both the code and the name column, with no
        // 科目编码 row below: a column of codes under it is no label. Read as
        // one, its codes slid the row and became amounts.
        None if header == Some(Kind::Label) && s.amounts == 0 && s.codes > s.texts => Kind::Code,
        None if header == Some(Kind::Label) && s.amounts == 0 => Kind::Label,
        None => Kind::Data,
    }
}

/// Groups columns into parts: a code or label column after values starts a
/// new part. Headed columns with no number in any row are not values here:
/// 西安's 政府采购 table prints 购买服务的内容 and 规格型号 empty between its
/// names and its 部门经济 / 政府经济 codes, which belong to the same row; nor
/// are quantities, printed there between the codes (数量), and elsewhere
/// before the names they count (`数量 | 计量单位 | 金额`).
pub fn parts(kinds: &[Kind], paths: &[Vec<String>], data: &[&Row], h: &Headers) -> Vec<Part> {
    let mut parts: Vec<Part> = vec![];
    let mut first_cols: Vec<usize> = vec![];
    let quantity = |w: &String| h.quantities.iter().any(|q| w.ends_with(q.as_str()));
    let filled: Vec<bool> = (0..kinds.len())
        .map(|c| kinds[c] == Kind::Data && has_number(data, c) && !paths[c].last().is_some_and(quantity))
        .collect();
    for (c, &k) in kinds.iter().enumerate() {
        let valued = |p: &Part| p.data_cols.iter().any(|&d| filled[d]);
        let starts = matches!(k, Kind::Code | Kind::Label) && parts.last().is_none_or(valued);
        if starts || (parts.is_empty() && k == Kind::Data) {
            parts.push(Part::default());
            first_cols.push(c);
        }
        let Some(p) = parts.last_mut() else { continue };
        let second = !p.code_cols.is_empty() && !p.label_cols.is_empty();
        match k {
            // Only the first code printed after the name is the alt code: a
            // third (政府经济 after 部门经济) would run into it.
            Kind::Code if second && p.alt_code_cols.first().is_none_or(|&a| paths[a].first() == paths[c].first()) => {
                p.alt_code_cols.push(c)
            }
            Kind::Code if second => {}
            Kind::Code => p.code_cols.push(c),
            Kind::Label => p.label_cols.push(c),
            Kind::Data => p.data_cols.push(c),
            Kind::RowNumber | Kind::Blank => {}
        }
    }
    for p in &mut parts {
        keyed_by_unit(p, paths, h);
    }
    // A text column after the last values (cszgw's 超支或结余资金原因及处理)
    // is a remark, not a block: a part without values gives no facts.
    while parts.len() > 1 && parts.last().is_some_and(|p| p.data_cols.is_empty()) {
        parts.pop();
        first_cols.pop();
    }
    if parts.len() > 1 {
        let mut above: Option<String> = None;
        for (p, &first) in parts.iter_mut().zip(&first_cols) {
            let top = section_header(paths, first, p);
            // One header spanning several blocks (xarsj 支 出 over 支出功能分类 |
            // 部门预算支出经济分类 | 政府预算支出经济分类): later blocks are named
            // by their own header below it.
            p.section = match (&top, paths[first].get(1)) {
                (Some(t), Some(own)) if above.as_ref() == Some(t) => Some(own.clone()),
                _ => top.clone(),
            };
            above = top;
        }
    }
    for p in &mut parts {
        p.paths = p.data_cols.iter().map(|&c| without_section(&paths[c], p.section.as_deref())).collect();
        p.units = p.paths.iter_mut().map(|p| strip_money_unit(p)).collect();
        p.scores = p.paths.iter().map(|path| path.last().is_some_and(|w| h.score.contains(w))).collect();
        p.quantities = p.paths.iter().map(|path| path.last().is_some_and(quantity)).collect();
        p.projects = p.label_cols.iter().any(|&c| paths[c].iter().any(|w| h.project.contains(w)));
    }
    parts
}

/// A part whose only code is a 单位编码 is keyed by unit; beside a function
/// code (西安's 政府采购: 类 | 款 | 项 | 单位编码) the unit code is not part of
/// the row's code, and would run into it.
fn keyed_by_unit(p: &mut Part, paths: &[Vec<String>], h: &Headers) {
    // `预算单位代码` is a unit code as much as `单位代码`.
    let unit = |c: &usize| paths[*c].iter().any(|x| h.unit_code.iter().any(|w| x.ends_with(w.as_str())));
    let (units, others): (Vec<usize>, Vec<usize>) = p.code_cols.iter().partition(|c| unit(c));
    p.unit_codes = others.is_empty() && !units.is_empty();
    if !p.unit_codes && !units.is_empty() {
        p.code_cols = others;
    }
}

/// Removes the `(元)` / `(万元)` a header ends in and says which it was.
fn strip_money_unit(path: &mut [String]) -> Option<MoneyUnit> {
    let last = path.last_mut()?;
    let (name, unit) = MoneyUnit::bracketed_at_end(last).filter(|(name, _)| !name.is_empty())?;
    last.truncate(name.len());
    Some(unit)
}

/// The topmost header printed over the part's columns.
fn section_header(paths: &[Vec<String>], first: usize, p: &Part) -> Option<String> {
    let last = p.data_cols.last().copied().unwrap_or(first);
    let top = paths[first..=last].iter().filter(|x| x.len() > 1).find_map(|x| x.first().cloned());
    top.or_else(|| paths[first].first().cloned())
}

fn without_section(path: &[String], section: Option<&str>) -> Vec<String> {
    match (path.first(), section) {
        (Some(first), Some(s)) if first == s && path.len() > 1 => path[1..].to_vec(),
        _ => path.to_vec(),
    }
}
