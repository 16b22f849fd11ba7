"""`make serve`'s edit loop in a real browser: the real server on a copy of the
project, a question page open in Chromium, its YAML file edited on disk.
How fast the page follows is the benchmark's business (tests/bench/edit_loop.py);
these tests check what the page shows."""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, free_port

sys.path.insert(0, str(ROOT / "tests" / "bench"))
import synth  # noqa: E402

QUESTION = "active-active-multi-region-conflict-resolution"
SOURCE = f"data/questions/{QUESTION}.yml"
# Generous: the first build renders the whole site, on a machine that may be busy.
STARTUP = 900
FOLLOW = 120_000  # ms


def serve_args() -> list[str]:
    """The `mkdocs serve` options of the Makefile's serve target, so the test runs what `make serve` runs."""
    makefile = (ROOT / "Makefile").read_text()
    line = re.search(r"^\t\$\(BIN\)/mkdocs (serve .*?) --dev-addr", makefile, re.M)
    assert line, "the Makefile's serve target no longer runs mkdocs serve ... --dev-addr"
    return line.group(1).split()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from browser import require_browser
    require_browser()
    project = tmp_path_factory.mktemp("serve") / "project"
    synth.snapshot(project)
    port = free_port()
    log = open(project / "serve.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", *serve_args(), "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    url = f"http://127.0.0.1:{port}/questions/{QUESTION}/"
    deadline = time.monotonic() + STARTUP
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except OSError:
                assert server.poll() is None, (project / "serve.log").read_text()[-3000:]
                assert time.monotonic() < deadline, f"the server did not answer in {STARTUP} s"
                time.sleep(1)
        yield project, url
    finally:
        stop(server)
        log.close()


def stop(server: subprocess.Popen) -> None:
    """Ctrl-C, as a developer stops it: the server shuts down its background compile and temp folders."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def edit(project: Path, old: str, new: str) -> str:
    """Replace the first match of `old` (a regex) in the question's file; returns the text before."""
    path = project / SOURCE
    text = path.read_text(encoding="utf-8")
    changed = re.sub(old, new, text, count=1, flags=re.M)
    assert changed != text, f"{SOURCE} no longer matches {old!r}"
    path.write_text(changed, encoding="utf-8")
    return text


def test_a_saved_question_shows_its_new_text(served, page):
    from playwright.sync_api import expect
    project, url = served
    page.goto(url)
    edit(project, r"^title: .*$", "title: Conflict resolution, edited under serve")
    expect(page.locator("h1")).to_contain_text("Conflict resolution, edited under serve", timeout=FOLLOW)


def test_a_data_error_shows_in_the_browser_naming_the_file(served, page):
    from playwright.sync_api import expect
    project, url = served
    page.goto(url)
    before = edit(project, r"^level: .*$", "level: wizard")
    try:
        expect(page.locator("body")).to_contain_text(f"{SOURCE}:", timeout=FOLLOW)
    finally:
        (project / SOURCE).write_text(before, encoding="utf-8")


def test_fixing_the_data_error_brings_the_page_back(served, page):
    from playwright.sync_api import expect
    project, url = served
    page.goto(url)
    before = edit(project, r"^level: .*$", "level: wizard")
    expect(page.locator("body")).to_contain_text(f"{SOURCE}:", timeout=FOLLOW)
    (project / SOURCE).write_text(before, encoding="utf-8")
    title = re.search(r"^title: (.*)$", before, re.M).group(1)
    expect(page.locator("h1")).to_contain_text(title, timeout=FOLLOW)
