//! Doc comments for generated items: model HTML turned into Markdown,
//! plus the facts a user needs that the model states elsewhere
//! (constraints, HTTP bindings, deprecation).

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::html_to_markdown;
use crate::ir::{Binding, Bounds, Constraints, Deprecation};

/// Builds a doc comment paragraph by paragraph.
#[derive(Default)]
pub(crate) struct Doc {
    paragraphs: Vec<String>,
}

impl Doc {
    pub fn new() -> Doc {
        Doc::default()
    }

    /// Adds model documentation (HTML), if there is any.
    pub fn html(mut self, html: Option<&str>) -> Doc {
        if let Some(html) = html {
            let markdown = html_to_markdown(html);
            if !markdown.trim().is_empty() {
                self.paragraphs.push(markdown);
            }
        }
        self
    }

    /// Adds a Markdown paragraph written by the generator.
    pub fn text(mut self, markdown: impl Into<String>) -> Doc {
        let markdown = markdown.into();
        if !markdown.is_empty() {
            self.paragraphs.push(markdown);
        }
        self
    }

    /// `#[doc = "…"]` attributes (printed as `///` lines).
    pub fn outer(&self) -> TokenStream {
        self.lines().map(|line| quote!(#[doc = #line])).collect()
    }

    /// `#![doc = "…"]` attributes (printed as `//!` lines).
    pub fn inner(&self) -> TokenStream {
        self.lines().map(|line| quote!(#![doc = #line])).collect()
    }

    fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.paragraphs
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                let separator = (i > 0).then(String::new);
                separator.into_iter().chain(p.lines().map(str::to_owned))
            })
            .map(|line| {
                if line.is_empty() {
                    line
                } else {
                    format!(" {line}")
                }
            })
    }
}

/// `#[deprecated]`, with the model's message when it gives one.
pub(crate) fn deprecated_attr(deprecation: Option<&Deprecation>) -> TokenStream {
    match deprecation {
        None => TokenStream::new(),
        Some(d) => {
            let mut note = d.message.clone().unwrap_or_default();
            if let Some(since) = &d.since {
                if !note.is_empty() {
                    note.push(' ');
                }
                note.push_str(&format!("(deprecated since {since})"));
            }
            if note.is_empty() {
                quote!(#[deprecated])
            } else {
                quote!(#[deprecated(note = #note)])
            }
        }
    }
}

/// One line on the value constraints the service enforces, e.g.
/// "*Constraints:* length 1 to 128; pattern `[a-z]+`."
pub(crate) fn constraints_line(c: &Constraints) -> String {
    let mut parts = Vec::new();
    if let Some(b) = &c.length {
        parts.push(format!("length {}", bounds(b)));
    }
    if let Some(b) = &c.range {
        parts.push(format!("value {}", bounds(b)));
    }
    if let Some(p) = &c.pattern {
        parts.push(format!("pattern {}", code_span(p)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("*Constraints:* {}.", parts.join("; "))
    }
}

fn bounds(b: &Bounds) -> String {
    match (&b.min, &b.max) {
        (Some(min), Some(max)) if min == max => format!("exactly {min}"),
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "unbounded".to_owned(),
    }
}

/// Where a member travels, for the field's docs; `None` for body members.
pub(crate) fn binding_line(binding: &Binding, greedy: bool) -> Option<String> {
    Some(match binding {
        Binding::Body => return None,
        Binding::Label(name) if greedy => {
            format!("*HTTP:* greedy URI label {}.", code_span(name))
        }
        Binding::Label(name) => format!("*HTTP:* URI label {}.", code_span(name)),
        Binding::Query(name) => format!("*HTTP:* query parameter {}.", code_span(name)),
        Binding::QueryParams => "*HTTP:* query parameters (one per map entry).".to_owned(),
        Binding::Header(name) => format!("*HTTP:* header {}.", code_span(name)),
        Binding::PrefixHeaders(prefix) if prefix.is_empty() => {
            "*HTTP:* headers (one per map entry).".to_owned()
        }
        Binding::PrefixHeaders(prefix) => {
            format!("*HTTP:* headers starting with {}.", code_span(prefix))
        }
        Binding::StatusCode => "*HTTP:* the response status code.".to_owned(),
        Binding::Payload => "*HTTP:* the whole body.".to_owned(),
    })
}

/// A Markdown code span that holds any text, backticks included.
pub(crate) fn code_span(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code_span("a"), "`a`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
    }

    #[test]
    fn constraints() {
        let c = Constraints {
            length: Some(Bounds {
                min: Some(1.into()),
                max: Some(128.into()),
            }),
            range: None,
            pattern: Some("[a-z]+".into()),
        };
        assert_eq!(
            constraints_line(&c),
            "*Constraints:* length 1 to 128; pattern `[a-z]+`."
        );
        assert_eq!(constraints_line(&Constraints::default()), "");
    }

    #[test]
    fn doc_lines_are_spaced_and_separated() {
        let doc = Doc::new().text("a\nb").text("c");
        let lines: Vec<String> = doc.lines().collect();
        assert_eq!(lines, [" a", " b", "", " c"]);
    }
}
