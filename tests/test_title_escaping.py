"""Titles are plain text, printed escaped everywhere the theme shows them.

Material's partials print page and nav titles as they are; overrides/ holds
copies changed only by `| e`. The first test fails when a Material upgrade
changes one of those partials: re-copy it and re-apply the escapes below.
"""

import html
import re
from pathlib import Path

import pytest
import material

from conftest import ROOT

THEME = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"

ESCAPES = {
    "partials/header.html": [("{{ page.meta.title }}", "{{ page.meta.title | e }}"), ("{{ page.title }}", "{{ page.title | e }}")],
    "partials/nav-item.html": [("    {{ nav_item.title }}", "    {{ nav_item.title | e }}")],
    "partials/path-item.html": [("{{ nav_item.title }}", "{{ nav_item.title | e }}")],
    "partials/tabs-item.html": [("{{ ref.title }}", "{{ ref.title | e }}")],
    "partials/footer.html": [("                {{ page.previous_page.title }}", "                {{ page.previous_page.title | e }}"),
                             ("                {{ page.next_page.title }}", "                {{ page.next_page.title | e }}")],
    "fragments/tags/default/listing.html": [("{{ mapping.item.title }}", "{{ mapping.item.title | e }}")],
}


@pytest.mark.parametrize("name", ESCAPES)
def test_override_is_the_theme_partial_with_escaped_titles(name):
    ours = (OVERRIDES / name).read_text().split("\n", 1)[1]  # after our one-line header comment
    theirs = (THEME / name).read_text()
    for old, new in ESCAPES[name]:
        assert theirs.count(old) == 1, f"Material's {name} changed: re-copy it into overrides/ and re-apply the escapes"
        theirs = theirs.replace(old, new)
    assert ours == theirs


def _text(pattern: str, page: str) -> str:
    match = re.search(pattern, page, re.S)
    assert match, pattern
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def test_entry_titles_read_as_written_in_tab_and_header(site, kb):
    site_name = "Hiring Distributed-Systems Developers"
    wrong = []
    for entry in kb.entries("questions") + kb.entries("red-flags") + kb.entries("tradeoffs"):
        page = (site / entry.collection / entry.id / "index.html").read_text(encoding="utf-8")
        tab = _text(r"<title>(.*?)</title>", page)
        header = _text(r'data-md-component="header-topic">\s*<span class="md-ellipsis">(.*?)</span>', page)
        if tab != f"{entry.title} - {site_name}" or header != entry.title:
            wrong.append(f"{entry.source}: tab {tab!r}, header {header!r}")
    assert wrong == []
