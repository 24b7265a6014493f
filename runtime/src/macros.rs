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

    #[test]
    fn string_enum_impls() {
        assert_eq!("red".parse::<Color>(), Ok(Color::Red));
        assert_eq!(Color::from(String::from("blue")).to_string(), "blue");
        assert_eq!(Color::Red.as_ref(), "red");
        assert_eq!(Color::default().as_str(), "");
    }
}
