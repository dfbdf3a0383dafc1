//! Golden test: the full annotation JSON of the seed article.
//!
//! The same golden file is checked by the WebAssembly build in headless
//! Chromium (`tests/web.rs` of the widget), so native and WASM output are
//! byte-identical. After an intended change, regenerate it with
//! `HAMISH_UPDATE_GOLDEN=1 cargo test -p hamish-core --test golden` and
//! review the diff.

use hamish_core::{analyze, json, Lang, Options};

const SEED: &str = include_str!("../../../www/kremlin-talks.ar.txt");
const GOLDEN: &str = "tests/golden/seed.json";

fn seed_json() -> String {
    let options = Options {
        lang: Lang::Ar,
        reference_date: Some("2025-05-17".parse().unwrap()),
    };
    // One annotation per line keeps review diffs readable.
    json::to_json_lines_string(SEED, &analyze(SEED, &options))
}

#[test]
fn seed_article_matches_golden() {
    let got = seed_json();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(GOLDEN);
    if std::env::var_os("HAMISH_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).expect("golden file exists");
    if got != want {
        let tmp = std::env::temp_dir().join("hamish-seed.json");
        std::fs::write(&tmp, &got).unwrap();
        panic!(
            "seed annotations differ from {GOLDEN}; got written to {}; \
             diff them, and if the change is intended rerun with HAMISH_UPDATE_GOLDEN=1",
            tmp.display()
        );
    }
    // The golden JSON parses as the documented shape.
    let parsed: json::AnnotationsDoc = serde_json::from_str(&want).unwrap();
    assert!(!parsed.annotations.is_empty());
}
