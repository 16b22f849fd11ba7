"""Labels of the reverse-link sections, kept in the schemas next to `x-ref`.

A field that refers to other entries carries `"x-backlink": "<heading>"`: the
heading the target's page shows above the entries that point at it through this
field ("Questions that probe this skill").
"""

from pathlib import Path

from . import schemas
from .registry import COLLECTIONS


def _has_ref(prop: dict) -> bool:
    if "x-ref" in prop:
        return True
    items = prop.get("items")
    if isinstance(items, dict) and _has_ref(items):
        return True
    return any(_has_ref(p) for p in prop.get("properties", {}).values() if isinstance(p, dict))


def labels(schema_dir: Path) -> dict[tuple[str, str], str]:
    """{(source collection, top-level field): heading}."""
    found = {}
    for collection in COLLECTIONS:
        schema, _ = schemas.root_resolver(schema_dir, collection.name)
        for field, prop in schema.get("properties", {}).items():
            if "x-backlink" in prop:
                found[(collection.name, field)] = prop["x-backlink"]
    return found


def unlabelled(schema_dir: Path) -> list[str]:
    """Reference fields without a heading for their reverse links, as collection.field."""
    missing = []
    for collection in COLLECTIONS:
        schema, _ = schemas.root_resolver(schema_dir, collection.name)
        for field, prop in schema.get("properties", {}).items():
            if _has_ref(prop) and "x-backlink" not in prop:
                missing.append(f"{collection.name}.{field}")
    return missing
