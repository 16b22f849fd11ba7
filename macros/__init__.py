"""mkdocs-macros entry point: registers the macros, nothing else.

Loading and validation live in load.py, rendering in render.py; both are
plain Python, tested without MkDocs.
"""

from pathlib import Path

from .load import load_kb
from .registry import BY_NAME
from .render import renderer_for


def _renderer(env):
    # Loaded on first use and kept for this build: checking the data files for
    # changes on every macro call would cost a directory walk per page.
    if env.kb_renderer is None:
        env.kb_renderer = renderer_for(load_kb(Path(env.project_dir) / "data"), env.conf["extra"]["repository"],
                                       env.conf["site_url"] or "")
    return env.kb_renderer


def define_env(env):
    env.kb_renderer = None  # define_env runs at the start of every build, serve rebuilds included
    def page_uri() -> str:
        return env.page.file.src_uri

    @env.macro
    def entry_page(collection: str, entry_id: str) -> str:
        """The body of one entry's page."""
        return _renderer(env).entry(collection, entry_id, page_uri())

    @env.macro
    def collection_index(collection: str) -> str:
        """The table or list of every entry of a collection."""
        return _renderer(env).index(collection, page_uri())

    @env.macro
    def data_reference() -> str:
        """Fields of every collection, from the schemas, with an example entry each."""
        return _renderer(env).data_reference(Path(env.project_dir) / "data" / "schemas", page_uri())

    @env.macro
    def whole_guide() -> str:
        """Every entry on one page, for printing or saving as PDF."""
        return _renderer(env).whole_guide(page_uri())

    @env.macro
    def count(collection: str) -> int:
        """Number of entries in a collection."""
        BY_NAME[collection]  # an unknown name fails the build instead of printing 0
        return len(_renderer(env).kb.entries(collection))
