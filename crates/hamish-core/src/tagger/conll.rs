//! Token-per-line corpora (CoNLL style): reading with line-numbered
//! diagnostics, and exact-span scoring (CoNLL-2003).
//!
//! Format: one token per line, `token TAG` (whitespace-separated; further
//! columns are ignored, the second column is the tag), a blank line between
//! sentences, `-DOCSTART-` lines between documents.

use std::collections::BTreeMap;
use std::fmt;

use super::labels::{parse_tag, Tag, TagIssue, NUM_TAGS, TYPES};
use super::model::spans_of;
use crate::analysis::EntityType;

/// One sentence of a corpus.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// One tag per token (all `O` when the input had no tags).
    pub tags: Vec<Tag>,
    /// The 1-based line number of the first token.
    pub line: usize,
}

/// A document: consecutive sentences.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The sentences.
    pub sentences: Vec<Sentence>,
    /// Name types this document's corpus does not annotate (partial
    /// labels): in training, its `O` tokens may be names of these types
    /// (see [`crate::tagger::train()`]). Empty for a fully annotated corpus.
    pub unannotated: Vec<EntityType>,
}

/// A problem in a corpus file, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// A corpus that could not be read: every broken line (up to a limit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError {
    /// The broken lines.
    pub errors: Vec<Diagnostic>,
    /// How many more were not listed.
    pub more: usize,
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        if self.more > 0 {
            write!(f, "\n… and {} more broken lines", self.more)?;
        }
        Ok(())
    }
}

impl std::error::Error for CorpusError {}

/// A corpus read from text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Corpus {
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Indices into `sentences` where a `-DOCSTART-` line began a document.
    pub doc_starts: Vec<usize>,
    /// Tolerated problems (repaired or unknown tags).
    pub warnings: Vec<Diagnostic>,
}

const MAX_LISTED: usize = 20;

impl Corpus {
    /// Parses token-per-line text. With `tags_required`, a line with a
    /// token but no tag is an error; otherwise tags are optional and a
    /// missing tag reads as `O`. Malformed tags are repaired or read as `O`
    /// and reported in `warnings`. Tokens are split on whitespace; a line
    /// is one token even if it has more than two columns.
    pub fn parse(text: &str, tags_required: bool) -> Result<Corpus, CorpusError> {
        Corpus::parse_inner(text, tags_required, false)
    }

    /// Like [`Corpus::parse`] with tags required, but broken lines (a token
    /// without a tag) are dropped and listed in `warnings` instead of
    /// failing.
    pub fn parse_skipping_broken(text: &str) -> Corpus {
        Corpus::parse_inner(text, true, true).unwrap_or_default()
    }

    fn parse_inner(text: &str, tags_required: bool, skip: bool) -> Result<Corpus, CorpusError> {
        let mut c = Corpus::default();
        let mut errors = Vec::new();
        let mut more = 0;
        let mut cur = Sentence::default();
        let flush = |cur: &mut Sentence, c: &mut Corpus| {
            if !cur.tokens.is_empty() {
                c.sentences.push(std::mem::take(cur));
            }
        };
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = raw.trim_end_matches('\r');
            let mut cols = line.split_whitespace();
            let Some(tok) = cols.next() else {
                flush(&mut cur, &mut c);
                continue;
            };
            if tok == "-DOCSTART-" {
                flush(&mut cur, &mut c);
                c.doc_starts.push(c.sentences.len());
                continue;
            }
            let tag = match cols.next() {
                Some(t) => {
                    let (tag, issue) = parse_tag(t);
                    if let Some(issue) = issue {
                        c.warnings.push(Diagnostic {
                            line: line_no,
                            message: match issue {
                                TagIssue::Repaired => {
                                    format!("malformed tag {t:?} read as {}", tag.name())
                                }
                                TagIssue::UnknownType => {
                                    format!("unknown tag {t:?} read as O")
                                }
                            },
                        });
                    }
                    tag
                }
                None if tags_required && skip => {
                    c.warnings.push(Diagnostic {
                        line: line_no,
                        message: format!("broken line skipped: only {:?}", truncate(tok)),
                    });
                    continue;
                }
                None if tags_required => {
                    if errors.len() < MAX_LISTED {
                        errors.push(Diagnostic {
                            line: line_no,
                            message: format!(
                                "expected `token TAG`, found only {:?}",
                                truncate(tok)
                            ),
                        });
                    } else {
                        more += 1;
                    }
                    continue;
                }
                None => Tag::O,
            };
            if cur.tokens.is_empty() {
                cur.line = line_no;
            }
            cur.tokens.push(tok.to_owned());
            cur.tags.push(tag);
        }
        flush(&mut cur, &mut c);
        if !errors.is_empty() {
            return Err(CorpusError { errors, more });
        }
        // IOB1 → IOB2: an I- that does not continue its type starts a name.
        for s in &mut c.sentences {
            let mut prev = Tag::O;
            for t in &mut s.tags {
                if t.is_inside() && prev.kind() != t.kind() {
                    *t = Tag::begin(t.kind().expect("I- has a type")).unwrap_or(*t);
                }
                prev = *t;
            }
        }
        Ok(c)
    }

    /// The name types tagged at least once in the corpus, in tag order.
    pub fn annotated_types(&self) -> Vec<EntityType> {
        let mut seen = [false; NUM_TAGS];
        for s in &self.sentences {
            for t in &s.tags {
                seen[t.index()] = true;
            }
        }
        TYPES
            .iter()
            .copied()
            .filter(|&k| Tag::begin(k).is_some_and(|b| seen[b.index()]))
            .collect()
    }

    /// Number of tokens.
    pub fn num_tokens(&self) -> usize {
        self.sentences.iter().map(|s| s.tokens.len()).sum()
    }

    /// Groups the sentences into documents: at `-DOCSTART-` lines when the
    /// corpus has them, otherwise in blocks of `block` sentences (a news
    /// corpus without document marks; see the tagger docs).
    pub fn documents(&self, block: usize) -> Vec<Document> {
        let block = block.max(1);
        let mut cuts: Vec<usize> = if self.doc_starts.is_empty() {
            (0..self.sentences.len()).step_by(block).collect()
        } else {
            self.doc_starts.clone()
        };
        cuts.push(self.sentences.len());
        cuts.dedup();
        let mut docs = Vec::new();
        let mut prev = 0;
        for &c in &cuts {
            if c > prev {
                docs.push(Document {
                    sentences: self.sentences[prev..c].to_vec(),
                    unannotated: Vec::new(),
                });
            }
            prev = c;
        }
        docs
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}

/// Precision, recall and F1 counts for one type (or all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Predicted spans that match a gold span exactly (bounds and type).
    pub tp: usize,
    /// Predicted spans that match none.
    pub fp: usize,
    /// Gold spans that no prediction matches.
    pub fn_: usize,
}

impl Counts {
    /// Precision, 0–1.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall, 0–1.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1, 0–1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Exact-span scores per type and micro-averaged.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scores {
    /// Per type.
    pub by_type: BTreeMap<EntityType, Counts>,
}

impl Scores {
    /// Adds one sentence: gold and predicted tags.
    pub fn add(&mut self, gold: &[Tag], pred: &[Tag]) {
        let g = spans_of(gold);
        let p = spans_of(pred);
        for &(s, e, t) in &p {
            let c = self
                .by_type
                .entry(t.kind().expect("span has a type"))
                .or_default();
            if g.contains(&(s, e, t)) {
                c.tp += 1;
            } else {
                c.fp += 1;
            }
        }
        for &(s, e, t) in &g {
            if !p.contains(&(s, e, t)) {
                self.by_type
                    .entry(t.kind().expect("span has a type"))
                    .or_default()
                    .fn_ += 1;
            }
        }
    }

    /// Micro-averaged counts over all types.
    pub fn micro(&self) -> Counts {
        let mut c = Counts::default();
        for x in self.by_type.values() {
            c.tp += x.tp;
            c.fp += x.fp;
            c.fn_ += x.fn_;
        }
        c
    }

    /// A table: type, precision, recall, F1, gold count (percentages).
    pub fn table(&self) -> String {
        let mut out = String::from("type   precision  recall      F1    gold\n");
        let row = |name: &str, c: &Counts| {
            format!(
                "{name:<6} {:>9.2} {:>7.2} {:>7.2} {:>7}\n",
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.tp + c.fn_
            )
        };
        for t in TYPES {
            if let Some(c) = self.by_type.get(&t) {
                out += &row(t.code(), c);
            }
        }
        out += &row("micro", &self.micro());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_repairs_and_reports_lines() {
        let text =
            "فرانكفورت B-LOC\nاتحاد B-ORG\nصناعة I--ORG\n\nقال O\nبوتين B-SPANISH\n\n\nx IO\n";
        let c = Corpus::parse(text, true).unwrap();
        assert_eq!(c.sentences.len(), 3);
        assert_eq!(c.sentences[0].tags[2].name(), "I-ORG");
        assert_eq!(c.sentences[1].line, 5);
        assert_eq!(c.sentences[1].tags[1], Tag::O);
        let lines: Vec<usize> = c.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [3, 6, 9]);
    }

    #[test]
    fn broken_lines_are_errors_with_line_numbers() {
        let text = "a O\nb\nc O\n\nd\n";
        let e = Corpus::parse(text, true).unwrap_err();
        let lines: Vec<usize> = e.errors.iter().map(|d| d.line).collect();
        assert_eq!(lines, [2, 5]);
        assert!(e.to_string().contains("line 2: expected `token TAG`"));
        // Without required tags the same text reads fine.
        let c = Corpus::parse(text, false).unwrap();
        assert_eq!(c.num_tokens(), 4);
    }

    #[test]
    fn iob1_becomes_iob2_and_docstart_splits() {
        let text = "-DOCSTART- O\n\nJohn I-PER\nSmith I-PER\nvisited O\nParis I-LOC\n\n-DOCSTART- O\n\nx O\n";
        let c = Corpus::parse(text, true).unwrap();
        let names: Vec<&str> = c.sentences[0].tags.iter().map(|t| t.name()).collect();
        assert_eq!(names, ["B-PER", "I-PER", "O", "B-LOC"]);
        assert_eq!(c.documents(100).len(), 2);
    }

    #[test]
    fn exact_span_scoring() {
        let p = |s: &str| -> Vec<Tag> { s.split(' ').map(|t| parse_tag(t).0).collect() };
        let mut sc = Scores::default();
        // Gold: PER(0..2), LOC(3). Pred: PER(0..1) wrong bounds, LOC(3) right, ORG(4) spurious.
        sc.add(&p("B-PER I-PER O B-LOC O"), &p("B-PER O O B-LOC B-ORG"));
        let m = sc.micro();
        assert_eq!((m.tp, m.fp, m.fn_), (1, 2, 1));
        assert!((m.precision() - 1.0 / 3.0).abs() < 1e-9);
        assert!((m.recall() - 0.5).abs() < 1e-9);
        assert!(sc.table().contains("micro"));
    }
}
