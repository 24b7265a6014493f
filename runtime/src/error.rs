//! Error values shared by every generated operation.

use std::fmt;

/// An error response the operation's model does not list, or whose code
/// this version of the crate does not know. Nothing the service said is
/// lost: code, message, HTTP status and request id are all kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnhandledError {
    /// The error code (`ThrottlingException`), when the response carried one.
    pub code: Option<String>,
    /// The human-readable message, when the response carried one.
    pub message: Option<String>,
    /// The HTTP status code of the response.
    pub status: u16,
    /// The `x-amzn-requestid` of the response, for AWS support.
    pub request_id: Option<String>,
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code.as_deref().unwrap_or("unknown error");
        write!(f, "{code} (HTTP {})", self.status)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnhandledError {}

/// The `Display` of every modeled error: its code, then its message when
/// there is one. Generated error types call this instead of repeating it.
pub fn fmt_error(f: &mut fmt::Formatter<'_>, code: &str, message: Option<&str>) -> fmt::Result {
    match message {
        Some(message) if !message.is_empty() => write!(f, "{code}: {message}"),
        _ => f.write_str(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Shown<'a>(&'a str, Option<&'a str>);

    impl fmt::Display for Shown<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            fmt_error(f, self.0, self.1)
        }
    }

    #[test]
    fn modeled_errors_show_code_and_message() {
        assert_eq!(Shown("Bad", Some("why")).to_string(), "Bad: why");
        assert_eq!(Shown("Bad", Some("")).to_string(), "Bad");
        assert_eq!(Shown("Bad", None).to_string(), "Bad");
    }

    #[test]
    fn unhandled_errors_keep_everything() {
        let e = UnhandledError {
            code: Some("Teapot".into()),
            message: Some("short and stout".into()),
            status: 418,
            request_id: Some("abc".into()),
        };
        assert_eq!(
            e.to_string(),
            "Teapot (HTTP 418): short and stout [request id abc]"
        );
        assert_eq!(
            UnhandledError::default().to_string(),
            "unknown error (HTTP 0)"
        );
    }
}
