//! The keyboard-shortcut overlay (`?`).

use yew::prelude::*;

use crate::i18n::{shortcuts, strings, UiLang};

/// Properties of [`Help`].
#[derive(Properties, PartialEq)]
pub struct HelpProps {
    /// UI language.
    pub ui: UiLang,
    /// Called to close.
    pub on_close: Callback<()>,
}

/// Lists every shortcut.
#[component]
pub fn Help(props: &HelpProps) -> Html {
    let s = strings(props.ui);
    let close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    // A modal dialog keeps the keyboard: its one control is the close
    // button, so Tab stays on it (Esc and the button close it, and the
    // widget gives the keyboard back to the article).
    let trap = {
        let node = node.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Tab" {
                e.prevent_default();
                if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        })
    };
    html! {
        <div class="hamish-help" role="dialog" aria-modal="true" aria-label={s.shortcuts} onkeydown={trap}>
            <h2>{ s.shortcuts }</h2>
            <table>
                { for shortcuts(props.ui).iter().map(|(k, what)| html! {
                    <tr><th dir="ltr"><kbd>{ *k }</kbd></th><td>{ *what }</td></tr>
                }) }
            </table>
            <button type="button" ref={node} class="hamish-help-close" onclick={close}>{ s.close }</button>
        </div>
    }
}
