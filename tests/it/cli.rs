//! The binary as a user runs it: exit codes, what `check` and `inspect` say.

use crate::*;

#[test]
fn check_accepts_the_shipped_pipeline() {
    let out = budgetlake(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: "));
}

#[test]
fn check_rejects_a_malformed_code_list_naming_file_and_line() {
    let scratch = temp("badref");
    let dir = scratch.path();
    std::fs::write(
        dir.join("eco.csv"),
        "code,level,name,valid_from,valid_to,source\n301,类,工资福利支出,,,observed\n3010,款,坏,,,observed\n",
    )
    .unwrap();
    std::fs::write(dir.join("p.toml"), "[reference]\neconomic = \"eco.csv\"\n").unwrap();
    let out = budgetlake(&["check", "--pipeline", dir.join("p.toml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("eco.csv:3:"), "{err}");
}

/// The benchmark's memory figures were measured with these settings;
/// jemalloc reads them from a symbol that a linker could drop unnoticed.
#[cfg(not(target_env = "msvc"))]
#[test]
fn the_binary_runs_with_its_allocator_settings() {
    let out = binary(&["--version"]).env("_RJEM_MALLOC_CONF", "stats_print:true").output().expect("the binary runs");
    let stats = String::from_utf8_lossy(&out.stderr);
    for setting in ["opt.narenas: 1\n", "opt.dirty_decay_ms: 1000 ", "opt.thp: \"never\"\n"] {
        assert!(stats.contains(setting), "{setting:?} not in jemalloc's statistics:\n{stats}");
    }
}

#[test]
fn strict_run_fails_on_error_findings_and_plain_run_does_not() {
    let scratch = temp("strict");
    let dir = scratch.path();
    let seed = sample("003_2953260a9f012705");
    let seed = seed.to_str().unwrap();
    let out = dir.join("out");
    let plain = budgetlake(&["run", seed, "--out", out.to_str().unwrap(), "-q"]);
    assert_eq!(plain.status.code(), Some(0), "{}", String::from_utf8_lossy(&plain.stderr));
    assert!(plain.stdout.is_empty(), "run prints nothing on stdout");
    let strict = budgetlake(&["run", seed, "--out", out.to_str().unwrap(), "-q", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn inspect_lists_tables_mapping_facts_and_findings() {
    let out = budgetlake(&["inspect", sample("003_2953260a9f012705").to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    for table in ["final.summary", "final.income", "final.gpb_basic_expenditure", "final.three_public"] {
        assert!(text.contains(&format!("== {table} ")), "inspect lacks {table}:\n{text}");
    }
    assert!(text.contains("\"决算数\" → 金额"), "column mapping missing");
    // A performance table is read by its column roles, not by a header mapping it never used.
    let selfeval =
        "lines 861–887, 26 rows read by the column roles of its performance layout, money unit (report's)\n   867 ";
    assert!(text.contains(selfeval), "performance table head missing:\n{text}");
    // A table printed blank says so on its head line, not a count of rows.
    let blank = "lines 316–319, header lines [316, 317, 318], printed blank (no number below the header)";
    assert!(text.contains(blank), "blank table head missing:\n{text}");
    assert!(text.contains(" 1 part, ") && !text.contains(" 1 parts"), "\"1 parts\" on a head line:\n{text}");
    assert!(text.contains("repaired_code"), "findings missing");
    assert!(text.contains("157. 1"), "facts missing");
    assert!(text.contains("\nstatus: ok\n"), "status missing:\n{text}");
    // Failed checks are not all errors: the line says which are.
    let counts = "checks: 209 passed, 7 failed, 0 skipped; 15 findings: 5 errors, 2 warnings, 8 info\n";
    assert!(text.contains(counts), "check counts missing:\n{text}");
}

/// What `inspect` prints for `text` written to a file named `file_name`.
fn inspected(test: &str, file_name: &str, text: &str) -> String {
    let dir = temp(test);
    let file = dir.path().join(file_name);
    std::fs::write(&file, text).unwrap();
    String::from_utf8_lossy(&budgetlake(&["inspect", file.to_str().unwrap()]).stdout).into_owned()
}

#[test]
fn inspect_does_not_call_a_list_outside_the_catalog_printed_blank() {
    // shptczj 2024 prints the units its report covers as a grid of names.
    let text = "2024年度部门决算\n纳入本部门决算范围的单位包括：\n序号\t单位名称\t备注\n1\t某某区财政局\t\n";
    let text = inspected("inspect-list", "list.txt", text);
    assert!(text.contains("header lines [3], not a catalog table (no number below the header)"), "{text}");
    assert!(!text.contains("printed blank"), "{text}");
}

#[test]
fn inspect_says_why_run_fails_a_document() {
    // A space-aligned extraction: `run` fails it, and `inspect` must say so and why.
    let text = inspected("inspect-layout", "layout.txt", "2023年部门预算\n  项目      金额\n  合计      1,234.00\n");
    assert!(text.contains("\nstatus: failed: no TAB-separated row in the text"), "{text}");
    assert!(text.contains("warning [no_tab_rows]"), "{text}");
    assert!(text.contains("; 1 finding: 0 errors, 1 warning, 0 info\n"), "one finding is not \"1 findings\":\n{text}");
}

#[test]
fn inspect_shows_the_year_run_writes() {
    // Beijing's tables-only reports print no year; `run` takes the file name's.
    let text = inspected("inspect-year", "bjtjj_2026_yusuan.txt", "预算01表\t收支总表\n项目\t金额\n合计\t1.00\n");
    assert!(text.contains("| year 2026 |"), "{text}");
    assert!(text.contains("warning [year_from_file_name]"), "{text}");
}

#[test]
fn a_run_that_cannot_keep_its_input_list_says_where_and_writes_nothing() {
    let scratch = temp("no-tmpdir");
    let dir = scratch.path();
    let out = dir.join("out");
    let missing = dir.join("missing");
    let seed = sample("003_2953260a9f012705");
    let run = binary(&["run", seed.to_str().unwrap(), "--out", out.to_str().unwrap(), "-q"])
        .env("TMPDIR", &missing)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot list the inputs"), "{stderr}");
    assert!(stderr.contains(&format!("cannot keep the input list in {}", missing.display())), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn a_verbose_run_names_each_failed_document() {
    let scratch = temp("verbose");
    let dir = scratch.path();
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(inputs.join("binary.txt"), [0u8, 159, 146, 150, 0, 0, 1]).unwrap();
    std::fs::copy(sample("003_2953260a9f012705"), inputs.join("report.txt")).unwrap();
    let out = dir.join("out");
    let run = budgetlake(&["run", inputs.to_str().unwrap(), "--out", out.to_str().unwrap(), "--verbose"]);
    assert_eq!(run.status.code(), Some(1));
    let failed: Vec<_> =
        String::from_utf8_lossy(&run.stderr).lines().filter(|l| l.starts_with("failed: ")).map(String::from).collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(failed[0].starts_with("failed: binary.txt: "), "{failed:?}");
    assert_eq!(failed[1], "failed: empty.txt: the file is empty");
}

/// A folder of PDFs holds no input: the run says so and keeps the dataset
/// it would have replaced with an empty one. Beside reports, such files are
/// counted on stderr and in the manifest, not left out without a word.
#[test]
fn files_that_are_not_txt_are_counted_and_no_input_writes_nothing() {
    let scratch = temp("skipped");
    let dir = scratch.path();
    let (pdfs, out) = (dir.join("pdfs"), dir.join("out"));
    std::fs::create_dir_all(&pdfs).unwrap();
    std::fs::write(pdfs.join("report.pdf"), "%PDF-1.4").unwrap();
    std::fs::write(pdfs.join(".DS_Store"), "").unwrap();
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("manifest.json"), "last night's").unwrap();
    let run = budgetlake(&["run", pdfs.to_str().unwrap(), "--out", out.to_str().unwrap(), "-q"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    let said = format!(
        "budgetlake: no *.txt file in the inputs given, only 1 file not *.txt (1 .pdf); scripts/pdf2tsv.py in \
         budgetlake's source makes texts from PDFs; nothing was written, so {} is as it was\n",
        out.display()
    );
    assert_eq!(stderr, said);
    assert_eq!(std::fs::read_to_string(out.join("manifest.json")).unwrap(), "last night's");

    std::fs::copy(sample("003_2953260a9f012705"), pdfs.join("report.txt")).unwrap();
    std::fs::write(pdfs.join("budget.XLSX"), "").unwrap();
    let run = budgetlake(&["run", pdfs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    let tail = "; left out 2 files not *.txt (1 .pdf, 1 .xlsx); scripts/pdf2tsv.py in budgetlake's source makes \
                texts from PDFs\n";
    assert!(stderr.starts_with("1 documents (1 ok, 0 partial, 0 failed)") && stderr.ends_with(tail), "{stderr}");
    assert_eq!(
        crate::dataset::manifest(&out)["skipped_files"],
        serde_json::json!({ "files": 2, "extensions": { "pdf": 1, "xlsx": 1 } })
    );
}

#[test]
fn inspect_given_a_folder_says_it_reads_one_file() {
    let scratch = temp("inspect-folder");
    let dir = scratch.path();
    let run = budgetlake(&["inspect", dir.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let said =
        format!("{}: it is a folder, not a file: inspect reads one report's text, run reads folders\n", dir.display());
    assert_eq!(String::from_utf8_lossy(&run.stdout) + String::from_utf8_lossy(&run.stderr), said);
}
