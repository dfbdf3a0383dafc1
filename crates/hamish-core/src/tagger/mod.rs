//! The statistical name tagger: a linear-chain model over BIO tags with
//! Viterbi decoding — weights learned as a CRF (or by an averaged
//! structured perceptron, see [`Trainer`]) — trained in Rust, small and
//! fast enough for the browser.
//!
//! * [`features`] — hashed features over the tokens, the normalisation, the
//!   lexicon and the document;
//! * [`model`] — weights, decoding, calibrated span confidences, the
//!   binary format;
//! * [`mod@train`] — training (deterministic given a seed);
//! * [`conll`] — token-per-line corpora and exact-span scoring;
//! * [`learn`] — learning from the reader's corrections.
//!
//! ## Units
//!
//! The tagger tags the [tokens](crate::token) of the analyser. A corpus
//! token (`وبوتين B-PERS`) is tokenised the same way; it usually is one
//! token, and when it splits (`أ)` → `أ` `)`) its first token carries its
//! tag and the rest continue it. Predictions map back to corpus tokens
//! through their first token.
//!
//! ## Documents
//!
//! Document features look at the other mentions of a word in the same
//! document. The analyser's document is the text it is given; a corpus's
//! documents are its `-DOCSTART-` sections, or — for ANERcorp, which has
//! no document marks — blocks of [`DOC_BLOCK`] consecutive sentences.

pub mod conll;
pub mod features;
pub mod hash;
pub mod labels;
pub mod learn;
pub mod model;
pub mod names;
pub mod train;

use std::ops::Range;

pub use conll::{Corpus, CorpusError, Counts, Diagnostic, Document, Scores, Sentence};
pub use labels::{Tag, NUM_TAGS, TYPES};
pub use learn::{Correction, ReaderLexicon, ReaderSpan};
pub use model::{Learned, Model, ModelError, ModelUndo, TokenSpan};
pub use names::NameList;
pub use train::{train, TrainConfig, TrainReport, Trainer};

use crate::lexicon::Lexicon;
use crate::normalize::{NormOptions, Normalized};
use crate::token::{tokenize, Token};

/// Sentences per document for corpora without document marks.
pub const DOC_BLOCK: usize = 20;

/// A corpus document tokenised like analyser input.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The document text: tokens joined by spaces, one sentence per line.
    pub text: String,
    /// Its normalisation.
    pub norm: Normalized,
    /// The analyser's tokens.
    pub tokens: Vec<Token>,
    /// Token ranges of the corpus sentences.
    pub sentences: Vec<Range<usize>>,
    /// For every corpus token (document order): its first token, if any.
    pub first_token: Vec<Option<usize>>,
    /// For every token: the corpus token it belongs to.
    pub corpus_token: Vec<usize>,
    /// Byte span of every corpus token in `text`.
    pub corpus_spans: Vec<Range<usize>>,
}

/// Tokenises a corpus document.
pub fn prepare(doc: &Document, lexicon: &Lexicon) -> Prepared {
    let mut text = String::new();
    let mut starts = Vec::new(); // byte start of each corpus token
    let mut corpus_spans = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        if si > 0 {
            text.push('\n');
        }
        for (ti, t) in s.tokens.iter().enumerate() {
            if ti > 0 {
                text.push(' ');
            }
            starts.push(text.len());
            text.push_str(t);
            corpus_spans.push(starts[starts.len() - 1]..text.len());
        }
    }
    let norm = Normalized::new(&text, NormOptions::default());
    let tokens = tokenize(&norm, lexicon);
    let mut first_token = vec![None; starts.len()];
    let mut corpus_token = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        // The corpus token whose start is the last one at or before this
        // token's original start.
        let c = starts
            .partition_point(|&s| s <= t.span.start)
            .saturating_sub(1);
        corpus_token.push(c);
        if first_token[c].is_none() {
            first_token[c] = Some(i);
        }
    }
    // The analyser's sentences: corpus sentences are lines, so they always
    // start one; sentence-final punctuation inside may start more.
    let sentences = crate::analyzer::sentences_of(&norm, &tokens);
    Prepared {
        text,
        norm,
        tokens,
        sentences,
        first_token,
        corpus_token,
        corpus_spans,
    }
}

impl Prepared {
    /// The corpus tags projected onto the tokens. A name the corpus
    /// continues across a sentence break (ANERcorp breaks after every
    /// period, abbreviations included) starts again at the break: windows
    /// and decoding stay inside sentences, so that is what a model can
    /// predict.
    pub fn gold_tags(&self, doc: &Document) -> Vec<Tag> {
        let corpus: Vec<Tag> = doc
            .sentences
            .iter()
            .flat_map(|s| s.tags.iter().copied())
            .collect();
        let mut tags: Vec<Tag> = self
            .corpus_token
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let t = corpus[c];
                if self.first_token[c] == Some(i) {
                    t
                } else {
                    t.kind().and_then(Tag::inside).unwrap_or(Tag::O)
                }
            })
            .collect();
        for r in &self.sentences {
            if let Some(t) = tags.get_mut(r.start) {
                if t.is_inside() {
                    *t = t.kind().and_then(Tag::begin).unwrap_or(Tag::O);
                }
            }
        }
        tags
    }

    /// The features of every token.
    pub fn features(&self, lexicon: &Lexicon, names: &NameList) -> features::Features {
        features::extract(
            &self.norm,
            &self.tokens,
            &self.sentences,
            &features::Context { lexicon, names },
        )
    }

    /// Maps token tags back to the corpus tokens, sentence by sentence.
    pub fn corpus_tags(&self, doc: &Document, tags: &[Tag]) -> Vec<Vec<Tag>> {
        let mut out = Vec::with_capacity(doc.sentences.len());
        let mut c = 0;
        for s in &doc.sentences {
            let mut v = Vec::with_capacity(s.tokens.len());
            for _ in &s.tokens {
                v.push(self.first_token[c].map_or(Tag::O, |i| tags[i]));
                c += 1;
            }
            out.push(v);
        }
        out
    }
}

/// Projects name annotations (byte spans of [`Prepared::text`]) onto the
/// corpus tokens: the tokens a name overlaps get `B-`/`I-` of its type.
pub fn project(
    p: &Prepared,
    doc: &Document,
    names: &[(Range<usize>, crate::EntityType)],
) -> Vec<Vec<Tag>> {
    let mut flat = vec![Tag::O; p.corpus_spans.len()];
    for (r, kind) in names {
        let Some(b) = Tag::begin(*kind) else { continue };
        let first = p.corpus_spans.partition_point(|s| s.end <= r.start);
        let mut i = first;
        while i < p.corpus_spans.len() && p.corpus_spans[i].start < r.end {
            flat[i] = if i == first { b } else { Tag(b.0 + 1) };
            i += 1;
        }
    }
    let mut out = Vec::with_capacity(doc.sentences.len());
    let mut c = 0;
    for s in &doc.sentences {
        out.push(flat[c..c + s.tokens.len()].to_vec());
        c += s.tokens.len();
    }
    out
}

/// Tags a corpus document with the model alone (no lexicon-only or reader
/// spans, no clitic trimming): one tag per corpus token, per sentence.
pub fn tag_document(model: &Model, lexicon: &Lexicon, doc: &Document) -> Vec<Vec<Tag>> {
    let p = prepare(doc, lexicon);
    let f = p.features(lexicon, model.names());
    let f = model.final_features(&p.norm, &p.tokens, &p.sentences, f);
    let em = model.emissions(&f);
    let mut tags = vec![Tag::O; p.tokens.len()];
    for r in &p.sentences {
        if r.is_empty() {
            continue;
        }
        let t = model.viterbi(&em[r.start * NUM_TAGS..r.end * NUM_TAGS]);
        tags[r.clone()].copy_from_slice(&t);
    }
    p.corpus_tags(doc, &tags)
}
