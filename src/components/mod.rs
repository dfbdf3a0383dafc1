//! Yew components.

pub mod annotator;
pub mod article;
pub mod card;
pub mod legend;

pub use annotator::{Annotator, AnnotatorProps, Config, TextSource};
