"""Long pages skip the style and layout of their tables while they are off
screen (docs/assets/guide.css, content-visibility: auto): most of the questions
index's blocking time on a phone went to restyling its rows while Material
starts. A kit page skips its follow-ups the same way (not its code: see guide.css),
and the question bank its list items (question-bank.css).
What the reader reaches must not change: where everything is, links to
anchors, the tab stop on a wide table, printing."""

import pytest

from conftest import DATA, PHONE, wait_until
from macros.load import load_kb

KB = load_kb(DATA)
KIT = f"roles/{KB.entries('roles')[0].id}/"


def _code_blocks(kit) -> int:
    return sum(KB.get("questions", q).data["prompt"].count("```") for s in kit.data["stages"] for q in s["questions"])


# The kit with the most code: the largest page, with each kind of skipped block.
BIG_KIT = max(KB.entries("roles"), key=_code_blocks)
BIG = f"roles/{BIG_KIT.id}/"
# Its last question's heading (macros/templates/entry/roles.md.j2 names it).
BIG_LAST_QUESTION = f"stage-{len(BIG_KIT.data['stages'])}-{BIG_KIT.data['stages'][-1]['questions'][-1]}"


def test_the_questions_index_last_table_is_not_rendered_at_load(phone, base_url):
    phone.goto(base_url + "questions/")
    phone.wait_for_load_state("networkidle")
    last = phone.locator(".md-typeset > .md-typeset__scrollwrap").last
    assert last.evaluate("e => e.querySelector('td').checkVisibility({ contentVisibilityAuto: true })") is False


def test_a_link_to_a_heading_after_skipped_tables_lands_on_it(phone, base_url):
    phone.goto(base_url + "questions/")
    anchor = phone.locator(".md-typeset > h2[id]").last.get_attribute("id")
    phone.goto(base_url + "questions/#" + anchor)
    phone.wait_for_load_state("networkidle")
    phone.wait_for_timeout(300)  # the tables before it are laid out as they come near
    top = phone.locator("#" + anchor).evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top <= PHONE["height"] / 4, top


def test_a_wide_table_becomes_a_tab_stop_once_laid_out(phone, base_url):
    """assets/guide.js checks whether a table scrolls once it is laid out."""
    phone.goto(base_url + KIT)
    phone.wait_for_load_state("networkidle")
    frame = phone.locator("#coverage ~ .md-typeset__scrollwrap").first
    frame.scroll_into_view_if_needed()
    wait_until(phone, "e => e.getAttribute('tabindex') === '0'", arg=frame.element_handle())
    assert frame.get_attribute("aria-label").startswith("Coverage: table ")


def test_printing_renders_every_table(phone, base_url):
    phone.goto(base_url + "questions/")
    phone.emulate_media(media="print")
    last = phone.locator(".md-typeset > .md-typeset__scrollwrap").last
    assert last.evaluate("e => getComputedStyle(e).contentVisibility") == "visible"


# ── A kit page: follow-ups are skipped off screen ──────────────────────────────

# The last of each kind of block on the kit page, far below the first screen.
KIT_BLOCKS = {
    "follow-ups": ".kb-stage .kb-kit-follow-ups",
}


@pytest.mark.parametrize("block", KIT_BLOCKS)
def test_a_kit_page_does_not_render_its_last_blocks_at_load(phone, base_url, block):
    phone.goto(base_url + BIG)
    phone.wait_for_load_state("networkidle")
    last = phone.locator(KIT_BLOCKS[block]).last
    assert last.evaluate("e => e.firstElementChild.checkVisibility({ contentVisibilityAuto: true })") is False


# Every heading, paragraph, code block and table of the kit, with where it is
# once the whole page has been laid out: skipping must not move anything.
POSITIONS = """() => [...document.querySelectorAll('article :is(h2, h3, h4, p, pre, table, ol)')]
  .map(e => e.tagName + ' ' + Math.round(e.getBoundingClientRect().top + scrollY) + ' ' + Math.round(e.getBoundingClientRect().height))"""

NO_SKIPPING = "* { content-visibility: visible !important; contain-intrinsic-size: none !important; }"


def _laid_out_positions(page, url, css=None):
    page.route("**/assets/scorecard.js", lambda route: route.abort())  # the paper scorecard stays in both
    page.goto(url)
    if css:
        page.add_style_tag(content=css)
    page.wait_for_load_state("networkidle")
    _scroll_through(page)
    return page.evaluate(POSITIONS)


def _scroll_through(page):
    """Bring every block near the screen once, then back to the top. The page
    grows as skipped blocks are laid out at their real size: its height is read
    again at each step."""
    y = 0
    while y < page.evaluate("document.documentElement.scrollHeight") + 800:
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(20)
        y += 400
    page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("width", [390, 1366])
def test_skipping_moves_nothing_on_a_kit_page(chromium, base_url, width):
    context = chromium.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    skipped = _laid_out_positions(page, base_url + BIG)
    plain = _laid_out_positions(page, base_url + BIG, NO_SKIPPING)
    context.close()
    assert skipped == plain


def test_a_link_to_a_kit_question_lands_on_it(phone, base_url):
    anchor = BIG_LAST_QUESTION
    phone.goto(base_url + BIG + "#" + anchor)
    phone.wait_for_load_state("networkidle")
    phone.wait_for_timeout(300)  # the blocks before it are laid out as they come near
    top = phone.locator("#" + anchor).evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top <= PHONE["height"] / 4, top


@pytest.mark.parametrize("block", KIT_BLOCKS)
def test_printing_a_kit_renders_every_block(phone, base_url, block):
    phone.goto(base_url + BIG)
    phone.emulate_media(media="print")
    last = phone.locator(KIT_BLOCKS[block]).last
    assert last.evaluate("e => getComputedStyle(e).contentVisibility") == "visible"


# ── The question bank: list items are skipped off screen ───────────────────────

BANK = "questions/bank/"
BANK_ITEMS = ".md-content .kb-bank > ul > li"


def test_the_banks_last_item_is_not_rendered_at_load(phone, base_url):
    phone.goto(base_url + BANK)
    phone.locator(BANK_ITEMS + " .kb-bank__check").first.wait_for(state="attached")  # the script has run
    last = phone.locator(BANK_ITEMS).last
    assert last.evaluate("e => e.firstElementChild.checkVisibility({ contentVisibilityAuto: true })") is False


@pytest.mark.parametrize("width", [390, 1366])
def test_skipping_moves_nothing_in_the_bank(chromium, base_url, width):
    context = chromium.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    spots = {}
    for name, css in (("skipped", None), ("plain", NO_SKIPPING)):
        page.goto(base_url + BANK)
        if css:
            page.add_style_tag(content=css)
        page.locator(BANK_ITEMS + " .kb-bank__check").first.wait_for(state="attached")
        _scroll_through(page)
        spots[name] = page.evaluate(f"""() => [...document.querySelectorAll('{BANK_ITEMS}')]
          .map(e => Math.round(e.getBoundingClientRect().top + scrollY) + ' ' + Math.round(e.getBoundingClientRect().height))""")
    context.close()
    assert spots["skipped"] == spots["plain"]


def test_the_banks_last_item_can_be_picked(phone, base_url):
    phone.goto(base_url + BANK)
    pick = phone.locator(BANK_ITEMS + " .kb-bank__pick").last
    pick.scroll_into_view_if_needed()
    pick.click()
    assert phone.locator(BANK_ITEMS + " .kb-bank__check").last.is_checked()
    assert phone.locator(".kb-bank__picked").text_content().startswith("1 question selected")


def test_the_pick_labels_focus_ring_is_not_clipped(phone, base_url):
    """Skipped items contain their paint: the ring 4 px outside the label must
    still fit inside the item's clip (question-bank.css, overflow-clip-margin)."""
    phone.goto(base_url + BANK)
    item = phone.locator(BANK_ITEMS).first
    item.locator(".kb-bank__check").focus()
    phone.keyboard.press("Shift+Tab")
    phone.keyboard.press("Tab")  # focus from the keyboard: the ring shows
    ring = item.evaluate("""li => {
      const pick = li.querySelector('.kb-bank__pick'), s = getComputedStyle(pick)
      const out = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset)
      const p = pick.getBoundingClientRect(), l = li.getBoundingClientRect()
      const margin = parseFloat(getComputedStyle(li).overflowClipMargin) || 0
      return {outside: out, room: Math.min(p.left - l.left, p.top - l.top, l.bottom - p.bottom) + margin}
    }""")
    assert ring["outside"] > 0, "the label shows no focus ring"
    assert ring["room"] >= ring["outside"], ring


def test_printing_the_bank_renders_every_item(phone, base_url):
    phone.goto(base_url + BANK)
    phone.emulate_media(media="print")
    assert phone.locator(BANK_ITEMS).last.evaluate("e => getComputedStyle(e).contentVisibility") == "visible"
