"""Embeds that work anywhere: a build without SITE_URL, oEmbed, candidate-safe
copies, the snippet's fallback height and the exports' encoding.

Most checks read one strict build of the real site made without SITE_URL (the
case a build for an unknown host is in); the with-SITE_URL side is checked on
the compile output of the fixture project, which is quicker than a build.
"""

import html as html_lib
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import DATA, FIXTURE_DATA, ROOT, copy_project, free_port, wait_until
from macros import compile as kb_compile
from macros import embed_height, links, site_address
from macros.audience import Audience
from macros.load import load_kb
from macros.registry import COLLECTIONS
from test_audience import WITH_INTERVIEWER_FIELDS, interviewer_fields, normalise, sentences

KB = load_kb(DATA)
ENTRIES = [e for c in COLLECTIONS for e in KB.entries(c.name)]
QUESTION = KB.get("questions", "kafka-skewed-partitions-keep-per-key-order")
OEMBED_SCHEMA = json.loads((ROOT / "macros" / "api_schemas" / "oembed.schema.json").read_text(encoding="utf-8"))


def ids(entry):
    return entry.source


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """(site folder, stderr) of `mkdocs build --strict` with SITE_URL unset."""
    site_dir = tmp_path_factory.mktemp("bare-site")
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                            cwd=ROOT, capture_output=True, text=True, env={**env, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, f"strict build without SITE_URL failed:\n{result.stdout}\n{result.stderr}"
    return site_dir, result.stderr


@pytest.fixture(scope="module")
def bare_site(bare):
    return bare[0]


@pytest.fixture(scope="module")
def bare_url(bare_site):
    from browser import SiteServer
    with SiteServer(bare_site) as server:
        yield server.url


# ── How the build knows SITE_URL is unset (macros/site_address.py) ──────────

def test_local_fallback_is_the_one_in_mkdocs_yml():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', text, re.M).group(1) == site_address.LOCAL


@pytest.mark.parametrize("env, configured, serving, expected", [
    ("", site_address.LOCAL, False, ""),  # mkdocs.yml's fallback: unknown
    ("", "", False, ""),
    ("https://guide.example/", "https://guide.example/", False, "https://guide.example/"),
    ("https://guide.example/docs", "https://guide.example/docs/", False, "https://guide.example/docs/"),
    ("http://127.0.0.1:8000/", site_address.LOCAL, False, site_address.LOCAL),  # set on purpose
    ("", "https://wiki.corp.example/guide/", False, "https://wiki.corp.example/guide/"),  # written into mkdocs.yml
    ("", "http://127.0.0.1:8000/", True, ""),  # serve replaces site_url with its own address
    ("", "http://0.0.0.0:9000/", True, ""),
    ("https://guide.example", "http://127.0.0.1:8000/", True, "https://guide.example/"),
])
def test_public_address(monkeypatch, env, configured, serving, expected):
    monkeypatch.setenv("SITE_URL", env)
    assert site_address.public(configured, serving) == expected


def test_build_without_site_url_warns_naming_it(bare):
    # ...and the strict build passed (the fixture asserts it).
    assert "SITE_URL is not set" in bare[1] and "oEmbed" in bare[1] and "Markdown exports" in bare[1]


@pytest.mark.parametrize("target", ["site", "techdocs", "zensical"])
def test_compile_without_site_url_warns(tmp_path, target):
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run([sys.executable, "-m", "macros.compile", str(tmp_path / "out"), "--target", target],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "SITE_URL is not set" in result.stderr


# ── No local address in what leaves the site ────────────────────────────────

@pytest.mark.parametrize("folder, pattern", [
    ("api/v1", "**/*.json"), ("api/oembed", "**/*.json"), ("export", "**/*.md"),
    ("roles", "builder.json"), ("roles/scorecard", "*.json"),
])
def test_no_local_address_in_data_files(bare_site, folder, pattern):
    files = sorted((bare_site / folder).glob(pattern))
    assert files, f"no {pattern} under {folder}"
    assert [f.relative_to(bare_site).as_posix() for f in files if "127.0.0.1" in f.read_text(encoding="utf-8")] == []


def snippets(page_html: str) -> list[str]:
    """The text of the code blocks in a page's embed box."""
    box = re.search(r'<details class="tip kb-embed">(.*?)</details>', page_html, re.S)
    return [html_lib.unescape(re.sub(r"<[^>]+>", "", code)) for code in re.findall(r"<pre>(?:<span></span>)?<code>(.*?)</code>", box.group(1), re.S)]


@pytest.mark.parametrize("collection", [c.name for c in COLLECTIONS if c.name != "roles"])
def test_no_local_address_in_embed_snippets(bare_site, collection):
    for entry in KB.entries(collection):
        codes = snippets((bare_site / collection / entry.id / "index.html").read_text(encoding="utf-8"))
        assert codes and all("127.0.0.1" not in c and site_address.LOCAL not in c for c in codes), entry.source
        assert all(c.startswith('<iframe src="{guide-address}/embed/') for c in codes), entry.source


def shown_snippets(page, url: str) -> list[str]:
    """The embed box's snippets as a reader sees them on the page at url, once the script filled them."""
    page.goto(url)
    page.locator("details.kb-embed > summary").click()
    wait_until(page, "!document.querySelector('details.kb-embed pre code').textContent.includes('{guide-address}')")
    return page.locator("details.kb-embed pre code").all_inner_texts()


def test_snippet_takes_the_address_the_page_is_viewed_at(page, bare_url):
    codes = shown_snippets(page, f"{bare_url}questions/{QUESTION.id}/")
    assert codes[0].startswith(f'<iframe src="{bare_url}embed/questions/{QUESTION.id}/"')
    assert codes[1].startswith(f'<iframe src="{bare_url}embed/questions/{QUESTION.id}/candidate/"')
    assert not page.locator("details.kb-embed .kb-embed-fallback").is_visible()


SITE = "https://guide.example/"


@pytest.fixture(scope="module")
def with_site_url(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("with-site-url") / "p", FIXTURE_DATA)
    return kb_compile.compile_project(project, site_url=SITE, target="site")


@pytest.mark.parametrize("path, expected", [
    ("api/oembed/questions/question-one.json", f'src=\\"{SITE}embed/questions/question-one/\\"'),
    ("api/oembed/questions/question-one.json", f'"provider_url": "{SITE}"'),
    ("api/v1/questions/question-one.json", f'"url": "{SITE}questions/question-one/"'),
    ("api/v1/questions.json", f'"url": "{SITE}questions/question-one/"'),
    ("export/questions/question-one.md", f"{SITE}questions/question-one/ (CC BY-SA 4.0)"),
    ("export/questions/question-one.candidate.md", f"{SITE}questions/question-one/ (CC BY-SA 4.0)"),
    ("roles/builder.json", f'"url": "{SITE}questions/question-one/"'),
])
def test_with_site_url_files_use_it(with_site_url, path, expected):
    assert expected in with_site_url.files[path]


def test_with_site_url_the_snippet_and_discovery_link_use_it(with_site_url):
    page = with_site_url.pages["questions/question-one.md"].markdown
    assert f'<iframe src="{SITE}embed/questions/question-one/"' in page
    assert f'"kb_oembed": {{"href": "{SITE}api/oembed/questions/question-one.json"' in page
    assert "{guide-address}" not in page


# ── oEmbed ──────────────────────────────────────────────────────────────────

def oembed_file(site: Path, entry) -> Path:
    return site / links.oembed_path(entry.collection, entry.id)


@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_oembed_response_follows_the_spec(bare_site, entry):
    document = json.loads(oembed_file(bare_site, entry).read_text(encoding="utf-8"))
    errors = [e.message for e in Draft202012Validator(OEMBED_SCHEMA).iter_errors(document)]
    assert errors == []
    assert document["title"] == entry.title


@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_oembed_html_is_an_iframe_of_the_embed_page(bare_site, entry):
    path = oembed_file(bare_site, entry)
    document = json.loads(path.read_text(encoding="utf-8"))
    src = re.fullmatch(r'<iframe src="([^"]+)" title="[^"]+" width="100%" height="(\d+)" [^<>]*></iframe>',
                       document["html"])
    assert src and int(src.group(2)) == document["height"]
    target = (path.parent / src.group(1) / "index.html").resolve()
    assert target == (bare_site / links.embed_path(entry.collection, entry.id) / "index.html").resolve()
    assert target.is_file()


# rel="alternate " (overrides/main.html says why the space).
DISCOVERY = re.compile(r'<link rel="alternate ?" type="application/json\+oembed" href="([^"]+)" title="([^"]+)">')


@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_entry_page_has_one_discovery_link_to_its_oembed_file(bare_site, entry):
    page = bare_site / links.entry_path(entry.collection, entry.id) / "index.html"
    head = page.read_text(encoding="utf-8").split("</head>")[0]
    found = DISCOVERY.findall(head)
    assert len(found) == 1 and len(re.findall(r"json\+oembed", head)) == 1
    href, title = found[0]
    assert html_lib.unescape(title) == entry.title
    assert (page.parent / html_lib.unescape(href)).resolve() == oembed_file(bare_site, entry).resolve()


def test_discovery_link_starts_no_request(page, bare_url):
    # Material fetches sitemap.xml next to every link[rel=alternate]; ours must not be one of them.
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{bare_url}questions/{QUESTION.id}/")
    page.wait_for_load_state("networkidle")
    assert [u for u in requests if "api/oembed" in u] == []


def test_embed_pages_have_no_discovery_link(bare_site):
    page = bare_site / links.embed_path("questions", QUESTION.id) / "index.html"
    assert "json+oembed" not in page.read_text(encoding="utf-8")


# ── Candidate-safe embed copy and export ────────────────────────────────────

def page_text(path: Path) -> str:
    """The visible text of a built page's content, normalised like data text."""
    html = path.read_text(encoding="utf-8")
    body = html[html.index("<article"):html.rindex("</article>")]
    body = re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.S)
    return normalise(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)))


def export_text(path: Path) -> str:
    return normalise(path.read_text(encoding="utf-8-sig"))


def public_sentences(entry) -> list[str]:
    hidden = set(interviewer_fields(entry))
    skip = frozenset(r.id for r in entry.refs)
    return [s for field, value in entry.data.items() if field not in hidden for s in sentences(value, skip)]


def candidate_copies(site: Path, entry) -> dict[str, str]:
    return {"embed": page_text(site / links.candidate_embed_path(entry.collection, entry.id) / "index.html"),
            "export": export_text(site / links.candidate_export_path(entry.collection, entry.id))}


@pytest.mark.parametrize("entry", WITH_INTERVIEWER_FIELDS, ids=ids)
def test_candidate_copies_leave_out_interviewer_text(bare_site, entry):
    full = page_text(bare_site / links.embed_path(entry.collection, entry.id) / "index.html")
    for kind, text in candidate_copies(bare_site, entry).items():
        for field in interviewer_fields(entry):
            on_full = [s for s in sentences(entry.data[field]) if s in full]
            assert [s for s in on_full if s in text] == [], f"{kind}: {field} is in the candidate-safe copy"
        assert "kb-interviewer" not in text


@pytest.mark.parametrize("entry", WITH_INTERVIEWER_FIELDS, ids=ids)
def test_candidate_copies_keep_the_public_text(bare_site, entry):
    full = page_text(bare_site / links.embed_path(entry.collection, entry.id) / "index.html")
    shown = [s for s in public_sentences(entry) if s in full] or [normalise(entry.title)]
    for kind, text in candidate_copies(bare_site, entry).items():
        assert normalise(entry.title) in text, kind
        assert [s for s in shown if s not in text] == [], f"{kind}: public text missing"


def test_some_interviewer_text_was_there_to_leave_out(bare_site):
    # The leave-out test above passes vacuously if the full copies showed no interviewer text.
    full = page_text(bare_site / links.embed_path("questions", QUESTION.id) / "index.html")
    assert any(s in full for s in sentences(QUESTION.data["rubric"]))


def test_candidate_copies_are_offered_on_the_entry_page(bare_site):
    html = (bare_site / "questions" / QUESTION.id / "index.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="kb-meta kb-elsewhere"[^>]*>(.*?)</p>', html).group(1)
    assert f'href="../../export/questions/{QUESTION.id}.candidate.md">Markdown for candidates<' in line
    assert f'href="../../embed/questions/{QUESTION.id}/candidate/">Embed page for candidates<' in line
    assert len(snippets(html)) == 2


# ── Fallback height ─────────────────────────────────────────────────────────

AUDIENCE = Audience.from_schemas(DATA / "schemas")


@pytest.mark.parametrize("entry", [KB.entries(c.name)[0] for c in COLLECTIONS if c.name != "roles"] + [QUESTION], ids=ids)
def test_snippet_height_is_the_entry_estimate(bare_site, entry):
    code = snippets((bare_site / entry.collection / entry.id / "index.html").read_text(encoding="utf-8"))[0]
    height = int(re.search(r'height="(\d+)"', code).group(1))
    assert height == embed_height.estimate(entry, AUDIENCE)
    assert embed_height.MIN_PX <= height <= embed_height.MAX_PX


def test_estimates_differ_with_length():
    heights = {embed_height.estimate(e, AUDIENCE) for e in ENTRIES}
    assert len(heights) > 10, "one height for every entry is the fixed height again"


def test_frame_in_a_host_without_script_gets_the_snippet_height(page, bare_url, tmp_path):
    from browser import SiteServer
    snippet = shown_snippets(page, f"{bare_url}questions/{QUESTION.id}/")[0]
    expected = int(re.search(r'height="(\d+)"', snippet).group(1))
    (tmp_path / "index.html").write_text(f"<!doctype html><html lang=en><title>Wiki</title><body>{snippet}</body></html>",
                                         encoding="utf-8")
    with SiteServer(tmp_path) as host:  # another origin, and no script on it
        page.goto(host.url)
        frame = page.locator("iframe")
        frame.scroll_into_view_if_needed()
        box = frame.bounding_box()
        assert round(box["height"]) == expected
        assert page.frames[1].url.startswith(f"{bare_url}embed/questions/{QUESTION.id}/")


# ── Exports read as UTF-8 from a plain static server ────────────────────────

def test_exports_start_with_a_byte_order_mark(bare_site):
    files = sorted((bare_site / "export").rglob("*.md"))
    assert files and [f.name for f in files if not f.read_bytes().startswith(b"\xef\xbb\xbf")] == []


@pytest.fixture(scope="module")
def plain_server(bare_site):
    """`python -m http.server`: .md as text/markdown and no charset."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                "-d", str(bare_site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.parametrize("which", ["export", "candidate export"])
def test_export_reads_intact_from_a_plain_static_server(page, bare_site, plain_server, which):
    files = sorted((bare_site / "export").rglob("*.candidate.md" if which == "candidate export" else "*.md"))
    path, sample = next((f, m.group(0)) for f in files
                        for m in [re.search(r"[^\n]{0,15}[^\x00-\x7f\ufeff][^\n]{0,15}", f.read_text(encoding="utf-8-sig"))] if m)
    url = plain_server + path.relative_to(bare_site).as_posix()
    with urllib.request.urlopen(url) as response:
        assert "charset" not in response.headers["Content-Type"]  # the case the mark is for
    page.goto(url)
    assert page.evaluate("document.characterSet") == "UTF-8"
    assert sample in page.evaluate("document.body.innerText")
