//! The traits this front-end understands, and how their values are read.
//!
//! After flattening, every trait value remembers the JSON Pointer where it
//! was written (on the shape, in an `apply` entry, or on a mixin), so a
//! value of the wrong type is reported where the user can fix it. Traits
//! not listed here are never decoded: unknown traits are ignored.

use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::ModelError;

// Core traits (`smithy.api`).
pub const BOX: &str = "smithy.api#box";
pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
pub const DEFAULT: &str = "smithy.api#default";
pub const DEPRECATED: &str = "smithy.api#deprecated";
pub const DOCUMENTATION: &str = "smithy.api#documentation";
pub const ENDPOINT: &str = "smithy.api#endpoint";
pub const ENUM: &str = "smithy.api#enum";
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
pub const ERROR: &str = "smithy.api#error";
pub const HOST_LABEL: &str = "smithy.api#hostLabel";
pub const HTTP: &str = "smithy.api#http";
pub const HTTP_CHECKSUM_REQUIRED: &str = "smithy.api#httpChecksumRequired";
pub const HTTP_ERROR: &str = "smithy.api#httpError";
pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
pub const IDEMPOTENT: &str = "smithy.api#idempotent";
pub const JSON_NAME: &str = "smithy.api#jsonName";
pub const LENGTH: &str = "smithy.api#length";
pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
pub const MIXIN: &str = "smithy.api#mixin";
pub const PAGINATED: &str = "smithy.api#paginated";
pub const PATTERN: &str = "smithy.api#pattern";
pub const RANGE: &str = "smithy.api#range";
pub const REQUIRED: &str = "smithy.api#required";
pub const RETRYABLE: &str = "smithy.api#retryable";
pub const SENSITIVE: &str = "smithy.api#sensitive";
pub const SPARSE: &str = "smithy.api#sparse";
pub const STREAMING: &str = "smithy.api#streaming";
pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
pub const TITLE: &str = "smithy.api#title";
// AWS traits.
pub const AWS_SERVICE: &str = "aws.api#service";
pub const SIGV4: &str = "aws.auth#sigv4";
pub const AWS_QUERY_ERROR: &str = "aws.protocols#awsQueryError";
// Endpoint rules.
pub const ENDPOINT_RULE_SET: &str = "smithy.rules#endpointRuleSet";
pub const ENDPOINT_TESTS: &str = "smithy.rules#endpointTests";

/// The HTTP binding traits of a member: at most one may be present.
pub const HTTP_BINDINGS: &[&str] = &[
    HTTP_LABEL,
    HTTP_QUERY,
    HTTP_QUERY_PARAMS,
    HTTP_HEADER,
    HTTP_PREFIX_HEADERS,
    HTTP_PAYLOAD,
    HTTP_RESPONSE_CODE,
];

/// A trait value and the JSON Pointer where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Trait {
    pub value: serde_json::Value,
    pub at: String,
}

/// The traits of a shape or member after `apply` and mixins, by trait id.
pub type TraitMap = IndexMap<String, Trait>;

/// Reads the traits of one shape or member; errors name `subject` (its
/// shape id, `ns#Name$member` for members) and point at the trait.
pub struct Traits<'a> {
    pub file: &'a str,
    pub subject: &'a str,
    pub map: &'a TraitMap,
}

impl Traits<'_> {
    pub fn has(&self, id: &str) -> bool {
        self.map.contains_key(id)
    }

    /// Where the trait was written, if present.
    pub fn at(&self, id: &str) -> Option<&str> {
        self.map.get(id).map(|t| t.at.as_str())
    }

    /// An annotation trait (`"smithy.api#required": {}`): present or not.
    /// Its value must be an object (annotation traits are structures).
    pub fn flag(&self, id: &str) -> Result<bool, ModelError> {
        match self.map.get(id) {
            None => Ok(false),
            Some(t) if t.value.is_object() => Ok(true),
            Some(t) => Err(self.wrong_type(
                id,
                &t.at,
                format!(
                    "expected an object (`{{}}`), found {}",
                    describe_value(&t.value)
                ),
            )),
        }
    }

    /// A string-valued trait.
    pub fn string(&self, id: &str) -> Result<Option<String>, ModelError> {
        self.decode(id)
    }

    /// Decodes a trait's value into `T`; a mismatch is reported at the
    /// exact place inside the value.
    pub fn decode<T: DeserializeOwned>(&self, id: &str) -> Result<Option<T>, ModelError> {
        let Some(t) = self.map.get(id) else {
            return Ok(None);
        };
        serde_path_to_error::deserialize(&t.value)
            .map(Some)
            .map_err(|e| {
                let at = format!("{}{}", t.at, crate::model::pointer_of(e.path()));
                self.wrong_type(id, &at, e.inner().to_string())
            })
    }

    fn wrong_type(&self, id: &str, at: &str, why: String) -> ModelError {
        ModelError::new(
            self.file,
            at,
            format!(
                "trait `{id}` on `{}` has a wrong value: {why}",
                self.subject
            ),
        )
    }
}

/// What a JSON value is, for messages.
pub fn describe_value(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

// Typed values of structured traits. Unknown properties are ignored, as
// Smithy tools ignore them.

/// `smithy.api#http`.
#[derive(Deserialize)]
pub struct Http {
    pub method: String,
    pub uri: String,
    pub code: Option<u16>,
}

/// `smithy.api#deprecated`.
#[derive(Deserialize)]
pub struct Deprecated {
    pub message: Option<String>,
    pub since: Option<String>,
}

/// `smithy.api#length` and `smithy.api#range`.
#[derive(Deserialize)]
pub struct Bounds {
    pub min: Option<serde_json::Number>,
    pub max: Option<serde_json::Number>,
}

/// `smithy.api#endpoint`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    pub host_prefix: String,
}

/// `smithy.api#paginated`, on operations and (as defaults) on services.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Paginated {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub page_size: Option<String>,
    pub items: Option<String>,
}

/// `smithy.api#retryable`.
#[derive(Deserialize)]
pub struct Retryable {
    #[serde(default)]
    pub throttling: bool,
}

/// `smithy.api#mixin`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mixin {
    #[serde(default)]
    pub local_traits: Vec<String>,
}

/// One entry of the Smithy 1.0 `smithy.api#enum` trait.
#[derive(Deserialize)]
pub struct EnumDefinition {
    pub value: String,
    pub name: Option<String>,
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
}

/// `aws.api#service`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsService {
    pub sdk_id: String,
    pub arn_namespace: Option<String>,
    pub endpoint_prefix: Option<String>,
}

/// `aws.auth#sigv4`.
#[derive(Deserialize)]
pub struct Sigv4 {
    pub name: String,
}

/// `aws.protocols#awsQueryError`: the error code botocore calls
/// `error.code`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsQueryError {
    pub code: String,
    pub http_response_code: Option<u16>,
}
