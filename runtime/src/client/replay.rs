//! A transport that answers with canned responses, for users' tests.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};

use super::transport::{BoxFuture, HttpClient, TransportError};

/// Answers each request with the next canned outcome, in order, and keeps
/// the requests so a test can assert on them. With no outcome left, it
/// answers with an I/O [`TransportError`] saying so.
///
/// ```
/// use awsgen_runtime::client::ReplayClient;
///
/// let replay = ReplayClient::new([Ok(http::Response::new(b"{}".to_vec()))]);
/// // ... hand `&replay` to the code under test as its `HttpClient`, then:
/// assert!(replay.take_requests().is_empty());
/// ```
#[derive(Debug, Default)]
pub struct ReplayClient {
    outcomes: Mutex<VecDeque<Result<http::Response<Vec<u8>>, TransportError>>>,
    requests: Mutex<Vec<http::Request<Vec<u8>>>>,
}

impl ReplayClient {
    /// A replay of `outcomes`, in order.
    pub fn new(
        outcomes: impl IntoIterator<Item = Result<http::Response<Vec<u8>>, TransportError>>,
    ) -> Self {
        Self {
            outcomes: Mutex::new(outcomes.into_iter().collect()),
            requests: Mutex::default(),
        }
    }

    /// Answers `request` at once (the blocking form of [`HttpClient::call`]).
    ///
    /// # Errors
    ///
    /// The canned transport error, or one saying no outcome is left.
    pub fn respond(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let summary = format!("{} {}", request.method(), request.uri());
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(request);
        let next = self
            .outcomes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop_front();
        next.unwrap_or_else(|| {
            Err(TransportError::io(format!(
                "replay: no canned response left for request {summary}"
            )))
        })
    }

    /// The requests received so far, oldest first; empties the list.
    pub fn take_requests(&self) -> Vec<http::Request<Vec<u8>>> {
        std::mem::take(&mut *self.requests.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// How many canned outcomes are left.
    pub fn remaining(&self) -> usize {
        self.outcomes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

impl HttpClient for ReplayClient {
    fn call(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let outcome = self.respond(request);
        Box::pin(async move { outcome })
    }
}
