"""Untrusted-text rules: ordinary Markdown and prose pass, executable content does not."""

import pytest

from macros.text_rules import problems, strings

ALLOWED = [
    "p99 < 200 ms and p50 <= 40 ms",
    "See <https://raft.github.io/> for the paper.",
    "Use **bold**, `code` and [links](https://example.com).",
    "Metadata: the schema registry stores it.",
    "The data: it is partitioned by key.",
    "Set `acks=all` and `min.insync.replicas=2`.",
    "Ask about online migrations and onboarding.",
    "Braces { like this } are fine, and so is a set {a, b}.",
    "Requirements:\n\n- one\n- two",
    "- one\n  continued\n- two",
    "```\nSELECT 1;\n- not a list in code\n```",
    "Costs 5 - 3 = 2 units.",
]

REJECTED = [
    ("Requirements:\n- one\n- two", "a list starts right after a line of text and would render as part of that paragraph"),
    ("Then:\n1. first", "a list starts right after a line of text and would render as part of that paragraph"),
    ("PACELC: **E**lse, choose **L**atency", "bold markers inside a word render differently from one Markdown engine to another"),
    ("<script>alert(1)</script>", "contains raw HTML"),
    ("</div>", "contains raw HTML"),
    ("<img src=x>", "contains raw HTML"),
    ("< b>spaced tag", "contains raw HTML"),
    ("<!-- comment -->", "contains raw HTML"),
    ("<?php echo 1 ?>", "contains raw HTML"),
    ("[x](y){ onmouseover=go() }", "contains an HTML event-handler attribute"),
    ("{{ config.site_name }}", "contains a Jinja delimiter ({{, {% or {#)"),
    ("{% raw %}", "contains a Jinja delimiter ({{, {% or {#)"),
    ("{# hidden #}", "contains a Jinja delimiter ({{, {% or {#)"),
    ("[x](JavaScript:alert(1))", "contains a script URL"),
    ("[x]( javascript :alert(1))", "contains a script URL"),
    ("[x](vbscript:msgbox)", "contains a script URL"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "contains a data: URL"),
    ("[x]: data:image/svg+xml,abc", "contains a data: URL"),
]


@pytest.mark.parametrize("text", ALLOWED)
def test_allowed(text):
    assert problems(text) == []


@pytest.mark.parametrize("text, reason", REJECTED, ids=[r[0] for r in REJECTED])
def test_rejected(text, reason):
    assert reason in [r for r, _ in problems(text)]


def test_strings_walks_keys_values_and_lists():
    found = list(strings({"a": ["x", {"b": "y"}], "c": 3}))
    assert found == [(("a",), "a"), (("a", 0), "x"), (("a", 1, "b"), "b"), (("a", 1, "b"), "y"), (("c",), "c")]
