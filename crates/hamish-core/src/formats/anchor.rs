//! Placing imported annotations on the current text: exact position, else
//! quote search scored by context, else orphan. See the module docs of
//! [`formats`](super) for the policy.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{ImportResult, Orphan, OrphanReason, Record, MAX_CANDIDATES};
use crate::normalize::{NormOptions, Normalized};
use crate::offsets::OffsetMap;

/// The unit of the offsets a file gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Unicode code points.
    CodePoint,
    /// UTF-16 code units.
    Utf16,
    /// UTF-8 bytes.
    Utf8,
}

/// One annotation read from a file, not yet placed.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    /// Everything but the span (for `exact` items, the span too).
    pub(crate) record: Record,
    /// The annotated text according to the file; `None` when it does not
    /// say (never `Some("")`).
    pub(crate) quote: Option<String>,
    /// Text before the quote according to the file.
    pub(crate) prefix: String,
    /// Text after the quote according to the file.
    pub(crate) suffix: String,
    /// The recorded span, in the file's unit; `start < end`.
    pub(crate) hint: Option<(usize, usize)>,
    /// Whether `record.start..record.end` is already a byte span of the
    /// current text (CoNLL alignment), to be taken as is.
    pub(crate) exact: bool,
    /// Where it comes from in the file, for messages.
    pub(crate) origin: String,
}

/// How one item ended up.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    Placed {
        start: usize,
        end: usize,
        moved: bool,
    },
    Orphan(Reason),
}

/// An orphan reason before placed indices are known.
#[derive(Debug, Clone, Copy)]
enum Reason {
    NotFound,
    OutOfRange,
    AllTaken,
    /// Overlaps the item with this file index.
    Overlaps(usize),
}

/// Non-overlapping claimed spans: start → (end, item).
#[derive(Default)]
struct Occupied(BTreeMap<usize, (usize, usize)>);

impl Occupied {
    /// The item whose span overlaps `s..e`, if any.
    fn conflict(&self, s: usize, e: usize) -> Option<usize> {
        // Spans are disjoint, so the one starting last before `e` also ends
        // last among those starting before `e`.
        let (_, &(end, item)) = self.0.range(..e).next_back()?;
        (end > s).then_some(item)
    }

    fn claim(&mut self, s: usize, e: usize, item: usize) {
        self.0.insert(s, (e, item));
    }
}

/// Places `items` on `text`.
pub(crate) fn place(text: &str, unit: Unit, items: Vec<Pending>) -> ImportResult {
    let map = OffsetMap::new(text);
    let to_byte = |o: usize| -> Option<usize> {
        match unit {
            Unit::CodePoint => map.char_to_byte(o),
            Unit::Utf16 => map.utf16_to_byte(o),
            Unit::Utf8 => (o <= text.len() && text.is_char_boundary(o)).then_some(o),
        }
    };
    let len_in_unit = match unit {
        Unit::CodePoint => map.len_chars(),
        Unit::Utf16 => map.len_utf16(),
        Unit::Utf8 => text.len(),
    };
    let mut occupied = Occupied::default();
    let mut outcome: Vec<Option<Outcome>> = vec![None; items.len()];
    let mut to_search: Vec<usize> = Vec::new();

    // 1. Exact positions.
    for (i, it) in items.iter().enumerate() {
        let span = if it.exact {
            Some((it.record.start, it.record.end))
        } else {
            it.hint
                .and_then(|(s, e)| Some((to_byte(s)?, to_byte(e)?)))
                .filter(|(s, e)| s < e)
                .filter(|&(s, e)| {
                    // The quote is there and so is all of its recorded
                    // context; otherwise (a short quote that happens to
                    // match at a shifted position, an edit nearby) the
                    // position is only the tie-breaker of a search.
                    it.quote.as_deref().is_none_or(|q| {
                        &text[s..e] == q
                            && text[..s].ends_with(it.prefix.as_str())
                            && text[e..].starts_with(it.suffix.as_str())
                    })
                })
        };
        match (span, &it.quote) {
            (Some((s, e)), _) => {
                outcome[i] = Some(match occupied.conflict(s, e) {
                    Some(other) => Outcome::Orphan(Reason::Overlaps(other)),
                    None => {
                        occupied.claim(s, e, i);
                        Outcome::Placed {
                            start: s,
                            end: e,
                            moved: false,
                        }
                    }
                });
            }
            (None, Some(_)) => to_search.push(i),
            (None, None) => outcome[i] = Some(Outcome::Orphan(Reason::OutOfRange)),
        }
    }

    // 2. Quote search.
    if !to_search.is_empty() {
        let found = Occurrences::find(text, &items, &to_search);
        // Best context first, so that the annotation that fits an
        // occurrence best gets it; file order among equals.
        let mut order: Vec<(usize, usize)> = to_search
            .iter()
            .map(|&i| {
                let best = found
                    .best(&items[i], &map, text, |_, _| true)
                    .map_or(0, |c| c.context);
                (best, i)
            })
            .collect();
        order.sort_by_key(|&(best, i)| (std::cmp::Reverse(best), i));
        for (_, i) in order {
            let it = &items[i];
            let hint_bytes = it.hint.and_then(|(s, e)| Some((to_byte(s)?, to_byte(e)?)));
            let any = found.has_any(it);
            let free = found.best(it, &map, text, |s, e| occupied.conflict(s, e).is_none());
            outcome[i] = Some(match free {
                Some(c) => {
                    occupied.claim(c.start, c.end, i);
                    Outcome::Placed {
                        start: c.start,
                        end: c.end,
                        moved: hint_bytes != Some((c.start, c.end)),
                    }
                }
                None if any => Outcome::Orphan(Reason::AllTaken),
                None => Outcome::Orphan(Reason::NotFound),
            });
        }
    }

    // 3. Assemble: placed sorted by position, orphans in file order.
    let mut placed_items: Vec<(usize, usize, usize, bool)> = Vec::new();
    for (i, o) in outcome.iter().enumerate() {
        if let Some(Outcome::Placed { start, end, moved }) = *o {
            placed_items.push((start, end, i, moved));
        }
    }
    placed_items.sort_unstable();
    let mut placed_index: HashMap<usize, usize> = HashMap::with_capacity(placed_items.len());
    let mut result = ImportResult::default();
    let mut items: Vec<Option<Pending>> = items.into_iter().map(Some).collect();
    for (k, &(start, end, i, moved)) in placed_items.iter().enumerate() {
        placed_index.insert(i, k);
        let mut r = items[i].take().map(|p| p.record).expect("each item once");
        r.start = start;
        r.end = end;
        result.placed.push(r);
        if moved {
            result.relocated.push(k);
        }
    }
    for (i, o) in outcome.iter().enumerate() {
        let Some(Outcome::Orphan(reason)) = *o else {
            continue;
        };
        let p = items[i].take().expect("each item once");
        let reason = match reason {
            Reason::NotFound => OrphanReason::QuoteNotFound,
            Reason::OutOfRange => OrphanReason::PositionOutOfRange {
                text_len: len_in_unit,
            },
            Reason::AllTaken => OrphanReason::AllOccurrencesTaken,
            Reason::Overlaps(other) => OrphanReason::Overlaps {
                placed: placed_index[&other],
            },
        };
        let mut record = p.record;
        record.start = 0;
        record.end = 0;
        result.orphaned.push(Orphan {
            record,
            quote: p.quote.unwrap_or_default(),
            prefix: p.prefix,
            suffix: p.suffix,
            old_span: p.hint.map(|(s, e)| s..e),
            origin: p.origin,
            reason,
        });
    }
    if !result.relocated.is_empty() {
        result.warnings.push(format!(
            "{} annotation(s) were not at their recorded position (the text has changed?) \
             and were placed where their text occurs",
            result.relocated.len()
        ));
    }
    if !result.orphaned.is_empty() {
        result.warnings.push(format!(
            "{} annotation(s) could not be placed and are listed for you to place or discard",
            result.orphaned.len()
        ));
    }
    result
}

/// A scored occurrence.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    /// Code points of matching context (prefix side + suffix side).
    context: usize,
    /// Distance in code points from the old position.
    distance: usize,
}

/// Every occurrence of every searched quote.
struct Occurrences {
    /// Quote → sorted byte spans where it occurs (exactly, or after
    /// normalisation when it never occurs exactly).
    spans: HashMap<String, Vec<(usize, usize)>>,
}

impl Occurrences {
    fn find(text: &str, items: &[Pending], which: &[usize]) -> Occurrences {
        let mut quotes: Vec<&str> = which
            .iter()
            .filter_map(|&i| items[i].quote.as_deref())
            .collect();
        quotes.sort_unstable();
        quotes.dedup();
        let mut spans: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (q, found) in quotes.iter().zip(search(text, &quotes)) {
            spans.insert((*q).to_owned(), found);
        }
        // Tolerant second pass for quotes that never occur exactly.
        let missing: Vec<&str> = quotes
            .iter()
            .copied()
            .filter(|q| spans[*q].is_empty())
            .collect();
        if !missing.is_empty() {
            let norm = Normalized::new(text, NormOptions::default());
            let nq: Vec<String> = missing
                .iter()
                .map(|q| {
                    Normalized::new(q, NormOptions::default())
                        .as_str()
                        .to_owned()
                })
                .collect();
            let mut distinct: Vec<&str> = nq
                .iter()
                .map(String::as_str)
                .filter(|q| !q.is_empty())
                .collect();
            distinct.sort_unstable();
            distinct.dedup();
            let found: HashMap<&str, Vec<(usize, usize)>> = distinct
                .iter()
                .copied()
                .zip(search(norm.as_str(), &distinct))
                .collect();
            for (q, n) in missing.iter().zip(&nq) {
                if let Some(list) = found.get(n.as_str()) {
                    let mut orig: Vec<(usize, usize)> = list
                        .iter()
                        .map(|&(s, e)| {
                            let r = norm.to_original(s..e);
                            (r.start, r.end)
                        })
                        .filter(|(s, e)| s < e)
                        .collect();
                    orig.sort_unstable();
                    orig.dedup();
                    spans.insert((*q).to_owned(), orig);
                }
            }
        }
        Occurrences { spans }
    }

    /// Whether `it`'s quote occurs at all.
    fn has_any(&self, it: &Pending) -> bool {
        it.quote
            .as_deref()
            .and_then(|q| self.spans.get(q))
            .is_some_and(|l| !l.is_empty())
    }

    /// The best occurrence of `it`'s quote among those `allowed`: most
    /// context, then nearest the old position, then first. Looks at most
    /// at [`MAX_CANDIDATES`] occurrences, nearest first, and stops early at
    /// one whose context matches in full (nothing further can beat it).
    fn best(
        &self,
        it: &Pending,
        map: &OffsetMap,
        text: &str,
        allowed: impl Fn(usize, usize) -> bool,
    ) -> Option<Candidate> {
        let list = it.quote.as_deref().and_then(|q| self.spans.get(q))?;
        let full = it.prefix.chars().count() + it.suffix.chars().count();
        let old_char = it.hint.map(|(s, _)| s);
        let score = |&(s, e): &(usize, usize)| {
            let at = map.byte_to_char(s).unwrap_or(0);
            Candidate {
                start: s,
                end: e,
                context: common_suffix_chars(&it.prefix, &text[..s])
                    + common_prefix_chars(&it.suffix, &text[e..]),
                distance: old_char.map_or(at, |c| at.abs_diff(c)),
            }
        };
        let better = |a: &Candidate, b: &Candidate| {
            (std::cmp::Reverse(a.context), a.distance, a.start)
                < (std::cmp::Reverse(b.context), b.distance, b.start)
        };
        let mut best: Option<Candidate> = None;
        let mut consider = |occ: &(usize, usize)| -> bool {
            if !allowed(occ.0, occ.1) {
                return false;
            }
            let c = score(occ);
            if best.as_ref().is_none_or(|b| better(&c, b)) {
                best = Some(c);
            }
            c.context == full
        };
        match old_char {
            // Nearest first: walk outwards from the old position.
            Some(c) => {
                let b = map
                    .char_to_byte(c.min(map.len_chars()))
                    .unwrap_or(text.len());
                let mid = list.partition_point(|&(s, _)| s < b);
                let (mut lo, mut hi) = (mid, mid); // next: list[lo - 1], list[hi]
                let dist = |k: usize| map.byte_to_char(list[k].0).unwrap_or(0).abs_diff(c);
                for _ in 0..MAX_CANDIDATES {
                    let take_lo = match (lo > 0, hi < list.len()) {
                        (true, true) => dist(lo - 1) <= dist(hi),
                        (true, false) => true,
                        (false, true) => false,
                        (false, false) => break,
                    };
                    let k = if take_lo {
                        lo -= 1;
                        lo
                    } else {
                        hi += 1;
                        hi - 1
                    };
                    if consider(&list[k]) {
                        break;
                    }
                }
            }
            None => {
                for occ in list.iter().take(MAX_CANDIDATES) {
                    if consider(occ) {
                        break;
                    }
                }
            }
        }
        best
    }
}

/// All (overlapping) occurrences of each pattern in `haystack`, as sorted
/// byte spans, in pattern order. One automaton pass.
fn search(haystack: &str, patterns: &[&str]) -> Vec<Vec<(usize, usize)>> {
    let mut out = vec![Vec::new(); patterns.len()];
    let nonempty: Vec<usize> = (0..patterns.len())
        .filter(|&i| !patterns[i].is_empty())
        .collect();
    if nonempty.is_empty() {
        return out;
    }
    let ac: AhoCorasick = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(nonempty.iter().map(|&i| patterns[i]))
        .expect("patterns of a bounded total size always compile");
    for m in ac.find_overlapping_iter(haystack) {
        out[nonempty[m.pattern().as_usize()]].push((m.start(), m.end()));
    }
    for list in &mut out {
        // Reported by end; one length per pattern, so also by start.
        list.sort_unstable();
    }
    out
}

/// Number of whole code points `a` and `b` share at their ends.
fn common_suffix_chars(a: &str, b: &str) -> usize {
    let n = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut from = a.len() - n;
    while !a.is_char_boundary(from) {
        from += 1;
    }
    a[from..].chars().count()
}

/// Number of whole code points `a` and `b` share at their starts.
fn common_prefix_chars(a: &str, b: &str) -> usize {
    let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut to = n;
    while !a.is_char_boundary(to) {
        to -= 1;
    }
    a[..to].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::EntityType;

    fn pending(quote: &str, prefix: &str, suffix: &str, hint: Option<(usize, usize)>) -> Pending {
        Pending {
            record: Record::new(0, 0, EntityType::Per),
            quote: Some(quote.to_owned()),
            prefix: prefix.to_owned(),
            suffix: suffix.to_owned(),
            hint,
            exact: false,
            origin: String::new(),
        }
    }

    #[test]
    fn common_affixes_count_whole_code_points() {
        assert_eq!(common_prefix_chars("abc", "abd"), 2);
        assert_eq!(common_suffix_chars("xbc", "abc"), 2);
        // ب (D8 A8) and ت (D8 AA) share a first byte but no code point.
        assert_eq!(common_prefix_chars("ب", "ت"), 0);
        assert_eq!(common_suffix_chars("بب", "تب"), 1);
        assert_eq!(common_prefix_chars("", "x"), 0);
        assert_eq!(common_suffix_chars("😀", "😀"), 1);
    }

    #[test]
    fn exact_position_wins_then_context_then_nearness() {
        let text = "قال بوتين. ثم قال بوتين أمس.";
        // Recorded at the second occurrence, text unchanged.
        let second = text.rfind("بوتين").unwrap();
        let c2 = text[..second].chars().count();
        let r = place(
            text,
            Unit::CodePoint,
            vec![pending("بوتين", "", "", Some((c2, c2 + 5)))],
        );
        assert_eq!(r.placed[0].start, second);
        assert!(r.relocated.is_empty());
        // Position wrong, context says "the one before أمس".
        let r = place(
            text,
            Unit::CodePoint,
            vec![pending("بوتين", "ثم قال ", " أمس", Some((0, 5)))],
        );
        assert_eq!(r.placed[0].start, second);
        assert_eq!(r.relocated, [0]);
        // No context: nearest to the old position.
        let r = place(
            text,
            Unit::CodePoint,
            vec![pending("بوتين", "", "", Some((c2 + 3, c2 + 8)))],
        );
        assert_eq!(r.placed[0].start, second);
        let r = place(text, Unit::CodePoint, vec![pending("بوتين", "", "", None)]);
        assert_eq!(r.placed[0].start, text.find("بوتين").unwrap());
    }

    #[test]
    fn duplicates_take_distinct_occurrences_and_the_rest_are_orphans() {
        let text = "a X b X c";
        let r = place(
            text,
            Unit::CodePoint,
            vec![
                pending("X", "", "", None),
                pending("X", "", "", None),
                pending("X", "", "", None),
                pending("Y", "", "", None),
            ],
        );
        let spans: Vec<_> = r.placed.iter().map(|r| (r.start, r.end)).collect();
        assert_eq!(spans, [(2, 3), (6, 7)]);
        assert_eq!(r.orphaned[0].reason, OrphanReason::AllOccurrencesTaken);
        assert_eq!(r.orphaned[1].reason, OrphanReason::QuoteNotFound);
        assert_eq!(r.warnings.len(), 2);
    }

    #[test]
    fn normalised_search_lands_on_original_boundaries() {
        // The text gained tashkeel and a hamza since the file was written.
        let text = "قال بُوتِينُ إنّ أوكرانيا";
        let r = place(
            text,
            Unit::CodePoint,
            vec![
                pending("بوتين", "قال ", "", None),
                pending("اوكرانيا", "", "", None),
            ],
        );
        assert_eq!(&text[r.placed[0].range()], "بُوتِينُ");
        assert_eq!(&text[r.placed[1].range()], "أوكرانيا");
    }

    #[test]
    fn overlapping_exact_spans_orphan_the_later() {
        let text = "فلاديمير بوتين";
        let mut a = pending("فلاديمير بوتين", "", "", Some((0, 14)));
        a.record.kind = EntityType::Per;
        let b = pending("بوتين", "", "", Some((9, 14)));
        let r = place(text, Unit::CodePoint, vec![a, b]);
        assert_eq!(r.placed.len(), 1);
        assert_eq!(r.orphaned[0].reason, OrphanReason::Overlaps { placed: 0 });
        assert_eq!(r.orphaned[0].old_span, Some(9..14));
        assert_eq!(
            r.orphaned[0].reason.to_string(),
            "it overlaps imported annotation #1"
        );
    }

    #[test]
    fn position_only_items() {
        let text = "a😀b";
        let mut p = pending("", "", "", Some((1, 2)));
        p.quote = None;
        let mut far = p.clone();
        far.hint = Some((5, 9));
        let mut utf16 = p.clone();
        utf16.hint = Some((1, 3));
        let r = place(text, Unit::CodePoint, vec![p.clone(), far]);
        assert_eq!(&text[r.placed[0].range()], "😀");
        assert_eq!(
            r.orphaned[0].reason,
            OrphanReason::PositionOutOfRange { text_len: 3 }
        );
        let r = place(text, Unit::Utf16, vec![utf16]);
        assert_eq!(&text[r.placed[0].range()], "😀");
        // Between the surrogate halves: not a boundary.
        let mut mid = p;
        mid.hint = Some((2, 3));
        let r = place(text, Unit::Utf16, vec![mid]);
        assert_eq!(r.placed.len(), 0);
    }

    #[test]
    fn many_occurrences_are_windowed_near_the_old_position() {
        let text = "x ".repeat(5000);
        let target = 4000; // the 4000th x is at char 8000
        let r = place(
            &text,
            Unit::CodePoint,
            vec![pending("x", "", "", Some((2 * target + 1, 2 * target + 2)))],
        );
        assert_eq!(r.placed[0].start, 2 * target);
    }
}
