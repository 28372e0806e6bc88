//! `budgetlake check`: loads the embedded pipeline and any `--pipeline`
//! files and reports every problem at once, without running anything.

use crate::cli::PipelineArgs;
use crate::config::Pipeline;
use crate::exit::ExitCode;

/// Validates the configuration and prints what it holds.
pub fn run(args: PipelineArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::load(&args.pipelines)?;
    let reference = &pipeline.reference;
    println!(
        "ok: {} tables, {} checks, {} function and {} economic codes; config hash {}",
        pipeline.tables.len(),
        pipeline.tables.iter().map(|t| t.checks.len()).sum::<usize>(),
        reference.function.len(),
        reference.economic.len(),
        pipeline.hash
    );
    Ok(ExitCode::Ok)
}
