"""Configuration of the targets that build from the compile output.

The site's mkdocs.yml is the one source of settings (site name, navigation,
theme, Markdown extensions); each target gets the part of it that its builder
keeps. No MkDocs import: YAML tags such as !ENV are resolved here.
"""

import os
from pathlib import Path

import yaml


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
