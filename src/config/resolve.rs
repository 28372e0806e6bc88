//! Raw tables, layouts and words resolved into the specs the stages use:
//! vocabulary compacted as cells are, columns and roles checked against
//! each other, defaults filled in.

use super::{raw, Check, ColumnSpec, HeaderWords, Headers, LayoutSpec, Role, RoleSpec, Rows, TableSpec, Values};
use crate::model::ReportKind;
use crate::text;

/// The same vocabulary, normalized the way cells are before they are compared.
pub(super) fn resolve_headers(h: Headers) -> Headers {
    let n = |v: Vec<String>| v.iter().map(|s| text::compact(s).into_owned()).collect();
    Headers {
        code: n(h.code),
        label: n(h.label),
        row_number: n(h.row_number),
        column_number_marks: n(h.column_number_marks),
        unit_code: n(h.unit_code),
        breakdown: n(h.breakdown),
        score: n(h.score),
        project: n(h.project),
        quantities: n(h.quantities),
    }
}

pub(super) fn resolve_table(t: raw::Table) -> Result<TableSpec, Vec<String>> {
    let mut errors = Vec::new();
    let report = match t.id.split_once('.').map(|(r, _)| r) {
        Some("final") => Some(ReportKind::Final),
        Some("budget") => Some(ReportKind::Budget),
        Some("evaluation") => Some(ReportKind::Evaluation),
        _ => None,
    };
    if report.is_none() {
        errors.push(format!("{}: id must start with final., budget. or evaluation.", t.id));
    }
    if t.rows == Rows::Code && t.code_system.is_none() {
        errors.push(format!("{}: rows = \"code\" needs a code_system", t.id));
    }
    // A performance table may have no money at all (seed 002's 指标体系).
    if t.columns.is_empty() && t.layout.is_none() {
        errors.push(format!("{}: no columns", t.id));
    }
    let columns: Vec<ColumnSpec> = t.columns.iter().map(resolve_column).collect();
    for c in &columns {
        if let Some(s) = &c.section {
            if !t.sections.iter().any(|x| x == s) {
                errors.push(format!("{}: column {:?} names unknown section {s:?}", t.id, c.name));
            }
        }
    }
    errors.extend(check_refs(&t, &columns));
    let layout = resolve_layout(&t, &columns).map_err(|e| errors.extend(e)).ok().flatten();
    let title_keys = std::iter::once(&t.title).chain(&t.aliases).map(|a| text::title_key(a)).collect();
    match (report, errors.is_empty()) {
        (Some(report), true) => Ok(TableSpec {
            id: t.id,
            report,
            title: t.title,
            title_keys,
            own_title_keys: vec![],
            rows: t.rows,
            code_system: t.code_system,
            sections: t.sections,
            columns,
            printed_columns: t.printed_columns,
            may_transpose: t.may_transpose,
            checks: t.checks,
            title_suffixes: t.title_suffixes.iter().map(|s| text::title_key(s)).collect(),
            layout,
        }),
        _ => Err(errors),
    }
}

fn resolve_column(c: &raw::Column) -> ColumnSpec {
    let keys = std::iter::once(&c.name).chain(&c.aliases).map(|a| text::compact(a).into_owned()).collect();
    ColumnSpec { name: text::compact(&c.name).into_owned(), keys, section: c.section.clone(), percent: c.percent }
}

/// A performance table's roles; money and number roles must name a declared column.
fn resolve_layout(t: &raw::Table, columns: &[ColumnSpec]) -> Result<Option<LayoutSpec>, Vec<String>> {
    let Some(layout) = t.layout else {
        let stray = !t.roles.is_empty() || !t.execution.is_empty();
        return if stray { Err(vec![format!("{}: roles need a layout", t.id)]) } else { Ok(None) };
    };
    let known = |c: &str| columns.iter().any(|x| x.name == c);
    let mut errors = Vec::new();
    if t.roles.is_empty() {
        errors.push(format!("{}: layout needs roles", t.id));
    }
    let mut resolve = |list: &[raw::RoleColumn]| -> Vec<RoleSpec> {
        list.iter()
            .map(|r| {
                let column = r.column.as_deref().map(|c| text::compact(c).into_owned());
                let valued = matches!(r.role, Role::Money | Role::Number);
                if valued != column.is_some() || column.as_deref().is_some_and(|c| !known(c)) {
                    errors.push(format!(
                        "{}: role {:?} needs a declared column exactly when it is a value",
                        t.id, r.role
                    ));
                }
                let values = r.values.unwrap_or(default_values(r.role));
                RoleSpec {
                    role: r.role,
                    headers: r.headers.iter().map(|h| text::compact(h).into_owned()).collect(),
                    column,
                    values,
                    join: r.join,
                }
            })
            .collect()
    };
    let (roles, execution) = (resolve(&t.roles), resolve(&t.execution));
    let inline_column = t.inline_column.as_deref().map(|c| text::compact(c).into_owned());
    if inline_column.as_deref().is_some_and(|c| !known(c)) {
        errors.push(format!("{}: inline_column is not a declared column", t.id));
    }
    let project_labels = t.project_labels.iter().map(|l| text::compact(l).into_owned()).collect();
    let item_labels = t.item_labels.iter().map(|l| text::compact(l).into_owned()).collect();
    let header_words = match (HeaderWords::new(&roles), HeaderWords::new(&execution)) {
        (Ok(r), Ok(e)) => [r, e],
        (Err(err), _) | (_, Err(err)) => {
            errors.push(format!("{}: header words: {err}", t.id));
            return Err(errors);
        }
    };
    let spec = LayoutSpec { layout, roles, execution, project_labels, item_labels, inline_column, header_words };
    if errors.is_empty() {
        Ok(Some(spec))
    } else {
        Err(errors)
    }
}

/// The cell shape a role takes when the pipeline file says none.
fn default_values(role: Role) -> Values {
    match role {
        Role::Code => Values::Code,
        Role::Money => Values::Amount,
        Role::Number | Role::Level1Weight | Role::Level2Weight | Role::Weight | Role::Score => Values::Number,
        Role::Target | Role::Actual => Values::Any,
        Role::MeasureUnit => Values::Unit,
        Role::Operator => Values::Operator,
        Role::Project | Role::Item => Values::Name,
        Role::Text | Role::Level1 | Role::Level2 | Role::Level3 => Values::Label,
    }
}

/// Words of `[indicators]` normalized like cells.
pub(super) fn resolve_indicator_words(w: raw::IndicatorWords) -> raw::IndicatorWords {
    let n = |v: Vec<String>| v.iter().map(|s| text::compact(s).into_owned()).collect();
    let operators = w
        .operators
        .into_iter()
        .map(|o| raw::OperatorWord { printed: text::compact(&o.printed).into_owned(), ..o })
        .collect();
    raw::IndicatorWords {
        level1: n(w.level1),
        level_suffix: text::compact(&w.level_suffix).into_owned(),
        level2: n(w.level2),
        families: w
            .families
            .into_iter()
            .map(|f| raw::Family { level1: text::compact(&f.level1).into_owned(), level2: n(f.level2) })
            .collect(),
        operators,
        measure_units: n(w.measure_units),
        total_rows: n(w.total_rows),
        score_sentences: w.score_sentences.into_iter().map(|s| raw::ScoreSentence { words: n(s.words), ..s }).collect(),
        ..w
    }
}

/// Checks may only name columns the table declares.
fn check_refs(t: &raw::Table, columns: &[ColumnSpec]) -> Vec<String> {
    let known = |c: &str| columns.iter().any(|x| x.name == c);
    let mut errors = Vec::new();
    for (i, check) in t.checks.iter().enumerate() {
        let named: Vec<&String> = match check {
            Check::RowSum { total, parts } => std::iter::once(total).chain(parts).collect(),
            Check::ItemSum { column, .. } | Check::Equal { column, .. } | Check::ClassItems { column, .. } => {
                vec![column]
            }
            Check::Hierarchy { .. } => vec![],
        };
        for c in named.into_iter().filter(|c| !known(c)) {
            errors.push(format!("{}: checks[{i}]: unknown column {c:?}", t.id));
        }
    }
    errors
}
