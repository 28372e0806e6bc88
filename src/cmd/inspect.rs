//! `budgetlake inspect FILE`: how one report was read, for a person fixing a
//! new layout — what was detected, each table found with its title line,
//! lines spanned and header → column mapping, its facts as an aligned text
//! table, and the findings.

use crate::cli::InspectArgs;
use crate::config::Pipeline;
use crate::exit::ExitCode;
use crate::model::{Fact, Indicator, Severity};
use crate::normalize::Normalized;
use crate::parse::Grid;
use crate::pipeline;
use crate::read::{self, Input, Limits};
use crate::segment::Block;
use std::fmt::Write;

/// Prints the report of one file on stdout.
pub fn run(args: InspectArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::load(&args.pipeline.pipelines)?;
    let input = Input { source: args.file.display().to_string(), path: args.file.clone() };
    let limits = Limits::default();
    let text = read::load(&input, &limits).and_then(|b| read::decode(&b, &limits));
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            println!("{}: {e}", input.source);
            return Ok(ExitCode::Partial);
        }
    };
    print!("{}", render(&input.source, &text, &pipeline));
    Ok(ExitCode::Ok)
}

/// The whole inspection as text.
pub fn render(source: &str, text: &read::Text, pipeline: &Pipeline) -> String {
    let a = pipeline::analyze(&text.text, pipeline);
    let heads: Vec<(String, usize)> =
        a.tables.iter().map(|(b, g, n)| (table_head(b, g.as_ref(), n), n.facts.len())).collect();
    let x = pipeline::extract(a, source, pipeline);
    let d = &x.detected;
    let mut out = String::new();
    let _ = writeln!(out, "{source}");
    // The year `run` writes: a report that prints none takes its file name's.
    let _ = writeln!(
        out,
        "  encoding {} | unit {} | year {} | report {} | money unit {}",
        text.encoding,
        d.unit.as_deref().unwrap_or("?"),
        x.year.map_or("?".into(), |y| y.to_string()),
        d.report.map_or("?", |r| r.as_str()),
        d.money_unit.map_or("?", |m| m.as_str()),
    );
    let mut facts = x.facts.as_slice();
    for (head, n) in heads {
        out.push_str(&head);
        let (mine, rest) = facts.split_at(n.min(facts.len()));
        out.push_str(&fact_table(mine));
        facts = rest;
    }
    if !x.indicators.is_empty() {
        let _ = writeln!(out, "\nindicators: {}", x.indicators.len());
        out.push_str(&aligned(x.indicators.iter().map(indicator_row).collect()));
    }
    // The facts above are those read; whether `run` writes them, and why
    // not, is the document's status.
    let o = pipeline::outcome(text, x);
    let d = &o.document;
    let why = d.error.as_deref().map(|e| format!(": {e}")).unwrap_or_default();
    let _ = writeln!(out, "\nstatus: {}{why}", d.status.as_str());
    // A failed check may be only a warning (a code printed with another
    // name): the severities say how many numbers are in doubt.
    let count = |s: Severity| o.findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        out,
        "checks: {} passed, {} failed, {} skipped; {}: {}, {}, {} info",
        d.checks_passed,
        d.checks_failed,
        d.checks_skipped,
        counted(o.findings.len(), "finding"),
        counted(count(Severity::Error), "error"),
        counted(count(Severity::Warning), "warning"),
        count(Severity::Info)
    );
    for f in &o.findings {
        let _ = writeln!(out, "  {f}");
    }
    out
}

/// `n` and the noun, plural unless `n` is 1.
fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// A table's title, extent and header → column mapping.
fn table_head(block: &Block, grid: Option<&Grid>, norm: &Normalized) -> String {
    let mut out = String::new();
    let last = block.rows.last().map_or(block.title_line, |r| r.line);
    let _ = writeln!(out, "\n== {} ({}) — title line {}: {:?}", norm.table, norm.title, block.title_line, block.title);
    let read = match grid {
        // A table printed blank says so here, not only in its `empty_table`
        // finding. A grid outside the catalog without numbers is most often
        // a list (序号 | 单位名称), which "printed blank" would misdescribe.
        Some(g) if g.rows.iter().all(|r| r.parts.iter().all(|p| p.values.is_empty())) => {
            let what = if block.spec.is_some() { "printed blank" } else { "not a catalog table" };
            format!("header lines {:?}, {what} (no number below the header)", g.header_lines)
        }
        Some(g) => format!(
            "header lines {:?}, {}, {}",
            g.header_lines,
            counted(g.rows.len(), "data row"),
            counted(g.parts.len(), "part")
        ),
        None => format!("{} rows read by the column roles of its performance layout", block.rows.len()),
    };
    let _ = writeln!(
        out,
        "   lines {}–{}, {read}, money unit {}",
        block.rows.first().map_or(0, |r| r.line),
        last,
        money_unit(block, grid)
    );
    for (section, printed, column) in &norm.mapping {
        let s = section.as_deref().map(|s| format!("[{s}] ")).unwrap_or_default();
        let _ = writeln!(out, "   {s}{printed:?} → {column}");
    }
    out
}

/// The table's money unit and where it was read; a performance table may
/// state it in its header cells only (`项目资金（元）`).
fn money_unit(block: &Block, grid: Option<&Grid>) -> String {
    let bracketed = || grid.is_none().then(|| crate::indicators::bracketed_unit(block)).flatten();
    match (block.money_unit, bracketed()) {
        (Some(m), _) => m.as_str().to_string(),
        (None, Some(m)) => format!("{} (from its header cells)", m.as_str()),
        (None, None) => "(report's)".to_string(),
    }
}

/// Widest label shown, in display columns; longer ones are cut with `…`.
const LABEL_WIDTH: usize = 40;

/// Facts as an aligned text table.
fn fact_table(facts: &[Fact]) -> String {
    aligned(
        facts
            .iter()
            .map(|f| {
                [
                    f.line.to_string(),
                    f.section.clone().unwrap_or_default(),
                    f.code.clone().unwrap_or_default(),
                    cut(&f.item),
                    cut(&f.column),
                    f.amount_text.clone(),
                ]
            })
            .collect(),
    )
}

/// An indicator as the six cells of [`aligned`]: line, project, the levels,
/// target, actual, then weight and score.
fn indicator_row(i: &Indicator) -> [String; 6] {
    let number = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
    [
        i.line.to_string(),
        cut(i.project.as_deref().unwrap_or("")),
        cut(&[i.level1.as_str(), &i.level2, &i.level3].join(" / ")),
        target_read(i),
        i.actual.clone().unwrap_or_default(),
        format!("{} / {}", number(i.weight), number(i.score)),
    ]
}

/// The target as printed, then what was read of it: `≥200人次 → ≥ 200 人次`.
fn target_read(i: &Indicator) -> String {
    let value = i.target_value.map(|v| v.to_string());
    let parts = [i.operator.as_deref(), value.as_deref(), i.measure_unit.as_deref()];
    let read: Vec<&str> = parts.into_iter().flatten().collect();
    if read.is_empty() {
        i.target.clone()
    } else {
        format!("{} → {}", i.target, read.join(" "))
    }
}

/// Rows of six cells aligned in display columns (CJK counted double); the
/// first and last are right-aligned.
fn aligned(rows: Vec<[String; 6]>) -> String {
    let mut widths = [0usize; 6];
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(display_width(c));
        }
    }
    let mut out = String::new();
    for r in &rows {
        out.push_str("   ");
        for (i, (w, c)) in widths.iter().zip(r).enumerate() {
            let pad = w - display_width(c);
            if i == 0 || i == 5 {
                let _ = write!(out, "{}{c}  ", " ".repeat(pad));
            } else {
                let _ = write!(out, "{c}{}  ", " ".repeat(pad));
            }
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    out
}

fn cut(s: &str) -> String {
    if display_width(s) <= LABEL_WIDTH {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if display_width(&out) + display_width(&c.to_string()) > LABEL_WIDTH - 1 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn display_width(s: &str) -> usize {
    s.chars().map(|c| if crate::text::is_cjk(c) || (c as u32) > 0x2E80 { 2 } else { 1 }).sum()
}
