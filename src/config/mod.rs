//! Pipeline configuration: `pipelines/*.toml` resolved into a [`Pipeline`]
//! the stages use. The shipped files are embedded in the binary; `--pipeline`
//! files are layered on top (a table with an existing id replaces it). Every
//! problem in every file is reported in one pass, naming file and key.

pub mod raw;
mod titles;
mod words;

pub use words::{HeaderWords, Named};

pub use raw::{Check, Headers, Layout, Role, Rows, Values};

use crate::model::{CodeSystem, ReportKind};
use crate::reference::Reference;
use crate::text;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The files shipped in `pipelines/`, in load order.
const EMBEDDED: [(&str, &str); 5] = [
    ("pipelines/common.toml", include_str!("../../pipelines/common.toml")),
    ("pipelines/final.toml", include_str!("../../pipelines/final.toml")),
    ("pipelines/budget.toml", include_str!("../../pipelines/budget.toml")),
    ("pipelines/targets.toml", include_str!("../../pipelines/targets.toml")),
    ("pipelines/evaluation.toml", include_str!("../../pipelines/evaluation.toml")),
];

/// Every problem found in the configuration, one per line.
#[derive(Debug, thiserror::Error)]
#[error("invalid pipeline configuration:\n  {}", .0.join("\n  "))]
pub struct ConfigError(pub Vec<String>);

/// A canonical column, normalized.
#[derive(Debug, Clone)]
pub struct ColumnSpec {
    /// Canonical path.
    pub name: String,
    /// Every header path that maps to it, the name first.
    pub keys: Vec<String>,
    /// Only in this section.
    pub section: Option<String>,
    /// Printed with `%`, not money.
    pub percent: bool,
}

/// A canonical table, resolved.
#[derive(Debug, Clone)]
pub struct TableSpec {
    /// Canonical id.
    pub id: String,
    /// Report kind, from the id's prefix.
    pub report: ReportKind,
    /// Canonical title.
    pub title: String,
    /// Title keys (see [`text::title_key`]) that name it, without `[titles]` fillers.
    pub title_keys: Vec<String>,
    /// Title keys with their trailing words as written (leading fillers
    /// dropped): what names it in a report of another kind.
    pub own_title_keys: Vec<String>,
    /// Row keying.
    pub rows: Rows,
    /// Code classification.
    pub code_system: Option<CodeSystem>,
    /// Section names by block position.
    pub sections: Vec<String>,
    /// Columns in printed order.
    pub columns: Vec<ColumnSpec>,
    /// Columns outside `columns` are expected (see [`raw::Table::printed_columns`]).
    pub printed_columns: bool,
    /// It may be printed transposed (see [`raw::Table::may_transpose`]).
    pub may_transpose: bool,
    /// Declared checks.
    pub checks: Vec<Check>,
    /// Title-key endings that name it when no title key matches whole.
    pub title_suffixes: Vec<String>,
    /// How a performance table's rows are read (`indicators`), if it is one.
    pub layout: Option<LayoutSpec>,
}

/// A performance table's column roles, resolved (see [`raw::Table::roles`]).
#[derive(Debug, Clone)]
pub struct LayoutSpec {
    /// Targets or score sheet.
    pub layout: Layout,
    /// Roles of indicator rows, in printed order.
    pub roles: Vec<RoleSpec>,
    /// Roles of budget-execution rows, in printed order.
    pub execution: Vec<RoleSpec>,
    /// First cells of the row naming a score sheet's project, normalized.
    pub project_labels: Vec<String>,
    /// First cells of the row naming the item of unlabelled money rows, normalized.
    pub item_labels: Vec<String>,
    /// Column of amounts printed inside label cells.
    pub inline_column: Option<String>,
    /// The own words of the headers of `roles` and of `execution`, each
    /// list searched in one pass: every row of a performance table is asked
    /// whether it is a header.
    pub header_words: [HeaderWords; 2],
}

/// One column role, normalized, with its cell shape defaulted.
#[derive(Debug, Clone)]
pub struct RoleSpec {
    /// What the column holds.
    pub role: Role,
    /// Printed headers, normalized.
    pub headers: Vec<String>,
    /// Canonical fact column, for money and number roles.
    pub column: Option<String>,
    /// What its cells look like.
    pub values: Values,
    /// Text split over several cells is joined.
    pub join: bool,
}

impl RoleSpec {
    /// Each header as (the merged header printed above it, its own word):
    /// `财政拨款/基本支出` is 基本支出 under 财政拨款, `基本支出` is 基本支出 anywhere.
    pub fn header_paths(&self) -> impl Iterator<Item = (Option<&str>, &str)> {
        self.headers.iter().map(|w| match w.rsplit_once('/') {
            Some((up, own)) => (Some(up), own),
            None => (None, w.as_str()),
        })
    }
}

/// The resolved configuration every stage reads.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// Detection settings.
    pub detect: raw::Detect,
    /// Header vocabulary.
    pub headers: Headers,
    /// Canonical tables.
    pub tables: Vec<TableSpec>,
    /// National classification lists that codes are checked against.
    pub reference: Reference,
    /// Vocabulary of performance tables, normalized.
    pub indicators: Option<raw::IndicatorWords>,
    /// Filler words titles are compared without.
    pub titles: titles::Fillers,
    /// First 16 hex digits of the SHA-256 of every file's text, in load order.
    pub hash: String,
}

impl Pipeline {
    /// The embedded pipeline plus the given override files.
    pub fn load(extra: &[impl AsRef<Path>]) -> Result<Pipeline, ConfigError> {
        let mut sources: Vec<(String, String)> = EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        for path in extra {
            let path = path.as_ref();
            match std::fs::read_to_string(path) {
                Ok(t) => sources.push((path.display().to_string(), t)),
                Err(e) => return Err(ConfigError(vec![format!("{}: cannot read: {e}", path.display())])),
            }
        }
        Pipeline::from_sources(&sources)
    }

    /// Resolves named TOML texts, layered in order.
    pub fn from_sources(sources: &[(String, String)]) -> Result<Pipeline, ConfigError> {
        let mut errors = Vec::new();
        let mut detect = None;
        let mut headers = None;
        let mut indicators = None;
        let mut fillers = None;
        let mut tables: Vec<TableSpec> = Vec::new();
        let mut reference = Reference::embedded().map_err(|e| e.to_string());
        let mut hasher = Sha256::new();
        for (name, body) in sources {
            hasher.update(body.as_bytes());
            let file: raw::File = match toml::from_str(body) {
                Ok(f) => f,
                Err(e) => {
                    errors.push(format!("{name}: {}", e.to_string().trim_end().replace('\n', "\n    ")));
                    continue;
                }
            };
            if let (Some(files), Ok(r)) = (&file.reference, &mut reference) {
                errors.extend(override_lists(r, files, name, &mut hasher));
            }
            detect = file.detect.or(detect);
            headers = file.headers.map(resolve_headers).or(headers);
            indicators = file.indicators.map(resolve_indicator_words).or(indicators);
            fillers = file.titles.or(fillers);
            for (i, t) in file.tables.into_iter().enumerate() {
                match resolve_table(t) {
                    Ok(spec) => upsert(&mut tables, spec),
                    Err(msgs) => errors.extend(msgs.into_iter().map(|m| format!("{name}: table[{i}] {m}"))),
                }
            }
        }
        if let Some(t) = tables.iter().find(|t| t.layout.is_some()).filter(|_| indicators.is_none()) {
            errors.push(format!("{}: a layout needs an [indicators] section in some pipeline file", t.id));
        }
        let titles = titles::Fillers::new(&fillers.unwrap_or_default());
        errors.extend(core_title_keys(&mut tables, &titles));
        let detect = detect.ok_or(()).map_err(|_| "no [detect] section in any pipeline file".to_string());
        let headers = headers.ok_or(()).map_err(|_| "no [headers] section in any pipeline file".to_string());
        match (detect, headers, reference, errors.is_empty()) {
            (Ok(detect), Ok(headers), Ok(reference), true) => {
                let hash = hex16(&hasher.finalize());
                Ok(Pipeline { detect, headers, tables, reference, indicators, titles, hash })
            }
            (d, h, r, _) => {
                errors.extend(d.err());
                errors.extend(h.err());
                errors.extend(r.err());
                Err(ConfigError(errors))
            }
        }
    }

    /// The table a printed title names, preferring tables of `report`. A
    /// table of another kind is named only by the title's own trailing
    /// words: a budget's 项目支出预算表 is not the evaluation report's
    /// 项目支出情况表, although both are 项目支出表 once fillers are dropped.
    pub fn table_for_title(&self, printed: &str, report: Option<ReportKind>) -> Option<&TableSpec> {
        let key = self.titles.core(printed);
        let key = key.as_ref();
        let mut hits = self.tables.iter().filter(|t| t.title_keys.iter().any(|k| k == key));
        let Some(first) = hits.next() else {
            // Titles that carry the unit's name end with the table's name.
            return self.tables.iter().find(|t| t.title_suffixes.iter().any(|s| key.ends_with(s.as_str())));
        };
        if report.is_none() || Some(first.report) == report {
            return Some(first);
        }
        let own = self.titles.without_leading(printed);
        let other_kind = |t: &&TableSpec| t.own_title_keys.iter().any(|k| k == own);
        hits.find(|t| Some(t.report) == report).or(Some(first).filter(other_kind))
    }
}

/// Replaces code lists named by a pipeline file; errors name the list's
/// file and line.
fn override_lists(r: &mut Reference, files: &raw::ReferenceFiles, name: &str, hasher: &mut Sha256) -> Vec<String> {
    let dir = Path::new(name).parent().unwrap_or(Path::new("."));
    let mut errors = vec![];
    for (slot, file) in [(&mut r.function, &files.function), (&mut r.economic, &files.economic)] {
        let Some(file) = file else { continue };
        let path = dir.join(file);
        let parsed = std::fs::read_to_string(&path)
            .map_err(|e| format!("{name}: [reference] {}: cannot read: {e}", path.display()))
            .and_then(|text| {
                hasher.update(text.as_bytes());
                Reference::parse_list(&path.display().to_string(), &text).map_err(|e| e.to_string())
            });
        match parsed {
            Ok(list) => *slot = list,
            Err(e) => errors.push(e),
        }
    }
    errors
}

/// Replaces every table's title keys by their cores; two tables of one
/// report kind left with the same core could not be told apart by title.
fn core_title_keys(tables: &mut [TableSpec], titles: &titles::Fillers) -> Vec<String> {
    for t in tables.iter_mut() {
        let cores = |keys: &[String]| keys.iter().map(|k| titles.core(k).into_owned()).collect::<Vec<_>>();
        t.own_title_keys = t.title_keys.iter().map(|k| titles.without_leading(k).to_string()).collect();
        (t.title_keys, t.title_suffixes) = (cores(&t.title_keys), cores(&t.title_suffixes));
        t.title_keys.sort();
        t.title_keys.dedup();
    }
    let mut errors = vec![];
    for (i, a) in tables.iter().enumerate() {
        for b in tables[i + 1..].iter().filter(|b| b.report == a.report) {
            if let Some(k) = a.title_keys.iter().find(|k| b.title_keys.contains(k)) {
                errors.push(format!(
                    "tables {} and {} are both titled {k:?} once [titles] fillers are dropped",
                    a.id, b.id
                ));
            }
        }
    }
    errors
}

fn upsert(tables: &mut Vec<TableSpec>, spec: TableSpec) {
    match tables.iter_mut().find(|t| t.id == spec.id) {
        Some(slot) => *slot = spec,
        None => tables.push(spec),
    }
}

/// The same vocabulary, normalized the way cells are before they are compared.
fn resolve_headers(h: Headers) -> Headers {
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

fn resolve_table(t: raw::Table) -> Result<TableSpec, Vec<String>> {
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
fn resolve_indicator_words(w: raw::IndicatorWords) -> raw::IndicatorWords {
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

/// First 16 hex digits of a digest.
pub fn hex16(digest: &[u8]) -> String {
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_code_list_names_file_and_line() {
        let dir = std::env::temp_dir().join(format!("budgetlake-ref-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
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
        assert_eq!(
            p.table_for_title(&text::title_key("项目支出预算表"), Some(ReportKind::Budget)).map(|t| &t.id),
            None
        );
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
}
