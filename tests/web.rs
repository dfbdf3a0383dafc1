//! Component and determinism tests, run in headless Chromium by
//! `scripts/wasm-test.sh` (wasm-bindgen-test).

#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use hamish_core::{analyze, json, Lang, Options};
use hamish_web::components::{Annotator, AnnotatorProps, Config, TextSource};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../www/kremlin-talks.ar.txt");
const GOLDEN: &str = include_str!("../crates/hamish-core/tests/golden/seed.json");

/// The WASM build gives byte-identical annotations to the native build,
/// whose output is the golden file.
#[wasm_bindgen_test]
fn seed_annotations_identical_to_native() {
    let options = Options {
        lang: Lang::Ar,
        reference_date: Some("2025-05-17".parse().unwrap()),
    };
    let got = json::to_json_lines_string(SEED, &analyze(SEED, &options));
    assert_eq!(got, GOLDEN);
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn mount(text: &str, instance: u32) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let mut cfg = Config::new(TextSource::Inline(Rc::from(text)), instance);
    cfg.reference_date = Some("2025-05-17".parse().unwrap());
    cfg.lang = Lang::Ar;
    yew::Renderer::<Annotator>::with_root_and_props(
        host.clone(),
        AnnotatorProps {
            config: Rc::new(cfg),
        },
    )
    .render();
    host
}

async fn until_ready(host: &Element) -> Element {
    for _ in 0..200 {
        if let Ok(Some(root)) = host.query_selector(".hamish[data-phase=ready]") {
            sleep(20).await;
            return root;
        }
        sleep(10).await;
    }
    panic!("widget never became ready: {}", host.inner_html());
}

/// Texts of the ranges registered under highlight name `name`.
fn highlight(name: &str) -> Vec<String> {
    let css = js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).unwrap();
    let registry = js_sys::Reflect::get(&css, &"highlights".into()).unwrap();
    let get = js_sys::Reflect::get(&registry, &"get".into())
        .unwrap()
        .dyn_into::<js_sys::Function>()
        .unwrap();
    let hl = get.call1(&registry, &name.into()).unwrap();
    if hl.is_undefined() {
        return Vec::new();
    }
    js_sys::Array::from(&hl)
        .iter()
        .map(|r| r.dyn_into::<web_sys::Range>().unwrap().to_string().into())
        .collect()
}

#[wasm_bindgen_test]
async fn renders_highlights_legend_and_card() {
    let text = "وبوتين في موسكو منذ فبراير 2022.\n\n<script>alert(1)</script> 😀 e\u{301} كييف";
    let host = mount(text, 101);
    let root = until_ready(&host).await;

    // Markup is text, never HTML.
    assert!(host.query_selector("script").unwrap().is_none());
    assert!(root
        .text_content()
        .unwrap()
        .contains("<script>alert(1)</script>"));

    // Highlights sit on the exact words, behind the clitic و.
    assert_eq!(highlight("hamish101-PER-s"), ["بوتين"]);
    assert_eq!(highlight("hamish101-LOC-s"), ["موسكو", "كييف"]);
    assert_eq!(highlight("hamish101-DATE-s"), ["فبراير 2022"]);

    // The text nodes are untouched: one per block, never split.
    let p = root.query_selector("[data-block='0']").unwrap().unwrap();
    assert_eq!(p.child_nodes().length(), 1);

    // Legend counts and toggling.
    let per = root
        .query_selector(".hamish-legend-item[data-type=PER]")
        .unwrap()
        .unwrap();
    assert!(per.text_content().unwrap().contains('1'));
    per.dyn_ref::<HtmlElement>().unwrap().click();
    sleep(30).await;
    assert!(
        highlight("hamish101-PER-s").is_empty(),
        "hidden type unregistered"
    );
    assert_eq!(per.get_attribute("aria-pressed").as_deref(), Some("false"));
    per.dyn_ref::<HtmlElement>().unwrap().click();
    sleep(30).await;
    assert_eq!(highlight("hamish101-PER-s"), ["بوتين"]);

    // Keyboard focus on the article selects the first annotation and shows
    // its card.
    let article = root
        .query_selector(".hamish-article")
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap();
    article.focus().unwrap();
    sleep(30).await;
    let card = root
        .query_selector(".hamish-card")
        .unwrap()
        .expect("card shown");
    assert_eq!(card.get_attribute("data-type").as_deref(), Some("PER"));
    assert!(card.text_content().unwrap().contains("بوتين"));
    assert_eq!(highlight("hamish101-active"), ["بوتين"]);

    host.remove();
}

#[wasm_bindgen_test]
async fn two_instances_are_independent() {
    let a = mount("بوتين", 201);
    let b = mount("موسكو", 202);
    until_ready(&a).await;
    until_ready(&b).await;
    assert_eq!(highlight("hamish201-PER-s"), ["بوتين"]);
    assert!(highlight("hamish201-LOC-s").is_empty());
    assert_eq!(highlight("hamish202-LOC-s"), ["موسكو"]);
    a.remove();
    b.remove();
}

#[wasm_bindgen_test]
async fn empty_and_whitespace_texts() {
    for (i, t) in ["", "  \n\n "].iter().enumerate() {
        let host = mount(t, 301 + i as u32);
        let root = until_ready(&host).await;
        assert!(root.query_selector("[data-block]").unwrap().is_none());
        assert!(root.query_selector(".hamish-status").unwrap().is_some());
        host.remove();
    }
}
