//! The `indicators` stage: performance tables (项目支出绩效目标表,
//! 部门整体支出绩效目标表, 自评表, 指标体系) → `indicators` rows, and their
//! money cells → facts. It reads the segmented rows itself instead of the
//! generic grid, because these tables are read by what their cells hold:
//! extraction slides the cells of merged columns, wraps names over rows and
//! garbles headers. Which tables are performance tables, their column roles
//! and their vocabulary are pipeline data (`layout`, `roles`, `[indicators]`).
//! It does not validate arithmetic; `validate` runs the declared checks on
//! the facts it returns.

mod align;
mod build;
mod cells;
mod header;
mod levels;
mod prose;
mod sheet;

pub use prose::totals_from_prose;

use crate::config::Pipeline;
use crate::model::{Fact, Finding, Indicator, MoneyUnit};
use crate::segment::Block;
use crate::text;

/// Check id of a row that could not be read into an indicator or facts.
pub const UNREADABLE: &str = "unreadable_indicator";
/// Check id of a spilled project row whose neighbours are kept without a project.
pub const PROJECT_UNKNOWN: &str = "project_unknown";
/// Check id of a repeated project row whose amount differs from its first printing.
pub const REPEAT_DIFFERS: &str = "repeated_row_differs";

/// What one performance table gave.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// Money and score cells, in row order; each project's amounts once.
    pub facts: Vec<Fact>,
    /// One per indicator row, and one per printed total score.
    pub indicators: Vec<Indicator>,
    /// Rows that could not be read, and repeated rows that disagree.
    pub findings: Vec<Finding>,
}

/// Reads a block whose catalog table has a `layout`; `None` for any other
/// block. `default_unit` is the report's money unit, used when the table's
/// preamble prints none.
pub fn read(block: &Block, pipeline: &Pipeline, default_unit: Option<MoneyUnit>) -> Option<Reading> {
    let spec = block.spec?;
    let layout = spec.layout.as_ref()?;
    let words = pipeline.indicators.as_ref()?;
    let unit = block.money_unit.or_else(|| bracketed_unit(block)).or(default_unit);
    Some(sheet::read(block, spec, layout, words, &pipeline.headers.row_number, unit))
}

/// The money unit the table's header cells state in brackets (seed 000's
/// `年度预算申请（万元）`), when it has no `单位：` line: it beats the
/// report's, which a report in 元 with its self-evaluation in 万元 would
/// have applied to amounts 10,000 times too large. Only the rows above the
/// first number: an indicator named `生均成本(元)` says nothing of the
/// money columns. `None` when cells disagree.
pub fn bracketed_unit(block: &Block) -> Option<MoneyUnit> {
    let numbered = |c: &String| text::is_number(c);
    let header = block.rows.iter().take_while(|r| !r.cells.iter().any(numbered));
    let mut stated =
        header.flat_map(|r| &r.cells).filter_map(|c| MoneyUnit::bracketed_at_end(&text::compact(c)).map(|(_, u)| u));
    let first = stated.next()?;
    stated.all(|u| u == first).then_some(first)
}
