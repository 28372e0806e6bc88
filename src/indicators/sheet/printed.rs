//! Cells as printed → cells as read: three level names fused into one
//! cell split, points after a name dropped, an amount among words found.

use crate::config::raw::IndicatorWords;
use crate::indicators::levels;
use crate::text;

/// The row with each cell fusing the three level names (see
/// [`levels::unfused`]) printed as three cells in consecutive columns, where
/// the header's level columns are expected. Left in one column, the parts
/// made the cells after them look shifted right, and bjtjj line 1034's
/// `定性 | 高` was read as target 定性 with measure unit 高.
pub(super) fn unfused(cells: Vec<(usize, String, String)>, w: &IndicatorWords) -> Vec<(usize, String, String)> {
    let mut out = Vec::with_capacity(cells.len());
    for (i, c, raw) in cells {
        match levels::unfused(&c, w) {
            Some(parts) => {
                let parts = parts.into_iter().enumerate().filter(|(_, p)| !p.is_empty());
                out.extend(parts.map(|(k, p)| (i + k, p.clone(), p)));
            }
            None => out.push((i, c, raw)),
        }
    }
    out
}

/// A cell, compact and as printed, without the points printed after a name
/// (`产出指标（50分）`): with them it was no known level name, and the row
/// took another row's 一级.
pub(super) fn without_points(raw: &str) -> (String, String) {
    let (c, raw) = (text::compact(raw), raw.trim());
    let cut = c.strip_suffix(')').and_then(|b| b.rsplit_once('(')).filter(|(name, inner)| {
        !name.is_empty() && inner.strip_suffix('分').is_some_and(|n| text::number(n).is_some())
    });
    // Most cells print no points: the printed text is searched only for one that does.
    match cut.and_then(|(name, _)| Some((name, raw.rsplit_once(['(', '（'])?.0))) {
        Some((name, printed)) => (name.to_string(), printed.trim_end().to_string()),
        None => (c.into_owned(), raw.to_string()),
    }
}

/// A number with decimals among the words of a cell (`103.984764项目总额`).
pub(super) fn holds_decimal(c: &str) -> bool {
    c.split(|ch: char| !ch.is_ascii_digit() && ch != '.').any(|w| text::number(w).is_some_and(|a| a.decimals > 0))
}
