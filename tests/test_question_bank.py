"""The question bank (/questions/bank/) in a real browser: filters against the data,
counts per option, the address keeping them, the list without JavaScript, "Add to
kit" into the kit builder, the interviewer's journey from the home page, and the
controls at a phone's width. The pure logic is unit-tested in
tests/js/question-bank.test.mjs."""

import re

import pytest
from playwright.sync_api import expect

from conftest import DATA, PHONE, csp_violations, wait_until
from macros.load import load_kb
from macros.vocab import KINDS

KB = load_kb(DATA)
QUESTIONS = KB.entries("questions")
SKILL_TITLE = {s.id: s.title for s in KB.entries("skills")}
BANK = "questions/bank/"

# Each filter: its name in the address and its select on the page.
SELECT = {"skill": "#kb-bank-skill", "level": "#kb-bank-level", "kind": "#kb-bank-kind", "max_minutes": "#kb-bank-minutes",
          "tag": "#kb-bank-tag"}

# Issue 15's interviewer: staff level, the consistency skill, system design.
ISSUE = {"level": "staff", "skill": "data-consistency", "kind": "system-design"}


def passes(question, filters: dict, leave_out: str = "") -> bool:
    """The bank's rule, from the data: every filter set must hold."""
    d = question.data
    held = {"skill": lambda v: v in d["skills"], "level": lambda v: d["level"] == v, "kind": lambda v: d["kind"] == v,
            "max_minutes": lambda v: d["minutes"] <= int(v), "tag": lambda v: v in d["tags"]}
    return all(held[key](value) for key, value in filters.items() if value and key != leave_out)


def expected(filters: dict) -> set[str]:
    return {q.id for q in QUESTIONS if passes(q, filters)}


def open_bank(page, base_url, query=""):
    page.goto(base_url + BANK + query)
    page.locator(".kb-bank__filters").wait_for()


def shown(page) -> set[str]:
    return set(page.locator(".kb-bank__item:not([hidden]) .kb-bank__check").evaluate_all("els => els.map(e => e.value)"))


def choose(page, filters: dict) -> None:
    for key, value in filters.items():
        page.select_option(SELECT[key], value)


def builder_questions(page) -> dict[str, str]:
    page.locator(".kb-builder__question").first.wait_for()
    return dict(page.locator(".kb-builder__question").evaluate_all("els => els.map(e => [e.dataset.question, e.dataset.locked])"))


# ── Filters against the data ─────────────────────────────────────────────────

FILTER_CASES = {
    "issue-15": ISSUE,
    "one-skill": {"skill": "observability"},
    "short-reliability": {"max_minutes": "25", "tag": "reliability"},
    "mid-debugging": {"level": "mid", "kind": "debugging"},
    "every-filter": {"skill": "stateful-storage", "level": "senior", "kind": "scenario", "max_minutes": "35", "tag": "storage"},
}


@pytest.mark.parametrize("case", FILTER_CASES)
def test_filters_leave_the_questions_the_data_says(page, base_url, case):
    open_bank(page, base_url)
    choose(page, FILTER_CASES[case])
    assert shown(page) == expected(FILTER_CASES[case])


def test_the_issue_example_leaves_more_than_two_questions_to_choose_from():
    """The journey below picks two of them; the data must offer at least that many."""
    assert len(expected(ISSUE)) >= 2


@pytest.mark.parametrize("key", SELECT)
def test_each_option_counts_what_it_would_leave_with_the_other_filters(page, base_url, key):
    active = {"level": "staff", "skill": "data-consistency"}
    open_bank(page, base_url, "?level=staff&skill=data-consistency")
    options = page.locator(SELECT[key] + " option").evaluate_all("els => els.map(o => [o.value, o.textContent])")
    counts = {value: int(re.search(r"\((\d+)\)$", text).group(1)) for value, text in options}
    want = {value: len(expected({**active, key: value})) for value in counts}
    assert counts == want


def test_the_result_count_is_announced_politely(page, base_url):
    open_bank(page, base_url)
    choose(page, ISSUE)
    result = page.locator(".kb-bank__result")
    expect(result).to_have_text(f"{len(expected(ISSUE))} questions")
    assert result.get_attribute("aria-live") == "polite"


def test_a_filter_that_leaves_nothing_says_so(page, base_url):
    open_bank(page, base_url, "?kind=coding&level=mid&max_minutes=20")
    assert not expected({"kind": "coding", "level": "mid", "max_minutes": "20"})
    expect(page.locator(".kb-bank__result")).to_contain_text("No question matches")


def test_clear_filters_shows_every_question_again(page, base_url):
    open_bank(page, base_url, "?level=staff&kind=system-design")
    page.get_by_role("button", name="Clear filters").click()
    assert shown(page) == {q.id for q in QUESTIONS}
    assert "level=" not in page.url and "kind=" not in page.url


# ── The address keeps the state ──────────────────────────────────────────────

def test_filters_survive_a_reload(page, base_url):
    open_bank(page, base_url)
    choose(page, ISSUE)
    before = shown(page)
    page.reload()
    page.locator(".kb-bank__filters").wait_for()
    assert {key: page.input_value(SELECT[key]) for key in ISSUE} == ISSUE
    assert shown(page) == before


def test_a_shared_link_restores_the_filters(page, base_url):
    open_bank(page, base_url, "?max_minutes=25&tag=reliability")
    assert shown(page) == expected({"max_minutes": "25", "tag": "reliability"})


def test_the_selection_survives_a_reload(page, base_url):
    first, second = sorted(expected(ISSUE))[:2]
    open_bank(page, base_url)
    page.check(f".kb-bank__check[value='{first}']")
    page.check(f".kb-bank__check[value='{second}']")
    page.reload()
    page.locator(".kb-bank__filters").wait_for()
    assert page.locator(".kb-bank__check:checked").evaluate_all("els => els.map(e => e.value)") == sorted([first, second])


def test_unknown_values_in_the_address_are_ignored(page, base_url):
    open_bank(page, base_url, "?level=principal&skill=%3Cscript%3E&selected=no-such-question")
    assert shown(page) == {q.id for q in QUESTIONS}
    assert page.locator(".kb-bank__check:checked").count() == 0


# ── Without JavaScript ───────────────────────────────────────────────────────

def test_without_javascript_the_list_shows_every_question(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + BANK)
    hrefs = page.locator(".kb-bank li > a:first-child").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    context.close()
    assert sorted(h.strip("./").rstrip("/") for h in hrefs) == sorted(q.id for q in QUESTIONS)


def _items(site) -> dict[str, str]:
    """Each list item's text, by the question id its first link names."""
    html = (site / "questions" / "bank" / "index.html").read_text(encoding="utf-8")
    body = html[html.index('class="kb-bank"'):]
    items = {}
    for chunk in re.findall(r"<li>(.*?)</li>", body, re.DOTALL):
        first = re.search(r'href="\.\./([a-z0-9-]+)/"', chunk)
        items[first.group(1)] = " ".join(re.sub(r"<[^>]+>", " ", chunk).split())
    return items


@pytest.mark.parametrize("question", [q.id for q in QUESTIONS])
def test_without_javascript_each_item_shows_the_question_facts(site, question):
    d = KB.get("questions", question).data
    text = _items(site)[question]
    facts = [KINDS[d["kind"]], f"{d['level'].capitalize()} level", f"{d['minutes']} minutes",
             *(SKILL_TITLE[s] for s in d["skills"]), *d["tags"]]
    assert [f for f in facts if f not in text] == []


def test_the_bank_script_stays_idle_on_other_pages(page, base_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + "questions/")
    page.wait_for_timeout(500)
    assert page.locator(".kb-bank__filters").count() == 0
    assert not [u for u in requests if u.endswith("builder.json")]


# ── Reachable by name ────────────────────────────────────────────────────────

def test_the_questions_index_links_to_the_bank(page, base_url):
    page.goto(base_url + "questions/")
    page.locator(".md-content").get_by_role("link", name="question bank").click()
    expect(page.locator(".kb-bank__filters")).to_be_visible()


def test_the_navigation_names_the_bank(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="questions/bank/"[^>]*>\s*<span class="md-ellipsis">\s*Question bank\s*</span>', html)


# ── Add to kit ───────────────────────────────────────────────────────────────

def test_add_to_kit_opens_the_builder_with_both_questions_locked(page, base_url):
    first, second = sorted(expected(ISSUE))[:2]
    open_bank(page, base_url)
    page.check(f".kb-bank__check[value='{first}']")
    page.check(f".kb-bank__check[value='{second}']")
    page.get_by_role("button", name="Add to kit").click()
    planned = builder_questions(page)
    assert (planned.get(first), planned.get(second)) == ("true", "true")


def test_add_to_kit_hands_over_the_level_filter(page, base_url):
    first, second = sorted(expected(ISSUE))[:2]
    open_bank(page, base_url, f"?level=staff&selected={first},{second}")
    page.get_by_role("button", name="Add to kit").click()
    builder_questions(page)
    assert page.input_value("#kb-level") == "staff"


def test_add_to_kit_waits_for_a_selection(page, base_url):
    open_bank(page, base_url)
    expect(page.get_by_role("button", name="Add to kit")).to_be_disabled()


# Issue 15 asks for at most 6 actions: the home page's "Questions by skill" link
# opens the bank filtered to the skill (1), then level and kind (2), two picks (2)
# and "Add to kit" (1). Every choice is still the interviewer's: the skill is
# chosen by which link they click.
JOURNEY_BUDGET = 6


def test_the_interviewer_journey_from_home_to_the_builder_fits_the_budget(page, base_url):
    page.set_viewport_size({"width": 1366, "height": 900})
    actions = []

    def act(what, do):
        do()
        actions.append(what)

    page.goto(base_url)
    skill = SKILL_TITLE[ISSUE["skill"]]
    act(f"Questions by skill: {skill}", lambda: page.locator(".md-content").get_by_role("link", name=skill, exact=True).click())
    page.locator(".kb-bank__filters").wait_for()
    for key in ("level", "kind"):
        act(f"filter {key}", lambda: page.select_option(SELECT[key], ISSUE[key]))
    assert shown(page) == expected(ISSUE)
    first, second = sorted(expected(ISSUE))[:2]
    act("pick one", lambda: page.check(f".kb-bank__check[value='{first}']"))
    act("pick two", lambda: page.check(f".kb-bank__check[value='{second}']"))
    act("Add to kit", lambda: page.get_by_role("button", name="Add to kit").click())
    planned = builder_questions(page)
    assert (planned.get(first), planned.get(second)) == ("true", "true")
    assert len(actions) <= JOURNEY_BUDGET, actions


@pytest.mark.parametrize("skill", sorted(SKILL_TITLE))
def test_the_home_page_opens_the_bank_filtered_to_each_skill(page, base_url, skill):
    page.goto(base_url)
    page.locator(".md-content").get_by_role("link", name=SKILL_TITLE[skill], exact=True).click()
    page.locator(".kb-bank__filters").wait_for()
    assert page.locator(SELECT["skill"]).input_value() == skill
    assert shown(page) == expected({"skill": skill})


# ── Controls ─────────────────────────────────────────────────────────────────

def test_a_filter_is_set_from_the_keyboard(page, base_url):
    open_bank(page, base_url)
    page.focus(SELECT["level"])
    page.keyboard.press("ArrowDown")
    assert "level=mid" in page.url
    assert shown(page) == expected({"level": "mid"})


def test_a_question_is_picked_from_the_keyboard(page, base_url):
    open_bank(page, base_url)
    box = page.locator(".kb-bank__check").first
    box.focus()
    page.keyboard.press("Space")
    assert f"selected={box.get_attribute('value')}" in page.url


# Holds the page's timers while window.kbHold is true, to stop the bank between two
# slices of its list (question-bank.js, inSlices); kbRelease() runs what was held.
HOLD_TIMERS = """(() => {
  const later = window.setTimeout, held = []
  window.kbHold = true
  window.setTimeout = (fn, ms, ...args) => window.kbHold ? (held.push(() => fn(...args)), 0) : later(fn, ms, ...args)
  window.kbRelease = () => { window.kbHold = false; held.splice(0).forEach(fn => fn()) }
})()"""


def test_a_box_ticked_before_the_last_slice_is_kept(page, base_url):
    page.add_init_script(HOLD_TIMERS)
    page.goto(base_url + BANK)
    first = page.locator(".kb-bank__check").first
    first.wait_for()
    assert page.locator(".kb-bank__filters").count() == 0, "the bank no longer adds its list in slices"
    first.check()
    page.evaluate("window.kbRelease()")
    page.locator(".kb-bank__filters").wait_for()
    expect(page.locator(".kb-bank__picked")).to_have_text("1 question selected")
    assert f"selected={first.get_attribute('value')}" in page.url


@pytest.mark.parametrize("key", SELECT)
def test_each_filter_has_a_label(page, base_url, key):
    open_bank(page, base_url)
    label = page.locator(f"label[for='{SELECT[key][1:]}']")
    assert label.inner_text().strip()


def test_each_checkbox_names_its_question(page, base_url):
    open_bank(page, base_url)
    question = QUESTIONS[0]
    expect(page.get_by_role("checkbox", name=f"Select “{question.title}”")).to_have_count(1)


CONTROLS = [".kb-bank__select", ".kb-bank__button", ".kb-bank__pick"]


@pytest.mark.parametrize("selector", CONTROLS)
def test_controls_are_at_least_44_px(page, base_url, selector):
    page.set_viewport_size({"width": 390, "height": 844})
    open_bank(page, base_url, "?selected=" + QUESTIONS[0].id)
    sizes = page.locator(selector).evaluate_all(
        "els => els.map(e => e.getBoundingClientRect()).map(r => Math.min(r.width, r.height))")
    assert sizes and min(sizes) >= 44, sizes


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("selector", CONTROLS)
def test_controls_have_a_visible_border(chromium, base_url, scheme, selector):
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    open_bank(page, base_url)
    style = page.locator(selector).first.evaluate(
        "e => { const s = getComputedStyle(e); return [s.borderTopStyle, parseFloat(s.borderTopWidth), s.borderTopColor] }")
    context.close()
    assert style[0] != "none" and style[1] >= 1, style
    assert not style[2].endswith(", 0)"), style  # not transparent


@pytest.mark.parametrize("query", ["", "?level=staff&skill=data-consistency&kind=system-design&selected=live-resharding-of-a-stateful-store"],
                         ids=["plain", "filtered-with-selection"])
def test_no_horizontal_scroll_at_390_px(page, base_url, query):
    page.set_viewport_size({"width": 390, "height": 844})
    open_bank(page, base_url, query)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# ── The filters arrive without moving the list ───────────────────────────────
# The page keeps the filters' place and each item's checkbox room from the first
# paint where scripts run (question-bank.css); on a phone the list used to jump by
# a third of the screen (CLS 0.28).

VIEWPORTS = {"phone": PHONE, "tablet": {"width": 700, "height": 900}, "desktop": {"width": 1366, "height": 900}}

# Where the list and the text of its first items are.
LIST_GEOMETRY = """() => [...document.querySelectorAll('.kb-bank > ul, .kb-bank > ul > li:nth-child(-n+6) a:first-of-type')]
  .map(e => { const r = e.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top), Math.round(r.height)] })"""

# Every layout shift from the start of the page, as Chromium reports them for CLS.
SHIFTS = """window.kbShifts = []
new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) window.kbShifts.push(e.value) }))
  .observe({ type: "layout-shift", buffered: true })"""


def _bank_before_and_after_its_script(chromium, base_url, viewport):
    """The list's geometry with question-bank.js held back, then once it has drawn the filters."""
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    violations = csp_violations(context)
    page = context.new_page()
    held = []
    page.route("**/assets/question-bank.js", lambda route: held.append(route))
    page.goto(base_url + BANK, wait_until="domcontentloaded")
    wait_until(page, "!!document.querySelector('.kb-bank > ul')")
    page.wait_for_timeout(500)
    before = page.evaluate(LIST_GEOMETRY)
    held[0].continue_()
    page.locator(".kb-bank__filters").wait_for()
    page.wait_for_timeout(300)
    after = page.evaluate(LIST_GEOMETRY)
    context.close()
    assert violations == []
    return before, after


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_list_keeps_its_place_when_the_filters_arrive(chromium, base_url, viewport):
    before, after = _bank_before_and_after_its_script(chromium, base_url, viewport)
    assert after == before


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_bank_loads_without_a_layout_shift(chromium, base_url, viewport):
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    context.add_init_script(SHIFTS)
    page = context.new_page()
    page.goto(base_url + BANK)
    page.locator(".kb-bank__filters").wait_for()
    page.wait_for_timeout(500)
    shifts = page.evaluate("window.kbShifts")
    context.close()
    assert sum(shifts) < 0.01, shifts


def test_without_scripting_no_room_is_kept_for_the_filters(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + BANK)
    note = page.locator(".kb-bank__nojs").evaluate("e => [getComputedStyle(e).minHeight, getComputedStyle(e.closest('article').querySelector('.kb-bank > ul > li')).paddingLeft]")
    context.close()
    assert note == ["0px", "0px"]
