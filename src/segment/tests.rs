use super::*;

fn ids(text: &str) -> Vec<(Option<String>, usize)> {
    let p = Pipeline::load(&[] as &[&str]).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    segment(&lines, &p, Some(ReportKind::Final), None)
        .into_iter()
        .map(|b| (b.spec.map(|s| s.id.clone()), b.rows.len()))
        .collect()
}

#[test]
fn toc_entries_make_no_tables() {
    let t = "目录\n- 一、收入支出决算总表\n- 二、收入决算表\n二、收入决算表\n\n收入决算表\n公开 02 表\n单位：万元\n项目\t合计\n合计\t1.00\n注：本表反映\n";
    assert_eq!(ids(t), vec![(Some("final.income".into()), 2)]);
}

#[test]
fn a_title_with_its_unit_on_one_line() {
    // A catalog title keeps its table and unit; one outside the catalog
    // ends the table above; a table number with the unit is furniture.
    let p = Pipeline::load(&[] as &[&str]).unwrap();
    let t = "收入决算表    单位：元\n公开 02 表    单位：元\n项目\t合计\n205\t1.00\n\
             专项业务经费支出表    单位：万元\n项目\t合计\n合计\t2.00\n";
    let lines: Vec<&str> = t.lines().collect();
    let blocks = segment(&lines, &p, Some(ReportKind::Final), None);
    let read: Vec<(Option<&str>, usize, Option<MoneyUnit>)> =
        blocks.iter().map(|b| (b.spec.map(|s| s.id.as_str()), b.rows.len(), b.money_unit)).collect();
    assert_eq!(read, vec![(Some("final.income"), 2, Some(MoneyUnit::Yuan)), (None, 2, Some(MoneyUnit::Wanyuan))]);
}

#[test]
fn repeated_title_joins_pages() {
    let t = "2023年收入决算表\n部门名称：X\n单位：万元\n项目\t合计\n合计\t1.00\n\n2023年收入决算表\n部门名称：X\n单位：万元\n项目\t合计\n205\t1.00\n注：完\n";
    assert_eq!(ids(t), vec![(Some("final.income".into()), 4)]);
}

#[test]
fn a_title_outside_the_catalog_printed_in_the_grid_titles_its_table() {
    // wxxfj 公开13表: number and title each in a one-cell row, after a note.
    let t = "注：其他费用等。\n公开13表\t\t\n政府采购支出表\t\t\n部门：X\t\t单位：万元\n品目\t总计\n合计\t225.52\n";
    let p = Pipeline::load(&[] as &[&str]).unwrap();
    let lines: Vec<&str> = t.lines().collect();
    let blocks = segment(&lines, &p, Some(ReportKind::Budget), None);
    let got: Vec<(&str, usize)> = blocks.iter().map(|b| (b.title.as_str(), b.rows.len())).collect();
    assert_eq!(got, vec![("政府采购支出表", 2)]);
}

#[test]
fn rows_after_prose_are_other() {
    let t = "收入决算表\n项目\t合计\n合计\t1.00\n注：本表反映。\n项目支出明细\n序号\t金额\n1\t2.00\n";
    assert_eq!(ids(t), vec![(Some("final.income".into()), 2), (None, 2)]);
}

#[test]
fn text_spilled_between_pages_does_not_end_the_table() {
    let spill = "收入决算表\n项目\t合计\n合计\t1.00\n溢出的单元格文字\n项目\t合计\n205\t1.00\n";
    assert_eq!(ids(spill), vec![(Some("final.income".into()), 4)]);
    let titled = "收入决算表\n项目\t合计\n合计\t1.00\n项目支出明细表\n项目\t合计\n1\t2.00\n";
    assert_eq!(ids(titled), vec![(Some("final.income".into()), 2), (None, 2)]);
    let lost_row = "收入决算表\n项目\t合计\n合计\t1.00\n206 科学技术支出 3.00\n项目\t合计\n205\t1.00\n";
    assert_eq!(ids(lost_row), vec![(Some("final.income".into()), 2), (None, 2)]);
}

#[test]
fn a_label_printed_down_the_page_does_not_end_the_table() {
    // xarsj 表14: `绩 / 效 / 指 / 标`, one character a line, between two project cards.
    let t = "项目支出绩效目标表\n项目名称\t项目总额\nA项目\t1.00\n绩\n效\nB项目\t2.00\n";
    let p = Pipeline::load(&[] as &[&str]).unwrap();
    let blocks = segment(&t.lines().collect::<Vec<_>>(), &p, Some(ReportKind::Budget), None);
    assert_eq!(blocks.iter().map(|b| b.rows.len()).collect::<Vec<_>>(), vec![3]);
}

#[test]
fn a_row_of_words_heading_the_numbers_below_it_starts_a_new_table() {
    // seed 000's 基础数据表: staff counts, then money under its own header, then words.
    let t = "基础数据表\n人员情况\t编制数\t在职人数\t控制率\n\t20\t17\t85%\n经费情况\t2022年决算数\t2023年预算数\t2023年决算数\n\
             三公经费\t0.19\t1.00\t0.21\n公用经费\t53.36\t48.86\t48.07\n楼堂馆所情况\t批复规模\t实际规模\t规模控制率\n保障措施\t严格执行规定\n";
    assert_eq!(ids(t), vec![(None, 2), (None, 3), (None, 2)]);
    // A project printed without its amount, between two with one, stays a row.
    let t =
        "项目明细表\n项目\t内容\t说明\t金额\nA项目\t建设\t完成\t1.00\nB项目\t维护\t未完成\t\nC项目\t购置\t完成\t2.00\n";
    assert_eq!(ids(t), vec![(None, 4)]);
}

#[test]
fn a_page_cut_to_one_cell_a_column_goes_back_under_its_columns() {
    // jsgy 公开12表: p.15 prints each column over two cells, p.16 one cell
    // a column, after a row spilled as text.
    let t = "政府采购表\n品目\t\t项目\t\t金额\t\n合计\t\t\t\t3.00\t\nA\t\t办公\t\t1.00\t\n\
             - 1 -\n会议费 1.50\n\t会议服务\t1.50\nB\t印刷\t0.50\n";
    let p = Pipeline::load(&[] as &[&str]).unwrap();
    let blocks = segment(&t.lines().collect::<Vec<_>>(), &p, Some(ReportKind::Budget), None);
    let got: Vec<_> = blocks.iter().map(|b| (b.title.as_str(), b.spills.clone())).collect();
    assert_eq!(got, vec![("政府采购表", vec![6])]);
    let cells: Vec<&[String]> = blocks[0].rows[3..].iter().map(|r| r.cells.as_slice()).collect();
    assert_eq!(cells, [["", "", "会议服务", "", "1.50", ""], ["B", "", "印刷", "", "0.50", ""]]);
    // Printed in whole numbers, as tables made in a spreadsheet are.
    let t = "政府采购表\n品目\t\t项目\t\t金额\t\n合计\t\t\t\t3\t\nA\t\t办公\t\t1\t\n会议费 2\n\t会议服务\t2\n";
    let blocks = segment(&t.lines().collect::<Vec<_>>(), &p, Some(ReportKind::Budget), None);
    let cells: Vec<&[String]> = blocks.iter().flat_map(|b| &b.rows[..]).map(|r| r.cells.as_slice()).collect();
    assert_eq!(
        (blocks.len(), cells.last().copied()),
        (1, Some(&["", "", "会议服务", "", "2", ""].map(String::from)[..]))
    );
    // Cells that do not fit the columns above (text where they hold
    // amounts) are another table.
    let t = "政府采购表\n品目\t\t项目\t\t金额\t\n合计\t\t\t\t3.00\t\n说明\n\t2.00\t办公\n";
    let blocks = segment(&t.lines().collect::<Vec<_>>(), &p, Some(ReportKind::Budget), None);
    assert_eq!(blocks.len(), 2);
}

#[test]
fn a_money_unit_cut_over_two_rows_is_preamble_and_read() {
    // jsgy 公开09表: `单位：万` at the row's end, `元` under it beside 部门名称.
    let p = Pipeline::load(&[] as &[&str]).unwrap();
    for (cut, tail, unit) in [("单位：万", "元", MoneyUnit::Wanyuan), ("单位：", "元", MoneyUnit::Yuan)] {
        let t = format!("收入决算表\n\t\t{cut}\t\n\t部门名称：某单位\t\t{tail}\t\n项目\t合计\n合计\t1.00\n");
        let blocks = segment(&t.lines().collect::<Vec<_>>(), &p, Some(ReportKind::Final), None);
        let got: Vec<_> = blocks.iter().map(|b| (b.rows.len(), b.money_unit)).collect();
        assert_eq!(got, vec![(2, Some(unit))], "{cut} / {tail}");
    }
}

#[test]
fn a_performance_table_reads_on_past_a_spilled_row_and_records_it() {
    // bjtjj: a project's row extracted without TABs between two pages of 项目支出绩效目标表.
    let t = "项目支出绩效目标表\n项目名称\t项目总额\t三级指标\nA项目\t1.00\t完成率\n\
             4226-某项目 66.486000 66.486000 某目标\n项目名称\t项目总额\t三级指标\nB项目\t2.00\t及时率\n";
    let p = Pipeline::load(&[] as &[&str]).unwrap();
    let blocks = segment(&t.lines().collect::<Vec<_>>(), &p, Some(ReportKind::Budget), None);
    let got: Vec<_> = blocks.iter().map(|b| (b.spec.map(|s| s.id.as_str()), b.rows.len(), b.spills.clone())).collect();
    assert_eq!(got, vec![(Some("budget.project_targets"), 4, vec![4])]);
}
