//! Integration tests: one binary, one module per concern. Shared helpers
//! live here: locating samples and goldens, running the pipeline on one
//! file, formatting facts the way golden files hold them.

mod atomic;
mod cli;
mod corpus;
mod dataset;
mod fuzz;
mod golden;
mod indicators;
mod mutation;
mod national;
mod printings;
mod quirks;
mod readback;
mod robust;
mod templates;

use budgetlake::config::Pipeline;
use budgetlake::model::{Fact, Outcome};
use budgetlake::pipeline;
use budgetlake::read::{Input, Limits};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

/// The crate's root folder. `cargo test` names it at run time; the path
/// baked in at build time is only a fallback, because a target folder shared
/// by two checkouts can reuse a test binary built in the other one.
pub fn root() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}

/// The sample whose file name contains `id` (e.g. `000_3df53ced2bf38c6a`).
pub fn sample(id: &str) -> PathBuf {
    let dir = root().join("sample_data");
    std::fs::read_dir(&dir)
        .expect("sample_data exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains(id)))
        .unwrap_or_else(|| panic!("no sample named *{id}* in {}", dir.display()))
}

/// The built binary with these arguments, for a test to set up further.
pub fn binary(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_budgetlake"));
    command.args(args);
    command
}

/// Runs the built binary to completion.
pub fn budgetlake(args: &[&str]) -> Output {
    binary(args).output().expect("the binary runs")
}

/// A fresh, empty folder, removed when dropped: folders named by test and
/// process had stayed behind, some 36 MB each time the tests ran.
pub fn temp(name: &str) -> TempDir {
    tempfile::Builder::new().prefix(&format!("budgetlake-it-{name}-")).tempdir().expect("a temporary folder")
}

/// The embedded pipeline.
pub fn embedded() -> Pipeline {
    Pipeline::load(&[] as &[&str]).expect("embedded pipeline loads")
}

/// A text through every stage but `write`, as a file named `fixture.txt`.
pub fn read_text(text: &str) -> pipeline::Extract {
    let p = embedded();
    pipeline::extract(pipeline::analyze(text, &p), "fixture.txt", &p)
}

/// Runs the whole per-document pipeline on one file.
pub fn process(path: &Path) -> Outcome {
    let input = Input { source: path.file_name().unwrap().to_string_lossy().into_owned(), path: path.to_path_buf() };
    pipeline::process(&input, &embedded(), &Limits::default())
}

/// A fact as one golden line: table, section, code, item, column, amount_text, line.
pub fn golden_line(f: &Fact) -> String {
    [
        f.table.as_str(),
        f.section.as_deref().unwrap_or(""),
        f.code.as_deref().unwrap_or(""),
        &f.item,
        &f.column,
        &f.amount_text,
        &f.line.to_string(),
    ]
    .join("\t")
}

/// Golden lines of a file, comments and header dropped.
pub fn golden_lines(name: &str) -> Vec<String> {
    let path = root().join("tests/golden").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().skip(1).filter(|l| !l.starts_with('#') && !l.is_empty()).map(str::to_string).collect()
}

/// Asserts two line lists are equal, printing every missing and unexpected line.
pub fn assert_lines(what: &str, want: &[String], got: &[String]) {
    if want == got {
        return;
    }
    let missing: Vec<&String> = want.iter().filter(|l| !got.contains(l)).collect();
    let extra: Vec<&String> = got.iter().filter(|l| !want.contains(l)).collect();
    let mut msg = format!("{what}: {} expected, {} got\n", want.len(), got.len());
    for l in &missing {
        msg.push_str(&format!("  - {l}\n"));
    }
    for l in &extra {
        msg.push_str(&format!("  + {l}\n"));
    }
    if missing.is_empty() && extra.is_empty() {
        msg.push_str("  (same lines, different order)\n");
    }
    panic!("{msg}");
}
