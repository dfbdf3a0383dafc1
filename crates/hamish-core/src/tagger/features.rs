//! Feature extraction over tokens and the normalised text.
//!
//! Every feature is a 32-bit key: a template number hashed with the
//! feature's value (see [`super::hash`]). Templates, for token *i*:
//!
//! | template | value |
//! |---|---|
//! | bias | — |
//! | word, name form, stem | the normalised token; without proclitics; without any clitics or article |
//! | affixes | stem prefixes 1–3, stem suffixes 1–4 |
//! | clitics | the proclitic letters, article (plain/contracted), enclitic |
//! | shape | kind, script, length class; Latin capitalisation pattern |
//! | window | words and stems at ±1, ±2; stem bigrams (−1,0) and (0,+1); shapes (−1,0,+1) |
//! | lexicon | every [`Lexicon::find`] match covering *i*: position (begin / inside / end / unit) × kind (the `LexKind` Debug name, so new kinds become new features without code changes); matches at ±1, ±2 |
//! | trimmed proclitic | for an unsegmented word starting with و ف ب ل: the remainder, when the lexicon knows it, the model's name list has it or it occurs on its own elsewhere in the document |
//! | name list | the types the model's name list (names seen in training) records for the stem or trimmed stem |
//! | frequency | what the lexicon knows about the stem and the whole word: known, name part, name, common-word frequency band (50 centibels wide) — of the token and (in text with Arabic) of its ±1 neighbours |
//! | document | the other mentions of the same stem in the document: their left neighbours, their lexicon kinds, whether a title precedes them (the eight smallest hashes) |
//!
//! Windows do not cross sentence boundaries.

use std::ops::Range;

use super::hash::{fnv, key, pair, HashMap};
use super::names::NameList;
use crate::lexicon::{LexKind, Lexicon};
use crate::normalize::Normalized;
use crate::token::{Script, Token, TokenKind};

/// Version of the feature templates. A model records the version it was
/// trained with; loading refuses a model built for other templates.
pub const FEATURE_SET: u32 = 2;

const CHAR_NGRAMS: bool = true;
const FREQ_FEATURES: bool = true;

// Template numbers.
const T_BIAS: u32 = 0;
const T_WORD: u32 = 1;
const T_NAME: u32 = 2;
const T_STEM: u32 = 3;
const T_PRE: u32 = 4; // +k
const T_SUF: u32 = 8; // +k
const T_CLITIC: u32 = 13;
const T_SHAPE: u32 = 14;
const T_WIN_W: u32 = 15; // +offset index
const T_WIN_S: u32 = 20; // +offset index
const T_BI_L: u32 = 25;
const T_BI_R: u32 = 26;
const T_SHAPE3: u32 = 27;
const T_LEX: u32 = 28; // +position code
const T_LEX_WIN: u32 = 33; // +offset index
const T_TRIM: u32 = 38;
const T_TRIM_EV: u32 = 39;
const T_NAMES: u32 = 40;
const T_NAMES_WIN: u32 = 41; // +offset index
const T_DOC_LEFT: u32 = 46;
const T_DOC_LEX: u32 = 47;
const T_DOC_N: u32 = 48;
const T_LOWER: u32 = 49;
const T_CAP_MID: u32 = 50;
const T_FIRST: u32 = 51;
const T_LEFT_NAMES: u32 = 52;
const T_CHAR3: u32 = 53;
const T_NB_SUF: u32 = 54; // +offset index
const T_L1_SUF: u32 = 58;
const T_FREQ: u32 = 59;
const T_FREQ_WIN: u32 = 60; // +offset index

/// Proclitics tried when trimming an unsegmented word, longest first.
const TRIM_PROCLITICS: &[&str] = &["وب", "ول", "فب", "فل", "و", "ف", "ب", "ل"];

/// Features for every token of a document, flattened.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Keys of all tokens, token after token.
    pub keys: Vec<u32>,
    /// For each key: how much online learning may change its weights — 0
    /// for features that fire on many words (bias, shape, lexicon kinds …),
    /// 1 for context features, [`IDENTITY_RATE`] for the word's own identity
    /// (word, name form, stem, trimmed stem).
    pub learnable: Vec<u8>,
    /// `keys[offs[i]..offs[i + 1]]` are the keys of token `i`.
    pub offs: Vec<u32>,
}

impl Features {
    /// The keys of token `i`.
    pub fn of(&self, i: usize) -> &[u32] {
        &self.keys[self.offs[i] as usize..self.offs[i + 1] as usize]
    }

    /// The learning rates of token `i`'s keys.
    pub fn learnable_of(&self, i: usize) -> &[u8] {
        &self.learnable[self.offs[i] as usize..self.offs[i + 1] as usize]
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.offs.len().saturating_sub(1)
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Per-token values that features are built from.
#[derive(Debug, Clone, Default)]
struct TokInfo {
    word: u64,
    stem: u64,
    name: u64,
    shape: u64,
    /// Normalised byte range of the name form to use for stems/affixes.
    stem_range: Range<usize>,
    /// Trimmed remainder (hash) and its evidence code, for unsegmented
    /// words starting with a proclitic letter.
    trim: Option<(u64, u8)>,
    /// Name-list type mask of the stem (or the trimmed stem).
    names: u8,
    /// Hash of the stem's last two letters.
    suf2: u64,
    /// What the lexicon knows about the word (frequency band, name part).
    freq: u64,
    /// The word or its stem is a function word
    /// ([`Knowledge::is_function_word`](crate::token::Knowledge::is_function_word)).
    function: bool,
}

/// What the feature extractor needs besides the tokens.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The lexicon whose matches become features.
    pub lexicon: &'a Lexicon,
    /// The model's list of names seen in training.
    pub names: &'a NameList,
}

/// The byte length of the proclitic [`trim`] would strip from `word` (an
/// unsegmented Arabic word), with the evidence for it: 2 the name list has
/// the rest, 3 it occurs on its own in the document (`doc_forms` counts
/// name forms by hash), 1 the lexicon knows it.
pub fn trim(word: &str, ctx: &Context<'_>, doc_forms: &HashMap<u64, u32>) -> Option<(usize, u8)> {
    for p in TRIM_PROCLITICS {
        let Some(rest) = word.strip_prefix(p) else {
            continue;
        };
        if rest.chars().count() < 3 {
            continue;
        }
        let h = fnv(rest);
        // Cheapest evidence first.
        let evidence = if ctx.names.get(h) != 0 {
            2
        } else if doc_forms.get(&h).copied().unwrap_or(0) > 0 {
            3
        } else if crate::token::Vocabulary::knows(ctx.lexicon, rest) {
            1
        } else {
            continue;
        };
        return Some((p.len(), evidence));
    }
    None
}

/// Name forms of the document's words, counted by hash (the evidence
/// "occurs on its own elsewhere in the document" of [`trim`]).
pub fn doc_forms(norm: &Normalized, tokens: &[Token]) -> HashMap<u64, u32> {
    let text = norm.as_str();
    let mut forms: HashMap<u64, u32> = HashMap::default();
    for t in tokens {
        if t.kind == TokenKind::Word {
            *forms.entry(fnv(&text[t.name_norm()])).or_default() += 1;
        }
    }
    forms
}

/// Extracts the features of every token. `sentences` are the token ranges
/// that windows stay inside (they must cover the tokens in order).
pub fn extract(
    norm: &Normalized,
    tokens: &[Token],
    sentences: &[Range<usize>],
    ctx: &Context<'_>,
) -> Features {
    let text = norm.as_str();
    let n = tokens.len();
    let mut sent_of = vec![0u32; n];
    for (si, r) in sentences.iter().enumerate() {
        for s in &mut sent_of[r.clone()] {
            *s = si as u32;
        }
    }

    let doc_forms = doc_forms(norm, tokens);
    // The neighbours' frequency classes (Arabic): not in text without
    // Arabic, whose model does without them.
    let freq_window = FREQ_FEATURES && tokens.iter().any(|t| t.script == Script::Arabic);

    let info: Vec<TokInfo> = tokens
        .iter()
        .map(|t| token_info(text, t, ctx, &doc_forms))
        .collect();

    // Lexicon matches → per-token (position, kind) codes.
    let mut lex: Vec<(u32, u32, u64)> = Vec::new(); // (token, pos, kind hash)
    let mut title_end: Vec<bool> = vec![false; n];
    let mut kind_hash: HashMap<u32, u64> = HashMap::default();
    for m in ctx.lexicon.find(norm, tokens) {
        let first = tokens.partition_point(|t| t.norm.end <= m.norm.start);
        let last = tokens.partition_point(|t| t.norm.end < m.norm.end);
        if first >= n || last >= n || first > last {
            continue;
        }
        let kind = ctx.lexicon.entry(m.entry).kind;
        let kh = *kind_hash
            .entry(m.entry)
            .or_insert_with(|| fnv(&format!("{kind:?}")));
        if matches!(kind, LexKind::Title) {
            title_end[last] = true;
        }
        for i in first..=last {
            let pos = if first == last {
                0
            } else if i == first {
                1
            } else if i == last {
                3
            } else {
                2
            };
            lex.push((i as u32, pos, kh));
        }
    }
    lex.sort_unstable();
    lex.dedup();
    let mut lex_off = vec![0u32; n + 1];
    for &(i, _, _) in &lex {
        lex_off[i as usize + 1] += 1;
    }
    for i in 0..n {
        lex_off[i + 1] += lex_off[i];
    }
    let lex_of = |i: usize| &lex[lex_off[i] as usize..lex_off[i + 1] as usize];

    // Document-level evidence: mentions of the same stem.
    let mut mentions: HashMap<u64, Vec<u32>> = HashMap::default();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind == TokenKind::Word && info[i].stem_range.len() >= 4 {
            mentions.entry(info[i].stem).or_default().push(i as u32);
        }
    }

    // The document values one mention contributes (see below).
    let mention_values = |j: usize, out: &mut Vec<u64>| {
        let left = if j > 0 && sent_of[j - 1] == sent_of[j] {
            info[j - 1].stem
        } else {
            0
        };
        out.push(pair(1, left));
        if j > 0 && title_end[j - 1] {
            out.push(pair(2, 0));
        }
        for &(_, pos, kh) in lex_of(j) {
            out.push(pair(3 + pos as u64, kh));
        }
    };
    let mut groups: HashMap<u64, Vec<(u64, u32)>> = HashMap::default();
    let mut keys = Vec::with_capacity(n * 48);
    let mut learnable = Vec::with_capacity(n * 48);
    let mut offs = Vec::with_capacity(n + 1);
    offs.push(0u32);
    let mut scratch: Vec<u64> = Vec::new();
    let mut chars: Vec<(usize, char)> = Vec::new();
    for i in 0..n {
        let t = &tokens[i];
        let me = &info[i];
        let s_i = sent_of[i];
        let at = |d: isize| -> Option<usize> {
            let j = i as isize + d;
            if j < 0 || j >= n as isize || sent_of[j as usize] != s_i {
                None
            } else {
                Some(j as usize)
            }
        };
        // A function word's identity never learns towards a name.
        let identity = if me.function {
            FUNCTION_IDENTITY
        } else {
            IDENTITY_RATE
        };
        let mut push = |tpl: u32, v: u64| {
            keys.push(key(tpl, v));
            let l = is_learnable(tpl);
            learnable.push(if l == IDENTITY_RATE { identity } else { l });
        };

        push(T_BIAS, 0);
        push(T_WORD, me.word);
        push(T_STEM, me.stem);
        if me.name != me.word {
            push(T_NAME, me.name);
        }
        push(T_SHAPE, me.shape);
        let stem = &text[me.stem_range.clone()];
        if t.kind == TokenKind::Word {
            chars.clear();
            chars.extend(stem.char_indices());
            for k in 1..=3usize.min(chars.len()) {
                let end = chars.get(k).map_or(stem.len(), |c| c.0);
                push(T_PRE + k as u32, fnv(&stem[..end]));
            }
            for k in 1..=4usize.min(chars.len()) {
                let start = chars[chars.len() - k].0;
                push(T_SUF + k as u32, fnv(&stem[start..]));
            }
            if chars.len() >= 4 && CHAR_NGRAMS {
                for w in 0..chars.len() - 2 {
                    let end = chars.get(w + 3).map_or(stem.len(), |c| c.0);
                    push(T_CHAR3, fnv(&stem[chars[w].0..end]));
                }
            }
            if let Some(j) = at(-1) {
                push(T_L1_SUF, pair(info[j].stem, me.suf2));
            }
        }
        if t.script == Script::Arabic {
            let code = (t.proclitic_len as u64)
                | (t.article_len as u64) << 8
                | (t.contracted_article as u64) << 16
                | ((t.enclitic_len > 0) as u64) << 17;
            push(T_CLITIC, pair(fnv(t.proclitic(norm)), code));
        }
        if t.script == Script::Latin {
            let w = &text[t.norm.clone()];
            push(T_LOWER, fnv(&w.to_lowercase()));
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            if cap && !t.sentence_start {
                push(T_CAP_MID, 1);
            }
        }
        if at(-1).is_none() {
            push(T_FIRST, 0);
        }
        if FREQ_FEATURES && me.freq != 0 {
            push(T_FREQ, me.freq);
        }

        // Window.
        for (oi, d) in [-2isize, -1, 1, 2].into_iter().enumerate() {
            match at(d) {
                Some(j) => {
                    push(T_WIN_W + oi as u32, info[j].word);
                    push(T_WIN_S + oi as u32, info[j].stem);
                    for &(_, pos, kh) in lex_of(j) {
                        push(T_LEX_WIN + oi as u32, pair(kh, pos as u64));
                    }
                    if info[j].names != 0 {
                        push(T_NAMES_WIN + oi as u32, info[j].names as u64);
                    }
                    if oi == 1 || oi == 2 {
                        push(T_NB_SUF + oi as u32, info[j].suf2);
                        if freq_window {
                            push(T_FREQ_WIN + oi as u32, info[j].freq);
                        }
                    }
                }
                None => {
                    push(T_WIN_W + oi as u32, 0);
                }
            }
        }
        let l1 = at(-1);
        let r1 = at(1);
        push(T_BI_L, pair(l1.map_or(0, |j| info[j].stem), me.stem));
        push(T_BI_R, pair(me.stem, r1.map_or(0, |j| info[j].stem)));
        push(
            T_SHAPE3,
            pair(
                pair(l1.map_or(0, |j| info[j].shape), me.shape),
                r1.map_or(0, |j| info[j].shape),
            ),
        );
        if let Some(j) = l1 {
            if info[j].names != 0 && me.names != 0 {
                push(T_LEFT_NAMES, (info[j].names as u64) << 8 | me.names as u64);
            }
        }

        // Lexicon.
        for &(_, pos, kh) in lex_of(i) {
            push(T_LEX + pos, kh);
        }

        // Trimmed proclitic and name list.
        if let Some((h, ev)) = me.trim {
            push(T_TRIM, h);
            push(T_TRIM_EV, ev as u64);
        }
        if me.names != 0 {
            push(T_NAMES, me.names as u64);
        }

        // Document: what the other mentions of the stem look like — the
        // eight smallest values over all other mentions, as if collected
        // mention by mention, in bounded time per token.
        if let Some(ms) = mentions.get(&me.stem) {
            if ms.len() > 1 {
                push(T_DOC_N, (ms.len().min(4)) as u64);
                let group = groups
                    .entry(me.stem)
                    .or_insert_with(|| doc_values_of_group(ms, &mention_values));
                scratch.clear();
                mention_values(i, &mut scratch);
                let mut emitted = 0;
                for &(v, count) in group.iter() {
                    if emitted == 8 {
                        break;
                    }
                    let own = u32::from(scratch.contains(&v));
                    if count > own {
                        push(T_DOC_LEFT, v);
                        emitted += 1;
                    }
                }
            }
        }
        let _ = T_DOC_LEX;
        offs.push(keys.len() as u32);
    }
    Features {
        keys,
        learnable,
        offs,
    }
}

/// Relative online learning rate of the word's identity features.
pub const IDENTITY_RATE: u8 = 20;

/// Learnability of a function word's identity features: they learn at the
/// context rate away from names and not at all towards them (a reader who
/// marks «علي» as a person must not teach that «على» is one).
pub const FUNCTION_IDENTITY: u8 = 2;

/// How much online learning may change the weights of template `tpl`: a
/// correction moves mostly what identifies the corrected words, a little
/// their contexts, and nothing that every token shares.
fn is_learnable(tpl: u32) -> u8 {
    if matches!(tpl, T_WORD | T_NAME | T_STEM | T_TRIM | T_LOWER) {
        return IDENTITY_RATE;
    }
    let generic = matches!(
        tpl,
        T_BIAS
            | T_SHAPE
            | T_SHAPE3
            | T_CLITIC
            | T_FIRST
            | T_CAP_MID
            | T_NAMES
            | T_TRIM_EV
            | T_DOC_N
            | T_LEFT_NAMES
            | T_FREQ
            | T_ST0
            | T_STL
            | T_STR
            | T_ST_LR
            | T_ST_DOC_NAME
            | T_ST_DOC_STEM
            | T_ST_DOC_NONE
    ) || tpl == T_PRE + 1
        || tpl == T_SUF + 1
        || (T_LEX..T_LEX + 5).contains(&tpl)
        || (T_LEX_WIN..T_LEX_WIN + 5).contains(&tpl)
        || (T_NAMES_WIN..T_NAMES_WIN + 5).contains(&tpl)
        || (T_FREQ_WIN..T_FREQ_WIN + 5).contains(&tpl);
    u8::from(!generic)
}

/// Every value the mentions `ms` contribute, with how many mentions
/// contribute it, sorted by value.
fn doc_values_of_group(
    ms: &[u32],
    mention_values: &dyn Fn(usize, &mut Vec<u64>),
) -> Vec<(u64, u32)> {
    let mut all = Vec::with_capacity(ms.len() * 2);
    let mut one = Vec::new();
    for &j in ms {
        one.clear();
        mention_values(j as usize, &mut one);
        one.sort_unstable();
        one.dedup();
        all.extend_from_slice(&one);
    }
    all.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::new();
    for v in all {
        match out.last_mut() {
            Some((x, c)) if *x == v => *c += 1,
            _ => out.push((v, 1)),
        }
    }
    out
}

fn token_info(text: &str, t: &Token, ctx: &Context<'_>, doc_forms: &HashMap<u64, u32>) -> TokInfo {
    let whole = &text[t.norm.clone()];
    let (word, lower_stem) = if t.script == Script::Latin {
        let l = whole.to_lowercase();
        (fnv(&l), Some(l))
    } else {
        (fnv(whole), None)
    };
    let mut stem_range = t.stem_norm();
    let mut trim_h = None;
    if t.script == Script::Arabic
        && t.kind == TokenKind::Word
        && t.proclitic_len == 0
        && t.article_len == 0
    {
        if let Some((len, ev)) = trim(whole, ctx, doc_forms) {
            let r = t.norm.start + len..t.norm.end;
            trim_h = Some((fnv(&text[r.clone()]), ev));
            stem_range = r;
        }
    }
    let stem_s = &text[stem_range.clone()];
    let stem = match &lower_stem {
        Some(l) => fnv(l),
        None => fnv(stem_s),
    };
    let name = fnv(&text[t.name_norm()]);
    let mut names = ctx.names.get(name);
    if names == 0 {
        names = ctx.names.get(fnv(stem_s));
    }
    // The last two letters (the whole stem when shorter).
    let suf2 = fnv(&stem_s[stem_s.char_indices().rev().nth(1).map_or(0, |c| c.0)..]);
    let (freq, function) = if t.kind == TokenKind::Word && t.script == Script::Arabic {
        let k = [stem_s, whole].map(|w| crate::token::Vocabulary::knowledge(ctx.lexicon, w));
        (
            freq_code(&k[0]) | freq_code(&k[1]) << 8,
            k.iter().any(crate::token::Knowledge::is_function_word),
        )
    } else {
        (0, false)
    };
    TokInfo {
        freq,
        function,
        suf2,
        word,
        stem,
        name,
        shape: shape(whole, t),
        stem_range,
        trim: trim_h,
        names,
    }
}

/// What the lexicon knows about a word as one code: 0 nothing; else bit 0
/// known, bit 1 a name part, bit 2 a name, bits 3.. the frequency band.
fn freq_code(k: &crate::token::Knowledge) -> u64 {
    if !k.known {
        return 0;
    }
    let band = k.centibels.map_or(15, |c| (c / FREQ_BAND).min(14)) as u64;
    1 | (k.name_part as u64) << 1 | (k.name as u64) << 2 | band << 3
}

/// Width of a frequency band in centibels.
const FREQ_BAND: u16 = 50;

/// A coarse shape: kind, script, length class, article/clitic presence,
/// Latin capitalisation pattern.
fn shape(w: &str, t: &Token) -> u64 {
    let len = w.chars().count();
    let len_class = match len {
        0..=1 => 0u64,
        2 => 1,
        3 => 2,
        4 => 3,
        5..=6 => 4,
        _ => 5,
    };
    let mut caps = 0u64;
    if t.script == Script::Latin {
        let mut prev = 0u8;
        let mut pattern = 0u64;
        let mut n = 0;
        for c in w.chars() {
            let k = if c.is_uppercase() {
                1
            } else if c.is_lowercase() {
                2
            } else if c.is_ascii_digit() {
                3
            } else {
                4
            };
            if k != prev && n < 4 {
                pattern = pattern << 3 | k as u64;
                n += 1;
                prev = k;
            }
        }
        caps = pattern;
    }
    let kind = match t.kind {
        TokenKind::Word => 1u64,
        TokenKind::Number => 2,
        TokenKind::Punct => 3,
    };
    let script = match t.script {
        Script::Arabic => 1u64,
        Script::Latin => 2,
        Script::Other => 3,
    };
    let punct = if t.kind == TokenKind::Punct {
        fnv(w) & 0xffff
    } else {
        0
    };
    kind | script << 4
        | len_class << 8
        | ((t.article_len > 0) as u64) << 12
        | caps << 16
        | punct << 40
}

// Stacked (second-stage) templates.
const T_ST0: u32 = 70;
const T_STL: u32 = 71;
const T_STR: u32 = 72;
const T_ST_LR: u32 = 73;
const T_ST_DOC_NAME: u32 = 74;
const T_ST_DOC_STEM: u32 = 75;
const T_ST_DOC_NONE: u32 = 76;
const T_ST_WORD: u32 = 77;

/// Second-stage features: the first-stage features plus the first stage's
/// tags of the token and its neighbours, and the types the first stage
/// gave the *other* mentions of the same name form and of the same stem in
/// the document (document-level consistency).
pub fn stack(
    norm: &Normalized,
    tokens: &[Token],
    sentences: &[Range<usize>],
    feats: &Features,
    tags: &[super::Tag],
) -> Features {
    let text = norm.as_str();
    let n = tokens.len();
    let mut sent_of = vec![0u32; n];
    for (si, r) in sentences.iter().enumerate() {
        for s in &mut sent_of[r.clone()] {
            *s = si as u32;
        }
    }
    // Per group (name form / stem): type counts of the first-stage tags.
    let mut by_name: HashMap<u64, [u32; 5]> = HashMap::default();
    let mut by_stem: HashMap<u64, [u32; 5]> = HashMap::default();
    let slot = |t: super::Tag| -> usize {
        t.kind()
            .and_then(|k| super::TYPES.iter().position(|&x| x == k))
            .map_or(4, |p| p)
    };
    let mut keys_of: Vec<(u64, u64)> = Vec::with_capacity(n);
    for (i, t) in tokens.iter().enumerate() {
        let name = &text[t.name_norm()];
        let stem = &text[t.stem_norm()];
        let ok = t.kind == TokenKind::Word && name.chars().count() >= 3;
        let (hn, hs) = if ok { (fnv(name), fnv(stem)) } else { (0, 0) };
        keys_of.push((hn, hs));
        if ok {
            by_name.entry(hn).or_default()[slot(tags[i])] += 1;
            by_stem.entry(hs).or_default()[slot(tags[i])] += 1;
        }
    }
    let mut keys = Vec::with_capacity(feats.keys.len() + n * 8);
    let mut learnable = Vec::with_capacity(feats.keys.len() + n * 8);
    let mut offs = Vec::with_capacity(n + 1);
    offs.push(0u32);
    for i in 0..n {
        keys.extend_from_slice(feats.of(i));
        learnable.extend_from_slice(feats.learnable_of(i));
        let mut push = |tpl: u32, v: u64| {
            keys.push(key(tpl, v));
            learnable.push(is_learnable(tpl));
        };
        let same = |j: usize| sent_of[j] == sent_of[i];
        let l = if i > 0 && same(i - 1) {
            tags[i - 1].0 as u64
        } else {
            99
        };
        let r = if i + 1 < n && same(i + 1) {
            tags[i + 1].0 as u64
        } else {
            99
        };
        let me = tags[i].0 as u64;
        push(T_ST0, me);
        push(T_STL, l);
        push(T_STR, r);
        push(T_ST_LR, l << 16 | me << 8 | r);
        let (hn, hs) = keys_of[i];
        if hn != 0 {
            push(T_ST_WORD, pair(hn, me));
            for (tpl, map, h) in [(T_ST_DOC_NAME, &by_name, hn), (T_ST_DOC_STEM, &by_stem, hs)] {
                let Some(counts) = map.get(&h) else { continue };
                let mut c = *counts;
                c[slot(tags[i])] -= 1;
                let others: u32 = c.iter().sum();
                if others == 0 {
                    continue;
                }
                let tagged: u32 = c[..4].iter().sum();
                if tagged == 0 {
                    push(T_ST_DOC_NONE, tpl as u64);
                    continue;
                }
                for (k, &x) in c[..4].iter().enumerate() {
                    if x > 0 {
                        let majority = (x * 2 >= others) as u64;
                        push(tpl, (k as u64) << 4 | majority << 1);
                        push(tpl, (k as u64) << 4 | majority << 1 | 1 | me << 8);
                    }
                }
            }
        }
        offs.push(keys.len() as u32);
    }
    Features {
        keys,
        learnable,
        offs,
    }
}
