"""Find the references in an entry, guided by `x-ref` annotations in its schema.

A schema marks a field as a reference with `"x-ref": "<collection>"` (an id in
that collection) or `"x-ref": "*"` (a `collection/id` string). Reading the
annotation from the schema keeps the schema the one place that says what links
where. The annotation must sit in the collection's own schema, on the field or
its `items`: shared `$defs` are not followed.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Ref:
    path: tuple  # where the reference sits in the source entry, e.g. ("skills", 1)
    collection: str  # target collection
    id: str  # target id

    @property
    def field(self) -> str:
        return self.path[0]

    @property
    def key(self) -> tuple[str, str]:
        return self.collection, self.id


def find(schema: dict, data, path: tuple = ()) -> list[Ref]:
    """Walk `data` alongside `schema` and return every reference found."""
    target = schema.get("x-ref")
    if target is not None:
        if not isinstance(data, str):
            return []  # a type error the schema check reports
        if target == "*":
            collection, _, entry_id = data.partition("/")
            return [Ref(path, collection, entry_id)]
        return [Ref(path, target, data)]
    found: list[Ref] = []
    if isinstance(data, dict):
        for key, subschema in schema.get("properties", {}).items():
            if key in data:
                found += find(subschema, data[key], path + (key,))
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(data):
            found += find(schema["items"], item, path + (index,))
    return found
