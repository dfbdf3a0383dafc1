//! Table-driven tests of the temporal tagger.

use super::*;
use crate::normalize::NormOptions;
use crate::token::{tokenize, NoVocabulary};

pub(crate) fn run_ref(text: &str, reference: Option<CivilDate>) -> Vec<(String, EntityType, Option<String>)> {
    let norm = Normalized::new(text, NormOptions::default());
    let toks = tokenize(&norm, &NoVocabulary);
    find(&norm, &toks, reference)
        .into_iter()
        .map(|t| (text[norm.to_original(t.norm)].to_owned(), t.kind, t.value))
        .collect()
}

fn reference() -> Option<CivilDate> {
    CivilDate::new(2025, 5, 17).ok()
}

#[test]
fn debug_print() {
    for text in std::env::var("HAMISH_T").unwrap_or_default().split('|').filter(|s| !s.is_empty()) {
        println!("{text:?} -> {:?}", run_ref(text, reference()));
    }
}
