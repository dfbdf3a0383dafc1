//! Lexicons: named entities, name parts and trigger words, matched with one
//! multi-pattern automaton over the normalised text.
//!
//! Entries are stored as tab-separated lines `kind surface canonical id`
//! (see `data/curated.tsv`). Surfaces are [normalised](crate::normalize)
//! when the lexicon is built, so one entry matches every spelling variant
//! (أوكرانيا، اوكرانيا، أُوكْرانيا).
//!
//! A match is accepted only on word boundaries: it starts where a token's
//! name starts (after its proclitics: بوتين in وبوتين, الكرملين in
//! بالكرملين) and ends where a token ends.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::analysis::EntityType;
use crate::normalize::{NormOptions, Normalized};
use crate::token::{Token, TokenKind, Vocabulary};

/// What a lexicon entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LexKind {
    /// A name of the given type.
    Name(EntityType),
    /// A title or role that introduces a person (الرئيس، المتحدث باسم).
    Title,
    /// A head word that starts an organisation name (وزارة، صحيفة).
    OrgHead,
}

impl LexKind {
    fn parse(s: &str) -> Option<LexKind> {
        Some(match s {
            "TITLE" => LexKind::Title,
            "ORGHEAD" => LexKind::OrgHead,
            other => LexKind::Name(other.parse().ok()?),
        })
    }
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What the entry is.
    pub kind: LexKind,
    /// Canonical name (usually English), empty for trigger words.
    pub canonical: String,
    /// Stable identifier such as `geonames:524901`, if known.
    pub id: Option<String>,
}

/// A lexicon match in the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexMatch {
    /// Span in the normalised text (bytes).
    pub norm: Range<usize>,
    /// Index of the entry (see [`Lexicon::entry`]).
    pub entry: u32,
}

/// An error in lexicon source data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    line: usize,
    message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "lexicon line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// A compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    automaton: AhoCorasick,
    /// Entry index for every automaton pattern.
    pattern_entry: Vec<u32>,
    entries: Vec<Entry>,
    /// Every normalised word of every entry, for clitic guarding.
    words: HashSet<String>,
}

const CURATED: &str = include_str!("../../data/curated.tsv");

impl Lexicon {
    /// The lexicon shipped with Hamish, built on first use.
    pub fn bundled() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::from_tsv(CURATED).expect("bundled lexicon is valid"))
    }

    /// Builds a lexicon from tab-separated lines `kind surface [canonical
    /// [id]]`; blank lines and lines starting with `#` are ignored.
    pub fn from_tsv(src: &str) -> Result<Lexicon, LexiconError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_entry = Vec::new();
        let mut entries = Vec::new();
        let mut words = HashSet::new();
        let mut seen = HashSet::new();
        for (i, line) in src.lines().enumerate() {
            let line_no = i + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let kind_s = cols.next().unwrap_or_default();
            let kind = LexKind::parse(kind_s).ok_or_else(|| LexiconError {
                line: line_no,
                message: format!("unknown kind {kind_s:?}"),
            })?;
            let surface = cols.next().unwrap_or_default().trim();
            if surface.is_empty() {
                return Err(LexiconError {
                    line: line_no,
                    message: "empty surface".into(),
                });
            }
            let canonical = cols.next().unwrap_or_default().trim().to_owned();
            let id = cols
                .next()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned);
            let norm = normalize_entry(surface);
            if norm.is_empty() {
                continue;
            }
            let entry_idx = entries.len() as u32;
            entries.push(Entry {
                kind,
                canonical,
                id,
            });
            for w in norm.split(' ') {
                words.insert(w.to_owned());
            }
            let mut variants = vec![norm.clone()];
            // الكرملين also matches the article-less form left after the
            // contracted article (للكرملين).
            if let Some(rest) = norm.strip_prefix("ال") {
                if rest.chars().count() >= 3 {
                    variants.push(rest.to_owned());
                }
            }
            for v in variants {
                if seen.insert((v.clone(), kind)) {
                    patterns.push(v);
                    pattern_entry.push(entry_idx);
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| LexiconError {
                line: 0,
                message: e.to_string(),
            })?;
        Ok(Lexicon {
            automaton,
            pattern_entry,
            entries,
            words,
        })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry with index `i` (from [`LexMatch::entry`]).
    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// All matches on word boundaries, possibly overlapping, in order of
    /// start then end.
    pub fn find(&self, norm: &Normalized, tokens: &[Token]) -> Vec<LexMatch> {
        let text = norm.as_str();
        // Word-boundary tables over normalised byte offsets.
        let mut starts = HashSet::with_capacity(tokens.len() * 2);
        let mut ends = HashSet::with_capacity(tokens.len() * 2);
        for t in tokens.iter().filter(|t| t.kind != TokenKind::Punct) {
            starts.insert(t.norm.start);
            starts.insert(t.name_norm().start);
            ends.insert(t.norm.end);
            ends.insert(t.name_norm().end);
        }
        let mut out: Vec<LexMatch> = self
            .automaton
            .find_overlapping_iter(text)
            .filter(|m| starts.contains(&m.start()) && ends.contains(&m.end()))
            .map(|m| LexMatch {
                norm: m.start()..m.end(),
                entry: self.pattern_entry[m.pattern().as_usize()],
            })
            .collect();
        out.sort_by_key(|m| (m.norm.start, m.norm.end));
        out
    }
}

impl Vocabulary for Lexicon {
    fn knows(&self, normalized_word: &str) -> bool {
        self.words.contains(normalized_word)
    }
}

/// Normalises an entry's surface form the way text is normalised, with
/// runs of whitespace collapsed to one space.
fn normalize_entry(surface: &str) -> String {
    let n = Normalized::new(surface, NormOptions::default());
    n.as_str().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn matches(text: &str) -> Vec<(String, String)> {
        let lex = Lexicon::bundled();
        let norm = Normalized::new(text, NormOptions::default());
        let toks = tokenize(&norm, lex);
        lex.find(&norm, &toks)
            .into_iter()
            .map(|m| {
                let e = lex.entry(m.entry);
                (
                    text[norm.to_original(m.norm)].to_owned(),
                    e.canonical.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn finds_names_behind_clitics_not_inside_words() {
        let m = matches("وبوتين في موسكو وبالكرملين، لا موسكوفيا");
        let got: Vec<&str> = m.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(got, ["بوتين", "موسكو", "الكرملين"]);
        assert_eq!(m[1].1, "Moscow");
    }

    #[test]
    fn multiword_and_variants() {
        let m = matches("في حلف شمال الأطلسي وأُوكرانيا");
        let got: Vec<&str> = m.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(got, ["حلف شمال الأطلسي", "أُوكرانيا"]);
    }

    #[test]
    fn bad_source_is_reported_with_line() {
        let err = Lexicon::from_tsv("# c\nPER\tبوتين\nXYZ\tفلان\n").unwrap_err();
        assert_eq!(err.to_string(), "lexicon line 3: unknown kind \"XYZ\"");
        assert!(Lexicon::from_tsv("PER\t\n").is_err());
    }
}
