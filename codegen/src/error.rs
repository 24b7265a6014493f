//! Errors about models: each says which file and where in it.

use std::fmt;

/// A problem with an input model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    /// The model file.
    pub file: String,
    /// Where in the file: a JSON Pointer (`/shapes/Foo/members/bar`) or
    /// `line L, column C` for syntax errors.
    pub location: String,
    pub message: String,
}

impl ModelError {
    pub fn new(
        file: impl Into<String>,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> ModelError {
        ModelError {
            file: file.into(),
            location: location.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: at {}: {}", self.file, self.location, self.message)
        }
    }
}

impl std::error::Error for ModelError {}

/// Builds a JSON Pointer (RFC 6901) from path segments.
pub fn json_pointer<'a>(segments: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        out.push_str(&segment.replace('~', "~0").replace('/', "~1"));
    }
    out
}

/// Where a front-end found each part of a model, so format-neutral passes
/// (validation) can point into the original file.
pub trait Locator {
    /// The model file.
    fn file(&self) -> &str;
    fn shape(&self, id: &crate::ir::ShapeId) -> String;
    fn member(&self, id: &crate::ir::ShapeId, member: &str) -> String;
    fn operation(&self, name: &str) -> String;
    /// A part of an operation. Formats lay operations out differently
    /// (botocore: `/operations/X/http/requestUri`; Smithy:
    /// `/shapes/ns#X/traits/smithy.api#http/uri`); the default is botocore's.
    fn operation_part(&self, name: &str, part: OperationPart) -> String {
        let suffix = match part {
            OperationPart::RequestUri => "/http/requestUri".to_owned(),
            OperationPart::Method => "/http/method".to_owned(),
            OperationPart::Input => "/input".to_owned(),
            OperationPart::Output => "/output".to_owned(),
            OperationPart::Error(i) => format!("/errors/{i}"),
            OperationPart::HostPrefix => "/endpoint/hostPrefix".to_owned(),
        };
        format!("{}{suffix}", self.operation(name))
    }
    /// The file and pointer of a part of an operation's pagination.
    /// botocore keeps paginators in a file of their own
    /// (`paginators-1.json`); the default is the model file, at the
    /// operation.
    fn paginated_part(&self, name: &str, part: PaginatedPart) -> (String, String) {
        let _ = part;
        (self.file().to_owned(), self.operation(name))
    }
}

/// The parts of an operation's pagination that validation points at.
/// The index is the position among the names of that kind (botocore
/// writes several tokens or item lists as a JSON array).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaginatedPart {
    InputToken(usize),
    OutputToken(usize),
    PageSize,
    Items(usize),
    MoreResults,
    NonAggregate(usize),
}

/// The parts of an operation that validation points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationPart {
    RequestUri,
    /// The HTTP method.
    Method,
    Input,
    Output,
    /// The error at this index of the operation's error list.
    Error(usize),
    HostPrefix,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes() {
        assert_eq!(json_pointer(["shapes", "a/b~c"]), "/shapes/a~1b~0c");
    }

    #[test]
    fn display_names_file_and_location() {
        let e = ModelError::new("m.json", "/shapes/X", "bad");
        assert_eq!(e.to_string(), "m.json: at /shapes/X: bad");
    }
}
