"""Rules beyond the schemas, as a table: a stable id, one line saying what it wants, a check.

`load.validate` runs every rule and reports each problem like any other data
error, on the line its path points at, with the rule id at the end of the
message (`... it needs at least 2 [KIT001]`), so `make check`, the build and
the tests see the same list. data/README.md lists the table for contributors.

Two scopes:

- "entry" rules look at one entry at a time (with the ids on disk and the docs
  folder), so they run alongside the schema checks, even when other files are
  broken;
- "tree" rules need the whole knowledge base with every reference resolved,
  so they run once everything else passes.

What is not here, on purpose: goals for the size of the corpus (minimum counts,
coverage of every skill, kind and level) stay content tests in
tests/test_content_rules.py, because the fixture knowledge base and a team's
own smaller data legitimately miss them.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from . import data_links, kits, text_rules, vocab
from .model import Entry, KnowledgeBase


class Finding(NamedTuple):
    entry: Entry
    path: tuple  # where in the entry, for the line number: ("stages", 1, "minutes")
    message: str
    hint: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    scope: str  # "entry" or "tree", see the module docstring
    check: Callable[..., Iterable[Finding]]  # entry: (entry, Context); tree: (kb)


@dataclass
class Context:
    """What entry rules may look at besides the entry: ids on disk and the docs folder."""

    ids: Mapping[str, set[str]]
    docs_dir: Path
    _links: dict = field(default_factory=dict, repr=False)

    def link_problems(self, entry: Entry) -> list[tuple[tuple, data_links.Problem]]:
        """(path, problem) for every bad link target in the entry's text, computed once per entry."""
        if entry not in self._links:
            found = []
            for path, text in data_links.strings(entry.data):
                for _, _, target in data_links.targets(text):
                    if text_rules.problems(target):
                        continue  # a script or data URL: the untrusted-text rules report it already
                    problem = data_links.check(data_links.classify(target), self.ids, self.docs_dir)
                    if problem:
                        found.append((path, problem))
            self._links[entry] = found
        return self._links[entry]


# Interview kits --------------------------------------------------------------

@lru_cache(maxsize=1)
def _kits(kb: KnowledgeBase) -> tuple[kits.Kit, ...]:
    return tuple(kits.build(kb, role) for role in kb.entries("roles"))


def competencies_in_two_stages(kb: KnowledgeBase):
    for kit in _kits(kb):
        for index, c in enumerate(kit.competencies):
            if len(c.stages) < 2:
                yield Finding(kit.role, ("competencies", index, "skill"),
                              f"competency '{c.skill.id}' is probed in {len(c.stages)} stage(s) {list(c.stages)}; it needs at least 2",
                              "add a question that probes it to another stage, so no single interview decides it")


def stages_fit_their_minutes(kb: KnowledgeBase):
    for kit in _kits(kb):
        for index, s in enumerate(kit.stages):
            if s.question_minutes > s.minutes:
                yield Finding(kit.role, ("stages", index, "minutes"),
                              f"stage {s.number} '{s.name}': questions take {s.question_minutes} min, more than its {s.minutes} min",
                              "lengthen the stage or move a question to another stage")


def weights_explained(kb: KnowledgeBase):
    for kit in _kits(kb):
        if not kit.equal_weights and not kit.role.data.get("weights_rationale"):
            yield Finding(kit.role, ("competencies",), "weights differ but weights_rationale does not say why",
                          "add weights_rationale, or give every competency the same weight")


def questions_near_the_role_level(kb: KnowledgeBase):
    for kit in _kits(kb):
        level = kit.role.data["level"]
        index = vocab.LEVELS.index(level)
        near = vocab.LEVELS[max(0, index - vocab.MAX_LEVEL_GAP):index + vocab.MAX_LEVEL_GAP + 1]
        for i, s in enumerate(kit.stages):
            for j, q in enumerate(s.questions):
                if abs(vocab.LEVELS.index(q.data["level"]) - index) > vocab.MAX_LEVEL_GAP:
                    yield Finding(kit.role, ("stages", i, "questions", j),
                                  f"stage {s.number}: question '{q.id}' is {q.data['level']}-level, too far from a {level} role",
                                  f"levels allowed for a {level} role: {', '.join(near)}")


def questions_asked_once(kb: KnowledgeBase):
    for kit in _kits(kb):
        first: dict[str, int] = {}
        for i, s in enumerate(kit.stages):
            for j, q in enumerate(s.questions):
                if q.id in first:
                    yield Finding(kit.role, ("stages", i, "questions", j),
                                  f"question '{q.id}' is asked in stage {first[q.id]} and again in stage {s.number}",
                                  "ask each question once per loop")
                else:
                    first[q.id] = s.number


# Links in text -------------------------------------------------------------------

def _links(kind: str):
    def check(entry: Entry, context: Context):
        for path, problem in context.link_problems(entry):
            if problem.kind == kind:
                yield Finding(entry, path, problem.message, problem.hint)
    return check


# The table ------------------------------------------------------------------------
# Ids are stable: a retired rule keeps its id unused, a new rule takes the next number.

RULES = (
    Rule("KIT001", "A kit probes each competency in at least two stages.", "tree", competencies_in_two_stages),
    Rule("KIT002", "A stage's questions fit in the stage's minutes.", "tree", stages_fit_their_minutes),
    Rule("KIT003", "Competency weights are equal unless `weights_rationale` says why.", "tree", weights_explained),
    Rule("KIT004", "A kit's questions are at the role's level or next to it (`vocab.MAX_LEVEL_GAP`).", "tree",
         questions_near_the_role_level),
    Rule("KIT005", "A kit asks each question in one stage only.", "tree", questions_asked_once),
    Rule("LNK001", "A link in text is `https://…`, `http://…`, `mailto:…`, `collection/id[#section]` or "
         "`page.md[#anchor]`.", "entry", _links("form")),
    Rule("LNK002", "A `collection/id` link names an existing entry.", "entry", _links("entry")),
    Rule("LNK003", "A `page.md` link names an existing page under `docs/`.", "entry", _links("page")),
    Rule("LNK004", "A `#section` on an entry link is a section that entry's page has.", "entry", _links("anchor")),
)


def run_entry(entries: Iterable[Entry], context: Context) -> list[tuple[Rule, Finding]]:
    return [(rule, f) for entry in entries for rule in RULES if rule.scope == "entry" for f in rule.check(entry, context)]


def run_tree(kb: KnowledgeBase) -> list[tuple[Rule, Finding]]:
    return [(rule, f) for rule in RULES if rule.scope == "tree" for f in rule.check(kb)]


def message(rule: Rule, finding: Finding) -> str:
    return f"{finding.message} [{rule.id}]"
