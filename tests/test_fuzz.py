"""Fuzzing the loader: a mangled entry is a list of errors, never an exception.

Real entries from a few collections (and the fixture's own, whose mutants can
stay valid and so reach the kit rules) are mutated the way a bad edit, a broken
save or an attacker would: bytes flipped, cut out or inserted (YAML's special
characters, control and bidi bytes), lines duplicated, the file truncated. Each
mutant goes into a copy of the fixture data; `validate` must return
(knowledge base or None, errors) within the deadline.

Derandomized and without an example database, so CI runs the same examples
every time and a failure found once is not replayed from a local file.
"""

import shutil
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, FIXTURE_DATA, SCHEMAS
from macros.check import annotation
from macros.errors import DataError, printable
from macros.load import validate
from macros.model import KnowledgeBase

# One real file from each of several collections (the first by name, so the
# test follows the data), and fixture files of the kinds the tree rules read.
SEEDS = [sorted((DATA / name).glob("*.yml"))[0] for name in ("questions", "roles", "faqs", "glossary", "skills", "patterns")]
FIXTURE_SEEDS = [sorted((FIXTURE_DATA / name).glob("*.yml"))[0].relative_to(FIXTURE_DATA).as_posix() for name in ("questions", "roles")]

SPECIAL = [bytes([c]) for c in b"&*!|>{}[]:#%@-?'\",\t\n"] + [
    b"&a ", b"*a", b"!!float ", b"!!python/object:os.system ", b"? ", b"<<: ", b"- ", b"---\n", b"...\n",
    b"\x00", b"\x07", b"\x1b[2J", b"\x7f", b"\xc2\x85", b"\xe2\x80\xae", b"\xe2\x80\x8b", b"\xef\xbb\xbf",
    b"\xff", b"\xc3", b"{{ x }}", b"9" * 30, b"\n::error file=x::forged\n",
]

position = st.integers(min_value=0, max_value=20_000)
mutation = st.one_of(
    st.tuples(st.just("flip"), position, st.integers(min_value=1, max_value=255)),
    st.tuples(st.just("delete"), position, st.integers(min_value=1, max_value=64)),
    st.tuples(st.just("duplicate-line"), position, st.integers(min_value=1, max_value=3)),
    st.tuples(st.just("insert"), position, st.sampled_from(SPECIAL)),
    st.tuples(st.just("insert"), position, st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("truncate"), position, st.just(0)),
)


def mutate(text: bytes, mutations) -> bytes:
    for kind, where, arg in mutations:
        at = where % (len(text) + 1)
        if kind == "flip" and text:
            at %= len(text)
            text = text[:at] + bytes([text[at] ^ arg]) + text[at + 1:]
        elif kind == "delete":
            text = text[:at] + text[at + arg:]
        elif kind == "duplicate-line":
            lines = text.splitlines(keepends=True) or [b""]
            index = where % len(lines)
            text = b"".join(lines[:index + 1] + [lines[index]] * arg + lines[index + 1:])
        elif kind == "insert":
            text = text[:at] + arg + text[at:]
        elif kind == "truncate":
            text = text[:at]
    return text


@pytest.fixture(scope="module")
def fixture_copy(tmp_path_factory):
    # One copy for every example (a copy per example would dominate the run); each example restores it.
    dest = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(FIXTURE_DATA, dest)
    return dest


@settings(max_examples=150, deadline=timedelta(seconds=3), derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from([*SEEDS, *FIXTURE_SEEDS]), mutations=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_entries_never_raise(fixture_copy, seed, mutations):
    if isinstance(seed, str):  # a fixture file, mutated in place
        target = fixture_copy / seed
        original = target.read_bytes()
    else:  # a real entry, added to the fixture as a file of its collection
        target = fixture_copy / seed.parent.name / seed.name
        original = None
        source = seed.read_bytes()
    try:
        target.write_bytes(mutate(original if original is not None else source, mutations))
        kb, errors = validate(fixture_copy, SCHEMAS)
    finally:
        if original is not None:
            target.write_bytes(original)
        else:
            target.unlink()
    assert isinstance(errors, list) and all(isinstance(e, DataError) for e in errors)
    assert (kb is None) == bool(errors)
    assert kb is None or isinstance(kb, KnowledgeBase)
    for error in errors:
        text = str(error)
        assert text == printable(text) and "the validator failed" not in text, text
        assert "\n" not in annotation(error)
