"""axe-core on every kind of page, in the light and the dark scheme, on a desktop and a phone: zero violations.

axe-core comes from tests/tools (npm, pinned); Playwright injects it into the page.
"""

from pathlib import Path

import pytest

from conftest import DATA, csp_violations, wait_until
from macros.load import load_kb
from macros.registry import COLLECTIONS

AXE = Path(__file__).parent / "tools" / "node_modules" / "axe-core" / "axe.min.js"
KB = load_kb(DATA)

# One page of each template: home, every collection index, an entry of every
# collection, and the hand-written pages of other kinds.
PAGES = ["", "tags/", "contribute/guide/", "contribute/style/", "contribute/data-reference/", "no-such-page/",
         "integrate/embedding/", "integrate/api/", "integrate/export/", "embed/questions/kafka-skewed-partitions-keep-per-key-order/"]
PAGES += [f"{c.name}/" for c in COLLECTIONS]
PAGES += [f"{c.name}/{KB.entries(c.name)[0].id}/" for c in COLLECTIONS if KB.entries(c.name)]
PAGES += ["calibration/graceful-degradation-during-dependency-outage/"]  # a set with the question's alternative prompt
PAGES += ["questions/bank/"]  # the question bank's filters and checkboxes (tests/test_question_bank.py)
PAGES += ["roles/debrief/"]  # the kit page above carries the live scorecard; test_scorecard.py checks both once filled
PAGES += ["embed/questions/kafka-skewed-partitions-keep-per-key-order/candidate/"]  # a candidate-safe embed copy
PAGES += [f"integrate/{name}/" for name in ("confluence", "notion", "mediawiki", "sharepoint", "backstage")]
PAGES += ["scoping/worksheet/"]  # the scoping worksheet's form (tests/test_scoping_worksheet.py)


def run_axe(page) -> dict:
    # Evaluated, not added as a <script>: the page's Content-Security-Policy stays
    # enforced (it would refuse an injected inline script) and is checked by the caller.
    page.evaluate(AXE.read_text())
    return page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")


def describe(violations) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} node(s), e.g. {targets}")
    return "\n".join(lines)


# Desktop, and the phone of issue 15: the layout (and so contrast and target
# sizes) changes with the width.
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(chromium, base_url, path, scheme, viewport):
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run make test, which installs the npm tools in tests/tools")
    context = chromium.new_context(color_scheme=scheme, viewport=VIEWPORTS[viewport])
    violations = csp_violations(context)
    page = context.new_page()
    page.goto(base_url + path)
    # The scheme is applied on load and colours ease in (Material's 125-250 ms
    # transitions): axe measuring contrast mid-transition failed at random.
    wait_until(page, "() => document.getAnimations().filter(a => a instanceof CSSTransition)"
                     ".every(a => a.playState !== 'running')")
    result = run_axe(page)
    context.close()
    assert result["violations"] == [], describe(result["violations"])
    assert violations == [], "the page broke its Content-Security-Policy"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_search_results_open(chromium, base_url, scheme, viewport):
    """The header's search (assets/site-search.js) open with results: labels,
    result count and marked words must meet contrast in both schemes."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run make test, which installs the npm tools in tests/tools")
    context = chromium.new_context(color_scheme=scheme, viewport=VIEWPORTS[viewport])
    violations = csp_violations(context)
    page = context.new_page()
    page.goto(base_url)
    # Desktop shows the box in the header; the phone opens it with the magnifier.
    page.locator("input.md-search__input:visible, label.md-header__button[for=__search]:visible").first.click()
    page.locator("input.md-search__input").fill("p99")
    page.locator("#kb-search-results > li.md-search-result__item").first.wait_for()
    wait_until(page, "() => !document.querySelector('#kb-search-results > li.kb-search-result__pending')"
                     " && document.getAnimations().filter(a => a instanceof CSSTransition)"
                     ".every(a => a.playState !== 'running')")
    result = run_axe(page)
    context.close()
    assert result["violations"] == [], describe(result["violations"])
    assert violations == [], "the page broke its Content-Security-Policy"
