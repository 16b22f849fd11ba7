"""MkDocs hook: after the build, write the JSON API, the Markdown export and the
kit builder's data into the site.

/api/v1/*.json, /export/<collection>/<id>.md and /roles/builder.json are data
files, not pages, so they are written next to the pages rather than passed
through MkDocs.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# MkDocs puts only this folder on sys.path; the engine is the `macros` package at the root.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import api, export, kits  # noqa: E402
from macros.load import load_kb  # noqa: E402
from macros.render import renderer_for  # noqa: E402

DATA = ROOT / "data"


def on_post_build(config):
    kb = load_kb(DATA)
    site = Path(config.site_dir)
    site_url = config.site_url or ""
    written = dict(api.files(kb, DATA / "schemas", site_url))
    written["roles/builder.json"] = api.dumps(kits.builder_data(kb, site_url))
    renderer = renderer_for(kb, config.extra["repository"], site_url, absolute_links=True)
    for name in kb.collections:
        for entry in kb.entries(name):
            written[f"export/{name}/{entry.id}.md"] = export.entry_markdown(renderer, entry)
    for rel, text in written.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
