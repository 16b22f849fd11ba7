"""Adding a collection takes a registry line, a schema, two templates and a data
folder: in a throwaway copy of the project, add one and build every target.

Nothing else is edited: no mkdocs.yml nav, no index page under docs/, no
backlink label in a template, no list in the contributor docs.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import techdocs
from conftest import FIXTURE_DATA, build_site, copy_project
from site_html import broken_links

BIN = Path(sys.executable).parent
TECHDOCS_MKDOCS = Path(__file__).resolve().parent.parent / ".venv-techdocs" / "bin" / "mkdocs"

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "books.schema.json",
    "title": "Book",
    "description": "Purpose: a book an interviewer reads before running the loop.",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "summary", "skills", "tags", "last_reviewed"],
    "properties": {
        "id": {"$ref": "common.schema.json#/$defs/id"},
        "title": {"$ref": "common.schema.json#/$defs/title"},
        "summary": {"$ref": "common.schema.json#/$defs/text"},
        "skills": {"x-backlink": "Books that cover this skill", "type": "array",
                   "items": {"$ref": "common.schema.json#/$defs/id", "x-ref": "skills"}},
        "tags": {"$ref": "common.schema.json#/$defs/tags"},
        "last_reviewed": {"$ref": "common.schema.json#/$defs/last_reviewed"},
    },
}
ENTRY_TEMPLATE = """# {{ d.title }}

{{ d.summary }}

{% include "partials/reviewed.md.j2" %}

## Skills { #skills }

{% for skill in out("skills") %}
- {{ link(skill) }}
{% endfor %}

{% include "partials/backlinks.md.j2" %}
"""
INDEX_TEMPLATE = """{% for e in entries %}
- {{ link(e) }}
{% endfor %}
"""
ENTRY = """# yaml-language-server: $schema=../schemas/books.schema.json
id: book-one
title: A made-up book
summary: A made-up book that exists only for this test of adding a collection.
skills: [skill-alpha]
tags: [fixture]
last_reviewed: 2026-01-01
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("new-collection") / "p", FIXTURE_DATA)
    registry = root / "macros" / "registry.py"
    text = registry.read_text(encoding="utf-8")
    anchor = "\n)\n\nBY_NAME"
    assert anchor in text
    registry.write_text(text.replace(anchor, '\n    Collection("books", "book", "Reading list", "Reference"),' + anchor),
                        encoding="utf-8")
    (root / "data" / "schemas" / "books.schema.json").write_text(json.dumps(SCHEMA, indent=1), encoding="utf-8")
    (root / "macros" / "templates" / "entry" / "books.md.j2").write_text(ENTRY_TEMPLATE, encoding="utf-8")
    (root / "macros" / "templates" / "index" / "books.md.j2").write_text(INDEX_TEMPLATE, encoding="utf-8")
    (root / "data" / "books").mkdir()
    (root / "data" / "books" / "README.md").write_text("# Books\n\nOne file is one book.\n", encoding="utf-8")
    (root / "data" / "books" / "book-one.yml").write_text(ENTRY, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(project) -> Path:
    result = build_site(project, project / "site", "https://guide.example/")
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def compiled(project: Path, target: str) -> Path:
    out = project / "build" / target
    result = subprocess.run([sys.executable, "-m", "macros.compile", str(out), "--target", target],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_the_entry_has_its_page(site):
    assert "A made-up book" in (site / "books" / "book-one" / "index.html").read_text(encoding="utf-8")


def test_the_index_page_is_generated_with_the_schema_purpose(site):
    html = (site / "books" / "index.html").read_text(encoding="utf-8")
    assert "A book an interviewer reads before running the loop." in html and "book-one/" in html


def test_the_index_is_in_the_navigation_section_the_registry_names(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-tabs'):]
    assert "books/" in nav


def test_the_target_page_shows_the_reverse_link_under_the_schema_heading(site):
    html = (site / "skills" / "skill-alpha" / "index.html").read_text(encoding="utf-8")
    assert 'id="from-books-skills"' in html and "Books that cover this skill" in html


def test_the_api_lists_the_collection(site):
    index = json.loads((site / "api" / "v1" / "index.json").read_text(encoding="utf-8"))
    assert "books" in [c["name"] for c in index["collections"]]
    assert json.loads((site / "api" / "v1" / "books.json").read_text(encoding="utf-8"))["count"] == 1


def test_the_home_page_counts_it(site):
    assert "Reading list" in (site / "index.html").read_text(encoding="utf-8")


def test_every_link_resolves(site):
    assert broken_links(site) == []


def test_techdocs_builds_it(project):
    if not TECHDOCS_MKDOCS.exists():
        if os.environ.get("REQUIRE_ALL_CHECKS") == "1":
            pytest.fail("the TechDocs environment is missing")
        pytest.skip("the TechDocs environment is missing: make test creates .venv-techdocs")
    bundle = compiled(project, "techdocs")
    config, removed = techdocs.sanitize(yaml.safe_load((bundle / "mkdocs.yml").read_text(encoding="utf-8")))
    assert removed == []
    (bundle / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = subprocess.run([str(TECHDOCS_MKDOCS), "build", "--strict", "-d", str(bundle / "out")], cwd=bundle,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert (bundle / "out" / "books" / "book-one" / "index.html").is_file()


def test_zensical_builds_it(project):
    bundle = compiled(project, "zensical")
    result = subprocess.run([str(BIN / "zensical"), "build", "-f", "mkdocs.yml", "--strict"], cwd=bundle,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (bundle / "site" / "books" / "book-one" / "index.html").is_file()
