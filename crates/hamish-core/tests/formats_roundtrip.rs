//! Round trips: export → import on the same text gives back the same
//! annotations, in every format, on the seed article (real analyser output
//! plus reader records) and on text full of emoji, combining marks and bidi
//! controls. Golden files pin the exact output of every format.

mod formats_common;

use formats_common::*;
use hamish_core::formats::{
    export, fingerprint, import, Export, ExportOptions, Format, Record, Status,
};
use hamish_core::offsets::OffsetMap;
use hamish_core::{EntityType, Link};

/// The seed article's analyser suggestions plus reader records in the gaps.
fn seed_mix() -> Vec<Record> {
    let mut records = seed_records();
    assert!(records.len() > 20, "the analyser finds the seed's entities");
    // Reader additions where the analyser found nothing, with ids, values,
    // links and notes.
    let mut extra = Vec::new();
    for (needle, kind) in [
        ("صدى البلد", EntityType::Org),
        ("البلاد", EntityType::Org),
        ("الأوكراني", EntityType::Misc),
    ] {
        if let Some((s, _)) = SEED.match_indices(needle).find(|&(s, _)| {
            let e = s + needle.len();
            !records.iter().any(|r| r.start < e && s < r.end)
        }) {
            let mut r = Record::new(s, s + needle.len(), kind);
            r.id = Some(format!("reader-{}", extra.len() + 1));
            r.note = Some("added by the reader".into());
            r.link = Some(Link {
                canonical: needle.into(),
                id: None,
            });
            extra.push(r);
        }
    }
    assert!(!extra.is_empty());
    records.extend(extra);
    records.sort_by_key(|r| (r.start, r.end));
    // Decide some suggestions.
    for r in records.iter_mut().step_by(3) {
        r.status = Status::Decided;
    }
    records
}

fn check_all_formats(text: &str, records: &[Record]) {
    // Hamish JSON: every field, exactly.
    let out = export(Format::HamishJson, text, records).unwrap();
    let r = import(Format::HamishJson, &out, text).unwrap();
    assert_eq!(r.placed, records);
    assert!(r.orphaned.is_empty() && r.relocated.is_empty() && r.warnings.is_empty());

    // W3C: every field; ids that were None come back generated.
    let out = export(Format::W3c, text, records).unwrap();
    let r = import(Format::W3c, &out, text).unwrap();
    assert_eq!(r.placed.len(), records.len());
    for (i, (got, want)) in r.placed.iter().zip(records).enumerate() {
        let mut got = got.clone();
        match &want.id {
            Some(id) => assert_eq!(got.id.as_ref(), Some(id)),
            None => assert_eq!(got.id.take(), Some(format!("ann{}", i + 1))),
        }
        assert_eq!(&got, want);
    }
    assert!(
        r.orphaned.is_empty() && r.warnings.is_empty(),
        "{:?}",
        r.warnings
    );

    // brat: spans, types, TIMEX values, links with an id, notes of
    // non-temporal types.
    let out = export(Format::Brat, text, records).unwrap();
    let r = import(Format::Brat, &out, text).unwrap();
    assert_eq!(spans(&r.placed), spans(records));
    for (got, want) in r.placed.iter().zip(records) {
        if want.kind.is_temporal() {
            assert_eq!(got.value, want.value);
        } else {
            assert_eq!(got.note, want.note);
        }
        if want.link.as_ref().is_some_and(|l| l.id.is_some()) {
            assert_eq!(got.link, want.link);
        }
    }
    assert!(
        r.orphaned.is_empty() && r.warnings.is_empty(),
        "{:?}",
        r.warnings
    );

    // CoNLL: spans and types.
    let out = export(Format::Conll, text, records).unwrap();
    let r = import(Format::Conll, &out, text).unwrap();
    assert_eq!(spans(&r.placed), spans(records));
    assert!(r.orphaned.is_empty() && r.warnings.is_empty());
}

#[test]
fn every_format_round_trips_on_the_seed_article() {
    check_all_formats(SEED, &seed_mix());
}

#[test]
fn every_format_round_trips_on_emoji_combining_marks_and_bidi() {
    check_all_formats(TRICKY, &tricky_records());
}

#[test]
fn empty_documents_round_trip() {
    for f in Format::ALL {
        for text in ["", "بوتين"] {
            let out = export(f, text, &[]).unwrap();
            let r = import(f, &out, text).unwrap();
            assert!(r.placed.is_empty() && r.orphaned.is_empty(), "{f}");
        }
    }
}

#[test]
fn offsets_in_files_are_code_points() {
    let text = TRICKY;
    let records = tricky_records();
    let map = OffsetMap::new(text);
    let cp = |b: usize| map.byte_to_char(b).unwrap();

    // brat: T lines with code-point offsets whose text matches.
    let brat = export(Format::Brat, text, &records).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let t_lines: Vec<&str> = brat.lines().filter(|l| l.starts_with('T')).collect();
    assert_eq!(t_lines.len(), records.len());
    for (line, r) in t_lines.iter().zip(&records) {
        let cols: Vec<&str> = line.split('\t').collect();
        let offs: Vec<usize> = cols[1]
            .split(' ')
            .skip(1)
            .map(|n| n.parse().unwrap())
            .collect();
        assert_eq!(offs, [cp(r.start), cp(r.end)], "{line}");
        let covered: String = chars[offs[0]..offs[1]].iter().collect();
        assert_eq!(covered, cols[2]);
    }

    // W3C: TextPositionSelector in code points, and the collection says so.
    let w3c: serde_json::Value =
        serde_json::from_str(&export(Format::W3c, text, &records).unwrap()).unwrap();
    assert_eq!(w3c["hamish:offsetUnit"], "codepoint");
    assert_eq!(w3c["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    for (a, r) in w3c["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&records)
    {
        let sel = a["target"]["selector"].as_array().unwrap();
        assert_eq!(sel[0]["type"], "TextQuoteSelector");
        assert_eq!(sel[0]["exact"], text[r.range()]);
        assert_eq!(sel[1]["type"], "TextPositionSelector");
        assert_eq!(sel[1]["start"], cp(r.start));
        assert_eq!(sel[1]["end"], cp(r.end));
    }

    // Hamish JSON: the unit, the fingerprint, the text length in code points.
    let h: serde_json::Value =
        serde_json::from_str(&export(Format::HamishJson, text, &records).unwrap()).unwrap();
    assert_eq!(h["offset_unit"], "codepoint");
    assert_eq!(h["text_fingerprint"], fingerprint(text));
    assert_eq!(h["text_length"], map.len_chars());
    assert_eq!(h["annotations"][0]["start"], 0);
    assert_eq!(h["annotations"][0]["end"], "👩‍👩‍👧".chars().count());
}

#[test]
fn hamish_json_keeps_the_text_and_reference_date_when_asked() {
    let records = tricky_records();
    let options = ExportOptions {
        include_text: true,
        reference_date: Some("2025-05-17".parse().unwrap()),
        document_iri: Some("https://example.org/article".into()),
        rejected: Vec::new(),
    };
    let doc = Export {
        text: TRICKY,
        records: &records,
        options: &options,
    };
    let h: serde_json::Value =
        serde_json::from_str(&doc.write(Format::HamishJson).unwrap()).unwrap();
    assert_eq!(h["text"], TRICKY);
    let r = import(
        Format::HamishJson,
        &doc.write(Format::HamishJson).unwrap(),
        TRICKY,
    )
    .unwrap();
    assert_eq!(r.reference_date, options.reference_date);
    let w: serde_json::Value = serde_json::from_str(&doc.write(Format::W3c).unwrap()).unwrap();
    assert_eq!(
        w["first"]["items"][0]["target"]["source"],
        "https://example.org/article"
    );
}

#[test]
fn records_are_written_in_text_order_whatever_their_order() {
    let mut records = tricky_records();
    records.reverse();
    let sorted = tricky_records();
    for f in Format::ALL {
        assert_eq!(
            export(f, TRICKY, &records).unwrap(),
            export(f, TRICKY, &sorted).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn confidences_survive_json_exactly() {
    // f32 → shortest decimal → f64 → f32 must be the identity.
    let text = "x".repeat(2000);
    // Bit patterns spread over every exponent in [0, 1], plus the ends.
    let mut records: Vec<Record> = (0..2000u32)
        .map(|i| {
            let mut r = Record::new(i as usize, i as usize + 1, EntityType::Per);
            r.confidence = f32::from_bits(i.wrapping_mul(2_654_435_761) % 0x3F80_0001);
            r
        })
        .collect();
    records[0].confidence = 0.0;
    records[1].confidence = 1.0;
    records[2].confidence = 0.9;
    records[3].confidence = f32::MIN_POSITIVE;
    for f in [Format::HamishJson, Format::W3c] {
        let r = import(f, &export(f, &text, &records).unwrap(), &text).unwrap();
        for (a, b) in r.placed.iter().zip(&records) {
            assert_eq!(a.confidence.to_bits(), b.confidence.to_bits(), "{f}");
        }
    }
}

/// Golden files: the exact output of every format for fixed records on
/// [`TRICKY`]. Regenerate with
/// `HAMISH_UPDATE_GOLDEN=1 cargo test -p hamish-core --test formats_roundtrip`.
#[test]
fn golden_exports() {
    let records = tricky_records();
    let options = ExportOptions {
        include_text: true,
        reference_date: Some("2025-05-17".parse().unwrap()),
        document_iri: None,
        rejected: Vec::new(),
    };
    let doc = Export {
        text: TRICKY,
        records: &records,
        options: &options,
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/formats");
    let update = std::env::var_os("HAMISH_UPDATE_GOLDEN").is_some();
    for f in Format::ALL {
        let got = doc.write(f).unwrap();
        let path = dir.join(format!("tricky.{}", f.extension()));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            got,
            want,
            "{} differs; if intended, rerun with HAMISH_UPDATE_GOLDEN=1 and review the diff",
            path.display()
        );
        // And the golden file itself imports to the records.
        let r = import(f, &want, TRICKY).unwrap();
        assert_eq!(spans(&r.placed), spans(&records), "{f}");
    }
}
