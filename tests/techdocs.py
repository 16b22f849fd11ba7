"""What Backstage does to mkdocs.yml before it runs MkDocs, re-done in Python.

Read from @backstage/plugin-techdocs-node 2.3.0 (dist/stages/generate/
mkdocsPatchers and helpers): only allow-listed top-level keys survive (hooks,
INHERIT and extra_javascript go), the theme keeps only a few keys (custom_dir
goes), plugins are filtered to an allow-list, Markdown extensions too, and
techdocs-core is added when missing. Operators can widen the lists with
`dangerouslyAllowAdditionalKeys`; we assume they did not.
"""

ALLOWED_KEYS = (
    "site_name", "site_url", "site_description", "site_author",
    "repo_url", "repo_name", "edit_uri", "edit_uri_template",
    "docs_dir", "site_dir",
    "nav", "exclude_docs", "not_in_nav",
    "theme", "plugins", "markdown_extensions", "extra", "extra_css",
    "use_directory_urls", "strict", "dev_addr", "watch",
    "copyright", "remote_branch", "remote_name", "validation",
    "google_analytics",
)
ALLOWED_THEME_KEYS = ("name", "font", "icon", "logo", "favicon", "language", "direction", "palette", "features")
ALLOWED_PLUGINS = ("techdocs-core", "search", "material/search", "redirects", "group", "material/group")
ALLOWED_EXTENSIONS = (
    "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes",
    "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc",
    "wikilinks", "markdown_inline_graphviz", "mdx_truly_sane_lists", "plantuml_markdown",
)


def _name(item) -> str:
    return next(iter(item)) if isinstance(item, dict) else item


def _extension_allowed(name: str) -> bool:
    return name in ALLOWED_EXTENSIONS or name.startswith("pymdownx.") or name.startswith("zensical.extensions.")


def sanitize(config: dict) -> tuple[dict, list[str]]:
    """(the config Backstage would build, what it removed)."""
    removed = [key for key in config if key not in ALLOWED_KEYS]
    kept = {key: value for key, value in config.items() if key in ALLOWED_KEYS}
    if isinstance(kept.get("theme"), dict):
        removed += [f"theme.{key}" for key in kept["theme"] if key not in ALLOWED_THEME_KEYS]
        kept["theme"] = {k: v for k, v in kept["theme"].items() if k in ALLOWED_THEME_KEYS}
    plugins = kept.get("plugins", [])
    removed += [f"plugins.{_name(p)}" for p in plugins if _name(p) not in ALLOWED_PLUGINS]
    kept["plugins"] = [p for p in plugins if _name(p) in ALLOWED_PLUGINS]
    if "techdocs-core" not in [_name(p) for p in kept["plugins"]]:
        kept["plugins"].append("techdocs-core")
    extensions = kept.get("markdown_extensions", [])
    removed += [f"markdown_extensions.{_name(e)}" for e in extensions if not _extension_allowed(_name(e))]
    kept["markdown_extensions"] = [e for e in extensions if _extension_allowed(_name(e))]
    return kept, removed
