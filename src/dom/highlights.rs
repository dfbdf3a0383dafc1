//! Highlighting with the CSS Custom Highlight API.
//!
//! The article's text is rendered as plain text nodes, one per block, and
//! never split: highlights are `Range`s registered in `CSS.highlights`, so
//! the browser shapes every Arabic word exactly as if it were not annotated
//! (وبوتين stays joined when only بوتين is highlighted). A correction adds
//! or removes one `Range`; the text DOM is untouched.
//!
//! Highlight names are prefixed per widget instance (`hamish3-PER-s`), so
//! several widgets on one page never share state.

use std::collections::HashMap;

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomRect, Element, Node, Range};

use hamish_core::EntityType;

use crate::doc::Document;
use crate::state::{State, Status};

/// One registered annotation range.
struct Placed {
    group: String,
    start: usize,
    end: usize,
    range: Range,
}

/// Owns this instance's highlights in `CSS.highlights`.
pub struct Highlighter {
    prefix: String,
    registry: Option<JsValue>,
    constructor: Option<js_sys::Function>,
    groups: HashMap<String, JsValue>,
    placed: HashMap<u32, Placed>,
    text_nodes: Vec<Option<Node>>,
    active: Option<JsValue>,
    active_id: Option<u32>,
}

fn group_name(prefix: &str, kind: EntityType, status: Status) -> String {
    let s = match status {
        Status::Suggested => "s",
        Status::Decided => "d",
    };
    format!("{prefix}-{}-{s}", kind.code())
}

impl Highlighter {
    /// A highlighter for instance `prefix` (e.g. `hamish1`).
    pub fn new(prefix: &str) -> Self {
        let window = web_sys::window();
        let global: JsValue = js_sys::global().into();
        let css = Reflect::get(&global, &"CSS".into()).ok();
        let registry = css
            .and_then(|css| Reflect::get(&css, &"highlights".into()).ok())
            .filter(|r| !r.is_undefined() && !r.is_null());
        let constructor = Reflect::get(&global, &"Highlight".into())
            .ok()
            .and_then(|c| c.dyn_into::<js_sys::Function>().ok());
        let _ = window;
        Highlighter {
            prefix: prefix.to_owned(),
            registry: if constructor.is_some() {
                registry
            } else {
                None
            },
            constructor,
            groups: HashMap::new(),
            placed: HashMap::new(),
            text_nodes: Vec::new(),
            active: None,
            active_id: None,
        }
    }

    /// Whether the browser supports the CSS Custom Highlight API.
    pub fn supported(&self) -> bool {
        self.registry.is_some()
    }

    /// The instance prefix of the highlight names.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    fn new_highlight(&self) -> Option<JsValue> {
        let c = self.constructor.as_ref()?;
        Reflect::construct(c, &Array::new()).ok()
    }

    fn call(target: &JsValue, method: &str, args: &[&JsValue]) {
        if let Ok(f) = Reflect::get(target, &method.into()) {
            if let Ok(f) = f.dyn_into::<js_sys::Function>() {
                let arr = Array::new();
                for a in args {
                    arr.push(a);
                }
                let _ = f.apply(target, &arr);
            }
        }
    }

    /// Forgets every range (the article was re-rendered) and records the
    /// text node of every block under `article`.
    pub fn attach(&mut self, article: &Element, doc: &Document) {
        self.clear_ranges();
        self.text_nodes = vec![None; doc.blocks.len()];
        if let Ok(list) = article.query_selector_all("[data-block]") {
            for i in 0..list.length() {
                let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                    continue;
                };
                let idx = el
                    .get_attribute("data-block")
                    .and_then(|v| v.parse::<usize>().ok());
                if let Some(idx) = idx.filter(|&i| i < self.text_nodes.len()) {
                    self.text_nodes[idx] = el.first_child();
                }
            }
        }
    }

    fn clear_ranges(&mut self) {
        for (_, hl) in self.groups.iter() {
            Self::call(hl, "clear", &[]);
        }
        self.placed.clear();
    }

    /// Brings the registered ranges in line with `state`: only annotations
    /// that were added, removed, moved or retyped touch the DOM.
    pub fn sync(&mut self, state: &State, doc: &Document) {
        if !self.supported() {
            return;
        }
        let mut seen = std::collections::HashSet::with_capacity(state.anns.len());
        for a in state.anns.iter() {
            seen.insert(a.id);
            let group = group_name(&self.prefix, a.kind, a.status);
            if let Some(p) = self.placed.get(&a.id) {
                if p.group == group && p.start == a.start && p.end == a.end {
                    continue;
                }
                self.unplace(a.id);
            }
            let (Some(s), Some(e)) = (
                doc.utf16_in_block(a.block, a.start),
                doc.utf16_in_block(a.block, a.end),
            ) else {
                continue;
            };
            let Some(Some(node)) = self.text_nodes.get(a.block) else {
                continue;
            };
            let Ok(range) = web_sys::Range::new() else {
                continue;
            };
            if range.set_start(node, s as u32).is_err() || range.set_end(node, e as u32).is_err() {
                continue;
            }
            if !self.groups.contains_key(&group) {
                if let Some(hl) = self.new_highlight() {
                    self.groups.insert(group.clone(), hl);
                }
            }
            if let Some(hl) = self.groups.get(&group) {
                Self::call(hl, "add", &[&range]);
            }
            self.placed.insert(
                a.id,
                Placed {
                    group,
                    start: a.start,
                    end: a.end,
                    range,
                },
            );
        }
        let gone: Vec<u32> = self
            .placed
            .keys()
            .filter(|id| !seen.contains(id))
            .copied()
            .collect();
        for id in gone {
            self.unplace(id);
        }
        // Register visible types, unregister hidden ones.
        let registry = self.registry.clone().expect("supported");
        for kind in EntityType::ALL {
            for status in [Status::Suggested, Status::Decided] {
                let name = group_name(&self.prefix, kind, status);
                let visible = state.is_visible(kind);
                match (visible, self.groups.get(&name)) {
                    (true, Some(hl)) => Self::call(&registry, "set", &[&name.into(), hl]),
                    _ => Self::call(&registry, "delete", &[&name.into()]),
                }
            }
        }
        if self
            .active_id
            .is_some_and(|id| !self.placed.contains_key(&id))
        {
            self.set_active(None);
        }
    }

    fn unplace(&mut self, id: u32) {
        if let Some(p) = self.placed.remove(&id) {
            if let Some(hl) = self.groups.get(&p.group) {
                Self::call(hl, "delete", &[&p.range]);
            }
        }
    }

    /// Marks annotation `id` as the active one (keyboard selection or
    /// pointer), or none.
    pub fn set_active(&mut self, id: Option<u32>) {
        if self.active_id == id {
            return;
        }
        self.active_id = id;
        let Some(registry) = self.registry.clone() else {
            return;
        };
        let name: JsValue = format!("{}-active", self.prefix).into();
        if self.active.is_none() {
            self.active = self.new_highlight();
            if let Some(hl) = &self.active {
                let _ = Reflect::set(hl, &"priority".into(), &JsValue::from(10));
            }
        }
        let Some(hl) = self.active.clone() else {
            return;
        };
        Self::call(&hl, "clear", &[]);
        match id.and_then(|id| self.placed.get(&id)) {
            Some(p) => {
                Self::call(&hl, "add", &[&p.range]);
                Self::call(&registry, "set", &[&name, &hl]);
            }
            None => Self::call(&registry, "delete", &[&name]),
        }
    }

    /// The text node of block `block`.
    pub fn text_node(&self, block: usize) -> Option<Node> {
        self.text_nodes.get(block).cloned().flatten()
    }

    /// A new DOM range over document bytes `start..end` of block `block`.
    pub fn range_for(
        &self,
        doc: &Document,
        block: usize,
        start: usize,
        end: usize,
    ) -> Option<Range> {
        let node = self.text_node(block)?;
        let s = doc.utf16_in_block(block, start)?;
        let e = doc.utf16_in_block(block, end)?;
        let range = Range::new().ok()?;
        range.set_start(&node, s as u32).ok()?;
        range.set_end(&node, e as u32).ok()?;
        Some(range)
    }

    /// Shows annotation `id` over `start..end` while its edge is dragged,
    /// without changing the state.
    pub fn preview(&self, doc: &Document, id: u32, block: usize, start: usize, end: usize) {
        let (Some(p), Some(s), Some(e)) = (
            self.placed.get(&id),
            doc.utf16_in_block(block, start),
            doc.utf16_in_block(block, end),
        ) else {
            return;
        };
        if let Some(node) = self.text_node(block) {
            let _ = p.range.set_start(&node, s as u32);
            let _ = p.range.set_end(&node, e as u32);
        }
    }

    /// The DOM range of annotation `id`, if placed.
    pub fn range(&self, id: u32) -> Option<&Range> {
        self.placed.get(&id).map(|p| &p.range)
    }

    /// The client rectangles of annotation `id` (one per line box).
    pub fn rects(&self, id: u32) -> Vec<DomRect> {
        let Some(range) = self.range(id) else {
            return Vec::new();
        };
        let list = range.get_client_rects();
        let mut out = Vec::new();
        if let Some(list) = list {
            for i in 0..list.length() {
                if let Some(r) = list.get(i) {
                    out.push(r);
                }
            }
        }
        out
    }

    /// Removes every highlight of this instance from the page.
    pub fn detach(&mut self) {
        self.clear_ranges();
        if let Some(registry) = self.registry.clone() {
            for name in self.groups.keys() {
                Self::call(&registry, "delete", &[&name.into()]);
            }
            Self::call(
                &registry,
                "delete",
                &[&format!("{}-active", self.prefix).into()],
            );
        }
        self.groups.clear();
        self.active = None;
        self.active_id = None;
    }
}

/// The stylesheet rules for instance `prefix`: one `::highlight()` rule per
/// type and status, coloured by the theme's custom properties.
pub fn highlight_css(prefix: &str) -> String {
    let mut css = String::new();
    for kind in EntityType::ALL {
        let k = kind.code().to_ascii_lowercase();
        css.push_str(&format!(
            "::highlight({p}-{c}-s){{background-color:var(--hamish-{k}-bg);\
             text-decoration:underline dotted var(--hamish-{k}-line);\
             text-decoration-thickness:2px;text-underline-offset:4px}}\n\
             ::highlight({p}-{c}-d){{background-color:var(--hamish-{k}-bg-strong);\
             text-decoration:underline solid var(--hamish-{k}-line);\
             text-decoration-thickness:2px;text-underline-offset:4px}}\n",
            p = prefix,
            c = kind.code(),
        ));
    }
    css.push_str(&format!(
        "::highlight({prefix}-active){{background-color:var(--hamish-active-bg);\
         text-decoration:underline solid var(--hamish-active-line);\
         text-decoration-thickness:3px;text-underline-offset:4px}}\n"
    ));
    css
}
