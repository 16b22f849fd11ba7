"""Safe YAML loading that remembers the line of every value.

Dates stay strings (the schema checks their format), duplicate keys are
errors instead of silently keeping the last one, and only plain data types
can be built (yaml.SafeLoader).
"""

import yaml


# libyaml's parser when PyYAML was built with it: same safety, several times faster.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader without the timestamp resolver: `2026-11-28` stays a string."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Where = tuple  # a value's path in the document: ("rubric", "insufficient", 0)


class YamlProblem(Exception):
    def __init__(self, line: int, message: str, field: str = ""):
        self.line, self.message, self.field = line, message, field
        super().__init__(message)


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
        line = mark.line + 1 if mark else 0
        raise YamlProblem(line, f"YAML syntax error: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(0, f"YAML error: {exc}") from None
    finally:
        loader.dispose()


def _walk(node: yaml.Node, path: Where, lines: dict[Where, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                raise YamlProblem(line, f"duplicate key '{key}' (first on line {seen[key]})", format_path(path + (key,)))
            seen[key] = line
            _walk(value_node, path + (key,), lines)
            lines[path + (key,)] = line  # point at the key, where the reader looks
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines)


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
