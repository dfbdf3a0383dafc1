//! Combining the recognisers into one analysis.
//!
//! ## Evidence policy
//!
//! Every recogniser proposes candidate spans. Overlapping candidates are
//! resolved by, in order: the source's priority (reader decisions, then
//! temporal rules, then lexicon matches, then the statistical model), the
//! span's length (longer wins), its position (earlier wins). The surviving
//! candidates never overlap.

use std::sync::OnceLock;

use crate::analysis::{Analysis, Annotation, Lang, Link, Options, Source};
use crate::lexicon::{LexKind, Lexicon};
use crate::normalize::{NormOptions, Normalized};
use crate::temporal;
use crate::token::{tokenize, Script};

/// The analyser: lexicons and models, loaded once, reused for every text.
#[derive(Debug)]
pub struct Analyzer {
    lexicon: &'static Lexicon,
}

impl Analyzer {
    /// The analyser with the bundled lexicons and models, built on first use.
    pub fn bundled() -> &'static Analyzer {
        static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
        ANALYZER.get_or_init(|| Analyzer {
            lexicon: Lexicon::bundled(),
        })
    }

    /// Analyses `text`. Deterministic: the same text, options and models
    /// give the same annotations on every platform.
    pub fn analyze(&self, text: &str, options: &Options) -> Analysis {
        let norm = Normalized::new(text, NormOptions::default());
        let tokens = tokenize(&norm, self.lexicon);
        let _langs = paragraph_languages(&tokens, options.lang);
        let mut candidates: Vec<Candidate> = Vec::new();

        for t in temporal::find(&norm, &tokens, options.reference_date) {
            let span = norm.to_original(t.norm);
            candidates.push(Candidate {
                priority: 2,
                ann: Annotation {
                    start: span.start,
                    end: span.end,
                    kind: t.kind,
                    value: t.value,
                    confidence: 0.95,
                    source: Source::Rule,
                    link: None,
                    note: t.note,
                },
            });
        }
        for m in self.lexicon.find(&norm, &tokens) {
            let entry = self.lexicon.entry(m.entry);
            let LexKind::Name(kind) = entry.kind else {
                continue;
            };
            let span = norm.to_original(m.norm);
            candidates.push(Candidate {
                priority: 1,
                ann: Annotation {
                    start: span.start,
                    end: span.end,
                    kind,
                    value: None,
                    confidence: 0.9,
                    source: Source::Lexicon,
                    link: Some(Link {
                        canonical: entry.canonical.clone(),
                        id: entry.id.clone(),
                    }),
                    note: None,
                },
            });
        }
        Analysis {
            annotations: resolve(candidates),
            warnings: Vec::new(),
        }
    }
}

struct Candidate {
    priority: u8,
    ann: Annotation,
}

/// Keeps the best non-overlapping candidates (see the module docs).
fn resolve(mut candidates: Vec<Candidate>) -> Vec<Annotation> {
    candidates.sort_by(|a, b| {
        b.priority
            .cmp(&a.priority)
            .then((b.ann.end - b.ann.start).cmp(&(a.ann.end - a.ann.start)))
            .then(a.ann.start.cmp(&b.ann.start))
            .then(a.ann.kind.cmp(&b.ann.kind))
    });
    let mut taken: Vec<Annotation> = Vec::with_capacity(candidates.len());
    // Accepted spans kept sorted by start for O(log n) overlap checks.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for c in candidates {
        if c.ann.start >= c.ann.end {
            continue;
        }
        let pos = spans.partition_point(|&(s, _)| s < c.ann.start);
        let overlaps_prev = pos > 0 && spans[pos - 1].1 > c.ann.start;
        let overlaps_next = pos < spans.len() && spans[pos].0 < c.ann.end;
        if overlaps_prev || overlaps_next {
            continue;
        }
        spans.insert(pos, (c.ann.start, c.ann.end));
        taken.push(c.ann);
    }
    taken.sort_by_key(|a| (a.start, a.end));
    taken
}

/// The language of each paragraph: the option if given, else the majority
/// script of its letters (Arabic → `Ar`, otherwise `En`).
pub fn paragraph_languages(tokens: &[crate::token::Token], lang: Lang) -> Vec<Lang> {
    let n = tokens.last().map_or(0, |t| t.paragraph as usize + 1);
    if lang != Lang::Auto {
        return vec![lang; n];
    }
    let mut counts = vec![(0usize, 0usize); n];
    for t in tokens {
        let c = &mut counts[t.paragraph as usize];
        match t.script {
            Script::Arabic => c.0 += t.norm.len(),
            Script::Latin => c.1 += t.norm.len(),
            Script::Other => {}
        }
    }
    counts
        .into_iter()
        .map(|(ar, en)| if en > ar { Lang::En } else { Lang::Ar })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::EntityType;

    #[test]
    fn empty_and_whitespace() {
        for t in ["", "   \n\n  ", "\u{0}"] {
            assert!(Analyzer::bundled()
                .analyze(t, &Options::default())
                .annotations
                .is_empty());
        }
    }

    #[test]
    fn overlaps_resolved_by_priority() {
        let text = "اليوم موسكو";
        let a = crate::analyze(text, &Options::default());
        let kinds: Vec<_> = a.annotations.iter().map(|a| a.kind).collect();
        assert_eq!(kinds, [EntityType::Date, EntityType::Loc]);
        assert_eq!(a.annotations[0].value.as_deref(), Some("PRESENT_REF"));
    }

    #[test]
    fn languages_per_paragraph() {
        let norm = Normalized::new("قال بوتين\nPutin said", NormOptions::default());
        let toks = tokenize(&norm, Lexicon::bundled());
        assert_eq!(paragraph_languages(&toks, Lang::Auto), [Lang::Ar, Lang::En]);
        assert_eq!(paragraph_languages(&toks, Lang::Ar), [Lang::Ar, Lang::Ar]);
    }
}
