"""macros/search_index.py: what each built page hands to Pagefind, on small HTML,
and one real Pagefind run over two staged pages."""

import json
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


# Bundles: a large site is indexed in parts, each by its own Pagefind run ----------------

def test_text_size_counts_text_not_markup():
    assert search_index.text_size('<div class="kb-x"><p>abc</p></div>') == 3


@pytest.mark.parametrize("sizes, budget, expected", [
    ([], 10, []),
    ([3, 3, 3], 10, [0, 0, 0]),  # fits one bundle: as today
    ([5, 5, 5, 5], 10, [0, 1, 0, 1]),  # two bundles, pages alternate
    ([9, 1, 1, 9], 10, [0, 1, 1, 1]),  # each page to the bundle holding the least text
    ([4, 4, 4], 0, [0, 0, 0]),  # no budget: one bundle
])
def test_plan_bundles(sizes, budget, expected):
    assert search_index.plan_bundles(sizes, budget) == expected


@pytest.mark.parametrize("sizes", [[1] * 50, list(range(1, 40)), [7, 1, 7, 1, 7, 1, 7, 1, 30, 2, 2]])
def test_no_bundle_holds_more_than_the_budget_plus_its_largest_page(sizes):
    budget = 20
    plan = search_index.plan_bundles(sizes, budget)
    loads = [sum(s for s, n in zip(sizes, plan) if n == b) for b in set(plan)]
    assert max(loads) <= budget + max(sizes)


@pytest.mark.parametrize("n, folder", [(0, ""), (1, "part-2/"), (9, "part-10/")])
def test_part_folder(n, folder):
    assert search_index.part_folder(n) == folder


def test_write_stages_puts_each_document_in_its_bundle(tmp_path):
    docs = [search_index.Document(u, f"<p>{u}</p>") for u in ("a/", "b/", "c/")]
    stages = search_index.write_stages(tmp_path, iter(docs), [0, 1, 0])
    assert [sorted(p.relative_to(s).as_posix() for p in s.rglob("*.html")) for s in stages] == \
        [["a/index.html", "c/index.html"], ["b/index.html"]]


def test_every_stage_carries_pagefinds_config(tmp_path):
    stages = search_index.write_stages(tmp_path, [search_index.Document("a/", "x")] * 2, [0, 1])
    assert all((s / "pagefind.yml").is_file() for s in stages)


@pytest.fixture
def fake_pagefind(monkeypatch):
    """run_pagefind writing what Pagefind writes, without Pagefind."""
    def run(stage, output):
        for rel in ("pagefind.js", "wasm.en.pagefind", "pagefind-ui.css", "pagefind-entry.json",
                    "pagefind.en_1.pf_meta", "fragment/f.pf_fragment", "index/i.pf_index", "filter/c.pf_filter"):
            (output / rel).parent.mkdir(parents=True, exist_ok=True)
            (output / rel).write_text(stage.name)
    monkeypatch.setattr(search_index, "run_pagefind", run)


def test_index_stages_lists_the_merged_bundles(tmp_path, fake_pagefind):
    stages = [tmp_path / "stage" / str(n) for n in range(3)]
    search_index.index_stages(stages, tmp_path / "pagefind")
    manifest = json.loads((tmp_path / "pagefind" / search_index.MANIFEST).read_text())
    assert manifest == {"merge": ["part-2/", "part-3/"]}


def test_a_single_bundle_merges_nothing(tmp_path, fake_pagefind):
    search_index.index_stages([tmp_path / "stage" / "0"], tmp_path / "pagefind")
    assert json.loads((tmp_path / "pagefind" / search_index.MANIFEST).read_text()) == {"merge": []}


def test_a_merged_bundle_keeps_only_its_index(tmp_path, fake_pagefind):
    search_index.index_stages([tmp_path / "0", tmp_path / "1"], tmp_path / "pagefind")
    part = tmp_path / "pagefind" / "part-2"
    assert sorted(p.relative_to(part).as_posix() for p in part.rglob("*") if p.is_file()) == [
        "filter/c.pf_filter", "fragment/f.pf_fragment", "index/i.pf_index", "pagefind-entry.json",
        "pagefind.en_1.pf_meta"]


def test_the_first_bundle_keeps_pagefinds_scripts(tmp_path, fake_pagefind):
    search_index.index_stages([tmp_path / "0", tmp_path / "1"], tmp_path / "pagefind")
    assert (tmp_path / "pagefind" / "pagefind.js").is_file() and (tmp_path / "pagefind" / "wasm.en.pagefind").is_file()


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


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    """Three pages indexed as bundles of one page each (a budget smaller than any page)."""
    site = tmp_path_factory.mktemp("split-site")
    docs = [search_index.document(f"questions/q{n}/", page(f'<h1 id="t">Page {n}</h1><p>Word{n} shared.</p>'),
                                  f"Page {n}", "Question") for n in range(3)]
    search_index.build(docs, site / "pagefind", budget=1)
    return site


def test_pages_split_into_bundles_are_all_indexed(split_site):
    assert set(indexed_pages(split_site)) == {"questions/q0/", "questions/q1/", "questions/q2/"}


def test_each_extra_bundle_is_a_pagefind_index_of_its_own(split_site):
    assert [(split_site / "pagefind" / part / "pagefind-entry.json").is_file() for part in ("part-2", "part-3")] == \
        [True, True]


def test_a_failing_pagefind_fails_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 3, "", "boom"))
    with pytest.raises(search_index.SearchIndexError, match="boom"):
        search_index.build([], tmp_path / "pagefind")


@pytest.fixture(scope="module")
def spooled_site(tmp_path_factory):
    """The split site's pages, written to a spool one by one as the site's build does."""
    root = tmp_path_factory.mktemp("spool")
    spool = search_index.Spool(root / "work")
    for n in range(3):
        spool.add(search_index.document(f"questions/q{n}/", page(f'<h1 id="t">Page {n}</h1><p>Word{n} shared.</p>'),
                                        f"Page {n}", "Question"))
    spool.build(root / "site" / "pagefind", budget=1)
    return root


def test_a_spool_indexes_every_page_at_its_url(spooled_site, split_site):
    assert indexed_pages(spooled_site / "site") == indexed_pages(split_site)


def test_a_spool_moves_its_documents_into_the_stages(spooled_site):
    assert not list((spooled_site / "work" / "spool").iterdir())
