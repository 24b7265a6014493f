//! Writing a [`DateTime`] in the three Smithy timestamp formats.

use std::fmt::{self, Write};

use super::civil::{civil_from_days, weekday_from_days, MONTH_NAMES, WEEKDAY_NAMES};
use super::{DateTime, DateTimeFormatError, Format, NANOS_PER_SEC};

const SECONDS_PER_DAY: i64 = 86_400;

/// The calendar fields of an instant, in UTC, whose year has four digits.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: i64,
    minute: i64,
    second: i64,
    weekday: u32,
}

impl Civil {
    /// Splits `date_time` into calendar fields, or `None` when its year is
    /// outside 1..=9999 and so has no four-digit representation.
    fn new(date_time: DateTime) -> Option<Self> {
        let days = date_time.seconds.div_euclid(SECONDS_PER_DAY);
        let second_of_day = date_time.seconds.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        if !(1..=9999).contains(&year) {
            return None;
        }
        Some(Self {
            year,
            month,
            day,
            hour: second_of_day / 3600,
            minute: second_of_day / 60 % 60,
            second: second_of_day % 60,
            weekday: weekday_from_days(days),
        })
    }

    /// `2019-12-16T23:48:18.52Z`: RFC 3339 in UTC, with a fraction only when
    /// there is one, and without trailing zeros.
    fn write_date_time(&self, nanos: u32, out: &mut impl Write) -> fmt::Result {
        write!(
            out,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )?;
        write_fraction(nanos, out)?;
        out.write_char('Z')
    }

    /// `Mon, 16 Dec 2019 23:48:18 GMT`: IMF-fixdate, which has no fraction,
    /// so sub-second precision is truncated.
    fn write_http_date(&self, out: &mut impl Write) -> fmt::Result {
        // Indexes are in range by construction: weekday 0..=6, month 1..=12.
        let weekday = WEEKDAY_NAMES[self.weekday as usize % 7];
        let month = MONTH_NAMES[(self.month as usize + 11) % 12];
        write!(
            out,
            "{weekday}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT",
            self.day, self.year, self.hour, self.minute, self.second
        )
    }
}

/// Writes `.` and the significant digits of `nanos`, or nothing for 0.
fn write_fraction(nanos: u32, out: &mut impl Write) -> fmt::Result {
    if nanos == 0 {
        return Ok(());
    }
    let (mut digits, mut width) = (nanos, 9);
    while digits % 10 == 0 {
        digits /= 10;
        width -= 1;
    }
    write!(out, ".{digits:0width$}")
}

/// `1576540098` or `-0.5`: decimal seconds, exact to the nanosecond.
fn write_epoch_seconds(date_time: DateTime, out: &mut impl Write) -> fmt::Result {
    let DateTime {
        seconds,
        subsec_nanos,
    } = date_time;
    if seconds < 0 && subsec_nanos > 0 {
        // Floor-based storage: -1 s + 0.5 s is written "-0.5".
        let whole = seconds.unsigned_abs() - 1;
        write!(out, "-{whole}")?;
        write_fraction(NANOS_PER_SEC - subsec_nanos, out)
    } else {
        write!(out, "{seconds}")?;
        write_fraction(subsec_nanos, out)
    }
}

/// Implements [`DateTime::fmt`].
pub(super) fn to_string(
    date_time: DateTime,
    format: Format,
) -> Result<String, DateTimeFormatError> {
    let mut out = String::with_capacity(32);
    // Writing to a `String` cannot fail, so the `fmt::Result`s are ignored.
    let _ = match format {
        Format::EpochSeconds => write_epoch_seconds(date_time, &mut out),
        Format::DateTime | Format::HttpDate => {
            let civil =
                Civil::new(date_time).ok_or_else(|| DateTimeFormatError::new(date_time, format))?;
            if format == Format::DateTime {
                civil.write_date_time(date_time.subsec_nanos, &mut out)
            } else {
                civil.write_http_date(&mut out)
            }
        }
    };
    Ok(out)
}

/// Implements `Display` for [`DateTime`]: `date-time`, or `epoch-seconds`
/// when the year does not have four digits, so displaying never fails.
pub(super) fn display(date_time: DateTime, out: &mut fmt::Formatter<'_>) -> fmt::Result {
    match Civil::new(date_time) {
        Some(civil) => civil.write_date_time(date_time.subsec_nanos, out),
        None => write_epoch_seconds(date_time, out),
    }
}

/// `epoch-seconds` text of `date_time`, for messages.
pub(super) fn epoch_seconds_string(date_time: DateTime) -> String {
    let mut out = String::new();
    // Writing to a `String` cannot fail.
    let _ = write_epoch_seconds(date_time, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(seconds: i64, nanos: u32, format: Format) -> String {
        match to_string(DateTime::from_secs_and_nanos(seconds, nanos), format) {
            Ok(text) => text,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn date_time() {
        assert_eq!(
            fmt(1_576_540_098, 0, Format::DateTime),
            "2019-12-16T23:48:18Z"
        );
        assert_eq!(
            fmt(1_576_540_098, 520_000_000, Format::DateTime),
            "2019-12-16T23:48:18.52Z"
        );
        assert_eq!(
            fmt(1_576_540_098, 1, Format::DateTime),
            "2019-12-16T23:48:18.000000001Z"
        );
        assert_eq!(
            fmt(1_576_540_098, 123_456_789, Format::DateTime),
            "2019-12-16T23:48:18.123456789Z"
        );
        assert_eq!(fmt(0, 0, Format::DateTime), "1970-01-01T00:00:00Z");
        assert_eq!(
            fmt(-1, 500_000_000, Format::DateTime),
            "1969-12-31T23:59:59.5Z"
        );
        assert_eq!(
            fmt(951_782_400, 0, Format::DateTime),
            "2000-02-29T00:00:00Z"
        );
    }

    #[test]
    fn date_time_year_limits() {
        assert_eq!(
            fmt(-62_135_596_800, 0, Format::DateTime),
            "0001-01-01T00:00:00Z"
        );
        assert_eq!(
            fmt(253_402_300_799, 999_999_999, Format::DateTime),
            "9999-12-31T23:59:59.999999999Z"
        );
        for seconds in [-62_135_596_801, 253_402_300_800, i64::MIN, i64::MAX] {
            for format in [Format::DateTime, Format::HttpDate] {
                let date_time = DateTime::from_secs(seconds);
                assert_eq!(
                    to_string(date_time, format),
                    Err(DateTimeFormatError::new(date_time, format))
                );
            }
        }
    }

    #[test]
    fn http_date() {
        assert_eq!(
            fmt(1_576_540_098, 0, Format::HttpDate),
            "Mon, 16 Dec 2019 23:48:18 GMT"
        );
        assert_eq!(
            fmt(1_576_540_098, 999_999_999, Format::HttpDate),
            "Mon, 16 Dec 2019 23:48:18 GMT"
        );
        assert_eq!(fmt(0, 0, Format::HttpDate), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(
            fmt(-1, 0, Format::HttpDate),
            "Wed, 31 Dec 1969 23:59:59 GMT"
        );
        assert_eq!(
            fmt(784_111_777, 0, Format::HttpDate),
            "Sun, 06 Nov 1994 08:49:37 GMT"
        );
        assert_eq!(
            fmt(-62_135_596_800, 0, Format::HttpDate),
            "Mon, 01 Jan 0001 00:00:00 GMT"
        );
        assert_eq!(
            fmt(253_402_300_799, 0, Format::HttpDate),
            "Fri, 31 Dec 9999 23:59:59 GMT"
        );
    }

    #[test]
    fn epoch_seconds() {
        assert_eq!(fmt(1_576_540_098, 0, Format::EpochSeconds), "1576540098");
        assert_eq!(
            fmt(1_576_540_098, 520_000_000, Format::EpochSeconds),
            "1576540098.52"
        );
        assert_eq!(fmt(0, 1, Format::EpochSeconds), "0.000000001");
        assert_eq!(fmt(0, 0, Format::EpochSeconds), "0");
        assert_eq!(fmt(-1, 500_000_000, Format::EpochSeconds), "-0.5");
        assert_eq!(fmt(-2, 0, Format::EpochSeconds), "-2");
        assert_eq!(fmt(-2, 1, Format::EpochSeconds), "-1.999999999");
        assert_eq!(
            fmt(i64::MIN, 0, Format::EpochSeconds),
            "-9223372036854775808"
        );
        assert_eq!(
            fmt(i64::MIN, 1, Format::EpochSeconds),
            "-9223372036854775807.999999999"
        );
        assert_eq!(
            fmt(i64::MAX, 999_999_999, Format::EpochSeconds),
            "9223372036854775807.999999999"
        );
    }

    #[test]
    fn display_falls_back_to_epoch_seconds() {
        let mut out = String::new();
        write!(out, "{}", DateTime::from_secs_and_nanos(1_576_540_098, 5)).ok();
        assert_eq!(out, "2019-12-16T23:48:18.000000005Z");
        let far = DateTime::from_secs_and_nanos(i64::MAX, 5);
        assert_eq!(far.to_string(), "9223372036854775807.000000005");
        assert_eq!(epoch_seconds_string(far), "9223372036854775807.000000005");
    }
}
