//! The walk generated validation functions drive: a [`Validator`] keeps
//! the path to the value being checked and collects every problem.

use std::fmt::Write as _;

use super::{Problem, ProblemKind, ValidationError};

/// Where a check applies, relative to the value being walked: one of its
/// members, a list index, a map key's value, or a map key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A member, by its model name.
    Member(&'a str),
    /// A list element.
    Index(usize),
    /// The value of a map entry.
    Value(&'a str),
    /// The key of a map entry.
    Key(&'a str),
}

impl<'a> From<&'a str> for Step<'a> {
    fn from(member: &'a str) -> Self {
        Step::Member(member)
    }
}

impl From<usize> for Step<'_> {
    fn from(index: usize) -> Self {
        Step::Index(index)
    }
}

/// Walks an input, keeping the path and collecting problems. Generated
/// validation functions call it; [`run`] starts and finishes a walk.
#[derive(Debug, Default)]
pub struct Validator<'a> {
    path: Vec<Step<'a>>,
    problems: Vec<Problem>,
}

impl<'a> Validator<'a> {
    /// A validator at the top of an input, with no problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A required member that is an `Option` must be set.
    pub fn required(&mut self, member: &'a str, present: bool) {
        if !present {
            self.report(Some(Step::Member(member)), ProblemKind::Missing);
        }
    }

    /// A string or enum value is at least `min` characters long.
    pub fn min_chars(&mut self, at: impl Into<Step<'a>>, value: &str, min: u64) {
        let length = value.chars().count();
        if (length as u64) < min {
            self.report(Some(at.into()), ProblemKind::TooShort { length, min });
        }
    }

    /// A list has at least `min` elements.
    pub fn min_items(&mut self, at: impl Into<Step<'a>>, length: usize, min: u64) {
        if (length as u64) < min {
            self.report(Some(at.into()), ProblemKind::TooShort { length, min });
        }
    }

    /// An integer is at least `min`.
    pub fn min_int(&mut self, at: impl Into<Step<'a>>, value: i64, min: i64) {
        if value < min {
            let (value, min) = (value.to_string(), min.to_string());
            self.report(Some(at.into()), ProblemKind::TooSmall { value, min });
        }
    }

    /// A float is at least `min` (NaN is not below anything, as in Python).
    pub fn min_float(&mut self, at: impl Into<Step<'a>>, value: f64, min: f64) {
        if value < min {
            let (value, min) = (value.to_string(), min.to_string());
            self.report(Some(at.into()), ProblemKind::TooSmall { value, min });
        }
    }

    /// The union being walked has a member set: `set` is false for its
    /// `Default`, an unknown member without a name.
    pub fn union_set(&mut self, set: bool) {
        if !set {
            self.report(None, ProblemKind::NoUnionMember);
        }
    }

    /// Walks into `at` (a member, element or map value) and checks `value`
    /// there with `check`, a generated function of its structure or union.
    pub fn nested<T: ?Sized>(
        &mut self,
        at: impl Into<Step<'a>>,
        value: &'a T,
        check: fn(&mut Validator<'a>, &'a T),
    ) {
        self.enter(at);
        check(self, value);
        self.leave();
    }

    /// Walks into `at`; every check until [`leave`](Self::leave) is
    /// relative to it (for the elements of a list or the entries of a map).
    pub fn enter(&mut self, at: impl Into<Step<'a>>) {
        self.path.push(at.into());
    }

    /// Walks back out of the last [`enter`](Self::enter).
    pub fn leave(&mut self) {
        self.path.pop();
    }

    /// Every problem found, as an error; `Ok` when there is none.
    ///
    /// # Errors
    ///
    /// The [`ValidationError`] listing the problems.
    pub fn finish(self) -> Result<(), ValidationError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                problems: self.problems,
            })
        }
    }

    fn report(&mut self, at: Option<Step<'a>>, kind: ProblemKind) {
        let mut path = String::new();
        for step in self.path.iter().chain(at.as_ref()) {
            // Writing to a String cannot fail.
            let _ = match step {
                Step::Member(name) if path.is_empty() => write!(path, "{name}"),
                Step::Member(name) => write!(path, ".{name}"),
                Step::Index(index) => write!(path, "[{index}]"),
                Step::Value(key) => write!(path, "[{key:?}]"),
                Step::Key(key) => write!(path, " (key: {key:?})"),
            };
        }
        self.problems.push(Problem { path, kind });
    }
}

/// Checks `input` with `check`, the generated function of its structure.
///
/// # Errors
///
/// Every problem found.
pub fn run<'a, T: ?Sized>(
    input: &'a T,
    check: fn(&mut Validator<'a>, &'a T),
) -> Result<(), ValidationError> {
    let mut validator = Validator::new();
    check(&mut validator, input);
    validator.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Inner {
        s: String,
    }

    struct Input {
        name: String,
        count: Option<i32>,
        inner: Option<Box<Inner>>,
        tags: Vec<String>,
        map: Vec<(String, Inner)>,
    }

    fn inner<'a>(v: &mut Validator<'a>, x: &'a Inner) {
        v.min_chars("S", &x.s, 1);
    }

    fn input<'a>(v: &mut Validator<'a>, x: &'a Input) {
        v.min_chars("name", &x.name, 2);
        if let Some(value) = &x.count {
            v.min_int("count", i64::from(*value), 1);
        }
        v.required("inner", x.inner.is_some());
        if let Some(value) = &x.inner {
            v.nested("inner", value.as_ref(), inner);
        }
        v.min_items("tags", x.tags.len(), 1);
        v.enter("map");
        for (key, value) in &x.map {
            v.min_chars(Step::Key(key), key, 1);
            v.nested(Step::Value(key), value, inner);
        }
        v.leave();
    }

    fn valid() -> Input {
        Input {
            name: "ok".into(),
            count: Some(1),
            inner: Some(Box::new(Inner { s: "x".into() })),
            tags: vec!["t".into()],
            map: vec![("k".into(), Inner { s: "v".into() })],
        }
    }

    #[test]
    fn a_valid_input_passes() {
        assert_eq!(run(&valid(), input), Ok(()));
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let bad = Input {
            name: "é".into(),
            count: Some(0),
            inner: None,
            tags: vec![],
            map: vec![("".into(), Inner { s: "".into() })],
        };
        let error = match run(&bad, input) {
            Err(error) => error,
            Ok(()) => panic!("accepted"),
        };
        let paths: Vec<&str> = error.problems().iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "name",
                "count",
                "inner",
                "tags",
                "map (key: \"\")",
                "map[\"\"].S"
            ]
        );
        assert_eq!(
            error.to_string(),
            "Parameter validation failed:\n\
             Invalid length for parameter name, value: 1, valid min length: 2\n\
             Invalid value for parameter count, value: 0, valid min value: 1\n\
             Missing required parameter inner\n\
             Invalid length for parameter tags, value: 0, valid min length: 1\n\
             Invalid length for parameter map (key: \"\"), value: 0, valid min length: 1\n\
             Invalid length for parameter map[\"\"].S, value: 0, valid min length: 1"
        );
    }

    #[test]
    fn strings_are_counted_in_characters_and_list_elements_by_index() {
        let mut v = Validator::new();
        v.min_chars("s", "日本", 2);
        v.enter("list");
        v.min_chars(1, "", 1);
        v.leave();
        v.enter("u");
        v.union_set(false);
        v.leave();
        v.min_float("f", f64::NAN, 0.0);
        v.min_float("g", -0.5, 0.0);
        let error = match v.finish() {
            Err(error) => error,
            Ok(()) => panic!("accepted"),
        };
        let problems: Vec<String> = error.problems().iter().map(|p| p.to_string()).collect();
        assert_eq!(
            problems,
            [
                "Invalid length for parameter list[1], value: 0, valid min length: 1",
                "Must set one member of the union parameter u",
                "Invalid value for parameter g, value: -0.5, valid min value: 0",
            ]
        );
    }
}
