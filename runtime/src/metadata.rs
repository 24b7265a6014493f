//! What a response says about itself: its HTTP status and the request id
//! AWS support asks for. Every operation output, every modeled error and
//! every operation error enum carries it, so a user can quote the request
//! id of any call, successful or not.

use std::error::Error;

use http::HeaderMap;

/// The HTTP status and request id of the response a value was read from.
///
/// Generated outputs and errors hold one in their `response_metadata`
/// field; a value built by hand (in a user's test) holds the default,
/// which has neither.
///
/// ```
/// use awsgen_runtime::ResponseMetadata;
///
/// let mut headers = http::HeaderMap::new();
/// headers.insert("x-amzn-requestid", "b6f5-41".parse().unwrap());
/// let metadata = ResponseMetadata::read(http::StatusCode::OK, &headers);
/// assert_eq!(metadata.request_id(), Some("b6f5-41"));
/// assert_eq!(metadata.status(), Some(200));
/// assert_eq!(ResponseMetadata::default().request_id(), None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ResponseMetadata {
    /// The HTTP status code of the response.
    pub status: Option<u16>,
    /// The response's `x-amzn-requestid` (else `x-amz-request-id`) header.
    pub request_id: Option<String>,
}

impl ResponseMetadata {
    /// The status and request id of a response.
    pub fn read(status: http::StatusCode, headers: &HeaderMap) -> Self {
        Self {
            status: Some(status.as_u16()),
            request_id: crate::response::request_id(headers),
        }
    }

    /// The request id, for AWS support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status code.
    pub fn status(&self) -> Option<u16> {
        self.status
    }
}

/// Anything that came from a response and can say which: generated
/// outputs, modeled errors, operation error enums, [`UnhandledError`],
/// [`MalformedResponse`] and [`ResponseError`].
///
/// [`UnhandledError`]: crate::UnhandledError
/// [`MalformedResponse`]: crate::MalformedResponse
/// [`ResponseError`]: crate::ResponseError
pub trait HasResponseMetadata {
    /// The request id of the response, for AWS support.
    fn request_id(&self) -> Option<&str>;
    /// The HTTP status code of the response.
    fn http_status(&self) -> Option<u16>;
}

impl HasResponseMetadata for ResponseMetadata {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    fn http_status(&self) -> Option<u16> {
        self.status
    }
}

impl HasResponseMetadata for crate::UnhandledError {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// `None` for the status `0` of a value built by hand.
    fn http_status(&self) -> Option<u16> {
        (self.status != 0).then_some(self.status)
    }
}

impl HasResponseMetadata for crate::MalformedResponse {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    fn http_status(&self) -> Option<u16> {
        Some(self.status)
    }
}

impl<E: HasResponseMetadata> HasResponseMetadata for crate::ResponseError<E> {
    fn request_id(&self) -> Option<&str> {
        match self {
            crate::ResponseError::Service(error) => error.request_id(),
            crate::ResponseError::Malformed(error) => error.request_id(),
        }
    }

    fn http_status(&self) -> Option<u16> {
        match self {
            crate::ResponseError::Service(error) => error.http_status(),
            crate::ResponseError::Malformed(error) => error.http_status(),
        }
    }
}

/// An error the service returned, whatever its type: what each variant of
/// a generated operation error enum holds, so the enum can hand out its
/// error as one trait object.
pub trait ServiceError: Error + HasResponseMetadata + 'static {
    /// The same error as a plain `std::error::Error`.
    fn as_std_error(&self) -> &(dyn Error + 'static);
}

impl<T: Error + HasResponseMetadata + 'static> ServiceError for T {
    fn as_std_error(&self) -> &(dyn Error + 'static) {
        self
    }
}

/// Where the response parser stores a response's metadata into the value
/// read from it. Implemented by [`impl_response_metadata!`]; plumbing for
/// generated code, not for users.
///
/// [`impl_response_metadata!`]: crate::impl_response_metadata
#[doc(hidden)]
pub trait SetResponseMetadata {
    /// Stores `metadata`.
    fn set_response_metadata(&mut self, metadata: ResponseMetadata);
}

impl SetResponseMetadata for ResponseMetadata {
    fn set_response_metadata(&mut self, metadata: ResponseMetadata) {
        *self = metadata;
    }
}

/// A modeled error structure: the response parser gives it the response's
/// metadata and, when the structure's own message member was not in the
/// body under its exact key, the message the error body gave under any of
/// the keys AWS services use. Implemented by [`impl_modeled_error!`].
///
/// [`impl_modeled_error!`]: crate::impl_modeled_error
#[doc(hidden)]
pub trait ModeledError: SetResponseMetadata {
    /// Fills the message when it is unset or empty; does nothing for an
    /// error without a message member.
    fn fill_message(&mut self, message: Option<&str>);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MalformedResponse, ResponseError, UnhandledError};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, http::HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn reads_status_and_request_id() {
        let meta = ResponseMetadata::read(
            http::StatusCode::CREATED,
            &headers(&[("x-amz-request-id", "fallback")]),
        );
        assert_eq!(meta.request_id(), Some("fallback"));
        assert_eq!(meta.http_status(), Some(201));
        assert_eq!(HasResponseMetadata::request_id(&meta), Some("fallback"));
    }

    #[test]
    fn every_error_form_says_where_it_came_from() {
        let unhandled = UnhandledError {
            status: 503,
            request_id: Some("u".into()),
            ..Default::default()
        };
        assert_eq!(unhandled.http_status(), Some(503));
        assert_eq!(UnhandledError::default().http_status(), None);
        let service: ResponseError<UnhandledError> = ResponseError::Service(unhandled);
        assert_eq!(service.request_id(), Some("u"));
        let malformed: ResponseError<UnhandledError> =
            ResponseError::Malformed(MalformedResponse::new(
                http::StatusCode::OK,
                &headers(&[("x-amzn-requestid", "m")]),
                b"{",
                crate::response::ParseError::new("body", "truncated"),
            ));
        assert_eq!(malformed.request_id(), Some("m"));
        assert_eq!(malformed.http_status(), Some(200));
        let as_object: &dyn ServiceError = &UnhandledError::default();
        assert_eq!(
            as_object.as_std_error().to_string(),
            "unknown error (HTTP 0)"
        );
    }
}
