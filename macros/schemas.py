"""JSON Schemas of the collections, and schema errors in words a contributor understands."""

import difflib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .registry import BY_NAME
from .yaml_lines import format_path


def load(schema_dir: Path) -> tuple[dict[str, dict], Registry]:
    """All schemas in the folder by file name, and a registry resolving `$ref` between them.

    Cached until a schema file changes, so `make serve` picks up schema edits."""
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(Path(schema_dir).glob("*.schema.json")))
    return _load(Path(schema_dir), stamp)


@lru_cache(maxsize=4)
def _load(schema_dir: Path, stamp: tuple) -> tuple[dict[str, dict], Registry]:
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schema_dir.glob("*.schema.json"))}
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in schemas.items())
    return schemas, registry


def schema_name(collection: str) -> str:
    return f"{collection}.schema.json"


@dataclass(frozen=True)
class Checker:
    """One collection's schema, its validator and its `$ref` resolver, built once per validation run."""

    schema: dict
    validator: Draft202012Validator
    resolver: object

    @classmethod
    def for_collection(cls, schema_dir: Path, collection: str) -> "Checker":
        schema, resolver = root_resolver(schema_dir, collection)
        all_schemas, _ = load(schema_dir)
        return cls(schema, Draft202012Validator(inline_refs(schema, schema_name(collection), all_schemas)), resolver)

    def with_defaults(self, data: dict) -> dict:
        """Fill absent optional top-level fields ([] for lists, None otherwise), so
        templates can treat every field as present and a misspelt field name in a
        template still fails."""
        filled = dict(data)
        for field, prop in self.schema.get("properties", {}).items():
            prop, _ = resolved(prop, self.resolver)
            if field not in filled:
                filled[field] = [] if prop.get("type") == "array" else None
        return filled


def explain(error) -> list[tuple[tuple, str, str, str]]:
    """(path for the line, field, message, hint) for each problem in one jsonschema error.

    One error can hold several problems: `additionalProperties` names every
    unknown key of a mapping at once, and each gets its own line and hint."""
    path = tuple(error.absolute_path)
    field = format_path(path)
    kind, schema, value = error.validator, error.schema, error.instance
    hint = ""
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        unknown = sorted((k for k in value if k not in allowed), key=str)
        if unknown:
            return [_unknown_field(path + (key,), key, allowed) for key in unknown]
        message = error.message
    elif kind == "required":
        missing = [name for name in error.validator_value if not isinstance(value, dict) or name not in value]
        message = f"missing required field {', '.join(repr(m) for m in missing)}"
    elif kind == "enum":
        options = [str(o) for o in error.validator_value]
        message = f"{value!r} is not one of {', '.join(options)}"
        close = difflib.get_close_matches(str(value), options, n=1)
        hint = f"did you mean '{close[0]}'?" if close else ""
    elif kind in ("maxLength", "minLength"):
        limit = "at most" if kind == "maxLength" else "at least"
        message = f"text is {len(value)} characters; it must be {limit} {error.validator_value}"
    elif kind in ("maxItems", "minItems"):
        limit = "at most" if kind == "maxItems" else "at least"
        message = f"list has {len(value)} item(s); it must have {limit} {error.validator_value}"
    elif kind == "type":
        message = f"expected {error.validator_value}, got {type(value).__name__} {_short(value)}"
    elif kind == "pattern":
        message = f"{_short(value)} does not have the expected form"
        hint = schema.get("description", f"pattern {error.validator_value}")
    elif kind == "uniqueItems":
        message = "list has duplicate items"
    else:
        message = error.message
    return [(path, field, message, hint)]


def _unknown_field(path: tuple, key, allowed: list[str]) -> tuple[tuple, str, str, str]:
    close = difflib.get_close_matches(str(key), allowed, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(allowed)}"
    return path, format_path(path), f"unknown field '{key}'", hint


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def resolved(prop: dict, resolver) -> tuple[dict, object]:
    """`prop` with the subschema its `$ref` points at merged in (its own keys win),
    and the resolver for `$ref`s found inside the result."""
    while "$ref" in prop:
        found = resolver.lookup(prop["$ref"])
        prop = {**found.contents, **{k: v for k, v in prop.items() if k != "$ref"}}
        resolver = found.resolver
    return prop, resolver


def inline_refs(node, document: str, schemas: dict[str, dict]):
    """The schema with every `$ref` replaced by what it points at, so validation
    resolves nothing per entry: resolving through the registry took about half of
    `make check`. Our refs are never recursive. A ref with sibling keywords becomes
    `allOf: [target]` plus the siblings, which validates exactly as the ref did and
    reports errors from the target, as before."""
    if isinstance(node, list):
        return [inline_refs(item, document, schemas) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" not in node:
        return {key: inline_refs(value, document, schemas) for key, value in node.items()}
    target_document, _, pointer = node["$ref"].partition("#")
    target_document = target_document or document
    target = schemas[target_document]
    for part in filter(None, pointer.split("/")):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    target = inline_refs(target, target_document, schemas)
    siblings = {key: inline_refs(value, document, schemas) for key, value in node.items() if key != "$ref"}
    return {"allOf": [target], **siblings} if siblings else target


def root_resolver(schema_dir: Path, collection: str):
    """The collection's schema and a resolver for the `$ref`s in it."""
    all_schemas, registry = load(schema_dir)
    name = schema_name(collection)
    return all_schemas[name], registry.resolver(base_uri=name)


@dataclass(frozen=True)
class FieldDoc:
    """One row of the data reference, derived from a schema."""

    name: str  # dotted path: rubric.insufficient, follow_ups[].probe
    type: str
    required: bool
    description: str
    rules: str
    audience: str  # "interviewer" for fields kept out of candidate-safe views, else ""


def describe(schema_dir: Path, collection: str) -> list[FieldDoc]:
    """Every field of a collection's schema, nested ones included, in schema order."""
    schema, resolver = root_resolver(schema_dir, collection)
    rows: list[FieldDoc] = []

    def walk(obj: dict, resolver, prefix: str, audience: str) -> None:
        required = set(obj.get("required", []))
        for name, prop in obj.get("properties", {}).items():
            full, inner = resolved(prop, resolver)
            path = f"{prefix}{name}"
            field_audience = full.get("x-audience", audience)
            rows.append(FieldDoc(path, _type_of(full, inner), name in required, full.get("description", ""),
                                 _rules_of(full, inner), "interviewer" if field_audience == "interviewer" else ""))
            if full.get("type") == "object":
                walk(full, inner, f"{path}.", field_audience)
            items, items_resolver = resolved(full.get("items", {}), inner)
            if items.get("type") == "object":
                walk(items, items_resolver, f"{path}[].", field_audience)

    walk(schema, resolver, "", "")
    return rows


def _type_of(prop: dict, resolver) -> str:
    if "x-ref" in prop:
        return "`collection/id` of any entry" if prop["x-ref"] == "*" else f"{BY_NAME[prop['x-ref']].singular} id"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    if prop.get("type") == "array":
        items, inner = resolved(prop.get("items", {}), resolver)
        return f"list of: {_type_of(items, inner)}" if items else "list"
    return {"string": "text", "integer": "whole number", "object": "mapping"}.get(prop.get("type"), "any")


def _rules_of(prop: dict, resolver) -> str:
    rules = []
    for key, label in (("minLength", "at least {} characters"), ("maxLength", "at most {} characters"),
                       ("minItems", "at least {} items"), ("maxItems", "at most {} items"),
                       ("minimum", "from {}"), ("maximum", "to {}")):
        if key in prop:
            rules.append(label.format(prop[key]))
    if "pattern" in prop:
        rules.append(f"pattern `{prop['pattern']}`")
    if prop.get("uniqueItems"):
        rules.append("no duplicates")
    return "; ".join(rules)
