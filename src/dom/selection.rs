//! DOM selections and points ↔ byte offsets in the document.
//!
//! Block elements carry `data-block="<index>"` and hold exactly one text
//! node, so a DOM position inside a block is a UTF-16 offset into that
//! block's text.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Node, Selection};

use crate::doc::Document;

/// The block index and UTF-16 offset of a DOM position, if it lies in a
/// block under `root`.
fn position(root: &Element, node: &Node, offset: u32) -> Option<(usize, usize)> {
    let el = if node.node_type() == Node::TEXT_NODE {
        node.parent_element()?
    } else {
        node.clone().dyn_into::<Element>().ok()?
    };
    let block_el = el.closest("[data-block]").ok()??;
    if !root.contains(Some(&block_el)) {
        return None;
    }
    let block: usize = block_el.get_attribute("data-block")?.parse().ok()?;
    let unit = if node.node_type() == Node::TEXT_NODE {
        offset as usize
    } else if offset == 0 {
        0
    } else {
        block_el
            .text_content()
            .map_or(0, |t| t.encode_utf16().count())
    };
    Some((block, unit))
}

/// The selection of `root`'s document or shadow root.
pub fn selection_of(root: &Element) -> Option<Selection> {
    // Inside a shadow root, Chromium exposes the selection on the root.
    if let Some(sr) = root.get_root_node().dyn_ref::<web_sys::ShadowRoot>() {
        if let Ok(f) = Reflect::get(sr, &"getSelection".into()) {
            if let Ok(f) = f.dyn_into::<js_sys::Function>() {
                if let Ok(sel) = f.call0(sr) {
                    if let Ok(sel) = sel.dyn_into::<Selection>() {
                        return Some(sel);
                    }
                }
            }
        }
    }
    web_sys::window()?.get_selection().ok()?
}

/// Whether `root` holds a non-empty selection that runs across blocks
/// (which [`selected_span`] does not give: annotations stay inside one
/// paragraph).
pub fn spans_blocks(root: &Element) -> bool {
    let Some(sel) = selection_of(root) else {
        return false;
    };
    if sel.is_collapsed() || sel.range_count() == 0 {
        return false;
    }
    let a = sel
        .anchor_node()
        .and_then(|n| position(root, &n, sel.anchor_offset()));
    let f = sel
        .focus_node()
        .and_then(|n| position(root, &n, sel.focus_offset()));
    matches!((a, f), (Some(a), Some(f)) if a.0 != f.0)
}

/// The current non-empty selection inside one block of `root`, as document
/// byte offsets (start ≤ end, whatever the selection's direction).
pub fn selected_span(root: &Element, doc: &Document) -> Option<(usize, usize)> {
    let sel = selection_of(root)?;
    if sel.is_collapsed() || sel.range_count() == 0 {
        return None;
    }
    let a = position(root, &sel.anchor_node()?, sel.anchor_offset())?;
    let f = position(root, &sel.focus_node()?, sel.focus_offset())?;
    if a.0 != f.0 {
        return None;
    }
    let x = doc.byte_from_block_utf16(a.0, a.1);
    let y = doc.byte_from_block_utf16(f.0, f.1);
    (x != y).then_some((x.min(y), x.max(y)))
}

/// Clears the selection of `root`.
pub fn clear(root: &Element) {
    if let Some(sel) = selection_of(root) {
        let _ = sel.remove_all_ranges();
    }
}

/// Selects document bytes `start..end` of block `block` (whose text node is
/// `node`), anchored at `anchor_at_end`'s side.
pub fn select(
    root: &Element,
    doc: &Document,
    node: &Node,
    block: usize,
    anchor: usize,
    focus: usize,
) {
    let (Some(a), Some(f)) = (
        doc.utf16_in_block(block, anchor),
        doc.utf16_in_block(block, focus),
    ) else {
        return;
    };
    if let Some(sel) = selection_of(root) {
        let _ = sel.set_base_and_extent(node, a as u32, node, f as u32);
    }
}

/// The block and document byte offset under the viewport point `(x, y)`,
/// if it is inside a block of `root`. Works inside shadow roots.
pub fn offset_at_point(root: &Element, doc: &Document, x: f64, y: f64) -> Option<(usize, usize)> {
    let document = web_sys::window()?.document()?;
    let d: &JsValue = document.as_ref();
    // caretPositionFromPoint(x, y, {shadowRoots}) — standard, Chromium 128+.
    if let Ok(f) = Reflect::get(d, &"caretPositionFromPoint".into()) {
        if let Ok(f) = f.dyn_into::<js_sys::Function>() {
            let opts = Object::new();
            if let Some(sr) = root.get_root_node().dyn_ref::<web_sys::ShadowRoot>() {
                let roots = Array::new();
                roots.push(sr);
                let _ = Reflect::set(&opts, &"shadowRoots".into(), &roots);
            }
            if let Ok(pos) = f.call3(d, &x.into(), &y.into(), &opts) {
                if !pos.is_null() && !pos.is_undefined() {
                    let node = Reflect::get(&pos, &"offsetNode".into())
                        .ok()?
                        .dyn_into::<Node>()
                        .ok()?;
                    let off = Reflect::get(&pos, &"offset".into()).ok()?.as_f64()? as u32;
                    let (block, unit) = position(root, &node, off)?;
                    return Some((block, doc.byte_from_block_utf16(block, unit)));
                }
            }
        }
    }
    // caretRangeFromPoint — older WebKit/Blink.
    let f = Reflect::get(d, &"caretRangeFromPoint".into()).ok()?;
    let f = f.dyn_into::<js_sys::Function>().ok()?;
    let range = f.call2(d, &x.into(), &y.into()).ok()?;
    let range = range.dyn_into::<web_sys::Range>().ok()?;
    let node = range.start_container().ok()?;
    let off = range.start_offset().ok()?;
    let (block, unit) = position(root, &node, off)?;
    Some((block, doc.byte_from_block_utf16(block, unit)))
}
