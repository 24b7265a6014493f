//! How top-level structures travel in HTTP messages: which generated
//! function reads or writes each one. Naming (which allocates the
//! functions' names) and the emitters (which write and call them) ask the
//! same questions here, so a function is named exactly when it is emitted.

use super::{Binding, HttpMessage, Model, ShapeId, ShapeKind, Structure};

/// How an operation's output or a modeled error is read from a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseReader {
    /// No generated members: the runtime's `default_body`.
    Default,
    /// Every member is in the JSON body: the runtime's `json_body`, through
    /// the structure's `ReadJson` impl.
    JsonBody,
    /// Some members come from headers, the status code or the payload: a
    /// reader of its own (`read_<type>`), with a body reader of its own
    /// (`read_<type>_body`) when some members are in the JSON body.
    Own { body: bool },
}

/// How an operation's input becomes a request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestBody {
    /// No body member: no body.
    None,
    /// An `httpPayload` member is the body.
    Payload,
    /// Every member is in the JSON body: the input's `WriteJson` impl.
    Whole,
    /// Some members are in the JSON body, others bound elsewhere: a
    /// writer of its own for the body members (`write_<type>_body`).
    Members,
}

impl Model {
    /// Whether a shape has a Rust type: not unsupported, nor a list or map
    /// of something unsupported (members targeting such a shape are left
    /// out of the types, with a note, and so of the wire code).
    pub fn is_supported(&self, id: &ShapeId) -> bool {
        self.is_supported_at(id, 0)
    }

    fn is_supported_at(&self, id: &ShapeId, depth: usize) -> bool {
        // Validation rules out list/map cycles; the bound keeps a bad graph
        // from overflowing the stack all the same.
        if depth > 64 {
            return false;
        }
        match self.shape(id).map(|s| &s.kind) {
            None | Some(ShapeKind::Unsupported { .. }) => false,
            Some(ShapeKind::List(l)) => self.is_supported_at(&l.member, depth + 1),
            Some(ShapeKind::Map(m)) => {
                self.is_supported_at(&m.key, depth + 1) && self.is_supported_at(&m.value, depth + 1)
            }
            Some(_) => true,
        }
    }

    /// How the output or error structure `id` is read from a response;
    /// `None` when it is not a structure (validation rules that out).
    pub fn response_reader(&self, id: &ShapeId) -> Option<ResponseReader> {
        let s = self.structure(id)?;
        let generated = |m: &&super::Member| self.is_supported(&m.target);
        let in_body = |m: &super::Member| m.binding.in_body(HttpMessage::Response);
        Some(if !s.members.iter().any(|m| generated(&m)) {
            ResponseReader::Default
        } else if s.members.iter().all(in_body) {
            ResponseReader::JsonBody
        } else {
            ResponseReader::Own {
                body: s.members.iter().filter(generated).any(in_body),
            }
        })
    }

    /// How the input structure `id` becomes a request body; `None` when it
    /// is not a structure (validation rules that out).
    pub fn request_body(&self, id: &ShapeId) -> Option<RequestBody> {
        let s = self.structure(id)?;
        let in_body = |m: &super::Member| m.binding.in_body(HttpMessage::Request);
        let payload = s
            .members
            .iter()
            .any(|m| m.binding == Binding::Payload && self.is_supported(&m.target));
        Some(if payload {
            RequestBody::Payload
        } else if !s.members.iter().any(in_body) {
            RequestBody::None
        } else if s.members.iter().all(in_body) {
            RequestBody::Whole
        } else {
            RequestBody::Members
        })
    }

    /// The structure behind `id`, if it is one.
    pub fn structure(&self, id: &ShapeId) -> Option<&Structure> {
        match &self.shape(id)?.kind {
            ShapeKind::Structure(s) => Some(s),
            _ => None,
        }
    }
}
