"""MkDocs hook: the Content-Security-Policy meta tag on every built page (macros/csp.py).

Listed last in mkdocs.yml so it hashes the page as it will be written.
`mkdocs serve` gets no policy: its live-reload script is inline and added after
the hooks run.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import csp  # noqa: E402

_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_post_page(output: str, page, config) -> str:
    return output if _serving else csp.with_policy(output)


def on_post_template(output: str, template_name, config) -> str:
    """404.html and the other static templates."""
    if _serving or not template_name.endswith(".html"):
        return output
    return csp.with_policy(output)
