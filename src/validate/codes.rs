//! Classification checks: every printed (code, name) pair against the
//! national reference. A name that identifies another code unambiguously
//! repairs the code of every fact of that row (seed 003 表6 prints 307
//! 资本性支出, which is 310) and leaves a `repaired_code` finding with the
//! printed code; an unknown code or an unresolved mismatch is a warning.

use super::Counts;
use crate::model::{CodeSystem, Fact, Finding, Severity};
use crate::reference::{CodeList, Reference, Verdict};

/// Judges every coded row once and repairs codes in place.
pub fn check(
    facts: &mut [Fact],
    findings: &mut Vec<Finding>,
    year: Option<i16>,
    reference: &Reference,
    counts: &mut Counts,
) {
    let mut i = 0;
    while i < facts.len() {
        let end = row_end(facts, i);
        if let (Some(code), Some(list)) = (facts[i].code.clone(), list(reference, facts[i].code_system)) {
            // A row keyed by several codes (bjtjj `2010501-行政运行/50101-…`)
            // names its first code with its first label part.
            let item = &facts[i].item;
            let name = if facts[i].alt_code.is_some() { item.split('/').next().unwrap_or(item) } else { item };
            let verdict = match list.judge(&code, name, year) {
                // Its name may be the other code's: never repaired.
                Verdict::Repair { .. } if facts[i].alt_code.is_some() => Verdict::Mismatch,
                v => v,
            };
            judge_row(&mut facts[i..end], &code, verdict, findings, counts);
        }
        i = end;
    }
}

fn list(reference: &Reference, system: Option<CodeSystem>) -> Option<&CodeList> {
    match system {
        Some(CodeSystem::Function) => Some(&reference.function),
        Some(CodeSystem::Economic) => Some(&reference.economic),
        _ => None,
    }
}

/// Facts of one row share table, line, section and code.
fn row_end(facts: &[Fact], start: usize) -> usize {
    let same = |f: &Fact| {
        let s = &facts[start];
        f.table == s.table && f.line == s.line && f.section == s.section && f.code == s.code
    };
    start + facts[start..].iter().take_while(|f| same(f)).count()
}

fn judge_row(row: &mut [Fact], code: &str, verdict: Verdict, findings: &mut Vec<Finding>, counts: &mut Counts) {
    let (item, line, table) = (row[0].item.clone(), row[0].line, row[0].table.clone());
    let (severity, check, message) = match verdict {
        Verdict::Match => {
            counts.passed += 1;
            return;
        }
        Verdict::Repair { code: right } => {
            counts.failed += 1;
            let msg = format!("printed code {code} with name {:?}, which is {right}; the facts carry {right}", item);
            for f in row.iter_mut() {
                f.code_level = crate::normalize::code_level(&right, f.code_system);
                f.code = Some(right.clone());
            }
            (Severity::Warning, "repaired_code", msg)
        }
        Verdict::Mismatch => {
            counts.failed += 1;
            let msg = format!(
                "code {code} is printed with name {:?}, which is not its name in the national classification",
                item
            );
            (Severity::Warning, "code_name_mismatch", msg)
        }
        Verdict::UnknownCode => {
            counts.skipped += 1;
            let msg =
                format!("code {code} ({:?}) is not in the national classification list; it was not checked", item);
            (Severity::Warning, "unknown_code", msg)
        }
    };
    let mut f = Finding::new(severity, check, message);
    f.line = Some(line);
    f.table = Some(table);
    f.code = Some(code.to_string());
    findings.push(f);
}
