//! Printed numbers and codes: what a cell holds, read without guessing.

use super::{compact, is_ideograph};
use crate::model::Amount;

/// What a table cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Nothing, or a dash that templates print for "none".
    Blank,
    /// A number, with the digits as printed.
    Number(Amount),
    /// Anything else.
    Text,
}

/// Reads a printed number: thousands separators, a space after the point
/// (`157. 11`), full-width digits, a leading minus or parentheses.
pub fn cell(s: &str) -> Cell {
    // Most cells asked are labels: an ideograph (一 aside, which templates
    // print for "none") makes a cell neither blank nor a number, and NFKC
    // keeps it, so such a cell is not compacted.
    if s.chars().any(|ch| is_ideograph(ch) && ch != '一') {
        return Cell::Text;
    }
    let c = compact(s);
    if c.is_empty() || c.chars().all(|ch| matches!(ch, '-' | '—' | '–' | '―' | '一' | '_')) && c.chars().count() <= 3
    {
        return Cell::Blank;
    }
    match number(&c) {
        Some(a) => Cell::Number(a),
        None => Cell::Text,
    }
}

/// True when the cell reads as a number (see [`cell`]).
pub fn is_number(s: &str) -> bool {
    matches!(cell(s), Cell::Number(_))
}

/// Parses a compact number string into integer units of its last digit.
pub fn number(c: &str) -> Option<Amount> {
    let (neg, body) = match c.strip_prefix(['-', '−']) {
        Some(b) => (true, b),
        None => match c.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
            Some(b) => (true, b),
            None => (false, c),
        },
    };
    // Most cells asked are words: refuse them before scanning for a point.
    if !body.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // Bytes, not a char search: cells are short, and a search costs more to set up than to run.
    let (int, frac) = match body.bytes().position(|b| b == b'.') {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, ""),
    };
    if int.is_empty() || !valid_int_part(int) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 9 || int.len() > 15 {
        return None;
    }
    // At most 24 digits: 15 + 9 fit an i128, and the i64 check below refuses the rest.
    let units = int.bytes().chain(frac.bytes()).filter(|&b| b != b',').fold(0i128, |n, b| n * 10 + (b - b'0') as i128);
    let units = i64::try_from(units).ok()?;
    Some(Amount { units: if neg { -units } else { units }, decimals: frac.len() as u8 })
}

/// Digits with optional thousands separators in groups of three.
fn valid_int_part(int: &str) -> bool {
    if !int.bytes().any(|b| b == b',') {
        return int.bytes().all(|b| b.is_ascii_digit());
    }
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Only the ASCII digits of a cell: `2080)5` → `20805`.
pub fn digits(s: &str) -> String {
    compact(s).chars().filter(char::is_ascii_digit).collect()
}

/// True when a cell is a printed classification code or a part of one:
/// digits only (extraction junk aside), no decimal point.
pub fn is_code_like(s: &str) -> bool {
    let c = compact(s);
    // `c` is NFKC already, so its digits are its ASCII digits.
    let d = c.bytes().filter(u8::is_ascii_digit).count();
    !c.contains('.') && !c.contains(',') && (2..=9).contains(&d) && d * 2 >= c.chars().count()
}
