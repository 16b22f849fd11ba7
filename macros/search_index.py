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

No MkDocs import: macros/hooks/pagefind.py feeds it the built pages.
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
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

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>", re.I)
_INTERVIEWER = re.compile(r'<div class="kb-interviewer\b')
_EXCLUDE = "data-search-exclude"

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


def write_stage(root: Path, documents: list[Document]) -> None:
    for doc in documents:
        target = stage_path(root, doc.url)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(doc.html, encoding="utf-8")
    config = {"exclude_selectors": EXCLUDE_SELECTORS, "force_language": "en"}
    (root / "pagefind.yml").write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML


def run_pagefind(stage: Path, output: Path) -> None:
    """Pagefind's CLI over the staging folder, writing the bundle to `output`.
    The CLI indexes ~400 pages in seconds; its Python API, one round trip per
    page, took ten times as long."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(stage), "--output-path", str(output), "--quiet"],
        cwd=stage, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind exited with {result.returncode}:\n{result.stdout}\n{result.stderr}")


def build(documents: list[Document], output: Path) -> None:
    """The search bundle for `documents` in `output` (usually <site_dir>/pagefind)."""
    with tempfile.TemporaryDirectory(prefix="kb-search-") as stage:
        write_stage(Path(stage), documents)
        shutil.rmtree(output, ignore_errors=True)  # no stale chunks from an earlier build
        run_pagefind(Path(stage), Path(output))
