"""Printing, as an interviewer does it: a question page prints as a one-page A4
interviewer sheet (prompt, bands with boxes, follow-ups, room for notes), a kit
prints a stage per page with its follow-ups, and the candidate-safe view prints
nothing interviewer-only. The sheet's layout is docs/assets/guide.css; which
questions get the smaller type is macros/print_sheet.py."""

import re

import pytest
from playwright.sync_api import expect

from conftest import DATA
from macros import print_sheet
from macros.load import load_kb

KB = load_kb(DATA)
QUESTIONS = KB.entries("questions")
KITS = KB.entries("roles")
# A short question and a long one (the smaller type).
SHORT = "idempotency-keys-for-payment-api"
LONG = "event-sourced-ledger-schema-and-replay"


def pdf_pages(page) -> int:
    """Pages in what Chromium prints, at A4 as the stylesheet's @page asks."""
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def displayed(locator) -> bool:
    return locator.evaluate("e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0")


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_question_sheet_fits_one_a4_page(page, base_url, question):
    page.goto(f"{base_url}questions/{question.id}/")
    pages = pdf_pages(page)
    assert pages == 1, (f"{question.source} prints on {pages} A4 pages; shorten it, or lower "
                        f"macros/print_sheet.py's thresholds so it gets the smaller type")


def test_the_sheet_is_not_the_whole_page_on_screen(page, base_url):
    page.goto(f"{base_url}questions/{SHORT}/")
    expect(page.locator(".kb-sheet-notes")).to_be_hidden()


@pytest.mark.parametrize("part", ["#prompt", "#rubric-proficient", "#follow-ups", "#red-flag-answers",
                                  ".kb-sheet-notes"])
def test_the_sheet_prints_what_the_interviewer_works_from(page, base_url, part):
    page.goto(f"{base_url}questions/{SHORT}/")
    page.emulate_media(media="print")
    assert displayed(page.locator(part).first), part


@pytest.mark.parametrize("part", ["#reveals", "#notes", "#patterns", "#from-roles-stages", "#terms", ".kb-meta",
                                  ".kb-kit-actions", ".md-header", ".md-footer"])
def test_the_sheet_leaves_out_background_and_chrome(page, base_url, part):
    page.goto(f"{base_url}questions/{SHORT}/")
    page.emulate_media(media="print")
    assert not displayed(page.locator(part).first), part


def test_each_rubric_item_has_a_box_to_tick(page, base_url):
    page.goto(f"{base_url}questions/{SHORT}/")
    page.emulate_media(media="print")
    boxes = page.locator(".kb-rubric li, .kb-red-flag-answers li").evaluate_all(
        "els => els.map(e => getComputedStyle(e, '::before').borderTopStyle)")
    assert boxes and set(boxes) == {"solid"}, boxes


@pytest.mark.parametrize("question,size", [(SHORT, 7.0), (LONG, 6.4)])
def test_only_the_longest_questions_get_the_smaller_type(page, base_url, question, size):
    page.goto(f"{base_url}questions/{question}/")
    page.emulate_media(media="print")
    pixels = float(page.locator(".md-content .md-typeset").evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert pixels == pytest.approx(size * 96 / 72, abs=0.05)


def test_candidate_safe_sheet_prints_no_interviewer_part(page, base_url):
    page.goto(f"{base_url}questions/{SHORT}/?view=candidate")
    page.emulate_media(media="print")
    shown = page.locator(".kb-interviewer, .kb-sheet-notes").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length).length")
    assert shown == 0


def test_candidate_safe_sheet_keeps_the_prompt(page, base_url):
    page.goto(f"{base_url}questions/{SHORT}/?view=candidate")
    page.emulate_media(media="print")
    assert displayed(page.locator("#prompt"))


def test_the_whole_guide_prints_as_a_guide_not_a_sheet(site):
    # The sheet's rules apply under .kb-question-actions, which only a question's
    # own page carries (too long a page to print in a test within its time limit).
    parts = sorted((site / "integrate" / "whole-guide").glob("questions-*/index.html"))
    html = "".join(part.read_text() for part in parts)
    assert "kb-not-on-sheet" in html and "kb-question-actions" not in html


@pytest.mark.parametrize("kit", KITS, ids=lambda k: k.id)
def test_printed_kit_has_every_follow_up_with_what_to_listen_for(page, base_url, kit):
    page.goto(f"{base_url}roles/{kit.id}/")
    page.emulate_media(media="print")
    text = page.locator(".md-content").inner_text()
    probes = [f["probe"] for s in kit.data["stages"] for q in s["questions"]
              for f in KB.get("questions", q).data["follow_ups"]]
    plain = [re.sub(r"[`*]", "", p) for p in probes]  # Markdown marks are not printed
    missing = [p for p in plain if " ".join(p.split()[:6]) not in " ".join(text.split())]
    assert not missing, missing[:3]
    assert text.count("Listen for:") == len(probes)


def test_printed_kit_starts_each_stage_on_a_new_page(page, base_url):
    kit = KITS[0]
    page.goto(f"{base_url}roles/{kit.id}/")
    page.emulate_media(media="print")
    breaks = page.locator(".kb-stage").evaluate_all("els => els.map(e => getComputedStyle(e).breakBefore)")
    assert len(breaks) == len(kit.data["stages"]) + 1 and set(breaks) == {"page"}  # and the scorecard


def test_candidate_safe_kit_prints_no_follow_ups(page, base_url):
    page.goto(f"{base_url}roles/{KITS[0].id}/?view=candidate")
    page.emulate_media(media="print")
    assert "Listen for:" not in page.locator(".md-content").inner_text()


# The density rule itself, on made-up questions.
def _question(words=0, code_lines=0):
    prompt = " ".join(["word"] * words)
    if code_lines:
        prompt += "\n\n```java\n" + "x();\n" * code_lines + "```\n"
    return {"prompt": prompt, "rubric": {}, "follow_ups": [], "red_flag_answers": []}


@pytest.mark.parametrize("question,dense", [
    (_question(words=print_sheet.DENSE_WORDS), False),
    (_question(words=print_sheet.DENSE_WORDS + 1), True),
    (_question(words=10, code_lines=print_sheet.DENSE_CODE_LINES - 1), False),
    (_question(words=10, code_lines=print_sheet.DENSE_CODE_LINES), True),
], ids=["words-at-limit", "words-over", "code-under", "code-at-limit"])
def test_dense_sheet_thresholds(question, dense):
    assert print_sheet.dense(question) is dense
