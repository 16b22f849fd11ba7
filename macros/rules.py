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

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from . import band_rule, data_links, kits, schemas, text_rules, vocab
from .model import Entry, KnowledgeBase

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "schemas"


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
    """What entry rules may look at besides the entry: ids on disk, the docs folder
    and the schemas (this project's, as `make check` and the build use)."""

    ids: Mapping[str, set[str]]
    docs_dir: Path
    schema_dir: Path = SCHEMAS
    hidden: frozenset = frozenset()  # (collection, id) an overlay hides: links to them say so
    _links: dict = field(default_factory=dict, repr=False)
    _titles: dict = field(default_factory=dict, repr=False)

    def title_fields(self, collection: str) -> tuple[tuple, ...]:
        """Paths of the collection's title fields, read from its schema once per run."""
        if collection not in self._titles:
            self._titles[collection] = _title_fields(self.schema_dir, collection)
        return self._titles[collection]

    def link_problems(self, entry: Entry) -> list[tuple[tuple, data_links.Problem]]:
        """(path, problem) for every bad link target in the entry's text, computed once per entry."""
        if entry not in self._links:
            found = []
            for path, text in data_links.strings(entry.data):
                offsite = {start for start, _, source in text_rules.images(text)
                           if source is not None and text_rules.leaves_the_site(source)}
                for start, _, target in data_links.targets(text):
                    if text_rules.problems(target) or start in offsite:
                        continue  # a script or data URL, an image from another host: the untrusted-text rules report it
                    problem = data_links.check(data_links.classify(target), self.ids, self.docs_dir, self.hidden)
                    if problem:
                        found.append((path, problem))
            self._links[entry] = found
        return self._links[entry]


# Interview kits --------------------------------------------------------------

@lru_cache(maxsize=1)
def _kits(kb: KnowledgeBase) -> tuple[kits.Kit, ...]:
    return tuple(kits.build(kb, role) for role in kb.entries("roles"))


def forget() -> None:
    """Drop the cached kits (and the knowledge base they were built from)."""
    _kits.cache_clear()


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


def breaks_in_long_loops(kb: KnowledgeBase):
    most, least = vocab.MAX_MINUTES_WITHOUT_BREAK, vocab.MIN_BREAK_MINUTES
    for kit in _kits(kb):
        for run in kit.unbroken_runs:
            minutes = 0
            for s in run:
                minutes += s.minutes
                if minutes > most:  # reported once per run, on the stage that passes the limit
                    yield Finding(kit.role, ("stages", s.number - 1, "minutes"),
                                  f"stages {run[0].number} to {s.number} run {minutes} min without a break of at least "
                                  f"{least} min; at most {most} min may",
                                  f"give a stage before stage {s.number} a break_after of {least} or more")
                    break


# Links in text -------------------------------------------------------------------

def _links(kind: str):
    def check(entry: Entry, context: Context):
        for path, problem in context.link_problems(entry):
            if problem.kind == kind:
                yield Finding(entry, path, problem.message, problem.hint)
    return check


# Titles and glossary abbreviations -------------------------------------------------

TITLE_REF = "common.schema.json#/$defs/title"
# Markdown and HTML that would render in a title. Material prints titles as they
# are in the browser tab, the header, navigation and tags, and the API hands them on.
_UNDERSCORE_OPENS = re.compile(r"(?<!\w)_")
_UNDERSCORE_CLOSES = re.compile(r"_(?!\w)")
_AUTOLINK = re.compile(r"<https?://", re.IGNORECASE)  # any other <...> is raw HTML, reported already
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+);?|&[A-Za-z][A-Za-z0-9]*;")  # browsers need no ; after a number


def _title_fields(schema_dir: Path, collection: str) -> tuple[tuple, ...]:
    """Paths of the collection's title fields (`$ref` to common.schema.json#/$defs/title),
    with "*" for a list index: ("title",), ("options", "*", "name")."""
    schema, _ = schemas.root_resolver(schema_dir, collection)
    found = []

    def walk(node: dict, path: tuple) -> None:
        if node.get("$ref") == TITLE_REF:
            found.append(path)
        for name, prop in node.get("properties", {}).items():
            walk(prop, path + (name,))
        if isinstance(node.get("items"), dict):
            walk(node["items"], path + ("*",))

    walk(schema, ())
    return tuple(found)


def _values(data, pattern: tuple, path: tuple = ()):
    """(path, value) for every value at a field path pattern ("*": any list index)."""
    if not pattern:
        yield path, data
    elif pattern[0] == "*":
        if isinstance(data, (list, tuple)):
            for index, item in enumerate(data):
                yield from _values(item, pattern[1:], path + (index,))
    elif isinstance(data, Mapping) and pattern[0] in data:
        yield from _values(data[pattern[0]], pattern[1:], path + (pattern[0],))


def title_markup(title: str) -> list[str]:
    """What in a title would render as something other than its characters.
    Linear in the title's length: the rule runs whatever length the schema allows."""
    opens = _UNDERSCORE_OPENS.search(title)
    found = (
        ("\n" in title, "a line break"),
        (title.count("*") >= 2, "Markdown emphasis (*...*)"),
        (opens is not None and _UNDERSCORE_CLOSES.search(title, opens.end()) is not None, "Markdown emphasis (_..._)"),
        ("`" in title, "a code span (`)"),
        ("[" in title or "]" in title, "square brackets ([ or ])"),
        (_AUTOLINK.search(title) is not None, "an autolink (<https://...>)"),
        (title.lstrip().startswith("#"), "a heading marker (#) at the start"),
        (title.rstrip().endswith("#"), "a # at the end (headings drop it)"),
        (_ENTITY.search(title) is not None, "an HTML entity (&...;)"),
        ("\\" in title, "a backslash (Markdown escapes)"),
    )
    return [what for present, what in found if present]


def titles_are_plain_text(entry: Entry, context: Context):
    for pattern in context.title_fields(entry.collection):
        for path, value in _values(entry.data, pattern):
            found = title_markup(value) if isinstance(value, str) else []
            if found:
                yield Finding(entry, path, f"titles are plain text: this one has {', '.join(found)}",
                              "titles are shown as written in the browser tab, navigation, tags and the API; "
                              "write the words only")


_ABBREVIATION_FORM = re.compile(r"^[A-Za-z0-9/+-]{2,12}$")  # the schema's pattern: other values are its to report
# Common English words, which an abbreviation would put hover text on wherever they
# appear in capitals. USE and RED are left out: the USE and RED methods are
# glossary abbreviations (data/glossary/use-method.yml, red-method.yml).
COMMON_WORDS = frozenset("""
    AN AS AT BE BY DO GO HE IF IN IS IT ME MY NO OF ON OR SO TO UP US WE
    ADD ALL AND ANY ARE ASK BUT CAN DAY END FEW FOR GET HAS HAD HER HIM HIS HOW ITS KEY LET LOG MAY NEW NOT NOW
    OFF OLD ONE OUR OUT OWN PUT RUN SAY SEE SET SHE THE TOO TOP TWO WAS WAY WHO WHY YES YET YOU
    ALSO BACK EACH FROM HAVE HERE INTO JUST LIKE MAKE MORE MOST MUST NEXT ONLY OVER SAME SOME SUCH TAKE
    THAN THAT THEM THEN THEY THIS TIME VERY WELL WHAT WHEN WILL WITH WORK YOUR
""".split())
ABBREVIATION_HINT = ("every page gets hover text wherever the abbreviation appears as a word; give an acronym "
                     "or initialism such as SLO, CRDT or p99, or leave abbreviation out")


def acronym_problem(abbreviation: str) -> str | None:
    """Why an abbreviation is not an acronym or initialism, or None."""
    quoted = f"abbreviation '{abbreviation}'"
    if sum(char.isupper() or char.isdigit() for char in abbreviation) < 2:
        return f"{quoted} has fewer than two capital letters or digits"
    lowercase = [word for word in re.split(r"[/+-]", abbreviation) if word.isalpha() and word.islower()]
    if lowercase:
        return f"{quoted} has the lowercase word '{lowercase[0]}'"
    if abbreviation.upper() in COMMON_WORDS:
        return f"{quoted} is a common English word"
    return None


def abbreviations_are_acronyms(entry: Entry, context: Context):
    value = entry.data.get("abbreviation") if entry.collection == "glossary" else None
    if isinstance(value, str) and _ABBREVIATION_FORM.match(value):
        problem = acronym_problem(value)
        if problem:
            yield Finding(entry, ("abbreviation",), problem, ABBREVIATION_HINT)


# Rubric bands -------------------------------------------------------------------------
# Two interviewers must score the same answer the same way, so a band item names
# something the candidate says, asks, draws, decides or writes (docs/contribute/style.md).

MAX_PROFICIENT_ITEMS = 6
_BANDS = tuple(band for band, _ in vocab.BANDS)
_OBSERVE_HINT = "say what the candidate says, asks, draws, decides or writes that shows it"

# Opening words that reward naming a thing rather than using it: at the start of
# the item, or of a later sentence in it ("... the WAL. Knows `labeldrop` ...").
_NAMING = re.compile(r"(?:^[*_\s]*(?i:(mentions|knows))|[.!?]\s+[*_]*(Mentions|Knows))\b")

# An internal state as the item's own verb, or its noun after "shows", "has":
# at the start (the candidate is the implied subject) or after a clause break
# with no subject of its own. "Explains why the reader understands..." has a
# subject ("the reader") and passes.
_STATE_VERB = "(?:" + "|".join([
    r"senses", r"understands", r"reali[sz]es", r"appreciates", r"feels",
    r"is\s+(?:\w+ly\s+)?aware", r"is\s+not\s+aware", r"is\s+unaware",
    r"(?:does\s+not|doesn['’]t|never)\s+(?:sense|understand|reali[sz]e|appreciate|feel)",
    r"(?:shows|demonstrates|displays|has)\s+(?:an?\s+|some\s+|no\s+)?(?:understanding|awareness|appreciation)\s+of",
]) + ")"
_INTERNAL_STATE = re.compile(r"(?:^|[,;:]\s*|\b(?:and|but|or|yet|then)\s+)[*_]*(?:\w+ly\s+)?" + _STATE_VERB + r"\b",
                             re.IGNORECASE)

# An adjective standing in for the evidence: "good grasp of", "deep understanding",
# "solid experience with", with at most one word between ("strong Kafka knowledge").
# "Poor user experience" is about users, not the candidate.
_VAGUE_ADJECTIVE = "|".join("""good great deep strong solid sound thorough firm excellent broad clear basic limited
    weak poor shallow partial reasonable decent working in-depth superficial""".split())
_VAGUE_NOUN = "|".join("""grasp understanding knowledge familiarity command awareness intuition appreciation mastery
    comprehension expertise experience instincts? judge?ment""".split()) + r"|(?:sense|feel)(?=\s+(?:of|for)\b)"
_ADJECTIVE_ANCHOR = re.compile(rf"\b(?:{_VAGUE_ADJECTIVE})\s+(?!(?:user|customer|developer|client)\b)(?:[\w-]+\s+)?"
                               rf"(?:{_VAGUE_NOUN})\b", re.IGNORECASE)

# interviewer_notes that waive recalled numbers, in one sentence: "do not penalise
# missing threshold numbers", "exact defaults are not required". Version numbers
# are another matter ("avoid quizzing on version numbers") and do not count.
_WAIVER = re.compile(r"\b(?:" + "|".join([
    r"(?:do|does|need)\s+not\s+(?:need|penali[sz]e|grade|expect|require)",
    r"don['’]t\s+(?:need|penali[sz]e|grade|expect|require)",
    r"not\s+(?:required|needed|expected|the\s+bar)", r"need\s+not", r"(?:is|are)\s+a\s+bonus", r"no\s+need\s+to",
]) + r")\b", re.IGNORECASE)
_WAIVED = re.compile(r"\b(?<!version\s)(?:numbers?|defaults?|default\s+values?|limits?|thresholds?|figures"
                     r"|exact\s+values|exact\s+rates)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?](?:\s+|$)")
# A band item asks for a recalled value when a number sits next to a word that
# makes it a default or limit: at most three words apart, with no comma, colon,
# semicolon or bracket between ("10 days by default", "renew deadline around
# 10 s", "at most about 1,000 WCU"). Numbers the prompt or the notes give are
# facts, not recall. A number inside a name (p99, proto3, KIP-848) is no value.
_LIMIT_WORD = (r"\b(?:defaults?(?!-)|limits?|thresholds?|maximum|max(?![.\w])|at\s+most|ceiling|quota|deadline"
               r"|timeout)\b")
_NUMBER = r"(?<![\w.`/-])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![.,]?\d)"
_NEAR = r"(?:[^\S\n]+[^\s,;:()]+){0,3}?[^\S\n]+"
_RECALLED = (re.compile(_LIMIT_WORD + _NEAR + r"\(?" + _NUMBER, re.IGNORECASE),
             re.compile(_NUMBER + _NEAR + _LIMIT_WORD, re.IGNORECASE))
_VERSION_BEFORE = re.compile(r"(?:\b[A-Z][\w+#-]*|\bversion|\brelease)\s+$")
_BANDS_WITHOUT_RECALL = ("developing", "proficient")


def naming_opener(item: str) -> str | None:
    """'Mentions' or 'Knows' when the item or one of its sentences opens with it, else None."""
    found = _NAMING.search(item)
    return (found.group(1) or found.group(2)).capitalize() if found else None


def internal_state(item: str) -> str | None:
    """The internal-state verb the item relies on, as written, or None."""
    found = _INTERNAL_STATE.search(item)
    return " ".join(re.search(_STATE_VERB, found.group(0), re.IGNORECASE).group(0).split()) if found else None


def adjective_anchor(item: str) -> str | None:
    """The adjective-and-noun phrase standing in for evidence, or None."""
    found = _ADJECTIVE_ANCHOR.search(item)
    return found.group(0) if found else None


def _waives(sentence: str) -> bool:
    return bool(_WAIVER.search(sentence) and _WAIVED.search(sentence))


def waives_numbers(notes: str) -> bool:
    """Whether one sentence of the notes both waives something and names numbers, defaults or limits."""
    return any(_waives(s) for s in _SENTENCE_END.split(notes))


def _facts(data: Mapping) -> str:
    """The prompt and the notes, less the sentences that waive numbers (those name what is not required)."""
    notes = [s for s in _SENTENCE_END.split(data["interviewer_notes"]) if not _waives(s)]
    return "\n".join([str(data.get("prompt", ""))] + notes)


def _numbers(text: str) -> set[str]:
    return {m.group("n").replace(",", "") for m in re.finditer(_NUMBER, text)}


def _version(item: str, start: int, number: str) -> bool:
    """Whether a number is a release ("Kafka 3.0", "version 1.25") rather than a value."""
    return "." in number and _VERSION_BEFORE.search(item, 0, start) is not None


def recalled_values(item: str, facts: str) -> list[str]:
    """Numbers the item ties to a default or limit, in order, less those `facts` give."""
    given = _numbers(facts)
    found = sorted((m.start("n"), m.group("n")) for pattern in _RECALLED for m in pattern.finditer(item))
    return list(dict.fromkeys(n for start, n in found
                              if n.replace(",", "") not in given and not _version(item, start, n)))


def _band_items(entry: Entry, bands=_BANDS):
    """(path, item) for every rubric band item of a question."""
    rubric = entry.data.get("rubric") if entry.collection == "questions" else None
    for band in bands if isinstance(rubric, Mapping) else ():
        for index, item in enumerate(rubric.get(band) or ()):
            if isinstance(item, str):
                yield ("rubric", band, index), item


def _item_rule(find, message: str, hint: str):
    """An entry check reporting every band item for which `find(item)` returns something."""
    def check(entry: Entry, context: Context):
        for path, item in _band_items(entry):
            found = find(item)
            if found:
                yield Finding(entry, path, message.format(found), hint)
    return check


items_do_not_open_with_naming = _item_rule(
    naming_opener, "band item starts a sentence with '{}': it rewards naming a thing, not using it",
    f"{_OBSERVE_HINT}, e.g. 'Explains that...', 'Proposes...', 'Asks whether...'")
items_have_no_internal_state = _item_rule(
    internal_state, "band item relies on an internal state ('{}') that no interviewer can observe", _OBSERVE_HINT)
items_have_no_adjective_anchor = _item_rule(
    adjective_anchor, "band item uses an adjective as its anchor ('{}'): interviewers will read it differently",
    _OBSERVE_HINT)


def bands_need_no_recalled_numbers(entry: Entry, context: Context):
    data = entry.data
    if entry.collection != "questions" or not isinstance(data.get("interviewer_notes"), str):
        return
    if not waives_numbers(data["interviewer_notes"]):
        return
    facts = _facts(data)
    for path, item in _band_items(entry, _BANDS_WITHOUT_RECALL):
        values = recalled_values(item, facts)
        if values:
            yield Finding(entry, path, f"band item requires recalling a default or limit ({', '.join(values)}) that "
                                       "interviewer_notes say is not required",
                          "describe the mechanism without the number, or move the number to the exceptional band "
                          "or to interviewer_notes as a fact to give on request")


def past_experience_has_hypothetical(entry: Entry, context: Context):
    data = entry.data
    if entry.collection == "questions" and data.get("kind") == "past-experience" and not data.get("hypothetical"):
        yield Finding(entry, ("kind",), "a past-experience question needs `hypothetical`: what to ask a candidate "
                                        "who has not had that experience",
                      "add hypothetical: a concrete situation to reason through, scored on the same rubric")


def proficient_band_is_readable(entry: Entry, context: Context):
    items = list(_band_items(entry, ("proficient",)))
    if len(items) > MAX_PROFICIENT_ITEMS:
        yield Finding(entry, ("rubric", "proficient"), f"the proficient band has {len(items)} items; the hire bar "
                                                       f"has at most {MAX_PROFICIENT_ITEMS}",
                      "merge items that test the same thing, or move the extras to the exceptional band")


def _whole_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def band_rules_fit_their_bands(entry: Entry, context: Context):
    """`band_rule` counts and item numbers that the band's list can satisfy. The schema
    checks the form (whole numbers from 1, no duplicates); this checks them against the
    band, so only whole numbers are looked at."""
    rules_by_band = entry.data.get("band_rule") if entry.collection == "questions" else None
    rubric = entry.data.get("rubric")
    if not isinstance(rules_by_band, Mapping) or not isinstance(rubric, Mapping):
        return
    for band, rule in rules_by_band.items():
        items = rubric.get(band)
        if not isinstance(rule, Mapping) or not isinstance(items, (list, tuple)):
            continue
        count, at_least = len(items), rule.get("at_least")
        including = rule.get("including") or ()
        path = ("band_rule", band)
        if _whole_number(at_least) and at_least > count:
            yield Finding(entry, path + ("at_least",), f"at_least is {at_least} but the {band} band has {count} "
                                                      f"item(s)", f"at most {count}, or add items to rubric.{band}")
        for index, number in enumerate(including if isinstance(including, (list, tuple)) else ()):
            if _whole_number(number) and number > count:
                yield Finding(entry, path + ("including", index), f"item {number} is not in the {band} band, which "
                                                                  f"has {count} item(s)",
                              f"item numbers count from 1 in rubric.{band}: 1 to {count}")
        if (_whole_number(at_least) and isinstance(including, (list, tuple)) and len(including) > at_least
                and at_least <= count):
            yield Finding(entry, path + ("including",), f"including names {len(including)} items but at_least is "
                                                        f"{at_least}", "raise at_least or name fewer items")


# Calibration sets ---------------------------------------------------------------------
# A sample's agreed band is what an interviewer ticking its observed items would get
# from the question's band_rule, so a calibration session and a scorecard agree.

_OBSERVED_BANDS = ("proficient", "exceptional")


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def set_named_after_its_question(entry: Entry, context: Context):
    question = entry.data.get("question") if entry.collection == "calibration" else None
    # An unknown question is the reference check's to report, with a "did you mean".
    if isinstance(question, str) and question != entry.id and question in context.ids.get("questions", ()):
        yield Finding(entry, ("question",), f"the set is for question '{question}' but is named '{entry.id}': "
                                            "a calibration set takes its question's id",
                      f"rename the file to {question}.yml and set id: {question}, or correct question")


def _samples(kb: KnowledgeBase):
    """(set, its question, sample index, sample) for every calibration sample."""
    for entry in kb.entries("calibration"):
        question = kb.get("questions", entry.data["question"])
        for index, sample in enumerate(entry.data["samples"]):
            yield entry, question, index, sample


def _outside_the_rubric(question: Entry, sample: Mapping):
    """(band, position in observed, number) for every observed item number its rubric band lacks."""
    for band in _OBSERVED_BANDS:
        for position, number in enumerate(sample["observed"].get(band) or ()):
            if number > len(question.data["rubric"][band]):
                yield band, position, number


def observed_items_are_in_the_rubric(kb: KnowledgeBase):
    for entry, question, index, sample in _samples(kb):
        for band, position, number in _outside_the_rubric(question, sample):
            count = len(question.data["rubric"][band])
            yield Finding(entry, ("samples", index, "observed", band, position),
                          f"observed {band} item {number}, but the {band} band of question '{question.id}' has "
                          f"{_items(count)}",
                          f"item numbers count from 1 in the question's rubric.{band}: "
                          + ("its only item is 1" if count == 1 else f"1 to {count}"))


def agreed_band_follows_the_band_rule(kb: KnowledgeBase):
    order = [band for band, _ in vocab.BANDS]
    below = " or ".join(band_rule.BELOW_THE_BAR)
    for entry, question, index, sample in _samples(kb):
        if any(_outside_the_rubric(question, sample)):
            continue  # CAL002 reports it: the band such numbers reach means nothing yet
        rules_by_band, agreed = question.data["band_rule"], sample["agreed_band"]
        reached = band_rule.reached_band(rules_by_band, sample["observed"])
        if agreed in ((reached,) if reached else band_rule.BELOW_THE_BAR):
            continue
        if reached is None or order.index(agreed) > order.index(reached):  # agreed above what the items reach
            deciding = "exceptional" if reached else band_rule.HIRE_BAR  # the rule the items fall short of
            reach = f"only {reached or below}"
            hint = f"tick in observed every item the answer shows, or lower agreed_band to {reached or below}"
        else:
            deciding = reach = reached
            hint = f"take out of observed the items the answer does not show, or raise agreed_band to {reached}"
        yield Finding(entry, ("samples", index, "agreed_band"),
                      f"agreed band is {agreed}, but the observed items reach {reach} under the band_rule of question "
                      f"'{question.id}' ({band_rule.describe(deciding, rules_by_band[deciding])})", hint)


# The table ------------------------------------------------------------------------
# Ids are stable: a retired rule keeps its id unused, a new rule takes the next number.

RULES = (
    Rule("KIT001", "A kit probes each competency in at least two stages.", "tree", competencies_in_two_stages),
    Rule("KIT002", "A stage's questions fit in the stage's minutes.", "tree", stages_fit_their_minutes),
    Rule("KIT003", "Competency weights are equal unless `weights_rationale` says why.", "tree", weights_explained),
    Rule("KIT004", "A kit's questions are at the role's level or next to it (`vocab.MAX_LEVEL_GAP`).", "tree",
         questions_near_the_role_level),
    Rule("KIT005", "A kit asks each question in one stage only.", "tree", questions_asked_once),
    Rule("KIT006", "A kit runs at most 120 minutes of stages without a break of at least 10 minutes (`break_after`).",
         "tree", breaks_in_long_loops),
    Rule("LNK001", "A link in text is `https://…`, `http://…`, `mailto:…`, `collection/id[#section]` or "
         "`page.md[#anchor]`.", "entry", _links("form")),
    Rule("LNK002", "A `collection/id` link names an existing entry.", "entry", _links("entry")),
    Rule("LNK003", "A `page.md` link names an existing page under `docs/`.", "entry", _links("page")),
    Rule("LNK004", "A `#section` on an entry link is a section that entry's page has.", "entry", _links("anchor")),
    Rule("TXT001", "A title (a field typed `common.schema.json#/$defs/title`: every `title`, option and stage "
         "`name`s) is plain text: no Markdown, HTML entity or line break.", "entry", titles_are_plain_text),
    Rule("GLS001", "A glossary `abbreviation` is an acronym or initialism: two or more capitals or digits, no "
         "lowercase word, not a common English word.", "entry", abbreviations_are_acronyms),
    Rule("RUB001", "No rubric band item, or sentence in one, opens with \"Mentions\" or \"Knows\".", "entry",
         items_do_not_open_with_naming),
    Rule("RUB002", "No rubric band item has an internal state as its verb (\"senses\", \"understands\", \"is aware\", "
         "\"realises\", \"appreciates\", \"feels\").", "entry", items_have_no_internal_state),
    Rule("RUB003", "No rubric band item uses an adjective as its anchor (\"good grasp of\", \"deep understanding\", "
         "\"solid experience with\").", "entry", items_have_no_adjective_anchor),
    Rule("RUB004", "When a question's `interviewer_notes` waive exact numbers, defaults or limits, its developing and "
         "proficient items do not require recalling one.", "entry", bands_need_no_recalled_numbers),
    Rule("RUB005", "A past-experience question has a `hypothetical`: the prompt for a candidate without that "
         "experience.", "entry", past_experience_has_hypothetical),
    Rule("RUB006", "A proficient band has at most 6 items (`MAX_PROFICIENT_ITEMS`).", "entry",
         proficient_band_is_readable),
    Rule("RUB007", "A question's `band_rule` fits its bands: `at_least` is at most the band's item count, each "
         "`including` number is one of its items, and `including` names at most `at_least` items.", "entry",
         band_rules_fit_their_bands),
    Rule("CAL001", "A calibration set is named after its question: its file name and `id` are its `question`.",
         "entry", set_named_after_its_question),
    Rule("CAL002", "A calibration sample's `observed` item numbers are items of the question's proficient and "
         "exceptional bands.", "tree", observed_items_are_in_the_rubric),
    Rule("CAL003", "A calibration sample's `agreed_band` is the band its `observed` items reach under the question's "
         "`band_rule`; below the hire bar, insufficient or developing.", "tree", agreed_band_follows_the_band_rule),
)


def run_entry(entries: Iterable[Entry], context: Context) -> list[tuple[Rule, Finding]]:
    return [(rule, f) for entry in entries for rule in RULES if rule.scope == "entry" for f in rule.check(entry, context)]


def run_tree(kb: KnowledgeBase) -> list[tuple[Rule, Finding]]:
    return [(rule, f) for rule in RULES if rule.scope == "tree" for f in rule.check(kb)]


def message(rule: Rule, finding: Finding) -> str:
    return f"{finding.message} [{rule.id}]"
