use super::*;
use crate::config::Pipeline;

fn grid(text: &str) -> Grid {
    let p = Pipeline::load(&[] as &[&str]).unwrap();
    let rows: Vec<Row> = text
        .lines()
        .enumerate()
        .map(|(i, l)| Row { line: i as u32 + 1, cells: l.split('\t').map(str::to_string).collect() })
        .collect();
    parse(&rows, &p.headers)
}

#[test]
fn side_by_side_summary() {
    let g = grid("收入\t\t\t支出\t\t\n项目\t行次\t金额\t项目\t行次\t金额\n栏次\t\t1\t栏次\t\t2\n一、财政拨款收入\t1\t3,538.81\t一、教育支出\t32\t0.00\n\t9\t\t九、卫生健康支出\t40\t4.8");
    assert_eq!(g.parts.len(), 2);
    assert_eq!(g.parts[0].section.as_deref(), Some("收入"));
    assert_eq!(g.parts[1].paths, vec![vec!["金额".to_string()]]);
    assert_eq!(g.rows.len(), 2);
    assert_eq!(g.rows[1].parts[0].values.len(), 0);
    assert_eq!(g.rows[1].parts[1].values[0].2, "4.8");
}

#[test]
fn merged_headers_carry_right() {
    let g = grid("项目\t\t本年支出\t\t\n科目代码\t科目名称\t小计\t基本支出\t项目支出\n栏次\t\t1\t2\t3\n205\t教育支出\t3.00\t1.00\t2.00");
    assert_eq!(g.parts.len(), 1);
    let paths: Vec<String> = g.parts[0].paths.iter().map(|p| p.join("/")).collect();
    assert_eq!(paths, ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]);
    assert_eq!(g.parts[0].code_cols, vec![0]);
}

#[test]
fn split_codes_and_short_rows() {
    let g = grid("类\t款\t项\t功能科目\t合计\t基本\n**\t**\t**\t**\t1\t2\n205\t\t\t教育支出\t4.18\t4.18\n2080)5\t\t行政事业单位养老支出\t4.18\t4.18");
    assert_eq!(g.parts[0].code_cols, vec![0, 1, 2]);
    let last = &g.rows[1].parts[0];
    assert_eq!(last.label, "行政事业单位养老支出");
    assert_eq!(last.values.len(), 2);
}

#[test]
fn repeated_page_headers_are_not_rows() {
    let g = grid("项目\t本年预算\n一、基本支出\t2.00\n项目\t本年预算\n二、项目支出\t1.00");
    assert_eq!(g.rows.len(), 2);
}

#[test]
fn headers_centred_over_their_span_name_the_values_left_of_them() {
    let g = grid("\t合计\t\t\t基本支出\t\t\n37,188.34\t\t\t21,968.00\t\t\t");
    let paths: Vec<String> = g.parts[0].paths.iter().map(|p| p.join("/")).collect();
    assert_eq!(paths, ["合计", "基本支出"]);
    assert_eq!(g.rows[0].parts[0].values.iter().map(|v| v.2.as_str()).collect::<Vec<_>>(), ["37,188.34", "21,968.00"]);
}

#[test]
fn whole_numbers_end_the_header_of_a_table_without_amounts() {
    let g = grid("功能科目编码\t\t功能科目名称\t金 额\n合 计\t\t\t0");
    assert_eq!(g.header_lines.len(), 1);
    assert_eq!(g.parts[0].paths, vec![vec!["金额".to_string()]]);
}

#[test]
fn a_second_code_after_the_first_name_is_the_alt_code() {
    let g = grid("部门经济科目 编码\t部门经济科目名称\t政府经济科 目编码\t政府经济科目名称\t合计\n30101\t基本工资\t50101\t工资奖金津补贴\t1242.25");
    assert_eq!((g.parts.len(), g.parts[0].code_cols.clone(), g.parts[0].alt_code_cols.clone()), (1, vec![0], vec![2]));
    let row = &g.rows[0].parts[0];
    assert_eq!(
        (row.codes.clone(), row.alt_codes.clone(), row.label.as_str()),
        (vec!["30101".to_string()], vec!["50101".to_string()], "基本工资/工资奖金津补贴")
    );
}

#[test]
fn a_unit_code_beside_a_function_code_and_empty_columns_split_nothing() {
    let g = grid(concat!(
        "功能科目\t\t\t单位编码\t项目名称\t采购品目\t购买服务的内容\t规格型号\t数量\t部门经济\t\t政府经济\t\t预算金额\n",
        "类\t款\t项\t\t\t\t\t\t\t类\t款\t类\t款\t\n",
        "208\t01\t09\t242001\t就业工作经费\t工程设计\t\t\t1\t302\t99\t502\t99\t28\n",
        "208\t01\t02\t242001\t退休管理经费\t其他货物\t\t\t352\t302\t99\t502\t99\t8.5",
    ));
    assert_eq!(g.parts.len(), 1);
    assert_eq!((g.parts[0].code_cols.clone(), g.parts[0].unit_codes), (vec![0, 1, 2], false));
    let row = &g.rows[0].parts[0];
    assert_eq!((row.codes.join(""), row.alt_codes.join("")), ("2080109".to_string(), "30299".to_string()));
}

#[test]
fn a_numbered_column_of_codes_or_words_is_not_a_value_column() {
    // xarsj numbers every column in its 栏次 row, the unit code and names too.
    let g = grid("预算单位 代码\t预算单位名称\t预算项目名称\t金额\n1\t2\t3\t4\n242001\t市人社局机关\t就业工作经 费\t47.51\n242010\t职业介绍中心\t就业工作经 费\t26.38");
    let p = &g.parts[0];
    let cols = (p.code_cols.clone(), p.label_cols.clone(), p.data_cols.clone(), p.unit_codes);
    assert_eq!((g.parts.len(), cols), (1, (vec![0], vec![1, 2], vec![3], true)));
}

#[test]
fn a_headerless_first_column_counting_the_rows_is_a_row_number() {
    let g = grid(
        "1\t智慧教育环境提升行动\t验收完成\n2\t信息素养提升行动\t取得优异成绩\n3\t推进课堂教学模式变革\t推进成效良好",
    );
    assert!(g.parts.iter().all(|p| p.data_cols.is_empty()), "{:?}", g.parts);
    let g = grid("1\t智慧教育环境提升行动\t12.00\n2\t信息素养提升行动\t3.50");
    assert_eq!(g.parts.iter().map(|p| p.data_cols.clone()).collect::<Vec<_>>(), vec![vec![2]]);
}

#[test]
fn a_first_row_of_whole_numbers_under_a_header_of_words_is_data() {
    // fsgdj's 自评分数 list: the first project scored 100, the next 96.53.
    let g = grid("项目名称\t自评分数\n质量抽检和试验检测管理\t100\n聘请专家人员经费\t96.53");
    let paths: Vec<String> = g.parts[0].paths.iter().map(|p| p.join("/")).collect();
    assert_eq!((g.header_lines.len(), paths, g.rows.len()), (1, vec!["自评分数".to_string()], 2));
    // Years under a header of words are its second row.
    let g = grid("项目\t决算数\t预算数\n项目\t2022\t2023\n合计\t1.50\t2.00");
    assert_eq!(g.header_lines.len(), 2);
}

#[test]
fn a_label_header_over_codes_and_names_keeps_the_codes() {
    // `项目` printed over both columns, no 科目编码 row: the codes are codes.
    let g = grid("项目\t\t本年收入合计\t财政拨款收入\n合计\t\t120.00\t100.00\n205\t教育支出\t120.00\t100.00\n20501\t教育管理事务\t120.00\t100.00");
    assert_eq!((g.parts[0].code_cols.clone(), g.parts[0].label_cols.clone()), (vec![0], vec![1]));
    let read: Vec<(Vec<String>, String, usize)> =
        g.rows.iter().map(|r| (r.parts[0].codes.clone(), r.parts[0].label.clone(), r.parts[0].values.len())).collect();
    let want = [(vec!["合计"], "", 2), (vec!["205"], "教育支出", 2), (vec!["20501"], "教育管理事务", 2)];
    let want: Vec<(Vec<String>, String, usize)> =
        want.iter().map(|(c, l, n)| (c.iter().map(|s| s.to_string()).collect(), l.to_string(), *n)).collect();
    assert_eq!(read, want);
}

#[test]
fn a_slid_row_that_cannot_be_regrouped_is_not_read() {
    // Two runs of text and numbers in a one-part table: the second would
    // have been dropped unseen, and the first is no row of the table.
    let g = grid("项目\t合计\t基本支出\t\n教育支出\t3.00\t1.00\t\n科学技术支出\t2.00\t1.00\t\n社会保障\t2.00\t1.00\t\n4.00\t住房保障\t1.00\t1.00");
    assert_eq!(g.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 3, 4]);
    assert_eq!(g.unread, vec![5]);
}

#[test]
fn a_headerless_column_of_nested_codes_left_of_the_names_is_codes() {
    // Amounts in 元 are whole numbers like codes; codes nest, amounts do not.
    let g = grid("\t\t本年收入合计\t其他收入\n合计\t\t1200000\t200000\n205\t教育支出\t1200000\t200000\n20501\t教育管理事务\t1200000\t200000");
    assert_eq!((g.parts[0].code_cols.clone(), g.parts[0].data_cols.clone()), (vec![0], vec![2, 3]));
    // Whole amounts left of names, which do not nest, stay values.
    let g = grid("\t\t金额\n1200\t教育支出\t1200\n3400\t科学技术支出\t3400");
    assert!(g.parts.iter().all(|p| p.code_cols.is_empty()), "{:?}", g.parts);
}

#[test]
fn a_class_column_and_its_headerless_parts_are_codes() {
    // xarsj's 政府采购 table without its 类 | 款 row: 302 | 99 under 部门经济科目
    // are a code, not two amounts.
    let g = grid("采购项目\t部门经济科目\t\t预算金额\n合计\t\t\t36.50\n参保经费\t302\t99\t28\n退休管理\t302\t13\t8.5");
    assert_eq!(g.parts[0].data_cols, vec![3], "{:?}", g.parts);
    let values: Vec<Vec<&str>> =
        g.rows.iter().map(|r| r.parts[0].values.iter().map(|v| v.2.as_str()).collect()).collect();
    assert_eq!(values, [vec!["36.50"], vec!["28"], vec!["8.5"]]);
}

#[test]
fn side_by_side_whole_numbers_are_data() {
    // 上海's 财政拨款收支总表 printed in whole 元: the first data row was header.
    let g = grid("财政拨款收入\t\t财政拨款支出\t\n项目\t预算数\t项目\t合计\n一、一般公共预算资金\t371514655\t一、一般公共服务支出\t21601733\n\t\t二、科学技术支出\t17200000");
    assert_eq!((g.header_lines.len(), g.rows.len()), (2, 2));
    assert_eq!(g.parts[1].paths, vec![vec!["合计".to_string()]]);
}

#[test]
fn an_unlabelled_row_of_whole_numbers_is_a_total_where_no_amount_is_printed() {
    // seed 004's blank 政府性基金 table, its zeros printed `0`: its total row
    // has no label, like the rule debris of tables printing amounts.
    let g = grid("科目编码\t\t\t功能科目\t总计\t基本支出\t项目支出\n类\t款\t项\t\t\t\t\n**\t**\t**\t**\t1\t2\t3\n\t\t\t\t0\t0\t0");
    assert_eq!((g.rows.len(), g.skipped.len()), (1, 0));
    let g = grid("项目\t行次\t金额\t金额\n合计\t\t1.00\t2.00\nı\t\t1\t\nx\t\t2.00\t");
    assert_eq!((g.rows.len(), g.skipped.len()), (2, 1));
}

#[test]
fn a_row_cut_at_its_last_filled_cell_is_not_realigned() {
    // Trailing TABs trimmed: `合计` under 项目 with empty code cells stays the label.
    let g = grid(
        "部门代码\t部门名称\t合计\t基本支出\t项目支出\n合计\t\t3.00\t1.00\t2.00\n113\t信访局\t3.00\t1.00\t2.00\t\t",
    );
    let total = &g.rows[0].parts[0];
    assert_eq!(
        total.values.iter().map(|v| (v.0, v.2.as_str())).collect::<Vec<_>>(),
        [(0, "3.00"), (1, "1.00"), (2, "2.00")]
    );
}

#[test]
fn a_total_named_in_the_row_number_column_keeps_its_name() {
    // seed 000's 项目支出明细: `总计` in a cell merged over 序号 and 项目名称.
    let g = grid("序号\t项目名称\t支出金额\n1\t系统建设\t1.00\n2\t设备采购\t2.00\n总计\t\t3.00");
    let labels: Vec<&str> = g.rows.iter().map(|r| r.parts[0].label.as_str()).collect();
    assert_eq!(labels, ["系统建设", "设备采购", "总计"]);
}

#[test]
fn a_total_printed_again_under_each_page_header_is_read_once() {
    // fsgdj 表2: every page repeats the header, the 栏次 row and the 合计 row.
    let page = "科目编码\t科目名称\t本年收入合计\n栏次\t\t1\n\t合计\t3.00\n";
    let g = grid(&format!("{page}205\t教育支出\t1.00\n{page}208\t社会保障和就业支出\t2.00"));
    let labels: Vec<&str> = g.rows.iter().map(|r| r.parts[0].label.as_str()).collect();
    assert_eq!(labels, ["合计", "教育支出", "社会保障和就业支出"]);
    // A row like the first one, but not under a repeated header, stays.
    let g = grid("科目编码\t科目名称\t本年收入合计\n栏次\t\t1\n\t合计\t3.00\n\t合计\t3.00");
    assert_eq!(g.rows.len(), 2);
}
