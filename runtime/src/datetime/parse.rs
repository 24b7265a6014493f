//! Reading a [`DateTime`] from the three Smithy timestamp formats.
//!
//! Parsing is strict about structure (so garbage is reported, not guessed
//! at) and lenient where real servers are known to vary: lower-case `t`/`z`,
//! numeric UTC offsets, fractional seconds of any length, case of names in
//! `http-date`, and fractional seconds in `http-date`.

use super::civil::{days_from_civil, days_in_month, MONTH_NAMES, WEEKDAY_NAMES};
use super::{DateTime, DateTimeParseError, Format, NANOS_PER_SEC};

/// Why parsing failed, without the input (added by [`parse`]).
type Reason = String;

/// Implements [`DateTime::parse`].
pub(super) fn parse(input: &str, format: Format) -> Result<DateTime, DateTimeParseError> {
    let parsed = match format {
        Format::DateTime => parse_date_time(input),
        Format::HttpDate => parse_http_date(input),
        Format::EpochSeconds => parse_epoch_seconds(input),
    };
    parsed.map_err(|reason| DateTimeParseError::new(format, input, reason))
}

/// A position in the input, with helpers that report what they expected.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(input: &'a str) -> Self {
        Self {
            bytes: input.as_bytes(),
            pos: 0,
        }
    }

    /// "expected {what} at offset N, found ..." for the current position.
    fn error(&self, what: &str) -> Reason {
        match self.bytes.get(self.pos) {
            Some(&byte) if byte.is_ascii_graphic() || byte == b' ' => format!(
                "expected {what} at offset {}, found {:?}",
                self.pos,
                char::from(byte)
            ),
            Some(_) => format!("expected {what} at offset {}", self.pos),
            None => format!("expected {what} at offset {}, found the end", self.pos),
        }
    }

    /// Consumes `byte` if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.bytes.get(self.pos) == Some(&byte);
        self.pos += usize::from(found);
        found
    }

    /// Consumes `byte`, or fails naming it.
    fn expect(&mut self, byte: u8) -> Result<(), Reason> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.error(&format!("{:?}", char::from(byte))))
        }
    }

    /// Consumes the next `len` bytes, if there are that many.
    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let taken = self.bytes.get(self.pos..self.pos.checked_add(len)?)?;
        self.pos += len;
        Some(taken)
    }

    /// Consumes `min..=max` ASCII digits (at most 9, so the value fits).
    fn digits(&mut self, min: usize, max: usize, what: &str) -> Result<u32, Reason> {
        let count = self.bytes[self.pos..]
            .iter()
            .take(max)
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        if count < min {
            let amount = if min == max {
                format!("{min} digits")
            } else {
                format!("{min} to {max} digits")
            };
            return Err(self.error(&format!("{amount} for the {what}")));
        }
        let digits = &self.bytes[self.pos..self.pos + count];
        self.pos += count;
        Ok(digits
            .iter()
            .fold(0, |value, digit| value * 10 + u32::from(digit - b'0')))
    }

    /// Consumes an optional `.` and fraction digits, as nanoseconds.
    fn fraction(&mut self) -> Result<u32, Reason> {
        if !self.eat(b'.') {
            return Ok(0);
        }
        let count = self.bytes[self.pos..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        if count == 0 {
            return Err(self.error("digits after '.'"));
        }
        let nanos = fraction_nanos(&self.bytes[self.pos..self.pos + count]);
        self.pos += count;
        Ok(nanos)
    }

    /// Fails unless the whole input was consumed.
    fn finish(&self) -> Result<(), Reason> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(self.error("the end"))
        }
    }
}

/// Nanoseconds from the digits after a decimal point; digits beyond the
/// ninth are dropped (rounding toward zero).
fn fraction_nanos(digits: &[u8]) -> u32 {
    (0..9).fold(0, |nanos, index| {
        let digit = digits.get(index).map_or(0, |digit| u32::from(digit - b'0'));
        nanos * 10 + digit
    })
}

/// `HH:MM:SS` with an optional fraction, checked for range.
struct TimeOfDay {
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
}

impl TimeOfDay {
    fn parse(cursor: &mut Cursor<'_>) -> Result<Self, Reason> {
        let hour = cursor.digits(2, 2, "hour")?;
        cursor.expect(b':')?;
        let minute = cursor.digits(2, 2, "minute")?;
        cursor.expect(b':')?;
        let second = cursor.digits(2, 2, "second")?;
        let nanos = cursor.fraction()?;
        if hour > 23 {
            return Err(format!("hour {hour} is not in 0..=23"));
        }
        if minute > 59 {
            return Err(format!("minute {minute} is not in 0..=59"));
        }
        if second == 60 {
            return Err("leap second 60 is not supported".to_owned());
        }
        if second > 59 {
            return Err(format!("second {second} is not in 0..=59"));
        }
        Ok(Self {
            hour,
            minute,
            second,
            nanos,
        })
    }
}

/// Seconds since the epoch of a date and time of day in UTC.
fn instant(year: u32, month: u32, day: u32, time: &TimeOfDay) -> Result<DateTime, Reason> {
    let year = i64::from(year);
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} is not in 1..=12"));
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err(format!("day {day} does not exist in {year:04}-{month:02}"));
    }
    let seconds = days_from_civil(year, month, day) * 86_400
        + i64::from(time.hour) * 3600
        + i64::from(time.minute) * 60
        + i64::from(time.second);
    Ok(DateTime::from_secs_and_nanos(seconds, time.nanos))
}

/// RFC 3339 (`date-time`): `2019-12-16T23:48:18.52Z`, `...+01:00`.
fn parse_date_time(input: &str) -> Result<DateTime, Reason> {
    let mut cursor = Cursor::new(input);
    let year = cursor.digits(4, 4, "year")?;
    cursor.expect(b'-')?;
    let month = cursor.digits(2, 2, "month")?;
    cursor.expect(b'-')?;
    let day = cursor.digits(2, 2, "day")?;
    if !(cursor.eat(b'T') || cursor.eat(b't')) {
        return Err(cursor.error("'T'"));
    }
    let time = TimeOfDay::parse(&mut cursor)?;
    let offset_seconds = parse_utc_offset(&mut cursor)?;
    cursor.finish()?;
    let local = instant(year, month, day, &time)?;
    // Years are at most 9999, so this cannot overflow.
    Ok(DateTime::from_secs_and_nanos(
        local.secs() - offset_seconds,
        local.subsec_nanos(),
    ))
}

/// `Z`, `z`, `+hh:mm`, `-hh:mm` (or without the colon), in seconds east of
/// UTC.
fn parse_utc_offset(cursor: &mut Cursor<'_>) -> Result<i64, Reason> {
    if cursor.eat(b'Z') || cursor.eat(b'z') {
        return Ok(0);
    }
    let sign = if cursor.eat(b'+') {
        1
    } else if cursor.eat(b'-') {
        -1
    } else {
        return Err(cursor.error("'Z' or a UTC offset like +01:00"));
    };
    let hours = cursor.digits(2, 2, "offset hours")?;
    cursor.eat(b':');
    let minutes = cursor.digits(2, 2, "offset minutes")?;
    if hours > 23 || minutes > 59 {
        return Err(format!(
            "UTC offset {hours:02}:{minutes:02} is out of range"
        ));
    }
    Ok(sign * (i64::from(hours) * 3600 + i64::from(minutes) * 60))
}

/// Index of the three-letter `name` in `names`, ignoring ASCII case.
fn find_name(names: &[&str], name: Option<&[u8]>) -> Option<usize> {
    let name = name?;
    names
        .iter()
        .position(|candidate| candidate.as_bytes().eq_ignore_ascii_case(name))
}

/// IMF-fixdate (`http-date`): `Mon, 16 Dec 2019 23:48:18 GMT`, also with a
/// one-digit day or a fraction after the seconds. The weekday must be a valid
/// name but is not checked against the date: the date is what matters.
fn parse_http_date(input: &str) -> Result<DateTime, Reason> {
    let mut cursor = Cursor::new(input);
    let start = cursor.pos;
    if find_name(&WEEKDAY_NAMES, cursor.take(3)).is_none() {
        cursor.pos = start;
        return Err(cursor.error("a weekday like \"Mon\""));
    }
    cursor.expect(b',')?;
    cursor.expect(b' ')?;
    let day = cursor.digits(1, 2, "day")?;
    cursor.expect(b' ')?;
    let start = cursor.pos;
    let Some(month_index) = find_name(&MONTH_NAMES, cursor.take(3)) else {
        cursor.pos = start;
        return Err(cursor.error("a month like \"Dec\""));
    };
    cursor.expect(b' ')?;
    let year = cursor.digits(4, 4, "year")?;
    cursor.expect(b' ')?;
    let time = TimeOfDay::parse(&mut cursor)?;
    cursor.expect(b' ')?;
    let start = cursor.pos;
    if !cursor
        .take(3)
        .is_some_and(|zone| zone.eq_ignore_ascii_case(b"GMT"))
    {
        cursor.pos = start;
        return Err(cursor.error("\"GMT\""));
    }
    cursor.finish()?;
    // `month_index` is 0..=11, so the month is 1..=12.
    instant(year, month_index as u32 + 1, day, &time)
}

/// `epoch-seconds`: a decimal number of seconds such as `1576540098`,
/// `-0.5`, or `1.5e9`.
fn parse_epoch_seconds(input: &str) -> Result<DateTime, Reason> {
    if let Some(exact) = parse_decimal_seconds(input) {
        return exact;
    }
    match input.parse::<f64>() {
        Ok(seconds) => DateTime::from_fractional_secs(seconds).map_err(|error| error.to_string()),
        Err(_) => Err("expected a decimal number of seconds".to_owned()),
    }
}

/// Exact parse of `[+-]digits[.digits]`, keeping every nanosecond digit that
/// a trip through `f64` would lose. `None` if `text` is not of that form.
pub(super) fn parse_decimal_seconds(text: &str) -> Option<Result<DateTime, Reason>> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let out_of_range = || Some(Err(format!("{text} seconds is out of range")));
    let Ok(whole) = whole.parse::<u64>() else {
        return out_of_range();
    };
    let mut seconds = i128::from(whole);
    let mut nanos = fraction_nanos(fraction.as_bytes());
    if negative {
        seconds = -seconds;
        if nanos > 0 {
            seconds -= 1;
            nanos = NANOS_PER_SEC - nanos;
        }
    }
    match i64::try_from(seconds) {
        Ok(seconds) => Some(Ok(DateTime::from_secs_and_nanos(seconds, nanos))),
        Err(_) => out_of_range(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str, format: Format) -> (i64, u32) {
        match parse(input, format) {
            Ok(date_time) => (date_time.secs(), date_time.subsec_nanos()),
            Err(error) => panic!("{error}"),
        }
    }

    fn err(input: &str, format: Format) -> String {
        match parse(input, format) {
            Ok(date_time) => panic!("{input:?} parsed as {date_time:?}"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn date_time_basic() {
        let f = Format::DateTime;
        assert_eq!(ok("2019-12-16T23:48:18Z", f), (1_576_540_098, 0));
        assert_eq!(ok("2019-12-16t23:48:18z", f), (1_576_540_098, 0));
        assert_eq!(ok("1970-01-01T00:00:00Z", f), (0, 0));
        assert_eq!(ok("1969-12-31T23:59:59.5Z", f), (-1, 500_000_000));
        assert_eq!(ok("0001-01-01T00:00:00Z", f), (-62_135_596_800, 0));
        assert_eq!(ok("0000-01-01T00:00:00Z", f), (-62_167_219_200, 0));
        assert_eq!(
            ok("9999-12-31T23:59:59.999999999Z", f),
            (253_402_300_799, 999_999_999)
        );
        assert_eq!(ok("2000-02-29T12:00:00Z", f), (951_825_600, 0));
    }

    #[test]
    fn date_time_fractions() {
        let f = Format::DateTime;
        assert_eq!(
            ok("2019-12-16T23:48:18.52Z", f),
            (1_576_540_098, 520_000_000)
        );
        assert_eq!(
            ok("2019-12-16T23:48:18.5Z", f),
            (1_576_540_098, 500_000_000)
        );
        assert_eq!(ok("2019-12-16T23:48:18.000000001Z", f), (1_576_540_098, 1));
        assert_eq!(
            ok("2019-12-16T23:48:18.123456789987654321Z", f),
            (1_576_540_098, 123_456_789)
        );
        assert_eq!(ok("2019-12-16T23:48:18.000Z", f), (1_576_540_098, 0));
    }

    #[test]
    fn date_time_offsets() {
        let f = Format::DateTime;
        assert_eq!(ok("2019-12-17T00:48:18+01:00", f), (1_576_540_098, 0));
        assert_eq!(ok("2019-12-16T15:48:18-08:00", f), (1_576_540_098, 0));
        assert_eq!(ok("2019-12-16T15:48:18-0800", f), (1_576_540_098, 0));
        assert_eq!(ok("2019-12-16T23:48:18+00:00", f), (1_576_540_098, 0));
        assert_eq!(ok("2019-12-16T23:48:18-00:00", f), (1_576_540_098, 0));
        assert_eq!(
            ok("2019-12-17T05:18:18.25+05:30", f),
            (1_576_540_098, 250_000_000)
        );
        // An offset can move the instant out of the four-digit years.
        assert_eq!(ok("0001-01-01T00:00:00+01:00", f), (-62_135_600_400, 0));
    }

    #[test]
    fn date_time_rejects() {
        let f = Format::DateTime;
        let cases = [
            (
                "",
                "expected 4 digits for the year at offset 0, found the end",
            ),
            ("2019-12-16", "expected 'T' at offset 10, found the end"),
            (
                "2019-12-16 23:48:18Z",
                "expected 'T' at offset 10, found ' '",
            ),
            (
                "19-12-16T23:48:18Z",
                "expected 4 digits for the year at offset 0",
            ),
            (
                "2019-1-16T23:48:18Z",
                "expected 2 digits for the month at offset 5",
            ),
            ("2019-13-16T23:48:18Z", "month 13 is not in 1..=12"),
            ("2019-00-16T23:48:18Z", "month 0 is not in 1..=12"),
            ("2019-02-29T23:48:18Z", "day 29 does not exist in 2019-02"),
            ("2019-12-00T23:48:18Z", "day 0 does not exist in 2019-12"),
            ("2019-12-16T24:00:00Z", "hour 24 is not in 0..=23"),
            ("2019-12-16T23:60:00Z", "minute 60 is not in 0..=59"),
            ("2016-12-31T23:59:60Z", "leap second 60 is not supported"),
            ("2019-12-16T23:48:61Z", "second 61 is not in 0..=59"),
            (
                "2019-12-16T23:48:18",
                "expected 'Z' or a UTC offset like +01:00 at offset 19",
            ),
            (
                "2019-12-16T23:48:18.Z",
                "expected digits after '.' at offset 20, found 'Z'",
            ),
            (
                "2019-12-16T23:48:18Zjunk",
                "expected the end at offset 20, found 'j'",
            ),
            (
                "2019-12-16T23:48:18+1:00",
                "expected 2 digits for the offset hours",
            ),
            (
                "2019-12-16T23:48:18+24:00",
                "UTC offset 24:00 is out of range",
            ),
            (
                "2019-12-16T23:48:18+01:60",
                "UTC offset 01:60 is out of range",
            ),
            (
                "2019-12-16T23:48:18 Z",
                "expected 'Z' or a UTC offset like +01:00",
            ),
            (
                " 2019-12-16T23:48:18Z",
                "expected 4 digits for the year at offset 0, found ' '",
            ),
            (
                "２019-12-16T23:48:18Z",
                "expected 4 digits for the year at offset 0",
            ),
            ("2019-12-16T23:48:18Z\n", "expected the end at offset 20"),
        ];
        for (input, reason) in cases {
            let message = err(input, f);
            assert!(
                message.starts_with(&format!("invalid date-time timestamp {input:?}: {reason}")),
                "{input:?}: {message}"
            );
        }
    }

    #[test]
    fn http_date_basic() {
        let f = Format::HttpDate;
        assert_eq!(ok("Mon, 16 Dec 2019 23:48:18 GMT", f), (1_576_540_098, 0));
        assert_eq!(ok("Sun, 06 Nov 1994 08:49:37 GMT", f), (784_111_777, 0));
        assert_eq!(ok("Sun, 6 Nov 1994 08:49:37 GMT", f), (784_111_777, 0));
        assert_eq!(ok("SUN, 06 NOV 1994 08:49:37 gmt", f), (784_111_777, 0));
        assert_eq!(
            ok("Mon, 16 Dec 2019 23:48:18.123 GMT", f),
            (1_576_540_098, 123_000_000)
        );
        assert_eq!(ok("Thu, 01 Jan 1970 00:00:00 GMT", f), (0, 0));
        assert_eq!(ok("Wed, 31 Dec 1969 23:59:59 GMT", f), (-1, 0));
        // The weekday is not checked against the date.
        assert_eq!(ok("Fri, 16 Dec 2019 23:48:18 GMT", f), (1_576_540_098, 0));
    }

    #[test]
    fn http_date_rejects() {
        let f = Format::HttpDate;
        let cases = [
            (
                "",
                "expected a weekday like \"Mon\" at offset 0, found the end",
            ),
            (
                "Mo, 16 Dec 2019 23:48:18 GMT",
                "expected a weekday like \"Mon\" at offset 0",
            ),
            (
                "Mon 16 Dec 2019 23:48:18 GMT",
                "expected ',' at offset 3, found ' '",
            ),
            (
                "Mon, 16 Dek 2019 23:48:18 GMT",
                "expected a month like \"Dec\" at offset 8",
            ),
            ("Mon, 16 De", "expected a month like \"Dec\" at offset 8"),
            (
                "Mon, 32 Dec 2019 23:48:18 GMT",
                "day 32 does not exist in 2019-12",
            ),
            (
                "Mon, 016 Dec 2019 23:48:18 GMT",
                "expected ' ' at offset 7, found '6'",
            ),
            (
                "Mon, 16 Dec 19 23:48:18 GMT",
                "expected 4 digits for the year at offset 12",
            ),
            (
                "Mon, 16 Dec 2019 23:48:60 GMT",
                "leap second 60 is not supported",
            ),
            (
                "Mon, 16 Dec 2019 23:48:18 UTC",
                "expected \"GMT\" at offset 26, found 'U'",
            ),
            (
                "Mon, 16 Dec 2019 23:48:18",
                "expected ' ' at offset 25, found the end",
            ),
            (
                "Mon, 16 Dec 2019 23:48:18 GMT ",
                "expected the end at offset 29",
            ),
            (
                "Monday, 16-Dec-19 23:48:18 GMT",
                "expected ',' at offset 3, found 'd'",
            ),
            ("Mon Dec 16 23:48:18 2019", "expected ',' at offset 3"),
            (
                "2019-12-16T23:48:18Z",
                "expected a weekday like \"Mon\" at offset 0, found '2'",
            ),
        ];
        for (input, reason) in cases {
            let message = err(input, f);
            assert!(
                message.starts_with(&format!("invalid http-date timestamp {input:?}: {reason}")),
                "{input:?}: {message}"
            );
        }
    }

    #[test]
    fn epoch_seconds_exact() {
        let f = Format::EpochSeconds;
        assert_eq!(ok("1576540098", f), (1_576_540_098, 0));
        assert_eq!(ok("+1576540098", f), (1_576_540_098, 0));
        assert_eq!(ok("1576540098.52", f), (1_576_540_098, 520_000_000));
        assert_eq!(ok("1576540098.123456789", f), (1_576_540_098, 123_456_789));
        assert_eq!(ok("1576540098.1234567899", f), (1_576_540_098, 123_456_789));
        assert_eq!(ok("0", f), (0, 0));
        assert_eq!(ok("-0", f), (0, 0));
        assert_eq!(ok("-0.0", f), (0, 0));
        assert_eq!(ok("-0.5", f), (-1, 500_000_000));
        assert_eq!(ok("-1", f), (-1, 0));
        assert_eq!(ok("-1.000000001", f), (-2, 999_999_999));
        assert_eq!(ok("007", f), (7, 0));
        assert_eq!(ok("9223372036854775807", f), (i64::MAX, 0));
        assert_eq!(ok("-9223372036854775808", f), (i64::MIN, 0));
        assert_eq!(
            ok("9223372036854775807.999999999", f),
            (i64::MAX, 999_999_999)
        );
        assert_eq!(ok("-9223372036854775807.5", f), (i64::MIN, 500_000_000));
    }

    #[test]
    fn epoch_seconds_through_f64() {
        let f = Format::EpochSeconds;
        assert_eq!(ok("1.5e9", f), (1_500_000_000, 0));
        assert_eq!(ok("1.57654009852E9", f), (1_576_540_098, 520_000_000));
        assert_eq!(ok("-5e-1", f), (-1, 500_000_000));
        assert_eq!(ok(".5", f), (0, 500_000_000));
        assert_eq!(ok("5.", f), (5, 0));
    }

    #[test]
    fn epoch_seconds_rejects() {
        let f = Format::EpochSeconds;
        let cases = [
            ("", "expected a decimal number of seconds"),
            ("abc", "expected a decimal number of seconds"),
            ("1 ", "expected a decimal number of seconds"),
            ("1_000", "expected a decimal number of seconds"),
            ("--1", "expected a decimal number of seconds"),
            ("NaN", "NaN is not a finite number of seconds"),
            ("inf", "inf is not a finite number of seconds"),
            ("-infinity", "-inf is not a finite number of seconds"),
            (
                "9223372036854775808",
                "9223372036854775808 seconds is out of range",
            ),
            (
                "-9223372036854775809",
                "-9223372036854775809 seconds is out of range",
            ),
            (
                "-9223372036854775808.5",
                "-9223372036854775808.5 seconds is out of range",
            ),
            ("99999999999999999999999", "seconds is out of range"),
            ("1e19", "is outside the range of DateTime"),
            ("-1e19", "is outside the range of DateTime"),
        ];
        for (input, reason) in cases {
            let message = err(input, f);
            assert!(
                message.starts_with(&format!("invalid epoch-seconds timestamp {input:?}: "))
                    && message.contains(reason),
                "{input:?}: {message}"
            );
        }
    }

    #[test]
    fn never_panics_on_mutated_input() {
        // Deterministic xorshift, so a failure reproduces.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet = "0123456789:-+.TZtz ,GMTMonDec\u{e9}\u{0}e9";
        let alphabet: Vec<char> = alphabet.chars().collect();
        let seeds = [
            "2019-12-16T23:48:18.123+01:00",
            "Mon, 16 Dec 2019 23:48:18.123 GMT",
            "-1576540098.123",
            "1.5e9",
        ];
        for _ in 0..20_000 {
            let seed = seeds[next() as usize % seeds.len()];
            let mut chars: Vec<char> = seed.chars().collect();
            for _ in 0..=next() % 3 {
                let at = next() as usize % (chars.len() + 1);
                let replacement = alphabet[next() as usize % alphabet.len()];
                match next() % 3 {
                    0 if at < chars.len() => chars[at] = replacement,
                    1 if at < chars.len() => {
                        chars.remove(at);
                    }
                    _ => chars.insert(at, replacement),
                }
            }
            let input: String = chars.into_iter().collect();
            for format in [Format::DateTime, Format::HttpDate, Format::EpochSeconds] {
                if let Ok(date_time) = parse(&input, format) {
                    // Whatever parses is a valid instant that formats again.
                    assert!(date_time.subsec_nanos() < NANOS_PER_SEC, "{input:?}");
                    let _ = date_time.fmt(format);
                }
            }
        }
    }

    #[test]
    fn never_panics_on_prefixes_of_valid_input() {
        for valid in [
            "2019-12-16T23:48:18.123+01:00",
            "Mon, 16 Dec 2019 23:48:18.123 GMT",
            "-1576540098.123",
        ] {
            for end in 0..valid.len() {
                for format in [Format::DateTime, Format::HttpDate, Format::EpochSeconds] {
                    let _ = parse(&valid[..end], format);
                }
            }
        }
    }
}
