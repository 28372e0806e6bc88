//! `budgetlake gen` (hidden): a corpus of reports derived from sample
//! reports for benchmarks. Each generated report is one template with its
//! unit renamed, its year moved and every amount scaled by one integer
//! factor, so every table's arithmetic still holds and layouts are unchanged.
//! Deterministic for a given seed.

use crate::config::Pipeline;
use crate::exit::ExitCode;
use crate::model::Severity;
use crate::pipeline;
use crate::read::{self, Input, Limits};
use anyhow::Context;
use clap::Args;
use std::path::{Path, PathBuf};

/// Arguments of `gen`.
#[derive(Debug, Args)]
pub struct GenArgs {
    /// Sample reports to derive from (files or folders).
    #[arg(required = true, value_name = "TEMPLATE")]
    pub templates: Vec<PathBuf>,
    /// Folder to write the reports into (created).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Number of reports.
    #[arg(long, short = 'n', default_value_t = 2000)]
    pub count: usize,
    /// Seed of the variations.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Writes the corpus and prints how many reports came from how many templates.
pub fn run(args: GenArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::load(&[] as &[&str])?;
    let (n, used) = generate(&args.templates, &args.out, args.count, args.seed, &pipeline)?;
    println!("wrote {n} reports from {used} templates to {}", args.out.display());
    Ok(ExitCode::Ok)
}

/// A template: its text, what detection says it is, and the factors its
/// amounts may be scaled by.
struct Template {
    text: String,
    unit: Option<String>,
    year: Option<i16>,
    factors: Vec<i64>,
}

/// Amount factors tried; a template keeps those whose copy stays clean.
const FACTORS: std::ops::RangeInclusive<i64> = 1..=9;

/// Generates `count` reports; returns (reports written, templates used).
/// Templates whose own tables fail a check are left out, because scaling
/// would carry their misprints into every copy.
pub fn generate(
    roots: &[PathBuf],
    out: &Path,
    count: usize,
    seed: u64,
    pipeline: &Pipeline,
) -> anyhow::Result<(usize, usize)> {
    let templates = templates(roots, pipeline)?;
    anyhow::ensure!(!templates.is_empty(), "no template without error findings among the inputs");
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut rng = SplitMix(seed);
    for i in 0..count {
        let t = &templates[i % templates.len()];
        let factor = t.factors[rng.next() as usize % t.factors.len()];
        let year = 2015 + (rng.next() % 11) as i16;
        let text = variant(t, i, factor, year);
        let path = out.join(format!("{:06}.txt", i));
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok((count, templates.len()))
}

fn templates(roots: &[PathBuf], pipeline: &Pipeline) -> anyhow::Result<Vec<Template>> {
    let limits = Limits::default();
    let mut out = vec![];
    let inputs = read::inputs(roots)?;
    anyhow::ensure!(!inputs.is_empty(), "no *.txt report among the inputs to derive from");
    for input in inputs.iter() {
        let input = input.context("cannot read the input list back")?;
        let outcome = pipeline::process(&input, pipeline, &limits);
        let clean = outcome.findings.iter().all(|f| f.severity < Severity::Error) && outcome.document.facts > 0;
        if clean {
            let t = template(&input, outcome.document.unit, outcome.document.year, pipeline)?;
            out.extend(Some(t).filter(|t| !t.factors.is_empty()));
        }
    }
    Ok(out)
}

fn template(input: &Input, unit: Option<String>, year: Option<i16>, p: &Pipeline) -> anyhow::Result<Template> {
    let bytes = std::fs::read(&input.path).with_context(|| format!("cannot read {}", input.path.display()))?;
    let text = read::decode(&bytes, &Limits::default())?.text;
    let mut t = Template { text, unit, year, factors: vec![] };
    t.factors = FACTORS.filter(|&f| is_clean(&variant(&t, 0, f, year.unwrap_or(2020)), &input.source, p)).collect();
    Ok(t)
}

/// Checks allow a rounding difference of a few hundredths between a total
/// and its parts; scaling multiplies that difference, so a template printed
/// with one keeps only the small factors.
fn is_clean(text: &str, source: &str, p: &Pipeline) -> bool {
    let x = pipeline::extract(pipeline::analyze(text, p), source, p);
    x.findings.iter().all(|f| f.severity < Severity::Error)
}

/// One copy of a template: renamed, moved in time, amounts scaled.
fn variant(t: &Template, i: usize, factor: i64, year: i16) -> String {
    let mut text = t.text.clone();
    if let Some(unit) = &t.unit {
        text = text.replace(unit.as_str(), &format!("{unit}第{i}分部"));
    }
    if let Some(y) = t.year {
        text = text.replace(&format!("{y}年"), &format!("{year}年")).replace(&format!("{y} 年"), &format!("{year} 年"));
    }
    text.lines()
        .map(|l| if l.contains('\t') { scaled_row(l, factor) } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Scales every amount cell of a table row (a number with a decimal point),
/// keeping its printed decimals and thousands separators.
fn scaled_row(line: &str, factor: i64) -> String {
    line.split('\t').map(|c| scaled_cell(c, factor).unwrap_or_else(|| c.to_string())).collect::<Vec<_>>().join("\t")
}

fn scaled_cell(cell: &str, factor: i64) -> Option<String> {
    let compact = crate::text::compact(cell);
    if !compact.contains('.') {
        return None;
    }
    let a = crate::text::number(&compact)?;
    let units = a.units.checked_mul(factor)?;
    Some(format_units(units, a.decimals, compact.contains(',')))
}

fn format_units(units: i64, decimals: u8, separators: bool) -> String {
    let neg = units < 0;
    let digits = units.unsigned_abs().to_string();
    let d = decimals as usize;
    let digits = format!("{digits:0>width$}", width = d + 1);
    let (int, frac) = digits.split_at(digits.len() - d);
    let int = if separators { grouped(int) } else { int.to_string() };
    let sign = if neg { "-" } else { "" };
    if d == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

fn grouped(int: &str) -> String {
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A small deterministic generator (SplitMix64): the corpus depends only on the seed.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_scale_keeping_format() {
        let cases = [("3,538.81", 3, "10,616.43"), ("157. 11", 2, "314.22"), ("0.00", 7, "0.00"), ("4.8", 5, "24.0")];
        for (cell, k, want) in cases {
            assert_eq!(scaled_cell(cell, k).as_deref(), Some(want), "{cell} × {k}");
        }
        assert_eq!(scaled_cell("205", 3), None);
        assert_eq!(scaled_cell("教育支出", 3), None);
    }
}
