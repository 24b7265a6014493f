//! From the document model to Markdown text that rustdoc reads as intended
//! and without warnings.
//!
//! Paragraphs are written on one line each (line breaks only where the HTML
//! had `<br>`), so the places where Markdown gives a character a meaning at
//! the start of a line are few and known.

use super::convert::{has_content, plain_inline_text, Block, Inline};

/// Characters that would trip rustc (`text_direction_codepoint_in_literal`
/// is deny-by-default) and have no business in documentation.
pub(super) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that are dropped or collapsed: whitespace, controls, bidi
/// controls.
pub(super) fn is_invisible(c: char) -> bool {
    c.is_whitespace() || c.is_control() || is_bidi_control(c)
}

/// Renders blocks as lines of Markdown, blank lines between blocks.
pub(super) fn blocks(blocks: &[Block]) -> Vec<String> {
    let mut lines = Vec::new();
    render_blocks(blocks, &mut lines);
    lines
}

fn render_blocks(blocks: &[Block], lines: &mut Vec<String>) {
    // Two lists of the same kind separated only by a blank line would merge
    // into one; alternating the marker keeps them apart.
    let mut alternate = false;
    let mut previous_list: Option<bool> = None;
    for block in blocks {
        let mut rendered = Vec::new();
        match block {
            Block::List { ordered, .. } => {
                alternate = previous_list == Some(*ordered) && !alternate;
                previous_list = Some(*ordered);
                render_list(block, alternate, &mut rendered);
            }
            _ => {
                previous_list = None;
                alternate = false;
                render_block(block, &mut rendered);
            }
        }
        if rendered.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(rendered);
    }
}

fn render_block(block: &Block, lines: &mut Vec<String>) {
    match block {
        Block::Para(inlines) => {
            let text = render_inlines(inlines, Mode::Para);
            if !text.is_empty() {
                lines.extend(text.split('\n').map(str::to_owned));
            }
        }
        Block::Heading(level, inlines) => {
            let text = render_inlines(inlines, Mode::Heading);
            if !text.is_empty() {
                lines.push(format!("{} {text}", "#".repeat(usize::from(*level))));
            }
        }
        Block::Code(text) => render_code_block(text, lines),
        Block::List { .. } => render_list(block, false, lines),
        Block::Quote { label, blocks } => {
            let mut inner_blocks = blocks.clone();
            if let Some(label) = label {
                let strong = Inline::Strong(vec![Inline::Text(format!("{label}:"))]);
                match inner_blocks.first_mut() {
                    Some(Block::Para(first)) => {
                        first.insert(0, Inline::Text(" ".into()));
                        first.insert(0, strong);
                    }
                    _ => inner_blocks.insert(0, Block::Para(vec![strong])),
                }
            }
            let mut inner = Vec::new();
            render_blocks(&inner_blocks, &mut inner);
            lines.extend(inner.into_iter().map(|line| {
                if line.is_empty() {
                    ">".to_owned()
                } else {
                    format!("> {line}")
                }
            }));
        }
        Block::Table(rows) => render_table(rows, lines),
    }
}

fn render_list(block: &Block, alternate: bool, lines: &mut Vec<String>) {
    let Block::List {
        ordered,
        start,
        items,
    } = block
    else {
        return;
    };
    // Tight unless some item holds more than a paragraph and a sub-list.
    let tight = items.iter().all(|item| {
        matches!(
            item.as_slice(),
            [] | [_] | [Block::Para(_), Block::List { .. }]
        )
    });
    let mut first = true;
    for (number, item) in (u64::from(*start)..).zip(items) {
        let marker = match (ordered, alternate) {
            (false, false) => "-".to_owned(),
            (false, true) => "*".to_owned(),
            (true, false) => format!("{number}."),
            (true, true) => format!("{number})"),
        };
        let mut content = Vec::new();
        if tight {
            // At most a paragraph and its sub-list: no blank line between.
            for block in item {
                let mut rendered = Vec::new();
                render_blocks(std::slice::from_ref(block), &mut rendered);
                content.extend(rendered);
            }
        } else {
            render_blocks(item, &mut content);
        }
        if content.is_empty() {
            continue;
        }
        if !first && !tight {
            lines.push(String::new());
        }
        first = false;
        let indent = " ".repeat(marker.len() + 1);
        for (i, line) in content.into_iter().enumerate() {
            if i == 0 {
                if line.is_empty() {
                    lines.push(marker.clone());
                } else {
                    lines.push(format!("{marker} {line}"));
                }
            } else if line.is_empty() {
                lines.push(line);
            } else {
                lines.push(format!("{indent}{line}"));
            }
        }
    }
}

fn render_code_block(text: &str, lines: &mut Vec<String>) {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut body: Vec<String> = text
        .split('\n')
        .map(|line| {
            line.chars()
                .filter(|&c| c == '\t' || !(c.is_control() || is_bidi_control(c)))
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect();
    while body.first().is_some_and(String::is_empty) {
        body.remove(0);
    }
    while body.last().is_some_and(String::is_empty) {
        body.pop();
    }
    if body.is_empty() {
        return;
    }
    // Remove the indentation common to all non-blank lines.
    let common = body
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let prefix: String = body
        .iter()
        .find(|l| !l.is_empty())
        .map(|l| l[..common].to_owned())
        .unwrap_or_default();
    for line in &mut body {
        if let Some(rest) = line.strip_prefix(prefix.as_str()) {
            *line = rest.to_owned();
        }
    }
    let longest_fence = body
        .iter()
        .map(|l| l.trim_start().chars().take_while(|&c| c == '`').count())
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest_fence.max(2) + 1);
    lines.push(format!("{fence}text"));
    lines.extend(body);
    lines.push(fence);
}

fn render_table(rows: &[Vec<Vec<Inline>>], lines: &mut Vec<String>) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return;
    }
    let row_line = |row: &[Vec<Inline>]| {
        let mut line = String::from("|");
        for i in 0..columns {
            let cell = row
                .get(i)
                .map(|c| render_inlines(c, Mode::TableCell))
                .unwrap_or_default();
            if cell.is_empty() {
                line.push_str(" |");
            } else {
                line.push(' ');
                line.push_str(&cell);
                line.push_str(" |");
            }
        }
        line
    };
    lines.push(row_line(&rows[0]));
    lines.push(format!("|{}", " --- |".repeat(columns)));
    for row in &rows[1..] {
        lines.push(row_line(row));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Para,
    Heading,
    TableCell,
}

/// Renders inline content: one line, or several joined by hard breaks
/// (`\` at the end of a line) in paragraphs.
fn render_inlines(inlines: &[Inline], mode: Mode) -> String {
    let mut writer = Writer::new(mode);
    writer.inlines(inlines);
    writer.finish()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    None,
    Space,
    Break,
}

/// Writes inline Markdown, deciding escapes from the text actually written
/// so far. Whitespace and opening delimiters are held back until visible
/// content follows, so that `<b> x </b>` gives ` **x** ` and `<b></b>`
/// gives nothing.
struct Writer {
    mode: Mode,
    out: String,
    line_start: bool,
    gap: Gap,
    /// Opening delimiters not yet written.
    pending_open: String,
    /// The last thing written was this closing delimiter, ending at this
    /// length of `out`.
    last_close: Option<(&'static str, usize)>,
    /// The last closing delimiter was preceded by punctuation, so it only
    /// closes if whitespace or punctuation follows.
    close_needs_gap: bool,
    strong: usize,
    emph: usize,
    in_link: usize,
    /// At a line start, inside a run of digits (`1.` would start a list).
    digit_run: bool,
}

impl Writer {
    fn new(mode: Mode) -> Self {
        Writer {
            mode,
            out: String::new(),
            line_start: mode == Mode::Para,
            gap: Gap::None,
            pending_open: String::new(),
            last_close: None,
            close_needs_gap: false,
            strong: 0,
            emph: 0,
            in_link: 0,
            digit_run: false,
        }
    }

    fn finish(self) -> String {
        // Held-back whitespace, breaks and opening delimiters are dropped.
        let mut out = self.out;
        out.truncate(out.trim_end().len());
        out
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(text) => self.text(text),
            Inline::Code(code) => self.code(code),
            Inline::Break => self.hard_break(),
            Inline::Strong(children) => {
                if self.strong > 0 {
                    self.inlines(children);
                } else {
                    self.strong += 1;
                    self.open("**");
                    self.inlines(children);
                    self.close("**");
                    self.strong -= 1;
                }
            }
            Inline::Emph(children) => {
                if self.emph > 0 {
                    self.inlines(children);
                } else {
                    self.emph += 1;
                    self.open("*");
                    self.inlines(children);
                    self.close("*");
                    self.emph -= 1;
                }
            }
            Inline::Link { url, children } => self.link(url, children),
        }
    }

    fn link(&mut self, url: &str, children: &[Inline]) {
        if self.in_link > 0 {
            self.inlines(children);
            return;
        }
        let text = plain_inline_text(children);
        let autolink_safe = !url
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>'));
        if !has_content(children) || (text.trim() == url && autolink_safe) {
            if autolink_safe {
                self.raw(&format!("<{url}>"));
            }
            return;
        }
        if code_contains(children, "]:") {
            // `[`a]:b`](url)` at a line start reads as a link reference
            // definition (code spans do not protect its label): write the
            // text, then the address.
            self.inlines(children);
            self.space();
            self.raw(&format!("(<{url}>)"));
            return;
        }
        self.in_link += 1;
        self.open("[");
        self.inlines(children);
        let close = format!("]({url})");
        if self.pending_open.ends_with('[') {
            // Only whitespace inside: drop the link.
            self.pending_open.pop();
        } else {
            let gap = std::mem::replace(&mut self.gap, Gap::None);
            self.out.push_str(&close);
            self.close_needs_gap = false;
            self.last_close = None;
            self.gap = gap;
        }
        self.in_link -= 1;
    }

    fn open(&mut self, delim: &'static str) {
        if self.gap == Gap::None
            && self.pending_open.is_empty()
            && self.last_close == Some((delim, self.out.len()))
        {
            // `<i>a</i><i>b</i>`: continue the previous span.
            self.out.truncate(self.out.len() - delim.len());
            self.last_close = None;
            self.close_needs_gap = false;
            return;
        }
        self.pending_open.push_str(delim);
    }

    fn close(&mut self, delim: &'static str) {
        if self.pending_open.ends_with(delim) {
            // Nothing visible since the opening delimiter.
            let len = self.pending_open.len() - delim.len();
            self.pending_open.truncate(len);
            return;
        }
        let gap = std::mem::replace(&mut self.gap, Gap::None);
        let before = self.out.chars().next_back();
        self.out.push_str(delim);
        self.close_needs_gap = before.is_some_and(is_punctuation);
        self.last_close = Some((delim, self.out.len()));
        self.gap = gap;
    }

    fn space(&mut self) {
        if !self.line_start && self.gap == Gap::None {
            self.gap = Gap::Space;
        }
    }

    fn hard_break(&mut self) {
        if self.mode != Mode::Para {
            self.space();
        } else if !self.line_start {
            self.gap = Gap::Break;
        }
    }

    /// Writes what was held back before content that starts with `next`.
    fn before(&mut self, next: char) {
        let just_closed = self.gap == Gap::None
            && self
                .last_close
                .is_some_and(|(_, end)| end == self.out.len());
        match std::mem::replace(&mut self.gap, Gap::None) {
            Gap::Space => self.out.push(' '),
            Gap::Break => {
                self.out.push_str("\\\n");
                self.line_start = true;
                self.digit_run = false;
            }
            Gap::None => {
                let follower = self.pending_open.chars().next().unwrap_or(next);
                if self.close_needs_gap && is_word(follower) {
                    // `**Note:**text` would not close: write `**Note:** text`.
                    self.out.push(' ');
                }
            }
        }
        self.close_needs_gap = false;
        self.last_close = None;
        if !self.pending_open.is_empty() {
            let previous = if self.line_start {
                None
            } else {
                self.out.chars().next_back()
            };
            let after_delimiters = self
                .pending_open
                .trim_start_matches('*')
                .chars()
                .next()
                .unwrap_or(next);
            if self.pending_open.starts_with('*')
                && (just_closed
                    || previous.is_some_and(is_word) && is_punctuation(after_delimiters))
            {
                // `*a***b**` would merge two delimiter runs into one, and
                // `a**(b)**` would not open: write `*a* **b**`, `a **(b)**`.
                self.out.push(' ');
            }
            let open = std::mem::take(&mut self.pending_open);
            if open.starts_with('[') && self.out.ends_with('!') {
                // `![` would start an image.
                self.out.insert(self.out.len() - 1, '\\');
            }
            self.out.push_str(&open);
            self.line_start = false;
            self.digit_run = false;
        }
    }

    fn raw(&mut self, s: &str) {
        let Some(first) = s.chars().next() else {
            return;
        };
        self.before(first);
        self.out.push_str(s);
        self.line_start = false;
        self.digit_run = false;
    }

    fn code(&mut self, code: &str) {
        let code: String = code
            .chars()
            .filter(|&c| !(c.is_control() || is_bidi_control(c)))
            .collect();
        let code = super::convert::collapse(&code);
        if code.is_empty() {
            return;
        }
        let code = if self.mode == Mode::TableCell {
            code.replace('|', "\\|")
        } else {
            code
        };
        let longest_run = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest_run + 1);
        let pad = if code.starts_with('`') || code.ends_with('`') {
            " "
        } else {
            ""
        };
        self.before('`');
        if self.out.ends_with('`') {
            self.out.push(' ');
        }
        self.out.push_str(&fence);
        self.out.push_str(pad);
        self.out.push_str(&code);
        self.out.push_str(pad);
        self.out.push_str(&fence);
        self.line_start = false;
        self.digit_run = false;
    }

    fn text(&mut self, text: &str) {
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_whitespace() {
                self.space();
                i += 1;
                continue;
            }
            if c.is_control() || is_bidi_control(c) {
                i += 1;
                continue;
            }
            if self.in_link == 0 {
                if let Some(len) = bare_url(&chars[i..], self.previous_char()) {
                    let url: String = chars[i..i + len].iter().collect();
                    self.raw(&format!("<{url}>"));
                    i += len;
                    continue;
                }
            }
            let next = chars.get(i + 1).copied();
            self.before(c);
            let escape = self.needs_escape(c, next, &chars[i + 1..]);
            if escape {
                self.out.push('\\');
            }
            self.out.push(c);
            self.line_start = false;
            i += 1;
        }
    }

    fn previous_char(&self) -> Option<char> {
        if self.gap != Gap::None || !self.pending_open.is_empty() {
            return Some(' ');
        }
        self.out.chars().next_back()
    }

    /// Whether `c`, about to be written, needs a backslash. `rest` is the
    /// text that follows it in the same text node (beyond that, the next
    /// character is unknown and the answer is conservative).
    fn needs_escape(&mut self, c: char, next: Option<char>, rest: &[char]) -> bool {
        let line_start = self.line_start;
        if line_start && c.is_ascii_digit() {
            self.digit_run = true;
            return false;
        }
        let in_digit_run = std::mem::take(&mut self.digit_run) && !line_start;
        if in_digit_run && c.is_ascii_digit() {
            self.digit_run = true;
            return false;
        }
        match c {
            // Always meaningful: emphasis, code, links, HTML, escapes,
            // strikethrough, block quotes.
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '~' => true,
            // Intra-word underscores are literal; others may emphasise.
            '_' => {
                !(self.out.chars().next_back().is_some_and(is_word) && next.is_some_and(is_word))
            }
            // `&lt;` in text would be read as a character reference.
            '&' => looks_like_reference(rest),
            // `1.` / `1)` at a line start begins an ordered list.
            '.' | ')' => in_digit_run,
            '|' => line_start || self.mode == Mode::TableCell,
            // ATX headings; in headings a trailing `#` run closes the heading.
            '#' => line_start || self.mode == Mode::Heading,
            // Heading attributes (`# Title {#id}`).
            '{' | '}' => self.mode == Mode::Heading,
            // Footnote references `[^x]`.
            '^' => self.out.ends_with('['),
            // List items, setext underlines, thematic breaks, table rows.
            '-' | '+' | '=' | ':' => line_start,
            _ => false,
        }
    }
}

fn code_contains(inlines: &[Inline], needle: &str) -> bool {
    inlines.iter().any(|inline| match inline {
        Inline::Code(code) => code.contains(needle),
        Inline::Strong(c) | Inline::Emph(c) | Inline::Link { children: c, .. } => {
            code_contains(c, needle)
        }
        Inline::Text(_) | Inline::Break => false,
    })
}

/// Length (in chars) of a bare `http(s)://` URL at the start of `chars`,
/// if there is one that should be written as an autolink.
fn bare_url(chars: &[char], previous: Option<char>) -> Option<usize> {
    if previous.is_some_and(|p| p.is_alphanumeric()) {
        return None;
    }
    let scheme_len = ["https://", "http://"].iter().find_map(|scheme| {
        let n = scheme.chars().count();
        (chars.len() > n
            && chars[..n]
                .iter()
                .zip(scheme.chars())
                .all(|(a, b)| a.to_ascii_lowercase() == b))
        .then_some(n)
    })?;
    let mut len = chars
        .iter()
        .position(|&c| {
            is_invisible(c)
                || matches!(
                    c,
                    '<' | '>' | '"' | '`' | '\\' | '{' | '}' | '|' | '^' | '[' | ']'
                )
        })
        .unwrap_or(chars.len());
    // Trailing punctuation belongs to the sentence; a `)` only if unmatched.
    loop {
        match chars[..len].last() {
            Some('.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~') => len -= 1,
            Some(')') => {
                let opens = chars[..len].iter().filter(|&&c| c == '(').count();
                let closes = chars[..len].iter().filter(|&&c| c == ')').count();
                if closes > opens {
                    len -= 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    // A host must follow the scheme.
    (len > scheme_len && chars[scheme_len].is_alphanumeric()).then_some(len)
}

fn looks_like_reference(rest: &[char]) -> bool {
    let body: Vec<char> = rest
        .iter()
        .copied()
        .take_while(|&c| c != ';')
        .take(33)
        .collect();
    !body.is_empty()
        && body.len() < 33
        && rest.get(body.len()) == Some(&';')
        && body.iter().all(|&c| c.is_ascii_alphanumeric() || c == '#')
}

fn is_word(c: char) -> bool {
    !c.is_whitespace() && !is_punctuation(c)
}

/// Punctuation as CommonMark's flanking rules see it.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || (!c.is_ascii()
            && !c.is_alphanumeric()
            && !c.is_whitespace()
            && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'))
}
