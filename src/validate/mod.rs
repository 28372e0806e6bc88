//! The `validate` stage: every arithmetic promise declared in the pipeline
//! (`checks` of each table) run by one engine over a document's facts, in
//! integers of the last printed digit. Each check ends passed, failed (an
//! `error` finding) or skipped (a table or cell it needs is missing). It
//! never changes an amount.

mod arith;
mod codes;
mod sum;

use crate::config::{Check, Pipeline, TableSpec};
use crate::model::{Fact, Finding};

/// How the checks of one document ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Checks whose arithmetic held.
    pub passed: u32,
    /// Checks that found a wrong number.
    pub failed: u32,
    /// Checks that could not run.
    pub skipped: u32,
}

/// What validation found besides findings.
#[derive(Debug, Clone, Default)]
pub struct Validation {
    /// Checks passed, failed, skipped.
    pub counts: Counts,
    /// For every fact, whether an arithmetic check that ran used it: the
    /// cells a misprint in would be caught.
    pub covered: Vec<bool>,
}

/// Checks codes against the reference (repairing what a name identifies),
/// then runs every declared arithmetic check of every catalog table.
pub fn validate(facts: &mut [Fact], findings: &mut Vec<Finding>, year: Option<i16>, pipeline: &Pipeline) -> Validation {
    let mut counts = Counts::default();
    codes::check(facts, findings, year, &pipeline.reference, &mut counts);
    let mut run = arith::Run::new(facts, &pipeline.reference, &pipeline.headers.breakdown, counts);
    for spec in &pipeline.tables {
        if !run.has_table(&spec.id) && !present_elsewhere(&run, spec) {
            continue;
        }
        for check in &spec.checks {
            run.check(spec, check);
        }
    }
    let (counts, found, covered) = run.finish();
    findings.extend(found);
    Validation { counts, covered }
}

/// `validate` over each set of the document's tables on its own: `sets`
/// gives each fact's (0 for all, as nearly every report prints each table
/// once). A report printing its 部门 tables and then each 单位's under the
/// same titles adds up each unit's tables alone.
pub fn validate_sets(
    facts: &mut Vec<Fact>,
    sets: &[usize],
    findings: &mut Vec<Finding>,
    year: Option<i16>,
    pipeline: &Pipeline,
) -> Validation {
    let last = sets.iter().copied().max().unwrap_or(0);
    if last == 0 {
        return validate(facts, findings, year, pipeline);
    }
    let mut slots: Vec<Option<Fact>> = std::mem::take(facts).into_iter().map(Some).collect();
    let mut total = Validation { covered: vec![false; slots.len()], ..Validation::default() };
    for n in 0..=last {
        let at: Vec<usize> = (0..slots.len()).filter(|&i| sets[i] == n).collect();
        let mut group: Vec<Fact> = at.iter().filter_map(|&i| slots[i].take()).collect();
        let v = validate(&mut group, findings, year, pipeline);
        total.counts.passed += v.counts.passed;
        total.counts.failed += v.counts.failed;
        total.counts.skipped += v.counts.skipped;
        for ((&i, fact), covered) in at.iter().zip(group).zip(v.covered) {
            slots[i] = Some(fact);
            total.covered[i] = covered;
        }
    }
    *facts = slots.into_iter().flatten().collect();
    total
}

/// A table a check compares against only matters if the report has one of
/// the two sides; a 预算 report never runs 决算 checks.
fn present_elsewhere(run: &arith::Run, spec: &TableSpec) -> bool {
    spec.checks.iter().any(|c| match c {
        Check::Equal { other_table, .. } | Check::ClassItems { other_table, .. } => {
            run.has_table(other_table) && other_table != &spec.id && run.report_has(spec.report)
        }
        _ => false,
    })
}
