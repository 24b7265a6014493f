//! Data shapes and their members, trait by trait.
//!
//! Member traits map onto `ir::Member` as the botocore front-end's member
//! properties do, so twins of one model agree: `httpLabel`/`httpQuery`/…
//! become the `Binding`, `jsonName` the body key, `mediaType` JSON on a
//! header is botocore's `jsonvalue`, `box` is `nullable`, and so on. The
//! 1.0 `enum` trait and the 2.0 `enum` shape both become `ShapeKind::Enum`;
//! a streaming union (an event stream) is unsupported, as in botocore.

use std::collections::BTreeSet;

use super::flatten::{FlatMember, FlatShape, ShapeType};
use super::traits::{self, Traits};
use super::{prelude, Ctx, Target};
use crate::error::ModelError;
use crate::ir::{
    Binding, Bounds, Constraints, Deprecation, EnumValue, ErrorTrait, IntEnumValue, List, Map,
    Member, Retryable, Shape, ShapeId, ShapeKind, Structure, TimestampFormat, Unsupported,
};

/// Lowers one data shape. Prelude shapes its members target are added to
/// `prelude`; an event stream is reported in `unsupported`.
pub(super) fn lower(
    ctx: &Ctx,
    shape: &FlatShape,
    prelude: &mut BTreeSet<ShapeId>,
    unsupported: &mut Vec<Unsupported>,
) -> Result<Shape, ModelError> {
    let t = ctx.traits(&shape.id.0, &shape.traits);
    let kind = match shape.kind {
        ShapeType::Blob => ShapeKind::Blob {
            streaming: t.flag(traits::STREAMING)?,
        },
        ShapeType::Boolean => ShapeKind::Boolean,
        ShapeType::String => match t.decode::<Vec<traits::EnumDefinition>>(traits::ENUM)? {
            Some(definitions) => ShapeKind::Enum(enum_trait(ctx, &t, definitions)?),
            None => ShapeKind::String,
        },
        ShapeType::Byte => ShapeKind::Byte,
        ShapeType::Short => ShapeKind::Short,
        ShapeType::Integer => ShapeKind::Integer,
        ShapeType::Long => ShapeKind::Long,
        ShapeType::Float => ShapeKind::Float,
        ShapeType::Double => ShapeKind::Double,
        ShapeType::BigInteger => ShapeKind::BigInteger,
        ShapeType::BigDecimal => ShapeKind::BigDecimal,
        ShapeType::Timestamp => ShapeKind::Timestamp {
            format: timestamp_format(ctx, &t)?,
        },
        ShapeType::Document => ShapeKind::Document,
        ShapeType::Enum => ShapeKind::Enum(enum_members(ctx, shape)?),
        ShapeType::IntEnum => ShapeKind::IntEnum(int_enum_members(ctx, shape)?),
        ShapeType::List | ShapeType::Set => ShapeKind::List(list(ctx, shape, &t, prelude)?),
        ShapeType::Map => ShapeKind::Map(map(ctx, shape, &t, prelude)?),
        ShapeType::Structure => ShapeKind::Structure(structure(ctx, shape, prelude)?),
        ShapeType::Union if t.flag(traits::STREAMING)? => {
            let feature = "event streams".to_owned();
            unsupported.push(Unsupported {
                subject: shape.id.0.clone(),
                feature: feature.clone(),
            });
            ShapeKind::Unsupported { feature }
        }
        ShapeType::Union => ShapeKind::Union(structure(ctx, shape, prelude)?),
        ShapeType::Service | ShapeType::Operation | ShapeType::Resource => {
            return Err(ctx.error(&shape.at, format!("`{}` is not a data shape", shape.id)))
        }
    };
    Ok(Shape {
        id: shape.id.clone(),
        kind,
        documentation: t.string(traits::DOCUMENTATION)?,
        deprecated: deprecation(&t)?,
        sensitive: t.flag(traits::SENSITIVE)?,
        constraints: Constraints {
            length: bounds(&t, traits::LENGTH)?,
            range: bounds(&t, traits::RANGE)?,
            pattern: t.string(traits::PATTERN)?,
        },
        error: error(ctx, shape, &t)?,
    })
}

fn structure(
    ctx: &Ctx,
    shape: &FlatShape,
    prelude: &mut BTreeSet<ShapeId>,
) -> Result<Structure, ModelError> {
    let members = shape
        .members
        .values()
        .map(|m| member(ctx, shape, m, prelude))
        .collect::<Result<_, _>>()?;
    Ok(Structure { members })
}

/// The target of a member, list element or map key/value, noting prelude
/// targets.
fn target<'a>(
    ctx: &Ctx<'a>,
    m: &FlatMember,
    subject: &str,
    prelude: &mut BTreeSet<ShapeId>,
) -> Result<Target<'a>, ModelError> {
    let target = ctx.target(&m.target, subject)?;
    if let Target::Prelude = target {
        prelude.insert(m.target.id.clone());
    }
    Ok(target)
}

fn member(
    ctx: &Ctx,
    shape: &FlatShape,
    m: &FlatMember,
    prelude: &mut BTreeSet<ShapeId>,
) -> Result<Member, ModelError> {
    let subject = format!("{}${}", shape.id, m.name);
    let target = target(ctx, m, &subject, prelude)?;
    let t = ctx.traits(&subject, &m.traits);
    let mut member = Member::new(m.name.clone(), m.target.id.clone());
    member.binding = binding(ctx, &t, m)?;
    if member.binding == Binding::Body {
        member.json_name = t.string(traits::JSON_NAME)?.filter(|n| *n != m.name);
    }
    member.required = t.flag(traits::REQUIRED)?;
    member.client_optional = t.flag(traits::CLIENT_OPTIONAL)?;
    member.nullable = t.flag(traits::BOX)?;
    member.default = default(ctx, &t, &target, &m.target.id, member.nullable)?;
    member.idempotency_token = t.flag(traits::IDEMPOTENCY_TOKEN)?;
    member.host_label = t.flag(traits::HOST_LABEL)?;
    member.timestamp_format = timestamp_format(ctx, &t)?;
    member.media_type = match t.string(traits::MEDIA_TYPE)? {
        Some(media_type) => Some(media_type),
        None => match &target {
            Target::Defined(target) => ctx
                .traits(&target.id.0, &target.traits)
                .string(traits::MEDIA_TYPE)?,
            Target::Prelude => None,
        },
    };
    // botocore's `jsonvalue`: a header that carries JSON.
    member.json_value = matches!(member.binding, Binding::Header(_))
        && member.media_type.as_deref().is_some_and(is_json_media_type);
    member.sensitive = t.flag(traits::SENSITIVE)?;
    member.deprecated = deprecation(&t)?;
    member.documentation = t.string(traits::DOCUMENTATION)?;
    Ok(member)
}

/// `application/json`, or a `+json` structured syntax suffix.
fn is_json_media_type(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json") || essence.ends_with("+json")
}

/// Where a member travels: at most one HTTP binding trait, else the body.
fn binding(ctx: &Ctx, t: &Traits, m: &FlatMember) -> Result<Binding, ModelError> {
    let present: Vec<&str> = traits::HTTP_BINDINGS
        .iter()
        .copied()
        .filter(|id| t.has(id))
        .collect();
    if present.len() > 1 {
        return Err(ctx.error(
            &m.at,
            format!(
                "`{}` has more than one HTTP binding trait: `{}`",
                t.subject,
                present.join("`, `")
            ),
        ));
    }
    let string = |id: &str| -> Result<String, ModelError> { Ok(t.string(id)?.unwrap_or_default()) };
    Ok(match present.first().copied() {
        None => Binding::Body,
        Some(traits::HTTP_QUERY) => Binding::Query(string(traits::HTTP_QUERY)?),
        Some(traits::HTTP_HEADER) => Binding::Header(string(traits::HTTP_HEADER)?),
        Some(traits::HTTP_PREFIX_HEADERS) => {
            Binding::PrefixHeaders(string(traits::HTTP_PREFIX_HEADERS)?)
        }
        Some(id) => {
            t.flag(id)?;
            match id {
                traits::HTTP_LABEL => Binding::Label(m.name.clone()),
                traits::HTTP_QUERY_PARAMS => Binding::QueryParams,
                traits::HTTP_PAYLOAD => Binding::Payload,
                _ => Binding::StatusCode,
            }
        }
    })
}

/// The member's `default`, else its target's (`@default(null)` and `box`
/// mean none): Smithy 2.0 members targeting `smithy.api#PrimitiveInteger`
/// default to 0.
fn default(
    ctx: &Ctx,
    t: &Traits,
    target: &Target,
    target_id: &ShapeId,
    boxed: bool,
) -> Result<Option<serde_json::Value>, ModelError> {
    let own = t.decode::<serde_json::Value>(traits::DEFAULT)?;
    let value = match own {
        Some(value) => Some(value),
        None if boxed => None,
        None => match target {
            Target::Defined(shape) => ctx
                .traits(&shape.id.0, &shape.traits)
                .decode::<serde_json::Value>(traits::DEFAULT)?,
            Target::Prelude => prelude::lookup(&target_id.0).and_then(|(_, default)| default),
        },
    };
    Ok(value.filter(|v| !v.is_null()))
}

fn list(
    ctx: &Ctx,
    shape: &FlatShape,
    t: &Traits,
    prelude: &mut BTreeSet<ShapeId>,
) -> Result<List, ModelError> {
    let m = shape.member.as_ref().ok_or_else(|| {
        ctx.error(
            &shape.at,
            format!("the {} `{}` has no `member`", shape.kind.name(), shape.id),
        )
    })?;
    let subject = format!("{}$member", shape.id);
    target(ctx, m, &subject, prelude)?;
    Ok(List {
        member: m.target.id.clone(),
        sparse: t.flag(traits::SPARSE)?,
        member_documentation: ctx
            .traits(&subject, &m.traits)
            .string(traits::DOCUMENTATION)?,
    })
}

fn map(
    ctx: &Ctx,
    shape: &FlatShape,
    t: &Traits,
    prelude: &mut BTreeSet<ShapeId>,
) -> Result<Map, ModelError> {
    let mut part = |name: &str, m: &Option<FlatMember>| -> Result<ShapeId, ModelError> {
        let m = m.as_ref().ok_or_else(|| {
            ctx.error(&shape.at, format!("the map `{}` has no `{name}`", shape.id))
        })?;
        target(ctx, m, &format!("{}${name}", shape.id), prelude)?;
        Ok(m.target.id.clone())
    };
    Ok(Map {
        key: part("key", &shape.key)?,
        value: part("value", &shape.value)?,
        sparse: t.flag(traits::SPARSE)?,
    })
}

/// A 2.0 `enum` shape: each member's `enumValue`, or its name.
fn enum_members(ctx: &Ctx, shape: &FlatShape) -> Result<Vec<EnumValue>, ModelError> {
    let mut values = Vec::with_capacity(shape.members.len());
    let mut seen = BTreeSet::new();
    for m in shape.members.values() {
        let subject = format!("{}${}", shape.id, m.name);
        let t = ctx.traits(&subject, &m.traits);
        let value = t
            .string(traits::ENUM_VALUE)?
            .unwrap_or_else(|| m.name.clone());
        if !seen.insert(value.clone()) {
            return Err(ctx.error(
                &m.at,
                format!("enum value `{value}` of `{}` is listed twice", shape.id),
            ));
        }
        values.push(EnumValue {
            name: m.name.clone(),
            value,
            documentation: t.string(traits::DOCUMENTATION)?,
            deprecated: deprecation(&t)?,
        });
    }
    Ok(values)
}

/// An `intEnum` shape: every member needs an `enumValue` that fits an
/// `i32` (the generated type's width), each value once.
fn int_enum_members(ctx: &Ctx, shape: &FlatShape) -> Result<Vec<IntEnumValue>, ModelError> {
    let mut values = Vec::with_capacity(shape.members.len());
    let mut seen = BTreeSet::new();
    for m in shape.members.values() {
        let subject = format!("{}${}", shape.id, m.name);
        let t = ctx.traits(&subject, &m.traits);
        let Some(value) = t.decode::<i32>(traits::ENUM_VALUE)? else {
            return Err(ctx.error(
                &m.at,
                format!(
                    "intEnum member `{subject}` has no `{}` trait",
                    traits::ENUM_VALUE
                ),
            ));
        };
        if !seen.insert(value) {
            return Err(ctx.error(
                &m.at,
                format!("intEnum value {value} of `{}` is listed twice", shape.id),
            ));
        }
        values.push(IntEnumValue {
            name: m.name.clone(),
            value: i64::from(value),
            documentation: t.string(traits::DOCUMENTATION)?,
        });
    }
    Ok(values)
}

/// The Smithy 1.0 `enum` trait on a string: a value's name defaults to the
/// value, as botocore's enums have no names.
fn enum_trait(
    ctx: &Ctx,
    t: &Traits,
    definitions: Vec<traits::EnumDefinition>,
) -> Result<Vec<EnumValue>, ModelError> {
    let mut seen = BTreeSet::new();
    let mut values = Vec::with_capacity(definitions.len());
    for (i, d) in definitions.into_iter().enumerate() {
        if !seen.insert(d.value.clone()) {
            let at = format!("{}/{i}", t.at(traits::ENUM).unwrap_or_default());
            return Err(ctx.error(
                &at,
                format!(
                    "enum value `{}` of `{}` is listed twice",
                    d.value, t.subject
                ),
            ));
        }
        values.push(EnumValue {
            name: d.name.unwrap_or_else(|| d.value.clone()),
            value: d.value,
            documentation: d.documentation,
            deprecated: d.deprecated.then(Deprecation::default),
        });
    }
    Ok(values)
}

fn timestamp_format(ctx: &Ctx, t: &Traits) -> Result<Option<TimestampFormat>, ModelError> {
    let Some(format) = t.string(traits::TIMESTAMP_FORMAT)? else {
        return Ok(None);
    };
    match format.as_str() {
        "date-time" => Ok(Some(TimestampFormat::DateTime)),
        "http-date" => Ok(Some(TimestampFormat::HttpDate)),
        "epoch-seconds" => Ok(Some(TimestampFormat::EpochSeconds)),
        other => Err(ctx.error(
            t.at(traits::TIMESTAMP_FORMAT).unwrap_or_default(),
            format!(
                "trait `{}` on `{}` has a wrong value: expected `date-time`, `http-date` or `epoch-seconds`, found `{other}`",
                traits::TIMESTAMP_FORMAT,
                t.subject
            ),
        )),
    }
}

pub(super) fn deprecation(t: &Traits) -> Result<Option<Deprecation>, ModelError> {
    Ok(t.decode::<traits::Deprecated>(traits::DEPRECATED)?
        .map(|d| Deprecation {
            message: d.message,
            since: d.since,
        }))
}

/// `length` or `range`, when it sets a bound.
fn bounds(t: &Traits, id: &str) -> Result<Option<Bounds>, ModelError> {
    Ok(t.decode::<traits::Bounds>(id)?
        .filter(|b| b.min.is_some() || b.max.is_some())
        .map(|b| Bounds {
            min: b.min,
            max: b.max,
        }))
}

/// The `error` trait and what refines it. botocore's `error.code` comes
/// from `awsQueryError`, as AWS's own Smithy-to-botocore conversion does.
fn error(ctx: &Ctx, shape: &FlatShape, t: &Traits) -> Result<Option<ErrorTrait>, ModelError> {
    let Some(kind) = t.string(traits::ERROR)? else {
        return Ok(None);
    };
    let server_fault = match kind.as_str() {
        "client" => false,
        "server" => true,
        other => {
            return Err(ctx.error(
                t.at(traits::ERROR).unwrap_or_default(),
                format!(
                    "trait `{}` on `{}` has a wrong value: expected `client` or `server`, found `{other}`",
                    traits::ERROR,
                    shape.id
                ),
            ))
        }
    };
    let query_error = t.decode::<traits::AwsQueryError>(traits::AWS_QUERY_ERROR)?;
    let http_status = match t.decode::<u16>(traits::HTTP_ERROR)? {
        Some(status) => Some(status),
        None => query_error.as_ref().and_then(|q| q.http_response_code),
    };
    Ok(Some(ErrorTrait {
        server_fault,
        http_status,
        code: query_error
            .map(|q| q.code)
            .filter(|code| code != shape.id.name()),
        retryable: t
            .decode::<traits::Retryable>(traits::RETRYABLE)?
            .map(|r| Retryable {
                throttling: r.throttling,
            }),
    }))
}
