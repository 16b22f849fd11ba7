"""Untrusted-text rules: ordinary Markdown and prose pass, executable content does not,
nor syntax that changes the page around the text, images from another host, or
characters that make text read as something it is not."""

from html.parser import HTMLParser

import markdown
import pytest

from macros.data_html import to_html
from macros.text_rules import character_name, leaves_the_site, mask_code, problems, strings

# Markup rules (raw HTML, event handlers, bold inside a word) skip code: Markdown
# shows code as written. Code questions need generics, comparisons and exponents.
CODE = [
    "Java: `Map<String, Long> counts = new HashMap<>();` is a generic map.",
    "```java\nList<String> names = new ArrayList<>();\nif (i < n && a<b) { run(); }\n```",
    "```python\nbackoff = base * 2**attempt\n```",
    "Set `consumer.onCommit = handler` before polling.",
    "```html\n<script>alert(1)</script>\n```",
    "- a list item with code:\n\n    ```go\n    var m map[string]int // x<y\n    ```",
]

ALLOWED = [
    "p99 < 200 ms and p50 <= 40 ms",
    "See <https://raft.github.io/> for the paper.",
    "Use **bold**, `code` and [links](https://example.com).",
    "Metadata: the schema registry stores it.",
    "The data: it is partitioned by key.",
    "Set `acks=all` and `min.insync.replicas=2`.",
    "Ask about online migrations and onboarding.",
    "Braces { like this } are fine, and so is a set {a, b}.",
    "Requirements:\n\n- one\n- two",
    "- one\n  continued\n- two",
    "```\nSELECT 1;\n- not a list in code\n```",
    "Costs 5 - 3 = 2 units.",
    # Braces and code that attribute lists, fences and admonitions leave alone
    "Claim `/orders/{id}/items/{item}` and `{: #not-an-attribute-list }` in code.",
    "Escaped braces \\{ stay text }",
    "```python\nrows = {k: v for k, v in pairs}\n```",
    "```\n\tGo code indented with a tab\n```",
    "!!! warning \"Careful\"\n    Admonitions of the standard types are fine.",
    # Prose near the URL rules
    "JavaScript runs on one thread, so CPU work blocks the event loop.",
    "Store the data in a table; see metadata/schema for the layout.",
    "R&D, Q&A and AT&T; &amp; is an ampersand and &lt; a less-than sign.",
    # Images on this site pass this rule (the link rules still check the path)
    "![Architecture](architecture.png)",
    "`![not an image](https://example.com/p.png)` in code",
    "\\![not an image](https://example.com/p.png)",
    # Characters that are not controls
    "λ, ×, é, — and “quotes” are ordinary characters.",
] + CODE



REJECTED = [
    ("Requirements:\n- one\n- two", "a list starts right after a line of text and would render as part of that paragraph"),
    ("Then:\n1. first", "a list starts right after a line of text and would render as part of that paragraph"),
    ("PACELC: **E**lse, choose **L**atency", "bold markers inside a word render differently from one Markdown engine to another"),
    ("<script>alert(1)</script>", "contains raw HTML"),
    ("</div>", "contains raw HTML"),
    ("<img src=x>", "contains raw HTML"),
    ("< b>spaced tag", "contains raw HTML"),
    ("<!-- comment -->", "contains raw HTML"),
    ("<?php echo 1 ?>", "contains raw HTML"),
    ("[x](y){ onmouseover=go() }", "contains an HTML event-handler attribute"),
    ("{{ config.site_name }}", "contains a Jinja delimiter ({{, {% or {#)"),
    ("{% raw %}", "contains a Jinja delimiter ({{, {% or {#)"),
    ("{# hidden #}", "contains a Jinja delimiter ({{, {% or {#)"),
    ("```\n{{ inside code too }}\n```", "contains a Jinja delimiter ({{, {% or {#)"),
    ("Code `<b>` here, and <b>bold</b> outside it", "contains raw HTML"),
    ("[x](JavaScript:alert(1))", "contains a script URL"),
    ("[x]( javascript :alert(1))", "contains a script URL"),
    ("[x](vbscript:msgbox)", "contains a script URL"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "contains a data: URL"),
    ("[x]: data:image/svg+xml,abc", "contains a data: URL"),
]

ATTRIBUTE_LIST = "contains a Markdown attribute list ({: ...}, { #id }, { .class } or { key=value })"
REJECTED += [(text, ATTRIBUTE_LIST) for text in (
    "See {: #kit-builder data-source=evil }",
    "[x](https://example.com){ .md-button }",
    "A paragraph.\n{ style=\"position:fixed;inset:0\" }",
    "[x](https://example.com){ ping=https://evil.example/track }",
    "[x](https://example.com){ srcset=https://evil.example/p.png }",
    "[x](https://example.com){ href=\"&#106;avascript:alert(1)\" }",
    "[x](https://example.com){ hidden }",  # a bare word after an element: a valueless attribute
    "**bold**{download}",
    "## Heading { anything }",  # braces ending a heading, table cell or block
    "x\\`[y](https://example.com){: #id }`",  # an escaped backtick opens no code span
    "`a\n\n[x](https://example.com){: #id }\n\nb`",  # a code span does not cross paragraphs
    "```\n[x](https://example.com){: #id }\n",  # an unclosed fence is no code block
    "`code`{ x }",  # right after a code span
    "x {: }",
    "| a | b |\n| - | - |\n| c {x} | d {e} f |",  # braces ending a table cell
)]
REJECTED += [(text, "contains a script URL") for text in (
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](&#106avascript:alert(1))",
    "[x](java&Tab;script:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](java script:alert(1))",
    "[x](java&#10;script:alert(1))",
    "[x](&amp;#106;avascript:alert(1))",  # decoded twice
    "[x](javascript&colon;alert(1))",
    "[x](vb&#115;cript:msgbox)",
    "[x](java\u200bscript:alert(1))",
)]
REJECTED += [(text, "contains a data: URL") for text in (
    "[x](&#100;ata:text/html;base64,PHNjcmlwdD4=)",
    "[x](data&#58;text/html,x)",
    "[x](da\tta:text/html,x)",
    "[x](d a t a:image/svg+xml,x)",
)]
OFFSITE = "contains an image from another host"
REJECTED += [(text, OFFSITE) for text in (
    "![x](https://evil.example/p.png)",
    "![x](http://evil.example/p.png \"title\")",
    "![x](//evil.example/p.png)",
    "![x](/\\evil.example/p.png)",  # a browser reads \ as /
    "![x](https\\://evil.example/p.png)",  # a Markdown escape
    "![x](&#104;ttps://evil.example/p.png)",
    "![x](<https://evil.example/p.png>)",
    "![a [nested] label](https://evil.example/p.png)",
    "[![x](https://evil.example/p.png)](https://example.com)",
    "![x][ref]\n\n[ref]: https://evil.example/p.png",
    "![ref][]\n\n[ref]: https://evil.example/p.png",
    "![ref]\n\n[REF]:\n  //evil.example/p.png",
    "![r]\n\n[r]: https-looking-but-relative.png\n[r]: https://evil.example/p.png",  # the last definition wins here
    "![ref][undefined]\n\n[ref]: https://evil.example/p.png",  # falls back to ![ref]
)]
REJECTED += [
    ("![x][ref]", "contains a reference-style image whose [ref]: definition is not in the same text"),
    ("```{.python #id data-x=1}\ncode\n```", "a code fence carries attributes or options"),
    ("``` python title=\"x\"\ncode\n```", "a code fence carries attributes or options"),
    ("*[the]: hover text on every 'the'", "contains an abbreviation definition (*[...]: ...)"),
    ("- item\n\n    *[SLO]: a contributor's hover text", "contains an abbreviation definition (*[...]: ...)"),
    ("!!! md-dialog \"x\"\n    y", "an admonition uses a class that is not an admonition type"),
    ("???+ note md-banner\n    y", "an admonition uses a class that is not an admonition type"),
    ("1. ??? _\n    y", "an admonition uses a class that is not an admonition type"),
]
# Characters: named, with the 1-based position of the first one.
REJECTED += [
    ("Title\u202e", "contains bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE at character 6"),
    ("\u2066isolated\u2069", "contains bidirectional control U+2066 LEFT-TO-RIGHT ISOLATE at character 1"),
    ("mark\u200f", "contains bidirectional control U+200F RIGHT-TO-LEFT MARK at character 5"),
    ("arabic\u061c", "contains bidirectional control U+061C ARABIC LETTER MARK at character 7"),
    ("zero\u200bwidth", "contains invisible character U+200B ZERO WIDTH SPACE at character 5"),
    ("a\u200cb", "contains invisible character U+200C ZERO WIDTH NON-JOINER at character 2"),
    ("a\u200db", "contains invisible character U+200D ZERO WIDTH JOINER at character 2"),
    ("word\u2060joiner", "contains invisible character U+2060 WORD JOINER at character 5"),
    ("\ufeffBOM", "contains invisible character U+FEFF ZERO WIDTH NO-BREAK SPACE at character 1"),
    ("soft\u00adhyphen", "contains invisible character U+00AD SOFT HYPHEN at character 5"),
    ("line one\r\nline two", "contains control character U+000D CARRIAGE RETURN at character 9"),
    ("nul\x00", "contains control character U+0000 NULL at character 4"),
    ("bell\x07", "contains control character U+0007 BELL at character 5"),
    ("escape\x1b[31m", "contains control character U+001B ESCAPE at character 7"),
    ("delete\x7f", "contains control character U+007F DELETE at character 7"),
    ("next\x85line", "contains control character U+0085 NEXT LINE at character 5"),
    ("line\u2028separator", "contains control character U+2028 LINE SEPARATOR at character 5"),
    ("a\ttab in prose", "contains control character U+0009 CHARACTER TABULATION at character 2"),
    ("```\ncode\n```\n\tafter the fence", "contains control character U+0009 CHARACTER TABULATION at character 14"),
    ("private\ue000", "contains private-use or surrogate character U+E000 PRIVATE USE at character 8"),
    ("&#x202E;reversed", "contains bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE at character 1, "
                         "written as the HTML entity &#x202E;"),
    ("a &rlm;mark", "contains bidirectional control U+200F RIGHT-TO-LEFT MARK at character 3, "
                    "written as the HTML entity &rlm;"),
    ("zero&ZeroWidthSpace;width", "contains invisible character U+200B ZERO WIDTH SPACE at character 5, "
                                  "written as the HTML entity &ZeroWidthSpace;"),
    ("a&#1;b", "contains control character U+0001 START OF HEADING at character 2, written as the HTML entity &#1;"),
    ("a&#x7f b", "contains control character U+007F DELETE at character 2, written as the HTML entity &#x7f"),
    ("&amp;#8238;twice", "contains bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE at character 1, "
                         "written as the HTML entity &amp;#8238;"),
]


@pytest.mark.parametrize("text", ALLOWED)
def test_allowed(text):
    assert problems(text) == []


@pytest.mark.parametrize("text, reason", REJECTED, ids=[ascii(r[0]) for r in REJECTED])
def test_rejected(text, reason):
    assert reason in [r for r, _ in problems(text)]


@pytest.mark.parametrize("text", [r[0] for r in REJECTED], ids=[ascii(r[0]) for r in REJECTED])
def test_every_problem_has_a_hint(text):
    assert all(hint for _, hint in problems(text))


def test_a_character_is_reported_once_at_its_first_position():
    assert [r for r, _ in problems("a\u200bb\u200bc&#8203;")] == [
        "contains invisible character U+200B ZERO WIDTH SPACE at character 2"]


def test_entities_in_code_are_text():
    assert problems("`&#x202E;` and\n\n```\n&rlm;\n```") == []


def test_character_names_cover_controls_without_a_unicode_name():
    assert character_name("\r") == "U+000D CARRIAGE RETURN"
    assert character_name("\x9b") == "U+009B C1 CONTROL"
    assert character_name("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"


@pytest.mark.parametrize("url, elsewhere", [
    ("img/p.png", False), ("/img/p.png", False), ("p.png#x", False),
    ("https://a.example/p.png", True), ("HTTP://a.example", True), ("//a.example/p.png", True),
    ("\\\\a.example/p.png", False),  # Markdown unescapes \\ to one backslash: /a.example/p.png
    ("\\\\\\\\a.example/p.png", True), ("/\\a.example", True), (" \t//a.example", True), ("&#47;&#47;a.example", True),
    ("ftp://a.example", True), ("x:y", True),
])
def test_leaves_the_site(url, elsewhere):
    assert leaves_the_site(url) is elsewhere


def test_mask_code_keeps_offsets_and_blanks_only_code():
    text = "a `{x}` b\n```\n{y}\n```\nc {z}"
    masked = mask_code(text)
    assert len(masked) == len(text) and "{x}" not in masked and "{y}" not in masked and "{z}" in masked


# The rules stand for real behaviour: with the site's Markdown extensions, each of
# these renders what the rule rejects. If a Markdown upgrade changes that, the
# rule may be obsolete, or may need to follow a new syntax.

SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "pymdownx.details",
                   "pymdownx.superfences", "pymdownx.tabbed"]

RENDERED = [
    ("[x](https://example.com){ hidden }", "<a hidden"),
    ("[x](https://example.com){: #kit-builder data-source=evil }", 'id="kit-builder"'),
    ("A paragraph.\n{ style=\"position:fixed\" }", 'style="position:fixed"'),
    ("| a | b |\n| - | - |\n| c { hidden } | d |", "<td hidden"),
    ("x\\`[y](https://example.com){: #id }`", 'id="id"'),
    ("![x](https://evil.example/p.png)", 'src="https://evil.example/p.png"'),
    ("![ref]\n\n[ref]:\n  //evil.example/p.png", 'src="//evil.example/p.png"'),
    ("[x](java&#10;script:alert(1))", 'href="java&#10;script:alert(1)"'),
    ("```{.python #id data-x=1}\ncode\n```", 'data-x="1"'),
    ("*[the]: hover\n\nthe end", '<abbr title="hover">the</abbr>'),
    ("!!! md-dialog \"x\"\n    y", 'class="admonition md-dialog"'),
    ("1. ??? _\n    y", 'class="_"'),
    ("`code`{ x }", "<code x>"),
    ("| a | b |\n| - | - |\n| c {x} | d |", "<td x>"),
    ("![r]\n\n[r]: relative.png\n[r]: https://evil.example/p.png", 'src="https://evil.example/p.png"'),
]


@pytest.mark.parametrize("text, evidence", RENDERED, ids=[ascii(r[0]) for r in RENDERED])
def test_rejected_syntax_really_renders(text, evidence):
    assert evidence in markdown.markdown(text, extensions=SITE_EXTENSIONS)
    assert problems(text)


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found += [(tag, name, value) for name, value in attrs]


# What ordinary Markdown puts on elements: link targets, images, code highlighting, admonitions.
SAFE_ATTRIBUTES = {("a", "href"), ("a", "title"), ("img", "src"), ("img", "alt"), ("div", "class"), ("p", "class"),
                   ("span", "class"), ("code", "class"), ("th", "align"), ("td", "align")}


@pytest.mark.parametrize("text", ALLOWED)
def test_allowed_text_renders_no_other_attributes(text):
    parser = _Attributes()
    parser.feed(markdown.markdown(text, extensions=SITE_EXTENSIONS))
    assert [a for a in parser.found if a[:2] not in SAFE_ATTRIBUTES] == []
    assert not any(tag == "img" and leaves_the_site(value) for tag, name, value in parser.found if name == "src")


def test_strings_walks_keys_values_and_lists():
    found = list(strings({"a": ["x", {"b": "y"}], "c": 3}))
    assert found == [(("a",), "a"), (("a", 0), "x"), (("a", 1, "b"), "b"), (("a", 1, "b"), "y"), (("c",), "c")]


def test_text_beyond_any_schema_limit_is_not_parsed():
    # The rules above are linear or close to it, but a megabyte of brackets is not worth parsing.
    assert problems("![" * 5001) == [("text is longer than 10000 characters and was not checked",
                                       "no field takes more than 4000 characters; shorten it")]


@pytest.mark.parametrize("text", CODE)
def test_code_is_text_on_pages_and_in_the_kit_builder(text):
    for html in (markdown.markdown(text, extensions=SITE_EXTENSIONS), to_html(text)):
        assert "<script" not in html and "<List" not in html and "<String" not in html and "<b>" not in html
