//! # hamish-core
//!
//! The analysis core of Hamish: finds people, organisations, places and
//! temporal expressions in Arabic and English news text, and normalises the
//! temporal ones to TIMEX3 values. Pure Rust, no web dependencies: the same
//! code runs in the CLI, the tests, the benchmarks and — compiled to
//! WebAssembly — in the reader's browser.
//!
//! ```
//! use hamish_core::{analyze, Options, EntityType};
//!
//! let text = "التقى بوتين في موسكو في فبراير 2022.";
//! let options = Options {
//!     reference_date: Some("2025-05-17".parse().unwrap()),
//!     ..Options::default()
//! };
//! let analysis = analyze(text, &options);
//! let found: Vec<(&str, EntityType)> = analysis
//!     .annotations
//!     .iter()
//!     .map(|a| (&text[a.range()], a.kind))
//!     .collect();
//! assert!(found.contains(&("بوتين", EntityType::Per)));
//! assert!(found.contains(&("موسكو", EntityType::Loc)));
//! let date = analysis.annotations.iter().find(|a| a.kind == EntityType::Date).unwrap();
//! assert_eq!(date.value.as_deref(), Some("2022-02"));
//! ```
//!
//! ## Offsets
//!
//! Every [`Annotation`] span is in **UTF-8 bytes** of the analysed text.
//! [`offsets::OffsetMap`] converts to code points (the unit of
//! [`json`] output and the W3C Web Annotation model) and to UTF-16 code
//! units (the DOM's unit).
//!
//! ## Pipeline
//!
//! 1. [`normalize`] — a matching form of the text with an exact map back;
//! 2. [`token`] — words, numbers and punctuation, Arabic clitics segmented;
//! 3. [`lexicon`] — one automaton over every name list;
//! 4. [`temporal`] — the temporal grammar and TIMEX3 normalisation;
//! 5. [`analyzer`] — combines the evidence into non-overlapping annotations.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod analysis;
pub mod analyzer;
pub mod date;
pub mod formats;
pub mod json;
pub mod lexicon;
pub mod normalize;
pub mod offsets;
pub mod tagger;
pub mod temporal;
pub mod token;

pub use analysis::{Analysis, Annotation, EntityType, Lang, Link, Options, Source};
pub use analyzer::Analyzer;
pub use date::CivilDate;

/// Analyses `text` with the bundled lexicons and models.
///
/// Shorthand for [`Analyzer::bundled`]`().analyze(text, options)`.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    Analyzer::bundled().analyze(text, options)
}
