//! Text forms of scalar values in URI labels, query strings and headers,
//! where restJson1 writes numbers and booleans as plain strings.
//!
//! Integers are decimal, booleans `true`/`false` (Smithy `httpLabel`,
//! `httpQuery` and `httpHeader` serialization rules). Floats need care:
//!
//! - NaN and the infinities are `NaN`, `Infinity` and `-Infinity`, the
//!   spellings of the protocol tests (`RestJsonSupportsNaNFloatLabels`,
//!   `...QueryValues`, `...HeaderInputs`) and of botocore's
//!   `_handle_float`. Rust's `{}` would write `NaN`, `inf` and `-inf`.
//! - Finite values use the shortest decimal that reads back as the same
//!   number (Rust's `Display`), so `1.1_f32` is `1.1`, not the
//!   `1.100000023841858` of its `f64` widening; hence separate [`fmt_f32`]
//!   and [`fmt_f64`].
//! - A whole value keeps a `.0` (`1.0`, not Rust's `1`). No protocol test
//!   pins this down, but it is what botocore sends (Python `str(1.0)`),
//!   what Java's `Double.toString` and smithy-rs (`ryu`) write, and it keeps
//!   a float distinguishable from an integer for a strict server.
//! - No exponent notation: Rust's `Display` writes `1e300` as its 301
//!   digits (plus `.0`). Long, but exact and accepted by every parser.
//!
//! Reading values back ([`FromText`], what response header readers use)
//! is strict where `str::parse` is not:
//!
//! - floats: a number in JSON syntax that fits the type, or exactly `NaN`,
//!   `Infinity`, `-Infinity`, the rules of a JSON body. Rust's
//!   `str::parse::<f64>()` would also take `inf`, `infinity`, `-INF`, `nan`
//!   and turn `1e999` into infinity; here those are errors;
//! - integers: decimal, range-checked (`str::parse`, which rejects
//!   overflow);
//! - booleans: exactly `true` or `false`.

/// Formats a `double` for a label, query or header value: `NaN`,
/// `Infinity`, `-Infinity`, or the shortest round-trip decimal, with `.0`
/// on whole numbers.
///
/// ```
/// use awsgen_runtime::__private::http_binding::value::fmt_f64;
///
/// assert_eq!(fmt_f64(1.1), "1.1");
/// assert_eq!(fmt_f64(1.0), "1.0");
/// assert_eq!(fmt_f64(f64::NEG_INFINITY), "-Infinity");
/// ```
pub fn fmt_f64(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        infinity(value.is_sign_negative())
    } else {
        with_fraction(value.to_string())
    }
}

/// Formats a `float` like [`fmt_f64`], with the shortest decimal that
/// round-trips as an `f32` (`1.1_f32` is `1.1`).
pub fn fmt_f32(value: f32) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        infinity(value.is_sign_negative())
    } else {
        with_fraction(value.to_string())
    }
}

/// Formats a `byte`, `short`, `integer`, `long` or `intEnum` value in
/// decimal; every Smithy integer type widens losslessly to `i64`.
pub fn fmt_integer<T: Into<i64>>(value: T) -> String {
    value.into().to_string()
}

/// Formats a `boolean` as `true` or `false`.
pub fn fmt_bool(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// A number or boolean read back from its text form (a response header,
/// or an element of a list header). Surrounding whitespace is the
/// caller's to trim.
pub trait FromText: Sized {
    /// What a valid text looks like, for error messages.
    const EXPECTED: &'static str;

    /// The value, or `None` when `text` is not one.
    fn from_text(text: &str) -> Option<Self>;
}

/// Exactly `true` or `false`.
impl FromText for bool {
    const EXPECTED: &'static str = "`true` or `false`";

    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

/// Integers: decimal digits with an optional sign, in range.
macro_rules! integer_from_text {
    ($($ty:ty => $expected:literal),*) => {$(
        impl FromText for $ty {
            const EXPECTED: &'static str = $expected;

            fn from_text(text: &str) -> Option<Self> {
                text.parse().ok()
            }
        }
    )*};
}

integer_from_text!(
    i8 => "an integer from -128 to 127",
    i16 => "an integer from -32768 to 32767",
    i32 => "an integer from -2147483648 to 2147483647",
    i64 => "an integer from -9223372036854775808 to 9223372036854775807"
);

impl FromText for f64 {
    const EXPECTED: &'static str =
        "a number that fits in a double, `NaN`, `Infinity` or `-Infinity`";

    fn from_text(text: &str) -> Option<Self> {
        parse_f64(text)
    }
}

impl FromText for f32 {
    const EXPECTED: &'static str =
        "a number that fits in a float, `NaN`, `Infinity` or `-Infinity`";

    fn from_text(text: &str) -> Option<Self> {
        parse_f32(text)
    }
}

/// Every digit kept.
impl FromText for crate::BigInteger {
    const EXPECTED: &'static str = "an integer";

    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

/// Every digit kept.
impl FromText for crate::BigDecimal {
    const EXPECTED: &'static str = "a decimal number";

    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

/// Reads a `double` written by [`fmt_f64`] (or any JSON number): `None`
/// for anything but a number in JSON syntax that fits in an `f64` and the
/// exact spellings `NaN`, `Infinity` and `-Infinity`, the rules of a JSON
/// body.
///
/// ```
/// use awsgen_runtime::__private::http_binding::value::parse_f64;
///
/// assert_eq!(parse_f64("1.5e3"), Some(1500.0));
/// assert_eq!(parse_f64("-Infinity"), Some(f64::NEG_INFINITY));
/// assert_eq!(parse_f64("inf"), None);
/// assert_eq!(parse_f64("1e999"), None);
/// ```
pub fn parse_f64(text: &str) -> Option<f64> {
    crate::json::float_from_text(text)
}

/// Reads a `float` like [`parse_f64`], rounding straight to the nearest
/// `f32`; `1e39` does not fit.
pub fn parse_f32(text: &str) -> Option<f32> {
    crate::json::float_from_text(text)
}

fn infinity(negative: bool) -> String {
    if negative { "-Infinity" } else { "Infinity" }.to_owned()
}

/// Adds `.0` to the `Display` form of a finite float when it has no
/// fraction (Rust writes `1.0` as `1` and never uses an exponent).
fn with_fraction(mut text: String) -> String {
    if !text.contains('.') {
        text.push_str(".0");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_test_values() {
        // RestJsonAllQueryStringTypes, RestJsonInputAndOutputWithNumericHeaders,
        // RestJsonInputWithHeadersAndAllParams.
        assert_eq!(fmt_f32(1.1), "1.1");
        assert_eq!(fmt_f64(1.1), "1.1");
        assert_eq!(fmt_f32(4.1), "4.1");
        assert_eq!(fmt_f64(5.1), "5.1");
        assert_eq!(fmt_f64(2.1), "2.1");
        assert_eq!(fmt_f64(3.1), "3.1");
        assert_eq!(fmt_integer(1_i8), "1");
        assert_eq!(fmt_integer(123_i16), "123");
        assert_eq!(fmt_integer(0_i32), "0");
        assert_eq!(fmt_integer(4_i64), "4");
        assert_eq!(fmt_bool(true), "true");
        assert_eq!(fmt_bool(false), "false");
    }

    #[test]
    fn non_finite_values_use_smithy_spellings() {
        assert_eq!(fmt_f64(f64::NAN), "NaN");
        assert_eq!(fmt_f64(-f64::NAN), "NaN");
        assert_eq!(fmt_f64(f64::INFINITY), "Infinity");
        assert_eq!(fmt_f64(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(fmt_f32(f32::NAN), "NaN");
        assert_eq!(fmt_f32(f32::INFINITY), "Infinity");
        assert_eq!(fmt_f32(f32::NEG_INFINITY), "-Infinity");
    }

    #[test]
    fn whole_floats_keep_a_fraction() {
        assert_eq!(fmt_f64(1.0), "1.0");
        assert_eq!(fmt_f64(0.0), "0.0");
        assert_eq!(fmt_f64(-0.0), "-0.0");
        assert_eq!(fmt_f64(-25.0), "-25.0");
        assert_eq!(fmt_f32(1.0), "1.0");
        assert_eq!(fmt_f64(1e21), "1000000000000000000000.0");
    }

    #[test]
    fn integers_cover_the_i64_range() {
        assert_eq!(fmt_integer(i64::MIN), "-9223372036854775808");
        assert_eq!(fmt_integer(i64::MAX), "9223372036854775807");
    }

    #[test]
    fn std_parsing_reads_every_written_form() {
        for value in [
            0.0,
            -0.0,
            1.0,
            1.1,
            -2.5e-300,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
        ] {
            let text = fmt_f64(value);
            assert_eq!(text.parse::<f64>().map(f64::to_bits), Ok(value.to_bits()));
        }
        assert!("NaN".parse::<f64>().is_ok_and(f64::is_nan));
        assert_eq!("Infinity".parse::<f64>(), Ok(f64::INFINITY));
        assert_eq!("-Infinity".parse::<f64>(), Ok(f64::NEG_INFINITY));
        assert_eq!("Infinity".parse::<f32>(), Ok(f32::INFINITY));
        assert_eq!("1.1".parse::<f32>(), Ok(1.1_f32));
        assert_eq!("true".parse::<bool>(), Ok(true));
        assert!("True".parse::<bool>().is_err());
    }

    #[test]
    fn from_text_reads_every_written_form() {
        for value in [
            0.0,
            -0.0,
            1.0,
            1.1,
            -2.5e-300,
            1e300,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
        ] {
            let text = fmt_f64(value);
            assert_eq!(
                parse_f64(&text).map(f64::to_bits),
                Some(value.to_bits()),
                "{text}"
            );
        }
        for value in [0.1_f32, 1.1, 16_777_216.0, f32::MAX, f32::MIN_POSITIVE] {
            assert_eq!(parse_f32(&fmt_f32(value)), Some(value));
        }
        assert!(parse_f64(&fmt_f64(f64::NAN)).is_some_and(f64::is_nan));
        assert_eq!(parse_f64(&fmt_f64(f64::INFINITY)), Some(f64::INFINITY));
        assert_eq!(
            parse_f32(&fmt_f32(f32::NEG_INFINITY)),
            Some(f32::NEG_INFINITY)
        );
        assert_eq!(bool::from_text(fmt_bool(false)), Some(false));
        assert_eq!(i64::from_text(&fmt_integer(i64::MIN)), Some(i64::MIN));
    }

    /// Only Smithy's three spellings are special, and a number too large
    /// for the type is an error, not an infinity: the rules of a JSON body.
    #[test]
    fn from_text_is_as_strict_as_a_json_body() {
        for text in [
            "inf",
            "-inf",
            "+inf",
            "infinity",
            "-infinity",
            "INF",
            "-INF",
            "Inf",
            "nan",
            "NAN",
            "-NaN",
            "+Infinity",
            "1e999",
            "-1e999",
            "1e309",
            "+1",
            ".5",
            "5.",
            "01",
            " 1",
            "1 ",
            "1e",
            "--1",
            "",
            "0x1",
            "\"1\"",
        ] {
            assert_eq!(parse_f64(text), None, "{text:?}");
        }
        assert_eq!(parse_f32("1e39"), None);
        assert_eq!(parse_f32("3.5e38"), None);
        assert_eq!(parse_f32("1e38"), Some(1e38));
        // Tiny values round to zero, as in a body.
        assert_eq!(parse_f64("1e-999"), Some(0.0));
        assert_eq!(i8::from_text("128"), None);
        assert_eq!(i16::from_text("-32769"), None);
        assert_eq!(i32::from_text("2147483648"), None);
        assert_eq!(i64::from_text("9223372036854775808"), None);
        assert_eq!(i32::from_text("1.0"), None);
        assert_eq!(bool::from_text("TRUE"), None);
    }

    #[test]
    fn f32_round_trips_in_its_shortest_form() {
        for value in [
            0.1_f32,
            1.1,
            16_777_216.0,
            f32::MAX,
            f32::MIN_POSITIVE,
            3.402_823_5e38,
        ] {
            assert_eq!(fmt_f32(value).parse::<f32>(), Ok(value));
        }
    }
}
