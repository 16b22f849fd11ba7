"""Source of the generated pages: front matter plus one macro call with a validated id.

No data text is pasted into the page body, so nothing from a pull request can
reach the macro engine as template code. Front matter is written as JSON (a
subset of YAML), which escapes whatever the text holds.
"""

import html
import json

from .links import page_uri
from .model import Entry, KnowledgeBase


def _description(entry: Entry) -> str:
    # One line, HTML-escaped: Material writes it into <meta content="..."> as is.
    data = entry.data
    text = data.get("summary") or data.get("definition") or data.get("answer") or data.get("prompt") or entry.title
    text = " ".join(text.split())
    if len(text) > 300:  # link previews show about this much
        text = text[:300].rsplit(" ", 1)[0] + "…"
    return html.escape(text, quote=True)


def _source(meta: dict, entry: Entry) -> str:
    # JSON is YAML: one escaped line, and much faster to write than yaml.safe_dump.
    front = json.dumps(meta, ensure_ascii=False)
    return f'---\n{front}\n---\n\n{{{{ entry_page("{entry.collection}", "{entry.id}") }}}}\n'


def entry_source(entry: Entry) -> str:
    meta = {"title": entry.title, "description": _description(entry), "tags": list(entry.data.get("tags", ()))}
    return _source(meta, entry)


def embed_source(entry: Entry) -> str:
    """The chrome-less copy of an entry's page for iframes: no tags (the tags
    index lists the full page), not in search, rendered by overrides/embed.html."""
    meta = {"title": entry.title, "description": _description(entry), "template": "embed.html",
            "search": {"exclude": True}}
    return _source(meta, entry)


def generated(kb: KnowledgeBase):
    """Yield (entry, src_uri, source) for every entry page and its embed copy."""
    for name in kb.collections:
        for entry in kb.entries(name):
            yield entry, page_uri(entry.collection, entry.id), entry_source(entry)
            yield entry, f"embed/{page_uri(entry.collection, entry.id)}", embed_source(entry)
