//! What every generated operation has in common.

use crate::request::BuildError;
use crate::response::ResponseError;
use crate::validate::ValidationError;

/// One API operation: a marker type tying its input, output and error
/// types together, so code generic over operations (a client, a test
/// harness, a retry layer) needs no per-operation code.
pub trait Operation {
    /// The request type users build.
    type Input;
    /// The parsed successful response (`()` when the operation returns nothing).
    type Output;
    /// The operation's error enum.
    type Error: std::error::Error;
    /// The operation's name in the model (`CreateJob`).
    const NAME: &'static str;
    /// The HTTP method (a constant: nothing is parsed per request).
    const METHOD: http::Method;
    /// The request URI template (`/jobs/{jobId}`), for diagnostics and docs.
    const URI_TEMPLATE: &'static str;

    /// Sets every idempotency token of the input that is `None` to a fresh
    /// token (a random UUID v4),
    /// leaving tokens the caller set as they are. Nothing for operations
    /// without a token.
    ///
    /// A client that may send a call more than once (retries) calls this
    /// once, before the first attempt, and then
    /// [`build_request`](Self::build_request) for each attempt: every
    /// attempt then carries the same token, which is what lets the service
    /// recognise the repeats. `build_request` alone fills an unset token
    /// with a new one each time it is called.
    ///
    /// ```ignore
    /// let mut input = CreateDimensionRequest { name: "ports".into(), ..Default::default() };
    /// CreateDimension::fill_idempotency_tokens(&mut input);
    /// let first = CreateDimension::build_request(&input)?;
    /// let retry = CreateDimension::build_request(&input)?; // the same token
    /// ```
    fn fill_idempotency_tokens(input: &mut Self::Input) {
        let _ = input;
    }

    /// Checks the input against the model before anything is sent, as
    /// botocore does (see [`validate`](crate::validate) for the rules):
    /// required members present, lengths and numbers not below the
    /// model's `min`, unions set, all the way down. Every problem is
    /// reported, each with its path. The default checks nothing; generated
    /// operations whose input has something to check override it.
    ///
    /// A client calls it once, after
    /// [`fill_idempotency_tokens`](Self::fill_idempotency_tokens) and
    /// before the first attempt (unless
    /// [`ClientConfig::validate`](crate::client::ClientConfig::validate) is
    /// off).
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] listing every problem.
    fn validate(input: &Self::Input) -> Result<(), ValidationError> {
        let _ = input;
        Ok(())
    }

    /// Turns an input into its HTTP request: method, origin-form URI
    /// (`/path?query`, relative to the endpoint), headers and body. No I/O
    /// and no signing: the caller adds the endpoint, the
    /// [`HostPrefix`](crate::HostPrefix) in the request's extensions
    /// if any, and credentials. An idempotency token left `None` is sent as
    /// a fresh one, different on every call (see
    /// [`fill_idempotency_tokens`](Self::fill_idempotency_tokens)).
    ///
    /// # Errors
    ///
    /// A member value that cannot be sent (an empty URI label, a line break
    /// in a header), naming the member.
    fn build_request(input: &Self::Input) -> Result<http::Request<Vec<u8>>, BuildError>;

    /// Turns a response into the operation's output, or its error: a
    /// modeled error, the catch-all `Unhandled`, or a malformed response.
    ///
    /// # Errors
    ///
    /// [`ResponseError::Service`] for an error response,
    /// [`ResponseError::Malformed`] for a response that does not match the
    /// model (with what was wrong and where).
    fn parse_response(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self::Output, ResponseError<Self::Error>>;

    /// [`parse_response`](Self::parse_response) for a whole `http::Response`.
    ///
    /// # Errors
    ///
    /// As [`parse_response`](Self::parse_response).
    fn parse_http_response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Result<Self::Output, ResponseError<Self::Error>> {
        Self::parse_response(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }
}
