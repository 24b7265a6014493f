//! Endpoint resolution: what the resolvers generated from AWS endpoint rule
//! sets return, and the rule sets' standard library.
//!
//! AWS specifies, per service, how the endpoint (URL, headers and
//! properties such as the signing scheme) follows from client
//! configuration: a *rule set* (botocore's `endpoint-rule-set-1.json`,
//! Smithy's `smithy.rules#endpointRuleSet`). The generator turns each rule
//! set into plain Rust (`<service>::endpoint::resolve`), which returns an
//! [`Endpoint`] or a [`ResolveError`]; the generated crate's table of
//! partitions (`partitions.json`) holds one [`Partition`] each. The rule
//! sets' standard library, which the resolvers call, is the runtime's
//! plumbing (not public API).
//!
//! Resolution follows botocore's implementation
//! (`botocore/endpoint_provider.py`), the reference the rule sets' tests are
//! run against.

pub(crate) mod library;
pub(crate) mod partition;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt;

use crate::Document;

pub use partition::Partition;

/// A resolved endpoint: where to send a request, with the headers to add
/// and the rule set's properties (`authSchemes`: how to sign it, and
/// anything else the service's rule set says).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Endpoint {
    /// The URL requests go to (`https://iot.eu-west-1.amazonaws.com`).
    pub url: String,
    /// Headers to send, by name, each with its values in order.
    pub headers: BTreeMap<String, Vec<String>>,
    /// The rule set's properties, such as `authSchemes`, as JSON-like values.
    pub properties: BTreeMap<String, Document>,
}

impl Endpoint {
    /// An endpoint with this URL, no headers and no properties.
    pub fn new(url: impl Into<String>) -> Self {
        Endpoint {
            url: url.into(),
            ..Endpoint::default()
        }
    }

    /// Adds a header with its values (the generated resolvers' builder).
    pub fn header(mut self, name: &str, values: &[&str]) -> Self {
        self.headers.insert(
            name.to_owned(),
            values.iter().map(|v| (*v).to_owned()).collect(),
        );
        self
    }

    /// Adds a property (the generated resolvers' builder).
    pub fn property(mut self, name: &str, value: Document) -> Self {
        self.properties.insert(name.to_owned(), value);
        self
    }
}

/// Why no endpoint could be resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolveError {
    kind: ResolveErrorKind,
    message: String,
    parameters: Vec<(&'static str, Document)>,
}

/// What kind of failure a [`ResolveError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResolveErrorKind {
    /// An error rule of the rule set matched: the configuration is not
    /// valid for the service (FIPS with a custom endpoint, a partition
    /// without dual-stack, no region, …). The message is the rule set's.
    RuleSet,
    /// No rule matched the parameters.
    NoMatch,
    /// A parameter the rule set requires, and gives no default for, is
    /// not set.
    MissingParameter,
    /// A template of the rule set inserts a value that is not set (a
    /// rule-set bug that botocore fails on too).
    Unset,
}

impl ResolveError {
    /// An error rule's message, verbatim.
    pub fn rule(message: impl Into<String>) -> Self {
        ResolveError {
            kind: ResolveErrorKind::RuleSet,
            message: message.into(),
            parameters: Vec::new(),
        }
    }

    /// No rule matched; the message (botocore's "No endpoint found for
    /// parameters") is completed by [`ResolveError::with_parameters`].
    pub fn no_match() -> Self {
        ResolveError {
            kind: ResolveErrorKind::NoMatch,
            message: String::new(),
            parameters: Vec::new(),
        }
    }

    /// A required parameter without default is unset (botocore's message).
    pub fn missing_parameter(name: &str) -> Self {
        ResolveError {
            kind: ResolveErrorKind::MissingParameter,
            message: format!("Cannot find value for required parameter {name}"),
            parameters: Vec::new(),
        }
    }

    /// A value the rule set needs where it is not set (botocore fails
    /// there with a `KeyError`).
    pub fn unset(name: &str) -> Self {
        ResolveError {
            kind: ResolveErrorKind::Unset,
            message: format!("The rule set needs {name} here, but it is not set"),
            parameters: Vec::new(),
        }
    }

    /// Records the parameters resolution was given (`None`: not set, left
    /// out), by their rule-set names.
    pub fn with_parameters(
        mut self,
        parameters: impl IntoIterator<Item = (&'static str, Option<Document>)>,
    ) -> Self {
        self.parameters = parameters
            .into_iter()
            .filter_map(|(name, value)| Some((name, value?)))
            .collect();
        if self.kind == ResolveErrorKind::NoMatch {
            let mut message = String::from("No endpoint found for parameters:");
            for (name, value) in &self.parameters {
                message.push('\n');
                message.push_str(name);
                message.push_str(": ");
                push_value(&mut message, value);
            }
            self.message = message;
        }
        self
    }

    /// What went wrong; for [`ResolveErrorKind::RuleSet`], the rule set's
    /// message exactly as written there.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ResolveErrorKind {
        self.kind
    }

    /// The parameters that were set, by their rule-set names.
    pub fn parameters(&self) -> &[(&'static str, Document)] {
        &self.parameters
    }
}

/// A parameter value as text: strings bare, booleans `true`/`false`, lists
/// in brackets.
fn push_value(out: &mut String, value: &Document) {
    match value {
        Document::String(s) => out.push_str(s),
        Document::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Document::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_value(out, item);
            }
            out.push(']');
        }
        other => out.push_str(&format!("{other:?}")),
    }
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if self.kind != ResolveErrorKind::NoMatch && !self.parameters.is_empty() {
            f.write_str(" (endpoint parameters: ")?;
            let mut list = String::new();
            for (i, (name, value)) in self.parameters.iter().enumerate() {
                if i > 0 {
                    list.push_str(", ");
                }
                list.push_str(name);
                list.push_str(": ");
                push_value(&mut list, value);
            }
            f.write_str(&list)?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl std::error::Error for ResolveError {}
