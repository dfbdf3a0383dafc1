//! Property tests for the span invariants of import after the text has
//! been edited.

mod formats_common;

use formats_common::*;
use hamish_core::formats::{export, import, Format, OrphanReason, Record};
use hamish_core::normalize::{is_invisible_control, NormOptions, Normalized};
use hamish_core::EntityType;
use proptest::prelude::*;

fn norm(s: &str) -> String {
    Normalized::new(s, NormOptions::default())
        .as_str()
        .to_owned()
}

/// Records on every word of `text` (maximal runs without whitespace).
fn word_records(text: &str) -> Vec<Record> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push(Record::new(
                    s,
                    i,
                    EntityType::ALL[out.len() % EntityType::ALL.len()],
                ));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// `PROPTEST_CASES` if set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), ..ProptestConfig::default() })]

    /// Import onto an edited text: placed spans lie on character boundaries,
    /// never overlap, and hold the annotation's text (exactly, or equal
    /// after normalisation); an orphan's quote is truly missing or taken.
    #[test]
    fn reanchoring_places_only_matching_text(
        words in proptest::collection::vec("[ء-ي]{1,4}|[a-c]{1,3}|😀|\u{200f}|[٠-٩]{1,2}", 1..25),
        cut in any::<usize>(), len in 0usize..12,
        insert in "[ء-ي a-c😀\u{64e}]{0,10}",
        f in 0..3usize,
    ) {
        let text = words.join(" ");
        let records = word_records(&text);
        let format = [Format::HamishJson, Format::W3c, Format::Brat][f];
        let file = export(format, &text, &records).unwrap();
        // Edit: replace a char range by `insert`.
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let a = bounds[cut % bounds.len()];
        let b = bounds[(cut % bounds.len() + len).min(bounds.len() - 1)];
        let edited = format!("{}{}{}", &text[..a], insert, &text[b..]);

        let r = import(format, &file, &edited).unwrap();
        let mut last = 0;
        for p in &r.placed {
            prop_assert!(p.start < p.end && p.end <= edited.len());
            prop_assert!(edited.is_char_boundary(p.start) && edited.is_char_boundary(p.end));
            prop_assert!(p.start >= last);
            last = p.end;
            // Its text is one of the records' quotes of the same type.
            let got = &edited[p.range()];
            prop_assert!(
                records.iter().any(|q| q.kind == p.kind
                    && (&text[q.range()] == got || norm(&text[q.range()]) == norm(got))),
                "{got:?} placed but no {:?} record has that text", p.kind
            );
        }
        prop_assert_eq!(r.placed.len() + r.orphaned.len(), records.len());
        for o in &r.orphaned {
            match o.reason {
                OrphanReason::QuoteNotFound => prop_assert!(
                    !edited.contains(&o.quote)
                        && (norm(&o.quote).is_empty() || !norm(&edited).contains(&norm(&o.quote))),
                    "{:?} is in the text", o.quote
                ),
                OrphanReason::AllOccurrencesTaken | OrphanReason::Overlaps { .. } => {}
                OrphanReason::PositionOutOfRange { .. } => prop_assert!(false, "every format here has quotes"),
            }
        }
        // With context (not brat, which has none: a short quote may match
        // at the shifted old position), as many annotations are placed as
        // the edit left untouched.
        let untouched = records.iter().filter(|q| q.end < a || q.start > b).count();
        if format != Format::Brat {
            prop_assert!(r.placed.len() >= untouched, "{} placed, {} untouched", r.placed.len(), untouched);
        }
    }

    /// Unchanged text: every format places everything where it was.
    #[test]
    fn unchanged_text_places_everything_in_place(
        words in proptest::collection::vec("[ء-ي]{1,5}|[A-Za-z]{1,4}|😀👍🏽|e\u{301}|\u{202b}[ء-ي]{2}\u{202c}", 1..20),
        sep in prop::sample::select(vec![" ", "\n", " \r\n", "، ", "\u{200f} "]),
    ) {
        let text = words.join(sep);
        let records = word_records(&text);
        for f in Format::ALL {
            let file = export(f, &text, &records).unwrap();
            let r = import(f, &file, &text).unwrap();
            prop_assert!(r.relocated.is_empty());
            if f != Format::Conll {
                prop_assert_eq!(spans(&r.placed), spans(&records), "{}", f);
                continue;
            }
            // CoNLL spans are token extents: an annotation's invisible
            // controls at either edge are not in any token.
            prop_assert_eq!(r.placed.len(), records.len());
            for (got, want) in r.placed.iter().zip(&records) {
                prop_assert_eq!(got.kind, want.kind);
                prop_assert!(want.start <= got.start && got.end <= want.end);
                let trimmed = format!("{}{}", &text[want.start..got.start], &text[got.end..want.end]);
                prop_assert!(
                    trimmed.chars().all(|c| c.is_whitespace() || is_invisible_control(c)),
                    "{:?} trimmed from {:?}", trimmed, &text[want.range()]
                );
            }
        }
    }
}
