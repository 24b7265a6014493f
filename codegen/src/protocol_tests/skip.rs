//! The skip list: cases generated with `#[ignore = "<reason>"]`.
//!
//! A hand-maintained JSON file beside the generated crate:
//!
//! ```json
//! {
//!   "input": {
//!     "CaseId": {"basis": "botocore-ignore-list", "reason": "why botocore skips it"}
//!   },
//!   "output": {
//!     "OtherId": {"basis": "feature-not-claimed", "feature": "Content-MD5", "reason": "..."}
//!   }
//! }
//! ```
//!
//! A case may be skipped only on one of two grounds, checked at generation
//! time: botocore itself ignores it (its `protocol-tests-ignore-list.json`
//! lists the case, or its suite), or it tests a feature this crate does not
//! claim, named in the entry. Every entry must name a case of the suites,
//! so the list never goes stale silently.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::suite::{Direction, IgnoreList};

/// The file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkipFile {
    #[serde(default)]
    input: BTreeMap<String, Entry>,
    #[serde(default)]
    output: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    basis: Basis,
    /// For `feature-not-claimed`: the feature.
    feature: Option<String>,
    reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Basis {
    BotocoreIgnoreList,
    FeatureNotClaimed,
}

/// The checked skip list: case id → the `#[ignore]` reason, per direction.
#[derive(Debug, Clone, Default)]
pub struct SkipList {
    reasons: BTreeMap<(Direction, String), String>,
}

/// Where a case is, for checking the skip list against the suites and the
/// ignore list.
pub struct CaseRef<'a> {
    pub direction: Direction,
    pub suite: &'a str,
    pub id: &'a str,
}

impl SkipList {
    /// Checks `file` against the suites' cases and botocore's ignore list.
    pub fn check(
        file: &SkipFile,
        cases: &[CaseRef],
        ignore_list: &IgnoreList,
        protocol: &str,
    ) -> Result<SkipList, String> {
        let mut reasons = BTreeMap::new();
        let mut problems = Vec::new();
        for (direction, entries) in [
            (Direction::Input, &file.input),
            (Direction::Output, &file.output),
        ] {
            for (id, entry) in entries {
                let Some(case) = cases
                    .iter()
                    .find(|c| c.direction == direction && c.id == id)
                else {
                    problems.push(format!(
                        "{} case `{id}` is not a case of the {} suites",
                        direction.as_str(),
                        direction.as_str()
                    ));
                    continue;
                };
                if entry.reason.trim().is_empty() {
                    problems.push(format!("`{id}` has no reason"));
                    continue;
                }
                let reason = match entry.basis {
                    Basis::BotocoreIgnoreList => {
                        match ignore_list.ignores(protocol, direction, case.suite, id) {
                            Some(_) => format!("botocore ignores this case: {}", entry.reason),
                            None => {
                                problems.push(format!(
                                    "`{id}` is skipped as ignored by botocore, but botocore's ignore list does not list it or its suite"
                                ));
                                continue;
                            }
                        }
                    }
                    Basis::FeatureNotClaimed => match entry.feature.as_deref() {
                        Some(feature) if !feature.trim().is_empty() => {
                            format!("not claimed: {feature}: {}", entry.reason)
                        }
                        _ => {
                            problems.push(format!(
                                "`{id}` is skipped as a feature not claimed, but names no `feature`"
                            ));
                            continue;
                        }
                    },
                };
                reasons.insert((direction, id.clone()), reason);
            }
        }
        if problems.is_empty() {
            Ok(SkipList { reasons })
        } else {
            Err(problems.join("; "))
        }
    }

    /// The `#[ignore]` reason of a case, if it is skipped.
    pub fn reason(&self, direction: Direction, id: &str) -> Option<&str> {
        self.reasons
            .get(&(direction, id.to_owned()))
            .map(String::as_str)
    }

    /// How many cases are skipped.
    pub fn len(&self) -> usize {
        self.reasons.len()
    }

    pub fn is_empty(&self) -> bool {
        self.reasons.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ignore_list() -> IgnoreList {
        serde_json::from_str(
            r#"{
                "general": {"input": {"suites": ["Suite A"]}},
                "protocols": {"rest-json": {"output": {"cases": ["B1"]}}}
            }"#,
        )
        .unwrap()
    }

    const CASES: [CaseRef; 3] = [
        CaseRef {
            direction: Direction::Input,
            suite: "Suite A",
            id: "A1",
        },
        CaseRef {
            direction: Direction::Output,
            suite: "Suite B",
            id: "B1",
        },
        CaseRef {
            direction: Direction::Output,
            suite: "Suite B",
            id: "B2",
        },
    ];

    fn check(json: &str) -> Result<SkipList, String> {
        let file: SkipFile = serde_json::from_str(json).unwrap();
        SkipList::check(&file, &CASES, &ignore_list(), "rest-json")
    }

    #[test]
    fn entries_backed_by_the_ignore_list_or_a_named_feature() {
        let list = check(
            r#"{
                "input": {"A1": {"basis": "botocore-ignore-list", "reason": "autofill"}},
                "output": {
                    "B1": {"basis": "botocore-ignore-list", "reason": "quirk"},
                    "B2": {"basis": "feature-not-claimed", "feature": "gzip", "reason": "no compression"}
                }
            }"#,
        )
        .unwrap();
        assert_eq!(list.len(), 3);
        assert_eq!(
            list.reason(Direction::Input, "A1"),
            Some("botocore ignores this case: autofill")
        );
        assert_eq!(
            list.reason(Direction::Output, "B2"),
            Some("not claimed: gzip: no compression")
        );
        assert_eq!(list.reason(Direction::Output, "A1"), None);
    }

    #[test]
    fn entries_botocore_does_not_ignore_are_refused() {
        let e = check(r#"{"output": {"B2": {"basis": "botocore-ignore-list", "reason": "x"}}}"#)
            .unwrap_err();
        assert!(e.contains("does not list it"), "{e}");
    }

    #[test]
    fn unknown_cases_and_missing_features_are_refused() {
        let e = check(r#"{"input": {"Nope": {"basis": "botocore-ignore-list", "reason": "x"}}}"#)
            .unwrap_err();
        assert!(e.contains("not a case"), "{e}");
        let e = check(r#"{"output": {"B2": {"basis": "feature-not-claimed", "reason": "x"}}}"#)
            .unwrap_err();
        assert!(e.contains("names no `feature`"), "{e}");
    }
}
