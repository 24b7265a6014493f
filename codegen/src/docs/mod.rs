//! Model documentation (the HTML of botocore `documentation` fields) to
//! rustdoc Markdown.
//!
//! [`html_to_markdown`] is the whole API. It runs in three passes:
//!
//! 1. `html`: a tolerant tokenizer and tree builder. Unclosed and mismatched
//!    tags are repaired the way browsers do it; a `<` that does not start a
//!    tag is text, and so is a tag with an unknown name that is never closed
//!    (`arn:aws:kms:<region>:<account>` is a placeholder, not markup).
//! 2. `convert`: the tree becomes a small document model: paragraphs,
//!    headings, lists, block quotes, code blocks, tables; text, code spans,
//!    emphasis, links, line breaks. Unknown tags are dropped, their text is
//!    kept; `<fullname>` and `<examples>` are dropped with their content, as
//!    botocore's own renderer does.
//! 3. `render`: the model becomes Markdown. Text is escaped from what is
//!    actually written around it, so that rustdoc neither misreads it nor
//!    warns (`invalid_html_tags`, `broken_intra_doc_links`, `bare_urls`).
//!
//! The result is meant for `///` lines: no leading or trailing blank lines,
//! no trailing spaces, one paragraph per line (Markdown needs no wrapping,
//! and unwrapped text keeps model diffs local), code blocks fenced as
//! `text` so rustdoc does not compile them as doctests.

mod convert;
mod entities;
mod html;
mod render;

#[cfg(test)]
mod tests;

/// Converts AWS model documentation HTML to rustdoc Markdown.
///
/// Never panics, whatever the input; the same input always gives the same
/// output. An empty or whitespace-only input gives an empty string.
///
/// | HTML | Markdown |
/// | --- | --- |
/// | `<p>` | paragraph, separated by one blank line |
/// | `<code>x</code>` | `` `x` `` |
/// | `<pre>`, `<programlisting>` | fenced code block marked `text` |
/// | `<a href="https://…">t</a>` | `[t](https://…)` |
/// | `<a>Name</a>` (no `href`) | `` `Name` `` (a reference to an operation or shape) |
/// | `<a href="relative">t</a>` | `t` |
/// | `<ul>`, `<ol>`, `<li>` | `- item`, `1. item`, nested lists indented |
/// | `<dl>`, `<dt>`, `<dd>` | `- **term**: definition` |
/// | `<note>`, `<important>` | `> **Note:** …`, `> **Important:** …` |
/// | `<b>`, `<strong>` / `<i>`, `<em>` | `**x**` / `*x*` |
/// | `<h1>`…`<h6>` | `#`…`######` |
/// | `<table>` | Markdown table, first row as header |
/// | `<br>` | hard line break (`\` at the end of the line) |
/// | bare `https://…` in text | `<https://…>` |
pub fn html_to_markdown(html: &str) -> String {
    let nodes = html::parse(html);
    let blocks = convert::blocks(&nodes);
    let lines = render::blocks(&blocks);
    let mut out = String::new();
    for line in &lines {
        let line = line.trim_end();
        if line.is_empty() && out.is_empty() {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}
