"""Synthetic knowledge bases: the real data scaled k times, in a temporary project.

`generate(dest, k)` copies the site sources (mkdocs.yml, docs/, macros/,
overrides/, data/schemas/) into `dest` and writes data/<collection>/ with every
real entry copied k times, as `<id>-x1` ... `<id>-xk`. Each copy's references
(the fields marked `x-ref` in the collection's schema, nested ones included,
found by macros.refs.find; `x-ref: "*"` values are `collection/id` strings) are
rewritten to the copies of the same generation, so generation g is a complete,
self-consistent copy of the real graph and every reference resolves. Nothing
is written into the repository. `snapshot(dest)` copies the sources with the
real data unchanged (what bench.py builds as the real site).

Titles: copies in generation 1 keep the real titles and glossary abbreviations;
later generations get ` xg` appended to the title and `-xg` to the
abbreviation. Glossary terms are matched in entry text by title, so identical
titles would make every copy list all k copies of each term it mentions (pages
growing with k, which a real, bigger glossary would not do). With the suffixes,
every copy's text finds the generation-1 terms, as many as the real entry
finds, while the glossary still has k times as many terms to scan and
abbreviations to hand to the abbr extension, as a k-times larger glossary would.

Run on its own to inspect a generated project:

    .venv/bin/python tests/bench/synth.py /tmp/kb-x10 --scale 10
"""

import argparse
import copy as copy_module
import json
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import data_links, refs, yaml_lines  # noqa: E402  (yaml_lines: dates stay strings, as the engine reads them)
from macros.registry import COLLECTIONS  # noqa: E402

SOURCES = ("docs", "macros", "overrides")


def copy_sources(dest: Path, root: Path = ROOT) -> None:
    """The site sources without data: mkdocs.yml, docs/, macros/, overrides/, data/schemas/."""
    skip = shutil.ignore_patterns("__pycache__")
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "mkdocs.yml", dest / "mkdocs.yml")
    for name in SOURCES:
        shutil.copytree(root / name, dest / name, ignore=skip)
    shutil.copytree(root / "data" / "schemas", dest / "data" / "schemas", ignore=skip)


def snapshot(dest: Path, root: Path = ROOT) -> None:
    """The site sources with the real data, unchanged: what the benchmark builds as "the real site",
    so that files edited while it runs do not change what it measures."""
    copy_sources(dest, root)
    for collection in COLLECTIONS:
        shutil.copytree(root / "data" / collection.name, dest / "data" / collection.name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    if (root / "data" / "README.md").is_file():
        shutil.copy(root / "data" / "README.md", dest / "data" / "README.md")


ID_MAX = 64  # common.schema.json: $defs.id.maxLength


def suffixed(entry_id: str, generation: int) -> str:
    """`<id>-x<g>`, the id shortened if needed to stay within the schema's limit."""
    tail = f"-x{generation}"
    return entry_id[: ID_MAX - len(tail)].rstrip("-") + tail


def _get(data, path: tuple):
    for key in path:
        data = data[key]
    return data


def rewrite_refs(schema: dict, data: dict, generation: int) -> dict:
    """A copy of `data` with every reference pointing at the same generation.

    The references are the ones macros/refs.py finds (fields marked `x-ref` in
    the collection's schema, nested ones included, such as a role's
    `competencies[].skill` and `stages[].questions[]`), each rewritten at the
    path refs.find reports. A value is `<id>`, or `<collection>/<id>` for
    `x-ref: "*"`: either way it ends with the id, and only that end changes.
    """
    copy = copy_module.deepcopy(data)
    for ref in refs.find(schema, data):
        value = _get(data, ref.path)
        prefix = value[: len(value) - len(ref.id)]  # "" or "<collection>/"
        _get(copy, ref.path[:-1])[ref.path[-1]] = prefix + suffixed(ref.id, generation)
    return copy


def rewrite_text_links(text: str, generation: int) -> str:
    """`text` with every link to an entry (`[…](<collection>/<id>[#section])`)
    pointing at that entry's copy in the same generation; other links unchanged."""
    pieces, last = [], 0
    for start, end, target in data_links.targets(text):
        found = data_links.classify(target)
        if found.kind == "entry":
            anchor = f"#{found.anchor}" if found.anchor else ""
            pieces += [text[last:start], f"{found.collection}/{suffixed(found.id, generation)}{anchor}"]
            last = end
    return "".join(pieces) + text[last:]


def copy_entry(data: dict, schema: dict, generation: int) -> dict:
    # Links written inside text are references too: left as written, a copy's FAQ
    # answer would link to the original id, which no generation has (LNK002).
    copy = rewrite_refs(schema, data, generation)
    for path, text in list(data_links.strings(copy)):
        moved = rewrite_text_links(text, generation)
        if moved != text:
            _get(copy, path[:-1])[path[-1]] = moved
    copy["id"] = suffixed(data["id"], generation)
    if generation > 1:
        if isinstance(copy.get("title"), str):
            copy["title"] = f"{copy['title']} x{generation}"
        if isinstance(copy.get("abbreviation"), str):
            tail = f"-x{generation}"
            copy["abbreviation"] = copy["abbreviation"][: 12 - len(tail)] + tail  # schema: at most 12
    return copy


def generate(dest: Path, k: int, root: Path = ROOT) -> dict:
    """Write a project scaled k times into dest; return entry counts by collection."""
    dest = Path(dest)
    copy_sources(dest, root)
    counts = {}
    for collection in COLLECTIONS:
        source = root / "data" / collection.name
        target = dest / "data" / collection.name
        target.mkdir(parents=True, exist_ok=True)
        if (source / "README.md").is_file():
            shutil.copy(source / "README.md", target / "README.md")
        schema = json.loads((root / "data" / "schemas" / f"{collection.name}.schema.json").read_text(encoding="utf-8"))
        count = 0
        written = set()
        for path in sorted(source.glob("*.yml")):
            data, _ = yaml_lines.load(path.read_text(encoding="utf-8"))
            for generation in range(1, k + 1):
                copy = copy_entry(data, schema, generation)
                if copy["id"] in written:
                    raise ValueError(f"{collection.name}: two ids shorten to {copy['id']}")
                written.add(copy["id"])
                text = yaml.safe_dump(copy, sort_keys=False, allow_unicode=True, width=100)
                (target / f"{copy['id']}.yml").write_text(text, encoding="utf-8")
                count += 1
        counts[collection.name] = count
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="new folder for the generated project")
    parser.add_argument("--scale", type=int, default=10, help="copies of every entry (default 10)")
    args = parser.parse_args()
    if args.dest.exists() and any(args.dest.iterdir()):
        parser.error(f"{args.dest} exists and is not empty")
    counts = generate(args.dest, args.scale)
    print(f"{sum(counts.values())} entries in {args.dest}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"build it: cd {args.dest} && {ROOT}/.venv/bin/python -m mkdocs build --strict")


if __name__ == "__main__":
    main()
