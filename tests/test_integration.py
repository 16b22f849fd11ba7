"""Embedding and export: embed pages, link previews, the JSON API, Markdown export,
the whole-guide page and the developer-portal build."""

import html as html_lib
import json
import re

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import DATA, FIXTURE_DATA, ROOT, SITE_PORT, build_site, copy_project
from macros import api as kb_api
from macros.load import load_kb
from macros.registry import COLLECTIONS
from search_bundle import indexed_pages

KB = load_kb(DATA)
ENTRIES = [e for c in COLLECTIONS for e in KB.entries(c.name)]
SITE_URL = f"http://127.0.0.1:{SITE_PORT}/"


def ids(entry):
    return entry.source


# Embed pages -------------------------------------------------------------------

@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_embed_page_has_content_and_no_chrome(site, entry):
    html = (site / "embed" / entry.collection / entry.id / "index.html").read_text(encoding="utf-8")
    assert html_lib.escape(entry.title, quote=False) in html  # as the page's h1 prints it
    for chrome in ('class="md-header', 'class="md-tabs', 'class="md-sidebar', 'class="md-footer', 'class="md-search"'):
        assert chrome not in html, f"embed page contains {chrome}"
    assert '<meta name="robots" content="noindex">' in html
    assert "assets/javascripts/bundle" not in html, "Material's JavaScript (instant navigation) must not load"


@pytest.mark.parametrize("entry", ENTRIES[:40], ids=ids)
def test_embed_links_open_the_full_site_in_a_new_tab(site, entry):
    html = (site / "embed" / entry.collection / entry.id / "index.html").read_text(encoding="utf-8")
    anchors = re.findall(r"<a\b[^>]*>", html)
    leaving = [a for a in anchors if 'href="#' not in a]
    assert leaving and all('target="_blank"' in a and 'rel="noopener"' in a for a in leaving)


def test_full_page_offers_the_embed_snippet(site):
    entry = KB.get("questions", "kafka-skewed-partitions-keep-per-key-order")
    html = (site / "questions" / entry.id / "index.html").read_text(encoding="utf-8")
    assert f"{SITE_URL}embed/questions/{entry.id}/" in html and '<span class="nt">iframe</span>' in html


def test_embed_pages_stay_out_of_search_and_tags(site):
    assert not [url for url in indexed_pages(site) if url.startswith("embed/")]
    tags = json.loads((site / "tags.json").read_text())
    assert "embed/" not in json.dumps(tags)


# Link previews -----------------------------------------------------------------

@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_page_has_link_preview_tags(site, entry):
    html = (site / entry.collection / entry.id / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert re.search(r'<meta name="description" content="[^"<>]{20,}">', head)
    assert re.search(r'<meta property="og:title" content="[^"<>]+">', head)
    assert f'<meta property="og:url" content="{SITE_URL}{entry.collection}/{entry.id}/">' in head
    assert re.search(r'<meta property="og:description" content="[^"<>]{20,}">', head)


# JSON API ----------------------------------------------------------------------

def api(site, name):
    return json.loads((site / "api" / "v1" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def published_schemas(site):
    folder = site / "api" / "v1" / "schema"
    found = {p.name: json.loads(p.read_text()) for p in folder.glob("*.schema.json")}
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in found.items())
    return found, registry


def test_api_index_validates_and_counts_match(site, published_schemas):
    schemas, registry = published_schemas
    index = api(site, "index.json")
    Draft202012Validator(schemas["api-index.schema.json"], registry=registry).validate(index)
    assert {c["name"]: c["count"] for c in index["collections"]} == {c.name: len(KB.entries(c.name)) for c in COLLECTIONS}


@pytest.mark.parametrize("collection", [c.name for c in COLLECTIONS])
def test_api_collection_validates_against_its_schemas(site, published_schemas, collection):
    schemas, registry = published_schemas
    document = api(site, f"{collection}.json")
    Draft202012Validator(schemas["api-collection.schema.json"], registry=registry).validate(document)
    entry_schema = Draft202012Validator(schemas[f"{collection}.schema.json"], registry=registry)
    for item in document["entries"]:
        entry_schema.validate(item["data"])
    assert document["count"] == len(document["entries"]) == len(KB.entries(collection))


@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_api_entry_file_validates_against_its_schemas(site, published_schemas, entry):
    schemas, registry = published_schemas
    document = api(site, f"{entry.collection}/{entry.id}.json")
    Draft202012Validator(schemas["api-entry.schema.json"], registry=registry).validate(document)
    Draft202012Validator(schemas[f"{entry.collection}.schema.json"], registry=registry).validate(document["entry"]["data"])


@pytest.mark.parametrize("collection", [c.name for c in COLLECTIONS])
def test_api_entry_files_hold_what_the_collection_file_lists(site, collection):
    listed = api(site, f"{collection}.json")["entries"]
    assert [api(site, f"{collection}/{e['id']}.json")["entry"] for e in listed] == listed


def test_ids_json_lists_each_entrys_api_file(site):
    listed = api(site, "ids.json")["entries"]
    assert [e["api"] for e in listed] == [f"api/v1/{e['collection']}/{e['id']}.json" for e in listed]
    assert all((site / e["api"]).is_file() for e in listed)


@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_entry_page_links_to_its_json_export_and_embed(site, entry):
    page = site / entry.collection / entry.id / "index.html"
    line = re.search(r'<p class="kb-meta kb-elsewhere"[^>]*>(.*?)</p>', page.read_text(encoding="utf-8")).group(1)
    found = dict((text, href) for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', line))
    assert list(found)[:3] == ["JSON", "Markdown", "Embed page"]  # then the candidate-safe ones, if any
    targets = [(page.parent / href).resolve() for href in found.values()]
    assert [targets[0], targets[1], targets[2] / "index.html"] == [
        (site / "api" / "v1" / entry.collection / f"{entry.id}.json").resolve(),
        (site / "export" / entry.collection / f"{entry.id}.md").resolve(),
        (site / "embed" / entry.collection / entry.id / "index.html").resolve()]
    assert all(t.is_file() for t in targets[:2]) and (targets[2] / "index.html").is_file()


def test_api_resolves_references_to_urls(site):
    question = next(e for e in api(site, "questions.json")["entries"] if e["id"] == "kafka-skewed-partitions-keep-per-key-order")
    skills = question["references"]["skills"]
    assert [s["id"] for s in skills] == list(question["data"]["skills"])
    assert all(s["url"] == f"{SITE_URL}skills/{s['id']}/" for s in skills)
    assert question["url"] == f"{SITE_URL}questions/{question['id']}/"
    assert question["data"]["rubric"]["proficient"]


def test_api_is_deterministic_with_source_date_epoch(tmp_path, monkeypatch):
    # Same data, same bytes: two builds of the fixture project with a pinned date.
    project = copy_project(tmp_path / "project", FIXTURE_DATA)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    outputs = []
    for run in ("a", "b"):
        result = build_site(project, tmp_path / run)
        assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(tmp_path / run).as_posix(): p.read_bytes() for p in sorted((tmp_path / run / "api").rglob("*.json"))})
    assert outputs[0] == outputs[1] and len(outputs[0]) > 5
    assert json.loads(outputs[0]["api/v1/index.json"])["build_date"] == "2026-01-01T00:00:00Z"


# Markdown export and the whole guide --------------------------------------------

@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_markdown_export_is_portable(site, entry):
    text = (site / "export" / entry.collection / f"{entry.id}.md").read_text(encoding="utf-8-sig")  # a BOM first
    assert text.startswith(f"# {entry.title}")
    assert not re.search(r"\{\s*#", text), "attribute lists left in the export"
    assert "<div" not in text and "<p " not in text and "!!!" not in text and "???" not in text
    relative = [m for m in re.findall(r"\]\(([^)]+)\)", text) if not m.startswith(("http://", "https://"))]
    assert relative == [], "links must be absolute to work after pasting"


def test_whole_guide_has_every_entry(site):
    # In parts, one page per collection or part of one (tests/test_whole_guide.py).
    parts = sorted((site / "integrate" / "whole-guide").glob("*/index.html"))
    html = "".join(part.read_text(encoding="utf-8") for part in parts)
    missing = [e.source for e in ENTRIES if html_lib.escape(e.title, quote=False) not in html]
    assert missing == []


# Developer portal --------------------------------------------------------------

def test_catalog_info_uses_only_annotations_backstage_reads():
    # backstage.io/techdocs-ref says the entity has docs; with the external
    # builder (docs/integrate/export.md) CI publishes the bundle built by make techdocs.
    import yaml
    info = yaml.safe_load((ROOT / "catalog-info.yaml").read_text())
    assert info["metadata"]["annotations"] == {"backstage.io/techdocs-ref": "dir:."}


@pytest.mark.parametrize("collection", [c.name for c in COLLECTIONS])
def test_collection_file_is_streamed_as_one_document_would_dump(kb, collection):
    # api.collection_text encodes a collection one entry at a time (memory at 100x);
    # its text must be exactly what dumping the whole document gives.
    for site_url in ("https://guide.example/", ""):
        whole = kb_api.dumps(kb_api.collection_document(kb, collection, site_url))
        assert kb_api.collection_text(kb, collection, site_url) == whole
