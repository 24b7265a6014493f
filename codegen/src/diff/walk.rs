//! The side-by-side walk of one operation's input (or output) in two
//! models: it collects the additions the changelog shows and, on the way,
//! the breaking changes.
//!
//! Shapes are matched by the member path that reaches them, not by shape
//! name, so a renamed string shape is no change while a new member of a
//! structure is one wherever it appears. The walk stops where a pair of
//! shapes is already being compared higher up the path (a recursive
//! structure), which also bounds it.

use std::collections::{BTreeMap, BTreeSet};

use super::{Added, Additions, BreakingChange, BreakingKind, EnumLiteral, Side, TypeSummary};
use crate::ir::{Binding, Member, Model, ShapeId, ShapeKind};

pub(super) struct Walker<'a> {
    old: &'a Model,
    new: &'a Model,
    operation: &'a str,
    side: Side,
    breaking: &'a mut Vec<BreakingChange>,
    /// Member names from the root to the member being compared.
    path: Vec<String>,
    /// Shape pairs being compared on the current path.
    comparing: Vec<(&'a ShapeId, &'a ShapeId)>,
}

impl<'a> Walker<'a> {
    pub(super) fn new(
        old: &'a Model,
        new: &'a Model,
        operation: &'a str,
        side: Side,
        breaking: &'a mut Vec<BreakingChange>,
    ) -> Walker<'a> {
        Walker {
            old,
            new,
            operation,
            side,
            breaking,
            path: Vec::new(),
            comparing: Vec::new(),
        }
    }

    /// Compares the operation's old and new input (or output) shape. A side
    /// that appears counts as a structure whose members are all new; one
    /// that disappears, as one whose members are all removed.
    pub(super) fn root(
        &mut self,
        old: Option<&'a ShapeId>,
        new: Option<&'a ShapeId>,
    ) -> Option<Additions> {
        match (old, new) {
            (Some(old_id), Some(new_id)) => {
                self.check_type(old_id, new_id);
                match self.shapes(old_id, new_id) {
                    Some(Added::Members(additions)) => Some(additions),
                    _ => None,
                }
            }
            (None, Some(new_id)) => {
                let members = structure_members(self.new, new_id);
                Some(self.members(&[], members))
            }
            (Some(old_id), None) => {
                let members = structure_members(self.old, old_id);
                self.members(members, &[]);
                None
            }
            (None, None) => None,
        }
    }

    fn report(&mut self, kind: BreakingKind) {
        self.breaking.push(BreakingChange {
            operation: self.operation.to_owned(),
            side: Some(self.side),
            path: self.path.clone(),
            kind,
        });
    }

    /// What the two shapes gained, reporting what they lost. `None` when
    /// nothing was added, when the shapes are of different kinds (reported
    /// by [`Walker::check_type`] at the member) or when the pair is already
    /// being compared higher up.
    fn shapes(&mut self, old_id: &'a ShapeId, new_id: &'a ShapeId) -> Option<Added> {
        if self.comparing.contains(&(old_id, new_id)) {
            return None;
        }
        let old_kind = &self.old.shape(old_id)?.kind;
        let new_kind = &self.new.shape(new_id)?.kind;
        self.comparing.push((old_id, new_id));
        let added = match (old_kind, new_kind) {
            (ShapeKind::Structure(old), ShapeKind::Structure(new))
            | (ShapeKind::Union(old), ShapeKind::Union(new)) => {
                let additions = self.members(&old.members, &new.members);
                (!additions.is_empty()).then_some(Added::Members(additions))
            }
            (ShapeKind::List(old), ShapeKind::List(new)) => self.shapes(&old.member, &new.member),
            (ShapeKind::Map(old), ShapeKind::Map(new)) => self.shapes(&old.value, &new.value),
            (ShapeKind::Enum(old), ShapeKind::Enum(new)) => self.enum_values(
                old.iter().map(|v| EnumLiteral::Str(v.value.clone())),
                new.iter().map(|v| EnumLiteral::Str(v.value.clone())),
            ),
            (ShapeKind::IntEnum(old), ShapeKind::IntEnum(new)) => self.enum_values(
                old.iter().map(|v| EnumLiteral::Int(v.value)),
                new.iter().map(|v| EnumLiteral::Int(v.value)),
            ),
            _ => None,
        };
        self.comparing.pop();
        added
    }

    /// Compares two member lists by name.
    fn members(&mut self, old: &'a [Member], new: &'a [Member]) -> Additions {
        let mut additions = Additions::new();
        for new_member in new {
            self.path.push(new_member.name.clone());
            match old.iter().find(|m| m.name == new_member.name) {
                None => {
                    if new_member.required && self.side == Side::Request {
                        self.report(BreakingKind::NewRequiredMember);
                    }
                    let summary = summarize(self.new, &new_member.target, &mut Vec::new());
                    additions.insert(new_member.name.clone(), Added::Member(summary));
                }
                Some(old_member) => {
                    self.check_member(old_member, new_member);
                    if let Some(added) = self.shapes(&old_member.target, &new_member.target) {
                        additions.insert(new_member.name.clone(), added);
                    }
                }
            }
            self.path.pop();
        }
        for old_member in old {
            if !new.iter().any(|m| m.name == old_member.name) {
                self.path.push(old_member.name.clone());
                self.report(BreakingKind::MemberRemoved);
                self.path.pop();
            }
        }
        additions
    }

    /// Required-ness, location and type of a member in both versions.
    fn check_member(&mut self, old: &Member, new: &Member) {
        if !old.required && new.required {
            self.report(BreakingKind::BecameRequired);
        }
        // A boxed member is an `Option` either way.
        if old.required && !new.required && !(old.boxed && new.boxed) {
            self.report(BreakingKind::BecameOptional);
        }
        let (old_location, new_location) = (location(old), location(new));
        if old_location != new_location {
            self.report(BreakingKind::LocationChanged {
                old: old_location,
                new: new_location,
            });
        }
        self.check_type(&old.target, &new.target);
    }

    fn check_type(&mut self, old_id: &ShapeId, new_id: &ShapeId) {
        let old_label = type_label(self.old, old_id);
        let new_label = type_label(self.new, new_id);
        if old_label != new_label {
            self.report(BreakingKind::TypeChanged {
                old: old_label,
                new: new_label,
            });
        }
    }

    fn enum_values(
        &mut self,
        old: impl Iterator<Item = EnumLiteral>,
        new: impl Iterator<Item = EnumLiteral>,
    ) -> Option<Added> {
        let old: BTreeSet<EnumLiteral> = old.collect();
        let new: BTreeSet<EnumLiteral> = new.collect();
        for value in old.difference(&new) {
            self.report(BreakingKind::EnumValueRemoved {
                value: value.clone(),
            });
        }
        let added: BTreeSet<EnumLiteral> = new.difference(&old).cloned().collect();
        (!added.is_empty()).then_some(Added::EnumValues(added))
    }
}

fn structure_members<'m>(model: &'m Model, id: &ShapeId) -> &'m [Member] {
    match model.shape(id).map(|s| &s.kind) {
        Some(ShapeKind::Structure(s) | ShapeKind::Union(s)) => &s.members,
        _ => &[],
    }
}

/// The changelog's type of a new member: its botocore type name, or the
/// members of a structure, looking through lists and maps. `expanding`
/// holds the structures being expanded, so a recursive one stops at
/// `'structure'`.
fn summarize<'m>(
    model: &'m Model,
    id: &'m ShapeId,
    expanding: &mut Vec<&'m ShapeId>,
) -> TypeSummary {
    let Some(shape) = model.shape(id) else {
        return TypeSummary::Name("structure");
    };
    match &shape.kind {
        ShapeKind::Structure(s) | ShapeKind::Union(s) => {
            if s.members.is_empty() || expanding.contains(&id) {
                return TypeSummary::Name("structure");
            }
            expanding.push(id);
            let members: BTreeMap<String, TypeSummary> = s
                .members
                .iter()
                .map(|m| (m.name.clone(), summarize(model, &m.target, expanding)))
                .collect();
            expanding.pop();
            TypeSummary::Members(members)
        }
        ShapeKind::List(l) => summarize(model, &l.member, expanding),
        ShapeKind::Map(m) => summarize(model, &m.value, expanding),
        kind => TypeSummary::Name(botocore_type_name(kind)),
    }
}

/// The `type` botocore would give a shape of this kind.
fn botocore_type_name(kind: &ShapeKind) -> &'static str {
    match kind {
        ShapeKind::Structure(_)
        | ShapeKind::Union(_)
        | ShapeKind::Document
        | ShapeKind::Unsupported { .. } => "structure",
        ShapeKind::List(_) => "list",
        ShapeKind::Map(_) => "map",
        ShapeKind::String | ShapeKind::Enum(_) => "string",
        ShapeKind::IntEnum(_) | ShapeKind::Integer => "integer",
        ShapeKind::Boolean => "boolean",
        ShapeKind::Byte => "byte",
        ShapeKind::Short => "short",
        ShapeKind::Long => "long",
        ShapeKind::Float => "float",
        ShapeKind::Double => "double",
        ShapeKind::BigInteger => "bigInteger",
        ShapeKind::BigDecimal => "bigDecimal",
        ShapeKind::Timestamp { .. } => "timestamp",
        ShapeKind::Blob { .. } => "blob",
    }
}

/// A member's type as far as the generated Rust type goes: the kind, and
/// the name of named types (structures, unions, enums), through lists and
/// maps. Two members whose labels differ have different Rust types.
fn type_label(model: &Model, id: &ShapeId) -> String {
    let Some(shape) = model.shape(id) else {
        return format!("missing shape `{id}`");
    };
    match &shape.kind {
        ShapeKind::Structure(_)
        | ShapeKind::Union(_)
        | ShapeKind::Enum(_)
        | ShapeKind::IntEnum(_) => format!("{} `{}`", shape.kind.describe(), id.name()),
        // Validation guarantees lists and maps do not contain themselves.
        ShapeKind::List(l) => format!("list of {}", type_label(model, &l.member)),
        ShapeKind::Map(m) => format!(
            "map of {} to {}",
            type_label(model, &m.key),
            type_label(model, &m.value)
        ),
        kind => kind.describe().to_owned(),
    }
}

/// Where a member travels in an HTTP message, for reports.
fn location(member: &Member) -> String {
    match &member.binding {
        Binding::Body => format!("body member `{}`", member.wire_json_name()),
        Binding::Label(label) => format!("URI label `{label}`"),
        Binding::Query(name) => format!("query parameter `{name}`"),
        Binding::QueryParams => "query parameters map".to_owned(),
        Binding::Header(name) => format!("header `{name}`"),
        Binding::PrefixHeaders(prefix) => format!("headers prefixed `{prefix}`"),
        Binding::StatusCode => "status code".to_owned(),
        Binding::Payload => "payload".to_owned(),
    }
}
