use super::html_to_markdown as md;

#[track_caller]
fn check(html: &str, expected: &str) {
    assert_eq!(md(html), expected, "input: {html:?}");
}

// --- paragraphs and whitespace -------------------------------------------

#[test]
fn paragraphs_are_separated_by_one_blank_line() {
    check(
        "<p>One.</p> <p>Two.</p>\n\n<p>Three.</p>",
        "One.\n\nTwo.\n\nThree.",
    );
}

#[test]
fn whitespace_is_collapsed_and_trimmed() {
    check("  <p>  a \n\t b  </p>  ", "a b");
    check("<p>a&nbsp;&nbsp;b</p>", "a b");
    check("text<p>para</p>tail", "text\n\npara\n\ntail");
}

#[test]
fn empty_paragraphs_vanish() {
    check("<p></p><p> </p><p>x</p><p/>", "x");
}

// --- inline ---------------------------------------------------------------

#[test]
fn code_spans() {
    check(
        "<p>Call <code>ListThings</code> now.</p>",
        "Call `ListThings` now.",
    );
    check("<code> a   b </code>", "`a b`");
    check("<code></code>x", "x");
    check("<code/>x", "x");
}

#[test]
fn code_spans_with_backticks() {
    check("<code>a`b</code>", "``a`b``");
    check("<code>`a`</code>", "`` `a` ``");
    check("<code>``</code>", "``` `` ```");
}

#[test]
fn adjacent_code_spans_stay_apart() {
    check("<code>a</code><code>b</code>", "`a` `b`");
}

#[test]
fn code_keeps_markup_text_only() {
    check(
        "<code>https://s3.<i>region</i>.amazonaws.com/x</code>",
        "`https://s3.region.amazonaws.com/x`",
    );
    check("<code>&lt;p&gt; [x] *y*</code>", "`<p> [x] *y*`");
}

#[test]
fn bold_and_italic() {
    check("<b>bold</b> <strong>strong</strong>", "**bold** **strong**");
    check("<i>it</i> <em>em</em>", "*it* *em*");
    check("<b><i>both</i></b>", "***both***");
}

#[test]
fn empty_emphasis_gives_nothing() {
    check("a<b></b>b<i> </i>c<b/>d", "ab cd");
    check("<b><i></i></b>x", "x");
}

#[test]
fn emphasis_whitespace_moves_outside_delimiters() {
    check("a<b> bold </b>b", "a **bold** b");
    check("<i>x </i>y", "*x* y");
}

#[test]
fn emphasis_that_would_not_parse_gets_a_space() {
    // `**Note:**text`: a closing run after punctuation needs a gap.
    check("<b>Note:</b>text", "**Note:** text");
    // `a**(b)**`: an opening run before punctuation needs a gap.
    check("a<b>(b)</b>", "a **(b)**");
    // Intra-word emphasis with `*` is fine.
    check("foo<b>bar</b>baz", "foo**bar**baz");
}

#[test]
fn nested_same_emphasis_does_not_double() {
    check("<i>a <i>b</i> c</i>", "*a b c*");
    check("<b>a <strong>b</strong></b>", "**a b**");
    check("<i>a</i><i>b</i>", "*ab*");
}

#[test]
fn line_breaks() {
    check("<p>a<br>b<br/>c</p>", "a\\\nb\\\nc");
    check("<p><br>a<br><br>b<br></p>", "a\\\nb");
    check("<p><b>a<br></b>b</p>", "**a**\\\nb");
}

// --- links ----------------------------------------------------------------

#[test]
fn links_with_absolute_href() {
    check(
        r#"See <a href="https://docs.aws.amazon.com/iot/latest/developerguide/x.html">the guide</a>."#,
        "See [the guide](https://docs.aws.amazon.com/iot/latest/developerguide/x.html).",
    );
    check(
        r#"<a href="http://a.example/b">t</a>"#,
        "[t](http://a.example/b)",
    );
    check(
        r#"<a href="mailto:x@example.com">mail</a>"#,
        "[mail](mailto:x@example.com)",
    );
}

#[test]
fn links_without_href_are_references() {
    check(
        "Use <a>ListCertificates</a> first.",
        "Use `ListCertificates` first.",
    );
    check("<a> Foo </a>", "`Foo`");
    check("<a></a>x", "x");
}

#[test]
fn relative_links_keep_only_their_text() {
    check(r#"<a href="iot-policies.html">Policies</a>"#, "Policies");
    check(r##"<a href="#anchor">here</a>"##, "here");
    check(r#"<a href="/iot/latest/x">[x]</a>"#, "\\[x\\]");
}

#[test]
fn link_urls_are_made_safe() {
    check(
        r#"<a href=" https://x.example/a b(c)?d=1&amp;e=2 ">t</a>"#,
        "[t](https://x.example/a%20b%28c%29?d=1&e=2)",
    );
}

#[test]
fn empty_or_self_named_links_become_autolinks() {
    check(
        r#"<a href="https://x.example/a"/> for APIs"#,
        "<https://x.example/a> for APIs",
    );
    check(
        r#"<a href="https://x.example/a">https://x.example/a</a>"#,
        "<https://x.example/a>",
    );
}

#[test]
fn link_text_is_formatted_and_not_nested() {
    check(
        r#"<a href="https://x.example/"><code>Foo</code> and <a href="https://y.example/">bar</a></a>"#,
        "[`Foo` and bar](https://x.example/)",
    );
    check(
        r#"<b><a href="https://x.example/">t</a></b>x"#,
        "**[t](https://x.example/)** x",
    );
}

#[test]
fn link_text_urls_are_not_autolinked() {
    check(
        r#"<a href="https://x.example/">see https://x.example/</a>"#,
        "[see https://x.example/](https://x.example/)",
    );
}

#[test]
fn docbook_links() {
    check(
        r#"<ulink url="http://docs.aws.amazon.com/x.html">Using</ulink>"#,
        "[Using](http://docs.aws.amazon.com/x.html)",
    );
    check(
        r#"<link linkend="Disassociate">Disassociate</link> op"#,
        "`Disassociate` op",
    );
    check(r#"<xref linkend="Target"/>"#, "`Target`");
}

// --- bare URLs --------------------------------------------------------------

#[test]
fn bare_urls_become_autolinks() {
    check(
        "<p>See https://example.com/a_b*c.</p>",
        "See <https://example.com/a_b*c>.",
    );
    check("(http://example.com/x)", "(<http://example.com/x>)");
    check("http://example.com/a_(b)", "<http://example.com/a_(b)>");
    check(
        "url: https://x.example/a?b=1&c=2, then",
        "url: <https://x.example/a?b=1&c=2>, then",
    );
}

#[test]
fn things_that_are_not_urls() {
    check("https:// alone", "https:// alone");
    check("xhttps://example.com", "xhttps://example.com");
}

// --- lists ----------------------------------------------------------------

#[test]
fn unordered_list() {
    check(
        "<p>Intro:</p><ul><li>a</li><li>b</li></ul><p>After.</p>",
        "Intro:\n\n- a\n- b\n\nAfter.",
    );
}

#[test]
fn ordered_list() {
    check("<ol><li>a</li><li>b</li></ol>", "1. a\n2. b");
    check(r#"<ol start="3"><li>a</li><li>b</li></ol>"#, "3. a\n4. b");
}

#[test]
fn list_items_with_paragraphs() {
    check(
        "<ul> <li> <p>a</p> </li> <li> <p>b</p> </li> </ul>",
        "- a\n- b",
    );
    check(
        "<ul><li><p>a</p><p>more a</p></li><li><p>b</p></li></ul>",
        "- a\n\n  more a\n\n- b",
    );
}

#[test]
fn nested_lists_are_indented() {
    check(
        "<ul><li>a<ul><li>a1</li><li>a2</li></ul></li><li>b</li></ul>",
        "- a\n  - a1\n  - a2\n- b",
    );
    check(
        "<ol><li>a<ol><li>x</li></ol></li><li>b</li><li>c</li><li>d</li><li>e</li><li>f</li><li>g</li><li>h</li><li>i</li><li>j<ul><li>y</li></ul></li></ol>",
        "1. a\n   1. x\n2. b\n3. c\n4. d\n5. e\n6. f\n7. g\n8. h\n9. i\n10. j\n    - y",
    );
}

#[test]
fn list_directly_inside_list_nests_under_previous_item() {
    check(
        "<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>",
        "- a\n  - b\n- c",
    );
}

#[test]
fn unclosed_list_items() {
    check("<ul><li>a<li>b</ul>", "- a\n- b");
    check("<ul><li>a<li>b", "- a\n- b");
}

#[test]
fn consecutive_lists_stay_separate() {
    check("<ul><li>a</li></ul><ul><li>b</li></ul>", "- a\n\n* b");
    check("<ol><li>a</li></ol><ol><li>b</li></ol>", "1. a\n\n1) b");
}

#[test]
fn stray_list_items() {
    check("<li>a</li><li>b</li>", "- a\n- b");
}

#[test]
fn list_items_with_code_blocks_and_notes() {
    check(
        "<ul><li><p>a</p><pre>x\n  y</pre></li><li><note><p>n</p></note></li></ul>",
        "- a\n\n  ```text\n  x\n    y\n  ```\n\n- > **Note:** n",
    );
}

#[test]
fn empty_lists_and_items_vanish() {
    check("<ul></ul><ul><li> </li></ul>x", "x");
}

// --- definition lists ---------------------------------------------------------

#[test]
fn definition_lists() {
    check(
        "<p>Values:</p> <dl> <dt>IN_PROGRESS</dt> <dd> <p>Created.</p> </dd> <dt>ENABLED:</dt> <dd><p>On.</p><p>More.</p></dd> </dl>",
        "Values:\n\n- **IN_PROGRESS**: Created.\n\n- **ENABLED:** On.\n\n  More.",
    );
    check(
        "<dl><dt>a</dt><dt>b</dt><dd>c</dd></dl>",
        "- **a**\n- **b**: c",
    );
    check("<dl><dd>orphan</dd></dl>", "- orphan");
}

// --- admonitions ---------------------------------------------------------------

#[test]
fn notes_and_important() {
    check("<note><p>Careful.</p></note>", "> **Note:** Careful.");
    check(
        "<important><p>One.</p><p>Two.</p></important>",
        "> **Important:** One.\n>\n> Two.",
    );
    check("<note><ul><li>a</li></ul></note>", "> **Note:**\n>\n> - a");
    check("<note> </note>x", "x");
    check("<p>a</p><note>n</note><p>b</p>", "a\n\n> **Note:** n\n\nb");
}

// --- code blocks ------------------------------------------------------------------

#[test]
fn code_blocks_are_fenced_as_text() {
    check(
        "<pre><code>\n  {\n    \"a\": 1\n  }\n</code></pre>",
        "```text\n{\n  \"a\": 1\n}\n```",
    );
    check(
        "<programlisting>x &lt; y</programlisting>",
        "```text\nx < y\n```",
    );
}

#[test]
fn code_blocks_with_fences_inside() {
    check("<pre>```\nx\n```</pre>", "````text\n```\nx\n```\n````");
}

#[test]
fn code_block_inside_paragraph_splits_it() {
    check(
        "<p>Before <pre><code> Branch names must be unique.&lt;/p&gt; </code></pre>",
        "Before\n\n```text\nBranch names must be unique.</p>\n```",
    );
}

#[test]
fn code_blocks_have_no_trailing_spaces() {
    check("<pre>a   \n\n\nb \t</pre>", "```text\na\n\n\nb\n```");
}

// --- headings and tables ------------------------------------------------------------

#[test]
fn headings() {
    check("<h2>Behavior</h2><p>x</p>", "## Behavior\n\nx");
    check("<h1>a # b {c}</h1>", "# a \\# b \\{c\\}");
    check("<h3> </h3>", "");
}

#[test]
fn tables() {
    check(
        "<table><tr><th>A</th><th>B</th></tr><tr><td>1 | 2</td><td><p>x</p><p>y</p></td></tr><tr><td><code>a|b</code></td></tr></table>",
        "| A | B |\n| --- | --- |\n| 1 \\| 2 | x y |\n| `a\\|b` | |",
    );
}

// --- AWS and DocBook specifics -------------------------------------------------------

#[test]
fn fullname_and_examples_are_dropped() {
    check(
        "<fullname>AWS IoT</fullname> <p>IoT provides</p>",
        "IoT provides",
    );
    check("<p>a</p><examples><p>ex</p></examples>", "a");
}

#[test]
fn docbook_inline_tags() {
    check(
        "<para>x <function>f</function> <replaceable>name</replaceable></para>",
        "x `f` *name*",
    );
    check("<filename>/dev/sda1</filename>", "`/dev/sda1`");
    check("<emphasis>e</emphasis>", "*e*");
}

#[test]
fn unknown_tags_are_dropped_and_their_text_kept() {
    check("<zonbook></zonbook><xhtml></xhtml>", "");
    check("<value>The type</value>", "The type");
    check("<span class=\"x\">a</span> <u>b</u>", "a b");
    check("<p>x<para/>y</p>", "x\n\ny");
}

#[test]
fn placeholders_are_text() {
    check(
        "<p>arn:aws:kms:<region>:<account>:key/<uuid>.</p>",
        "arn:aws:kms:\\<region\\>:\\<account\\>:key/\\<uuid\\>.",
    );
    check("List<String>", "List\\<String\\>");
}

// --- entities and escaping ----------------------------------------------------------

#[test]
fn entities_are_decoded() {
    check(
        "&lt;b&gt; &amp; &quot;q&quot; &#39;s&#39; &#x41;&#150;",
        "\\<b\\> & \"q\" 's' A–",
    );
    check("AT&T &bogus;", "AT&T \\&bogus;");
    check("&amp;lt;", "\\&lt;");
}

#[test]
fn markdown_characters_in_text_are_escaped() {
    check(
        "a * b _c_ `d` [e] \\ ~f~",
        "a \\* b \\_c\\_ \\`d\\` \\[e\\] \\\\ \\~f\\~",
    );
    check("snake_case_name", "snake_case_name");
    check("[Foo]", "\\[Foo\\]");
    check("a < b > c", "a \\< b \\> c");
}

#[test]
fn line_start_markers_are_escaped() {
    check("# not a heading", "\\# not a heading");
    check("- not a list", "\\- not a list");
    check("+ not a list", "\\+ not a list");
    check("1. not a list", "1\\. not a list");
    check("2017) not a list", "2017\\) not a list");
    check("> not a quote", "\\> not a quote");
    check("= x", "\\= x");
    check("a<br>- b<br>2. c<br>---", "a\\\n\\- b\\\n2\\. c\\\n\\---");
    // Not at a line start: left alone.
    check("a - b + c # d 1. e", "a - b + c # d 1. e");
}

#[test]
fn control_and_bidi_characters_are_removed() {
    check("a\u{202E}b\u{7}c\u{2028}d\r\ne", "abc d e");
    check("<code>a\u{2066}b</code>", "`ab`");
}

// --- tolerance ---------------------------------------------------------------------

#[test]
fn empty_and_whitespace_input() {
    check("", "");
    check("   \n\t ", "");
    check("<p>\n</p>", "");
}

#[test]
fn stray_angle_brackets() {
    check("<", "\\<");
    check(">", "\\>");
    check("a <", "a \\<");
    check("<<p>>", "\\<\n\n\\>");
    check("</", "\\</");
    check("</>", "\\</\\>");
    check("<!", "\\<!");
    check("<p", "\\<p");
    check("<a href='x", "\\<a href='x");
}

#[test]
fn unclosed_and_mismatched_tags() {
    check("<p>a <b>bold", "a **bold**");
    check("<p>a <code>x", "a `x`");
    check("<b>a</i>b</b>", "**ab**");
    check("</p>a</b>", "a");
    check("<p><b>x</p>y", "**x**\n\ny");
    check("<note><p>x", "> **Note:** x");
}

#[test]
fn inline_elements_wrapping_blocks() {
    check("<b><p>a</p><p>b</p></b>", "a\n\nb");
    check("<code><ul><li>x</li></ul></code>", "- x");
}

#[test]
fn deep_nesting_does_not_overflow() {
    let deep = "<ul><li>".repeat(5_000) + "x";
    let out = md(&deep);
    assert!(out.contains('x'));
    let deep = "<b><i>".repeat(50_000) + "x";
    assert_eq!(md(&deep), "***x***");
}

#[test]
fn never_panics_on_odd_input() {
    let samples = [
        "<",
        "<<",
        "<>",
        "</>",
        "<!---->",
        "<!-->",
        "<![CDATA[",
        "&",
        "&#",
        "&#x",
        "&#xFFFFFFFFF;",
        "<a href=>",
        "<a href>x</a>",
        "<a =x>",
        "<a \"x\">",
        "<ol start=\"-1\"><li>x</ol>",
        "<ol start=\"99999999999\"><li>x</ol>",
        "<table></table>",
        "<table><td>x</table>",
        "<tr><td>x",
        "<dl><dt></dt><dd></dd></dl>",
        "<pre></pre>",
        "<pre>\n\n</pre>",
        "é<b>ü</b>😀<i>😀</i>",
        "<p>\u{0}</p>",
        "*",
        "_",
        "`",
        "\\",
        "<br>",
        "<br><br>",
        "<h7>x</h7>",
        "<a href=\"https://\">x</a>",
        "https://",
        "http://a",
        "<code>`</code>",
    ];
    for html in samples {
        let out = md(html);
        assert_eq!(out, out.trim(), "{html:?}");
        assert!(out.lines().all(|l| l == l.trim_end()), "{html:?}");
    }
    // Every prefix of a realistic document.
    let doc = r#"<fullname>X</fullname><p>Intro <a href="https://x.example/a">link</a> and <a>Ref</a>.</p><ul><li><p><code>a</code> &amp; <b>b</b></p></li><li>c<br/>d</li></ul><note><p>n</p></note><pre>x &lt; y</pre><dl><dt>T</dt><dd>D</dd></dl>"#;
    for (i, _) in doc.char_indices() {
        let _ = md(&doc[..i]);
        let _ = md(&doc[i..]);
    }
}

#[test]
fn deterministic() {
    let html = "<p>a <b>b</b> <a href=\"https://x.example/\">c</a></p><ul><li>d</li></ul>";
    assert_eq!(md(html), md(html));
}

// --- real models ---------------------------------------------------------------------

/// Everything outside code spans and code blocks, with escaped characters
/// removed: what Markdown parses as markup.
fn outside_code(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_fence: Option<String> = None;
    for line in markdown.lines() {
        let content = strip_container_markers(line);
        let fence: String = content.chars().take_while(|&c| c == '`').collect();
        match &in_fence {
            Some(open) => {
                if fence.len() >= open.len() && content.trim_end() == fence {
                    in_fence = None;
                }
                continue;
            }
            None if fence.len() >= 3 && content[fence.len()..].starts_with("text") => {
                in_fence = Some(fence);
                continue;
            }
            None => {}
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '\\' => i += 2,
                '`' => {
                    let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                    let mut j = i + run;
                    let mut closed = None;
                    while j < chars.len() {
                        if chars[j] == '`' {
                            let r = chars[j..].iter().take_while(|&&c| c == '`').count();
                            if r == run {
                                closed = Some(j + r);
                                break;
                            }
                            j += r;
                        } else {
                            j += 1;
                        }
                    }
                    match closed {
                        Some(end) => i = end,
                        None => {
                            out.extend(&chars[i..i + run]);
                            i += run;
                        }
                    }
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        out.push('\n');
    }
    out
}

/// A line without its block quote and list item markers.
fn strip_container_markers(mut line: &str) -> &str {
    loop {
        let trimmed = line.trim_start();
        let digits = trimmed.len()
            - trimmed
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        let rest = if let Some(r) = trimmed.strip_prefix('>') {
            r
        } else if let Some(r) = ["- ", "* ", "+ "]
            .iter()
            .find_map(|m| trimmed.strip_prefix(m))
        {
            r
        } else if let Some(r) = (digits > 0)
            .then(|| {
                trimmed[digits..]
                    .strip_prefix(". ")
                    .or(trimmed[digits..].strip_prefix(") "))
            })
            .flatten()
        {
            r
        } else {
            return trimmed;
        };
        line = rest;
    }
}

/// Problems rustdoc would report or misread, outside code.
fn markup_problems(markdown: &str) -> Vec<String> {
    let text = outside_code(markdown);
    let mut problems = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find('<') {
        let after = &rest[at + 1..];
        let end = after.find('>').unwrap_or(after.len());
        let inner = &after[..end];
        let autolink = (inner.starts_with("https://")
            || inner.starts_with("http://")
            || inner.starts_with("mailto:"))
            && !inner.contains(char::is_whitespace);
        if !autolink {
            problems.push(format!(
                "raw `<`: <{}",
                inner.chars().take(40).collect::<String>()
            ));
        }
        rest = after;
    }
    for pattern in [
        "</", "<p>", "<a ", "<b>", "<i>", "<li>", "<ul>", "<code>", "<br", "<note>",
    ] {
        if text.contains(pattern) {
            problems.push(format!("HTML tag pattern {pattern:?}"));
        }
    }
    // Brackets only as `[text](https://…)`.
    let mut rest = text.as_str();
    while let Some(at) = rest.find(']') {
        let after = &rest[at + 1..];
        if !(after.starts_with("(https://")
            || after.starts_with("(http://")
            || after.starts_with("(mailto:"))
        {
            problems.push(format!(
                "unescaped `]`: {}",
                &rest[..at + 1].chars().rev().take(40).collect::<String>()
            ));
        }
        rest = after;
    }
    problems
}

fn collect_docs(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match v {
                    serde_json::Value::String(s) if key == "documentation" => out.push(s.clone()),
                    _ => collect_docs(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_docs(v, out)),
        _ => {}
    }
}

#[test]
fn iot_models_render_without_html() {
    let root = std::path::Path::new("/tmp/botocore-dl/botocore-1.44.5/botocore/data");
    let models = [
        "iot/2015-05-28/service-2.json",
        "iot-jobs-data/2017-09-29/service-2.json",
    ];
    let mut docs = Vec::new();
    for model in models {
        let path = root.join(model);
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("skipping: {} not found", path.display());
            return;
        };
        let json: serde_json::Value = serde_json::from_str(&text).expect("model is JSON");
        collect_docs(&json, &mut docs);
    }
    assert!(
        docs.len() > 1000,
        "only {} documentation strings",
        docs.len()
    );
    let mut failures = Vec::new();
    for html in &docs {
        let out = md(html);
        assert_eq!(out, md(html), "not deterministic");
        if out.lines().any(|l| l != l.trim_end()) || out != out.trim() || out.contains("\n\n\n") {
            failures.push(format!("whitespace: {out:?}"));
        }
        for problem in markup_problems(&out) {
            failures.push(format!("{problem}\n  in: {out}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_checker_catches_problems() {
    assert!(!markup_problems("a <p> b").is_empty());
    assert!(!markup_problems("a </b>").is_empty());
    assert!(!markup_problems("[Foo]").is_empty());
    assert!(
        markup_problems("`<p>` \\<p\\> <https://x.example/> [t](https://x.example/)").is_empty()
    );
    assert!(markup_problems("```text\n<p>\n```").is_empty());
    assert!(
        markup_problems("1. a\n\n   ```text\n   <p>\n   ```\n> - ```text\n>   <p>\n>   ```")
            .is_empty()
    );
}

#[test]
fn link_text_that_would_read_as_a_definition() {
    check(
        r#"<a href="https://x.example/"><code>a]:b</code></a>"#,
        "`a]:b` (<https://x.example/>)",
    );
}

#[test]
fn exclamation_mark_before_a_link_is_not_an_image() {
    check(
        r#"Hi!<a href="https://x.example/">t</a>"#,
        "Hi\\![t](https://x.example/)",
    );
}

#[test]
fn adjacent_emphasis_runs_do_not_merge() {
    check("<i>a</i><b>b</b>", "*a* **b**");
    check("<b>a</b><i>b</i>", "**a** *b*");
}

#[test]
fn table_content_outside_cells_is_kept() {
    check(
        "<table><caption>Cap</caption>x<tr>y<td>a</td></tr></table>",
        "Cap\n\nx\n\n| y | a |\n| --- | --- |",
    );
    check("<table><tr><td>x<table><tr><td>y", "| x y |\n| --- |");
}
