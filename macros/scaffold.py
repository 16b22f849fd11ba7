"""`make new KIND=question ID=my-question`: write a skeleton entry that already validates.

Every required field is filled with a placeholder starting with TODO (or, for
references, the first existing ids, to be replaced), each with its schema
description as a comment; optional fields are listed as comments. `make check`
reports TODO placeholders as warnings and the test suite refuses them on main.
"""

import datetime
import difflib
import sys
from pathlib import Path

import yaml

from . import schemas
from .load import SLUG
from .registry import COLLECTIONS

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = "TODO"


class ScaffoldError(Exception):
    pass


def collection_for(kind: str):
    """Accept the folder name or the singular: 'question', 'questions', 'red-flag', 'red flag'."""
    wanted = kind.strip().lower().replace(" ", "-")
    for c in COLLECTIONS:
        if wanted in (c.name, c.singular.lower().replace(" ", "-")):
            return c
    names = [c.singular.lower().replace(" ", "-") for c in COLLECTIONS]
    close = difflib.get_close_matches(wanted, names + [c.name for c in COLLECTIONS], n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise ScaffoldError(f"unknown kind '{kind}'{hint}; choose one of: {', '.join(names)}")


def skeleton(collection: str, entry_id: str, data_dir: Path, today: datetime.date | None = None) -> str:
    schema, root = schemas.root_resolver(data_dir / "schemas", collection)
    name = schemas.schema_name(collection)
    today = today or datetime.date.today()

    def existing(target: str, count: int) -> list[str]:
        return sorted(p.stem for p in (data_dir / target).glob("*.yml"))[:count]

    def value(field: str, prop: dict, resolver):
        prop, resolver = schemas.resolved(prop, resolver)
        if field == "id" or (collection, field) == ("calibration", "question"):
            return entry_id  # a calibration set is named after the question it calibrates (CAL001)
        if field == "last_reviewed":
            return today.isoformat()
        if "enum" in prop:
            return prop["enum"][0]
        if "examples" in prop:  # a field with a fixed form, such as weeks: 1-2
            return prop["examples"][0]
        if prop.get("x-ref") and prop["x-ref"] != "*":  # a single reference, e.g. competencies[].skill
            return existing(prop["x-ref"], 1)[0]
        kind = prop.get("type")
        if kind == "integer":
            return prop.get("minimum", 1)
        if kind == "string":
            return f"{PLACEHOLDER}: {prop.get('description', field)}"
        if kind == "object":
            return {k: value(k, v, resolver) for k, v in prop["properties"].items() if k in prop.get("required", [])}
        if kind == "array":
            count = max(prop.get("minItems", 0), 1)
            ref = prop.get("items", {}).get("x-ref")
            if ref and ref != "*":
                return existing(ref, count)
            if ref == "*":
                return [f"skills/{s}" for s in existing("skills", count)]
            if field == "tags":
                return ["todo"]
            return [value(field, prop.get("items", {}), resolver) for _ in range(count)]
        return f"{PLACEHOLDER}: {field}"

    # A kit must meet rules across entries (KIT001-006) that no blank skeleton
    # meets: start from the loop of an existing kit, its words replaced by placeholders.
    template = _first_role(data_dir) if collection == "roles" else None

    required = schema.get("required", [])
    lines = [f"# yaml-language-server: $schema=../schemas/{name}", f"# {schema.get('description', '')}", ""]
    for field, prop in schema["properties"].items():
        full = schemas.resolved(prop, root)[0]
        description = full.get("description", "")
        if "enum" in full:
            description = f"{description} One of: {', '.join(full['enum'])}.".strip()
        if field not in required:
            lines.append(f"# {field} (optional): {description}")
            continue
        if description:
            lines.append(f"# {description}")
        start = _placeholders(template[field], field) if template and field in ROLE_LOOP else value(field, prop, root)
        dumped = yaml.safe_dump({field: start}, sort_keys=False, allow_unicode=True, width=88)
        lines.extend(dumped.rstrip("\n").splitlines())
    return "\n".join(lines) + "\n"


ROLE_LOOP = {"level", "competencies", "stages"}  # fields a new kit copies from an existing one
_ROLE_REFS = {"level", "skill", "weight", "minutes", "questions"}  # kept as they are; the rest becomes a placeholder


def _first_role(data_dir: Path) -> dict | None:
    paths = sorted((data_dir / "roles").glob("*.yml"))
    return yaml.safe_load(paths[0].read_text(encoding="utf-8")) if paths else None


def _placeholders(value, field: str):
    if isinstance(value, dict):
        return {k: v if k in _ROLE_REFS else _placeholders(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_placeholders(v, field) for v in value]
    if isinstance(value, str) and field not in _ROLE_REFS:
        return f"{PLACEHOLDER}: {field}"
    return value


def create(kind: str, entry_id: str, data_dir: Path = ROOT / "data") -> Path:
    collection = collection_for(kind)
    if not SLUG.match(entry_id or ""):
        raise ScaffoldError(f"id '{entry_id}' is not a lowercase slug: use letters, digits and single hyphens, e.g. kafka-consumer-lag")
    path = data_dir / collection.name / f"{entry_id}.yml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(data_dir.parent)} already exists; choose another id or edit that file")
    path.write_text(skeleton(collection.name, entry_id, data_dir), encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not all(argv):
        print("usage: make new KIND=<kind> ID=<id>   e.g. make new KIND=question ID=kafka-consumer-lag", file=sys.stderr)
        return 2
    try:
        path = create(argv[0], argv[1])
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(ROOT)}: replace every TODO, then run make check")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
