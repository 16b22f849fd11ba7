"""Load and validate the whole knowledge base: `data/` in, KnowledgeBase out.

Every problem is collected and raised together (DataErrors) so a contributor
sees them all in one run: each file's YAML, schema and untrusted-text checks,
ids and references, then the rule table of macros/rules.py (kit rules, links in
text). No MkDocs import: `make check`, the build and the tests all call
`validate` and see the same list.
"""

import re
from functools import lru_cache
from pathlib import Path

from . import data_links, refs, rules, schemas, text_rules, yaml_lines
from .errors import DataError, DataErrors
from .model import Entry, KnowledgeBase, freeze
from .registry import BY_NAME, COLLECTIONS

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Files a collection folder may hold besides entries.
ALLOWED_EXTRA = {"README.md"}


def load_kb(data_dir: Path, schema_dir: Path | None = None, docs_dir: Path | None = None) -> KnowledgeBase:
    """The validated knowledge base; cached until a file under data_dir changes
    (or a page under docs_dir appears or goes: links in text may point at pages)."""
    data_dir = Path(data_dir).resolve()
    schema_dir = Path(schema_dir).resolve() if schema_dir else data_dir / "schemas"
    docs_dir = Path(docs_dir).resolve() if docs_dir else data_dir.parent / "docs"
    pages = tuple(sorted(str(p) for p in docs_dir.rglob("*.md"))) if docs_dir.is_dir() else ()
    return _load(data_dir, schema_dir, docs_dir, _fingerprint(data_dir) + _fingerprint(schema_dir) + pages)


def _fingerprint(data_dir: Path) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(data_dir.rglob("*")) if p.is_file())


@lru_cache(maxsize=2)
def _load(data_dir: Path, schema_dir: Path, docs_dir: Path, fingerprint: tuple) -> KnowledgeBase:
    kb, errors = validate(data_dir, schema_dir, docs_dir)
    if errors:
        raise DataErrors(errors)
    return kb


def validate(data_dir: Path, schema_dir: Path | None = None,
             docs_dir: Path | None = None) -> tuple[KnowledgeBase | None, list[DataError]]:
    """Check everything; return the knowledge base (None if any error) and the errors.

    schema_dir defaults to data_dir/schemas; the tests point a fixture data
    folder at the real schemas. docs_dir (default: docs/ next to data_dir) holds
    the hand-written pages that links in text may point at.
    """
    data_dir = Path(data_dir).resolve()
    root = data_dir.parent
    schema_dir = Path(schema_dir).resolve() if schema_dir else data_dir / "schemas"
    docs_dir = Path(docs_dir).resolve() if docs_dir else root / "docs"
    errors: list[DataError] = []
    try:
        schemas.load(schema_dir)
    except Exception as exc:  # a broken schema stops everything: nothing can be checked
        return None, [DataError(_rel(schema_dir, root), 0, "", f"cannot load schemas: {exc}")]

    missing = _missing_schemas(schema_dir, root)
    if missing:  # without every schema, entries cannot be checked
        return None, missing
    errors += _unknown_folders(data_dir, root)
    parsed: list[tuple[Entry, dict]] = []
    for collection in COLLECTIONS:
        checker = schemas.Checker.for_collection(schema_dir, collection.name)
        folder = data_dir / collection.name
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.name in ALLOWED_EXTRA:
                continue
            rel = _rel(path, root)
            if path.suffix != ".yml":
                errors.append(DataError(rel, 0, "", "unexpected file in a collection folder", "entries are <id>.yml files"))
                continue
            entry, lines, file_errors = _load_entry(path, rel, collection.name, checker)
            errors += file_errors
            if entry is not None:
                parsed.append((entry, lines))

    ids = _ids_on_disk(data_dir)
    errors += _check_ids(parsed)
    errors += _check_refs(parsed, ids)
    lines_of = {entry: lines for entry, lines in parsed}
    errors += _rule_errors(rules.run_entry(lines_of, rules.Context(ids, docs_dir)), lines_of)
    if errors:  # tree rules need every entry valid and every reference resolved
        return None, sorted(set(errors))
    kb = KnowledgeBase.build(list(lines_of))
    errors = _rule_errors(rules.run_tree(kb), lines_of)
    if errors:
        return None, sorted(set(errors))
    return kb, []


def _rule_errors(found: list[tuple["rules.Rule", "rules.Finding"]], lines_of: dict[Entry, dict]) -> list[DataError]:
    return [
        DataError(f.entry.source, yaml_lines.line_of(lines_of.get(f.entry, {}), f.path), yaml_lines.format_path(f.path),
                  rules.message(rule, f), f.hint)
        for rule, f in found
    ]


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def _missing_schemas(schema_dir: Path, root: Path) -> list[DataError]:
    return [
        DataError(_rel(schema_dir, root), 0, "", f"no schema for collection '{c.name}'")
        for c in COLLECTIONS
        if not (schema_dir / schemas.schema_name(c.name)).is_file()
    ]


def _unknown_folders(data_dir: Path, root: Path) -> list[DataError]:
    known = set(BY_NAME) | {"schemas"}
    return [
        DataError(_rel(path, root), 0, "", "unknown collection folder", f"known: {', '.join(BY_NAME)}")
        for path in sorted(data_dir.iterdir())
        if path.is_dir() and path.name not in known
    ]


def _load_entry(path: Path, rel: str, collection: str, checker: "schemas.Checker"):
    """Parse and check one file on its own: YAML, schema, untrusted text, file name."""
    errors: list[DataError] = []
    try:
        data, lines = yaml_lines.load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, {}, [DataError(rel, 0, "", "file is not UTF-8 text")]
    except yaml_lines.YamlProblem as exc:
        return None, {}, [DataError(rel, exc.line, exc.field, exc.message)]
    if not isinstance(data, dict):
        return None, {}, [DataError(rel, 1, "", "expected a mapping of fields at the top of the file")]

    if not SLUG.match(path.stem):
        errors.append(DataError(rel, 0, "", f"file name '{path.stem}' is not a lowercase slug", "e.g. my-entry.yml"))
    elif isinstance(data.get("id"), str) and data["id"] != path.stem:
        errors.append(DataError(rel, yaml_lines.line_of(lines, ("id",)), "id",
                                f"id '{data['id']}' does not match the file name '{path.stem}'"))

    for error in checker.validator.iter_errors(data):
        for where, field, message, hint in schemas.explain(error):
            errors.append(DataError(rel, yaml_lines.line_of(lines, where), field, message, hint))

    for where, text in text_rules.strings(data):
        for reason, hint in text_rules.problems(text):
            errors.append(DataError(rel, yaml_lines.line_of(lines, where), yaml_lines.format_path(where), reason, hint))

    found = refs.find(checker.schema, data)
    entry = Entry(collection, path.stem, freeze(checker.with_defaults(data)), rel, tuple(found))
    return entry, lines, errors


def _check_ids(parsed: list[tuple[Entry, dict]]) -> list[DataError]:
    errors = []
    seen: dict[tuple, str] = {}
    for entry, lines in parsed:
        key = (entry.collection, entry.data.get("id"))
        if key in seen:
            errors.append(DataError(entry.source, yaml_lines.line_of(lines, ("id",)), "id",
                                    f"duplicate id '{key[1]}'", f"also used in {seen[key]}"))
        else:
            seen[key] = entry.source
    return errors


def _ids_on_disk(data_dir: Path) -> dict[str, set[str]]:
    """Ids by collection, from file names: a file that failed to parse still
    counts, so its own error is not repeated by every entry pointing at it."""
    return {c.name: {p.stem for p in (data_dir / c.name).glob("*.yml")} for c in COLLECTIONS}


def _check_refs(parsed: list[tuple[Entry, dict]], ids: dict[str, set[str]]) -> list[DataError]:
    errors = []
    for entry, lines in parsed:
        for ref in entry.refs:
            line, field = yaml_lines.line_of(lines, ref.path), yaml_lines.format_path(ref.path)
            unknown = data_links.unknown_ref(ref.collection, ref.id, ids)
            if unknown:
                errors.append(DataError(entry.source, line, field, *unknown))
            elif ref.key == entry.key:
                errors.append(DataError(entry.source, line, field, "an entry cannot refer to itself"))
    return errors
