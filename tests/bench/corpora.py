"""Copied search corpora for the search rows of the benchmark: k times the entries, without a k× build.

A k× MkDocs build takes far longer than the search measurement it would feed
(the synthetic ×10 build alone can take many minutes here), so the search rows
use the 1× build's pages copied k times, the way synth.py copies entries:

- ours (Pagefind): each page of the built 1× site becomes the staging document
  macros/search_index.py makes of it (same article extraction, excluded
  sections, interviewer weight, label); every entry page's document is copied
  k times as `<collection>/<id>-x<g>/`, generations 2..k with " x<g>" added to
  the h1 and the title; the other pages once. The result is indexed by
  Pagefind's CLI exactly as the site's hook does (search_index.build).
- stock Material: the baseline site's search/search_index.json with every
  document of an entry page (the page and its sections) copied k times in
  generation-major order (all of x1, then all of x2, ...), so identical copies
  sit one whole index apart, beyond gzip's 32 KB window: the gzip size is that
  of k distinct corpora, not of k neighbouring duplicates.

Pure functions (no browser, no MkDocs): tested in tests/test_bench_helpers.py.
"""

import html
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import search_index  # noqa: E402
from macros.search_index import Document  # noqa: E402

_OG_TITLE = re.compile(r'<meta property="og:title" content="([^"]*)"')
_H1 = re.compile(r"(<h1\b[^>]*>)(.*?)(<a class=\"headerlink\"|</h1>)", re.S)
_TITLE = re.compile(r"(<title>)(.*?)(</title>)", re.S)


def entry_urls(collections: dict) -> set[str]:
    """URLs of the entry pages, `<collection>/<id>/`, from load_kb(...).collections."""
    return {f"{name}/{entry_id}/" for name, ids in collections.items() for entry_id in ids}


def copy_url(url: str, g: int) -> str:
    """`questions/x/` (optionally `#anchor` after it) as generation g's copy: `questions/x-xg/`."""
    path, sep, anchor = url.partition("#")
    return f"{path.rstrip('/')}-x{g}/" + sep + anchor


def _entry_of(location: str, entries: set[str]) -> str | None:
    path = location.split("#", 1)[0]
    return path if path in entries else None


def material_index(data: dict, entries: set[str], k: int) -> dict:
    """Material's search index with every entry page's documents copied k times, generation-major.

    Pages that are not entries (indexes, written pages) stay once, first, as
    in the original order. Generations 2..k get " x<g>" after the page title
    (the document without an anchor), as synth.py titles its copies."""
    docs = data["docs"]
    out = [doc for doc in docs if _entry_of(doc["location"], entries) is None]
    for g in range(1, k + 1):
        for doc in docs:
            if _entry_of(doc["location"], entries) is None:
                continue
            copy = dict(doc, location=copy_url(doc["location"], g))
            if g > 1 and "#" not in doc["location"]:
                copy["title"] = f"{doc['title']} x{g}"
            out.append(copy)
    return {**data, "docs": out}


def nav_sections(nav: list) -> dict[str, str | None]:
    """Page URL -> title of the top-level nav section it sits in (None for a top-level page),
    which is what the hook's `page.ancestors[-1].title` gives."""
    sections: dict[str, str | None] = {}

    def walk(items, section):
        for item in items:
            if isinstance(item, str):
                sections[src_url(item)] = section
                continue
            for title, value in item.items():
                if isinstance(value, list):
                    walk(value, section if section is not None else title)
                elif isinstance(value, str) and value.endswith(".md"):
                    sections[src_url(value)] = section

    walk(nav, None)
    return sections


def src_url(src: str) -> str:
    """`questions/index.md` -> `questions/`, `roles/builder.md` -> `roles/builder/`, `index.md` -> ``."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def page_url(rel: str) -> str:
    """A built file's URL as MkDocs gives it to the hook: `questions/x/index.html` -> `questions/x/`."""
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def front_matter(source: Path) -> dict:
    """The YAML front matter of a Markdown page ({} without one or without the file)."""
    if not source.is_file():
        return {}
    text = source.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---\n", 4)
    return (yaml.safe_load(text[4:end]) or {}) if end != -1 else {}


def source_meta(docs_dir: Path, url: str) -> dict:
    """Front matter of the written page behind `url` (docs/<url>.md or docs/<url>/index.md)."""
    stem = url.rstrip("/") or "index"
    for candidate in (docs_dir / f"{stem}.md", docs_dir / stem / "index.md"):
        meta = front_matter(candidate)
        if meta:
            return meta
    return {}


def page_title(page_html: str) -> str:
    """page.title as the hook saw it: overrides/main.html writes it, escaped, into og:title."""
    match = _OG_TITLE.search(page_html)
    return html.unescape(match.group(1)) if match else ""


def site_documents(site: Path, docs_dir: Path, nav: list, entries: set[str],
                   indexed: set[str] | None = None) -> list[Document]:
    """The staging documents macros/hooks/pagefind.py would make of a built site's pages.

    Rebuilt from the finished HTML (the hook's documents are not kept): the
    article is what the hook reads too; the title comes from og:title, the
    label from the entry set and the nav; pages the hook skips are skipped.
    Generated pages have no front matter under docs/ (the whole guide's parts
    set `search: exclude` in theirs): `indexed`, the URLs the real build's
    bundle holds, leaves out whatever else the hook skipped."""
    sections = nav_sections(nav)
    out = []
    for path in sorted(Path(site).rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        url = page_url(rel)
        if search_index.skipped(url, source_meta(docs_dir, url)) or (indexed is not None and url not in indexed):
            continue
        page_html = path.read_text(encoding="utf-8")
        entry = url in entries
        label = search_index.label(url, entry, None if entry else sections.get(url))
        doc = search_index.document(url, page_html, page_title(page_html), label)
        if doc is not None:
            out.append(doc)
    return out


def suffixed(document_html: str, g: int) -> str:
    """A staging document with " x<g>" after its h1 text and its <title>."""
    document_html = _TITLE.sub(lambda m: m.group(1) + m.group(2) + f" x{g}" + m.group(3), document_html, count=1)
    return _H1.sub(lambda m: m.group(1) + m.group(2) + f" x{g}" + m.group(3), document_html, count=1)


def copied_documents(documents: list[Document], entries: set[str], k: int) -> Iterator[Document]:
    """Every entry page's document k times (`-x1` .. `-xk`, titles of 2..k suffixed); the rest once.

    A generator: at x100 the copies add up to hundreds of megabytes of HTML,
    so they are written to the staging folder one at a time, never all held."""
    for doc in documents:
        if doc.url not in entries:
            yield doc
    for g in range(1, k + 1):
        for doc in documents:
            if doc.url in entries:
                yield Document(copy_url(doc.url, g), doc.html if g == 1 else suffixed(doc.html, g))
