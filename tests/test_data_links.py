"""Links inside data text (macros/data_links.py, rules LNK001 to LNK004): what is found,
how each target is classified, the exact error for each kind of bad target, and the
rewrite into links MkDocs checks.
"""

import re
import shutil

import pytest

from conftest import FIXTURE_DATA, ROOT, SCHEMAS
from macros import data_links
from macros.load import validate

Q = "questions/question-one.yml"
PROMPT = "prompt: A made-up prompt"
FORMS = "(use https://…, http://…, mailto:…, <collection>/<id>[#<section>] or <page>.md[#<anchor>] under docs/)"


@pytest.fixture
def data(tmp_path):
    dest = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, dest)
    return dest


def with_prompt(data, text):
    path = data / Q
    source = path.read_text()
    assert PROMPT in source
    path.write_text(source.replace(PROMPT, f"{PROMPT} {text}", 1))
    return data


def errors_of(data):
    # The fixture has no docs/ of its own: page links are checked against the real one.
    kb, errors = validate(data, SCHEMAS, ROOT / "docs")
    return [str(e) for e in errors]


def prompt_error(message):
    return f"data/{Q}:3: prompt: {message}"


# Allowed forms --------------------------------------------------------------------

def test_every_allowed_form_validates(data):
    with_prompt(data, "[a](https://example.org/x_(y)) [b](mailto:team@example.org) [c](skills/skill-alpha)"
                      " [d](questions/question-two#rubric) [e](roles/role-shop-engineer#stage-2-question-two)"
                      " [f](contribute/style.md#markdown) [g](index.md) <https://example.org/>")
    assert errors_of(data) == []


def test_links_in_code_are_not_checked(data):
    with_prompt(data, "Write `[x](../nowhere.md)` or ``[y](//host)`` literally.")
    assert errors_of(data) == []


def test_links_in_fenced_code_are_not_checked():
    text = "Before.\n\n```\n[x](../nowhere.md)\n```\n\nAfter [y](../bad)."
    assert [t for _, _, t in data_links.targets(text)] == ["../bad"]


def test_targets_found_in_every_link_syntax():
    text = ('[a](skills/x "Title") ![img](<faqs/y>) <https://example.org/a>\n'
            "[ref]: patterns/z\n[^note]: a footnote, not a link\n\\[not](a-link) [no close](x y z)")
    assert [t for _, _, t in data_links.targets(text)] == ["skills/x", "faqs/y", "https://example.org/a", "patterns/z"]


@pytest.mark.parametrize("target, kind", [
    ("https://example.org/a", "external"),
    ("http://example.org", "external"),
    ("mailto:team@example.org", "external"),
    ("skills/caching", "entry"),
    ("questions/q#rubric", "entry"),
    ("contribute/style.md", "page"),
    ("contribute/style.md#voice", "page"),
    ("../skills/x.md", "invalid"),
    ("./x.md", "invalid"),
    ("/abs.md", "invalid"),
    ("//example.org/x", "invalid"),
    ("ftp://example.org/x", "invalid"),
    ("skills/Caching", "invalid"),
    ("", "invalid"),
])
def test_classify(target, kind):
    assert data_links.classify(target).kind == kind


# One negative case per class ----------------------------------------------------------

@pytest.mark.parametrize("target", ["../skills/skill-alpha.md", "//example.org/x", "ftp://example.org/x", "#rubric"])
def test_lnk001_target_in_no_allowed_form(data, target):
    with_prompt(data, f"[x]({target})")
    assert errors_of(data) == [prompt_error(f"link target '{target}' has none of the allowed forms [LNK001] {FORMS}")]


def test_lnk001_empty_target(data):
    with_prompt(data, "[x]()")
    assert errors_of(data) == [prompt_error(f"an empty link target [LNK001] {FORMS}")]


def test_script_urls_are_left_to_the_untrusted_text_rules(data):
    with_prompt(data, "[x](javascript:alert(1))")
    errors = errors_of(data)
    assert len(errors) == 1 and "contains a script URL" in errors[0]


def test_lnk002_unknown_collection(data):
    with_prompt(data, "[x](skils/skill-alpha)")
    assert errors_of(data) == [prompt_error("link to 'skils/skill-alpha': 'skils' is not a collection [LNK002] "
                                            "(did you mean 'skills'?)")]


def test_lnk002_unknown_entry(data):
    with_prompt(data, "[x](skills/skill-alpah)")
    assert errors_of(data) == [prompt_error("link to 'skills/skill-alpah': 'skill-alpah' is not a known skill [LNK002] "
                                            "(did you mean 'skill-alpha'?)")]


def test_lnk003_missing_page(data):
    with_prompt(data, "[x](contribute/styel.md#voice)")
    assert errors_of(data) == [prompt_error("link to 'contribute/styel.md#voice': there is no page docs/contribute/styel.md "
                                            "[LNK003] (did you mean 'contribute/style.md'?)")]


def test_lnk003_generated_entry_page_by_its_file_name(data):
    with_prompt(data, "[x](skills/skill-alpha.md)")
    assert errors_of(data) == [prompt_error("link to 'skills/skill-alpha.md': there is no page docs/skills/skill-alpha.md "
                                            "[LNK003] (entry pages are generated: link to 'skills/skill-alpha' instead)")]


def test_lnk004_unknown_section(data):
    with_prompt(data, "[x](questions/question-two#rubrik)")
    sections = data_links.section_ids("questions").names()
    assert {"prompt", "rubric", "follow-ups", "rubric-…"} <= set(sections)
    assert errors_of(data) == [prompt_error("link to 'questions/question-two#rubrik': 'rubrik' is not a section of a "
                                            f"question page [LNK004] (sections: {', '.join(sections)})")]


def test_every_bad_link_is_reported(data):
    with_prompt(data, "[a](../x) [b](skills/nope) [c](nowhere.md)")
    assert sorted(re.search(r"\[(LNK\d{3})\]", e)[1] for e in errors_of(data)) == ["LNK001", "LNK002", "LNK003"]


def test_links_anywhere_in_an_entry_are_checked(data):
    path = data / Q
    path.write_text(path.read_text().replace("listen_for: Second answer.", "listen_for: Second [answer](../a).", 1))
    line = next(n for n, l in enumerate(path.read_text().splitlines(), 1) if "Second [answer]" in l)
    assert errors_of(data) == [f"data/{Q}:{line}: follow_ups[1].listen_for: link target '../a' has none of the allowed "
                               f"forms [LNK001] {FORMS}"]


# Sections of entry pages ----------------------------------------------------------------

def test_sections_come_from_the_template_and_its_partials(tmp_path):
    (tmp_path / "entry").mkdir()
    (tmp_path / "partials").mkdir()
    (tmp_path / "entry" / "things.md.j2").write_text(
        '{#- A comment showing ## Example { #not-a-section } -#}\n## A { #alpha }\n## B { #beta data-search-exclude }\n'
        '### {{ x }} { #item-{{ x.id }} }\n{% include "partials/more.md.j2" %}\n')
    (tmp_path / "partials" / "more.md.j2").write_text("## More { #more }\n")
    sections = data_links.section_ids("things", tmp_path)
    assert sections.names() == ["alpha", "beta", "more", "item-…"]
    assert sections.has("item-42") and not sections.has("not-a-section") and not sections.has("item-")


def test_a_kit_has_its_stage_sections():
    sections = data_links.section_ids("roles")
    assert sections.has("stage-2") and sections.has("stage-2-question-two") and sections.has("scorecard")


# Rewrite ------------------------------------------------------------------------------

def test_rewrite_makes_relative_md_links():
    text = ("See [a](skills/skill-alpha#levels), [b](contribute/style.md#voice), [c](https://x.org/a), "
            "[d](index.md), [e](<faqs/faq-when> \"Title\") and `[f](skills/x)`.\n[g]: patterns/pattern-retry")
    assert data_links.rewrite(text, "questions/question-one.md") == (
        "See [a](../skills/skill-alpha.md#levels), [b](../contribute/style.md#voice), [c](https://x.org/a), "
        "[d](../index.md), [e](<../faqs/faq-when.md> \"Title\") and `[f](skills/x)`.\n[g]: ../patterns/pattern-retry.md")


def test_rewrite_from_a_top_level_page():
    assert data_links.rewrite("[a](skills/skill-alpha)", "index.md") == "[a](skills/skill-alpha.md)"


def test_rewrite_with_a_base_url_makes_absolute_links():
    text = "[a](skills/skill-alpha#levels) [b](contribute/style.md#voice) [c](index.md) [d](faqs/index.md) [e](mailto:a@b.c)"
    assert data_links.rewrite(text, "questions/question-one.md", "https://guide.example/") == (
        "[a](https://guide.example/skills/skill-alpha/#levels) [b](https://guide.example/contribute/style/#voice) "
        "[c](https://guide.example/) [d](https://guide.example/faqs/) [e](mailto:a@b.c)")


def test_rewrite_leaves_text_without_links_alone():
    text = "No links here: a [bracket] and (parentheses), `code`."
    assert data_links.rewrite(text, "faqs/faq-when.md") == text
