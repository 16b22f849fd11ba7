"""The kit builder and the kit pages in a real browser: the plan, its agenda, the
controls (lock, remove, swap, reorder, kinds), the shareable URL, printing and the
candidate-safe view. The choosing logic itself is unit-tested in
tests/js/kit-plan.test.mjs."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import DATA, csp_violations
from macros.load import load_kb

KB = load_kb(DATA)
SKILL_PROBES = {q.id: set(q.data["skills"]) for q in KB.entries("questions")}
KIND = {q.id: q.data["kind"] for q in KB.entries("questions")}
AXE = Path(__file__).parent / "tools" / "node_modules" / "axe-core" / "axe.min.js"

# The issue's example: the greedy builder planned one 35-minute debugging question.
ISSUE = "?skills=data-consistency,distributed-coordination&level=staff&minutes=60"
# Long enough for several questions, so there is something to reorder and swap.
LOOP = "?skills=data-consistency,distributed-coordination,stateful-storage&level=senior&minutes=120"


def open_builder(page, base_url, query=""):
    page.goto(base_url + "roles/builder/" + query)
    page.locator(".kb-builder__output").wait_for(state="attached")
    if query:
        page.locator(".kb-builder__summary").wait_for()


def picked(page):
    return page.locator(".kb-builder__question").evaluate_all("els => els.map(e => e.dataset.question)")


def minutes(page, which):
    return int(page.locator(".kb-builder__summary").get_attribute(f"data-{which}-minutes"))


def reload(page):
    page.reload()
    page.locator(".kb-builder__summary").wait_for()


def test_the_issue_example_plans_a_system_design_question(page, base_url):
    open_builder(page, base_url, ISSUE)
    assert "system-design" in [KIND[q] for q in picked(page)]


def test_the_issue_example_uses_at_least_45_of_60_minutes(page, base_url):
    open_builder(page, base_url, ISSUE)
    assert 45 <= minutes(page, "planned") <= 60


def test_the_agenda_has_the_introduction_questions_candidate_questions_and_buffer(page, base_url):
    open_builder(page, base_url, ISSUE)
    rows = page.locator(".kb-builder__agenda tbody tr").evaluate_all("rows => rows.map(r => r.className)")
    assert rows[0].endswith("--intro")
    assert rows[-2:] == ["kb-builder__slot kb-builder__slot--candidate-questions", "kb-builder__slot kb-builder__slot--buffer"]
    assert rows.count("kb-builder__slot kb-builder__slot--question") == len(picked(page))


def test_chosen_skills_yield_only_questions_that_probe_them(page, base_url):
    open_builder(page, base_url)
    page.check("#kb-skill-observability")
    page.check("#kb-skill-data-contracts")
    page.fill("#kb-minutes", "120")
    page.press("#kb-minutes", "Enter")
    expect(page.locator(".kb-builder__summary")).to_contain_text("of 120 minutes")
    questions = picked(page)
    assert questions, "no questions picked"
    assert all(SKILL_PROBES[q] & {"observability", "data-contracts"} for q in questions)
    assert {"observability", "data-contracts"} <= set().union(*(SKILL_PROBES[q] for q in questions))


@pytest.mark.parametrize("budget", [45, 90, 240])
def test_total_time_stays_within_the_budget(page, base_url, budget):
    open_builder(page, base_url, f"?skills=messaging-and-streaming,stateful-storage,observability&level=senior&minutes={budget}")
    asked = minutes(page, "question")
    assert 0 < asked and minutes(page, "planned") <= budget
    assert sum(KB.get("questions", q).data["minutes"] for q in picked(page)) == asked


def test_minutes_apply_as_you_type(page, base_url):
    open_builder(page, base_url, ISSUE)
    page.fill("#kb-minutes", "")
    page.locator("#kb-minutes").press_sequentially("90", delay=30)  # no Enter, no blur
    expect(page.locator(".kb-builder__summary")).to_contain_text("of 90 minutes")
    assert "minutes=90" in page.url


def test_questions_stay_within_one_level_of_the_choice(page, base_url):
    open_builder(page, base_url, "?skills=distributed-coordination,security-by-design&level=mid&minutes=240")
    assert {KB.get("questions", q).data["level"] for q in picked(page)} <= {"mid", "senior"}


def test_the_kinds_filter_keeps_other_kinds_out(page, base_url):
    open_builder(page, base_url, LOOP)
    for kind in ("system-design", "trade-off", "scenario", "past-experience", "code-reading"):
        page.uncheck(f"#kb-kind-{kind}")
    expect(page).to_have_url(re.compile(r"kinds=debugging(%2C|,)coding"))
    assert picked(page) and {KIND[q] for q in picked(page)} <= {"debugging", "coding"}


def test_every_kind_the_content_has_is_offered(page, base_url):
    open_builder(page, base_url)
    offered = page.locator(".kb-builder__kinds input").evaluate_all("els => els.map(e => e.value)")
    assert set(offered) == set(KIND.values())


def test_the_explanation_when_time_cannot_be_filled(page, base_url):
    open_builder(page, base_url, "?skills=observability&level=mid&minutes=300&kinds=past-experience")
    assert minutes(page, "planned") < 300
    expect(page.locator(".kb-builder__reasons li").first).to_be_visible()
    assert page.locator(".kb-builder__reasons li[data-code='bank-exhausted'], .kb-builder__reasons li[data-code='buffer']").count() == 1


def test_a_lock_survives_a_reload(page, base_url):
    open_builder(page, base_url, LOOP)
    first = picked(page)[0]
    page.click(f".kb-builder__question[data-question='{first}'] [data-action='lock']")
    expect(page.locator(f".kb-builder__question[data-question='{first}']")).to_have_attribute("data-locked", "true")
    assert f"locked={first}" in page.url
    reload(page)
    expect(page.locator(f".kb-builder__question[data-question='{first}']")).to_have_attribute("data-locked", "true")
    assert page.locator(f"[data-question='{first}'] [data-action='lock']").get_attribute("aria-pressed") == "true"


def test_a_locked_question_stays_when_the_time_changes(page, base_url):
    open_builder(page, base_url, LOOP)
    last = picked(page)[-1]
    page.click(f".kb-builder__question[data-question='{last}'] [data-action='lock']")
    page.fill("#kb-minutes", "60")
    expect(page.locator(".kb-builder__summary")).to_contain_text("of 60 minutes")
    assert last in picked(page)


def test_a_swap_survives_a_reload(page, base_url):
    open_builder(page, base_url, LOOP)
    before = picked(page)
    page.click(f"[data-question='{before[0]}'] [data-action='swap']")
    option = page.locator(".kb-builder__swap [data-action='use']").first
    replacement = option.get_attribute("data-with")
    assert SKILL_PROBES[before[0]] & SKILL_PROBES[replacement]
    option.click()
    expect(page.locator(".kb-builder__question").first).to_have_attribute("data-question", replacement)
    after = picked(page)
    reload(page)
    assert picked(page) == after
    assert before[0] not in after
    expect(page.locator(f".kb-builder__removed [data-question='{before[0]}']")).to_be_visible()


def test_swap_offers_questions_that_probe_the_same_skills(page, base_url):
    open_builder(page, base_url, LOOP)
    first = picked(page)[0]
    chosen = {"data-consistency", "distributed-coordination", "stateful-storage"}
    page.click(f"[data-question='{first}'] [data-action='swap']")
    options = page.locator(".kb-builder__swap [data-action='use']").evaluate_all("els => els.map(e => e.dataset.with)")
    assert options
    assert all(SKILL_PROBES[o] & SKILL_PROBES[first] & chosen for o in options)
    assert not set(options) & set(picked(page))


def test_a_reorder_survives_a_reload(page, base_url):
    open_builder(page, base_url, LOOP)
    before = picked(page)
    assert len(before) >= 2
    page.click(f"[data-question='{before[0]}'] [data-action='down']")
    expect(page.locator(".kb-builder__question").nth(1)).to_have_attribute("data-question", before[0])
    after = picked(page)
    assert after[:2] == [before[1], before[0]]
    assert "order=" in page.url
    reload(page)
    assert picked(page) == after


def test_a_removed_question_stays_out_after_a_reload_and_can_be_restored(page, base_url):
    open_builder(page, base_url, LOOP)
    gone = picked(page)[0]
    page.click(f"[data-question='{gone}'] [data-action='remove']")
    expect(page.locator(f".kb-builder__question[data-question='{gone}']")).to_have_count(0)
    reload(page)
    assert gone not in picked(page)
    page.click(f".kb-builder__removed [data-id='{gone}']")
    expect(page.locator(".kb-builder__removed")).to_have_count(0)
    assert "removed=" not in page.url


def test_reordering_works_from_the_keyboard(page, base_url):
    open_builder(page, base_url, LOOP)
    before = picked(page)
    down = page.locator(f"[data-question='{before[0]}'] [data-action='down']")
    down.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".kb-builder__question").nth(1)).to_have_attribute("data-question", before[0])
    # Focus follows the question, so pressing again moves it on.
    assert page.evaluate("document.activeElement.dataset.id") == before[0]


def test_reloading_the_url_restores_the_selection(page, base_url):
    open_builder(page, base_url)
    page.check("#kb-skill-stateful-storage")
    page.select_option("#kb-level", "staff")
    expect(page.locator(".kb-builder__summary")).to_contain_text("Staff level")
    before = picked(page)
    assert "skills=stateful-storage" in page.url and "level=staff" in page.url
    page.reload()
    page.locator(".kb-builder__question").first.wait_for()
    assert page.is_checked("#kb-skill-stateful-storage")
    assert page.input_value("#kb-level") == "staff"
    assert picked(page) == before


def test_starting_from_a_use_case_selects_its_skills(page, base_url):
    use_case = KB.get("use-cases", "ecommerce-and-payments")
    open_builder(page, base_url)
    page.select_option("#kb-use-case", use_case.id)
    for skill in use_case.data["skills"]:
        assert page.is_checked(f"#kb-skill-{skill}")
    assert f"use_case={use_case.id}" in page.url


@pytest.mark.parametrize("role", [r.id for r in KB.entries("roles")])
def test_starting_from_a_kit_plans_its_own_stages_and_questions(page, base_url, role):
    kit = KB.get("roles", role)
    open_builder(page, base_url)
    page.select_option("#kb-kit", role)
    page.locator(".kb-builder__question").first.wait_for()
    assert picked(page) == [q for s in kit.data["stages"] for q in s["questions"]]
    headings = page.locator(".kb-builder__agenda .kb-builder__session th").all_inner_texts()
    assert [h.split(" (")[0] for h in headings] == [s["name"] for s in kit.data["stages"]]
    assert f"kit={role}" in page.url


def test_copy_link_copies_the_address(page, base_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_builder(page, base_url, ISSUE)
    page.click("[data-action='copy']")
    expect(page.locator(".kb-builder__status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == page.url


def test_print_opens_the_print_dialog(page, base_url):
    open_builder(page, base_url, ISSUE)
    page.evaluate("window.print = () => { window.printed = true }")
    page.click("[data-action='print']")
    assert page.evaluate("window.printed") is True


def test_printing_the_plan_hides_the_controls(page, base_url):
    open_builder(page, base_url, ISSUE)
    page.emulate_media(media="print")
    for hidden in (".kb-builder__form", ".kb-builder__tools", ".kb-builder__actions"):
        assert page.locator(hidden).first.evaluate("e => getComputedStyle(e).display") == "none", hidden
    expect(page.locator(".kb-builder__agenda")).to_be_visible()


CONTROLS = ["#kb-use-case", "#kb-kit", "#kb-level", "#kb-minutes", ".kb-builder__skills label", ".kb-builder__kinds label",
            ".kb-builder__button"]


@pytest.mark.parametrize("selector", CONTROLS)
def test_controls_are_at_least_44_px_tall(page, base_url, selector):
    open_builder(page, base_url, LOOP)
    page.click(".kb-builder__question [data-action='swap']")
    heights = page.locator(selector).evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44, heights


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("selector", ["#kb-use-case", "#kb-level", "#kb-minutes", ".kb-builder__button"])
def test_controls_have_a_visible_border(chromium, base_url, scheme, selector):
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    open_builder(page, base_url, ISSUE)
    style = page.locator(selector).first.evaluate(
        "e => { const s = getComputedStyle(e); return [s.borderTopStyle, parseFloat(s.borderTopWidth), s.borderTopColor] }")
    context.close()
    assert style[0] != "none" and style[1] >= 1, style
    assert not style[2].endswith(", 0)"), style  # not transparent


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_plan_with_its_swap_list_open_has_no_axe_violations(chromium, base_url, scheme):
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run make test, which installs the npm tools in tests/tools")
    context = chromium.new_context(color_scheme=scheme)
    violations = csp_violations(context)
    page = context.new_page()
    open_builder(page, base_url, LOOP + "&removed=code-lost-update-read-modify-write")
    page.click(".kb-builder__question [data-action='swap']")
    page.mouse.move(0, 0)
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document.querySelector('.kb-builder'), {resultTypes: ['violations']})")
    context.close()
    assert result["violations"] == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]]
    assert violations == []


def test_builder_candidate_view_hides_rubrics(page, base_url):
    open_builder(page, base_url, "?skills=observability&level=senior&minutes=90&view=candidate")
    assert page.locator(".kb-builder__question").count() > 0
    expect(page.locator(".kb-builder__question .kb-interviewer").first).to_be_hidden()


def kit_url(base_url):
    return f"{base_url}roles/{KB.entries('roles')[0].id}/"


def test_printing_a_kit_hides_the_chrome_and_keeps_the_rubric(page, base_url):
    page.goto(kit_url(base_url))
    page.emulate_media(media="print")
    for chrome in ("header.md-header", ".md-sidebar--primary", ".md-search", "footer.md-footer", ".kb-kit-actions"):
        assert page.locator(chrome).first.evaluate("e => getComputedStyle(e).display") == "none", chrome
    expect(page.locator(".kb-stage .kb-interviewer table").first).to_be_visible()
    assert page.locator(".kb-stage").nth(1).evaluate("e => getComputedStyle(e).breakBefore") == "page"


def test_candidate_safe_kit_hides_rubrics_and_scorecard(page, base_url):
    page.goto(kit_url(base_url) + "?view=candidate")
    expect(page.locator(".kb-interviewer").first).to_be_hidden()
    assert page.locator(".kb-interviewer").evaluate_all("els => els.every(e => getComputedStyle(e).display === 'none')")
    expect(page.locator(".md-content h2#stage-1")).to_be_visible()


def test_candidate_toggle_switches_views_after_instant_navigation(page, base_url):
    # Reach the kit through the kits index (instant navigation), then switch views.
    page.goto(base_url + "roles/")
    page.locator(f".md-content a[href$='/roles/{KB.entries('roles')[0].id}/']").first.click()
    expect(page.locator(".kb-candidate-toggle")).to_be_visible()
    expect(page.locator(".kb-interviewer").first).to_be_visible()
    page.click(".kb-candidate-toggle")
    expect(page.locator(".kb-interviewer").first).to_be_hidden()
    assert "view=candidate" in page.url
    page.click(".kb-candidate-toggle")
    expect(page.locator(".kb-interviewer").first).to_be_visible()
    assert "view=candidate" not in page.url


def test_the_builder_starts_after_instant_navigation(page, base_url):
    page.goto(base_url + "roles/")
    page.locator(".md-content a[href$='builder/']").first.click()
    page.check("#kb-skill-observability")
    expect(page.locator(".kb-builder__question").first).to_be_visible()
    assert page.locator(".kb-builder__form").count() == 1


def _rewrite(page, url_glob, old, new):
    """Serve a page with `old` replaced by `new` in its HTML, as if data had planted it."""
    def handle(route):
        response = route.fetch()
        body = response.text()
        assert old in body
        route.fulfill(response=response, body=body.replace(old, new, 1))
    page.route(url_glob, handle)


def test_builder_element_planted_on_another_page_stays_inert(page, base_url):
    _rewrite(page, "**/questions/clock-skew-duplicate-job-execution/", '<article class="md-content__inner md-typeset">',
             '<article class="md-content__inner md-typeset"><div id="kit-builder-app" data-source="../../roles/builder.json"></div>')
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + "questions/clock-skew-duplicate-job-execution/")
    page.wait_for_timeout(500)
    assert page.locator("#kit-builder-app").count() == 1
    assert page.locator(".kb-builder__output").count() == 0
    assert not [u for u in requests if u.endswith("builder.json")]


def test_builder_loads_data_only_from_its_own_origin(page, base_url):
    _rewrite(page, "**/roles/builder/", 'data-source="../builder.json"', 'data-source="https://attacker.example/builder.json"')
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + "roles/builder/")
    page.wait_for_timeout(500)
    assert page.locator(".kb-builder__output").count() == 0
    assert not [u for u in requests if "attacker.example" in u]
