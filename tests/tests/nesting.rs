//! Deeply nested responses on a small stack: the deepest body the JSON
//! reader accepts ([`MAX_DEPTH`] levels of typed nesting) parses on a
//! thread with a 2 MiB stack (tokio's default for its workers) in a debug
//! build, whose frames are the largest, and one level deeper is a clean
//! malformed-response error, never a stack overflow that aborts the
//! process.
//!
//! The shapes are the recursion fixture's: `WideNode`, a structure of 303
//! members that contains itself directly (boxed), through a list, and
//! through a union that holds it unboxed; the recursive union
//! `Expression`; and documents (an unknown union member is kept as one).

use awsgen_fixtures::recursion::operations::Evaluate;
use awsgen_fixtures::recursion::types::{EvaluateResponse, Expression, WideNode, WideNodeChoice};
use awsgen_runtime::__private::json::MAX_DEPTH;
use awsgen_runtime::{Document, Operation, ResponseError};
use http::{HeaderMap, StatusCode};

/// tokio's default worker stack.
const SMALL_STACK: usize = 2 * 1024 * 1024;

/// A body of `levels` nested values: `pre`, `open` × levels, `leaf`,
/// `close` × levels, `post`.
struct Chain {
    name: &'static str,
    pre: &'static str,
    /// Levels of nesting `pre` opens.
    pre_depth: usize,
    open: String,
    /// Levels of nesting each `open` adds.
    per_level: usize,
    leaf: &'static str,
    /// Levels of nesting of the leaf itself.
    leaf_depth: usize,
    close: &'static str,
    post: &'static str,
}

impl Chain {
    fn body(&self, levels: usize) -> Vec<u8> {
        let mut body = String::from(self.pre);
        for _ in 0..levels {
            body.push_str(&self.open);
        }
        body.push_str(self.leaf);
        for _ in 0..levels {
            body.push_str(self.close);
        }
        body.push_str(self.post);
        body.into_bytes()
    }

    /// The most levels within [`MAX_DEPTH`].
    fn deepest(&self) -> usize {
        (MAX_DEPTH - self.pre_depth - self.leaf_depth) / self.per_level
    }
}

/// Every tenth of the 300 plain members of a `WideNode`, set.
fn wide_fields() -> String {
    (0..300)
        .step_by(10)
        .map(|i| {
            let value = match i % 7 {
                0 => "\"text\"",
                1 | 2 => "42",
                3 => "1.5",
                4 => "true",
                5 => "1576540098",
                _ => "[\"a\", \"b\"]",
            };
            format!("\"Field{i:03}\": {value}, ")
        })
        .collect()
}

fn chains() -> Vec<Chain> {
    let fields = wide_fields();
    let wide = |name, open: &str, per_level, close| Chain {
        name,
        pre: "{\"Wide\": ",
        pre_depth: 1,
        open: format!("{{{fields}{open}"),
        per_level,
        leaf: "{\"Field000\": \"leaf\"}",
        leaf_depth: 1,
        close,
        post: "}",
    };
    let expression = |name, open: &str, per_level, close| Chain {
        name,
        pre: "{\"Result\": ",
        pre_depth: 1,
        open: open.to_owned(),
        per_level,
        leaf: "{\"Literal\": \"leaf\"}",
        leaf_depth: 1,
        close,
        post: "}",
    };
    let document = |name, open: &str, per_level, close| Chain {
        name,
        pre: "{\"Result\": {\"Unknown\": ",
        pre_depth: 2,
        open: open.to_owned(),
        per_level,
        leaf: "1",
        leaf_depth: 0,
        close,
        post: "}}",
    };
    vec![
        wide("structure in itself", "\"Next\": ", 1, "}"),
        wide("structure in a list", "\"Children\": [", 2, "]}"),
        wide("structure in a union", "\"Choice\": {\"Node\": ", 2, "}}"),
        expression("union in itself", "{\"Group\": ", 1, "}"),
        expression("union in a structure", "{\"Not\": {\"Operand\": ", 2, "}}"),
        expression("union in a list", "{\"And\": [", 2, "]}"),
        expression("union in a map", "{\"Named\": {\"k\": ", 2, "}}"),
        document("document arrays", "[", 1, "]"),
        document("document objects", "{\"k\": ", 1, "}"),
        document("documents mixed", "[0, {\"k\": ", 2, "}]"),
    ]
}

fn parse(body: &[u8]) -> Result<EvaluateResponse, String> {
    match Evaluate::parse_response(StatusCode::OK, &HeaderMap::new(), body) {
        Ok(output) => Ok(output),
        Err(ResponseError::Malformed(malformed)) => Err(malformed.error.message().to_owned()),
        Err(other) => panic!("expected an output or a malformed response, got {other:?}"),
    }
}

/// Levels of `Next` below `node`.
fn chain_length(node: &WideNode) -> usize {
    let mut length = 0;
    let mut node = node;
    while let Some(next) = &node.next {
        length += 1;
        node = next;
    }
    length
}

#[test]
fn the_deepest_accepted_bodies_parse_on_a_2_mib_stack() {
    let outcome = std::thread::Builder::new()
        .name("2 MiB stack".to_owned())
        .stack_size(SMALL_STACK)
        .spawn(|| {
            for chain in chains() {
                let deepest = chain.deepest();
                let output = parse(&chain.body(deepest))
                    .unwrap_or_else(|e| panic!("{}: {deepest} levels: {e}", chain.name));
                assert!(
                    output.result.is_some() || output.wide.is_some(),
                    "{}",
                    chain.name
                );
                let error = parse(&chain.body(deepest + 1))
                    .map(|_| ())
                    .expect_err(chain.name);
                assert!(
                    error.ends_with(&format!(
                        "nesting deeper than {MAX_DEPTH} levels in a typed value"
                    )),
                    "{}: {error}",
                    chain.name
                );
            }
        })
        .expect("a thread")
        .join();
    assert!(outcome.is_ok(), "a parse panicked");
}

/// The deepest chain of the wide structure is as long as it should be,
/// with its members read at every level.
#[test]
fn the_deepest_wide_chain_keeps_every_level() {
    let chain = &chains()[0];
    let deepest = chain.deepest();
    assert_eq!(deepest, MAX_DEPTH - 2);
    let output = std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(move || {
            let output = parse(&chains()[0].body(deepest)).expect("parses");
            let wide = output.wide.as_ref().expect("the wide member");
            let result = (
                chain_length(wide),
                wide.field010,
                wide.field020.clone(),
                wide.field030,
                wide.next.as_ref().and_then(|next| next.field000.clone()),
            );
            // Dropping is recursive too: it happens on this thread.
            drop(output);
            result
        })
        .expect("a thread")
        .join()
        .expect("no panic");
    assert_eq!(
        output,
        (
            deepest,
            Some(1.5),
            Some(vec!["a".to_owned(), "b".to_owned()]),
            Some(42),
            Some("text".to_owned())
        )
    );
}

/// A union that holds the wide structure unboxed reads it in place.
#[test]
fn a_union_variant_holding_a_structure_is_read() {
    let body = br#"{"Wide": {"Choice": {"Node": {"Field000": "inner", "Choice": {"Text": "t"}}}}}"#;
    let output = parse(body).expect("parses");
    let Some(WideNodeChoice::Node(node)) = output.wide.and_then(|w| w.choice).map(|c| *c) else {
        panic!("expected the Node variant");
    };
    assert_eq!(node.field000.as_deref(), Some("inner"));
    assert_eq!(
        node.choice.map(|c| *c),
        Some(WideNodeChoice::Text("t".to_owned()))
    );
    let body = br#"{"Result": {"future": [1, {"a": null}]}}"#;
    let Some(Expression::Unknown(unknown)) = parse(body).expect("parses").result else {
        panic!("expected an unknown member");
    };
    assert_eq!(unknown.name, "future");
    assert!(matches!(unknown.value, Document::Array(ref items) if items.len() == 2));
}
