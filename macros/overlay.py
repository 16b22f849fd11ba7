"""Overlays: a team's own edition of the guide without a fork.

An overlay is a folder laid out like data/ (collection folders of <id>.yml
entries) with a manifest, overlay.yml (schema: overlay.schema.json beside this
file). Its entries are added to the public ones and marked internal; the
manifest names, explicitly, the public entries it hides or replaces, so an
overlay file can never shadow a public id by accident. The overlay's files go
through the same schemas and rules as data/ (macros/load.py); this module reads
the manifest and merges the two sets of entries.

Set with OVERLAY=path (make build OVERLAY=..., make serve, make check, every target).
"""

import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from jsonschema import Draft202012Validator

from . import schemas, text_rules, yaml_lines
from .errors import DataError
from .model import Entry, Text
from .registry import BY_NAME

ENV = "OVERLAY"
MANIFEST = "overlay.yml"
SCHEMA = Path(__file__).with_name("overlay.schema.json")
MAX_LOGO_BYTES = 256 * 1024
# A logo is served from the site's own origin: an SVG that could run script or
# fetch from elsewhere when opened directly is refused.
_UNSAFE_SVG = re.compile(r"<script|<foreignobject|<!entity|\bon[a-z]+\s*=|javascript:|(?:href|src)\s*=\s*[\"'](?!#)",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Manifest:
    folder: Path  # the overlay folder, resolved
    source: str  # overlay.yml as errors name it
    name: str = ""  # the edition's name; "" keeps the site's
    logo: Path | None = None
    primary: str = ""
    accent: str = ""
    edit_url: str = ""  # with {path}; "" gives internal entries no edit button
    hide: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))  # (collection, id) -> line
    replace: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))  # (collection, id) -> line

    def edit_link(self, entry: Entry) -> str:
        """The edit button's address for an internal entry, or ""."""
        return self.edit_url.replace("{path}", f"{entry.collection}/{entry.id}.yml") if self.edit_url else ""


def configured() -> Path | None:
    """The overlay folder the environment names (OVERLAY), or None."""
    value = os.environ.get(ENV, "").strip()
    return Path(value) if value else None


def load_manifest(folder: Path, rel: str, read) -> tuple[Manifest | None, list[DataError]]:
    """The manifest of the overlay at folder. rel: how errors name the folder;
    read: the loader's reader of regular files (never a symlink or a FIFO)."""
    where = f"{rel}/{MANIFEST}"
    path = Path(folder) / MANIFEST
    if not path.is_file() or path.is_symlink():
        return None, [DataError(where, 0, "", "an overlay needs a manifest", "create overlay.yml (it may be empty: {})")]
    try:
        data, lines = yaml_lines.load(read(path).decode("utf-8"))
    except UnicodeDecodeError:
        return None, [DataError(where, 0, "", "file is not UTF-8 text", "save it as UTF-8")]
    except yaml_lines.YamlProblem as exc:
        return None, [DataError(where, exc.line, exc.field, exc.message, exc.hint)]
    data = {} if data is None else data
    if not isinstance(data, dict):
        return None, [DataError(where, 1, "", "expected a mapping of fields at the top of the file")]
    errors = []
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    for error in validator.iter_errors(data):
        for path_in, field_name, message, hint in schemas.explain(error):
            errors.append(DataError(where, yaml_lines.line_of(lines, path_in), field_name, message, hint))
    name = data.get("edition", {}).get("name") if isinstance(data.get("edition"), dict) else None
    if isinstance(name, str):  # the one free text shown on pages (the schema bounds the other fields)
        for reason, hint in text_rules.problems(name):
            errors.append(DataError(where, yaml_lines.line_of(lines, ("edition", "name")), "edition.name", reason, hint))
    if errors:
        return None, errors
    edition = data.get("edition", {})
    logo = None
    if edition.get("logo"):
        logo, logo_errors = _logo(Path(folder), edition["logo"], where, yaml_lines.line_of(lines, ("edition", "logo")), read)
        errors += logo_errors
    keys = {}
    for kind in ("hide", "replace"):
        keys[kind] = {}
        for index, key in enumerate(data.get(kind, [])):
            collection, entry_id = key.split("/", 1)
            line = yaml_lines.line_of(lines, (kind, index))
            if collection not in BY_NAME:
                errors.append(DataError(where, line, f"{kind}[{index}]", f"'{collection}' is not a collection",
                                        f"collections: {', '.join(BY_NAME)}"))
            keys[kind][(collection, entry_id)] = line
    for key in sorted(set(keys["hide"]) & set(keys["replace"])):
        errors.append(DataError(where, keys["replace"][key], "replace", f"{'/'.join(key)} is also hidden",
                                "hide an entry or replace it, not both"))
    manifest = Manifest(Path(folder).resolve(), where, Text(edition.get("name", "")), logo, edition.get("primary", ""),
                        edition.get("accent", ""), edition.get("edit_url", ""),
                        MappingProxyType(keys["hide"]), MappingProxyType(keys["replace"]))
    return (None if errors else manifest), errors


def _logo(folder: Path, name: str, where: str, line: int, read) -> tuple[Path | None, list[DataError]]:
    path = folder / name
    if not path.is_file() or path.is_symlink():
        return None, [DataError(where, line, "edition.logo", f"no file {name} in the overlay folder",
                                "a regular file next to overlay.yml")]
    raw = read(path, MAX_LOGO_BYTES)
    if len(raw) > MAX_LOGO_BYTES:
        return None, [DataError(where, line, "edition.logo", f"the logo is larger than {MAX_LOGO_BYTES // 1024} KiB")]
    if path.suffix == ".svg" and _UNSAFE_SVG.search(raw.decode("utf-8", "replace")):
        return None, [DataError(where, line, "edition.logo", "the SVG logo holds script, an event handler, an entity "
                                "or a link to another file", "export it as plain shapes, or use a PNG")]
    if path.suffix == ".png" and not raw.startswith(b"\x89PNG\r\n\x1a\n"):
        return None, [DataError(where, line, "edition.logo", "the file is not a PNG image")]
    return path, []


def merge(public: list[tuple[Entry, dict]], overlay: list[tuple[Entry, dict]], manifest: Manifest,
          public_ids: dict[str, set[str]]) -> tuple[list[tuple[Entry, dict]], list[DataError]]:
    """The edition's entries: public ones not hidden or replaced, then the overlay's,
    marked internal. Every undeclared clash and every declaration without its
    file is an error. public_ids: ids on disk, parsed or not."""
    errors = []
    overlay_keys = {entry.key: entry for entry, _ in overlay}
    clashing = set()
    for entry, lines in overlay:
        if entry.id in public_ids.get(entry.collection, ()) and entry.key not in manifest.replace:
            clashing.add(entry.key)  # reported once, here, not again as a duplicate id
            errors.append(DataError(entry.source, yaml_lines.line_of(lines, ("id",)), "id",
                                    f"{entry.collection}/{entry.id} is also a public entry",
                                    f"list it under replace: in {manifest.source} to replace the public one, "
                                    "or choose another id"))
    for key, line in manifest.replace.items():
        if key[1] not in public_ids.get(key[0], ()):
            errors.append(DataError(manifest.source, line, "replace", f"{'/'.join(key)} is not a public entry",
                                    "an overlay's own entries need no declaration"))
        elif key not in overlay_keys:
            errors.append(DataError(manifest.source, line, "replace", f"no overlay file {'/'.join(key)}.yml",
                                    "the replacement goes in the overlay folder under the same collection and id"))
    for key, line in manifest.hide.items():
        if key in overlay_keys:
            errors.append(DataError(manifest.source, line, "hide", f"{'/'.join(key)} is hidden and also in the overlay",
                                    "to replace it, list it under replace:"))
        elif key[1] not in public_ids.get(key[0], ()):
            errors.append(DataError(manifest.source, line, "hide", f"{'/'.join(key)} is not a public entry",
                                    "to drop an overlay entry, delete its file"))
    gone = set(manifest.hide) | set(manifest.replace)
    kept = [(entry, lines) for entry, lines in public if entry.key not in gone]
    added = [(replace(entry, internal=True), lines) for entry, lines in overlay if entry.key not in clashing]
    return kept + added, errors


def edition_ids(public_ids: dict[str, set[str]], overlay_ids: dict[str, set[str]], manifest: Manifest) -> dict[str, set[str]]:
    """Ids a reference may name in this edition: public ones not hidden, and the overlay's."""
    return {name: {i for i in ids if (name, i) not in manifest.hide} | overlay_ids.get(name, set())
            for name, ids in public_ids.items()}


def logo_uri(manifest: Manifest) -> str:
    """Where the edition's logo is copied, under docs/ (and the built site)."""
    return f"assets/edition/logo{manifest.logo.suffix}"


def apply_edition(config, manifest: Manifest | None):
    """The edition's name, logo and colours set on a site configuration: the
    dict of macros/targets.py or MkDocs' own config (both take item access)."""
    if manifest is None:
        return config
    if manifest.name:
        config["site_name"] = str(manifest.name)
    theme = config["theme"]
    if manifest.logo is not None:
        theme["logo"] = logo_uri(manifest)
    palettes = theme["palette"] if isinstance(theme["palette"], list) else [theme["palette"]]
    for palette in palettes:
        for key in ("primary", "accent"):
            if getattr(manifest, key):
                palette[key] = getattr(manifest, key)
    return config
