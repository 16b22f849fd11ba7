"""Rules for untrusted text: data comes from pull requests.

Markdown is allowed; anything that could execute in a reader's browser or in
the build (raw HTML, event handlers, Jinja, script URLs) is rejected.
Each rule returns a reason and a hint for the contributor.
"""

import re

_RULES = (
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


def problems(text: str) -> list[tuple[str, str]]:
    """Return (reason, hint) for every rule the text breaks."""
    return [(reason, hint) for pattern, reason, hint in _RULES if pattern.search(text)]


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
