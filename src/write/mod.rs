//! The `write` stage: the only code that writes output. It streams
//! outcomes into the dataset of `spec/output-schema.md` — facts partitioned
//! by year with one open writer per year, documents, findings, indicators —
//! inside a staging folder beside the output, writes `manifest.json` last,
//! and swaps the staging folder in atomically, so readers never see a half
//! dataset and a killed run leaves the previous one intact.

mod encoder;
mod file;
mod schema;
mod spill;
mod swap;

use crate::model::Outcome;
use crate::model::{Fact, Finding, Indicator};
use encoder::Encoder;
use file::{ParquetFile, RowGroup, ROW_GROUP_ROWS};
use rayon::prelude::*;
use schema::{Col, DOCUMENTS, FACTS, FINDINGS, INDICATORS};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Row groups a facts file takes before its year goes on in a new part
/// (`part-00001.parquet` …). A file keeps the metadata of every row group it
/// wrote (offsets and statistics of each column chunk) until its footer, so one file per year for a corpus of any
/// size would grow the writer with the corpus. 16 row groups are 2M rows,
/// some 3 MB of Parquet.
const PART_ROW_GROUPS: usize = 16;

/// Version of the output layout, in every footer and the manifest.
pub const SCHEMA_VERSION: u32 = 1;

/// Run-level facts stamped into footers and the manifest.
#[derive(Debug, Clone)]
pub struct RunMeta {
    /// budgetlake's version.
    pub tool_version: String,
    /// Hash of the pipeline configuration.
    pub config_hash: String,
}

/// Rows written, per dataset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// `documents` rows.
    pub documents: u64,
    /// `facts` rows.
    pub facts: u64,
    /// `findings` rows.
    pub findings: u64,
    /// `indicators` rows.
    pub indicators: u64,
}

/// Why the dataset could not be written; every variant names the path.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The operating system refused a file operation.
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The Parquet encoder failed.
    #[error("cannot write {path}: {source}")]
    Parquet { path: PathBuf, source: parquet::errors::ParquetError },
    /// Rows could not be spilled to disk or read back.
    #[error("cannot spill rows to {path}: {source}")]
    Spill { path: PathBuf, source: arrow_schema::ArrowError },
    /// The thread that encodes row groups could not be started.
    #[error("cannot start the thread that encodes row groups: {source}")]
    Thread { source: std::io::Error },
    /// A record batch could not be built.
    #[error("cannot build a record batch for {path}: {source}")]
    Arrow { path: PathBuf, source: arrow_schema::ArrowError },
    /// Facts arrived for a document without a year, which has no partition.
    #[error("{source_name}: facts without a fiscal year cannot be partitioned")]
    NoYear { source_name: String },
    /// `out` holds something a dataset does not, which replacing it would delete.
    #[error("will not replace {path}: {why}; give --out a new folder or one a run wrote")]
    NotADataset { path: PathBuf, why: String },
}

impl WriteError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        WriteError::Io { path: path.to_path_buf(), source }
    }
    fn parquet(path: &Path, source: parquet::errors::ParquetError) -> Self {
        WriteError::Parquet { path: path.to_path_buf(), source }
    }
    fn arrow(path: &Path, source: arrow_schema::ArrowError) -> Self {
        WriteError::Arrow { path: path.to_path_buf(), source }
    }
}

/// Streams outcomes into a staged dataset; `finish` makes it visible.
pub struct DatasetWriter {
    out: PathBuf,
    staging: PathBuf,
    meta: RunMeta,
    /// Per year: the number of the open part and its file.
    facts: BTreeMap<i16, (u32, ParquetFile<Fact>)>,
    /// [`PART_ROW_GROUPS`]; a field so that tests can roll parts early.
    part_row_groups: usize,
    /// Rows per facts row group; a field so that tests can end them early.
    row_group_rows: usize,
    documents: Option<ParquetFile<()>>,
    findings: Option<ParquetFile<Finding>>,
    indicators: Option<ParquetFile<Indicator>>,
    summary: WriteSummary,
    /// Where full row groups are encoded.
    encoder: Encoder,
    /// Set once the staged dataset is being swapped in: from then on the
    /// staging folder is no longer this run's to remove.
    swapping: bool,
}

impl DatasetWriter {
    /// Creates the staging folder beside `out`, removing those of killed
    /// runs; nothing visible changes yet. An `out` that is no dataset is
    /// refused here, before any report is read.
    pub fn create(out: &Path, meta: RunMeta) -> Result<Self, WriteError> {
        swap::check_replaceable(out)?;
        spill::allow_open_files();
        let staging = swap::staging_path(out);
        swap::remove_stale(out);
        swap::fresh_dir(&staging)?;
        Ok(DatasetWriter {
            out: out.to_path_buf(),
            documents: Some(dataset(&staging, "documents", &DOCUMENTS, &meta)?),
            findings: Some(dataset(&staging, "findings", &FINDINGS, &meta)?),
            indicators: Some(dataset(&staging, "indicators", &INDICATORS, &meta)?),
            staging,
            meta,
            facts: BTreeMap::new(),
            part_row_groups: PART_ROW_GROUPS,
            row_group_rows: ROW_GROUP_ROWS,
            summary: WriteSummary::default(),
            encoder: Encoder::default(),
            swapping: false,
        })
    }

    /// Encodes full row groups on a thread of their own, beside the
    /// workers, instead of in the writer's, calling `busy` with true before
    /// each and false after it; worth it where the run has a core for it
    /// (more than one job), and otherwise only adding memory: the workers
    /// then read documents during every encode.
    pub fn encoding_in_background(mut self, busy: impl Fn(bool) + Send + 'static) -> Result<Self, WriteError> {
        self.encoder = Encoder::spawn(busy)?;
        Ok(self)
    }

    /// Appends one document's rows, in the order given.
    pub fn append(&mut self, o: &Outcome) -> Result<(), WriteError> {
        let d = &o.document;
        if !o.facts.is_empty() {
            let year = d.year.ok_or_else(|| WriteError::NoYear { source_name: d.source.clone() })?;
            let full = self.year_file(year)?.extend(d, &o.facts)?;
            self.encode(full)?;
        }
        let unit = [()];
        if let (Some(docs), Some(finds), Some(inds)) = (&mut self.documents, &mut self.findings, &mut self.indicators) {
            let mut full = docs.extend(d, &unit)?;
            full.extend(finds.extend(d, &o.findings)?);
            full.extend(inds.extend(d, &o.indicators)?);
            self.encode(full)?;
        }
        self.summary.documents += 1;
        self.summary.facts += o.facts.len() as u64;
        self.summary.findings += o.findings.len() as u64;
        self.summary.indicators += o.indicators.len() as u64;
        Ok(())
    }

    fn encode(&mut self, full: Vec<RowGroup>) -> Result<(), WriteError> {
        full.into_iter().try_for_each(|group| self.encoder.run(Box::new(move || group.encode())))
    }

    /// Whether appending `o` encodes a row group or ends a part in the
    /// writer's thread: the slow steps of an append, during which the run
    /// admits no new documents. Asked before the append, so that the hold
    /// starts with it: held only while the encode itself ran (the encoder
    /// telling the window, as its thread does), the worker was admitted in
    /// between and read beside the encode, and the 20,000-report `--jobs 1`
    /// peak rose by 0.4 to 0.5 MB.
    pub fn will_encode(&self, o: &Outcome) -> bool {
        if !self.encoder.is_inline() {
            return false;
        }
        fn fills<R>(file: &Option<ParquetFile<R>>, rows: usize) -> bool {
            file.as_ref().is_some_and(|f| f.fills(rows))
        }
        let year = o.document.year.and_then(|y| self.facts.get(&y)).filter(|_| !o.facts.is_empty());
        year.is_some_and(|(_, f)| self.part_is_full(f) || f.fills(o.facts.len()))
            || fills(&self.documents, 1)
            || fills(&self.findings, o.findings.len())
            || fills(&self.indicators, o.indicators.len())
    }

    /// Whether a facts part holds its [`PART_ROW_GROUPS`] row groups, so that
    /// its year goes on in the next part.
    fn part_is_full(&self, file: &ParquetFile<Fact>) -> bool {
        file.row_groups() >= self.part_row_groups
    }

    /// The open facts file of a year: the first part, or the next one once
    /// the open part holds [`PART_ROW_GROUPS`] row groups.
    fn year_file(&mut self, year: i16) -> Result<&mut ParquetFile<Fact>, WriteError> {
        let next = match self.facts.remove(&year) {
            Some((part, file)) if self.part_is_full(&file) => {
                let closing = file.closing()?;
                self.encoder.run(Box::new(move || closing.run().map(drop)))?;
                Some(part + 1)
            }
            Some(open) => {
                self.facts.insert(year, open);
                None
            }
            None => Some(0),
        };
        if let Some(part) = next {
            let path = self.staging.join(format!("facts/year={year}/part-{part:05}.parquet"));
            self.facts.insert(year, (part, ParquetFile::create(&path, &FACTS, &self.meta, self.row_group_rows)?));
        }
        let open = self.facts.get_mut(&year).map(|(_, f)| f);
        open.ok_or_else(|| WriteError::NoYear { source_name: format!("year {year}") })
    }

    /// Closes every file, writes `manifest.json` last and swaps the staged
    /// dataset in for `out`. The keys `extra` gives, once the files are
    /// closed (so that a run's timings count the close), are added to the
    /// manifest.
    ///
    /// Every file is closed on the rayon pool it is called in: a run whose
    /// row groups never fill encodes every row at the close (0.45 s of a
    /// 3.2 s 2,000-report run), which one file after the other left every
    /// core but one idle. Each file's bytes do not depend on the others,
    /// and each encodes a column at a time, so closing them together costs
    /// a column writer per core, not a file's sixteen.
    pub fn finish(mut self, extra: impl FnOnce() -> serde_json::Value) -> Result<WriteSummary, WriteError> {
        self.encoder.wait()?;
        type Close = Box<dyn FnOnce() -> Result<u64, WriteError> + Send>;
        fn close<R: 'static>(file: ParquetFile<R>) -> Close {
            Box::new(move || file.close())
        }
        let years: Vec<i16> = self.facts.keys().copied().collect();
        let mut closes: Vec<Close> = std::mem::take(&mut self.facts).into_values().map(|(_, f)| close(f)).collect();
        closes.extend(self.documents.take().map(close));
        closes.extend(self.findings.take().map(close));
        closes.extend(self.indicators.take().map(close));
        let close_all = || closes.into_par_iter().map(|close| close()).collect::<Result<Vec<u64>, WriteError>>();
        crate::timing::timed(crate::timing::Stage::Write, close_all)?;
        let manifest = self.manifest(&years, extra());
        let path = self.staging.join("manifest.json");
        std::fs::write(&path, manifest).map_err(|e| WriteError::io(&path, e))?;
        swap::sync_dir(&self.staging)?;
        self.swapping = true;
        swap::replace(&self.staging, &self.out)?;
        Ok(self.summary)
    }

    fn manifest(&self, years: &[i16], extra: serde_json::Value) -> String {
        let s = &self.summary;
        let mut m = serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "tool_version": self.meta.tool_version,
            "config_hash": self.meta.config_hash,
            "counts": { "documents": s.documents, "facts": s.facts, "findings": s.findings, "indicators": s.indicators },
            "years": years,
        });
        if let (Some(m), serde_json::Value::Object(extra)) = (m.as_object_mut(), extra) {
            m.extend(extra);
        }
        serde_json::to_string_pretty(&m).unwrap_or_default()
    }
}

/// The one file of a dataset that is not partitioned, `<name>.parquet`.
fn dataset<R>(
    staging: &Path,
    name: &str,
    cols: &'static [Col<R>],
    meta: &RunMeta,
) -> Result<ParquetFile<R>, WriteError> {
    ParquetFile::create(&staging.join(format!("{name}.parquet")), cols, meta, ROW_GROUP_ROWS)
}

impl Drop for DatasetWriter {
    /// An unfinished run leaves nothing behind but the previous dataset.
    fn drop(&mut self) {
        drop(std::mem::take(&mut self.encoder));
        if !self.swapping {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

#[cfg(test)]
mod tests;
