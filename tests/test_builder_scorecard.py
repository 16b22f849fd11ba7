"""The live scorecard under the kit builder's plan, in a real browser.

The builder's plan gets the same live scorecard as a kit page (scorecard.js,
fed a plan instead of a kit): one band choice per planned question, ratings for
the plan's skills, a recommendation against the chosen level's bar. It is saved
per plan (its question ids) and candidate label, so the same address restores it;
a changed plan keeps the notes on the questions still in it, and the earlier
plan's record keeps the rest. Exports validate against the published schema
(kit null, plan given) and the debrief takes scorecards of one plan. The pure
rules behind it are unit-tested in tests/js/scorecard.test.mjs.
"""

import json
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator
from playwright.sync_api import expect

from conftest import DATA, csp_violations
from macros.load import load_kb
from macros.vocab import BANDS, LEVEL_LABELS

KB = load_kb(DATA)
LABEL = dict(BANDS)
SKILLS = ["data-consistency", "distributed-coordination", "stateful-storage"]
# Long enough for several questions in one interview, so there is something to swap.
LOOP = f"?skills={','.join(SKILLS)}&level=staff&minutes=120"


def open_builder(page, base_url, query=LOOP):
    page.goto(base_url + "roles/builder/" + query)
    page.locator(".kb-sc").wait_for()


def planned(page):
    return page.locator(".kb-builder__question").evaluate_all("els => els.map(e => e.dataset.question)")


def scored(page):
    """The question ids of the scorecard's blocks, in order (from each block's link)."""
    return page.locator(".kb-sc__question > legend a").evaluate_all(
        "els => els.map(a => new URL(a.href).pathname.replace(/\\/$/, '').split('/').pop())")


def block(page, question_id):
    return page.locator(".kb-sc__question").filter(has=page.locator(f"legend a[href$='/{question_id}/']"))


def evidence(scope):
    return scope.locator(".kb-sc__notes textarea").nth(1)


def notes(page) -> dict:
    return {q: evidence(block(page, q)).input_value() for q in scored(page)}


def write_notes(page):
    """Evidence on every planned question, naming the question."""
    for q in scored(page):
        evidence(block(page, q)).fill(f"Notes on {q}.")


def fill(page, interviewer="Ana", candidate="C-17"):
    page.get_by_label("Candidate label").fill(candidate)
    page.get_by_label("Interviewer", exact=True).fill(interviewer)
    first = page.locator(".kb-sc__question").first
    first.locator(".kb-sc__choice", has_text=LABEL["proficient"]).click()
    first.locator(".kb-sc__band").nth(2).locator(".kb-sc__tick").first.click()
    first.locator(".kb-sc__notes textarea").nth(0).fill(f"{interviewer} asked about retries.")
    evidence(first).fill(f"{interviewer}: fenced the writer with a token.")
    for i in range(page.locator(".kb-sc__competency").count()):
        page.locator(".kb-sc__competency").nth(i).locator(".kb-sc__choice", has_text=LABEL["proficient"]).click()
    page.locator(".kb-sc__recommendation .kb-sc__choice").nth(1).click()


def swap_first(page):
    """Swap the plan's first question for the first alternative offered; returns (old, new)."""
    old = planned(page)[0]
    page.click(f".kb-builder__question[data-question='{old}'] [data-action='swap']")
    option = page.locator(".kb-builder__swap [data-action='use']").first
    new = option.get_attribute("data-with")
    option.click()
    expect(block(page, new)).to_have_count(1)
    return old, new


def download(page, button_text, folder, name=None):
    with page.expect_download() as info:
        page.get_by_role("button", name=button_text).click()
    target = folder / (name or info.value.suggested_filename)
    info.value.save_as(target)
    return target


# ── The scorecard follows the plan ─────────────────────────────────────────────

def test_the_scorecard_has_a_block_per_planned_question_in_plan_order(page, base_url):
    open_builder(page, base_url)
    assert len(planned(page)) >= 2
    assert scored(page) == planned(page)


def test_each_planned_question_gets_one_band_choice_per_band(page, base_url):
    open_builder(page, base_url)
    counts = page.locator(".kb-sc__question").evaluate_all(
        "els => els.map(e => e.querySelectorAll('.kb-sc__bands input[type=radio]').length)")
    assert counts == [len(BANDS)] * len(planned(page))


def test_the_live_scorecard_replaces_the_plans_paper_one(page, base_url):
    open_builder(page, base_url)
    expect(page.locator(".kb-sc")).to_be_visible()
    expect(page.locator(".kb-builder__scorecard")).to_be_hidden()


def test_competencies_are_the_plans_skills(page, base_url):
    open_builder(page, base_url)
    legends = page.locator(".kb-sc__competency > legend").all_inner_texts()
    assert [text.split(" · ")[0] for text in legends] == [KB.get("skills", s).title for s in SKILLS]


def test_the_recommendation_is_against_the_chosen_levels_bar(page, base_url):
    open_builder(page, base_url)
    expect(page.locator(".kb-sc__recommendation")).to_contain_text(f"meets the {LEVEL_LABELS['staff'].lower()} bar")


def test_without_a_plan_there_is_no_scorecard(page, base_url):
    page.goto(base_url + "roles/builder/")
    page.locator(".kb-builder__output").wait_for(state="attached")
    page.wait_for_timeout(500)
    assert page.locator(".kb-sc:visible").count() == 0


def test_the_scorecard_says_what_happens_when_the_plan_changes(page, base_url):
    open_builder(page, base_url)
    expect(page.locator(".kb-sc__plan-note")).to_contain_text("When you change the plan, your notes on the questions still in it come along")


# ── Saved per plan and candidate ───────────────────────────────────────────────

def test_the_scorecard_survives_a_reload_of_the_same_address(page, base_url):
    open_builder(page, base_url)
    fill(page)
    write_notes(page)
    before = notes(page)
    page.reload()
    page.locator(".kb-sc").wait_for()
    assert page.get_by_label("Candidate label").input_value() == "C-17"
    assert notes(page) == before


def test_a_reorder_keeps_the_notes(page, base_url):
    open_builder(page, base_url)
    write_notes(page)
    before = notes(page)
    first = planned(page)[0]
    href = block(page, first).locator("legend a").get_attribute("href")
    page.click(f".kb-builder__question[data-question='{first}'] [data-action='down']")
    expect(page.locator(".kb-sc__question").nth(1).locator("legend a")).to_have_attribute("href", href)
    assert notes(page) == before


def test_swapping_a_question_keeps_the_other_questions_notes(page, base_url):
    open_builder(page, base_url)
    write_notes(page)
    before = notes(page)
    old, new = swap_first(page)
    after = notes(page)
    assert {q: n for q, n in after.items() if q != new} == {q: n for q, n in before.items() if q != old}


def test_swapping_a_question_says_where_its_notes_are(page, base_url):
    open_builder(page, base_url)
    write_notes(page)
    old, _ = swap_first(page)
    expect(page.locator(".kb-sc__changed")).to_contain_text(f"your notes on \u201c{KB.get('questions', old).title}\u201d stay saved")


def test_the_earlier_plans_notes_come_back_with_its_address(page, base_url):
    open_builder(page, base_url)
    write_notes(page)
    before = notes(page)
    swap_first(page)
    open_builder(page, base_url)
    assert notes(page) == before


def test_a_new_plan_opened_by_address_carries_the_candidates_notes(page, base_url):
    # The swapped plan's address opened afresh (no record of it in this form yet): the
    # notes of its questions come from the candidate's scorecard on the other plan.
    open_builder(page, base_url)
    write_notes(page)
    before = notes(page)
    _, new = swap_first(page)
    swapped = page.url
    page.evaluate("""id => Object.keys(localStorage).filter(k => k.startsWith('kb-scorecard:builder:') && k.includes(id))
        .forEach(k => localStorage.removeItem(k))""", new)
    page.goto(swapped)
    page.locator(".kb-sc").wait_for()
    assert {q: n for q, n in notes(page).items() if q != new} == {q: n for q, n in before.items() if q in scored(page)}


# ── Export, print, candidate view, privacy ─────────────────────────────────────

def test_exported_json_validates_against_the_published_schema(page, base_url, site, tmp_path):
    open_builder(page, base_url)
    fill(page)
    document = json.loads(download(page, "Download JSON for the debrief", tmp_path).read_text())
    schema = json.loads((site / "api" / "v1" / "schema" / "scorecard.schema.json").read_text())
    Draft202012Validator(schema).validate(document)
    assert document["kit"] is None and document["plan"]["id"] == "builder:" + ",".join(sorted(planned(page)))


def test_printing_the_plan_prints_the_filled_scorecard(page, base_url):
    open_builder(page, base_url)
    fill(page)
    page.emulate_media(media="print")
    first = page.locator(".kb-sc__question").first
    expect(evidence(first)).to_be_visible()
    assert evidence(first).input_value() == "Ana: fenced the writer with a token."
    assert page.locator(".kb-sc__actions").evaluate("e => getComputedStyle(e).display") == "none"


def test_the_scorecard_is_hidden_in_the_candidate_view(page, base_url):
    page.goto(base_url + "roles/builder/" + LOOP + "&view=candidate")
    page.locator(".kb-sc").wait_for(state="attached")
    expect(page.locator(".kb-sc")).to_be_hidden()


SITE_FILES = (".json", ".js", ".css", ".xml", ".png", ".svg", ".woff2")


def test_nothing_typed_leaves_the_browser(page, base_url, tmp_path):
    origin = urlsplit(base_url).netloc
    requests = []
    open_builder(page, base_url)
    page.on("request", lambda r: requests.append((r.method, r.url)))
    fill(page)
    write_notes(page)
    swap_first(page)
    download(page, "Download JSON for the debrief", tmp_path)
    page.wait_for_timeout(300)
    sent = [(m, u) for m, u in requests if not u.startswith("blob:")]
    assert [r for r in sent if urlsplit(r[1]).netloc != origin or r[0] != "GET" or not urlsplit(r[1]).path.endswith(SITE_FILES)] == []


def test_controls_are_at_least_44_px_tall(page, base_url):
    open_builder(page, base_url)
    heights = page.locator(".kb-sc__choice, .kb-sc__tick, .kb-sc button, .kb-sc input[type=text], .kb-sc select, .kb-sc textarea") \
        .evaluate_all("els => els.filter(e => e.offsetParent).map(e => [e.className || e.tagName, e.getBoundingClientRect().height])")
    assert heights and [h for h in heights if h[1] < 44] == []


# ── The debrief takes scorecards of one plan ───────────────────────────────────

@pytest.fixture(scope="module")
def plan_files(chromium, base_url, tmp_path_factory):
    """Two interviewers' scorecards on the same plan, and a third on a swapped plan."""
    folder = tmp_path_factory.mktemp("plan-scorecards")
    context = chromium.new_context()
    violations = csp_violations(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    files = []
    for name in ("Ana", "Ben"):
        open_builder(page, base_url)
        page.evaluate("localStorage.clear()")
        open_builder(page, base_url)
        fill(page, interviewer=name)
        files.append(download(page, "Download JSON for the debrief", folder, f"{name}.json"))
    page.evaluate("localStorage.clear()")
    open_builder(page, base_url)
    fill(page, interviewer="Cy")
    swap_first(page)
    files.append(download(page, "Download JSON for the debrief", folder, "Cy-other-plan.json"))
    context.close()
    assert violations == []
    return files


def open_debrief(page, base_url, expected):
    page.goto(base_url + "roles/debrief/")
    page.locator(".kb-db").wait_for()
    page.get_by_label("How many scorecards do you expect?").fill(expected)


def load(page, files):
    page.get_by_label("Scorecard files").set_input_files([str(f) for f in files])
    expect(page.locator(".kb-db__files li")).to_have_count(len(files))


def test_debrief_shows_the_ratings_of_one_plans_scorecards(page, base_url, plan_files):
    open_debrief(page, base_url, "2")
    load(page, plan_files[:2])
    expect(page.locator(".kb-db__table")).to_be_visible()
    assert page.locator(".kb-db__table tbody tr").count() == len(SKILLS)


def test_debrief_gives_no_verdict_for_a_plan(page, base_url, plan_files):
    open_debrief(page, base_url, "2")
    load(page, plan_files[:2])
    expect(page.locator(".kb-db__verdict")).to_contain_text("no decision rule of its own")


def test_debrief_refuses_a_scorecard_of_another_plan(page, base_url, plan_files):
    open_debrief(page, base_url, "2")
    load(page, [plan_files[0], plan_files[2]])
    expect(page.locator(".kb-db__files li").nth(1)).to_contain_text("is for another kit-builder plan than the first file")


# ── Accessibility of the filled scorecard (test_accessibility.py sees the builder before any plan) ──

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_builder_with_a_filled_scorecard_has_no_axe_violations(chromium, base_url, scheme):
    from test_scorecard import axe_violations

    def filled(page):
        open_builder(page, base_url)
        fill(page)
        swap_first(page)  # the status line after a plan change too
        page.mouse.move(0, 0)
    assert axe_violations(chromium, base_url, scheme, filled) == ""


def test_the_builder_page_loads_the_bank_once(page, base_url):
    # The scorecard takes the bank from the builder's event instead of fetching
    # roles/builder.json (144 KB gzip) a second time.
    urls = []
    page.on("request", lambda request: urls.append(urlsplit(request.url).path))
    open_builder(page, base_url)
    expect(page.locator(".kb-sc__question").first).to_be_visible()
    assert urls.count("/roles/builder.json") == 1, urls
