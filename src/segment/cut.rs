//! Rows cut at their last filled cell. Some extractions, and editors that
//! trim trailing whitespace, end each TAB row at its last filled cell, where
//! the extraction the pipeline reads gives every row of a page its width.
//! Read as they are, a row whose only filled cell is its first has no TAB
//! left and reads as a line of text (shptczj's header row `科目编码` ended
//! its table, and the rows below it became a table titled `科目编码`), and
//! every row is short, which `parse` takes for cells lost inside the row.

use super::may_title;
use crate::detect::money_unit;
use crate::text;
use std::borrow::Cow;

/// The lines as the extraction printed them before they were cut: such
/// one-cell rows given back their TAB, and every run of TAB rows (a page of
/// a table) padded to its widest row. Texts whose rows keep their width are
/// borrowed as they are.
pub(super) fn uncut<'a>(lines: &[&'a str]) -> Vec<Cow<'a, str>> {
    let mut out: Vec<Cow<str>> = lines.iter().map(|l| Cow::Borrowed(*l)).collect();
    if ends_rows_at_last_cell(lines) {
        give_back_tabs(lines, &mut out);
        pad_runs(&mut out);
    }
    out
}

/// Gives a one-cell row its TAB back. Rows of one cell may follow each other
/// (seed 000 `公车运行维护费` then `因公出国费用`): what decides is the line
/// above the first and below the last, each the nearest that is neither
/// blank nor such a label.
fn give_back_tabs(lines: &[&str], out: &mut [Cow<str>]) {
    let row = text::has_tab;
    let label: Vec<bool> = lines.iter().map(|l| !row(l) && is_row_label(l.trim())).collect();
    let other = |&j: &usize| !label[j] && !lines[j].trim().is_empty();
    for i in (0..lines.len()).filter(|&i| label[i]) {
        // A table's first header row sits below its unit line instead.
        let above = (0..i).rev().find(other).is_some_and(|j| row(lines[j]) || is_unit_line(lines[j]));
        let below = (i + 1..lines.len()).find(other).is_some_and(|j| row(lines[j]));
        if above && below {
            out[i] = Cow::Owned(format!("{}\t", lines[i].trim_end()));
        }
    }
}

/// Pads every run of TAB rows to its widest row.
fn pad_runs(out: &mut [Cow<str>]) {
    let mut start = 0;
    while start < out.len() {
        let end = (start..out.len()).find(|&i| !text::has_tab(&out[i])).unwrap_or(out.len());
        let width = out[start..end].iter().map(|l| text::tabs(l)).max().unwrap_or(0);
        for l in &mut out[start..end] {
            let missing = width - text::tabs(l);
            if missing > 0 {
                *l = Cow::Owned(format!("{l}{}", "\t".repeat(missing)));
            }
        }
        start = end + 1;
    }
}

fn is_unit_line(line: &str) -> bool {
    money_unit(&text::compact(line)).is_some()
}

/// True when no TAB row ends in a blank cell and one row in ten, and at
/// least five, are wider or narrower than the row above. Extractions that
/// keep a table's width print next rows alike, but for a row whose cells
/// merged (none of the twelve samples and corpus texts more than 1 %); cut
/// at their last cell, 12 % to 67 % differ. A table whose last column is
/// always filled, with a merged row or two, is no such text.
fn ends_rows_at_last_cell(lines: &[&str]) -> bool {
    let rows = || lines.iter().filter(|l| text::has_tab(l));
    if !rows().all(|l| l.rsplit('\t').next().is_some_and(|c| !c.trim().is_empty())) {
        return false;
    }
    let cells = text::tabs;
    let next_rows = lines.windows(2).filter(|w| text::has_tab(w[0]) && text::has_tab(w[1]));
    let (pairs, changed) = next_rows.fold((0, 0), |(n, d), w| (n + 1, d + usize::from(cells(w[0]) != cells(w[1]))));
    changed * 10 >= pairs && changed >= 5
}

/// A short label between two rows (`六、事业收入`, `其他资金：`), not a
/// heading, title, sentence, unit line or page furniture, which may sit
/// between two tables as well: read as a row, it would join them.
fn is_row_label(line: &str) -> bool {
    let n = line.chars().count();
    let colon_inside = text::has_colon(line) && !line.ends_with([':', '：']);
    (2..=20).contains(&n)
        && text::has_cjk(line)
        && !line.contains(char::is_whitespace)
        && !line.contains(['。', '；', ';'])
        && !colon_inside
        && !may_title(&text::compact(line))
        && text::year_in(line).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_cut_at_their_last_cell_get_their_width_back() {
        let rows = "\t2.00\n\t\t\t3.00\n".repeat(3);
        let cut = format!("收入决算表\n单位：万元\n收入\n项目\t\t合计\n科目编码\n类\t款\t项\t合计\n\t\t1.00\n{rows}注：本表无说明。\n下表为支出\n项目\t合计\n");
        let lines: Vec<&str> = cut.lines().collect();
        let got: Vec<Cow<str>> = uncut(&lines);
        let want = ["收入\t\t\t", "项目\t\t合计\t", "科目编码\t\t\t", "类\t款\t项\t合计", "\t\t1.00\t"];
        assert_eq!(got[..2], lines[..2].iter().map(|l| Cow::Borrowed(*l)).collect::<Vec<_>>());
        assert_eq!(got[2..7], want.map(Cow::Borrowed));
        assert_eq!(got[13..], lines[13..].iter().map(|l| Cow::Borrowed(*l)).collect::<Vec<_>>());
        // Where rows keep their width, a line without a TAB is text.
        let kept = "收入决算表\n项目\t\t合计\t\n科目编码\n类\t款\t合计\t\n";
        let lines: Vec<&str> = kept.lines().collect();
        assert!(uncut(&lines).iter().all(|l| matches!(l, Cow::Borrowed(_))));
    }
}
