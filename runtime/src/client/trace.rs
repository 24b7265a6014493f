//! A span per call and per attempt, with the `tracing` feature: service,
//! operation, attempt, status and request id, and an event per attempt
//! outcome. Nothing sensitive is recorded: no header, no body, no
//! credential, no input member. Without the feature these types are empty
//! and every method does nothing.

use std::convert::Infallible;

use super::call::CallError;
use super::transport::TransportError;

/// The outcome of an attempt, as the drivers see it.
type AttemptOutcome = Result<http::Response<Vec<u8>>, TransportError>;

/// The span of one call (`awsgen.call`).
#[derive(Debug)]
pub(crate) struct CallTrace {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
    #[cfg(feature = "tracing")]
    attempt: Option<tracing::Span>,
}

impl CallTrace {
    /// Opens the call's span: `service` is the signing name (or the
    /// endpoint's host when unsigned), `operation` the model's name.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn start(service: &str, operation: &'static str) -> Self {
        Self {
            #[cfg(feature = "tracing")]
            span: tracing::debug_span!(
                "awsgen.call",
                service,
                operation,
                attempts = tracing::field::Empty,
                status = tracing::field::Empty,
                request_id = tracing::field::Empty,
            ),
            #[cfg(feature = "tracing")]
            attempt: None,
        }
    }

    /// Opens the span of attempt `number` (closing the previous one).
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn attempt(&mut self, number: u32) {
        #[cfg(feature = "tracing")]
        {
            self.span.record("attempts", number);
            self.attempt = Some(tracing::debug_span!(
                parent: &self.span,
                "awsgen.attempt",
                attempt = number,
                status = tracing::field::Empty,
                request_id = tracing::field::Empty,
            ));
        }
    }

    /// Records what the attempt in progress got back.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn outcome(&self, outcome: &AttemptOutcome, retrying: bool) {
        #[cfg(feature = "tracing")]
        {
            let Some(span) = &self.attempt else {
                return;
            };
            match outcome {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let request_id = crate::response::request_id(response.headers());
                    span.record("status", status);
                    if let Some(id) = &request_id {
                        span.record("request_id", id.as_str());
                    }
                    tracing::debug!(parent: span, status, request_id, retrying, "response");
                }
                Err(error) => {
                    tracing::debug!(parent: span, error = %error, retrying, "no response");
                }
            }
        }
    }

    /// Records how the call ended.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn finish(&self, outcome: &Result<http::Response<Vec<u8>>, CallError<Infallible>>) {
        #[cfg(feature = "tracing")]
        match outcome {
            Ok(response) => {
                self.span.record("status", response.status().as_u16());
                if let Some(id) = crate::response::request_id(response.headers()) {
                    self.span.record("request_id", id.as_str());
                }
            }
            // Errors carry no secret (see `CallError`'s Display).
            Err(error) => tracing::debug!(parent: &self.span, error = %error, "call failed"),
        }
    }
}
