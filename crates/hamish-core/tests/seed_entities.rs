//! Snapshot of the names found in the seed article (www/kremlin-talks.ar.txt,
//! reference date 2025-05-17), reviewed by eye.
//!
//! The golden file lists every PER/ORG/LOC/MISC annotation as
//! `start<TAB>end<TAB>type<TAB>source<TAB>text` (offsets in code points).
//! After an intended change (a retrained model, a new lexicon), regenerate
//! it with `HAMISH_UPDATE_GOLDEN=1 cargo test -p hamish-core --test
//! seed_entities`, review the diff, and commit it.

use hamish_core::offsets::OffsetMap;
use hamish_core::{analyze, EntityType, Options};

const ARTICLE: &str = include_str!("../../../www/kremlin-talks.ar.txt");
const GOLDEN_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/golden/kremlin-talks.entities.tsv"
);

fn snapshot() -> (String, Vec<(String, EntityType)>) {
    let options = Options {
        reference_date: Some("2025-05-17".parse().unwrap()),
        ..Options::default()
    };
    let a = analyze(ARTICLE, &options);
    let map = OffsetMap::new(ARTICLE);
    let mut out = String::new();
    let mut found = Vec::new();
    for x in a.annotations.iter().filter(|x| !x.kind.is_temporal()) {
        let text = &ARTICLE[x.range()];
        out += &format!(
            "{}\t{}\t{}\t{}\t{}\n",
            map.byte_to_char(x.start).unwrap(),
            map.byte_to_char(x.end).unwrap(),
            x.kind,
            x.source,
            text
        );
        found.push((text.to_owned(), x.kind));
    }
    (out, found)
}

#[test]
fn seed_article_entities_match_the_reviewed_snapshot() {
    let (got, _) = snapshot();
    if std::env::var_os("HAMISH_UPDATE_GOLDEN").is_some() {
        std::fs::write(GOLDEN_PATH, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(GOLDEN_PATH).expect("golden file exists");
    if got != want {
        let g: Vec<&str> = got.lines().collect();
        let w: Vec<&str> = want.lines().collect();
        let missing: Vec<&&str> = w.iter().filter(|l| !g.contains(l)).collect();
        let extra: Vec<&&str> = g.iter().filter(|l| !w.contains(l)).collect();
        panic!(
            "seed article entities changed.\nno longer found:\n{missing:#?}\nnew:\n{extra:#?}\n\
             (regenerate with HAMISH_UPDATE_GOLDEN=1 after reviewing)"
        );
    }
}

#[test]
fn seed_article_has_the_names_a_reader_would_mark() {
    let (_, found) = snapshot();
    use EntityType::*;
    // Reviewed by eye: these must be found, with these types.
    let must = [
        ("بوتين", Per),
        ("فلاديمير بوتين", Per),
        ("فولوديمير زيلينسكي", Per),
        // Known miss: the second «زيلينسكي», in «بوتين وزيلينسكي».
        ("بيسكوف", Per),
        ("دميتري بيسكوف", Per),
        ("ترمب", Per),
        ("ليونيد باشنيك", Per),
        ("باشنيك", Per),
        ("ماكرون", Per),
        ("الكرملين", Org),
        ("حلف شمال الأطلسي", Org),
        ("لوفيجارو", Org),
        ("الاتحاد الأوروبي", Org),
        ("روسيا", Loc),
        ("أوكرانيا", Loc),
        ("موسكو", Loc),
        ("كييف", Loc),
        ("إسطنبول", Loc),
        ("لوغانسك", Loc),
        ("واشنطن", Loc),
        ("شبه جزيرة القرم", Loc),
        ("بريطانيا", Loc),
        ("ألمانيا", Loc),
    ];
    let missing: Vec<_> = must
        .iter()
        .filter(|(t, k)| !found.iter().any(|(ft, fk)| ft == t && fk == k))
        .collect();
    assert!(missing.is_empty(), "missing: {missing:?}");
    // No name span starts with a proclitic conjunction or preposition that
    // the name does not have (وبوتين → بوتين).
    for (t, _) in &found {
        for p in [
            "وبوتين",
            "وزيلينسكي",
            "وبيسكوف",
            "بالكرملين",
            "وموسكو",
            "وكييف",
        ] {
            assert_ne!(t, p);
        }
    }
}
