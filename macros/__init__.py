"""mkdocs-macros entry point: registers the macros, nothing else.

Loading and validation live in load.py, rendering in render.py; both are
plain Python, tested without MkDocs.
"""

from pathlib import Path

from .load import load_kb
from .registry import BY_NAME
from .render import renderer_for


def define_env(env):
    data_dir = Path(env.project_dir) / "data"

    def page_uri() -> str:
        return env.page.file.src_uri

    @env.macro
    def entry_page(collection: str, entry_id: str) -> str:
        """The body of one entry's page."""
        return renderer_for(load_kb(data_dir)).entry(collection, entry_id, page_uri())

    @env.macro
    def collection_index(collection: str) -> str:
        """The table or list of every entry of a collection."""
        return renderer_for(load_kb(data_dir)).index(collection, page_uri())

    @env.macro
    def count(collection: str) -> int:
        """Number of entries in a collection."""
        BY_NAME[collection]  # an unknown name fails the build instead of printing 0
        return len(load_kb(data_dir).entries(collection))
