//! Text normalization shared by every stage: the one definition of a
//! normalized label, a title key and a printed number. Stages call these
//! instead of trimming or comparing raw strings themselves.

use crate::model::Amount;
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// NFKC with all whitespace removed: `因公出国 （境） 费` → `因公出国(境)费`.
/// Borrows when the text is compact already: stages compact the same cells
/// again and again, and most cells (numbers, codes, labels) never change.
pub fn compact(s: &str) -> Cow<'_, str> {
    if compact_prefix(s) == s.len() {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(compacted(s))
    }
}

/// Length in bytes of the start of `s` that `compact` leaves unchanged.
fn compact_prefix(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0x21..=0x7E => i += 1,
            0x00..=0x7F => return i,
            // U+4000..=U+9FFF, led by E4..=E9: ideographs, which NFKC keeps
            // and which are never whitespace (the test checks every one).
            0xE4..=0xE9 => i += 3,
            _ => match s[i..].chars().next() {
                Some(c) if simple_nfkc(c) == Some(c) && !c.is_whitespace() => i += c.len_utf8(),
                _ => return i,
            },
        }
    }
    i
}

/// `compact` of a text that changes. Report text is nearly all ASCII,
/// common ideographs and full-width ASCII, whose NFKC is one char each, so
/// only a text with anything else pays for the full normalization; and the
/// runs that do not change are copied whole, not char by char (prose lines
/// are long runs of ideographs between spaces and full-width commas).
fn compacted(s: &str) -> String {
    let keep = |c: &char| is_ideograph(*c) || !c.is_whitespace();
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    loop {
        let (run, tail) = rest.split_at(compact_prefix(rest));
        out.push_str(run);
        let mut chars = tail.chars();
        let Some(c) = chars.next() else { return out };
        match simple_nfkc(c) {
            Some(n) if keep(&n) => out.push(n),
            Some(_) => {}
            None => return s.nfkc().filter(keep).collect(),
        }
        rest = chars.as_str();
    }
}

/// Ideographs first: they are never whitespace, and asking costs a table lookup.
fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF)
}

/// The NFKC of a char that normalizes to one char on its own and never
/// combines with a neighbour; `None` for the rest.
fn simple_nfkc(c: char) -> Option<char> {
    match c as u32 {
        0..=0x7F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x3001..=0x3002 | 0x300A..=0x3011 => Some(c),
        0x2013..=0x2014 | 0x2018..=0x2019 | 0x201C..=0x201D => Some(c),
        // Signs and brackets of indicator tables (≥ ≤ ≧ ≦ × · • □ 〔〕): a
        // row holding one took the full normalization every time it was compacted.
        0xB7 | 0xD7 | 0xF7 | 0x2022 | 0x2264..=0x2267 | 0x25A1 | 0x3014..=0x3015 => Some(c),
        0x3000 => Some(' '),
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// A row label as written to `item`: compact, leading list numbering and
/// extraction junk removed (seed 003 prints `.员经费合计`, `•`). A project
/// code printed above its name in the same cell keeps a space before it:
/// compacted, bjtjj's `11000024T00000283 0551-统计监测…` ran two numbers into one.
pub fn label(s: &str) -> String {
    if let Some((code, name)) = leading_code(s) {
        let name = label(name);
        if !name.is_empty() {
            return format!("{} {name}", compact(code));
        }
    }
    let c = compact(s);
    let kept = kept(strip_numbering(&c), is_label_char);
    let trimmed = kept.trim_matches(['-', '.', '、', ':', '/']);
    if trimmed.len() == kept.len() {
        kept
    } else {
        trimmed.to_string()
    }
}

/// A first word of six or more ASCII letters and digits (full-width ones
/// too), at least one a digit, and the text after it.
fn leading_code(s: &str) -> Option<(&str, &str)> {
    let (code, rest) = s.trim_start().split_once(char::is_whitespace)?;
    let c = compact(code);
    let is_code = c.len() >= 6 && c.bytes().all(|b| b.is_ascii_alphanumeric()) && c.bytes().any(|b| b.is_ascii_digit());
    is_code.then_some((code, rest))
}

/// `s` without the chars `keep` refuses. Most labels and lines keep them
/// all, and copying them whole is several times cheaper than char by char.
fn kept(s: &str, keep: impl Fn(char) -> bool) -> String {
    if s.chars().all(&keep) {
        s.to_string()
    } else {
        s.chars().filter(|&c| keep(c)).collect()
    }
}

fn is_label_char(ch: char) -> bool {
    is_cjk(ch)
        || ch.is_ascii_alphanumeric()
        || matches!(ch, '(' | ')' | '[' | ']' | '/' | '、' | ':' | ';' | '%' | '-' | '+' | '《' | '》' | '<' | '>')
        || matches!(ch, '≥' | '≤' | '=' | '~' | '“' | '”')
}

/// True when the text holds a colon in any form NFKC turns into `:`; a
/// cheap test before compacting a line to look for `单位：…`.
pub fn has_colon(s: &str) -> bool {
    s.contains([':', '\u{2A74}', '\u{FE13}', '\u{FE55}', '\u{FF1A}'])
}

/// True for the CJK ideographs and CJK punctuation that make up labels.
pub fn is_cjk(ch: char) -> bool {
    matches!(ch as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// True when the text holds at least one CJK ideograph.
pub fn has_cjk(s: &str) -> bool {
    s.chars().any(is_cjk)
}

/// Removes leading list numbering: `一、` `二十六、` `1、` `1.` `(一)` `（1）` `- `.
pub fn strip_numbering(s: &str) -> &str {
    let mut rest = s.trim_start_matches(['-', ' ']);
    loop {
        let next = strip_one_number(rest);
        if next.len() == rest.len() {
            return rest;
        }
        rest = next;
    }
}

fn strip_one_number(s: &str) -> &str {
    if let Some(inner) = s.strip_prefix('(') {
        if let Some(end) = inner.find(')') {
            if end > 0 && inner[..end].chars().all(is_numeral) {
                return &inner[end + 1..];
            }
        }
        return s;
    }
    let end = s.char_indices().find(|&(_, c)| !is_numeral(c)).map_or(s.len(), |(i, _)| i);
    if end == 0 {
        return s;
    }
    let after = &s[end..];
    // A bare number followed by text is part of the label (2023年), so only
    // a separator makes it numbering; `1.5` is a number, not numbering.
    match after.chars().next() {
        Some('、') | Some(',') | Some(')') => &after[after.chars().next().map_or(0, char::len_utf8)..],
        Some('.') if !after[1..].starts_with(|c: char| c.is_ascii_digit()) => &after[1..],
        _ => s,
    }
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十百零".contains(c)
}

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
    if c.is_empty() || c.chars().all(|ch| "-—–―一_".contains(ch)) && c.chars().count() <= 3 {
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
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
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
    if !int.contains(',') {
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

/// The key a title is matched on: compact, without year prefix, list
/// numbering, table numbers (公开01表, 表 2, 预算01表), quotes and brackets.
pub fn title_key(s: &str) -> String {
    let c = compact(s);
    let c = strip_table_numbers(strip_ordinal(strip_numbering(&c)));
    // Brackets go before the year, so `（2023年度）` under a title is a year alone.
    let key = kept(&c, |ch| !is_title_decoration(ch));
    without_continuation(strip_year(&key)).to_string()
}

/// A title without the mark of a table's next page (`收入决算表（续）`,
/// `收入决算表（续表）`, `续表`): it names the same table, not another, and
/// `续表` alone names none.
fn without_continuation(key: &str) -> &str {
    let key = key.strip_prefix("续表").unwrap_or(key);
    key.strip_suffix("续表").or_else(|| key.strip_suffix('续')).unwrap_or(key)
}

fn is_title_decoration(ch: char) -> bool {
    matches!(ch, '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '(' | ')' | '[' | ']' | '【' | '】')
        || matches!(ch, '<' | '>' | '《' | '》' | ':')
}

/// Removes `(表1)`, `公开01表`, `预算01表`, `表2`, `附表3` anywhere.
fn strip_table_numbers(s: &str) -> Cow<'_, str> {
    if !s.contains('表') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        // A table number starts with one of these; prose lines are long, so ask only there.
        let may_start = matches!(c, '公' | '预' | '决' | '附' | '表' | '0'..='9');
        let len = may_start.then(|| table_number_at(rest)).flatten().unwrap_or_else(|| {
            out.push(c);
            c.len_utf8()
        });
        rest = &rest[len..];
    }
    Cow::Owned(out)
}

/// Byte length of a table number at the start of `s`: 表N, 表一 or NN表,
/// after an optional 公开 / 预算 / 决算 / 附, or 附件N; with its sub-number
/// (`表1-1`) and the separator after it (`表一、`).
fn table_number_at(s: &str) -> Option<usize> {
    let numbered = |t: &str| leading_digits(t).max(numeral(t));
    let len = ["公开", "预算", "决算", "附", ""].into_iter().find_map(|p| {
        let rest = s.strip_prefix(p)?;
        if let Some(n) = rest.strip_prefix('表').map(numbered).filter(|&n| n > 0) {
            return Some(p.len() + '表'.len_utf8() + n);
        }
        let n = leading_digits(rest);
        (n > 0 && rest[n..].starts_with('表')).then(|| p.len() + n + '表'.len_utf8())
    });
    let len = len.or_else(|| Some("附件".len() + numbered(s.strip_prefix("附件")?)).filter(|&n| n > "附件".len()))?;
    let rest = &s[len..];
    let sub = rest.strip_prefix('-').map_or(0, |t| match leading_digits(t) {
        0 => 0,
        n => 1 + n,
    });
    Some(len + sub + rest[sub..].chars().next().filter(|&c| c == '、').map_or(0, char::len_utf8))
}

/// A title without a bare leading ordinal (`01 收入决算表`, `02-支出决算表`,
/// `1-1 收入支出决算总表`), which list numbering leaves since in a label
/// a number before text is part of it (`2023年`). A title is a whole key, so
/// what is left must still name a table.
fn strip_ordinal(s: &str) -> &str {
    let n = leading_digits(s);
    if n == 0 || n > 2 {
        return s;
    }
    let mut rest = &s[n..];
    if let Some(sub) = rest.strip_prefix('-').filter(|t| (1..=2).contains(&leading_digits(t))) {
        rest = &sub[leading_digits(sub)..];
    }
    let rest = rest.strip_prefix(['-', '_', '—']).unwrap_or(rest);
    // A year compacting ran the ordinal into (`012023年度…`), or a name: not
    // a date or a count (`12月…`).
    let year_follows =
        rest.starts_with(|c: char| c.is_ascii_digit()) && find_year(rest).is_some_and(|(_, y)| y.start == 0);
    let name_follows = rest.starts_with(|c: char| is_cjk(c) && !"年月日号个".contains(c));
    if year_follows || name_follows {
        rest
    } else {
        s
    }
}

/// Byte length of the ASCII digits at the start of `s`, less a year that
/// compacting ran into them (`表1 2023年度…` is `表12023年度…`).
fn leading_digits(s: &str) -> usize {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n > 4 && s[n..].starts_with('年') {
        n - 4
    } else {
        n
    }
}

/// Byte length of a number in ideographs (一 to 十九) at the start of `s`;
/// 0 where 一 opens a word (表一般公共预算…).
fn numeral(s: &str) -> usize {
    let n: usize = s.chars().take(3).take_while(|c| "一二三四五六七八九十".contains(*c)).map(char::len_utf8).sum();
    if s[n..].starts_with('般') {
        return 0;
    }
    n
}

/// Removes a leading `2023年度` / `2023年` / `二〇二三年`.
pub fn strip_year(s: &str) -> &str {
    match find_year(s) {
        Some((_, span)) if span.start == 0 => &s[span.end..],
        _ => s,
    }
}

/// The first plausible fiscal year (2000–2099) followed by 年 in the text,
/// in digits (2023年) or Chinese numerals (二〇二三年, the title of some
/// reports: with no other year printed, their facts could not be written).
pub fn year_in(s: &str) -> Option<i16> {
    find_year(&compact(s)).map(|(year, _)| year)
}

/// [`year_in`] of a compact text, with the byte span of the year and its
/// 年 or 年度.
pub fn find_year(c: &str) -> Option<(i16, std::ops::Range<usize>)> {
    c.match_indices('年').find_map(|(at, _)| {
        let year = year_before(&c[..at])?;
        let start = c[..at].char_indices().rev().nth(3).map_or(0, |(i, _)| i);
        let end = at + if c[at..].starts_with("年度") { "年度".len() } else { "年".len() };
        Some((year, start..end))
    })
}

/// The year that `head` ends with: four digits or numerals, not the tail
/// of a longer number.
fn year_before(head: &str) -> Option<i16> {
    let mut tail = head.chars().rev();
    let mut year = 0;
    for place in [1, 10, 100, 1000] {
        year += place * digit_value(tail.next()?)?;
    }
    let longer = tail.next().and_then(digit_value).is_some();
    ((2000..2100).contains(&year) && !longer).then_some(year)
}

fn digit_value(c: char) -> Option<i16> {
    const NUMERALS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match c {
        '0'..='9' => Some(c as i16 - '0' as i16),
        '○' | '零' | 'O' => Some(0),
        _ => NUMERALS.iter().position(|&n| n == c).map(|d| d as i16),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_nfkc_agrees_with_nfkc() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            if let Some(n) = simple_nfkc(c) {
                assert_eq!(c.to_string().nfkc().collect::<String>(), n.to_string(), "U+{:04X}", c as u32);
            }
        }
        assert_eq!(compact("（境）\u{3000}费ａ"), "(境)费a");
        // `compact` borrows what `is_compact` accepts, so that must be exactly its own NFKC.
        for c in (0..0x10000).filter_map(char::from_u32).filter(|c| compact_prefix(&c.to_string()) == c.len_utf8()) {
            assert!(!c.is_whitespace(), "U+{:04X}", c as u32);
            assert_eq!(c.to_string().nfkc().collect::<String>(), c.to_string(), "U+{:04X}", c as u32);
        }
        let is_compact = |s: &str| compact_prefix(s) == s.len();
        assert!(is_compact("一般公共预算") && is_compact("3,538.81") && !is_compact("合 计") && !is_compact("４"));
        assert_eq!(compact("e\u{301} ﬁ"), "éfi");
        // A simple char before a combining one still composes with it (≥ + U+0338 is ≱).
        assert_eq!(compact("≥\u{338} 90% ×"), "≱90%×");
    }

    #[test]
    fn labels_normalize() {
        let cases = [
            ("一、一般公共预算财政拨款收入", "一般公共预算财政拨款收入"),
            ("二十六、抗疫特别国债安排的支出", "抗疫特别国债安排的支出"),
            ("因公出国 （境） 费", "因公出国(境)费"),
            ("机关事业单位基本养老保险 缴费支出", "机关事业单位基本养老保险缴费支出"),
            ("(一) 基本支出", "基本支出"),
            ("1.基本工资", "基本工资"),
            ("本 年 收 入 合 计", "本年收入合计"),
            ("2023年常规仪器配备", "2023年常规仪器配备"),
            ("人.员经费合计", "人员经费合计"),
            (
                "11000024T00000283 0551-统计监测分析 及统计资料编印工作 经费",
                "11000024T00000283 0551-统计监测分析及统计资料编印工作经费",
            ),
            ("2023 年常规仪器配备", "2023年常规仪器配备"),
        ];
        for (input, want) in cases {
            assert_eq!(label(input), want, "label({input:?})");
        }
    }

    #[test]
    fn numbers_parse() {
        let cases = [
            ("3,538.81", Some((353881, 2))),
            ("157. 11", Some((15711, 2))),
            ("４.８７", Some((487, 2))),
            ("0.00", Some((0, 2))),
            ("-12.5", Some((-125, 1))),
            ("1234567", Some((1234567, 0))),
            ("12,34.5", None),
            ("85.00%", None),
            ("合计", None),
        ];
        for (input, want) in cases {
            let got = number(&compact(input)).map(|a| (a.units, a.decimals));
            assert_eq!(got, want, "number({input:?})");
        }
    }

    #[test]
    fn cells_classify() {
        assert_eq!(cell(""), Cell::Blank);
        assert_eq!(cell("-"), Cell::Blank);
        assert_eq!(cell("——"), Cell::Blank);
        assert_eq!(cell("达 20.82%"), Cell::Text);
        assert!(matches!(cell("1,200.00"), Cell::Number(_)));
    }

    #[test]
    fn title_keys_drop_decoration() {
        let cases = [
            ("2021年度收入支出决算总表(表1)", "收入支出决算总表"),
            ("公开 02 表", ""),
            ("二、收入决算表", "收入决算表"),
            ("九、财政拨款“三公”经费支出决算表", "财政拨款三公经费支出决算表"),
            ("2023年部门收支总体情况表", "部门收支总体情况表"),
            ("预算01表 收支总表", "收支总表"),
            ("表一：部门收支总表", "部门收支总表"),
            ("部门收支预算总表（表十二）", "部门收支预算总表"),
            ("附表一般公共预算支出表", "附表一般公共预算支出表"),
            ("二〇二三年度收入决算表", "收入决算表"),
            ("- 七、一般公共预算财政拨款\"三公\"经费支出决算表 (表 7)", "一般公共预算财政拨款三公经费支出决算表"),
            // The mark of a table's next page names the same table, or none.
            ("收入决算表（续）", "收入决算表"),
            ("2023年收入决算表（续表）", "收入决算表"),
            ("续表", ""),
            ("续表：收入决算表", "收入决算表"),
            ("表1-1 收入支出决算总表", "收入支出决算总表"),
            ("附件1 收入支出决算总表", "收入支出决算总表"),
            ("表一、收入支出决算总表", "收入支出决算总表"),
            ("附表1-1 2023年度收入支出决算总表", "收入支出决算总表"),
            ("附件收入支出决算总表", "附件收入支出决算总表"),
            ("表1 2023年度收入支出决算总表", "收入支出决算总表"),
            ("01 收入决算表", "收入决算表"),
            ("02-支出决算表", "支出决算表"),
            ("1-1 收入支出决算总表", "收入支出决算总表"),
            ("01 2023年度收入决算表", "收入决算表"),
            ("2023收入决算表", "2023收入决算表"),
            ("12月收入表", "12月收入表"),
            ("（2023年度）", ""),
            ("(2023 年)部门收支总表", "部门收支总表"),
        ];
        for (input, want) in cases {
            assert_eq!(title_key(input), want, "title_key({input:?})");
        }
    }

    #[test]
    fn years_found() {
        assert_eq!(year_in("2023 年度"), Some(2023));
        assert_eq!(year_in("长沙市教育局本级 2023 年部门预算公开"), Some(2023));
        assert_eq!(year_in("２０２１年度"), Some(2021));
        assert_eq!(year_in("目录"), None);
        assert_eq!(year_in("长沙市教育局本级2023年部门预算公开"), Some(2023));
        assert_eq!(year_in("二〇二三年部门决算"), Some(2023));
        assert_eq!(year_in("某局二○二四年度部门预算"), Some(2024));
        assert_eq!(year_in("二O二五年"), Some(2025));
        assert_eq!(year_in("12023年"), None);
        assert_eq!(year_in("1999年"), None);
        assert_eq!(year_in("三年行动"), None);
    }

    #[test]
    fn code_like_cells() {
        assert!(is_code_like("2050199"));
        assert!(is_code_like("2080)5"));
        assert!(is_code_like("01"));
        assert!(!is_code_like("157. 11"));
        assert!(!is_code_like("教育支出"));
        assert!(!is_code_like("•"));
    }
}
