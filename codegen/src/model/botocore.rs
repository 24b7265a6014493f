//! Front-end for botocore `service-2.json` models.
//!
//! Two steps: serde structs that mirror the file (so a wrong type is
//! reported with its JSON path), then lowering into the shape graph.
//! Member traits override the target shape's, as botocore's
//! `ShapeResolver.resolve_shape_ref` does.

pub mod paginators;

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::error::{json_pointer, Locator, ModelError, PaginatedPart};
use crate::ir::{
    Binding, Bounds, Constraints, Deprecation, EnumValue, ErrorTrait, HostPrefix, HttpTrait, List,
    Map, Member, Model, Operation, Protocol, Retryable, Service, Shape, ShapeId, ShapeKind,
    Structure, TimestampFormat, Unsupported, UriTemplate,
};

/// A botocore `service-2.json`, as the file has it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceFile {
    metadata: Metadata,
    #[serde(default)]
    operations: BTreeMap<String, OperationDef>,
    #[serde(default)]
    shapes: BTreeMap<String, ShapeDef>,
    documentation: Option<String>,
    /// `endpoint-rule-set-1.json` beside the model, read by
    /// [`read_endpoint_rule_set`] (not part of `service-2.json`).
    #[serde(skip)]
    endpoint_rule_set: Option<serde_json::Value>,
    /// `paginators-1.json` beside the model, read by [`read_companions`].
    #[serde(skip)]
    paginators: Option<paginators::PaginatorsFile>,
}

/// Reads the files botocore keeps beside `service-2.json` that the graph
/// needs: the endpoint rule set and the paginators. Either may be absent.
pub fn read_companions(
    model_path: &std::path::Path,
    parsed: &mut ServiceFile,
) -> Result<(), ModelError> {
    read_endpoint_rule_set(model_path, parsed)?;
    parsed.paginators = paginators::read(model_path)?;
    Ok(())
}

/// The file botocore keeps a service's endpoint rule set in, beside
/// `service-2.json`.
pub const ENDPOINT_RULE_SET_FILE: &str = "endpoint-rule-set-1.json";

/// Reads `endpoint-rule-set-1.json` from the model's folder, if it is there,
/// into the parsed model, so the graph gets the rule set whichever format
/// the model came in (Smithy has it as a trait).
pub fn read_endpoint_rule_set(
    model_path: &std::path::Path,
    parsed: &mut ServiceFile,
) -> Result<(), ModelError> {
    let path = model_path.with_file_name(ENDPOINT_RULE_SET_FILE);
    let file = path.display().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(ModelError::new(
                &file,
                "",
                format!("cannot read the endpoint rule set: {e}"),
            ))
        }
    };
    let value: serde_json::Value = super::deserialize(&file, &text)?;
    if !value.is_object() {
        return Err(ModelError::new(
            &file,
            "",
            "an endpoint rule set must be a JSON object",
        ));
    }
    parsed.endpoint_rule_set = Some(value);
    Ok(())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Metadata {
    api_version: String,
    endpoint_prefix: Option<String>,
    protocol: String,
    #[serde(default)]
    protocols: Vec<String>,
    service_full_name: String,
    service_id: Option<String>,
    service_abbreviation: Option<String>,
    signing_name: Option<String>,
    json_version: Option<String>,
    target_prefix: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OperationDef {
    http: HttpDef,
    input: Option<MemberDef>,
    output: Option<MemberDef>,
    #[serde(default)]
    errors: Vec<MemberDef>,
    documentation: Option<String>,
    #[serde(default)]
    deprecated: bool,
    deprecated_message: Option<String>,
    deprecated_since: Option<String>,
    endpoint: Option<EndpointDef>,
    #[serde(default)]
    http_checksum_required: bool,
    #[serde(default)]
    idempotent: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HttpDef {
    method: String,
    request_uri: String,
    response_code: Option<u16>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EndpointDef {
    host_prefix: Option<String>,
}

/// A reference to a shape with member-level traits (also used for an
/// operation's input/output/errors and a list's or map's parts).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MemberDef {
    shape: String,
    location: Option<String>,
    location_name: Option<String>,
    documentation: Option<String>,
    #[serde(default)]
    idempotency_token: bool,
    #[serde(default)]
    host_label: bool,
    #[serde(default, rename = "box")]
    boxed: bool,
    #[serde(default)]
    deprecated: bool,
    deprecated_message: Option<String>,
    deprecated_since: Option<String>,
    #[serde(default)]
    jsonvalue: bool,
    timestamp_format: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ShapeDef {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    members: IndexMap<String, MemberDef>,
    member: Option<MemberDef>,
    key: Option<MemberDef>,
    value: Option<MemberDef>,
    #[serde(default)]
    required: Vec<String>,
    #[serde(rename = "enum")]
    enum_values: Option<Vec<String>>,
    min: Option<serde_json::Number>,
    max: Option<serde_json::Number>,
    pattern: Option<String>,
    documentation: Option<String>,
    error: Option<ErrorDef>,
    #[serde(default)]
    exception: bool,
    #[serde(default)]
    fault: bool,
    #[serde(default)]
    union: bool,
    #[serde(default)]
    document: bool,
    timestamp_format: Option<String>,
    #[serde(default)]
    sensitive: bool,
    payload: Option<String>,
    #[serde(default)]
    streaming: bool,
    #[serde(default)]
    eventstream: bool,
    #[serde(default)]
    deprecated: bool,
    deprecated_message: Option<String>,
    deprecated_since: Option<String>,
    retryable: Option<RetryableDef>,
    #[serde(default)]
    sparse: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorDef {
    code: Option<String>,
    http_status_code: Option<u16>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RetryableDef {
    #[serde(default)]
    throttling: bool,
}

/// Where things are in a botocore file, for validation errors.
pub struct BotocoreLocator {
    pub file: String,
    /// Where the paginators are, when the model has them.
    pub paginators: Option<paginators::PaginatorPointers>,
}

impl Locator for BotocoreLocator {
    fn file(&self) -> &str {
        &self.file
    }
    fn shape(&self, id: &ShapeId) -> String {
        json_pointer(["shapes", &id.0])
    }
    fn member(&self, id: &ShapeId, member: &str) -> String {
        json_pointer(["shapes", &id.0, "members", member])
    }
    fn operation(&self, name: &str) -> String {
        json_pointer(["operations", name])
    }
    fn paginated_part(&self, name: &str, part: PaginatedPart) -> (String, String) {
        match &self.paginators {
            Some(p) => (p.file.clone(), p.pointer(name, part)),
            None => (self.file.clone(), self.operation(name)),
        }
    }
}

/// Lowers a parsed botocore model into the shape graph, and says where
/// its parts are. `file` names it in errors and gives the service's
/// folder name (`…/iot/2015-05-28/service-2.json`).
pub fn lower(file: &str, parsed: ServiceFile) -> Result<(Model, BotocoreLocator), ModelError> {
    Lowering { file }.lower(parsed)
}

struct Lowering<'a> {
    file: &'a str,
}

impl Lowering<'_> {
    fn error(&self, segments: &[&str], message: impl Into<String>) -> ModelError {
        ModelError::new(self.file, json_pointer(segments.iter().copied()), message)
    }

    fn lower(&self, mut file: ServiceFile) -> Result<(Model, BotocoreLocator), ModelError> {
        let mut model = Model {
            source: self.file.to_owned(),
            service: self.service(&file),
            operations: BTreeMap::new(),
            shapes: BTreeMap::new(),
            unsupported: Vec::new(),
        };
        for (name, def) in &file.shapes {
            let shape = self.shape(name, def, &mut model.unsupported)?;
            model.shapes.insert(shape.id.clone(), shape);
        }
        for (name, def) in &file.operations {
            let op = self.operation(name, def)?;
            model.operations.insert(name.clone(), op);
        }
        let mut locator = BotocoreLocator {
            file: self.file.to_owned(),
            paginators: None,
        };
        if let Some(pages) = file.paginators.take() {
            let lowered = paginators::lower(pages, |op| model.operations.contains_key(op))?;
            for (name, paginated) in lowered.paginated {
                if let Some(op) = model.operations.get_mut(&name) {
                    op.paginated = Some(paginated);
                }
            }
            model.unsupported.extend(lowered.unsupported);
            locator.paginators = Some(lowered.pointers);
        }
        Ok((model, locator))
    }

    fn service(&self, file: &ServiceFile) -> Service {
        let m = &file.metadata;
        let protocol_name = if m.protocols.iter().any(|p| p == "rest-json") {
            "rest-json"
        } else {
            m.protocol.as_str()
        };
        let protocol = match protocol_name {
            "rest-json" => Protocol::RestJson1,
            "json" if m.json_version.as_deref() == Some("1.0") => Protocol::AwsJson1_0,
            "json" => Protocol::AwsJson1_1,
            "rest-xml" => Protocol::RestXml,
            "query" => Protocol::AwsQuery,
            "ec2" => Protocol::Ec2Query,
            "smithy-rpc-v2-cbor" => Protocol::RpcV2Cbor,
            other => Protocol::Other(other.to_owned()),
        };
        let service_id = m
            .service_id
            .clone()
            .or_else(|| m.service_abbreviation.clone())
            .or_else(|| m.endpoint_prefix.clone())
            .unwrap_or_else(|| m.service_full_name.clone());
        Service {
            model_name: model_name_from_path(self.file)
                .or_else(|| m.endpoint_prefix.clone())
                .unwrap_or_else(|| service_id.clone()),
            service_id,
            full_name: m.service_full_name.clone(),
            api_version: m.api_version.clone(),
            protocol,
            signing_name: m.signing_name.clone(),
            endpoint_prefix: m.endpoint_prefix.clone(),
            target_prefix: m.target_prefix.clone(),
            json_version: m.json_version.clone(),
            documentation: file.documentation.clone(),
            endpoint_rule_set: file.endpoint_rule_set.clone(),
            endpoint_tests: None,
        }
    }

    fn shape(
        &self,
        name: &str,
        def: &ShapeDef,
        unsupported: &mut Vec<Unsupported>,
    ) -> Result<Shape, ModelError> {
        let id = ShapeId(name.to_owned());
        let here = ["shapes", name];
        let timestamp_format = def
            .timestamp_format
            .as_deref()
            .map(|f| self.timestamp_format(f, &["shapes", name, "timestampFormat"]))
            .transpose()?;
        let bounds = (def.min.is_some() || def.max.is_some()).then(|| Bounds {
            min: def.min.clone(),
            max: def.max.clone(),
        });
        let mut constraints = Constraints {
            pattern: def.pattern.clone(),
            ..Constraints::default()
        };
        let kind = match def.kind.as_str() {
            "structure" if def.eventstream => {
                let feature = "event streams".to_owned();
                unsupported.push(Unsupported {
                    subject: name.to_owned(),
                    feature: feature.clone(),
                });
                ShapeKind::Unsupported { feature }
            }
            "structure" if def.document => ShapeKind::Document,
            "structure" => {
                let structure = self.structure(name, def)?;
                if def.union {
                    ShapeKind::Union(structure)
                } else {
                    ShapeKind::Structure(structure)
                }
            }
            "list" => {
                let member = def
                    .member
                    .as_ref()
                    .ok_or_else(|| self.error(&here, "list shape has no `member`"))?;
                ShapeKind::List(List {
                    member: ShapeId(member.shape.clone()),
                    sparse: def.sparse,
                    member_documentation: member.documentation.clone(),
                })
            }
            "map" => {
                let key = def
                    .key
                    .as_ref()
                    .ok_or_else(|| self.error(&here, "map shape has no `key`"))?;
                let value = def
                    .value
                    .as_ref()
                    .ok_or_else(|| self.error(&here, "map shape has no `value`"))?;
                ShapeKind::Map(Map {
                    key: ShapeId(key.shape.clone()),
                    value: ShapeId(value.shape.clone()),
                    sparse: def.sparse,
                })
            }
            "string" => match &def.enum_values {
                Some(values) => {
                    self.unique_enum_values(name, values)?;
                    ShapeKind::Enum(
                        values
                            .iter()
                            .map(|v| EnumValue {
                                name: v.clone(),
                                value: v.clone(),
                                documentation: None,
                                deprecated: None,
                            })
                            .collect(),
                    )
                }
                None => ShapeKind::String,
            },
            "boolean" => ShapeKind::Boolean,
            "byte" => ShapeKind::Byte,
            "short" => ShapeKind::Short,
            "integer" => ShapeKind::Integer,
            "long" => ShapeKind::Long,
            "float" => ShapeKind::Float,
            "double" => ShapeKind::Double,
            "bigInteger" | "biginteger" => ShapeKind::BigInteger,
            "bigDecimal" | "bigdecimal" => ShapeKind::BigDecimal,
            "timestamp" => ShapeKind::Timestamp {
                format: timestamp_format,
            },
            "blob" => ShapeKind::Blob {
                streaming: def.streaming,
            },
            other => {
                return Err(self.error(
                    &["shapes", name, "type"],
                    format!("unknown shape type `{other}`"),
                ))
            }
        };
        match kind {
            ShapeKind::Byte
            | ShapeKind::Short
            | ShapeKind::Integer
            | ShapeKind::Long
            | ShapeKind::Float
            | ShapeKind::Double
            | ShapeKind::BigInteger
            | ShapeKind::BigDecimal => constraints.range = bounds,
            _ => constraints.length = bounds,
        }
        let error = (def.exception || def.error.is_some()).then(|| ErrorTrait {
            server_fault: def.fault,
            http_status: def.error.as_ref().and_then(|e| e.http_status_code),
            code: def
                .error
                .as_ref()
                .and_then(|e| e.code.clone())
                .filter(|code| code != name),
            retryable: def.retryable.as_ref().map(|r| Retryable {
                throttling: r.throttling,
            }),
        });
        Ok(Shape {
            id,
            kind,
            documentation: def.documentation.clone(),
            deprecated: deprecation(
                def.deprecated,
                &def.deprecated_message,
                &def.deprecated_since,
            ),
            sensitive: def.sensitive,
            constraints,
            error,
        })
    }

    fn structure(&self, name: &str, def: &ShapeDef) -> Result<Structure, ModelError> {
        if let Some(payload) = &def.payload {
            if !def.members.contains_key(payload) {
                return Err(self.error(
                    &["shapes", name, "payload"],
                    format!("payload member `{payload}` is not a member of the structure"),
                ));
            }
            if let Some(location) = def.members.get(payload).and_then(|m| m.location.as_ref()) {
                return Err(self.error(
                    &["shapes", name, "payload"],
                    format!(
                        "payload member `{payload}` is bound to `{location}`; \
                         the payload must be a member without a `location`"
                    ),
                ));
            }
        }
        for (i, required) in def.required.iter().enumerate() {
            if !def.members.contains_key(required) {
                return Err(self.error(
                    &["shapes", name, "required", &i.to_string()],
                    format!("required member `{required}` is not a member of the structure"),
                ));
            }
        }
        let mut members = Vec::with_capacity(def.members.len());
        for (member_name, m) in &def.members {
            let here = ["shapes", name, "members", member_name.as_str()];
            let mut member = Member::new(member_name.clone(), ShapeId(m.shape.clone()));
            let wire_name = m.location_name.clone();
            member.binding = match m.location.as_deref() {
                None if def.payload.as_deref() == Some(member_name.as_str()) => Binding::Payload,
                None => {
                    member.json_name = wire_name.filter(|n| n != member_name);
                    Binding::Body
                }
                Some("uri") => Binding::Label(wire_name.unwrap_or_else(|| member_name.clone())),
                Some("querystring") => match wire_name {
                    Some(name) => Binding::Query(name),
                    None => Binding::QueryParams,
                },
                Some("header") => Binding::Header(wire_name.unwrap_or_else(|| member_name.clone())),
                Some("headers") => Binding::PrefixHeaders(wire_name.unwrap_or_default()),
                Some("statusCode") => Binding::StatusCode,
                Some(other) => {
                    return Err(self.error(
                        &[&here[..], &["location"]].concat(),
                        format!("unknown member location `{other}`"),
                    ))
                }
            };
            member.required = def.required.iter().any(|r| r == member_name);
            member.idempotency_token = m.idempotency_token;
            member.host_label = m.host_label;
            member.nullable = m.boxed;
            member.json_value = m.jsonvalue;
            member.documentation = m.documentation.clone();
            member.deprecated =
                deprecation(m.deprecated, &m.deprecated_message, &m.deprecated_since);
            member.timestamp_format = m
                .timestamp_format
                .as_deref()
                .map(|f| self.timestamp_format(f, &[&here[..], &["timestampFormat"]].concat()))
                .transpose()?;
            members.push(member);
        }
        Ok(Structure { members })
    }

    fn operation(&self, name: &str, def: &OperationDef) -> Result<Operation, ModelError> {
        let uri = UriTemplate::parse(&def.http.request_uri)
            .map_err(|e| self.error(&["operations", name, "http", "requestUri"], e.0))?;
        let host_prefix = def
            .endpoint
            .as_ref()
            .and_then(|e| e.host_prefix.as_deref())
            .map(HostPrefix::parse)
            .transpose()
            .map_err(|e| self.error(&["operations", name, "endpoint", "hostPrefix"], e.0))?;
        Ok(Operation {
            name: name.to_owned(),
            http: HttpTrait {
                method: def.http.method.clone(),
                uri,
                response_code: def.http.response_code.unwrap_or(200),
            },
            input: def.input.as_ref().map(|r| ShapeId(r.shape.clone())),
            output: def.output.as_ref().map(|r| ShapeId(r.shape.clone())),
            errors: unique_errors(&def.errors),
            documentation: def.documentation.clone(),
            deprecated: deprecation(
                def.deprecated,
                &def.deprecated_message,
                &def.deprecated_since,
            ),
            host_prefix,
            checksum_required: def.http_checksum_required,
            idempotent: def.idempotent,
            paginated: None,
        })
    }

    /// Each value once: a value listed twice would be two variants of one name.
    fn unique_enum_values(&self, name: &str, values: &[String]) -> Result<(), ModelError> {
        let mut seen = std::collections::BTreeSet::new();
        for (i, value) in values.iter().enumerate() {
            if !seen.insert(value.as_str()) {
                return Err(self.error(
                    &["shapes", name, "enum", &i.to_string()],
                    format!("enum value `{value}` is listed twice"),
                ));
            }
        }
        Ok(())
    }

    fn timestamp_format(&self, format: &str, at: &[&str]) -> Result<TimestampFormat, ModelError> {
        match format {
            "iso8601" => Ok(TimestampFormat::DateTime),
            "rfc822" => Ok(TimestampFormat::HttpDate),
            "unixTimestamp" => Ok(TimestampFormat::EpochSeconds),
            other => Err(self.error(
                at,
                format!(
                    "unknown timestampFormat `{other}` (expected iso8601, rfc822 or unixTimestamp)"
                ),
            )),
        }
    }
}

/// An operation's errors, each once and in model order. Some real models
/// list an error twice (19 services in botocore 1.44.5, e.g. glue's
/// `GetCatalog`); botocore accepts that, and so does this front-end.
fn unique_errors(refs: &[MemberDef]) -> Vec<ShapeId> {
    let mut seen = std::collections::BTreeSet::new();
    refs.iter()
        .filter(|r| seen.insert(r.shape.as_str()))
        .map(|r| ShapeId(r.shape.clone()))
        .collect()
}

fn deprecation(
    deprecated: bool,
    message: &Option<String>,
    since: &Option<String>,
) -> Option<Deprecation> {
    (deprecated || message.is_some()).then(|| Deprecation {
        message: message.clone(),
        since: since.clone(),
    })
}

/// `…/data/iot/2015-05-28/service-2.json` → `iot`. (Shared with the
/// Smithy front-end: `models/<service>/<version>/model.json` names the
/// service the same way.)
pub(crate) fn model_name_from_path(file: &str) -> Option<String> {
    let path = std::path::Path::new(file);
    let version_dir = path.parent()?;
    let version = version_dir.file_name()?.to_str()?;
    let looks_like_version =
        version.len() == 10 && version.chars().all(|c| c.is_ascii_digit() || c == '-');
    if !looks_like_version {
        return None;
    }
    Some(version_dir.parent()?.file_name()?.to_str()?.to_owned())
}
