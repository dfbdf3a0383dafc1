//! Import and export of annotations in four file formats, with
//! re-anchoring when the text has changed since the file was written.
//!
//! # A tour
//!
//! The widget holds its annotations as [`Record`]s: a byte span of the
//! current text, a type, and what the reader decided about it. Exporting
//! is one call:
//!
//! ```
//! use hamish_core::formats::{export, Format, Record, Status};
//! use hamish_core::{EntityType, Source};
//!
//! let text = "التقى بوتين أمس.";
//! let start = text.find("بوتين").unwrap();
//! let putin = Record::new(start, start + "بوتين".len(), EntityType::Per);
//! let brat = export(Format::Brat, text, &[putin.clone()]).unwrap();
//! // brat counts code points, not bytes: بوتين starts at character 6.
//! assert_eq!(brat, "T1\tPER 6 11\tبوتين\n");
//! ```
//!
//! Importing takes the file's contents and the text the widget shows *now*,
//! and answers with the annotations it could place on that text, the ones
//! it could not (*orphans*, for the reader to place or discard), and
//! warnings worth showing:
//!
//! ```
//! # use hamish_core::formats::{export, import, Format, Record};
//! # use hamish_core::EntityType;
//! # let text = "التقى بوتين أمس.";
//! # let start = text.find("بوتين").unwrap();
//! # let putin = Record::new(start, start + "بوتين".len(), EntityType::Per);
//! let file = export(Format::HamishJson, text, &[putin.clone()]).unwrap();
//! // The article was edited after the export: a word was added in front.
//! let edited = "أمس التقى بوتين أمس.";
//! let result = import(Format::HamishJson, &file, edited).unwrap();
//! assert_eq!(result.placed.len(), 1);
//! assert_eq!(&edited[result.placed[0].range()], "بوتين");
//! assert_eq!(result.relocated, [0]); // it moved, and the widget can say so
//! assert!(result.orphaned.is_empty());
//! ```
//!
//! A file that is not valid gets an error naming the line or the JSON field
//! at fault, and nothing is imported: a caller that keeps its annotations
//! when [`import`] fails never applies half a file.
//!
//! ```
//! # use hamish_core::formats::{import, Format};
//! let err = import(Format::Brat, "T1\tPER 6 x\tبوتين\n", "التقى بوتين").unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "brat: line 1: end offset \"x\" is not a number; \
//!      expected `T<n>\\t<type> <start> <end>\\t<text>`"
//! );
//! ```
//!
//! # The formats
//!
//! | [`Format`] | keeps | offsets | notes |
//! |---|---|---|---|
//! | [`HamishJson`](Format::HamishJson) | everything | code points (`"offset_unit":"codepoint"`) | lossless; quote, prefix and suffix for re-anchoring |
//! | [`W3c`](Format::W3c) | spans, types, values, links, notes, status, source, confidence | code points (`"hamish:offsetUnit":"codepoint"`, as the W3C model requires) | [Web Annotation](https://www.w3.org/TR/annotation-model/) JSON-LD |
//! | [`Conll`](Format::Conll) | spans (token-aligned), types | none: tokens | lossy |
//! | [`Brat`](Format::Brat) | spans, types, values, links | code points (brat counts Python `str` indices) | standoff `.ann` |
//!
//! All offsets are end-exclusive. Every format writes spans in **Unicode
//! code points** of the text (or, for CoNLL, as tokens), never in bytes or
//! UTF-16 units; [`Record`]s themselves use UTF-8 bytes, the core's unit,
//! and the conversion is done here with [`OffsetMap`].
//!
//! ## Hamish JSON
//!
//! ```json
//! {"format":"hamish","version":1,"offset_unit":"codepoint",
//!  "text_fingerprint":"4f3c…","text_length":16,"reference_date":"2025-05-17",
//!  "annotations":[
//! {"id":"a1","start":6,"end":11,"quote":"بوتين","prefix":"التقى ","suffix":" أمس.",
//!  "type":"PER","value":null,"status":"decided","source":"reader","confidence":1.0,
//!  "link":{"canonical":"Vladimir Putin","id":"wikidata:Q7747"},"note":null}
//! ]}
//! ```
//!
//! `text_fingerprint` is [`fingerprint`] of the text (FNV-1a 64, hex);
//! `text` (the whole text) is written when [`ExportOptions::include_text`]
//! is set. `prefix`/`suffix` are up to [`CONTEXT_CHARS`] code points either
//! side of the quote. On import `offset_unit` may also be `"utf16"` or
//! `"utf8"`; `quote`, `prefix`, `suffix`, `id`, `value`, `link`, `note`,
//! `status` (default `decided`), `source` (default `reader`) and
//! `confidence` (default 1) may be left out. When the reader rejected
//! suggestions ([`ExportOptions::rejected`]), a `"rejected"` array follows
//! `"annotations"`: `{"start","end","quote","prefix","suffix","type"}` per
//! rejection, placed on import like the annotations
//! ([`ImportResult::rejected`]), so that a new analysis after the import
//! does not suggest them again.
//!
//! ## W3C Web Annotation
//!
//! Export writes an `AnnotationCollection` whose embedded first
//! `AnnotationPage` holds one `Annotation` per record:
//!
//! ```json
//! {"@context":["http://www.w3.org/ns/anno.jsonld",{"hamish":"urn:hamish:"}],
//!  "type":"AnnotationCollection","hamish:offsetUnit":"codepoint", …,
//!  "first":{"type":"AnnotationPage","startIndex":0,"items":[
//!   {"id":"#a1","type":"Annotation","motivation":"tagging",
//!    "body":[{"type":"TextualBody","purpose":"tagging","value":"DATE"},
//!            {"type":"TextualBody","purpose":"describing","value":"2025-05-16"}],
//!    "target":{"source":"urn:hamish:text:4f3c…","selector":[
//!      {"type":"TextQuoteSelector","exact":"أمس","prefix":"…","suffix":"…"},
//!      {"type":"TextPositionSelector","start":12,"end":15}]},
//!    "hamish:status":"suggested","hamish:source":"rule","hamish:confidence":0.95}]}}
//! ```
//!
//! The `tagging` body is the type; a `describing` body is the TIMEX3 value;
//! an `identifying` body carries the link (its `value` the canonical name,
//! `hamish:id` the identifier); a `commenting` body is the note.
//! `TextPositionSelector` offsets count code points, as the W3C model
//! requires (§4.2.1 "Text Position Selector"); the collection says so in
//! `hamish:offsetUnit`. The `hamish:` terms are Hamish's own extension
//! vocabulary (`urn:hamish:`, not resolvable); other tools ignore them.
//!
//! Import also accepts an `AnnotationPage`, a plain array of annotations, a
//! single annotation or a JSON-LD `@graph`; `selector` may be one object or
//! an array of alternatives, and an annotation with only a
//! `TextQuoteSelector` (as Hypothesis and Recogito write them) is placed by
//! searching its quote. The type is taken from a `tagging` or `classifying`
//! body, or a body without purpose, whose value names an entity type
//! (`PER`, `Person`, `LOC`, `Place`, …).
//!
//! ## CoNLL BIO
//!
//! One token per line, `token<TAB>tag`, tags `O`, `B-TYPE`, `I-TYPE`, and a
//! blank line between sentences (as the core [tokenizer](crate::token)
//! finds them). Tokens are the tokenizer's, cut further wherever an
//! annotation starts or ends inside one (so وبوتين with بوتين annotated is
//! written as `و` and `بوتين`). The format has no offsets, values, links or
//! statuses: import aligns the tokens one after another with the current
//! text, ignoring whitespace and tolerating [normalisation](crate::normalize)
//! differences (tashkeel, hamza forms, digit shapes), and rebuilds each span
//! from its first token's start to its last token's end. A token that does
//! not match the text at that point is an error naming its line: without
//! offsets or context, CoNLL can only be imported onto the text it was
//! made from. Import also reads space-separated columns (the tag is the
//! last one), `-DOCSTART-` lines, `#` comment lines, and the IOB1, BIOES and
//! BILOU tag schemes.
//!
//! ## brat standoff
//!
//! ```text
//! T1⇥PER 6 11⇥بوتين
//! T2⇥DATE 12 15⇥أمس
//! #1⇥AnnotatorNotes T2⇥2025-05-16
//! N1⇥Reference T1 wikidata:Q7747⇥Vladimir Putin
//! ```
//!
//! (⇥ is a tab.)
//!
//! Offsets are code points (brat indexes Python strings). The TIMEX3 value
//! is an `AnnotatorNotes` comment, the link a `Reference` normalisation. A
//! span that crosses a line break is written as fragments (`0 5;6 10`), as
//! brat does. On import, a discontinuous span becomes the span covering
//! its fragments (with a warning unless only line breaks lie between them);
//! relation, event, attribute and other lines Hamish has no use for are
//! skipped with a warning. An `AnnotatorNotes` on a non-temporal type
//! becomes the note.
//!
//! # Re-anchoring
//!
//! Every format but CoNLL records each annotation's text (*quote*) next to
//! its position, and Hamish JSON and W3C also the text around it. On
//! import each annotation is placed, in this order:
//!
//! 1. at its recorded position, if the quote is found exactly there with
//!    all of its recorded prefix and suffix around it (or if the file has
//!    no quote and the position lies within the text) — so a short quote
//!    that happens to match at a position the text shifted onto is not
//!    taken for the original;
//! 2. else at an occurrence of its quote in the current text — exactly, or
//!    after normalisation when it is not found exactly — choosing the
//!    occurrence whose surroundings best match the recorded prefix and
//!    suffix (the longest common suffix of the prefix plus the longest
//!    common prefix of the suffix, in code points), then the one nearest the
//!    old position (so an annotation whose context was touched by an edit
//!    but which did not move stays put), then the first. Annotations with the best context
//!    choose first, and an occurrence already taken is not taken twice;
//! 3. else it is an orphan ([`Orphan`]), with the reason.
//!
//! Occurrences are found with one Aho–Corasick pass over the text for all
//! distinct quotes, so placing thousands of annotations on a long article
//! is linear in the text plus the occurrences found; per annotation at most
//! [`MAX_CANDIDATES`] occurrences (the nearest to its old position) are
//! scored.
//!
//! # Overlaps
//!
//! The widget keeps annotations from overlapping, so import never returns
//! overlapping [`ImportResult::placed`] records: an annotation whose span
//! would overlap one placed before it (file order; annotations found at
//! their recorded position before relocated ones) becomes an orphan with
//! [`OrphanReason::Overlaps`], naming the one it collides with. (Export
//! writes overlapping records as they are, except CoNLL, which cannot
//! express them and says so.)
//!
//! # Defaults for what a format does not say
//!
//! An imported annotation without status is [`Status::Decided`], without
//! source [`Source::Reader`], without confidence 1.0: a file someone made
//! is their decision.

mod anchor;
mod brat;
mod conll;
mod hamish;
mod jsonpath;
mod w3c;

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use crate::analysis::{Annotation, EntityType, Link, Source};
use crate::date::CivilDate;
use crate::offsets::OffsetMap;

/// How many code points of context are stored either side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// How many occurrences of a quote are scored for one annotation when it
/// is re-anchored (the nearest to its old position).
pub const MAX_CANDIDATES: usize = 512;

/// The file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Hamish's own JSON: lossless.
    HamishJson,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// CoNLL BIO: one token and its tag per line.
    Conll,
    /// brat standoff (`.ann`).
    Brat,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 4] = [Format::HamishJson, Format::W3c, Format::Conll, Format::Brat];

    /// A short machine name: `hamish`, `w3c`, `conll`, `brat`.
    pub fn code(self) -> &'static str {
        match self {
            Format::HamishJson => "hamish",
            Format::W3c => "w3c",
            Format::Conll => "conll",
            Format::Brat => "brat",
        }
    }

    /// A human name for menus and messages.
    pub fn label(self) -> &'static str {
        match self {
            Format::HamishJson => "Hamish JSON",
            Format::W3c => "W3C Web Annotation",
            Format::Conll => "CoNLL BIO",
            Format::Brat => "brat",
        }
    }

    /// The file name extension to save as (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Format::HamishJson => "hamish.json",
            Format::W3c => "jsonld",
            Format::Conll => "conll",
            Format::Brat => "ann",
        }
    }

    /// The MIME type to save as.
    pub fn mime_type(self) -> &'static str {
        match self {
            Format::HamishJson => "application/json",
            Format::W3c => "application/ld+json;profile=\"http://www.w3.org/ns/anno.jsonld\"",
            Format::Conll | Format::Brat => "text/plain;charset=utf-8",
        }
    }

    /// The format a file name suggests, from its extension
    /// (`.hamish.json`, `.jsonld`, `.conll`/`.bio`/`.iob`, `.ann`). A bare
    /// `.json` gives `None`: use [`Format::sniff`] on the contents.
    pub fn from_file_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".hamish.json") {
            Some(Format::HamishJson)
        } else if lower.ends_with(".jsonld") {
            Some(Format::W3c)
        } else if [".conll", ".bio", ".iob", ".conllu"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            Some(Format::Conll)
        } else if lower.ends_with(".ann") {
            Some(Format::Brat)
        } else {
            None
        }
    }

    /// Guesses the format of a file from its first bytes: JSON naming
    /// `"format":"hamish"` is Hamish JSON, other JSON is W3C, a first line
    /// like `T1<TAB>…` is brat, anything else CoNLL. A guess only: the
    /// import still validates everything.
    pub fn sniff(data: &str) -> Format {
        let data = data.trim_start_matches('\u{feff}');
        let trimmed = data.trim_start();
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            let head: String = trimmed.chars().take(400).collect();
            let squeezed: String = head.chars().filter(|c| !c.is_whitespace()).collect();
            if squeezed.contains("\"format\":\"hamish\"") {
                return Format::HamishJson;
            }
            return Format::W3c;
        }
        let first = trimmed.lines().next().unwrap_or("");
        let id = first.split('\t').next().unwrap_or("");
        let mut chars = id.chars();
        if first.contains('\t')
            && matches!(chars.next(), Some('T' | 'R' | 'E' | 'A' | 'M' | 'N' | '#'))
            && chars.as_str().chars().all(|c| c.is_ascii_digit())
            && !chars.as_str().is_empty()
        {
            return Format::Brat;
        }
        Format::Conll
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Format {
    type Err = FormatError;

    /// Parses a [`Format::code`] (also `json`, `jsonld`, `webannotation`,
    /// `bio`, `ann`, `standoff`), case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "hamish" | "json" | "hamish-json" | "hamishjson" => Format::HamishJson,
            "w3c" | "jsonld" | "json-ld" | "webannotation" | "web-annotation" => Format::W3c,
            "conll" | "bio" | "iob" => Format::Conll,
            "brat" | "ann" | "standoff" => Format::Brat,
            _ => {
                return Err(FormatError::new(
                    None,
                    Location::None,
                    format!("unknown format {s:?} (expected hamish, w3c, conll or brat)"),
                ))
            }
        })
    }
}

/// Whether an annotation is a machine suggestion or the reader's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Proposed by the analyser, not yet reviewed.
    Suggested,
    /// Accepted, added or edited by the reader.
    Decided,
}

impl Status {
    /// `suggested` or `decided`.
    pub fn name(self) -> &'static str {
        match self {
            Status::Suggested => "suggested",
            Status::Decided => "decided",
        }
    }

    fn parse(s: &str) -> Option<Status> {
        match s {
            "suggested" => Some(Status::Suggested),
            "decided" => Some(Status::Decided),
            _ => None,
        }
    }
}

/// One annotation, independent of any file format.
///
/// `start` and `end` are **UTF-8 byte offsets** into the current text,
/// end exclusive, on character boundaries, `start < end`.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// An identifier from the file or the widget, kept where the format can.
    pub id: Option<String>,
    /// Start, in UTF-8 bytes of the current text.
    pub start: usize,
    /// End (exclusive), in UTF-8 bytes of the current text.
    pub end: usize,
    /// The type.
    pub kind: EntityType,
    /// The TIMEX3 value of a temporal annotation.
    pub value: Option<String>,
    /// Suggestion or decision.
    pub status: Status,
    /// Which component (or the reader) produced it.
    pub source: Source,
    /// Confidence, 0–1.
    pub confidence: f32,
    /// The lexicon entry it is linked to.
    pub link: Option<Link>,
    /// A remark for the reader.
    pub note: Option<String>,
}

impl Record {
    /// A reader's decision of type `kind` over `start..end` (bytes), with no
    /// value, link, note or id and confidence 1.
    pub fn new(start: usize, end: usize, kind: EntityType) -> Record {
        Record {
            id: None,
            start,
            end,
            kind,
            value: None,
            status: Status::Decided,
            source: Source::Reader,
            confidence: 1.0,
            link: None,
            note: None,
        }
    }

    /// The record of an analyser annotation, with the given status.
    pub fn from_annotation(a: &Annotation, status: Status) -> Record {
        Record {
            id: None,
            start: a.start,
            end: a.end,
            kind: a.kind,
            value: a.value.clone(),
            status,
            source: a.source,
            confidence: a.confidence,
            link: a.link.clone(),
            note: a.note.clone(),
        }
    }

    /// The byte span as a range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Why an imported annotation could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrphanReason {
    /// Its quote occurs nowhere in the current text, not even after
    /// normalisation.
    QuoteNotFound,
    /// The file gives no quote, and its position lies outside the current
    /// text.
    PositionOutOfRange {
        /// The text's length, in the file's offset unit.
        text_len: usize,
    },
    /// Every occurrence of its quote is taken by other annotations.
    AllOccurrencesTaken,
    /// It would overlap an annotation placed before it.
    Overlaps {
        /// Index of that annotation in [`ImportResult::placed`].
        placed: usize,
    },
}

impl fmt::Display for OrphanReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrphanReason::QuoteNotFound => f.write_str("its text no longer occurs in the document"),
            OrphanReason::PositionOutOfRange { text_len } => write!(
                f,
                "its position lies outside the document ({text_len} characters) and the file \
                 gives no text to search for"
            ),
            OrphanReason::AllOccurrencesTaken => {
                f.write_str("every occurrence of its text is already annotated")
            }
            OrphanReason::Overlaps { placed } => {
                write!(f, "it overlaps imported annotation #{}", placed + 1)
            }
        }
    }
}

/// An imported annotation that could not be placed on the current text.
#[derive(Debug, Clone, PartialEq)]
pub struct Orphan {
    /// Everything the file says about it. `start` and `end` are 0 and mean
    /// nothing: set them when the reader places it.
    pub record: Record,
    /// The text it annotated (empty if the file does not say).
    pub quote: String,
    /// Text before the quote in the file's version of the document.
    pub prefix: String,
    /// Text after the quote in the file's version of the document.
    pub suffix: String,
    /// Where it was in the file's version of the document, in the file's
    /// offset unit (code points for every format Hamish writes), if the
    /// file says.
    pub old_span: Option<Range<usize>>,
    /// Where in the file it comes from (`line 4`, `annotations[2]`).
    pub origin: String,
    /// Why it could not be placed.
    pub reason: OrphanReason,
}

/// What an import found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportResult {
    /// Annotations placed on the current text, sorted by `(start, end)`,
    /// never overlapping, every span non-empty and on character boundaries.
    pub placed: Vec<Record>,
    /// Indices into `placed` of the annotations that were *not* at their
    /// recorded position (re-anchored by quote search), ascending.
    pub relocated: Vec<usize>,
    /// Annotations that could not be placed, in file order.
    pub orphaned: Vec<Orphan>,
    /// Things the reader should know (skipped lines, a different text
    /// version, discontinuous spans merged …).
    pub warnings: Vec<String>,
    /// The reference date the file records (Hamish JSON), if any.
    pub reference_date: Option<CivilDate>,
    /// The rejected suggestions the file records (Hamish JSON), placed on
    /// the current text like the annotations (those that cannot be placed
    /// are dropped, and counted in `warnings`).
    pub rejected: Vec<Record>,
}

/// Where in a file an error is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Location {
    /// Nowhere in particular.
    None,
    /// A 1-based line.
    Line(usize),
    /// A 1-based line and column (in characters).
    LineColumn(usize, usize),
    /// A JSON field path such as `annotations[2].target.selector`.
    Field(String),
}

/// A file that cannot be imported, or records that cannot be exported.
///
/// Its `Display` says what is wrong and where: a line (`line 3: …`), a line
/// and column for JSON syntax errors, or a JSON field path
/// (`annotations[2].target.selector: …`), after the format's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    format: Option<Format>,
    at: Location,
    message: String,
}

impl FormatError {
    pub(crate) fn new(format: Option<Format>, at: Location, message: String) -> Self {
        FormatError {
            format,
            at,
            message,
        }
    }

    /// The format being read or written, if known.
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// The 1-based line at fault, if the error has one.
    pub fn line(&self) -> Option<usize> {
        match self.at {
            Location::Line(l) | Location::LineColumn(l, _) => Some(l),
            _ => None,
        }
    }

    /// The JSON field path at fault (`annotations[2].start`), if the error
    /// has one.
    pub fn field(&self) -> Option<&str> {
        match &self.at {
            Location::Field(p) => Some(p),
            _ => None,
        }
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(format) = self.format {
            write!(f, "{}: ", format.code())?;
        }
        match &self.at {
            Location::None => {}
            Location::Line(l) => write!(f, "line {l}: ")?,
            Location::LineColumn(l, c) => write!(f, "line {l}, column {c}: ")?,
            Location::Field(p) if p.is_empty() => {}
            Location::Field(p) => write!(f, "{p}: ")?,
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for FormatError {}

/// Options for [`Export`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportOptions {
    /// Hamish JSON: also write the whole text (`"text"`), making the file
    /// self-contained.
    pub include_text: bool,
    /// Hamish JSON: the reference date relative dates were resolved against.
    pub reference_date: Option<CivilDate>,
    /// W3C: the IRI of the annotated document (`target.source`). Default:
    /// `urn:hamish:text:<fingerprint>`.
    pub document_iri: Option<String>,
    /// Hamish JSON: the suggestions the reader rejected, as byte spans with
    /// their types (written as `"rejected"`, so that an import keeps them
    /// out after a new analysis). Other formats have no place for them.
    pub rejected: Vec<(usize, usize, EntityType)>,
}

/// A document to export: its text, its annotations and the options.
#[derive(Debug, Clone, Copy)]
pub struct Export<'a> {
    /// The text the records' byte offsets refer to.
    pub text: &'a str,
    /// The annotations, in any order (they are written sorted by position).
    pub records: &'a [Record],
    /// Format-specific options.
    pub options: &'a ExportOptions,
}

impl Export<'_> {
    /// Writes the document in `format`.
    ///
    /// # Errors
    ///
    /// A record whose span is empty, reversed, past the end of the text or
    /// not on a character boundary (`records[3]: …`); for CoNLL, records
    /// that overlap or cover only whitespace, which BIO cannot express.
    pub fn write(&self, format: Format) -> Result<String, FormatError> {
        let order = validate_records(format, self.text, self.records)?;
        let sorted: Vec<&Record> = order.iter().map(|&i| &self.records[i]).collect();
        Ok(match format {
            Format::HamishJson => hamish::export(self.text, &sorted, self.options),
            Format::W3c => w3c::export(self.text, &sorted, self.options),
            Format::Conll => conll::export(self.text, &sorted, &order)?,
            Format::Brat => brat::export(self.text, &sorted, &order)?,
        })
    }
}

/// Writes `records` (byte offsets into `text`) in `format` with default
/// [`ExportOptions`]. See [`Export::write`] for the errors.
pub fn export(format: Format, text: &str, records: &[Record]) -> Result<String, FormatError> {
    Export {
        text,
        records,
        options: &ExportOptions::default(),
    }
    .write(format)
}

/// Reads `data` in `format` and places its annotations on `current_text`,
/// re-anchoring them if the text has changed (see the module docs).
///
/// # Errors
///
/// Anything malformed: a JSON syntax error (with line and column), a field
/// of the wrong type or with an impossible value (with its path), a line
/// that does not parse (with its number), a negative or reversed span, an
/// unknown entity type, a CoNLL token that does not match the text. On
/// error nothing is returned, so nothing can be half-applied.
pub fn import(format: Format, data: &str, current_text: &str) -> Result<ImportResult, FormatError> {
    let data = data.strip_prefix('\u{feff}').unwrap_or(data);
    match format {
        Format::HamishJson => hamish::import(data, current_text),
        Format::W3c => w3c::import(data, current_text),
        Format::Conll => conll::import(data, current_text),
        Format::Brat => brat::import(data, current_text),
    }
}

/// FNV-1a 64-bit hash of `text`, as 16 lower-case hex digits: the
/// `text_fingerprint` of Hamish JSON (and the widget's storage key).
pub fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Checks every record's span against `text` and returns the record
/// indices sorted by `(start, end)`, then input order.
fn validate_records(
    format: Format,
    text: &str,
    records: &[Record],
) -> Result<Vec<usize>, FormatError> {
    for (i, r) in records.iter().enumerate() {
        let problem = if r.start >= r.end {
            Some(format!("empty or reversed span {}..{}", r.start, r.end))
        } else if r.end > text.len() {
            Some(format!(
                "span {}..{} ends past the end of the text ({} bytes)",
                r.start,
                r.end,
                text.len()
            ))
        } else if !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            Some(format!(
                "span {}..{} does not fall on character boundaries",
                r.start, r.end
            ))
        } else if !r.confidence.is_finite() {
            Some(format!("confidence {} is not a number", r.confidence))
        } else {
            None
        };
        if let Some(message) = problem {
            return Err(FormatError::new(
                Some(format),
                Location::Field(format!("records[{i}]")),
                message,
            ));
        }
    }
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.sort_by_key(|&i| (records[i].start, records[i].end, i));
    Ok(order)
}

/// Up to [`CONTEXT_CHARS`] code points of `text` before byte `start`.
pub(crate) fn prefix_of(text: &str, start: usize) -> &str {
    let before = &text[..start];
    match before.char_indices().rev().nth(CONTEXT_CHARS - 1) {
        Some((i, _)) => &before[i..],
        None => before,
    }
}

/// Up to [`CONTEXT_CHARS`] code points of `text` after byte `end`.
pub(crate) fn suffix_of(text: &str, end: usize) -> &str {
    let after = &text[end..];
    match after.char_indices().nth(CONTEXT_CHARS) {
        Some((i, _)) => &after[..i],
        None => after,
    }
}

/// Code-point span of a validated byte span.
pub(crate) fn char_span(map: &OffsetMap, r: &Record) -> (usize, usize) {
    (
        map.byte_to_char(r.start).unwrap_or(0),
        map.byte_to_char(r.end).unwrap_or(0),
    )
}

/// Parses an entity type name as written by Hamish or by other tools:
/// every spelling [`EntityType`]'s `FromStr` accepts, plus `Place`,
/// `Event`, `NORP`, `Timex` names.
pub(crate) fn parse_type(s: &str) -> Option<EntityType> {
    if let Ok(t) = s.parse::<EntityType>() {
        return Some(t);
    }
    let up = s.trim().to_ascii_uppercase().replace(['-', ' '], "_");
    Some(match up.as_str() {
        "PLACE" | "GEO" | "GEOGRAPHICAL_ENTITY" | "GEO_POLITICAL_ENTITY" | "FAC" | "FACILITY" => {
            EntityType::Loc
        }
        "PERSONS" | "PEOPLE" | "PERS_NAME" | "PERSNAME" => EntityType::Per,
        "ORGNAME" | "ORGANISATIONS" | "ORGANIZATIONS" | "INSTITUTION" => EntityType::Org,
        "PLACENAME" => EntityType::Loc,
        "EVENT" | "NORP" | "MISCELLANEOUS" | "WORK_OF_ART" | "PRODUCT" | "LAW" | "LANGUAGE" => {
            EntityType::Misc
        }
        "TIMEX" | "TIMEX3" | "DATE_TIME" | "DATETIME" => EntityType::Date,
        _ => return None,
    })
}

/// The accepted type names, for error messages.
pub(crate) const TYPE_NAMES: &str = "PER, ORG, LOC, MISC, DATE, TIME, DURATION, SET \
     (or Person, Organization, Location, Place, GPE, Event)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_bounded_in_code_points() {
        let text = format!("{}X{}", "😀".repeat(40), "ب".repeat(40));
        let x = text.find('X').unwrap();
        assert_eq!(prefix_of(&text, x).chars().count(), CONTEXT_CHARS);
        assert_eq!(suffix_of(&text, x + 1).chars().count(), CONTEXT_CHARS);
        assert_eq!(prefix_of("ab", 1), "a");
        assert_eq!(suffix_of("ab", 1), "b");
        assert_eq!(prefix_of("", 0), "");
    }

    #[test]
    fn fingerprint_is_fnv1a64() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        assert_eq!(fingerprint("foobar"), "85944171f73967e8");
    }

    #[test]
    fn format_names_and_sniffing() {
        for f in Format::ALL {
            assert_eq!(f.code().parse::<Format>().unwrap(), f);
            assert_eq!(
                Format::from_file_name(&format!("x.{}", f.extension())),
                Some(f)
            );
        }
        assert!("xml".parse::<Format>().is_err());
        assert_eq!(Format::from_file_name("a.json"), None);
        assert_eq!(
            Format::sniff("{ \"format\" : \"hamish\", \"version\":1}"),
            Format::HamishJson
        );
        assert_eq!(
            Format::sniff("\u{feff}[{\"type\":\"Annotation\"}]"),
            Format::W3c
        );
        assert_eq!(Format::sniff("T1\tPER 0 5\tPutin\n"), Format::Brat);
        assert_eq!(Format::sniff("#1\tAnnotatorNotes T1\tx\n"), Format::Brat);
        assert_eq!(Format::sniff("Putin\tB-PER\n"), Format::Conll);
        assert_eq!(Format::sniff("T\tO\n"), Format::Conll);
        assert_eq!(Format::sniff(""), Format::Conll);
    }

    #[test]
    fn type_aliases() {
        for (s, t) in [
            ("Person", EntityType::Per),
            ("place", EntityType::Loc),
            ("GPE", EntityType::Loc),
            ("Organization", EntityType::Org),
            ("event", EntityType::Misc),
            ("Date", EntityType::Date),
            ("TIMEX3", EntityType::Date),
        ] {
            assert_eq!(parse_type(s), Some(t), "{s}");
        }
        assert_eq!(parse_type("Attack"), None);
        assert_eq!(parse_type(""), None);
    }

    #[test]
    fn export_rejects_bad_spans_naming_the_record() {
        let text = "a😀b";
        for (r, want) in [
            (
                Record::new(2, 2, EntityType::Per),
                "records[0]: empty or reversed span 2..2",
            ),
            (
                Record::new(3, 1, EntityType::Per),
                "records[0]: empty or reversed span 3..1",
            ),
            (
                Record::new(0, 2, EntityType::Per),
                "records[0]: span 0..2 does not fall on character boundaries",
            ),
            (
                Record::new(0, 99, EntityType::Per),
                "records[0]: span 0..99 ends past the end of the text (6 bytes)",
            ),
        ] {
            for f in Format::ALL {
                let e = export(f, text, std::slice::from_ref(&r)).unwrap_err();
                assert_eq!(e.to_string(), format!("{}: {want}", f.code()));
                assert_eq!(e.field(), Some("records[0]"));
            }
        }
        let mut nan = Record::new(0, 1, EntityType::Per);
        nan.confidence = f32::NAN;
        assert!(export(Format::HamishJson, text, &[nan]).is_err());
    }
}
