//! The changelog's date, `YYYY/MM/DD` as AWS writes it.
//!
//! A calendar date is all a changelog needs, so this is a few lines of
//! civil-calendar arithmetic rather than a date-time dependency.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

/// A valid Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// A `--date` that is not `YYYY/MM/DD` or not a real date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// The date, or an error saying what is wrong with it.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=12).contains(&month) {
            return Err(DateError(format!("month {month} is not 1 to 12")));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(DateError(format!(
                "{year:04}/{month:02} has no day {day} (it has {last} days)"
            )));
        }
        Ok(Date { year, month, day })
    }

    /// Today in UTC, by the system clock (1970/01/01 if the clock is
    /// before the epoch).
    pub fn today_utc() -> Date {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch(secs / 86_400)
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`,
    /// for non-negative day counts).
    pub fn from_days_since_epoch(days: u64) -> Date {
        let z = days + 719_468;
        let era = z / 146_097;
        let doe = z % 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + u64::from(month <= 2);
        Date {
            // Years past 65535 are not a concern for a changelog.
            year: u16::try_from(year).unwrap_or(u16::MAX),
            month: month as u8,
            day: day as u8,
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses `YYYY/MM/DD` (four, two and two digits).
    fn from_str(s: &str) -> Result<Date, DateError> {
        let bad = || DateError(format!("`{s}` is not a date of the form YYYY/MM/DD"));
        let parts: Vec<&str> = s.split('/').collect();
        let [year, month, day] = parts.as_slice() else {
            return Err(bad());
        };
        let digits =
            |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
            return Err(bad());
        }
        let (Ok(year), Ok(month), Ok(day)) = (year.parse(), month.parse(), day.parse()) else {
            return Err(bad());
        };
        Date::new(year, month, day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}/{:02}/{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let date: Date = "2025/03/14".parse().unwrap();
        assert_eq!(date.to_string(), "2025/03/14");
        assert!("2024/02/29".parse::<Date>().is_ok());
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in [
            "2025-03-14",
            "2025/3/14",
            "25/03/14",
            "2025/13/01",
            "2025/00/10",
            "2023/02/29",
            "1900/02/29",
            "2025/04/31",
            "2025/03/14/1",
            "",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad} parsed");
        }
        assert_eq!(
            "2023/02/29".parse::<Date>().unwrap_err().to_string(),
            "2023/02 has no day 29 (it has 28 days)"
        );
    }

    #[test]
    fn days_since_epoch() {
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970/01/01");
        assert_eq!(
            Date::from_days_since_epoch(11_016).to_string(),
            "2000/02/29"
        );
        assert_eq!(
            Date::from_days_since_epoch(20_162).to_string(),
            "2025/03/15"
        );
    }
}
