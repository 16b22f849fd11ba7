"""Interview kits: every role profile's loop meets the structured-interview rules.

The kit rules themselves (KIT001 to KIT006) are in the validator's rule table,
macros/rules.py, with their negative tests in test_rules.py; here they run on
the real kits, one test per role so a failure names the file.
"""

import pytest

from conftest import DATA
from macros import kits, rules
from macros.load import load_kb

KB = load_kb(DATA)
ROLES = KB.entries("roles")


def test_there_are_at_least_six_role_profiles():
    # A content goal, not a validator rule: the fixture knowledge base has one kit.
    assert len(ROLES) >= 6


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.source)
def test_kit_meets_the_rules(role):
    # Each competency in two stages or more, every stage within its time, equal
    # weights unless explained, questions at the role's level or next to it, no question twice,
    # a break of 10 minutes or more at least every 120 minutes of stages.
    found = [rules.message(rule, f) for rule, f in rules.run_tree(KB) if rule.id.startswith("KIT") and f.entry is role]
    assert found == []


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.source)
def test_kit_has_a_screen_and_a_design_stage(role):
    # A content convention of this guide's kits, not a validator rule: a team's own
    # loop may call its stages something else.
    names = " ".join(s["name"].lower() for s in role.data["stages"])
    assert "screen" in names and "design" in names


def test_agenda_and_total_include_the_breaks(fixture_kb):
    # The fixture kit breaks for 10 minutes after stage 2; the page's agenda and total show it.
    kit = kits.build(fixture_kb, fixture_kb.entries("roles")[0])
    assert [(slot.start, slot.minutes, slot.stage.number if slot.stage else None) for slot in kit.agenda] == [
        (0, 30, 1), (30, 60, 2), (90, 10, None), (100, 45, 3)]
    assert (kit.stage_minutes, kit.break_minutes, kit.total_minutes) == (135, 10, 145)
    assert [[s.number for s in run] for run in kit.unbroken_runs] == [[1, 2], [3]]
