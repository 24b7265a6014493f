//! What the request serializers and response parsers both need to know
//! about the wire form of shapes: which structures need JSON code in which
//! direction, JSON keys, timestamp formats, and how scalars become text.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Context;
use crate::ir::{
    Binding, HttpMessage, Member, ShapeId, ShapeKind, Structure, TimestampFormat, WireMember,
};
use crate::naming::ident;

/// What a shape that needs JSON code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonShape {
    Structure,
    Union,
    /// Never in [`Context::json_shapes`]: only structures and unions are.
    Neither,
}

/// The direction JSON code is needed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Request bodies: operation inputs.
    Write,
    /// Response bodies: operation outputs and errors.
    Read,
}

impl<'a> Context<'a> {
    /// The structure behind an operation's input, output or error, if it is
    /// one.
    pub(crate) fn structure(&self, id: &ShapeId) -> Option<&Structure> {
        self.model.structure(id)
    }

    pub(crate) fn kind(&self, id: &ShapeId) -> Option<&ShapeKind> {
        self.model.shape(id).map(|s| &s.kind)
    }

    /// The members of a structure that have a Rust field, from the wire
    /// view, with their field (unsupported ones, such as event streams, are
    /// left out of the types and so of the wire code).
    pub(crate) fn wire_members(
        &self,
        shape: &ShapeId,
    ) -> Vec<(&'a WireMember<'a>, proc_macro2::Ident)> {
        self.view
            .supported(shape)
            .map(|m| (m, ident(self.names.field(shape, &m.name))))
            .collect()
    }

    /// The structures and unions whose JSON impls the service needs in one
    /// direction: everything reachable from a top-level shape's JSON body.
    /// A top-level structure is included only when its whole self is the
    /// body (no HTTP-bound members), so its impl can serve the operation.
    pub(crate) fn json_shapes(&self, direction: Direction) -> BTreeMap<ShapeId, JsonShape> {
        let mut roots: Vec<&ShapeId> = Vec::new();
        for op in self.model.operations.values() {
            let tops: Vec<&ShapeId> = match direction {
                Direction::Write => op.input.iter().collect(),
                Direction::Read => op.output.iter().chain(op.errors.iter()).collect(),
            };
            roots.extend(tops);
        }
        let mut out = BTreeMap::new();
        let mut stack: Vec<ShapeId> = Vec::new();
        for top in roots {
            // Validation makes every input, output and error a structure.
            let Some(s) = self.structure(top) else {
                continue;
            };
            if is_all_body(s, direction) && !s.members.is_empty() {
                stack.push(top.clone());
            } else {
                stack.extend(
                    s.members
                        .iter()
                        .filter(|m| m.binding == Binding::Payload || in_body(m, direction))
                        .map(|m| m.target.clone()),
                );
            }
        }
        while let Some(id) = stack.pop() {
            // Validation resolves every reference.
            let Some(kind) = self.kind(&id) else { continue };
            let json_shape = match kind {
                ShapeKind::Structure(_) => JsonShape::Structure,
                ShapeKind::Union(_) => JsonShape::Union,
                _ => JsonShape::Neither,
            };
            match kind {
                ShapeKind::Structure(s) | ShapeKind::Union(s)
                    if out.insert(id.clone(), json_shape).is_none() =>
                {
                    stack.extend(s.members.iter().map(|m| m.target.clone()));
                }
                ShapeKind::List(l) => stack.push(l.member.clone()),
                ShapeKind::Map(m) => stack.push(m.value.clone()),
                _ => {}
            }
        }
        out
    }

    /// `TimestampFormat::X`, imported.
    pub(crate) fn format_tokens(&self, format: TimestampFormat) -> TokenStream {
        let ty = self.import(crate::naming::Import::TimestampFormat);
        match format {
            TimestampFormat::DateTime => quote!(#ty::DateTime),
            TimestampFormat::HttpDate => quote!(#ty::HttpDate),
            TimestampFormat::EpochSeconds => quote!(#ty::EpochSeconds),
        }
    }
}

/// Whether a top-level member travels in the JSON body in `direction`
/// (see [`Binding::in_body`]).
pub(crate) fn in_body(member: &Member, direction: Direction) -> bool {
    member.binding.in_body(match direction {
        Direction::Write => HttpMessage::Request,
        Direction::Read => HttpMessage::Response,
    })
}

/// Whether every member of a top-level structure lives in the JSON body in
/// `direction`.
pub(crate) fn is_all_body(s: &Structure, direction: Direction) -> bool {
    s.members.iter().all(|m| in_body(m, direction))
}

/// What an emitter writes where validation (`ir/validate.rs`) should have
/// rejected a member's binding: a compile error that names the member, so
/// a gap between the two can never drop a member silently.
pub(crate) fn unsupported_binding(member: &Member, what: &str) -> TokenStream {
    let message = format!(
        "awsgen: member `{}` cannot be {what}; model validation should have rejected it",
        member.name
    );
    quote!(::core::compile_error!(#message))
}

/// The `http::Method` constant of a method validation accepted
/// (`ir::HTTP_METHODS`): `http::Method::PUT`.
pub(crate) fn method_tokens(method: &str) -> TokenStream {
    let constant = crate::naming::ident(method);
    quote::quote!(http::Method::#constant)
}
