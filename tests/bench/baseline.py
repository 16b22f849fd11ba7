"""The baseline: the same pages as plain Markdown, built by stock MkDocs + Material.

Every page the real site has is rendered once, up front, with the engine
(macros/render.py), exactly as mkdocs-macros and the page hook would produce
it during the build: the written pages under docs/ with their macro calls
replaced by the macros' output, one page per entry (front matter from
macros/pages.py), and the glossary's abbreviation definitions appended to
every page. The result is written to a temporary docs folder with a minimal
mkdocs.yml: `theme: material` with the real theme settings but no
custom_dir, the same markdown_extensions, nav and validation, no macros
plugin and no hooks. Entry pages are kept out of the nav with `not_in_nav`,
as the hook does with InclusionLevel.NOT_IN_NAV.

The difference between the two builds is what the engine costs: loading and
validating the data, rendering through Jinja at build time, and the plugin
and hook machinery.
"""

import shutil
import sys
from pathlib import Path

import jinja2
import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.utils import yaml_load  # noqa: E402  (reads !ENV like mkdocs does)

from macros.links import page_uri as entry_page_uri  # noqa: E402
from macros.load import load_kb  # noqa: E402
from macros.pages import generated  # noqa: E402
from macros.registry import BY_NAME  # noqa: E402
from macros.render import Renderer  # noqa: E402


def split_front_matter(text: str) -> tuple[str, str]:
    """('---\\n...\\n---\\n', body), or ('', text) when the page has none (as MkDocs reads it)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[: end + 5], text[end + 5 :]
    return "", text


class PageRenderer:
    """Renders a page body as mkdocs-macros does, with the project's four macros."""

    def __init__(self, root: Path, repository: str):
        self.root = root
        self.kb = load_kb(root / "data")
        self.renderer = Renderer(self.kb, repository)
        self.jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
        self.abbreviations = self.renderer.abbreviations()

    def body(self, body: str, src_uri: str) -> str:
        if "{{" in body or "{%" in body:
            r = self.renderer
            functions = {
                "entry_page": lambda collection, entry_id: r.entry(collection, entry_id, src_uri),
                "collection_index": lambda collection: r.index(collection, src_uri),
                "data_reference": lambda: r.data_reference(self.root / "data" / "schemas", src_uri),
                "count": lambda collection: len(r.kb.entries(BY_NAME[collection].name)),
            }
            body = self.jinja.from_string(body).render(**functions)
        return body + "\n" + self.abbreviations  # on_post_page_macros, on every page

    def page(self, source: str, src_uri: str) -> str:
        front, body = split_front_matter(source)
        return front + self.body(body, src_uri)


def config(root: Path, collections) -> dict:
    """A minimal mkdocs.yml for stock Material, with the real site's settings."""
    real = yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = {k: v for k, v in real["theme"].items() if k != "custom_dir"}
    conf = {
        "site_name": real["site_name"],
        "site_description": real.get("site_description", ""),
        "copyright": real.get("copyright", ""),
        "theme": theme,
        "extra_css": real.get("extra_css", []),
        "nav": real["nav"],
        # The entry pages, kept out of the nav (the indexes stay in it).
        "not_in_nav": "\n".join(f"/{name}/*.md" for name in collections),
        "plugins": ["search"],
        "markdown_extensions": real["markdown_extensions"],
        "validation": real.get("validation", {}),
    }
    return conf


def generate(dest: Path, root: Path = ROOT, plugins: tuple[str, ...] = ("search",)) -> int:
    """Write the baseline project into dest; return the number of pages."""
    dest = Path(dest)
    real = yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = PageRenderer(root, real.get("extra", {}).get("repository", ""))
    docs = dest / "docs"
    shutil.copytree(root / "docs", docs, ignore=shutil.ignore_patterns("__pycache__"))
    count = 0
    for path in sorted(docs.rglob("*.md")):
        src_uri = path.relative_to(docs).as_posix()
        path.write_text(pages.page(path.read_text(encoding="utf-8"), src_uri), encoding="utf-8")
        count += 1
    for entry, src_uri, source in generated(pages.kb):
        assert src_uri == entry_page_uri(entry.collection, entry.id)
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pages.page(source, src_uri), encoding="utf-8")
        count += 1
    conf = config(root, pages.kb.collections)
    conf["plugins"] = list(plugins)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(conf, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return count


def set_plugins(dest: Path, plugins: tuple[str, ...]) -> None:
    """Change the plugins of a generated baseline project."""
    path = Path(dest) / "mkdocs.yml"
    conf = yaml.safe_load(path.read_text(encoding="utf-8"))
    conf["plugins"] = list(plugins)
    path.write_text(yaml.safe_dump(conf, sort_keys=False, allow_unicode=True), encoding="utf-8")
