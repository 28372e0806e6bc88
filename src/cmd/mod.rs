//! One module per subcommand, each with its arguments resolved once and a
//! `run` that returns an exit code.

pub mod bench;
pub mod check;
pub mod gen;
pub mod inspect;
pub mod run;

use crate::cli::{Cli, Command};
use crate::exit::ExitCode;

/// Dispatches to the subcommand.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run(args) => run::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Check(args) => check::run(args),
        Command::Gen(args) => gen::run(args),
        Command::Bench(args) => bench::run(args),
    }
}
