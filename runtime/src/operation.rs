//! What every generated operation has in common.

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
    /// The HTTP method.
    const METHOD: &'static str;
    /// The request URI template (`/jobs/{jobId}`), for diagnostics and docs.
    const URI_TEMPLATE: &'static str;
}
