"""The baseline: the same pages as plain Markdown, built by stock MkDocs + Material.

Every page the real site has is rendered once, up front, with the engine
(macros/render.py), exactly as mkdocs-macros and the page hook would produce
it during the build: the written pages under docs/ with their macro calls
replaced by the macros' output (the whole-guide page included), and one page
per entry plus its embed copy (front matter from macros/pages.py). The result
is written to a temporary docs folder with a minimal mkdocs.yml: `theme:
material` with the real theme settings but no custom_dir, the same
markdown_extensions with the glossary's hover texts set as the abbr
extension's `glossary` option (as macros/hooks/pages.py sets it), nav and
validation, no macros plugin. Entry pages and embed copies are kept out of the
nav with `not_in_nav`, as the hook does with InclusionLevel.NOT_IN_NAV. The
embed copies are plain pages of the stock theme (there is no overrides/embed.html).

The data files the real site's post-build hook writes (api/v1/*.json,
export/**/*.md, roles/builder.json) are written up front by that same hook
code into a folder that the baseline's only hook copies into the site after
the build, so both sites hold the same files.

The difference between the two builds is what the engine costs: loading and
validating the data, rendering through Jinja at build time, writing the data
files, and the plugin and hook machinery.
"""

import importlib.util
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import jinja2
import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.utils import yaml_load  # noqa: E402  (reads !ENV like mkdocs does)

from macros.glossary import hover_texts  # noqa: E402
from macros.links import page_uri as entry_page_uri  # noqa: E402
from macros.load import load_kb  # noqa: E402
from macros.pages import generated  # noqa: E402
from macros.registry import BY_NAME  # noqa: E402
from macros.render import Renderer  # noqa: E402

DATA_FILES = "site-files"  # folder of the baseline project copied into its site after the build
COPY_HOOK = '''"""Copy the precomputed data files (API, export, kit builder) into the site."""
import shutil
from pathlib import Path


def on_post_build(config):
    source = Path(config.config_file_path).parent / "{folder}"
    shutil.copytree(source, config.site_dir, dirs_exist_ok=True)
'''.format(folder=DATA_FILES)


def split_front_matter(text: str) -> tuple[str, str]:
    """('---\\n...\\n---\\n', body), or ('', text) when the page has none (as MkDocs reads it)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[: end + 5], text[end + 5 :]
    return "", text


def stock_front_matter(front: str) -> str:
    """Front matter without `template`: stock Material has no embed.html."""
    meta = yaml.safe_load(front[4:-5]) or {} if front else {}
    if "template" not in meta:
        return front
    meta.pop("template", None)
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


class PageRenderer:
    """Renders a page body as mkdocs-macros does, with the project's macros."""

    def __init__(self, root: Path, repository: str, site_url: str):
        self.root = root
        self.kb = load_kb(root / "data")
        self.renderer = Renderer(self.kb, repository, site_url)  # as macros/__init__.py builds it
        self.jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)

    def body(self, body: str, src_uri: str) -> str:
        if "{{" in body or "{%" in body:
            r = self.renderer
            functions = {
                "entry_page": lambda collection, entry_id: r.entry(collection, entry_id, src_uri),
                "collection_index": lambda collection: r.index(collection, src_uri),
                "data_reference": lambda: r.data_reference(self.root / "data" / "schemas", src_uri),
                "whole_guide": lambda: r.whole_guide(src_uri),
                "count": lambda collection: len(r.kb.entries(BY_NAME[collection].name)),
            }
            body = self.jinja.from_string(body).render(**functions)
        return body

    def page(self, source: str, src_uri: str) -> str:
        front, body = split_front_matter(source)
        return stock_front_matter(front) + self.body(body, src_uri)


def markdown_extensions(real: list, glossary: dict) -> list:
    """The real extensions, with the glossary as the abbr extension's option."""
    out = []
    for ext in real:
        name = ext if isinstance(ext, str) else next(iter(ext))
        if name == "abbr":
            options = {} if isinstance(ext, str) else dict(ext["abbr"] or {})
            out.append({"abbr": {**options, "glossary": glossary}})
        else:
            out.append(ext)
    if not any((e if isinstance(e, str) else next(iter(e))) == "abbr" for e in real):
        out.append({"abbr": {"glossary": glossary}})
    return out


def config(root: Path, kb) -> dict:
    """A minimal mkdocs.yml for stock Material, with the real site's settings."""
    real = yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = {k: v for k, v in real["theme"].items() if k != "custom_dir"}
    collections = list(kb.collections)
    return {
        "site_name": real["site_name"],
        "site_description": real.get("site_description", ""),
        "site_url": real.get("site_url") or "",
        "copyright": real.get("copyright", ""),
        "theme": theme,
        "extra_css": real.get("extra_css", []),
        "extra_javascript": real.get("extra_javascript", []),
        "nav": real["nav"],
        # The entry pages and their embed copies, kept out of the nav (the indexes stay in it).
        "not_in_nav": "\n".join([f"/{name}/*.md" for name in collections] + ["/embed/"]),
        "plugins": ["search"],
        "hooks": ["copy_files.py"],
        "markdown_extensions": markdown_extensions(real["markdown_extensions"], hover_texts(kb)),
        "validation": real.get("validation", {}),
    }


def write_data_files(dest: Path, root: Path, real: dict) -> int:
    """The post-build hook's files (API, export, kit builder), by the hook's own code, into dest."""
    spec = importlib.util.spec_from_file_location("kb_bench_exports_hook", root / "macros" / "hooks" / "exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dest.mkdir(parents=True, exist_ok=True)
    module.on_post_build(SimpleNamespace(site_dir=str(dest), site_url=real.get("site_url") or "",
                                         extra=real.get("extra", {})))
    return sum(1 for p in dest.rglob("*") if p.is_file())


def generate(dest: Path, root: Path = ROOT, plugins: tuple[str, ...] = ("search",)) -> dict:
    """Write the baseline project into dest; return counts: pages (Markdown sources) and data files."""
    dest = Path(dest)
    real = yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = PageRenderer(root, real.get("extra", {}).get("repository", ""), real.get("site_url") or "")
    docs = dest / "docs"
    shutil.copytree(root / "docs", docs, ignore=shutil.ignore_patterns("__pycache__"))
    count = 0
    for path in sorted(docs.rglob("*.md")):
        src_uri = path.relative_to(docs).as_posix()
        path.write_text(pages.page(path.read_text(encoding="utf-8"), src_uri), encoding="utf-8")
        count += 1
    for entry, src_uri, source in generated(pages.kb):
        assert src_uri.removeprefix("embed/") == entry_page_uri(entry.collection, entry.id)
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pages.page(source, src_uri), encoding="utf-8")
        count += 1
    data_files = write_data_files(dest / DATA_FILES, root, real)
    (dest / "copy_files.py").write_text(COPY_HOOK, encoding="utf-8")
    conf = config(root, pages.kb)
    conf["plugins"] = list(plugins)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(conf, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return {"pages": count, "data_files": data_files}


def set_plugins(dest: Path, plugins: tuple[str, ...]) -> None:
    """Change the plugins of a generated baseline project."""
    path = Path(dest) / "mkdocs.yml"
    conf = yaml.safe_load(path.read_text(encoding="utf-8"))
    conf["plugins"] = list(plugins)
    path.write_text(yaml.safe_dump(conf, sort_keys=False, allow_unicode=True), encoding="utf-8")
