//! The apply-to-all offer after an add or retype.

use yew::prelude::*;

use crate::i18n::{fill, strings, type_label, UiLang};
use crate::state::{Action, Offer};

/// How many mentions the offer lists individually.
pub const OFFER_PREVIEW: usize = 40;

/// Properties of [`OfferBar`].
#[derive(Properties, PartialEq)]
pub struct OfferProps {
    /// The offer.
    pub offer: Offer,
    /// Context snippets of the targets (text around each mention).
    pub contexts: Vec<String>,
    /// UI language.
    pub ui: UiLang,
    /// Dispatches an action.
    pub on_action: Callback<Action>,
}

/// "Apply to N other mentions of «X»" with a checklist of the mentions.
#[component]
pub fn OfferBar(props: &OfferProps) -> Html {
    let s = strings(props.ui);
    let o = &props.offer;
    let n = o.targets.len() - o.excluded.len();
    let title = fill(s.offer, &[("n", &n.to_string()), ("text", &o.text)]);
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    html! {
        <div class="hamish-offer" role="region" aria-label={title.clone()} data-count={n.to_string()}>
            <div class="hamish-offer-head">
                <strong>{ title }</strong>{ " · " }{ type_label(props.ui, o.kind) }
            </div>
            <ul class="hamish-offer-list">
                // The first mentions are listed to review and exclude; a
                // long list would cost more to render than it helps.
                { for props.contexts.iter().enumerate().take(OFFER_PREVIEW).map(|(i, ctx)| {
                    let cb = props.on_action.clone();
                    let checked = !o.excluded.contains(&i);
                    html! {
                        <li><label dir="auto">
                            <input type="checkbox" checked={checked}
                                   onchange={Callback::from(move |_: Event| cb.emit(Action::ToggleOfferTarget(i)))} />
                            { ctx.clone() }
                        </label></li>
                    }
                }) }
            </ul>
            if o.targets.len() > OFFER_PREVIEW {
                <p class="hamish-offer-more">{ format!("+{}", o.targets.len() - OFFER_PREVIEW) }</p>
            }
            <button type="button" class="hamish-offer-apply" title="m" aria-keyshortcuts="m" disabled={n == 0} onclick={act(Action::ApplyOffer)}>{ s.apply }</button>
            <button type="button" class="hamish-offer-dismiss" onclick={act(Action::DismissOffer)}>{ s.dismiss }</button>
        </div>
    }
}
