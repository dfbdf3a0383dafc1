//! The card describing the active annotation.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{source_label, strings, type_label, UiLang};
use crate::state::{Ann, Status};

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
}

/// Shows type, text, normalised value, source, confidence and link.
#[component]
pub fn Card(props: &CardProps) -> Html {
    let a = &props.ann;
    let s = strings(props.ui);
    let style = props
        .pos
        .map(|(x, y)| format!("left:{x:.0}px;top:{y:.0}px"))
        .unwrap_or_else(|| "visibility:hidden".into());
    let code = a.kind.code().to_ascii_lowercase();
    html! {
        <div class={classes!("hamish-card", format!("hamish-t-{code}"))} id={props.id.clone()}
             role="status" style={style} data-type={a.kind.code()}>
            <div class="hamish-card-head">
                <span class="hamish-swatch" aria-hidden="true"></span>
                <span class="hamish-card-type">{ type_label(props.ui, a.kind) }</span>
                <span class="hamish-card-code">{ a.kind.code() }</span>
                if a.status == Status::Suggested {
                    <span class="hamish-badge">{ s.suggestion }</span>
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
        </div>
    }
}
