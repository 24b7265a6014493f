//! `Content-Type` values restJson1 sends, so that generated code and tests
//! spell them once.
//!
//! Which one applies (the protocol tests `RestJsonHttpPayloadTraitsWithBlob`,
//! `RestJsonStringPayloadRequest`, `RestJsonEnumPayloadRequest` and the
//! JSON-body cases): a JSON body (body members, or a structure, union or
//! document payload) is `application/json`; a blob payload is
//! `application/octet-stream`; a string or enum payload is `text/plain`;
//! a payload member's `mediaType` trait, or a member bound to the
//! `Content-Type` header, overrides these (`RestJsonTestPayloadBlob` sends
//! `image/jpg`). A request with no body has no `Content-Type`.

/// The media type of a JSON document body.
pub const APPLICATION_JSON: &str = "application/json";

/// The media type of a `blob` payload without a `mediaType` trait.
pub const APPLICATION_OCTET_STREAM: &str = "application/octet-stream";

/// The media type of a `string` or `enum` payload without a `mediaType`
/// trait.
pub const TEXT_PLAIN: &str = "text/plain";
