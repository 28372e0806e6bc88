//! Sums in integers of the finest printed digit, with the rounding
//! tolerance of half a unit of that digit per non-zero addend.

use crate::model::Fact;

/// (total, Σ parts, decimals): both in integers of the finest printed digit.
pub fn balance(total: Option<&Fact>, parts: &[&Fact]) -> (i128, i128, u8) {
    let decimals = total.iter().chain(parts).map(|f| f.printed.decimals).max().unwrap_or(0);
    let t = total.map_or(0, |f| scaled(f, decimals));
    (t, parts.iter().map(|f| scaled(f, decimals)).sum(), decimals)
}

/// True when total = Σ parts within the rounding tolerance. Printed zeros
/// are taken as exact (templates print 0.00 or a blank for no spending), so
/// only non-zero addends carry rounding.
pub fn adds_up(total: Option<&Fact>, parts: &[&Fact]) -> bool {
    let (t, s, _) = balance(total, parts);
    (t - s).abs() * 2 <= tolerance(parts.iter().filter(|f| f.printed.units != 0).count().max(1))
}

/// The printed value as an integer at `decimals` digits after the point.
pub fn scaled(f: &Fact, decimals: u8) -> i128 {
    f.printed.units as i128 * 10i128.pow((decimals - f.printed.decimals) as u32)
}

/// Twice the allowed difference, in units of the finest digit: half a unit per addend.
pub fn tolerance(addends: usize) -> i128 {
    addends as i128
}
