//! Golden indicators: every indicator row of the performance tables of seeds
//! 004, 003 and 002, compared in full with hand-checked files in
//! `tests/golden/` (judgement calls are `#` lines there), plus the money
//! facts of seed 004's 绩效目标表 and seed 000's 自评表.

use crate::*;
use budgetlake::model::{Indicator, Outcome, Severity};
use budgetlake::pipeline::{analyze, extract, Extract};

/// An indicator as one golden line, fields in `Indicator` order.
fn indicator_line(i: &Indicator) -> String {
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

fn lines(expected: &str) -> Vec<String> {
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
    let dir = std::env::temp_dir().join(format!("budgetlake-ind-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
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

/// The national 项目支出绩效自评表 with `（2023年度）` printed under its
/// title: that line was taken for prose, which titled an `other` table, so
/// the sheet's money became `other` facts and its indicators levels joined
/// by `/` under 总分.
#[test]
fn a_score_sheet_with_its_year_in_brackets_under_the_title_is_read_as_one() {
    let text = "某某市交通运输局2023年度项目支出绩效自评报告\n附件\n项目支出绩效自评表\n（2023年度）\n\
项目名称\t农村公路养护补助资金\n主管部门\t某某市交通运输局\t实施单位\t某某市公路事务中心\n\
项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
\t年度资金总额\t100.00\t100.00\t95.00\t10\t95.00%\t9.50\n\
\t其中：当年财政拨款\t100.00\t100.00\t95.00\t—\t—\t—\n\
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n\
\t产出指标\t数量指标\t养护里程\t≥300公里\t310公里\t20\t20\t\n\
\t\t质量指标\t养护合格率\t≥95%\t96%\t15\t15\t\n\
\t效益指标\t社会效益指标\t群众出行条件改善\t明显改善\t明显改善\t15\t14\t\n\
总分\t\t\t\t\t\t100\t98.50\t\n";
    let x = read_text(text);
    let facts: Vec<String> = x.facts.iter().map(golden_line).collect();
    let want = lines(
        "evaluation.project_selfeval\t\t\t农村公路养护补助资金/年度资金总额\t年初预算数\t100.00\t8
evaluation.project_selfeval\t\t\t农村公路养护补助资金/年度资金总额\t全年预算数\t100.00\t8
evaluation.project_selfeval\t\t\t农村公路养护补助资金/年度资金总额\t全年执行数\t95.00\t8
evaluation.project_selfeval\t\t\t农村公路养护补助资金/年度资金总额\t分值\t10\t8
evaluation.project_selfeval\t\t\t农村公路养护补助资金/年度资金总额\t执行率\t95.00%\t8
evaluation.project_selfeval\t\t\t农村公路养护补助资金/年度资金总额\t得分\t9.50\t8
evaluation.project_selfeval\t\t\t农村公路养护补助资金/其中:当年财政拨款\t年初预算数\t100.00\t9
evaluation.project_selfeval\t\t\t农村公路养护补助资金/其中:当年财政拨款\t全年预算数\t100.00\t9
evaluation.project_selfeval\t\t\t农村公路养护补助资金/其中:当年财政拨款\t全年执行数\t95.00\t9",
    );
    assert_lines("self-evaluation facts", &want, &facts);
    let got: Vec<String> = x.indicators.iter().map(indicator_line).collect();
    let want = lines(
        "11\tevaluation.project_selfeval\t农村公路养护补助资金\t产出指标\t数量指标\t养护里程\t≥300公里\t300\t≥\t公里\t310公里\t310\t20\t20
12\tevaluation.project_selfeval\t农村公路养护补助资金\t产出指标\t质量指标\t养护合格率\t≥95%\t95\t≥\t%\t96%\t96\t15\t15
13\tevaluation.project_selfeval\t农村公路养护补助资金\t效益指标\t社会效益指标\t群众出行条件改善\t明显改善\t\t\t\t明显改善\t\t15\t14
14\tevaluation.project_selfeval\t农村公路养护补助资金\t总分\t\t\t\t\t\t\t\t\t100\t98.5",
    );
    assert_lines("self-evaluation indicators", &want, &got);
}

/// The national 项目支出绩效目标表 (申报表): a card per project, named on a
/// `项目名称 | …` row, its money as `项目资金（万元） | 年度资金总额 | 500.00`
/// and `其中：财政拨款 | 450.00` rows. Only 西安's `专项（项目）名称` named a
/// card: the money went under the item 其中：财政拨款 and the indicators
/// under the projects 其他资金 and 项目资金(万元).
#[test]
fn targets_printed_as_national_cards_give_each_project_its_money_and_indicators() {
    let card = |name: &str, total: &str, other: &str, rows: &str| {
        format!(
            "项目支出绩效目标表\n（2024年度）\n项目名称\t{name}\n主管部门及代码\t某某委\t实施单位\t某某中心\n\
             项目资金（万元）\t年度资金总额\t{total}\n\t其中：财政拨款\t{total}\n\t其他资金\t{other}\n\
             总体目标\t完成年度任务\n绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n{rows}"
        )
    };
    let text = format!(
        "某某委2024年部门预算\n{}{}",
        card(
            "基层能力建设",
            "500.00",
            "0.00",
            "\t产出指标\t数量指标\t培训人次\t≥200人次\n\t\t时效指标\t完成时间\t2024年12月底前\n"
        ),
        card("应急物资储备", "120.00", "0.00", "\t成本指标\t经济成本指标\t储备成本\t≤120万元\n"),
    );
    let x = read_text(&text);
    let facts: Vec<String> = x.facts.iter().map(golden_line).collect();
    let want = lines(
        "budget.project_targets\t\t\t基层能力建设\t资金总额\t500.00\t6
budget.project_targets\t\t\t基层能力建设\t财政拨款\t500.00\t7
budget.project_targets\t\t\t基层能力建设\t其他资金\t0.00\t8
budget.project_targets\t\t\t应急物资储备\t资金总额\t120.00\t17
budget.project_targets\t\t\t应急物资储备\t财政拨款\t120.00\t18
budget.project_targets\t\t\t应急物资储备\t其他资金\t0.00\t19",
    );
    assert_lines("card facts", &want, &facts);
    let got: Vec<String> = x.indicators.iter().map(indicator_line).collect();
    let want = lines(
        "11\tbudget.project_targets\t基层能力建设\t产出指标\t数量指标\t培训人次\t≥200人次\t200\t≥\t人次\t\t\t\t
12\tbudget.project_targets\t基层能力建设\t产出指标\t时效指标\t完成时间\t2024年12月底前\t\t\t\t\t\t\t
22\tbudget.project_targets\t应急物资储备\t成本指标\t经济成本指标\t储备成本\t≤120万元\t120\t≤\t万元\t\t\t\t",
    );
    assert_lines("card indicators", &want, &got);
    assert!(x.findings.is_empty(), "{:?}", x.findings);
}

/// The national 部门整体支出绩效目标表 prints its money's breakdown as pairs
/// under 按收入性质分 | 按支出性质分 (`其中：一般公共预算 | 900.00 | 其中：基本支出
/// | 600.00`). Its labels are header words, so the row was taken for a header
/// fused with a project's row: its four amounts were lost, with two
/// `project_unknown` warnings. Its row sums run over the item's lines.
#[test]
fn unit_targets_money_pairs_named_by_header_words_are_facts_and_checked() {
    let text = "某某局2024年部门预算\n部门整体支出绩效目标表\n（2024年度）\n部门（单位）名称\t某某局\n\
年度预算申请（万元）\t资金总额\t1,000.00\n\t按收入性质分\t按支出性质分\n\
\t其中：一般公共预算\t900.00\t其中：基本支出\t600.00\n\t政府性基金\t100.00\t项目支出\t400.00\n\
年度总体目标\t保障机关正常运转\n绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n\
\t产出指标\t数量指标\t公路养护里程\t≥300公里\n";
    let x = read_text(text);
    let facts: Vec<String> = x.facts.iter().map(golden_line).collect();
    let want = lines(
        "budget.unit_targets\t\t\t某某局\t资金总额\t1,000.00\t5
budget.unit_targets\t\t\t某某局\t一般公共预算\t900.00\t7
budget.unit_targets\t\t\t某某局\t基本支出\t600.00\t7
budget.unit_targets\t\t\t某某局\t政府性基金拨款\t100.00\t8
budget.unit_targets\t\t\t某某局\t项目支出\t400.00\t8",
    );
    assert_lines("unit targets pairs", &want, &facts);
    let levels: Vec<&str> = x.indicators.iter().map(|i| i.level3.as_str()).collect();
    assert_eq!(levels, ["公路养护里程"]);
    let counts = &x.validation.counts;
    assert_eq!((counts.passed, counts.failed), (2, 0), "{:?}", x.findings);
    assert!(x.findings.iter().all(|f| f.severity == Severity::Info), "{:?}", x.findings);
}

/// A 决算's appendix prints one 项目支出绩效自评表 per project. Keyed by
/// 年度资金总额 alone, every project's money after the first was dropped as a
/// repeat of the first's (`repeated_row_differs`); each is now its project's.
#[test]
fn score_sheets_of_several_projects_keep_each_projects_money() {
    let sheet = |name: &str, total: &str, spent: &str| {
        format!(
            "项目支出绩效自评表\n项目名称\t{name}\n\
             项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
             \t年度资金总额\t{total}\t{total}\t{spent}\t10\t—\t—\n\
             绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
             \t产出指标\t数量指标\t培训人次\t≥100人次\t120人次\t90\t90\n总分\t100\t99.00\n"
        )
    };
    let text = format!(
        "2023年度某某局部门决算\n{}{}",
        sheet("教师培训", "50.00", "50.00"),
        sheet("校舍维修", "200.00", "180.00")
    );
    let x = read_text(&text);
    let facts: Vec<String> = x.facts.iter().map(golden_line).collect();
    let want = lines(
        "evaluation.project_selfeval\t\t\t教师培训/年度资金总额\t年初预算数\t50.00\t5
evaluation.project_selfeval\t\t\t教师培训/年度资金总额\t全年预算数\t50.00\t5
evaluation.project_selfeval\t\t\t教师培训/年度资金总额\t全年执行数\t50.00\t5
evaluation.project_selfeval\t\t\t教师培训/年度资金总额\t分值\t10\t5
evaluation.project_selfeval\t\t\t校舍维修/年度资金总额\t年初预算数\t200.00\t12
evaluation.project_selfeval\t\t\t校舍维修/年度资金总额\t全年预算数\t200.00\t12
evaluation.project_selfeval\t\t\t校舍维修/年度资金总额\t全年执行数\t180.00\t12
evaluation.project_selfeval\t\t\t校舍维修/年度资金总额\t分值\t10\t12",
    );
    assert_lines("two projects' sheets", &want, &facts);
    let projects: Vec<&str> = x.indicators.iter().map(|i| i.project.as_deref().unwrap_or("")).collect();
    assert_eq!(projects, ["教师培训", "教师培训", "校舍维修", "校舍维修"]);
    assert!(x.findings.is_empty(), "{:?}", x.findings);
    // The project named above the grid as a line of text: as prose, it
    // ended the table, and the rows below became an `other` table.
    let above = read_text(&text.replace("项目名称\t教师培训", "项目名称：教师培训"));
    assert_lines("project named in a line", &want, &above.facts.iter().map(golden_line).collect::<Vec<_>>());
    assert!(above.findings.is_empty(), "{:?}", above.findings);
}

/// A plain-grid 项目支出绩效目标表 whose weights are headed 权重, after the
/// operator (指标性质) and 度量单位: no role took 权重, so every row fit no
/// reading of the columns and the table gave its total alone.
#[test]
fn targets_weighted_under_quan_zhong_are_read() {
    let text = "某某局2024年部门预算\n项目支出绩效目标表\n单位：万元\n\
项目名称\t项目金额\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重\n\
信息化运维\t80.00\t保障系统运行\t产出指标\t数量指标\t运维系统数量\t≥\t12\t个\t20\n\
\t\t\t效益指标\t社会效益指标\t服务群众\t定性\t优\t\t30\n合计\t80.00\n";
    let x = read_text(text);
    let facts: Vec<String> = x.facts.iter().map(golden_line).collect();
    let want = lines(
        "budget.project_targets\t\t\t信息化运维\t资金总额\t80.00\t5
budget.project_targets\t\t\t合计\t资金总额\t80.00\t7",
    );
    assert_lines("权重 facts", &want, &facts);
    let got: Vec<String> = x.indicators.iter().map(indicator_line).collect();
    let want = lines(
        "5\tbudget.project_targets\t信息化运维\t产出指标\t数量指标\t运维系统数量\t12\t12\t≥\t个\t\t\t20\t
6\tbudget.project_targets\t信息化运维\t效益指标\t社会效益指标\t服务群众\t优\t\t定性\t\t\t\t30\t",
    );
    assert_lines("权重 indicators", &want, &got);
    assert!(x.findings.is_empty(), "{:?}", x.findings);
    // Other provinces head the 三级 and target columns 指标名称 and 目标值.
    let renamed = text.replace("三级指标", "指标名称").replace("\t指标值\t", "\t目标值\t");
    let got: Vec<String> = read_text(&renamed).indicators.iter().map(indicator_line).collect();
    assert_lines("指标名称 and 目标值", &want, &got);
}

/// A 部门整体支出绩效评价指标体系 whose weights are headed 分值 (seed 002's
/// say 参考分值) and whose total row is 合计: no role took 分值, so every
/// row fit no reading of the columns and the report failed with no facts.
#[test]
fn a_framework_weighted_under_fen_zhi_gives_its_scores() {
    let text = "某某局2023年度部门整体支出绩效自评报告\n部门整体支出绩效评价指标体系\n\
一级指标\t分值\t二级指标\t分值\t三级指标\t分值\t指标解释\t评分标准\t得分\n\
投入\t20\t预算编制\t20\t预算编制科学性\t20\t是否科学\t科学得20分\t18\n\
产出\t80\t职责履行\t80\t重点工作完成率\t80\t完成情况\t完成得分\t79\n合计\t100\t\t\t\t\t\t\t97\n";
    let got: Vec<String> = read_text(text).indicators.iter().map(indicator_line).collect();
    let want = lines(
        "4\tevaluation.unit_framework\t\t投入\t预算编制\t预算编制科学性\t\t\t\t\t\t\t20\t18
5\tevaluation.unit_framework\t\t产出\t职责履行\t重点工作完成率\t\t\t\t\t\t\t80\t79
6\tevaluation.unit_framework\t\t总分\t\t\t\t\t\t\t\t\t\t97",
    );
    assert_lines("framework under 分值", &want, &got);
}

/// Level names printed with their points (`产出指标（50分）`, `数量指标（20分）`)
/// were no known names: the row took 满意度指标, another row's 一级 — a
/// wrong indicator, not a missing one.
#[test]
fn level_names_printed_with_their_points_are_read_without_them() {
    let text = "某某局2023年度项目支出绩效自评报告\n项目支出绩效自评表\n项目名称\t农田建设\n\
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
\t产出指标（50分）\t数量指标（20分）\t建设面积\t≥1万亩\t1.05万亩\t50\t50\n\
\t满意度指标（50分）\t服务对象满意度指标\t农户满意度\t≥90%\t96%\t50\t50\n";
    let got: Vec<String> = read_text(text)
        .indicators
        .iter()
        .map(|i| format!("{} {}/{}/{}", i.line, i.level1, i.level2, i.level3))
        .collect();
    assert_eq!(got, ["5 产出指标/数量指标/建设面积", "6 满意度指标/服务对象满意度指标/农户满意度"]);
}
