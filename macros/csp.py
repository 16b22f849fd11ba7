"""Content-Security-Policy for every built page, as a <meta http-equiv> tag.

Scripts run only from this site's own files and from the inline scripts the
theme writes, each allowed by its SHA-256 hash, computed here from the finished
page. Page bodies never hold a script by then (the validator refuses them and
html_safety.py strips them), so every inline script hashed is the theme's.

A meta policy cannot set frame-ancestors, report-uri or sandbox; the README says
which headers a host adds for those.
"""

import base64
import hashlib
import re

# Executable inline scripts: no src, and no type or a JavaScript type
# (Material's <script type="application/json" id="__config"> is data, not code).
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<meta charset=[^>]*>", re.I)

# Everything from this site only. Styles keep 'unsafe-inline' because Material's
# scripts write style attributes (scroll offsets, the header shadow); scripts
# never get it. data: images are the icons inside Material's own stylesheet.
# 'wasm-unsafe-eval' lets search compile Pagefind's WebAssembly (it allows no
# eval of JavaScript): needed when Pagefind falls back from its worker to the
# page, and when a host sends this policy as a header, which binds the worker too.
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("frame-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
)


def inline_scripts(html: str) -> list[str]:
    found = []
    for attrs, body in _SCRIPT.findall(html):
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _JS_TYPES):
            continue
        found.append(body)
    return found


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(html: str) -> str:
    hashes = sorted({_hash(s) for s in inline_scripts(html)})
    parts = []
    for name, value in DIRECTIVES:
        if name == "script-src" and hashes:
            value = " ".join([value, *hashes])
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def with_policy(html: str) -> str:
    """The page with its policy as the first thing after <meta charset>: a meta
    policy governs only what comes after it."""
    match = _HEAD.search(html)
    if match is None:
        raise ValueError("page has no <meta charset>: nowhere to put the Content-Security-Policy")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[: match.end()] + tag + html[match.end():]
