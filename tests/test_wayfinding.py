"""Wayfinding: the 404 page, the palette toggle and the links to the issue forms.

- The 404 page (overrides/404.html, docs/assets/not-found.js) has a search box,
  links to the main sections that resolve from any depth, and for a mistyped or
  old entry address the closest entries, ranked from /api/v1/ids.json.
- The palette (mkdocs.yml theme.palette, docs/assets/palette.js): the first click
  changes what the reader sees whatever the system scheme, and the site follows
  the system scheme until the reader clicks.
- Every entry page and the Contribute pages link to the repository's issue forms
  (overrides/partials/contribute.html), prefilled with the entry.

The test server (tests/browser.py) answers a missing path with the site's
404.html and status 404, as static hosts do.
"""

import json
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from jsonschema import Draft202012Validator
from playwright.sync_api import expect

from conftest import DATA, ROOT, csp_violations
from macros.load import load_kb
from macros.registry import COLLECTIONS
from macros.targets import site_config

KB = load_kb(DATA)
FORMS = {p.name: yaml.safe_load(p.read_text()) for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"}
REPOSITORY = site_config(ROOT)["extra"]["repository"].rstrip("/")  # KB_REPOSITORY or the default
AXE = Path(__file__).parent / "tools" / "node_modules" / "axe-core" / "axe.min.js"

# The main sections the 404 page links to ("" is the home page).
SECTIONS = ["", "questions/", "roles/", "use-cases/", "skills/", "scoping/", "patterns/", "glossary/"]
DEPTHS = ["no-such-page/", "questions/no-such-question/", "a/b/c/d/e/"]
# Realistic slips in real addresses, and the entry they meant.
TYPOS = {
    "questions/idempotency-key-payment-api/": "questions/idempotency-keys-for-payment-api/",
    "questions/kafka-skewed-partition-per-key-order/": "questions/kafka-skewed-partitions-keep-per-key-order/",
    "questions/lease-leader-election-fencing/": "questions/lease-based-leader-election-with-fencing/",
    "skills/obervability/": "skills/observability/",
    "skills/consensus/": "skills/distributed-coordination/",
}
FIRST_ENTRIES = {c.name: KB.entries(c.name)[0] for c in COLLECTIONS if KB.entries(c.name)}
CONTRIBUTE_PAGES = ["contribute/guide/", "contribute/style/", "contribute/data-reference/"]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def not_found(page, base_url, path):
    response = page.goto(base_url + path)
    assert response.status == 404, f"{path} answered {response.status}"
    return page


def suggestions(page):
    page.locator(".kb-not-found__closest").wait_for()  # shown once ids.json is ranked
    return page.locator(".kb-not-found__list a")


# ── The 404 page ───────────────────────────────────────────────────────────────

def test_404_page_has_a_labelled_search_box(page, base_url):
    not_found(page, base_url, "no-such-page/")
    box = page.get_by_label("Search the guide", exact=True)
    assert box.is_visible() and box.evaluate("el => el.tagName") == "INPUT"


def test_404_search_opens_the_header_search_with_the_query(page, base_url):
    not_found(page, base_url, "no-such-page/")
    page.get_by_label("Search the guide", exact=True).fill("idempotency")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#__search")).to_be_checked()
    assert page.input_value(".md-search__input") == "idempotency"
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")


def test_404_search_shows_results_for_the_query(page, base_url):
    not_found(page, base_url, "no-such-page/")
    page.get_by_label("Search the guide", exact=True).fill("fencing token")
    page.get_by_role("button", name="Search", exact=True).click()
    first = page.locator("#kb-search-results > li.md-search-result__item").first
    expect(first.locator("h1")).to_have_text("Fencing token")


def test_404_search_is_prefilled_with_the_words_of_the_address(page, base_url):
    not_found(page, base_url, "questions/idempotency-key-payment-api/")
    assert page.input_value("#kb-not-found-query") == "idempotency key payment api"


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s or "home")
def test_404_links_to_the_section(site, base_url, section):
    html = (site / "404.html").read_text(encoding="utf-8")
    article = html.split('class="kb-not-found"', 1)[1].split("</article>", 1)[0]
    hrefs = [part.split('"', 1)[0] for part in article.split('href="')[1:]]
    deep = base_url + "a/b/c/d/"
    assert base_url + section in [urljoin(deep, h) for h in hrefs], hrefs


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s or "home")
def test_404_section_link_resolves(base_url, section):
    assert status(base_url + section) == 200


@pytest.mark.parametrize("typo", TYPOS)
def test_mistyped_address_suggests_the_meant_entry_first(page, base_url, typo):
    not_found(page, base_url, typo)
    first = suggestions(page).first.get_attribute("href")
    assert first == base_url + TYPOS[typo], first


@pytest.mark.parametrize("typo", list(TYPOS)[:2])
def test_suggested_links_resolve(page, base_url, typo):
    not_found(page, base_url, typo)
    links = suggestions(page)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert 1 <= len(hrefs) <= 5
    assert {h: status(h) for h in hrefs} == {h: 200 for h in hrefs}


def test_address_close_to_no_entry_says_so(page, base_url):
    not_found(page, base_url, "questions/zzzz-qqqq-xxxx/")
    page.locator(".kb-not-found__none").wait_for()
    assert page.locator(".kb-not-found__list a").count() == 0


@pytest.mark.parametrize("path", DEPTHS)
def test_404_is_styled_at_any_depth(page, base_url, path):
    not_found(page, base_url, path)
    # Material's stylesheet and ours: the header takes the primary colour, the
    # search box gets its border.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == "rgb(64, 81, 181)"
    assert page.evaluate("getComputedStyle(document.querySelector('.kb-not-found__input')).borderTopStyle") == "solid"


@pytest.mark.parametrize("path", DEPTHS)
def test_404_links_resolve_at_any_depth(page, base_url, path):
    not_found(page, base_url, path)
    links = page.locator(".kb-not-found__sections a, .md-tabs a")
    hrefs = sorted({links.nth(i).evaluate("a => a.href") for i in range(links.count())})
    assert len(hrefs) >= len(SECTIONS)
    assert {h: status(h) for h in hrefs} == {h: 200 for h in hrefs}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_404_with_suggestions_has_no_axe_violations(chromium, base_url, scheme):
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run make test, which installs the npm tools in tests/tools")
    from test_accessibility import describe
    context = chromium.new_context(color_scheme=scheme)
    violations = csp_violations(context)
    page = context.new_page()
    not_found(page, base_url, "questions/idempotency-key-payment-api/")
    suggestions(page).first.wait_for()
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    assert result["violations"] == [], describe(result["violations"])
    assert violations == [], "the page broke its Content-Security-Policy"


# ── The entry list behind the suggestions ────────────────────────────────────

def test_ids_json_validates_against_its_schema(site):
    schema = json.loads((site / "api" / "v1" / "schema" / "api-ids.schema.json").read_text())
    Draft202012Validator(schema).validate(json.loads((site / "api" / "v1" / "ids.json").read_text()))


def test_ids_json_lists_every_entry_page(site):
    listed = json.loads((site / "api" / "v1" / "ids.json").read_text())["entries"]
    expected = {f"{name}/{e.id}/" for name in KB.collections for e in KB.entries(name)}
    assert {e["path"] for e in listed} == expected
    assert all((site / e["path"] / "index.html").is_file() for e in listed)


# ── The palette ──────────────────────────────────────────────────────────────

def _background(page):
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def _toggle(page):
    page.locator("form[data-kb-palette] label:visible").first.click()


@pytest.fixture
def scheme_page(chromium, request):
    context = chromium.new_context(color_scheme=request.param)
    violations = csp_violations(context)
    page = context.new_page()
    yield page
    context.close()
    assert violations == [], "the page broke its Content-Security-Policy"


@pytest.mark.parametrize("scheme_page", ["light", "dark"], indirect=True)
def test_first_palette_click_changes_the_background(scheme_page, base_url):
    scheme_page.goto(base_url)
    before = _background(scheme_page)
    _toggle(scheme_page)
    # Polled from here: wait_for_function would evaluate a string in the page, which its CSP forbids.
    for _ in range(50):
        if _background(scheme_page) != before:
            break
        scheme_page.wait_for_timeout(100)
    assert _background(scheme_page) != before


@pytest.mark.parametrize("scheme_page", ["light", "dark"], indirect=True)
def test_palette_follows_the_system_until_the_reader_chooses(scheme_page, base_url):
    scheme_page.goto(base_url)
    scheme_page.goto(base_url + "skills/")  # a second page: nothing stored makes it stop following
    other = "dark" if scheme_page.evaluate("matchMedia('(prefers-color-scheme: light)').matches") else "light"
    scheme_page.emulate_media(color_scheme=other)
    expected = "slate" if other == "dark" else "default"
    expect(scheme_page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    scheme_page.reload()
    assert scheme_page.locator("body").get_attribute("data-md-color-scheme") == expected


@pytest.mark.parametrize("scheme_page", ["light", "dark"], indirect=True)
def test_palette_choice_outlasts_a_system_change(scheme_page, base_url):
    scheme_page.goto(base_url)
    _toggle(scheme_page)
    chosen = scheme_page.locator("body").get_attribute("data-md-color-scheme")
    system = "dark" if chosen == "default" else "light"
    scheme_page.emulate_media(color_scheme="light" if system == "dark" else "dark")
    scheme_page.emulate_media(color_scheme=system)
    scheme_page.goto(base_url + "skills/")
    assert scheme_page.locator("body").get_attribute("data-md-color-scheme") == chosen


# ── Contribute without git ───────────────────────────────────────────────────

def issue_links(site, path: str) -> dict[str, dict[str, list[str]]]:
    """The page's links to the issue forms, by form file: {form: query}."""
    html = (site / path / "index.html").read_text(encoding="utf-8")
    block = html.split('class="kb-contribute"', 1)[1].split("</div>", 1)[0]
    found = {}
    for href in (part.split('"', 1)[0].replace("&amp;", "&") for part in block.split('href="')[1:]):
        assert href.startswith(f"{REPOSITORY}/issues/new?"), href
        query = parse_qs(urlsplit(href).query, keep_blank_values=True)
        found[query["template"][0]] = query
    return found


@pytest.mark.parametrize("collection", FIRST_ENTRIES)
def test_entry_page_links_every_issue_form(site, collection):
    entry = FIRST_ENTRIES[collection]
    assert set(issue_links(site, f"{collection}/{entry.id}")) == set(FORMS)


@pytest.mark.parametrize("collection", FIRST_ENTRIES)
def test_entry_page_prefills_the_report_form(site, collection):
    entry = FIRST_ENTRIES[collection]
    query = issue_links(site, f"{collection}/{entry.id}")["report-error.yml"]
    assert query["entry"] == [f"{collection}/{entry.id}"]
    assert query["title"] == [f"Error: {entry.title}"]


@pytest.mark.parametrize("collection", FIRST_ENTRIES)
def test_entry_page_prefills_the_related_entry_of_a_topic(site, collection):
    entry = FIRST_ENTRIES[collection]
    assert issue_links(site, f"{collection}/{entry.id}")["suggest-topic.yml"]["related"] == [f"{collection}/{entry.id}"]


def test_skill_page_prefills_the_skill_of_a_proposed_question(site):
    skill = FIRST_ENTRIES["skills"]
    assert issue_links(site, f"skills/{skill.id}")["propose-question.yml"]["skills"] == [skill.id]


@pytest.mark.parametrize("form", sorted(FORMS))
def test_prefilled_fields_are_fields_of_the_form(site, form):
    field_ids = {item["id"] for item in FORMS[form]["body"] if "id" in item}
    used = set()
    for collection, entry in FIRST_ENTRIES.items():
        used |= set(issue_links(site, f"{collection}/{entry.id}").get(form, {})) - {"template", "title"}
    assert used <= field_ids


@pytest.mark.parametrize("path", CONTRIBUTE_PAGES)
def test_contribute_page_links_every_issue_form(site, path):
    assert set(issue_links(site, path.rstrip("/"))) == set(FORMS)


@pytest.mark.parametrize("path", ["", "questions/", "roles/builder/", "integrate/api/"])
def test_other_pages_have_no_issue_form_links(site, path):
    assert 'class="kb-contribute"' not in (site / path / "index.html").read_text(encoding="utf-8")
