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
on_post_build writes the data files (API, export, kit builder JSON).
"""

import html as html_lib
import logging
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# MkDocs puts only this folder on sys.path; the engine is the `macros` package at the root.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402

from macros import compile as kb_compile  # noqa: E402
from macros import html_safety, navigation  # noqa: E402
from macros.errors import DataErrors  # noqa: E402
from macros.linear_abbr import LinearAbbrExtension  # noqa: E402

_output: kb_compile.Output | None = None  # this build's compile output
_command = "build"  # or "serve", "gh-deploy"


def on_startup(command, dirty):
    global _command
    _command = command


_site_dir: Path | None = None


def on_config(config):
    global _output, _site_dir
    _site_dir = Path(config.site_dir)
    try:
        _output = kb_compile.compile_project(ROOT, site_url=config.site_url or "",
                                             repository=config.extra["repository"], target="site",
                                             docs_dir=Path(config.docs_dir))
    except (DataErrors, kb_compile.PageError) as exc:
        raise PluginError(str(exc)) from None
    # The abbr extension in its linear-time variant: pages carry the glossary
    # definitions they use (glossary.with_abbreviations).
    config.markdown_extensions = [e for e in config.markdown_extensions if e != "abbr"]
    config.markdown_extensions.append(LinearAbbrExtension())
    config.nav = navigation.with_collections(config.nav)
    extra = config.extra
    config.edit_uri = f"{extra['repository'].rstrip('/')}/edit/{extra['branch']}/"
    return config


def on_files(files, config):
    # The edit button opens the file a reader would change: docs/... for
    # written pages, data/<collection>/<id>.yml for generated ones
    # (edit_uri points at the repository root).
    for uri, page in _output.pages.items():
        file = files.get_file_from_path(uri)
        if file is None:
            file = File.generated(config, uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
        else:
            file.content_string = page.markdown
        file.edit_uri = page.edit_path
    return files


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
    return cleaned


def on_post_build(config):
    kb_compile.write_static(_output, Path(config.site_dir))


def on_build_error(error):
    # `serve` builds into a temporary folder it owns and shows the error; keep it.
    if _command != "serve" and _site_dir is not None:
        shutil.rmtree(_site_dir, ignore_errors=True)
