"""The loader against hostile pull requests: every attack is an error with its file
(and line where there is one), never a traceback, a hang or gigabytes of memory.

Each case copies the fixture knowledge base (the real schemas), plants one
attack, and checks the exact message a contributor would see.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest

from conftest import DATA, ROOT, SCHEMAS, replace
from macros import check, schemas
from macros.errors import DataError, printable
from macros.load import MAX_FILE_BYTES, validate
from macros.yaml_lines import MAX_DEPTH, MAX_INT_DIGITS

Q = "questions/question-one.yml"
NOT_READ = "only regular files in the repository are read"
LEFTOVER = "editor leftover in a collection folder (an editor's lock, swap or backup file: close the editor or delete the file)"


def errors_of(data):
    kb, errors = validate(data, SCHEMAS)
    assert kb is None, "bad data must not produce a knowledge base"
    return [str(e) for e in errors]


def line_of(data, rel, needle):
    for number, line in enumerate((data / rel).read_text().splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {rel}")


@contextmanager
def time_limit(seconds):
    """Fail instead of hanging: a blocked open() or read() is interrupted by SIGALRM."""
    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds}s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# YAML -------------------------------------------------------------------------

BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9 if prev else ['lol'] * 9)}]\n"
               for prev, name in zip([None, "a", "b", "c", "d", "e", "f", "g"], "abcdefgh"))


def test_alias_bomb_is_refused_at_once(data):
    # 9**8 = 43 million strings if aliases were expanded; refused at the first anchor.
    assert len(BOMB.encode()) < 500
    (data / Q).write_text((data / Q).read_text() + BOMB)
    started = time.perf_counter()
    errors = errors_of(data)
    assert time.perf_counter() - started < 1
    line = line_of(data, Q, "a: &a")
    assert errors == [f"data/{Q}:{line}: anchors and aliases (&x, *x) are not allowed (write the value out in full)"]


def test_a_lone_alias_is_refused(data):
    replace(data, Q, "kind: scenario", "kind: *k")
    assert errors_of(data) == [f"data/{Q}:{line_of(data, Q, 'kind:')}: anchors and aliases (&x, *x) are not allowed "
                               "(write the value out in full)"]


def test_deep_nesting(data):
    replace(data, Q, "kind: scenario", "kind: " + "[" * 600 + "]" * 600)
    assert errors_of(data) == [f"data/{Q}:{line_of(data, Q, 'kind:')}: lists and mappings nest more than {MAX_DEPTH} levels deep"]


def test_a_list_as_a_key(data):
    replace(data, Q, "kind: scenario", "kind: scenario\n? [a, b]\n: x")
    assert errors_of(data) == [f"data/{Q}:{line_of(data, Q, '? [a, b]')}: a key must be text, not a list"]


def test_a_mapping_as_a_nested_key(data):
    replace(data, Q, "  insufficient: [Says nothing.]", "  insufficient: [Says nothing.]\n  ? {a: 1}\n  : x")
    assert errors_of(data) == [f"data/{Q}:{line_of(data, Q, '? {a: 1}')}: rubric: a key must be text, not a mapping"]


def test_unknown_keys_of_mixed_types(data):
    # An integer key next to text keys: refused by the loader, so nothing sorts them.
    replace(data, Q, "kind: scenario", "kind: scenario\n1: x\nzz: y")
    assert errors_of(data) == [f"data/{Q}:{line_of(data, Q, '1: x')}: a key must be text, not a number "
                               "(quote it if it is meant as text)"]


def test_schema_errors_explain_unknown_keys_of_mixed_types():
    # schemas.explain on its own (another caller could hand it such data): it sorts with key=str.
    checker = schemas.Checker.for_collection(SCHEMAS, "faqs")
    error = next(e for e in checker.validator.iter_errors({1: "x", "zz": "y", None: "z"}) if e.validator == "additionalProperties")
    assert [message for _, _, message, _ in schemas.explain(error)] == [
        "unknown field '1'", "unknown field 'None'", "unknown field 'zz'"]


def test_a_5000_digit_integer(data):
    replace(data, Q, "minutes: 15", "minutes: " + "9" * 5000)
    assert errors_of(data) == [f"data/{Q}:{line_of(data, Q, 'minutes:')}: minutes: number has 5000 digits; "
                               f"at most {MAX_INT_DIGITS} are allowed (quote it if it is meant as text)"]


def test_explicit_tags_are_refused(data):
    # PyYAML raises ValueError on `!!float abc`; no tag is needed in this data.
    replace(data, Q, "minutes: 15", "minutes: !!float abc")
    assert errors_of(data) == [f"data/{Q}:{line_of(data, Q, 'minutes:')}: tags (!x, !!x) are not allowed: '!!float' "
                               "(quote a text value that starts with '!')"]


def test_merge_and_value_keys_are_plain_text(data):
    # `<<` and `=` are YAML 1.1 oddities (a merge, a constructor PyYAML lacks): here just unknown fields.
    replace(data, Q, "kind: scenario", "kind: scenario\n<<: {title: x}\n=: y")
    errors = errors_of(data)
    assert [e.split(" (")[0] for e in errors] == [f"data/{Q}:{line_of(data, Q, '<<:')}: <<: unknown field '<<'",
                                                  f"data/{Q}:{line_of(data, Q, '=: y')}: =: unknown field '='"]


def test_a_control_character_in_yaml(data):
    replace(data, Q, "kind: scenario", "kind: scen\x1bario")
    assert errors_of(data) == [f"data/{Q}:{line_of(data, Q, 'kind:')}: character U+001B is not allowed in YAML "
                               "(remove it, or write it as an escape inside double quotes)"]


def test_a_truncated_file(data):
    # Half a document, as an editor's interrupted save leaves it.
    text = (data / Q).read_text()
    (data / Q).write_text(text[:text.index("skills: [") + len("skills: [skill-al")])
    assert errors_of(data) == [f"data/{Q}:{line_of(data, Q, 'skills:')}: YAML syntax error: did not find expected ',' or ']'"]


def test_a_file_that_is_not_utf8(data):
    (data / Q).write_bytes((data / Q).read_bytes().replace(b"kind: scenario", b"kind: sc\xe9nario"))
    line = next(n for n, text in enumerate((data / Q).read_bytes().splitlines(), 1) if text.startswith(b"kind:"))
    assert errors_of(data) == [f"data/{Q}:{line}: file is not UTF-8 text (save it as UTF-8)"]


# Files ------------------------------------------------------------------------

def test_an_oversized_file(data):
    (data / Q).write_text((data / Q).read_text() + "# " + "x" * MAX_FILE_BYTES + "\n")
    assert errors_of(data) == [f"data/{Q}: file is larger than {MAX_FILE_BYTES // 1024} KiB "
                               "(an entry is a few KiB of text: shorten it or split it)"]


def test_a_file_of_exactly_the_limit_is_read(data):
    text = (data / Q).read_text()
    padding = MAX_FILE_BYTES - len(text.encode()) - 3
    (data / Q).write_text(text + "# " + "x" * padding + "\n")
    assert (data / Q).stat().st_size == MAX_FILE_BYTES
    kb, errors = validate(data, SCHEMAS)
    assert [str(e) for e in errors] == [] and kb is not None


def _plant(kind, path, tmp_path):
    if kind == "dangling symlink":
        os.symlink(tmp_path / "nowhere.yml", path)
    elif kind == "symlink outside the repository":
        # A valid entry elsewhere: it would be published if the link were followed.
        outside = tmp_path / "elsewhere.yml"
        outside.write_text((DATA / "skills" / "observability.yml").read_text())
        os.symlink(outside, path)
    elif kind == "symlink to /dev/zero":
        os.symlink("/dev/zero", path)
    elif kind == "symlink to /dev/stdin":
        os.symlink("/dev/stdin", path)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        return server


KINDS = {
    "dangling symlink": "symbolic link",
    "symlink outside the repository": "symbolic link",
    "symlink to /dev/zero": "symbolic link",
    "symlink to /dev/stdin": "symbolic link",
    "fifo": "named pipe",
    "folder": "folder",
    "socket": "socket",
}


@pytest.mark.parametrize("kind", KINDS)
def test_only_regular_files_are_read(data, tmp_path, kind):
    # Never opened: a FIFO would block open(), /dev/zero would fill memory.
    name = "skills/observability.yml"
    if kind == "socket" and len(str(data / name)) > 100:
        pytest.skip("socket path too long for AF_UNIX")
    held = _plant(kind, data / name, tmp_path)
    try:
        with time_limit(10):
            errors = errors_of(data)
    finally:
        if held:
            held.close()
    assert errors == [f"data/{name}: not a regular file (it is a {KINDS[kind]}; {NOT_READ})"]


def test_a_symlinked_collection_folder_is_not_followed(data, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (data / "faqs").rename(tmp_path / "elsewhere" / "faqs")
    os.symlink(tmp_path / "elsewhere" / "faqs", data / "faqs")
    errors = errors_of(data)
    assert f"data/faqs: not a regular file (it is a symbolic link; {NOT_READ})" in errors
    assert not any("elsewhere" in e for e in errors)


def test_a_symlinked_data_folder_is_not_followed(data, tmp_path):
    # data/ itself swapped for a link to entries outside the repository.
    os.symlink(data, tmp_path / "linked")
    kb, errors = validate(tmp_path / "linked", SCHEMAS)
    assert kb is None and [str(e) for e in errors] == [
        f"{(tmp_path / 'linked').as_posix()}: not a folder (it is a symbolic link; {NOT_READ})"]


def test_a_fifo_among_the_schemas_does_not_block(data, tmp_path):
    schema_dir = tmp_path / "schemas"
    schema_dir.mkdir()
    for path in SCHEMAS.iterdir():
        (schema_dir / path.name).write_bytes(path.read_bytes())
    os.mkfifo(schema_dir / "extra.schema.json")
    with time_limit(10):
        kb, errors = validate(data, schema_dir)
    assert kb is None and [str(e) for e in errors] == [
        f"schemas/extra.schema.json: not a regular file (it is a named pipe; {NOT_READ})"]


@pytest.mark.parametrize("name", [".#question-one.yml", "question-one.yml~", ".question-one.yml.swp", "#question-one.yml#", "4913"])
def test_editor_leftovers(data, name):
    if name.startswith(".#"):  # Emacs's lock: a dangling symlink naming user@host
        os.symlink("someone@host.1234:1700000000", data / "questions" / name)
    else:
        (data / "questions" / name).write_bytes((data / Q).read_bytes()[:100])
    assert errors_of(data) == [f"data/questions/{name}: {LEFTOVER}"]


# Messages ---------------------------------------------------------------------

def test_control_and_bidi_characters_are_shown_escaped(data):
    replace(data, Q, "id: question-one", 'id: "question-one\\e[2J\\u202e\\u200b\\x85"')
    line = line_of(data, Q, "id:")
    errors = errors_of(data)
    # (text_rules.py reports the characters themselves too; this is about how messages show them)
    assert f"data/{Q}:{line}: id: id 'question-one\\x1b[2J\\u202e\\u200b\\x85' does not match the file name " \
           "'question-one'" in errors
    assert all(e == printable(e) for e in errors), errors


def test_printable_escapes_every_hidden_character():
    hidden = "\x00\x07\t\n\r\x1b\x7f\x85\x9b\u00ad\u061c\u200b\u200d\u200e\u200f\u202a\u202e\u2028\u2029\u2060\u2066\u2069\ufeff\U000e0041"
    assert printable("a" + hidden + "é€✓") == ("a\\x00\\x07\\t\\n\\r\\x1b\\x7f\\x85\\x9b\\xad\\u061c\\u200b\\u200d\\u200e\\u200f"
                                               "\\u202a\\u202e\\u2028\\u2029\\u2060\\u2066\\u2069\\ufeff\\U000e0041é€✓")
    assert str(DataError("data/x\x1b.yml", 1, "f\u202e", "m\n::error::x", "h\x9b")) == \
        "data/x\\x1b.yml:1: f\\u202e: m\\n::error::x (h\\x9b)"


def test_annotation_encodes_properties_and_hidden_characters():
    error = DataError("data/a:b,c.yml", 3, "f", "50%\r\n::error file=x::y \x1b[31m\u202e")
    assert check.annotation(error) == "::error file=data/a%3Ab%2Cc.yml,line=3::f: 50%25%0D%0A::error file=x::y \\x1b[31m\\u202e"


def run_check(data, env=None):
    return subprocess.run([sys.executable, "-m", "macros.check", str(data)], cwd=ROOT, capture_output=True,
                          env={"PATH": "/usr/bin:/bin", **(env or {})}, timeout=120)


def test_an_annotation_cannot_be_forged(data):
    # A newline and a workflow command in data stay inside the one escaped message.
    replace(data, Q, "id: question-one", 'id: "question-one\\n::error file=evil.yml,line=1::forged \\e[2J"')
    result = run_check(data, {"GITHUB_ACTIONS": "true"})
    out = result.stdout.decode()
    assert result.returncode == 1
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert commands and all(line.startswith(f"::error file=data/{Q},line=") for line in commands), out
    line = line_of(data, Q, "id:")
    assert f"::error file=data/{Q},line={line}::id: id 'question-one%0A::error file=evil.yml,line=1::forged \\x1b[2J' " \
           "does not match the file name 'question-one'" in commands
    assert "\x1b" not in out


@pytest.mark.parametrize("env", [
    {"LC_ALL": "C", "PYTHONIOENCODING": ""},
    # Python 3.7+ turns on UTF-8 mode under the C locale; without it stdout really is ASCII.
    {"LC_ALL": "C", "PYTHONIOENCODING": "", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
], ids=["c-locale", "ascii-stdout"])
def test_check_prints_non_ascii_errors_under_an_ascii_locale(data, env):
    replace(data, Q, "kind: scenario", "kind: scenario\ntïtle: x")
    result = run_check(data, env)
    out, err = result.stdout.decode("ascii", "replace"), result.stderr.decode("ascii", "replace")
    assert result.returncode == 1 and "Traceback" not in err, err
    line = line_of(data, Q, "tïtle")
    assert re.fullmatch(rf"data/{Q}:{line}: t(\\xef|ï)tle: unknown field 't(\\xef|ï)tle' \(did you mean 'title'\?\)",
                        result.stdout.decode().strip()), out
    assert "1 error(s) in" in err
