//! Helpers for the HTTP bindings of restJson1 (Smithy `httpLabel`,
//! `httpQuery`, `httpQueryParams`, `httpHeader`): what generated
//! serializers and deserializers call to put members into, and read them
//! out of, the URI and headers of a request or response.
//!
//! | binding | module |
//! | --- | --- |
//! | URI labels `{name}`, `{name+}` | [`label`] |
//! | query string, template constants, `httpQueryParams` precedence | [`query`] |
//! | list headers, HTTP-date lists, base64 `jsonvalue` headers | [`header`] |
//! | numbers and booleans as text (`NaN`, `Infinity`, `1.0`) | [`value`] |
//! | percent-encoding itself | [`percent`] |
//! | `Content-Type` values | [`media`] |
//!
//! Timestamps are written with [`crate::DateTime::fmt`]; the default
//! format depends on the location (labels and query: `date-time`, headers:
//! `http-date`), which the code generator decides.
//!
//! ```
//! use awsgen_runtime::__private::http_binding::{label, query::QueryString, value};
//!
//! // GET /FloatHttpLabels/{float}/{double}?foo=bar
//! let mut uri = format!(
//!     "/FloatHttpLabels/{}/{}",
//!     label::fmt_label(&value::fmt_f32(f32::NAN))?,
//!     label::fmt_label(&value::fmt_f64(1.0))?,
//! );
//! let mut query = QueryString::from_template("foo=bar");
//! query.push("name", "a b");
//! query.append_to(&mut uri);
//! assert_eq!(uri, "/FloatHttpLabels/NaN/1.0?foo=bar&name=a%20b");
//! # Ok::<(), label::LabelError>(())
//! ```

pub(crate) mod dot_segments;
pub mod header;
pub mod label;
pub mod media;
pub mod percent;
pub mod query;
pub mod value;
