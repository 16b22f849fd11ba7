"""The second line of defence, on its own: what if a payload got past the validator?

The validator refuses every payload below (tests/test_text_rules.py and
test_rules.py say so, one message each). Here a test-only hook switches its text
rules off, as if it had missed them all, and the fixture knowledge base is built
with the payloads planted in one question. Then:

- the strict build fails, naming the page and what the HTML sanitiser removed;
- the non-strict build's pages, opened in Chromium with their
  Content-Security-Policy enforced, open no dialog, send no request off the site,
  carry no planted element, attribute or script URL, and show the planted title as text.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser import SiteServer
from conftest import FIXTURE_DATA, copy_project, csp_violations

EVIL = "evil.example"

# One line per payload class, each in a paragraph of its own. alert() names the class.
PAYLOADS = {
    "raw script": '<script>alert("raw-script")</script>',
    "event handler": "<img src=\"x.png\" onerror=\"alert('img-onerror')\">",
    "attribute list handler and builder id": (
        "Planted [attr-onclick](../){: onclick=\"alert('attr-onclick')\" #kit-builder-app "
        f'data-source="https://{EVIL}/builder.json" }}'),
    "entity-encoded script URL": "[js-entity](&#106;avascript:alert('js-entity'))",
    "attribute list href": "[js-attr](../){: href=\"&#106;avascript:alert('js-attr')\" }",
    "whitespace-split script URL": "[js-tab](java\tscript:alert('js-tab'))",
    "data URL": "[data-url](data:text/html;base64,PHNjcmlwdD5hbGVydCgnZGF0YScpPC9zY3JpcHQ+)",
    "offsite image": f"![tracker](https://{EVIL}/pixel.png)",
    "srcset and ping": (f'![local](../logo.png){{: srcset="https://{EVIL}/set.png 2x" }} '
                        f'[ping](../){{: ping="https://{EVIL}/ping" }}'),
    "style overlay": "Overlay{: style=\"position:fixed;inset:0;z-index:9999;background:red\" }",
    "iframe": f'<iframe src="https://{EVIL}/frame"></iframe>',
    "md_in_html block": (f'<div markdown="1" id="kit-builder-app" data-source="https://{EVIL}/b.json">'
                         "\n\nmd-in-html\n\n</div>"),
}
TITLE = "Question one <img src=x onerror=alert('title')>"

# Test only: the validator's text rules switched off, as if they had missed everything.
BYPASS = '''
from macros import rules, text_rules
text_rules.problems = lambda text: []
rules.RULES = tuple(r for r in rules.RULES if not r.id.startswith(("TXT", "LNK")))
'''


def _yaml_block(text: str) -> str:
    return "".join(f"  {line}\n" if line else "\n" for line in text.splitlines())


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project", FIXTURE_DATA)
    question = project / "data" / "questions" / "question-one.yml"
    text = question.read_text()
    body = "\n\n".join(PAYLOADS.values())
    text = text.replace("title: Question one", f'title: "{TITLE}"', 1)
    text = text.replace("prompt: A made-up prompt about a widget (WGT) used only by the engine tests.",
                        "prompt: |\n" + _yaml_block("A made-up prompt.\n\n" + body), 1)
    assert "alert(" in text, "the fixture question changed: update the payload test"
    question.write_text(text)
    (project / "macros" / "hooks" / "bypass_validator.py").write_text(BYPASS)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("hooks:\n", "hooks:\n  - macros/hooks/bypass_validator.py\n", 1))
    return project


def _build(project: Path, site: Path, strict: bool) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site), *(["--strict"] if strict else [])],
                          cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1/"})


@pytest.fixture(scope="module")
def hostile_site(hostile_project, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("hostile-site")
    result = _build(hostile_project, site, strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_strict_build_fails_naming_the_page_and_what_was_removed(hostile_project, tmp_path):
    result = _build(hostile_project, tmp_path / "site", strict=True)
    assert result.returncode != 0
    assert "WARNING -  questions/question-one.md: the HTML sanitiser removed" in result.stderr, result.stderr
    assert "(source: data/questions/question-one.yml)" in result.stderr
    assert "<script>" in result.stderr and f'<iframe src="https://{EVIL}/frame">' in result.stderr
    assert not (tmp_path / "site").exists(), "a failed build must leave nothing to publish"


# Pages that show the planted question: its page, its embed copy, the question
# index, the tags page and the kit builder (whose JSON carries the prompt).
PAGES = ["questions/question-one/", "embed/questions/question-one/", "questions/", "tags/", "roles/builder/"]


@pytest.mark.parametrize("path", PAGES)
def test_planted_payloads_do_nothing_in_the_browser(chromium, hostile_site, path):
    with SiteServer(hostile_site) as server:
        origin = urlsplit(server.url).netloc
        context = chromium.new_context()
        context.set_default_timeout(30_000)  # a loaded CI machine
        violations = csp_violations(context)
        dialogs, offsite = [], []
        context.on("request", lambda r: offsite.append(r.url) if urlsplit(r.url).netloc not in (origin, "") else None)
        def open_page():
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(server.url + path, wait_until="domcontentloaded")
            page.wait_for_load_state("networkidle")
            return page

        # Follow every planted link the way a reader would: hover, then click. Each
        # on a page of its own: what a click starts (a 404 page that moves on to the
        # closest entry) cannot race the next page load.
        for name in ("attr-onclick", "js-entity", "js-attr", "js-tab", "data-url", "ping"):
            page = open_page()
            link = page.get_by_text(name, exact=True)
            if link.count():
                link.first.hover()
                link.first.click(no_wait_after=True)
                page.wait_for_timeout(100)
                if urlsplit(page.url).netloc != origin or page.url.startswith(("javascript", "data")):
                    offsite.append(page.url)
            page.close()
        page = open_page()
        planted = page.evaluate("""() => ({
            builders: document.querySelectorAll('#kit-builder-app').length,
            scripts: [...document.querySelectorAll('script:not([src])')].filter(s => s.textContent.includes('alert')).length,
            frames: document.querySelectorAll('iframe').length,
            styled: document.querySelectorAll('.md-content [style*="fixed"]').length,
            handlers: [...document.querySelectorAll('.md-content *')].filter(e => [...e.attributes].some(a => a.name.startsWith('on') || a.name === 'ping' || a.name === 'srcset')).length,
            badLinks: [...document.querySelectorAll('a[href]')].filter(a => /^\\s*(javascript|data|vbscript):/i.test(a.getAttribute('href'))).length,
        })""")
        context.close()
    assert dialogs == []
    assert offsite == []
    assert violations == []
    assert planted == {"builders": 1 if path == "roles/builder/" else 0, "scripts": 0, "frames": 0,
                       "styled": 0, "handlers": 0, "badLinks": 0}


def test_planted_title_is_text_in_the_header_and_the_browser_tab(chromium, hostile_site):
    with SiteServer(hostile_site) as server:
        context = chromium.new_context()
        page = context.new_page()
        page.goto(server.url + "questions/question-one/")
        title = page.title()
        header = page.locator(".md-header__topic[data-md-component=header-topic] .md-ellipsis").text_content()
        images = page.locator("header img, .md-header img").count()
        context.close()
    assert title.startswith(TITLE)
    assert header.strip() == TITLE
    assert images == 0


@pytest.mark.parametrize("strict", [False, True], ids=["build that passes", "build that fails"])
def test_a_build_leaves_no_work_folder(hostile_project, tmp_path, strict):
    """The entry pages, data files, spilled HTML and search documents wait in the
    system's temporary folder during a build (macros/hooks/site.py, pagefind.py)."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site"),
                             *(["--strict"] if strict else [])], cwd=hostile_project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1/", "TMPDIR": str(temp)})
    assert (result.returncode != 0) == strict, result.stderr
    assert sorted(p.name for p in temp.iterdir()) == []
