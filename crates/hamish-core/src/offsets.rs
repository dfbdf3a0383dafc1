//! Conversion between the three offset units a span can be expressed in.
//!
//! Hamish works in **UTF-8 byte offsets** internally. Two other units appear
//! at its public boundaries:
//!
//! * **Unicode code points** (scalar values) — used by the CLI's JSON, the
//!   W3C Web Annotation model and most NLP corpora;
//! * **UTF-16 code units** — what the DOM (`Range`, `Selection`,
//!   `String.length` in JavaScript) counts.
//!
//! [`OffsetMap`] is built once per text in O(n) and answers every conversion
//! in O(1) (byte → other units, via a dense table; code point → other units,
//! via an index) or O(log n) (UTF-16 → other units, via binary search over
//! character starts).
//!
//! Text arriving from JavaScript may contain unpaired surrogates; decode it
//! with [`from_utf16_lossy`], which keeps UTF-16 offsets intact.
//!
//! ```
//! use hamish_core::offsets::OffsetMap;
//!
//! let text = "a😀b";
//! let map = OffsetMap::new(text);
//! assert_eq!(map.byte_to_char(5), Some(2)); // 'b' starts at byte 5
//! assert_eq!(map.byte_to_utf16(5), Some(3)); // the emoji is two UTF-16 units
//! assert_eq!(map.utf16_to_byte(3), Some(5));
//! assert_eq!(map.char_to_byte(2), Some(5));
//! ```

/// Precomputed tables converting offsets in one text between UTF-8 bytes,
/// code points and UTF-16 code units.
///
/// Only offsets that fall on character boundaries are convertible; the
/// conversion functions return `None` for an offset inside a character or past
/// the end of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetMap {
    /// Byte offset of the start of every character, plus the text length.
    char_starts: Vec<u32>,
    /// UTF-16 offset of the start of every character, plus the total length.
    utf16_starts: Vec<u32>,
    /// For every byte offset (0..=len): index of the character that starts
    /// there, or `u32::MAX` when the byte is inside a character.
    byte_to_char: Vec<u32>,
}

const NOT_A_BOUNDARY: u32 = u32::MAX;

impl OffsetMap {
    /// Builds the tables for `text` in one pass.
    ///
    /// # Panics
    ///
    /// Panics if `text` is 4 GiB or longer (offsets are stored as `u32`).
    pub fn new(text: &str) -> Self {
        assert!(
            text.len() < u32::MAX as usize,
            "OffsetMap supports texts shorter than 4 GiB"
        );
        let n_chars = text.chars().count();
        let mut char_starts = Vec::with_capacity(n_chars + 1);
        let mut utf16_starts = Vec::with_capacity(n_chars + 1);
        let mut byte_to_char = vec![NOT_A_BOUNDARY; text.len() + 1];
        let mut u16_pos = 0u32;
        for (i, (b, c)) in text.char_indices().enumerate() {
            char_starts.push(b as u32);
            utf16_starts.push(u16_pos);
            byte_to_char[b] = i as u32;
            u16_pos += c.len_utf16() as u32;
        }
        char_starts.push(text.len() as u32);
        utf16_starts.push(u16_pos);
        byte_to_char[text.len()] = n_chars as u32;
        OffsetMap {
            char_starts,
            utf16_starts,
            byte_to_char,
        }
    }

    /// Length of the text in UTF-8 bytes.
    pub fn len_bytes(&self) -> usize {
        *self.char_starts.last().unwrap_or(&0) as usize
    }

    /// Length of the text in code points.
    pub fn len_chars(&self) -> usize {
        self.char_starts.len() - 1
    }

    /// Length of the text in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        *self.utf16_starts.last().unwrap_or(&0) as usize
    }

    /// Code-point offset of byte offset `byte`, if it is a character boundary.
    pub fn byte_to_char(&self, byte: usize) -> Option<usize> {
        match self.byte_to_char.get(byte) {
            Some(&i) if i != NOT_A_BOUNDARY => Some(i as usize),
            _ => None,
        }
    }

    /// UTF-16 offset of byte offset `byte`, if it is a character boundary.
    pub fn byte_to_utf16(&self, byte: usize) -> Option<usize> {
        self.byte_to_char(byte)
            .map(|i| self.utf16_starts[i] as usize)
    }

    /// Byte offset of code-point offset `ch`, if it is within the text.
    pub fn char_to_byte(&self, ch: usize) -> Option<usize> {
        self.char_starts.get(ch).map(|&b| b as usize)
    }

    /// UTF-16 offset of code-point offset `ch`, if it is within the text.
    pub fn char_to_utf16(&self, ch: usize) -> Option<usize> {
        self.utf16_starts.get(ch).map(|&u| u as usize)
    }

    /// Byte offset of UTF-16 offset `unit`, if it is a character boundary
    /// (not between the two halves of a surrogate pair).
    pub fn utf16_to_byte(&self, unit: usize) -> Option<usize> {
        self.utf16_to_char(unit)
            .map(|i| self.char_starts[i] as usize)
    }

    /// Code-point offset of UTF-16 offset `unit`, if it is a character
    /// boundary.
    pub fn utf16_to_char(&self, unit: usize) -> Option<usize> {
        let unit = u32::try_from(unit).ok()?;
        self.utf16_starts.binary_search(&unit).ok()
    }

    /// Byte offset of UTF-16 offset `unit`, moved back to the start of the
    /// character it falls in (for DOM selections that end mid-pair).
    pub fn utf16_to_byte_floor(&self, unit: usize) -> usize {
        let unit = u32::try_from(unit).unwrap_or(u32::MAX);
        let i = match self.utf16_starts.binary_search(&unit) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        self.char_starts[i.min(self.char_starts.len() - 1)] as usize
    }

    /// Byte offset of `byte` moved back to the nearest character boundary.
    pub fn floor_byte(&self, byte: usize) -> usize {
        let mut b = byte.min(self.len_bytes());
        while self.byte_to_char[b] == NOT_A_BOUNDARY {
            b -= 1;
        }
        b
    }
}

/// A JavaScript string made safe for Rust: see [`from_utf16_lossy`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utf16Text {
    /// The text, every unpaired surrogate replaced by U+FFFD.
    pub text: String,
    /// Offsets of `text`; its UTF-16 offsets are those of the JavaScript
    /// string, unit for unit.
    pub map: OffsetMap,
    /// UTF-16 offsets of the unpaired surrogates that were replaced.
    pub replaced: Vec<usize>,
}

/// Decodes UTF-16 code units arriving from JavaScript (a DOM string may
/// hold unpaired surrogates, which no Rust `str` can) into a `String`,
/// replacing each unpaired surrogate by U+REPLACEMENT CHARACTER.
///
/// U+FFFD is one UTF-16 unit, like the surrogate it replaces, so UTF-16
/// offsets into the result are exactly those of the input: a span computed
/// on the text converts with [`OffsetMap::byte_to_utf16`] straight to
/// offsets in the JavaScript string. O(n).
///
/// ```
/// use hamish_core::offsets::from_utf16_lossy;
///
/// // "a", a lone high surrogate, "b", then 😀 as a proper pair.
/// let js = [0x61, 0xD83D, 0x62, 0xD83D, 0xDE00];
/// let t = from_utf16_lossy(&js);
/// assert_eq!(t.text, "a\u{FFFD}b😀");
/// assert_eq!(t.replaced, [1]);
/// assert_eq!(t.map.len_utf16(), js.len());
/// assert_eq!(t.map.byte_to_utf16(t.text.find('b').unwrap()), Some(2));
/// ```
pub fn from_utf16_lossy(units: &[u16]) -> Utf16Text {
    let mut text = String::with_capacity(units.len());
    let mut replaced = Vec::new();
    let mut pos = 0;
    for r in char::decode_utf16(units.iter().copied()) {
        match r {
            Ok(c) => {
                text.push(c);
                pos += c.len_utf16();
            }
            Err(_) => {
                text.push(char::REPLACEMENT_CHARACTER);
                replaced.push(pos);
                pos += 1;
            }
        }
    }
    let map = OffsetMap::new(&text);
    Utf16Text {
        text,
        map,
        replaced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, byte offset, code point offset, utf16 offset) — all boundaries.
    const CASES: &[(&str, usize, usize, usize)] = &[
        ("", 0, 0, 0),
        ("abc", 3, 3, 3),
        ("بوتين", 2, 1, 1),
        ("بوتين", 10, 5, 5),
        ("😀", 4, 1, 2),
        ("a😀b", 5, 2, 3),
        // e + combining acute: two code points
        ("e\u{301}x", 3, 2, 2),
        ("e\u{301}x", 4, 3, 3),
        // Arabic with shadda + fatha (combining marks)
        ("شَّ", 6, 3, 3),
        ("👩‍👩‍👧 موسكو", 19, 6, 9),
    ];

    #[test]
    fn table() {
        for &(text, b, c, u) in CASES {
            let m = OffsetMap::new(text);
            assert_eq!(m.byte_to_char(b), Some(c), "{text:?} byte {b}");
            assert_eq!(m.byte_to_utf16(b), Some(u), "{text:?} byte {b}");
            assert_eq!(m.char_to_byte(c), Some(b), "{text:?} char {c}");
            assert_eq!(m.char_to_utf16(c), Some(u), "{text:?} char {c}");
            assert_eq!(m.utf16_to_byte(u), Some(b), "{text:?} utf16 {u}");
            assert_eq!(m.utf16_to_char(u), Some(c), "{text:?} utf16 {u}");
        }
    }

    #[test]
    fn non_boundaries_are_rejected() {
        let m = OffsetMap::new("a😀b");
        assert_eq!(m.byte_to_char(2), None);
        assert_eq!(m.byte_to_utf16(3), None);
        assert_eq!(m.utf16_to_byte(2), None); // between surrogate halves
        assert_eq!(m.utf16_to_byte_floor(2), 1);
        assert_eq!(m.floor_byte(3), 1);
        assert_eq!(m.byte_to_char(99), None);
        assert_eq!(m.char_to_byte(99), None);
        assert_eq!(m.len_bytes(), 6);
        assert_eq!(m.len_chars(), 3);
        assert_eq!(m.len_utf16(), 4);
    }

    #[test]
    fn unpaired_surrogates_keep_utf16_offsets() {
        // Lone low, lone high at the end, reversed pair, NUL, Arabic.
        let mut js: Vec<u16> = "بوتين".encode_utf16().collect();
        js.extend([0xDC00, 0x0, 0xDE00, 0xD83D]);
        js.extend("😀".encode_utf16());
        js.push(0xD800);
        let t = from_utf16_lossy(&js);
        assert_eq!(t.map.len_utf16(), js.len());
        assert_eq!(t.replaced, [5, 7, 8, 11]);
        assert_eq!(t.text, "بوتين\u{FFFD}\u{0}\u{FFFD}\u{FFFD}😀\u{FFFD}");
        // Every unit boundary outside a proper pair converts both ways.
        for u in 0..=js.len() {
            if u == 10 {
                assert_eq!(t.map.utf16_to_byte(u), None); // inside 😀
                continue;
            }
            let b = t.map.utf16_to_byte(u).unwrap();
            assert_eq!(t.map.byte_to_utf16(b), Some(u));
        }
        assert_eq!(from_utf16_lossy(&[]).text, "");
    }

    proptest::proptest! {
        #[test]
        fn lossy_utf16_preserves_length(units in proptest::collection::vec(proptest::num::u16::ANY, 0..64)) {
            let t = from_utf16_lossy(&units);
            proptest::prop_assert_eq!(t.map.len_utf16(), units.len());
            proptest::prop_assert_eq!(t.text.encode_utf16().count(), units.len());
            // Well-formed input comes back unchanged.
            if let Ok(s) = String::from_utf16(&units) {
                proptest::prop_assert_eq!(&t.text, &s);
                proptest::prop_assert!(t.replaced.is_empty());
            }
        }

        #[test]
        fn conversions_round_trip(text in "[a-zء-ي\u{64b}-\u{652}😀-😅👍🏽\u{200d}é\u{301}\u{0}中 ]{0,40}") {
            let m = OffsetMap::new(&text);
            let mut u16 = 0;
            for (i, (b, c)) in text.char_indices().enumerate() {
                proptest::prop_assert_eq!(m.byte_to_char(b), Some(i));
                proptest::prop_assert_eq!(m.byte_to_utf16(b), Some(u16));
                proptest::prop_assert_eq!(m.utf16_to_byte(u16), Some(b));
                proptest::prop_assert_eq!(m.char_to_byte(i), Some(b));
                u16 += c.len_utf16();
            }
            proptest::prop_assert_eq!(m.len_utf16(), text.encode_utf16().count());
            proptest::prop_assert_eq!(m.len_chars(), text.chars().count());
            // Offsets inside a character are rejected and floored.
            for b in 0..=text.len() {
                let boundary = text.is_char_boundary(b);
                proptest::prop_assert_eq!(m.byte_to_char(b).is_some(), boundary);
                let f = m.floor_byte(b);
                proptest::prop_assert!(f <= b && text.is_char_boundary(f) && b - f < 4);
            }
        }
    }
}
