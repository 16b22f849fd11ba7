"""links.relative: the relative link from one page to another, as posixpath.relpath
gives it (it skips relpath's abspath calls for plain paths, and must not differ)."""

import posixpath

import pytest

from macros import links

PAIRS = [
    ("questions/foo.md", "questions/bar.md"),
    ("questions/foo.md", "index.md"),
    ("index.md", "questions/bar.md"),
    ("glossary/slo.md", "integrate/whole-guide/questions-1.md"),
    ("api/v1/questions/foo.json", "questions/foo/index.html"),
    ("embed/questions/foo/", "questions/foo/index.html"),
    ("embed/questions/foo/candidate/", "embed/questions/foo/index.html"),
    ("questions/", "questions/foo/index.html"),
    ("questions/foo/index.html", "questions/foo/index.html"),
    ("questions", "questions/foo.md"),
    ("a/b/c/d.md", "a/b/e/f/g.md"),
    ("x.md", "x.md"),
    # Not plain: relpath itself answers.
    ("../outside.md", "questions/foo.md"),
    ("questions/./foo.md", "questions/bar.md"),
    ("questions//foo.md", "questions/bar.md"),
    ("/abs/foo.md", "questions/bar.md"),
    ("questions/foo.md", "questions/../bar.md"),
]


@pytest.mark.parametrize("target, start", PAIRS)
def test_relative_is_relpath(target, start):
    assert links.relative(target, start) == posixpath.relpath(target, posixpath.dirname(start) or ".")
