"""The whole guide, for printing or saving as PDF, in parts of bounded size.

One page holding every entry grew with the guide: its Markdown, its table of
contents (Markdown's toc numbers each repeated heading by counting up from _1,
quadratic in the repeats) and its HTML all grew with the number of entries, and
a browser had to lay out the lot to print it. Instead each collection is one
part, and a collection of more than PART_SIZE entries is split into evenly
sized parts of at most PART_SIZE (PART_SIZES per collection). The page that calls `whole_guide()`
(docs/integrate/whole-guide.md) lists the parts; they are generated pages
under its own address: integrate/whole-guide/<collection>-<n>.md.
"""

import math
import posixpath
from dataclasses import dataclass

from .model import Entry, KnowledgeBase
from .registry import BY_NAME

# Entries per part at most, so that a part stays under the 250 KB (gzip) page
# weight of issue 13: a question is about 3 KB gzip on the page, a glossary term
# well under 1 KB. An interview kit carries its questions' rubrics (about 19 KB
# gzip each), so kits get a bound of their own.
PART_SIZE = 30
PART_SIZES = {"roles": 4}


@dataclass(frozen=True)
class Part:
    collection: str
    number: int  # 1-based within the collection
    count: int  # parts of this collection
    entries: tuple[Entry, ...]

    @property
    def slug(self) -> str:
        # Numbered even when alone, so a part's address never is `<collection>/`,
        # which the scripts read as the collection's own page (calibration.js pageOf).
        return f"{self.collection}-{self.number}"

    @property
    def title(self) -> str:
        name = BY_NAME[self.collection].title
        return f"{name}, part {self.number} of {self.count}" if self.count > 1 else name


def parts(kb: KnowledgeBase, size: int | None = None) -> list[Part]:
    """Every entry in exactly one part, collections in the registry's order, entries in the
    knowledge base's order (by id); a collection's parts differ in size by one at most.
    `size`: entries per part at most in every collection; unless given, PART_SIZES
    for the collections it names and PART_SIZE for the others."""
    if size is not None and size < 1:
        raise ValueError("a part holds at least one entry")
    found = []
    for name in BY_NAME:
        entries = kb.entries(name)
        limit = size if size is not None else PART_SIZES.get(name, PART_SIZE)
        count = math.ceil(len(entries) / limit)
        for index in range(count):
            chunk = entries[index * len(entries) // count:(index + 1) * len(entries) // count]
            found.append(Part(name, index + 1, count, tuple(chunk)))
    return found


def part_uri(contents_uri: str, part: Part) -> str:
    """Source path of a part: under the address of the page that lists the parts."""
    return f"{posixpath.splitext(contents_uri)[0]}/{part.slug}.md"
