"""Whether the build knows the guide's public address, read here and nowhere else.

mkdocs.yml falls back to the local server (`site_url: !ENV [SITE_URL, LOCAL]`):
MkDocs and Material need some site_url (instant navigation, the sitemap,
`mkdocs serve`). That fallback must never reach what leaves the site: embed
snippets, the JSON API, Markdown exports, builder.json and oEmbed files. So the
compile step gets the public address only when SITE_URL is set (or mkdocs.yml
names a real host instead of the fallback), and "" otherwise; with "" the
files carry addresses relative to themselves and the entry pages' embed
snippets take the page's own origin when they are viewed (assets/embed-snippet.js).
"""

import os
import sys

ENV = "SITE_URL"
LOCAL = "http://127.0.0.1:8000/"  # mkdocs.yml's fallback (tests/test_site_address.py keeps them equal)

WARNING = (
    "WARNING: SITE_URL is not set, so this build does not know the guide's public address. "
    "Embed snippets take the address from the page a reader views; the JSON API, the Markdown exports, "
    "roles/builder.json and the oEmbed files under api/oembed/ carry relative addresses, so an export "
    "pasted into a wiki has links that do not work and oEmbed consumers (Notion, link unfurlers) cannot "
    "use the iframe. Canonical URLs, Open Graph tags and the sitemap keep mkdocs.yml's local "
    f"fallback ({LOCAL}). Set SITE_URL=https://your-host/path/ when you build for a host."
)


def _slash(url: str) -> str:
    return url if not url or url.endswith("/") else url + "/"


def public(configured: str, serving: bool = False) -> str:
    """The address to write into snippets and data files, or "" when unknown.
    configured: mkdocs.yml's site_url as MkDocs resolved it; serving: under
    `mkdocs serve`, which replaces site_url with its own address."""
    env = os.environ.get(ENV, "").strip()
    if serving:
        return _slash(env)
    if env:
        return _slash(configured or env)
    return "" if _slash(configured or "") in ("", LOCAL) else _slash(configured)


def warn() -> None:
    """On stderr, not through MkDocs' logger: `mkdocs build --strict` counts its
    warnings as failures, and a build without SITE_URL is valid (the tests make one)."""
    print(WARNING, file=sys.stderr, flush=True)
