"""Links written inside data text: find them, say what they point at, rewrite them for a page.

Data text may link in three forms only (everything else is an error, LNK001):

- `https://…`, `http://…` or `mailto:…`: another site, kept as written;
- `<collection>/<id>` or `<collection>/<id>#<section>`: an entry of the guide;
- `<page>.md` or `<page>.md#<anchor>`: a hand-written page, relative to docs/.

Targets are read from Markdown inline links `[text](target)`, reference
definitions `[label]: target` and autolinks `<https://…>`, outside fenced code
blocks and code spans. Entry sections are the fixed `{ #id }`s the entry's
template writes, read from the template files themselves so a renamed section
cannot leave a stale list behind. `rewrite` turns entry and page targets into
the relative `.md` links MkDocs checks (or absolute URLs for text that leaves
the site); the validator (macros/rules.py, LNK rules) makes sure every target
it meets has one of the allowed forms.
"""

import difflib
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import links, markdown_text
from .registry import BY_NAME

TEMPLATES = Path(__file__).resolve().parent / "templates"
EXTERNAL = ("https://", "http://", "mailto:")
ALLOWED_FORMS = "https://…, http://…, mailto:…, <collection>/<id>[#<section>] or <page>.md[#<anchor>] under docs/"

_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_ANCHOR = r"[A-Za-z0-9_-]+"
_ENTRY = re.compile(rf"^(?P<collection>[a-z0-9-]+)/(?P<id>{_SLUG})(?:#(?P<anchor>{_ANCHOR}))?$")
# Clean path segments only: no `..`, no leading `/`, no `./`.
_PAGE = re.compile(rf"^(?P<page>(?:[A-Za-z0-9_][A-Za-z0-9_.-]*/)*[A-Za-z0-9_][A-Za-z0-9_.-]*\.md)(?:#(?P<anchor>{_ANCHOR}))?$")
_EXTERNAL = re.compile(r"^(?:https?://[^/?#\s]+|mailto:[^\s@]+@[^\s@]+)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)(?:[^\]\\]|\\.)+\]:[ \t]*(?:<([^>\n]*)>|(\S+))", re.MULTILINE)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_BLANK = re.compile(r"[^\r\n]")


@dataclass(frozen=True)
class Target:
    """A link target and its form: "external", "entry", "page" or "invalid"."""

    text: str
    kind: str
    collection: str = ""
    id: str = ""
    page: str = ""  # relative to docs/
    anchor: str = ""


def classify(text: str) -> Target:
    if _EXTERNAL.match(text):
        return Target(text, "external")
    match = _ENTRY.match(text)
    if match:
        return Target(text, "entry", match["collection"], match["id"], anchor=match["anchor"] or "")
    match = _PAGE.match(text)
    if match:
        return Target(text, "page", page=match["page"], anchor=match["anchor"] or "")
    return Target(text, "invalid")


# Finding targets ----------------------------------------------------------------

def targets(text: str) -> list[tuple[int, int, str]]:
    """(start, end, target) of every link target in Markdown text, outside code."""
    if "](" not in text and "]:" not in text and "<" not in text:
        return []  # most data text: no link syntax at all
    masked = _mask_code(text)
    found = [(s, e, text[s:e]) for s, e in _inline_spans(masked)]
    for match in _DEFINITION.finditer(masked):
        group = 1 if match.group(1) is not None else 2
        found.append((match.start(group), match.end(group), text[match.start(group):match.end(group)]))
    for match in _AUTOLINK.finditer(masked):
        found.append((match.start(1), match.end(1), match.group(1)))
    return sorted(found)


def _mask_code(text: str) -> str:
    """The text with fenced code blocks and code spans blanked out, offsets unchanged."""
    lines = text.splitlines(keepends=True)
    fenced = markdown_text.outside_code([line.rstrip("\r\n") for line in lines])
    masked = "".join(_BLANK.sub(" ", line) if in_code else line for line, (_, _, in_code) in zip(lines, fenced))
    return _CODE_SPAN.sub(lambda m: _BLANK.sub(" ", m.group(0)), masked)


def _inline_spans(text: str):
    """Spans of the destinations of `[text](destination "title")` links and images."""
    for match in re.finditer(r"\]\(", text):
        close = match.start()
        if not _opens_label(text, close):
            continue
        span = _destination(text, match.end())
        if span is not None:
            yield span


def _opens_label(text: str, close: int) -> bool:
    """Whether the `]` at `close` ends a link label: unescaped, with its `[` before it."""
    if _escaped(text, close):
        return False
    depth = 0
    for index in range(close - 1, -1, -1):
        char = text[index]
        if char in "[]" and _escaped(text, index):
            continue
        if char == "]":
            depth += 1
        elif char == "[":
            if depth == 0:
                return True
            depth -= 1
    return False


def _escaped(text: str, index: int) -> bool:
    slashes = 0
    while index - slashes - 1 >= 0 and text[index - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


def _destination(text: str, start: int) -> tuple[int, int] | None:
    """Span of the destination that starts at `start` (just after `(`), or None
    when what follows is not a link (CommonMark: then the brackets are plain text)."""
    index = start
    while index < len(text) and text[index] in " \t\n":
        index += 1
    if text.startswith("<", index):
        end = text.find(">", index)
        if end < 0 or "\n" in text[index:end]:
            return None
        span, index = (index + 1, end), end + 1
    else:
        depth, begin = 0, index
        while index < len(text) and not text[index].isspace():
            char = text[index]
            if char == "\\":
                index += 2
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            index += 1
        span = (begin, min(index, len(text)))
    rest = re.match(r"""[ \t\n]*(?:(?:"[^"]*"|'[^']*'|\([^)]*\))[ \t\n]*)?\)""", text[index:])
    return span if rest else None


def strings(value, path: tuple = ()):
    """(path, string) for every string value of an entry's data, mappings and lists alike."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from strings(item, path + (key,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from strings(item, path + (index,))


# Checking targets ---------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    kind: str  # "form", "entry", "page" or "anchor": the rule it breaks
    message: str
    hint: str


HIDDEN_HINT = ("the overlay's manifest hides it: replace the entry that names it in the overlay "
               "(list it under replace:) without the reference, or stop hiding it")


def unknown_ref(collection: str, entry_id: str, ids: Mapping[str, set[str]],
                hidden: frozenset = frozenset()) -> tuple[str, str] | None:
    """(message, hint) when collection/entry_id names no entry, else None.
    The same words for a reference field and for a link in text. hidden: the
    (collection, id) an overlay hides (macros/overlay.py), named as such."""
    if (collection, entry_id) in hidden:
        return f"{collection}/{entry_id} is hidden by the overlay", HIDDEN_HINT
    if collection not in ids:
        close = difflib.get_close_matches(collection, list(ids), n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"collections: {', '.join(ids)}"
        return f"'{collection}' is not a collection", hint
    if entry_id not in ids[collection]:
        singular = BY_NAME[collection].singular
        close = difflib.get_close_matches(entry_id, sorted(ids[collection]), n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"no file data/{collection}/{entry_id}.yml"
        return f"'{entry_id}' is not a known {singular}", hint
    return None


def check(target: Target, ids: Mapping[str, set[str]], docs_dir: Path, hidden: frozenset = frozenset()) -> Problem | None:
    """The first thing wrong with one link target, or None."""
    quoted = f"'{target.text}'"
    if target.kind == "external":
        return None
    if target.kind == "invalid":
        what = "an empty link target" if not target.text.strip() else f"link target {quoted} has none of the allowed forms"
        return Problem("form", what, f"use {ALLOWED_FORMS}")
    if target.kind == "entry":
        wrong = unknown_ref(target.collection, target.id, ids, hidden)
        if wrong:
            return Problem("entry", f"link to {quoted}: {wrong[0]}", wrong[1])
        if target.anchor:
            sections = section_ids(target.collection)
            if not sections.has(target.anchor):
                singular = BY_NAME[target.collection].singular
                return Problem("anchor", f"link to {quoted}: '{target.anchor}' is not a section of a {singular} page",
                               f"sections: {', '.join(sections.names())}")
        return None
    if not (docs_dir / target.page).is_file():
        return Problem("page", f"link to {quoted}: there is no page docs/{target.page}", _page_hint(target.page, ids, docs_dir))
    return None


def _page_hint(page: str, ids: Mapping[str, set[str]], docs_dir: Path) -> str:
    stem = page[:-len(".md")]
    collection, _, entry_id = stem.partition("/")
    if entry_id in ids.get(collection, ()):
        return f"entry pages are generated: link to '{stem}' instead"
    pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")) if docs_dir.is_dir() else []
    close = difflib.get_close_matches(page, pages, n=1)
    return f"did you mean '{close[0]}'?" if close else "pages are .md files under docs/, e.g. contribute/style.md"


# Sections of entry pages ----------------------------------------------------------

# `{ #id` or `{: #id` in a heading's attribute list; the id is literal characters and
# Jinja expressions. Jinja comments are dropped first: they may show example headings.
_SECTION = re.compile(r"\{:?\s*#((?:[A-Za-z]|\{\{)(?:[\w-]|\{\{[^}]*\}\})*)(?=[\s}])")
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_JINJA = re.compile(r"\{\{[^}]*\}\}")
_PARTIAL = re.compile(r"""["'](partials/[\w./-]+\.j2)["']""")


@dataclass(frozen=True)
class Sections:
    """The section ids an entry template writes: fixed ones, and patterns for
    ids with a Jinja part (`stage-{{ s.number }}` matches `stage-2`)."""

    fixed: frozenset[str]
    patterns: tuple[tuple[str, re.Pattern], ...]  # (shown as, regex)

    def has(self, anchor: str) -> bool:
        return anchor in self.fixed or any(regex.fullmatch(anchor) for _, regex in self.patterns)

    def names(self) -> list[str]:
        return sorted(self.fixed) + sorted(shown for shown, _ in self.patterns)


def section_ids(collection: str, templates: Path = TEMPLATES) -> Sections:
    """Sections of the collection's entry page, from its template and the partials it uses."""
    files = _template_files(templates / "entry" / f"{collection}.md.j2", templates)
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in files)
    return _sections(stamp)


def _template_files(start: Path, templates: Path) -> list[Path]:
    seen, todo = [], [start]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.append(path)
        todo += [templates / name for name in _PARTIAL.findall(path.read_text(encoding="utf-8"))]
    return sorted(seen)


@lru_cache(maxsize=64)
def _sections(stamp: tuple) -> Sections:
    fixed, patterns = set(), {}
    for name, _ in stamp:
        for section in _SECTION.findall(_JINJA_COMMENT.sub("", Path(name).read_text(encoding="utf-8"))):
            parts = _JINJA.split(section)
            if len(parts) == 1:
                fixed.add(section)
            else:
                shown = "…".join(parts)
                patterns[shown] = re.compile(f"{_ANCHOR}".join(re.escape(p) for p in parts))
    return Sections(frozenset(fixed), tuple(sorted(patterns.items())))


# Rewriting for a page -----------------------------------------------------------

def rewrite(markdown: str, page_uri: str, base_url: str = "") -> str:
    """The text with entry and page targets turned into links MkDocs checks:
    relative `.md` links from page_uri (a path under docs/, e.g. questions/x.md),
    or absolute URLs under base_url when given (text that leaves the site).
    Other targets (external ones, anything the validator rejects) stay as written."""
    out, last = [], 0
    for start, end, text in targets(markdown):
        new = _rewritten(classify(text), page_uri, base_url)
        if new is not None:
            out += [markdown[last:start], new]
            last = end
    return "".join(out) + markdown[last:]


def _rewritten(target: Target, page_uri: str, base_url: str) -> str | None:
    anchor = f"#{target.anchor}" if target.anchor else ""
    if target.kind == "entry" and target.collection in BY_NAME:
        if base_url:
            return base_url + links.entry_path(target.collection, target.id) + anchor
        return links.relative(links.page_uri(target.collection, target.id), page_uri) + anchor
    if target.kind == "page":
        if base_url:
            return base_url + _doc_path(target.page) + anchor
        return links.relative(target.page, page_uri) + anchor
    return None


def _doc_path(page: str) -> str:
    """Where MkDocs serves a docs/ page (directory URLs): a/b.md -> a/b/, a/index.md -> a/."""
    stem = page[:-len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-len("index")]
    return posixpath.join(stem, "")
