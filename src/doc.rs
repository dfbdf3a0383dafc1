//! The document model: the article text split into blocks (paragraphs and
//! list items) with the offset tables the DOM glue needs.
//!
//! Pure Rust, no DOM: unit-tested natively.

use std::ops::Range;
use std::rc::Rc;

use hamish_core::offsets::OffsetMap;

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
}

const BULLETS: &[char] = &['•', '●', '▪', '◦', '‣', '-', '*', '–'];

impl Document {
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
        }
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

/// FNV-1a 64-bit hash of the text, as 16 hex digits.
pub fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn empty_and_whitespace_documents() {
        assert!(Document::new("").blocks.is_empty());
        assert!(Document::new(" \n\n\t ").blocks.is_empty());
        assert_ne!(fingerprint("a"), fingerprint("b"));
        assert_eq!(fingerprint("").len(), 16);
    }
}
