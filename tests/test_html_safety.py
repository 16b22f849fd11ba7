"""The HTML sanitiser over page bodies (macros/html_safety.py): one payload class per test.

The validator refuses each of these in data text first (test_text_rules.py);
this is the second line, and `removed` is what fails the strict build.
"""

import re

import pytest

from macros import html_safety

# (payload class, HTML a page body might hold, what cleaning must remove)
CASES = [
    ("script element", '<p>a</p><script>alert(1)</script>', ["<script>"]),
    ("style element", "<style>body{display:none}</style><p>a</p>", ["<style>"]),
    ("event handler", '<img src="x.png" onerror="alert(1)">', ['<img onerror="alert(1)">']),
    ("script URL", '<a href="javascript:alert(1)">x</a>', ['<a href="javascript:alert(1)">']),
    ("entity-encoded script URL", '<a href="&#106;avascript:alert(1)">x</a>', ['<a href="javascript:alert(1)">']),
    ("whitespace-split script URL", '<a href="java\tscript:alert(1)">x</a>', ['<a href="java\tscript:alert(1)">']),
    ("vbscript URL", '<a href="vbscript:msgbox(1)">x</a>', ['<a href="vbscript:msgbox(1)">']),
    ("data URL", '<a href="data:text/html,&lt;script&gt;">x</a>', ['<a href="data:text/html,<script>">']),
    ("offsite image", '<img src="https://evil.example/p.png" alt="">', ['<img src="https://evil.example/p.png">']),
    ("protocol-relative image", '<img src="//evil.example/p.png" alt="">', ['<img src="//evil.example/p.png">']),
    ("srcset", '<img src="a.png" srcset="https://evil.example/b.png 2x">', ['<img srcset="https://evil.example/b.png 2x">']),
    ("ping", '<a href="../" ping="https://evil.example/">x</a>', ['<a ping="https://evil.example/">']),
    ("style overlay", '<p style="position:fixed;inset:0">x</p>', ['<p style="position:fixed;inset:0">']),
    ("table cell style beyond alignment", '<table><tr><td style="text-align:left;position:fixed">x</td></tr></table>',
     ['<td style="text-align:left;position:fixed">']),
    ("id outside headings", '<div id="kit-builder-app">x</div>', ['<div id="kit-builder-app">']),
    ("data attribute", '<div data-source="https://evil.example/b.json">x</div>', ['<div data-source="https://evil.example/b.json">']),
    ("unknown class", '<p class="md-typeset evil">x</p>', ['<p class="md-typeset evil">']),
    ("iframe", '<iframe src="https://evil.example/"></iframe>', ["<iframe>", '<iframe src="https://evil.example/">']),
    ("object", '<object data="x.swf"></object>', ["<object>", '<object data="x.swf">']),
    ("form", '<form action="https://evil.example/"><input name="q"></form>',
     ["<form>", '<form action="https://evil.example/">', "<input>", '<input name="q">']),
    ("base", '<base href="https://evil.example/">', ["<base>", '<base href="https://evil.example/">']),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
     ["<meta>", '<meta content="0;url=https://evil.example/">', '<meta http-equiv="refresh">']),
    ("svg script", '<svg><script>alert(1)</script></svg>', ["<script>"]),
    ("svg handler", '<svg onload="alert(1)"></svg>', ['<svg onload="alert(1)">']),
    ("comment", "<!-- <img src=x onerror=alert(1)> --><p>a</p>", ["<!-- comment -->"]),
]


@pytest.mark.parametrize("html, lost", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_payload_is_removed_and_reported(html, lost):
    cleaned = html_safety.clean(html)
    assert html_safety.removed(html, cleaned) == sorted(lost)
    assert html_safety.removed(cleaned, html_safety.clean(cleaned)) == []


# What our Markdown extensions and templates write must pass untouched.
ALLOWED = [
    '<h2 id="rubric" data-search-exclude="">Rubric<a class="headerlink" href="#rubric" title="Permanent link">¶</a></h2>',
    '<p><a href="https://example.com/" rel="noopener" target="_blank">x</a> <a href="mailto:a@example.com">m</a></p>',
    '<p><a href="../questions/foo/">relative</a> <img src="../assets/logo.png" alt="logo"></p>',
    '<table><thead><tr><th style="text-align: right;">n</th></tr></thead><tbody><tr><td style="text-align: right;">1</td></tr></tbody></table>',
    '<div class="admonition warning"><p class="admonition-title">Careful</p><p>x</p></div>',
    '<details class="kb-interviewer"><summary>Notes</summary><p>x</p></details>',
    '<div class="language-yaml highlight"><pre><span></span><code><span class="l l-Scalar l-Scalar-Plain">id</span><span class="p p-Indicator">:</span></code></pre></div>',
    '<p><abbr title="Service-level objective">SLO</abbr> <code>acks=all</code> <strong>b</strong> <em>i</em></p>',
    '<ol start="3"><li>three</li></ol>',
]


@pytest.mark.parametrize("html", ALLOWED)
def test_our_markup_passes(html):
    assert html_safety.removed(html, html_safety.clean(html)) == []


# `removed` reads tags with one regular expression when the markup is plain, and
# with html.parser otherwise: where the fast reading answers, it must be the parser's.
TRICKY = [
    '<a/href="javascript:alert(1)">x</a>',  # "/" as a separator: not plain, the parser decides
    '<a href=javascript:alert(1) >x</a>',
    '<A HREF="javascript:alert(1)">x</A>',
    '<p title="a > b">x</p>',
    "<p title='it&#39;s'>x</p>",
    '<img src=x onerror=alert(1)//>',
    '<a href="x" href="javascript:alert(1)">x</a>',
    '<p\nclass="kb-x"\n>x</p>',
    '<br/><br /><hr>',
    "a < b and c > d",
    "<!DOCTYPE html><p>x</p>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?php echo 1 ?>",
    "<!----><!-- a -- b --><p>x</p>",
    "<!--> <img src=x onerror=alert(1)> -->",
    "<textarea><img src=x onerror=alert(1)></textarea>",
    "<title><img src=x onerror=alert(1)></title>",
    '<td style="text-align: right;">1</td>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    "<p>unclosed <a href='x'",
]


@pytest.mark.parametrize("html", [c[1] for c in CASES] + ALLOWED + TRICKY)
def test_fast_inventory_agrees_with_the_parser(html):
    for text in (html, html_safety.clean(html)):
        fast = html_safety._fast_inventory(text)
        assert fast is None or fast == html_safety._inventory(text)


@pytest.mark.parametrize("html", TRICKY)
def test_removed_reports_what_the_parser_sees(html):
    cleaned = html_safety.clean(html)
    assert html_safety.removed(html, cleaned) == sorted(html_safety._inventory(html) - html_safety._inventory(cleaned))


@pytest.mark.parametrize("html", ALLOWED)
def test_our_markup_is_read_without_the_parser(html):
    assert html_safety._fast_inventory(html) is not None


ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def test_every_built_page_body_is_read_without_the_parser(site):
    """Each page body of the real build takes the fast reading (else the build pays the parser again)."""
    slow = []
    for path in sorted(site.rglob("*.html")):
        body = ARTICLE.search(path.read_text(encoding="utf-8"))
        if body is None or html_safety._fast_inventory(body.group(1)) != html_safety._inventory(body.group(1)):
            slow.append(path.relative_to(site).as_posix())
    assert not slow
