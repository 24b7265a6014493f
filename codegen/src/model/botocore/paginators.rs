//! botocore's `paginators-1.json`, the file beside `service-2.json` that
//! says how each paginated operation pages:
//!
//! ```json
//! {"pagination": {"ListThings": {"input_token": "nextToken", "output_token": "nextToken",
//!   "limit_key": "maxResults", "result_key": "things"}}}
//! ```
//!
//! Tokens and result keys are a name or a list of names; output names
//! may be dotted paths. A few output tokens are JMESPath expressions
//! (`Jobs[-1].JobId`, `NextMarker || Contents[-1].Key`): the shape graph
//! cannot say those, so their operations are listed in
//! `Model::unsupported` and not paginated.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::error::{json_pointer, ModelError, PaginatedPart};
use crate::ir::{Paginated, TokenPair, Unsupported};

/// The file botocore keeps a service's paginators in, beside
/// `service-2.json`.
pub const PAGINATORS_FILE: &str = "paginators-1.json";

/// `paginators-1.json` as the file has it (with where it was read).
pub struct PaginatorsFile {
    /// The path, for errors.
    pub file: String,
    pagination: BTreeMap<String, PaginatorDef>,
}

#[derive(Deserialize)]
struct FileDef {
    #[serde(default)]
    pagination: BTreeMap<String, PaginatorDef>,
}

#[derive(Deserialize)]
struct PaginatorDef {
    input_token: OneOrMany,
    output_token: OneOrMany,
    limit_key: Option<String>,
    result_key: Option<OneOrMany>,
    more_results: Option<String>,
    #[serde(default)]
    non_aggregate_keys: Vec<String>,
}

/// A name, or a JSON array of names.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn names(&self) -> &[String] {
        match self {
            OneOrMany::One(name) => std::slice::from_ref(name),
            OneOrMany::Many(names) => names,
        }
    }

    fn is_list(&self) -> bool {
        matches!(self, OneOrMany::Many(_))
    }
}

/// Reads `paginators-1.json` from the model's folder, if it is there.
pub fn read(model_path: &std::path::Path) -> Result<Option<PaginatorsFile>, ModelError> {
    let path = model_path.with_file_name(PAGINATORS_FILE);
    let file = path.display().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(ModelError::new(
                &file,
                "",
                format!("cannot read the paginators: {e}"),
            ))
        }
    };
    parse(&file, &text).map(Some)
}

/// Parses the text of a `paginators-1.json`; `file` names it in errors.
pub fn parse(file: &str, json: &str) -> Result<PaginatorsFile, ModelError> {
    let parsed: FileDef = crate::model::deserialize(file, json)?;
    Ok(PaginatorsFile {
        file: file.to_owned(),
        pagination: parsed.pagination,
    })
}

/// Where each paginator's parts are in the file, for validation errors.
#[derive(Debug, Clone, Default)]
pub struct PaginatorPointers {
    pub file: String,
    /// (operation, key) of the keys written as a JSON array.
    lists: BTreeSet<(String, &'static str)>,
}

impl PaginatorPointers {
    /// The pointer of a part of `operation`'s paginator.
    pub fn pointer(&self, operation: &str, part: PaginatedPart) -> String {
        let (key, index) = match part {
            PaginatedPart::InputToken(i) => ("input_token", Some(i)),
            PaginatedPart::OutputToken(i) => ("output_token", Some(i)),
            PaginatedPart::PageSize => ("limit_key", None),
            PaginatedPart::Items(i) => ("result_key", Some(i)),
            PaginatedPart::MoreResults => ("more_results", None),
            PaginatedPart::NonAggregate(i) => ("non_aggregate_keys", Some(i)),
        };
        let listed =
            key == "non_aggregate_keys" || self.lists.contains(&(operation.to_owned(), key));
        let index = index.filter(|_| listed).map(|i| i.to_string());
        json_pointer(
            ["pagination", operation, key]
                .into_iter()
                .chain(index.as_deref()),
        )
    }
}

/// What lowering the paginators gives: each operation's pagination,
/// the operations left unpaginated, and the pointers.
pub struct Lowered {
    pub paginated: BTreeMap<String, Paginated>,
    pub unsupported: Vec<Unsupported>,
    pub pointers: PaginatorPointers,
}

/// Lowers the file into the graph's [`Paginated`]. A paginator for an
/// operation `exists` does not know is an error; the members it names
/// are checked later, by validation, with the rest of the graph.
pub fn lower(file: PaginatorsFile, exists: impl Fn(&str) -> bool) -> Result<Lowered, ModelError> {
    let mut lowered = Lowered {
        paginated: BTreeMap::new(),
        unsupported: Vec::new(),
        pointers: PaginatorPointers {
            file: file.file.clone(),
            lists: BTreeSet::new(),
        },
    };
    let err = |segments: &[&str], message: String| {
        ModelError::new(&file.file, json_pointer(segments.iter().copied()), message)
    };
    for (op, def) in &file.pagination {
        if !exists(op) {
            return Err(err(
                &["pagination", op],
                format!("a paginator for `{op}`, which the model does not define"),
            ));
        }
        let keyed = [
            ("input_token", Some(&def.input_token)),
            ("output_token", Some(&def.output_token)),
            ("result_key", def.result_key.as_ref()),
        ];
        for (key, value) in keyed {
            if value.is_some_and(OneOrMany::is_list) {
                lowered.pointers.lists.insert((op.clone(), key));
            }
        }
        let inputs = def.input_token.names();
        let outputs = def.output_token.names();
        if inputs.len() != outputs.len() || inputs.is_empty() {
            return Err(err(
                &["pagination", op],
                format!(
                    "{} input tokens and {} output tokens; each input token needs one output token",
                    inputs.len(),
                    outputs.len()
                ),
            ));
        }
        if let Some(expression) = outputs.iter().find(|path| !is_member_path(path)) {
            lowered.unsupported.push(Unsupported {
                subject: op.clone(),
                feature: format!("pagination by the JMESPath output token `{expression}`"),
            });
            continue;
        }
        let items = def.result_key.as_ref().map_or(&[][..], OneOrMany::names);
        lowered.paginated.insert(
            op.clone(),
            Paginated {
                input_token: Some(inputs[0].clone()),
                output_token: Some(outputs[0].clone()),
                page_size: def.limit_key.clone(),
                items: items.first().cloned(),
                more_tokens: inputs[1..]
                    .iter()
                    .zip(&outputs[1..])
                    .map(|(input, output)| TokenPair {
                        input: input.clone(),
                        output: output.clone(),
                    })
                    .collect(),
                more_items: items.iter().skip(1).cloned().collect(),
                more_results: def.more_results.clone(),
                non_aggregate: def.non_aggregate_keys.clone(),
            },
        );
    }
    Ok(lowered)
}

/// A member name or a dotted path of them (`a.b`), as opposed to a
/// JMESPath expression with indexes or operators.
fn is_member_path(path: &str) -> bool {
    path.split('.').all(|segment| {
        !segment.is_empty()
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowered(json: &str) -> Result<Lowered, ModelError> {
        lower(parse("p.json", json)?, |op| op != "Missing")
    }

    #[test]
    fn reads_names_and_lists() {
        let l = lowered(
            r#"{"pagination": {
                "ListThings": {"input_token": "nextToken", "output_token": "nextToken",
                    "limit_key": "maxResults", "result_key": "things"},
                "ListVersions": {"input_token": ["KeyMarker", "VersionIdMarker"],
                    "output_token": ["NextKeyMarker", "NextVersionIdMarker"],
                    "more_results": "IsTruncated", "result_key": ["Versions", "DeleteMarkers"],
                    "non_aggregate_keys": ["Name"]},
                "Describe": {"input_token": "Marker", "output_token": "Result.Marker"}
            }}"#,
        )
        .unwrap();
        assert!(l.unsupported.is_empty());
        assert_eq!(
            l.paginated["ListThings"],
            Paginated {
                input_token: Some("nextToken".into()),
                output_token: Some("nextToken".into()),
                page_size: Some("maxResults".into()),
                items: Some("things".into()),
                ..Paginated::default()
            }
        );
        assert_eq!(
            l.paginated["ListVersions"],
            Paginated {
                input_token: Some("KeyMarker".into()),
                output_token: Some("NextKeyMarker".into()),
                page_size: None,
                items: Some("Versions".into()),
                more_tokens: vec![TokenPair {
                    input: "VersionIdMarker".into(),
                    output: "NextVersionIdMarker".into()
                }],
                more_items: vec!["DeleteMarkers".into()],
                more_results: Some("IsTruncated".into()),
                non_aggregate: vec!["Name".into()],
            }
        );
        assert_eq!(
            l.paginated["Describe"].output_token.as_deref(),
            Some("Result.Marker")
        );
        assert_eq!(l.paginated["Describe"].items, None);
    }

    #[test]
    fn pointers_follow_the_written_form() {
        let l = lowered(
            r#"{"pagination": {
                "A": {"input_token": "t", "output_token": "t", "result_key": ["x", "y"]},
                "B": {"input_token": ["t", "u"], "output_token": ["t", "u"], "result_key": "x",
                      "non_aggregate_keys": ["n"]}
            }}"#,
        )
        .unwrap();
        let at = |op, part| l.pointers.pointer(op, part);
        assert_eq!(
            at("A", PaginatedPart::InputToken(0)),
            "/pagination/A/input_token"
        );
        assert_eq!(
            at("A", PaginatedPart::Items(1)),
            "/pagination/A/result_key/1"
        );
        assert_eq!(
            at("B", PaginatedPart::OutputToken(1)),
            "/pagination/B/output_token/1"
        );
        assert_eq!(at("B", PaginatedPart::Items(0)), "/pagination/B/result_key");
        assert_eq!(at("B", PaginatedPart::PageSize), "/pagination/B/limit_key");
        assert_eq!(
            at("B", PaginatedPart::NonAggregate(0)),
            "/pagination/B/non_aggregate_keys/0"
        );
    }

    #[test]
    fn jmespath_tokens_are_unsupported() {
        let l = lowered(
            r#"{"pagination": {"ListJobs": {"input_token": "Marker",
                "output_token": "Jobs[-1].JobId", "result_key": "Jobs"}}}"#,
        )
        .unwrap();
        assert!(l.paginated.is_empty());
        assert_eq!(l.unsupported.len(), 1);
        assert_eq!(l.unsupported[0].subject, "ListJobs");
        assert!(
            l.unsupported[0].feature.contains("`Jobs[-1].JobId`"),
            "{}",
            l.unsupported[0].feature
        );
    }

    #[test]
    fn errors_name_the_file_and_pointer() {
        let e =
            lowered(r#"{"pagination": {"Missing": {"input_token": "a", "output_token": "b"}}}"#)
                .err()
                .unwrap();
        assert_eq!(
            e.to_string(),
            "p.json: at /pagination/Missing: a paginator for `Missing`, which the model does not define"
        );
        let e =
            lowered(r#"{"pagination": {"Op": {"input_token": ["a", "b"], "output_token": "b"}}}"#)
                .err()
                .unwrap();
        assert_eq!(e.location, "/pagination/Op");
        assert!(
            e.message.contains("2 input tokens and 1 output tokens"),
            "{e}"
        );
        let e = lowered(r#"{"pagination": {"Op": {"input_token": 3, "output_token": "b"}}}"#)
            .err()
            .unwrap();
        assert_eq!(e.file, "p.json");
        assert!(e.location.starts_with("/pagination/Op/input_token"), "{e}");
        let e = lowered(r#"{"pagination": {"Op": {"output_token": "b"}}}"#)
            .err()
            .unwrap();
        assert!(e.message.contains("input_token"), "{e}");
    }
}
