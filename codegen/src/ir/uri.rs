//! URI and host-prefix templates, parsed once into typed parts so emitters
//! never re-scan strings and each label is encoded on its own.

use std::fmt;

/// A request URI template such as `/things/{thingName}/jobs/{jobId}?force=true`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UriTemplate {
    /// The path, as literal text and labels in order.
    pub path: Vec<TemplatePart>,
    /// Constant query parameters written in the template (`?a=b&flag`).
    pub query: Vec<(String, Option<String>)>,
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePart {
    Literal(String),
    /// `{name}`, or `{name+}` when greedy (may span `/`).
    Label {
        name: String,
        greedy: bool,
    },
}

/// An endpoint host prefix such as `data-{ThingName}.`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPrefix {
    pub parts: Vec<TemplatePart>,
}

/// A malformed template; the message says what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError(pub String);

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl UriTemplate {
    pub fn parse(template: &str) -> Result<UriTemplate, TemplateError> {
        if !template.starts_with('/') {
            return Err(TemplateError(format!(
                "request URI `{template}` must start with `/`"
            )));
        }
        let (path, query) = match template.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (template, None),
        };
        let path = parse_parts(path, true)?;
        let greedy_count = path
            .iter()
            .filter(|p| matches!(p, TemplatePart::Label { greedy: true, .. }))
            .count();
        if greedy_count > 1 {
            return Err(TemplateError(format!(
                "request URI `{template}` has more than one greedy label"
            )));
        }
        let mut labels: Vec<&str> = path.iter().filter_map(TemplatePart::label_name).collect();
        labels.sort_unstable();
        if let Some(pair) = labels.windows(2).find(|w| w[0] == w[1]) {
            return Err(TemplateError(format!(
                "request URI `{template}` uses label `{}` twice",
                pair[0]
            )));
        }
        let mut constant_query = Vec::new();
        for pair in query.into_iter().flat_map(|q| q.split('&')) {
            if pair.is_empty() {
                continue;
            }
            if pair.contains('{') || pair.contains('}') {
                return Err(TemplateError(format!(
                    "request URI `{template}`: labels are not allowed in the query string"
                )));
            }
            match pair.split_once('=') {
                Some((k, v)) => constant_query.push((k.to_owned(), Some(v.to_owned()))),
                None => constant_query.push((pair.to_owned(), None)),
            }
        }
        Ok(UriTemplate {
            path,
            query: constant_query,
        })
    }

    /// Label names in order of appearance.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.path.iter().filter_map(TemplatePart::label_name)
    }

    /// Whether the label `name` is greedy (`{name+}`).
    pub fn is_greedy(&self, name: &str) -> bool {
        self.path
            .iter()
            .any(|p| matches!(p, TemplatePart::Label { name: n, greedy: true } if n == name))
    }
}

impl fmt::Display for UriTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_parts(f, &self.path)?;
        for (i, (k, v)) in self.query.iter().enumerate() {
            f.write_str(if i == 0 { "?" } else { "&" })?;
            f.write_str(k)?;
            if let Some(v) = v {
                write!(f, "={v}")?;
            }
        }
        Ok(())
    }
}

impl HostPrefix {
    pub fn parse(template: &str) -> Result<HostPrefix, TemplateError> {
        let parts = parse_parts(template, false)?;
        Ok(HostPrefix { parts })
    }

    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(TemplatePart::label_name)
    }
}

impl fmt::Display for HostPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_parts(f, &self.parts)
    }
}

impl TemplatePart {
    fn label_name(&self) -> Option<&str> {
        match self {
            TemplatePart::Label { name, .. } => Some(name),
            TemplatePart::Literal(_) => None,
        }
    }
}

fn write_parts(f: &mut fmt::Formatter<'_>, parts: &[TemplatePart]) -> fmt::Result {
    for part in parts {
        match part {
            TemplatePart::Literal(text) => f.write_str(text)?,
            TemplatePart::Label { name, greedy } => {
                write!(f, "{{{name}{}}}", if *greedy { "+" } else { "" })?
            }
        }
    }
    Ok(())
}

fn parse_parts(template: &str, allow_greedy: bool) -> Result<Vec<TemplatePart>, TemplateError> {
    let mut parts = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            None => {
                parts.push(TemplatePart::Literal(rest.to_owned()));
                break;
            }
            Some(i) if rest.as_bytes()[i] == b'}' => {
                return Err(TemplateError(format!(
                    "template `{template}` has a `}}` without a matching `{{`"
                )));
            }
            Some(i) => {
                if i > 0 {
                    parts.push(TemplatePart::Literal(rest[..i].to_owned()));
                }
                let after = &rest[i + 1..];
                let close = after.find('}').ok_or_else(|| {
                    TemplateError(format!("template `{template}` has an unclosed `{{`"))
                })?;
                let inner = &after[..close];
                let (name, greedy) = match inner.strip_suffix('+') {
                    Some(name) => (name, true),
                    None => (inner, false),
                };
                if greedy && !allow_greedy {
                    return Err(TemplateError(format!(
                        "template `{template}`: greedy label `{{{inner}}}` is not allowed here"
                    )));
                }
                if name.is_empty()
                    || !name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                {
                    return Err(TemplateError(format!(
                        "template `{template}` has an invalid label `{{{inner}}}`"
                    )));
                }
                if let Some(TemplatePart::Label { .. }) = parts.last() {
                    return Err(TemplateError(format!(
                        "template `{template}` has two labels with nothing between them"
                    )));
                }
                parts.push(TemplatePart::Label {
                    name: name.to_owned(),
                    greedy,
                });
                rest = &after[close + 1..];
            }
        }
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(name: &str, greedy: bool) -> TemplatePart {
        TemplatePart::Label {
            name: name.into(),
            greedy,
        }
    }

    #[test]
    fn parses_labels_and_literals() {
        let t = UriTemplate::parse("/things/{thingName}/jobs/{jobId}").unwrap();
        assert_eq!(
            t.path,
            vec![
                TemplatePart::Literal("/things/".into()),
                label("thingName", false),
                TemplatePart::Literal("/jobs/".into()),
                label("jobId", false),
            ]
        );
        assert!(t.query.is_empty());
        assert_eq!(t.labels().collect::<Vec<_>>(), ["thingName", "jobId"]);
    }

    #[test]
    fn parses_greedy_labels_and_constant_query() {
        let t = UriTemplate::parse("/{Bucket}/{Key+}?uploads&x-id=PutObject").unwrap();
        assert!(t.is_greedy("Key"));
        assert!(!t.is_greedy("Bucket"));
        assert_eq!(
            t.query,
            vec![
                ("uploads".to_owned(), None),
                ("x-id".to_owned(), Some("PutObject".to_owned()))
            ]
        );
        assert_eq!(t.to_string(), "/{Bucket}/{Key+}?uploads&x-id=PutObject");
    }

    #[test]
    fn label_inside_a_segment() {
        let t = UriTemplate::parse("/prefix-{id}.json").unwrap();
        assert_eq!(t.path.len(), 3);
    }

    #[test]
    fn rejects_malformed_templates() {
        for bad in [
            "things",
            "/{open",
            "/close}",
            "/{}",
            "/{a}{b}",
            "/{a}/{a}",
            "/{a+}/{b+}",
            "/{a b}",
            "/x?{q}",
        ] {
            assert!(UriTemplate::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn host_prefix() {
        let h = HostPrefix::parse("data-{ThingName}.").unwrap();
        assert_eq!(h.labels().collect::<Vec<_>>(), ["ThingName"]);
        assert_eq!(h.to_string(), "data-{ThingName}.");
        assert!(HostPrefix::parse("{a+}.").is_err());
    }
}
