"""Rules on the real content, so a later pull request cannot quietly regress them.

The per-field rules (four non-empty rubric bands, at least two follow-ups, at
least one skill per question, three skills and three questions per use case,
one question per red flag) live in the schemas and are checked per file by
test_data.py; these are the rules that span entries.
"""

import pytest

MINIMUM = {
    "skills": 12,
    "questions": 60,
    "use-cases": 6,
    "patterns": 20,
    "tradeoffs": 6,
    "red-flags": 10,
    "faqs": 20,
}


@pytest.mark.parametrize("collection, minimum", MINIMUM.items())
def test_minimum_count(kb, collection, minimum):
    assert len(kb.entries(collection)) >= minimum


def test_every_skill_is_probed_by_three_questions(kb):
    thin = {s.id: len(kb.incoming(s, "questions", "skills")) for s in kb.entries("skills")}
    assert {k: v for k, v in thin.items() if v < 3} == {}


def test_every_pattern_is_tested_by_a_question(kb):
    untested = [p.id for p in kb.entries("patterns") if not kb.incoming(p, "questions", "patterns")]
    assert untested == []


def test_every_tradeoff_is_probed_by_two_questions(kb):
    assert [t.id for t in kb.entries("tradeoffs") if len(t.data["questions"]) < 2] == []


def test_no_orphan_entries(kb):
    # An entry that links nowhere and is linked from nowhere is reachable only
    # from its collection index.
    orphans = [e.source for name in kb.collections for e in kb.entries(name) if not e.refs and not kb.all_incoming(e)]
    assert orphans == []


def test_every_question_kind_and_level_is_used(kb):
    questions = kb.entries("questions")
    assert {q.data["kind"] for q in questions} == {"system-design", "past-experience", "debugging", "trade-off", "scenario"}
    assert {q.data["level"] for q in questions} == {"mid", "senior", "staff"}
