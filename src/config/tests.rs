use super::*;
use crate::text;

#[test]
fn malformed_code_list_names_file_and_line() {
    let scratch = tempfile::Builder::new().prefix("budgetlake-ref-").tempdir().unwrap();
    let dir = scratch.path();
    let csv = "code,level,name,valid_from,valid_to,source\n205,类,教育支出,,,observed\n2050x,款,坏,,,observed\n";
    std::fs::write(dir.join("function.csv"), csv).unwrap();
    let toml = "[reference]\nfunction = \"function.csv\"\n";
    let pipeline_file = dir.join("mine.toml");
    std::fs::write(&pipeline_file, toml).unwrap();
    let err = Pipeline::load(&[&pipeline_file]).unwrap_err().to_string();
    assert!(err.contains("function.csv:3:"), "{err}");
}

#[test]
fn embedded_pipeline_loads() {
    let p = Pipeline::load(&[] as &[&str]).expect("embedded pipeline is valid");
    assert!(p.tables.iter().any(|t| t.id == "final.income"));
    assert_eq!(p.hash.len(), 16);
}

#[test]
fn errors_name_file_and_key() {
    let bad = r#"
[[table]]
id = "final.x"
title = "X表"
rows = "code"
columns = [{ name = "合计" }]
checks = [{ kind = "row_sum", total = "合计", parts = ["合计x"] }]
"#;
    let unknown = "[[table]]\nid = \"final.y\"\ntitel = \"Y\"\n";
    let sources = vec![
        (EMBEDDED[0].0.to_string(), EMBEDDED[0].1.to_string()),
        ("bad.toml".to_string(), bad.to_string()),
        ("unknown.toml".to_string(), unknown.to_string()),
    ];
    let err = Pipeline::from_sources(&sources).unwrap_err().to_string();
    assert!(err.contains("bad.toml: table[0] final.x: rows = \"code\" needs a code_system"), "{err}");
    assert!(err.contains("unknown column"), "{err}");
    assert!(err.contains("bad.toml: table[0] final.x: checks[0]: unknown column \"合计x\""), "{err}");
    assert!(err.contains("unknown.toml:") && err.contains("titel"), "{err}");
}

#[test]
fn titles_alike_without_fillers_are_an_error() {
    let twin = "[[table]]\nid = \"final.twin\"\ntitle = \"部门收入决算总表\"\nrows = \"item\"\ncolumns = [{ name = \"金额\" }]\n";
    let mut sources: Vec<(String, String)> = EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    sources.push(("twin.toml".to_string(), twin.to_string()));
    let err = Pipeline::from_sources(&sources).unwrap_err().to_string();
    assert!(err.contains("tables final.income and final.twin are both titled \"收入决算表\""), "{err}");
}

#[test]
fn embedded_titles_name_their_tables_in_other_wordings() {
    let p = Pipeline::load(&[] as &[&str]).unwrap();
    let cases = [
        ("收入支出决算表", ReportKind::Final, "final.summary"),
        ("收入决算总表", ReportKind::Final, "final.income"),
        ("财政拨款收入支出决算表", ReportKind::Final, "final.fiscal_summary"),
        ("一般公共预算财政拨款收入支出决算表", ReportKind::Final, "final.gpb_expenditure"),
        ("政府性基金预算财政拨款支出决算表", ReportKind::Final, "final.gov_fund"),
        ("“三公”经费支出决算表", ReportKind::Final, "final.three_public"),
        ("收支决算总表", ReportKind::Final, "final.summary"),
        ("一般公共预算财政拨款支出决算明细表", ReportKind::Final, "final.gpb_expenditure"),
        ("一般公共预算支出决算表", ReportKind::Final, "final.gpb_expenditure"),
        ("一般公共预算基本支出决算表", ReportKind::Final, "final.gpb_basic_expenditure"),
        ("部门收支预算总体情况表", ReportKind::Budget, "budget.summary"),
        ("一般公共预算拨款支出预算表", ReportKind::Budget, "budget.gpb_expenditure"),
        ("一般公共预算“三公”经费支出预算表", ReportKind::Budget, "budget.three_public"),
        ("项目支出绩效目标申报表", ReportKind::Budget, "budget.project_targets"),
        ("部门整体绩效目标表", ReportKind::Budget, "budget.unit_targets"),
        // Performance appendices of a 决算 name their tables in the words of an alias.
        ("项目支出绩效自评表", ReportKind::Final, "evaluation.project_selfeval"),
        ("部门整体支出绩效自评表", ReportKind::Final, "evaluation.unit_selfeval"),
        ("项目支出情况表", ReportKind::Budget, "evaluation.project_execution"),
    ];
    for (title, report, id) in cases {
        let got = p.table_for_title(&text::title_key(title), Some(report)).map(|t| t.id.as_str());
        assert_eq!(got, Some(id), "{title}");
    }
    // Only a budget's own words drop 预算: its 项目支出预算表 is no evaluation table.
    assert_eq!(p.table_for_title(&text::title_key("项目支出预算表"), Some(ReportKind::Budget)).map(|t| &t.id), None);
}

#[test]
fn budget_titles_of_other_templates_name_their_tables() {
    let p = Pipeline::load(&[] as &[&str]).unwrap();
    let cases = [
        ("表一：部门收支总表", "budget.summary"),
        ("部门收支预算总表（表一）", "budget.summary"),
        ("附表三 部门支出总表", "budget.expenditure"),
        ("一般公共预算支出预算表（按功能分类）", "budget.gpb_expenditure"),
        ("一般公共预算基本支出预算表（按经济分类）", "budget.gpb_basic_expenditure"),
        ("一般公共预算财政拨款“三公”经费支出预算表", "budget.three_public"),
        ("一般公共预算“三公”经费预算表", "budget.three_public"),
        ("一般公共预算基本支出经济分类预算表", "budget.gpb_basic_expenditure"),
        // The wording 政府性基金 tables already match in.
        ("国有资本经营预算财政拨款支出表", "budget.soe_capital"),
        ("国有资本经营预算财政拨款支出预算表", "budget.soe_capital"),
    ];
    for (title, id) in cases {
        let got = p.table_for_title(&text::title_key(title), Some(ReportKind::Budget)).map(|t| t.id.as_str());
        assert_eq!(got, Some(id), "{title}");
    }
}
