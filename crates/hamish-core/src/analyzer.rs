//! Combining the recognisers into one analysis.
//!
//! ## Evidence policy
//!
//! Four sources propose candidate spans; one rule decides among them.
//!
//! 1. **Reader** ([`ReaderLexicon`]): names the reader accepted or added
//!    are marked wherever they occur (confidence 1), unless another source
//!    found a longer name around that occurrence («البنك» accepted, «البنك
//!    التجاري» found); spans the reader rejected are never marked by any
//!    source. A name accepted on one of the most frequent words of the
//!    language (a function word such as «لا» or «في», see
//!    [`Knowledge::is_function_word`](crate::token::Knowledge::is_function_word)) is
//!    not carried to its other occurrences: the reader's own annotation
//!    stays where they made it, but «لا» in «لا ليغا» marked MISC must not
//!    make every negation a name, nor «علي» (Ali) accepted as a person every
//!    «على» ("on", which matches it once ى and ي are folded).
//! 2. **Rules**: the temporal grammar (dates, times, durations, sets).
//! 3. **Model + lexicon**: the statistical tagger sees every lexicon match
//!    as a feature, so its output *is* the combination of the lexicon and
//!    the context, and its decision stands: each span it tags is reported
//!    with its calibrated confidence (forward–backward marginal, calibrated
//!    on held-out data) and source `model`; when a lexicon name of the same
//!    type covers exactly the same span, the annotation is reported as
//!    `lexicon` with the entry's link (the model's confidence is kept).
//!    A lexicon type does not override the model's (measured on the
//!    ANERcorp dev split: it costs about 2 F1 points — cities as sports
//!    clubs, place names inside organisation names).
//! 4. **Lexicon alone**: a curated person, organisation or other name the
//!    model did not tag, overlapping no model span, is added with source
//!    `lexicon` and confidence [`LEXICON_ONLY_CONFIDENCE`]; place names are
//!    not (the generated GeoNames list holds ambiguous words, and the model
//!    saw them as features). Where no model could be loaded for the
//!    paragraph's language, every lexicon name match is added (and
//!    [`Analysis::warnings`] says so).
//!
//! The last word of a person's name of two or more words («فولوديمير
//! زيلينسكي») is that person wherever it recurs untagged in the document
//! («بوتين وزيلينسكي»): one person per discourse, source `model`,
//! confidence [`SPREAD_CONFIDENCE`] (as for every name spread below); not
//! where the word is a common word («الثاني» of «عبدالله الثاني»), nor
//! where a function word is spelled otherwise («على» "on" is «علي» Ali
//! once ى is folded), nor from a name cut short at a linking word («ولد»),
//! a surname that is a place's adjective («المصري»), or a "name" that
//! starts with a common adjective («الهجري القمري», the lunar calendar).
//! A one-word model name (not a person) that is a place's adjective and no
//! lexicon name («الصومالي», "Somali") is dropped.
//! A person span does not end with an indefinite accusative noun («حجاج عبد
//! العظيم برنامجا»: "… a programme").
//! Likewise a person's name of two or more words is whole wherever the same
//! words recur and the model tagged only part of them («توفيق» of «توفيق
//! الحكيم»), unless it starts with a place or holds a place's adjective.
//! And a one-word name of any type the model tags with confidence 0.4 or
//! more (in Latin script, a capitalised word) is that name where the word
//! recurs untagged («محافظة خراسان»
//! tagged, «إقليم خراسان» missed), unless the model gives the word two
//! types in the document, recurs more than six times besides, or is a
//! common word or a place's adjective.
//!
//! Two or more lexicon names that together make up a model span exactly
//! («بوتين موسكو», «موسكو وكييف» tagged as one name) replace it, with the
//! lexicon's types. Conversely, one lexicon name (not a place) made up
//! exactly of two or more model spans separated by white space, one of them
//! of the name's type («ريال» ORG + «مدريد» LOC), replaces them: the club
//! «ريال مدريد». A person the model tags from «بن» or «بنت» starts one word
//! earlier at a given name or an unknown word («علي بن أبي طالب»). A place or organisation of the lexicon (no name part) at
//! either end of a person span that leaves two words or more, not after a
//! particle («دي», «بن» …), is split off with its type: «بوريس يلتسين
//! الكرملين» is Yeltsin and the Kremlin (and «يلتسين» then recurs as him).
//!
//! No model name ends with a punctuation mark, and an acronym spelled in
//! letter names with full stops («بي. بي. سي», «إف . بي . آي») is one name
//! where any of its letters was found as one.
//!
//! Overlaps are resolved by priority (reader, rules, model/lexicon spans,
//! lexicon-only spans), then length (longer wins), then position (earlier
//! wins). The surviving annotations never overlap.
//!
//! ## Name spans and clitics
//!
//! A name span starts where its first token's name starts: after
//! segmented proclitics (بوتين in وبوتين, الكرملين in بالكرملين). When the
//! tokenizer left a word unsegmented because it did not know the stem
//! (وبيسكوف), the span skips a leading و/ف/ب/ل (or وب/ول/فب/فل) when the
//! remainder has at least three letters and is known: the lexicon knows it,
//! the model's name list (names seen in training) has it, or it occurs on
//! its own elsewhere in the same document ([`crate::tagger::features::trim`]),
//! unless the whole word is a name: a lexicon name whose rest is none or a
//! rarer one («باريس», not «ب» + the given name «اريس»; «بكين» Beijing), or
//! a given or family name whose rest is no name part («وصفي»); nor where
//! the whole word is a known word at least as frequent as the rest («بطولة»).
//! A word the tokenizer segmented keeps its letter where the rest is no
//! known word, never stands alone in the document and the whole word recurs
//! («فرويد», Freud), and a lone «ك» stays in the name («كوفي أنان») unless
//! the rest is a known word with the article («كالحرب»). A name ends before
//! an enclitic pronoun, except ي, ه, ك and نا, which end many names
//! («خاتمي», «عبده», «سولانا»).
//! A person span is split before an inner word that starts with the
//! conjunction و («بوتين وزيلينسكي» is two people): segmented, or with the
//! evidence above, or right after a word that is a lexicon name on its own
//! («بوتين»); never right after a word the name goes on after («بن»,
//! «أبي», «عبد» …: «سعد بن أبي وقاص» is one person). A word that is a
//! given or family name as a whole while the
//! rest after its first letter is none («وصفي», «وجيه») keeps that letter
//! and splits nothing.
//!
//! A bare month name (one word, no digits) that the model tags on its own
//! as an organisation is that organisation («نيسان»: Nissan, not April),
//! except after a word that asks for a time («في نيسان», «منذ نيسان»);
//! otherwise dates win over model spans they overlap.

use std::ops::Range;
use std::sync::OnceLock;

use crate::analysis::{Analysis, Annotation, EntityType, Lang, Link, Options, Source};
use crate::lexicon::{LexKind, Lexicon};
use crate::normalize::{NormOptions, Normalized};
use crate::tagger::features::{self, Context, Features};
use crate::tagger::hash::{fnv, HashMap};
use crate::tagger::{Correction, Model, ModelError, ReaderLexicon, Tag, NUM_TAGS};
use crate::temporal;
use crate::token::{tokenize, Script, Token, TokenKind, Vocabulary};

/// At most this many learning steps per corrected sentence
/// ([`Model::learn_sentence`]).
pub const LEARN_ROUNDS: usize = 30;

/// Words (normalised, without clitics) after which a month name is a date
/// even where the model tags it as an organisation («في نيسان»).
const TIME_PREPOSITIONS: &[&str] = &[
    "في",
    "منذ",
    "خلال",
    "حتي",
    "قبل",
    "بعد",
    "من",
    "الي",
    "مطلع",
    "اوائل",
    "اواسط",
    "اواخر",
    "منتصف",
    "نهايه",
    "بدايه",
    "اول",
    "اخر",
    "شهر",
    "شهري",
    "مع",
    "طوال",
    "اثناء",
    "اعتبارا",
];

/// Confidence of a lexicon name match the model did not tag.
pub const LEXICON_ONLY_CONFIDENCE: f32 = 0.6;

/// Confidence of a name the policy spreads from its other mentions in the
/// document (a surname, a completed name, a recurring one-word name). Over
/// ten folds of ANERcorp (`bench/ner/cv.sh`), 189 of the 260 spread names
/// were right (0.73); the model's own spans are calibrated on the same
/// kind of held-out text.
pub const SPREAD_CONFIDENCE: f32 = 0.7;

/// Whether `confidence` is one of the policy's constants
/// ([`LEXICON_ONLY_CONFIDENCE`], [`SPREAD_CONFIDENCE`]) rather than a
/// calibrated model confidence: the calibration is fitted without them.
pub(crate) fn is_policy_constant(confidence: f32) -> bool {
    confidence == LEXICON_ONLY_CONFIDENCE || confidence == SPREAD_CONFIDENCE
}

/// The bundled Arabic model (trained on ANERcorp; see NOTICE).
pub const BUNDLED_AR_MODEL: &[u8] = include_bytes!("../models/ar.hmnr");
/// The bundled English model (trained on wikigold and WNUT-17).
pub const BUNDLED_EN_MODEL: &[u8] = include_bytes!("../models/en.hmnr");

/// The analyser: lexicons, models and the reader's decisions.
#[derive(Debug, Clone)]
pub struct Analyzer {
    lexicon: &'static Lexicon,
    ar: Result<Model, ModelError>,
    en: Result<Model, ModelError>,
    reader: ReaderLexicon,
}

/// What [`Analyzer::learn`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LearnReport {
    /// Sentences the model was updated on.
    pub sentences: usize,
    /// Learning steps taken on the model (0 when it was already sure of
    /// the reader's tags).
    pub updates: usize,
    /// Decisions recorded in the reader lexicon.
    pub decisions: usize,
}

/// What one [`Analyzer::learn_undoable`] changed, to take it back with
/// [`Analyzer::unlearn`] (the widget does when the reader undoes the
/// correction that taught it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unlearn {
    /// Reader-lexicon surfaces with their decision before the change, in
    /// the order they were changed.
    reader: Vec<(String, Option<Option<EntityType>>)>,
    ar: crate::tagger::model::ModelUndo,
    en: crate::tagger::model::ModelUndo,
}

impl Unlearn {
    /// Whether the learning changed nothing.
    pub fn is_empty(&self) -> bool {
        self.reader.is_empty() && self.ar.is_empty() && self.en.is_empty()
    }
}

impl Analyzer {
    /// The analyser with the bundled lexicons and models, built on first use.
    pub fn bundled() -> &'static Analyzer {
        static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
        ANALYZER.get_or_init(Analyzer::new)
    }

    /// A new analyser with the bundled lexicons and models (for callers that
    /// learn from corrections and so need their own copy).
    pub fn new() -> Analyzer {
        Analyzer::with_models(
            Model::from_bytes(BUNDLED_AR_MODEL),
            Model::from_bytes(BUNDLED_EN_MODEL),
        )
    }

    /// An analyser with the given models (or load errors, which make it fall
    /// back to the lexicon and rules and say so in every analysis).
    pub fn with_models(ar: Result<Model, ModelError>, en: Result<Model, ModelError>) -> Analyzer {
        Analyzer {
            lexicon: Lexicon::bundled(),
            ar,
            en,
            reader: ReaderLexicon::new(),
        }
    }

    /// An analyser whose models are loaded from bytes (e.g. fetched by the
    /// widget). A model that fails to load is reported in
    /// [`Analysis::warnings`].
    pub fn from_model_bytes(ar: &[u8], en: &[u8]) -> Analyzer {
        Analyzer::with_models(Model::from_bytes(ar), Model::from_bytes(en))
    }

    /// The model for `lang` (Arabic for `Auto`), or why it failed to load.
    pub fn model(&self, lang: Lang) -> Result<&Model, &ModelError> {
        match lang {
            Lang::En => self.en.as_ref(),
            _ => self.ar.as_ref(),
        }
    }

    /// Replaces the model for `lang` (Arabic for `Auto`), e.g. with one
    /// downloaded after start-up; an error makes that language fall back to
    /// the lexicon and rules, as with a model that failed to load.
    pub fn set_model(&mut self, lang: Lang, model: Result<Model, ModelError>) {
        match lang {
            Lang::En => self.en = model,
            _ => self.ar = model,
        }
    }

    /// The model for `lang`, mutable (to restore learned state).
    pub fn model_mut(&mut self, lang: Lang) -> Option<&mut Model> {
        match lang {
            Lang::En => self.en.as_mut().ok(),
            _ => self.ar.as_mut().ok(),
        }
    }

    /// The reader's decisions.
    pub fn reader_lexicon(&self) -> &ReaderLexicon {
        &self.reader
    }

    /// Replaces the reader's decisions (e.g. loaded from storage).
    pub fn set_reader_lexicon(&mut self, reader: ReaderLexicon) {
        self.reader = reader;
    }

    /// Analyses `text`. Deterministic: the same text, options, models and
    /// reader decisions give the same annotations on every platform.
    pub fn analyze(&self, text: &str, options: &Options) -> Analysis {
        let norm = Normalized::new(text, NormOptions::default());
        let tokens = tokenize(&norm, self.lexicon);
        let langs = paragraph_languages(&tokens, options.lang);
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut warnings = Vec::new();

        // Reader decisions.
        let mut rejected: Vec<Range<usize>> = Vec::new();
        for (r, kind) in self.reader.find(&norm, &tokens) {
            if kind.is_some() && self.is_function_word(&norm.as_str()[r.clone()]) {
                continue;
            }
            let span = norm.to_original(r);
            match kind {
                Some(kind) => candidates.push(Candidate {
                    priority: 4,
                    ann: Annotation {
                        start: span.start,
                        end: span.end,
                        kind,
                        value: None,
                        confidence: 1.0,
                        source: Source::Reader,
                        link: None,
                        note: None,
                    },
                }),
                None => rejected.push(span),
            }
        }

        for t in temporal::find(&norm, &tokens, options.reference_date) {
            let span = norm.to_original(t.norm);
            candidates.push(Candidate {
                priority: 3,
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

        let lex = lexicon_names(self.lexicon, &norm, &tokens);
        // The model, per run of paragraphs in one language.
        // Original-text ranges the model tagged, with their types.
        let mut model_spans: Vec<(Range<usize>, EntityType)> = Vec::new();
        // Original-text ranges a model tagged.
        let mut ran: Vec<Range<usize>> = Vec::new();
        let mut warned = [false; 2];
        for (range, lang) in language_runs(&tokens, &langs) {
            let (model, wi) = match lang {
                Lang::En => (&self.en, 1),
                _ => (&self.ar, 0),
            };
            let model = match model {
                Ok(m) => m,
                Err(e) => {
                    if !warned[wi] {
                        warned[wi] = true;
                        warnings.push(format!(
                            "the {} name model could not be loaded ({e}); names are found \
                             from the lexicon and rules only",
                            if wi == 0 { "Arabic" } else { "English" }
                        ));
                    }
                    continue;
                }
            };
            let toks = &tokens[range.clone()];
            if let (Some(f), Some(l)) = (toks.first(), toks.last()) {
                ran.push(f.span.start..l.span.end);
            }
            for s in self.tag_tokens(model, &norm, toks) {
                let mut span = norm.to_original(s.norm.clone());
                if span.start >= span.end {
                    continue;
                }
                // A place's adjective alone is no place nor organisation
                // («الصومالي», "Somali", tagged LOC).
                if s.kind != EntityType::Per
                    && !text[span.clone()].contains(char::is_whitespace)
                    && is_place_adjective(&norm.as_str()[s.norm.clone()], self.lexicon)
                {
                    continue;
                }
                // A place or organisation of the lexicon that starts or ends
                // a person's span of two more words is no part of the name.
                if s.kind == EntityType::Per {
                    let split = lexicon_tail(text, &lex, &span, self.lexicon)
                        .or_else(|| lexicon_head(text, &lex, &span, self.lexicon));
                    if let Some((person, (r, kind, link))) = split {
                        model_spans.push((r.clone(), kind));
                        candidates.push(Candidate::lexicon(2, r, kind, link));
                        span = person;
                    }
                }
                // Two or more lexicon names that together make up exactly
                // this span («بوتين موسكو») are those names.
                if let Some(parts) = lexicon_tiling(text, &lex, &span) {
                    model_spans.push((span.clone(), s.kind));
                    for (r, kind, link) in parts {
                        candidates.push(Candidate::lexicon(2, r, kind, link));
                    }
                    continue;
                }
                // A lexicon name of the same type covering exactly this span
                // gives its link.
                let same = lex_starting_in(&lex, &span)
                    .iter()
                    .find(|(r, k, _)| *r == span && *k == s.kind)
                    .map(|(_, _, l)| l.clone());
                model_spans.push((span.clone(), s.kind));
                let (kind, source, link, confidence) = match same {
                    Some(l) => (s.kind, Source::Lexicon, Some(l), s.confidence),
                    None => (s.kind, Source::Model, None, s.confidence),
                };
                candidates.push(Candidate {
                    priority: 2,
                    ann: Annotation {
                        start: span.start,
                        end: span.end,
                        kind,
                        value: None,
                        confidence,
                        source,
                        link,
                        note: None,
                    },
                });
            }
        }
        model_spans.sort_by_key(|(r, _)| (r.start, r.end));
        for (span, kind, link) in lex {
            let model_ran = ran
                .iter()
                .any(|r| r.start <= span.start && span.start < r.end);
            if model_ran && kind == EntityType::Loc {
                continue;
            }
            let i = model_spans.partition_point(|(r, _)| r.end <= span.start);
            let overlaps = model_spans.get(i).is_some_and(|(r, _)| r.start < span.end);
            if overlaps {
                // One lexicon name made of two or more model spans side by
                // side, one of them of its type («ريال» ORG + «مدريد» LOC),
                // is that name.
                if joins_model_spans(text, &model_spans[i..], &span, kind) {
                    candidates.push(Candidate::lexicon(2, span, kind, link));
                }
                continue;
            }
            candidates.push(Candidate::lexicon(1, span, kind, link));
        }
        // A bare month name (one word, no digits) that the model tags on its
        // own as an organisation is that organisation: «نيسان» is Nissan in
        // «تقدم نيسان «أورفان»», not April. Longer dates still win.
        candidates.retain(|c| {
            if c.ann.source != Source::Rule {
                return true;
            }
            let w = &text[c.ann.start..c.ann.end];
            if w.contains(|ch: char| ch.is_whitespace() || ch.is_numeric()) {
                return true;
            }
            let r = c.ann.start..c.ann.end;
            // Not after a word that asks for a time: «في نيسان», «منذ نيسان».
            let t = tokens.partition_point(|t| t.span.start < r.start);
            if t > 0 && tokens[t - 1].kind == TokenKind::Word {
                let prev = &tokens[t - 1];
                let w = &norm.as_str()[prev.name_norm()];
                if TIME_PREPOSITIONS.contains(&w) {
                    return true;
                }
            }
            let i = model_spans.partition_point(|(m, _)| (m.start, m.end) < (r.start, r.end));
            !model_spans
                .get(i)
                .is_some_and(|(m, k)| *m == r && *k == EntityType::Org)
        });
        dotted_acronyms(&norm, &tokens, &mut candidates);
        complete_names(&norm, &tokens, &mut candidates, self.lexicon);
        recurring_surnames(&norm, &tokens, &mut candidates, self.lexicon);
        recurring_names(&norm, &tokens, &mut candidates, self.lexicon);
        // A reader decision applied to another occurrence yields to a longer
        // name found there («البنك» inside «البنك التجاري»).
        {
            let mut longer: Vec<(usize, usize)> = candidates
                .iter()
                .filter(|c| c.ann.source != Source::Reader)
                .map(|c| (c.ann.start, c.ann.end))
                .collect();
            longer.sort_unstable();
            // prefix_end[i]: the largest end among longer[..i].
            let mut prefix_end = Vec::with_capacity(longer.len() + 1);
            prefix_end.push(0usize);
            for &(_, e) in &longer {
                let m = *prefix_end.last().expect("non-empty");
                prefix_end.push(m.max(e));
            }
            candidates.retain(|c| {
                if c.ann.source != Source::Reader {
                    return true;
                }
                let (cs, ce) = (c.ann.start, c.ann.end);
                // Strictly longer and containing: starts before and ends at
                // or after, or starts at the same place and ends after.
                let before = longer.partition_point(|&(s, _)| s < cs);
                let same = longer.partition_point(|&(s, _)| s <= cs);
                let contained =
                    prefix_end[before] >= ce || longer[before..same].iter().any(|&(_, e)| e > ce);
                !contained
            });
        }
        if !rejected.is_empty() {
            // Rejected occurrences do not overlap; sorted by start.
            rejected.sort_by_key(|r| r.start);
            candidates.retain(|c| {
                let i = rejected.partition_point(|r| r.start <= c.ann.start);
                c.ann.source == Source::Reader || i == 0 || rejected[i - 1].end < c.ann.end
            });
        }
        Analysis {
            annotations: resolve(candidates),
            warnings,
        }
    }

    /// Whether the normalised `surface` is one function word (see
    /// [`Knowledge::is_function_word`](crate::token::Knowledge::is_function_word)).
    fn is_function_word(&self, surface: &str) -> bool {
        if surface.contains(char::is_whitespace) {
            return false;
        }
        let key = crate::normalize::fold_to_matching(surface, NormOptions::default());
        self.lexicon.knowledge(&key).is_function_word()
    }

    /// Runs `model` over `tokens` (one document in one language) and returns
    /// name spans in normalised bytes, trimmed of clitics.
    fn tag_tokens(&self, model: &Model, norm: &Normalized, tokens: &[Token]) -> Vec<NameSpan> {
        if tokens.is_empty() {
            return Vec::new();
        }
        let sentences = sentences_of(norm, tokens);
        let ctx = Context {
            lexicon: self.lexicon,
            names: model.names(),
        };
        let feats = features::extract(norm, tokens, &sentences, &ctx);
        let feats = model.final_features(norm, tokens, &sentences, feats);
        let em = model.emissions(&feats);
        let forms = features::doc_forms(norm, tokens);
        let words = doc_words(norm, tokens);
        let mut out = Vec::new();
        for r in &sentences {
            let (_, spans) = model.spans(&em[r.start * NUM_TAGS..r.end * NUM_TAGS]);
            for s in spans {
                let Some(kind) = s.tag.kind() else { continue };
                // «بن أبي طالب» after «علي»: the name starts one word earlier.
                let mut s = s;
                if kind == EntityType::Per
                    && s.start > 0
                    && given_name_before(norm, &tokens[r.start + s.start - 1..], self.lexicon)
                {
                    s.start -= 1;
                }
                // A person's name never contains the conjunction و: split
                // «بوتين وزيلينسكي» into two names. Pieces: (first token,
                // whether its leading و is the conjunction).
                let mut pieces = vec![(r.start + s.start, false)];
                if kind == EntityType::Per {
                    let inner = r.start + s.start + 1..r.start + s.end;
                    for (k, t) in tokens[inner.clone()].iter().enumerate() {
                        let i = inner.start + k;
                        // After «بن», «أبي», «عبد» … the name goes on:
                        // «سعد بن أبي وقاص» is one person.
                        if LINKS_TO_NEXT.contains(&&norm.as_str()[tokens[i - 1].norm.clone()]) {
                            continue;
                        }
                        if starts_with_conjunction(norm, t, &ctx, &forms) {
                            pieces.push((i, false));
                        } else if follows_a_name(norm, &tokens[i - 1], t, self.lexicon) {
                            pieces.push((i, true));
                        }
                    }
                }
                pieces.push((r.start + s.end, false));
                for w in pieces.windows(2) {
                    // «حجاج عبد العظيم برنامجا»: an indefinite accusative
                    // noun («برنامجاً», "a programme") ends no name.
                    let mut b = without_final_punct(tokens, w[0].0..w[1].0);
                    if kind == EntityType::Per {
                        while b - w[0].0 >= 2
                            && is_accusative_noun(norm, &tokens[b - 1], self.lexicon)
                        {
                            b -= 1;
                        }
                    }
                    let first = &tokens[w[0].0];
                    let start = if w[0].1 {
                        first.norm.start + 'و'.len_utf8()
                    } else {
                        name_start(norm, first, &ctx, &forms, &words)
                    };
                    let end = name_end(norm, &tokens[b - 1]);
                    if start < end {
                        out.push(NameSpan {
                            norm: start..end,
                            kind,
                            confidence: s.confidence,
                        });
                    }
                }
            }
        }
        out
    }

    /// Updates the reader lexicon and the model from a corrected `text`
    /// (a sentence or paragraph as analysed with `options`). Spans must lie
    /// on character boundaries of `text`.
    pub fn learn(
        &mut self,
        text: &str,
        options: &Options,
        correction: &Correction,
    ) -> Result<LearnReport, String> {
        self.learn_undoable(text, options, correction)
            .map(|(report, _)| report)
    }

    /// [`Analyzer::learn`], also returning what it changed so that
    /// [`Analyzer::unlearn`] can take it back.
    pub fn learn_undoable(
        &mut self,
        text: &str,
        options: &Options,
        correction: &Correction,
    ) -> Result<(LearnReport, Unlearn), String> {
        for s in &correction.spans {
            if s.start >= s.end
                || s.end > text.len()
                || !text.is_char_boundary(s.start)
                || !text.is_char_boundary(s.end)
            {
                return Err(format!(
                    "span {}..{} is not a non-empty range on character boundaries of the \
                     {}-byte text",
                    s.start,
                    s.end,
                    text.len()
                ));
            }
        }
        let mut report = LearnReport::default();
        let mut undo = Unlearn::default();
        for s in &correction.spans {
            let surface = &text[s.start..s.end];
            let before = self.reader.get(surface);
            if self.reader.set(surface, s.kind) {
                undo.reader.push((surface.to_owned(), before));
                report.decisions += 1;
            }
        }
        let norm = Normalized::new(text, NormOptions::default());
        let tokens = tokenize(&norm, self.lexicon);
        let langs = paragraph_languages(&tokens, options.lang);
        for (range, lang) in language_runs(&tokens, &langs) {
            let lexicon = self.lexicon;
            let (model, model_undo) = match lang {
                Lang::En => (self.en.as_mut(), &mut undo.en),
                _ => (self.ar.as_mut(), &mut undo.ar),
            };
            let Ok(model) = model else { continue };
            let toks = &tokens[range.clone()];
            let sentences = sentences_of(&norm, toks);
            let ctx = Context {
                lexicon,
                names: &model.names().clone(),
            };
            let feats = features::extract(&norm, toks, &sentences, &ctx);
            let feats = model.final_features(&norm, toks, &sentences, feats);
            let em = model.emissions(&feats);
            let step = model.typical_weight();
            for r in &sentences {
                let touched = |t: &Token| {
                    let sp = t.span.clone();
                    correction
                        .spans
                        .iter()
                        .any(|s| s.start < sp.end && sp.start < s.end)
                };
                if !correction.complete && !toks[r.clone()].iter().any(touched) {
                    continue;
                }
                let mut gold = if correction.complete {
                    vec![Tag::O; r.len()]
                } else {
                    model.viterbi(&em[r.start * NUM_TAGS..r.end * NUM_TAGS])
                };
                // Which tokens' tags are the reader's (the rest keep the
                // model's own tags, which learning leaves alone).
                let mut said = vec![correction.complete; r.len()];
                // Rejections first, so that a name the reader marked inside
                // a rejected span keeps its tags.
                let ordered = correction
                    .spans
                    .iter()
                    .filter(|s| s.kind.is_none())
                    .chain(correction.spans.iter().filter(|s| s.kind.is_some()));
                for s in ordered {
                    let mut first = true;
                    let mut last = None;
                    for (k, t) in toks[r.clone()].iter().enumerate() {
                        if t.kind == TokenKind::Punct && first {
                            continue;
                        }
                        if !(s.start < t.span.end && t.span.start < s.end) {
                            continue;
                        }
                        gold[k] = match s.kind.and_then(Tag::begin) {
                            Some(b) if first => b,
                            Some(b) => Tag(b.0 + 1),
                            None => Tag::O,
                        };
                        said[k] = true;
                        first = false;
                        last = Some(k);
                    }
                    // A name ends where the reader ended it.
                    if let (Some(k), Some(b)) = (last, s.kind.and_then(Tag::begin)) {
                        if gold.get(k + 1) == Some(&Tag(b.0 + 1)) {
                            gold[k + 1] = Tag::O;
                            said[k + 1] = true;
                        }
                    }
                }
                // Clear I- tags left dangling by a rejection.
                for k in 0..gold.len() {
                    let prev = if k == 0 { None } else { Some(gold[k - 1]) };
                    if !gold[k].may_follow(prev) {
                        gold[k] = gold[k].kind().and_then(Tag::begin).unwrap_or(Tag::O);
                        said[k] = true;
                    }
                }
                let sub = sub_features(&feats, r.clone());
                report.updates += model.learn_sentence_undoable(
                    &sub,
                    &gold,
                    &said,
                    step,
                    LEARN_ROUNDS,
                    model_undo,
                );
                report.sentences += 1;
            }
        }
        Ok((report, undo))
    }

    /// Takes back what one [`Analyzer::learn_undoable`] changed: the reader
    /// lexicon's decisions and the models' learned rows are as they were
    /// before it. Undo the most recent learning first: taking back an older
    /// one restores rows a later learning may have changed since.
    pub fn unlearn(&mut self, undo: &Unlearn) {
        for (surface, before) in undo.reader.iter().rev() {
            self.reader.put_back(surface, *before);
        }
        if let Ok(m) = self.ar.as_mut() {
            m.unlearn(&undo.ar);
        }
        if let Ok(m) = self.en.as_mut() {
            m.unlearn(&undo.en);
        }
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

/// A name the tagger found (see [`Analyzer::find_names`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FoundName {
    /// Start, in UTF-8 bytes of the text.
    pub start: usize,
    /// End (exclusive), in UTF-8 bytes.
    pub end: usize,
    /// The type.
    pub kind: EntityType,
    /// Calibrated probability that the span and type are right.
    pub confidence: f32,
}

impl Analyzer {
    /// The tagger alone on `text` in `lang` (normalise, tokenise, features,
    /// decode): the names with their calibrated confidences, clitics
    /// trimmed; no lexicon-only spans, rules or reader decisions.
    pub fn find_names(&self, text: &str, lang: Lang) -> Result<Vec<FoundName>, ModelError> {
        let model = self.model(lang).map_err(Clone::clone)?;
        let norm = Normalized::new(text, NormOptions::default());
        let tokens = tokenize(&norm, self.lexicon);
        Ok(self
            .tag_tokens(model, &norm, &tokens)
            .into_iter()
            .map(|n| {
                let r = norm.to_original(n.norm);
                FoundName {
                    start: r.start,
                    end: r.end,
                    kind: n.kind,
                    confidence: n.confidence,
                }
            })
            .collect())
    }

    /// Analyses a corpus document (its tokens joined by spaces, one
    /// sentence per line) in `lang` and projects the name annotations onto
    /// its tokens: what `hamish eval` and `hamish tag` score and print.
    pub fn tag_corpus_document(&self, doc: &crate::tagger::Document, lang: Lang) -> Vec<Vec<Tag>> {
        let p = crate::tagger::prepare(doc, self.lexicon);
        let a = self.analyze(
            &p.text,
            &Options {
                lang,
                reference_date: None,
            },
        );
        let names: Vec<(Range<usize>, EntityType)> = a
            .annotations
            .iter()
            .filter(|a| !a.kind.is_temporal())
            .map(|a| (a.range(), a.kind))
            .collect();
        crate::tagger::project(&p, doc, &names)
    }

    /// The name annotations of a corpus document (analysed as in
    /// [`Analyzer::tag_corpus_document`]), each with whether it is right: a
    /// gold name covers exactly its corpus tokens, with its type. What the
    /// confidences are calibrated against.
    pub fn name_outcomes(
        &self,
        doc: &crate::tagger::Document,
        lang: Lang,
    ) -> Vec<(Annotation, bool)> {
        let p = crate::tagger::prepare(doc, self.lexicon);
        let a = self.analyze(
            &p.text,
            &Options {
                lang,
                reference_date: None,
            },
        );
        // Gold spans over corpus-token indices of the document.
        let mut gold = Vec::new();
        let mut base = 0;
        for s in &doc.sentences {
            for (x, y, t) in crate::tagger::model::spans_of(&s.tags) {
                gold.push((base + x, base + y, t.kind()));
            }
            base += s.tokens.len();
        }
        a.annotations
            .into_iter()
            .filter(|a| !a.kind.is_temporal())
            .map(|ann| {
                let first = p.corpus_spans.partition_point(|s| s.end <= ann.start);
                let last = p.corpus_spans.partition_point(|s| s.start < ann.end);
                let ok = gold.contains(&(first, last, Some(ann.kind)));
                (ann, ok)
            })
            .collect()
    }
}

/// A tagged name in normalised bytes.
#[derive(Debug, Clone, PartialEq)]
struct NameSpan {
    norm: Range<usize>,
    kind: EntityType,
    confidence: f32,
}

/// Whether `t[0]` is the given name of a person's name that the model
/// started at `t[1]`, «بن» or «بنت» («علي بن أبي طالب» tagged from «بن»): an
/// Arabic word that is a given or family name or unknown to the lexicon,
/// and no lexicon name («مرمى بن فوستر», the goal of Ben Foster, is not
/// extended; «ابن بطوطة» starts a name itself).
fn given_name_before(norm: &Normalized, t: &[Token], vocab: &dyn Vocabulary) -> bool {
    let [prev, first, ..] = t else {
        return false;
    };
    let text = norm.as_str();
    let k = vocab.knowledge(&text[prev.name_norm()]);
    matches!(&text[first.norm.clone()], "بن" | "بنت")
        && prev.script == Script::Arabic
        && prev.kind == TokenKind::Word
        && (k.name_part || k.centibels.is_none())
        && !k.name
}

/// One name per discourse: where the model tagged part of an Arabic person's
/// name that it tagged whole elsewhere in the document («توفيق» of «توفيق
/// الحكيم»), the whole name is that person.
fn complete_names(
    norm: &Normalized,
    tokens: &[Token],
    candidates: &mut Vec<Candidate>,
    vocab: &dyn Vocabulary,
) {
    let text = norm.as_str();
    let starts: Vec<usize> = tokens.iter().map(|t| t.span.start).collect();
    let word = |i: usize, first: bool| {
        let t = &tokens[i];
        if first {
            &text[t.name_norm()]
        } else {
            &text[t.norm.clone()]
        }
    };
    let persons: Vec<(usize, usize, f32)> = candidates
        .iter()
        .filter(|c| c.ann.kind == EntityType::Per && c.priority == 2)
        .map(|c| (c.ann.start, c.ann.end, c.ann.confidence))
        .collect();
    let mut names: Vec<Vec<&str>> = candidates
        .iter()
        .filter(|c| c.ann.kind == EntityType::Per && c.priority == 2)
        .filter_map(|c| token_range(&starts, c))
        .filter(|r| {
            r.len() >= 2
                && tokens[r.clone()]
                    .iter()
                    .all(|t| t.kind == TokenKind::Word && t.script == Script::Arabic)
        })
        .map(|r| r.clone().map(|i| word(i, i == r.start)).collect())
        .collect();
    // Not a "name" that starts with a place («المغرب الفاسي») or has a
    // place's adjective in it («عزام الأميركي»).
    names.retain(|n| {
        let k = vocab.knowledge(n[0]);
        (!k.name || k.name_part) && !n.iter().any(|w| is_nisba_of_name(w, vocab))
    });
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        return;
    }
    let mut add = Vec::new();
    for i in 0..tokens.len() {
        if tokens[i].kind != TokenKind::Word {
            continue;
        }
        let w0 = word(i, true);
        for name in names.iter().filter(|n| n[0] == w0) {
            let end = i + name.len();
            if end > tokens.len() || (1..name.len()).any(|k| word(i + k, false) != name[k]) {
                continue;
            }
            let span =
                norm.to_original(tokens[i].name_norm().start..name_end(norm, &tokens[end - 1]));
            let inside = persons.iter().find(|&&(s, e, _)| {
                span.start <= s && e <= span.end && e - s < span.end - span.start
            });
            let same = persons
                .iter()
                .any(|&(s, e, _)| s == span.start && e == span.end);
            if let (Some(&(_, _, confidence)), false) = (inside, same) {
                add.push(Candidate {
                    priority: 2,
                    ann: Annotation {
                        start: span.start,
                        end: span.end,
                        kind: EntityType::Per,
                        value: None,
                        confidence,
                        source: Source::Model,
                        link: None,
                        note: None,
                    },
                });
            }
        }
    }
    candidates.extend(add);
}

/// Whether word token `t` is an indefinite accusative noun: a known common
/// word of three letters or more plus the alef of the accusative
/// («برنامجا», «بديلا», «اجتماعا»), and no name or name part itself nor
/// without the alef («ماريا» is «ماري» + ا, a name part).
fn is_accusative_noun(norm: &Normalized, t: &Token, vocab: &dyn Vocabulary) -> bool {
    if t.script != Script::Arabic || t.kind != TokenKind::Word {
        return false;
    }
    let w = &norm.as_str()[t.norm.clone()];
    let Some(stem) = w.strip_suffix('ا') else {
        return false;
    };
    let k = vocab.knowledge(w);
    let ks = vocab.knowledge(stem);
    stem.chars().count() >= 3
        && !k.name
        && !k.name_part
        && !ks.name
        && !ks.name_part
        && ks.centibels.is_some()
}

/// The document's Arabic words as written (with their clitics), counted
/// by hash.
fn doc_words(norm: &Normalized, tokens: &[Token]) -> HashMap<u64, u32> {
    let mut words: HashMap<u64, u32> = HashMap::default();
    for t in tokens {
        if t.kind == TokenKind::Word && t.script == Script::Arabic {
            *words
                .entry(fnv(&norm.as_str()[t.norm.clone()]))
                .or_default() += 1;
        }
    }
    words
}

/// Where a name ending with token `t` ends (normalised bytes): before an
/// enclitic pronoun, except ي, ه, ك and نا, which end many names («خاتمي»,
/// «الفردوسي», «عبده», «بالاك», «سولانا») and are next to never a
/// possessive on one («ميليشياتهم» still ends before «هم»).
fn name_end(norm: &Normalized, t: &Token) -> usize {
    if t.enclitic_len > 0 {
        let e = &norm.as_str()[t.norm.end - t.enclitic_len as usize..t.norm.end];
        if matches!(e, "ي" | "ه" | "ك" | "نا") {
            return t.norm.end;
        }
    }
    t.name_norm().end
}

/// Where a name starting at token `t` starts (see the module docs).
/// `forms` are the document's name forms ([`features::doc_forms`]), `words`
/// its words as written ([`doc_words`]).
fn name_start(
    norm: &Normalized,
    t: &Token,
    ctx: &Context<'_>,
    forms: &HashMap<u64, u32>,
    words: &HashMap<u64, u32>,
) -> usize {
    let start = t.name_norm().start;
    if t.script != Script::Arabic || t.kind != TokenKind::Word {
        return start;
    }
    if is_whole_name(norm, t, ctx.lexicon) {
        return t.norm.start;
    }
    let text = norm.as_str();
    let word = &text[t.norm.clone()];
    let rarity = |w: &str| ctx.lexicon.centibels(w).unwrap_or(u16::MAX);
    // «ف» ("so") before a word that is no name: a foreign name starting
    // with F or V («فيسر», «فيرجينا»), not «ف» + «يسر».
    if t.proclitic(norm) == "ف" && t.article_len == 0 {
        let rest = &text[start..t.name_norm().end];
        if !ctx.lexicon.is_name(rest) && !ctx.lexicon.is_name_part(rest) {
            return t.norm.start;
        }
    }
    if t.proclitic_len > 0 && t.article_len == 0 && t.proclitic_len as usize <= 'و'.len_utf8() {
        // Segmented after one letter, but the rest is no known word, never
        // stands alone in the document, and the whole word recurs:
        // «فرويد» (Freud) is no «ف» + the family name «رويد».
        let rest = &text[start..t.name_norm().end];
        let count = |w: &str| words.get(&fnv(w)).copied().unwrap_or(0);
        if !ctx.lexicon.is_name(rest)
            && ctx.lexicon.centibels(rest).is_none()
            && count(rest) == 0
            && count(word) >= 2
        {
            return t.norm.start;
        }
    }
    // «ك» ("like") next to never precedes a name: «كوفي» (Kofi) is no «ك» +
    // «وفي», «كالديرون» no «ك» + «الديرون»; but «كالحرب العالمية الثانية»
    // is "like" + the war («الحرب» is a known word). After «و» or «ف»
    // («وكوفي») the name starts at the «ك».
    let proclitic = t.proclitic(norm);
    if let Some(before) = proclitic.strip_suffix('ك') {
        if matches!(before, "" | "و" | "ف")
            && !(t.article_len > 0 && ctx.lexicon.knows(&text[start..t.norm.end]))
        {
            return t.norm.start + before.len();
        }
    }
    if t.proclitic_len == 0 && t.article_len == 0 {
        if let Some((len, _)) = features::trim(word, ctx, forms) {
            // Not where the whole word is a known word at least as frequent
            // as the rest: «بطولة» (championship) is no «ب» + «طولة».
            if ctx.lexicon.knows(word) && rarity(word) <= rarity(&word[len..]) {
                return t.norm.start;
            }
            return t.norm.start + len;
        }
    }
    start
}

/// Whether Arabic word token `t` is as a whole a name that starts with a
/// proclitic letter while the rest is none: a given or family name whose
/// rest is no name part («وصفي» (Wasfi), «وجيه», «ورده» are names, not «و» +
/// «صفي», "my pure one"), or a lexicon name whose rest is no lexicon name
/// («باريس», «بكين», «فيينا»: not «ب» + the given name «اريس»). Where the
/// rest is a lexicon name too, the more frequent word wins: «بكين» is
/// Beijing, not «ب» + «كين»; «وجده» is "and Jeddah", not Oujda.
fn is_whole_name(norm: &Normalized, t: &Token, vocab: &dyn Vocabulary) -> bool {
    if t.script != Script::Arabic || t.kind != TokenKind::Word {
        return false;
    }
    let word = &norm.as_str()[t.norm.clone()];
    let Some(first) = word.chars().next().filter(|c| "وفبل".contains(*c)) else {
        return false;
    };
    let rest = &word[first.len_utf8()..];
    if vocab.is_name_part(word) && !vocab.is_name_part(rest) {
        return true;
    }
    // Frequency (wordfreq centibels: fewer is more frequent) decides
    // between two lexicon names: «بكين» (Beijing) is more frequent than
    // «كين», «جده» (Jeddah) than «وجده» (Oujda).
    let rarity = |w: &str| vocab.centibels(w).unwrap_or(u16::MAX);
    vocab.is_name(word) && (!vocab.is_name(rest) || rarity(word) < rarity(rest))
}

/// One person per discourse: the last word of a person's name of two or
/// more words found in the document («فولوديمير زيلينسكي») names that
/// person where it recurs on its own, untagged («بوتين وزيلينسكي»). Measured
/// on the ANERcorp dev split: micro-F1 70.72 → 71.01 (PER 71.3 → 72.2),
/// AQMAR 40.00 → 41.21.
///
/// Not through ordinary words: a surname that is a common word and no
/// lexicon name or name part (at least [`COMMON_WORD_CENTIBELS`] frequent:
/// «الثاني» of «عبدالله الثاني», «الأميركي» of «عزام الأميركي») stays where
/// it was found; measured by ten-fold cross-validation on ANERcorp
/// (`bench/ner/cv.sh`): 77.20 → 77.27, AQMAR 41.92 → 42.11. And a function
/// word once folded is another word where it is spelled differently in the
/// original text (final ى for ي) or carries an enclitic pronoun: «محمد علي»
/// names Ali, not every «على» ("on") nor «عليه» ("on him") of the document
/// (77.00 → 77.20, AQMAR 41.44 → 41.92).
///
/// Nor from a name cut short at a word that links its parts («حضية ولد»,
/// see [`NAME_LINKS`]), nor a surname that is the nisba adjective of a
/// place («أبو حمزة المصري»: «الوفد المصري» is the Egyptian delegation):
/// 77.52 → 77.64 over the ten folds.
///
/// In Latin script, only capitalised words ([`may_recur`]): «Moreno» of
/// «Fernando Moreno». English ten-fold CV on wikigold 62.90 → 63.11.
fn recurring_surnames(
    norm: &Normalized,
    tokens: &[Token],
    candidates: &mut Vec<Candidate>,
    vocab: &dyn Vocabulary,
) {
    let text = norm.as_str();
    let taken = taken_ranges(candidates);
    let starts: Vec<usize> = tokens.iter().map(|t| t.span.start).collect();
    let mut surnames: Vec<(&str, Option<char>)> = Vec::new();
    for c in candidates.iter().filter(|c| c.ann.kind == EntityType::Per) {
        let last = starts.partition_point(|&s| s < c.ann.end);
        if last == 0 {
            continue;
        }
        let t = &tokens[last - 1];
        if !may_recur(t, norm) {
            continue;
        }
        // Only the last word of a name of two or more words.
        if starts[last - 1] <= c.ann.start {
            continue;
        }
        let w = &text[t.name_norm()];
        // Not from a "name" that starts with an adjective («التقويم الهجري
        // القمري», the lunar Hijri calendar, tagged as a person).
        let first = &tokens[starts.partition_point(|&s| s < c.ann.start).min(last - 1)];
        if is_common_nisba(&text[first.name_norm()], vocab) {
            continue;
        }
        if w.chars().count() >= 3 && !NAME_LINKS.contains(&w) && !is_nisba_of_name(w, vocab) {
            surnames.push((w, final_fold(norm, t.name_norm())));
        }
    }
    surnames.sort_unstable();
    surnames.dedup();
    let mut add = Vec::new();
    for t in tokens.iter().filter(|t| may_recur(t, norm)) {
        let name = t.name_norm();
        let w = &text[name.clone()];
        let from = surnames.partition_point(|(s, _)| *s < w);
        let spellings = surnames[from..].iter().take_while(|(s, _)| *s == w);
        let fold = final_fold(norm, name.clone());
        let mut same_word = false;
        let mut spelled_alike = false;
        for (_, f) in spellings {
            same_word = true;
            spelled_alike |= *f == fold;
        }
        if !same_word {
            continue;
        }
        let k = vocab.knowledge(w);
        if k.is_function_word() && (!spelled_alike || t.enclitic_len > 0)
            || !k.name && !k.name_part && k.centibels.is_some_and(|c| c <= COMMON_WORD_CENTIBELS)
        {
            continue;
        }
        let r = norm.to_original(name.start..name_end(norm, t));
        if !overlaps_taken(&taken, &r) {
            add.push(spread(r, EntityType::Per));
        }
    }
    candidates.extend(add);
}

/// One name per discourse, for names of one word: a word the model tags on
/// its own as a name with confidence [`RECURRING_NAME_CONFIDENCE`] or more
/// is that name where it recurs untagged in the document («محافظة خراسان»
/// tagged once, «إقليم خراسان» missed; «شيكل» tagged MISC once of three).
///
/// Not a word the model gives two types in the document, nor a function
/// word, a common word (see [`COMMON_WORD_CENTIBELS`]) that no lexicon
/// lists as a name, a place's adjective, or a name link. The word is
/// compared as the name is cut from it (behind its proclitics, with the
/// enclitics [`name_end`] keeps), and a folded final letter must match one
/// tagged spelling. Nor a word that recurs more than
/// [`RECURRING_NAME_MAX_OTHERS`] times besides. 78.28 → 78.66 over the ten
/// folds; AQMAR 42.64 → 42.74. In Latin script, only capitalised words
/// (see [`may_recur`]): English ten-fold CV on wikigold 62.68 → 62.90,
/// wikigold dev 63.11 → 63.34.
fn recurring_names(
    norm: &Normalized,
    tokens: &[Token],
    candidates: &mut Vec<Candidate>,
    vocab: &dyn Vocabulary,
) {
    let text = norm.as_str();
    let taken = taken_ranges(candidates);
    let starts: Vec<usize> = tokens.iter().map(|t| t.span.start).collect();
    let mut names: Vec<(&str, Option<char>, EntityType)> = Vec::new();
    for c in candidates.iter().filter(|c| {
        c.priority == 2
            && !c.ann.kind.is_temporal()
            && c.ann.confidence >= RECURRING_NAME_CONFIDENCE
    }) {
        let Some(r) = token_range(&starts, c).filter(|r| r.len() == 1) else {
            continue;
        };
        let t = &tokens[r.start];
        if !may_recur(t, norm) {
            continue;
        }
        let name = t.name_norm().start..name_end(norm, t);
        let w = &text[name.clone()];
        if w.chars().count() < 3 || NAME_LINKS.contains(&w) || is_place_adjective(w, vocab) {
            continue;
        }
        let k = vocab.knowledge(w);
        if k.is_function_word()
            || !k.name && k.centibels.is_some_and(|c| c <= COMMON_WORD_CENTIBELS)
        {
            continue;
        }
        names.push((w, final_fold(norm, name), c.ann.kind));
    }
    names.sort_unstable();
    let mut tagged: HashMap<&str, usize> = HashMap::default();
    for n in &names {
        *tagged.entry(n.0).or_default() += 1;
    }
    names.dedup();
    // Each word that may carry a name, as its name is cut from it.
    let words: Vec<(Range<usize>, &str)> = tokens
        .iter()
        .filter(|t| may_recur(t, norm))
        .map(|t| {
            let name = t.name_norm().start..name_end(norm, t);
            (name.clone(), &text[name])
        })
        .collect();
    let mut total: HashMap<&str, usize> = HashMap::default();
    for &(_, w) in &words {
        if tagged.contains_key(w) {
            *total.entry(w).or_default() += 1;
        }
    }
    let mut add = Vec::new();
    for (name, w) in words {
        if let (Some(&k), Some(&n)) = (tagged.get(w), total.get(w)) {
            if n.saturating_sub(k) > RECURRING_NAME_MAX_OTHERS {
                continue;
            }
        }
        let from = names.partition_point(|(s, _, _)| *s < w);
        let same: Vec<_> = names[from..]
            .iter()
            .take_while(|(s, _, _)| *s == w)
            .collect();
        let Some(first) = same.first() else {
            continue;
        };
        if same.iter().any(|n| n.2 != first.2) {
            continue;
        }
        let fold = final_fold(norm, name.clone());
        if !same.iter().any(|n| n.1 == fold) {
            continue;
        }
        let r = norm.to_original(name);
        if !overlaps_taken(&taken, &r) {
            add.push(spread(r, first.2));
        }
    }
    candidates.extend(add);
}

/// The end of the token range `r` without the punctuation marks that end
/// it, keeping its first token: no name ends with one («بي .», the model
/// having read the full stop of «بي. بي. سي» as part of the name). Ten-fold
/// CV 78.66 → 78.71, English 63.11 → 63.18.
fn without_final_punct(tokens: &[Token], r: Range<usize>) -> usize {
    let mut b = r.end;
    while b >= r.start + 2 && tokens[b - 1].kind == TokenKind::Punct {
        b -= 1;
    }
    b
}

/// The names of Latin letters as Arabic writes them in acronyms (normalised:
/// «بي. بي. سي» BBC, «إف. بي. آي» FBI, «سي. إن. إن» CNN).
const LETTER_NAMES: &[&str] = &[
    "ايه",
    "اي",
    "بي",
    "سي",
    "دي",
    "اف",
    "جي",
    "اتش",
    "جيه",
    "جاي",
    "كي",
    "كاي",
    "ام",
    "ان",
    "او",
    "كيو",
    "ار",
    "اس",
    "تي",
    "يو",
    "في",
    "دبليو",
    "اكس",
    "واي",
    "زد",
    "زي",
];

/// An acronym spelled in Arabic letter names with full stops («بي. بي. سي»,
/// three words and two stops) is one name where the model or lexicon found
/// a name in any of its letters: the model tags the letters one by one.
/// The type is that of the first name found in it; the confidence the
/// highest.
fn dotted_acronyms(norm: &Normalized, tokens: &[Token], candidates: &mut Vec<Candidate>) {
    let text = norm.as_str();
    let letter = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            t.kind == TokenKind::Word && LETTER_NAMES.contains(&&text[t.norm.clone()])
        })
    };
    let stop = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct && &text[t.norm.clone()] == ".")
    };
    let mut add = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !letter(i) {
            i += 1;
            continue;
        }
        // Letters, each but the last followed by a full stop.
        let mut last = i;
        while stop(last + 1) && letter(last + 2) {
            last += 2;
        }
        if last > i {
            let span = tokens[i].span.start..tokens[last].span.end;
            let inside: Vec<&Candidate> = candidates
                .iter()
                .filter(|c| {
                    c.priority == 2
                        && !c.ann.kind.is_temporal()
                        && span.start <= c.ann.start
                        && c.ann.end <= span.end
                })
                .collect();
            if let Some(first) = inside.iter().min_by_key(|c| c.ann.start) {
                let confidence = inside
                    .iter()
                    .map(|c| c.ann.confidence)
                    .fold(f32::MIN, f32::max);
                add.push(Candidate {
                    priority: 2,
                    ann: Annotation {
                        start: span.start,
                        end: span.end,
                        kind: first.ann.kind,
                        value: None,
                        confidence,
                        source: first.ann.source,
                        link: None,
                        note: None,
                    },
                });
            }
        }
        i = last + 1;
    }
    candidates.extend(add);
}

/// How confident the model must be of a one-word name for
/// [`recurring_names`] to spread it: 0.3 gives 78.58 over the ten folds,
/// 0.4 78.62, 0.5 78.53, 0.9 78.27.
/// Whether word token `t` can carry a name [`recurring_names`] spreads:
/// an Arabic word, or a Latin one that starts with a capital letter
/// («Smith», not «smith»).
fn may_recur(t: &Token, norm: &Normalized) -> bool {
    t.kind == TokenKind::Word
        && match t.script {
            Script::Arabic => true,
            Script::Latin => norm.as_str()[t.norm.clone()]
                .chars()
                .next()
                .is_some_and(char::is_uppercase),
            Script::Other => false,
        }
}

const RECURRING_NAME_CONFIDENCE: f32 = 0.4;

/// A word that occurs more than this many times in the document besides
/// where the model tags it so confidently is not spread by
/// [`recurring_names`]: the context outvotes the one tag. In a Wikipedia
/// article on Linux the model took «جنو» (GNU) and «لينكس» for persons
/// once or twice, and spreading them made 100 wrong persons. Over the ten
/// folds 4 gives 78.54, 5 to 8 give 78.66, no limit 78.62; on AQMAR
/// (whole articles) 4 or 5 give 42.75, 6 42.74, 8 42.68, no limit 42.16.
const RECURRING_NAME_MAX_OTHERS: usize = 6;

/// The ranges (original bytes) of `candidates` as start–end pairs, sorted.
fn taken_ranges(candidates: &[Candidate]) -> Vec<(usize, usize)> {
    let mut taken: Vec<(usize, usize)> = candidates
        .iter()
        .map(|c| (c.ann.start, c.ann.end))
        .collect();
    taken.sort_unstable();
    taken
}

/// Whether `r` overlaps one of the sorted `taken` ranges (those starting
/// inside it, and the eight before it).
fn overlaps_taken(taken: &[(usize, usize)], r: &Range<usize>) -> bool {
    let i = taken.partition_point(|&(_, e)| e <= r.start);
    taken[i..]
        .iter()
        .take_while(|&&(s, _)| s < r.end)
        .any(|&(s, e)| s < r.end && r.start < e)
        || taken[..i]
            .iter()
            .rev()
            .take(8)
            .any(|&(s, e)| s < r.end && r.start < e)
}

/// The tokens (indices) a candidate covers, given the tokens' start
/// offsets; `None` if it covers none.
fn token_range(starts: &[usize], c: &Candidate) -> Option<Range<usize>> {
    let a = starts
        .partition_point(|&s| s <= c.ann.start)
        .checked_sub(1)?;
    let b = starts.partition_point(|&s| s < c.ann.end);
    (a < b).then_some(a..b)
}

/// A name spread from its other mentions in the document: below the
/// model's own spans, source `model`, confidence [`SPREAD_CONFIDENCE`].
fn spread(r: Range<usize>, kind: EntityType) -> Candidate {
    Candidate {
        priority: 1,
        ann: Annotation {
            start: r.start,
            end: r.end,
            kind,
            value: None,
            confidence: SPREAD_CONFIDENCE,
            source: Source::Model,
            link: None,
            note: None,
        },
    }
}

/// Words that link the parts of a name («ولد» of Mauritanian names, «ابن»):
/// a name that ends with one was cut short, and the word is no surname.
const NAME_LINKS: &[&str] = &["ابن", "بنت", "ولد", "ابو", "عبد"];

/// Particles of foreign names (normalised) that a name goes on after:
/// «دي» (de), «فان», «فون», «دا», «دو», «ديل», «لا», «لو», «سان».
const NAME_PARTICLES: &[&str] = &["دي", "فان", "فون", "دا", "دو", "ديل", "لا", "لو", "سان"];

/// Words (normalised) that a person's name goes on after: «بن», «ابن»,
/// «بنت», «ابو», «ابي», «ابا», «عبد», «ام», «ال» (آل). The word after one
/// never starts with the conjunction و.
const LINKS_TO_NEXT: &[&str] = &["بن", "ابن", "بنت", "ابو", "ابي", "ابا", "عبد", "ام", "ال"];

/// Whether `w` (normalised) is the nisba adjective of a lexicon name that
/// is no person's name part (a place, mostly):
/// «السوداني» of «السودان», «الاميركي» of «اميركا», «التركي» of «تركيا».
/// As a surname it is also the adjective of the place («الرئيس السوداني»,
/// "the Sudanese president").
fn is_nisba_of_name(w: &str, vocab: &dyn Vocabulary) -> bool {
    let Some(x) = w.strip_prefix("ال").and_then(|r| r.strip_suffix('ي')) else {
        return false;
    };
    if x.chars().count() < 2 {
        return false;
    }
    [
        x.to_owned(),
        format!("ال{x}"),
        format!("{x}ا"),
        format!("{x}يا"),
    ]
    .iter()
    .any(|c| {
        let k = vocab.knowledge(c);
        k.name && !k.name_part
    })
}

/// Whether `w` (normalised) is a common word shaped like a nisba adjective
/// with the article (ال…ي, five letters or more: «الهجري», «الشهري») and is
/// not a lexicon name. The generated name-part list has many of them as
/// family names, but a person's name does not start with one.
fn is_common_nisba(w: &str, vocab: &dyn Vocabulary) -> bool {
    if !(w.starts_with("ال") && w.ends_with('ي') && w.chars().count() >= 5) {
        return false;
    }
    let k = vocab.knowledge(w);
    !k.name && k.centibels.is_some()
}

/// Whether `w` (normalised) is the adjective of a place and no lexicon
/// name itself: «الصومالي» (Somali) of «الصومال», «السنغالي» of
/// «السنغال»; not «الصومال» nor the surname «الحسيني».
fn is_place_adjective(w: &str, vocab: &dyn Vocabulary) -> bool {
    !vocab.knowledge(w).name && is_nisba_of_name(w, vocab)
}

/// A word at least this frequent (wordfreq centibels, see
/// [`FUNCTION_WORD_CENTIBELS`](crate::token::FUNCTION_WORD_CENTIBELS)) is
/// too common for a surname found once to name a person wherever it recurs.
const COMMON_WORD_CENTIBELS: u16 = 450;

/// The letter an optional folding replaced at the end of the normalised
/// span `r` (ى for a final ي, ة for a final ه), if any.
fn final_fold(norm: &Normalized, r: Range<usize>) -> Option<char> {
    let last = norm.as_str()[r.clone()].chars().next_back()?;
    norm.folded_from(r.end - last.len_utf8())
}

/// The lexicon matches (sorted by start) that start inside `span`.
fn lex_starting_in<'a>(lex: &'a [LexName], span: &Range<usize>) -> &'a [LexName] {
    let a = lex.partition_point(|(r, _, _)| r.start < span.start);
    let b = lex.partition_point(|(r, _, _)| r.start < span.end);
    &lex[a..b.max(a)]
}

/// The lexicon names inside `span` when two or more of them, separated
/// only by spaces and punctuation or a conjunction و glued to the next name,
/// make up all of it.
/// Whether `spans` (sorted, from the first one that ends after `name`
/// starts) begin with two or more spans that make up `name` exactly,
/// separated only by white space, one of them of type `kind`.
fn joins_model_spans(
    text: &str,
    spans: &[(Range<usize>, EntityType)],
    name: &Range<usize>,
    kind: EntityType,
) -> bool {
    let inside = &spans[..spans.iter().take_while(|(r, _)| r.start < name.end).count()];
    inside.len() >= 2
        && inside[0].0.start == name.start
        && inside.last().is_some_and(|(r, _)| r.end == name.end)
        && inside.iter().any(|(_, k)| *k == kind)
        && inside.windows(2).all(|w| {
            w[0].0.end <= w[1].0.start
                && text
                    .get(w[0].0.end..w[1].0.start)
                    .is_some_and(|gap| !gap.is_empty() && gap.chars().all(char::is_whitespace))
        })
}

/// Whether `c` is no letter or digit of a word: white space, punctuation,
/// and the tatweel «ـ» (a letter to Unicode, a dash in these texts).
fn not_a_letter(c: char) -> bool {
    !c.is_alphanumeric() || c == 'ـ'
}

/// The white-space separated words of `s` that have a letter.
fn letter_words(s: &str) -> impl Iterator<Item = &str> {
    s.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphabetic() && c != 'ـ'))
}

/// A lexicon name match: original-text range, type, link.
type LexName = (Range<usize>, EntityType, Link);

/// The lexicon's name matches in the text, sorted by start, end and type.
fn lexicon_names(lexicon: &Lexicon, norm: &Normalized, tokens: &[Token]) -> Vec<LexName> {
    let mut lex: Vec<LexName> = Vec::new();
    for m in lexicon.find(norm, tokens) {
        let entry = lexicon.entry(m.entry);
        let LexKind::Name(kind) = entry.kind else {
            continue;
        };
        lex.push((
            norm.to_original(m.norm),
            kind,
            Link {
                canonical: entry.canonical.to_string(),
                id: entry.id.as_deref().map(str::to_owned),
            },
        ));
    }
    lex.sort_by_key(|(r, k, _)| (r.start, r.end, *k));
    lex
}

/// A lexicon name that is no person's (and no name part) ending a person
/// span after two words or more, not after a particle: «بوريس يلتسين
/// الكرملين» is Yeltsin and the Kremlin, «ماريا … دي لافيغا» one person.
/// Returns the person's range and the name.
fn lexicon_tail(
    text: &str,
    lex: &[LexName],
    span: &Range<usize>,
    vocab: &dyn Vocabulary,
) -> Option<(Range<usize>, LexName)> {
    let (r, k, l) = lex_starting_in(lex, span)
        .iter()
        .filter(|(r, k, _)| r.end == span.end && r.start > span.start && *k != EntityType::Per)
        .min_by_key(|(r, _, _)| r.start)?;
    let between = &text[span.start..r.start];
    let head = between.trim_end_matches(not_a_letter);
    if !between[head.len()..].chars().any(char::is_whitespace) {
        return None;
    }
    let words: Vec<&str> = letter_words(head).collect();
    // «ماريا … دي لافيغا»: after a particle the name goes on.
    let last = words
        .last()
        .map(|w| crate::normalize::fold_to_matching(w, NormOptions::default()));
    if words.len() < 2
        || last.is_some_and(|w| LINKS_TO_NEXT.contains(&&*w) || NAME_PARTICLES.contains(&&*w))
    {
        return None;
    }
    let tail = crate::normalize::fold_to_matching(&text[r.clone()], NormOptions::default());
    if vocab.is_name_part(&tail) {
        return None;
    }
    Some((
        span.start..span.start + head.len(),
        (r.clone(), *k, l.clone()),
    ))
}

/// A lexicon name that is no person's (and no name part) starting a person
/// span before two words or more: «لاتفيا فايرا فيكي فريبيرجا» is Latvia and
/// Vaira Vīķe-Freiberga. Returns the person's range and the name.
fn lexicon_head(
    text: &str,
    lex: &[LexName],
    span: &Range<usize>,
    vocab: &dyn Vocabulary,
) -> Option<(Range<usize>, LexName)> {
    let (r, k, l) = lex_starting_in(lex, span)
        .iter()
        .filter(|(r, k, _)| r.start == span.start && r.end < span.end && *k != EntityType::Per)
        .max_by_key(|(r, _, _)| r.end)?;
    let after = &text[r.end..span.end];
    let rest = after.trim_start_matches(not_a_letter);
    if !after[..after.len() - rest.len()]
        .chars()
        .any(char::is_whitespace)
    {
        return None;
    }
    let words = letter_words(rest).count();
    let head = crate::normalize::fold_to_matching(&text[r.clone()], NormOptions::default());
    if words < 2 || vocab.is_name_part(&head) {
        return None;
    }
    Some((span.end - rest.len()..span.end, (r.clone(), *k, l.clone())))
}

fn lexicon_tiling(text: &str, lex: &[LexName], span: &Range<usize>) -> Option<Vec<LexName>> {
    let mut inside: Vec<&LexName> = lex_starting_in(lex, span)
        .iter()
        .filter(|(r, _, _)| span.start <= r.start && r.end <= span.end && *r != *span)
        .collect();
    inside.sort_by_key(|(r, _, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut parts: Vec<LexName> = Vec::new();
    let mut at = span.start;
    for (r, k, l) in inside {
        if r.start < at {
            continue;
        }
        // Between two names: spaces and punctuation, or the conjunction و
        // after a space («موسكو وكييف», «موسكو و كييف»).
        let gap = &text[at..r.start];
        let mut letters = gap.chars().filter(|c| c.is_alphanumeric());
        let ok = match (letters.next(), letters.next()) {
            (None, _) => true,
            (Some('و'), None) => {
                at > span.start && gap.chars().next().is_some_and(|c| !c.is_alphanumeric())
            }
            _ => false,
        };
        if !ok {
            return None;
        }
        parts.push((r.clone(), *k, l.clone()));
        at = r.end;
    }
    let rest_empty = text[at..span.end].chars().all(|c| !c.is_alphanumeric());
    (parts.len() >= 2 && rest_empty).then_some(parts)
}

/// Whether `t`, an unsegmented word of و and at least three more letters,
/// follows `prev`, a lexicon name on its own: «بوتين وزيلينسكي» is Putin and
/// Zelensky even where «زيلينسكي» is known nowhere else.
fn follows_a_name(norm: &Normalized, prev: &Token, t: &Token, vocab: &dyn Vocabulary) -> bool {
    let text = norm.as_str();
    let word = &text[t.norm.clone()];
    t.script == Script::Arabic
        && t.kind == TokenKind::Word
        && t.proclitic_len == 0
        && t.article_len == 0
        && word
            .strip_prefix('و')
            .is_some_and(|r| r.chars().count() >= 3)
        && !is_whole_name(norm, t, vocab)
        && prev.kind == TokenKind::Word
        && vocab.is_name(&text[prev.name_norm()])
}

/// Whether token `t` starts with the conjunction و (segmented, or
/// unsegmented with the evidence [`features::trim`] asks for), and is not a
/// name as a whole ([`is_whole_name`]: «وصفي»).
fn starts_with_conjunction(
    norm: &Normalized,
    t: &Token,
    ctx: &Context<'_>,
    forms: &HashMap<u64, u32>,
) -> bool {
    if t.script != Script::Arabic || t.kind != TokenKind::Word {
        return false;
    }
    if is_whole_name(norm, t, ctx.lexicon) {
        return false;
    }
    let word = &norm.as_str()[t.norm.clone()];
    if t.proclitic_len > 0 {
        return t.proclitic(norm).starts_with('و');
    }
    t.article_len == 0 && word.starts_with('و') && features::trim(word, ctx, forms).is_some()
}

fn sub_features(f: &Features, r: Range<usize>) -> Features {
    let base = f.offs[r.start];
    Features {
        keys: f.keys[base as usize..f.offs[r.end] as usize].to_vec(),
        learnable: f.learnable[base as usize..f.offs[r.end] as usize].to_vec(),
        offs: f.offs[r.start..=r.end].iter().map(|o| o - base).collect(),
    }
}

/// The tagger's sentences as token ranges: a new one starts with every
/// paragraph and after sentence-final `.` `!` `?` `؟` `…` (not after a
/// colon or semicolon, which usually continue the sentence's context:
/// «وقال بيسكوف: …»).
pub fn sentences_of(norm: &Normalized, tokens: &[Token]) -> Vec<Range<usize>> {
    let text = norm.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..tokens.len() {
        let after_final = tokens[i].sentence_start
            && matches!(
                &text[tokens[i - 1].norm.clone()],
                "." | "!" | "?" | "؟" | "…" | "۔"
            );
        if after_final || tokens[i].paragraph != tokens[i - 1].paragraph {
            out.push(start..i);
            start = i;
        }
    }
    if !tokens.is_empty() {
        out.push(start..tokens.len());
    }
    out
}

/// Maximal runs of tokens whose paragraphs share a language.
fn language_runs(tokens: &[Token], langs: &[Lang]) -> Vec<(Range<usize>, Lang)> {
    let mut out: Vec<(Range<usize>, Lang)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let l = langs.get(t.paragraph as usize).copied().unwrap_or(Lang::Ar);
        match out.last_mut() {
            Some((r, ll)) if *ll == l => r.end = i + 1,
            _ => out.push((i..i + 1, l)),
        }
    }
    out
}

struct Candidate {
    priority: u8,
    ann: Annotation,
}

impl Candidate {
    /// A lexicon name at `r`, with the lexicon's confidence and link.
    fn lexicon(priority: u8, r: Range<usize>, kind: EntityType, link: Link) -> Candidate {
        Candidate {
            priority,
            ann: Annotation {
                start: r.start,
                end: r.end,
                kind,
                value: None,
                confidence: LEXICON_ONLY_CONFIDENCE,
                source: Source::Lexicon,
                link: Some(link),
                note: None,
            },
        }
    }
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

    fn link(name: &str) -> Link {
        Link {
            canonical: name.into(),
            id: None,
        }
    }

    /// Byte range of the `n`-th occurrence of `needle` in `text`.
    fn at(text: &str, needle: &str) -> Range<usize> {
        let s = text.find(needle).expect("needle in text");
        s..s + needle.len()
    }

    /// The persons [`recurring_surnames`] adds to the model persons
    /// `names` of `text`: (start, text).
    fn spread_surnames<'a>(text: &'a str, names: &[&str]) -> Vec<(usize, &'a str)> {
        let norm = Normalized::new(text, NormOptions::default());
        let tokens = tokenize(&norm, Lexicon::bundled());
        let mut candidates: Vec<Candidate> = names.iter().map(|n| per(at(text, n), 2)).collect();
        recurring_surnames(&norm, &tokens, &mut candidates, Lexicon::bundled());
        candidates[names.len()..]
            .iter()
            .map(|c| (c.ann.start, &text[c.ann.start..c.ann.end]))
            .collect()
    }

    /// The names the bundled analyser finds in Arabic `text`, with types.
    fn arabic_names(text: &str) -> Vec<(&str, EntityType)> {
        let ar = Options {
            lang: Lang::Ar,
            reference_date: None,
        };
        Analyzer::bundled()
            .analyze(text, &ar)
            .annotations
            .iter()
            .map(|a| (&text[a.range()], a.kind))
            .collect()
    }

    /// One word's token in the sentence «قال w1 w2 …», with what the name
    /// span helpers need (the bundled lexicon, an empty name list).
    struct Word<'a> {
        norm: &'a Normalized,
        token: &'a Token,
        ctx: &'a Context<'a>,
        forms: &'a HashMap<u64, u32>,
        words: &'a HashMap<u64, u32>,
    }

    impl Word<'_> {
        /// Letters of the word before a name in it starts ([`name_start`]).
        fn letters_before_name(&self) -> usize {
            let start = name_start(self.norm, self.token, self.ctx, self.forms, self.words);
            self.norm.as_str()[self.token.norm.start..start]
                .chars()
                .count()
        }

        /// Letters of the word after a name in it ends ([`name_end`]).
        fn letters_after_name(&self) -> usize {
            let end = name_end(self.norm, self.token);
            self.norm.as_str()[end..self.token.norm.end].chars().count()
        }
    }

    /// `f` of each of `words` (one token each) in the sentence «قال w1 w2 …»,
    /// paired with the word.
    fn each_word<'w, T>(words: &[&'w str], f: impl Fn(&Word) -> T) -> Vec<(&'w str, T)> {
        let lexicon = Lexicon::bundled();
        let names = crate::tagger::NameList::new();
        let ctx = Context {
            lexicon,
            names: &names,
        };
        let text = format!("قال {}", words.join(" "));
        let norm = Normalized::new(&text, NormOptions::default());
        let tokens = tokenize(&norm, lexicon);
        assert_eq!(tokens.len(), words.len() + 1, "one token per word: {text}");
        let forms = features::doc_forms(&norm, &tokens);
        let doc = doc_words(&norm, &tokens);
        words
            .iter()
            .zip(&tokens[1..])
            .map(|(w, token)| {
                let word = Word {
                    norm: &norm,
                    token,
                    ctx: &ctx,
                    forms: &forms,
                    words: &doc,
                };
                (*w, f(&word))
            })
            .collect()
    }

    fn per(r: Range<usize>, priority: u8) -> Candidate {
        Candidate {
            priority,
            ann: Annotation {
                start: r.start,
                end: r.end,
                kind: EntityType::Per,
                value: None,
                confidence: 0.9,
                source: Source::Model,
                link: None,
                note: None,
            },
        }
    }

    #[test]
    fn a_surname_recurring_alone_is_the_same_person() {
        let text = "التقى فولوديمير زيلينسكي ماكرون. ولم يلتق بوتين وزيلينسكي منذ عام، وقال زيلينسكي: لا. وكرر ماكرون ذلك.";
        let norm = Normalized::new(text, NormOptions::default());
        let tokens = tokenize(&norm, Lexicon::bundled());
        let full = at(text, "فولوديمير زيلينسكي");
        let macron = at(text, "ماكرون");
        let quoted = {
            let s = text.rfind("زيلينسكي").unwrap();
            s..s + "زيلينسكي".len()
        };
        // The last mention is already annotated (say, by the reader).
        let mut candidates = vec![per(full, 2), per(macron, 2), per(quoted, 4)];
        recurring_surnames(&norm, &tokens, &mut candidates, Lexicon::bundled());
        let added: Vec<&str> = candidates[3..]
            .iter()
            .map(|c| &text[c.ann.start..c.ann.end])
            .collect();
        // «وزيلينسكي» gives زيلينسكي (behind the conjunction); the annotated
        // mention is left alone; a one-word name (ماكرون) is not spread.
        assert_eq!(added, ["زيلينسكي"]);
        let c = &candidates[3];
        assert_eq!(&text[c.ann.start - "و".len()..c.ann.end], "وزيلينسكي");
        assert_eq!((c.ann.kind, c.ann.source), (EntityType::Per, Source::Model));
    }

    #[test]
    fn a_one_word_name_recurring_untagged_is_the_same_name() {
        let text = "زار الوفد محافظة خراسان. وإقليم خراسان كبير وفي بخراسان مدن. \
                    وضرب تسونامي الساحل ثم تسونامي آخر. وقدمت أورفان سيارة أورفان \
                    وعرضت أورفان. وقال الكتاب إن الكتاب مهم. ثم لينكس ولينكس \
                    ونظام لينكس وفي لينكس ومع لينكس وعن لينكس وبعد لينكس وقبل لينكس.";
        let norm = Normalized::new(text, NormOptions::default());
        let tokens = tokenize(&norm, Lexicon::bundled());
        let first = |w: &str| at(text, w);
        let nth = |w: &str, n: usize| {
            let s = text.match_indices(w).nth(n).unwrap().0;
            s..s + w.len()
        };
        let tagged = |r: Range<usize>, kind: EntityType, confidence: f32| Candidate {
            priority: 2,
            ann: Annotation {
                kind,
                confidence,
                ..per(r, 2).ann
            },
        };
        let mut candidates = vec![
            tagged(first("خراسان"), EntityType::Loc, 0.9),
            // Too unsure to spread.
            tagged(first("تسونامي"), EntityType::Per, 0.3),
            // Two types in the document.
            tagged(first("أورفان"), EntityType::Org, 0.9),
            tagged(nth("أورفان", 1), EntityType::Misc, 0.9),
            // A common word.
            tagged(first("الكتاب"), EntityType::Org, 0.9),
            // Seven more times untagged (besides «ولينكس», one unsegmented
            // word): the context outvotes the tag.
            tagged(first("لينكس"), EntityType::Per, 0.9),
        ];
        let n = candidates.len();
        recurring_names(&norm, &tokens, &mut candidates, Lexicon::bundled());
        let added: Vec<(Range<usize>, EntityType)> = candidates[n..]
            .iter()
            .map(|c| (c.ann.start..c.ann.end, c.ann.kind))
            .collect();
        // «وإقليم خراسان» and «بخراسان» (behind the preposition).
        let third = nth("خراسان", 2);
        assert_eq!(
            added,
            [
                (nth("خراسان", 1), EntityType::Loc),
                (third.clone(), EntityType::Loc)
            ]
        );
        assert_eq!(&text[third.start - "ب".len()..third.end], "بخراسان");
        assert!(candidates[n..]
            .iter()
            .all(|c| c.ann.source == Source::Model && c.priority == 1));
    }

    #[test]
    fn a_capitalised_latin_name_recurs_too() {
        let text = "Moreno scored twice. Later Moreno left, and moreno is a colour.";
        // The surname of a longer name, likewise.
        let surname = "Fernando Torres came on. Torres scored.";
        let norm2 = Normalized::new(surname, NormOptions::default());
        let tokens2 = tokenize(&norm2, Lexicon::bundled());
        let mut found = vec![per(at(surname, "Fernando Torres"), 2)];
        recurring_surnames(&norm2, &tokens2, &mut found, Lexicon::bundled());
        let last = surname.rfind("Torres").unwrap();
        assert_eq!(
            found[1..]
                .iter()
                .map(|c| (c.ann.start, c.ann.end))
                .collect::<Vec<_>>(),
            [(last, last + "Torres".len())]
        );
        let norm = Normalized::new(text, NormOptions::default());
        let tokens = tokenize(&norm, Lexicon::bundled());
        let mut candidates = vec![Candidate {
            priority: 2,
            ann: Annotation {
                kind: EntityType::Per,
                ..per(at(text, "Moreno"), 2).ann
            },
        }];
        recurring_names(&norm, &tokens, &mut candidates, Lexicon::bundled());
        let added: Vec<(usize, usize)> = candidates[1..]
            .iter()
            .map(|c| (c.ann.start, c.ann.end))
            .collect();
        let second = text.match_indices("Moreno").nth(1).unwrap().0;
        assert_eq!(added, [(second, second + "Moreno".len())]);
    }

    #[test]
    fn no_name_ends_with_a_punctuation_mark() {
        let text = "قالت بي . ( وأضافت";
        let norm = Normalized::new(text, NormOptions::default());
        let tokens = tokenize(&norm, Lexicon::bundled());
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.clone()]).collect();
        assert_eq!(words, ["قالت", "بي", ".", "(", "وأضافت"]);
        assert_eq!(without_final_punct(&tokens, 1..4), 2);
        assert_eq!(without_final_punct(&tokens, 1..2), 2);
        // The first token stays, whatever it is.
        assert_eq!(without_final_punct(&tokens, 2..4), 3);
        assert_eq!(without_final_punct(&tokens, 0..5), 5);
    }

    #[test]
    fn a_dotted_acronym_is_one_name() {
        let text = "وقالت بي. بي. سي إن مكتب إف . بي . آي في بي بي سي.";
        let norm = Normalized::new(text, NormOptions::default());
        let tokens = tokenize(&norm, Lexicon::bundled());
        let nth = |w: &str, n: usize| {
            let s = text.match_indices(w).nth(n).unwrap().0;
            s..s + w.len()
        };
        let org = |r: Range<usize>| Candidate {
            priority: 2,
            ann: Annotation {
                kind: EntityType::Org,
                ..per(r, 2).ann
            },
        };
        // The model tagged one letter of each; the undotted «بي بي سي» is
        // left to the lexicon.
        let mut candidates = vec![org(nth("بي", 1)), org(nth("آي", 0)), org(nth("بي", 3))];
        dotted_acronyms(&norm, &tokens, &mut candidates);
        let added: Vec<(&str, EntityType)> = candidates[3..]
            .iter()
            .map(|c| (&text[c.ann.start..c.ann.end], c.ann.kind))
            .collect();
        assert_eq!(
            added,
            [
                ("بي. بي. سي", EntityType::Org),
                ("إف . بي . آي", EntityType::Org)
            ]
        );
        // Letters no name was found in stay as they are.
        let mut none = vec![];
        dotted_acronyms(&norm, &tokens, &mut none);
        assert!(none.is_empty());
    }

    #[test]
    fn a_surname_is_not_spread_through_ordinary_words() {
        // «علي» (Ali) and «على» ("on") fold to the same form; «مصطفى» and
        // «مصطفي» too, but the latter is no function word: a spelling
        // variant of the same name. «الثاني» («the second») is too common.
        let text = "قال محمد علي إن الاتفاق على الطاولة. ورد علي عليه وعليها. \
                    وقال أحمد مصطفى إن مصطفي على حق. واستقبل الملك عبدالله الثاني \
                    الوفد في اليوم الثاني.";
        let added = spread_surnames(text, &["محمد علي", "أحمد مصطفى", "عبدالله الثاني"]);
        let ali = text.find("ورد علي").unwrap() + "ورد ".len();
        let mustafa = text.find("مصطفي").unwrap();
        assert_eq!(added, [(ali, "علي"), (mustafa, "مصطفي")]);
        // Without the checks every «على» and «عليه» would have been Ali:
        // folded, «على» is «علي», one of the most frequent words.
        assert_eq!(
            Normalized::new("على", NormOptions::default()).as_str(),
            "علي"
        );
        assert!(Lexicon::bundled().knowledge("علي").is_function_word());
    }

    #[test]
    fn a_surname_is_not_a_name_link_nor_the_adjective_of_a_place() {
        // A name cut short at «ولد» ("son of" in Mauritanian names) has no
        // surname; «المصري» («أبو حمزة المصري») is also "Egyptian", the
        // nisba of «مصر». «الحسيني» is the nisba of no place: it spreads.
        let text = "قال حضية ولد سلامة إن ولد النفاع وصل. وقال أبو حمزة المصري إن \
                    الوفد المصري غادر. واستقبل فيصل الحسيني الوفد ثم غادر الحسيني.";
        let added = spread_surnames(text, &["حضية ولد", "أبو حمزة المصري", "فيصل الحسيني"]);
        let added: Vec<&str> = added.iter().map(|a| a.1).collect();
        assert_eq!(added, ["الحسيني"]);
        assert!(is_nisba_of_name("المصري", Lexicon::bundled()));
        assert!(is_nisba_of_name("الاميركي", Lexicon::bundled()));
        assert!(!is_nisba_of_name("الحسيني", Lexicon::bundled()));
    }

    #[test]
    fn a_place_adjective_is_no_name() {
        let lex = Lexicon::bundled();
        for (w, want) in [
            ("الصومالي", true),
            ("السنغالي", true),
            ("المصري", true),
            ("الصومال", false),
            ("الحسيني", false),
        ] {
            assert_eq!(is_place_adjective(w, lex), want, "{w}");
        }
    }

    #[test]
    fn a_name_starting_with_an_adjective_gives_no_surname() {
        // «الهجري القمري» (Hijri lunar) tagged as a person must not make
        // every «القمري» (lunar) a person; «أحمد القمري» does.
        let text = "حسب التقويم الهجري القمري يبدأ الشهر القمري برؤية الهلال.";
        assert!(spread_surnames(text, &["الهجري القمري"]).is_empty());
        let text = "قال أحمد القمري إن الشهر القمري يبدأ.";
        let added = spread_surnames(text, &["أحمد القمري"]);
        assert_eq!(added, [(text.rfind("القمري").unwrap(), "القمري")]);
        assert!(is_common_nisba("الهجري", Lexicon::bundled()));
        assert!(!is_common_nisba("احمد", Lexicon::bundled()));
    }

    #[test]
    fn one_lexicon_name_joins_model_spans_side_by_side() {
        use EntityType::{Loc, Org, Per};
        // (text, model spans with types, lexicon name, its type, joins?)
        type Case<'a> = (
            &'a str,
            &'a [(&'a str, EntityType)],
            &'a str,
            EntityType,
            bool,
        );
        let cases: &[Case] = &[
            (
                "فاز ريال مدريد",
                &[("ريال", Org), ("مدريد", Loc)],
                "ريال مدريد",
                Org,
                true,
            ),
            (
                "فاز دينامو كييف",
                &[("دينامو", Org), ("كييف", Loc)],
                "دينامو كييف",
                Org,
                true,
            ),
            // None of the spans has the name's type.
            (
                "فاز ريال مدريد",
                &[("ريال", Per), ("مدريد", Loc)],
                "ريال مدريد",
                Org,
                false,
            ),
            // One span only: the model's span stands (same-type links are
            // handled elsewhere, other types are the model's call).
            (
                "فاز ريال مدريد",
                &[("ريال مدريد", Loc)],
                "ريال مدريد",
                Org,
                false,
            ),
            ("فاز ريال مدريد", &[("ريال", Org)], "ريال مدريد", Org, false),
            // A span reaching past the name.
            (
                "فاز ريال مدريد أمس",
                &[("ريال", Org), ("مدريد أمس", Loc)],
                "ريال مدريد",
                Org,
                false,
            ),
            // Something other than white space between the spans.
            (
                "ريال، مدريد",
                &[("ريال", Org), ("مدريد", Loc)],
                "ريال، مدريد",
                Org,
                false,
            ),
        ];
        for &(text, spans, name, kind, joins) in cases {
            let spans: Vec<(Range<usize>, EntityType)> =
                spans.iter().map(|&(s, k)| (at(text, s), k)).collect();
            assert_eq!(
                joins_model_spans(text, &spans, &at(text, name), kind),
                joins,
                "{text:?} {spans:?}"
            );
        }
        // End to end: the model splits the club into a name and a city.
        let got = Analyzer::bundled().analyze(
            "قال مدرب وريال مدريد إن الفريق مستعد.",
            &Options {
                lang: Lang::Ar,
                reference_date: None,
            },
        );
        let names: Vec<(&str, EntityType)> = got
            .annotations
            .iter()
            .map(|a| (&"قال مدرب وريال مدريد إن الفريق مستعد."[a.range()], a.kind))
            .collect();
        assert_eq!(names, [("ريال مدريد", Org)], "{names:?}");
    }

    #[test]
    fn ordinary_words_are_not_lexicon_names() {
        // (text, the names expected). «فتح» (Fatah) is also "opened",
        // «جامعة» (a town in Algeria) "university", «السوداني» (al-Sudani)
        // "Sudanese": the lexicon lists none of them
        // alone, so no lexicon-only name is added and «جامعة كامبريدج» is not
        // split into two places; the model decides from context.
        let cases: &[(&str, &[(&str, EntityType)])] = &[
            ("فتح الرجل الباب وخرج إلى الشارع.", &[]),
            (
                "درس في جامعة كامبريدج ثم عاد.",
                &[("جامعة كامبريدج", EntityType::Org)],
            ),
            (
                "قالت حركة فتح إن الاجتماع انتهى.",
                &[("حركة فتح", EntityType::Org)],
            ),
            // «السوداني» is al-Sudani's surname and "Sudanese".
            ("وصل الوفد السوداني إلى المطار.", &[]),
            // The UN system by name and acronym; «الفاو» (FAO) is also the
            // Faw peninsula, so only «منظمة الفاو» is listed.
            (
                "وقعت المنظمة العالمية للملكية الفكرية (الويبو) اتفاقا مع اليونسكو.",
                &[
                    ("المنظمة العالمية للملكية الفكرية", EntityType::Org),
                    ("الويبو", EntityType::Org),
                    ("اليونسكو", EntityType::Org),
                ],
            ),
            (
                "حذرت منظمة الأغذية والزراعة من الجفاف في الفاو.",
                &[
                    ("منظمة الأغذية والزراعة", EntityType::Org),
                    ("الفاو", EntityType::Loc),
                ],
            ),
        ];
        for &(text, want) in cases {
            assert_eq!(arabic_names(text), want, "{text}");
        }
    }

    #[test]
    fn lexicon_names_tile_a_model_span() {
        // (text, model span, lexicon names inside it, tiles?)
        let cases: &[(&str, &str, &[&str], bool)] = &[
            (
                "مواقف موسكو وكييف متضاربة",
                "موسكو وكييف",
                &["موسكو", "كييف"],
                true,
            ),
            ("قال بوتين موسكو", "بوتين موسكو", &["بوتين", "موسكو"], true),
            (
                "بين روسيا، أوكرانيا",
                "روسيا، أوكرانيا",
                &["روسيا", "أوكرانيا"],
                true,
            ),
            // A word that is not a name between them: no tiling.
            (
                "موسكو عاصمة روسيا",
                "موسكو عاصمة روسيا",
                &["موسكو", "روسيا"],
                false,
            ),
            // و standing alone as a word, not glued to the name.
            ("موسكو و كييف", "موسكو و كييف", &["موسكو", "كييف"], true),
            // Another letter glued to the next name is not a conjunction.
            ("موسكو بكييف", "موسكو بكييف", &["موسكو", "كييف"], false),
            // One name alone does not tile.
            ("وكييف", "وكييف", &["كييف"], false),
        ];
        for &(text, span, names, tiles) in cases {
            let lex: Vec<(Range<usize>, EntityType, Link)> = names
                .iter()
                .map(|n| (at(text, n), EntityType::Loc, link(n)))
                .collect();
            let got = lexicon_tiling(text, &lex, &at(text, span));
            assert_eq!(got.is_some(), tiles, "{text:?}");
            if let Some(parts) = got {
                let texts: Vec<&str> = parts.iter().map(|(r, _, _)| &text[r.clone()]).collect();
                assert_eq!(texts, names, "{text:?}");
            }
        }
    }

    #[test]
    fn a_given_name_starting_with_waw_is_no_conjunction() {
        // (word, starts with the conjunction و?)
        let cases = [
            ("وجيه", false),
            ("ورده", false),
            ("وصفي", false),
            ("وليد", false),
            ("ومحمد", true),
            ("وبوتين", true),
        ];
        let got = each_word(&cases.map(|c| c.0), |w| {
            starts_with_conjunction(w.norm, w.token, w.ctx, w.forms)
        });
        assert_eq!(got, cases);
        // A name that starts with one of them keeps its first letter.
        let got = each_word(&["وصفي", "وبوتين"], |w| w.letters_before_name());
        assert_eq!(got, [("وصفي", 0), ("وبوتين", 1)]);
    }

    #[test]
    fn a_bare_month_the_model_tags_as_an_organisation_is_one() {
        use EntityType::{Date, Org};
        // «نيسان» is April and Nissan. Where the bundled model tags the
        // bare word as an organisation it stays one; a month with a day,
        // a year or a relative word is a date, and so is the bare month
        // the model leaves alone.
        let cases: [(&str, &[(&str, EntityType)]); 5] = [
            (
                "وتوفر نيسان «أورفان» الجديدة المزيد من الراحة.",
                &[("نيسان", Org)],
            ),
            ("وصل الوفد في نيسان الماضي.", &[("نيسان الماضي", Date)]),
            ("سافر الوفد في نيسان.", &[("نيسان", Date)]),
            // After a word that asks for a time it is a date whatever the
            // model says (the shipped model, which saw Nissan in training,
            // tags these as organisations).
            ("بدأ الهجوم منذ نيسان.", &[("نيسان", Date)]),
            (
                "وأعلنت شركة نيسان اليابانية عن طراز جديد.",
                &[("نيسان", Org)],
            ),
        ];
        for (text, want) in cases {
            let got: Vec<_> = arabic_names(text)
                .into_iter()
                .filter(|(s, _)| s.contains("نيسان"))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn a_place_starting_with_a_proclitic_letter_keeps_it() {
        // (word, where its name starts: 0 the whole word, 1 after ب/و).
        // «باريس» is no «ب» + the given name «اريس»; «بكين» (Beijing) is
        // more frequent than the name «كين»; «وجده» (Oujda) is rarer than
        // «جده» (Jeddah), so it reads "and Jeddah".
        let cases = [
            ("باريس", 0),
            ("بكين", 0),
            ("فيينا", 0),
            ("بابل", 0),
            ("وجده", 1),
            ("وبيروت", 1),
        ];
        let got = each_word(&cases.map(|c| c.0), |w| w.letters_before_name());
        assert_eq!(got, cases);
        // And so in the analysis: the whole word is the place.
        let names = arabic_names("سافر الوزير إلى باريس ثم إلى بكين.");
        assert!(names.contains(&("باريس", EntityType::Loc)), "{names:?}");
        assert!(names.contains(&("بكين", EntityType::Loc)), "{names:?}");
    }

    #[test]
    fn name_boundaries_keep_letters_that_belong_to_the_name() {
        // (word, letters before the name starts, letters after it ends).
        let cases = [
            ("كوفي", 0, 0),       // Kofi, not «ك» + «وفي»
            ("كالديرون", 0, 0),   // Calderon
            ("كالحرب", 1, 0),     // «ك» + «الحرب» ("like the war")
            ("وكوفي", 1, 0),      // «و» + Kofi
            ("فيرجينا", 0, 0),    // Vergina, not «ف» + «يرجينا»
            ("فمحمد", 1, 0),      // «ف» + Muhammad
            ("بطولة", 0, 0),      // championship, not «ب» + «طولة»
            ("فرويد", 0, 0),      // Freud (twice below), not «ف» + «رويد»
            ("وبيروت", 1, 0),     // «و» + Beirut
            ("خاتمي", 0, 0),      // Khatami, not «خاتم» + «ي»
            ("سولانا", 0, 0),      // Solana, not «سولا» + «نا»
            ("ميليشياتهم", 0, 2), // «هم» ("their") stays outside
            ("فرويد", 0, 0),
        ];
        let got = each_word(&cases.map(|c| c.0), |w| {
            (w.letters_before_name(), w.letters_after_name())
        });
        let cases = cases.map(|(word, before, after)| (word, (before, after)));
        assert_eq!(got, cases);
    }

    #[test]
    fn a_place_or_organisation_at_either_end_of_a_person_is_split_off() {
        // (text, the model's person span, the person left, the name split off)
        type Case<'a> = (&'a str, &'a str, &'a str, Option<(&'a str, EntityType)>);
        let cases: &[Case] = &[
            (
                "غادر بوريس يلتسين الكرملين أمس",
                "بوريس يلتسين الكرملين",
                "بوريس يلتسين",
                Some(("الكرملين", EntityType::Org)),
            ),
            (
                "قالت لاتفيا فايرا فيكي فريبيرجا إن",
                "لاتفيا فايرا فيكي فريبيرجا",
                "فايرا فيكي فريبيرجا",
                Some(("لاتفيا", EntityType::Loc)),
            ),
            // One word left is too little to be sure of a person.
            (
                "غادر يلتسين الكرملين أمس",
                "يلتسين الكرملين",
                "يلتسين الكرملين",
                None,
            ),
            // After a particle the name goes on.
            (
                "قالت ماريا فرنانديس دي لافيغا إن",
                "ماريا فرنانديس دي لافيغا",
                "ماريا فرنانديس دي لافيغا",
                None,
            ),
        ];
        let lexicon = Lexicon::bundled();
        for &(text, span, person, split) in cases {
            let norm = Normalized::new(text, NormOptions::default());
            let tokens = tokenize(&norm, lexicon);
            let lex = lexicon_names(lexicon, &norm, &tokens);
            let span = at(text, span);
            let got = lexicon_tail(text, &lex, &span, lexicon)
                .or_else(|| lexicon_head(text, &lex, &span, lexicon));
            let got = match got {
                Some((p, (r, k, _))) => (&text[p], Some((&text[r], k))),
                None => (&text[span], None),
            };
            assert_eq!(got, (person, split), "{text}");
        }
    }

    #[test]
    fn a_name_tagged_whole_once_is_whole_where_the_model_tagged_part() {
        let text = "قال توفيق الحكيم إن الكتاب جاهز. وأضاف توفيق الحكيم أن النشر قريب. \
                    وقال عزام الأميركي كلاما. ثم غادر عزام الأميركي.";
        let second = |s: &str| {
            let i = text.rfind(s).unwrap();
            i..i + s.len()
        };
        let norm = Normalized::new(text, NormOptions::default());
        let tokens = tokenize(&norm, Lexicon::bundled());
        let mut candidates = vec![
            per(at(text, "توفيق الحكيم"), 2),
            per(second("توفيق"), 2),
            per(at(text, "عزام الأميركي"), 2),
            per(second("عزام"), 2),
        ];
        complete_names(&norm, &tokens, &mut candidates, Lexicon::bundled());
        let added: Vec<Range<usize>> = candidates[4..].iter().map(|c| c.ann.range()).collect();
        // «الأميركي» (American) is the adjective of a place: no name.
        assert_eq!(added, [second("توفيق الحكيم")]);
    }

    #[test]
    fn an_accusative_noun_ends_no_name() {
        // (word, an indefinite accusative noun?)
        let cases = [
            ("برنامجا", true),
            ("بديلا", true),
            ("اجتماعا", true),
            ("ماريا", false),
            ("روما", false),
            ("رضا", false),
            ("برنامج", false),
        ];
        let got = each_word(&cases.map(|c| c.0), |w| {
            is_accusative_noun(w.norm, w.token, Lexicon::bundled())
        });
        assert_eq!(got, cases);
    }

    #[test]
    fn a_name_tagged_from_ben_starts_at_the_given_name() {
        // (text, the word before «بن»/«ابن», extends the name to it?)
        let cases = [
            ("قال علي بن أبي طالب", "علي", true),
            ("قالت عائشة بنت أبي بكر", "عائشة", true),
            ("قال بسر بن أرطأة", "بسر", true),
            ("سدد على مرمى بن فوستر", "مرمى", false),
            ("زار المغربي ابن بطوطة", "المغربي", false),
        ];
        let lex = Lexicon::bundled();
        for (text, before, want) in cases {
            let norm = Normalized::new(text, NormOptions::default());
            let tokens = tokenize(&norm, lex);
            let i = tokens
                .iter()
                .position(|t| &text[norm.to_original(t.norm.clone())] == before)
                .expect("word in text");
            assert_eq!(given_name_before(&norm, &tokens[i..], lex), want, "{text}");
        }
    }

    #[test]
    fn a_waw_word_after_a_name_link_goes_on_with_the_name() {
        // «وقاص» after «أبي» is no «و» + «قاص»: one person, not two.
        let names = arabic_names("زرنا ضريح الصحابي سعد بن أبي وقاص في المدينة.");
        assert_eq!(names, [("سعد بن أبي وقاص", EntityType::Per)]);
    }

    #[test]
    fn a_waw_word_after_a_name_on_its_own_is_another_name() {
        // (text, is the last word «و» + another name after the one before?)
        let cases = [
            ("بوتين وزيلينسكي", true),
            ("جورج واشنطن", false),
            ("بوتين وصفي", false),
            ("بوتين وبو", false),
        ];
        let lex = Lexicon::bundled();
        for (text, want) in cases {
            let norm = Normalized::new(text, NormOptions::default());
            let tokens = tokenize(&norm, lex);
            assert_eq!(tokens.len(), 2, "{text}");
            let got = follows_a_name(&norm, &tokens[0], &tokens[1], lex);
            assert_eq!(got, want, "{text}");
        }
        // In the analysis: two people, the conjunction outside both.
        assert_eq!(
            arabic_names("التقى بوتين وزيلينسكي في إسطنبول."),
            [
                ("بوتين", EntityType::Per),
                ("زيلينسكي", EntityType::Per),
                ("إسطنبول", EntityType::Loc)
            ]
        );
    }
}
