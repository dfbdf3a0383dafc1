//! The toolbar: undo/redo, bulk review, sticky label, reference date, help,
//! save state.

use hamish_core::{CivilDate, EntityType};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{fill, strings, type_label, UiLang};
use crate::state::{Action, SaveState};

/// Properties of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// Whether there is something to undo.
    pub can_undo: bool,
    /// Whether there is something to redo.
    pub can_redo: bool,
    /// Suggestions still to review.
    pub suggestions: usize,
    /// Sticky-label type.
    pub sticky: Option<EntityType>,
    /// Types the widget shows.
    pub types: Vec<EntityType>,
    /// The reference date.
    pub reference_date: Option<CivilDate>,
    /// Storage state.
    pub save: SaveState,
    /// Whether the widget is read-only (no editing controls).
    pub readonly: bool,
    /// UI language.
    pub ui: UiLang,
    /// Dispatches an action.
    pub on_action: Callback<Action>,
    /// Extra controls (export/import).
    #[prop_or_default]
    pub children: Html,
}

/// The toolbar.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let s = strings(props.ui);
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    // Unavailable buttons stay focusable (aria-disabled, not disabled) so
    // that the keyboard focus is not lost when one becomes unavailable.
    let act_if = |enabled: bool, a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            if enabled {
                cb.emit(a.clone())
            }
        })
    };
    let on_date = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let v = input.value();
            if v.is_empty() {
                // A date being edited (one of its fields cleared) reads as
                // empty too: keep the date in effect until the reader
                // finishes; only a box cleared entirely removes it.
                if !input.validity().bad_input() {
                    cb.emit(Action::SetReferenceDate(None));
                }
            } else if let Ok(d) = v.parse::<CivilDate>() {
                cb.emit(Action::SetReferenceDate(Some(d)));
            }
        })
    };
    // Leaving a half-edited date shows the date in effect again.
    let on_date_blur = {
        let current = props.reference_date;
        Callback::from(move |e: FocusEvent| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if input.validity().bad_input() {
                input.set_value(&current.map(|d| d.to_string()).unwrap_or_default());
            }
        })
    };
    let on_sticky = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            cb.emit(Action::Sticky(sel.value().parse::<EntityType>().ok()));
        })
    };
    let (save_class, save_text) = match &props.save {
        SaveState::Clean => ("hamish-save-clean", String::new()),
        SaveState::Unsaved => ("hamish-save-unsaved", s.unsaved.to_owned()),
        SaveState::Saved => ("hamish-save-saved", format!("✓ {}", s.saved)),
        SaveState::Failed(e) => ("hamish-save-failed", format!("⚠ {}: {e}", s.not_saved)),
    };
    let date_value = props
        .reference_date
        .map(|d| d.to_string())
        .unwrap_or_default();
    html! {
        <div class="hamish-toolbar" role="toolbar" aria-label={s.toolbar}>
            if !props.readonly {
                <button type="button" class="hamish-undo" aria-disabled={(!props.can_undo).to_string()}
                        title={format!("{} (Ctrl+Z)", s.undo)} onclick={act_if(props.can_undo, Action::Undo)}>{ "↶ " }{ s.undo }</button>
                <button type="button" class="hamish-redo" aria-disabled={(!props.can_redo).to_string()}
                        title={format!("{} (Ctrl+Shift+Z)", s.redo)} onclick={act_if(props.can_redo, Action::Redo)}>{ "↷ " }{ s.redo }</button>
                <span class="hamish-review">
                    <span class="hamish-review-count" data-count={props.suggestions.to_string()}>
                        { fill(s.to_review, &[("n", &props.suggestions.to_string())]) }
                    </span>
                    <button type="button" class="hamish-accept-all" aria-disabled={(props.suggestions == 0).to_string()}
                            onclick={act_if(props.suggestions > 0, Action::AcceptAll(None))}>{ s.accept_all }</button>
                    <button type="button" class="hamish-reject-all" aria-disabled={(props.suggestions == 0).to_string()}
                            onclick={act_if(props.suggestions > 0, Action::RejectAll(None))}>{ s.reject_all }</button>
                </span>
                <label class="hamish-sticky">{ s.sticky }{ " " }
                    <select onchange={on_sticky}>
                        <option value="" selected={props.sticky.is_none()}>{ s.off }</option>
                        { for props.types.iter().map(|&k| html! {
                            <option value={k.code()} selected={props.sticky == Some(k)}>{ type_label(props.ui, k) }</option>
                        }) }
                    </select>
                </label>
            }
            <label class="hamish-refdate">{ s.reference_date }{ " " }
                <input type="date" value={date_value} onchange={on_date} onblur={on_date_blur} />
            </label>
            { props.children.clone() }
            <button type="button" class="hamish-help-button" title={format!("{} (?)", s.help)}
                    onclick={act(Action::Help(true))}>{ "?" }</button>
            <span class={classes!("hamish-save", save_class)} role="status" aria-live="polite">{ save_text }</span>
        </div>
    }
}
