//! The JavaScript API: `mount(element, options) -> WidgetHandle`, used by
//! the `<hamish-annotator>` custom element of `hamish.js` and by frameworks.
//!
//! Every widget lives in its own element (typically a shadow root the
//! loader creates), has its own state, highlight names and storage key, and
//! is freed by `destroy()`. Nothing is global but an instance counter and
//! the list of storage keys the live widgets save under
//! ([`crate::persist::claim`]).

use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element};
use yew::AppHandle;

use hamish_core::EntityType;

use crate::bridge::{js_annotation, Bridge, BridgeRef, Event};
use crate::components::{Annotator, AnnotatorProps, Config, TextSource};
use crate::i18n::UiLang;
use crate::state::{Action, Restored, Status};

static NEXT_INSTANCE: AtomicU32 = AtomicU32::new(1);

/// A fresh instance number (prefixes highlight names and ids).
pub fn next_instance() -> u32 {
    NEXT_INSTANCE.fetch_add(1, Ordering::Relaxed)
}

fn err(msg: impl AsRef<str>) -> JsValue {
    js_sys::Error::new(msg.as_ref()).into()
}

fn get(obj: &JsValue, key: &str) -> Option<JsValue> {
    if obj.is_undefined() || obj.is_null() {
        return None;
    }
    Reflect::get(obj, &key.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn get_string(obj: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    match get(obj, key) {
        None => Ok(None),
        Some(v) => v
            .as_string()
            .map(Some)
            .ok_or_else(|| err(format!("hamish: option {key:?} must be a string"))),
    }
}

/// Parses the `types` option: an array of codes or a comma-separated string.
pub fn parse_types(v: &JsValue) -> Result<Vec<EntityType>, JsValue> {
    let items: Vec<String> = if let Some(s) = v.as_string() {
        s.split([',', ' '])
            .filter(|x| !x.trim().is_empty())
            .map(str::to_owned)
            .collect()
    } else if Array::is_array(v) {
        Array::from(v)
            .iter()
            .filter_map(|x| x.as_string())
            .collect()
    } else {
        return Err(err(
            "hamish: option \"types\" must be an array or a comma-separated string",
        ));
    };
    items
        .iter()
        .map(|t| {
            t.parse::<EntityType>()
                .map_err(|e| err(format!("hamish: types: {e}")))
        })
        .collect()
}

/// Builds a configuration from a JS options object, on top of `base`.
fn apply_options(mut cfg: Config, options: &JsValue) -> Result<Config, JsValue> {
    if let Some(t) = get_string(options, "text")? {
        cfg.source = TextSource::Inline(Rc::from(t.as_str()));
    } else if let Some(u) = get_string(options, "src")? {
        cfg.source = TextSource::Url(u);
    }
    if let Some(l) = get_string(options, "lang")? {
        cfg.lang = l.parse().map_err(|e| err(format!("hamish: lang: {e}")))?;
    }
    if let Some(v) = get(options, "referenceDate") {
        cfg.reference_date = match v.as_string() {
            Some(s) if s.trim().is_empty() => None,
            Some(s) => Some(
                s.trim()
                    .parse()
                    .map_err(|e| err(format!("hamish: referenceDate: {e}")))?,
            ),
            None => {
                return Err(err(
                    "hamish: option \"referenceDate\" must be a YYYY-MM-DD string",
                ))
            }
        };
    }
    if let Some(b) = get_string(options, "modelBase")? {
        cfg.model_base = if b.ends_with('/') { b } else { format!("{b}/") };
    }
    if let Some(u) = get_string(options, "uiLang")? {
        // "ar", "en" or a regional form of either ("en-GB"); anything else
        // is a mistake worth hearing about, not a silent Arabic.
        let base = u
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if base != "ar" && base != "en" {
            return Err(err(format!(
                "hamish: option \"uiLang\" must be \"ar\" or \"en\" (got {u:?})"
            )));
        }
        cfg.ui = UiLang::parse(&base);
    }
    if let Some(v) = get(options, "readonly") {
        cfg.readonly = v
            .as_bool()
            .ok_or_else(|| err("hamish: option \"readonly\" must be a boolean"))?;
    }
    if let Some(v) = get(options, "persist") {
        cfg.persist = v
            .as_bool()
            .ok_or_else(|| err("hamish: option \"persist\" must be a boolean"))?;
    }
    if let Some(v) = get(options, "types") {
        let types = parse_types(&v)?;
        if !types.is_empty() {
            cfg.types = types;
        }
    }
    Ok(cfg)
}

fn dispatch_event(host: &Element, name: &str, detail: JsValue) {
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(ev) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&ev);
    }
}

fn to_js<T: serde::Serialize>(v: &T) -> JsValue {
    let s = serde_json::to_string(v).expect("serialisable");
    JSON::parse(&s).unwrap_or(JsValue::NULL)
}

/// A mounted widget.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<Annotator>>,
    config: Config,
    bridge: Rc<Bridge>,
    /// The element the widget created for itself (in-place mode), removed
    /// on destroy.
    own: Option<Element>,
    /// The element marked as holding this widget ([`HOLDS`]), unmarked on
    /// destroy.
    holder: Element,
}

/// Marks an element that holds a live widget (the mount element, or the
/// article of `enhance`): a second widget on it is refused instead of
/// breaking the first.
const HOLDS: &str = "data-hamish-widget";

fn refuse_held(el: &Element) -> Result<(), JsValue> {
    if el.has_attribute(HOLDS) {
        return Err(err(
            "hamish: this element already holds a widget; destroy() it before mounting another",
        ));
    }
    Ok(())
}

/// Mounts a widget inside `element` (its content is replaced; use a shadow
/// root or an empty element). `options`: `{text | src, lang, referenceDate,
/// uiLang, readonly, types, persist}`; events are dispatched on
/// `options.eventTarget` (default: `element`).
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<WidgetHandle, JsValue> {
    refuse_held(&element)?;
    let base = Config::new(TextSource::Inline(Rc::from("")), next_instance());
    let config = apply_options(base, &options)?;
    mount_config(element.clone(), config, &options, None, element)
}

/// The publication date a page states for `article`: a `<time datetime>`
/// inside it, else the `article:published_time` (or `date`,
/// `datePublished`) meta tag; the first ten characters as `YYYY-MM-DD`.
fn page_date(article: &Element) -> Option<hamish_core::CivilDate> {
    let document = web_sys::window()?.document()?;
    let candidates = [
        article
            .query_selector("time[datetime]")
            .ok()
            .flatten()
            .and_then(|t| t.get_attribute("datetime")),
        document
            .query_selector("meta[property='article:published_time'], meta[name='article:published_time'], meta[itemprop='datePublished'], meta[name='date']")
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find_map(|v| v.get(..10).and_then(|d| d.parse().ok()))
}

/// Annotates `article`, an element already on the page, in place: its text
/// is highlighted where it is (nothing is moved, wrapped or rewritten) and
/// a legend and cards are added in a shadow-rooted element just before it.
/// The reference date is `options.referenceDate`, else the page's
/// `<time datetime>` or `article:published_time`. Read-only.
#[wasm_bindgen]
pub fn enhance(article: Element, options: JsValue) -> Result<WidgetHandle, JsValue> {
    refuse_held(&article)?;
    let base = Config::new(TextSource::Host(article.clone()), next_instance());
    let mut config = apply_options(base, &options)?;
    config.source = TextSource::Host(article.clone());
    config.readonly = true;
    config.persist = false;
    if get(&options, "referenceDate").is_none() {
        config.reference_date = page_date(&article);
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| err("hamish: no document"))?;
    let container = document.create_element("hamish-enhance")?;
    let _ = container.set_attribute("data-hamish-skip", "");
    let _ = container.set_attribute("style", "display:block");
    article.before_with_node_1(&container)?;
    let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
    let shadow = container.attach_shadow(&init)?;
    let inner = document.create_element("div")?;
    shadow.append_child(&inner)?;
    let target = match get(&options, "eventTarget") {
        Some(t) => t
            .dyn_into()
            .map_err(|_| err("hamish: option \"eventTarget\" must be an element"))?,
        None => article.clone(),
    };
    mount_config(
        inner,
        config,
        &JsValue::UNDEFINED,
        Some((container, target)),
        article,
    )
}

fn mount_config(
    element: Element,
    mut config: Config,
    options: &JsValue,
    own: Option<(Element, Element)>,
    holder: Element,
) -> Result<WidgetHandle, JsValue> {
    let target: Element = match (&own, get(options, "eventTarget")) {
        (Some((_, t)), _) => t.clone(),
        (None, Some(t)) => t
            .dyn_into()
            .map_err(|_| err("hamish: option \"eventTarget\" must be an element"))?,
        (None, None) => element.clone(),
    };
    // The host element's id keys the saved work (two widgets showing one
    // text keep theirs apart when their elements have different ids).
    config.storage_id = Some(target.id()).filter(|id| !id.is_empty());
    let bridge = Bridge::new(move |e| match e {
        Event::Ready(count) => {
            let d = Object::new();
            let _ = Reflect::set(&d, &"count".into(), &JsValue::from(count as u32));
            dispatch_event(&target, "hamish-ready", d.into());
        }
        Event::Change(detail) => dispatch_event(&target, "hamish-change", to_js(&detail)),
        Event::Error(kind, message) => {
            let d = Object::new();
            let _ = Reflect::set(&d, &"kind".into(), &kind.into());
            let _ = Reflect::set(&d, &"message".into(), &message.into());
            dispatch_event(&target, "hamish-error", d.into());
        }
    });
    config.bridge = Some(BridgeRef(bridge.clone()));
    let _ = holder.set_attribute(HOLDS, "");
    element.set_inner_html("");
    let app = yew::Renderer::<Annotator>::with_root_and_props(
        element,
        AnnotatorProps {
            config: Rc::new(config.clone()),
        },
    )
    .render();
    Ok(WidgetHandle {
        app: Some(app),
        config,
        bridge,
        own: own.map(|(c, _)| c),
        holder,
    })
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Refuses changes to the annotations of an enhanced (in-place,
    /// read-only) article.
    fn writable(&self) -> Result<(), JsValue> {
        if self.own.is_some() {
            return Err(err("hamish: an enhanced article is read-only"));
        }
        Ok(())
    }

    fn live(&self) -> Result<yew::UseReducerHandle<crate::state::State>, JsValue> {
        if self.app.is_none() {
            return Err(err("hamish: this widget was destroyed"));
        }
        self.bridge
            .state()
            .ok_or_else(|| err("hamish: the widget is not rendered yet"))
    }

    /// The text the annotations' offsets index (UTF-16 code units): the
    /// article as the widget reads it. For `enhance()` that is the host
    /// article's text with one line per block (block elements and `<br>`
    /// end a line; scripts, hidden elements and form controls are left
    /// out), not its `textContent`. Empty until the text is loaded.
    #[wasm_bindgen(getter)]
    pub fn text(&self) -> Result<String, JsValue> {
        let s = self.live()?;
        Ok(s.doc
            .as_ref()
            .map(|d| d.text.to_string())
            .unwrap_or_default())
    }

    /// Whether the text is loaded and analysed.
    #[wasm_bindgen(getter)]
    pub fn ready(&self) -> bool {
        self.live()
            .is_ok_and(|s| s.phase == crate::state::Phase::Ready)
    }

    /// The annotations, in text order; offsets in UTF-16 code units.
    pub fn annotations(&self) -> Result<JsValue, JsValue> {
        let s = self.live()?;
        let Some(doc) = s.doc.as_ref() else {
            return Ok(Array::new().into());
        };
        let list: Vec<_> = s.anns.iter().map(|a| js_annotation(doc, a)).collect();
        Ok(to_js(&list))
    }

    /// Replaces the annotations (one undoable step). Each item:
    /// `{start, end, type, value?, status?}` with UTF-16 offsets; items must
    /// lie inside one paragraph and not overlap. Invalid input throws and
    /// changes nothing.
    #[wasm_bindgen(js_name = setAnnotations)]
    pub fn set_annotations(&self, list: JsValue) -> Result<(), JsValue> {
        self.writable()?;
        let s = self.live()?;
        let doc = s
            .doc
            .clone()
            .ok_or_else(|| err("hamish: no text is loaded yet"))?;
        if !Array::is_array(&list) {
            return Err(err("hamish: annotations must be an array"));
        }
        let mut records = Vec::new();
        let existing: std::collections::HashMap<_, _> = s
            .anns
            .iter()
            .map(|a| {
                (
                    (a.start, a.end, a.kind.code(), a.status == Status::Decided),
                    a,
                )
            })
            .collect();
        for (i, item) in Array::from(&list).iter().enumerate() {
            let num = |k: &str| -> Result<usize, JsValue> {
                get(&item, k)
                    .and_then(|v| v.as_f64())
                    .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                    .map(|n| n as usize)
                    .ok_or_else(|| {
                        err(format!(
                            "hamish: annotations[{i}].{k} must be a non-negative integer"
                        ))
                    })
            };
            let (a, b) = (num("start")?, num("end")?);
            let start = doc
                .offsets
                .utf16_to_byte(a)
                .ok_or_else(|| err(format!("hamish: annotations[{i}].start {a} is not a character boundary within the text")))?;
            let end = doc.offsets.utf16_to_byte(b).ok_or_else(|| {
                err(format!(
                    "hamish: annotations[{i}].end {b} is not a character boundary within the text"
                ))
            })?;
            if start >= end {
                return Err(err(format!(
                    "hamish: annotations[{i}]: start must be before end"
                )));
            }
            let kind: EntityType = get_string(&item, "type")?
                .ok_or_else(|| err(format!("hamish: annotations[{i}].type is missing")))?
                .parse()
                .map_err(|e| err(format!("hamish: annotations[{i}].type: {e}")))?;
            let status = match get_string(&item, "status")?.as_deref() {
                None | Some("decided") => Status::Decided,
                Some("suggested") => Status::Suggested,
                Some(x) => {
                    return Err(err(format!(
                        "hamish: annotations[{i}].status: unknown status {x:?}"
                    )))
                }
            };
            let block = doc.block_at(start);
            if block.is_none_or(|b| end > doc.blocks[b].range.end) {
                return Err(err(format!(
                    "hamish: annotations[{i}] crosses a paragraph boundary"
                )));
            }
            if crate::state::is_blank(&doc.text[start..end]) {
                return Err(err(format!(
                    "hamish: annotations[{i}] covers only white space or invisible characters"
                )));
            }
            let value = get_string(&item, "value")?;
            if let Some(v) = &value {
                if !kind.is_temporal() {
                    return Err(err(format!(
                        "hamish: annotations[{i}].value: only dates and times have a value ({} has none)",
                        kind.code()
                    )));
                }
                crate::edit::validate_timex(v)
                    .map_err(|e| err(format!("hamish: annotations[{i}].value: {e}")))?;
            }
            let mut record = Restored::new(start, end, kind);
            record.value = value;
            record.status = status;
            // An annotation written back as it was read (same span, type
            // and status; the same value or none) keeps where it came from:
            // its source, confidence, link and note (the input has no
            // fields for them).
            let same = existing
                .get(&(start, end, kind.code(), status == Status::Decided))
                .filter(|a| record.value.is_none() || record.value == a.value);
            if let Some(a) = same {
                record.value = a.value.clone();
                record.source = a.source;
                record.confidence = a.confidence;
                record.link = a.link.clone();
                record.note = a.note.clone();
            }
            records.push(record);
        }
        let mut sorted: Vec<(usize, usize)> = records.iter().map(|r| (r.start, r.end)).collect();
        sorted.sort_unstable();
        if sorted.windows(2).any(|w| w[1].0 < w[0].1) {
            return Err(err("hamish: annotations overlap"));
        }
        s.dispatch(Action::Import(records));
        Ok(())
    }

    /// The annotations as a file in `format` (`hamish`, the default, `w3c`,
    /// `conll`, `brat`); offsets in the file are code points (see the README).
    pub fn export(&self, format: Option<String>) -> Result<String, JsValue> {
        let s = self.live()?;
        let f: hamish_core::formats::Format = format
            .as_deref()
            .unwrap_or("hamish")
            .parse()
            .map_err(|e: hamish_core::formats::FormatError| err(e.to_string()))?;
        crate::exchange::export(&s, f).map_err(err)
    }

    /// Imports a file's contents (`format` optional: guessed from the
    /// contents). Placed annotations replace the current ones as one
    /// undoable step; returns `{placed, relocated, orphaned: [{quote, type,
    /// reason}], warnings}`. An invalid file throws an Error naming the line
    /// or field, and changes nothing.
    pub fn import(&self, data: &str, format: Option<String>) -> Result<JsValue, JsValue> {
        self.writable()?;
        let s = self.live()?;
        let f = match format.as_deref() {
            None | Some("") => None,
            Some(x) => Some(
                x.parse()
                    .map_err(|e: hamish_core::formats::FormatError| err(e.to_string()))?,
            ),
        };
        let imp = crate::exchange::import(&s, data, f, None).map_err(err)?;
        #[derive(serde::Serialize)]
        struct OrphanOut<'a> {
            quote: &'a str,
            #[serde(rename = "type")]
            kind: &'static str,
            reason: &'a str,
        }
        #[derive(serde::Serialize)]
        struct Out<'a> {
            placed: usize,
            relocated: usize,
            orphaned: Vec<OrphanOut<'a>>,
            warnings: &'a [String],
        }
        let out = to_js(&Out {
            placed: imp.placed.len(),
            relocated: imp.relocated,
            orphaned: imp
                .orphans
                .iter()
                .map(|o| OrphanOut {
                    quote: &o.quote,
                    kind: o.kind.code(),
                    reason: &o.reason,
                })
                .collect(),
            warnings: &imp.warnings,
        });
        s.dispatch(Action::Imported(imp));
        Ok(out)
    }

    /// Analyses the text again; reader decisions and rejections are kept.
    pub fn analyze(&self) -> Result<(), JsValue> {
        self.live()?.dispatch(Action::Reanalyze);
        Ok(())
    }

    /// Changes options (`text`, `src`, `lang`, `referenceDate`, `uiLang`,
    /// `readonly`, `types`, `persist`); unspecified ones keep their value.
    pub fn update(&mut self, options: JsValue) -> Result<(), JsValue> {
        let mut config = apply_options(self.config.clone(), &options)?;
        if self.own.is_some() {
            // In place, the article is the host's: it stays read-only.
            if !config.readonly {
                return Err(err("hamish: an enhanced article is read-only"));
            }
            config.persist = false;
        }
        let app = self
            .app
            .as_mut()
            .ok_or_else(|| err("hamish: this widget was destroyed"))?;
        self.config = config.clone();
        app.update(AnnotatorProps {
            config: Rc::new(config),
        });
        Ok(())
    }

    /// Unmounts the widget and frees its highlights and listeners. Waiting
    /// corrections are saved first.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        if let Some(own) = self.own.take() {
            own.remove();
        }
        let _ = self.holder.remove_attribute(HOLDS);
    }
}

thread_local! {
    static STARTUP: std::cell::Cell<Option<(f64, f64)>> = const { std::cell::Cell::new(None) };
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

thread_local! {
    static LEXICON_MS: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
}

/// Builds the bundled lexicons if this page has not yet (the first widget
/// does, before it reads its text) and records how long that took.
pub fn load_lexicon() {
    if LEXICON_MS.with(|c| c.get()).is_none() {
        let t0 = now();
        let _ = hamish_core::lexicon::Lexicon::bundled();
        let ms = now() - t0;
        LEXICON_MS.with(|c| c.set(Some(ms)));
    }
}

/// A new analyser (bundled lexicons and the Arabic model); the first one in
/// a page records how long the model took to load.
pub fn new_analyzer() -> hamish_core::Analyzer {
    load_lexicon();
    let t1 = now();
    // The Arabic model is in the bundle; the English one is downloaded when
    // a text needs it (see `dom::models`).
    let a = hamish_core::Analyzer::with_models(
        hamish_core::tagger::model::Model::from_bytes(hamish_core::analyzer::BUNDLED_AR_MODEL),
        Err(hamish_core::tagger::model::ModelError::Unavailable(
            "the English model is downloaded when English text appears".into(),
        )),
    );
    let t2 = now();
    let lexicon_ms = LEXICON_MS.with(|c| c.get()).unwrap_or(0.0);
    STARTUP.with(|s| {
        if s.get().is_none() {
            s.set(Some((lexicon_ms, t2 - t1)));
        }
    });
    a
}

/// Analyses `text` `rounds` times with a fresh analyser (after one
/// warm-up run) and reports `{tokens, msPerRound, tokensPerSecond}`: the
/// WASM throughput figure of the benchmarks.
#[wasm_bindgen(js_name = benchmarkAnalysis)]
pub fn benchmark_analysis(text: &str, rounds: u32) -> JsValue {
    let analyzer = new_analyzer();
    let options = hamish_core::Options {
        lang: hamish_core::Lang::Ar,
        reference_date: "2025-05-17".parse().ok(),
    };
    let norm = hamish_core::normalize::Normalized::new(
        text,
        hamish_core::normalize::NormOptions::default(),
    );
    let tokens =
        hamish_core::token::tokenize(&norm, hamish_core::lexicon::Lexicon::bundled()).len();
    let _ = analyzer.analyze(text, &options);
    let rounds = rounds.max(1);
    let t0 = now();
    for _ in 0..rounds {
        let _ = analyzer.analyze(text, &options);
    }
    let ms = (now() - t0) / f64::from(rounds);
    let o = Object::new();
    let _ = Reflect::set(&o, &"tokens".into(), &(tokens as f64).into());
    let _ = Reflect::set(&o, &"msPerRound".into(), &ms.into());
    let _ = Reflect::set(
        &o,
        &"tokensPerSecond".into(),
        &(tokens as f64 / ms * 1000.0).into(),
    );
    o.into()
}

/// How long loading the bundled data took for the first widget of this
/// page, in milliseconds: `{lexiconMs, modelsMs}` (null before any widget
/// analysed a text).
#[wasm_bindgen(js_name = startupTimings)]
pub fn startup_timings() -> JsValue {
    let Some((lex, models)) = STARTUP.with(|s| s.get()) else {
        return JsValue::NULL;
    };
    let o = Object::new();
    let _ = Reflect::set(&o, &"lexiconMs".into(), &lex.into());
    let _ = Reflect::set(&o, &"modelsMs".into(), &models.into());
    o.into()
}
