"""The rule table (macros/rules.py): one negative test per kit, title, glossary,
rubric and calibration rule, the table as documented, and `make check` reporting a
rule error with its file and line.

Each case copies the fixture knowledge base (whose kit meets every rule), breaks
one thing and checks the exact error. Link rules are tested in test_data_links.py.
"""

import json
import re
import subprocess
import sys

import pytest
import yaml

from conftest import DATA, FIXTURE_DATA, ROOT, SCHEMAS, replace
from macros import band_rule, rules
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


@pytest.mark.parametrize("old, new", [
    ("    break_after: 10\n", ""),  # no break: 30 + 60 + 45 minutes in a row
    ("break_after: 10", "break_after: 5"),  # a break shorter than 10 minutes does not count
])
def test_kit006_too_long_without_a_break(data, old, new):
    replace(data, ROLE, old, new)
    assert errors_of(data) == [
        f"data/{ROLE}:{line_of(data, ROLE, 'minutes: 45')}: stages[2].minutes: stages 1 to 3 run 135 min without a "
        "break of at least 10 min; at most 120 min may [KIT006] (give a stage before stage 3 a break_after of 10 or more)"
    ]


def test_kit006_a_break_starts_a_new_run(data):
    # The fixture breaks after stage 2 (90 min); moving the break after stage 1 leaves 30, then 60 + 45 = 105.
    replace(data, ROLE, "    break_after: 10\n", "")
    replace(data, ROLE, "minutes: 30\n", "minutes: 30\n    break_after: 15\n")
    assert validate(data, SCHEMAS)[1] == []


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


# Rubric bands (RUB001-RUB006) -----------------------------------------------------------

Q1 = "questions/question-one.yml"
OBSERVE_HINT = "say what the candidate says, asks, draws, decides or writes that shows it"


def with_band(data, band, *items):
    """Question one with one rubric band holding `items`; returns where its errors are reported."""
    old = {"insufficient": "Says nothing.", "developing": "Says something.", "proficient": "Says the right thing.",
           "exceptional": "Says more."}[band]
    replace(data, Q1, f"{band}: [{old}]", f"{band}: {json.dumps(list(items))}")
    return f"data/{Q1}:{line_of(data, Q1, f'{band}:')}: rubric.{band}"


@pytest.mark.parametrize("item, word", [
    ("Mentions retries.", "Mentions"),
    ("Knows the retry budget.", "Knows"),
    ("**Mentions** retries.", "Mentions"),
    ("Reverts the change. Knows the retry budget.", "Knows"),
])
def test_rub001_item_opens_with_naming(data, item, word):
    where = with_band(data, "developing", item)
    assert errors_of(data) == [
        f"{where}[0]: band item starts a sentence with '{word}': it rewards naming a thing, not using it [RUB001] "
        f"({OBSERVE_HINT}, e.g. 'Explains that...', 'Proposes...', 'Asks whether...')"]


@pytest.mark.parametrize("item", [
    "Explains why retries need jitter and mentions the retry budget.",  # not the opening verb
    "Knowsley-style naming is not a verb.",
    "Mentioned a retry budget in the design review.",
    "Explains retries, e.g. mentions jitter.",  # lower case after an abbreviation: not a new sentence
])
def test_rub001_other_openings_pass(item):
    assert rules.naming_opener(item) is None


@pytest.mark.parametrize("item, verb", [
    ("Senses that the lease is unsafe.", "Senses"),
    ("Understands fencing.", "Understands"),
    ("Clearly understands fencing.", "understands"),
    ("Names fencing and understands why it is needed.", "understands"),
    ("Proposes a lease, but realises late that clocks drift.", "realises"),
    ("Is aware of clock skew.", "Is aware"),
    ("Appreciates the cost of coordination.", "Appreciates"),
    ("Feels that a rewrite is needed.", "Feels"),
    ("Does not understand fencing.", "Does not understand"),
    ("Shows an understanding of fencing.", "Shows an understanding of"),
])
def test_rub002_item_relies_on_an_internal_state(data, item, verb):
    where = with_band(data, "proficient", item)
    assert errors_of(data) == [
        f"{where}[0]: band item relies on an internal state ('{verb}') that no interviewer can observe [RUB002] "
        f"({OBSERVE_HINT})"]


@pytest.mark.parametrize("item", [
    # Another actor's state, a compound adjective, the verb in another form: observable items.
    "Explains why the reader understands the new schema only after the upgrade.",
    "Asks whether the consumer is aware of the rebalance before it commits.",
    "Uses rack-aware placement and topology-aware routing.",
    "Says what the user feels during the outage and how the status page reflects it.",
    "Describes what a new engineer needs to understand before going on call.",
    "Explains that a follower has an understanding of the leader's term only after a heartbeat.",
])
def test_rub002_ordinary_uses_pass(item):
    assert rules.internal_state(item) is None


@pytest.mark.parametrize("item, phrase", [
    ("Has a good grasp of consensus.", "good grasp"),
    ("Shows deep understanding of Raft.", "deep understanding"),
    ("Strong knowledge of Kafka internals.", "Strong knowledge"),
    ("Solid experience with Kubernetes operators.", "Solid experience"),
    ("Brings deep Kafka knowledge to the design.", "deep Kafka knowledge"),
    ("Has a good sense of scale.", "good sense"),
])
def test_rub003_adjective_as_the_anchor(data, item, phrase):
    where = with_band(data, "proficient", item)
    assert errors_of(data) == [
        f"{where}[0]: band item uses an adjective as its anchor ('{phrase}'): interviewers will read it differently "
        f"[RUB003] ({OBSERVE_HINT})"]


@pytest.mark.parametrize("item", [
    "Proposes a good default timeout, derived from the dependency's p99.",
    "Keeps a good user experience during the outage by serving cached prices.",
    "Picks strong consistency for balances and says what it costs in latency.",
    "Explains that a deep queue hides latency until the timeout fires.",
    "Describes a poor customer experience caused by retries.",
])
def test_rub003_adjectives_on_other_nouns_pass(item):
    assert rules.adjective_anchor(item) is None


RECALL_HINT = ("(describe the mechanism without the number, or move the number to the exceptional band or to "
               "interviewer_notes as a fact to give on request)")
WAIVED = "interviewer_notes: Do not penalise missing numbers."


@pytest.mark.parametrize("band", ["developing", "proficient"])
def test_rub004_band_requires_a_default_the_notes_waive(data, band):
    replace(data, Q1, "interviewer_notes: Fixture text that is long enough for the schema.", WAIVED)
    where = with_band(data, band, "Keeps the default 30 s session timeout.")
    assert errors_of(data) == [
        f"{where}[0]: band item requires recalling a default or limit (30) that interviewer_notes say is not "
        f"required [RUB004] {RECALL_HINT}"]


@pytest.mark.parametrize("notes, band", [
    ("interviewer_notes: Fixture text that is long enough for the schema.", "proficient"),  # numbers not waived
    (WAIVED, "exceptional"),  # recalling the number is beyond the bar
    (WAIVED + " The session timeout is 30 s.", "proficient"),  # the notes give the number: a fact, not recall
])
def test_rub004_recall_is_fine_elsewhere(data, notes, band):
    replace(data, Q1, "interviewer_notes: Fixture text that is long enough for the schema.", notes)
    with_band(data, band, "Keeps the default 30 s session timeout.")
    assert validate(data, SCHEMAS)[1] == []


@pytest.mark.parametrize("notes, waives", [
    ("Do not penalise missing numbers.", True),
    ("If they have never used it, translate. Do not penalize missing threshold numbers.", True),
    ("Exact defaults are not required.", True),
    ("Exact numbers, defaults and limits are not required.", True),
    ("Candidates do not need every default value; they need the chain of events.", True),
    ("The exact per-partition numbers are nice but not required.", True),
    ("Quoting the limits is a bonus.", True),
    ("Push for numbers: how many pages, what target.", False),
    ("Exact version numbers are not required.", False),  # versions are not defaults or limits
    ("Do not penalise choreography; push for numbers.", False),  # two sentences
    ("Exact arithmetic is a bonus.", False),
])
def test_rub004_notes_that_waive_numbers(notes, waives):
    assert rules.waives_numbers(notes) is waives


@pytest.mark.parametrize("item, values", [
    ("Explains that tombstones stay until `gc_grace_seconds` (10 days by default) has passed.", ["10"]),
    ("Explains that a failure comes at 100,000 tombstones by default.", ["100,000"]),
    ("Notes the schedulers miss their Lease renewals (renew deadline around 10 s).", ["10"]),
    ("Says pods are evicted after the default 300 s toleration.", ["300"]),
    ("Explains that one partition serves at most about 1,000 WCU.", ["1,000"]),
    ("Quantifies: 3,000 agents every 30 s is about 100 LISTs per second.", []),  # derived, no default or limit
    ("Keeps each shard under that per-partition ceiling at peak (e.g. 16 to 20 shards).", []),  # not tied to the word
    ("Explains the default assignor changed in Kafka 3.0.", []),  # a release, not a value
    ("Alerts when p99 crosses the threshold.", []),  # a name, not a value
])
def test_rub004_values_tied_to_a_default_or_limit(item, values):
    assert rules.recalled_values(item, "") == values


def test_rub004_numbers_the_prompt_gives_are_facts():
    assert rules.recalled_values("Keeps the 2 s timeout from the prompt.", "Calls time out after 2 s.") == []


def test_rub005_past_experience_without_hypothetical(data):
    replace(data, Q1, "kind: scenario", "kind: past-experience")
    assert errors_of(data) == [
        f"data/{Q1}:{line_of(data, Q1, 'kind:')}: kind: a past-experience question needs `hypothetical`: what to ask "
        "a candidate who has not had that experience [RUB005] (add hypothetical: a concrete situation to reason "
        "through, scored on the same rubric)"]


def test_rub005_hypothetical_passes(data):
    replace(data, Q1, "kind: scenario", "kind: past-experience\nhypothetical: Imagine a widget that loses orders.")
    assert validate(data, SCHEMAS)[1] == []


def test_rub006_proficient_band_too_long(data):
    where = with_band(data, "proficient", *(f"Says thing {n}." for n in range(1, 8)))
    assert errors_of(data) == [
        f"{where}: the proficient band has 7 items; the hire bar has at most 6 [RUB006] (merge items that test the "
        "same thing, or move the extras to the exceptional band)"]


def test_rub006_six_items_pass(data):
    with_band(data, "proficient", *(f"Says thing {n}." for n in range(1, 7)))
    assert validate(data, SCHEMAS)[1] == []


# Band rules (RUB007) --------------------------------------------------------------------

FIXTURE_RULE = "proficient: {at_least: 1, including: [1]}"


def with_rule(data, rule: str, items: int = 5):
    """Question one with a proficient band of `items` items and `rule` (YAML after `proficient:`) as its band rule."""
    with_band(data, "proficient", *(f"Says thing {n}." for n in range(1, items + 1)))
    replace(data, Q1, FIXTURE_RULE, f"proficient: {rule}")


def error_at(data, needle: str, field: str, message: str) -> str:
    return f"data/{Q1}:{line_of(data, Q1, needle, after='band_rule:')}: {field}: {message}"


@pytest.mark.parametrize("rule, needle, field, message", [
    ("{at_least: 6}", "at_least: 6", "band_rule.proficient.at_least",
     "at_least is 6 but the proficient band has 5 item(s) [RUB007] (at most 5, or add items to rubric.proficient)"),
    ("\n    at_least: 3\n    including:\n      - 1\n      - 7", "- 7", "band_rule.proficient.including[1]",
     "item 7 is not in the proficient band, which has 5 item(s) [RUB007] (item numbers count from 1 in "
     "rubric.proficient: 1 to 5)"),
    ("{at_least: 2, including: [1, 2, 3]}", "including:", "band_rule.proficient.including",
     "including names 3 items but at_least is 2 [RUB007] (raise at_least or name fewer items)"),
    ("{at_least: 3, including: [2, 2]}", "including:", "band_rule.proficient.including", "list has duplicate items"),
    ("{at_least: 0}", "at_least: 0", "band_rule.proficient.at_least", "0 is less than the minimum of 1"),
])
def test_rub007_band_rule_that_does_not_fit_the_band(data, rule, needle, field, message):
    with_rule(data, rule)
    assert errors_of(data) == [error_at(data, needle, field, message)]


def test_rub007_checks_the_exceptional_band_too(data):
    replace(data, Q1, "exceptional: {at_least: 1}", "exceptional: {at_least: 2}")
    assert errors_of(data) == [error_at(data, "exceptional: {at_least: 2}", "band_rule.exceptional.at_least",
                                        "at_least is 2 but the exceptional band has 1 item(s) [RUB007] (at most 1, "
                                        "or add items to rubric.exceptional)")]


@pytest.mark.parametrize("rule", [
    "{at_least: 3, including: [1]}",
    "{at_least: 5, including: [1, 2, 3, 4, 5]}",  # every item, each named
    "{at_least: 2, including: [5, 2]}",  # in any order
])
def test_rub007_rules_that_fit_pass(data, rule):
    with_rule(data, rule)
    # The fixture's proficient calibration sample ticks all five items, so it still reaches the band (CAL003).
    replace(data, "calibration/question-one.yml", "proficient: [1]", "proficient: [1, 2, 3, 4, 5]")
    assert validate(data, SCHEMAS)[1] == []


def test_rub007_band_rule_is_required(data):
    replace(data, Q1, "band_rule:\n  " + FIXTURE_RULE + "\n  exceptional: {at_least: 1}\n", "")
    assert errors_of(data) == [f"data/{Q1}:1: missing required field 'band_rule'"]


# Calibration sets (CAL001-CAL003) ----------------------------------------------------------
# The fixture's set calibrates question one (one proficient item, one exceptional item;
# proficient needs item 1, exceptional one item): sample A is proficient with item 1
# ticked, sample B insufficient with nothing ticked.

CAL = "calibration/question-one.yml"
SAMPLE_A = "observed: {proficient: [1], exceptional: []}"
SAMPLE_B = "observed: {proficient: [], exceptional: []}"


def sample_error(data, label: str, needle: str, field: str, message: str) -> str:
    """The error a contributor sees on the first line holding `needle` in the sample labelled `label`."""
    return f"data/{CAL}:{line_of(data, CAL, needle, after=label)}: {field}: {message}"


@pytest.mark.parametrize("rel, old, new, named, question", [
    ("calibration/question-two.yml", "id: question-one", "id: question-two", "question-two", "question-one"),
    (CAL, "question: question-one", "question: question-two", "question-one", "question-two"),
], ids=["file-renamed", "other-question"])
def test_cal001_set_not_named_after_its_question(data, rel, old, new, named, question):
    (data / CAL).rename(data / rel)
    replace(data, rel, old, new)
    assert errors_of(data) == [
        f"data/{rel}:{line_of(data, rel, 'question:')}: question: the set is for question '{question}' but is named "
        f"'{named}': a calibration set takes its question's id [CAL001] (rename the file to {question}.yml and set "
        f"id: {question}, or correct question)"]


def test_cal001_leaves_an_unknown_question_to_the_reference_check(data):
    replace(data, CAL, "question: question-one", "question: question-on")
    assert errors_of(data) == [f"data/{CAL}:{line_of(data, CAL, 'question:')}: question: 'question-on' is not a known "
                               "question (did you mean 'question-one'?)"]


@pytest.mark.parametrize("old, new, label, needle, field, band, number", [
    (SAMPLE_A, "observed: {proficient: [1, 2], exceptional: []}", "Sample A", "observed:",
     "samples[0].observed.proficient[1]", "proficient", 2),
    # Item 2 would reach exceptional, above the agreed proficient: CAL003 waits for the number to be fixed.
    (SAMPLE_A, "observed: {proficient: [1], exceptional: [2]}", "Sample A", "observed:",
     "samples[0].observed.exceptional[0]", "exceptional", 2),
    (SAMPLE_B, "observed:\n      proficient: []\n      exceptional:\n        - 1\n        - 3", "Sample B", "- 3",
     "samples[1].observed.exceptional[1]", "exceptional", 3),
], ids=["proficient", "exceptional", "block-list"])
def test_cal002_observed_item_not_in_the_band(data, old, new, label, needle, field, band, number):
    replace(data, CAL, old, new)
    assert errors_of(data) == [sample_error(
        data, label, needle, field, f"observed {band} item {number}, but the {band} band of question 'question-one' "
        f"has 1 item [CAL002] (item numbers count from 1 in the question's rubric.{band}: its only item is 1)")]


def test_cal002_counts_the_items_of_a_longer_band(data):
    with_rule(data, "{at_least: 1, including: [1]}")  # five proficient items
    replace(data, CAL, SAMPLE_A, "observed: {proficient: [1, 7], exceptional: []}")
    assert errors_of(data) == [sample_error(
        data, "Sample A", "observed:", "samples[0].observed.proficient[1]", "observed proficient item 7, but the "
        "proficient band of question 'question-one' has 5 items [CAL002] (item numbers count from 1 in the question's "
        "rubric.proficient: 1 to 5)")]


RAISE_HINT = "take out of observed the items the answer does not show, or raise agreed_band to"
LOWER_HINT = "tick in observed every item the answer shows, or lower agreed_band to"


@pytest.mark.parametrize("old, new, label, index, message", [
    (SAMPLE_A, SAMPLE_B, "Sample A", 0,
     "agreed band is proficient, but the observed items reach only insufficient or developing under the band_rule of "
     f"question 'question-one' (proficient: at least 1 including 1) [CAL003] ({LOWER_HINT} insufficient or developing)"),
    ("agreed_band: proficient", "agreed_band: exceptional", "Sample A", 0,
     "agreed band is exceptional, but the observed items reach only proficient under the band_rule of question "
     f"'question-one' (exceptional: at least 1) [CAL003] ({LOWER_HINT} proficient)"),
    (SAMPLE_B, SAMPLE_A, "Sample B", 1,
     "agreed band is insufficient, but the observed items reach proficient under the band_rule of question "
     f"'question-one' (proficient: at least 1 including 1) [CAL003] ({RAISE_HINT} proficient)"),
    (SAMPLE_A, "observed: {proficient: [1], exceptional: [1]}", "Sample A", 0,
     "agreed band is proficient, but the observed items reach exceptional under the band_rule of question "
     f"'question-one' (exceptional: at least 1) [CAL003] ({RAISE_HINT} exceptional)"),
], ids=["proficient-below-the-bar", "exceptional-without-its-item", "insufficient-above-the-bar",
        "proficient-with-the-exceptional-item"])
def test_cal003_agreed_band_is_not_what_the_band_rule_gives(data, old, new, label, index, message):
    replace(data, CAL, old, new)
    assert errors_of(data) == [sample_error(data, label, "agreed_band:", f"samples[{index}].agreed_band", message)]


def test_cal003_names_the_items_the_rule_requires(data):
    with_rule(data, "{at_least: 3, including: [3, 1]}")
    replace(data, CAL, SAMPLE_A, "observed: {proficient: [1, 2, 4], exceptional: []}")
    assert errors_of(data) == [sample_error(
        data, "Sample A", "agreed_band:", "samples[0].agreed_band", "agreed band is proficient, but the observed items "
        "reach only insufficient or developing under the band_rule of question 'question-one' (proficient: at least 3 "
        f"including 1 and 3) [CAL003] ({LOWER_HINT} insufficient or developing)")]


@pytest.mark.parametrize("band", ["insufficient", "developing"])
def test_cal003_either_band_below_the_bar_passes(data, band):
    replace(data, CAL, "agreed_band: insufficient", f"agreed_band: {band}")
    assert validate(data, SCHEMAS)[1] == []


# The same cases as reachedBand's in tests/js/scorecard.test.mjs: the scorecard and CAL003 agree.
SCORECARD_RULE = {"proficient": {"at_least": 3, "including": [1]}, "exceptional": {"at_least": 1}}


@pytest.mark.parametrize("observed, band", [
    ({}, None),
    ({"proficient": [2, 3, 4]}, None),
    ({"proficient": [1, 2]}, None),
    ({"proficient": [1, 3, 4]}, "proficient"),
    ({"exceptional": [1, 2]}, None),
    ({"proficient": [1, 2, 3], "exceptional": [2]}, "exceptional"),
], ids=["nothing-ticked", "enough-but-not-the-required", "too-few", "at-least-3-including-1",
        "exceptional-without-proficient", "proficient-and-exceptional"])
def test_band_rule_reached_band(observed, band):
    assert band_rule.reached_band(SCORECARD_RULE, observed) == band


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
