"""MkDocs hook: the site's search index, written by Pagefind after the build (macros/search_index.py).

Each built page's document is written to a spool folder as the page is
written (before csp.py adds its policy, which the index does not need); after
the build the pure module stages the articles and runs Pagefind's CLI into <site_dir>/pagefind/ (once per bundle
of BUNDLE_TEXT characters, see macros/search_index.py). A Pagefind failure
fails the build.

Under `mkdocs serve` a rebuild renders only the pages that changed; the
edit loop's indexer (macros/edit_loop.py) keeps every page's document and
re-indexes in a background thread, so the browser reloads without waiting
and search follows a few seconds later.
"""

import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import edit_loop, search_index  # noqa: E402

_documents: list = []  # under `mkdocs serve`: the indexer keeps every page's document
_indexer: edit_loop.SearchIndexer | None = None  # under `mkdocs serve`
_spool: search_index.Spool | None = None  # `build`: the documents, on disk until the last page


def on_startup(command, dirty):
    global _indexer
    if command == "serve":
        _indexer = edit_loop.SearchIndexer()


def on_pre_build(config):
    global _spool
    _documents.clear()
    if _indexer is None:
        _spool = search_index.Spool(Path(tempfile.mkdtemp(prefix="kb-search-")))


def on_post_page(output: str, page, config) -> str:
    if search_index.skipped(page.url, page.meta):
        return output
    # Entry pages are generated from data (hooks/site.py); the rest are written pages.
    entry = page.file.generated_by is not None and not page.is_index
    section = page.ancestors[-1].title if page.ancestors else None
    doc = search_index.document(page.url, output, page.title or "", search_index.label(page.url, entry, section),
                                  bool(page.meta.get("kb_internal")))
    if doc is None:
        return output
    if _spool is not None:
        _spool.add(doc)
    else:
        _documents.append(doc)
    return output


def on_post_build(config):
    if _indexer is not None:
        if _indexer.last_error is not None:
            print(f"search index not updated: {_indexer.last_error}", file=sys.stderr)
        if _documents:
            _indexer.update(_documents, Path(config.site_dir) / "pagefind")
        _documents.clear()
        return
    try:
        _spool.build(Path(config.site_dir) / "pagefind")
    except search_index.SearchIndexError as error:
        raise PluginError(str(error)) from error
    finally:
        _discard_spool()


def on_build_error(error):
    _discard_spool()


def _discard_spool():
    global _spool
    if _spool is not None:
        shutil.rmtree(_spool.root, ignore_errors=True)
        _spool = None
