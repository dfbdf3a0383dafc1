//! W3C Web Annotation JSON-LD. See the [module docs](super).

use serde::Serialize;
use serde_json::Value;

use super::anchor::{place, Pending, Unit};
use super::jsonpath::{describe, error, join, parse, Obj};
use super::{
    char_span, fingerprint, parse_type, prefix_of, suffix_of, ExportOptions, Format, FormatError,
    ImportResult, Record, Status, TYPE_NAMES,
};
use crate::analysis::{EntityType, Link, Source};
use crate::offsets::OffsetMap;

const FORMAT: Format = Format::W3c;

/// The W3C annotation context.
pub(crate) const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

#[derive(Serialize)]
struct Context {
    hamish: &'static str,
}

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: (&'static str, Context),
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'static str,
    total: usize,
    #[serde(rename = "hamish:offsetUnit")]
    offset_unit: &'static str,
    #[serde(rename = "hamish:textFingerprint")]
    text_fingerprint: String,
    #[serde(rename = "hamish:textLength")]
    text_length: usize,
    first: Page<'a>,
}

#[derive(Serialize)]
struct Page<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Anno<'a>>,
}

#[derive(Serialize)]
struct Anno<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: Vec<Body<'a>>,
    target: Target<'a>,
    #[serde(rename = "hamish:status")]
    status: &'static str,
    #[serde(rename = "hamish:source")]
    source: &'static str,
    #[serde(rename = "hamish:confidence")]
    confidence: f32,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'a str,
    #[serde(rename = "hamish:id", skip_serializing_if = "Option::is_none")]
    link_id: Option<&'a str>,
}

#[derive(Serialize)]
struct Target<'a> {
    source: &'a str,
    selector: (QuoteSelector<'a>, PositionSelector),
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
}

#[derive(Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

fn body<'a>(purpose: &'static str, value: &'a str) -> Body<'a> {
    Body {
        kind: "TextualBody",
        purpose,
        value,
        link_id: None,
    }
}

/// Writes validated, sorted records.
pub(crate) fn export(text: &str, records: &[&Record], options: &ExportOptions) -> String {
    let map = OffsetMap::new(text);
    let fp = fingerprint(text);
    let default_iri = format!("urn:hamish:text:{fp}");
    let source = options.document_iri.as_deref().unwrap_or(&default_iri);
    let items = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (start, end) = char_span(&map, r);
            let mut bodies = vec![body("tagging", r.kind.code())];
            if let Some(v) = &r.value {
                bodies.push(body("describing", v));
            }
            if let Some(l) = &r.link {
                let mut b = body("identifying", &l.canonical);
                b.link_id = l.id.as_deref();
                bodies.push(b);
            }
            if let Some(n) = &r.note {
                bodies.push(body("commenting", n));
            }
            Anno {
                id: match &r.id {
                    Some(id) => format!("#{id}"),
                    None => format!("#ann{}", i + 1),
                },
                kind: "Annotation",
                motivation: "tagging",
                body: bodies,
                target: Target {
                    source,
                    selector: (
                        QuoteSelector {
                            kind: "TextQuoteSelector",
                            exact: &text[r.range()],
                            prefix: prefix_of(text, r.start),
                            suffix: suffix_of(text, r.end),
                        },
                        PositionSelector {
                            kind: "TextPositionSelector",
                            start,
                            end,
                        },
                    ),
                },
                status: r.status.name(),
                source: r.source.name(),
                confidence: r.confidence,
            }
        })
        .collect();
    let doc = Collection {
        context: (
            ANNO_CONTEXT,
            Context {
                hamish: "urn:hamish:",
            },
        ),
        kind: "AnnotationCollection",
        label: "Hamish annotations",
        total: records.len(),
        offset_unit: "codepoint",
        text_fingerprint: fp,
        text_length: map.len_chars(),
        first: Page {
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("plain data serialises");
    out.push('\n');
    out
}

/// Whether the `type`/`@type` of `o` (a string or an array of strings)
/// names `want` (with or without an `oa:`/`as:` prefix).
fn has_type(o: &Obj<'_>, want: &str) -> bool {
    types(o).iter().any(|t| {
        let t = t
            .strip_prefix("oa:")
            .or_else(|| t.strip_prefix("as:"))
            .unwrap_or(t);
        t == want
    })
}

fn types<'a>(o: &Obj<'a>) -> Vec<&'a str> {
    let v = o.get("type").or_else(|| o.get("@type"));
    match v {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// `v` as a list of (path, element): arrays element-wise, anything else
/// alone.
fn one_or_many<'a>(path: &str, v: &'a Value) -> Vec<(String, &'a Value)> {
    match v {
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("{path}[{i}]"), x))
            .collect(),
        other => vec![(path.to_owned(), other)],
    }
}

/// Reads a W3C file and places its annotations on `text`.
pub(crate) fn import(data: &str, text: &str) -> Result<ImportResult, FormatError> {
    let v = parse(FORMAT, data)?;
    let mut warnings = Vec::new();
    let mut unit = Unit::CodePoint;
    let mut file_fingerprint = None;
    // Find the annotations: (path, value).
    let annotations: Vec<(String, &Value)> = match &v {
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("[{i}]"), x))
            .collect(),
        Value::Object(_) => {
            let top = Obj::new(FORMAT, "", &v)?;
            match top.opt_str("hamish:offsetUnit")? {
                None | Some("codepoint") => {}
                Some("utf16") => unit = Unit::Utf16,
                Some("utf8") => unit = Unit::Utf8,
                Some(other) => {
                    return Err(top.err(
                        "hamish:offsetUnit",
                        format!(
                            "unknown unit {other:?} (expected \"codepoint\", \"utf16\" or \"utf8\")"
                        ),
                    ))
                }
            }
            file_fingerprint = top.opt_str("hamish:textFingerprint")?;
            collect(&v, &top, &mut warnings)?
        }
        other => {
            return Err(error(
                FORMAT,
                "",
                format!(
                    "expected an annotation collection, page or array at the top level, found {}",
                    describe(other)
                ),
            ))
        }
    };
    let mut items = Vec::with_capacity(annotations.len());
    for (path, a) in &annotations {
        items.push(read_annotation(&Obj::new(FORMAT, path, a)?, &mut warnings)?);
    }
    let mut result = place(text, unit, items);
    if let Some(fp) = file_fingerprint {
        let now = fingerprint(text);
        if fp != now {
            warnings.insert(
                0,
                format!(
                    "the file was made for another version of the text (fingerprint {fp}, \
                     this text {now})"
                ),
            );
        }
    }
    warnings.append(&mut result.warnings);
    result.warnings = warnings;
    Ok(result)
}

/// The annotations of a top-level object: a collection, a page, a JSON-LD
/// graph, a Hypothesis search result or one annotation.
fn collect<'a>(
    whole: &'a Value,
    top: &Obj<'a>,
    warnings: &mut Vec<String>,
) -> Result<Vec<(String, &'a Value)>, FormatError> {
    let list = |key: &str| -> Result<Vec<(String, &'a Value)>, FormatError> {
        match top.get(key) {
            Some(Value::Array(a)) => Ok(a
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("{key}[{i}]"), x))
                .collect()),
            Some(other) => {
                Err(top.err(key, format!("expected an array, found {}", describe(other))))
            }
            None => Err(top.err(key, "missing (expected an array of annotations)".to_owned())),
        }
    };
    if has_type(top, "AnnotationCollection") {
        let mut out = Vec::new();
        let mut path = "first".to_owned();
        let mut page = match top.get("first") {
            None => {
                if top.get("total").and_then(Value::as_u64).unwrap_or(0) > 0 {
                    return Err(top.err(
                        "first",
                        "missing (expected the first AnnotationPage)".to_owned(),
                    ));
                }
                return Ok(out);
            }
            Some(p) => p,
        };
        // Embedded pages only: Hamish cannot fetch anything.
        loop {
            if let Value::String(iri) = page {
                return Err(error(
                    FORMAT,
                    &path,
                    format!(
                        "the page is a link ({iri:?}), not embedded in the file; \
                         Hamish does not fetch pages: save the collection with its pages embedded"
                    ),
                ));
            }
            if !page.is_object() {
                return Err(error(
                    FORMAT,
                    &path,
                    format!(
                        "expected an AnnotationPage object, found {}",
                        describe(page)
                    ),
                ));
            }
            let items_path = join(&path, "items");
            match page.get("items") {
                Some(Value::Array(a)) => {
                    out.extend(
                        a.iter()
                            .enumerate()
                            .map(|(i, x)| (format!("{items_path}[{i}]"), x)),
                    );
                }
                Some(other) if !other.is_null() => {
                    return Err(error(
                        FORMAT,
                        &items_path,
                        format!("expected an array, found {}", describe(other)),
                    ))
                }
                _ => {
                    return Err(error(
                        FORMAT,
                        &items_path,
                        "missing (expected an array of annotations)".to_owned(),
                    ))
                }
            }
            match page.get("next") {
                None | Some(Value::Null) => break,
                Some(next) => {
                    path = join(&path, "next");
                    page = next;
                }
            }
        }
        return Ok(out);
    }
    if has_type(top, "AnnotationPage") {
        return list("items");
    }
    if top.get("@graph").is_some() {
        return list("@graph");
    }
    if top.get("rows").is_some() && top.get("target").is_none() {
        warnings.push("read a Hypothesis search result (`rows`); tags give the types".to_owned());
        return list("rows");
    }
    if has_type(top, "Annotation") || top.get("target").is_some() {
        return Ok(vec![(String::new(), whole)]);
    }
    Err(top.err_here(
        "expected an AnnotationCollection, an AnnotationPage, an Annotation or an array of \
         annotations (no `type` says which)"
            .to_owned(),
    ))
}

/// What one annotation's bodies say.
#[derive(Default)]
struct Bodies {
    kind: Option<(EntityType, String)>,
    unknown_tags: Vec<String>,
    value: Option<String>,
    link: Option<Link>,
    note: Option<String>,
}

fn read_bodies(o: &Obj<'_>, b: &mut Bodies, warnings: &mut Vec<String>) -> Result<(), FormatError> {
    let mut texts: Vec<(String, Option<String>, String)> = Vec::new(); // (path, purpose, value)
    if let Some(v) = o.get("bodyValue") {
        match v {
            Value::String(s) => texts.push((join(o.path, "bodyValue"), None, s.clone())),
            other => {
                return Err(o.err(
                    "bodyValue",
                    format!("expected a string, found {}", describe(other)),
                ))
            }
        }
    }
    if let Some(v) = o.get("body") {
        for (path, body) in one_or_many(&join(o.path, "body"), v) {
            let Value::Object(_) = body else {
                // An IRI body (or something we cannot read): nothing to take.
                continue;
            };
            let bo = Obj::new(FORMAT, &path, body)?;
            let purpose = match bo.get("purpose") {
                Some(Value::String(s)) => Some(s.strip_prefix("oa:").unwrap_or(s).to_owned()),
                Some(Value::Array(a)) => a.iter().find_map(Value::as_str).map(str::to_owned),
                Some(other) => {
                    return Err(bo.err(
                        "purpose",
                        format!("expected a string, found {}", describe(other)),
                    ))
                }
                None => None,
            };
            let value = match bo
                .get("value")
                .or_else(|| bo.get("rdf:value"))
                .or_else(|| bo.get("chars"))
            {
                Some(Value::String(s)) => Some(s.clone()),
                Some(other) => {
                    return Err(bo.err(
                        "value",
                        format!("expected a string, found {}", describe(other)),
                    ))
                }
                None => None,
            };
            if purpose.as_deref() == Some("identifying") {
                let id = bo
                    .opt_str("hamish:id")?
                    .or(match bo.get("source") {
                        Some(Value::String(s)) => Some(s.as_str()),
                        _ => None,
                    })
                    .or(match bo.get("id") {
                        Some(Value::String(s)) => Some(s.as_str()),
                        _ => None,
                    });
                let canonical = value.clone().or_else(|| id.map(str::to_owned));
                if let (Some(canonical), None) = (canonical, &b.link) {
                    b.link = Some(Link {
                        canonical,
                        id: id.map(str::to_owned),
                    });
                }
                continue;
            }
            if let Some(value) = value {
                texts.push((path, purpose, value));
            }
        }
    }
    for (path, purpose, value) in texts {
        match purpose.as_deref() {
            None | Some("tagging") | Some("classifying") => match parse_type(&value) {
                Some(t) => match &b.kind {
                    None => b.kind = Some((t, path)),
                    Some((first, _)) if *first != t => warnings.push(format!(
                        "{}: several entity types ({first}, {t}); took {first}",
                        o.path_or_top()
                    )),
                    Some(_) => {}
                },
                None if purpose.is_some() => b.unknown_tags.push(value),
                None => {
                    if b.note.is_none() {
                        b.note = Some(value);
                    }
                }
            },
            Some("describing") => {
                if b.value.is_none() {
                    b.value = Some(value);
                }
            }
            Some("commenting") => {
                if b.note.is_none() {
                    b.note = Some(value);
                }
            }
            Some(_) => {}
        }
    }
    Ok(())
}

fn read_annotation(o: &Obj<'_>, warnings: &mut Vec<String>) -> Result<Pending, FormatError> {
    let t = types(o);
    if !t.is_empty() && !has_type(o, "Annotation") {
        return Err(o.err(
            "type",
            format!("expected \"Annotation\", found {:?}", t.join(", ")),
        ));
    }
    let mut bodies = Bodies::default();
    read_bodies(o, &mut bodies, warnings)?;
    // Hypothesis keeps tags outside the body.
    if bodies.kind.is_none() {
        if let Some(Value::Array(tags)) = o.get("tags") {
            for (i, tag) in tags.iter().enumerate() {
                if let Some(s) = tag.as_str() {
                    match parse_type(s) {
                        Some(t) if bodies.kind.is_none() => {
                            bodies.kind = Some((t, format!("{}.tags[{i}]", o.path)))
                        }
                        Some(_) => {}
                        None => bodies.unknown_tags.push(s.to_owned()),
                    }
                }
            }
        }
    }
    let Some((kind, _)) = bodies.kind else {
        let found = if bodies.unknown_tags.is_empty() {
            String::new()
        } else {
            format!(
                "; found tag(s) {}",
                bodies
                    .unknown_tags
                    .iter()
                    .take(5)
                    .map(|t| format!("{t:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        return Err(o.err(
            "body",
            format!("no tagging body names an entity type{found} (expected one of {TYPE_NAMES})"),
        ));
    };
    let (quote, hint) = read_target(o, warnings)?;
    let status = match o.opt_str("hamish:status")? {
        None => Status::Decided,
        Some(s) => Status::parse(s).ok_or_else(|| {
            o.err(
                "hamish:status",
                format!("unknown status {s:?} (expected \"suggested\" or \"decided\")"),
            )
        })?,
    };
    let source = match o.opt_str("hamish:source")? {
        None => Source::Reader,
        Some(s) => s
            .parse::<Source>()
            .map_err(|e| o.err("hamish:source", e.to_string()))?,
    };
    let confidence = match o.opt_f64("hamish:confidence")? {
        None => 1.0,
        Some(c) if (0.0..=1.0).contains(&c) => c as f32,
        Some(c) => return Err(o.err("hamish:confidence", format!("{c} is not between 0 and 1"))),
    };
    let id = match o.get("id").or_else(|| o.get("@id")) {
        Some(Value::String(s)) => Some(s.strip_prefix('#').unwrap_or(s).to_owned()),
        _ => None,
    };
    let (exact, prefix, suffix) = match quote {
        Some((e, p, s)) => (Some(e), p, s),
        None => (None, String::new(), String::new()),
    };
    Ok(Pending {
        record: Record {
            id,
            start: 0,
            end: 0,
            kind,
            value: bodies.value,
            status,
            source,
            confidence,
            link: bodies.link,
            note: bodies.note,
        },
        quote: exact,
        prefix,
        suffix,
        hint,
        exact: false,
        origin: o.path_or_top(),
    })
}

/// A TextQuoteSelector: exact, prefix, suffix.
type Quote = (String, String, String);

/// What a target selects: its quote and its code-point span.
type Selection = (Option<Quote>, Option<(usize, usize)>);

/// The quote (exact, prefix, suffix) and position of an annotation's target.
fn read_target(o: &Obj<'_>, warnings: &mut Vec<String>) -> Result<Selection, FormatError> {
    let target_path = join(o.path, "target");
    let target = match o.get("target") {
        None => {
            return Err(o.err(
                "target",
                "missing (expected an object with a selector)".to_owned(),
            ))
        }
        Some(Value::Array(list)) => {
            let objs: Vec<(String, &Value)> = list
                .iter()
                .enumerate()
                .filter(|(_, t)| t.get("selector").is_some())
                .map(|(i, t)| (format!("{target_path}[{i}]"), t))
                .collect();
            if objs.len() > 1 {
                warnings.push(format!(
                    "{}: several targets; took the first with a selector",
                    o.path_or_top()
                ));
            }
            match objs.into_iter().next() {
                Some(t) => t,
                None => {
                    return Err(o.err(
                        "target",
                        "no target has a selector (expected a TextQuoteSelector or TextPositionSelector)"
                            .to_owned(),
                    ))
                }
            }
        }
        Some(Value::String(iri)) => {
            return Err(o.err(
                "target",
                format!(
                    "is only a link ({iri:?}); a TextQuoteSelector or TextPositionSelector is \
                     needed to find the annotated text"
                ),
            ))
        }
        Some(t) => (target_path.clone(), t),
    };
    let t = Obj::new(FORMAT, &target.0, target.1)?;
    let Some(sel) = t.get("selector") else {
        return Err(t.err(
            "selector",
            "missing TextQuoteSelector or TextPositionSelector".to_owned(),
        ));
    };
    let sel_path = join(t.path, "selector");
    let mut quote = None;
    let mut position = None;
    let mut others = Vec::new();
    for (path, s) in one_or_many(&sel_path, sel) {
        let so = Obj::new(FORMAT, &path, s)?;
        if has_type(&so, "TextQuoteSelector") && quote.is_none() {
            let exact = so.req_str("exact")?;
            if exact.is_empty() {
                return Err(so.err("exact", "is empty".to_owned()));
            }
            quote = Some((
                exact.to_owned(),
                so.opt_str("prefix")?.unwrap_or_default().to_owned(),
                so.opt_str("suffix")?.unwrap_or_default().to_owned(),
            ));
        } else if has_type(&so, "TextPositionSelector") && position.is_none() {
            let start = so.req_uint("start")?;
            let end = so.req_uint("end")?;
            if end <= start {
                return Err(so.err("end", format!("{end} is not after start {start}")));
            }
            position = Some((start, end));
        } else {
            others.extend(types(&so).into_iter().map(str::to_owned));
        }
    }
    if quote.is_none() && position.is_none() {
        let found = if others.is_empty() {
            String::new()
        } else {
            format!(" (found {})", others.join(", "))
        };
        return Err(error(
            FORMAT,
            &sel_path,
            format!("missing TextQuoteSelector or TextPositionSelector{found}"),
        ));
    }
    Ok((quote, position))
}
