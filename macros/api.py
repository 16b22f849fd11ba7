"""The JSON API: every entry with its references resolved to ids and canonical URLs.

Plain Python, no MkDocs import. Output is deterministic: keys sorted, entries
sorted by id, and the build date (the only field that varies) comes from
SOURCE_DATE_EPOCH when it is set.
"""

import datetime
import json
import os
from collections.abc import Iterator
from pathlib import Path

from . import schemas
from .links import API_VERSION, api_path, entry_api_path, entry_path, entry_url, up_to_root
from .model import Entry, KnowledgeBase
from .registry import BY_NAME

ENVELOPE_SCHEMAS = Path(__file__).parent / "api_schemas"


def build_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else datetime.datetime.now(datetime.timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _thaw(value):
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    if hasattr(value, "items"):
        return {k: _thaw(v) for k, v in value.items() if v is not None and v != ()}
    return value


def _ref(site_url: str, entry: Entry) -> dict:
    return {"collection": entry.collection, "id": entry.id, "title": entry.title, "url": entry_url(site_url, entry)}


def entry_document(kb: KnowledgeBase, entry: Entry, site_url: str) -> dict:
    references: dict[str, list] = {}
    for ref in entry.refs:
        references.setdefault(ref.field, []).append(_ref(site_url, kb.get(ref.collection, ref.id)))
    referenced_by: dict[str, list] = {}
    for link in sorted(kb.all_incoming(entry), key=lambda l: (l.source.collection, l.field, l.source.id)):
        key = f"{link.source.collection}.{link.field}"
        item = _ref(site_url, link.source)
        if item not in referenced_by.setdefault(key, []):
            referenced_by[key].append(item)
    return {
        "id": entry.id,
        "collection": entry.collection,
        "url": entry_url(site_url, entry),
        # An overlay's file by its path inside the overlay: never the build machine's folders.
        "source": f"overlay:{entry.collection}/{entry.id}.yml" if entry.internal else entry.source,
        "internal": entry.internal,
        "data": _thaw(entry.data),
        "references": references,
        "referenced_by": referenced_by,
    }


def collection_document(kb: KnowledgeBase, collection: str, site_url: str, entries=None) -> dict:
    """/api/v1/<collection>.json; entries: the ones to list (default: the collection's)."""
    entries = kb.entries(collection) if entries is None else entries
    return {
        "api_version": API_VERSION,
        "collection": collection,
        "title": BY_NAME[collection].title,
        "schema": site_url + api_path(f"schema/{collection}.schema.json"),
        "count": len(kb.entries(collection)),
        "entries": [entry_document(kb, e, site_url) for e in entries],
    }


def entry_file_document(kb: KnowledgeBase, entry: Entry, site_url: str) -> dict:
    """/api/v1/<collection>/<id>.json: one entry, as its collection file lists it,
    for a client that needs one question and not the whole collection."""
    return {
        "api_version": API_VERSION,
        "collection": entry.collection,
        "schema": site_url + api_path(f"schema/{entry.collection}.schema.json"),
        "entry": entry_document(kb, entry, site_url),
    }


def index_document(kb: KnowledgeBase, site_url: str, date: str) -> dict:
    return {
        "api_version": API_VERSION,
        "build_date": date,
        "site_url": site_url,
        "collections": [
            {
                "name": name,
                "title": BY_NAME[name].title,
                "count": len(kb.entries(name)),
                "url": site_url + api_path(f"{name}.json"),
                "schema": site_url + api_path(f"schema/{name}.schema.json"),
            }
            for name in BY_NAME
        ],
    }


def ids_document(kb: KnowledgeBase, site_url: str) -> dict:
    """Every entry's collection, id, title, page path and API file under the site,
    and nothing else: small enough for the 404 page to fetch and rank
    (docs/assets/not-found.js); the list of the per-entry API files."""
    entries = [{"collection": name, "id": e.id, "title": e.title, "path": entry_path(name, e.id),
                "api": entry_api_path(name, e.id)}
               for name in BY_NAME for e in kb.entries(name)]
    return {"api_version": API_VERSION, "site_url": site_url, "count": len(entries), "entries": entries}


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def collection_text(kb: KnowledgeBase, collection: str, site_url: str) -> str:
    """dumps(collection_document(...)), encoded one entry at a time: the documents of
    a whole collection at once are several times its text (at 100 times the
    guide's size the questions file alone is some 90 MB)."""
    entries = kb.entries(collection)
    if not entries:
        return dumps(collection_document(kb, collection, site_url))
    shell = dumps({**collection_document(kb, collection, site_url, entries=()), "entries": [_ENTRIES]})
    # dumps puts a list item two levels in: each line of an entry's own dump moves two spaces right.
    items = ",\n  ".join(dumps(entry_document(kb, e, site_url)).rstrip("\n").replace("\n", "\n  ") for e in entries)
    return shell.replace(json.dumps(_ENTRIES), items, 1)


_ENTRIES = "\x00entries"  # holds the list's place in collection_text; no header field can contain it


def files(kb: KnowledgeBase, schema_dir: Path, site_url: str) -> Iterator[tuple[str, str]]:
    """Every API file as (path under the site, text), e.g. api/v1/questions.json and
    api/v1/questions/<id>.json, made one at a time (the whole API is some 600 MB of
    text at 100 times the guide's size). Without the site's address
    (macros/site_address.py) the URLs in a file are relative to that file, and
    `site_url` is ""."""
    def base(path: str) -> str:
        return site_url or up_to_root(path)

    index = index_document(kb, base(api_path("index.json")), build_date())
    yield api_path("index.json"), dumps({**index, "site_url": site_url})
    yield api_path("ids.json"), dumps(ids_document(kb, site_url))
    for name in BY_NAME:
        yield api_path(f"{name}.json"), collection_text(kb, name, base(api_path(f"{name}.json")))
        for entry in kb.entries(name):
            path = entry_api_path(name, entry.id)
            yield path, dumps(entry_file_document(kb, entry, base(path)))
    data_schemas, _ = schemas.load(schema_dir)
    for name, schema in sorted(data_schemas.items()):
        yield api_path(f"schema/{name}"), dumps(schema)
    for path in sorted(ENVELOPE_SCHEMAS.glob("*.schema.json")):
        yield api_path(f"schema/{path.name}"), path.read_text(encoding="utf-8")
