//! The service shape: which one, its metadata and protocol, and the
//! operations bound to it, directly or through (nested) resources.
//! Resources themselves have no place in the shape graph: only their
//! operations matter to a client.

use std::collections::BTreeSet;

use super::flatten::{FlatShape, ShapeType};
use super::traits::{self, Traits};
use super::Ctx;
use crate::error::{json_pointer, ModelError};
use crate::ir::{Protocol, Service};

/// The protocol traits this generator knows, in order of preference when a
/// service has several (botocore prefers rest-json, then its `protocol`).
const PROTOCOLS: &[(&str, Protocol)] = &[
    ("aws.protocols#restJson1", Protocol::RestJson1),
    ("aws.protocols#awsJson1_0", Protocol::AwsJson1_0),
    ("aws.protocols#awsJson1_1", Protocol::AwsJson1_1),
    ("smithy.protocols#rpcv2Cbor", Protocol::RpcV2Cbor),
    ("aws.protocols#restXml", Protocol::RestXml),
    ("aws.protocols#awsQuery", Protocol::AwsQuery),
    ("aws.protocols#ec2Query", Protocol::Ec2Query),
];

/// Traits of the protocol namespaces that are not protocols.
const NOT_PROTOCOLS: &[&str] = &[
    "aws.protocols#awsQueryCompatible",
    "aws.protocols#awsQueryError",
    "aws.protocols#ec2QueryName",
    "aws.protocols#httpChecksum",
];

/// The one service shape of the model.
pub(super) fn find<'a>(ctx: &Ctx<'a>) -> Result<&'a FlatShape, ModelError> {
    let mut services = ctx
        .flat
        .values()
        .filter(|s| s.kind == ShapeType::Service && !s.is_mixin());
    let Some(first) = services.next() else {
        return Err(ctx.error(
            "/shapes",
            "the model defines no service shape; the generator needs exactly one",
        ));
    };
    if let Some(second) = services.next() {
        return Err(ctx.error(
            &second.at,
            format!(
                "the model defines more than one service (`{}` and `{}`); give one service per model file",
                first.id, second.id
            ),
        ));
    }
    Ok(first)
}

/// Service metadata from the service shape's traits.
pub(super) fn lower(ctx: &Ctx, service: &FlatShape) -> Result<Service, ModelError> {
    let t = ctx.traits(&service.id.0, &service.traits);
    let name = service.id.name();
    let aws = t.decode::<traits::AwsService>(traits::AWS_SERVICE)?;
    let title = t.string(traits::TITLE)?;
    let api_version = service.version.clone().ok_or_else(|| {
        ctx.error(
            &service.at,
            format!("the service `{}` has no `version`", service.id),
        )
    })?;
    let protocol = protocol(ctx, service, &t)?;
    let (target_prefix, json_version) = match protocol {
        Protocol::AwsJson1_0 => (Some(name.to_owned()), Some("1.0".to_owned())),
        Protocol::AwsJson1_1 => (Some(name.to_owned()), Some("1.1".to_owned())),
        _ => (None, None),
    };
    let service_id = aws
        .as_ref()
        .map(|a| a.sdk_id.clone())
        .or_else(|| title.clone())
        .unwrap_or_else(|| name.to_owned());
    // As Smithy's own `ServiceTrait`: the endpoint prefix defaults to the
    // ARN namespace, which defaults to the service name in lower case.
    let endpoint_prefix = aws.as_ref().map(|a| {
        a.endpoint_prefix
            .clone()
            .or_else(|| a.arn_namespace.clone())
            .unwrap_or_else(|| name.to_lowercase())
    });
    let object = |id: &str| {
        t.decode::<serde_json::Map<String, serde_json::Value>>(id)
            .map(|v| v.map(serde_json::Value::Object))
    };
    Ok(Service {
        model_name: crate::model::botocore::model_name_from_path(ctx.file)
            .or_else(|| endpoint_prefix.clone())
            .unwrap_or_else(|| service_id.clone()),
        full_name: title
            .or_else(|| aws.as_ref().map(|a| a.sdk_id.clone()))
            .unwrap_or_else(|| name.to_owned()),
        service_id,
        api_version,
        protocol,
        signing_name: t
            .decode::<traits::Sigv4>(traits::SIGV4)?
            .map(|sigv4| sigv4.name),
        endpoint_prefix,
        target_prefix,
        json_version,
        documentation: t.string(traits::DOCUMENTATION)?,
        endpoint_rule_set: object(traits::ENDPOINT_RULE_SET)?,
        endpoint_tests: object(traits::ENDPOINT_TESTS)?,
    })
}

/// The service's protocol. A protocol trait this generator does not know
/// (or none at all) is an error: the generated code would be wrong.
fn protocol(ctx: &Ctx, service: &FlatShape, t: &Traits) -> Result<Protocol, ModelError> {
    for (id, protocol) in PROTOCOLS {
        if t.flag(id)? {
            return Ok(protocol.clone());
        }
    }
    let supported = PROTOCOLS
        .iter()
        .map(|(id, _)| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let unknown = service.traits.iter().find(|(id, _)| {
        (id.starts_with("aws.protocols#") || id.starts_with("smithy.protocols#"))
            && !NOT_PROTOCOLS.contains(&id.as_str())
    });
    Err(match unknown {
        Some((id, t)) => ctx.error(
            &t.at,
            format!(
                "the service `{}` uses the protocol `{id}`, which this generator does not support (supported: {supported})",
                service.id
            ),
        ),
        None => ctx.error(
            &format!("{}{}", service.at, json_pointer(["traits"])),
            format!(
                "the service `{}` has no protocol trait (supported: {supported})",
                service.id
            ),
        ),
    })
}

/// Every operation bound to the service, directly or through its
/// resources and their child resources, each once, in the order found.
pub(super) fn operations<'a>(
    ctx: &Ctx<'a>,
    service: &'a FlatShape,
) -> Result<Vec<&'a FlatShape>, ModelError> {
    let mut found = Vec::new();
    let mut seen_operations = BTreeSet::new();
    let mut seen_resources = BTreeSet::new();
    // Services and resources whose bindings are still to be read.
    let mut containers = vec![service];
    while let Some(container) = containers.pop() {
        for r in &container.operations {
            let op = ctx.expect(r, ShapeType::Operation)?;
            if seen_operations.insert(&op.id) {
                found.push(op);
            }
        }
        for r in container.resources.iter().rev() {
            let resource = ctx.expect(r, ShapeType::Resource)?;
            // A resource bound twice (or in a cycle) is read once.
            if seen_resources.insert(&resource.id) {
                containers.push(resource);
            }
        }
    }
    Ok(found)
}
