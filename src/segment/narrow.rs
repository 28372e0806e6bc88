//! Pages of a table that extraction cut into fewer cells than the page
//! before: jsgy's 政府采购支出预算表 prints its first page 18 cells a row,
//! each merged column three cells wide, and its second page 6 cells a row,
//! one a column, with no header. Read alone, the second page became an
//! `other` table titled by the row spilled above it, its amounts under 列1.

use super::{holds_amount, Block, Row};
use crate::text;

/// Appends each untitled block whose rows are the table above's rows cut to
/// one cell per column to that table, each cell put back in its column.
pub(super) fn join_narrow_pages(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        let placed = out.last().filter(|_| b.spec.is_none()).and_then(|prev| placement(prev, &b));
        match (placed, out.last_mut()) {
            (Some(placed), Some(prev)) => append(prev, b, &placed),
            _ => out.push(b),
        }
    }
    out
}

/// The column of the table above that each cell of `next`'s rows belongs
/// to: every row of `next` has as many cells as the rows of `prev` that
/// hold an amount fill columns, and each of its cells is of the kind (amount
/// or text) that its column holds there.
fn placement(prev: &Block, next: &Block) -> Option<Placement> {
    let cells = next.rows.first()?.cells.len();
    let width = prev.rows.iter().map(|r| r.cells.len()).max()?;
    if cells < 2 || cells >= width || next.rows.iter().any(|r| r.cells.len() != cells) {
        return None;
    }
    let (amounts, texts) = kinds_by_column(&prev.rows, width);
    let filled: Vec<usize> = (0..width).filter(|&i| amounts[i] || texts[i]).collect();
    let fits = |r: &Row, (from, to): (usize, usize)| {
        r.cells[from..to].iter().zip(&filled).all(|(c, &i)| {
            let c = c.trim();
            c.is_empty() || if text::is_number(c) { amounts[i] } else { texts[i] }
        })
    };
    let has_amount = next.rows.iter().any(|r| r.cells.iter().any(|c| text::is_number(c)));
    // Every cell a column, else without as few as can be of the columns
    // blank in every row at the edges, which extraction adds to ruled
    // tables: a column of the table can be blank on one page too.
    let (first, end) = used_span(next)?;
    let trims = (0..=first + cells - end).flat_map(|t| (0..=t.min(first)).map(move |k| (k, t - k)));
    let mut spans = trims.filter(|&(_, m)| m <= cells - end).map(|(k, m)| (k, cells - m));
    let fitting = |&(from, to): &(usize, usize)| {
        filled.len() == to - from && has_amount && next.rows.iter().all(|r| fits(r, (from, to)))
    };
    let span = spans.find(fitting)?;
    Some(Placement { from: span.0, columns: filled })
}

/// Where `next`'s cells go: its cells from `from` on, one per column of `columns`.
struct Placement {
    from: usize,
    columns: Vec<usize>,
}

/// The first and one past the last cell index that any row of `block` fills.
fn used_span(block: &Block) -> Option<(usize, usize)> {
    let filled = |r: &Row| {
        let first = r.cells.iter().position(|c| !c.trim().is_empty())?;
        let last = r.cells.iter().rposition(|c| !c.trim().is_empty())?;
        Some((first, last + 1))
    };
    let spans: Vec<(usize, usize)> = block.rows.iter().filter_map(filled).collect();
    Some((spans.iter().map(|s| s.0).min()?, spans.iter().map(|s| s.1).max()?))
}

/// Per column of the rows holding a number (with decimals or not: a table
/// printed in whole 元 has no other): whether it holds a number, and
/// whether it holds text, in any of them.
fn kinds_by_column(rows: &[Row], width: usize) -> (Vec<bool>, Vec<bool>) {
    let (mut amounts, mut texts) = (vec![false; width], vec![false; width]);
    for r in rows.iter().filter(|r| r.cells.iter().any(|c| text::is_number(c))) {
        for (i, c) in r.cells.iter().map(|c| c.trim()).enumerate().filter(|(_, c)| !c.is_empty()) {
            if text::is_number(c) {
                amounts[i] = true;
            } else {
                texts[i] = true;
            }
        }
    }
    (amounts, texts)
}

/// `next`'s rows widened to `prev`'s columns; the line it was titled by, when
/// it holds an amount and sits between the two, is a row spilled as text.
fn append(prev: &mut Block, next: Block, placed: &Placement) {
    let width = prev.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let between = prev.rows.last().is_some_and(|r| r.line < next.title_line);
    if between && holds_amount(&next.title) {
        prev.spills.push(next.title_line);
    }
    for row in next.rows {
        let mut cells = vec![String::new(); width];
        for (cell, &i) in row.cells.into_iter().skip(placed.from).zip(&placed.columns) {
            cells[i] = cell;
        }
        prev.rows.push(Row { line: row.line, cells });
    }
    prev.spills.extend(next.spills);
}
