//! Command-line arguments (clap derive). Raw arguments stop here: each
//! command resolves them once into the settings it runs with.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Chinese government budget and final-accounts reports to one long Parquet table.
#[derive(Debug, Parser)]
#[command(name = "budgetlake", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read report texts and write the dataset (facts, documents, findings, indicators).
    Run(RunArgs),
    /// Show how one report was read: detection, tables, column mapping, facts, findings.
    Inspect(InspectArgs),
    /// Validate pipeline configuration files without running them.
    Check(PipelineArgs),
    /// Generate a corpus of reports derived from sample reports (for benchmarks).
    #[command(hide = true)]
    Gen(crate::cmd::gen::GenArgs),
    /// Measure `run` on generated corpora: throughput, peak memory, time per stage.
    #[command(hide = true)]
    Bench(crate::cmd::bench::BenchArgs),
}

/// `--pipeline` files layered over the embedded configuration.
#[derive(Debug, Args, Clone, Default)]
pub struct PipelineArgs {
    /// Extra pipeline TOML file; tables with an existing id replace it (repeatable).
    #[arg(long = "pipeline", value_name = "FILE")]
    pub pipelines: Vec<PathBuf>,
}

/// Arguments of `run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Report text files or folders (searched recursively for *.txt; other files are counted, not read).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Dataset folder to write: missing, empty or one a run wrote; replaced atomically when the run completes.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Exit with 1 when any error finding exists.
    #[arg(long)]
    pub strict: bool,
    /// Largest input file read, in MiB.
    #[arg(long, default_value_t = 64, value_name = "MB")]
    pub max_file_mb: u64,
    /// Longest line accepted, in characters.
    #[arg(long, default_value_t = 1 << 20, value_name = "N")]
    pub max_line_chars: usize,
    /// No progress bar or summary.
    #[arg(long, short, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print every failed document and error finding.
    #[arg(long, short)]
    pub verbose: bool,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

/// Arguments of `inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// One report text file.
    pub file: PathBuf,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}
