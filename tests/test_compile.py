"""The compile step on the fixture knowledge base: what every target builds from."""

import re

import pytest
from mkdocs.utils.meta import get_data

from conftest import FIXTURE_DATA, copy_project
from macros import compile as kb_compile
from macros import links, whole_guide


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("fixture-project") / "p", FIXTURE_DATA)


@pytest.fixture(scope="module")
def output(project):
    return kb_compile.compile_project(project, site_url="https://guide.example/", target="site")


def entry_uris(kb):
    return sorted(links.page_uri(name, e.id) for name in kb.collections for e in kb.entries(name))


def guide_part_uris(kb):
    """The whole guide's parts, listed by docs/integrate/whole-guide.md (tests/test_whole_guide.py)."""
    return [whole_guide.part_uri("integrate/whole-guide.md", part) for part in whole_guide.parts(kb)]


def test_one_page_and_one_embed_page_per_entry(output):
    generated = sorted(uri for uri, page in output.pages.items() if page.generated and not uri.endswith("/candidate.md"))
    pages = entry_uris(output.kb)
    assert generated == sorted(pages + [f"embed/{p}" for p in pages] + guide_part_uris(output.kb))


def test_candidate_safe_copies_exactly_for_entries_with_interviewer_sections(output):
    # A candidate-safe embed copy and export where the page has .kb-interviewer blocks, and nowhere else.
    entries = [e for name in output.kb.collections for e in output.kb.entries(name)]
    expected = sorted(links.candidate_embed_uri(e.collection, e.id) for e in entries
                      if "kb-interviewer" in output.pages[links.embed_uri(e.collection, e.id)].markdown)
    assert expected and sorted(uri for uri in output.pages if uri.endswith("/candidate.md")) == expected
    exports = sorted(path for path in output.files if path.endswith(".candidate.md"))
    assert exports == sorted(links.candidate_export_path(*uri.split("/")[1:3]) for uri in expected)


@pytest.mark.parametrize("target", ["techdocs", "zensical"])
def test_portable_targets_have_no_embed_pages(project, target):
    # Embed pages need the site's own theme template, which those builders do not run.
    output = kb_compile.compile_project(project, target=target)
    generated = sorted(uri for uri, page in output.pages.items() if page.generated)
    assert generated == sorted(entry_uris(output.kb) + guide_part_uris(output.kb))


@pytest.mark.parametrize("target, names", [
    ("site", ["JSON", "Markdown", "Embed page", "Markdown for candidates", "Embed page for candidates"]),
    ("techdocs", ["JSON", "Markdown", "Markdown for candidates"]),  # no embed pages there: no link to one
])
def test_entry_page_links_to_its_own_data_files(project, target, names):
    output = kb_compile.compile_project(project, target=target)
    line = next(l for l in output.pages["questions/question-one.md"].markdown.splitlines() if "kb-elsewhere" in l)
    expected = {"JSON": "../../api/v1/questions/question-one.json", "Markdown": "../../export/questions/question-one.md",
                "Embed page": "../../embed/questions/question-one/",
                "Markdown for candidates": "../../export/questions/question-one.candidate.md",
                "Embed page for candidates": "../../embed/questions/question-one/candidate/"}
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', line) == [(expected[n], n) for n in names]


def test_zensical_entry_pages_have_no_links_to_data_files(project):
    # Zensical resolves relative links in raw HTML from the Markdown source, not the built page.
    output = kb_compile.compile_project(project, target="zensical")
    assert "kb-elsewhere" not in output.pages["questions/question-one.md"].markdown


def test_each_entry_has_its_own_api_file(output):
    expected = {links.entry_api_path(name, e.id) for name in output.kb.collections for e in output.kb.entries(name)}
    assert expected <= set(output.files)


def test_no_macro_call_is_left_in_any_page(output):
    left = [uri for uri, page in output.pages.items() if "{{" in page.markdown or "{%" in page.markdown]
    assert left == []


def test_written_pages_keep_their_front_matter(output):
    _, meta = get_data(output.pages["roles/builder.md"].markdown)
    assert meta == {"template": "kit-builder.html", "hide": ["toc"]}


def test_edit_path_is_the_file_a_reader_changes(output):
    assert output.pages["questions/question-one.md"].edit_path == "data/questions/question-one.yml"
    assert output.pages["embed/questions/question-one.md"].edit_path == "data/questions/question-one.yml"
    assert output.pages["index.md"].edit_path == "docs/index.md"


def test_counts_on_the_home_page_come_from_the_data(output):
    assert "| [Interview questions](questions/index.md) | 3 |" in output.pages["index.md"].markdown


def test_pages_carry_the_abbreviations_they_use(output):
    assert "*[WGT]: Widget: A made-up term used only by the engine tests." in output.pages["questions/question-one.md"].markdown
    assert "*[WGT]" not in output.pages["questions/question-two.md"].markdown


def test_data_files(output):
    names = set(output.files)
    assert {"api/v1/index.json", "api/v1/questions.json", "roles/builder.json",
            "export/questions/question-one.md"} <= names


def test_write_lays_out_docs_and_static(output, tmp_path):
    kb_compile.write(output, tmp_path)
    assert (tmp_path / "docs" / "questions" / "question-one.md").is_file()
    assert (tmp_path / "docs" / "assets" / "guide.css").is_file()
    assert (tmp_path / "static" / "api" / "v1" / "index.json").is_file()


def test_unknown_target_is_refused(project):
    with pytest.raises(ValueError, match="unknown target 'pdf'"):
        kb_compile.compile_project(project, target="pdf")


def test_a_data_error_stops_the_compile(project, tmp_path):
    from macros.errors import DataErrors
    broken = copy_project(tmp_path / "broken", FIXTURE_DATA)
    path = broken / "data" / "questions" / "question-one.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("skill-alpha", "skill-alfa", 1), encoding="utf-8")
    with pytest.raises(DataErrors, match=r"data/questions/question-one.yml:\d+: skills\[0\]: 'skill-alfa' is not a known skill"):
        kb_compile.compile_project(broken)


def test_an_entry_cannot_take_a_hand_written_pages_place(tmp_path):
    # docs/questions/bank.md is the question bank: a question with id `bank` would replace it.
    clash = copy_project(tmp_path / "clash", FIXTURE_DATA)
    page = clash / "docs" / "questions" / "question-one.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# A hand-written page\n", encoding="utf-8")
    with pytest.raises(kb_compile.PageError, match=r"data/questions/question-one.yml: id 'question-one' is taken "
                                                   r"by the page docs/questions/question-one.md; choose another id"):
        kb_compile.compile_project(clash)


def _interviewer_fields():
    from conftest import SCHEMAS
    from macros.audience import Audience
    return {field for collection, field in Audience.from_schemas(SCHEMAS).interviewer_fields if collection == "questions"}


def test_kit_builder_json_carries_no_interviewer_field(output):
    # builder.json feeds the bank, the worksheet and the builder's plan, which show
    # no rubric: an interviewer-only field there would be shown or downloaded for nothing.
    import json
    hidden = _interviewer_fields()
    for question in json.loads(output.files["roles/builder.json"])["questions"]:
        assert not hidden & set(question), question["id"]


def test_each_questions_scorecard_file_carries_only_its_interviewer_fields(output):
    # The scorecard's script puts everything under "interviewer" in .kb-interviewer
    # blocks, hidden in the candidate view.
    import json
    hidden = _interviewer_fields()
    for question in json.loads(output.files["roles/builder.json"])["questions"]:
        details = json.loads(output.files[f"roles/scorecard/{question['id']}.json"])
        assert details["id"] == question["id"] and set(details) == {"id", "interviewer"}, question["id"]
        assert set(details["interviewer"]) <= hidden, question["id"]


def test_kit_builder_json_carries_the_vocabulary(output):
    import json
    from macros import vocab
    assert json.loads(output.files["roles/builder.json"])["vocabulary"] == vocab.as_json()


@pytest.mark.parametrize("uri, expected", [
    ("faqs/faq-when.md", "(../skills/skill-alpha.md#levels)"),
    ("embed/faqs/faq-when.md", "(../../skills/skill-alpha.md#levels)"),
    ("integrate/whole-guide/faqs-1.md", "(../../skills/skill-alpha.md#levels)"),
])
def test_links_in_data_text_point_from_the_page_that_shows_them(output, uri, expected):
    # tests/fixtures/data/faqs/faq-when.yml writes skills/skill-alpha#levels.
    assert expected in output.pages[uri].markdown


def test_links_in_data_text_are_absolute_in_the_export(output):
    text = output.files["export/faqs/faq-when.md"]
    assert "(https://guide.example/skills/skill-alpha/#levels)" in text


def test_glossary_terms_are_found_once_per_entry_and_audience(project, monkeypatch):
    # Each entry is rendered four times (page, embed copy, whole guide's part, export):
    # the term search runs once for its public fields and once for the rest.
    from macros.glossary import TermIndex
    calls = []
    search = TermIndex.terms_in
    monkeypatch.setattr(TermIndex, "terms_in", lambda self, text: calls.append(1) or search(self, text))
    built = kb_compile.compile_project(project, site_url="https://guide.example/")
    assert len(calls) == 2 * sum(len(built.kb.entries(name)) for name in built.kb.collections)


# The site build's mode: entry pages and data files made by two more processes ----------

@pytest.fixture(scope="module")
def background_output(project, tmp_path_factory):
    work = tmp_path_factory.mktemp("background")
    output = kb_compile.compile_project(project, site_url="https://guide.example/", target="site",
                                        files_dir=work / "files", pages_dir=work / "pages")
    site = work / "site"
    kb_compile.write_static(output, site)
    return output, site


def test_background_pages_are_the_same_pages(output, background_output):
    pages = background_output[0].pages
    assert list(pages) == list(output.pages)  # same order: MkDocs builds them in it
    assert {uri: page.text() for uri, page in pages.items()} == {uri: page.markdown for uri, page in output.pages.items()}


def test_background_generated_pages_are_files_not_kept_in_memory(background_output):
    # Entry pages, their copies, the whole guide's parts: the pages that grow with the guide.
    generated = [page for page in background_output[0].pages.values() if page.generated]
    assert generated and all(page.markdown is None and page.path.is_file() for page in generated)


def test_background_data_files_are_the_same_files(output, background_output):
    site = background_output[1]
    def dated(text):  # api/v1/index.json says when it was made: the two compiles ran seconds apart
        return re.sub(r'"build_date": "[^"]*"', '"build_date": ""', text)

    written = {p.relative_to(site).as_posix(): dated(p.read_text(encoding="utf-8")) for p in site.rglob("*") if p.is_file()}
    assert written == {path: dated(text) for path, text in output.files.items()}


def test_background_work_folders_are_emptied_into_the_site(background_output):
    assert not background_output[0].files_dir.exists()


def test_a_failure_in_the_background_names_the_entry(project, tmp_path, monkeypatch):
    """A candidate-safe copy that still has an interviewer block, made in the
    process that renders entry pages: the build's error names the page."""
    real = kb_compile._candidate_safe

    def leaky(markdown, where):
        return real(markdown + '\n<div class="kb-interviewer"></div>\n', where)

    monkeypatch.setattr(kb_compile, "_candidate_safe", leaky)
    with pytest.raises(kb_compile.PageError, match=r"embed/[a-z-]+/[a-z-]+/candidate.md: the candidate-safe copy still has a kb-interviewer block"):
        kb_compile.compile_project(project, site_url="https://guide.example/", target="site",
                                   files_dir=tmp_path / "files", pages_dir=tmp_path / "pages")
    assert not (tmp_path / "files").exists() and not (tmp_path / "pages").exists()


def test_an_entry_clash_is_found_before_waiting_for_the_background(tmp_path):
    clash = copy_project(tmp_path / "clash", FIXTURE_DATA)
    page = clash / "docs" / "questions" / "question-one.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# A hand-written page\n", encoding="utf-8")
    with pytest.raises(kb_compile.PageError, match=r"id 'question-one' is taken by the page docs/questions/question-one.md"):
        kb_compile.compile_project(clash, files_dir=tmp_path / "files", pages_dir=tmp_path / "pages")


def test_forget_drops_every_cached_guide(tmp_path):
    # `mkdocs build` frees the guide after compiling (hooks/site.py): nothing may keep it.
    import gc
    import weakref

    from macros import load
    project = copy_project(tmp_path / "p", FIXTURE_DATA)  # a guide no other test holds
    kb = load.load_kb(project / "data")  # validating it also caches its kits (macros/rules.py)
    held = weakref.ref(kb)
    del kb
    load.forget()
    gc.collect()
    assert held() is None
