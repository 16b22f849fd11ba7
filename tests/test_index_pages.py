"""Long collection indexes in pages (macros/index_pages.py): every entry listed on
exactly one page, the pages linked to each other, the extra pages out of search;
and a strict build of a project whose indexes all run to several pages."""

import re
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, ROOT, build_site, copy_project
from macros import compile as kb_compile
from macros import index_pages, links

SIZE = 40  # today's questions (97) and glossary (120) run to three pages each at this size
LONG = ["questions", "glossary"]


# chunks -------------------------------------------------------------------------

@pytest.mark.parametrize("count, size, expected", [(0, 3, [0]), (3, 3, [3]), (4, 3, [2, 2]), (7, 3, [2, 2, 3]),
                                                   (10, 1, [1] * 10)])
def test_chunks_are_even_and_bounded(count, size, expected):
    assert [len(c) for c in index_pages.chunks(list(range(count)), size)] == expected


def test_chunks_keep_every_entry_once_in_order():
    entries = list(range(23))
    assert [e for chunk in index_pages.chunks(entries, 5) for e in chunk] == entries


def test_pages_number_from_the_index_page_itself(monkeypatch):
    monkeypatch.setattr(index_pages, "PAGE_SIZE", 2)
    listing = index_pages.pages("questions", "questions/index.md", list(range(5)))
    assert [(n, uri) for n, uri, _ in listing] == [(1, "questions/index.md"), (2, "questions/page/2.md"),
                                                   (3, "questions/page/3.md")]


def test_a_page_size_below_one_is_refused():
    with pytest.raises(ValueError):
        index_pages.chunks([1], 0)


# The compiled guide with short index pages ----------------------------------------

@pytest.fixture(scope="module")
def output():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_pages, "PAGE_SIZE", SIZE)
        yield kb_compile.compile_project(ROOT)


def _listing_pages(output, name: str) -> list[str]:
    first = links.index_uri(name)
    return [first] + sorted((uri for uri in output.pages if uri.startswith(f"{name}/page/")),
                            key=lambda uri: int(Path(uri).stem))


@pytest.mark.parametrize("name", LONG)
def test_a_long_index_runs_to_several_pages(output, name):
    expected = -(-len(output.kb.entries(name)) // SIZE)
    assert len(_listing_pages(output, name)) == expected > 1


@pytest.mark.parametrize("name", LONG)
def test_every_entry_is_listed_on_exactly_one_page(output, name):
    listed = {}
    for uri in _listing_pages(output, name):
        text = output.pages[uri].markdown
        for entry in output.kb.entries(name):
            if re.search(rf"\]\({re.escape(links.relative(links.page_uri(name, entry.id), uri))}\)", text):
                listed.setdefault(entry.id, []).append(uri)
    assert {i: uris for i, uris in listed.items() if len(uris) != 1} == {}
    assert len(listed) == len(output.kb.entries(name))


@pytest.mark.parametrize("name", LONG)
def test_no_page_lists_more_than_the_page_size(output, name):
    for uri in _listing_pages(output, name):
        own = [e for e in output.kb.entries(name)
               if f"]({links.relative(links.page_uri(name, e.id), uri)})" in output.pages[uri].markdown]
        assert len(own) <= SIZE, uri


@pytest.mark.parametrize("name", LONG)
def test_each_page_links_every_other_page(output, name):
    pages = _listing_pages(output, name)
    for uri in pages:
        text = output.pages[uri].markdown
        missing = [other for other in pages if other != uri and f"]({links.relative(other, uri)})" not in text]
        assert missing == [], f"{uri} does not link {missing}"


@pytest.mark.parametrize("name", LONG)
def test_further_pages_are_out_of_search(output, name):
    assert all('"search": {"exclude": true}' in output.pages[uri].markdown for uri in _listing_pages(output, name)[1:])


def test_a_short_index_stays_one_page(output):
    assert not any(uri.startswith("skills/page/") for uri in output.pages)


def test_the_question_bank_stays_whole(output):
    """A tool over the whole collection, not a listing: never split."""
    text = output.pages["questions/bank.md"].markdown
    assert all(e.id in text for e in output.kb.entries("questions"))


# A strict build where every index has one entry per page -------------------------

def test_a_site_of_one_entry_per_index_page_builds_strictly(tmp_path):
    project = copy_project(tmp_path / "project", FIXTURE_DATA)
    module = project / "macros" / "index_pages.py"
    module.write_text(module.read_text(encoding="utf-8").replace("PAGE_SIZE = 200", "PAGE_SIZE = 1"), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert (tmp_path / "site" / "questions" / "page" / "2" / "index.html").is_file()
