//! The canonical URI: the request's path, normalized, then encoded again.
//!
//! The path of an `http::Request` is what goes on the wire, already
//! percent-encoded by whoever built it (`RequestBuilder` encodes labels).
//! A service computes the canonical URI from that wire path, so the signer
//! does the same: with `double_uri_encode` it percent-encodes every byte
//! but the unreserved ones and `/` (so `%3A` becomes `%253A`, a raw UTF-8
//! character its `%XX` bytes); without it (S3) the path is signed as it is.

use std::borrow::Cow;

use crate::http_binding::dot_segments::remove_dot_segments;
use crate::http_binding::percent;

/// Appends the canonical form of `path` to `out`.
pub(crate) fn write(out: &mut String, path: &str, normalize: bool, double_encode: bool) {
    let path = if path.is_empty() { "/" } else { path };
    let path = if normalize {
        remove_dot_segments(path)
    } else {
        Cow::Borrowed(path)
    };
    if double_encode {
        encode(out, &path);
    } else {
        out.push_str(&path);
    }
}

/// Appends `path` percent-encoded but for unreserved characters and `/`
/// (the rule of `http_binding::percent` for greedy labels), copying runs of
/// kept characters at once.
fn encode(out: &mut String, path: &str) {
    let bytes = path.as_bytes();
    out.reserve(bytes.len());
    let mut run_start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if percent::is_unreserved(byte) || byte == b'/' {
            continue;
        }
        push_ascii(out, &bytes[run_start..i]);
        percent::push_escape(out, byte);
        run_start = i + 1;
    }
    push_ascii(out, &bytes[run_start..]);
}

/// Appends a run of ASCII bytes.
fn push_ascii(out: &mut String, run: &[u8]) {
    // A run holds only unreserved characters and `/`, so it is text.
    out.push_str(std::str::from_utf8(run).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(path: &str, normalize: bool, double_encode: bool) -> String {
        let mut out = String::new();
        write(&mut out, path, normalize, double_encode);
        out
    }

    #[test]
    fn normalization_as_botocore() {
        for (path, normal) in [
            ("/", "/"),
            ("", "/"),
            ("//", "/"),
            ("/./", "/"),
            ("/.", "/"),
            ("/..", "/"),
            ("/../a", "/a"),
            ("/example/..", "/"),
            ("/example1/example2/../..", "/"),
            ("/./example", "/example"),
            ("//example//", "/example/"),
            ("/a//b/./c/../d/", "/a/b/d/"),
            ("/a/b/..", "/a"),
            ("/a/b/../", "/a/"),
            ("/a/%2E%2E/b", "/a/%2E%2E/b"),
            ("/a/.b/c.", "/a/.b/c."),
            ("/a/", "/a/"),
            ("/a", "/a"),
        ] {
            assert_eq!(remove_dot_segments(path), normal, "{path:?}");
        }
    }

    #[test]
    fn normal_paths_are_borrowed() {
        for path in ["/", "/a", "/a/", "/a/b.c/d~e"] {
            assert!(
                matches!(remove_dot_segments(path), Cow::Borrowed(_)),
                "{path}"
            );
        }
    }

    #[test]
    fn double_encoding_encodes_the_wire_path_again() {
        assert_eq!(
            canonical("/functions/arn%3Aaws%3Alambda/invocations", true, true),
            "/functions/arn%253Aaws%253Alambda/invocations"
        );
        assert_eq!(
            canonical("/test/@connections/JBDvjfGEIAMCERw%3D", true, true),
            "/test/%40connections/JBDvjfGEIAMCERw%253D"
        );
        assert_eq!(canonical("/ሴ", true, true), "/%E1%88%B4");
        assert_eq!(canonical("/-._~az09AZ", true, true), "/-._~az09AZ");
        assert_eq!(canonical("/a b/ሴx%", true, true), "/a%20b/%E1%88%B4x%25");
        // The same rule as labels are encoded with.
        let all: String = (1_u8..128).map(char::from).collect::<String>() + "é😹";
        let mut expected = String::new();
        percent::encode_into(&mut expected, &all, true);
        let mut out = String::new();
        encode(&mut out, &all);
        assert_eq!(out, expected);
    }

    #[test]
    fn single_encoding_signs_the_path_as_sent() {
        assert_eq!(canonical("/a%3Ab/c%20d", false, false), "/a%3Ab/c%20d");
        assert_eq!(canonical("//a/../b", false, false), "//a/../b");
        assert_eq!(canonical("//a/../b", true, false), "/b");
        assert_eq!(canonical("//a/../b", false, true), "//a/../b");
    }
}
