//! The shape graph: one format-neutral description of a service.
//!
//! Every front-end (botocore JSON, Smithy JSON AST) lowers into these types
//! and nothing downstream knows which format a model came from. Shapes live
//! in a `BTreeMap` keyed by [`ShapeId`], so every walk over the graph is
//! ordered and the generated output is deterministic.

mod boxing;
mod checks;
mod tokens;
pub mod uri;
mod validate;
mod view;
mod wire;

use std::collections::BTreeMap;
use std::fmt;

pub use boxing::assign_boxing;
pub use tokens::scope_idempotency_tokens;
pub use uri::{HostPrefix, UriTemplate};
pub use validate::validate;
pub use view::{Timestamps, WireMember, WireView};
pub use wire::{RequestBody, ResponseReader};

/// A shape's identity in the graph: the botocore shape name, or the Smithy
/// absolute id (`namespace#Name`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId(pub String);

impl ShapeId {
    /// The shape's name without a Smithy namespace: what naming starts from.
    pub fn name(&self) -> &str {
        match self.0.rsplit_once('#') {
            Some((_, name)) => name,
            None => &self.0,
        }
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One service: its metadata, operations and every shape they reach.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The file the model was read from, for diagnostics.
    pub source: String,
    pub service: Service,
    /// Operations by name, in name order.
    pub operations: BTreeMap<String, Operation>,
    pub shapes: BTreeMap<ShapeId, Shape>,
    /// Things the front-end understood but the generator does not support
    /// yet; each names the shape or operation concerned.
    pub unsupported: Vec<Unsupported>,
}

/// Service-wide metadata.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Service {
    /// Stable service id (`IoT`, `IoT Jobs Data Plane`): the base of module names.
    pub service_id: String,
    /// The folder name botocore uses (`iot`, `iot-jobs-data`), when known.
    pub model_name: String,
    pub full_name: String,
    pub api_version: String,
    pub protocol: Protocol,
    pub signing_name: Option<String>,
    pub endpoint_prefix: Option<String>,
    /// For awsJson protocols: the `X-Amz-Target` prefix.
    pub target_prefix: Option<String>,
    pub json_version: Option<String>,
    pub documentation: Option<String>,
    /// The endpoint rule set (the `endpoint-rule-set-1.json` document), kept
    /// as JSON for the endpoint resolver. Filled by the Smithy front-end from
    /// the `smithy.rules#endpointRuleSet` trait; the botocore front-end does
    /// not read the companion file yet and leaves it `None`.
    pub endpoint_rule_set: Option<serde_json::Value>,
    /// The endpoint test cases (`smithy.rules#endpointTests`, botocore's
    /// `endpoint-tests-1.json`), kept as JSON. Filled like `endpoint_rule_set`.
    pub endpoint_tests: Option<serde_json::Value>,
}

/// The wire protocol a service speaks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Protocol {
    #[default]
    RestJson1,
    AwsJson1_0,
    AwsJson1_1,
    RestXml,
    AwsQuery,
    Ec2Query,
    RpcV2Cbor,
    /// A protocol this generator does not know, kept by name.
    Other(String),
}

impl Protocol {
    /// The protocol's name as botocore writes it.
    pub fn botocore_name(&self) -> &str {
        match self {
            Protocol::RestJson1 => "rest-json",
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => "json",
            Protocol::RestXml => "rest-xml",
            Protocol::AwsQuery => "query",
            Protocol::Ec2Query => "ec2",
            Protocol::RpcV2Cbor => "smithy-rpc-v2-cbor",
            Protocol::Other(name) => name,
        }
    }
}

/// A named shape and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub id: ShapeId,
    pub kind: ShapeKind,
    pub documentation: Option<String>,
    pub deprecated: Option<Deprecation>,
    /// Values of this shape must never be logged.
    pub sensitive: bool,
    pub constraints: Constraints,
    /// Set on structures that are errors.
    pub error: Option<ErrorTrait>,
}

/// Every kind of shape the graph knows.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    Structure(Structure),
    /// A tagged union: exactly one member is set.
    Union(Structure),
    List(List),
    Map(Map),
    String,
    /// A string restricted to known values (forward compatible: others are kept).
    Enum(Vec<EnumValue>),
    /// An integer restricted to known values (Smithy only).
    IntEnum(Vec<IntEnumValue>),
    Boolean,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp {
        /// The shape's own wire format, if it sets one.
        format: Option<TimestampFormat>,
    },
    Blob {
        /// The body is streamed rather than buffered.
        streaming: bool,
    },
    /// An untyped JSON-like value.
    Document,
    /// A shape the generator cannot represent yet (event streams, …).
    /// Members targeting it are left out of the generated code with a
    /// diagnostic, never silently.
    Unsupported {
        feature: String,
    },
}

impl ShapeKind {
    /// Short name for diagnostics.
    pub fn describe(&self) -> &'static str {
        match self {
            ShapeKind::Structure(_) => "structure",
            ShapeKind::Union(_) => "union",
            ShapeKind::List(_) => "list",
            ShapeKind::Map(_) => "map",
            ShapeKind::String => "string",
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::Boolean => "boolean",
            ShapeKind::Byte => "byte",
            ShapeKind::Short => "short",
            ShapeKind::Integer => "integer",
            ShapeKind::Long => "long",
            ShapeKind::Float => "float",
            ShapeKind::Double => "double",
            ShapeKind::BigInteger => "bigInteger",
            ShapeKind::BigDecimal => "bigDecimal",
            ShapeKind::Timestamp { .. } => "timestamp",
            ShapeKind::Blob { .. } => "blob",
            ShapeKind::Document => "document",
            ShapeKind::Unsupported { .. } => "unsupported",
        }
    }
}

/// Members of a structure or union, in model order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Structure {
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub member: ShapeId,
    /// Elements may be null (`sparse`).
    pub sparse: bool,
    /// The member reference's own documentation, if any.
    pub member_documentation: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Map {
    pub key: ShapeId,
    pub value: ShapeId,
    /// Values may be null (`sparse`).
    pub sparse: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The model's name for the value (Smithy enum member name); equals
    /// `value` for botocore models.
    pub name: String,
    /// What goes on the wire.
    pub value: String,
    pub documentation: Option<String>,
    pub deprecated: Option<Deprecation>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IntEnumValue {
    pub name: String,
    pub value: i64,
    pub documentation: Option<String>,
}

/// The three timestamp wire formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimestampFormat {
    /// RFC 3339 (`iso8601` in botocore, `date-time` in Smithy).
    DateTime,
    /// IMF-fixdate (`rfc822` in botocore, `http-date` in Smithy).
    HttpDate,
    /// Seconds since the epoch, possibly fractional (`unixTimestamp`).
    EpochSeconds,
}

/// A member of a structure or union.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The name in the model (what boto3 users write).
    pub name: String,
    pub target: ShapeId,
    /// Where the member travels in an HTTP message.
    pub binding: Binding,
    /// The key in a JSON body when it differs from `name`.
    pub json_name: Option<String>,
    pub required: bool,
    /// Smithy `default` value.
    pub default: Option<serde_json::Value>,
    /// Filled with a fresh UUID when the caller leaves it unset. After
    /// lowering, set only on members of operation inputs (see
    /// [`scope_idempotency_tokens`]).
    pub idempotency_token: bool,
    /// Substituted into the endpoint's host prefix.
    pub host_label: bool,
    /// botocore/Smithy 1.0 `box`: a primitive that may be absent.
    pub nullable: bool,
    /// Smithy `clientOptional`: the service may stop requiring the member,
    /// so a client should not rely on it being set. botocore has no such
    /// flag; emitters follow botocore and still treat `required` members as
    /// plain values, so both formats generate the same code.
    pub client_optional: bool,
    /// Member-level override of the target's timestamp format.
    pub timestamp_format: Option<TimestampFormat>,
    /// A header whose value is base64-encoded JSON (`jsonvalue`).
    pub json_value: bool,
    /// Smithy `mediaType` on the member or its target.
    pub media_type: Option<String>,
    pub sensitive: bool,
    pub deprecated: Option<Deprecation>,
    pub documentation: Option<String>,
    /// Set by [`assign_boxing`]: the member needs indirection to break a
    /// recursive type.
    pub boxed: bool,
}

impl Member {
    /// A body member with no traits, as front-ends start from.
    pub fn new(name: impl Into<String>, target: ShapeId) -> Member {
        Member {
            name: name.into(),
            target,
            binding: Binding::Body,
            json_name: None,
            required: false,
            default: None,
            idempotency_token: false,
            host_label: false,
            nullable: false,
            client_optional: false,
            timestamp_format: None,
            json_value: false,
            media_type: None,
            sensitive: false,
            deprecated: None,
            documentation: None,
            boxed: false,
        }
    }

    /// Whether the generated field holds the value itself rather than an
    /// `Option`: a required member, unless it is boxed (a required
    /// `Box<Self>` could never be built) or an idempotency token (`None`
    /// is how a caller asks for a generated token, as in the official
    /// SDKs).
    pub fn is_plain_field(&self) -> bool {
        self.required && !self.boxed && !self.idempotency_token
    }

    /// The key this member has in a JSON document.
    pub fn wire_json_name(&self) -> &str {
        self.json_name.as_deref().unwrap_or(&self.name)
    }
}

/// Where a member is bound in an HTTP request or response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// A key of the JSON body (or the whole body, for non-HTTP protocols).
    Body,
    /// A `{label}` of the URI template (greediness comes from the template).
    Label(String),
    /// A query string parameter.
    Query(String),
    /// A map spread over the query string.
    QueryParams,
    Header(String),
    /// A map spread over the headers whose names start with the prefix.
    PrefixHeaders(String),
    /// The HTTP status code of a response.
    StatusCode,
    /// The member is the whole body.
    Payload,
}

/// The two HTTP messages a top-level structure can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMessage {
    /// An operation's input.
    Request,
    /// An operation's output or error.
    Response,
}

impl Binding {
    /// Whether a member of a top-level structure with this binding travels
    /// in the JSON body of `message`. A binding that means nothing in that
    /// message leaves the member in the body, as botocore and Smithy's HTTP
    /// binding index have it: labels and query parameters of a response,
    /// the status code of a request.
    pub fn in_body(&self, message: HttpMessage) -> bool {
        matches!(
            (self, message),
            (Binding::Body, _)
                | (Binding::StatusCode, HttpMessage::Request)
                | (
                    Binding::Label(_) | Binding::Query(_) | Binding::QueryParams,
                    HttpMessage::Response
                )
        )
    }
}

/// Length, range and pattern constraints (`min`/`max`/`pattern`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Constraints {
    /// Length of a string, blob, list or map.
    pub length: Option<Bounds>,
    /// Value of a number.
    pub range: Option<Bounds>,
    pub pattern: Option<String>,
}

/// Inclusive bounds as the model writes them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bounds {
    pub min: Option<serde_json::Number>,
    pub max: Option<serde_json::Number>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deprecation {
    pub message: Option<String>,
    pub since: Option<String>,
}

/// How an error structure is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorTrait {
    /// `fault`: the server's fault rather than the caller's.
    pub server_fault: bool,
    pub http_status: Option<u16>,
    /// The code on the wire when it differs from the shape name.
    pub code: Option<String>,
    pub retryable: Option<Retryable>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retryable {
    pub throttling: bool,
}

/// An API operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub name: String,
    pub http: HttpTrait,
    pub input: Option<ShapeId>,
    pub output: Option<ShapeId>,
    pub errors: Vec<ShapeId>,
    pub documentation: Option<String>,
    pub deprecated: Option<Deprecation>,
    pub host_prefix: Option<HostPrefix>,
    /// The request must carry a checksum (`httpChecksumRequired`).
    pub checksum_required: bool,
    pub idempotent: bool,
    /// How the operation pages through results: from the Smithy
    /// `smithy.api#paginated` trait (merged with the service's), or from
    /// botocore's `paginators-1.json` beside the model. Validation checks
    /// that every name in it reaches a member of a fitting type.
    pub paginated: Option<Paginated>,
}

/// The HTTP methods an operation may use: the standard ones, which
/// generated code names as `http::Method` constants (validation refuses
/// any other, with the operation's pointer).
pub const HTTP_METHODS: &[&str] = &[
    "GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT",
];

/// The members that carry an operation's pagination, by member name
/// (Smithy `paginated`, botocore `paginators-1.json`). Input names are
/// top-level members of the input; output names may be dotted paths
/// through nested structures (`result.nextToken`), as the model writes
/// them. After validation `input_token` and `output_token` are both set.
///
/// The first four fields are what both formats say. The others only
/// botocore says; they stay empty for Smithy models.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paginated {
    /// The input member that takes the token of the next page.
    pub input_token: Option<String>,
    /// The output member that gives the token of the next page.
    pub output_token: Option<String>,
    /// The input member that limits the page size.
    pub page_size: Option<String>,
    /// The output member that holds the page's items (a list or a map).
    pub items: Option<String>,
    /// botocore: further token pairs, sent together with the first
    /// (S3's `ListObjectVersions`: `KeyMarker` and `VersionIdMarker`).
    /// The next page needs all of them; pagination stops when every
    /// output token is missing.
    pub more_tokens: Vec<TokenPair>,
    /// botocore: further item lists of a page, beside `items` (EC2's
    /// `DescribeVpcEndpointServices`: `ServiceDetails` and `ServiceNames`).
    pub more_items: Vec<String>,
    /// botocore `more_results`: an output boolean; when it is false the
    /// last page has been read, whatever the token says.
    pub more_results: Option<String>,
    /// botocore `non_aggregate_keys`: output members that describe the
    /// whole result rather than a page (the first page's value is kept
    /// when pages are combined).
    pub non_aggregate: Vec<String>,
}

/// One input token and the output member that fills it for the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenPair {
    pub input: String,
    pub output: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HttpTrait {
    pub method: String,
    pub uri: UriTemplate,
    /// Status code of a successful response.
    pub response_code: u16,
}

/// A feature of the model the generator does not support yet.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unsupported {
    /// Shape or operation concerned.
    pub subject: String,
    pub feature: String,
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not supported: {} (`{}`)", self.feature, self.subject)
    }
}

impl Model {
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// The structures read from whole responses: every operation's output
    /// and modeled errors. Their generated types carry the response's
    /// status and request id.
    pub fn response_shapes(&self) -> std::collections::BTreeSet<ShapeId> {
        self.operations
            .values()
            .flat_map(|op| op.output.iter().chain(&op.errors))
            .cloned()
            .collect()
    }

    /// Every shape an operation reaches (inputs, outputs, errors and
    /// everything they contain), in id order.
    pub fn reachable_shapes(&self) -> std::collections::BTreeSet<ShapeId> {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack: Vec<ShapeId> = Vec::new();
        for op in self.operations.values() {
            stack.extend(op.input.iter().cloned());
            stack.extend(op.output.iter().cloned());
            stack.extend(op.errors.iter().cloned());
        }
        while let Some(id) = stack.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            if let Some(shape) = self.shapes.get(&id) {
                stack.extend(shape.kind.targets().cloned());
            }
        }
        seen
    }
}

impl ShapeKind {
    /// The shapes this shape refers to directly.
    pub fn targets(&self) -> impl Iterator<Item = &ShapeId> {
        let refs: Vec<&ShapeId> = match self {
            ShapeKind::Structure(s) | ShapeKind::Union(s) => {
                s.members.iter().map(|m| &m.target).collect()
            }
            ShapeKind::List(l) => vec![&l.member],
            ShapeKind::Map(m) => vec![&m.key, &m.value],
            _ => Vec::new(),
        };
        refs.into_iter()
    }
}
