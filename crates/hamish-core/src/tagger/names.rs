//! The model's name list: word forms seen inside names in the training
//! data, with the types they were seen as.
//!
//! A form's mask has bit `k` (k = 0..4 for PER, ORG, LOC, MISC) when at
//! least half of its occurrences in the training data were inside a name
//! of that type, and bit 4 when it occurred inside a name less often than
//! that (an ambiguous form). Forms are stored as 32-bit hashes, sorted, so
//! the list is compact and lookups are a binary search.

use std::collections::BTreeMap;

/// Bit for "seen inside a name, but mostly outside".
pub const AMBIGUOUS: u8 = 1 << 4;

/// A sorted list of (form hash, type mask).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameList {
    entries: Vec<(u32, u8)>,
}

fn fold(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

impl NameList {
    /// The empty list.
    pub fn new() -> Self {
        NameList::default()
    }

    /// Builds the list from counts: for each form hash, occurrences inside
    /// names per type and occurrences overall.
    pub fn from_counts(counts: &BTreeMap<u64, ([u32; 4], u32)>) -> Self {
        let mut entries: Vec<(u32, u8)> = Vec::new();
        for (&h, &(per_type, total)) in counts {
            let inside: u32 = per_type.iter().sum();
            if inside == 0 {
                continue;
            }
            let mut mask = 0u8;
            for (k, &c) in per_type.iter().enumerate() {
                if c > 0 && c * 2 >= total {
                    mask |= 1 << k;
                }
            }
            if mask == 0 {
                mask = AMBIGUOUS;
            }
            entries.push((fold(h), mask));
        }
        entries.sort_unstable();
        // Fold collisions: merge masks.
        let mut merged: Vec<(u32, u8)> = Vec::with_capacity(entries.len());
        for (k, m) in entries {
            match merged.last_mut() {
                Some(last) if last.0 == k => last.1 |= m,
                _ => merged.push((k, m)),
            }
        }
        NameList { entries: merged }
    }

    /// Builds from already sorted, unique entries (the model loader).
    pub(crate) fn from_sorted(entries: Vec<(u32, u8)>) -> Option<Self> {
        if entries.windows(2).all(|w| w[0].0 < w[1].0) {
            Some(NameList { entries })
        } else {
            None
        }
    }

    /// The mask of the form with FNV hash `h` (0 when unknown).
    pub fn get(&self, h: u64) -> u8 {
        let k = fold(h);
        match self.entries.binary_search_by_key(&k, |e| e.0) {
            Ok(i) => self.entries[i].1,
            Err(_) => 0,
        }
    }

    /// The entries, sorted by hash.
    pub fn entries(&self) -> &[(u32, u8)] {
        &self.entries
    }

    /// Number of forms.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::hash::fnv;

    #[test]
    fn masks_from_counts() {
        let mut c = BTreeMap::new();
        c.insert(fnv("بوتين"), ([5, 0, 0, 0], 5));
        c.insert(fnv("الامن"), ([0, 1, 0, 0], 9));
        c.insert(fnv("في"), ([0, 0, 0, 0], 100));
        let l = NameList::from_counts(&c);
        assert_eq!(l.get(fnv("بوتين")), 1);
        assert_eq!(l.get(fnv("الامن")), AMBIGUOUS);
        assert_eq!(l.get(fnv("في")), 0);
        assert_eq!(l.len(), 2);
    }
}
