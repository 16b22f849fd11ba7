"""Shared fixtures: the real knowledge base, the fixture one, and the real site built once."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SCHEMAS = DATA / "schemas"
FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"

sys.path.insert(0, str(ROOT))

from macros.load import load_kb  # noqa: E402
from browser import free_port  # noqa: E402,F401  (tests import it from here)


# The real site is built for the address the browser tests serve it on: Material's
# instant navigation only follows links within site_url.
SITE_PORT = free_port()


def build_site(project: Path, site_dir: Path, site_url: str = f"http://127.0.0.1:{SITE_PORT}/") -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project folder; returns the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        # The public guide: an OVERLAY in the developer's shell must not change it (tests/test_overlay.py builds one).
        env={**{k: v for k, v in os.environ.items() if k != "OVERLAY"}, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url},
    )


def copy_project(dest: Path, data: Path) -> Path:
    """A copy of the project's site sources with another data folder (schemas stay the real ones)."""
    skip = shutil.ignore_patterns("__pycache__")
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest)
    for name in ("docs", "macros", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=skip)
    shutil.copytree(data, dest / "data", ignore=shutil.ignore_patterns("schemas", "__pycache__"))
    shutil.copytree(SCHEMAS, dest / "data" / "schemas")
    return dest


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the fixture data folder that a test may break (schemas stay the real ones)."""
    dest = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, dest)
    return dest


def replace(data: Path, rel: str, old: str, new: str) -> None:
    """Edit one fixture file in a copy; fails if the fixture no longer holds `old`."""
    path = data / rel
    text = path.read_text()
    assert old in text, f"fixture {rel} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1))


@pytest.fixture(scope="session")
def kb():
    return load_kb(DATA)


@pytest.fixture(scope="session")
def fixture_kb():
    return load_kb(FIXTURE_DATA, SCHEMAS)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session with --strict."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def base_url(site):
    """The real site served on 127.0.0.1 for the browser tests."""
    from browser import SiteServer
    with SiteServer(site, SITE_PORT) as server:
        yield server.url


@pytest.fixture(scope="session")
def chromium():
    from browser import ARGS, CHROMIUM, require_browser
    require_browser()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


# Every browser test runs with the pages' Content-Security-Policy enforced (it is
# in each page's <meta>); a violation anywhere fails the test that caused it.
_REPORT_CSP = """document.addEventListener("securitypolicyviolation", e =>
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${location.pathname}`))"""


def wait_until(page, expression: str, arg=None, timeout: float = 10.0) -> None:
    """Wait until `expression` (or the function it spells, called with `arg`) is
    true in the page, polled from here. Playwright's wait_for_function polls by
    evaluating the string inside the page, which the site's Content-Security-Policy
    forbids (no 'unsafe-eval'): it only works when the first check is already true.
    page.evaluate is not subject to the policy."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(50)


def csp_violations(context) -> list[str]:
    """Start collecting CSP violations in a browser context; returns the live list."""
    found = []
    context.add_init_script(_REPORT_CSP)
    context.on("console", lambda m: found.append(m.text) if "CSP violation" in m.text
               or "Content Security Policy" in m.text else None)
    return found


@pytest.fixture
def page(chromium):
    context = chromium.new_context(color_scheme="light")
    context.set_default_timeout(10_000)
    violations = csp_violations(context)
    page = context.new_page()
    yield page
    context.close()
    assert violations == [], "the page broke its Content-Security-Policy"


PHONE = {"width": 390, "height": 844}  # the phone of issue 15


@pytest.fixture
def phone(chromium):
    """A page in a phone-sized window."""
    context = chromium.new_context(viewport=PHONE)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()
