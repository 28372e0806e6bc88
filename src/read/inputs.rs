//! Finding the inputs: every `*.txt` under the files and folders given,
//! sorted by the name each gets in the output so that output order never
//! depends on the file system. The list is kept on disk, in unnamed
//! temporary files, and read back one input at a time: held in memory for
//! the whole run, packed, it took 22 bytes a report for names like
//! `000123.txt` (0.44 MB of a 20,000-report run) and some 100 for the
//! names reports are published under, and sorting it as much again. The
//! walk sorts [`CHUNK_BYTES`] of inputs at a time into runs on disk and
//! merges them, so listing takes bounded memory too.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashSet};
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Bytes of inputs sorted in memory at once while listing.
const CHUNK_BYTES: usize = 4 << 20;

/// One input: where it is and the name it gets in the output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// `/`-separated path relative to the folder given on the command line.
    pub source: String,
    /// Path to open.
    pub path: PathBuf,
}

impl Input {
    /// Appends the input as one record, its source, a NUL (which neither a
    /// source nor a path holds) and its path as `OsStr::as_encoded_bytes`
    /// gives it, so that records order as inputs do: by source, then path.
    /// The path is taken by its components: `/in/./a.txt` is `/in/a.txt`.
    fn record(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.source.as_bytes());
        out.push(0);
        out.extend_from_slice(self.path.components().collect::<PathBuf>().as_os_str().as_encoded_bytes());
    }

    fn from_record(record: &[u8]) -> io::Result<Self> {
        let nul = record.iter().position(|&b| b == 0).ok_or_else(|| corrupt("an input record lacks its NUL"))?;
        let source =
            String::from_utf8(record[..nul].to_vec()).map_err(|_| corrupt("an input's source is not UTF-8"))?;
        // SAFETY: the bytes are exactly those one whole `as_encoded_bytes`
        // gave in `record`, written and read back by this same process.
        let path = unsafe { OsStr::from_encoded_bytes_unchecked(&record[nul + 1..]) };
        Ok(Input { source, path: PathBuf::from(path) })
    }
}

/// An unnamed temporary file, gone when closed or when the process dies.
fn scratch() -> io::Result<File> {
    let dir = std::env::temp_dir();
    tempfile::tempfile_in(&dir).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("cannot keep the input list in {} (set TMPDIR to a writable folder): {e}", dir.display()),
        )
    })
}

fn corrupt(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("the temporary input list is damaged: {what}"))
}

/// Files under the folders given that are not `*.txt`, so not inputs: a
/// run over a folder of PDFs had written an empty dataset without a word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    /// How many files, hidden ones not counted: `.DS_Store`, and those in
    /// a hidden folder (`.git/`) or a run's staging folder.
    pub files: u64,
    /// How many of each extension, lowercase (`pdf`); `""` for none.
    pub extensions: BTreeMap<String, u64>,
}

/// A name a file browser or a tool hides (`.DS_Store`, `.git`): neither
/// counted among the files a run left out, nor a reason to refuse an
/// output folder.
pub fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

impl Skipped {
    /// Counts the file at `path`, relative to the folder given.
    fn add(&mut self, path: &Path) {
        if path.components().any(|c| is_hidden(c.as_os_str())) {
            return;
        }
        let ext = path.extension().map_or(String::new(), |e| e.to_string_lossy().to_lowercase());
        *self.extensions.entry(ext).or_default() += 1;
        self.files += 1;
    }
}

impl std::fmt::Display for Skipped {
    /// `3 files not *.txt (2 .pdf, 1 .xlsx)`, and how to read PDFs when
    /// some are.
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let plural = if self.files == 1 { "" } else { "s" };
        let kinds: Vec<String> = self
            .extensions
            .iter()
            .map(|(ext, n)| if ext.is_empty() { format!("{n} without extension") } else { format!("{n} .{ext}") })
            .collect();
        write!(f, "{} file{plural} not *.txt ({})", self.files, kinds.join(", "))?;
        if self.extensions.contains_key("pdf") {
            write!(f, "; {} makes texts from PDFs", super::PDF_TO_TEXT)?;
        }
        Ok(())
    }
}

/// The inputs of a run, in order, on disk.
#[derive(Debug)]
pub struct Inputs {
    /// The inputs' records, end to end.
    records: File,
    /// Where each record starts in `records`, and where the last ends:
    /// `len + 1` little-endian `u64`s.
    bounds: File,
    len: usize,
    /// Files the folders hold that are not inputs.
    pub skipped: Skipped,
}

impl Inputs {
    /// Number of inputs.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The inputs, in order.
    pub fn iter(&self) -> impl Iterator<Item = io::Result<Input>> + '_ {
        (0..self.len).filter_map(|i| self.get(i).transpose())
    }

    /// The `i`-th input; workers and the writer read it at once, each at
    /// its own offset.
    pub fn get(&self, i: usize) -> io::Result<Option<Input>> {
        if i >= self.len {
            return Ok(None);
        }
        let mut bounds = [0; 16];
        read_at(&self.bounds, &mut bounds, i as u64 * 8)?;
        let [start, end] = [&bounds[..8], &bounds[8..]].map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()));
        let len = end.checked_sub(start).and_then(|n| usize::try_from(n).ok()).ok_or_else(|| corrupt("bounds"))?;
        let mut record = vec![0; len];
        read_at(&self.records, &mut record, start)?;
        Input::from_record(&record).map(Some)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut at: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, at)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => (buf, at) = (&mut buf[n..], at + n as u64),
        }
    }
    Ok(())
}

/// The inputs as the walk finds them: records gathered into a chunk, each
/// full chunk sorted into a run on disk of length-prefixed records.
#[derive(Debug, Default)]
struct Found {
    chunk: Vec<u8>,
    /// Where each record of the chunk ends.
    ends: Vec<usize>,
    runs: Vec<File>,
    skipped: Skipped,
}

impl Found {
    fn push(&mut self, input: Input) -> io::Result<()> {
        input.record(&mut self.chunk);
        self.ends.push(self.chunk.len());
        if self.chunk.len() >= CHUNK_BYTES {
            self.spill()?;
        }
        Ok(())
    }

    fn spill(&mut self) -> io::Result<()> {
        let (chunk, ends) = (&self.chunk, &self.ends);
        let record = |i: usize| &chunk[i.checked_sub(1).map_or(0, |p| ends[p])..ends[i]];
        let mut order: Vec<usize> = (0..ends.len()).collect();
        order.sort_unstable_by(|&a, &b| record(a).cmp(record(b)));
        let mut run = BufWriter::new(scratch()?);
        for r in order.into_iter().map(record) {
            let len = u32::try_from(r.len()).map_err(|_| io::Error::other("an input path over 4 GiB"))?;
            run.write_all(&len.to_le_bytes())?;
            run.write_all(r)?;
        }
        let mut run = run.into_inner().map_err(|e| e.into_error())?;
        run.rewind()?;
        self.runs.push(run);
        self.chunk.clear();
        self.ends.clear();
        Ok(())
    }

    /// The runs merged into the inputs, each once.
    fn sorted(mut self) -> io::Result<Inputs> {
        self.spill()?;
        let mut runs: Vec<_> = self.runs.into_iter().map(BufReader::new).collect();
        let mut heap = BinaryHeap::new();
        for (k, run) in runs.iter_mut().enumerate() {
            heap.extend(next_record(run)?.map(|r| Reverse((r, k))));
        }
        let (mut records, mut bounds) = (BufWriter::new(scratch()?), BufWriter::new(scratch()?));
        let (mut end, mut len, mut last) = (0u64, 0, None);
        bounds.write_all(&end.to_le_bytes())?;
        while let Some(Reverse((record, k))) = heap.pop() {
            heap.extend(next_record(&mut runs[k])?.map(|r| Reverse((r, k))));
            if last.as_ref() != Some(&record) {
                records.write_all(&record)?;
                end += record.len() as u64;
                bounds.write_all(&end.to_le_bytes())?;
                len += 1;
                last = Some(record);
            }
        }
        let file = |w: BufWriter<File>| w.into_inner().map_err(|e| e.into_error());
        Ok(Inputs { records: file(records)?, bounds: file(bounds)?, len, skipped: self.skipped })
    }
}

/// The next length-prefixed record of a run, `None` at its end.
fn next_record(run: &mut BufReader<File>) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0; 4];
    match run.read_exact(&mut len) {
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        other => other?,
    }
    let mut record = vec![0; u32::from_le_bytes(len) as usize];
    run.read_exact(&mut record)?;
    Ok(Some(record))
}

/// Every `*.txt` under the given files and folders (a file is named by its
/// file name, one under a folder by its path below that folder), sorted by
/// name, then path; and a count of the other files under the folders.
pub fn inputs(roots: &[PathBuf]) -> io::Result<Inputs> {
    let mut found = Found::default();
    let mut seen = HashSet::new();
    for root in roots {
        if root.is_dir() {
            walk(root, root, &mut seen, &mut found)?;
        } else {
            let name = root.file_name().map(|n| n.to_string_lossy().into_owned());
            found.push(Input { source: name.unwrap_or_default(), path: root.clone() })?;
        }
    }
    found.sorted()
}

/// A folder reached twice (through a symlink to an ancestor, say) is read
/// once, so a symlink loop neither repeats inputs nor recurses until the OS refuses.
fn walk(root: &Path, dir: &Path, seen: &mut HashSet<PathBuf>, found: &mut Found) -> io::Result<()> {
    if !seen.insert(std::fs::canonicalize(dir)?) {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            // A subfolder that cannot be listed is one failed input (its
            // documents row says why), not the end of the run.
            if walk(root, &path, seen, found).is_err() {
                found.push(Input { source: source(root, &path), path })?;
            }
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
            found.push(Input { source: source(root, &path), path })?;
        } else {
            found.skipped.add(path.strip_prefix(root).unwrap_or(&path));
        }
    }
    Ok(())
}

/// A path relative to its input root, `/`-separated.
fn source(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(source: &str, path: &str) -> Input {
        Input { source: source.into(), path: path.into() }
    }

    #[test]
    fn skipped_files_are_told_by_extension_and_hidden_ones_not_at_all() {
        let mut skipped = Skipped::default();
        for path in ["a/b.PDF", "c.pdf", "README", ".DS_Store", "d/.hidden.pdf", ".git/objects/ab/cdef"] {
            skipped.add(Path::new(path));
        }
        assert_eq!(skipped.files, 3);
        let told = "3 files not *.txt (1 without extension, 2 .pdf); scripts/pdf2tsv.py in budgetlake's source \
                    makes texts from PDFs";
        assert_eq!(skipped.to_string(), told);
        let mut one = Skipped::default();
        one.add(Path::new("sheet.xlsx"));
        assert_eq!(one.to_string(), "1 file not *.txt (1 .xlsx)");
    }

    fn listed(found: Found) -> Vec<Input> {
        let inputs = found.sorted().unwrap();
        let back: Vec<Input> = inputs.iter().map(Result::unwrap).collect();
        assert_eq!(back.len(), inputs.len());
        assert!(inputs.get(inputs.len()).unwrap().is_none());
        back
    }

    /// Lists `walked` as the walk would have found it: sorted, each once.
    fn assert_listed_sorted_once(walked: &[Input], why: &str) {
        let mut found = Found::default();
        walked.iter().cloned().for_each(|i| found.push(i).unwrap());
        let mut expected = walked.to_vec();
        expected.sort();
        expected.dedup();
        assert_eq!(listed(found), expected, "{why}");
    }

    #[test]
    fn listed_inputs_give_back_each_path_and_name() {
        let walked = [
            input("a.txt", "../x/a.txt"),
            input("sub/b c.txt", "/data/in/sub/b c.txt"),
            input("", ".."),
            input("报告/二〇二三.txt", "./in/报告/二〇二三.txt"),
            input("报告/d.txt", "./in/报告/d.txt"),
            input("e.txt", "e.txt"),
            input("f.txt", "/f.txt"),
        ];
        assert_listed_sorted_once(&walked, "every path and name comes back as given");
    }

    #[test]
    fn found_inputs_sort_by_source_then_path_each_once() {
        let walked = [
            input("b.txt", "/in/b.txt"),
            input("sub/a.txt", "/in/sub/a.txt"),
            input("a.txt", "/in/a.txt"),
            input("a.txt", "/other/a.txt"),
            input("b.txt", "/in/b.txt"),
            input("a.b/c.txt", "/in/a.b/c.txt"),
            input("a/c.txt", "/in/a/c.txt"),
            input("a.txt", "/in/./a.txt"),
        ];
        assert_listed_sorted_once(&walked, "a repeated input is kept once, `/in/./a.txt` being `/in/a.txt`");
    }

    #[test]
    fn inputs_over_many_sorted_runs_merge_in_order_each_once() {
        let mut found = Found::default();
        let mut expected = vec![];
        for n in (0..3000u32).rev() {
            let i = input(&format!("{:04}/r{}.txt", n * 7919 % 3000, n % 7), &format!("/in/{n}.txt"));
            found.push(i.clone()).unwrap();
            expected.push(i);
            if n % 700 == 0 {
                found.spill().unwrap();
                found.push(expected[0].clone()).unwrap();
            }
        }
        assert!(found.runs.len() >= 4);
        expected.sort();
        assert_eq!(listed(found), expected);
    }
}
