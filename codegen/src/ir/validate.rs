//! The one validation pass after lowering. It checks what every emitter
//! relies on, so emitters can assume a well-formed graph. Each error names
//! the model file and the JSON path of the offending item.

mod pagination;

use std::collections::BTreeMap;

use crate::error::{Locator, ModelError, OperationPart};
use crate::ir::{
    Binding, HttpMessage, Member, Model, Operation, Protocol, Shape, ShapeId, ShapeKind, Structure,
};

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
        pagination::check(model, name, op, at)?;
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
        if m.idempotency_token && !matches!(target.kind, ShapeKind::String) {
            // Generated tokens are UUID strings (Smithy: `member > string`).
            return Err(err(format!(
                "an idempotency token must target a string, not {}",
                a(&target.kind)
            )));
        }
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
            Binding::StatusCode => Some("status code".to_owned()),
            Binding::QueryParams | Binding::PrefixHeaders(_) => None,
        };
        if let Err(message) = check_binding(model, m, target) {
            return Err(err(message));
        }
        if m.host_label && !matches!(target.kind, ShapeKind::String | ShapeKind::Enum(_)) {
            return Err(err(format!(
                "member `{}` is a host label but targets {}; a host label must be a string or an enum",
                m.name,
                a(&target.kind)
            )));
        }
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
    check_spread_members(s, id, at)
}

/// At most one member takes the query parameters, and one the prefix
/// headers (each would otherwise read the other's entries back), and no
/// header member's name starts with the prefix: a response's prefix map
/// would read that header too.
fn check_spread_members(s: &Structure, id: &ShapeId, at: &dyn Locator) -> Result<(), ModelError> {
    let err =
        |m: &Member, message: String| ModelError::new(at.file(), at.member(id, &m.name), message);
    let mut query_params: Option<&Member> = None;
    let mut prefix_headers: Option<(&Member, String)> = None;
    for m in &s.members {
        match &m.binding {
            Binding::QueryParams => {
                if let Some(first) = query_params.replace(m) {
                    return Err(err(
                        m,
                        format!(
                            "members `{}` and `{}` are both bound to the query parameters; only one member may be",
                            first.name, m.name
                        ),
                    ));
                }
            }
            Binding::PrefixHeaders(prefix) => {
                if let Some((first, _)) = prefix_headers.replace((m, prefix.to_ascii_lowercase())) {
                    return Err(err(
                        m,
                        format!(
                            "members `{}` and `{}` are both bound to prefix headers; only one member may be",
                            first.name, m.name
                        ),
                    ));
                }
            }
            _ => {}
        }
    }
    let Some((prefixed, prefix)) = prefix_headers.filter(|(_, prefix)| !prefix.is_empty()) else {
        return Ok(());
    };
    for m in &s.members {
        if let Binding::Header(name) = &m.binding {
            if name.to_ascii_lowercase().starts_with(&prefix) {
                return Err(err(
                    m,
                    format!(
                        "the header `{}` of member `{}` starts with `{prefix}`, the prefix of member `{}`, so a response would read it into both",
                        name.to_ascii_lowercase(),
                        m.name,
                        prefixed.name
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Whether a shape has a text form in a URI label, a query parameter or a
/// header: booleans, numbers, strings, enums and timestamps.
fn is_text_scalar(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Boolean
            | ShapeKind::Byte
            | ShapeKind::Short
            | ShapeKind::Integer
            | ShapeKind::Long
            | ShapeKind::Float
            | ShapeKind::Double
            | ShapeKind::BigInteger
            | ShapeKind::BigDecimal
            | ShapeKind::String
            | ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_)
            | ShapeKind::Timestamp { .. }
    )
}

/// A target as a diagnostic names it: "a list of structures", "a sparse
/// list of strings", "a map of strings to integers".
fn describe_target(model: &Model, kind: &ShapeKind) -> String {
    let plural = |id: &ShapeId| match model.shape(id) {
        Some(shape) => format!("{}s", shape.kind.describe()),
        None => format!("`{id}`"),
    };
    match kind {
        ShapeKind::List(l) => {
            let sparse = if l.sparse { "sparse " } else { "" };
            format!("a {sparse}list of {}", plural(&l.member))
        }
        ShapeKind::Map(m) => {
            let sparse = if m.sparse { "sparse " } else { "" };
            format!(
                "a {sparse}map of {} to {}",
                plural(&m.key),
                plural(&m.value)
            )
        }
        other => a(other),
    }
}

/// Whether an HTTP binding can carry what its member targets: each binding
/// has one text form per kind of target, and every emitter relies on this
/// check, so none of them ever drops a member it cannot write or read.
/// Body and payload members take any target.
fn check_binding(model: &Model, m: &Member, target: &Shape) -> Result<(), String> {
    let kind = &target.kind;
    // A member left out of the generated code (an event stream) has no
    // binding to check; a dangling element is reported on its list or map.
    if matches!(kind, ShapeKind::Unsupported { .. }) {
        return Ok(());
    }
    let element = |id: &ShapeId| model.shape(id).map(|s| &s.kind);
    let (what, ok, rule) = match &m.binding {
        Binding::Body | Binding::Payload => return Ok(()),
        Binding::Label(label) => (
            format!("the URI label `{label}`"),
            is_text_scalar(kind),
            "a label must be a boolean, number, string, enum, intEnum or timestamp",
        ),
        Binding::Query(name) => (
            format!("the query parameter `{name}`"),
            match kind {
                ShapeKind::List(l) => {
                    !l.sparse
                        && element(&l.member)
                            .is_none_or(|e| is_text_scalar(e) || matches!(e, ShapeKind::Blob { .. }))
                }
                other => is_text_scalar(other) || matches!(other, ShapeKind::Blob { .. }),
            },
            "a query parameter must be a boolean, number, string, enum, intEnum, timestamp or blob, or a list of them (not sparse)",
        ),
        Binding::Header(name) => (
            format!("the header `{}`", name.to_ascii_lowercase()),
            match kind {
                ShapeKind::List(l) => !l.sparse && element(&l.member).is_none_or(is_text_scalar),
                other => is_text_scalar(other) || matches!(other, ShapeKind::Blob { .. }),
            },
            "a header must be a boolean, number, string, enum, intEnum, timestamp or blob, or a list of them (not sparse, and not of blobs)",
        ),
        Binding::QueryParams => (
            "query parameters".to_owned(),
            match kind {
                ShapeKind::Map(map) => element(&map.value).is_none_or(|value| match value {
                    ShapeKind::List(l) => {
                        !l.sparse
                            && element(&l.member)
                                .is_none_or(|e| matches!(e, ShapeKind::String | ShapeKind::Enum(_)))
                    }
                    other => is_text_scalar(other) || matches!(other, ShapeKind::Blob { .. }),
                }),
                _ => false,
            },
            "query parameters must be a map whose values are booleans, numbers, strings, enums, intEnums, timestamps or blobs, or lists of strings or enums (not sparse)",
        ),
        Binding::PrefixHeaders(prefix) => (
            format!("the headers prefixed `{prefix}`"),
            match kind {
                ShapeKind::Map(map) => element(&map.value)
                    .is_none_or(|value| matches!(value, ShapeKind::String | ShapeKind::Enum(_))),
                _ => false,
            },
            "prefix headers must be a map whose values are strings or enums",
        ),
        Binding::StatusCode => (
            "the status code".to_owned(),
            matches!(
                kind,
                ShapeKind::Short | ShapeKind::Integer | ShapeKind::Long | ShapeKind::IntEnum(_)
            ),
            "the status code must be an integer (short, integer, long or intEnum)",
        ),
    };
    if ok {
        return Ok(());
    }
    Err(format!(
        "member `{}` is bound to {what} but targets {}; {rule}",
        m.name,
        describe_target(model, kind)
    ))
}

fn check_operation(
    model: &Model,
    name: &str,
    op: &Operation,
    at: &dyn Locator,
) -> Result<(), ModelError> {
    let err = |part: OperationPart, message: String| {
        ModelError::new(at.file(), at.operation_part(name, part), message)
    };
    if !crate::ir::HTTP_METHODS.contains(&op.http.method.as_str()) {
        return Err(err(
            OperationPart::Method,
            format!(
                "the HTTP method `{}` is not one of {}",
                op.http.method,
                crate::ir::HTTP_METHODS.join(", ")
            ),
        ));
    }
    let structure =
        |id: &ShapeId, part: OperationPart, role: &str| -> Result<Option<&Structure>, ModelError> {
            match model.shape(id).map(|s| &s.kind) {
                None => Err(err(
                    part,
                    format!("refers to shape `{id}`, which the model does not define"),
                )),
                Some(ShapeKind::Structure(s)) => Ok(Some(s)),
                Some(ShapeKind::Unsupported { .. }) => Ok(None),
                Some(other) => Err(err(
                    part,
                    format!("the {role} `{id}` is {}; it must be a structure", a(other)),
                )),
            }
        };
    let input = match &op.input {
        Some(id) => structure(id, OperationPart::Input, "input")?,
        None => None,
    };
    if let Some(id) = &op.input {
        if let Some(s) = input {
            check_payload_alone(id, s, HttpMessage::Request, at)?;
        }
    }
    if let Some(id) = &op.output {
        if let Some(s) = structure(id, OperationPart::Output, "output")? {
            check_payload_alone(id, s, HttpMessage::Response, at)?;
        }
    }
    for (i, id) in op.errors.iter().enumerate() {
        if let Some(s) = structure(id, OperationPart::Error(i), "error")? {
            check_payload_alone(id, s, HttpMessage::Response, at)?;
        }
        if op.errors[..i].contains(id) {
            return Err(err(
                OperationPart::Error(i),
                format!("the error `{id}` is listed twice"),
            ));
        }
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
                OperationPart::RequestUri,
                format!("URI label `{{{label}}}` is not bound to any input member"),
            ));
        }
    }
    for m in &input.members {
        if let Binding::Label(label) = &m.binding {
            if !op.http.uri.labels().any(|l| l == label) {
                return Err(err(
                    OperationPart::Input,
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
                    OperationPart::HostPrefix,
                    format!("host label `{{{label}}}` is not an input member marked `hostLabel`"),
                ));
            }
        }
    }
    Ok(())
}

/// A structure with a payload member has no JSON body of members: a member
/// that would go there (see [`Binding::in_body`]) could be neither sent
/// nor read, so it is an error (Smithy's `httpPayload` rule).
fn check_payload_alone(
    id: &ShapeId,
    s: &Structure,
    message: HttpMessage,
    at: &dyn Locator,
) -> Result<(), ModelError> {
    let Some(payload) = s.members.iter().find(|m| m.binding == Binding::Payload) else {
        return Ok(());
    };
    let Some(body) = s.members.iter().find(|m| m.binding.in_body(message)) else {
        return Ok(());
    };
    let message = match message {
        HttpMessage::Request => "request",
        HttpMessage::Response => "response",
    };
    Err(ModelError::new(
        at.file(),
        at.member(id, &body.name),
        format!(
            "member `{}` belongs in the {message} body, but member `{}` is the payload; a body holds one or the other",
            body.name, payload.name
        ),
    ))
}

/// A list or map that contains itself without a structure in between has
/// no finite Rust type (`Vec<Vec<…>>` forever). Reports the list or map
/// with the smallest id that lies on such a cycle.
///
/// Linear in the size of the model (strongly connected components of the
/// list/map subgraph, found iteratively), so that neither long chains nor
/// deep nesting cost quadratic time or stack.
fn check_collection_cycles(model: &Model, at: &dyn Locator) -> Result<(), ModelError> {
    let ids: Vec<&ShapeId> = model
        .shapes
        .iter()
        .filter(|(_, shape)| matches!(shape.kind, ShapeKind::List(_) | ShapeKind::Map(_)))
        .map(|(id, _)| id)
        .collect();
    let index: BTreeMap<&ShapeId, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let edges: Vec<Vec<usize>> = ids
        .iter()
        .map(|id| match model.shape(id) {
            Some(shape) => shape
                .kind
                .targets()
                .filter_map(|t| index.get(t).copied())
                .collect(),
            None => Vec::new(),
        })
        .collect();
    if let Some(first) = on_cycles(&edges).iter().position(|&on| on) {
        return Err(ModelError::new(
            at.file(),
            at.shape(ids[first]),
            "the list or map contains itself with no structure in between, so it has no finite type",
        ));
    }
    Ok(())
}

/// For each node of a directed graph, whether it lies on a cycle (its
/// strongly connected component has several nodes, or a self-loop).
/// Tarjan's algorithm with an explicit stack.
fn on_cycles(edges: &[Vec<usize>]) -> Vec<bool> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut order = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut on_cycle = vec![false; n];
    let mut next_order = 0;
    let mut calls: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if order[root] != UNVISITED {
            continue;
        }
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;
        calls.push((root, 0));
        while let Some((node, next)) = calls.last_mut() {
            let node = *node;
            if let Some(&target) = edges[node].get(*next) {
                *next += 1;
                if order[target] == UNVISITED {
                    order[target] = next_order;
                    low[target] = next_order;
                    next_order += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    calls.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(order[target]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                if component.len() > 1 || edges[node].contains(&node) {
                    for member in component {
                        on_cycle[member] = true;
                    }
                }
            }
        }
    }
    on_cycle
}

#[cfg(test)]
mod tests {
    use super::on_cycles;

    #[test]
    fn nodes_on_cycles() {
        // 0 -> 1 -> 2 -> 1, 2 -> 3, 3 -> 3, 4 -> 0
        let edges = vec![vec![1], vec![2], vec![1, 3], vec![3], vec![0]];
        assert_eq!(on_cycles(&edges), [false, true, true, true, false]);
        assert_eq!(on_cycles(&[vec![], vec![0]]), [false, false]);
    }

    #[test]
    fn deep_chains_do_not_recurse() {
        let n = 200_000;
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges[n - 1] = vec![0];
        assert!(on_cycles(&edges).iter().all(|&on| on));
        edges[n - 1] = vec![];
        assert!(on_cycles(&edges).iter().all(|&on| !on));
    }
}
