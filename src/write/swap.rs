//! Making a staged dataset visible. On Linux the staging folder and the
//! old dataset are exchanged with one `renameat2(RENAME_EXCHANGE)`, so at
//! every instant `out` is either the whole old or the whole new dataset;
//! elsewhere two renames leave a short window without `out`.

use super::WriteError;
use std::path::{Path, PathBuf};

/// `<out>.staging-<pid>`, beside `out` so the final rename stays on one file system.
pub fn staging_path(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    out.with_file_name(format!(".{name}.staging-{}", std::process::id()))
}

/// Removes the staging and old folders beside `out` of runs whose process
/// is gone (killed runs cannot clean up after themselves); a live run's
/// folders are kept. A leftover that cannot be removed does not stop the run.
pub fn remove_stale(out: &Path) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    let name = file_name(out);
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = prefixes
            .iter()
            .find_map(|p| file.strip_prefix(p.as_str()))
            .and_then(|p| p.parse::<i32>().ok())
            .filter(|&p| p > 0);
        if pid.is_some_and(|pid| !alive(pid)) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(unix)]
fn alive(pid: i32) -> bool {
    // SAFETY: signal 0 only asks whether the process exists.
    let exists = unsafe { libc::kill(pid, 0) } == 0;
    exists || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn alive(_: i32) -> bool {
    true
}

/// An empty folder at `path` (its parent created if missing).
pub fn fresh_dir(path: &Path) -> Result<(), WriteError> {
    if path.exists() {
        std::fs::remove_dir_all(path).map_err(|e| WriteError::io(path, e))?;
    }
    std::fs::create_dir_all(path).map_err(|e| WriteError::io(path, e))
}

/// Flushes a folder's entries to disk.
pub fn sync_dir(path: &Path) -> Result<(), WriteError> {
    std::fs::File::open(path).and_then(|f| f.sync_all()).map_err(|e| WriteError::io(path, e))
}

/// What a dataset folder holds. `replace` removes the folder at `out`
/// whole: `--out` naming the inputs' folder (or a home folder) by mistake
/// had deleted it at the end of the run.
const DATASET_ENTRIES: [&str; 5] =
    ["facts", "documents.parquet", "findings.parquet", "indicators.parquet", "manifest.json"];

/// Refuses an `out` that `replace` could not remove without loss: a file,
/// or a folder holding anything a dataset does not. A missing or empty
/// folder, or one a run wrote, is fine. A path without a name of its own
/// (`.`, `..`, `/`) is refused too: the staging folder goes beside `out`,
/// and for `.` it went inside, where the swap failed at the end of the run.
pub fn check_replaceable(out: &Path) -> Result<(), WriteError> {
    let refuse = |why: String| Err(WriteError::NotADataset { path: out.to_path_buf(), why });
    if out.file_name().is_none() {
        return refuse("it names no folder of its own, and the dataset is made beside it".into());
    }
    // What cannot be looked at (missing, under a file) holds nothing to
    // lose; making the staging folder beside it says what is wrong.
    let Ok(meta) = std::fs::metadata(out) else { return Ok(()) };
    if !meta.is_dir() {
        return refuse("it is a file, not a folder".into());
    }
    let mut strays = vec![];
    for entry in std::fs::read_dir(out).map_err(|e| WriteError::io(out, e))? {
        let name = entry.map_err(|e| WriteError::io(out, e))?.file_name();
        // Hidden files are a file browser's (`.DS_Store` once the dataset
        // was looked at in Finder): refusing them would stop a nightly run.
        if !crate::read::is_hidden(&name) && !DATASET_ENTRIES.iter().any(|d| name == *d) {
            strays.push(name.to_string_lossy().into_owned());
        }
    }
    // Named in order, so that the message does not depend on the file system's.
    strays.sort();
    match strays.as_slice() {
        [] => Ok(()),
        [one] => refuse(format!("it holds {one}, which no dataset does")),
        [first, rest @ ..] => refuse(format!("it holds {first} and {} more, which no dataset does", rest.len())),
    }
}

/// Puts `staging` at `out`, removing what was there.
pub fn replace(staging: &Path, out: &Path) -> Result<(), WriteError> {
    if !out.exists() {
        return std::fs::rename(staging, out).map_err(|e| WriteError::io(out, e));
    }
    if exchange(staging, out)? {
        // `staging` now holds the previous dataset.
        return std::fs::remove_dir_all(staging).map_err(|e| WriteError::io(staging, e));
    }
    let old = out.with_file_name(format!(".{}.old-{}", file_name(out), std::process::id()));
    std::fs::rename(out, &old).map_err(|e| WriteError::io(out, e))?;
    std::fs::rename(staging, out).map_err(|e| WriteError::io(out, e))?;
    std::fs::remove_dir_all(&old).map_err(|e| WriteError::io(&old, e))
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Atomically exchanges two paths; `Ok(false)` where the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<bool, WriteError> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(|e| WriteError::io(p, std::io::Error::other(e)));
    let (ca, cb) = (c(a)?, c(b)?);
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call.
    let rc =
        unsafe { libc::renameat2(libc::AT_FDCWD, ca.as_ptr(), libc::AT_FDCWD, cb.as_ptr(), libc::RENAME_EXCHANGE) };
    if rc == 0 {
        return Ok(true);
    }
    let err = std::io::Error::last_os_error();
    match err.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOSYS) => Ok(false),
        _ => Err(WriteError::io(b, err)),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> Result<bool, WriteError> {
    Ok(false)
}
