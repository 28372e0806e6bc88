//! The pipeline files exactly as written (`pipelines/*.toml`). These serde
//! structs reject unknown keys and stop here: `config::Pipeline` is what the
//! stages see. Doc comments on fields are the user documentation.

use crate::model::{CodeSystem, ReportKind};
use serde::Deserialize;

/// One pipeline file: any of the three sections may be present.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct File {
    /// How a report's unit, year, kind and money unit are found.
    pub detect: Option<Detect>,
    /// Header words that mark code, label and row-number columns.
    pub headers: Option<Headers>,
    /// Canonical tables; a table whose id already exists replaces it.
    #[serde(default, rename = "table")]
    pub tables: Vec<Table>,
    /// Classification lists replacing the embedded ones.
    pub reference: Option<ReferenceFiles>,
    /// Vocabulary of performance tables (绩效目标表, 自评表).
    pub indicators: Option<IndicatorWords>,
    /// Words a title may add or leave out without naming another table.
    pub titles: Option<Titles>,
}

/// Filler words of titles (`[titles]`), compared after normalization: a
/// printed title and a catalog title or alias name the same table when they
/// are equal without them.
#[derive(Debug, Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    /// Dropped from the start of a title: 部门收入支出决算总表 is 收入支出决算总表.
    #[serde(default)]
    pub leading: Vec<String>,
    /// Dropped, one after another, from just before the closing 表:
    /// 收入决算总表, 收支总体情况表, 一般公共预算支出预算表.
    #[serde(default)]
    pub trailing: Vec<String>,
}

/// CSV code lists (`code,level,name,valid_from,valid_to,source`), paths
/// relative to the pipeline file (`[reference]`).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct ReferenceFiles {
    /// 支出功能分类 list.
    pub function: Option<String>,
    /// 支出经济分类 list.
    pub economic: Option<String>,
}

/// Detection settings (`[detect]`).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Detect {
    /// How many non-empty lines from the top make the report's title.
    pub title_lines: usize,
    /// Report kinds with the words that identify them, checked in order.
    pub report_words: Vec<ReportWords>,
    /// Prefixes of the line that names the reporting unit (`单位：…`).
    pub unit_prefixes: Vec<String>,
    /// Words a title may print between the unit's name and the year or the
    /// report words (`关于`, `本级`, `整体支出`); one is dropped from the name.
    pub title_unit_trailers: Vec<String>,
    /// Endings of a unit's name (局, 中心, 委员会 …): a cover printing the
    /// unit on a line of its own below the report words names it so.
    #[serde(default)]
    pub unit_suffixes: Vec<String>,
    /// Labels of lines printed about a table, not in it (`打印日期：…`,
    /// `制表人：…`): page furniture like a `单位：` line, never prose that
    /// ends a table.
    #[serde(default)]
    pub furniture_labels: Vec<String>,
}

/// Words that identify one report kind.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct ReportWords {
    /// The report kind.
    pub report: ReportKind,
    /// Any of these in the title lines identifies it.
    pub words: Vec<String>,
}

/// Header vocabulary (`[headers]`), compared after normalization.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Headers {
    /// Headers of columns holding classification codes or code parts.
    pub code: Vec<String>,
    /// Headers of columns holding row labels.
    pub label: Vec<String>,
    /// Headers of row-number columns (行次), never values.
    pub row_number: Vec<String>,
    /// Cells that mark the column-number row (栏次, **).
    pub column_number_marks: Vec<String>,
    /// Headers of columns holding sub-unit codes (单位编码).
    pub unit_code: Vec<String>,
    /// Row-label words of a breakdown of the row above (`其中：…`): such
    /// rows are never addends of a column sum.
    #[serde(default)]
    pub breakdown: Vec<String>,
    /// Headers of score columns (自评分数) in tables read as a grid: their
    /// numbers are points, so they become indicators, never amounts.
    #[serde(default)]
    pub score: Vec<String>,
    /// Headers of label columns naming projects (项目名称): a score on such a
    /// row is the project's total.
    #[serde(default)]
    pub project: Vec<String>,
    /// Endings of headers of columns of quantities, not money (编制数,
    /// 在职人数, `公务用车数量(辆)`, `房屋面积(平方米)`): their numbers stay as
    /// printed in a table in 元.
    #[serde(default)]
    pub quantities: Vec<String>,
}

/// How a table's rows are keyed.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Rows {
    /// By classification code (科目编码), with the name as item.
    Code,
    /// By printed label (summary tables), qualified by section.
    Item,
}

/// One canonical table (`[[table]]`).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Canonical id, `<report>.<name>`, e.g. `final.income`.
    pub id: String,
    /// Canonical Chinese title.
    pub title: String,
    /// Printed titles that name this table (matched without year, numbering,
    /// quotes, brackets and spaces).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// How rows are keyed.
    pub rows: Rows,
    /// Classification of the codes, for `rows = "code"`.
    pub code_system: Option<CodeSystem>,
    /// Section names of side-by-side blocks, by position.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Canonical columns in printed order.
    pub columns: Vec<Column>,
    /// The catalog names this table's columns "as printed" (budget.income):
    /// a column outside `columns` keeps its printed header path and is no
    /// warning, since templates differ in which income sources they print.
    #[serde(default)]
    pub printed_columns: bool,
    /// Templates may print this table transposed: its columns as rows
    /// (三公 tables listing 公务接待费 … under `2024年预算数 | 2025年预算数`).
    #[serde(default)]
    pub may_transpose: bool,
    /// Arithmetic the table promises.
    #[serde(default)]
    pub checks: Vec<Check>,
    /// Title endings that name this table when no title matches whole
    /// (seed 003 prints `…信息技术中心项目自评表`, with the unit's name).
    #[serde(default)]
    pub title_suffixes: Vec<String>,
    /// Performance tables only: rows are read into indicators by column roles.
    pub layout: Option<Layout>,
    /// Roles of the columns of indicator rows, in printed order (`layout` tables).
    #[serde(default)]
    pub roles: Vec<RoleColumn>,
    /// Roles of the columns of budget-execution rows (预算执行情况), in printed order.
    #[serde(default)]
    pub execution: Vec<RoleColumn>,
    /// First cells of the row naming the project a score sheet is about (`项目名称`).
    #[serde(default)]
    pub project_labels: Vec<String>,
    /// First cells of the row naming the item of the money rows below it
    /// that print no label of their own (北京 预算13表 `部门名称 | 北京市统计局`
    /// above its row of amounts).
    #[serde(default)]
    pub item_labels: Vec<String>,
    /// Column of amounts printed inside a label cell (`其中：基本支出：684.17`).
    pub inline_column: Option<String>,
}

/// How a performance table is laid out.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// 绩效目标表: project rows with money, indicator rows below them; merged
    /// cells carry the project and levels down across pages.
    Targets,
    /// 自评表 / 指标体系: budget-execution rows, indicator rows with scores and a
    /// total; each header row starts a new block of levels.
    Scoresheet,
}

/// What a column of a performance table holds.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 单位编码: the fact's code (code_system unit).
    Code,
    /// 项目名称: the facts' item and the indicators' project.
    Project,
    /// 单位名称, or the label of a budget-execution row: the facts' item only
    /// (a whole-unit table's indicators have no project).
    Item,
    /// A money cell: one fact in `column`, converted to 万元.
    Money,
    /// A non-money number (分值, 执行率, 得分 of execution rows): one fact in `column`.
    Number,
    /// Text that is neither kept nor a value (绩效目标, 指标解释, 评分标准).
    Text,
    /// 一级指标.
    Level1,
    /// 参考分值 of the 一级指标.
    Level1Weight,
    /// 二级指标.
    Level2,
    /// 参考分值 of the 二级指标.
    Level2Weight,
    /// 三级指标.
    Level3,
    /// 指标值 / 年初目标值 / 年度指标值.
    Target,
    /// 实际完成值.
    Actual,
    /// 度量单位 / 计量单位.
    MeasureUnit,
    /// 指标值类型 (≥ ≤ = 定性).
    Operator,
    /// 分值 / 参考分值 of the indicator.
    Weight,
    /// 得分 / 分数.
    Score,
}

/// What a cell must look like to fill a role.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Values {
    /// Anything but a bare number or a comparison sign.
    Label,
    /// One of `[indicators] level1`.
    Level1,
    /// A name ending with `[indicators] level_suffix`, not a 一级 name.
    Level2,
    /// A name not ending with the level suffix: a project or a 三级 name.
    Name,
    /// A unit code: digits.
    Code,
    /// A number: money as templates print it (`1,855.75`, `47.50`) or as a
    /// spreadsheet does (`1200`). What keeps `3.00` out of a weight column
    /// is the cost `align` puts on money-like cells outside money columns.
    Amount,
    /// A number without thousands separators, possibly followed by `%` or `分`.
    Number,
    /// One of `[indicators] operators`.
    Operator,
    /// One of `[indicators] measure_units`, or a short word.
    Unit,
    /// Anything but a lone comparison sign.
    Any,
}

/// One column of a performance table.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RoleColumn {
    /// What it holds.
    pub role: Role,
    /// Printed headers (one suffices; matched inside garbled header cells).
    /// Value roles whose headers a sheet's header row does not print are
    /// absent from that sheet; roles without headers are always present.
    /// `上级/下级` names a column under a merged header: `下级` printed in a
    /// header row below a cell holding `上级` that spans it (`财政拨款/基本支出`);
    /// it wins over a plain header naming the same cell.
    #[serde(default)]
    pub headers: Vec<String>,
    /// Canonical column of the facts, for `money` and `number`.
    pub column: Option<String>,
    /// What its cells look like; each role has a default.
    pub values: Option<Values>,
    /// Extraction splits its text over several cells, to be joined.
    #[serde(default)]
    pub join: bool,
}

/// Vocabulary of performance tables (`[indicators]`).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct IndicatorWords {
    /// The 一级指标 names.
    pub level1: Vec<String>,
    /// The ending of 一级 and 二级 names (`指标`); a name cut before it is completed.
    pub level_suffix: String,
    /// Complete 二级 names, never joined with the label above them.
    pub level2: Vec<String>,
    /// Which 一级 name each 二级 name belongs to, for score sheets that print
    /// the 一级 name below rows of its span (seed 003 line 722).
    #[serde(default)]
    pub families: Vec<Family>,
    /// 指标值类型 as printed, with the operator written for each.
    pub operators: Vec<OperatorWord>,
    /// Measure words that follow a number (`%`, `人`, `万元`).
    pub measure_units: Vec<String>,
    /// First cells of a score sheet's total row (`总分`).
    pub total_rows: Vec<String>,
    /// Labels of a table's money total row (`合计`): short words that are
    /// never a measure unit.
    #[serde(default)]
    pub money_totals: Vec<String>,
    /// `level1` written for a total score.
    pub total_label: String,
    /// Sentences that state a report's total score, for sheets that print none.
    #[serde(default)]
    pub score_sentences: Vec<ScoreSentence>,
}

/// A 一级 name and the 二级 names under it.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Family {
    /// The 一级 name.
    pub level1: String,
    /// Its 二级 names.
    pub level2: Vec<String>,
}

/// One printed operator.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct OperatorWord {
    /// As printed (`≦`, `大于等于`).
    pub printed: String,
    /// As written to `operator` (`≤`, `≥`).
    pub operator: String,
}

/// Words after which prose states the total score (`自评得分为 97.83 分`).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct ScoreSentence {
    /// Any of these, followed by the number and `分`.
    pub words: Vec<String>,
    /// Tables the total may belong to: the first the report has indicators
    /// of, and no printed total.
    pub tables: Vec<String>,
}

/// One canonical column.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Canonical name or path (`决算数/公务接待费`).
    pub name: String,
    /// Other printed headers or header paths for it.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Only in this section's block.
    pub section: Option<String>,
    /// Printed as a percentage (`95.79%`): read as the number before `%`,
    /// never scaled as money.
    #[serde(default)]
    pub percent: bool,
}

/// One arithmetic promise of a table.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields, tag = "kind", rename_all = "snake_case")]
pub enum Check {
    /// On every row: `total` = sum of `parts` (columns).
    RowSum { total: String, parts: Vec<String> },
    /// In every column and section: the total row (no code, item in
    /// `totals`) = sum of 类 rows, 类 = sum of its 款, 款 = sum of its 项.
    Hierarchy {
        /// Items of the total rows.
        #[serde(default = "default_totals")]
        totals: Vec<String>,
    },
    /// In one section: item `total` = sum of items `parts`; `["*"]` means
    /// every item printed above the total in that section.
    ItemSum {
        section: Option<String>,
        column: String,
        total: String,
        /// The item that closes the section where no `total` row is
        /// printed (上海 prints 支出总计 right under the classes, with no
        /// 本年支出合计): with `["*"]`, the items above it add up to it
        /// just as well, carry-overs and all.
        #[serde(default)]
        else_total: Option<String>,
        parts: Vec<String>,
    },
    /// A cell equals a cell of another (or the same) table of the report.
    Equal {
        section: Option<String>,
        column: String,
        item: String,
        other_table: String,
        other_section: Option<String>,
        other_column: String,
        other_item: String,
    },
    /// Every 类 row of this table equals the item of the same name (or of a
    /// name the reference gives its code) in a section of a summary table;
    /// with `other_total`, every item printed above that total which names a
    /// class this table does not print must be zero.
    ClassItems {
        column: String,
        other_table: String,
        other_section: Option<String>,
        other_column: String,
        other_total: Option<String>,
    },
}

fn default_totals() -> Vec<String> {
    vec!["合计".to_string()]
}
