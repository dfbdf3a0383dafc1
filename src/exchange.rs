//! Export and import of the reader's annotations through the core's
//! formats (Hamish JSON, W3C Web Annotation, CoNLL BIO, brat standoff).
//!
//! Pure: the widget and the JavaScript API call these, and the tests call
//! them natively.

use hamish_core::formats::{self, Export, ExportOptions, Format, Record};

use crate::state::{OrphanItem, Rejected, Restored, State};

/// The annotation layer as format-neutral records (UTF-8 byte offsets).
pub fn records(state: &State) -> Vec<Record> {
    state
        .anns
        .iter()
        .map(|a| Record {
            id: Some(format!("a{}", a.id)),
            start: a.start,
            end: a.end,
            kind: a.kind,
            value: a.value.clone(),
            status: a.status,
            source: a.source,
            confidence: a.confidence,
            link: a.link.clone(),
            note: a.note.clone(),
        })
        .collect()
}

/// Writes the layer in `format` (the text is included in Hamish JSON, so
/// that the file is complete).
pub fn export(state: &State, format: Format) -> Result<String, String> {
    let doc = state.doc.as_ref().ok_or("no text is loaded")?;
    let records = records(state);
    let options = ExportOptions {
        include_text: format == Format::HamishJson,
        reference_date: state.reference_date,
        document_iri: None,
        // The reader's rejections travel with the file (Hamish JSON), so
        // that a new analysis after an import does not suggest them again.
        rejected: state
            .rejected
            .iter()
            .map(|r| (r.start, r.end, r.kind))
            .collect(),
    };
    Export {
        text: &doc.text,
        records: &records,
        options: &options,
    }
    .write(format)
    .map_err(|e| {
        // Name the annotation at fault as the reader sees it, not only by
        // its index («records[2]»).
        let which = e
            .field()
            .and_then(|f| f.strip_prefix("records["))
            .and_then(|f| f.split(']').next())
            .and_then(|k| k.parse::<usize>().ok())
            .and_then(|k| records.get(k));
        match which {
            Some(r) => format!(
                "{e} (the {} annotation «{}» at character {})",
                r.kind.code(),
                doc.text[r.start..r.end].trim(),
                doc.text[..r.start].chars().count()
            ),
            None => e.to_string(),
        }
    })
}

/// What an import gives the widget.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// Annotations placed on the current text.
    pub placed: Vec<Restored>,
    /// Annotations that could not be placed, for the reader.
    pub orphans: Vec<OrphanItem>,
    /// How many placed annotations moved because the text changed.
    pub relocated: usize,
    /// Remarks worth showing.
    pub warnings: Vec<String>,
    /// The suggestions the file says the reader rejected (Hamish JSON),
    /// kept out of the layer after the import as they were before.
    pub rejected: Vec<Rejected>,
}

/// Reads `data` in `format` (or the format its name or contents suggest)
/// against the current text. An invalid file is an error naming the line or
/// field; nothing is applied then.
pub fn import(
    state: &State,
    data: &str,
    format: Option<Format>,
    file_name: Option<&str>,
) -> Result<Imported, String> {
    let doc = state.doc.as_ref().ok_or("no text is loaded")?;
    // An empty file says nothing about the annotations: it must not
    // replace them with none (whatever format its name suggests).
    if data.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err("the file is empty; nothing was changed".into());
    }
    let format = format
        .or_else(|| file_name.and_then(Format::from_file_name))
        .unwrap_or_else(|| Format::sniff(data));
    let r = formats::import(format, data, &doc.text).map_err(|e| e.to_string())?;
    let mut placed = r.placed;
    // CoNLL has no place for a date's value: give imported dates the value
    // the temporal grammar reads in their text, as for a date the reader
    // adds. (Formats that carry values keep what the file says, a missing
    // one included.)
    if format == Format::Conll {
        for p in placed.iter_mut().filter(|p| p.value.is_none()) {
            p.value = state.guess_value(p.start, p.end, p.kind);
        }
    }
    let orphans = r
        .orphaned
        .into_iter()
        .map(|o| OrphanItem {
            kind: o.record.kind,
            value: o.record.value,
            status: o.record.status,
            link: o.record.link,
            note: o.record.note,
            quote: o.quote,
            reason: format!("{} ({})", o.reason, o.origin),
        })
        .collect();
    let rejected = r
        .rejected
        .into_iter()
        .map(|x| Rejected {
            start: x.start,
            end: x.end,
            kind: x.kind,
            bulk: false,
        })
        .collect();
    Ok(Imported {
        placed,
        orphans,
        relocated: r.relocated.len(),
        warnings: r.warnings,
        rejected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::test_support::{analysed as ready, id_of};
    use crate::state::Action;

    fn spans(s: &State) -> Vec<(usize, usize, hamish_core::EntityType)> {
        s.anns.iter().map(|a| (a.start, a.end, a.kind)).collect()
    }

    #[test]
    fn rejections_travel_with_a_hamish_json_file() {
        let text = "بوتين في موسكو وكييف";
        let s = ready(text);
        let kyiv = id_of(&s, "كييف");
        let s = s.apply(Action::Reject(kyiv));
        let data = export(&s, Format::HamishJson).unwrap();
        assert!(data.contains("\"rejected\":["), "{data}");
        // Imported into a fresh widget on the same text: the rejection comes
        // along, and a new analysis keeps «كييف» out.
        let fresh = ready(text);
        let imp = import(&fresh, &data, Some(Format::HamishJson), None).unwrap();
        assert_eq!(imp.rejected.len(), 1);
        let s2 = fresh.apply(Action::Imported(imp)).apply(Action::Analysed {
            annotations: hamish_core::analyze(text, &Default::default()).annotations,
            warnings: vec![],
            elapsed_ms: 0.0,
        });
        assert!(!s2.anns.iter().any(|a| &text[a.start..a.end] == "كييف"));
        assert_eq!(spans(&s2), spans(&s));
        // Other formats have no place for them.
        let conll = export(&s, Format::Conll).unwrap();
        assert!(import(&fresh, &conll, Some(Format::Conll), None)
            .unwrap()
            .rejected
            .is_empty());
    }

    #[test]
    fn an_empty_file_changes_nothing() {
        let s = ready("بوتين في موسكو");
        for (data, name) in [
            ("", Some("x.ann")),
            ("  \n", Some("x.json")),
            ("\u{feff}", None),
        ] {
            let e = import(&s, data, None, name).unwrap_err();
            assert!(e.contains("empty"), "{e}");
        }
    }

    #[test]
    fn dates_imported_from_conll_get_their_values() {
        let text = "وصل بوتين أمس الجمعة إلى موسكو";
        let s = ready(text).apply(Action::SetReferenceDate(Some(
            "2025-05-17".parse().unwrap(),
        )));
        let conll = export(&s, Format::Conll).unwrap();
        let imp = import(&s, &conll, Some(Format::Conll), None).unwrap();
        let date = imp.placed.iter().find(|p| p.kind.is_temporal()).unwrap();
        assert_eq!(&text[date.start..date.end], "أمس الجمعة");
        assert_eq!(date.value.as_deref(), Some("2025-05-16"));
        assert!(imp
            .placed
            .iter()
            .filter(|p| !p.kind.is_temporal())
            .all(|p| p.value.is_none()));
    }

    #[test]
    fn an_export_error_names_the_annotation_at_fault() {
        // A blank annotation (from an older saved layer or the JS API: the
        // widget itself refuses to make one) has no CoNLL token.
        let text = "😀 بوتين في موسكو";
        let s = ready(text);
        let gap = text.find(" في").unwrap();
        let s = s.apply(Action::Restore {
            annotations: vec![
                Restored::new(gap, gap + 1, hamish_core::EntityType::Misc),
                Restored::new(
                    text.find("موسكو").unwrap(),
                    text.len(),
                    hamish_core::EntityType::Loc,
                ),
            ],
            rejected: vec![],
            reference_date: None,
        });
        let e = export(&s, Format::Conll).unwrap_err();
        assert!(e.starts_with("conll: records[0]: covers no token"), "{e}");
        assert!(
            e.ends_with("(the MISC annotation «» at character 7)"),
            "{e}"
        );
    }

    #[test]
    fn every_format_round_trips_through_the_widget() {
        let text = "😀 بوتين في موسكو وكييف e\u{301}";
        let s = ready(text);
        for f in Format::ALL {
            let data = export(&s, f).unwrap();
            let imp = import(&s, &data, Some(f), None).unwrap();
            let s2 = s.apply(Action::Imported(imp));
            assert_eq!(spans(&s2), spans(&s), "{f}");
        }
    }

    #[test]
    fn orphans_can_be_placed_or_discarded() {
        let s = ready("بوتين في موسكو");
        let data = export(&s, Format::HamishJson).unwrap();
        let edited = ready("بوتين في القاهرة");
        let imp = import(&edited, &data, None, Some("x.hamish.json")).unwrap();
        assert_eq!(imp.placed.len(), 1);
        assert_eq!(imp.orphans.len(), 1);
        assert_eq!(imp.orphans[0].quote, "موسكو");
        let s2 = edited.apply(Action::Imported(imp));
        assert_eq!(s2.orphans.len(), 1);
        // Place it on القاهرة: choose, then select.
        let at = "بوتين في ".len();
        let s3 = s2.apply(Action::PlaceOrphan(0)).apply(Action::Select {
            start: at,
            end: at + "القاهرة".len(),
        });
        assert!(s3.orphans.is_empty());
        assert_eq!(s3.anns.last().unwrap().kind, hamish_core::EntityType::Loc);
        let s4 = s2.apply(Action::DiscardOrphan(0));
        assert!(s4.orphans.is_empty());
    }

    #[test]
    fn invalid_files_leave_the_layer_alone() {
        let s = ready("بوتين في موسكو");
        for (data, f, msg) in [
            ("{\"format\":\"hamish\"", Format::HamishJson, "hamish"),
            ("T1\tPER 0 x\tبوتين\n", Format::Brat, "line 1"),
            ("بوتين\tB-XYZ\n", Format::Conll, "line 1"),
        ] {
            let e = import(&s, data, Some(f), None).unwrap_err();
            assert!(e.contains(msg), "{e}");
        }
    }
}
