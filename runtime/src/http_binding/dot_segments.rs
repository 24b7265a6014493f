//! URI paths without dot segments: what SigV4's canonical path and the
//! endpoint rule sets' `parseURL` (`normalizedPath`) both need, written
//! once.

use std::borrow::Cow;

/// Removes `.` and `..` segments (RFC 3986 section 5.2.4) and empty
/// segments, as botocore's `normalize_url_path` does: a leading `/` stays,
/// a trailing `/` stays unless nothing is left but the root, `..` at the
/// root stays at the root, and the empty path is `/`.
pub(crate) fn remove_dot_segments(path: &str) -> Cow<'_, str> {
    if path.is_empty() {
        return Cow::Borrowed("/");
    }
    if is_normal(path) {
        return Cow::Borrowed(path);
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    let mut normal = String::with_capacity(path.len());
    if path.starts_with('/') {
        normal.push('/');
    }
    normal.push_str(&segments.join("/"));
    if path.ends_with('/') && !segments.is_empty() {
        normal.push('/');
    }
    Cow::Owned(normal)
}

/// Whether `path` is already normal: absolute, with no `.`, `..` or empty
/// segment except the one a trailing `/` leaves.
fn is_normal(path: &str) -> bool {
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    let mut segments = rest.split('/').peekable();
    while let Some(segment) = segments.next() {
        let last = segments.peek().is_none();
        match segment {
            "." | ".." => return false,
            "" if !last => return false,
            _ => {}
        }
    }
    true
}
