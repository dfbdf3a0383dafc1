//! Saved work: the reader's annotation layer as JSON, keyed by a fingerprint
//! of the document text.
//!
//! Offsets are UTF-8 bytes of the exact text the fingerprint names; a saved
//! layer is only ever restored onto that text. Parsing validates every
//! field and span and reports the first problem with its path, so that a
//! damaged entry can be kept aside and reported instead of overwritten.

use serde::{Deserialize, Serialize};

use hamish_core::{CivilDate, EntityType, Link, Source};

use crate::doc::Document;
use crate::state::{Rejected, Restored, State, Status};

/// Storage format version.
pub const VERSION: u32 = 1;

/// The storage key of the layer for a text with fingerprint `fp`, shown by
/// a widget whose host element has the id `id` (if it has one): two
/// widgets showing the same text on one page keep their own work when
/// their elements have different ids.
pub fn key(fp: &str, id: Option<&str>) -> String {
    match id.filter(|id| !id.is_empty()) {
        Some(id) => format!("hamish:v{VERSION}:{fp}#{id}"),
        None => format!("hamish:v{VERSION}:{fp}"),
    }
}

thread_local! {
    /// The storage keys the live widgets of this page save under, with the
    /// instance that saves under each.
    static CLAIMS: std::cell::RefCell<Vec<(String, u32)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Claims `key` for the widget `instance`, releasing any key it held
/// before. Two live widgets never save under one key (each save would
/// overwrite the other's work): when another widget holds `key`, the claim
/// fails with that widget's instance number.
pub fn claim(key: &str, instance: u32) -> Result<(), u32> {
    CLAIMS.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(&(_, other)) = c.iter().find(|(k, i)| k == key && *i != instance) {
            return Err(other);
        }
        c.retain(|(_, i)| *i != instance);
        c.push((key.to_owned(), instance));
        Ok(())
    })
}

/// Releases the key the widget `instance` holds (it is going away).
pub fn release(instance: u32) {
    CLAIMS.with(|c| c.borrow_mut().retain(|(_, i)| *i != instance));
}

#[derive(Serialize, Deserialize)]
struct SavedLink {
    canonical: String,
    id: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct SavedAnn {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
    value: Option<String>,
    confidence: f32,
    source: String,
    status: String,
    link: Option<SavedLink>,
    note: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct SavedRejected {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
    /// Written only when true (entries saved before it existed read as
    /// false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    bulk: bool,
}

/// The reader's own reference date (set in the toolbar) and the host's it
/// replaced.
#[derive(Serialize, Deserialize)]
struct SavedDateChoice {
    date: Option<String>,
    replaces: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Saved {
    version: u32,
    fingerprint: String,
    offset_unit: String,
    annotations: Vec<SavedAnn>,
    rejected: Vec<SavedRejected>,
    /// Written only when the reader chose a reference date other than the
    /// host's (entries saved before it existed have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reference_date: Option<SavedDateChoice>,
}

/// Saved work, parsed and validated.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedWork {
    /// The annotation layer.
    pub annotations: Vec<Restored>,
    /// The rejected suggestions.
    pub rejected: Vec<Rejected>,
    /// The reference date the reader chose (`None` inside: they cleared it)
    /// and the host's date it replaced, if they chose one.
    pub reference_date: Option<(Option<CivilDate>, Option<CivilDate>)>,
}

impl SavedWork {
    /// The reference date to restore when the host now gives `host`: the
    /// reader's choice, as long as the host still gives the date it
    /// replaced (a host that has since changed its date wins).
    pub fn reference_date_for(&self, host: Option<CivilDate>) -> Option<Option<CivilDate>> {
        self.reference_date
            .filter(|&(_, replaces)| replaces == host)
            .map(|(date, _)| date)
    }
}

/// Serialises the state's annotation layer, and the reference date in
/// effect if it is not the host's (`host_date`).
pub fn to_json(state: &State, doc: &Document, host_date: Option<CivilDate>) -> String {
    let saved = Saved {
        version: VERSION,
        fingerprint: doc.fingerprint.clone(),
        offset_unit: "utf8-byte".into(),
        annotations: state
            .anns
            .iter()
            .map(|a| SavedAnn {
                start: a.start,
                end: a.end,
                kind: a.kind.code().into(),
                value: a.value.clone(),
                confidence: a.confidence,
                source: a.source.name().into(),
                status: match a.status {
                    Status::Suggested => "suggested".into(),
                    Status::Decided => "decided".into(),
                },
                link: a.link.as_ref().map(|l| SavedLink {
                    canonical: l.canonical.clone(),
                    id: l.id.clone(),
                }),
                note: a.note.clone(),
            })
            .collect(),
        rejected: state
            .rejected
            .iter()
            .map(|r| SavedRejected {
                start: r.start,
                end: r.end,
                kind: r.kind.code().into(),
                bulk: r.bulk,
            })
            .collect(),
        reference_date: (state.reference_date != host_date).then(|| SavedDateChoice {
            date: state.reference_date.map(|d| d.to_string()),
            replaces: host_date.map(|d| d.to_string()),
        }),
    };
    serde_json::to_string(&saved).expect("saved layer serialises")
}

fn span(doc: &Document, path: &str, start: usize, end: usize) -> Result<(), String> {
    let len = doc.text.len();
    if start >= end || end > len {
        return Err(format!(
            "{path}: span {start}..{end} is not inside the text (0..{len})"
        ));
    }
    if !doc.text.is_char_boundary(start) || !doc.text.is_char_boundary(end) {
        return Err(format!("{path}: span {start}..{end} splits a character"));
    }
    Ok(())
}

/// Parses a saved layer for `doc`, validating everything.
pub fn from_json(json: &str, doc: &Document) -> Result<SavedWork, String> {
    let saved: Saved = serde_json::from_str(json).map_err(|e| format!("not a saved layer: {e}"))?;
    if saved.version != VERSION {
        return Err(format!(
            "version {} (this widget reads {VERSION})",
            saved.version
        ));
    }
    if saved.fingerprint != doc.fingerprint {
        return Err("saved for another text".into());
    }
    if saved.offset_unit != "utf8-byte" {
        return Err(format!(
            "offset_unit {:?} (expected \"utf8-byte\")",
            saved.offset_unit
        ));
    }
    let mut anns = Vec::with_capacity(saved.annotations.len());
    for (i, a) in saved.annotations.into_iter().enumerate() {
        let path = format!("annotations[{i}]");
        span(doc, &path, a.start, a.end)?;
        let kind: EntityType = a.kind.parse().map_err(|e| format!("{path}.type: {e}"))?;
        let source: Source = a
            .source
            .parse()
            .map_err(|e| format!("{path}.source: {e}"))?;
        let status = match a.status.as_str() {
            "suggested" => Status::Suggested,
            "decided" => Status::Decided,
            s => return Err(format!("{path}.status: unknown status {s:?}")),
        };
        if !(0.0..=1.0).contains(&a.confidence) {
            return Err(format!(
                "{path}.confidence: {} is not within 0–1",
                a.confidence
            ));
        }
        anns.push(Restored {
            id: None,
            start: a.start,
            end: a.end,
            kind,
            value: a.value,
            confidence: a.confidence,
            source,
            status,
            link: a.link.map(|l| Link {
                canonical: l.canonical,
                id: l.id,
            }),
            note: a.note,
        });
    }
    let mut rejected = Vec::with_capacity(saved.rejected.len());
    for (i, r) in saved.rejected.into_iter().enumerate() {
        let path = format!("rejected[{i}]");
        span(doc, &path, r.start, r.end)?;
        let kind: EntityType = r.kind.parse().map_err(|e| format!("{path}.type: {e}"))?;
        rejected.push(Rejected {
            start: r.start,
            end: r.end,
            kind,
            bulk: r.bulk,
        });
    }
    let date = |path: &str, d: Option<String>| -> Result<Option<CivilDate>, String> {
        d.map(|d| d.parse().map_err(|e| format!("{path}: {e}")))
            .transpose()
    };
    let reference_date = match saved.reference_date {
        Some(c) => Some((
            date("reference_date.date", c.date)?,
            date("reference_date.replaces", c.replaces)?,
        )),
        None => None,
    };
    Ok(SavedWork {
        annotations: anns,
        rejected,
        reference_date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Action;
    use std::rc::Rc;

    fn ready(text: &str) -> (State, Rc<Document>) {
        let doc = Rc::new(Document::new(text));
        let options = hamish_core::Options::default();
        let s = State::default()
            .apply(Action::Loaded(doc.clone()))
            .apply(Action::Analysed {
                annotations: hamish_core::analyze(text, &options).annotations,
                warnings: vec![],
                elapsed_ms: 0.0,
            });
        (s, doc)
    }

    #[test]
    fn round_trip() {
        let (s, doc) = ready("😀 بوتين في موسكو وكييف");
        let kyiv = s.anns[2].id;
        let s = s
            .apply(Action::Reject(kyiv))
            .apply(Action::Accept(s.anns[0].id));
        let json = to_json(&s, &doc, s.reference_date);
        let SavedWork {
            annotations: anns,
            rejected,
            reference_date,
        } = from_json(&json, &doc).unwrap();
        assert_eq!(reference_date, None, "the host's date is not saved");
        let restored = State::default()
            .apply(Action::Loaded(doc.clone()))
            .apply(Action::Restore {
                annotations: anns,
                rejected,
                reference_date: None,
            });
        let strip = |s: &State| -> Vec<(usize, usize, EntityType, Status, Source)> {
            s.anns
                .iter()
                .map(|a| (a.start, a.end, a.kind, a.status, a.source))
                .collect()
        };
        assert_eq!(strip(&restored), strip(&s));
        assert_eq!(restored.rejected, s.rejected);
        assert_eq!(
            key(&doc.fingerprint, None),
            format!("hamish:v1:{}", doc.fingerprint)
        );
        // A reject-all's rejections keep their mark (they teach nothing).
        let all = s.apply(Action::RejectAll(None));
        let rejected = from_json(&to_json(&all, &doc, None), &doc)
            .unwrap()
            .rejected;
        assert_eq!(rejected, *all.rejected);
        assert!(rejected.iter().filter(|r| r.bulk).count() >= 1);
        assert!(rejected.iter().any(|r| !r.bulk));
        assert_eq!(key("ab12", Some("")), "hamish:v1:ab12");
        assert_eq!(key("ab12", Some("left")), "hamish:v1:ab12#left");
    }

    #[test]
    fn a_reference_date_the_reader_chose_is_saved_while_the_host_keeps_its_own() {
        let (s, doc) = ready("وصل بوتين أمس");
        let host: CivilDate = "2025-05-17".parse().unwrap();
        let mine: CivilDate = "2025-06-01".parse().unwrap();
        let chosen = s.apply(Action::SetReferenceDate(Some(mine)));
        let work = from_json(&to_json(&chosen, &doc, Some(host)), &doc).unwrap();
        assert_eq!(work.reference_date_for(Some(host)), Some(Some(mine)));
        // The host has moved on to another date since: its date wins.
        let other: CivilDate = "2025-07-01".parse().unwrap();
        assert_eq!(work.reference_date_for(Some(other)), None);
        // A reader who cleared the date gets no date back.
        let cleared = s.apply(Action::SetReferenceDate(None));
        let work = from_json(&to_json(&cleared, &doc, Some(host)), &doc).unwrap();
        assert_eq!(work.reference_date_for(Some(host)), Some(None));
        // A damaged date is reported with its path.
        let bad = to_json(&chosen, &doc, Some(host)).replace("2025-06-01", "2025-13-01");
        assert!(from_json(&bad, &doc)
            .unwrap_err()
            .starts_with("reference_date.date"));
    }

    #[test]
    fn one_key_one_live_widget() {
        let (a, b) = (key("f00d", None), key("f00d", Some("b")));
        assert_eq!(claim(&a, 1), Ok(()));
        // A second widget on the same text and key is refused …
        assert_eq!(claim(&a, 2), Err(1));
        // … the same widget may claim again (a re-render) …
        assert_eq!(claim(&a, 1), Ok(()));
        // … a widget with an id has its own key.
        assert_eq!(claim(&b, 2), Ok(()));
        // Once the first goes away (or moves to another text), the key is free.
        assert_eq!(claim(&key("beef", None), 1), Ok(()));
        assert_eq!(claim(&a, 3), Ok(()));
        release(3);
        release(1);
        release(2);
        assert_eq!(claim(&a, 4), Ok(()));
        release(4);
    }

    #[test]
    fn damaged_entries_are_reported_with_their_path() {
        let (s, doc) = ready("بوتين في موسكو");
        let good = to_json(&s, &doc, None);
        let cases = [
            ("{", "not a saved layer"),
            (&good.replace("\"version\":1", "\"version\":9"), "version 9"),
            (
                &good.replace(&doc.fingerprint, "0000000000000000"),
                "another text",
            ),
            (
                &good.replace("\"type\":\"PER\"", "\"type\":\"XYZ\""),
                "annotations[0].type",
            ),
            (
                &good.replace("\"start\":0", "\"start\":1"),
                "annotations[0]: span 1..10 splits a character",
            ),
            (
                &good.replace("\"end\":10", "\"end\":9999"),
                "is not inside the text",
            ),
            (
                &good.replace("\"status\":\"suggested\"", "\"status\":\"maybe\""),
                "status",
            ),
        ];
        for (json, msg) in cases {
            let err = from_json(json, &doc).unwrap_err();
            assert!(err.contains(msg), "{msg}: {err}");
        }
    }
}
