//! Binary data: the Smithy `blob` shape.
//!
//! A newtype rather than a bare `Vec<u8>` so that generated code can tell
//! binary members apart from lists of bytes (a `blob` is base64 in JSON, a
//! list of bytes would be an array of numbers) and so that `Debug` output of
//! large payloads stays readable.

use std::fmt;

/// How many bytes `Debug` shows before eliding the rest.
const DEBUG_PREVIEW_BYTES: usize = 64;

/// Binary data of a request or response member, such as a certificate or a
/// file's contents.
///
/// `Debug` shows the bytes as an escaped byte string, `Blob(b"\x00ab")`,
/// and for more than 64 bytes only the first 64 followed by the length,
/// `Blob(b"..."... 1000 bytes)`, so that a megabyte payload does not flood
/// logs while test failures still show what differs. Members marked
/// sensitive are hidden by the generated `Debug` impls, not here.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Blob {
    inner: Vec<u8>,
}

impl Blob {
    /// Wraps any owned or borrowed bytes, so callers need not convert first.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            inner: bytes.into(),
        }
    }

    /// The bytes, for reading without taking ownership.
    pub fn as_bytes(&self) -> &[u8] {
        &self.inner
    }

    /// The bytes, without copying, for callers that keep them.
    pub fn into_inner(self) -> Vec<u8> {
        self.inner
    }

    /// Number of bytes.
    pub fn len(&self) -> usize {
        self.inner.len()
    }

    /// Whether there are no bytes; AWS often treats an empty blob like an
    /// absent one.
    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
}

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = &self.inner[..self.inner.len().min(DEBUG_PREVIEW_BYTES)];
        f.write_str("Blob(b\"")?;
        // `escape_ascii` keeps printable ASCII and writes `\"`, `\\`, `\n`, `\xNN`.
        write!(f, "{}\"", shown.escape_ascii())?;
        if shown.len() < self.inner.len() {
            write!(f, "... {} bytes", self.inner.len())?;
        }
        f.write_str(")")
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.inner
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Self::new(bytes)
    }
}

impl From<&str> for Blob {
    /// The UTF-8 bytes of the text.
    fn from(text: &str) -> Self {
        Self::new(text.as_bytes())
    }
}

impl From<String> for Blob {
    /// The UTF-8 bytes of the text, without copying.
    fn from(text: String) -> Self {
        Self::new(text.into_bytes())
    }
}

impl From<Blob> for Vec<u8> {
    fn from(blob: Blob) -> Self {
        blob.into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_and_accessors() {
        let blob = Blob::new(vec![1, 2, 3]);
        assert_eq!(blob.as_bytes(), &[1, 2, 3]);
        assert_eq!(blob.as_ref(), &[1, 2, 3]);
        assert_eq!(blob.len(), 3);
        assert!(!blob.is_empty());
        assert_eq!(blob.clone().into_inner(), vec![1, 2, 3]);
        assert_eq!(Vec::from(blob.clone()), vec![1, 2, 3]);
        assert_eq!(Blob::from(&[1_u8, 2, 3][..]), blob);
        assert_eq!(Blob::from(vec![1, 2, 3]), blob);
        assert_eq!(Blob::from("hi"), Blob::new(*b"hi"));
        assert_eq!(Blob::from(String::from("hi")), Blob::new("hi"));
        assert!(Blob::default().is_empty());
        assert_eq!(Blob::default().len(), 0);
    }

    #[test]
    fn debug_escapes_short_blobs() {
        assert_eq!(format!("{:?}", Blob::default()), r#"Blob(b"")"#);
        assert_eq!(
            format!("{:?}", Blob::new(*b"a\"\\\n\x00\xff")),
            r#"Blob(b"a\"\\\n\x00\xff")"#
        );
    }

    #[test]
    fn debug_elides_long_blobs() {
        let exactly = Blob::new(vec![b'a'; 64]);
        assert_eq!(
            format!("{exactly:?}"),
            format!("Blob(b\"{}\")", "a".repeat(64))
        );
        let long = Blob::new(vec![b'a'; 1000]);
        assert_eq!(
            format!("{long:?}"),
            format!("Blob(b\"{}\"... 1000 bytes)", "a".repeat(64))
        );
    }
}
