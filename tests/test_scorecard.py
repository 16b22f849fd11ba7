"""The live scorecard on kit pages and the debrief page, in a real browser.

What an interviewer types stays in the browser: it survives a reload through
localStorage, leaves only as a file the interviewer downloads (valid against the
published schema), and the debrief reads such files without showing a rating
until every expected scorecard is in. No request leaves the browser on the way
except the site's own files.
"""

import itertools
import json
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError, expect

from conftest import DATA, csp_violations
from macros.load import load_kb
from macros.vocab import BANDS

KB = load_kb(DATA)
KIT = KB.entries("roles")[0]
SKILLS = [c["skill"] for c in KIT.data["competencies"]]
LABEL = dict(BANDS)
STAGE_SKILLS = [set(KB.get("questions", s["questions"][0]).data["skills"]) for s in KIT.data["stages"]]


def _stages_leaving_a_competency_bare():
    """Three stages whose first questions (where each interviewer writes evidence) miss a competency."""
    for combo in itertools.permutations(range(1, len(STAGE_SKILLS) + 1), 3):
        if set(SKILLS) - set().union(*(STAGE_SKILLS[n - 1] for n in combo)):
            return combo
    return (1, 2, 3)


# Three interviewers, each running one stage. The first competency gets a spread
# of two bands (2, 4, 3); every competency's mean stays at 3 or above, so a
# senior or a staff kit's rule says hire.
STAGES = _stages_leaving_a_competency_bare()
PANEL = [
    ("Ana", STAGES[0], ["developing", "proficient", "proficient", "proficient", "proficient"]),
    ("Ben", STAGES[1], ["exceptional", "proficient", "exceptional", "proficient", "proficient"]),
    ("Cy", STAGES[2], ["proficient", "proficient", "proficient", "exceptional", "proficient"]),
]
WITHOUT_EVIDENCE = [s for s in SKILLS if s not in set().union(*(STAGE_SKILLS[n - 1] for n in STAGES))]


def kit_url(base_url):
    return f"{base_url}roles/{KIT.id}/"


def show_scorecard(page):
    """Scroll to the scorecard, as a reader does: the live one is built only when it comes near.
    (A reload may have put the reader back there, and the paper scorecard away already.)
    Scrolled again if need be: right after an instant navigation Material may still
    move the page back to its top."""
    for _ in range(4):
        page.locator("#scorecard").scroll_into_view_if_needed()
        try:
            page.locator(".kb-sc").wait_for(state="attached", timeout=2500)
            break
        except PlaywrightTimeoutError:
            continue
    page.locator(".kb-sc").wait_for()


def open_kit(page, base_url):
    page.goto(kit_url(base_url))
    show_scorecard(page)


def fresh_kit(page, base_url):
    """The kit page in a browser with no saved scorecard: each interviewer on their own machine."""
    open_kit(page, base_url)
    page.evaluate("localStorage.clear()")
    open_kit(page, base_url)


def question(page, n=0):
    return page.locator(".kb-sc__question").nth(n)


def choose_band(scope, band):
    scope.locator(".kb-sc__choice", has_text=LABEL[band]).first.click()


def hints(scope):
    return scope.locator(".kb-sc__notes textarea").nth(0)


def evidence(scope):
    return scope.locator(".kb-sc__notes textarea").nth(1)


def fill(page, interviewer="Ana", stage=None, ratings=None, candidate="C-17"):
    """A scorecard as an interviewer fills it: who, a band with ticked items and notes on the first question, ratings."""
    page.get_by_label("Candidate label").fill(candidate)
    page.get_by_label("Interviewer", exact=True).fill(interviewer)
    if stage:
        page.get_by_label("Your stage").select_option(str(stage))
    q = question(page, 0) if not stage else page.locator(".kb-sc__stage:not([hidden]) .kb-sc__question").first
    choose_band(q, "proficient")
    q.locator(".kb-sc__band").nth(2).locator(".kb-sc__tick").first.click()
    hints(q).fill(f"{interviewer} asked what the client could send twice.")
    evidence(q).fill(f"{interviewer}: claimed the key with a unique constraint.")
    for skill_index, band in enumerate(ratings or ["proficient"] * len(SKILLS)):
        choose_band(page.locator(".kb-sc__competency").nth(skill_index), band)
    page.locator(".kb-sc__recommendation .kb-sc__choice").nth(1).click()


def download(page, button_text, folder, name=None):
    with page.expect_download() as info:
        page.get_by_role("button", name=button_text).click()
    target = folder / (name or info.value.suggested_filename)
    info.value.save_as(target)
    return target


def stored(page) -> dict:
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('kb-scorecard')).map(k => [k, localStorage.getItem(k)]))""")


# ── The live scorecard ─────────────────────────────────────────────────────────

def test_live_scorecard_replaces_the_paper_one(page, base_url):
    open_kit(page, base_url)
    expect(page.locator(".kb-sc")).to_be_visible()
    expect(page.locator(".kb-scorecard-static")).to_be_hidden()


def test_live_scorecard_mounts_once_after_instant_navigation(page, base_url):
    # Reach the kit from the kits index (Material swaps the page in place), leave and come back.
    page.goto(base_url + "roles/")
    page.locator(f".md-content a[href$='/roles/{KIT.id}/']").first.click()
    show_scorecard(page)
    page.go_back()
    page.locator(f".md-content a[href$='/roles/{KIT.id}/']").first.click()
    show_scorecard(page)
    page.wait_for_timeout(300)
    assert page.locator(".kb-sc").count() == 1


def test_without_scripts_the_paper_scorecard_stays(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(kit_url(base_url))
    expect(page.locator(".kb-scorecard-static table")).to_be_visible()
    assert page.locator(".kb-scorecard-static tbody tr").count() == len(SKILLS)
    context.close()


def test_every_question_of_the_kit_gets_a_band_choice(page, base_url):
    open_kit(page, base_url)
    asked = sum(len(s["questions"]) for s in KIT.data["stages"])
    assert page.locator(".kb-sc__question").count() == asked
    assert page.locator(".kb-sc__question input[type=radio]").count() == asked * len(BANDS)


def test_scorecard_survives_a_reload(page, base_url):
    open_kit(page, base_url)
    fill(page)
    page.reload()
    show_scorecard(page)
    q = question(page)
    assert page.get_by_label("Candidate label").input_value() == "C-17"
    assert page.get_by_label("Interviewer", exact=True).input_value() == "Ana"
    assert q.locator(".kb-sc__choice", has_text=LABEL["proficient"]).locator("input").is_checked()
    assert q.locator(".kb-sc__band").nth(2).locator(".kb-sc__tick input").first.is_checked()
    assert evidence(q).input_value() == "Ana: claimed the key with a unique constraint."
    assert page.locator(".kb-sc__competency").first.locator(".kb-sc__choice", has_text=LABEL["proficient"]).locator("input").is_checked()


def test_each_candidate_label_keeps_its_own_record(page, base_url):
    open_kit(page, base_url)
    fill(page, candidate="C-17")
    page.get_by_role("button", name="New candidate").click()
    page.get_by_label("Candidate label").fill("C-18")
    evidence(question(page)).fill("Second candidate's notes.")
    page.get_by_label("Saved scorecards in this browser").select_option("C-17")
    assert evidence(question(page)).input_value() == "Ana: claimed the key with a unique constraint."
    assert sorted(json.loads(v)["candidate"] for k, v in stored(page).items() if "@open" not in k) == ["C-17", "C-18"]


def test_ticked_items_show_the_band_they_reach(page, base_url):
    open_kit(page, base_url)
    q = question(page)
    ticks = q.locator(".kb-sc__band").nth(2).locator(".kb-sc__tick")
    for i in range(ticks.count()):
        ticks.nth(i).click()
    expect(q.locator(".kb-sc__reach")).to_contain_text("Your ticks reach")


def test_a_band_can_be_chosen_with_the_keyboard(page, base_url):
    open_kit(page, base_url)
    first = question(page).locator("input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert question(page).locator(".kb-sc__choice", has_text=LABEL["developing"]).locator("input").is_checked()
    saved = [json.loads(v) for k, v in stored(page).items() if "@open" not in k]
    assert [d["questions"] for d in saved] == [{question_id(page): {"band": "developing", "observed": {}, "red_flags": [], "hints": "", "evidence": ""}}]


def question_id(page):
    return question(page).locator("legend a").first.get_attribute("href").rstrip("/").split("/")[-1]


def test_controls_are_at_least_44_px_tall(page, base_url):
    open_kit(page, base_url)
    heights = page.locator(".kb-sc__choice, .kb-sc__tick, .kb-sc button, .kb-sc input[type=text], .kb-sc select, .kb-sc textarea") \
        .evaluate_all("els => els.filter(e => e.offsetParent).map(e => [e.className || e.tagName, e.getBoundingClientRect().height])")
    assert heights and [h for h in heights if h[1] < 44] == []


def test_every_control_has_a_label(page, base_url):
    open_kit(page, base_url)
    unlabelled = page.locator(".kb-sc input, .kb-sc select, .kb-sc textarea").evaluate_all(
        "els => els.filter(e => !e.labels.length && !e.getAttribute('aria-label')).map(e => e.outerHTML)")
    assert unlabelled == []


def test_exported_json_validates_against_the_published_schema(page, base_url, site, tmp_path):
    open_kit(page, base_url)
    fill(page, stage=2)
    document = json.loads(download(page, "Download JSON for the debrief", tmp_path).read_text())
    schema = json.loads((site / "api" / "v1" / "schema" / "scorecard.schema.json").read_text())
    Draft202012Validator(schema).validate(document)
    assert document["kit"] == KIT.id and document["stage"] == 2 and document["candidate"] == "C-17"


def test_exported_markdown_holds_the_evidence(page, base_url, tmp_path):
    open_kit(page, base_url)
    fill(page)
    text = download(page, "Download Markdown", tmp_path).read_text()
    assert f"# Scorecard: {KIT.title}" in text
    assert "> Ana: claimed the key with a unique constraint." in text


def test_export_asks_for_a_candidate_label_first(page, base_url):
    open_kit(page, base_url)
    page.get_by_role("button", name="Download JSON for the debrief").click()
    expect(page.locator(".kb-sc__status")).to_contain_text("Give the candidate a label")
    expect(page.get_by_label("Candidate label")).to_be_focused()


def test_clear_all_empties_local_storage(page, base_url):
    open_kit(page, base_url)
    fill(page)
    assert stored(page)
    page.get_by_role("button", name="Clear all saved scorecards").click()
    page.get_by_role("button", name="Delete them").click()
    assert stored(page) == {}
    assert page.get_by_label("Candidate label").input_value() == ""
    page.reload()
    show_scorecard(page)
    assert evidence(question(page)).input_value() == ""


def test_scorecard_is_hidden_in_the_candidate_view(page, base_url):
    page.goto(kit_url(base_url) + "?view=candidate")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    expect(page.locator(".kb-sc")).to_be_hidden()
    expect(page.locator(".kb-scorecard-static")).to_be_hidden()


def test_scorecard_is_built_when_the_interviewer_view_comes_back(page, base_url):
    page.goto(kit_url(base_url) + "?view=candidate")
    page.get_by_role("link", name="Interviewer view").click()
    show_scorecard(page)
    expect(page.locator(".kb-sc")).to_be_visible()


# ── Built when the reader nears it (a kit page's blocking time on a phone) ────

def builder_requests(page) -> list[str]:
    found = []
    page.on("request", lambda r: found.append(r.url) if r.url.endswith("builder.json") else None)
    return found


def test_live_scorecard_is_not_built_at_load(page, base_url):
    requested = builder_requests(page)
    page.goto(kit_url(base_url))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert page.locator(".kb-sc").count() == 0
    assert requested == [], "the scorecard's data is fetched only when it is needed"


def test_the_paper_scorecard_stays_until_the_live_one_is_built(page, base_url):
    page.goto(kit_url(base_url))
    page.wait_for_load_state("networkidle")
    expect(page.locator(".kb-scorecard-static table")).to_be_attached()
    assert page.locator(".kb-scorecard-static").evaluate("e => !e.hidden && getComputedStyle(e).display !== 'none'")


# How a reader reaches the scorecard: scrolling, a link to it, the keyboard.
REACH = {
    "scrolling": lambda page, url: (page.goto(url), page.evaluate("""async () => {
        while (scrollY + innerHeight < document.documentElement.scrollHeight - 1 && !document.querySelector(".kb-sc")) {
          scrollBy(0, innerHeight / 2); await new Promise(done => setTimeout(done, 50)) } }""")),
    "link to #scorecard": lambda page, url: page.goto(url + "#scorecard"),
    # Material makes every link absolute.
    "table of contents": lambda page, url: (page.goto(url), page.locator(".md-sidebar--secondary a[href$='#scorecard']").first.click()),
    "End key": lambda page, url: (page.goto(url), page.keyboard.press("End")),
}


@pytest.mark.parametrize("way", REACH)
def test_live_scorecard_is_built_when_the_reader_reaches_it(page, base_url, way):
    REACH[way](page, kit_url(base_url))
    page.locator(".kb-sc").wait_for()
    expect(page.locator(".kb-scorecard-static")).to_be_hidden()


def test_a_saved_scorecard_comes_back_when_the_reader_reaches_it(page, base_url):
    open_kit(page, base_url)
    fill(page)
    page.goto(kit_url(base_url))
    show_scorecard(page)
    assert evidence(question(page)).input_value() == "Ana: claimed the key with a unique constraint."


def test_scorecard_stays_inert_on_other_pages(page, base_url):
    # A paper-scorecard block planted on a question page: no scorecard, no data request.
    target = "questions/clock-skew-duplicate-job-execution/"

    def plant(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(
            '<article class="md-content__inner md-typeset">',
            '<article class="md-content__inner md-typeset"><div class="kb-scorecard-static"></div>', 1))
    page.route(f"**/{target}", plant)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + target)
    page.wait_for_timeout(500)
    assert page.locator(".kb-sc").count() == 0
    assert not [r for r in requests if r.endswith("builder.json")]


# ── Export → debrief ───────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def panel_files(chromium, base_url, tmp_path_factory):
    """Three scorecards of one candidate, each exported from the kit page as its interviewer would."""
    folder = tmp_path_factory.mktemp("scorecards")
    context = chromium.new_context()
    violations = csp_violations(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    files = []
    for name, stage, ratings in PANEL:
        fresh_kit(page, base_url)
        fill(page, interviewer=name, stage=stage, ratings=ratings)
        files.append(download(page, "Download JSON for the debrief", folder, f"{name}.json"))
    context.close()
    assert violations == []
    return files


def open_debrief(page, base_url, expected="3"):
    page.goto(base_url + "roles/debrief/")
    page.locator(".kb-db").wait_for()
    if expected:
        page.get_by_label("How many scorecards do you expect?").fill(expected)


def load(page, files):
    count = page.locator(".kb-db__files li").count()
    page.get_by_label("Scorecard files").set_input_files([str(f) for f in files])
    expect(page.locator(".kb-db__files li")).to_have_count(count + len(files))


def ratings_shown(page) -> bool:
    text = page.locator("article").inner_text()
    return page.locator(".kb-db__table").count() > 0 or any(label in text for _, label in BANDS)


@pytest.mark.parametrize("loaded", [1, 2])
def test_debrief_hides_ratings_until_every_scorecard_is_in(page, base_url, panel_files, loaded):
    open_debrief(page, base_url)
    load(page, panel_files[:loaded])
    expect(page.locator(".kb-db__status")).to_contain_text(f"{loaded} of 3 scorecards loaded")
    assert not ratings_shown(page)


def test_debrief_shows_ratings_when_every_scorecard_is_in(page, base_url, panel_files):
    open_debrief(page, base_url)
    for f in panel_files:
        load(page, [f])
    expect(page.locator(".kb-db__table")).to_be_visible()
    header = page.locator(".kb-db__table thead th").all_inner_texts()
    assert header[2:5] == [f"{name} (stage {stage})" for name, stage, _ in PANEL]
    assert page.locator(".kb-db__table tbody tr").count() == len(SKILLS)


def test_debrief_without_a_number_expects_one_scorecard_per_stage(page, base_url, panel_files):
    open_debrief(page, base_url, expected=None)
    load(page, panel_files)
    stages = len(KIT.data["stages"])
    expect(page.locator(".kb-db__status")).to_contain_text(f"3 of {stages} scorecards loaded")
    assert not ratings_shown(page)


def test_debrief_flags_a_spread_of_two_bands(page, base_url, panel_files):
    open_debrief(page, base_url)
    load(page, panel_files)
    rows = page.locator(".kb-db__table tbody tr")
    expect(rows.first.locator(".kb-db__flag")).to_contain_text("Spread of 2 bands")
    assert rows.nth(1).locator(".kb-db__flag", has_text="Spread").count() == 0


def test_debrief_flags_competencies_without_evidence(page, base_url, panel_files):
    assert WITHOUT_EVIDENCE, "no three stages of this kit leave a competency without evidence: pick another kit"
    open_debrief(page, base_url)
    load(page, panel_files)
    rows = page.locator(".kb-db__table tbody tr")
    flagged = [SKILLS[i] for i in range(rows.count()) if rows.nth(i).locator(".kb-db__bare").count()]
    assert flagged == WITHOUT_EVIDENCE


def test_debrief_lists_hints_and_applies_the_decision_rule(page, base_url, panel_files):
    open_debrief(page, base_url)
    load(page, panel_files)
    result = page.locator(".kb-db__result")
    expect(result).to_contain_text("Ben asked what the client could send twice.")
    expect(result.locator(".kb-db__verdict")).to_have_text("The rule says: hire.")


def test_debrief_refuses_a_file_that_is_not_a_scorecard(page, base_url, tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text(json.dumps({"kit": KIT.id, "hello": 1}))
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    open_debrief(page, base_url)
    load(page, [bad, broken])
    items = page.locator(".kb-db__files li")
    expect(items.nth(0)).to_contain_text("notes.json is not loaded: ")
    expect(items.nth(1)).to_contain_text("broken.json is not loaded: not JSON")


def test_debrief_refuses_a_second_scorecard_from_one_interviewer(page, base_url, panel_files):
    open_debrief(page, base_url)
    load(page, [panel_files[0], panel_files[0]])
    expect(page.locator(".kb-db__files li").nth(1)).to_contain_text("second scorecard from Ana")


def test_debrief_summary_downloads_as_markdown(page, base_url, panel_files, tmp_path):
    open_debrief(page, base_url)
    load(page, panel_files)
    text = download(page, "Download summary (Markdown)", tmp_path).read_text()
    assert f"# Debrief: {KIT.title}" in text and "spread of 2 bands" in text and "The rule says hire." in text


# ── Privacy ────────────────────────────────────────────────────────────────────

SITE_FILES = (".json", ".js", ".css", ".xml", ".png", ".svg", ".woff2")


def test_nothing_leaves_the_browser_from_scorecard_to_debrief(page, base_url, tmp_path):
    """Fill a scorecard, export it, load three exports into the debrief, export the
    summary: after each page load, only same-origin GETs of the site's own files."""
    origin = urlsplit(base_url).netloc
    requests = []
    phase = {"now": "load"}
    page.on("request", lambda r: requests.append((phase["now"], r.method, r.url, r.resource_type)))

    files = []
    for name, stage, ratings in PANEL:
        phase["now"] = "load"
        fresh_kit(page, base_url)
        phase["now"] = "use"
        fill(page, interviewer=name, stage=stage, ratings=ratings)
        files.append(download(page, "Download JSON for the debrief", tmp_path, f"{name}.json"))
    phase["now"] = "load"
    open_debrief(page, base_url)
    before = stored(page)
    phase["now"] = "use"
    for f in files:
        load(page, [f])
    download(page, "Download summary (Markdown)", tmp_path)
    page.wait_for_timeout(300)

    # Downloads are blob: URLs made in the page; nothing else may leave it.
    sent = [(p, m, u, t) for p, m, u, t in requests if not u.startswith("blob:")]
    assert [r for r in sent if urlsplit(r[2]).netloc != origin or r[1] != "GET"] == []
    assert [r for r in sent if r[0] == "use" and not urlsplit(r[2]).path.endswith(SITE_FILES)] == []
    assert stored(page) == before, "the debrief stores nothing"


# ── Accessibility of the live parts (test_accessibility.py sees pages before their scripts finish) ──

def axe_violations(chromium, base_url, scheme, action):
    from test_accessibility import AXE, describe
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run make test, which installs the npm tools in tests/tools")
    context = chromium.new_context(color_scheme=scheme)
    violations = csp_violations(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    action(page)
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    assert violations == []
    return describe(result["violations"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_live_scorecard_has_no_axe_violations(chromium, base_url, scheme):
    def filled(page):
        open_kit(page, base_url)
        fill(page)
        page.get_by_role("button", name="Clear all saved scorecards").click()  # the confirmation too
    assert axe_violations(chromium, base_url, scheme, filled) == ""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_debrief_with_results_has_no_axe_violations(chromium, base_url, panel_files, scheme):
    def loaded(page):
        open_debrief(page, base_url)
        load(page, panel_files)
        page.locator(".kb-db__table").wait_for()
    assert axe_violations(chromium, base_url, scheme, loaded) == ""
