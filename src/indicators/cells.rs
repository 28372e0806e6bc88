//! Cell shapes of performance tables: which cells are blank, which hold a
//! name merged with its weight, which may fill which column role, and the
//! numbers inside indicator values (`≥95%` → ≥ and 95). Role tests take
//! compact text (see [`text::compact`]); the vocabulary comes from
//! `[indicators]` in the pipeline files.

use crate::config::raw::IndicatorWords;
use crate::config::Values;
use crate::model::Amount;
use crate::text::{self, Cell};

/// A number with an optional trailing `%` or `分`, as score sheets print
/// rates and scores (`100%`, `20分`, `2. 5`).
pub fn score_number(c: &str) -> Option<Amount> {
    let body = c.strip_suffix('%').or_else(|| c.strip_suffix('分')).unwrap_or(c);
    text::number(body)
}

/// True when a cell may fill a role whose cells look like `values`.
pub fn fits(values: Values, c: &str, w: &IndicatorWords) -> bool {
    match values {
        Values::Label => !is_number(c) && !is_sign(c, w),
        Values::Level1 => is_level1(c, w),
        // A template's own 二级 name (`长效管理`) is any name; `align`
        // charges for reading one the vocabulary does not know there.
        Values::Level2 => !is_only_level1(c, w) && (is_level2(c, w) || fits(Values::Label, c, w)),
        Values::Name => !is_number(c) && !is_sign(c, w) && !is_level_name(c, w) && !is_signed_value(c, w),
        Values::Code => text::is_code_like(c) && text::digits(c).len() == c.chars().count(),
        Values::Amount => is_number(c),
        // Weights and scores are small: one printed with separators is money.
        Values::Number => score_number(c).is_some() && !c.contains(','),
        Values::Operator => operator(c, w).is_some(),
        Values::Unit => is_unit(c, w),
        Values::Any => !is_sign(c, w),
    }
}

/// Money as templates print it: two decimals or thousands separators
/// (`3.00`, `1,855.75`); a target such as `0.5` or `20.2` is not.
pub fn looks_like_money(c: &str) -> bool {
    text::number(c).is_some_and(|a| a.decimals == 2 || c.contains(','))
}

fn is_number(c: &str) -> bool {
    text::number(c).is_some()
}

/// A comparison sign printed alone (≥ ≤ = < >): an operator, never a label.
fn is_sign(c: &str, w: &IndicatorWords) -> bool {
    !text::has_cjk(c) && operator(c, w).is_some()
}

/// A value led by a comparison sign (`≧95%`, `≤48小时`): a target, never a
/// name (xarsj 1162 had read it as the 三级 name, and the row had no target).
fn is_signed_value(c: &str, w: &IndicatorWords) -> bool {
    let (op, rest) = leading_operator(c, w);
    op.is_some() && !text::has_cjk(&c[..c.len() - rest.len()]) && rest.starts_with(|ch: char| ch.is_ascii_digit())
}

/// A 一级 name, or one cut by extraction (`满意度指`, `产出` above `指标`).
fn is_level1(c: &str, w: &IndicatorWords) -> bool {
    c.chars().count() >= 2 && w.level1.iter().any(|l| l.starts_with(c)) || is_suffix_tail(c, w)
}

/// A 一级 name, or one cut short (`满意度指`), that no 二级 name starts with
/// (成本指标 is both in some templates).
fn is_only_level1(c: &str, w: &IndicatorWords) -> bool {
    w.level1.iter().any(|l| l.starts_with(c)) && !w.level2.iter().any(|l| l.starts_with(c))
}

/// A 二级 name: known, cut from a known one, starting like a known one
/// (seed 003 `社会公众或服务对` of 社会公众或服务对象满意度指标), or ending with the
/// suffix (or a cut suffix: `社会效益指`).
pub fn is_level2(c: &str, w: &IndicatorWords) -> bool {
    // Asked of every cell of every performance row, so each name costs
    // byte compares only.
    let start = c.char_indices().nth(3).map(|(i, ch)| &c[..i + ch.len_utf8()]);
    is_whole_level2(c, w) || w.level2.iter().any(|l| start.is_some_and(|p| l.starts_with(p)))
}

/// A 二级 name as printed whole or cut: known, cut from a known one (two
/// characters or more), or ending with the suffix or a cut of it. A name
/// only starting like a known one (`服务对象满意率`) may be a 三级 name.
pub fn is_whole_level2(c: &str, w: &IndicatorWords) -> bool {
    let cut = c.chars().nth(1).is_some().then_some(c);
    w.level2.iter().any(|l| cut.is_some_and(|p| l.starts_with(p)))
        || c.ends_with(w.level_suffix.as_str())
        || cut_suffix(c, w).is_some()
        || is_suffix_tail(c, w)
}

/// The end of a level name wrapped onto the next row on its own (`指标`, `标`).
pub fn is_suffix_tail(c: &str, w: &IndicatorWords) -> bool {
    !c.is_empty() && w.level_suffix.ends_with(c)
}

/// A level name cut inside its suffix, completed (`满意度指` → `满意度指标`).
pub fn completed(c: &str, w: &IndicatorWords) -> Option<String> {
    cut_suffix(c, w).map(|tail| format!("{c}{tail}"))
}

/// The part of the suffix a name cut inside it lacks (`标` of `满意度指`).
fn cut_suffix<'w>(c: &str, w: &'w IndicatorWords) -> Option<&'w str> {
    let suffix = w.level_suffix.as_str();
    (1..suffix.chars().count()).rev().find_map(|k| {
        let (head, tail) = suffix.split_at(suffix.char_indices().nth(k)?.0);
        (c.ends_with(head) && c.chars().count() > k).then_some(tail)
    })
}

/// A 一级 or 二级 name known whole: never a 三级 name or a project.
pub fn is_level_name(c: &str, w: &IndicatorWords) -> bool {
    w.level1.iter().chain(&w.level2).any(|l| l == c)
}

/// True when a name ends like a level name (`…指标`): a 二级 name to the
/// column that takes them, but a 三级 name may end so too (北京
/// `人口抽样调查表指标`).
pub fn ends_like_level(c: &str, w: &IndicatorWords) -> bool {
    c.ends_with(w.level_suffix.as_str())
}

/// True when a name is complete: a known name or one ending with the suffix.
pub fn is_complete(c: &str, w: &IndicatorWords) -> bool {
    is_level_name(c, w) || ends_like_level(c, w)
}

/// A measure word: known, or a short word that is not a number or a sign.
fn is_unit(c: &str, w: &IndicatorWords) -> bool {
    // A total row's label is short too: read as a unit, seed 004's `合计 |
    // 1855.75` (printed without separators) put its amount under 分值.
    // A qualifier in brackets does not count: 北京 `频率（频道）次`.
    let short_word =
        (1..=3).contains(&unbracketed_chars(c)) && !c.chars().any(|ch| ch.is_ascii_digit()) && !is_sign(c, w);
    w.measure_units.iter().any(|u| u == c) || (short_word && !w.money_totals.iter().any(|t| t == c))
}

/// Chars of `c` outside the parts in brackets, half- or full-width.
fn unbracketed_chars(c: &str) -> usize {
    let mut depth = 0usize;
    let mut count = 0;
    for ch in c.chars() {
        match ch {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => count += 1,
            _ => {}
        }
    }
    count
}

/// The operator a printed 指标值类型 stands for.
pub fn operator<'w>(c: &str, w: &'w IndicatorWords) -> Option<&'w str> {
    w.operators.iter().find(|o| o.printed == c).map(|o| o.operator.as_str())
}

/// The operator a value starts with (`≥95%`), and the rest.
pub fn leading_operator<'a, 'w>(c: &'a str, w: &'w IndicatorWords) -> (Option<&'w str>, &'a str) {
    let best = w.operators.iter().filter(|o| !o.printed.is_empty() && c.starts_with(o.printed.as_str()));
    match best.max_by_key(|o| o.printed.len()) {
        Some(o) => (Some(o.operator.as_str()), &c[o.printed.len()..]),
        None => (None, c),
    }
}

/// The number of a value printed as an optional operator, a number and an
/// optional measure word (`≥95%`, `1000 人`, `4次`); dates, ranges and
/// sentences have none (`2023年12月20日`, `每周至少1次`).
pub fn numeric_part(value: &str, w: &IndicatorWords) -> Option<f64> {
    quantity(value, w).map(|(n, _)| n)
}

/// The number and measure word of a value [`numeric_part`] reads (`≥300公里`
/// is 300 and 公里); the word is empty for a bare number.
pub fn quantity(value: &str, w: &IndicatorWords) -> Option<(f64, String)> {
    let c = text::compact(value);
    let (_, rest) = leading_operator(&c, w);
    let end = rest
        .char_indices()
        .find(|(_, ch)| !(ch.is_ascii_digit() || *ch == '.' || *ch == ','))
        .map_or(rest.len(), |(i, _)| i);
    let (num, unit) = rest.split_at(end);
    let known_unit = unit.is_empty() || unit == "%" || w.measure_units.iter().any(|u| u == unit);
    text::number(num).filter(|_| known_unit).map(|n| (n.value(), unit.to_string()))
}

/// Empty, dashes only (a blank cell, or a rule `------` between pages), or
/// the `/` that templates print for "not applicable".
pub fn is_blank(c: &str) -> bool {
    text::cell(c) == Cell::Blank || c.trim().chars().all(|ch| matches!(ch, '-' | '—' | '–' | '―' | '/' | '／'))
}

/// The row with each cell that may be a short name merged with the weight
/// printed after it (seed 002 `预算编制合理性 5 j`, `才务合规性 3`) split in two,
/// stray letter dropped; `None` when no cell looks so.
pub fn unmerged(cells: &[(usize, String, String)]) -> Option<Vec<(usize, String, String)>> {
    // Most rows have no such cell: find one before copying the row.
    let first = cells.iter().position(|(_, _, raw)| split_weight(raw).is_some())?;
    let mut split = cells[..first].to_vec();
    for (i, c, raw) in &cells[first..] {
        match split_weight(raw) {
            Some((name, weight)) => {
                split.push((*i, text::compact(&name).into_owned(), name));
                split.push((*i, text::compact(weight).into_owned(), weight.to_string()));
            }
            None => split.push((*i, c.clone(), raw.clone())),
        }
    }
    Some(split)
}

/// The row with its first cell split into code and name when it prints
/// both (`201001 长沙市教育局`) where the table has a code column: left
/// whole, it reads as the name, and every amount after it one column left
/// of its header lands one money column off. A number followed by 年 is a
/// year in a project's name (`2023 年度…`), not a code.
pub fn uncoded(cells: &[(usize, String, String)]) -> Option<Vec<(usize, String, String)>> {
    let (i, _, raw) = cells.first()?;
    let (code, name) = raw.trim().split_once(|c: char| c.is_whitespace() || c == '-' || c == '－')?;
    let name = name.trim_start_matches(|c: char| c.is_whitespace() || c == '-' || c == '－');
    let coded = code.len() >= 3 && code.bytes().all(|b| b.is_ascii_digit()) && text::is_code_like(code);
    if !coded || !name.starts_with(text::is_cjk) || name.starts_with('年') {
        return None;
    }
    let mut split = vec![(*i, code.to_string(), code.to_string())];
    split.push((*i, text::compact(name).into_owned(), name.to_string()));
    split.extend_from_slice(&cells[1..]);
    Some(split)
}

/// The short name and the weight a cell merged, when it did.
fn split_weight(cell: &str) -> Option<(String, &str)> {
    // One word cannot be two cells; most cells are one word.
    if !cell.trim().contains(char::is_whitespace) {
        return None;
    }
    let mut tokens: Vec<&str> = cell.split_whitespace().collect();
    if tokens.len() > 2 && tokens.last().is_some_and(|t| t.len() == 1 && t.chars().all(|c| c.is_ascii_alphabetic())) {
        tokens.pop();
    }
    let (last, head) = tokens.split_last()?;
    let weight = text::number(last).is_some_and(|a| a.decimals == 0 && a.units <= 100);
    let name = head.concat();
    let short_name = text::has_cjk(&name) && name.chars().count() <= 12 && !name.chars().any(|c| c.is_ascii_digit());
    (weight && short_name).then(|| (head.join(" "), *last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Pipeline;

    fn words() -> IndicatorWords {
        Pipeline::load(&[] as &[&str]).unwrap().indicators.expect("[indicators] is shipped")
    }

    #[test]
    fn a_code_printed_before_a_name_is_split_off_but_a_year_is_not() {
        let row = |first: &str| {
            vec![(0, text::compact(first).into_owned(), first.to_string()), (1, "4,405.19".into(), "4,405.19".into())]
        };
        let firsts = |first: &str| uncoded(&row(first)).map(|r| r.into_iter().map(|c| c.2).collect::<Vec<_>>());
        assert_eq!(
            firsts("201001 长沙市教育局"),
            Some(vec!["201001".into(), "长沙市教育局".into(), "4,405.19".into()])
        );
        assert_eq!(firsts("201001-长沙市教育局").map(|r| r[1].clone()), Some("长沙市教育局".into()));
        assert_eq!(firsts("2023 年度教师培训"), None);
        assert_eq!(firsts("11000024T00000283 0551-统计监测"), None);
        assert_eq!(firsts("长沙市教育局"), None);
    }

    #[test]
    fn numeric_parts() {
        let w = words();
        let cases = [
            ("≥95%", Some(95.0)),
            ("96. 2%", Some(96.2)),
            ("1000 人", Some(1000.0)),
            ("4次", Some(4.0)),
            ("11.75", Some(11.75)),
            ("2023年12月20日", None),
            ("每周至少1 次", None),
            ("2021 年内", None),
            ("发挥", None),
        ];
        for (value, want) in cases {
            assert_eq!(numeric_part(value, &w), want, "numeric_part({value:?})");
        }
        assert_eq!(quantity("≥300公里", &w), Some((300.0, "公里".to_string())));
        assert_eq!(quantity("12月", &w), None);
    }

    #[test]
    fn level_names() {
        let w = words();
        assert!(fits(Values::Level1, "产出指标", &w));
        assert!(fits(Values::Level1, "满意度指", &w));
        assert!(!fits(Values::Level1, "数量指标", &w));
        assert!(fits(Values::Level2, "经济成本指标", &w));
        assert!(!fits(Values::Level2, "产出指标", &w));
        assert!(!fits(Values::Name, "社会成本指标", &w));
        assert!(fits(Values::Name, "人口抽样调查表指标", &w) && ends_like_level("人口抽样调查表指标", &w));
        // A value led by its sign is a target, a name may hold a sign.
        assert!(!fits(Values::Name, "≧95%", &w) && !fits(Values::Name, "≤48小时", &w));
        assert!(fits(Values::Name, "PM2.5浓度≤35", &w));
        assert_eq!(completed("社会效益指", &w).as_deref(), Some("社会效益指标"));
        assert_eq!(completed("数量指标", &w), None);
    }

    #[test]
    fn merged_name_and_weight_split() {
        assert_eq!(split_weight("预算编制合理性 5 j"), Some(("预算编制合理性".to_string(), "5")));
        assert_eq!(split_weight("才务合规性 3"), Some(("才务合规性".to_string(), "3")));
        assert_eq!(split_weight("1000 人"), None);
        assert_eq!(split_weight("1月标,实现绩效且标全覆盖(3 分)• 1"), None);
        assert!(is_blank("------") && is_blank(" / ") && !is_blank("0"));
    }

    #[test]
    fn units_and_signs() {
        let w = words();
        assert!(fits(Values::Unit, "万元", &w));
        assert!(fits(Values::Unit, "定性", &w));
        assert!(fits(Values::Unit, "频率(频道)次", &w) && !fits(Values::Unit, "(频道)", &w));
        assert!(!fits(Values::Unit, "=", &w));
        assert!(!fits(Values::Any, "≥", &w));
        assert_eq!(leading_operator("≦5%", &w).0, Some("≤"));
    }
}
