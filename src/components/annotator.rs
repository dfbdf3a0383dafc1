//! The annotator: one widget instance.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use hamish_core::{CivilDate, EntityType, Lang, Options};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;
use yew::UseReducerHandle;

use crate::components::article::{Article, DocRef};
use crate::components::card::Card;
use crate::components::exchange::{ExchangeControls, Orphans};
use crate::components::help::Help;
use crate::components::legend::Legend;
use crate::components::offer::OfferBar;
use crate::components::picker::Picker;
use crate::components::toolbar::Toolbar;
use crate::doc::Document;
use crate::dom::fetch::fetch_text;
use crate::dom::highlights::{highlight_css, Highlighter};
use crate::dom::{selection, storage};
use crate::edit::{self, Side, Unit};
use crate::i18n::{fill, strings, type_label, UiLang};
use crate::persist;
use crate::state::{Action, Phase, SaveState, State, Status};

/// The widget's own stylesheet (theme variables, layout), scoped to
/// `.hamish`.
const WIDGET_CSS: &str = include_str!("../../www/hamish.css");

/// Above this many blocks, only blocks near the viewport get their
/// highlights registered.
const VIRTUAL_BLOCKS: usize = 400;

/// Delay between a correction and writing it to storage.
const SAVE_DELAY_MS: i32 = 250;

/// The height of the browser's viewport in CSS pixels (0 when unknown).
fn viewport_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// A `storage` event listener on the window (another tab saved work).
type StorageListener = (web_sys::Window, Closure<dyn Fn(web_sys::Event)>);

/// Longest slice of text analysed without yielding to the browser.
const ANALYSIS_CHUNK_BYTES: usize = 48 * 1024;

/// Where the article text comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum TextSource {
    /// The text itself.
    Inline(Rc<str>),
    /// A URL to fetch it from (relative to the page).
    Url(String),
    /// An article element already on the host page, annotated in place.
    Host(Element),
}

/// Everything a host configures.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The article.
    pub source: TextSource,
    /// Reference date for relative dates.
    pub reference_date: Option<CivilDate>,
    /// Language of the article.
    pub lang: Lang,
    /// Language of the widget's labels.
    pub ui: UiLang,
    /// Types to show (others are never shown).
    pub types: Vec<EntityType>,
    /// Read-only: highlights and cards, no corrections.
    pub readonly: bool,
    /// Save corrections in the browser's storage.
    pub persist: bool,
    /// Where the model files the widget downloads on demand are (a URL
    /// prefix ending in `/`; the English model is `{model_base}models/en.hmnr`).
    pub model_base: String,
    /// Instance number, unique per page (prefixes highlight names).
    pub instance: u32,
    /// The id of the element the widget was mounted for (part of its
    /// storage key, see [`persist::key`]), if it has one.
    pub storage_id: Option<String>,
    /// The link to a host's JavaScript handle, if mounted through the JS API.
    pub bridge: Option<crate::bridge::BridgeRef>,
}

impl Config {
    /// A configuration with defaults for everything but the source.
    pub fn new(source: TextSource, instance: u32) -> Self {
        Config {
            source,
            reference_date: None,
            lang: Lang::Auto,
            ui: UiLang::Ar,
            types: EntityType::ALL.to_vec(),
            readonly: false,
            persist: true,
            model_base: "./".into(),
            instance,
            storage_id: None,
            bridge: None,
        }
    }
}

/// Properties of [`Annotator`].
#[derive(Properties, PartialEq)]
pub struct AnnotatorProps {
    /// The configuration.
    pub config: Rc<Config>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Resolves after the browser has had a chance to paint.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn initial_state(cfg: &Config) -> State {
    let mut s = State::default().apply(Action::SetReferenceDate(cfg.reference_date));
    for (i, k) in EntityType::ALL.iter().enumerate() {
        s.hidden[i] = !cfg.types.contains(k);
    }
    s
}

/// The ids of visible annotations, in text order.
fn visible_ids(state: &State) -> Vec<u32> {
    state
        .anns
        .iter()
        .filter(|a| state.is_visible(a.kind))
        .map(|a| a.id)
        .collect()
}

/// Whether the block element holding `node` is laid out right to left.
fn is_rtl(node: &web_sys::Node) -> bool {
    let Some(el) = node.parent_element() else {
        return true;
    };
    web_sys::window()
        .and_then(|w| w.get_computed_style(&el).ok().flatten())
        .and_then(|st| st.get_property_value("direction").ok())
        .is_none_or(|d| d == "rtl")
}

/// The keyboard caret: a position, and the other end of a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Caret {
    block: usize,
    anchor: usize,
    focus: usize,
}

/// An intersection observer and its callback (kept alive together).
type Observer = (
    web_sys::IntersectionObserver,
    Closure<dyn Fn(js_sys::Array)>,
);

/// A listener the widget put on the host's article (in-place mode).
type HostListener = (Element, &'static str, Closure<dyn Fn(web_sys::MouseEvent)>);

/// Which edge a resize handle drags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    Start,
    End,
}

/// An edge drag in progress.
#[derive(Debug, Clone, Copy)]
struct Drag {
    id: u32,
    edge: Edge,
    block: usize,
    span: (usize, usize),
}

/// Screen geometry relative to the widget root.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Geometry {
    card: Option<(f64, f64)>,
    handles: Option<[(f64, f64, f64); 2]>,
}

/// Moves a range's first rectangle into widget coordinates.
fn rect_in(root: &Element, r: &web_sys::DomRect) -> (f64, f64, f64, f64) {
    let base = root.get_bounding_client_rect();
    (
        r.left() - base.left(),
        r.top() - base.top(),
        r.width(),
        r.height(),
    )
}

/// The visible annotation under the viewport point `(x, y)`, looking only
/// at the block of the event target (a rendered block, or a block of the
/// host article in in-place mode).
fn hit(
    hl: &Highlighter,
    st: &State,
    x: f64,
    y: f64,
    target: Option<web_sys::EventTarget>,
) -> Option<u32> {
    let target = target?.dyn_into::<Element>().ok()?;
    let block = match hl.host() {
        Some(host) => {
            let line = host.line_of(&target)?;
            st.doc.as_ref()?.block_on_line(line)?
        }
        None => target
            .closest("[data-block]")
            .ok()??
            .get_attribute("data-block")?
            .parse()
            .ok()?,
    };
    st.anns
        .iter()
        .filter(|a| a.block == block && st.is_visible(a.kind))
        .find(|a| {
            hl.rects(a.id)
                .iter()
                .any(|r| x >= r.left() && x <= r.right() && y >= r.top() && y <= r.bottom())
        })
        .map(|a| a.id)
}

/// One annotator widget.
#[component]
pub fn Annotator(props: &AnnotatorProps) -> Html {
    let cfg = props.config.clone();
    let state = use_reducer({
        let cfg = cfg.clone();
        move || initial_state(&cfg)
    });
    let prefix = format!("hamish{}", cfg.instance);
    let hl: Rc<RefCell<Highlighter>> = use_mut_ref({
        let prefix = prefix.clone();
        move || Highlighter::new(&prefix)
    });
    let article_ref = use_node_ref();
    let root_ref = use_node_ref();
    let geometry = use_state(|| Geometry {
        card: None,
        handles: None,
    });
    let picker_pos = use_state(|| None::<(f64, f64)>);
    let caret_box = use_state(|| None::<(f64, f64, f64)>);
    let editing_value = use_state(|| false);
    let caret: Rc<RefCell<Option<Caret>>> = use_mut_ref(|| None);
    let drag: Rc<RefCell<Option<Drag>>> = use_mut_ref(|| None);
    let pointer_down = use_mut_ref(|| false);
    let touch_mode = use_mut_ref(|| false);
    let save_disabled: Rc<Cell<bool>> = use_memo((), |_| Cell::new(false));
    let ui = cfg.ui;
    let s = strings(ui);
    let in_place = matches!(cfg.source, TextSource::Host(_));
    let editable = !cfg.readonly && !in_place;
    let types = cfg.types.clone();

    // The host may change the reference date and the shown types later.
    {
        let dispatcher = state.dispatcher();
        let current = state.reference_date;
        use_effect_with(cfg.reference_date, move |d| {
            if *d != current {
                dispatcher.dispatch(Action::SetReferenceDate(*d));
            }
        });
    }
    {
        let dispatcher = state.dispatcher();
        use_effect_with(cfg.types.clone(), move |types| {
            dispatcher.dispatch(Action::ShowOnly(types.clone()));
        });
    }

    // The host's handle sees the latest state and hears about changes.
    if let Some(bridge) = &cfg.bridge {
        bridge.0.publish(&state);
    }
    {
        let bridge = cfg.bridge.clone();
        let st = state.clone();
        use_effect_with(
            (state.phase.clone(), state.generation, state.save.clone()),
            move |_| {
                if let Some(b) = bridge {
                    b.0.notify(&st);
                }
            },
        );
    }

    // Load the text whenever the source changes.
    let host_text: Rc<RefCell<Option<crate::dom::host::HostText>>> = use_mut_ref(|| None);
    {
        let dispatcher = state.dispatcher();
        let host_text = host_text.clone();
        // Each source change is a new load; a slower earlier fetch that
        // answers after a later one is dropped (the newest source wins).
        let loads: Rc<Cell<u32>> = use_memo((), |_| Cell::new(0));
        use_effect_with(cfg.source.clone(), move |src| {
            let load = loads.get() + 1;
            loads.set(load);
            match src.clone() {
                TextSource::Inline(t) => {
                    dispatcher.dispatch(Action::Loaded(Rc::new(Document::new(&t))))
                }
                TextSource::Host(el) => {
                    let host = crate::dom::host::read(&el);
                    let doc = Document::new(&host.text);
                    *host_text.borrow_mut() = Some(host);
                    dispatcher.dispatch(Action::Loaded(Rc::new(doc)));
                }
                TextSource::Url(u) => wasm_bindgen_futures::spawn_local(async move {
                    let result = fetch_text(&u).await;
                    if loads.get() != load {
                        return;
                    }
                    match result {
                        Ok(t) => dispatcher.dispatch(Action::Loaded(Rc::new(Document::new(&t)))),
                        Err(e) => dispatcher.dispatch(Action::LoadFailed(e)),
                    }
                }),
            }
        });
    }

    // A new document: attach the highlighter to its text nodes, restore
    // saved work, analyse once the text has painted.
    {
        let dispatcher = state.dispatcher();
        let hl = hl.clone();
        let article_ref = article_ref.clone();
        let save_disabled = save_disabled.clone();
        let persist_on = cfg.persist && editable;
        let damaged_tpl = s.damaged_saved;
        let shared_key_msg = s.shared_key;
        let storage_id = cfg.storage_id.clone();
        let instance = cfg.instance;
        let host_date = cfg.reference_date;
        let host_text = host_text.clone();
        use_effect_with(state.doc.clone().map(DocRef), move |doc| {
            let host = host_text.borrow().clone();
            if let (Some(doc), Some(host)) = (doc.clone(), host) {
                hl.borrow_mut().attach_host(host);
                let _ = doc;
            } else if let (Some(doc), Some(article)) = (doc.clone(), article_ref.cast::<Element>())
            {
                hl.borrow_mut().attach(&article, &doc.0);
                let key = persist::key(&doc.0.fingerprint, storage_id.as_deref());
                if persist_on {
                    if persist::claim(&key, instance).is_err() {
                        // Another widget on this page saves this text under
                        // the same key: saving here would overwrite its work.
                        save_disabled.set(true);
                        dispatcher.dispatch(Action::SaveResult(SaveState::Failed(
                            shared_key_msg.to_owned(),
                        )));
                        return;
                    }
                    match storage::load(&key) {
                        Ok(None) => {}
                        Ok(Some(json)) => match persist::from_json(&json, &doc.0) {
                            Ok(work) => dispatcher.dispatch(Action::Restore {
                                reference_date: work.reference_date_for(host_date),
                                annotations: work.annotations,
                                rejected: work.rejected,
                            }),
                            Err(reason) => match storage::keep_aside(&key, &json) {
                                Ok(aside) => dispatcher.dispatch(Action::Notice(fill(
                                    damaged_tpl,
                                    &[("reason", &reason), ("key", &aside)],
                                ))),
                                Err(e) => {
                                    save_disabled.set(true);
                                    dispatcher.dispatch(Action::SaveResult(SaveState::Failed(
                                        format!(
                                            "saved corrections could not be read ({reason}) nor kept aside ({e}); \
                                             saving is off so they are not overwritten"
                                        ),
                                    )));
                                }
                            },
                        },
                        Err(e) => {
                            save_disabled.set(true);
                            dispatcher.dispatch(Action::SaveResult(SaveState::Failed(e)));
                        }
                    }
                }
            }
        });
    }

    // Another tab of this site saved work for the same text (and key): this
    // tab shows it when it has nothing unsaved of its own, so that two tabs
    // never silently overwrite each other's work; with unsaved work here,
    // this tab keeps its own and says that it will replace the other's.
    let unsaved: Rc<Cell<bool>> = use_memo((), |_| Cell::new(false));
    unsaved.set(matches!(state.save, SaveState::Unsaved));
    {
        let dispatcher = state.dispatcher();
        let unsaved = unsaved.clone();
        let storage_id = cfg.storage_id.clone();
        let host_date = cfg.reference_date;
        let persist_on = cfg.persist && editable;
        let (synced, conflict) = (s.other_tab_synced, s.other_tab_conflict);
        use_effect_with(
            (state.doc.clone().map(DocRef), persist_on),
            move |(doc, on)| {
                let mut listener: Option<StorageListener> = None;
                if let (Some(doc), true, Some(w)) = (doc.clone(), *on, web_sys::window()) {
                    let key = persist::key(&doc.0.fingerprint, storage_id.as_deref());
                    let cb = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
                        let field = |f: &str| {
                            js_sys::Reflect::get(&e, &f.into())
                                .ok()
                                .and_then(|v| v.as_string())
                        };
                        if field("key").as_deref() != Some(key.as_str()) {
                            return;
                        }
                        let Some(json) = field("newValue") else {
                            return;
                        };
                        if unsaved.get() {
                            dispatcher.dispatch(Action::Notice(conflict.to_owned()));
                            return;
                        }
                        if let Ok(work) = persist::from_json(&json, &doc.0) {
                            dispatcher.dispatch(Action::Restore {
                                reference_date: work.reference_date_for(host_date),
                                annotations: work.annotations,
                                rejected: work.rejected,
                            });
                            dispatcher.dispatch(Action::Notice(synced.to_owned()));
                        }
                    });
                    let _ =
                        w.add_event_listener_with_callback("storage", cb.as_ref().unchecked_ref());
                    listener = Some((w, cb));
                }
                move || {
                    if let Some((w, cb)) = listener {
                        let _ = w.remove_event_listener_with_callback(
                            "storage",
                            cb.as_ref().unchecked_ref(),
                        );
                    }
                }
            },
        );
    }

    // This widget's analyser: the bundled lexicons and models plus what the
    // reader has taught it (restored from storage).
    let analyzer: Rc<RefCell<Option<hamish_core::Analyzer>>> = use_mut_ref(|| None);
    // The learned state as restored (its English part waits for the model).
    let learned_json: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    let ensure_analyzer = {
        let analyzer = analyzer.clone();
        let learned_json = learned_json.clone();
        let dispatcher = state.dispatcher();
        let persist_on = cfg.persist && editable;
        let damaged_tpl = s.damaged_saved;
        let stale_tpl = s.stale_learning;
        move || {
            if analyzer.borrow().is_some() {
                return;
            }
            #[cfg(target_arch = "wasm32")]
            let mut a = crate::embed::new_analyzer();
            #[cfg(not(target_arch = "wasm32"))]
            let mut a = hamish_core::Analyzer::new();
            if persist_on {
                if let Ok(Some(json)) = storage::load(crate::learning::KEY) {
                    *learned_json.borrow_mut() = Some(json.clone());
                    match crate::learning::restore(&mut a, &json) {
                        Err(reason) => {
                            *learned_json.borrow_mut() = None;
                            let note = match storage::keep_aside(crate::learning::KEY, &json) {
                                Ok(aside) => {
                                    fill(damaged_tpl, &[("reason", &reason), ("key", &aside)])
                                }
                                Err(e) => format!("{reason}; {e}"),
                            };
                            dispatcher.dispatch(Action::Notice(note));
                        }
                        // The model was updated: the reader's decisions
                        // were restored, the learned weights that no longer
                        // fit are kept aside (nothing is lost).
                        Ok(stale) if !stale.is_empty() => {
                            let reason = stale.join("; ");
                            let note = match storage::keep_aside(crate::learning::KEY, &json) {
                                Ok(aside) => {
                                    fill(stale_tpl, &[("reason", &reason), ("key", &aside)])
                                }
                                Err(e) => format!("{reason}; {e}"),
                            };
                            dispatcher.dispatch(Action::Notice(note));
                        }
                        Ok(_) => {}
                    }
                }
            }
            *analyzer.borrow_mut() = Some(a);
        }
    };

    // Learn from each correction (not from undo, redo or imports), and
    // save what was learned shortly after.
    {
        let analyzer = analyzer.clone();
        let learned_json = learned_json.clone();
        let st = state.clone();
        let previous: Rc<RefCell<Option<State>>> = use_mut_ref(|| None);
        let persist_on = cfg.persist && editable;
        let lang = cfg.lang;
        let save_timer: Rc<Cell<Option<i32>>> = use_memo((), |_| Cell::new(None));
        let journal: Rc<RefCell<crate::learning::Journal>> =
            use_mut_ref(crate::learning::Journal::default);
        use_effect_with(state.generation, move |_| {
            let before = previous.borrow_mut().replace((*st).clone());
            let mut learned = false;
            if let (Some(before), Some(a)) = (before, analyzer.borrow_mut().as_mut()) {
                let options = Options {
                    lang,
                    reference_date: st.reference_date,
                };
                learned = journal.borrow_mut().follow(a, &options, &before, &st);
            }
            if learned && persist_on {
                if let Some(w) = web_sys::window() {
                    if let Some(t) = save_timer.take() {
                        w.clear_timeout_with_handle(t);
                    }
                    let analyzer = analyzer.clone();
                    let learned_json = learned_json.clone();
                    let save = Closure::once_into_js(move || {
                        if let Some(a) = analyzer.borrow().as_ref() {
                            let json =
                                crate::learning::to_json(a, learned_json.borrow().as_deref());
                            // A failure here loses only what was learned,
                            // never a correction (those are saved apart).
                            if storage::save(crate::learning::KEY, &json).is_ok() {
                                *learned_json.borrow_mut() = Some(json);
                            }
                        }
                    });
                    save_timer.set(
                        w.set_timeout_with_callback_and_timeout_and_arguments_0(
                            save.unchecked_ref(),
                            1000,
                        )
                        .ok(),
                    );
                }
            }
        });
    }

    // Analyse when the document or the reference date changes; the reducer
    // keeps the reader's decisions and rejections. Long documents are
    // analysed in slices, yielding to the browser in between so that the
    // page stays responsive; a newer run supersedes an older one.
    {
        let dispatcher = state.dispatcher();
        let lang = cfg.lang;
        let analyzer = analyzer.clone();
        let ensure_analyzer = ensure_analyzer.clone();
        let model_base = cfg.model_base.clone();
        let learned_json = learned_json.clone();
        let runs: Rc<Cell<u32>> = use_memo((), |_| Cell::new(0));
        use_effect_with(
            (
                state.doc.clone().map(DocRef),
                state.reference_date,
                state.analysis_request,
            ),
            move |(doc, reference_date, _)| {
                if let Some(doc) = doc.clone() {
                    let options = Options {
                        lang,
                        reference_date: *reference_date,
                    };
                    let run = runs.get() + 1;
                    runs.set(run);
                    wasm_bindgen_futures::spawn_local(async move {
                        let mut annotations = Vec::new();
                        let mut warnings: Vec<String> = Vec::new();
                        let mut elapsed_ms = 0.0;
                        // The text has painted; now build the lexicons and
                        // models (the first widget of a page pays for them).
                        yield_to_browser().await;
                        if runs.get() != run {
                            return;
                        }
                        ensure_analyzer();
                        // The English model is downloaded only for texts
                        // that need it (it is a third of the bundle).
                        let english =
                            lang == Lang::En || (lang == Lang::Auto && doc.0.has_english());
                        let missing = analyzer
                            .borrow()
                            .as_ref()
                            .is_some_and(|a| a.model(Lang::En).is_err());
                        if english && missing {
                            let model = crate::dom::models::english(&model_base).await;
                            if runs.get() != run {
                                return;
                            }
                            if let Some(a) = analyzer.borrow_mut().as_mut() {
                                a.set_model(Lang::En, model);
                                if let Some(json) = learned_json.borrow().as_deref() {
                                    let _ = crate::learning::restore_model(a, Lang::En, json);
                                }
                            }
                        }
                        for chunk in doc.0.chunks(ANALYSIS_CHUNK_BYTES) {
                            yield_to_browser().await;
                            if runs.get() != run {
                                return;
                            }
                            ensure_analyzer();
                            let t0 = now_ms();
                            let analysis = match analyzer.borrow().as_ref() {
                                Some(a) => a.analyze(&doc.0.text[chunk.clone()], &options),
                                None => return,
                            };
                            elapsed_ms += now_ms() - t0;
                            annotations.extend(analysis.annotations.into_iter().map(|mut a| {
                                a.start += chunk.start;
                                a.end += chunk.start;
                                a
                            }));
                            for w in analysis.warnings {
                                if !warnings.contains(&w) {
                                    warnings.push(w);
                                }
                            }
                        }
                        if runs.get() == run {
                            dispatcher.dispatch(Action::Analysed {
                                annotations,
                                warnings,
                                elapsed_ms,
                            });
                        }
                    });
                }
            },
        );
    }

    // Keep the registered highlights in line with the annotations.
    let meta_ref = use_node_ref();
    {
        let hl = hl.clone();
        let meta_ref = meta_ref.clone();
        let st = state.clone();
        use_effect_with(
            (
                crate::components::article::ByPtr(state.anns.clone()),
                state.hidden,
                state.doc.clone().map(DocRef),
            ),
            move |_| {
                if let Some(doc) = st.doc.as_ref() {
                    hl.borrow_mut().sync(&st, doc);
                }
                // Progress marks for tests and benchmarks live on a small
                // element outside the article: changing an attribute on an
                // ancestor of the article would restyle all of it.
                if let Some(meta) = meta_ref.cast::<Element>() {
                    if st.doc.is_some() && !meta.has_attribute("data-text-at") {
                        let _ = meta.set_attribute("data-text-at", &format!("{:.1}", now_ms()));
                    }
                    if st.phase == Phase::Ready && !meta.has_attribute("data-ready-at") {
                        let _ = meta.set_attribute("data-ready-at", &format!("{:.1}", now_ms()));
                    }
                    let _ = meta.set_attribute("data-generation", &st.generation.to_string());
                }
            },
        );
    }

    // Save the layer shortly after every change (a burst of corrections is
    // written once); when the widget goes away a waiting save is written at
    // once.
    type PendingSave = Option<(i32, Rc<dyn Fn()>)>;
    let pending_save: Rc<RefCell<PendingSave>> = use_mut_ref(|| None);
    {
        let st = state.clone();
        let dispatcher = state.dispatcher();
        let save_disabled = save_disabled.clone();
        let persist_on = cfg.persist && editable;
        let pending_save = pending_save.clone();
        let storage_id = cfg.storage_id.clone();
        let host_date = cfg.reference_date;
        // Saved after every correction, and after a reference date the
        // reader chose and the analysis it brought (so that the layer saved
        // goes with the date saved).
        let deps = (state.generation, state.analyses, state.reference_date);
        use_effect_with(deps, move |&(generation, _, date)| {
            let w = web_sys::window();
            if let (Some((t, _)), Some(w)) = (pending_save.borrow_mut().take(), w.as_ref()) {
                w.clear_timeout_with_handle(t);
            }
            let worth = generation > 0 || date != host_date;
            if worth && persist_on && !save_disabled.get() {
                if let (Some(doc), Some(w)) = (st.doc.clone(), w) {
                    let storage_id = storage_id.clone();
                    let write: Rc<dyn Fn()> = Rc::new(move || {
                        let json = persist::to_json(&st, &doc, host_date);
                        let key = persist::key(&doc.fingerprint, storage_id.as_deref());
                        let result = match storage::save(&key, &json) {
                            Ok(()) => SaveState::Saved,
                            Err(e) => SaveState::Failed(e),
                        };
                        dispatcher.dispatch(Action::SaveResult(result));
                    });
                    let slot = pending_save.clone();
                    let fire = Closure::once_into_js(move || {
                        if let Some((_, write)) = slot.borrow_mut().take() {
                            write();
                        }
                    });
                    if let Ok(t) = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                        fire.unchecked_ref(),
                        SAVE_DELAY_MS,
                    ) {
                        *pending_save.borrow_mut() = Some((t, write));
                    }
                }
            }
        });
    }
    {
        let pending_save = pending_save.clone();
        use_effect_with((), move |_| {
            let flush = move || {
                let waiting = pending_save.borrow_mut().take();
                if let Some((t, write)) = waiting {
                    if let Some(w) = web_sys::window() {
                        w.clear_timeout_with_handle(t);
                    }
                    write();
                }
            };
            let flush = Rc::new(flush);
            // Leaving the page must not lose the last correction.
            let on_hide = {
                let flush = flush.clone();
                Closure::<dyn Fn()>::new(move || flush())
            };
            let w = web_sys::window();
            if let Some(w) = &w {
                let _ = w
                    .add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = &w {
                    let _ = w.remove_event_listener_with_callback(
                        "pagehide",
                        on_hide.as_ref().unchecked_ref(),
                    );
                }
                flush();
            }
        });
    }

    // The active annotation: emphasise it, place the card and the resize
    // handles, keep it in view.
    let active_id = state.active().map(|a| a.id);
    let active_span = state.active().map(|a| (a.start, a.end));
    {
        let hl = hl.clone();
        let root_ref = root_ref.clone();
        let geometry = geometry.clone();
        let focus = state.focus;
        let editing_value = editing_value.clone();
        use_effect_with(
            (active_id, focus, active_span),
            move |(active, focus, _)| {
                hl.borrow_mut().set_active(*active);
                let mut g = Geometry {
                    card: None,
                    handles: None,
                };
                if let (Some(id), Some(root)) = (*active, root_ref.cast::<Element>()) {
                    let rects = hl.borrow().rects(id);
                    if let (Some(first), Some(last)) = (rects.first(), rects.last()) {
                        let width = root.get_bounding_client_rect().width();
                        let (x0, y0, w0, h0) = rect_in(&root, first);
                        let (x1, y1, w1, h1) = rect_in(&root, last);
                        let left = x1.min(x0).clamp(0.0, (width - 300.0).max(0.0));
                        g.card = Some((left, y1.max(y0) + h1.max(h0) + 8.0));
                        if focus.is_some() {
                            let rtl = hl
                                .borrow()
                                .range(id)
                                .and_then(|r| r.start_container().ok())
                                .is_none_or(|n| is_rtl(&n));
                            // Start edge: right of the first box in RTL.
                            let start = if rtl { (x0 + w0, y0, h0) } else { (x0, y0, h0) };
                            let end = if rtl { (x1, y1, h1) } else { (x1 + w1, y1, h1) };
                            g.handles = Some([start, end]);
                        }
                        if focus.is_some() && focus == active {
                            if let Some(r) = rects.first() {
                                if r.top() < 0.0 || r.bottom() > viewport_height() {
                                    let block = hl
                                        .borrow()
                                        .range(id)
                                        .and_then(|rg| rg.start_container().ok());
                                    if let Some(p) = block.and_then(|n| n.parent_element()) {
                                        p.scroll_into_view_with_bool(false);
                                    }
                                }
                            }
                        }
                    }
                }
                if active.is_none() || *focus != *active {
                    editing_value.set(false);
                }
                geometry.set(g);
            },
        );
    }

    // Place the type picker next to a pending selection: below it on touch
    // (away from the system selection menu), above it with a mouse.
    {
        let hl = hl.clone();
        let root_ref = root_ref.clone();
        let picker_pos = picker_pos.clone();
        let touch_mode = touch_mode.clone();
        let doc = state.doc.clone();
        use_effect_with(state.pending, move |pending| {
            let pos = pending.and_then(|p| {
                let doc = doc.as_ref()?;
                let root = root_ref.cast::<Element>()?;
                let block = doc.block_at(p.start)?;
                let range = hl.borrow().range_for(doc, block, p.start, p.end)?;
                let rects = range.get_client_rects()?;
                let first = rects.get(0)?;
                let last = rects.get(rects.length().saturating_sub(1))?;
                let width = root.get_bounding_client_rect().width();
                if *touch_mode.borrow() {
                    let (x, y, _, h) = rect_in(&root, &last);
                    Some((x.clamp(0.0, (width - 320.0).max(0.0)), y + h + 28.0))
                } else {
                    let (x, y, _, _) = rect_in(&root, &first);
                    Some((x.clamp(0.0, (width - 320.0).max(0.0)), (y - 46.0).max(0.0)))
                }
            });
            picker_pos.set(pos);
        });
    }

    // A card or picker that opens below the bottom of the screen (a word
    // near the bottom, a phone) is scrolled into view, not left for the
    // reader to look for.
    {
        let root_ref = root_ref.clone();
        // The card only when the reader opened it (a click, the keyboard),
        // not when it previews a hovered annotation: hovering must never
        // scroll the page.
        let card_at = geometry
            .card
            .filter(|_| state.focus.is_some() && state.focus == active_id);
        use_effect_with((card_at, *picker_pos), move |(card_at, _)| {
            if let Some(root) = root_ref.cast::<Element>() {
                let h = viewport_height();
                let which: &[&str] = if card_at.is_some() {
                    &[".hamish-picker", ".hamish-card"]
                } else {
                    &[".hamish-picker"]
                };
                for &sel in which {
                    if let Ok(Some(el)) = root.query_selector(sel) {
                        let r = el.get_bounding_client_rect();
                        if h > 0.0 && r.height() > 0.0 && r.bottom() > h {
                            // Its bottom at the screen's bottom; a box taller
                            // than the screen shows its top.
                            el.scroll_into_view_with_bool(r.height() > h);
                        }
                    }
                }
            }
        });
    }

    // When the picker closes (a type was chosen or it was cancelled), the
    // text selection it was for goes too.
    {
        let root_ref = root_ref.clone();
        let was_pending = use_mut_ref(|| false);
        use_effect_with(state.pending, move |pending| {
            let before = std::mem::replace(&mut *was_pending.borrow_mut(), pending.is_some());
            if before && pending.is_none() {
                if let Some(root) = root_ref.cast::<Element>() {
                    selection::clear(&root);
                }
            }
        });
    }

    // Touch: a long-press selection (and dragging its handles) only shows
    // up as selection changes; pick it up once it settles.
    {
        let root_ref = root_ref.clone();
        let dispatcher = state.dispatcher();
        let touch_mode = touch_mode.clone();
        let doc = state.doc.clone();
        let pending = state.pending;
        use_effect_with(
            (state.doc.clone().map(DocRef), pending, editable),
            move |_| {
                let timer: Rc<Cell<Option<i32>>> = Rc::new(Cell::new(None));
                let listener = {
                    let timer = timer.clone();
                    Closure::<dyn Fn()>::new(move || {
                        if !*touch_mode.borrow() {
                            return;
                        }
                        let (Some(w), Some(root), Some(doc)) =
                            (web_sys::window(), root_ref.cast::<Element>(), doc.clone())
                        else {
                            return;
                        };
                        if let Some(t) = timer.take() {
                            w.clear_timeout_with_handle(t);
                        }
                        let dispatcher = dispatcher.clone();
                        let settle = Closure::once_into_js(move || {
                            if let Some((a, b)) = selection::selected_span(&root, &doc) {
                                if let Some((s, e)) = doc.snap(a, b) {
                                    if pending.is_none_or(|p| (p.start, p.end) != (s, e)) {
                                        dispatcher.dispatch(Action::Select { start: s, end: e });
                                    }
                                }
                            }
                        });
                        timer.set(
                            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                                settle.unchecked_ref(),
                                450,
                            )
                            .ok(),
                        );
                    })
                };
                let document = web_sys::window().and_then(|w| w.document());
                if editable {
                    if let Some(d) = &document {
                        let _ = d.add_event_listener_with_callback(
                            "selectionchange",
                            listener.as_ref().unchecked_ref(),
                        );
                    }
                }
                move || {
                    if let Some(d) = document {
                        let _ = d.remove_event_listener_with_callback(
                            "selectionchange",
                            listener.as_ref().unchecked_ref(),
                        );
                    }
                    if let (Some(t), Some(w)) = (timer.take(), web_sys::window()) {
                        w.clear_timeout_with_handle(t);
                    }
                }
            },
        );
    }

    // In-place mode: the ::highlight() rules go into the host document, and
    // the pointer is followed over the host's article.
    {
        let source = cfg.source.clone();
        let prefix = prefix.clone();
        let hl = hl.clone();
        let st = state.clone();
        let dispatcher = state.dispatcher();
        let listeners: Rc<RefCell<Vec<HostListener>>> = use_mut_ref(Vec::new);
        let state_cell: Rc<RefCell<Option<UseReducerHandle<State>>>> = use_mut_ref(|| None);
        *state_cell.borrow_mut() = Some(st.clone());
        use_effect_with(source, move |source| {
            let mut sheet = None;
            if let TextSource::Host(article) = source {
                sheet = crate::dom::highlights::AdoptedSheet::adopt(&highlight_css(&prefix));
                let mk = |kind: &'static str| {
                    let hl = hl.clone();
                    let state_cell = state_cell.clone();
                    let dispatcher = dispatcher.clone();
                    Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |e: web_sys::MouseEvent| {
                        let Some(st) = state_cell.borrow().clone() else {
                            return;
                        };
                        let id = if kind == "mouseleave" {
                            None
                        } else {
                            hit(
                                &hl.borrow(),
                                &st,
                                f64::from(e.client_x()),
                                f64::from(e.client_y()),
                                e.target(),
                            )
                        };
                        match kind {
                            "click" => match id {
                                Some(id) => dispatcher.dispatch(Action::Focus(id)),
                                None if st.focus.is_some() => dispatcher.dispatch(Action::Blur),
                                None => {}
                            },
                            _ => {
                                if id != st.hover {
                                    dispatcher.dispatch(Action::Hover(id));
                                }
                            }
                        }
                    })
                };
                for kind in ["mousemove", "mouseleave", "click"] {
                    let c = mk(kind);
                    let _ =
                        article.add_event_listener_with_callback(kind, c.as_ref().unchecked_ref());
                    listeners.borrow_mut().push((article.clone(), kind, c));
                }
            }
            move || {
                drop(sheet);
                for (el, kind, c) in listeners.borrow_mut().drain(..) {
                    let _ =
                        el.remove_event_listener_with_callback(kind, c.as_ref().unchecked_ref());
                }
            }
        });
    }

    // Long documents: register highlights only for blocks near the viewport,
    // so that a correction's cost does not grow with the document.
    {
        let hl = hl.clone();
        let article_ref = article_ref.clone();
        use_effect_with(state.doc.clone().map(DocRef), move |doc| {
            let mut observer: Option<Observer> = None;
            let big = doc
                .as_ref()
                .is_some_and(|d| d.0.blocks.len() > VIRTUAL_BLOCKS);
            if let (true, false, Some(article)) = (big, in_place, article_ref.cast::<Element>()) {
                let near: Rc<RefCell<std::collections::HashSet<usize>>> = Rc::default();
                hl.borrow_mut()
                    .set_window(Some(std::collections::HashSet::new()));
                let hl2 = hl.clone();
                let cb = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    let mut near = near.borrow_mut();
                    for e in entries.iter() {
                        let e: web_sys::IntersectionObserverEntry = e.unchecked_into();
                        let block = e
                            .target()
                            .get_attribute("data-block")
                            .and_then(|b| b.parse::<usize>().ok());
                        if let Some(b) = block {
                            if e.is_intersecting() {
                                near.insert(b);
                            } else {
                                near.remove(&b);
                            }
                        }
                    }
                    hl2.borrow_mut().set_window(Some(near.clone()));
                });
                let init = web_sys::IntersectionObserverInit::new();
                init.set_root_margin("1200px 0px");
                if let Ok(obs) = web_sys::IntersectionObserver::new_with_options(
                    cb.as_ref().unchecked_ref(),
                    &init,
                ) {
                    if let Ok(list) = article.query_selector_all("[data-block]") {
                        for i in 0..list.length() {
                            if let Some(el) =
                                list.item(i).and_then(|n| n.dyn_into::<Element>().ok())
                            {
                                obs.observe(&el);
                            }
                        }
                    }
                    observer = Some((obs, cb));
                }
            } else {
                hl.borrow_mut().set_window(None);
            }
            move || {
                if let Some((obs, _cb)) = observer {
                    obs.disconnect();
                }
            }
        });
    }

    // Remove this instance's highlights when the widget goes away.
    {
        let hl = hl.clone();
        let instance = cfg.instance;
        use_effect_with((), move |_| {
            move || {
                hl.borrow_mut().detach();
                persist::release(instance);
            }
        });
    }

    let hit_test = {
        let hl = hl.clone();
        let st = state.clone();
        move |x: f64, y: f64, target: Option<web_sys::EventTarget>| -> Option<u32> {
            hit(&hl.borrow(), &st, x, y, target)
        }
    };

    // Shows the keyboard caret (a thin bar) or clears it.
    let show_caret = {
        let hl = hl.clone();
        let root_ref = root_ref.clone();
        let caret_box = caret_box.clone();
        let doc = state.doc.clone();
        move |c: Option<Caret>| {
            let (Some(root), Some(doc)) = (root_ref.cast::<Element>(), doc.as_ref()) else {
                return;
            };
            match c {
                Some(c) => {
                    if let Some(node) = hl.borrow().text_node(c.block) {
                        selection::select(&root, doc, &node, c.block, c.anchor, c.focus);
                    }
                    let bar = if c.anchor == c.focus {
                        hl.borrow()
                            .range_for(doc, c.block, c.focus, c.focus)
                            .map(|r| r.get_bounding_client_rect())
                            .map(|r| {
                                let (x, y, _, h) = rect_in(&root, &r);
                                (x, y, h)
                            })
                    } else {
                        None
                    };
                    caret_box.set(bar);
                }
                None => caret_box.set(None),
            }
        }
    };

    let onmousemove = {
        let dispatcher = state.dispatcher();
        let current = state.hover;
        let hit_test = hit_test.clone();
        Callback::from(move |e: MouseEvent| {
            let id = hit_test(f64::from(e.client_x()), f64::from(e.client_y()), e.target());
            if id != current {
                dispatcher.dispatch(Action::Hover(id));
            }
        })
    };
    let onmouseleave = {
        let dispatcher = state.dispatcher();
        let current = state.hover;
        Callback::from(move |_: MouseEvent| {
            if current.is_some() {
                dispatcher.dispatch(Action::Hover(None));
            }
        })
    };
    // Long-press on touch selects the word under the finger and opens the
    // picker below it; the browser's own selection handles then adjust it
    // (picked up by the selectionchange listener above).
    let long_press: Rc<RefCell<Option<(i32, f64, f64)>>> = use_mut_ref(|| None);
    // Set when a long-press selected a word: the click the browser sends
    // when the finger lifts must not close the picker it opened.
    let long_pressed: Rc<Cell<bool>> = use_memo((), |_| Cell::new(false));
    let cancel_long_press = {
        let long_press = long_press.clone();
        move || {
            if let (Some((t, _, _)), Some(w)) = (long_press.borrow_mut().take(), web_sys::window())
            {
                w.clear_timeout_with_handle(t);
            }
        }
    };
    let onpointerdown = {
        let pointer_down = pointer_down.clone();
        let touch_mode = touch_mode.clone();
        let long_press = long_press.clone();
        let long_pressed = long_pressed.clone();
        let cancel_long_press = cancel_long_press.clone();
        let root_ref = root_ref.clone();
        let doc = state.doc.clone();
        let dispatcher = state.dispatcher();
        let hl = hl.clone();
        Callback::from(move |e: PointerEvent| {
            *pointer_down.borrow_mut() = true;
            let touch = e.pointer_type() == "touch";
            *touch_mode.borrow_mut() = touch;
            cancel_long_press();
            if !(touch && editable) {
                return;
            }
            let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
            let (Some(root), Some(doc), Some(w)) =
                (root_ref.cast::<Element>(), doc.clone(), web_sys::window())
            else {
                return;
            };
            let dispatcher = dispatcher.clone();
            let hl = hl.clone();
            let lp = long_press.clone();
            let fired = long_pressed.clone();
            fired.set(false);
            let fire = Closure::once_into_js(move || {
                lp.borrow_mut().take();
                fired.set(true);
                let Some((block, at)) = selection::offset_at_point(&root, &doc, x, y) else {
                    return;
                };
                let Some((start, end)) = doc.snap(at, (at + 1).min(doc.blocks[block].range.end))
                else {
                    return;
                };
                if let Some(node) = hl.borrow().text_node(block) {
                    selection::select(&root, &doc, &node, block, start, end);
                }
                dispatcher.dispatch(Action::Select { start, end });
            });
            if let Ok(t) =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(fire.unchecked_ref(), 500)
            {
                *long_press.borrow_mut() = Some((t, x, y));
            }
        })
    };
    let onpointermove_lp = {
        let long_press = long_press.clone();
        let cancel_long_press = cancel_long_press.clone();
        Callback::from(move |e: PointerEvent| {
            let moved = long_press.borrow().is_some_and(|(_, x, y)| {
                (f64::from(e.client_x()) - x).abs() > 10.0
                    || (f64::from(e.client_y()) - y).abs() > 10.0
            });
            if moved {
                cancel_long_press();
            }
        })
    };
    let onpointercancel = {
        let cancel_long_press = cancel_long_press.clone();
        Callback::from(move |_: PointerEvent| cancel_long_press())
    };
    let onpointerup = {
        let cancel_long_press = cancel_long_press.clone();
        let dispatcher = state.dispatcher();
        let article_ref = article_ref.clone();
        let doc = state.doc.clone();
        let caret = caret.clone();
        let caret_box = caret_box.clone();
        let across_paragraphs = s.across_paragraphs;
        Callback::from(move |e: PointerEvent| {
            cancel_long_press();
            let (Some(article), Some(doc)) = (article_ref.cast::<Element>(), doc.as_ref()) else {
                return;
            };
            *caret.borrow_mut() = None;
            caret_box.set(None);
            if editable {
                if let Some((a, b)) = selection::selected_span(&article, doc) {
                    // Alt keeps the exact selection; otherwise snap to words.
                    let span = if e.alt_key() {
                        Some((a, b))
                    } else {
                        doc.snap(a, b)
                    };
                    if let Some((start, end)) = span {
                        dispatcher.dispatch(Action::Select { start, end });
                        return;
                    }
                } else if selection::spans_blocks(&article) {
                    // Say why no type picker appears.
                    dispatcher.dispatch(Action::Notice(across_paragraphs.to_owned()));
                    return;
                }
            }
            if e.pointer_type() == "touch" {
                // A tap: the click handler selects what was tapped.
                return;
            }
            match hit_test(f64::from(e.client_x()), f64::from(e.client_y()), e.target()) {
                Some(id) => dispatcher.dispatch(Action::Focus(id)),
                None => dispatcher.dispatch(Action::Blur),
            }
        })
    };
    let onclick = {
        let dispatcher = state.dispatcher();
        let touch_mode = touch_mode.clone();
        let hit_test2 = {
            let hl = hl.clone();
            let st = state.clone();
            move |x: f64, y: f64, target: Option<web_sys::EventTarget>| -> Option<u32> {
                hit(&hl.borrow(), &st, x, y, target)
            }
        };
        let long_pressed = long_pressed.clone();
        Callback::from(move |e: MouseEvent| {
            if long_pressed.replace(false) {
                return;
            }
            if *touch_mode.borrow() {
                match hit_test2(f64::from(e.client_x()), f64::from(e.client_y()), e.target()) {
                    Some(id) => dispatcher.dispatch(Action::Focus(id)),
                    None => dispatcher.dispatch(Action::Blur),
                }
            }
        })
    };
    let onfocus = {
        let dispatcher = state.dispatcher();
        let pointer_down = pointer_down.clone();
        let has_focus = state.focus.is_some();
        Callback::from(move |_: FocusEvent| {
            let by_pointer = std::mem::replace(&mut *pointer_down.borrow_mut(), false);
            if !by_pointer && !has_focus {
                dispatcher.dispatch(Action::FocusNext);
            }
        })
    };

    // Every keyboard shortcut of the widget (see `?`).
    // Buttons that vanish after a click (card, offer, picker) would leave
    // the keyboard focus on <body>; bring it back to the article, without
    // the automatic selection that keyboard focus otherwise makes.
    let refocus = {
        let article_ref = article_ref.clone();
        let pointer_down = pointer_down.clone();
        move || {
            if let Some(el) = article_ref.cast::<HtmlElement>() {
                *pointer_down.borrow_mut() = true;
                let opts = web_sys::FocusOptions::new();
                opts.set_prevent_scroll(true);
                let _ = el.focus_with_options(&opts);
                *pointer_down.borrow_mut() = false;
            }
        }
    };
    let onkeydown = {
        let dispatcher = state.dispatcher();
        let st = state.clone();
        let ids = visible_ids(&state);
        let types = types.clone();
        let caret = caret.clone();
        let show_caret = show_caret.clone();
        let hl = hl.clone();
        let editing_value = editing_value.clone();
        let article_ref = article_ref.clone();
        let refocus = refocus.clone();
        Callback::from(move |e: KeyboardEvent| {
            let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            let tag = target
                .as_ref()
                .map(|t| t.tag_name().to_ascii_lowercase())
                .unwrap_or_default();
            if matches!(tag.as_str(), "input" | "select" | "textarea") {
                // Esc in the value editor closes it and gives the keyboard
                // back to the article (the editor's box vanishes).
                if e.key() == "Escape" && *editing_value {
                    e.prevent_default();
                    editing_value.set(false);
                    refocus();
                }
                return;
            }
            let in_article = target
                .as_ref()
                .zip(article_ref.cast::<Element>())
                .is_some_and(|(t, a)| a.contains(Some(t)));
            let key = e.key();
            let ctrl = e.ctrl_key() || e.meta_key();
            let d = &dispatcher;
            let mut handled = true;
            let focus = st.focus.and_then(|id| st.ann(id)).cloned();
            let doc = st.doc.clone();
            let type_for = |k: &str| -> Option<EntityType> {
                let n: usize = k.parse().ok()?;
                types.get(n.checked_sub(1)?).copied()
            };
            match key.as_str() {
                "?" => d.dispatch(Action::Help(!st.help)),
                "Escape" => {
                    if st.help {
                        d.dispatch(Action::Help(false));
                        // The overlay had the keyboard: give it back.
                        refocus();
                    } else if st.pending.is_some() {
                        d.dispatch(Action::CancelSelect);
                    } else if st.offer.is_some() {
                        d.dispatch(Action::DismissOffer);
                    } else {
                        *caret.borrow_mut() = None;
                        show_caret(None);
                        d.dispatch(Action::Blur);
                    }
                }
                "z" | "Z" if ctrl && editable => d.dispatch(if e.shift_key() {
                    Action::Redo
                } else {
                    Action::Undo
                }),
                "y" | "Y" if ctrl && editable => d.dispatch(Action::Redo),
                k if editable && st.pending.is_some() && type_for(k).is_some() => {
                    d.dispatch(Action::AddPending(type_for(k).expect("checked")));
                }
                "Tab" if in_article && focus.is_some() => {
                    let pos = st.focus.and_then(|f| ids.iter().position(|&id| id == f));
                    let more = match pos {
                        Some(p) if e.shift_key() => p > 0,
                        Some(p) => p + 1 < ids.len(),
                        None => false,
                    };
                    if more {
                        d.dispatch(if e.shift_key() {
                            Action::FocusPrev
                        } else {
                            Action::FocusNext
                        });
                    } else {
                        handled = false;
                    }
                }
                "ArrowDown" | "j" | "n" if in_article => d.dispatch(Action::FocusNext),
                "ArrowUp" | "k" | "p" if in_article => d.dispatch(Action::FocusPrev),
                "Home" if in_article && !ids.is_empty() => d.dispatch(Action::Focus(ids[0])),
                "End" if in_article && !ids.is_empty() => {
                    d.dispatch(Action::Focus(ids[ids.len() - 1]))
                }
                "A" if editable && e.shift_key() && !ctrl => d.dispatch(Action::AcceptAll(None)),
                "R" if editable && e.shift_key() && !ctrl => d.dispatch(Action::RejectAll(None)),
                "ArrowLeft" | "ArrowRight" if in_article => {
                    let Some(doc) = doc.as_ref() else {
                        return;
                    };
                    let side = if key == "ArrowLeft" {
                        Side::Left
                    } else {
                        Side::Right
                    };
                    let unit = if ctrl { Unit::Boundary } else { Unit::Char };
                    if e.alt_key() && editable {
                        // Resize the selected annotation on that side.
                        if let Some(a) = focus.as_ref() {
                            let rtl = hl.borrow().text_node(a.block).is_none_or(|n| is_rtl(&n));
                            let unit = if ctrl { Unit::Char } else { Unit::Boundary };
                            match edit::resize(
                                doc,
                                a.block,
                                (a.start, a.end),
                                side,
                                !e.shift_key(),
                                rtl,
                                unit,
                            ) {
                                Some((start, end)) => d.dispatch(Action::Resize {
                                    id: a.id,
                                    start,
                                    end,
                                }),
                                None => {
                                    d.dispatch(Action::Notice("resize: cannot go further".into()))
                                }
                            }
                        }
                    } else {
                        // Move the caret; Shift extends the selection.
                        let current = (*caret.borrow()).or_else(|| {
                            let (block, at) = match focus.as_ref() {
                                Some(a) => (a.block, a.start),
                                None => (0, doc.blocks.first()?.range.start),
                            };
                            Some(Caret {
                                block,
                                anchor: at,
                                focus: at,
                            })
                        });
                        if let Some(c) = current {
                            let rtl = hl.borrow().text_node(c.block).is_none_or(|n| is_rtl(&n));
                            // At a paragraph's edge the caret goes on into
                            // the next (a selection stays in its paragraph).
                            let (block, next) =
                                match edit::move_caret(doc, c.block, c.focus, side, rtl, unit) {
                                    Some(p) => (c.block, p),
                                    None if !e.shift_key() => {
                                        edit::caret_into_neighbour(doc, c.block, side, rtl)
                                            .unwrap_or((c.block, c.focus))
                                    }
                                    None => (c.block, c.focus),
                                };
                            let c2 = Caret {
                                block,
                                anchor: if e.shift_key() { c.anchor } else { next },
                                focus: next,
                            };
                            if block != c.block {
                                // Bring the paragraph the caret entered into view.
                                let el = hl
                                    .borrow()
                                    .text_node(block)
                                    .and_then(|n| n.parent_element());
                                if let Some(el) = el {
                                    let r = el.get_bounding_client_rect();
                                    if r.top() < 0.0 || r.bottom() > viewport_height() {
                                        el.scroll_into_view_with_bool(r.top() < 0.0);
                                    }
                                }
                            }
                            *caret.borrow_mut() = Some(c2);
                            show_caret(Some(c2));
                            if st.focus.is_some() {
                                d.dispatch(Action::Blur);
                            }
                        }
                    }
                }
                "Enter" if in_article && editable => {
                    let sel = (*caret.borrow()).filter(|c| c.anchor != c.focus);
                    if let Some(c) = sel {
                        d.dispatch(Action::Select {
                            start: c.anchor.min(c.focus),
                            end: c.anchor.max(c.focus),
                        });
                    } else if let Some(a) = focus.as_ref().filter(|a| a.status == Status::Suggested)
                    {
                        d.dispatch(Action::Accept(a.id));
                    } else {
                        handled = false;
                    }
                }
                k if editable && in_article && type_for(k).is_some() => {
                    let kind = type_for(k).expect("checked");
                    let sel = (*caret.borrow()).filter(|c| c.anchor != c.focus);
                    if let Some(c) = sel {
                        *caret.borrow_mut() = None;
                        show_caret(None);
                        d.dispatch(Action::Add {
                            start: c.anchor.min(c.focus),
                            end: c.anchor.max(c.focus),
                            kind,
                        });
                    } else if let Some(a) = focus.as_ref() {
                        d.dispatch(Action::Retype(a.id, kind));
                    } else {
                        handled = false;
                    }
                }
                // Apply the correction to the other mentions, as offered
                // after an add or a retype (the offer's button, from the
                // keyboard).
                "m" if editable && in_article && st.offer.is_some() => {
                    d.dispatch(Action::ApplyOffer)
                }
                "a" if editable && in_article && focus.is_some() => {
                    d.dispatch(Action::Accept(focus.as_ref().expect("checked").id))
                }
                "r" if editable && in_article && focus.is_some() => {
                    d.dispatch(Action::Reject(focus.as_ref().expect("checked").id))
                }
                "Delete" | "Backspace" if editable && in_article && focus.is_some() => {
                    d.dispatch(Action::Delete(focus.as_ref().expect("checked").id))
                }
                "e" if editable
                    && in_article
                    && focus.as_ref().is_some_and(|a| a.kind.is_temporal()) =>
                {
                    editing_value.set(true)
                }
                "s" if editable && in_article => {
                    d.dispatch(Action::Sticky(match (st.sticky, focus.as_ref()) {
                        (Some(_), _) => None,
                        (None, Some(a)) => Some(a.kind),
                        (None, None) => types.first().copied(),
                    }))
                }
                _ => handled = false,
            }
            if handled {
                e.prevent_default();
            }
        })
    };

    let on_action = {
        let dispatcher = state.dispatcher();
        let refocus = refocus.clone();
        Callback::from(move |a: Action| {
            let vanishing = matches!(
                a,
                Action::Accept(_)
                    | Action::Reject(_)
                    | Action::Delete(_)
                    | Action::ApplyOffer
                    | Action::DismissOffer
                    | Action::Blur
                    | Action::Help(false)
            );
            dispatcher.dispatch(a);
            if vanishing {
                refocus();
            }
        })
    };
    // Export: a file download. Import: placed annotations replace the layer
    // (one undoable step), the others are listed; an invalid file changes
    // nothing and says what is wrong.
    let on_export = {
        let st = state.clone();
        let dispatcher = state.dispatcher();
        let bridge = cfg.bridge.clone();
        Callback::from(move |f: hamish_core::formats::Format| {
            match crate::exchange::export(&st, f) {
                Ok(data) => {
                    let name = format!(
                        "hamish-{}.{}",
                        st.doc
                            .as_ref()
                            .map(|d| d.fingerprint[..8].to_owned())
                            .unwrap_or_default(),
                        f.extension()
                    );
                    if let Err(e) = crate::dom::download::download(&name, f.mime_type(), &data) {
                        dispatcher.dispatch(Action::Notice(e));
                    }
                }
                Err(e) => {
                    if let Some(b) = &bridge {
                        b.0.error("export", &e);
                    }
                    dispatcher.dispatch(Action::Notice(e));
                }
            }
        })
    };
    let on_import = {
        let st = state.clone();
        let dispatcher = state.dispatcher();
        let bridge = cfg.bridge.clone();
        let failed = s.import_failed;
        Callback::from(move |(name, data): (String, String)| {
            match crate::exchange::import(&st, &data, None, Some(&name)) {
                Ok(imp) => dispatcher.dispatch(Action::Imported(imp)),
                Err(e) => {
                    if let Some(b) = &bridge {
                        b.0.error("import", &e);
                    }
                    dispatcher.dispatch(Action::Notice(format!("{failed}: {name}: {e}")));
                }
            }
        })
    };
    let on_toggle = {
        let dispatcher = state.dispatcher();
        Callback::from(move |k: EntityType| dispatcher.dispatch(Action::ToggleType(k)))
    };
    let on_pick = {
        let dispatcher = state.dispatcher();
        let refocus = refocus.clone();
        Callback::from(move |k: EntityType| {
            dispatcher.dispatch(Action::AddPending(k));
            refocus();
        })
    };
    let on_cancel_pick = {
        let dispatcher = state.dispatcher();
        let refocus = refocus.clone();
        Callback::from(move |_: ()| {
            dispatcher.dispatch(Action::CancelSelect);
            refocus();
        })
    };
    let on_help_close = {
        let on_action = on_action.clone();
        Callback::from(move |_: ()| on_action.emit(Action::Help(false)))
    };
    let on_edit_value = {
        let editing_value = editing_value.clone();
        let refocus = refocus.clone();
        Callback::from(move |open: bool| {
            editing_value.set(open);
            if !open {
                refocus();
            }
        })
    };

    // Resize handles: drag an edge with mouse, pen or finger.
    let handle = |edge: Edge, pos: (f64, f64, f64)| -> Html {
        let Some(a) = state.focus.and_then(|id| state.ann(id)).cloned() else {
            return html! {};
        };
        let drag = drag.clone();
        let hl = hl.clone();
        let doc = state.doc.clone();
        let root_ref = root_ref.clone();
        let dispatcher = state.dispatcher();
        let onpointerdown = {
            let drag = drag.clone();
            Callback::from(move |e: PointerEvent| {
                e.prevent_default();
                e.stop_propagation();
                if let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                    let _ = t.set_pointer_capture(e.pointer_id());
                }
                *drag.borrow_mut() = Some(Drag {
                    id: a.id,
                    edge,
                    block: a.block,
                    span: (a.start, a.end),
                });
            })
        };
        let onpointermove = {
            let drag = drag.clone();
            let hl = hl.clone();
            let doc = doc.clone();
            let root_ref = root_ref.clone();
            Callback::from(move |e: PointerEvent| {
                let Some(mut dr) = *drag.borrow() else {
                    return;
                };
                let (Some(root), Some(doc)) = (root_ref.cast::<Element>(), doc.as_ref()) else {
                    return;
                };
                let Some((block, at)) = selection::offset_at_point(
                    &root,
                    doc,
                    f64::from(e.client_x()),
                    f64::from(e.client_y()),
                ) else {
                    return;
                };
                if block != dr.block {
                    return;
                }
                let stops = match dr.edge {
                    Edge::Start => doc.start_stops(block),
                    Edge::End => doc.end_stops(block),
                };
                let at = if e.alt_key() {
                    at
                } else {
                    stops
                        .iter()
                        .copied()
                        .min_by_key(|&s| s.abs_diff(at))
                        .unwrap_or(at)
                };
                let (s, en) = match dr.edge {
                    Edge::Start => (at, dr.span.1),
                    Edge::End => (dr.span.0, at),
                };
                if s < en {
                    dr.span = (s, en);
                    *drag.borrow_mut() = Some(dr);
                    hl.borrow().preview(doc, dr.id, block, s, en);
                }
            })
        };
        let finish = {
            let drag = drag.clone();
            Callback::from(move |_: PointerEvent| {
                if let Some(dr) = drag.borrow_mut().take() {
                    dispatcher.dispatch(Action::Resize {
                        id: dr.id,
                        start: dr.span.0,
                        end: dr.span.1,
                    });
                }
            })
        };
        let (x, y, h) = pos;
        let (cls, label) = match edge {
            Edge::Start => ("hamish-handle-start", s.handle_start),
            Edge::End => ("hamish-handle-end", s.handle_end),
        };
        html! {
            <div class={classes!("hamish-handle", cls)} role="slider" aria-label={label}
                 style={format!("left:{:.1}px;top:{:.1}px;height:{:.1}px", x - 7.0, y, h)}
                 onpointerdown={onpointerdown} onpointermove={onpointermove}
                 onpointerup={finish.clone()} onpointercancel={finish} />
        }
    };

    let offer = match (&state.offer, state.doc.as_ref()) {
        (Some(o), Some(doc)) if editable => {
            let contexts = o
                .targets
                .iter()
                .take(crate::components::offer::OFFER_PREVIEW + 1)
                .map(|&(a, b)| {
                    let before: String = doc.text[..a]
                        .chars()
                        .rev()
                        .take(24)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    let after: String = doc.text[b..].chars().take(24).collect();
                    format!(
                        "…{}[{}]{}…",
                        before.replace('\n', " "),
                        &doc.text[a..b],
                        after.replace('\n', " ")
                    )
                })
                .collect::<Vec<_>>();
            html! { <OfferBar offer={o.clone()} contexts={contexts} ui={ui} on_action={on_action.clone()} /> }
        }
        _ => html! {},
    };
    let card_id = format!("{prefix}-card");
    let card = match (state.active(), state.doc.as_ref()) {
        (Some(a), Some(doc)) => html! {
            <Card ann={a.clone()} text={AttrValue::from(doc.text[a.start..a.end].to_owned())}
                  value_words={a.value.as_deref().and_then(|v| {
                      let lang = if ui == UiLang::En { Lang::En } else { Lang::Ar };
                      hamish_core::temporal::describe(a.kind, v, lang)
                  }).map(AttrValue::from)} pos={geometry.card} ui={ui} id={card_id.clone()}
                  types={types.clone()} editable={editable && state.focus == Some(a.id)}
                  editing_value={*editing_value} on_action={on_action.clone()}
                  on_edit_value={on_edit_value}>
                { offer.clone() }
            </Card>
        },
        _ => html! {},
    };
    let handles = match geometry.handles {
        Some([a, b]) if editable && state.focus.is_some() => {
            html! { <>{ handle(Edge::Start, a) }{ handle(Edge::End, b) }</> }
        }
        _ => html! {},
    };
    let picker = match state.pending {
        Some(_) if editable => html! {
            <Picker types={types.clone()} pos={*picker_pos} ui={ui} on_pick={on_pick} on_cancel={on_cancel_pick} />
        },
        _ => html! {},
    };
    // What a screen reader hears: the type picker's choices while it is
    // open (the keyboard stays in the article, so nothing else says so),
    // else the annotation in focus.
    let picking = (editable && state.pending.is_some()).then(|| {
        let choices: Vec<String> = types
            .iter()
            .enumerate()
            .map(|(i, &k)| format!("{} {}", i + 1, type_label(ui, k)))
            .collect();
        let comma = if ui == UiLang::Ar { "، " } else { ", " };
        format!("{}: {} (Esc)", s.pick_type, choices.join(comma))
    });
    let live = picking
        .or_else(|| {
            state.active().zip(state.doc.as_ref()).map(|(a, doc)| {
                let mut t = format!("{}: {}", type_label(ui, a.kind), &doc.text[a.start..a.end]);
                if let Some(v) = &a.value {
                    t.push_str(&format!(" ({v})"));
                }
                t
            })
        })
        .unwrap_or_default();
    let status = match &state.phase {
        Phase::Loading => Some(s.loading.to_owned()),
        Phase::Analysing => Some(s.analysing.to_owned()),
        Phase::Failed(e) => Some(format!("{}: {e}", s.load_failed)),
        Phase::Ready if state.doc.as_ref().is_some_and(|d| d.blocks.is_empty()) => {
            Some(s.empty.to_owned())
        }
        Phase::Ready => None,
    };
    let supported = hl.borrow().supported();
    let phase = match state.phase {
        Phase::Loading => "loading",
        Phase::Analysing => "analysing",
        Phase::Ready => "ready",
        Phase::Failed(_) => "failed",
    };
    let counts = state.counts();
    let total: usize = counts
        .iter()
        .enumerate()
        .filter(|(i, _)| !state.hidden[*i])
        .map(|(_, c)| c)
        .sum();
    let article_dir = match cfg.lang {
        Lang::En => "ltr",
        Lang::Ar => "rtl",
        // Not "auto": see Document::base_direction.
        Lang::Auto => state.doc.as_ref().map_or("ltr", |d| d.base_direction()),
    };
    let css = format!("{WIDGET_CSS}\n{}", highlight_css(&prefix));
    let caret_bar = match *caret_box {
        Some((x, y, h)) => html! {
            <div class="hamish-caret" aria-hidden="true" style={format!("left:{x:.1}px;top:{y:.1}px;height:{h:.1}px")}></div>
        },
        None => html! {},
    };
    html! {
        <div class="hamish" ref={root_ref} dir={ui.dir()} lang={ui.code()}
             data-phase={phase} data-instance={prefix.clone()}
             data-readonly={cfg.readonly.to_string()}
             onkeydown={onkeydown}>
            <style>{ css }</style>
            <Toolbar can_undo={!state.undo.is_empty()} can_redo={!state.redo.is_empty()}
                     suggestions={state.suggestions()} sticky={state.sticky} types={types.clone()}
                     reference_date={state.reference_date} save={state.save.clone()}
                     readonly={!editable} ui={ui} on_action={on_action.clone()}>
                <ExchangeControls ui={ui} editable={editable} on_export={on_export} on_import={on_import} />
            </Toolbar>
            <Legend counts={counts} hidden={state.hidden} types={types.clone()} ui={ui} on_toggle={on_toggle} />
            if let Some(msg) = status {
                <div class={classes!("hamish-status", matches!(state.phase, Phase::Failed(_)).then_some("hamish-error"))} role="status">{ msg }</div>
            }
            if !supported {
                <div class="hamish-status hamish-error" role="alert">{ s.no_highlight_api }</div>
            }
            for w in state.warnings.iter() {
                <div class="hamish-status hamish-warning" role="status">{ w.clone() }</div>
            }
            if let Some(n) = &state.notice {
                <div class="hamish-status hamish-notice" role="status">{ n.clone() }</div>
            }
            if !state.orphans.is_empty() && editable {
                <Orphans orphans={state.orphans.clone()} placing={state.placing} ui={ui} on_action={on_action.clone()} />
            }
            if in_place {
                // The article is the host's; this is where the keyboard
                // reviews its annotations.
                <div class="hamish-nav" ref={article_ref} tabindex="0" role="toolbar"
                     aria-label={s.article_label} aria-describedby={card_id.clone()} {onfocus}>
                    <kbd>{ "Tab" }</kbd>{ " " }<kbd>{ "j" }</kbd>{ " " }<kbd>{ "k" }</kbd>
                </div>
            } else {
                <div class="hamish-article" ref={article_ref} tabindex="0" role="document"
                     dir={article_dir} lang={cfg.lang.code().replace("auto", "")}
                     aria-label={s.article_label} aria-describedby={card_id.clone()}
                     {onmousemove} {onmouseleave} {onpointerdown} {onpointerup} {onclick} {onfocus}
                     onpointermove={onpointermove_lp} {onpointercancel}>
                    if let Some(doc) = state.doc.clone() {
                        <Article doc={DocRef(doc)} />
                    }
                </div>
            }
            { caret_bar }
            { handles }
            { card }
            { picker }
            if state.help {
                <Help ui={ui} on_close={on_help_close} />
            }
            <div class="hamish-sr" aria-live="polite">{ live }</div>
            <span class="hamish-meta" hidden=true ref={meta_ref}
                  data-visible-annotations={total.to_string()}
                  data-analysis-ms={state.analysis_ms.map(|m| format!("{m:.2}"))}></span>
        </div>
    }
}
