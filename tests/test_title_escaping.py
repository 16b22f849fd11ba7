"""Titles are plain text, printed escaped everywhere the theme shows them.

Material's partials print page and nav titles as they are; overrides/ holds
copies changed only by `| e` (and, for path.html, the entry pages' breadcrumb).
The first test fails when a Material upgrade changes one of those partials:
re-copy it and re-apply the edits below. The site_nav block that
overrides/main.html copies is checked the same way.
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
    # Plus, not an escape: the site's Pagefind search box where Material's search block was
    # (macros/targets.py turns it off for Zensical, which then gets Material's block).
    "partials/header.html": [("{{ page.meta.title }}", "{{ page.meta.title | e }}"), ("{{ page.title }}", "{{ page.title | e }}"),
                             ('    {% if "material/search" in config.plugins %}\n',
                              "    {#- The site's search is Pagefind's (partials/site-search.html,\n"
                              "        assets/site-search.js). Builders that bring their own search (Zensical,\n"
                              "        macros/targets.py sets extra.site_search false) keep Material's block. -#}\n"
                              "    {% if config.extra.site_search %}\n"
                              '      <label class="md-header__button md-icon" for="__search">\n'
                              '        {% set icon = config.theme.icon.search or "material/magnify" %}\n'
                              '        {% include ".icons/" ~ icon ~ ".svg" %}\n'
                              "      </label>\n"
                              '      {% include "partials/site-search.html" %}\n'
                              '    {% elif "material/search" in config.plugins %}\n')],
    "partials/nav-item.html": [("    {{ nav_item.title }}", "    {{ nav_item.title | e }}")],
    "partials/path-item.html": [("{{ nav_item.title }}", "{{ nav_item.title | e }}")],
    "partials/tabs-item.html": [("{{ ref.title }}", "{{ ref.title | e }}")],
    "partials/footer.html": [("                {{ page.previous_page.title }}", "                {{ page.previous_page.title | e }}"),
                             ("                {{ page.next_page.title }}", "                {{ page.next_page.title | e }}")],
    "fragments/tags/default/listing.html": [("{{ mapping.item.title }}", "{{ mapping.item.title | e }}")],
    # Not an escape: entry pages (not in the nav) get their breadcrumb from macros/place.py,
    # and the breadcrumb is labelled apart from the site navigation (axe: landmark-unique).
    "partials/path.html": [("{% if depth > 1 %}", '{% if page.meta and page.meta.kb_place %}\n  {% include '
                                                  '"partials/place-path.html" %}\n{% elif depth > 1 %}'),
                           ("aria-label=\"{{ lang.t('nav') }}\" {{ hidden }}", 'aria-label="Breadcrumb" {{ hidden }}')],
}


@pytest.mark.parametrize("name", ESCAPES)
def test_override_is_the_theme_partial_with_escaped_titles(name):
    ours = (OVERRIDES / name).read_text().split("\n", 1)[1]  # after our one-line header comment
    theirs = (THEME / name).read_text()
    for old, new in ESCAPES[name]:
        assert theirs.count(old) == 1, f"Material's {name} changed: re-copy it into overrides/ and re-apply the escapes"
        theirs = theirs.replace(old, new)
    assert ours == theirs


def _block(text: str, name: str) -> list[str]:
    """The lines of a Jinja block, dedented, without blank lines."""
    match = re.search(r"^( *){% block " + name + r" %}\n(.*?)^\1{% endblock %}", text, re.S | re.M)
    assert match, name
    lines = [line for line in match.group(2).split("\n") if line.strip()]
    indent = min(len(line) - len(line.lstrip()) for line in lines)
    return [line[indent:] for line in lines]


def test_site_nav_copy_is_the_theme_block_plus_the_place_line():
    ours = _block((OVERRIDES / "main.html").read_text(), "site_nav")
    theirs = _block((THEME / "base.html").read_text(), "site_nav")
    added = '{% if page.meta and page.meta.kb_place %}{% include "partials/place.html" %}{% endif %}'
    assert [line.strip() for line in ours].count(added) == 1
    assert [line for line in ours if line.strip() != added] == theirs, \
        "Material's site_nav block changed: re-copy it into overrides/main.html and re-add the place line"


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
