"""The role-scoping worksheet (/scoping/worksheet/) in a real browser.

Answers stay in this browser (localStorage) and leave only as a Markdown file the
reader downloads; the worksheet names the kit closest to the chosen skills and
level, and hands them to the kit builder. Without JavaScript the page still lists
every checklist item's questions. The logic itself is unit-tested in
tests/js/scoping-logic.test.mjs.
"""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import DATA, wait_until
from macros.load import load_kb

KB = load_kb(DATA)
ITEMS = sorted(KB.entries("scoping"), key=lambda e: e.data["order"])
KITS = KB.entries("roles")
STORAGE_KEY = "kb-scoping-worksheet"
PATH = "scoping/worksheet/"


def kit_skills(kit) -> list[str]:
    return [c["skill"] for c in kit.data["competencies"]]


def open_worksheet(page, base_url):
    page.goto(base_url + PATH)
    page.locator(".kb-ws__form").wait_for()


def answer_box(page, item, index=0):
    return page.locator(f"#kb-ws-{item.id}-{index}")


def stored(page):
    return page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})")


def choose(page, skills, level):
    for skill in skills:
        page.locator(f"#kb-ws-skill-{skill}").check()
    page.locator(f"#kb-ws-level-{level}").check()


def test_answers_survive_a_reload(page, base_url):
    open_worksheet(page, base_url)
    answer_box(page, ITEMS[0]).fill("Checkout p99 under 300 ms at 2,000 requests per second")
    page.reload()
    page.locator(".kb-ws__form").wait_for()
    expect(answer_box(page, ITEMS[0])).to_have_value("Checkout p99 under 300 ms at 2,000 requests per second")


def test_clear_all_empties_local_storage(page, base_url):
    open_worksheet(page, base_url)
    answer_box(page, ITEMS[1], 1).fill("Orders and payments share one schema")
    page.locator("#kb-ws-title").fill("Payments engineer")
    assert stored(page) is not None
    page.get_by_role("button", name="Clear all").click()
    page.get_by_role("button", name="Yes, clear every answer").click()
    assert stored(page) is None


def test_markdown_export_holds_the_answers_and_the_draft(page, base_url, tmp_path):
    open_worksheet(page, base_url)
    page.locator("#kb-ws-builds").fill("checkout and ledger services")
    answer_box(page, ITEMS[0], 2).fill("p99 is 900 ms today")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download Markdown").click()
    path = tmp_path / "worksheet.md"
    info.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert ["p99 is 900 ms today" in text, "## Draft role description" in text,
            "The team builds checkout and ledger services." in text] == [True, True, True], text


@pytest.mark.parametrize("kit", KITS, ids=lambda k: k.id)
def test_a_kits_skills_and_level_make_it_the_closest(page, base_url, kit):
    open_worksheet(page, base_url)
    choose(page, kit_skills(kit), kit.data["level"])
    expect(page.locator(".kb-ws__kit a")).to_have_text(kit.title)


def test_the_closest_kits_reasons_name_the_shared_skills(page, base_url):
    kit = KITS[0]
    shared = kit_skills(kit)[:3]
    open_worksheet(page, base_url)
    choose(page, shared, kit.data["level"])
    reasons = page.locator(".kb-ws__kit")
    expect(reasons).to_contain_text("shares 3 of your 3 skills")
    text = reasons.inner_text()
    assert [KB.get("skills", s).title in text for s in shared] == [True] * len(shared), text


def test_the_builder_link_carries_the_skills_and_level(page, base_url):
    kit = KITS[0]
    open_worksheet(page, base_url)
    choose(page, kit_skills(kit), "staff")
    link = page.locator("a.kb-ws__builder")
    expect(link).to_be_visible()
    # The link follows each tick as it lands: wait until it carries the last one.
    wait_until(page, """([selector, count]) => {
        const query = new URL(document.querySelector(selector).href).searchParams
        return query.get("level") === "staff" && (query.get("skills") || "").split(",").length === count
    }""", arg=["a.kb-ws__builder", len(kit_skills(kit))])
    query = parse_qs(urlsplit(link.get_attribute("href")).query)
    assert (query["skills"][0].split(","), query["level"][0]) == (sorted(kit_skills(kit), key=[s.id for s in KB.entries("skills")].index), "staff")


def test_filling_and_exporting_sends_nothing_but_same_origin_gets(page, base_url, tmp_path):
    requests = []
    page.on("request", lambda r: requests.append((r.method, r.url)))
    open_worksheet(page, base_url)
    page.locator("#kb-ws-title").fill("Stream processing engineer")
    choose(page, kit_skills(KITS[0]), "senior")
    page.locator("#kb-ws-use-case").select_option(index=1)
    for item in ITEMS:
        answer_box(page, item).fill(f"An answer about {item.title}")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download Markdown").click()
    info.value.save_as(tmp_path / "worksheet.md")
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    sent = [(m, u) for m, u in requests if not u.startswith("blob:") and (m != "GET" or not u.startswith(origin + "/"))]
    assert sent == []


def test_without_javascript_every_checklist_question_is_listed(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PATH)
    text = " ".join(page.locator(".kb-ws-static").inner_text().split())
    note = page.locator(".kb-ws__nojs").inner_text()
    context.close()
    missing = [q for item in ITEMS for q in item.data["guiding_questions"] if " ".join(q.split()) not in text]
    assert (missing, "needs JavaScript" in note) == ([], True)


def test_the_worksheet_fits_a_phone_without_scrolling_sideways(chromium, base_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_worksheet(page, base_url)
    choose(page, kit_skills(KITS[0]), "senior")
    page.locator(".kb-ws__kit").wait_for()
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    context.close()
    assert widths[0] <= widths[1]
