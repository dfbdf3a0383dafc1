//! The analysis API: options in, annotations out.

use std::fmt;
use std::str::FromStr;

use crate::date::CivilDate;

/// What an annotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A place: country, city, region, geographic feature.
    Loc,
    /// Another named entity (nationalities, events, works …).
    Misc,
    /// A calendar date or period (TIMEX3 `DATE`).
    Date,
    /// A time of day (TIMEX3 `TIME`).
    Time,
    /// An amount of time (TIMEX3 `DURATION`).
    Duration,
    /// A recurrence (TIMEX3 `SET`).
    Set,
}

impl EntityType {
    /// Every type, in display order.
    pub const ALL: [EntityType; 8] = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Misc,
        EntityType::Date,
        EntityType::Time,
        EntityType::Duration,
        EntityType::Set,
    ];

    /// The short upper-case code (`PER`, `DATE` …) used in every format.
    pub fn code(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
            EntityType::Date => "DATE",
            EntityType::Time => "TIME",
            EntityType::Duration => "DURATION",
            EntityType::Set => "SET",
        }
    }

    /// Whether this is a temporal (TIMEX3) type.
    pub fn is_temporal(self) -> bool {
        matches!(
            self,
            EntityType::Date | EntityType::Time | EntityType::Duration | EntityType::Set
        )
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Error for a string that names no entity type, source or language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseNameError {
    what: &'static str,
    got: String,
    expected: &'static str,
}

impl fmt::Display for ParseNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?} (expected one of {})",
            self.what, self.got, self.expected
        )
    }
}

impl std::error::Error for ParseNameError {}

impl FromStr for EntityType {
    type Err = ParseNameError;

    /// Parses a type code, case-insensitively; accepts the corpus spellings
    /// `PERS`, `PERSON`, `GPE`, `ORGANIZATION`, `LOCATION` and `MIS*`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let up = s.trim().to_ascii_uppercase();
        Ok(match up.as_str() {
            "PER" | "PERS" | "PERSON" => EntityType::Per,
            "ORG" | "ORGANIZATION" | "ORGANISATION" => EntityType::Org,
            "LOC" | "LOCATION" | "GPE" => EntityType::Loc,
            "MISC" | "MIS" | "MIS0" | "MIS1" | "MIS2" | "MIS3" | "MIS-1" | "MIS-2" | "MIS-3" => {
                EntityType::Misc
            }
            "DATE" => EntityType::Date,
            "TIME" => EntityType::Time,
            "DURATION" => EntityType::Duration,
            "SET" => EntityType::Set,
            _ => {
                return Err(ParseNameError {
                    what: "entity type",
                    got: s.to_owned(),
                    expected: "PER, ORG, LOC, MISC, DATE, TIME, DURATION, SET",
                })
            }
        })
    }
}

/// Which component produced an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// The statistical tagger.
    Model,
    /// A lexicon match.
    Lexicon,
    /// A hand-written rule (the temporal grammar, trigger patterns).
    Rule,
    /// A reader's decision.
    Reader,
}

impl Source {
    /// Lower-case name used in every format.
    pub fn name(self) -> &'static str {
        match self {
            Source::Model => "model",
            Source::Lexicon => "lexicon",
            Source::Rule => "rule",
            Source::Reader => "reader",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Source {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "model" => Source::Model,
            "lexicon" => Source::Lexicon,
            "rule" => Source::Rule,
            "reader" => Source::Reader,
            _ => {
                return Err(ParseNameError {
                    what: "source",
                    got: s.to_owned(),
                    expected: "model, lexicon, rule, reader",
                })
            }
        })
    }
}

/// The language of a text, or `Auto` to detect it per paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Detect per paragraph from the script.
    #[default]
    Auto,
    /// Arabic.
    Ar,
    /// English.
    En,
}

impl Lang {
    /// `auto`, `ar` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Auto => "auto",
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }
}

impl FromStr for Lang {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "auto" | "" => Lang::Auto,
            "ar" | "ara" | "arabic" => Lang::Ar,
            "en" | "eng" | "english" => Lang::En,
            _ => {
                return Err(ParseNameError {
                    what: "language",
                    got: s.to_owned(),
                    expected: "auto, ar, en",
                })
            }
        })
    }
}

/// Options for [`crate::analyze`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    /// The language of the text (`Auto` detects it per paragraph).
    pub lang: Lang,
    /// The date relative expressions (أمس، الجمعة الماضية، last year) are
    /// resolved against — usually the publication date. Without one,
    /// relative dates are still found but get no calendar value.
    pub reference_date: Option<CivilDate>,
}

/// An identifier linking an annotation to a lexicon entry (e.g. موسكو →
/// Moscow, GeoNames 524901).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The entry's canonical (usually English) name.
    pub canonical: String,
    /// A stable identifier (`geonames:524901`, `iso3166:RU`, …), if known.
    pub id: Option<String>,
}

/// One annotation: a typed span of the analysed text.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// Start, in UTF-8 bytes of the original text.
    pub start: usize,
    /// End (exclusive), in UTF-8 bytes of the original text.
    pub end: usize,
    /// What the span is.
    pub kind: EntityType,
    /// For temporal types: the TIMEX3 value (`2022-02`, `2025-05-16`,
    /// `P2D`, `PRESENT_REF`, …).
    pub value: Option<String>,
    /// Calibrated probability that the annotation is right, 0–1.
    pub confidence: f32,
    /// Which component produced it.
    pub source: Source,
    /// The lexicon entry it was matched to, if any.
    pub link: Option<Link>,
    /// A remark for the reader (e.g. that a date does not exist).
    pub note: Option<String>,
}

impl Annotation {
    /// The byte span as a range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// The result of analysing a text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    /// Annotations sorted by start, then by end; non-overlapping.
    pub annotations: Vec<Annotation>,
    /// Problems the analysis ran into that the reader should know about
    /// (e.g. a model that failed to load, so only lexicon and rules ran).
    pub warnings: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in EntityType::ALL {
            assert_eq!(t.code().parse::<EntityType>().unwrap(), t);
        }
        assert_eq!("PERS".parse::<EntityType>().unwrap(), EntityType::Per);
        assert_eq!("MIS2".parse::<EntityType>().unwrap(), EntityType::Misc);
        assert!("XYZ".parse::<EntityType>().is_err());
        for s in [Source::Model, Source::Lexicon, Source::Rule, Source::Reader] {
            assert_eq!(s.name().parse::<Source>().unwrap(), s);
        }
        assert_eq!("AR".parse::<Lang>().unwrap(), Lang::Ar);
        assert!("fr".parse::<Lang>().is_err());
    }
}
