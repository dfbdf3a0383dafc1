//! The link between a mounted widget and its host's JavaScript handle:
//! the handle reads the latest state and dispatches actions through it; the
//! widget reports readiness, changes and errors as DOM `CustomEvent`s on
//! the host element (`hamish-ready`, `hamish-change`, `hamish-error`).
//!
//! Annotations cross the boundary as plain objects whose `start`/`end` are
//! **UTF-16 code units** of the text (the unit of JavaScript strings and
//! DOM ranges), end exclusive.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde::Serialize;
use yew::UseReducerHandle;

use crate::doc::Document;
use crate::state::{Ann, Phase, SaveState, State, Status};

/// One annotation as the JavaScript API shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsAnnotation {
    /// Stable id within the widget.
    pub id: u32,
    /// Start, UTF-16 code units.
    pub start: usize,
    /// End (exclusive), UTF-16 code units.
    pub end: usize,
    /// The annotated text.
    pub text: String,
    /// Type code (`PER`, `DATE`, …).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// TIMEX3 value.
    pub value: Option<String>,
    /// `suggested` or `decided`.
    pub status: &'static str,
    /// `model`, `lexicon`, `rule` or `reader`.
    pub source: &'static str,
    /// Confidence 0–1 (three decimals).
    pub confidence: f64,
    /// Linked entry.
    pub link: Option<JsLink>,
    /// Remark.
    pub note: Option<String>,
}

/// A lexicon link.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsLink {
    /// Canonical name.
    pub canonical: String,
    /// Identifier.
    pub id: Option<String>,
}

/// Converts one annotation for JavaScript.
pub fn js_annotation(doc: &Document, a: &Ann) -> JsAnnotation {
    let u = |b: usize| doc.offsets.byte_to_utf16(b).unwrap_or(0);
    JsAnnotation {
        id: a.id,
        start: u(a.start),
        end: u(a.end),
        text: doc.text[a.start..a.end].to_owned(),
        kind: a.kind.code(),
        value: a.value.clone(),
        status: match a.status {
            Status::Suggested => "suggested",
            Status::Decided => "decided",
        },
        source: a.source.name(),
        confidence: hamish_core::json::round_confidence(a.confidence),
        link: a.link.as_ref().map(|l| JsLink {
            canonical: l.canonical.clone(),
            id: l.id.clone(),
        }),
        note: a.note.clone(),
    }
}

/// What a `hamish-change` event carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeDetail {
    /// The operation (`add`, `retype`, `delete`, `resize`, `accept`,
    /// `reject`, `accept-all`, `reject-all`, `set-value`, `apply-to-all`,
    /// `undo`, `redo`, `import`), or `analyse` when something else moved
    /// the layer: an analysis after the first one (a new reference date,
    /// `analyze()`), or the work another tab saved for this text.
    pub op: &'static str,
    /// Increases with every change the reader or the host makes (not with
    /// an `analyse`).
    pub generation: u64,
    /// Annotations that appeared (or replaced earlier versions).
    pub added: Vec<JsAnnotation>,
    /// Annotations that disappeared (or were replaced).
    pub removed: Vec<JsAnnotation>,
    /// Number of annotations after the change.
    pub count: usize,
    /// Always `"utf16"`: the unit of `start` and `end`.
    #[serde(rename = "offsetUnit")]
    pub offset_unit: &'static str,
}

/// The annotations that differ between two layers (by identity: an edited
/// annotation is a new allocation). O(n log n).
pub fn diff(before: &[Rc<Ann>], after: &[Rc<Ann>]) -> (Vec<Rc<Ann>>, Vec<Rc<Ann>>) {
    diff_by(before, after, |a| Rc::as_ptr(a) as usize)
}

/// The annotations that differ between two layers by what a host sees
/// (span, type, value, status), not by identity: an analysis rebuilds
/// every suggestion, most of them unchanged.
fn diff_by_content(before: &[Rc<Ann>], after: &[Rc<Ann>]) -> (Vec<Rc<Ann>>, Vec<Rc<Ann>>) {
    diff_by(before, after, |a| {
        (
            a.start,
            a.end,
            a.kind.code(),
            a.value.as_deref(),
            a.status == Status::Decided,
        )
    })
}

/// The annotations of `after` whose `key` is not among `before`'s (added)
/// and the reverse (removed). O(n log n).
fn diff_by<'a, K: Ord>(
    before: &'a [Rc<Ann>],
    after: &'a [Rc<Ann>],
    key: impl Fn(&'a Rc<Ann>) -> K,
) -> (Vec<Rc<Ann>>, Vec<Rc<Ann>>) {
    let mut b: Vec<K> = before.iter().map(&key).collect();
    let mut a: Vec<K> = after.iter().map(&key).collect();
    b.sort_unstable();
    a.sort_unstable();
    let added = after
        .iter()
        .filter(|x| b.binary_search(&key(x)).is_err())
        .cloned()
        .collect();
    let removed = before
        .iter()
        .filter(|x| a.binary_search(&key(x)).is_err())
        .cloned()
        .collect();
    (added, removed)
}

/// An event the widget raises on its host element.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The first analysis of a text is shown: `hamish-ready`, detail
    /// `{count}` (again for each new text).
    Ready(usize),
    /// The annotation layer changed: `hamish-change`.
    Change(ChangeDetail),
    /// Something failed: `hamish-error`, detail `{kind, message}`.
    Error(&'static str, String),
}

/// Where a bridge's events go.
type Sink = Box<dyn Fn(Event)>;

/// Shared between a mounted widget and its JavaScript handle.
pub struct Bridge {
    state: RefCell<Option<UseReducerHandle<State>>>,
    sink: Sink,
    last_anns: RefCell<Option<Rc<Vec<Rc<Ann>>>>>,
    /// The document `last_anns` belong to (a new text starts afresh).
    last_doc: RefCell<Option<Rc<Document>>>,
    last_generation: Cell<u64>,
    ready: Cell<bool>,
    last_error: RefCell<Option<String>>,
}

impl std::fmt::Debug for Bridge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bridge").finish_non_exhaustive()
    }
}

impl Bridge {
    /// A bridge whose events go to `sink`.
    pub fn new(sink: impl Fn(Event) + 'static) -> Rc<Self> {
        Rc::new(Bridge {
            state: RefCell::new(None),
            sink: Box::new(sink),
            last_anns: RefCell::new(None),
            last_doc: RefCell::new(None),
            last_generation: Cell::new(0),
            ready: Cell::new(false),
            last_error: RefCell::new(None),
        })
    }

    /// Called by the widget on every render.
    pub fn publish(&self, state: &UseReducerHandle<State>) {
        *self.state.borrow_mut() = Some(state.clone());
    }

    /// The widget's state handle (to read or dispatch), once mounted.
    pub fn state(&self) -> Option<UseReducerHandle<State>> {
        self.state.borrow().clone()
    }

    fn emit(&self, e: Event) {
        (self.sink)(e);
    }

    /// Called by the widget after a render that may have changed the
    /// phase, the layer or the storage state: raises the events due.
    pub fn notify(&self, state: &State) {
        // Another text (a new `src` or `text`): the layers of the old one
        // are not compared with the new one (their offsets mean nothing
        // there); the new text's first analysis is its baseline.
        let same_doc = match (self.last_doc.borrow().as_ref(), state.doc.as_ref()) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if !same_doc {
            *self.last_doc.borrow_mut() = state.doc.clone();
            *self.last_anns.borrow_mut() = None;
            self.last_generation.set(state.generation);
            // Its first analysis raises `hamish-ready` again.
            self.ready.set(false);
        }
        match &state.phase {
            Phase::Ready if !self.ready.get() => {
                self.ready.set(true);
                *self.last_anns.borrow_mut() = Some(state.anns.clone());
                self.last_generation.set(state.generation);
                self.emit(Event::Ready(state.anns.len()));
            }
            Phase::Failed(msg) => self.error("load", msg),
            _ => {}
        }
        if let SaveState::Failed(msg) = &state.save {
            self.error("storage", msg);
        }
        if self.ready.get() && state.generation != self.last_generation.get() {
            self.last_generation.set(state.generation);
            let Some(before) = self.last_anns.borrow_mut().replace(state.anns.clone()) else {
                return;
            };
            let Some(doc) = state.doc.as_ref() else {
                return;
            };
            let (added, removed) = diff(&before, &state.anns);
            self.emit(Event::Change(ChangeDetail {
                op: state.last_op,
                generation: state.generation,
                added: added.iter().map(|a| js_annotation(doc, a)).collect(),
                removed: removed.iter().map(|a| js_annotation(doc, a)).collect(),
                count: state.anns.len(),
                offset_unit: "utf16",
            }));
        } else if self.ready.get() {
            // An analysis after the first (a new reference date, `analyze()`)
            // also moves the layer: the host hears of it as an `analyse`
            // change, and the next change reports only itself.
            let before = self.last_anns.borrow_mut().replace(state.anns.clone());
            let (Some(before), Some(doc)) = (before, state.doc.as_ref()) else {
                return;
            };
            if Rc::ptr_eq(&before, &state.anns) {
                return;
            }
            let (added, removed) = diff_by_content(&before, &state.anns);
            if !added.is_empty() || !removed.is_empty() {
                self.emit(Event::Change(ChangeDetail {
                    op: "analyse",
                    generation: state.generation,
                    added: added.iter().map(|a| js_annotation(doc, a)).collect(),
                    removed: removed.iter().map(|a| js_annotation(doc, a)).collect(),
                    count: state.anns.len(),
                    offset_unit: "utf16",
                }));
            }
        }
    }

    /// Raises `hamish-error` once per distinct message.
    pub fn error(&self, kind: &'static str, msg: &str) {
        let mut last = self.last_error.borrow_mut();
        if last.as_deref() != Some(msg) {
            *last = Some(msg.to_owned());
            drop(last);
            self.emit(Event::Error(kind, msg.to_owned()));
        }
    }
}

/// A bridge compared by identity (for props).
#[derive(Clone, Debug)]
pub struct BridgeRef(pub Rc<Bridge>);

impl PartialEq for BridgeRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::test_support::analysed as ready;
    use crate::state::Action;

    #[test]
    fn a_later_analysis_that_moves_the_layer_is_a_change() {
        use std::cell::RefCell;
        let text = "وصل بوتين أمس إلى موسكو";
        let doc = Rc::new(Document::new(text));
        let at = |d: &str| hamish_core::Options {
            reference_date: Some(d.parse().unwrap()),
            ..Default::default()
        };
        let analysed = |d: &str| Action::Analysed {
            annotations: hamish_core::analyze(text, &at(d)).annotations,
            warnings: vec![],
            elapsed_ms: 0.0,
        };
        let events: Rc<RefCell<Vec<Event>>> = Rc::default();
        let sink = events.clone();
        let bridge = Bridge::new(move |e| sink.borrow_mut().push(e));
        let s = State::default()
            .apply(Action::Loaded(doc))
            .apply(analysed("2025-05-17"));
        bridge.notify(&s);
        bridge.notify(&s);
        assert!(matches!(events.borrow()[..], [Event::Ready(_)]));
        // The same analysis again changes nothing: no event.
        let same = s.apply(analysed("2025-05-17"));
        bridge.notify(&same);
        assert_eq!(events.borrow().len(), 1);
        // A new reference date moves «أمس»: one `analyse` change.
        let moved = same.apply(analysed("2025-06-01"));
        bridge.notify(&moved);
        let ev = events.borrow();
        let Event::Change(c) = &ev[1] else {
            panic!("{:?}", ev[1]);
        };
        assert_eq!(c.op, "analyse");
        assert_eq!(c.added.len(), 1);
        assert_eq!(c.added[0].value.as_deref(), Some("2025-05-31"));
        assert_eq!(c.removed[0].value.as_deref(), Some("2025-05-16"));
    }

    #[test]
    fn a_new_text_is_not_compared_with_the_old_one() {
        use std::cell::RefCell;
        let events: Rc<RefCell<Vec<Event>>> = Rc::default();
        let sink = events.clone();
        let bridge = Bridge::new(move |e| sink.borrow_mut().push(e));
        let long = ready("Angela Merkel visited Rome on 3 June 2024 and met the Pope there.");
        bridge.notify(&long);
        // The host swaps in a shorter text: loading, then analysed. Before,
        // the old layer's offsets were sliced out of the new text (a panic).
        let short = "Boris Johnson flew to Kyiv.";
        let loading = long.apply(Action::Loaded(Rc::new(Document::new(short))));
        bridge.notify(&loading);
        let analysed = loading.apply(Action::Analysed {
            annotations: hamish_core::analyze(short, &Default::default()).annotations,
            warnings: vec![],
            elapsed_ms: 0.0,
        });
        bridge.notify(&analysed);
        // A correction on the new text reports only itself.
        let first = analysed.anns[0].id;
        let corrected = analysed.apply(Action::Reject(first));
        bridge.notify(&corrected);
        let ev = events.borrow();
        let changes: Vec<&ChangeDetail> = ev
            .iter()
            .filter_map(|e| match e {
                Event::Change(c) => Some(c),
                _ => None,
            })
            .collect();
        assert_eq!(changes.len(), 1, "{ev:?}");
        assert!(
            matches!(ev[..], [Event::Ready(_), Event::Ready(2), _]),
            "{ev:?}"
        );
        assert_eq!(changes[0].op, "reject");
        assert_eq!(changes[0].removed.len(), 1);
        assert!(changes[0].added.is_empty());
    }

    #[test]
    fn diff_by_identity() {
        let text = "😀 بوتين في موسكو";
        let doc = Rc::new(Document::new(text));
        let s = State::default()
            .apply(Action::Loaded(doc.clone()))
            .apply(Action::Analysed {
                annotations: hamish_core::analyze(text, &Default::default()).annotations,
                warnings: vec![],
                elapsed_ms: 0.0,
            });
        let moscow = s.anns[1].id;
        let s2 = s.apply(Action::Retype(moscow, hamish_core::EntityType::Org));
        let (added, removed) = diff(&s.anns, &s2.anns);
        assert_eq!(added.len(), 1);
        assert_eq!(removed.len(), 1);
        let js = js_annotation(&doc, &added[0]);
        // The emoji counts two UTF-16 units.
        assert_eq!(
            (js.start, js.end, js.kind, js.status),
            (12, 17, "ORG", "decided")
        );
        assert_eq!(js.text, "موسكو");
    }
}
