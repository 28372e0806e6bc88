//! `budgetlake run`: every input through the pipeline on a rayon pool, each
//! worker taking the next input when free, streamed in input order to the
//! dataset writer on its own thread through a bounded window. One bad file
//! never stops the run; every input gets one `documents` row.

use crate::cli::RunArgs;
use crate::config::Pipeline;
use crate::exit::ExitCode;
use crate::model::{Outcome, Severity, Status};
use crate::pipeline;
use crate::read::{self, Inputs, Limits};
use crate::seen::Seen;
use crate::window::Window;
use crate::write::{DatasetWriter, RunMeta, WriteSummary};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Documents in flight between the workers and the writer, per worker:
/// enough that a worker rarely waits for a slow report before it, few
/// enough that their facts take little memory. Before the window was held
/// during encodes, each row group the writer encoded let it fill: with 16
/// in all the outcomes waiting then (some 220 KB each) were 3.5 MB of a
/// 20,000-report run's peak heap, which a 2,000-report run, whose row
/// groups all end at the close, never reaches; with 4 a worker, 0.9 MB.
/// 2 took another 0.5 MiB off that run's peak RSS, but left a worker
/// waiting for a slow report before it: a 2,000-report `--jobs 2` run took
/// 3.8 s instead of 3.5 (three runs each).
const WINDOW_PER_JOB: usize = 4;

/// What a run says when its input list cannot be read back, whether a
/// worker or the writer reads it: either way the run stops and nothing is
/// written.
const UNREADABLE_LIST: &str = "cannot read the input list back; nothing was written";

/// A run's resolved settings.
pub struct Settings {
    /// Inputs, sorted.
    pub inputs: Inputs,
    /// Dataset folder.
    pub out: PathBuf,
    /// Worker threads.
    pub jobs: usize,
    /// Read limits.
    pub limits: Limits,
    /// Show progress.
    pub progress: bool,
    /// Name each failed document on stderr as the writer takes it.
    pub verbose: bool,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Documents by status: ok, partial, failed.
    pub ok: u64,
    /// Partly read.
    pub partial: u64,
    /// Not read.
    pub failed: u64,
    /// Error findings.
    pub errors: u64,
    /// Input bytes.
    pub bytes: u64,
    /// Rows written.
    pub written: Option<WriteSummary>,
    /// Wall time in seconds.
    pub seconds: f64,
    /// Files under the input folders that are not inputs.
    pub skipped: read::Skipped,
}

/// Runs the command.
pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::load(&args.pipeline.pipelines)?;
    let inputs = read::inputs(&args.inputs).context("cannot list the inputs")?;
    if inputs.is_empty() {
        // An empty dataset swapped in for last night's is never what a
        // nightly run over a folder that went empty, or holds only PDFs, wants.
        let skipped = inputs.skipped.files > 0;
        let other = if skipped { format!(", only {}", inputs.skipped) } else { String::new() };
        anyhow::bail!(
            "no *.txt file in the inputs given{other}; nothing was written, so {} is as it was",
            args.out.display()
        );
    }
    let settings = Settings {
        inputs,
        out: args.out,
        jobs: args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1),
        limits: Limits { max_file_bytes: args.max_file_mb << 20, max_line_chars: args.max_line_chars },
        progress: !args.quiet,
        verbose: args.verbose,
    };
    let report = execute(&settings, &pipeline)?;
    if !args.quiet {
        eprintln!("{}", summary(&report));
    }
    Ok(if report.failed > 0 || (args.strict && report.errors > 0) { ExitCode::Partial } else { ExitCode::Ok })
}

/// Processes every input and writes the dataset.
pub fn execute(settings: &Settings, pipeline: &Pipeline) -> anyhow::Result<Report> {
    let start = Instant::now();
    let meta = RunMeta { tool_version: env!("CARGO_PKG_VERSION").to_string(), config_hash: pipeline.hash.clone() };
    let in_flight = WINDOW_PER_JOB * settings.jobs;
    let window = Arc::new(Window::new(in_flight, settings.jobs));
    let writer = DatasetWriter::create(&settings.out, meta)?;
    let writer = if settings.jobs > 1 {
        let window = Arc::clone(&window);
        writer.encoding_in_background(move |busy| if busy { window.hold() } else { window.release() })?
    } else {
        writer
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(settings.jobs).build()?;
    let bar = progress_bar(settings);
    let taken = AtomicUsize::new(0);
    // The input list is read back from disk; if that fails, the run stops.
    let unreadable = Mutex::new(None);
    let (tx, rx) = sync_channel::<(usize, Outcome)>(in_flight);
    let (writer, mut report) = std::thread::scope(|s| {
        let sink = s.spawn(|| {
            // However the writer stops, workers waiting for room have none to wait for.
            let _close = window.closed_on_drop();
            consume(writer, &window, rx, settings, &bar)
        });
        pool.scope(|p| {
            for _ in 0..settings.jobs {
                let (tx, window, taken, bar, unreadable) = (tx.clone(), &window, &taken, &bar, &unreadable);
                p.spawn(move |_| loop {
                    let i = taken.fetch_add(1, Ordering::Relaxed);
                    let input = match settings.inputs.get(i) {
                        Ok(Some(input)) if window.admit(i) => input,
                        Ok(_) => break,
                        Err(e) => {
                            *unreadable.lock().unwrap_or_else(|e| e.into_inner()) = Some(e);
                            window.close();
                            break;
                        }
                    };
                    let outcome = pipeline::process(&input, pipeline, &settings.limits);
                    window.done();
                    bar.inc(1);
                    if tx.send((i, outcome)).is_err() {
                        break; // the writer stopped: its error is reported below
                    }
                });
            }
        });
        drop(tx);
        bar.finish_and_clear();
        sink.join().map_err(|_| anyhow::anyhow!("the writer thread panicked"))
    })??;
    if let Some(e) = unreadable.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(anyhow::Error::new(e).context(UNREADABLE_LIST));
    }
    // The manifest's timings are taken once the files are closed: a run
    // whose row groups never fill encodes every row then.
    let extra = || {
        report.seconds = start.elapsed().as_secs_f64();
        serde_json::json!({
            "inputs": settings.inputs.len(),
            "skipped_files": { "files": settings.inputs.skipped.files, "extensions": &settings.inputs.skipped.extensions },
            "jobs": settings.jobs,
            "documents": { "ok": report.ok, "partial": report.partial, "failed": report.failed },
            "error_findings": report.errors,
            "input_bytes": report.bytes,
            "seconds": report.seconds,
            "stage_seconds": crate::timing::seconds().into_iter().map(|(k, v)| (k.to_string(), serde_json::json!(v))).collect::<serde_json::Map<_, _>>(),
            "finished_unix": std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()),
        })
    };
    // A panic while the files close (a bug) fails the run like the
    // writer thread's does; the writer's drop has removed the staging folder.
    let close = std::panic::AssertUnwindSafe(|| pool.install(|| writer.finish(extra)));
    let written =
        std::panic::catch_unwind(close).map_err(|_| anyhow::anyhow!("the writer panicked closing the files"))?;
    report.written = Some(written?);
    report.skipped = settings.inputs.skipped.clone();
    Ok(report)
}

/// The writer side: drops repeated inputs (same bytes), counts, appends.
/// Outcomes arrive in input order, so the n-th is `inputs[n]`. Failures are
/// named as they come, not gathered: a run keeps nothing per document.
fn consume(
    mut writer: DatasetWriter,
    window: &Window,
    outcomes: Receiver<(usize, Outcome)>,
    settings: &Settings,
    bar: &ProgressBar,
) -> anyhow::Result<(DatasetWriter, Report)> {
    let mut report = Report::default();
    let mut seen = Seen::with_capacity(settings.inputs.len());
    for (n, outcome) in window.in_order(outcomes).enumerate() {
        let outcome = dedup(outcome, n, &mut seen, &settings.inputs).context(UNREADABLE_LIST)?;
        tally(&mut report, &outcome);
        if settings.verbose && outcome.document.status == Status::Failed {
            let (source, error) = (&outcome.document.source, outcome.document.error.as_deref().unwrap_or_default());
            bar.suspend(|| eprintln!("failed: {source}: {error}"));
        }
        let encodes = writer.will_encode(&outcome);
        if encodes {
            window.hold();
        }
        crate::timing::timed(crate::timing::Stage::Write, || writer.append(&outcome))?;
        if encodes {
            window.release();
        }
    }
    Ok((writer, report))
}

/// A file with the same bytes as an earlier one keeps its documents row but
/// writes no rows of its own, so no fact is counted twice. A failed file
/// writes none anyway and keeps the reason it failed.
fn dedup(mut o: Outcome, n: usize, seen: &mut Seen, inputs: &Inputs) -> std::io::Result<Outcome> {
    let Some(id) = u64::from_str_radix(&o.document.doc_id, 16).ok().filter(|_| o.document.status != Status::Failed)
    else {
        return Ok(o);
    };
    if let Some(first) = seen.first_or_insert(id, n).map(|first| inputs.get(first)).transpose()?.flatten() {
        let first = &first.source;
        o.document.error = Some(format!("same bytes as {first}; its rows are written once, under that source"));
        o.document.facts = 0;
        o.facts.clear();
        o.findings.clear();
        o.indicators.clear();
    }
    Ok(o)
}

fn tally(r: &mut Report, o: &Outcome) {
    match o.document.status {
        Status::Ok => r.ok += 1,
        Status::Partial => r.partial += 1,
        Status::Failed => r.failed += 1,
    }
    r.errors += o.findings.iter().filter(|f| f.severity == Severity::Error).count() as u64;
    r.bytes += o.document.bytes;
}

fn progress_bar(settings: &Settings) -> ProgressBar {
    if !settings.progress {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(settings.inputs.len() as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} documents {elapsed}") {
        bar.set_style(style);
    }
    bar
}

/// The one-line summary printed on stderr.
pub fn summary(r: &Report) -> String {
    let w = r.written.as_ref();
    let mb = r.bytes as f64 / 1e6;
    let mut line = format!(
        "{} documents ({} ok, {} partial, {} failed), {} facts, {} findings ({} errors), {:.2}s, {:.1} MB/s",
        r.ok + r.partial + r.failed,
        r.ok,
        r.partial,
        r.failed,
        w.map_or(0, |w| w.facts),
        w.map_or(0, |w| w.findings),
        r.errors,
        r.seconds,
        if r.seconds > 0.0 { mb / r.seconds } else { 0.0 }
    );
    if r.skipped.files > 0 {
        line.push_str(&format!("; left out {}", r.skipped));
    }
    line
}
