//! Model documentation (HTML) as plain text, for new methods in a changelog.
//!
//! A changelog is read in a terminal or a pull request, so markup is
//! dropped rather than converted (`crate::docs` makes rustdoc Markdown,
//! whose escapes would be noise here). Block elements start new lines, list
//! items get a `- ` bullet, whitespace runs become one space, character
//! references are decoded, and there are no blank lines, because a blank
//! line ends a method's entry in the changelog. `<fullname>` and
//! `<examples>` are dropped with their content, as botocore's renderer
//! does. Only known tag names count as markup: `arn:aws:iot:<region>` keeps
//! its `<region>`.

/// Converts documentation HTML to plain text lines joined by `\n`.
pub fn html_to_plain_text(html: &str) -> String {
    let mut text = Text::default();
    let mut skipping: Option<String> = None;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let (before, from_lt) = rest.split_at(lt);
        if skipping.is_none() {
            text.push_text(before);
        }
        match parse_tag(from_lt) {
            Some((tag, len)) => {
                rest = &from_lt[len..];
                if let Some(skipped) = &skipping {
                    if tag.closing && tag.name == *skipped {
                        skipping = None;
                    }
                    continue;
                }
                if !tag.closing && !tag.self_closing && SKIPPED.contains(&tag.name.as_str()) {
                    skipping = Some(tag.name);
                    continue;
                }
                text.tag(&tag);
            }
            None => {
                if skipping.is_none() {
                    text.push_text("<");
                }
                rest = &from_lt[1..];
            }
        }
    }
    if skipping.is_none() {
        text.push_text(rest);
    }
    text.finish()
}

/// Dropped with their content.
const SKIPPED: &[&str] = &["fullname", "examples"];

/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "br",
    "pre",
    "programlisting",
    "blockquote",
    "note",
    "important",
    "table",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "title",
];

/// Inline elements: removed, their text kept.
const INLINE: &[&str] = &[
    "a",
    "b",
    "i",
    "u",
    "em",
    "strong",
    "code",
    "span",
    "sup",
    "sub",
    "td",
    "th",
    "thead",
    "tbody",
    "literal",
    "emphasis",
    "replaceable",
    "para",
    "varname",
    "filename",
];

struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
}

/// Parses `<name …>`, `</name>` or `<name/>` at the start of `s` when the
/// name is a known element; returns it and its length in bytes.
fn parse_tag(s: &str) -> Option<(Tag, usize)> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let (self_closing, inner) = match inner.strip_suffix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name_end = inner
        .find(|c: char| c.is_ascii_whitespace())
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    if closing && name_end != inner.trim_end().len() {
        return None;
    }
    let known = BLOCKS.contains(&name.as_str())
        || INLINE.contains(&name.as_str())
        || SKIPPED.contains(&name.as_str())
        || name == "li";
    known.then_some((
        Tag {
            name,
            closing,
            self_closing,
        },
        end + 1,
    ))
}

/// The text being built: finished lines and the current one.
#[derive(Default)]
struct Text {
    lines: Vec<String>,
    line: String,
    /// A space is pending between words.
    space: bool,
}

impl Text {
    fn push_text(&mut self, raw: &str) {
        for c in decode_entities(raw).chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.line.is_empty() && !self.line.ends_with(' ') {
                    self.line.push(' ');
                }
                self.space = false;
                self.line.push(c);
            }
        }
    }

    fn tag(&mut self, tag: &Tag) {
        if tag.name == "li" {
            self.break_line();
            if !tag.closing && self.line.is_empty() {
                self.line.push_str("- ");
            }
        } else if BLOCKS.contains(&tag.name.as_str()) {
            self.break_line();
        }
    }

    fn break_line(&mut self) {
        self.space = false;
        let line = self.line.trim_end();
        if line == "-" {
            // A bullet waiting for its item's text (`<li><p>…`).
            return;
        }
        if !line.is_empty() {
            self.lines.push(line.to_owned());
        }
        self.line.clear();
    }

    fn finish(mut self) -> String {
        if self.line.trim_end() == "-" {
            self.line.clear();
        }
        self.break_line();
        self.lines.join("\n")
    }
}

/// Decodes `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;`, `&nbsp;` and
/// numeric references; anything else stays as written.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&n| n <= 10).and_then(|semi| {
            let name = &after[..semi];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => numeric_reference(name),
            }?;
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `#65` or `#x41`.
fn numeric_reference(name: &str) -> Option<char> {
    let number = name.strip_prefix('#')?;
    let code = match number.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => number.parse().ok()?,
    };
    char::from_u32(code)
}

#[cfg(test)]
mod tests {
    use super::html_to_plain_text as plain;

    #[test]
    fn paragraphs_become_lines() {
        assert_eq!(
            plain("<p>Creates a <code>job</code>.</p> <p>Requires   permission.</p>"),
            "Creates a job.\nRequires permission."
        );
    }

    #[test]
    fn lists_get_bullets() {
        assert_eq!(
            plain("<p>Types:</p> <ul> <li> <p> <code>iot:Data</code> - data.</p> </li> <li>jobs</li></ul>"),
            "Types:\n- iot:Data - data.\n- jobs"
        );
    }

    #[test]
    fn unknown_tags_and_entities() {
        assert_eq!(
            plain("arn:aws:iot:<region>:<account> &lt;b&gt; &amp; &#65;&#x42; &bogus;"),
            "arn:aws:iot:<region>:<account> <b> & AB &bogus;"
        );
    }

    #[test]
    fn fullname_and_examples_are_dropped() {
        assert_eq!(
            plain("<fullname>AWS IoT</fullname><p>Hello</p><examples><p>x</p></examples>"),
            "Hello"
        );
    }

    #[test]
    fn empty_and_unclosed() {
        assert_eq!(plain(""), "");
        assert_eq!(plain("a < b"), "a < b");
        assert_eq!(plain("<p>open"), "open");
    }
}
