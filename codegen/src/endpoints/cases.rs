//! Endpoint test cases (botocore's `endpoint-tests-1.json`, the rule-set
//! suites' `test-cases/*.json`) as `#[test]` functions: each builds the
//! resolver's `Params` from the case's `params` and hands the result of
//! `resolve` and the case's expectation to the test crate's hand-written
//! harness.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use proc_macro2::TokenStream;
use quote::quote;
use serde::Deserialize;
use serde_json::Value;

use super::resolver::{Param, ParamType};
use super::EndpointError;
use crate::naming::ident;

/// A file of test cases.
#[derive(Debug, Deserialize)]
pub struct TestFile {
    #[serde(rename = "testCases")]
    pub test_cases: Vec<TestCase>,
}

#[derive(Debug, Deserialize)]
pub struct TestCase {
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub params: IndexMap<String, Value>,
    pub expect: Expect,
}

/// An endpoint, or an error message.
#[derive(Debug, Deserialize)]
pub struct Expect {
    #[serde(default)]
    pub endpoint: Option<ExpectedEndpoint>,
    #[serde(default)]
    pub error: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ExpectedEndpoint {
    pub url: String,
    #[serde(default)]
    pub properties: serde_json::Map<String, Value>,
    #[serde(default)]
    pub headers: IndexMap<String, Vec<String>>,
}

/// Reads a test file.
pub fn parse(source: &str, text: &str) -> Result<TestFile, EndpointError> {
    crate::model::deserialize(source, text)
        .map_err(|e| EndpointError::new(source, e.location, e.message))
}

/// The tests of one file: one module, `use`-ing the resolver at
/// `resolver` (`awsgen::iot::endpoint`), its tests named after each case's
/// documentation in snake case (`_2`, `_3`, … on collisions), each with
/// `#[ignore = skip]` when the file is skipped.
pub fn module(
    name: &str,
    doc: &str,
    file: &TestFile,
    params: &[Param],
    resolver: TokenStream,
    source: &str,
    skip: Option<&str>,
) -> Result<TokenStream, EndpointError> {
    let mut taken = BTreeSet::new();
    let mut tests = Vec::new();
    for (i, case) in file.test_cases.iter().enumerate() {
        let at = format!("/testCases/{i}");
        let base = case
            .documentation
            .as_deref()
            .map(crate::naming::module_name)
            .unwrap_or_else(|| format!("case_{i}"));
        let test_name = unique(base, &mut taken);
        tests.push(test_fn(case, &test_name, params, source, &at, skip)?);
    }
    let body: TokenStream = tests.into_iter().collect();
    let mut used = Vec::new();
    for helper in ["expect_endpoint", "expect_error"] {
        if crate::emit::mentions(&body, helper) {
            used.push(ident(helper));
        }
    }
    let module = ident(name);
    let doc_line = format!(" {doc}");
    Ok(quote! {
        #[doc = #doc_line]
        mod #module {
            use #resolver::{resolve, Params};
            use crate::harness::{#(#used),*};

            #body
        }
    })
}

fn test_fn(
    case: &TestCase,
    name: &str,
    params: &[Param],
    source: &str,
    at: &str,
    skip: Option<&str>,
) -> Result<TokenStream, EndpointError> {
    let error = |pointer: String, message: String| EndpointError::new(source, pointer, message);
    let mut fields = Vec::new();
    for (key, value) in &case.params {
        let Some(param) = params.iter().find(|p| p.name == *key) else {
            return Err(error(
                format!("{at}/params/{key}"),
                format!("`{key}` is not a parameter of the rule set"),
            ));
        };
        let literal = match (param.ty, value) {
            (ParamType::String, Value::String(s)) => quote!(#s.into()),
            (ParamType::Boolean, Value::Bool(b)) => quote!(#b),
            (ParamType::StringArray, Value::Array(items)) => {
                let mut strings = Vec::new();
                for item in items {
                    let Some(s) = item.as_str() else {
                        return Err(error(
                            format!("{at}/params/{key}"),
                            "a string array holds a non-string".to_owned(),
                        ));
                    };
                    strings.push(quote!(#s.into()));
                }
                quote!(vec![#(#strings),*])
            }
            _ => {
                return Err(error(
                    format!("{at}/params/{key}"),
                    format!("{value} does not fit the parameter's type"),
                ))
            }
        };
        let field = ident(&param.field);
        let literal = if param.is_optional() {
            quote!(Some(#literal))
        } else {
            literal
        };
        fields.push(quote!(#field: #literal,));
    }
    let params_value = if fields.is_empty() {
        quote!(Params::default())
    } else if fields.len() == params.len() {
        quote!(Params { #(#fields)* })
    } else {
        quote!(Params { #(#fields)* ..Default::default() })
    };
    let check = match (&case.expect.endpoint, &case.expect.error) {
        (Some(endpoint), None) => {
            let url = &endpoint.url;
            let headers = endpoint
                .headers
                .iter()
                .map(|(name, values)| quote!((#name, &[#(#values),*])));
            let properties = serde_json::to_string(&endpoint.properties)
                .map_err(|e| error(format!("{at}/expect"), e.to_string()))?;
            quote!(expect_endpoint(resolve(&params), #url, &[#(#headers),*], #properties);)
        }
        (None, Some(message)) => quote!(expect_error(resolve(&params), #message);),
        _ => {
            return Err(error(
                format!("{at}/expect"),
                "expected exactly one of `endpoint` and `error`".to_owned(),
            ))
        }
    };
    let mut doc = case.documentation.clone().unwrap_or_default();
    if !doc.is_empty() {
        doc.push_str("\n\n");
    }
    doc.push_str(&format!(
        "Case {} of `{source}`.",
        at.trim_start_matches("/testCases/")
    ));
    let doc_lines = doc.lines().map(|line| format!(" {line}"));
    let ignore = skip.map(|reason| quote!(#[ignore = #reason]));
    let name = ident(name);
    Ok(quote! {
        #(#[doc = #doc_lines])*
        #[test]
        #ignore
        fn #name() {
            let params = #params_value;
            #check
        }
    })
}

/// `base`, or `base_2`, `base_3`, … whichever is free, and takes it (as
/// the protocol tests number theirs).
fn unique(base: String, taken: &mut BTreeSet<String>) -> String {
    let plain = base.trim_start_matches("r#").to_owned();
    let mut candidate = base;
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{plain}_{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}
