//! Export and import controls, and the list of imported annotations that
//! still need a place.

use hamish_core::formats::Format;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{fill, strings, type_label, UiLang};
use crate::state::{Action, OrphanItem};

/// Properties of [`ExchangeControls`].
#[derive(Properties, PartialEq)]
pub struct ExchangeProps {
    /// UI language.
    pub ui: UiLang,
    /// Whether importing is allowed.
    pub editable: bool,
    /// Called with the chosen export format.
    pub on_export: Callback<Format>,
    /// Called with (file name, contents) of a chosen file.
    pub on_import: Callback<(String, String)>,
}

/// A format menu with an export button, and an import button.
#[component]
pub fn ExchangeControls(props: &ExchangeProps) -> Html {
    let s = strings(props.ui);
    let format = use_state(|| Format::HamishJson);
    let file_ref = use_node_ref();
    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() {
                if let Ok(f) = sel.value().parse::<Format>() {
                    format.set(f);
                }
            }
        })
    };
    let on_export = {
        let cb = props.on_export.clone();
        let format = format.clone();
        Callback::from(move |_: MouseEvent| cb.emit(*format))
    };
    let open_file = {
        let file_ref = file_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_ref.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_file = {
        let cb = props.on_import.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let cb = cb.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(text) => cb.emit((name, text.as_string().unwrap_or_default())),
                    Err(_) => cb.emit((name, String::new())),
                }
            });
        })
    };
    html! {
        <span class="hamish-exchange">
            <select class="hamish-export-format" aria-label={s.export} onchange={on_format}>
                { for Format::ALL.iter().map(|f| html! {
                    <option value={f.code()} selected={*f == *format}>{ f.label() }</option>
                }) }
            </select>
            <button type="button" class="hamish-export" onclick={on_export}>{ "⤓ " }{ s.export }</button>
            if props.editable {
                <button type="button" class="hamish-import" onclick={open_file}>{ "⤒ " }{ s.import }</button>
                <input type="file" class="hamish-import-file" hidden=true ref={file_ref}
                       accept=".json,.jsonld,.conll,.txt,.ann,.tsv" onchange={on_file} />
            }
        </span>
    }
}

/// Properties of [`Orphans`].
#[derive(Properties, PartialEq)]
pub struct OrphansProps {
    /// The orphans.
    pub orphans: Vec<OrphanItem>,
    /// The one being placed.
    pub placing: Option<usize>,
    /// UI language.
    pub ui: UiLang,
    /// Dispatches an action.
    pub on_action: Callback<Action>,
}

/// Imported annotations to place (select their text) or discard.
#[component]
pub fn Orphans(props: &OrphansProps) -> Html {
    let s = strings(props.ui);
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    html! {
        <div class="hamish-orphans" role="region"
             aria-label={fill(s.orphans, &[("n", &props.orphans.len().to_string())])}>
            <strong>{ fill(s.orphans, &[("n", &props.orphans.len().to_string())]) }</strong>
            if let Some(o) = props.placing.and_then(|i| props.orphans.get(i)) {
                <p class="hamish-placing" role="status">{ fill(s.placing, &[("quote", &o.quote)]) }</p>
            }
            <ul>
                { for props.orphans.iter().enumerate().map(|(i, o)| html! {
                    <li class={classes!((props.placing == Some(i)).then_some("hamish-orphan-placing"))}>
                        <span class="hamish-orphan-type">{ type_label(props.ui, o.kind) }</span>
                        { " «" }<bdi>{ o.quote.clone() }</bdi>{ "» " }
                        <small>{ o.reason.clone() }</small>
                        <button type="button" class="hamish-orphan-place" onclick={act(Action::PlaceOrphan(i))}>{ s.place }</button>
                        <button type="button" class="hamish-orphan-discard" onclick={act(Action::DiscardOrphan(i))}>{ s.discard }</button>
                    </li>
                }) }
            </ul>
        </div>
    }
}
