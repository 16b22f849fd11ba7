"""Interview kits: a role profile's loop with its questions, coverage and scorecard.

Plain Python: the kit page template and the tests read the same values. The
rules a kit must meet (KIT001 to KIT006) are checked once, on these values, by
the validator's rule table in macros/rules.py.
"""

from dataclasses import dataclass, field

from . import vocab
from .links import entry_url
from .model import Entry, KnowledgeBase
from .vocab import BANDS, LEVELS

# Minutes of each interview the kit builder keeps for the introduction and for the candidate's questions.
INTRO_MINUTES = 5
CANDIDATE_QUESTIONS_MINUTES = 5


@dataclass(frozen=True)
class Stage:
    number: int
    name: str
    minutes: int
    purpose: str
    questions: tuple[Entry, ...]
    break_after: int = 0  # minutes of break after the stage, 0 for none; a kit ignores it on its last stage

    @property
    def question_minutes(self) -> int:
        return sum(q.data["minutes"] for q in self.questions)


@dataclass(frozen=True)
class Slot:
    """One line of a kit's agenda: a stage, or a break (stage None) after the stage before it."""
    start: int  # minutes from the start of the loop
    minutes: int
    stage: Stage | None


@dataclass(frozen=True)
class Competency:
    skill: Entry
    weight: int
    why: str
    stages: tuple[int, ...]  # numbers of the stages whose questions probe it


@dataclass(frozen=True)
class Kit:
    role: Entry
    stages: tuple[Stage, ...]
    competencies: tuple[Competency, ...]
    equal_weights: bool = field(default=True)

    @property
    def stage_minutes(self) -> int:
        return sum(s.minutes for s in self.stages)

    @property
    def break_minutes(self) -> int:
        return sum(s.break_after for s in self.stages[:-1])

    @property
    def total_minutes(self) -> int:
        """The loop from the first stage's start to the last stage's end, breaks included."""
        return self.stage_minutes + self.break_minutes

    @property
    def agenda(self) -> tuple[Slot, ...]:
        slots, start = [], 0
        for s in self.stages:
            slots.append(Slot(start, s.minutes, s))
            start += s.minutes
            if s.break_after and s is not self.stages[-1]:
                slots.append(Slot(start, s.break_after, None))
                start += s.break_after
        return tuple(slots)

    @property
    def unbroken_runs(self) -> tuple[tuple[Stage, ...], ...]:
        """The stages in runs that no break of vocab.MIN_BREAK_MINUTES or more separates (KIT006)."""
        runs, current = [], []
        for s in self.stages:
            current.append(s)
            if s.break_after >= vocab.MIN_BREAK_MINUTES:
                runs.append(tuple(current))
                current = []
        if current:
            runs.append(tuple(current))
        return tuple(runs)


def build(kb: KnowledgeBase, role: Entry) -> Kit:
    stages = tuple(
        Stage(n, s["name"], s["minutes"], s["purpose"], tuple(kb.get("questions", q) for q in s["questions"]),
              s.get("break_after", 0))
        for n, s in enumerate(role.data["stages"], 1)
    )
    competencies = []
    for c in role.data["competencies"]:
        probing = tuple(s.number for s in stages if any(c["skill"] in q.data["skills"] for q in s.questions))
        competencies.append(Competency(kb.get("skills", c["skill"]), c["weight"], c["why"], probing))
    weights = {c.weight for c in competencies}
    return Kit(role, stages, tuple(competencies), len(weights) == 1)


def anchors(kit: Kit, competency: Competency) -> dict[str, list[str]]:
    """Scorecard anchors from the skill's level descriptions: band 3 is the role's
    level, band 4 the level above, band 2 the level below."""
    levels = competency.skill.data["levels"]
    index = LEVELS.index(kit.role.data["level"])
    below = levels[LEVELS[index - 1]] if index > 0 else ()
    above = levels[LEVELS[index + 1]] if index + 1 < len(LEVELS) else ()
    return {"insufficient": [], "developing": list(below[:2]), "proficient": list(levels[LEVELS[index]][:3]),
            "exceptional": list(above[:2])}


def builder_data(kb: KnowledgeBase, site_url: str) -> dict:
    """Everything the in-browser kit builder needs, emitted once at build time."""
    from . import data_html, data_links  # Markdown and the sanitiser: only the build needs them, not `make check`
    # Links in data text as the builder page (roles/builder/) can follow them.
    base = site_url or "../../"
    return {
        "vocabulary": vocab.as_json(),
        # The builder's agenda: every interview opens with an introduction and ends with the
        # candidate's questions; a long one breaks as kits must (KIT006).
        "agenda": {"intro_minutes": INTRO_MINUTES, "candidate_questions_minutes": CANDIDATE_QUESTIONS_MINUTES,
                   "max_minutes_without_break": vocab.MAX_MINUTES_WITHOUT_BREAK, "break_minutes": vocab.MIN_BREAK_MINUTES},
        "skills": [{"id": s.id, "title": s.title} for s in kb.entries("skills")],
        "use_cases": [{"id": u.id, "title": u.title, "skills": list(u.data["skills"]), "questions": list(u.data["questions"])}
                      for u in kb.entries("use-cases")],
        # minutes: the stages' time, which the builder fills with questions; break_minutes: the breaks between them.
        "roles": [{"id": r.id, "title": r.title, "level": r.data["level"], "minutes": kit.stage_minutes,
                   "break_minutes": kit.break_minutes,
                   "skills": [c["skill"] for c in r.data["competencies"]],
                   # The live scorecard and the debrief page (assets/scorecard.js, debrief.js) weigh and decide with these.
                   "url": entry_url(base, r), "weights": {c["skill"]: c["weight"] for c in r.data["competencies"]},
                   "interviewer": {"decision_rule": dict(r.data["decision_rule"])},  # x-audience: interviewer
                   # "Start from kit" plans the kit's own stages, each with its questions.
                   "stages": [{"name": s["name"], "minutes": s["minutes"], "break_after": s.get("break_after", 0),
                               "questions": list(s["questions"])} for s in r.data["stages"]]}
                  for r, kit in ((r, build(kb, r)) for r in kb.entries("roles"))],
        "questions": [
            {
                "id": q.id, "title": q.title, "url": entry_url(base, q), "kind": q.data["kind"], "level": q.data["level"],
                "minutes": q.data["minutes"], "skills": list(q.data["skills"]),
                "tags": list(q.data["tags"]),  # the question bank (questions/bank/) filters by them
                "prompt_html": data_html.to_html(data_links.rewrite(q.data["prompt"], "", base)),
                # The rubric, follow-ups and red flags are not here: only a scorecard
                # needs them, for the questions in play (scorecard_details).
                **({"internal": True} if q.internal else {}),  # an overlay's question: the builder says so
            }
            for q in kb.entries("questions")
        ],
    }


def scorecard_details(kb: KnowledgeBase) -> dict[str, dict]:
    """Per question, what the builder's cards, a live scorecard and the debrief need beyond builder.json:
    its interviewer-only fields (x-audience in the schema), which the scripts put in
    .kb-interviewer blocks, hidden in the candidate view. One file each
    (roles/scorecard/<id>.json), so a kit page fetches its own questions only."""
    return {
        q.id: {
            "id": q.id,
            "interviewer": {
                "rubric": {band: list(q.data["rubric"][band]) for band, _ in BANDS},
                "follow_ups": [f["probe"] for f in q.data["follow_ups"]],
                "red_flag_answers": list(q.data["red_flag_answers"]),
                # How many ticked items reach a band; `including` is always a list here.
                "band_rule": {band: {"at_least": rule["at_least"], "including": list(rule.get("including") or ())}
                              for band, rule in q.data["band_rule"].items()},
            },
        }
        for q in kb.entries("questions")
    }
