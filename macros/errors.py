"""One data problem, reported as `path:line: field: message (hint)`.

Ids, field names, values and file names in a message come from pull requests:
`printable` shows every invisible or controlling character in them as an escape,
so data can print neither a terminal escape sequence nor a second line (a line
starting with `::` is a GitHub workflow command).
"""

import unicodedata
from dataclasses import dataclass

# Unicode categories shown as escapes: Cc (C0 controls, DEL, C1 controls), Cf
# (format: bidi controls U+202A-U+202E, U+2066-U+2069, U+200E/F, U+061C;
# zero-width U+200B-U+200D, U+2060, U+FEFF; soft hyphen), Zl/Zp (U+2028/9, line
# breaks to some terminals) and Cs (lone surrogates from undecodable file names).
_HIDDEN = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """`text` with every control, bidi, zero-width or line-breaking character as
    a Python-style escape (`\\x1b`, `\\u202e`); everything else unchanged."""
    if text.isascii() and text.isprintable():  # the common case, without a loop
        return text
    return "".join(_escape(c) if unicodedata.category(c) in _HIDDEN else c for c in text)


@dataclass(frozen=True, order=True)
class DataError:
    path: str  # relative to the project root, e.g. data/questions/foo.yml
    line: int  # 1-based; 0 when the problem is not tied to a line
    field: str  # e.g. skills[1]; "" for the whole file
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return printable(f"{where}:{field} {self.message}{hint}")


class DataErrors(Exception):
    """Raised once with every problem found, so a contributor fixes them in one pass."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(errors)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        lines = [f"{count} data error{'s' if count != 1 else ''}:"]
        lines += [f"  {e}" for e in self.errors]
        return "\n".join(lines)
