"""Pages on a phone (390 × 844, as in issue 15): nothing scrolls sideways but a
wide table inside its own frame, which shows that it scrolls and keeps its first
column in view. The styles are docs/assets/guide.css; axe-core runs at this size
in tests/test_accessibility.py. The site's own controls are at least 44 px each way
(or sit in a label that is)."""

import pytest

from conftest import DATA, PHONE
from macros.load import load_kb
from macros.registry import COLLECTIONS

KB = load_kb(DATA)

# One page of each type: home, every collection's index and one entry, the
# interviewer's tools (a planned loop in the builder, the debrief) and the
# hand-written pages.
PAGES = ["", "tags/", "contribute/guide/", "integrate/embedding/", "integrate/api/", "roles/debrief/",
         "roles/builder/?skills=data-consistency,distributed-coordination&level=staff&minutes=60"]
PAGES += [f"{c.name}/" for c in COLLECTIONS]
PAGES += [f"{c.name}/{KB.entries(c.name)[0].id}/" for c in COLLECTIONS if KB.entries(c.name)]
# A kit's coverage matrix: wider than a phone whatever the content.
KIT = f"roles/{KB.entries('roles')[0].id}/"


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(phone, base_url, path):
    phone.goto(base_url + path)
    phone.wait_for_load_state("networkidle")  # the builder and scorecards render after their JSON arrives
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width} px wide"


def _wide_frame(phone, base_url):
    phone.goto(base_url + KIT)
    frame = phone.locator("#coverage ~ .md-typeset__scrollwrap").first
    assert frame.evaluate("e => e.scrollWidth > e.clientWidth"), "the coverage matrix fits: pick a wider table"
    return frame


def test_a_wide_table_shows_that_it_scrolls(phone, base_url):
    frame = _wide_frame(phone, base_url)
    layers = frame.evaluate("e => getComputedStyle(e).backgroundImage")
    assert layers.count("gradient(") == 4, layers  # two covers, two shadows


def test_a_wide_table_is_see_through_for_its_scroll_shadows(phone, base_url):
    frame = _wide_frame(phone, base_url)
    colour = frame.locator("table").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgba(0, 0, 0, 0)", colour


def test_a_wide_table_keeps_its_first_column_in_view(phone, base_url):
    frame = _wide_frame(phone, base_url)
    cell = frame.locator("tbody tr td").first
    frame.evaluate("e => e.scrollLeft = 150")
    phone.wait_for_timeout(100)
    # Without sticking it would sit 150 px further left, outside the frame.
    assert cell.bounding_box()["x"] >= frame.bounding_box()["x"] - 1


# Material's code-copy button (19 px) is the theme's control, not ours, and it has
# a keyboard equivalent (select and copy); everything else the site draws counts.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    '.md-content button:not(.md-code__button), .md-content input:not([type=hidden]), .md-content select, ' +
    '.md-content textarea, .md-content .md-button, .md-content summary')]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => e.closest('label') || e)
  .filter(e => { const r = e.getBoundingClientRect(); return r.width < 44 || r.height < 44 })
  .map(e => e.tagName.toLowerCase() + '.' + String(e.className).split(' ')[0] + ' ' +
            Math.round(e.getBoundingClientRect().width) + 'x' + Math.round(e.getBoundingClientRect().height))"""


@pytest.mark.parametrize("path", PAGES)
def test_controls_are_big_enough_to_tap(phone, base_url, path):
    phone.goto(base_url + path)
    phone.wait_for_load_state("networkidle")
    small = phone.evaluate(SMALL_TARGETS)
    assert small == [], f"{path}: {sorted(set(small))[:5]}"
