//! Clitic segmentation with the bundled lexicon, on real words.
//!
//! Every row is `(word, proclitics, name, enclitic)`: `name` is what a name
//! in the word would cover ([`Token::name_norm`]: the word without its
//! proclitics and enclitic, keeping the article unless it is contracted).
//! Expected strings are written as in text and normalised for comparison.

use crate::lexicon::Lexicon;
use crate::normalize::{matching_form, NormOptions, Normalized};
use crate::token::{tokenize, Token};

type Row = (&'static str, &'static str, &'static str, &'static str);

/// Every word of the seed article (www/kremlin-talks.ar.txt) with a clitic
/// glued to a name. The lexicon knows all these names; the one it does not
/// know is in [`SEED_UNKNOWN`].
const SEED_NAMES: &[Row] = &[
    ("وأوكرانيا", "و", "أوكرانيا", ""), // بين روسيا وأوكرانيا
    ("وكييف", "و", "كييف", ""),         // مواقف موسكو وكييف
    ("لروسيا", "ل", "روسيا", ""),       // السلطات الموالية لروسيا
    ("وواشنطن", "و", "واشنطن", ""),     // بين موسكو وواشنطن
    ("وألمانيا", "و", "ألمانيا", ""),   // من بريطانيا وألمانيا
    ("وماكرون", "و", "ماكرون", ""),     // بين بوتين وماكرون
];

/// The clitic-glued mention of a name no lexicon has: split because the
/// name stands alone elsewhere in the text («فولوديمير زيلينسكي»).
const SEED_UNKNOWN: &[Row] = &[("وزيلينسكي", "و", "زيلينسكي", "")]; // بوتين وزيلينسكي

/// Other clitic-glued words of the seed article.
const SEED_WORDS: &[Row] = &[
    ("والتي", "و", "التي", ""),
    ("وكان", "و", "كان", ""),
    ("للنزاع", "ل", "نزاع", ""),
    ("بالأمر", "ب", "الأمر", ""),
    ("وأكد", "و", "أكد", ""),
    ("بألف", "ب", "ألف", ""),
    ("والعسكريين", "و", "العسكريين", ""),
    ("وتسبب", "و", "تسبب", ""),
    ("وفضلًا", "و", "فضلا", ""),
    ("والحصول", "و", "الحصول", ""),
    ("ستحتفظ", "س", "تحتفظ", ""),
    ("بالأراضي", "ب", "الأراضي", ""),
    ("وترفض", "و", "ترفض", ""),
    ("وطالب", "و", "طالب", ""),
    ("للأسرى", "ل", "أسرى", ""),
    ("بالحل", "ب", "الحل", ""),
    ("وأكدت", "و", "أكدت", ""),
    ("بكافة", "ب", "كافة", ""),
    ("بمحاولة", "ب", "محاولة", ""),
    ("ورداً", "و", "ردا", ""),
    ("لفريق", "ل", "فريق", ""),
    ("وغير", "و", "غير", ""),
    ("وأوضح", "و", "أوضح", ""),
    ("بتحقيق", "ب", "تحقيق", ""),
    ("والدبلوماسية", "و", "الدبلوماسية", ""),
    ("والأوكراني", "و", "الأوكراني", ""),
    ("بإيجابية", "ب", "إيجابية", ""),
    ("كأولوية", "ك", "أولوية", ""),
    ("وكتب", "و", "كتب", ""),
    ("وأسقطت", "و", "أسقطت", ""),
    ("للنفط", "ل", "نفط", ""),
    ("وقام", "و", "قام", ""),
    ("وقدمت", "و", "قدمت", ""),
    ("وقبل", "و", "قبل", ""),
    ("وقال", "و", "قال", ""),
    ("بتحرير", "ب", "تحرير", ""),
    ("وعسكرية", "و", "عسكرية", ""),
    ("ورغم", "و", "رغم", ""),
    ("لإطلاق", "ل", "إطلاق", ""),
    ("والآخر", "و", "الآخر", ""),
    ("ويبدو", "و", "يبدو", ""),
    ("ويبقى", "و", "يبقى", ""),
    ("لاختبار", "ل", "اختبار", ""),
    ("وعمّق", "و", "عمق", ""),
    ("والغرب", "و", "الغرب", ""),
    ("وترميم", "و", "ترميم", ""),
    ("ونظيره", "و", "نظيره", ""),
    ("لتحديد", "ل", "تحديد", ""),
    ("مكاسبها", "", "مكاسب", "ها"),
    ("علاقاتها", "", "علاقات", "ها"),
    ("التزامها", "", "التزام", "ها"),
    ("مصالحها", "", "مصالح", "ها"),
    ("موقعها", "", "موقع", "ها"),
];

/// Names and words that merely begin with clitic letters: never cut.
const WHOLE: &[&str] = &[
    "لوفيجارو",
    "لوفيغارو",
    "لندن",
    "بيروت",
    "لوغانسك",
    "واشنطن",
    "وارسو",
    "فرنسا",
    "بريطانيا",
    "كييف",
    "لبنان",
    "ليبيا",
    "فلسطين",
    "فنزويلا",
    "فنلندا",
    "كندا",
    "كوبا",
    "كولومبيا",
    "كينيا",
    "سوريا",
    "سويسرا",
    "بلجيكا",
    "بولندا",
    "برلين",
    "بروكسل",
    "لشبونة",
    "لاهاي",
    "لاغوس",
    "كابول",
    "كراتشي",
    "كازاخستان",
    "وهران",
    "فيينا",
    "فرانكفورت",
    "بكين",
    "بغداد",
    "بنغازي",
    "ووهان",
    "ويليام",
    "والتر",
    "بيسكوف",
    "باشنيك",
    "كيلوغ",
    "ليونيد",
    "فلاديمير",
    "فولوديمير",
    "ليلى",
    "وليد",
    "كمال",
    "كامل",
    "كريم",
    "سامي",
    "وزير",
    "وزارة",
    "بين",
    "لكن",
    "بعد",
    "فقط",
    "كتاب",
    "لجنة",
    "لحظة",
    "كانت",
    "سيطرت",
    "سياسية",
    "كلمات",
    "بلاده",
];

/// Clitics glued to names and titles elsewhere in the news.
const NEWS: &[Row] = &[
    ("وبوتين", "و", "بوتين", ""),
    ("بالكرملين", "ب", "الكرملين", ""),
    ("والكرملين", "و", "الكرملين", ""),
    ("للكرملين", "ل", "كرملين", ""),
    ("ولندن", "و", "لندن", ""),
    ("لفرنسا", "ل", "فرنسا", ""),
    ("وبريطانيا", "و", "بريطانيا", ""),
    ("بلبنان", "ب", "لبنان", ""),
    ("لسوريا", "ل", "سوريا", ""),
    ("وبغداد", "و", "بغداد", ""),
    ("بواشنطن", "ب", "واشنطن", ""),
    ("للناتو", "ل", "ناتو", ""),
    ("وحماس", "و", "حماس", ""),
    ("لترامب", "ل", "ترامب", ""),
    ("بنتنياهو", "ب", "نتنياهو", ""),
    ("لأردوغان", "ل", "أردوغان", ""),
    ("بموسكو", "ب", "موسكو", ""),
    ("فموسكو", "ف", "موسكو", ""),
    ("ولوغانسك", "و", "لوغانسك", ""),
    ("بإسطنبول", "ب", "إسطنبول", ""),
    ("وللرئيس", "ول", "رئيس", ""),
    ("والرئيس", "و", "الرئيس", ""),
    ("فالرئيس", "ف", "الرئيس", ""),
    ("كالرئيس", "ك", "الرئيس", ""),
    ("بالرئيس", "ب", "الرئيس", ""),
    ("وسامي", "و", "سامي", ""),
    ("لوزارة", "ل", "وزارة", ""),
    ("Putin's", "", "Putin", "'s"),
];

fn segment(word: &str) -> (String, String, String) {
    let norm = Normalized::new(word, NormOptions::default());
    let toks: Vec<Token> = tokenize(&norm, Lexicon::bundled());
    assert_eq!(toks.len(), 1, "{word} is one token");
    let t = &toks[0];
    let n = norm.as_str();
    (
        t.proclitic(&norm).to_owned(),
        n[t.name_norm()].to_owned(),
        n[t.norm.end - t.enclitic_len as usize..t.norm.end].to_owned(),
    )
}

fn check(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .filter_map(|&(word, pro, name, enc)| {
            let want = (
                pro.to_owned(),
                matching_form(name).into_owned(),
                enc.to_owned(),
            );
            let got = segment(word);
            (got != want).then(|| format!("{word}: got {got:?}, want {want:?}"))
        })
        .collect()
}

#[test]
fn table_has_at_least_100_real_cases() {
    let n = SEED_NAMES.len() + SEED_UNKNOWN.len() + SEED_WORDS.len() + WHOLE.len() + NEWS.len();
    assert!(n >= 100, "{n}");
}

/// A name nobody knows splits off its clitic only on evidence from the
/// text; alone, the word is left whole (it might be a name in و).
#[test]
fn unknown_names_split_on_evidence_from_the_text() {
    let seg_in = |text: &str, word: &str| {
        let norm = Normalized::new(text, NormOptions::default());
        let toks = tokenize(&norm, Lexicon::bundled());
        let t = toks
            .iter()
            .find(|t| &text[t.span.clone()] == word)
            .expect("word in text")
            .clone();
        text[t.name_span(&norm)].to_owned()
    };
    assert_eq!(seg_in("وبيسكوف", "وبيسكوف"), "وبيسكوف");
    assert_eq!(seg_in("قال بيسكوف إن وبيسكوف", "وبيسكوف"), "بيسكوف");
    assert_eq!(seg_in("وزيلينسكي", "وزيلينسكي"), "وزيلينسكي");
    assert_eq!(seg_in("زيلينسكي ولزيلينسكي", "ولزيلينسكي"), "زيلينسكي");
    // Evidence never protects a whole word: وزير stays whole even when زير
    // stands alone.
    assert_eq!(seg_in("زير وزير", "وزير"), "وزير");
    // Evidence needs three letters.
    assert_eq!(seg_in("زي وزي", "وزي"), "وزي");
}

#[test]
fn seed_article_names_behind_clitics() {
    let bad = check(SEED_NAMES);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn seed_article_clitic_words() {
    let bad = check(SEED_WORDS);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn names_beginning_with_clitic_letters_are_never_cut() {
    let bad: Vec<String> = WHOLE
        .iter()
        .filter_map(|&w| {
            let got = segment(w);
            let want = (String::new(), matching_form(w).into_owned(), String::new());
            (got != want).then(|| format!("{w}: got {got:?}"))
        })
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn news_names_behind_clitics() {
    let bad = check(NEWS);
    assert!(bad.is_empty(), "{bad:#?}");
}

/// Every clitic-glued mention of the seed article is found in context, and
/// its span is exactly the name.
#[test]
fn seed_article_mentions_in_context() {
    let text = include_str!("../../../../www/kremlin-talks.ar.txt");
    let norm = Normalized::new(text, NormOptions::default());
    let lex = Lexicon::bundled();
    let toks = tokenize(&norm, lex);
    for &(word, _, name, _) in SEED_NAMES.iter().chain(SEED_UNKNOWN) {
        let hits: Vec<&Token> = toks
            .iter()
            .filter(|t| &text[t.span.clone()] == word)
            .collect();
        assert!(!hits.is_empty(), "{word} occurs in the article");
        for t in hits {
            assert_eq!(&text[t.name_span(&norm)], name, "{word}");
        }
    }
}
