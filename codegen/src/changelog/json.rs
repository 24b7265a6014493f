//! The JSON form of a changelog: the facts of the text form, for tools.
//!
//! ```json
//! {
//!   "date": "2025/03/14",
//!   "services": [{
//!     "service": "iot", "full_name": "AWS IoT", "status": "updated",
//!     "new": 1, "updated": 2, "removed": 0,
//!     "methods": [
//!       {"name": "CreateGadget", "change": "new", "documentation": "…"},
//!       {"name": "ListWidgets", "change": "updated",
//!        "request": {"state": ["RETIRED"]}, "response": {…}}
//!     ],
//!     "breaking": [
//!       {"operation": "UpdateWidget", "side": "request", "path": ["count"],
//!        "kind": "type_changed", "old": "integer", "new": "long",
//!        "message": "UpdateWidget (request): count: type changed from integer to long"}
//!     ]
//!   }]
//! }
//! ```
//!
//! Change dicts are objects with sorted keys; a new member's type is a
//! string or an object of its members; new enum values are a sorted array.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{html_to_plain_text, Changelog};
use crate::diff::{
    Added, Additions, BreakingChange, BreakingKind, Change, ChangeKind, EnumLiteral, ServiceStatus,
    TypeSummary,
};

#[derive(Serialize)]
struct JsonChangelog<'a> {
    date: String,
    services: Vec<JsonService<'a>>,
}

#[derive(Serialize)]
struct JsonService<'a> {
    service: &'a str,
    full_name: &'a str,
    status: &'static str,
    new: usize,
    updated: usize,
    removed: usize,
    methods: Vec<JsonMethod<'a>>,
    breaking: Vec<JsonBreaking<'a>>,
}

#[derive(Serialize)]
struct JsonMethod<'a> {
    name: &'a str,
    change: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    documentation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response: Option<Value>,
}

#[derive(Serialize)]
struct JsonBreaking<'a> {
    operation: &'a str,
    side: Option<&'static str>,
    path: &'a [String],
    kind: &'static str,
    old: Option<Value>,
    new: Option<Value>,
    message: String,
}

pub(super) fn render(changelog: &Changelog) -> String {
    let json = JsonChangelog {
        date: changelog.date.to_string(),
        services: changelog
            .services
            .iter()
            .map(|service| {
                let diff = &service.diff;
                JsonService {
                    service: &service.name,
                    full_name: &diff.full_name,
                    status: match diff.status {
                        ServiceStatus::Updated => "updated",
                        ServiceStatus::Added => "new",
                        ServiceStatus::Removed => "removed",
                    },
                    new: diff.count(ChangeKind::New),
                    updated: diff.count(ChangeKind::Updated),
                    removed: diff.count(ChangeKind::Removed),
                    methods: diff
                        .methods
                        .iter()
                        .map(|m| method(&m.name, &m.change))
                        .collect(),
                    breaking: diff.breaking.iter().map(breaking).collect(),
                }
            })
            .collect(),
    };
    // Serializing these plain structs cannot fail; fall back to an empty
    // object rather than panic all the same.
    let mut out = serde_json::to_string_pretty(&json).unwrap_or_else(|_| "{}".to_owned());
    out.push('\n');
    out
}

fn method<'a>(name: &'a str, change: &Change) -> JsonMethod<'a> {
    let mut json = JsonMethod {
        name,
        change: ChangeKind::of(change).as_str(),
        documentation: None,
        request: None,
        response: None,
    };
    match change {
        Change::New { documentation } => {
            json.documentation = documentation
                .as_deref()
                .map(html_to_plain_text)
                .filter(|text| !text.is_empty());
        }
        Change::Updated { request, response } => {
            json.request = request.as_ref().map(additions);
            json.response = response.as_ref().map(additions);
        }
        Change::Removed => {}
    }
    json
}

fn additions(additions: &Additions) -> Value {
    Value::Object(
        additions
            .iter()
            .map(|(name, added)| (name.clone(), added_value(added)))
            .collect::<Map<String, Value>>(),
    )
}

fn added_value(added: &Added) -> Value {
    match added {
        Added::Member(summary) => summary_value(summary),
        Added::Members(nested) => additions(nested),
        Added::EnumValues(values) => Value::Array(values.iter().map(literal).collect()),
    }
}

fn summary_value(summary: &TypeSummary) -> Value {
    match summary {
        TypeSummary::Name(name) => Value::String((*name).to_owned()),
        TypeSummary::Members(members) => Value::Object(
            members
                .iter()
                .map(|(name, s)| (name.clone(), summary_value(s)))
                .collect(),
        ),
    }
}

fn literal(value: &EnumLiteral) -> Value {
    match value {
        EnumLiteral::Int(i) => Value::from(*i),
        EnumLiteral::Str(s) => Value::String(s.clone()),
    }
}

fn breaking(change: &BreakingChange) -> JsonBreaking<'_> {
    let text = |s: &String| Some(Value::String(s.clone()));
    let (kind, old, new) = match &change.kind {
        BreakingKind::OperationRemoved => ("operation_removed", None, None),
        BreakingKind::HttpMethodChanged { old, new } => {
            ("http_method_changed", text(old), text(new))
        }
        BreakingKind::HttpUriChanged { old, new } => ("http_uri_changed", text(old), text(new)),
        BreakingKind::ErrorRemoved { error } => ("error_removed", text(error), None),
        BreakingKind::MemberRemoved => ("member_removed", None, None),
        BreakingKind::NewRequiredMember => ("new_required_member", None, None),
        BreakingKind::BecameRequired => ("became_required", None, None),
        BreakingKind::BecameOptional => ("became_optional", None, None),
        BreakingKind::TypeChanged { old, new } => ("type_changed", text(old), text(new)),
        BreakingKind::LocationChanged { old, new } => ("location_changed", text(old), text(new)),
        BreakingKind::EnumValueRemoved { value } => {
            ("enum_value_removed", Some(literal(value)), None)
        }
    };
    JsonBreaking {
        operation: &change.operation,
        side: change.side.map(|s| s.as_str()),
        path: &change.path,
        kind,
        old,
        new,
        message: change.to_string(),
    }
}
