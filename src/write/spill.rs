//! The rows of a row group in the making, kept on disk until the row group
//! is full and is encoded, one column at a time: an Arrow IPC stream per
//! column beside the file it is for, so that encoding a column reads that
//! column's bytes only. A Parquet writer fed batch by batch keeps each open
//! row group's encoded pages, dictionaries and a zstd context per column in
//! memory until the row group ends; with one file open per year and three
//! more datasets that was 221 column writers at once, and memory that
//! followed how full they had got, so it grew with the corpus. Here only
//! the column being encoded has a writer. The streams are not compressed:
//! the disk is only borrowed (some 24 MB at most a facts year), and zstd on
//! them cost 5 % of a run and 2 MiB of peak RSS.

use super::WriteError;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_ipc::reader::StreamReader;
use arrow_ipc::writer::StreamWriter;
use arrow_schema::{Schema, SchemaRef};
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Write buffer of a column's stream. A batch's column bodies (KBs) go
/// past it; it gathers the small message headers. Every open file has a
/// stream per column, so std's 8 KiB each would be 1.8 MB over a run's
/// files.
const STREAM_BUFFER: usize = 1 << 10;

/// Lets the process open as many files as the system allows it. Every
/// open Parquet file keeps a spill stream per column open (16 for facts):
/// a corpus whose reports name 60 years needs over a thousand descriptors,
/// past the soft limit many systems start a shell with (1024), though far
/// under their hard limit. Raising the soft limit to the hard one is all
/// an unprivileged process may do; where that fails, the run goes on, and
/// a spill that cannot open its file stops it with the OS's reason.
pub fn allow_open_files() {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit and setrlimit only read and write `limit`.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max {
                limit.rlim_cur = limit.rlim_max;
                libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
            }
        }
    }
}

/// Spilled rows of one file's open row group.
pub struct Spill {
    /// Where the streams go: `<file>.spill.<row group>.<column>`.
    file: PathBuf,
    /// The schema of each column alone.
    schemas: Vec<SchemaRef>,
    /// The open streams, one per column, made with the first batch.
    streams: Vec<(PathBuf, StreamWriter<BufWriter<File>>)>,
    rows: usize,
    /// Row groups spilled before this one: each has streams of its own, so
    /// that one can be encoded while the next is spilled.
    taken: usize,
}

/// The streams of a full row group, closed, to be encoded column by column.
pub struct Spilled {
    paths: Vec<PathBuf>,
    rows: usize,
}

impl Spill {
    /// A spill for the file at `file`, with that file's schema.
    pub fn new(file: &Path, schema: SchemaRef) -> Self {
        let schemas = schema.fields().iter().map(|field| Arc::new(Schema::new(vec![Arc::clone(field)]))).collect();
        Spill { file: file.to_path_buf(), schemas, streams: vec![], rows: 0, taken: 0 }
    }

    /// The file the rows are for.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Rows spilled since the last take.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Appends a batch, creating the streams with the first.
    pub fn push(&mut self, batch: &RecordBatch) -> Result<(), WriteError> {
        if self.streams.is_empty() {
            for (i, schema) in self.schemas.iter().enumerate() {
                let mut path = self.file.as_os_str().to_owned();
                path.push(format!(".spill.{}.{i}", self.taken));
                let path = PathBuf::from(path);
                let file = File::create(&path).map_err(|e| WriteError::io(&path, e))?;
                let stream = StreamWriter::try_new(BufWriter::with_capacity(STREAM_BUFFER, file), schema)
                    .map_err(|e| error(&path, e))?;
                self.streams.push((path, stream));
            }
        }
        for (((path, stream), schema), array) in self.streams.iter_mut().zip(&self.schemas).zip(batch.columns()) {
            let column =
                RecordBatch::try_new(Arc::clone(schema), vec![Arc::clone(array)]).map_err(|e| error(path, e))?;
            stream.write(&column).map_err(|e| error(path, e))?;
        }
        self.rows += batch.num_rows();
        Ok(())
    }

    /// Ends the streams and hands their rows over; the next batch starts
    /// the next row group's streams.
    pub fn take(&mut self) -> Result<Spilled, WriteError> {
        let mut paths = Vec::with_capacity(self.streams.len());
        for (path, mut stream) in std::mem::take(&mut self.streams) {
            stream.finish().map_err(|e| error(&path, e))?;
            drop(stream.into_inner().map_err(|e| error(&path, e))?);
            paths.push(path);
        }
        self.taken += 1;
        Ok(Spilled { paths, rows: std::mem::take(&mut self.rows) })
    }
}

impl Spilled {
    /// Rows of the row group.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Hands column `index` of every spilled batch, in order, to `sink`.
    pub fn column(
        &self,
        index: usize,
        mut sink: impl FnMut(&ArrayRef) -> Result<(), WriteError>,
    ) -> Result<(), WriteError> {
        let Some(path) = self.paths.get(index) else { return Ok(()) };
        let file = File::open(path).map_err(|e| WriteError::io(path, e))?;
        for batch in StreamReader::try_new(BufReader::new(file), None).map_err(|e| error(path, e))? {
            sink(batch.map_err(|e| error(path, e))?.column(0))?;
        }
        Ok(())
    }

    /// Removes the streams' files.
    pub fn remove(self) -> Result<(), WriteError> {
        for path in &self.paths {
            std::fs::remove_file(path).map_err(|e| WriteError::io(path, e))?;
        }
        Ok(())
    }
}

fn error(path: &Path, source: arrow_schema::ArrowError) -> WriteError {
    WriteError::Spill { path: path.to_path_buf(), source }
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn the_open_files_limit_is_raised_to_the_hard_one() {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: as in `allow_open_files`.
        let get = |limit: &mut libc::rlimit| unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, limit) };
        assert_eq!(get(&mut limit), 0);
        let lower = libc::rlimit { rlim_cur: limit.rlim_cur.min(limit.rlim_max).min(256), rlim_max: limit.rlim_max };
        // SAFETY: lowering the soft limit is always allowed.
        assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &lower) }, 0);
        super::allow_open_files();
        let mut raised = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        assert_eq!(get(&mut raised), 0);
        assert_eq!(raised.rlim_cur, limit.rlim_max);
    }
}
