//! Golden indicators: every indicator row of the performance tables of seeds
//! 004, 003 and 002, compared in full with hand-checked files in
//! `tests/golden/` (judgement calls are `#` lines there), plus the money
//! facts of seed 004's 绩效目标表 and seed 000's 自评表.

use crate::*;
use budgetlake::model::{Indicator, Outcome, Severity};
use budgetlake::pipeline::{analyze, extract, Extract};

/// An indicator as one golden line, fields in `Indicator` order.
pub fn indicator_line(i: &Indicator) -> String {
    let num = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    [
        i.line.to_string(),
        i.table.clone(),
        i.project.clone().unwrap_or_default(),
        i.level1.clone(),
        i.level2.clone(),
        i.level3.clone(),
        i.target.clone(),
        num(i.target_value),
        i.operator.clone().unwrap_or_default(),
        i.measure_unit.clone().unwrap_or_default(),
        i.actual.clone().unwrap_or_default(),
        num(i.actual_value),
        num(i.weight),
        num(i.score),
    ]
    .join("\t")
}

fn check(outcome: &Outcome, golden: &str) {
    let got: Vec<String> = outcome.indicators.iter().map(indicator_line).collect();
    assert_lines(golden, &golden_lines(golden), &got);
}

fn facts_of(outcome: &Outcome, prefix: &str) -> Vec<String> {
    outcome.facts.iter().filter(|f| f.table.starts_with(prefix)).map(golden_line).collect()
}

pub fn lines(expected: &str) -> Vec<String> {
    expected.lines().map(str::to_string).collect()
}

#[test]
fn seed_004_targets_tables_give_every_indicator() {
    check(&process(&sample("004_8cc0caf16561f826")), "004.indicators.tsv");
}

#[test]
fn seed_003_score_sheets_give_targets_actuals_and_scores() {
    check(&process(&sample("003_2953260a9f012705")), "003.indicators.tsv");
}

#[test]
fn seed_002_framework_gives_every_score_and_the_total() {
    let outcome = process(&sample("002_d7b53a23297ded64"));
    check(&outcome, "002.indicators.tsv");
    let total = outcome.indicators.iter().find(|i| i.level1 == "总分").and_then(|i| i.score);
    assert_eq!(total, Some(97.83));
    // A report of score sheets only is read, not failed.
    assert_eq!(outcome.document.status, budgetlake::model::Status::Ok, "{:?}", outcome.document.error);
}

/// Each project's 资金总额 once (every page repeats the project row), keyed by
/// project with the 单位编码; the unit's money row once; no indicator column
/// (指标值, 分值 …) as a fact.
#[test]
fn seed_004_targets_money_is_facts_once() {
    let outcome = process(&sample("004_8cc0caf16561f826"));
    let want = lines(
        "budget.project_targets\t\t\t合计\t资金总额\t1,855.75\t363
budget.project_targets\t\t201001\t长沙市教育局\t资金总额\t1,855.75\t364
budget.project_targets\t\t201001\t基金会专项经费\t资金总额\t47.50\t365
budget.project_targets\t\t201001\t机关办公楼运行经费\t资金总额\t66.50\t390
budget.project_targets\t\t201001\t教师专业技术职称评审费\t资金总额\t18.75\t413
budget.project_targets\t\t201001\t教师资格考试费\t资金总额\t1,200.00\t434
budget.project_targets\t\t201001\t教育教学管理经费\t资金总额\t320.00\t469
budget.project_targets\t\t201001\t派驻纪检监察组办公经费\t资金总额\t3.00\t497
budget.project_targets\t\t201001\t支教专项经费\t资金总额\t50.00\t510
budget.project_targets\t\t201001\t中招中考考试费\t资金总额\t150.00\t531
budget.unit_targets\t\t201001\t长沙市教育局\t资金总额\t4,405.19\t565
budget.unit_targets\t\t201001\t长沙市教育局\t一般公共预算\t3,205.19\t565
budget.unit_targets\t\t201001\t长沙市教育局\t财政专户管理资金\t1,200.00\t565
budget.unit_targets\t\t201001\t长沙市教育局\t基本支出\t2,549.44\t565
budget.unit_targets\t\t201001\t长沙市教育局\t项目支出\t1,855.75\t565",
    );
    let mut got = facts_of(&outcome, "budget.project_targets");
    got.extend(facts_of(&outcome, "budget.unit_targets"));
    assert_lines("seed 004 绩效目标表 facts", &want, &got);
    let unit = outcome.facts.iter().filter(|f| f.code.is_some() && f.table.ends_with("_targets"));
    assert!(unit.into_iter().all(|f| f.code_system == Some(budgetlake::model::CodeSystem::Unit)));
    let sum: i64 = outcome
        .facts
        .iter()
        .filter(|f| f.table == "budget.project_targets" && f.line > 364)
        .map(|f| f.printed.units)
        .sum();
    assert_eq!(sum, 185575, "the projects add up to the 合计 1,855.75");
    assert!(!outcome.facts.iter().any(|f| f.table == "other" && f.table_title.contains("绩效目标")));
}

/// Seed 000's 自评表: the 预算执行 row and the amounts printed inside its
/// label cells are facts; the 27 indicator rows and the 总分 row (line 887)
/// are indicators.
#[test]
fn seed_000_selfeval_execution_row_is_facts() {
    let outcome = process(&sample("000_3df53ced2bf38c6a"));
    let want = lines(
        "evaluation.unit_selfeval\t\t\t年度资金总额\t年初预算数\t675.02\t848
evaluation.unit_selfeval\t\t\t年度资金总额\t全年预算数\t3,565.13\t848
evaluation.unit_selfeval\t\t\t年度资金总额\t全年执行数\t3,538.81\t848
evaluation.unit_selfeval\t\t\t年度资金总额\t分值\t10\t848
evaluation.unit_selfeval\t\t\t年度资金总额\t执行率\t99.26\t848
evaluation.unit_selfeval\t\t\t年度资金总额\t得分\t9.93\t848
evaluation.unit_selfeval\t\t\t一般公共预算\t全年预算数\t3,565.13\t850
evaluation.unit_selfeval\t\t\t基本支出\t全年预算数\t684.17\t850
evaluation.unit_selfeval\t\t\t项目支出\t全年预算数\t2880.96\t851",
    );
    assert_lines("seed 000 自评表 facts", &want, &facts_of(&outcome, "evaluation."));
    let rows: Vec<&Indicator> = outcome.indicators.iter().filter(|i| i.table == "evaluation.unit_selfeval").collect();
    assert_eq!(rows.len(), 28);
    let scores: f64 = rows.iter().filter(|i| i.level1 != "总分").filter_map(|i| i.score).sum();
    assert!((scores + 9.93 - 99.93).abs() < 1e-9, "indicator scores {scores} + 9.93 (预算执行) = 99.93");
    let total = rows.iter().find(|i| i.level1 == "总分").expect("总分 row on line 887");
    assert_eq!((total.line, total.weight, total.score), (887, Some(100.0), Some(99.93)));
    // `三公经费控制率 | ≤100% | 达 20.82%`: operator from the target's sign.
    let first = rows[0];
    assert_eq!((first.target_value, first.operator.as_deref(), first.actual_value), (Some(100.0), Some("≤"), None));
}

/// Seed 003's 预算执行 rows and the `label | 68.61万元` pairs above them.
#[test]
fn seed_003_selfeval_execution_rows_are_facts() {
    let outcome = process(&sample("003_2953260a9f012705"));
    let want = lines(
        "evaluation.unit_selfeval\t\t\t基本习大出总额\t全年预算数\t68.61万元\t701
evaluation.unit_selfeval\t\t\t项目支出总额\t全年预算数\t88.50万元\t701
evaluation.unit_selfeval\t\t\t部门整体支出总额\t全年预算数\t157.11\t703
evaluation.unit_selfeval\t\t\t部门整体支出总额\t全年执行数\t157.11\t703
evaluation.unit_selfeval\t\t\t部门整体支出总额\t执行率\t100%\t703
evaluation.unit_selfeval\t\t\t部门整体支出总额\t得分\t20分\t703
evaluation.project_selfeval\t\t\t教育局有线及无线网络费(22万),全系统视频监控运维服务(66.5万)/年度财政资金总额\t全年预算数\t88. 5\t867
evaluation.project_selfeval\t\t\t教育局有线及无线网络费(22万),全系统视频监控运维服务(66.5万)/年度财政资金总额\t全年执行数\t88. 5\t867
evaluation.project_selfeval\t\t\t教育局有线及无线网络费(22万),全系统视频监控运维服务(66.5万)/年度财政资金总额\t执行率\t100%\t867
evaluation.project_selfeval\t\t\t教育局有线及无线网络费(22万),全系统视频监控运维服务(66.5万)/年度财政资金总额\t得分\t20\t867",
    );
    assert_lines("seed 003 自评表 facts", &want, &facts_of(&outcome, "evaluation."));
}

/// A row whose number fits no reading of the columns is reported, not
/// guessed; so is one without a number that names its 一级 and 二级
/// indicator (xarsj prints targets as `7375人；30195人`).
#[test]
fn unreadable_rows_are_findings() {
    let scratch = temp("ind");
    let dir = scratch.path();
    let text = "长沙市某单位2023年部门预算\n\n2023年项目支出绩效目标表\n单位：万元\n\
单位编码\t单位（项目）名称\t资金总额\t绩效目标\t一级指标\t二级指标\t三级指标\t指标值\t度量单位\t指标值类型\t备注\n\
201001\t甲项目\t10.00\t目标\t产出指标\t数量指标\t人数\t5\t人\t≥\t8\n\
\t\t\t\t\t\t人数\t≥\t≤\t=\t8\n\
\t\t\t\t产出指标\t质量指标\t合格率\t≥\t≤\t=\t达标\n\
\t\t\t\t\t\t说明\t≥\t≤\t=\t文字\n";
    let path = dir.join("quirk_targets.txt");
    std::fs::write(&path, text).unwrap();
    let outcome = process(&path);
    assert_eq!(outcome.indicators.len(), 1, "{:?}", outcome.indicators);
    let lines: Vec<_> = outcome.findings.iter().filter(|f| f.check == "unreadable_indicator").map(|f| f.line).collect();
    assert_eq!(lines, [Some(7), Some(8)]);
}

/// Other printings put a row's 单位编码 and 单位名称 in one cell
/// (`201001 长沙市教育局`). Left whole, the cell read as the name and every
/// amount after it landed one money column off; seed 004 so printed must
/// give the same facts and indicators.
#[test]
fn seed_004_unit_code_and_name_in_one_cell_read_the_same() {
    let text = std::fs::read_to_string(sample("004_8cc0caf16561f826")).unwrap();
    let unit_code = |cell: &str| cell.len() == 6 && cell.bytes().all(|b| b.is_ascii_digit());
    let fused: String = text
        .lines()
        .map(|l| match l.split_once('\t') {
            Some((code, rest)) if unit_code(code) => format!("{code} {rest}\n"),
            _ => format!("{l}\n"),
        })
        .collect();
    assert_ne!(fused, text, "seed 004 prints unit codes in their own cells");
    let (want, got) = reads_alike(&text, &fused);
    let errors = |x: &Extract| x.findings.iter().filter(|f| f.severity == Severity::Error).count();
    assert_eq!(errors(&got), errors(&want));
}

/// Asserts a text rewritten gives the facts and indicators of the original,
/// and returns what each gave.
fn reads_alike(original: &str, rewritten: &str) -> (Extract, Extract) {
    let p = embedded();
    let read = |t: &str| extract(analyze(t, &p), "fixture.txt", &p);
    let (want, got) = (read(original), read(rewritten));
    let facts = |x: &Extract| x.facts.iter().map(golden_line).collect::<Vec<_>>();
    assert_lines("facts", &facts(&want), &facts(&got));
    let indicators = |x: &Extract| x.indicators.iter().map(indicator_line).collect::<Vec<_>>();
    assert_lines("indicators", &indicators(&want), &indicators(&got));
    (want, got)
}

/// Other templates number the projects of a 项目支出绩效目标表 in a first
/// 序号 column. No role takes `1`, `2` …, so every row went unread; seed 004
/// so printed must give the same facts and indicators.
#[test]
fn seed_004_targets_with_a_row_number_column_read_the_same() {
    let text = std::fs::read_to_string(sample("004_8cc0caf16561f826")).unwrap();
    let (mut inside, mut n, mut numbered) = (false, 0, String::new());
    for l in text.lines() {
        if !l.contains('\t') {
            inside = l.ends_with("项目支出绩效目标表") || (inside && !l.ends_with("绩效目标表"));
            numbered.push_str(&format!("{l}\n"));
            continue;
        }
        let first = l.split('\t').next().unwrap_or("");
        let cell = match first {
            _ if !inside => None,
            "单位编码" => Some("序号".to_string()),
            code if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) => {
                n += 1;
                Some(n.to_string())
            }
            _ => Some(String::new()),
        };
        match cell {
            Some(c) => numbered.push_str(&format!("{c}\t{l}\n")),
            None => numbered.push_str(&format!("{l}\n")),
        }
    }
    assert!(n > 5, "seed 004's 项目支出绩效目标表 has its projects under unit codes");
    reads_alike(&text, &numbered);
}

/// A 部门整体支出绩效目标表 printing its money as label and amount pairs
/// after a caption, as many templates do: the unit's 资金总额 and its parts
/// were an `unreadable_indicator` warning, not facts.
#[test]
fn unit_targets_money_printed_as_label_and_amount_pairs_is_facts() {
    let text = "某某局2024年部门预算\n\n部门整体支出绩效目标表\n单位：万元\n部门（单位）名称\t某某局\t\t\t\t\t\n\
年度预算申请资金\t资金总额\t100.00\t其中：财政拨款\t80.00\t其他资金\t20.00\n年度总体目标\t完成各项工作任务\t\t\t\t\t\n\
一级指标\t二级指标\t三级指标\t指标值\t分值\t\t\n产出指标\t数量指标\t培训人数\t≥100人\t10\t\t\n\
效益指标\t社会效益指标\t项目支出进度\t95\t10\t\t\n";
    let x = read_text(text);
    let facts: Vec<String> = x.facts.iter().map(golden_line).collect();
    let want = [
        "budget.unit_targets\t\t\t某某局\t资金总额\t100.00\t6",
        "budget.unit_targets\t\t\t某某局\t财政拨款\t80.00\t6",
        "budget.unit_targets\t\t\t某某局\t其他资金\t20.00\t6",
    ];
    assert_eq!(facts, want);
    // An indicator whose name holds a money header (项目支出) stays an indicator.
    let levels: Vec<&str> = x.indicators.iter().map(|i| i.level3.as_str()).collect();
    assert_eq!(levels, ["培训人数", "项目支出进度"]);
    assert!(x.findings.iter().all(|f| f.severity != Severity::Error), "{:?}", x.findings);
}

/// A 项目支出绩效目标表 printed as one plain grid, its money under 预算金额,
/// each project's name and money on its first indicator row. Read without
/// that header word, its project rows were unreadable, the next project's
/// 时效指标 took the 满意度指标 carried from above, and its 合计 row became an
/// indicator named 合计 with the target 150.00.
#[test]
fn targets_printed_as_a_plain_grid_give_projects_money_and_indicators() {
    let head = "2024年某某局部门预算\n项目支出绩效目标表\n单位：万元\n\
                项目名称\tMONEY\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标值\n";
    let rows = "教师培训\t100.00\t完成培训任务\t产出指标\t数量指标\t培训人数\t≥500人\n\
                \t\t\t\t质量指标\t培训合格率\t≥95%\n\
                \t\t\t满意度指标\t服务对象满意度指标\t参训教师满意度\t≥90%\n\
                校舍维修\t50.00\t完成维修\t产出指标\t数量指标\t维修面积\t2000平方米\n\
                \t\t\t\t时效指标\t完成时间\t2024年12月底前\n合计\t150.00\n";
    let read = |money: &str| read_text(&format!("{}{rows}", head.replace("MONEY", money)));
    let e = read("预算金额");
    let facts: Vec<String> = e.facts.iter().map(golden_line).collect();
    let want = [
        "budget.project_targets\t\t\t教师培训\t资金总额\t100.00\t5",
        "budget.project_targets\t\t\t校舍维修\t资金总额\t50.00\t8",
        "budget.project_targets\t\t\t合计\t资金总额\t150.00\t10",
    ];
    assert_eq!(facts, want);
    let got: Vec<String> = e
        .indicators
        .iter()
        .map(|i| {
            format!(
                "{} {} {}/{}/{} {}",
                i.line,
                i.project.as_deref().unwrap_or(""),
                i.level1,
                i.level2,
                i.level3,
                i.target
            )
        })
        .collect();
    let want = [
        "5 教师培训 产出指标/数量指标/培训人数 ≥500人",
        "6 教师培训 产出指标/质量指标/培训合格率 ≥95%",
        "7 教师培训 满意度指标/服务对象满意度指标/参训教师满意度 ≥90%",
        "8 校舍维修 产出指标/数量指标/维修面积 2000平方米",
        "9 校舍维修 产出指标/时效指标/完成时间 2024年12月底前",
    ];
    assert_eq!(got, want);
    // Under a money header no role knows, the total row is reported, not an indicator.
    let e = read("资金额度");
    assert!(e.indicators.iter().all(|i| i.level3 != "合计"), "{:?}", e.indicators);
    assert!(e.findings.iter().any(|f| f.check == "unreadable_indicator" && f.line == Some(10)));
    let nine = e.indicators.iter().find(|i| i.line == 9).map(|i| i.level1.as_str());
    assert_eq!(nine, Some("产出指标"));
}
