"""MkDocs hook: validate the data first, then add the generated pages (one per
entry and its embed copy) and the glossary's hover texts.

Pages exist only in memory (File.generated); nothing is committed per entry.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# MkDocs puts only this folder on sys.path; the engine is the `macros` package at the root.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402

from macros import glossary, pages  # noqa: E402
from macros.errors import DataErrors  # noqa: E402
from macros.linear_abbr import LinearAbbrExtension  # noqa: E402
from macros.load import load_kb  # noqa: E402

DATA = ROOT / "data"


def on_config(config):
    try:
        kb = load_kb(DATA)
    except DataErrors as exc:
        raise PluginError(exc.report()) from None
    # Hover text for glossary abbreviations on every page: the abbr extension,
    # in its linear-time variant, with the glossary as its dictionary.
    config.markdown_extensions = [e for e in config.markdown_extensions if e != "abbr"]
    config.markdown_extensions.append(LinearAbbrExtension(glossary=glossary.hover_texts(kb)))
    extra = config.extra
    config.edit_uri = f"{extra['repository'].rstrip('/')}/edit/{extra['branch']}/"
    return config


def on_files(files, config):
    # The edit button opens the file a reader would change: docs/... for
    # written pages, data/<collection>/<id>.yml for generated ones
    # (edit_uri in mkdocs.yml points at the repository root).
    for file in files.documentation_pages():
        file.edit_uri = f"docs/{file.src_uri}"
    for entry, src_uri, source in pages.generated(load_kb(DATA)):
        page = File.generated(config, src_uri, content=source, inclusion=InclusionLevel.NOT_IN_NAV)
        page.edit_uri = entry.source
        files.append(page)
    return files
