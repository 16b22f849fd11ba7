"""Markdown export: an entry as plain Markdown that pastes cleanly into a wiki.

The entry templates target Material (attribute lists, admonitions, HTML blocks
with markdown="1"); this turns that into CommonMark that any wiki renders:
headings lose their { #id } attributes, admonitions become block quotes, and the
HTML wrappers go. Links are absolute (Renderer with absolute_links), or
relative to the export when the build does not know the site's address.

Every export starts with a UTF-8 byte order mark. A plain static server
(`python -m http.server`, many intranet set-ups) sends `.md` as `text/markdown`
with no charset, and browsers then guess the encoding from the bytes (Chromium
read our exports as GBK); the mark is the one signal inside the file that
every browser obeys over guessing. Python reads the files with `utf-8-sig`,
and fetch(), curl | jq, pandoc and GitHub skip it.
"""

import re

from . import links
from .model import Entry
from .render import Renderer

_ATTR_LIST = re.compile(r"\s*\{\s*[#.][^}]*\}\s*$")
_HTML_WRAPPER = re.compile(r"^\s*</?(div|p)\b[^>]*>\s*$")
_INLINE_P = re.compile(r"^<p\b[^>]*>(.*)</p>\s*$")
_ADMONITION = re.compile(r'^(!!!|\?\?\?\+?)\s+\w+(?:\s+"([^"]*)")?\s*$')


def portable(markdown: str) -> str:
    out: list[str] = []
    in_admonition = False
    for line in markdown.splitlines():
        if in_admonition:
            if line.startswith("    ") or not line.strip():
                out.append(("> " + line[4:]).rstrip() if line.strip() else ">")
                continue
            in_admonition = False
            while out and out[-1] == ">":
                out.pop()
            out.append("")
        admonition = _ADMONITION.match(line)
        if admonition:
            in_admonition = True
            out.append(f"> **{admonition.group(2) or 'Note'}**")
            continue
        if _HTML_WRAPPER.match(line):
            continue
        inline = _INLINE_P.match(line)
        if inline:
            line = inline.group(1)
        if line.startswith("#"):
            line = _ATTR_LIST.sub("", line)
        out.append(line)
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


BOM = "\ufeff"


def entry_markdown(renderer: Renderer, entry: Entry, path: str = "") -> str:
    """The entry's page as portable Markdown with a source line at the end.
    path: where the file goes (links.export_path, or links.candidate_export_path
    with a candidate-safe renderer)."""
    path = path or links.export_path(entry.collection, entry.id)
    body = portable(renderer.entry(entry.collection, entry.id, path))
    url = links.entry_url(renderer.site_url or links.up_to_root(path), entry)
    audience = ". Candidate-safe copy: the interviewer-only sections are left out." if renderer.candidate else ""
    if entry.internal:  # an overlay's entry: its own licence and owner, not the public guide's
        return f"{BOM}{body}\n---\n\nInternal entry: {url}{audience}\n"
    return (f"{BOM}{body}\n---\n\nFrom the open hiring guide for distributed-systems developers: {url} "
            f"(CC BY-SA 4.0){audience}\n")
