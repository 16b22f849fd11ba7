"""Golden files: one fixture entry per collection, rendered, compared as text.

For the first fixture entry of each collection, tests/golden/<collection>/<id>.md
holds the compile step's Markdown and <id>.html the built page's <article>.
A template change shows up here as a diff to review. To accept it:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

then read `git diff tests/golden/` before committing (see tests/golden/README.md).
"""

import difflib
import os
import re
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, SCHEMAS, build_site, copy_project

import structure
from macros.load import load_kb

GOLDEN = Path(__file__).parent / "golden"
SITE_URL = "https://guide.example/"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

FIXTURE_KB = load_kb(FIXTURE_DATA, SCHEMAS)
FIRST = sorted(f"{name}/{FIXTURE_KB.entries(name)[0].id}" for name in FIXTURE_KB.collections)


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory):
    """The fixture knowledge base compiled and built once, at a fixed address and repository."""
    from macros.compile import compile_project
    tmp = tmp_path_factory.mktemp("golden")
    project = copy_project(tmp / "project", FIXTURE_DATA)
    with pytest.MonkeyPatch.context() as env:
        env.delenv("KB_REPOSITORY", raising=False)  # the edit links use mkdocs.yml's default
        result = build_site(project, tmp / "site", site_url=SITE_URL)
    assert result.returncode == 0, f"fixture site build failed:\n{result.stdout}\n{result.stderr}"
    return compile_project(project, site_url=SITE_URL, target="site"), tmp / "site"


def article(html: str) -> str:
    """The <article>'s inner HTML, without Material's whitespace-only lines and trailing spaces."""
    match = re.search(r"<article\b[^>]*>(.*)</article>", html, re.DOTALL)
    assert match, "no <article> in the page"
    return "\n".join(line.rstrip() for line in match.group(1).splitlines() if line.strip()) + "\n"


def compare(actual: str, golden: Path):
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.is_file(), f"no golden file {golden}; run UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                         f"golden/{golden.relative_to(GOLDEN)}", "rendered now", n=1, lineterm=""))
        shown = "\n".join(diff[:40]) + (f"\n... {len(diff) - 40} more diff lines" if len(diff) > 40 else "")
        pytest.fail(f"{golden.name} differs from what renders now; review, then UPDATE_GOLDEN=1:\n{shown}", pytrace=False)


@pytest.mark.parametrize("page", FIRST, ids=str)
def test_markdown_matches_golden(fixture_build, page):
    output, _ = fixture_build
    compare(output.pages[f"{page}.md"].markdown, GOLDEN / f"{page}.md")


@pytest.mark.parametrize("page", FIRST, ids=str)
def test_html_matches_golden(fixture_build, page):
    _, site = fixture_build
    compare(article((site / page / "index.html").read_text(encoding="utf-8")), GOLDEN / f"{page}.html")


def test_no_stray_golden_files():
    """A golden file whose entry is no longer first in its collection is never compared."""
    wanted = {f"{page}{ext}" for page in FIRST for ext in (".md", ".html")}
    stored = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.suffix in (".md", ".html")} - {"README.md"}
    assert stored <= wanted, f"remove: {sorted(stored - wanted)}"


def test_fixture_site_reads_as_its_data(fixture_build):
    """structure.site_problems over every fixture entry page: a clean run of the shared helper."""
    _, site = fixture_build
    found = structure.site_problems(site, FIXTURE_KB)
    assert not found, "\n".join(found)
