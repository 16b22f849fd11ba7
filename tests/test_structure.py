"""Built pages as a reader sees them: every table a <table>, every data list item its
own <li>, no Markdown left as text, code blocks as written (checks in structure.py).

A release once passed every link and count test while kit scorecards showed raw
pipes and question follow-ups ran together; these tests read the rendered HTML.
"""

import re

import pytest
from conftest import DATA, ROOT

import structure
from macros import whole_guide
from macros.load import load_kb
from macros.model import Entry, freeze

KB = load_kb(DATA)
ENTRIES = {entry.source: entry for name in KB.collections for entry in KB.entries(name)}
# Hand-written pages: the collection indexes, the whole guide, the kit builder, ...
WRITTEN = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))


def built(site, rel_md: str):
    """The built HTML file of a page under docs/ (use_directory_urls layout)."""
    stem = rel_md[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return site / stem[: -len("index")] / "index.html"
    return site / stem / "index.html"


def report(found: list[str]) -> str:
    return "\n".join(found)


# ── The real site ────────────────────────────────────────────────────────────

@pytest.mark.parametrize("source", sorted(ENTRIES), ids=str)
def test_entry_page_reads_as_its_data(site, source):
    entry = ENTRIES[source]
    html = (site / entry.collection / entry.id / "index.html").read_text(encoding="utf-8")
    found = structure.problems(html, entry)
    assert not found, report(found)


@pytest.mark.parametrize("source", sorted(ENTRIES), ids=str)
def test_embed_copy_reads_as_its_data(site, source):
    """The chrome-less copy a wiki shows in a frame."""
    entry = ENTRIES[source]
    html = (site / "embed" / entry.collection / entry.id / "index.html").read_text(encoding="utf-8")
    found = structure.problems(html, entry)
    assert not found, report(found)


@pytest.mark.parametrize("page", WRITTEN, ids=str)
def test_written_page_has_no_markdown_left(site, page):
    found = structure.problems(built(site, page).read_text(encoding="utf-8"))
    assert not found, report(found)


def guide_part(site, part):
    return site / "integrate" / "whole-guide" / part.slug / "index.html"


@pytest.mark.parametrize("part", whole_guide.parts(KB), ids=lambda p: p.slug)
def test_whole_guide_keeps_every_code_block_as_written(site, part):
    """Its parts move entry headings down a level; lines in code blocks must not."""
    root = structure.content(guide_part(site, part).read_text(encoding="utf-8"))
    texts = [text for entry in part.entries for text in structure.strings(entry.data)]
    found = structure.code_problems(root, texts)
    assert not found, report(found)


@pytest.mark.parametrize("part", whole_guide.parts(KB), ids=lambda p: p.slug)
def test_whole_guide_part_has_no_markdown_left(site, part):
    found = structure.problems(guide_part(site, part).read_text(encoding="utf-8"))
    assert not found, report(found)


def test_site_problems_names_a_missing_page(tmp_path):
    """The helper the TechDocs and Zensical tests reuse; the fixture site's run is in test_golden."""
    found = structure.site_problems(tmp_path, KB)
    assert len(found) == len(ENTRIES) and all("no page at" in p for p in found)


# ── The compile step's Markdown ──────────────────────────────────────────────

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def glued_table_lines(markdown: str) -> list[tuple[int, str]]:
    """(line number, line) of each table line right after a non-blank, non-table line:
    Python-Markdown then keeps the pipes as paragraph text."""
    found, fence, previous = [], None, ""
    for number, line in enumerate(markdown.splitlines(), 1):
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
        elif match:
            fence = match.group(1)
        elif line.lstrip().startswith("|") and previous.strip() and not previous.lstrip().startswith("|"):
            found.append((number, line))
        previous = line
    return found


@pytest.fixture(scope="module")
def compiled():
    from macros.compile import compile_project
    return compile_project(ROOT)


def test_no_table_glued_to_a_paragraph(compiled):
    found = [f"{rel}:{number}: {line[:70]}" for rel, page in compiled.pages.items()
             for number, line in glued_table_lines(page.markdown)]
    assert not found, report(found)


def test_glued_table_line_is_found():
    assert glued_table_lines("Weights as above.\n| A | B |\n| --- | --- |\n") == [(2, "| A | B |")]
    assert glued_table_lines("Text.\n\n| A | B |\n| --- | --- |\n```\nx\n| not a table |\n```\n") == []


# ── Each check catches its defect ────────────────────────────────────────────
# Small hand-written pages, so no check passes only because it never looks.

def page(body: str) -> str:
    return f'<html><body><nav><p>| menu |</p></nav><article class="md-content__inner md-typeset">{body}</article></body></html>'


def entry(collection: str, **data) -> Entry:
    return Entry(collection, "example", freeze(data), f"data/{collection}/example.yml")


def test_clean_page_has_no_problems():
    assert structure.problems(page("<h2 id='a'>A</h2><p>Plain text, a | b.</p><ul><li>one</li></ul>")) == []


def test_only_the_main_content_is_read():
    """The nav's '| menu |' is outside the article."""
    assert structure.problems(page("<p>ok</p>")) == []


def test_typeset_element_is_the_content_without_an_article():
    """Zensical-like markup: the md-typeset element is the content."""
    html = '<div class="md-content"><div class="md-typeset"><p>| a | b |</p></div></div>'
    assert structure.problems(html)


def test_raw_pipe_table_is_found():
    found = structure.problems(page("<h2 id='scorecard'>S</h2><p>| A | B |\n| --- | --- |\n| x | y |</p>"))
    assert any("#scorecard" in p and "not a <table>" in p for p in found)


def test_table_rule_inside_a_line_is_found():
    found = structure.problems(page("<p>Scores: |---| then more</p>"))
    assert any("'| --- |'" in p for p in found)


@pytest.mark.parametrize("marker", sorted(structure.MARKERS), ids=str)
def test_markdown_marker_is_found(marker):
    assert structure.problems(page(f"<p>Some text {marker} more text</p>"))


def test_markers_in_code_are_fine():
    assert structure.problems(page("<pre><code>| a |\n**x** ](y) !!! .;</code></pre><p>See <code>a ** b</code>.</p>")) == []


@pytest.mark.parametrize("line", ["- two", "2. two"], ids=str)
def test_list_glued_into_a_paragraph_is_found(line):
    found = structure.problems(page(f"<h2 id='prompt'>Q</h2><p>Intro:\n- one\n{line}</p>"))
    assert any("#prompt" in p and "glued" in p for p in found)


def test_dash_inside_a_line_is_no_list():
    assert structure.problems(page("<p>One - two\nthree 1. four</p>")) == []


QUESTION = dict(
    follow_ups=[{"probe": "P1?", "listen_for": "L1."}, {"probe": "P2?", "listen_for": "L2."}],
    rubric={"insufficient": ["a"], "developing": ["b"], "proficient": ["c"], "exceptional": ["d"]},
    red_flag_answers=["r"],
    prompt="Run this:\n\n```\n# comment\nrun --now\n```\n",
)


def question_page(follow_ups: str, pre: str = "# comment\nrun --now\n") -> str:
    rubric = "".join(f"<h3 id='rubric-{b}'>{b}</h3><ul><li>x</li></ul>"
                     for b in ("insufficient", "developing", "proficient", "exceptional"))
    return page(f"<h2 id='prompt'>Q</h2><pre><code>{pre}</code></pre><h2 id='rubric'>R</h2>{rubric}"
                f"<h2 id='follow-ups'>F</h2>{follow_ups}<h2 id='red-flag-answers'>R</h2><ul><li>r</li></ul>")


def test_question_page_as_its_data_passes():
    html = question_page("<ol><li><p><strong>P1?</strong></p><p>Listen for: L1.</p></li><li>P2</li></ol>")
    assert structure.problems(html, entry("questions", **QUESTION)) == []


def test_follow_ups_glued_into_one_item_are_found():
    html = question_page("<ol><li><p><strong>P1?</strong></p><p>Listen for: L1.\n2. P2?</p></li></ol>")
    found = structure.problems(html, entry("questions", **QUESTION))
    assert "#follow-ups: 1 li, expected 2 (one per data item)" in found


def test_nested_list_items_are_not_counted():
    html = question_page("<ol><li>P1<ul><li>a</li><li>b</li></ul></li><li>P2</li></ol>")
    assert structure.problems(html, entry("questions", **QUESTION)) == []


def test_missing_section_is_found():
    html = page("<h2 id='follow-ups'>F</h2><ol><li>a</li><li>b</li></ol>")
    found = structure.problems(html, entry("questions", **QUESTION))
    assert any(p.startswith("#rubric-insufficient: section missing") for p in found)


def test_heading_at_the_wrong_level_is_found():
    html = question_page("<ol><li>a</li><li>b</li></ol>").replace("<h3 id='rubric-developing'>", "<h2 id='rubric-developing'>")
    found = structure.problems(html, entry("questions", **QUESTION))
    assert "#rubric-developing: heading is h2, expected h3" in found


def test_shifted_heading_in_a_code_block_is_found():
    html = question_page("<ol><li>a</li><li>b</li></ol>", pre="### comment\nrun --now\n")
    found = structure.problems(html, entry("questions", **QUESTION))
    assert found == ["code line not shown verbatim in any <pre>: '# comment'"]


KIT = dict(
    competencies=[{"skill": "a", "weight": 1, "why": "x"}, {"skill": "b", "weight": 1, "why": "y"}],
    stages=[{"name": "Screen", "questions": ["q1"]}, {"name": "Design", "questions": ["q2"]}],
)


def kit_page(scorecard: str, stages: int = 2) -> str:
    rows = "<table><thead><tr><th>C</th></tr></thead><tbody><tr><td>a</td></tr><tr><td>b</td></tr></tbody></table>"
    bands = "<table><tbody>" + "<tr><td>band</td></tr>" * 4 + "</tbody></table>"
    body = f"<h2 id='competencies'>C</h2>{rows}<h2 id='coverage'>C</h2>{rows}"
    for n in range(1, stages + 1):
        body += f"<h2 id='stage-{n}'>S</h2><h3 id='stage-{n}-q{n}'>Q</h3>{bands}"
    return page(body + f"<h2 id='scorecard'>S</h2>{scorecard}<h3 id='anchors'>A</h3><h4>a</h4><h4>b</h4>")


def test_kit_page_as_its_data_passes():
    table = "<table><tbody><tr><td>a</td></tr><tr><td>b</td></tr></tbody></table>"
    assert structure.problems(kit_page(table), entry("roles", **KIT)) == []


def test_scorecard_left_as_pipes_is_found():
    found = structure.problems(kit_page("<p>| a | 1 | ☐ |\n| b | 1 | ☐ |</p>"), entry("roles", **KIT))
    assert "#scorecard: no <table> (expected 2 rows)" in found


def test_scorecard_with_a_missing_row_is_found():
    found = structure.problems(kit_page("<table><tbody><tr><td>a</td></tr></tbody></table>"), entry("roles", **KIT))
    assert "#scorecard: 1 tr, expected 2 (one per data item)" in found


def test_missing_stage_is_found():
    table = "<table><tbody><tr><td>a</td></tr><tr><td>b</td></tr></tbody></table>"
    found = structure.problems(kit_page(table, stages=1), entry("roles", **KIT))
    assert any(p.startswith("#stage-2: section missing") for p in found)


def test_every_collection_has_expectations():
    """A new collection needs its rows in structure.EXPECTED, or its lists go unchecked."""
    assert set(structure.EXPECTED) == set(KB.collections)
