//! The annotator: one widget instance.

use std::cell::RefCell;
use std::rc::Rc;

use hamish_core::{CivilDate, EntityType, Lang, Options};
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::components::article::{Article, DocRef};
use crate::components::card::Card;
use crate::components::legend::Legend;
use crate::doc::Document;
use crate::dom::fetch::fetch_text;
use crate::dom::highlights::{highlight_css, Highlighter};
use crate::i18n::{strings, type_label, UiLang};
use crate::state::{Action, Phase, State};

/// The widget's own stylesheet (theme variables, layout), scoped to
/// `.hamish`.
const WIDGET_CSS: &str = include_str!("../../www/hamish.css");

/// Where the article text comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum TextSource {
    /// The text itself.
    Inline(Rc<str>),
    /// A URL to fetch it from (relative to the page).
    Url(String),
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
    /// Instance number, unique per page (prefixes highlight names).
    pub instance: u32,
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
            instance,
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
    let mut s = State::default();
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
    let card_pos = use_state(|| None::<(f64, f64)>);
    let pointer_down = use_mut_ref(|| false);
    let ui = cfg.ui;
    let s = strings(ui);

    // Load the text whenever the source changes.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(cfg.source.clone(), move |src| match src.clone() {
            TextSource::Inline(t) => {
                dispatcher.dispatch(Action::Loaded(Rc::new(Document::new(&t))))
            }
            TextSource::Url(u) => wasm_bindgen_futures::spawn_local(async move {
                match fetch_text(&u).await {
                    Ok(t) => dispatcher.dispatch(Action::Loaded(Rc::new(Document::new(&t)))),
                    Err(e) => dispatcher.dispatch(Action::LoadFailed(e)),
                }
            }),
        });
    }

    // A new document: attach the highlighter to its text nodes, analyse it
    // once the text has painted.
    {
        let dispatcher = state.dispatcher();
        let hl = hl.clone();
        let article_ref = article_ref.clone();
        let options = Options {
            lang: cfg.lang,
            reference_date: cfg.reference_date,
        };
        use_effect_with(
            (state.doc.clone().map(DocRef), options),
            move |(doc, options)| {
                if let (Some(doc), Some(article)) = (doc.clone(), article_ref.cast::<Element>()) {
                    hl.borrow_mut().attach(&article, &doc.0);
                    let options = options.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        yield_to_browser().await;
                        let t0 = now_ms();
                        let analysis = hamish_core::analyze(&doc.0.text, &options);
                        let elapsed_ms = now_ms() - t0;
                        dispatcher.dispatch(Action::Analysed {
                            annotations: analysis.annotations,
                            warnings: analysis.warnings,
                            elapsed_ms,
                        });
                    });
                }
            },
        );
    }

    // Keep the registered highlights in line with the annotations.
    {
        let hl = hl.clone();
        let root_ref = root_ref.clone();
        let st = state.clone();
        use_effect_with(
            (
                state.anns.clone(),
                state.hidden,
                state.doc.clone().map(DocRef),
            ),
            move |_| {
                if let Some(doc) = st.doc.as_ref() {
                    hl.borrow_mut().sync(&st, doc);
                }
                if let Some(root) = root_ref.cast::<Element>() {
                    if st.phase == Phase::Ready && !root.has_attribute("data-ready-at") {
                        let _ = root.set_attribute("data-ready-at", &format!("{:.1}", now_ms()));
                    }
                }
            },
        );
    }

    // The active annotation: emphasise it, place the card, keep it in view.
    let active_id = state.active().map(|a| a.id);
    {
        let hl = hl.clone();
        let root_ref = root_ref.clone();
        let card_pos = card_pos.clone();
        let article_ref = article_ref.clone();
        let focus = state.focus;
        use_effect_with((active_id, focus), move |(active, focus)| {
            hl.borrow_mut().set_active(*active);
            let pos = active.and_then(|id| {
                let root = root_ref.cast::<Element>()?;
                let rects = hl.borrow().rects(id);
                let r = rects.first()?;
                let base = root.get_bounding_client_rect();
                let width = base.width();
                let left = (r.left() - base.left()).clamp(0.0, (width - 300.0).max(0.0));
                Some((left, r.bottom() - base.top() + 6.0))
            });
            card_pos.set(pos);
            if let (Some(id), Some(_)) = (*active, *focus) {
                // Scroll the selected annotation into view when needed.
                let rect = hl.borrow().rects(id).into_iter().next();
                if let (Some(r), Some(w)) = (rect, web_sys::window()) {
                    let h = w
                        .inner_height()
                        .ok()
                        .and_then(|v| v.as_f64())
                        .unwrap_or(0.0);
                    if r.top() < 0.0 || r.bottom() > h {
                        if let Some(el) = article_ref.cast::<Element>() {
                            let block = hl
                                .borrow()
                                .range(id)
                                .and_then(|rg| rg.start_container().ok());
                            if let Some(p) = block.and_then(|n| n.parent_element()) {
                                p.scroll_into_view_with_bool(false);
                            } else {
                                el.scroll_into_view();
                            }
                        }
                    }
                }
            }
        });
    }

    // Remove this instance's highlights when the widget goes away.
    {
        let hl = hl.clone();
        use_effect_with((), move |_| move || hl.borrow_mut().detach());
    }

    let hit_test = {
        let hl = hl.clone();
        let st = state.clone();
        move |e: &MouseEvent| -> Option<u32> {
            let target = e.target()?.dyn_into::<Element>().ok()?;
            let block_el = target.closest("[data-block]").ok()??;
            let block: usize = block_el.get_attribute("data-block")?.parse().ok()?;
            let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
            let hl = hl.borrow();
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
    };

    let onmousemove = {
        let dispatcher = state.dispatcher();
        let current = state.hover;
        let hit_test = hit_test.clone();
        Callback::from(move |e: MouseEvent| {
            let id = hit_test(&e);
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
    let onmousedown = {
        let pointer_down = pointer_down.clone();
        Callback::from(move |_: MouseEvent| *pointer_down.borrow_mut() = true)
    };
    let onclick = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: MouseEvent| match hit_test(&e) {
            Some(id) => dispatcher.dispatch(Action::Focus(id)),
            None => dispatcher.dispatch(Action::Blur),
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
    let onblur = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: FocusEvent| dispatcher.dispatch(Action::Blur))
    };
    let onkeydown = {
        let dispatcher = state.dispatcher();
        let ids = visible_ids(&state);
        let focus = state.focus;
        Callback::from(move |e: KeyboardEvent| {
            let pos = focus.and_then(|f| ids.iter().position(|&id| id == f));
            let has_next = match pos {
                Some(p) => p + 1 < ids.len(),
                None => !ids.is_empty(),
            };
            let has_prev = match pos {
                Some(p) => p > 0,
                None => !ids.is_empty(),
            };
            match e.key().as_str() {
                "Tab" if !e.shift_key() && has_next && focus.is_some() => {
                    e.prevent_default();
                    dispatcher.dispatch(Action::FocusNext);
                }
                "Tab" if e.shift_key() && has_prev && focus.is_some() => {
                    e.prevent_default();
                    dispatcher.dispatch(Action::FocusPrev);
                }
                "ArrowDown" | "j" | "n" => {
                    e.prevent_default();
                    dispatcher.dispatch(Action::FocusNext);
                }
                "ArrowUp" | "k" | "p" => {
                    e.prevent_default();
                    dispatcher.dispatch(Action::FocusPrev);
                }
                "Home" if !ids.is_empty() => {
                    e.prevent_default();
                    dispatcher.dispatch(Action::Focus(ids[0]));
                }
                "End" if !ids.is_empty() => {
                    e.prevent_default();
                    dispatcher.dispatch(Action::Focus(ids[ids.len() - 1]));
                }
                "Escape" => dispatcher.dispatch(Action::Blur),
                _ => {}
            }
        })
    };
    let on_toggle = {
        let dispatcher = state.dispatcher();
        Callback::from(move |k: EntityType| dispatcher.dispatch(Action::ToggleType(k)))
    };

    let card_id = format!("{prefix}-card");
    let card = match (state.active(), state.doc.as_ref()) {
        (Some(a), Some(doc)) => html! {
            <Card ann={a.clone()} text={AttrValue::from(doc.text[a.start..a.end].to_owned())}
                  value_words={None::<AttrValue>} pos={*card_pos} ui={ui} id={card_id.clone()} />
        },
        _ => html! {},
    };
    let live = state
        .active()
        .zip(state.doc.as_ref())
        .map(|(a, doc)| {
            let mut t = format!("{}: {}", type_label(ui, a.kind), &doc.text[a.start..a.end]);
            if let Some(v) = &a.value {
                t.push_str(&format!(" ({v})"));
            }
            t
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
        Lang::Auto => "auto",
    };
    let css = format!("{WIDGET_CSS}\n{}", highlight_css(&prefix));
    html! {
        <div class="hamish" ref={root_ref} dir={ui.dir()} lang={ui.code()}
             data-phase={phase} data-instance={prefix.clone()}
             data-visible-annotations={total.to_string()}
             data-analysis-ms={state.analysis_ms.map(|m| format!("{m:.2}"))}>
            <style>{ css }</style>
            <Legend counts={counts} hidden={state.hidden} types={cfg.types.clone()} ui={ui} on_toggle={on_toggle} />
            if let Some(msg) = status {
                <div class={classes!("hamish-status", matches!(state.phase, Phase::Failed(_)).then_some("hamish-error"))} role="status">{ msg }</div>
            }
            if !supported {
                <div class="hamish-status hamish-error" role="alert">{ s.no_highlight_api }</div>
            }
            for w in state.warnings.iter() {
                <div class="hamish-status hamish-warning" role="status">{ w.clone() }</div>
            }
            <div class="hamish-article" ref={article_ref} tabindex="0" role="document"
                 dir={article_dir} lang={cfg.lang.code().replace("auto", "")}
                 aria-label={s.article_label} aria-describedby={card_id.clone()}
                 {onmousemove} {onmouseleave} {onmousedown} {onclick} {onfocus} {onblur} {onkeydown}>
                if let Some(doc) = state.doc.clone() {
                    <Article doc={DocRef(doc)} />
                }
            </div>
            { card }
            <div class="hamish-sr" aria-live="polite">{ live }</div>
        </div>
    }
}
