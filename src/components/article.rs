//! The article: one element per block, each holding exactly one text node.
//!
//! The article re-renders only when the document changes. Annotation
//! changes never touch it (see [`crate::dom::highlights`]).

use std::rc::Rc;

use yew::prelude::*;

use crate::doc::{BlockKind, Document};

/// A document compared by identity, so that props comparison is O(1).
#[derive(Clone, Debug)]
pub struct DocRef(pub Rc<Document>);

impl PartialEq for DocRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Any shared value compared by identity (for effect dependencies over big
/// collections, where comparing contents would cost O(n) per render).
#[derive(Clone, Debug)]
pub struct ByPtr<T>(pub Rc<T>);

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Properties of [`Article`].
#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    /// The document.
    pub doc: DocRef,
}

/// Renders the blocks: paragraphs as `<p>`, runs of list items as `<ul>`.
#[component]
pub fn Article(props: &ArticleProps) -> Html {
    let doc = &props.doc.0;
    let mut out: Vec<Html> = Vec::new();
    let mut list: Vec<Html> = Vec::new();
    let flush = |list: &mut Vec<Html>, out: &mut Vec<Html>| {
        if !list.is_empty() {
            let items = std::mem::take(list);
            let key = format!("ul{}", out.len());
            out.push(html! { <ul key={key} class="hamish-list">{ for items }</ul> });
        }
    };
    for (i, b) in doc.blocks.iter().enumerate() {
        let text = AttrValue::from(doc.block_text(i).to_owned());
        let idx = i.to_string();
        match b.kind {
            BlockKind::Paragraph => {
                flush(&mut list, &mut out);
                out.push(html! { <p key={idx.clone()} data-block={idx} dir="auto">{ text }</p> });
            }
            BlockKind::ListItem => {
                list.push(
                    html! { <li key={idx.clone()} data-block={idx} dir="auto">{ text }</li> },
                );
            }
        }
    }
    flush(&mut list, &mut out);
    html! { <>{ for out }</> }
}
