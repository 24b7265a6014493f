//! Endpoint resolution generated from endpoint rule sets.
//!
//! A rule set (botocore's `endpoint-rule-set-1.json`, the Smithy trait
//! `smithy.rules#endpointRuleSet`; either way `Service::endpoint_rule_set`)
//! becomes a module of plain Rust: a `Params` struct and `resolve`
//! ([`resolver`]), calling the runtime's `awsgen_runtime::__private::endpoint`
//! functions; `partitions.json` becomes the crate's `partitions` module
//! ([`partitions`]). Typing happens here, so a rule set the runtime could
//! not follow is a generation error naming the rule's JSON Pointer.
//!
//! [`test_crate`] generates the crate of endpoint tests (AWS's cases for
//! the shipped services and botocore's standard-library suites).

pub mod cases;
pub mod partitions;
pub mod resolver;
pub mod rule_set;
pub mod template;
pub mod test_crate;

use std::fmt;

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::emit::docs::Doc;

pub use resolver::{builtin_params, BuiltinParam, Param, ParamType, Resolver};
pub use rule_set::RuleSet;

/// A rule set (or partitions file) the generator cannot turn into code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointError {
    /// Where the rule set comes from (the model, or the rule-set file).
    pub source: String,
    /// A JSON Pointer into the rule set (`/rules/1/conditions/0/argv/0`).
    pub pointer: String,
    pub message: String,
}

impl EndpointError {
    pub fn new(
        source: impl Into<String>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        EndpointError {
            source: source.into(),
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            write!(f, "{}: {}", self.source, self.message)
        } else {
            write!(f, "{}: at {}: {}", self.source, self.pointer, self.message)
        }
    }
}

impl std::error::Error for EndpointError {}

/// Reads a rule set, reporting where a field does not fit.
pub fn parse_rule_set(value: &Value, source: &str) -> Result<RuleSet, EndpointError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let pointer = crate::model::pointer_of(e.path());
        EndpointError::new(source, pointer, e.inner().to_string())
    })
}

/// A resolver module (`endpoint.rs`) for the rule set `value`, titled
/// after what it resolves for (the service's full name).
pub fn resolver_module(
    value: &Value,
    source: &str,
    title: &str,
) -> Result<Resolver, EndpointError> {
    let rule_set = parse_rule_set(value, source)?;
    let mut resolver = resolver::compile(&rule_set, source)?;
    let doc = module_doc(title, &rule_set);
    let items = resolver.tokens;
    resolver.tokens = quote! {
        #doc
        #items
    };
    Ok(resolver)
}

fn module_doc(title: &str, rule_set: &RuleSet) -> TokenStream {
    let version = rule_set
        .version
        .as_deref()
        .map(|v| format!(" (version {v})"))
        .unwrap_or_default();
    Doc::new()
        .text(format!("Endpoint resolution for {title}."))
        .text(format!(
            "[`resolve`] gives the endpoint (URL, headers, and properties such as \
             `authSchemes`) for the configuration in [`Params`], following the service's \
             endpoint rule set{version}. Generated: the rules are plain Rust below, and no \
             JSON is read at run time."
        ))
        .inner()
}
