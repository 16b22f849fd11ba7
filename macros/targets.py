"""Configuration of the targets that build from the compile output.

The site's mkdocs.yml is the one source of settings (site name, navigation,
theme, Markdown extensions); each target gets the part of it that its builder
keeps. No MkDocs import: YAML tags such as !ENV are resolved here.
"""

import os
import shutil
from pathlib import Path

import yaml

from . import navigation
from .registry import COLLECTIONS


class _SiteLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: !ENV [NAME, default] and !relative resolved."""


def _env(loader, node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (names + [None])
    for name in variables:
        if os.environ.get(name):
            return os.environ[name]
    return default


_SiteLoader.add_constructor("!ENV", _env)
_SiteLoader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node))
# Python-name tags (pymdownx's emoji functions) are kept as their dotted names.
_SiteLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)


def site_config(root: Path) -> dict:
    with open(Path(root) / "mkdocs.yml", encoding="utf-8") as file:
        return yaml.load(file, Loader=_SiteLoader)


# Settings every target takes from the site's mkdocs.yml as they are.
_SHARED = ("site_name", "site_description", "copyright", "nav", "markdown_extensions", "validation", "extra", "extra_css")


def portable_config(target: str, site: dict, site_url: str) -> dict:
    """The mkdocs.yml of the techdocs or zensical output: the site's settings
    without what those builders drop or cannot run (hooks, MkDocs plugins)."""
    config = {key: site[key] for key in _SHARED if key in site}
    # The site links each tool's stylesheet on the tool's pages only, from a
    # theme override (overrides/partials/tool-styles.html). TechDocs drops the
    # overrides, so both bundles list every stylesheet for every page.
    config["extra_css"] = [*site.get("extra_css", ()), *tool_stylesheets(site)]
    config["nav"] = navigation.with_collections(site.get("nav"))
    config["docs_dir"] = "docs"
    # Entry pages are reached from indexes, links and search, not the sidebar
    # (the site adds them as NOT_IN_NAV); say so, or a strict build fails.
    # So are the whole guide's parts (macros/whole_guide.py), listed by its contents page.
    # So are the further pages of a long index (macros/index_pages.py), linked from its first.
    config["not_in_nav"] = "\n".join([f"/{c.name}/*.md" for c in COLLECTIONS] + [f"/{c.name}/page/*.md" for c in COLLECTIONS]
                                     + ["**/whole-guide/*.md"]) + "\n"
    if site_url:
        config["site_url"] = site_url
    theme = {key: value for key, value in site["theme"].items() if key != "custom_dir"}
    if target == "techdocs":
        # Backstage keeps only these theme keys, drops extra_javascript, and
        # allows techdocs-core (which adds search) as the only plugin we need.
        config["theme"] = {key: theme[key] for key in TECHDOCS_THEME_KEYS if key in theme}
        config["plugins"] = ["techdocs-core"]
    else:
        # Zensical reads Material's settings, theme overrides included, and
        # builds search itself; it runs no MkDocs plugin or hook. So no Pagefind
        # index: the header falls back to Material's search (extra.site_search),
        # with the search features the site's own search does not use.
        config["theme"] = {**theme, "custom_dir": "overrides",
                           "features": [*theme.get("features", ()), *ZENSICAL_SEARCH_FEATURES]}
        config["extra"] = {**config.get("extra", {}), "site_search": False}
        config["extra_javascript"] = [path for path in site.get("extra_javascript", ())
                                      if path not in SITE_SEARCH_SCRIPTS]
        config["site_dir"] = "site"
    return config


def tool_stylesheets(site: dict) -> list[str]:
    """The tools' stylesheets (mkdocs.yml extra.tool_css), in their order."""
    return [tool["file"] for tool in site.get("extra", {}).get("tool_css", ())]


# The site's Pagefind search box (macros/hooks/pagefind.py writes its index),
# and the search features of Material's search, used where a builder brings its own.
SITE_SEARCH_SCRIPTS = ("assets/site-search.js",)
ZENSICAL_SEARCH_FEATURES = ("search.highlight", "search.suggest")


# From @backstage/plugin-techdocs-node 2.3.0, dist/stages/generate/mkdocsPatchers:
# the keys Backstage keeps in mkdocs.yml before it runs MkDocs (tests/techdocs.py
# applies the same rules to our output).
TECHDOCS_THEME_KEYS = ("name", "font", "icon", "logo", "favicon", "language", "direction", "palette", "features")


def write_config(target: str, site: dict, out_dir: Path, site_url: str, root: Path) -> None:
    config = portable_config(target, site, site_url)
    (Path(out_dir) / "mkdocs.yml").write_text(
        "# Written by `python -m macros.compile --target " + target + "`; edit the site's mkdocs.yml instead.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    if target == "zensical":
        shutil.rmtree(Path(out_dir) / "overrides", ignore_errors=True)
        # Not sitemap.xml: it walks MkDocs' file objects, and Zensical, which has no
        # embed pages to leave out, writes its own.
        shutil.copytree(Path(root) / "overrides", Path(out_dir) / "overrides",
                        ignore=shutil.ignore_patterns("sitemap.xml"))
