//! Temporal expressions: recognition and TIMEX3 normalisation.
//!
//! Works on tokens of the normalised text. Span convention (TIMEX3-like):
//! the expression itself, without a leading preposition or conjunction
//! (في فبراير 2022 → فبراير 2022; وأمس → أمس).

use std::ops::Range;

use crate::analysis::EntityType;
use crate::date::{CivilDate, Weekday};
use crate::normalize::Normalized;
use crate::token::{Token, TokenKind};

/// A temporal expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// Span in the normalised text (bytes).
    pub norm: Range<usize>,
    /// `Date`, `Time`, `Duration` or `Set`.
    pub kind: EntityType,
    /// TIMEX3 value, when it can be computed.
    pub value: Option<String>,
    /// A remark for the reader (e.g. an impossible date).
    pub note: Option<String>,
}

/// Gregorian month names (normalised), month number.
const MONTHS: &[(&str, u8)] = &[
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    ("تشرين الاول", 10),
    ("تشرين الثاني", 11),
    ("كانون الاول", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("الاثنين", Weekday::Monday),
    ("الثلاثاء", Weekday::Tuesday),
    ("الاربعاء", Weekday::Wednesday),
    ("الخميس", Weekday::Thursday),
    ("الجمعه", Weekday::Friday),
    ("السبت", Weekday::Saturday),
    ("الاحد", Weekday::Sunday),
];

struct Cursor<'a> {
    norm: &'a Normalized,
    tokens: &'a [Token],
}

impl<'a> Cursor<'a> {
    /// The token's text without proclitics (و، ف، ب، ل، ك), keeping the
    /// article.
    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.tokens.get(i)?;
        Some(&self.norm.as_str()[t.name_norm()])
    }

    fn full(&self, i: usize) -> Option<&'a str> {
        self.tokens.get(i).map(|t| t.text(self.norm))
    }

    fn year(&self, i: usize) -> Option<i32> {
        let t = self.tokens.get(i)?;
        if t.kind != TokenKind::Number {
            return None;
        }
        let s = t.text(self.norm);
        if s.len() != 4 {
            return None;
        }
        s.parse().ok().filter(|y| (1000..=2999).contains(y))
    }

    /// Matches a (possibly two-word) month name at token `i`; returns the
    /// month and the number of tokens used.
    fn month(&self, i: usize) -> Option<(u8, usize)> {
        let w = self.word(i)?;
        let next = self.full(i + 1);
        for &(name, m) in MONTHS {
            match name.split_once(' ') {
                Some((a, b)) => {
                    if w == a && next == Some(b) {
                        return Some((m, 2));
                    }
                }
                None => {
                    if w == name {
                        return Some((m, 1));
                    }
                }
            }
        }
        None
    }

    fn span(&self, first: usize, last: usize) -> Range<usize> {
        self.tokens[first].name_norm().start..self.tokens[last].norm.end
    }
}

/// Finds temporal expressions and normalises them against `reference`.
pub fn find(norm: &Normalized, tokens: &[Token], reference: Option<CivilDate>) -> Vec<Timex> {
    let c = Cursor { norm, tokens };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((t, used)) = match_at(&c, i, reference) {
            out.push(t);
            i += used;
        } else {
            i += 1;
        }
    }
    out
}

fn match_at(c: &Cursor<'_>, i: usize, reference: Option<CivilDate>) -> Option<(Timex, usize)> {
    let w = c.word(i)?;
    // MONTH YEAR
    if let Some((m, used)) = c.month(i) {
        if let Some(y) = c.year(i + used) {
            return Some((
                Timex {
                    norm: c.span(i, i + used),
                    kind: EntityType::Date,
                    value: Some(format!("{y:04}-{m:02}")),
                    note: None,
                },
                used + 1,
            ));
        }
    }
    // عام/سنة YEAR
    if matches!(w, "عام" | "سنه" | "العام") {
        if let Some(y) = c.year(i + 1) {
            return Some((
                Timex {
                    norm: c.span(i, i + 1),
                    kind: EntityType::Date,
                    value: Some(format!("{y:04}")),
                    note: None,
                },
                2,
            ));
        }
    }
    // ربيع/صيف/خريف/شتاء YEAR
    let season = match w {
        "ربيع" => Some("SP"),
        "صيف" => Some("SU"),
        "خريف" => Some("FA"),
        "شتاء" => Some("WI"),
        _ => None,
    };
    if let (Some(s), Some(y)) = (season, c.year(i + 1)) {
        return Some((
            Timex {
                norm: c.span(i, i + 1),
                kind: EntityType::Date,
                value: Some(format!("{y:04}-{s}")),
                note: None,
            },
            2,
        ));
    }
    // اليوم / أمس [WEEKDAY]
    if w == "اليوم" {
        return Some((
            Timex {
                norm: c.span(i, i),
                kind: EntityType::Date,
                value: Some(reference.map_or("PRESENT_REF".into(), |d| d.to_string())),
                note: None,
            },
            1,
        ));
    }
    if w == "امس" {
        let mut used = 1;
        if c.word(i + 1)
            .is_some_and(|n| WEEKDAYS.iter().any(|(name, _)| *name == n))
        {
            used = 2;
        }
        return Some((
            Timex {
                norm: c.span(i, i + used - 1),
                kind: EntityType::Date,
                value: reference
                    .and_then(|d| d.add_days(-1))
                    .map(|d| d.to_string()),
                note: None,
            },
            used,
        ));
    }
    // WEEKDAY الماضي/الماضية
    if let Some(&(_, wd)) = WEEKDAYS.iter().find(|(name, _)| *name == w) {
        let next = c.full(i + 1);
        if matches!(next, Some("الماضي" | "الماضيه")) {
            let value = reference.and_then(|d| {
                let back = (i64::from(d.weekday().number_from_monday())
                    - i64::from(wd.number_from_monday()))
                .rem_euclid(7);
                d.add_days(-if back == 0 { 7 } else { back })
            });
            return Some((
                Timex {
                    norm: c.span(i, i + 1),
                    kind: EntityType::Date,
                    value: value.map(|d| d.to_string()),
                    note: None,
                },
                2,
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::NormOptions;
    use crate::token::{tokenize, NoVocabulary};

    fn run(text: &str) -> Vec<(String, Option<String>)> {
        let norm = Normalized::new(text, NormOptions::default());
        let toks = tokenize(&norm, &NoVocabulary);
        let r = CivilDate::new(2025, 5, 17).unwrap();
        find(&norm, &toks, Some(r))
            .into_iter()
            .map(|t| (text[norm.to_original(t.norm)].to_owned(), t.value))
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, &str)] = &[
            ("في فبراير 2022؛", "فبراير 2022", "2022-02"),
            ("منذ عام 2022،", "عام 2022", "2022"),
            ("أمس الجمعة في", "أمس الجمعة", "2025-05-16"),
            ("الجمعة الماضية على", "الجمعة الماضية", "2025-05-16"),
            ("منذ ربيع 2022", "ربيع 2022", "2022-SP"),
            ("في شباط 2022", "شباط 2022", "2022-02"),
            ("منذ ديسمبر ٢٠١٩.", "ديسمبر ٢٠١٩", "2019-12"),
            ("الكرملين اليوم أنه", "اليوم", "2025-05-17"),
        ];
        for &(text, span, value) in cases {
            let got = run(text);
            assert_eq!(
                got,
                vec![(span.to_owned(), Some(value.to_owned()))],
                "{text}"
            );
        }
    }

    #[test]
    fn not_inside_words_or_counts() {
        assert!(run("الابواب 40 طائرة 20%").is_empty());
    }
}
