"""Line tracking of the YAML loader: errors must point at the line a contributor edits."""

import pytest

from macros.yaml_lines import YamlProblem, format_path, line_of, load

TEXT = """\
id: sample
title: Sample
rubric:
  insufficient:
    - first
    - second
follow_ups:
  - probe: one
    listen_for: two
last_reviewed: 2026-11-28
"""


def test_values_and_lines():
    data, lines = load(TEXT)
    assert data["rubric"]["insufficient"] == ["first", "second"]
    assert lines[("rubric",)] == 3
    assert lines[("rubric", "insufficient", 1)] == 6
    assert lines[("follow_ups", 0, "listen_for")] == 9


def test_dates_stay_strings():
    data, _ = load(TEXT)
    assert data["last_reviewed"] == "2026-11-28"


def test_line_of_falls_back_to_parent():
    _, lines = load(TEXT)
    assert line_of(lines, ("follow_ups", 0, "missing")) == 8


def test_duplicate_key_is_an_error():
    with pytest.raises(YamlProblem) as info:
        load("a: 1\nb: 2\na: 3\n")
    assert info.value.line == 3 and "duplicate key 'a' (first on line 1)" in info.value.message


def test_syntax_error_has_a_line():
    with pytest.raises(YamlProblem) as info:
        load("a: 1\nb: [unclosed\nc: 3\n")
    assert info.value.line >= 2 and info.value.message.startswith("YAML syntax error")


def test_unsafe_tags_are_refused():
    with pytest.raises(YamlProblem):
        load("a: !!python/object/apply:os.system ['true']\n")


def test_format_path():
    assert format_path(("follow_ups", 0, "probe")) == "follow_ups[0].probe"
    assert format_path(()) == ""
