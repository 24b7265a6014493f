//! The one validation pass after lowering. It checks what every emitter
//! relies on, so emitters can assume a well-formed graph. Each error names
//! the model file and the JSON path of the offending item.

use std::collections::BTreeMap;

use crate::error::{Locator, ModelError};
use crate::ir::{Binding, Model, Operation, Protocol, Shape, ShapeId, ShapeKind, Structure};

/// Checks references, HTTP bindings and wire-name collisions.
pub fn validate(model: &Model, at: &dyn Locator) -> Result<(), ModelError> {
    let err = |location: String, message: String| ModelError::new(at.file(), location, message);
    for (id, shape) in &model.shapes {
        check_targets(model, id, shape, at)?;
        if let ShapeKind::Structure(s) | ShapeKind::Union(s) = &shape.kind {
            check_members(model, id, s, at)?;
        }
        if let ShapeKind::Map(map) = &shape.kind {
            if let Some(key) = model.shape(&map.key) {
                if !matches!(key.kind, ShapeKind::String | ShapeKind::Enum(_)) {
                    return Err(err(
                        format!("{}/key", at.shape(id)),
                        format!(
                            "map key `{}` is {}; map keys must be strings",
                            map.key,
                            a(&key.kind)
                        ),
                    ));
                }
            }
        }
    }
    check_collection_cycles(model, at)?;
    for (name, op) in &model.operations {
        check_operation(model, name, op, at)?;
    }
    Ok(())
}

/// The kind of a shape with its article: "a list", "an integer".
fn a(kind: &ShapeKind) -> String {
    let name = kind.describe();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

fn check_targets(
    model: &Model,
    id: &ShapeId,
    shape: &Shape,
    at: &dyn Locator,
) -> Result<(), ModelError> {
    let missing = |target: &ShapeId, location: String| {
        ModelError::new(
            at.file(),
            location,
            format!("refers to shape `{target}`, which the model does not define"),
        )
    };
    match &shape.kind {
        ShapeKind::Structure(s) | ShapeKind::Union(s) => {
            for m in &s.members {
                if model.shape(&m.target).is_none() {
                    return Err(missing(&m.target, at.member(id, &m.name)));
                }
            }
        }
        ShapeKind::List(l) if model.shape(&l.member).is_none() => {
            return Err(missing(&l.member, format!("{}/member", at.shape(id))));
        }
        ShapeKind::Map(m) => {
            if model.shape(&m.key).is_none() {
                return Err(missing(&m.key, format!("{}/key", at.shape(id))));
            }
            if model.shape(&m.value).is_none() {
                return Err(missing(&m.value, format!("{}/value", at.shape(id))));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Bindings must fit their targets, and no two members may share a wire name.
fn check_members(
    model: &Model,
    id: &ShapeId,
    s: &Structure,
    at: &dyn Locator,
) -> Result<(), ModelError> {
    let mut wire_names: BTreeMap<String, &str> = BTreeMap::new();
    let mut payloads = 0;
    let json_body = matches!(
        model.service.protocol,
        Protocol::RestJson1 | Protocol::AwsJson1_0 | Protocol::AwsJson1_1
    );
    for m in &s.members {
        let err = |message: String| ModelError::new(at.file(), at.member(id, &m.name), message);
        let Some(target) = model.shape(&m.target) else {
            continue;
        };
        let wire = match &m.binding {
            // XML protocols may legitimately share element names (flattened lists).
            Binding::Body if !json_body => None,
            Binding::Body => Some(format!("body member `{}`", m.wire_json_name())),
            Binding::Label(name) => Some(format!("URI label `{name}`")),
            Binding::Query(name) => Some(format!("query parameter `{name}`")),
            Binding::Header(name) => Some(format!("header `{}`", name.to_ascii_lowercase())),
            Binding::Payload => {
                payloads += 1;
                None
            }
            Binding::StatusCode => {
                if !matches!(
                    target.kind,
                    ShapeKind::Integer | ShapeKind::Short | ShapeKind::Long
                ) {
                    return Err(err(format!(
                        "the status code member targets {}; it must be an integer",
                        a(&target.kind)
                    )));
                }
                Some("status code".to_owned())
            }
            Binding::QueryParams | Binding::PrefixHeaders(_) => {
                if !matches!(target.kind, ShapeKind::Map(_)) {
                    return Err(err(format!(
                        "a member bound to query parameters or prefix headers must target a map, not {}",
                        a(&target.kind)
                    )));
                }
                None
            }
        };
        if let Some(wire) = wire {
            if let Some(other) = wire_names.insert(wire.clone(), &m.name) {
                return Err(err(format!(
                    "members `{other}` and `{}` are both bound to the {wire}",
                    m.name
                )));
            }
        }
    }
    if payloads > 1 {
        return Err(ModelError::new(
            at.file(),
            at.shape(id),
            "more than one member is bound to the payload",
        ));
    }
    Ok(())
}

fn check_operation(
    model: &Model,
    name: &str,
    op: &Operation,
    at: &dyn Locator,
) -> Result<(), ModelError> {
    let here = at.operation(name);
    let err = |suffix: &str, message: String| {
        ModelError::new(at.file(), format!("{here}{suffix}"), message)
    };
    let structure =
        |id: &ShapeId, suffix: &str, role: &str| -> Result<Option<&Structure>, ModelError> {
            match model.shape(id).map(|s| &s.kind) {
                None => Err(err(
                    suffix,
                    format!("refers to shape `{id}`, which the model does not define"),
                )),
                Some(ShapeKind::Structure(s)) => Ok(Some(s)),
                Some(ShapeKind::Unsupported { .. }) => Ok(None),
                Some(other) => Err(err(
                    suffix,
                    format!("the {role} `{id}` is {}; it must be a structure", a(other)),
                )),
            }
        };
    let input = match &op.input {
        Some(id) => structure(id, "/input", "input")?,
        None => None,
    };
    if let Some(id) = &op.output {
        structure(id, "/output", "output")?;
    }
    for (i, id) in op.errors.iter().enumerate() {
        structure(id, &format!("/errors/{i}"), "error")?;
    }
    let empty = Structure::default();
    let input = input.unwrap_or(&empty);
    for label in op.http.uri.labels() {
        let bound = input
            .members
            .iter()
            .any(|m| m.binding == Binding::Label(label.to_owned()));
        if !bound {
            return Err(err(
                "/http/requestUri",
                format!("URI label `{{{label}}}` is not bound to any input member"),
            ));
        }
    }
    for m in &input.members {
        if let Binding::Label(label) = &m.binding {
            if !op.http.uri.labels().any(|l| l == label) {
                return Err(err(
                    "/input",
                    format!(
                        "input member `{}` is bound to URI label `{label}`, which the request URI `{}` does not have",
                        m.name, op.http.uri
                    ),
                ));
            }
        }
    }
    if let Some(prefix) = &op.host_prefix {
        for label in prefix.labels() {
            if !input
                .members
                .iter()
                .any(|m| m.host_label && m.name == label)
            {
                return Err(err(
                    "/endpoint/hostPrefix",
                    format!("host label `{{{label}}}` is not an input member marked `hostLabel`"),
                ));
            }
        }
    }
    Ok(())
}

/// A list or map that contains itself without a structure in between has
/// no finite Rust type (`Vec<Vec<…>>` forever).
fn check_collection_cycles(model: &Model, at: &dyn Locator) -> Result<(), ModelError> {
    for (id, shape) in &model.shapes {
        if !matches!(shape.kind, ShapeKind::List(_) | ShapeKind::Map(_)) {
            continue;
        }
        let mut stack: Vec<&ShapeId> = shape.kind.targets().collect();
        let mut seen = std::collections::BTreeSet::new();
        while let Some(next) = stack.pop() {
            if next == id {
                return Err(ModelError::new(
                    at.file(),
                    at.shape(id),
                    "the list or map contains itself with no structure in between, so it has no finite type",
                ));
            }
            if !seen.insert(next) {
                continue;
            }
            if let Some(s) = model.shape(next) {
                if matches!(s.kind, ShapeKind::List(_) | ShapeKind::Map(_)) {
                    stack.extend(s.kind.targets());
                }
            }
        }
    }
    Ok(())
}
