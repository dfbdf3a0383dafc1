//! Yew components.

pub mod annotator;
pub mod article;
pub mod card;
pub mod exchange;
pub mod help;
pub mod legend;
pub mod offer;
pub mod picker;
pub mod toolbar;

pub use annotator::{Annotator, AnnotatorProps, Config, TextSource};
