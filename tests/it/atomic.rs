//! Output safety: a run killed at any point, or one whose writes fail,
//! leaves the previous dataset byte-identical and readable; the next run
//! clears what killed runs left behind.

use crate::dataset::{self, assert_readable};
use crate::*;
use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Stdio};

/// Copies of every sample made distinct by a last line, named so that
/// sorted inputs reach the 2021 report halfway through the run.
fn big_input(dir: &Path, copies: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(root().join("sample_data")).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path.file_stem().filter(|_| path.extension().is_some_and(|e| e == "txt")) else { continue };
        let text = std::fs::read_to_string(&path).unwrap();
        for i in 0..copies {
            let name = format!("{}-{i:04}.txt", stem.to_string_lossy());
            std::fs::write(dir.join(name), format!("{text}\n副本 {i}\n")).unwrap();
        }
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A run over `input` into `out`, in the background.
fn spawn(input: &Path, out: &Path) -> Child {
    binary(&["run", s(input), "--out", s(out), "-q", "-j", "2"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// A dataset at `out` from the samples, and its files.
fn previous(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let run = budgetlake(&["run", s(&root().join("sample_data")), "--out", s(out), "-q"]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    dataset::files(out)
}

fn staging(out: &Path, child: &Child) -> PathBuf {
    out.with_file_name(format!(".{}.staging-{}", out.file_name().unwrap().to_string_lossy(), child.id()))
}

/// Waits until `path` exists while the child runs; false when it ended first.
fn wait_for(path: &Path, child: &mut Child) -> bool {
    while !path.exists() {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    true
}

/// The names in a folder.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn sigkill_at_any_point_leaves_the_previous_dataset_and_the_next_run_clears_leftovers() {
    let scratch = temp("sigkill");
    let dir = scratch.path();
    let (input, data) = (dir.join("in"), dir.join("data"));
    big_input(&input, 25);
    let out = data.join("out");
    let before = previous(&out);
    // Kill points: at once; when staging appears; after the first document's
    // facts (year 2023); halfway, at the first 2021 report.
    let points: [Option<&str>; 4] = [None, Some(""), Some("facts/year=2023"), Some("facts/year=2021")];
    for point in points {
        let mut child = spawn(&input, &out);
        if let Some(sub) = point {
            let path = staging(&out, &child).join(sub);
            assert!(wait_for(&path, &mut child), "the run ended before {path:?} appeared; make the input larger");
        }
        child.kill().unwrap();
        assert_eq!(child.wait().unwrap().signal(), Some(libc::SIGKILL), "killed at {point:?}");
        assert!(dataset::files(&out) == before, "killed at {point:?}: the previous dataset changed");
        assert_readable(&out);
    }
    assert_ne!(names(&data), ["out"], "killed runs leave staging folders behind");
    let again = previous(&out);
    assert_eq!(names(&data), ["out"], "the next run removes killed runs' staging folders");
    let without_manifest = |files: BTreeMap<PathBuf, Vec<u8>>| {
        files.into_iter().filter(|(p, _)| p != Path::new("manifest.json")).collect::<BTreeMap<_, _>>()
    };
    assert!(without_manifest(again) == without_manifest(before), "the same input writes the same Parquet bytes");
}

#[test]
fn an_output_under_a_file_exits_2_naming_the_path_and_the_os_error() {
    let scratch = temp("underfile");
    let dir = scratch.path();
    std::fs::write(dir.join("file"), "not a folder").unwrap();
    let out = dir.join("file/sub");
    let run = budgetlake(&["run", s(&sample("003_2953260a9f012705")), "--out", s(&out), "-q"]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    let path = dir.join("file/.sub.staging-");
    assert!(err.starts_with(&format!("budgetlake: cannot write {}", path.display())), "{err}");
    assert!(err.trim_end().ends_with("Not a directory (os error 20)"), "{err}");
    assert_eq!(names(dir), ["file"]);
}

/// Swaps two paths atomically, so the run never sees neither.
fn exchange(a: &Path, b: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
    let (ca, cb) = (c(a), c(b));
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call.
    let rc =
        unsafe { libc::renameat2(libc::AT_FDCWD, ca.as_ptr(), libc::AT_FDCWD, cb.as_ptr(), libc::RENAME_EXCHANGE) };
    assert_eq!(rc, 0, "renameat2: {}", std::io::Error::last_os_error());
}

#[test]
fn a_write_failing_mid_run_exits_2_and_leaves_the_previous_dataset() {
    let scratch = temp("midrun");
    let dir = scratch.path();
    let (input, data) = (dir.join("in"), dir.join("data"));
    big_input(&input, 25);
    let out = data.join("out");
    let before = previous(&out);
    let mut child = spawn(&input, &out);
    let staging = staging(&out, &child);
    assert!(wait_for(&staging.join("facts/year=2023"), &mut child), "the run ended before it wrote facts");
    // The staging folder becomes a file under the run's feet: every later
    // file it creates there fails, as on a disk that went away.
    let file = dir.join("not-a-folder");
    std::fs::write(&file, "").unwrap();
    exchange(&file, &staging);
    let run = child.wait_with_output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.starts_with(&format!("budgetlake: cannot write {}/", staging.display())), "{err}");
    assert!(err.trim_end().ends_with("Not a directory (os error 20)"), "{err}");
    assert!(dataset::files(&out) == before, "the previous dataset changed");
    assert_readable(&out);
}

/// `--out` naming the inputs' folder, or a file, by mistake: the run
/// refuses before reading a report, and what is there stays byte for byte
/// (replacing it had deleted the inputs). An empty folder takes a dataset.
#[test]
fn an_output_that_is_no_dataset_is_refused_and_left_as_it_was() {
    let scratch = temp("not-a-dataset");
    let dir = scratch.path();
    let (input, file, empty) = (dir.join("in"), dir.join("file"), dir.join("empty"));
    big_input(&input, 1);
    std::fs::write(input.join("notes.md"), "mine").unwrap();
    std::fs::write(&file, "mine").unwrap();
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join(".DS_Store"), "").unwrap();
    let before = dataset::files(&input);
    for (out, why) in [
        (&input, "it holds budget_2023_changsha_education_bureau.004_8cc0caf16561f826-0000.txt and 4 more, "),
        (&file, "it is a file, not a folder"),
    ] {
        let run = budgetlake(&["run", s(&input), "--out", s(out), "-q"]);
        let err = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{err}");
        assert!(err.starts_with(&format!("budgetlake: will not replace {}: {why}", out.display())), "{err}");
        assert!(err.trim_end().ends_with("give --out a new folder or one a run wrote"), "{err}");
    }
    // `.` names no folder of its own: the staging folder went inside it.
    let run = binary(&["run", s(&input), "--out", ".", "-q"]).current_dir(&empty).output().unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(err.starts_with("budgetlake: will not replace .: it names no folder of its own"), "{err}");
    assert!(dataset::files(&input) == before, "the inputs are untouched");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    assert_eq!(names(dir), ["empty", "file", "in"], "no staging folder left");
    let run = budgetlake(&["run", s(&input), "--out", s(&empty), "-q"]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert_readable(&empty);
}
