//! Title keys and years: a title as printed → the key tables are matched on.

use super::{compact, is_cjk, kept, strip_numbering};
use std::borrow::Cow;

/// The key a title is matched on: compact, without year prefix, list
/// numbering, table numbers (公开01表, 表 2, 预算01表), quotes and brackets.
pub fn title_key(s: &str) -> String {
    let c = compact(s);
    let c = strip_table_numbers(strip_ordinal(strip_numbering(without_trailing_number(&c))));
    // Brackets go before the year, so `（2023年度）` under a title is a year alone.
    let key = kept(&c, |ch| !is_title_decoration(ch));
    without_continuation(strip_year(&key)).to_string()
}

/// A title without a number printed after its closing 表 (`一般公共预算支出表
/// 3`, a page or table number on the title's line): read as the table
/// number `表3`, it took the title's own 表 with it, and named no table. A
/// short line (`表3`, `附表3`) is a table number alone.
fn without_trailing_number(c: &str) -> &str {
    let head = c.trim_end_matches(|ch: char| ch.is_ascii_digit() || ch == '-');
    if head.len() < c.len() && head.ends_with('表') && head.chars().count() >= 4 {
        head
    } else {
        c
    }
}

/// Marks of a table's next page, as templates word them.
const CONTINUED: [&str; 6] = ["续表", "接上表", "续上表", "续前表", "接上页", "续上页"];

/// A title without the mark of a table's next page (`收入决算表（续）`,
/// `收入决算表（续表）`, `续表`, `接上表`): it names the same table, not
/// another, and a mark alone names none (`接上表` over a page's rows had
/// titled an `other` table of them, and the table lost its next page).
fn without_continuation(key: &str) -> &str {
    let key = CONTINUED.iter().find_map(|m| key.strip_prefix(m)).unwrap_or(key);
    CONTINUED.iter().find_map(|m| key.strip_suffix(m)).or_else(|| key.strip_suffix('续')).unwrap_or(key)
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
