//! Hand-written support types for the code that `cargo xtask codegen`
//! generates from AWS service models.
//!
//! Generated crates hold one struct or enum per model shape and as little
//! logic as possible; whatever is shared between shapes lives here once, so
//! that users compile it once. This crate provides the Rust types for the
//! Smithy shapes that have no natural standard-library equivalent:
//!
//! | Smithy shape | Rust type |
//! | --- | --- |
//! | `timestamp` | [`DateTime`], read and written in any [`TimestampFormat`] |
//! | `blob` | [`Blob`], with [`base64`] for its JSON form |
//! | `document` | [`Document`] and its [`Number`] |
//! | `bigInteger`, `bigDecimal` | [`BigInteger`], [`BigDecimal`] |
//! | unknown values of an `enum` | [`UnknownVariantValue`] |
//! | unknown members of a `union` | [`UnknownUnionMember`] |
//! | `@sensitive` members in `Debug` | [`Redacted`], [`REDACTED`] |
//!
//! It also holds what every generated operation shares: the [`Operation`]
//! trait, [`UnhandledError`] for errors a model does not list, the
//! trait impls of string and int enums ([`impl_string_enum!`],
//! [`impl_int_enum!`]), the restJson1 HTTP-binding rules ([`http_binding`]:
//! labels, query strings, header lists), and the restJson1 body format
//! ([`json`]: a pull reader and a writer that generated code calls member
//! by member, the [`json::ReadJson`]/[`json::WriteJson`] traits for every
//! type above, and the fields of error bodies), and endpoint resolution
//! ([`endpoint`]: what the resolvers generated from endpoint rule sets
//! return, and the rule sets' standard library).
//!
//! For the client that sends requests it has [`Credentials`], where they
//! come from ([`credentials`]: the environment, the shared profile files,
//! `credential_process`, container and instance metadata, a chain of
//! [`credentials::ProvideCredentials`] and a cache), the settings read from
//! the environment and profile ([`config`]),
//! and AWS Signature Version 4 ([`sigv4`]: [`sigv4::Signer`] signs an
//! `http::Request` in place, keeping the signing key it derives).
//!
//! ```
//! use awsgen_runtime::{Blob, DateTime, Document, TimestampFormat};
//!
//! let created = DateTime::parse("1576540098.52", TimestampFormat::EpochSeconds)?;
//! assert_eq!(created.to_string(), "2019-12-16T23:48:18.52Z");
//! assert_eq!(
//!     created.fmt(TimestampFormat::HttpDate)?,
//!     "Mon, 16 Dec 2019 23:48:18 GMT"
//! );
//!
//! let payload = Blob::from("foobar");
//! assert_eq!(awsgen_runtime::base64::encode(payload.as_bytes()), "Zm9vYmFy");
//!
//! let document = Document::from(vec![Document::from(1_u8), Document::from("two")]);
//! assert_eq!(document.as_array().map(<[Document]>::len), Some(2));
//! assert_eq!(awsgen_runtime::json::to_vec(&document), br#"[1,"two"]"#);
//! assert_eq!(awsgen_runtime::json::from_slice::<Document>(b"[1, \"two\"]")?, document);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Dependencies are kept to `base64`, `http`, `getrandom`, `itoa` and
//! `zmij` (the last two format numbers in JSON bodies, as in serde_json),
//! and `sha2` and `hmac` for signing, so that the crate builds quickly; the optional `serde` feature adds
//! `Serialize`/`Deserialize` for these types, and the macros that implement
//! them for generated enums and unions. JSON bodies do not go through serde,
//! so that feature stays free for user-facing names.
//! No function here panics on input data: malformed input gives a typed
//! error that says what was wrong.
#![deny(missing_docs)]

pub mod base64;
pub mod blob;
pub mod client;
pub mod config;
pub mod credentials;
pub mod datetime;
pub mod document;
pub mod endpoint;
pub mod enums;
pub mod error;
pub mod http_binding;
pub mod json;
mod macros;
pub mod metadata;
pub mod number;
pub mod operation;
pub mod request;
pub mod response;
pub mod sensitive;
#[cfg(feature = "serde")]
mod serde_impls;
#[cfg(feature = "serde")]
#[doc(hidden)]
pub mod serde_macros;
pub mod sigv4;
pub mod union;
pub mod validate;

pub use crate::base64::Base64DecodeError;
pub use blob::Blob;
pub use credentials::Credentials;
pub use datetime::{
    DateTime, DateTimeConversionError, DateTimeFormatError, DateTimeParseError,
    Format as TimestampFormat,
};
pub use document::{Document, Number};
pub use enums::UnknownVariantValue;
pub use error::{fmt_error, UnhandledError};
pub use metadata::{HasResponseMetadata, ResponseMetadata, ServiceError};
pub use number::{BigDecimal, BigInteger, BigNumberParseError};
pub use operation::Operation;
pub use request::{BuildError, HostPrefix};
pub use response::{MalformedResponse, ResponseError};
pub use sensitive::{Redacted, REDACTED};
pub use union::UnknownUnionMember;
pub use validate::ValidationError;

/// The `http` crate, for the expansions of [`impl_operation_error!`] and
/// [`impl_error_code!`] in generated code.
#[doc(hidden)]
pub use http;

/// The `serde` crate, for the expansions of [`impl_serde_string_enum!`],
/// [`impl_serde_int_enum!`] and [`impl_serde_union!`] in generated code.
#[cfg(feature = "serde")]
#[doc(hidden)]
pub use serde;
