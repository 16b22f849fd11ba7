"""Source of the generated pages: front matter plus one macro call with a validated id.

No data text is pasted into the page body, so nothing from a pull request can
reach the macro engine as template code. Front matter is written with
yaml.safe_dump, which quotes whatever the text holds.
"""

import html

import yaml

from .links import page_uri
from .model import Entry, KnowledgeBase


def entry_source(entry: Entry) -> str:
    meta = {
        "title": entry.title,
        # One line, HTML-escaped: Material writes it into <meta content="..."> as is.
        "description": html.escape(" ".join(entry.data.get("summary", entry.title).split()), quote=True),
        "tags": list(entry.data.get("tags", ())),
    }
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f'---\n{front}---\n\n{{{{ entry_page("{entry.collection}", "{entry.id}") }}}}\n'


def generated(kb: KnowledgeBase):
    """Yield (entry, src_uri, source) for every entry page."""
    for name in kb.collections:
        for entry in kb.entries(name):
            yield entry, page_uri(entry.collection, entry.id), entry_source(entry)
