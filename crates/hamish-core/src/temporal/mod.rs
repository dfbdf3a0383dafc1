//! Temporal expressions: recognition and TIMEX3 normalisation, Arabic and
//! English.
//!
//! One grammar-driven engine ([`find`]): the vocabulary is data
//! (`data/temporal/words.tsv`, and `data/temporal/cldr-words.tsv` generated
//! from CLDR: every Arabic locale's Gregorian month names — MSA يناير،
//! Levantine/Iraqi كانون الثاني، Algerian/Tunisian جانفي، Moroccan يوليوز،
//! Mauritanian شتمبر — Hijri months, weekdays, day periods, relative words);
//! the rules are code (`grammar.rs`), each looking at a bounded window, so
//! recognition runs in linear time. Values are computed separately
//! (`value.rs`) from the meaning the grammar found, so a new reference date
//! only needs [`renormalize`].
//!
//! ## Span convention
//!
//! TIMEX3-like: a span is the temporal expression itself —
//!
//! * **without** a leading preposition or conjunction, whether a separate
//!   word or a clitic: «في فبراير 2022» → «فبراير 2022», «وأمس» → «أمس»,
//!   «منذ عام 2022» → «عام 2022», «خلال الأشهر الستة الماضية» → «الأشهر
//!   الستة الماضية», «بتاريخ 5/8/2008» → «تاريخ 5/8/2008»;
//! * **with** its trigger noun («عام 2022», «سنة 2022م», «يوم الجمعة»,
//!   «تاريخ …», «شهر رمضان»), its era («1348 هـ», «1907 ميلادي»), a second
//!   name of the same month («أيار/مايو», «شباط (فبراير)»), a weekday stated
//!   with it («أمس الجمعة», «أمس (الثلاثاء)»), and parentheses that open
//!   inside it («عام ( 1933 )»); a bare parenthesised year is the year alone;
//! * **with** the word that makes it an offset from the reference date,
//!   because the value depends on it, as TIMEX3 keeps «ago»: «قبل يومين»،
//!   «منذ يومين», «بعد أسبوعين», «two days ago»;
//! * **with** the words that make a range one expression: «من 10 إلى 15
//!   مايو», «بين عامي 2014 و2022».
//!
//! Never inside a word: matching is on whole tokens (or a number glued to a
//! clitic or an era letter: «و2022», «2022م»), so the month «آب» is not
//! found in «الأبواب».
//!
//! ## Types and values
//!
//! | expression | type | value |
//! |---|---|---|
//! | فبراير 2022، عام 2014، ربيع 2022، الربع الأول من 2025 | DATE | `2022-02`, `2014`, `2022-SP`, `2025-Q1` |
//! | اليوم، أمس الجمعة، الجمعة الماضية، قبل يومين، منذ يومين | DATE | a day against the reference date |
//! | الأسبوع الماضي، الشهر المقبل، العام الحالي | DATE | `2025-W19`, `2025-06`, `2025` |
//! | التسعينيات، القرن العشرين | DATE | `199`, `19` |
//! | الآن، حاليًا | DATE | `PRESENT_REF` |
//! | من 10 إلى 15 مايو 2025 | DATE | `2025-05-10/2025-05-15` (ISO 8601 interval) |
//! | رمضان 1446 | DATE | its Gregorian days as an interval |
//! | الليلة الماضية، صباح اليوم، الساعة الثالثة عصرًا | TIME | `2025-05-16TNI`, `2025-05-17TMO`, `2025-05-17T15:00` |
//! | يومين، ثلاثة أيام، الأشهر الستة الماضية | DURATION | `P2D`, `P3D`, `P6M` |
//! | يوميًا، كل أسبوع، كل يوم جمعة | SET | `P1D`, `P1W`, `XXXX-WXX-5` |
//!
//! «قبل يومين» and «منذ يومين» ("two days ago") are DATEs: they name a day.
//! A bare amount («يومين», «لمدة يومين», «خلال 45 يومًا») is a DURATION, and
//! so is an offset from an event («بعد يوم من المحادثات»). Periods with a
//! start, middle or end («مطلع 2022») keep the value of the period and set
//! [`Timex::modifier`] (`START`, `MID`, `END`).
//!
//! Weekdays, months and days written without a year are placed against the
//! reference date: «الماضي/الماضية» (last) and «المقبل/القادم» (next) decide
//! when present, else the tense (a future cue nearby — «سوف»، «سيعقد»،
//! «من المقرر», "will" — looks forward, otherwise the most recent one); a day
//! and month take the nearest year. A weekday the text states with a
//! relative day that contradicts the reference date («أمس (الثلاثاء)» in a
//! text dated on a Saturday) is trusted: the day becomes that Tuesday, a
//! note says so, and the following relative expressions are counted from the
//! day the text was evidently written.
//!
//! Impossible dates («31 فبراير 2025», «30 رمضان 1446») are recognised with
//! the value of their month and a [`Timex::note`]; nothing panics.

use std::ops::Range;

use crate::analysis::EntityType;
use crate::date::CivilDate;
use crate::normalize::Normalized;
use crate::token::Token;

mod describe;
mod grammar;
pub mod hijri;
mod lex;
mod value;

#[cfg(test)]
mod cldr_roundtrip;
#[cfg(test)]
mod tests;

pub use describe::{describe, describe_value};

/// The meaning of a temporal expression, independent of any reference date
/// (what [`renormalize`] resolves again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr(value::Sem);

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
    /// TIMEX3 `mod`: `START`, `MID` or `END` («مطلع 2022»).
    pub modifier: Option<&'static str>,
    /// What the expression says, for re-normalising against another
    /// reference date.
    pub expr: Expr,
}

/// Finds temporal expressions and normalises them against `reference`.
///
/// Linear in the number of tokens. Spans follow the module's convention.
pub fn find(norm: &Normalized, tokens: &[Token], reference: Option<CivilDate>) -> Vec<Timex> {
    let vocab = lex::Vocab::bundled();
    let tks = lex::tks(norm, tokens, vocab);
    let terms = lex::terms(&tks, vocab);
    let month_first = month_first(&tks);
    let g = grammar::G {
        tks: &tks,
        terms: &terms,
        vocab,
        month_first: &month_first,
        dummy: lex::Tk::dummy(norm.as_str().len()),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tks.len() {
        match g.best_at(i) {
            Some(c) => {
                let start = if c.start_ba {
                    tks[c.start].span.start - 'ب'.len_utf8()
                } else {
                    tks[c.start].span.start
                };
                let span = start..tks[c.end - 1].span.end;
                out.push(Timex {
                    norm: span,
                    kind: c.kind,
                    value: None,
                    note: None,
                    modifier: None,
                    expr: Expr(c.sem),
                });
                i = c.end;
            }
            None => i += 1,
        }
    }
    renormalize(&mut out, reference);
    out
}

/// Recomputes the values of `timexes` against another reference date,
/// without reading the text again (microseconds for an article).
pub fn renormalize(timexes: &mut [Timex], reference: Option<CivilDate>) {
    let mut anchor = reference;
    for t in timexes {
        let r = value::resolve(&t.expr.0, anchor);
        t.value = r.value.map(|v| v.timex());
        t.note = r.note;
        t.modifier = r.modifier;
        if r.reanchor.is_some() {
            anchor = r.reanchor;
        }
    }
}

/// For each grammar token: whether numeric dates around it read month
/// first (US English), decided by the script of the nearby words.
fn month_first(tks: &[lex::Tk]) -> Vec<bool> {
    // Prefix counts of Latin and Arabic words for a ±8 window.
    let mut lat = vec![0u32; tks.len() + 1];
    let mut ara = vec![0u32; tks.len() + 1];
    for (k, t) in tks.iter().enumerate() {
        let is_word = t.kind == lex::TkKind::Word;
        lat[k + 1] = lat[k] + u32::from(is_word && t.latin);
        ara[k + 1] = ara[k]
            + u32::from(
                is_word
                    && !t.latin
                    && t.key
                        .chars()
                        .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
            );
    }
    (0..tks.len())
        .map(|k| {
            let lo = k.saturating_sub(8);
            let hi = (k + 9).min(tks.len());
            lat[hi] - lat[lo] > ara[hi] - ara[lo]
        })
        .collect()
}
