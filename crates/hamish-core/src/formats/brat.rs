//! brat standoff (`.ann`). See the [module docs](super).

use std::collections::HashMap;

use super::anchor::{place, Pending, Unit};
use super::{parse_type, Format, FormatError, ImportResult, Location, Record, TYPE_NAMES};
use crate::analysis::Link;
use crate::offsets::OffsetMap;

const FORMAT: Format = Format::Brat;

const T_SHAPE: &str = "expected `T<n>\\t<type> <start> <end>\\t<text>`";

fn is_line_break(c: char) -> bool {
    c == '\n' || c == '\r'
}

/// Writes validated, sorted records; `order[k]` is the caller's index of
/// `records[k]`, for error messages.
pub(crate) fn export(
    text: &str,
    records: &[&Record],
    order: &[usize],
) -> Result<String, FormatError> {
    let map = OffsetMap::new(text);
    let mut t_lines = String::new();
    let mut notes = String::new();
    let mut refs = String::new();
    let (mut n_notes, mut n_refs) = (0, 0);
    for (k, r) in records.iter().enumerate() {
        let n = k + 1;
        // brat spans cannot cross a line break: write fragments, as brat does.
        let mut fragments: Vec<(usize, usize)> = Vec::new();
        let mut frag_start: Option<usize> = None;
        for (i, c) in text[r.range()].char_indices() {
            let b = r.start + i;
            if is_line_break(c) {
                if let Some(s) = frag_start.take() {
                    fragments.push((s, b));
                }
            } else if frag_start.is_none() {
                frag_start = Some(b);
            }
        }
        if let Some(s) = frag_start {
            fragments.push((s, r.end));
        }
        if fragments.is_empty() {
            return Err(FormatError::new(
                Some(FORMAT),
                Location::Field(format!("records[{}]", order[k])),
                "covers only line breaks, which brat cannot express".to_owned(),
            ));
        }
        let offsets: Vec<String> = fragments
            .iter()
            .map(|&(s, e)| {
                format!(
                    "{} {}",
                    map.byte_to_char(s).unwrap_or(0),
                    map.byte_to_char(e).unwrap_or(0)
                )
            })
            .collect();
        let covered: Vec<&str> = fragments.iter().map(|&(s, e)| &text[s..e]).collect();
        t_lines.push_str(&format!(
            "T{n}\t{} {}\t{}\n",
            r.kind.code(),
            offsets.join(";"),
            covered.join(" ")
        ));
        let note = if r.kind.is_temporal() {
            r.value.as_deref()
        } else {
            r.note.as_deref()
        };
        if let Some(note) = note {
            n_notes += 1;
            notes.push_str(&format!(
                "#{n_notes}\tAnnotatorNotes T{n}\t{}\n",
                note.replace(is_line_break, " ")
            ));
        }
        if let Some(Link {
            canonical,
            id: Some(id),
        }) = &r.link
        {
            if !id.is_empty() && !id.contains(char::is_whitespace) {
                n_refs += 1;
                refs.push_str(&format!(
                    "N{n_refs}\tReference T{n} {id}\t{}\n",
                    canonical.replace(is_line_break, " ")
                ));
            }
        }
    }
    t_lines.push_str(&notes);
    t_lines.push_str(&refs);
    Ok(t_lines)
}

fn err(line: usize, message: String) -> FormatError {
    FormatError::new(Some(FORMAT), Location::Line(line), message)
}

/// A `T` line read from the file.
struct TextBound {
    line: usize,
    record: Record,
    fragments: Vec<(usize, usize)>,
    text: String,
}

/// A `#` or `N` line referring to a `T`.
enum Attachment {
    Note(String),
    Reference(Link),
}

/// Whether `id` is a letter followed by digits.
fn id_number(id: &str, letter: char) -> bool {
    id.strip_prefix(letter)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn parse_offset(tok: &str, which: &str, line: usize) -> Result<usize, FormatError> {
    if tok.starts_with('-') && tok[1..].bytes().all(|b| b.is_ascii_digit()) && tok.len() > 1 {
        return Err(err(line, format!("{which} offset {tok} is negative")));
    }
    if tok.is_empty() || !tok.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(
            line,
            format!("{which} offset {tok:?} is not a number; {T_SHAPE}"),
        ));
    }
    tok.parse()
        .map_err(|_| err(line, format!("{which} offset {tok} is too large")))
}

fn parse_t(line_no: usize, line: &str) -> Result<TextBound, FormatError> {
    let mut parts = line.splitn(3, '\t');
    let id = parts.next().unwrap_or("");
    let (Some(mid), Some(text)) = (parts.next(), parts.next()) else {
        return Err(err(
            line_no,
            format!("missing a tab-separated column; {T_SHAPE}"),
        ));
    };
    if !id_number(id, 'T') {
        return Err(err(line_no, format!("bad id {id:?}; {T_SHAPE}")));
    }
    let mid = mid.trim();
    let kind_name = mid.split(' ').next().unwrap_or("");
    let kind = parse_type(kind_name).ok_or_else(|| {
        err(
            line_no,
            format!("unknown entity type {kind_name:?} (expected one of {TYPE_NAMES})"),
        )
    })?;
    let spans = mid[kind_name.len()..].trim();
    if spans.is_empty() {
        return Err(err(line_no, format!("missing offsets; {T_SHAPE}")));
    }
    let mut fragments = Vec::new();
    for frag in spans.split(';') {
        let toks: Vec<&str> = frag.split_whitespace().collect();
        let [s, e] = toks[..] else {
            return Err(err(
                line_no,
                format!(
                    "offsets {:?} are not `<start> <end>`; {T_SHAPE}",
                    frag.trim()
                ),
            ));
        };
        let s = parse_offset(s, "start", line_no)?;
        let e = parse_offset(e, "end", line_no)?;
        if e <= s {
            return Err(err(line_no, format!("empty or reversed span {s} {e}")));
        }
        fragments.push((s, e));
    }
    let covered: usize = fragments.iter().map(|(s, e)| e - s).sum::<usize>() + fragments.len() - 1;
    let got = text.chars().count();
    if got != covered {
        return Err(err(
            line_no,
            format!(
                "the text column {:?} has {got} characters but the offsets cover {covered}",
                text.chars().take(40).collect::<String>()
            ),
        ));
    }
    let mut record = Record::new(0, 0, kind);
    record.id = Some(id.to_owned());
    Ok(TextBound {
        line: line_no,
        record,
        fragments,
        text: text.to_owned(),
    })
}

/// Reads a brat `.ann` file and places its annotations on `text`.
pub(crate) fn import(data: &str, text: &str) -> Result<ImportResult, FormatError> {
    let mut bounds: Vec<TextBound> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut attachments: Vec<(usize, String, Attachment)> = Vec::new(); // (line, target, what)
    let mut skipped: Vec<(char, usize, usize)> = Vec::new(); // (kind, count, first line)
    let mut skip = |kind: char, line: usize| match skipped.iter_mut().find(|(k, _, _)| *k == kind) {
        Some(entry) => entry.1 += 1,
        None => skipped.push((kind, 1, line)),
    };
    for (i, raw) in data.split('\n').enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        match line.chars().next() {
            Some('T') => {
                let t = parse_t(line_no, line)?;
                let id = t.record.id.clone().unwrap_or_default();
                if let Some(&first) = by_id.get(&id) {
                    return Err(err(
                        line_no,
                        format!("{id} is defined twice (first on line {})", bounds[first].line),
                    ));
                }
                by_id.insert(id, bounds.len());
                bounds.push(t);
            }
            Some('#') => {
                let mut parts = line.splitn(3, '\t');
                let _id = parts.next();
                let (Some(mid), note) = (parts.next(), parts.next()) else {
                    return Err(err(
                        line_no,
                        "expected `#<n>\\tAnnotatorNotes <id>\\t<note>`".to_owned(),
                    ));
                };
                let mut words = mid.split_whitespace();
                match (words.next(), words.next()) {
                    (Some("AnnotatorNotes"), Some(target)) if target.starts_with('T') => {
                        attachments.push((
                            line_no,
                            target.to_owned(),
                            Attachment::Note(note.unwrap_or("").to_owned()),
                        ));
                    }
                    (Some("AnnotatorNotes"), Some(_)) => skip('n', line_no),
                    _ => skip('#', line_no),
                }
            }
            Some('N') => {
                let mut parts = line.splitn(3, '\t');
                let _id = parts.next();
                let Some(mid) = parts.next() else {
                    return Err(err(
                        line_no,
                        "expected `N<n>\\tReference <id> <db>:<id>\\t<name>`".to_owned(),
                    ));
                };
                let name = parts.next();
                let words: Vec<&str> = mid.split_whitespace().collect();
                match words[..] {
                    ["Reference", target, db_id] if target.starts_with('T') => {
                        attachments.push((
                            line_no,
                            target.to_owned(),
                            Attachment::Reference(Link {
                                canonical: name
                                    .filter(|n| !n.is_empty())
                                    .unwrap_or(db_id)
                                    .to_owned(),
                                id: Some(db_id.to_owned()),
                            }),
                        ));
                    }
                    _ => skip('N', line_no),
                }
            }
            Some(c @ ('R' | 'E' | 'A' | 'M' | '*')) => skip(c, line_no),
            _ => {
                return Err(err(
                    line_no,
                    format!("{T_SHAPE} (or an AnnotatorNotes `#`, a normalisation `N`, or an R, E, A, M, * line)"),
                ))
            }
        }
    }
    for (line_no, target, what) in attachments {
        let Some(&i) = by_id.get(&target) else {
            return Err(err(
                line_no,
                format!("refers to {target}, which the file does not define"),
            ));
        };
        let r = &mut bounds[i].record;
        match what {
            Attachment::Note(note) if r.kind.is_temporal() && r.value.is_none() => {
                r.value = Some(note)
            }
            Attachment::Note(note) => match &mut r.note {
                Some(existing) => {
                    existing.push('\n');
                    existing.push_str(&note);
                }
                None => r.note = Some(note),
            },
            Attachment::Reference(link) => r.link = Some(link),
        }
    }
    let mut warnings: Vec<String> = skipped
        .iter()
        .map(|&(kind, count, first)| {
            let what = match kind {
                'R' => "relation",
                'E' => "event",
                'A' | 'M' => "attribute",
                '*' => "equivalence",
                'N' => "normalisation other than Reference",
                'n' => "note on a relation, event or attribute",
                _ => "comment other than AnnotatorNotes",
            };
            format!(
                "skipped {count} {what} line(s) (first on line {first}): Hamish does not use them"
            )
        })
        .collect();

    let map = OffsetMap::new(text);
    let mut items = Vec::with_capacity(bounds.len());
    for t in bounds {
        let origin = format!("line {}", t.line);
        let start = t.fragments.iter().map(|f| f.0).min().unwrap_or(0);
        let end = t.fragments.iter().map(|f| f.1).max().unwrap_or(0);
        if t.fragments.len() == 1 {
            items.push(Pending {
                record: t.record,
                quote: Some(t.text),
                prefix: String::new(),
                suffix: String::new(),
                hint: Some((start, end)),
                exact: false,
                origin,
            });
            continue;
        }
        // Discontinuous: exact if every fragment's text is where it says.
        // The text column is the fragments joined by one space each (its
        // length was checked), so fragment k is a slice of it by counts.
        let column: Vec<char> = t.text.chars().collect();
        let byte = |c: usize| map.char_to_byte(c);
        let mut offset = 0;
        let matches = t.fragments.iter().all(|&(s, e)| {
            let want: String = column[offset..offset + (e - s)].iter().collect();
            offset += e - s + 1;
            matches!((byte(s), byte(e)), (Some(bs), Some(be)) if text[bs..be] == want)
        });
        let (bs, be) = (byte(start), byte(end));
        match (matches, bs, be) {
            (true, Some(bs), Some(be)) => {
                if text[bs..be].chars().enumerate().any(|(k, c)| {
                    let at = start + k;
                    !is_line_break(c) && !t.fragments.iter().any(|&(s, e)| (s..e).contains(&at))
                }) {
                    warnings.push(format!(
                        "{origin}: discontinuous span {start}–{end} was imported as the whole \
                         span covering its fragments"
                    ));
                }
                let mut record = t.record;
                record.start = bs;
                record.end = be;
                items.push(Pending {
                    record,
                    quote: None,
                    prefix: String::new(),
                    suffix: String::new(),
                    hint: Some((start, end)),
                    exact: true,
                    origin,
                });
            }
            _ => {
                warnings.push(format!(
                    "{origin}: discontinuous span does not match the text; searched for its \
                     fragments joined by spaces"
                ));
                items.push(Pending {
                    record: t.record,
                    quote: Some(t.text),
                    prefix: String::new(),
                    suffix: String::new(),
                    hint: None,
                    exact: false,
                    origin,
                });
            }
        }
    }
    let mut result = place(text, Unit::CodePoint, items);
    warnings.append(&mut result.warnings);
    result.warnings = warnings;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::EntityType;
    use crate::formats::export as export_any;

    #[test]
    fn spans_across_line_breaks_become_fragments_and_come_back_whole() {
        let text = "قال\nبوتين\r\nأمس";
        let r = Record::new(0, text.len(), EntityType::Misc);
        let out = export_any(Format::Brat, text, &[r]).unwrap();
        assert_eq!(out, "T1\tMISC 0 3;4 9;11 14\tقال بوتين أمس\n");
        let back = import(&out, text).unwrap();
        assert_eq!(back.placed[0].range(), 0..text.len());
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        assert!(export_any(Format::Brat, "a\nb", &[Record::new(1, 2, EntityType::Per)]).is_err());
    }

    #[test]
    fn notes_references_and_skipped_lines() {
        let text = "Putin met Zelensky on Friday.";
        let ann = "T1\tPerson 0 5\tPutin\nT2\tPER 10 18\tZelensky\nT3\tDATE 22 28\tFriday\n\
                   #1\tAnnotatorNotes T3\t2025-05-16\n#2\tAnnotatorNotes T1\tpresident\n\
                   N1\tReference T1 wikidata:Q7747\tVladimir Putin\n\
                   R1\tMeets Arg1:T1 Arg2:T2\nR2\tMeets Arg1:T2 Arg2:T1\nA1\tNegated T1\n\
                   #3\tAnnotatorNotes R1\tabout the relation\n";
        let r = import(ann, text).unwrap();
        assert_eq!(r.placed.len(), 3);
        assert_eq!(r.placed[0].note.as_deref(), Some("president"));
        assert_eq!(
            r.placed[0].link,
            Some(Link {
                canonical: "Vladimir Putin".into(),
                id: Some("wikidata:Q7747".into())
            })
        );
        assert_eq!(r.placed[2].value.as_deref(), Some("2025-05-16"));
        assert_eq!(r.placed[2].id.as_deref(), Some("T3"));
        assert_eq!(
            r.warnings,
            [
                "skipped 2 relation line(s) (first on line 7): Hamish does not use them",
                "skipped 1 attribute line(s) (first on line 9): Hamish does not use them",
                "skipped 1 note on a relation, event or attribute line(s) (first on line 10): \
                 Hamish does not use them",
            ]
        );
    }

    #[test]
    fn discontinuous_spans_take_the_covering_span() {
        let text = "New and old York";
        let ann = "T1\tLOC 0 3;12 16\tNew York\n";
        let r = import(ann, text).unwrap();
        assert_eq!(r.placed[0].range(), 0..16);
        assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    }

    /// (file, expected error)
    const BAD: &[(&str, &str)] = &[
        ("T1\tPER 0 5\n", "brat: line 1: missing a tab-separated column; expected `T<n>\\t<type> <start> <end>\\t<text>`"),
        ("T1 PER 0 5 Putin\n", "brat: line 1: missing a tab-separated column; expected `T<n>\\t<type> <start> <end>\\t<text>`"),
        ("Tx\tPER 0 5\tPutin\n", "brat: line 1: bad id \"Tx\"; expected `T<n>\\t<type> <start> <end>\\t<text>`"),
        ("T1\tAttack 0 5\tPutin\n", "brat: line 1: unknown entity type \"Attack\" (expected one of PER, ORG, LOC, MISC, DATE, TIME, DURATION, SET (or Person, Organization, Location, Place, GPE, Event))"),
        ("T1\tPER\tPutin\n", "brat: line 1: missing offsets; expected `T<n>\\t<type> <start> <end>\\t<text>`"),
        ("T1\tPER -1 4\tPutin\n", "brat: line 1: start offset -1 is negative"),
        ("T1\tPER 0 5x\tPutin\n", "brat: line 1: end offset \"5x\" is not a number; expected `T<n>\\t<type> <start> <end>\\t<text>`"),
        ("T1\tPER 0\tPutin\n", "brat: line 1: offsets \"0\" are not `<start> <end>`; expected `T<n>\\t<type> <start> <end>\\t<text>`"),
        ("T1\tPER 5 0\tPutin\n", "brat: line 1: empty or reversed span 5 0"),
        ("T1\tPER 0 99999999999999999999999\tPutin\n", "brat: line 1: end offset 99999999999999999999999 is too large"),
        ("T1\tPER 0 5\tPutinX\n", "brat: line 1: the text column \"PutinX\" has 6 characters but the offsets cover 5"),
        ("T1\tPER 0 5\tPutin\nT1\tPER 0 5\tPutin\n", "brat: line 2: T1 is defined twice (first on line 1)"),
        ("T1\tPER 0 5\tPutin\n#1\tAnnotatorNotes T9\tx\n", "brat: line 2: refers to T9, which the file does not define"),
        ("#1\n", "brat: line 1: expected `#<n>\\tAnnotatorNotes <id>\\t<note>`"),
        ("\n\nhello world\n", "brat: line 3: expected `T<n>\\t<type> <start> <end>\\t<text>` (or an AnnotatorNotes `#`, a normalisation `N`, or an R, E, A, M, * line)"),
        ("T1\tPER 0 5\tPu\u{0}in\n", ""),
    ];

    #[test]
    fn bad_files_name_the_line() {
        for (file, want) in BAD {
            match import(file, "Putin met Zelensky") {
                Err(e) => assert_eq!(&e.to_string(), want, "{file:?}"),
                // A NUL in the text column is just a character that does
                // not occur in the text: the annotation is an orphan.
                Ok(r) => {
                    assert!(want.is_empty(), "{file:?} should fail");
                    assert_eq!(r.orphaned.len(), 1);
                }
            }
        }
    }
}
