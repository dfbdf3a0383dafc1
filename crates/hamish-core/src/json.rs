//! The JSON shape of annotations shared by the CLI, the widget and the
//! tests: offsets in **Unicode code points, end exclusive**.
//!
//! ```json
//! {"annotations":[{"start":27,"end":32,"text":"بوتين","type":"PER",
//!   "value":null,"confidence":0.9,"source":"lexicon"}]}
//! ```

use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, Annotation};
use crate::offsets::OffsetMap;

/// One annotation with code-point offsets, as printed by `hamish annotate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnotationRecord {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The annotated text.
    pub text: String,
    /// `PER`, `ORG`, `LOC`, `MISC`, `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value for temporal types, else `null`.
    pub value: Option<String>,
    /// Confidence, rounded to three decimals so that output is identical on
    /// every platform.
    pub confidence: f64,
    /// `model`, `lexicon`, `rule` or `reader`.
    pub source: String,
}

/// The annotations of one text, as printed by `hamish annotate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnotationsDoc {
    /// The annotations, in text order.
    pub annotations: Vec<AnnotationRecord>,
}

/// Rounds a confidence to three decimals.
pub fn round_confidence(c: f32) -> f64 {
    (f64::from(c) * 1000.0).round() / 1000.0
}

/// Converts one annotation of `text` to a record with code-point offsets.
pub fn record(text: &str, map: &OffsetMap, a: &Annotation) -> AnnotationRecord {
    AnnotationRecord {
        start: map
            .byte_to_char(a.start)
            .expect("annotation starts on a char boundary"),
        end: map
            .byte_to_char(a.end)
            .expect("annotation ends on a char boundary"),
        text: text[a.range()].to_owned(),
        kind: a.kind.code().to_owned(),
        value: a.value.clone(),
        confidence: round_confidence(a.confidence),
        source: a.source.name().to_owned(),
    }
}

/// Converts an analysis of `text` to its JSON document.
pub fn document(text: &str, analysis: &Analysis) -> AnnotationsDoc {
    let map = OffsetMap::new(text);
    AnnotationsDoc {
        annotations: analysis
            .annotations
            .iter()
            .map(|a| record(text, &map, a))
            .collect(),
    }
}

/// The analysis of `text` as a compact JSON string.
pub fn to_json_string(text: &str, analysis: &Analysis) -> String {
    serde_json::to_string(&document(text, analysis)).expect("records always serialise")
}

/// The analysis of `text` as JSON with one annotation per line: the format
/// of the golden files, readable in review diffs.
pub fn to_json_lines_string(text: &str, analysis: &Analysis) -> String {
    let doc = document(text, analysis);
    let mut out = String::from("{\"annotations\":[\n");
    for (i, a) in doc.annotations.iter().enumerate() {
        out.push_str(&serde_json::to_string(a).expect("records always serialise"));
        out.push_str(if i + 1 < doc.annotations.len() {
            ",\n"
        } else {
            "\n"
        });
    }
    out.push_str("]}\n");
    out
}
