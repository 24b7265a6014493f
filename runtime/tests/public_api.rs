//! The runtime's public surface is a decision, not an accident: this test
//! lists the crate root's public modules and re-exports, and fails when
//! `lib.rs` gains (or loses) one, so that plumbing only generated code calls
//! goes behind `__private` instead (see `docs/architecture.md`, "The
//! runtime's public API and `__private`").
//!
//! It reads `src/lib.rs` as text: the root's `pub mod` and `pub use` items
//! are written at the start of a line, and the ones of `__private` are
//! indented inside it, so lines are enough.

use std::collections::BTreeSet;

/// The public modules at the crate root; `__private` is hidden.
const PUBLIC_MODULES: &[&str] = &[
    "__private",
    "client",
    "config",
    "credentials",
    "endpoint",
    "sigv4",
    "validate",
];

/// The names re-exported at the crate root.
const ROOT_ITEMS: &[&str] = &[
    "BigDecimal",
    "BigInteger",
    "BigNumberParseError",
    "Blob",
    "BuildError",
    "Credentials",
    "DateTime",
    "DateTimeConversionError",
    "DateTimeFormatError",
    "DateTimeParseError",
    "Document",
    "HasResponseMetadata",
    "HostPrefix",
    "MalformedResponse",
    "Number",
    "Operation",
    "ParseError",
    "REDACTED",
    "ResponseError",
    "ResponseMetadata",
    "ServiceError",
    "TimestampFormat",
    "UnhandledError",
    "UnknownUnionMember",
    "UnknownVariantValue",
    "ValidationError",
];

fn lib_rs() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs");
    std::fs::read_to_string(path).expect("runtime/src/lib.rs is readable")
}

/// The root's `pub mod name` items (unindented lines).
fn public_modules(source: &str) -> BTreeSet<String> {
    source
        .lines()
        .filter_map(|line| line.strip_prefix("pub mod "))
        .map(|rest| rest.trim_end_matches([';', '{', ' ']).to_owned())
        .collect()
}

/// The names the root's `pub use` items bring in (their last segment, or
/// the `as` name), `pub use` items spanning lines included.
fn root_items(source: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix("pub use ") else {
            continue;
        };
        let mut item = rest.to_owned();
        while !item.contains(';') {
            match lines.next() {
                Some(next) => item.push_str(next),
                None => break,
            }
        }
        let item = item.trim_end_matches(';');
        let list = match (item.find('{'), item.rfind('}')) {
            (Some(open), Some(close)) => &item[open + 1..close],
            _ => item,
        };
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let name = match part.split_once(" as ") {
                Some((_, alias)) => alias,
                None => part.rsplit("::").next().unwrap_or(part),
            };
            names.insert(name.trim().to_owned());
        }
    }
    names
}

#[test]
fn the_crate_root_has_exactly_the_public_modules_decided() {
    let expected: BTreeSet<String> = PUBLIC_MODULES.iter().map(|m| m.to_string()).collect();
    assert_eq!(
        public_modules(&lib_rs()),
        expected,
        "a public module was added or removed at the root of awsgen-runtime: \
         plumbing that only generated code calls belongs behind `__private`; \
         if users need the module, update this list and docs/architecture.md"
    );
}

#[test]
fn the_crate_root_re_exports_exactly_the_user_facing_types() {
    let expected: BTreeSet<String> = ROOT_ITEMS.iter().map(|m| m.to_string()).collect();
    assert_eq!(
        root_items(&lib_rs()),
        expected,
        "the root of awsgen-runtime re-exports something new (or lost something): \
         plumbing belongs behind `__private`; if users name the item, update this \
         list and docs/architecture.md"
    );
}

/// The user-facing names resolve where users write them (a compile-time
/// check: this file does not build if one moves).
#[test]
fn user_facing_names_resolve_at_their_public_paths() {
    #[allow(unused_imports)]
    use awsgen_runtime::{
        client::{
            paginate::{PageIter, Paginated, Paginator},
            retry::{Random, RetryConfig},
            send, send_blocking, CallError, ClientBuildError, ClientConfig, ClientSettings,
            HttpClient, ReplayClient, ServiceClient, Sleep, TimeoutConfig, TransportError,
        },
        config::{Config, ConfigLoader},
        credentials::{ProvideCredentials, ProviderConfig},
        endpoint::{Endpoint, Partition, ResolveError, ResolveErrorKind},
        sigv4::{Signer, SigningParams},
        validate::{Problem, ProblemKind},
        BigDecimal, BigInteger, BigNumberParseError, Blob, BuildError, Credentials, DateTime,
        DateTimeConversionError, DateTimeFormatError, DateTimeParseError, Document,
        HasResponseMetadata, HostPrefix, MalformedResponse, Number, Operation, ParseError,
        ResponseError, ResponseMetadata, ServiceError, TimestampFormat, UnhandledError,
        UnknownUnionMember, UnknownVariantValue, ValidationError, REDACTED,
    };
    assert_eq!(REDACTED, "*** Sensitive Data Redacted ***");
}

#[test]
fn the_parser_of_this_test_reads_multi_line_re_exports() {
    let source =
        "pub mod a;\n    pub mod hidden {\npub use x::{B,\n    c::D as E};\npub use f::G;\n";
    assert_eq!(public_modules(source), BTreeSet::from(["a".to_owned()]));
    assert_eq!(
        root_items(source),
        BTreeSet::from(["B".to_owned(), "E".to_owned(), "G".to_owned()])
    );
}
