//! Timestamps: the Smithy `timestamp` shape.
//!
//! AWS APIs send instants in three textual formats chosen per member by the
//! `timestampFormat` trait (or by where the member is bound), so generated
//! code needs one instant type that reads and writes all three exactly. This
//! one stores whole seconds and nanoseconds since the Unix epoch, without a
//! time zone, and does its calendar math by hand so that no date crate is
//! compiled into every client.

pub(crate) mod civil;
mod error;
mod format;
mod parse;

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use error::{DateTimeConversionError, DateTimeFormatError, DateTimeParseError};

const NANOS_PER_SEC: u32 = 1_000_000_000;

/// An instant in time, exact to the nanosecond, as sent and received by AWS
/// APIs.
///
/// Stored as whole seconds since 1970-01-01T00:00:00Z, rounded down, plus
/// nanoseconds after that second (always `0..1_000_000_000`). Rounding down
/// keeps instants before 1970 simple: half a second before the epoch is
/// `secs() == -1`, `subsec_nanos() == 500_000_000`. Because of that
/// representation, the derived ordering is chronological.
///
/// `Display` writes the `date-time` format, `FromStr` reads it; use
/// [`DateTime::fmt`] and [`DateTime::parse`] for the other [`Format`]s.
/// `Debug` is the same as `Display`, because a date is easier to read than
/// a pair of integers.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime {
    seconds: i64,
    subsec_nanos: u32,
}

/// The text formats of a timestamp, named after Smithy's `timestampFormat`
/// trait values, which generated code passes to [`DateTime::fmt`] and
/// [`DateTime::parse`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `date-time`: RFC 3339 / ISO 8601 in UTC, `2019-12-16T23:48:18.52Z`.
    /// The default for query strings and URI labels.
    DateTime,
    /// `http-date`: the IMF-fixdate of RFC 7231, `Mon, 16 Dec 2019 23:48:18 GMT`,
    /// without fractional seconds. The default for HTTP headers.
    HttpDate,
    /// `epoch-seconds`: decimal seconds since the Unix epoch,
    /// `1576540098.52`. The default in JSON bodies.
    EpochSeconds,
}

impl Format {
    /// The Smithy name of the format (`date-time`, `http-date`,
    /// `epoch-seconds`), used in error messages so that they match the model.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
            Format::HttpDate => "http-date",
            Format::EpochSeconds => "epoch-seconds",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl DateTime {
    /// The earliest representable instant, where constructors saturate.
    pub const MIN: DateTime = DateTime {
        seconds: i64::MIN,
        subsec_nanos: 0,
    };

    /// The latest representable instant, where constructors saturate.
    pub const MAX: DateTime = DateTime {
        seconds: i64::MAX,
        subsec_nanos: NANOS_PER_SEC - 1,
    };

    /// The instant `seconds` whole seconds after the Unix epoch (before it if
    /// negative), the usual shape of AWS timestamps.
    pub const fn from_secs(seconds: i64) -> Self {
        Self {
            seconds,
            subsec_nanos: 0,
        }
    }

    /// The instant `seconds + nanos / 10^9` seconds after the Unix epoch.
    ///
    /// `nanos` of a second or more carry into `seconds`, so any pair of
    /// values is accepted; a carry past [`DateTime::MAX`] saturates there
    /// instead of panicking.
    pub const fn from_secs_and_nanos(seconds: i64, nanos: u32) -> Self {
        let carry = (nanos / NANOS_PER_SEC) as i64;
        match seconds.checked_add(carry) {
            Some(seconds) => Self {
                seconds,
                subsec_nanos: nanos % NANOS_PER_SEC,
            },
            None => Self::MAX,
        }
    }

    /// The instant `millis` milliseconds after the Unix epoch, for APIs and
    /// clocks that count in milliseconds. Every `i64` is representable.
    pub const fn from_millis(millis: i64) -> Self {
        Self {
            seconds: millis.div_euclid(1000),
            // 0..=999 milliseconds, so the cast and product are in range.
            subsec_nanos: millis.rem_euclid(1000) as u32 * 1_000_000,
        }
    }

    /// The instant `seconds` (with a fraction) after the Unix epoch, for
    /// timestamps that arrive as JSON floating-point numbers.
    ///
    /// The value is taken as its shortest decimal representation (the digits
    /// Rust prints for it), not its exact binary value, so
    /// `1576540098.52` gives 520,000,000 nanoseconds rather than the
    /// 519,999,980 that the nearest `f64` denotes. Digits past the ninth
    /// decimal place are dropped. Values of 2^53 and more in magnitude, all
    /// integers, are taken exactly.
    ///
    /// # Errors
    ///
    /// When `seconds` is NaN, infinite, or outside the `i64` range of seconds.
    pub fn from_fractional_secs(seconds: f64) -> Result<Self, DateTimeConversionError> {
        if !seconds.is_finite() {
            return Err(DateTimeConversionError::new(format!(
                "{seconds} is not a finite number of seconds"
            )));
        }
        // 2^63 is exact in f64; every finite f64 below it in magnitude
        // fits in i64 once truncated.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        let out_of_range = || {
            DateTimeConversionError::new(format!(
                "{seconds:e} seconds is outside the range of DateTime"
            ))
        };
        if !(-LIMIT..LIMIT).contains(&seconds) {
            return Err(out_of_range());
        }
        // From 2^53 on every f64 is an integer, and its shortest decimal
        // form is padded with zeros that may not fit in i64: take it exactly.
        if seconds.abs() >= 9_007_199_254_740_992.0 {
            // In range (checked above) and integral, so the cast is exact.
            return Ok(Self::from_secs(seconds as i64));
        }
        // `Display` for f64 never uses an exponent, so the text is always
        // plain decimal digits.
        match parse::parse_decimal_seconds(&seconds.to_string()) {
            Some(Ok(date_time)) => Ok(date_time),
            _ => Err(out_of_range()),
        }
    }

    /// Whole seconds since the Unix epoch, rounded down (toward the past).
    pub const fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds after [`DateTime::secs`], always `0..1_000_000_000`.
    pub const fn subsec_nanos(&self) -> u32 {
        self.subsec_nanos
    }

    /// Seconds since the Unix epoch as a float, for arithmetic where
    /// sub-microsecond precision does not matter (an `f64` keeps about
    /// 16 significant digits).
    pub fn as_secs_f64(&self) -> f64 {
        self.seconds as f64 + f64::from(self.subsec_nanos) / f64::from(NANOS_PER_SEC)
    }

    /// Milliseconds since the Unix epoch, rounded down, for APIs that count
    /// in milliseconds.
    ///
    /// # Errors
    ///
    /// When the result does not fit in an `i64` (about ±292 million years).
    pub fn to_millis(&self) -> Result<i64, DateTimeConversionError> {
        // In i128 because the seconds alone may overflow where the sum does
        // not (the millisecond count `i64::MIN` has seconds below `i64::MIN / 1000`).
        let millis = i128::from(self.seconds) * 1000 + i128::from(self.subsec_nanos / 1_000_000);
        i64::try_from(millis).map_err(|_| {
            DateTimeConversionError::new(format!("{self} does not fit in an i64 of milliseconds"))
        })
    }

    /// Writes this instant in `format`, as generated serializers do for
    /// every timestamp member.
    ///
    /// `date-time` has a fraction only when there are nanoseconds, without
    /// trailing zeros (`2019-12-16T23:48:18.52Z`); `http-date` drops the
    /// fraction (`Mon, 16 Dec 2019 23:48:18 GMT`); `epoch-seconds` is exact
    /// (`1576540098.52`, `-0.5`).
    ///
    /// # Errors
    ///
    /// `date-time` and `http-date` fail for years outside 0001..=9999, which
    /// have no four-digit form; `epoch-seconds` never fails.
    pub fn fmt(&self, format: Format) -> Result<String, DateTimeFormatError> {
        format::to_string(*self, format)
    }

    /// Reads an instant written in `format`, as generated deserializers do
    /// for every timestamp member.
    ///
    /// - `date-time` takes `Z`, `z` or a `+hh:mm`/`-hh:mm` (or `+hhmm`)
    ///   offset, `T` or `t`, and any number of fraction digits (those past
    ///   nanoseconds are dropped). Leap seconds (`:60`) are rejected.
    /// - `http-date` takes IMF-fixdate, also with a one-digit day, fractional
    ///   seconds (`23:48:18.123 GMT`, sent by some AWS services) and names in
    ///   any case. The obsolete RFC 850 and asctime forms are rejected.
    /// - `epoch-seconds` takes an optionally signed decimal, read exactly to
    ///   the nanosecond, or anything else Rust's `f64` parser accepts
    ///   (`1.5e9`), read through [`DateTime::from_fractional_secs`].
    ///
    /// No format allows surrounding whitespace.
    ///
    /// # Errors
    ///
    /// A [`DateTimeParseError`] naming the format, the input and what was
    /// wrong.
    pub fn parse(input: &str, format: Format) -> Result<Self, DateTimeParseError> {
        parse::parse(input, format)
    }
}

impl fmt::Display for DateTime {
    /// Writes the `date-time` format, or `epoch-seconds` for years outside
    /// 0001..=9999 so that displaying never fails.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        format::display(*self, f)
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for DateTime {
    type Err = DateTimeParseError;

    /// Reads the `date-time` format, the inverse of `Display` for years
    /// 0001..=9999.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s, Format::DateTime)
    }
}

impl From<SystemTime> for DateTime {
    /// Converts the system clock's reading, so that requests can be stamped
    /// with the current time. Times beyond the `i64` range of seconds, which
    /// no supported platform produces, saturate.
    fn from(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => match i64::try_from(after.as_secs()) {
                Ok(seconds) => Self::from_secs_and_nanos(seconds, after.subsec_nanos()),
                Err(_) => Self::MAX,
            },
            Err(before) => {
                let before = before.duration();
                let Ok(seconds) = i64::try_from(before.as_secs()) else {
                    return Self::MIN;
                };
                match before.subsec_nanos() {
                    0 => Self::from_secs(-seconds),
                    nanos => match (-seconds).checked_sub(1) {
                        Some(seconds) => Self::from_secs_and_nanos(seconds, NANOS_PER_SEC - nanos),
                        None => Self::MIN,
                    },
                }
            }
        }
    }
}

impl TryFrom<DateTime> for SystemTime {
    type Error = DateTimeConversionError;

    /// Converts to the platform's clock type, for comparisons with
    /// [`SystemTime::now`].
    ///
    /// # Errors
    ///
    /// When the platform's `SystemTime` cannot represent the instant.
    fn try_from(date_time: DateTime) -> Result<Self, Self::Error> {
        let subsec = Duration::from_nanos(u64::from(date_time.subsec_nanos));
        let whole = Duration::from_secs(date_time.seconds.unsigned_abs());
        let time = if date_time.seconds >= 0 {
            UNIX_EPOCH
                .checked_add(whole)
                .and_then(|time| time.checked_add(subsec))
        } else {
            UNIX_EPOCH
                .checked_sub(whole)
                .and_then(|time| time.checked_add(subsec))
        };
        time.ok_or_else(|| {
            DateTimeConversionError::new(format!("{date_time} does not fit in a SystemTime"))
        })
    }
}

/// The Unix epoch, so structures holding a required timestamp can derive
/// `Default` (and a response missing it reads as the epoch, per Smithy's
/// client error correction).
impl Default for DateTime {
    fn default() -> Self {
        DateTime::from_secs(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(date_time: DateTime) -> (i64, u32) {
        (date_time.secs(), date_time.subsec_nanos())
    }

    #[test]
    fn constructors_normalize() {
        assert_eq!(parts(DateTime::from_secs(-3)), (-3, 0));
        assert_eq!(
            parts(DateTime::from_secs_and_nanos(1, 1_500_000_000)),
            (2, 500_000_000)
        );
        assert_eq!(
            parts(DateTime::from_secs_and_nanos(-1, u32::MAX)),
            (3, 294_967_295)
        );
        assert_eq!(
            DateTime::from_secs_and_nanos(i64::MAX, u32::MAX),
            DateTime::MAX
        );
        assert_eq!(
            parts(DateTime::from_secs_and_nanos(i64::MAX, 999_999_999)),
            (i64::MAX, 999_999_999)
        );
    }

    #[test]
    fn from_millis_rounds_down() {
        assert_eq!(
            parts(DateTime::from_millis(1_576_540_098_520)),
            (1_576_540_098, 520_000_000)
        );
        assert_eq!(parts(DateTime::from_millis(-1)), (-1, 999_000_000));
        assert_eq!(parts(DateTime::from_millis(-1000)), (-1, 0));
        assert_eq!(
            parts(DateTime::from_millis(i64::MIN)),
            (-9_223_372_036_854_776, 192_000_000)
        );
        assert_eq!(
            parts(DateTime::from_millis(i64::MAX)),
            (9_223_372_036_854_775, 807_000_000)
        );
    }

    #[test]
    fn to_millis_rounds_down_and_checks_range() {
        for millis in [0, 1, -1, 999, -999, 1_576_540_098_520, i64::MIN, i64::MAX] {
            assert_eq!(DateTime::from_millis(millis).to_millis(), Ok(millis));
        }
        assert_eq!(
            DateTime::from_secs_and_nanos(-1, 999_999).to_millis(),
            Ok(-1000)
        );
        assert_eq!(
            DateTime::from_secs_and_nanos(0, 1_999_999).to_millis(),
            Ok(1)
        );
        let error = DateTime::MAX
            .to_millis()
            .err()
            .map(|error| error.to_string());
        assert_eq!(
            error.as_deref(),
            Some("9223372036854775807.999999999 does not fit in an i64 of milliseconds")
        );
        assert!(DateTime::MIN.to_millis().is_err());
    }

    #[test]
    fn from_fractional_secs_uses_shortest_decimal() {
        let parse = |seconds| DateTime::from_fractional_secs(seconds).map(parts);
        assert_eq!(parse(1_576_540_098.52), Ok((1_576_540_098, 520_000_000)));
        assert_eq!(parse(1_576_540_098.0), Ok((1_576_540_098, 0)));
        assert_eq!(parse(-0.5), Ok((-1, 500_000_000)));
        assert_eq!(parse(-0.0), Ok((0, 0)));
        assert_eq!(parse(0.1), Ok((0, 100_000_000)));
        assert_eq!(parse(1e-10), Ok((0, 0)));
        assert_eq!(parse(f64::MIN_POSITIVE), Ok((0, 0)));
        assert_eq!(parse(-9_223_372_036_854_775_808.0), Ok((i64::MIN, 0)));
        assert_eq!(
            parse(9_223_372_036_854_774_784.0),
            Ok((9_223_372_036_854_774_784, 0))
        );
    }

    #[test]
    fn from_fractional_secs_rejects() {
        let message = |seconds| {
            DateTime::from_fractional_secs(seconds)
                .err()
                .map(|error| error.to_string())
        };
        assert_eq!(
            message(f64::NAN).as_deref(),
            Some("NaN is not a finite number of seconds")
        );
        assert_eq!(
            message(f64::NEG_INFINITY).as_deref(),
            Some("-inf is not a finite number of seconds")
        );
        assert_eq!(
            message(9_223_372_036_854_775_808.0).as_deref(),
            Some("9.223372036854776e18 seconds is outside the range of DateTime")
        );
        assert!(message(-9.3e18).is_some());
        assert!(message(f64::MAX).is_some());
    }

    #[test]
    fn as_secs_f64() {
        assert_eq!(
            DateTime::from_secs_and_nanos(-1, 500_000_000).as_secs_f64(),
            -0.5
        );
        assert_eq!(
            DateTime::from_secs(1_576_540_098).as_secs_f64(),
            1_576_540_098.0
        );
        assert_eq!(
            DateTime::from_secs_and_nanos(1_576_540_098, 520_000_000).as_secs_f64(),
            1_576_540_098.52
        );
    }

    #[test]
    fn ordering_is_chronological() {
        let mut times = [
            DateTime::from_secs_and_nanos(0, 1),
            DateTime::from_fractional_secs(-0.5).unwrap_or(DateTime::MAX),
            DateTime::from_secs(-1),
            DateTime::MAX,
            DateTime::from_secs(0),
            DateTime::MIN,
        ];
        times.sort();
        let seconds: Vec<f64> = times.iter().map(DateTime::as_secs_f64).collect();
        assert!(
            seconds.windows(2).all(|pair| pair[0] <= pair[1]),
            "{seconds:?}"
        );
        assert_eq!(times[0], DateTime::MIN);
        assert_eq!(times[5], DateTime::MAX);
    }

    #[test]
    fn system_time_round_trip() {
        let cases = [
            (0, 0),
            (1_576_540_098, 520_000_000),
            (-1, 500_000_000),
            (-1, 0),
            (-86_400 * 365, 999_999_999),
        ];
        for (seconds, nanos) in cases {
            let date_time = DateTime::from_secs_and_nanos(seconds, nanos);
            let system = SystemTime::try_from(date_time);
            assert_eq!(system.map(DateTime::from), Ok(date_time));
        }
        let now = SystemTime::now();
        assert_eq!(SystemTime::try_from(DateTime::from(now)), Ok(now));
        assert_eq!(
            DateTime::from(UNIX_EPOCH - Duration::from_millis(500)),
            DateTime::from_secs_and_nanos(-1, 500_000_000)
        );
    }

    #[test]
    fn system_time_extremes_round_trip_or_fail_cleanly() {
        // Whether these fit depends on the platform (they do on Linux).
        for date_time in [DateTime::MIN, DateTime::MAX] {
            match SystemTime::try_from(date_time) {
                Ok(system) => assert_eq!(DateTime::from(system), date_time),
                Err(error) => assert!(error.to_string().ends_with("does not fit in a SystemTime")),
            }
        }
    }

    #[test]
    fn display_debug_and_from_str() {
        let date_time = DateTime::from_secs_and_nanos(1_576_540_098, 520_000_000);
        assert_eq!(date_time.to_string(), "2019-12-16T23:48:18.52Z");
        assert_eq!(format!("{date_time:?}"), "2019-12-16T23:48:18.52Z");
        assert_eq!("2019-12-16T23:48:18.52Z".parse(), Ok(date_time));
        assert!("Mon, 16 Dec 2019 23:48:18 GMT".parse::<DateTime>().is_err());
        assert_eq!(DateTime::MIN.to_string(), "-9223372036854775808");
    }

    #[test]
    fn format_names() {
        assert_eq!(Format::DateTime.to_string(), "date-time");
        assert_eq!(Format::HttpDate.as_str(), "http-date");
        assert_eq!(Format::EpochSeconds.as_str(), "epoch-seconds");
    }

    #[test]
    fn every_format_round_trips() {
        let samples = [
            (0, 0),
            (1_576_540_098, 0),
            (1_576_540_098, 520_000_000),
            (-1, 500_000_000),
            (-62_135_596_800, 0),
            (253_402_300_799, 999_999_999),
            (951_782_400, 1),
        ];
        for (seconds, nanos) in samples {
            let date_time = DateTime::from_secs_and_nanos(seconds, nanos);
            for format in [Format::DateTime, Format::EpochSeconds] {
                let text = date_time.fmt(format);
                let back = text.as_deref().map(|text| DateTime::parse(text, format));
                assert_eq!(back, Ok(Ok(date_time)), "{format} {text:?}");
            }
            let text = date_time.fmt(Format::HttpDate);
            let back = text
                .as_deref()
                .map(|text| DateTime::parse(text, Format::HttpDate));
            assert_eq!(back, Ok(Ok(DateTime::from_secs(seconds))), "{text:?}");
        }
        for date_time in [
            DateTime::MIN,
            DateTime::MAX,
            DateTime::from_secs_and_nanos(-5, 7),
        ] {
            let text = date_time.fmt(Format::EpochSeconds);
            let back = text
                .as_deref()
                .map(|text| DateTime::parse(text, Format::EpochSeconds));
            assert_eq!(back, Ok(Ok(date_time)), "{text:?}");
        }
    }

    #[test]
    fn date_time_round_trips_for_many_days() {
        // One instant per ~23 days across 0001..=9999, with varying time of day.
        let mut seconds = -62_135_596_800_i64;
        while seconds <= 253_402_300_799 {
            let date_time =
                DateTime::from_secs_and_nanos(seconds, (seconds as u32) % NANOS_PER_SEC);
            for format in [Format::DateTime, Format::HttpDate] {
                let text = date_time.fmt(format);
                let back = text
                    .as_deref()
                    .map(|text| DateTime::parse(text, format).map(|d| d.secs()));
                assert_eq!(back, Ok(Ok(seconds)), "{text:?}");
            }
            seconds += 23 * 86_400 + 3_661;
        }
    }
}
