"""macros/search_index.py: what each built page hands to Pagefind, on small HTML,
and one real Pagefind run over two staged pages."""

import subprocess

import pytest

from macros import search_index
from search_bundle import indexed_pages


def page(article: str) -> str:
    """A built page as Material writes it, around `article`."""
    return ('<html><body><header class="md-header">Site header</header><main>'
            f'<article class="md-content__inner md-typeset">{article}</article>'
            '</main><footer>Footer</footer></body></html>')


ARTICLE = ('<h1 id="t">Title</h1><p>Prompt text.</p>'
           '<h2 id="rubric">Rubric</h2><div class="kb-interviewer"><h3 id="band">4 · Exceptional</h3><p>Band.</p></div>'
           '<h2 data-search-exclude="" id="from-faqs-related">Related FAQs</h2><ul><li>Other page</li></ul>'
           '<h3 id="nested">Nested under the excluded section</h3><p>Still excluded.</p>'
           '<h2 id="after">After</h2><p>Kept.</p>'
           '<h2 data-search-exclude="" id="terms">Terms used here</h2><p>Last section, excluded.</p>')


def staged(article: str = ARTICLE, label: str = "Question") -> str:
    return search_index.document("questions/q/", page(article), "Title", label).html


# The staging document ------------------------------------------------------------

def test_only_the_article_is_staged():
    html = staged()
    assert "Prompt text." in html and "Site header" not in html and "Footer" not in html


@pytest.mark.parametrize("text", ["Related FAQs", "Other page", "Nested under the excluded section",
                                  "Still excluded.", "Terms used here", "Last section, excluded."])
def test_sections_under_excluded_headings_are_dropped(text):
    assert text not in staged()


@pytest.mark.parametrize("text", ["Rubric", "4 · Exceptional", "After", "Kept."])
def test_other_sections_are_kept(text):
    assert text in staged()


def test_interviewer_blocks_carry_the_low_weight():
    assert f'<div data-pagefind-weight="{search_index.INTERVIEWER_WEIGHT}" class="kb-interviewer">' in staged()


def test_the_body_is_marked_with_its_collection_label():
    html = staged(label="Glossary term")
    assert ('data-pagefind-meta="collection:Glossary term" data-pagefind-filter="collection:Glossary term"'
            in html) and "data-pagefind-body" in html


def test_a_label_is_escaped_in_its_attribute():
    assert 'collection:A &#34;quoted&#34; label' in staged(label='A "quoted" label')


def test_a_page_without_article_is_not_staged():
    assert search_index.document("x/", "<html><body>No article</body></html>", "X", "Guide") is None


# Labels ------------------------------------------------------------------------

@pytest.mark.parametrize("url, entry, section, expected", [
    ("questions/q/", True, None, "Question"),
    ("glossary/raft/", True, None, "Glossary term"),
    ("faqs/f/", True, None, "FAQ"),
    ("questions/bank/", False, "Interviewing", "Interviewing"),
    ("questions/", False, "Interviewing", "Interviewing"),
    ("", False, None, "Home"),
    ("tags/", False, None, "Guide"),
])
def test_label(url, entry, section, expected):
    assert search_index.label(url, entry, section) == expected


# Pages kept out ----------------------------------------------------------------------

@pytest.mark.parametrize("url, meta", [
    ("integrate/whole-guide/", {"search": {"exclude": True}}),
    ("integrate/whole-guide/questions-1/", {"search": {"exclude": True}}),
    ("embed/questions/q/", {"template": "embed.html", "search": {"exclude": True}}),
    ("embed/questions/q/", {}),
    ("404.html", {}),
    ("api/v1/", {}),
    ("export/", {}),
])
def test_page_is_skipped(url, meta):
    assert search_index.skipped(url, meta)


@pytest.mark.parametrize("url, meta", [("questions/q/", {}), ("", {"search": {"boost": 2}})])
def test_page_is_indexed(url, meta):
    assert not search_index.skipped(url, meta)


@pytest.mark.parametrize("url, expected", [("", "index.html"), ("questions/q/", "questions/q/index.html"),
                                           ("page.html", "page.html")])
def test_stage_path_keeps_the_page_url(tmp_path, url, expected):
    assert search_index.stage_path(tmp_path, url) == tmp_path / expected


# Running Pagefind ----------------------------------------------------------------

@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    site = tmp_path_factory.mktemp("search-site")
    docs = [search_index.document("questions/q/", page(ARTICLE), "Title", "Question"),
            search_index.document("", page('<h1 id="home">Home</h1><p>Welcome.</p>'), "Home", "Home")]
    search_index.build(docs, site / "pagefind")
    return indexed_pages(site)


def test_pagefind_indexes_every_staged_page_at_its_url(bundle):
    assert set(bundle) == {"questions/q/", ""}


def test_pagefind_keeps_the_collection_label(bundle):
    assert bundle["questions/q/"]["meta"]["collection"] == "Question"


def test_pagefind_leaves_out_the_excluded_sections(bundle):
    assert "Related FAQs" not in bundle["questions/q/"]["content"] and "Kept." in bundle["questions/q/"]["content"]


def test_a_failing_pagefind_fails_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 3, "", "boom"))
    with pytest.raises(search_index.SearchIndexError, match="boom"):
        search_index.build([], tmp_path / "pagefind")
