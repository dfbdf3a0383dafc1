//! The fuzz targets of `fuzz/` as property tests on the stable toolchain:
//! the same entry points (`fuzz/src/harness.rs`, included here), driven by
//! proptest with random bytes, with mutations of valid files, and with
//! random texts and records. `PROPTEST_CASES=100000 cargo test --release -p
//! hamish-core --test formats_fuzz` runs them longer.

#[path = "../../../fuzz/src/harness.rs"]
mod harness;

mod formats_common;

use hamish_core::formats::{export, Format};
use proptest::prelude::*;

/// Valid files of every format on a short text, as fuzz inputs
/// (`text NUL file`), for mutation.
fn seeds() -> Vec<(Format, Vec<u8>)> {
    let text = formats_common::TRICKY;
    let records = formats_common::tricky_records();
    let mut out = Vec::new();
    for f in Format::ALL {
        let file = export(f, text, &records).unwrap();
        let mut bytes = text.as_bytes().to_vec();
        bytes.push(0);
        bytes.extend_from_slice(file.as_bytes());
        out.push((f, bytes));
    }
    out
}

/// Applies `edits` (position, byte, op) to `bytes`: delete, insert,
/// replace, or duplicate a slice.
fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(pos, b, op) in edits {
        if bytes.is_empty() {
            bytes.push(b);
            continue;
        }
        let p = pos % bytes.len();
        match op % 4 {
            0 => {
                bytes.remove(p);
            }
            1 => bytes.insert(p, b),
            2 => bytes[p] = b,
            _ => {
                let end = (p + b as usize).min(bytes.len());
                let chunk = bytes[p..end].to_vec();
                bytes.splice(p..p, chunk);
            }
        }
    }
    bytes
}

/// `PROPTEST_CASES` if set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn import_survives_random_bytes(f in 0..4usize, bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        harness::check_import(Format::ALL[f], &bytes);
    }

    #[test]
    fn import_survives_mutated_valid_files(
        f in 0..4usize,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12),
    ) {
        let (format, bytes) = seeds().swap_remove(f);
        harness::check_import(format, &mutate(bytes, &edits));
    }

    /// Structural tokens a fuzzer would have to find by chance, spliced in.
    #[test]
    fn import_survives_spliced_tokens(
        f in 0..4usize,
        at in any::<usize>(),
        token in prop::sample::select(vec![
            "\"start\":-1", "\"end\":1e999", "null", "\"type\":\"\"", "T1\t", "\t", "\n",
            "B-PER", "I-", ";", "#1\tAnnotatorNotes T9\t", "{}", "[]", "\"selector\":[]",
            "\"offset_unit\":\"utf16\"", "\u{0}", "\u{FEFF}", "\u{202E}", "18446744073709551615",
        ]),
    ) {
        let (format, mut bytes) = seeds().swap_remove(f);
        let p = at % bytes.len();
        bytes.splice(p..p, token.bytes());
        harness::check_import(format, &bytes);
    }

    #[test]
    fn records_round_trip_on_random_texts(
        text in "[a-z ء-ي\u{64b}-\u{652}\u{640}٠-٩😀-😃👍🏽é\u{301}\u{200d}\u{200f}\u{202b}\u{202c}\u{2067}\u{2069}\n\r\t.،«»]{0,80}",
        shape in proptest::collection::vec(any::<u8>(), 0..40),
    ) {
        let mut bytes = text.into_bytes();
        bytes.push(0);
        bytes.extend(shape);
        harness::check_roundtrip(&bytes);
    }

    /// Damaged compiled-lexicon images (see `fuzz_targets/lexicon_image.rs`).
    #[test]
    fn lexicon_image_survives_mutations(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8),
    ) {
        harness::check_lexicon_image(&mutate(small_lexicon_image(), &edits));
    }
}

/// The image of a small lexicon with every kind of table content: names,
/// variants, article-less forms, a multi-word title, name parts, common
/// words.
fn small_lexicon_image() -> Vec<u8> {
    let mut b = hamish_core::lexicon::LexiconBuilder::new();
    b.add_entries(
        "t.tsv",
        "PER\tبوتين\tVladimir Putin\twikidata:Q7747\nLOC\tالقاهرة|القاهره\tCairo\tgeonames:360630\n\
         TITLE\tالمتحدث باسم\nGIVEN\tمحمد\nORG\tالكرملين\tKremlin\nLOC\tMoscow\tMoscow\n",
    )
    .unwrap();
    b.add_common_words("w.tsv", "120\tفي من\n300\tقال\n")
        .unwrap();
    b.build().unwrap().to_image()
}

#[test]
fn seeds_are_valid() {
    for (f, bytes) in seeds() {
        let (text, data) = harness::split(&bytes);
        let r = hamish_core::formats::import(f, &data, &text).unwrap();
        assert_eq!(
            r.placed.len(),
            formats_common::tricky_records().len(),
            "{f}"
        );
    }
}

/// Inputs the fuzzers found, kept as regressions.
#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut n = 0;
    for e in entries {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        // Files are named `<target>-<anything>`.
        match name.split('-').next().unwrap() {
            "import_hamish" => harness::check_import(Format::HamishJson, &bytes),
            "import_w3c" => harness::check_import(Format::W3c, &bytes),
            "import_conll" => harness::check_import(Format::Conll, &bytes),
            "import_brat" => harness::check_import(Format::Brat, &bytes),
            "roundtrip" => harness::check_roundtrip(&bytes),
            "lexicon_image" => harness::check_lexicon_image(&bytes),
            _ => continue,
        }
        n += 1;
    }
    println!("{n} fuzz regressions pass");
}
