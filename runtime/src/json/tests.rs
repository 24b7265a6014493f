//! Tests across the reader, writer and trait impls: a structure written
//! the way the code generator emits them, every row of the pitfalls table
//! in `docs/serialization-design.md`, and property tests.

use std::collections::{BTreeMap, HashMap};

use proptest::prelude::*;

use super::*;
use crate::{BigDecimal, BigInteger, Blob, DateTime, Document, Number, TimestampFormat};

/// A generated string enum, as the code generator emits it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Status {
    InProgress,
    Unknown(crate::UnknownVariantValue),
}

impl Status {
    fn as_str(&self) -> &str {
        match self {
            Status::InProgress => "IN_PROGRESS",
            Status::Unknown(value) => value.as_str(),
        }
    }
}

impl From<&str> for Status {
    fn from(value: &str) -> Self {
        match value {
            "IN_PROGRESS" => Status::InProgress,
            other => Status::Unknown(crate::UnknownVariantValue::new(other)),
        }
    }
}

crate::impl_string_enum!(Status);

/// A structure with one member of each kind, `job_id`, `status`, `size`
/// and `ratio` being required.
#[derive(Clone, Debug, Default, PartialEq)]
struct Example {
    job_id: String,
    status: Status,
    size: i32,
    ratio: f64,
    tags: Option<HashMap<String, String>>,
    limit: Option<i64>,
    created: Option<DateTime>,
    scheduled: Option<DateTime>,
    targets: Option<Vec<String>>,
    sparse: Option<Vec<Option<String>>>,
    sparse_map: Option<HashMap<Status, Option<i32>>>,
    doubles: Option<Vec<f64>>,
    payload: Option<Blob>,
    document: Option<Document>,
    big: Option<BigInteger>,
    decimal: Option<BigDecimal>,
    child: Option<Box<Example>>,
}

// Exactly the shape of what the generator emits: one line per member, read
// in place.
impl ReadJson for Example {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let mut out = Self::default();
        Self::read_json_into(r, &mut out)?;
        Ok(out)
    }

    fn read_json_into(r: &mut JsonReader<'_>, out: &mut Self) -> Result<(), JsonError> {
        r.begin_object()?;
        while let Some(key) = r.next_key()? {
            match &*key {
                "jobId" => r.read_into(&mut out.job_id),
                "status" => r.read_into(&mut out.status),
                "size" => r.read_into(&mut out.size),
                "ratio" => r.read_into(&mut out.ratio),
                "tags" => r.read_opt_into(&mut out.tags),
                "limit" => r.read_opt_into(&mut out.limit),
                "created" => r.read_opt_into(&mut out.created),
                "scheduled" => r.read_opt_into(&mut out.scheduled),
                "targets" => r.read_opt_into(&mut out.targets),
                "sparse" => r.read_opt_into(&mut out.sparse),
                "sparseMap" => r.read_opt_into(&mut out.sparse_map),
                "doubles" => r.read_opt_into(&mut out.doubles),
                "payload" => r.read_opt_into(&mut out.payload),
                "document" => r.read_opt_into(&mut out.document),
                "big" => r.read_opt_into(&mut out.big),
                "decimal" => r.read_opt_into(&mut out.decimal),
                "child" => r.read_opt_into(&mut out.child),
                _ => r.skip_value(),
            }?;
        }
        Ok(())
    }
}

/// `Example` as a required member, in a list, in a map, boxed and in a
/// union variant: every way a structure is read in place.
#[derive(Clone, Debug, Default, PartialEq)]
struct Holder {
    required: Example,
    list: Option<Vec<Example>>,
    map: Option<HashMap<String, Example>>,
    boxed: Option<Box<Example>>,
    choice: Option<Choice>,
}

impl ReadJson for Holder {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let mut out = Self::default();
        Self::read_json_into(r, &mut out)?;
        Ok(out)
    }

    fn read_json_into(r: &mut JsonReader<'_>, out: &mut Self) -> Result<(), JsonError> {
        r.begin_object()?;
        while let Some(key) = r.next_key()? {
            match &*key {
                "required" => r.read_into(&mut out.required),
                "list" => r.read_opt_into(&mut out.list),
                "map" => r.read_opt_into(&mut out.map),
                "boxed" => r.read_opt_into(&mut out.boxed),
                "choice" => r.read_opt_into(&mut out.choice),
                _ => r.skip_value(),
            }?;
        }
        Ok(())
    }
}

/// A union as the generator emits it, holding a structure unboxed.
#[derive(Clone, Debug, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "generated unions hold structures of any size"
)]
enum Choice {
    Example(Example),
    Text(String),
    Unknown(crate::UnknownUnionMember),
}

impl Default for Choice {
    fn default() -> Self {
        Choice::Unknown(crate::UnknownUnionMember::default())
    }
}

impl ReadJson for Choice {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let mut out = Self::default();
        Self::read_json_into(r, &mut out)?;
        Ok(out)
    }

    fn read_json_into(r: &mut JsonReader<'_>, out: &mut Self) -> Result<(), JsonError> {
        let mut set = None;
        r.begin_object()?;
        while let Some(key) = r.next_key()? {
            if !r.union_member("Choice", &mut set, &key)? {
                continue;
            }
            match &*key {
                "example" => r.read_variant(out, Self::Example),
                "text" => r.read_variant(out, Self::Text),
                _ => r.read_variant(out, |value| {
                    Self::Unknown(crate::UnknownUnionMember {
                        name: key.into_owned(),
                        value,
                    })
                }),
            }?;
        }
        r.union_end("Choice", set)
    }
}

impl WriteJson for Example {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.member("jobId", &self.job_id);
        w.member("status", &self.status);
        w.member("size", &self.size);
        w.member("ratio", &self.ratio);
        w.member_opt("tags", &self.tags);
        w.member_opt("limit", &self.limit);
        w.member_opt("created", &self.created);
        w.member_timestamp_opt("scheduled", &self.scheduled, TimestampFormat::DateTime);
        w.member_opt("targets", &self.targets);
        w.member_opt("sparse", &self.sparse);
        w.member_opt("sparseMap", &self.sparse_map);
        w.member_opt("doubles", &self.doubles);
        w.member_opt("payload", &self.payload);
        w.member_opt("document", &self.document);
        w.member_opt("big", &self.big);
        w.member_opt("decimal", &self.decimal);
        w.member_opt("child", &self.child);
        w.end_object();
    }
}

fn read(body: &str) -> Example {
    match from_slice(body.as_bytes()) {
        Ok(example) => example,
        Err(error) => panic!("{body}: {error}"),
    }
}

fn read_err<T: ReadJson + Default + std::fmt::Debug>(body: &[u8]) -> JsonError {
    match from_slice::<T>(body) {
        Ok(value) => panic!("{:?} read as {value:?}", String::from_utf8_lossy(body)),
        Err(error) => error,
    }
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_else(|error| panic!("{error}"))
}

fn map<K: std::hash::Hash + Eq, V>(entries: impl IntoIterator<Item = (K, V)>) -> HashMap<K, V> {
    entries.into_iter().collect()
}

/// A value of every member, used for round trips and truncation.
fn full_example() -> Example {
    Example {
        job_id: "job-\"1\"\n\u{2028}é😀".into(),
        status: Status::InProgress,
        size: -3,
        ratio: f64::NEG_INFINITY,
        tags: Some(map([("k".to_owned(), "v".to_owned())])),
        limit: Some(i64::MIN),
        created: Some(DateTime::from_secs_and_nanos(1_576_540_098, 520_000_000)),
        scheduled: Some(DateTime::from_secs_and_nanos(-1, 1)),
        targets: Some(vec!["a".into(), String::new()]),
        sparse: Some(vec![None, Some("x".into()), None]),
        sparse_map: Some(map([
            (Status::InProgress, Some(1)),
            (Status::from("NEW"), None),
        ])),
        doubles: Some(vec![0.1, -0.0, 1e300, f64::INFINITY, 5e-324]),
        payload: Some(Blob::new(vec![0, 255, 7])),
        document: Some(Document::from(vec![
            Document::Null,
            Document::from(u64::MAX),
            Document::from(i64::MIN),
            Document::from(0.5),
            Document::from(BTreeMap::from([("z".to_owned(), Document::from(true))])),
        ])),
        big: "-123456789012345678901234567890".parse().ok(),
        decimal: "1.25e-300".parse().ok(),
        child: Some(Box::new(Example {
            job_id: "child".into(),
            ..Example::default()
        })),
    }
}

/// `Debug` compares NaN-free values including `-0.0` and maps in any order.
fn same(a: &Example, b: &Example) -> bool {
    a == b && format!("{:?}", a.doubles) == format!("{:?}", b.doubles)
}

#[test]
fn example_reads_as_the_generator_will_emit_it() {
    let body = r#"{
        "jobId": "job-1", "status": "IN_PROGRESS", "size": 3, "ratio": 0.5,
        "tags": {"env": "prod", "team": "iot"}, "limit": 10,
        "created": 1576540098.52, "scheduled": "2019-12-16T23:48:18Z",
        "targets": ["arn:1", "arn:2"], "payload": "AP8H",
        "document": {"n": 1, "f": 1.5, "list": [null, "s"]},
        "big": 123456789012345678901234567890, "decimal": "-0.000000000000000000001",
        "child": {"jobId": "inner", "child": {"jobId": "innermost"}}
    }"#;
    let example = read(body);
    assert_eq!(example.job_id, "job-1");
    assert_eq!(example.status, Status::InProgress);
    assert_eq!((example.size, example.ratio), (3, 0.5));
    assert_eq!(
        example.tags,
        Some(map([
            ("env".to_owned(), "prod".to_owned()),
            ("team".to_owned(), "iot".to_owned())
        ]))
    );
    assert_eq!(example.limit, Some(10));
    assert_eq!(
        example.created,
        Some(DateTime::from_secs_and_nanos(1_576_540_098, 520_000_000))
    );
    assert_eq!(example.scheduled, Some(DateTime::from_secs(1_576_540_098)));
    assert_eq!(example.targets, Some(vec!["arn:1".into(), "arn:2".into()]));
    assert_eq!(example.payload, Some(Blob::new(vec![0, 255, 7])));
    assert_eq!(
        example.document,
        Some(Document::from(BTreeMap::from([
            ("n".to_owned(), Document::from(1_u8)),
            ("f".to_owned(), Document::from(1.5)),
            (
                "list".to_owned(),
                Document::from(vec![Document::Null, Document::from("s")])
            ),
        ])))
    );
    assert_eq!(
        example.big.as_ref().map(BigInteger::as_str),
        Some("123456789012345678901234567890")
    );
    assert_eq!(
        example.decimal.as_ref().map(BigDecimal::as_str),
        Some("-0.000000000000000000001")
    );
    let child = example.child.as_deref();
    assert_eq!(child.map(|c| c.job_id.as_str()), Some("inner"));
    let grandchild = child.and_then(|c| c.child.as_deref());
    assert_eq!(grandchild.map(|c| c.job_id.as_str()), Some("innermost"));
}

#[test]
fn example_writes_and_round_trips() {
    let minimal = Example {
        job_id: "j".into(),
        ..Example::default()
    };
    assert_eq!(
        text(&to_vec(&minimal)),
        r#"{"jobId":"j","status":"","size":0,"ratio":0.0}"#
    );
    let full = full_example();
    let body = to_vec(&full);
    let back = from_slice::<Example>(&body);
    assert!(
        back.as_ref().is_ok_and(|back| same(back, &full)),
        "{}\n{back:?}",
        text(&body)
    );
    // The timestamp formats as written.
    let written = text(&body);
    assert!(written.contains(r#""created":1576540098.52,"#), "{written}");
    assert!(
        written.contains(r#""scheduled":"1969-12-31T23:59:59.000000001Z","#),
        "{written}"
    );
    assert!(written.contains(r#""ratio":"-Infinity","#), "{written}");
    // serde_json agrees that it is JSON, and on the values.
    let value: Result<serde_json::Value, _> = serde_json::from_slice(&body);
    let value = value.unwrap_or_else(|error| panic!("{error}: {written}"));
    assert_eq!(value["jobId"], full.job_id.as_str());
    assert_eq!(value["doubles"][3], "Infinity");
    assert_eq!(value["sparse"], serde_json::json!([null, "x", null]));
    assert_eq!(value["sparseMap"]["NEW"], serde_json::Value::Null);
    assert_eq!(value["document"][1], u64::MAX);
}

#[test]
fn empty_bodies_give_the_default() {
    for body in ["", " ", "\n\t\r "] {
        assert_eq!(read(body), Example::default());
        assert_eq!(from_slice::<Document>(body.as_bytes()), Ok(Document::Null));
    }
    assert_eq!(read("{}"), Example::default());
    assert_eq!(read(" { } \n"), Example::default());
}

#[test]
fn unknown_members_are_skipped() {
    let body = r#"{"new": {"a": [null, {"b": "\"}]\\"}], "c": null}, "jobId": "j",
        "other": [1, -2.5e3, true, false, null, "\u00e9"], "x": null, "y": {}, "z": []}"#;
    assert_eq!(read(body).job_id, "j");
}

#[test]
fn unknown_member_nested_100_000_deep_is_skipped() {
    let levels = 100_000;
    let deep = format!(
        r#"{{"unknown": {}null{}, "jobId": "j"}}"#,
        r#"[{"a":"#.repeat(levels),
        "}]".repeat(levels)
    );
    assert_eq!(read(&deep).job_id, "j");
    // Inside a document member, nesting is typed and therefore limited.
    let deep_document = format!(
        r#"{{"document": {}{}}}"#,
        "[".repeat(levels),
        "]".repeat(levels)
    );
    assert_eq!(
        read_err::<Example>(deep_document.as_bytes()).message(),
        "nesting deeper than 128 levels in a typed value"
    );
}

#[test]
fn deep_typed_recursion_is_an_error() {
    let levels = 10_000;
    let deep = format!("{}{}", r#"{"child":"#.repeat(levels), "}".repeat(levels));
    let error = read_err::<Example>(deep.as_bytes());
    assert_eq!(
        error.to_string(),
        "invalid JSON at byte 1152: nesting deeper than 128 levels in a typed value"
    );
    let ok = format!("{}{{}}{}", r#"{"child":"#.repeat(100), "}".repeat(100));
    assert!(from_slice::<Example>(ok.as_bytes()).is_ok());
}

/// Documents, the runtime's own recursive reader: the deepest accepted
/// nesting reads on a 2 MiB thread (tokio's worker default) in this debug
/// build, one level more is an error.
#[test]
fn deepest_documents_fit_a_small_stack() {
    let deepest = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            for (open, close) in [("[", "]"), (r#"{"k":"#, "}"), (r#"[{"k":"#, "}]")] {
                let levels = MAX_DEPTH / open.matches(['[', '{']).count();
                let body = |levels| format!("{}0{}", open.repeat(levels), close.repeat(levels));
                assert!(
                    from_slice::<Document>(body(levels).as_bytes()).is_ok(),
                    "{open}"
                );
                let error = from_slice::<Document>(body(levels + 1).as_bytes()).expect_err(open);
                assert!(error.message().starts_with("nesting deeper"), "{error}");
            }
        })
        .map(|thread| thread.join().is_ok());
    assert_eq!(deepest.ok(), Some(true));
}

#[test]
fn duplicate_keys_last_wins() {
    assert_eq!(read(r#"{"jobId": "a", "jobId": "b"}"#).job_id, "b");
    assert_eq!(read(r#"{"limit": 1, "limit": null}"#).limit, None);
    assert_eq!(
        from_slice::<HashMap<String, i32>>(br#"{"a": 1, "b": 2, "a": 3}"#),
        Ok(map([("a".to_owned(), 3), ("b".to_owned(), 2)]))
    );
    // In a dense map, a later null removes the entry; in a sparse map it
    // replaces it with None.
    assert_eq!(
        from_slice::<HashMap<String, i32>>(br#"{"a": 1, "a": null, "b": null}"#),
        Ok(HashMap::new())
    );
    assert_eq!(
        from_slice::<HashMap<String, Option<i32>>>(br#"{"a": 1, "a": null}"#),
        Ok(map([("a".to_owned(), None)]))
    );
    assert_eq!(
        from_slice::<Document>(br#"{"a": 1, "a": [2]}"#),
        Ok(Document::from(BTreeMap::from([(
            "a".to_owned(),
            Document::from(vec![Document::from(2_u8)])
        )])))
    );
}

/// A structure read in place is a fresh value each time: a duplicate key
/// replaces the earlier value, never merges with it, wherever the
/// structure is (member, list element, map value, box, union variant).
#[test]
fn values_read_in_place_replace_earlier_ones() {
    let holder = |body: &str| match from_slice::<Holder>(body.as_bytes()) {
        Ok(holder) => holder,
        Err(error) => panic!("{body}: {error}"),
    };
    let only_size = Example {
        size: 2,
        ..Example::default()
    };
    let h = holder(r#"{"required": {"jobId": "a", "limit": 1}, "required": {"size": 2}}"#);
    assert_eq!(h.required, only_size);
    let h = holder(r#"{"boxed": {"jobId": "a"}, "boxed": {"size": 2}}"#);
    assert_eq!(h.boxed, Some(Box::new(only_size.clone())));
    let h = holder(r#"{"boxed": {"jobId": "a"}, "boxed": null}"#);
    assert_eq!(h.boxed, None);
    let h = holder(r#"{"map": {"k": {"jobId": "a"}, "k": {"size": 2}}}"#);
    assert_eq!(h.map, Some(map([("k".to_owned(), only_size.clone())])));
    let h = holder(r#"{"list": [{"jobId": "a"}, null, {"size": 2}], "list": [{"size": 2}]}"#);
    assert_eq!(h.list, Some(vec![only_size.clone()]));
    let h = holder(r#"{"choice": {"example": {"jobId": "a"}, "example": {"size": 2}}}"#);
    assert_eq!(h.choice, Some(Choice::Example(only_size.clone())));
    let h = holder(r#"{"choice": {"text": "t"}, "choice": {"example": {"size": 2}}}"#);
    assert_eq!(h.choice, Some(Choice::Example(only_size)));
    // A required member's null keeps what it holds.
    let h = holder(r#"{"required": {"size": 3}, "required": null}"#);
    assert_eq!(h.required.size, 3);
    // A failed read reports where; nothing half-read is returned.
    assert_eq!(
        read_err::<Holder>(br#"{"list": [{"size": 1}, {"size": "x"}]}"#).offset(),
        32
    );
}

/// Exactly one member of a union is set: a `null` member is not set, nor
/// is `__type`; a second member (known or unknown) is an error naming the
/// union and both members; none is an error too.
#[test]
fn a_union_has_exactly_one_member() {
    let choice = |body: &str| from_slice::<Holder>(format!(r#"{{"choice": {body}}}"#).as_bytes());
    assert_eq!(
        choice(r#"{"text": null, "example": null, "__type": "x", "text": "t"}"#).map(|h| h.choice),
        Ok(Some(Choice::Text("t".to_owned())))
    );
    assert_eq!(
        choice(r#"{"text": "a", "text": "b"}"#).map(|h| h.choice),
        Ok(Some(Choice::Text("b".to_owned())))
    );
    let Ok(Holder {
        choice: Some(Choice::Unknown(unknown)),
        ..
    }) = choice(r#"{"later": [1]}"#)
    else {
        panic!("an unknown member");
    };
    assert_eq!(unknown.name, "later");
    for (body, message) in [
        (
            r#"{"text": "a", "example": {}}"#,
            "union `Choice` has more than one member set: `text` and `example`",
        ),
        (
            r#"{"example": {}, "text": null, "later": 1}"#,
            "union `Choice` has more than one member set: `example` and `later`",
        ),
        (r#"{}"#, "union `Choice` has no member set"),
        (r#"{"text": null}"#, "union `Choice` has no member set"),
        (
            r#"{"__type": "Choice"}"#,
            "union `Choice` has no member set",
        ),
    ] {
        let error = choice(body).expect_err(body);
        assert_eq!(error.message(), message, "{body}");
    }
    // The error is at the second member's value.
    assert_eq!(
        choice(r#"{"text": "a", "example": {}}"#)
            .map(|_| ())
            .map_err(|e| e.offset()),
        Err(36)
    );
}

#[test]
fn escaped_keys_match() {
    assert_eq!(read(r#"{"job\u0049d": "x"}"#).job_id, "x");
    assert_eq!(read(r#"{"\u006aobId": "y"}"#).job_id, "y");
}

#[test]
fn null_members() {
    // Optional: None. Required: the default (client error correction).
    let example = read(
        r#"{"jobId": null, "status": null, "size": null, "ratio": null,
            "tags": null, "limit": null, "created": null, "document": null, "child": null}"#,
    );
    assert_eq!(example, Example::default());
    let example = read(r#"{"jobId": "set", "jobId": null, "ratio": 2.5, "ratio": null}"#);
    assert_eq!((example.job_id.as_str(), example.ratio), ("set", 2.5));
    // Missing required members are defaults too; an enum's is Unknown("").
    assert_eq!(read("{}").status.as_str(), "");
}

#[test]
fn nulls_in_collections() {
    let example = read(
        r#"{"targets": [null, "a", null], "sparse": [null, "a", null],
            "tags": {"a": null, "b": "x"}, "sparseMap": {"IN_PROGRESS": null, "OTHER": 2},
            "doubles": [null, 1.5], "document": [null]}"#,
    );
    assert_eq!(example.targets, Some(vec!["a".to_owned()]));
    assert_eq!(example.sparse, Some(vec![None, Some("a".to_owned()), None]));
    assert_eq!(example.tags, Some(map([("b".to_owned(), "x".to_owned())])));
    assert_eq!(
        example.sparse_map,
        Some(map([
            (Status::InProgress, None),
            (Status::from("OTHER"), Some(2))
        ]))
    );
    assert_eq!(example.doubles, Some(vec![1.5]));
    assert_eq!(example.document, Some(Document::from(vec![Document::Null])));
    assert_eq!(
        from_slice::<Vec<Box<Option<i32>>>>(b"[null, 1]"),
        Ok(vec![Box::new(None), Box::new(Some(1))])
    );
    assert_eq!(
        from_slice::<Vec<Vec<i32>>>(b"[null, [null, 1]]"),
        Ok(vec![vec![1]])
    );
}

#[test]
fn non_finite_floats_everywhere() {
    let example = read(r#"{"ratio": "NaN", "doubles": ["Infinity", "-Infinity", "NaN", 1]}"#);
    assert!(example.ratio.is_nan());
    let doubles = example.doubles.unwrap_or_default();
    assert_eq!(doubles[..2], [f64::INFINITY, f64::NEG_INFINITY]);
    assert!(doubles[2].is_nan());
    assert_eq!(doubles[3], 1.0);
    let floats: Result<HashMap<String, f32>, _> =
        from_slice(br#"{"a": "Infinity", "b": "-Infinity", "c": 2.5}"#);
    assert_eq!(
        floats,
        Ok(map([
            ("a".to_owned(), f32::INFINITY),
            ("b".to_owned(), f32::NEG_INFINITY),
            ("c".to_owned(), 2.5)
        ]))
    );
    assert_eq!(
        text(&to_vec(&vec![f64::NAN, f64::INFINITY, -f64::INFINITY])),
        r#"["NaN","Infinity","-Infinity"]"#
    );
    assert_eq!(
        text(&to_vec(&map([("x".to_owned(), f32::NAN)]))),
        r#"{"x":"NaN"}"#
    );
    assert_eq!(text(&to_vec(&vec![1.1_f32])), "[1.1]");
}

#[test]
fn numbers_out_of_range_are_errors() {
    for (body, message) in [
        (r#"{"ratio": 1e400}"#, "1e400 is out of range for a double"),
        (
            r#"{"doubles": [-1e400]}"#,
            "-1e400 is out of range for a double",
        ),
        (
            r#"{"limit": 9223372036854775808}"#,
            "9223372036854775808 is out of range for a 64-bit integer",
        ),
        (
            r#"{"size": 3000000000}"#,
            "3000000000 is out of range for a 32-bit integer",
        ),
        (r#"{"limit": 1.0}"#, "expected an integer, found 1.0"),
        (r#"{"limit": 1e3}"#, "expected an integer, found 1e3"),
        (r#"{"limit": "5"}"#, "expected an integer, found a string"),
        (r#"{"big": 1.5}"#, "\"1.5\" is not a valid big integer"),
        (r#"{"big": "x"}"#, "\"x\" is not a valid big integer"),
        (
            r#"{"decimal": "NaN"}"#,
            "\"NaN\" is not a valid big decimal",
        ),
        (r#"{"decimal": true}"#, "expected a number, found a boolean"),
    ] {
        assert_eq!(
            read_err::<Example>(body.as_bytes()).message(),
            message,
            "{body}"
        );
    }
    assert_eq!(read(r#"{"limit": -0}"#).limit, Some(0));
    assert_eq!(read(r#"{"size": -0}"#).size, 0);
}

#[test]
fn big_numbers_keep_their_text() {
    let example = read(
        r#"{"big": -98765432109876543210987654321, "decimal": 1.000000000000000000000000000001}"#,
    );
    assert_eq!(
        example.big.as_ref().map(BigInteger::as_str),
        Some("-98765432109876543210987654321")
    );
    assert_eq!(
        example.decimal.as_ref().map(BigDecimal::as_str),
        Some("1.000000000000000000000000000001")
    );
    let quoted = read(r#"{"big": "12", "decimal": "-1.5e3"}"#);
    assert_eq!(quoted.big.as_ref().map(BigInteger::as_str), Some("12"));
    assert_eq!(
        quoted.decimal.as_ref().map(BigDecimal::as_str),
        Some("-1.5e3")
    );
    // Written as JSON numbers: a leading `+` and leading zeros are dropped.
    for (input, written) in [
        ("123", "123"),
        ("-123", "-123"),
        ("+123", "123"),
        ("007", "7"),
        ("-007", "-7"),
        ("+0", "0"),
        ("000", "0"),
        ("-0", "-0"),
    ] {
        let big = input.parse::<BigInteger>().ok();
        assert_eq!(big.as_ref().map(to_vec), Some(written.as_bytes().to_vec()));
    }
    for (input, written) in [
        ("1.5", "1.5"),
        ("+00.5", "0.5"),
        ("-00.5e3", "-0.5e3"),
        ("0e0", "0e0"),
        ("0012.5E-3", "12.5E-3"),
        ("-1.25e-300", "-1.25e-300"),
    ] {
        let decimal = input.parse::<BigDecimal>().ok();
        let body = decimal.as_ref().map(to_vec);
        assert_eq!(body.as_deref().map(text), Some(written), "{input}");
        let parsed = body
            .as_ref()
            .map(|body| serde_json::from_slice::<serde_json::Value>(body).is_ok());
        assert_eq!(parsed, Some(true), "{written} is JSON");
    }
}

#[test]
fn timestamps_in_bodies() {
    let expected = Some(DateTime::from_secs(1_717_228_800));
    for value in [
        "1717228800",
        "1.7172288e9",
        r#""1717228800""#,
        r#""2024-06-01T08:00:00Z""#,
        r#""2024-06-01T10:00:00+02:00""#,
        r#""Sat, 01 Jun 2024 08:00:00 GMT""#,
    ] {
        let body = format!(r#"{{"created": {value}, "scheduled": {value}}}"#);
        let example = read(&body);
        assert_eq!(
            (example.created, example.scheduled),
            (expected, expected),
            "{value}"
        );
    }
    assert_eq!(
        read(r#"{"created": 1717228800.123}"#).created,
        Some(DateTime::from_secs_and_nanos(1_717_228_800, 123_000_000))
    );
    for value in ["-1e300", r#""yesterday""#, "true", "[]"] {
        let body = format!(r#"{{"created": {value}}}"#);
        assert_eq!(read_err::<Example>(body.as_bytes()).offset(), 12, "{value}");
    }
    // Written exactly, from the integer parts.
    for (seconds, nanos, written) in [
        (1_576_540_098, 520_000_000, "1576540098.52"),
        (123, 1, "123.000000001"),
        (1_717_228_800, 0, "1717228800"),
    ] {
        let body = to_vec(&DateTime::from_secs_and_nanos(seconds, nanos));
        assert_eq!(text(&body), written);
        assert_eq!(
            from_slice::<DateTime>(&body),
            Ok(DateTime::from_secs_and_nanos(seconds, nanos))
        );
    }
}

#[test]
fn unknown_enum_values_are_kept() {
    let example = read(r#"{"status": "PAUSED_FOREVER"}"#);
    assert_eq!(example.status.as_str(), "PAUSED_FOREVER");
    assert!(text(&to_vec(&example)).contains(r#""status":"PAUSED_FOREVER""#));
}

#[test]
fn blobs() {
    assert_eq!(
        from_slice::<Blob>(br#""Zm9vYmFy""#),
        Ok(Blob::from("foobar"))
    );
    assert_eq!(from_slice::<Blob>(br#""""#), Ok(Blob::default()));
    assert_eq!(to_vec(&Blob::from("foobar")), br#""Zm9vYmFy""#);
    let error = read_err::<Example>(br#"{"payload": "Zm9v!"}"#);
    assert_eq!(
        (error.offset(), error.message()),
        (12, "invalid base64: Invalid symbol 33, offset 4.")
    );
    assert!(from_slice::<Blob>(b"[1, 2]").is_err());
}

#[test]
fn documents() {
    let body = br#"{"a": [1, -1, 0, -0, 1.0, 1e2, 18446744073709551615, 18446744073709551616,
        -9223372036854775808, -9223372036854775809, "s", true, null, {}, []]}"#;
    let document = from_slice::<Document>(body);
    let items = document
        .as_ref()
        .ok()
        .and_then(Document::as_object)
        .and_then(|object| object.get("a"))
        .and_then(Document::as_array)
        .map(<[Document]>::to_vec)
        .unwrap_or_default();
    assert_eq!(
        items,
        [
            Document::Number(Number::PosInt(1)),
            Document::Number(Number::NegInt(-1)),
            Document::Number(Number::PosInt(0)),
            Document::Number(Number::PosInt(0)),
            Document::Number(Number::Float(1.0)),
            Document::Number(Number::Float(100.0)),
            Document::Number(Number::PosInt(u64::MAX)),
            Document::Number(Number::Float(18_446_744_073_709_551_616.0)),
            Document::Number(Number::NegInt(i64::MIN)),
            Document::Number(Number::Float(-9_223_372_036_854_775_809.0)),
            Document::from("s"),
            Document::from(true),
            Document::Null,
            Document::Object(BTreeMap::new()),
            Document::Array(Vec::new()),
        ]
    );
    // Very large numbers do not panic: beyond f64 they are an error.
    let huge = format!("1{}", "0".repeat(400));
    assert_eq!(
        read_err::<Document>(huge.as_bytes()).message(),
        format!("{huge} is out of range for a document number")
    );
    let long = format!("1{}", "0".repeat(300));
    assert_eq!(
        from_slice::<Document>(long.as_bytes()),
        Ok(Document::from(1e300))
    );
    assert_eq!(from_slice::<Document>(b"null"), Ok(Document::Null));
    assert_eq!(
        text(&to_vec(&Document::from(BTreeMap::from([
            (
                "b".to_owned(),
                Document::from(vec![Document::from(-1_i8), Document::from(0.5)])
            ),
            ("a".to_owned(), Document::Null),
        ])))),
        r#"{"a":null,"b":[-1,0.5]}"#
    );
}

#[test]
fn malformed_input_is_an_error() {
    for (body, offset, message) in [
        (
            &br#"{"jobId": 5}"#[..],
            10,
            "expected a string, found a number",
        ),
        (br#"{"tags": []}"#, 9, "expected an object, found an array"),
        (
            br#"{"targets": {}}"#,
            12,
            "expected an array, found an object",
        ),
        (
            br#"{"size": true}"#,
            9,
            "expected an integer, found a boolean",
        ),
        (br#"[]"#, 0, "expected an object, found an array"),
        (b"null", 0, "expected an object, found null"),
        (
            br#"{"jobId": "a"} x"#,
            15,
            "expected the end of the input, found 'x'",
        ),
        (
            br#"{"jobId": "a"}{}"#,
            14,
            "expected the end of the input, found an object",
        ),
        (b"{\"jobId\": \"\xff\"}", 11, "invalid UTF-8 in a string"),
        (
            br#"{"jobId": "\ud800"}"#,
            11,
            "lone surrogate \\ud800 in a string (a high surrogate must be followed by a low one)",
        ),
        (b"\xef\xbb\xbf{}", 0, "expected an object, found byte 0xef"),
    ] {
        let error = read_err::<Example>(body);
        assert_eq!(
            (error.offset(), error.message()),
            (offset, message),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    assert_eq!(
        read_err::<String>(b"null").message(),
        "expected a string, found null"
    );
}

#[test]
fn every_truncation_is_an_error() {
    let body = to_vec(&full_example());
    assert!(body.len() > 400, "a rich sample");
    for len in 1..body.len() {
        let prefix = &body[..len];
        assert!(from_slice::<Example>(prefix).is_err(), "{len}");
        assert!(from_slice::<Document>(prefix).is_err(), "{len}");
        assert!(JsonReader::new(prefix).skip_value().is_err(), "{len}");
    }
    assert!(from_slice::<Example>(&body).is_ok());
    assert!(from_slice::<Document>(&body).is_ok());
}

#[test]
fn collection_and_pointer_impls() {
    assert_eq!(text(&to_vec(&vec![Some(1_i8), None])), "[1,null]");
    assert_eq!(text(&to_vec(&Box::new(3_i16))), "3");
    assert_eq!(text(&to_vec(&&"str")), r#""str""#);
    assert_eq!(text(&to_vec("str")), r#""str""#);
    assert_eq!(text(&to_vec(&[true, false][..])), "[true,false]");
    assert_eq!(text(&to_vec(&Vec::<String>::new())), "[]");
    assert_eq!(text(&to_vec(&HashMap::<String, i64>::new())), "{}");
    assert_eq!(from_slice::<Option<i8>>(b"null"), Ok(None));
    assert_eq!(from_slice::<Option<i8>>(b"-128"), Ok(Some(-128)));
    assert_eq!(from_slice::<Box<bool>>(b"true"), Ok(Box::new(true)));
    assert_eq!(from_slice::<i16>(b" 12 "), Ok(12));
    assert_eq!(from_slice::<f32>(b"0.5"), Ok(0.5));
}

/// `PROPTEST_CASES` raises the number of cases for long runs; the default
/// keeps `cargo test` quick.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default)
}

/// Bytes that are mostly JSON tokens, so that the fuzzing gets past the
/// first byte, mixed with arbitrary bytes.
fn jsonish_bytes() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            "\"jobId\"",
            "\"child\"",
            "\"tags\"",
            "\"document\"",
            "\"created\"",
            "\"k\"",
            "\"s\\n\"",
            "\\u",
            "\\ud83d",
            "\\ude00",
            "0",
            "-1",
            "1.5e3",
            "1e400",
            "null",
            "true",
            "fals",
            " ",
            "\"NaN\"",
            "\"1.5e9\"",
            "\"2024-06-01T08:00:00Z\"",
        ])
        .prop_map(|token| token.as_bytes().to_vec()),
        any::<u8>().prop_map(|byte| vec![byte]),
    ];
    prop::collection::vec(token, 0..48).prop_map(|tokens| tokens.concat())
}

/// Any document with finite numbers, normalized as the reader produces
/// them (non-negative integers are `PosInt`).
fn document() -> impl Strategy<Value = Document> {
    let leaf = prop_oneof![
        Just(Document::Null),
        any::<bool>().prop_map(Document::from),
        any::<u64>().prop_map(Document::from),
        (i64::MIN..0).prop_map(Document::from),
        any::<f64>()
            .prop_filter("finite", |value| value.is_finite())
            .prop_map(Document::from),
        any::<String>().prop_map(Document::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Document::from),
            prop::collection::btree_map(any::<String>(), inner, 0..6).prop_map(Document::from),
        ]
    })
}

/// The same value as serde_json sees it.
fn to_serde(document: &Document) -> serde_json::Value {
    match document {
        Document::Null => serde_json::Value::Null,
        Document::Bool(value) => serde_json::Value::from(*value),
        Document::Number(Number::PosInt(value)) => serde_json::Value::from(*value),
        Document::Number(Number::NegInt(value)) => serde_json::Value::from(*value),
        Document::Number(Number::Float(value)) => serde_json::Number::from_f64(*value)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Document::String(value) => serde_json::Value::from(value.as_str()),
        Document::Array(values) => values.iter().map(to_serde).collect(),
        Document::Object(members) => members
            .iter()
            .map(|(key, value)| (key.clone(), to_serde(value)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

/// Equality, except that floats may differ in the last bits: serde_json
/// without its `float_roundtrip` feature parses some decimals to a
/// neighbouring `f64`.
fn nearly_equal(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() && y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
            // Within a few units in the last place (also for subnormals).
            x == y || (x.signum() == y.signum() && x.to_bits().abs_diff(y.to_bits()) <= 4)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| nearly_equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| nearly_equal(x, y)))
        }
        _ => a == b,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let _ = from_slice::<Document>(&bytes);
        let _ = from_slice::<Example>(&bytes);
        let _ = JsonReader::new(&bytes).skip_value();
        let _ = error_body_fields(&bytes);
    }

    #[test]
    fn jsonish_bytes_never_panic(bytes in jsonish_bytes()) {
        let document = from_slice::<Document>(&bytes);
        let example = from_slice::<Example>(&bytes);
        let mut r = JsonReader::new(&bytes);
        let skipped = r.skip_value().and_then(|()| r.finish());
        let _ = error_body_fields(&bytes);
        // Whatever the reader accepts, serde_json accepts too.
        if document.is_ok() && !bytes.iter().all(u8::is_ascii_whitespace) {
            prop_assert!(serde_json::from_slice::<serde_json::Value>(&bytes).is_ok());
        }
        // Skipping checks syntax only, so a number too large for serde_json's
        // `Value` is the one thing it may accept that serde_json does not.
        if let (Ok(()), Err(error)) = (skipped, serde_json::from_slice::<serde_json::Value>(&bytes)) {
            prop_assert!(error.to_string().starts_with("number out of range"), "{error}");
        }
        let _ = example;
    }

    #[test]
    fn mutated_documents_never_panic(
        document in document(),
        position in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut body = to_vec(&document);
        let index = position.index(body.len());
        body[index] = byte;
        let _ = from_slice::<Document>(&body);
        let _ = from_slice::<Example>(&body);
        let _ = JsonReader::new(&body).skip_value();
    }

    #[test]
    fn documents_round_trip(document in document()) {
        let body = to_vec(&document);
        prop_assert_eq!(from_slice::<Document>(&body), Ok(document.clone()));
        // The output is JSON, and serde_json reads the same value from it.
        let value: serde_json::Value = serde_json::from_slice(&body)
            .map_err(|error| TestCaseError::fail(format!("{error}: {}", String::from_utf8_lossy(&body))))?;
        prop_assert!(
            nearly_equal(&value, &to_serde(&document)),
            "{value} != {document:?}"
        );
        // And the reader reads serde_json's output of the same value.
        let theirs = serde_json::to_vec(&to_serde(&document))
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert_eq!(from_slice::<Document>(&theirs), Ok(document));
    }

    #[test]
    fn strings_round_trip(value in any::<String>()) {
        let body = to_vec(&value);
        prop_assert_eq!(from_slice::<String>(&body), Ok(value.clone()));
        prop_assert_eq!(serde_json::from_slice::<String>(&body).ok(), Some(value.clone()));
        let theirs = serde_json::to_vec(&value).map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert_eq!(from_slice::<String>(&theirs), Ok(value));
    }

    #[test]
    fn f64_round_trips_exactly(bits in any::<u64>(), special in 0..8_u8) {
        let value = match special {
            0 => f64::NAN,
            1 => f64::INFINITY,
            2 => f64::NEG_INFINITY,
            _ => f64::from_bits(bits),
        };
        let back = from_slice::<f64>(&to_vec(&value));
        if value.is_nan() {
            prop_assert!(back.is_ok_and(f64::is_nan));
        } else {
            prop_assert_eq!(back.map(f64::to_bits), Ok(value.to_bits()));
        }
    }

    #[test]
    fn f32_round_trips_exactly(bits in any::<u32>(), special in 0..8_u8) {
        let value = match special {
            0 => f32::NAN,
            1 => f32::INFINITY,
            2 => f32::NEG_INFINITY,
            _ => f32::from_bits(bits),
        };
        let body = to_vec(&value);
        let back = from_slice::<f32>(&body);
        if value.is_nan() {
            prop_assert!(back.is_ok_and(f32::is_nan));
        } else {
            prop_assert_eq!(back.map(f32::to_bits), Ok(value.to_bits()));
            // Shortest form: no longer than what Rust's Display prints.
            prop_assert!(
                !value.is_finite() ||body.len() <= value.to_string().len() + 2, "{}", String::from_utf8_lossy(&body));
        }
    }

    #[test]
    fn integers_round_trip(value in any::<i64>()) {
        prop_assert_eq!(from_slice::<i64>(&to_vec(&value)), Ok(value));
        prop_assert_eq!(from_slice::<Document>(&to_vec(&value)), Ok(Document::from(value)));
    }

    #[test]
    fn timestamps_round_trip(seconds in any::<i64>(), nanos in 0..1_000_000_000_u32) {
        let date_time = DateTime::from_secs_and_nanos(seconds, nanos);
        prop_assert_eq!(from_slice::<DateTime>(&to_vec(&date_time)), Ok(date_time));
        let mut w = JsonWriter::new();
        w.timestamp(&date_time, TimestampFormat::DateTime);
        let back = from_slice::<DateTime>(&w.into_bytes());
        prop_assert_eq!(back, Ok(date_time));
    }

    #[test]
    fn examples_round_trip(
        job_id in any::<String>(),
        size in any::<i32>(),
        tags in prop::collection::hash_map(any::<String>(), any::<String>(), 0..4),
        sparse in prop::collection::vec(prop::option::of(any::<String>()), 0..4),
        payload in prop::collection::vec(any::<u8>(), 0..32),
        document in document(),
    ) {
        let example = Example {
            job_id,
            size,
            tags: Some(tags),
            sparse: Some(sparse),
            payload: Some(Blob::new(payload)),
            // A `null` document member reads back as absent.
            document: Some(document).filter(|document| !document.is_null()),
            ..Example::default()
        };
        prop_assert_eq!(from_slice::<Example>(&to_vec(&example)), Ok(example));
    }
}
