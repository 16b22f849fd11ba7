"""Tables are wrapped at build time as Material's script would wrap them at start-up
(macros/material_tables.py), and look exactly as the theme's tables do."""
import re
from pathlib import Path

import material
import pytest

from conftest import ROOT
from macros import material_tables

THEME_CSS = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
KIT = "roles/payments-backend-engineer/"


def test_a_bare_table_is_wrapped_and_marked():
    assert material_tables.wrap("<p>x</p><table><tr><td>1</td></tr></table>") == (
        '<p>x</p><div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="kb-table">'
        "<tr><td>1</td></tr></table></div></div>")


def test_each_table_is_wrapped_on_its_own():
    html = material_tables.wrap("<table><tr><td>1</td></tr></table><p>x</p><table><tr><td>2</td></tr></table>")
    assert html.count('<div class="md-typeset__scrollwrap">') == 2 and "<p>x</p>" in html


def test_a_table_with_attributes_is_left_alone():
    html = '<table class="kb-grid"><tr><td>1</td></tr></table>'
    assert material_tables.wrap(html) == html


def _rules(css: str) -> list[str]:
    """The theme's rules for table:not([class]), @media print's included, as text."""
    found = re.findall(r"@media[^{]*\{[^{}]*table:not\(\[class\]\)[^{}]*\{[^}]*\}\}", css)
    bare = re.sub(r"@media[^{]*\{[^{}]*table:not\(\[class\]\)[^{}]*\{[^}]*\}\}", "", css)
    found += re.findall(r"[^{}]*table:not\(\[class\]\)[^{}]*\{[^}]*\}", bare)
    return found


def _squeezed(css: str) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return re.sub(r"\s+", "", css).replace(";}", "}")


@pytest.mark.parametrize("rule", _rules(THEME_CSS.read_text()))
def test_guide_css_repeats_the_themes_table_rule_for_kb_table(rule):
    ours = _squeezed((ROOT / "docs" / "assets" / "guide.css").read_text())
    assert _squeezed(rule.replace("table:not([class])", "table.kb-table")) in ours, \
        f"Material's rule changed or is missing from guide.css: {rule}"


def test_the_theme_has_the_rules_this_copies():
    assert len(_rules(THEME_CSS.read_text())) >= 10


def test_no_built_page_has_a_bare_table(site):
    bare = [str(p.relative_to(site)) for p in site.rglob("*.html") if "<table>" in p.read_text(encoding="utf-8")]
    assert bare == []


def test_the_script_wraps_nothing_again(page, base_url):
    page.goto(base_url + KIT)
    page.wait_for_load_state("networkidle")
    tables = page.locator("article table.kb-table").count()
    assert tables > 0
    assert page.locator("article .md-typeset__scrollwrap").count() == tables
    assert page.locator("article .md-typeset__table .md-typeset__table").count() == 0


# The same table without its class, wrapped as the theme's script wraps it: every
# computed property of the table and its cells must be the same as the built one's.
SAME_LOOK = """() => {
  const built = document.querySelector('article table.kb-table')
  const wrap = built.closest('.md-typeset__scrollwrap').cloneNode(true)
  const theirs = wrap.querySelector('table')
  theirs.removeAttribute('class')
  built.closest('.md-typeset__scrollwrap').after(wrap)
  const diff = []
  for (const [a, b] of [[built, theirs], [built.querySelector('th'), theirs.querySelector('th')],
                        [built.querySelector('td'), theirs.querySelector('td')]]) {
    const sa = getComputedStyle(a), sb = getComputedStyle(b)
    for (const name of sa) if (sa.getPropertyValue(name) !== sb.getPropertyValue(name)) diff.push(a.tagName + ' ' + name)
  }
  wrap.remove()
  return diff
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_built_table_looks_as_the_themes_own(chromium, base_url, scheme):
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + KIT)
    page.wait_for_load_state("networkidle")
    diff = page.evaluate(SAME_LOOK)
    context.close()
    assert diff == []
