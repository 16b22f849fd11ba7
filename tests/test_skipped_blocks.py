"""Long pages skip the style and layout of their tables while they are off
screen (docs/assets/guide.css, content-visibility: auto): most of the questions
index's blocking time on a phone went to restyling its rows while Material
starts. What the reader reaches must not change: links to anchors, the tab stop
on a wide table, printing."""


from conftest import DATA, PHONE
from macros.load import load_kb

KB = load_kb(DATA)
KIT = f"roles/{KB.entries('roles')[0].id}/"


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
    phone.wait_for_function("e => e.getAttribute('tabindex') === '0'", arg=frame.element_handle())
    assert frame.get_attribute("aria-label").startswith("Coverage: table ")


def test_printing_renders_every_table(phone, base_url):
    phone.goto(base_url + "questions/")
    phone.emulate_media(media="print")
    last = phone.locator(".md-typeset > .md-typeset__scrollwrap").last
    assert last.evaluate("e => getComputedStyle(e).contentVisibility") == "visible"
