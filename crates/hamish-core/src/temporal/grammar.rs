//! The temporal grammar: rules over the terminals of [`super::lex`].
//!
//! Every rule looks at a bounded window of tokens from its start, so
//! recognition is linear in the text length. At each position all rules
//! are tried and the longest match wins (earlier rules win ties); the scan
//! then continues after it.

use crate::analysis::EntityType;

use super::lex::{AmPm, Count, Part, Term, Tk, TkKind, Unit, Vocab};
use super::value::Sem;

/// A match: tokens `start..end` of the grammar input.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    /// Whether the span starts at the token's proclitic («بتاريخ»).
    pub(crate) start_ba: bool,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) sem: Sem,
    pub(crate) kind: EntityType,
}

pub(crate) struct G<'a> {
    pub(crate) tks: &'a [Tk],
    pub(crate) terms: &'a [Vec<(Term, u8)>],
    pub(crate) vocab: &'a Vocab,
    /// Whether day-first (Arabic) or month-first (US English) numeric dates
    /// are the default, per token (the script of its paragraph).
    pub(crate) month_first: &'a [bool],
    /// What [`G::t`] returns past the end.
    pub(crate) dummy: Tk,
}

/// Words after which a bare four-digit number is still a year (they do not
/// make it a count).
const YEAR_FOLLOWERS: &[&str] = &[
    "في",
    "من",
    "على",
    "الي",
    "عن",
    "حتي",
    "ثم",
    "حين",
    "عندما",
    "بعد",
    "قبل",
    "مع",
    "او",
    "حيث",
    "الذي",
    "التي",
    "الا",
    "اي",
    "لم",
    "لن",
    "قد",
    "كان",
    "كانت",
    "and",
    "in",
    "to",
    "the",
    "when",
    "after",
    "before",
    "as",
    "with",
    "by",
    "from",
    "of",
    "at",
    "on",
    "for",
    "until",
    "or",
    "but",
    "was",
    "were",
    "is",
    "had",
    "has",
];

/// Words before a number that make it a count or an identifier, not a year.
const COUNT_CUES: &[&str] = &[
    "رقم",
    "نحو",
    "حوالي",
    "قرابه",
    "اكثر",
    "اقل",
    "زهاء",
    "مجموع",
    "عدد",
    "بنسبه",
    "number",
    "no",
    "about",
    "around",
    "nearly",
    "almost",
    "over",
    "than",
    "some",
    "$",
    "£",
    "€",
    "#",
];

/// Strong cues that a number after them is a year.
const YEAR_CUES: &[&str] = &[
    "منذ", "حتي", "خلال", "طوال", "مطلع", "since", "until", "till", "during", "in", "by",
];

/// A year: (value, era (hijri, bc) when written, next token).
type YearMatch = (i32, Option<(bool, bool)>, usize);

/// Words before a weekday name that make it part of a name.
const NOT_A_DAY_BEFORE: &[&str] = &["سوق", "صلاه", "خطبه", "مسجد", "جامع", "حديقه", "سوقي"];

/// Words that mark a future tense nearby (for weekdays and months without
/// a year).
const FUTURE_CUES: &[&str] = &[
    "سوف",
    "المقرر",
    "المتوقع",
    "يعتزم",
    "تعتزم",
    "سيعقد",
    "ستعقد",
    "سيلتقي",
    "سيتم",
    "ستتم",
    "سيكون",
    "ستكون",
    "ستبدا",
    "سيبدا",
    "سيزور",
    "سيصل",
    "ستنطلق",
    "ستجري",
    "سيجري",
    "المقبل",
    "المقبله",
    "القادم",
    "القادمه",
    "will",
    "shall",
    "scheduled",
    "planned",
    "upcoming",
    "next",
];

impl<'a> G<'a> {
    /// The tk at `i`, or an empty one past the end.
    fn t(&self, i: usize) -> &Tk {
        self.tks.get(i).unwrap_or(&self.dummy)
    }

    fn n(&self) -> usize {
        self.tks.len()
    }

    fn key(&self, i: usize) -> &str {
        self.tks.get(i).map_or("", |t| t.key.as_str())
    }

    fn punct(&self, i: usize, p: &str) -> bool {
        self.tks.get(i).is_some_and(|t| t.is_punct(p))
    }

    fn is_word(&self, i: usize) -> bool {
        self.tks.get(i).is_some_and(|t| t.kind == TkKind::Word)
    }

    /// The first term at `i` satisfying `f`, and the index after it.
    fn term<T>(&self, i: usize, f: impl Fn(Term) -> Option<T>) -> Option<(T, usize)> {
        self.terms
            .get(i)?
            .iter()
            .find_map(|&(t, len)| f(t).map(|x| (x, i + usize::from(len))))
    }

    fn has(&self, i: usize, want: Term) -> Option<usize> {
        self.term(i, |t| (t == want).then_some(())).map(|(_, j)| j)
    }

    /// Skips an English article.
    fn the(&self, i: usize) -> usize {
        if self.key(i) == "the" {
            i + 1
        } else {
            i
        }
    }

    fn of(&self, i: usize) -> usize {
        if matches!(self.key(i), "of" | "من") && !self.t(i).clitic {
            i + 1
        } else {
            i
        }
    }

    fn future_near(&self, i: usize) -> bool {
        let lo = i.saturating_sub(8);
        let hi = (i + 8).min(self.n());
        let mut start = lo;
        for k in (lo..=i.min(self.n().saturating_sub(1))).rev() {
            if self.t(k).sentence_start {
                start = k;
                break;
            }
        }
        (start..hi).any(|k| {
            k != i
                && FUTURE_CUES.contains(&self.t(k).key.as_str())
                && (k <= i || !self.t(k).sentence_start)
        })
    }

    // ----- numbers ---------------------------------------------------------

    /// A cardinal number word at `i` (also with the article: الستة).
    fn num_term(&self, i: usize) -> Option<u32> {
        if let Some((v, _)) = self.term(i, |t| if let Term::Num(v) = t { Some(v) } else { None }) {
            return Some(v);
        }
        let k = self.key(i);
        let rest = k.strip_prefix("ال")?;
        self.vocab_num(rest)
    }

    fn vocab_num(&self, w: &str) -> Option<u32> {
        self.vocab.entries(w).iter().find_map(|e| match e.1 {
            Term::Num(v) if e.0.is_empty() => Some(v),
            _ => None,
        })
    }

    /// Number words: ثلاثة، خمسة وعشرون، ألفين واثنين وعشرين, twenty-one.
    fn number_words(&self, i: usize) -> Option<(u64, usize)> {
        let mut total = 0u64;
        let mut cur = 0u64;
        let mut j = i;
        let mut any = false;
        let mut last_small = false;
        let mut hyphen = false;
        while j < self.n() && j < i + 12 {
            let Some(v) = self.num_term(j).map(u64::from) else {
                break;
            };
            let tk = &self.t(j);
            if any && !tk.conj && !hyphen {
                if v == 10 && last_small {
                    cur += 10;
                } else if v == 100 && cur < 10 {
                    cur = cur.max(1) * 100;
                } else if v == 1000 && cur < 1000 {
                    total += cur.max(1) * 1000;
                    cur = 0;
                } else if tk.latin && cur >= 20 && cur.is_multiple_of(10) && v < 10 {
                    cur += v;
                } else {
                    break;
                }
            } else if any && tk.conj && !(v < 1000 || cur == 0) {
                break;
            } else if v == 1000 {
                total += cur.max(1) * 1000;
                cur = 0;
            } else if v == 100 && cur > 0 && cur < 10 {
                cur *= 100;
            } else {
                cur += v;
            }
            any = true;
            last_small = v < 10;
            hyphen = false;
            j += 1;
            let joined =
                (self.punct(j, "-") && self.t(j - 1).latin) || (self.key(j) == "and" && total > 0);
            if joined && self.num_term(j + 1).is_some() {
                hyphen = true;
                j += 1;
            }
        }
        if hyphen {
            j -= 1;
        }
        any.then_some((total + cur, j))
    }

    /// A cardinal: digits or words. Returns (value, next, digits written).
    fn cardinal(&self, i: usize) -> Option<(u64, usize, Option<u8>)> {
        let tk = self.tks.get(i)?;
        if let Some((v, d)) = tk.num() {
            return Some((v, i + 1, Some(d)));
        }
        if tk.kind == TkKind::Word {
            let (v, j) = self.number_words(i)?;
            return Some((v, j, None));
        }
        None
    }

    fn ord_term(&self, i: usize) -> Option<(u32, usize)> {
        self.term(i, |t| if let Term::Ord(v) = t { Some(v) } else { None })
    }

    /// An ordinal: الثالث، الحادي عشر، الحادي والعشرين، 16th، الـ20, twenty-first.
    fn ordinal(&self, i: usize) -> Option<(u32, usize)> {
        let tk = self.tks.get(i)?;
        if tk.ordinal_digits {
            if let TkKind::Num { value, .. } = tk.kind {
                return u32::try_from(value).ok().map(|v| (v, i + 1));
            }
        }
        if let Some((v, j)) = self.ord_term(i) {
            if v < 10 {
                if self.num_term(j) == Some(10) && !self.t(j).conj {
                    return Some((v + 10, j + 1));
                }
                if self.tks.get(j).is_some_and(|t| t.conj) {
                    let tens = self
                        .ord_term(j)
                        .map(|(t, _)| t)
                        .or_else(|| self.num_term(j));
                    if let Some(t) = tens.filter(|t| (20..=90).contains(t) && t % 10 == 0) {
                        return Some((v + t, j + 1));
                    }
                }
            }
            return Some((v, j));
        }
        // twenty-first
        if let Some(t) = self
            .num_term(i)
            .filter(|t| (20..=90).contains(t) && t % 10 == 0)
        {
            let k = if self.punct(i + 1, "-") { i + 2 } else { i + 1 };
            if let Some((o, j)) = self.ord_term(k).filter(|(o, _)| *o < 10) {
                return Some((t + o, j));
            }
        }
        None
    }

    /// A day of the month: 1–31 as digits (at most two), an ordinal or
    /// number words.
    fn day(&self, i: usize) -> Option<(u8, usize)> {
        let tk = self.tks.get(i)?;
        let (v, j) = if let Some((v, d)) = tk.num() {
            if d > 2 {
                return None;
            }
            (v, i + 1)
        } else if let Some((v, j)) = self.ordinal(i) {
            (u64::from(v), j)
        } else if tk.kind == TkKind::Word {
            self.number_words(i)?
        } else {
            return None;
        };
        (1..=31).contains(&v).then_some((v as u8, j))
    }

    // ----- calendar pieces -------------------------------------------------

    fn month_term(&self, i: usize) -> Option<((bool, u8, bool), usize)> {
        let tk = self.tks.get(i)?;
        self.term(i, |t| match t {
            Term::Month { hijri, n, weak } if !tk.latin || tk.upper => Some((hijri, n, weak)),
            _ => None,
        })
    }

    /// A month name with an optional second name for the same month:
    /// أيار/مايو، شباط (فبراير)، يونيو / حزيران.
    fn month_x(&self, i: usize) -> Option<((bool, u8, bool), usize)> {
        let ((h, m, weak), j) = self.month_term(i)?;
        if self.punct(j, "/") || self.punct(j, "-") || self.punct(j, "،") || self.punct(j, ",") {
            if let Some(((_, m2, _), k)) = self.month_term(j + 1) {
                if m2 == m {
                    return Some(((h, m, false), k));
                }
            }
        }
        if self.punct(j, "(") {
            if let Some(((_, m2, _), k)) = self.month_term(j + 1) {
                if m2 == m && self.punct(k, ")") {
                    return Some(((h, m, false), k + 1));
                }
            }
        }
        Some(((h, m, weak), j))
    }

    fn era(&self, i: usize) -> Option<((bool, bool), usize)> {
        self.term(i, |t| match t {
            Term::Era { hijri, bc } => Some((hijri, bc)),
            _ => None,
        })
    }

    /// A year: four digits (or fewer with an era), year number words,
    /// optionally in parentheses, optionally with an era (هـ، م، AD).
    /// Returns (year, era (hijri, bc) if written, next).
    fn year(&self, i: usize) -> Option<YearMatch> {
        let mut j = i;
        let paren = self.punct(j, "(");
        if paren {
            j += 1;
        }
        let (v, mut k, digits) = self.cardinal(j)?;
        if self.t(j).clitic && !self.t(j).conj {
            return None;
        }
        let mut era = None;
        if paren {
            if let Some((e, k2)) = self.era(k) {
                era = Some(e);
                k = k2;
            }
            if !self.punct(k, ")") {
                return None;
            }
            k += 1;
        }
        if era.is_none() {
            if let Some((e, k2)) = self.era(k) {
                era = Some(e);
                k = k2;
            }
        }
        // The one-letter eras «م» and «ه» are also abbreviations (metres).
        if era.is_some() && !paren {
            let era_tk = self.t(k - 1);
            if era_tk.key.chars().count() == 1 && !(1300..=2100).contains(&v) {
                era = None;
                k -= 1;
            }
        }
        let ok = match digits {
            Some(4) => (1000..=9999).contains(&v),
            Some(1..=3) => era.is_some() && v >= 1,
            Some(_) => false,
            None => (1000..=2999).contains(&v),
        };
        ok.then_some((v as i32, era, k))
    }

    /// A numeric date: 16/5/2025, 2025-05-16, 16.5.2025, 5/16/25, 18/11/1446 هـ,
    /// 20 / شعبان / 1428 هجرية.
    fn numeric(&self, i: usize) -> Option<(Sem, usize)> {
        let a_tk = self.tks.get(i)?;
        let (a, ad) = a_tk.num()?;
        if a_tk.clitic && !a_tk.conj {
            return None;
        }
        let sep = self.tks.get(i + 1)?;
        if sep.kind != TkKind::Punct || !matches!(sep.key.as_str(), "/" | "-" | "." | "\\") {
            return None;
        }
        // The previous token must not continue the number chain.
        if i >= 2 && self.t(i - 1).is_punct(&sep.key) && self.t(i - 2).num().is_some() {
            return None;
        }
        // d / month-name / y
        if ad <= 2 {
            if let Some(((h, m, _), j)) = self.month_term(i + 2) {
                if self.punct(j, &sep.key) {
                    if let Some((y, era, k)) = self.year(j + 1) {
                        let hijri = h || era.is_some_and(|e| e.0);
                        return Some((
                            Sem::Day {
                                y: Some(y),
                                m,
                                d: a as u8,
                                hijri,
                                wd: None,
                            },
                            k,
                        ));
                    }
                }
            }
        }
        let (b, bd) = self.tks.get(i + 2)?.num()?;
        if !self.tks.get(i + 3)?.is_punct(&sep.key) {
            return None;
        }
        let c_tk = self.tks.get(i + 4)?;
        let (c, cd) = c_tk.num()?;
        let mut next = i + 5;
        if self.punct(next, &sep.key) && self.tks.get(next + 1).is_some_and(|t| t.num().is_some()) {
            return None;
        }
        let (y, m, d) = if ad == 4 && bd <= 2 && cd <= 2 {
            (a, b, c)
        } else if ad <= 2 && bd <= 2 && (cd == 4 || (cd == 2 && sep.key != "-")) {
            let y = if cd == 2 {
                if c < 50 {
                    2000 + c
                } else {
                    1900 + c
                }
            } else {
                c
            };
            let month_first = self.month_first.get(i).copied().unwrap_or(false);
            if a <= 12 && (b > 12 || month_first) {
                (y, a, b)
            } else {
                (y, b, a)
            }
        } else {
            return None;
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || y == 0 {
            return None;
        }
        let mut hijri = false;
        if let Some(((h, _), k)) = self.era(next) {
            hijri = h;
            next = k;
        }
        Some((
            Sem::Day {
                y: Some(y as i32),
                m: m as u8,
                d: d as u8,
                hijri,
                wd: None,
            },
            next,
        ))
    }

    /// A numeric month and year: 5/2025, 05/2025 (CLDR's «M/y»).
    fn numeric_month(&self, i: usize) -> Option<(Sem, usize)> {
        let a = self.tks.get(i)?;
        let (m, md) = a.num()?;
        if md > 2 || !(1..=12).contains(&m) || (a.clitic && !a.conj) {
            return None;
        }
        if !(self.punct(i + 1, "/") || self.punct(i + 1, ".")) {
            return None;
        }
        let (y, 4) = self.t(i + 2).num()? else {
            return None;
        };
        if !(1000..=2999).contains(&y)
            || (i >= 2 && self.t(i - 1).is_punct("/") && self.t(i - 2).num().is_some())
        {
            return None;
        }
        if self.punct(i + 3, "/") && self.t(i + 4).num().is_some() {
            return None;
        }
        Some((
            Sem::Month {
                y: Some(y as i32),
                m: m as u8,
                hijri: false,
                dir: None,
                future: false,
            },
            i + 3,
        ))
    }

    /// An absolute date with a day or a month: numeric dates, day–month
    /// (–year), month–day(–year), month–year, month (numeric date).
    fn date(&self, i: usize) -> Option<(Sem, usize)> {
        let mut best: Option<(Sem, usize)> = None;
        let mut take = |c: Option<(Sem, usize)>| {
            if let Some(c) = c {
                if best.as_ref().is_none_or(|b| c.1 > b.1) {
                    best = Some(c);
                }
            }
        };
        take(self.numeric(i));
        take(self.numeric_month(i));
        // day [من] month [year]
        if let Some((d, j)) = self.day(i) {
            let j = if matches!(self.key(j), "من" | "of") {
                j + 1
            } else {
                j
            };
            let digit_day = self.t(i).num().is_some();
            let j = if digit_day && (self.punct(j, "/") || self.punct(j, "-")) {
                j + 1
            } else {
                j
            };
            if let Some(((h, m, _), k)) = self.month_x(j) {
                let tk = &self.t(i);
                let bare_digit_ok = tk.num().is_some()
                    || tk.ordinal_digits
                    || self.ordinal(i).is_some()
                    || self.number_words(i).is_some();
                if bare_digit_ok {
                    let (y, era, k2) = self
                        .year_after(k)
                        .map_or((None, None, k), |(y, e, k2)| (Some(y), e, k2));
                    take(Some((
                        Sem::Day {
                            y,
                            m,
                            d,
                            hijri: h || era.is_some_and(|e| e.0),
                            wd: None,
                        },
                        k2,
                    )));
                }
            }
        }
        if let Some(((h, m, weak), j)) = self.month_x(i) {
            // month day[,] [year] (English order)
            if self.t(i).latin {
                if let Some((d, k)) = self.day(j) {
                    if self
                        .term(k, |t| matches!(t, Term::Unit { .. }).then_some(()))
                        .is_none()
                    {
                        let k = if self.punct(k, ",") { k + 1 } else { k };
                        let (y, k2) = self
                            .year_after(k)
                            .map_or((None, k), |(y, _, k2)| (Some(y), k2));
                        let end = if y.is_none() && self.punct(k - 1, ",") {
                            k - 1
                        } else {
                            k2
                        };
                        take(Some((
                            Sem::Day {
                                y,
                                m,
                                d,
                                hijri: h,
                                wd: None,
                            },
                            end,
                        )));
                    }
                }
            }
            // month ( numeric date ) — «شباط ( 28 / 2 / 1945 )»
            if self.punct(j, "(") {
                if let Some((sem, k)) = self.numeric(j + 1) {
                    if self.punct(k, ")") {
                        take(Some((sem, k + 1)));
                    }
                }
            }
            // month [/] year
            let j2 = if self.punct(j, "/") { j + 1 } else { j };
            if let Some((y, era, k)) = self.year_after(j2) {
                take(Some((
                    Sem::Month {
                        y: Some(y),
                        m,
                        hijri: h || era.is_some_and(|e| e.0),
                        dir: None,
                        future: false,
                    },
                    k,
                )));
            }
            let _ = weak;
        }
        best
    }

    /// A year after a month or a day–month: [،|,] [عام|سنة] year.
    fn year_after(&self, i: usize) -> Option<YearMatch> {
        let mut j = i;
        if self.punct(j, "،") || self.punct(j, ",") {
            j += 1;
        }
        if let Some(k) = self.has(j, Term::YearWord) {
            if !self.t(j).clitic {
                j = k;
            }
        }
        self.year(j).filter(|(y, _, _)| *y >= 1)
    }

    fn weekday(&self, i: usize) -> Option<((u8, bool), usize)> {
        let tk = self.tks.get(i)?;
        self.term(i, |t| match t {
            Term::Weekday { n, weak } if !tk.latin || tk.upper => Some((n, weak)),
            _ => None,
        })
    }

    fn dir(&self, i: usize) -> Option<(i8, usize)> {
        if self.tks.get(i)?.clitic {
            return None;
        }
        let (d, j) = self.term(i, |t| if let Term::Dir(d) = t { Some(d) } else { None })?;
        // «الشهر قبل الماضي», «العام بعد المقبل».
        Some((d, j))
    }

    // ----- rules -----------------------------------------------------------

    /// All matches starting at `i`, best (longest, then earliest rule) first.
    pub(crate) fn best_at(&self, i: usize) -> Option<Cand> {
        let rules: [fn(&Self, usize) -> Option<Cand>; 19] = [
            Self::r_range,
            Self::r_date,
            Self::r_time,
            Self::r_rel_day,
            Self::r_part,
            Self::r_weekday,
            Self::r_rel_period,
            Self::r_quarter,
            Self::r_season,
            Self::r_decade,
            Self::r_century,
            Self::r_mod,
            Self::r_ago,
            Self::r_set,
            Self::r_duration,
            Self::r_year,
            Self::r_month,
            Self::r_present,
            Self::r_period,
        ];
        let mut best: Option<Cand> = None;
        for r in rules {
            if let Some(c) = r(self, i) {
                if c.end > c.start && best.as_ref().is_none_or(|b| c.end > b.end) {
                    best = Some(c);
                }
            }
        }
        let best = best?;
        Some(self.attach_time(best))
    }

    /// A day-precision date followed by a clock time becomes one TIME:
    /// «الجمعة، الساعة العاشرة صباحًا».
    fn attach_time(&self, c: Cand) -> Cand {
        let dayish = matches!(
            c.sem,
            Sem::Day { .. } | Sem::RelDay { .. } | Sem::Weekday { .. }
        );
        if !dayish {
            return c;
        }
        let mut j = c.end;
        if self.punct(j, "،") || self.punct(j, ",") {
            j += 1;
        }
        if matches!(self.key(j), "في" | "عند" | "at") {
            j += 1;
        }
        if let Some(t) = self.r_time(j) {
            if let Sem::Time { base: None, h, m } = t.sem {
                return cand(
                    c.start,
                    t.end,
                    Sem::Time {
                        base: Some(Box::new(c.sem)),
                        h,
                        m,
                    },
                    EntityType::Time,
                );
            }
        }
        c
    }

    /// Ranges: من 10 إلى 15 مايو، بين عامي 2014 و2022، 1936 - 1939,
    /// from May 10 to 15, between 2014 and 2022.
    fn r_range(&self, i: usize) -> Option<Cand> {
        let from = self
            .has(i, Term::From)
            .filter(|_| !self.t(i).clitic || self.t(i).conj);
        let between = self.has(i, Term::Between);
        let (j, is_between) = match (from, between) {
            (Some(j), _) => (j, false),
            (None, Some(j)) => (j, true),
            (None, None) => return self.r_dash_range(i),
        };
        let j = if is_between {
            self.has(j, Term::DualYear).unwrap_or(j)
        } else {
            j
        };
        let (a, k) = self.range_item(j)?;
        // the connector
        let (b_start, connector_ok) = if is_between {
            if self.tks.get(k).is_some_and(|t| t.conj) {
                (k, true)
            } else if matches!(self.key(k), "and" | "و") {
                (k + 1, true)
            } else {
                (k, false)
            }
        } else if let Some(k2) = self.has(k, Term::To) {
            (k2, true)
        } else if self.punct(k, "-") {
            (k + 1, true)
        } else {
            (k, false)
        };
        if !connector_ok {
            return None;
        }
        let (b, end) = self.range_item(b_start)?;
        let (a, b) = combine_range(a, b)?;
        Some(cand(
            i,
            end,
            Sem::Range(Box::new(a), Box::new(b)),
            EntityType::Date,
        ))
    }

    /// 1936 - 1939, 10-15 مايو, May 10-15.
    fn r_dash_range(&self, i: usize) -> Option<Cand> {
        let tk = self.tks.get(i)?;
        let (a, ad) = tk.num()?;
        if !self.punct(i + 1, "-") && !self.punct(i + 1, "–") {
            return None;
        }
        if ad == 4 {
            let (b, bd) = self.tks.get(i + 2)?.num()?;
            if bd == 4 && b > a && b - a <= 100 && (1000..=2999).contains(&a) {
                if self.punct(i + 3, "-") {
                    return None;
                }
                let y = |y: u64| Sem::Year {
                    y: y as i32,
                    hijri: false,
                    bc: false,
                };
                return Some(cand(
                    i,
                    i + 3,
                    Sem::Range(Box::new(y(a)), Box::new(y(b))),
                    EntityType::Date,
                ));
            }
            return None;
        }
        let (_, k) = self.day(i)?;
        if k != i + 1 {
            return None;
        }
        let (b, end) = self.date(i + 2)?;
        let a = Sem::Day {
            y: None,
            m: 0,
            d: a as u8,
            hijri: false,
            wd: None,
        };
        let (a, b) = combine_range(a, b)?;
        Some(cand(
            i,
            end,
            Sem::Range(Box::new(a), Box::new(b)),
            EntityType::Date,
        ))
    }

    /// One end of a range: a date, a year expression, a month or a bare day
    /// (which takes its month from the other end).
    fn range_item(&self, i: usize) -> Option<(Sem, usize)> {
        let j = if self.tks.get(i)?.clitic && !self.t(i).conj {
            return None;
        } else {
            i
        };
        if let Some(c) = self.r_date(j) {
            return Some((c.sem, c.end));
        }
        let j2 = self.has(j, Term::YearWord).unwrap_or(j);
        if let Some((y, era, k)) = self.year(j2) {
            return Some((
                Sem::Year {
                    y,
                    hijri: era.is_some_and(|e| e.0),
                    bc: era.is_some_and(|e| e.1),
                },
                k,
            ));
        }
        if let Some(((h, m, _), k)) = self.month_x(j) {
            return Some((
                Sem::Month {
                    y: None,
                    m,
                    hijri: h,
                    dir: None,
                    future: false,
                },
                k,
            ));
        }
        if let Some((d, k)) = self.day(j) {
            return Some((
                Sem::Day {
                    y: None,
                    m: 0,
                    d,
                    hijri: false,
                    wd: None,
                },
                k,
            ));
        }
        None
    }

    /// A full date with its trigger: [يوم|تاريخ [:]] [(] [weekday [،] [الموافق]] date [)].
    fn r_date(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut triggered = false;
        if let Some(k) = self
            .has(j, Term::DayWord)
            .or_else(|| self.has(j, Term::DateWord))
        {
            j = k;
            triggered = true;
            if self.punct(j, ":") {
                j += 1;
            }
        }
        // Parentheses belong to the expression only after a trigger
        // («تاريخ ( 15 / 1 / 1959 )»); a bare date in parentheses is the date.
        let paren = triggered && self.punct(j, "(");
        if paren {
            j += 1;
        }
        let mut wd = None;
        if let Some(((w, _), k)) = self.weekday(j) {
            let mut k = k;
            if self.punct(k, "،") || self.punct(k, ",") {
                k += 1;
            }
            if self.key(k) == "الموافق" {
                k += 1;
            }
            if self.date(k).is_some() {
                wd = Some(w);
                j = k;
            }
        }
        let (mut sem, mut end) = self.date(j)?;
        if paren {
            if !self.punct(end, ")") {
                return None;
            }
            end += 1;
        }
        if let Sem::Day { wd: w, .. } = &mut sem {
            *w = wd;
        }
        if let Sem::Month { future, .. } = &mut sem {
            *future = self.future_near(i);
        }
        Some(self.with_dated(cand(i, end, sem, EntityType::Date)))
    }

    /// «بتاريخ» ("dated") is one word: its ب stays in the span.
    fn with_dated(&self, c: Cand) -> Cand {
        let t = self.t(c.start);
        if t.clitic && !t.conj && t.key == "تاريخ" && t.full == "بتاريخ" {
            return Cand {
                start_ba: true,
                ..c
            };
        }
        c
    }

    /// Clock times: الساعة الثالثة عصرًا، 10:30 صباحًا، الساعة 9 والنصف مساء
    /// اليوم، منتصف الليل, 3 pm, noon.
    fn r_time(&self, i: usize) -> Option<Cand> {
        if let Some(j) = self.has(i, Term::Midnight) {
            return Some(self.time_anchor(i, j, 24, 0, None));
        }
        if let Some(j) = self.has(i, Term::Noon) {
            return Some(self.time_anchor(i, j, 12, 0, None));
        }
        let (mut j, hourword) = match self.has(i, Term::HourWord) {
            Some(j) if !self.t(i).latin => (j, true),
            _ => (i, false),
        };
        // the hour
        let (h, mut k, ordinal) = if let Some((h, d)) = self.tks.get(j).and_then(Tk::num) {
            if d > 2 {
                return None;
            }
            (h, j + 1, false)
        } else if let Some((h, k)) = self.ordinal(j).filter(|_| !self.t(j).latin) {
            (u64::from(h), k, true)
        } else if hourword {
            let (h, k) = self.number_words(j)?;
            (h, k, true)
        } else {
            return None;
        };
        if h > 24 {
            return None;
        }
        let mut m = 0u64;
        let mut colon = false;
        if self.punct(k, ":") || (self.punct(k, ".") && self.t(i).latin) {
            let (mm, md) = self.tks.get(k + 1).and_then(Tk::num)?;
            if md != 2 || mm > 59 {
                return None;
            }
            m = mm;
            colon = true;
            k += 2;
        } else if self.tks.get(k).is_some_and(|t| t.conj) {
            // والنصف، والربع، وعشر دقائق
            if self.has(k, Term::HalfWord).is_some() || self.key(k) == "نصف" {
                m = 30;
                k += 1;
            } else if self.has(k, Term::QuarterFrac).is_some() {
                m = 15;
                k += 1;
            } else if let Some((mm, k2, _)) = self.cardinal(k) {
                if let Some((Unit::Minute, k3)) = self.term(k2, |t| match t {
                    Term::Unit { unit, .. } => Some(unit),
                    _ => None,
                }) {
                    if mm <= 59 {
                        m = mm;
                        k = k3;
                    }
                }
            }
        } else if let Some(k2) = self.has(k, Term::Minus) {
            if self.has(k2, Term::QuarterFrac).is_some() {
                m = 45;
                k = k2 + 1;
                if h == 0 {
                    return None;
                }
                return self.finish_time(i, k, h - 1, m, hourword, true, colon);
            }
        }
        let _ = &mut j;
        self.finish_time(i, k, h, m, hourword, ordinal, colon)
    }

    #[allow(clippy::too_many_arguments)]
    fn finish_time(
        &self,
        i: usize,
        mut k: usize,
        h: u64,
        m: u64,
        hourword: bool,
        ordinal: bool,
        colon: bool,
    ) -> Option<Cand> {
        let mut h = h;
        let ampm = self.term(k, |t| match t {
            Term::AmPm { v, weak } => Some((v, weak)),
            _ => None,
        });
        let mut has_period = false;
        if let Some(((v, weak), k2)) = ampm {
            // «ص»/«م» only after h:mm.
            if !weak || colon {
                if h == 0 || h > 12 {
                    return None;
                }
                h = apply_ampm(h, v);
                k = k2;
                has_period = true;
            }
        }
        if !hourword && !colon && !has_period {
            return None;
        }
        if !hourword && ordinal && !has_period {
            return None;
        }
        if h > 24 || (h == 24 && m > 0) {
            return None;
        }
        let part = if has_period { None } else { Some(()) };
        Some(self.time_anchor(i, k, h as u8, m as u8, part.map(|_| h as u8)))
    }

    /// After a time: an optional day it is on (من صباح اليوم، يوم الجمعة، أمس)
    /// and a time zone; `bare_hour` is the hour when no period was written
    /// (a part of the day after it may still make it PM).
    fn time_anchor(&self, i: usize, k: usize, h: u8, m: u8, bare_hour: Option<u8>) -> Cand {
        let mut end = k;
        let mut h = h;
        let mut base = None;
        let j = if matches!(self.key(k), "من" | "on" | "of")
            && !self.tks.get(k).is_some_and(|t| t.clitic)
        {
            k + 1
        } else {
            k
        };
        let j = if self.punct(j, "،") || self.punct(j, ",") {
            j + 1
        } else {
            j
        };
        let anchor = self
            .r_part(j)
            .or_else(|| self.r_rel_day(j))
            .or_else(|| self.r_weekday(j))
            .or_else(|| self.r_date(j).filter(|c| matches!(c.sem, Sem::Day { .. })));
        if let Some(c) = anchor {
            let sem = match c.sem {
                Sem::Part { base, part } => {
                    if let Some(bh) = bare_hour {
                        h = apply_ampm(
                            u64::from(bh),
                            match part {
                                Part::Morning => AmPm::Am,
                                Part::Midday => AmPm::Noon,
                                Part::Afternoon | Part::Evening => AmPm::Pm,
                                Part::Night => AmPm::Night,
                            },
                        ) as u8;
                    }
                    *base
                }
                s => s,
            };
            base = Some(Box::new(sem));
            end = c.end;
        }
        // time zone: بتوقيت غرينتش، بالتوقيت المحلي، GMT
        if matches!(self.key(end), "توقيت" | "التوقيت") {
            end += if self.is_word(end + 1) { 2 } else { 1 };
        } else if matches!(self.key(end), "gmt" | "utc") {
            end += 1;
        }
        cand(i, end, Sem::Time { base, h, m }, EntityType::Time)
    }

    /// اليوم، أمس، غدًا، أول أمس، بعد غد (+ weekday): أمس الجمعة، أمس (الثلاثاء).
    fn r_rel_day(&self, i: usize) -> Option<Cand> {
        let (n, mut j) = match self.term(i, |t| match t {
            Term::Rel { unit: Unit::Day, n } => Some(n),
            _ => None,
        }) {
            Some(x) => x,
            None => {
                // هذا اليوم, this day
                let j = self.has(i, Term::This)?;
                let ((), k) = self.term(j, |t| match t {
                    Term::UnitDef {
                        unit: Unit::Day,
                        plural: false,
                    } => Some(()),
                    _ => None,
                })?;
                (0, k)
            }
        };
        let key = self.key(i);
        // «اليوم الوطني», «اليوم التالي»: a day, not today.
        if j == i + 1 && (key == "اليوم" || key == "الغد") {
            if let Some(next) = self.tks.get(j) {
                let definite_word = next.kind == TkKind::Word
                    && next.key.starts_with("ال")
                    && !next.clitic
                    && next.key != "الموافق";
                if definite_word && self.weekday(j).is_none() {
                    return None;
                }
            }
        }
        let mut wd = None;
        let mut k = j;
        if self.has(k, Term::DayWord).is_some() && self.weekday(k + 1).is_some() {
            k += 1;
        }
        if let Some(((w, _), k2)) = self.weekday(k) {
            wd = Some(w);
            j = k2;
        } else if self.punct(j, "(") {
            if let Some(((w, _), k2)) = self.weekday(j + 1) {
                if self.punct(k2, ")") {
                    wd = Some(w);
                    j = k2 + 1;
                }
            }
        }
        let sem = Sem::RelDay {
            n: i64::from(n),
            wd,
        };
        // yesterday morning, أمس مساءً
        if let Some((p, k2)) = self.term(j, |t| match t {
            Term::Part(p) => Some(p),
            Term::AmPm {
                v: AmPm::Am,
                weak: false,
            } => Some(Part::Morning),
            Term::AmPm {
                v: AmPm::Pm,
                weak: false,
            } => Some(Part::Evening),
            Term::AmPm {
                v: AmPm::Afternoon, ..
            } => Some(Part::Afternoon),
            Term::AmPm { v: AmPm::Night, .. } => Some(Part::Night),
            _ => None,
        }) {
            if self.r_time(j).is_none_or(|t| t.end <= k2) {
                return Some(cand(
                    i,
                    k2,
                    Sem::Part {
                        base: Box::new(sem),
                        part: p,
                    },
                    EntityType::Time,
                ));
            }
        }
        Some(cand(i, j, sem, EntityType::Date))
    }

    /// Parts of days: صباح اليوم، مساء أمس، ظهر اليوم، ليلة الجمعة، الليلة
    /// الماضية، هذا الصباح, this morning, last night, tonight.
    fn r_part(&self, i: usize) -> Option<Cand> {
        // tonight / الليلة [الماضية]
        if let Some(j) = self.has(i, Term::Tonight) {
            if let Some((d, k)) = self.dir(j) {
                if d == -1 {
                    return Some(cand(i, k, night(-1), EntityType::Time));
                }
            }
            if let Some(next) = self.tks.get(j) {
                if next.kind == TkKind::Word
                    && next.key.starts_with("ال")
                    && !next.clitic
                    && self.dir(j).is_none()
                {
                    return None;
                }
            }
            return Some(cand(i, j, night(0), EntityType::Time));
        }
        // last night / this morning
        if let Some((d, j)) = self
            .dir(i)
            .or_else(|| self.has(i, Term::This).map(|j| (0, j)))
        {
            if let Some((p, k)) =
                self.term(j, |t| if let Term::Part(p) = t { Some(p) } else { None })
            {
                if self.t(i).latin || d == 0 {
                    let n = if p == Part::Night { i64::from(d) } else { 0 };
                    if d == 0 || p == Part::Night {
                        return Some(cand(
                            i,
                            k,
                            Sem::Part {
                                base: Box::new(Sem::RelDay { n, wd: None }),
                                part: p,
                            },
                            EntityType::Time,
                        ));
                    }
                }
            }
        }
        let (p, j) = self.term(i, |t| if let Term::Part(p) = t { Some(p) } else { None })?;
        let eve = p == Part::Night && self.key(i) == "ليله";
        let base = self
            .r_rel_day(j)
            .filter(|c| matches!(c.sem, Sem::RelDay { .. }))
            .or_else(|| self.r_weekday(j))
            .or_else(|| self.r_date(j).filter(|c| matches!(c.sem, Sem::Day { .. })))?;
        let day = if eve && matches!(base.sem, Sem::Weekday { .. } | Sem::Day { .. }) {
            // ليلة الجمعة is the night before Friday.
            Sem::Eve(Box::new(base.sem))
        } else {
            base.sem
        };
        let sem = Sem::Part {
            base: Box::new(day),
            part: p,
        };
        Some(cand(i, base.end, sem, EntityType::Time))
    }

    /// Weekdays: يوم الجمعة، الجمعة الماضية، الخميس المقبل, last Friday.
    fn r_weekday(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut trig = false;
        let mut dir = None;
        if let Some(k) = self.has(j, Term::DayWord) {
            j = k;
            trig = true;
        }
        if self.t(i).latin {
            if let Some((d, k)) = self.dir(j) {
                dir = Some(d);
                j = k;
            }
        }
        let ((w, weak), mut k) = self.weekday(j)?;
        if self.t(j).clitic && !self.t(j).conj && !trig {
            // «بالجمعة» — rare; still a weekday.
        }
        if dir.is_none() {
            if let Some((d, k2)) = self.dir(k) {
                dir = Some(d);
                k = k2;
                // «الجمعة قبل الماضية»
            }
        }
        if weak && !trig && dir.is_none() {
            return None;
        }
        // «سوق الجمعة», «صلاة الجمعة»: names, not days.
        if !trig && i > 0 && NOT_A_DAY_BEFORE.contains(&self.key(i - 1)) {
            return None;
        }
        let future = self.future_near(i);
        Some(cand(
            i,
            k,
            Sem::Weekday { wd: w, dir, future },
            EntityType::Date,
        ))
    }

    /// الأسبوع الماضي، الشهر المقبل، هذا العام، العام الحالي، last year,
    /// and «الأشهر الستة الماضية» (a duration).
    fn r_rel_period(&self, i: usize) -> Option<Cand> {
        let s = self.the(i);
        if let Some((unit, n, j)) = self.rel_period(s) {
            return Some(cand(s, j, Sem::Rel { unit, n }, EntityType::Date));
        }
        // the past six months / الأشهر الستة الماضية / آخر ستة أشهر
        if let Some((d, j)) = self.dir(s) {
            if self.t(s).latin && d != 0 {
                let (n, k) = self.count(j);
                if let Some(((u, c), k2)) = self.term(k, |t| match t {
                    Term::Unit { unit, count } => Some((unit, count)),
                    _ => None,
                }) {
                    if c == Count::Plural || n.is_some() {
                        return Some(cand(
                            s,
                            k2,
                            duration(n.map(|x| x as u32), u),
                            EntityType::Duration,
                        ));
                    }
                }
            }
        }
        if let Some(((u, plural), j)) = self.term(s, |t| match t {
            Term::UnitDef { unit, plural } => Some((unit, plural)),
            _ => None,
        }) {
            if plural {
                let (n, k) = self.count(j);
                if let Some((d, k2)) = self.dir(k) {
                    if d != 0 {
                        return Some(cand(
                            s,
                            k2,
                            duration(n.map(|x| x as u32), u),
                            EntityType::Duration,
                        ));
                    }
                }
            }
        }
        // آخر ستة أشهر
        if self.key(s) == "اخر" {
            if let Some((n, k, _)) = self.cardinal(s + 1) {
                if let Some(((u, _), k2)) = self.term(k, |t| match t {
                    Term::Unit { unit, count } => Some((unit, count)),
                    _ => None,
                }) {
                    return Some(cand(
                        s,
                        k2,
                        duration(Some(n as u32), u),
                        EntityType::Duration,
                    ));
                }
            }
        }
        None
    }

    /// An optional count after a plural unit: الستة، 6, few.
    fn count(&self, i: usize) -> (Option<u64>, usize) {
        if self.has(i, Term::Several).is_some() {
            return (None, i + 1);
        }
        match self.cardinal(i) {
            Some((n, j, _)) if n > 0 => (Some(n), j),
            _ => (None, i),
        }
    }

    /// A relative period: (unit, offset, next).
    fn rel_period(&self, i: usize) -> Option<(Unit, i64, usize)> {
        if let Some(((u, n), j)) = self.term(i, |t| match t {
            Term::Rel { unit, n } if unit != Unit::Day => Some((unit, n)),
            _ => None,
        }) {
            return Some((u, i64::from(n), j));
        }
        // this/next/last year (English), هذا العام
        if let Some((d, j)) = self
            .has(i, Term::This)
            .map(|j| (0, j))
            .or_else(|| self.dir(i).filter(|_| self.t(i).latin))
        {
            let j = self.the(j);
            if let Some((u, k)) = self.term(j, |t| match t {
                Term::UnitDef {
                    unit,
                    plural: false,
                }
                | Term::Unit {
                    unit,
                    count: Count::One,
                } if unit != Unit::Day => Some(unit),
                _ => None,
            }) {
                return Some((u, i64::from(d), k));
            }
        }
        // العام الماضي، الشهر الجاري، الشهر قبل الماضي
        let (u, j) = self.term(i, |t| match t {
            Term::UnitDef {
                unit,
                plural: false,
            } if unit != Unit::Day && unit != Unit::Hour => Some(unit),
            _ => None,
        })?;
        if self.t(i).latin {
            return None;
        }
        if matches!(self.key(j), "قبل" | "بعد") {
            if let Some((d, k)) = self.dir(j + 1) {
                let n = if self.key(j) == "قبل" && d == -1 {
                    -2
                } else if d == 1 {
                    2
                } else {
                    return None;
                };
                return Some((u, n, k));
            }
        }
        let (d, k) = self.dir(j)?;
        Some((u, i64::from(d), k))
    }

    /// A year-like base for quarters, halves, seasons and modifiers:
    /// [عام|سنة] 2022، العام الماضي، هذا العام, 2022.
    fn year_base(&self, i: usize) -> Option<(Sem, usize)> {
        if let Some((Unit::Year, n, j)) = self.rel_period(i) {
            return Some((
                Sem::Rel {
                    unit: Unit::Year,
                    n,
                },
                j,
            ));
        }
        let j = if self.tks.get(i).is_some_and(|t| !t.clitic) {
            self.has(i, Term::YearWord).unwrap_or(i)
        } else {
            i
        };
        let (y, era, k) = self.year(j)?;
        Some((
            Sem::Year {
                y,
                hijri: era.is_some_and(|e| e.0),
                bc: era.is_some_and(|e| e.1),
            },
            k,
        ))
    }

    /// الربع الأول من 2025، النصف الثاني من العام الماضي, the first quarter
    /// of 2025, Q1 2025.
    fn r_quarter(&self, i: usize) -> Option<Cand> {
        let s = self.the(i);
        let mut half = false;
        let (q, j) = if let Some((q, j)) = self.term(s, |t| {
            if let Term::Quarter(q) = t {
                Some(q)
            } else {
                None
            }
        }) {
            (q, j)
        } else if let Some((-1, j)) = self.term(s, |t| match t {
            Term::Rel {
                unit: Unit::Quarter,
                n,
            } => Some(n),
            _ => None,
        }) {
            // «الربع الأخير من العام»
            if matches!(self.key(j), "من") {
                (4, j)
            } else {
                return None;
            }
        } else if let Some(j) = self.has(s, Term::QuarterFrac).or_else(|| {
            self.term(s, |t| {
                matches!(
                    t,
                    Term::UnitDef {
                        unit: Unit::Quarter,
                        ..
                    }
                )
                .then_some(())
            })
            .map(|x| x.1)
        }) {
            if self.t(s).latin {
                return None;
            }
            let (q, k) = self.ordinal(j)?;
            (u8::try_from(q).ok().filter(|q| (1..=4).contains(q))?, k)
        } else if let Some(j) = self.has(s, Term::HalfWord) {
            half = true;
            let (h, k) = self.ordinal(j)?;
            (u8::try_from(h).ok().filter(|h| (1..=2).contains(h))?, k)
        } else if let Some((o, j)) = self.ordinal(s).filter(|_| self.t(s).latin) {
            // the first quarter / the second half
            if self.key(j) == "quarter" && (1..=4).contains(&o) {
                (o as u8, j + 1)
            } else if self.key(j) == "half" && (1..=2).contains(&o) {
                half = true;
                (o as u8, j + 1)
            } else {
                return None;
            }
        } else if self.tks.get(s)?.kind == TkKind::Word
            && self.key(s).len() == 2
            && self.key(s).starts_with('q')
        {
            let q = self.key(s)[1..]
                .parse::<u8>()
                .ok()
                .filter(|q| (1..=4).contains(q))?;
            (q, s + 1)
        } else {
            return None;
        };
        let k = self.of(j);
        let k = if self.punct(k, ",") { k + 1 } else { k };
        let k = self.the(k);
        let (base, end) = match self.year_base(k) {
            Some(b) => b,
            None => {
                // «من العام» alone: the current year.
                if let Some((_, e)) = self.term(k, |t| {
                    matches!(
                        t,
                        Term::UnitDef {
                            unit: Unit::Year,
                            plural: false
                        }
                    )
                    .then_some(())
                }) {
                    (
                        Sem::Rel {
                            unit: Unit::Year,
                            n: 0,
                        },
                        e,
                    )
                } else {
                    (
                        Sem::Rel {
                            unit: Unit::Year,
                            n: 0,
                        },
                        j,
                    )
                }
            }
        };
        let base = Box::new(base);
        let sem = if half {
            Sem::Half { base, h: q }
        } else {
            Sem::Quarter { base, q }
        };
        Some(cand(s, end, sem, EntityType::Date))
    }

    /// ربيع 2022، صيف العام الماضي، الشتاء المقبل, the summer of 2022.
    fn r_season(&self, i: usize) -> Option<Cand> {
        let s = self.the(i);
        // last summer / this winter
        if self.tks.get(s).is_some_and(|t| t.latin) {
            if let Some((d, j)) = self.dir(s) {
                if let Some((se, k)) = self.term(j, |t| {
                    if let Term::Season(x) = t {
                        Some(x)
                    } else {
                        None
                    }
                }) {
                    return Some(cand(
                        s,
                        k,
                        Sem::SeasonRel { s: se, dir: d },
                        EntityType::Date,
                    ));
                }
            }
        }
        let (se, j) = self.term(s, |t| {
            if let Term::Season(x) = t {
                Some(x)
            } else {
                None
            }
        })?;
        if self.t(s).clitic && !self.t(s).conj {
            return None;
        }
        let k = self.of(j);
        let k = self.the(k);
        if let Some((base, end)) = self.year_base(k) {
            return Some(cand(
                s,
                end,
                Sem::Season {
                    base: Box::new(base),
                    s: se,
                },
                EntityType::Date,
            ));
        }
        let definite = self.key(s).starts_with("ال");
        if definite {
            if let Some((d, k)) = self.dir(j) {
                return Some(cand(
                    s,
                    k,
                    Sem::SeasonRel { s: se, dir: d },
                    EntityType::Date,
                ));
            }
            if self.has(j, Term::This).is_some() {
                return None;
            }
            if matches!(self.key(s), "الشتاء" | "الصيف" | "الخريف") {
                return Some(cand(s, j, Sem::SeasonBare(se), EntityType::Date));
            }
        }
        None
    }

    /// التسعينيات، تسعينيات القرن الماضي، عقد الثمانينيات, the 1990s, the nineties.
    fn r_decade(&self, i: usize) -> Option<Cand> {
        let s = self.the(i);
        // 1990s
        if let Some((v, 4)) = self.tks.get(s).and_then(Tk::num) {
            if v % 10 == 0
                && matches!(self.key(s + 1), "s" | "'s")
                && self.tks.get(s + 1).is_some_and(|t| t.glued)
            {
                return Some(cand(
                    s,
                    s + 2,
                    Sem::Decade { start: v as i32 },
                    EntityType::Date,
                ));
            }
            return None;
        }
        let mut j = s;
        if self
            .term(j, |t| {
                matches!(
                    t,
                    Term::Unit {
                        unit: Unit::Decade,
                        count: Count::One
                    } | Term::UnitDef {
                        unit: Unit::Decade,
                        plural: false
                    }
                )
                .then_some(())
            })
            .is_some()
            && self
                .term(j + 1, |t| matches!(t, Term::Decade(_)).then_some(()))
                .is_some()
        {
            j += 1;
        }
        let (tens, k) = self.term(j, |t| {
            if let Term::Decade(d) = t {
                Some(d)
            } else {
                None
            }
        })?;
        if self.t(j).latin && s == j && self.key(i) != "the" {
            return None;
        }
        // [من] القرن الماضي/العشرين
        let k2 = self.of(k);
        if let Some(c) = self.r_century(k2) {
            return Some(cand(
                s,
                c.end,
                Sem::DecadeOf {
                    tens,
                    century: Box::new(c.sem),
                },
                EntityType::Date,
            ));
        }
        Some(cand(s, k, Sem::DecadeNear { tens }, EntityType::Date))
    }

    /// القرن العشرين، القرن الـ21، القرن الماضي, the 20th century.
    fn r_century(&self, i: usize) -> Option<Cand> {
        let s = self.the(i);
        if self.tks.get(s)?.latin {
            // the twentieth century / the last century
            if let Some((d, j)) = self.dir(s) {
                let k = self.has(j, Term::Century)?;
                return Some(cand(
                    s,
                    k,
                    Sem::Rel {
                        unit: Unit::Century,
                        n: i64::from(d),
                    },
                    EntityType::Date,
                ));
            }
            let (n, j) = self.ordinal(s)?;
            let k = self.has(j, Term::Century)?;
            return Some(cand(s, k, Sem::Century { n: n as i32 }, EntityType::Date));
        }
        let j = self.has(s, Term::Century)?;
        if self.t(s).clitic && !self.t(s).conj {
            return None;
        }
        let (sem, mut k) = if let Some((d, k)) = self.dir(j) {
            (
                Sem::Rel {
                    unit: Unit::Century,
                    n: i64::from(d),
                },
                k,
            )
        } else if let Some((n, k)) = self.ordinal(j) {
            (Sem::Century { n: n as i32 }, k)
        } else if let Some((n, d)) = self.tks.get(j).and_then(Tk::num) {
            if d > 2 {
                return None;
            }
            (Sem::Century { n: n as i32 }, j + 1)
        } else {
            return None;
        };
        let mut hijri = false;
        if let Some(((h, _), k2)) = self.era(k) {
            hijri = h;
            k = k2;
        }
        if hijri {
            // A Hijri century has no TIMEX3 value; keep the span, say why.
            return Some(cand(
                s,
                k,
                Sem::Note("a Hijri century has no Gregorian TIMEX3 value".into()),
                EntityType::Date,
            ));
        }
        Some(cand(s, k, sem, EntityType::Date))
    }

    /// مطلع/منتصف/أواخر 2022، بداية العام الماضي، نهاية الشهر, early 2022,
    /// the end of the year, mid-2022.
    fn r_mod(&self, i: usize) -> Option<Cand> {
        let s = self.the(i);
        let (m, j) = self.term(s, |t| if let Term::Mod(m) = t { Some(m) } else { None })?;
        if self.t(s).clitic && !self.t(s).conj {
            return None;
        }
        let mut k = self.of(j);
        if self.punct(k, "-") && self.t(s).latin {
            k += 1;
        }
        let k = self.the(k);
        let inner = self
            .year_base(k)
            .map(|(sem, e)| cand(k, e, sem, EntityType::Date))
            .into_iter()
            .chain(self.r_date(k))
            .chain(self.r_month(k))
            .chain(
                self.r_rel_period(k)
                    .filter(|c| matches!(c.sem, Sem::Rel { .. })),
            )
            .chain(self.r_decade(k))
            .chain(self.r_century(k))
            .chain(self.r_season(k))
            .max_by_key(|c| c.end);
        if let Some(c) = inner {
            let kind = c.kind;
            return Some(cand(s, c.end, Sem::Mod(m, Box::new(c.sem)), kind));
        }
        // «نهاية العام», «مطلع الشهر», the end of the year: the current one.
        let (u, e) = self.term(k, |t| match t {
            Term::UnitDef {
                unit,
                plural: false,
            } if unit != Unit::Day && unit != Unit::Hour => Some(unit),
            _ => None,
        })?;
        if self.t(k).latin && k == j {
            return None;
        }
        Some(cand(
            s,
            e,
            Sem::Mod(m, Box::new(Sem::Rel { unit: u, n: 0 })),
            EntityType::Date,
        ))
    }

    /// قبل يومين، منذ ثلاثة أيام، بعد أسبوعين, two days ago, in two weeks.
    fn r_ago(&self, i: usize) -> Option<Cand> {
        let tk = self.tks.get(i)?;
        if tk.clitic && !tk.conj {
            return None;
        }
        if let Some(j) = self.has(i, Term::Ago).filter(|_| !tk.latin) {
            let (d, k) = self.duration(j, true)?;
            if self.relative_to_event(k) {
                // «قبل شهر من زيارتي»: an amount of time before an event.
                return d
                    .n
                    .map(|_| cand(j, k, Sem::Duration(d.timex()), EntityType::Duration));
            }
            return Some(cand(i, k, offset(d, -1), EntityType::Date));
        }
        if let Some(j) = self.has(i, Term::Later) {
            if tk.latin && self.key(i) != "in" {
                return None;
            }
            let (d, k) = self.duration(j, true)?;
            if self.relative_to_event(k) {
                return d
                    .n
                    .map(|_| cand(j, k, Sem::Duration(d.timex()), EntityType::Duration));
            }
            return Some(cand(i, k, offset(d, 1), EntityType::Date));
        }
        if tk.latin {
            let (d, k) = self.duration(i, true)?;
            if self.key(k) == "ago" {
                return Some(cand(i, k + 1, offset(d, -1), EntityType::Date));
            }
        }
        None
    }

    /// Whether the words at `k` relate the preceding offset to an event
    /// («قبل يومين من الانتخابات»): then it is a duration, not a date.
    fn relative_to_event(&self, k: usize) -> bool {
        matches!(self.key(k), "من" | "على" | "of" | "after" | "before")
            && !self.tks.get(k).is_some_and(|t| t.clitic)
    }

    /// A duration: ثلاثة أيام، 45 يومًا، يومين، عدة أسابيع، ساعة ونصف، نصف
    /// ساعة, two days. A singular unit alone counts only when `bare` (after
    /// قبل، منذ، خلال …).
    fn duration(&self, i: usize, bare: bool) -> Option<(Dur, usize)> {
        let tk = self.tks.get(i)?;
        let unit_at = |k: usize| {
            self.term(k, |t| match t {
                Term::Unit { unit, count } => Some((unit, count)),
                _ => None,
            })
        };
        // نصف ساعة / half an hour / ربع قرن
        if let Some(j) = self.has(i, Term::Half).or_else(|| {
            self.has(i, Term::QuarterFrac)
                .filter(|_| !tk.key.starts_with("ال"))
        }) {
            let frac = if self.has(i, Term::Half).is_some() {
                2
            } else {
                4
            };
            let j = if matches!(self.key(j), "an" | "a") {
                j + 1
            } else {
                j
            };
            if let Some(((u, Count::One), k)) = unit_at(j) {
                return Some((Dur::fraction(u, 1, frac), k));
            }
            // «نصف السنة»
            if let Some((u, k)) = self.term(j, |t| match t {
                Term::UnitDef {
                    unit,
                    plural: false,
                } if !self.t(j).latin => Some(unit),
                _ => None,
            }) {
                return Some((Dur::fraction(u, 1, frac), k));
            }
        }
        let (n, j) = if let Some(((u, c), j)) = unit_at(i) {
            match c {
                Count::Two => return Some(self.and_half(Dur::n(2, u), j)),
                Count::One => {
                    // «ساعة واحدة», «ساعة ونصف», or bare after a preposition.
                    if matches!(self.key(j), "واحد" | "واحده" | "كاملا" | "كامله" | "بكامله")
                    {
                        return Some((Dur::n(1, u), j + 1));
                    }
                    if self.tks.get(j).is_some_and(|t| t.conj) && self.has(j, Term::Half).is_some()
                    {
                        return Some(self.and_half(Dur::n(1, u), j));
                    }
                    // «قبل عام 2022», «قبل شهر رمضان», «قبل يوم الجمعة»: the
                    // unit word is a trigger, not an amount.
                    let names_one = self.t(j).num().is_some()
                        || self.punct(j, "(")
                        || self.month_x(j).is_some()
                        || self.weekday(j).is_some()
                        || self.t(j).kind == TkKind::Word && self.key(j).starts_with("ال");
                    // «عقد» (also "held", "contract") and «قرن» only with a number.
                    let ambiguous = matches!(u, Unit::Decade | Unit::Century);
                    if bare && !tk.latin && !names_one && !ambiguous {
                        return Some((Dur::n(1, u), j));
                    }
                    return None;
                }
                // «منذ سنوات»: some years.
                Count::Plural if bare && !tk.latin && self.t(j).num().is_none() => {
                    return Some((
                        Dur {
                            n: None,
                            unit: u,
                            half: false,
                        },
                        j,
                    ));
                }
                Count::Plural => return None,
            }
        } else if let Some(j) = self.has(i, Term::Several) {
            (None, j)
        } else {
            let (n, j, digits) = self.cardinal(i)?;
            if digits.is_some_and(|d| d > 5) || n > 99_999 {
                return None;
            }
            if digits.is_none() && matches!(self.key(i), "a" | "an") && !bare {
                return None;
            }
            (Some(n as u32), j)
        };
        let ((u, c), k) = unit_at(j)?;
        if c == Count::Two {
            return None;
        }
        if n == Some(0) {
            return None;
        }
        Some(self.and_half(
            Dur {
                n,
                unit: u,
                half: false,
            },
            k,
        ))
    }

    fn and_half(&self, d: Dur, k: usize) -> (Dur, usize) {
        if self.tks.get(k).is_some_and(|t| t.conj)
            && self.has(k, Term::Half).is_some()
            && d.n.is_some()
        {
            return (Dur { half: true, ..d }, k + 1);
        }
        (d, k)
    }

    fn r_duration(&self, i: usize) -> Option<Cand> {
        // «خلال الأشهر الستة الماضية» is r_rel_period; here: «خلال 45 يومًا» → 45 يومًا.
        let (d, k) = self.duration(i, false)?;
        Some(cand(i, k, Sem::Duration(d.timex()), EntityType::Duration))
    }

    /// Sets: يوميًا، كل أسبوع، كل عامين، كل يوم جمعة, every Friday, annually.
    fn r_set(&self, i: usize) -> Option<Cand> {
        if let Some(j) = self.has(i, Term::SemiAnnual) {
            return Some(cand(i, j, Sem::Set("P6M".into()), EntityType::Set));
        }
        if let Some((u, j)) = self.term(i, |t| {
            if let Term::SetAdv(u) = t {
                Some(u)
            } else {
                None
            }
        }) {
            return Some(cand(i, j, Sem::Set(Dur::n(1, u).timex()), EntityType::Set));
        }
        let j = self.has(i, Term::Every)?;
        if let Some(((w, _), k)) = self
            .weekday(j)
            .or_else(|| self.has(j, Term::DayWord).and_then(|k| self.weekday(k)))
        {
            return Some(cand(
                i,
                k,
                Sem::Set(format!("XXXX-WXX-{w}")),
                EntityType::Set,
            ));
        }
        if let Some((u, k)) = self.term(j, |t| match t {
            Term::Unit {
                unit,
                count: Count::One,
            } => Some(unit),
            _ => None,
        }) {
            return Some(cand(i, k, Sem::Set(Dur::n(1, u).timex()), EntityType::Set));
        }
        if let Some((d, k)) = self.duration(j, true) {
            return Some(cand(i, k, Sem::Set(d.timex()), EntityType::Set));
        }
        None
    }

    /// Years: عام 2022، سنة 2022م، العام 1992، عام (1933)، 1348 هجري، and
    /// bare years where the context makes them years.
    fn r_year(&self, i: usize) -> Option<Cand> {
        let tk = self.tks.get(i)?;
        if let Some(j) = self
            .has(i, Term::YearWord)
            .or_else(|| self.has(i, Term::DateWord))
        {
            // عام ( 1931 / 1932 ) — a financial or season year
            if let Some(sem) = self.slash_year(j) {
                return Some(cand(i, sem.1, sem.0, EntityType::Date));
            }
            let (y, era, k) = self.year(j)?;
            return Some(self.with_dated(cand(i, k, year_sem(y, era), EntityType::Date)));
        }
        if self.punct(i, "(") {
            let (y, era, k) = self.year(i)?;
            if era.is_some() && !self.punct(k - 1, ")") {
                // ( 1343 ) هجري — the era makes it a year, parentheses included.
                return Some(cand(i, k, year_sem(y, era), EntityType::Date));
            }
            // ( 1348هجري ), ( 1948 ): the year without the parentheses.
            let inner = self.r_year(i + 1)?;
            return Some(inner).filter(|c| c.end == k - 1);
        }
        let (y, era, k) = self.year(i)?;
        if era.is_some() {
            return Some(cand(i, k, year_sem(y, era), EntityType::Date));
        }
        if tk.num().map(|x| x.1) != Some(4) || !self.bare_year_ok(i, y) {
            return None;
        }
        Some(cand(i, k, year_sem(y, era), EntityType::Date))
    }

    fn slash_year(&self, j: usize) -> Option<(Sem, usize)> {
        let paren = self.punct(j, "(");
        let a = if paren { j + 1 } else { j };
        if !self.punct(a + 1, "/") {
            return None;
        }
        let (y, 4) = self.t(a).num()? else {
            return None;
        };
        let y = y as i32;
        let (y2, 4) = self.tks.get(a + 2)?.num()? else {
            return None;
        };
        if y2 as i32 <= y || y2 as i32 - y > 10 {
            return None;
        }
        let mut end = a + 3;
        if paren {
            if !self.punct(end, ")") {
                return None;
            }
            end += 1;
        }
        let ys = |y: i32| Sem::Year {
            y,
            hijri: false,
            bc: false,
        };
        Some((Sem::Range(Box::new(ys(y)), Box::new(ys(y2 as i32))), end))
    }

    /// Whether a bare four-digit number at `i` is a year: it must look like
    /// one (1800–2100) and stand where years stand — after «منذ», «في» …,
    /// in parentheses, or before punctuation and function words — and not
    /// where counts stand (before a noun, after «نحو»، «رقم», next to %).
    fn bare_year_ok(&self, i: usize, y: i32) -> bool {
        let tk = self.t(i);
        if tk.clitic && !tk.conj {
            return false;
        }
        let prev = i.checked_sub(1).map(|p| self.t(p));
        let next = self.tks.get(i + 1);
        if let Some(p) = prev {
            if COUNT_CUES.contains(&p.key.as_str()) {
                return false;
            }
            if p.kind == TkKind::Punct
                && matches!(
                    p.key.as_str(),
                    "/" | ":" | "." | "-" | "+" | "$" | "#" | "،" | ","
                )
                && i >= 2
                && self.t(i - 2).num().is_some()
            {
                return false;
            }
            if p.num().is_some() {
                return false;
            }
        }
        let in_parens =
            prev.is_some_and(|p| p.is_punct("(")) && next.is_some_and(|n| n.is_punct(")"));
        if !((1800..=2100).contains(&y) || in_parens && (1000..=2100).contains(&y)) {
            return false;
        }
        if let Some(n) = next {
            if n.kind == TkKind::Punct && matches!(n.key.as_str(), "%" | "٪" | "/" | "-" | "$") {
                return false;
            }
            if n.is_punct(":") && self.tks.get(i + 2).is_some_and(|t| t.num().is_some()) {
                return false;
            }
            if n.num().is_some() {
                return false;
            }
            if n.kind == TkKind::Word && !n.conj {
                let temporal = !self.terms[i + 1].is_empty();
                let function = YEAR_FOLLOWERS.contains(&n.key.as_str())
                    || YEAR_FOLLOWERS.contains(&n.full.as_str());
                // Counted nouns are indefinite («2000 شخص»); a definite word
                // after the number is an adjective of what precedes it
                // («انتخابات 2020 الرئاسية»).
                let definite_next = n.key.starts_with("ال") && !n.latin;
                if !temporal && !function && !definite_next {
                    // A noun after the number: a count — unless a strong cue
                    // before it says year, or the number labels a definite
                    // noun phrase («الانتفاضة الأولى 1987 صادر …»).
                    return prev.is_some_and(|p| {
                        YEAR_CUES.contains(&p.key.as_str())
                            || p.is_punct("(")
                            || (p.kind == TkKind::Word
                                && !p.latin
                                && p.full.starts_with("ال")
                                && p.full.chars().count() > 4)
                    });
                }
            }
        }
        true
    }

    /// Historical periods: الفترة العثمانية، العصر الحجري، الحقبة السوفيتية —
    /// a head noun and a relational (nisba) adjective. They have no
    /// calendar value.
    fn r_period(&self, i: usize) -> Option<Cand> {
        let j = self.has(i, Term::PeriodHead)?;
        if self.t(i).latin {
            return None;
        }
        let adj = self.t(j);
        let nisba = adj.kind == TkKind::Word
            && !adj.clitic
            && adj.key.starts_with("ال")
            && adj.key.chars().count() >= 6
            && (adj.key.ends_with("يه") || adj.key.ends_with('ي'))
            && self.terms[j].is_empty();
        nisba.then(|| {
            cand(
                i,
                j + 1,
                Sem::Note("a historical period: no calendar value".into()),
                EntityType::Date,
            )
        })
    }

    /// الآن، حاليًا، الوقت الراهن, now, currently.
    fn r_present(&self, i: usize) -> Option<Cand> {
        let j = self.has(i, Term::Present)?;
        Some(cand(i, j, Sem::Present, EntityType::Date))
    }

    /// A month alone: مايو، شهر رمضان، مارس الماضي, May (strong names; weak
    /// ones need «شهر» or a direction).
    fn r_month(&self, i: usize) -> Option<Cand> {
        let tk = self.tks.get(i)?;
        let mut j = i;
        let mut trig = false;
        if let Some(k) = self
            .has(i, Term::MonthWord)
            .filter(|_| !tk.clitic || tk.conj)
        {
            j = k;
            trig = true;
        }
        let ((h, m, weak), mut k) = self.month_x(j)?;
        let mut dir = None;
        if let Some((d, k2)) = self.dir(k) {
            dir = Some(d);
            k = k2;
        }
        // «رمضان المبارك»
        if trig && h && matches!(self.key(k), "المبارك" | "الكريم" | "الفضيل") {
            k += 1;
        }
        if weak && !trig && dir.is_none() {
            return None;
        }
        if self.t(j).latin && !self.t(j).upper {
            return None;
        }
        let mut sem = Sem::Month {
            y: None,
            m,
            hijri: h,
            dir,
            future: self.future_near(i),
        };
        let mut end = k;
        // شهر رمضان عام 1992
        if let Some((y, era, k2)) = self.year_after(k) {
            if dir.is_none() {
                sem = Sem::Month {
                    y: Some(y),
                    m,
                    hijri: h || era.is_some_and(|e| e.0),
                    dir: None,
                    future: false,
                };
                end = k2;
            }
        }
        Some(cand(i, end, sem, EntityType::Date))
    }
}

/// A duration being built.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dur {
    n: Option<u32>,
    unit: Unit,
    half: bool,
}

impl Dur {
    fn n(n: u32, unit: Unit) -> Dur {
        Dur {
            n: Some(n),
            unit,
            half: false,
        }
    }

    fn fraction(unit: Unit, num: u32, den: u32) -> Dur {
        // Expressed in the next smaller unit: half an hour = 30 minutes.
        let (n, u) = match unit {
            Unit::Hour => (60 * num / den, Unit::Minute),
            Unit::Minute => (60 * num / den, Unit::Second),
            Unit::Day => (24 * num / den, Unit::Hour),
            Unit::Year => (12 * num / den, Unit::Month),
            Unit::Decade => (10 * num / den, Unit::Year),
            Unit::Century => (100 * num / den, Unit::Year),
            Unit::Month => (30 * num / den, Unit::Day),
            Unit::Week => (7 * num / den, Unit::Day),
            Unit::Quarter => (3 * num / den, Unit::Month),
            Unit::Second => (num, Unit::Second),
        };
        Dur::n(n, u)
    }

    pub(crate) fn timex(&self) -> String {
        let t = if self.unit.is_time() { "T" } else { "" };
        let n = self.n.map_or_else(|| "X".to_owned(), |n| n.to_string());
        let mut s = format!("P{t}{n}{}", self.unit.letter());
        if self.half {
            let extra = match self.unit {
                Unit::Hour => "30M",
                Unit::Minute => "30S",
                Unit::Day => "T12H",
                Unit::Year => "6M",
                Unit::Month => "15D",
                Unit::Week => "3DT12H",
                _ => "",
            };
            s.push_str(extra);
        }
        s
    }
}

fn duration(n: Option<u32>, unit: Unit) -> Sem {
    Sem::Duration(
        Dur {
            n,
            unit,
            half: false,
        }
        .timex(),
    )
}

fn offset(d: Dur, sign: i8) -> Sem {
    Sem::Offset {
        n: d.n,
        unit: d.unit,
        sign,
    }
}

fn night(n: i64) -> Sem {
    Sem::Part {
        base: Box::new(Sem::RelDay { n, wd: None }),
        part: Part::Night,
    }
}

fn year_sem(y: i32, era: Option<(bool, bool)>) -> Sem {
    Sem::Year {
        y,
        hijri: era.is_some_and(|e| e.0),
        bc: era.is_some_and(|e| e.1),
    }
}

fn apply_ampm(h: u64, v: AmPm) -> u64 {
    match v {
        AmPm::Am => {
            if h == 12 {
                0
            } else {
                h
            }
        }
        AmPm::Pm | AmPm::Afternoon => {
            if h < 12 {
                h + 12
            } else {
                h
            }
        }
        AmPm::Noon => {
            if (1..=5).contains(&h) {
                h + 12
            } else {
                h
            }
        }
        AmPm::Night => {
            if (6..=11).contains(&h) {
                h + 12
            } else if h == 12 {
                0
            } else {
                h
            }
        }
    }
}

fn cand(start: usize, end: usize, sem: Sem, kind: EntityType) -> Cand {
    Cand {
        start_ba: false,
        start,
        end,
        sem,
        kind,
    }
}

/// Lets the two ends of a range complete each other: «من 10 إلى 15 مايو»
/// (the first end takes the month and year), «من مايو إلى يوليو 2025».
fn combine_range(a: Sem, b: Sem) -> Option<(Sem, Sem)> {
    match (a, b) {
        (
            Sem::Day {
                y: ya, m: 0, d: da, ..
            },
            Sem::Day {
                y: yb,
                m: mb,
                d: db,
                hijri,
                wd,
            },
        ) => {
            if mb == 0 || da > db {
                return None;
            }
            Some((
                Sem::Day {
                    y: ya.or(yb),
                    m: mb,
                    d: da,
                    hijri,
                    wd: None,
                },
                Sem::Day {
                    y: yb,
                    m: mb,
                    d: db,
                    hijri,
                    wd,
                },
            ))
        }
        // «from May 10 to 15»
        (a @ Sem::Day { m: 1..=12, .. }, Sem::Day { m: 0, d: db, .. }) => {
            let Sem::Day { y, m, d, hijri, .. } = a else {
                return None;
            };
            if db <= d {
                return None;
            }
            Some((
                a,
                Sem::Day {
                    y,
                    m,
                    d: db,
                    hijri,
                    wd: None,
                },
            ))
        }
        (Sem::Day { m: 0, .. }, _) | (_, Sem::Day { m: 0, .. }) => None,
        (
            Sem::Month {
                y: None,
                m,
                hijri,
                dir,
                future,
            },
            b @ (Sem::Month { y: Some(_), .. } | Sem::Day { y: Some(_), .. }),
        ) => {
            let yb = match &b {
                Sem::Month { y, .. } | Sem::Day { y, .. } => *y,
                _ => None,
            };
            Some((
                Sem::Month {
                    y: yb,
                    m,
                    hijri,
                    dir,
                    future,
                },
                b,
            ))
        }
        (
            Sem::Day {
                y: None,
                m,
                d,
                hijri,
                wd,
            },
            b @ (Sem::Day { y: Some(_), .. } | Sem::Month { y: Some(_), .. }),
        ) => {
            let yb = match &b {
                Sem::Month { y, .. } | Sem::Day { y, .. } => *y,
                _ => None,
            };
            Some((
                Sem::Day {
                    y: yb,
                    m,
                    d,
                    hijri,
                    wd,
                },
                b,
            ))
        }
        (a, b) => Some((a, b)),
    }
}
