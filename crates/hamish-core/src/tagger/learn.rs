//! Learning from the reader's corrections.
//!
//! Two memories, both serialisable with serde (JSON in the widget's local
//! storage) and loadable back:
//!
//! * the model's [learned weights](super::Learned): gradient steps of the
//!   CRF's log-likelihood on the tokens of the corrected sentence the
//!   reader decided, repeated until the model tags them as the reader said
//!   and is sure of it (see [`super::Model::learn_sentence`]), so the
//!   correction generalises to other mentions and other documents through
//!   the same features (mostly the word and its stem, a little its
//!   context; never the tag transitions, which one-sided corrections would
//!   tip towards names everywhere);
//! * the [`ReaderLexicon`]: the names the reader accepted or added (with
//!   their type) and the spans they rejected. The analyser applies it with
//!   [`Source::Reader`](crate::Source::Reader) priority: an accepted name
//!   is marked wherever it occurs (unless it is a function word, see the
//!   analyser's evidence policy), a rejected span is never marked.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::analysis::EntityType;
use crate::normalize::{NormOptions, Normalized};
use crate::token::{Token, TokenKind};

/// One decision of the reader on a span of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderSpan {
    /// Start, in UTF-8 bytes of the text.
    pub start: usize,
    /// End (exclusive), in UTF-8 bytes.
    pub end: usize,
    /// The type the reader gave, or `None` for "this is not a name".
    #[serde(with = "kind_code")]
    pub kind: Option<EntityType>,
}

/// A corrected sentence or paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Correction {
    /// The reader's decisions.
    pub spans: Vec<ReaderSpan>,
    /// Whether `spans` lists every name of the text (everything else is not
    /// a name). When `false`, the rest keeps what the analyser predicted.
    #[serde(default)]
    pub complete: bool,
}

mod kind_code {
    use super::EntityType;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(k: &Option<EntityType>, s: S) -> Result<S::Ok, S::Error> {
        match k {
            Some(k) => s.serialize_some(k.code()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<EntityType>, D::Error> {
        let v: Option<String> = Option::deserialize(d)?;
        match v {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(serde::de::Error::custom),
        }
    }
}

/// A reader decision stored in the [`ReaderLexicon`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderEntry {
    /// The normalised surface (words separated by one space).
    pub surface: String,
    /// The type, or `None` when the reader rejected the span.
    #[serde(with = "kind_code")]
    pub kind: Option<EntityType>,
}

/// The reader's own lexicon: accepted/added names and rejected spans.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReaderLexicon {
    /// Format version.
    pub version: u32,
    /// Decisions, sorted by surface (a later decision replaces an earlier one).
    pub entries: Vec<ReaderEntry>,
}

/// Version of the [`ReaderLexicon`] serialisation.
pub const READER_LEXICON_VERSION: u32 = 1;

/// Proclitic letters a reader-lexicon match may skip in an unsegmented word.
const SKIPPABLE: &[char] = &['و', 'ف', 'ب', 'ل'];

/// The normalised matching form of a surface: normalised, whitespace
/// collapsed.
pub fn surface_key(surface: &str) -> String {
    let n = Normalized::new(surface, NormOptions::default());
    n.as_str().split_whitespace().collect::<Vec<_>>().join(" ")
}

impl ReaderLexicon {
    /// An empty lexicon.
    pub fn new() -> Self {
        ReaderLexicon {
            version: READER_LEXICON_VERSION,
            entries: Vec::new(),
        }
    }

    /// Records a decision for `surface` (any spelling; it is normalised).
    /// Returns whether anything changed.
    pub fn set(&mut self, surface: &str, kind: Option<EntityType>) -> bool {
        let key = surface_key(surface);
        if key.is_empty() {
            return false;
        }
        match self
            .entries
            .binary_search_by(|e| e.surface.as_str().cmp(&key))
        {
            Ok(i) => {
                let changed = self.entries[i].kind != kind;
                self.entries[i].kind = kind;
                changed
            }
            Err(i) => {
                self.entries.insert(i, ReaderEntry { surface: key, kind });
                true
            }
        }
    }

    /// Puts back the decision for `surface` as it was before a change:
    /// `None` removes it, `Some(kind)` records `kind` (see
    /// [`Analyzer::unlearn`](crate::Analyzer::unlearn)).
    pub fn put_back(&mut self, surface: &str, decision: Option<Option<EntityType>>) {
        match decision {
            Some(kind) => {
                self.set(surface, kind);
            }
            None => {
                let key = surface_key(surface);
                if let Ok(i) = self
                    .entries
                    .binary_search_by(|e| e.surface.as_str().cmp(&key))
                {
                    self.entries.remove(i);
                }
            }
        }
    }

    /// The decision for `surface`, if any: `Some(None)` means rejected.
    pub fn get(&self, surface: &str) -> Option<Option<EntityType>> {
        let key = surface_key(surface);
        self.entries
            .binary_search_by(|e| e.surface.as_str().cmp(&key))
            .ok()
            .map(|i| self.entries[i].kind)
    }

    /// Number of decisions.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Serialises to JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("reader lexicon serialises")
    }

    /// Loads from JSON written by [`ReaderLexicon::to_json`].
    pub fn from_json(s: &str) -> Result<Self, String> {
        let mut l: ReaderLexicon =
            serde_json::from_str(s).map_err(|e| format!("reader lexicon: {e}"))?;
        if l.version != READER_LEXICON_VERSION {
            return Err(format!(
                "reader lexicon version {} (this build reads {READER_LEXICON_VERSION})",
                l.version
            ));
        }
        l.entries.sort_by(|a, b| a.surface.cmp(&b.surface));
        l.entries.dedup_by(|a, b| a.surface == b.surface);
        Ok(l)
    }

    /// Every occurrence of a decision in the text, on token boundaries:
    /// (normalised span, decision). A match starts where a token's name
    /// starts (after segmented proclitics, or after one of و ف ب ل in an
    /// unsegmented word) and ends where a token or its name ends. Longest
    /// match first at each start; matches do not overlap.
    pub fn find(
        &self,
        norm: &Normalized,
        tokens: &[Token],
    ) -> Vec<(Range<usize>, Option<EntityType>)> {
        if self.entries.is_empty() {
            return Vec::new();
        }
        let text = norm.as_str();
        let max_words = self
            .entries
            .iter()
            .map(|e| e.surface.split(' ').count())
            .max()
            .unwrap_or(1);
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            if t.kind == TokenKind::Punct {
                i += 1;
                continue;
            }
            let mut starts = vec![t.name_norm().start, t.norm.start];
            if t.proclitic_len == 0 && text[t.norm.clone()].starts_with(SKIPPABLE) {
                starts.push(t.norm.start + 'و'.len_utf8());
            }
            starts.dedup();
            let mut found: Option<(Range<usize>, Option<EntityType>, usize)> = None;
            'len: for k in (0..max_words.min(tokens.len() - i)).rev() {
                let last = &tokens[i + k];
                if last.paragraph != t.paragraph {
                    continue;
                }
                for &s in &starts {
                    for e in [last.norm.end, last.name_norm().end] {
                        if e <= s {
                            continue;
                        }
                        let cand: String =
                            text[s..e].split_whitespace().collect::<Vec<_>>().join(" ");
                        if let Ok(ix) = self
                            .entries
                            .binary_search_by(|x| x.surface.as_str().cmp(&cand))
                        {
                            found = Some((s..e, self.entries[ix].kind, k));
                            break 'len;
                        }
                    }
                }
            }
            match found {
                Some((r, kind, k)) => {
                    out.push((r, kind));
                    i += k + 1;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::{tokenize, NoVocabulary};

    #[test]
    fn set_get_and_json_round_trip() {
        let mut l = ReaderLexicon::new();
        assert!(l.set("بيسكوف", Some(EntityType::Per)));
        assert!(l.set("صدى  البلد", Some(EntityType::Org)));
        assert!(l.set("أمس", None));
        assert!(!l.set("بيسكوف", Some(EntityType::Per)));
        assert_eq!(l.get("صدى البلد"), Some(Some(EntityType::Org)));
        assert_eq!(l.get("امس"), Some(None));
        assert_eq!(l.get("موسكو"), None);
        let j = l.to_json();
        assert!(j.contains("\"PER\""));
        assert_eq!(ReaderLexicon::from_json(&j).unwrap(), l);
        assert!(ReaderLexicon::from_json("{\"version\":9,\"entries\":[]}").is_err());
        assert!(ReaderLexicon::from_json("not json").is_err());
    }

    #[test]
    fn finds_on_token_boundaries_behind_proclitics() {
        let mut l = ReaderLexicon::new();
        l.set("بيسكوف", Some(EntityType::Per));
        l.set("دميتري بيسكوف", Some(EntityType::Per));
        let text = "قال دميتري بيسكوف ثم وبيسكوف ولا بيسكوفا";
        let norm = Normalized::new(text, NormOptions::default());
        let toks = tokenize(&norm, &NoVocabulary);
        let got: Vec<&str> = l
            .find(&norm, &toks)
            .into_iter()
            .map(|(r, _)| &text[norm.to_original(r)])
            .collect();
        assert_eq!(got, ["دميتري بيسكوف", "بيسكوف"]);
    }
}
