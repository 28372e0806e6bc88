//! Golden facts: every fact of every catalog table of a sample, compared in
//! full with a hand-checked file in `tests/golden/`.

use crate::*;

fn check(sample_id: &str, golden: &str, prefix: &str) {
    let outcome = process(&sample(sample_id));
    let got: Vec<String> = outcome.facts.iter().filter(|f| f.table.starts_with(prefix)).map(golden_line).collect();
    assert_lines(golden, &golden_lines(golden), &got);
}

#[test]
fn seed_000_final_tables() {
    check("000_3df53ced2bf38c6a", "000.facts.tsv", "final.");
}

#[test]
fn seed_003_final_tables_keep_truncated_cells_and_repair_codes() {
    check("003_2953260a9f012705", "003.facts.tsv", "final.");
}

#[test]
fn seed_004_budget_tables() {
    check("004_8cc0caf16561f826", "004.facts.tsv", "budget.");
}
