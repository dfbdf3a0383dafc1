//! In-place mode: the text of an article already on the host page, read
//! from its DOM without changing it.
//!
//! Block-level elements (and `<br>`) separate blocks; inline markup (links,
//! emphasis) does not. The widget analyses the joined text and highlights
//! ranges over the host's own text nodes — nothing is moved, wrapped or
//! rewritten, so the host's scripts and styles keep working.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// One text node of the host article and where its text sits in the
/// joined text.
#[derive(Clone, Debug)]
pub struct HostNode {
    /// The text node.
    pub node: Node,
    /// Byte offset of its first character in the joined text.
    pub start: usize,
    /// Its text (with line breaks and tabs read as spaces).
    pub text: String,
}

/// The host article's text.
#[derive(Clone, Debug, Default)]
pub struct HostText {
    /// The joined text: one line per block.
    pub text: String,
    /// The text nodes, in document order.
    pub nodes: Vec<HostNode>,
    /// The block element of each line (for hit-testing), by line start.
    pub blocks: Vec<(usize, Element)>,
}

const SKIP: &[&str] = &[
    "SCRIPT",
    "STYLE",
    "NOSCRIPT",
    "TEMPLATE",
    "TEXTAREA",
    "SELECT",
    "OPTION",
    "BUTTON",
    "SVG",
    "MATH",
    "IFRAME",
    "OBJECT",
    "CANVAS",
    "VIDEO",
    "AUDIO",
    "HAMISH-ANNOTATOR",
];

const BLOCKS: &[&str] = &[
    "P",
    "LI",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "BLOCKQUOTE",
    "DD",
    "DT",
    "DIV",
    "SECTION",
    "ARTICLE",
    "HEADER",
    "FOOTER",
    "ASIDE",
    "FIGCAPTION",
    "FIGURE",
    "TD",
    "TH",
    "PRE",
    "ADDRESS",
    "MAIN",
    "NAV",
    "UL",
    "OL",
    "DL",
    "TABLE",
    "TR",
    "FORM",
    "FIELDSET",
    "DETAILS",
    "SUMMARY",
    "HR",
    "CAPTION",
    "LEGEND",
];

fn is_hidden(el: &Element) -> bool {
    el.has_attribute("hidden") || el.get_attribute("aria-hidden").as_deref() == Some("true")
}

/// Reads the text of `root`, skipping scripts, form controls, hidden
/// elements and anything marked `data-hamish-skip`.
pub fn read(root: &Element) -> HostText {
    let mut out = HostText::default();
    let mut line_open = false;
    let mut current_block: Option<Element> = None;
    walk(root, root, &mut out, &mut line_open, &mut current_block);
    out
}

fn new_line(out: &mut HostText, line_open: &mut bool) {
    if *line_open {
        out.text.push('\n');
        *line_open = false;
    }
}

fn walk(
    root: &Element,
    node: &Node,
    out: &mut HostText,
    line_open: &mut bool,
    block: &mut Option<Element>,
) {
    let mut child = node.first_child();
    while let Some(n) = child {
        match n.node_type() {
            Node::TEXT_NODE => {
                let raw = n.node_value().unwrap_or_default();
                if !raw.is_empty() {
                    if !*line_open {
                        if let Some(b) = block.clone() {
                            out.blocks.push((out.text.len(), b));
                        } else {
                            out.blocks.push((out.text.len(), root.clone()));
                        }
                        *line_open = true;
                    }
                    // Same length in bytes and UTF-16 units: offsets map 1:1.
                    let text: String = raw
                        .chars()
                        .map(|c| {
                            if matches!(c, '\n' | '\r' | '\t') {
                                ' '
                            } else {
                                c
                            }
                        })
                        .collect();
                    out.nodes.push(HostNode {
                        node: n.clone(),
                        start: out.text.len(),
                        text: text.clone(),
                    });
                    out.text.push_str(&text);
                }
            }
            Node::ELEMENT_NODE => {
                let el: Element = n.clone().unchecked_into();
                let tag = el.tag_name().to_ascii_uppercase();
                if SKIP.contains(&tag.as_str())
                    || is_hidden(&el)
                    || el.has_attribute("data-hamish-skip")
                {
                    child = n.next_sibling();
                    continue;
                }
                if tag == "BR" {
                    new_line(out, line_open);
                } else if BLOCKS.contains(&tag.as_str()) {
                    new_line(out, line_open);
                    let outer = block.replace(el.clone());
                    walk(root, &n, out, line_open, block);
                    new_line(out, line_open);
                    *block = outer;
                } else {
                    walk(root, &n, out, line_open, block);
                }
            }
            _ => {}
        }
        child = n.next_sibling();
    }
}

impl HostText {
    /// The text node and UTF-16 offset in it of joined-text byte `byte`;
    /// an end position prefers the end of the previous node.
    pub fn locate(&self, byte: usize, is_end: bool) -> Option<(Node, u32)> {
        let i = if is_end {
            self.nodes
                .partition_point(|n| n.start < byte)
                .checked_sub(1)?
        } else {
            self.nodes
                .partition_point(|n| n.start <= byte)
                .checked_sub(1)?
        };
        let n = &self.nodes[i];
        let rel = byte.checked_sub(n.start)?;
        if rel > n.text.len() || !n.text.is_char_boundary(rel) {
            return None;
        }
        Some((n.node.clone(), n.text[..rel].encode_utf16().count() as u32))
    }

    /// The line (block) whose element contains `el`, as a byte offset of
    /// the line start.
    pub fn line_of(&self, el: &Element) -> Option<usize> {
        let mut cur = Some(el.clone());
        while let Some(e) = cur {
            if let Some((start, _)) = self
                .blocks
                .iter()
                .rev()
                .find(|(_, b)| b.is_same_node(Some(&e)))
            {
                return Some(*start);
            }
            cur = e.parent_element();
        }
        None
    }
}
