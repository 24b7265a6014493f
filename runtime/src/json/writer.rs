//! [`JsonWriter`]: appends JSON to a byte buffer.

use std::io::Write as _;

use super::scan::{find_string_stop, ESCAPE};
use super::WriteJson;
use crate::{DateTime, TimestampFormat};

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// The buffer [`JsonWriter::new`] starts with: most request bodies fit, or
/// need one or two doublings. Starting from an empty `Vec` cost eight
/// reallocations (and copies) for a 1.35 KB CreateJob body.
const INITIAL_CAPACITY: usize = 512;

/// Builds a JSON document by appending to a `Vec<u8>`, as generated
/// serializers do member by member.
///
/// The writer trusts its caller for structure (every `begin_*` has its
/// `end_*`, object members go through [`JsonWriter::key`] or
/// [`JsonWriter::member`]) and only decides where commas go. That needs no
/// stack: after a value or a closing bracket the next item needs a comma;
/// after an opening bracket or a key it does not. Writing never fails, so
/// generated serializers have no error paths.
///
/// ```
/// use awsgen_runtime::__private::json::JsonWriter;
///
/// let mut w = JsonWriter::new();
/// w.begin_object();
/// w.member("name", "thing\n1");
/// w.member_opt("count", &Some(3_i32));
/// w.member_opt::<i32>("absent", &None);
/// w.key("ratio");
/// w.f64(f64::NAN);
/// w.end_object();
/// assert_eq!(w.into_bytes(), br#"{"name":"thing\n1","count":3,"ratio":"NaN"}"#);
/// ```
#[derive(Debug)]
pub struct JsonWriter {
    out: Vec<u8>,
    /// Whether the next value or key must be preceded by a comma.
    comma: bool,
}

impl Default for JsonWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl JsonWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::with_capacity(INITIAL_CAPACITY)
    }

    /// An empty writer whose buffer holds `capacity` bytes before it has to
    /// grow, for callers that know roughly how large the body will be.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            out: Vec::with_capacity(capacity),
            comma: false,
        }
    }

    /// The JSON written so far.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    /// Writes the comma that separates this item from the previous one, if
    /// there is a previous one at this level.
    fn separator(&mut self) {
        if self.comma {
            self.out.push(b',');
        }
    }

    /// Writes a scalar's text (which must be valid JSON) as the next value.
    fn scalar(&mut self, text: &[u8]) {
        self.separator();
        self.out.extend_from_slice(text);
        self.comma = true;
    }

    /// Starts an object (`{`); write its members with [`JsonWriter::key`]
    /// or [`JsonWriter::member`], then call [`JsonWriter::end_object`].
    pub fn begin_object(&mut self) {
        self.separator();
        self.out.push(b'{');
        self.comma = false;
    }

    /// Ends the current object (`}`).
    pub fn end_object(&mut self) {
        self.out.push(b'}');
        self.comma = true;
    }

    /// Starts an array (`[`); write its elements as values, then call
    /// [`JsonWriter::end_array`].
    pub fn begin_array(&mut self) {
        self.separator();
        self.out.push(b'[');
        self.comma = false;
    }

    /// Ends the current array (`]`).
    pub fn end_array(&mut self) {
        self.out.push(b']');
        self.comma = true;
    }

    /// Writes an object key and its colon; the next value written is the
    /// member's value.
    pub fn key(&mut self, key: &str) {
        self.separator();
        self.quoted(key);
        self.out.push(b':');
        self.comma = false;
    }

    /// Writes an object member: the key, then `value`.
    pub fn member<T: WriteJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.key(key);
        value.write_json(self);
    }

    /// Writes an object member if `value` is `Some`; a `None` member is left
    /// out entirely, which is how AWS expects unset optional members.
    pub fn member_opt<T: WriteJson>(&mut self, key: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.member(key, value);
        }
    }

    /// Writes a string value, escaped.
    pub fn string(&mut self, s: &str) {
        self.separator();
        self.quoted(s);
        self.comma = true;
    }

    /// Writes `"s"`, escaping what JSON requires. Runs that need no
    /// escaping are found eight bytes at a time and copied with one
    /// `extend_from_slice` each; the escape letter of a byte comes from the
    /// 256-entry [`ESCAPE`] table.
    fn quoted(&mut self, s: &str) {
        let mut rest = s.as_bytes();
        self.out.reserve(rest.len() + 2);
        self.out.push(b'"');
        while let Some(index) = find_string_stop(rest) {
            let (run, tail) = rest.split_at(index);
            self.out.extend_from_slice(run);
            let Some((&byte, tail)) = tail.split_first() else {
                break;
            };
            match ESCAPE[usize::from(byte)] {
                b'u' => self.out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX_DIGITS[usize::from(byte >> 4)],
                    HEX_DIGITS[usize::from(byte & 0xf)],
                ]),
                letter => self.out.extend_from_slice(&[b'\\', letter]),
            }
            rest = tail;
        }
        self.out.extend_from_slice(rest);
        self.out.push(b'"');
    }

    /// Writes `true` or `false`.
    pub fn bool(&mut self, value: bool) {
        self.scalar(if value { b"true" } else { b"false" });
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.scalar(b"null");
    }

    /// Writes an integer; every Smithy integer type widens to `i64`.
    pub fn i64(&mut self, value: i64) {
        self.scalar(itoa::Buffer::new().format(value).as_bytes());
    }

    /// Writes an unsigned integer (the positive integers of a
    /// [`Document`](crate::Document), which may exceed `i64`).
    pub(crate) fn u64(&mut self, value: u64) {
        self.scalar(itoa::Buffer::new().format(value).as_bytes());
    }

    /// Writes a `double`: the shortest decimal that reads back as the same
    /// value, or the string `"NaN"`, `"Infinity"` or `"-Infinity"`, which is
    /// how AWS JSON protocols carry values that JSON numbers cannot.
    pub fn f64(&mut self, value: f64) {
        if value.is_finite() {
            self.scalar(zmij::Buffer::new().format_finite(value).as_bytes());
        } else {
            self.non_finite(value.is_nan(), value.is_sign_negative());
        }
    }

    /// Writes a `float` like [`JsonWriter::f64`], with the shortest decimal
    /// that reads back as the same `f32`: `1.1_f32` is `1.1`, not the
    /// `1.100000023841858` of its widening to `f64`.
    pub fn f32(&mut self, value: f32) {
        if value.is_finite() {
            self.scalar(zmij::Buffer::new().format_finite(value).as_bytes());
        } else {
            self.non_finite(value.is_nan(), value.is_sign_negative());
        }
    }

    fn non_finite(&mut self, nan: bool, negative: bool) {
        self.scalar(match (nan, negative) {
            (true, _) => b"\"NaN\"",
            (false, false) => b"\"Infinity\"",
            (false, true) => b"\"-Infinity\"",
        });
    }

    /// Writes the text of a `bigInteger` or `bigDecimal` as a number,
    /// unchanged, so no digit is lost. The caller guarantees it is a valid
    /// JSON number.
    pub fn raw_number(&mut self, text: &str) {
        self.scalar(text.as_bytes());
    }

    /// Writes `bytes` as a base64 string (a `blob`), encoded straight into
    /// the buffer.
    pub(crate) fn base64(&mut self, bytes: &[u8]) {
        self.separator();
        self.out.push(b'"');
        crate::base64::encode_into(bytes, &mut self.out);
        self.out.push(b'"');
        self.comma = true;
    }

    /// Writes a timestamp in `format`, the member's `timestampFormat`:
    ///
    /// - `EpochSeconds` (the JSON body default): a number, exact to the
    ///   nanosecond with no binary rounding: `1576540098`,
    ///   `1576540098.52`, `-0.5`.
    /// - `DateTime`: an RFC 3339 string in UTC, `"2019-12-16T23:48:18.52Z"`.
    /// - `HttpDate`: an IMF-fixdate string, `"Mon, 16 Dec 2019 23:48:18 GMT"`.
    ///
    /// The two text formats have four-digit years; an instant outside
    /// 0001..=9999 is written as a string of its epoch seconds instead
    /// (what `DateTime`'s `Display` does), because writing cannot fail and
    /// the server will reject such a value anyway.
    pub fn timestamp(&mut self, value: &DateTime, format: TimestampFormat) {
        self.separator();
        match format {
            TimestampFormat::EpochSeconds => self.epoch_seconds(value),
            TimestampFormat::DateTime => self.displayed(value),
            TimestampFormat::HttpDate => match value.fmt(TimestampFormat::HttpDate) {
                // An IMF-fixdate has nothing to escape.
                Ok(text) => {
                    self.out.push(b'"');
                    self.out.extend_from_slice(text.as_bytes());
                    self.out.push(b'"');
                }
                Err(_) => self.displayed(value),
            },
        }
        self.comma = true;
    }

    /// `"…"` around `DateTime`'s `Display`: RFC 3339, or epoch seconds for
    /// years without four digits; neither has anything to escape.
    fn displayed(&mut self, value: &DateTime) {
        self.out.push(b'"');
        // Writing to a `Vec<u8>` cannot fail.
        let _ = write!(self.out, "{value}");
        self.out.push(b'"');
    }

    /// Whole seconds, then `.` and the nanoseconds without trailing zeros,
    /// both printed from integers so that no digit is invented or lost.
    fn epoch_seconds(&mut self, value: &DateTime) {
        let (seconds, nanos) = (value.secs(), value.subsec_nanos());
        let mut buffer = itoa::Buffer::new();
        if seconds < 0 && nanos > 0 {
            // Stored rounded down: -1 s + 0.5 s is written "-0.5".
            self.out.push(b'-');
            let whole = seconds.unsigned_abs() - 1;
            self.out.extend_from_slice(buffer.format(whole).as_bytes());
            self.fraction(1_000_000_000 - nanos);
        } else {
            self.out
                .extend_from_slice(buffer.format(seconds).as_bytes());
            self.fraction(nanos);
        }
    }

    /// `.` and the nine digits of `nanos` without trailing zeros; nothing
    /// for zero.
    fn fraction(&mut self, nanos: u32) {
        if nanos == 0 {
            return;
        }
        let mut digits = [b'0'; 9];
        let mut rest = nanos;
        for digit in digits.iter_mut().rev() {
            // `rest % 10` is a single digit.
            *digit = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        let len = 9 - count_trailing_zero_digits(nanos);
        self.out.push(b'.');
        self.out.extend_from_slice(&digits[..len]);
    }

    /// Writes an object member holding a timestamp in `format` (see
    /// [`JsonWriter::timestamp`]), for members whose `timestampFormat`
    /// differs from the body default.
    pub fn member_timestamp(&mut self, key: &str, value: &DateTime, format: TimestampFormat) {
        self.key(key);
        self.timestamp(value, format);
    }

    /// Like [`JsonWriter::member_timestamp`], leaving the member out when
    /// `value` is `None`.
    pub fn member_timestamp_opt(
        &mut self,
        key: &str,
        value: &Option<DateTime>,
        format: TimestampFormat,
    ) {
        if let Some(value) = value {
            self.member_timestamp(key, value, format);
        }
    }
}

/// How many decimal zeros `value` ends with, at most 9 (so that zero,
/// which never reaches here, cannot loop forever).
fn count_trailing_zero_digits(mut value: u32) -> usize {
    let mut count = 0;
    while value % 10 == 0 && count < 9 {
        value /= 10;
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(write: impl FnOnce(&mut JsonWriter)) -> String {
        let mut w = JsonWriter::new();
        write(&mut w);
        String::from_utf8(w.into_bytes()).unwrap_or_else(|e| panic!("not UTF-8: {e}"))
    }

    #[test]
    fn commas_without_a_stack() {
        let text = written(|w| {
            w.begin_array();
            w.begin_object();
            w.end_object();
            w.begin_object();
            w.key("a");
            w.begin_array();
            w.end_array();
            w.key("b");
            w.begin_array();
            w.i64(1);
            w.begin_object();
            w.member("x", &true);
            w.member("y", &());
            w.end_object();
            w.null();
            w.end_array();
            w.member("c", "d");
            w.end_object();
            w.string("s");
            w.end_array();
        });
        assert_eq!(
            text,
            r#"[{},{"a":[],"b":[1,{"x":true,"y":null},null],"c":"d"},"s"]"#
        );
        assert_eq!(written(|w| w.i64(-5)), "-5");
        assert_eq!(JsonWriter::default().into_bytes(), b"");
        assert_eq!(JsonWriter::with_capacity(64).into_bytes(), b"");
    }

    /// `()` as `null`, only to test `member` with an arbitrary value.
    impl WriteJson for () {
        fn write_json(&self, w: &mut JsonWriter) {
            w.null();
        }
    }

    #[test]
    fn member_opt_omits_none() {
        let text = written(|w| {
            w.begin_object();
            w.member_opt::<bool>("a", &None);
            w.member_opt("b", &Some(false));
            w.member_opt::<bool>("c", &None);
            w.member_opt("d", &Some(2_i32));
            w.end_object();
        });
        assert_eq!(text, r#"{"b":false,"d":2}"#);
        let empty = written(|w| {
            w.begin_object();
            w.member_opt::<bool>("a", &None);
            w.end_object();
        });
        assert_eq!(empty, "{}");
    }

    #[test]
    fn escapes() {
        let cases = [
            ("plain", r#""plain""#),
            ("", r#""""#),
            (
                "quote\" backslash\\ slash/",
                r#""quote\" backslash\\ slash/""#,
            ),
            ("\u{8}\u{c}\n\r\t", r#""\b\f\n\r\t""#),
            ("\u{0}\u{1}\u{1f}", r#""\u0000\u0001\u001f""#),
            (
                "\u{7f} \u{2028}\u{2029} é 😀",
                "\"\u{7f} \u{2028}\u{2029} é 😀\"",
            ),
            ("a\"", r#""a\"""#),
            ("\"a", r#""\"a""#),
        ];
        for (input, expected) in cases {
            assert_eq!(written(|w| w.string(input)), expected, "{input:?}");
        }
        assert_eq!(written(|w| w.key("k\"")), r#""k\"":"#);
    }

    #[test]
    fn integers() {
        assert_eq!(written(|w| w.i64(i64::MIN)), "-9223372036854775808");
        assert_eq!(written(|w| w.i64(i64::MAX)), "9223372036854775807");
        assert_eq!(written(|w| w.u64(u64::MAX)), "18446744073709551615");
        assert_eq!(written(|w| w.i64(0)), "0");
    }

    #[test]
    fn floats() {
        assert_eq!(written(|w| w.f64(1.5)), "1.5");
        assert_eq!(written(|w| w.f64(-0.0)), "-0.0");
        assert_eq!(written(|w| w.f64(1e300)), "1e+300");
        assert_eq!(written(|w| w.f64(5e-324)), "5e-324");
        assert_eq!(written(|w| w.f64(0.1)), "0.1");
        assert_eq!(written(|w| w.f64(f64::NAN)), r#""NaN""#);
        assert_eq!(written(|w| w.f64(f64::INFINITY)), r#""Infinity""#);
        assert_eq!(written(|w| w.f64(f64::NEG_INFINITY)), r#""-Infinity""#);
        assert_eq!(written(|w| w.f32(1.1)), "1.1");
        assert_eq!(written(|w| w.f32(f32::MAX)), "3.4028235e+38");
        assert_eq!(written(|w| w.f32(-f32::NAN)), r#""NaN""#);
        assert_eq!(written(|w| w.f32(f32::INFINITY)), r#""Infinity""#);
        assert_eq!(written(|w| w.f32(f32::NEG_INFINITY)), r#""-Infinity""#);
        let whole = written(|w| w.f64(1.0));
        assert!(whole == "1.0" || whole == "1", "{whole}");
    }

    #[test]
    fn raw_numbers_and_base64() {
        assert_eq!(
            written(|w| {
                w.begin_array();
                w.raw_number("123456789012345678901234567890");
                w.raw_number("-1.5e-300");
                w.base64(b"foobar");
                w.base64(b"");
                w.end_array();
            }),
            r#"[123456789012345678901234567890,-1.5e-300,"Zm9vYmFy",""]"#
        );
    }

    fn epoch(seconds: i64, nanos: u32) -> String {
        written(|w| {
            w.timestamp(
                &DateTime::from_secs_and_nanos(seconds, nanos),
                TimestampFormat::EpochSeconds,
            )
        })
    }

    #[test]
    fn epoch_seconds_are_exact() {
        assert_eq!(epoch(1_576_540_098, 520_000_000), "1576540098.52");
        assert_eq!(epoch(123, 1), "123.000000001");
        assert_eq!(epoch(123, 100_000_000), "123.1");
        assert_eq!(epoch(123, 999_999_999), "123.999999999");
        assert_eq!(epoch(1_576_540_098, 0), "1576540098");
        assert_eq!(epoch(0, 0), "0");
        assert_eq!(epoch(-1, 500_000_000), "-0.5");
        assert_eq!(epoch(-2, 0), "-2");
        assert_eq!(epoch(-2, 1), "-1.999999999");
        assert_eq!(epoch(i64::MIN, 0), "-9223372036854775808");
        assert_eq!(epoch(i64::MIN, 1), "-9223372036854775807.999999999");
        assert_eq!(
            epoch(i64::MAX, 999_999_999),
            "9223372036854775807.999999999"
        );
        for (seconds, nanos) in [(1_576_540_098, 520_000_000), (-1, 1), (i64::MIN, 7)] {
            let date_time = DateTime::from_secs_and_nanos(seconds, nanos);
            assert_eq!(
                Ok(epoch(seconds, nanos)),
                date_time.fmt(TimestampFormat::EpochSeconds)
            );
        }
    }

    #[test]
    fn text_timestamps() {
        let date_time = DateTime::from_secs_and_nanos(1_576_540_098, 520_000_000);
        let text = written(|w| {
            w.begin_object();
            w.member_timestamp("a", &date_time, TimestampFormat::DateTime);
            w.member_timestamp("b", &date_time, TimestampFormat::HttpDate);
            w.member_timestamp_opt("c", &None, TimestampFormat::HttpDate);
            w.member_timestamp_opt("d", &Some(date_time), TimestampFormat::EpochSeconds);
            w.end_object();
        });
        assert_eq!(
            text,
            r#"{"a":"2019-12-16T23:48:18.52Z","b":"Mon, 16 Dec 2019 23:48:18 GMT","d":1576540098.52}"#
        );
        // No four-digit year: the epoch seconds, as a string.
        for format in [TimestampFormat::DateTime, TimestampFormat::HttpDate] {
            assert_eq!(
                written(|w| w.timestamp(&DateTime::MAX, format)),
                r#""9223372036854775807.999999999""#
            );
        }
    }
}
