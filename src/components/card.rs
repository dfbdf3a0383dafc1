//! The card describing the active annotation, with its corrections.

use std::rc::Rc;

use hamish_core::EntityType;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::edit::validate_timex;
use crate::i18n::{source_label, strings, type_label, UiLang};
use crate::state::{Action, Ann, Status};

/// Properties of [`Card`].
#[derive(Properties, PartialEq)]
pub struct CardProps {
    /// The annotation described.
    pub ann: Rc<Ann>,
    /// Its text.
    pub text: AttrValue,
    /// The value in words, for temporal annotations.
    pub value_words: Option<AttrValue>,
    /// Position (left, top) in pixels relative to the widget.
    pub pos: Option<(f64, f64)>,
    /// UI language.
    pub ui: UiLang,
    /// Element id (for `aria-describedby`).
    pub id: AttrValue,
    /// Types the reader can choose.
    pub types: Vec<EntityType>,
    /// Whether editing controls are shown (the annotation is selected and
    /// the widget is not read-only).
    pub editable: bool,
    /// Whether the value editor starts open.
    pub editing_value: bool,
    /// Dispatches an action.
    pub on_action: Callback<Action>,
    /// Opens or closes the value editor.
    pub on_edit_value: Callback<bool>,
    /// Extra content below the card's own (the apply-to-all offer).
    #[prop_or_default]
    pub children: Html,
}

/// Shows type, text, normalised value, source, confidence and link, and the
/// corrections: retype, accept/reject, delete, edit the value.
#[component]
pub fn Card(props: &CardProps) -> Html {
    let a = &props.ann;
    let s = strings(props.ui);
    let error = use_state(|| None::<String>);
    // What the reader has typed in the value editor. The input shows it on
    // every render, so a re-render while they type (a hover, a save, an
    // error message) never puts the old value back over their text.
    let draft = use_state(|| None::<String>);
    // The value editor takes the keyboard when it opens (from `e` as from
    // its button): typed digits must go into the box, not retype the
    // annotation through the article's number-key shortcuts. (`autofocus`
    // works only for elements present when a page loads.)
    let value_input = use_node_ref();
    {
        let draft = draft.clone();
        let value_input = value_input.clone();
        use_effect_with((a.id, props.editing_value), move |&(_, open)| {
            draft.set(None);
            if open {
                if let Some(i) = value_input.cast::<HtmlInputElement>() {
                    let _ = i.focus();
                    i.select();
                }
            }
        });
    }
    let on_draft = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                draft.set(Some(i.value()));
            }
        })
    };
    let shown_value = (*draft)
        .clone()
        .unwrap_or_else(|| a.value.clone().unwrap_or_default());
    let style = props
        .pos
        .map(|(x, y)| format!("left:{x:.0}px;top:{y:.0}px"))
        .unwrap_or_else(|| "visibility:hidden".into());
    let code = a.kind.code().to_ascii_lowercase();
    let id = a.id;
    let act = |action: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(action.clone()))
    };
    let submit_value = {
        let cb = props.on_action.clone();
        let done = props.on_edit_value.clone();
        let error = error.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let Some(input) = form
                .query_selector("input")
                .ok()
                .flatten()
                .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let v = input.value().trim().to_owned();
            if v.is_empty() {
                error.set(None);
                cb.emit(Action::SetValue(id, None));
                done.emit(false);
                return;
            }
            match validate_timex(&v) {
                Ok(()) => {
                    error.set(None);
                    cb.emit(Action::SetValue(id, Some(v)));
                    done.emit(false);
                }
                Err(msg) => error.set(Some(msg)),
            }
        })
    };
    let open_editor = {
        let cb = props.on_edit_value.clone();
        Callback::from(move |_: MouseEvent| cb.emit(true))
    };
    html! {
        <div class={classes!("hamish-card", format!("hamish-t-{code}"))} id={props.id.clone()}
             role="group" aria-label={type_label(props.ui, a.kind)} style={style}
             data-type={a.kind.code()} data-status={if a.status == Status::Suggested { "suggested" } else { "decided" }}>
            <div class="hamish-card-head">
                <span class="hamish-swatch" aria-hidden="true"></span>
                <span class="hamish-card-type">{ type_label(props.ui, a.kind) }</span>
                <span class="hamish-card-code">{ a.kind.code() }</span>
                if a.status == Status::Suggested {
                    <span class="hamish-badge">{ s.suggestion }</span>
                } else {
                    <span class="hamish-badge hamish-badge-decided">{ s.decided }</span>
                }
                if props.editable {
                    <button type="button" class="hamish-card-close" aria-label={s.close} title={format!("{} (Esc)", s.close)}
                            onclick={act(Action::Blur)}>{ "×" }</button>
                }
            </div>
            <div class="hamish-card-text" dir="auto">{ props.text.clone() }</div>
            <dl>
                if let Some(v) = &a.value {
                    <dt>{ s.value }</dt>
                    <dd class="hamish-card-value" data-value={v.clone()}>
                        <code dir="ltr">{ v.clone() }</code>
                        if let Some(w) = &props.value_words {
                            <div class="hamish-card-words" dir="auto">{ w.clone() }</div>
                        }
                    </dd>
                }
                if let Some(l) = &a.link {
                    <dt>{ s.link }</dt>
                    <dd dir="ltr">{ l.canonical.clone() }
                        if let Some(id) = &l.id { <small>{ format!(" · {id}") }</small> }
                    </dd>
                }
                <dt>{ s.source }</dt>
                <dd>{ source_label(props.ui, a.source) }</dd>
                <dt>{ s.confidence }</dt>
                <dd>{ format!("{:.0}%", a.confidence * 100.0) }</dd>
            </dl>
            if let Some(n) = &a.note {
                <p class="hamish-card-note">{ n.clone() }</p>
            }
            if props.editable {
                <div class="hamish-card-actions">
                    if a.status == Status::Suggested {
                        <button type="button" class="hamish-accept" title="a" onclick={act(Action::Accept(id))}>{ "✓ " }{ s.accept }</button>
                        <button type="button" class="hamish-reject" title="r" onclick={act(Action::Reject(id))}>{ "✗ " }{ s.reject }</button>
                    }
                    <button type="button" class="hamish-delete" title="Delete" onclick={act(Action::Delete(id))}>{ s.delete }</button>
                    if a.kind.is_temporal() && !props.editing_value {
                        <button type="button" class="hamish-edit-value" title="e" onclick={open_editor}>{ s.edit_value }</button>
                    }
                </div>
                <div class="hamish-card-types" role="group" aria-label={s.retype}>
                    { for props.types.iter().enumerate().map(|(i, &k)| {
                        let code = k.code().to_ascii_lowercase();
                        html! {
                            <button type="button" data-type={k.code()} aria-pressed={(k == a.kind).to_string()}
                                    class={classes!("hamish-retype", format!("hamish-t-{code}"))}
                                    title={format!("{} ({})", type_label(props.ui, k), i + 1)}
                                    onclick={act(Action::Retype(id, k))}>
                                <span class="hamish-swatch" aria-hidden="true"></span>{ type_label(props.ui, k) }
                            </button>
                        }
                    }) }
                </div>
                if props.editing_value {
                    <form class="hamish-value-form" onsubmit={submit_value}>
                        <input ref={value_input} type="text" dir="ltr" name="value" value={shown_value} oninput={on_draft}
                               aria-label={s.edit_value} aria-invalid={error.is_some().to_string()}
                               placeholder="2025-05-16, 2022-02, P2D…" />
                        <button type="submit">{ s.set_value }</button>
                        if let Some(e) = &*error {
                            <p class="hamish-value-error" role="alert">{ e.clone() }</p>
                        }
                    </form>
                }
            }
            { props.children.clone() }
        </div>
    }
}
