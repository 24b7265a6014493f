//! What the generated endpoint tests assert with, written once by hand.
//!
//! A generated test builds the resolver's `Params` from the case's
//! `params`, calls `resolve`, and hands the result and the case's
//! expectation here. As botocore's runner compares them: the URL exactly,
//! the headers (name → values in order) and the properties (as JSON values)
//! in full, so an endpoint with headers or properties the case does not
//! expect fails; an error by its message, exactly.

use std::collections::BTreeMap;

use awsgen_runtime::endpoint::{Endpoint, ResolveError};
use awsgen_runtime::Document;

/// The case expects this endpoint: `url`, `headers`, and `properties` as a
/// JSON object.
pub fn expect_endpoint(
    result: Result<Endpoint, ResolveError>,
    url: &str,
    headers: &[(&str, &[&str])],
    properties: &str,
) {
    let endpoint = match result {
        Ok(endpoint) => endpoint,
        Err(error) => panic!("expected the endpoint {url}, got the error: {error}"),
    };
    assert_eq!(endpoint.url, url, "url");
    let expected_headers: BTreeMap<String, Vec<String>> = headers
        .iter()
        .map(|(name, values)| {
            let values = values.iter().map(|v| (*v).to_owned()).collect();
            ((*name).to_owned(), values)
        })
        .collect();
    assert_eq!(endpoint.headers, expected_headers, "headers");
    let expected_properties: Document =
        match awsgen_runtime::__private::json::from_slice(properties.as_bytes()) {
            Ok(document) => document,
            Err(error) => panic!("the case's properties are not JSON: {error}"),
        };
    assert_eq!(
        Document::Object(endpoint.properties),
        expected_properties,
        "properties"
    );
}

/// The case expects resolution to fail with exactly this message.
pub fn expect_error(result: Result<Endpoint, ResolveError>, message: &str) {
    match result {
        Ok(endpoint) => panic!("expected the error {message:?}, got the endpoint {endpoint:?}"),
        Err(error) => assert_eq!(error.message(), message),
    }
}
