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
    /// Arithmetic the table promises.
    #[serde(default)]
    pub checks: Vec<Check>,
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
    ItemSum { section: Option<String>, column: String, total: String, parts: Vec<String> },
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
