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
/// only non-zero addends carry rounding: half a unit of the finest digit
/// each. A cell in another money unit than the finest digit's was rounded
/// to its own digit when converted (a column headed `（元）` in a table in
/// 万元), the total too: it carries half of that.
pub fn adds_up(total: Option<&Fact>, parts: &[&Fact]) -> bool {
    let (t, s, e) = balance(total, parts);
    let unit = total.iter().chain(parts).find(|f| digit(f) == e).map_or(0, |f| f.scale_exp);
    let converted = |f: &Fact| f.scale_exp != unit;
    let own = |f: &Fact| 10i128.pow((digit(f) - e) as u32);
    let nonzero = |f: &&&Fact| f.printed.units != 0;
    let parts_allowed: i128 = parts.iter().filter(nonzero).map(|f| if converted(f) { own(f) } else { 1 }).sum();
    let total_allowed: i128 = total.iter().filter(nonzero).filter(|f| converted(f)).map(|f| own(f)).sum();
    (t - s).abs() * 2 <= (parts_allowed + total_allowed).max(1)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Amount;

    fn cell(units: i64, decimals: u8, scale_exp: i32) -> Fact {
        Fact {
            table: String::new(),
            table_title: String::new(),
            code: None,
            column: String::new(),
            printed: Amount { units, decimals },
            scale_exp,
            amount_text: String::new(),
            section: None,
            item: String::new(),
            alt_code: None,
            code_system: None,
            code_level: None,
            line: 1,
            unit: None,
        }
    }

    #[test]
    fn sums_and_equal_cells_across_money_units() {
        // A total in 万元 over parts in 元: 12,300.00 + 45.00 元 rounds to 1.23.
        let (total, a, b) = (cell(123, 2, 0), cell(1230000, 2, -4), cell(4500, 2, -4));
        assert!(adds_up(Some(&total), &[&a, &b]), "1.2345 万元 printed 1.23");
        assert!(!adds_up(Some(&cell(124, 2, 0)), &[&a, &b]), "1.24 is not 1.2345 rounded");
        // In one unit, half a cent per addend.
        assert!(!adds_up(Some(&cell(123, 2, 0)), &[&cell(100, 2, 0), &cell(21, 2, 0)]));
        // A total in 元, its parts in 万元 rounded to 0.01 each.
        let (total, a, b) = (cell(1234500, 2, -4), cell(100, 2, 0), cell(23, 2, 0));
        assert!(adds_up(Some(&total), &[&a, &b]), "1.00 + 0.23 万元 is 12,345.00 元, each part rounded");
        assert!(
            !adds_up(Some(&cell(1260000, 2, -4)), &[&a, &b]),
            "12,600.00 元 is off by more than the parts' rounding"
        );
        // The same quantity in two units, and in one unit with a digit lost.
        assert!(same(&cell(123, 2, 0), &cell(1234500, 2, -4)));
        assert!(!same(&cell(123, 2, 0), &cell(1235500, 2, -4)));
        assert!(!same(&cell(1571, 1, 0), &cell(15711, 2, 0)), "157. 1 for 157.11 is a truncation");
    }
}
