//! The `budgetlake` binary: parse arguments, run the command, map the
//! result to an exit code. Everything else lives in the library.

use budgetlake::{cli::Cli, cmd, exit::ExitCode};
use clap::Parser;

/// glibc's malloc fragments over a long run of many small allocations: a
/// report took nearly half again as long over 20,000 reports as over 2,000
/// (README, Benchmark). With mimalloc the time per report stays flat.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    budgetlake::allocator::release_freed_memory_sooner();
    let cli = Cli::parse();
    let code = match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("budgetlake: {}", budgetlake::exit::message(&err));
            ExitCode::Fatal
        }
    };
    std::process::exit(code as i32);
}
