"""Load and validate the whole knowledge base: `data/` in, KnowledgeBase out.

Every problem is collected and raised together (DataErrors) so a contributor
sees them all in one run: each file's YAML, schema and untrusted-text checks,
ids and references, then the rule table of macros/rules.py (kit rules, links in
text). No MkDocs import: `make check`, the build and the tests all call
`validate` and see the same list.

Data comes from pull requests: only regular files are read (never a symlink,
device, FIFO or folder, so nothing outside the repository and nothing that
blocks), each up to MAX_FILE_BYTES, and every problem is an error, never a crash.
"""

import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from . import data_links, overlay, refs, rules, schemas, text_rules, yaml_lines
from .errors import DataError, DataErrors
from .model import Entry, KnowledgeBase, freeze
from .registry import BY_NAME, COLLECTIONS

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Files a collection folder may hold besides entries.
ALLOWED_EXTRA = {"README.md"}
# Every file is read whole and parsed. The largest entry today is 11 KiB
# (data/questions/event-sourced-ledger-schema-and-replay.yml), so 256 KiB is
# twenty times that, while a pull request cannot make a build read gigabytes.
MAX_FILE_BYTES = 256 * 1024
# Files editors leave beside the one they save: Emacs locks (.#x.yml, a dangling
# symlink) and autosaves (#x.yml#), backups (x.yml~), Vim swap files (.x.yml.swp,
# .swo, ...) and its write test (4913), JetBrains safe-write copies.
_LEFTOVER = re.compile(r"^\.#|^#.*#$|~$|\.sw[a-p]$|^4913$|___jb_(tmp|old)___$")
_NOT_READ = "only regular files in the repository are read"


def load_kb(data_dir: Path, schema_dir: Path | None = None, docs_dir: Path | None = None,
            overlay_dir: Path | None = None) -> KnowledgeBase:
    """The validated knowledge base, with the overlay's entries when one is given
    (macros/overlay.py); cached until a file under data_dir or overlay_dir changes
    (or a page under docs_dir appears or goes: links in text may point at pages)."""
    data_dir = Path(data_dir).resolve()
    schema_dir = Path(schema_dir).resolve() if schema_dir else data_dir / "schemas"
    docs_dir = Path(docs_dir).resolve() if docs_dir else data_dir.parent / "docs"
    overlay_dir = Path(overlay_dir).resolve() if overlay_dir else None
    pages = tuple(sorted(str(p) for p in docs_dir.rglob("*.md"))) if docs_dir.is_dir() else ()
    stamp = _fingerprint(data_dir) + _fingerprint(schema_dir) + pages + (_fingerprint(overlay_dir) if overlay_dir else ())
    return _load(data_dir, schema_dir, docs_dir, overlay_dir, stamp)


def forget() -> None:
    """Drop every knowledge base kept for a later call (this module's and the
    rules'): `mkdocs build` compiles once and then frees the guide, some 600 MB
    at 100 times its size, for MkDocs' pages."""
    _load.cache_clear()
    rules.forget()


def _fingerprint(data_dir: Path) -> tuple:
    """Every name under data_dir with its type, time and size; symlinks are not followed."""
    found = []
    for path in sorted(data_dir.rglob("*")):
        try:
            info = os.lstat(path)
        except OSError:  # gone since the listing
            continue
        found.append((str(path), info.st_mode, info.st_mtime_ns, info.st_size))
    return tuple(found)


@lru_cache(maxsize=2)
def _load(data_dir: Path, schema_dir: Path, docs_dir: Path, overlay_dir: Path | None, fingerprint: tuple) -> KnowledgeBase:
    kb, errors = validate(data_dir, schema_dir, docs_dir, overlay_dir=overlay_dir)
    if errors:
        raise DataErrors(errors)
    return kb


def validate(data_dir: Path, schema_dir: Path | None = None, docs_dir: Path | None = None,
             file_cache: dict | None = None, overlay_dir: Path | None = None) -> tuple[KnowledgeBase | None, list[DataError]]:
    """Check everything; return the knowledge base (None if any error) and the errors.

    schema_dir defaults to data_dir/schemas; the tests point a fixture data
    folder at the real schemas. docs_dir (default: docs/ next to data_dir) holds
    the hand-written pages that links in text may point at. overlay_dir: an
    overlay folder (macros/overlay.py) whose entries join the public ones, checked
    the same way, its errors naming its own files. file_cache (used by
    `mkdocs serve`, macros/edit_loop.py) keeps each file's own checks between
    runs while the file is unchanged (same inode, size and mtime; the caller
    empties it when a schema changes): parsing and checking files one by one is
    most of the time; the checks across files always run.
    """
    given = Path(data_dir)
    if not os.path.lexists(given):
        return None, [DataError(given.as_posix(), 0, "", "no such folder")]
    if _kind(given) != "folder":  # a file, or a symlink to data elsewhere
        return None, [DataError(given.as_posix(), 0, "", "not a folder", f"it is a {_kind(given)}; {_NOT_READ}")]
    data_dir = Path(data_dir).resolve()
    root = data_dir.parent
    schema_dir = Path(schema_dir).resolve() if schema_dir else data_dir / "schemas"
    docs_dir = Path(docs_dir).resolve() if docs_dir else root / "docs"
    errors: list[DataError] = []
    irregular = [_not_regular(p, root) for p in _children(schema_dir) if _kind(p) != "file"]
    if irregular:  # schemas are read before anything else: never a FIFO or a device
        return None, irregular
    try:
        schemas.load(schema_dir)
    except Exception as exc:  # a broken schema stops everything: nothing can be checked
        return None, [DataError(_rel(schema_dir, root), 0, "", f"cannot load schemas: {exc}")]

    missing = _missing_schemas(schema_dir, root)
    if missing:  # without every schema, entries cannot be checked
        return None, missing
    errors += _unknown_folders(data_dir, root)
    # Built once: data/ and the overlay are checked against the same schemas.
    checkers = {c.name: schemas.Checker.for_collection(schema_dir, c.name) for c in COLLECTIONS}
    parsed, folder_errors = _parse_folder(data_dir, root, checkers, file_cache)
    errors += folder_errors
    ids = _ids_on_disk(data_dir)
    manifest = None
    if overlay_dir is not None:
        manifest, overlay_errors = _load_overlay(Path(overlay_dir), root)
        if manifest is None:  # without the manifest nothing in the overlay can be placed
            return None, sorted(set(errors + overlay_errors))
        errors += overlay_errors
        added, added_errors = _parse_folder(manifest.folder, root, checkers, file_cache)
        errors += added_errors
        parsed, merge_errors = overlay.merge(parsed, added, manifest, ids)
        errors += merge_errors
        ids = overlay.edition_ids(ids, _ids_on_disk(manifest.folder), manifest)
    hidden = frozenset(manifest.hide) if manifest is not None else frozenset()  # named as such in errors
    errors += _check_ids(parsed)
    errors += _check_refs(parsed, ids, hidden)
    lines_of = {entry: lines for entry, lines in parsed}
    errors += _rule_errors(rules.run_entry(lines_of, rules.Context(ids, docs_dir, hidden=hidden)), lines_of)
    if errors:  # tree rules need every entry valid and every reference resolved
        return None, sorted(set(errors))
    kb = KnowledgeBase.build(list(lines_of), manifest)
    errors = _rule_errors(rules.run_tree(kb), lines_of)
    if errors:
        return None, sorted(set(errors))
    return kb, []


def _parse_folder(folder: Path, root: Path, checkers: dict[str, "schemas.Checker"], file_cache: dict | None):
    """Every entry file of a data folder (data/ or an overlay), parsed and checked on its own."""
    parsed: list[tuple[Entry, dict]] = []
    errors: list[DataError] = []
    for collection in COLLECTIONS:
        checker = checkers[collection.name]
        files, folder_errors = _entry_files(folder / collection.name, root)
        errors += folder_errors
        for path in files:
            entry, lines, file_errors = _load_entry_cached(path, _rel(path, root), collection.name, checker, file_cache)
            errors += file_errors
            if entry is not None:
                parsed.append((entry, lines))
    return parsed, errors


def _load_overlay(given: Path, root: Path):
    """The overlay's manifest, and the errors of its folder itself."""
    rel = _rel(given.resolve(), root) if os.path.lexists(given) else given.as_posix()
    if not os.path.lexists(given):
        return None, [DataError(rel, 0, "", "no such overlay folder", f"{overlay.ENV} names a folder laid out like data/")]
    if _kind(given) != "folder":
        return None, [DataError(rel, 0, "", "the overlay is not a folder", f"it is a {_kind(given)}; {_NOT_READ}")]
    folder = given.resolve()
    manifest, errors = overlay.load_manifest(folder, rel, read_regular)
    return manifest, errors + _unknown_folders(folder, root, allowed=set(BY_NAME))


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


def _unknown_folders(data_dir: Path, root: Path, allowed: set[str] | None = None) -> list[DataError]:
    """Folders of data/ that are no collection, and anything there that is neither a folder nor a regular file."""
    known = allowed if allowed is not None else set(BY_NAME) | {"schemas"}
    errors = []
    for path in _children(data_dir):
        kind = _kind(path)
        if kind == "folder" and path.name not in known:
            errors.append(DataError(_rel(path, root), 0, "", "unknown collection folder", f"known: {', '.join(BY_NAME)}"))
        elif kind not in ("folder", "file"):
            errors.append(_not_regular(path, root))
    return errors


def _kind(path: Path) -> str:
    """What is at path, without following a symlink: "file" for a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return f"name that cannot be examined ({exc.strerror})"
    for test, kind in ((stat.S_ISREG, "file"), (stat.S_ISDIR, "folder"), (stat.S_ISLNK, "symbolic link"),
                       (stat.S_ISFIFO, "named pipe"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device")):
        if test(mode):
            return kind
    return "special file"


def _children(folder: Path) -> list[Path]:
    """What a real folder holds, sorted; nothing for a symlink to a folder."""
    if _kind(folder) != "folder":
        return []
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _not_regular(path: Path, root: Path) -> DataError:
    return DataError(_rel(path, root), 0, "", "not a regular file", f"it is a {_kind(path)}; {_NOT_READ}")


def _entry_files(folder: Path, root: Path) -> tuple[list[Path], list[DataError]]:
    """The files of a collection folder to read as entries, and an error for
    everything else in it. Nothing is opened here."""
    files, errors = [], []
    for path in _children(folder):
        rel = _rel(path, root)
        if _LEFTOVER.search(path.name):
            errors.append(DataError(rel, 0, "", "editor leftover in a collection folder",
                                    "an editor's lock, swap or backup file: close the editor or delete the file"))
        elif _kind(path) != "file":
            errors.append(_not_regular(path, root))
        elif path.name in ALLOWED_EXTRA:
            continue
        elif path.suffix != ".yml":
            errors.append(DataError(rel, 0, "", "unexpected file in a collection folder", "entries are <id>.yml files"))
        else:
            files.append(path)
    return files, errors


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """At most limit + 1 bytes of a regular file (one byte more than allowed shows
    the file is too big). Callers check the type first with os.lstat; O_NOFOLLOW,
    O_NONBLOCK and fstat guard against a file swapped for a symlink or a FIFO since."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _load_entry_cached(path: Path, rel: str, collection: str, checker: "schemas.Checker", cache: dict | None):
    if cache is None:
        return _load_entry(path, rel, collection, checker)
    try:
        info = os.lstat(path)
    except OSError:
        return _load_entry(path, rel, collection, checker)
    key = (rel, collection, info.st_ino, info.st_size, info.st_mtime_ns)
    if key not in cache:
        cache[key] = _load_entry(path, rel, collection, checker)
    return cache[key]


def _load_entry(path: Path, rel: str, collection: str, checker: "schemas.Checker"):
    """Parse and check one file on its own: YAML, schema, untrusted text, file name."""
    errors: list[DataError] = []
    try:
        raw = read_regular(path)
    except OSError as exc:
        return None, {}, [DataError(rel, 0, "", "cannot be read", f"{exc.strerror or exc}; {_NOT_READ}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, {}, [DataError(rel, 0, "", f"file is larger than {MAX_FILE_BYTES // 1024} KiB",
                                    "an entry is a few KiB of text: shorten it or split it")]
    try:
        data, lines = yaml_lines.load(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, {}, [DataError(rel, raw[:exc.start].count(b"\n") + 1, "", "file is not UTF-8 text", "save it as UTF-8")]
    except yaml_lines.YamlProblem as exc:
        return None, {}, [DataError(rel, exc.line, exc.field, exc.message, exc.hint)]
    except Exception as exc:  # a bug of ours: still a report on this file, never a traceback
        return None, {}, [DataError(rel, 0, "", f"the validator failed on this file ({type(exc).__name__}: {str(exc)[:200]})",
                                    "a bug in macros/yaml_lines.py: please report it")]
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
    return {c.name: {p.stem for p in _children(data_dir / c.name) if p.suffix == ".yml"} for c in COLLECTIONS}


def _check_refs(parsed: list[tuple[Entry, dict]], ids: dict[str, set[str]],
                hidden: frozenset = frozenset()) -> list[DataError]:
    """hidden: the (collection, id) an overlay hides, which a reference may not name."""
    errors = []
    for entry, lines in parsed:
        for ref in entry.refs:
            line, field = yaml_lines.line_of(lines, ref.path), yaml_lines.format_path(ref.path)
            unknown = data_links.unknown_ref(ref.collection, ref.id, ids, hidden)
            if unknown:
                errors.append(DataError(entry.source, line, field, *unknown))
            elif ref.key == entry.key:
                errors.append(DataError(entry.source, line, field, "an entry cannot refer to itself"))
    return errors
