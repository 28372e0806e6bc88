//! What one line of text is: a title, preamble, page furniture, prose, or
//! a table's row extracted without TABs.

use crate::config::raw::Detect;
use crate::detect::{after_unit_prefix, money_unit, unit_words};
use crate::text;

/// A title outside the catalog with its money unit (`专项业务经费支出表
/// 单位：万元`): it ends the table above and titles the next, which takes
/// its unit (`untitled`), where as a unit line it had run on the table above.
/// A table number with the unit (`公开 01 表    单位：万元`) is furniture.
pub(super) fn titles_with_unit(c: &str) -> bool {
    let title = without_unit(c);
    title.len() < c.len() && may_title(c) && !text::title_key(title).is_empty()
}

/// A title with its money unit on the same line (`收入决算表    单位：万元`,
/// as extraction joins the two when they share a baseline), without the unit.
pub(super) fn without_unit(c: &str) -> &str {
    match unit_words(c, b':').next().map(|(at, _)| at) {
        Some(at) if at > 0 && money_unit(&c[at..]).is_some() => c[..at].trim_end_matches("金额"),
        _ => c,
    }
}

/// Prose sentences quote titles; a title line is short.
pub(super) fn is_short(line: &str) -> bool {
    line.len() <= 80 || line.chars().count() <= 80
}

/// `单位：…`, `部门：…`, `填报单位：…` lines sit between a title and its
/// header; `打印日期：…` and the like (`furniture_labels`) anywhere.
pub(super) fn is_preamble(line: &str, cfg: &Detect) -> bool {
    // Both forms end their word with a colon; most cells and lines have none.
    if !text::has_colon(line) {
        return false;
    }
    let c = text::compact(line);
    let labelled =
        || cfg.furniture_labels.iter().any(|l| c.strip_prefix(l.as_str()).is_some_and(|r| r.starts_with(':')));
    money_unit(&c).is_some() || after_unit_prefix(&c, cfg).is_some() || labelled()
}

/// A line ending in 表, or in 表 and a bracketed note (xarsj
/// `…支出明细表（按支出经济分类科目）`), may be the title of a table the
/// catalog lacks. Takes compact text: callers have it already.
pub(super) fn may_title(c: &str) -> bool {
    let c = without_unit(c);
    let bare = c.strip_suffix(')').and_then(|s| s.rfind('(').map(|i| &s[..i])).unwrap_or(c);
    bare.ends_with('表')
}

/// An amount as tables print them (decimals or separators) among a line's words.
pub(super) fn holds_amount(line: &str) -> bool {
    line.split_whitespace().any(|w| matches!(text::cell(w), text::Cell::Number(a) if a.decimals > 0 || w.contains(',')))
}

/// A numbered title of a table the catalog lacks (bjtjj `预算10表 政府采购预算明细表`):
/// it ends the table above, and its rows become `other`.
pub(super) fn is_numbered_title(cell: &str, key: &str) -> bool {
    key.ends_with('表') && key.chars().count() < text::compact(cell).chars().count()
}

/// Lines that are not prose: an empty key (a long line has none), text
/// without a single CJK character (`- 9 -`, `2024`), a single character (a
/// merged cell's label printed down the page, xarsj `绩` `效` `指` `标` between
/// two project cards), page numbers, and running page headers.
pub(super) fn is_furniture(key: Option<&str>, line: &str, running: &[String]) -> bool {
    let single = line.chars().nth(1).is_none();
    key.is_some_and(str::is_empty)
        || !text::has_cjk(line)
        || single
        || is_page_number(line)
        || running.iter().any(|r| r == line)
}

/// A page number as Chinese footers print it (`第 3 页`, `第3页 共10页`,
/// `第 3 页，共 10 页`, `页码：3`): read as prose, it ended the table, and
/// the next page's rows became an `other` table.
fn is_page_number(line: &str) -> bool {
    let marks = |c: char| "第页共码,，、/:：-—()（）".contains(c) || c.is_whitespace();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百零".contains(c);
    line.contains('页') && line.chars().any(numeral) && line.chars().all(|c| marks(c) || numeral(c))
}

/// Lines printed at the top of many pages that name the report and its year
/// (wxxfj `无锡市信访局2025年度部门预算公开` on every page), or the report's
/// first line printed again: they split a table over pages but do not end it.
pub(super) fn running_headers(lines: &[&str]) -> Vec<String> {
    let mut seen: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    let text_lines = lines.iter().filter(|l| !text::has_tab(l)).map(|l| l.trim()).filter(|l| !l.is_empty());
    let first = text_lines.clone().next();
    for l in text_lines {
        *seen.entry(l).or_insert(0) += 1;
    }
    let running = |l: &str, n: usize| (n >= 3 || n >= 2 && Some(l) == first) && text::year_in(l).is_some();
    seen.into_iter().filter(|(l, n)| running(l, *n)).map(|(l, _)| l.to_string()).collect()
}
