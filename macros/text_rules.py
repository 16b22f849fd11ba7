"""Rules for untrusted text: data comes from pull requests.

Markdown is allowed; anything that could execute in a reader's browser or in
the build (raw HTML, event handlers, Jinja, script URLs) is rejected.
Each rule returns a reason and a hint for the contributor.
"""

import re

_RULES = (
    (
        # **E**lse: Python-Markdown bolds the letter, other engines (techdocs-core's) show the asterisks.
        re.compile(r"\w(\*\*|__)\w|(\*\*|__)\w+(\*\*|__)\w"),
        "bold markers inside a word render differently from one Markdown engine to another",
        "bold whole words, or reword",
    ),
    (
        re.compile(r"\{[{%#]"),
        "contains a Jinja delimiter ({{, {% or {#)",
        "data is never evaluated as a template; reword or put a space between the braces",
    ),
    (
        # <tag, </tag, <!-- and <? ; Markdown autolinks <https://...> are allowed.
        re.compile(r"<(?!https?://)\s*(/\s*)?[A-Za-z!?]"),
        "contains raw HTML",
        "use Markdown instead of HTML; write '< 5' with a space for a comparison",
    ),
    (
        re.compile(r"\bon[a-z]{3,}\s*=", re.IGNORECASE),
        "contains an HTML event-handler attribute",
        "remove the on...= attribute",
    ),
    (
        re.compile(r"\b(javascript|vbscript)\s*:", re.IGNORECASE),
        "contains a script URL",
        "only http(s) and relative links are allowed",
    ),
    (
        re.compile(r"\bdata\s*:\s*[a-z]+/[a-z0-9.+-]+\s*[;,]", re.IGNORECASE),
        "contains a data: URL",
        "only http(s) and relative links are allowed",
    ),
)


_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+\S")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _list_after_paragraph(text: str) -> bool:
    """A list that starts on the line after a paragraph line: CommonMark shows a
    list, but the site's Markdown (Python-Markdown) runs it into the paragraph."""
    previous, in_code = "", False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
        elif not in_code and _LIST_ITEM.match(line) and previous.strip() and not previous.startswith((" ", "\t")) \
                and not _LIST_ITEM.match(previous):
            return True
        previous = line
    return False


def problems(text: str) -> list[tuple[str, str]]:
    """Return (reason, hint) for every rule the text breaks."""
    found = [(reason, hint) for pattern, reason, hint in _RULES if pattern.search(text)]
    if _list_after_paragraph(text):
        found.append(("a list starts right after a line of text and would render as part of that paragraph",
                      "put a blank line before the list"))
    return found


def strings(value, path=()):
    """Yield (path, string) for every string in a nested structure, keys included."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield path + (key,), key
            yield from strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, path + (index,))
