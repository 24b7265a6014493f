//! Trait impls every generated string enum shares, written once.

/// Implements `Display`, `FromStr`, `AsRef<str>`, `From<String>` and
/// `Default` for a generated string enum that already has `as_str()` and
/// `From<&str>`. `Default` is the value of the empty string (an unknown
/// value unless the model lists `""`), which Smithy's client error
/// correction prescribes for a missing required enum.
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

    #[test]
    fn string_enum_impls() {
        assert_eq!("red".parse::<Color>(), Ok(Color::Red));
        assert_eq!(Color::from(String::from("blue")).to_string(), "blue");
        assert_eq!(Color::Red.as_ref(), "red");
        assert_eq!(Color::default().as_str(), "");
    }
}
