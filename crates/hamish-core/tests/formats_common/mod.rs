//! Shared fixtures for the `formats_*` integration tests.
#![allow(dead_code)]

use hamish_core::formats::{Record, Status};
use hamish_core::{analyze, EntityType, Lang, Link, Options, Source};

/// The seed article.
pub const SEED: &str = include_str!("../../../../www/kremlin-talks.ar.txt");

/// Emoji (with ZWJ sequences and skin tones), combining marks (Latin and
/// Arabic tashkeel), bidi controls (RLE/PDF, isolates, RLM) and line breaks:
/// every place where bytes, code points and UTF-16 units differ.
pub const TRICKY: &str = "👩‍👩‍👧 قال \u{202B}بُوتِينُ\u{202C} إنّ 👍🏽 café \
    (cafe\u{301}) و\u{2067}زيلينسكي\u{2069} يلتقيان في ١٧ مايو ٢٠٢٥.\r\n\
    \u{200F}New York\u{200F} 😀😀 «موسكو»\n\nالجمعة 🇷🇺";

/// The annotations the analyser finds on the seed article, as suggestions.
pub fn seed_records() -> Vec<Record> {
    let options = Options {
        lang: Lang::Ar,
        reference_date: Some("2025-05-17".parse().unwrap()),
    };
    analyze(SEED, &options)
        .annotations
        .iter()
        .map(|a| Record::from_annotation(a, Status::Suggested))
        .collect()
}

/// A reader's record over the `nth` occurrence of `needle` in `text`.
pub fn record_at(text: &str, needle: &str, nth: usize, kind: EntityType) -> Record {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} occurs fewer than {} times", nth + 1))
        .0;
    Record::new(start, start + needle.len(), kind)
}

/// Records on [`TRICKY`] with every field set somewhere.
pub fn tricky_records() -> Vec<Record> {
    let t = TRICKY;
    let mut family = record_at(t, "👩‍👩‍👧", 0, EntityType::Misc);
    family.note = Some("a family emoji: 5 code points, 8 UTF-16 units".into());
    family.id = Some("fam".into());
    let mut putin = record_at(t, "بُوتِينُ", 0, EntityType::Per);
    putin.link = Some(Link {
        canonical: "Vladimir Putin".into(),
        id: Some("wikidata:Q7747".into()),
    });
    putin.status = Status::Suggested;
    putin.source = Source::Lexicon;
    putin.confidence = 0.9;
    let thumbs = record_at(t, "👍🏽", 0, EntityType::Misc);
    let cafe = record_at(t, "cafe\u{301}", 0, EntityType::Loc);
    // Inside the isolate, after the conjunction و.
    let zel = record_at(t, "زيلينسكي", 0, EntityType::Per);
    let mut date = record_at(t, "١٧ مايو ٢٠٢٥", 0, EntityType::Date);
    date.value = Some("2025-05-17".into());
    date.source = Source::Rule;
    date.confidence = 0.95;
    date.status = Status::Suggested;
    let ny = record_at(t, "New York", 0, EntityType::Loc);
    let moscow = record_at(t, "موسكو", 0, EntityType::Loc);
    let mut friday = record_at(t, "الجمعة", 0, EntityType::Date);
    friday.value = Some("2025-05-16".into());
    friday.note = Some("relative to 2025-05-17".into());
    let flag = record_at(t, "🇷🇺", 0, EntityType::Loc);
    vec![
        family, putin, thumbs, cafe, zel, date, ny, moscow, friday, flag,
    ]
}

/// Spans and types, for comparing lossy formats.
pub fn spans(records: &[Record]) -> Vec<(usize, usize, EntityType)> {
    records.iter().map(|r| (r.start, r.end, r.kind)).collect()
}
