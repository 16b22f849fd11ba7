"""How dense a question's printed interviewer sheet is set.

A question page prints as one A4 page (docs/assets/guide.css, "interviewer
sheet"). Most questions fit at the normal size; the longest ones, in words or
in lines of code listing (which cannot wrap into the column), get a smaller
type. The thresholds are estimates: tests/test_print.py prints every question
and fails, naming it, when one still needs two pages.
"""

import re

DENSE_WORDS = 1100  # words of prompt, rubric, follow-ups and red-flag answers
DENSE_CODE_LINES = 30  # lines inside fenced code in the prompt

_WORD = re.compile(r"\w+")
_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)


def _words(question) -> int:
    texts = [question.get("prompt", ""), question.get("hypothetical", "")]
    texts += [item for items in question.get("rubric", {}).values() for item in items]
    texts += [part for f in question.get("follow_ups", ()) for part in (f.get("probe", ""), f.get("listen_for", ""))]
    texts += list(question.get("red_flag_answers", ()))
    return sum(len(_WORD.findall(str(text))) for text in texts)


def _code_lines(question) -> int:
    return sum(block.count("\n") for block in _FENCE.findall(str(question.get("prompt", ""))))


def dense(question) -> bool:
    """Whether the sheet needs the smaller type to fit one page."""
    return _words(question) > DENSE_WORDS or _code_lines(question) >= DENSE_CODE_LINES
