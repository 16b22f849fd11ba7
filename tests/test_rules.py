"""The rule table (macros/rules.py): one negative test per kit rule, the table as
documented, and `make check` reporting a rule error with its file and line.

Each case copies the fixture knowledge base (whose kit meets every rule), breaks
one thing and checks the exact error. Link rules are tested in test_data_links.py.
"""

import re
import subprocess
import sys


from conftest import FIXTURE_DATA, ROOT, SCHEMAS, replace
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
