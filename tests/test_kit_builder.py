"""The kit builder and the kit pages in a real browser: selection, time budget,
shareable URL, printing and the candidate-safe view."""

from playwright.sync_api import expect

from conftest import DATA
from macros.load import load_kb

KB = load_kb(DATA)
SKILL_PROBES = {q.id: set(q.data["skills"]) for q in KB.entries("questions")}


def open_builder(page, base_url, query=""):
    page.goto(base_url + "roles/builder/" + query)
    page.locator(".kb-builder__output").wait_for(state="attached")


def picked(page):
    return page.locator(".kb-builder__question").evaluate_all("els => els.map(e => e.dataset.question)")


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


def test_total_time_stays_within_the_budget(page, base_url):
    for minutes in (45, 90, 240):
        open_builder(page, base_url, f"?skills=messaging-and-streaming,stateful-storage,observability&level=senior&minutes={minutes}")
        page.locator(".kb-builder__summary").wait_for()
        total = int(page.locator(".kb-builder__summary").get_attribute("data-total-minutes"))
        assert 0 < total <= minutes
        assert sum(KB.get("questions", q).data["minutes"] for q in picked(page)) == total


def test_questions_stay_within_one_level_of_the_choice(page, base_url):
    open_builder(page, base_url, "?skills=distributed-coordination,security-by-design&level=mid&minutes=240")
    assert {KB.get("questions", q).data["level"] for q in picked(page)} <= {"mid", "senior"}


def test_reloading_the_url_restores_the_selection(page, base_url):
    open_builder(page, base_url)
    page.check("#kb-skill-stateful-storage")
    page.select_option("#kb-level", "staff")
    expect(page.locator(".kb-builder__summary")).to_contain_text("staff level")
    before = picked(page)
    assert "skills=stateful-storage" in page.url and "level=staff" in page.url
    page.reload()
    page.locator(".kb-builder__summary").wait_for()
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
