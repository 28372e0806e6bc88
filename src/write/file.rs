//! One Parquet file of one dataset: a column buffer, drained every
//! [`BATCH_ROWS`] rows into the spill of the open row group, and a Parquet
//! writer that encodes a row group only once it is full (or the file
//! closes), one column at a time: a full row group then costs one column
//! writer's dictionary, pages and zstd context, not one per column at once
//! (`ArrowWriter` would write every column of a batch together). The
//! writer properties are set here, explicitly, once for every file.

use super::schema::{Col, Columns, BATCH_ROWS};
use super::spill::Spill;
use super::{RunMeta, WriteError};
use crate::model::Document;
use parquet::arrow::add_encoded_arrow_schema_to_metadata;
use parquet::arrow::arrow_writer::{compute_leaves, ArrowRowGroupWriterFactory};
use parquet::arrow::ArrowSchemaConverter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::file::writer::SerializedFileWriter;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rows per row group: large enough for scans, small enough for predicate pushdown.
pub const ROW_GROUP_ROWS: usize = 128 * 1024;

/// Rows per data page. parquet's 20,000 kept a `u64` dictionary index per
/// row and string column until the page was cut, 2.5 MB per facts file, so
/// the open-row-group budget ended row groups at about 24K rows.
const PAGE_ROWS: usize = 8 * 1024;

/// Largest page, data or dictionary, before compression. Every column
/// writer keeps a zstd workspace sized for the largest page it compressed
/// (23 MB over the 221 writers once open at once at parquet's 1 MiB).
const PAGE_BYTES: usize = 128 << 10;

/// The properties every file is written with. No timestamps: the same
/// input must give the same bytes. Statistics per column chunk, not per
/// page: a page index is held in memory for every row group until the
/// footer (0.8 MB of a 20,000-report run's peak), and it would prune pages
/// inside row groups of a few hundred KB that readers fetch whole anyway.
/// No offset index either: it too is held per row group until the footer
/// (0.4 MB of that peak), and it only serves reads by row number inside a
/// row group, which no reader of these small row groups needs.
fn properties(meta: &RunMeta) -> WriterProperties {
    let zstd = ZstdLevel::try_new(3).map(Compression::ZSTD).unwrap_or(Compression::SNAPPY);
    WriterProperties::builder()
        .set_compression(zstd)
        .set_dictionary_enabled(true)
        .set_statistics_enabled(EnabledStatistics::Chunk)
        .set_offset_index_disabled(true)
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
    writer: SerializedFileWriter<File>,
    columns: ArrowRowGroupWriterFactory,
    sync: File,
    buffer: Columns<R>,
    spill: Spill,
    row_group_rows: usize,
    rows: u64,
}

impl<R> ParquetFile<R> {
    /// Creates the file (and its folder) for rows with these columns, in
    /// row groups of `row_group_rows` rows.
    pub fn create(
        path: &Path,
        cols: &'static [Col<R>],
        meta: &RunMeta,
        row_group_rows: usize,
    ) -> Result<Self, WriteError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| WriteError::io(dir, e))?;
        }
        let file = File::create(path).map_err(|e| WriteError::io(path, e))?;
        let sync = file.try_clone().map_err(|e| WriteError::io(path, e))?;
        let buffer = Columns::new(cols);
        let spill = Spill::new(path, buffer.schema());
        let schema = buffer.schema();
        // As `ArrowWriter` does: the Arrow schema rides in the footer for Arrow readers.
        let mut props = properties(meta);
        add_encoded_arrow_schema_to_metadata(&schema, &mut props);
        let parquet_error = |e| WriteError::parquet(path, e);
        let parquet_schema = ArrowSchemaConverter::new()
            .with_coerce_types(props.coerce_types())
            .convert(&schema)
            .map_err(parquet_error)?;
        let writer = SerializedFileWriter::new(file, parquet_schema.root_schema_ptr(), Arc::new(props))
            .map_err(parquet_error)?;
        let columns = ArrowRowGroupWriterFactory::new(&writer, schema);
        let row_group_rows = row_group_rows.max(1);
        Ok(ParquetFile { path: path.to_path_buf(), writer, columns, sync, buffer, spill, row_group_rows, rows: 0 })
    }

    /// Buffers rows, spilling a batch whenever the buffer is full and
    /// writing a row group whenever one is.
    pub fn extend<'a>(&mut self, doc: &Document, rows: impl IntoIterator<Item = &'a R>) -> Result<(), WriteError>
    where
        R: 'a,
    {
        for row in rows {
            self.buffer.push(doc, row);
            self.rows += 1;
            let full = self.fills(0);
            if full || self.buffer.len() >= BATCH_ROWS {
                self.spill_buffer()?;
            }
            if full {
                self.write_row_group()?;
            }
        }
        Ok(())
    }

    fn spill_buffer(&mut self) -> Result<(), WriteError> {
        if self.buffer.len() == 0 {
            return Ok(());
        }
        let batch = self.buffer.batch().map_err(|e| WriteError::arrow(&self.path, e))?;
        self.spill.push(&batch)
    }

    /// Encodes the spilled rows as one row group, a column at a time.
    fn write_row_group(&mut self) -> Result<(), WriteError> {
        if self.spill.rows() == 0 {
            return Ok(());
        }
        let path = &self.path;
        let parquet_error = |e| WriteError::parquet(path, e);
        let index = self.writer.flushed_row_groups().len();
        let mut group = self.writer.next_row_group().map_err(parquet_error)?;
        let schema = self.buffer.schema();
        // One writer per field: the schemas are flat, each field one leaf.
        let writers = self.columns.create_column_writers(index).map_err(parquet_error)?;
        for (i, (field, mut writer)) in schema.fields().iter().zip(writers).enumerate() {
            self.spill.column(i, |array| {
                for leaf in compute_leaves(field, array).map_err(parquet_error)? {
                    writer.write(&leaf).map_err(parquet_error)?;
                }
                Ok(())
            })?;
            writer.close().and_then(|chunk| chunk.append_to_row_group(&mut group)).map_err(parquet_error)?;
        }
        group.close().map_err(parquet_error)?;
        self.spill.clear()
    }

    /// Whether the open row group, with `rows` more rows, is full, and so
    /// is encoded. A full one is encoded at once, so `fills(0)` is false
    /// between appends.
    pub fn fills(&self, rows: usize) -> bool {
        self.spill.rows() + self.buffer.len() + rows >= self.row_group_rows
    }

    /// Row groups written so far.
    pub fn row_groups(&self) -> usize {
        self.writer.flushed_row_groups().len()
    }

    /// Writes what is buffered, the footer, and syncs the file to disk.
    pub fn close(mut self) -> Result<u64, WriteError> {
        self.spill_buffer()?;
        self.write_row_group()?;
        self.writer.close().map_err(|e| WriteError::parquet(&self.path, e))?;
        self.sync.sync_all().map_err(|e| WriteError::io(&self.path, e))?;
        Ok(self.rows)
    }
}
