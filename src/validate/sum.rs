//! Sums in integers of the finest printed digit, in 万元, with the rounding
//! tolerance of half a unit of that digit per non-zero addend. A cell's
//! digit is its table's or column's money unit times its last printed
//! decimal: 12,345.00 元 counts in millionths of 万元, 1.23 万元 in
//! hundredths, so two tables in different units compare.

use crate::model::Fact;

/// (total, Σ parts, e): both in integers of 10^e 万元, the finest printed digit.
pub fn balance(total: Option<&Fact>, parts: &[&Fact]) -> (i128, i128, i32) {
    let e = total.iter().chain(parts).map(|f| digit(f)).min().unwrap_or(0);
    let t = total.map_or(0, |f| scaled(f, e));
    (t, parts.iter().map(|f| scaled(f, e)).sum(), e)
}

/// True when total = Σ parts within the rounding tolerance. Printed zeros
/// are taken as exact (templates print 0.00 or a blank for no spending), so
/// only non-zero addends carry rounding.
pub fn adds_up(total: Option<&Fact>, parts: &[&Fact]) -> bool {
    let (t, s, _) = balance(total, parts);
    (t - s).abs() * 2 <= parts.iter().filter(|f| f.printed.units != 0).count().max(1) as i128
}

/// True when two cells print the same quantity. In one money unit they
/// agree to the finest digit: a cell printed with fewer digits is the
/// likelier truncation by extraction (seed 003 prints 157. 1 where the PDF
/// and its 表4 say 157.11). Across units the coarser is the other rounded
/// in the conversion (1.23 万元 for 12,345.00 元), so they may differ by
/// half its digit.
pub fn same(a: &Fact, b: &Fact) -> bool {
    let e = digit(a).min(digit(b));
    let allowed = if a.scale_exp == b.scale_exp { 1 } else { 10i128.pow((digit(a).max(digit(b)) - e) as u32) };
    (scaled(a, e) - scaled(b, e)).abs() * 2 <= allowed
}

/// The power of ten, in 万元, of the cell's last printed digit.
pub fn digit(f: &Fact) -> i32 {
    f.scale_exp - f.printed.decimals as i32
}

/// The printed value as an integer of 10^e 万元 (e at most its digit).
fn scaled(f: &Fact, e: i32) -> i128 {
    f.printed.units as i128 * 10i128.pow((digit(f) - e) as u32)
}
