//! The widget's state and its one reducer.
//!
//! Pure: no DOM, no clocks, no storage. Every user interaction and every
//! asynchronous result is an [`Action`]; [`State::apply`] computes the next
//! state. The Yew component wraps it with `use_reducer`; the tests call it
//! directly on the native target.

use std::rc::Rc;

use hamish_core::{Annotation, EntityType, Link, Source};
use yew::Reducible;

use crate::doc::Document;

/// Whether an annotation is a machine suggestion or a reader's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Proposed by the analyser, not yet reviewed.
    Suggested,
    /// Accepted, added or edited by the reader.
    Decided,
}

/// An annotation as the widget holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ann {
    /// Stable identifier within this widget instance.
    pub id: u32,
    /// Start, in UTF-8 bytes of the document.
    pub start: usize,
    /// End (exclusive), in UTF-8 bytes of the document.
    pub end: usize,
    /// The type.
    pub kind: EntityType,
    /// TIMEX3 value for temporal types.
    pub value: Option<String>,
    /// Confidence 0–1.
    pub confidence: f32,
    /// Which component produced it.
    pub source: Source,
    /// Suggestion or decision.
    pub status: Status,
    /// Lexicon entry, if any.
    pub link: Option<Link>,
    /// Remark for the reader.
    pub note: Option<String>,
    /// Index of the block the annotation is in.
    pub block: usize,
}

/// Where the widget is in its life cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Fetching the text.
    Loading,
    /// Text shown, analysis running.
    Analysing,
    /// Annotations shown.
    Ready,
    /// The text could not be loaded.
    Failed(String),
}

/// The whole widget state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The article, once loaded.
    pub doc: Option<Rc<Document>>,
    /// Annotations sorted by (start, end); they never overlap.
    pub anns: Rc<Vec<Rc<Ann>>>,
    /// Types the reader has hidden, indexed like [`EntityType::ALL`].
    pub hidden: [bool; 8],
    /// Annotation under the pointer.
    pub hover: Option<u32>,
    /// Annotation selected with the keyboard.
    pub focus: Option<u32>,
    /// Life-cycle phase.
    pub phase: Phase,
    /// Problems to tell the reader about (e.g. model not loaded).
    pub warnings: Vec<String>,
    /// How long the last analysis took, in milliseconds.
    pub analysis_ms: Option<f64>,
    next_id: u32,
}

impl Default for State {
    fn default() -> Self {
        State {
            doc: None,
            anns: Rc::new(Vec::new()),
            hidden: [false; 8],
            hover: None,
            focus: None,
            phase: Phase::Loading,
            warnings: Vec::new(),
            analysis_ms: None,
            next_id: 1,
        }
    }
}

/// Everything that can happen to the widget.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The text arrived.
    Loaded(Rc<Document>),
    /// The text could not be loaded.
    LoadFailed(String),
    /// The analyser finished.
    Analysed {
        /// Its annotations (byte offsets into the document).
        annotations: Vec<Annotation>,
        /// Its warnings.
        warnings: Vec<String>,
        /// How long it took.
        elapsed_ms: f64,
    },
    /// Show or hide a type.
    ToggleType(EntityType),
    /// The pointer is over an annotation (or none).
    Hover(Option<u32>),
    /// Select the next visible annotation with the keyboard.
    FocusNext,
    /// Select the previous visible annotation with the keyboard.
    FocusPrev,
    /// Select one annotation.
    Focus(u32),
    /// Clear the keyboard selection.
    Blur,
}

/// Index of `kind` in [`EntityType::ALL`].
pub fn type_index(kind: EntityType) -> usize {
    EntityType::ALL
        .iter()
        .position(|&k| k == kind)
        .expect("every type is listed")
}

impl State {
    /// Whether annotations of `kind` are shown.
    pub fn is_visible(&self, kind: EntityType) -> bool {
        !self.hidden[type_index(kind)]
    }

    /// Number of annotations per type, indexed like [`EntityType::ALL`].
    pub fn counts(&self) -> [usize; 8] {
        let mut c = [0; 8];
        for a in self.anns.iter() {
            c[type_index(a.kind)] += 1;
        }
        c
    }

    /// The annotation with id `id`.
    pub fn ann(&self, id: u32) -> Option<&Rc<Ann>> {
        self.anns.iter().find(|a| a.id == id)
    }

    /// The annotation the card describes: the keyboard selection, else the
    /// one under the pointer.
    pub fn active(&self) -> Option<&Rc<Ann>> {
        self.focus.or(self.hover).and_then(|id| self.ann(id))
    }

    /// Computes the state after `action`.
    pub fn apply(&self, action: Action) -> State {
        let mut s = self.clone();
        match action {
            Action::Loaded(doc) => {
                s.doc = Some(doc);
                s.anns = Rc::new(Vec::new());
                s.hover = None;
                s.focus = None;
                s.phase = Phase::Analysing;
            }
            Action::LoadFailed(msg) => {
                s.phase = Phase::Failed(msg);
            }
            Action::Analysed {
                annotations,
                warnings,
                elapsed_ms,
            } => {
                let Some(doc) = s.doc.clone() else {
                    return s;
                };
                let mut anns = Vec::with_capacity(annotations.len());
                for a in annotations {
                    // Annotations must lie inside one block to be shown.
                    let Some(block) = doc.block_at(a.start) else {
                        continue;
                    };
                    if a.end > doc.blocks[block].range.end || a.start >= a.end {
                        continue;
                    }
                    anns.push(Rc::new(Ann {
                        id: s.next_id,
                        start: a.start,
                        end: a.end,
                        kind: a.kind,
                        value: a.value,
                        confidence: a.confidence,
                        source: a.source,
                        status: if a.source == Source::Reader {
                            Status::Decided
                        } else {
                            Status::Suggested
                        },
                        link: a.link,
                        note: a.note,
                        block,
                    }));
                    s.next_id += 1;
                }
                anns.sort_by_key(|a| (a.start, a.end));
                s.anns = Rc::new(anns);
                s.warnings = warnings;
                s.analysis_ms = Some(elapsed_ms);
                s.phase = Phase::Ready;
                s.hover = None;
                s.focus = None;
            }
            Action::ToggleType(kind) => {
                let i = type_index(kind);
                s.hidden[i] = !s.hidden[i];
                // A hidden annotation cannot stay selected.
                if s.focus
                    .and_then(|id| s.ann(id))
                    .is_some_and(|a| a.kind == kind)
                {
                    s.focus = None;
                }
                if s.hover
                    .and_then(|id| s.ann(id))
                    .is_some_and(|a| a.kind == kind)
                {
                    s.hover = None;
                }
            }
            Action::Hover(id) => s.hover = id,
            Action::FocusNext | Action::FocusPrev => {
                let visible: Vec<u32> = s
                    .anns
                    .iter()
                    .filter(|a| s.is_visible(a.kind))
                    .map(|a| a.id)
                    .collect();
                let pos = s.focus.and_then(|f| visible.iter().position(|&id| id == f));
                s.focus = match (action == Action::FocusNext, pos) {
                    (_, None) if visible.is_empty() => None,
                    (true, None) => visible.first().copied(),
                    (false, None) => visible.last().copied(),
                    (true, Some(p)) => visible.get(p + 1).copied(),
                    (false, Some(p)) => p.checked_sub(1).map(|q| visible[q]),
                };
            }
            Action::Focus(id) => {
                if s.ann(id).is_some_and(|a| s.is_visible(a.kind)) {
                    s.focus = Some(id);
                }
            }
            Action::Blur => s.focus = None,
        }
        s
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hamish_core::Options;

    fn ready(text: &str) -> State {
        let doc = Rc::new(Document::new(text));
        let s = State::default().apply(Action::Loaded(doc));
        let options = Options {
            reference_date: Some("2025-05-17".parse().unwrap()),
            ..Options::default()
        };
        let analysis = hamish_core::analyze(text, &options);
        s.apply(Action::Analysed {
            annotations: analysis.annotations,
            warnings: analysis.warnings,
            elapsed_ms: 1.0,
        })
    }

    #[test]
    fn analysis_fills_annotations_with_blocks() {
        let s = ready("التقى بوتين\n\nفي موسكو في فبراير 2022");
        assert_eq!(s.phase, Phase::Ready);
        let kinds: Vec<(EntityType, usize)> = s.anns.iter().map(|a| (a.kind, a.block)).collect();
        assert_eq!(
            kinds,
            [
                (EntityType::Per, 0),
                (EntityType::Loc, 1),
                (EntityType::Date, 1)
            ]
        );
        assert!(s.anns.iter().all(|a| a.status == Status::Suggested));
        let c = s.counts();
        assert_eq!(c[type_index(EntityType::Per)], 1);
        assert_eq!(c[type_index(EntityType::Date)], 1);
    }

    #[test]
    fn toggling_hides_and_keyboard_skips_hidden() {
        let s = ready("بوتين في موسكو وكييف");
        let s = s.apply(Action::FocusNext);
        let first = s.focus.unwrap();
        assert_eq!(s.ann(first).unwrap().kind, EntityType::Per);
        let s = s.apply(Action::ToggleType(EntityType::Per));
        assert_eq!(s.focus, None, "hidden annotation loses focus");
        assert!(!s.is_visible(EntityType::Per));
        let s = s.apply(Action::FocusNext);
        assert_eq!(s.active().unwrap().kind, EntityType::Loc);
        let s = s.apply(Action::FocusNext).apply(Action::FocusNext);
        assert_eq!(s.focus, None, "past the last annotation focus leaves");
        let s = s.apply(Action::FocusPrev);
        assert_eq!(s.active().map(|a| a.start), Some("بوتين في موسكو و".len()));
        let s = s.apply(Action::ToggleType(EntityType::Per));
        assert!(s.is_visible(EntityType::Per));
    }

    #[test]
    fn hover_and_focus_choose_the_card() {
        let s = ready("بوتين في موسكو");
        let (a, b) = (s.anns[0].id, s.anns[1].id);
        let s = s.apply(Action::Hover(Some(b)));
        assert_eq!(s.active().unwrap().id, b);
        let s = s.apply(Action::Focus(a));
        assert_eq!(s.active().unwrap().id, a, "keyboard selection wins");
        let s = s.apply(Action::Blur).apply(Action::Hover(None));
        assert!(s.active().is_none());
        assert_eq!(s.apply(Action::Focus(999)).focus, None);
    }

    #[test]
    fn load_failure_and_empty_text() {
        let s = State::default().apply(Action::LoadFailed("404".into()));
        assert_eq!(s.phase, Phase::Failed("404".into()));
        let s = ready("   \n\n ");
        assert!(s.anns.is_empty());
        assert_eq!(s.apply(Action::FocusNext).focus, None);
        assert_eq!(s.apply(Action::FocusPrev).focus, None);
    }

    #[test]
    fn markup_stays_text() {
        let s = ready("<script>alert(1)</script> بوتين");
        let doc = s.doc.as_ref().unwrap();
        assert_eq!(doc.block_text(0), "<script>alert(1)</script> بوتين");
        assert_eq!(s.anns.len(), 1);
    }
}
