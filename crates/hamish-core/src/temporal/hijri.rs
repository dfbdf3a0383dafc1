//! Hijri (Umm al-Qura) ↔ Gregorian conversion with ICU4X `icu_calendar`.
//!
//! ICU4X uses the KACST Umm al-Qura tables for 1300–1600 AH (1882–2174)
//! and the tabular Islamic calendar outside that range.

use icu_calendar::cal::{Hijri, Iso};
use icu_calendar::Date;

use crate::date::CivilDate;

/// The Gregorian day of Hijri `year-month-day`, or `None` when that day
/// does not exist (day 30 of a 29-day month, month 13) or is outside
/// Gregorian years 1–9999.
pub fn to_gregorian(year: i32, month: u8, day: u8) -> Option<CivilDate> {
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let d = Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura()).ok()?;
    // ICU clamps nothing here, but check the round trip all the same.
    if d.day_of_month().0 != day || d.month().ordinal != month {
        return None;
    }
    let iso = d.to_calendar(Iso);
    CivilDate::new(
        iso.year().extended_year(),
        iso.month().ordinal,
        iso.day_of_month().0,
    )
    .ok()
}

/// The Hijri (Umm al-Qura) year, month and day of a Gregorian date.
pub fn from_gregorian(date: CivilDate) -> Option<(i32, u8, u8)> {
    let iso = Date::try_new_iso(date.year(), date.month(), date.day()).ok()?;
    let h = iso.to_calendar(Hijri::new_umm_al_qura());
    Some((
        h.year().extended_year(),
        h.month().ordinal,
        h.day_of_month().0,
    ))
}

/// Number of days in Hijri `year-month` (29 or 30).
pub fn month_len(year: i32, month: u8) -> Option<u8> {
    let d = Date::try_new_hijri_with_calendar(year, month, 1, Hijri::new_umm_al_qura()).ok()?;
    Some(d.days_in_month())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        // 1 Ramadan 1446 = 2025-03-01 (Umm al-Qura); 18 Dhu al-Qa'da 1446 =
        // 2025-05-16; 1 Muharram 1400 = 1979-11-21.
        let cases = [
            ((1446, 9, 1), "2025-03-01"),
            ((1446, 11, 18), "2025-05-16"),
            ((1400, 1, 1), "1979-11-21"),
            ((1428, 8, 20), "2007-09-02"),
        ];
        for ((y, m, d), g) in cases {
            let got = to_gregorian(y, m, d).unwrap();
            assert_eq!(got.to_string(), g, "{y}-{m}-{d}");
            assert_eq!(from_gregorian(got), Some((y, m, d)));
        }
    }

    #[test]
    fn impossible_days_are_none() {
        assert_eq!(to_gregorian(1446, 13, 1), None);
        assert_eq!(to_gregorian(1446, 1, 31), None);
        assert_eq!(to_gregorian(0, 1, 1), None);
        assert_eq!(to_gregorian(99999, 1, 1), None);
        // Ramadan 1446 has 29 days.
        assert_eq!(month_len(1446, 9), Some(29));
        assert_eq!(to_gregorian(1446, 9, 30), None);
    }

    proptest::proptest! {
        #[test]
        fn round_trip(days in -25_000i64..80_000) {
            let g = CivilDate::from_days(days).unwrap();
            let (y, m, d) = from_gregorian(g).unwrap();
            proptest::prop_assert_eq!(to_gregorian(y, m, d), Some(g));
        }
    }
}
