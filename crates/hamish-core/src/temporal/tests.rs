//! Table-driven tests of the temporal tagger: (text, reference) → spans,
//! types and values; the seed article; bad input; the CLDR round trip.

use super::*;
use crate::normalize::NormOptions;
use crate::token::{tokenize, NoVocabulary};

fn run_ref(text: &str, reference: Option<CivilDate>) -> Vec<(String, EntityType, Option<String>)> {
    let norm = Normalized::new(text, NormOptions::default());
    let toks = tokenize(&norm, &NoVocabulary);
    find(&norm, &toks, reference)
        .into_iter()
        .map(|t| (text[norm.to_original(t.norm)].to_owned(), t.kind, t.value))
        .collect()
}

fn sat() -> Option<CivilDate> {
    CivilDate::new(2025, 5, 17).ok()
}

fn run(text: &str) -> Vec<(String, EntityType, Option<String>)> {
    run_ref(text, sat())
}

use EntityType::{Date as D, Duration as U, Set as S, Time as T};

/// (text, expected span, type, value), reference Saturday 2025-05-17.
const TABLE: &[(&str, &str, EntityType, &str)] = &[
    // absolute dates
    ("في فبراير 2022؛", "فبراير 2022", D, "2022-02"),
    ("منذ عام 2022،", "عام 2022", D, "2022"),
    ("وقعت سنة 2022م في", "سنة 2022م", D, "2022"),
    ("منذ 2014، تغير", "2014", D, "2014"),
    ("وُلد في 16 مايو 2025.", "16 مايو 2025", D, "2025-05-16"),
    ("يوم 30 مارس 2019", "يوم 30 مارس 2019", D, "2019-03-30"),
    ("في 16/5/2025 وصل", "16/5/2025", D, "2025-05-16"),
    ("في ١٦/٥/٢٠٢٥ وصل", "١٦/٥/٢٠٢٥", D, "2025-05-16"),
    ("التاريخ 2025-05-16 هو", "2025-05-16", D, "2025-05-16"),
    ("في 16.5.2025", "16.5.2025", D, "2025-05-16"),
    (
        "بتاريخ ( 15 / 1 / 1959 ) .",
        "بتاريخ ( 15 / 1 / 1959 )",
        D,
        "1959-01-15",
    ),
    ("في 4 / 22 / 1948 كتب", "4 / 22 / 1948", D, "1948-04-22"),
    (
        "الجمعة 16 مايو 2025",
        "الجمعة 16 مايو 2025",
        D,
        "2025-05-16",
    ),
    (
        "يوم الثلاثاء الموافق 5 / 8 / 2008",
        "يوم الثلاثاء الموافق 5 / 8 / 2008",
        D,
        "2008-08-05",
    ),
    ("في أيار/مايو 2022", "أيار/مايو 2022", D, "2022-05"),
    ("في شباط (فبراير) 2021", "شباط (فبراير) 2021", D, "2021-02"),
    (
        "في 27 فبراير / شباط 2012",
        "27 فبراير / شباط 2012",
        D,
        "2012-02-27",
    ),
    ("في كانون الثاني 2020", "كانون الثاني 2020", D, "2020-01"),
    (
        "في 10 تشرين الأول 1924",
        "10 تشرين الأول 1924",
        D,
        "1924-10-10",
    ),
    ("في جانفي 2020", "جانفي 2020", D, "2020-01"),
    ("في 5 جويلية 1962", "5 جويلية 1962", D, "1962-07-05"),
    ("في 14 يوليوز 2011", "14 يوليوز 2011", D, "2011-07-14"),
    ("في غشت 2019", "غشت 2019", D, "2019-08"),
    ("في 3 شتمبر 2020", "3 شتمبر 2020", D, "2020-09-03"),
    ("في 20 آب 1931", "20 آب 1931", D, "1931-08-20"),
    (
        "الحادي عشر من سبتمبر 2001",
        "الحادي عشر من سبتمبر 2001",
        D,
        "2001-09-11",
    ),
    (
        "في الخامس من يونيو 1967",
        "الخامس من يونيو 1967",
        D,
        "1967-06-05",
    ),
    (
        "18 ذو القعدة 1446 هـ",
        "18 ذو القعدة 1446 هـ",
        D,
        "2025-05-16",
    ),
    ("في 1 رمضان 1446هـ", "1 رمضان 1446هـ", D, "2025-03-01"),
    (
        "20 / شعبان / 1428 هجرية",
        "20 / شعبان / 1428 هجرية",
        D,
        "2007-09-02",
    ),
    ("18/11/1446 هـ", "18/11/1446 هـ", D, "2025-05-16"),
    ("عام 1348 هـ", "عام 1348 هـ", D, "1929-06-09/1930-05-28"),
    ("في رمضان 1446", "رمضان 1446", D, "2025-03-01/2025-03-29"),
    (
        "خلال شهر رمضان المبارك",
        "شهر رمضان المبارك",
        D,
        "2025-03-01/2025-03-29",
    ),
    ("عام ( 1933 )", "عام ( 1933 )", D, "1933"),
    ("( 1948 )", "1948", D, "1948"),
    ("عام 1907 ميلادي", "عام 1907 ميلادي", D, "1907"),
    ("في مايو الماضي", "مايو الماضي", D, "2024-05"),
    ("في ديسمبر", "ديسمبر", D, "2024-12"),
    ("في مارس الماضي", "مارس الماضي", D, "2025-03"),
    ("وقعت 31 فبراير 2025", "31 فبراير 2025", D, "2025-02"),
    // relative dates
    ("أعلن الكرملين اليوم أنه", "اليوم", D, "2025-05-17"),
    ("وقال أمس إن", "أمس", D, "2025-05-16"),
    ("وبالأمس قال", "الأمس", D, "2025-05-16"),
    ("أول أمس", "أول أمس", D, "2025-05-15"),
    ("يصل غدًا", "غدًا", D, "2025-05-18"),
    ("يصل بعد غد", "بعد غد", D, "2025-05-19"),
    ("أمس الجمعة في", "أمس الجمعة", D, "2025-05-16"),
    ("الجمعة الماضية على", "الجمعة الماضية", D, "2025-05-16"),
    ("الخميس المقبل", "الخميس المقبل", D, "2025-05-22"),
    ("التقى يوم الجمعة", "يوم الجمعة", D, "2025-05-16"),
    ("سيلتقي يوم الجمعة", "يوم الجمعة", D, "2025-05-23"),
    ("الأسبوع الماضي", "الأسبوع الماضي", D, "2025-W19"),
    ("الأسبوع المقبل", "الأسبوع المقبل", D, "2025-W21"),
    ("الشهر الماضي", "الشهر الماضي", D, "2025-04"),
    ("الشهر المقبل", "الشهر المقبل", D, "2025-06"),
    ("العام الماضي", "العام الماضي", D, "2024"),
    ("العام المقبل", "العام المقبل", D, "2026"),
    ("السنة الماضية", "السنة الماضية", D, "2024"),
    ("هذا العام", "هذا العام", D, "2025"),
    ("العام الحالي", "العام الحالي", D, "2025"),
    ("للسنة الجاية", "سنة الجاية", D, "2026"),
    ("تم قبل يومين، من دون", "قبل يومين", D, "2025-05-15"),
    ("منذ يومين فقط", "منذ يومين", D, "2025-05-15"),
    ("منذ ثلاثة أيام", "منذ ثلاثة أيام", D, "2025-05-14"),
    ("بعد أسبوعين", "بعد أسبوعين", D, "2025-W22"),
    ("قبل عشرين عاما", "قبل عشرين عاما", D, "2005"),
    ("قبل شهرين", "قبل شهرين", D, "2025-03"),
    ("منذ سنوات", "منذ سنوات", D, "PAST_REF"),
    ("خلال الأشهر الستة الماضية", "الأشهر الستة الماضية", U, "P6M"),
    ("في السنوات الأخيرة", "السنوات الأخيرة", U, "PXY"),
    ("الآن", "الآن", D, "PRESENT_REF"),
    ("تسعى حالياً إلى", "حالياً", D, "PRESENT_REF"),
    ("في الوقت الراهن", "الوقت الراهن", D, "PRESENT_REF"),
    // seasons, parts, periods
    ("منذ ربيع 2022", "ربيع 2022", D, "2022-SP"),
    ("صيف العام الماضي", "صيف العام الماضي", D, "2024-SU"),
    ("الشتاء الماضي", "الشتاء الماضي", D, "2024-WI"),
    ("مطلع 2022", "مطلع 2022", D, "2022"),
    ("منتصف 2022", "منتصف 2022", D, "2022"),
    ("أواخر عام 2017", "أواخر عام 2017", D, "2017"),
    ("نهاية العام", "نهاية العام", D, "2025"),
    ("الربع الأول من 2025", "الربع الأول من 2025", D, "2025-Q1"),
    (
        "الربع الأخير من العام الماضي",
        "الربع الأخير من العام الماضي",
        D,
        "2024-Q4",
    ),
    ("النصف الثاني من 2023", "النصف الثاني من 2023", D, "2023-H2"),
    ("في التسعينيات", "التسعينيات", D, "199"),
    (
        "في تسعينيات القرن الماضي",
        "تسعينيات القرن الماضي",
        D,
        "199",
    ),
    ("الأربعينات", "الأربعينات", D, "194"),
    ("القرن العشرين", "القرن العشرين", D, "19"),
    ("القرن الحادي والعشرين", "القرن الحادي والعشرين", D, "20"),
    ("القرن الـ19", "القرن الـ19", D, "18"),
    ("العقد الماضي", "العقد الماضي", D, "201"),
    // times
    (
        "الساعة الثالثة عصرًا",
        "الساعة الثالثة عصرًا",
        T,
        "2025-05-17T15:00",
    ),
    ("10:30 صباحًا", "10:30 صباحًا", T, "2025-05-17T10:30"),
    (
        "الساعة 9:15 مساء",
        "الساعة 9:15 مساء",
        T,
        "2025-05-17T21:15",
    ),
    (
        "الساعة العاشرة والنصف ليلا",
        "الساعة العاشرة والنصف ليلا",
        T,
        "2025-05-17T22:30",
    ),
    (
        "الساعة العاشرة من صباح أمس",
        "الساعة العاشرة من صباح أمس",
        T,
        "2025-05-16T10:00",
    ),
    ("منتصف الليل", "منتصف الليل", T, "2025-05-17T24:00"),
    ("ظهر اليوم", "ظهر اليوم", T, "2025-05-17TMI"),
    ("صباح اليوم", "صباح اليوم", T, "2025-05-17TMO"),
    ("مساء أمس", "مساء أمس", T, "2025-05-16TEV"),
    ("صباح هذا اليوم", "صباح هذا اليوم", T, "2025-05-17TMO"),
    ("الليلة", "الليلة", T, "2025-05-17TNI"),
    (
        "خلال الليلة الماضية، حسبما",
        "الليلة الماضية",
        T,
        "2025-05-16TNI",
    ),
    ("ليلة الجمعة", "ليلة الجمعة", T, "2025-05-15TNI"),
    // durations and sets
    ("استمر يومين", "يومين", U, "P2D"),
    ("منذ عامين", "منذ عامين", D, "2023"),
    ("لمدة عامين", "عامين", U, "P2Y"),
    ("أسبوعين", "أسبوعين", U, "P2W"),
    ("ثلاثة أيام", "ثلاثة أيام", U, "P3D"),
    ("لثلاثة أيام", "ثلاثة أيام", U, "P3D"),
    ("خلال 45 يوماً من", "45 يوماً", U, "P45D"),
    ("عدة أسابيع", "عدة أسابيع", U, "PXW"),
    ("ساعة ونصف", "ساعة ونصف", U, "PT1H30M"),
    ("نصف ساعة", "نصف ساعة", U, "PT30M"),
    ("خمسة وعشرين عاما", "خمسة وعشرين عاما", U, "P25Y"),
    ("أحد عشر شهرا", "أحد عشر شهرا", U, "P11M"),
    ("30 ثانية", "30 ثانية", U, "PT30S"),
    ("يوميًا", "يوميًا", S, "P1D"),
    ("سنويا", "سنويا", S, "P1Y"),
    ("كل أسبوع", "كل أسبوع", S, "P1W"),
    ("كل عامين", "كل عامين", S, "P2Y"),
    ("كل يوم جمعة", "كل يوم جمعة", S, "XXXX-WXX-5"),
    ("كل ثلاثة أشهر", "كل ثلاثة أشهر", S, "P3M"),
    ("البيانات نصف السنوية", "نصف السنوية", S, "P6M"),
    // ranges
    (
        "من 10 إلى 15 مايو",
        "من 10 إلى 15 مايو",
        D,
        "2025-05-10/2025-05-15",
    ),
    (
        "من 13 وحتى 15 تشرين الثاني / نوفمبر 2016",
        "من 13 وحتى 15 تشرين الثاني / نوفمبر 2016",
        D,
        "2016-11-13/2016-11-15",
    ),
    ("بين عامي 2014 و2022", "بين عامي 2014 و2022", D, "2014/2022"),
    (
        "بين يناير ومارس 2020",
        "بين يناير ومارس 2020",
        D,
        "2020-01/2020-03",
    ),
    ("ثورة 1936 - 1939", "1936 - 1939", D, "1936/1939"),
    (
        "من عام 2014 إلى عام 2022",
        "من عام 2014 إلى عام 2022",
        D,
        "2014/2022",
    ),
    // English
    ("on May 16, 2025 the", "May 16, 2025", D, "2025-05-16"),
    ("on 16 May 2025", "16 May 2025", D, "2025-05-16"),
    (
        "Friday, May 16, 2025",
        "Friday, May 16, 2025",
        D,
        "2025-05-16",
    ),
    ("in February 2022 the", "February 2022", D, "2022-02"),
    ("since 2014, the", "2014", D, "2014"),
    ("He said yesterday that", "yesterday", D, "2025-05-16"),
    ("last Friday", "last Friday", D, "2025-05-16"),
    ("next Monday", "next Monday", D, "2025-05-19"),
    ("two days ago", "two days ago", D, "2025-05-15"),
    ("in two weeks", "in two weeks", D, "2025-W22"),
    ("last year", "last year", D, "2024"),
    ("this month", "this month", D, "2025-05"),
    ("in the past six months", "past six months", U, "P6M"),
    ("in the spring of 2022", "spring of 2022", D, "2022-SP"),
    ("early 2022", "early 2022", D, "2022"),
    (
        "the first quarter of 2025",
        "first quarter of 2025",
        D,
        "2025-Q1",
    ),
    ("in the 1990s", "1990s", D, "199"),
    ("the twentieth century", "twentieth century", D, "19"),
    ("at 3 pm", "3 pm", T, "2025-05-17T15:00"),
    ("at 10:30 a.m. on", "10:30 a.m", T, "2025-05-17T10:30"),
    ("at midnight", "midnight", T, "2025-05-17T24:00"),
    ("last night", "last night", T, "2025-05-16TNI"),
    ("this morning", "this morning", T, "2025-05-17TMO"),
    ("for two years", "two years", U, "P2Y"),
    ("twenty-one days", "twenty-one days", U, "P21D"),
    ("daily", "daily", S, "P1D"),
    ("every week", "every week", S, "P1W"),
    ("every Friday", "every Friday", S, "XXXX-WXX-5"),
    (
        "from May 10 to 15",
        "from May 10 to 15",
        D,
        "2025-05-10/2025-05-15",
    ),
    (
        "between 2014 and 2022",
        "between 2014 and 2022",
        D,
        "2014/2022",
    ),
    ("5/16/25", "5/16/25", D, "2025-05-16"),
];

#[test]
fn table() {
    let mut failures = Vec::new();
    for &(text, span, kind, value) in TABLE {
        let got = run(text);
        let want = vec![(span.to_owned(), kind, Some(value.to_owned()))];
        if got != want {
            failures.push(format!("{text:?}\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every temporal expression of the seed article (reference: Saturday
/// 2025-05-17), in order. The second story (from «البلاد (موسكو)») was
/// written on another day: «أمس (الثلاثاء)» names Tuesday, so it is
/// Tuesday 2025-05-13 and the relative dates after it are counted from
/// Wednesday 2025-05-14. «بعد يوم من أول محادثات» is an amount of time
/// after an event (DURATION), «قبل يومين»/«منذ يومين» name days (DATE).
#[test]
fn seed_article() {
    let text = include_str!("../../../../www/kremlin-talks.ar.txt");
    let want: &[(&str, EntityType, &str)] = &[
        ("اليوم", D, "2025-05-17"),
        ("يوم", U, "P1D"),
        ("عام 2022", D, "2022"),
        ("الجمعة الماضية", D, "2025-05-16"),
        ("الجمعة الماضية", D, "2025-05-16"),
        ("فبراير 2022", D, "2022-02"),
        ("ديسمبر 2019", D, "2019-12"),
        ("عام 2022", D, "2022"),
        ("عام 2014", D, "2014"),
        ("أمس الجمعة", D, "2025-05-16"),
        ("ربيع 2022", D, "2022-SP"),
        ("أمس (الثلاثاء)", D, "2025-05-13"),
        ("أمس", D, "2025-05-13"),
        ("حالياً", D, "PRESENT_REF"),
        ("الليلة الماضية", T, "2025-05-13TNI"),
        ("أمس", D, "2025-05-13"),
        ("الليلة الماضية", T, "2025-05-13TNI"),
        ("قبل يومين", D, "2025-05-12"),
        ("الآن", D, "PRESENT_REF"),
        ("منذ يومين", D, "2025-05-12"),
        ("فبراير 2022", D, "2022-02"),
        ("حالياً", D, "PRESENT_REF"),
        ("عام 2022", D, "2022"),
        ("عام 2022", D, "2022"),
        ("الوقت الراهن", D, "PRESENT_REF"),
    ];
    let got = run(text);
    let want: Vec<_> = want
        .iter()
        .map(|&(s, k, v)| (s.to_owned(), k, Some(v.to_owned())))
        .collect();
    assert_eq!(got, want);
    // The re-anchoring is explained to the reader.
    let norm = Normalized::new(text, NormOptions::default());
    let toks = tokenize(&norm, &NoVocabulary);
    let found = find(&norm, &toks, sat());
    let tuesday = found
        .iter()
        .find(|t| t.value.as_deref() == Some("2025-05-13"))
        .unwrap();
    assert!(
        tuesday.note.as_deref().unwrap().contains("2025-05-14"),
        "{:?}",
        tuesday.note
    );
    assert!(found.iter().filter(|t| t.note.is_some()).count() == 1);
}

#[test]
fn no_reference_date() {
    let got = run_ref("اليوم وأمس وفي فبراير 2022 ويوم الجمعة", None);
    let values: Vec<_> = got.iter().map(|g| g.2.as_deref()).collect();
    assert_eq!(
        values,
        [
            Some("PRESENT_REF"),
            None,
            Some("2022-02"),
            Some("XXXX-WXX-5")
        ]
    );
}

#[test]
fn renormalize_is_the_same_as_finding_again() {
    let text = include_str!("../../../../www/kremlin-talks.ar.txt");
    let norm = Normalized::new(text, NormOptions::default());
    let toks = tokenize(&norm, &NoVocabulary);
    let mut a = find(&norm, &toks, sat());
    for r in ["2025-07-02", "2020-02-29", "1999-12-31"] {
        let r: CivilDate = r.parse().unwrap();
        renormalize(&mut a, Some(r));
        assert_eq!(a, find(&norm, &toks, Some(r)));
    }
    renormalize(&mut a, None);
    assert_eq!(a, find(&norm, &toks, None));
}

#[test]
fn impossible_dates_are_flagged() {
    for (text, value) in [
        ("31 فبراير 2025", Some("2025-02")),
        ("29 فبراير 2023", Some("2023-02")),
        ("30/2/2024", None),
        ("30 رمضان 1446 هـ", Some("2025-03-01/2025-03-29")),
    ] {
        let norm = Normalized::new(text, NormOptions::default());
        let toks = tokenize(&norm, &NoVocabulary);
        let found = find(&norm, &toks, sat());
        if let Some(v) = value {
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].value.as_deref(), Some(v), "{text}");
            assert!(found[0].note.is_some(), "{text}");
        } else {
            assert!(
                found.iter().all(|t| t.note.is_some() || t.value.is_none()),
                "{text}: {found:?}"
            );
        }
    }
    assert_eq!(
        run("29 فبراير 2024"),
        [(
            "29 فبراير 2024".to_owned(),
            D,
            Some("2024-02-29".to_owned())
        )]
    );
}

/// Counts, percentages, big numbers and nonsense are not dates.
#[test]
fn bad_input_gives_no_false_dates() {
    for text in [
        "عام 99999",
        "الساعة 25",
        "الساعة 10:75",
        "الابواب",
        "ارتفع بنسبة 20% وأسقطت 40 طائرة",
        "قتل نحو 2000 شخص",
        "أكثر من 1500 جندي",
        "رقم 2014",
        "بلغ 2,500 دولار و1.5 مليون",
        "الهاتف 2014-2022-3333",
        "صفر في المئة",
        "مارس الرياضة",
        "سوق الجمعة",
        "الأحد عشر لاعبا",
        "May I help you? He may come.",
        "٢٠ / ٢٠ / ٢٠٢٠",
        "13/13/2013",
        "",
        "((((((((((",
    ] {
        assert!(run(text).is_empty(), "{text:?} -> {:?}", run(text));
    }
}

#[test]
fn ten_thousand_numbers_in_a_row() {
    let text: String = (1..=10_000).map(|n| format!("{n} ")).collect();
    assert!(run(&text).is_empty());
    let text: String = (1..=10_000).map(|n| format!("{n}، ")).collect();
    assert!(run(&text).is_empty());
    let text: String = (1..=10_000).map(|n| format!("{}/", n % 40)).collect();
    assert!(run(&text).iter().all(|t| t.1 == D));
}

/// Long and pathological inputs finish (each rule looks at a bounded
/// window, so the work is linear) and keep spans ordered and disjoint.
#[test]
fn long_inputs() {
    let seed = include_str!("../../../../www/kremlin-talks.ar.txt");
    let long = seed.repeat(60);
    let got = run(&long);
    assert_eq!(got.len(), 60 * 25);
    for text in [
        "من ".repeat(20_000),
        "بين ".repeat(20_000),
        "( ".repeat(20_000),
        "1/".repeat(20_000),
        "الساعة ".repeat(20_000),
        "ثلاثة و".repeat(20_000),
        "كل ".repeat(20_000),
        "أمس ".repeat(20_000),
    ] {
        let norm = Normalized::new(&text, NormOptions::default());
        let toks = tokenize(&norm, &NoVocabulary);
        let found = find(&norm, &toks, sat());
        for w in found.windows(2) {
            assert!(w[0].norm.end <= w[1].norm.start);
        }
    }
}

proptest::proptest! {
    #[test]
    fn spans_are_ordered_disjoint_and_on_boundaries(
        text in "[ 0-9/:\\-()،.%اأإآبتثجحخدذرسشصضطظعغفقكلمنهويىةءئؤ٠-٩ًٌٍَُِّ]{0,80}",
        y in 2000i32..2030, m in 1u8..13, d in 1u8..29,
    ) {
        let norm = Normalized::new(&text, NormOptions::default());
        let toks = tokenize(&norm, &NoVocabulary);
        let found = find(&norm, &toks, CivilDate::new(y, m, d).ok());
        let mut last = 0;
        for t in &found {
            proptest::prop_assert!(t.norm.start < t.norm.end);
            proptest::prop_assert!(t.norm.start >= last);
            proptest::prop_assert!(norm.as_str().is_char_boundary(t.norm.start));
            proptest::prop_assert!(norm.as_str().is_char_boundary(t.norm.end));
            last = t.norm.end;
        }
    }
}
