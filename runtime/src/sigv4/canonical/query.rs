//! The canonical query string: every parameter of the request's query,
//! its key and value percent-decoded and encoded again with SigV4's
//! unreserved set, sorted by key and then value.
//!
//! Decoding first makes the result independent of how the query was
//! encoded (`%7E` or `~`, `%e1` or `%E1`, raw UTF-8), as the service's own
//! computation from the decoded parameters is. A `+` is a literal plus
//! (`%2B`), never a space: AWS's query encoding never writes spaces as
//! `+`. A `%` not followed by two hex digits is a literal `%`. A parameter
//! without `=` has the empty value (`key=`); empty parameters (`a&&b`) are
//! not parameters.

use crate::http_binding::percent;

/// Appends the canonical form of the raw query `query` (without `?`).
pub(crate) fn write(out: &mut String, query: &str) {
    if query.is_empty() {
        return;
    }
    let mut params: Vec<(String, String)> = query
        .split('&')
        .filter(|param| !param.is_empty())
        .map(|param| {
            let (key, value) = param.split_once('=').unwrap_or((param, ""));
            (reencode(key), reencode(value))
        })
        .collect();
    // Byte order of the encoded text, key first; equal pairs are equal
    // bytes, so an unstable sort cannot reorder anything observable.
    params.sort_unstable();
    for (i, (key, value)) in params.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        out.push_str(value);
    }
}

/// `component` percent-decoded, then encoded with the unreserved set.
fn reencode(component: &str) -> String {
    let bytes = component.as_bytes();
    if bytes.iter().all(|&b| percent::is_unreserved(b)) {
        return component.to_owned();
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    let mut i = 0;
    while i < bytes.len() {
        let (byte, width) = match percent::escape_at(bytes, i) {
            Some(decoded) => (decoded, 3),
            None => (bytes[i], 1),
        };
        if percent::is_unreserved(byte) {
            out.push(char::from(byte));
        } else {
            percent::push_escape(&mut out, byte);
        }
        i += width;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(query: &str) -> String {
        let mut out = String::new();
        write(&mut out, query);
        out
    }

    #[test]
    fn sorted_by_key_then_value() {
        assert_eq!(
            canonical("Param2=value2&Param1=value1"),
            "Param1=value1&Param2=value2"
        );
        assert_eq!(
            canonical("Param1=value2&Param1=Value1"),
            "Param1=Value1&Param1=value2"
        );
        assert_eq!(
            canonical("Param-3=Value3&Param=Value2&%E1%88%B4=Value1"),
            "%E1%88%B4=Value1&Param=Value2&Param-3=Value3"
        );
    }

    #[test]
    fn empty_values_and_empty_parameters() {
        assert_eq!(canonical(""), "");
        assert_eq!(canonical("a"), "a=");
        assert_eq!(canonical("a="), "a=");
        assert_eq!(canonical("b&&a=1&"), "a=1&b=");
        assert_eq!(canonical("=v"), "=v");
    }

    #[test]
    fn decoded_and_encoded_again() {
        assert_eq!(canonical("ሴ=bar"), "%E1%88%B4=bar");
        assert_eq!(canonical("k=%7e%e1%88%b4"), "k=~%E1%88%B4");
        assert_eq!(canonical("k=a+b"), "k=a%2Bb");
        assert_eq!(canonical("k=a=b"), "k=a%3Db");
        assert_eq!(canonical("k=%2"), "k=%252");
        assert_eq!(canonical("k=%zz"), "k=%25zz");
        assert_eq!(canonical("k=a%20b/c"), "k=a%20b%2Fc");
        assert_eq!(canonical("k=%FF"), "k=%FF");
        let unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let query = format!("{unreserved}={unreserved}");
        assert_eq!(canonical(&query), query);
    }
}
