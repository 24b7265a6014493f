//! Template strings (`"https://{Region}.{PartitionResult#dnsSuffix}"`), read
//! as botocore reads them: a string is a template when it holds
//! `{letters-and-#}` somewhere; a template is split like Python's
//! `string.Formatter` (`{{` and `}}` are literal braces).

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Literal(String),
    /// `{name}` or `{name#attribute}`.
    Ref {
        name: String,
        attribute: Option<String>,
    },
}

/// The parts of `text`, or `None` when it is not a template (botocore's
/// `TEMPLATE_STRING_RE`, `\{[a-zA-Z#]+\}`, does not match).
pub fn parse(text: &str) -> Result<Option<Vec<Part>>, String> {
    if !is_template(text) {
        return Ok(None);
    }
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '}' => return Err(format!("template {text:?}: a single `}}`")),
            '{' => {
                let mut field = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => field.push(c),
                        None => return Err(format!("template {text:?}: a `{{` is not closed")),
                    }
                }
                if !literal.is_empty() {
                    parts.push(Part::Literal(std::mem::take(&mut literal)));
                }
                parts.push(reference(text, &field)?);
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        parts.push(Part::Literal(literal));
    }
    Ok(Some(parts))
}

fn reference(text: &str, field: &str) -> Result<Part, String> {
    let valid = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    let (name, attribute) = match field.split_once('#') {
        Some((name, attribute)) => (name, Some(attribute)),
        None => (field, None),
    };
    if !valid(name) || attribute.is_some_and(|a| !valid(a)) {
        return Err(format!(
            "template {text:?}: `{{{field}}}` is not `{{name}}` or `{{name#attribute}}`"
        ));
    }
    Ok(Part::Ref {
        name: name.to_owned(),
        attribute: attribute.map(str::to_owned),
    })
}

/// `\{[a-zA-Z#]+\}` occurs in `text`.
fn is_template(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        if b != b'{' {
            return false;
        }
        let rest = &bytes[i + 1..];
        let run = rest
            .iter()
            .take_while(|c| c.is_ascii_alphabetic() || **c == b'#')
            .count();
        run > 0 && rest.get(run) == Some(&b'}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(name: &str, attribute: Option<&str>) -> Part {
        Part::Ref {
            name: name.into(),
            attribute: attribute.map(Into::into),
        }
    }

    #[test]
    fn templates_split_into_literals_and_references() {
        assert_eq!(
            parse("https://{Region}.{PartitionResult#dnsSuffix}"),
            Ok(Some(vec![
                Part::Literal("https://".into()),
                r("Region", None),
                Part::Literal(".".into()),
                r("PartitionResult", Some("dnsSuffix")),
            ]))
        );
        assert_eq!(parse("{Region}"), Ok(Some(vec![r("Region", None)])));
        assert_eq!(
            parse("{{literal}} {Region}"),
            Ok(Some(vec![
                Part::Literal("{literal} ".into()),
                r("Region", None)
            ]))
        );
    }

    #[test]
    fn strings_without_a_reference_pattern_are_literal() {
        assert_eq!(parse("https://example.com"), Ok(None));
        // botocore's pattern wants letters and `#` only.
        assert_eq!(parse("{a1}"), Ok(None));
        assert_eq!(parse("{}"), Ok(None));
        assert_eq!(parse("}{"), Ok(None));
    }

    #[test]
    fn broken_templates_are_errors() {
        assert!(parse("{Region} }").is_err());
        assert!(parse("{Region} {a").is_err());
        assert!(parse("{Region} {a!r}").is_err());
        assert!(parse("{Region} {a#b[1]}").is_err());
    }
}
