//! The endpoint test crate (`tests/endpoint-tests/`):
//!
//! - `src/valid_rules/<name>.rs`: each rule set of botocore's
//!   standard-library suite (`tests/unit/data/endpoints/valid-rules/`) as a
//!   resolver, by the same generator as the services' `endpoint.rs`;
//! - `src/standard_library_tests.rs`: each case of the suite's
//!   `test-cases/<name>.json` as a `#[test]` of that resolver;
//! - `src/service_tests.rs`: each case of AWS's endpoint tests of the
//!   shipped services as a `#[test]` of `awsgen::<service>::endpoint`;
//! - `src/partitions.rs`, the table the resolvers look partitions up in.
//!
//! The assertions are in the crate's hand-written `src/harness.rs`.

use std::path::PathBuf;
use std::time::Instant;

use proc_macro2::TokenStream;
use quote::quote;

use super::cases;
use super::EndpointError;
use crate::emit::docs::{code_span, Doc};
use crate::naming::{self, ident};
use crate::pipeline::{Generated, GeneratedFile, Stats, Timings};
use crate::render;

/// The package name of the generated crate.
pub const PACKAGE: &str = "awsgen-endpoint-tests";

/// A file's name (for errors and docs) and its text.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// The endpoint tests of a service of the `awsgen` crate.
#[derive(Debug, Clone, Copy)]
pub struct ServiceSuite<'a> {
    /// The service's module in `awsgen` (`iot_jobs_data`).
    pub module: &'a str,
    /// The rule set `awsgen`'s resolver is generated from.
    pub rule_set: Source<'a>,
    /// AWS's `endpoint-tests-1.json`.
    pub tests: Source<'a>,
}

/// A rule set of botocore's standard-library suite, and its cases.
#[derive(Debug, Clone, Copy)]
pub struct LibrarySuite<'a> {
    /// The file stem (`parse-url`).
    pub name: &'a str,
    pub rule_set: Source<'a>,
    /// `test-cases/<name>.json`, when the suite has cases for it.
    pub tests: Option<Source<'a>>,
}

/// Everything the crate is generated from.
#[derive(Debug, Clone)]
pub struct Sources<'a> {
    pub partitions: Source<'a>,
    pub services: Vec<ServiceSuite<'a>>,
    pub library: Vec<LibrarySuite<'a>>,
}

/// The suite files whose cases are generated `#[ignore]`d, with the reason.
///
/// Empty: botocore's own runner (`tests/unit/test_endpoint_provider.py`)
/// leaves `partition-fn` out, as its cases were written against the Smithy
/// rules-engine test partitions, but all five pass against botocore
/// 1.44.5's `data/partitions.json` (its `aws-cn-global` region and
/// suffixes match), so they run here. Should a partitions update break
/// them, skip the file here with that reason.
pub const SKIPPED: &[(&str, &str)] = &[];

/// Generates the crate's files.
pub fn generate(sources: &Sources) -> Result<Generated, EndpointError> {
    let started = Instant::now();
    let mut timings = Timings::default();
    for (name, _) in SKIPPED {
        if !sources.library.iter().any(|s| s.name == *name) {
            return Err(EndpointError::new(
                "endpoints::test_crate::SKIPPED",
                "",
                format!("skips `{name}`, which is not a suite file"),
            ));
        }
    }
    let mut files = Vec::new();
    let partitions = super::partitions::parse(sources.partitions.name, sources.partitions.text)?;
    files.push(rendered(
        "src/partitions.rs",
        partitions.emit(sources.partitions.name),
    )?);

    // The standard-library suite: resolvers and their tests.
    let mut modules = Vec::new();
    let mut library_tests = Vec::new();
    let mut cases_total = 0;
    let mut skipped_total = 0;
    for suite in &sources.library {
        let module = naming::module_name(suite.name);
        let value: serde_json::Value =
            crate::model::deserialize(suite.rule_set.name, suite.rule_set.text)
                .map_err(|e| EndpointError::new(suite.rule_set.name, e.location, e.message))?;
        let title = format!("the rule set {}", code_span(suite.rule_set.name));
        let resolver = super::resolver_module(&value, suite.rule_set.name, &title)?;
        files.push(rendered(
            &format!("src/valid_rules/{module}.rs"),
            resolver.tokens,
        )?);
        modules.push((module.clone(), suite.rule_set.name));
        if let Some(tests) = suite.tests {
            let file = cases::parse(tests.name, tests.text)?;
            let skip = SKIPPED
                .iter()
                .find(|(name, _)| *name == suite.name)
                .map(|(_, reason)| *reason);
            cases_total += file.test_cases.len();
            if skip.is_some() {
                skipped_total += file.test_cases.len();
            }
            let module_ident = ident(&module);
            library_tests.push(cases::module(
                &module,
                &format!("The cases of {}.", code_span(tests.name)),
                &file,
                &resolver.params,
                quote!(crate::valid_rules::#module_ident),
                tests.name,
                skip,
            )?);
        }
    }
    let decls = modules.iter().map(|(module, source)| {
        let doc = format!(" The resolver of {}.", code_span(source));
        let module = ident(module);
        quote! {
            #[doc = #doc]
            pub mod #module;
        }
    });
    let valid_rules_doc = Doc::new()
        .text(
            "botocore's standard-library rule sets, one resolver each, generated like a \
             service's `endpoint.rs`.",
        )
        .inner();
    files.push(rendered(
        "src/valid_rules/mod.rs",
        quote! {
            #valid_rules_doc
            #(#decls)*
        },
    )?);
    let library_doc = Doc::new()
        .text(
            "One test per case of botocore's standard-library suite (`test-cases/<name>.json`), \
             against the resolver of the rule set of the same name; named after the case's \
             documentation.",
        )
        .inner();
    files.push(rendered(
        "src/standard_library_tests.rs",
        quote! {
            #library_doc
            #(#library_tests)*
        },
    )?);

    // The shipped services' tests, against `awsgen`.
    let mut service_tests = Vec::new();
    for suite in &sources.services {
        let value: serde_json::Value =
            crate::model::deserialize(suite.rule_set.name, suite.rule_set.text)
                .map_err(|e| EndpointError::new(suite.rule_set.name, e.location, e.message))?;
        let rule_set = super::parse_rule_set(&value, suite.rule_set.name)?;
        let resolver = super::resolver::compile(&rule_set, suite.rule_set.name)?;
        let file = cases::parse(suite.tests.name, suite.tests.text)?;
        cases_total += file.test_cases.len();
        let module = ident(suite.module);
        service_tests.push(cases::module(
            suite.module,
            &format!("The cases of {}.", code_span(suite.tests.name)),
            &file,
            &resolver.params,
            quote!(awsgen::#module::endpoint),
            suite.tests.name,
            None,
        )?);
    }
    let service_doc = Doc::new()
        .text(
            "One test per case of AWS's endpoint tests of the services of the `awsgen` crate, \
             against its generated resolvers; named after the case's documentation.",
        )
        .inner();
    files.push(rendered(
        "src/service_tests.rs",
        quote! {
            #service_doc
            #(#service_tests)*
        },
    )?);

    files.push(rendered(
        "src/lib.rs",
        lib_rs(modules.len(), cases_total, skipped_total),
    )?);
    files.push(GeneratedFile {
        path: PathBuf::from("Cargo.toml"),
        contents: cargo_toml(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    timings.emit_and_format_wall = started.elapsed();
    Ok(Generated {
        files,
        stats: Stats {
            services: modules.len() + sources.services.len(),
            operations: 0,
            shapes: 0,
        },
        timings,
        unsupported: Vec::new(),
    })
}

fn rendered(path: &str, tokens: TokenStream) -> Result<GeneratedFile, EndpointError> {
    let contents =
        render::render(path, tokens).map_err(|e| EndpointError::new(path, "", e.to_string()))?;
    Ok(GeneratedFile {
        path: PathBuf::from(path),
        contents,
    })
}

fn lib_rs(resolvers: usize, cases: usize, skipped: usize) -> TokenStream {
    let doc = Doc::new()
        .text("# Endpoint resolution tests")
        .text(
            "Generated by `cargo xtask codegen` from AWS's endpoint test cases and botocore's \
             standard-library rule sets (copied from botocore into `tests/fixtures/botocore/`); \
             do not edit.",
        )
        .text(format!(
            "{resolvers} rule sets of the standard-library suite become resolvers \
             (`valid_rules`); each of the {cases} cases becomes a `#[test]` \
             (`standard_library_tests`, and `service_tests` against the `awsgen` crate's \
             resolvers). {}",
            match skipped {
                0 => "No case is skipped.".to_owned(),
                n => format!(
                    "{n} cases are skipped with `#[ignore = \"reason\"]`; `cargo test` lists each of them."
                ),
            }
        ))
        .inner();
    quote! {
        #doc

        #[rustfmt::skip]
        pub mod partitions;

        #[rustfmt::skip]
        pub mod valid_rules;

        #[cfg(test)]
        mod harness;

        #[cfg(test)]
        #[rustfmt::skip]
        mod service_tests;

        #[cfg(test)]
        #[rustfmt::skip]
        mod standard_library_tests;
    }
}

/// `Cargo.toml` (TOML, not Rust: plain text).
fn cargo_toml() -> String {
    let mut out = String::from(crate::render::TOML_PREAMBLE);
    out.push_str("[package]\n");
    out.push_str(&format!("name = \"{PACKAGE}\"\nversion = \"0.1.0\"\n"));
    out.push_str(
        "description = \"AWS's endpoint test cases as tests of the generated resolvers, generated by `cargo xtask codegen`\"\n",
    );
    out.push_str(
        "edition.workspace = true\nlicense.workspace = true\nrust-version.workspace = true\npublish.workspace = true\n",
    );
    out.push_str("\n# The tests are unit tests of the library: one crate to compile.\n[lib]\ndoctest = false\n");
    out.push_str("\n[dependencies]\nawsgen-runtime.workspace = true\n");
    out.push_str("\n[dev-dependencies]\nawsgen = { path = \"../../generated\" }\n");
    out
}
