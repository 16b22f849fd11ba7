"""Interview kits: every role profile's loop meets the structured-interview rules."""

import pytest

from conftest import DATA
from macros import kits
from macros.load import load_kb

KB = load_kb(DATA)
ROLES = KB.entries("roles")


def test_there_are_at_least_six_role_profiles():
    assert len(ROLES) >= 6


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.source)
def test_kit_meets_the_rules(role):
    # Each competency in two stages or more, every stage within its time, equal
    # weights unless explained, questions at the role's level or next to it.
    assert kits.problems(kits.build(KB, role)) == []


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.source)
def test_kit_has_a_screen_and_a_design_stage(role):
    names = " ".join(s["name"].lower() for s in role.data["stages"])
    assert "screen" in names and "design" in names
