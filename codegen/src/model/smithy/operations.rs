//! Operations: HTTP binding, input/output (`smithy.api#Unit` is none),
//! errors (the operation's, then the service's common errors), endpoint
//! host prefix and pagination.

use super::flatten::{FlatRef, FlatShape};
use super::locator::OperationPointers;
use super::shapes::deprecation;
use super::traits::{self, Traits};
use super::Ctx;
use crate::error::{json_pointer, ModelError};
use crate::ir::{HostPrefix, HttpTrait, Operation, Paginated, Protocol, ShapeId, UriTemplate};

/// Lowers one operation bound to `service`; also returns where its parts
/// are in the file.
pub(super) fn lower(
    ctx: &Ctx,
    op: &FlatShape,
    service: &FlatShape,
    protocol: &Protocol,
) -> Result<(Operation, OperationPointers), ModelError> {
    let t = ctx.traits(&op.id.0, &op.traits);
    let mut at = OperationPointers {
        at: op.at.clone(),
        uri: op.at.clone(),
        input: op
            .input
            .as_ref()
            .map_or_else(|| op.at.clone(), |r| r.at.clone()),
        output: op
            .output
            .as_ref()
            .map_or_else(|| op.at.clone(), |r| r.at.clone()),
        errors: Vec::new(),
        host_prefix: op.at.clone(),
        paginated: Default::default(),
    };
    let http = match t.decode::<traits::Http>(traits::HTTP)? {
        Some(http) => {
            at.uri = under(&t, traits::HTTP, "uri");
            http
        }
        // RPC protocols post every operation to `/`, as botocore writes it.
        None if !matches!(protocol, Protocol::RestJson1 | Protocol::RestXml) => traits::Http {
            method: "POST".to_owned(),
            uri: "/".to_owned(),
            code: None,
        },
        None => {
            return Err(ctx.error(
                &op.at,
                format!(
                    "the operation `{}` has no `{}` trait; HTTP binding protocols (restJson1, restXml) need one",
                    op.id,
                    traits::HTTP,
                ),
            ))
        }
    };
    let uri = UriTemplate::parse(&http.uri).map_err(|e| ctx.error(&at.uri, e.0))?;
    let host_prefix = match t.decode::<traits::Endpoint>(traits::ENDPOINT)? {
        Some(endpoint) => {
            at.host_prefix = under(&t, traits::ENDPOINT, "hostPrefix");
            Some(
                HostPrefix::parse(&endpoint.host_prefix)
                    .map_err(|e| ctx.error(&at.host_prefix, e.0))?,
            )
        }
        None => None,
    };
    let io = |r: &Option<FlatRef>, role: &str| -> Result<Option<ShapeId>, ModelError> {
        match r {
            Some(r) => ctx.structure(r, role),
            None => Ok(None),
        }
    };
    let input = io(&op.input, "input")?;
    let output = io(&op.output, "output")?;
    let mut errors = Vec::new();
    for r in op.errors.iter().chain(&service.errors) {
        if let Some(id) = ctx.structure(r, "error")? {
            if !errors.contains(&id) {
                errors.push(id);
                at.errors.push(r.at.clone());
            }
        }
    }
    let operation = Operation {
        name: op.id.name().to_owned(),
        http: HttpTrait {
            method: http.method,
            uri,
            response_code: http.code.unwrap_or(200),
        },
        input,
        output,
        errors,
        documentation: t.string(traits::DOCUMENTATION)?,
        deprecated: deprecation(&t)?,
        host_prefix,
        checksum_required: t.flag(traits::HTTP_CHECKSUM_REQUIRED)?,
        idempotent: t.flag(traits::IDEMPOTENT)?,
        paginated: paginated(ctx, &t, service, &mut at)?,
    };
    Ok((operation, at))
}

/// The pointer of a property inside a trait's value.
fn under(t: &Traits, id: &str, property: &str) -> String {
    format!(
        "{}{}",
        t.at(id).unwrap_or_default(),
        json_pointer([property])
    )
}

/// The operation's `paginated` trait, its unset properties taken from the
/// service's (Smithy's rule). Operations without the trait do not page.
/// Each property's pointer is where it was written: in the operation's
/// trait, or in the service's.
fn paginated(
    ctx: &Ctx,
    t: &Traits,
    service: &FlatShape,
    at: &mut OperationPointers,
) -> Result<Option<Paginated>, ModelError> {
    let Some(own) = t.decode::<traits::Paginated>(traits::PAGINATED)? else {
        return Ok(None);
    };
    let service_traits = ctx.traits(&service.id.0, &service.traits);
    let defaults = service_traits
        .decode::<traits::Paginated>(traits::PAGINATED)?
        .unwrap_or_default();
    let mut merge = |own: Option<String>, default: Option<String>, property: &'static str| {
        let pointer = match (&own, &default) {
            (Some(_), _) => under(t, traits::PAGINATED, property),
            (None, Some(_)) => under(&service_traits, traits::PAGINATED, property),
            // Set nowhere: the operation's trait, where it is missing.
            (None, None) => t.at(traits::PAGINATED).unwrap_or_default().to_owned(),
        };
        at.paginated.insert(property, pointer);
        own.or(default)
    };
    Ok(Some(Paginated {
        input_token: merge(own.input_token, defaults.input_token, "inputToken"),
        output_token: merge(own.output_token, defaults.output_token, "outputToken"),
        page_size: merge(own.page_size, defaults.page_size, "pageSize"),
        items: merge(own.items, defaults.items, "items"),
        ..Paginated::default()
    }))
}
