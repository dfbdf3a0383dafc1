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
//! segmentation is *guarded* by a [`Vocabulary`] — in the analyser, the
//! bundled lexicon with its common-word frequencies: a known name is never
//! cut, and otherwise the reading *proclitics + stem + enclitic* whose stem
//! is known and which is cheapest under a unigram model (stem frequency plus
//! a fixed cost per affix) wins over the word as it stands (see
//! [`segment_with`]).
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

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::normalize::{fold_to_matching, Normalized};

/// Answers what is known about a normalised word form. Used to guard clitic
/// segmentation.
///
/// Only [`Vocabulary::knows`] is required; a vocabulary that implements only
/// it treats every known word as a name that is never cut.
pub trait Vocabulary {
    /// Whether `normalized_word` is a known word (a lexicon entry, a name
    /// part or a common word).
    fn knows(&self, normalized_word: &str) -> bool;

    /// Whether `normalized_word` is a name that must never be cut (لندن,
    /// بيروت, واشنطن). Defaults to [`Vocabulary::knows`].
    fn is_name(&self, normalized_word: &str) -> bool {
        self.knows(normalized_word)
    }

    /// Whether `normalized_word` is a person's given or family name (محمد،
    /// ليلى). Such words are not protected like names (many are ordinary
    /// words too) but weigh as names when segmenting. Defaults to `false`.
    fn is_name_part(&self, normalized_word: &str) -> bool {
        let _ = normalized_word;
        false
    }

    /// The word's frequency class in centibels (−100·log10 of its relative
    /// frequency: 300 is once per thousand words), if it is a common word.
    fn centibels(&self, normalized_word: &str) -> Option<u16> {
        let _ = normalized_word;
        None
    }

    /// Everything above in one look-up (implement it when a look-up is
    /// costly: segmentation asks it for every candidate stem).
    fn knowledge(&self, normalized_word: &str) -> Knowledge {
        Knowledge {
            known: self.knows(normalized_word),
            name: self.is_name(normalized_word),
            name_part: self.is_name_part(normalized_word),
            centibels: self.centibels(normalized_word),
        }
    }
}

/// What a [`Vocabulary`] knows about one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Knowledge {
    /// [`Vocabulary::knows`].
    pub known: bool,
    /// [`Vocabulary::is_name`].
    pub name: bool,
    /// [`Vocabulary::is_name_part`].
    pub name_part: bool,
    /// [`Vocabulary::centibels`].
    pub centibels: Option<u16>,
}

/// A word at least this frequent (wordfreq centibels: 300 is once per
/// thousand words) that is not itself a lexicon name is a function word
/// (see [`Knowledge::is_function_word`]).
pub const FUNCTION_WORD_CENTIBELS: u16 = 300;

impl Knowledge {
    /// Whether the word is one of the language's most frequent words
    /// (at least [`FUNCTION_WORD_CENTIBELS`] frequent) and not a lexicon
    /// name on its own: «لا», «في», «على» — and «علي», which is also how
    /// «على» is written. What the reader teaches about a name never
    /// spreads through such a word.
    pub fn is_function_word(&self) -> bool {
        !self.name && self.centibels.is_some_and(|c| c <= FUNCTION_WORD_CENTIBELS)
    }
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

/// Proclitic sequences with their cost in centibels: how much rarer a word
/// is, in running text, with the proclitic than without it (و is the most
/// frequent, ك the least). Article handling is separate.
const PROCLITICS: &[(&str, u16)] = &[
    ("و", 30),
    ("ف", 80),
    ("ب", 40),
    ("ل", 40),
    ("ك", 150),
    ("س", 100),
    ("وب", 80),
    ("ول", 80),
    ("وك", 180),
    ("وس", 130),
    ("فب", 130),
    ("فل", 130),
    ("فك", 230),
    ("فس", 180),
];

/// Pronoun enclitics with their cost in centibels.
const ENCLITICS: &[(&str, u16)] = &[
    ("ه", 100),
    ("ها", 100),
    ("هم", 110),
    ("هما", 150),
    ("هن", 160),
    ("كم", 150),
    ("كما", 200),
    ("كن", 200),
    ("نا", 120),
    ("ني", 150),
    ("ك", 150),
    ("ي", 150),
];

/// Cost of a stem nobody knows: a split is never justified by it.
const UNKNOWN: u32 = 1000;
/// Cost of a name that is not a common word (or rarer as one).
const NAME_CB: u32 = 450;
/// Cost of a given or family name that is not a common word (or rarer as
/// one).
const NAME_PART_CB: u32 = 490;
/// Cost of another known word (a name part, a word of a multi-word entry).
const KNOWN_CB: u32 = 520;
/// Cost of a stem nobody knows but that stands alone elsewhere in the same
/// text (زيلينسكي of وزيلينسكي in «فولوديمير زيلينسكي»).
const DOC_CB: u32 = 500;
/// Minimum number of letters a stem must keep; a two-letter stem must be a
/// name.
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

/// What the text says about the last letter of a word that segmentation
/// cannot see in the normalised form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordHints {
    /// The final ه was a teh marbuta ة: it is not the pronoun ه.
    pub final_teh_marbuta: bool,
    /// The final ي was an alef maksura ى: it is not the pronoun ي.
    pub final_alef_maksura: bool,
}

/// The cost in centibels of reading a word as a word on its own.
fn word_cost(k: Knowledge) -> u32 {
    let cb = k.centibels.map(u32::from);
    if k.name {
        return cb.unwrap_or(NAME_CB).min(NAME_CB);
    }
    if k.name_part {
        return cb.unwrap_or(NAME_PART_CB).min(NAME_PART_CB);
    }
    match cb {
        Some(cb) => cb,
        None if k.known => KNOWN_CB,
        None => UNKNOWN,
    }
}

/// Cost of `stem` as what is left after stripping affixes, or `None` when it
/// cannot be a stem.
fn stem_cost(stem: &str, vocab: &dyn Vocabulary, doc: &dyn Fn(&str) -> bool) -> Option<u32> {
    let n = char_len(stem);
    if n < MIN_STEM_CHARS {
        return None;
    }
    let k = vocab.knowledge(stem);
    if n == MIN_STEM_CHARS && !k.name {
        return None;
    }
    match word_cost(k) {
        UNKNOWN if doc(stem) => Some(DOC_CB),
        UNKNOWN => None,
        c => Some(c),
    }
}

/// Segments one normalised Arabic word into proclitics, article, stem and
/// enclitic, guarded by `vocab`.
///
/// Equivalent to [`segment_with`] without hints.
pub fn segment(word: &str, vocab: &dyn Vocabulary) -> Segmentation {
    segment_with(word, vocab, WordHints::default())
}

/// Segments one normalised Arabic word, guarded by `vocab`.
///
/// Policy:
/// 1. a name the vocabulary knows ([`Vocabulary::is_name`]) is never cut;
/// 2. every reading *proclitics + stem + enclitic* whose stem is known is
///    scored like a unigram model: the stem's frequency class (names count
///    as moderately frequent) plus the cost of each affix; the reading of the
///    whole word as it stands competes with its own frequency class, and the
///    cheapest reading wins (وبوتين → و + بوتين, but وزير stays whole because
///    زير is rare, and كانت stays whole because ك is a rare proclitic);
///    the contracted article is restored for the lookup (للكرملين → ل +
///    الكرملين); the enclitic ه is not considered when the text had ة;
/// 3. a word nobody knows keeps only its unambiguous affixes: the article ال
///    (after و ف ب ك, or contracted after ل) when at least three letters
///    follow.
///
/// The article ال at the start of the stem is always recognised when at
/// least two letters follow it.
pub fn segment_with(word: &str, vocab: &dyn Vocabulary, hints: WordHints) -> Segmentation {
    segment_in_text(word, vocab, hints, &|_| false)
}

/// [`segment_with`], also taking as evidence for a stem nobody knows that
/// `stands_alone(stem)`: the stem occurs as a word of its own elsewhere in
/// the text ([`tokenize`] passes the text's words). The evidence only
/// validates a split; it never protects a whole word.
pub fn segment_in_text(
    word: &str,
    vocab: &dyn Vocabulary,
    hints: WordHints,
    stands_alone: &dyn Fn(&str) -> bool,
) -> Segmentation {
    if !word.starts_with(is_arabic_letter) {
        return Segmentation::default();
    }
    let k = vocab.knowledge(word);
    if k.name {
        return with_article(0, word);
    }
    let whole = word_cost(k);
    let mut best = (whole, Segmentation::default());
    let mut consider = |cost: u32, seg: Segmentation| {
        if cost < best.0 {
            best = (cost, seg);
        }
    };
    let enclitics = ENCLITICS.iter().filter(|(e, _)| {
        let excluded =
            (hints.final_teh_marbuta && *e == "ه") || (hints.final_alef_maksura && *e == "ي");
        !excluded
    });
    let no_proclitic: &[(&str, u16)] = &[("", 0)];
    let mut restored = String::new();
    for &(p, p_cost) in no_proclitic.iter().chain(PROCLITICS) {
        let Some(rest) = strip_prefix_short(word, p) else {
            continue;
        };
        // The future prefix س only goes before an imperfect verb.
        if p.ends_with('س') && !rest.starts_with(['ي', 'ت', 'ن', 'ا']) {
            continue;
        }
        let no_enclitic: &[(&str, u16)] = &[("", 0)];
        for &(e, e_cost) in no_enclitic.iter().chain(enclitics.clone()) {
            if p.is_empty() && e.is_empty() {
                continue;
            }
            let Some(body) = strip_suffix_short(rest, e) else {
                continue;
            };
            let affix = u32::from(p_cost) + u32::from(e_cost);
            if let Some(c) = stem_cost(body, vocab, stands_alone) {
                let mut seg = with_article(p.len(), body);
                seg.enclitic_len = e.len();
                consider(affix + c, seg);
            }
            // ل + ال is written لل: للكرملين = ل + (ا)لكرملين.
            if p.ends_with('ل') {
                if let Some(r2) = body.strip_prefix('ل') {
                    if char_len(r2) >= MIN_STEM_CHARS {
                        restored.clear();
                        restored.push_str("ال");
                        restored.push_str(r2);
                        if let Some(c) = stem_cost(&restored, vocab, stands_alone) {
                            consider(
                                affix + c,
                                Segmentation {
                                    proclitic_len: p.len(),
                                    article_len: 'ل'.len_utf8(),
                                    contracted_article: true,
                                    enclitic_len: e.len(),
                                },
                            );
                        }
                    }
                }
            }
        }
    }
    if best.0 < whole || whole < UNKNOWN {
        // A reading was chosen, or the word is known as it stands.
        let mut seg = best.1;
        if seg == Segmentation::default() {
            seg = with_article(0, word);
        }
        return seg;
    }
    // 3. Unknown word: unambiguous affixes only.
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
    with_article(0, word)
}

/// `s.strip_prefix(p)` for a short `p`, comparing bytes from the end of `p`
/// (Arabic letters share their first byte) without a call to `memcmp`.
fn strip_prefix_short<'w>(s: &'w str, p: &str) -> Option<&'w str> {
    let (sb, pb) = (s.as_bytes(), p.as_bytes());
    if sb.len() < pb.len() || (0..pb.len()).rev().any(|i| sb[i] != pb[i]) {
        return None;
    }
    s.get(pb.len()..)
}

/// `s.strip_suffix(e)` for a short `e`, without a call to `memcmp`.
fn strip_suffix_short<'w>(s: &'w str, e: &str) -> Option<&'w str> {
    let (sb, eb) = (s.as_bytes(), e.as_bytes());
    let off = sb.len().checked_sub(eb.len())?;
    if (0..eb.len()).rev().any(|i| sb[off + i] != eb[i]) {
        return None;
    }
    s.get(..off)
}

/// Segmentation with `proclitic_len` bytes of proclitics before `rest`,
/// recognising an article at the start of `rest`.
fn with_article(proclitic_len: usize, rest: &str) -> Segmentation {
    let article_len = if rest.starts_with("ال") && char_len(rest) >= 2 + MIN_STEM_CHARS {
        "ال".len()
    } else {
        0
    };
    Segmentation {
        proclitic_len,
        article_len,
        contracted_article: false,
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

/// Splits the normalised text into tokens and segments Arabic clitics
/// ([`segment_in_text`], with the text's own words as evidence).
///
/// Whitespace and control characters (NUL …) are not tokens. Runs in linear
/// time in the text length
/// (segmentation looks at a bounded number of affixes per word).
pub fn tokenize(norm: &Normalized, vocab: &dyn Vocabulary) -> Vec<Token> {
    let text = norm.as_str();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut paragraph = 0u32;
    let mut sentence_start = true;
    let mut line_break = false;
    let mut arabic: Vec<usize> = Vec::new();
    for (start, piece) in text.split_word_bound_indices() {
        let first = piece.chars().next().unwrap_or(' ');
        if first.is_whitespace() || first.is_control() {
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
        } else if piece
            .chars()
            .any(|c| is_arabic_letter(c) || c.is_alphanumeric())
        {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let script = script_of(piece);
        let seg = if kind == TokenKind::Word && script == Script::Arabic {
            // Segmented below, once the text's words are known.
            arabic.push(tokens.len());
            Segmentation::default()
        } else if kind == TokenKind::Word && script == Script::Latin {
            // English possessive: Putin's, Putin’s.
            let enclitic_len = ["'s", "\u{2019}s"]
                .iter()
                .find(|e| piece.len() > e.len() + 1 && piece.ends_with(*e))
                .map_or(0, |e| e.len());
            Segmentation {
                enclitic_len,
                ..Segmentation::default()
            }
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
    // Arabic words, in their matching form; a word standing alone in the
    // text is evidence for the stem of a clitic-glued word.
    let words: Vec<Cow<'_, str>> = arabic
        .iter()
        .map(|&i| fold_to_matching(&text[tokens[i].norm.clone()], norm.options()))
        .collect();
    let alone: HashSet<&str> = words.iter().map(|w| w.as_ref()).collect();
    let stands_alone = |w: &str| alone.contains(w);
    for (&i, word) in arabic.iter().zip(&words) {
        let t = &mut tokens[i];
        let hints = word_hints(norm, &text[t.norm.clone()], t.norm.end);
        let seg = segment_in_text(word, vocab, hints, &stands_alone);
        t.proclitic_len = seg.proclitic_len as u8;
        t.article_len = seg.article_len as u8;
        t.contracted_article = seg.contracted_article;
        t.enclitic_len = seg.enclitic_len as u8;
    }
    tokens
}

/// What the original text says about the last letter of the word `piece`
/// (normalised, ending at `end`).
fn word_hints(norm: &Normalized, piece: &str, end: usize) -> WordHints {
    let last = end - piece.chars().next_back().map_or(0, char::len_utf8);
    let unfolded = piece
        .chars()
        .next_back()
        .filter(|c| matches!(c, '\u{0629}' | '\u{0649}'));
    let folded_letter = if piece.ends_with(['\u{0647}', '\u{064A}']) {
        norm.folded_from(last)
    } else {
        None
    };
    match folded_letter.or(unfolded) {
        Some('\u{0629}') => WordHints {
            final_teh_marbuta: true,
            ..WordHints::default()
        },
        Some('\u{0649}') => WordHints {
            final_alef_maksura: true,
            ..WordHints::default()
        },
        _ => WordHints::default(),
    }
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
