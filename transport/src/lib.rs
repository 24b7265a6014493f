//! HTTP transports for the sans-IO client core of `awsgen-runtime`
//! ([`awsgen_runtime::client`]).
//!
//! The core builds, signs, classifies and retries requests without doing
//! I/O; this crate does the I/O. It is a crate of its own so that
//! `awsgen-runtime`, which every generated client compiles, stays free of
//! tokio, hyper and TLS: users who bring their own transport (or only use
//! the replay transport in tests) never build them.
//!
//! | feature | what |
//! | --- | --- |
//! | `hyper` (default) | [`HyperClient`], an async [`HttpClient`] on hyper 1 + hyper-util's pooled client + rustls on `ring` with webpki roots, and [`TokioSleep`] |
//! | `native-roots` | [`HyperClientBuilder::native_roots`]: the operating system's root certificates |
//! | `http2` | HTTP/2 (by ALPN) for [`HyperClient`] |
//! | `blocking` | [`UreqClient`], a blocking transport on ureq 3 + rustls on `ring`, for [`send_blocking`] |
//!
//! [`env_settings`] (and [`blocking_env_settings`]) give a generated
//! client's default settings from the environment with these transports.
//!
//! No aws-lc-rs anywhere (tens of seconds of C build). Both transports
//! apply [`TimeoutConfig::connect`] and [`TimeoutConfig::attempt`] (as
//! their read timeout), collect response bodies whole, and report
//! failures as [`TransportError`]s of kind `Timeout`, `Connect` or `Io`,
//! the library's error kept as the source: a truncated body, a reset
//! connection or bytes that are not HTTP are `Io`, never a panic.
//!
//! [`HttpClient`]: awsgen_runtime::client::HttpClient
//! [`TransportError`]: awsgen_runtime::client::TransportError
//! [`TimeoutConfig::connect`]: awsgen_runtime::client::TimeoutConfig::connect
//! [`TimeoutConfig::attempt`]: awsgen_runtime::client::TimeoutConfig::attempt
//! [`send_blocking`]: awsgen_runtime::client::send_blocking
#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(any(feature = "hyper", feature = "blocking"))]
mod describe;
#[cfg(feature = "hyper")]
mod hyper_client;
#[cfg(any(feature = "hyper", feature = "blocking"))]
mod settings;
#[cfg(feature = "blocking")]
mod ureq_client;

#[cfg(feature = "hyper")]
pub use hyper_client::{HyperClient, HyperClientBuilder, SetupError, TokioSleep};
#[cfg(feature = "blocking")]
pub use settings::blocking_env_settings;
#[cfg(feature = "hyper")]
pub use settings::env_settings;
#[cfg(feature = "blocking")]
pub use ureq_client::UreqClient;
