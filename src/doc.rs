//! The document model: the article text split into blocks (paragraphs and
//! list items) with the offset tables the DOM glue needs.
//!
//! Pure Rust, no DOM: unit-tested natively.

use std::cell::OnceCell;
use std::ops::Range;
use std::rc::Rc;

use hamish_core::lexicon::Lexicon;
use hamish_core::normalize::{NormOptions, Normalized};
use hamish_core::offsets::OffsetMap;
use hamish_core::token::{tokenize, TokenKind};

/// What a block renders as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph (`<p>`).
    Paragraph,
    /// An item of a bulleted list (`<li>`); consecutive items share a list.
    ListItem,
}

/// One rendered block: a line of the text without its bullet and the
/// surrounding whitespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Paragraph or list item.
    pub kind: BlockKind,
    /// Byte range of the block's text in the document.
    pub range: Range<usize>,
}

/// A word or number of the text, in original bytes, with the span a name in
/// it covers (without proclitics such as the و of وبوتين).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Start of the whole token.
    pub start: usize,
    /// End of the whole token.
    pub end: usize,
    /// Start of the name part (after proclitics).
    pub name_start: usize,
    /// End of the name part (before enclitics).
    pub name_end: usize,
}

/// An article loaded into the widget.
#[derive(Debug, PartialEq, Eq)]
pub struct Document {
    /// The full text, exactly as loaded.
    pub text: Rc<str>,
    /// The blocks, in text order.
    pub blocks: Vec<Block>,
    /// Offset conversions for the whole text.
    pub offsets: OffsetMap,
    /// A fingerprint of the text (FNV-1a 64, hex), used to key saved work.
    pub fingerprint: String,
    /// Words and whether there is English, computed on first use: they need
    /// the lexicons (to segment clitics), which the first widget of a page
    /// builds only after the text has painted.
    lexical: OnceCell<Lexical>,
}

/// What tokenising the text tells the widget.
#[derive(Debug, PartialEq, Eq)]
struct Lexical {
    words: Vec<Word>,
    has_english: bool,
}

const BULLETS: &[char] = &['•', '●', '▪', '◦', '‣', '-', '*', '–'];

/// Whether `c` is a strong right-to-left letter (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko and the Arabic presentation forms).
fn is_rtl_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && c.is_alphabetic()
}

impl Document {
    /// The base direction of the whole text, `"rtl"` or `"ltr"`, from its
    /// first strong letter (what `dir="auto"` computes). The widget sets it
    /// on the article container instead of `dir="auto"`: Chromium recomputes
    /// an auto container's direction on every child inserted, which made
    /// rendering a 5 MB article quadratic (6 s in `insertBefore`).
    pub fn base_direction(&self) -> &'static str {
        match self.text.chars().find(|c| c.is_alphabetic()) {
            Some(c) if is_rtl_letter(c) => "rtl",
            _ => "ltr",
        }
    }

    /// Splits `text` into blocks: every non-blank line is a block; a line
    /// whose first non-space character is a bullet followed by a space is
    /// a list item (the bullet is not part of the block's text).
    pub fn new(text: &str) -> Self {
        let mut blocks = Vec::new();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let line_start = pos;
            pos += line.len();
            let body = line.trim_end_matches(['\n', '\r']);
            let lead = body.len() - body.trim_start().len();
            let trimmed = body.trim();
            if trimmed.is_empty() {
                continue;
            }
            let mut start = line_start + lead;
            let mut kind = BlockKind::Paragraph;
            let mut chars = trimmed.chars();
            if let (Some(c), Some(next)) = (chars.next(), chars.next()) {
                if BULLETS.contains(&c) && next.is_whitespace() {
                    kind = BlockKind::ListItem;
                    let after = &trimmed[c.len_utf8()..];
                    start += c.len_utf8() + (after.len() - after.trim_start().len());
                }
            }
            let end = line_start + lead + trimmed.len();
            if start < end {
                blocks.push(Block {
                    kind,
                    range: start..end,
                });
            }
        }
        Document {
            text: Rc::from(text),
            blocks,
            offsets: OffsetMap::new(text),
            fingerprint: fingerprint(text),
            lexical: OnceCell::new(),
        }
    }

    fn lexical(&self) -> &Lexical {
        self.lexical.get_or_init(|| {
            let norm = Normalized::new(&self.text, NormOptions::default());
            let tokens = tokenize(&norm, Lexicon::bundled());
            let has_english =
                hamish_core::analyzer::paragraph_languages(&tokens, hamish_core::Lang::Auto)
                    .contains(&hamish_core::Lang::En);
            let words = tokens
                .iter()
                .filter(|t| t.kind != TokenKind::Punct)
                .map(|t| {
                    let name = t.name_span(&norm);
                    Word {
                        start: t.span.start,
                        end: t.span.end,
                        name_start: name.start,
                        name_end: name.end.max(name.start),
                    }
                })
                .collect();
            Lexical { words, has_english }
        })
    }

    /// Words and numbers (not punctuation), in text order: the units
    /// selections snap to and resizing steps over.
    pub fn words(&self) -> &[Word] {
        &self.lexical().words
    }

    /// Whether some paragraph is mostly Latin script (English), so that the
    /// English model is needed under `lang=auto`.
    pub fn has_english(&self) -> bool {
        self.lexical().has_english
    }

    /// The word containing byte `offset`, if any. O(log n).
    pub fn word_at(&self, offset: usize) -> Option<&Word> {
        let i = self.words().partition_point(|w| w.end <= offset);
        self.words().get(i).filter(|w| w.start <= offset)
    }

    /// Splits the text into analysis chunks of about `max_bytes` each, cut
    /// only between blocks, so that a long document is analysed in slices
    /// with the browser free to handle input in between. A text shorter
    /// than `max_bytes` is one chunk (and analysed exactly as the CLI does).
    pub fn chunks(&self, max_bytes: usize) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for b in &self.blocks {
            if b.range.start - start >= max_bytes {
                // Cut at the start of this block's line.
                let cut = self.text[..b.range.start]
                    .rfind('\n')
                    .map_or(b.range.start, |i| i + 1);
                if cut > start {
                    out.push(start..cut);
                    start = cut;
                }
            }
        }
        out.push(start..self.text.len());
        out
    }

    /// Snaps a selection (byte offsets) to whole words: the start moves to
    /// the start of the name in the first word it touches (after its
    /// proclitics: وبوتين → بوتين), the end to the end of the last word it
    /// touches. `None` when the selection touches no word or crosses blocks.
    pub fn snap(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let (start, end) = (start.min(end), start.max(end));
        let block = self.block_at(start)?;
        if end > self.blocks[block].range.end {
            return None;
        }
        let first = self.words().partition_point(|w| w.end <= start);
        let mut last = None;
        for (i, w) in self.words().iter().enumerate().skip(first) {
            if w.start >= end.max(start + 1) {
                break;
            }
            last = Some(i);
        }
        let last = last?;
        let (s, e) = (self.words()[first].name_start, self.words()[last].name_end);
        (s < e).then_some((s, e))
    }

    /// Every word and clitic boundary inside block `block`, sorted: where a
    /// caret stops.
    pub fn boundaries(&self, block: usize) -> Vec<usize> {
        self.stops(block, |w| [w.start, w.name_start, w.name_end, w.end])
    }

    /// Where an annotation may start inside block `block`: word starts and
    /// the ends of proclitics (بوتين in وبوتين).
    pub fn start_stops(&self, block: usize) -> Vec<usize> {
        self.stops(block, |w| [w.start, w.name_start, w.start, w.start])
    }

    /// Where an annotation may end inside block `block`: word ends and the
    /// starts of enclitics.
    pub fn end_stops(&self, block: usize) -> Vec<usize> {
        self.stops(block, |w| [w.end, w.name_end, w.end, w.end])
    }

    fn stops(&self, block: usize, pick: impl Fn(&Word) -> [usize; 4]) -> Vec<usize> {
        let r = &self.blocks[block].range;
        let first = self.words().partition_point(|w| w.start < r.start);
        let mut out: Vec<usize> = self.words()[first..]
            .iter()
            .take_while(|w| w.end <= r.end)
            .flat_map(&pick)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The text of block `i`.
    pub fn block_text(&self, i: usize) -> &str {
        &self.text[self.blocks[i].range.clone()]
    }

    /// Index of the block containing byte `offset` (or the block ending
    /// exactly there), if any.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.range.end < offset);
        (i < self.blocks.len() && self.blocks[i].range.start <= offset).then_some(i)
    }

    /// Index of the block on the line starting at byte `line_start`.
    pub fn block_on_line(&self, line_start: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.range.end <= line_start);
        let b = self.blocks.get(i)?;
        (b.range.start >= line_start && !self.text[line_start..b.range.start].contains('\n'))
            .then_some(i)
    }

    /// UTF-16 offset of byte `offset` relative to the start of block `i`
    /// (the unit of DOM `Range` offsets inside the block's text node).
    pub fn utf16_in_block(&self, i: usize, offset: usize) -> Option<usize> {
        let b = &self.blocks[i];
        if offset < b.range.start || offset > b.range.end {
            return None;
        }
        Some(self.offsets.byte_to_utf16(offset)? - self.offsets.byte_to_utf16(b.range.start)?)
    }

    /// Byte offset in the document of UTF-16 offset `unit` inside block `i`
    /// (rounded down to a character boundary).
    pub fn byte_from_block_utf16(&self, i: usize, unit: usize) -> usize {
        let b = &self.blocks[i];
        let base = self.offsets.byte_to_utf16(b.range.start).unwrap_or(0);
        self.offsets
            .utf16_to_byte_floor(base + unit)
            .clamp(b.range.start, b.range.end)
    }
}

/// Proclitics a word may carry (و ف ب ل ك and pairs), longest first.
pub const PROCLITICS: &[&str] = &["وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"];

/// FNV-1a 64-bit hash of the text, as 16 hex digits (the core's, so that
/// saved work and exported files name the same text the same way).
pub use hamish_core::formats::fingerprint;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_direction_is_that_of_the_first_strong_letter() {
        for (text, dir) in [
            ("بوتين في موسكو", "rtl"),
            ("2025 — «بوتين» said Putin", "rtl"),
            ("12 May: Putin قال", "ltr"),
            ("שלום world", "rtl"),
            ("\u{FEFB} presentation form", "rtl"),
            ("٣٤ 😀 ...", "ltr"),
            ("", "ltr"),
        ] {
            assert_eq!(Document::new(text).base_direction(), dir, "{text:?}");
        }
    }

    #[test]
    fn blocks_and_bullets() {
        let text = "عنوان\n\nفقرة أولى.\nفقرة ثانية\n\n  • خبر 1\n  • خبر 2\n- x\n   \n";
        let d = Document::new(text);
        let got: Vec<(BlockKind, &str)> = (0..d.blocks.len())
            .map(|i| (d.blocks[i].kind, d.block_text(i)))
            .collect();
        assert_eq!(
            got,
            [
                (BlockKind::Paragraph, "عنوان"),
                (BlockKind::Paragraph, "فقرة أولى."),
                (BlockKind::Paragraph, "فقرة ثانية"),
                (BlockKind::ListItem, "خبر 1"),
                (BlockKind::ListItem, "خبر 2"),
                (BlockKind::ListItem, "x"),
            ]
        );
    }

    #[test]
    fn seed_article_structure() {
        let d = Document::new(include_str!("../www/kremlin-talks.ar.txt"));
        let items = d
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::ListItem)
            .count();
        assert_eq!(items, 10);
        assert!(d.blocks.len() > 25);
        assert!(d.block_text(0).starts_with("أعلن الكرملين"));
    }

    #[test]
    fn utf16_offsets_inside_blocks() {
        let text = "😀 a\nبوتين e\u{301}x";
        let d = Document::new(text);
        assert_eq!(d.blocks.len(), 2);
        let b1 = d.blocks[1].range.start;
        assert_eq!(d.utf16_in_block(1, b1), Some(0));
        let x = text.find('x').unwrap();
        assert_eq!(d.utf16_in_block(1, x), Some(8));
        assert_eq!(d.byte_from_block_utf16(1, 8), x);
        assert_eq!(d.utf16_in_block(0, 4), Some(2));
        assert_eq!(d.utf16_in_block(0, b1), None);
        assert_eq!(d.block_at(b1 + 2), Some(1));
        assert_eq!(d.block_at(0), Some(0));
    }

    #[test]
    fn snapping_to_words_and_clitics() {
        let text = "قال إن وبوتين في موسكو.\nسطر";
        let d = Document::new(text);
        let at = |w: &str| text.find(w).unwrap();
        let word = |w: &str| (at(w), at(w) + w.len());
        // The whole clitic-glued word snaps to the name.
        assert_eq!(
            d.snap(at("وبوتين"), at("وبوتين") + "وبوتين".len()),
            Some(word("بوتين"))
        );
        // A partial selection grows to the word.
        assert_eq!(d.snap(at("وتين"), at("وتين") + 2), Some(word("بوتين")));
        // Several words, trailing punctuation dropped.
        let (s, e) = d.snap(at("في"), at(".") + 1).unwrap();
        assert_eq!(&text[s..e], "في موسكو");
        // Right-to-left selections (focus before anchor) are the same.
        assert_eq!(
            d.snap(at("موسكو") + 4, at("في")),
            d.snap(at("في"), at("موسكو") + 4)
        );
        // Across blocks or on nothing: no selection.
        assert_eq!(d.snap(at("موسكو"), at("سطر") + 2), None);
        assert_eq!(d.snap(at("."), at(".") + 1), None);
    }

    #[test]
    fn unknown_names_split_on_document_evidence() {
        let text = "قال فولوديمير زيلينسكي إن وزيلينسكي وكرافتشوك";
        let d = Document::new(text);
        let at = text.find("وزيلينسكي").unwrap();
        let (s, e) = d.snap(at, at + "وزيلينسكي".len()).unwrap();
        assert_eq!(&text[s..e], "زيلينسكي");
        // No evidence for «كرافتشوك» standing alone, and no lexicon knows
        // it: the word stays whole. (وزيادة would split: زيادة is a common
        // word the lexicon knows.)
        let at = text.find("وكرافتشوك").unwrap();
        let (s, e) = d.snap(at, at + "وكرافتشوك".len()).unwrap();
        assert_eq!(&text[s..e], "وكرافتشوك");
    }

    #[test]
    fn chunks_cut_between_blocks_and_cover_the_text() {
        let text = "سطر أول\nسطر ثان\n\nسطر ثالث\n".repeat(50);
        let d = Document::new(&text);
        assert_eq!(d.chunks(1 << 20), vec![0..text.len()]);
        let chunks = d.chunks(100);
        assert!(chunks.len() > 5);
        assert_eq!(chunks.first().unwrap().start, 0);
        assert_eq!(chunks.last().unwrap().end, text.len());
        for w in chunks.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert_eq!(&text[w[0].end - 1..w[0].end], "\n");
        }
        assert_eq!(Document::new("").chunks(10), vec![0..0]);
    }

    #[test]
    fn resize_boundaries_include_clitics() {
        let text = "وبوتين هنا";
        let d = Document::new(text);
        let b = d.boundaries(0);
        assert_eq!(b, vec![0, 2, 12, 13, 19]);
    }

    #[test]
    fn empty_and_whitespace_documents() {
        assert!(Document::new("").blocks.is_empty());
        assert!(Document::new(" \n\n\t ").blocks.is_empty());
        assert_ne!(fingerprint("a"), fingerprint("b"));
        assert_eq!(fingerprint("").len(), 16);
    }
}
