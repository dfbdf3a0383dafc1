//! Models downloaded on demand (the English name model): fetched once per
//! page and shared by every widget.

use std::cell::RefCell;
use std::rc::Rc;

use hamish_core::tagger::model::{Model, ModelError};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::dom::fetch::js_error;

thread_local! {
    static ENGLISH: RefCell<Option<Rc<Vec<u8>>>> = const { RefCell::new(None) };
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| format!("{url}: {}", js_error(&e)))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response".to_string())?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(|e| js_error(&e))?)
        .await
        .map_err(|e| format!("{url}: {}", js_error(&e)))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// The English name model from `{base}models/en.hmnr`, or why not.
pub async fn english(base: &str) -> Result<Model, ModelError> {
    let cached = ENGLISH.with(|c| c.borrow().clone());
    let bytes = match cached {
        Some(b) => b,
        None => {
            let url = format!("{base}models/en.hmnr");
            let b = Rc::new(fetch_bytes(&url).await.map_err(ModelError::Unavailable)?);
            ENGLISH.with(|c| *c.borrow_mut() = Some(b.clone()));
            b
        }
    };
    Model::from_bytes(&bytes)
}
