//! CoNLL BIO: one token and its tag per line. See the [module docs](super).

use super::anchor::{place, Pending, Unit};
use super::{parse_type, Format, FormatError, ImportResult, Location, Record, TYPE_NAMES};
use crate::analysis::EntityType;
use crate::normalize::{is_invisible_control, NormOptions, Normalized};
use crate::token::{tokenize, NoVocabulary};

const FORMAT: Format = Format::Conll;

/// A piece of text written as one CoNLL token.
struct Piece {
    start: usize,
    end: usize,
    sentence_start: bool,
}

/// The tokens of `text`, cut at every byte offset in `cuts` (sorted) that
/// falls inside one, and at whitespace.
///
/// Tokens are the core tokenizer's, plus any run of visible characters it
/// leaves out (an emoji modifier, a tatweel or a combining mark after a
/// space, say), so that every visible character of the text is in some
/// token.
fn pieces(text: &str, cuts: &[usize]) -> Vec<Piece> {
    let norm = Normalized::new(text, NormOptions::default());
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    let gap = |spans: &mut Vec<(usize, usize, bool)>, from: usize, to: usize| {
        let mut run: Option<usize> = None;
        let mut visible = false;
        for (i, c) in text[from..to].char_indices().chain([(to - from, ' ')]) {
            if c.is_whitespace() {
                if let Some(s) = run.take() {
                    if visible {
                        spans.push((s, from + i, false));
                    }
                }
                visible = false;
            } else {
                run.get_or_insert(from + i);
                visible |= !between_tokens(c);
            }
        }
    };
    let mut done = 0;
    for t in tokenize(&norm, &NoVocabulary) {
        if t.span.start < done {
            continue; // never overlap (a ligature split across tokens)
        }
        gap(&mut spans, done, t.span.start);
        spans.push((t.span.start, t.span.end, t.sentence_start));
        done = t.span.end;
    }
    gap(&mut spans, done, text.len());

    let mut out = Vec::new();
    for (start, end, sentence_start) in spans {
        let mut first = true;
        let mut from = start;
        let lo = cuts.partition_point(|&c| c <= start);
        let hi = cuts.partition_point(|&c| c < end);
        for cut in cuts[lo..hi].iter().copied().chain([end]) {
            // A token never contains whitespace, but if the original text
            // had some inside one, it must not reach the file.
            let mut s = from;
            for (i, c) in text[from..cut].char_indices() {
                let at = from + i;
                if c.is_whitespace() {
                    if s < at {
                        out.push(Piece {
                            start: s,
                            end: at,
                            sentence_start: sentence_start && first,
                        });
                        first = false;
                    }
                    s = at + c.len_utf8();
                }
            }
            if s < cut {
                out.push(Piece {
                    start: s,
                    end: cut,
                    sentence_start: sentence_start && first,
                });
                first = false;
            }
            from = cut;
        }
    }
    // A piece of invisible characters only could not be told apart from
    // the ones between tokens on import.
    let mut kept: Vec<Piece> = Vec::with_capacity(out.len());
    let mut pending_break = false;
    for mut p in out {
        if text[p.start..p.end].chars().all(between_tokens) {
            pending_break |= p.sentence_start;
            continue;
        }
        p.sentence_start |= std::mem::take(&mut pending_break);
        kept.push(p);
    }
    kept
}

/// Writes validated, sorted records; `order[k]` is the caller's index of
/// `records[k]`, for error messages.
pub(crate) fn export(
    text: &str,
    records: &[&Record],
    order: &[usize],
) -> Result<String, FormatError> {
    let at = |k: usize| Location::Field(format!("records[{}]", order[k]));
    for k in 1..records.len() {
        if records[k].start < records[k - 1].end {
            return Err(FormatError::new(
                Some(FORMAT),
                at(k),
                format!(
                    "overlaps records[{}]; CoNLL BIO cannot express overlapping annotations",
                    order[k - 1]
                ),
            ));
        }
    }
    let mut cuts: Vec<usize> = records.iter().flat_map(|r| [r.start, r.end]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    let mut k = 0; // current record
    let mut began = vec![false; records.len()];
    for (i, p) in pieces(text, &cuts).iter().enumerate() {
        while k < records.len() && records[k].end <= p.start {
            k += 1;
        }
        let inside = k < records.len() && records[k].start <= p.start && p.end <= records[k].end;
        // A sentence break never splits an annotation (the tokenizer may
        // see one after a full stop inside it).
        if p.sentence_start && i > 0 && !(inside && began[k]) {
            out.push('\n');
        }
        out.push_str(&text[p.start..p.end]);
        out.push('\t');
        if inside {
            out.push_str(if began[k] { "I-" } else { "B-" });
            out.push_str(records[k].kind.code());
            began[k] = true;
        } else {
            out.push('O');
        }
        out.push('\n');
    }
    if let Some(k) = began.iter().position(|b| !b) {
        return Err(FormatError::new(
            Some(FORMAT),
            at(k),
            "covers no token (only whitespace or invisible characters), which CoNLL cannot \
             express"
                .to_owned(),
        ));
    }
    Ok(out)
}

fn err(line: usize, message: String) -> FormatError {
    FormatError::new(Some(FORMAT), Location::Line(line), message)
}

/// A BIO tag.
enum Tag {
    Outside,
    /// Begins an entity; `single` when it also ends it (BIOES `S-`).
    Begin {
        kind: EntityType,
        single: bool,
    },
    /// Continues an entity; `last` when it ends it (BIOES `E-`).
    Inside {
        kind: EntityType,
        last: bool,
    },
}

fn parse_tag(tag: &str, line: usize) -> Result<Tag, FormatError> {
    if tag == "O" {
        return Ok(Tag::Outside);
    }
    let bad = || {
        err(
            line,
            format!("unknown tag {tag:?} (expected O, B-<type> or I-<type>)"),
        )
    };
    let (scheme, name) = tag.split_once('-').ok_or_else(bad)?;
    let kind = parse_type(name).ok_or_else(|| {
        err(
            line,
            format!("unknown entity type {name:?} in tag {tag:?} (expected one of {TYPE_NAMES})"),
        )
    })?;
    Ok(match scheme {
        "B" => Tag::Begin {
            kind,
            single: false,
        },
        "S" | "U" => Tag::Begin { kind, single: true },
        "I" => Tag::Inside { kind, last: false },
        "E" | "L" => Tag::Inside { kind, last: true },
        _ => return Err(bad()),
    })
}

/// Whether `c` can lie between tokens: whitespace, NUL and the invisible
/// controls (bidi marks, zero-width characters). Every other character of
/// the text is in some exported token.
fn between_tokens(c: char) -> bool {
    c.is_whitespace() || c == '\0' || is_invisible_control(c)
}

/// Finds `token` in `text` at or after byte `cursor`, skipping whitespace
/// (and, failing that, what else lies between tokens, and normalisation
/// differences).
fn align(text: &str, norm: &Normalized, cursor: usize, token: &str) -> Option<(usize, usize)> {
    let skip = |from: usize, all: bool| -> usize {
        text[from..]
            .char_indices()
            .find(|&(_, c)| !(c.is_whitespace() || all && between_tokens(c)))
            .map_or(text.len(), |(i, _)| from + i)
    };
    // Exact, at the first position after whitespace, or after some of the
    // characters that lie between tokens.
    let mut s = skip(cursor, false);
    loop {
        if text[s..].starts_with(token) {
            return Some((s, s + token.len()));
        }
        match text[s..].chars().next() {
            Some(c) if between_tokens(c) => s += c.len_utf8(),
            _ => break,
        }
    }
    // Tolerant: compare normalised forms, ignoring whitespace on both sides.
    let nt = Normalized::new(token, NormOptions::default());
    let mut want = nt
        .as_str()
        .chars()
        .filter(|c| !c.is_whitespace())
        .peekable();
    want.peek()?;
    let ns = norm.as_str();
    let start = skip(cursor, true);
    let mut pos = norm.from_original(start);
    let mut first = None;
    for ch in want {
        pos += ns[pos..]
            .char_indices()
            .find(|&(_, c)| !c.is_whitespace())
            .map_or(ns.len() - pos, |(i, _)| i);
        if !ns[pos..].starts_with(ch) {
            return None;
        }
        first.get_or_insert(pos);
        pos += ch.len_utf8();
    }
    let s = norm.original_start(first?).max(cursor);
    let e = norm.original_end(pos);
    (s < e).then_some((s, e))
}

/// Reads a CoNLL BIO file and aligns its tokens with `text`.
pub(crate) fn import(data: &str, text: &str) -> Result<ImportResult, FormatError> {
    let norm = Normalized::new(text, NormOptions::default());
    let mut cursor = 0;
    let mut items: Vec<Pending> = Vec::new();
    // The entity being read: (kind, start, end, first line).
    let mut open: Option<(EntityType, usize, usize, usize)> = None;
    let close = |open: &mut Option<(EntityType, usize, usize, usize)>, items: &mut Vec<Pending>| {
        if let Some((kind, s, e, line)) = open.take() {
            let mut record = Record::new(s, e, kind);
            record.id = None;
            items.push(Pending {
                record,
                quote: Some(text[s..e].to_owned()),
                prefix: String::new(),
                suffix: String::new(),
                hint: None,
                exact: true,
                origin: format!("line {line}"),
            });
        }
    };
    for (i, raw) in data.split('\n').enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with("-DOCSTART-") {
            close(&mut open, &mut items);
            continue;
        }
        if line.starts_with('#') && !line.contains('\t') {
            continue; // a comment (`# text = …`)
        }
        let cols: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split_whitespace().collect()
        };
        let (token, tag) = match cols[..] {
            [token, .., tag] if !token.is_empty() => (token, tag.trim()),
            _ => {
                return Err(err(
                    line_no,
                    format!(
                        "expected `token<TAB>tag`, found {:?}",
                        line.chars().take(40).collect::<String>()
                    ),
                ))
            }
        };
        let tag = parse_tag(tag, line_no)?;
        let Some((s, e)) = align(text, &norm, cursor, token) else {
            let at = text[..cursor.min(text.len())].chars().count();
            let here: String = text[cursor..].trim_start().chars().take(20).collect();
            return Err(err(
                line_no,
                format!(
                    "token {token:?} does not match the text at character {at} ({here:?}); \
                     a CoNLL file has no offsets and can only be imported onto the text it \
                     was made from"
                ),
            ));
        };
        cursor = e;
        match tag {
            Tag::Outside => close(&mut open, &mut items),
            Tag::Begin { kind, single } => {
                close(&mut open, &mut items);
                open = Some((kind, s, e, line_no));
                if single {
                    close(&mut open, &mut items);
                }
            }
            Tag::Inside { kind, last } => {
                match &mut open {
                    Some((k, _, end, _)) if *k == kind => *end = e,
                    _ => {
                        // IOB1, or I- after O: starts an entity.
                        close(&mut open, &mut items);
                        open = Some((kind, s, e, line_no));
                    }
                }
                if last {
                    close(&mut open, &mut items);
                }
            }
        }
    }
    close(&mut open, &mut items);
    Ok(place(text, Unit::CodePoint, items))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::export as export_any;

    #[test]
    fn clitics_are_cut_at_annotation_boundaries_and_sentences_separated() {
        let text = "التقى وبوتين بزيلينسكي. ثم عاد.\nفقرة";
        let s = text.find("بوتين").unwrap();
        let r = Record::new(s, s + "بوتين".len(), EntityType::Per);
        let out = export_any(Format::Conll, text, std::slice::from_ref(&r)).unwrap();
        assert_eq!(
            out,
            "التقى\tO\nو\tO\nبوتين\tB-PER\nبزيلينسكي\tO\n.\tO\n\nثم\tO\nعاد\tO\n.\tO\n\nفقرة\tO\n"
        );
        let back = import(&out, text).unwrap();
        assert_eq!(back.placed, [r]);
    }

    #[test]
    fn tolerant_alignment() {
        // The file was made from an unvocalised copy with other hamza and
        // digit shapes; the text has tashkeel and Arabic-Indic digits.
        let text = "قال بُوتِينُ في ٢٠٢٢ إنّ";
        let file = "قال\tO\nبوتين\tB-PER\nفي\tO\n2022\tB-DATE\nان\tO\n";
        let r = import(file, text).unwrap();
        let got: Vec<&str> = r.placed.iter().map(|r| &text[r.range()]).collect();
        assert_eq!(got, ["بُوتِينُ", "٢٠٢٢"]);
        // Space-separated CoNLL-2003 columns, IOB1, BIOES, comments.
        let text = "Vladimir Putin met Zelensky in New York";
        let file = "-DOCSTART- -X- O O\n\n# sent_id = 1\nVladimir NNP I-NP I-PER\nPutin NNP I-NP I-PER\n\
                    met VBD O O\nZelensky NNP O S-PER\nin IN O O\nNew NNP O B-LOC\nYork NNP O E-LOC\n";
        let r = import(file, text).unwrap();
        let got: Vec<(&str, EntityType)> = r
            .placed
            .iter()
            .map(|r| (&text[r.range()], r.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("Vladimir Putin", EntityType::Per),
                ("Zelensky", EntityType::Per),
                ("New York", EntityType::Loc)
            ]
        );
    }

    #[test]
    fn overlapping_or_empty_records_cannot_be_written() {
        let text = "a b c";
        let e = export_any(
            Format::Conll,
            text,
            &[
                Record::new(0, 3, EntityType::Per),
                Record::new(2, 5, EntityType::Loc),
            ],
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "conll: records[1]: overlaps records[0]; CoNLL BIO cannot express overlapping annotations"
        );
        let e = export_any(Format::Conll, text, &[Record::new(1, 2, EntityType::Per)]).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("conll: records[0]: covers no token"),
            "{e}"
        );
    }

    /// (file, expected error) on the text "Putin met Zelensky"
    const BAD: &[(&str, &str)] = &[
        ("Putin\n", "conll: line 1: expected `token<TAB>tag`, found \"Putin\""),
        ("Putin\tB-FOO\n", "conll: line 1: unknown entity type \"FOO\" in tag \"B-FOO\" (expected one of PER, ORG, LOC, MISC, DATE, TIME, DURATION, SET (or Person, Organization, Location, Place, GPE, Event))"),
        ("Putin\tX\n", "conll: line 1: unknown tag \"X\" (expected O, B-<type> or I-<type>)"),
        ("Putin\tQ-PER\n", "conll: line 1: unknown tag \"Q-PER\" (expected O, B-<type> or I-<type>)"),
        ("Putin\tB-PER\nmet\tO\n\nTrump\tB-PER\n", "conll: line 4: token \"Trump\" does not match the text at character 9 (\"Zelensky\"); a CoNLL file has no offsets and can only be imported onto the text it was made from"),
        ("Putin\tB-PER\nmet\tO\nZelensky\tO\nextra\tO\n", "conll: line 4: token \"extra\" does not match the text at character 18 (\"\"); a CoNLL file has no offsets and can only be imported onto the text it was made from"),
        ("Pu\u{0}tin\tO\n", "conll: line 1: token \"Pu\\0tin\" does not match the text at character 0 (\"Putin met Zelensky\"); a CoNLL file has no offsets and can only be imported onto the text it was made from"),
    ];

    #[test]
    fn bad_files_name_the_line() {
        for (file, want) in BAD {
            let e = import(file, "Putin met Zelensky").unwrap_err();
            assert_eq!(&e.to_string(), want, "{file:?}");
        }
        assert!(import("", "x").unwrap().placed.is_empty());
    }
}
