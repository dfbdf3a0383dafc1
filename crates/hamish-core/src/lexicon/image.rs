//! The compiled lexicon's tables and their binary image.
//!
//! A [`Tables`] holds everything a [`Lexicon`](super::Lexicon) looks up
//! except the automaton: entries, the word table (an open-addressing hash
//! table whose slots are computed when the lexicon is compiled), the
//! one-word name parts of each word, and the distinct automaton patterns
//! with their entries. Strings live back to back in [`Pool`]s.
//!
//! The bundled lexicon ships as an image of these tables
//! (`data/lexicon.bin`, written by `cargo run -p hamish-core --example
//! lexicon_image` from the `.tsv` sources, and checked against them by a
//! test). Loading an image validates it and borrows every string from it:
//! no text is parsed or normalised, no string is allocated and nothing is
//! hashed, so only the automaton remains to be built.
//!
//! # Format
//!
//! The magic `HMLX`, a little-endian `u32` format version, then sections in
//! a fixed order, each one either a byte string (`u32` length, bytes) or an
//! array of numbers (`u32` count, then each number as an unsigned LEB128
//! varint):
//!
//! 1. entry kinds (bytes, one per entry, see [`kind_byte`]);
//! 2. canonical names (pool), 3. ids (pool, empty = none);
//! 4. words (pool): the vocabulary, then one-word surfaces that are not
//!    vocabulary words; 5. how many are vocabulary (numbers, one);
//!    6. vocabulary flags (bytes: 1 = name, 2 = in an entry, 4 = name part);
//!    7. vocabulary frequency classes as runs (numbers, pairs of centibels
//!    + 1, 0 = not a common word, and run length);
//! 8. how many one-word entries each word has (numbers), 9. those entries
//!    (numbers, as zigzag deltas from the previous one: entries of
//!    neighbouring words are often neighbours);
//! 10. patterns (pool), 11. how many entries each pattern has (numbers),
//!     12. those entries.
//!
//! A pool is a byte string of UTF-8 text followed by the byte length of
//! each string (numbers). The word table's slots are not stored: hashing
//! the words once at load is cheaper than reading them.

use std::borrow::Cow;
use std::hash::Hasher;

use super::{Entry, LexKind, LexiconError, WordHasher, WordInfo};
use crate::analysis::EntityType;

const MAGIC: &[u8; 4] = b"HMLX";
const VERSION: u32 = 1;
const EMPTY: u32 = u32::MAX;

/// Strings stored back to back: string `i` is
/// `text[ends[i - 1]..ends[i]]` (from 0 for the first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Pool {
    text: Cow<'static, str>,
    ends: Vec<u32>,
}

impl Pool {
    /// A pool of `strings`, in order.
    pub(crate) fn from_strs<'s>(strings: impl IntoIterator<Item = &'s str>) -> Pool {
        let mut text = String::new();
        let mut ends = Vec::new();
        for s in strings {
            text.push_str(s);
            ends.push(u32::try_from(text.len()).expect("lexicon text under 4 GiB"));
        }
        Pool {
            text: Cow::Owned(text),
            ends,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The byte range of string `i` in `text`.
    fn range(&self, i: usize) -> std::ops::Range<usize> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        start..self.ends[i] as usize
    }

    /// String `i`; validated offsets make this total for `i < len()`.
    pub(crate) fn get(&self, i: usize) -> &str {
        self.text.get(self.range(i)).unwrap_or("")
    }

    /// String `i` with the pool's lifetime when it borrows static data.
    fn get_cow(&self, i: usize) -> Cow<'static, str> {
        match &self.text {
            Cow::Borrowed(t) => Cow::Borrowed(t.get(self.range(i)).unwrap_or("")),
            Cow::Owned(_) => Cow::Owned(self.get(i).to_owned()),
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// Everything the lexicon looks up, except the automaton.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Tables {
    pub(crate) entries: Vec<Entry>,
    /// Every normalised word of every entry and every common word (the
    /// vocabulary), then one-word surfaces looked up only for matching.
    pub(crate) words: Pool,
    /// How many of `words` are the vocabulary.
    pub(crate) vocabulary: usize,
    pub(crate) word_info: Vec<WordInfo>,
    /// Open addressing with linear probing over [`word_hash`]: word indexes,
    /// [`EMPTY`] for a free slot; a power of two long, at most half full.
    pub(crate) word_slots: Vec<u32>,
    /// The one-word name-part entries of word `w`:
    /// `single_entries[single_offs[w]..single_offs[w + 1]]`.
    pub(crate) single_offs: Vec<u32>,
    pub(crate) single_entries: Vec<u32>,
    /// The distinct automaton patterns; pattern `v`'s entries are
    /// `pattern_entries[pattern_offs[v]..pattern_offs[v + 1]]`.
    pub(crate) patterns: Pool,
    pub(crate) pattern_offs: Vec<u32>,
    pub(crate) pattern_entries: Vec<u32>,
}

/// The hash the word table is laid out by (platform independent).
pub(crate) fn word_hash(w: &str) -> u64 {
    let mut h = WordHasher::default();
    h.write(w.as_bytes());
    // Spread the high bits, which the multiply mixes best, into the low ones
    // that pick the slot.
    let x = h.finish();
    x ^ (x >> 29)
}

/// The slots of an open-addressing table over `words`.
pub(crate) fn word_slots(words: &Pool) -> Vec<u32> {
    let size = (words.len() * 2).next_power_of_two().max(8);
    let mask = (size - 1) as u64;
    let mut slots = vec![EMPTY; size];
    for (i, w) in words.iter().enumerate() {
        let mut s = (word_hash(w) & mask) as usize;
        while slots[s] != EMPTY {
            s = (s + 1) & mask as usize;
        }
        slots[s] = i as u32;
    }
    slots
}

impl Tables {
    /// The index of a word, if the table has it.
    pub(crate) fn word_index(&self, w: &str) -> Option<usize> {
        let mask = self.word_slots.len().checked_sub(1)? as u64;
        let mut s = (word_hash(w) & mask) as usize;
        // Validated tables have a free slot, so this ends.
        loop {
            let i = *self.word_slots.get(s)?;
            if i == EMPTY {
                return None;
            }
            if self.words.get(i as usize) == w {
                return Some(i as usize);
            }
            s = (s + 1) & mask as usize;
        }
    }

    /// The one-word name-part entries of word `w`.
    pub(crate) fn single(&self, w: usize) -> &[u32] {
        let (from, to) = (self.single_offs[w], self.single_offs[w + 1]);
        &self.single_entries[from as usize..to as usize]
    }

    /// The entries of automaton pattern `v`.
    pub(crate) fn pattern(&self, v: usize) -> &[u32] {
        let (from, to) = (self.pattern_offs[v], self.pattern_offs[v + 1]);
        &self.pattern_entries[from as usize..to as usize]
    }

    /// The binary image (see the module docs).
    pub(crate) fn to_image(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(1 << 20));
        w.0.extend_from_slice(MAGIC);
        w.u32(VERSION);
        let kinds: Vec<u8> = self.entries.iter().map(|e| kind_byte(e.kind)).collect();
        w.bytes(&kinds);
        w.pool(&Pool::from_strs(self.entries.iter().map(|e| &*e.canonical)));
        w.pool(&Pool::from_strs(
            self.entries.iter().map(|e| e.id.as_deref().unwrap_or("")),
        ));
        w.pool(&self.words);
        w.numbers(std::iter::once(self.vocabulary as u32));
        let flags: Vec<u8> = self.word_info[..self.vocabulary]
            .iter()
            .map(|i| u8::from(i.name) | u8::from(i.in_entry) << 1 | u8::from(i.name_part) << 2)
            .collect();
        w.bytes(&flags);
        let mut runs: Vec<u32> = Vec::new();
        for i in &self.word_info[..self.vocabulary] {
            let c = i.centibels.map_or(0, |c| u32::from(c) + 1);
            match runs.len() {
                n if n >= 2 && runs[n - 2] == c => runs[n - 1] += 1,
                _ => runs.extend([c, 1]),
            }
        }
        w.numbers(runs.into_iter());
        w.numbers(self.single_offs.windows(2).map(|o| o[1] - o[0]));
        let mut last = 0u32;
        w.numbers(self.single_entries.iter().map(|&e| {
            let d = i64::from(e) - i64::from(last);
            last = e;
            (if d >= 0 { d * 2 } else { -d * 2 - 1 }) as u32
        }));
        w.pool(&self.patterns);
        w.numbers(self.pattern_offs.windows(2).map(|o| o[1] - o[0]));
        w.numbers(self.pattern_entries.iter().copied());
        w.0
    }

    /// Reads and validates an image; strings borrow from it when it is
    /// static.
    pub(crate) fn from_image(image: Cow<'static, [u8]>) -> Result<Tables, LexiconError> {
        let statik = match image {
            Cow::Borrowed(b) => Some(b),
            Cow::Owned(_) => None,
        };
        let mut r = Reader {
            image: &image,
            pos: 0,
        };
        if r.take(4)? != MAGIC {
            return Err(bad("not a Hamish lexicon image"));
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(bad(&format!(
                "version {version}, this build reads version {VERSION}"
            )));
        }
        let kinds = r.bytes()?;
        let canonical = r.pool(statik)?;
        let ids = r.pool(statik)?;
        if canonical.len() != kinds.len() || ids.len() != kinds.len() {
            return Err(bad("entry columns differ in length"));
        }
        let mut entries = Vec::with_capacity(kinds.len());
        for (i, &k) in kinds.iter().enumerate() {
            let id = ids.get_cow(i);
            entries.push(Entry {
                kind: kind_from_byte(k).ok_or_else(|| bad("unknown entry kind"))?,
                canonical: canonical.get_cow(i),
                id: (!id.is_empty()).then_some(id),
            });
        }
        let words = r.pool(statik)?;
        let vocabulary = match r.numbers()?[..] {
            [n] if n as usize <= words.len() => n as usize,
            _ => return Err(bad("malformed word table")),
        };
        let flags = r.bytes()?;
        let runs = r.numbers()?;
        if flags.len() != vocabulary || runs.len() % 2 != 0 {
            return Err(bad("malformed word table"));
        }
        let mut word_info = Vec::with_capacity(words.len());
        let mut flags = flags.iter();
        for run in runs.chunks_exact(2) {
            let centibels = match run[0] {
                0 => None,
                c => Some(u16::try_from(c - 1).map_err(|_| bad("frequency class out of range"))?),
            };
            for _ in 0..run[1] {
                let f = flags.next().ok_or_else(|| bad("malformed word table"))?;
                word_info.push(WordInfo {
                    centibels,
                    name: f & 1 != 0,
                    in_entry: f & 2 != 0,
                    name_part: f & 4 != 0,
                });
            }
        }
        if word_info.len() != vocabulary {
            return Err(bad("malformed word table"));
        }
        word_info.resize(words.len(), WordInfo::default());
        let single_offs = r.offsets()?;
        let mut single_entries = r.numbers()?;
        let mut last = 0i64;
        for e in &mut single_entries {
            let d = i64::from(*e >> 1) ^ -i64::from(*e & 1);
            last += d;
            *e = u32::try_from(last).map_err(|_| bad("malformed index ranges"))?;
        }
        check_ranges(&single_offs, words.len(), &single_entries, entries.len())?;
        let patterns = r.pool(statik)?;
        let pattern_offs = r.offsets()?;
        let pattern_entries = r.numbers()?;
        check_ranges(
            &pattern_offs,
            patterns.len(),
            &pattern_entries,
            entries.len(),
        )?;
        if r.pos != image.len() {
            return Err(bad("trailing bytes"));
        }
        Ok(Tables {
            entries,
            word_slots: word_slots(&words),
            words,
            vocabulary,
            word_info,
            single_offs,
            single_entries,
            patterns,
            pattern_offs,
            pattern_entries,
        })
    }
}

/// `offs` has `n + 1` ascending offsets into `values`, and every value is
/// below `limit`.
fn check_ranges(offs: &[u32], n: usize, values: &[u32], limit: usize) -> Result<(), LexiconError> {
    let ok = offs.len() == n + 1
        && offs.first() == Some(&0)
        && offs.windows(2).all(|w| w[0] <= w[1])
        && offs.last().map(|&l| l as usize) == Some(values.len())
        && values.iter().all(|&v| (v as usize) < limit);
    if ok {
        Ok(())
    } else {
        Err(bad("malformed index ranges"))
    }
}

fn utf8(b: &[u8]) -> Result<&str, LexiconError> {
    std::str::from_utf8(b).map_err(|_| bad("text is not UTF-8"))
}

fn bad(message: &str) -> LexiconError {
    LexiconError {
        source: "lexicon image".to_owned(),
        line: 0,
        message: message.to_owned(),
    }
}

/// The byte a kind is stored as: the position of its entity type in
/// [`EntityType::ALL`] for names, then 100 + the other kinds.
pub(crate) fn kind_byte(kind: LexKind) -> u8 {
    match kind {
        LexKind::Name(t) => EntityType::ALL
            .iter()
            .position(|&x| x == t)
            .expect("every type is in ALL") as u8,
        LexKind::Title => 100,
        LexKind::OrgHead => 101,
        LexKind::LocHead => 102,
        LexKind::GivenName => 103,
        LexKind::FamilyName => 104,
    }
}

fn kind_from_byte(b: u8) -> Option<LexKind> {
    Some(match b {
        100 => LexKind::Title,
        101 => LexKind::OrgHead,
        102 => LexKind::LocHead,
        103 => LexKind::GivenName,
        104 => LexKind::FamilyName,
        _ => LexKind::Name(*EntityType::ALL.get(usize::from(b))?),
    })
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("lexicon image under 4 GiB"));
    }

    fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }

    fn numbers(&mut self, v: impl ExactSizeIterator<Item = u32>) {
        self.len(v.len());
        for mut x in v {
            while x >= 0x80 {
                self.0.push(x as u8 | 0x80);
                x >>= 7;
            }
            self.0.push(x as u8);
        }
    }

    fn pool(&mut self, p: &Pool) {
        self.bytes(p.text.as_bytes());
        let mut last = 0;
        self.numbers(p.ends.iter().map(|&e| {
            let len = e - last;
            last = e;
            len
        }));
    }
}

struct Reader<'i> {
    image: &'i [u8],
    pos: usize,
}

impl<'i> Reader<'i> {
    fn take(&mut self, n: usize) -> Result<&'i [u8], LexiconError> {
        let out = self
            .pos
            .checked_add(n)
            .and_then(|end| self.image.get(self.pos..end))
            .ok_or_else(|| bad("truncated"))?;
        self.pos += n;
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, LexiconError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn bytes(&mut self) -> Result<&'i [u8], LexiconError> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    fn numbers(&mut self) -> Result<Vec<u32>, LexiconError> {
        let n = self.u32()? as usize;
        // Every number takes at least a byte: a bound before allocating.
        if n > self.image.len() - self.pos {
            return Err(bad("truncated"));
        }
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let mut x = 0u32;
            let mut shift = 0;
            loop {
                let b = *self.image.get(self.pos).ok_or_else(|| bad("truncated"))?;
                self.pos += 1;
                if shift == 28 && b > 0x0f {
                    return Err(bad("number out of range"));
                }
                x |= u32::from(b & 0x7f) << shift;
                if b < 0x80 {
                    break;
                }
                shift += 7;
            }
            out.push(x);
        }
        Ok(out)
    }

    /// Counts, read back as the offsets they delimit (one more, from 0).
    fn offsets(&mut self) -> Result<Vec<u32>, LexiconError> {
        let counts = self.numbers()?;
        let mut offs = Vec::with_capacity(counts.len() + 1);
        let mut total = 0u32;
        offs.push(0);
        for c in counts {
            total = total
                .checked_add(c)
                .ok_or_else(|| bad("number out of range"))?;
            offs.push(total);
        }
        Ok(offs)
    }

    /// A pool whose text borrows from the image when that is `statik`
    /// (the same bytes, with a static lifetime).
    fn pool(&mut self, statik: Option<&'static [u8]>) -> Result<Pool, LexiconError> {
        let start = self.pos + 4;
        let raw = self.bytes()?;
        let text: Cow<'static, str> = match statik {
            Some(all) => Cow::Borrowed(utf8(&all[start..start + raw.len()])?),
            None => Cow::Owned(utf8(raw)?.to_owned()),
        };
        let mut ends = self.offsets()?;
        ends.remove(0);
        let ok = ends
            .last()
            .map_or(text.is_empty(), |&l| l as usize == text.len())
            && ends.iter().all(|&e| text.is_char_boundary(e as usize));
        if !ok {
            return Err(bad("malformed string pool"));
        }
        Ok(Pool { text, ends })
    }
}
