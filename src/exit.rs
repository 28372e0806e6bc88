//! Exit codes, defined once.

/// What the process tells its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// The dataset was written and every document was read.
    Ok = 0,
    /// The dataset was written but a document failed (or, with `--strict`,
    /// an error finding exists).
    Partial = 1,
    /// Nothing could be written: bad configuration, unwritable output.
    Fatal = 2,
}
