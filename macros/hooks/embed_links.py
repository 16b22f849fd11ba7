"""MkDocs hook: on embed pages, every link leaves the frame for the full site in a new tab.

Links inside an iframe would otherwise load the whole site inside the wiki's
frame. In-page anchors (#...) stay as they are.
"""

import re

_LINK = re.compile(r'<a\b(?![^>]*\btarget=)([^>]*\bhref="(?!#)[^"]*"[^>]*)>')


def on_post_page(output: str, page, config) -> str:
    if page.meta.get("template") != "embed.html":
        return output
    return _LINK.sub(r'<a\1 target="_blank" rel="noopener">', output)
