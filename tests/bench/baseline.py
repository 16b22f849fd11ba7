"""The baseline: the same pages as plain Markdown, built by stock MkDocs + Material.

Every page the real site has comes from the compile step (macros/compile.py),
exactly as the site's hook hands it to MkDocs: the written pages under docs/
with their macro calls evaluated (the whole-guide page included), one page per
entry plus its embed copy, each with the glossary abbreviations it uses. They
are written to a temporary docs folder with a minimal mkdocs.yml: `theme:
material` with the real theme settings but no custom_dir, the same
markdown_extensions, nav and validation, no hook of ours. Entry pages and embed
copies are kept out of the nav with `not_in_nav`, as the hook does with
InclusionLevel.NOT_IN_NAV. The embed copies are plain pages of the stock theme
(there is no overrides/embed.html).

The data files (api/v1/*.json, export/**/*.md, roles/builder.json) are written
up front from the same compile output into a folder that the baseline's only
hook copies into the site after the build, so both sites hold the same files.

The difference between the two builds is what the engine costs: loading and
validating the data, compiling every page, and the hook machinery.
"""

import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.utils import yaml_load  # noqa: E402  (reads !ENV like mkdocs does)

from macros.compile import compile_project  # noqa: E402

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
        "markdown_extensions": real["markdown_extensions"],  # pages carry their abbreviation definitions
        "validation": real.get("validation", {}),
    }


def generate(dest: Path, root: Path = ROOT, plugins: tuple[str, ...] = ("search",)) -> dict:
    """Write the baseline project into dest; return counts: pages (Markdown sources) and data files."""
    dest = Path(dest)
    real = yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    output = compile_project(root, site_url=real.get("site_url") or "",
                             repository=real.get("extra", {}).get("repository", ""), target="site")
    docs = dest / "docs"
    for src_uri, page in output.pages.items():
        front, body = split_front_matter(page.markdown)
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(stock_front_matter(front) + body, encoding="utf-8")
    for rel, source in output.assets.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, docs / rel)
    for rel, text in output.files.items():
        (dest / DATA_FILES / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / DATA_FILES / rel).write_text(text, encoding="utf-8")
    (dest / "copy_files.py").write_text(COPY_HOOK, encoding="utf-8")
    conf = config(root, output.kb)
    conf["plugins"] = list(plugins)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(conf, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return {"pages": len(output.pages), "data_files": len(output.files)}


def set_plugins(dest: Path, plugins: tuple[str, ...]) -> None:
    """Change the plugins of a generated baseline project."""
    path = Path(dest) / "mkdocs.yml"
    conf = yaml.safe_load(path.read_text(encoding="utf-8"))
    conf["plugins"] = list(plugins)
    path.write_text(yaml.safe_dump(conf, sort_keys=False, allow_unicode=True), encoding="utf-8")
