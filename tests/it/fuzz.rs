//! Fuzzing the text-to-facts path: the samples mutated the ways real files
//! go wrong (bit flips, lost or repeated lines, lines from another report,
//! stray Unicode, truncation) must never panic, and every fact must point
//! at a line of its document and carry a finite amount. 64 cases by
//! default; `PROPTEST_CASES=N` for a long run (see the README).

use crate::*;
use budgetlake::pipeline::{analyze, extract};
use budgetlake::read;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};

/// One way a report's bytes get damaged.
#[derive(Debug, Clone)]
enum Mutation {
    FlipBit(Index, u8),
    DeleteLine(Index),
    DuplicateLine(Index),
    /// A line of another sample inserted before a line.
    Splice {
        from: Index,
        line: Index,
        at: Index,
    },
    Insert(Index, String),
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 0..8u8).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        any::<Index>().prop_map(Mutation::DeleteLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), any::<Index>(), any::<Index>()).prop_map(|(from, line, at)| Mutation::Splice {
            from,
            line,
            at
        }),
        (any::<Index>(), prop_oneof![any::<String>(), "[0-9.\t，、（）合计小计-]{1,12}"])
            .prop_map(|(i, s)| Mutation::Insert(i, s)),
        any::<Index>().prop_map(Mutation::Truncate),
    ]
}

/// The samples' bytes, in file name order.
fn samples() -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("sample_data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// Byte ranges of the lines, newline included.
fn lines(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut start = 0;
    let mut ranges = vec![];
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            ranges.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < bytes.len() {
        ranges.push(start..bytes.len());
    }
    ranges
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation, samples: &[Vec<u8>]) {
    if bytes.is_empty() {
        return;
    }
    let (len, ranges) = (bytes.len(), lines(bytes));
    match m {
        Mutation::FlipBit(i, bit) => bytes[i.index(len)] ^= 1 << bit,
        Mutation::DeleteLine(i) => drop(bytes.drain(ranges[i.index(ranges.len())].clone())),
        Mutation::DuplicateLine(i) => {
            let r = ranges[i.index(ranges.len())].clone();
            let line = bytes[r.clone()].to_vec();
            bytes.splice(r.start..r.start, line);
        }
        Mutation::Splice { from, line, at } => {
            let other = &samples[from.index(samples.len())];
            let other_lines = lines(other);
            let insert = other[other_lines[line.index(other_lines.len())].clone()].to_vec();
            let at = ranges[at.index(ranges.len())].start;
            bytes.splice(at..at, insert);
        }
        Mutation::Insert(i, s) => {
            let at = i.index(len + 1);
            bytes.splice(at..at, s.bytes());
        }
        Mutation::Truncate(i) => bytes.truncate(i.index(len)),
    }
}

/// Panics (and so fails the case) when the text-to-facts path breaks a promise.
fn check(bytes: &[u8], pipeline: &budgetlake::config::Pipeline) {
    let Ok(text) = read::decode(bytes, &read::Limits::default()) else { return };
    let count = text.text.lines().count() as u32;
    let x = extract(analyze(&text.text, pipeline), "fuzz.txt", pipeline);
    for f in &x.facts {
        assert!((1..=count).contains(&f.line), "fact on line {} of {count}: {}", f.line, golden_line(f));
        assert!(f.amount().is_finite(), "amount {} from {:?}", f.amount(), f.amount_text);
    }
    for i in &x.indicators {
        assert!((1..=count).contains(&i.line), "indicator on line {} of {count}", i.line);
    }
}

#[test]
fn mutated_samples_never_panic_and_facts_stay_in_their_document() {
    let (pipeline, samples) = (embedded(), samples());
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64);
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let strategy = (any::<Index>(), prop::collection::vec(mutation(), 1..8));
    let result = TestRunner::new(config).run(&strategy, |(which, mutations)| {
        let mut bytes = samples[which.index(samples.len())].clone();
        for m in &mutations {
            apply(&mut bytes, m, &samples);
        }
        check(&bytes, &pipeline);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
