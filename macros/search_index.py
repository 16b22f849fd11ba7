"""Site search: what Pagefind indexes, and the run of its indexer.

Pagefind (pagefind[bin], MIT) reads HTML files and writes a static, chunked
index that the reader's browser fetches piece by piece while searching
(docs/assets/site-search.js); nothing is downloaded before the first search.

The published pages are not changed. The sanitiser (macros/html_safety.py)
strips data-* attributes from page bodies, so each page's article is copied
into a staging folder, wrapped in a small document that carries Pagefind's
attributes (templates/search/page.html.j2):

- data-pagefind-body: only the article is indexed, not header, tabs, sidebars;
- data-pagefind-meta/-filter "collection:<label>": the label each result shows;
- data-pagefind-weight on every .kb-interviewer block (rubric bands, follow-ups,
  red-flag answers): their words, headings included, rank below the question,
  the prompt and the page title (Pagefind applies its own heading weights only
  where no ancestor has an explicit weight);
- a section under a heading marked data-search-exclude is dropped up to the
  next heading of the same or a higher level, as Material's search did.

Pagefind holds every page of a run in memory until it writes the bundle
(about 50 bytes per character of indexed text: 17 MB of text, the copied x10
corpus, peaked at 0.88 GB; x100 at 7.6 GB). So the pages are split into
bundles of at most BUNDLE_TEXT characters, each indexed by its own run, one
after the other: the peak is one bundle's, whatever the size of the site. The
first bundle is pagefind/ itself, the others pagefind/part-<n>/, listed in
pagefind/kb-bundles.json; the browser merges them into one search (Pagefind's
mergeIndex, docs/assets/site-search.js). Today's site fits one bundle.

No MkDocs import: macros/hooks/pagefind.py feeds it the built pages.
"""

import heapq
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .registry import BY_NAME

TEMPLATES = Path(__file__).parent / "templates"
# Weight of interviewer-only text (Pagefind: 0-10, default 1, applied squared).
INTERVIEWER_WEIGHT = "0.3"
# Left out of the index wherever they occur in an article.
EXCLUDE_SELECTORS = ["[data-search-exclude]", ".headerlink", ".kb-contribute", ".kb-kit-actions",
                     ".md-content__button"]
# Not pages a reader searches for: iframe copies, machine-readable files.
SKIP_PREFIXES = ("embed/", "api/", "export/", "pagefind/")
SKIP_PAGES = ("404.html",)
# Characters of indexed text per Pagefind run (about 0.45 GB at its peak, measured).
BUNDLE_TEXT = 8_000_000
# In the first bundle's folder: the folders of the others, for the browser to merge.
MANIFEST = "kb-bundles.json"
# What a merged bundle needs; Pagefind's scripts, styles and WebAssembly come from the first.
PART_KEEPS = ("pagefind-entry.json", "index", "filter", "fragment")

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>", re.I)
_INTERVIEWER = re.compile(r'<div class="kb-interviewer\b')
_EXCLUDE = "data-search-exclude"
_TAG = re.compile(r"<[^>]*>")

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                          undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


@dataclass(frozen=True)
class Document:
    url: str  # the page's URL relative to the site root: "", "questions/x/"
    html: str  # the staging document Pagefind reads


def skipped(url: str, meta: dict) -> bool:
    """Pages kept out of search: `search: exclude: true` in front matter (embed
    copies and the whole-guide page set it), 404, and the machine-readable folders."""
    search = meta.get("search") or {}
    if isinstance(search, dict) and search.get("exclude"):
        return True
    if meta.get("template") == "embed.html":
        return True
    return url in SKIP_PAGES or url.startswith(SKIP_PREFIXES)


def label(url: str, entry: bool, section: str | None) -> str:
    """The label a result shows: the collection of an entry page ("Question",
    "Glossary term"), else the navigation section the page sits in."""
    first = url.strip("/").split("/", 1)[0]
    if entry and first in BY_NAME:
        singular = BY_NAME[first].singular
        return singular[:1].upper() + singular[1:]
    if not first:
        return "Home"
    return section or "Guide"


def article(page_html: str) -> str | None:
    """The content of Material's article element (None: the page has none)."""
    match = _ARTICLE.search(page_html)
    return match.group(1) if match else None


def drop_excluded_sections(html: str) -> str:
    """Without each heading marked data-search-exclude and what follows it up to
    the next heading of the same or a higher level."""
    out, pos, skip_level = [], 0, None
    for match in _HEADING.finditer(html):
        level = int(match.group(1))
        if skip_level is not None:
            if level > skip_level:
                continue
            pos, skip_level = match.start(), None
        if _EXCLUDE in match.group(2):
            out.append(html[pos:match.start()])
            skip_level = level
    if skip_level is None:
        out.append(html[pos:])
    return "".join(out)


def weighted(html: str, weight: str = INTERVIEWER_WEIGHT) -> str:
    """Interviewer-only blocks marked with Pagefind's weight attribute."""
    return _INTERVIEWER.sub(f'<div data-pagefind-weight="{weight}" class="kb-interviewer', html)


def document(url: str, page_html: str, title: str, collection: str, internal: bool = False) -> Document | None:
    """The staging document for a built page, or None when it has no article.
    internal: an overlay's entry, labelled so in results (not in the collection filter)."""
    body = article(page_html)
    if body is None:
        return None
    body = weighted(drop_excluded_sections(body))
    html = _env.get_template("search/page.html.j2").render(title=title, label=collection, internal=internal, article=body)
    return Document(url, html)


def stage_path(root: Path, url: str) -> Path:
    """Where a page's document goes so that Pagefind's result URL is the page's URL."""
    if not url or url.endswith("/"):
        return root / url / "index.html"
    return root / url


def text_size(document_html: str) -> int:
    """Characters of a staging document outside tags: what Pagefind's memory grows with
    (markup costs it next to nothing, measured)."""
    return len(_TAG.sub("", document_html))


def plan_bundles(sizes: list[int], budget: int = BUNDLE_TEXT) -> list[int]:
    """The bundle of each page, given each page's text size: as few bundles as the
    budget allows, each page (in the given order) into the one holding the least text
    so far. Bundles thus hold a similar mix of pages, so Pagefind's ranking statistics
    (term rarity, page length), which each bundle computes over its own pages, agree
    and the merged scores compare. None holds more than budget + the largest page."""
    count = max(1, math.ceil(sum(sizes) / budget)) if budget > 0 else 1
    loads = [(0, n) for n in range(count)]  # a heap of (text so far, bundle)
    plan = []
    for size in sizes:
        load, n = heapq.heappop(loads)
        plan.append(n)
        heapq.heappush(loads, (load + size, n))
    return plan


def part_folder(n: int) -> str:
    """Where bundle n (0: the first) goes, relative to the first bundle's folder."""
    return "" if n == 0 else f"part-{n + 1}/"


def write_document(root: Path, doc: Document) -> None:
    target = stage_path(root, doc.url)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(doc.html, encoding="utf-8")


def write_stage(root: Path, documents: Iterable[Document]) -> None:
    """A staging folder: the documents and Pagefind's configuration."""
    root.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        write_document(root, doc)
    config = {"exclude_selectors": EXCLUDE_SELECTORS, "force_language": "en"}
    (root / "pagefind.yml").write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML


def write_stages(root: Path, documents: Iterable[Document], plan: list[int]) -> list[Path]:
    """Each document into the staging folder of its bundle, root/<n>/; the folders in bundle order.
    `documents` may be a generator: each is written as it comes."""
    stages = [root / str(n) for n in range(max(plan, default=0) + 1)]
    for stage in stages:
        write_stage(stage, [])
    for doc, n in zip(documents, plan, strict=True):
        write_document(stages[n], doc)
    return stages


def run_pagefind(stage: Path, output: Path) -> None:
    """Pagefind's CLI over the staging folder, writing the bundle to `output`.
    The CLI indexes ~400 pages in seconds; its Python API, one round trip per
    page, took ten times as long (and as much memory: it runs the same indexer)."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(stage), "--output-path", str(output), "--quiet"],
        cwd=stage, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind exited with {result.returncode}:\n{result.stdout}\n{result.stderr}")


def trim_part(folder: Path) -> None:
    """A merged bundle without the scripts, styles and WebAssembly the first bundle serves."""
    for item in folder.iterdir():
        if item.name in PART_KEEPS or item.suffix == ".pf_meta":
            continue
        shutil.rmtree(item) if item.is_dir() else item.unlink()


def index_stages(stages: list[Path], output: Path) -> None:
    """One Pagefind run per staging folder, one after the other (the peak is one run's):
    the first into `output`, the others into its part folders; then the manifest."""
    shutil.rmtree(output, ignore_errors=True)  # no stale chunks from an earlier build
    for n, stage in enumerate(stages):
        run_pagefind(stage, output / part_folder(n))
        if n:
            trim_part(output / part_folder(n))
    parts = [part_folder(n) for n in range(1, len(stages))]
    (output / MANIFEST).write_text(json.dumps({"merge": parts}), encoding="utf-8")


def build(documents: Iterable[Document], output: Path, budget: int = BUNDLE_TEXT) -> None:
    """The search bundle for `documents` in `output` (usually <site_dir>/pagefind)."""
    with tempfile.TemporaryDirectory(prefix="kb-search-") as work:
        spool = Spool(Path(work))
        for doc in documents:
            spool.add(doc)
        spool.build(output, budget)


class Spool:
    """The documents of a build, each written to disk as its page is built and
    staged for Pagefind at the end: held in memory, a guide at 100 times today's
    size would keep gigabytes of page text until the last page."""

    def __init__(self, root: Path):
        self.root = Path(root)
        (self.root / "spool").mkdir(parents=True, exist_ok=True)
        self._written: list[tuple[str, int, Path]] = []  # (url, text size, file)

    def __len__(self) -> int:
        return len(self._written)

    def add(self, doc: Document) -> None:
        path = self.root / "spool" / f"{len(self._written)}.html"
        path.write_text(doc.html, encoding="utf-8")
        self._written.append((doc.url, text_size(doc.html), path))

    def build(self, output: Path, budget: int = BUNDLE_TEXT) -> None:
        """The search bundle in `output`: each document moved into its bundle's stage, then indexed."""
        plan = plan_bundles([size for _, size, _ in self._written], budget)
        stages = [self.root / "stages" / str(n) for n in range(max(plan, default=0) + 1)]
        for stage in stages:
            write_stage(stage, [])
        for (url, _, path), n in zip(self._written, plan, strict=True):
            target = stage_path(stages[n], url)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
        index_stages(stages, Path(output))


def main(argv: list[str] | None = None) -> int:
    """`python -m macros.search_index STAGE_ROOT OUTPUT`: index staging folders written by
    write_stages (root/0, root/1, ...) into OUTPUT, as build does (the benchmark measures this)."""
    root, output = (Path(a) for a in (argv if argv is not None else sys.argv[1:]))
    stages = sorted((p for p in root.iterdir() if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name))
    index_stages(stages, output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
