//! One small fixture per extraction quirk, each with its complete expected
//! facts: what the seeds show once, pinned so it never regresses.

use crate::*;

/// (table, section, code, item, column, amount_text, line, amount) of every fact.
fn facts(text: &str) -> Vec<String> {
    read_text(text).facts.iter().map(|f| format!("{}\t{}", golden_line(f), f.amount())).collect()
}

fn lines(rows: &[&str]) -> Vec<String> {
    rows.iter().map(|r| r.to_string()).collect()
}

const HEAD: &str = "2023年度某单位部门决算\n";

#[test]
fn yuan_tables_are_converted_to_wanyuan_per_table() {
    let text = format!(
        "{HEAD}一般公共预算财政拨款支出决算表\n单位：元\n科目编码\t科目名称\t小计\t基本支出\t项目支出\n栏次\t\t1\t2\t3\n205\t教育支出\t12,345.00\t12,345.00\t0\n"
    );
    assert_lines(
        "yuan",
        &lines(&[
            "final.gpb_expenditure\t\t205\t教育支出\t小计\t12,345.00\t6\t1.2345",
            "final.gpb_expenditure\t\t205\t教育支出\t基本支出\t12,345.00\t6\t1.2345",
            "final.gpb_expenditure\t\t205\t教育支出\t项目支出\t0\t6\t0",
        ]),
        &facts(&text),
    );
}

#[test]
fn a_money_unit_after_the_unit_on_one_line_is_read() {
    // `编制单位：某单位 金额单位：元`: only the first `单位：` was asked, so the
    // table in 元 was read as the report's 万元, ten thousand times too large.
    let text = format!(
        "{HEAD}收入决算表\n单位：万元\n科目编码\t科目名称\t本年收入合计\n205\t教育支出\t1.23\n\n\
         支出决算表\n编制单位：某单位    金额单位：元\n科目编码\t科目名称\t本年支出合计\t基本支出\n\
         205\t教育支出\t12,300.00\t12,300.00\n"
    );
    assert_lines(
        "money unit after the unit",
        &lines(&[
            "final.income\t\t205\t教育支出\t本年收入合计\t1.23\t5\t1.23",
            "final.expenditure\t\t205\t教育支出\t本年支出合计\t12,300.00\t10\t1.23",
            "final.expenditure\t\t205\t教育支出\t基本支出\t12,300.00\t10\t1.23",
        ]),
        &facts(&text),
    );
    assert_eq!(read_text(&text).detected.unit.as_deref(), Some("某单位"));
}

#[test]
fn three_public_tables_printing_budget_and_final_as_rows_take_the_catalog_columns() {
    // `预算数 | 10.00 | …` and `决算数 | 9.00 | …` under the items' headers:
    // read as printed, both rows' facts sat under 合计, 公务接待费 … with
    // no 预算数 or 决算数 in any column, and no check ran.
    let text = format!(
        "{HEAD}财政拨款“三公”经费支出决算表\n单位：万元\n\
         项目\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\n\
         \t\t\t小计\t公务用车购置费\t公务用车运行维护费\t\n\
         预算数\t10.00\t0.00\t8.00\t0.00\t8.00\t2.00\n2023年决算数\t9.00\t0.00\t7.50\t0.00\t7.50\t1.50\n"
    );
    let car = "公务用车购置及运行维护费";
    let want = lines(&[
        "final.three_public\t\t\t合计\t预算数/合计\t10.00\t6\t10",
        "final.three_public\t\t\t合计\t预算数/因公出国(境)费\t0.00\t6\t0",
        &format!("final.three_public\t\t\t合计\t预算数/{car}/小计\t8.00\t6\t8"),
        &format!("final.three_public\t\t\t合计\t预算数/{car}/公务用车购置费\t0.00\t6\t0"),
        &format!("final.three_public\t\t\t合计\t预算数/{car}/公务用车运行维护费\t8.00\t6\t8"),
        "final.three_public\t\t\t合计\t预算数/公务接待费\t2.00\t6\t2",
        "final.three_public\t\t\t合计\t决算数/合计\t9.00\t7\t9",
        "final.three_public\t\t\t合计\t决算数/因公出国(境)费\t0.00\t7\t0",
        &format!("final.three_public\t\t\t合计\t决算数/{car}/小计\t7.50\t7\t7.5"),
        &format!("final.three_public\t\t\t合计\t决算数/{car}/公务用车购置费\t0.00\t7\t0"),
        &format!("final.three_public\t\t\t合计\t决算数/{car}/公务用车运行维护费\t7.50\t7\t7.5"),
        "final.three_public\t\t\t合计\t决算数/公务接待费\t1.50\t7\t1.5",
    ]);
    assert_lines("三公 by row prefix", &want, &facts(&text));
    let read = read_text(&text);
    let checks: Vec<&str> = read.findings.iter().map(|f| f.check.as_str()).collect();
    assert_eq!(checks, ["transposed_table"]);
    assert_eq!((read.validation.counts.passed, read.validation.counts.failed), (4, 0));
}

#[test]
fn codes_in_brackets_before_their_names_are_codes() {
    // `[2010301]行政运行` in the one 功能科目 column: kept as labels, the rows
    // had no codes and their table no hierarchy check.
    let text = "2023年某单位部门预算\n一般公共预算支出表\n单位：万元\n功能科目\t合计\t基本支出\n\
                [201]一般公共服务支出\t5.00\t5.00\n【20103】政府办公厅（室）及相关机构事务\t5.00\t5.00\n\
                [2010301]行政运行\t5.00\t5.00\n";
    let read = read_text(text);
    let coded: Vec<(Option<&str>, &str)> =
        read.facts.iter().map(|f| (f.code.as_deref(), f.item.as_str())).step_by(2).collect();
    assert_eq!(
        coded,
        [
            (Some("201"), "一般公共服务支出"),
            (Some("20103"), "政府办公厅(室)及相关机构事务"),
            (Some("2010301"), "行政运行")
        ]
    );
}

#[test]
fn three_public_tables_printed_transposed_take_the_catalog_columns() {
    // Items down the page, years or 预算数 | 决算数 across: read as printed,
    // every fact sat under a column the catalog lacks. Each keeps its line.
    let budget = "2025年某单位部门预算\n一般公共预算“三公”经费支出表\n单位：万元\n项目\t2024年预算数\t2025年预算数\n\
                  合计\t10.00\t9.00\n1、因公出国（境）费\t0.00\t0.00\n2、公务接待费\t2.00\t1.00\n\
                  3、公务用车购置及运行费\t8.00\t8.00\n其中：（1）公务用车购置费\t0.00\t0.00\n（2）公务用车运行费\t8.00\t8.00\n";
    let want = lines(&[
        "budget.three_public\t\t\t合计\t2024年预算数/合计\t10.00\t5\t10",
        "budget.three_public\t\t\t合计\t小计\t9.00\t5\t9",
        "budget.three_public\t\t\t合计\t2024年预算数/因公出国(境)费\t0.00\t6\t0",
        "budget.three_public\t\t\t合计\t因公出国(境)费\t0.00\t6\t0",
        "budget.three_public\t\t\t合计\t2024年预算数/公务接待费\t2.00\t7\t2",
        "budget.three_public\t\t\t合计\t公务接待费\t1.00\t7\t1",
        "budget.three_public\t\t\t合计\t2024年预算数/公务用车购置及运行费\t8.00\t8\t8",
        "budget.three_public\t\t\t合计\t公务用车购置及运行费\t8.00\t8\t8",
        "budget.three_public\t\t\t合计\t2024年预算数/公务用车购置费\t0.00\t9\t0",
        "budget.three_public\t\t\t合计\t公务用车购置及运行费/公务用车购置\t0.00\t9\t0",
        "budget.three_public\t\t\t合计\t2024年预算数/公务用车运行费\t8.00\t10\t8",
        "budget.three_public\t\t\t合计\t公务用车购置及运行费/公务用车运行费\t8.00\t10\t8",
    ]);
    assert_lines("transposed budget 三公", &want, &facts(budget));
    let read = read_text(budget);
    let checks: Vec<&str> = read.findings.iter().map(|f| f.check.as_str()).collect();
    assert_eq!(checks, ["transposed_table", "unknown_column"], "2024年 columns are a comparison");
    let counts = &read.validation.counts;
    assert_eq!((counts.passed, counts.failed), (2, 0), "its row sums are checked");
    let fin = format!(
        "{HEAD}财政拨款“三公”经费支出决算表\n单位：万元\n项目\t预算数\t决算数\n合计\t10.00\t9.00\n\
         因公出国（境）费\t0.00\t0.00\n公务用车购置及运行维护费\t8.00\t8.00\n其中：公务用车购置费\t0.00\t0.00\n\
         公务用车运行维护费\t8.00\t8.00\n公务接待费\t2.00\t1.00\n"
    );
    let columns = |text: &str| -> Vec<String> {
        read_text(text).facts.iter().map(|f| format!("{} {}", f.column, f.amount_text)).collect()
    };
    let want = [
        "预算数/合计 10.00",
        "决算数/合计 9.00",
        "预算数/因公出国(境)费 0.00",
        "决算数/因公出国(境)费 0.00",
        "预算数/公务用车购置及运行维护费/小计 8.00",
        "决算数/公务用车购置及运行维护费/小计 8.00",
        "预算数/公务用车购置及运行维护费/公务用车购置费 0.00",
        "决算数/公务用车购置及运行维护费/公务用车购置费 0.00",
        "预算数/公务用车购置及运行维护费/公务用车运行维护费 8.00",
        "决算数/公务用车购置及运行维护费/公务用车运行维护费 8.00",
        "预算数/公务接待费 2.00",
        "决算数/公务接待费 1.00",
    ];
    assert_eq!(columns(&fin), want);
    // The same with the year on each column: `2023年预算数 | 2023年决算数`.
    assert_eq!(columns(&fin.replace("\t预算数\t决算数", "\t2023年预算数\t2023年决算数")), want);
}

#[test]
fn side_by_side_tables_printed_as_one_block_keep_their_sections() {
    // 收入 above 支出 in one column of amounts, totals closing each block;
    // 人员经费 above 公用经费, totals opening each. Read as one part, every
    // row had gone to the first section: expenditure as 收入.
    let text = format!(
        "{HEAD}收入支出决算总表\n单位：万元\n项目\t金额\n一、财政拨款收入\t100.00\n二、事业收入\t20.00\n\
         本年收入合计\t120.00\n一、一般公共服务支出\t70.00\n二、教育支出\t50.00\n本年支出合计\t120.00\n注：无\n\
         一般公共预算财政拨款基本支出决算表\n单位：万元\n科目编码\t科目名称\t决算数\n\t人员经费合计\t3.00\n\
         301\t工资福利支出\t3.00\n\t公用经费合计\t2.00\n302\t商品和服务支出\t2.00\n"
    );
    let sections: Vec<String> = read_text(&text)
        .facts
        .iter()
        .map(|f| format!("{} {} {}", f.table, f.section.as_deref().unwrap_or(""), f.item))
        .collect();
    let want = [
        "final.summary 收入 财政拨款收入",
        "final.summary 收入 事业收入",
        "final.summary 收入 本年收入合计",
        "final.summary 支出 一般公共服务支出",
        "final.summary 支出 教育支出",
        "final.summary 支出 本年支出合计",
        "final.gpb_basic_expenditure 人员经费 人员经费合计",
        "final.gpb_basic_expenditure 人员经费 工资福利支出",
        "final.gpb_basic_expenditure 公用经费 公用经费合计",
        "final.gpb_basic_expenditure 公用经费 商品和服务支出",
    ];
    assert_eq!(sections, want);
}

#[test]
fn quantities_in_a_table_in_yuan_stay_as_printed() {
    // A 基础数据表 under `单位：元`: its 编制数 and 在职人数 count people,
    // and had been divided by 10,000 like its money (20 人 as 0.002); so
    // had its vehicles and its floor area.
    let text = format!(
        "{HEAD}基础数据表\n单位：元\n人员情况\t编制数\t在职人数\t公务用车数量（辆）\t房屋面积（平方米）\n\t20\t17\t3\t1,250.50\n\
         经费情况\t2022年决算数\t2023年预算数\t2023年决算数\n三公经费\t1900.00\t10000.00\t2100.00\n"
    );
    assert_lines(
        "quantities",
        &lines(&[
            "other\t\t\t合计\t编制数\t20\t5\t20",
            "other\t\t\t合计\t在职人数\t17\t5\t17",
            "other\t\t\t合计\t公务用车数量(辆)\t3\t5\t3",
            "other\t\t\t合计\t房屋面积(平方米)\t1,250.50\t5\t1250.5",
            "other\t\t\t三公经费\t2022年决算数\t1900.00\t7\t0.19",
            "other\t\t\t三公经费\t2023年预算数\t10000.00\t7\t1",
            "other\t\t\t三公经费\t2023年决算数\t2100.00\t7\t0.21",
        ]),
        &facts(&text),
    );
}

#[test]
fn tables_in_different_money_units_agree_within_the_rounding_of_the_coarser() {
    // The summary in 万元 prints 1.23 for the income table's 12,345.00 元:
    // the same amount, rounded in the conversion. Compared as printed,
    // 12345 against 1.23, the cross-table check had reported an error.
    let text = format!(
        "{HEAD}收入支出决算总表\n单位：万元\n收入\t\t支出\t\n项目\t金额\t项目\t金额\n一、财政拨款收入\t1.23\t一、教育支出\t1.23\n\
         本年收入合计\t1.23\t本年支出合计\t1.23\n注：无\n收入决算表\n单位：元\n科目编码\t科目名称\t本年收入合计\t财政拨款收入\n\
         合计\t\t12,345.00\t12,345.00\n205\t教育支出\t12,345.00\t12,345.00\n"
    );
    let x = read_text(&text);
    let cross: Vec<&str> = x.findings.iter().filter(|f| f.check == "cross_table").map(|f| f.message.as_str()).collect();
    assert!(cross.is_empty(), "{cross:?}");
    // 12,355.00 元 rounds to 1.24 万元, not 1.23: still reported.
    let off = text.replace("12,345.00\t12,345.00\n205", "12,355.00\t12,355.00\n205");
    let x = read_text(&off);
    assert!(x.findings.iter().any(|f| f.check == "cross_table" && f.message.contains("12,355.00")));
}

#[test]
fn full_width_digits_negatives_dashes_and_split_points() {
    let text = format!(
        "{HEAD}二、收入决算表（表 2）\n单位：万元\n项目\t\t本年收入合计\t财政拨款收入\t其他收入\n科目代码\t科目名称\t\t\t\n栏次\t\t1\t2\t3\n205\t教育支出\t１２.５０\t13. 00\t-0.50\n20501\t教育管理事务\t—\t-\t\n"
    );
    assert_lines(
        "digits",
        &lines(&[
            "final.income\t\t205\t教育支出\t本年收入合计\t１２.５０\t7\t12.5",
            "final.income\t\t205\t教育支出\t财政拨款收入\t13. 00\t7\t13",
            "final.income\t\t205\t教育支出\t其他收入\t-0.50\t7\t-0.5",
        ]),
        &facts(&text),
    );
}

#[test]
fn split_codes_with_blank_class_take_the_class_above() {
    let text = format!(
        "{HEAD}一般公共预算财政拨款支出决算表\n单位：万元\n类\t款\t项\t科目名称\t小计\t基本支出\t项目支出\n**\t**\t**\t**\t1\t2\t3\n205\t\t\t教育支出\t1.00\t1.00\t\n\t01\t\t教育管理事务\t1.00\t1.00\t\n205\t01\t01\t行政运行\t1.00\t1.00\t\n"
    );
    let got: Vec<String> = facts(&text).into_iter().filter(|f| f.contains("\t小计\t")).collect();
    assert_lines(
        "split codes",
        &lines(&[
            "final.gpb_expenditure\t\t205\t教育支出\t小计\t1.00\t6\t1",
            "final.gpb_expenditure\t\t20501\t教育管理事务\t小计\t1.00\t7\t1",
            "final.gpb_expenditure\t\t2050101\t行政运行\t小计\t1.00\t8\t1",
        ]),
        &got,
    );
}

#[test]
fn a_lone_unlabelled_row_is_the_total() {
    let text = format!(
        "{HEAD}财政拨款“三公”经费支出决算表\n单位：万元\n预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\n\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t\n1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n1.00\t\t\t\t\t1.00\t0.21\t\t\t\t\t0.21\n"
    );
    assert_lines(
        "three public",
        &lines(&[
            "final.three_public\t\t\t合计\t预算数/合计\t1.00\t8\t1",
            "final.three_public\t\t\t合计\t预算数/公务接待费\t1.00\t8\t1",
            "final.three_public\t\t\t合计\t决算数/合计\t0.21\t8\t0.21",
            "final.three_public\t\t\t合计\t决算数/公务接待费\t0.21\t8\t0.21",
        ]),
        &facts(&text),
    );
}

#[test]
fn appendix_tables_are_kept_as_other() {
    let text = format!(
        "{HEAD}注：以上为附表。\n项目支出明细\n序号\t指标摘要\t支出金额(万元)\n1\t信息网络及安全软件购置\t20.52\n"
    );
    assert_lines("other", &lines(&["other\t\t\t信息网络及安全软件购置\t支出金额\t20.52\t5\t20.52"]), &facts(&text));
}

#[test]
fn a_header_restated_under_a_row_of_numbers_names_the_rows_below_it() {
    // seed 000's 部门整体支出绩效评价基础数据表 (lines 817-840): staff counts
    // under their header, then money under 经费控制情况's own, then words.
    let text = format!(
        "{HEAD}基础数据表\n财政供养人员情况\t编制数\t\t实际在职人数\t\t控制率\t\n\t20\t\t17\t\t85.00%\t\n\
         经费控制情况（万元）\t2022 年决算数\t\t2023 年预算数\t\n三公经费\t0.19\t\t1.00\t\n\
         楼堂馆所控制情况\t批复规模\t实际规模\t规模控制率\t\n厉行节约保障措施\t严格执行中央八项规定\n"
    );
    assert_lines(
        "other",
        &lines(&[
            "other\t\t\t合计\t编制数\t20\t4\t20",
            "other\t\t\t合计\t实际在职人数\t17\t4\t17",
            "other\t\t\t三公经费\t2022年决算数\t0.19\t6\t0.19",
            "other\t\t\t三公经费\t2023年预算数\t1.00\t6\t1",
        ]),
        &facts(&text),
    );
}

#[test]
fn headers_centred_over_their_span_name_the_cells_one_column_left() {
    // jsgy 公开12表: each header word sits in the middle column of its span,
    // the names and the amount in the first; read by position, every name
    // column became an empty value column and the rows' items lost their names.
    let text = format!(
        "{HEAD}注：以上。\n政府采购支出预算表\n\t\t\t专项名称\t\t\t采购物品名称\t\t\t总计\t\n\
         合计\t\t\t\t\t\t\t\t77.00\t\t\t\n\t\t信息网络建设费\t\t\tPC服务器\t\t\t68.00\t\t\t\n\
         \t\t\t\t\t台式计算机\t\t\t9.00\t\t\t\n"
    );
    assert_lines(
        "centred headers",
        &lines(&[
            "other\t\t\t合计\t总计\t77.00\t5\t77",
            "other\t\t\t信息网络建设费/PC服务器\t总计\t68.00\t6\t68",
            "other\t\t\t台式计算机\t总计\t9.00\t7\t9",
        ]),
        &facts(&text),
    );
}

#[test]
fn titles_worded_with_fillers_name_their_catalog_tables() {
    // The 2023 national template drops 总 (收入支出决算表, 财政拨款收入支出决算表);
    // other templates add 部门 or 总体情况 (部门收入决算表, 收入决算总表).
    let text = format!(
        "{HEAD}公开01表 收入支出决算表\n单位：万元\n项目\t金额\n本年收入合计\t1.00\n注：无\n\
         部门收入决算总表\n单位：万元\n科目编码\t科目名称\t本年收入合计\n205\t教育支出\t1.00\n注：无\n\
         财政拨款收入支出决算总体情况表\n单位：万元\n项目\t金额\n本年收入合计\t1.00\n"
    );
    assert_lines(
        "filler titles",
        &lines(&[
            "final.summary\t收入\t\t本年收入合计\t金额\t1.00\t5\t1",
            "final.income\t\t205\t教育支出\t本年收入合计\t1.00\t10\t1",
            "final.fiscal_summary\t收入\t\t本年收入合计\t金额\t1.00\t15\t1",
        ]),
        &facts(&text),
    );
}

#[test]
fn titles_worded_by_other_provinces_name_their_catalog_tables() {
    // 部门预算收支总表 (预算 after 部门), and 云南's “三公”经费、行政参公单位机关运行经费情况表.
    let budget = "2024年某单位部门预算\n部门预算收支总表\n单位：万元\n收入\t\t支出\t\n项目\t本年预算\t项目\t本年预算\n\
                  一、财政拨款收入\t1.00\t一、教育支出\t1.00\n注：无\n\
                  部门预算支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n205\t教育支出\t1.00\t1.00\t\n";
    let fin = format!(
        "{HEAD}“三公”经费、行政参公单位机关运行经费情况表\n单位：万元\n预算数\t\n合计\t因公出国（境）费\n2.00\t2.00\n"
    );
    let want = lines(&[
        "budget.summary\t收入\t\t财政拨款收入\t本年预算\t1.00\t6\t1",
        "budget.summary\t支出\t\t教育支出\t本年预算\t1.00\t6\t1",
        "budget.expenditure\t\t205\t教育支出\t总计\t1.00\t11\t1",
        "budget.expenditure\t\t205\t教育支出\t基本支出\t1.00\t11\t1",
    ]);
    assert_lines("部门预算 titles", &want, &facts(budget));
    let want = lines(&[
        "final.three_public\t\t\t合计\t预算数/合计\t2.00\t6\t2",
        "final.three_public\t\t\t合计\t预算数/因公出国(境)费\t2.00\t6\t2",
    ]);
    assert_lines("三公 title", &want, &facts(&fin));
}

#[test]
fn titles_numbered_with_a_bare_ordinal_name_their_catalog_tables() {
    // `01 收入决算表`, `02-支出决算表`, `1-1 2023年度收入支出决算总表`: a list
    // number with no 表 around it. They were `other`, under their printed
    // titles and with none of their tables' checks.
    let text = format!(
        "{HEAD}01 收入决算表\n单位：万元\n科目编码\t科目名称\t本年收入合计\n205\t教育支出\t1.00\n注：无\n\
         02-支出决算表\n单位：万元\n科目编码\t科目名称\t本年支出合计\n205\t教育支出\t1.00\n注：无\n\
         1-1 2023年度收入支出决算总表\n单位：万元\n项目\t金额\n本年收入合计\t1.00\n"
    );
    assert_lines(
        "ordinal titles",
        &lines(&[
            "final.income\t\t205\t教育支出\t本年收入合计\t1.00\t5\t1",
            "final.expenditure\t\t205\t教育支出\t本年支出合计\t1.00\t10\t1",
            "final.summary\t收入\t\t本年收入合计\t金额\t1.00\t15\t1",
        ]),
        &facts(&text),
    );
}

#[test]
fn titles_opened_by_the_unit_and_the_year_name_their_catalog_tables() {
    // 长沙市教育局2023年部门收支总体情况表: the unit's name, the year, or both
    // before the table's name. A sentence naming a table is still no title.
    let text = format!(
        "{HEAD}某单位2023年度收入决算表\n单位：万元\n科目编码\t科目名称\t本年收入合计\n205\t教育支出\t1.00\n注：无\n\
         某单位支出决算表\n单位：万元\n科目编码\t科目名称\t本年支出合计\n205\t教育支出\t1.00\n注：无\n\
         某单位2023年度收入决算表说明如下\n项目\t金额\n合计\t2.00\n"
    );
    assert_lines(
        "unit and year titles",
        &lines(&[
            "final.income\t\t205\t教育支出\t本年收入合计\t1.00\t5\t1",
            "final.expenditure\t\t205\t教育支出\t本年支出合计\t1.00\t10\t1",
            "other\t\t\t合计\t金额\t2.00\t14\t2",
        ]),
        &facts(&text),
    );
}

#[test]
fn a_row_number_column_with_a_blank_header_is_neither_values_nor_codes() {
    // `项目 | | 金额`: the 行次 header cell printed blank, its numbers 1, 2 …
    // down the 收入 block and 4, 5 … down the 支出 block. Read as codes, every
    // row got an unreadable_code warning and the document was partial.
    let text = format!(
        "{HEAD}收入支出决算表\n单位：万元\n收入\t\t\t支出\t\t\n项目\t\t金额\t项目\t\t金额\n\
         一、财政拨款收入\t1\t3.00\t一、教育支出\t4\t3.00\n二、事业收入\t2\t0.00\t二、科学技术支出\t5\t0.00\n\
         本年收入合计\t3\t3.00\t本年支出合计\t6\t3.00\n"
    );
    let x = read_text(&text);
    let unread: Vec<String> =
        x.findings.iter().filter(|f| f.check.starts_with("unreadable")).map(|f| f.to_string()).collect();
    assert!(unread.is_empty(), "{unread:#?}");
    assert_lines(
        "blank 行次",
        &lines(&[
            "final.summary\t收入\t\t财政拨款收入\t金额\t3.00\t6\t3",
            "final.summary\t支出\t\t教育支出\t金额\t3.00\t6\t3",
            "final.summary\t收入\t\t事业收入\t金额\t0.00\t7\t0",
            "final.summary\t支出\t\t科学技术支出\t金额\t0.00\t7\t0",
            "final.summary\t收入\t\t本年收入合计\t金额\t3.00\t8\t3",
            "final.summary\t支出\t\t本年支出合计\t金额\t3.00\t8\t3",
        ]),
        &facts(&text),
    );
}

#[test]
fn a_code_and_its_name_printed_in_one_cell_are_split() {
    // `2050199 其他教育管理事务支出` or `205教育支出` in one cell, under the
    // two-column header 科目代码 | 科目名称: the rows had no code, so the
    // hierarchy and class checks had nothing to check and facts no code.
    let text = format!(
        "{HEAD}支出决算表\n单位：万元\n科目代码\t科目名称\t本年支出合计\n合计\t\t3.00\n205 教育支出\t3.00\n\
         20501教育管理事务\t3.00\n2050101 行政运行\t3.00\n"
    );
    assert_lines(
        "code and name in one cell",
        &lines(&[
            "final.expenditure\t\t\t合计\t本年支出合计\t3.00\t5\t3",
            "final.expenditure\t\t205\t教育支出\t本年支出合计\t3.00\t6\t3",
            "final.expenditure\t\t20501\t教育管理事务\t本年支出合计\t3.00\t7\t3",
            "final.expenditure\t\t2050101\t行政运行\t本年支出合计\t3.00\t8\t3",
        ]),
        &facts(&text),
    );
}

#[test]
fn a_money_unit_in_a_header_converts_its_column() {
    // No 单位 line; the headers say 元. Read as the report's 万元 the
    // amounts were ten thousand times too large.
    let text = format!(
        "{HEAD}收入决算表\n科目编码\t科目名称\t本年收入合计（元）\t财政拨款收入（万元）\n205\t教育支出\t12,300.00\t1.23\n"
    );
    assert_lines(
        "header units",
        &lines(&[
            "final.income\t\t205\t教育支出\t本年收入合计\t12,300.00\t4\t1.23",
            "final.income\t\t205\t教育支出\t财政拨款收入\t1.23\t4\t1.23",
        ]),
        &facts(&text),
    );
}

#[test]
fn amounts_printed_without_thousands_separators_read_the_same() {
    // Other templates print 1855.75 where the seeds print 1,855.75; seed 004's
    // 项目支出绩效目标表 total `合计 | 1855.75` was read as a measure unit and a weight.
    let strip = |t: &str| {
        let mut out = String::with_capacity(t.len());
        let b: Vec<char> = t.chars().collect();
        for (i, &c) in b.iter().enumerate() {
            let digits_around = i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(|d| d.is_ascii_digit());
            if !(c == ',' && digits_around) {
                out.push(c);
            }
        }
        out
    };
    for id in ["000", "003", "004"] {
        let text = std::fs::read_to_string(sample(id)).unwrap();
        let key = |rows: Vec<String>| -> Vec<String> {
            // amount_text differs by the separators; everything else must not.
            let mut v: Vec<String> = rows.iter().map(|r| strip(r)).collect();
            v.sort();
            v
        };
        assert_lines(id, &key(facts(&text)), &key(facts(&strip(&text))));
    }
}

#[test]
fn a_budget_summary_closed_by_its_grand_total_alone_is_summed_to_it() {
    // 上海's 财务收支预算总表 prints 支出总计 right under the classes, with no
    // 本年支出合计: the classes must add up to it, and a misprinted class is an error.
    let summary = |first: &str| {
        format!(
            "2025年某单位部门预算\n2025年部门财务收支预算总表\n单位：万元\n本年收入\t\t本年支出\t\n项目\t预算数\t项目\t预算数\n一、财政拨款收入\t30.00\t一、一般公共服务支出\t{first}\n二、事业收入\t\t二、教育支出\t20.00\n收入总计\t30.00\t支出总计\t30.00\n"
        )
    };
    let column_sums = |text: &str| {
        let x = read_text(text);
        let skipped: Vec<String> = x
            .findings
            .iter()
            .filter(|f| f.check == "check_skipped" && f.message.contains("支出"))
            .map(|f| f.to_string())
            .collect();
        let failed: Vec<(Option<u32>, String)> = x
            .findings
            .iter()
            .filter(|f| f.check == "column_sum")
            .map(|f| (f.line, f.column.clone().unwrap_or_default()))
            .collect();
        (skipped, failed)
    };
    assert_eq!(column_sums(&summary("10.00")), (vec![], vec![]));
    assert_eq!(column_sums(&summary("11.00")), (vec![], vec![(Some(8), "本年预算".to_string())]));
}

#[test]
fn score_columns_of_a_grid_are_indicators_not_amounts() {
    // A 得分 column beside money in a table outside the catalog: the money
    // stays facts, the points become indicators, keyed by project where the
    // label column names projects and by indicator name elsewhere.
    let text = format!(
        "{HEAD}以下为项目自评情况。\n项目名称\t预算数\t自评得分\n设备购置\t12.00\t95.5\n运维服务\t3.00\t100\n\
         以下为指标得分。\n指标\t得分\n预算执行率\t9\n"
    );
    let x = read_text(&text);
    let facts: Vec<String> = x.facts.iter().map(|f| format!("{}\t{}", golden_line(f), f.amount())).collect();
    assert_lines(
        "money",
        &lines(&["other\t\t\t设备购置\t预算数\t12.00\t4\t12", "other\t\t\t运维服务\t预算数\t3.00\t5\t3"]),
        &facts,
    );
    let scores: Vec<String> = x
        .indicators
        .iter()
        .map(|i| format!("{}\t{:?}\t{}\t{}\t{:?}", i.line, i.project, i.level1, i.level3, i.score))
        .collect();
    assert_lines(
        "scores",
        &lines(&[
            "4\tSome(\"设备购置\")\t总分\t\tSome(95.5)",
            "5\tSome(\"运维服务\")\t总分\t\tSome(100.0)",
            "8\tNone\t\t预算执行率\tSome(9.0)",
        ]),
        &scores,
    );
}

#[test]
fn a_row_adds_up_with_its_columns_outside_the_catalog() {
    // The national template splits 财政拨款收入 into 一般公共预算 / 政府性基金
    // / 国有资本经营 columns the catalog does not name: with them (but not
    // the of-which column) the row adds up, and passes. Off by a misprint, it
    // may as well be a header misread, so it is not judged either way.
    let income = |fund: &str| {
        format!(
            "2024年某单位部门预算\n部门收入总表\n单位：万元\n科目编码\t科目名称\t合计\t上年结转\t一般公共预算财政拨款收入\t\
             政府性基金预算财政拨款收入\t其中：专项资金\t事业收入\n205\t教育支出\t150.00\t10.00\t100.00\t{fund}\t7.00\t20.00\n"
        )
    };
    let row_sums = |text: &str| {
        let x = read_text(text);
        let checks: Vec<String> = x
            .findings
            .iter()
            .filter(|f| matches!(f.check.as_str(), "row_sum" | "check_skipped"))
            .map(|f| format!("{} {:?}", f.check, f.line))
            .collect();
        (x.validation.counts.passed, checks)
    };
    let (passed, checks) = row_sums(&income("20.00"));
    assert_eq!(checks, Vec::<String>::new());
    let (misprinted, checks) = row_sums(&income("21.00"));
    assert_eq!(checks, vec!["check_skipped Some(5)".to_string()], "a sum off with the columns outside is not judged");
    assert_eq!(misprinted + 1, passed, "the row sum passed where it adds up");
    // With the catalog's parts (上年结转, 事业收入) blank, the columns outside
    // it are the only parts: judged the same way, not skipped as a total
    // printed without its parts.
    let alone = |fund: &str| income(fund).replace("150.00\t10.00", "120.00\t").replace("7.00\t20.00", "7.00\t");
    let (passed, checks) = row_sums(&alone("20.00"));
    assert_eq!(checks, Vec::<String>::new());
    let x = read_text(&alone("21.00"));
    let skipped: Vec<&str> =
        x.findings.iter().filter(|f| f.check == "check_skipped").map(|f| f.message.as_str()).collect();
    assert_eq!(
        skipped,
        ["合计 is printed with no catalog parts, and the columns outside the catalog (一般公共预算财政拨款收入, 政府性基金预算财政拨款收入, 其中:专项资金) do not add up to it; the row sum was not checked"]
    );
    assert_eq!(x.validation.counts.passed + 1, passed, "the row sum passed where it adds up");
}

#[test]
fn older_final_wordings_name_their_columns() {
    // 事业单位经营收入 / 事业单位经营支出 are the catalog's 经营收入 / 经营支出:
    // matched by name, the other columns keep theirs and are not placed by position.
    let text = format!(
        "{HEAD}收入决算表\n单位：万元\n项目\t\t本年收入合计\t财政拨款收入\t事业单位经营收入\n\
         205\t教育支出\t120.00\t100.00\t20.00\n支出决算表\n单位：万元\n项目\t\t本年支出合计\t基本支出\t事业单位经营支出\n\
         205\t教育支出\t110.00\t80.00\t30.00\n"
    );
    assert_lines(
        "older wordings",
        &lines(&[
            "final.income\t\t205\t教育支出\t本年收入合计\t120.00\t5\t120",
            "final.income\t\t205\t教育支出\t财政拨款收入\t100.00\t5\t100",
            "final.income\t\t205\t教育支出\t经营收入\t20.00\t5\t20",
            "final.expenditure\t\t205\t教育支出\t本年支出合计\t110.00\t9\t110",
            "final.expenditure\t\t205\t教育支出\t基本支出\t80.00\t9\t80",
            "final.expenditure\t\t205\t教育支出\t经营支出\t30.00\t9\t30",
        ]),
        &facts(&text),
    );
}

#[test]
fn a_table_outside_the_catalog_in_yuan_is_converted_but_not_its_rates() {
    // Its 单位：元 line sits between its title, which names no catalog
    // table, and its first row; it had been read as the report's unit only,
    // and 10000.00 元 came out as 10000 万元. A rate column is never scaled.
    let text = "2023年度某单位部门决算\n“三公”经费情况表\n单位：元\n支出项目\t2023年度\t2022年度\t增减率(%)\n\
                公务接待费\t10000.00\t2100.00\t10.53\n";
    assert_lines(
        "other in 元",
        &lines(&[
            "other\t\t\t公务接待费\t2023年度\t10000.00\t5\t1",
            "other\t\t\t公务接待费\t2022年度\t2100.00\t5\t0.21",
            "other\t\t\t公务接待费\t增减率(%)\t10.53\t5\t10.53",
        ]),
        &facts(text),
    );
}

#[test]
fn a_self_evaluation_in_wanyuan_in_a_report_in_yuan() {
    // The report states 单位：元 above its tables; its 自评表 has no unit
    // line but says 万元 in its header: its amounts are 万元.
    let text = "2022年度某单位部门决算\n收入决算表\n单位：元\n项目\t\t本年收入合计\n205\t教育支出\t6750200.00\n\
                部门整体支出绩效自评表\n年度预算申请（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
                \t年度资金总额\t675.02\t3565.13\t3538.81\t10\t99.26\t9.93\n";
    let x = read_text(text);
    let got: Vec<String> = x.facts.iter().map(|f| format!("{} {} {}", f.table, f.column, f.amount())).collect();
    let want = [
        "final.income 本年收入合计 675.02",
        "evaluation.unit_selfeval 年初预算数 675.02",
        "evaluation.unit_selfeval 全年预算数 3565.13",
        "evaluation.unit_selfeval 全年执行数 3538.81",
        "evaluation.unit_selfeval 分值 10",
        "evaluation.unit_selfeval 执行率 99.26",
        "evaluation.unit_selfeval 得分 9.93",
    ];
    assert_lines("self-evaluation in 万元", &lines(&want), &got);
}

#[test]
fn a_performance_table_total_printed_last_keeps_no_code() {
    // Seed 004's 项目支出绩效目标表 with its 合计 row moved below the last
    // project, as templates that total at the bottom print it: its blank
    // code cell is not the last project's 201001.
    let seed = std::fs::read_to_string(sample("004_8cc0caf16561f826")).unwrap();
    let lines: Vec<&str> = seed.lines().collect();
    let total = lines.iter().position(|l| l.starts_with("合计\t\t1,855.75")).unwrap();
    let next = total + lines[total..].iter().position(|l| l.trim().ends_with("部门整体支出绩效目标表")).unwrap();
    let last_row = lines[..next].iter().rposition(|l| l.contains('\t')).unwrap();
    let mut moved: Vec<&str> = lines.clone();
    let row = moved.remove(total);
    moved.insert(last_row, row);
    let x = read_text(&moved.join("\n"));
    let totals: Vec<(Option<&str>, f64)> = x
        .facts
        .iter()
        .filter(|f| f.table == "budget.project_targets" && f.item == "合计")
        .map(|f| (f.code.as_deref(), f.amount()))
        .collect();
    assert_eq!(totals, vec![(None, 1855.75)]);
}

#[test]
fn an_indicator_named_in_yuan_leaves_the_money_in_wanyuan() {
    // `生均成本(元)` names an indicator below the header, not the unit of
    // the table's money columns, which stay in the report's 万元.
    let text = "2022年度某单位部门决算\n收入决算表\n单位：万元\n项目\t\t本年收入合计\n205\t教育支出\t675.02\n\
                部门整体支出绩效自评表\n年度预算申请\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
                \t年度资金总额\t675.02\t3565.13\t3538.81\t10\t99.26\t9.93\n\
                一级指标\t二级指标\t三级指标\t年初目标值\t实际完成值\t分值\t得分\n\
                产出指标\t成本指标\t生均成本(元)\t≤500\t480\t10\t10\n";
    let x = read_text(text);
    let money: Vec<String> = x
        .facts
        .iter()
        .filter(|f| f.column == "全年预算数" || f.column == "本年收入合计")
        .map(|f| format!("{} {}", f.column, f.amount()))
        .collect();
    assert_eq!(money, ["本年收入合计 675.02", "全年预算数 3565.13"]);
}

#[test]
fn a_report_naming_no_unit_says_so() {
    // Unit is the first column of every fact; a null there had no finding.
    let text =
        "2023年度部门决算\n目录\n收入决算表\n单位：万元\n科目编码\t科目名称\t本年收入合计\n205\t教育支出\t1.00\n";
    let x = read_text(text);
    assert_eq!(x.detected.unit, None);
    assert_eq!(facts(text), lines(&["final.income\t\t205\t教育支出\t本年收入合计\t1.00\t6\t1"]));
    assert!(
        x.findings.iter().any(|f| f.check == "unit_unknown" && f.severity == budgetlake::model::Severity::Warning),
        "{:?}",
        x.findings
    );
    let cover = text.replace("目录", "\n某某县林业局\n2024年9月");
    assert_eq!(read_text(&cover).detected.unit.as_deref(), Some("某某县林业局"));
    assert!(read_text(&cover).findings.iter().all(|f| f.check != "unit_unknown"));
}

#[test]
fn a_summary_without_its_detail_table_is_no_error() {
    // A report whose 支出决算表 was lost by extraction (or never printed)
    // had every non-zero 支出 class item of its summary reported as an
    // error: "final.expenditure prints no class row for it".
    let text = format!(
        "{HEAD}收入支出决算总表\n单位：万元\n收入\t\t支出\t\n项目\t金额\t项目\t金额\n\
         一、一般公共预算财政拨款收入\t100.00\t一、一般公共服务支出\t100.00\n\
         本年收入合计\t100.00\t本年支出合计\t100.00\n总计\t100.00\t总计\t100.00\n"
    );
    let read = read_text(&text);
    assert!(read.findings.iter().all(|f| f.severity != budgetlake::model::Severity::Error), "{:?}", read.findings);
    let skipped =
        read.findings.iter().any(|f| f.check == "check_skipped" && f.message.contains("final.expenditure is not"));
    assert!(skipped, "{:?}", read.findings);
}
