"""MkDocs adapter over the compile step (macros/compile.py).

A failed `mkdocs build` removes its output (on_build_error): a strict build
aborts only after it has written every page, unsafe ones included, and a
half-built site must never be published.

on_config compiles the guide once per build (serve rebuilds included) and fails
the build with every data problem; on_files hands MkDocs the compiled pages, in
memory (File.generated for entry pages: nothing is committed per entry);
on_page_content cleans every page body against the allow-list in
macros/html_safety.py and warns (a strict build fails) when that removed
anything: the validator should have refused it first;
on_post_build moves in the data files (API, export, kit builder JSON), which a
second process wrote meanwhile (macros/background.py; `serve` keeps them in memory);
on_nav starts a third that converts generated pages' Markdown from the last
page back while MkDocs converts from the first (macros/convert_ahead.py).

Under `mkdocs serve` (`make serve` passes --dirty) the engine's edit loop
(macros/edit_loop.py) decides what a rebuild compiles; this hook marks every
page whose Markdown did not change as unmodified, so MkDocs renders only the
others, writes only changed data files, and on a data error prints the errors,
keeps the last good site and serves the error page in place of every page.
"""

import html as html_lib
import logging
import pickle
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
# MkDocs puts only this folder on sys.path; the engine is the `macros` package at the root.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402
from mkdocs.structure.toc import TableOfContents  # noqa: E402

from macros import compile as kb_compile  # noqa: E402
from macros import convert_ahead, edit_loop, html_safety, load, material_tables, memory, navigation, overlay, site_address  # noqa: E402
from macros.errors import DataErrors  # noqa: E402
from macros.linear_abbr import LinearAbbrExtension  # noqa: E402

_output: kb_compile.Output | None = None  # this build's compile output
_command = "build"  # or "serve", "gh-deploy"
_loop: edit_loop.EditLoop | None = None  # under `mkdocs serve`: state between rebuilds
_trigger: Path | None = None  # a folder the server watches: the edit loop asks for a rebuild there


class _DirtyNotice(logging.Filter):
    """`serve --dirty` logs a warning on every build (navigation may be stale), which
    --strict would count as a failure; the edit loop renders every page whose
    Markdown changed, and everything after a theme or config change."""

    def filter(self, record):
        return not record.getMessage().startswith("A 'dirty' build is being performed")


_dirty = False  # `serve --dirty`: MkDocs keeps the last build's files and renders only modified pages


def on_startup(command, dirty):
    global _command, _dirty
    _command, _dirty = command, dirty
    if command == "serve" and dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


_site_dir: Path | None = None
_work_dir: Path | None = None  # `build`: the entries' pages and the data files, made by other processes


def on_config(config):
    global _output, _site_dir, _loop, _work_dir
    _site_dir = Path(config.site_dir)
    if _command == "serve":
        if _loop is None:
            # The server's own address is not the public one: snippets take the page's origin.
            _loop = edit_loop.EditLoop(ROOT, Path(config.docs_dir), site_address.public(config.site_url or "", serving=True),
                                       config.extra["repository"],
                                       on_ready=_request_rebuild, overlay_dir=overlay.configured())
        update = _loop.update()
        if update.errors:
            # Not through MkDocs' logger: under --strict an error there fails the build,
            # and a failed build never reloads the browser.
            print("\n".join([f"{len(update.errors)} data error(s); the site was not rebuilt:"]
                            + [f"  {e}" for e in update.errors]), file=sys.stderr, flush=True)
            if update.output is None:  # nothing built yet: nothing to serve
                raise PluginError("fix the data and start the server again (make check lists the errors)")
        _output = update.output
        edition = _output.kb.overlay
        if _dirty and not _loop.renders_theme_pages():
            config.theme.static_templates.clear()  # 404.html and the sitemap stay from the last build
    else:
        site_url = site_address.public(config.site_url or "")
        if not site_url:
            site_address.warn()
        # Two more processes (macros/background.py): one renders the entries' pages
        # into a work folder while this one renders the rest; one writes the data
        # files there, moved into the site after the build.
        _work_dir = Path(tempfile.mkdtemp(prefix="kb-build-"))
        try:
            _output = kb_compile.compile_project(ROOT, site_url=site_url,
                                                 repository=config.extra["repository"], target="site",
                                                 docs_dir=Path(config.docs_dir), overlay_dir=overlay.configured(),
                                                 files_dir=_work_dir / "files", pages_dir=_work_dir / "pages")
        except (DataErrors, kb_compile.PageError) as exc:
            raise PluginError(str(exc)) from None
        # Everything made from the guide is made (the data files' process has its
        # own copy): free it for MkDocs' pages, which at 100 times the guide's size
        # need about as much again.
        edition = _output.kb.overlay
        _output = replace(_output, kb=None)
        load.forget()
        memory.give_back()  # so the conversion worker, forked next, does not start with it
    # The abbr extension in its linear-time variant: pages carry the glossary
    # definitions they use (glossary.with_abbreviations).
    config.markdown_extensions = [e for e in config.markdown_extensions if e != "abbr"]
    config.markdown_extensions.append(LinearAbbrExtension())
    config.nav = navigation.with_collections(config.nav)
    extra = config.extra
    config.edit_uri = f"{extra['repository'].rstrip('/')}/edit/{extra['branch']}/"
    overlay.apply_edition(config, edition)
    return config


def on_files(files, config):
    # The edit button opens the file a reader would change: docs/... for
    # written pages, data/<collection>/<id>.yml for generated ones
    # (edit_uri points at the repository root).
    for uri, page in _output.pages.items():
        file = files.get_file_from_path(uri)
        if file is None and page.path is not None:  # read when MkDocs builds the page
            file = File.generated(config, uri, abs_src_path=str(page.path), inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
        elif file is None:
            file = File.generated(config, uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
        else:
            file.content_string = page.markdown
        file.edit_uri = page.edit_path
        if _loop is not None and not _loop.modified(uri, page.markdown):
            file.is_modified = _unmodified  # `serve --dirty` keeps its page from the last build
    for uri, source in _output.assets.items():  # files from outside docs/: an overlay's logo
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(source)))
    return files


def _unmodified() -> bool:
    return False


_ahead: convert_ahead.Ahead | None = None  # `build`: a second process converting pages


def on_nav(nav, config, files):
    global _ahead
    if _work_dir is not None:
        _ahead = convert_ahead.start(config, files, _work_dir / "converted")
    return nav


def _stop_converting() -> None:
    global _ahead
    if _ahead is not None:
        _ahead.close()
        _ahead = None


# `build`: the HTML, table of contents and front matter of a generated page
# (entries, their copies, the whole guide's parts) wait on disk between its
# conversion and its template, because MkDocs converts every page before it
# writes any: held in memory, the guide's HTML would all be there at once. Hand-written pages stay in
# memory: the tags plugin fills its listing page's HTML in between (on_env).
_ON_DISK = "<!-- kb: this page's HTML is in the build's work folder -->"


def _spill_path(page) -> Path:
    return _work_dir / "html" / page.file.src_uri


@event_priority(100)  # before any other hook or plugin reads the page's HTML
def on_page_context(context, page, config, nav):
    if page.content == _ON_DISK:
        with _spill_path(page).open("rb") as file:
            page.content, page.toc, page.meta = pickle.load(file)
    # An overlay's entry: its edit button opens the overlay's repository, or is gone.
    compiled = _output.pages.get(page.file.src_uri) if _output is not None else None
    if compiled is not None and compiled.edit_url is not None:
        page.edit_url = compiled.edit_url or None
    return context


_log = logging.getLogger("mkdocs.hooks.site")


def on_page_content(html, page, config, files):
    # Titles are plain text everywhere: the theme partials print them with | e.
    # MkDocs keeps a title taken from the page's h1 HTML-escaped; unescape it once.
    if not page.meta.get("title") and page.title:
        page.meta["title"] = html_lib.unescape(page.title)
    cleaned = html_safety.clean(html)
    lost = html_safety.removed(html, cleaned)
    if lost:
        _log.warning(f"{page.file.src_uri}: the HTML sanitiser removed {', '.join(lost)} (source: "
                     f"{page.file.edit_uri or page.file.src_uri}). Data text cannot make this markup and "
                     "`make check` refuses it; if a template or a docs page needs it, allow it in macros/html_safety.py")
    cleaned = material_tables.wrap(cleaned)
    if _work_dir is not None and page.present_anchor_ids:
        # Kept for MkDocs' anchor check after the last page: a set of ~30 ids is
        # ~2 KB a page; a tuple of strings shared between pages (the same section
        # ids recur on every question) a sixth of that. MkDocs only asks `in`.
        page.present_anchor_ids = tuple(sys.intern(i) for i in page.present_anchor_ids)
    if _work_dir is not None and page.file.generated_by is not None:
        path = _spill_path(page)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            pickle.dump((cleaned, page.toc, page.meta), file, protocol=pickle.HIGHEST_PROTOCOL)
        page.markdown = ""  # converted (not None: MkDocs then forgets the page's title)
        page.toc = TableOfContents([])
        page.meta = _meta_kept(page.meta)
        return _ON_DISK
    return cleaned


@event_priority(-100)  # after every other hook has read the page (the search index, embed links)
def on_post_page(output, page, config):
    if _work_dir is not None and page.file.generated_by is not None:
        page.content, page.toc, page.meta = None, TableOfContents([]), _meta_kept(page.meta)
    return output


def _meta_kept(meta: dict) -> dict:
    # What is read of a page's front matter while its HTML waits on disk: its
    # title (MkDocs' page.title, the tags listing), tags (Material's tags plugin)
    # and template (MkDocs picks it before on_page_context restores the rest).
    return {key: meta[key] for key in ("title", "tags", "template") if key in meta}


def on_env(env, config, files):
    _stop_converting()  # every page is converted
    # MkDocs makes a new theme environment per build; under serve, keep the compiled
    # theme templates (Material's are many) between rebuilds instead of compiling them again.
    if _loop is not None:
        env.bytecode_cache = _loop.templates
    return env


def on_post_build(config):
    if _loop is None:
        try:
            kb_compile.write_static(_output, Path(config.site_dir))
        except kb_compile.PageError as exc:
            raise PluginError(str(exc)) from None
        shutil.rmtree(_work_dir, ignore_errors=True)
        return
    # Without --dirty MkDocs has emptied the folder: every file is written again.
    files = _loop.files_to_write(_output.files) if _dirty else _output.files
    kb_compile.write_static(replace(_output, files=files), Path(config.site_dir))
    _loop.built(_output)
    if _loop.errors:
        (Path(config.site_dir) / edit_loop.ERROR_PAGE).write_text(edit_loop.error_page(_loop.errors), encoding="utf-8")


def on_serve(server, config, builder):
    """Rebuild when the edit loop's background compile is done (a file in a watched
    folder), and serve the error page for every page while the data has errors."""
    global _trigger
    _trigger = Path(tempfile.mkdtemp(prefix="kb-serve-"))
    server.watch(str(_trigger))
    mount = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    app = server.get_app()

    def with_error_page(environ, start_response):
        if _loop is not None and _loop.errors and edit_loop.is_page_request(environ.get("PATH_INFO", "")):
            environ = {**environ, "PATH_INFO": mount + edit_loop.ERROR_PAGE}
        return app(environ, start_response)

    server.set_app(with_error_page)
    return server


def _request_rebuild() -> None:
    if _trigger is not None:
        (_trigger / "ready").write_text(str(time.monotonic()), encoding="utf-8")


def on_shutdown():
    if _loop is not None:
        _loop.close()
    if _trigger is not None:
        shutil.rmtree(_trigger, ignore_errors=True)


def on_build_error(error):
    _stop_converting()
    if _output is not None and _loop is None:
        kb_compile.discard_files(_output)
    if _work_dir is not None:
        shutil.rmtree(_work_dir, ignore_errors=True)
    # `serve` builds into a temporary folder it owns and shows the error; keep it.
    if _command != "serve" and _site_dir is not None:
        shutil.rmtree(_site_dir, ignore_errors=True)
