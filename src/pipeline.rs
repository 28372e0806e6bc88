//! One document through every stage (`process`). `cmd::run` runs it on a
//! rayon pool and hands the outcomes to the writer in input order
//! (`window`), so any number of jobs writes the same bytes.

use crate::config::Pipeline;
use crate::detect::{self, Detected};
use crate::indicators;
use crate::model::{Document, Fact, Finding, Indicator, Outcome, Severity, Status};
use crate::normalize::{self, Normalized};
use crate::parse::{self, Grid};
use crate::read::{self, Input, Limits, ReadError};
use crate::segment::{self, Block};
use crate::timing::{timed, Stage};
use crate::validate::{self, Validation};
use printings::Printings;
use sha2::{Digest, Sha256};
use std::panic::{catch_unwind, AssertUnwindSafe};

mod printings;

/// Check id of a text without any TAB-separated row.
const NO_TAB_ROWS: &str = "no_tab_rows";

/// Checks whose findings make a document `partial`: something printed was not read.
const READ_PROBLEMS: [&str; 6] = [
    "unreadable_number",
    "unreadable_code",
    normalize::UNNAMED_COLUMN,
    normalize::SPILLED_ROW,
    normalize::UNREAD_ROW,
    indicators::UNREADABLE,
];

/// Everything the stages found in one text, kept for `inspect`.
pub struct Analysis<'p> {
    /// Unit, year, kind, money unit.
    pub detected: Detected,
    /// Every table: as segmented, as parsed (performance tables are not),
    /// as normalized.
    pub tables: Vec<(Block<'p>, Option<Grid>, Normalized)>,
    /// Indicator rows of the performance tables, then totals stated in prose.
    pub indicators: Vec<Indicator>,
}

/// Runs detect → segment → parse → normalize over a decoded text.
pub fn analyze<'p>(text: &str, pipeline: &'p Pipeline) -> Analysis<'p> {
    let lines = crate::text::lines(text);
    let detected = timed(Stage::Detect, || detect::detect(&lines, &pipeline.detect));
    let blocks =
        timed(Stage::Segment, || segment::segment(&lines, pipeline, detected.report, detected.unit.as_deref()));
    let mut tables = Vec::with_capacity(blocks.len());
    let mut found = vec![];
    let total_label = pipeline.indicators.as_ref().map_or("", |w| w.total_label.as_str());
    for block in blocks {
        // Performance tables (a `layout` in the pipeline) are read by
        // `indicators` alone: their generic grid, built and thrown away, was
        // 13 % of a 2,000-report `--jobs 1` run (7.6 s, now 6.6 s).
        let (grid, mut norm) =
            match timed(Stage::Indicators, || indicators::read(&block, pipeline, detected.money_unit)) {
                Some(r) => {
                    let read = Normalized {
                        facts: r.facts,
                        findings: r.findings,
                        indicators: r.indicators,
                        ..Normalized::named(&block)
                    };
                    (None, read)
                }
                None => {
                    let grid = timed(Stage::Parse, || parse::parse(&block.rows, &pipeline.headers));
                    let norm = timed(Stage::Normalize, || {
                        normalize::normalize(&block, &grid, detected.money_unit, total_label, &pipeline.reference)
                    });
                    (Some(grid), norm)
                }
            };
        found.append(&mut norm.indicators);
        tables.push((block, grid, norm));
    }
    if let Some(words) = &pipeline.indicators {
        let totals = timed(Stage::Indicators, || indicators::totals_from_prose(&lines, &found, words));
        found.extend(totals);
    }
    Analysis { detected, tables, indicators: found }
}

/// One input from bytes to outcome; a panic inside becomes a `failed` document.
pub fn process(input: &Input, pipeline: &Pipeline, limits: &Limits) -> Outcome {
    let (bytes, doc_id) = timed(Stage::Read, || {
        let bytes = read::load(input, limits);
        let id = bytes.as_ref().map(|b| doc_id(b)).unwrap_or_default();
        (bytes, id)
    });
    let size = match &bytes {
        Ok(b) => b.len() as u64,
        Err(ReadError::TooLarge { bytes, .. }) => *bytes,
        Err(_) => 0,
    };
    let result =
        catch_unwind(AssertUnwindSafe(|| bytes.and_then(|b| process_bytes(&b, &input.source, pipeline, limits))));
    let mut outcome = match result {
        Ok(Ok(o)) => o,
        Ok(Err(e)) => failed(e.to_string(), None),
        Err(panic) => failed(format!("internal error while processing: {}", panic_message(&panic)), None),
    };
    outcome.document.doc_id = doc_id;
    outcome.document.source = input.source.clone();
    outcome.document.bytes = size;
    outcome
}

/// First 16 hex digits of the SHA-256 of the bytes.
pub fn doc_id(bytes: &[u8]) -> String {
    crate::config::hex16(&Sha256::digest(bytes))
}

fn process_bytes(bytes: &[u8], source: &str, pipeline: &Pipeline, limits: &Limits) -> Result<Outcome, ReadError> {
    let text = timed(Stage::Read, || read::decode(bytes, limits))?;
    Ok(outcome(&text, extract(analyze(&text.text, pipeline), source, pipeline)))
}

/// The document row, facts, findings and indicators of a text's extract:
/// what `run` writes and `inspect` reports, so both give one status.
pub fn outcome(text: &read::Text, x: Extract) -> Outcome {
    let mut doc = blank_document(Status::Ok, None);
    doc.encoding = Some(text.encoding.to_string());
    doc.unit = x.detected.unit;
    doc.year = x.year;
    doc.report = x.detected.report;
    doc.money_unit = x.detected.money_unit;
    doc.tables = x.tables;
    doc.checks_passed = x.validation.counts.passed;
    doc.checks_failed = x.validation.counts.failed;
    doc.checks_skipped = x.validation.counts.skipped;
    let (mut facts, mut findings, mut indicators) = (x.facts, x.findings, x.indicators);
    if text.cut_off {
        let msg = "the file ends inside a character, so it was cut off and what followed it is missing";
        findings.insert(0, Finding::new(Severity::Warning, read::CUT_OFF, msg));
    }
    if facts.is_empty() && indicators.is_empty() && !crate::text::has_tab(&text.text) {
        // Say what to do about the commonest cause: a space-aligned extraction.
        let msg = format!(
            "no TAB-separated row in the text: tables are read one row per line with cells separated by TABs; \
             a space-aligned extraction (pdftotext -layout) is not read, so extract the PDF with TABs between cells \
             ({} does, with pdfplumber)",
            read::PDF_TO_TEXT
        );
        findings.push(Finding::new(Severity::Warning, NO_TAB_ROWS, msg));
    }
    settle(&mut doc, &mut facts, &mut indicators, &findings);
    Outcome { document: doc, facts, findings, indicators }
}

/// A document's facts and findings, validated.
pub struct Extract {
    /// What `detect` found.
    pub detected: Detected,
    /// The fiscal year: detected, else from the file name (with a finding).
    pub year: Option<i16>,
    /// Table ids in order.
    pub tables: Vec<String>,
    /// Facts of every table in order, codes repaired.
    pub facts: Vec<Fact>,
    /// Parsing and validation findings.
    pub findings: Vec<Finding>,
    /// Check counts and which facts the checks covered.
    pub validation: Validation,
    /// Indicator rows, in table order.
    pub indicators: Vec<Indicator>,
}

/// Collects an analysis' facts and findings and validates them.
pub fn extract(analysis: Analysis, source: &str, pipeline: &Pipeline) -> Extract {
    let mut findings = vec![];
    let year = analysis.detected.year.or_else(|| year_from_path(source, &mut findings));
    // Sized once: a report's facts, a few hundred bytes each, were moved
    // again every time the vector grew.
    let most: usize = analysis.tables.iter().map(|(_, _, norm)| norm.facts.len()).sum();
    let (mut facts, mut tables, mut sets) = (Vec::with_capacity(most), vec![], Vec::with_capacity(most));
    let indicators = analysis.indicators;
    let mut printings = Printings::default();
    let report_unit = analysis.detected.unit.clone();
    for (block, _, mut norm) in analysis.tables {
        let (set, finding) = printings.place(&block, &mut norm, &facts, report_unit.as_deref());
        findings.extend(finding);
        tables.push(norm.table);
        let Some(set) = set else { continue };
        sets.extend(std::iter::repeat_n(set, norm.facts.len()));
        facts.extend(norm.facts);
        findings.extend(norm.findings);
    }
    if analysis.detected.unit.is_none() && !(facts.is_empty() && indicators.is_empty()) {
        let msg = "the reporting unit is named in no 单位：/部门： line, 部门名称 row or title line, \
                   so its facts and indicators have no unit; add it from the PDF's cover";
        findings.push(Finding::new(Severity::Warning, "unit_unknown", msg.to_string()));
    }
    let validation =
        timed(Stage::Validate, || validate::validate_sets(&mut facts, &sets, &mut findings, year, pipeline));
    Extract { detected: analysis.detected, year, tables, facts, findings, validation, indicators }
}

/// Reports that print no year (Beijing's tables-only files) are usually
/// named after it; the file name is the last resort, and says so.
fn year_from_path(source: &str, findings: &mut Vec<Finding>) -> Option<i16> {
    let name = source.rsplit('/').next().unwrap_or(source);
    let year = name
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| t.len() == 4)
        .filter_map(|t| t.parse::<i16>().ok())
        .find(|y| (2000..2100).contains(y))?;
    let msg = format!("no fiscal year in the report's title; {year} was taken from the file name");
    findings.push(Finding::new(Severity::Warning, "year_from_file_name", msg));
    Some(year)
}

/// Status and error from what was found; facts without a year cannot be
/// partitioned, so they are withheld and the document says why. A report of
/// score sheets only (seed 002) may give indicators and no facts.
fn settle(doc: &mut Document, facts: &mut Vec<Fact>, indicators: &mut Vec<Indicator>, findings: &[Finding]) {
    let problems: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning && READ_PROBLEMS.contains(&f.check.as_str()))
        .collect();
    if facts.is_empty() && indicators.is_empty() {
        doc.status = Status::Failed;
        let why = findings.iter().find(|f| f.check == NO_TAB_ROWS).map(|f| f.message.clone());
        doc.error = Some(why.unwrap_or_else(|| "no table with numbers was found in the text".into()));
    } else if doc.year.is_none() {
        doc.status = Status::Failed;
        doc.error = Some(format!("no fiscal year in the report's title; its {} facts were not written", facts.len()));
        facts.clear();
        indicators.clear();
    } else if let Some(cut) = findings.iter().find(|f| f.check == read::CUT_OFF) {
        doc.status = Status::Partial;
        doc.error = Some(cut.message.clone());
    } else if let Some(first) = problems.first() {
        doc.status = Status::Partial;
        let what = if problems.len() == 1 { "cell or header" } else { "cells or headers" };
        doc.error = Some(format!("{} {what} could not be read, e.g. {first}", problems.len()));
    }
    doc.facts = facts.len() as u32;
}

fn blank_document(status: Status, error: Option<String>) -> Document {
    Document {
        doc_id: String::new(),
        source: String::new(),
        bytes: 0,
        encoding: None,
        unit: None,
        year: None,
        report: None,
        money_unit: None,
        tables: vec![],
        facts: 0,
        status,
        error,
        checks_passed: 0,
        checks_failed: 0,
        checks_skipped: 0,
    }
}

fn failed(error: String, encoding: Option<String>) -> Outcome {
    let mut document = blank_document(Status::Failed, Some(error));
    document.encoding = encoding;
    Outcome { document, facts: vec![], findings: vec![], indicators: vec![] }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}
