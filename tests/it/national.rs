//! The national templates of the performance tables, as other provinces
//! print them (项目支出绩效自评表, the 项目支出绩效目标表 card, the
//! 部门整体支出绩效目标表, 绩效评价指标体系), written by hand: each fixture
//! holds a printing that was misread, with its complete expected facts or
//! indicators.

use crate::indicators::{indicator_line, lines};
use crate::*;
use budgetlake::model::Severity;
use budgetlake::pipeline::Extract;

/// Each indicator as `line 一级/二级/三级`.
fn levels(x: &Extract) -> Vec<String> {
    x.indicators.iter().map(|i| format!("{} {}/{}/{}", i.line, i.level1, i.level2, i.level3)).collect()
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
    let got = levels(&read_text(text));
    assert_eq!(got, ["5 产出指标/数量指标/建设面积", "6 满意度指标/服务对象满意度指标/农户满意度"]);
}

/// Level names printed without 指标, one a row (`产出` / `效果`, `数量` /
/// `质量`), as older frameworks name them: taken for one name wrapped over
/// rows, they had been run into `数量质量经济效益影响力指标`, and 效果 lost.
/// Names wrapped over rows still join (seed 002 `人员 | 2` / `管理`, seed
/// 003 `社会公众或服务对` / `象满意度指标`: their goldens pin them).
#[test]
fn short_level_names_a_row_each_stay_apart() {
    let text = "某某局2023年度项目支出绩效自评报告\n项目支出绩效自评表\n项目名称\t农田建设\n\
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
\t产出\t数量\t建设面积\t≥1万亩\t1.05万亩\t30\t30\n\t\t质量\t验收合格率\t100%\t100%\t20\t20\n\
\t效果\t经济效益\t亩均增产\t≥50公斤\t55公斤\t20\t20\n\t影响力指标\t可持续影响指标\t管护机制\t健全\t健全\t10\t10\n";
    let got = levels(&read_text(text));
    let want = [
        "5 产出/数量/建设面积",
        "6 产出/质量/验收合格率",
        "7 效果/经济效益/亩均增产",
        "8 影响力指标/可持续影响指标/管护机制",
    ];
    assert_eq!(got, want);
}

/// A template's own 二级 names, neither known nor ending in 指标
/// (`长效管理`, `社会影响`), printed in their column: each had been read as
/// the start of the 三级 name (`长效管理管护机制`), or skipped to the
/// label column on the left, and the row took the 二级 (and 一级) of the
/// rows above — a wrong indicator.
#[test]
fn a_templates_own_level2_names_printed_in_their_column_are_read() {
    let text = "某某局2023年度项目支出绩效自评报告\n项目支出绩效自评表\n项目名称\t农田建设\n\
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
\t产出指标\t数量指标\t建设面积\t≥1万亩\t1.05万亩\t30\t30\n\
\t效益指标\t长效管理\t管护机制\t健全\t健全\t10\t10\n\
\t\t社会影响\t群众知晓率\t≥90%\t95%\t10\t10\n\t\t\t项目公示\t公示\t已公示\t10\t10\n\
\t满意度指标\t服务对象满意度指标\t农户满意度\t≥90%\t96%\t20\t20\n";
    let got = levels(&read_text(text));
    let want = [
        "5 产出指标/数量指标/建设面积",
        "6 效益指标/长效管理/管护机制",
        "7 效益指标/社会影响/群众知晓率",
        "8 效益指标/社会影响/项目公示",
        "9 满意度指标/服务对象满意度指标/农户满意度",
    ];
    assert_eq!(got, want);
}

/// A header wrapping 二级指标 onto a line of its own below the others, and
/// a row whose value has no 三级 name. The lone `二级指标` was read as a 二级
/// name, carried down to the next row's merged 二级 cell; the value of a
/// row with no 三级 name was dropped without a word.
#[test]
fn a_header_word_alone_below_the_header_is_the_header() {
    let text = "某某局2023年度项目支出绩效自评报告\n项目支出绩效自评表\n项目名称\t农田建设\n\
绩效指标\t一级指标\t\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\t\t二级指标\t\t\t\t\t\n\
\t产出指标\t\t建设面积\t≥1万亩\t1.05万亩\t30\t30\n\t\t质量指标\t验收合格率\t100%\t100%\t20\t20\n\
\t满意度指标\t服务对象满意度指标\t\t≥90%\t96%\t20\t20\n";
    let x = read_text(text);
    let got = levels(&x);
    assert_eq!(got, ["6 产出指标/质量指标/建设面积", "7 产出指标/质量指标/验收合格率"]);
    let lost: Vec<(Option<u32>, &str)> = x.findings.iter().map(|f| (f.line, f.check.as_str())).collect();
    assert_eq!(lost, [(Some(8), "unreadable_indicator")]);
}
