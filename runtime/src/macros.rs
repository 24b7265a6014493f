//! Trait impls every generated string enum shares, written once.

/// Implements `Display`, `FromStr`, `AsRef<str>`, `From<String>`,
/// `Default` and the JSON traits for a generated string enum that already
/// has `as_str()` and `From<&str>`.
///
/// `Default` is the value of the empty string (an unknown value unless the
/// model lists `""`), which Smithy's client error correction prescribes
/// for a missing required enum. In JSON the enum is its string; a value
/// this version does not know is read into the `Unknown` variant, so new
/// AWS values do not break parsing.
#[macro_export]
macro_rules! impl_string_enum {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }
        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                Self::from(value.as_str())
            }
        }
        impl ::std::default::Default for $name {
            fn default() -> Self {
                Self::from("")
            }
        }
        impl $crate::json::WriteJson for $name {
            fn write_json(&self, w: &mut $crate::json::JsonWriter) {
                w.string(self.as_str());
            }
        }
        impl $crate::json::ReadJson for $name {
            fn read_json(
                r: &mut $crate::json::JsonReader<'_>,
            ) -> ::std::result::Result<Self, $crate::json::JsonError> {
                let value = r.string()?;
                ::std::result::Result::Ok(<Self as ::std::convert::From<&str>>::from(&*value))
            }
        }
    };
}

/// Implements the JSON traits for a generated int enum, which already has
/// `as_i32()` and `From<i32>` (and its own `Default`): in JSON the enum is
/// its integer. A value this version does not know is read into the
/// `Unknown` variant by `From<i32>`; a number that is not an `i32` is an
/// error.
#[macro_export]
macro_rules! impl_int_enum {
    ($name:ident) => {
        impl $crate::json::WriteJson for $name {
            fn write_json(&self, w: &mut $crate::json::JsonWriter) {
                w.i64(::std::primitive::i64::from(self.as_i32()));
            }
        }
        impl $crate::json::ReadJson for $name {
            fn read_json(
                r: &mut $crate::json::JsonReader<'_>,
            ) -> ::std::result::Result<Self, $crate::json::JsonError> {
                r.i32().map(<Self as ::std::convert::From<i32>>::from)
            }
        }
    };
}

/// Implements `Display` and `Error` for a generated operation error enum
/// that has `as_error()`. The enum is transparent: it shows the error it
/// holds and passes on that error's source, so error reports never print
/// the same message twice.
#[macro_export]
macro_rules! impl_operation_error {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.as_error(), f)
            }
        }
        impl ::std::error::Error for $name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                self.as_error().source()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::UnknownVariantValue;

    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Unknown(UnknownVariantValue),
    }

    impl Color {
        fn as_str(&self) -> &str {
            match self {
                Color::Red => "red",
                Color::Unknown(v) => v.as_str(),
            }
        }
    }

    impl From<&str> for Color {
        fn from(value: &str) -> Self {
            match value {
                "red" => Color::Red,
                other => Color::Unknown(UnknownVariantValue::new(other)),
            }
        }
    }

    crate::impl_string_enum!(Color);

    #[derive(Debug)]
    enum OperationError {
        Unhandled(crate::UnhandledError),
    }

    impl OperationError {
        fn as_error(&self) -> &(dyn std::error::Error + 'static) {
            match self {
                OperationError::Unhandled(e) => e,
            }
        }
    }

    crate::impl_operation_error!(OperationError);

    #[test]
    fn operation_errors_are_transparent() {
        use std::error::Error;
        let e = OperationError::Unhandled(crate::UnhandledError {
            code: Some("Boom".into()),
            status: 500,
            ..Default::default()
        });
        assert_eq!(e.to_string(), "Boom (HTTP 500)");
        assert!(e.source().is_none());
    }

    /// Generated int enums have their own `Default` (the first value).
    #[derive(Debug, Default, PartialEq)]
    enum Level {
        #[default]
        Low,
        Unknown(i32),
    }

    impl Level {
        fn as_i32(&self) -> i32 {
            match self {
                Level::Low => 1,
                Level::Unknown(value) => *value,
            }
        }
    }

    impl From<i32> for Level {
        fn from(value: i32) -> Self {
            match value {
                1 => Level::Low,
                other => Level::Unknown(other),
            }
        }
    }

    crate::impl_int_enum!(Level);

    #[test]
    fn string_enum_json() {
        use crate::json::{from_slice, to_vec};
        assert_eq!(to_vec(&Color::Red), br#""red""#);
        assert_eq!(from_slice::<Color>(br#""red""#), Ok(Color::Red));
        let unknown = from_slice::<Color>(br#""PAUSED_FOREVER""#);
        assert_eq!(
            unknown,
            Ok(Color::Unknown(UnknownVariantValue::new("PAUSED_FOREVER")))
        );
        assert_eq!(
            unknown.map(|color| to_vec(&color)),
            Ok(br#""PAUSED_FOREVER""#.to_vec())
        );
        assert!(from_slice::<Color>(b"1").is_err());
        let keyed = from_slice::<std::collections::HashMap<Color, i32>>(br#"{"red": 1}"#);
        assert_eq!(keyed.map(|map| map.get(&Color::Red).copied()), Ok(Some(1)));
    }

    impl std::hash::Hash for Color {
        fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
            self.as_str().hash(state);
        }
    }

    impl Eq for Color {}

    #[test]
    fn int_enum_json() {
        use crate::json::{from_slice, to_vec};
        assert_eq!(to_vec(&Level::Low), b"1");
        assert_eq!(to_vec(&Level::Unknown(-7)), b"-7");
        assert_eq!(
            from_slice::<Vec<Level>>(b"[1, 99]"),
            Ok(vec![Level::Low, Level::Unknown(99)])
        );
        for bad in [&b"3000000000"[..], b"1.0", b"\"1\""] {
            assert!(from_slice::<Vec<Level>>(&[b"[", bad, b"]"].concat()).is_err());
        }
    }

    #[test]
    fn string_enum_impls() {
        assert_eq!("red".parse::<Color>(), Ok(Color::Red));
        assert_eq!(Color::from(String::from("blue")).to_string(), "blue");
        assert_eq!(Color::Red.as_ref(), "red");
        assert_eq!(Color::default().as_str(), "");
    }
}
