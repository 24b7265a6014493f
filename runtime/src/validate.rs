//! Checking an input against its model before it is sent, as botocore's
//! `ParamValidator` (`botocore/validate.py`) does.
//!
//! The rules are botocore's, which checks less than the model says on
//! purpose:
//!
//! - a required member must be present. Required members are plain values
//!   in the generated types (always present), so only the ones that are
//!   `Option`s (boxed members) can be missing; idempotency tokens are filled
//!   before validation;
//! - a string (or enum) is at least `min` characters long (Unicode scalar
//!   values, as Python's `len` counts), a list at least `min` elements long,
//!   a number at least `min`. A member bound to the host has an implicit
//!   `min` of 1;
//! - a union has a member set;
//! - and the same inside every nested structure, list element, map key and
//!   map value.
//!
//! Not checked, as in botocore: `max` (of strings, lists or numbers:
//! services raise their limits, and a client that enforced the old ones
//! would refuse inputs the service accepts), map and blob lengths, and
//! `pattern`. The service checks all of them itself.
//!
//! Generated code walks an input with a validator (in the crate's private
//! path), which keeps the path
//! to the value being checked and collects every problem, so one
//! [`ValidationError`] reports them all. Paths use the model's member names
//! (what boto3 users write): `timeoutConfig.inProgressTimeoutInMinutes`,
//! `targets[0]`, `parameters["x"].S`, and `parameters (key: "x")` for a map
//! key.

use std::error::Error;
use std::fmt;

/// Why an input was refused before sending: every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pub(crate) problems: Vec<Problem>,
}

impl ValidationError {
    /// The problems, in the order the input was walked (map entries in
    /// the map's iteration order).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

/// botocore's wording: `Parameter validation failed:` and one line per
/// problem.
impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Parameter validation failed:")?;
        for problem in &self.problems {
            write!(f, "\n{problem}")?;
        }
        Ok(())
    }
}

impl Error for ValidationError {}

/// One value that breaks the model's rules, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The path to the value, by model member names (`timeoutConfig.inProgressTimeoutInMinutes`).
    pub path: String,
    /// What is wrong with it.
    pub kind: ProblemKind,
}

/// What is wrong with a value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A required member is not set.
    Missing,
    /// A string (in characters) or a list (in elements) is shorter than
    /// the model's `min`.
    TooShort {
        /// Its length.
        length: usize,
        /// The least length allowed.
        min: u64,
    },
    /// A number is below the model's `min`.
    TooSmall {
        /// The value, as text.
        value: String,
        /// The least value allowed, as text.
        min: String,
    },
    /// A union has no member set (its `Default`).
    NoUnionMember,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = &self.path;
        match &self.kind {
            ProblemKind::Missing => write!(f, "Missing required parameter {path}"),
            ProblemKind::TooShort { length, min } => write!(
                f,
                "Invalid length for parameter {path}, value: {length}, valid min length: {min}"
            ),
            ProblemKind::TooSmall { value, min } => write!(
                f,
                "Invalid value for parameter {path}, value: {value}, valid min value: {min}"
            ),
            ProblemKind::NoUnionMember => {
                write!(f, "Must set one member of the union parameter {path}")
            }
        }
    }
}

pub(crate) mod walk;
