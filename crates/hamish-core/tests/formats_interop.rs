//! Files written by other tools, in the shapes they really use.

use hamish_core::formats::{import, Format};
use hamish_core::{EntityType, Link};

const TEXT: &str = "قال الرئيس فلاديمير بوتين في موسكو إن المحادثات مع أوكرانيا ستستمر.";

fn texts(r: &hamish_core::formats::ImportResult) -> Vec<(&str, EntityType)> {
    r.placed
        .iter()
        .map(|p| (&TEXT[p.range()], p.kind))
        .collect()
}

#[test]
fn hypothesis_style_quote_only_selectors() {
    // Hypothesis: target is an array, selectors include RangeSelector and a
    // TextQuoteSelector without positions; tags carry the type.
    let file = r#"{"total":2,"rows":[
      {"id":"h1","uri":"https://example.org/a","text":"","tags":["Person"],
       "target":[{"source":"https://example.org/a","selector":[
         {"type":"RangeSelector","startContainer":"/p[1]","startOffset":11,"endContainer":"/p[1]","endOffset":25},
         {"type":"TextQuoteSelector","exact":"فلاديمير بوتين","prefix":"قال الرئيس ","suffix":" في موسكو"}]}]},
      {"id":"h2","tags":["place"],
       "target":[{"source":"https://example.org/a","selector":[
         {"type":"TextQuoteSelector","exact":"موسكو"}]}]}]}"#;
    let r = import(Format::W3c, file, TEXT).unwrap();
    assert_eq!(
        texts(&r),
        [
            ("فلاديمير بوتين", EntityType::Per),
            ("موسكو", EntityType::Loc)
        ]
    );
    assert_eq!(r.placed[0].id.as_deref(), Some("h1"));
    // Found by search (no position), so "relocated".
    assert_eq!(r.relocated, [0, 1]);
}

#[test]
fn recogito_style_annotations() {
    // A plain array; one selector object (not an array); a tagging body and
    // an identifying body with a gazetteer IRI; a commenting body.
    let file = r#"[
      {"@context":"http://www.w3.org/ns/anno.jsonld","id":"https://recogito.example/annotation/1",
       "type":"Annotation",
       "body":[{"type":"TextualBody","purpose":"tagging","value":"Place"},
               {"type":"SpecificResource","purpose":"identifying","source":"https://sws.geonames.org/524901"},
               {"type":"TextualBody","purpose":"commenting","value":"the capital"}],
       "target":{"selector":{"type":"TextQuoteSelector","exact":"موسكو"}}},
      {"type":"Annotation",
       "body":{"type":"TextualBody","value":"LOC"},
       "target":{"selector":[{"type":"TextPositionSelector","start":51,"end":59},
                             {"type":"TextQuoteSelector","exact":"أوكرانيا"}]}}]"#;
    let r = import(Format::W3c, file, TEXT).unwrap();
    assert_eq!(
        texts(&r),
        [("موسكو", EntityType::Loc), ("أوكرانيا", EntityType::Loc)]
    );
    assert_eq!(
        r.placed[0].link,
        Some(Link {
            canonical: "https://sws.geonames.org/524901".into(),
            id: Some("https://sws.geonames.org/524901".into())
        })
    );
    assert_eq!(r.placed[0].note.as_deref(), Some("the capital"));
    assert_eq!(
        r.placed[0].id.as_deref(),
        Some("https://recogito.example/annotation/1")
    );
    assert_eq!(r.relocated, [0]);
}

#[test]
fn single_annotation_page_and_graph() {
    let one = r#"{"type":"Annotation","bodyValue":"PER",
      "target":{"selector":{"type":"TextQuoteSelector","exact":"بوتين","prefix":"فلاديمير "}}}"#;
    let r = import(Format::W3c, one, TEXT).unwrap();
    assert_eq!(texts(&r), [("بوتين", EntityType::Per)]);

    let page = format!(r#"{{"type":"AnnotationPage","items":[{one}]}}"#);
    assert_eq!(texts(&import(Format::W3c, &page, TEXT).unwrap()), texts(&r));

    let graph = format!(r#"{{"@context":"http://www.w3.org/ns/anno.jsonld","@graph":[{one}]}}"#);
    assert_eq!(
        texts(&import(Format::W3c, &graph, TEXT).unwrap()),
        texts(&r)
    );

    // A collection whose embedded pages chain with `next`.
    let two = one.replace("\"PER\"", "\"ORG\"").replace("بوتين", "موسكو");
    let coll = format!(
        r#"{{"type":["AnnotationCollection"],"first":{{"type":"AnnotationPage","items":[{one}],
        "next":{{"type":"AnnotationPage","items":[{two}]}}}}}}"#
    );
    let r = import(Format::W3c, &coll, TEXT).unwrap();
    assert_eq!(
        texts(&r),
        [("بوتين", EntityType::Per), ("موسكو", EntityType::Org)]
    );
}

#[test]
fn several_type_tags_take_the_first_and_warn() {
    let file = r#"[{"body":[{"purpose":"tagging","value":"PER"},{"purpose":"tagging","value":"ORG"},
      {"purpose":"tagging","value":"important"}],
      "target":{"selector":{"type":"TextQuoteSelector","exact":"بوتين"}}}]"#;
    let r = import(Format::W3c, file, TEXT).unwrap();
    assert_eq!(texts(&r), [("بوتين", EntityType::Per)]);
    assert_eq!(
        r.warnings[0],
        "[0]: several entity types (PER, ORG); took PER"
    );
}

#[test]
fn brat_files_from_brat() {
    // Types as brat projects name them, Windows line endings, a trailing
    // line without newline.
    let ann = "T1\tPerson 20 25\tبوتين\r\nT2\tGPE 29 34\tموسكو\r\nT3\tOrganization 4 10\tالرئيس";
    let r = import(Format::Brat, ann, TEXT).unwrap();
    assert_eq!(
        texts(&r),
        [
            ("الرئيس", EntityType::Org),
            ("بوتين", EntityType::Per),
            ("موسكو", EntityType::Loc)
        ]
    );
}
