"""Source of the generated pages: front matter plus the rendered body.

Front matter is written as JSON (a subset of YAML), which escapes whatever the
text holds. The body is final Markdown: no target runs a template engine over it.
"""

import html
import re
import json

from .model import Entry
from .whole_guide import Part
from .registry import BY_NAME


def _description(entry: Entry) -> str:
    # One line, HTML-escaped: Material writes it into <meta content="..."> as is.
    text = entry.data.get(BY_NAME[entry.collection].summary) or entry.title
    # Plain text: link previews show no Markdown.
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(text.split()))
    text = text.replace("**", "").replace("`", "")
    if len(text) > 300:  # link previews show about this much
        text = text[:300].rsplit(" ", 1)[0] + "…"
    return html.escape(text, quote=True)


def _source(meta: dict, body: str) -> str:
    # JSON is YAML: one escaped line, and much faster to write than yaml.safe_dump.
    front = json.dumps(meta, ensure_ascii=False)
    return f"---\n{front}\n---\n\n{body}"


def entry_source(entry: Entry, body: str, place: dict | None = None, oembed: dict | None = None) -> str:
    """`place` (macros/place.py): where the entry belongs, for the theme's
    breadcrumb and left column; `oembed` (macros/oembed.discovery): the href and
    title of the page's oEmbed discovery link (overrides/main.html)."""
    meta = {"title": entry.title, "description": _description(entry), "tags": list(entry.data.get("tags", ()))}
    if place:
        meta["kb_place"] = place
    if entry.internal:  # an overlay's entry: search labels it (macros/hooks/pagefind.py)
        meta["kb_internal"] = True
    if oembed:
        meta["kb_oembed"] = oembed
    return _source(meta, body)


def embed_source(entry: Entry, body: str, candidate: bool = False) -> str:
    """The chrome-less copy of an entry's page for iframes: no tags (the tags
    index lists the full page), not in search, rendered by overrides/embed.html.
    candidate: the candidate-safe copy (its body has no interviewer-only section)."""
    title = f"{entry.title} (for candidates)" if candidate else entry.title
    meta = {"title": title, "description": _description(entry), "template": "embed.html",
            "search": {"exclude": True}}
    return _source(meta, body)


def guide_part_source(part: Part, body: str) -> str:
    """A part of the whole guide: not in search, which finds each entry on its own page."""
    return _source({"title": f"The whole guide: {part.title}", "search": {"exclude": True}}, body)


def index_page_source(title: str, body: str) -> str:
    """A further page of a long collection index (macros/index_pages.py): not in
    search, which finds each entry on its own page."""
    return _source({"title": title, "search": {"exclude": True}}, f"# {title}\n\n{body}")
