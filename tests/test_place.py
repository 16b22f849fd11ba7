"""Where an entry page belongs (issue 15): a breadcrumb to its collection, and a
left column with the entries a reader goes on to (a question's kits and use
cases, a kit's use cases, a use case's kits). macros/place.py says where;
overrides/partials/place-path.html and place.html print it."""

import re

import pytest

from conftest import DATA
from macros import place
from macros.load import load_kb
from macros.registry import BY_NAME, COLLECTIONS

KB = load_kb(DATA)
# One entry of every collection, and every entry of the collections with relations.
ONE_EACH = [KB.entries(c.name)[0] for c in COLLECTIONS if KB.entries(c.name)]
RELATED = [e for name in place.RELATED for e in KB.entries(name)]


def page_html(site, entry) -> str:
    return (site / entry.collection / entry.id / "index.html").read_text(encoding="utf-8")


def breadcrumb(html: str) -> str:
    match = re.search(r'<nav class="md-path" aria-label="Breadcrumb"\s*>(.*?)</nav>', html, re.S)
    assert match, "no breadcrumb"
    return match.group(1)


def left_column(html: str) -> str:
    match = re.search(r'<nav class="md-nav kb-place"[^>]*>(.*?)</nav>', html, re.S)
    assert match, "no place block in the left column"
    return match.group(1)


@pytest.mark.parametrize("entry", ONE_EACH, ids=lambda e: e.collection)
def test_entry_page_has_a_breadcrumb_to_its_collection(site, entry):
    crumbs = breadcrumb(page_html(site, entry))
    assert f'href="../../{entry.collection}/"' in crumbs or 'href="../"' in crumbs, crumbs
    assert BY_NAME[entry.collection].title in crumbs


@pytest.mark.parametrize("entry", ONE_EACH, ids=lambda e: e.collection)
def test_breadcrumb_names_the_section(site, entry):
    assert BY_NAME[entry.collection].section in breadcrumb(page_html(site, entry))


@pytest.mark.parametrize("entry", RELATED, ids=lambda e: f"{e.collection}/{e.id}")
def test_left_column_lists_every_related_entry(site, entry):
    column = left_column(page_html(site, entry))
    expected = [item["path"] for group in place.place(KB, entry)["related"] for item in group["entries"]]
    shown = [href.removeprefix("../../") for href in re.findall(r'<li><a href="([^"]+)"', column)]
    assert shown == expected


def test_a_question_in_a_kit_names_the_kit(site):
    kit = KB.entries("roles")[0]
    question_id = kit.data["stages"][0]["questions"][0]
    column = left_column(page_html(site, KB.get("questions", question_id)))
    assert "In interview kits" in column and kit.title in column


def test_place_follows_the_references_both_ways():
    # A kit's use cases are its own references; a use case's kits come from the kits.
    kit = KB.entries("roles")[0]
    use_case = KB.outgoing(kit, "use_cases")[0]
    kits_of_use_case = place.place(KB, use_case)["related"][0]
    assert kits_of_use_case["heading"] == "Interview kits"
    assert f"roles/{kit.id}/" in [item["path"] for item in kits_of_use_case["entries"]]


def test_hand_written_pages_keep_the_site_breadcrumb(site):
    # A page in the nav (not an entry) gets Material's own breadcrumb, not the place block.
    html = (site / "roles" / "builder" / "index.html").read_text(encoding="utf-8")
    assert "Interviewing" in breadcrumb(html)
    assert "kb-place" not in html


def test_left_column_is_visible_beside_a_question_on_a_desktop(page, base_url):
    question = KB.entries("questions")[0]
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{base_url}questions/{question.id}/")
    block = page.locator(".md-sidebar--primary .kb-place")
    assert block.is_visible()
    assert block.bounding_box()["x"] < page.locator(".md-content").bounding_box()["x"]
