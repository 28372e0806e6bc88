//! One Parquet file of one dataset: a column buffer and an open
//! `ArrowWriter`, flushed every [`BATCH_ROWS`] rows. The writer properties
//! are set here, explicitly, once for every file.

use super::schema::{Col, Columns, BATCH_ROWS};
use super::{RunMeta, WriteError};
use crate::model::Document;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use std::fs::File;
use std::path::{Path, PathBuf};

/// Rows per row group: large enough for scans, small enough for predicate pushdown.
pub(super) const ROW_GROUP_ROWS: usize = 128 * 1024;

/// Rows per data page. parquet's 20,000 kept a `u64` dictionary index per
/// row and string column until the page was cut, 2.5 MB per facts file, so
/// the open-row-group budget ended row groups at about 24K rows.
const PAGE_ROWS: usize = 8 * 1024;

/// Largest page, data or dictionary, before compression. Every column
/// writer keeps a zstd workspace sized for the largest page it compressed;
/// with parquet's 1 MiB pages, those of the 221 writers open at once (11
/// years of facts and three datasets) took 23 MB.
const PAGE_BYTES: usize = 128 << 10;

/// The properties every file is written with. No timestamps: the same
/// input must give the same bytes.
fn properties(meta: &RunMeta) -> WriterProperties {
    let zstd = ZstdLevel::try_new(3).map(Compression::ZSTD).unwrap_or(Compression::SNAPPY);
    WriterProperties::builder()
        .set_compression(zstd)
        .set_dictionary_enabled(true)
        .set_statistics_enabled(EnabledStatistics::Page)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_data_page_row_count_limit(PAGE_ROWS)
        .set_dictionary_page_size_limit(PAGE_BYTES)
        .set_data_page_size_limit(PAGE_BYTES)
        .set_created_by(format!("budgetlake {}", meta.tool_version))
        .set_key_value_metadata(Some(vec![
            KeyValue::new("budgetlake.schema_version".into(), super::SCHEMA_VERSION.to_string()),
            KeyValue::new("budgetlake.tool_version".into(), meta.tool_version.clone()),
            KeyValue::new("budgetlake.config_hash".into(), meta.config_hash.clone()),
        ]))
        .build()
}

/// An open dataset file.
pub struct ParquetFile<R: 'static> {
    path: PathBuf,
    writer: ArrowWriter<File>,
    sync: File,
    buffer: Columns<R>,
    rows: u64,
}

impl<R> ParquetFile<R> {
    /// Creates the file (and its folder) for rows with these columns.
    pub fn create(path: &Path, cols: &'static [Col<R>], meta: &RunMeta) -> Result<Self, WriteError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| WriteError::io(dir, e))?;
        }
        let file = File::create(path).map_err(|e| WriteError::io(path, e))?;
        let sync = file.try_clone().map_err(|e| WriteError::io(path, e))?;
        let buffer = Columns::new(cols);
        let writer = ArrowWriter::try_new(file, buffer.schema(), Some(properties(meta)))
            .map_err(|e| WriteError::parquet(path, e))?;
        Ok(ParquetFile { path: path.to_path_buf(), writer, sync, buffer, rows: 0 })
    }

    /// Buffers rows, writing a batch whenever the buffer is full.
    pub fn extend<'a>(&mut self, doc: &Document, rows: impl IntoIterator<Item = &'a R>) -> Result<(), WriteError>
    where
        R: 'a,
    {
        for row in rows {
            self.buffer.push(doc, row);
            self.rows += 1;
            if self.buffer.len() >= BATCH_ROWS {
                self.flush()?;
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), WriteError> {
        if self.buffer.len() == 0 {
            return Ok(());
        }
        let batch = self.buffer.batch().map_err(|e| WriteError::arrow(&self.path, e))?;
        self.writer.write(&batch).map_err(|e| WriteError::parquet(&self.path, e))
    }

    /// Row groups written so far.
    pub fn row_groups(&self) -> usize {
        self.writer.flushed_row_groups().len()
    }

    /// Writes what is buffered, the footer, and syncs the file to disk.
    pub fn close(mut self) -> Result<u64, WriteError> {
        self.flush()?;
        self.writer.close().map_err(|e| WriteError::parquet(&self.path, e))?;
        self.sync.sync_all().map_err(|e| WriteError::io(&self.path, e))?;
        Ok(self.rows)
    }
}

/// A file whose open row group can be measured and ended, whatever its rows.
pub trait OpenRowGroup {
    /// Memory held by the open row group (encoded pages and dictionaries).
    fn open_bytes(&self) -> usize;
    /// Ends the open row group early, writing it out, to give its memory back.
    fn end_row_group(&mut self) -> Result<(), WriteError>;
}

impl<R> OpenRowGroup for ParquetFile<R> {
    fn open_bytes(&self) -> usize {
        self.writer.memory_size()
    }

    fn end_row_group(&mut self) -> Result<(), WriteError> {
        self.flush()?;
        self.writer.flush().map_err(|e| WriteError::parquet(&self.path, e))
    }
}
