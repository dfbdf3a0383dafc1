//! The legend: one toggle per type with its count.

use hamish_core::EntityType;
use yew::prelude::*;

use crate::i18n::{strings, type_label, UiLang};

/// Properties of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// Count per type, indexed like [`EntityType::ALL`].
    pub counts: [usize; 8],
    /// Hidden flags, indexed like [`EntityType::ALL`].
    pub hidden: [bool; 8],
    /// Types this widget shows at all.
    pub types: Vec<EntityType>,
    /// UI language.
    pub ui: UiLang,
    /// Called with the type to show or hide.
    pub on_toggle: Callback<EntityType>,
}

/// Type toggles with counts (`aria-pressed` tells whether shown).
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let s = strings(props.ui);
    let buttons = EntityType::ALL.iter().enumerate().filter(|(_, k)| props.types.contains(k)).map(|(i, &kind)| {
        let on_toggle = props.on_toggle.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_toggle.emit(kind));
        let shown = !props.hidden[i];
        let count = props.counts[i];
        let code = kind.code().to_ascii_lowercase();
        html! {
            <button type="button" key={kind.code()}
                class={classes!("hamish-legend-item", format!("hamish-t-{code}"), (count == 0).then_some("hamish-empty"))}
                data-type={kind.code()}
                aria-pressed={shown.to_string()}
                title={format!("{} ({})", type_label(props.ui, kind), s.toggle_hint)}
                {onclick}>
                <span class="hamish-swatch" aria-hidden="true"></span>
                <span class="hamish-legend-label">{ type_label(props.ui, kind) }</span>
                <span class="hamish-count" data-count={count.to_string()}>{ count }</span>
            </button>
        }
    });
    html! {
        <div class="hamish-legend" role="group" aria-label={s.legend}>
            { for buttons }
        </div>
    }
}
