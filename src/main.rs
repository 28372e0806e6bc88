//! The `budgetlake` binary: parse arguments, run the command, map the
//! result to an exit code. Everything else lives in the library.

use budgetlake::{cli::Cli, cmd, exit::ExitCode};
use clap::Parser;

/// The global allocator. glibc's malloc fragments over a long run of many
/// small allocations: a report took nearly half again as long over 20,000
/// reports as over 2,000. mimalloc kept the time flat, but the pages it
/// held grew over a long run: peak RSS +21 % from 2,000 to 20,000 reports,
/// against +11 to +13 % with jemalloc at the time (README, Benchmark).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, which it reads before `main` runs; defined here in
/// the binary so that no linker drops them. One arena for all threads: with
/// one per thread, pages a worker freed stayed in its arena, and the
/// 20,000-report `--jobs 2` run peaked at 26 MiB instead of 22.6. Freed
/// pages go back to the system over a second instead of ten, which takes
/// 0.2 to 0.9 MiB off every peak at the same speed. No transparent huge
/// pages: 2 MB pages inflate and unsettle the peak on systems that enable
/// them for every mapping. `_RJEM_MALLOC_CONF` in the environment overrides.
#[cfg(not(target_env = "msvc"))]
#[export_name = "_rjem_malloc_conf"]
static MALLOC_CONF: &u8 = &b"narenas:1,dirty_decay_ms:1000,thp:never\0"[0];

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
