//! One regression test per template of `../shared/corpus` (real reports of
//! other regions): each report runs without a failed status, and a handful
//! of key figures — the total row of each main table — come out in the
//! right table, section, code, item and column. Every figure was checked by
//! hand against the PDF (its `.layout.txt` rendering); the comment says where
//! it is printed. The status is pinned too: `partial` only where something
//! printed is still not read. The corpus lives outside the crate: when the folder is
//! absent (a checkout of the crate alone) each test prints a note and passes.

use crate::*;
use budgetlake::model::{Fact, Outcome, Severity, Status};

/// The corpus report, processed, with the status it must get; `None` (with
/// a note) when the corpus is absent.
fn corpus(name: &str, status: Status) -> Option<Outcome> {
    let path = root().join("../shared/corpus").join(name);
    if !path.exists() {
        eprintln!("note: {} is absent; corpus test skipped", path.display());
        return None;
    }
    let outcome = process(&path);
    assert_eq!(outcome.document.status, status, "{name}: {:?}", outcome.document.error);
    let mut findings: Vec<_> = outcome.findings.iter().map(|f| (f.line, &f.check, &f.message)).collect();
    findings.sort();
    let repeated: Vec<_> = findings.windows(2).filter(|w| w[0] == w[1]).collect();
    assert!(repeated.is_empty(), "{name}: findings repeated: {repeated:?}");
    // A column of codes (单位代码, 科目编码) is a key, never amounts.
    let codes: Vec<&Fact> =
        outcome.facts.iter().filter(|f| f.column.ends_with("代码") || f.column.ends_with("编码")).collect();
    assert!(codes.is_empty(), "{name}: codes read as amounts: {codes:?}");
    Some(outcome)
}

/// Asserts each (table, section, code, item, column, amount_text, amount in
/// 万元) is a fact of the outcome, printing the facts of that table and item
/// when one is not.
fn assert_figures(o: &Outcome, want: &[(&str, &str, &str, &str, &str, &str, f64)]) {
    for &(table, section, code, item, column, text, amount) in want {
        let hit = o.facts.iter().find(|f| {
            f.table == table
                && f.section.as_deref().unwrap_or("") == section
                && f.code.as_deref().unwrap_or("") == code
                && f.item == item
                && f.column == column
        });
        let near: Vec<String> = o
            .facts
            .iter()
            .filter(|f| f.table == table && f.item == item)
            .map(|f| format!("{}\t{}", golden_line(f), f.amount()))
            .collect();
        let got = hit.map(|f| (f.amount_text.as_str(), f.amount()));
        assert!(
            got.is_some_and(|(t, a)| t == text && (a - amount).abs() < 1e-9),
            "{}: {table} [{section}] {code} {item} / {column}: want {text} ({amount}), got {got:?}; facts of that item:\n  {}",
            o.document.source,
            near.join("\n  ")
        );
    }
}

#[test]
fn corpus_bjtjj_beijing_budget_template() {
    let Some(o) = corpus("bjtjj_2026_yusuan.tsv.txt", Status::Ok) else { return };
    // No table names the unit above it and the title does not either; the
    // row `部门名称 | 北京市统计局` of 预算13表 (p.41) does.
    assert_eq!(o.document.unit.as_deref(), Some("北京市统计局"));
    assert_figures(
        &o,
        &[
            // 预算01表 收支总表, p.1: 收入总计 / 本年支出合计 (万元, 6 decimals)
            ("budget.summary", "收入", "", "收入总计", "本年预算", "51,036.219169", 51036.219169),
            ("budget.summary", "支出", "", "本年支出合计", "本年预算", "50,927.950741", 50927.950741),
            // 预算02表 收入总表, p.2: its one unlabelled row, 合计
            ("budget.income", "", "", "合计", "合计", "51,036.219169", 51036.219169),
            // 预算03表 支出总表, last page: 合 计 row, 基本支出
            ("budget.expenditure", "", "", "合计", "基本支出", "32,780.463109", 32780.463109),
            // 预算03表, last page: a row keyed by the code triple 2210203-购房补贴 |
            // 50101-工资奖金津补贴 | 30102-津贴补贴 (code, then the item keeps the rest)
            (
                "budget.expenditure",
                "",
                "2210203",
                "购房补贴/50101-工资奖金津补贴/30102-津贴补贴",
                "总计",
                "2,106.134280",
                2106.13428,
            ),
            // 预算05表 一般公共预算支出表, last page: 合 计 row, 合计 and 项目支出总数
            ("budget.gpb_expenditure", "", "", "合计", "总计", "50,818.175849", 50818.175849),
            ("budget.gpb_expenditure", "", "", "合计", "项目支出", "18,061.160632", 18061.160632),
            // 预算06表 一般公共预算基本支出表: 合 计 row, 人员经费
            ("budget.gpb_basic_expenditure", "", "", "合计", "人员经费", "29,860.171136", 29860.171136),
            // 预算09表 财政拨款“三公”经费支出表: 预算总额 and 因公出国（境）费用
            ("budget.three_public", "", "", "合计", "小计", "73.790000", 73.79),
            ("budget.three_public", "", "", "合计", "因公出国(境)费", "45.190000", 45.19),
            // 预算表12 项目支出绩效目标表 (pages 14-30): 项目总额, 财政资金, 其他资金 of
            // a project on the first page and of one after text spilled out of
            // the grid between pages
            (
                TARGETS,
                "",
                "",
                "11000024T00000283 0551-统计监测分析及统计资料编印工作经费",
                "资金总额",
                "76.640000",
                76.64,
            ),
            (
                TARGETS,
                "",
                "",
                "11000022T00000044 6100-北京市法人单位经营情况调查项目",
                "资金总额",
                "238.330000",
                238.33,
            ),
            (
                TARGETS,
                "",
                "",
                "11000022T00000044 6100-北京市法人单位经营情况调查项目",
                "财政拨款",
                "235.585000",
                235.585,
            ),
            (TARGETS, "", "", "11000022T00000044 6100-北京市法人单位经营情况调查项目", "其他资金", "2.745000", 2.745),
        ],
    );
    let row = |line: u32| {
        o.indicators.iter().find(|i| i.line == line).map(|i| {
            let parts = [&i.level1, &i.level2, &i.level3, &i.target];
            (
                i.project.clone().unwrap_or_default(),
                parts.map(|p| p.to_string()),
                i.operator.clone(),
                i.measure_unit.clone(),
            )
        })
    };
    let want = |project: &str, parts: [&str; 4], op: &str, unit: &str| {
        Some((project.to_string(), parts.map(str::to_string), Some(op.to_string()), Some(unit.to_string())))
    };
    // 0551's row (p.27) and its own indicator; the rows below it (641–653)
    // have no project: 650–653 are 5703's, whose row spilled out of the grid.
    let row0551 = row(640).map(|(p, parts, _, _)| (p, parts));
    let parts = ["产出指标", "时效指标", "综合统计资料编印进度", "按计划完成"].map(str::to_string);
    assert_eq!(row0551, Some(("11000024T00000283 0551-统计监测分析及统计资料编印工作经费".to_string(), parts)));
    assert_eq!(row(650), want("", ["产出指标", "时效指标", "培训(会议)天数", "36"], "≥", "天"));
    assert_eq!(
        row(678),
        want(
            "11000022T00000044 6100-北京市法人单位经营情况调查项目",
            ["产出指标", "质量指标", "企业调查率", "100"],
            "=",
            "%"
        )
    );
    // Project 5703's row is fused into the repeated header above line 668:
    // its indicators have no project rather than the one before it.
    assert_eq!(row(668), want("", ["效益指标", "经济效益指标", "总体培训成本", "63.03"], "≤", "万元"));
    spilled_pages(&o);
    unit_targets(&o);
}

/// bjtjj 预算表12 after its first spilled project row (pp.30-40): read to
/// its end, each indicator under the project printed in the grid on its own
/// row, rows that a project spilled out of the grid may own without one.
/// Checked against the PDF page by page.
fn spilled_pages(o: &Outcome) {
    let targets: Vec<_> = o.indicators.iter().filter(|i| i.table == TARGETS).collect();
    let projects: std::collections::BTreeSet<_> = targets.iter().filter_map(|i| i.project.as_deref()).collect();
    assert_eq!((targets.len(), targets.iter().filter(|i| i.project.is_some()).count(), projects.len()), (144, 45, 14));
    let amounts = o.facts.iter().filter(|f| f.table == TARGETS && f.column == "资金总额").count();
    assert_eq!(amounts, 14);
    let row = |line: u32| {
        let i = targets.iter().find(|i| i.line == line)?;
        Some((
            i.project.clone().unwrap_or_default(),
            [&i.level1, &i.level2, &i.level3, &i.target].map(|p| p.to_string()),
        ))
    };
    let want = |project: &str, parts: [&str; 4]| Some((project.to_string(), parts.map(str::to_string)));
    // p.31: 三级 names ending like a 二级 name, and a measure word with a
    // bracketed qualifier (checked against the PDF and its layout text).
    assert_eq!(row(726), want("", ["产出指标", "数量指标", "人口抽样调查表指标", "40"]));
    assert_eq!(row(729), want("", ["产出指标", "数量指标", "社区表指标", "10"]));
    let unit = |line: u32| targets.iter().find(|i| i.line == line).and_then(|i| i.measure_unit.as_deref());
    assert_eq!(unit(792), Some("频率（频道）次"));
    // p.30: 4226's rows print before its spilled row (lines 703-716).
    assert_eq!(row(693), want("", ["产出指标", "数量指标", "完成年度统计报告", "1"]));
    // p.32, 2113's first row.
    let p2113 = "11000024T00000285 2113-北京市年度人口抽样调查";
    assert_eq!(row(759), want(p2113, ["产出指标", "时效指标", "数据评估和推算次年1月底前完成率", "95"]));
    // p.38: 6949's first row; 936 is 7305's, whose row spilled (942-970).
    let p6949 = "11000024Y00000286 6949-信息系统运维项目";
    assert_eq!(row(929), want(p6949, ["效益指标", "可持续影响指标", "促进数据整合、综合利用能力得到提升", "良好"]));
    assert_eq!(row(936), want("", ["产出指标", "数量指标", "采购两员调查用物资数量和标识服数量", "27000"]));
    // p.40, the table's last project.
    assert_eq!(
        row(1011),
        want("11000024Y00000286 6836-办公用房租赁费", ["产出指标", "数量指标", "租赁面积", "1152.2"])
    );
}

/// bjtjj 预算13表 部门整体支出绩效目标表 (p.41, lines 1015-1036): its row of
/// amounts under 预算支出总额 | 财政拨款 (合计, 基本支出, 项目支出) | 其他资金
/// (the same three), keyed by the unit its 部门名称 row names, and its 13
/// indicators, whose 绩效指标 cell prints 一级, 二级 and 三级 fused.
fn unit_targets(o: &Outcome) {
    let money = [
        ("资金总额", "50,927.950741", 50927.950741),
        ("财政拨款", "50,818.175849", 50818.175849),
        ("财政拨款/基本支出", "32,757.015217", 32757.015217),
        ("财政拨款/项目支出", "18,061.160632", 18061.160632),
        ("其他资金", "109.774892", 109.774892),
        ("其他资金/基本支出", "23.447892", 23.447892),
        ("其他资金/项目支出", "86.327000", 86.327),
    ];
    let want: Vec<_> = money.iter().map(|&(c, t, a)| (UNIT_TARGETS, "", "", "北京市统计局", c, t, a)).collect();
    assert_figures(o, &want);
    let facts: Vec<(&str, u32)> =
        o.facts.iter().filter(|f| f.table == UNIT_TARGETS).map(|f| (f.column.as_str(), f.line)).collect();
    assert_eq!(facts, money.iter().map(|m| (m.0, 1020)).collect::<Vec<_>>());
    let got: Vec<[String; 6]> = o
        .indicators
        .iter()
        .filter(|i| i.table == UNIT_TARGETS)
        .map(|i| {
            let (op, unit) = (i.operator.clone().unwrap_or_default(), i.measure_unit.clone().unwrap_or_default());
            [i.level1.clone(), i.level2.clone(), i.level3.clone(), op, i.target.clone(), unit]
        })
        .collect();
    let want = [
        ["产出指标", "数量指标", "开展国民经济各行业调查工作", "≥", "12", "个"],
        ["产出指标", "数量指标", "开展监测工作", "≥", "12", "项"],
        ["产出指标", "数量指标", "开展人口抽样调查工作的行政区", "=", "16", "个"],
        ["产出指标", "数量指标", "开展政府热点调查的行政区", "=", "16", "个"],
        ["产出指标", "数量指标", "其他调查工作", "≥", "4", "个"],
        // The target keeps the space where extraction wrapped it, as targets do.
        [
            "产出指标",
            "质量指标",
            "保障数据准确性,参加国家局对各专业考核等次",
            "定性",
            "达到国家统计局对各专业业务工作考核等次 良好及以上",
            "",
        ],
        ["产出指标", "质量指标", "人口抽样调查数据差错率", "≤", "2", "%"],
        ["产出指标", "时效指标", "按时完成监测工作", "=", "100", "%"],
        ["产出指标", "时效指标", "统计数据按期生产和上报", "=", "100", "%"],
        ["产出指标", "时效指标", "支出进度快于时间进度", "定性", "快于时间进度", ""],
        ["效益指标", "社会效益指标", "政策咨询建议对党政决策有积极影响", "定性", "高", ""],
        ["效益指标", "社会效益指标", "主要数据产品未受到质疑,未产生不良影响", "定性", "未受到", ""],
        ["成本指标", "经济成本指标", "全年支出不超过预算批复数", "定性", "全年总支出不超过预算批复数", ""],
    ];
    assert_eq!(got, want.map(|r| r.map(str::to_string)));
    let lines: Vec<u32> = o.indicators.iter().filter(|i| i.table == UNIT_TARGETS).map(|i| i.line).collect();
    assert_eq!(lines, (1024..=1036).collect::<Vec<u32>>());
    let unread =
        o.findings.iter().filter(|f| f.table.as_deref() == Some(UNIT_TARGETS) && f.check == "unreadable_indicator");
    assert_eq!(unread.count(), 0);
}

const UNIT_TARGETS: &str = "budget.unit_targets";

const TARGETS: &str = "budget.project_targets";

#[test]
fn corpus_shptsw_shanghai_budget_in_yuan_with_wanyuan_three_public() {
    let Some(o) = corpus("shptsw_2025_yusuan.tsv.txt", Status::Ok) else { return };
    assert_figures(
        &o,
        &[
            // 2025年部门财务收支预算总表 (单位：元): 收入总计
            ("budget.summary", "收入", "", "收入总计", "本年预算", "371,514,655.00", 37151.4655),
            // 2025年部门收入预算总表: 合计 row, 财政拨款收入
            ("budget.income", "", "", "合计", "本级财政拨款/金额", "371,514,655.00", 37151.4655),
            // 2025年部门支出预算总表: 合计 row, 基本支出
            ("budget.expenditure", "", "", "合计", "基本支出", "19,830,655.00", 1983.0655),
            // 2025年部门财政拨款收支预算总表: 支出总计 / 一般公共预算
            ("budget.fiscal_summary", "支出", "", "支出总计", "一般公共预算", "371,514,655.00", 37151.4655),
            // 2025年部门一般公共预算支出功能分类预算表 (over two pages): 合计 row, 项目支出
            ("budget.gpb_expenditure", "", "", "合计", "项目支出", "351,684,000.00", 35168.4),
            // …基本支出部门预算经济分类预算表: 合计 row, 人员经费
            ("budget.gpb_basic_expenditure", "", "", "合计", "人员经费", "18,120,593.00", 1812.0593),
            // “三公”经费和机关运行经费预算表, printed in 万元: 合计 and 公务接待费
            ("budget.three_public", "", "", "合计", "小计", "1.00", 1.0),
            ("budget.three_public", "", "", "合计", "公务接待费", "1.00", 1.0),
        ],
    );
}

#[test]
fn corpus_wxxfj_wuxi_budget_with_running_page_headers() {
    let Some(o) = corpus("wxxfj_2025_yusuan.tsv.txt", Status::Ok) else { return };
    assert_figures(
        &o,
        &[
            // 公开01表 收支总表: 收入总计
            ("budget.summary", "收入", "", "收入总计", "本年预算", "2,867.94", 2867.94),
            // 公开02表 收入总表, keyed by 部门代码: the department row 113
            ("budget.income", "", "113", "无锡市信访局", "合计", "2,867.94", 2867.94),
            // 公开03表 支出总表: 合计 row, 项目支出
            ("budget.expenditure", "", "", "合计", "项目支出", "1,175.65", 1175.65),
            // 公开03表 continues after a page header: 2210203 购房补贴
            ("budget.expenditure", "", "2210203", "购房补贴", "总计", "130.02", 130.02),
            // 公开07表 一般公共预算支出表: 合计 row
            ("budget.gpb_expenditure", "", "", "合计", "总计", "2,723.94", 2723.94),
            // 公开08表 一般公共预算基本支出表: 合计 row, 公用经费
            ("budget.gpb_basic_expenditure", "", "", "合计", "公用经费", "98.53", 98.53),
            // 公开09表 一般公共预算“三公”经费、会议费、培训费支出表 (p.21):
            // “三公”经费合计 is the catalog's 小计, so its row sum is checked
            ("budget.three_public", "", "", "合计", "小计", "1.50", 1.5),
            ("budget.three_public", "", "", "合计", "会议费", "0.44", 0.44),
            // 公开13表 政府采购支出表 (p.24), its title in a one-cell row of the
            // grid: the table is titled by it and its columns do not start with it
            ("other", "", "", "合计", "总计", "225.52", 225.52),
        ],
    );
    let title = o.facts.iter().find(|f| f.line == 481).map(|f| f.table_title.as_str());
    assert_eq!(title, Some("政府采购支出表"));
}

#[test]
fn corpus_jsgy_jiangsu_budget_template() {
    // Partial: p.16's first row, `会议费 110.05`, is extracted without TABs.
    let Some(o) = corpus("jsgy_2019_yusuan.tsv.txt", Status::Partial) else { return };
    let spilled: Vec<_> = o.findings.iter().filter(|f| f.check == "spilled_row").map(|f| f.line).collect();
    assert_eq!(spilled, vec![Some(465)]);
    let why = o.document.error.as_deref().unwrap_or_default();
    assert!(why.starts_with("1 cell or header could not be read, e.g. line 465: "), "{why}");
    assert_figures(
        &o,
        &[
            // 公开01表 收支预算总表: 收入合计
            ("budget.summary", "收入", "", "收入合计", "本年预算", "37,188.34", 37188.34),
            // 公开03表 支出预算总表: one row under headers centred over three
            // columns each, one right of their values
            ("budget.expenditure", "", "", "合计", "总计", "37,188.34", 37188.34),
            ("budget.expenditure", "", "", "合计", "基本支出", "21,968.00", 21968.0),
            ("budget.expenditure", "", "", "合计", "项目支出", "10,208.94", 10208.94),
            ("budget.expenditure", "", "", "合计", "单位预留机动经费", "5,011.40", 5011.4),
            // 公开07表 一般公共预算支出预算表（功能科目）: 合计, and the 类 row 204
            // whose amount the extraction prints alone on the next line
            ("budget.gpb_expenditure", "", "", "合计", "总计", "37,188.34", 37188.34),
            ("budget.gpb_expenditure", "", "204", "公共安全支出", "总计", "27,488.23", 27488.23),
            // 公开08表 一般公共预算基本支出预算表（经济科目）: 类 301
            ("budget.gpb_basic_expenditure", "", "301", "工资福利支出", "总计", "16,324.07", 16324.07),
            // 公开09表 “三公”经费、会议费、培训费支出预算表: “三公”经费 小计 and
            // 因公出国（境）费; the 合计 left of them (2,382.02) includes 会议费 and 培训费
            ("budget.three_public", "", "", "合计", "小计", "513.75", 513.75),
            ("budget.three_public", "", "", "合计", "因公出国(境)费", "160.00", 160.0),
            // 公开05表 财政拨款支出预算表（功能科目）, outside the catalog: its
            // 合计 amount printed on the line above the word, which it takes
            ("other", "", "", "合计", "金额", "37,188.34", 37188.34),
            // 公开12表 政府采购支出预算表 (p.15): each name under the header
            // centred over its span, the amount under 总计
            ("other", "", "", "合计", "总计", "5,227.59", 5227.59),
            ("other", "", "", "台式计算机(20万以上)/政府集中采购", "总计", "99.00", 99.0),
            // p.16, extracted one cell a column instead of three: still under 总计
            ("other", "", "", "江苏法院云平台租赁费/租赁费", "总计", "185.00", 185.0),
            ("other", "", "", "机关后勤保障经费/劳务费", "总计", "360.00", 360.0),
        ],
    );
    let titles: Vec<&str> =
        o.facts.iter().filter(|f| (421..=483).contains(&f.line)).map(|f| f.table_title.as_str()).collect();
    assert!(titles.iter().all(|t| *t == "政府采购支出预算表"), "{titles:?}");
}

#[test]
fn corpus_xarsj_xian_budget_template() {
    let Some(o) = corpus("xarsj_2020_yusuan.tsv.txt", Status::Ok) else { return };
    // 表1 prints `其中：专项资金列入部门预算的项目 50830` under its income: a
    // breakdown, not an addend of 本年收入合计.
    let errors: Vec<String> =
        o.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_figures(
        &o,
        &[
            // 表1 部门综合预算收支总表: 本年收入合计
            ("budget.summary", "收入", "", "本年收入合计", "本年预算", "182066.56", 182066.56),
            // 表5 一般公共预算支出明细表（按支出功能分类科目）: 合计 row
            ("budget.gpb_expenditure", "", "", "合计", "总计", "181716.56", 181716.56),
            // 表5: the 款 row printed as `10 | 人力资源事务` under 类 201
            ("budget.gpb_expenditure", "", "20110", "人力资源事务", "总计", "56.52", 56.52),
            // 表13 “三公”经费…支出预算表: the 2020年 小计, not 2019年's 66.57
            ("budget.three_public", "", "", "合计", "小计", "29.30", 29.3),
            // 表8 一般公共预算基本支出明细表（按支出经济分类科目）: 部门 and 政府
            // economic codes side by side, each with its name; 3010201 is
            // printed under 301 without its 款
            ("budget.gpb_basic_expenditure", "", "30101", "基本工资/工资奖金津补贴", "总计", "1242.25", 1242.25),
            ("budget.gpb_basic_expenditure", "", "3010201", "津贴补贴/工资福利支出", "总计", "132.41", 132.41),
            // 表11 财政拨款结转资金支出表 (not in the catalog): numbers its
            // 代码 and 名称 columns in the 栏次 row; 242010's 金额
            ("other", "", "242010", "西安市职业介绍服务中心/2019年就业工作经费", "金额", "26.38", 26.38),
        ],
    );
    let basic: Vec<&Fact> = o.facts.iter().filter(|f| f.table == "budget.gpb_basic_expenditure").collect();
    let alt = |item: &str| basic.iter().find(|f| f.item == item).and_then(|f| f.alt_code.as_deref());
    assert_eq!(alt("基本工资/工资奖金津补贴"), Some("50101"));
    assert_eq!(alt("津贴补贴/工资福利支出"), Some("50501"));
    // 表12 政府采购预算表 prints 数量 (how many things are bought) beside its
    // 预算金额: counts, kept as printed (a quantity, not scaled as money),
    // as every other quantity column is; its 合计 of 3025.07 is kept.
    let procurement = |column: &str| {
        let title = "2020年部门综合预算政府采购（资产配置、购买服务）预算表";
        o.facts
            .iter()
            .filter(|f| f.table_title == title && f.column == column)
            .map(|f| f.amount_text.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(procurement("数量")[..3], ["1865015", "1", "352"]);
    assert_eq!(procurement("预算金额").first(), Some(&"3025.07"));
    // Its rows print the unit code 242001 between the function code
    // (208 01 09) and the 部门经济 code (302 99), then 政府经济 (502 99),
    // and leave 购买服务的内容 and 规格型号 empty: the function code is the
    // code, 部门经济 the alt code, and the empty columns split nothing.
    let rows: Vec<&Fact> = o
        .facts
        .iter()
        .filter(|f| f.table_title.contains("政府采购") && f.column == "预算金额" && f.code.is_some())
        .collect();
    let first =
        rows.first().map(|f| (f.code.as_deref(), f.alt_code.as_deref(), f.item.as_str(), f.amount_text.as_str()));
    assert_eq!(
        first,
        Some((Some("2080109"), Some("30299"), "全民参保计划工作经费/专业咨询、工程监理、工程设计/1月-12月", "28"))
    );
    let cents: i64 = rows.iter().map(|f| (f.amount() * 100.0).round() as i64).sum();
    assert_eq!(cents, 302507, "the procurement rows add up to the 合计");
    // 表14 prints 产出指标 down its merged 一级 cell, one character a line,
    // which the extraction lost: 数量指标 rows take their family's 一级 name.
    let levels = |line: u32| o.indicators.iter().find(|i| i.line == line).map(|i| [&i.level1, &i.level2, &i.target]);
    assert_eq!(levels(1014).map(|l| l.map(|s| s.as_str())), Some(["产出指标", "数量指标", "5条"]));
    // `效 指 标`, the last of `绩 效 指 标` printed down the first column, and
    // `绩 效 指 标` printed whole on a row of its own card: the row is read.
    assert_eq!(levels(1253).map(|l| l.map(|s| s.as_str())), Some(["产出指标", "时效指标", "100%"]));
    assert_eq!(levels(1301).map(|l| l.map(|s| s.as_str())), Some(["产出指标", "数量指标", "7375人；30195人"]));
    assert_eq!(levels(1304).map(|l| l[0].as_str()), Some("产出指标"));
    // 效益指标 is printed beside 社会效益 (the layout text's line 1224), not
    // the 产出指标 carried from above the 成本指标 rows.
    assert_eq!(levels(1075).map(|l| l[0].as_str()), Some("效益指标"));
    // 表14's last card prints 绩 效 指 标 down its first column beside 产出 /
    // 指标 (its 一级 name, cut over two lines): `指 | 产出` and `标 | 指标` had
    // been indicators named 指 and 标 with the targets 产出 and 指标. Its
    // header wraps 二级指标 onto a line of its own, which had become the 二级
    // name of line 1136.
    assert_eq!(levels(1139), None);
    assert_eq!(levels(1140), None);
    assert_eq!(levels(1136).map(|l| l[1].as_str()), Some("数量指标"));
    assert_eq!(levels(1111).map(|l| l[0].as_str()), Some("效益指标"));
    // 表14 and 表16 print a card per project: `专项(项目)名称 | 网络建设维护`,
    // then `实施期资金总额： | 1000.00` and `其中：财政拨款 | 1000.00`, its
    // 总体目标 and indicators. The money rows are the project's facts, not
    // indicators; the cards after `绩 / 效 / 指 / 标` printed down the page
    // are the same table's.
    assert_eq!(levels(1008), None);
    assert_eq!(o.indicators.iter().find(|i| i.line == 1014).and_then(|i| i.project.as_deref()), Some("网络建设维护"));
    assert_figures(
        &o,
        &[
            ("budget.project_targets", "", "", "网络建设维护", "资金总额", "1000.00", 1000.0),
            ("budget.project_targets", "", "", "社保大厦物业费", "财政拨款", "123.50", 123.5),
            ("budget.project_targets", "", "", "市级就业补助及创业贷款贴息资金", "资金总额", "15000", 15000.0),
        ],
    );
}

#[test]
fn corpus_shptczj_shanghai_final_template() {
    let Some(o) = corpus("shptczj_2024_juesuan.tsv.txt", Status::Ok) else { return };
    assert_figures(
        &o,
        &[
            // 一、收入支出决算总表: 总计 (收入)
            ("final.summary", "收入", "", "总计", "金额", "2,995.39", 2995.39),
            // 二、收入决算表: 合计 row fused with the 类/款/项 header row
            ("final.income", "", "", "合计", "本年收入合计", "2,946.25", 2946.25),
            // 二、收入决算表: 项 row printed over split 类 | 款 | 项 cells
            ("final.income", "", "2010601", "行政运行", "本年收入合计", "1,511.90", 1511.9),
            // 三、支出决算表: 合计 row, 基本支出
            ("final.expenditure", "", "", "合计", "基本支出", "2,336.91", 2336.91),
            // 六、…基本支出决算表 (two halves side by side): 人员经费合计
            ("final.gpb_basic_expenditure", "人员经费", "", "人员经费合计", "决算数", "2,152.26", 2152.26),
            // 七、财政拨款“三公”经费支出决算表, headers item-first (公务接待费/预算数)
            ("final.three_public", "", "", "合计", "预算数/公务接待费", "0.95", 0.95),
        ],
    );
}

#[test]
fn corpus_fsgdj_foshan_final_template() {
    let Some(o) = corpus("fsgdj_2019_juesuan.tsv.txt", Status::Ok) else { return };
    assert_figures(
        &o,
        &[
            // 表1 收入支出决算总表 (over 3 pages): 本年收入合计
            ("final.summary", "收入", "", "本年收入合计", "金额", "1668.14", 1668.14),
            // 表3 支出决算表: 合计 row, 基本支出
            ("final.expenditure", "", "", "合计", "基本支出", "746.39", 746.39),
            // 表6 一般公共预算财政拨款基本支出决算表: 人员经费合计
            ("final.gpb_basic_expenditure", "人员经费", "", "人员经费合计", "决算数", "649.20", 649.2),
        ],
    );
    // p.29 项目名称 | 自评分数: each project's total score is an indicator,
    // and never a fact (a score read as 万元 would add up with the money).
    assert!(o.facts.iter().all(|f| f.column != "自评分数"), "scores are not amounts");
    let scores: Vec<(u32, Option<&str>, &str, Option<f64>)> =
        o.indicators.iter().map(|i| (i.line, i.project.as_deref(), i.level1.as_str(), i.score)).collect();
    let want = [
        (525, "质量抽检和试验检测管理", 100.0),
        (526, "2019年度聘请专家人员经费", 96.53),
        (527, "佛山市轨道交通局开办经费", 97.87),
        (528, "轨道交通建设管理咨询服务", 100.0),
        (529, "轨道交通工程质量安全行业监管技术服务", 99.71),
        (530, "城市轨道及湾华控制中心质量安全监管服务", 100.0),
        (531, "广佛两市轨道交通系统一体化规划", 100.0),
    ];
    let want: Vec<_> = want.iter().map(|&(line, p, s)| (line, Some(p), "总分", Some(s))).collect();
    assert_eq!(scores, want);
}

#[test]
fn corpus_cszgw_changsha_project_evaluation() {
    let Some(o) = corpus("cszgw_2020_jixiao.tsv.txt", Status::Ok) else { return };
    assert_eq!(o.document.unit.as_deref(), Some("长沙市人民政府国有资产监督管理委员会"), "评价项目单位 line");
    assert_figures(
        &o,
        &[
            // 项目支出情况表, p.6: 合计 row
            ("evaluation.project_execution", "", "", "合计", "预算批复", "13,237.00", 13237.0),
            ("evaluation.project_execution", "", "", "合计", "实际执行", "12,679.21", 12679.21),
            ("evaluation.project_execution", "", "", "合计", "执行率", "95.79%", 95.79),
            ("evaluation.project_execution", "", "", "合计", "指标结余", "557.79", 557.79),
            // p.8, after two page breaks with the header repeated: 7 应急资金
            ("evaluation.project_execution", "", "", "应急资金", "预算到位", "70.00", 70.0),
            ("evaluation.project_execution", "", "", "应急资金", "执行率", "25.00%", 25.0),
        ],
    );
    // 预算批复 = 实际执行 + 指标结余 on each of its 18 rows (`-` is none).
    let d = &o.document;
    assert_eq!((d.checks_passed, d.checks_failed, d.checks_skipped), (18, 0, 0));
}

#[test]
fn every_table_the_corpus_lists_is_found() {
    // `expected_tables.csv`: doc, table, has_numbers, printed title. A table
    // that prints numbers gives facts; one printed blank gives an
    // `empty_table` finding, or facts of amount 0 where it prints zeros.
    let list = root().join("../shared/corpus/expected_tables.csv");
    let Ok(csv) = std::fs::read_to_string(&list) else {
        eprintln!("note: {} is absent; corpus test skipped", list.display());
        return;
    };
    let mut outcomes = std::collections::HashMap::new();
    let (mut numbers, mut blank, mut missed) = (0, 0, vec![]);
    for line in csv.lines().skip(1) {
        let mut fields = line.splitn(4, ',');
        let (Some(doc), Some(table), Some(has_numbers)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        if table.is_empty() {
            continue; // a document listed as holding no catalog table
        }
        let o = outcomes.entry(doc).or_insert_with(|| process(&root().join("../shared/corpus").join(doc)));
        let has_facts = o.facts.iter().any(|f| f.table == table);
        let found = if has_numbers == "1" {
            numbers += 1;
            has_facts
        } else {
            blank += 1;
            has_facts || o.findings.iter().any(|f| f.check == "empty_table" && f.table.as_deref() == Some(table))
        };
        if !found {
            missed.push(format!("{doc} {table} (has_numbers {has_numbers})"));
        }
    }
    eprintln!("tables with numbers: {numbers}; printed blank: {blank}; not found: {}", missed.len());
    assert!(numbers > 0 && missed.is_empty(), "not found:\n  {}", missed.join("\n  "));
}
