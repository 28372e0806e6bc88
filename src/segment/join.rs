//! Passes over the tables found: pages of one table joined, tables of
//! contents dropped, and a table outside the catalog split where a row of
//! words restates its header.

use super::{Block, Row};
use crate::text;

/// Drops titles with no rows (tables of contents) and joins a table printed
/// again under the same title right after itself (a page break that the
/// template marks by repeating the title), unless it is another table of
/// the same kind (see `continues`).
pub(super) fn merge_continuations(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for b in blocks.into_iter().filter(|b| !b.rows.is_empty()) {
        match out.last_mut() {
            Some(prev)
                if b.spec.is_some() && prev.spec.map(|s| &s.id) == b.spec.map(|s| &s.id) && continues(prev, &b) =>
            {
                prev.rows.extend(b.rows);
                prev.spills.extend(b.spills);
                prev.money_unit = prev.money_unit.or(b.money_unit);
            }
            _ => out.push(b),
        }
    }
    out
}

/// True when `next`, titled as `prev`, is its next page: it names no
/// other unit in its preamble (a 单位's table after its 部门's), and it is
/// not `prev` printed again.
fn continues(prev: &Block, next: &Block) -> bool {
    let other_unit = matches!((&prev.unit, &next.unit), (Some(a), Some(b)) if a != b);
    !other_unit && !reprints(prev, next)
}

/// True when `next` prints rows of amounts `prev` printed already, two or
/// more and half of its own or more: the same table printed twice (in a
/// report's text and again in its appendix, or as the 部门 table and again
/// as its one 单位's), where the next page of a table prints new rows.
/// Joined, its rows had been read twice, each amount a second fact and
/// every sum over them off.
fn reprints(prev: &Block, next: &Block) -> bool {
    let amounts = |r: &&Row| r.cells.iter().any(|c| matches!(text::cell(c), text::Cell::Number(a) if a.decimals > 0));
    let rows: Vec<&Row> = next.rows.iter().filter(amounts).collect();
    // A reprint prints its rows as before, cell for cell; asked at every
    // page break, so no row is copied to ask it.
    let again = rows.iter().filter(|r| prev.rows.iter().any(|p| p.cells == r.cells)).count();
    // A next page may repeat the total row above its own (fsgdj 表5 p.16).
    again >= 2 && again * 2 >= rows.len()
}

/// Splits a table outside the catalog where a row of words restates the
/// header below rows of numbers (seed 000's 基础数据表: 编制数 | 实际在职人数
/// | 控制率 over one row of numbers, then 经费控制情况 | 2022年决算数 | … over
/// the money rows, then 楼堂馆所控制情况 | 批复规模 | … over words). Read
/// under one header, the money rows' columns were named by the first
/// header's words and the numbers under them.
pub(super) fn split_restated_headers(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for mut b in blocks {
        while let Some(at) = b.spec.is_none().then(|| restated_header(&b.rows)).flatten() {
            let rows = b.rows.split_off(at);
            let rest = Block { rows, spills: vec![], title: b.title.clone(), unit: b.unit.clone(), ..b };
            out.push(std::mem::replace(&mut b, rest));
        }
        out.push(b);
    }
    out
}

/// The first row of three words or more, no number, right below a row with
/// numbers, that heads what follows: the next row's numbers each sit under
/// one of its words, or no number follows at all. A row of words between
/// rows of amounts that does not (a project printed without its amount)
/// stays a row.
fn restated_header(rows: &[Row]) -> Option<usize> {
    let number = |c: &String| text::is_number(c);
    let has_number = |r: &Row| r.cells.iter().any(number);
    let words = |r: &Row| {
        let filled = r.cells.iter().filter(|c| !c.trim().is_empty());
        filled.clone().count() >= 3 && filled.clone().all(|c| text::has_cjk(c)) && !has_number(r)
    };
    // Each number of the row below sits under one of the row's words.
    let heads = |r: &Row, below: &Row| {
        let worded = |i: usize| r.cells.get(i).is_some_and(|c| !c.trim().is_empty());
        below.cells.iter().enumerate().all(|(i, c)| !number(c) || worded(i))
    };
    (2..rows.len()).filter(|&r| has_number(&rows[r - 1]) && words(&rows[r])).find(|&r| {
        // Looked at only below a candidate, so a long table stays one pass.
        let rest = &rows[r + 1..];
        match rest.first().filter(|n| has_number(n)) {
            Some(below) => heads(&rows[r], below),
            None => !rest.iter().any(has_number),
        }
    })
}
