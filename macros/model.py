"""The in-memory knowledge base: validated entries and the links between them.

Immutable once built. Reverse links are computed here, once, from the forward
references; nothing else keeps a copy of them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from types import MappingProxyType

from .refs import Ref


class Text(str):
    """A string written in a data file. The renderer knows data text by this type:
    links written in it are turned into links from the page that shows it."""


def freeze(value):
    if isinstance(value, str):
        return Text(value)
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


# eq=False: entries compare and hash by identity; each exists once per knowledge base.
@dataclass(frozen=True, eq=False)
class Entry:
    collection: str
    id: str
    data: MappingProxyType
    source: str  # data/<collection>/<id>.yml (or the overlay's file), relative to the project root
    refs: tuple[Ref, ...] = ()
    internal: bool = False  # from an overlay (macros/overlay.py): this edition's own, not the public guide's

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def key(self) -> tuple[str, str]:
        return self.collection, self.id


@dataclass(frozen=True, eq=False)
class Link:
    source: Entry
    field: str  # the source's field that holds the reference
    target: Entry


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    collections: MappingProxyType  # name -> {id: Entry}, ids sorted
    _incoming: MappingProxyType = field(repr=False)  # (coll, id) -> tuple[Link]
    overlay: object = None  # the overlay's Manifest (macros/overlay.py) when the edition has one

    @classmethod
    def build(cls, entries: list[Entry], overlay: object = None) -> "KnowledgeBase":
        by_coll: dict[str, dict[str, Entry]] = defaultdict(dict)
        for entry in sorted(entries, key=lambda e: e.key):
            by_coll[entry.collection][entry.id] = entry
        incoming: dict[tuple, list[Link]] = defaultdict(list)
        for entry in entries:
            for ref in entry.refs:
                target = by_coll[ref.collection][ref.id]
                incoming[target.key].append(Link(entry, ref.field, target))
        return cls(
            MappingProxyType({name: MappingProxyType(ids) for name, ids in by_coll.items()}),
            MappingProxyType({key: tuple(links) for key, links in incoming.items()}),
            overlay,
        )

    def entries(self, collection: str) -> list[Entry]:
        return list(self.collections.get(collection, {}).values())

    def get(self, collection: str, entry_id: str) -> Entry:
        try:
            return self.collections[collection][entry_id]
        except KeyError:
            raise KeyError(f"no entry {collection}/{entry_id}") from None

    def outgoing(self, entry: Entry, field_name: str) -> list[Entry]:
        """Entries that `entry` references in `field_name`, in the order written."""
        return [self.get(r.collection, r.id) for r in entry.refs if r.field == field_name]

    def incoming(self, entry: Entry, collection: str, field_name: str) -> list[Entry]:
        """Entries of `collection` that reference `entry` in their `field_name`, by title."""
        links = self._incoming.get(entry.key, ())
        found = {l.source.key: l.source for l in links if l.source.collection == collection and l.field == field_name}
        return sorted(found.values(), key=lambda e: e.title.lower())

    def all_incoming(self, entry: Entry) -> tuple[Link, ...]:
        return self._incoming.get(entry.key, ())
