//! The runtime of the clients `cargo xtask codegen` generates from AWS
//! service models: the types generated code is written in, and what a
//! client needs to call AWS.
//!
//! Generated crates hold one struct or enum per model shape and as little
//! logic as possible; whatever is shared between shapes lives here once, so
//! that users compile it once. The Smithy shapes that have no natural
//! standard-library equivalent are these types:
//!
//! | Smithy shape | Rust type |
//! | --- | --- |
//! | `timestamp` | [`DateTime`], read and written in any [`TimestampFormat`] |
//! | `blob` | [`Blob`] |
//! | `document` | [`Document`] and its [`Number`] |
//! | `bigInteger`, `bigDecimal` | [`BigInteger`], [`BigDecimal`] |
//! | unknown values of an `enum` | [`UnknownVariantValue`] |
//! | unknown members of a `union` | [`UnknownUnionMember`] |
//! | `@sensitive` members in `Debug` | printed as [`REDACTED`] |
//!
//! Every generated operation implements [`Operation`]: its input into an
//! `http::Request` ([`BuildError`] when a value cannot be sent, a
//! [`HostPrefix`] in the request's extensions when the model has one), and
//! a response into its output or a [`ResponseError`] (the operation's error
//! enum, whose catch-all holds an [`UnhandledError`], or a
//! [`MalformedResponse`] with its [`ParseError`]). Outputs and errors carry
//! their [`ResponseMetadata`] ([`HasResponseMetadata`]; errors also
//! [`ServiceError`]); inputs are checked before sending
//! ([`ValidationError`], [`validate`]).
//!
//! The modules hold what a client needs:
//!
//! | module | what |
//! | --- | --- |
//! | [`client`] | the generated clients' settings ([`client::ClientSettings`], retries, timeouts) and errors ([`client::CallError`]), the transport traits, the sans-IO call core, paginators and the replay transport for tests |
//! | [`config`] | the settings read from the environment and the shared profile files |
//! | [`credentials`] | [`Credentials`] and where they come from: the environment, profiles, `credential_process`, container and instance metadata, a chain and a cache |
//! | [`sigv4`] | AWS Signature Version 4: [`sigv4::Signer`] signs an `http::Request` in place, keeping the signing key it derives |
//! | [`endpoint`] | what the generated endpoint resolvers return, and the partitions table's rows |
//! | [`validate`] | the problems input validation reports |
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
//! assert_eq!(payload.as_bytes(), b"foobar");
//!
//! let document = Document::from(vec![Document::from(1_u8), Document::from("two")]);
//! assert_eq!(document.as_array().map(<[Document]>::len), Some(2));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Public API and plumbing
//!
//! Only what users name in their own code is public: the types above, at
//! the crate root, and the modules in the table. What only generated code
//! calls (the request builder, the response readers, the JSON reader and
//! writer, the HTTP-binding helpers, the validation walker, the endpoint
//! rule sets' standard library, the macros that implement traits for
//! generated types) lives behind one hidden path, `__private`, which may
//! change in any release together with the generator: depend on it and
//! your code may break. The `impl_*!` macros are exported at the crate root
//! (where `#[macro_export]` puts them) but hidden too.
//!
//! Dependencies are kept to `base64`, `http`, `getrandom` (retry jitter), `fastrand`
//! (idempotency tokens), `itoa` and
//! `zmij` (the last two format numbers in JSON bodies, as in serde_json),
//! and `sha2` and `hmac` for signing, so that the crate builds quickly; the optional `serde` feature adds
//! `Serialize`/`Deserialize` for these types, and the macros that implement
//! them for generated enums and unions. JSON bodies do not go through serde,
//! so that feature stays free for user-facing names.
//! No function here panics on input data: malformed input gives a typed
//! error that says what was wrong. No `unsafe` code either
//! (`#![forbid(unsafe_code)]`).
#![deny(missing_docs)]
#![forbid(unsafe_code)]

// User-facing modules: what users name in their own code.
pub mod client;
pub mod config;
pub mod credentials;
pub mod endpoint;
pub mod sigv4;
pub mod validate;

// The rest is the implementation of the types re-exported below, or
// plumbing that only generated code calls, reached through [`__private`].
mod base64;
mod blob;
mod datetime;
mod document;
mod enums;
mod error;
mod http_binding;
mod json;
mod macros;
mod metadata;
mod number;
mod operation;
mod request;
mod response;
mod sensitive;
#[cfg(feature = "serde")]
mod serde_impls;
#[cfg(feature = "serde")]
mod serde_macros;
mod union;

pub use blob::Blob;
pub use credentials::Credentials;
pub use datetime::{
    DateTime, DateTimeConversionError, DateTimeFormatError, DateTimeParseError,
    Format as TimestampFormat,
};
pub use document::{Document, Number};
pub use enums::UnknownVariantValue;
pub use error::UnhandledError;
pub use metadata::{HasResponseMetadata, ResponseMetadata, ServiceError};
pub use number::{BigDecimal, BigInteger, BigNumberParseError};
pub use operation::Operation;
pub use request::{BuildError, HostPrefix};
pub use response::{MalformedResponse, ParseError, ResponseError};
pub use sensitive::REDACTED;
pub use union::UnknownUnionMember;
pub use validate::ValidationError;

/// Plumbing for generated code: not part of the public API.
///
/// Everything that generated code calls and users never write themselves
/// is reached through this one path: the request builder,
/// the response readers, the JSON reader and writer and their traits, the
/// HTTP-binding helpers, the validation walker, the endpoint rule sets'
/// standard library, the client's per-service plumbing, and the macros'
/// helpers. It is hidden from the documentation and may change in any
/// release, together with the generator; generated code and the runtime
/// are always released together, so nothing else should name it (but the
/// project's own tests of the plumbing).
///
/// The rule for a new item: if a user would type its name in ordinary use
/// (to build a client, call an operation, match its error, read a value),
/// it goes into a public module or the crate root; if only generated code
/// (or the runtime itself) names it, it goes here.
#[doc(hidden)]
pub mod __private {
    /// The `http` crate, for macro expansions in generated code.
    pub use http;
    /// The `serde` crate, for the expansions of the `impl_serde_*!` macros.
    #[cfg(feature = "serde")]
    pub use serde;

    pub use crate::error::fmt_error;
    pub use crate::sensitive::Redacted;
    pub use crate::{
        forward_operation, impl_error_code, impl_int_enum, impl_modeled_error,
        impl_operation_error, impl_response_metadata, impl_string_enum,
    };
    #[cfg(feature = "serde")]
    pub use crate::{impl_serde_int_enum, impl_serde_string_enum, impl_serde_union};

    /// Base64 (standard alphabet, padded) for blobs in JSON and headers.
    pub mod base64 {
        pub use crate::base64::*;
    }

    /// What generated clients give the runtime: the service's identity and
    /// endpoint rules, and the client core's own helpers.
    pub mod client {
        pub use crate::client::call::{apply_endpoint, USER_AGENT_VALUE};
        pub use crate::client::service::{EndpointInputs, ServiceSpec};
    }

    /// The endpoint rule sets' standard library, which generated resolvers
    /// call (`use awsgen_runtime::__private::endpoint as lib`).
    pub mod endpoint {
        pub use crate::endpoint::library::*;
        pub use crate::endpoint::partition::{partition, RegionRegex, RegionRegexError};
    }

    /// The restJson1 HTTP bindings: labels, query strings, headers, numbers
    /// as text.
    pub mod http_binding {
        pub use crate::http_binding::*;
    }

    /// The restJson1 JSON body reader and writer, and their traits.
    pub mod json {
        pub use crate::json::*;
    }

    /// The traits the response readers fill errors and outputs through.
    pub mod metadata {
        pub use crate::metadata::{ModeledError, SetResponseMetadata};
    }

    /// The request builder that generated serializers call.
    pub mod request {
        pub use crate::request::*;
    }

    /// The response readers that generated deserializers call.
    pub mod response {
        pub use crate::response::*;
    }

    /// The helpers of the `impl_serde_*!` macros.
    #[cfg(feature = "serde")]
    pub mod serde_macros {
        pub use crate::serde_macros::*;
    }

    /// The walker that generated validation functions drive.
    pub mod validate {
        pub use crate::validate::walk::*;
    }
}
