//! Why a request could not be signed.

use std::error::Error;
use std::fmt;

/// Why [`sign`](super::sign) (or one of its pieces) refused a request.
/// Each variant says what to fix; none carries a credential value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigningError {
    /// The request URI has no host (it is origin-form, `/path?query`) and
    /// the request has no `Host` header, so there is no host to sign.
    NoHost,
    /// A header that would be signed has a value that is not UTF-8 text.
    HeaderNotText {
        /// The header's (lower-case) name.
        name: String,
    },
    /// A value the signer has to send in a header cannot be one (it holds
    /// a control character, or a non-ASCII one where only ASCII may go).
    NotAHeaderValue {
        /// What it is: `access key id`, `session token`, `region`,
        /// `service`.
        what: &'static str,
    },
    /// The signing time cannot be written as `x-amz-date`: it is before
    /// 1970 or after the year 9999.
    TimeOutOfRange,
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cannot sign the request: ")?;
        match self {
            SigningError::NoHost => f.write_str(
                "the URI has no host and there is no Host header \
                 (give an absolute URI, https://host/path, or a Host header)",
            ),
            SigningError::HeaderNotText { name } => {
                write!(f, "the value of header `{name}` is not UTF-8 text")
            }
            SigningError::NotAHeaderValue { what } => write!(
                f,
                "the {what} cannot be sent in a header \
                 (it holds a control character or a non-ASCII character)"
            ),
            SigningError::TimeOutOfRange => f.write_str(
                "the signing time is before 1970 or after 9999 and has no x-amz-date form",
            ),
        }
    }
}

impl Error for SigningError {}
