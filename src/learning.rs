//! Learning from the reader's corrections.
//!
//! Each widget owns an [`Analyzer`]; after a correction, the paragraphs it
//! touched are handed to [`Analyzer::learn`] with every decision and
//! rejection the reader has made in them. That updates the reader lexicon
//! (so the same name is found in its other mentions and in new documents)
//! and, gently, the statistical model. The learned state is saved in the
//! browser (one entry per origin, shared by every text) and restored when a
//! widget starts, so re-analysis respects the reader's decisions.
//!
//! Undo, redo and imports are not learned from: they move the layer, not
//! the reader's judgement.

use std::collections::BTreeSet;
use std::rc::Rc;

use hamish_core::tagger::learn::{Correction, ReaderLexicon, ReaderSpan};
use hamish_core::tagger::model::{Learned, ModelError};
use hamish_core::{Analyzer, Lang, Options};
use serde::{Deserialize, Serialize};

use crate::bridge::diff;
use crate::state::{Ann, State, Status};

/// Storage key of the learned state (per origin).
pub const KEY: &str = "hamish:v1:learned";

#[derive(Serialize, Deserialize)]
struct Saved {
    version: u32,
    reader: ReaderLexicon,
    ar: Option<Learned>,
    en: Option<Learned>,
}

/// The analyser's learned state as JSON. A model the analyser does not
/// have (not downloaded) keeps its state from `previous`, the JSON this
/// state was restored from, so nothing learned is lost.
pub fn to_json(analyzer: &Analyzer, previous: Option<&str>) -> String {
    let prev: Option<Saved> = previous.and_then(|p| serde_json::from_str(p).ok());
    let keep = |lang: Lang| -> Option<Learned> {
        match analyzer.model(lang) {
            Ok(m) => Some(m.learned()),
            Err(_) => prev.as_ref().and_then(|p| {
                if lang == Lang::En {
                    p.en.clone()
                } else {
                    p.ar.clone()
                }
            }),
        }
    };
    let saved = Saved {
        version: 1,
        reader: analyzer.reader_lexicon().clone(),
        ar: keep(Lang::Ar),
        en: keep(Lang::En),
    };
    serde_json::to_string(&saved).expect("learned state serialises")
}

/// Applies the learned state of one model from `json` (e.g. once the
/// English model has been downloaded).
pub fn restore_model(analyzer: &mut Analyzer, lang: Lang, json: &str) -> Result<(), String> {
    let saved: Saved = serde_json::from_str(json).map_err(|e| format!("learned state: {e}"))?;
    let learned = if lang == Lang::En { saved.en } else { saved.ar };
    if let (Some(l), Some(m)) = (learned, analyzer.model_mut(lang)) {
        m.set_learned(&l)
            .map_err(|e| format!("learned state: {e}"))?;
    }
    Ok(())
}

/// Restores a learned state into `analyzer`. What a model learned that no
/// longer fits it (the model was updated since: another format or
/// feature-template version) is left out, with a note for each such model
/// in the result; the reader's decisions and the other model's learning are
/// still restored. On any other error nothing is changed.
pub fn restore(analyzer: &mut Analyzer, json: &str) -> Result<Vec<String>, String> {
    let saved: Saved = serde_json::from_str(json).map_err(|e| format!("learned state: {e}"))?;
    if saved.version != 1 {
        return Err(format!(
            "learned state: version {} (this widget reads 1)",
            saved.version
        ));
    }
    let mut next = analyzer.clone();
    next.set_reader_lexicon(saved.reader);
    let mut stale = Vec::new();
    for (lang, learned) in [(Lang::Ar, saved.ar), (Lang::En, saved.en)] {
        if let (Some(l), Some(m)) = (learned, next.model_mut(lang)) {
            match m.set_learned(&l) {
                Ok(()) => {}
                Err(e @ ModelError::Version { .. }) => {
                    stale.push(format!("learned state of the {} model: {e}", lang.code()));
                }
                Err(e) => return Err(format!("learned state: {e}")),
            }
        }
    }
    *analyzer = next;
    Ok(stale)
}

/// The corrections a change of the layer teaches: for every block the
/// change touched, its text and all the reader's name decisions and
/// rejections in it (offsets relative to the block).
pub fn corrections(before: &State, after: &State) -> Vec<(String, Correction)> {
    if matches!(after.last_op, "undo" | "redo" | "import" | "") {
        return Vec::new();
    }
    let Some(doc) = after.doc.as_ref() else {
        return Vec::new();
    };
    let (added, removed) = diff(&before.anns, &after.anns);
    let mut blocks: BTreeSet<usize> = added
        .iter()
        .chain(removed.iter())
        .map(|a| a.block)
        .collect();
    // New rejections touch their blocks too.
    for r in after.rejected.iter().skip(before.rejected.len()) {
        if let Some(b) = doc.block_at(r.start) {
            blocks.insert(b);
        }
    }
    blocks
        .into_iter()
        .filter_map(|b| {
            let range = doc.blocks.get(b)?.range.clone();
            let rel = |x: usize| x - range.start;
            let mut spans: Vec<ReaderSpan> = after
                .anns
                .iter()
                .filter(|a| a.block == b && a.status == Status::Decided && !a.kind.is_temporal())
                .map(|a: &Rc<Ann>| ReaderSpan {
                    start: rel(a.start),
                    end: rel(a.end),
                    kind: Some(a.kind),
                })
                .collect();
            spans.extend(
                after
                    .rejected
                    .iter()
                    .filter(|r| {
                        !r.kind.is_temporal() && r.start >= range.start && r.end <= range.end
                    })
                    .map(|r| ReaderSpan {
                        start: rel(r.start),
                        end: rel(r.end),
                        kind: None,
                    }),
            );
            (!spans.is_empty()).then(|| {
                (
                    doc.text[range].to_owned(),
                    Correction {
                        spans,
                        complete: false,
                    },
                )
            })
        })
        .collect()
}

/// Applies `corrections` to `analyzer`; returns how many blocks taught it
/// something.
pub fn learn(
    analyzer: &mut Analyzer,
    options: &Options,
    corrections: &[(String, Correction)],
) -> usize {
    corrections
        .iter()
        .filter(|(text, c)| {
            analyzer
                .learn(text, options, c)
                .is_ok_and(|r| r.decisions + r.updates > 0)
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Document;
    use crate::state::Action;
    use hamish_core::EntityType;

    fn ready(analyzer: &Analyzer, text: &str) -> State {
        State::default()
            .apply(Action::Loaded(Rc::new(Document::new(text))))
            .apply(Action::Analysed {
                annotations: analyzer.analyze(text, &Options::default()).annotations,
                warnings: vec![],
                elapsed_ms: 0.0,
            })
    }

    #[test]
    fn a_correction_is_found_again_in_a_new_document_and_survives_a_reload() {
        let mut analyzer = Analyzer::new();
        let name = "كوريماتا";
        let text = format!("وأكدت {name} استعدادها للتعاون مع الجميع.");
        let s = ready(&analyzer, &text);
        assert!(
            !s.anns
                .iter()
                .any(|a| &text[a.start..a.end] == name && a.kind == EntityType::Org),
            "the model misses it"
        );
        let at = text.find(name).unwrap();
        let s2 = s.apply(Action::Add {
            start: at,
            end: at + name.len(),
            kind: EntityType::Org,
        });
        let c = corrections(&s, &s2);
        assert_eq!(c.len(), 1);
        assert_eq!(learn(&mut analyzer, &Options::default(), &c), 1);

        let other = format!("زار وفد من {name} العاصمة أمس.");
        let found = |a: &Analyzer| {
            a.analyze(&other, &Options::default())
                .annotations
                .iter()
                .any(|x| &other[x.start..x.end] == name && x.kind == EntityType::Org)
        };
        assert!(found(&analyzer));
        // Saved and restored into a fresh analyser.
        let json = to_json(&analyzer, None);
        let mut fresh = Analyzer::new();
        assert!(!found(&fresh));
        restore(&mut fresh, &json).unwrap();
        assert!(found(&fresh));
        // Undo teaches nothing; a damaged state changes nothing.
        assert!(corrections(&s2, &s2.apply(Action::Undo)).is_empty());
        let before = to_json(&fresh, None);
        assert!(restore(&mut fresh, "{\"version\":1").is_err());
        assert_eq!(to_json(&fresh, None), before);
        // A model the analyser lacks keeps what the previous state had.
        let mut ar_only = Analyzer::with_models(
            hamish_core::tagger::model::Model::from_bytes(hamish_core::analyzer::BUNDLED_AR_MODEL),
            Err(hamish_core::tagger::model::ModelError::Unavailable(
                "test".into(),
            )),
        );
        let full = to_json(&analyzer, None);
        restore(&mut ar_only, &full).unwrap();
        let kept: serde_json::Value =
            serde_json::from_str(&to_json(&ar_only, Some(&full))).unwrap();
        let orig: serde_json::Value = serde_json::from_str(&full).unwrap();
        assert_eq!(kept["en"], orig["en"]);
        // Saved by an older model (other feature templates): the reader's
        // decisions still come back, the stale weights are reported.
        let mut old: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(old["ar"]["weights"]
            .as_array()
            .is_some_and(|w| !w.is_empty()));
        old["ar"]["feature_set"] = serde_json::json!(0);
        let mut upgraded = Analyzer::new();
        let notes = restore(&mut upgraded, &old.to_string()).unwrap();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("ar model"), "{notes:?}");
        assert!(found(&upgraded));
        let now: serde_json::Value = serde_json::from_str(&to_json(&upgraded, None)).unwrap();
        assert_eq!(now["reader"], old["reader"]);
        assert!(now["ar"]["weights"]
            .as_array()
            .is_some_and(|w| w.is_empty()));
    }

    #[test]
    fn rejections_teach_not_a_name() {
        let analyzer = Analyzer::new();
        let text = "بوتين في موسكو";
        let s = ready(&analyzer, text);
        let moscow = s
            .anns
            .iter()
            .find(|a| &text[a.start..a.end] == "موسكو")
            .unwrap()
            .id;
        let s2 = s.apply(Action::Reject(moscow));
        let c = corrections(&s, &s2);
        assert_eq!(c.len(), 1);
        assert!(c[0].1.spans.iter().any(|x| x.kind.is_none()));
    }
}
