//! Python's `pprint.pformat(value, width=80)` for the few value types a
//! changelog holds: dicts with string keys, sets, strings and integers.
//!
//! AWS's API changelogs print each change dict with `pprint`, so readers
//! (and tools) know that text; reproducing it byte for byte keeps ours
//! comparable. The functions below mirror CPython's `PrettyPrinter`
//! (`_format`, `_pprint_dict`, `_format_dict_items`, `_pprint_set`,
//! `_format_items`, `_pprint_str`) with `indent=1`, `compact=False`,
//! `sort_dicts=True`:
//!
//! - a value whose one-line repr fits in `width - indent - allowance`
//!   columns is written on one line;
//! - otherwise a dict writes one `key: value` per line, each after the
//!   first indented one column past the opening brace, the value's own
//!   indent starting after the key; a set writes one element per line the
//!   same way; a string too long for its line is split after whitespace
//!   into adjacent literals;
//! - `allowance` reserves room for the closing brackets that follow the
//!   last item, and for the `,` that follows every other one.
//!
//! One deliberate difference: Python prints a set that fits on one line in
//! hash order (which varies between runs); here set elements are always
//! sorted, as Python does when it breaks a set over lines.

use std::collections::{BTreeMap, BTreeSet};

/// A value of the Python subset the changelog prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PyValue {
    Str(String),
    Int(i64),
    /// Keys sorted, as `sort_dicts=True` does.
    Dict(BTreeMap<String, PyValue>),
    /// Elements sorted.
    Set(BTreeSet<PyScalar>),
}

/// A set element. Ints sort before strings; a changelog never mixes them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PyScalar {
    Int(i64),
    Str(String),
}

/// `pprint.pformat(value, width=width)`.
pub fn pformat(value: &PyValue, width: usize) -> String {
    let mut printer = Printer {
        width,
        out: String::new(),
    };
    printer.format(value, 0, 0, 0);
    printer.out
}

/// `repr(value)` on one line (with sets sorted).
pub fn repr(value: &PyValue) -> String {
    match value {
        PyValue::Str(s) => repr_str(s),
        PyValue::Int(i) => i.to_string(),
        PyValue::Dict(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", repr_str(k), repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        PyValue::Set(set) if set.is_empty() => "set()".to_owned(),
        PyValue::Set(set) => {
            let items: Vec<String> = set.iter().map(repr_scalar).collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

fn repr_scalar(scalar: &PyScalar) -> String {
    match scalar {
        PyScalar::Int(i) => i.to_string(),
        PyScalar::Str(s) => repr_str(s),
    }
}

/// Python's `repr(str)`: single quotes unless the text has a single quote
/// and no double quote; backslash escapes for the quote, `\\`, `\t`, `\n`,
/// `\r`, and `\xNN`/`\uNNNN`/`\UNNNNNNNN` for characters Python does not
/// print.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) => {
                let n = u32::from(c);
                if n < 0x100 {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for one character, as far as the standard
/// library can tell: control characters, separators other than the space,
/// and the common format characters are not printable. (Unassigned code
/// points, which Python also escapes, are printed as they are.)
fn is_printable(c: char) -> bool {
    if c.is_control() {
        return false;
    }
    !matches!(
        c,
        '\u{a0}'
            | '\u{ad}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200f}'
            | '\u{2028}'..='\u{202f}'
            | '\u{205f}'..='\u{2064}'
            | '\u{3000}'
            | '\u{feff}'
    )
}

/// Python's `str.isspace`, which `\s` in a `str` pattern follows.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn width_of(s: &str) -> usize {
    s.chars().count()
}

struct Printer {
    width: usize,
    out: String,
}

impl Printer {
    /// `PrettyPrinter._format`.
    fn format(&mut self, value: &PyValue, indent: usize, allowance: usize, level: usize) {
        let rep = repr(value);
        let max_width = self.width.saturating_sub(indent + allowance);
        if width_of(&rep) > max_width {
            match value {
                PyValue::Dict(map) if !map.is_empty() => {
                    return self.dict(map, indent, allowance, level + 1)
                }
                PyValue::Set(set) if !set.is_empty() => {
                    return self.set(set, indent, allowance, level + 1)
                }
                PyValue::Str(s) if !s.is_empty() => {
                    return self.string(s, indent, allowance, level + 1)
                }
                _ => {}
            }
        }
        self.out.push_str(&rep);
    }

    /// `_pprint_dict` and `_format_dict_items`.
    fn dict(
        &mut self,
        map: &BTreeMap<String, PyValue>,
        indent: usize,
        allowance: usize,
        level: usize,
    ) {
        self.out.push('{');
        let indent = indent + 1;
        let allowance = allowance + 1;
        let last = map.len() - 1;
        for (i, (key, value)) in map.iter().enumerate() {
            let key_rep = repr_str(key);
            self.out.push_str(&key_rep);
            self.out.push_str(": ");
            let item_allowance = if i == last { allowance } else { 1 };
            self.format(
                value,
                indent + width_of(&key_rep) + 2,
                item_allowance,
                level,
            );
            if i != last {
                self.newline(indent);
            }
        }
        self.out.push('}');
    }

    /// `_pprint_set` and `_format_items` (not compact).
    fn set(&mut self, set: &BTreeSet<PyScalar>, indent: usize, allowance: usize, level: usize) {
        self.out.push('{');
        let indent = indent + 1;
        let allowance = allowance + 1;
        let last = set.len() - 1;
        for (i, element) in set.iter().enumerate() {
            if i > 0 {
                self.newline(indent);
            }
            let element = match element {
                PyScalar::Int(n) => PyValue::Int(*n),
                PyScalar::Str(s) => PyValue::Str(s.clone()),
            };
            let item_allowance = if i == last { allowance } else { 1 };
            self.format(&element, indent, item_allowance, level);
        }
        self.out.push('}');
    }

    /// `_pprint_str`: a string too long for its line becomes adjacent
    /// literals, split after runs of whitespace (and at line ends), each
    /// chunk as long as fits; at the top level they are parenthesized.
    fn string(&mut self, s: &str, indent: usize, allowance: usize, level: usize) {
        let (indent, allowance) = if level == 1 {
            (indent + 1, allowance + 1)
        } else {
            (indent, allowance)
        };
        let max_width = self.width.saturating_sub(indent);
        let lines = split_lines_keep_ends(s);
        let mut chunks: Vec<String> = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let is_last_line = i == lines.len() - 1;
            let rep = repr_str(line);
            let max_width1 = if is_last_line {
                max_width.saturating_sub(allowance)
            } else {
                max_width
            };
            if width_of(&rep) <= max_width1 {
                chunks.push(rep);
                continue;
            }
            let parts = split_after_spaces(line);
            let mut current = String::new();
            for (j, part) in parts.iter().enumerate() {
                let candidate = format!("{current}{part}");
                let max_width2 = if j == parts.len() - 1 && is_last_line {
                    max_width.saturating_sub(allowance)
                } else {
                    max_width
                };
                if width_of(&repr_str(&candidate)) > max_width2 {
                    if !current.is_empty() {
                        chunks.push(repr_str(&current));
                    }
                    current = (*part).to_owned();
                } else {
                    current = candidate;
                }
            }
            if !current.is_empty() {
                chunks.push(repr_str(&current));
            }
        }
        if chunks.len() == 1 {
            // Python writes the repr of the (only) line here.
            self.out.push_str(&chunks[0]);
            return;
        }
        if level == 1 {
            self.out.push('(');
        }
        for (i, chunk) in chunks.iter().enumerate() {
            if i > 0 {
                // Adjacent literals: no comma between them.
                self.out.push('\n');
                self.out.extend(std::iter::repeat_n(' ', indent));
            }
            self.out.push_str(chunk);
        }
        if level == 1 {
            self.out.push(')');
        }
    }

    /// The separator between items: a comma, then the next line indented.
    fn newline(&mut self, indent: usize) {
        self.out.push_str(",\n");
        self.out.extend(std::iter::repeat_n(' ', indent));
    }
}

/// `str.splitlines(True)` for the line breaks that matter here (`\n`,
/// `\r\n`, `\r`).
fn split_lines_keep_ends(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let end = match bytes[i] {
            b'\n' => Some(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => Some(i + 2),
            b'\r' => Some(i + 1),
            _ => None,
        };
        match end {
            Some(end) => {
                lines.push(&s[start..end]);
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

/// `re.findall(r'\S*\s*', line)` without its final empty match: runs of
/// non-space followed by the spaces after them.
fn split_after_spaces(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in line.char_indices() {
        let space = is_py_space(c);
        if in_space && !space {
            parts.push(&line[start..i]);
            start = i;
        }
        in_space = space;
    }
    if start < line.len() {
        parts.push(&line[start..]);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> PyValue {
        PyValue::Str(text.to_owned())
    }

    fn dict<const N: usize>(items: [(&str, PyValue); N]) -> PyValue {
        PyValue::Dict(items.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    fn set<const N: usize>(items: [&str; N]) -> PyValue {
        PyValue::Set(
            items
                .into_iter()
                .map(|v| PyScalar::Str(v.to_owned()))
                .collect(),
        )
    }

    #[test]
    fn repr_of_strings_follows_python() {
        assert_eq!(repr_str("abc"), "'abc'");
        assert_eq!(repr_str("it's"), "\"it's\"");
        assert_eq!(repr_str("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(
            repr_str("a\\b\n\t\u{1}\u{a0}é\u{2028}"),
            "'a\\\\b\\n\\t\\x01\\xa0é\\u2028'"
        );
    }

    #[test]
    fn short_values_stay_on_one_line() {
        let value = dict([("b", set(["Y", "X"])), ("a", s("string"))]);
        assert_eq!(pformat(&value, 80), "{'a': 'string', 'b': {'X', 'Y'}}");
    }

    #[test]
    fn split_after_spaces_keeps_spaces_with_words() {
        assert_eq!(split_after_spaces("ab  cd e"), vec!["ab  ", "cd ", "e"]);
        assert_eq!(split_after_spaces(" x"), vec![" ", "x"]);
    }

    #[test]
    fn long_top_level_string_is_parenthesized() {
        // pprint.pformat('word ' * 20, width=30)
        let text = "word ".repeat(20);
        let expected = "('word word word word word '\n 'word word word word word '\n \
                        'word word word word word '\n 'word word word word word ')";
        assert_eq!(pformat(&s(&text), 30), expected);
    }
}
