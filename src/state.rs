//! The widget's state and its one reducer.
//!
//! Pure: no DOM, no clocks, no storage. Every user interaction and every
//! asynchronous result is an [`Action`]; [`State::apply`] computes the next
//! state. The Yew component wraps it with `use_reducer`; the tests call it
//! directly on the native target.
//!
//! ## Corrections and history
//!
//! The reader's corrections change the *annotation layer*: the annotations
//! themselves and the list of rejected suggestions (so that re-analysis
//! never brings a rejected suggestion back). Every correction that changes
//! the layer pushes the previous layer on the undo stack — one entry per
//! user operation, however many annotations it touched ("apply to all" is
//! one step). Layers share their annotations through `Rc`, so a history
//! entry costs one pointer per annotation.

use std::rc::Rc;

use hamish_core::lexicon::Lexicon;
use hamish_core::normalize::{NormOptions, Normalized};
use hamish_core::token::tokenize;
use hamish_core::{Annotation, CivilDate, EntityType, Link, Source};
use yew::Reducible;

use crate::doc::{Document, PROCLITICS};

/// Whether an annotation is a machine suggestion or a reader's decision
/// (the core's, shared with the import/export formats).
pub use hamish_core::formats::Status;

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

/// Whether `text` has nothing to see: only white space and invisible
/// format characters. No annotation may cover only that.
pub fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || hamish_core::normalize::is_invisible_control(c))
}

/// Why an annotation over only white space or invisible characters is
/// refused (`{op}`: the operation).
const BLANK_SPAN: &str =
    "{op}: the span holds only white space or invisible characters — nothing to annotate";

/// A suggestion the reader rejected: never suggested again for this text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rejected {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// The rejected type.
    pub kind: EntityType,
    /// Rejected with all the others at once ("reject all"): kept out of
    /// this text like any rejection, but not a lesson for the analyser — a
    /// reader who clears every suggestion (to annotate by hand, or a text
    /// of another kind) is not saying that each of those words is never a
    /// name anywhere.
    pub bulk: bool,
}

/// The part of the state the reader edits, undoes and saves.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layer {
    /// Annotations sorted by (start, end); they never overlap.
    pub anns: Rc<Vec<Rc<Ann>>>,
    /// Rejected suggestions.
    pub rejected: Rc<Vec<Rejected>>,
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

/// A text selection waiting for its type (the type picker is open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pending {
    /// Start byte (already snapped unless the reader asked for exact).
    pub start: usize,
    /// End byte.
    pub end: usize,
}

/// An offer to repeat the last correction on the other mentions of the same
/// text.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// The annotation just added or retyped.
    pub source_id: u32,
    /// Its type.
    pub kind: EntityType,
    /// Its text.
    pub text: String,
    /// Other mentions (byte spans) the offer would annotate.
    pub targets: Vec<(usize, usize)>,
    /// Indexes into `targets` the reader has excluded.
    pub excluded: Vec<usize>,
}

/// Which storage state to show the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing to save yet.
    Clean,
    /// Changes not yet written.
    Unsaved,
    /// Everything is saved.
    Saved,
    /// Storage failed; the work is kept in memory only.
    Failed(String),
}

/// The whole widget state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The article, once loaded.
    pub doc: Option<Rc<Document>>,
    /// Annotations sorted by (start, end); they never overlap.
    pub anns: Rc<Vec<Rc<Ann>>>,
    /// Suggestions the reader rejected.
    pub rejected: Rc<Vec<Rejected>>,
    /// Layers to undo to, oldest first.
    pub undo: Vec<Layer>,
    /// Layers to redo, most recent undo last.
    pub redo: Vec<Layer>,
    /// Increases with every change of the annotation layer (for saving).
    pub generation: u64,
    /// Types the reader has hidden, indexed like [`EntityType::ALL`].
    pub hidden: [bool; 8],
    /// Types the host allows at all (its `types` option); analyses drop the
    /// others.
    pub allowed: [bool; 8],
    /// Annotation under the pointer.
    pub hover: Option<u32>,
    /// Selected annotation (keyboard, click).
    pub focus: Option<u32>,
    /// Selection waiting for a type.
    pub pending: Option<Pending>,
    /// Sticky-label mode: every new selection gets this type at once.
    pub sticky: Option<EntityType>,
    /// Apply-to-all offer after an add or retype.
    pub offer: Option<Offer>,
    /// Imported annotations waiting to be placed or discarded.
    pub orphans: Vec<OrphanItem>,
    /// The orphan the next selection places.
    pub placing: Option<usize>,
    /// Life-cycle phase.
    pub phase: Phase,
    /// Problems to tell the reader about (e.g. model not loaded).
    pub warnings: Vec<String>,
    /// The last message about a correction (e.g. why it was refused).
    pub notice: Option<String>,
    /// How long the last analysis took, in milliseconds.
    pub analysis_ms: Option<f64>,
    /// The reference date relative dates are resolved against.
    pub reference_date: Option<CivilDate>,
    /// Increases when the host asks for a fresh analysis.
    pub analysis_request: u32,
    /// Increases with every analysis result applied (the layer's
    /// suggestions may have changed: what is saved must follow).
    pub analyses: u32,
    /// Storage state shown to the reader.
    pub save: SaveState,
    /// The keyboard-shortcut overlay is open.
    pub help: bool,
    /// The operation behind the last change of the annotation layer
    /// (`add`, `retype`, `undo`, …), for change events.
    pub last_op: &'static str,
    /// The layer was restored from saved work and no analysis has been
    /// merged into it since the text loaded: the first analysis leaves it
    /// as the reader left it.
    restored: bool,
    /// Where keyboard review resumes when nothing is selected: the start
    /// of the annotation the reader just removed.
    cursor: Option<usize>,
    next_id: u32,
}

impl Default for State {
    fn default() -> Self {
        State {
            doc: None,
            anns: Rc::new(Vec::new()),
            rejected: Rc::new(Vec::new()),
            undo: Vec::new(),
            redo: Vec::new(),
            generation: 0,
            hidden: [false; 8],
            allowed: [true; 8],
            hover: None,
            focus: None,
            pending: None,
            sticky: None,
            offer: None,
            orphans: Vec::new(),
            placing: None,
            phase: Phase::Loading,
            warnings: Vec::new(),
            notice: None,
            analysis_ms: None,
            reference_date: None,
            save: SaveState::Clean,
            help: false,
            analysis_request: 0,
            analyses: 0,
            last_op: "",
            restored: false,
            cursor: None,
            next_id: 1,
        }
    }
}

/// An annotation restored from storage or an import (byte offsets): the
/// core's format-neutral record.
pub use hamish_core::formats::Record as Restored;

/// An imported annotation that could not be placed on the current text.
#[derive(Debug, Clone, PartialEq)]
pub struct OrphanItem {
    /// Its type.
    pub kind: EntityType,
    /// Its value.
    pub value: Option<String>,
    /// Its status.
    pub status: Status,
    /// Its link.
    pub link: Option<Link>,
    /// Its note.
    pub note: Option<String>,
    /// The text it annotated.
    pub quote: String,
    /// Why it could not be placed, and where in the file it was.
    pub reason: String,
}

/// Everything that can happen to the widget.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The text arrived.
    Loaded(Rc<Document>),
    /// The text could not be loaded.
    LoadFailed(String),
    /// The analyser finished. Reader decisions and rejections already in
    /// the state are kept; the analysis fills in around them.
    Analysed {
        /// Its annotations (byte offsets into the document).
        annotations: Vec<Annotation>,
        /// Its warnings.
        warnings: Vec<String>,
        /// How long it took.
        elapsed_ms: f64,
    },
    /// Saved work for this text was found: it replaces the layer.
    Restore {
        /// The annotations.
        annotations: Vec<Restored>,
        /// The rejected suggestions.
        rejected: Vec<Rejected>,
        /// The reference date the reader had chosen, to put back.
        reference_date: Option<Option<CivilDate>>,
    },
    /// Show or hide a type.
    ToggleType(EntityType),
    /// The pointer is over an annotation (or none).
    Hover(Option<u32>),
    /// Select the next visible annotation.
    FocusNext,
    /// Select the previous visible annotation.
    FocusPrev,
    /// Select one annotation.
    Focus(u32),
    /// Clear the selection and close the picker and offers.
    Blur,
    /// The reader selected text (byte offsets, snapped by the caller); the
    /// type picker opens, or with sticky mode the sticky type is applied.
    Select {
        /// Start byte.
        start: usize,
        /// End byte.
        end: usize,
    },
    /// Close the type picker without adding.
    CancelSelect,
    /// Add an annotation of `kind` on the pending selection.
    AddPending(EntityType),
    /// Add an annotation (replacing whatever it overlaps).
    Add {
        /// Start byte.
        start: usize,
        /// End byte.
        end: usize,
        /// Type.
        kind: EntityType,
    },
    /// Change the type of an annotation (it becomes the reader's).
    Retype(u32, EntityType),
    /// Delete an annotation (a deleted suggestion counts as rejected).
    Delete(u32),
    /// Accept a suggestion.
    Accept(u32),
    /// Reject a suggestion.
    Reject(u32),
    /// Accept every visible suggestion, or those of one type.
    AcceptAll(Option<EntityType>),
    /// Reject every visible suggestion, or those of one type.
    RejectAll(Option<EntityType>),
    /// Move an annotation's edges (byte offsets).
    Resize {
        /// The annotation.
        id: u32,
        /// New start byte.
        start: usize,
        /// New end byte.
        end: usize,
    },
    /// Set (or clear) a temporal annotation's normalised value. The caller
    /// validates it.
    SetValue(u32, Option<String>),
    /// Toggle one target of the apply-to-all offer.
    ToggleOfferTarget(usize),
    /// Apply the offer (one undoable step).
    ApplyOffer,
    /// Decline the offer.
    DismissOffer,
    /// Sticky-label mode on (with a type) or off.
    Sticky(Option<EntityType>),
    /// Undo the last correction.
    Undo,
    /// Redo the last undone correction.
    Redo,
    /// Replace the layer with imported annotations (one undoable step).
    Import(Vec<Restored>),
    /// A file was imported: placed annotations replace the layer (one
    /// undoable step), the rest wait for the reader as orphans.
    Imported(crate::exchange::Imported),
    /// The reader will place orphan `i` with their next selection.
    PlaceOrphan(usize),
    /// Drop orphan `i`.
    DiscardOrphan(usize),
    /// The reference date changed; a re-analysis follows.
    SetReferenceDate(Option<CivilDate>),
    /// Analyse the text again (decisions and rejections are kept).
    Reanalyze,
    /// Show exactly these types (the host's `types` option).
    ShowOnly(Vec<EntityType>),
    /// Report of the storage layer.
    SaveResult(SaveState),
    /// Show or hide the keyboard-shortcut overlay.
    Help(bool),
    /// Tell the reader something about their corrections.
    Notice(String),
    /// Clear the notice.
    ClearNotice,
}

/// A reader annotation to insert: start, end, type, value, link.
type NewAnn = (usize, usize, EntityType, Option<String>, Option<Link>);

impl Action {
    /// The name change events give this action.
    pub fn op_name(&self) -> &'static str {
        match self {
            Action::Select { .. } | Action::AddPending(_) | Action::Add { .. } => "add",
            Action::Sticky(_) => "add",
            Action::Retype(..) => "retype",
            Action::Delete(_) => "delete",
            Action::Accept(_) => "accept",
            Action::Reject(_) => "reject",
            Action::AcceptAll(_) => "accept-all",
            Action::RejectAll(_) => "reject-all",
            Action::Resize { .. } => "resize",
            Action::SetValue(..) => "set-value",
            Action::ApplyOffer => "apply-to-all",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Import(_) | Action::Imported(_) => "import",
            _ => "other",
        }
    }
}

/// Index of `kind` in [`EntityType::ALL`].
pub fn type_index(kind: EntityType) -> usize {
    EntityType::ALL
        .iter()
        .position(|&k| k == kind)
        .expect("every type is listed")
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
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

    /// Number of suggestions still to review.
    pub fn suggestions(&self) -> usize {
        self.anns
            .iter()
            .filter(|a| a.status == Status::Suggested)
            .count()
    }

    /// The annotation with id `id`.
    pub fn ann(&self, id: u32) -> Option<&Rc<Ann>> {
        self.anns.iter().find(|a| a.id == id)
    }

    /// The annotation the card describes: the selection, else the one under
    /// the pointer.
    pub fn active(&self) -> Option<&Rc<Ann>> {
        self.focus.or(self.hover).and_then(|id| self.ann(id))
    }

    /// The current annotation layer.
    pub fn layer(&self) -> Layer {
        Layer {
            anns: self.anns.clone(),
            rejected: self.rejected.clone(),
        }
    }

    /// Computes the state after `action`.
    pub fn apply(&self, action: Action) -> State {
        let mut s = self.clone();
        s.reduce_in_place(action);
        s
    }

    fn reduce_in_place(&mut self, action: Action) {
        let generation = self.generation;
        let op = action.op_name();
        self.reduce_action(action);
        if self.generation != generation {
            self.last_op = op;
        }
    }

    fn reduce_action(&mut self, action: Action) {
        match action {
            Action::Loaded(doc) => {
                self.doc = Some(doc);
                self.anns = Rc::new(Vec::new());
                self.rejected = Rc::new(Vec::new());
                self.undo.clear();
                self.redo.clear();
                self.hover = None;
                self.focus = None;
                self.pending = None;
                self.offer = None;
                self.phase = Phase::Analysing;
                self.restored = false;
                self.cursor = None;
            }
            Action::LoadFailed(msg) => self.phase = Phase::Failed(msg),
            Action::Analysed {
                annotations,
                warnings,
                elapsed_ms,
            } => {
                // Saved work restored before the text's first analysis
                // came back is what the reader left, and it stays so: the
                // analysis (run with what the widget has learned since,
                // from these very corrections) would otherwise replace its
                // suggestions — a rejection carried to the other mentions,
                // a name cut shorter, a deleted decision suggested again.
                // Later analyses (a new reference date, `analyze()`) merge
                // as always.
                if !(self.restored && self.phase == Phase::Analysing) {
                    self.merge_analysis(annotations);
                    self.analyses += 1;
                }
                self.warnings = warnings;
                self.analysis_ms = Some(elapsed_ms);
                self.phase = Phase::Ready;
            }
            Action::Restore {
                annotations,
                rejected,
                reference_date,
            } => {
                if let Some(d) = reference_date {
                    self.reference_date = d;
                }
                let anns = self.build(annotations);
                self.anns = Rc::new(anns);
                self.rejected = Rc::new(rejected);
                self.undo.clear();
                self.redo.clear();
                self.save = SaveState::Saved;
                self.restored = true;
            }
            Action::ToggleType(kind) => {
                let i = type_index(kind);
                self.hidden[i] = !self.hidden[i];
                self.drop_hidden_selection();
            }
            Action::Hover(id) => self.hover = id,
            Action::FocusNext | Action::FocusPrev => {
                let visible: Vec<u32> = self.visible_ids();
                let pos = self
                    .focus
                    .and_then(|f| visible.iter().position(|&id| id == f));
                self.offer = None;
                let resume = self.cursor.take().filter(|_| pos.is_none());
                let start_of = |id: &u32| self.ann(*id).map_or(0, |a| a.start);
                self.focus = match (action == Action::FocusNext, pos) {
                    (_, None) if visible.is_empty() => None,
                    (true, None) => match resume {
                        Some(c) => visible.iter().find(|id| start_of(id) >= c).copied(),
                        None => visible.first().copied(),
                    },
                    (false, None) => match resume {
                        Some(c) => visible.iter().rev().find(|id| start_of(id) < c).copied(),
                        None => visible.last().copied(),
                    },
                    (true, Some(p)) => visible.get(p + 1).copied(),
                    (false, Some(p)) => p.checked_sub(1).map(|q| visible[q]),
                };
                self.pending = None;
            }
            Action::Focus(id) => {
                if self.ann(id).is_some_and(|a| self.is_visible(a.kind)) {
                    self.focus = Some(id);
                    self.cursor = None;
                    self.pending = None;
                    // The offer belongs to the annotation it was made for.
                    if self.offer.as_ref().is_some_and(|o| o.source_id != id) {
                        self.offer = None;
                    }
                }
            }
            Action::Blur => {
                self.focus = None;
                self.pending = None;
                self.offer = None;
            }
            Action::Select { start, end } => {
                if start >= end || self.block_of(start, end).is_none() || self.blank(start, end) {
                    return;
                }
                if let Some(i) = self.placing.take() {
                    if i < self.orphans.len() {
                        let o = self.orphans.remove(i);
                        self.commit();
                        let id = self.insert_decided(start, end, o.kind, o.value, o.link);
                        self.focus = id;
                        return;
                    }
                }
                match self.sticky {
                    Some(kind) => self.add(start, end, kind),
                    None => {
                        self.pending = Some(Pending { start, end });
                        self.focus = None;
                    }
                }
            }
            Action::CancelSelect => self.pending = None,
            Action::AddPending(kind) => {
                if let Some(p) = self.pending.take() {
                    self.add(p.start, p.end, kind);
                }
            }
            Action::Add { start, end, kind } => self.add(start, end, kind),
            Action::Retype(id, kind) => {
                let Some(a) = self.ann(id).cloned() else {
                    return;
                };
                if a.kind == kind && a.status == Status::Decided {
                    return;
                }
                self.commit();
                let value = if kind == a.kind {
                    a.value.clone()
                } else {
                    self.guess_value(a.start, a.end, kind)
                };
                self.replace(
                    id,
                    Ann {
                        kind,
                        value,
                        status: Status::Decided,
                        source: if kind == a.kind {
                            a.source
                        } else {
                            Source::Reader
                        },
                        link: if kind == a.kind { a.link.clone() } else { None },
                        // A type the reader chose is theirs, as sure as an
                        // annotation they add (the machine's confidence was
                        // for another type).
                        confidence: if kind == a.kind { a.confidence } else { 1.0 },
                        ..(*a).clone()
                    },
                );
                self.make_offer(id);
            }
            Action::Delete(id) => {
                let Some(a) = self.ann(id).cloned() else {
                    return;
                };
                self.commit();
                self.remove_ids(&[id]);
                if a.status == Status::Suggested {
                    self.reject_spans(&[&a], false);
                }
                self.after_removal(id, a.start);
            }
            Action::Accept(id) => {
                let Some(a) = self.ann(id).cloned() else {
                    return;
                };
                if a.status == Status::Decided {
                    return;
                }
                self.commit();
                self.replace(
                    id,
                    Ann {
                        status: Status::Decided,
                        ..(*a).clone()
                    },
                );
            }
            Action::Reject(id) => {
                let Some(a) = self.ann(id).cloned() else {
                    return;
                };
                if a.status == Status::Decided {
                    return;
                }
                self.commit();
                self.remove_ids(&[id]);
                self.reject_spans(&[&a], false);
                self.after_removal(id, a.start);
            }
            Action::AcceptAll(kind) => {
                let ids: Vec<u32> = self.bulk_targets(kind);
                if ids.is_empty() {
                    return;
                }
                self.commit();
                let anns: Vec<Rc<Ann>> = self
                    .anns
                    .iter()
                    .map(|a| {
                        if ids.contains(&a.id) {
                            Rc::new(Ann {
                                status: Status::Decided,
                                ..(**a).clone()
                            })
                        } else {
                            a.clone()
                        }
                    })
                    .collect();
                self.anns = Rc::new(anns);
            }
            Action::RejectAll(kind) => {
                let ids: Vec<u32> = self.bulk_targets(kind);
                if ids.is_empty() {
                    return;
                }
                self.commit();
                let gone: Vec<Rc<Ann>> = self
                    .anns
                    .iter()
                    .filter(|a| ids.contains(&a.id))
                    .cloned()
                    .collect();
                self.remove_ids(&ids);
                let refs: Vec<&Ann> = gone.iter().map(|a| a.as_ref()).collect();
                self.reject_spans(&refs, true);
                if self.focus.is_some_and(|f| ids.contains(&f)) {
                    self.focus = None;
                }
            }
            Action::Resize { id, start, end } => {
                let Some(a) = self.ann(id).cloned() else {
                    return;
                };
                if (start, end) == (a.start, a.end) {
                    return;
                }
                let Some(block) = self.block_of(start, end) else {
                    self.notice = Some("resize: the span must stay within one paragraph".into());
                    return;
                };
                if self.blank(start, end) {
                    self.notice = Some(BLANK_SPAN.replace("{op}", "resize"));
                    return;
                }
                if self.anns.iter().any(|o| {
                    o.id != id
                        && o.status == Status::Decided
                        && overlaps((o.start, o.end), (start, end))
                }) {
                    self.notice =
                        Some("resize: that would overlap another decided annotation".into());
                    return;
                }
                self.commit();
                let over: Vec<u32> = self
                    .anns
                    .iter()
                    .filter(|o| o.id != id && overlaps((o.start, o.end), (start, end)))
                    .map(|o| o.id)
                    .collect();
                self.remove_ids(&over);
                let value = if a.kind.is_temporal() {
                    self.guess_value(start, end, a.kind).or(a.value.clone())
                } else {
                    None
                };
                self.replace(
                    id,
                    Ann {
                        start,
                        end,
                        block,
                        value,
                        status: Status::Decided,
                        ..(*a).clone()
                    },
                );
            }
            Action::SetValue(id, value) => {
                let Some(a) = self.ann(id).cloned() else {
                    return;
                };
                if a.value == value {
                    return;
                }
                self.commit();
                self.replace(
                    id,
                    Ann {
                        value,
                        status: Status::Decided,
                        ..(*a).clone()
                    },
                );
            }
            Action::ToggleOfferTarget(i) => {
                if let Some(o) = self.offer.as_mut() {
                    if let Some(p) = o.excluded.iter().position(|&x| x == i) {
                        o.excluded.remove(p);
                    } else if i < o.targets.len() {
                        o.excluded.push(i);
                    }
                }
            }
            Action::ApplyOffer => {
                let Some(o) = self.offer.take() else {
                    return;
                };
                let Some(src) = self.ann(o.source_id).cloned() else {
                    return;
                };
                let targets: Vec<(usize, usize)> = o
                    .targets
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !o.excluded.contains(i))
                    .map(|(_, &t)| t)
                    .collect();
                if targets.is_empty() {
                    return;
                }
                self.commit();
                let items = targets
                    .into_iter()
                    .map(|(start, end)| (start, end, src.kind, src.value.clone(), src.link.clone()))
                    .collect();
                self.insert_many(items);
            }
            Action::DismissOffer => self.offer = None,
            Action::Sticky(kind) => {
                self.sticky = kind;
                if let (Some(kind), Some(p)) = (kind, self.pending.take()) {
                    self.add(p.start, p.end, kind);
                }
            }
            Action::Undo => {
                if let Some(prev) = self.undo.pop() {
                    self.redo.push(self.layer());
                    self.set_layer(prev);
                }
            }
            Action::Redo => {
                if let Some(next) = self.redo.pop() {
                    self.undo.push(self.layer());
                    self.set_layer(next);
                }
            }
            Action::Imported(imp) => {
                let warnings = imp.warnings;
                self.reduce_action(Action::Import(imp.placed));
                if !imp.rejected.is_empty() {
                    self.rejected = Rc::new(imp.rejected);
                }
                self.orphans = imp.orphans;
                self.placing = None;
                let mut notes = warnings;
                if imp.relocated > 0 {
                    notes.insert(
                        0,
                        format!(
                            "import: {} annotation(s) moved to where their text now is",
                            imp.relocated
                        ),
                    );
                }
                if !self.orphans.is_empty() {
                    notes.push(format!(
                        "import: {} annotation(s) could not be placed; place or discard them below",
                        self.orphans.len()
                    ));
                }
                self.notice = (!notes.is_empty()).then(|| notes.join(" · "));
            }
            Action::PlaceOrphan(i) => {
                if i < self.orphans.len() {
                    self.placing = Some(i);
                    self.pending = None;
                }
            }
            Action::DiscardOrphan(i) => {
                if i < self.orphans.len() {
                    self.orphans.remove(i);
                    self.placing = None;
                }
            }
            Action::Import(records) => {
                self.commit();
                let anns = self.build(records);
                self.anns = Rc::new(anns);
                self.rejected = Rc::new(Vec::new());
                self.focus = None;
                self.hover = None;
                self.offer = None;
            }
            Action::SetReferenceDate(d) => {
                self.reference_date = d;
            }
            Action::Reanalyze => self.analysis_request += 1,
            Action::ShowOnly(types) => {
                for (i, k) in EntityType::ALL.iter().enumerate() {
                    self.hidden[i] = !types.contains(k);
                    self.allowed[i] = types.contains(k);
                }
                // Suggestions of types no longer allowed go; decisions stay.
                let anns: Vec<Rc<Ann>> = self
                    .anns
                    .iter()
                    .filter(|a| a.status == Status::Decided || self.allowed[type_index(a.kind)])
                    .cloned()
                    .collect();
                self.anns = Rc::new(anns);
                self.drop_hidden_selection();
            }
            Action::SaveResult(s) => self.save = s,
            Action::Help(open) => self.help = open,
            Action::Notice(n) => self.notice = Some(n),
            Action::ClearNotice => self.notice = None,
        }
    }

    fn visible_ids(&self) -> Vec<u32> {
        self.anns
            .iter()
            .filter(|a| self.is_visible(a.kind))
            .map(|a| a.id)
            .collect()
    }

    fn bulk_targets(&self, kind: Option<EntityType>) -> Vec<u32> {
        self.anns
            .iter()
            .filter(|a| a.status == Status::Suggested && self.is_visible(a.kind))
            .filter(|a| kind.is_none_or(|k| a.kind == k))
            .map(|a| a.id)
            .collect()
    }

    /// Clears the selection and hover when they point at an annotation that
    /// is hidden or gone.
    fn drop_hidden_selection(&mut self) {
        let shown = |s: &State, id: u32| s.ann(id).is_some_and(|a| s.is_visible(a.kind));
        if self.focus.is_some_and(|id| !shown(self, id)) {
            self.focus = None;
        }
        if self.hover.is_some_and(|id| !shown(self, id)) {
            self.hover = None;
        }
    }

    /// The block containing the whole span, if any.
    fn block_of(&self, start: usize, end: usize) -> Option<usize> {
        let doc = self.doc.as_ref()?;
        if start >= end || !doc.text.is_char_boundary(start) || !doc.text.is_char_boundary(end) {
            return None;
        }
        let b = doc.block_at(start)?;
        (end <= doc.blocks[b].range.end && start < doc.blocks[b].range.end).then_some(b)
    }

    /// Pushes the current layer on the undo stack (call before a change).
    fn commit(&mut self) {
        self.undo.push(self.layer());
        self.redo.clear();
        self.generation += 1;
        self.save = SaveState::Unsaved;
        self.notice = None;
    }

    fn set_layer(&mut self, layer: Layer) {
        self.anns = layer.anns;
        self.rejected = layer.rejected;
        self.generation += 1;
        self.save = SaveState::Unsaved;
        self.offer = None;
        self.pending = None;
        if self.focus.is_some_and(|f| self.ann(f).is_none()) {
            self.focus = None;
        }
        if self.hover.is_some_and(|f| self.ann(f).is_none()) {
            self.hover = None;
        }
    }

    fn new_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn replace(&mut self, id: u32, ann: Ann) {
        let mut anns: Vec<Rc<Ann>> = self.anns.iter().filter(|a| a.id != id).cloned().collect();
        let pos = anns.partition_point(|a| (a.start, a.end) < (ann.start, ann.end));
        anns.insert(pos, Rc::new(ann));
        self.anns = Rc::new(anns);
    }

    fn remove_ids(&mut self, ids: &[u32]) {
        if ids.is_empty() {
            return;
        }
        let anns: Vec<Rc<Ann>> = self
            .anns
            .iter()
            .filter(|a| !ids.contains(&a.id))
            .cloned()
            .collect();
        self.anns = Rc::new(anns);
    }

    fn reject_spans(&mut self, anns: &[&Ann], bulk: bool) {
        let mut rejected = (*self.rejected).clone();
        for a in anns {
            rejected.push(Rejected {
                start: a.start,
                end: a.end,
                kind: a.kind,
                bulk,
            });
        }
        self.rejected = Rc::new(rejected);
    }

    /// After removing annotation `id` (which started at `start`): its card
    /// closes, and if it was the selected one the keyboard reviewer keeps
    /// their place — the next `j` goes to the annotation after it, `k` to
    /// the one before, not back to the first.
    fn after_removal(&mut self, id: u32, start: usize) {
        if self.focus == Some(id) {
            self.focus = None;
            self.cursor = Some(start);
        }
        if self.hover == Some(id) {
            self.hover = None;
        }
        self.offer = None;
    }

    /// Adds a decided annotation, replacing what it overlaps, and offers to
    /// do the same for the other mentions of its text.
    fn add(&mut self, start: usize, end: usize, kind: EntityType) {
        if self.block_of(start, end).is_none() {
            self.notice = Some("add: the selection must lie within one paragraph".into());
            return;
        }
        if self.blank(start, end) {
            self.notice = Some(BLANK_SPAN.replace("{op}", "add"));
            return;
        }
        // Decisions the new annotation replaces are named (undo brings them
        // back): replacing one is a way to fix it, but never a silent one.
        let replaced: Vec<String> = self
            .anns
            .iter()
            .filter(|o| o.status == Status::Decided && overlaps((o.start, o.end), (start, end)))
            .filter_map(|o| {
                let text = self.doc.as_ref()?.text.get(o.start..o.end)?;
                Some(format!("«{text}» ({})", o.kind.code()))
            })
            .collect();
        self.commit();
        let value = self.guess_value(start, end, kind);
        let id = self.insert_decided(start, end, kind, value, None);
        if !replaced.is_empty() {
            self.notice = Some(format!(
                "add: replaced {} (Ctrl+Z brings it back)",
                replaced.join(", ")
            ));
        }
        self.pending = None;
        if let Some(id) = id {
            self.focus = Some(id);
            self.make_offer(id);
        }
    }

    /// Whether `start..end` holds nothing to see: only white space and
    /// invisible format characters (an Alt-selection of a space). Such an
    /// annotation would mark nothing on screen, and no token in a CoNLL
    /// export.
    fn blank(&self, start: usize, end: usize) -> bool {
        self.doc
            .as_ref()
            .and_then(|d| d.text.get(start..end))
            .is_some_and(is_blank)
    }

    /// Inserts a reader annotation, removing everything it overlaps.
    fn insert_decided(
        &mut self,
        start: usize,
        end: usize,
        kind: EntityType,
        value: Option<String>,
        link: Option<Link>,
    ) -> Option<u32> {
        self.insert_many(vec![(start, end, kind, value, link)])
            .into_iter()
            .next()
    }

    /// Inserts reader annotations (non-overlapping among themselves), each
    /// removing what it overlaps, in one pass over the layer: O(n + k log k).
    fn insert_many(&mut self, mut items: Vec<NewAnn>) -> Vec<u32> {
        items.sort_by_key(|i| (i.0, i.1));
        let mut new: Vec<Rc<Ann>> = Vec::with_capacity(items.len());
        let mut last_end = 0;
        for (start, end, kind, value, link) in items {
            let Some(block) = self.block_of(start, end) else {
                continue;
            };
            if start < last_end {
                continue;
            }
            last_end = end;
            let id = self.new_id();
            new.push(Rc::new(Ann {
                id,
                start,
                end,
                kind,
                value,
                confidence: 1.0,
                source: Source::Reader,
                status: Status::Decided,
                link,
                note: None,
                block,
            }));
        }
        let ids: Vec<u32> = new.iter().map(|a| a.id).collect();
        // Merge: keep the old annotations that overlap no new one.
        let mut out: Vec<Rc<Ann>> = Vec::with_capacity(self.anns.len() + new.len());
        let mut j = 0;
        for o in self.anns.iter() {
            while j < new.len() && new[j].end <= o.start {
                out.push(new[j].clone());
                j += 1;
            }
            let hit = new[j..]
                .iter()
                .take_while(|n| n.start < o.end)
                .any(|n| overlaps((n.start, n.end), (o.start, o.end)));
            if !hit {
                out.push(o.clone());
            }
        }
        out.extend(new[j..].iter().cloned());
        out.sort_by_key(|a| (a.start, a.end));
        self.anns = Rc::new(out);
        ids
    }

    /// The other mentions of annotation `id`'s text that do not already
    /// carry its type: on word boundaries, not inside other decided
    /// annotations.
    fn make_offer(&mut self, id: u32) {
        self.offer = None;
        let (Some(a), Some(doc)) = (self.ann(id).cloned(), self.doc.clone()) else {
            return;
        };
        let needle = &doc.text[a.start..a.end];
        let mut targets = Vec::new();
        // Every occurrence of the text (a linear substring search), kept
        // when it starts a word, or starts behind proclitics the tokenizer
        // could not split off (an unknown name: وبيسكوف), and ends a word.
        for (start, _) in doc.text.match_indices(needle) {
            let end = start + needle.len();
            if start == a.start {
                continue;
            }
            let Some(w) = doc.word_at(start) else {
                continue;
            };
            let behind = &doc.text[w.start..start];
            let starts_word =
                start == w.start || start == w.name_start || PROCLITICS.contains(&behind);
            let ends_word = doc
                .word_at(end - 1)
                .is_some_and(|x| x.end == end || x.name_end == end);
            if !(starts_word && ends_word) {
                continue;
            }
            // Mentions the reader has decided stay as they are; suggestions
            // (of any type, the same one included) become decisions.
            let taken = self
                .overlapping(start, end)
                .any(|o| o.status == Status::Decided);
            if !taken && self.block_of(start, end).is_some() {
                targets.push((start, end));
            }
        }
        targets.sort_unstable();
        targets.dedup();
        if !targets.is_empty() {
            self.offer = Some(Offer {
                source_id: id,
                kind: a.kind,
                text: needle.to_owned(),
                targets,
                excluded: Vec::new(),
            });
        }
    }

    /// The annotations overlapping `start..end` (annotations are sorted and
    /// never overlap each other, so a binary search finds them).
    fn overlapping(&self, start: usize, end: usize) -> impl Iterator<Item = &Rc<Ann>> {
        let first = self.anns.partition_point(|o| o.end <= start);
        self.anns[first..].iter().take_while(move |o| o.start < end)
    }

    /// The TIMEX3 value the analyser gives the span's text, for a temporal
    /// type; `None` otherwise.
    /// The TIMEX3 value the temporal grammar gives the text `start..end`
    /// (against the reference date), for a date or time that has none.
    pub fn guess_value(&self, start: usize, end: usize, kind: EntityType) -> Option<String> {
        if !kind.is_temporal() {
            return None;
        }
        // The temporal grammar alone (no models needed for a date's value).
        let doc = self.doc.as_ref()?;
        let text = &doc.text[start..end];
        let norm = Normalized::new(text, NormOptions::default());
        let tokens = tokenize(&norm, Lexicon::bundled());
        hamish_core::temporal::find(&norm, &tokens, self.reference_date)
            .into_iter()
            .max_by_key(|t| t.norm.end - t.norm.start)
            .and_then(|t| t.value)
    }

    fn build(&mut self, records: Vec<Restored>) -> Vec<Rc<Ann>> {
        let mut anns: Vec<Rc<Ann>> = Vec::with_capacity(records.len());
        let mut sorted = records;
        sorted.sort_by_key(|r| (r.start, r.end));
        let mut last_end = 0;
        for r in sorted {
            let Some(block) = self.block_of(r.start, r.end) else {
                continue;
            };
            if r.start < last_end {
                continue; // overlapping: keep the first
            }
            last_end = r.end;
            let id = self.new_id();
            anns.push(Rc::new(Ann {
                id,
                start: r.start,
                end: r.end,
                kind: r.kind,
                value: r.value,
                confidence: r.confidence,
                source: r.source,
                status: r.status,
                link: r.link,
                note: r.note,
                block,
            }));
        }
        anns
    }

    /// Fills in a fresh analysis around the reader's layer: decided
    /// annotations stay; suggestions are replaced by the new analysis,
    /// except where they overlap a decision or were rejected.
    fn merge_analysis(&mut self, annotations: Vec<Annotation>) {
        let decided: Vec<Rc<Ann>> = self
            .anns
            .iter()
            .filter(|a| a.status == Status::Decided)
            .cloned()
            .collect();
        let mut anns = decided.clone();
        for a in annotations {
            let span = (a.start, a.end);
            if !self.allowed[type_index(a.kind)] {
                continue;
            }
            if decided.iter().any(|d| overlaps((d.start, d.end), span)) {
                continue;
            }
            if self
                .rejected
                .iter()
                .any(|r| (r.start, r.end) == span && r.kind == a.kind)
            {
                continue;
            }
            let Some(block) = self.block_of(a.start, a.end) else {
                continue;
            };
            let id = self.new_id();
            anns.push(Rc::new(Ann {
                id,
                start: a.start,
                end: a.end,
                kind: a.kind,
                value: a.value,
                confidence: a.confidence,
                source: a.source,
                // Every analysis result is a suggestion, including names the
                // reader lexicon found from earlier decisions (source
                // "reader"): this mention has not been reviewed yet.
                status: Status::Suggested,
                link: a.link,
                note: a.note,
                block,
            }));
        }
        anns.sort_by_key(|a| (a.start, a.end));
        self.anns = Rc::new(anns);
        if self.focus.is_some_and(|f| self.ann(f).is_none()) {
            self.focus = None;
        }
        if self.hover.is_some_and(|f| self.ann(f).is_none()) {
            self.hover = None;
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// Test helpers shared by the widget's test modules.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{Action, State};
    use crate::doc::Document;
    use std::rc::Rc;

    /// A state with `text` loaded and analysed with the default options.
    pub fn analysed(text: &str) -> State {
        State::default()
            .apply(Action::Loaded(Rc::new(Document::new(text))))
            .apply(Action::Analysed {
                annotations: hamish_core::analyze(text, &Default::default()).annotations,
                warnings: vec![],
                elapsed_ms: 0.0,
            })
    }

    /// The id of the first annotation whose text is `word`.
    pub fn id_of(s: &State, word: &str) -> u32 {
        let doc = s.doc.as_ref().expect("a text is loaded");
        s.anns
            .iter()
            .find(|a| &doc.text[a.start..a.end] == word)
            .expect("an annotation with that text")
            .id
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::id_of;
    use super::*;
    use hamish_core::Options;

    fn analysed(text: &str) -> Vec<Annotation> {
        let options = Options {
            reference_date: Some("2025-05-17".parse().unwrap()),
            ..Options::default()
        };
        hamish_core::analyze(text, &options).annotations
    }

    fn ready(text: &str) -> State {
        let doc = Rc::new(Document::new(text));
        let s = State::default()
            .apply(Action::SetReferenceDate(Some(
                "2025-05-17".parse().unwrap(),
            )))
            .apply(Action::Loaded(doc));
        s.apply(Action::Analysed {
            annotations: analysed(text),
            warnings: Vec::new(),
            elapsed_ms: 1.0,
        })
    }

    fn spans(s: &State) -> Vec<(String, EntityType, Status)> {
        let doc = s.doc.as_ref().unwrap();
        s.anns
            .iter()
            .map(|a| (doc.text[a.start..a.end].to_owned(), a.kind, a.status))
            .collect()
    }

    fn span_of(s: &State, word: &str) -> (usize, usize) {
        let start = s.doc.as_ref().unwrap().text.find(word).unwrap();
        (start, start + word.len())
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
        assert_eq!(s.suggestions(), 3);
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
        assert_eq!(s.active().unwrap().id, a, "selection wins");
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

    #[test]
    fn add_via_picker_replaces_overlaps_and_offers_other_mentions() {
        let s = ready("قال بيسكوف إن بيسكوف وبيسكوف في موسكو");
        let (start, end) = span_of(&s, "بيسكوف");
        let s = s.apply(Action::Select { start, end });
        assert_eq!(s.pending, Some(Pending { start, end }));
        let s = s.apply(Action::AddPending(EntityType::Per));
        assert!(s.pending.is_none());
        let a = s.active().unwrap();
        assert_eq!(
            (a.kind, a.status, a.source),
            (EntityType::Per, Status::Decided, Source::Reader)
        );
        let offer = s.offer.clone().expect("offer for the other mentions");
        assert_eq!(offer.targets.len(), 2, "including the one behind و");
        // Exclude one, apply to the rest as one step.
        let s = s
            .apply(Action::ToggleOfferTarget(0))
            .apply(Action::ApplyOffer);
        let decided_per = |s: &State| {
            spans(s)
                .iter()
                .filter(|x| x.1 == EntityType::Per && x.2 == Status::Decided)
                .count()
        };
        assert_eq!(decided_per(&s), 2);
        let undone = s.apply(Action::Undo);
        assert_eq!(decided_per(&undone), 1);
        let redone = undone.apply(Action::Redo);
        assert_eq!(spans(&redone), spans(&s));
    }

    #[test]
    fn retype_delete_accept_reject() {
        let s = ready("بوتين في موسكو وكييف");
        let moscow = id_of(&s, "موسكو");
        let s = s.apply(Action::Retype(moscow, EntityType::Org));
        let m = s.ann(moscow).unwrap();
        assert_eq!(
            (m.kind, m.status, m.source, m.confidence),
            (EntityType::Org, Status::Decided, Source::Reader, 1.0)
        );
        let putin = id_of(&s, "بوتين");
        let s = s.apply(Action::Accept(putin));
        assert_eq!(s.ann(putin).unwrap().status, Status::Decided);
        let kyiv = id_of(&s, "كييف");
        let s = s.apply(Action::Reject(kyiv));
        assert!(s.ann(kyiv).is_none());
        assert_eq!(s.rejected.len(), 1);
        // Re-analysis keeps decisions and never brings back a rejection.
        let text = s.doc.as_ref().unwrap().text.clone();
        let s2 = s.apply(Action::Analysed {
            annotations: analysed(&text),
            warnings: vec![],
            elapsed_ms: 0.0,
        });
        assert_eq!(spans(&s2), spans(&s));
        // Delete a decision: gone, not rejected.
        let s3 = s2.apply(Action::Delete(putin));
        assert!(s3.ann(putin).is_none());
        assert_eq!(s3.rejected.len(), 1);
        // Undo everything, one step at a time.
        let mut u = s3.clone();
        for _ in 0..4 {
            u = u.apply(Action::Undo);
        }
        assert_eq!(spans(&u), spans(&ready(&text)));
        assert!(u.undo.is_empty());
        assert_eq!(u.apply(Action::Undo), u, "nothing left to undo");
    }

    #[test]
    fn after_a_rejection_or_deletion_keyboard_review_resumes_where_it_was() {
        let s = ready("بوتين في موسكو وكييف أمس");
        let ids: Vec<u32> = s.visible_ids();
        assert!(ids.len() >= 4);
        let name = |s: &State| {
            let a = s.ann(s.focus.unwrap()).unwrap();
            s.doc.as_ref().unwrap().text[a.start..a.end].to_owned()
        };
        // j, j: the second; reject it; j goes on to the third, not the first.
        let s1 = s.apply(Action::FocusNext).apply(Action::FocusNext);
        assert_eq!(name(&s1), "موسكو");
        let s2 = s1.apply(Action::Reject(s1.focus.unwrap()));
        assert_eq!(s2.focus, None, "the card closes");
        assert_eq!(name(&s2.apply(Action::FocusNext)), "كييف");
        assert_eq!(name(&s2.apply(Action::FocusPrev)), "بوتين");
        // The same after Delete.
        let s3 = s2.apply(Action::FocusNext);
        let s4 = s3.apply(Action::Delete(s3.focus.unwrap()));
        assert_eq!(name(&s4.apply(Action::FocusNext)), "أمس");
        // Once the reader picks an annotation themselves, j starts from it.
        let first = s4.visible_ids()[0];
        let s5 = s4.apply(Action::Focus(first)).apply(Action::Blur);
        assert_eq!(name(&s5.apply(Action::FocusNext)), "بوتين");
    }

    #[test]
    fn bulk_accept_and_reject() {
        let s = ready("بوتين في موسكو وكييف أمس");
        let s1 = s.apply(Action::AcceptAll(Some(EntityType::Loc)));
        assert_eq!(
            spans(&s1).iter().filter(|x| x.2 == Status::Decided).count(),
            2
        );
        let s2 = s1.apply(Action::RejectAll(None));
        assert_eq!(s2.suggestions(), 0);
        assert_eq!(s2.anns.len(), 2);
        assert_eq!(s2.rejected.len(), 2);
        // Hidden types are not touched by bulk actions.
        let s3 = s
            .apply(Action::ToggleType(EntityType::Per))
            .apply(Action::AcceptAll(None));
        assert_eq!(s3.suggestions(), 1);
    }

    #[test]
    fn resize_in_both_directions_and_refusals() {
        let s = ready("قال الرئيس بوتين أمس");
        let putin = id_of(&s, "بوتين");
        let (ps, pe) = span_of(&s, "الرئيس بوتين");
        let s1 = s.apply(Action::Resize {
            id: putin,
            start: ps,
            end: pe,
        });
        assert_eq!(spans(&s1)[0].0, "الرئيس بوتين");
        // Shrinking back, and an end beyond the paragraph is refused.
        let (bs, be) = span_of(&s1, "بوتين");
        let s2 = s1.apply(Action::Resize {
            id: putin,
            start: bs,
            end: be,
        });
        assert_eq!(spans(&s2)[0].0, "بوتين");
        let bad = s2.apply(Action::Resize {
            id: putin,
            start: bs,
            end: bs,
        });
        assert_eq!(spans(&bad), spans(&s2));
        // Growing over a suggestion swallows it; over a decision is refused.
        let date = id_of(&s2, "أمس");
        let s3 = s2.apply(Action::Accept(date));
        let (_, ae) = span_of(&s3, "أمس");
        let refused = s3.apply(Action::Resize {
            id: putin,
            start: bs,
            end: ae,
        });
        assert!(refused.notice.is_some());
        assert_eq!(spans(&refused), spans(&s3));
    }

    #[test]
    fn temporal_values_are_guessed_and_editable() {
        let s = ready("قال بوتين في شباط 2022 كلاما");
        let (start, end) = span_of(&s, "شباط 2022");
        let s = s.apply(Action::Add {
            start,
            end,
            kind: EntityType::Date,
        });
        let a = s.active().unwrap().clone();
        assert_eq!(a.value.as_deref(), Some("2022-02"));
        let s = s.apply(Action::SetValue(a.id, Some("2022-02-24".into())));
        assert_eq!(s.ann(a.id).unwrap().value.as_deref(), Some("2022-02-24"));
        assert_eq!(
            s.apply(Action::Undo).ann(a.id).unwrap().value.as_deref(),
            Some("2022-02")
        );
    }

    #[test]
    fn sticky_mode_applies_the_type_at_once() {
        let s = ready("قال بيسكوف وزيلينسكي");
        let s = s.apply(Action::Sticky(Some(EntityType::Per)));
        let (a, b) = span_of(&s, "بيسكوف");
        let s = s.apply(Action::Select { start: a, end: b });
        assert!(s.pending.is_none());
        assert_eq!(spans(&s).len(), 1);
        let s = s.apply(Action::Sticky(None));
        let (a, b) = span_of(&s, "زيلينسكي");
        assert!(s
            .apply(Action::Select { start: a, end: b })
            .pending
            .is_some());
    }

    #[test]
    fn spans_of_only_white_space_or_invisible_characters_are_refused() {
        let text = "بوتين  \u{200C}\u{00AD} في موسكو";
        let s = ready(text);
        let gap = text.find(' ').unwrap();
        let blank_end = text.find("في").unwrap() - 1;
        assert!(s
            .apply(Action::Select {
                start: gap,
                end: blank_end
            })
            .pending
            .is_none());
        let added = s.apply(Action::Add {
            start: gap,
            end: blank_end,
            kind: EntityType::Misc,
        });
        assert_eq!(spans(&added), spans(&s));
        assert!(added
            .notice
            .as_deref()
            .unwrap()
            .starts_with("add: the span holds only white space"));
        assert!(added.undo.is_empty());
        // Nor can a resize shrink a name to its neighbouring space.
        let putin = id_of(&s, "بوتين");
        let r = s.apply(Action::Resize {
            id: putin,
            start: gap,
            end: gap + 1,
        });
        assert_eq!(spans(&r), spans(&s));
        assert!(r.notice.is_some());
        // One visible character is enough.
        let f = text.find("في").unwrap();
        assert!(s
            .apply(Action::Select {
                start: f,
                end: f + 2
            })
            .pending
            .is_some());
    }

    #[test]
    fn an_add_over_a_decision_names_what_it_replaced() {
        let s = ready("بوتين في موسكو");
        let (a, b) = span_of(&s, "موسكو");
        let decided = s.apply(Action::Accept(id_of(&s, "موسكو")));
        assert!(decided.notice.is_none());
        let over = decided.apply(Action::Add {
            start: a,
            end: b,
            kind: EntityType::Org,
        });
        assert_eq!(
            over.notice.as_deref(),
            Some("add: replaced «موسكو» (LOC) (Ctrl+Z brings it back)")
        );
        assert!(spans(&over).contains(&("موسكو".to_owned(), EntityType::Org, Status::Decided)));
        // Over a suggestion: replaced without a word.
        let quiet = s.apply(Action::Add {
            start: a,
            end: b,
            kind: EntityType::Org,
        });
        assert!(quiet.notice.is_none());
        assert_eq!(spans(&over.apply(Action::Undo)), spans(&decided));
    }

    #[test]
    fn selections_across_paragraphs_are_refused() {
        let s = ready("بوتين\nموسكو");
        let len = s.doc.as_ref().unwrap().text.len();
        let s2 = s.apply(Action::Select { start: 0, end: len });
        assert!(s2.pending.is_none());
        let s3 = s.apply(Action::Add {
            start: 0,
            end: len,
            kind: EntityType::Per,
        });
        assert!(s3.notice.is_some());
        assert_eq!(s3.undo.len(), 0, "a refused change is not an undo step");
    }

    #[test]
    fn saved_work_restored_before_the_first_analysis_stays_as_the_reader_left_it() {
        let text = "بوتين في موسكو وكييف";
        let doc = Rc::new(Document::new(text));
        let loaded = State::default().apply(Action::Loaded(doc.clone()));
        // What the reader left: «موسكو» as a suggestion, «بوتين» shortened
        // to a decided «بو» (an odd span, but theirs), «كييف» gone.
        let mut moscow = Restored::new(
            text.find("موسكو").unwrap(),
            text.find("موسكو").unwrap() + "موسكو".len(),
            EntityType::Loc,
        );
        moscow.status = Status::Suggested;
        moscow.source = Source::Model;
        let bu = Restored::new(0, "بو".len(), EntityType::Per);
        let saved = vec![bu, moscow];
        let restored = loaded.apply(Action::Restore {
            annotations: saved,
            rejected: vec![],
            reference_date: None,
        });
        let fresh = Action::Analysed {
            annotations: analysed(text),
            warnings: vec![],
            elapsed_ms: 0.0,
        };
        // The text's first analysis arrives after the restore: the layer
        // stays exactly as saved (nothing replaced, nothing added back).
        let first = restored.apply(fresh.clone());
        assert_eq!(first.phase, Phase::Ready);
        assert_eq!(spans(&first), spans(&restored));
        assert_eq!(
            spans(&first),
            [
                ("بو".to_owned(), EntityType::Per, Status::Decided),
                ("موسكو".to_owned(), EntityType::Loc, Status::Suggested),
            ]
        );
        // A saved reference date comes back with the layer.
        let d: CivilDate = "2025-06-01".parse().unwrap();
        let dated = loaded.apply(Action::Restore {
            annotations: vec![],
            rejected: vec![],
            reference_date: Some(Some(d)),
        });
        assert_eq!(dated.reference_date, Some(d));
        assert!(dated.apply(fresh.clone()).anns.is_empty());
        // A later analysis (a new reference date) merges as always:
        // decisions kept, suggestions refreshed around them.
        let later = first.apply(fresh.clone());
        assert!(spans(&later).contains(&("كييف".to_owned(), EntityType::Loc, Status::Suggested)));
        assert!(spans(&later).contains(&("بو".to_owned(), EntityType::Per, Status::Decided)));
        // Without saved work the first analysis fills the layer.
        let plain = loaded.apply(fresh);
        assert!(spans(&plain).contains(&("كييف".to_owned(), EntityType::Loc, Status::Suggested)));
    }

    #[test]
    fn restore_and_import_replace_the_layer() {
        let s = ready("بوتين في موسكو");
        let (a, b) = span_of(&s, "موسكو");
        let rec = Restored::new(a, b, EntityType::Org);
        let r = s.apply(Action::Restore {
            annotations: vec![rec.clone()],
            rejected: vec![],
            reference_date: None,
        });
        assert_eq!(
            spans(&r),
            [("موسكو".to_owned(), EntityType::Org, Status::Decided)]
        );
        assert!(r.undo.is_empty());
        let i = s.apply(Action::Import(vec![rec.clone(), rec]));
        assert_eq!(i.anns.len(), 1, "overlapping imports keep the first");
        assert_eq!(spans(&i.apply(Action::Undo)), spans(&s));
    }
}
