"""The site in a real browser: search, palette, instant navigation, 404."""

import pytest
from playwright.sync_api import expect

from macros.load import load_kb
from conftest import DATA, csp_violations, wait_until

KB = load_kb(DATA)
QUESTION = KB.get("questions", "kafka-skewed-partitions-keep-per-key-order")


def search(page, base_url, query, path=""):
    """A query typed into the header's box on a freshly loaded page; returns the
    results once every shown result has arrived (site-search.js fills each slot
    as Pagefind sends its fragment)."""
    page.goto(base_url + path)
    page.click("input.md-search__input")
    page.keyboard.type(query)
    results = page.locator("#kb-search-results > li.md-search-result__item")
    results.first.wait_for()
    expect(page.locator("#kb-search-results > li.kb-search-result__pending")).to_have_count(0)
    return results


def pagefind_requests(page) -> list[str]:
    """The live list of the page's requests under pagefind/ (the search index)."""
    found = []
    page.on("request", lambda r: "/pagefind/" in r.url and found.append(r.url))
    return found


def test_search_finds_an_entry_by_title(page, base_url):
    results = search(page, base_url, "skewed partitions per-key ordering")
    hrefs = [results.nth(i).locator("a").first.get_attribute("href") for i in range(results.count())]
    assert any(f"questions/{QUESTION.id}/" in h for h in hrefs), hrefs


def test_search_finds_an_entry_by_words_in_its_body_and_opens_it(page, base_url):
    # "murmur2" is in the body of this pattern, not in its title or summary.
    pattern = KB.get("patterns", "partitioning-by-key")
    assert "murmur2" in pattern.data["what_it_is"] and "murmur2" not in pattern.title + pattern.data["summary"]
    search(page, base_url, "murmur2")
    page.locator(f".md-search-result__item a[href*='patterns/{pattern.id}/']").first.click()
    page.wait_for_url(f"**/patterns/{pattern.id}/**")
    expect(page.locator(".md-content h1")).to_have_text(pattern.title + "¶")


def test_a_fresh_page_downloads_no_search_index_before_the_reader_searches(page, base_url):
    requested = pagefind_requests(page)
    page.goto(base_url + f"questions/{QUESTION.id}/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # what a reader takes before reaching for search
    assert requested == []


def test_focusing_the_search_box_loads_the_search_index(page, base_url):
    requested = pagefind_requests(page)
    page.goto(base_url)
    page.click("input.md-search__input")
    expect(page.locator("#kb-search-status")).to_have_text("Type to start searching")
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/pagefind/pagefind.js") for url in requested), requested


def test_the_first_search_on_a_fresh_page_shows_results(page, base_url):
    results = search(page, base_url, "raft", path=f"questions/{QUESTION.id}/")
    expect(page.locator("#kb-search-status")).to_contain_text("matching document")
    assert results.count() > 0


def test_a_result_shows_its_collection_label(page, base_url):
    results = search(page, base_url, "skewed partitions per-key ordering")
    item = results.filter(has=page.locator(f"a[href*='questions/{QUESTION.id}/']")).first
    expect(item.locator(".kb-search-result__label")).to_have_text("Question")


def test_p99_finds_the_page_titled_with_it_first(page, base_url):
    # Rubric bands and red-flag answers mention p99 often; they are indexed at a
    # low weight (macros/search_index.py), so the first link of the list is a
    # page titled with the term, not an interviewer-only section.
    first = search(page, base_url, "p99").first.locator("a").first
    assert "#" not in first.get_attribute("href"), "the first result is a page, not a section"
    assert "p99" in first.locator("h1").inner_text().lower()


def test_a_result_highlights_the_words_on_its_page(page, base_url):
    search(page, base_url, "murmur2")
    pattern = KB.get("patterns", "partitioning-by-key")
    page.locator(f".md-search-result__item a[href*='patterns/{pattern.id}/']").first.click()
    page.wait_for_url(f"**/patterns/{pattern.id}/**")
    expect(page.locator("article mark.pagefind-highlight").first).to_be_visible()


def test_enter_in_the_search_box_opens_the_first_result(page, base_url):
    results = search(page, base_url, "murmur2")
    href = results.first.locator("a").first.get_attribute("href")
    page.focus("input.md-search__input")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + href.split("?")[0] + "**")


def test_arrow_down_moves_from_the_box_to_the_first_result(page, base_url):
    results = search(page, base_url, "murmur2")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == \
        results.first.locator("a").first.get_attribute("href")


def test_slash_focuses_the_search_box(page, base_url):
    page.goto(base_url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")


def test_palette_toggle_switches_and_persists(page, base_url):
    page.goto(base_url)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    # One click: the palette has no "automatic" stop (tests/test_wayfinding.py
    # checks the first click under both system schemes).
    page.locator("form[data-kb-palette] label:visible").first.click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.goto(base_url + "skills/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_dark_scheme_follows_the_system_setting(chromium, base_url):
    context = chromium.new_context(color_scheme="dark")
    violations = csp_violations(context)
    page = context.new_page()
    page.goto(base_url)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    context.close()
    assert violations == []


def test_instant_navigation_keeps_the_page_alive(page, base_url):
    page.goto(base_url)
    page.evaluate("window.__still_here = true")
    page.locator("article a[href$='/questions/']").first.click()
    page.wait_for_url("**/questions/")
    expect(page.locator(".md-content h1")).to_have_text("Interview questions¶")
    assert page.evaluate("window.__still_here === true"), "the click reloaded the page instead of navigating in place"


def test_missing_page_shows_the_404_page(page, base_url):
    response = page.goto(base_url + "no-such-page/")
    assert response.status == 404
    assert "404" in page.locator(".md-content h1").inner_text()
    assert page.locator("header.md-header").count() == 1


HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wiki</title></head><body>
<h1>Team wiki</h1>
<iframe id="guide" src="{src}" title="Guide" width="100%" height="150" style="border:0"></iframe>
<script>
  window.heights = []
  window.addEventListener("message", function (event) {{
    if (!event.data || event.data.type !== "hiring-guide:height") return
    window.heights.push(event.data)
    document.getElementById("guide").style.height = event.data.height + "px"
  }})
</script></body></html>"""


def test_wiki_page_sizes_an_embedded_entry_from_its_height_message(page, base_url, tmp_path):
    # The host runs on another port, i.e. another origin, as a real wiki would.
    from browser import SiteServer
    entry = KB.get("questions", "kafka-skewed-partitions-keep-per-key-order")
    (tmp_path / "index.html").write_text(HOST_PAGE.format(src=f"{base_url}embed/questions/{entry.id}/"))
    with SiteServer(tmp_path) as host:
        page.goto(host.url)
        wait_until(page, "window.heights.length > 0")
        message = page.evaluate("window.heights[window.heights.length - 1]")
        assert message["page"] == f"questions/{entry.id}" and message["height"] > 1000
        frame = page.frame_locator("#guide")
        expect(frame.locator("h1")).to_contain_text(entry.title)
        expect(frame.locator("header.md-header")).to_have_count(0)
        height = page.evaluate("document.getElementById('guide').getBoundingClientRect().height")
        assert abs(height - message["height"]) <= 1


def test_embed_page_follows_the_dark_scheme(chromium, base_url):
    context = chromium.new_context(color_scheme="dark")
    violations = csp_violations(context)
    page = context.new_page()
    page.goto(base_url + "embed/skills/observability/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    context.close()
    assert violations == []


@pytest.mark.parametrize("window", ["page", "phone"])
def test_instant_navigation_to_a_section_far_down_lands_on_it(window, request, base_url):
    # A search result names a section (kit/#scorecard, some 11,000 px down on a
    # desktop and 18,000 on a phone); Material fetches the page in place and must
    # then scroll to the section, also after the page was visited and scrolled before.
    page = request.getfixturevalue(window)
    kit = f"{base_url}roles/{KB.entries('roles')[0].id}/"
    page.goto(kit)
    page.evaluate("window.scrollTo(0, 3000); window.__still_here = true")
    for href, url in ((base_url, base_url), (kit + "#scorecard", kit + "#scorecard")):
        page.evaluate("""href => { const a = Object.assign(document.createElement('a'), {href, id: 'kb-test-link', textContent: 'go'});
                                   document.querySelector('article').prepend(a) }""", href)
        page.click("#kb-test-link")
        page.wait_for_url(url)
        # The address changes before Material swaps the content in: wait for the swap.
        wait_until(page, "!document.getElementById('kb-test-link')")
    wait_until(page, "!!document.getElementById('scorecard') && scrollY > 5000")
    page.wait_for_timeout(1000)  # assets/guide.js corrects the jump within 30 frames
    header = page.evaluate("document.querySelector('header.md-header').getBoundingClientRect().bottom")
    top = page.evaluate("document.getElementById('scorecard').getBoundingClientRect().top")
    assert header - 5 <= top <= header + 40
    assert page.evaluate("window.__still_here === true"), "the clicks reloaded the page: not instant navigation"
