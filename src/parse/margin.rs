//! The empty margin column some extractors put left of a table. pdfplumber
//! gives bjtjj's pages a leading empty cell on some pages and not on others
//! (the 支出总表 continues on pages without it), so a table read as one grid
//! would have its columns shifted between pages.

use crate::segment::Row;
use std::borrow::Cow;

/// The rows with the empty margin cell removed: from every run of
/// consecutive lines whose first cells are all empty, when every run has
/// one, or when the run is one cell wider than the narrowest run. Most
/// tables have no margin and are borrowed as they are.
pub fn without_margin(rows: &[Row], step: u32) -> Cow<'_, [Row]> {
    let runs = runs(rows, step);
    let width = |run: &[Row]| run.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let narrowest = runs.iter().map(|r| width(r)).min().unwrap_or(0);
    let margin = |run: &[Row]| run.iter().all(|r| r.cells.first().is_none_or(|c| c.trim().is_empty()));
    let all = runs.iter().all(|r| margin(r));
    let drops: Vec<bool> = runs.iter().map(|run| margin(run) && (all || width(run) == narrowest + 1)).collect();
    if !drops.contains(&true) {
        return Cow::Borrowed(rows);
    }
    let kept = runs.into_iter().zip(drops).flat_map(|(run, drop)| {
        run.iter().map(move |r| if drop { Row { line: r.line, cells: r.cells[1..].to_vec() } } else { r.clone() })
    });
    Cow::Owned(kept.collect())
}

/// Rows split where the line numbers jump by more than `step` (a page
/// break, a repeated title).
fn runs(rows: &[Row], step: u32) -> Vec<&[Row]> {
    let mut out = vec![];
    let mut start = 0;
    for i in 1..=rows.len() {
        if i == rows.len() || rows[i].line > rows[i - 1].line + step {
            out.push(&rows[start..i]);
            start = i;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[(u32, &str)]) -> Vec<Row> {
        lines.iter().map(|(l, t)| Row { line: *l, cells: t.split('\t').map(str::to_string).collect() }).collect()
    }

    fn cells(rows: &[Row]) -> Vec<String> {
        rows.iter().map(|r| r.cells.join("|")).collect()
    }

    #[test]
    fn margin_dropped_on_wider_pages_only() {
        let r = rows(&[(3, "\t科目\t合计"), (4, "\t201\t1.00"), (7, "科目\t合计"), (8, "205\t2.00")]);
        assert_eq!(cells(&without_margin(&r, 1)), ["科目|合计", "201|1.00", "科目|合计", "205|2.00"]);
        let all = rows(&[(3, "\t科目\t合计"), (5, "\t201\t1.00")]);
        assert_eq!(cells(&without_margin(&all, 1)), ["科目|合计", "201|1.00"]);
    }

    #[test]
    fn a_blank_first_column_of_equal_width_stays() {
        let r = rows(&[(3, "类\t款\t科目\t合计"), (4, "201\t\t一般\t1.00"), (7, "\t01\t行政\t2.00")]);
        assert_eq!(cells(&without_margin(&r, 1)), ["类|款|科目|合计", "201||一般|1.00", "|01|行政|2.00"]);
    }
}
