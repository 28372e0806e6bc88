//! Header rows of performance tables. A header row is recognised by its
//! words, not its position: tables repeat it on every page and extraction
//! garbles it (seed 003 prints `预算数(A) 执行数(B)` in one cell). A run of
//! header rows tells which rows follow (indicator or budget-execution rows),
//! which value columns this sheet prints, and roughly where each column is.

use crate::config::{HeaderWords, Role, RoleSpec};

/// Which of a table's two role lists a header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Indicator rows (`roles`).
    Indicators,
    /// Budget-execution rows (`execution`).
    Execution,
}

/// What a run of header rows says about the rows below it.
#[derive(Debug, Clone)]
pub struct Header {
    /// Whether each role of the list is printed by this sheet.
    pub present: Vec<bool>,
    /// Expected column of each role.
    pub nominal: Vec<i32>,
}

impl Header {
    /// Every role present, in consecutive columns: rows before any header.
    pub fn assumed(roles: &[RoleSpec]) -> Header {
        Header { present: vec![true; roles.len()], nominal: (0..roles.len() as i32).collect() }
    }

    /// Reads a run of header rows (non-empty cells with their column).
    pub fn read(rows: &[Vec<(usize, String)>], roles: &[RoleSpec], words: &HeaderWords) -> Header {
        // A lower header row names leaf columns; an upper one names merged
        // spans, printed over any of their columns (seed 002 `一级指标` sits
        // over the 参考分值 column below it), so lower rows weigh more.
        let mut candidates: Vec<Vec<(i32, usize)>> = vec![vec![]; roles.len()];
        for (depth, row) in rows.iter().enumerate() {
            for (col, cell) in row {
                let above = spans_above(&rows[..depth], *col);
                for r in named_roles(cell, &above, words) {
                    candidates[r].push((*col as i32, depth + 1));
                }
            }
        }
        let present: Vec<bool> = roles.iter().zip(&candidates).map(|(r, c)| !filtered(r) || !c.is_empty()).collect();
        let nominal = nominal_columns(&candidates, &present);
        Header { present, nominal }
    }

    /// True when this header names only some of the columns `whole` names.
    pub fn names_less_than(&self, whole: &Header) -> bool {
        let within = self.present.iter().zip(&whole.present).all(|(p, w)| !p || *w);
        within && self.present != whole.present
    }
}

/// Value roles a sheet may leave out; structure roles are always there,
/// because their headers are the most garbled (`三级 | 指标`).
fn filtered(r: &RoleSpec) -> bool {
    !r.headers.is_empty()
        && !matches!(r.role, Role::Code | Role::Project | Role::Item | Role::Level1 | Role::Level2 | Role::Level3)
}

/// The list a row of cells is a header of, if it is one: at least two of
/// its cells, and half of them, hold header words of a list.
pub fn mode_of(cells: &[&str], words: &[HeaderWords; 2], in_run: bool) -> Option<Mode> {
    // Some word occurs exactly when `named_roles` is non-empty (the longest
    // match is never inside another); this runs on every row, so it only asks that.
    let hits = |list: &HeaderWords| cells.iter().filter(|c| list.any_in(c)).count();
    let (ind, exe) = (hits(&words[0]), hits(&words[1]));
    let best = ind.max(exe);
    // Right below a header row, a row of header words alone goes on with it
    // (xarsj prints `一级 | 三级指标 | 指标值`, then `二级指标` alone, which
    // had become a 二级 name).
    let continues = in_run && best == cells.len();
    if !continues && (best < 2 || best * 2 < cells.len()) {
        return None;
    }
    Some(if exe > ind { Mode::Execution } else { Mode::Indicators })
}

/// Roles whose header words occur in a cell. A word inside a longer header
/// word of the same cell does not count (`指标值` in `指标值类型`), nor does a
/// plain word where a path word names the same text under its merged header
/// (bjtjj `基本支出` under `财政拨款` is `财政拨款/基本支出`, not the 基本支出
/// of 长沙's template). `above` holds the cells of upper header rows spanning it.
fn named_roles(cell: &str, above: &[&str], words: &HeaderWords) -> Vec<usize> {
    // (role, start, end, matched under its merged header)
    let hits: Vec<(usize, usize, usize, bool)> = words
        .found_in(cell)
        .filter(|n| n.under.is_none_or(|up| above.iter().any(|c| c.contains(up))))
        .map(|n| (n.role, n.start, n.end, n.under.is_some()))
        .collect();
    let covered = |&(_, a, b, path): &(usize, usize, usize, bool)| {
        hits.iter().any(|&(_, a2, b2, path2)| a2 <= a && b <= b2 && (b2 - a2 > b - a || path2 && !path))
    };
    let mut out: Vec<usize> = hits.iter().filter(|h| !covered(h)).map(|h| h.0).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The cell of each upper header row whose merged span covers `col`: the
/// last one printed at or left of it (bjtjj prints `财政拨款` over the first
/// of its three columns, with empty cells after it).
fn spans_above(upper: &[Vec<(usize, String)>], col: usize) -> Vec<&str> {
    upper.iter().filter_map(|row| row.iter().rfind(|(c, _)| *c <= col).map(|(_, t)| t.as_str())).collect()
}

/// Expected columns: the heaviest left-to-right run of header columns that
/// keeps the roles' order (seed 004 prints 项目支出 at the far right of its
/// header row), the others one column after the role before them. Two
/// printed roles never share a column: where a role placed so meets the
/// run, the run's columns after it move right (seed 004's data rows print
/// 整体绩效目标 one column right of its header, 项目支出 being in between).
fn nominal_columns(candidates: &[Vec<(i32, usize)>], present: &[bool]) -> Vec<i32> {
    // links[r][k] = (weight of the best run ending at candidate k of role r, its column, previous link).
    type Link = (usize, i32, Option<(usize, usize)>);
    let mut links: Vec<Vec<Link>> = vec![vec![]; candidates.len()];
    for r in 0..candidates.len() {
        for &(col, weight) in &candidates[r] {
            let prev = (0..r)
                .flat_map(|p| links[p].iter().enumerate().map(move |(k, l)| (l.0, l.1, (p, k))))
                .filter(|&(_, c, _)| c < col)
                .max_by_key(|&(n, _, at)| (n, std::cmp::Reverse(at)));
            links[r].push(prev.map_or((weight, col, None), |(n, _, at)| (n + weight, col, Some(at))));
        }
    }
    let mut fixed: Vec<Option<i32>> = vec![None; candidates.len()];
    let ends = links.iter().enumerate().flat_map(|(r, ls)| ls.iter().enumerate().map(move |(k, l)| (l.0, (r, k))));
    let mut at = ends.max_by_key(|&(n, at)| (n, std::cmp::Reverse(at))).map(|(_, at)| at);
    while let Some((r, k)) = at {
        fixed[r] = Some(links[r][k].1);
        at = links[r][k].2;
    }
    // A role the header does not print has no column: counted as one, it
    // pushed the roles after it a column right of where rows print them.
    let mut last = -1;
    fixed
        .iter()
        .zip(present)
        .map(|(f, &printed)| {
            if printed {
                last = f.unwrap_or(last + 1).max(last + 1);
            }
            last
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(roles: &[RoleSpec]) -> HeaderWords {
        HeaderWords::new(roles).unwrap()
    }

    #[test]
    fn out_of_order_header_columns_are_interpolated() {
        let c = vec![vec![(0, 1)], vec![(1, 1)], vec![(18, 3)], vec![(8, 1)], vec![(9, 2)], vec![(10, 2)]];
        assert_eq!(nominal_columns(&c, &vec![true; c.len()]), vec![0, 1, 2, 8, 9, 10]);
    }

    #[test]
    fn an_interpolated_column_moves_the_run_after_it() {
        // seed 004 部门整体支出绩效目标表: 基本支出 at 7, 项目支出 printed far
        // right, 整体绩效目标 at 8, where the data rows print it at 9. A role
        // not printed (the fourth) takes no column.
        let c = vec![vec![(7, 3)], vec![(18, 3)], vec![(8, 1)], vec![], vec![(9, 2)], vec![(10, 2)]];
        let printed = [true, true, true, false, true, true];
        let nominal = nominal_columns(&c, &printed);
        let at: Vec<i32> = nominal.iter().zip(printed).filter(|(_, p)| *p).map(|(n, _)| *n).collect();
        assert_eq!(at, vec![7, 8, 9, 10, 11]);
        assert_eq!(nominal_columns(&c, &[true; 6]), vec![7, 8, 9, 10, 11, 12]);
    }

    #[test]
    fn leaf_header_rows_win_over_merged_spans() {
        // seed 002: 一级指标 printed over the 参考分值 column of the row below.
        let weights = vec![(1, 2), (3, 2), (5, 2)];
        let c = vec![vec![(1, 1)], weights.clone(), vec![(3, 1)], weights.clone(), vec![(4, 1)], weights, vec![(6, 1)]];
        assert_eq!(nominal_columns(&c, &vec![true; c.len()]), vec![0, 1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn a_repeated_lower_header_row_names_less_than_the_whole() {
        // bjtjj: 项目名称 | 项目总额 | 其中：/ 财政资金 | 其他资金, then a page
        // repeating only the lower row.
        let role = |role, column: Option<&str>, h: &str| RoleSpec {
            role,
            headers: vec![h.to_string()],
            column: column.map(str::to_string),
            values: crate::config::Values::Any,
            join: false,
        };
        let roles = [
            role(Role::Project, None, "项目名称"),
            role(Role::Money, Some("资金总额"), "项目总额"),
            role(Role::Money, Some("财政拨款"), "财政资金"),
            role(Role::Money, Some("其他资金"), "其他资金"),
        ];
        let cells = |row: &[(usize, &str)]| row.iter().map(|(c, s)| (*c, s.to_string())).collect::<Vec<_>>();
        let lower = cells(&[(3, "财政资金"), (4, "其他资金")]);
        let whole = Header::read(&[cells(&[(1, "项目名称"), (2, "项目总额")]), lower.clone()], &roles, &words(&roles));
        let part = Header::read(&[lower], &roles, &words(&roles));
        assert!(part.names_less_than(&whole));
        assert!(!whole.names_less_than(&whole) && !whole.names_less_than(&part));
    }

    #[test]
    fn path_words_name_columns_under_their_merged_header() {
        // bjtjj 预算13表 lines 1018-1019: 预算支出总额 | 财政拨款 (合计 基本支出
        // 项目支出) | 其他资金 (the same three), beside 长沙's plain 基本支出.
        let role = |column: &str, h: &[&str]| RoleSpec {
            role: Role::Money,
            headers: h.iter().map(|w| w.to_string()).collect(),
            column: Some(column.to_string()),
            values: crate::config::Values::Amount,
            join: false,
        };
        let roles = [
            role("资金总额", &["预算支出总额"]),
            role("财政拨款", &["财政拨款", "财政拨款/合计"]),
            role("财政拨款/基本支出", &["财政拨款/基本支出"]),
            role("其他资金", &["其他资金", "其他资金/合计"]),
            role("其他资金/基本支出", &["其他资金/基本支出"]),
            role("基本支出", &["基本支出"]),
        ];
        let cells = |row: &[(usize, &str)]| row.iter().map(|(c, s)| (*c, s.to_string())).collect::<Vec<_>>();
        let upper = cells(&[(1, "总体资金情况(万元)"), (3, "预算支出总额"), (4, "财政拨款"), (7, "其他资金")]);
        let lower = cells(&[(4, "合计"), (5, "基本支出"), (7, "合计"), (8, "基本支出")]);
        let h = Header::read(&[upper, lower], &roles, &words(&roles));
        assert_eq!(h.present, vec![true, true, true, true, true, false]);
        assert_eq!(h.nominal[..5], [3, 4, 5, 7, 8]);
        // Without a merged header above, the plain word names the column.
        let plain = Header::read(&[cells(&[(2, "合计"), (3, "基本支出")])], &roles, &words(&roles));
        assert_eq!(plain.present, vec![false, false, false, false, false, true]);
    }

    #[test]
    fn roles_not_printed_take_no_column_before_the_first_named() {
        // xarsj's card prints `一级 | 三级指标 | 指标值`: the project column it
        // names no header for is the first printed, not after the 单位编码
        // and 单位名称 columns it does not print (2 instead of 0).
        let c = vec![vec![], vec![], vec![], vec![(4, 1)]];
        assert_eq!(nominal_columns(&c, &[false, false, true, true])[2..], [0, 4]);
    }

    #[test]
    fn missing_headers_follow_the_role_before() {
        let c = vec![vec![], vec![(2, 1)], vec![], vec![(5, 1)]];
        assert_eq!(nominal_columns(&c, &vec![true; c.len()]), vec![0, 2, 3, 5]);
    }
}
