//! Finding the inputs: every `*.txt` under the files and folders given,
//! sorted by the name each gets in the output so that output order never
//! depends on the file system. A run holds the whole list until its end,
//! so it is packed: each folder once, and the file names end to end. As a
//! `Vec` of owned paths and names it took 136 bytes a report (2.7 MB of a
//! 20,000-report run's memory), as one string of whole paths 63, now 22
//! for names like `000123.txt`; it is sorted packed too.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// One input: where it is and the name it gets in the output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// `/`-separated path relative to the folder given on the command line.
    pub source: String,
    /// Path to open.
    pub path: PathBuf,
}

/// The inputs of a run, in order.
#[derive(Debug)]
pub struct Inputs {
    /// The inputs' folders, end to end, as `OsStr::as_encoded_bytes` gives them.
    folders: Vec<u8>,
    /// Where each folder ends in `folders`.
    folder_ends: Vec<usize>,
    /// The inputs' file names, end to end, encoded as the folders are.
    names: Vec<u8>,
    /// Per input: its folder, where its name ends in `names`, and how
    /// many of its path's last components name it (0: the name is empty).
    ends: Vec<(u32, u32, u16)>,
}

impl Inputs {
    fn new() -> Self {
        Inputs { folders: vec![], folder_ends: vec![], names: vec![], ends: vec![] }
    }

    /// Adds an input whose source is the last components of its path
    /// (that of a file given by name, or of a file under a folder given).
    /// Inputs of one folder mostly follow each other, so a folder is stored
    /// again only when the folder before differs. Offsets are 32 bits:
    /// over 4 GiB of file names is refused, not wrapped.
    fn push(&mut self, input: &Input) -> std::io::Result<()> {
        // A path with no file name (`..`) is all folder.
        let (folder, name) = match (input.path.parent(), input.path.file_name()) {
            (Some(folder), Some(name)) => (folder.as_os_str(), name),
            _ => (input.path.as_os_str(), OsStr::new("")),
        };
        let folder = folder.as_encoded_bytes();
        if self.folder_ends.is_empty() || self.folder(self.folder_ends.len() - 1) != folder {
            self.folders.extend_from_slice(folder);
            self.folder_ends.push(self.folders.len());
        }
        self.names.extend_from_slice(name.as_encoded_bytes());
        let named_by = input.source.split('/').filter(|c| !c.is_empty()).count();
        self.ends.push((
            offset(self.folder_ends.len() - 1)?,
            offset(self.names.len())?,
            u16::try_from(named_by).unwrap_or(u16::MAX),
        ));
        Ok(())
    }

    fn shrink_to_fit(&mut self) {
        self.folders.shrink_to_fit();
        self.folder_ends.shrink_to_fit();
        self.names.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    fn folder(&self, i: usize) -> &[u8] {
        let start = i.checked_sub(1).map_or(0, |p| self.folder_ends[p]);
        &self.folders[start..self.folder_ends[i]]
    }

    /// Number of inputs.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The inputs, in order.
    pub fn iter(&self) -> impl Iterator<Item = Input> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// The `i`-th input.
    pub fn get(&self, i: usize) -> Option<Input> {
        let &(folder, end, named_by) = self.ends.get(i)?;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p].1 as usize);
        // SAFETY: each slice is exactly the bytes one whole
        // `OsStr::as_encoded_bytes` gave in `pack`, in this same process.
        let os = |bytes| unsafe { OsStr::from_encoded_bytes_unchecked(bytes) };
        let folder = Path::new(os(self.folder(folder as usize)));
        let name = os(&self.names[start..end as usize]);
        let path = if name.is_empty() { folder.to_path_buf() } else { folder.join(name) };
        Some(Input { source: last_components(&path, usize::from(named_by)), path })
    }
}

/// The last `n` components of `path`, `/`-separated.
fn last_components(path: &Path, n: usize) -> String {
    let parts: Vec<_> = path.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts[parts.len().saturating_sub(n)..].join("/")
}

/// A 32-bit offset into the packed lists.
fn offset(n: usize) -> std::io::Result<u32> {
    u32::try_from(n).map_err(|_| std::io::Error::other("over 4 GiB of input file names"))
}

/// The inputs as the walk finds them, packed, each one's source beside it
/// for the sort. Sorting a `Vec` of owned names and paths took some 210
/// bytes a report at its peak (4.2 MB of heap at the start of a
/// 20,000-report run, 60 MB at 300,000); this, about 70.
#[derive(Debug)]
struct Found {
    inputs: Inputs,
    /// Every input's source, end to end.
    sources: Vec<u8>,
    /// Where each input's source ends in `sources`.
    source_ends: Vec<u32>,
}

impl Found {
    fn push(&mut self, input: Input) -> std::io::Result<()> {
        self.sources.extend_from_slice(input.source.as_bytes());
        self.source_ends.push(offset(self.sources.len())?);
        self.inputs.push(&input)
    }

    fn source(&self, i: usize) -> &[u8] {
        let start = i.checked_sub(1).map_or(0, |p| self.source_ends[p] as usize);
        &self.sources[start..self.source_ends[i] as usize]
    }

    /// The inputs sorted by source, then path, each once.
    fn sorted(self) -> std::io::Result<Inputs> {
        let mut order: Vec<u32> = (0..offset(self.inputs.len())?).collect();
        let path = |i: u32| self.inputs.get(i as usize).map(|input| input.path);
        order
            .sort_by(|&a, &b| self.source(a as usize).cmp(self.source(b as usize)).then_with(|| path(a).cmp(&path(b))));
        let mut sorted = Inputs::new();
        let mut last = None;
        for input in order.into_iter().filter_map(|i| self.inputs.get(i as usize)) {
            if last.as_ref() != Some(&input) {
                sorted.push(&input)?;
            }
            last = Some(input);
        }
        sorted.shrink_to_fit();
        Ok(sorted)
    }
}

/// Every `*.txt` under the given files and folders (a file is named by its
/// file name, one under a folder by its path below that folder), sorted by
/// name, then path.
pub fn inputs(roots: &[PathBuf]) -> std::io::Result<Inputs> {
    let mut found = Found { inputs: Inputs::new(), sources: vec![], source_ends: vec![] };
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
fn walk(root: &Path, dir: &Path, seen: &mut HashSet<PathBuf>, found: &mut Found) -> std::io::Result<()> {
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

    #[test]
    fn packed_inputs_give_back_each_path_and_name() {
        let found = [
            Input { source: "a.txt".into(), path: "../x/a.txt".into() },
            Input { source: "sub/b c.txt".into(), path: "/data/in/sub/b c.txt".into() },
            Input { source: String::new(), path: "..".into() },
            Input { source: "报告/二〇二三.txt".into(), path: "./in/报告/二〇二三.txt".into() },
            Input { source: "报告/d.txt".into(), path: "./in/报告/d.txt".into() },
            Input { source: "e.txt".into(), path: "e.txt".into() },
            Input { source: "f.txt".into(), path: "/f.txt".into() },
        ];
        let mut inputs = Inputs::new();
        found.iter().for_each(|input| inputs.push(input).unwrap());
        assert_eq!(inputs.len(), found.len());
        let back: Vec<Input> = inputs.iter().collect();
        assert_eq!(back, found);
        assert_eq!(inputs.get(found.len()), None);
        assert_eq!(inputs.folder_ends.len(), found.len() - 1, "consecutive inputs of one folder share it");
    }

    #[test]
    fn found_inputs_sort_by_source_then_path_each_once() {
        let input = |source: &str, path: &str| Input { source: source.into(), path: path.into() };
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
        let mut found = Found { inputs: Inputs::new(), sources: vec![], source_ends: vec![] };
        walked.iter().cloned().for_each(|i| found.push(i).unwrap());
        let mut expected = walked.to_vec();
        expected.sort();
        expected.dedup();
        let sorted: Vec<Input> = found.sorted().unwrap().iter().collect();
        assert_eq!(sorted, expected);
        assert_eq!(sorted.len(), 6, "a repeated input is kept once, `/in/./a.txt` being `/in/a.txt`");
    }
}
