"""oEmbed (https://oembed.com): a static response per entry, type `rich`, whose
html is the entry's embed snippet, and the discovery link its page carries.

Static files, so no endpoint takes `url`, `maxwidth` or `maxheight`: consumers
find each file from the page's `<link rel="alternate" type="application/json+oembed">`
(overrides/main.html). Paths come from macros/links.py.
"""

import html

from . import embed_height, links
from .model import Entry

VERSION = "1.0"
PROVIDER_NAME = "Hiring distributed-systems developers: an open guide"
WIDTH = 800  # the embed copy's text column reads well up to about this; the iframe itself is width="100%"


def snippet(src: str, title: str, height: int) -> str:
    """The iframe an entry page's embed box offers (macros/templates/partials/embed.md.j2)."""
    return (f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="100%" height="{height}" '
            'loading="lazy" style="border:0"></iframe>')


def document(entry: Entry, site_url: str, renderer) -> dict:
    """The oEmbed response of the entry. Without the site's address (macros/site_address.py)
    its URLs are relative to the file, which a consumer cannot use: the build warns."""
    path = links.oembed_path(entry.collection, entry.id)
    base = site_url or links.up_to_root(path)
    height = embed_height.estimate(entry, renderer.audience)
    return {
        "type": "rich",
        "version": VERSION,
        "title": entry.title,
        "provider_name": PROVIDER_NAME,
        "provider_url": base,
        "html": snippet(base + links.embed_path(entry.collection, entry.id), entry.title, height),
        "width": WIDTH,
        "height": height,
    }


def discovery(entry: Entry, site_url: str, page_path: str) -> dict:
    """href and title of the discovery link on the entry's page at page_path
    (relative to it when the site's address is unknown)."""
    path = links.oembed_path(entry.collection, entry.id)
    href = site_url + path if site_url else links.relative(path, page_path + "index.html")
    return {"href": href, "title": entry.title}
