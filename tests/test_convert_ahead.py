"""macros/convert_ahead.py: a second process converts generated pages, from the last one back.

A tiny MkDocs project whose hook generates pages (tests/fixtures/convert_ahead/),
built with and without the worker, and the real site built in one process
compared with the session's build (which used the worker)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SITE_PORT, build_site

PROJECT = Path(__file__).parent / "fixtures" / "convert_ahead"
GOOD = {
    "gen/a.md": "# Alpha\n\n## One\n\nText with [a link](b.md#two).\n",
    "gen/b.md": "# Beta\n\n## Two\n\nBack to [alpha](a.md#one).\n",
    "gen/c.md": "No heading here, so the title comes from the file name.\n\n* one\n* two\n",
    "gen/d.md": "# Delta\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "gen/e.md": "# Epsilon\n\n## Deep\n\n### Deeper\n",
}


def build(tmp_path: Path, pages: dict[str, str], mode: str = "", workers: str = "") -> tuple[subprocess.CompletedProcess, Path]:
    project = tmp_path / f"project{workers}{mode}"
    shutil.copytree(PROJECT, project)
    (project / "pages.json").write_text(json.dumps(pages), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0", "KB_ROOT": str(ROOT), "AHEAD_MODE": mode,
           "AHEAD_REPORT": str(project / "report.json")}
    env.pop("KB_WORKERS", None)
    if workers:
        env["KB_WORKERS"] = workers
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
                            cwd=project, capture_output=True, text=True, env=env)
    return result, project


def report(project: Path) -> dict:
    return json.loads((project / "report.json").read_text(encoding="utf-8"))


def html_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_pages_the_worker_converted_are_taken(tmp_path):
    result, project = build(tmp_path, GOOD)  # the parent is slow (the hook): the worker does them all
    assert result.returncode == 0, result.stderr
    assert report(project)["taken"] == len(GOOD)


def test_the_site_is_the_same_as_converted_in_one_process(tmp_path):
    ahead, ahead_project = build(tmp_path, GOOD)
    alone, alone_project = build(tmp_path, GOOD, workers="1")
    assert ahead.returncode == alone.returncode == 0, ahead.stderr + alone.stderr
    assert report(alone_project)["taken"] is None  # KB_WORKERS=1: no worker at all
    assert html_files(ahead_project / "site") == html_files(alone_project / "site")


@pytest.mark.parametrize("link, message", [
    ("[gone](nowhere.md)", "contains a link 'nowhere.md', but the target 'gen/nowhere.md' is not found"),
    ("[gone](a.md#nope)", "does not contain an anchor '#nope'"),
], ids=["missing page", "missing anchor"])
def test_a_broken_link_on_a_page_the_worker_converts_fails_the_build_once(tmp_path, link, message):
    pages = {**GOOD, "gen/b.md": GOOD["gen/b.md"] + f"\n{link}\n"}
    result, project = build(tmp_path, pages)
    assert report(project)["taken"] == len(GOOD)  # the worker converted b
    assert result.returncode != 0
    assert result.stderr.count(message) == 1, result.stderr


def test_markdown_that_differs_from_the_converted_one_is_converted_again(tmp_path):
    # The hook writes its process id into each page's Markdown: the worker's never matches.
    result, project = build(tmp_path, GOOD, mode="pid")
    assert result.returncode == 0, result.stderr
    assert report(project)["taken"] == 0
    b = (project / "site" / "gen" / "b" / "index.html").read_text(encoding="utf-8")
    assert f"process {report(project)['pid']}" in b


@pytest.mark.parametrize("mode, taken", [("fail", 0), ("die-after-2", 2)])
def test_pages_a_worker_did_not_finish_are_converted_by_mkdocs(tmp_path, mode, taken):
    failed, project = build(tmp_path, GOOD, mode=mode)
    alone, alone_project = build(tmp_path, GOOD, workers="1")
    assert failed.returncode == 0, failed.stderr
    assert "Traceback" not in failed.stderr
    assert report(project)["taken"] == taken
    assert html_files(project / "site") == html_files(alone_project / "site")


def test_the_real_site_is_the_same_built_in_one_process(site, tmp_path, monkeypatch):
    monkeypatch.setenv("KB_WORKERS", "1")
    alone = tmp_path / "site"
    result = build_site(ROOT, alone, f"http://127.0.0.1:{SITE_PORT}/")
    assert result.returncode == 0, result.stderr
    ours, theirs = html_files(site), html_files(alone)
    assert ours.keys() == theirs.keys()
    differing = [uri for uri in ours if ours[uri] != theirs[uri]]
    assert not differing, f"{len(differing)} pages differ, e.g. {differing[:5]}"
