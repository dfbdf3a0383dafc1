//! Hostile and invalid files: every one gets an error naming what is wrong
//! (line or field), or a result that places nothing wrongly — never a
//! panic, never a partial import.

mod formats_common;

use formats_common::*;
use hamish_core::formats::{export, import, Format, OrphanReason};

/// Runs an import that must fail and returns its message.
fn fails(format: Format, data: &str, text: &str) -> String {
    match import(format, data, text) {
        Err(e) => e.to_string(),
        Ok(r) => panic!(
            "{format} accepted {:?}: {r:?}",
            &data[..data.len().min(200)]
        ),
    }
}

#[test]
fn truncated_files_fail_or_import_a_consistent_prefix() {
    let records = tricky_records();
    for f in Format::ALL {
        let file = export(f, TRICKY, &records).unwrap();
        let cuts: Vec<usize> = file.char_indices().map(|(i, _)| i).step_by(7).collect();
        for cut in cuts {
            let part = &file[..cut];
            match import(f, part, TRICKY) {
                Err(e) => {
                    let msg = e.to_string();
                    if matches!(f, Format::HamishJson | Format::W3c) {
                        assert!(
                            msg.contains("truncated")
                                || msg.contains("line ")
                                || msg.contains(": "),
                            "{msg}"
                        );
                    }
                    assert!(
                        e.line().is_some() || e.field().is_some() || cut < 3,
                        "{msg}"
                    );
                }
                Ok(r) => {
                    // JSON never parses truncated (only the final newline may
                    // go); line formats may stop at a line boundary and then
                    // must give a prefix of the records.
                    assert!(
                        matches!(f, Format::Conll | Format::Brat) || part == file.trim_end(),
                        "{f} cut at {cut}"
                    );
                    for p in &r.placed {
                        assert!(records.iter().any(|q| q.start <= p.start && p.end <= q.end));
                    }
                }
            }
        }
    }
}

#[test]
fn json_wrong_types_name_the_field_path() {
    let cases: &[(Format, &str, &str)] = &[
        (
            Format::W3c,
            r#"{"type":"AnnotationPage","items":[{"type":"Annotation","body":{"purpose":"tagging","value":"PER"},"target":{"source":"x"}}]}"#,
            "w3c: items[0].target.selector: missing TextQuoteSelector or TextPositionSelector",
        ),
        (
            Format::W3c,
            r#"[{"body":{"purpose":"tagging","value":"PER"},"target":{"selector":[{"type":"XPathSelector","value":"/p[1]"}]}}]"#,
            "w3c: [0].target.selector: missing TextQuoteSelector or TextPositionSelector (found XPathSelector)",
        ),
        (
            Format::W3c,
            r#"[{"body":{"purpose":"tagging","value":"PER"},"target":{"selector":{"type":"TextPositionSelector","start":-4,"end":2}}}]"#,
            "w3c: [0].target.selector.start: must not be negative, found -4",
        ),
        (
            Format::W3c,
            r#"[{"body":{"purpose":"tagging","value":"PER"},"target":{"selector":{"type":"TextPositionSelector","start":9,"end":2}}}]"#,
            "w3c: [0].target.selector.end: 2 is not after start 9",
        ),
        (
            Format::W3c,
            r#"[{"body":{"purpose":"tagging","value":"PER"},"target":{"selector":{"type":"TextQuoteSelector","exact":7}}}]"#,
            "w3c: [0].target.selector.exact: expected a string, found the number 7",
        ),
        (
            Format::W3c,
            r#"[{"body":[{"purpose":"tagging","value":"Attack"}],"target":{"selector":{"type":"TextQuoteSelector","exact":"x"}}}]"#,
            "w3c: [0].body: no tagging body names an entity type; found tag(s) \"Attack\" (expected one of PER, ORG, LOC, MISC, DATE, TIME, DURATION, SET (or Person, Organization, Location, Place, GPE, Event))",
        ),
        (
            Format::W3c,
            r#"[{"type":"Highlight","target":"x"}]"#,
            "w3c: [0].type: expected \"Annotation\", found \"Highlight\"",
        ),
        (
            Format::W3c,
            r#"{"type":"AnnotationCollection","total":3,"first":"https://example.org/page1"}"#,
            "w3c: first: the page is a link (\"https://example.org/page1\"), not embedded in the file; Hamish does not fetch pages: save the collection with its pages embedded",
        ),
        (
            Format::W3c,
            r#"[{"body":{"purpose":"tagging","value":"PER"},"target":"https://example.org/doc"}]"#,
            "w3c: [0].target: is only a link (\"https://example.org/doc\"); a TextQuoteSelector or TextPositionSelector is needed to find the annotated text",
        ),
        (
            Format::W3c,
            r#"{"hello":"world"}"#,
            "w3c: expected an AnnotationCollection, an AnnotationPage, an Annotation or an array of annotations (no `type` says which)",
        ),
        (Format::W3c, "42", "w3c: expected an annotation collection, page or array at the top level, found the number 42"),
        (
            Format::W3c,
            r#"[{"body":{"purpose":"tagging","value":"PER"},"target":{"selector":{"type":"TextQuoteSelector","exact":"x"}},"hamish:confidence":"high"}]"#,
            "w3c: [0].hamish:confidence: expected a number, found the string \"high\"",
        ),
        (
            Format::HamishJson,
            r#"{"format":"hamish","version":1,"annotations":[{"start":0,"end":3,"type":"PER"},{"start":1,"end":true,"type":"PER"}]}"#,
            "hamish: annotations[1].end: expected a non-negative whole number, found the boolean true",
        ),
    ];
    for (f, data, want) in cases {
        assert_eq!(&fails(*f, data, "Putin met Zelensky"), want);
    }
}

#[test]
fn offsets_out_of_range_or_past_the_end_are_searched_or_orphaned() {
    // A brat file whose offsets lie past the end of the (shorter) text: the
    // quote decides.
    let text = "Putin met Zelensky.";
    let r = import(
        Format::Brat,
        "T1\tPER 500 505\tPutin\nT2\tPER 900 905\tBiden\n",
        text,
    )
    .unwrap();
    assert_eq!(&text[r.placed[0].range()], "Putin");
    assert_eq!(r.relocated, [0]);
    assert_eq!(r.orphaned[0].quote, "Biden");
    assert_eq!(r.orphaned[0].reason, OrphanReason::QuoteNotFound);
    // UTF-16 offsets between the halves of a surrogate pair are not a
    // boundary: the quote is searched instead.
    let text = "😀 Putin";
    let file = r#"{"format":"hamish","version":1,"offset_unit":"utf16","annotations":[
        {"start":1,"end":4,"quote":"Putin","type":"PER"},
        {"start":3,"end":8,"quote":"Putin","type":"PER"}]}"#;
    let r = import(Format::HamishJson, file, text).unwrap();
    assert_eq!(r.placed.len(), 1);
    assert_eq!(&text[r.placed[0].range()], "Putin");
    // The second, exact, claimed it first; the first finds it taken.
    assert_eq!(r.orphaned[0].reason, OrphanReason::AllOccurrencesTaken);
    assert_eq!(r.orphaned[0].origin, "annotations[0]");
}

#[test]
fn mismatched_brat_text_column() {
    // Length disagrees with the offsets: the line contradicts itself.
    assert_eq!(
        fails(Format::Brat, "T1\tPER 0 5\tPutin Vladimirovich\n", "Putin met Zelensky"),
        "brat: line 1: the text column \"Putin Vladimirovich\" has 19 characters but the offsets cover 5"
    );
    // Same length, other text, found nowhere: an orphan, not a misplacement.
    let r = import(Format::Brat, "T1\tPER 0 5\tBiden\n", "Putin met Zelensky").unwrap();
    assert!(r.placed.is_empty());
    assert_eq!(r.orphaned[0].quote, "Biden");
    // Offsets counted in UTF-16 by some other tool: the emoji shifts them by
    // one, the quote no longer matches there, and search puts it right.
    let text = "😀 بوتين";
    let r = import(Format::Brat, "T1\tPER 3 8\tبوتين\n", text).unwrap();
    assert_eq!(&text[r.placed[0].range()], "بوتين");
    assert_eq!(r.relocated, [0]);
}

#[test]
fn ten_megabytes_of_garbage() {
    // Deterministic pseudo-random bytes (xorshift), decoded lossily.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..10 * 1024 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u8
        })
        .collect();
    let garbage = String::from_utf8_lossy(&bytes);
    for f in Format::ALL {
        let e = import(f, &garbage, SEED).unwrap_err();
        assert!(e.line().is_some(), "{f}: {e}");
    }
    // Garbage that looks like the format, repeated: fails on its first bad
    // line, quickly.
    let lines = "T1\tPER 0 5\tPutin\n".repeat(600_000);
    assert_eq!(
        fails(Format::Brat, &lines, "Putin"),
        "brat: line 2: T1 is defined twice (first on line 1)"
    );
    let conll = "x\tO\n".repeat(2_000_000);
    assert!(fails(Format::Conll, &conll, SEED).starts_with("conll: line 1: token \"x\""));
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(fails(Format::W3c, &deep, SEED).contains("recursion limit exceeded"));
    assert!(fails(Format::HamishJson, &deep, SEED).contains("recursion limit exceeded"));
}

#[test]
fn nul_bytes_and_control_characters() {
    let with_nul = "{\"format\":\"hamish\",\u{0}\"version\":1}";
    assert!(fails(Format::HamishJson, with_nul, SEED).starts_with("hamish: line 1, column 20"));
    assert!(fails(Format::W3c, "\u{0}\u{0}\u{0}", SEED).starts_with("w3c: line 1, column 1"));
    assert!(fails(Format::Brat, "\u{0}T1\tPER 0 5\tPutin", SEED).starts_with("brat: line 1"));
    // A NUL inside a brat text column is just a character the text lacks.
    let r = import(Format::Brat, "T1\tPER 0 5\tPu\u{0}in\n", "Putin").unwrap();
    assert_eq!(r.orphaned.len(), 1);
    // Escaped NULs in JSON strings are valid JSON; the quote is not found.
    let file = r#"{"format":"hamish","version":1,"annotations":[{"start":0,"end":3,"quote":"a\u0000b","type":"PER"}]}"#;
    let r = import(Format::HamishJson, file, "abc").unwrap();
    assert_eq!(r.orphaned[0].reason, OrphanReason::QuoteNotFound);
}

#[test]
fn an_error_anywhere_rejects_the_whole_file() {
    // Nine good annotations and one bad one: nothing is returned.
    let records = tricky_records();
    for f in [Format::HamishJson, Format::Brat] {
        let mut file = export(f, TRICKY, &records).unwrap();
        match f {
            Format::Brat => file.push_str("T99\tPER 5 x\tbad\n"),
            _ => file = file.replace("\"type\":\"LOC\"", "\"type\":\"PLANET\""),
        }
        let e = import(f, &file, TRICKY).unwrap_err();
        assert!(e.line().is_some() || e.field().is_some(), "{e}");
    }
}

#[test]
fn a_wrong_format_choice_says_so() {
    let records = tricky_records();
    let brat = export(Format::Brat, TRICKY, &records).unwrap();
    let hamish = export(Format::HamishJson, TRICKY, &records).unwrap();
    let w3c = export(Format::W3c, TRICKY, &records).unwrap();
    assert!(fails(Format::HamishJson, &brat, TRICKY)
        .starts_with("hamish: line 1, column 1: invalid JSON"));
    assert_eq!(
        fails(Format::HamishJson, &w3c, TRICKY),
        "hamish: format: missing (expected a string)"
    );
    assert!(
        fails(Format::W3c, &hamish, TRICKY).starts_with("w3c: expected an AnnotationCollection")
    );
    assert!(fails(Format::Brat, &hamish, TRICKY).starts_with("brat: line 1: expected `T<n>"));
    assert!(fails(Format::Conll, &brat, TRICKY).starts_with("conll: line 1: unknown"));
    for (data, f) in [
        (&brat, Format::Brat),
        (&hamish, Format::HamishJson),
        (&w3c, Format::W3c),
    ] {
        assert_eq!(Format::sniff(data), f);
    }
}
