"""Line-level edits of rendered Markdown that must leave code blocks alone."""

import re

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})(\s.*)$")
_HEADING_ATTRS = re.compile(r"\s*\{\s*#[^}]*\}\s*$")


def outside_code(lines: list[str]):
    """Yield (index, line, in_code) for every line; fences open and close on the same marker."""
    fence = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            yield index, line, True
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not line.strip()[len(match.group(1)):].strip():
                fence = None
            yield index, line, True
        else:
            yield index, line, False


def shift_headings(markdown: str, by: int) -> str:
    """Every ATX heading `by` levels deeper (at most 6) without its { #id } attributes."""
    lines = markdown.splitlines()
    for index, line, in_code in outside_code(lines):
        match = None if in_code else _HEADING.match(line)
        if match:
            level = min(6, len(match.group(1)) + by)
            lines[index] = "#" * level + _HEADING_ATTRS.sub("", match.group(2))
    return "\n".join(lines)
