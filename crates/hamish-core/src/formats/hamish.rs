//! Hamish JSON: the lossless format. See the [module docs](super).

use serde::Serialize;
use serde_json::Value;

use super::anchor::{place, Pending, Unit};
use super::jsonpath::{describe, parse, Obj};
use super::{
    char_span, fingerprint, parse_type, prefix_of, suffix_of, ExportOptions, Format, FormatError,
    ImportResult, Location, Record, Status, TYPE_NAMES,
};
use crate::analysis::{Link, Source};
use crate::offsets::OffsetMap;

const FORMAT: Format = Format::HamishJson;

#[derive(Serialize)]
struct Header<'a> {
    format: &'static str,
    version: u32,
    offset_unit: &'static str,
    text_fingerprint: String,
    text_length: usize,
    reference_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

#[derive(Serialize)]
struct LinkOut<'a> {
    canonical: &'a str,
    id: Option<&'a str>,
}

#[derive(Serialize)]
struct AnnOut<'a> {
    id: Option<&'a str>,
    start: usize,
    end: usize,
    quote: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: Option<&'a str>,
    status: &'static str,
    source: &'static str,
    confidence: f32,
    link: Option<LinkOut<'a>>,
    note: Option<&'a str>,
}

/// Writes validated, sorted records.
pub(crate) fn export(text: &str, records: &[&Record], options: &ExportOptions) -> String {
    let map = OffsetMap::new(text);
    let header = Header {
        format: "hamish",
        version: 1,
        offset_unit: "codepoint",
        text_fingerprint: fingerprint(text),
        text_length: map.len_chars(),
        reference_date: options.reference_date.map(|d| d.to_string()),
        text: options.include_text.then_some(text),
    };
    let mut out = serde_json::to_string(&header).expect("plain data serialises");
    out.pop(); // the closing brace
    out.push_str(",\"annotations\":[");
    for (i, r) in records.iter().enumerate() {
        let (start, end) = char_span(&map, r);
        let ann = AnnOut {
            id: r.id.as_deref(),
            start,
            end,
            quote: &text[r.range()],
            prefix: prefix_of(text, r.start),
            suffix: suffix_of(text, r.end),
            kind: r.kind.code(),
            value: r.value.as_deref(),
            status: r.status.name(),
            source: r.source.name(),
            confidence: r.confidence,
            link: r.link.as_ref().map(|l| LinkOut {
                canonical: &l.canonical,
                id: l.id.as_deref(),
            }),
            note: r.note.as_deref(),
        };
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&serde_json::to_string(&ann).expect("plain data serialises"));
    }
    if !records.is_empty() {
        out.push('\n');
    }
    out.push(']');
    if !options.rejected.is_empty() {
        out.push_str(",\"rejected\":[");
        let mut rejected = options.rejected.clone();
        rejected.sort_unstable();
        rejected.dedup();
        let mut first = true;
        for (start, end, kind) in rejected {
            if start >= end || text.get(start..end).is_none() {
                continue;
            }
            let r = Record::new(start, end, kind);
            let (s, e) = char_span(&map, &r);
            let item = RejectedOut {
                start: s,
                end: e,
                quote: &text[start..end],
                prefix: prefix_of(text, start),
                suffix: suffix_of(text, end),
                kind: kind.code(),
            };
            out.push_str(if first { "\n" } else { ",\n" });
            first = false;
            out.push_str(&serde_json::to_string(&item).expect("plain data serialises"));
        }
        out.push_str("\n]");
    }
    out.push_str("}\n");
    out
}

#[derive(Serialize)]
struct RejectedOut<'a> {
    start: usize,
    end: usize,
    quote: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// Reads a Hamish JSON file and places its annotations on `text`.
pub(crate) fn import(data: &str, text: &str) -> Result<ImportResult, FormatError> {
    let v = parse(FORMAT, data)?;
    if !v.is_object() {
        return Err(FormatError::new(
            Some(FORMAT),
            Location::None,
            format!(
                "expected a JSON object at the top level, found {}",
                describe(&v)
            ),
        ));
    }
    let top = Obj::new(FORMAT, "", &v)?;
    let format = top.req_str("format")?;
    if format != "hamish" {
        return Err(top.err(
            "format",
            format!("expected \"hamish\", found {format:?} (is this another format?)"),
        ));
    }
    let version = top.req_uint("version")?;
    if version != 1 {
        return Err(top.err(
            "version",
            format!("unsupported version {version} (this Hamish reads version 1)"),
        ));
    }
    let unit = match top.opt_str("offset_unit")? {
        None | Some("codepoint") => Unit::CodePoint,
        Some("utf16") => Unit::Utf16,
        Some("utf8") => Unit::Utf8,
        Some(other) => {
            return Err(top.err(
                "offset_unit",
                format!("unknown unit {other:?} (expected \"codepoint\", \"utf16\" or \"utf8\")"),
            ))
        }
    };
    let file_fingerprint = top.opt_str("text_fingerprint")?;
    let reference_date = match top.opt_str("reference_date")? {
        None => None,
        Some(s) => Some(
            s.parse()
                .map_err(|e| top.err("reference_date", format!("{e}")))?,
        ),
    };
    top.opt_str("text")?;
    let anns = match top.get("annotations") {
        Some(Value::Array(a)) => a,
        Some(other) => {
            return Err(top.err(
                "annotations",
                format!("expected an array, found {}", describe(other)),
            ))
        }
        None => return Err(top.err("annotations", "missing (expected an array)".to_owned())),
    };
    let mut items = Vec::with_capacity(anns.len());
    for (i, a) in anns.iter().enumerate() {
        let path = format!("annotations[{i}]");
        items.push(read_annotation(&Obj::new(FORMAT, &path, a)?)?);
    }
    let rejected = match top.get("rejected") {
        None => Vec::new(),
        Some(Value::Array(a)) => {
            let mut items = Vec::with_capacity(a.len());
            for (i, r) in a.iter().enumerate() {
                let path = format!("rejected[{i}]");
                items.push(read_annotation(&Obj::new(FORMAT, &path, r)?)?);
            }
            items
        }
        Some(other) => {
            return Err(top.err(
                "rejected",
                format!("expected an array, found {}", describe(other)),
            ))
        }
    };
    let mut result = place(text, unit, items);
    if !rejected.is_empty() {
        let r = place(text, unit, rejected);
        if !r.orphaned.is_empty() {
            result.warnings.push(format!(
                "{} rejected suggestion(s) could not be placed on this text and were dropped",
                r.orphaned.len()
            ));
        }
        result.rejected = r.placed;
    }
    if let Some(fp) = file_fingerprint {
        let now = fingerprint(text);
        if fp != now {
            result.warnings.insert(
                0,
                format!(
                    "the file was made for another version of the text (fingerprint {fp}, \
                     this text {now})"
                ),
            );
        }
    }
    result.reference_date = reference_date;
    Ok(result)
}

fn read_annotation(o: &Obj<'_>) -> Result<Pending, FormatError> {
    let start = o.req_uint("start")?;
    let end = o.req_uint("end")?;
    if end <= start {
        return Err(o.err("end", format!("{end} is not after start {start}")));
    }
    let quote = o.opt_str("quote")?;
    if quote == Some("") {
        return Err(o.err("quote", "is empty but the span is not".to_owned()));
    }
    let kind_name = o.req_str("type")?;
    let kind = parse_type(kind_name).ok_or_else(|| {
        o.err(
            "type",
            format!("unknown entity type {kind_name:?} (expected one of {TYPE_NAMES})"),
        )
    })?;
    let status = match o.opt_str("status")? {
        None => Status::Decided,
        Some(s) => Status::parse(s).ok_or_else(|| {
            o.err(
                "status",
                format!("unknown status {s:?} (expected \"suggested\" or \"decided\")"),
            )
        })?,
    };
    let source = match o.opt_str("source")? {
        None => Source::Reader,
        Some(s) => s
            .parse::<Source>()
            .map_err(|e| o.err("source", e.to_string()))?,
    };
    let confidence = match o.opt_f64("confidence")? {
        None => 1.0,
        Some(c) if (0.0..=1.0).contains(&c) => c as f32,
        Some(c) => return Err(o.err("confidence", format!("{c} is not between 0 and 1"))),
    };
    let link = match o.get("link") {
        None => None,
        Some(v) => {
            let path = super::jsonpath::join(o.path, "link");
            let l = Obj::new(o.format, &path, v)?;
            Some(Link {
                canonical: l.req_str("canonical")?.to_owned(),
                id: l.opt_str("id")?.map(str::to_owned),
            })
        }
    };
    Ok(Pending {
        record: super::Record {
            id: o.opt_str("id")?.map(str::to_owned),
            start: 0,
            end: 0,
            kind,
            value: o.opt_str("value")?.map(str::to_owned),
            status,
            source,
            confidence,
            link,
            note: o.opt_str("note")?.map(str::to_owned),
        },
        quote: quote.map(str::to_owned),
        prefix: o.opt_str("prefix")?.unwrap_or_default().to_owned(),
        suffix: o.opt_str("suffix")?.unwrap_or_default().to_owned(),
        hint: Some((start, end)),
        exact: false,
        origin: o.path.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejections_round_trip_and_re_anchor() {
        use crate::analysis::EntityType;
        let text = "😀 قال بوتين في موسكو وكييف";
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            (s, s + w.len())
        };
        let (k0, k1) = at("كييف");
        let (m0, m1) = at("موسكو");
        let out = Export {
            text,
            records: &[],
            options: &ExportOptions {
                rejected: vec![(k0, k1, EntityType::Loc), (m0, m1, EntityType::Org)],
                ..Default::default()
            },
        }
        .write(Format::HamishJson)
        .unwrap();
        assert!(out.contains("\"rejected\":["), "{out}");
        // In code points: the emoji is one.
        assert!(out.contains(&format!("\"start\":{}", text[..k0].chars().count())));
        let back = import(&out, text).unwrap();
        let spans: Vec<_> = back
            .rejected
            .iter()
            .map(|r| (r.start, r.end, r.kind))
            .collect();
        assert_eq!(
            spans,
            [(m0, m1, EntityType::Org), (k0, k1, EntityType::Loc)]
        );
        // On an edited text they move with their quote.
        let edited = format!("عاجل: {text}");
        let moved = import(&out, &edited).unwrap();
        assert_eq!(&edited[moved.rejected[1].range()], "كييف");
        // No rejections: no key; a bad one is an error with its path.
        let plain = Export {
            text,
            records: &[],
            options: &ExportOptions::default(),
        }
        .write(Format::HamishJson)
        .unwrap();
        assert!(!plain.contains("rejected"));
        let bad = out.replacen("\"type\":\"ORG\"", "\"type\":\"XYZ\"", 1);
        let e = import(&bad, text).unwrap_err().to_string();
        assert!(e.contains("rejected[0].type"), "{e}");
    }
    use crate::analysis::EntityType;
    use crate::formats::{export as export_any, Export};

    #[test]
    fn writes_one_annotation_per_line_with_code_points() {
        let text = "😀 بوتين";
        let s = text.find('ب').unwrap();
        let mut r = Record::new(s, text.len(), EntityType::Per);
        r.link = Some(Link {
            canonical: "Vladimir Putin".into(),
            id: None,
        });
        let out = Export {
            text,
            records: &[r],
            options: &ExportOptions {
                include_text: true,
                reference_date: Some("2025-05-17".parse().unwrap()),
                document_iri: None,
                rejected: Vec::new(),
            },
        }
        .write(Format::HamishJson)
        .unwrap();
        let want = format!(
            "{{\"format\":\"hamish\",\"version\":1,\"offset_unit\":\"codepoint\",\
             \"text_fingerprint\":\"{}\",\"text_length\":7,\"reference_date\":\"2025-05-17\",\
             \"text\":\"😀 بوتين\",\"annotations\":[\n\
             {{\"id\":null,\"start\":2,\"end\":7,\"quote\":\"بوتين\",\"prefix\":\"😀 \",\"suffix\":\"\",\
             \"type\":\"PER\",\"value\":null,\"status\":\"decided\",\"source\":\"reader\",\
             \"confidence\":1.0,\"link\":{{\"canonical\":\"Vladimir Putin\",\"id\":null}},\
             \"note\":null}}\n]}}\n",
            fingerprint(text)
        );
        assert_eq!(out, want);
        let empty = export_any(Format::HamishJson, "", &[]).unwrap();
        assert!(empty.ends_with("\"annotations\":[]}\n"), "{empty}");
        let back = import(&out, text).unwrap();
        assert_eq!(back.reference_date.unwrap().to_string(), "2025-05-17");
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    }

    /// (file, expected error)
    const BAD: &[(&str, &str)] = &[
        ("[]", "hamish: expected a JSON object at the top level, found an array"),
        ("{\"format\":\"w3c\"}", "hamish: format: expected \"hamish\", found \"w3c\" (is this another format?)"),
        ("{\"format\":\"hamish\"}", "hamish: version: missing (expected a non-negative whole number)"),
        ("{\"format\":\"hamish\",\"version\":2}", "hamish: version: unsupported version 2 (this Hamish reads version 1)"),
        ("{\"format\":\"hamish\",\"version\":1}", "hamish: annotations: missing (expected an array)"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":{}}", "hamish: annotations: expected an array, found an object"),
        ("{\"format\":\"hamish\",\"version\":1,\"offset_unit\":\"byte\",\"annotations\":[]}", "hamish: offset_unit: unknown unit \"byte\" (expected \"codepoint\", \"utf16\" or \"utf8\")"),
        ("{\"format\":\"hamish\",\"version\":1,\"reference_date\":\"2025-02-30\",\"annotations\":[]}", "hamish: reference_date: 2025-02 has no day 30"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[1]}", "hamish: annotations[0]: expected an object, found the number 1"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":-1,\"end\":2,\"type\":\"PER\"}]}", "hamish: annotations[0].start: must not be negative, found -1"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":\"0\",\"end\":2,\"type\":\"PER\"}]}", "hamish: annotations[0].start: expected a non-negative whole number, found the string \"0\""),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":3,\"end\":3,\"type\":\"PER\"}]}", "hamish: annotations[0].end: 3 is not after start 3"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":0,\"end\":1e400,\"type\":\"PER\"}]}", "hamish: line 1, column 68: invalid JSON: number out of range"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":0,\"end\":18446744073709551616,\"type\":\"PER\"}]}", "hamish: annotations[0].end: 1.8446744073709552e+19 is too large"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":0,\"end\":2,\"type\":\"FOO\"}]}", "hamish: annotations[0].type: unknown entity type \"FOO\" (expected one of PER, ORG, LOC, MISC, DATE, TIME, DURATION, SET (or Person, Organization, Location, Place, GPE, Event))"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":0,\"end\":2}]}", "hamish: annotations[0].type: missing (expected a string)"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":0,\"end\":2,\"type\":\"PER\",\"quote\":\"\"}]}", "hamish: annotations[0].quote: is empty but the span is not"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":0,\"end\":2,\"type\":\"PER\",\"status\":\"maybe\"}]}", "hamish: annotations[0].status: unknown status \"maybe\" (expected \"suggested\" or \"decided\")"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":0,\"end\":2,\"type\":\"PER\",\"source\":\"oracle\"}]}", "hamish: annotations[0].source: unknown source \"oracle\" (expected one of model, lexicon, rule, reader)"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":0,\"end\":2,\"type\":\"PER\",\"confidence\":1.5}]}", "hamish: annotations[0].confidence: 1.5 is not between 0 and 1"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":0,\"end\":2,\"type\":\"PER\",\"link\":{\"id\":\"x\"}}]}", "hamish: annotations[0].link.canonical: missing (expected a string)"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":0,\"end\":2,\"type\":\"PER\",\"value\":7}]}", "hamish: annotations[0].value: expected a string, found the number 7"),
        ("{\"format\":\"hamish\",\"version\":1,\"annotations\":[{\"start\":0,\"end\":2,\"type\":\"PER\"},", "hamish: line 1, column 79: EOF while parsing a value (the file looks truncated)"),
        ("{\"format\":\"hamish\",\"version\":1,\"text\":\"a\u{0}b\",\"annotations\":[]}", "hamish: line 1, column 41: invalid JSON: control character (\\u0000-\\u001F) found while parsing a string"),
    ];

    #[test]
    fn bad_files_name_the_field() {
        let mut wrong = Vec::new();
        for (file, want) in BAD {
            let got = import(file, "ab").unwrap_err().to_string();
            if &got != want {
                wrong.push(format!("{file}\n  got:  {got}\n  want: {want}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
