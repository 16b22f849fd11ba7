"""`make check`: validate data/ alone, print every problem, exit 1 if there is any.

The same `load.validate` the build and the tests call: schemas, references,
untrusted text and the rule table of macros/rules.py (kits, links in text).

Under GitHub Actions each problem is also printed as a workflow annotation,
so it shows on the pull request's diff at the offending line.
"""

import os
import sys
import time
from pathlib import Path

from .errors import DataError
from .load import validate
from .scaffold import PLACEHOLDER

ROOT = Path(__file__).resolve().parent.parent


def annotation(error: DataError) -> str:
    def escape(text: str) -> str:  # the workflow-command encoding of GitHub Actions
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    where = f"file={error.path}" + (f",line={error.line}" if error.line else "")
    message = f"{error.field}: {error.message}" if error.field else error.message
    if error.hint:
        message += f" ({error.hint})"
    return f"::error {where}::{escape(message)}"


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else ROOT / "data"
    # Schemas are always this project's; pages that links in text point at are the
    # data folder's sibling docs/ when there is one (a copy of the project), else ours.
    docs_dir = data_dir.resolve().parent / "docs"
    started = time.perf_counter()
    kb, errors = validate(data_dir, ROOT / "data" / "schemas", docs_dir if docs_dir.is_dir() else ROOT / "docs")
    elapsed = time.perf_counter() - started
    for error in errors:
        print(error)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for error in errors:
            print(annotation(error))
    if errors:
        print(f"\n{len(errors)} error(s) in {data_dir}; nothing was built.", file=sys.stderr)
        return 1
    for warning in placeholders(data_dir):
        print(f"warning: {warning}")
    counts = ", ".join(f"{len(ids)} {name}" for name, ids in kb.collections.items())
    print(f"data OK: {counts} ({elapsed:.2f}s)")
    return 0


def placeholders(data_dir: Path) -> list[str]:
    """Lines still holding a `make new` placeholder: valid data, unfinished text."""
    found = []
    for path in sorted(Path(data_dir).glob("*/*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PLACEHOLDER in line and not line.lstrip().startswith("#"):
                found.append(f"{path.relative_to(Path(data_dir).parent).as_posix()}:{number}: placeholder left from make new")
    return found


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
