//! Reading a written dataset back: Parquet rows as column → text maps, and
//! every file's bytes, to compare runs and prove a dataset is whole.

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int16Type, Int8Type, UInt32Type, UInt64Type};
use arrow_array::Array;
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One row: column name → value as text (`null` for nulls).
pub type Row = BTreeMap<String, String>;

/// Every row of one Parquet file, in order.
pub fn rows(path: &Path) -> Vec<Row> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
    let mut rows = vec![];
    for batch in reader {
        let batch = batch.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let schema = batch.schema();
        for i in 0..batch.num_rows() {
            let row = schema.fields().iter().zip(batch.columns()).map(|(f, c)| (f.name().clone(), cell(c, i)));
            rows.push(row.collect());
        }
    }
    rows
}

fn cell(col: &dyn Array, i: usize) -> String {
    if col.is_null(i) {
        return "null".into();
    }
    match col.data_type() {
        DataType::Utf8 => col.as_string::<i32>().value(i).to_string(),
        DataType::Float64 => col.as_primitive::<Float64Type>().value(i).to_string(),
        DataType::Int8 => col.as_primitive::<Int8Type>().value(i).to_string(),
        DataType::Int16 => col.as_primitive::<Int16Type>().value(i).to_string(),
        DataType::UInt32 => col.as_primitive::<UInt32Type>().value(i).to_string(),
        DataType::UInt64 => col.as_primitive::<UInt64Type>().value(i).to_string(),
        DataType::List(_) => {
            let items = col.as_list::<i32>().value(i);
            (0..items.len()).map(|j| cell(&items, j)).collect::<Vec<_>>().join(",")
        }
        other => panic!("no rendering for {other}"),
    }
}

/// Every facts row of a dataset with its `year` from the partition path,
/// in year then file order.
pub fn facts(out: &Path) -> Vec<Row> {
    let mut all = vec![];
    for (path, _) in files(out).iter().filter(|(p, _)| p.starts_with("facts")) {
        let year = path.parent().and_then(|d| d.file_name()).unwrap().to_string_lossy().replace("year=", "");
        for mut row in rows(&out.join(path)) {
            row.insert("year".into(), year.clone());
            all.push(row);
        }
    }
    all
}

/// Every file under `dir`, relative path → bytes.
pub fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                found.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

/// The dataset's `manifest.json`.
pub fn manifest(out: &Path) -> serde_json::Value {
    let path = out.join("manifest.json");
    serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

/// Panics unless the dataset has a manifest and every Parquet file reads to the end.
pub fn assert_readable(out: &Path) {
    let all = files(out);
    assert!(all.contains_key(Path::new("manifest.json")), "no manifest in {}", out.display());
    for path in all.keys().filter(|p| p.extension().is_some_and(|e| e == "parquet")) {
        rows(&out.join(path));
    }
}
