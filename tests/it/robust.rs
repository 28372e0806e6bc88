//! Bad input never stops the batch: a corpus of what a nightly run meets,
//! generated here, run through the binary beside the samples. Every input
//! gets exactly one `documents` row and the samples read as they do alone.

use crate::dataset::{self, Row};
use crate::*;
use budgetlake::pipeline::doc_id;
use std::collections::BTreeMap;

/// The sample the corpus is derived from, and the one copied under two more names.
const SEED: &str = "003_2953260a9f012705";
const COPIED: &str = "000_3df53ced2bf38c6a";

/// `--max-file-mb` of the corpus run: over the 10 MB line, under `too_large.txt`.
const MAX_FILE_MB: u64 = 12;

/// What a corpus file's `documents` row must be.
enum Want {
    /// The seed's row, in this encoding.
    Seed(&'static str),
    /// The row of a file the read stage refused with this error.
    Refused(String),
    /// As `Refused`, for a file refused before its bytes were read: no
    /// `doc_id`, and `bytes` only when the size was the reason.
    Unread(String, u64),
    /// Read with this status; the error as given, or any one line when `None` and not ok.
    Read(&'static str, Option<&'static str>),
    /// The row of the sample with the same bytes, marked as a repeat.
    Copy,
}

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    want: Want,
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A file cut inside a table: the first 100 lines and a few characters of the next.
fn cut_mid_table(text: &str) -> Vec<u8> {
    let lines: Vec<&str> = text.lines().collect();
    let next: String = lines[100].chars().take(5).collect();
    format!("{}\n{next}", lines[..100].join("\n")).into_bytes()
}

/// The text's bytes cut halfway, inside a multi-byte character.
fn cut_mid_char(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut end = bytes.len() / 2;
    while text.is_char_boundary(end) {
        end += 1;
    }
    bytes[..end].to_vec()
}

/// Bytes that look like an executable: a header and xorshift noise.
fn binary() -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise = (0..4096).map(|_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x as u8
    });
    b"\x7fELF\x02\x01\x01\x00".iter().copied().chain(noise).collect()
}

fn utf16le(text: &str) -> Vec<u8> {
    [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
}

fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

const NO_TAB_ROWS: &str = "no TAB-separated row in the text: tables are read one row per line with cells separated by TABs; a space-aligned extraction (pdftotext -layout) is not read, so extract the PDF with TABs between cells (scripts/pdf2tsv.py in budgetlake's source does, with pdfplumber)";

fn cases() -> Vec<Case> {
    let seed = std::fs::read_to_string(sample(SEED)).unwrap();
    let prose = "2021年度部门决算说明\n本单位2021年度收入合计157.11万元，比上年增加。\n".repeat(20);
    let no_header = "2021年度收入决算表\n单位：万元\n".to_string()
        + &(1..20).map(|i| format!("{i}\t{}.00\t{}.00\n", i * 3, i * 2)).collect::<String>();
    let too_large = (MAX_FILE_MB + 1) << 20;
    let unreadable = if is_root() {
        Want::Read("failed", Some(NO_TAB_ROWS)) // root reads anything: the prose inside
    } else {
        Want::Unread("cannot read the file: Permission denied (os error 13)".into(), 0)
    };
    let case = |name, bytes, want| Case { name, bytes, want };
    vec![
        case("empty.txt", vec![], Want::Refused("the file is empty".into())),
        // A failed file's reason is kept when its bytes repeat another's.
        case("empty_too.txt", vec![], Want::Refused("the file is empty".into())),
        case("blank.txt", b" \r\n\n\t\n".to_vec(), Want::Refused("the file is empty".into())),
        case("binary.txt", binary(), Want::Refused("the file is binary, not text (it contains NUL bytes)".into())),
        case(
            "control.txt",
            b"\x01\x02\x03\x04abcd".repeat(100),
            Want::Refused("the file is binary, not text (400 control characters in the first 800)".into()),
        ),
        case(
            "undecodable.txt",
            b"2021\xff\xff\xe5\x86".to_vec(),
            Want::Refused("the file is neither UTF-8 nor GB18030 text (2 undecodable bytes)".into()),
        ),
        case(
            "too_large.txt",
            b"x\n".repeat(too_large as usize / 2),
            Want::Unread(
                format!(
                    "the file is {too_large} bytes, over the limit of {} bytes (raise --max-file-mb)",
                    MAX_FILE_MB << 20
                ),
                too_large,
            ),
        ),
        case(
            "long_line.txt",
            vec![b'x'; 10_000_000],
            Want::Refused("line 1 has 10000000 characters, over the limit of 1048576".into()),
        ),
        case("gb18030.txt", gb18030(&seed), Want::Seed("gb18030")),
        case("utf8_bom.txt", [&b"\xEF\xBB\xBF"[..], seed.as_bytes()].concat(), Want::Seed("utf-8-bom")),
        case("utf16le.txt", utf16le(&seed), Want::Seed("utf-16le")),
        case("cut_mid_table.txt", cut_mid_table(&seed), Want::Read("ok", None)),
        case(
            "cut_mid_char.txt",
            cut_mid_char(&seed),
            Want::Read(
                "partial",
                Some("the file ends inside a character, so it was cut off and what followed it is missing"),
            ),
        ),
        case("no_header.txt", no_header.into_bytes(), Want::Read("partial", None)),
        case("pages_twice.txt", format!("{seed}\n{seed}").into_bytes(), Want::Read("ok", None)),
        case("prose.txt", prose.clone().into_bytes(), Want::Read("failed", Some(NO_TAB_ROWS))),
        case("unreadable.txt", format!("{prose}不可读\n").into_bytes(), unreadable),
        // Named to sort after the sample, so the sample is the one whose rows are kept.
        case("zz_copy_a.txt", std::fs::read(sample(COPIED)).unwrap(), Want::Copy),
        case("zz_copy_b.txt", std::fs::read(sample(COPIED)).unwrap(), Want::Copy),
    ]
}

/// Writes the corpus into `dir`, with an unreadable file, a folder named
/// like a report, a symlink loop and a dangling symlink.
fn write_corpus(dir: &Path, cases: &[Case]) {
    std::fs::create_dir_all(dir.join("folder.txt")).unwrap();
    for c in cases {
        std::fs::write(dir.join(c.name), &c.bytes).unwrap();
    }
    std::os::unix::fs::symlink(".", dir.join("loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", dir.join("broken.txt")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.join("unreadable.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
}

fn name_of(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

fn by_source(rows: Vec<Row>) -> BTreeMap<String, Row> {
    let n = rows.len();
    let map: BTreeMap<String, Row> = rows.into_iter().map(|r| (r["source"].clone(), r)).collect();
    assert_eq!(map.len(), n, "a source has more than one documents row");
    map
}

fn set(row: &mut Row, pairs: &[(&str, &str)]) {
    for (k, v) in pairs {
        row.insert(k.to_string(), v.to_string());
    }
}

/// The complete row a case must have, or `None` where only status and error are known.
fn expected(c: &Case, alone: &BTreeMap<String, Row>) -> Option<Row> {
    let (id, bytes) = match c.want {
        Want::Unread(_, bytes) => (String::new(), bytes.to_string()),
        _ => (doc_id(&c.bytes), c.bytes.len().to_string()),
    };
    let identity = [("source", c.name), ("doc_id", id.as_str()), ("bytes", bytes.as_str())];
    let mut row = match &c.want {
        Want::Seed(encoding) => {
            let mut row = alone[&name_of(&sample(SEED))].clone();
            set(&mut row, &[("encoding", encoding)]);
            row
        }
        Want::Copy => {
            let first = name_of(&sample(COPIED));
            let error = format!("same bytes as {first}; its rows are written once, under that source");
            let mut row = alone[&first].clone();
            set(&mut row, &[("error", &error), ("facts", "0")]);
            row
        }
        Want::Refused(error) | Want::Unread(error, _) => {
            let blank = ["encoding", "unit", "year", "report", "money_unit"].map(|k| (k, "null"));
            let mut row = Row::new();
            set(&mut row, &blank);
            let counts = [("tables", ""), ("facts", "0"), ("status", "failed"), ("error", error.as_str())];
            set(&mut row, &counts);
            set(&mut row, &[("checks_passed", "0"), ("checks_failed", "0"), ("checks_skipped", "0")]);
            row
        }
        Want::Read(..) => return None,
    };
    set(&mut row, &identity);
    Some(row)
}

fn assert_status(c: &Case, got: &Row) {
    let Want::Read(status, error) = c.want else { return };
    assert_eq!(got["status"], status, "{}: {got:?}", c.name);
    match (error, status) {
        (Some(e), _) => assert_eq!(got["error"], e, "{}", c.name),
        (None, "ok") => assert_eq!(got["error"], "null", "{}", c.name),
        (None, _) => assert!(!got["error"].is_empty() && !got["error"].contains('\n'), "{}: {got:?}", c.name),
    }
}

#[test]
fn every_bad_input_gets_one_documents_row_and_the_samples_read_as_alone() {
    let scratch = temp("corpus");
    let dir = scratch.path();
    let (corpus, alone_out, mixed_out) = (dir.join("corpus"), dir.join("alone"), dir.join("mixed"));
    let cases = cases();
    write_corpus(&corpus, &cases);
    let samples = root().join("sample_data");
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let alone = budgetlake(&["run", &s(&samples), "--out", &s(&alone_out), "-q"]);
    assert_eq!(alone.status.code(), Some(0), "{}", String::from_utf8_lossy(&alone.stderr));
    let max = MAX_FILE_MB.to_string();
    let mixed = budgetlake(&["run", &s(&corpus), &s(&samples), "--out", &s(&mixed_out), "-q", "--max-file-mb", &max]);
    assert_eq!(mixed.status.code(), Some(1), "a failed document exits 1");
    assert_eq!(String::from_utf8_lossy(&mixed.stderr), "", "a quiet run prints nothing, and no panic");

    let alone_docs = by_source(dataset::rows(&alone_out.join("documents.parquet")));
    let mut docs = by_source(dataset::rows(&mixed_out.join("documents.parquet")));
    for c in &cases {
        let got = docs.remove(c.name).unwrap_or_else(|| panic!("no documents row for {}", c.name));
        match expected(c, &alone_docs) {
            Some(want) => assert_eq!(got, want, "{}", c.name),
            None => assert_status(c, &got),
        }
    }
    let broken = docs.remove("broken.txt").expect("a row for the dangling symlink");
    assert_eq!(
        (broken["status"].as_str(), broken["error"].as_str()),
        ("failed", "cannot read the file: No such file or directory (os error 2)")
    );
    assert_eq!(docs, alone_docs, "the samples' rows, and no row for anything else (folder.txt, loop/…)");

    let sample_facts: Vec<Row> =
        dataset::facts(&mixed_out).into_iter().filter(|r| alone_docs.contains_key(&r["source"])).collect();
    assert_eq!(sample_facts, dataset::facts(&alone_out), "the samples' facts change beside bad inputs");
}

#[test]
fn a_gb18030_copy_gives_the_same_facts_as_the_utf8_original() {
    let scratch = temp("gb18030");
    let dir = scratch.path();
    for entry in std::fs::read_dir(root().join("sample_data")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let copy = dir.join(name_of(&path));
        std::fs::write(&copy, gb18030(&std::fs::read_to_string(&path).unwrap())).unwrap();
        let (utf8, gb) = (process(&path), process(&copy));
        assert_eq!(gb.document.encoding.as_deref(), Some("gb18030"));
        let lines = |o: &budgetlake::model::Outcome| {
            o.facts.iter().map(|f| format!("{}\t{}", golden_line(f), f.amount())).collect::<Vec<_>>()
        };
        assert_lines(&name_of(&path), &lines(&utf8), &lines(&gb));
        let doc = |o: &budgetlake::model::Outcome| {
            let d = &o.document;
            (d.unit.clone(), d.year, d.report, d.status, d.error.clone(), d.tables.clone(), o.indicators.clone())
        };
        assert_eq!(doc(&utf8), doc(&gb), "{}", name_of(&path));
    }
}
