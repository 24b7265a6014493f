//! Where each part of a lowered Smithy model is in its file, for the
//! errors of the format-neutral validation pass.
//!
//! Smithy lays a model out differently from botocore: operations are
//! shapes (`/shapes/ns#Op`), the request URI is a trait value
//! (`/shapes/ns#Op/traits/smithy.api#http/uri`), and a member inherited
//! from a mixin is written in the mixin. The front-end records the exact
//! pointers while lowering; anything not recorded falls back to the
//! pointer the shape id gives.

use std::collections::BTreeMap;

use crate::error::{json_pointer, Locator, OperationPart, PaginatedPart};
use crate::ir::ShapeId;

/// The pointers of one operation's parts.
#[derive(Debug, Clone, Default)]
pub struct OperationPointers {
    pub at: String,
    pub uri: String,
    pub input: String,
    pub output: String,
    /// One per error of the lowered operation, in order (an error the
    /// service adds points into the service's `errors`).
    pub errors: Vec<String>,
    pub host_prefix: String,
    /// Each `paginated` property (`inputToken`, …) by its name: in the
    /// operation's trait, or in the service's when it comes from there.
    pub paginated: BTreeMap<&'static str, String>,
}

/// A [`Locator`] for Smithy JSON AST files.
#[derive(Debug, Clone, Default)]
pub struct SmithyLocator {
    pub file: String,
    shapes: BTreeMap<ShapeId, String>,
    members: BTreeMap<(ShapeId, String), String>,
    operations: BTreeMap<String, OperationPointers>,
}

impl SmithyLocator {
    pub fn new(file: &str) -> SmithyLocator {
        SmithyLocator {
            file: file.to_owned(),
            ..SmithyLocator::default()
        }
    }

    pub(super) fn add_shape(&mut self, id: &ShapeId, at: &str) {
        self.shapes.insert(id.clone(), at.to_owned());
    }

    pub(super) fn add_member(&mut self, id: &ShapeId, member: &str, at: &str) {
        self.members
            .insert((id.clone(), member.to_owned()), at.to_owned());
    }

    pub(super) fn add_operation(&mut self, name: &str, pointers: OperationPointers) {
        self.operations.insert(name.to_owned(), pointers);
    }
}

impl Locator for SmithyLocator {
    fn file(&self) -> &str {
        &self.file
    }

    fn shape(&self, id: &ShapeId) -> String {
        match self.shapes.get(id) {
            Some(at) => at.clone(),
            None => json_pointer(["shapes", &id.0]),
        }
    }

    fn member(&self, id: &ShapeId, member: &str) -> String {
        match self.members.get(&(id.clone(), member.to_owned())) {
            Some(at) => at.clone(),
            None => format!("{}{}", self.shape(id), json_pointer(["members", member])),
        }
    }

    fn operation(&self, name: &str) -> String {
        match self.operations.get(name) {
            Some(op) => op.at.clone(),
            None => json_pointer(["shapes", name]),
        }
    }

    fn operation_part(&self, name: &str, part: OperationPart) -> String {
        let Some(op) = self.operations.get(name) else {
            return self.operation(name);
        };
        match part {
            OperationPart::RequestUri => op.uri.clone(),
            // The `method` beside the `uri` of the same `http` trait.
            OperationPart::Method => match op.uri.strip_suffix("/uri") {
                Some(http) => format!("{http}/method"),
                None => op.at.clone(),
            },
            OperationPart::Input => op.input.clone(),
            OperationPart::Output => op.output.clone(),
            OperationPart::Error(i) => op.errors.get(i).unwrap_or(&op.at).clone(),
            OperationPart::HostPrefix => op.host_prefix.clone(),
        }
    }

    fn paginated_part(&self, name: &str, part: PaginatedPart) -> (String, String) {
        let property = match part {
            PaginatedPart::InputToken(_) => "inputToken",
            PaginatedPart::OutputToken(_) => "outputToken",
            PaginatedPart::PageSize => "pageSize",
            PaginatedPart::Items(_) => "items",
            // botocore only.
            PaginatedPart::MoreResults | PaginatedPart::NonAggregate(_) => "",
        };
        let pointer = self
            .operations
            .get(name)
            .and_then(|op| op.paginated.get(property))
            .cloned()
            .unwrap_or_else(|| self.operation(name));
        (self.file.clone(), pointer)
    }
}
