//! The text form of a changelog; the module documentation of
//! [`super`] describes it.

use std::collections::BTreeMap;

use super::pformat::{pformat, PyScalar, PyValue};
use super::{html_to_plain_text, Changelog, ServiceChanges};
use crate::diff::{Added, Additions, Change, ChangeKind, EnumLiteral, TypeSummary};

/// pprint's default width, which AWS's changelogs use.
const WIDTH: usize = 80;

pub(super) fn render(changelog: &Changelog) -> String {
    let blocks: Vec<String> = changelog
        .services
        .iter()
        .map(|service| render_service(&changelog.date.to_string(), service))
        .collect();
    let mut out = blocks.join("\n");
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn render_service(date: &str, service: &ServiceChanges) -> String {
    let diff = &service.diff;
    let mut out = format!("{date} - {} - {}\n", diff.full_name, counts(service));
    for method in &diff.methods {
        out.push('\n');
        let kind = ChangeKind::of(&method.change);
        out.push_str(&format!("{} ({}) Link ¶\n", method.name, kind.as_str()));
        match &method.change {
            Change::New { documentation } => {
                let text = documentation
                    .as_deref()
                    .map(html_to_plain_text)
                    .unwrap_or_default();
                if !text.is_empty() {
                    out.push_str(&text);
                    out.push('\n');
                }
            }
            Change::Updated { request, response } => {
                out.push_str(&changes(request.as_ref(), response.as_ref()));
            }
            Change::Removed => {}
        }
    }
    if !diff.breaking.is_empty() {
        out.push_str("\nBreaking changes\n----------------\n");
        for change in &diff.breaking {
            out.push_str(&format!("- {change}\n"));
        }
    }
    out
}

/// `1 new 2 updated api methods`, zero counts left out.
fn counts(service: &ServiceChanges) -> String {
    let parts: Vec<String> = [ChangeKind::New, ChangeKind::Updated, ChangeKind::Removed]
        .into_iter()
        .filter_map(|kind| {
            let n = service.diff.count(kind);
            (n > 0).then(|| format!("{n} {}", kind.as_str()))
        })
        .collect();
    if parts.is_empty() {
        "no new or updated api methods".to_owned()
    } else {
        format!("{} api methods", parts.join(" "))
    }
}

/// `Changes (…)` and the change dicts of an updated method.
fn changes(request: Option<&Additions>, response: Option<&Additions>) -> String {
    let dict = |additions: &Additions| pformat(&to_python(additions), WIDTH) + "\n";
    match (request, response) {
        (Some(request), Some(response)) => format!(
            "Changes (request, response)\nRequest\n{}Response\n{}",
            dict(request),
            dict(response)
        ),
        (Some(request), None) => format!("Changes (request)\n{}", dict(request)),
        (None, Some(response)) => format!("Changes (response)\n{}", dict(response)),
        (None, None) => String::new(),
    }
}

/// The change dict as the Python value AWS's tooling prints.
pub(super) fn to_python(additions: &Additions) -> PyValue {
    PyValue::Dict(
        additions
            .iter()
            .map(|(name, added)| (name.clone(), added_to_python(added)))
            .collect(),
    )
}

fn added_to_python(added: &Added) -> PyValue {
    match added {
        Added::Member(summary) => summary_to_python(summary),
        Added::Members(additions) => to_python(additions),
        Added::EnumValues(values) => PyValue::Set(
            values
                .iter()
                .map(|v| match v {
                    EnumLiteral::Int(i) => PyScalar::Int(*i),
                    EnumLiteral::Str(s) => PyScalar::Str(s.clone()),
                })
                .collect(),
        ),
    }
}

fn summary_to_python(summary: &TypeSummary) -> PyValue {
    match summary {
        TypeSummary::Name(name) => PyValue::Str((*name).to_owned()),
        TypeSummary::Members(members) => PyValue::Dict(
            members
                .iter()
                .map(|(name, s)| (name.clone(), summary_to_python(s)))
                .collect::<BTreeMap<_, _>>(),
        ),
    }
}
