//! 一级 and 二级 names of indicator rows. They sit in merged cells, which
//! extraction prints once: on the first row of the span in 绩效目标表 (so
//! names carry down, and a new 一级 name clears the 二级 one), but often in
//! the middle of the span in score sheets (seed 003 prints 数量指标 on the
//! second of seven rows), and sometimes split over two rows (`产出` / `指标`).
//! Names are therefore settled after a whole table is read: split names are
//! joined, cut ones completed, rows above a score sheet's first name take it, and
//! where names print their weight (seed 002 参考分值) a row goes to the next
//! name once the weights of the rows above fill the current one. Some
//! templates print all three levels in one cell; [`unfused`] splits them.

use crate::config::raw::{Family, IndicatorWords};
use crate::config::Layout;

use super::cells;

/// A level name as printed on one row, with its weight where printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// Normalized name.
    pub text: String,
    /// 参考分值 of the name.
    pub weight: Option<f64>,
}

/// What one indicator or level row printed, before names are settled.
#[derive(Debug, Clone, Default)]
pub struct Printed {
    /// 1-based source line.
    pub line: u32,
    /// Rows of one section share merged cells; names never cross sections.
    pub section: usize,
    /// The project the row belongs to.
    pub project: Option<String>,
    /// 一级 and 二级 names printed on the row.
    pub names: [Option<Label>; 2],
    /// 三级指标 (empty on rows printing names only).
    pub level3: String,
    /// 指标值 / 年初目标值 as printed.
    pub target: Option<String>,
    /// 实际完成值 as printed.
    pub actual: Option<String>,
    /// 度量单位 as printed.
    pub unit: Option<String>,
    /// 指标值类型 as printed.
    pub operator: Option<String>,
    /// 分值.
    pub weight: Option<f64>,
    /// 得分.
    pub score: Option<f64>,
    /// A total-score row (总分).
    pub total: bool,
}

impl Printed {
    /// The row with only its line, section, project and score kept: a
    /// total row, or the base of a names-only row.
    pub fn totalled(&self) -> Printed {
        Printed {
            line: self.line,
            section: self.section,
            project: self.project.clone(),
            score: self.score,
            ..Printed::default()
        }
    }

    /// True for rows that are indicators, not only names.
    pub fn is_indicator(&self) -> bool {
        self.total
            || !self.level3.is_empty()
                && (self.target.is_some() || self.actual.is_some() || self.weight.is_some() || self.score.is_some())
    }

    /// What the row contributes to its names' weights: its weight, else its score.
    fn share(&self) -> f64 {
        if self.is_indicator() && !self.total {
            self.weight.or(self.score).unwrap_or(0.0)
        } else {
            0.0
        }
    }
}

/// A cell fusing the 一级, 二级 and 三级 names (bjtjj 预算13表 prints
/// `产出指标数量指标开展监测工作` in its one 绩效指标 column), split into the
/// three: a known 一级 name immediately followed by a known 二级 name, then
/// the rest (empty when the cell holds the two names only). `None` for any
/// other cell, which is read as printed.
pub fn unfused(c: &str, w: &IndicatorWords) -> Option<[String; 3]> {
    let longest = |names: &[String], s: &str| {
        names.iter().filter(|n| !n.is_empty() && s.starts_with(n.as_str())).max_by_key(|n| n.len()).cloned()
    };
    let level1 = longest(&w.level1, c)?;
    let rest = &c[level1.len()..];
    let level2 = longest(&w.level2, rest)?;
    let level3 = rest[level2.len()..].to_string();
    Some([level1, level2, level3])
}

/// The settled 一级 and 二级 name of every row.
pub fn settle(rows: &[Printed], layout: Layout, w: &IndicatorWords) -> Vec<[String; 2]> {
    let mut out = vec![[String::new(), String::new()]; rows.len()];
    let mut groups: Vec<Vec<usize>> = sections(rows, |i| rows[i].section);
    for k in 0..2 {
        if k == 1 && layout == Layout::Targets {
            // A new 一级 name starts its own 二级 span: never carry 二级 over it.
            groups = groups.iter().flat_map(|g| split_by(g, |i| out[i][0].clone())).collect();
        }
        for group in &groups {
            let names = joined(rows, group, k, w);
            // Only a known 二级 name is centred on a span's second row (xarsj):
            // a 一级 name alone below opens the next 一级 span.
            let centred = |name: &str| k == 1 && w.level2.iter().any(|l| l == name);
            for (i, name) in assign(rows, group, &names, layout, centred) {
                out[i][k] = name;
            }
        }
    }
    by_family(rows, &mut out, w);
    unprinted_level1(&mut out, w);
    out
}

/// A row left without a 一级 name, none printed or carried (xarsj prints
/// 产出指标 down a merged cell, one character a line, which the extraction
/// lost), takes the 一级 name of the one family its 二级 name belongs to.
fn unprinted_level1(out: &mut [[String; 2]], w: &IndicatorWords) {
    for names in out.iter_mut().filter(|n| n[0].is_empty() && !n[1].is_empty()) {
        let only = {
            let mut families = families_of(&names[1], w);
            (families.next(), families.next())
        };
        if let (Some(f), None) = only {
            names[0] = f.level1.clone();
        }
    }
}

/// The families (`[indicators] families`) a 二级 name belongs to.
fn families_of<'w, 'n>(level2: &'n str, w: &'w IndicatorWords) -> impl Iterator<Item = &'w Family> + use<'w, 'n> {
    w.families.iter().filter(move |f| f.level2.iter().any(|l| l == level2))
}

/// A row that prints no 一级 name takes the family's 一级 name of its 二级
/// name when that one is printed in its section and differs from the carried
/// one, or when the carried one's family lacks the 二级 name (满意度指标 carried
/// onto 时效指标, the row printing 产出指标 above it having been unreadable).
fn by_family(rows: &[Printed], out: &mut [[String; 2]], w: &IndicatorWords) {
    for i in 0..rows.len() {
        let family = families_of(&out[i][1], w).next();
        let Some(f) = family.filter(|f| rows[i].names[0].is_none() && f.level1 != out[i][0]) else { continue };
        let printed = (0..rows.len())
            .any(|j| rows[j].section == rows[i].section && rows[j].names[0].is_some() && out[j][0] == f.level1);
        let carried = w.families.iter().find(|c| c.level1 == out[i][0]);
        if printed || carried.is_some_and(|c| !c.level2.contains(&out[i][1])) {
            out[i][0] = f.level1.clone();
        }
    }
}

fn sections(rows: &[Printed], key: impl Fn(usize) -> usize) -> Vec<Vec<usize>> {
    split_by(&(0..rows.len()).collect::<Vec<_>>(), key)
}

/// Splits a run of row indexes where `key` changes.
fn split_by<K: PartialEq>(idx: &[usize], key: impl Fn(usize) -> K) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![];
    for &i in idx {
        match out.last_mut() {
            Some(g) if g.last().is_some_and(|&p| key(p) == key(i)) => g.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// The names printed in one level of a group, split names joined: a name
/// that is not complete continues on the next row when that row's name is
/// not a known one and they do not both print a weight.
fn joined(rows: &[Printed], group: &[usize], k: usize, w: &IndicatorWords) -> Vec<(usize, Label)> {
    let mut out: Vec<(Vec<usize>, Label)> = vec![];
    for &i in group {
        let Some(name) = rows[i].names[k].clone() else { continue };
        if let Some((owners, prev)) = out.last_mut() {
            let adjacent = owners.last().is_some_and(|&p| p + 1 == i);
            let known = w.level1.iter().chain(&w.level2).any(|l| *l == name.text);
            if adjacent
                && !cells::is_complete(&prev.text, w)
                && !known
                && (prev.weight.is_none() || name.weight.is_none())
                && continues(prev, &name, w)
            {
                prev.text.push_str(&name.text);
                prev.weight = prev.weight.or(name.weight);
                owners.push(i);
                continue;
            }
        }
        // A lone end of a name (`指标`) wraps the name above; it names nothing itself.
        if !cells::is_suffix_tail(&name.text, w) {
            out.push((vec![i], name));
        }
    }
    out.into_iter()
        .flat_map(|(owners, mut label)| {
            if !cells::is_complete(&label.text, w) {
                label.text = cells::completed(&label.text, w).unwrap_or(label.text);
            }
            owners.into_iter().map(move |i| (i, label.clone()))
        })
        .collect()
}

/// True when `next` may be the rest of a name cut after `head`: one of
/// them a single character (seed 002 `项` / `目管理`), one printing the
/// name's weight (seed 002 `人员 | 2` / `管理`), together a start of a known
/// name, or together ending like one where `next` is no name of its own
/// (`产出` / `指标`, `可持续影响指` / `标`). Templates naming levels without
/// 指标 print a name a row (`数量` / `质量`, `经济效益` / `影响力指标`), which
/// had all been run into one.
fn continues(head: &Label, next: &Label, w: &IndicatorWords) -> bool {
    let both = format!("{}{}", head.text, next.text);
    let fragment = head.text.chars().count() <= 1 || next.text.chars().count() <= 1;
    let one_weight = head.weight.is_some() != next.weight.is_some();
    let named = cells::ends_like_level(&next.text, w) && next.text.chars().count() > w.level_suffix.chars().count();
    fragment
        || one_weight
        || w.level1.iter().chain(&w.level2).any(|l| l.starts_with(&both))
        || (cells::is_complete(&both, w) && !named)
}

/// The name of every row of a group: its own, else the one above (until
/// that one's weight is filled), else, in a score sheet, the first one below
/// (a 绩效目标表 prints a span's name on its first row: rows above it have
/// none), or a `centred` name printed alone on the next row (xarsj's cards
/// centre a two-row span's 数量指标 on its second row).
fn assign(
    rows: &[Printed],
    group: &[usize],
    names: &[(usize, Label)],
    layout: Layout,
    centred: impl Fn(&str) -> bool,
) -> Vec<(usize, String)> {
    let mut fill: Vec<f64> = vec![0.0; names.len()];
    let mut out = vec![];
    for &i in group {
        let own = names.iter().position(|(r, _)| *r == i);
        let above = names.iter().rposition(|(r, _)| *r < i);
        let below = names.iter().position(|(r, _)| *r > i);
        let at = own.or_else(|| match (above, below) {
            (Some(a), Some(b)) if names[a].1.weight.is_some_and(|wt| fill[a] >= wt - 1e-9) => Some(b),
            (Some(a), _) => Some(a),
            (None, b) => b.filter(|&b| {
                layout == Layout::Scoresheet || centred(&names[b].1.text) && alone_below(rows, names[b].0, i)
            }),
        });
        if let Some(a) = at {
            fill[a] += rows[i].share();
            out.push((i, names[a].1.text.clone()));
        }
    }
    out
}

/// True when row `named` is the row right below `i` and prints names only.
fn alone_below(rows: &[Printed], named: usize, i: usize) -> bool {
    named == i + 1 && rows[named].level3.is_empty() && !rows[named].is_indicator()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Pipeline;

    fn row(l1: &str, l2: &str, l3: &str, weight: Option<f64>) -> Printed {
        let name = |t: &str| (!t.is_empty()).then(|| Label { text: t.to_string(), weight: None });
        Printed { names: [name(l1), name(l2)], level3: l3.into(), score: weight, ..Printed::default() }
    }

    #[test]
    fn split_and_centred_names() {
        let w = Pipeline::load(&[] as &[&str]).unwrap().indicators.unwrap();
        // seed 003 lines 706-713: 数量指标 printed on the 2nd row, 产出指标 split over two.
        let rows = vec![
            row("", "", "a", Some(3.0)),
            row("", "数量指标", "b", Some(3.0)),
            row("产出", "", "c", Some(3.0)),
            row("指标", "质量指标", "d", Some(3.0)),
        ];
        let got = settle(&rows, Layout::Scoresheet, &w);
        let l1: Vec<&str> = got.iter().map(|n| n[0].as_str()).collect();
        let l2: Vec<&str> = got.iter().map(|n| n[1].as_str()).collect();
        assert_eq!(l1, vec!["产出指标"; 4]);
        assert_eq!(l2, vec!["数量指标", "数量指标", "数量指标", "质量指标"]);
    }

    #[test]
    fn a_level2_name_alone_below_a_targets_row_is_its_name() {
        let w = Pipeline::load(&[] as &[&str]).unwrap().indicators.unwrap();
        // xarsj 表14, 社保大厦物业费's card: 数量指标 centred on its span's second row.
        let rows = vec![row("", "", "a", Some(1.0)), row("", "数量指标", "", None), row("", "", "b", Some(1.0))];
        let got = settle(&rows, Layout::Targets, &w);
        assert_eq!(got[0][1], "数量指标");
        // A 一级 name alone below opens the next span: the row above keeps none.
        let rows = vec![row("", "", "a", Some(1.0)), row("效益指标", "", "", None)];
        assert_eq!(settle(&rows, Layout::Targets, &w)[0][0], "");
    }

    #[test]
    fn a_level1_printed_nowhere_is_the_family_of_its_level2() {
        let w = Pipeline::load(&[] as &[&str]).unwrap().indicators.unwrap();
        // xarsj 表14: the merged 一级 cell is lost; 成本指标 is no 二级 of any family.
        let rows =
            vec![row("", "数量指标", "a", None), row("", "成本指标", "b", None), row("", "社会效益指标", "c", None)];
        let got = settle(&rows, Layout::Targets, &w);
        let l1: Vec<&str> = got.iter().map(|n| n[0].as_str()).collect();
        assert_eq!(l1, vec!["产出指标", "", "效益指标"]);
    }

    #[test]
    fn a_carried_level1_whose_family_lacks_the_level2_is_replaced() {
        let w = Pipeline::load(&[] as &[&str]).unwrap().indicators.unwrap();
        // 满意度指标 carried onto 时效指标 (the row printing 产出指标 was lost);
        // 成本指标 belongs to no family, so it keeps what is carried.
        let rows = vec![
            row("满意度指标", "服务对象满意度指标", "a", None),
            row("", "时效指标", "b", None),
            row("", "成本指标", "c", None),
        ];
        let l1: Vec<String> = settle(&rows, Layout::Targets, &w).into_iter().map(|n| n[0].clone()).collect();
        assert_eq!(l1, ["满意度指标", "产出指标", "满意度指标"]);
    }

    #[test]
    fn fused_levels_split_only_after_both_names() {
        let w = Pipeline::load(&[] as &[&str]).unwrap().indicators.unwrap();
        let split = |a: &str, b: &str, c: &str| Some([a, b, c].map(str::to_string));
        let cases = [
            // bjtjj 预算13表 line 1025: the three levels in one cell.
            ("产出指标数量指标开展监测工作", split("产出指标", "数量指标", "开展监测工作")),
            // 成本指标 is both a 一级 and a 二级 name; the longest 二级 name wins.
            (
                "成本指标经济成本指标全年支出不超过预算批复数",
                split("成本指标", "经济成本指标", "全年支出不超过预算批复数"),
            ),
            ("效益指标社会效益指标", split("效益指标", "社会效益指标", "")),
            // A 一级 name not followed by a 二级 name, a 二级 name alone, a 三级 name.
            ("产出指标完成率", None),
            ("数量指标开展监测工作", None),
            ("开展监测工作", None),
            ("产出指标", None),
        ];
        for (cell, want) in cases {
            assert_eq!(unfused(cell, &w), want, "unfused({cell:?})");
        }
    }

    #[test]
    fn filled_weight_moves_to_the_next_name() {
        let w = Pipeline::load(&[] as &[&str]).unwrap().indicators.unwrap();
        // seed 002 lines 132-137: 预算编制 (10) holds 5 + 5; the next row is 目标设置's.
        let mut rows =
            vec![row("", "预算编制", "a", Some(5.0)), row("", "", "b", Some(5.0)), row("", "", "c", Some(3.0))];
        rows.push(row("", "目标设置", "d", Some(7.0)));
        rows[0].names[1].as_mut().unwrap().weight = Some(10.0);
        rows[3].names[1].as_mut().unwrap().weight = Some(10.0);
        let got = settle(&rows, Layout::Scoresheet, &w);
        let l2: Vec<&str> = got.iter().map(|n| n[1].as_str()).collect();
        assert_eq!(l2, vec!["预算编制", "预算编制", "目标设置", "目标设置"]);
    }
}
