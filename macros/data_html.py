"""Data text as HTML, for output that does not pass through a page build
(the kit builder's JSON): the same restricted Markdown as on pages, then an
allow-list sanitiser, so nothing the validator missed can reach a script.
"""

import markdown
import nh3

# Block and inline elements that Markdown produces for data text; nothing else survives.
TAGS = {"p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote",
        "table", "thead", "tbody", "tr", "th", "td", "br", "hr"}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
# superfences, as on pages: a fence inside a list item is code here too.
EXTENSIONS = ["pymdownx.superfences", "tables", "sane_lists"]


def to_html(text: str) -> str:
    html = markdown.markdown(str(text), extensions=EXTENSIONS, output_format="html")
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer")
