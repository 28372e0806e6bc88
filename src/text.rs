//! Text normalization shared by every stage: the one definition of a
//! normalized label, a title key and a printed number. Stages call these
//! instead of trimming or comparing raw strings themselves.

mod number;
mod title;

pub use number::{cell, digits, is_code_like, is_number, number, Cell};
pub use title::{find_year, strip_year, title_key, year_in};

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// Whether a line holds a TAB, so is a table row. Every stage asks it of
/// every line, and prose lines are long: memchr's vector search runs
/// several times faster than core's over them.
pub fn has_tab(line: &str) -> bool {
    memchr::memchr(b'\t', line.as_bytes()).is_some()
}

/// The lines of a text, as `str::lines` gives them: split at `\n`, a `\r`
/// before it dropped, no empty line after a last `\n`.
pub fn lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let line = &text[start..end];
        lines.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// The TABs of a line.
pub fn tabs(line: &str) -> usize {
    memchr::memchr_iter(b'\t', line.as_bytes()).count()
}

/// The cells of a row: its line split at TABs, as `split('\t')` does.
pub fn tab_cells(line: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\t', line.as_bytes()).chain(std::iter::once(line.len()));
    ends.map(move |end| {
        // A TAB is one byte, so both ends sit on char boundaries.
        let cell = &line[start..end];
        start = end + 1;
        cell
    })
}

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
    trimmed.to_string()
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
/// all, and are not copied.
fn kept(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if s.chars().all(&keep) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| keep(c)).collect())
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
    // Without branches over three views of the bytes, which the compiler
    // vectorizes: asked of every line, this was a pass a char at a time.
    // A 3-byte form cannot start in the last two bytes of valid UTF-8.
    let b = s.as_bytes();
    if b.len() < 3 {
        return b.contains(&b':');
    }
    let n = b.len() - 2;
    let form = |(x, y, z): (u8, u8, u8)| {
        let ef = (x == 0xEF) & ((y == 0xBC) & (z == 0x9A) | (y == 0xB8) & (z == 0x93) | (y == 0xB9) & (z == 0x95));
        (x == b':') | ef | (x == 0xE2) & (y == 0xA9) & (z == 0xB4)
    };
    let triples = b[..n].iter().zip(&b[1..]).zip(&b[2..]).map(|((&x, &y), &z)| (x, y, z));
    triples.fold(false, |found, t| found | form(t)) || b[n..].contains(&b':')
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
    c.is_ascii_digit() || matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零')
}

#[cfg(test)]
mod tests;
