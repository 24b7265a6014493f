//! The query string of a restJson1 request: constant parameters from the
//! URI template, `httpQuery` members, and `httpQueryParams` maps.
//!
//! What the protocol tests and the Smithy spec ask for, and how
//! [`QueryString`] provides it:
//!
//! - Keys and values are percent-encoded like URI labels: all but
//!   `A-Z a-z 0-9 - . _ ~`, so a space is `%20` (never `+`, which some
//!   servers would read as a literal plus) and `&`, `=`, `+`, `%` are
//!   escaped (`RestJsonQueryStringEscaping`).
//! - Parameters appear in the order they are pushed; constant parameters
//!   of the URI template (`/path?foo=bar&hello`) come first and are kept as
//!   written, with or without `=value` (`RestJsonConstantQueryString`,
//!   `RestJsonConstantAndVariableQueryString...`).
//! - A list is a repeated key (`StringList=a&StringList=b`); an empty list
//!   adds nothing (`RestJsonOmitsEmptyListQueryValues`); an empty string is
//!   kept as `Empty=` (`RestJsonSerializesEmptyQueryValue`); an unset member
//!   is simply not pushed.
//! - An `httpQueryParams` map entry never overrides a parameter bound by
//!   its own member or by the template: the spec says such a map "MUST NOT"
//!   take precedence over `httpQuery` (`RestJsonQueryPrecedence`,
//!   `RestJsonQueryStringEscaping`). [`QueryString::push_param`] keeps map
//!   entries aside and drops the shadowed ones when the string is written,
//!   so the result does not depend on the order the members are visited.

use std::fmt;

use super::percent;

/// One encoded parameter with the (decoded) key it is compared by.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Param {
    key: String,
    text: String,
}

/// An ordered query-string builder for one request.
///
/// ```
/// use awsgen_runtime::__private::http_binding::query::QueryString;
///
/// // @http(uri: "/Precedence?mode=fast")
/// let mut query = QueryString::from_template("mode=fast");
/// query.push("bar", "named value");
/// query.push_list("tag", ["a", "b"]);
/// // An httpQueryParams map: `bar` is already bound, so its entry is dropped.
/// query.push_param("bar", "fromMap");
/// query.push_param("qux", "alsoFromMap");
/// assert_eq!(
///     query.to_string(),
///     "mode=fast&bar=named%20value&tag=a&tag=b&qux=alsoFromMap"
/// );
///
/// let mut uri = String::from("/Precedence");
/// query.append_to(&mut uri);
/// assert!(uri.starts_with("/Precedence?mode=fast&"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryString {
    /// Template constants and `httpQuery` members, in push order.
    bound: Vec<Param>,
    /// `httpQueryParams` entries, in push order, filtered when written.
    from_map: Vec<Param>,
}

impl QueryString {
    /// An empty query string, for an operation whose URI template has no
    /// `?`.
    pub fn new() -> Self {
        Self::default()
    }

    /// A query string that starts with the constant parameters of a URI
    /// template: `query` is the template's text after the `?` (a leading
    /// `?` is also accepted), such as `foo=bar&hello`.
    ///
    /// Each `&`-separated parameter is kept as written, `key` or
    /// `key=value`; empty pieces (`a&&b`) are skipped. The model's text is
    /// already URI text, so existing `%XX` escapes are kept rather than
    /// encoded twice, while any character a URI cannot carry (which a valid
    /// model does not have) is percent-encoded, so the result is always a
    /// valid query. Constant parameters count as bound: a map entry with the
    /// same key is dropped.
    pub fn from_template(query: &str) -> Self {
        let query = query.strip_prefix('?').unwrap_or(query);
        let bound = query
            .split('&')
            .filter(|piece| !piece.is_empty())
            .map(|piece| {
                let (key, value) = match piece.split_once('=') {
                    Some((key, value)) => (key, Some(value)),
                    None => (piece, None),
                };
                let mut text = String::new();
                encode_literal_into(&mut text, key);
                if let Some(value) = value {
                    text.push('=');
                    encode_literal_into(&mut text, value);
                }
                Param {
                    key: percent::decode(key).unwrap_or_else(|_| key.to_owned()),
                    text,
                }
            })
            .collect();
        Self {
            bound,
            from_map: Vec::new(),
        }
    }

    /// Adds `key=value` for an `httpQuery` member, both percent-encoded.
    /// An empty `value` gives `key=`; call this only for set members.
    pub fn push(&mut self, key: &str, value: &str) {
        self.bound.push(param(key, value));
    }

    /// Adds `key=value` once per value, in order, for an `httpQuery` member
    /// that is a list; an empty list adds nothing.
    pub fn push_list<I>(&mut self, key: &str, values: I)
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        for value in values {
            self.push(key, value.as_ref());
        }
    }

    /// Adds one entry of an `httpQueryParams` map (call once per value for
    /// a map of lists).
    ///
    /// The entry is dropped if `key` is bound by a template constant or a
    /// [`push`](Self::push)ed member, whether that happens before or after
    /// this call: explicitly bound members take precedence over the map.
    pub fn push_param(&mut self, key: &str, value: &str) {
        self.from_map.push(param(key, value));
    }

    /// Whether `key` (unencoded) is bound by a template constant or a
    /// pushed member, that is, whether a map entry for it would be dropped.
    pub fn contains_key(&self, key: &str) -> bool {
        self.bound.iter().any(|param| param.key == key)
    }

    /// Whether nothing would be written, so the URI needs no `?`.
    pub fn is_empty(&self) -> bool {
        self.bound.is_empty() && self.from_map.is_empty()
    }

    /// Appends `?` and the query string to `uri`, or nothing when the query
    /// string is empty (no dangling `?`).
    pub fn append_to(&self, uri: &mut String) {
        if !self.is_empty() {
            uri.push('?');
            // Writing into a String cannot fail.
            let _ = fmt::Write::write_fmt(uri, format_args!("{self}"));
        }
    }

    /// The parameters to write: bound ones, then unshadowed map entries.
    fn params(&self) -> impl Iterator<Item = &Param> {
        self.bound.iter().chain(
            self.from_map
                .iter()
                .filter(|param| !self.contains_key(&param.key)),
        )
    }
}

/// Writes the query string without the leading `?`: parameters joined by
/// `&`.
impl fmt::Display for QueryString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, param) in self.params().enumerate() {
            if index > 0 {
                f.write_str("&")?;
            }
            f.write_str(&param.text)?;
        }
        Ok(())
    }
}

fn param(key: &str, value: &str) -> Param {
    let mut text = String::with_capacity(key.len() + value.len() + 1);
    percent::encode_into(&mut text, key, false);
    text.push('=');
    percent::encode_into(&mut text, value, false);
    Param {
        key: key.to_owned(),
        text,
    }
}

/// Encodes model-provided query text, keeping well-formed `%XX` escapes.
fn encode_literal_into(out: &mut String, literal: &str) {
    let bytes = literal.as_bytes();
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        if percent::escape_at(bytes, index).is_some() {
            out.push_str(&literal[index..index + 3]);
            index += 3;
        } else {
            if percent::is_unreserved(byte) {
                out.push(char::from(byte));
            } else {
                percent::push_escape(out, byte);
            }
            index += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http_binding::value::{fmt_bool, fmt_f32, fmt_f64, fmt_integer};
    use crate::{DateTime, TimestampFormat};

    fn date_time(secs: i64) -> String {
        DateTime::from_secs(secs)
            .fmt(TimestampFormat::DateTime)
            .expect("in range")
    }

    fn uri(path: &str, query: &QueryString) -> String {
        let mut uri = path.to_owned();
        query.append_to(&mut uri);
        uri
    }

    #[test]
    fn rest_json_all_query_string_types() {
        let mut q = QueryString::new();
        q.push("String", "Hello there");
        q.push_list("StringList", ["a", "b", "c"]);
        q.push_list("StringSet", ["a", "b", "c"]);
        q.push("Byte", &fmt_integer(1_i8));
        q.push("Short", &fmt_integer(2_i16));
        q.push("Integer", &fmt_integer(3_i32));
        q.push_list("IntegerList", [1, 2, 3].map(fmt_integer::<i32>));
        q.push_list("IntegerSet", [1, 2, 3].map(fmt_integer::<i32>));
        q.push("Long", &fmt_integer(4_i64));
        q.push("Float", &fmt_f32(1.1));
        q.push("Double", &fmt_f64(1.1));
        q.push_list("DoubleList", [1.1, 2.1, 3.1].map(fmt_f64));
        q.push("Boolean", fmt_bool(true));
        q.push_list("BooleanList", [true, false, true].map(fmt_bool));
        q.push("Timestamp", &date_time(1));
        q.push_list("TimestampList", [1, 2, 3].map(date_time));
        q.push("Enum", "Foo");
        q.push_list("EnumList", ["Foo", "Baz", "Bar"]);
        q.push("IntegerEnum", &fmt_integer(1));
        q.push_list("IntegerEnumList", [1, 2, 3].map(fmt_integer::<i32>));
        assert_eq!(
            uri("/AllQueryStringTypesInput", &q),
            "/AllQueryStringTypesInput?String=Hello%20there&StringList=a&StringList=b&StringList=c&StringSet=a&StringSet=b&StringSet=c&Byte=1&Short=2&Integer=3&IntegerList=1&IntegerList=2&IntegerList=3&IntegerSet=1&IntegerSet=2&IntegerSet=3&Long=4&Float=1.1&Double=1.1&DoubleList=1.1&DoubleList=2.1&DoubleList=3.1&Boolean=true&BooleanList=true&BooleanList=false&BooleanList=true&Timestamp=1970-01-01T00%3A00%3A01Z&TimestampList=1970-01-01T00%3A00%3A01Z&TimestampList=1970-01-01T00%3A00%3A02Z&TimestampList=1970-01-01T00%3A00%3A03Z&Enum=Foo&EnumList=Foo&EnumList=Baz&EnumList=Bar&IntegerEnum=1&IntegerEnumList=1&IntegerEnumList=2&IntegerEnumList=3"
        );
    }

    #[test]
    fn rest_json_query_string_map() {
        let mut q = QueryString::new();
        q.push_param("QueryParamsStringKeyA", "Foo");
        q.push_param("QueryParamsStringKeyB", "Bar");
        assert_eq!(
            uri("/AllQueryStringTypesInput", &q),
            "/AllQueryStringTypesInput?QueryParamsStringKeyA=Foo&QueryParamsStringKeyB=Bar"
        );
    }

    #[test]
    fn rest_json_query_string_escaping() {
        let value = " %:/?#[]@!$&'()*+,;=😹";
        let mut q = QueryString::new();
        q.push("String", value);
        q.push_param("String", value);
        assert_eq!(
            q.to_string(),
            "String=%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
    }

    #[test]
    fn rest_json_supports_nan_and_infinity_float_query_values() {
        for (float, double, expected) in [
            (f32::NAN, f64::NAN, "Float=NaN&Double=NaN"),
            (
                f32::INFINITY,
                f64::INFINITY,
                "Float=Infinity&Double=Infinity",
            ),
            (
                f32::NEG_INFINITY,
                f64::NEG_INFINITY,
                "Float=-Infinity&Double=-Infinity",
            ),
        ] {
            let mut q = QueryString::new();
            q.push("Float", &fmt_f32(float));
            q.push("Double", &fmt_f64(double));
            // The tests also put the same keys in the map; they must lose.
            q.push_param("Float", &fmt_f32(float));
            q.push_param("Double", &fmt_f64(double));
            assert_eq!(q.to_string(), expected);
        }
    }

    #[test]
    fn rest_json_zero_and_false_query_values() {
        let mut q = QueryString::new();
        q.push("Integer", &fmt_integer(0));
        q.push("Boolean", fmt_bool(false));
        q.push_param("Integer", "0");
        q.push_param("Boolean", "false");
        assert_eq!(q.to_string(), "Integer=0&Boolean=false");
    }

    #[test]
    fn rest_json_constant_and_variable_query_string() {
        // MissingOneValue
        let mut q = QueryString::from_template("foo=bar");
        q.push("baz", "bam");
        assert_eq!(
            uri("/ConstantAndVariableQueryString", &q),
            "/ConstantAndVariableQueryString?foo=bar&baz=bam"
        );
        // AllValues
        q.push("maybeSet", "yes");
        assert_eq!(
            uri("/ConstantAndVariableQueryString", &q),
            "/ConstantAndVariableQueryString?foo=bar&baz=bam&maybeSet=yes"
        );
    }

    #[test]
    fn rest_json_constant_query_string() {
        let q = QueryString::from_template("?foo=bar&hello");
        assert_eq!(
            uri("/ConstantQueryString/hi", &q),
            "/ConstantQueryString/hi?foo=bar&hello"
        );
        assert!(q.contains_key("foo") && q.contains_key("hello"));
    }

    #[test]
    fn rest_json_omits_null_query_and_empty_lists() {
        // RestJsonOmitsNullQuery: nothing pushed, no `?`.
        let mut q = QueryString::new();
        assert!(q.is_empty());
        assert_eq!(
            uri("/OmitsNullSerializesEmptyString", &q),
            "/OmitsNullSerializesEmptyString"
        );
        // RestJsonOmitsEmptyListQueryValues.
        q.push_list("StringList", Vec::<String>::new());
        q.push_list("IntegerList", [0_i32; 0].map(fmt_integer));
        assert_eq!(
            uri("/OmitsSerializingEmptyLists", &q),
            "/OmitsSerializingEmptyLists"
        );
    }

    #[test]
    fn rest_json_serializes_empty_query_value() {
        let mut q = QueryString::new();
        q.push("Empty", "");
        assert_eq!(
            uri("/OmitsNullSerializesEmptyString", &q),
            "/OmitsNullSerializesEmptyString?Empty="
        );
    }

    #[test]
    fn rest_json_query_idempotency_token_auto_fill() {
        let mut q = QueryString::new();
        q.push("token", "00000000-0000-4000-8000-000000000000");
        assert_eq!(
            uri("/QueryIdempotencyTokenAutoFill", &q),
            "/QueryIdempotencyTokenAutoFill?token=00000000-0000-4000-8000-000000000000"
        );
    }

    #[test]
    fn rest_json_query_params_string_list_map() {
        let mut q = QueryString::new();
        q.push("corge", "named");
        for value in ["bar", "qux"] {
            q.push_param("baz", value);
        }
        assert_eq!(
            uri("/StringListMap", &q),
            "/StringListMap?corge=named&baz=bar&baz=qux"
        );
    }

    #[test]
    fn rest_json_query_precedence() {
        let mut q = QueryString::new();
        q.push("bar", "named");
        q.push_param("bar", "fromMap");
        q.push_param("qux", "alsoFromMap");
        assert_eq!(
            uri("/Precedence", &q),
            "/Precedence?bar=named&qux=alsoFromMap"
        );
    }

    #[test]
    fn precedence_does_not_depend_on_push_order() {
        let mut q = QueryString::new();
        q.push_param("bar", "fromMap");
        q.push_param("qux", "alsoFromMap");
        q.push("bar", "named");
        assert_eq!(q.to_string(), "bar=named&qux=alsoFromMap");
    }

    #[test]
    fn template_constants_take_precedence_over_map_entries() {
        let mut q = QueryString::from_template("x-id=GetThing&flag");
        q.push_param("x-id", "other");
        q.push_param("flag", "");
        q.push_param("extra", "1");
        assert_eq!(q.to_string(), "x-id=GetThing&flag&extra=1");
    }

    #[test]
    fn template_literals_keep_escapes_and_encode_the_rest() {
        let q = QueryString::from_template("a%20b=c%2Fd&&sp ace=x y&bad=%zz");
        assert_eq!(q.to_string(), "a%20b=c%2Fd&sp%20ace=x%20y&bad=%25zz");
        // Keys are compared decoded.
        assert!(q.contains_key("a b"));
        assert!(QueryString::from_template("").is_empty());
        assert!(QueryString::from_template("?").is_empty());
    }

    #[test]
    fn keys_are_encoded_too() {
        let mut q = QueryString::new();
        q.push("a&b=c", "d");
        q.push_param("a&b=c", "shadowed");
        assert_eq!(q.to_string(), "a%26b%3Dc=d");
    }
}
