//! [`JsonReader`]: a pull parser over a byte slice.

use std::borrow::Cow;
use std::str;

use super::scan::find_string_stop;
use super::{place, JsonError, ReadJson};
use crate::{DateTime, TimestampFormat};

/// How deeply [`JsonReader::begin_object`] and [`JsonReader::begin_array`]
/// may nest.
///
/// Typed reading recurses once per level (a recursive shape, a
/// [`Document`](crate::Document)), so without a limit a hostile body of a
/// million `[` would overflow the stack. 128 is serde_json's limit and far
/// beyond any real AWS response. [`JsonReader::skip_value`] does not
/// recurse, so unknown members may nest without limit.
///
/// The limit bounds stack bytes, not only levels, because what a level
/// keeps on the stack does not grow with the width of a shape: readers
/// fill structures and unions in place ([`ReadJson::read_json_into`]),
/// make their default values in frames of their own, and keep one
/// `Result` per member match rather than one per member. Measured in a
/// debug build (whose frames are the largest): about 1 KiB per level for a
/// structure of 300 members, 2.5 KiB for a document array, so 128 levels
/// take under 0.5 MiB and fit a 2 MiB thread (tokio's worker default) with
/// room to spare; `tests/tests/nesting.rs` proves it for every kind of
/// recursion.
pub const MAX_DEPTH: usize = 128;

/// The kind of the next JSON value, as told by its first byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An object, `{…}`.
    Object,
    /// An array, `[…]`.
    Array,
}

/// Reads one JSON document by pulling values in the order the caller
/// expects them, the way generated deserializers do:
///
/// ```
/// use awsgen_runtime::__private::json::{JsonError, JsonReader};
///
/// let mut r = JsonReader::new(br#"{"name": "thing", "size": 3, "extra": [1, {"x": null}]}"#);
/// let (mut name, mut size) = (String::new(), 0_i32);
/// r.begin_object()?;
/// while let Some(key) = r.next_key()? {
///     match &*key {
///         "name" => r.read_into(&mut name)?,
///         "size" => size = r.i32()?,
///         _ => r.skip_value()?,
///     }
/// }
/// r.finish()?;
/// assert_eq!((name.as_str(), size), ("thing", 3));
/// # Ok::<(), JsonError>(())
/// ```
///
/// Strings and keys are borrowed from the input when they contain no
/// escapes. Every method validates what it consumes, so a malformed body
/// gives a [`JsonError`] at the offending byte, never a panic. The reader
/// keeps no stack: whether a `,` is due is one flag, valid because a
/// container is only left after one of its members was read.
pub struct JsonReader<'a> {
    input: &'a [u8],
    pos: usize,
    /// Open containers entered through `begin_object`/`begin_array`.
    depth: usize,
    /// Whether the current container has had no member yet (so no `,`).
    first: bool,
}

impl<'a> JsonReader<'a> {
    /// A reader at the start of `input`.
    pub fn new(input: &'a [u8]) -> Self {
        Self {
            input,
            pos: 0,
            depth: 0,
            first: false,
        }
    }

    /// The byte offset of the next byte to read, for error messages.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// An error at the current offset, for generated code that finds a
    /// problem the reader cannot know about (a union with two members set).
    pub fn error(&self, message: impl Into<String>) -> JsonError {
        JsonError::new(self.pos, message)
    }

    /// The input from the current offset on.
    fn rest(&self) -> &'a [u8] {
        self.input.get(self.pos..).unwrap_or_default()
    }

    /// Skips JSON whitespace and returns the next byte without consuming
    /// it, or `None` at the end of the input.
    fn skip_ws(&mut self) -> Option<u8> {
        while let Some(&byte) = self.input.get(self.pos) {
            match byte {
                b' ' | b'\n' | b'\r' | b'\t' => self.pos += 1,
                _ => return Some(byte),
            }
        }
        None
    }

    /// "expected {expected}, found {what is at the current offset}".
    fn unexpected(&self, expected: &str) -> JsonError {
        let rest = self.rest();
        let found = match rest.first() {
            None => "the end of the input".to_owned(),
            Some(b'"') => "a string".to_owned(),
            Some(b'{') => "an object".to_owned(),
            Some(b'[') => "an array".to_owned(),
            Some(b'-' | b'0'..=b'9') => "a number".to_owned(),
            Some(_) if rest.starts_with(b"true") || rest.starts_with(b"false") => {
                "a boolean".to_owned()
            }
            Some(_) if rest.starts_with(b"null") => "null".to_owned(),
            Some(&byte) if byte.is_ascii_graphic() => format!("'{}'", char::from(byte)),
            Some(&byte) => format!("byte 0x{byte:02x}"),
        };
        self.error(format!("expected {expected}, found {found}"))
    }

    /// The kind of the next value, after skipping whitespace; nothing is
    /// consumed.
    ///
    /// # Errors
    ///
    /// At the end of the input, or when the next byte cannot start a value.
    pub fn peek(&mut self) -> Result<ValueKind, JsonError> {
        match self.skip_ws() {
            Some(b'n') => Ok(ValueKind::Null),
            Some(b't' | b'f') => Ok(ValueKind::Bool),
            Some(b'-' | b'0'..=b'9') => Ok(ValueKind::Number),
            Some(b'"') => Ok(ValueKind::String),
            Some(b'{') => Ok(ValueKind::Object),
            Some(b'[') => Ok(ValueKind::Array),
            _ => Err(self.unexpected("a value")),
        }
    }

    /// Consumes `word` (`true`, `false`, `null`) at the current offset.
    fn literal(&mut self, word: &str) -> Result<(), JsonError> {
        if self.rest().starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.error(format!("expected `{word}`")))
        }
    }

    /// Consumes the next value and returns `true` if it is `null`;
    /// otherwise consumes nothing and returns `false` (also at the end of
    /// the input, which the next read then reports).
    ///
    /// # Errors
    ///
    /// When the next value starts with `n` but is not `null`.
    pub fn take_null(&mut self) -> Result<bool, JsonError> {
        if self.skip_ws() == Some(b'n') {
            self.literal("null")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Counts one more level of typed nesting, or fails past [`MAX_DEPTH`].
    fn enter(&mut self) -> Result<(), JsonError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(format!(
                "nesting deeper than {MAX_DEPTH} levels in a typed value"
            )));
        }
        self.depth += 1;
        self.first = true;
        Ok(())
    }

    /// Leaves a container whose closing bracket was just consumed.
    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.first = false;
    }

    /// Consumes the `{` that starts an object; then call
    /// [`JsonReader::next_key`] until it returns `None`.
    ///
    /// # Errors
    ///
    /// When the next value is not an object, or nesting exceeds
    /// [`MAX_DEPTH`].
    pub fn begin_object(&mut self) -> Result<(), JsonError> {
        if self.skip_ws() != Some(b'{') {
            return Err(self.unexpected("an object"));
        }
        self.enter()?;
        self.pos += 1;
        Ok(())
    }

    /// The next key of the current object, with its `:` consumed, so the
    /// member's value is next; `None` once the closing `}` is consumed.
    ///
    /// The key is borrowed from the input unless it contains escapes.
    /// Each key's value must be consumed (read or skipped) before the next
    /// call.
    ///
    /// # Errors
    ///
    /// On anything but a `,`-separated `"key":` or the closing `}`.
    pub fn next_key(&mut self) -> Result<Option<Cow<'a, str>>, JsonError> {
        let mut next = self.skip_ws();
        if next == Some(b'}') {
            self.pos += 1;
            self.leave();
            return Ok(None);
        }
        if !self.first {
            if next != Some(b',') {
                return Err(self.unexpected("',' or '}'"));
            }
            self.pos += 1;
            next = self.skip_ws();
        }
        self.first = false;
        if next != Some(b'"') {
            return Err(self.unexpected("a string key"));
        }
        let key = self.string_at_quote()?;
        if self.skip_ws() != Some(b':') {
            return Err(self.unexpected("':'"));
        }
        self.pos += 1;
        Ok(Some(key))
    }

    /// Consumes the `[` that starts an array; then call
    /// [`JsonReader::next_element`] until it returns `false`.
    ///
    /// # Errors
    ///
    /// When the next value is not an array, or nesting exceeds
    /// [`MAX_DEPTH`].
    pub fn begin_array(&mut self) -> Result<(), JsonError> {
        if self.skip_ws() != Some(b'[') {
            return Err(self.unexpected("an array"));
        }
        self.enter()?;
        self.pos += 1;
        Ok(())
    }

    /// `true` when another element of the current array follows (its `,`
    /// consumed, so the element is next); `false` once the closing `]` is
    /// consumed.
    ///
    /// # Errors
    ///
    /// On anything but a `,` or the closing `]` after an element.
    pub fn next_element(&mut self) -> Result<bool, JsonError> {
        let next = self.skip_ws();
        if next == Some(b']') {
            self.pos += 1;
            self.leave();
            return Ok(false);
        }
        if !self.first {
            if next != Some(b',') {
                return Err(self.unexpected("',' or ']'"));
            }
            self.pos += 1;
        }
        self.first = false;
        Ok(true)
    }

    /// Reads a string, borrowed from the input when it has no escapes.
    ///
    /// # Errors
    ///
    /// When the next value is not a string, or the string is unterminated,
    /// holds invalid UTF-8, an unescaped control character, an unknown
    /// escape or a lone surrogate (`\ud800` without its pair).
    pub fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        if self.skip_ws() != Some(b'"') {
            return Err(self.unexpected("a string"));
        }
        self.string_at_quote()
    }

    /// Reads the string whose opening quote is at the current offset.
    fn string_at_quote(&mut self) -> Result<Cow<'a, str>, JsonError> {
        let start = self.pos + 1;
        let body = self.input.get(start..).unwrap_or_default();
        let Some(stop) = find_string_stop(body) else {
            self.pos = self.input.len();
            return Err(self.error("unterminated string"));
        };
        if body.get(stop) != Some(&b'"') {
            // An escape or a control character: take the slow path.
            return self.string_escaped(start).map(Cow::Owned);
        }
        let text = utf8(&body[..stop], start)?;
        self.pos = start + stop + 1;
        Ok(Cow::Borrowed(text))
    }

    /// Reads a string from `start` (just after its opening quote) that
    /// needs unescaping. Runs between escapes are validated and copied
    /// whole.
    fn string_escaped(&mut self, start: usize) -> Result<String, JsonError> {
        let mut out = String::new();
        self.pos = start;
        loop {
            let rest = self.rest();
            let Some(stop) = find_string_stop(rest) else {
                self.pos = self.input.len();
                return Err(self.error("unterminated string"));
            };
            out.push_str(utf8(&rest[..stop], self.pos)?);
            self.pos += stop;
            match rest[stop] {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => out.push(self.escape()?),
                _ => return Err(self.error("control character in a string (it must be escaped)")),
            }
        }
    }

    /// Decodes the escape whose backslash is at the current offset and
    /// consumes it; a surrogate pair (`\ud83d\ude00`) counts as one.
    fn escape(&mut self) -> Result<char, JsonError> {
        let Some(&letter) = self.input.get(self.pos + 1) else {
            return Err(self.error("unterminated string"));
        };
        let simple = match letter {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return Err(self.error("invalid escape in a string")),
        };
        self.pos += 2;
        Ok(simple)
    }

    /// Decodes `\uXXXX`, or a `\uXXXX\uXXXX` surrogate pair, at the current
    /// offset.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let high = self.hex4(self.pos + 2)?;
        let code = match high {
            0xd800..=0xdbff => {
                let low = match self.input.get(self.pos + 6..self.pos + 8) {
                    Some(b"\\u") => self.hex4(self.pos + 8)?,
                    _ => 0,
                };
                if !(0xdc00..=0xdfff).contains(&low) {
                    return Err(self.error(format!(
                        "lone surrogate \\u{high:04x} in a string (a high surrogate must be followed by a low one)"
                    )));
                }
                self.pos += 6;
                0x1_0000 + ((u32::from(high) - 0xd800) << 10) + (u32::from(low) - 0xdc00)
            }
            0xdc00..=0xdfff => {
                return Err(self.error(format!(
                    "lone surrogate \\u{high:04x} in a string (a low surrogate without a high one)"
                )))
            }
            _ => u32::from(high),
        };
        self.pos += 6;
        // Surrogates were handled above, so every code is a valid char.
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape in a string"))
    }

    /// The value of the four hex digits at `at`.
    fn hex4(&self, at: usize) -> Result<u16, JsonError> {
        self.input
            .get(at..at + 4)
            .and_then(|digits| {
                digits.iter().try_fold(0_u16, |value, &digit| {
                    let nibble = char::from(digit).to_digit(16)?;
                    // `to_digit(16)` is below 16, so this is lossless.
                    Some(value << 4 | nibble as u16)
                })
            })
            .ok_or_else(|| self.error("a \\u escape needs four hex digits"))
    }

    /// Consumes a number in strict JSON syntax,
    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, at the current
    /// offset. Its digits are accumulated while scanning, so integers and
    /// most floats need no second pass over the text.
    fn scan_number(&mut self) -> Result<ScannedNumber<'a>, JsonError> {
        let input = self.input;
        let start = self.pos;
        let digits = |at: usize| {
            let run = input.get(at..).unwrap_or_default();
            let len = run.iter().take_while(|byte| byte.is_ascii_digit()).count();
            run.get(..len).unwrap_or_default()
        };
        let negative = input.get(start) == Some(&b'-');
        let mut end = start + usize::from(negative);
        let whole = digits(end);
        if whole.is_empty() {
            return Err(JsonError::new(end, "expected a digit"));
        }
        if whole.len() > 1 && whole[0] == b'0' {
            return Err(JsonError::new(end, "a number cannot have leading zeros"));
        }
        end += whole.len();
        let mut mantissa = accumulate(Some(0), whole);
        let mut exponent = 0_i32;
        let mut integer = true;
        if input.get(end) == Some(&b'.') {
            integer = false;
            let fraction = digits(end + 1);
            if fraction.is_empty() {
                return Err(JsonError::new(end + 1, "expected a digit after '.'"));
            }
            end += 1 + fraction.len();
            mantissa = accumulate(mantissa, fraction);
            exponent = i32::try_from(fraction.len()).map_or(i32::MIN, |len| -len);
        }
        if let Some(b'e' | b'E') = input.get(end) {
            integer = false;
            end += 1;
            let sign = input.get(end).copied();
            if let Some(b'+' | b'-') = sign {
                end += 1;
            }
            let digits = digits(end);
            if digits.is_empty() {
                return Err(JsonError::new(end, "expected a digit in the exponent"));
            }
            end += digits.len();
            let value = digits.iter().fold(0_i32, |value, digit| {
                value
                    .saturating_mul(10)
                    .saturating_add(i32::from(digit - b'0'))
            });
            let value = if sign == Some(b'-') { -value } else { value };
            exponent = exponent.saturating_add(value);
        }
        let text = input.get(start..end).unwrap_or_default();
        self.pos = end;
        Ok(ScannedNumber {
            // Only ASCII was consumed, so this does not fail.
            text: utf8(text, start)?,
            negative,
            integer,
            mantissa,
            exponent,
        })
    }

    /// Reads a `true` or `false`.
    ///
    /// # Errors
    ///
    /// When the next value is not a boolean.
    pub fn bool(&mut self) -> Result<bool, JsonError> {
        match self.skip_ws() {
            Some(b't') => self.literal("true").map(|()| true),
            Some(b'f') => self.literal("false").map(|()| false),
            _ => Err(self.unexpected("a boolean")),
        }
    }

    /// Reads an integer: a JSON number without fraction or exponent.
    ///
    /// Strict, because AWS never sends `1.0`, `1e3` or `"5"` for an
    /// integer and accepting them would hide a model mismatch. `-0` is 0.
    ///
    /// # Errors
    ///
    /// When the next value is not an integer, or does not fit in an `i64`.
    pub fn i64(&mut self) -> Result<i64, JsonError> {
        self.integer("a 64-bit integer")
    }

    /// Reads an integer that fits in an `i32` (see [`JsonReader::i64`]).
    ///
    /// # Errors
    ///
    /// When the next value is not an integer, or is out of range.
    pub fn i32(&mut self) -> Result<i32, JsonError> {
        self.integer("a 32-bit integer")
    }

    /// Reads an integer that fits in an `i16` (see [`JsonReader::i64`]).
    ///
    /// # Errors
    ///
    /// When the next value is not an integer, or is out of range.
    pub fn i16(&mut self) -> Result<i16, JsonError> {
        self.integer("a 16-bit integer")
    }

    /// Reads an integer that fits in an `i8` (see [`JsonReader::i64`]).
    ///
    /// # Errors
    ///
    /// When the next value is not an integer, or is out of range.
    pub fn i8(&mut self) -> Result<i8, JsonError> {
        self.integer("an 8-bit integer")
    }

    /// Reads an integer and checks that it fits in `T`, named `what`.
    fn integer<T: TryFrom<i64>>(&mut self, what: &str) -> Result<T, JsonError> {
        let Some(b'-' | b'0'..=b'9') = self.skip_ws() else {
            return Err(self.unexpected("an integer"));
        };
        let start = self.pos;
        let number = self.scan_number()?;
        if !number.integer {
            return Err(JsonError::new(
                start,
                format!("expected an integer, found {}", snippet(number.text)),
            ));
        }
        number
            .to_i64()
            .and_then(|value| T::try_from(value).ok())
            .ok_or_else(|| {
                JsonError::new(
                    start,
                    format!("{} is out of range for {what}", snippet(number.text)),
                )
            })
    }

    /// Reads a `double`: a number, or one of the strings `"NaN"`,
    /// `"Infinity"`, `"-Infinity"` by which AWS JSON protocols send values
    /// that JSON numbers cannot hold.
    ///
    /// # Errors
    ///
    /// When the next value is neither, or is a number too large for an
    /// `f64` (`1e400`), which would otherwise silently become infinity.
    pub fn f64(&mut self) -> Result<f64, JsonError> {
        self.float()
    }

    /// Reads a `float` like [`JsonReader::f64`], rounding the decimal text
    /// straight to the nearest `f32`.
    ///
    /// # Errors
    ///
    /// When the next value is not a number or one of the three strings, or
    /// is a number too large for an `f32` (`1e39`).
    pub fn f32(&mut self) -> Result<f32, JsonError> {
        self.float()
    }

    /// Implements [`JsonReader::f64`] and [`JsonReader::f32`].
    fn float<T: Float>(&mut self) -> Result<T, JsonError> {
        match self.skip_ws() {
            Some(b'"') => {
                let start = self.pos;
                let text = self.string_at_quote()?;
                match &*text {
                    "NaN" => Ok(T::NAN),
                    "Infinity" => Ok(T::INFINITY),
                    "-Infinity" => Ok(-T::INFINITY),
                    other => Err(JsonError::new(
                        start,
                        format!(
                            "expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", found the string {:?}",
                            snippet(other)
                        ),
                    )),
                }
            }
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                let number = self.scan_number()?;
                number.to_float().ok_or_else(|| {
                    JsonError::new(
                        start,
                        format!("{} is out of range for {}", snippet(number.text), T::NAME),
                    )
                })
            }
            _ => Err(self.unexpected("a number")),
        }
    }

    /// The text of the next value, which must be a JSON number, exactly as
    /// sent: for `bigInteger` and `bigDecimal`, which must not lose digits.
    ///
    /// # Errors
    ///
    /// When the next value is not a number.
    pub fn number_text(&mut self) -> Result<&'a str, JsonError> {
        let Some(b'-' | b'0'..=b'9') = self.skip_ws() else {
            return Err(self.unexpected("a number"));
        };
        self.scan_number().map(|number| number.text)
    }

    /// The next number, scanned, for [`Document`](crate::Document)
    /// numbers.
    pub(crate) fn number(&mut self) -> Result<ScannedNumber<'a>, JsonError> {
        let Some(b'-' | b'0'..=b'9') = self.skip_ws() else {
            return Err(self.unexpected("a number"));
        };
        self.scan_number()
    }

    /// Reads a timestamp in whichever form it was sent, as AWS clients do,
    /// whatever the member's `timestampFormat` says:
    ///
    /// - a number of epoch seconds, exact to the nanosecond when written in
    ///   decimal (`1717228800.123`), or with an exponent (`1.7172288e9`);
    /// - a string of epoch seconds (`"1717228800"`);
    /// - an RFC 3339 string with any UTC offset (`"2024-06-01T10:00:00+02:00"`);
    /// - an HTTP date (`"Sat, 01 Jun 2024 08:00:00 GMT"`).
    ///
    /// # Errors
    ///
    /// When the next value is neither a number nor a string, or does not
    /// parse as a timestamp (`"yesterday"`, `-1e300`).
    pub fn timestamp(&mut self) -> Result<DateTime, JsonError> {
        let start = match self.skip_ws() {
            Some(b'"' | b'-' | b'0'..=b'9') => self.pos,
            _ => return Err(self.unexpected("a timestamp")),
        };
        let parsed = if self.rest().first() == Some(&b'"') {
            let text = self.string_at_quote()?;
            DateTime::parse(&text, guess_timestamp_format(&text))
        } else {
            let number = self.scan_number()?;
            DateTime::parse(number.text, TimestampFormat::EpochSeconds)
        };
        parsed.map_err(|error| JsonError::new(start, error.to_string()))
    }

    /// Consumes the next value, whatever it is, validating its syntax: for
    /// members the generated code does not know.
    ///
    /// Iterative, so an unknown member nested 100,000 levels deep is skipped
    /// without using the stack, and [`MAX_DEPTH`] does not apply: the only
    /// memory used is one bit per open level.
    ///
    /// # Errors
    ///
    /// When the value is malformed or truncated.
    pub fn skip_value(&mut self) -> Result<(), JsonError> {
        // One bit per open container: set for an object, clear for an array.
        let mut open = BitStack::default();
        loop {
            // A value is due here.
            match self.skip_ws() {
                Some(b'{') => {
                    self.pos += 1;
                    if self.skip_ws() == Some(b'}') {
                        self.pos += 1;
                    } else {
                        open.push(true);
                        self.skip_key()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.pos += 1;
                    if self.skip_ws() == Some(b']') {
                        self.pos += 1;
                    } else {
                        open.push(false);
                        continue;
                    }
                }
                Some(b'"') => {
                    self.string_at_quote()?;
                }
                Some(b't') => self.literal("true")?,
                Some(b'f') => self.literal("false")?,
                Some(b'n') => self.literal("null")?,
                Some(b'-' | b'0'..=b'9') => {
                    self.scan_number()?;
                }
                _ => return Err(self.unexpected("a value")),
            }
            // A value ended: close containers until one has another member.
            loop {
                let Some(in_object) = open.top() else {
                    return Ok(());
                };
                match self.skip_ws() {
                    Some(b',') => {
                        self.pos += 1;
                        if in_object {
                            self.skip_key()?;
                        }
                        break;
                    }
                    Some(b'}') if in_object => {
                        self.pos += 1;
                        open.pop();
                    }
                    Some(b']') if !in_object => {
                        self.pos += 1;
                        open.pop();
                    }
                    _ if in_object => return Err(self.unexpected("',' or '}'")),
                    _ => return Err(self.unexpected("',' or ']'")),
                }
            }
        }
    }

    /// Consumes `"key":` inside a skipped object.
    fn skip_key(&mut self) -> Result<(), JsonError> {
        if self.skip_ws() != Some(b'"') {
            return Err(self.unexpected("a string key"));
        }
        self.string_at_quote()?;
        if self.skip_ws() != Some(b':') {
            return Err(self.unexpected("':'"));
        }
        self.pos += 1;
        Ok(())
    }

    /// Reads a `T`; `null` is an error unless `T` accepts it (`Option`,
    /// [`Document`](crate::Document)).
    ///
    /// # Errors
    ///
    /// Whatever `T`'s reader reports.
    pub fn read<T: ReadJson>(&mut self) -> Result<T, JsonError> {
        T::read_json(self)
    }

    /// Reads a `T`, or `None` for `null`: an optional member.
    ///
    /// # Errors
    ///
    /// Whatever `T`'s reader reports.
    pub fn read_opt<T: ReadJson>(&mut self) -> Result<Option<T>, JsonError> {
        if self.take_null()? {
            Ok(None)
        } else {
            T::read_json(self).map(Some)
        }
    }

    /// Reads a `T` into `slot`, leaving it unchanged on `null`: a required
    /// member, whose `null` Smithy's client error correction turns into the
    /// default the slot already holds. Otherwise the slot is reset to its
    /// default (a duplicate key replaces, never merges) and read into in
    /// place ([`ReadJson::read_json_into`]).
    ///
    /// # Errors
    ///
    /// Whatever `T`'s reader reports.
    pub fn read_into<T: ReadJson + Default>(&mut self, slot: &mut T) -> Result<(), JsonError> {
        if self.take_null()? {
            return Ok(());
        }
        T::read_json_into(self, place::reset(slot))
    }

    /// Reads an optional member into `slot`: `None` for `null`, else
    /// `Some` of the value, read in place ([`ReadJson::read_json_into`]).
    ///
    /// # Errors
    ///
    /// Whatever `T`'s reader reports.
    pub fn read_opt_into<T: ReadJson + Default>(
        &mut self,
        slot: &mut Option<T>,
    ) -> Result<(), JsonError> {
        if self.take_null()? {
            *slot = None;
            return Ok(());
        }
        T::read_json_into(self, place::fresh_some(slot))
    }

    /// For a union reader, after [`next_key`](Self::next_key): whether the
    /// value of member `key` of union `union` is to be read. A `null`
    /// member does not count as set (Smithy), and `__type`, which some
    /// services add, is no member: both are consumed and give `false`.
    /// `set` remembers the member read, so that a second, different one is
    /// an error; the same key twice is a duplicate key, and the last wins.
    ///
    /// # Errors
    ///
    /// A second member set, naming the union and both members; or a
    /// malformed `null` or `__type` value.
    #[allow(
        clippy::ptr_arg,
        reason = "the first key is kept as a clone of the `Cow`, borrowed from the input when it can be"
    )]
    pub fn union_member(
        &mut self,
        union: &str,
        set: &mut Option<Cow<'a, str>>,
        key: &Cow<'a, str>,
    ) -> Result<bool, JsonError> {
        if self.take_null()? {
            return Ok(false);
        }
        if key == "__type" {
            self.skip_value()?;
            return Ok(false);
        }
        match set {
            Some(first) if first != key => Err(self.error(format!(
                "union `{union}` has more than one member set: `{}` and `{}`",
                snippet(first),
                snippet(key)
            ))),
            Some(_) => Ok(true),
            None => {
                *set = Some(key.clone());
                Ok(true)
            }
        }
    }

    /// For a union reader, after its object: an error unless a member was
    /// set ([`union_member`](Self::union_member)).
    ///
    /// # Errors
    ///
    /// When no member (or only `null` ones) was set.
    pub fn union_end(&self, union: &str, set: Option<Cow<'a, str>>) -> Result<(), JsonError> {
        match set {
            Some(_) => Ok(()),
            None => Err(self.error(format!("union `{union}` has no member set"))),
        }
    }

    /// Reads a union member's value and sets `slot` to `variant(value)`.
    /// The value is read into a box, in place, and moved into the union
    /// afterwards, so a wide structure in a union variant never sits in
    /// the stack frame of a nested read.
    ///
    /// # Errors
    ///
    /// Whatever `T`'s reader reports; `slot` is then unchanged.
    pub fn read_variant<T: ReadJson + Default, U>(
        &mut self,
        slot: &mut U,
        variant: impl FnOnce(T) -> U,
    ) -> Result<(), JsonError> {
        let mut value = place::new_box::<T>();
        T::read_json_into(self, &mut value)?;
        place::set_variant(slot, variant, value);
        Ok(())
    }

    /// Checks that only whitespace remains after the value.
    ///
    /// # Errors
    ///
    /// When anything else follows (trailing garbage, a second value).
    pub fn finish(&mut self) -> Result<(), JsonError> {
        match self.skip_ws() {
            None => Ok(()),
            Some(_) => Err(self.unexpected("the end of the input")),
        }
    }

    /// The offset where the next value starts, after whitespace, for
    /// errors found after the value was consumed.
    pub(crate) fn value_offset(&mut self) -> usize {
        self.skip_ws();
        self.pos
    }

    /// Whether only whitespace remains.
    pub(crate) fn at_end(&mut self) -> bool {
        self.skip_ws().is_none()
    }
}

/// `text` as a float by the rules of a JSON body, for the text forms of
/// headers: a number in strict JSON syntax (no `+`, `.5`, `5.`, `inf` or
/// surrounding whitespace) that fits in `T`, or exactly `NaN`, `Infinity`
/// or `-Infinity` (unquoted). `None` for anything else, so `1e999` is an
/// error as in a body, never infinity.
pub(crate) fn float_from_text<T: Float>(text: &str) -> Option<T> {
    match text {
        "NaN" => return Some(T::NAN),
        "Infinity" => return Some(T::INFINITY),
        "-Infinity" => return Some(-T::INFINITY),
        _ => {}
    }
    if !matches!(text.as_bytes().first(), Some(b'-' | b'0'..=b'9')) {
        return None;
    }
    let mut reader = JsonReader::new(text.as_bytes());
    let number = reader.scan_number().ok()?;
    if reader.pos != text.len() {
        return None;
    }
    number.to_float()
}

/// A number as scanned: its text and, when they fit, its digits as one
/// integer and a decimal exponent (`-12.5e3` is `125 * 10^2`, negative).
pub(crate) struct ScannedNumber<'a> {
    /// The number's text, exactly as in the input.
    pub(crate) text: &'a str,
    negative: bool,
    /// Whether the number has neither fraction nor exponent.
    pub(crate) integer: bool,
    /// All digits before the exponent, without the point, or `None` when
    /// they do not fit in a `u64`.
    mantissa: Option<u64>,
    /// The power of ten that `mantissa` is multiplied by (saturated).
    exponent: i32,
}

impl ScannedNumber<'_> {
    /// The value of an integer that fits in an `i64` (`-0` is 0).
    pub(crate) fn to_i64(&self) -> Option<i64> {
        if !self.integer {
            return None;
        }
        let magnitude = self.mantissa?;
        if self.negative {
            // -2^63 is the one value whose magnitude does not fit in i64.
            0_i64.checked_sub_unsigned(magnitude)
        } else {
            i64::try_from(magnitude).ok()
        }
    }

    /// The value of a non-negative integer that fits in a `u64`.
    pub(crate) fn to_u64(&self) -> Option<u64> {
        if self.integer && !self.negative {
            self.mantissa
        } else {
            None
        }
    }

    /// The nearest `T` to the number, or `None` when it is too large for
    /// `T` (which would otherwise silently become infinity).
    pub(crate) fn to_float<T: Float>(&self) -> Option<T> {
        let value = match self.mantissa.and_then(|m| T::exact(m, self.exponent)) {
            Some(magnitude) if self.negative => -magnitude,
            Some(value) => value,
            None => self.text.parse::<T>().ok()?,
        };
        (value != T::INFINITY && value != -T::INFINITY).then_some(value)
    }
}

/// `mantissa * 10^len(digits) + digits`, or `None` on overflow.
fn accumulate(mantissa: Option<u64>, digits: &[u8]) -> Option<u64> {
    digits.iter().try_fold(mantissa?, |value, digit| {
        value.checked_mul(10)?.checked_add(u64::from(digit - b'0'))
    })
}

/// `f64` and `f32`, for the reader's float parsing.
pub(crate) trait Float:
    str::FromStr + Copy + PartialEq + std::ops::Neg<Output = Self>
{
    const NAN: Self;
    const INFINITY: Self;
    /// The Smithy name, for messages.
    const NAME: &'static str;

    /// `mantissa * 10^exponent` when one IEEE operation computes it exactly
    /// rounded (Clinger's fast path: the mantissa and the power of ten are
    /// both exact in `Self`); otherwise `None`, and the text is parsed.
    fn exact(mantissa: u64, exponent: i32) -> Option<Self>;
}

/// Powers of ten that are exact in an `f64`.
const POW10_F64: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Powers of ten that are exact in an `f32`.
const POW10_F32: [f32; 11] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

impl Float for f64 {
    const NAN: Self = f64::NAN;
    const INFINITY: Self = f64::INFINITY;
    const NAME: &'static str = "a double";

    fn exact(mantissa: u64, exponent: i32) -> Option<Self> {
        if mantissa > 1 << 53 {
            return None;
        }
        // Exact: the mantissa has at most 53 bits.
        let mantissa = mantissa as f64;
        let power = POW10_F64.get(usize::try_from(exponent.unsigned_abs()).ok()?)?;
        Some(if exponent < 0 {
            mantissa / power
        } else {
            mantissa * power
        })
    }
}

impl Float for f32 {
    const NAN: Self = f32::NAN;
    const INFINITY: Self = f32::INFINITY;
    const NAME: &'static str = "a float";

    fn exact(mantissa: u64, exponent: i32) -> Option<Self> {
        if mantissa > 1 << 24 {
            return None;
        }
        // Exact: the mantissa has at most 24 bits.
        let mantissa = mantissa as f32;
        let power = POW10_F32.get(usize::try_from(exponent.unsigned_abs()).ok()?)?;
        Some(if exponent < 0 {
            mantissa / power
        } else {
            mantissa * power
        })
    }
}

/// `bytes` as UTF-8, or an error at the first invalid byte (`start` is
/// the offset of `bytes` in the input).
fn utf8(bytes: &[u8], start: usize) -> Result<&str, JsonError> {
    str::from_utf8(bytes)
        .map_err(|error| JsonError::new(start + error.valid_up_to(), "invalid UTF-8 in a string"))
}

/// The first 40 characters of `text`, for error messages that quote input.
fn snippet(text: &str) -> &str {
    text.char_indices()
        .nth(40)
        .map_or(text, |(cut, _)| &text[..cut])
}

/// Which format a timestamp string is in: an HTTP date starts with a
/// weekday name, an RFC 3339 date has `-` after its four-digit year, and
/// anything else is taken as epoch seconds. The chosen parser then checks
/// the whole string, so a wrong guess only changes the error message.
fn guess_timestamp_format(text: &str) -> TimestampFormat {
    let bytes = text.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        TimestampFormat::HttpDate
    } else if bytes.get(4) == Some(&b'-') {
        TimestampFormat::DateTime
    } else {
        TimestampFormat::EpochSeconds
    }
}

/// A stack of bits that lives in one word for the first 64 levels and only
/// allocates for deeper ones, for [`JsonReader::skip_value`].
#[derive(Default)]
struct BitStack {
    len: usize,
    low: u64,
    high: Vec<u64>,
}

impl BitStack {
    fn push(&mut self, bit: bool) {
        let index = self.len;
        self.len += 1;
        let (word, shift) = if index < 64 {
            (&mut self.low, index)
        } else {
            let spill = index - 64;
            if spill / 64 >= self.high.len() {
                self.high.push(0);
            }
            match self.high.get_mut(spill / 64) {
                Some(word) => (word, spill % 64),
                None => return,
            }
        };
        if bit {
            *word |= 1 << shift;
        } else {
            *word &= !(1 << shift);
        }
    }

    fn top(&self) -> Option<bool> {
        let index = self.len.checked_sub(1)?;
        let (word, shift) = if index < 64 {
            (self.low, index)
        } else {
            let spill = index - 64;
            (*self.high.get(spill / 64)?, spill % 64)
        };
        Some(word >> shift & 1 == 1)
    }

    fn pop(&mut self) {
        self.len = self.len.saturating_sub(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message of the error `read` gives on `input`, which must fail.
    fn fails<'a, T: std::fmt::Debug>(
        input: &'a str,
        read: impl FnOnce(&mut JsonReader<'a>) -> Result<T, JsonError>,
    ) -> JsonError {
        let mut r = JsonReader::new(input.as_bytes());
        match read(&mut r) {
            Ok(value) => panic!("{input:?} read as {value:?}"),
            Err(error) => error,
        }
    }

    /// The value `read` gives on `input`, checking that nothing but
    /// whitespace is left.
    fn ok<'a, T>(
        input: &'a str,
        read: impl FnOnce(&mut JsonReader<'a>) -> Result<T, JsonError>,
    ) -> T {
        let mut r = JsonReader::new(input.as_bytes());
        match read(&mut r).and_then(|value| r.finish().map(|()| value)) {
            Ok(value) => value,
            Err(error) => panic!("{input:?}: {error}"),
        }
    }

    #[test]
    fn peek_tells_the_kind() {
        let cases = [
            (" null", ValueKind::Null),
            ("\ttrue", ValueKind::Bool),
            ("\r\nfalse", ValueKind::Bool),
            ("-1", ValueKind::Number),
            ("0", ValueKind::Number),
            ("\"\"", ValueKind::String),
            ("{}", ValueKind::Object),
            ("[]", ValueKind::Array),
        ];
        for (input, kind) in cases {
            let mut r = JsonReader::new(input.as_bytes());
            assert_eq!(r.peek(), Ok(kind), "{input:?}");
            assert_eq!(r.peek(), Ok(kind), "peek consumes nothing");
            assert_eq!(r.skip_value(), Ok(()));
            assert_eq!(r.finish(), Ok(()));
        }
        assert_eq!(
            fails("  ", |r| r.peek()).to_string(),
            "invalid JSON at byte 2: expected a value, found the end of the input"
        );
        assert_eq!(
            fails("x", |r| r.peek()).message(),
            "expected a value, found 'x'"
        );
        assert_eq!(
            fails("\u{1}", |r| r.peek()).message(),
            "expected a value, found byte 0x01"
        );
        // Only the four JSON whitespace characters are skipped.
        assert!(JsonReader::new("\u{c}1".as_bytes()).peek().is_err());
        assert!(JsonReader::new("\u{a0}1".as_bytes()).peek().is_err());
    }

    #[test]
    fn literals() {
        assert!(ok(" true ", |r| r.bool()));
        assert!(!ok("false", |r| r.bool()));
        assert_eq!(fails("tru", |r| r.bool()).message(), "expected `true`");
        assert_eq!(fails("fals", |r| r.bool()).message(), "expected `false`");
        assert_eq!(
            fails("1", |r| r.bool()).message(),
            "expected a boolean, found a number"
        );
        assert!(ok("null", |r| r.take_null()));
        assert!(!ok("1", |r| r
            .take_null()
            .and_then(|null| r.i64().map(|_| null))));
        assert_eq!(fails("nul", |r| r.take_null()).message(), "expected `null`");
        let mut r = JsonReader::new(b"");
        assert_eq!(r.take_null(), Ok(false));
    }

    #[test]
    fn strings_borrow_without_escapes() {
        let value = ok(r#" "plain é 😀" "#, |r| r.string());
        assert!(matches!(value, Cow::Borrowed("plain é 😀")), "{value:?}");
        let value = ok(r#""a\nb""#, |r| r.string());
        assert!(
            matches!(&value, Cow::Owned(text) if text == "a\nb"),
            "{value:?}"
        );
    }

    #[test]
    fn string_escapes() {
        let cases = [
            (r#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{c}\n\r\t"),
            (
                r#""\u0041\u00e9\u2028\u2029\u0000\uFFFF""#,
                "Aé\u{2028}\u{2029}\u{0}\u{ffff}",
            ),
            (r#""x\ud83d\ude00y""#, "x😀y"),
            (r#""\uD83D\uDE00""#, "😀"),
            (r#""\udbff\udfff""#, "\u{10ffff}"),
            (r#""run é \n run ü""#, "run é \n run ü"),
            (r#""\\""#, "\\"),
        ];
        for (input, expected) in cases {
            assert_eq!(ok(input, |r| r.string()), expected, "{input}");
        }
        // U+2028 and U+2029 raw are valid JSON too.
        assert_eq!(
            ok("\"\u{2028}\u{2029}\"", |r| r.string()),
            "\u{2028}\u{2029}"
        );
    }

    #[test]
    fn string_errors() {
        let cases = [
            (r#""abc"#, 4, "unterminated string"),
            (r#""a\"#, 2, "unterminated string"),
            (r#""a\nb"#, 5, "unterminated string"),
            (r#""\x""#, 1, "invalid escape in a string"),
            (r#""\u12""#, 1, "a \\u escape needs four hex digits"),
            (r#""\u12G4""#, 1, "a \\u escape needs four hex digits"),
            (r#""\u+123""#, 1, "a \\u escape needs four hex digits"),
            (r#""\ud800""#, 1, "lone surrogate \\ud800 in a string (a high surrogate must be followed by a low one)"),
            (r#""\ud800x""#, 1, "lone surrogate \\ud800 in a string (a high surrogate must be followed by a low one)"),
            (r#""\ud800\n""#, 1, "lone surrogate \\ud800 in a string (a high surrogate must be followed by a low one)"),
            (r#""\ud800\u0041""#, 1, "lone surrogate \\ud800 in a string (a high surrogate must be followed by a low one)"),
            (r#""\ud800\ud800""#, 1, "lone surrogate \\ud800 in a string (a high surrogate must be followed by a low one)"),
            (r#""\ude00""#, 1, "lone surrogate \\ude00 in a string (a low surrogate without a high one)"),
            (r#""ok\ude00""#, 3, "lone surrogate \\ude00 in a string (a low surrogate without a high one)"),
            ("\"a\u{1}\"", 2, "control character in a string (it must be escaped)"),
            ("\"\\n\n\"", 3, "control character in a string (it must be escaped)"),
            ("\"tab\t\"", 4, "control character in a string (it must be escaped)"),
            ("5", 0, "expected a string, found a number"),
            ("", 0, "expected a string, found the end of the input"),
        ];
        for (input, offset, message) in cases {
            let error = fails(input, |r| r.string());
            assert_eq!(
                (error.offset(), error.message()),
                (offset, message),
                "{input}"
            );
        }
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        for (input, offset) in [
            (&b"\"ab\xff\""[..], 3),
            (b"\"\xc3\"", 1),
            (b"\"\xed\xa0\x80\"", 1), // an encoded surrogate
            (b"\"\\n\xc3(\"", 3),
            (b"\"\xe2\x82\"", 1),
        ] {
            let error = JsonReader::new(input).string().err();
            assert_eq!(
                error.as_ref().map(|e| (e.offset(), e.message())),
                Some((offset, "invalid UTF-8 in a string")),
                "{input:?}"
            );
        }
    }

    #[test]
    fn integers_are_strict() {
        assert_eq!(ok("0", |r| r.i64()), 0);
        assert_eq!(ok("-0", |r| r.i64()), 0);
        assert_eq!(ok(" 42 ", |r| r.i64()), 42);
        assert_eq!(ok("-9223372036854775808", |r| r.i64()), i64::MIN);
        assert_eq!(ok("9223372036854775807", |r| r.i64()), i64::MAX);
        assert_eq!(ok("2147483647", |r| r.i32()), i32::MAX);
        assert_eq!(ok("-2147483648", |r| r.i32()), i32::MIN);
        assert_eq!(ok("-32768", |r| r.i16()), i16::MIN);
        assert_eq!(ok("127", |r| r.i8()), 127);
        type Read = fn(&mut JsonReader<'_>) -> Result<i64, JsonError>;
        let cases: [(&str, Read, &str); 14] = [
            ("1.0", |r| r.i64(), "expected an integer, found 1.0"),
            ("1e3", |r| r.i64(), "expected an integer, found 1e3"),
            ("1E3", |r| r.i64(), "expected an integer, found 1E3"),
            ("\"5\"", |r| r.i64(), "expected an integer, found a string"),
            ("true", |r| r.i64(), "expected an integer, found a boolean"),
            ("null", |r| r.i64(), "expected an integer, found null"),
            (
                "9223372036854775808",
                |r| r.i64(),
                "9223372036854775808 is out of range for a 64-bit integer",
            ),
            (
                "-9223372036854775809",
                |r| r.i64(),
                "-9223372036854775809 is out of range for a 64-bit integer",
            ),
            (
                "3000000000",
                |r| r.i32().map(i64::from),
                "3000000000 is out of range for a 32-bit integer",
            ),
            (
                "-2147483649",
                |r| r.i32().map(i64::from),
                "-2147483649 is out of range for a 32-bit integer",
            ),
            (
                "32768",
                |r| r.i16().map(i64::from),
                "32768 is out of range for a 16-bit integer",
            ),
            (
                "-129",
                |r| r.i8().map(i64::from),
                "-129 is out of range for an 8-bit integer",
            ),
            ("01", |r| r.i64(), "a number cannot have leading zeros"),
            ("-", |r| r.i64(), "expected a digit"),
        ];
        for (input, read, message) in cases {
            assert_eq!(fails(input, read).message(), message, "{input}");
        }
        let long = "1".repeat(100);
        let message = fails(&long, |r| r.i64()).message().to_owned();
        assert!(
            message.ends_with(" is out of range for a 64-bit integer"),
            "{message}"
        );
        assert!(message.len() < 100, "quoted input is cut: {message}");
    }

    #[test]
    fn number_syntax() {
        for valid in [
            "0", "-0", "1", "-1.5", "0.5", "1e5", "1E+5", "1e-5", "12.34e56", "-0.0e0",
        ] {
            assert_eq!(ok(valid, |r| r.number_text()), valid);
        }
        for (invalid, offset, message) in [
            ("-", 1, "expected a digit"),
            ("-a", 1, "expected a digit"),
            ("00", 0, "a number cannot have leading zeros"),
            ("-01", 1, "a number cannot have leading zeros"),
            ("1.", 2, "expected a digit after '.'"),
            ("1.e5", 2, "expected a digit after '.'"),
            ("1e", 2, "expected a digit in the exponent"),
            ("1e+", 3, "expected a digit in the exponent"),
            (".5", 0, "expected a number, found '.'"),
            ("+1", 0, "expected a number, found '+'"),
            ("\"1\"", 0, "expected a number, found a string"),
        ] {
            let error = fails(invalid, |r| r.number_text());
            assert_eq!(
                (error.offset(), error.message()),
                (offset, message),
                "{invalid}"
            );
        }
        // Trailing characters are left for the caller to reject.
        let mut r = JsonReader::new(b"1x");
        assert_eq!(r.number_text(), Ok("1"));
        assert_eq!(
            r.finish().map_err(|e| e.to_string()),
            Err("invalid JSON at byte 1: expected the end of the input, found 'x'".to_owned())
        );
    }

    #[test]
    fn fast_float_path_edges() {
        for text in [
            "9007199254740992",
            "9007199254740993",
            "9007199254740993.0",
            "1e22",
            "1e23",
            "123456789e-22",
            "123456789e-23",
            "0.1",
            "0.3",
            "-0.0",
            "2.2250738585072014e-308",
            "4.9e-324",
            "1.7976931348623157e308",
            "16777217",
            "16777217.0",
            "1e10",
            "1e11",
            "3e-10",
            "3e-11",
            "12345678901234567890",
            "0.000000000000000000000000000001",
        ] {
            let number = ok(text, |r| r.f64());
            assert_eq!(
                number.to_bits(),
                text.parse::<f64>().map(f64::to_bits).unwrap_or(0),
                "{text}"
            );
            let expected = text.parse::<f32>().ok().filter(|value| value.is_finite());
            let number = JsonReader::new(text.as_bytes()).f32().ok();
            assert_eq!(
                number.map(f32::to_bits),
                expected.map(f32::to_bits),
                "{text}"
            );
        }
        assert!(ok("-0.0", |r| r.f64()).is_sign_negative());
        assert!(ok("-0e5", |r| r.f32()).is_sign_negative());
        assert_eq!(ok("1e-99999999999", |r| r.f64()), 0.0);
        assert!(fails("1e99999999999", |r| r.f64())
            .message()
            .ends_with("is out of range for a double"));
    }

    #[test]
    fn floats() {
        assert_eq!(ok("1.5", |r| r.f64()), 1.5);
        assert_eq!(ok("1", |r| r.f64()), 1.0);
        assert_eq!(ok("-2.5e-3", |r| r.f64()), -0.0025);
        assert_eq!(ok("1.7976931348623157e308", |r| r.f64()), f64::MAX);
        assert_eq!(ok("1e-400", |r| r.f64()), 0.0);
        assert!(ok("-0", |r| r.f64()).is_sign_negative());
        assert!(ok("\"NaN\"", |r| r.f64()).is_nan());
        assert_eq!(ok("\"Infinity\"", |r| r.f64()), f64::INFINITY);
        assert_eq!(ok("\"-Infinity\"", |r| r.f64()), f64::NEG_INFINITY);
        assert_eq!(ok("1.1", |r| r.f32()), 1.1_f32);
        assert_eq!(ok("3.4028235e38", |r| r.f32()), f32::MAX);
        assert!(ok("\"NaN\"", |r| r.f32()).is_nan());
        assert_eq!(ok("\"-Infinity\"", |r| r.f32()), f32::NEG_INFINITY);
        // Rounded once, straight from the text to f32 (no double rounding
        // through f64): this value sits just above the midpoint between two
        // f32s, and rounding to f64 first would land exactly on it.
        assert_eq!(ok("1.00000005960464477550", |r| r.f32()), 1.000_000_1_f32);

        assert_eq!(
            fails("1e400", |r| r.f64()).message(),
            "1e400 is out of range for a double"
        );
        assert_eq!(
            fails("-1e400", |r| r.f64()).message(),
            "-1e400 is out of range for a double"
        );
        assert_eq!(
            fails("1e39", |r| r.f32()).message(),
            "1e39 is out of range for a float"
        );
        assert_eq!(
            fails("\"nan\"", |r| r.f64()).message(),
            "expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", found the string \"nan\""
        );
        assert_eq!(fails("\"1.5\"", |r| r.f64()).offset(), 0);
        assert_eq!(
            fails("true", |r| r.f32()).message(),
            "expected a number, found a boolean"
        );
        assert_eq!(
            fails("null", |r| r.f64()).message(),
            "expected a number, found null"
        );
    }

    #[test]
    fn objects() {
        let mut r = JsonReader::new(br#" { "a" : 1 , "b\u0021" :{}, "c": [] } "#);
        assert_eq!(r.begin_object(), Ok(()));
        assert_eq!(r.next_key(), Ok(Some(Cow::Borrowed("a"))));
        assert_eq!(r.i64(), Ok(1));
        assert_eq!(r.next_key(), Ok(Some(Cow::Owned("b!".to_owned()))));
        assert_eq!(r.begin_object(), Ok(()));
        assert_eq!(r.next_key(), Ok(None));
        assert_eq!(r.next_key(), Ok(Some(Cow::Borrowed("c"))));
        assert_eq!(r.begin_array(), Ok(()));
        assert_eq!(r.next_element(), Ok(false));
        assert_eq!(r.next_key(), Ok(None));
        assert_eq!(r.finish(), Ok(()));

        let read_all = |r: &mut JsonReader<'_>| -> Result<Vec<String>, JsonError> {
            let mut keys = Vec::new();
            r.begin_object()?;
            while let Some(key) = r.next_key()? {
                keys.push(key.into_owned());
                r.skip_value()?;
            }
            Ok(keys)
        };
        assert_eq!(ok("{}", read_all), Vec::<String>::new());
        assert_eq!(ok(r#"{"a":1,"a":2}"#, read_all), ["a", "a"]);
        for (input, offset, message) in [
            ("{", 1, "expected a string key, found the end of the input"),
            (r#"{"a":1,}"#, 7, "expected a string key, found '}'"),
            (r#"{,"a":1}"#, 1, "expected a string key, found ','"),
            (r#"{"a" 1}"#, 5, "expected ':', found a number"),
            (r#"{"a":1 "b":2}"#, 7, "expected ',' or '}', found a string"),
            (r#"{"a":1]"#, 6, "expected ',' or '}', found ']'"),
            ("{1:2}", 1, "expected a string key, found a number"),
            (r#"{"a":}"#, 5, "expected a value, found '}'"),
            ("[]", 0, "expected an object, found an array"),
        ] {
            let error = fails(input, read_all);
            assert_eq!(
                (error.offset(), error.message()),
                (offset, message),
                "{input}"
            );
        }
    }

    #[test]
    fn arrays() {
        let read_all = |r: &mut JsonReader<'_>| -> Result<Vec<i64>, JsonError> {
            let mut items = Vec::new();
            r.begin_array()?;
            while r.next_element()? {
                items.push(r.i64()?);
            }
            Ok(items)
        };
        assert_eq!(ok("[]", read_all), Vec::<i64>::new());
        assert_eq!(ok(" [ 1 , 2,3 ] ", read_all), [1, 2, 3]);
        for (input, offset, message) in [
            ("[", 1, "expected an integer, found the end of the input"),
            ("[1", 2, "expected ',' or ']', found the end of the input"),
            ("[1,]", 3, "expected an integer, found ']'"),
            ("[,1]", 1, "expected an integer, found ','"),
            ("[1 2]", 3, "expected ',' or ']', found a number"),
            ("[1}", 2, "expected ',' or ']', found '}'"),
            ("{}", 0, "expected an array, found an object"),
        ] {
            let error = fails(input, read_all);
            assert_eq!(
                (error.offset(), error.message()),
                (offset, message),
                "{input}"
            );
        }
    }

    /// Reads nested arrays recursively, as a recursive shape's reader does.
    fn nested(r: &mut JsonReader<'_>) -> Result<usize, JsonError> {
        r.begin_array()?;
        let mut depth = 1;
        while r.next_element()? {
            depth = depth.max(1 + nested(r)?);
        }
        Ok(depth)
    }

    #[test]
    fn typed_nesting_is_limited() {
        let deep = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        assert_eq!(ok(&deep(MAX_DEPTH), nested), MAX_DEPTH);
        let error = fails(&deep(MAX_DEPTH + 1), nested);
        assert_eq!(
            (error.offset(), error.message()),
            (MAX_DEPTH, "nesting deeper than 128 levels in a typed value")
        );
        // Sibling containers do not add up: depth is given back on close.
        let siblings = format!("[{}]", vec![deep(MAX_DEPTH - 1); 3].join(","));
        assert_eq!(ok(&siblings, nested), MAX_DEPTH);
        // A million levels fail fast, without recursing past the limit.
        let hostile = "[".repeat(1_000_000);
        assert_eq!(fails(&hostile, nested).offset(), MAX_DEPTH);
        let objects = r#"{"a":"#.repeat(MAX_DEPTH + 1);
        let error = fails(&objects, |r| {
            let mut levels = 0;
            loop {
                r.begin_object()?;
                r.next_key()?;
                levels += 1;
                if levels > MAX_DEPTH + 5 {
                    return Ok(levels);
                }
            }
        });
        assert_eq!(
            error.message(),
            "nesting deeper than 128 levels in a typed value"
        );
    }

    #[test]
    fn skip_value_skips_anything() {
        let values = [
            "null",
            "true",
            "false",
            "-1.5e3",
            r#""a\"b\u00e9""#,
            "[]",
            "{}",
            "[1, [2, [3, {}]], {\"a\": [null, {\"b\": \"}]\"}]}]",
            r#"{"a": {"b": {"c": [1, 2, {"d": null}]}}, "e": "\"", "f": []}"#,
        ];
        for value in values {
            let input = format!(r#"{{"unknown": {value}, "known": 7}}"#);
            let mut r = JsonReader::new(input.as_bytes());
            let mut known = None;
            let result = (|| {
                r.begin_object()?;
                while let Some(key) = r.next_key()? {
                    match &*key {
                        "known" => known = Some(r.i64()?),
                        _ => r.skip_value()?,
                    }
                }
                r.finish()
            })();
            assert_eq!((result, known), (Ok(()), Some(7)), "{value}");
        }
    }

    #[test]
    fn skip_value_validates() {
        for (input, offset, message) in [
            ("", 0, "expected a value, found the end of the input"),
            ("[", 1, "expected a value, found the end of the input"),
            ("[1", 2, "expected ',' or ']', found the end of the input"),
            ("[1,]", 3, "expected a value, found ']'"),
            ("[}", 1, "expected a value, found '}'"),
            ("[1}", 2, "expected ',' or ']', found '}'"),
            (r#"{"a":1]"#, 6, "expected ',' or '}', found ']'"),
            (r#"{"a":1,}"#, 7, "expected a string key, found '}'"),
            (r#"{"a" 1}"#, 5, "expected ':', found a number"),
            ("{1:1}", 1, "expected a string key, found a number"),
            ("[tru]", 1, "expected `true`"),
            ("[01]", 1, "a number cannot have leading zeros"),
            (r#"["\ud800"]"#, 2, "lone surrogate \\ud800 in a string (a high surrogate must be followed by a low one)"),
            (r#"{"\x":1}"#, 2, "invalid escape in a string"),
            ("[\"\u{1}\"]", 2, "control character in a string (it must be escaped)"),
        ] {
            let error = fails(input, |r| r.skip_value());
            assert_eq!((error.offset(), error.message()), (offset, message), "{input}");
        }
        let mut r = JsonReader::new(b"[\"\xff\"]");
        assert_eq!(r.skip_value().map_err(|e| e.offset()), Err(2));
    }

    #[test]
    fn skip_value_is_iterative() {
        let levels = 100_000;
        let arrays = format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        assert_eq!(ok(&arrays, |r| r.skip_value()), ());
        let objects = format!("{}1{}", r#"{"a":"#.repeat(levels), "}".repeat(levels));
        assert_eq!(ok(&objects, |r| r.skip_value()), ());
        let mixed = format!("{}null{}", r#"[{"a":"#.repeat(levels), "}]".repeat(levels));
        assert_eq!(ok(&mixed, |r| r.skip_value()), ());
        // A bracket of the wrong kind is found even deep down (past the
        // first 64 levels, which live in a different word of the stack).
        let wrong = format!("{}{}", r#"[{"a":"#.repeat(levels), "]}".repeat(levels));
        let offset = 6 * levels;
        let error = fails(&wrong, |r| r.skip_value());
        assert_eq!(
            (error.offset(), error.message()),
            (offset, "expected a value, found ']'")
        );
        let swapped = format!(
            "{}1{}]",
            r#"[{"a":"#.repeat(levels),
            "}]".repeat(levels - 1) + "}"
        );
        assert_eq!(ok(&swapped, |r| r.skip_value()), ());
        let truncated = &arrays[..arrays.len() - 1];
        assert_eq!(
            fails(truncated, |r| r.skip_value()).message(),
            "expected ',' or ']', found the end of the input"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// The fast path gives the correctly rounded value `str::parse`
        /// gives, for both widths, in every notation.
        #[test]
        fn floats_parse_like_std(
            mantissa in 0_u64..(1 << 60),
            point in 0_usize..20,
            exponent in -40_i32..40,
            negative in proptest::prelude::any::<bool>(),
        ) {
            let digits = mantissa.to_string();
            let point = point.min(digits.len() - 1);
            let (whole, fraction) = digits.split_at(digits.len() - point);
            let sign = if negative { "-" } else { "" };
            let mut texts = vec![format!("{sign}{digits}e{exponent}"), format!("{sign}{digits}E+{}", exponent.abs())];
            if !whole.starts_with('0') || whole == "0" {
                texts.push(format!("{sign}{whole}.{}", if fraction.is_empty() { "0" } else { fraction }));
                texts.push(format!("{sign}{whole}{}{fraction}e{exponent}", if fraction.is_empty() { "" } else { "." }));
            }
            for text in texts {
                let expected64 = text.parse::<f64>().ok().filter(|v| v.is_finite()).map(f64::to_bits);
                let expected32 = text.parse::<f32>().ok().filter(|v| v.is_finite()).map(f32::to_bits);
                proptest::prop_assert_eq!(JsonReader::new(text.as_bytes()).f64().ok().map(f64::to_bits), expected64, "{}", text);
                proptest::prop_assert_eq!(JsonReader::new(text.as_bytes()).f32().ok().map(f32::to_bits), expected32, "{}", text);
            }
        }

        /// Integers are accumulated while scanning; they agree with
        /// `str::parse` and overflow exactly where it does.
        #[test]
        fn integers_parse_like_std(value in proptest::prelude::any::<i128>(), shift in 0_u32..127) {
            let value = value >> shift;
            let text = value.to_string();
            let expected = text.parse::<i64>().ok();
            proptest::prop_assert_eq!(JsonReader::new(text.as_bytes()).i64().ok(), expected);
            proptest::prop_assert_eq!(JsonReader::new(text.as_bytes()).i32().ok(), text.parse::<i32>().ok());
        }

    }

    #[test]
    fn bit_stack() {
        let mut stack = BitStack::default();
        assert_eq!(stack.top(), None);
        let bits: Vec<bool> = (0..300).map(|i| i % 3 == 0 || i % 7 == 0).collect();
        for (depth, &bit) in bits.iter().enumerate() {
            stack.push(bit);
            assert_eq!(stack.top(), Some(bit), "{depth}");
        }
        for &bit in bits.iter().rev() {
            assert_eq!(stack.top(), Some(bit));
            stack.pop();
        }
        assert_eq!(stack.top(), None);
        // Reused slots are overwritten, not or-ed.
        for _ in 0..200 {
            stack.push(true);
        }
        for _ in 0..200 {
            stack.pop();
        }
        for _ in 0..200 {
            stack.push(false);
            assert_eq!(stack.top(), Some(false));
        }
        stack.pop();
        stack.pop();
    }

    fn timestamp(input: &str) -> (i64, u32) {
        let date_time = ok(input, |r| r.timestamp());
        (date_time.secs(), date_time.subsec_nanos())
    }

    #[test]
    fn timestamps_in_any_format() {
        let expected = (1_717_228_800, 0);
        for input in [
            "1717228800",
            "1.7172288e9",
            "1717228800.0",
            "17172288E2",
            "\"1717228800\"",
            "\"2024-06-01T08:00:00Z\"",
            "\"2024-06-01T10:00:00+02:00\"",
            "\"2024-06-01T03:30:00-04:30\"",
            "\"2024-06-01t08:00:00.000z\"",
            "\"Sat, 01 Jun 2024 08:00:00 GMT\"",
        ] {
            assert_eq!(timestamp(input), expected, "{input}");
        }
        assert_eq!(timestamp("1717228800.123"), (1_717_228_800, 123_000_000));
        assert_eq!(timestamp("1576540098.52"), (1_576_540_098, 520_000_000));
        assert_eq!(timestamp("123.000000001"), (123, 1));
        assert_eq!(timestamp("-0.5"), (-1, 500_000_000));
        assert_eq!(timestamp("\"-0.5\""), (-1, 500_000_000));
        assert_eq!(
            timestamp("\"2019-12-16T23:48:18.52Z\""),
            (1_576_540_098, 520_000_000)
        );
        assert_eq!(
            timestamp("\"Mon, 16 Dec 2019 23:48:18.52 GMT\""),
            (1_576_540_098, 520_000_000)
        );
    }

    #[test]
    fn timestamp_errors() {
        for (input, message) in [
            ("-1e300", "invalid epoch-seconds timestamp \"-1e300\": -1e300 seconds is outside the range of DateTime"),
            ("1e400", "invalid epoch-seconds timestamp \"1e400\": inf is not a finite number of seconds"),
            ("\"yesterday\"", "invalid http-date timestamp \"yesterday\": expected a weekday like \"Mon\" at offset 0, found 'y'"),
            ("\"2024-13-01T00:00:00Z\"", "invalid date-time timestamp \"2024-13-01T00:00:00Z\": month 13 is not in 1..=12"),
            ("\"\"", "invalid epoch-seconds timestamp \"\": expected a decimal number of seconds"),
            ("\"NaN\"", "invalid http-date timestamp \"NaN\": expected a weekday like \"Mon\" at offset 0, found 'N'"),
            ("true", "expected a timestamp, found a boolean"),
            ("null", "expected a timestamp, found null"),
            ("{}", "expected a timestamp, found an object"),
        ] {
            let error = fails(input, |r| r.timestamp());
            assert_eq!((error.offset(), error.message()), (0, message), "{input}");
        }
    }

    #[test]
    fn read_helpers_handle_null() {
        assert_eq!(ok("null", |r| r.read_opt::<i64>()), None);
        assert_eq!(ok("5", |r| r.read_opt::<i64>()), Some(5));
        let mut slot = 9_i64;
        assert_eq!(ok("null", |r| r.read_into(&mut slot)), ());
        assert_eq!(slot, 9);
        assert_eq!(ok("3", |r| r.read_into(&mut slot)), ());
        assert_eq!(slot, 3);
        assert_eq!(ok("4", |r| r.read::<i64>()), 4);
        assert_eq!(
            fails("null", |r| r.read::<String>()).message(),
            "expected a string, found null"
        );
    }

    #[test]
    fn finish_and_offsets() {
        let mut r = JsonReader::new(b" 1 \n");
        assert_eq!(r.offset(), 0);
        assert_eq!(r.i64(), Ok(1));
        assert_eq!(r.offset(), 2);
        assert_eq!(r.error("custom"), JsonError::new(2, "custom"));
        assert_eq!(r.finish(), Ok(()));
        assert_eq!(r.offset(), 4);
        for (input, offset) in [("1 2", 2), ("{}}", 2), ("\"a\"x", 3), ("null,", 4)] {
            let mut r = JsonReader::new(input.as_bytes());
            let error = r.skip_value().and_then(|()| r.finish()).err();
            assert_eq!(error.map(|e| e.offset()), Some(offset), "{input}");
        }
    }
}
