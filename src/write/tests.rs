use super::*;
use crate::model::{Amount, Document, Fact, Finding, ReportKind, Severity, Status};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::collections::BTreeMap;

fn doc(source: &str, year: Option<i16>) -> Document {
    Document {
        doc_id: format!("id-{source}"),
        source: source.into(),
        bytes: 10,
        encoding: Some("utf-8".into()),
        unit: Some("某单位".into()),
        year,
        report: Some(ReportKind::Final),
        money_unit: None,
        tables: vec!["final.income".into()],
        facts: 1,
        status: Status::Ok,
        error: None,
        checks_passed: 1,
        checks_failed: 0,
        checks_skipped: 0,
    }
}

fn fact(line: u32) -> Fact {
    Fact {
        table: "final.income".into(),
        table_title: "收入决算表".into(),
        code: Some("205".into()),
        column: "本年收入合计".into(),
        printed: Amount { units: 15711, decimals: 2 },
        scale_exp: 0,
        amount_text: "157. 11".into(),
        section: None,
        item: "教育支出".into(),
        alt_code: None,
        code_system: None,
        code_level: Some(1),
        line,
        unit: None,
    }
}

fn outcomes() -> Vec<Outcome> {
    let finding = Finding::new(Severity::Error, "row_sum", "x");
    vec![
        Outcome {
            document: doc("a.txt", Some(2021)),
            facts: vec![fact(1), fact(2)],
            findings: vec![finding],
            indicators: vec![],
        },
        Outcome { document: doc("b.txt", Some(2023)), facts: vec![fact(3)], findings: vec![], indicators: vec![] },
        Outcome { document: doc("c.txt", None), facts: vec![], findings: vec![], indicators: vec![] },
    ]
}

/// A fresh folder, removed when dropped.
fn temp(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(&format!("budgetlake-write-{name}-")).tempdir().unwrap()
}

fn writer(out: &Path) -> DatasetWriter {
    DatasetWriter::create(out, RunMeta { tool_version: "0.0.0".into(), config_hash: "abc".into() }).unwrap()
}

fn write(out: &Path) -> WriteSummary {
    let mut w = writer(out);
    for o in outcomes() {
        w.append(&o).unwrap();
    }
    w.finish(|| serde_json::json!({ "inputs": 3 })).unwrap()
}

fn rows_and_fields(path: &Path) -> (usize, Vec<String>, Vec<String>) {
    let b = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path).unwrap()).unwrap();
    let fields = b.schema().fields().iter().map(|f| f.name().clone()).collect();
    let kv = b.metadata().file_metadata().key_value_metadata().cloned().unwrap_or_default();
    let keys = kv.into_iter().map(|k| k.key).collect();
    let rows = b.build().unwrap().map(|r| r.unwrap().num_rows()).sum();
    (rows, fields, keys)
}

#[test]
fn dataset_layout_and_contents() {
    let scratch = temp("layout");
    let dir = scratch.path();
    let out = dir.join("out");
    assert_eq!(write(&out), WriteSummary { documents: 3, facts: 3, findings: 1, indicators: 0 });
    let (rows, fields, keys) = rows_and_fields(&out.join("facts/year=2021/part-00000.parquet"));
    assert_eq!(rows, 2);
    assert!(!fields.contains(&"year".to_string()), "year must live in the partition path only");
    assert_eq!(fields.len(), 16);
    for k in ["budgetlake.schema_version", "budgetlake.tool_version", "budgetlake.config_hash"] {
        assert!(keys.contains(&k.to_string()), "footer lacks {k}");
    }
    assert_eq!(rows_and_fields(&out.join("facts/year=2023/part-00000.parquet")).0, 1);
    assert_eq!(rows_and_fields(&out.join("documents.parquet")).0, 3);
    assert_eq!(rows_and_fields(&out.join("findings.parquet")).0, 1);
    assert_eq!(rows_and_fields(&out.join("indicators.parquet")).0, 0);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["counts"]["facts"], 3);
    assert_eq!(manifest["inputs"], 3);
    assert_eq!(manifest["years"], serde_json::json!([2021, 2023]));
}

#[test]
fn same_input_same_bytes_and_replaces_old() {
    let scratch = temp("bytes");
    let dir = scratch.path();
    let (a, b) = (dir.join("a"), dir.join("b"));
    write(&a);
    write(&b);
    for f in ["facts/year=2021/part-00000.parquet", "documents.parquet", "findings.parquet"] {
        assert_eq!(std::fs::read(a.join(f)).unwrap(), std::fs::read(b.join(f)).unwrap(), "{f} differs");
    }
    // A year the old dataset had and the new one lacks goes with it.
    let stale = a.join("facts/year=1999");
    std::fs::create_dir_all(&stale).unwrap();
    std::fs::write(stale.join("part-00000.parquet"), "old").unwrap();
    write(&a);
    assert!(!stale.exists(), "the old dataset is replaced whole");
    let leftovers: Vec<_> = std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no staging folder left: {leftovers:?}");
}

/// Writes a dataset, then hands `second` a writer over it and its folder:
/// whatever `second` does, the first dataset stays as it was, and no
/// staging folder is left beside it.
fn leaves_the_old_dataset(name: &str, second: impl FnOnce(&Path, DatasetWriter)) {
    let scratch = temp(name);
    let dir = scratch.path();
    let out = dir.join("out");
    write(&out);
    let before = std::fs::read(out.join("documents.parquet")).unwrap();
    second(dir, writer(&out));
    assert_eq!(std::fs::read(out.join("documents.parquet")).unwrap(), before);
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 1, "staging removed");
}

#[test]
fn unfinished_writer_leaves_old_dataset() {
    leaves_the_old_dataset("drop", |_, mut w| w.append(&outcomes()[1]).unwrap());
}

#[test]
fn a_file_failing_at_the_close_leaves_the_old_dataset_and_no_staging() {
    leaves_the_old_dataset("close", |dir, mut w| {
        for o in outcomes() {
            w.append(&o).unwrap();
        }
        // A folder where the findings' open row group would spill its
        // first column: that file fails at the close, while the others close.
        let staging = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).find(|p| !p.ends_with("out"));
        std::fs::create_dir(staging.unwrap().join("findings.parquet.spill.0.0")).unwrap();
        let err = w.finish(|| serde_json::json!({})).unwrap_err().to_string();
        assert!(err.contains("findings.parquet.spill.0.0"), "{err}");
    });
}

#[test]
fn facts_without_year_are_refused() {
    let scratch = temp("noyear");
    let dir = scratch.path();
    let mut w = writer(&dir.join("out"));
    let mut o = outcomes().remove(2);
    o.facts.push(fact(1));
    assert!(matches!(w.append(&o), Err(WriteError::NoYear { .. })));
}

#[test]
fn a_year_goes_on_in_a_new_part_after_its_row_groups() {
    let scratch = temp("parts");
    let dir = scratch.path();
    let out = dir.join("out");
    let mut w = writer(&out);
    w.part_row_groups = 1;
    w.row_group_rows = 2;
    let o = outcomes().remove(0);
    for _ in 0..3 {
        w.append(&o).unwrap();
    }
    assert_eq!(w.finish(|| serde_json::json!({})).unwrap().facts, 6);
    for part in ["part-00000", "part-00001", "part-00002"] {
        let path = out.join(format!("facts/year=2021/{part}.parquet"));
        assert_eq!(rows_and_fields(&path).0, 2, "{part}");
    }
    assert!(!out.join("facts/year=2021/part-00003.parquet").exists());
}

#[test]
fn the_writer_tells_which_appends_encode_a_row_group() {
    let scratch = temp("will-encode");
    let dir = scratch.path();
    let mut w = writer(&dir.join("out"));
    w.row_group_rows = 3;
    let o = outcomes().remove(0);
    assert_eq!(o.facts.len(), 2);
    let groups = |w: &DatasetWriter| w.facts.values().map(|(_, f)| f.row_groups()).sum::<usize>();
    let mut told = vec![];
    for _ in 0..5 {
        let (will, before) = (w.will_encode(&o), groups(&w));
        w.append(&o).unwrap();
        told.push((will, groups(&w) - before));
    }
    // 2, then 4 (a group of 3 written, 1 left), 3 (written), 2, 4 (written).
    assert_eq!(told, [(false, 0), (true, 1), (true, 1), (false, 0), (true, 1)]);
}

#[test]
fn row_groups_are_full_but_the_last_and_leave_no_spill_behind() {
    let scratch = temp("groups");
    let dir = scratch.path();
    let out = dir.join("out");
    let mut w = writer(&out);
    w.row_group_rows = 3;
    let o = outcomes().remove(0);
    for _ in 0..4 {
        w.append(&o).unwrap();
    }
    w.finish(|| serde_json::json!({})).unwrap();
    let path = out.join("facts/year=2021/part-00000.parquet");
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap()).unwrap();
    let groups: Vec<i64> = reader.metadata().row_groups().iter().map(|g| g.num_rows()).collect();
    assert_eq!(groups, [3, 3, 2]);
    let lines: Vec<u32> = reader
        .build()
        .unwrap()
        .flat_map(|b| {
            let b = b.unwrap();
            let col = b.column_by_name("line").unwrap().as_any().downcast_ref::<arrow_array::UInt32Array>().unwrap();
            col.values().to_vec()
        })
        .collect();
    assert_eq!(lines, [1, 2, 1, 2, 1, 2, 1, 2], "rows in the order appended");
    let mut left = vec![];
    for entry in std::fs::read_dir(out.join("facts/year=2021")).unwrap() {
        left.push(entry.unwrap().file_name().to_string_lossy().into_owned());
    }
    assert_eq!(left, ["part-00000.parquet"]);
}

/// Every Parquet file under `out`, by path, with its bytes.
fn parquet_files(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut dirs = vec![out.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "parquet") {
                files.insert(path.strip_prefix(out).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn row_groups_encoded_on_their_own_thread_give_the_same_bytes() {
    let scratch = temp("background");
    let dir = scratch.path();
    let written = |name: &str, background: bool| {
        let out = dir.join(name);
        let mut w = writer(&out);
        if background {
            w = w.encoding_in_background(|_| {}).unwrap();
        }
        // Row groups of 3 rows, parts of 2: row groups end mid-run and a
        // year goes on in a new part while its last row group may still be encoding.
        (w.row_group_rows, w.part_row_groups) = (3, 2);
        for _ in 0..7 {
            for o in outcomes() {
                w.append(&o).unwrap();
            }
        }
        assert_eq!(w.finish(|| serde_json::json!({})).unwrap().facts, 21);
        parquet_files(&out)
    };
    let inline = written("inline", false);
    assert!(inline.contains_key(Path::new("facts/year=2021/part-00002.parquet")), "{:?}", inline.keys());
    assert_eq!(written("background", true), inline);
}
