"""A collection's index in pages of bounded length.

An index lists every entry of its collection, so it grew with the guide: at
ten times today's data the glossary index held 1,200 rows, more than Zensical's
search accepts for one page (32,768 token positions), and every index outgrew
the page weight of issue 13. A collection of more than PAGE_SIZE entries is
listed in evenly sized pages of at most PAGE_SIZE: the first is the index page
itself, the others are generated at <collection>/page/<n>.md, each with the same
listing template over its share of the entries and links to the others.
"""

import math

from .model import Entry

# Rows per index page at most. Today's largest collection (120 glossary terms)
# stays on one page; a question's row is about 0.4 KB of gzip on the page.
PAGE_SIZE = 200


def chunks(entries: list[Entry], size: int | None = None) -> list[tuple[Entry, ...]]:
    """The entries in order, split into evenly sized pages of at most `size`
    (PAGE_SIZE unless given); one page, possibly empty, when they fit."""
    size = PAGE_SIZE if size is None else size
    if size < 1:
        raise ValueError("an index page lists at least one entry")
    count = max(1, math.ceil(len(entries) / size))
    return [tuple(entries[i * len(entries) // count:(i + 1) * len(entries) // count]) for i in range(count)]


def page_uri(collection: str, index_uri: str, number: int) -> str:
    """Source path of page `number` (1-based) of a collection's listing: page 1 is
    the index page that shows it (index_uri), the others are generated."""
    return index_uri if number == 1 else f"{collection}/page/{number}.md"


def pages(collection: str, index_uri: str, entries: list[Entry]) -> list[tuple[int, str, tuple[Entry, ...]]]:
    """Every page of a collection's listing as (number, source path, its entries)."""
    return [(n, page_uri(collection, index_uri, n), chunk) for n, chunk in enumerate(chunks(entries), 1)]
