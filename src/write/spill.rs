//! The rows of a row group in the making, kept on disk (an Arrow IPC
//! stream beside the file it is for) until the row group is full and is
//! encoded, one column at a time. A Parquet writer fed batch by batch keeps
//! each open row group's encoded pages, dictionaries and a zstd context per
//! column in memory until the row group ends; with one file open per year
//! and three more datasets that was 221 column writers at once, and memory
//! that followed how full they had got, so it grew with the corpus. Here
//! only the column being encoded has a writer. The stream is not
//! compressed: the disk is only borrowed (some 24 MB at most a facts year),
//! and zstd on it cost 5 % of a run and 2 MiB of peak RSS.

use super::WriteError;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_ipc::reader::StreamReader;
use arrow_ipc::writer::StreamWriter;
use arrow_schema::SchemaRef;
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};

/// Spilled rows of one file's open row group.
pub struct Spill {
    path: PathBuf,
    schema: SchemaRef,
    stream: Option<StreamWriter<BufWriter<File>>>,
    rows: usize,
}

impl Spill {
    /// A spill for the file at `file`, kept at `<file>.spill`.
    pub fn new(file: &Path, schema: SchemaRef) -> Self {
        let mut path = file.as_os_str().to_owned();
        path.push(".spill");
        Spill { path: path.into(), schema, stream: None, rows: 0 }
    }

    /// Rows spilled since the last drain.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Appends a batch, creating the spill file with the first.
    pub fn push(&mut self, batch: &RecordBatch) -> Result<(), WriteError> {
        if self.stream.is_none() {
            let file = File::create(&self.path).map_err(|e| WriteError::io(&self.path, e))?;
            let stream = StreamWriter::try_new(BufWriter::new(file), &self.schema).map_err(|e| self.error(e))?;
            self.stream = Some(stream);
        }
        if let Some(stream) = &mut self.stream {
            stream.write(batch).map_err(|e| WriteError::Spill { path: self.path.clone(), source: e })?;
        }
        self.rows += batch.num_rows();
        Ok(())
    }

    /// Hands one column of every spilled batch, in order, to `sink`. The
    /// first call ends the stream; the rows stay spilled until [`Spill::clear`].
    pub fn column(
        &mut self,
        index: usize,
        mut sink: impl FnMut(&ArrayRef) -> Result<(), WriteError>,
    ) -> Result<(), WriteError> {
        if let Some(mut stream) = self.stream.take() {
            stream.finish().map_err(|e| self.error(e))?;
            drop(stream.into_inner().map_err(|e| self.error(e))?);
        }
        if self.rows == 0 {
            return Ok(());
        }
        let file = File::open(&self.path).map_err(|e| WriteError::io(&self.path, e))?;
        let batches = StreamReader::try_new(BufReader::new(file), Some(vec![index])).map_err(|e| self.error(e))?;
        for batch in batches {
            sink(batch.map_err(|e| self.error(e))?.column(0))?;
        }
        Ok(())
    }

    /// Forgets the spilled rows and removes the spill file.
    pub fn clear(&mut self) -> Result<(), WriteError> {
        self.stream = None;
        if std::mem::take(&mut self.rows) == 0 {
            return Ok(());
        }
        std::fs::remove_file(&self.path).map_err(|e| WriteError::io(&self.path, e))
    }

    fn error(&self, source: arrow_schema::ArrowError) -> WriteError {
        WriteError::Spill { path: self.path.clone(), source }
    }
}
