//! The meaning of a temporal expression and its TIMEX3 value.
//!
//! The grammar builds a [`Sem`] — what the text says, before any reference
//! date is known («أمس», «the first quarter of 2025», «الجمعة الماضية»).
//! [`resolve`] turns it into a TIMEX3 value against an anchor date. Keeping
//! the two apart makes re-normalising against another reference date a
//! matter of re-running [`resolve`], without re-reading the text.

use crate::date::{days_in_month, CivilDate};

use super::hijri;
use super::lex::{Mod, Part, Season, Unit};

/// What a temporal expression says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sem {
    /// A calendar day. Without a year: the nearest such day to the anchor.
    /// `wd` is a weekday the text states with it.
    Day {
        y: Option<i32>,
        m: u8,
        d: u8,
        hijri: bool,
        wd: Option<u8>,
    },
    /// A month. Without a year: resolved by `dir` (last/next) or tense.
    Month {
        y: Option<i32>,
        m: u8,
        hijri: bool,
        dir: Option<i8>,
        future: bool,
    },
    /// A year (`bc`: before the common era).
    Year { y: i32, hijri: bool, bc: bool },
    /// A day relative to the anchor (أمس = -1), with a weekday the text
    /// may state with it («أمس الجمعة»).
    RelDay { n: i64, wd: Option<u8> },
    /// A period relative to the anchor's (الأسبوع الماضي = week, -1).
    Rel { unit: Unit, n: i64 },
    /// A weekday; `dir` -1 last, 0 this week, +1 next; else by tense.
    Weekday {
        wd: u8,
        dir: Option<i8>,
        future: bool,
    },
    /// `n` units before (`sign` -1) or after (+1) the anchor; `None`: some.
    Offset {
        n: Option<u32>,
        unit: Unit,
        sign: i8,
    },
    /// A season of the year `base` resolves to.
    Season { base: Box<Sem>, s: Season },
    /// A season relative to the anchor's (الصيف الماضي).
    SeasonRel { s: Season, dir: i8 },
    /// A season of no stated year.
    SeasonBare(Season),
    /// A quarter of the year `base` resolves to.
    Quarter { base: Box<Sem>, q: u8 },
    /// A half of the year `base` resolves to.
    Half { base: Box<Sem>, h: u8 },
    /// The decade starting in `start` (1990).
    Decade { start: i32 },
    /// A decade named by its tens (التسعينيات), in the last century that
    /// had reached it at the anchor.
    DecadeNear { tens: u8 },
    /// The decade named by its tens in the century `century` resolves to.
    DecadeOf { tens: u8, century: Box<Sem> },
    /// The `n`th century (20 = 1901–2000; TIMEX3 `19`).
    Century { n: i32 },
    /// The present (الآن).
    Present,
    /// A part of the day `base` resolves to.
    Part { base: Box<Sem>, part: Part },
    /// A clock time on the day `base` resolves to (the anchor if none).
    Time {
        base: Option<Box<Sem>>,
        h: u8,
        m: u8,
    },
    /// A duration, already in TIMEX3 form (`P2D`).
    Duration(String),
    /// A recurrence, already in TIMEX3 form (`P1W`, `XXXX-WXX-5`).
    Set(String),
    /// From `a` to `b`.
    Range(Box<Sem>, Box<Sem>),
    /// A part of a period: its start, middle or end.
    Mod(Mod, Box<Sem>),
    /// The day before the day `base` resolves to («ليلة الجمعة»).
    Eve(Box<Sem>),
    /// An expression with no TIMEX3 value, and why.
    Note(String),
}

/// A resolved value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum V {
    Day(CivilDate),
    Month(i32, u8),
    Year(i32),
    Week(i32, u8),
    Quarter(i32, u8),
    Half(i32, u8),
    Season(i32, Season),
    Decade(i32),
    Century(i32),
    Interval(Box<V>, Box<V>),
    Str(String),
}

fn year_str(y: i32) -> String {
    if y <= 0 {
        format!("BC{:04}", 1 - y)
    } else {
        format!("{y:04}")
    }
}

impl V {
    pub(crate) fn timex(&self) -> String {
        match self {
            V::Day(d) => d.to_string(),
            V::Month(y, m) => format!("{}-{m:02}", year_str(*y)),
            V::Year(y) => year_str(*y),
            V::Week(y, w) => format!("{}-W{w:02}", year_str(*y)),
            V::Quarter(y, q) => format!("{}-Q{q}", year_str(*y)),
            V::Half(y, h) => format!("{}-H{h}", year_str(*y)),
            V::Season(y, s) => format!("{}-{}", year_str(*y), s.code()),
            V::Decade(d) => format!("{d:03}"),
            V::Century(c) => format!("{c:02}"),
            V::Interval(a, b) => format!("{}/{}", a.timex(), b.timex()),
            V::Str(s) => s.clone(),
        }
    }

    /// The year the value lies in, for periods built on it.
    fn year(&self) -> Option<i32> {
        match self {
            V::Day(d) => Some(d.year()),
            V::Month(y, _)
            | V::Year(y)
            | V::Week(y, _)
            | V::Quarter(y, _)
            | V::Half(y, _)
            | V::Season(y, _) => Some(*y),
            V::Interval(a, _) => a.year(),
            _ => None,
        }
    }
}

/// The result of resolving a [`Sem`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub(crate) value: Option<V>,
    pub(crate) note: Option<String>,
    pub(crate) modifier: Option<&'static str>,
    /// A new anchor for the following relative expressions, when the text
    /// contradicts the current one («أمس (الثلاثاء)» on a Saturday).
    pub(crate) reanchor: Option<CivilDate>,
}

const WEEKDAY_AR: [&str; 7] = [
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
];

fn wd_of(d: CivilDate) -> u8 {
    d.weekday().number_from_monday()
}

fn ok(v: V) -> Resolved {
    Resolved {
        value: Some(v),
        ..Resolved::default()
    }
}

fn with_note(value: Option<V>, note: String) -> Resolved {
    Resolved {
        value,
        note: Some(note),
        ..Resolved::default()
    }
}

/// The Gregorian interval of a Hijri month.
fn hijri_month_interval(y: i32, m: u8) -> Option<V> {
    let first = hijri::to_gregorian(y, m, 1)?;
    let last = hijri::to_gregorian(y, m, hijri::month_len(y, m)?)?;
    Some(V::Interval(Box::new(V::Day(first)), Box::new(V::Day(last))))
}

/// Resolves `sem` against `anchor` (the reference date, possibly moved by
/// an earlier expression).
pub(crate) fn resolve(sem: &Sem, anchor: Option<CivilDate>) -> Resolved {
    match sem {
        Sem::Day { y, m, d, hijri, wd } => resolve_day(*y, *m, *d, *hijri, *wd, anchor),
        Sem::Month {
            y,
            m,
            hijri,
            dir,
            future,
        } => resolve_month(*y, *m, *hijri, *dir, *future, anchor),
        Sem::Year { y, hijri, bc } => {
            if *hijri {
                let first = hijri::to_gregorian(*y, 1, 1);
                let last = hijri::month_len(*y, 12).and_then(|l| hijri::to_gregorian(*y, 12, l));
                match (first, last) {
                    (Some(a), Some(b)) => ok(V::Interval(Box::new(V::Day(a)), Box::new(V::Day(b)))),
                    _ => with_note(None, format!("Hijri year {y} is out of range")),
                }
            } else if *bc {
                ok(V::Year(1 - *y))
            } else if (1..=9999).contains(y) {
                ok(V::Year(*y))
            } else {
                with_note(None, format!("year {y} is out of range"))
            }
        }
        Sem::RelDay { n, wd } => resolve_rel_day(*n, *wd, anchor),
        Sem::Rel { unit, n } => match anchor {
            Some(a) => rel_period(a, *unit, *n).map_or_else(Resolved::default, ok),
            None => Resolved::default(),
        },
        Sem::Weekday { wd, dir, future } => {
            let Some(a) = anchor else {
                return ok(V::Str(format!("XXXX-WXX-{wd}")));
            };
            let aw = i64::from(wd_of(a));
            let w = i64::from(*wd);
            let delta = match dir {
                Some(-1) => {
                    let b = (aw - w).rem_euclid(7);
                    -(if b == 0 { 7 } else { b })
                }
                Some(1) => {
                    let f = (w - aw).rem_euclid(7);
                    if f == 0 {
                        7
                    } else {
                        f
                    }
                }
                Some(_) => w - aw,
                None if *future => (w - aw).rem_euclid(7),
                None => -(aw - w).rem_euclid(7),
            };
            a.add_days(delta)
                .map_or_else(Resolved::default, |d| ok(V::Day(d)))
        }
        Sem::Offset { n, unit, sign } => {
            let Some(a) = anchor else {
                return Resolved::default();
            };
            let Some(n) = n else {
                return ok(V::Str(
                    if *sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.into(),
                ));
            };
            let k = i64::from(*n) * i64::from(*sign);
            let v = match unit {
                Unit::Second | Unit::Minute | Unit::Hour => Some(V::Day(a)),
                _ => rel_period(a, *unit, k),
            };
            // Sub-day offsets: the anchor day is as precise as we can be
            // without a clock time.
            v.map_or_else(Resolved::default, ok)
        }
        Sem::Season { base, s } => {
            let r = resolve(base, anchor);
            match r.value.as_ref().and_then(V::year) {
                Some(y) => Resolved {
                    value: Some(V::Season(y, *s)),
                    ..r
                },
                None => r,
            }
        }
        Sem::SeasonRel { s, dir } => {
            let Some(a) = anchor else {
                return ok(V::Str(format!("XXXX-{}", s.code())));
            };
            let idx = |s: Season| match s {
                Season::Spring => 0,
                Season::Summer => 1,
                Season::Fall => 2,
                Season::Winter => 3,
            };
            let cur_idx = match a.month() {
                3..=5 => 0,
                6..=8 => 1,
                9..=11 => 2,
                _ => 3,
            };
            let cur_year = if a.month() <= 2 {
                a.year() - 1
            } else {
                a.year()
            };
            let cur = i64::from(cur_year) * 4 + cur_idx;
            let cands = (-1..=1).map(|k| (cur_year + k, i64::from(cur_year + k) * 4 + idx(*s)));
            let pick = match dir {
                -1 => cands.filter(|&(_, o)| o < cur).max_by_key(|&(_, o)| o),
                1 => cands.filter(|&(_, o)| o > cur).min_by_key(|&(_, o)| o),
                _ => cands.min_by_key(|&(_, o)| (o - cur).abs()),
            };
            pick.map_or_else(Resolved::default, |(y, _)| ok(V::Season(y, *s)))
        }
        Sem::SeasonBare(s) => ok(V::Str(format!("XXXX-{}", s.code()))),
        Sem::Quarter { base, q } => {
            let r = resolve(base, anchor);
            match r.value.as_ref().and_then(V::year) {
                Some(y) => Resolved {
                    value: Some(V::Quarter(y, *q)),
                    ..r
                },
                None => r,
            }
        }
        Sem::Half { base, h } => {
            let r = resolve(base, anchor);
            match r.value.as_ref().and_then(V::year) {
                Some(y) => Resolved {
                    value: Some(V::Half(y, *h)),
                    ..r
                },
                None => r,
            }
        }
        Sem::Decade { start } => ok(V::Decade(start.div_euclid(10))),
        Sem::DecadeNear { tens } => {
            let t = i32::from(*tens);
            let start = match anchor {
                Some(a) => {
                    let c = a.year().div_euclid(100) * 100 + t;
                    if c > a.year() {
                        c - 100
                    } else {
                        c
                    }
                }
                None => 1900 + t,
            };
            ok(V::Decade(start / 10))
        }
        Sem::DecadeOf { tens, century } => {
            let r = resolve(century, anchor);
            match r.value {
                Some(V::Century(c)) => ok(V::Decade(c * 10 + i32::from(*tens) / 10)),
                _ => r,
            }
        }
        Sem::Century { n } => {
            if (1..=100).contains(n) {
                ok(V::Century(n - 1))
            } else {
                with_note(None, format!("century {n} is out of range"))
            }
        }
        Sem::Present => ok(V::Str("PRESENT_REF".into())),
        Sem::Part { base, part } => {
            let r = resolve(base, anchor);
            match &r.value {
                Some(V::Day(d)) => Resolved {
                    value: Some(V::Str(format!("{d}T{}", part.code()))),
                    ..r
                },
                None if anchor.is_none() => Resolved {
                    value: Some(V::Str(format!("XXXX-XX-XXT{}", part.code()))),
                    ..r
                },
                _ => r,
            }
        }
        Sem::Time { base, h, m } => {
            let r = match base {
                Some(b) => resolve(b, anchor),
                None => anchor.map_or_else(Resolved::default, |a| ok(V::Day(a))),
            };
            let day = match &r.value {
                Some(V::Day(d)) => d.to_string(),
                _ => "XXXX-XX-XX".to_owned(),
            };
            Resolved {
                value: Some(V::Str(format!("{day}T{h:02}:{m:02}"))),
                ..r
            }
        }
        Sem::Duration(s) | Sem::Set(s) => ok(V::Str(s.clone())),
        Sem::Range(a, b) => {
            let ra = resolve(a, anchor);
            let rb = resolve(b, anchor);
            let note = match (ra.note, rb.note) {
                (Some(x), Some(y)) => Some(format!("{x}; {y}")),
                (x, y) => x.or(y),
            };
            Resolved {
                value: match (ra.value, rb.value) {
                    (Some(x), Some(y)) => Some(V::Interval(Box::new(x), Box::new(y))),
                    _ => None,
                },
                note,
                modifier: None,
                reanchor: None,
            }
        }
        Sem::Eve(base) => {
            let r = resolve(base, anchor);
            match r.value {
                Some(V::Day(d)) => Resolved {
                    value: d.add_days(-1).map(V::Day),
                    ..r
                },
                _ => r,
            }
        }
        Sem::Note(n) => with_note(None, n.clone()),
        Sem::Mod(m, inner) => {
            let r = resolve(inner, anchor);
            Resolved {
                modifier: Some(m.code()),
                ..r
            }
        }
    }
}

fn rel_period(a: CivilDate, unit: Unit, n: i64) -> Option<V> {
    Some(match unit {
        Unit::Second | Unit::Minute | Unit::Hour => V::Day(a),
        Unit::Day => V::Day(a.add_days(n)?),
        Unit::Week => {
            let (y, w) = a.add_days(7 * n)?.iso_week();
            V::Week(y, w)
        }
        Unit::Month => {
            let d = a.add_months(n)?;
            V::Month(d.year(), d.month())
        }
        Unit::Quarter => {
            let q = i64::from(a.year()) * 4 + i64::from((a.month() - 1) / 3) + n;
            V::Quarter(
                i32::try_from(q.div_euclid(4)).ok()?,
                (q.rem_euclid(4) + 1) as u8,
            )
        }
        Unit::Year => V::Year(i32::try_from(i64::from(a.year()) + n).ok()?),
        Unit::Decade => V::Decade(i32::try_from(i64::from(a.year().div_euclid(10)) + n).ok()?),
        Unit::Century => V::Century(i32::try_from(i64::from(a.year().div_euclid(100)) + n).ok()?),
    })
}

fn resolve_rel_day(n: i64, wd: Option<u8>, anchor: Option<CivilDate>) -> Resolved {
    let Some(a) = anchor else {
        return if n == 0 {
            ok(V::Str("PRESENT_REF".into()))
        } else {
            Resolved::default()
        };
    };
    let Some(day) = a.add_days(n) else {
        return Resolved::default();
    };
    match wd {
        Some(w) if w != wd_of(day) => {
            // The text names another weekday: the passage was written on
            // another day than the reference. Trust the weekday: take the
            // latest such day on or before the relative day, and count the
            // following relative expressions from the day it implies.
            let back = (i64::from(wd_of(day)) - i64::from(w)).rem_euclid(7);
            let Some(named) = day.add_days(-back) else {
                return Resolved::default();
            };
            let implied = named.add_days(-n);
            Resolved {
                value: Some(V::Day(named)),
                note: Some(format!(
                    "the text names {} ({named}), but {day} is a {}: the passage seems written on {}; \
                     relative dates after it are counted from that day",
                    WEEKDAY_AR[usize::from(w - 1)],
                    WEEKDAY_AR[usize::from(wd_of(day) - 1)],
                    implied.map_or_else(|| "?".to_owned(), |d| d.to_string()),
                )),
                modifier: None,
                reanchor: implied,
            }
        }
        _ => ok(V::Day(day)),
    }
}

fn resolve_day(
    y: Option<i32>,
    m: u8,
    d: u8,
    hijri: bool,
    wd: Option<u8>,
    anchor: Option<CivilDate>,
) -> Resolved {
    let r = if hijri {
        let year = match (y, anchor) {
            (Some(y), _) => Some(y),
            (None, Some(a)) => {
                // The Hijri year whose such day is nearest to the anchor.
                hijri::from_gregorian(a).and_then(|(hy, _, _)| {
                    (hy - 1..=hy + 1)
                        .filter_map(|cy| hijri::to_gregorian(cy, m, d).map(|g| (cy, g)))
                        .min_by_key(|(_, g)| (g.to_days() - a.to_days()).abs())
                        .map(|(cy, _)| cy)
                })
            }
            (None, None) => None,
        };
        match year {
            Some(hy) => match hijri::to_gregorian(hy, m, d) {
                Some(g) => ok(V::Day(g)),
                None => with_note(
                    hijri_month_interval(hy, m),
                    format!("Hijri month {m} of {hy} has no day {d}"),
                ),
            },
            None => ok(V::Str("XXXX-XX-XX".to_owned())),
        }
    } else {
        match y {
            Some(y) => match CivilDate::new(y, m, d) {
                Ok(g) => ok(V::Day(g)),
                Err(_) if (1..=12).contains(&m) && (1..=9999).contains(&y) => with_note(
                    Some(V::Month(y, m)),
                    format!(
                        "{y:04}-{m:02} has no day {d} (the month has {})",
                        days_in_month(y, m)
                    ),
                ),
                Err(e) => with_note(None, e.to_string()),
            },
            None => match anchor {
                Some(a) => {
                    let best = (a.year() - 1..=a.year() + 1)
                        .filter_map(|cy| CivilDate::new(cy, m, d).ok())
                        .filter(|g| wd.is_none_or(|w| wd_of(*g) == w))
                        .min_by_key(|g| (g.to_days() - a.to_days()).abs())
                        .or_else(|| {
                            (a.year() - 1..=a.year() + 1)
                                .filter_map(|cy| CivilDate::new(cy, m, d).ok())
                                .min_by_key(|g| (g.to_days() - a.to_days()).abs())
                        });
                    match best {
                        Some(g) => ok(V::Day(g)),
                        None => with_note(None, format!("month {m} never has a day {d}")),
                    }
                }
                None => {
                    if d > days_in_month(2000, m) {
                        with_note(None, format!("month {m} never has a day {d}"))
                    } else {
                        ok(V::Str(format!("XXXX-{m:02}-{d:02}")))
                    }
                }
            },
        }
    };
    // A stated weekday that disagrees with the date is worth a note.
    if let (Some(w), Some(V::Day(g))) = (wd, &r.value) {
        if wd_of(*g) != w && r.note.is_none() {
            return Resolved {
                note: Some(format!(
                    "{g} is a {}, not a {}",
                    WEEKDAY_AR[usize::from(wd_of(*g) - 1)],
                    WEEKDAY_AR[usize::from(w - 1)]
                )),
                ..r
            };
        }
    }
    r
}

fn resolve_month(
    y: Option<i32>,
    m: u8,
    hijri: bool,
    dir: Option<i8>,
    future: bool,
    anchor: Option<CivilDate>,
) -> Resolved {
    if hijri {
        let year = match (y, anchor) {
            (Some(y), _) => Some(y),
            (None, Some(a)) => hijri::from_gregorian(a).map(|(hy, hm, _)| {
                let cur = i64::from(hy) * 12 + i64::from(hm);
                let cands = (hy - 1..=hy + 1).map(|cy| (cy, i64::from(cy) * 12 + i64::from(m)));
                let pick = match dir {
                    Some(-1) => cands.filter(|&(_, o)| o < cur).max_by_key(|&(_, o)| o),
                    Some(1) => cands.filter(|&(_, o)| o > cur).min_by_key(|&(_, o)| o),
                    _ if future => cands.filter(|&(_, o)| o >= cur).min_by_key(|&(_, o)| o),
                    _ => cands.min_by_key(|&(_, o)| (o - cur).abs()),
                };
                pick.map_or(hy, |(cy, _)| cy)
            }),
            (None, None) => None,
        };
        return match year.and_then(|hy| hijri_month_interval(hy, m)) {
            Some(v) => ok(v),
            None => Resolved::default(),
        };
    }
    match (y, anchor) {
        (Some(y), _) => ok(V::Month(y, m)),
        (None, Some(a)) => {
            let cur = i64::from(a.year()) * 12 + i64::from(a.month());
            let cands =
                (a.year() - 1..=a.year() + 1).map(|cy| (cy, i64::from(cy) * 12 + i64::from(m)));
            let pick = match dir {
                Some(-1) => cands.filter(|&(_, o)| o < cur).max_by_key(|&(_, o)| o),
                Some(1) => cands.filter(|&(_, o)| o > cur).min_by_key(|&(_, o)| o),
                _ if future => cands.filter(|&(_, o)| o >= cur).min_by_key(|&(_, o)| o),
                // Nearest, preferring the past on a tie.
                _ => cands.min_by_key(|&(_, o)| ((o - cur).abs(), o > cur)),
            };
            pick.map_or_else(Resolved::default, |(cy, _)| ok(V::Month(cy, m)))
        }
        (None, None) => ok(V::Str(format!("XXXX-{m:02}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(sem: Sem) -> Option<String> {
        resolve(&sem, CivilDate::new(2025, 5, 17).ok())
            .value
            .map(|v| v.timex())
    }

    #[test]
    fn weekday_anchoring() {
        // Reference: Saturday 2025-05-17.
        let wd = |wd, dir, future| r(Sem::Weekday { wd, dir, future });
        assert_eq!(wd(5, Some(-1), false).as_deref(), Some("2025-05-16"));
        assert_eq!(wd(6, Some(-1), false).as_deref(), Some("2025-05-10"));
        assert_eq!(wd(5, Some(1), false).as_deref(), Some("2025-05-23"));
        assert_eq!(wd(6, Some(1), false).as_deref(), Some("2025-05-24"));
        assert_eq!(wd(1, None, false).as_deref(), Some("2025-05-12"));
        assert_eq!(wd(1, None, true).as_deref(), Some("2025-05-19"));
        assert_eq!(wd(6, None, false).as_deref(), Some("2025-05-17"));
        assert_eq!(wd(3, Some(0), false).as_deref(), Some("2025-05-14"));
    }

    #[test]
    fn periods() {
        assert_eq!(
            r(Sem::Rel {
                unit: Unit::Week,
                n: -1
            })
            .as_deref(),
            Some("2025-W19")
        );
        assert_eq!(
            r(Sem::Rel {
                unit: Unit::Month,
                n: -1
            })
            .as_deref(),
            Some("2025-04")
        );
        assert_eq!(
            r(Sem::Rel {
                unit: Unit::Quarter,
                n: -2
            })
            .as_deref(),
            Some("2024-Q4")
        );
        assert_eq!(
            r(Sem::Rel {
                unit: Unit::Decade,
                n: -1
            })
            .as_deref(),
            Some("201")
        );
        assert_eq!(
            r(Sem::Rel {
                unit: Unit::Century,
                n: -1
            })
            .as_deref(),
            Some("19")
        );
        assert_eq!(r(Sem::DecadeNear { tens: 90 }).as_deref(), Some("199"));
        assert_eq!(
            r(Sem::DecadeOf {
                tens: 80,
                century: Box::new(Sem::Century { n: 19 })
            })
            .as_deref(),
            Some("188")
        );
        assert_eq!(r(Sem::DecadeNear { tens: 20 }).as_deref(), Some("202"));
        assert_eq!(r(Sem::Century { n: 20 }).as_deref(), Some("19"));
        assert_eq!(
            r(Sem::SeasonRel {
                s: Season::Summer,
                dir: -1
            })
            .as_deref(),
            Some("2024-SU")
        );
        assert_eq!(
            r(Sem::SeasonRel {
                s: Season::Winter,
                dir: -1
            })
            .as_deref(),
            Some("2024-WI")
        );
        assert_eq!(
            r(Sem::SeasonRel {
                s: Season::Spring,
                dir: 0
            })
            .as_deref(),
            Some("2025-SP")
        );
        assert_eq!(
            r(Sem::Month {
                y: None,
                m: 12,
                hijri: false,
                dir: None,
                future: false
            })
            .as_deref(),
            Some("2024-12")
        );
        assert_eq!(
            r(Sem::Month {
                y: None,
                m: 7,
                hijri: false,
                dir: None,
                future: false
            })
            .as_deref(),
            Some("2025-07")
        );
        assert_eq!(
            r(Sem::Month {
                y: None,
                m: 5,
                hijri: false,
                dir: Some(-1),
                future: false
            })
            .as_deref(),
            Some("2024-05")
        );
    }

    #[test]
    fn yesterday_with_a_contradicting_weekday_reanchors() {
        let res = resolve(
            &Sem::RelDay { n: -1, wd: Some(2) },
            CivilDate::new(2025, 5, 17).ok(),
        );
        assert_eq!(res.value.map(|v| v.timex()).as_deref(), Some("2025-05-13"));
        assert_eq!(res.reanchor, CivilDate::new(2025, 5, 14).ok());
        assert!(res.note.is_some());
        let res = resolve(
            &Sem::RelDay { n: -1, wd: Some(5) },
            CivilDate::new(2025, 5, 17).ok(),
        );
        assert_eq!(res.value.map(|v| v.timex()).as_deref(), Some("2025-05-16"));
        assert_eq!(res.reanchor, None);
    }
}
