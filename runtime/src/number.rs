//! Arbitrary-precision numbers: the Smithy `bigInteger` and `bigDecimal`
//! shapes.
//!
//! Kept as their decimal text, validated, rather than converted to a
//! big-number library's type: generated code only moves them between the
//! wire and the user, and this way no digit is lost and no math crate is
//! compiled into every client. Users who compute with them parse the text
//! with the library of their choice.

use std::error::Error;
use std::fmt;
use std::str::FromStr;

/// An integer of any size, such as `-123456789012345678901234567890`.
///
/// Holds the text it was parsed from: optional `+` or `-`, then ASCII
/// digits. Equality compares that text, so `007 != 7`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigInteger(String);

/// A decimal number of any size and precision, such as `-1.25e-300`.
///
/// Holds the text it was parsed from, in JSON number syntax with an optional
/// leading `+` and leading zeros allowed: sign, digits, optional `.digits`,
/// optional `e`/`E`, sign and digits. Equality compares that text, so
/// `1.0 != 1.00`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigDecimal(String);

/// Text that is not a valid [`BigInteger`] or [`BigDecimal`].
///
/// Returned by their `FromStr` impls; the message names the expected kind
/// and the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigNumberParseError {
    kind: &'static str,
    input: String,
}

impl fmt::Display for BigNumberParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a valid {}", self.input, self.kind)
    }
}

impl Error for BigNumberParseError {}

/// Length of the run of ASCII digits at the start of `bytes`.
fn digit_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .count()
}

/// `bytes` without one leading `+` or `-`.
fn strip_sign(bytes: &[u8]) -> &[u8] {
    match bytes.first() {
        Some(b'+' | b'-') => &bytes[1..],
        _ => bytes,
    }
}

/// `[+-]digits`.
fn is_integer(text: &str) -> bool {
    let unsigned = strip_sign(text.as_bytes());
    !unsigned.is_empty() && digit_run(unsigned) == unsigned.len()
}

/// `[+-]digits[.digits][(e|E)[+-]digits]`.
fn is_decimal(text: &str) -> bool {
    let mut rest = strip_sign(text.as_bytes());
    let whole = digit_run(rest);
    if whole == 0 {
        return false;
    }
    rest = &rest[whole..];
    if let Some(after_point) = rest.strip_prefix(b".") {
        let fraction = digit_run(after_point);
        if fraction == 0 {
            return false;
        }
        rest = &after_point[fraction..];
    }
    if let Some(after_e) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let exponent = strip_sign(after_e);
        let digits = digit_run(exponent);
        return digits > 0 && digits == exponent.len();
    }
    rest.is_empty()
}

impl BigInteger {
    /// The decimal text, for writing to the wire or parsing with a big-number
    /// library.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl BigDecimal {
    /// The decimal text, for writing to the wire or parsing with a big-number
    /// library.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for BigInteger {
    type Err = BigNumberParseError;

    /// Accepts an optional sign and one or more ASCII digits, nothing else
    /// (no whitespace, fraction or exponent).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if is_integer(text) {
            Ok(Self(text.to_owned()))
        } else {
            Err(BigNumberParseError {
                kind: "big integer",
                input: text.to_owned(),
            })
        }
    }
}

impl FromStr for BigDecimal {
    type Err = BigNumberParseError;

    /// Accepts JSON number syntax (see [`BigDecimal`]); no whitespace, `NaN`
    /// or infinity.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if is_decimal(text) {
            Ok(Self(text.to_owned()))
        } else {
            Err(BigNumberParseError {
                kind: "big decimal",
                input: text.to_owned(),
            })
        }
    }
}

impl Default for BigInteger {
    /// Zero, the Smithy default for numbers.
    fn default() -> Self {
        Self("0".to_owned())
    }
}

impl Default for BigDecimal {
    /// Zero, the Smithy default for numbers.
    fn default() -> Self {
        Self("0".to_owned())
    }
}

impl fmt::Display for BigInteger {
    /// The decimal text as parsed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for BigDecimal {
    /// The decimal text as parsed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Infallible conversions from machine integers, whose `Display` text is
/// valid for both types.
macro_rules! big_from_int {
    ($($ty:ty),*) => {$(
        impl From<$ty> for BigInteger {
            fn from(value: $ty) -> Self {
                Self(value.to_string())
            }
        }

        impl From<$ty> for BigDecimal {
            fn from(value: $ty) -> Self {
                Self(value.to_string())
            }
        }
    )*};
}

big_from_int!(i64, u64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_integer_syntax() {
        for valid in ["0", "-1", "+1", "007", "123456789012345678901234567890"] {
            assert_eq!(
                valid.parse::<BigInteger>().map(|n| n.to_string()),
                Ok(valid.to_owned())
            );
        }
        for invalid in ["", "-", "+", "1.0", "1e3", " 1", "1 ", "0x10", "--1", "١"] {
            assert!(invalid.parse::<BigInteger>().is_err(), "{invalid:?}");
        }
    }

    #[test]
    fn big_decimal_syntax() {
        for valid in [
            "0",
            "-1",
            "+1",
            "1.5",
            "-0.001",
            "1e10",
            "1E10",
            "1e+10",
            "1.25e-300",
            "00.5",
            "123456789012345678901234567890.123456789012345678901234567890",
        ] {
            assert_eq!(
                valid.parse::<BigDecimal>().map(|n| n.to_string()),
                Ok(valid.to_owned())
            );
        }
        for invalid in [
            "", "-", ".5", "5.", "1.e5", "1e", "1e+", "e5", "1.5.5", "1e5.5", "NaN", "inf", " 1",
            "1 ", "1,5", "0x10", "1e5e5",
        ] {
            assert!(invalid.parse::<BigDecimal>().is_err(), "{invalid:?}");
        }
    }

    #[test]
    fn errors_name_kind_and_input() {
        assert_eq!(
            "1.5".parse::<BigInteger>().map_err(|e| e.to_string()),
            Err(r#""1.5" is not a valid big integer"#.to_owned())
        );
        assert_eq!(
            "x".parse::<BigDecimal>().map_err(|e| e.to_string()),
            Err(r#""x" is not a valid big decimal"#.to_owned())
        );
    }

    #[test]
    fn accessors_defaults_and_conversions() {
        assert_eq!(BigInteger::default().as_str(), "0");
        assert_eq!(BigDecimal::default().as_str(), "0");
        assert_eq!(BigInteger::from(-5_i64).as_str(), "-5");
        assert_eq!(BigDecimal::from(u64::MAX).as_str(), "18446744073709551615");
        assert_eq!(
            format!("{:?}", BigDecimal::from(1_u64)),
            r#"BigDecimal("1")"#
        );
        assert_ne!("1.0".parse::<BigDecimal>(), "1.00".parse::<BigDecimal>());
    }
}
