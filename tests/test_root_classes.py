"""The root element's classes are final before the body is parsed.

Material's script swaps no-js for js and its focus-visible polyfill adds
js-focus-visible and data-js-focus-visible; run at the end of the body, after the
first paint, the change restyled every element (a whole-page restyle at start-up,
issue 13). overrides/main.html sets the same in the head. If a Material update adds
another class at start-up, the check after load names it.
"""
import pytest

from conftest import csp_violations

PAGES = ["", "questions/", "questions/bank/", "roles/payments-backend-engineer/"]

# Runs as the document is created: records the root's classes once the body exists,
# which is before any script at the end of the body runs.
AT_BODY = """
new MutationObserver(function (records, observer) {
  if (!document.body) return
  observer.disconnect()
  var root = document.documentElement
  window.__kbRootAtBody = {classes: root.className, focusVisible: root.hasAttribute("data-js-focus-visible")}
}).observe(document, {childList: true, subtree: true})
"""


@pytest.mark.parametrize("path", PAGES)
def test_the_root_has_its_scripted_classes_when_the_body_starts(chromium, base_url, path):
    context = chromium.new_context()
    context.add_init_script(AT_BODY)
    violations = csp_violations(context)
    page = context.new_page()
    page.goto(base_url + path)
    at_body = page.evaluate("window.__kbRootAtBody")
    context.close()
    assert set(at_body["classes"].split()) == {"js", "js-focus-visible"}, at_body
    assert at_body["focusVisible"], "data-js-focus-visible is set only after the body started"
    assert violations == [], "the head script is not allowed by the page's Content-Security-Policy"


@pytest.mark.parametrize("path", PAGES)
def test_nothing_changes_the_roots_classes_after_the_body_starts(chromium, base_url, path):
    context = chromium.new_context()
    context.add_init_script(AT_BODY)
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    at_body = set(page.evaluate("window.__kbRootAtBody.classes").split())
    after = set(page.evaluate("document.documentElement.className").split())
    context.close()
    assert after == at_body, f"added after the first paint: {sorted(after - at_body)}; removed: {sorted(at_body - after)}"


def test_without_scripts_the_root_keeps_no_js(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "roles/payments-backend-engineer/")
    classes = page.locator("html").get_attribute("class")
    data = page.locator("html").get_attribute("data-js-focus-visible")
    context.close()
    assert classes == "no-js" and data is None, (classes, data)
