"""The navigation: mkdocs.yml's hand-written pages, plus the index of every
collection that the file does not place, in the section the registry names."""

import copy

from .links import index_uri
from .registry import COLLECTIONS


def _pages(nav) -> set[str]:
    found = set()
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found |= _pages(value)
        elif isinstance(value, str):
            found.add(value)
    return found


def with_collections(nav: list) -> list:
    """A copy of nav with each missing collection index appended to its section."""
    nav = copy.deepcopy(nav or [])
    placed = _pages(nav)
    for collection in COLLECTIONS:
        uri = index_uri(collection.name)
        if uri in placed:
            continue
        section = next((item for item in nav if isinstance(item, dict) and collection.section in item), None)
        if section is None:
            section = {collection.section: []}
            nav.append(section)
        section[collection.section].append({collection.title: uri})
    return nav
