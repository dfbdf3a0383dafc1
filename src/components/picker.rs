//! The type picker shown next to a fresh selection.

use hamish_core::EntityType;
use yew::prelude::*;

use crate::i18n::{strings, type_label, UiLang};

/// Properties of [`Picker`].
#[derive(Properties, PartialEq)]
pub struct PickerProps {
    /// Types to offer, in number-key order.
    pub types: Vec<EntityType>,
    /// Position (left, top) relative to the widget.
    pub pos: Option<(f64, f64)>,
    /// UI language.
    pub ui: UiLang,
    /// Called with the chosen type.
    pub on_pick: Callback<EntityType>,
    /// Called when the picker is dismissed.
    pub on_cancel: Callback<()>,
}

/// Buttons 1–8, one per type.
#[component]
pub fn Picker(props: &PickerProps) -> Html {
    let s = strings(props.ui);
    let style = props
        .pos
        .map(|(x, y)| format!("left:{x:.0}px;top:{y:.0}px"))
        .unwrap_or_default();
    let cancel = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        // A toolbar of buttons, not a menu: the keyboard stays in the
        // article (number keys pick, Esc cancels) and the live region
        // announces the choices.
        <div class="hamish-picker" role="toolbar" aria-label={s.pick_type} style={style}>
            { for props.types.iter().enumerate().map(|(i, &k)| {
                let cb = props.on_pick.clone();
                let code = k.code().to_ascii_lowercase();
                // Keep the selection: do not take focus on mouse down.
                let onmousedown = Callback::from(|e: MouseEvent| e.prevent_default());
                html! {
                    <button type="button" data-type={k.code()} aria-keyshortcuts={(i + 1).to_string()}
                            class={classes!("hamish-pick", format!("hamish-t-{code}"))}
                            onclick={Callback::from(move |_: MouseEvent| cb.emit(k))} {onmousedown}>
                        <kbd>{ i + 1 }</kbd>
                        <span class="hamish-swatch" aria-hidden="true"></span>
                        { type_label(props.ui, k) }
                    </button>
                }
            }) }
            <button type="button" class="hamish-pick-cancel" aria-label={s.close} onclick={cancel}>{ "×" }</button>
        </div>
    }
}
