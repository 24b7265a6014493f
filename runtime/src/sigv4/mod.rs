//! AWS Signature Version 4 for `http::Request`s, header signing.
//!
//! Hand-written on `sha2` and `hmac`: the `aws-sigv4` crate brings about
//! fifty packages and takes about 10 µs a signature, this about 1.5 µs
//! with a cached key. It is proven by AWS's own test vectors (botocore's
//! `aws4_testsuite` and the SDKs' shared signing suite, in
//! `runtime/tests/sigv4_*.rs`, one test per case).
//!
//! One job per module: [`canonical_request`] (path, query, headers,
//! payload hash), [`string_to_sign`], the signing key and its cache
//! ([`SigningKey`], [`SigningKeyCache`]), and [`sign`] / [`Signer`], which
//! put it together on a request.
//!
//! ```
//! use std::time::SystemTime;
//! use awsgen_runtime::sigv4::{Signer, SigningParams};
//! use awsgen_runtime::Credentials;
//!
//! let signer = Signer::new(); // keep it: it caches the signing key
//! let credentials = Credentials::new("AKIDEXAMPLE", "secret");
//! let params = SigningParams::new("us-east-1", "iot", SystemTime::now());
//! let mut request =
//!     http::Request::get("https://iot.us-east-1.amazonaws.com/jobs/job-1").body(Vec::new())?;
//! signer.sign(&mut request, &credentials, &params)?;
//! assert!(request.headers().contains_key("authorization"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What is signed, in short: the method; the path, normalized and (but for
//! S3) percent-encoded once more on top of its wire encoding; the query,
//! parameters decoded, encoded again and sorted; every header but
//! [`UNSIGNED_HEADERS`], trimmed and sorted; the SHA-256 of the body or
//! `UNSIGNED-PAYLOAD`. [`SigningSettings`] holds the variations services
//! ask for.

mod canonical;
mod error;
mod hex;
mod key;
mod settings;
mod sign;
mod time;

pub use self::canonical::{canonical_request, CanonicalRequest, UNSIGNED_HEADERS};
pub use self::error::SigningError;
pub use self::key::{SigningKey, SigningKeyCache};
pub use self::settings::{PayloadSigning, SessionTokenMode, SigningParams, SigningSettings};
pub use self::sign::{sign, signature, string_to_sign, Signer};
pub use self::time::AmzDate;
