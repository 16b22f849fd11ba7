"""Nothing Material's script does at start-up restyles the whole page.

Two changes Material's script makes once it runs, after the first paint, each
restyled every element of the page (issue 13: the longest tasks on a kit page on a
phone). overrides/main.html makes them in the head, before the body is parsed, so
the script finds nothing to change:
- the root element's classes: Material swaps no-js for js and its focus-visible
  polyfill adds js-focus-visible and data-js-focus-visible;
- the head's addresses: instant navigation makes every relative href and src
  absolute, and new addresses on the stylesheets' links restyle everything.
If a Material update adds another such change, the checks after load name it.
(The palette, Material's third: tests/test_palette_startup.py.)
"""
import pytest

from conftest import csp_violations

PAGES = ["", "questions/", "questions/bank/", "roles/payments-backend-engineer/"]

# Runs as the document is created: records the root's classes once the body exists,
# which is before any script at the end of the body runs.
AT_BODY = r"""
new MutationObserver(function (records, observer) {
  if (!document.body) return
  observer.disconnect()
  var root = document.documentElement
  var relative = []
  document.querySelectorAll("head [href], head [src]").forEach(function (e) {
    ["href", "src"].forEach(function (a) { var v = e.getAttribute(a); if (v && !/^(?:[a-z]+:)?\/\//i.test(v)) relative.push(v) })
  })
  window.__kbRootAtBody = {classes: root.className, focusVisible: root.hasAttribute("data-js-focus-visible"), relative: relative}
}).observe(document, {childList: true, subtree: true})
"""


@pytest.fixture
def watched(chromium):
    """A fresh page that records the root and the head as the body starts (AT_BODY)."""
    context = chromium.new_context()
    context.add_init_script(AT_BODY)
    violations = csp_violations(context)
    yield context.new_page()
    context.close()
    assert violations == [], "a head script is not allowed by the page's Content-Security-Policy"


@pytest.mark.parametrize("path", PAGES)
def test_the_root_has_its_scripted_classes_when_the_body_starts(watched, base_url, path):
    watched.goto(base_url + path)
    at_body = watched.evaluate("window.__kbRootAtBody")
    assert set(at_body["classes"].split()) == {"js", "js-focus-visible"}, at_body
    assert at_body["focusVisible"], "data-js-focus-visible is set only after the body started"


@pytest.mark.parametrize("path", PAGES)
def test_nothing_changes_the_roots_classes_after_the_body_starts(watched, base_url, path):
    watched.goto(base_url + path)
    watched.wait_for_load_state("networkidle")
    at_body = set(watched.evaluate("window.__kbRootAtBody.classes").split())
    after = set(watched.evaluate("document.documentElement.className").split())
    assert after == at_body, f"added after the first paint: {sorted(after - at_body)}; removed: {sorted(at_body - after)}"


def test_without_scripts_the_root_keeps_no_js(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "roles/payments-backend-engineer/")
    classes = page.locator("html").get_attribute("class")
    data = page.locator("html").get_attribute("data-js-focus-visible")
    context.close()
    assert classes == "no-js" and data is None, (classes, data)


@pytest.mark.parametrize("path", PAGES)
def test_the_heads_addresses_are_absolute_when_the_body_starts(watched, base_url, path):
    watched.goto(base_url + path)
    assert watched.evaluate("document.querySelector('script#__config').textContent").count("navigation.instant") == 1, \
        "the test site is built without instant navigation: nothing rewrites the addresses"
    relative = watched.evaluate("window.__kbRootAtBody.relative")
    assert relative == [], f"left for instant navigation to rewrite after the first paint: {relative}"


def test_no_stylesheet_or_script_is_fetched_twice(chromium, base_url):
    context = chromium.new_context()
    page = context.new_page()
    fetched = []
    page.on("request", lambda r: r.resource_type in ("stylesheet", "script") and fetched.append(r.url))
    page.goto(base_url + "roles/payments-backend-engineer/")
    page.wait_for_load_state("networkidle")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    context.close()
    assert [u for u in set(fetched) if fetched.count(u) > 1] == []
    assert header not in ("rgba(0, 0, 0, 0)", "transparent"), "the theme's stylesheet is not applied"
