//! Fuzzing entry points for `hamish_core::formats`, shared by the libFuzzer
//! targets in `fuzz/fuzz_targets/` and by the proptest suite
//! `crates/hamish-core/tests/formats_fuzz.rs` (which includes this file
//! with `#[path]`), so that the same checks run on the stable toolchain.
//!
//! Every entry point panics (= a finding) when an invariant is broken, and
//! only then.

use hamish_core::formats::{export, import, Format, ImportResult, OrphanReason, Record, Status};
use hamish_core::{EntityType, Link, Source};

/// The seed article: the text a file is imported onto when the input does
/// not bring its own.
pub const SEED: &str = include_str!("../../www/kremlin-talks.ar.txt");

/// Splits a fuzz input into (text, file): `text NUL file` when the input
/// has a NUL byte, else the seed article and the whole input.
pub fn split(bytes: &[u8]) -> (String, String) {
    match bytes.iter().position(|&b| b == 0) {
        Some(i) => (
            String::from_utf8_lossy(&bytes[..i]).into_owned(),
            String::from_utf8_lossy(&bytes[i + 1..]).into_owned(),
        ),
        None => (SEED.to_owned(), String::from_utf8_lossy(bytes).into_owned()),
    }
}

/// Imports the input in `format`: must not panic; an error must say
/// something; a result must satisfy [`check_result`] and survive a Hamish
/// JSON round trip unchanged.
pub fn check_import(format: Format, bytes: &[u8]) {
    let (text, data) = split(bytes);
    match import(format, &data, &text) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(r) => {
            check_result(&text, &r);
            let again = export(Format::HamishJson, &text, &r.placed)
                .expect("placed records are always exportable");
            let back = import(Format::HamishJson, &again, &text).expect("own export imports");
            assert_eq!(back.placed, r.placed, "Hamish JSON round trip of an import");
            assert!(back.orphaned.is_empty() && back.relocated.is_empty());
        }
    }
}

/// The invariants of every [`ImportResult`] on `text`.
pub fn check_result(text: &str, r: &ImportResult) {
    let mut last_end = 0;
    for (i, p) in r.placed.iter().enumerate() {
        assert!(
            p.start < p.end,
            "placed[{i}] is empty: {}..{}",
            p.start,
            p.end
        );
        assert!(p.end <= text.len(), "placed[{i}] ends past the text");
        assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        assert!(
            p.start >= last_end,
            "placed[{i}] overlaps or is out of order"
        );
        assert!(p.confidence.is_finite() && (0.0..=1.0).contains(&p.confidence));
        last_end = p.end;
    }
    assert!(r.relocated.windows(2).all(|w| w[0] < w[1]));
    assert!(r.relocated.iter().all(|&i| i < r.placed.len()));
    for o in &r.orphaned {
        assert_eq!((o.record.start, o.record.end), (0, 0));
        if let OrphanReason::Overlaps { placed } = o.reason {
            assert!(placed < r.placed.len());
        }
        assert!(!o.reason.to_string().is_empty());
    }
}

/// Builds non-overlapping records on a text from the input and checks that
/// each format brings them back.
pub fn check_roundtrip(bytes: &[u8]) {
    let (text, rest) = match bytes.iter().position(|&b| b == 0) {
        Some(i) => (
            String::from_utf8_lossy(&bytes[..i]).into_owned(),
            &bytes[i + 1..],
        ),
        None => (String::from_utf8_lossy(bytes).into_owned(), bytes),
    };
    let records = records_from(&text, rest);
    for format in Format::ALL {
        let out = match export(format, &text, &records) {
            Ok(out) => out,
            // BIO cannot write a span over whitespace only; brat one over
            // line breaks only.
            Err(e) if matches!(format, Format::Conll | Format::Brat) => {
                assert!(e.field().is_some(), "{e}");
                continue;
            }
            Err(e) => panic!("{format} export failed: {e}"),
        };
        let r = import(format, &out, &text)
            .unwrap_or_else(|e| panic!("{format} cannot read its own export: {e}\n{out}"));
        check_result(&text, &r);
        match format {
            Format::HamishJson => {
                assert_eq!(r.placed, records, "Hamish JSON is lossless");
                assert!(r.orphaned.is_empty() && r.relocated.is_empty() && r.warnings.is_empty());
            }
            Format::W3c => {
                assert_eq!(r.placed.len(), records.len());
                for (a, b) in r.placed.iter().zip(&records) {
                    let mut a = a.clone();
                    a.id = b.id.clone();
                    assert_eq!(&a, b, "W3C keeps all but generated ids");
                }
                assert!(r.orphaned.is_empty() && r.relocated.is_empty());
            }
            Format::Brat => {
                assert_eq!(r.placed.len(), records.len());
                for (a, b) in r.placed.iter().zip(&records) {
                    assert_eq!(a.kind, b.kind);
                    let span = &text[b.range()];
                    if !span.starts_with(['\n', '\r']) && !span.ends_with(['\n', '\r']) {
                        assert_eq!(a.range(), b.range(), "brat span of {span:?}");
                    } else {
                        assert!(b.start <= a.start && a.end <= b.end);
                    }
                    if b.kind.is_temporal() {
                        assert_eq!(a.value, b.value);
                    }
                }
            }
            Format::Conll => {
                // Token-aligned: each entity lies within the record it came
                // from, with its type, and no record is lost.
                assert_eq!(r.placed.len(), records.len());
                for (a, b) in r.placed.iter().zip(&records) {
                    assert_eq!(a.kind, b.kind);
                    assert!(b.start <= a.start && a.end <= b.end, "{a:?} outside {b:?}");
                }
            }
        }
    }
}

/// Deterministic, non-overlapping records over the character boundaries of
/// `text`, shaped by `bytes`.
pub fn records_from(text: &str, bytes: &[u8]) -> Vec<Record> {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut out = Vec::new();
    let mut at = 0usize;
    for (n, pair) in bytes.chunks_exact(2).enumerate() {
        let (a, b) = (pair[0] as usize, pair[1] as usize);
        let start = at + a % 4;
        let end = start + 1 + b % 6;
        if end >= bounds.len() {
            break;
        }
        let kind = EntityType::ALL[(a / 4) % 8];
        out.push(Record {
            id: (b % 3 == 0).then(|| format!("r{n}")),
            start: bounds[start],
            end: bounds[end],
            kind,
            value: kind.is_temporal().then(|| format!("2025-0{}", 1 + b % 9)),
            status: if a % 2 == 0 {
                Status::Suggested
            } else {
                Status::Decided
            },
            source: [Source::Model, Source::Lexicon, Source::Rule, Source::Reader][b % 4],
            confidence: b as f32 / 255.0,
            link: (a % 5 == 0).then(|| Link {
                canonical: format!("Entity {a}"),
                id: (b % 2 == 0).then(|| format!("geonames:{}", a * 1000 + b)),
            }),
            note: (a % 7 == 0 && !kind.is_temporal()).then(|| format!("note {b}")),
        });
        at = end;
    }
    out
}

/// `Lexicon::from_image` on arbitrary bytes: never panics; what it accepts
/// matches text without panicking and re-encodes to an image that loads to
/// the same lexicon.
pub fn check_lexicon_image(bytes: &[u8]) {
    use hamish_core::lexicon::Lexicon;
    use hamish_core::normalize::{NormOptions, Normalized};
    let Ok(lex) = Lexicon::from_image(bytes.to_vec()) else {
        return;
    };
    let text = "قال المتحدث باسم الكرملين ديمتري بيسكوف في موسكو وللقاهرة Moscow";
    let norm = Normalized::new(text, NormOptions::default());
    let tokens = hamish_core::token::tokenize(&norm, &lex);
    for m in lex.find(&norm, &tokens) {
        assert!(m.norm.start < m.norm.end && m.norm.end <= norm.as_str().len());
        let _ = lex.entry(m.entry);
    }
    let image = lex.to_image();
    let again = Lexicon::from_image(image.clone()).expect("own image loads");
    assert_eq!(again.to_image(), image);
}
