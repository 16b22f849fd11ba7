"""Rendering on the fixture knowledge base: templates, links, reverse links, page sources."""

import re

import pytest
import yaml
from mkdocs.utils.meta import get_data

from conftest import SCHEMAS, replace
from macros import links
from macros.glossary import Abbreviations, TermIndex, hover_texts
from macros.load import load_kb
from macros.model import Entry, KnowledgeBase, freeze
from macros.pages import embed_source, entry_source
from macros.render import Renderer


@pytest.fixture(scope="module")
def renderer(fixture_kb):
    return Renderer(fixture_kb)


def test_link_is_relative_markdown_to_md(fixture_kb):
    skill = fixture_kb.get("skills", "skill-alpha")
    assert links.md_link(skill, "questions/question-one.md") == "[Skill alpha](../skills/skill-alpha.md)"
    assert links.md_link(skill, "index.md", "levels") == "[Skill alpha](skills/skill-alpha.md#levels)"


def test_link_text_is_escaped():
    assert links.link_text("a [b] c") == "a \\[b\\] c"


def test_unknown_id_raises(fixture_kb):
    with pytest.raises(KeyError, match="no entry skills/nope"):
        fixture_kb.get("skills", "nope")


def test_question_page_links_forward(renderer):
    page = renderer.entry("questions", "question-two", "questions/question-two.md")
    assert "[Skill alpha](../skills/skill-alpha.md)" in page
    assert "[Skill beta](../skills/skill-beta.md)" in page
    assert "[Pattern retry](../patterns/pattern-retry.md)" in page


def test_skill_page_lists_questions_that_probe_it(renderer):
    page = renderer.entry("skills", "skill-alpha", "skills/skill-alpha.md")
    section = page.split("{ #from-questions-skills data-search-exclude }")[1].split("\n## ")[0]
    assert section.count("](../questions/") == 3


def test_reverse_links_are_derived_from_forward_refs(fixture_kb):
    beta = fixture_kb.get("skills", "skill-beta")
    assert [e.id for e in fixture_kb.incoming(beta, "questions", "skills")] == ["question-two"]
    assert [e.id for e in fixture_kb.incoming(beta, "skills", "related_skills")] == ["skill-alpha"]


def test_every_entry_renders(fixture_kb, renderer):
    for name in fixture_kb.collections:
        for entry in fixture_kb.entries(name):
            page = renderer.entry(name, entry.id, links.page_uri(name, entry.id))
            assert page.splitlines()[0].startswith(f"# {entry.title}"), entry.source


def test_every_index_renders_every_entry(fixture_kb, renderer):
    for name in fixture_kb.collections:
        page = renderer.index(name, links.index_uri(name))
        for entry in fixture_kb.entries(name):
            assert f"({entry.id}.md)" in page, f"{entry.source} missing from the {name} index"


def test_data_text_is_never_evaluated_as_a_template():
    # Validation rejects Jinja in data; this checks the renderer would not run it anyway.
    data = {"id": "evil", "title": "Evil {{ 7 * 7 }}", "answer": "{% for x in range(3) %}loop{% endfor %}",
            "related": [], "last_reviewed": "2026-01-01", "tags": ["x"]}
    kb = KnowledgeBase.build([Entry("faqs", "evil", freeze(data), "data/faqs/evil.yml")])
    page = Renderer(kb).entry("faqs", "evil", "faqs/evil.md")
    assert "{{ 7 * 7 }}" in page and "49" not in page
    assert "{% for x in range(3) %}" in page and "looploop" not in page


def test_page_source_is_front_matter_and_the_rendered_body(fixture_kb):
    entry = fixture_kb.get("questions", "question-one")
    source = entry_source(entry, "# Question one\n")
    _, front, body = source.split("---\n", 2)
    assert body.strip() == "# Question one"
    assert yaml.safe_load(front) == {"title": "Question one", "tags": ["fixture"],
                                     "description": "A made-up prompt about a widget (WGT) used only by the engine tests."}


def test_front_matter_survives_whatever_the_text_holds():
    data = {"title": "a: 'b' # c ---", "summary": 'first\n---\nsecond: "x" & y', "tags": ["t"]}
    source = entry_source(Entry("skills", "odd", freeze(data), "data/skills/odd.yml"), "body\n")
    body, meta = get_data(source)  # MkDocs' own front-matter parser
    # The description lands in an HTML attribute unescaped by the theme, so it is escaped here.
    assert meta == {"title": "a: 'b' # c ---", "description": "first --- second: &quot;x&quot; &amp; y", "tags": ["t"]}
    assert body.strip() == "body"


def test_embed_source_uses_the_embed_template_and_stays_out_of_search(fixture_kb):
    entry = fixture_kb.get("skills", "skill-alpha")
    _, meta = get_data(embed_source(entry, "body\n"))
    assert meta["template"] == "embed.html" and meta["search"] == {"exclude": True} and "tags" not in meta


def test_entry_links_the_glossary_terms_it_uses(renderer):
    page = renderer.entry("questions", "question-one", "questions/question-one.md")
    assert "[Widget](../glossary/term-widget.md)" in page.split("{ #terms data-search-exclude }")[1]


def test_entry_without_glossary_terms_has_no_terms_section(renderer):
    assert "{ #terms" not in renderer.entry("questions", "question-two", "questions/question-two.md")


def test_abbreviations_get_hover_text(fixture_kb):
    assert hover_texts(fixture_kb) == {"WGT": "Widget: A made-up term used only by the engine tests."}


def test_term_index_matches_titles_in_any_case(fixture_kb):
    index = TermIndex(fixture_kb)
    assert [t.id for t in index.terms_in("A WIDGET.")] == ["term-widget"]
    assert [t.id for t in index.terms_in("A widget.")] == ["term-widget"]
    assert index.terms_in("Two WIDGETS and widgetry") == []  # whole words only


def test_term_index_matches_abbreviations_only_as_written(fixture_kb):
    # Abbreviations such as USE or RED are also ordinary words in lower case.
    index = TermIndex(fixture_kb)
    assert [t.id for t in index.terms_in("Two WGT units.")] == ["term-widget"]
    assert index.terms_in("a wgt, and WGT-like names") == []


# The hypothetical alternative of a past-experience question -------------------------------

HYPOTHETICAL = "Imagine a widget service that drops one order in a thousand."


@pytest.fixture
def past_experience_kb(data):
    replace(data, "questions/question-one.yml", "kind: scenario",
            f"kind: past-experience\nhypothetical: {HYPOTHETICAL}")
    return load_kb(data, SCHEMAS)


def test_question_page_shows_the_hypothetical_right_after_the_prompt(past_experience_kb):
    page = Renderer(past_experience_kb).entry("questions", "question-one", "questions/question-one.md")
    candidate_part = page.split("## The question { #prompt }")[1].split("**Skills probed:**")[0]
    # Candidates hear it aloud, so it sits with the prompt, outside any interviewer-only block.
    assert f"## Or offer this situation instead {{ #hypothetical }}\n\n{HYPOTHETICAL}" in candidate_part
    assert "kb-interviewer" not in candidate_part


def test_kit_shows_the_hypothetical_with_the_prompt(past_experience_kb):
    page = Renderer(past_experience_kb).entry("roles", "role-shop-engineer", "roles/role-shop-engineer.md")
    assert f"**Or offer this situation instead:** {HYPOTHETICAL}" in page


# How a band is reached (band_rule) ------------------------------------------------------

FIVE_ITEMS = [f"Says thing {n}." for n in range(1, 6)]


@pytest.fixture
def band_rule_kb(data):
    items = "".join(f"\n    - {item}" for item in FIVE_ITEMS)
    replace(data, "questions/question-one.yml", "proficient: [Says the right thing.]", f"proficient:{items}")
    replace(data, "questions/question-one.yml", "proficient: {at_least: 1, including: [1]}",
            "proficient: {at_least: 3, including: [1]}")
    # The fixture's proficient calibration sample must still reach the band (CAL003).
    replace(data, "calibration/question-one.yml", "proficient: [1]", "proficient: [1, 2, 3]")
    return load_kb(data, SCHEMAS)


def band_section(page: str, band: str) -> str:
    return page.split(f"{{ #rubric-{band} }}\n")[1].split("\n### ")[0].split("\n</div>")[0]


def test_question_page_states_the_rule_under_the_band_heading(band_rule_kb):
    page = Renderer(band_rule_kb).entry("questions", "question-one", "questions/question-one.md")
    numbered = "\n".join(f"{n}. {item}" for n, item in enumerate(FIVE_ITEMS, 1))
    assert band_section(page, "proficient").strip() == (
        f'<p class="kb-band-rule">Reached with at least 3 of these 5, including item 1.</p>\n\n{numbered}')


def test_question_page_states_that_exceptional_builds_on_proficient(band_rule_kb):
    page = Renderer(band_rule_kb).entry("questions", "question-one", "questions/question-one.md")
    assert band_section(page, "exceptional").strip() == (
        '<p class="kb-band-rule">Reached with the proficient band and this item.</p>\n\n1. Says more.')


@pytest.mark.parametrize("band", ["insufficient", "developing"])
def test_bands_without_a_rule_keep_their_bullets(band_rule_kb, band):
    page = Renderer(band_rule_kb).entry("questions", "question-one", "questions/question-one.md")
    assert band_section(page, band).strip().startswith("- Says")


def test_kit_rubric_table_states_the_rule_in_the_band_row(band_rule_kb):
    page = Renderer(band_rule_kb).entry("roles", "role-shop-engineer", "roles/role-shop-engineer.md")
    numbered = " ".join(f"**{n}.** {item}" for n, item in enumerate(FIVE_ITEMS, 1))
    assert f"| 3 · Proficient | *Reached with at least 3 of these 5, including item 1.* {numbered} |" in page


ABBREVIATIONS = ["WGT", "CAP", "CAP-x2", "p99", "2PC", ".NET"]


@pytest.mark.parametrize("text, expected", [
    ("a WGT here", ["WGT"]),
    ("WGTs and aWGT", []),
    ("the CAP-x2 theorem", ["CAP", "CAP-x2"]),  # several words; CAP alone matches too, before the hyphen
    ("CAP-x20", ["CAP"]),
    ("p99 and (2PC).", ["2PC", "p99"]),
    ("on .NET, not on X.NETY", [".NET"]),  # starts with a non-word character: searched on its own
])
def test_abbreviations_used_are_found_as_whole_words(text, expected):
    # One pass over the text (glossary.Abbreviations) finds what a search per abbreviation found.
    searched = [a for a in sorted(ABBREVIATIONS) if re.search(rf"(?<!\w){re.escape(a)}(?!\w)", text)]
    assert Abbreviations({a: "" for a in ABBREVIATIONS}).used_in(text) == expected == searched
