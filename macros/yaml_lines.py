"""Safe YAML loading that remembers the line of every value.

Dates stay strings (the schema checks their format), duplicate keys are
errors instead of silently keeping the last one, and only plain data types
can be built (yaml.SafeLoader).

Data comes from pull requests, so the loader refuses, before building anything,
what could make it slow, huge or crash: anchors and aliases (a few hundred bytes
of them expand to gigabytes), explicit tags (`!!float abc` raises inside
PyYAML), nesting deeper than MAX_DEPTH, integers longer than MAX_INT_DIGITS and
keys that are not text. Every problem is a YamlProblem with a line.
"""

import yaml
from yaml.composer import Composer

# Entries nest four levels today (a kit's stages, their questions); 32 leaves
# room to grow and keeps every recursive walk (ours, jsonschema's) shallow.
MAX_DEPTH = 32
# 18 digits fit a 64-bit integer; a longer one is an error, never a conversion
# (Python refuses int() of more than 4,300 digits with a ValueError).
MAX_INT_DIGITS = 18

_STR, _INT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"

# libyaml's parser when PyYAML was built with it: same safety, several times faster.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LIBYAML = _Base is not yaml.SafeLoader


class YamlProblem(Exception):
    def __init__(self, line: int, message: str, field: str = "", hint: str = ""):
        self.line, self.message, self.field, self.hint = line, message, field, hint
        super().__init__(message)


class _Loader(Composer, _Base):
    """SafeLoader with PyYAML's Python composer over the (C) parser's events, so
    each node is checked before it is built: no anchor, alias or tag, bounded depth."""

    def __init__(self, text: str):
        _Base.__init__(self, text)
        Composer.__init__(self)
        self.depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
            raise YamlProblem(line, "anchors and aliases (&x, *x) are not allowed", hint="write the value out in full")
        if getattr(event, "tag", None) is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!", 1)
            raise YamlProblem(line, f"tags (!x, !!x) are not allowed: '{tag}'", hint="quote a text value that starts with '!'")
        if not isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise YamlProblem(line, f"lists and mappings nest more than {MAX_DEPTH} levels deep")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# Implicit types: no timestamps (`2026-11-28` stays a string), and no merge key
# `<<` or value key `=`: plain text like any other (PyYAML cannot build `=`).
_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] not in
            ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Where = tuple  # a value's path in the document: ("rubric", "insufficient", 0)


def load(text: str) -> tuple[object, dict[Where, int]]:
    """Return (data, lines) where lines maps a value's path to its 1-based line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[Where, int] = {}
        _walk(node, (), lines)
        return loader.construct_document(node), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # An unexpected end of the file is reported past its last line: point at the last one.
        line = min(mark.line + 1, len(text.splitlines()) or 1) if mark else 0
        raise YamlProblem(line, f"YAML syntax error: {exc.problem or exc}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control character
        raise YamlProblem(_line_at(text, exc.position), _character_problem(exc),
                          hint="remove it, or write it as an escape inside double quotes") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(0, f"YAML error: {exc}") from None
    finally:
        loader.dispose()


def _line_at(text: str, position) -> int:
    """Line of a ReaderError's position: a byte offset in libyaml's UTF-8, else a character offset."""
    if not isinstance(position, int):
        return 0
    if _LIBYAML:
        return text.encode("utf-8", "surrogatepass")[:position].count(b"\n") + 1
    return text.count("\n", 0, position) + 1


def _character_problem(exc: "yaml.reader.ReaderError") -> str:
    code = exc.character
    if isinstance(code, str) and len(code) == 1:
        code = ord(code)
    return f"character U+{code:04X} is not allowed in YAML" if isinstance(code, int) else f"YAML error: {exc.reason}"


def _walk(node: yaml.Node, path: Where, lines: dict[Where, int]) -> None:
    line = node.start_mark.line + 1
    lines[path] = line
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise YamlProblem(key_line, f"a key must be text, not {_kind(key_node)}", format_path(path),
                                  "quote it if it is meant as text" if isinstance(key_node, yaml.ScalarNode) else "")
            key = key_node.value
            if key in seen:
                raise YamlProblem(key_line, f"duplicate key '{key}' (first on line {seen[key]})", format_path(path + (key,)))
            seen[key] = key_line
            _walk(value_node, path + (key,), lines)
            lines[path + (key,)] = key_line  # point at the key, where the reader looks
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines)
    elif node.tag == _INT:
        digits = len(node.value.lstrip("+-").replace("_", ""))
        if digits > MAX_INT_DIGITS:
            raise YamlProblem(line, f"number has {digits} digits; at most {MAX_INT_DIGITS} are allowed",
                              format_path(path), "quote it if it is meant as text")


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return {"tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number",
            "tag:yaml.org,2002:bool": "true/false", "tag:yaml.org,2002:null": "null"}.get(node.tag, node.tag)


def format_path(path: Where) -> str:
    """("follow_ups", 0, "probe") -> "follow_ups[0].probe"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def line_of(lines: dict[Where, int], path: Where) -> int:
    """Line of the value at path, or of its nearest ancestor that has one."""
    path = tuple(path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)
