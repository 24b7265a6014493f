//! A library error kept whole, shown with its whole chain of causes.

use std::error::Error;
use std::fmt;

/// Wraps a transport library's error so that `Display` tells the whole
/// story ("client error (Connect): tcp connect error: Connection refused")
/// where the library's own top-level message says little, while
/// `source()` still gives the original error, for downcasting.
#[derive(Debug)]
pub(crate) struct Described {
    text: String,
    error: Box<dyn Error + Send + Sync + 'static>,
}

impl Described {
    #[cfg(any(feature = "hyper", test))]
    pub(crate) fn new(error: impl Into<Box<dyn Error + Send + Sync + 'static>>) -> Self {
        Self::with_context(String::new(), error)
    }

    /// The same, `context` (if not empty) first: what the transport knows
    /// and the library's error does not say.
    pub(crate) fn with_context(
        context: String,
        error: impl Into<Box<dyn Error + Send + Sync + 'static>>,
    ) -> Self {
        let error = error.into();
        let mut text = context;
        for cause in causes(&*error) {
            let message = cause.to_string();
            // Libraries often repeat their source in their own message.
            if text.contains(&message) {
                continue;
            }
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&message);
        }
        Self { text, error }
    }
}

/// `error` and its sources, outermost first.
pub(crate) fn causes<'a>(
    error: &'a (dyn Error + 'static),
) -> impl Iterator<Item = &'a (dyn Error + 'static)> {
    std::iter::successors(Some(error), |&error| error.source())
}

/// The first `std::io::Error` in `error`'s chain, if any.
#[cfg(any(feature = "hyper", test))]
pub(crate) fn io_error_in<'a>(error: &'a (dyn Error + 'static)) -> Option<&'a std::io::Error> {
    causes(error).find_map(|cause| cause.downcast_ref::<std::io::Error>())
}

impl fmt::Display for Described {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Error for Described {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&*self.error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Outer(std::io::Error);
    impl fmt::Display for Outer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("client error (Connect)")
        }
    }
    impl Error for Outer {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn shows_the_chain_and_keeps_the_error() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let described = Described::new(Outer(io));
        assert_eq!(described.to_string(), "client error (Connect): refused");
        let source = described.source().unwrap();
        assert!(source.is::<Outer>());
        assert_eq!(
            io_error_in(source).map(std::io::Error::kind),
            Some(std::io::ErrorKind::ConnectionRefused)
        );
    }
}
