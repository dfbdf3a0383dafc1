//! Tokenisation with Arabic clitic segmentation.
//!
//! Tokens are found on the [normalised](crate::normalize) text with Unicode
//! word segmentation (UAX #29) and carry both their normalised span and the
//! span of original text they cover.
//!
//! Arabic glues conjunctions, prepositions, the article and pronouns to the
//! word they belong to: وبوتين is و + بوتين, بالكرملين is ب + الكرملين,
//! للرئيس is ل + (ا)ل + رئيس. Cutting them off must not cut names that merely
//! begin with the same letters (لندن، بيروت، لوفيجارو، وارسو), so
//! segmentation is *guarded*: a split is taken only when the remaining stem
//! is a known word, and never when the whole word is known. The knowledge
//! comes from a [`Vocabulary`] — in the analyser, the lexicons.
//!
//! ```
//! use hamish_core::token::{tokenize, Vocabulary};
//! use hamish_core::normalize::{Normalized, NormOptions};
//!
//! struct Names;
//! impl Vocabulary for Names {
//!     fn knows(&self, w: &str) -> bool { w == "بوتين" }
//! }
//! let norm = Normalized::new("قال وبوتين", NormOptions::default());
//! let tokens = tokenize(&norm, &Names);
//! assert_eq!(tokens[1].stem(&norm), "بوتين");
//! assert_eq!(tokens[1].proclitic(&norm), "و");
//! ```

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::normalize::Normalized;

/// Answers whether a normalised word form is known (a lexicon entry or a
/// common word). Used to guard clitic segmentation.
pub trait Vocabulary {
    /// Whether `normalized_word` is a known word.
    fn knows(&self, normalized_word: &str) -> bool;
}

/// A vocabulary that knows nothing: only unambiguous splits are made.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoVocabulary;

impl Vocabulary for NoVocabulary {
    fn knows(&self, _: &str) -> bool {
        false
    }
}

/// The broad class of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (any script), possibly with digits.
    Word,
    /// Digits only (after normalisation, so Arabic-Indic digits too).
    Number,
    /// Punctuation and symbols.
    Punct,
}

/// The writing system of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Arabic letters.
    Arabic,
    /// Latin letters.
    Latin,
    /// Anything else (digits, punctuation, other scripts).
    Other,
}

/// One token: a word, number or punctuation mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Span in the normalised text (bytes).
    pub norm: Range<usize>,
    /// Span in the original text (bytes).
    pub span: Range<usize>,
    /// Word, number or punctuation.
    pub kind: TokenKind,
    /// Script of the first letter.
    pub script: Script,
    /// Length in normalised bytes of the proclitics before the article
    /// (و ف ب ل ك س and their combinations).
    pub proclitic_len: u8,
    /// Length in normalised bytes of the article ال (or the ل left of it
    /// after the preposition ل, as in للرئيس).
    pub article_len: u8,
    /// Whether the article is the contracted form (ل + ال written لل).
    pub contracted_article: bool,
    /// Length in normalised bytes of the pronoun enclitic (ه ها هم …).
    pub enclitic_len: u8,
    /// Index of the paragraph the token is in: paragraphs are separated by
    /// line breaks (one or more; blank lines count once).
    pub paragraph: u32,
    /// Whether a line break or sentence-final punctuation precedes this token
    /// (the token starts a sentence).
    pub sentence_start: bool,
}

impl Token {
    /// The normalised form of the whole token.
    pub fn text<'a>(&self, norm: &'a Normalized) -> &'a str {
        &norm.as_str()[self.norm.clone()]
    }

    /// The proclitics (without the article).
    pub fn proclitic<'a>(&self, norm: &'a Normalized) -> &'a str {
        let s = self.norm.start;
        &norm.as_str()[s..s + self.proclitic_len as usize]
    }

    /// The stem: the token without proclitics, article and enclitic.
    pub fn stem<'a>(&self, norm: &'a Normalized) -> &'a str {
        &norm.as_str()[self.stem_norm()]
    }

    /// The normalised span of the stem.
    pub fn stem_norm(&self) -> Range<usize> {
        let s = self.norm.start + self.proclitic_len as usize + self.article_len as usize;
        let e = self.norm.end - self.enclitic_len as usize;
        s..e.max(s)
    }

    /// The normalised span a name in this token covers: the token without
    /// its proclitics, keeping the article (الكرملين in بالكرملين) unless it
    /// is contracted (كرملين in للكرملين), and without enclitics.
    pub fn name_norm(&self) -> Range<usize> {
        let mut s = self.norm.start + self.proclitic_len as usize;
        if self.contracted_article {
            s += self.article_len as usize;
        }
        let e = self.norm.end - self.enclitic_len as usize;
        s..e.max(s)
    }

    /// The original-text span of [`Token::name_norm`].
    pub fn name_span(&self, norm: &Normalized) -> Range<usize> {
        norm.to_original(self.name_norm())
    }
}

const PROCLITIC_SEQUENCES: &[&str] = &[
    // Longest first so that the first known stem wins with the most
    // stripped. Article handling is separate.
    "وب", "ول", "وك", "وس", "فب", "فل", "فك", "فس", "و", "ف", "ب", "ل", "ك", "س",
];

const ENCLITICS: &[&str] = &[
    "هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ني", "ه", "ك", "ي",
];

/// Minimum number of letters a stem must keep.
const MIN_STEM_CHARS: usize = 2;

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// The result of segmenting one Arabic word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Segmentation {
    /// Bytes of proclitics before the article.
    pub proclitic_len: usize,
    /// Bytes of the article.
    pub article_len: usize,
    /// Whether the article is contracted (لل).
    pub contracted_article: bool,
    /// Bytes of the enclitic.
    pub enclitic_len: usize,
}

/// Segments one normalised Arabic word into proclitics, article, stem and
/// enclitic, guarded by `vocab`.
///
/// Policy, in order:
/// 1. a word the vocabulary knows is never split;
/// 2. the longest proclitic sequence whose remainder (with or without the
///    article) is known is stripped; an enclitic is stripped only when that
///    leaves a known stem;
/// 3. otherwise only the article is recognised: `ال` at the start, or after
///    و/ف/ب/ك, or `لل`, when at least two letters follow.
pub fn segment(word: &str, vocab: &dyn Vocabulary) -> Segmentation {
    if vocab.knows(word) || !word.starts_with(|c: char| is_arabic_letter(c)) {
        return Segmentation::default();
    }
    // 2. Proclitics with a known remainder.
    for p in PROCLITIC_SEQUENCES {
        if let Some(rest) = word.strip_prefix(p) {
            if char_len(rest) < MIN_STEM_CHARS {
                continue;
            }
            if vocab.knows(rest) {
                return with_article(p.len(), rest, false);
            }
            // ل + ال is written لل: للكرملين = ل + (ا)لكرملين.
            if p.ends_with('ل') {
                if let Some(r2) = rest.strip_prefix('ل') {
                    let restored = format!("ال{r2}");
                    if char_len(r2) >= MIN_STEM_CHARS && vocab.knows(&restored) {
                        return Segmentation {
                            proclitic_len: p.len(),
                            article_len: 'ل'.len_utf8(),
                            contracted_article: true,
                            enclitic_len: 0,
                        };
                    }
                }
            }
        }
    }
    // Enclitic with a known stem (with or without proclitics).
    for e in ENCLITICS {
        if let Some(body) = word.strip_suffix(e) {
            if char_len(body) < MIN_STEM_CHARS + 1 {
                continue;
            }
            if vocab.knows(body) {
                return Segmentation {
                    enclitic_len: e.len(),
                    ..Segmentation::default()
                };
            }
            for p in PROCLITIC_SEQUENCES {
                if let Some(rest) = body.strip_prefix(p) {
                    if char_len(rest) >= MIN_STEM_CHARS && vocab.knows(rest) {
                        let mut s = with_article(p.len(), rest, false);
                        s.enclitic_len = e.len();
                        return s;
                    }
                }
            }
        }
    }
    // 3. Unambiguous article only.
    if word.starts_with("ال") && char_len(word) >= 2 + MIN_STEM_CHARS {
        return with_article(0, word, false);
    }
    if let Some(rest) = word.strip_prefix("لل") {
        if char_len(rest) > MIN_STEM_CHARS {
            return Segmentation {
                proclitic_len: 'ل'.len_utf8(),
                article_len: 'ل'.len_utf8(),
                contracted_article: true,
                enclitic_len: 0,
            };
        }
    }
    for p in [
        "وال", "فال", "بال", "كال", "وبال", "وكال", "فبال", "ولل", "فلل",
    ] {
        if let Some(rest) = word.strip_prefix(p) {
            if char_len(rest) > MIN_STEM_CHARS {
                let contracted = p.ends_with("لل");
                return Segmentation {
                    proclitic_len: p.len() - if contracted { 2 } else { 4 },
                    article_len: if contracted { 2 } else { 4 },
                    contracted_article: contracted,
                    enclitic_len: 0,
                };
            }
        }
    }
    Segmentation::default()
}

/// Segmentation with `proclitic_len` bytes of proclitics before `rest`,
/// recognising an article at the start of `rest`.
fn with_article(proclitic_len: usize, rest: &str, contracted: bool) -> Segmentation {
    let article_len = if rest.starts_with("ال") && char_len(rest) >= 2 + MIN_STEM_CHARS {
        "ال".len()
    } else {
        0
    };
    Segmentation {
        proclitic_len,
        article_len,
        contracted_article: contracted,
        enclitic_len: 0,
    }
}

/// Whether `c` is an Arabic letter (not a digit, mark or punctuation).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

fn script_of(s: &str) -> Script {
    for c in s.chars() {
        if is_arabic_letter(c) {
            return Script::Arabic;
        }
        if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            return Script::Latin;
        }
        if c.is_alphabetic() {
            return Script::Other;
        }
    }
    Script::Other
}

fn is_sentence_end(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "؟" | "۔" | "…" | ":" | "؛" | ";")
}

/// Splits the normalised text into tokens and segments Arabic clitics.
///
/// Whitespace is not a token. Runs in linear time in the text length
/// (segmentation looks at a bounded number of affixes per word).
pub fn tokenize(norm: &Normalized, vocab: &dyn Vocabulary) -> Vec<Token> {
    let text = norm.as_str();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut paragraph = 0u32;
    let mut sentence_start = true;
    let mut line_break = false;
    for (start, piece) in text.split_word_bound_indices() {
        let first = piece.chars().next().unwrap_or(' ');
        if first.is_whitespace() || first == '\0' {
            if piece.contains(['\n', '\r', '\u{2029}']) {
                line_break = true;
            }
            continue;
        }
        if line_break {
            line_break = false;
            sentence_start = true;
            if !tokens.is_empty() {
                paragraph += 1;
            }
        }
        let end = start + piece.len();
        let kind = if piece.chars().all(|c| c.is_ascii_digit()) {
            TokenKind::Number
        } else if piece.chars().any(char::is_alphanumeric) {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let script = script_of(piece);
        let seg = if kind == TokenKind::Word && script == Script::Arabic {
            segment(piece, vocab)
        } else {
            Segmentation::default()
        };
        tokens.push(Token {
            norm: start..end,
            span: norm.to_original(start..end),
            kind,
            script,
            proclitic_len: seg.proclitic_len as u8,
            article_len: seg.article_len as u8,
            contracted_article: seg.contracted_article,
            enclitic_len: seg.enclitic_len as u8,
            paragraph,
            sentence_start,
        });
        sentence_start = kind == TokenKind::Punct && is_sentence_end(piece);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::NormOptions;

    struct V(&'static [&'static str]);
    impl Vocabulary for V {
        fn knows(&self, w: &str) -> bool {
            self.0.contains(&w)
        }
    }

    const VOCAB: V = V(&[
        "بوتين",
        "الكرملين",
        "روسيا",
        "اوكرانيا",
        "لندن",
        "بيروت",
        "لوفيجارو",
        "موسكو",
        "كييف",
        "زيلينسكي",
        "الرئيس",
        "لوغانسك",
        "واشنطن",
        "وزير",
    ]);

    /// (word, proclitic, article, stem, enclitic)
    const CASES: &[(&str, &str, &str, &str, &str)] = &[
        ("وبوتين", "و", "", "بوتين", ""),
        ("بالكرملين", "ب", "ال", "كرملين", ""),
        ("لروسيا", "ل", "", "روسيا", ""),
        ("لندن", "", "", "لندن", ""),
        ("بيروت", "", "", "بيروت", ""),
        ("لوفيجارو", "", "", "لوفيجارو", ""),
        ("وموسكو", "و", "", "موسكو", ""),
        ("وكييف", "و", "", "كييف", ""),
        ("للرئيس", "ل", "ل", "رئيس", ""),
        ("والرئيس", "و", "ال", "رئيس", ""),
        ("واشنطن", "", "", "واشنطن", ""),
        ("وزير", "", "", "وزير", ""),
        ("ولوغانسك", "و", "", "لوغانسك", ""),
        ("الاوروبي", "", "ال", "اوروبي", ""),
        ("وبالتالي", "وب", "ال", "تالي", ""),
        ("لكرملين", "", "", "لكرملين", ""),
    ];

    #[test]
    fn segmentation_table() {
        for &(word, pro, art, stem, enc) in CASES {
            let norm = Normalized::new(word, NormOptions::default());
            let toks = tokenize(&norm, &VOCAB);
            assert_eq!(toks.len(), 1, "{word}");
            let t = &toks[0];
            assert_eq!(t.proclitic(&norm), pro, "{word} proclitic");
            let a = &norm.as_str()
                [t.norm.start + pro.len()..t.norm.start + pro.len() + t.article_len as usize];
            assert_eq!(a, art, "{word} article");
            assert_eq!(t.stem(&norm), stem, "{word} stem");
            assert_eq!(t.enclitic_len as usize, enc.len(), "{word} enclitic");
        }
    }

    #[test]
    fn name_span_skips_proclitics_and_keeps_article() {
        let o = "وبُوتين بالكرملين للكرملين";
        let norm = Normalized::new(o, NormOptions::default());
        let t = tokenize(&norm, &VOCAB);
        assert_eq!(&o[t[0].name_span(&norm)], "بُوتين");
        assert_eq!(&o[t[1].name_span(&norm)], "الكرملين");
        assert_eq!(&o[t[2].name_span(&norm)], "كرملين");
    }

    #[test]
    fn kinds_paragraphs_and_sentences() {
        let o = "قال ٢٠٢٢، ثم.\n\nThe end";
        let norm = Normalized::new(o, NormOptions::default());
        let t = tokenize(&norm, &NoVocabulary);
        let kinds: Vec<_> = t.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Word,
                TokenKind::Number,
                TokenKind::Punct,
                TokenKind::Word,
                TokenKind::Punct,
                TokenKind::Word,
                TokenKind::Word
            ]
        );
        assert_eq!(&o[t[1].span.clone()], "٢٠٢٢");
        assert_eq!(t[5].paragraph, 1);
        assert!(t[5].sentence_start);
        assert_eq!(t[5].script, Script::Latin);
    }

    #[test]
    fn long_word_without_spaces_is_linear() {
        let o = "ب".repeat(1_000_000);
        let norm = Normalized::new(&o, NormOptions::default());
        let t = tokenize(&norm, &NoVocabulary);
        assert_eq!(t.len(), 1);
    }
}
