"""Each tool's stylesheet is linked only on the pages that show the tool
(overrides/partials/tool-styles.html, mkdocs.yml extra.tool_css): every
stylesheet in <head> holds back the first paint, and most pages have no tool.
Instant navigation from a page without the tool still styles it."""

import re

import pytest
import yaml

from conftest import DATA, ROOT, wait_until
from macros.load import load_kb
from site_html import pages

KB = load_kb(DATA)
QUESTION = KB.entries("questions")[0]
KIT = KB.entries("roles")[0]
SAMPLE_SET = KB.entries("calibration")[0]
ASSETS = ROOT / "docs" / "assets"
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
TOOL_CSS = [tool["file"].rsplit("/", 1)[-1] for tool in CONFIG["extra"]["tool_css"]]

# Every page: Material's two, then mkdocs.yml extra_css.
EVERY_PAGE = ["main", "palette", "guide.css", "wayfinding.css", "site-search.css"]

PAGES = {
    "home": ("index.html", []),
    "question": (f"questions/{QUESTION.id}/index.html", []),
    "questions index": ("questions/index.html", []),
    "skill": (f"skills/{QUESTION.data['skills'][0]}/index.html", []),
    "glossary": ("glossary/index.html", []),
    "kit": (f"roles/{KIT.id}/index.html", ["controls.css", "scorecard.css"]),
    "builder": ("roles/builder/index.html", ["controls.css", "kit-builder.css", "scorecard.css"]),
    "debrief": ("roles/debrief/index.html", ["controls.css", "scorecard.css"]),
    "bank": ("questions/bank/index.html", ["controls.css", "question-bank.css"]),
    "worksheet": ("scoping/worksheet/index.html", ["controls.css", "scoping-worksheet.css"]),
    "calibration set": (f"calibration/{SAMPLE_SET.id}/index.html", ["calibration.css"]),
    "calibration set, embedded": (f"embed/calibration/{SAMPLE_SET.id}/index.html", ["calibration.css"]),
    "not found": ("404.html", []),
}

_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def stylesheets(html: str) -> list[str]:
    """The page's stylesheets, in order: file names (Material's without their hash)."""
    names = [href.rsplit("/", 1)[-1] for href in _STYLESHEET.findall(html)]
    return [re.sub(r"\.[0-9a-f]{8}\.min\.css$", "", name) for name in names]


@pytest.mark.parametrize("name", PAGES)
def test_a_page_links_only_the_tool_stylesheets_it_uses(site, name):
    path, tools = PAGES[name]
    assert stylesheets((site / path).read_text(encoding="utf-8")) == EVERY_PAGE + tools


@pytest.mark.parametrize("css", TOOL_CSS)
def test_every_page_using_a_tool_stylesheets_class_links_it(site, css):
    """Over the whole site: a page whose HTML has a class the stylesheet styles links it."""
    styled = set(re.findall(r"\.(kb-[A-Za-z0-9_-]+)", (ASSETS / css).read_text(encoding="utf-8")))
    missing = []
    for page in pages(site):
        html = page.path.read_text(encoding="utf-8")
        used = {name for value in re.findall(r'class="([^"]*)"', html) for name in value.split()}
        if used & styled and css not in stylesheets(html):
            missing.append(f"{page.url}: {sorted(used & styled)[:3]}")
    assert missing == []


def test_every_stylesheet_in_assets_is_in_extra_css_or_tool_css():
    """A new stylesheet under docs/assets/ that neither lists would never load."""
    listed = {path.rsplit("/", 1)[-1] for path in CONFIG["extra_css"]}
    assert {p.name for p in ASSETS.glob("*.css")} == listed | set(TOOL_CSS)


# Instant navigation: Material swaps the page in place and adds the new page's
# <link>s to <head>. A tool element's computed style must be the one it has
# when its page is loaded directly.
TOOLS = {
    "builder": ("roles/builder/", ".kb-builder__choices"),
    "kit": (f"roles/{KIT.id}/", ".kb-sc__row"),
    "bank": ("questions/bank/", ".kb-bank__select"),
    "worksheet": ("scoping/worksheet/", ".kb-ws__choices"),
    "calibration set": (f"calibration/{SAMPLE_SET.id}/", ".kb-calibration__sample"),
}
# The live scorecard is built when the reader comes near it: scroll there first.
REACH = {"kit": "#scorecard"}
STYLE = """e => { const s = getComputedStyle(e)
  return [s.display, s.gridTemplateColumns, s.borderTopWidth, s.borderTopStyle, s.minHeight, s.columnGap, s.paddingLeft] }"""


@pytest.mark.parametrize("name", TOOLS)
def test_instant_navigation_from_the_home_page_styles_the_tool(page, base_url, name):
    path, selector = TOOLS[name]
    page.goto(base_url + path)
    if name in REACH:
        page.locator(REACH[name]).scroll_into_view_if_needed()
    direct = page.locator(selector).first.evaluate(STYLE)
    page.goto(base_url)
    page.wait_for_load_state("networkidle")  # Material's sitemap: instant navigation follows only its links
    # A link to the tool in the home page's text, clicked as a reader would.
    page.evaluate("""href => { const a = document.createElement("a"); a.href = href; a.textContent = "the tool"
                             document.querySelector("article").append(a); window.kbSamePage = true }""", base_url + path)
    page.get_by_role("link", name="the tool", exact=True).click()
    page.wait_for_url(base_url + path)
    if name in REACH:
        page.locator(REACH[name]).scroll_into_view_if_needed()
    tool = page.locator(selector).first
    tool.wait_for()
    wait_until(page, "[...document.querySelectorAll('link[rel=stylesheet]')].every(link => link.sheet)")
    assert page.evaluate("window.kbSamePage") is True  # swapped in place, not loaded
    assert tool.evaluate(STYLE) == direct
