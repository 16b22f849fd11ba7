"""Pure helpers of the bench (tests/bench/): the copied search corpora
(corpora.py: k copies of the entry pages for Pagefind and for stock Material's
search_index.json, without a k-times build), the summary of search timings
(searchtime.py), the Lighthouse medians (web.py) and the edit loop's rows
(bench.py, with the measurement replaced). No browser, no site build."""

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "bench"))
import bench  # noqa: E402
import buildrun  # noqa: E402
import corpora  # noqa: E402
import searchtime  # noqa: E402
import web  # noqa: E402
from macros.search_index import Document  # noqa: E402

ENTRIES = {"questions/q/", "glossary/t/"}

MATERIAL = {"config": {"lang": ["en"]}, "docs": [
    {"location": "", "title": "Home", "text": "home"},
    {"location": "questions/q/", "title": "Q", "text": "q"},
    {"location": "questions/q/#rubric", "title": "Rubric", "text": "r"},
    {"location": "glossary/t/", "title": "T", "text": "t"},
    {"location": "questions/", "title": "Questions", "text": "index"},
]}


@pytest.mark.parametrize("url, g, expected", [
    ("questions/q/", 3, "questions/q-x3/"),
    ("questions/q/#rubric", 2, "questions/q-x2/#rubric"),
])
def test_copy_url_suffixes_the_id_and_keeps_the_anchor(url, g, expected):
    assert corpora.copy_url(url, g) == expected


def test_entry_urls_are_collection_and_id():
    assert corpora.entry_urls({"questions": ["a", "b"], "skills": {"s": object()}}) == {
        "questions/a/", "questions/b/", "skills/s/"}


def test_material_index_has_k_copies_of_entry_documents_and_the_rest_once():
    out = corpora.material_index(MATERIAL, ENTRIES, 3)
    assert len(out["docs"]) == 2 + 3 * 3


def test_material_index_is_generation_major():
    locations = [d["location"] for d in corpora.material_index(MATERIAL, ENTRIES, 2)["docs"]]
    assert locations == ["", "questions/", "questions/q-x1/", "questions/q-x1/#rubric", "glossary/t-x1/",
                         "questions/q-x2/", "questions/q-x2/#rubric", "glossary/t-x2/"]


def test_material_index_suffixes_page_titles_from_generation_two_only():
    titles = [d["title"] for d in corpora.material_index(MATERIAL, ENTRIES, 2)["docs"]]
    assert titles == ["Home", "Questions", "Q", "Rubric", "T", "Q x2", "Rubric", "T x2"]


def test_material_index_keeps_the_config():
    assert corpora.material_index(MATERIAL, ENTRIES, 2)["config"] == MATERIAL["config"]


DOC = ('<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Q</title></head>\n<body>\n<main>'
       '<h1 id="q">Q<a class="headerlink" href="#q">¶</a></h1><p>Text with <h1>no</h1></p></main></body></html>')


def test_copied_documents_has_k_copies_of_entries_and_the_rest_once():
    docs = [Document("", "<html>home</html>"), Document("questions/q/", DOC)]
    out = list(corpora.copied_documents(docs, ENTRIES, 3))
    assert [d.url for d in out] == ["", "questions/q-x1/", "questions/q-x2/", "questions/q-x3/"]


def test_copied_documents_keep_generation_one_unchanged():
    out = list(corpora.copied_documents([Document("questions/q/", DOC)], ENTRIES, 2))
    assert out[0].html == DOC


def test_suffixed_changes_the_first_h1_before_its_permalink():
    assert '<h1 id="q">Q x4<a class="headerlink"' in corpora.suffixed(DOC, 4)


def test_suffixed_changes_the_title():
    assert "<title>Q x4</title>" in corpora.suffixed(DOC, 4)


def test_suffixed_leaves_later_h1s_alone():
    assert "<h1>no</h1>" in corpora.suffixed(DOC, 4)


NAV = [{"Home": "index.md"}, {"Hiring": [{"Checklist": "scoping/index.md"}, {"Worksheet": "scoping/worksheet.md"}]},
       {"Reference": [{"Sub": [{"Glossary": "glossary/index.md"}]}]}]


@pytest.mark.parametrize("url, section", [
    ("", None), ("scoping/", "Hiring"), ("scoping/worksheet/", "Hiring"), ("glossary/", "Reference"),
])
def test_nav_sections_give_the_top_level_section(url, section):
    assert corpora.nav_sections(NAV)[url] == section


@pytest.mark.parametrize("rel, url", [
    ("index.html", ""), ("questions/q/index.html", "questions/q/"), ("404.html", "404.html"),
])
def test_page_url_is_the_url_mkdocs_gives(rel, url):
    assert corpora.page_url(rel) == url


def test_page_title_is_og_title_unescaped():
    assert corpora.page_title('<meta property="og:title" content="A &amp; B &lt;C&gt;">') == "A & B <C>"


def test_source_meta_reads_the_front_matter_of_the_written_page(tmp_path):
    (tmp_path / "integrate").mkdir()
    (tmp_path / "integrate" / "whole-guide.md").write_text("---\nsearch:\n  exclude: true\n---\n# W\n")
    assert corpora.source_meta(tmp_path, "integrate/whole-guide/") == {"search": {"exclude": True}}


def test_site_documents_skip_what_the_hook_skips(tmp_path):
    site, docs = tmp_path / "site", tmp_path / "docs"
    page = ('<meta property="og:title" content="{t}"><article class="md-content__inner md-typeset">'
            '<h1 id="x">{t}</h1></article>')
    for rel, title in (("index.html", "Home"), ("questions/q/index.html", "Q"), ("embed/questions/q/index.html", "Q"),
                       ("404.html", "Not found"), ("integrate/whole-guide/index.html", "W")):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(page.format(t=title))
    (docs / "integrate").mkdir(parents=True)
    (docs / "integrate" / "whole-guide.md").write_text("---\nsearch:\n  exclude: true\n---\n")
    out = corpora.site_documents(site, docs, [{"Home": "index.md"}], {"questions/q/"})
    assert [d.url for d in out] == ["", "questions/q/"]


def test_site_documents_keep_only_what_the_real_bundle_indexed(tmp_path):
    site = tmp_path / "site"
    for rel in ("questions/q/index.html", "integrate/whole-guide/questions-1/index.html"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text('<meta property="og:title" content="T"><article class="md-content__inner md-typeset">'
                                '<h1>T</h1></article>')
    out = corpora.site_documents(site, tmp_path / "docs", [], {"questions/q/"}, indexed={"questions/q/"})
    assert [d.url for d in out] == ["questions/q/"]


def test_site_documents_label_entries_with_their_collection(tmp_path):
    site = tmp_path / "site"
    (site / "questions" / "q").mkdir(parents=True)
    (site / "questions" / "q" / "index.html").write_text(
        '<meta property="og:title" content="Q"><article class="md-content__inner md-typeset"><h1>Q</h1></article>')
    out = corpora.site_documents(site, tmp_path / "docs", [], {"questions/q/"})
    assert 'data-pagefind-meta="collection:Question"' in out[0].html


def run(ms, query="q"):
    return {"query": query, "focus_to_first_ms": ms, "capped": ms is None}


@pytest.mark.parametrize("times, median", [
    ([900.0, 1200.0, 1000.0], 1000.0),
    ([900.0, None, 1000.0], 1000.0),  # one capped run: the median is still known
    ([900.0, None, None], None),  # most runs capped: only "more than the cap" is known
    ([None], None),
])
def test_search_summary_median_counts_a_capped_run_as_slower_than_any(times, median):
    assert searchtime.summary([run(t) for t in times], ["a", "b", "c"], 60)["median_ms"] == median


def test_search_summary_says_when_the_median_is_over_the_cap():
    assert searchtime.summary([run(None)], ["a", "b", "c"], 60)["median_over_cap"] is True


def test_search_summary_says_how_many_queries_ran():
    summary = searchtime.summary([run(None)], ["a", "b", "c"], 60)
    assert (summary["runs"], summary["queries_asked"]) == (1, 3)


def test_lighthouse_median_per_category():
    runs = [{"performance": 90, "seo": 100}, {"performance": 97, "seo": 100}, {"performance": 95, "seo": None}]
    assert web.median_scores(runs) == {"performance": 95, "seo": 100}


def test_lighthouse_median_is_none_when_no_run_scored_the_category():
    assert web.median_scores([{"performance": None}, {"performance": None}]) == {"performance": None}


def _big_then_freed(megabytes: int) -> None:
    """Touch `megabytes` of memory in this process, then free it (a large
    allocation is its own mapping, returned to the system when freed)."""
    block = bytearray(megabytes * 1_000_000)
    block[::4096] = b"x" * len(block[::4096])
    del block


@pytest.mark.skipif(sys.platform != "linux", reason="the peak carried over exec and its reset are Linux's")
def test_a_child_does_not_report_the_benchmarks_earlier_peak_as_its_own(tmp_path):
    _big_then_freed(400)
    run = buildrun.run([sys.executable, "-c", "pass"], tmp_path)
    assert run.returncode == 0
    assert run.max_rss_kb < 200_000, f"a child that allocates nothing reported {run.max_rss_kb} KB"


# The edit loop's rows (bench.py, step_edit_loop), from what edit_loop.measure returns.

@pytest.mark.parametrize("times, fault, statuses", [
    ([1.1, 0.9, 1.4], (0.6, 1.2), ["PASS", "PASS"]),
    ([2.5, 2.1, 3.0], (0.6, 1.2), ["FAIL", "PASS"]),
    ([1.1, 0.9, 1.4], None, ["PASS", "FAIL"]),  # the error never showed, or the page never came back
])
def test_edit_loop_rows_hold_the_targets(monkeypatch, tmp_path, times, fault, statuses):
    monkeypatch.setattr(bench.edit_loop, "measure", lambda *args, **kwargs: (times, fault))
    (tmp_path / "src").mkdir()
    report, results = bench.Report(), {}
    bench.step_edit_loop(bench.parse_args([]), tmp_path / "src", tmp_path, report, results)
    assert [row.status for row in report.rows] == statuses


def test_edit_loop_row_says_so_when_the_server_does_not_start(monkeypatch, tmp_path):
    def fails(*args, **kwargs):
        raise TimeoutError("http://127.0.0.1:1/ did not answer in 900 s")
    monkeypatch.setattr(bench.edit_loop, "measure", fails)
    (tmp_path / "src").mkdir()
    report, results = bench.Report(), {}
    bench.step_edit_loop(bench.parse_args([]), tmp_path / "src", tmp_path, report, results)
    assert report.rows[0].value.startswith("not run: TimeoutError") and "error" in results["edit_loop"]
