//! Mutation test of validation: change one printed number at a time in a
//! sample's text and count how many changes produce a new error finding.
//! Only cells an arithmetic check actually used are counted; the rate must
//! stay at or above 95 %.

use crate::*;
use budgetlake::model::{Fact, Finding, Severity};
use budgetlake::pipeline::{analyze, extract};
use std::collections::BTreeSet;

/// The error findings of a text, as comparable keys.
fn errors(text: &str) -> BTreeSet<String> {
    let p = embedded();
    let x = extract(analyze(text, &p), "sample.txt", &p);
    x.findings.iter().filter(|f| f.severity == Severity::Error).map(key).collect()
}

/// A finding's identity and values: a mutation that changes the arithmetic
/// of an already failing check changes its values, and counts as caught.
fn key(f: &Finding) -> String {
    let subject = f.message.split(" is ").next().unwrap_or("");
    format!(
        "{}|{:?}|{:?}|{:?}|{:?}|{subject}|{:?}|{:?}",
        f.check, f.line, f.table, f.code, f.column, f.expected, f.actual
    )
}

/// The text with the `nth` cell of `line` equal to `printed` replaced.
fn mutated(text: &str, line: u32, printed: &str, nth: usize, replacement: &str) -> Option<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let target = lines.get_mut(line as usize - 1)?;
    let mut cells: Vec<String> = target.split('\t').map(str::to_string).collect();
    let cell = cells.iter_mut().filter(|c| c.trim() == printed).nth(nth)?;
    *cell = replacement.to_string();
    *target = cells.join("\t");
    Some(lines.join("\n"))
}

/// One digit of the printed number changed to another digit; position and
/// new digit come from `seed`, so runs are reproducible.
fn changed_digit(printed: &str, seed: usize) -> String {
    let digits: Vec<usize> = printed.char_indices().filter(|(_, c)| c.is_ascii_digit()).map(|(i, _)| i).collect();
    let at = digits[seed % digits.len()];
    let old = printed.as_bytes()[at] - b'0';
    let new = (old as usize + 1 + (seed / 7) % 9) % 10;
    let mut s = printed.to_string();
    s.replace_range(at..at + 1, &new.to_string());
    s
}

/// (covered cells, detected) for one sample.
fn rate(sample_id: &str) -> (usize, usize, Vec<String>) {
    let text = std::fs::read_to_string(sample(sample_id)).expect("sample reads");
    let p = embedded();
    let x = extract(analyze(&text, &p), "sample.txt", &p);
    let baseline = errors(&text);
    let (mut covered, mut detected, mut missed) = (0, 0, vec![]);
    for (i, f) in x.facts.iter().enumerate() {
        if f.table == "other" || !x.validation.covered[i] {
            continue;
        }
        let nth = x.facts[..i].iter().filter(|g| g.line == f.line && g.amount_text == f.amount_text).count();
        let replacement = changed_digit(&f.amount_text, i * 31 + 5);
        let Some(m) = mutated(&text, f.line, &f.amount_text, nth, &replacement) else { continue };
        covered += 1;
        if errors(&m).difference(&baseline).next().is_some() {
            detected += 1;
        } else {
            missed.push(describe(f, &replacement));
        }
    }
    (covered, detected, missed)
}

fn describe(f: &Fact, replacement: &str) -> String {
    format!(
        "line {} {} {} {} {}: {} → {}",
        f.line,
        f.table,
        f.code.as_deref().unwrap_or("-"),
        f.item,
        f.column,
        f.amount_text,
        replacement
    )
}

#[test]
fn changed_numbers_are_caught() {
    let mut total = (0, 0);
    let mut report = String::new();
    for id in ["000_3df53ced2bf38c6a", "003_2953260a9f012705", "004_8cc0caf16561f826"] {
        let (covered, detected, missed) = rate(id);
        total = (total.0 + covered, total.1 + detected);
        report.push_str(&format!("{id}: {detected}/{covered} detected\n"));
        for m in missed.iter().take(20) {
            report.push_str(&format!("  missed {m}\n"));
        }
    }
    let rate = total.1 as f64 / total.0.max(1) as f64;
    println!("{report}detection rate {:.1}% over {} mutated cells", rate * 100.0, total.0);
    assert!(total.0 >= 300, "at least 300 mutations per run, got {}\n{report}", total.0);
    assert!(rate >= 0.95, "detection rate {:.1}% below 95%\n{report}", rate * 100.0);
}
