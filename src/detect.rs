//! The `detect` stage: what a report is — reporting unit, fiscal year,
//! report kind and money unit — from its title lines and table preambles.
//! It does not find tables (`segment` does).

use crate::config::raw::{Detect, ReportWords};
use crate::model::{MoneyUnit, ReportKind};
use crate::text;
use std::collections::BTreeMap;

/// What `detect` found; `None` where the report does not say.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    /// Reporting unit.
    pub unit: Option<String>,
    /// Fiscal year.
    pub year: Option<i16>,
    /// Report kind.
    pub report: Option<ReportKind>,
    /// Money unit printed above most tables.
    pub money_unit: Option<MoneyUnit>,
}

/// Reads unit, year, kind and money unit from a report's lines.
pub fn detect(lines: &[&str], cfg: &Detect) -> Detected {
    let title: Vec<String> =
        lines.iter().map(|l| text::compact(l).into_owned()).filter(|l| !l.is_empty()).take(cfg.title_lines).collect();
    let report = report(&title, cfg);
    Detected {
        unit: unit(lines, title_unit(&title, cfg), cfg)
            .or_else(|| lines.iter().find_map(|l| labelled_unit(l, cfg)))
            .or_else(|| cover_unit(&title, cfg)),
        year: title.iter().find_map(|l| text::year_in(l)).or_else(|| title.iter().find_map(|l| bare_year(l))),
        report,
        money_unit: lines.iter().find_map(|l| money_unit(l)),
    }
}

/// A title line that is only a year (Shanghai covers print `2024` apart
/// from `年度部门决算`).
fn bare_year(line: &str) -> Option<i16> {
    let y: i16 = line.strip_suffix("年度").or(line.strip_suffix('年')).unwrap_or(line).parse().ok()?;
    (2000..2100).contains(&y).then_some(y)
}

/// The unit named in the title when no table preamble names it: the text
/// before the year or the report words (`长沙市教育局本级 2023 年部门预算公开`,
/// `某某局关于2024年度部门预算的说明`),
/// else the line above a title line that holds no more than that, else the
/// text between the year and the report words (`２０２３年度某某局部门决算`,
/// `2024年度某某局单位预算`;
/// not `部门整体支出` of `2024年度部门整体支出绩效自评报告`).
fn title_unit(title: &[String], cfg: &Detect) -> Option<String> {
    let words: Vec<String> =
        cfg.report_words.iter().flat_map(|r| r.words.iter().map(|w| text::compact(w).into_owned())).collect();
    let at = title.iter().position(|l| words.iter().any(|w| l.contains(w.as_str())))?;
    let line = &title[at];
    let head = &line[..words.iter().filter_map(|w| line.find(w.as_str())).min()?];
    let year = text::find_year(head).map(|(_, span)| span);
    let digit = head.find(|c: char| c.is_ascii_digit());
    let before = &head[..year.as_ref().map(|y| y.start).or(digit).unwrap_or(head.len())];
    let after = year.map_or("", |y| &head[y.end..]);
    let named = |n: &str| n.chars().count() >= 3;
    // Once only: `某单位部门决算` is 某单位's, not 某's.
    let name = |part: &str| {
        let trailers = cfg.title_unit_trailers.iter().filter_map(|t| part.strip_suffix(t.as_str()));
        trailers.min_by_key(|n| n.len()).unwrap_or(part).to_string()
    };
    Some(name(before))
        .filter(|n| named(n))
        .or_else(|| {
            title[..at].iter().rev().find(|l| text::has_cjk(l) && text::year_in(l).is_none() && named(l)).cloned()
        })
        .or_else(|| Some(name(after)).filter(|n| named(n) && !n.starts_with("部门")))
}

/// A unit printed below the report words on a cover (`2023年度` / `部门决算`
/// / `长沙市某某局` / `2024年9月`), named nowhere else: one of the three
/// title lines after the first naming a report kind that holds no digit
/// or colon and ends like a unit's name.
fn cover_unit(title: &[String], cfg: &Detect) -> Option<String> {
    let at = title.iter().position(|l| report(std::slice::from_ref(l), cfg).is_some())?;
    let unit_like = |l: &&String| {
        l.chars().count() >= 3
            && !l.chars().any(|c| c.is_ascii_digit() || c == ':')
            && cfg.unit_suffixes.iter().any(|s| l.ends_with(text::compact(s).as_ref()))
    };
    title[at + 1..].iter().take(3).find(unit_like).cloned()
}

/// The kind named by the first title line naming one; where a line names
/// two (`2023年度部门决算绩效自评报告`), the first kind listed wins. A kind
/// named only further down is a table title (`收入决算表` in the 目录 of a
/// budget) or a column (`2022年决算数`), not the report's.
fn report(title: &[String], cfg: &Detect) -> Option<ReportKind> {
    let names = |l: &str, rw: &ReportWords| rw.words.iter().any(|w| l.contains(text::compact(w).as_ref()));
    title.iter().find_map(|l| cfg.report_words.iter().find(|rw| names(l, rw))).map(|rw| rw.report)
}

/// The unit the title names when a preamble line names it too (or none
/// does), else the most frequent value of the `单位：…` / `部门：…`
/// preamble lines that is not a money unit; ties go to the first seen.
fn unit(lines: &[&str], title: Option<String>, cfg: &Detect) -> Option<String> {
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(v) = unit_value(line, cfg) {
            let e = counts.entry(v).or_insert((0, i));
            e.0 += 1;
        }
    }
    // A preamble naming the unit the title names: the report's, though its
    // 单位 may print more tables (a 部门 report with each 单位's tables).
    if let Some(t) = title.filter(|t| counts.is_empty() || counts.contains_key(t)) {
        return Some(t);
    }
    counts.into_iter().max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1))).map(|(v, _)| v)
}

/// The unit a `单位：…` or `部门：…` line names, money units aside.
pub fn unit_value(line: &str, cfg: &Detect) -> Option<String> {
    let first = text::tab_cells(line).next().unwrap_or("");
    // Every line is asked, most of them prose: only one with a colon is worth compacting.
    if !text::has_colon(first) {
        return None;
    }
    let c = text::compact(first);
    let rest = after_unit_prefix(&c, cfg)?;
    // `部门： 佛山市轨道交通局 单位：万元` names unit and money unit on one
    // line, and so does `编制单位：某单位 金额单位：元`.
    let rest = unit_words(rest, b':').next().map_or(rest, |(i, _)| rest[..i].trim_end_matches("金额"));
    let value = rest.trim_end_matches(['。', ';']).to_string();
    let is_money = money_unit(&format!("单位:{value}")).is_some() && value.chars().count() <= 4;
    (value.chars().count() >= 2 && !is_money && text::has_cjk(&value)).then_some(value)
}

/// What follows a unit prefix and its colon in compact text (`部门名称：长沙市教育局`
/// → `长沙市教育局`); `None` when the text starts with no unit prefix.
pub fn after_unit_prefix<'c>(compact: &'c str, cfg: &Detect) -> Option<&'c str> {
    cfg.unit_prefixes.iter().find_map(|p| compact.strip_prefix(p.as_str()).and_then(|r| r.strip_prefix([':', '：'])))
}

/// The unit of a table row that holds only a label and its value
/// (`部门名称 | 北京市统计局`, corpus bjtjj_2026 预算13表): templates that print
/// no unit above their tables nor in their title name it there. The last
/// resort, as a two-column header (`单位名称 | 项目名称`) looks the same; a
/// value naming a column is refused.
fn labelled_unit(line: &str, cfg: &Detect) -> Option<String> {
    if !text::has_tab(line) {
        return None;
    }
    let mut cells = text::tab_cells(line).map(text::compact).filter(|c| !c.is_empty());
    let (label, value) = (cells.next()?, cells.next()?);
    if cells.next().is_some() || !cfg.unit_prefixes.iter().any(|p| *p == label) {
        return None;
    }
    let names_a_column = ["名称", "编码", "代码"].iter().any(|w| value.ends_with(w));
    let is_name = value.chars().all(|c| text::is_cjk(c) || c == '(' || c == ')');
    (value.chars().count() >= 3 && is_name && !names_a_column).then(|| value.into_owned())
}

/// The money unit a `单位：万元` / `金额单位：元` / `单位：人民币元` /
/// `单位（千元）` line declares. Left unread, a table in 元 would be taken
/// for the report's 万元: ten thousand times too large.
pub fn money_unit(line: &str) -> Option<MoneyUnit> {
    // Most lines asked are prose or cells: skip compacting them. 位 has no
    // compatibility form that NFKC would turn into it.
    if !line.contains('位') {
        return None;
    }
    let c = text::compact(line);
    // Every `单位：` of the line: `编制单位：某单位 金额单位：元` names the unit first.
    let c: &str = &c;
    let values = [b':', b'('].into_iter().flat_map(|mark| unit_words(c, mark).map(move |(_, v)| &c[v..]));
    // Bound, not returned as the tail: its temporaries would outlive `c` (edition 2021).
    let unit = values
        .map(|v| v.strip_prefix("人民币").unwrap_or(v))
        .find_map(|v| MoneyUnit::ALL.into_iter().find(|u| v.starts_with(u.as_str())));
    unit
}

/// Every `单位` followed by `mark` in compact text, in order: where it
/// starts and where the text after the mark starts. A search for the mark
/// (an ASCII byte, so always a char of its own, and rare in compact text),
/// cheaper over the lines asked than a search for three chars.
pub fn unit_words(c: &str, mark: u8) -> impl Iterator<Item = (usize, usize)> + '_ {
    debug_assert!(mark.is_ascii());
    memchr::memchr_iter(mark, c.as_bytes()).filter_map(move |i| {
        let start = c[..i].ends_with("单位").then(|| i - "单位".len())?;
        Some((start, i + 1))
    })
}

/// A `单位：` line whose money unit extraction cut short (`单位：`, `单位：万`),
/// its rest on the next row; compact text.
pub fn is_cut_money_unit(c: &str) -> bool {
    unit_words(c, b':').next().is_some_and(|(_, v)| matches!(&c[v..], "" | "万"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Pipeline;

    fn run(text: &str) -> Detected {
        let p = Pipeline::load(&[] as &[&str]).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        detect(&lines, &p.detect)
    }

    #[test]
    fn unit_words_are_found_as_a_substring_search_finds_them() {
        let c = "位:a位单位:万元,编制单位(元)单位:";
        for mark in [b':', b'('] {
            let pattern = format!("单位{}", mark as char);
            let want: Vec<(usize, usize)> = c.match_indices(&pattern).map(|(i, p)| (i, i + p.len())).collect();
            assert_eq!(unit_words(c, mark).collect::<Vec<_>>(), want, "{pattern}");
        }
        assert_eq!(unit_words(c, b':').count(), 2);
    }

    #[test]
    fn final_report() {
        let d = run("\n2023年度\n长沙市现代教育技术中心\n部门决算\n目录\n单位：长沙市现代教育技术中心\n单位：万元\n单位：长沙市现代教育技术中心\n");
        assert_eq!(d.unit.as_deref(), Some("长沙市现代教育技术中心"));
        assert_eq!(d.year, Some(2023));
        assert_eq!(d.report, Some(ReportKind::Final));
        assert_eq!(d.money_unit, Some(MoneyUnit::Wanyuan));
    }

    #[test]
    fn chinese_numeral_years_units_after_the_year_and_the_first_kind_named() {
        let d = run("二〇二三年度某某局部门预算\n目录\n一、收入决算表\n");
        assert_eq!((d.year, d.report), (Some(2023), Some(ReportKind::Budget)));
        assert_eq!(d.unit.as_deref(), Some("某某局"));
        let d = run("２０２３年度某某局部门决算\n");
        assert_eq!((d.year, d.report, d.unit.as_deref()), (Some(2023), Some(ReportKind::Final), Some("某某局")));
        let d = run("某某局2023年度部门决算绩效自评报告\n");
        assert_eq!(d.report, Some(ReportKind::Evaluation));
        let d = run("2024年度某某局单位预算公开说明\n");
        assert_eq!(d.unit.as_deref(), Some("某某局"), "单位预算 as 部门预算");
        let d = run("2023年度某单位部门决算\n");
        assert_eq!(d.unit.as_deref(), Some("某单位"), "a unit named 某单位");
        let d = run("某某局关于2024年度部门预算的说明\n");
        assert_eq!((d.year, d.report, d.unit.as_deref()), (Some(2024), Some(ReportKind::Budget), Some("某某局")));
    }

    #[test]
    fn budget_and_evaluation() {
        let d = run("长沙市教育局本级 ２０２３ 年部门预算公开\n部门名称：长沙市教育局\n单位：元\n");
        assert_eq!((d.year, d.report), (Some(2023), Some(ReportKind::Budget)));
        assert_eq!(d.unit.as_deref(), Some("长沙市教育局"));
        assert_eq!(d.money_unit, Some(MoneyUnit::Yuan));
        let d = run("深圳市教育信息技术中心\n2024年度部门整体支出绩效自评报告\n");
        assert_eq!(d.report, Some(ReportKind::Evaluation));
        assert_eq!(d.unit.as_deref(), Some("深圳市教育信息技术中心"));
        let d = run("2023年度长沙市教育局整体支出绩效自评报告\n");
        assert_eq!(d.unit.as_deref(), Some("长沙市教育局"), "整体支出 is no part of the name");
        let d = run("某某局2023年度项目支出绩效评价报告\n");
        assert_eq!(d.unit.as_deref(), Some("某某局"));
    }

    #[test]
    fn the_title_unit_wins_among_unit_lines() {
        // A 部门 report printing each 单位's tables too: its 单位 lines may
        // outnumber the 部门's, whose name the title gives.
        let d = run("某某市教育局2024年部门预算\n单位：某某市教育局\n单位：某某市第一中学\n单位：某某市第一中学\n");
        assert_eq!(d.unit.as_deref(), Some("某某市教育局"));
        let d = run("某某市教育局2024年部门预算\n单位：某某市第一中学\n单位：某某市第一中学\n");
        assert_eq!(d.unit.as_deref(), Some("某某市第一中学"), "no unit line names the title's");
    }

    #[test]
    fn unit_lines_win_over_the_title() {
        let d = run("长沙市财政项目支出绩效评价报告\n评价项目单位： 长沙市人民政府国有资产监督管理委员会\n项目主管部门： 长沙市人民政府国有资产监督管理委员会\n");
        assert_eq!(d.unit.as_deref(), Some("长沙市人民政府国有资产监督管理委员会"));
        let d = run("上海市普陀区2025年区级部门预算\n预算主管部门：上海市普陀区商务委员会\n编制部门：上海市普陀区商务委员会 单位：元\n");
        assert_eq!(d.unit.as_deref(), Some("上海市普陀区商务委员会"));
        assert_eq!(d.money_unit, Some(MoneyUnit::Yuan));
    }

    #[test]
    fn title_fallbacks() {
        let d = run("上海市普陀区财政局\n年度部门决算\n2024\n目 录\n部门： 佛山市轨道交通局 单位：万元\n");
        assert_eq!(d.year, Some(2024));
        assert_eq!(d.unit.as_deref(), Some("佛山市轨道交通局"));
        let d = run("上海市普陀区财政局\n年度部门决算\n2024\n");
        assert_eq!(d.unit.as_deref(), Some("上海市普陀区财政局"));
        let d = run("2023年度\n部门决算\n\n长沙市某某局\n2024年9月\n");
        assert_eq!(d.unit.as_deref(), Some("长沙市某某局"), "a cover's unit below the report words");
        let d = run("2023年度部门决算\n目录\n第一部分 部门概况\n");
        assert_eq!(d.unit, None, "no line below ends like a unit's name");
    }

    #[test]
    fn a_label_and_value_row_names_the_unit() {
        let d = run("预算13表 部门整体支出绩效目标表\n\t部门名称\t\t北京市统计局\t\t\n");
        assert_eq!(d.unit.as_deref(), Some("北京市统计局"));
        let d = run("\t单位名称\t长沙市现代教育技术中心（长沙市教育信息网络中心）\n");
        assert_eq!(d.unit.as_deref(), Some("长沙市现代教育技术中心(长沙市教育信息网络中心)"));
        // A header row naming 单位名称 among other columns names no unit.
        assert_eq!(run("序号\t单位名称\t备注\n单位名称\t项目名称\n").unit, None);
    }

    #[test]
    fn money_units() {
        assert_eq!(money_unit("单位：万元"), Some(MoneyUnit::Wanyuan));
        assert_eq!(money_unit("金额单位: 元"), Some(MoneyUnit::Yuan));
        assert_eq!(money_unit("单位：长沙市教育局"), None);
        assert_eq!(money_unit("单位：人民币元"), Some(MoneyUnit::Yuan));
        assert_eq!(money_unit("单位：人民币万元"), Some(MoneyUnit::Wanyuan));
        assert_eq!(money_unit("单位（万元）"), Some(MoneyUnit::Wanyuan));
        assert_eq!(money_unit("单位：千元"), Some(MoneyUnit::Qianyuan));
        assert_eq!(money_unit("预算单位（部门）：某局"), None);
        assert_eq!(money_unit("编制单位：某某局    金额单位：元"), Some(MoneyUnit::Yuan));
        let d = run("2023年度某某局部门决算\n编制单位：某某局    金额单位：元\n");
        assert_eq!((d.unit.as_deref(), d.money_unit), (Some("某某局"), Some(MoneyUnit::Yuan)));
    }
}
