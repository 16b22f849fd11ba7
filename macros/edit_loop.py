"""`mkdocs serve`'s edit loop: what a rebuild compiles, renders and rewrites.

A full compile of the guide takes several seconds and rendering every page
with MkDocs much longer, so a save under `make serve` takes the short way:

1. Only the entry files saved since the last good build are read again (the
   loader keeps every other file's own checks, load.validate's file_cache);
   the checks across files run in full, so every data error is still found.
2. Only the saved entries' pages are compiled again; every other page keeps
   its Markdown from the last build.
3. MkDocs renders only pages whose Markdown differs from what it rendered last
   (the hook marks the others unmodified for `mkdocs serve --dirty`), and
   not the theme's 404 page and sitemap.
4. Then a full compile runs in a background process (embed copies, indexes,
   the whole guide, related entries' back-links, the data files); when it is done the
   server rebuilds again and renders the pages it changed.
5. Search (Pagefind) is re-indexed in a background thread after each build.

Anything else that changed (docs/, templates, schemas, a new or removed entry
file) takes a full compile at once; overrides/, mkdocs.yml or engine code
makes every page render again. A data error keeps the last good output: the
hook prints the errors and serves `error_page` in place of every page until
the data is valid again. No MkDocs import: macros/hooks/site.py and
macros/hooks/pagefind.py drive it.
"""

import multiprocessing
import os
import shutil
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import jinja2

from . import compile as kb_compile
from . import glossary, links, search_index
from .errors import DataErrors
from .load import validate
from .registry import BY_NAME
from .render import Renderer

TEMPLATES = Path(__file__).parent / "templates"
# Where the hook writes the error page in the served folder; no page has this name.
ERROR_PAGE = "kb-data-errors.html"
# Changes under these paths can only change pages' Markdown; anything else
# (overrides/, mkdocs.yml, engine code) can change every page's HTML.
_MARKDOWN_ONLY = ("data/", "docs/", "macros/templates/")

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                          undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def fingerprint(root: Path, parts: tuple[str, ...]) -> dict[str, tuple]:
    """Each file under root/<part> (a folder or a file) by path relative to root:
    its inode, size and modification time. __pycache__ is left out."""
    found: dict[str, tuple] = {}

    def walk(folder: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for item in entries:
            if item.is_dir(follow_symlinks=False):
                if item.name != "__pycache__":
                    walk(item.path)
                continue
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                continue
            found[os.path.relpath(item.path, root)] = (info.st_ino, info.st_size, info.st_mtime_ns)

    for part in parts:
        path = root / part
        if path.is_dir():
            walk(str(path))
        elif path.exists():
            info = path.lstat()
            found[part] = (info.st_ino, info.st_size, info.st_mtime_ns)
    return found


def changed(before: dict[str, tuple], after: dict[str, tuple]) -> set[str]:
    """Paths added, removed or modified between two fingerprints."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def saved_entry(path: str, before: dict, after: dict) -> tuple[str, str] | None:
    """(collection, id) when path is an entry file that existed before and still
    does (its page exists and keeps its address); None for anything else."""
    parts = path.split("/")
    if (len(parts) == 3 and parts[0] == "data" and parts[1] in BY_NAME and parts[2].endswith(".yml")
            and path in before and path in after):
        return parts[1], parts[2][:-4]
    return None


def renders_all(paths: set[str]) -> bool:
    """Whether a change can alter pages beyond their Markdown (theme, config, code)."""
    return any(not (p.startswith(_MARKDOWN_ONLY)) or p.endswith(".py") for p in paths)


def is_page_request(path: str) -> bool:
    """A request for a page (what the error page stands in for), not for an asset or live reload."""
    return not path.startswith("/livereload/") and (path.endswith("/") or path.endswith(".html"))


def error_page(errors: tuple[str, ...]) -> str:
    """The page shown instead of every page while the data has errors. Every
    message is escaped by the template (autoescape); no script, no link out."""
    return _env.get_template("serve/errors.html.j2").render(errors=errors, count=len(errors))


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates in memory; a bucket is checked against the template's source."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True)
class Update:
    output: kb_compile.Output | None  # what to build; None: errors and no good build yet
    errors: tuple[str, ...] = ()  # each `path:line: field: message (hint)`
    complete: bool = True  # False: only the saved entries' pages are new; a full compile follows


def _start_child(parent: int) -> None:
    """In the background process: low priority, and gone within a second once the
    server is (a killed server never shuts its pool down)."""
    os.nice(4)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _compile_in_child(root: str, docs_dir: str, site_url: str, repository: str, overlay_dir: str | None):
    """The full compile, in the background process; only its pages and data files come back."""
    output = kb_compile.compile_project(Path(root), site_url=site_url, repository=repository,
                                        docs_dir=Path(docs_dir), overlay_dir=overlay_dir and Path(overlay_dir))
    return output.pages, output.files


class EditLoop:
    """State kept between the rebuilds of one `mkdocs serve`."""

    def __init__(self, root: Path, docs_dir: Path, site_url: str, repository: str,
                 on_ready: Callable[[], None] = lambda: None, background: bool = True,
                 overlay_dir: Path | None = None):
        self.root, self.docs_dir = Path(root), Path(docs_dir)
        self.overlay_dir = Path(overlay_dir).resolve() if overlay_dir else None  # macros/overlay.py
        self.site_url, self.repository = site_url, repository
        self.on_ready = on_ready  # asks the server for a rebuild (a background compile is ready)
        self.background = background
        self.errors: tuple[str, ...] = ()
        self._parts = ("data", os.path.relpath(self.docs_dir, self.root), "macros", "overrides", "mkdocs.yml")
        if self.overlay_dir:  # an absolute path: fingerprint() joins it to root unchanged
            self._parts += (str(self.overlay_dir),)
        self._output: kb_compile.Output | None = None
        self._built: dict[str, tuple] = {}  # fingerprint the output was compiled from
        self._file_cache: dict = {}  # load.validate's per-file checks
        # Compiled templates, kept between rebuilds (a template's bytecode is keyed by its source).
        self.templates = _MemoryBytecodeCache()
        self._rendered: dict[str, str] = {}  # page uri -> the Markdown MkDocs last rendered
        self._render_all = True  # until the first build, and after a theme or config change
        self._written: dict[str, str] = {}  # data files as last written
        self._lock = threading.Lock()
        self._ready: tuple[dict, kb_compile.Output] | None = None  # a background result and its fingerprint
        self._pending: tuple[dict, object] | None = None  # (fingerprint, future) of the running compile
        self._pool: ProcessPoolExecutor | None = None

    # -- compile -------------------------------------------------------------

    def update(self) -> Update:
        """What this rebuild builds from. Never raises for data errors: they come back in Update.errors."""
        now = fingerprint(self.root, self._parts)
        with self._lock:
            ready, self._ready = self._ready, None
        if ready is not None and ready[0] == now:
            return self._good(now, ready[1], complete=True)
        paths = changed(self._built, now)
        if self._output is not None and not paths:  # e.g. a background result outrun by a newer save
            self.errors = ()
            return Update(self._output, (), complete=not self.waiting())
        if any(p.startswith("data/schemas/") for p in paths):
            self._file_cache.clear()
        if renders_all(paths):
            self._render_all = True
        try:
            kb, errors = validate(self.root / "data", file_cache=self._file_cache, overlay_dir=self.overlay_dir)
            if errors:
                raise DataErrors(errors)
            saved = [saved_entry(p, self._built, now) for p in paths]
            if self._output is not None and paths and all(saved):
                return self._good(now, self._recompiled(kb, saved), complete=False)
            output = kb_compile.compile_project(self.root, site_url=self.site_url, repository=self.repository,
                                                docs_dir=self.docs_dir, kb=kb, bytecode_cache=self.templates)
        except DataErrors as exc:
            return self._failed(tuple(str(e) for e in exc.errors))
        except kb_compile.PageError as exc:
            return self._failed((str(exc),))
        return self._good(now, output, complete=True)

    def _recompiled(self, kb, saved: list[tuple[str, str]]) -> kb_compile.Output:
        """The last output with the saved entries' pages compiled again from kb."""
        renderer = Renderer(kb, self.repository, self.site_url, schema_dir=self.root / "data" / "schemas",
                            elsewhere=kb_compile.ELSEWHERE["site"], bytecode_cache=self.templates)
        hover = glossary.hover_texts(kb)
        pages = dict(self._output.pages)
        for collection, entry_id in saved:
            # The page only: its embed copy follows with the full compile.
            uri = links.page_uri(collection, entry_id)
            pages[uri] = kb_compile.entry_pages(renderer, kb.get(collection, entry_id), hover)[uri]
        return replace(self._output, kb=kb, pages=pages)

    def _good(self, now: dict, output: kb_compile.Output, complete: bool) -> Update:
        self._output, self._built, self.errors = output, now, ()
        if complete:
            self._cancel_pending()
        elif self.background:
            self._start_full_compile(now)
        return Update(output, (), complete)

    def _failed(self, errors: tuple[str, ...]) -> Update:
        self.errors = errors
        return Update(self._output, errors, True)

    # -- background compile --------------------------------------------------

    def _start_full_compile(self, now: dict) -> None:
        self._cancel_pending()
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_start_child, initargs=(os.getpid(),))
        future = self._pool.submit(_compile_in_child, str(self.root), str(self.docs_dir), self.site_url,
                                   self.repository, self.overlay_dir and str(self.overlay_dir))
        with self._lock:
            self._pending = (now, future)
        future.add_done_callback(lambda done: self._finished(now, done))

    def _cancel_pending(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, None
        if pending is not None:
            pending[1].cancel()  # a compile already running finishes and is ignored

    def _finished(self, now: dict, future) -> None:
        if future.cancelled() or future.exception() is not None:
            return  # data changed again (a newer compile follows) or became invalid (the next update says so)
        pages, files = future.result()
        with self._lock:
            if self._pending is None or self._pending[0] is not now:
                return
            self._pending = None
            self._ready = (now, replace(self._output, pages=pages, files=files))
        self.on_ready()

    def waiting(self) -> bool:
        """Whether a background compile is running or its result not yet built."""
        with self._lock:
            return self._pending is not None or self._ready is not None

    def close(self) -> None:
        """Stop the background compile now: waiting for it would delay the server's exit."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            for child in multiprocessing.active_children():
                child.terminate()

    # -- what MkDocs renders and the hook writes -----------------------------

    def renders_theme_pages(self) -> bool:
        """Whether this build must render the theme's own pages (404, sitemap) again:
        the first build and after a theme or config change; they list no entry."""
        return self._render_all or not self._rendered

    def modified(self, uri: str, markdown: str) -> bool:
        """Whether MkDocs must render this page again."""
        return self._render_all or self._rendered.get(uri) != markdown

    def built(self, output: kb_compile.Output) -> None:
        """MkDocs has rendered every modified page of output."""
        self._rendered = {uri: page.markdown for uri, page in output.pages.items()}
        self._render_all = False

    def files_to_write(self, files: dict[str, str]) -> dict[str, str]:
        """The data files that differ from what was written last; they count as written."""
        new = {rel: text for rel, text in files.items() if self._written.get(rel) != text}
        self._written.update(new)
        return new


class SearchIndexer:
    """Pagefind over every page built so far, run in a background thread after
    each build so the browser reloads without waiting; runs coalesce."""

    def __init__(self, build: Callable = search_index.build):
        self._build = build
        self._documents: dict[str, search_index.Document] = {}
        self._lock = threading.Lock()
        self._wanted = 0  # bumped per update; the thread runs until it has indexed the latest
        self._thread: threading.Thread | None = None
        self.last_error: Exception | None = None

    def update(self, documents: list, output: Path) -> None:
        with self._lock:
            self._documents.update((doc.url, doc) for doc in documents)
            self._wanted += 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, args=(Path(output),), daemon=True)
                self._thread.start()

    def _run(self, output: Path) -> None:
        done = 0
        while True:
            with self._lock:
                if done == self._wanted:
                    return
                done, documents = self._wanted, sorted(self._documents.values(), key=lambda d: d.url)
            staged = output.with_name(output.name + ".next")
            try:
                self._build(documents, staged)
                shutil.rmtree(output, ignore_errors=True)
                staged.rename(output)
                self.last_error = None
            except Exception as exc:  # reported by the hook; the old index stays
                self.last_error = exc

    def join(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
