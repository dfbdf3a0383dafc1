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
//! Undoing a correction takes back what it taught (the [`Journal`] keeps
//! what each undo step's learning changed), and redoing it teaches it
//! again. Imports are not learned from: they bring someone else's layer,
//! not this reader's judgement.

use std::collections::BTreeSet;
use std::rc::Rc;

use hamish_core::analyzer::Unlearn;
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
///
/// Accept-all and reject-all teach nothing: they decide every suggestion
/// at once, unread — review shortcuts, not lessons about each name (and
/// teaching every paragraph of a long text at once froze the page for
/// seconds). A later correction in a paragraph teaches the decisions an
/// accept-all made there (the reader is working on that paragraph), never
/// the rejections of a reject-all ([`crate::state::Rejected::bulk`]).
pub fn corrections(before: &State, after: &State) -> Vec<(String, Correction)> {
    if matches!(
        after.last_op,
        "undo" | "import" | "" | "accept-all" | "reject-all"
    ) {
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
    // New rejections touch their blocks too (not those of a reject-all,
    // which teach nothing: see `Rejected::bulk`).
    for r in after
        .rejected
        .iter()
        .skip(before.rejected.len())
        .filter(|r| !r.bulk)
    {
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
                        !r.bulk
                            && !r.kind.is_temporal()
                            && r.start >= range.start
                            && r.end <= range.end
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

/// Applies `corrections` to `analyzer`; returns what each block that
/// taught it something changed, in order.
pub fn learn(
    analyzer: &mut Analyzer,
    options: &Options,
    corrections: &[(String, Correction)],
) -> Vec<Unlearn> {
    corrections
        .iter()
        .filter_map(|(text, c)| analyzer.learn_undoable(text, options, c).ok())
        .filter(|(r, u)| r.decisions + r.updates > 0 && !u.is_empty())
        .map(|(_, u)| u)
        .collect()
}

/// What the widget's learning changed, kept in step with the undo stack:
/// one entry per undo step that taught something, keyed by the depth of
/// the undo stack after that step.
#[derive(Debug, Default)]
pub struct Journal {
    entries: Vec<(usize, Vec<Unlearn>)>,
}

impl Journal {
    /// Follows one change of the layer, `before` → `after`: learns from a
    /// correction (or a redone one), or takes back what an undone step
    /// taught. Returns whether the analyser's learned state changed.
    pub fn follow(
        &mut self,
        analyzer: &mut Analyzer,
        options: &Options,
        before: &State,
        after: &State,
    ) -> bool {
        if after.last_op == "undo" {
            let depth = before.undo.len();
            if self.entries.last().is_some_and(|(d, _)| *d == depth) {
                let (_, undos) = self.entries.pop().expect("checked");
                for u in undos.iter().rev() {
                    analyzer.unlearn(u);
                }
                return true;
            }
            return false;
        }
        let undos = learn(analyzer, options, &corrections(before, after));
        let changed = !undos.is_empty();
        let depth = after.undo.len();
        if depth > before.undo.len() {
            // A new step (or a redone one) at this depth: whatever was
            // journaled for undone steps at this depth or deeper is gone.
            self.entries.retain(|(d, _)| *d < depth);
            if changed {
                self.entries.push((depth, undos));
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Document;
    use crate::state::test_support::id_of;
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
        assert_eq!(learn(&mut analyzer, &Options::default(), &c).len(), 1);

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
        // Undo teaches nothing (the journal takes back what the step
        // taught); a damaged state changes nothing.
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
        let moscow = id_of(&s, "موسكو");
        let s2 = s.apply(Action::Reject(moscow));
        let c = corrections(&s, &s2);
        assert_eq!(c.len(), 1);
        assert!(c[0].1.spans.iter().any(|x| x.kind.is_none()));
    }

    #[test]
    fn bulk_accept_or_reject_teaches_nothing_and_reject_all_not_later_either() {
        let analyzer = Analyzer::new();
        let text = "بوتين في موسكو";
        let s = ready(&analyzer, text);
        // Accept-all teaches nothing either.
        let accepted = s.apply(Action::AcceptAll(None));
        assert!(accepted.suggestions() == 0 && !accepted.anns.is_empty());
        assert!(corrections(&s, &accepted).is_empty());
        let s2 = s.apply(Action::RejectAll(None));
        assert_eq!(s2.suggestions(), 0);
        assert!(corrections(&s, &s2).is_empty());
        // A later correction in the same paragraph teaches that one only,
        // not the rejections the reject-all made.
        let start = text.find("في").unwrap();
        let s3 = s2.apply(Action::Add {
            start,
            end: start + "في".len(),
            kind: EntityType::Misc,
        });
        let c = corrections(&s2, &s3);
        assert_eq!(c.len(), 1);
        assert!(
            c[0].1.spans.iter().all(|x| x.kind.is_some()),
            "{:?}",
            c[0].1.spans
        );
        // A single rejection still teaches.
        let moscow = id_of(&s, "موسكو");
        let s4 = s.apply(Action::Reject(moscow));
        assert!(corrections(&s, &s4)[0]
            .1
            .spans
            .iter()
            .any(|x| x.kind.is_none()));
    }

    #[test]
    fn undo_takes_back_what_a_correction_taught_and_redo_teaches_it_again() {
        let mut analyzer = Analyzer::new();
        let opts = Options::default();
        let mut journal = Journal::default();
        let other = "وصل الوفد إلى موسكو أمس.";
        let marked = |a: &Analyzer, name: &str| {
            a.analyze(other, &opts)
                .annotations
                .iter()
                .any(|x| &other[x.start..x.end] == name)
        };
        let text = "بوتين في موسكو";
        let s0 = ready(&analyzer, text);
        let untaught = to_json(&analyzer, None);
        assert!(marked(&analyzer, "موسكو"));
        let moscow = s0
            .anns
            .iter()
            .find(|a| &text[a.start..a.end] == "موسكو")
            .unwrap()
            .id;
        // A rejection by mistake: موسكو is no longer marked anywhere.
        let s1 = s0.apply(Action::Reject(moscow));
        assert!(journal.follow(&mut analyzer, &opts, &s0, &s1));
        assert!(!marked(&analyzer, "موسكو"));
        // Undo takes it back exactly.
        let s2 = s1.apply(Action::Undo);
        assert!(journal.follow(&mut analyzer, &opts, &s1, &s2));
        assert!(marked(&analyzer, "موسكو"));
        assert_eq!(to_json(&analyzer, None), untaught);
        // Redo teaches it again, and can be undone again.
        let s3 = s2.apply(Action::Redo);
        assert!(journal.follow(&mut analyzer, &opts, &s2, &s3));
        assert!(!marked(&analyzer, "موسكو"));
        let s4 = s3.apply(Action::Undo);
        assert!(journal.follow(&mut analyzer, &opts, &s3, &s4));
        assert_eq!(to_json(&analyzer, None), untaught);
        // A new step after an undo replaces the undone one; undoing it
        // takes back only what it taught, and there is nothing older.
        let at = text.find("بوتين").unwrap();
        let s5 = s4.apply(Action::Add {
            start: at,
            end: at + "بوتين".len(),
            kind: EntityType::Org,
        });
        assert!(journal.follow(&mut analyzer, &opts, &s4, &s5));
        assert_ne!(to_json(&analyzer, None), untaught);
        let s6 = s5.apply(Action::Undo);
        assert!(journal.follow(&mut analyzer, &opts, &s5, &s6));
        assert_eq!(to_json(&analyzer, None), untaught);
        let s7 = s6.apply(Action::Undo);
        assert!(!journal.follow(&mut analyzer, &opts, &s6, &s7));
        assert_eq!(to_json(&analyzer, None), untaught);
    }
}
