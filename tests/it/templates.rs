//! 预算 and 决算 tables as other templates print them, written by hand:
//! each fixture holds a printing that was misread or misjudged, with its
//! complete expected facts.

use crate::indicators::{indicator_line, lines};
use crate::*;
use budgetlake::model::Severity;

/// Errors among a text's findings, as `check line`.
fn errors(x: &budgetlake::pipeline::Extract) -> Vec<String> {
    let errors = x.findings.iter().filter(|f| f.severity == Severity::Error);
    errors.map(|f| format!("{} {}", f.check, f.line.unwrap_or(0))).collect()
}

/// A 一般公共预算支出表 printing last year's budget and the change beside
/// this year's (`2023年预算数 | 2024年预算数 | 增减额 | 增减率（%）`): the
/// hierarchy check added up the rate column too, and each 类 and 款 row's
/// 10 % against its parts' 20 % was an error finding, a false alarm on a
/// correct report.
#[test]
fn a_rate_column_beside_the_years_is_kept_but_not_added_up() {
    let text = "某某市教育局2024年部门预算公开\n一般公共预算支出表\n单位：某某市教育局\t\t\t\t\t\t\t单位：万元\n\
科目编码\t科目名称\t2023年预算数\t2024年预算数\t\t\t2024年预算数比2023年预算数增减\t\n\
\t\t\t小计\t基本支出\t项目支出\t增减额\t增减率（%）\n\
\t合计\t900.00\t990.00\t700.00\t290.00\t90.00\t10.00\n\
205\t教育支出\t900.00\t990.00\t700.00\t290.00\t90.00\t10.00\n\
20502\t普通教育\t900.00\t990.00\t700.00\t290.00\t90.00\t10.00\n\
2050201\t学前教育\t400.00\t440.00\t300.00\t140.00\t40.00\t10.00\n\
2050202\t小学教育\t500.00\t550.00\t400.00\t150.00\t50.00\t10.00\n";
    let x = read_text(text);
    let got: Vec<String> = x.facts.iter().map(golden_line).collect();
    let mut want = vec![];
    let rows = [
        ("", "合计", ["900.00", "990.00", "700.00", "290.00", "90.00", "10.00"], 6),
        ("205", "教育支出", ["900.00", "990.00", "700.00", "290.00", "90.00", "10.00"], 7),
        ("20502", "普通教育", ["900.00", "990.00", "700.00", "290.00", "90.00", "10.00"], 8),
        ("2050201", "学前教育", ["400.00", "440.00", "300.00", "140.00", "40.00", "10.00"], 9),
        ("2050202", "小学教育", ["500.00", "550.00", "400.00", "150.00", "50.00", "10.00"], 10),
    ];
    let change = "2024年预算数比2023年预算数增减";
    let columns =
        ["2023年预算数", "总计", "基本支出", "项目支出", &format!("{change}/增减额"), &format!("{change}/增减率(%)")];
    for (code, item, amounts, line) in rows {
        for (column, amount) in columns.iter().zip(amounts) {
            want.push(format!("budget.gpb_expenditure\t\t{code}\t{item}\t{column}\t{amount}\t{line}"));
        }
    }
    assert_lines("facts", &want, &got);
    assert_eq!(errors(&x), Vec::<String>::new());
    assert_eq!(x.validation.counts.failed, 0);
}

/// A 项目支出绩效目标表 naming each project's sub-unit before it and its
/// 年度目标 after its money (`单位名称 | 项目名称 | 项目金额 | 年度目标 | 一级指标
/// | … | 指标性质 | 指标值 | 度量单位`). The first row of each project fitted
/// no reading: its money and first indicator were lost, and the indicators
/// below it had no project. Roles the header does not print had also taken
/// a column each, pushing the columns after them right of where rows print
/// them.
#[test]
fn targets_naming_each_projects_unit_and_year_goal_are_read() {
    let text = "某某市水利局2024年部门预算\n项目支出绩效目标表\n单位：万元\n\
单位名称\t项目名称\t项目金额\t年度目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\n\
某某市水利局\t河道清淤工程\t300.00\t完成河道清淤20公里\t产出指标\t数量指标\t清淤长度\t≥\t20\t公里\n\
\t\t\t\t\t质量指标\t验收合格率\t＝\t100\t%\n\
\t\t\t\t效益指标\t生态效益指标\t河道水质\t定性\t改善\t\n\
某某市水利局\t水文监测运维\t50.00\t保障水文站正常运行\t产出指标\t数量指标\t监测站点数\t＝\t12\t个\n";
    let x = read_text(text);
    let facts: Vec<String> = x.facts.iter().map(golden_line).collect();
    let want = lines(
        "budget.project_targets\t\t\t河道清淤工程\t资金总额\t300.00\t5
budget.project_targets\t\t\t水文监测运维\t资金总额\t50.00\t8",
    );
    assert_lines("facts", &want, &facts);
    let got: Vec<String> = x.indicators.iter().map(indicator_line).collect();
    let want = lines(
        "5\tbudget.project_targets\t河道清淤工程\t产出指标\t数量指标\t清淤长度\t20\t20\t≥\t公里\t\t\t\t
6\tbudget.project_targets\t河道清淤工程\t产出指标\t质量指标\t验收合格率\t100\t100\t=\t%\t\t\t\t
7\tbudget.project_targets\t河道清淤工程\t效益指标\t生态效益指标\t河道水质\t改善\t\t定性\t\t\t\t\t
8\tbudget.project_targets\t水文监测运维\t产出指标\t数量指标\t监测站点数\t12\t12\t=\t个\t\t\t\t",
    );
    assert_lines("indicators", &want, &got);
    assert!(x.findings.is_empty(), "{:?}", x.findings);
}

/// A 政府采购预算表 printing each purchase's quantity before its measure
/// word and amounts (`数量 | 计量单位 | 合计`): 数量 was a row-number word,
/// so its column was dropped without a word. A quantity is a fact, kept as
/// printed in a table in 元, and it does not end the row's names.
#[test]
fn quantities_bought_are_facts_as_printed() {
    let text = "某某市教育局2024年部门预算\n政府采购预算表\n单位：元\n\
项目名称\t采购品目\t数量\t计量单位\t合计\t一般公共预算\n\
学校设备购置\t台式计算机\t50\t台\t250,000.00\t250,000.00\n\
物业管理\t物业管理服务\t1\t项\t300,000.00\t300,000.00\n\
合计\t\t\t\t550,000.00\t550,000.00\n";
    let x = read_text(text);
    let got: Vec<String> =
        x.facts.iter().map(|f| format!("{} {} {} {}", f.line, f.item, f.column, f.amount())).collect();
    let want = [
        "5 学校设备购置/台式计算机/台 数量 50",
        "5 学校设备购置/台式计算机/台 合计 25",
        "5 学校设备购置/台式计算机/台 一般公共预算 25",
        "6 物业管理/物业管理服务/项 数量 1",
        "6 物业管理/物业管理服务/项 合计 30",
        "6 物业管理/物业管理服务/项 一般公共预算 30",
        "7 合计 合计 55",
        "7 合计 一般公共预算 55",
    ];
    assert_eq!(got, want);
}

/// The national 决算 template since 2021 prints 公开05表 as
/// 一般公共预算财政拨款收入支出决算表 and 公开08表 as
/// 国有资本经营预算财政拨款收入支出决算表, with 年初结转和结余, 本年收入 and
/// 年末结转和结余 around 本年支出 (小计, 基本支出, 项目支出). The first was an
/// `other` table: no check ran and its 本年支出 columns were not the
/// catalog's; the second warned of three unknown columns.
#[test]
fn the_2021_balance_tables_are_the_catalogs() {
    let tables = [
        ("一般公共预算财政拨款收入支出决算表", "final.gpb_expenditure", "小计"),
        ("国有资本经营预算财政拨款收入支出决算表", "final.soe_capital", "合计"),
    ];
    for (title, table, total) in tables {
        let text = format!(
            "某某市教育局2023年度部门决算\n{title}\n部门：某某市教育局\t\t\t\t\t\t\t单位：万元\n\
项目\t\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余\n\
功能分类科目编码\t科目名称\t\t\t小计\t基本支出\t项目支出\t\n栏次\t\t1\t2\t3\t4\t5\t6\n\
\t合计\t10.00\t1,000.00\t990.00\t700.00\t290.00\t20.00\n\
205\t教育支出\t10.00\t1,000.00\t990.00\t700.00\t290.00\t20.00\n"
        );
        let x = read_text(&text);
        let got: Vec<String> = x.facts.iter().map(golden_line).collect();
        let columns = ["年初结转和结余", "本年收入", total, "基本支出", "项目支出", "年末结转和结余"];
        let amounts = ["10.00", "1,000.00", "990.00", "700.00", "290.00", "20.00"];
        let mut want = vec![];
        for (code, item, line) in [("", "合计", 7), ("205", "教育支出", 8)] {
            for (column, amount) in columns.iter().zip(amounts) {
                want.push(format!("{table}\t\t{code}\t{item}\t{column}\t{amount}\t{line}"));
            }
        }
        assert_lines(title, &want, &got);
        assert!(x.findings.iter().all(|f| f.severity == Severity::Info), "{title}: {:?}", x.findings);
        assert_eq!(x.validation.counts.failed, 0, "{title}");
    }
}

/// A report printing a table twice: in its text and again in its appendix,
/// or as the 部门 table and again as a 单位's. The second printing's rows
/// had been joined to the first's as its next page, so each amount of a
/// repeated table was two facts, and sums over the table counted it twice;
/// a 单位's printing, with other numbers, made the hierarchy check add the
/// two printings' rows up (three false errors). Now a reprint is written
/// once, and a 单位's printing carries the unit its preamble names.
#[test]
fn a_table_printed_twice_is_written_once_or_flagged() {
    let table = |unit: &str, total: &str, basic: &str, project: &str| {
        format!(
            "一般公共预算支出表\n单位：{unit}\t单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
\t合计\t{total}\t{basic}\t{project}\n205\t教育支出\t{total}\t{basic}\t{project}\n"
        )
    };
    let head = "某某市教育局2024年部门预算\n";
    let department = table("某某市教育局", "100.00", "60.00", "40.00");
    let again = format!("{head}{department}第三部分 附表\n{department}");
    let x = read_text(&again);
    let got: Vec<String> = x.facts.iter().map(golden_line).collect();
    let want = lines(
        "budget.gpb_expenditure\t\t\t合计\t总计\t100.00\t5
budget.gpb_expenditure\t\t\t合计\t基本支出\t60.00\t5
budget.gpb_expenditure\t\t\t合计\t项目支出\t40.00\t5
budget.gpb_expenditure\t\t205\t教育支出\t总计\t100.00\t6
budget.gpb_expenditure\t\t205\t教育支出\t基本支出\t60.00\t6
budget.gpb_expenditure\t\t205\t教育支出\t项目支出\t40.00\t6",
    );
    assert_lines("a table printed again", &want, &got);
    let checks: Vec<(&str, Option<u32>)> = x.findings.iter().map(|f| (f.check.as_str(), f.line)).collect();
    assert_eq!(checks, [("table_reprinted", Some(8))]);

    let unit = format!("{head}{department}{}", table("某某市第一中学", "70.00", "50.00", "20.00"));
    let x = read_text(&unit);
    let school = |f: &&budgetlake::model::Fact| f.unit.as_deref() == Some("某某市第一中学");
    let amounts: Vec<String> =
        x.facts.iter().filter(school).map(|f| format!("{} {} {}", f.line, f.column, f.amount_text)).collect();
    let want = ["10 总计 70.00", "10 基本支出 50.00", "10 项目支出 20.00", "11 总计 70.00", "11 基本支出 50.00"];
    assert_eq!(amounts, [&want[..], &["11 项目支出 20.00"]].concat());
    assert_eq!(
        x.facts.iter().filter(|f| f.unit.is_none()).count(),
        6,
        "the 部门's own printing keeps the report's unit"
    );
    let checks: Vec<(&str, Option<u32>)> = x.findings.iter().map(|f| (f.check.as_str(), f.line)).collect();
    assert_eq!(checks, [("table_printed_again", Some(7))]);
    assert_eq!(x.validation.counts.failed, 0);
}

/// A table's next page marked `接上表` (or 续上表, 接上页 …) instead of 续表:
/// the mark was prose, so it titled an `other` table of the page's rows, the
/// table lost them, and its 合计 no longer added up (three false errors).
#[test]
fn a_next_page_marked_jie_shang_biao_stays_in_its_table() {
    let text = "某某市教育局2024年部门预算\n一般公共预算支出表\n单位：万元\n\
科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t300.00\t200.00\t100.00\n\
205\t教育支出\t100.00\t60.00\t40.00\n- 5 -\n接上表\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
208\t社会保障和就业支出\t200.00\t140.00\t60.00\n";
    let x = read_text(text);
    let got: Vec<String> = x.facts.iter().map(golden_line).collect();
    let mut want = vec![];
    for (code, item, amounts, line) in [
        ("", "合计", ["300.00", "200.00", "100.00"], 5),
        ("205", "教育支出", ["100.00", "60.00", "40.00"], 6),
        ("208", "社会保障和就业支出", ["200.00", "140.00", "60.00"], 10),
    ] {
        for (column, amount) in ["总计", "基本支出", "项目支出"].iter().zip(amounts) {
            want.push(format!("budget.gpb_expenditure\t\t{code}\t{item}\t{column}\t{amount}\t{line}"));
        }
    }
    assert_lines("facts", &want, &got);
    assert!(x.findings.is_empty(), "{:?}", x.findings);
}

/// A title wrapped over two lines (`一般公共预算“三公”经费` / `支出表`,
/// `部门收支` / `总表`). The second line alone named another table or none:
/// `支出表` is a title of the 部门支出总表, so the 三公 table's amounts were
/// read by position under that table's columns (合计 10.00 as 总计, and a
/// false row_sum error) — wrong facts, not missing ones.
#[test]
fn a_title_wrapped_over_two_lines_names_its_table() {
    let text = "某某市教育局2024年部门预算\n一般公共预算“三公”经费\n支出表\n单位：万元\n\
合计\t因公出国（境）费\t公务接待费\t公务用车购置及运行费\t\t\n\t\t\t小计\t公务用车购置\t公务用车运行费\n\
10.00\t2.00\t3.00\t5.00\t0.00\t5.00\n";
    let x = read_text(text);
    let got: Vec<String> = x.facts.iter().map(golden_line).collect();
    let car = "公务用车购置及运行费";
    let want = lines(&format!(
        "budget.three_public\t\t\t合计\t小计\t10.00\t7
budget.three_public\t\t\t合计\t因公出国(境)费\t2.00\t7
budget.three_public\t\t\t合计\t公务接待费\t3.00\t7
budget.three_public\t\t\t合计\t{car}\t5.00\t7
budget.three_public\t\t\t合计\t{car}/公务用车购置\t0.00\t7
budget.three_public\t\t\t合计\t{car}/公务用车运行费\t5.00\t7"
    ));
    assert_lines("facts", &want, &got);
    assert!(x.findings.is_empty(), "{:?}", x.findings);
    let summary =
        "某某市教育局2024年部门预算\n部门收支\n总表\n单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n\
一般公共预算拨款收入\t100.00\t教育支出\t100.00\n本年收入合计\t100.00\t本年支出合计\t100.00\n";
    assert_eq!(read_text(summary).tables, ["budget.summary"]);
}

/// A subtitle on the line below a title (`（按功能分类科目）`): read as prose,
/// it ended the table before its first row, so the whole table became an
/// `other` table titled by the subtitle. Now the table is the one title and
/// subtitle name together on one line.
#[test]
fn a_subtitle_below_the_title_names_the_table_with_it() {
    let table = |subtitle: &str| {
        let text = format!(
            "某某市教育局2024年部门预算\n一般公共预算支出表\n{subtitle}\n单位：万元\n\
科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t300.00\t200.00\t100.00\n205\t教育支出\t300.00\t200.00\t100.00\n"
        );
        let x = read_text(&text);
        (x.tables.clone(), x.facts.len())
    };
    assert_eq!(table("（按功能分类科目）"), (vec!["budget.gpb_expenditure".to_string()], 6));
    assert_eq!(table("按支出功能分类科目"), (vec!["budget.gpb_expenditure".to_string()], 6));
    // As on one line, the table by economic class is outside the catalog.
    assert_eq!(table("（按经济分类科目）"), (vec!["other".to_string()], 6));
}
