//! Smithy shape ids. The JSON AST allows only absolute ids
//! (`namespace#Name`, and `namespace#Name$member` in `apply` entries), so
//! they are checked once, where they are read: a malformed id is reported
//! as such rather than later as a reference to a shape that does not exist.

use crate::ir::ShapeId;

/// The parts of an absolute shape id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbsoluteId<'a> {
    /// `namespace#Name`, without the member.
    pub shape: &'a str,
    pub member: Option<&'a str>,
}

impl AbsoluteId<'_> {
    pub fn shape_id(&self) -> ShapeId {
        ShapeId(self.shape.to_owned())
    }
}

/// Parses `text` as an absolute shape id; `allow_member` admits a
/// `$member` suffix. The error says what is wrong, for a message that
/// quotes the id.
pub fn parse(text: &str, allow_member: bool) -> Result<AbsoluteId<'_>, String> {
    let Some((namespace, rest)) = text.split_once('#') else {
        return Err("it has no namespace (expected `namespace#Name`)".to_owned());
    };
    if namespace.is_empty() || !namespace.split('.').all(is_identifier) {
        return Err(format!(
            "the namespace `{namespace}` is not a dot-separated list of identifiers"
        ));
    }
    let (name, member) = match rest.split_once('$') {
        Some((name, member)) => (name, Some(member)),
        None => (rest, None),
    };
    if !is_identifier(name) {
        return Err(format!("the name `{name}` is not an identifier"));
    }
    match member {
        Some(_) if !allow_member => Err("a member id (`$member`) is not allowed here".to_owned()),
        Some(member) if !is_identifier(member) => {
            Err(format!("the member name `{member}` is not an identifier"))
        }
        _ => Ok(AbsoluteId {
            shape: &text[..namespace.len() + 1 + name.len()],
            member,
        }),
    }
}

/// Smithy's `Identifier`: `(1*"_" (ALPHA / DIGIT)) / ALPHA`, then any of
/// `ALPHA / DIGIT / "_"`.
pub fn is_identifier(text: &str) -> bool {
    let rest = text.trim_start_matches('_');
    let underscores = text.len() - rest.len();
    let Some(first) = rest.chars().next() else {
        return false;
    };
    let starts_well = if underscores > 0 {
        first.is_ascii_alphanumeric()
    } else {
        first.is_ascii_alphabetic()
    };
    starts_well && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_ids() {
        let id = parse("smithy.example#Foo", false).unwrap();
        assert_eq!(id.shape, "smithy.example#Foo");
        assert_eq!(id.member, None);
        let id = parse("a.b#Foo$bar", true).unwrap();
        assert_eq!((id.shape, id.member), ("a.b#Foo", Some("bar")));
        assert_eq!(parse("_a#_1", false).unwrap().shape, "_a#_1");
    }

    #[test]
    fn malformed_ids() {
        for (bad, why) in [
            ("Foo", "it has no namespace (expected `namespace#Name`)"),
            (
                "#Foo",
                "the namespace `` is not a dot-separated list of identifiers",
            ),
            (
                "a..b#Foo",
                "the namespace `a..b` is not a dot-separated list of identifiers",
            ),
            ("a#1Foo", "the name `1Foo` is not an identifier"),
            ("a#Foo#Bar", "the name `Foo#Bar` is not an identifier"),
            ("a#", "the name `` is not an identifier"),
            ("a#_", "the name `_` is not an identifier"),
            ("a#Foo$bar", "a member id (`$member`) is not allowed here"),
        ] {
            assert_eq!(parse(bad, false), Err(why.to_owned()), "{bad}");
        }
        assert_eq!(
            parse("a#Foo$b-c", true),
            Err("the member name `b-c` is not an identifier".to_owned())
        );
    }
}
