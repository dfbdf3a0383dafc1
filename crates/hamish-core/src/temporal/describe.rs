//! TIMEX3 values in words, for the reader: «الجمعة 16 مايو 2025 / 18 ذو
//! القعدة 1446 هـ», "Friday 16 May 2025 / 18 Dhuʻl-Qiʻdah 1446 AH".
//!
//! Day-precision values show both calendars (Gregorian, then Hijri
//! Umm al-Qura).

use crate::analysis::{EntityType, Lang};
use crate::date::CivilDate;

use super::hijri;

const MONTHS_AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const HIJRI_AR: [&str; 12] = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
];
const HIJRI_EN: [&str; 12] = [
    "Muharram",
    "Safar",
    "Rabiʻ I",
    "Rabiʻ II",
    "Jumada I",
    "Jumada II",
    "Rajab",
    "Shaʻban",
    "Ramadan",
    "Shawwal",
    "Dhuʻl-Qiʻdah",
    "Dhuʻl-Hijjah",
];
const WEEKDAYS_AR: [&str; 7] = [
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const ORD_AR: [&str; 21] = [
    "الأول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
    "الحادي عشر",
    "الثاني عشر",
    "الثالث عشر",
    "الرابع عشر",
    "الخامس عشر",
    "السادس عشر",
    "السابع عشر",
    "الثامن عشر",
    "التاسع عشر",
    "العشرون",
    "الحادي والعشرون",
];

fn en(lang: Lang) -> bool {
    lang == Lang::En
}

fn num(s: &str) -> Option<i32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn month_name(m: u8, lang: Lang) -> &'static str {
    let i = usize::from(m.clamp(1, 12) - 1);
    if en(lang) {
        MONTHS_EN[i]
    } else {
        MONTHS_AR[i]
    }
}

/// A day in both calendars.
fn day(d: CivilDate, lang: Lang) -> String {
    let wd = usize::from(d.weekday().number_from_monday() - 1);
    let greg = if en(lang) {
        format!(
            "{} {} {} {}",
            WEEKDAYS_EN[wd],
            d.day(),
            month_name(d.month(), lang),
            d.year()
        )
    } else {
        format!(
            "{} {} {} {}",
            WEEKDAYS_AR[wd],
            d.day(),
            month_name(d.month(), lang),
            d.year()
        )
    };
    match hijri::from_gregorian(d) {
        Some((hy, hm, hd)) if hy > 0 => {
            let i = usize::from(hm - 1);
            if en(lang) {
                format!("{greg} / {hd} {} {hy} AH", HIJRI_EN[i])
            } else {
                format!("{greg} / {hd} {} {hy} هـ", HIJRI_AR[i])
            }
        }
        _ => greg,
    }
}

fn part_name(code: &str, lang: Lang) -> Option<&'static str> {
    Some(match (code, en(lang)) {
        ("MO", false) => "صباحًا",
        ("MI", false) => "ظهرًا",
        ("AF", false) => "بعد الظهر",
        ("EV", false) => "مساءً",
        ("NI", false) => "ليلًا",
        ("MO", true) => "morning",
        ("MI", true) => "midday",
        ("AF", true) => "afternoon",
        ("EV", true) => "evening",
        ("NI", true) => "night",
        _ => return None,
    })
}

fn unit_words(letter: &str, time: bool, n: Option<u32>, lang: Lang) -> Option<String> {
    // (singular, dual, plural 3–10) in Arabic; (singular, plural) in English.
    let (ar1, ar2, ar3, en1) = match (letter, time) {
        ("D", false) => ("يوم", "يومان", "أيام", "day"),
        ("W", false) => ("أسبوع", "أسبوعان", "أسابيع", "week"),
        ("M", false) => ("شهر", "شهران", "أشهر", "month"),
        ("Q", false) => ("ربع سنة", "ربعا سنة", "أرباع سنة", "quarter"),
        ("Y", false) => ("عام", "عامان", "أعوام", "year"),
        ("DE", false) => ("عقد", "عقدان", "عقود", "decade"),
        ("CE", false) => ("قرن", "قرنان", "قرون", "century"),
        ("H", true) => ("ساعة", "ساعتان", "ساعات", "hour"),
        ("M", true) => ("دقيقة", "دقيقتان", "دقائق", "minute"),
        ("S", true) => ("ثانية", "ثانيتان", "ثوانٍ", "second"),
        _ => return None,
    };
    Some(match (n, en(lang)) {
        (None, false) => format!("عدة {ar3}"),
        (None, true) => format!("several {}", plural_en(en1)),
        (Some(1), false) => ar1.to_owned(),
        (Some(2), false) => ar2.to_owned(),
        (Some(n @ 3..=10), false) => format!("{n} {ar3}"),
        (Some(n), false) => format!("{n} {ar1}"),
        (Some(1), true) => format!("1 {en1}"),
        (Some(n), true) => format!("{n} {}", plural_en(en1)),
    })
}

fn plural_en(w: &str) -> String {
    if w == "century" {
        "centuries".into()
    } else {
        format!("{w}s")
    }
}

/// A duration value (`P2D`, `PT1H30M`, `PXY`) in words.
fn duration(v: &str, lang: Lang) -> Option<String> {
    let body = v.strip_prefix('P')?;
    let mut parts = Vec::new();
    let mut time = false;
    let mut numbuf = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            'T' => time = true,
            '0'..='9' | 'X' => numbuf.push(c),
            'D' if chars.peek() == Some(&'E') => {
                chars.next();
                parts.push(unit_words(
                    "DE",
                    false,
                    num(&numbuf).map(|n| n as u32),
                    lang,
                )?);
                numbuf.clear();
            }
            'C' if chars.peek() == Some(&'E') => {
                chars.next();
                parts.push(unit_words(
                    "CE",
                    false,
                    num(&numbuf).map(|n| n as u32),
                    lang,
                )?);
                numbuf.clear();
            }
            'Y' | 'M' | 'W' | 'D' | 'H' | 'S' | 'Q' => {
                if numbuf.is_empty() {
                    return None;
                }
                let n = if numbuf == "X" {
                    None
                } else {
                    Some(num(&numbuf)? as u32)
                };
                parts.push(unit_words(&c.to_string(), time, n, lang)?);
                numbuf.clear();
            }
            _ => return None,
        }
    }
    if parts.is_empty() || !numbuf.is_empty() {
        return None;
    }
    Some(parts.join(if en(lang) { " " } else { " و" }))
}

/// Describes a TIMEX3 `value` of a DATE, TIME or DURATION in words, in
/// Arabic or English (`Lang::Auto` reads as Arabic). `None` for a value
/// Hamish does not produce.
///
/// ```
/// use hamish_core::temporal::describe_value;
/// use hamish_core::Lang;
///
/// assert_eq!(
///     describe_value("2025-05-16", Lang::Ar).as_deref(),
///     Some("الجمعة 16 مايو 2025 / 18 ذو القعدة 1446 هـ")
/// );
/// assert_eq!(
///     describe_value("2025-05-16", Lang::En).as_deref(),
///     Some("Friday 16 May 2025 / 18 Dhuʻl-Qiʻdah 1446 AH")
/// );
/// assert_eq!(describe_value("P2D", Lang::Ar).as_deref(), Some("يومان"));
/// ```
pub fn describe_value(value: &str, lang: Lang) -> Option<String> {
    let e = en(lang);
    if let Some((a, b)) = value.split_once('/') {
        let (a, b) = (describe_value(a, lang)?, describe_value(b, lang)?);
        return Some(if e {
            format!("from {a} to {b}")
        } else {
            format!("من {a} إلى {b}")
        });
    }
    match value {
        "PRESENT_REF" => return Some(if e { "now" } else { "الآن" }.into()),
        "PAST_REF" => return Some(if e { "the past" } else { "في الماضي" }.into()),
        "FUTURE_REF" => {
            return Some(
                if e {
                    "the future"
                } else {
                    "في المستقبل"
                }
                .into(),
            )
        }
        _ => {}
    }
    if value.starts_with('P') {
        return duration(value, lang);
    }
    let (date_part, time_part) = match value.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    let base = describe_date(date_part, lang)?;
    match time_part {
        None => Some(base),
        Some(t) => {
            let when = if let Some(p) = part_name(t, lang) {
                p.to_owned()
            } else {
                let (h, m) = t.split_once(':')?;
                let (h, m) = (num(h)?, num(m)?);
                if h > 24 || m > 59 {
                    return None;
                }
                if e {
                    format!("{h:02}:{m:02}")
                } else {
                    format!("الساعة {h:02}:{m:02}")
                }
            };
            if date_part == "XXXX-XX-XX" {
                Some(when)
            } else {
                Some(format!("{base}{} {when}", if e { "," } else { "،" }))
            }
        }
    }
}

fn describe_date(v: &str, lang: Lang) -> Option<String> {
    let e = en(lang);
    let parts: Vec<&str> = v.split('-').collect();
    match parts.as_slice() {
        // decade (199) and century (19)
        [d] if d.len() == 3 => {
            let start = num(d)? * 10;
            Some(if e {
                format!("the {start}s")
            } else {
                format!("عقد {start} ({start}–{})", start + 9)
            })
        }
        [c] if c.len() == 2 => {
            let n = num(c)? + 1;
            Some(if e {
                let suffix = match (n % 10, n % 100) {
                    (1, x) if x != 11 => "st",
                    (2, x) if x != 12 => "nd",
                    (3, x) if x != 13 => "rd",
                    _ => "th",
                };
                format!("the {n}{suffix} century")
            } else if (1..=21).contains(&n) {
                format!("القرن {}", ORD_AR[(n - 1) as usize])
            } else {
                format!("القرن {n}")
            })
        }
        [y] if y.len() == 4 => {
            if *y == "XXXX" {
                return None;
            }
            let y = num(y)?;
            Some(if e {
                y.to_string()
            } else {
                format!("عام {y}")
            })
        }
        ["XXXX", rest @ ..] => match rest {
            [w, d] if *w == "WXX" => {
                let d = num(d)?;
                let i = usize::try_from(d - 1).ok().filter(|i| *i < 7)?;
                Some(if e { WEEKDAYS_EN[i] } else { WEEKDAYS_AR[i] }.to_owned())
            }
            [m, d] => {
                if *m == "XX" {
                    return Some(if e { "a day" } else { "يوم" }.into());
                }
                let (m, d) = (num(m)?, num(d)?);
                Some(format!("{d} {}", month_name(m as u8, lang)))
            }
            [m] if m.len() == 2 && num(m).is_some() => {
                Some(month_name(num(m)? as u8, lang).to_owned())
            }
            [s] => Some(season(s, lang)?.to_owned()),
            _ => None,
        },
        [y, m, d] => {
            let date = CivilDate::new(
                num(y)?,
                u8::try_from(num(m)?).ok()?,
                u8::try_from(num(d)?).ok()?,
            )
            .ok()?;
            Some(day(date, lang))
        }
        [y, rest] => {
            let year = num(y)?;
            if let Some(m) = num(rest).filter(|_| rest.len() == 2) {
                if !(1..=12).contains(&m) {
                    return None;
                }
                return Some(format!("{} {year}", month_name(m as u8, lang)));
            }
            if let Some(w) = rest.strip_prefix('W').and_then(num) {
                let jan4 = CivilDate::new(year, 1, 4).ok()?;
                let monday = jan4.add_days(
                    -i64::from(jan4.weekday().number_from_monday() - 1) + 7 * (i64::from(w) - 1),
                )?;
                let sunday = monday.add_days(6)?;
                let span = format!(
                    "{} {} – {} {}",
                    monday.day(),
                    month_name(monday.month(), lang),
                    sunday.day(),
                    month_name(sunday.month(), lang)
                );
                return Some(if e {
                    format!("week {w} of {year} ({span})")
                } else {
                    format!("الأسبوع {w} من {year} ({span})")
                });
            }
            if let Some(q) = rest
                .strip_prefix('Q')
                .and_then(num)
                .filter(|q| (1..=4).contains(q))
            {
                return Some(if e {
                    format!("Q{q} {year}")
                } else {
                    format!("الربع {} من {year}", ORD_AR[(q - 1) as usize])
                });
            }
            if let Some(h) = rest
                .strip_prefix('H')
                .and_then(num)
                .filter(|h| (1..=2).contains(h))
            {
                return Some(if e {
                    format!("{} half of {year}", if h == 1 { "first" } else { "second" })
                } else {
                    format!("النصف {} من {year}", if h == 1 { "الأول" } else { "الثاني" })
                });
            }
            Some(format!("{} {year}", season(rest, lang)?))
        }
        _ => None,
    }
}

fn season(code: &str, lang: Lang) -> Option<&'static str> {
    Some(match (code, en(lang)) {
        ("SP", false) => "ربيع",
        ("SU", false) => "صيف",
        ("FA", false) => "خريف",
        ("WI", false) => "شتاء",
        ("SP", true) => "spring",
        ("SU", true) => "summer",
        ("FA", true) => "autumn",
        ("WI", true) => "winter",
        _ => return None,
    })
}

/// Describes a temporal annotation's value in words: like
/// [`describe_value`], and a SET value as a recurrence («كل أسبوع»,
/// "every week").
pub fn describe(kind: EntityType, value: &str, lang: Lang) -> Option<String> {
    if kind != EntityType::Set {
        return describe_value(value, lang);
    }
    let e = en(lang);
    if let Some(d) = value.strip_prefix("XXXX-WXX-") {
        let i = usize::try_from(num(d)? - 1).ok().filter(|i| *i < 7)?;
        return Some(if e {
            format!("every {}", WEEKDAYS_EN[i])
        } else {
            format!("كل {}", WEEKDAYS_AR[i].trim_start_matches("ال"))
        });
    }
    let d = duration(value, lang)?;
    Some(if e {
        format!("every {}", d.trim_start_matches("1 "))
    } else {
        format!("كل {d}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_in_words() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "2025-05-16",
                "الجمعة 16 مايو 2025 / 18 ذو القعدة 1446 هـ",
                "Friday 16 May 2025 / 18 Dhuʻl-Qiʻdah 1446 AH",
            ),
            ("2022-02", "فبراير 2022", "February 2022"),
            ("2014", "عام 2014", "2014"),
            ("2022-SP", "ربيع 2022", "spring 2022"),
            ("2025-Q1", "الربع الأول من 2025", "Q1 2025"),
            (
                "2025-W19",
                "الأسبوع 19 من 2025 (5 مايو – 11 مايو)",
                "week 19 of 2025 (5 May – 11 May)",
            ),
            ("199", "عقد 1990 (1990–1999)", "the 1990s"),
            ("19", "القرن العشرون", "the 20th century"),
            ("P2D", "يومان", "2 days"),
            ("P6M", "6 أشهر", "6 months"),
            ("PXY", "عدة أعوام", "several years"),
            ("PT1H30M", "ساعة و30 دقيقة", "1 hour 30 minutes"),
            ("PRESENT_REF", "الآن", "now"),
            (
                "2025-05-16TNI",
                "الجمعة 16 مايو 2025 / 18 ذو القعدة 1446 هـ، ليلًا",
                "Friday 16 May 2025 / 18 Dhuʻl-Qiʻdah 1446 AH, night",
            ),
            (
                "2025-05-17T15:00",
                "السبت 17 مايو 2025 / 19 ذو القعدة 1446 هـ، الساعة 15:00",
                "Saturday 17 May 2025 / 19 Dhuʻl-Qiʻdah 1446 AH, 15:00",
            ),
            ("2014/2022", "من عام 2014 إلى عام 2022", "from 2014 to 2022"),
            ("XXXX-WXX-5", "الجمعة", "Friday"),
        ];
        for &(v, ar, en) in cases {
            assert_eq!(describe_value(v, Lang::Ar).as_deref(), Some(ar), "{v}");
            assert_eq!(describe_value(v, Lang::En).as_deref(), Some(en), "{v}");
        }
        assert_eq!(
            describe(EntityType::Set, "P1W", Lang::Ar).as_deref(),
            Some("كل أسبوع")
        );
        assert_eq!(
            describe(EntityType::Set, "P1W", Lang::En).as_deref(),
            Some("every week")
        );
        assert_eq!(
            describe(EntityType::Set, "XXXX-WXX-5", Lang::Ar).as_deref(),
            Some("كل جمعة")
        );
        for bad in [
            "",
            "P",
            "PD",
            "2025-13",
            "2025-02-30",
            "abc",
            "T25:00",
            "2025-05-17T25:00",
            "XXXX-WXX-9",
        ] {
            assert_eq!(describe_value(bad, Lang::Ar), None, "{bad:?}");
        }
    }
}
