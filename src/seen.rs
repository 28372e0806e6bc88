//! The first input of each content id, which the writer keeps for every
//! report of a run to drop repeated files: the one thing it holds per
//! report besides the input list, so it is packed. A `HashMap<u64, usize>`
//! took 28 bytes a report at its load factor (0.56 MB at 20,000 reports,
//! 8.9 MB at 300,000) and twice that while it grew; this takes 12, sized
//! once for the run's inputs.

/// Ids recorded since the last merge, searched one by one: few enough that
/// a scan is cheap, enough that merging, which moves every merged id, is
/// rare (at 300,000 reports about 300 merges moving some 0.5 GB in all,
/// against the 18 GB of text such a run reads).
const RECENT: usize = 1024;

/// A set of ids, each with the input that first had it.
#[derive(Debug, Default)]
pub struct Seen {
    /// Merged ids, sorted, and beside each the input that first had it.
    ids: Vec<u64>,
    firsts: Vec<u32>,
    /// Ids not merged yet, in the order they came.
    recent: Vec<(u64, u32)>,
}

impl Seen {
    /// Room for `inputs` ids, taken at once: grown by doubling, the old and
    /// the new arrays would both be live at each step.
    pub fn with_capacity(inputs: usize) -> Self {
        Seen {
            ids: Vec::with_capacity(inputs),
            firsts: Vec::with_capacity(inputs),
            recent: Vec::with_capacity(RECENT.min(inputs)),
        }
    }

    /// The input that first had `id`, or `None` after recording `input` as
    /// the first. Inputs past `u32::MAX` (more than a run can list) are
    /// compared with earlier ones but not recorded.
    pub fn first_or_insert(&mut self, id: u64, input: usize) -> Option<usize> {
        if let Some(first) = self.first(id) {
            return Some(first);
        }
        let Ok(input) = u32::try_from(input) else { return None };
        self.recent.push((id, input));
        if self.recent.len() >= RECENT {
            self.merge();
        }
        None
    }

    fn first(&self, id: u64) -> Option<usize> {
        let merged = self.ids.binary_search(&id).ok().map(|i| self.firsts[i]);
        let recent = || self.recent.iter().find(|(r, _)| *r == id).map(|&(_, first)| first);
        merged.or_else(recent).map(|first| first as usize)
    }

    /// Moves the recent ids into the sorted ones, from the back, in place.
    fn merge(&mut self) {
        self.recent.sort_unstable_by_key(|&(id, _)| id);
        let (old, new) = (self.ids.len(), self.recent.len());
        self.ids.resize(old + new, 0);
        self.firsts.resize(old + new, 0);
        let (mut i, mut j) = (old, new);
        for k in (0..old + new).rev() {
            if j == 0 {
                break; // the merged ids below are in place already
            }
            if i > 0 && self.ids[i - 1] > self.recent[j - 1].0 {
                i -= 1;
                (self.ids[k], self.firsts[k]) = (self.ids[i], self.firsts[i]);
            } else {
                j -= 1;
                (self.ids[k], self.firsts[k]) = self.recent[j];
            }
        }
        self.recent.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    #[test]
    fn the_first_input_of_an_id_is_kept_across_merges() {
        let mut seen = Seen::with_capacity(3 * RECENT);
        for n in 0..3 * RECENT {
            assert_eq!(seen.first_or_insert(n as u64 * 7919 % 3001, n), (n >= 3001).then(|| n - 3001));
        }
        assert_eq!(seen.first_or_insert(0, 5000), Some(0));
        assert_eq!(seen.first_or_insert(7919 % 3001, 5001), Some(1));
    }

    proptest! {
        #[test]
        fn it_answers_as_a_hash_map_does(ids in prop::collection::vec(0u64..3000, 0..5000)) {
            let (mut seen, mut map) = (Seen::default(), HashMap::new());
            for (n, &id) in ids.iter().enumerate() {
                let expected = map.get(&id).copied();
                map.entry(id).or_insert(n);
                prop_assert_eq!(seen.first_or_insert(id, n), expected);
            }
        }
    }
}
