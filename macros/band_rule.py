"""Which band a question's `band_rule` gives for the rubric items an interviewer ticked.

The Python side of `reachedBand` in docs/assets/scorecard-logic.js (which scores
ticks in the browser): the validator checks calibration samples with it (CAL003),
so a sample's agreed band is what an interviewer ticking the same items would get.
"""

from collections.abc import Iterable, Mapping

HIRE_BAR = "proficient"
# The bands below the hire bar, which the rule cannot tell apart: the interviewer picks.
BELOW_THE_BAR = ("insufficient", "developing")


def reaches(rule: Mapping, ticked: Iterable[int]) -> bool:
    """Whether the ticked item numbers of one band meet its rule: at least
    `at_least` of them, every item of `including` among them."""
    ticked = set(ticked)
    return len(ticked) >= rule["at_least"] and set(rule.get("including") or ()) <= ticked


def reached_band(band_rule: Mapping, observed: Mapping) -> str | None:
    """"exceptional", "proficient", or None below the hire bar. Exceptional needs proficient first."""
    if not reaches(band_rule[HIRE_BAR], observed.get(HIRE_BAR) or ()):
        return None
    return "exceptional" if reaches(band_rule["exceptional"], observed.get("exceptional") or ()) else HIRE_BAR


def _numbers(numbers) -> str:
    """1 -> "1", [1, 3] -> "1 and 3", [1, 2, 4] -> "1, 2 and 4"."""
    numbers = [str(n) for n in numbers]
    return numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"


def describe(band: str, rule: Mapping) -> str:
    """One band's rule in words: "proficient: at least 3 including 1 and 3"."""
    including = sorted(rule.get("including") or ())
    text = f"{band}: at least {rule['at_least']}"
    return text + (f" including {_numbers(including)}" if including else "")
