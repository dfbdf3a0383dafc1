//! Normalisation for matching, with an exact map back to the original text.
//!
//! Readers see the original text; recognisers work on a normalised copy in
//! which spelling variation that does not change meaning is removed:
//!
//! | original | normalised | why |
//! |---|---|---|
//! | tashkeel (ـَ ـً ـّ …), Quranic marks, superscript alef | removed | optional vowel signs |
//! | tatweel ـ | removed | typographic stretching |
//! | أ إ آ ٱ | ا | hamza/madda on alef is written inconsistently |
//! | ى | ي | when [`NormOptions::fold_yeh`] (default) |
//! | ة | ه | when [`NormOptions::fold_teh_marbuta`] (default) |
//! | Persian ی ک | ي ك | keyboard variants |
//! | ٠–٩, ۰–۹ | 0–9 | Arabic-Indic and Persian digits |
//! | presentation forms (ﻻ, ﺑ, ﷲ …), full-width forms | NFKC | legacy encodings |
//! | zero-width and bidi control characters | removed | invisible |
//!
//! Every byte of the normalised text maps back to the original character(s)
//! it came from. A span found on the normalised text maps back to the
//! smallest run of original characters that produced it, including the
//! diacritics and tatweel attached to its last letter, so a highlight never
//! splits a letter from its marks.
//!
//! ```
//! use hamish_core::normalize::{Normalized, NormOptions};
//!
//! let original = "بُوتِـــين";
//! let norm = Normalized::new(original, NormOptions::default());
//! assert_eq!(norm.as_str(), "بوتين");
//! let span = norm.to_original(0..norm.as_str().len());
//! assert_eq!(&original[span], original);
//! ```

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// Which optional foldings to apply. Both default to `true`, the setting
/// used for lexicon matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NormOptions {
    /// Fold alef maksura ى into yeh ي.
    pub fold_yeh: bool,
    /// Fold teh marbuta ة into heh ه.
    pub fold_teh_marbuta: bool,
}

impl Default for NormOptions {
    fn default() -> Self {
        NormOptions {
            fold_yeh: true,
            fold_teh_marbuta: true,
        }
    }
}

/// A normalised copy of a text with its map back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    text: String,
    /// For each normalised byte offset (0..=len): the original byte where the
    /// character starting there came from (only meaningful at char starts).
    starts: Vec<u32>,
    /// For each normalised byte offset (0..=len): the original byte where the
    /// character ending there ends, including attached marks (meaningful at
    /// char ends).
    ends: Vec<u32>,
    original_len: usize,
}

/// What the normaliser does with one original character.
enum Action {
    /// Drop it; it belongs to the previous character (diacritics, tatweel).
    Attach,
    /// Drop it; it belongs to nothing (zero-width and bidi controls).
    Skip,
    /// Replace it by one character.
    One(char),
    /// Replace it by its NFKC form.
    Compat,
}

/// Whether `c` is a mark the normaliser removes and attaches to the previous
/// letter (tashkeel, Quranic annotation marks, superscript alef, tatweel).
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0640}')
}

/// Whether `c` is an invisible formatting character that the normaliser
/// drops: zero-width spaces and joiners, bidi marks, embeddings, overrides and
/// isolates, the Arabic letter mark, the byte-order mark and the soft hyphen.
pub fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

fn action(c: char, opts: NormOptions) -> Action {
    match c {
        c if is_arabic_mark(c) => Action::Attach,
        c if is_invisible_control(c) => Action::Skip,
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => {
            Action::One('\u{0627}')
        }
        '\u{0649}' if opts.fold_yeh => Action::One('\u{064A}'),
        '\u{06CC}' => Action::One('\u{064A}'),
        '\u{06A9}' => Action::One('\u{0643}'),
        '\u{0629}' if opts.fold_teh_marbuta => Action::One('\u{0647}'),
        '\u{0660}'..='\u{0669}' => Action::One(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => Action::One(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' | '\u{FF01}'..='\u{FF5E}' => {
            Action::Compat
        }
        _ => Action::One(c),
    }
}

impl Normalized {
    /// Normalises `original`. Runs in linear time.
    pub fn new(original: &str, opts: NormOptions) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len() + 1);
        let mut ends = Vec::with_capacity(original.len() + 1);
        // ends[0] is the end of "nothing": 0.
        ends.push(0u32);
        let emit = |text: &mut String,
                    starts: &mut Vec<u32>,
                    ends: &mut Vec<u32>,
                    ch: char,
                    b: usize,
                    e: usize| {
            let n = ch.len_utf8();
            text.push(ch);
            for _ in 0..n {
                starts.push(b as u32);
            }
            // Interior bytes of a character never act as an end; give them
            // the character's start so that lookups stay monotone.
            for _ in 1..n {
                ends.push(b as u32);
            }
            ends.push(e as u32);
        };
        for (b, c) in original.char_indices() {
            let e = b + c.len_utf8();
            match action(c, opts) {
                Action::Attach => {
                    // Extend the previous emitted character over this mark.
                    if let Some(last) = ends.last_mut() {
                        if !text.is_empty() && *last as usize == b {
                            *last = e as u32;
                        }
                    }
                }
                Action::Skip => {}
                Action::One(ch) => emit(&mut text, &mut starts, &mut ends, ch, b, e),
                Action::Compat => {
                    let mut buf = [0u8; 4];
                    for ch in c.encode_utf8(&mut buf).nfkc() {
                        // Fold the decomposed letters too (e.g. ﺃ → أ → ا),
                        // and drop marks that NFKC split off.
                        match action(ch, opts) {
                            Action::One(x) => emit(&mut text, &mut starts, &mut ends, x, b, e),
                            Action::Attach | Action::Skip => {}
                            Action::Compat => emit(&mut text, &mut starts, &mut ends, ch, b, e),
                        }
                    }
                }
            }
        }
        starts.push(original.len() as u32);
        debug_assert_eq!(starts.len(), text.len() + 1);
        debug_assert_eq!(ends.len(), text.len() + 1);
        Normalized {
            text,
            starts,
            ends,
            original_len: original.len(),
        }
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length of the original text in bytes.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// Original byte offset where the normalised character starting at
    /// `norm_byte` came from. `norm_byte == len` maps to the original length.
    pub fn original_start(&self, norm_byte: usize) -> usize {
        self.starts[norm_byte.min(self.text.len())] as usize
    }

    /// Original byte offset where the normalised character ending at
    /// `norm_byte` ends, including the marks attached to it.
    pub fn original_end(&self, norm_byte: usize) -> usize {
        self.ends[norm_byte.min(self.text.len())] as usize
    }

    /// Maps a span of the normalised text (byte offsets on character
    /// boundaries) to the span of original text that produced it.
    ///
    /// An empty span maps to an empty span at the corresponding position.
    pub fn to_original(&self, span: Range<usize>) -> Range<usize> {
        let start = self.original_start(span.start);
        if span.end <= span.start {
            return start..start;
        }
        let end = self.original_end(span.end).max(start);
        start..end
    }

    /// Maps an original byte offset to the normalised byte offset of the
    /// first normalised character produced at or after it. O(log n).
    pub fn from_original(&self, orig_byte: usize) -> usize {
        // `starts` is monotone non-decreasing over char starts.
        self.starts.partition_point(|&s| (s as usize) < orig_byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalized::new(s, NormOptions::default())
            .as_str()
            .to_owned()
    }

    /// (original, normalised)
    const TABLE: &[(&str, &str)] = &[
        ("", ""),
        ("بوتين", "بوتين"),
        ("بُوتِين", "بوتين"),
        ("بـــوتين", "بوتين"),
        ("أوكرانيا", "اوكرانيا"),
        ("إسطنبول", "اسطنبول"),
        ("آمال", "امال"),
        ("ٱلله", "الله"),
        ("مصطفى", "مصطفي"),
        ("الجمهورية", "الجمهوريه"),
        ("٢٠٢٢", "2022"),
        ("۱۴۰۲", "1402"),
        ("ﻻ", "لا"),
        ("ﺑﻮﺗﻴﻦ", "بوتين"),
        ("ﺃﻣﺲ", "امس"),
        ("a\u{200F}b\u{202B}c\u{202C}", "abc"),
        ("کیف", "كيف"),
        ("ＡＢＣ", "ABC"),
        ("x\u{0}y", "x\u{0}y"),
    ];

    #[test]
    fn table() {
        for &(o, n) in TABLE {
            assert_eq!(norm(o), n, "{o:?}");
        }
    }

    #[test]
    fn options_turn_foldings_off() {
        let opts = NormOptions {
            fold_yeh: false,
            fold_teh_marbuta: false,
        };
        assert_eq!(
            Normalized::new("مصطفى الجمهورية", opts).as_str(),
            "مصطفى الجمهورية"
        );
    }

    #[test]
    fn spans_include_trailing_marks_and_map_exactly() {
        let o = "قال بُوتِينُ، أمس";
        let n = Normalized::new(o, NormOptions::default());
        let ns = n.as_str().find("بوتين").unwrap();
        let span = n.to_original(ns..ns + "بوتين".len());
        assert_eq!(&o[span], "بُوتِينُ");
        let ns = n.as_str().find("امس").unwrap();
        let span = n.to_original(ns..ns + "امس".len());
        assert_eq!(&o[span], "أمس");
    }

    #[test]
    fn presentation_ligature_maps_to_whole_glyph() {
        let o = "ﻻ بد";
        let n = Normalized::new(o, NormOptions::default());
        // "ل" alone comes from the whole ligature.
        assert_eq!(&o[n.to_original(0..2)], "ﻻ");
        assert_eq!(&o[n.to_original(0..4)], "ﻻ");
    }

    #[test]
    fn bad_input() {
        for o in [
            "\u{064E}\u{064F}\u{0650}\u{0651}",
            "ـــــــــ",
            "\u{0}\u{0}",
            "\u{200F}\u{200F}",
        ] {
            let n = Normalized::new(o, NormOptions::default());
            assert!(n.as_str().chars().all(|c| c == '\0'));
            assert!(n.to_original(0..n.as_str().len()).end <= o.len());
        }
        let long = "ب".repeat(500_000);
        let n = Normalized::new(&long, NormOptions::default());
        assert_eq!(n.as_str().len(), long.len());
    }

    proptest::proptest! {
        #[test]
        fn spans_map_to_char_boundaries_within_text(
            text in "[a-zA-Z0-9 ء-ي\u{64b}-\u{652}\u{640}٠-٩۰-۹😀-😃é\u{301}\u{200f}\u{202b}ﺑﻻﷲ]{0,60}",
            a in 0usize..200, b in 0usize..200,
        ) {
            let n = Normalized::new(&text, NormOptions::default());
            let ns = n.as_str();
            let bounds: Vec<usize> = ns.char_indices().map(|(i, _)| i).chain([ns.len()]).collect();
            let s = bounds[a % bounds.len()];
            let e = bounds[b % bounds.len()];
            let (s, e) = (s.min(e), s.max(e));
            let span = n.to_original(s..e);
            proptest::prop_assert!(span.start <= span.end);
            proptest::prop_assert!(span.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(span.start));
            proptest::prop_assert!(text.is_char_boundary(span.end));
            // Round trip: normalising the mapped original text yields back the
            // normalised span (modulo a ligature split across the boundary).
            if s < e {
                let again = Normalized::new(&text[span.clone()], NormOptions::default());
                proptest::prop_assert!(again.as_str().contains(&ns[s..e]),
                    "{:?} -> {:?}", &ns[s..e], again.as_str());
            }
            // from_original is the inverse at character starts.
            let back = n.from_original(n.original_start(s));
            proptest::prop_assert!(back <= s);
            proptest::prop_assert_eq!(n.original_start(back), n.original_start(s));
        }
    }
}
