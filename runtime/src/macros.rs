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
#[doc(hidden)]
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
        impl $crate::__private::json::WriteJson for $name {
            fn write_json(&self, w: &mut $crate::__private::json::JsonWriter) {
                w.string(self.as_str());
            }
        }
        impl $crate::__private::json::ReadJson for $name {
            fn read_json(
                r: &mut $crate::__private::json::JsonReader<'_>,
            ) -> ::std::result::Result<Self, $crate::__private::json::JsonError> {
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
#[doc(hidden)]
#[macro_export]
macro_rules! impl_int_enum {
    ($name:ident) => {
        impl $crate::__private::json::WriteJson for $name {
            fn write_json(&self, w: &mut $crate::__private::json::JsonWriter) {
                w.i64(::std::primitive::i64::from(self.as_i32()));
            }
        }
        impl $crate::__private::json::ReadJson for $name {
            fn read_json(
                r: &mut $crate::__private::json::JsonReader<'_>,
            ) -> ::std::result::Result<Self, $crate::__private::json::JsonError> {
                r.i32().map(<Self as ::std::convert::From<i32>>::from)
            }
        }
    };
}

/// Implements everything a generated operation error enum shares, given
/// its modeled variants (the catch-all `Unhandled` is implied; each
/// variant holds the error type of the same name):
/// `as_service_error()` and `as_error()`, which hand out the error a
/// variant holds; `From<UnhandledError>`; `Display` and `Error`, through
/// to the error held, so reports never print the same message twice; and
/// [`HasResponseMetadata`](crate::HasResponseMetadata), so every error of
/// every operation gives its request id and HTTP status.
///
/// With `read_by_code` after the variants (restJson1 services), also the
/// hidden [`ReadOperationError`](crate::response::ReadOperationError): an
/// error response becomes the first listed variant whose error its code
/// names (the codes of each error are in the service's error-code table,
/// [`impl_error_code!`](crate::impl_error_code)), and `Unhandled` otherwise, without reading the
/// body of an error the operation does not list.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_operation_error {
    ($name:ident { $($variant:ident),* $(,)? }, read_by_code) => {
        $crate::impl_operation_error!($name { $($variant),* });
        impl $crate::__private::response::ReadOperationError for $name {
            fn read_error(
                error: $crate::__private::response::ErrorMetadata,
                status: $crate::__private::http::StatusCode,
                headers: &$crate::__private::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<Self, $crate::__private::response::ParseError> {
                $(
                    if let ::std::option::Option::Some(found) =
                        $crate::__private::response::read_listed(&error, status, headers, body)?
                    {
                        return ::std::result::Result::Ok(Self::$variant(found));
                    }
                )*
                let _ = (status, headers, body);
                ::std::result::Result::Ok(Self::Unhandled(error.into_unhandled()))
            }
        }
    };
    ($name:ident { $($variant:ident),* $(,)? }) => {
        impl $name {
            /// The error inside, whichever variant holds it, with its
            /// request id and HTTP status.
            pub fn as_service_error(&self) -> &dyn $crate::ServiceError {
                match self {
                    $(Self::$variant(error) => error,)*
                    Self::Unhandled(error) => error,
                }
            }

            /// The error inside, whichever variant holds it.
            pub fn as_error(&self) -> &(dyn ::std::error::Error + 'static) {
                $crate::ServiceError::as_std_error(self.as_service_error())
            }
        }
        impl ::std::convert::From<$crate::UnhandledError> for $name {
            fn from(error: $crate::UnhandledError) -> Self {
                Self::Unhandled(error)
            }
        }
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
        impl $crate::HasResponseMetadata for $name {
            fn request_id(&self) -> ::std::option::Option<&str> {
                self.as_service_error().request_id()
            }
            fn http_status(&self) -> ::std::option::Option<u16> {
                self.as_service_error().http_status()
            }
        }
    };
}

/// One row of a restJson1 service's error-code table: a modeled error, the
/// sanitized codes that name it (its shape name, and its `error.code`
/// where that differs) and the function that reads it from a response
/// (`json_body`, or a generated reader for an error with HTTP-bound
/// members). Implements the hidden
/// [`ReadModeledError`](crate::response::ReadModeledError), through which
/// every operation's error enum ([`impl_operation_error!`]) reads the
/// errors it lists.
///
/// ```ignore
/// awsgen_runtime::__private::impl_error_code!(types::ThrottlingException, "ThrottlingException", json_body);
/// awsgen_runtime::__private::impl_error_code!(types::Conflict, "Conflict" | "ConflictCode", read_conflict);
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! impl_error_code {
    ($error:ty, $($code:literal)|+, $read:expr $(,)?) => {
        impl $crate::__private::response::ReadModeledError for $error {
            const CODES: &'static [&'static str] = &[$($code),+];
            fn read(
                status: $crate::__private::http::StatusCode,
                headers: &$crate::__private::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<Self, $crate::__private::response::ParseError> {
                $read(status, headers, body)
            }
        }
    };
}

/// The two functions of a generated [`Operation`](crate::Operation) impl,
/// forwarded to the operation's request builder (in `serialize.rs`) and
/// response parser (in `deserialize.rs`); written inside the impl, after
/// its types and constants. `no_input` first for an operation without
/// input, whose builder takes no argument.
///
/// ```ignore
/// impl awsgen_runtime::Operation for CreateJob {
///     type Input = types::CreateJobRequest;
///     // … the other types and constants
///     awsgen_runtime::__private::forward_operation!(super::serialize::create_job, super::deserialize::create_job);
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! forward_operation {
    (no_input, $serialize:path, $deserialize:path $(,)?) => {
        fn build_request(
            _input: &Self::Input,
        ) -> ::std::result::Result<$crate::__private::http::Request<::std::vec::Vec<u8>>, $crate::BuildError> {
            $serialize()
        }
        $crate::forward_operation!(@response $deserialize);
    };
    ($serialize:path, $deserialize:path $(,)?) => {
        fn build_request(
            input: &Self::Input,
        ) -> ::std::result::Result<$crate::__private::http::Request<::std::vec::Vec<u8>>, $crate::BuildError> {
            $serialize(input)
        }
        $crate::forward_operation!(@response $deserialize);
    };
    (@response $deserialize:path) => {
        fn parse_response(
            status: $crate::__private::http::StatusCode,
            headers: &$crate::__private::http::HeaderMap,
            body: &[u8],
        ) -> ::std::result::Result<Self::Output, $crate::ResponseError<Self::Error>> {
            $deserialize(status, headers, body)
        }
    };
}

/// Implements [`HasResponseMetadata`](crate::HasResponseMetadata) (and the
/// hidden setter the response parser uses) for a generated output or error
/// structure, through its `response_metadata` field.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_response_metadata {
    ($name:ident) => {
        impl $crate::HasResponseMetadata for $name {
            fn request_id(&self) -> ::std::option::Option<&str> {
                self.response_metadata.request_id()
            }
            fn http_status(&self) -> ::std::option::Option<u16> {
                self.response_metadata.status()
            }
        }
        impl $crate::__private::metadata::SetResponseMetadata for $name {
            fn set_response_metadata(&mut self, metadata: $crate::ResponseMetadata) {
                self.response_metadata = metadata;
            }
        }
    };
}

/// Implements what every modeled error structure shares: `Display` (its
/// code, then its message), `Error`, its response metadata
/// ([`impl_response_metadata!`]), and the hidden
/// [`ModeledError`](crate::metadata::ModeledError) through which the
/// response parser fills its message from whichever key the body used.
///
/// `optional field` names an optional message member (`Option<String>`),
/// `required field` a required one (`String`); without either the error
/// has none.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_modeled_error {
    ($name:ident, $code:literal) => {
        $crate::impl_modeled_error!(@common $name, $code, |_error: &$name| ::std::option::Option::None);
        impl $crate::__private::metadata::ModeledError for $name {
            fn fill_message(&mut self, _: ::std::option::Option<&str>) {}
        }
    };
    ($name:ident, $code:literal, optional $field:ident) => {
        $crate::impl_modeled_error!(@common $name, $code, |error: &$name| error.$field.as_deref());
        impl $crate::__private::metadata::ModeledError for $name {
            fn fill_message(&mut self, message: ::std::option::Option<&str>) {
                if self.$field.as_deref().is_none_or(str::is_empty) {
                    if let ::std::option::Option::Some(message) = message {
                        self.$field = ::std::option::Option::Some(message.to_owned());
                    }
                }
            }
        }
    };
    ($name:ident, $code:literal, required $field:ident) => {
        $crate::impl_modeled_error!(@common $name, $code, |error: &$name| ::std::option::Option::Some(error.$field.as_str()));
        impl $crate::__private::metadata::ModeledError for $name {
            fn fill_message(&mut self, message: ::std::option::Option<&str>) {
                if self.$field.is_empty() {
                    if let ::std::option::Option::Some(message) = message {
                        self.$field = message.to_owned();
                    }
                }
            }
        }
    };
    (@common $name:ident, $code:literal, $message:expr) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let message: fn(&$name) -> ::std::option::Option<&str> = $message;
                $crate::__private::fmt_error(f, $code, message(self))
            }
        }
        impl ::std::error::Error for $name {}
        $crate::impl_response_metadata!($name);
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

    #[derive(Debug, Default)]
    struct NotFound {
        message: Option<String>,
        response_metadata: crate::ResponseMetadata,
    }

    crate::impl_modeled_error!(NotFound, "NotFound", optional message);

    #[derive(Debug, Default)]
    struct Required {
        text: String,
        response_metadata: crate::ResponseMetadata,
    }

    crate::impl_modeled_error!(Required, "Required", required text);

    #[derive(Debug, Default)]
    struct Silent {
        response_metadata: crate::ResponseMetadata,
    }

    crate::impl_modeled_error!(Silent, "Silent");

    #[derive(Debug)]
    #[allow(dead_code, reason = "the variants are built by some tests only")]
    enum OperationError {
        NotFound(NotFound),
        Unhandled(crate::UnhandledError),
    }

    crate::impl_operation_error!(OperationError { NotFound }, read_by_code);

    /// Reads `NotFound` from a body that says `{}`, and fails on anything else.
    fn read_not_found(
        _: http::StatusCode,
        _: &http::HeaderMap,
        body: &[u8],
    ) -> Result<NotFound, crate::response::ParseError> {
        match body {
            b"{}" => Ok(NotFound::default()),
            _ => Err(crate::response::ParseError::new("body", "not {}")),
        }
    }

    /// A reader that must never run: the test's operation does not list
    /// `Required`, so its body is never read.
    fn never_read(
        _: http::StatusCode,
        _: &http::HeaderMap,
        _: &[u8],
    ) -> Result<Required, crate::response::ParseError> {
        Err(crate::response::ParseError::new(
            "body",
            "read though not listed",
        ))
    }

    crate::impl_error_code!(NotFound, "NotFound" | "Missing", read_not_found);
    crate::impl_error_code!(Required, "Required", never_read);
    crate::impl_error_code!(Silent, "Silent", crate::response::default_body);

    /// An operation whose model lists no errors.
    #[derive(Debug)]
    enum NoErrors {
        Unhandled(crate::UnhandledError),
    }

    crate::impl_operation_error!(NoErrors {}, read_by_code);

    fn read_error<E: crate::response::ReadOperationError>(
        headers: &[(&'static str, &'static str)],
        body: &[u8],
    ) -> Result<E, crate::response::ParseError> {
        let status = http::StatusCode::NOT_FOUND;
        let mut map = http::HeaderMap::new();
        for (name, value) in headers {
            map.append(*name, http::HeaderValue::from_static(value));
        }
        let metadata = crate::response::ErrorMetadata::read(status, &map, body);
        E::read_error(metadata, status, &map, body)
    }

    #[test]
    fn operation_errors_are_read_by_code() {
        let code = |code| [("x-amzn-errortype", code), ("x-amzn-requestid", "r-3")];
        // Listed: read and completed with the status, request id and message.
        match read_error::<OperationError>(&code("NotFound"), b"{}") {
            Ok(OperationError::NotFound(e)) => {
                assert_eq!(e.response_metadata.request_id(), Some("r-3"));
                assert_eq!(e.response_metadata.status(), Some(404));
            }
            other => panic!("expected NotFound, got {other:?}"),
        }
        // Its `error.code` names it too.
        assert!(matches!(
            read_error::<OperationError>(&code("Missing"), b"{}"),
            Ok(OperationError::NotFound(_))
        ));
        // Listed, but the response is not that error: malformed.
        assert!(read_error::<OperationError>(&code("NotFound"), b"[]").is_err());
        // Modeled for the service, not listed for the operation: unhandled,
        // and its body is not read.
        match read_error::<OperationError>(&code("Required"), b"[]") {
            Ok(OperationError::Unhandled(e)) => {
                assert_eq!(e.code.as_deref(), Some("Required"));
                assert_eq!(e.request_id.as_deref(), Some("r-3"));
            }
            other => panic!("expected Unhandled, got {other:?}"),
        }
        assert!(matches!(
            read_error::<OperationError>(&[], b"{}"),
            Ok(OperationError::Unhandled(_))
        ));
        assert!(matches!(
            read_error::<NoErrors>(&code("NotFound"), b"[]"),
            Ok(NoErrors::Unhandled(_))
        ));
    }

    #[test]
    fn operation_errors_are_transparent() {
        use crate::HasResponseMetadata;
        use std::error::Error;
        let e = OperationError::from(crate::UnhandledError {
            code: Some("Boom".into()),
            status: 500,
            request_id: Some("r-1".into()),
            ..Default::default()
        });
        assert_eq!(e.to_string(), "Boom (HTTP 500) [request id r-1]");
        assert!(e.source().is_none());
        assert_eq!(e.request_id(), Some("r-1"));
        assert_eq!(e.http_status(), Some(500));
    }

    #[test]
    fn modeled_errors_take_metadata_and_a_missing_message() {
        use crate::metadata::{ModeledError, SetResponseMetadata};
        use crate::HasResponseMetadata;
        let mut e = NotFound::default();
        e.fill_message(Some("from the body"));
        e.set_response_metadata(crate::ResponseMetadata {
            status: Some(404),
            request_id: Some("r-2".into()),
        });
        assert_eq!(e.to_string(), "NotFound: from the body");
        let e = OperationError::NotFound(e);
        assert_eq!(e.request_id(), Some("r-2"));
        assert_eq!(e.http_status(), Some(404));
        assert_eq!(e.to_string(), "NotFound: from the body");

        let mut kept = NotFound {
            message: Some("own".into()),
            ..Default::default()
        };
        kept.fill_message(Some("other"));
        assert_eq!(kept.message.as_deref(), Some("own"));
        let mut empty = NotFound {
            message: Some(String::new()),
            ..Default::default()
        };
        empty.fill_message(Some("other"));
        assert_eq!(empty.message.as_deref(), Some("other"));

        let mut required = Required::default();
        required.fill_message(Some("why"));
        assert_eq!(required.to_string(), "Required: why");
        let mut silent = Silent::default();
        silent.fill_message(Some("dropped: no member holds it"));
        assert_eq!(silent.to_string(), "Silent");
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
