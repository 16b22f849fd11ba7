"""The whole guide in parts (macros/whole_guide.py): every entry in exactly one part,
every part linked from the contents page (docs/integrate/whole-guide.md), no part
above its size, so no page grows with the guide.

The fixture knowledge base has at most four entries per collection; parts of two
entries split it, as PART_SIZE splits the real guide's largest collections."""

import re
from collections import defaultdict

import pytest
from mkdocs.utils.meta import get_data

from conftest import FIXTURE_DATA, SCHEMAS, copy_project
from macros import compile as kb_compile
from macros import whole_guide
from macros.load import load_kb
from macros.markdown_text import outside_code

KB = load_kb(FIXTURE_DATA, SCHEMAS)
ENTRIES = [entry for name in KB.collections for entry in KB.entries(name)]
SIZE = 2
PARTS = whole_guide.parts(KB, SIZE)
CONTENTS = "integrate/whole-guide.md"
SIZES = [1, 2, 3, 100]


def uri(part) -> str:
    return whole_guide.part_uri(CONTENTS, part)


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    """The fixture project compiled with parts of SIZE entries."""
    project = copy_project(tmp_path_factory.mktemp("whole-guide") / "p", FIXTURE_DATA)
    with pytest.MonkeyPatch.context() as env:
        env.setattr(whole_guide, "PART_SIZE", SIZE)
        return kb_compile.compile_project(project, site_url="https://guide.example/", target="site")


def entry_headings(markdown: str) -> list[str]:
    """Level-2 headings outside code: in a part, one per entry (its title, moved down a level)."""
    lines = markdown.splitlines()
    return [line[3:].strip() for _, line, in_code in outside_code(lines) if not in_code and line.startswith("## ")]


def is_heading_of(heading: str, entry) -> bool:
    # A glossary term's heading adds its abbreviation: "Widget (WGT)".
    return heading == entry.title or heading.startswith(f"{entry.title} (")


# Splitting ---------------------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
def test_every_entry_is_in_exactly_one_part(size):
    placed = [entry.key for part in whole_guide.parts(KB, size) for entry in part.entries]
    assert sorted(placed) == sorted(entry.key for entry in ENTRIES)


@pytest.mark.parametrize("size", SIZES)
def test_no_part_holds_more_entries_than_its_size(size):
    assert max(len(part.entries) for part in whole_guide.parts(KB, size)) <= size


@pytest.mark.parametrize("size", SIZES)
def test_a_collections_parts_differ_by_one_entry_at_most(size):
    sizes = defaultdict(list)
    for part in whole_guide.parts(KB, size):
        sizes[part.collection].append(len(part.entries))
    assert {name: s for name, s in sizes.items() if max(s) - min(s) > 1} == {}


@pytest.mark.parametrize("size", SIZES)
def test_a_part_holds_one_collection_numbered_from_one(size):
    for part in whole_guide.parts(KB, size):
        assert {entry.collection for entry in part.entries} == {part.collection}
        assert 1 <= part.number <= part.count


def test_parts_of_two_split_the_largest_fixture_collection():
    # Otherwise the page tests below would not see a split collection.
    assert [p.slug for p in PARTS if p.collection == "skills"] == ["skills-1", "skills-2"]


def test_a_part_size_below_one_is_refused():
    with pytest.raises(ValueError):
        whole_guide.parts(KB, 0)


# The compiled pages ------------------------------------------------------------

@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.slug)
def test_every_part_is_linked_from_the_contents_page(output, part):
    assert f"](whole-guide/{part.slug}.md)" in output.pages[CONTENTS].markdown


def test_the_contents_page_links_nothing_but_the_parts(output):
    linked = re.findall(r"\]\((whole-guide/[^)]+)\)", output.pages[CONTENTS].markdown)
    assert linked == [f"whole-guide/{part.slug}.md" for part in PARTS]


def test_the_generated_parts_are_the_listed_ones(output):
    made = sorted(u for u in output.pages if u.startswith("integrate/whole-guide/"))
    assert made == sorted(uri(part) for part in PARTS)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.source)
def test_every_entry_is_on_exactly_one_part_page(output, entry):
    pages = [uri(part) for part in PARTS
             if any(is_heading_of(h, entry) for h in entry_headings(output.pages[uri(part)].markdown))]
    expected = [uri(part) for part in PARTS if entry in part.entries]
    assert pages == expected and len(pages) == 1


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.slug)
def test_a_part_page_holds_its_entries_and_no_more(output, part):
    headings = entry_headings(output.pages[uri(part)].markdown)
    assert len(headings) == len(part.entries)
    assert all(is_heading_of(h, entry) for h, entry in zip(headings, part.entries)), headings


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.slug)
def test_a_part_page_has_one_title_above_its_entries(output, part):
    body = output.pages[uri(part)].markdown
    titles = [line for _, line, in_code in outside_code(body.splitlines()) if not in_code and line.startswith("# ")]
    assert titles == [f"# The whole guide: {part.title}"]


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.slug)
def test_a_part_page_stays_out_of_search(output, part):
    _, meta = get_data(output.pages[uri(part)].markdown)
    assert meta["search"] == {"exclude": True}


@pytest.mark.parametrize("index", range(len(PARTS)), ids=lambda i: PARTS[i].slug)
def test_a_part_links_back_to_the_contents_and_on_to_the_next_part(output, index):
    text = output.pages[uri(PARTS[index])].markdown
    assert "](../whole-guide.md)" in text
    if index + 1 < len(PARTS):
        assert f"]({PARTS[index + 1].slug}.md)" in text


def test_a_page_in_a_parts_place_is_refused(tmp_path):
    project = copy_project(tmp_path / "p", FIXTURE_DATA)
    taken = project / "docs" / "integrate" / "whole-guide" / "roles-1.md"
    taken.parent.mkdir(parents=True)
    taken.write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(kb_compile.PageError, match="docs/integrate/whole-guide/roles-1.md"):
        kb_compile.compile_project(project)
