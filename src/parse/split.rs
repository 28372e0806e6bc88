//! One amount column split in two by extraction. jsgy prints 金 额 over one
//! column, but pdfplumber puts the 类 and 合计 amounts one cell right of the
//! 款 and 项 amounts, under no header. When a part has a single named value
//! column and an unnamed neighbour never filled on the same row, the
//! neighbour's cells belong to it.

use super::Part;
use crate::segment::Row;
use std::borrow::Cow;

/// The rows with split-off cells moved back into the part's one named column.
/// Rows with nothing to move are borrowed.
pub fn joined<'r>(rows: &[&'r Row], parts: &[Part]) -> Vec<Cow<'r, Row>> {
    let moves: Vec<(usize, usize)> = parts.iter().filter_map(|p| split_neighbour(p, rows)).collect();
    let moved = |cells: &[String]| moves.iter().any(|&(from, to)| moves_cell(cells, from, to));
    rows.iter()
        .map(|&r| {
            if !moved(&r.cells) {
                return Cow::Borrowed(r);
            }
            let mut cells = r.cells.clone();
            for &(from, to) in &moves {
                if moves_cell(&cells, from, to) {
                    cells[to] = std::mem::take(&mut cells[from]);
                }
            }
            Cow::Owned(Row { line: r.line, cells })
        })
        .collect()
}

fn moves_cell(cells: &[String], from: usize, to: usize) -> bool {
    filled(cells, from) && !filled(cells, to) && to < cells.len()
}

/// (unnamed column, named column) of a part with one named value column.
fn split_neighbour(p: &Part, rows: &[&Row]) -> Option<(usize, usize)> {
    let named: Vec<usize> =
        p.data_cols.iter().zip(&p.paths).filter(|(_, path)| !path.is_empty()).map(|(c, _)| *c).collect();
    let [to] = named.as_slice() else { return None };
    let to = *to;
    let unnamed = p.data_cols.iter().zip(&p.paths).filter(|(c, path)| path.is_empty() && c.abs_diff(to) == 1);
    let mut used = unnamed.map(|(c, _)| *c).filter(|&c| rows.iter().any(|r| filled(&r.cells, c)));
    let from = used.next()?;
    let apart = rows.iter().all(|r| !(filled(&r.cells, from) && filled(&r.cells, to)));
    (used.next().is_none() && apart).then_some((from, to))
}

fn filled(cells: &[String], c: usize) -> bool {
    cells.get(c).is_some_and(|x| !x.trim().is_empty())
}
