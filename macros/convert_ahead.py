"""MkDocs adapter: generated pages' Markdown converted by two processes at once.

`mkdocs build` converts every page's Markdown to HTML, one after another, before
it writes any; that loop is half of our build. Here a forked worker converts the
generated pages (entries, their copies, the whole guide's parts) from the last
one backwards while MkDocs' own loop goes forwards; they meet where their speeds
put them, so neither waits for the other, whatever else is slowing either down.
The worker runs MkDocs' own code (the plugin events up to the Markdown, then
`Page.render`) and leaves each result in a file; when MkDocs reaches a page the
worker converted, `ConvertedAhead.render` takes that result instead of
converting the page again, after checking that the Markdown MkDocs holds is the
one converted. A page the worker did not finish (it failed, was killed) converts
itself: same site, same messages.

What a conversion logs (a broken link, a missing anchor) is logged again by
this process when MkDocs reaches the page, so `--strict` counts it.

Only for `mkdocs build` on Linux (macros/background.forking); `KB_WORKERS=1`:
one process. Relies on MkDocs 1.6's Page internals (`_title_from_render`), pinned
in requirements.txt; tests/test_convert_ahead.py compares both builds page by page.
"""

import hashlib
import logging
import multiprocessing
import os
import pickle
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.structure.pages import Page

from . import background

_MKDOCS_LOG = "mkdocs"
_POLL = 0.002  # seconds between looks for the one page the worker may be finishing


@dataclass(frozen=True)
class _Result:  # pickled to a file by the worker: plain data
    html: str
    markdown_digest: str  # of the Markdown converted: must equal the one MkDocs holds
    toc: object  # mkdocs.structure.toc.TableOfContents
    title: str | None  # Page._title_from_render
    present_anchor_ids: set
    links_to_anchors: dict | None  # {src_uri of the linked page: {anchor: link}}
    records: list  # (logger name, level, message) logged while converting


class Ahead:
    """The worker and the boundary between its pages and MkDocs' (shared memory)."""

    def __init__(self, process, folder: Path, lock, reached, claimed):
        self._process = process
        self._folder = folder
        self._lock = lock
        self._reached = reached  # the index of the page MkDocs is converting
        self._claimed = claimed  # the lowest index the worker has taken on
        self.taken = 0  # pages whose HTML came from the worker

    def take(self, index: int, markdown: str) -> _Result | None:
        """The worker's result for the page at index, or None: then the page converts itself."""
        with self._lock:
            self._reached.value = index  # the worker takes on no page from here down
            claimed = index >= self._claimed.value
        if not claimed:
            return None
        path = self._folder / f"{index}.pickle"
        while not path.exists():  # at most the one page the worker is converting now
            if self._process is None or not self._process.is_alive():
                if path.exists():
                    break
                return None
            time.sleep(_POLL)
        with path.open("rb") as file:
            result = pickle.load(file)
        path.unlink()
        if result.markdown_digest != _digest(markdown):
            return None
        self.taken += 1
        return result

    def close(self) -> None:
        """Stop the worker (done or not)."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process = None


class ConvertedAhead(Page):
    """A page whose HTML may come from the worker (see the module's docstring)."""

    ahead: Ahead | None = None
    index = -1  # among the generated pages, in MkDocs' order

    def render(self, config, files) -> None:
        result = self.ahead.take(self.index, self.markdown) if self.ahead is not None else None
        if result is None:
            super().render(config, files)
            return
        self.content = result.html
        self.toc = result.toc
        self._title_from_render = result.title
        self.present_anchor_ids = result.present_anchor_ids
        if result.links_to_anchors is not None:
            self.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in result.links_to_anchors.items()}
        for name, level, message in result.records:
            logging.getLogger(name).log(level, message)


def start(config, files, folder: Path) -> Ahead | None:
    """Called from on_nav, after MkDocs made a Page for every file and before it
    converts any: makes the generated pages ConvertedAhead and forks the worker.
    None when not forking (KB_WORKERS=1, not Linux)."""
    pages = []
    for file in files.documentation_pages():
        if file.generated_by is not None and file.inclusion.is_not_in_nav():
            page = ConvertedAhead(None, file, config)  # replaces file.page: no nav item holds it
            page.index = len(pages)
            pages.append(page)
    if not background.forking() or len(pages) < 2:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    context = multiprocessing.get_context("fork")
    lock = context.Lock()
    reached, claimed = context.RawValue("i", -1), context.RawValue("i", len(pages))
    process = context.Process(target=_convert, args=(pages, config, files, folder, lock, reached, claimed), daemon=True)
    process.start()
    ahead = Ahead(process, folder, lock, reached, claimed)
    for page in pages:
        page.ahead = ahead
    return ahead


def _convert(pages, config, files, folder: Path, lock, reached, claimed) -> None:
    """The worker: what MkDocs' _populate_page does up to the HTML, from the last
    page back to the one MkDocs has reached. An error ends it quietly: MkDocs
    then converts the page itself and reports the error as it would anyway."""
    records = _Collector()
    logging.getLogger(_MKDOCS_LOG).handlers = [records]  # logged in the parent when it takes the page
    try:
        for index in range(len(pages) - 1, -1, -1):
            with lock:
                if index <= reached.value:
                    return
                claimed.value = index
            _convert_one(pages[index], index, config, files, folder, records)
    except Exception:  # noqa: BLE001  the parent converts this page and reports the error as MkDocs would
        return


def _convert_one(page, index: int, config, files, folder: Path, records: "_Collector") -> None:
    config._current_page = page
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    records.taken.clear()
    Page.render(page, config, files)
    links = page.links_to_anchors
    result = _Result(page.content, _digest(page.markdown), page.toc, page._title_from_render,
                     page.present_anchor_ids,
                     None if links is None else {file.src_uri: anchors for file, anchors in links.items()},
                     list(records.taken))
    partial = folder / f"{index}.partial"
    with partial.open("wb") as file:
        pickle.dump(result, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, folder / f"{index}.pickle")  # whole or absent: the parent reads it once it exists
    # Written: the worker keeps nothing per page (at x100 it grew to 1.09 GB keeping the anchors).
    page.markdown = page.content = page.toc = page.present_anchor_ids = page.links_to_anchors = None


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.taken: list[tuple[str, int, str]] = []

    def emit(self, record):
        self.taken.append((record.name, record.levelno, record.getMessage()))


def _digest(markdown: str) -> str:
    return hashlib.blake2b(markdown.encode("utf-8"), digest_size=16).hexdigest()
