"""Internal links, always built from (collection, id) as Markdown links to `.md` files.

MkDocs then checks every one of them (validation.links); an unknown id raises
here, before a broken link can be written.
"""

import posixpath

from .model import Entry


def page_uri(collection: str, entry_id: str) -> str:
    """Source path of an entry's generated page, relative to docs/."""
    return f"{collection}/{entry_id}.md"


def index_uri(collection: str) -> str:
    return f"{collection}/index.md"


def relative(target_uri: str, from_uri: str) -> str:
    return posixpath.relpath(target_uri, posixpath.dirname(from_uri) or ".")


def link_text(text: str) -> str:
    """Escape what would end a Markdown link label early."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def md_link(entry: Entry, from_uri: str, anchor: str = "", base_url: str = "") -> str:
    """A Markdown link to the entry's page: relative to from_uri (checked by MkDocs),
    or absolute under base_url for text that leaves the site (Markdown export)."""
    if base_url:
        target = f"{base_url}{entry.collection}/{entry.id}/"
    else:
        target = relative(page_uri(entry.collection, entry.id), from_uri)
    return f"[{link_text(entry.title)}]({target}{'#' + anchor if anchor else ''})"
