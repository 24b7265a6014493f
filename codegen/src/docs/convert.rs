//! From the HTML tree to a small Markdown document model.
//!
//! Every element is classified once ([`kind`]); block elements become
//! [`Block`]s, inline elements [`Inline`]s, and everything else is
//! transparent: the tag goes, its content stays.

use super::html::{Element, Node};

/// Inline content of a paragraph, heading or table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Inline {
    /// Text as written (not yet whitespace-collapsed nor escaped).
    Text(String),
    /// Code span content (whitespace already collapsed).
    Code(String),
    Strong(Vec<Inline>),
    Emph(Vec<Inline>),
    /// A link to an absolute URL.
    Link {
        url: String,
        children: Vec<Inline>,
    },
    /// A hard line break (`<br>`).
    Break,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Block {
    Para(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    /// A code block; the text keeps its line structure.
    Code(String),
    List {
        ordered: bool,
        start: u32,
        items: Vec<Vec<Block>>,
    },
    /// A block quote, with a label for admonitions (`Note`, `Important`).
    Quote {
        label: Option<&'static str>,
        blocks: Vec<Block>,
    },
    /// Rows of cells; the first row is the header.
    Table(Vec<Vec<Vec<Inline>>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Dropped with its content (`<fullname>`, `<examples>`, `<script>`).
    Drop,
    /// A block container whose content forms paragraphs (`<p>`, `<div>`).
    Para,
    List {
        ordered: bool,
    },
    Item,
    DefList,
    Term,
    Definition,
    Pre,
    Quote(Option<&'static str>),
    Heading(u8),
    Table,
    /// Table parts met outside a table, and `<hr>`: block boundaries.
    Boundary,
    Break,
    Strong,
    Emph,
    Code,
    Link,
    /// Unknown or purely presentational (`<span>`, `<u>`, `<value>`).
    Transparent,
}

impl Kind {
    fn is_block(self) -> bool {
        !matches!(
            self,
            Kind::Drop
                | Kind::Break
                | Kind::Strong
                | Kind::Emph
                | Kind::Code
                | Kind::Link
                | Kind::Transparent
        )
    }
}

fn kind(name: &str) -> Kind {
    match name {
        // botocore's own doc renderer drops these too.
        "fullname" | "examples" | "script" | "style" | "head" => Kind::Drop,
        "p" | "para" | "simpara" | "div" | "section" | "article" | "header" | "footer" | "body"
        | "html" | "main" | "figure" | "figcaption" | "details" | "summary" | "center"
        | "caption" => Kind::Para,
        "ul" | "itemizedlist" | "menu" => Kind::List { ordered: false },
        "ol" | "orderedlist" => Kind::List { ordered: true },
        "li" | "listitem" => Kind::Item,
        "dl" | "variablelist" => Kind::DefList,
        "dt" | "term" => Kind::Term,
        "dd" => Kind::Definition,
        "pre" | "programlisting" | "screen" | "codeblock" => Kind::Pre,
        "note" => Kind::Quote(Some("Note")),
        "important" => Kind::Quote(Some("Important")),
        "warning" => Kind::Quote(Some("Warning")),
        "danger" => Kind::Quote(Some("Danger")),
        "caution" => Kind::Quote(Some("Caution")),
        "tip" => Kind::Quote(Some("Tip")),
        "blockquote" => Kind::Quote(None),
        "h1" => Kind::Heading(1),
        "h2" => Kind::Heading(2),
        "h3" => Kind::Heading(3),
        "h4" => Kind::Heading(4),
        "h5" => Kind::Heading(5),
        "h6" => Kind::Heading(6),
        "table" => Kind::Table,
        "tr" | "td" | "th" | "thead" | "tbody" | "tfoot" | "hr" => Kind::Boundary,
        "br" => Kind::Break,
        "b" | "strong" => Kind::Strong,
        "i" | "em" | "emphasis" | "cite" | "var" | "dfn" | "replaceable" => Kind::Emph,
        "code" | "tt" | "kbd" | "samp" | "function" | "filename" | "literal" | "command"
        | "userinput" | "systemitem" => Kind::Code,
        "a" | "ulink" | "link" | "xref" => Kind::Link,
        _ => Kind::Transparent,
    }
}

/// Converts a forest of nodes into blocks.
pub(super) fn blocks(nodes: &[Node]) -> Vec<Block> {
    let mut flow = Flow::default();
    flow.nodes(nodes);
    flow.finish()
}

#[derive(Default)]
struct Flow {
    blocks: Vec<Block>,
    para: Vec<Inline>,
}

impl Flow {
    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }

    fn flush(&mut self) {
        let para = std::mem::take(&mut self.para);
        if has_content(&para) {
            self.blocks.push(Block::Para(para));
        }
    }

    fn push_block(&mut self, block: Block) {
        self.flush();
        self.blocks.push(block);
    }

    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        let element = match node {
            Node::Text(text) => {
                self.para.push(Inline::Text(text.clone()));
                return;
            }
            Node::Element(element) => element,
        };
        match kind(&element.name) {
            Kind::Drop => {}
            Kind::Break => self.para.push(Inline::Break),
            Kind::Para | Kind::Boundary | Kind::Term | Kind::Definition => {
                self.flush();
                self.nodes(&element.children);
                self.flush();
            }
            Kind::List { ordered } => {
                self.flush();
                if let Some(list) = list(element, ordered) {
                    self.blocks.push(list);
                }
            }
            Kind::Item => {
                // A stray `<li>`: join the list just before it, if any.
                self.flush();
                let item = blocks(&element.children);
                if item.is_empty() {
                    return;
                }
                if let Some(Block::List {
                    ordered: false,
                    items,
                    ..
                }) = self.blocks.last_mut()
                {
                    items.push(item);
                } else {
                    self.blocks.push(Block::List {
                        ordered: false,
                        start: 1,
                        items: vec![item],
                    });
                }
            }
            Kind::DefList => {
                self.flush();
                if let Some(list) = definition_list(element) {
                    self.blocks.push(list);
                }
            }
            Kind::Pre => {
                let mut text = String::new();
                pre_text(&element.children, &mut text);
                if !text.trim().is_empty() {
                    self.push_block(Block::Code(text));
                }
            }
            Kind::Quote(label) => {
                let inner = blocks(&element.children);
                if !inner.is_empty() {
                    self.push_block(Block::Quote {
                        label,
                        blocks: inner,
                    });
                }
            }
            Kind::Heading(level) => {
                let inlines = flatten(blocks(&element.children));
                if has_content(&inlines) {
                    self.push_block(Block::Heading(level, inlines));
                }
            }
            Kind::Table => {
                self.flush();
                let mut rows = Vec::new();
                let mut outside = Vec::new();
                table_rows(&element.children, &mut rows, &mut outside);
                self.blocks.extend(outside);
                if rows
                    .iter()
                    .any(|row| row.iter().any(|cell| has_content(cell)))
                {
                    self.blocks.push(Block::Table(rows));
                }
            }
            Kind::Strong | Kind::Emph | Kind::Code | Kind::Link | Kind::Transparent => {
                if has_block_descendant(element) {
                    // `<b><p>…</p></b>`: keep the structure, lose the style.
                    self.nodes(&element.children);
                } else {
                    inline_element(element, false, &mut self.para);
                }
            }
        }
    }
}

fn has_block_descendant(element: &Element) -> bool {
    element.children.iter().any(|child| match child {
        Node::Text(_) => false,
        Node::Element(e) => match kind(&e.name) {
            Kind::Drop => false,
            k if k.is_block() => true,
            _ => has_block_descendant(e),
        },
    })
}

/// Inline content of nodes that contain no block elements.
fn inlines(nodes: &[Node], in_link: bool, out: &mut Vec<Inline>) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push(Inline::Text(text.clone())),
            Node::Element(element) => inline_element(element, in_link, out),
        }
    }
}

fn inline_element(element: &Element, in_link: bool, out: &mut Vec<Inline>) {
    let children = |in_link| {
        let mut v = Vec::new();
        inlines(&element.children, in_link, &mut v);
        v
    };
    match kind(&element.name) {
        Kind::Drop => {}
        Kind::Break => out.push(Inline::Break),
        Kind::Strong => out.push(Inline::Strong(children(in_link))),
        Kind::Emph => out.push(Inline::Emph(children(in_link))),
        Kind::Code => out.push(code(&element.children)),
        Kind::Link => {
            let href = element
                .attr("href")
                .or_else(|| element.attr("url"))
                .or_else(|| element.attr("xlink:href"));
            match href {
                Some(href) => match absolute_url(href) {
                    Some(url) if !in_link => out.push(Inline::Link {
                        url,
                        children: children(true),
                    }),
                    _ => out.extend(children(in_link)),
                },
                None => {
                    // `<a>ListThings</a>` names another operation or shape;
                    // `<xref linkend="X"/>` likewise.
                    let mut text = String::new();
                    plain_text(&element.children, &mut text);
                    if text.trim().is_empty() {
                        if let Some(target) = element.attr("linkend") {
                            text = target.to_owned();
                        }
                    }
                    out.push(Inline::Code(collapse(&text)));
                }
            }
        }
        _ => out.extend(children(in_link)),
    }
}

fn code(nodes: &[Node]) -> Inline {
    let mut text = String::new();
    plain_text(nodes, &mut text);
    Inline::Code(collapse(&text))
}

/// Collapses whitespace runs to one space and trims.
pub(super) fn collapse(text: &str) -> String {
    text.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of nodes, with a space where blocks or line breaks were.
fn plain_text(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) => match kind(&e.name) {
                Kind::Drop => {}
                k if k.is_block() || k == Kind::Break => {
                    out.push(' ');
                    plain_text(&e.children, out);
                    out.push(' ');
                }
                _ => plain_text(&e.children, out),
            },
        }
    }
}

/// The text of a `<pre>`, keeping whitespace; `<br>` and blocks give line
/// breaks.
fn pre_text(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) => match kind(&e.name) {
                Kind::Drop => {}
                Kind::Break => out.push('\n'),
                k if k.is_block() => {
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    pre_text(&e.children, out);
                    if !out.ends_with('\n') {
                        out.push('\n');
                    }
                }
                _ => pre_text(&e.children, out),
            },
        }
    }
}

/// `Some(url)` for `http(s)://` and `mailto:` addresses; relative links
/// (which would become broken intra-doc links) give `None`.
fn absolute_url(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    let scheme_len = ["https://", "http://", "mailto:"]
        .iter()
        .find(|s| lower.starts_with(*s))
        .map(|s| s.len())?;
    if href.len() <= scheme_len {
        return None;
    }
    let mut url = String::with_capacity(href.len());
    for c in href.chars() {
        match c {
            ' ' => url.push_str("%20"),
            '<' => url.push_str("%3C"),
            '>' => url.push_str("%3E"),
            '(' => url.push_str("%28"),
            ')' => url.push_str("%29"),
            '\\' => url.push_str("%5C"),
            '`' => url.push_str("%60"),
            c if c.is_whitespace() || c.is_control() || super::render::is_bidi_control(c) => {}
            c => url.push(c),
        }
    }
    Some(url)
}

fn list(element: &Element, ordered: bool) -> Option<Block> {
    let start = element
        .attr("start")
        .and_then(|s| s.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .min(999_999_999);
    let mut items: Vec<Vec<Block>> = Vec::new();
    let mut stray: Vec<Node> = Vec::new();
    let flush_stray = |stray: &mut Vec<Node>, items: &mut Vec<Vec<Block>>| {
        let content = blocks(stray);
        stray.clear();
        if content.is_empty() {
            return;
        }
        // `<ul><li>a</li><ul>…</ul></ul>` means a nested list under `a`.
        match items.last_mut() {
            Some(last) => last.extend(content),
            None => items.push(content),
        }
    };
    for child in &element.children {
        match child {
            Node::Element(e) if kind(&e.name) == Kind::Item => {
                flush_stray(&mut stray, &mut items);
                items.push(blocks(&e.children));
            }
            other => stray.push(other.clone()),
        }
    }
    flush_stray(&mut stray, &mut items);
    items.retain(|item| !item.is_empty());
    (!items.is_empty()).then_some(Block::List {
        ordered,
        start,
        items,
    })
}

/// `<dl>` becomes a bullet list: `**term**: definition`.
fn definition_list(element: &Element) -> Option<Block> {
    let mut items: Vec<Vec<Block>> = Vec::new();
    // Whether the last item holds a term that has no definition yet.
    let mut open_term = false;
    definition_items(&element.children, &mut items, &mut open_term);
    items.retain(|item| !item.is_empty());
    (!items.is_empty()).then_some(Block::List {
        ordered: false,
        start: 1,
        items,
    })
}

fn definition_items(nodes: &[Node], items: &mut Vec<Vec<Block>>, open_term: &mut bool) {
    for node in nodes {
        let element = match node {
            Node::Text(text) if text.trim().is_empty() => continue,
            Node::Element(e) => e,
            Node::Text(_) => {
                let content = blocks(std::slice::from_ref(node));
                append_definition(items, open_term, content);
                continue;
            }
        };
        match kind(&element.name) {
            Kind::Term => {
                let term = flatten(blocks(&element.children));
                if has_content(&term) {
                    items.push(vec![Block::Para(vec![Inline::Strong(term)])]);
                    *open_term = true;
                }
            }
            Kind::Definition | Kind::Item => {
                let content = blocks(&element.children);
                append_definition(items, open_term, content);
            }
            Kind::DefList | Kind::Transparent if !has_only_inline(element) => {
                // DocBook `<varlistentry>` and other wrappers.
                definition_items(&element.children, items, open_term);
            }
            _ => {
                let content = blocks(std::slice::from_ref(node));
                append_definition(items, open_term, content);
            }
        }
    }
}

fn has_only_inline(element: &Element) -> bool {
    !has_block_descendant(element)
}

fn append_definition(items: &mut Vec<Vec<Block>>, open_term: &mut bool, mut content: Vec<Block>) {
    if content.is_empty() {
        return;
    }
    let Some(item) = items.last_mut() else {
        items.push(content);
        return;
    };
    if std::mem::take(open_term) {
        if let (Some(Block::Para(term)), Some(Block::Para(_))) = (item.last_mut(), content.first())
        {
            let Block::Para(first) = content.remove(0) else {
                unreachable!("checked above")
            };
            let ends_with_colon =
                matches!(plain_inline_text(term).trim_end().chars().last(), Some(':'));
            term.push(Inline::Text(
                if ends_with_colon { " " } else { ": " }.into(),
            ));
            term.extend(first);
        }
    }
    item.extend(content);
}

pub(super) fn plain_inline_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Strong(c) | Inline::Emph(c) | Inline::Link { children: c, .. } => {
                out.push_str(&plain_inline_text(c))
            }
            Inline::Break => out.push(' '),
        }
    }
    out
}

/// Collects the rows of a table. Content that is not in a cell (a caption,
/// text directly in `<table>`) goes to `outside`, written before the table
/// as browsers do.
fn table_rows(nodes: &[Node], rows: &mut Vec<Vec<Vec<Inline>>>, outside: &mut Vec<Block>) {
    for node in nodes {
        let element = match node {
            Node::Element(element) => element,
            Node::Text(_) => {
                outside.extend(blocks(std::slice::from_ref(node)));
                continue;
            }
        };
        match element.name.as_str() {
            "tr" => {
                let mut row = Vec::new();
                for cell in &element.children {
                    let content = match cell {
                        Node::Element(c) if matches!(c.name.as_str(), "td" | "th") => {
                            flatten(blocks(&c.children))
                        }
                        _ => {
                            let content = flatten(blocks(std::slice::from_ref(cell)));
                            if !has_content(&content) {
                                continue;
                            }
                            content
                        }
                    };
                    row.push(content);
                }
                if !row.is_empty() {
                    rows.push(row);
                }
            }
            "td" | "th" => rows.push(vec![flatten(blocks(&element.children))]),
            "thead" | "tbody" | "tfoot" => table_rows(&element.children, rows, outside),
            _ if kind(&element.name) == Kind::Transparent => {
                table_rows(&element.children, rows, outside)
            }
            _ => outside.extend(blocks(std::slice::from_ref(node))),
        }
    }
}

/// Inline content of blocks, for places that cannot hold blocks (headings,
/// table cells, terms).
fn flatten(blocks: Vec<Block>) -> Vec<Inline> {
    let mut out = Vec::new();
    for block in blocks {
        if !out.is_empty() {
            out.push(Inline::Text(" ".into()));
        }
        match block {
            Block::Para(inlines) | Block::Heading(_, inlines) => out.extend(inlines),
            Block::Code(text) => out.push(Inline::Code(collapse(&text))),
            Block::List { items, .. } => {
                for item in items {
                    out.push(Inline::Text(" ".into()));
                    out.extend(flatten(item));
                }
            }
            Block::Quote { label, blocks } => {
                if let Some(label) = label {
                    out.push(Inline::Strong(vec![Inline::Text(format!("{label}:"))]));
                    out.push(Inline::Text(" ".into()));
                }
                out.extend(flatten(blocks));
            }
            Block::Table(rows) => {
                for cell in rows.into_iter().flatten() {
                    out.push(Inline::Text(" ".into()));
                    out.extend(cell);
                }
            }
        }
    }
    out
}

/// Whether inline content shows anything (not just whitespace and breaks).
pub(super) fn has_content(inlines: &[Inline]) -> bool {
    inlines.iter().any(|inline| match inline {
        Inline::Text(text) | Inline::Code(text) => {
            text.chars().any(|c| !super::render::is_invisible(c))
        }
        Inline::Strong(children) | Inline::Emph(children) => has_content(children),
        Inline::Link { .. } => true,
        Inline::Break => false,
    })
}
