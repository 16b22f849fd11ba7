"""`make check`: validate data/ alone, print every problem, exit 1 if there is any.

The same `load.validate` the build and the tests call: schemas, references,
untrusted text and the rule table of macros/rules.py (kits, links in text).

Under GitHub Actions each problem is also printed as a workflow annotation,
so it shows on the pull request's diff at the offending line. Text from data
cannot forge another annotation or command: see `annotation`.
"""

import os
import sys
import time
from pathlib import Path

from . import overlay
from .errors import DataError, printable
from .load import MAX_FILE_BYTES, read_regular, validate
from .scaffold import PLACEHOLDER

ROOT = Path(__file__).resolve().parent.parent


def _escape_data(text: str) -> str:
    """A workflow command's message: GitHub's encoding of %, CR and LF (shown as
    line breaks inside the annotation), every other control, bidi or zero-width
    character as a visible escape. The command stays on one line."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    """A workflow command's property value (file=...): also `:` and `,`, which end it."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(error: DataError) -> str:
    where = f"file={_escape_property(error.path)}" + (f",line={error.line}" if error.line else "")
    message = f"{error.field}: {error.message}" if error.field else error.message
    if error.hint:
        message += f" ({error.hint})"
    return f"::error {where}::{_escape_data(message)}"


def main(argv: list[str]) -> int:
    # Under an ASCII locale, non-ASCII text in a message is printed as \xe9 rather than raising.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    data_dir = Path(argv[0]) if argv else ROOT / "data"
    overlay_dir = overlay.configured()
    # Schemas are always this project's; pages that links in text point at are the
    # data folder's sibling docs/ when there is one (a copy of the project), else ours.
    docs_dir = data_dir.resolve().parent / "docs"
    started = time.perf_counter()
    kb, errors = validate(data_dir, ROOT / "data" / "schemas", docs_dir if docs_dir.is_dir() else ROOT / "docs",
                          overlay_dir=overlay_dir)
    elapsed = time.perf_counter() - started
    for error in errors:
        print(error)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for error in errors:
            print(annotation(error))
    if errors:
        where = f"{data_dir} with the overlay {overlay_dir}" if overlay_dir else data_dir
        print(f"\n{len(errors)} error(s) in {where}; nothing was built.", file=sys.stderr)
        return 1
    for warning in placeholders(data_dir) + (placeholders(overlay_dir) if overlay_dir else []):
        print(f"warning: {warning}")
    counts = ", ".join(f"{len(ids)} {name}" for name, ids in kb.collections.items())
    print(f"data OK: {counts} ({elapsed:.2f}s)")
    if kb.overlay is not None:
        internal = sum(e.internal for name in kb.collections for e in kb.entries(name))
        print(f"overlay {kb.overlay.source.rsplit('/', 1)[0]}: {internal} internal entries "
              f"({len(kb.overlay.replace)} replacing public ones), {len(kb.overlay.hide)} public entries hidden")
    return 0


def placeholders(data_dir: Path) -> list[str]:
    """Lines still holding a `make new` placeholder: valid data, unfinished text."""
    found = []
    for path in sorted(Path(data_dir).glob("*/*.yml")):
        if path.is_symlink() or not path.is_file():  # never followed, never opened (a FIFO would block)
            continue
        try:
            text = read_regular(path)[:MAX_FILE_BYTES].decode("utf-8", "replace")
        except OSError:  # gone or swapped since the listing: validate reports such files
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if PLACEHOLDER in line and not line.lstrip().startswith("#"):
                where = printable(path.relative_to(Path(data_dir).parent).as_posix())
                found.append(f"{where}:{number}: placeholder left from make new")
    return found


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
