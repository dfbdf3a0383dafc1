//! The BIO tag set over the four name types.

use crate::analysis::EntityType;

/// Number of tags: `O` and `B`/`I` for PER, ORG, LOC, MISC.
pub const NUM_TAGS: usize = 9;

/// The name types the tagger predicts, in tag order.
pub const TYPES: [EntityType; 4] = [
    EntityType::Per,
    EntityType::Org,
    EntityType::Loc,
    EntityType::Misc,
];

/// A BIO tag: `0` is `O`, `1 + 2k` is `B-TYPES[k]`, `2 + 2k` is `I-TYPES[k]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Tag(pub u8);

impl Tag {
    /// Outside any name.
    pub const O: Tag = Tag(0);

    /// `B-` of `kind`, if the tagger predicts that type.
    pub fn begin(kind: EntityType) -> Option<Tag> {
        TYPES
            .iter()
            .position(|&t| t == kind)
            .map(|k| Tag(1 + 2 * k as u8))
    }

    /// `I-` of `kind`, if the tagger predicts that type.
    pub fn inside(kind: EntityType) -> Option<Tag> {
        Tag::begin(kind).map(|t| Tag(t.0 + 1))
    }

    /// The entity type, or `None` for `O`.
    pub fn kind(self) -> Option<EntityType> {
        if self.0 == 0 || self.0 as usize >= NUM_TAGS {
            None
        } else {
            Some(TYPES[(self.0 as usize - 1) / 2])
        }
    }

    /// Whether this is a `B-` tag.
    pub fn is_begin(self) -> bool {
        self.0 % 2 == 1
    }

    /// Whether this is an `I-` tag.
    pub fn is_inside(self) -> bool {
        self.0 != 0 && self.0.is_multiple_of(2)
    }

    /// Whether `self` may follow `prev` (`None` at the start of a
    /// sentence): `I-X` only continues `B-X` or `I-X`.
    pub fn may_follow(self, prev: Option<Tag>) -> bool {
        if !self.is_inside() {
            return true;
        }
        match prev {
            Some(p) => p.kind() == self.kind(),
            None => false,
        }
    }

    /// The CoNLL spelling (`O`, `B-PER`, `I-LOC` …).
    pub fn name(self) -> &'static str {
        const NAMES: [&str; NUM_TAGS] = [
            "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
        ];
        NAMES.get(self.0 as usize).copied().unwrap_or("O")
    }

    /// Index into per-tag arrays.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Why a corpus tag could not be read exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagIssue {
    /// The tag was repaired (e.g. `I--ORG` → `I-ORG`, `B-MIS1\`` → `B-MISC`).
    Repaired,
    /// The tag names no known type (e.g. `B-SPANISH`) and was read as `O`.
    UnknownType,
}

/// Parses a corpus tag tolerantly: `O`, `B-X`/`I-X` (also `E-`/`S-`/`L-`/`U-`
/// schemes, read as B/I) where X is PER/PERS/PERSON, ORG, LOC/GPE, MISC/MIS*
/// or a WNUT-17 type. Returns the tag and, for a malformed one, the issue.
pub fn parse_tag(raw: &str) -> (Tag, Option<TagIssue>) {
    let t = raw.trim();
    if t == "O" {
        return (Tag::O, None);
    }
    let clean: String = t
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let (prefix, ty) = match clean.split_once('-') {
        Some((p, ty)) => (p.to_ascii_uppercase(), ty.trim_matches('-').to_owned()),
        None => {
            // `OO`, `IO` and the like: nothing usable.
            let issue = if clean.chars().all(|c| c == 'O' || c == 'I' || c == 'B') {
                TagIssue::Repaired
            } else {
                TagIssue::UnknownType
            };
            return (Tag::O, Some(issue));
        }
    };
    let kind = match map_type(&ty) {
        Some(k) => k,
        None => return (Tag::O, Some(TagIssue::UnknownType)),
    };
    let tag = match prefix.as_str() {
        "B" | "S" | "U" => Tag::begin(kind),
        "I" | "E" | "L" => Tag::inside(kind),
        _ => return (Tag::O, Some(TagIssue::UnknownType)),
    }
    .unwrap_or(Tag::O);
    let exact = clean == t && ty.len() + prefix.len() + 1 == t.len();
    let canonical_type = matches!(
        ty.to_ascii_uppercase().as_str(),
        "PER"
            | "PERS"
            | "PERSON"
            | "ORG"
            | "LOC"
            | "GPE"
            | "MISC"
            | "MIS0"
            | "MIS1"
            | "MIS2"
            | "MIS3"
            | "LOCATION"
            | "GROUP"
            | "CORPORATION"
            | "PRODUCT"
            | "CREATIVE-WORK"
    );
    (
        tag,
        if exact && canonical_type {
            None
        } else {
            Some(TagIssue::Repaired)
        },
    )
}

fn map_type(ty: &str) -> Option<EntityType> {
    let up = ty.to_ascii_uppercase();
    Some(match up.as_str() {
        "PER" | "PERS" | "PERSON" => EntityType::Per,
        "ORG" | "ORGANIZATION" | "ORGANISATION" | "GROUP" | "CORPORATION" | "COMPANY" => {
            EntityType::Org
        }
        "LOC" | "LOCATION" | "GPE" | "GEO-LOC" | "FACILITY" => EntityType::Loc,
        "PRODUCT" | "CREATIVE-WORK" | "CREATIVEWORK" => EntityType::Misc,
        s if s.starts_with("MIS") => EntityType::Misc,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_table() {
        let cases: &[(&str, &str, bool)] = &[
            ("O", "O", false),
            ("B-PERS", "B-PER", false),
            ("I-PERS", "I-PER", false),
            ("B-MIS1", "B-MISC", false),
            ("I-MIS3", "I-MISC", false),
            ("B-MIS-2", "B-MISC", true),
            ("B-MIS1`", "B-MISC", true),
            ("B-MISS1", "B-MISC", true),
            ("I--ORG", "I-ORG", true),
            ("OO", "O", true),
            ("IO", "O", true),
            ("B-SPANISH", "O", true),
            ("B-person", "B-PER", false),
            ("I-creative-work", "I-MISC", false),
            ("B-corporation", "B-ORG", false),
            ("B-GPE", "B-LOC", false),
        ];
        for &(raw, want, issue) in cases {
            let (t, i) = parse_tag(raw);
            assert_eq!(t.name(), want, "{raw}");
            assert_eq!(i.is_some(), issue, "{raw}: {i:?}");
        }
    }

    #[test]
    fn bio_constraints() {
        let bper = Tag::begin(EntityType::Per).unwrap();
        let iper = Tag::inside(EntityType::Per).unwrap();
        let iloc = Tag::inside(EntityType::Loc).unwrap();
        assert!(iper.may_follow(Some(bper)));
        assert!(iper.may_follow(Some(iper)));
        assert!(!iloc.may_follow(Some(iper)));
        assert!(!iper.may_follow(None));
        assert!(!iper.may_follow(Some(Tag::O)));
        assert!(bper.may_follow(None));
        for k in 0..NUM_TAGS as u8 {
            assert_eq!(Tag(k).name().parse::<String>().unwrap(), Tag(k).name());
        }
        assert_eq!(iloc.kind(), Some(EntityType::Loc));
        assert_eq!(Tag::O.kind(), None);
    }
}
