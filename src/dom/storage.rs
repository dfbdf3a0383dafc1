//! Browser storage for the reader's work (localStorage), with every failure
//! turned into a message: storage disabled, quota exceeded, damaged entry.

use wasm_bindgen::JsCast;
use web_sys::Storage;

use crate::dom::fetch::js_error;

fn storage() -> Result<Storage, String> {
    let w = web_sys::window().ok_or("no window")?;
    match w.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("this browser has no local storage".into()),
        Err(e) => Err(format!("local storage is unavailable ({})", js_error(&e))),
    }
}

/// Reads `key`; `Ok(None)` when nothing is stored.
pub fn load(key: &str) -> Result<Option<String>, String> {
    storage()?
        .get_item(key)
        .map_err(|e| format!("cannot read saved work ({})", js_error(&e)))
}

/// Writes `value` under `key`.
pub fn save(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(|e| {
        let name = e
            .dyn_ref::<web_sys::DomException>()
            .map(|d| d.name())
            .unwrap_or_default();
        if name == "QuotaExceededError" {
            "the browser's storage is full".to_string()
        } else {
            format!("cannot save ({})", js_error(&e))
        }
    })
}

/// Copies a damaged entry to a new key next to it and returns that key; the
/// original is left in place.
pub fn keep_aside(key: &str, value: &str) -> Result<String, String> {
    let stamp = js_sys::Date::now() as u64;
    let aside = format!("{key}:damaged:{stamp}");
    save(&aside, value)?;
    Ok(aside)
}
