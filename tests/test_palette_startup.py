"""The palette is shown before the page is drawn, and nothing re-applies it after.

Material's palette component re-applied the palette on every page load after the
first paint: three restyles of every element of the page (issue 13, Lighthouse on
kit and question bank pages), and a reader whose system is dark saw the page light
first. overrides/partials/palette.html keeps Material's markup without mounting
its component; overrides/partials/javascripts/palette.html shows the palette from
the header; docs/assets/palette.js handles clicks and system changes
(tests/test_wayfinding.py and tests/test_browser.py check those).
"""
from pathlib import Path

import material
import pytest

from conftest import ROOT, csp_violations

THEME = Path(material.__file__).parent / "templates"

# Runs as the document is created: the body's palette once the page's main part
# exists (well before any script at the end of the body runs), and every time the
# theme's "switching" attribute (transitions off while colours change) is set.
WATCH = """
window.__kbPalette = {atMain: null, switching: 0}
new MutationObserver(function (records, observer) {
  if (!document.querySelector(".md-main")) return
  observer.disconnect()
  window.__kbPalette.atMain = document.body.getAttribute("data-md-color-scheme")
}).observe(document, {childList: true, subtree: true})
new MutationObserver(function (records) {
  records.forEach(function (r) {
    if (r.target === document.body && r.attributeName === "data-md-color-switching" && document.body.hasAttribute("data-md-color-switching")) window.__kbPalette.switching++
  })
}).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-md-color-switching"]})
"""

PAGE = "roles/payments-backend-engineer/"


def test_palette_partial_is_the_themes_without_its_component():
    ours = (ROOT / "overrides" / "partials" / "palette.html").read_text().split("-#}\n", 1)[1]
    theirs = (THEME / "partials" / "palette.html").read_text().split("-#}\n", 1)[1]
    old = '<form class="md-header__option" data-md-component="palette">'
    assert theirs.count(old) == 1, "Material's partials/palette.html changed: re-copy it into overrides/ and re-apply the change"
    assert ours == theirs.replace(old, '<form class="md-header__option" data-kb-palette>')


@pytest.fixture
def watched(chromium, request):
    context = chromium.new_context(color_scheme=request.param)
    context.add_init_script(WATCH)
    violations = csp_violations(context)
    yield context.new_page()
    context.close()
    assert violations == [], "the page broke its Content-Security-Policy"


def _seen(page):
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__kbPalette"), page.locator("body").get_attribute("data-md-color-scheme")


@pytest.mark.parametrize(("watched", "scheme"), [("light", "default"), ("dark", "slate")], indirect=["watched"])
def test_the_systems_palette_is_on_the_page_before_its_main_part(watched, base_url, scheme):
    watched.goto(base_url + PAGE)
    seen, final = _seen(watched)
    assert (seen["atMain"], final) == (scheme, scheme)


@pytest.mark.parametrize("watched", ["light", "dark"], indirect=True)
def test_nothing_re_applies_the_palette_after_the_page_is_drawn(watched, base_url):
    watched.goto(base_url + PAGE)
    seen, _ = _seen(watched)
    assert seen["switching"] == 0, "the palette was switched during the page load (Material's component mounted?)"


@pytest.mark.parametrize("watched", ["light", "dark"], indirect=True)
def test_a_chosen_palette_is_on_the_next_page_before_its_main_part(watched, base_url):
    watched.goto(base_url)
    watched.locator("form[data-kb-palette] label:visible").first.click()
    chosen = watched.locator("body").get_attribute("data-md-color-scheme")
    watched.goto(base_url + PAGE)
    seen, final = _seen(watched)
    assert (seen["atMain"], final, seen["switching"]) == (chosen, chosen, 0)


@pytest.mark.parametrize(("watched", "scheme"), [("light", "light"), ("dark", "dark")], indirect=["watched"])
def test_the_root_color_scheme_matches_the_palette(watched, base_url, scheme):
    watched.goto(base_url + PAGE)
    assert watched.evaluate("getComputedStyle(document.documentElement).colorScheme") == scheme


@pytest.mark.parametrize("watched", ["light", "dark"], indirect=True)
def test_the_toolbar_colour_is_the_headers(watched, base_url):
    watched.goto(base_url + PAGE)
    watched.wait_for_load_state("load")
    meta = watched.locator("meta[name=theme-color]")
    meta.wait_for(state="attached")
    header = watched.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert meta.get_attribute("content") == header
