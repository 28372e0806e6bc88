//! The written dataset read back the way a user's tools read it: schema as
//! the output contract spells it (written out here, not taken from the
//! writer, so the two are checked against each other), row counts equal to
//! what the pipeline produced, and the same bytes whatever `--jobs`.

use crate::dataset::{self, files};
use crate::*;
use arrow_schema::DataType::{self, *};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Runs `budgetlake run INPUT` into `out` of a fresh folder, and returns
/// that folder.
fn run(input: &Path, name: &str, jobs: &str) -> TempDir {
    let dir = temp(name);
    let out = dir.path().join("out");
    let done = budgetlake(&["run", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "-q", "-j", jobs]);
    assert_eq!(done.status.code(), Some(0), "{}", String::from_utf8_lossy(&done.stderr));
    dir
}

/// (name, type, nullable) of every field of a file's Arrow schema.
fn fields(path: &Path) -> Vec<(String, DataType, bool)> {
    let file = std::fs::File::open(path).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    builder.schema().fields().iter().map(|f| (f.name().clone(), f.data_type().clone(), f.is_nullable())).collect()
}

fn spec(cols: &[(&str, DataType, bool)]) -> Vec<(String, DataType, bool)> {
    cols.iter().map(|(n, t, null)| (n.to_string(), t.clone(), *null)).collect()
}

fn rows(path: &Path) -> usize {
    dataset::rows(path).len()
}

fn list_utf8() -> DataType {
    List(Arc::new(arrow_schema::Field::new("item", Utf8, true)))
}

#[test]
fn dataset_reads_back_with_the_contract_schema_and_every_row() {
    let dir = run(&root().join("sample_data"), "readback", "2");
    let out = dir.path().join("out");
    let outcomes: Vec<Outcome> = ["000_", "002_", "003_", "004_"].iter().map(|id| process(&sample(id))).collect();

    let facts = spec(&[
        ("unit", Utf8, true),
        ("table", Utf8, false),
        ("code", Utf8, true),
        ("column", Utf8, false),
        ("amount", Float64, false),
        ("amount_text", Utf8, false),
        ("report", Utf8, true),
        ("table_title", Utf8, false),
        ("section", Utf8, true),
        ("item", Utf8, false),
        ("alt_code", Utf8, true),
        ("code_system", Utf8, true),
        ("code_level", Int8, true),
        ("doc_id", Utf8, false),
        ("source", Utf8, false),
        ("line", UInt32, false),
    ]);
    let mut by_year: BTreeMap<i16, usize> = BTreeMap::new();
    for o in &outcomes {
        *by_year.entry(o.document.year.expect("every sample has a year")).or_default() += o.facts.len();
    }
    by_year.retain(|_, n| *n > 0); // a year without facts has no partition
    for (year, want) in &by_year {
        let part = out.join(format!("facts/year={year}/part-00000.parquet"));
        assert_eq!(fields(&part), facts, "facts schema of {}", part.display());
        assert_eq!(rows(&part), *want, "facts rows of year {year}");
    }
    let years: Vec<String> = std::fs::read_dir(out.join("facts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(years.len(), by_year.len(), "one partition per year: {years:?}");

    let documents = out.join("documents.parquet");
    assert_eq!(
        fields(&documents),
        spec(&[
            ("doc_id", Utf8, false),
            ("source", Utf8, false),
            ("bytes", UInt64, false),
            ("encoding", Utf8, true),
            ("unit", Utf8, true),
            ("year", Int16, true),
            ("report", Utf8, true),
            ("money_unit", Utf8, true),
            ("tables", list_utf8(), false),
            ("facts", UInt32, false),
            ("status", Utf8, false),
            ("error", Utf8, true),
            ("checks_passed", UInt32, false),
            ("checks_failed", UInt32, false),
            ("checks_skipped", UInt32, false),
        ])
    );
    let sources: Vec<String> = dataset::rows(&documents).into_iter().map(|r| r["source"].clone()).collect();
    let mut want: Vec<String> = outcomes.iter().map(|o| o.document.source.clone()).collect();
    want.sort(); // inputs are read in path order
    assert_eq!(sources, want, "one documents row per input, in input order");

    let findings = out.join("findings.parquet");
    assert_eq!(
        fields(&findings),
        spec(&[
            ("doc_id", Utf8, false),
            ("source", Utf8, false),
            ("line", UInt32, true),
            ("severity", Utf8, false),
            ("check", Utf8, false),
            ("table", Utf8, true),
            ("code", Utf8, true),
            ("column", Utf8, true),
            ("expected", Float64, true),
            ("actual", Float64, true),
            ("message", Utf8, false),
        ])
    );
    assert_eq!(rows(&findings), outcomes.iter().map(|o| o.findings.len()).sum::<usize>());
    assert_eq!(rows(&out.join("indicators.parquet")), outcomes.iter().map(|o| o.indicators.len()).sum::<usize>());

    assert_eq!(dataset::manifest(&out)["counts"]["facts"], outcomes.iter().map(|o| o.facts.len()).sum::<usize>());
}

/// Many chunks' worth of distinct reports: each sample copied with a
/// different number of trailing blank lines (distinct bytes, same facts).
fn many_reports() -> TempDir {
    let dir = temp("many");
    for id in ["000_", "002_", "003_", "004_"] {
        let text = std::fs::read_to_string(sample(id)).unwrap();
        for copy in 0..10 {
            std::fs::write(dir.path().join(format!("{id}{copy:02}.txt")), format!("{text}{}", "\n".repeat(copy)))
                .unwrap();
        }
    }
    dir
}

#[test]
fn any_number_of_jobs_writes_the_same_bytes() {
    let input = many_reports();
    let one = files(&run(input.path(), "jobs1", "1").path().join("out"));
    let two = files(&run(input.path(), "jobs3", "3").path().join("out"));
    let parquet = |m: &BTreeMap<PathBuf, Vec<u8>>| {
        m.keys().filter(|k| k.extension().is_some_and(|e| e == "parquet")).cloned().collect::<Vec<_>>()
    };
    assert_eq!(parquet(&one), parquet(&two), "same files");
    assert!(parquet(&one).len() >= 4, "facts, documents, findings, indicators: {:?}", parquet(&one));
    for name in parquet(&one) {
        assert!(one[&name] == two[&name], "{} differs between --jobs 1 and --jobs 3", name.display());
    }
}
