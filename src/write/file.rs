//! One Parquet file of one dataset: a column buffer, drained every
//! [`BATCH_ROWS`] rows into the spill of the open row group, and a Parquet
//! writer that encodes a row group only once it is full (or the file
//! closes), one column at a time: a full row group then costs one column
//! writer's dictionary, pages and zstd context, not one per column at once
//! (`ArrowWriter` would write every column of a batch together). The
//! writer properties are set here, explicitly, once for every file.

use super::schema::{Col, Columns, BATCH_ROWS};
use super::spill::{Spill, Spilled};
use super::{RunMeta, WriteError};
use crate::model::Document;
use arrow_schema::SchemaRef;
use parquet::arrow::add_encoded_arrow_schema_to_metadata;
use parquet::arrow::arrow_writer::{compute_leaves, ArrowRowGroupWriterFactory};
use parquet::arrow::ArrowSchemaConverter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::file::writer::SerializedFileWriter;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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

/// An open dataset file: rows are buffered and spilled here, on the
/// writer's thread; its row groups are encoded by [`RowGroup::encode`],
/// wherever the writer runs that.
pub struct ParquetFile<R: 'static> {
    sink: Arc<Mutex<Sink>>,
    buffer: Columns<R>,
    spill: Spill,
    row_group_rows: usize,
    rows: u64,
    /// Row groups handed on to be encoded.
    row_groups: usize,
}

/// The Parquet side of a file. Its row groups are encoded in the order
/// they fill, one at a time, so the lock is only ever taken by one thread.
struct Sink {
    path: PathBuf,
    writer: SerializedFileWriter<File>,
    columns: ArrowRowGroupWriterFactory,
    schema: SchemaRef,
    sync: File,
}

/// A file's full row group, spilled, waiting to be encoded.
pub struct RowGroup {
    sink: Arc<Mutex<Sink>>,
    spilled: Spilled,
}

/// What is left of a file once its last row is in: its last row group,
/// then its footer. It runs where the file's row groups are encoded,
/// after them.
pub struct Closing {
    last: RowGroup,
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
        let columns = ArrowRowGroupWriterFactory::new(&writer, Arc::clone(&schema));
        let sink = Sink { path: path.to_path_buf(), writer, columns, schema, sync };
        let row_group_rows = row_group_rows.max(1);
        Ok(ParquetFile { sink: Arc::new(Mutex::new(sink)), buffer, spill, row_group_rows, rows: 0, row_groups: 0 })
    }

    /// Buffers rows, spilling a batch whenever the buffer is full; returns
    /// the row groups they filled, to be encoded in order.
    pub fn extend<'a>(
        &mut self,
        doc: &Document,
        rows: impl IntoIterator<Item = &'a R>,
    ) -> Result<Vec<RowGroup>, WriteError>
    where
        R: 'a,
    {
        let mut full = vec![];
        for row in rows {
            self.buffer.push(doc, row);
            self.rows += 1;
            let fills = self.fills(0);
            if fills || self.buffer.len() >= BATCH_ROWS {
                self.spill_buffer()?;
            }
            if fills {
                full.push(self.row_group()?);
            }
        }
        Ok(full)
    }

    fn spill_buffer(&mut self) -> Result<(), WriteError> {
        if self.buffer.len() == 0 {
            return Ok(());
        }
        let batch = self.buffer.batch().map_err(|e| WriteError::arrow(self.path(), e))?;
        self.spill.push(&batch)
    }

    /// The spilled rows as a row group.
    fn row_group(&mut self) -> Result<RowGroup, WriteError> {
        self.row_groups += 1;
        Ok(RowGroup { sink: Arc::clone(&self.sink), spilled: self.spill.take()? })
    }

    fn path(&self) -> &Path {
        self.spill.file()
    }

    /// Whether the open row group, with `rows` more rows, is full, and so
    /// is handed on. A full one is handed on at once, so `fills(0)` is
    /// false between appends.
    pub fn fills(&self, rows: usize) -> bool {
        self.spill.rows() + self.buffer.len() + rows >= self.row_group_rows
    }

    /// Row groups handed on so far.
    pub fn row_groups(&self) -> usize {
        self.row_groups
    }

    /// Ends the file on the writer's side: what is buffered becomes its last row group.
    pub fn closing(mut self) -> Result<Closing, WriteError> {
        self.spill_buffer()?;
        Ok(Closing { last: self.row_group()?, rows: self.rows })
    }

    /// Encodes what is buffered, writes the footer and syncs the file to
    /// disk; every row group handed on must have been encoded.
    pub fn close(self) -> Result<u64, WriteError> {
        self.closing()?.run()
    }
}

impl RowGroup {
    /// Encodes the rows as the file's next row group, a column at a time,
    /// and removes their spill.
    pub fn encode(self) -> Result<(), WriteError> {
        if self.spilled.rows() == 0 {
            return self.spilled.remove();
        }
        let mut sink = self.sink.lock().unwrap_or_else(|e| e.into_inner());
        let Sink { path, writer, columns, schema, .. } = &mut *sink;
        let parquet_error = |e| WriteError::parquet(path, e);
        let index = writer.flushed_row_groups().len();
        let mut group = writer.next_row_group().map_err(parquet_error)?;
        // One writer per field: the schemas are flat, each field one leaf.
        let writers = columns.create_column_writers(index).map_err(parquet_error)?;
        for (i, (field, mut writer)) in schema.fields().iter().zip(writers).enumerate() {
            self.spilled.column(i, |array| {
                for leaf in compute_leaves(field, array).map_err(parquet_error)? {
                    writer.write(&leaf).map_err(parquet_error)?;
                }
                Ok(())
            })?;
            writer.close().and_then(|chunk| chunk.append_to_row_group(&mut group)).map_err(parquet_error)?;
        }
        group.close().map_err(parquet_error)?;
        drop(sink);
        self.spilled.remove()
    }
}

impl Closing {
    /// Encodes the last row group, writes the footer and syncs the file;
    /// returns the file's rows.
    pub fn run(self) -> Result<u64, WriteError> {
        let sink = Arc::clone(&self.last.sink);
        self.last.encode()?;
        let mut sink = sink.lock().unwrap_or_else(|e| e.into_inner());
        let Sink { path, writer, sync, .. } = &mut *sink;
        writer.finish().map_err(|e| WriteError::parquet(path, e))?;
        sync.sync_all().map_err(|e| WriteError::io(path, e))?;
        Ok(self.rows)
    }
}
