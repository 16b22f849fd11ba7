"""Allow-list sanitiser for the HTML of every page body (nh3, the Python binding to Ammonia).

The validator (text_rules.py) refuses anything in data text that could add
markup: raw HTML, attribute lists, script and data URLs, offsite images. This is
the second line: whatever reaches a page body is cleaned against the list below,
which is exactly what our Markdown extensions and templates produce. `removed`
says what the cleaning took out, so the MkDocs adapter can fail the strict build
instead of publishing a silently different page.

No MkDocs import: the adapter calls `clean` and `removed`; tests call them directly.
"""

import re
from collections import Counter
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

import nh3
from pygments.token import STANDARD_TYPES

TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "ins", "kbd", "li", "mark", "nav", "ol",
    "p", "path", "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "svg",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}

# Per tag. No event handlers, no style (except table alignment), no ping/srcset,
# no id outside headings (ids are what scripts look for: the kit builder's mount
# point is in its page template, overrides/kit-builder.html), no data-* but search's.
_HEADING = {"id", "class", "data-search-exclude"}
ATTRIBUTES = {
    "a": {"href", "title", "class", "rel", "target"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "details": {"class", "open", "data-search-exclude"},
    "ol": {"class", "data-search-exclude", "start"},
    "nav": {"class", "aria-label"},
    "svg": {"xmlns", "viewBox", "width", "height", "aria-hidden", "focusable"},
    "path": {"d"},
    **{tag: {"class", "data-search-exclude"} for tag in ("div", "p", "ul", "table", "blockquote")},
    **{tag: {"class"} for tag in ("span", "code", "pre", "summary", "li")},
    **{f"h{n}": _HEADING for n in range(1, 7)},
}

URL_SCHEMES = {"http", "https", "mailto"}
STYLE_PROPERTIES = {"text-align"}

# Classes our Markdown extensions and templates write; anything else is dropped.
# Pygments writes a short class per token type, and lexers add subtypes such as
# "l-Scalar-Plain" (YAML).
_PYGMENTS = {name for name in STANDARD_TYPES.values() if name}
_CLASS = re.compile(
    r"[a-z]{1,3}(-[A-Z][A-Za-z]*)+|kb-[a-z0-9_-]+|md-[a-z0-9_-]+|language-[a-z0-9+#-]+|admonition(-title)?|headerlink|highlight"
    r"|highlighttable|linenos|filename|grid|cards|twemoji"
    r"|note|abstract|info|tip|success|question|warning|failure|danger|bug|example|quote"
)
_OFFSITE = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|//|\\\\)", re.I)


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "class":
        kept = [c for c in value.split() if c in _PYGMENTS or _CLASS.fullmatch(c)]
        return " ".join(kept) or None
    if tag == "img" and name == "src" and _OFFSITE.match(value):
        return None  # images only from the site itself: no request leaves it
    return value


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes=URL_SCHEMES,
        filter_style_properties=STYLE_PROPERTIES,
        strip_comments=True,
        link_rel=None,  # keep the rel our templates set; do not add one to every link
    )


class _Inventory(HTMLParser):
    """Tags and attribute values, with entities decoded: the same markup serialised
    two ways (nh3 re-serialises) gives the same inventory."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items = Counter()

    def handle_starttag(self, tag, attrs):
        self.items[f"<{tag}>"] += 1
        for name, value in attrs:
            value = value or ""
            if name == "style":  # "text-align: right;" and "text-align:right" are the same
                value = value.replace(" ", "").rstrip(";")
            self.items[f'<{tag} {name}="{value}">'] += 1

    def handle_comment(self, data):
        self.items["<!-- comment -->"] += 1


def _inventory(html: str) -> Counter:
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser.items


# The same inventory from one regular expression, for the markup our Markdown and
# templates write (the pure-Python parser above took a sixth of the build). It
# answers only when every "<" starts a comment, an end tag or a start tag of this
# plain grammar, where html.parser reads the same tags and attributes; otherwise
# (raw-text elements, doctypes, malformed or hostile markup) it returns None and
# the parser decides.
_NAME = r"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_VALUE = r"""(?:"[^"]*"|'[^']*')"""  # quoted only: html.parser reads unquoted ones its own way
# Every "<": a comment, an end tag, a start tag, or a lone "<" (anything else).
_TOKENS = re.compile(
    rf"<!--(?!-?>)(?:[^-]|-(?!->))*-->|</[a-zA-Z][a-zA-Z0-9]*\s*>"
    rf"|<[a-zA-Z][a-zA-Z0-9]*(?:\s+{_NAME}(?:\s*=\s*{_VALUE})?)*\s*/?>|<"
)
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(.*?)\s*/?>\Z", re.S)
_ATTR = re.compile(rf"""({_NAME})(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?""")
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}


@lru_cache(maxsize=1 << 16)
def _start_tag_items(token: str) -> tuple[str, ...] | None:
    """A start tag's inventory items; None for an element whose content is raw text."""
    tag, attributes = _START_TAG.match(token).groups()
    tag = tag.lower()
    if tag in _RAW_TEXT:
        return None
    items = [f"<{tag}>"]
    for name, double, single in _ATTR.findall(attributes):
        value = unescape(double or single)
        name = name.lower()
        if name == "style":
            value = value.replace(" ", "").rstrip(";")
        items.append(f'<{tag} {name}="{value}">')
    return tuple(items)


def _fast_inventory(html: str) -> Counter | None:
    items = Counter()
    # Pages repeat the same tags thousands of times (code highlighting): read each once.
    for token, count in Counter(_TOKENS.findall(html)).items():
        if token == "<":
            return None
        if token.startswith("<!--"):
            items["<!-- comment -->"] += count
        elif not token.startswith("</"):
            found = _start_tag_items(token)
            if found is None:
                return None
            for item in found:
                items[item] += count
    return items


def removed(before: str, after: str) -> list[str]:
    """What cleaning took out of `before`, e.g. ['<a href="javascript:alert(1)">'], sorted."""
    if before == after:
        return []
    fast_before = _fast_inventory(before)
    fast_after = _fast_inventory(after) if fast_before is not None else None
    if fast_after is not None:
        return sorted(fast_before - fast_after)
    return sorted(_inventory(before) - _inventory(after))
