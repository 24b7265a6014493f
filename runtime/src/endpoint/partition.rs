//! `aws.partition`: which AWS partition a region belongs to.
//!
//! The table is generated from botocore's `partitions.json` into each
//! generated crate (`partitions::PARTITIONS`), so a partitions update is a
//! regeneration; this module holds the lookup and the small matcher for the
//! table's `regionRegex` patterns (no regex crate).

use std::fmt;

/// One partition of `partitions.json`: its outputs (what rule sets read
/// with `getAttr`), its region pattern and its known regions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partition {
    /// `name`: the partition id (`aws`, `aws-cn`, `aws-us-gov`, …).
    pub name: &'static str,
    /// `dnsSuffix` (`amazonaws.com`).
    pub dns_suffix: &'static str,
    /// `dualStackDnsSuffix` (`api.aws`).
    pub dual_stack_dns_suffix: &'static str,
    /// `implicitGlobalRegion`: the region of the partition's global
    /// endpoints (`us-east-1`).
    pub implicit_global_region: &'static str,
    /// `supportsFIPS`.
    pub supports_fips: bool,
    /// `supportsDualStack`.
    pub supports_dual_stack: bool,
    /// `regionRegex`, as written in `partitions.json` (see [`RegionRegex`]).
    pub region_regex: &'static str,
    /// The regions `partitions.json` lists by name.
    pub regions: &'static [&'static str],
}

/// The partition of `region`, as botocore finds it: the first partition
/// that lists the region by name or whose `regionRegex` matches it, else
/// the first partition of the table (`aws`, the default). `None` only for
/// an empty table.
pub fn partition(partitions: &'static [Partition], region: &str) -> Option<&'static Partition> {
    partitions
        .iter()
        .find(|p| {
            p.regions.contains(&region)
                || RegionRegex::parse(p.region_regex).is_ok_and(|regex| regex.matches(region))
        })
        .or_else(|| partitions.first())
}

/// A `regionRegex` of `partitions.json`, such as
/// `^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$`.
///
/// The subset of Python's `re` syntax the file uses: literal characters,
/// escapes of punctuation (`\-`, `\.`), the classes `\w` (a letter, digit or
/// `_`, Unicode as in Python) and `\d` (an ASCII digit), `.` (any character
/// but a newline), groups with alternatives `(a|b)`, the quantifiers `+`,
/// `*` and `?` on a single character or class (greedy, with backtracking), `^` at the start and `$` at the
/// end. Anything else is a [`RegionRegexError`]; the generator refuses a
/// table whose patterns do not parse. Matching is anchored at the start, as
/// Python's `re.match`; `$` means the end of the text (Python's also
/// accepts a final newline, which no region has).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionRegex {
    nodes: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    Char(char),
    Word,
    Digit,
    Any,
    Group(Vec<Vec<Node>>),
    Repeat {
        node: Box<Node>,
        min: usize,
        max: Option<usize>,
    },
    End,
}

/// A `regionRegex` outside the supported syntax.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionRegexError {
    /// The pattern.
    pub pattern: String,
    /// Character offset of the problem.
    pub offset: usize,
    /// What is wrong there.
    pub reason: &'static str,
}

impl fmt::Display for RegionRegexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "region pattern {:?} at character {}: {}",
            self.pattern, self.offset, self.reason
        )
    }
}

impl std::error::Error for RegionRegexError {}

impl RegionRegex {
    /// Parses a pattern of the supported syntax.
    pub fn parse(pattern: &str) -> Result<RegionRegex, RegionRegexError> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut parser = Parser {
            pattern,
            chars: &chars,
            at: 0,
        };
        if parser.peek() == Some('^') {
            parser.at += 1;
        }
        let nodes = parser.sequence(0)?;
        if parser.at < chars.len() {
            return Err(parser.error("an unmatched `)`"));
        }
        Ok(RegionRegex { nodes })
    }

    /// Whether the pattern matches `text` from its start.
    pub fn matches(&self, text: &str) -> bool {
        match_seq(&self.nodes, text, &|_| true)
    }
}

struct Parser<'a> {
    pattern: &'a str,
    chars: &'a [char],
    at: usize,
}

/// How deep groups may nest: patterns are tiny, and recursion must not
/// overflow the stack on a hostile one.
const MAX_DEPTH: usize = 16;

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn error(&self, reason: &'static str) -> RegionRegexError {
        RegionRegexError {
            pattern: self.pattern.to_owned(),
            offset: self.at,
            reason,
        }
    }

    /// Items up to the end, a `|` or a `)`.
    fn sequence(&mut self, depth: usize) -> Result<Vec<Node>, RegionRegexError> {
        let mut nodes = Vec::new();
        while let Some(c) = self.peek() {
            let node = match c {
                '|' | ')' => break,
                '$' => {
                    self.at += 1;
                    if self.peek().is_some() {
                        return Err(self.error("`$` is supported at the end only"));
                    }
                    nodes.push(Node::End);
                    continue;
                }
                '(' => {
                    if depth >= MAX_DEPTH {
                        return Err(self.error("groups nest too deeply"));
                    }
                    self.at += 1;
                    if self.peek() == Some('?') {
                        return Err(self.error("group options `(?…)` are not supported"));
                    }
                    let mut alternatives = vec![self.sequence(depth + 1)?];
                    while self.peek() == Some('|') {
                        self.at += 1;
                        alternatives.push(self.sequence(depth + 1)?);
                    }
                    if self.peek() != Some(')') {
                        return Err(self.error("a group is not closed"));
                    }
                    self.at += 1;
                    Node::Group(alternatives)
                }
                '\\' => {
                    self.at += 1;
                    let escaped = self
                        .peek()
                        .ok_or_else(|| self.error("a `\\` ends the pattern"))?;
                    self.at += 1;
                    match escaped {
                        'w' => Node::Word,
                        'd' => Node::Digit,
                        c if c.is_ascii_punctuation() => Node::Char(c),
                        _ => {
                            self.at -= 1;
                            return Err(self
                                .error("only `\\w`, `\\d` and escaped punctuation are supported"));
                        }
                    }
                }
                '.' => {
                    self.at += 1;
                    Node::Any
                }
                '[' | ']' | '{' | '}' | '^' => {
                    return Err(self.error(
                        "character sets, counted repeats and a `^` inside are not supported",
                    ))
                }
                '+' | '*' | '?' => {
                    return Err(self.error("a quantifier without anything to repeat"))
                }
                c => {
                    self.at += 1;
                    Node::Char(c)
                }
            };
            let node = match self.peek() {
                Some(q @ ('+' | '*' | '?')) => {
                    if matches!(node, Node::Group(_)) {
                        return Err(self.error("repeated groups are not supported"));
                    }
                    self.at += 1;
                    if matches!(self.peek(), Some('+' | '*' | '?')) {
                        return Err(self.error("lazy and possessive quantifiers are not supported"));
                    }
                    let (min, max) = match q {
                        '+' => (1, None),
                        '*' => (0, None),
                        _ => (0, Some(1)),
                    };
                    Node::Repeat {
                        node: Box::new(node),
                        min,
                        max,
                    }
                }
                _ => node,
            };
            nodes.push(node);
        }
        Ok(nodes)
    }
}

/// Whether `nodes` match a prefix of `text` such that `then` accepts the
/// rest: backtracking by continuation.
fn match_seq(nodes: &[Node], text: &str, then: &dyn Fn(&str) -> bool) -> bool {
    let Some((first, rest)) = nodes.split_first() else {
        return then(text);
    };
    match first {
        Node::Char(_) | Node::Word | Node::Digit | Node::Any => {
            let mut chars = text.chars();
            match chars.next() {
                Some(c) if matches_char(first, c) => match_seq(rest, chars.as_str(), then),
                _ => false,
            }
        }
        Node::Group(alternatives) => alternatives
            .iter()
            .any(|alternative| match_seq(alternative, text, &|after| match_seq(rest, after, then))),
        Node::Repeat { node, min, max } => {
            // Greedy: every place the repetition can end, longest first.
            // Iterative, so a long text cannot exhaust the stack.
            let mut ends = vec![text];
            let mut after = text;
            while max.is_none_or(|max| ends.len() <= max) {
                let mut chars = after.chars();
                match chars.next() {
                    Some(c) if matches_char(node, c) => {
                        after = chars.as_str();
                        ends.push(after);
                    }
                    _ => break,
                }
            }
            ends.iter()
                .enumerate()
                .rev()
                .any(|(count, after)| count >= *min && match_seq(rest, after, then))
        }
        Node::End => text.is_empty() && match_seq(rest, text, then),
    }
}

fn matches_char(node: &Node, c: char) -> bool {
    match node {
        Node::Char(expected) => c == *expected,
        Node::Word => c.is_alphanumeric() || c == '_',
        Node::Digit => c.is_ascii_digit(),
        Node::Any => c != '\n',
        _ => false,
    }
}
