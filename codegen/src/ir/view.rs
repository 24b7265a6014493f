//! The resolved wire view: every member's wire facts, decided once after
//! validation and boxing, so emitters read them instead of merging traits.
//!
//! For each member of each structure and union an operation reaches: its
//! binding, its JSON key (`jsonName`, else the member name), its timestamp
//! formats (the member's over its target's, the location's default
//! applied), whether it is redacted, whether it is an idempotency token,
//! and whether its field is a plain value, boxed, or left out (a shape the
//! generator does not support). Validation (`ir/validate.rs`) has already
//! refused every combination the emitters cannot write.

use std::collections::BTreeMap;

use super::{Binding, Member, Model, ShapeId, ShapeKind, TimestampFormat};

/// The wire facts of every member, by structure or union.
#[derive(Debug, Clone, Default)]
pub struct WireView<'m> {
    shapes: BTreeMap<&'m ShapeId, Vec<WireMember<'m>>>,
}

/// One member as the emitters see it. It dereferences to the model's
/// member for what needs no resolving (name, target, docs, deprecation).
#[derive(Debug, Clone)]
pub struct WireMember<'m> {
    /// The member as the model has it.
    pub member: &'m Member,
    /// Where it travels (lowering resolved `location`/`httpHeader`/… into
    /// this, and validation checked it fits the target).
    pub binding: Binding,
    /// Its key in a JSON body.
    pub json_key: &'m str,
    /// Its timestamp formats, when it is a timestamp or a list or map of
    /// timestamps.
    pub timestamps: Option<Timestamps>,
    /// The timestamp format the model writes for the member (its own, else
    /// its timestamp target's), for the docs.
    pub declared_timestamp_format: Option<TimestampFormat>,
    /// Its value is redacted in `Debug`: the member, its target, the
    /// elements of a list or map target, or its structure is `sensitive`.
    pub redacted: bool,
    /// An idempotency token (only top-level input members keep the trait):
    /// an `Option` filled with a fresh UUID when left unset.
    pub idempotency_token: bool,
    /// Its field is a plain value, not an `Option` (see
    /// [`Member::is_plain_field`]).
    pub plain: bool,
    /// Its field is boxed (recursion).
    pub boxed: bool,
    /// It has a Rust field: its shape is supported (else the type's docs
    /// note it and the wire code leaves it out).
    pub supported: bool,
}

/// Where a timestamp member's format applies, with the format resolved.
/// For a list or map of timestamps the formats are its elements' (the
/// element shape's, else the location's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamps {
    /// In a JSON body: the declared format, else epoch seconds.
    pub body: TimestampFormat,
    /// Where the binding puts it: a header (default HTTP date), the query
    /// string or a URI label (default RFC 3339); the body format for a
    /// body member.
    pub bound: TimestampFormat,
}

impl<'m> WireView<'m> {
    /// Resolves every member of every structure and union `model` reaches.
    pub fn build(model: &'m Model) -> WireView<'m> {
        let reachable = model.reachable_shapes();
        let mut shapes = BTreeMap::new();
        for (id, shape) in model
            .shapes
            .iter()
            .filter(|(id, _)| reachable.contains(*id))
        {
            let (ShapeKind::Structure(s) | ShapeKind::Union(s)) = &shape.kind else {
                continue;
            };
            let members = s
                .members
                .iter()
                .map(|member| WireMember {
                    member,
                    binding: member.binding.clone(),
                    json_key: member.json_name.as_deref().unwrap_or(&member.name),
                    timestamps: timestamps(model, member),
                    declared_timestamp_format: member.timestamp_format.or(
                        match model.shape(&member.target).map(|t| &t.kind) {
                            Some(ShapeKind::Timestamp { format }) => *format,
                            _ => None,
                        },
                    ),
                    redacted: shape.sensitive
                        || member.sensitive
                        || sensitive_shape(model, &member.target, 0),
                    idempotency_token: member.idempotency_token,
                    plain: member.is_plain_field(),
                    boxed: member.boxed,
                    supported: model.is_supported(&member.target),
                })
                .collect();
            shapes.insert(id, members);
        }
        WireView { shapes }
    }

    /// The members of a structure or union an operation reaches, in model
    /// order (none for any other shape).
    pub fn members(&self, shape: &ShapeId) -> &[WireMember<'m>] {
        self.shapes.get(shape).map_or(&[], Vec::as_slice)
    }

    /// The members that have a Rust field, and so wire code.
    pub fn supported(&self, shape: &ShapeId) -> impl Iterator<Item = &WireMember<'m>> {
        self.members(shape).iter().filter(|m| m.supported)
    }
}

impl std::ops::Deref for WireMember<'_> {
    type Target = Member;

    fn deref(&self) -> &Member {
        self.member
    }
}

/// The default format of a timestamp where `binding` puts it.
fn location_default(binding: &Binding) -> TimestampFormat {
    match binding {
        Binding::Header(_) => TimestampFormat::HttpDate,
        Binding::Query(_) | Binding::QueryParams | Binding::Label(_) => TimestampFormat::DateTime,
        Binding::Body | Binding::Payload | Binding::StatusCode | Binding::PrefixHeaders(_) => {
            TimestampFormat::EpochSeconds
        }
    }
}

fn timestamps(model: &Model, member: &Member) -> Option<Timestamps> {
    let kind = |id: &ShapeId| model.shape(id).map(|s| &s.kind);
    let format = match kind(&member.target)? {
        ShapeKind::Timestamp { format } => member.timestamp_format.or(*format),
        // Elements carry their shape's format; the member's own (which
        // Smithy allows on timestamp members only) is for the docs.
        ShapeKind::List(l) => match kind(&l.member)? {
            ShapeKind::Timestamp { format } => *format,
            _ => return None,
        },
        ShapeKind::Map(m) => match kind(&m.value)? {
            ShapeKind::Timestamp { format } => *format,
            _ => return None,
        },
        _ => return None,
    };
    Some(Timestamps {
        body: format.unwrap_or(TimestampFormat::EpochSeconds),
        bound: format.unwrap_or(location_default(&member.binding)),
    })
}

/// Whether values of a shape are sensitive: the shape, or the keys or
/// values of a list or map. Structures redact their own fields, so the
/// walk stops at them.
fn sensitive_shape(model: &Model, id: &ShapeId, depth: usize) -> bool {
    let Some(shape) = model.shape(id) else {
        return false;
    };
    if shape.sensitive {
        return true;
    }
    // Validation rules out list/map cycles; the bound keeps a bad graph
    // from overflowing the stack all the same.
    if depth > 64 {
        return false;
    }
    match &shape.kind {
        ShapeKind::List(l) => sensitive_shape(model, &l.member, depth + 1),
        ShapeKind::Map(m) => {
            sensitive_shape(model, &m.key, depth + 1) || sensitive_shape(model, &m.value, depth + 1)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One operation whose input binds timestamps everywhere, with and
    /// without formats of their own.
    const MODEL: &str = r#"{
      "metadata": {"protocol": "rest-json", "serviceId": "V", "serviceFullName": "V", "apiVersion": "1", "endpointPrefix": "v"},
      "operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/{At}"},
        "input": {"shape": "In"}}},
      "shapes": {
        "In": {"type": "structure", "required": ["At"], "sensitive": false, "members": {
          "At": {"shape": "Time", "location": "uri", "locationName": "At"},
          "Header": {"shape": "Time", "location": "header", "locationName": "x-t"},
          "Query": {"shape": "Time", "location": "querystring", "locationName": "q"},
          "Body": {"shape": "Time", "locationName": "bodyKey"},
          "Own": {"shape": "Time", "timestampFormat": "rfc822"},
          "Shaped": {"shape": "IsoTime", "location": "header", "locationName": "x-s"},
          "Times": {"shape": "IsoTimes"},
          "Token": {"shape": "Secret", "idempotencyToken": true}
        }},
        "Time": {"type": "timestamp"},
        "IsoTime": {"type": "timestamp", "timestampFormat": "iso8601"},
        "IsoTimes": {"type": "list", "member": {"shape": "IsoTime"}},
        "Secret": {"type": "string", "sensitive": true}
      }
    }"#;

    #[test]
    fn members_are_resolved_once() {
        let loaded = match crate::model::load_str("view.json", MODEL) {
            Ok(loaded) => loaded,
            Err(e) => panic!("{e}"),
        };
        let view = WireView::build(&loaded.model);
        let members = view.members(&ShapeId("In".into()));
        let by_name = |name: &str| match members.iter().find(|m| m.name == name) {
            Some(m) => m,
            None => panic!("no member {name}"),
        };
        let formats = |name: &str| by_name(name).timestamps.map(|t| (t.body, t.bound));
        use TimestampFormat::*;
        assert_eq!(formats("At"), Some((EpochSeconds, DateTime)));
        assert_eq!(formats("Header"), Some((EpochSeconds, HttpDate)));
        assert_eq!(formats("Query"), Some((EpochSeconds, DateTime)));
        assert_eq!(formats("Body"), Some((EpochSeconds, EpochSeconds)));
        // The member's format over the target's, over every default.
        assert_eq!(formats("Own"), Some((HttpDate, HttpDate)));
        assert_eq!(formats("Shaped"), Some((DateTime, DateTime)));
        // Elements of a list take their shape's format.
        assert_eq!(formats("Times"), Some((DateTime, DateTime)));
        assert_eq!(formats("Token"), None);
        assert_eq!(by_name("Own").declared_timestamp_format, Some(HttpDate));
        assert_eq!(by_name("Body").declared_timestamp_format, None);

        assert_eq!(by_name("Body").json_key, "bodyKey");
        assert_eq!(by_name("Query").json_key, "Query");
        let token = by_name("Token");
        assert!(token.idempotency_token && token.redacted && !token.plain);
        assert!(by_name("At").plain && !by_name("At").redacted);
        assert!(members.iter().all(|m| m.supported));
    }
}
