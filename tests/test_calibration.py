"""Calibration pages (data/calibration/, docs/assets/calibration.js): an interviewer rates
each sample answer blind, then reveals the agreed band and sees how many they agreed on.
Without JavaScript every answer key sits in a closed <details> after its answer, and the
printed page shows them all.

The data rules: counts and bands that differ in tests/test_content_rules.py; item numbers and band rules in the validator (CAL001–CAL003, macros/rules.py).
"""

import json

import pytest
from playwright.sync_api import expect

import structure
from conftest import DATA, SCHEMAS
from macros.load import load_kb
from macros.vocab import BANDS

KB = load_kb(DATA)
SETS = KB.entries("calibration")
LABELS = dict(BANDS)
# A set with three samples, so the tally has something to count.
THREE = next(e for e in SETS if len(e.data["samples"]) == 3)
PATH = f"calibration/{THREE.id}/"


def agreed(number: int) -> str:
    return THREE.data["samples"][number]["agreed_band"]


def other_band(band: str) -> str:
    return next(b for b, _ in BANDS if b != band)


def open_set(page, base_url, path=PATH):
    page.goto(base_url + path)
    page.locator(".kb-calibration__rate").first.wait_for()


def sample(page, number: int):
    return page.locator(".kb-calibration__sample").nth(number)


def rate(page, number: int, band: str, reveal: bool = True):
    sample(page, number).get_by_label(LABELS[band], exact=True).check()
    if reveal:
        sample(page, number).get_by_role("button", name="Reveal").click()


# ── Rating blind, then revealing ────────────────────────────────────────────

def test_every_sample_gets_a_band_choice_and_a_reveal_button(page, base_url):
    open_set(page, base_url)
    for number in range(len(THREE.data["samples"])):
        expect(sample(page, number).get_by_role("radio")).to_have_count(len(BANDS))
        expect(sample(page, number).get_by_role("button", name="Reveal")).to_be_visible()


def test_the_answer_key_stays_hidden_until_revealed(page, base_url):
    open_set(page, base_url)
    expect(sample(page, 0).locator(".kb-calibration__answer")).to_be_visible()
    expect(sample(page, 0).locator("details")).to_be_hidden()
    rate(page, 0, agreed(0), reveal=False)
    expect(sample(page, 0).locator("details")).to_be_hidden()


def test_revealing_before_choosing_asks_for_a_band(page, base_url):
    open_set(page, base_url)
    sample(page, 0).get_by_role("button", name="Reveal").click()
    expect(sample(page, 0).locator(".kb-calibration__result")).to_have_text("Choose a band first, then reveal.")
    expect(sample(page, 0).locator("details")).to_be_hidden()


def test_picking_a_band_and_revealing_shows_the_agreed_band_and_a_tally(page, base_url):
    open_set(page, base_url)
    rate(page, 0, agreed(0))
    wrong = other_band(agreed(1))
    rate(page, 1, wrong)
    key = sample(page, 0).locator("details")
    expect(key).to_be_visible()
    expect(key.locator("p").first).to_have_text(f"Agreed band: {LABELS[agreed(0)]}")
    expect(key.locator("li")).to_have_count(len(THREE.data["samples"][0]["reasons"]))
    expect(sample(page, 0).locator(".kb-calibration__result")).to_have_text(f"Agreed: you chose {LABELS[agreed(0)]}, the agreed band.")
    expect(sample(page, 1).locator(".kb-calibration__result")).to_contain_text(f"Not agreed: you chose {LABELS[wrong]}")
    expect(sample(page, 1).locator(".kb-calibration__result")).to_contain_text(f"than the agreed {LABELS[agreed(1)]}.")
    expect(page.locator(".kb-calibration__tally")).to_contain_text("You agreed on 1 of 2 samples revealed")


def test_a_revealed_rating_is_locked(page, base_url):
    open_set(page, base_url)
    rate(page, 0, agreed(0))
    for radio in sample(page, 0).get_by_role("radio").all():
        expect(radio).to_be_disabled()
    expect(sample(page, 0).get_by_role("button", name="Reveal")).to_be_hidden()


def test_ratings_survive_a_reload(page, base_url):
    open_set(page, base_url)
    rate(page, 0, agreed(0))
    rate(page, 1, agreed(1), reveal=False)
    page.reload()
    page.locator(".kb-calibration__rate").first.wait_for()
    expect(sample(page, 0).locator("details")).to_be_visible()
    expect(sample(page, 1).get_by_label(LABELS[agreed(1)], exact=True)).to_be_checked()
    expect(sample(page, 1).locator("details")).to_be_hidden()
    expect(page.locator(".kb-calibration__tally")).to_contain_text("You agreed on 1 of 1 sample revealed")


def test_the_index_counts_ratings_across_sets(page, base_url):
    open_set(page, base_url)
    rate(page, 0, agreed(0))
    other = next(e for e in SETS if e is not THREE)
    open_set(page, base_url, f"calibration/{other.id}/")
    rate(page, 0, other_band(other.data["samples"][0]["agreed_band"]))
    expect(page.locator(".kb-calibration__overall")).to_have_text("Across every calibration set in this browser: 1 of 2 agreed.")
    page.goto(base_url + "calibration/")
    expect(page.locator(".kb-calibration__summary")).to_contain_text("revealed 2 samples and agreed on 1")


def test_clearing_forgets_this_pages_ratings(page, base_url):
    open_set(page, base_url)
    rate(page, 0, agreed(0))
    page.get_by_role("button", name="Clear my ratings on this page").click()
    expect(sample(page, 0).locator("details")).to_be_hidden()
    expect(sample(page, 0).get_by_role("radio", checked=True)).to_have_count(0)
    expect(page.locator(".kb-calibration__tally")).to_have_text("No sample revealed yet.")
    assert page.evaluate("localStorage.getItem('kb-calibration-v1')") == json.dumps({THREE.id: {}}).replace(" ", "")


def test_rating_works_from_the_keyboard(page, base_url):
    open_set(page, base_url)
    first = sample(page, 0).get_by_role("radio").first
    first.focus()
    page.keyboard.press("ArrowRight")  # a radio group moves its selection with the arrows
    expect(sample(page, 0).get_by_role("radio").nth(1)).to_be_checked()
    page.keyboard.press("Tab")
    expect(sample(page, 0).get_by_role("button", name="Reveal")).to_be_focused()
    page.keyboard.press("Enter")
    expect(sample(page, 0).locator("details")).to_be_visible()
    expect(sample(page, 0).locator(".kb-calibration__result")).to_be_focused()


@pytest.mark.parametrize("width", [1366, 390])
def test_controls_are_at_least_44_px_tall(page, base_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_set(page, base_url)
    targets = sample(page, 0).locator(".kb-calibration__choice, .kb-calibration__reveal")
    heights = [box["height"] for box in (t.bounding_box() for t in targets.all())]
    assert len(heights) == len(BANDS) + 1 and min(heights) >= 44, heights


def test_rating_sends_no_request(page, base_url):
    open_set(page, base_url)
    page.wait_for_load_state("networkidle")
    sent = []
    page.on("request", lambda request: sent.append(request.url))
    rate(page, 0, agreed(0))
    rate(page, 1, agreed(1))
    page.get_by_role("button", name="Clear my ratings on this page").click()
    assert sent == []


def test_the_whole_guide_page_holds_the_answer_keys_closed(site):
    # The whole guide's calibration part(s) repeat every set; the script stays off there
    # (pageOf, tests/js/calibration.test.mjs) and the closed <details> do the work.
    parts = sorted(p.name for p in (site / "integrate" / "whole-guide").glob("calibration-*"))
    roots = [article(site, f"integrate/whole-guide/{part}") for part in parts]
    keys = [n for root in roots for s in root.walk() if "kb-calibration__sample" in s.classes()
            for n in s.walk() if n.tag == "details"]
    assert len(keys) == sum(len(e.data["samples"]) for e in SETS)
    assert all("open" not in key.attrs for key in keys)


# ── Without JavaScript, and on paper ────────────────────────────────────────

@pytest.fixture
def no_js(chromium):
    context = chromium.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_each_details_holds_the_answer_key(no_js, base_url):
    no_js.goto(base_url + PATH)
    samples = no_js.locator(".kb-calibration__sample")
    expect(samples).to_have_count(len(THREE.data["samples"]))
    for number, data in enumerate(THREE.data["samples"]):
        key = samples.nth(number).locator("details")
        expect(samples.nth(number).locator(".kb-calibration__answer")).to_be_visible()
        expect(key.locator("summary")).to_have_text("Agreed band and reasons")
        assert key.get_attribute("open") is None, "the key is open before the reader asks for it"
        expect(key.locator("p").first).to_have_text(f"Agreed band: {LABELS[data['agreed_band']]}")
        expect(key.locator("li")).to_have_count(len(data["reasons"]))
    expect(no_js.locator(".kb-calibration__rate")).to_have_count(0)


def test_without_javascript_opening_a_details_shows_its_key(no_js, base_url):
    no_js.goto(base_url + PATH)
    key = no_js.locator(".kb-calibration__sample details").first
    expect(key.locator("li").first).to_be_hidden()
    key.locator("summary").click()
    expect(key.locator("li").first).to_be_visible()


def test_the_printed_page_shows_every_answer_key_without_javascript(no_js, base_url):
    no_js.goto(base_url + PATH)
    no_js.emulate_media(media="print")
    for key in no_js.locator(".kb-calibration__sample details").all():
        expect(key.locator("li").last).to_be_visible()


def test_the_printed_page_shows_every_answer_key_after_rating(page, base_url):
    open_set(page, base_url)
    rate(page, 0, agreed(0))
    page.emulate_media(media="print")
    for key in page.locator(".kb-calibration__sample details").all():
        expect(key.locator("li").last).to_be_visible()
    expect(page.locator(".kb-calibration__rate").first).to_be_hidden()


# ── The built pages ─────────────────────────────────────────────────────────

def article(site, path: str):
    return structure.content((site / path / "index.html").read_text(encoding="utf-8"))


def by_class(root, name: str) -> list:
    return [n for n in root.walk() if name in n.classes()]


@pytest.mark.parametrize("entry", SETS, ids=lambda e: e.id)
def test_every_sample_is_shown_with_its_answer_key(site, entry):
    root = article(site, f"calibration/{entry.id}")
    samples = by_class(root, "kb-calibration__sample")
    assert len(samples) == len(entry.data["samples"])
    for node, data in zip(samples, entry.data["samples"]):
        key = next(n for n in node.walk() if n.tag == "details")
        first = next(n for n in key.walk() if n.tag == "p")  # calibration.js reads the agreed band here
        assert first.text() == f"Agreed band: {LABELS[data['agreed_band']]}"
        assert sum(1 for n in key.walk() if n.tag == "li") == len(data["reasons"])


def following_list(heading):
    """The first <ol> after a heading, among its siblings."""
    siblings = [c for c in heading.parent.children if not isinstance(c, str)]
    return next(n for n in siblings[siblings.index(heading) + 1:] if n.tag in ("ol", "ul"))


@pytest.mark.parametrize("entry", SETS, ids=lambda e: e.id)
def test_the_page_numbers_the_rubric_items_that_observed_refers_to(site, entry):
    root = article(site, f"calibration/{entry.id}")
    rubric = KB.get("questions", entry.data["question"]).data["rubric"]
    for band, _ in BANDS:
        heading = next(n for n in root.walk() if n.attrs.get("id") == f"rubric-{band}")
        assert {"kb-band", f"kb-band-{band}"} <= set(heading.classes())  # calibration.js reads the bands here
        items = following_list(heading)
        assert items.tag == "ol" and sum(1 for c in items.children if not isinstance(c, str)) == len(rubric[band])


@pytest.mark.parametrize("entry", SETS, ids=lambda e: e.id)
def test_the_question_page_links_to_its_calibration_set(site, entry):
    html = (site / "questions" / entry.data["question"] / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="from-calibration-question"'):]
    assert f'href="../../calibration/{entry.id}/"' in section[:2000]


def test_the_index_lists_every_set_with_its_sample_count(site):
    root = article(site, "calibration")
    rows = [n for n in root.walk() if n.tag == "tr" and any(c.tag == "td" for c in n.children if not isinstance(c, str))]
    counts = {}
    for row in rows:
        cells = [c for c in row.children if not isinstance(c, str) and c.tag == "td"]
        href = next(n.attrs["href"] for n in cells[0].walk() if n.tag == "a")
        counts[href.strip("/").split("/")[-1]] = int(cells[-1].text())
    assert counts == {e.id: len(e.data["samples"]) for e in SETS}


def test_agreed_bands_are_the_vocabulary_bands():
    schema = json.loads((SCHEMAS / "calibration.schema.json").read_text(encoding="utf-8"))
    enum = schema["properties"]["samples"]["items"]["properties"]["agreed_band"]["enum"]
    assert enum == [band for band, _ in BANDS]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_revealed_samples_have_no_axe_violations(chromium, base_url, scheme):
    # test_accessibility.py covers the page as it loads; this covers the revealed state.
    from test_accessibility import AXE, describe
    from conftest import csp_violations
    context = chromium.new_context(color_scheme=scheme)
    violations = csp_violations(context)
    page = context.new_page()
    open_set(page, base_url)
    rate(page, 0, agreed(0))
    rate(page, 1, other_band(agreed(1)))
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    assert result["violations"] == [], describe(result["violations"])
    assert violations == []
