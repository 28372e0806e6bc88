//! Pipeline configuration: `pipelines/*.toml` resolved into a [`Pipeline`]
//! the stages use. The shipped files are embedded in the binary; `--pipeline`
//! files are layered on top (a table with an existing id replaces it). Every
//! problem in every file is reported in one pass, naming file and key.

pub mod raw;
mod resolve;
mod titles;
mod words;

pub use words::{HeaderWords, Named};

pub use raw::{Check, Headers, Layout, Role, Rows, Values};

use crate::model::{CodeSystem, ReportKind};
use crate::reference::Reference;
use resolve::{resolve_headers, resolve_indicator_words, resolve_table};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
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
    /// The tables each title key names, in catalog order, built with
    /// `tables` at load: every short line of every report is looked up.
    by_title: HashMap<String, Vec<usize>>,
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
                let by_title = title_index(&tables);
                Ok(Pipeline { detect, headers, tables, reference, indicators, titles, by_title, hash })
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
        let mut hits = self.by_title.get(key).into_iter().flatten().map(|&i| &self.tables[i]);
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

fn title_index(tables: &[TableSpec]) -> HashMap<String, Vec<usize>> {
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, t) in tables.iter().enumerate() {
        for k in &t.title_keys {
            index.entry(k.clone()).or_default().push(i);
        }
    }
    index
}

fn upsert(tables: &mut Vec<TableSpec>, spec: TableSpec) {
    match tables.iter_mut().find(|t| t.id == spec.id) {
        Some(slot) => *slot = spec,
        None => tables.push(spec),
    }
}

/// First 16 hex digits of a digest.
pub fn hex16(digest: &[u8]) -> String {
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
