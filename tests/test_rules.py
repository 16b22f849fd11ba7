"""The rule table (macros/rules.py): one negative test per kit, title and glossary
rule, the table as documented, and `make check` reporting a rule error with its
file and line.

Each case copies the fixture knowledge base (whose kit meets every rule), breaks
one thing and checks the exact error. Link rules are tested in test_data_links.py.
"""

import re
import subprocess
import sys

import pytest
import yaml

from conftest import DATA, FIXTURE_DATA, ROOT, SCHEMAS, replace
from macros import rules
from macros.load import validate

ROLE = "roles/role-shop-engineer.yml"


def line_of(data, rel, needle, after=""):
    lines = (data / rel).read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(n for n, line in enumerate(lines[start:], start + 1) if needle in line)


def errors_of(data):
    kb, errors = validate(data, SCHEMAS)
    assert kb is None, "bad data must not produce a knowledge base"
    return [str(e) for e in errors]


def test_fixture_kit_meets_every_rule():
    kb, errors = validate(FIXTURE_DATA, SCHEMAS)
    assert errors == [] and kb.entries("roles")


# Kit rules --------------------------------------------------------------------------

def test_kit001_competency_probed_in_one_stage(data):
    replace(data, "questions/question-three.yml", "skills: [skill-alpha, skill-gamma, skill-delta]", "skills: [skill-alpha]")
    hint = "(add a question that probes it to another stage, so no single interview decides it)"
    assert errors_of(data) == [
        f"data/{ROLE}:{line_of(data, ROLE, 'skill: skill-gamma')}: competencies[1].skill: competency 'skill-gamma' "
        f"is probed in 1 stage(s) [2]; it needs at least 2 [KIT001] {hint}",
        f"data/{ROLE}:{line_of(data, ROLE, 'skill: skill-delta')}: competencies[2].skill: competency 'skill-delta' "
        f"is probed in 1 stage(s) [2]; it needs at least 2 [KIT001] {hint}",
    ]


def test_kit002_stage_questions_exceed_its_minutes(data):
    replace(data, "questions/question-one.yml", "minutes: 15", "minutes: 40")
    assert errors_of(data) == [
        f"data/{ROLE}:{line_of(data, ROLE, 'minutes: 30')}: stages[0].minutes: stage 1 'Screen': questions take 40 min, "
        "more than its 30 min [KIT002] (lengthen the stage or move a question to another stage)"
    ]


def test_kit003_weights_differ_without_rationale(data):
    replace(data, ROLE, "weight: 2", "weight: 3")
    assert errors_of(data) == [
        f"data/{ROLE}:{line_of(data, ROLE, 'competencies:')}: competencies: weights differ but weights_rationale does not "
        "say why [KIT003] (add weights_rationale, or give every competency the same weight)"
    ]


def test_kit003_accepts_a_rationale(data):
    replace(data, ROLE, "weight: 2", "weight: 3")
    replace(data, ROLE, "stages:", "weights_rationale: Alpha parts are most of the work.\nstages:")
    assert validate(data, SCHEMAS)[1] == []


def test_kit004_question_too_far_from_the_role_level(data):
    replace(data, ROLE, "level: senior", "level: mid")
    replace(data, "questions/question-one.yml", "level: senior", "level: staff")
    assert errors_of(data) == [
        f"data/{ROLE}:{line_of(data, ROLE, 'questions: [question-one]')}: stages[0].questions[0]: stage 1: question "
        "'question-one' is staff-level, too far from a mid role [KIT004] (levels allowed for a mid role: mid, senior)"
    ]


def test_kit005_question_asked_in_two_stages(data):
    replace(data, ROLE, "questions: [question-three]", "questions: [question-three, question-one]")
    assert errors_of(data) == [
        f"data/{ROLE}:{line_of(data, ROLE, 'question-one]', after='Deep dive')}: stages[2].questions[1]: question "
        "'question-one' is asked in stage 1 and again in stage 3 [KIT005] (ask each question once per loop)"
    ]


def test_kit_rules_wait_for_the_files_to_be_valid(data):
    # Tree rules need every reference resolved; until then only the file errors show.
    replace(data, ROLE, "weight: 2", "weight: 3")
    replace(data, "skills/skill-beta.yml", "title: Skill beta", "titel: Skill beta")
    errors = errors_of(data)
    assert len(errors) == 2 and not any("[KIT" in e for e in errors), errors


# Titles (TXT001) ----------------------------------------------------------------------

TITLE_HINT = ("(titles are shown as written in the browser tab, navigation, tags and the API; "
              "write the words only)")


@pytest.mark.parametrize("rel, old, new, field, found", [
    ("skills/skill-beta.yml", "title: Skill beta", "title: Skill *beta*", "title", "Markdown emphasis (*...*)"),
    ("skills/skill-beta.yml", "title: Skill beta", "title: Skill _beta_", "title", "Markdown emphasis (_..._)"),
    ("skills/skill-beta.yml", "title: Skill beta", "title: '# Skill beta'", "title",
     "a heading marker (#) at the start"),
    ("skills/skill-beta.yml", "title: Skill beta", "title: <https://evil.example>", "title",
     "an autolink (<https://...>)"),
    ("skills/skill-beta.yml", "title: Skill beta", "title: '[Skill beta](https://evil.example)'", "title",
     "square brackets ([ or ])"),
    ("skills/skill-beta.yml", "title: Skill beta", 'title: "Skill beta\\n"', "title", "a line break"),
    ("skills/skill-beta.yml", "title: Skill beta", "title: Skill \\*beta", "title", "a backslash (Markdown escapes)"),
    ("skills/skill-beta.yml", "title: Skill beta", "title: Skill in C#", "title", "a # at the end (headings drop it)"),
    ("tradeoffs/tradeoff-speed.yml", "- name: Fast", "- name: '`Fast`'", "options[0].name", "a code span (`)"),
    ("roles/role-shop-engineer.yml", "- name: Screen", "- name: Screen &amp; more", "stages[0].name",
     "an HTML entity (&...;)"),
    ("skills/skill-beta.yml", "title: Skill beta", "title: Skill &#66 beta", "title", "an HTML entity (&...;)"),
])
def test_txt001_title_with_markup(data, rel, old, new, field, found):
    replace(data, rel, old, new)
    assert errors_of(data) == [
        f"data/{rel}:{line_of(data, rel, new)}: {field}: titles are plain text: this one has {found} [TXT001] "
        f"{TITLE_HINT}"]


def test_txt001_lists_everything_a_title_has(data):
    replace(data, "skills/skill-beta.yml", "title: Skill beta", "title: '**Skill** `beta`'")
    assert errors_of(data) == [
        f"data/skills/skill-beta.yml:2: title: titles are plain text: this one has Markdown emphasis (*...*), "
        f"a code span (`) [TXT001] {TITLE_HINT}"]


@pytest.mark.parametrize("title", [
    # Characters real titles need
    "A new user_id label takes down the metrics backend",
    "Cut a $140k monthly data-transfer bill without weakening the multi-region design",
    "CAP and PACELC: consistency against availability, and against latency",
    "\"We'll just add more replicas\" as the answer to every load problem",
    "Q&A, R&D and AT&T / HTTP/2 + gRPC (p99 < 200 ms) — 5 * 3",
    "snake_case and other_names",
])
def test_txt001_plain_titles_pass(title):
    assert rules.title_markup(title) == []


def test_txt001_finds_title_fields_in_the_schemas():
    context = rules.Context({}, ROOT / "docs", SCHEMAS)
    assert context.title_fields("skills") == (("title",),)
    assert context.title_fields("tradeoffs") == (("title",), ("options", "*", "name"))
    assert context.title_fields("roles") == (("title",), ("stages", "*", "name"))


# Glossary abbreviations (GLS001) -------------------------------------------------------

TERM = "glossary/term-widget.yml"
ABBREVIATION_HINT = ("(every page gets hover text wherever the abbreviation appears as a word; give an acronym "
                     "or initialism such as SLO, CRDT or p99, or leave abbreviation out)")


@pytest.mark.parametrize("abbreviation, problem", [
    ("the", "abbreviation 'the' has fewer than two capital letters or digits"),
    ("Ab", "abbreviation 'Ab' has fewer than two capital letters or digits"),
    ("API-first", "abbreviation 'API-first' has the lowercase word 'first'"),
    ("THE", "abbreviation 'THE' is a common English word"),
    ("AND", "abbreviation 'AND' is a common English word"),
    ("LOG", "abbreviation 'LOG' is a common English word"),
])
def test_gls001_abbreviation_that_is_not_an_acronym(data, abbreviation, problem):
    replace(data, TERM, "abbreviation: WGT", f"abbreviation: {abbreviation}")
    assert errors_of(data) == [
        f"data/{TERM}:{line_of(data, TERM, 'abbreviation:')}: abbreviation: {problem} [GLS001] {ABBREVIATION_HINT}"]


def test_gls001_leaves_a_malformed_abbreviation_to_the_schema(data):
    replace(data, TERM, "abbreviation: WGT", "abbreviation: a b")
    errors = errors_of(data)
    assert len(errors) == 1 and "does not have the expected form" in errors[0] and "[GLS001]" not in errors[0]


def real_abbreviations():
    terms = [yaml.safe_load(path.read_text()) for path in (DATA / "glossary").glob("*.yml")]
    return sorted(term["abbreviation"] for term in terms if term.get("abbreviation"))


def test_gls001_real_abbreviations_are_acronyms():
    # CAP, CDC, CQRS, CRDT, HLC, ISR, LWW, PACELC, RED, RPO, RTO, SLA, SLI, SLO, SPIFFE, USE, mTLS, p99
    found = real_abbreviations()
    assert len(found) >= 15 and {a: rules.acronym_problem(a) for a in found} == {a: None for a in found}


# Images and links ----------------------------------------------------------------------

def test_an_image_from_another_host_is_one_error_not_a_link_error_too(data):
    q = "questions/question-one.yml"
    replace(data, q, "prompt: A made-up prompt", "prompt: A ![x](//evil.example/p.png) prompt")
    assert errors_of(data) == [
        f"data/{q}:{line_of(data, q, 'prompt:')}: prompt: contains an image from another host "
        "(an image is fetched on every page view; link to it instead: [diagram](https://...))"]


# The table ----------------------------------------------------------------------------

def test_rule_ids_are_unique_and_stable_in_form():
    ids = [rule.id for rule in rules.RULES]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Z]{3}\d{3}", i) for i in ids)
    assert all(rule.scope in ("entry", "tree") and rule.description.endswith(".") for rule in rules.RULES)


def test_readme_documents_every_rule():
    # The table in data/README.md says the same as macros/rules.py: id and description.
    readme = (ROOT / "data" / "README.md").read_text()
    rows = re.findall(r"^\| `([A-Z]{3}\d{3})` \| (.+) \| (one entry|whole knowledge base) \|$", readme, re.MULTILINE)
    scopes = {"entry": "one entry", "tree": "whole knowledge base"}
    assert rows == [(rule.id, rule.description, scopes[rule.scope]) for rule in rules.RULES]


# make check -----------------------------------------------------------------------

def run_check(data, env=None):
    return subprocess.run([sys.executable, "-m", "macros.check", str(data)], cwd=ROOT, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", **(env or {})})


def test_check_reports_a_kit_rule_with_file_and_line(data):
    replace(data, "questions/question-one.yml", "minutes: 15", "minutes: 40")
    result = run_check(data)
    line = line_of(data, ROLE, "minutes: 30")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"data/{ROLE}:{line}: stages[0].minutes: stage 1 'Screen': questions take 40 min, more than its 30 min [KIT002] "
        "(lengthen the stage or move a question to another stage)"
    ]
    assert "1 error(s) in" in result.stderr


def test_check_annotates_a_kit_rule_under_github_actions(data):
    replace(data, "questions/question-one.yml", "minutes: 15", "minutes: 40")
    result = run_check(data, {"GITHUB_ACTIONS": "true"})
    line = line_of(data, ROLE, "minutes: 30")
    assert f"::error file=data/{ROLE},line={line}::stages[0].minutes: stage 1 'Screen': questions take 40 min, more than " \
           "its 30 min [KIT002] (lengthen the stage or move a question to another stage)" in result.stdout.splitlines()


def test_check_prints_every_error_then_the_count(data):
    replace(data, "questions/question-one.yml", "kind: scenario", "kind: scenario\nknd: x\nminuts: 3")
    replace(data, "faqs/faq-when.yml", "related: [", "answer2: x\nrelated: [")
    result = run_check(data)
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 3 and "3 error(s) in" in result.stderr
