//! Time spent per stage, summed over every document and thread, for the
//! benchmark's breakdown. Relaxed atomic adds: a few per document, never a lock.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// The stages timed.
#[derive(Debug, Clone, Copy)]
pub enum Stage {
    /// File to text.
    Read,
    /// Unit, year, kind.
    Detect,
    /// Tables found.
    Segment,
    /// Rows to grids.
    Parse,
    /// Grids to facts.
    Normalize,
    /// Performance tables to facts and indicators: they have no grid, so
    /// this is their parse and normalize, apart because it is a fifth of a
    /// run's instructions.
    Indicators,
    /// Checks.
    Validate,
    /// Parquet.
    Write,
}

/// Every stage in order, for reports.
pub const STAGES: [Stage; 8] = [
    Stage::Read,
    Stage::Detect,
    Stage::Segment,
    Stage::Parse,
    Stage::Normalize,
    Stage::Indicators,
    Stage::Validate,
    Stage::Write,
];

static NANOS: [AtomicU64; STAGES.len()] = [const { AtomicU64::new(0) }; STAGES.len()];

impl Stage {
    /// Lower-case name.
    pub fn name(self) -> &'static str {
        ["read", "detect", "segment", "parse", "normalize", "indicators", "validate", "write"][self as usize]
    }
}

/// Runs `f`, adding its wall time to `stage`.
pub fn timed<T>(stage: Stage, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    NANOS[stage as usize].fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
    out
}

/// Seconds per stage since the process started, in [`STAGES`] order.
pub fn seconds() -> Vec<(&'static str, f64)> {
    STAGES.iter().map(|s| (s.name(), NANOS[*s as usize].load(Ordering::Relaxed) as f64 / 1e9)).collect()
}
