//! Forward compatibility for string enums.
//!
//! AWS adds enum values without notice. Generated enums therefore carry an
//! `Unknown(UnknownVariantValue)` variant, so that a response with a value
//! this crate version has never heard of still deserializes, and can be sent
//! back unchanged.

use std::fmt;

/// The text of an enum value that this version of the generated code does
/// not know.
///
/// Opaque on purpose: only generated code creates one, and only for values
/// that match no known variant, so `Unknown` never aliases a known variant
/// and a `match` on the known variants stays meaningful. Upgrading the crate
/// may turn what was `Unknown("NEW_VALUE")` into a proper variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    /// Wraps `value`. For generated code only: creating an unknown value
    /// that equals a known one would make two variants mean the same thing.
    #[doc(hidden)]
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value as received, so it can be logged or sent back to AWS.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownVariantValue {
    /// The value as received, without quotes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_value() {
        let value = UnknownVariantValue::new("NEW_STATUS");
        assert_eq!(value.as_str(), "NEW_STATUS");
        assert_eq!(value.to_string(), "NEW_STATUS");
        assert_eq!(format!("{value:?}"), r#"UnknownVariantValue("NEW_STATUS")"#);
        assert_eq!(value, UnknownVariantValue::new(String::from("NEW_STATUS")));
        assert!(UnknownVariantValue::new("A") < UnknownVariantValue::new("B"));
    }
}
