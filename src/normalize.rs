//! The `normalize` stage: a parsed grid → facts in the canonical vocabulary.
//! It maps header paths to canonical columns, joins split and broken codes
//! into full codes, keys summary rows by label and converts money units. It
//! never changes a printed number; doubts become findings.

mod codes;
mod columns;
mod labels;
mod transpose;

pub use codes::level as code_level;
pub use columns::UNNAMED_COLUMN;

use crate::config::{Rows, TableSpec};
use crate::model::{Amount, CodeSystem, Fact, Finding, Indicator, MoneyUnit, Severity};
use crate::parse::{Grid, GridRow, Part};
use crate::reference::Reference;
use crate::segment::Block;
use crate::text;
use columns::{map_columns, unnamed_finding};
use labels::{code_texts, item, label_above_values, remember, truncated_total, wrapped_tail, Keys, Valued};

/// Table id of tables the catalog does not cover.
pub const OTHER: &str = "other";
/// Check id of a table's row extracted without TABs and left unread.
pub const SPILLED_ROW: &str = "spilled_row";
/// Check id of a row whose slid cells could not be put back in their columns.
pub const UNREAD_ROW: &str = "unread_row";

/// One table in canonical form.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// Canonical table id or `other`.
    pub table: String,
    /// Canonical title, or the printed one for `other`.
    pub title: String,
    /// Facts in row order.
    pub facts: Vec<Fact>,
    /// Problems met on the way.
    pub findings: Vec<Finding>,
    /// Cells of score columns (`[headers] score`), which are points, not money.
    pub indicators: Vec<Indicator>,
    /// (section, printed header path, canonical column) for every data column.
    pub mapping: Vec<(Option<String>, String, String)>,
}

impl Normalized {
    /// A table with nothing read from it yet: its catalog id and title, or
    /// `other` and the title as printed.
    pub fn named(block: &Block) -> Self {
        let (table, title) = match block.spec {
            Some(s) => (s.id.clone(), s.title.clone()),
            None => (OTHER.to_string(), block.title.clone()),
        };
        Normalized { table, title, facts: vec![], findings: vec![], indicators: vec![], mapping: vec![] }
    }
}

/// Turns one parsed table into facts. `default_unit` is the report's money
/// unit, used when the table's preamble prints none; `total_label` is the
/// `level1` of a project's total score.
pub fn normalize(
    block: &Block,
    grid: &Grid,
    default_unit: Option<MoneyUnit>,
    total_label: &str,
    names: &Reference,
) -> Normalized {
    let spec = block.spec;
    let unit = block.money_unit.or(default_unit.filter(|_| spec.is_some()));
    let mut out = Normalized::named(block);
    let sections: Vec<Option<String>> = grid.parts.iter().enumerate().map(|(i, p)| section(spec, i, p)).collect();
    let columns: Vec<Vec<String>> =
        grid.parts.iter().zip(&sections).map(|(p, s)| map_columns(spec, s.as_deref(), p, block, &mut out)).collect();
    let scale_exp = unit.map_or(0, MoneyUnit::scale_exp);
    let stacked = stacked(spec, grid);
    let ctx = Ctx { spec, scale_exp, sections: &sections, columns: &columns, total_label, stacked, names };
    let mut keys = Keys::new(grid.parts.len());
    let lone = grid.rows.iter().filter(|r| r.parts.iter().any(|p| !p.values.is_empty())).count() == 1;
    for row in &grid.rows {
        emit_row(&ctx, grid, row, lone, &mut keys, &mut out);
    }
    for &line in &grid.unread {
        let msg = "row's cells slid out of their columns in a way that cannot be undone without guessing; not read, \
                   so its amounts are missing (take them from the PDF)";
        out.findings.push(row_finding(Severity::Warning, UNREAD_ROW, msg.to_string(), line, &out.table));
    }
    for &line in &grid.skipped {
        let msg =
            "row holds numbers but no label or code; taken as debris of the table's rules and not read".to_string();
        out.findings.push(row_finding(Severity::Info, "skipped_row", msg, line, &out.table));
    }
    // Performance tables read their spilled rows (`indicators`); anywhere
    // else such a row's amounts are missing, and said so.
    if spec.is_none_or(|s| s.layout.is_none()) {
        for &line in &block.spills {
            let msg = "row extracted as plain text without column breaks; not read, so its amounts are missing \
                       (take them from the PDF)";
            out.findings.push(row_finding(Severity::Warning, SPILLED_ROW, msg.to_string(), line, &out.table));
        }
    }
    if let Some(s) = spec.filter(|s| s.may_transpose) {
        transpose::transpose(s, &mut out, block.title_line);
    }
    if let Some(f) = spec.and_then(|s| unnamed_finding(s, &out, block.title_line)) {
        out.findings.push(f);
    }
    // A blank table (本部门无政府性基金预算支出, 故本表为空表) is still found:
    // the finding makes it visible, since it gives no facts; its unread
    // headers lost nothing.
    if out.facts.is_empty() && spec.is_some() {
        out.findings.retain(|f| !matches!(f.check.as_str(), "unknown_column" | "columns_by_position"));
        let msg = format!("{} is found but holds no numbers (printed blank)", out.title);
        let mut f = Finding::new(Severity::Info, "empty_table", msg);
        f.line = Some(block.title_line);
        f.table = Some(out.table.clone());
        out.findings.push(f);
    }
    out
}

struct Ctx<'a> {
    spec: Option<&'a TableSpec>,
    scale_exp: i32,
    sections: &'a [Option<String>],
    columns: &'a [Vec<String>],
    total_label: &'a str,
    /// A side-by-side table printed as one block (see `stacked`): the line
    /// closing its first section, and the section of the rows below it.
    stacked: Option<(u32, String)>,
    /// The national lists, which tell a wrapped label's tail (see `wrapped_tail`).
    names: &'a Reference,
}

/// The catalog's section for the i-th part; later parts keep their printed header.
fn section(spec: Option<&TableSpec>, i: usize, part: &Part) -> Option<String> {
    spec.and_then(|s| s.sections.get(i).cloned()).or_else(|| part.section.clone())
}

/// A table the catalog declares side by side (收入 | 支出, 人员经费 |
/// 公用经费) printed as one block, its second section below the first:
/// the line after which rows are the second section's, and its name. Read
/// as one part, the expenditure rows had been put under 收入. Both sections
/// must print a total (a label holding the section's name and 合计 or
/// 总计). Totals closing their sections (`本年收入合计`, `收入总计`, then
/// the expenditure rows) end the first at its last total; totals opening
/// them (`人员经费合计` first) end it before the second's first total.
fn stacked(spec: Option<&TableSpec>, grid: &Grid) -> Option<(u32, String)> {
    let [first, second, ..] = spec?.sections.as_slice() else { return None };
    if grid.parts.len() != 1 {
        return None;
    }
    let rows: Vec<(u32, String)> = grid
        .rows
        .iter()
        .filter(|r| !r.parts[0].values.is_empty())
        .map(|r| (r.line, text::label(&r.parts[0].label)))
        .collect();
    let total = |l: &str, section: &str| l.contains(section) && (l.contains("合计") || l.contains("总计"));
    let opening = rows.first().is_some_and(|(_, l)| total(l, first));
    let second_total = rows.iter().position(|(_, l)| total(l, second))?;
    let at = if opening {
        rows[..second_total].last()?.0
    } else {
        let last = rows.iter().rposition(|(_, l)| total(l, first)).filter(|&i| i < second_total)?;
        rows[last].0
    };
    Some((at, second.clone()))
}

fn emit_row(ctx: &Ctx, grid: &Grid, row: &GridRow, lone: bool, keys: &mut Keys, out: &mut Normalized) {
    // A label without values followed by values without a label is one
    // merged cell spanning parts (seed 000: 公用经费合计 | … | 48.07).
    let mut pending = String::new();
    for (i, rp) in row.parts.iter().enumerate() {
        let system = code_system(ctx, grid, i);
        let code = keys.codes[i].full_code(&rp.codes, system);
        // Codes of tables outside the catalog are a courtesy: not reading one is no loss.
        let sev = if ctx.spec.is_some() { Severity::Warning } else { Severity::Info };
        if let Err(msg) = &code {
            out.findings.push(row_finding(sev, "unreadable_code", msg.clone(), row.line, &out.table));
        }
        let code = code.ok().flatten();
        let alt_printed = match keys.alt_codes[i].full_code(&rp.alt_codes, None) {
            Ok(alt) => alt,
            Err(msg) => {
                out.findings.push(row_finding(sev, "unreadable_code", msg, row.line, &out.table));
                None
            }
        };
        let coded = ctx.spec.is_some_and(|s| s.rows == Rows::Code);
        // Compacted first: a code printed in full-width digits is a code too.
        let inline = code.is_none().then(|| codes::inline(&text::compact(&rp.label), coded)).flatten();
        let (code, alt_code, printed_label) = match inline {
            Some((c, alt, rest)) => (Some(c), alt, rest),
            None => (code, alt_printed, rp.label.clone()),
        };
        let mut label = text::label(&format!("{}{}", code_texts(&rp.codes), printed_label));
        if rp.values.is_empty() && code.is_none() && wrapped_tail(ctx, grid, row, i, &label, keys, out) {
            continue;
        }
        let label_only = rp.unreadable.is_empty() && rp.codes.iter().all(|c| c.trim().is_empty());
        if rp.values.is_empty() && label_only {
            label_above_values(ctx, grid, row, i, &label, keys, out);
        }
        if rp.values.is_empty() {
            let keyed = code.is_some() || !label.is_empty();
            keys.bare[i] = keyed.then(|| (code.clone(), label.clone(), row.line));
            remember(keys, i, &label);
            pending = if code.is_none() { label } else { String::new() };
            continue;
        }
        if label.is_empty() && code.is_none() {
            label = std::mem::take(&mut pending);
        }
        let mut code = code;
        match keys.bare_above(i, row.line, grid.step) {
            Some((c, l)) if label.is_empty() && code.is_none() => (code, label) = (c, l),
            _ => {}
        }
        if code.is_none() {
            label = completed_total(ctx, label, row.line, out);
        }
        let label_len = label.len();
        let item = item(ctx, keys, i, label, code.is_some(), lone);
        let first_fact = out.facts.len();
        let percents =
            rp.unreadable.iter().filter_map(|(k, t)| percent(ctx, &ctx.columns[i][*k], t).map(|a| (*k, a, t, 0)));
        let units = &grid.parts[i].units;
        let scale = |k: usize| match units.get(k).copied().flatten() {
            _ if is_rate(&ctx.columns[i][k]) || grid.parts[i].quantities.get(k) == Some(&true) => 0,
            Some(unit) => unit.scale_exp(),
            None => ctx.scale_exp,
        };
        let values = rp.values.iter().map(|(k, a, t)| (*k, *a, t, scale(*k))).chain(percents);
        for (k, amount, printed, scale_exp) in values {
            if grid.parts[i].scores.get(k) == Some(&true) {
                out.indicators.push(score(ctx, &grid.parts[i], row.line, &out.table, &item, amount));
                continue;
            }
            out.facts.push(Fact {
                table: out.table.clone(),
                table_title: out.title.clone(),
                code: code.clone(),
                column: ctx.columns[i][k].clone(),
                printed: amount,
                scale_exp,
                amount_text: printed.clone(),
                section: match &ctx.stacked {
                    Some((at, below)) if row.line > *at => Some(below.clone()),
                    _ => ctx.sections[i].clone(),
                },
                item: item.clone(),
                alt_code: alt_code.clone(),
                code_system: code.as_ref().and(system),
                code_level: code.as_ref().and_then(|c| code_level(c, system)),
                line: row.line,
                unit: None,
            });
        }
        keys.valued[i] = Some(Valued { line: row.line, label_len, facts: (first_fact, out.facts.len()) });
        let unread = rp
            .unreadable
            .iter()
            .filter(|(k, t)| t.chars().any(|c| c.is_ascii_digit()) && percent(ctx, &ctx.columns[i][*k], t).is_none());
        for (k, printed) in unread {
            let msg = format!("cell {printed:?} in column {} is not a number; it was not read", ctx.columns[i][*k]);
            out.findings.push(row_finding(sev, "unreadable_number", msg, row.line, &out.table));
        }
    }
}

/// A label cut by one final character read as the declared total it is
/// (seed 003 prints `公用经费合` for 公用经费合计), with a finding.
fn completed_total(ctx: &Ctx, label: String, line: u32, out: &mut Normalized) -> String {
    let Some(total) = truncated_total(ctx.spec, &label) else { return label };
    let msg =
        format!("label {label:?} read as the declared total {total:?} (its last character was lost in extraction)");
    out.findings.push(row_finding(Severity::Info, "label_completed", msg, line, &out.table));
    total
}

/// The code system of the i-th part's codes.
fn code_system(ctx: &Ctx, grid: &Grid, i: usize) -> Option<CodeSystem> {
    if grid.parts[i].unit_codes {
        Some(CodeSystem::Unit)
    } else {
        ctx.spec.and_then(|s| s.code_system)
    }
}

/// A score cell: a project's total on a row naming a project, else the
/// score of the indicator the row names.
fn score(ctx: &Ctx, part: &Part, line: u32, table: &str, item: &str, amount: Amount) -> Indicator {
    let (project, level1, level3) = match part.projects {
        true => (Some(item.to_string()), ctx.total_label.to_string(), String::new()),
        false => (None, String::new(), item.to_string()),
    };
    Indicator {
        line,
        table: table.to_string(),
        project,
        level1,
        level3,
        score: Some(amount.value()),
        ..Indicator::default()
    }
}

/// A column of rates or shares (`增减率(%)`, `执行率`, `占比`) holds
/// percentages, which a table's money unit does not scale (in a table in
/// 元 they had been divided by 10,000) and which do not add up.
pub fn is_rate(column: &str) -> bool {
    let last = column.rsplit('/').next().unwrap_or(column);
    last.contains('%') || ["率", "占比", "比重"].iter().any(|w| last.ends_with(w))
}

/// A cell of a column the catalog declares as a percentage, read without its `%`.
fn percent(ctx: &Ctx, column: &str, printed: &str) -> Option<Amount> {
    let declared = ctx.spec?.columns.iter().any(|c| c.percent && c.name == column);
    declared.then(|| text::number(text::compact(printed).strip_suffix('%')?)).flatten()
}

pub(crate) fn row_finding(sev: Severity, check: &str, msg: String, line: u32, table: &str) -> Finding {
    let mut f = Finding::new(sev, check, msg);
    f.line = Some(line);
    f.table = Some(table.to_string());
    f
}
