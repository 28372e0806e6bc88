//! Exit codes, defined once, and the one-line message of a fatal error.

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

/// An error and its causes on one line. A cause whose words the line holds
/// already is left out: errors that name their source, as io and parquet
/// errors do, said `No space left on device` three times.
pub fn message(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain().map(ToString::to_string) {
        if line.is_empty() {
            line = cause;
        } else if !line.contains(&cause) {
            line = format!("{line}: {cause}");
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_already_said_is_not_repeated() {
        let io = std::io::Error::from_raw_os_error(28);
        let outer = format!("External: {io}");
        let said = anyhow::Error::new(io).context(outer).context("cannot write out");
        assert_eq!(message(&said), "cannot write out: External: No space left on device (os error 28)");
        let new = anyhow::anyhow!("bad key").context("pipelines/x.toml");
        assert_eq!(message(&new), "pipelines/x.toml: bad key");
    }
}
