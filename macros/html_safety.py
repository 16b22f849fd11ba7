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


def removed(before: str, after: str) -> list[str]:
    """What cleaning took out of `before`, e.g. ['<a href="javascript:alert(1)">'], sorted."""
    if before == after:
        return []
    return sorted(_inventory(before) - _inventory(after))
