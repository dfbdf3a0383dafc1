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
    ann: std::rc::Rc<crate::state::Ann>,
    group: String,
    range: Range,
    /// Whether the range is in its highlight now (see [`Highlighter::window`]).
    registered: bool,
}

/// Owns this instance's highlights in `CSS.highlights`.
pub struct Highlighter {
    prefix: String,
    registry: Option<JsValue>,
    constructor: Option<js_sys::Function>,
    groups: HashMap<String, JsValue>,
    placed: HashMap<u32, Placed>,
    /// Rendered mode: the one text node of each block.
    text_nodes: Vec<Option<Node>>,
    /// In-place mode: the host article's text nodes.
    host: Option<crate::dom::host::HostText>,
    /// Long documents: only blocks near the viewport have their ranges in
    /// the highlights (every change of a highlight costs the browser time
    /// in proportion to all registered ranges). `None`: all blocks.
    window: Option<std::collections::HashSet<usize>>,
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
            host: None,
            window: None,
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
        self.host = None;
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

    /// In-place mode: ranges go over the host article's text nodes.
    pub fn attach_host(&mut self, host: crate::dom::host::HostText) {
        self.clear_ranges();
        self.text_nodes.clear();
        self.host = Some(host);
    }

    /// The DOM position of document byte `byte` in block `block`.
    fn locate(
        &self,
        doc: &Document,
        block: usize,
        byte: usize,
        is_end: bool,
    ) -> Option<(Node, u32)> {
        match &self.host {
            Some(h) => h.locate(byte, is_end),
            None => {
                let node = self.text_nodes.get(block).cloned().flatten()?;
                Some((node, doc.utf16_in_block(block, byte)? as u32))
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
            if let Some(p) = self.placed.get(&a.id) {
                // Unchanged annotations are the same allocation: O(1) skip.
                if std::rc::Rc::ptr_eq(&p.ann, a) {
                    continue;
                }
                let same = p.ann.kind == a.kind
                    && p.ann.status == a.status
                    && (p.ann.start, p.ann.end) == (a.start, a.end);
                if same {
                    let p = self.placed.get_mut(&a.id).expect("present");
                    p.ann = a.clone();
                    continue;
                }
                self.unplace(a.id);
            }
            let group = group_name(&self.prefix, a.kind, a.status);
            let Some(range) = self.range_for(doc, a.block, a.start, a.end) else {
                continue;
            };
            if !self.groups.contains_key(&group) {
                if let Some(hl) = self.new_highlight() {
                    self.groups.insert(group.clone(), hl);
                }
            }
            let registered = self.in_window(a.block);
            if registered {
                if let Some(hl) = self.groups.get(&group) {
                    Self::call(hl, "add", &[&range]);
                }
            }
            self.placed.insert(
                a.id,
                Placed {
                    ann: a.clone(),
                    group,
                    range,
                    registered,
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
            if p.registered {
                if let Some(hl) = self.groups.get(&p.group) {
                    Self::call(hl, "delete", &[&p.range]);
                }
            }
        }
    }

    fn in_window(&self, block: usize) -> bool {
        self.window.as_ref().is_none_or(|w| w.contains(&block))
    }

    /// Limits the registered ranges to annotations in `blocks` (or lifts the
    /// limit with `None`); ranges entering or leaving are added or removed.
    pub fn set_window(&mut self, blocks: Option<std::collections::HashSet<usize>>) {
        self.window = blocks;
        let mut changes: Vec<(u32, bool)> = Vec::new();
        for (id, p) in self.placed.iter() {
            let want = self.in_window(p.ann.block);
            if want != p.registered {
                changes.push((*id, want));
            }
        }
        for (id, want) in changes {
            let Some(p) = self.placed.get_mut(&id) else {
                continue;
            };
            if let Some(hl) = self.groups.get(&p.group) {
                Self::call(hl, if want { "add" } else { "delete" }, &[&p.range]);
            }
            p.registered = want;
        }
    }

    /// Whether annotation `id` is placed and registered (painted).
    pub fn is_registered(&self, id: u32) -> bool {
        self.placed.get(&id).is_some_and(|p| p.registered)
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

    /// The text node of block `block` (rendered mode).
    pub fn text_node(&self, block: usize) -> Option<Node> {
        self.text_nodes.get(block).cloned().flatten()
    }

    /// The host article's text (in-place mode).
    pub fn host(&self) -> Option<&crate::dom::host::HostText> {
        self.host.as_ref()
    }

    /// A new DOM range over document bytes `start..end` of block `block`.
    pub fn range_for(
        &self,
        doc: &Document,
        block: usize,
        start: usize,
        end: usize,
    ) -> Option<Range> {
        let (sn, so) = self.locate(doc, block, start, false)?;
        let (en, eo) = self.locate(doc, block, end, true)?;
        let range = Range::new().ok()?;
        range.set_start(&sn, so).ok()?;
        range.set_end(&en, eo).ok()?;
        Some(range)
    }

    /// Shows annotation `id` over `start..end` while its edge is dragged,
    /// without changing the state.
    pub fn preview(&self, doc: &Document, id: u32, block: usize, start: usize, end: usize) {
        let (Some(p), Some((sn, so)), Some((en, eo))) = (
            self.placed.get(&id),
            self.locate(doc, block, start, false),
            self.locate(doc, block, end, true),
        ) else {
            return;
        };
        let _ = p.range.set_start(&sn, so);
        let _ = p.range.set_end(&en, eo);
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

/// Default (light theme) colours per type: background, strong background,
/// underline. The same values as `www/hamish.css`; they are fallbacks for
/// pages that do not define the `--hamish-*` custom properties (in-place
/// mode, where the highlighted text belongs to the host page).
const PALETTE: [(&str, &str, &str); 8] = [
    ("#fde2c6", "#f8b878", "#b85c00"),
    ("#d7e8fb", "#9cc5f3", "#0b5cad"),
    ("#d5f0d9", "#93d69e", "#1a7f37"),
    ("#ece2fb", "#c9b1f2", "#6639ba"),
    ("#fff3b0", "#ffe066", "#9a6700"),
    ("#fbd9e8", "#f4a3c6", "#bf3989"),
    ("#d3f2f2", "#8fdcdc", "#127a7a"),
    ("#e6e6e6", "#bdbdbd", "#555555"),
];

/// The stylesheet rules for instance `prefix`: one `::highlight()` rule per
/// type and status, coloured by the theme's custom properties (with the
/// light palette as fallback).
pub fn highlight_css(prefix: &str) -> String {
    let mut css = String::new();
    for (kind, (bg, strong, line)) in EntityType::ALL.iter().zip(PALETTE) {
        let k = kind.code().to_ascii_lowercase();
        css.push_str(&format!(
            "::highlight({p}-{c}-s){{background-color:var(--hamish-{k}-bg,{bg});\
             text-decoration:underline dotted var(--hamish-{k}-line,{line});\
             text-decoration-thickness:2px;text-underline-offset:4px}}\n\
             ::highlight({p}-{c}-d){{background-color:var(--hamish-{k}-bg-strong,{strong});\
             text-decoration:underline solid var(--hamish-{k}-line,{line});\
             text-decoration-thickness:2px;text-underline-offset:4px}}\n",
            p = prefix,
            c = kind.code(),
        ));
    }
    css.push_str(&format!(
        "::highlight({prefix}-active){{background-color:var(--hamish-active-bg,#b6e3ff);\
         text-decoration:underline solid var(--hamish-active-line,#0969da);\
         text-decoration-thickness:3px;text-underline-offset:4px}}\n"
    ));
    css
}

/// A constructed stylesheet adopted by the host document (in-place mode:
/// the highlighted text is the host's, so the `::highlight()` rules must be
/// in the host document). Constructed sheets add no element to the page
/// and are not inline styles for a Content-Security-Policy.
pub struct AdoptedSheet {
    sheet: JsValue,
}

impl AdoptedSheet {
    /// Adopts `css` into the document.
    pub fn adopt(css: &str) -> Option<AdoptedSheet> {
        let global: JsValue = js_sys::global().into();
        let ctor = Reflect::get(&global, &"CSSStyleSheet".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let sheet = Reflect::construct(&ctor, &Array::new()).ok()?;
        Highlighter::call(&sheet, "replaceSync", &[&css.into()]);
        let document: JsValue = web_sys::window()?.document()?.into();
        let list = Reflect::get(&document, &"adoptedStyleSheets".into()).ok()?;
        let list = Array::from(&list);
        list.push(&sheet);
        Reflect::set(&document, &"adoptedStyleSheets".into(), &list).ok()?;
        Some(AdoptedSheet { sheet })
    }
}

impl Drop for AdoptedSheet {
    fn drop(&mut self) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let document: JsValue = document.into();
        if let Ok(list) = Reflect::get(&document, &"adoptedStyleSheets".into()) {
            let kept: Array = Array::from(&list)
                .iter()
                .filter(|s| !js_sys::Object::is(s, &self.sheet))
                .collect();
            let _ = Reflect::set(&document, &"adoptedStyleSheets".into(), &kept);
        }
    }
}
