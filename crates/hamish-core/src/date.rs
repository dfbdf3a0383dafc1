//! Proleptic Gregorian calendar dates: parsing, arithmetic and weekdays.
//!
//! Hamish needs only whole days (the reference date of an article and the
//! values of relative dates), so this is a small, dependency-free type.
//! Conversions to and from the Hijri calendar live in [`crate::temporal`].

use std::fmt;
use std::str::FromStr;

/// A day in the proleptic Gregorian calendar, years 1–9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    year: i32,
    month: u8,
    day: u8,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// All weekdays, Monday first (ISO 8601 order).
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// ISO 8601 number: Monday = 1 … Sunday = 7.
    pub fn number_from_monday(self) -> u8 {
        self as u8 + 1
    }
}

/// Why a date could not be parsed or built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    message: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

/// Number of days in `month` of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl CivilDate {
    /// Builds a date, checking that it exists.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        if !(1..=9999).contains(&year) {
            return Err(DateError {
                message: format!("year {year} is outside 1–9999"),
            });
        }
        if !(1..=12).contains(&month) {
            return Err(DateError {
                message: format!("month {month} is outside 1–12"),
            });
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError {
                message: format!("{year:04}-{month:02} has no day {day}"),
            });
        }
        Ok(CivilDate { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01, if within years 1–9999.
    pub fn from_days(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        let year = i32::try_from(year).ok()?;
        CivilDate::new(year, month, day).ok()
    }

    /// The date `n` days later (earlier if negative), if within range.
    pub fn add_days(self, n: i64) -> Option<Self> {
        CivilDate::from_days(self.to_days() + n)
    }

    /// The date `n` months later, with the day clamped to the month's length.
    pub fn add_months(self, n: i64) -> Option<Self> {
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 + n;
        let year = i32::try_from(total.div_euclid(12)).ok()?;
        let month = (total.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        CivilDate::new(year, month, day).ok()
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.to_days() + 3).rem_euclid(7) as usize]
    }

    /// ISO 8601 week-numbering year and week number.
    pub fn iso_week(self) -> (i32, u8) {
        let wd = i64::from(self.weekday().number_from_monday());
        let thursday = self.to_days() - wd + 4;
        let t = CivilDate::from_days(thursday).unwrap_or(self);
        let jan1 = CivilDate {
            year: t.year,
            month: 1,
            day: 1,
        };
        let week = (thursday - jan1.to_days()) / 7 + 1;
        (t.year, week as u8)
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for CivilDate {
    type Err = DateError;

    /// Parses `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || DateError {
            message: format!("{s:?} is not a date in the form YYYY-MM-DD"),
        };
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, DateError> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        CivilDate::new(y as i32, m as u8, d as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display() {
        let d: CivilDate = "2025-05-17".parse().unwrap();
        assert_eq!(d.to_string(), "2025-05-17");
        assert_eq!(d.weekday(), Weekday::Saturday);
        for bad in [
            "2025-02-30",
            "2025-13-01",
            "2025-5-17",
            "abcd-ef-gh",
            "",
            "0000-01-01",
            "2025-05-17x",
        ] {
            assert!(bad.parse::<CivilDate>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<CivilDate>().is_ok());
    }

    #[test]
    fn arithmetic() {
        let d = CivilDate::new(2025, 5, 17).unwrap();
        assert_eq!(d.add_days(-1).unwrap().to_string(), "2025-05-16");
        assert_eq!(d.add_days(-1).unwrap().weekday(), Weekday::Friday);
        assert_eq!(d.add_months(-3).unwrap().to_string(), "2025-02-17");
        let jan31 = CivilDate::new(2024, 1, 31).unwrap();
        assert_eq!(jan31.add_months(1).unwrap().to_string(), "2024-02-29");
        assert_eq!(CivilDate::from_days(0).unwrap().to_string(), "1970-01-01");
        assert_eq!(CivilDate::new(9999, 12, 31).unwrap().add_days(1), None);
        assert_eq!(d.iso_week(), (2025, 20));
        assert_eq!(CivilDate::new(2021, 1, 3).unwrap().iso_week(), (2020, 53));
    }

    proptest::proptest! {
        #[test]
        fn days_round_trip(n in -719_162i64..2_932_896) {
            let d = CivilDate::from_days(n).unwrap();
            proptest::prop_assert_eq!(d.to_days(), n);
        }
    }
}
