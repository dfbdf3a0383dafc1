//! Re-anchoring: importing onto a text that changed since the export.

mod formats_common;

use formats_common::*;
use hamish_core::formats::{export, import, Format, OrphanReason, Record};
use hamish_core::EntityType;

/// The formats that record positions and quotes.
const POSITIONAL: [Format; 3] = [Format::HamishJson, Format::W3c, Format::Brat];

fn texts(records: &[Record], text: &str) -> Vec<String> {
    records.iter().map(|r| text[r.range()].to_owned()).collect()
}

#[test]
fn edits_after_keep_positions_edits_before_move_them() {
    let records = seed_records();
    let quotes = texts(&records, SEED);
    for f in POSITIONAL {
        let file = export(f, SEED, &records).unwrap();

        // Appended text: every annotation where it was.
        let after = format!("{SEED}\nتحديث: وصل بوتين إلى إسطنبول.");
        let r = import(f, &file, &after).unwrap();
        assert_eq!(spans(&r.placed), spans(&records), "{f}");
        assert!(r.relocated.is_empty() && r.orphaned.is_empty(), "{f}");

        // Prepended text: every annotation moved by the same amount.
        let head = "عاجل 😀: ";
        let before = format!("{head}{SEED}");
        let r = import(f, &file, &before).unwrap();
        assert_eq!(texts(&r.placed, &before), quotes, "{f}");
        for (got, want) in r.placed.iter().zip(&records) {
            assert_eq!(got.start, want.start + head.len(), "{f}");
        }
        assert_eq!(r.relocated.len(), records.len(), "{f}");
        assert!(r.orphaned.is_empty(), "{f}");
        assert!(!r.warnings.is_empty());
    }
}

#[test]
fn edit_inside_an_annotation_orphans_it_and_only_it() {
    let text = "قال فلاديمير بوتين إن زيلينسكي سيزور موسكو.";
    let records = vec![
        record_at(text, "فلاديمير بوتين", 0, EntityType::Per),
        record_at(text, "زيلينسكي", 0, EntityType::Per),
        record_at(text, "موسكو", 0, EntityType::Loc),
    ];
    // The reader's text now spells Zelensky differently.
    let edited = text.replace("زيلينسكي", "زيلنسكي");
    for f in POSITIONAL {
        let r = import(f, &export(f, text, &records).unwrap(), &edited).unwrap();
        assert_eq!(texts(&r.placed, &edited), ["فلاديمير بوتين", "موسكو"], "{f}");
        assert_eq!(r.orphaned.len(), 1, "{f}");
        let o = &r.orphaned[0];
        assert_eq!(o.quote, "زيلينسكي");
        assert_eq!(o.reason, OrphanReason::QuoteNotFound);
        assert_eq!(o.record.kind, EntityType::Per);
        let cp = text[..records[1].start].chars().count();
        assert_eq!(o.old_span, Some(cp..cp + 8));
        assert!(
            o.origin.contains('1') || o.origin.contains('2'),
            "{}",
            o.origin
        );
    }
}

#[test]
fn deleted_quote_is_an_orphan_with_its_context() {
    let text = "التقى بوتين وزيلينسكي في إسطنبول يوم الجمعة.";
    let records = vec![
        record_at(text, "بوتين", 0, EntityType::Per),
        record_at(text, "إسطنبول", 0, EntityType::Loc),
    ];
    let edited = "التقى بوتين وزيلينسكي يوم الجمعة.";
    let file = export(Format::HamishJson, text, &records).unwrap();
    let r = import(Format::HamishJson, &file, edited).unwrap();
    assert_eq!(texts(&r.placed, edited), ["بوتين"]);
    assert_eq!(r.orphaned[0].quote, "إسطنبول");
    assert_eq!(r.orphaned[0].prefix, "التقى بوتين وزيلينسكي في ");
    assert_eq!(r.orphaned[0].suffix, " يوم الجمعة.");
    assert_eq!(
        r.orphaned[0].reason.to_string(),
        "its text no longer occurs in the document"
    );
    assert!(r.warnings.iter().any(|w| w.contains("another version")));
}

#[test]
fn duplicated_quote_is_resolved_by_context_then_nearness() {
    let text = "قال بوتين أمس إن المحادثات مفيدة.";
    let records = vec![record_at(text, "بوتين", 0, EntityType::Per)];
    // A new sentence mentioning بوتين is inserted before: the old one has
    // moved, and a new occurrence sits near its old position.
    let edited = "بوتين غائب. قال بوتين أمس إن المحادثات مفيدة.";
    let want = edited.rfind("بوتين").unwrap();
    for f in [Format::HamishJson, Format::W3c] {
        let r = import(f, &export(f, text, &records).unwrap(), edited).unwrap();
        assert_eq!(r.placed[0].start, want, "{f}: context decides");
        assert_eq!(r.relocated, [0]);
    }
    // brat has no context: the occurrence nearest the old position wins.
    let r = import(
        Format::Brat,
        &export(Format::Brat, text, &records).unwrap(),
        edited,
    )
    .unwrap();
    assert_eq!(r.placed[0].start, edited.find("بوتين").unwrap());

    // Two annotations of the same word keep their own occurrences.
    let text = "بوتين هنا، وبوتين هناك.";
    let records = vec![
        record_at(text, "بوتين", 0, EntityType::Per),
        record_at(text, "بوتين", 1, EntityType::Per),
    ];
    let edited = "خبر: بوتين هنا، وبوتين هناك.";
    for f in POSITIONAL {
        let r = import(f, &export(f, text, &records).unwrap(), edited).unwrap();
        let starts: Vec<usize> = r.placed.iter().map(|r| r.start).collect();
        let want: Vec<usize> = edited.match_indices("بوتين").map(|m| m.0).collect();
        assert_eq!(starts, want, "{f}");
    }
}

#[test]
fn quotes_are_found_after_normalisation_changes() {
    // The file was made on an unvocalised text; the text now has tashkeel,
    // other hamza forms and Arabic-Indic digits.
    let text = "قال بوتين ان اوكرانيا وافقت في 2022.";
    let records = vec![
        record_at(text, "بوتين", 0, EntityType::Per),
        record_at(text, "اوكرانيا", 0, EntityType::Loc),
        record_at(text, "2022", 0, EntityType::Date),
    ];
    let edited = "قال بُوتِينُ إنّ أوكرانيا وافقت في ٢٠٢٢.";
    for f in POSITIONAL {
        let r = import(f, &export(f, text, &records).unwrap(), edited).unwrap();
        assert_eq!(
            texts(&r.placed, edited),
            ["بُوتِينُ", "أوكرانيا", "٢٠٢٢"],
            "{f}"
        );
    }
}

#[test]
fn overlapping_annotations_in_a_file_orphan_the_later_ones() {
    let text = "الرئيس فلاديمير بوتين";
    let file = "T1\tPER 7 21\tفلاديمير بوتين\nT2\tPER 16 21\tبوتين\nT3\tORG 0 6\tالرئيس\n";
    let r = import(Format::Brat, file, text).unwrap();
    assert_eq!(texts(&r.placed, text), ["الرئيس", "فلاديمير بوتين"]);
    assert_eq!(r.orphaned.len(), 1);
    assert_eq!(r.orphaned[0].quote, "بوتين");
    assert_eq!(r.orphaned[0].origin, "line 2");
    // The index is into the sorted `placed`.
    assert_eq!(r.orphaned[0].reason, OrphanReason::Overlaps { placed: 1 });
}

#[test]
fn hundred_times_the_seed_article_reanchors_everything() {
    let big = SEED.repeat(100);
    let one = seed_records();
    let mut records = Vec::new();
    for k in 0..100 {
        for r in &one {
            let mut r = r.clone();
            r.start += k * SEED.len();
            r.end += k * SEED.len();
            records.push(r);
        }
    }
    // A word inserted at the very start shifts every annotation: each must
    // be found again by quote + context, and each copy keeps its own
    // occurrence (the copies' contexts are identical, so nearness decides).
    let head = "تحديث: ";
    let edited = format!("{head}{big}");
    for f in [Format::HamishJson, Format::W3c, Format::Brat] {
        let file = export(f, &big, &records).unwrap();
        let r = import(f, &file, &edited).unwrap();
        assert_eq!(r.placed.len(), records.len(), "{f}");
        for (got, want) in r.placed.iter().zip(&records) {
            assert_eq!(got.start, want.start + head.len(), "{f}");
        }
        assert_eq!(r.relocated.len(), records.len());
    }
    // CoNLL on the unchanged text.
    let file = export(Format::Conll, &big, &records).unwrap();
    let r = import(Format::Conll, &file, &big).unwrap();
    assert_eq!(spans(&r.placed), spans(&records));
}

#[test]
fn position_only_annotations_trust_the_position() {
    let text = "Putin met Zelensky.";
    let file = r#"[{"type":"Annotation","body":{"purpose":"tagging","value":"PER"},
        "target":{"selector":{"type":"TextPositionSelector","start":10,"end":18}}},
        {"type":"Annotation","body":{"purpose":"tagging","value":"PER"},
        "target":{"selector":{"type":"TextPositionSelector","start":40,"end":48}}}]"#;
    let r = import(Format::W3c, file, text).unwrap();
    assert_eq!(texts(&r.placed, text), ["Zelensky"]);
    assert_eq!(
        r.orphaned[0].reason,
        OrphanReason::PositionOutOfRange { text_len: 19 }
    );
    assert_eq!(r.orphaned[0].origin, "[1]");
}
