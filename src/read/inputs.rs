//! Finding the inputs: every `*.txt` under the files and folders given,
//! sorted by the name each gets in the output so that output order never
//! depends on the file system. A run holds the whole list until its end,
//! so it is packed: each folder once, and the file names end to end. As a
//! `Vec` of owned paths and names it took 136 bytes a report (2.7 MB of a
//! 20,000-report run's memory), as one string of whole paths 63, now 22
//! for names like `000123.txt`.

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
    /// Packs inputs whose source is the last components of their path
    /// (those of a file given by name, or of a file under a folder given).
    /// Sorted inputs of one folder follow each other, so a folder is
    /// stored again only when the folder before differs. Offsets are 32
    /// bits: over 4 GiB of file names is refused, not wrapped.
    fn pack(found: &[Input]) -> std::io::Result<Self> {
        let mut inputs =
            Inputs { folders: vec![], folder_ends: vec![], names: vec![], ends: Vec::with_capacity(found.len()) };
        for input in found {
            // A path with no file name (`..`) is all folder.
            let (folder, name) = match (input.path.parent(), input.path.file_name()) {
                (Some(folder), Some(name)) => (folder.as_os_str(), name),
                _ => (input.path.as_os_str(), OsStr::new("")),
            };
            let folder = folder.as_encoded_bytes();
            if inputs.folder_ends.is_empty() || inputs.folder(inputs.folder_ends.len() - 1) != folder {
                inputs.folders.extend_from_slice(folder);
                inputs.folder_ends.push(inputs.folders.len());
            }
            inputs.names.extend_from_slice(name.as_encoded_bytes());
            let named_by = input.source.split('/').filter(|c| !c.is_empty()).count();
            let at = |n: usize| u32::try_from(n).map_err(|_| std::io::Error::other("over 4 GiB of input file names"));
            inputs.ends.push((
                at(inputs.folder_ends.len() - 1)?,
                at(inputs.names.len())?,
                u16::try_from(named_by).unwrap_or(u16::MAX),
            ));
        }
        inputs.folders.shrink_to_fit();
        inputs.folder_ends.shrink_to_fit();
        inputs.names.shrink_to_fit();
        Ok(inputs)
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

/// Every `*.txt` under the given files and folders (a file is named by its
/// file name, one under a folder by its path below that folder), sorted by
/// name, then path.
pub fn inputs(roots: &[PathBuf]) -> std::io::Result<Inputs> {
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    for root in roots {
        if root.is_dir() {
            walk(root, root, &mut seen, &mut found)?;
        } else {
            let name = root.file_name().map(|n| n.to_string_lossy().into_owned());
            found.push(Input { source: name.unwrap_or_default(), path: root.clone() });
        }
    }
    found.sort();
    found.dedup();
    Inputs::pack(&found)
}

/// A folder reached twice (through a symlink to an ancestor, say) is read
/// once, so a symlink loop neither repeats inputs nor recurses until the OS refuses.
fn walk(root: &Path, dir: &Path, seen: &mut HashSet<PathBuf>, found: &mut Vec<Input>) -> std::io::Result<()> {
    if !seen.insert(std::fs::canonicalize(dir)?) {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            // A subfolder that cannot be listed is one failed input (its
            // documents row says why), not the end of the run.
            if walk(root, &path, seen, found).is_err() {
                found.push(Input { source: source(root, &path), path });
            }
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
            found.push(Input { source: source(root, &path), path });
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
        let inputs = Inputs::pack(&found).unwrap();
        assert_eq!(inputs.len(), found.len());
        let back: Vec<Input> = inputs.iter().collect();
        assert_eq!(back, found);
        assert_eq!(inputs.get(found.len()), None);
        assert_eq!(inputs.folder_ends.len(), found.len() - 1, "consecutive inputs of one folder share it");
    }
}
