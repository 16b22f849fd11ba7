"""What the built site's Pagefind bundles (site/pagefind/ and any merged
site/pagefind/part-<n>/, macros/search_index.py) indexed, page by page.

Each fragment file is gzip of "pagefind_dcd" + JSON: the page's url, its
indexed text, meta (title, collection) and anchors (headings with ids).
"""

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def fragment(path: Path) -> dict:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), f"{path.name}: not a Pagefind fragment"
    return json.loads(data[len(SIGNATURE):])


def indexed_pages(site: Path) -> dict[str, dict]:
    """Site-relative URL ("questions/x/") -> that page's fragment."""
    pages = {}
    for path in sorted((Path(site) / "pagefind").glob("**/fragment/*.pf_fragment")):
        doc = fragment(path)
        pages[doc["url"].lstrip("/")] = doc
    return pages
