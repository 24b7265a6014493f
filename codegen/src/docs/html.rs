//! A tolerant HTML tokenizer and tree builder for model documentation.
//!
//! The input is "HTML as AWS writes it": mostly well formed, but with
//! unclosed and mismatched tags, self-closing `<code/>`, DocBook leftovers,
//! and plain text that uses `<`/`>` literally (`a < b`, `arn:aws:kms:<region>`).
//! Nothing here can fail: whatever does not parse as markup is text.

use super::entities;

/// A node of the document tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Node {
    Element(Element),
    /// Text with character references already decoded.
    Text(String),
}

/// An element: lower-case name, attributes (lower-case names, decoded
/// values) and children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Deepest element nesting that is kept; tags beyond it are ignored (their
/// text is kept). Bounds the recursion of every later pass.
const MAX_DEPTH: usize = 64;

/// Parses `input` into a forest of nodes.
pub(super) fn parse(input: &str) -> Vec<Node> {
    build(resolve(tokenize(input)))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token<'a> {
    Text(String),
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
        raw: &'a str,
    },
    End {
        name: String,
        raw: &'a str,
    },
}

/// Tags that are always markup, whether or not they are closed. Any other
/// name is markup only if the input also closes it (`<value>…</value>`) or
/// writes it self-closing; otherwise it is a placeholder such as `<region>`
/// and stays text.
fn is_known(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "acronym"
            | "article"
            | "b"
            | "big"
            | "blockquote"
            | "body"
            | "br"
            | "caption"
            | "caution"
            | "center"
            | "cite"
            | "code"
            | "codeblock"
            | "col"
            | "colgroup"
            | "command"
            | "danger"
            | "dd"
            | "del"
            | "details"
            | "dfn"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "emphasis"
            | "examples"
            | "figcaption"
            | "figure"
            | "filename"
            | "font"
            | "footer"
            | "fullname"
            | "function"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hr"
            | "html"
            | "i"
            | "img"
            | "important"
            | "ins"
            | "itemizedlist"
            | "kbd"
            | "li"
            | "link"
            | "listitem"
            | "literal"
            | "mark"
            | "note"
            | "ol"
            | "orderedlist"
            | "p"
            | "para"
            | "pre"
            | "programlisting"
            | "q"
            | "replaceable"
            | "s"
            | "samp"
            | "screen"
            | "script"
            | "section"
            | "simpara"
            | "small"
            | "span"
            | "strike"
            | "strong"
            | "style"
            | "sub"
            | "summary"
            | "sup"
            | "systemitem"
            | "table"
            | "tbody"
            | "td"
            | "term"
            | "tfoot"
            | "th"
            | "thead"
            | "tip"
            | "tr"
            | "tt"
            | "u"
            | "ul"
            | "ulink"
            | "userinput"
            | "var"
            | "variablelist"
            | "varlistentry"
            | "warning"
            | "wbr"
            | "xref"
    )
}

/// Elements that never have content.
fn is_void(name: &str) -> bool {
    matches!(name, "br" | "hr" | "img" | "wbr" | "col")
}

fn tokenize(input: &str) -> Vec<Token<'_>> {
    let bytes = input.as_bytes();
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            if let Some((token, end)) = markup(input, i) {
                if text_start < i {
                    tokens.push(Token::Text(entities::decode(&input[text_start..i])));
                }
                if let Some(token) = token {
                    tokens.push(token);
                }
                i = end;
                text_start = end;
                continue;
            }
        }
        i += 1;
    }
    if text_start < bytes.len() {
        tokens.push(Token::Text(entities::decode(&input[text_start..])));
    }
    tokens
}

/// Recognises markup starting at the `<` at byte `at`. Returns the token
/// (`None` for comments and declarations, which are dropped) and the byte
/// just after it, or `None` when this `<` is plain text.
fn markup(input: &str, at: usize) -> Option<(Option<Token<'_>>, usize)> {
    let rest = &input[at..];
    if let Some(body) = rest.strip_prefix("<!--") {
        let end = body.find("-->")?;
        return Some((None, at + 4 + end + 3));
    }
    if let Some(body) = rest.strip_prefix("<![CDATA[") {
        let end = body.find("]]>")?;
        let text = body[..end].to_owned();
        return Some((Some(Token::Text(text)), at + 9 + end + 3));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        let end = rest.find('>')?;
        if rest[1..end].contains('<') {
            return None;
        }
        return Some((None, at + end + 1));
    }
    if let Some(body) = rest.strip_prefix("</") {
        let (name, after) = tag_name(body)?;
        // Tolerate `</a >` and junk like `</a foo>`, but not a `<` before `>`.
        let end = after.find(['>', '<'])?;
        if after.as_bytes()[end] != b'>' {
            return None;
        }
        let len = rest.len() - after.len() + end + 1;
        return Some((
            Some(Token::End {
                name,
                raw: &rest[..len],
            }),
            at + len,
        ));
    }
    let (name, mut after) = tag_name(&rest[1..])?;
    let mut attrs = Vec::new();
    let self_closing;
    loop {
        after = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
        if let Some(a) = after.strip_prefix('>') {
            after = a;
            self_closing = false;
            break;
        }
        if let Some(a) = after.strip_prefix("/>") {
            after = a;
            self_closing = true;
            break;
        }
        if after.is_empty() || after.starts_with('<') {
            return None;
        }
        if let Some(a) = after.strip_prefix(['/', '=', '"', '\'']) {
            after = a;
            continue;
        }
        let name_len = after
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/' | '<'))
            .unwrap_or(after.len());
        let attr_name = after[..name_len].to_ascii_lowercase();
        after = after[name_len..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let mut value = String::new();
        if let Some(a) = after.strip_prefix('=') {
            after = a.trim_start_matches(|c: char| c.is_ascii_whitespace());
            if let Some(quote) = after.chars().next().filter(|c| matches!(c, '"' | '\'')) {
                let body = &after[1..];
                let end = body.find(quote)?;
                value = entities::decode(&body[..end]);
                after = &body[end + 1..];
            } else {
                let end = after
                    .find(|c: char| c.is_ascii_whitespace() || matches!(c, '>' | '<'))
                    .unwrap_or(after.len());
                value = entities::decode(&after[..end]);
                after = &after[end..];
            }
        }
        attrs.push((attr_name, value));
    }
    let len = rest.len() - after.len();
    Some((
        Some(Token::Start {
            name,
            attrs,
            self_closing,
            raw: &rest[..len],
        }),
        at + len,
    ))
}

/// A tag name at the start of `s`, lower-cased, and what follows it. The
/// name must be followed by whitespace, `/` or `>` (so `<foo@bar.com>` and
/// `<3` are text).
fn tag_name(s: &str) -> Option<(String, &str)> {
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let len = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')))
        .unwrap_or(s.len());
    let after = &s[len..];
    if !(after.is_empty()
        || after.starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>'))
    {
        return None;
    }
    Some((s[..len].to_ascii_lowercase(), after))
}

/// Turns tags with unknown names that are not closed anywhere back into text.
fn resolve(tokens: Vec<Token<'_>>) -> Vec<Token<'_>> {
    use std::collections::BTreeMap;
    let mut last_end: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, token) in tokens.iter().enumerate() {
        if let Token::End { name, .. } = token {
            if !is_known(name) {
                last_end.insert(name.as_str(), i);
            }
        }
    }
    let accepted_start: Vec<bool> = tokens
        .iter()
        .enumerate()
        .map(|(i, token)| match token {
            Token::Start {
                name, self_closing, ..
            } => {
                is_known(name)
                    || *self_closing
                    || last_end.get(name.as_str()).is_some_and(|&e| e > i)
            }
            _ => true,
        })
        .collect();
    let mut open: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(tokens.len());
    for (token, accepted) in tokens.into_iter().zip(accepted_start) {
        match token {
            Token::Start { raw, .. } if !accepted => {
                out.push(Token::Text(entities::decode(raw)));
            }
            Token::Start {
                ref name,
                self_closing: false,
                ..
            } if !is_known(name) => {
                *open.entry(name.clone()).or_default() += 1;
                out.push(token);
            }
            Token::End { ref name, raw } if !is_known(name) => match open.get_mut(name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    out.push(token);
                }
                _ => out.push(Token::Text(entities::decode(raw))),
            },
            token => out.push(token),
        }
    }
    out
}

struct Frame {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

fn push_node(children: &mut Vec<Node>, node: Node) {
    if let Node::Text(text) = &node {
        if let Some(Node::Text(prev)) = children.last_mut() {
            prev.push_str(text);
            return;
        }
    }
    children.push(node);
}

fn build(tokens: Vec<Token<'_>>) -> Vec<Node> {
    let mut stack = vec![Frame {
        name: String::new(),
        attrs: Vec::new(),
        children: Vec::new(),
    }];
    for token in tokens {
        match token {
            Token::Text(text) => {
                if !text.is_empty() {
                    push_node(&mut stack_top(&mut stack).children, Node::Text(text));
                }
            }
            Token::Start {
                name,
                attrs,
                self_closing,
                ..
            } => {
                implicit_close(&mut stack, &name);
                if self_closing || is_void(&name) {
                    let element = Element {
                        name,
                        attrs,
                        children: Vec::new(),
                    };
                    push_node(&mut stack_top(&mut stack).children, Node::Element(element));
                } else if stack.len() <= MAX_DEPTH {
                    stack.push(Frame {
                        name,
                        attrs,
                        children: Vec::new(),
                    });
                }
            }
            Token::End { name, .. } => {
                if let Some(pos) = stack.iter().skip(1).rposition(|f| f.name == name) {
                    close_to(&mut stack, pos + 1);
                }
            }
        }
    }
    close_to(&mut stack, 1);
    stack.pop().map(|f| f.children).unwrap_or_default()
}

fn stack_top(stack: &mut [Frame]) -> &mut Frame {
    // The root frame is never popped, so the stack is never empty.
    let last = stack.len() - 1;
    &mut stack[last]
}

/// Pops frames until the stack has `len` entries, attaching each popped
/// element to its parent. The root (index 0) is never popped.
fn close_to(stack: &mut Vec<Frame>, len: usize) {
    let len = len.max(1);
    while stack.len() > len {
        let Some(frame) = stack.pop() else { break };
        let element = Element {
            name: frame.name,
            attrs: frame.attrs,
            children: frame.children,
        };
        push_node(&mut stack_top(stack).children, Node::Element(element));
    }
}

/// HTML's optional end tags: a new `<li>` closes the open `<li>` of the same
/// list, `<dt>`/`<dd>` close each other, `<tr>` and `<td>`/`<th>` likewise.
fn implicit_close(stack: &mut Vec<Frame>, name: &str) {
    let (closes, boundary): (&[&str], &[&str]) = match name {
        "li" => (&["li"], &["ul", "ol", "menu"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl"]),
        "tr" => (&["tr"], &["table", "thead", "tbody", "tfoot"]),
        "td" | "th" => (&["td", "th"], &["tr", "table"]),
        "thead" | "tbody" | "tfoot" => (&["thead", "tbody", "tfoot"], &["table"]),
        _ => return,
    };
    for pos in (1..stack.len()).rev() {
        let frame = &stack[pos].name;
        if boundary.contains(&frame.as_str()) {
            return;
        }
        if closes.contains(&frame.as_str()) {
            close_to(stack, pos);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(name: &str, children: Vec<Node>) -> Node {
        Node::Element(Element {
            name: name.into(),
            attrs: Vec::new(),
            children,
        })
    }

    fn text(s: &str) -> Node {
        Node::Text(s.into())
    }

    #[test]
    fn builds_a_tree() {
        assert_eq!(
            parse("<p>a <b>b</b></p>"),
            vec![el("p", vec![text("a "), el("b", vec![text("b")])])]
        );
    }

    #[test]
    fn attributes() {
        let nodes = parse(r#"<a HREF="x?a=1&amp;b=2" target=_blank data-x='y>z'>t</a>"#);
        let Node::Element(a) = &nodes[0] else {
            panic!()
        };
        assert_eq!(a.attr("href"), Some("x?a=1&b=2"));
        assert_eq!(a.attr("target"), Some("_blank"));
        assert_eq!(a.attr("data-x"), Some("y>z"));
    }

    #[test]
    fn placeholders_stay_text() {
        assert_eq!(
            parse("arn:<region>:<account-id>"),
            vec![text("arn:<region>:<account-id>")]
        );
        assert_eq!(
            parse("a < b > c <3 <foo@bar.com>"),
            vec![text("a < b > c <3 <foo@bar.com>")]
        );
        assert_eq!(parse("x </region> y"), vec![text("x </region> y")]);
    }

    #[test]
    fn unknown_closed_tags_are_markup() {
        assert_eq!(
            parse("<value>v</value>"),
            vec![el("value", vec![text("v")])]
        );
        assert_eq!(parse("<zonbook/>"), vec![el("zonbook", vec![])]);
    }

    #[test]
    fn comments_cdata_and_declarations() {
        assert_eq!(
            parse("a<!-- x -->b<![CDATA[<p>&amp;]]><!DOCTYPE html>"),
            vec![text("ab<p>&amp;")]
        );
        assert_eq!(
            parse("a<!-- unterminated"),
            vec![text("a<!-- unterminated")]
        );
    }

    #[test]
    fn optional_end_tags() {
        assert_eq!(
            parse("<ul><li>a<li>b</ul>"),
            vec![el(
                "ul",
                vec![el("li", vec![text("a")]), el("li", vec![text("b")])]
            )]
        );
    }

    #[test]
    fn mismatched_and_unclosed() {
        assert_eq!(parse("<b>x</i>y"), vec![el("b", vec![text("xy")])]);
        assert_eq!(
            parse("<p><b>x</p>y"),
            vec![el("p", vec![el("b", vec![text("x")])]), text("y")]
        );
        assert_eq!(parse("<a href=\"x"), vec![text("<a href=\"x")]);
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "<b>".repeat(10_000) + "x";
        let mut nodes = parse(&deep);
        let mut depth = 0;
        while let Some(Node::Element(e)) = nodes.pop() {
            depth += 1;
            nodes = e.children;
        }
        assert!(depth <= MAX_DEPTH);
    }
}
