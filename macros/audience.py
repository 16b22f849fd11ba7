"""Who may read a field: the schema marks fields `x-audience: interviewer`, and
rendering wraps those, wherever they appear, as interviewer-only.

Read from the schemas so that a new interviewer-only field is hidden from
candidate-safe views without touching a template's markup rules.
"""

from dataclasses import dataclass
from pathlib import Path

from . import schemas
from .registry import COLLECTIONS


@dataclass(frozen=True)
class Audience:
    interviewer_fields: frozenset  # {(collection, top-level field)}

    @classmethod
    def from_schemas(cls, schema_dir: Path) -> "Audience":
        found = set()
        for collection in COLLECTIONS:
            schema, resolver = schemas.root_resolver(schema_dir, collection.name)
            for name, prop in schema.get("properties", {}).items():
                full, _ = schemas.resolved(prop, resolver)
                if full.get("x-audience") == "interviewer":
                    found.add((collection.name, name))
        return cls(frozenset(found))

    def interviewer(self, collection: str, field: str) -> bool:
        return (collection, field) in self.interviewer_fields
