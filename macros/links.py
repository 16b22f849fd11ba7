"""Every address of the guide is built here, from (collection, id), and nowhere else.

Internal links are Markdown links to `.md` files, so MkDocs (and Zensical)
check each one; an unknown id raises before a broken link can be written.
The URL helpers below are the built site's addresses of the same entries.
"""

import posixpath

from .model import Entry

API_VERSION = "1"  # the /api/v1/ path; bump on a breaking change of the envelope


class Rendered(str):
    """Markdown our code wrote (a link from md_link), as opposed to data text:
    the renderer rewrites links in data text and leaves these alone."""


def page_uri(collection: str, entry_id: str) -> str:
    """Source path of an entry's generated page, relative to docs/."""
    return f"{collection}/{entry_id}.md"


def index_uri(collection: str) -> str:
    return f"{collection}/index.md"


def embed_uri(collection: str, entry_id: str) -> str:
    """Source path of the entry's chrome-less copy for iframes."""
    return f"embed/{page_uri(collection, entry_id)}"


def entry_path(collection: str, entry_id: str) -> str:
    """Where the built page of an entry is served, relative to the site root."""
    return f"{collection}/{entry_id}/"


def index_path(collection: str) -> str:
    """Where a collection's index page is served."""
    return f"{collection}/"


def embed_path(collection: str, entry_id: str) -> str:
    return f"embed/{entry_path(collection, entry_id)}"


def candidate_embed_uri(collection: str, entry_id: str) -> str:
    """Source path of the candidate-safe embed copy: interviewer-only sections left out."""
    return f"embed/{collection}/{entry_id}/candidate.md"


def candidate_embed_path(collection: str, entry_id: str) -> str:
    return f"{embed_path(collection, entry_id)}candidate/"


def export_path(collection: str, entry_id: str) -> str:
    return f"export/{collection}/{entry_id}.md"


def candidate_export_path(collection: str, entry_id: str) -> str:
    """The Markdown export without the interviewer-only sections."""
    return f"export/{collection}/{entry_id}.candidate.md"


def oembed_path(collection: str, entry_id: str) -> str:
    """The entry's oEmbed response (macros/oembed.py), outside the versioned API."""
    return f"api/oembed/{collection}/{entry_id}.json"


def up_to_root(path: str) -> str:
    """The relative address of the site root from a file at path (a site path like
    api/v1/questions.json): what links in a data file start with when the build
    does not know the site's address (macros/site_address.py)."""
    return "../" * path.count("/")


def api_path(name: str) -> str:
    """A file of the JSON API, e.g. api_path('questions.json')."""
    return f"api/v{API_VERSION}/{name}"


def entry_api_path(collection: str, entry_id: str) -> str:
    """One entry's file of the JSON API, e.g. api/v1/questions/<id>.json."""
    return api_path(f"{collection}/{entry_id}.json")


def entry_url(site_url: str, entry: Entry) -> str:
    return f"{site_url}{entry_path(entry.collection, entry.id)}"


def relative(target_uri: str, from_uri: str) -> str:
    """posixpath.relpath(target_uri, dirname(from_uri)), without its two abspath calls
    for the plain relative paths the guide links between (tens of thousands a build)."""
    start = from_uri.split("/")[:-1]
    target = target_uri.split("/")
    if target[-1] == "":
        target.pop()
    if target_uri.startswith("/") or not target or any(p in ("", ".", "..") for p in start + target):
        return posixpath.relpath(target_uri, posixpath.dirname(from_uri) or ".")
    common = 0
    for a, b in zip(start, target):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


def link_text(text: str) -> str:
    """Escape what would end a Markdown link label early."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def md_link(entry: Entry, from_uri: str, anchor: str = "", base_url: str = "") -> str:
    """A Markdown link to the entry's page: relative to from_uri (checked by MkDocs),
    or absolute under base_url for text that leaves the site (Markdown export)."""
    if base_url:
        target = entry_url(base_url, entry)
    else:
        target = relative(page_uri(entry.collection, entry.id), from_uri)
    return Rendered(f"[{link_text(entry.title)}]({target}{'#' + anchor if anchor else ''})")
