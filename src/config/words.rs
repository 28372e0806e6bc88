//! The header words of a performance table's role lists, compiled once per
//! table: every row of such a table is asked whether it is a header, and
//! every header cell which roles it names, so a cell is searched for all the
//! words in one pass instead of once per word.

use super::RoleSpec;
use aho_corasick::{AhoCorasick, BuildError};

/// One header word found in a cell.
#[derive(Debug, Clone, Copy)]
pub struct Named<'a> {
    /// Index of the role the word names.
    pub role: usize,
    /// The merged header the word must be printed under (`财政拨款` of `财政拨款/基本支出`).
    pub under: Option<&'a str>,
    /// Byte range of the word in the cell.
    pub start: usize,
    /// End of that range.
    pub end: usize,
}

/// The own words of a role list's headers (see [`RoleSpec::header_paths`]).
#[derive(Debug, Clone)]
pub struct HeaderWords {
    finder: AhoCorasick,
    /// For each word, in the finder's pattern order: its role and merged header.
    owners: Vec<(usize, Option<String>)>,
}

impl HeaderWords {
    /// Compiles the words of `roles`.
    pub fn new(roles: &[RoleSpec]) -> Result<Self, BuildError> {
        let words: Vec<(usize, Option<&str>, &str)> = roles
            .iter()
            .enumerate()
            .flat_map(|(r, spec)| spec.header_paths().map(move |(under, own)| (r, under, own)))
            .collect();
        let finder = AhoCorasick::new(words.iter().map(|w| w.2))?;
        let owners = words.iter().map(|&(r, under, _)| (r, under.map(str::to_string))).collect();
        Ok(HeaderWords { finder, owners })
    }

    /// True when some word occurs in the cell.
    pub fn any_in(&self, cell: &str) -> bool {
        // Most cells asked are values shorter than any word (`10`, `≥`, `%`),
        // and a search costs more to set up than to run over a short cell.
        cell.len() >= self.finder.min_pattern_len() && self.finder.is_match(cell)
    }

    /// Every occurrence of every word in the cell, overlapping ones too.
    pub fn found_in<'a>(&'a self, cell: &'a str) -> impl Iterator<Item = Named<'a>> + 'a {
        self.finder.find_overlapping_iter(cell).map(|m| {
            let (role, under) = &self.owners[m.pattern().as_usize()];
            Named { role: *role, under: under.as_deref(), start: m.start(), end: m.end() }
        })
    }
}
