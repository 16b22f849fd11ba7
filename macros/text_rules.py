"""Rules for untrusted text: data comes from pull requests, and the site is framed
inside other companies' wikis.

Markdown is allowed. Rejected: anything that could execute in a reader's
browser or in the build (raw HTML, event handlers, Jinja, script URLs); syntax
that sets ids, classes or attributes on the page (attribute lists, code fence
options, admonition classes) or hover text (abbreviation definitions); images
from another host (a request on every page load); and characters that make text
read as something it is not (control, bidirectional and invisible characters).
Each rule returns a reason and a hint for the contributor.

Text is read the way a browser reads the HTML it becomes: HTML entities are
decoded, repeatedly, and whitespace and control characters inside a URL scheme
are ignored. Code (fenced blocks and code spans) is left alone where Markdown
leaves it alone; where the two might disagree, the text counts as not code.
"""

import html
import re
import unicodedata

from . import data_links

# Checked on the text with code blanked out (mask_code): Markdown shows code as
# written and escaped, so `List<String>`, `i < n`, `2**n` and `onCommit = ...`
# are fine there. The HTML sanitiser still cleans whatever reaches a page.
_MARKUP_RULES = (
    (
        # **E**lse: Python-Markdown bolds the letter, other engines (techdocs-core's) show the asterisks.
        re.compile(r"\w(\*\*|__)\w|(\*\*|__)\w+(\*\*|__)\w"),
        "bold markers inside a word render differently from one Markdown engine to another",
        "bold whole words, or reword",
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
)

# Checked on the whole text, code included: no engine may ever be handed a template.
_RULES = (
    (
        re.compile(r"\{[{%#]"),
        "contains a Jinja delimiter ({{, {% or {#)",
        "data is never evaluated as a template; reword or put a space between the braces",
    ),
)

MAX_LENGTH = 10_000  # characters; the longest field the schemas allow has 4,000
TOO_LONG = (f"text is longer than {MAX_LENGTH} characters and was not checked",
            "no field takes more than 4000 characters; shorten it")
SCRIPT_URL = ("contains a script URL", "only http(s) and relative links are allowed")
DATA_URL = ("contains a data: URL", "only http(s) and relative links are allowed")
ATTRIBUTE_LIST = ("contains a Markdown attribute list ({: ...}, { #id }, { .class } or { key=value })",
                  "attribute lists set ids, classes and attributes on the page; reword, or put the braces in `code`")
FENCE_OPTIONS = ("a code fence carries attributes or options",
                 "name the language only, e.g. ```python, or nothing")
ABBREVIATION = ("contains an abbreviation definition (*[...]: ...)",
                "hover text comes from the glossary only: add a glossary term with an abbreviation")
ADMONITION = ("an admonition uses a class that is not an admonition type",
              "use one of note, abstract, info, tip, success, question, warning, failure, danger, bug, example, quote")
OFFSITE_IMAGE = ("contains an image from another host",
                 "an image is fetched on every page view; link to it instead: [diagram](https://...)")
UNDEFINED_IMAGE = ("contains a reference-style image whose [ref]: definition is not in the same text",
                   "write the image inline, ![alt](path), so where it comes from can be checked")


# Entities and URL schemes -----------------------------------------------------------

_MAX_DECODE = 4  # &amp;amp;#106; needs three rounds; more nesting than that decodes no further in any layer we know


def decoded(text: str) -> str:
    """The text with HTML entities decoded until nothing changes (at most a few rounds)."""
    for _ in range(_MAX_DECODE):
        text, before = html.unescape(text), text
        if text == before:
            break
    return text


# What URL parsers drop or never show: C0 and C1 controls, tabs and newlines
# included, and the invisible format characters (soft hyphen, zero-width, bidi).
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def _spelled(word: str) -> str:
    """A pattern for `word` with whitespace allowed between its letters: `java script`."""
    return r"\s*".join(re.escape(letter) for letter in word)


_SCRIPT_SCHEME = re.compile(rf"(?<![a-z0-9])(?:{_spelled('javascript')}|{_spelled('vbscript')})\s*:", re.IGNORECASE)
_DATA_URL = re.compile(rf"(?<![a-z0-9]){_spelled('data')}\s*:\s*[a-z]+\s*/\s*[a-z0-9.+-]+\s*[;,]", re.IGNORECASE)


def _url_problems(text: str) -> list[tuple[str, str]]:
    plain = decoded(text) if "&" in text else text
    squeezed = _UNSEEN.sub("", "".join(plain.split())).lower()
    if "script:" not in squeezed and "data:" not in squeezed:
        return []  # most text: neither scheme, however it is spelled
    # Unseen characters deleted (`jav\tascript`) and as spaces (so `x\njavascript:` keeps its word boundary).
    views = (_UNSEEN.sub("", plain), _UNSEEN.sub(" ", plain))
    found = []
    if any(_SCRIPT_SCHEME.search(view) for view in views):
        found.append(SCRIPT_URL)
    if any(_DATA_URL.search(view) for view in views):
        found.append(DATA_URL)
    return found


def leaves_the_site(url: str) -> bool:
    """Whether a URL as written in Markdown, read as a browser reads the HTML it becomes,
    has a scheme or starts with `//`: another host."""
    url = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", url)  # Markdown backslash escapes
    url = re.sub(r"[\s\x00-\x1f\x7f-\x9f]", "", _UNSEEN.sub("", decoded(url))).replace("\\", "/")
    return url.startswith("//") or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url) is not None


# Code: what Markdown leaves alone ----------------------------------------------------

_FENCE_OPEN = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")


def fences(text: str) -> list[tuple[int, int]]:
    """(first, last) line numbers (0-based, fence lines included) of every fenced code block.

    A block counts only when it closes with the same fence on a line of its own and
    no line inside is indented less than the fence: otherwise Markdown may not see a
    block, and what looks like code would be read as text on the page."""
    lines, found, index = text.split("\n"), [], 0
    while index < len(lines):
        match = _FENCE_OPEN.match(lines[index])
        if match:
            indent, fence = match.group(1), match.group(2)
            for end in range(index + 1, len(lines)):
                line = lines[end]
                if line.strip() and not line.startswith(indent):
                    break
                if line.strip() == fence:
                    found.append((index, end))
                    index = end
                    break
        index += 1
    return found


def _code_spans(line: str) -> list[tuple[int, int]] | None:
    """Spans of the code spans in one line: each backtick run closes at the next run of
    the same length. None when a run finds no such run in the line: in a paragraph it
    could pair with a later line, or, shortened, with another run."""
    runs = [(m.start(), m.end() - m.start()) for m in re.finditer(r"`+", line)]
    spans, index = [], 0
    while index < len(runs):
        start, length = runs[index]
        close = next((j for j in range(index + 1, len(runs)) if runs[j][1] == length), None)
        if close is None:
            return None
        spans.append((start, runs[close][0] + length))
        index = close + 1
    return spans


def mask_code(text: str) -> str:
    """The text with fenced code blocks and code spans blanked out, offsets unchanged.

    Python-Markdown pairs backticks across the lines of a paragraph, and a
    backslash changes the pairing. Pairing line by line gives the same spans when
    every backtick run in a line closes in that line with a run of its own length
    and no backtick follows a backslash; in any other text no span is taken for
    code, so nothing can hide in a misread span."""
    lines = text.split("\n")
    for first, last in fences(text):
        for number in range(first, last + 1):
            lines[number] = " " * len(lines[number])
    if "`" not in text or "\\`" in text:
        return "\n".join(lines)
    spans = [_code_spans(line) if "`" in line else [] for line in lines]
    if None in spans:
        return "\n".join(lines)
    for number, line_spans in enumerate(spans):
        line = lines[number]
        for start, end in line_spans:
            line = line[:start] + " " * (end - start) + line[end:]
        lines[number] = line
    return "\n".join(lines)


# Syntax that changes the page around the text -----------------------------------------

_OPEN_BRACE = re.compile(r"\{")
_PIPE = re.compile(r"\|")
_ATTRIBUTE_TOKEN = re.compile(r"(?<![^\s{:])(?:[#.][\w-]|[^\s=}{]+=)")  # #id, .class or key=
_FENCE_LANGUAGE = re.compile(r"[ \t]*(?:\.?[\w#+.-]+)?[ \t]*")
_BLOCK_START = r"^(?:[ \t]*(?:[-*+]|\d+[.)]|>)(?=[ \t]))*[ \t]*"  # a line, or a list item's or quote's first line
_ABBREVIATION = re.compile(_BLOCK_START + r"\*\[[^\]\n]*\][ ]?:", re.MULTILINE)
_ADMONITION = re.compile(_BLOCK_START + r"(?:!!!|\?\?\?\+?)[ \t]*([^\n]*)$", re.MULTILINE)
ADMONITION_TYPES = frozenset(
    "note abstract summary tldr info todo tip hint important success check done question help faq warning "
    "caution attention failure fail missing danger error bug example quote cite inline end".split())


def _segments(line: str):
    """(start, end) of the line, and of its table cells when it has pipes."""
    yield 0, len(line)
    pipes = [m.start() for m in _PIPE.finditer(line) if not data_links._escaped(line, m.start())]
    edges = [-1] + pipes + [len(line)]
    if pipes:
        yield from ((a + 1, b) for a, b in zip(edges, edges[1:]))


def _sets_attributes(written: str, line: str, start: int, end: int, first_line: bool) -> bool:
    """Whether braces in line[start:end] (a line or a table cell, code blanked out;
    `written` is the line as written) would be read as an attribute list.

    Python-Markdown's attr_list reads `{` ... up to the last `}` of the line: right
    after an element (no space before `{`, or at the start of a line after a line
    break), or ending a heading, table cell or block; a `{:` anywhere. A `#id`,
    `.class` or `key=` inside braces is rejected wherever it is."""
    last = line.rfind("}", start, end)
    if last < 0:
        return False
    ends_segment = not line[last + 1:end].strip()
    searched_to = -1
    for brace in _OPEN_BRACE.finditer(line, start, last):
        at = brace.start()
        if data_links._escaped(written, at):
            continue
        colon = line.startswith(":", at + 1)
        body = line[at + 1 + colon:last].lstrip(" ")
        if not colon and (not body or body[0] == "}"):
            continue  # `{}` and `{ }` are text
        after_element = not written[at - 1].isspace() if at > 0 else not first_line
        if colon or after_element or ends_segment:
            return True
        close = line.find("}", at + 1)
        # Braces before the same `}` share their content: searching from the first one covers the rest.
        if close != searched_to and _ATTRIBUTE_TOKEN.search(line, at + 1, close):
            return True
        searched_to = close
    return False


def _attribute_list(text: str, masked: str) -> bool:
    return any(_sets_attributes(written, line, start, end, number == 0)
               for number, (written, line) in enumerate(zip(text.split("\n"), masked.split("\n")))
               if "{" in line and "}" in line
               for start, end in _segments(line))


def _fence_options(text: str) -> bool:
    lines = text.split("\n")
    for first, _ in fences(text):
        match = _FENCE_OPEN.match(lines[first])
        if not _FENCE_LANGUAGE.fullmatch(match.group(3)):
            return True
    return False


def _admonition_classes(masked: str) -> bool:
    for match in _ADMONITION.finditer(masked):
        classes = re.sub(r'\s*"[^"]*"\s*$', "", match.group(1)).split()
        if any(name.lower() not in ADMONITION_TYPES for name in classes):
            return True
    return False


# Images ------------------------------------------------------------------------------

_DEFINITION = re.compile(r"^ {0,3}\[((?:[^\[\]\\\n]|\\.)+)\]:[ \t]*\n?[ \t]*(?:<([^>\n]*)>|(\S+))", re.MULTILINE)
_REFERENCE = re.compile(r"[ \t]?\n?[ \t]*\[((?:[^\[\]\\]|\\.)*)\]")


def _label(text: str) -> str:
    return " ".join(text.split()).lower()


def _bracket_pairs(text: str) -> dict[int, int]:
    """Index of each unescaped `[` -> index of the `]` that closes it, brackets nested."""
    pairs, open_at = {}, []
    for match in re.finditer(r"[\[\]]", text):
        index = match.start()
        if data_links._escaped(text, index):
            continue
        if text[index] == "[":
            open_at.append(index)
        elif open_at:
            pairs[open_at.pop()] = index
    return pairs


_LONGEST_URL = 1024  # a longer image source is not looked for: the image then counts as undefined


def images(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, source) of every image outside code: `![alt](source)`, and
    `![alt][ref]`, `![ref][]`, `![ref]` with the span of each `[ref]: source`
    definition of their label; a reference image whose definition is not in the text
    has source None (the definition may sit in another field of the same page)."""
    if "![" not in text or len(text) > MAX_LENGTH:
        return []  # a longer text is an error by itself
    masked = mask_code(text)
    definitions: dict[str, list[tuple[int, int]]] = {}  # every one: which of two wins differs between engines
    for match in _DEFINITION.finditer(masked):
        group = 2 if match.group(2) is not None else 3
        definitions.setdefault(_label(match.group(1)), []).append(match.span(group))
    found, pairs = [], _bracket_pairs(masked)
    for match in re.finditer(r"!\[", masked):
        close = pairs.get(match.start() + 1)
        if close is None or data_links._escaped(masked, match.start()):
            continue
        if masked.startswith("(", close + 1):
            span = data_links._destination(masked[:close + 2 + _LONGEST_URL], close + 2)
            if span is not None:
                found.append((*span, text[span[0]:span[1]]))
                continue
        # `![alt][ref]`, and `![alt]` alone: Python-Markdown falls back to it when `ref` is not defined.
        labels = {_label(masked[match.end():close])}
        reference = _REFERENCE.match(masked, close + 1)
        if reference and reference.group(1).strip():
            labels.add(_label(reference.group(1)))
        spans = [span for label in sorted(labels) for span in definitions.get(label, [])]
        found += [(a, b, text[a:b]) for a, b in spans] if spans else [(match.start(), close + 1, None)]
    return found


def _image_problems(text: str) -> list[tuple[str, str]]:
    found = []
    sources = [source for _, _, source in images(text)]
    if any(source is not None and leaves_the_site(source) for source in sources):
        found.append(OFFSITE_IMAGE)
    if None in sources:
        found.append(UNDEFINED_IMAGE)
    return found


# Characters --------------------------------------------------------------------------

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")  # Hangul fillers: letters that show nothing
_C0 = ("NULL|START OF HEADING|START OF TEXT|END OF TEXT|END OF TRANSMISSION|ENQUIRY|ACKNOWLEDGE|BELL|BACKSPACE|"
       "CHARACTER TABULATION|LINE FEED|LINE TABULATION|FORM FEED|CARRIAGE RETURN|SHIFT OUT|SHIFT IN|"
       "DATA LINK ESCAPE|DEVICE CONTROL ONE|DEVICE CONTROL TWO|DEVICE CONTROL THREE|DEVICE CONTROL FOUR|"
       "NEGATIVE ACKNOWLEDGE|SYNCHRONOUS IDLE|END OF TRANSMISSION BLOCK|CANCEL|END OF MEDIUM|SUBSTITUTE|ESCAPE|"
       "INFORMATION SEPARATOR FOUR|INFORMATION SEPARATOR THREE|INFORMATION SEPARATOR TWO|INFORMATION SEPARATOR ONE"
       ).split("|")
# Everything outside printable ASCII, and the ASCII controls but newline: checked one by one.
_SUSPECT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\U0010ffff]")
_ENTITY = re.compile(r"&(?:amp;)*(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_KINDS = {
    "bidi": ("bidirectional control", "it reorders the text around it, so a title or link reads as something "
                                      "else; delete it"),
    "invisible": ("invisible character", "it makes text look like something it is not; delete it"),
    "control": ("control character", "only line breaks are allowed, and tabs inside fenced code blocks; delete it"),
    "private": ("private-use or surrogate character", "it has no meaning a reader can see; delete it"),
}


def _kind(char: str) -> str | None:
    if char == "\n":
        return None
    if char in _BIDI:
        return "bidi"
    category = unicodedata.category(char)
    if category in ("Cc", "Zl", "Zp"):
        return "control"
    if category == "Cf" or char in _FILLERS:
        return "invisible"
    if category in ("Co", "Cs"):
        return "private"
    return None


def character_name(char: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: the code point and its Unicode name (controls by their alias)."""
    code = ord(char)
    name = unicodedata.name(char, "")
    if not name:
        name = _C0[code] if code < 0x20 else "DELETE" if code == 0x7F else "NEXT LINE" if code == 0x85 \
            else "C1 CONTROL" if code < 0xA0 else "SURROGATE" if 0xD800 <= code < 0xE000 else "PRIVATE USE"
    return f"U+{code:04X} {name}"


def _character_problem(kind: str, char: str, position: int, entity: str = "") -> tuple[str, str]:
    what, hint = _KINDS[kind]
    written = f", written as the HTML entity {entity}" if entity else ""
    return f"contains {what} {character_name(char)} at character {position}{written}", hint


def _in_fence(text: str) -> list[bool]:
    """For each line: whether it is inside a fenced code block (fence lines excluded)."""
    inside = [False] * (text.count("\n") + 1)
    for first, last in fences(text):
        for number in range(first + 1, last):
            inside[number] = True
    return inside


_NUMERIC = re.compile(r"&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));?")


def _entity_text(entity: str) -> str:
    """What a browser shows for one entity, decoded as often as it nests (`&amp;#1;`).
    Unlike html.unescape, a reference to a control character is that character:
    browsers keep it (only 0, surrogates and C1 codes are replaced)."""
    for _ in range(_MAX_DECODE):
        numeric = _NUMERIC.fullmatch(entity)
        if numeric:
            code = int(numeric.group(1), 10) if numeric.group(1) else int(numeric.group(2), 16)
            if code > 0x10FFFF or 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code == 0:
                return html.unescape(entity)
            return chr(code)
        entity, before = html.unescape(entity), entity
        if entity == before:
            break
    return entity


def _character_problems(text: str, masked: str) -> list[tuple[str, str]]:
    """One problem per forbidden character, at its first position (1-based): as written,
    then as an HTML entity outside code (`&#x202E;`, `&rlm;`), which the browser decodes."""
    found, seen, fenced = [], set(), None
    for match in _SUSPECT.finditer(text):
        char = match.group()
        kind = _kind(char)
        if kind is None or char in seen:
            continue
        if char == "\t":
            fenced = fenced if fenced is not None else _in_fence(text)
            if fenced[text.count("\n", 0, match.start())]:
                continue
        seen.add(char)
        found.append(_character_problem(kind, char, match.start() + 1))
    if "&" in masked:
        for match in _ENTITY.finditer(masked):
            for char in _entity_text(match.group()):
                kind = _kind(char)
                if kind is not None and char not in seen:
                    seen.add(char)
                    found.append(_character_problem(kind, char, match.start() + 1, match.group()))
    return found


# Lists -------------------------------------------------------------------------------

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


# All rules ---------------------------------------------------------------------------

def problems(text: str) -> list[tuple[str, str]]:
    """Return (reason, hint) for every rule the text breaks."""
    if len(text) > MAX_LENGTH:
        return [TOO_LONG]  # the schemas allow far less: not worth the time the rules below would take
    found = [(reason, hint) for pattern, reason, hint in _RULES if pattern.search(text)]
    masked = mask_code(text) if "`" in text or "~~~" in text else text  # code needs ` or ~
    found += [(reason, hint) for pattern, reason, hint in _MARKUP_RULES if pattern.search(masked)]
    found += _url_problems(text)
    if "{" in masked and _attribute_list(text, masked):
        found.append(ATTRIBUTE_LIST)
    if ("```" in text or "~~~" in text) and _fence_options(text):
        found.append(FENCE_OPTIONS)
    if "*[" in masked and _ABBREVIATION.search(masked):
        found.append(ABBREVIATION)
    if ("!!!" in masked or "???" in masked) and _admonition_classes(masked):
        found.append(ADMONITION)
    found += _image_problems(text)
    found += _character_problems(text, masked)
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
