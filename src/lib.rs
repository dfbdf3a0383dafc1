//! # hamish-web
//!
//! The Hamish widget: a Yew component that shows an article with its
//! people, organisations, places and dates highlighted, computed in the
//! browser by [`hamish_core`].
//!
//! * [`doc`] and [`state`] — the document model and the one reducer; pure,
//!   unit-tested natively;
//! * [`components`] — the Yew components;
//! * [`dom`] — browser glue (CSS Custom Highlight API, fetch);
//! * [`i18n`] — Arabic and English labels.
//!
//! On the page, any element with the attribute `data-hamish-autostart`
//! becomes a widget when the module starts; its `data-src` (URL of a text
//! file) or text content is the article, `data-reference-date`
//! (`YYYY-MM-DD`), `data-lang` (`ar`/`en`/`auto`) and `data-ui-lang`
//! (`ar`/`en`) configure it.

#![forbid(unsafe_code)]

pub mod bridge;
pub mod components;
pub mod doc;
pub mod dom;
pub mod edit;
pub mod exchange;
pub mod i18n;
pub mod learning;
pub mod persist;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod embed;

#[cfg(target_arch = "wasm32")]
mod entry {
    use std::rc::Rc;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::Element;

    use crate::components::{Annotator, AnnotatorProps, Config, TextSource};
    use crate::i18n::UiLang;

    /// A configuration read from an element's `data-*` attributes.
    fn config_from(el: &Element) -> Config {
        let source = match el.get_attribute("data-src") {
            Some(url) if !url.trim().is_empty() => TextSource::Url(url),
            _ => TextSource::Inline(Rc::from(el.text_content().unwrap_or_default().as_str())),
        };
        let mut cfg = Config::new(source, crate::embed::next_instance());
        if let Some(d) = el.get_attribute("data-reference-date") {
            match d.parse() {
                Ok(d) => cfg.reference_date = Some(d),
                Err(e) => {
                    web_sys::console::warn_1(&format!("hamish: data-reference-date: {e}").into())
                }
            }
        }
        if let Some(l) = el.get_attribute("data-lang") {
            match l.parse() {
                Ok(l) => cfg.lang = l,
                Err(e) => web_sys::console::warn_1(&format!("hamish: data-lang: {e}").into()),
            }
        }
        if let Some(u) = el.get_attribute("data-ui-lang") {
            cfg.ui = UiLang::parse(&u);
        }
        cfg
    }

    /// Mounts a widget on every `[data-hamish-autostart]` element.
    #[wasm_bindgen(start)]
    pub fn start() {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(list) = document.query_selector_all("[data-hamish-autostart]") else {
            return;
        };
        for i in 0..list.length() {
            let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let cfg = config_from(&el);
            el.set_text_content(None);
            let _ = el.remove_attribute("data-hamish-autostart");
            yew::Renderer::<Annotator>::with_root_and_props(
                el,
                AnnotatorProps {
                    config: Rc::new(cfg),
                },
            )
            .render();
        }
    }
}
