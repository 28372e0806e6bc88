//! The `budgetlake` binary: parse arguments, run the command, map the
//! result to an exit code. Everything else lives in the library.

use budgetlake::{cli::Cli, cmd, exit::ExitCode};
use clap::Parser;

fn main() {
    let cli = Cli::parse();
    let code = match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("budgetlake: {err:#}");
            ExitCode::Fatal
        }
    };
    std::process::exit(code as i32);
}
