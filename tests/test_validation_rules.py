"""Negative tests: every validation rule rejects bad data with `path:line: field: message`.

Each case copies the fixture knowledge base, breaks one thing, and checks the
exact error a contributor would see.
"""

import shutil

import pytest

from conftest import FIXTURE_DATA, SCHEMAS, replace
from macros.load import validate

Q = "questions/question-one.yml"


def errors_of(data):
    kb, errors = validate(data, SCHEMAS)
    assert kb is None, "bad data must not produce a knowledge base"
    return [str(e) for e in errors]


def line_of(data, rel, needle):
    for number, line in enumerate((data / rel).read_text().splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {rel}")


def test_fixture_is_valid():
    kb, errors = validate(FIXTURE_DATA, SCHEMAS)
    assert errors == [] and kb is not None


# Each case: (name, file, old text, new text, expected error without the path prefix, line marker)
CASES = [
    ("yaml-syntax", Q, "kind: scenario", "kind: [scenario", "YAML syntax error", None),
    ("duplicate-key", Q, "level: senior", "level: senior\nlevel: mid", "level: duplicate key 'level' (first on line", "level: mid"),
    ("wrong-type", Q, "minutes: 15", "minutes: fifteen", "minutes: expected integer, got str 'fifteen'", "minutes:"),
    ("unknown-field", Q, "kind: scenario", "kind: scenario\nknd: extra", "knd: unknown field 'knd' (did you mean 'kind'?)", "knd:"),
    ("missing-field", Q, "minutes: 15\n", "", "missing required field 'minutes'", None),
    ("enum-typo", Q, "kind: scenario", "kind: scenarios", "kind: 'scenarios' is not one of system-design, past-experience, debugging, trade-off, scenario, code-reading, coding (did you mean 'scenario'?)", "kind:"),
    ("too-long", Q, "title: Question one", "title: " + "x" * 130, "title: text is 130 characters; it must be at most 120", "title:"),
    ("too-few-items", Q, "  - probe: Second probe?\n    listen_for: Second answer.\n", "", "follow_ups: list has 1 item(s); it must have at least 2", "follow_ups:"),
    ("bad-date", Q, "last_reviewed: 2026-01-01", "last_reviewed: 01/01/2026", "last_reviewed: '01/01/2026' does not have the expected form (Date (YYYY-MM-DD)", "last_reviewed:"),
    ("id-mismatch", Q, "id: question-one", "id: question-uno", "id: id 'question-uno' does not match the file name 'question-one'", "id:"),
    ("dangling-ref", Q, "skills: [skill-alpha]", "skills: [skill-alpah]", "skills[0]: 'skill-alpah' is not a known skill (did you mean 'skill-alpha'?)", "skills:"),
    ("ref-to-unknown-collection", "faqs/faq-when.yml", "related: [skills/skill-alpha", "related: [skils/skill-alpha", "related[0]: 'skils' is not a collection (did you mean 'skills'?)", "related:"),
    ("self-ref", "skills/skill-alpha.yml", "related_skills: [skill-beta]", "related_skills: [skill-alpha]", "related_skills[0]: an entry cannot refer to itself", "related_skills:"),
    ("raw-html", Q, "prompt: A made-up prompt", "prompt: A <b>made-up</b> prompt", "prompt: contains raw HTML", "prompt:"),
    ("html-comment", Q, "prompt: A made-up prompt", "prompt: A <!-- hidden --> prompt", "prompt: contains raw HTML", "prompt:"),
    ("event-handler", Q, "prompt: A made-up prompt", "prompt: A [x](y){ onclick=steal() } prompt", "prompt: contains an HTML event-handler attribute", "prompt:"),
    ("jinja-expression", Q, "prompt: A made-up prompt", "prompt: A {{ config }} prompt", "prompt: contains a Jinja delimiter", "prompt:"),
    ("jinja-statement", Q, "prompt: A made-up prompt", "prompt: A {% include 'x' %} prompt", "prompt: contains a Jinja delimiter", "prompt:"),
    ("jinja-comment", Q, "prompt: A made-up prompt", "prompt: A {# note #} prompt", "prompt: contains a Jinja delimiter", "prompt:"),
    ("javascript-url", Q, "prompt: A made-up prompt", "prompt: A [click](javascript:alert(1)) prompt", "prompt: contains a script URL", "prompt:"),
    ("data-url", Q, "prompt: A made-up prompt", "prompt: A [click](data:text/html;base64,AAAA) prompt", "prompt: contains a data: URL", "prompt:"),
    ("unsafe-list-item", Q, "red_flag_answers: [A worrying answer.]", "red_flag_answers: [A <script>x</script> answer.]", "red_flag_answers[0]: contains raw HTML", "red_flag_answers:"),
    ("not-a-mapping", Q, None, "- just\n- a list\n", "expected a mapping of fields at the top of the file", None),
]


@pytest.mark.parametrize("name, rel, old, new, expected, marker", CASES, ids=[c[0] for c in CASES])
def test_rule_rejects_bad_data(data, name, rel, old, new, expected, marker):
    if old is None:
        (data / rel).write_text(new)
    else:
        replace(data, rel, old, new)
    errors = errors_of(data)
    line = line_of(data, rel, marker) if marker else None
    prefix = f"data/{rel}:{line}: " if line else f"data/{rel}:"
    matching = [e for e in errors if e.startswith(prefix) and expected in e]
    assert matching, f"expected {prefix}...{expected!r} among:\n" + "\n".join(errors)


def test_duplicate_id(data):
    # Two files claim the same id: one is reported as a mismatch, the other as a duplicate.
    shutil.copy(data / Q, data / "questions/question-four.yml")
    errors = errors_of(data)
    assert any(":1: id: duplicate id 'question-one' (also used in data/questions/question-" in e for e in errors), errors
    assert any("question-four.yml:1: id: id 'question-one' does not match the file name 'question-four'" in e for e in errors), errors


def test_file_name_must_be_a_slug(data):
    (data / Q).rename(data / "questions/Question_One.yml")
    assert any("Question_One.yml: file name 'Question_One' is not a lowercase slug" in e for e in errors_of(data))


def test_wrong_extension(data):
    (data / Q).rename(data / "questions/question-one.yaml")
    assert any("question-one.yaml: unexpected file in a collection folder (entries are <id>.yml files)" in e for e in errors_of(data))


def test_unknown_folder(data):
    (data / "question").mkdir()
    assert any(e.startswith("data/question: unknown collection folder") for e in errors_of(data))


def test_missing_schema(tmp_path, data):
    schemas = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, schemas)
    (schemas / "faqs.schema.json").unlink()
    kb, errors = validate(data, schemas)
    assert kb is None and any("no schema for collection 'faqs'" in str(e) for e in errors)


def test_all_errors_reported_at_once(data):
    replace(data, Q, "minutes: 15", "minutes: fifteen")
    replace(data, "skills/skill-beta.yml", "title: Skill beta", "title: Skill <i>beta</i>")
    replace(data, "use-cases/use-case-shop.yml", "question-three]", "question-tree]")
    errors = errors_of(data)
    assert len(errors) == 3, errors


def test_every_unknown_field_is_reported_on_its_own_line(data):
    replace(data, Q, "kind: scenario", "kind: scenario\nknd: extra\nminuts: 3")
    errors = errors_of(data)
    assert f"data/{Q}:{line_of(data, Q, 'knd:')}: knd: unknown field 'knd' (did you mean 'kind'?)" in errors
    assert f"data/{Q}:{line_of(data, Q, 'minuts:')}: minuts: unknown field 'minuts' (did you mean 'minutes'?)" in errors
    assert len(errors) == 2, errors


def test_unknown_fields_in_a_nested_mapping(data):
    replace(data, Q, "  - probe: First probe?\n", "  - probe: First probe?\n    prob: x\n    listen: y\n")
    errors = errors_of(data)
    assert f"data/{Q}:{line_of(data, Q, 'prob: x')}: follow_ups[0].prob: unknown field 'prob' (did you mean 'probe'?)" in errors
    assert f"data/{Q}:{line_of(data, Q, 'listen: y')}: follow_ups[0].listen: unknown field 'listen' (did you mean 'listen_for'?)" in errors
    assert len(errors) == 2, errors
