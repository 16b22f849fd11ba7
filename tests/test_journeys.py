"""Issue 15's journeys, walked in a real browser with their click budgets.

- A hiring manager goes from the home page through the role-scoping checklist
  and a use case to that use case's kit and prints it: at most 4 clicks, each on a
  link already on the first screen (no scrolling hunt), at 1366 × 900.
- A reader on a phone (390 × 844) goes from the home page to a question, on to
  a skill it probes and back: no page on the way scrolls sideways.
The interviewer's journey (home → question bank → builder) is in
tests/test_question_bank.py."""

from conftest import DATA
from macros.load import load_kb

KB = load_kb(DATA)
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# The use case and the kit a payments team would pick.
USE_CASE = KB.get("use-cases", "ecommerce-and-payments")
KIT = KB.get("roles", "payments-backend-engineer")


def click_on_first_screen(page, link, clicks):
    """Click a link the reader can see without scrolling, and count it."""
    link.wait_for()
    box = link.bounding_box()
    assert box and box["y"] + box["height"] <= page.viewport_size["height"], \
        f"{link} is below the first screen (y = {box and box['y']:.0f})"
    link.click()
    clicks.append(link)


def test_hiring_manager_goes_from_home_to_a_printed_kit_in_four_clicks(chromium, base_url):
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url)
    # A statement, not an expression: Playwright would call a function the script evaluates to.
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1 } }")
    clicks = []
    content = page.locator(".md-content")
    click_on_first_screen(page, content.get_by_role("link", name="role-scoping checklist").first, clicks)
    page.wait_for_url("**/scoping/")
    click_on_first_screen(page, content.get_by_role("link", name=USE_CASE.title, exact=True).first, clicks)
    page.wait_for_url(f"**/use-cases/{USE_CASE.id}/")
    click_on_first_screen(page, content.get_by_role("link", name=KIT.title, exact=True).first, clicks)
    page.wait_for_url(f"**/roles/{KIT.id}/")
    # Instant navigation keeps the page (and the stubbed print) across these clicks.
    click_on_first_screen(page, content.get_by_role("link", name="Print this kit"), clicks)
    printed = page.evaluate("window.__printed")
    context.close()
    assert printed == 1 and len(clicks) <= 4


def test_reader_on_a_phone_never_scrolls_sideways(chromium, base_url):
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    widths = {}

    def measure():
        page.wait_for_load_state("networkidle")
        widths[page.url] = page.evaluate("document.documentElement.scrollWidth")

    page.goto(base_url)
    measure()
    page.locator(".md-content").get_by_role("link", name="interview questions").first.click()
    page.wait_for_url("**/questions/")
    measure()
    question = KB.entries("questions")[0]
    page.locator(f".md-content a[href$='questions/{question.id}/']").first.click()
    page.wait_for_url(f"**/questions/{question.id}/")
    measure()
    skill = KB.get("skills", question.data["skills"][0])
    page.locator(".md-content").get_by_role("link", name=skill.title, exact=True).first.click()
    page.wait_for_url(f"**/skills/{skill.id}/")
    measure()
    page.go_back()
    page.wait_for_url(f"**/questions/{question.id}/")
    measure()
    context.close()
    assert len(widths) == 4 and all(w <= PHONE["width"] for w in widths.values()), widths
