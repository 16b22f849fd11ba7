"""The candidate-safe view follows the schemas.

A field marked `"x-audience": "interviewer"` in data/schemas/ must sit inside a
`.kb-interviewer` block (hidden by `?view=candidate` and its print) on every page
that shows it, and no other field may. These tests render the real knowledge
base, convert it to HTML as the site does, drop every `.kb-interviewer` element
and look for what is left of the interviewer-only text.
"""

import json
import re
import shutil
from html.parser import HTMLParser

import markdown
import pytest

from conftest import DATA, SCHEMAS
from macros import kits, links
from macros.audience import Audience
from macros.load import load_kb
from macros.registry import COLLECTIONS
from macros.render import Renderer
from macros.vocab import KINDS

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc", "pymdownx.details", "pymdownx.superfences"]
WRAPPER = '<div class="kb-interviewer" markdown>'

AUDIENCE = Audience.from_schemas(SCHEMAS)
KB = load_kb(DATA)  # read at collection time: the parameters are its entries


def interviewer_fields(entry) -> list[str]:
    """The entry's non-empty fields that its schema marks interviewer-only."""
    return sorted(f for c, f in AUDIENCE.interviewer_fields if c == entry.collection and entry.data.get(f))


WITH_INTERVIEWER_FIELDS = [e for c in COLLECTIONS for e in KB.entries(c.name) if interviewer_fields(e)]
ROLES = KB.entries("roles")


# ── HTML as a candidate sees it ─────────────────────────────────────────────

class _Reader(HTMLParser):
    """Text and link targets of an HTML fragment, leaving out `.kb-interviewer` elements if asked."""

    def __init__(self, drop_interviewer: bool):
        super().__init__(convert_charrefs=True)
        self.drop = drop_interviewer
        self.dropped_depth = 0  # open elements inside a dropped element, itself included
        self.text: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.dropped_depth or (self.drop and "kb-interviewer" in (attrs.get("class") or "").split()):
            self.dropped_depth += 1
        elif tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])

    def handle_startendtag(self, tag, attrs):  # <br />, <hr />: nothing to open or close
        pass

    def handle_endtag(self, tag):
        if self.dropped_depth:
            self.dropped_depth -= 1

    def handle_data(self, data):
        if not self.dropped_depth:
            self.text.append(data)


def read(markdown_text: str, candidate: bool) -> tuple[str, list[str]]:
    """(normalised text, link targets) of the page as HTML; candidate=True drops `.kb-interviewer`."""
    html = markdown.markdown(markdown_text, extensions=EXTENSIONS)
    reader = _Reader(drop_interviewer=candidate)
    reader.feed(f"<div>{html}</div>")
    reader.close()
    assert reader.dropped_depth == 0, "unbalanced HTML: the reader lost track of a .kb-interviewer element"
    return normalise("".join(reader.text)), reader.hrefs


def normalise(text: str) -> str:
    """Text as a reader sees it, in the same form for data Markdown and HTML text."""
    text = re.sub(r"(?m)^\s*```[\w+#-]*\s*$", "", text)  # code fences and their language
    text = re.sub(r"(?m)^\s*(?:[-*+]|\d+\.)\s+", "", text)  # list markers at line starts
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # Markdown links: their text
    text = re.sub(r"[*`_\\]", "", text)  # emphasis, code spans, escapes
    return " ".join(text.split())


def sentences(value, skip: frozenset = frozenset()) -> list[str]:
    """The first 60 characters of each sentence of each string leaf of a field value.

    Leaves in `skip` (ids of referenced entries) are left out: a page shows them
    as links, checked by their targets instead. Short sentences are left out too:
    a few words can appear anywhere."""
    found = []
    if isinstance(value, str):
        if value not in skip:
            found += [s[:60] for s in re.split(r"(?<=[.!?])\s+", normalise(value)) if len(s) >= 20]
    elif isinstance(value, (list, tuple)):
        for item in value:
            found += sentences(item, skip)
    elif hasattr(value, "values"):
        for item in value.values():
            found += sentences(item, skip)
    return found


def targets(entry, field: str, page_uri: str) -> list[str]:
    """The hrefs with which a page links the entries `entry` references in `field`."""
    return [links.relative(links.page_uri(t.collection, t.id), page_uri) for t in KB.outgoing(entry, field)]


def leaked(entry, field: str, page_uri: str, full: tuple, candidate: tuple) -> tuple[list, list, bool]:
    """(sentences and links of one field not on the page at all, those left in the candidate view,
    whether the page shows any of them)."""
    texts = sentences(entry.data[field], frozenset(r.id for r in entry.refs if r.field == field))
    hrefs = targets(entry, field, page_uri)
    missing = [s for s in texts if s not in full[0]] + [h for h in hrefs if h not in full[1]]
    left = [s for s in texts if s in candidate[0]] + [h for h in hrefs if h in candidate[1]]
    return missing, left, len(missing) < len(texts) + len(hrefs)


@pytest.fixture(scope="module")
def renderer():
    return Renderer(KB)


# ── (a) No interviewer-only text in the candidate view ───────────────────────

def test_schemas_mark_interviewer_fields():
    # The tests below would pass vacuously on schemas that mark nothing.
    assert ("questions", "rubric") in AUDIENCE.interviewer_fields
    assert WITH_INTERVIEWER_FIELDS


@pytest.mark.parametrize("entry", WITH_INTERVIEWER_FIELDS, ids=lambda e: e.source)
def test_entry_page_hides_interviewer_fields(renderer, entry):
    uri = links.page_uri(entry.collection, entry.id)
    page = renderer.entry(entry.collection, entry.id, uri)
    full, candidate = read(page, candidate=False), read(page, candidate=True)
    for field in interviewer_fields(entry):
        missing, left, _ = leaked(entry, field, uri, full, candidate)
        # Found on the whole page first, so that not finding it in the candidate view means something.
        assert not missing, f"{field}: not found on the page at all, so the check cannot see it: {missing}"
        assert not left, f"{field} shows in the candidate view: {left}"


@pytest.mark.parametrize("role", ROLES, ids=lambda e: e.source)
def test_kit_page_hides_interviewer_fields_of_its_questions(renderer, role):
    uri = links.page_uri("roles", role.id)
    page = renderer.entry("roles", role.id, uri)
    full, candidate = read(page, candidate=False), read(page, candidate=True)
    shown_any = False
    for question in (q for stage in kits.build(KB, role).stages for q in stage.questions):
        for field in interviewer_fields(question):
            _, left, shown = leaked(question, field, uri, full, candidate)
            shown_any = shown_any or shown
            assert not left, f"{question.source}: {field} shows in the candidate view: {left}"
    # A kit shows some of its questions' interviewer-only text (the rubrics): the check saw it.
    assert shown_any, "the kit shows none of its questions' interviewer-only text: nothing was checked"


@pytest.mark.parametrize("collection", [c.name for c in COLLECTIONS])
def test_index_hides_interviewer_fields(renderer, collection):
    uri = links.index_uri(collection)
    page = renderer.index(collection, uri)
    full, candidate = read(page, candidate=False), read(page, candidate=True)
    for entry in KB.entries(collection):
        for field in interviewer_fields(entry):
            _, left, _ = leaked(entry, field, uri, full, candidate)
            assert not left, f"{entry.source}: {field} shows in the index's candidate view: {left}"


# ── (b) The wrapper follows the schema ──────────────────────────────────────

@pytest.fixture
def marked_schemas(tmp_path):
    """A copy of the schemas that marks two skill fields interviewer-only."""
    schema_dir = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, schema_dir)
    path = schema_dir / "skills.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    for field in ("why_it_matters", "summary"):
        schema["properties"][field]["x-audience"] = "interviewer"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return schema_dir


def wrapped(page: str, heading_id: str) -> bool:
    """Whether the section with that heading id opens a `.kb-interviewer` block."""
    lines = page.splitlines()
    index = next(i for i, line in enumerate(lines) if line.endswith(f"{{ #{heading_id} }}"))
    previous = [line for line in lines[:index] if line.strip()]
    return bool(previous) and previous[-1] == WRAPPER


def test_marking_a_field_in_the_schema_wraps_its_section(marked_schemas):
    skill = KB.entries("skills")[0]
    uri = links.page_uri("skills", skill.id)
    before = Renderer(KB).entry("skills", skill.id, uri)
    after = Renderer(KB, schema_dir=marked_schemas).entry("skills", skill.id, uri)
    assert not wrapped(before, "why-it-matters")
    assert wrapped(after, "why-it-matters")
    assert not wrapped(after, "levels")  # the next section, not marked, stays out
    # And the candidate view loses the field's text, which the interviewer view keeps.
    first = sentences(skill.data["why_it_matters"])[0]
    assert first in read(after, candidate=False)[0] and first not in read(after, candidate=True)[0]


def test_marking_a_field_in_the_schema_hides_it_inside_a_line(marked_schemas):
    # The skills index shows each summary in a table cell: a span, not a block.
    page = Renderer(KB, schema_dir=marked_schemas).index("skills", links.index_uri("skills"))
    html = markdown.markdown(page, extensions=EXTENSIONS)
    assert "<table>" in html and html.count('<span class="kb-interviewer">') == len(KB.entries("skills"))
    first = sentences(KB.entries("skills")[0].data["summary"])[0]
    assert first in read(page, candidate=False)[0] and first not in read(page, candidate=True)[0]


# ── (c) Candidate fields stay visible ───────────────────────────────────────

@pytest.mark.parametrize("field", ["title", "prompt", "hypothetical", "kind"])
def test_candidate_fields_are_not_marked(field):
    assert not AUDIENCE.interviewer("questions", field)


@pytest.mark.parametrize("question", KB.entries("questions"), ids=lambda e: e.source)
def test_candidate_fields_are_not_wrapped(renderer, question):
    page = renderer.entry("questions", question.id, links.page_uri("questions", question.id))
    candidate = read(page, candidate=True)[0]
    assert not wrapped(page, "prompt")
    assert normalise(question.title) in candidate
    assert sentences(question.data["prompt"]) and all(s in candidate for s in sentences(question.data["prompt"]))
    assert f"{KINDS[question.data['kind']]} · {question.data['level'].capitalize()} level" in candidate


def test_wrapped_sections_keep_their_lists_and_ids(renderer):
    # md_in_html still turns the wrapped Markdown into lists, numbered follow-ups and headings with ids.
    question = next(q for q in KB.entries("questions") if q.data["patterns"])
    html = markdown.markdown(renderer.entry("questions", question.id, links.page_uri("questions", question.id)),
                             extensions=EXTENSIONS)
    for heading_id in ("reveals", "rubric", "follow-ups", "red-flag-answers", "notes", "patterns"):
        assert f'id="{heading_id}"' in html
    follow_ups = html.split('id="follow-ups"')[1].split("</ol>")[0]
    assert follow_ups.count("<li>") == len(question.data["follow_ups"])
    assert "<p>" in follow_ups  # each item a loose paragraph: probe and "Listen for" stay apart
