"""MkDocs adapter: every other generated page's Markdown converted in a second process.

`mkdocs build` converts every page's Markdown to HTML, one after another, before
it writes any; that loop is half of our build. A forked process converts every
other generated page (entries, their copies, the whole guide's parts) ahead, in
MkDocs' own order and with MkDocs' own code (the plugin events up to the
Markdown, then `Page.render`), and leaves each result in a folder. MkDocs' loop
then takes that result (`ConvertedAhead.render`) instead of converting the page
again, after checking that the Markdown it holds is the one that was converted.
Anything the worker could not do, the page's own render does: same site, same
messages.

What a conversion logs (a broken link, a missing anchor) is logged again by
this process when MkDocs reaches the page, so `--strict` counts it.

Only for `mkdocs build` on Linux (macros/background.forking); `KB_WORKERS=1`:
one process. Relies on MkDocs 1.6's Page internals (`_title_from_render`), pinned
in requirements.txt; tests/test_convert_ahead.py compares both builds page by page.
"""

import hashlib
import logging
import multiprocessing
from dataclasses import dataclass
from pathlib import Path

from mkdocs.structure.pages import Page

from . import background

_MKDOCS_LOG = "mkdocs"


@dataclass(frozen=True)
class _Result:  # crosses the pipe pickled: plain data
    uri: str  # the page's src_uri
    markdown_digest: str  # of the Markdown converted: must equal the one MkDocs holds
    toc: object  # mkdocs.structure.toc.TableOfContents
    title: str | None  # Page._title_from_render
    present_anchor_ids: set
    links_to_anchors: dict | None  # {src_uri of the linked page: {anchor: link}}
    records: list  # (logger name, level, message) logged while converting


class Ahead:
    """The worker and what it has sent; `take` is called in MkDocs' page order."""

    def __init__(self, reader, process, folder: Path):
        self._reader = reader
        self._process = process
        self._folder = folder
        self._done = False
        self.taken = 0  # pages whose HTML came from the worker

    def take(self, uri: str, markdown: str):
        """(HTML, _Result) for the page, or None: then the page converts itself."""
        while not self._done:
            try:
                message = self._reader.recv()
            except EOFError:  # the worker stopped (an error, killed): the rest convert here
                self.close()
                break
            if message is None:  # the worker's last page is done
                self.close()
                break
            if message.uri != uri:  # a page this process did not reach: convert here
                continue
            html_path = self._folder / f"{message.uri}.html"
            html = html_path.read_text(encoding="utf-8")
            html_path.unlink()
            if message.markdown_digest != _digest(markdown):
                return None
            self.taken += 1
            return html, message
        return None

    def close(self) -> None:
        """Stop the worker (done or not) and forget it."""
        self._done = True
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._reader.close()
            self._process = None


class ConvertedAhead(Page):
    """A page whose HTML may come from the worker (see the module's docstring)."""

    ahead: Ahead | None = None

    def render(self, config, files) -> None:
        taken = self.ahead.take(self.file.src_uri, self.markdown) if self.ahead is not None else None
        if taken is None:
            super().render(config, files)
            return
        html, result = taken
        self.content = html
        self.toc = result.toc
        self._title_from_render = result.title
        self.present_anchor_ids = result.present_anchor_ids
        if result.links_to_anchors is not None:
            self.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in result.links_to_anchors.items()}
        for name, level, message in result.records:
            logging.getLogger(name).log(level, message)


def start(config, files, folder: Path) -> Ahead | None:
    """Called from on_nav, after MkDocs made a Page for every file and before it
    converts any: makes the generated pages ConvertedAhead and forks the worker
    for every other one. None when not forking (KB_WORKERS=1, not Linux)."""
    pages = []
    for file in files.documentation_pages():
        if file.generated_by is not None and file.inclusion.is_not_in_nav():
            pages.append(ConvertedAhead(None, file, config))  # replaces file.page: no nav item holds it
    if not background.forking() or len(pages) < 2:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_convert, args=(pages[1::2], config, files, folder, writer), daemon=True)
    process.start()
    writer.close()
    ahead = Ahead(reader, process, folder)
    for page in pages[1::2]:
        page.ahead = ahead
    return ahead


def _convert(pages, config, files, folder: Path, writer) -> None:
    """The worker: what MkDocs' _populate_page does up to the HTML, page by page."""
    records = _Collector()
    mkdocs_log = logging.getLogger(_MKDOCS_LOG)
    mkdocs_log.handlers = [records]  # logged in the parent when it takes the page, not here
    try:
        for page in pages:
            config._current_page = page
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            records.taken.clear()
            Page.render(page, config, files)
            path = folder / f"{page.file.src_uri}.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.content, encoding="utf-8")
            links = page.links_to_anchors
            writer.send(_Result(
                page.file.src_uri, _digest(page.markdown), page.toc, page._title_from_render, page.present_anchor_ids,
                None if links is None else {file.src_uri: anchors for file, anchors in links.items()},
                list(records.taken)))
            page.markdown = page.content = page.toc = None  # sent: the worker keeps nothing per page
        writer.send(None)
    except Exception:  # noqa: BLE001  the parent converts the rest itself and reports any error there
        pass
    finally:
        writer.close()


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.taken: list[tuple[str, int, str]] = []

    def emit(self, record):
        self.taken.append((record.name, record.levelno, record.getMessage()))


def _digest(markdown: str) -> str:
    return hashlib.blake2b(markdown.encode("utf-8"), digest_size=16).hexdigest()

