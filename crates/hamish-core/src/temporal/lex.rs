//! The temporal vocabulary: words and phrases mapped to grammar terminals,
//! and the token view the grammar runs on.
//!
//! The vocabulary is data: `data/temporal/words.tsv` (hand-written) and
//! `data/temporal/cldr-words.tsv` (generated from CLDR by
//! `tools/lexgen/gen_temporal.py`). Both are normalised on load exactly like
//! the text, so hamza, teh marbuta, alef maksura, tanween and case never
//! matter.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::normalize::{NormOptions, Normalized};
use crate::token::{is_arabic_letter, tokenize, NoVocabulary, Script, Token, TokenKind};

const WORDS_TSV: &str = include_str!("../../data/temporal/words.tsv");
const CLDR_TSV: &str = include_str!("../../data/temporal/cldr-words.tsv");

/// A time unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "S" => Unit::Second,
            "MIN" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }

    /// Whether the unit is below a day (written after `T` in ISO 8601).
    pub(crate) fn is_time(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }

    /// The TIMEX3 duration letter(s).
    pub(crate) fn letter(self) -> &'static str {
        match self {
            Unit::Second => "S",
            Unit::Minute => "M",
            Unit::Hour => "H",
            Unit::Day => "D",
            Unit::Week => "W",
            Unit::Month => "M",
            Unit::Quarter => "Q",
            Unit::Year => "Y",
            Unit::Decade => "DE",
            Unit::Century => "CE",
        }
    }
}

/// Grammatical number of a unit word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Count {
    One,
    Two,
    Plural,
}

/// A part of the day (TIMEX3 `MO`, `MI`, `AF`, `EV`, `NI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Part {
    Morning,
    Midday,
    Afternoon,
    Evening,
    Night,
}

impl Part {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Part::Morning => "MO",
            Part::Midday => "MI",
            Part::Afternoon => "AF",
            Part::Evening => "EV",
            Part::Night => "NI",
        }
    }
}

/// What a period word after a clock time says about the hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum AmPm {
    Am,
    Pm,
    Noon,
    Afternoon,
    Night,
}

/// A season.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
}

/// A TIMEX3 `mod`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Mod {
    Start,
    Mid,
    End,
}

impl Mod {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
        }
    }
}

/// A grammar terminal: what a word or phrase can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Term {
    /// A month name; `weak` names are also ordinary words (مارس، صفر، May)
    /// and count only next to a day, a year or another month name.
    Month {
        hijri: bool,
        n: u8,
        weak: bool,
    },
    /// A weekday, 1 = Monday; `weak` ones (الاثنين "the two", السبت, Sun)
    /// need a trigger or a direction.
    Weekday {
        n: u8,
        weak: bool,
    },
    /// A relative day or period: أمس (day, -1), الأسبوع الماضي (week, -1).
    Rel {
        unit: Unit,
        n: i8,
    },
    /// An indefinite unit word: يوم، يومين، أيام، years.
    Unit {
        unit: Unit,
        count: Count,
    },
    /// A definite unit word: الأسبوع، الأشهر.
    UnitDef {
        unit: Unit,
        plural: bool,
    },
    /// الماضي (-1), الحالي (0), المقبل (+1).
    Dir(i8),
    /// هذا، هذه، this.
    This,
    /// A cardinal number word.
    Num(u32),
    /// An ordinal number word.
    Ord(u32),
    Season(Season),
    Mod(Mod),
    /// A decade word: التسعينيات (90).
    Decade(u8),
    /// A part-of-day noun: صباح، مساء.
    Part(Part),
    /// A period after a clock time: صباحًا، عصرًا، pm.
    AmPm {
        v: AmPm,
        weak: bool,
    },
    /// الليلة (tonight).
    Tonight,
    Noon,
    Midnight,
    /// الآن، حاليًا, now.
    Present,
    /// يوميًا، سنويًا, daily.
    SetAdv(Unit),
    /// A quarter name: الربع الأول.
    Quarter(u8),
    /// An era: هـ، م، ميلادي، AD.
    Era {
        hijri: bool,
        bc: bool,
    },
    Every,
    Ago,
    Later,
    Within,
    From,
    To,
    Between,
    And,
    YearWord,
    DualYear,
    DayWord,
    MonthWord,
    DateWord,
    HourWord,
    Century,
    Half,
    HalfWord,
    QuarterFrac,
    Minus,
    Several,
    /// نصف سنوي, semi-annual.
    SemiAnnual,
    /// الفترة، الحقبة، العهد، العصر (before a nisba adjective).
    PeriodHead,
}

fn parse_term(cat: &str, value: &str) -> Option<Term> {
    let weak = value.ends_with('?');
    let value = value.trim_end_matches('?');
    let int = || value.parse::<i64>().ok();
    Some(match cat {
        "month" => {
            let (hijri, n) = match value.split_at(1) {
                ("g", n) => (false, n.parse().ok()?),
                ("h", n) => (true, n.parse().ok()?),
                _ => return None,
            };
            if !(1..=12).contains(&n) {
                return None;
            }
            Term::Month { hijri, n, weak }
        }
        "weekday" => Term::Weekday {
            n: u8::try_from(int()?).ok().filter(|n| (1..=7).contains(n))?,
            weak,
        },
        "rel" => {
            let (u, n) = value.split_once(':')?;
            let unit = match u {
                "day" => Unit::Day,
                "week" => Unit::Week,
                "month" => Unit::Month,
                "quarter" => Unit::Quarter,
                "year" => Unit::Year,
                _ => return None,
            };
            Term::Rel {
                unit,
                n: n.parse().ok()?,
            }
        }
        "unit" | "unitdef" => {
            let (u, c) = value.split_at(value.len() - 1);
            let unit = Unit::parse(u)?;
            let count = match c {
                "1" => Count::One,
                "2" => Count::Two,
                "P" => Count::Plural,
                _ => return None,
            };
            if cat == "unit" {
                Term::Unit { unit, count }
            } else {
                Term::UnitDef {
                    unit,
                    plural: count == Count::Plural,
                }
            }
        }
        "dir" => Term::Dir(i8::try_from(int()?).ok()?),
        "this" => Term::This,
        "num" => Term::Num(u32::try_from(int()?).ok()?),
        "ord" => Term::Ord(u32::try_from(int()?).ok()?),
        "season" => Term::Season(match value {
            "SP" => Season::Spring,
            "SU" => Season::Summer,
            "FA" => Season::Fall,
            "WI" => Season::Winter,
            _ => return None,
        }),
        "mod" => Term::Mod(match value {
            "START" => Mod::Start,
            "MID" => Mod::Mid,
            "END" => Mod::End,
            _ => return None,
        }),
        "decade" => Term::Decade(u8::try_from(int()?).ok()?),
        "part" => Term::Part(match value {
            "MO" => Part::Morning,
            "MI" => Part::Midday,
            "AF" => Part::Afternoon,
            "EV" => Part::Evening,
            "NI" => Part::Night,
            _ => return None,
        }),
        "ampm" => Term::AmPm {
            v: match value {
                "AM" => AmPm::Am,
                "PM" => AmPm::Pm,
                "NOON" => AmPm::Noon,
                "AF" => AmPm::Afternoon,
                "NIGHT" => AmPm::Night,
                _ => return None,
            },
            weak,
        },
        "tonight" => Term::Tonight,
        "noon" => Term::Noon,
        "midnight" => Term::Midnight,
        "present" => Term::Present,
        "setadv" => Term::SetAdv(Unit::parse(value)?),
        "quarter" => Term::Quarter(u8::try_from(int()?).ok().filter(|q| (1..=4).contains(q))?),
        "era" => match value {
            "g0" => Term::Era {
                hijri: false,
                bc: true,
            },
            "g1" => Term::Era {
                hijri: false,
                bc: false,
            },
            "h0" => Term::Era {
                hijri: true,
                bc: false,
            },
            _ => return None,
        },
        "every" => Term::Every,
        "ago" => Term::Ago,
        "later" => Term::Later,
        "within" => Term::Within,
        "from" => Term::From,
        "to" => Term::To,
        "between" => Term::Between,
        "and" => Term::And,
        "yearword" => Term::YearWord,
        "dualyear" => Term::DualYear,
        "dayword" => Term::DayWord,
        "monthword" => Term::MonthWord,
        "dateword" => Term::DateWord,
        "hourword" => Term::HourWord,
        "century" => Term::Century,
        "half" => Term::Half,
        "halfword" => Term::HalfWord,
        "quarterfrac" => Term::QuarterFrac,
        "minus" => Term::Minus,
        "several" => Term::Several,
        "semiannual" => Term::SemiAnnual,
        "periodhead" => Term::PeriodHead,
        // CLDR's "N days ago" patterns and day-period keys we map below.
        _ => return None,
    })
}

/// CLDR categories whose value needs mapping to our terminals.
fn parse_cldr_term(cat: &str, value: &str) -> Option<Term> {
    match cat {
        "dayperiod" => Some(match value {
            "am" | "morning1" | "morning2" => Term::AmPm {
                v: AmPm::Am,
                weak: true,
            },
            "pm" | "evening1" | "night1" => Term::AmPm {
                v: AmPm::Pm,
                weak: true,
            },
            "afternoon1" => Term::AmPm {
                v: AmPm::Noon,
                weak: false,
            },
            "afternoon2" => Term::AmPm {
                v: AmPm::Afternoon,
                weak: false,
            },
            "night2" => Term::AmPm {
                v: AmPm::Night,
                weak: false,
            },
            "noon" => Term::Noon,
            "midnight" => Term::Midnight,
            _ => return None,
        }),
        "ago" => None,
        "era" if value == "h1" => None,
        _ => parse_term(cat, value),
    }
}

/// Normalises a vocabulary word or a token for lookup: the text
/// normaliser, then lower case for Latin letters, then tanween alef
/// dropped at the end of Arabic words of four letters or more whose
/// tanween form is the adverb (صباحًا → صباحا is kept: both are listed).
pub(crate) fn lookup_key(s: &str) -> String {
    let n = Normalized::new(s, NormOptions::default());
    n.as_str().to_lowercase()
}

/// The vocabulary: first word → entries (the remaining words, the term).
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    map: HashMap<String, Vec<(Vec<String>, Term)>>,
}

impl Vocab {
    /// The bundled vocabulary, built on first use.
    pub(crate) fn bundled() -> &'static Vocab {
        static V: OnceLock<Vocab> = OnceLock::new();
        V.get_or_init(|| {
            let mut v = Vocab::default();
            let mut weak: Vec<(String, Term)> = Vec::new();
            for (cat, value, word) in rows(WORDS_TSV) {
                if let Some(t) = parse_term(cat, value) {
                    if value.ends_with('?') {
                        weak.push((lookup_key(word), t));
                    }
                    v.add(word, t);
                }
            }
            for (cat, value, word) in rows(CLDR_TSV) {
                if let Some(mut t) = parse_cldr_term(cat, value) {
                    // A CLDR spelling that words.tsv marks weak stays weak.
                    let key = lookup_key(word);
                    if let Term::Month { hijri, n, .. } = t {
                        if weak.iter().any(|(w, wt)| {
                            *w == key
                                && matches!(wt, Term::Month { hijri: h2, n: n2, .. } if *h2 == hijri && *n2 == n)
                        }) {
                            t = Term::Month { hijri, n, weak: true };
                        }
                    }
                    if let Term::Weekday { n, .. } = t {
                        if weak.iter().any(|(w, wt)| *w == key && matches!(wt, Term::Weekday { n: n2, .. } if *n2 == n)) {
                            t = Term::Weekday { n, weak: true };
                        }
                    }
                    v.add(word, t);
                }
            }
            for entries in v.map.values_mut() {
                // Longest phrases first; stable and deterministic.
                entries.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
            }
            v
        })
    }

    fn add(&mut self, phrase: &str, term: Term) {
        let norm = Normalized::new(phrase, NormOptions::default());
        let words: Vec<String> = tokenize(&norm, &NoVocabulary)
            .iter()
            .map(|t| t.text(&norm).to_lowercase())
            .collect();
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        let entries = self.map.entry(first.clone()).or_default();
        // Strong entries replace weak duplicates; exact duplicates are
        // skipped.
        if let Some(e) = entries
            .iter_mut()
            .find(|(r, t)| r == rest && same_kind(t, &term))
        {
            if is_weak(&e.1) && !is_weak(&term) {
                e.1 = term;
            }
            return;
        }
        entries.push((rest.to_vec(), term));
    }

    /// Whether any entry starts with `word`.
    pub(crate) fn knows(&self, word: &str) -> bool {
        self.map.contains_key(word)
    }

    pub(crate) fn entries(&self, word: &str) -> &[(Vec<String>, Term)] {
        self.map.get(word).map_or(&[], Vec::as_slice)
    }
}

fn is_weak(t: &Term) -> bool {
    matches!(
        t,
        Term::Month { weak: true, .. }
            | Term::Weekday { weak: true, .. }
            | Term::AmPm { weak: true, .. }
    )
}

fn same_kind(a: &Term, b: &Term) -> bool {
    match (a, b) {
        (
            Term::Month {
                hijri: h1, n: n1, ..
            },
            Term::Month {
                hijri: h2, n: n2, ..
            },
        ) => h1 == h2 && n1 == n2,
        (Term::Weekday { n: n1, .. }, Term::Weekday { n: n2, .. }) => n1 == n2,
        (Term::AmPm { v: v1, .. }, Term::AmPm { v: v2, .. }) => v1 == v2,
        _ => a == b,
    }
}

fn rows(tsv: &str) -> impl Iterator<Item = (&str, &str, &str)> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?, f.next()?, f.next()?))
        })
}

/// The kind of a [`Tk`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TkKind {
    /// Digits. `digits` is the number of digits written (leading zeros
    /// count), `grouped` a number written with thousands separators or a
    /// decimal point (never a date part).
    Num {
        value: u64,
        digits: u8,
        grouped: bool,
    },
    Word,
    Punct,
}

/// One unit of the grammar's input: a token of the text, or a part of one
/// (a number glued to a word: 2022م، و2022، 16th), with its proclitics
/// (و، ب، ل …) set aside.
#[derive(Debug, Clone)]
pub(crate) struct Tk {
    /// Normalised span without proclitics.
    pub(crate) span: Range<usize>,
    /// Lookup key: the text without proclitics, lower-cased.
    pub(crate) key: String,
    /// The whole token, lower-cased.
    pub(crate) full: String,
    pub(crate) kind: TkKind,
    /// Whether a proclitic was set aside.
    pub(crate) clitic: bool,
    /// Whether the proclitic was the conjunction و (as in ومارس، و2022).
    pub(crate) conj: bool,
    /// Whether the token is Latin and starts with an upper-case letter.
    pub(crate) upper: bool,
    pub(crate) latin: bool,
    /// Whether the token starts a sentence.
    pub(crate) sentence_start: bool,
    /// An ordinal written with digits: 16th, الـ20.
    pub(crate) ordinal_digits: bool,
    /// Whether this piece is glued to the previous one (no space).
    pub(crate) glued: bool,
}

impl Tk {
    /// An empty punctuation tk at `pos`, standing for "past the end".
    pub(crate) fn dummy(pos: usize) -> Tk {
        Tk {
            span: pos..pos,
            key: String::new(),
            full: String::new(),
            kind: TkKind::Punct,
            clitic: false,
            conj: false,
            upper: false,
            latin: false,
            sentence_start: true,
            ordinal_digits: false,
            glued: false,
        }
    }

    pub(crate) fn num(&self) -> Option<(u64, u8)> {
        match self.kind {
            TkKind::Num {
                value,
                digits,
                grouped: false,
            } if !self.ordinal_digits => Some((value, digits)),
            _ => None,
        }
    }

    pub(crate) fn is_punct(&self, p: &str) -> bool {
        self.kind == TkKind::Punct && self.key == p
    }
}

const PROCLITICS: &[&str] = &["وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"];

fn digits_value(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 18 {
        // Longer digit runs are never dates; keep a saturated value.
        return if s.is_empty() { None } else { Some(u64::MAX) };
    }
    s.parse().ok()
}

/// Builds the grammar's input from the tokens.
pub(crate) fn tks(norm: &Normalized, tokens: &[Token], vocab: &Vocab) -> Vec<Tk> {
    let text = norm.as_str();
    let mut out: Vec<Tk> = Vec::with_capacity(tokens.len());
    let mut prev_end = usize::MAX;
    for t in tokens {
        let s = t.text(norm);
        let base = t.norm.start;
        let glued = prev_end == base;
        prev_end = t.norm.end;
        let latin = t.script == Script::Latin;
        let upper = latin && s.chars().next().is_some_and(char::is_uppercase);
        let full = s.to_lowercase();
        let mk = |span: Range<usize>, kind: TkKind| Tk {
            key: text[span.clone()].to_lowercase(),
            full: full.clone(),
            span,
            kind,
            clitic: false,
            conj: false,
            upper,
            latin,
            sentence_start: t.sentence_start,
            ordinal_digits: false,
            glued,
        };
        match t.kind {
            TokenKind::Number => {
                out.push(mk(
                    t.norm.clone(),
                    TkKind::Num {
                        value: digits_value(s).unwrap_or(0),
                        digits: s.len().min(255) as u8,
                        grouped: false,
                    },
                ));
            }
            TokenKind::Punct => out.push(mk(t.norm.clone(), TkKind::Punct)),
            TokenKind::Word => split_word(t, s, base, vocab, &mut out, mk),
        }
    }
    out
}

fn split_word(
    t: &Token,
    s: &str,
    base: usize,
    vocab: &Vocab,
    out: &mut Vec<Tk>,
    mk: impl Fn(Range<usize>, TkKind) -> Tk,
) {
    let has_digit = s.bytes().any(|b| b.is_ascii_digit());
    if has_digit {
        // 16.5.2025, 1,000, 10.5: digits with separators.
        if s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        {
            let parts: Vec<&str> = s.split('.').collect();
            if !s.contains(',') && parts.len() == 3 && parts.iter().all(|p| !p.is_empty()) {
                let mut pos = base;
                for (k, p) in parts.iter().enumerate() {
                    if k > 0 {
                        let mut d = mk(pos..pos + 1, TkKind::Punct);
                        d.glued = true;
                        out.push(d);
                        pos += 1;
                    }
                    let mut n = mk(
                        pos..pos + p.len(),
                        TkKind::Num {
                            value: digits_value(p).unwrap_or(0),
                            digits: p.len() as u8,
                            grouped: false,
                        },
                    );
                    n.glued = k > 0 || n.glued;
                    out.push(n);
                    pos += p.len();
                }
            } else {
                let digits: String = s.chars().filter(char::is_ascii_digit).collect();
                out.push(mk(
                    t.norm.clone(),
                    TkKind::Num {
                        value: digits_value(&digits).unwrap_or(0),
                        digits: digits.len().min(255) as u8,
                        grouped: true,
                    },
                ));
            }
            return;
        }
        // letters + digits (و2022، ال20، q1) or digits + letters (2022م،
        // 1348هجري، 16th، 1990s، 3pm).
        let first_digit = s.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
        let digits_end = first_digit
            + s[first_digit..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(s.len() - first_digit);
        let prefix = &s[..first_digit];
        let digits = &s[first_digit..digits_end];
        let suffix = &s[digits_end..];
        if suffix.bytes().any(|b| b.is_ascii_digit()) {
            out.push(mk(t.norm.clone(), TkKind::Word));
            return;
        }
        let value = digits_value(digits).unwrap_or(0);
        let num_kind = TkKind::Num {
            value,
            digits: digits.len().min(255) as u8,
            grouped: false,
        };
        if !prefix.is_empty() {
            let pk = prefix.to_lowercase();
            if pk == "ال" || pk == "q" {
                let mut n = mk(base..base + digits_end, num_kind);
                n.ordinal_digits = pk == "ال";
                if pk == "q" {
                    n.key = format!("q{digits}");
                    n.kind = TkKind::Word;
                }
                out.push(n);
            } else if PROCLITICS.contains(&prefix) {
                let mut n = mk(base + first_digit..base + digits_end, num_kind);
                n.clitic = true;
                n.conj = prefix.starts_with('و');
                out.push(n);
            } else {
                out.push(mk(t.norm.clone(), TkKind::Word));
                return;
            }
        } else {
            out.push(mk(base..base + digits_end, num_kind));
        }
        if !suffix.is_empty() {
            let sk = suffix.to_lowercase();
            let span = base + digits_end..t.norm.end;
            if matches!(sk.as_str(), "st" | "nd" | "rd" | "th") {
                if let Some(last) = out.last_mut() {
                    last.ordinal_digits = true;
                    last.span.end = t.norm.end;
                }
            } else {
                let mut w = mk(span, TkKind::Word);
                w.glued = true;
                w.key = sk;
                out.push(w);
            }
        }
        return;
    }
    // A plain word: set proclitics aside when the rest is temporal
    // vocabulary (the core tokenizer only splits words its own vocabulary
    // knows).
    let mut tk = mk(t.norm.clone(), TkKind::Word);
    if t.script == Script::Arabic && !vocab.knows(&tk.key) {
        let mut found = false;
        for p in PROCLITICS {
            let Some(rest) = s.strip_prefix(p) else {
                continue;
            };
            if rest.chars().count() < 2 || !rest.starts_with(is_arabic_letter) {
                continue;
            }
            let restored;
            let mut skip = p.len();
            let key = if vocab.knows(rest) {
                rest
            } else if p.ends_with('ل') && rest.starts_with('ل') {
                // ل + ال is written لل: للسنة = ل + السنة; like a name, the
                // span starts after the contracted article.
                restored = format!("ا{rest}");
                skip += 'ل'.len_utf8();
                if vocab.knows(&restored) {
                    &restored
                } else {
                    continue;
                }
            } else {
                continue;
            };
            tk.span = base + skip..t.norm.end;
            tk.key = key.to_owned();
            tk.clitic = true;
            tk.conj = p.starts_with('و');
            found = true;
            break;
        }
        let name = t.name_norm();
        if !found && name.start > base && name.end > name.start {
            let name_text = &s[name.start - base..name.end - base];
            if vocab.knows(name_text) {
                tk.span = name.start..t.norm.end;
                tk.key = name_text.to_owned();
                tk.clitic = true;
                tk.conj = s.starts_with('و');
            }
        }
    }
    out.push(tk);
}

/// The terms that start at each tk: (term, number of tks it spans).
pub(crate) fn terms(tks: &[Tk], vocab: &Vocab) -> Vec<Vec<(Term, u8)>> {
    let mut out = Vec::with_capacity(tks.len());
    for i in 0..tks.len() {
        let mut here = Vec::new();
        if !matches!(tks[i].kind, TkKind::Num { .. }) {
            for (rest, term) in vocab.entries(&tks[i].key) {
                let n = rest.len();
                let ok = rest.iter().enumerate().all(|(k, w)| {
                    tks.get(i + 1 + k)
                        .is_some_and(|t| t.full == *w || (t.key == *w && !t.clitic))
                });
                if ok {
                    here.push((*term, (n + 1) as u8));
                }
            }
        }
        out.push(here);
    }
    out
}
