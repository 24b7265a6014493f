//! The one error type of JSON reading.

use std::error::Error;
use std::fmt;

/// Why a JSON body could not be read: the byte offset where reading stopped
/// and what was wrong there.
///
/// One type for syntax errors (truncated input, trailing garbage, invalid
/// UTF-8) and typed errors (a string where an integer belongs, an integer
/// out of range, an invalid timestamp), because the caller handles both the
/// same way: the response cannot be understood. The offset lets a developer
/// find the spot in a logged body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    offset: usize,
    message: String,
}

impl JsonError {
    /// An error at byte `offset` of the input. Readers call
    /// [`JsonReader::error`](super::JsonReader::error), which fills in the
    /// offset; this is for code that has an offset but no reader.
    pub fn new(offset: usize, message: impl Into<String>) -> Self {
        Self {
            offset,
            message: message.into(),
        }
    }

    /// The byte offset in the input where the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What was wrong, without the offset.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid JSON at byte {}: {}", self.offset, self.message)
    }
}

impl Error for JsonError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_accessors() {
        let error = JsonError::new(7, "expected ':'");
        assert_eq!(error.offset(), 7);
        assert_eq!(error.message(), "expected ':'");
        assert_eq!(error.to_string(), "invalid JSON at byte 7: expected ':'");
        assert_eq!(error.clone(), error);
    }
}
