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

from . import data_links, kits, schemas, text_rules, vocab
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
    Rule("TXT001", "A title (a field typed `common.schema.json#/$defs/title`: every `title`, option and stage "
         "`name`s) is plain text: no Markdown, HTML entity or line break.", "entry", titles_are_plain_text),
    Rule("GLS001", "A glossary `abbreviation` is an acronym or initialism: two or more capitals or digits, no "
         "lowercase word, not a common English word.", "entry", abbreviations_are_acronyms),
)


def run_entry(entries: Iterable[Entry], context: Context) -> list[tuple[Rule, Finding]]:
    return [(rule, f) for entry in entries for rule in RULES if rule.scope == "entry" for f in rule.check(entry, context)]


def run_tree(kb: KnowledgeBase) -> list[tuple[Rule, Finding]]:
    return [(rule, f) for rule in RULES if rule.scope == "tree" for f in rule.check(kb)]


def message(rule: Rule, finding: Finding) -> str:
    return f"{finding.message} [{rule.id}]"
