//! `budgetlake bench` (hidden): throughput of `run` end to end on generated
//! corpora. Each measurement is `budgetlake run` in a child process, so its
//! peak RSS is its own (from `wait4`) and nothing is warm from an earlier
//! size, confined to as many CPUs as it has jobs. A run whose output has a
//! failed document or an error finding is refused before any timing is
//! shown: a generated corpus keeps the arithmetic, so a failure there is a
//! bug, not a figure.

use crate::cmd::gen;
use crate::config::Pipeline;
use crate::exit::ExitCode;
use anyhow::{bail, Context};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Arguments of `bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Sample reports the corpora are derived from (files or folders).
    #[arg(value_name = "TEMPLATE", default_value = "sample_data")]
    pub templates: Vec<PathBuf>,
    /// Corpus sizes, in reports.
    #[arg(long, value_delimiter = ',', default_values_t = [SMALL, LARGE])]
    pub docs: Vec<usize>,
    /// `--jobs` values each corpus is run with.
    #[arg(long = "jobs-list", value_delimiter = ',', default_values_t = [1, 2])]
    pub jobs_list: Vec<usize>,
    /// Folder for corpora and outputs; a corpus already there for the same
    /// size, seed and pipeline is reused.
    #[arg(long, default_value = "target/bench", value_name = "DIR")]
    pub work: PathBuf,
    /// Seed of the generated corpora.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Runs of each size and `--jobs`, in rounds; the table shows the
    /// median run (by seconds) and the median peak RSS.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,
}

/// Targets of the benchmark (issue 6), stated for these two corpus sizes.
const SMALL: usize = 2000;
const LARGE: usize = 20000;
const MIN_MB_S_PER_CORE: f64 = 200.0;
const MIN_SPEEDUP_2_JOBS: f64 = 1.8;
const MAX_RSS_GROWTH: f64 = 0.10;

/// One `run` measured.
#[derive(Debug, Clone)]
struct Measure {
    docs: usize,
    jobs: usize,
    seconds: f64,
    /// User and system CPU seconds of the run, all its threads.
    cpu_seconds: f64,
    /// Share of its CPUs' time the hypervisor gave to other guests while it
    /// ran (`None` without /proc/stat): a slow run with steal was the machine.
    steal: Option<f64>,
    input_bytes: f64,
    peak_rss_kib: i64,
    stages: Vec<(String, f64)>,
}

impl Measure {
    fn mb_s(&self) -> f64 {
        self.input_bytes / 1e6 / self.seconds
    }
}

/// Generates the corpora, runs every size × jobs, prints the table and the targets.
pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::load(&[] as &[&str])?;
    let exe = std::env::current_exe().context("cannot find the budgetlake executable to benchmark")?;
    let corpora = args.docs.iter().map(|&docs| Ok((docs, corpus(&args, docs, &pipeline)?)));
    let corpora = corpora.collect::<anyhow::Result<Vec<_>>>()?;
    // Rounds, not one size after the other: a slow spell of the machine
    // then touches one run of each, which the medians leave out.
    let mut runs: Vec<Vec<Measure>> = (0..corpora.len() * args.jobs_list.len()).map(|_| vec![]).collect();
    for round in 1..=args.repeat {
        for (c, (docs, corpus)) in corpora.iter().enumerate() {
            for (j, &jobs) in args.jobs_list.iter().enumerate() {
                let m = measure(&exe, corpus, &args.work.join("out"), *docs, jobs)?;
                eprintln!("round {round}: {docs} documents, --jobs {jobs}: {:.2}s, {:.1} MB/s", m.seconds, m.mb_s());
                runs[c * args.jobs_list.len() + j].push(m);
            }
        }
    }
    let all: Vec<Measure> = runs.iter().filter_map(|r| median(r)).collect();
    println!("{}", table(&all));
    for line in verdicts(&all, &runs) {
        println!("{line}");
    }
    Ok(ExitCode::Ok)
}

/// The corpus folder for a size, generated unless a finished one with the
/// same parameters is there (the marker is written last).
fn corpus(args: &BenchArgs, docs: usize, pipeline: &Pipeline) -> anyhow::Result<PathBuf> {
    let dir = args.work.join(format!("corpus-{docs}"));
    let marker = dir.join("corpus.params");
    let params = format!("docs={docs} seed={} pipeline={}\n", args.seed, pipeline.hash);
    if std::fs::read_to_string(&marker).is_ok_and(|p| p == params) {
        return Ok(dir);
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("cannot remove the stale corpus {}", dir.display()))?;
    }
    eprintln!("generating {docs} reports into {}", dir.display());
    gen::generate(&args.templates, &dir, docs, args.seed, pipeline)?;
    std::fs::write(&marker, params).with_context(|| format!("cannot write {}", marker.display()))?;
    Ok(dir)
}

/// Runs `budgetlake run` once as a child and reads what it did.
fn measure(exe: &Path, corpus: &Path, out: &Path, docs: usize, jobs: usize) -> anyhow::Result<Measure> {
    let mut command = Command::new(exe);
    command.arg("run").arg(corpus).arg("--out").arg(out).args(["--jobs", &jobs.to_string(), "--quiet"]);
    let cpus = confine(&mut command, jobs)?;
    let (start, stolen) = (Instant::now(), steal_seconds(&cpus));
    let child = command.spawn().with_context(|| format!("cannot start {}", exe.display()))?;
    let (status, cpu_seconds, peak_rss_kib) = wait_with_rusage(child.id())?;
    let seconds = start.elapsed().as_secs_f64();
    let steal = stolen.zip(steal_seconds(&cpus)).map(|(a, b)| (b - a).max(0.0) / (seconds * cpus.len() as f64));
    if status != 0 {
        bail!("`budgetlake run` on {} exited with {status}: some document failed", corpus.display());
    }
    let manifest = manifest(out)?;
    check_clean(&manifest, docs)?;
    let input_bytes = manifest["input_bytes"].as_f64().unwrap_or(0.0);
    let stages = crate::timing::STAGES
        .iter()
        .map(|s| (s.name().to_string(), manifest["stage_seconds"][s.name()].as_f64().unwrap_or(0.0)))
        .collect();
    Ok(Measure { docs, jobs, seconds, cpu_seconds, steal, input_bytes, peak_rss_kib, stages })
}

/// Confines the run to the first `jobs` CPUs this process may use, so that
/// `--jobs N` is measured on N cores. The writer has a thread of its own:
/// unconfined, `--jobs 1` ran it on a second core and took about 1.1 cores
/// (5.5 s of CPU in a 4.8 s run of 2,000 reports), which overstated its
/// MB/s per core and understated the speedup of `--jobs 2`. A machine with
/// fewer CPUs than jobs runs unconfined. Returns the CPUs it runs on.
#[cfg(target_os = "linux")]
fn confine(command: &mut Command, jobs: usize) -> anyhow::Result<Vec<usize>> {
    use std::os::unix::process::CommandExt;
    let size = std::mem::size_of::<libc::cpu_set_t>();
    // SAFETY: an all-zero cpu_set_t is the empty set; sched_getaffinity
    // writes at most `size` bytes into it.
    let mut allowed: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    if unsafe { libc::sched_getaffinity(0, size, &mut allowed) } != 0 {
        bail!("cannot read the CPUs this process may use: {}", std::io::Error::last_os_error());
    }
    // SAFETY: CPU_ISSET reads one bit of a set below CPU_SETSIZE.
    let cpus: Vec<usize> =
        (0..libc::CPU_SETSIZE as usize).filter(|&c| unsafe { libc::CPU_ISSET(c, &allowed) }).collect();
    if cpus.len() < jobs {
        return Ok(cpus);
    }
    // SAFETY: as above; CPU_SET only sets bits below CPU_SETSIZE.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    for &c in &cpus[..jobs] {
        unsafe { libc::CPU_SET(c, &mut set) };
    }
    // SAFETY: the closure runs in the child between fork and exec and only
    // makes one system call, which is async-signal-safe.
    unsafe {
        command.pre_exec(move || match libc::sched_setaffinity(0, size, &set) {
            0 => Ok(()),
            _ => Err(std::io::Error::last_os_error()),
        });
    }
    Ok(cpus[..jobs].to_vec())
}

#[cfg(not(target_os = "linux"))]
fn confine(_: &mut Command, _: usize) -> anyhow::Result<Vec<usize>> {
    Ok(vec![])
}

/// Seconds so far the hypervisor gave to other guests on these CPUs
/// (steal, in /proc/stat); `None` where that cannot be read or the CPUs are
/// unknown (`confine` off Linux). The rounds of one bench spread widely on
/// a shared virtual machine (2.70 to 4.10 s for the same `--jobs 2` run);
/// time given to other guests is one cause the pipeline has no part in,
/// and this says whether it was the cause.
#[cfg(unix)]
fn steal_seconds(cpus: &[usize]) -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/stat").ok().filter(|_| !cpus.is_empty())?;
    // SAFETY: sysconf only reads a system setting.
    let ticks_per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    (ticks_per_second > 0).then(|| summed_steal(&stat, cpus) as f64 / ticks_per_second as f64)
}

#[cfg(not(unix))]
fn steal_seconds(_: &[usize]) -> Option<f64> {
    None
}

/// The steal column (the eighth count) of these CPUs' `cpuN` lines; the
/// `cpu` line, all CPUs together, is not one of them.
fn summed_steal(stat: &str, cpus: &[usize]) -> u64 {
    let per_cpu = stat.lines().filter_map(|l| {
        let mut fields = l.split_whitespace();
        let cpu = fields.next()?.strip_prefix("cpu")?.parse::<usize>().ok()?;
        Some((cpu, fields.nth(7)?.parse::<u64>().ok()?))
    });
    per_cpu.filter(|(cpu, _)| cpus.contains(cpu)).map(|(_, steal)| steal).sum()
}

/// Waits for a child and returns its exit status, its CPU seconds and its
/// peak RSS in KiB. Only `wait4` gives one child's own peak;
/// `RUSAGE_CHILDREN` is the largest of every child so far.
fn wait_with_rusage(pid: u32) -> anyhow::Result<(i32, f64, i64)> {
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own unwaited child; both pointers are valid for the call.
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if r < 0 {
        bail!("cannot wait for the benchmarked run: {}", std::io::Error::last_os_error());
    }
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok((code, seconds(usage.ru_utime) + seconds(usage.ru_stime), usage.ru_maxrss))
}

fn manifest(out: &Path) -> anyhow::Result<serde_json::Value> {
    let path = out.join("manifest.json");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))
}

/// Every document read and no error finding: the generator keeps the arithmetic.
fn check_clean(m: &serde_json::Value, docs: usize) -> anyhow::Result<()> {
    let count = |v: &serde_json::Value| v.as_u64().unwrap_or(u64::MAX);
    let d = &m["documents"];
    let (ok, partial, failed) = (count(&d["ok"]), count(&d["partial"]), count(&d["failed"]));
    let errors = count(&m["error_findings"]);
    if ok != docs as u64 || partial != 0 || failed != 0 || errors != 0 {
        bail!(
            "the generated corpus of {docs} reports did not pass every check \
             ({ok} ok, {partial} partial, {failed} failed, {errors} error findings): no timing is reported"
        );
    }
    Ok(())
}

/// The run of median seconds, with the median peak RSS of all the runs.
fn median(runs: &[Measure]) -> Option<Measure> {
    let mut rss: Vec<i64> = runs.iter().map(|m| m.peak_rss_kib).collect();
    rss.sort_unstable();
    let peak_rss_kib = *rss.get(rss.len() / 2)?;
    let mut by_seconds: Vec<&Measure> = runs.iter().collect();
    by_seconds.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    Some(Measure { peak_rss_kib, ..by_seconds[by_seconds.len() / 2].clone() })
}

/// The figures as a Markdown table.
fn table(all: &[Measure]) -> String {
    let stage_names: Vec<&str> = all.first().map_or(vec![], |m| m.stages.iter().map(|(k, _)| k.as_str()).collect());
    let mut head =
        "| docs | jobs | seconds | CPU s | steal % | docs/s | MB/s | MB/s per core | peak RSS MiB | speedup |"
            .to_string();
    let mut rule = "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|".to_string();
    for s in &stage_names {
        head.push_str(&format!(" {s} s |"));
        rule.push_str("---:|");
    }
    let mut lines = vec![head, rule];
    for m in all {
        let speedup = base(all, m.docs).map_or(String::from("–"), |b| format!("{:.2}x", b.seconds / m.seconds));
        let steal = m.steal.map_or(String::from("–"), |s| format!("{:.1}", s * 100.0));
        let mut line = format!(
            "| {} | {} | {:.2} | {:.2} | {steal} | {:.0} | {:.1} | {:.1} | {:.1} | {speedup} |",
            m.docs,
            m.jobs,
            m.seconds,
            m.cpu_seconds,
            m.docs as f64 / m.seconds,
            m.mb_s(),
            m.mb_s() / m.jobs as f64,
            m.peak_rss_kib as f64 / 1024.0,
        );
        for (_, secs) in &m.stages {
            line.push_str(&format!(" {secs:.2} |"));
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// The `--jobs 1` run of a size.
fn base(all: &[Measure], docs: usize) -> Option<&Measure> {
    all.iter().find(|m| m.docs == docs && m.jobs == 1)
}

/// PASS/FAIL against each target that the measured sizes and jobs allow,
/// judged on the medians, with each round's own figure: on a shared
/// machine a median can pass a target that one round in three misses, and
/// a reader should see that without running the bench again.
fn verdicts(all: &[Measure], runs: &[Vec<Measure>]) -> Vec<String> {
    let series = |docs: usize, jobs: usize| {
        let found = runs.iter().find(|r| r.first().is_some_and(|m| m.docs == docs && m.jobs == jobs));
        found.map_or(&[][..], Vec::as_slice)
    };
    let per_core = |m: &Measure| m.mb_s() / m.jobs as f64;
    let mut out = vec![];
    for m in all.iter().filter(|m| m.docs == SMALL) {
        let rounds: Vec<f64> = series(SMALL, m.jobs).iter().map(per_core).collect();
        out.push(verdict(
            &format!("{SMALL} docs --jobs {}: MB/s per core", m.jobs),
            (per_core(m), &rounds),
            |v| format!("{v:.1}"),
            |v| v >= MIN_MB_S_PER_CORE,
            &format!("≥ {MIN_MB_S_PER_CORE}"),
        ));
    }
    for m in all.iter().filter(|m| m.jobs == 2) {
        if let Some(b) = base(all, m.docs) {
            let pairs = series(m.docs, 1).iter().zip(series(m.docs, 2));
            let rounds: Vec<f64> = pairs.map(|(one, two)| one.seconds / two.seconds).collect();
            out.push(verdict(
                &format!("{} docs: --jobs 2 against --jobs 1", m.docs),
                (b.seconds / m.seconds, &rounds),
                |v| format!("{v:.2}x"),
                |v| v >= MIN_SPEEDUP_2_JOBS,
                &format!("≥ {MIN_SPEEDUP_2_JOBS}x"),
            ));
        }
    }
    let growth = |large: &Measure, small: &Measure| large.peak_rss_kib as f64 / small.peak_rss_kib as f64 - 1.0;
    for large in all.iter().filter(|m| m.docs == LARGE) {
        if let Some(small) = all.iter().find(|m| m.docs == SMALL && m.jobs == large.jobs) {
            let pairs = series(LARGE, large.jobs).iter().zip(series(SMALL, large.jobs));
            let rounds: Vec<f64> = pairs.map(|(l, s)| growth(l, s)).collect();
            out.push(verdict(
                &format!("--jobs {}: peak RSS at {LARGE} docs against {SMALL} docs", large.jobs),
                (growth(large, small), &rounds),
                |v| format!("{:+.1} %", v * 100.0),
                |v| v <= MAX_RSS_GROWTH,
                &format!("≤ +{:.0} %", MAX_RSS_GROWTH * 100.0),
            ));
        }
    }
    out
}

/// One target's line: the verdict on the medians' `figure.0`, then, when
/// there was more than one round, each round's figure and how many met
/// the target.
fn verdict(
    what: &str,
    figure: (f64, &[f64]),
    show: impl Fn(f64) -> String,
    meets: impl Fn(f64) -> bool,
    target: &str,
) -> String {
    let (median, rounds) = figure;
    let pass = if meets(median) { "PASS" } else { "FAIL" };
    let line = format!("{pass}: {what}: {} (target {target})", show(median));
    if rounds.len() < 2 {
        return line;
    }
    let met = rounds.iter().filter(|&&v| meets(v)).count();
    let each: Vec<String> = rounds.iter().map(|&v| show(v)).collect();
    format!("{line}; by round {}: {met} of {} met it", each.join(", "), rounds.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_run_keeps_its_own_times_and_takes_the_median_peak() {
        let run = |seconds: f64, peak_rss_kib: i64| Measure {
            docs: 2000,
            jobs: 1,
            seconds,
            cpu_seconds: seconds,
            steal: None,
            input_bytes: 1e6,
            peak_rss_kib,
            stages: vec![("read".into(), seconds / 10.0)],
        };
        let m = median(&[run(3.0, 100), run(1.0, 300), run(2.0, 200), run(5.0, 150)]).unwrap();
        assert_eq!((m.seconds, m.peak_rss_kib, m.stages[0].1), (3.0, 200, 0.3));
        assert!(median(&[]).is_none());
    }

    #[test]
    fn verdicts_judge_the_medians_and_count_the_rounds_that_met_each_target() {
        let run = |docs: usize, jobs: usize, seconds: f64, peak_rss_kib: i64| Measure {
            docs,
            jobs,
            seconds,
            cpu_seconds: seconds * jobs as f64,
            steal: None,
            input_bytes: 300e6 * seconds * jobs as f64,
            peak_rss_kib,
            stages: vec![],
        };
        // Rounds in order: round 2's --jobs 2 ran slow, round 3's 20,000-report --jobs 1 peaked high.
        let runs = vec![
            vec![run(SMALL, 1, 6.0, 1000), run(SMALL, 1, 6.2, 1000), run(SMALL, 1, 6.1, 1000)],
            vec![run(SMALL, 2, 3.0, 1100), run(SMALL, 2, 3.6, 1100), run(SMALL, 2, 3.2, 1100)],
            vec![run(LARGE, 1, 60.0, 1050), run(LARGE, 1, 61.0, 1090), run(LARGE, 1, 62.0, 1200)],
        ];
        let all: Vec<Measure> = runs.iter().filter_map(|r| median(r)).collect();
        assert_eq!(
            verdicts(&all, &runs),
            vec![
                "PASS: 2000 docs --jobs 1: MB/s per core: 300.0 (target ≥ 200); by round 300.0, 300.0, 300.0: 3 of 3 met it",
                "PASS: 2000 docs --jobs 2: MB/s per core: 300.0 (target ≥ 200); by round 300.0, 300.0, 300.0: 3 of 3 met it",
                "PASS: 2000 docs: --jobs 2 against --jobs 1: 1.91x (target ≥ 1.8x); by round 2.00x, 1.72x, 1.91x: 2 of 3 met it",
                "PASS: --jobs 1: peak RSS at 20000 docs against 2000 docs: +9.0 % (target ≤ +10 %); by round +5.0 %, +9.0 %, +20.0 %: 2 of 3 met it",
            ]
        );
        let one: Vec<Vec<Measure>> = runs.iter().map(|r| r[..1].to_vec()).collect();
        let all: Vec<Measure> = one.iter().filter_map(|r| median(r)).collect();
        assert_eq!(verdicts(&all, &one)[2], "PASS: 2000 docs: --jobs 2 against --jobs 1: 2.00x (target ≥ 1.8x)");
    }

    #[test]
    fn steal_is_summed_over_the_runs_cpus_only() {
        let stat = "cpu  7152290 0 661791 8168281 75690 0 6148 39382 0 0\n\
                    cpu0 4265062 0 405012 3301740 55607 0 350 16531 0 0\n\
                    cpu1 2887228 0 256778 4866541 20082 0 5797 22850 0 0\n\
                    intr 1 2 3 4 5 6 7 8 9\n";
        assert_eq!(summed_steal(stat, &[0]), 16531);
        assert_eq!(summed_steal(stat, &[0, 1]), 16531 + 22850);
        assert_eq!(summed_steal(stat, &[2]), 0);
    }
}
