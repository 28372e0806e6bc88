//! Row keys: a row's item (its label, qualified by its parent when
//! repeated), the label printed on a row of its own above or below its
//! values, and a name's tail wrapped onto the next row.

use super::codes::CodeState;
use super::{code_system, Ctx, Normalized};
use crate::config::{Check, Rows, TableSpec};
use crate::parse::{Grid, GridRow};
use crate::text;

/// Per-part state carried down the rows: code parents and labels seen.
pub(super) struct Keys {
    pub(super) codes: Vec<CodeState>,
    pub(super) alt_codes: Vec<CodeState>,
    seen: Vec<Vec<String>>,
    parent: Vec<String>,
    /// The code and label of a row printed without values, and its line.
    pub(super) bare: Vec<Option<(Option<String>, String, u32)>>,
    /// The last row printing values: its line, code, label, item, and the
    /// index of its first fact.
    pub(super) valued: Vec<Option<Valued>>,
}

impl Keys {
    pub(super) fn new(parts: usize) -> Self {
        Keys {
            codes: vec![CodeState::default(); parts],
            alt_codes: vec![CodeState::default(); parts],
            seen: vec![vec![]; parts],
            parent: vec![String::new(); parts],
            bare: vec![None; parts],
            valued: vec![None; parts],
        }
    }

    /// The code and label of the row right above, when it printed no values:
    /// jsgy prints a 类 row's amount on the next line, alone.
    pub(super) fn bare_above(&mut self, i: usize, line: u32, step: u32) -> Option<(Option<String>, String)> {
        let (code, label, at) = self.bare.get_mut(i)?.take()?;
        (at + step == line).then_some((code, label))
    }
}

/// A row printing values, as `wrapped_tail` asks of it: its item, code and
/// label are those of its facts (no copies kept for every row).
#[derive(Clone, Copy)]
pub(super) struct Valued {
    /// The row's line, or that of the last tail joined to its label.
    pub(super) line: u32,
    /// Bytes of its label, which ends its facts' item.
    pub(super) label_len: usize,
    /// Its facts' range in the table's facts.
    pub(super) facts: (usize, usize),
}

/// A label printed alone right below a row of values that completes one
/// of that row's label cells to a name of the national lists (its code's,
/// or with no code any code's): the tail of a name wrapped onto a row of
/// its own (`机关事业单位基本养老保险缴` then `费支出`, as tabula-style
/// extractors print it). The row's facts take the whole name; read alone,
/// the tail was lost and the item cut.
pub(super) fn wrapped_tail(
    ctx: &Ctx,
    grid: &Grid,
    row: &GridRow,
    i: usize,
    tail: &str,
    keys: &mut Keys,
    out: &mut Normalized,
) -> bool {
    let next = |v: &Valued| v.line + grid.step == row.line && v.label_len > 0 && !tail.is_empty();
    let Some(above) = keys.valued[i].filter(next) else {
        return false;
    };
    let (from, to) = above.facts;
    let Some(first) = out.facts[from..to].first() else { return false };
    let (code, old) = (first.code.clone(), first.item.clone());
    let Some(split) = old.len().checked_sub(above.label_len) else { return false };
    let (parent, label) = old.split_at(split);
    let system = code.as_ref().and(code_system(ctx, grid, i));
    // A label joined from several cells (`机关事业单位基本养老保/工资福利支出`):
    // the tail continues one of them, the last first.
    let cells: Vec<&str> = label.split('/').collect();
    let Some(at) = (0..cells.len()).rev().find(|&k| {
        let whole = format!("{}{tail}", cells[k]);
        ctx.names.names(code.as_deref(), system, &whole)
    }) else {
        return false;
    };
    let label: Vec<String> =
        cells.iter().enumerate().map(|(k, c)| if k == at { format!("{c}{tail}") } else { c.to_string() }).collect();
    let label = label.join("/");
    let item = format!("{parent}{label}");
    for f in out.facts[from..to].iter_mut().filter(|f| f.item == old) {
        f.item = item.clone();
    }
    keys.valued[i] = Some(Valued { line: row.line, label_len: label.len(), facts: above.facts });
    true
}

/// A label printed alone right below a row of values that printed none
/// (jsgy prints a table's 合计 amounts on the line above the word, and its
/// facts had an empty item): the row's facts take it as their item.
pub(super) fn label_above_values(
    ctx: &Ctx,
    grid: &Grid,
    row: &GridRow,
    i: usize,
    label: &str,
    keys: &mut Keys,
    out: &mut Normalized,
) {
    let next = |v: &Valued| v.line + grid.step == row.line && v.label_len == 0 && !label.is_empty();
    let Some(above) = keys.valued[i].filter(next) else { return };
    let (from, to) = above.facts;
    if out.facts[from..to].first().is_none_or(|f| f.code.is_some()) {
        return;
    }
    let label = super::completed_total(ctx, label.to_string(), row.line, out);
    let label_len = label.len();
    let item = item(ctx, keys, i, label, false, false);
    for f in &mut out.facts[from..to] {
        f.item.clone_from(&item);
    }
    keys.valued[i] = Some(Valued { line: row.line, label_len, facts: above.facts });
}

/// Text that extraction pushed into the one code cell belongs to the label
/// (seed 003 prints `人 | .员经费合计`); text in several code cells is a
/// header fused into the row (`类 | 款 | 项 | 合计`) and is dropped.
pub(super) fn code_texts(codes: &[String]) -> &str {
    let mut texts = codes.iter().filter(|c| text::has_cjk(c));
    match (texts.next(), texts.next()) {
        (Some(t), None) => t,
        _ => "",
    }
}

/// The declared total row a label is the truncation of, by one final
/// character (seed 003 prints `公用经费合` for 公用经费合计).
pub(super) fn truncated_total(spec: Option<&TableSpec>, label: &str) -> Option<String> {
    let totals = spec?.checks.iter().flat_map(|c| match c {
        Check::Hierarchy { totals } => totals.clone(),
        Check::ItemSum { total, else_total, .. } => std::iter::once(total).chain(else_total).cloned().collect(),
        _ => vec![],
    });
    let hits: Vec<String> = totals
        .filter(|t| {
            t.chars().count() == label.chars().count() + 1 && t.starts_with(label) && label.chars().count() >= 3
        })
        .collect();
    (hits.len() == 1).then(|| hits[0].clone())
}

pub(super) fn remember(keys: &mut Keys, i: usize, label: &str) {
    if !label.is_empty() && !keys.seen[i].iter().any(|s| s == label) {
        keys.seen[i].push(label.to_string());
        keys.parent[i] = label.to_string();
    }
}

/// The row's item. Summary tables key rows by label, so a label repeated
/// inside a section is qualified by the nearest earlier unrepeated label. A
/// coded row is keyed by its code: 西安's 政府采购 prints one purchase per
/// row, code and name repeated, and each stays its own name.
pub(super) fn item(ctx: &Ctx, keys: &mut Keys, i: usize, label: String, coded: bool, lone: bool) -> String {
    if label.is_empty() && !coded && lone {
        return "合计".to_string();
    }
    let by_item = ctx.spec.is_none_or(|s| s.rows == Rows::Item);
    if by_item && !coded && !label.is_empty() && keys.seen[i].contains(&label) {
        return format!("{}/{}", keys.parent[i], label);
    }
    remember(keys, i, &label);
    label
}
