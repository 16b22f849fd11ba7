"""What a reader sees on a built page: structural checks on rendered HTML.

Link and count tests passed while kit scorecards showed raw `|` pipes and
question follow-ups ran together in one paragraph. These checks read the main
content of a page (Material's `<article>`, from MkDocs, TechDocs or Zensical)
and report Markdown that did not become HTML, and data lists that did not
become one `<li>` (or table row) per item.

    problems(html, entry=None) -> list[str]   one page
    site_problems(site_dir, kb) -> list[str]  every entry page of a built site
"""

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from macros.vocab import BANDS, LEVELS

# ── A small DOM ──────────────────────────────────────────────────────────────

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_CODE = {"pre", "code", "script", "style", "svg"}  # text a reader does not read as prose
_HEADING = re.compile(r"^h([1-6])$")


class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None" = None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def walk(self):
        """This node and every descendant node, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def text(self, skip: set = frozenset()) -> str:
        return "".join(c if isinstance(c, str) else ("" if c.tag in skip else c.text(skip)) for c in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1]))

    def handle_endtag(self, tag):
        # Close up to the matching open element; a stray end tag is ignored.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def content(html: str) -> Node:
    """The page's main content: the article, else the typeset element, else everything."""
    root = parse(html)
    for test in (lambda n: n.tag == "article", lambda n: "md-typeset" in n.classes(),
                 lambda n: "md-content" in n.classes()):
        found = next((n for n in root.walk() if test(n)), None)
        if found is not None:
            return found
    return root


# ── Sections ─────────────────────────────────────────────────────────────────

class Section:
    def __init__(self, level: int):
        self.level = level
        self.li = 0  # top-level list items (a nested list belongs to its item)
        self.tr = 0  # table body rows
        self.tables = 0
        self.headings = {n: 0 for n in range(1, 7)}  # sub-headings by level


def sections(root: Node) -> dict[str, Section]:
    """Every heading id with what its section holds, up to the next heading of its level or above."""
    found: dict[str, Section] = {}
    open_ids: dict[int, str | None] = {}

    def visit(node: Node, in_code: bool):
        match = _HEADING.match(node.tag)
        if match:
            level = int(match.group(1))
            for sid in _open(open_ids, below=level):
                found[sid].headings[level] += 1
            open_ids.update({level: node.attrs.get("id")})
            for deeper in range(level + 1, 7):
                open_ids.pop(deeper, None)
            if node.attrs.get("id"):
                found.setdefault(node.attrs["id"], Section(level))
            return
        here = list(_open(open_ids))
        if node.tag == "li" and not in_code and not _has_ancestor(node, "li", root):
            for sid in here:
                found[sid].li += 1
        # A code block with line numbers is a table too (techdocs-core turns them on): not a data table.
        if node.tag == "table" and not in_code and "highlighttable" not in node.classes():
            for sid in here:
                found[sid].tables += 1
                found[sid].tr += _body_rows(node)
        for child in node.children:
            if isinstance(child, Node):
                visit(child, in_code or child.tag in ("pre", "code") or "highlight" in child.classes())

    visit(root, False)
    return found


def _open(open_ids: dict, below: int = 7):
    return (sid for level, sid in open_ids.items() if sid and level < below)


def _has_ancestor(node: Node, tag: str, stop: Node) -> bool:
    node = node.parent
    while node is not None and node is not stop:
        if node.tag == tag:
            return True
        node = node.parent
    return False


def _body_rows(table: Node) -> int:
    return sum(1 for n in table.walk() if n.tag == "tr" and any(isinstance(c, Node) and c.tag == "td" for c in n.children))


# ── Markdown that did not become HTML ────────────────────────────────────────

# Markers a reader should never see outside code: each one is Markdown (or an
# attribute list, or an admonition) that the renderer left as text.
MARKERS = {
    "**": "bold markers",
    "](": "a Markdown link",
    "{ #": "a heading id attribute",
    "{: ": "an attribute list",
    ".;": "a stray '.;' (two sentences glued by a template)",
    "!!!": "an admonition marker",
    "???": "a collapsible admonition marker",
}
_PIPE_RULE = re.compile(r"\|\s*:?-{3,}:?\s*\|")
_LIST_LINE = re.compile(r"^\s*(- |\d+\. )")


def _prose_by_section(root: Node) -> list[tuple[str, str]]:
    """(section id, text) for every piece of visible text outside code."""
    chunks, current = [], ["top of page"]

    def visit(node: Node):
        if node.tag in _CODE:
            return
        if _HEADING.match(node.tag) and node.attrs.get("id"):
            current[0] = node.attrs["id"]
        for child in node.children:
            if isinstance(child, str):
                chunks.append((current[0], child))
            else:
                visit(child)

    visit(root)
    return chunks


def markdown_left(root: Node) -> list[str]:
    found = []
    by_section: dict[str, str] = {}
    for sid, text in _prose_by_section(root):
        by_section[sid] = by_section.get(sid, "") + text
    for sid, text in by_section.items():
        for line in text.splitlines():
            if line.lstrip().startswith("|"):
                found.append(f"#{sid}: a Markdown table line that is not a <table>: {_short(line)}")
        if _PIPE_RULE.search(text):
            found.append(f"#{sid}: a table rule '| --- |' left as text")
        for marker, what in MARKERS.items():
            at = text.find(marker)
            if at >= 0:
                found.append(f"#{sid}: {what} left as text: {_short(text[max(0, at - 30):at + 30])}")
    return found


def glued_lists(root: Node) -> list[str]:
    """A paragraph with a line starting '- ' or '1. ' is a list that did not become one."""
    found = []
    section = "top of page"
    for node in root.walk():
        if _HEADING.match(node.tag) and node.attrs.get("id"):
            section = node.attrs["id"]
        if node.tag == "p" and not _has_ancestor(node, "pre", root):
            for line in node.text().splitlines():
                if _LIST_LINE.match(line):
                    found.append(f"#{section}: list item glued into a paragraph: {_short(line)}")
    return found


def _short(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 70 else text[:67] + "...")


# ── Code blocks from the data, verbatim ──────────────────────────────────────

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")


def code_lines(text: str) -> list[str]:
    """Lines inside fenced code blocks of one data string, without the fence's indent."""
    lines, fence, indent = [], None, 0
    for line in text.splitlines():
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence, indent = match.group(2), len(match.group(1))
        elif match and match.group(2)[0] == fence[0] and len(match.group(2)) >= len(fence) \
                and not line[match.end():].strip():
            fence = None
        else:
            lines.append(line[min(indent, len(line) - len(line.lstrip(" "))):].rstrip())
    return [line for line in lines if line.strip()]


def strings(value):
    """Every string in a data value, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)
    elif hasattr(value, "items"):
        for item in value.values():
            yield from strings(item)


def code_problems(root: Node, data_texts) -> list[str]:
    """Each line of a fenced block in the data appears as written in some <pre>."""
    shown = {line.rstrip() for pre in root.walk() if pre.tag == "pre" for line in unescape(pre.text()).splitlines()}
    return [f"code line not shown verbatim in any <pre>: {_short(line)}"
            for text in data_texts for line in code_lines(text) if line not in shown]


# ── Each data list as that many items ────────────────────────────────────────

def _n(field):
    return lambda d: len(d.get(field) or ())


def _links(*fields):
    return [(field.replace("_", "-"), 2, "li", _n(field)) for field in fields]


# collection -> [(section id, heading level, what to count, data -> expected count)]
# what: "li" top-level list items, "tr" table body rows, "h3"/"h4" sub-headings.
# Ids are the `{ #id }` of macros/templates/entry/<collection>.md.j2.
EXPECTED = {
    "questions": [
        ("follow-ups", 2, "li", _n("follow_ups")),
        *[(f"rubric-{band}", 3, "li", lambda d, band=band: len(d["rubric"][band])) for band, _ in BANDS],
        ("red-flag-answers", 2, "li", _n("red_flag_answers")),
        *_links("patterns"),
    ],
    "skills": [
        *[(f"level-{level}", 3, "li", lambda d, level=level: len(d["levels"][level])) for level in LEVELS],
        ("misconceptions", 2, "li", _n("misconceptions")),
        *_links("related_skills"),
    ],
    "roles": [
        ("competencies", 2, "tr", _n("competencies")),
        ("coverage", 2, "tr", _n("competencies")),
        ("scorecard", 2, "tr", _n("competencies")),
        ("anchors", 3, "h4", _n("competencies")),
    ],
    "use-cases": [("what-makes-it-hard", 2, "li", _n("what_makes_it_hard")), *_links("skills", "patterns", "questions")],
    "patterns": [("when-to-use", 2, "li", _n("when_to_use")), ("when-not-to-use", 2, "li", _n("when_not_to_use")),
                 ("pitfalls", 2, "li", _n("pitfalls")), *_links("skills", "related_patterns")],
    "tradeoffs": [
        ("options", 2, "h3", _n("options")),
        ("options", 2, "li", lambda d: sum(len(o["choose_when"]) + len(o["costs"]) for o in d["options"])),
        *_links("questions", "patterns", "skills"),
    ],
    "red-flags": [("sounds-like", 2, "li", _n("sounds_like")), ("good-answer", 2, "li", _n("good_answer")),
                  *_links("questions", "skills")],
    "calibration": [("samples", 2, "h3", _n("samples")),
                    ("samples", 2, "li", lambda d: sum(len(s["reasons"]) for s in d["samples"])),
                    *[(f"sample-{n}", 3, "li", lambda d, n=n: len(d["samples"][n - 1]["reasons"]) if len(d["samples"]) >= n else 0)
                      for n in (1, 2, 3)]],
    "faqs": _links("related"),
    "glossary": _links("related"),
    "scoping": [("guiding-questions", 2, "li", _n("guiding_questions")),
                ("example-targets", 2, "li", _n("example_targets")), *_links("skills", "tradeoffs")],
    "phases": [("deliverables", 2, "li", _n("deliverables")), ("done-when", 2, "li", _n("done_when")),
               *_links("playbook")],
    "playbook": [("actions", 2, "li", _n("actions")), ("avoid", 2, "li", _n("avoid")), *_links("patterns", "skills")],
    "engagement-models": [("fits-when", 2, "li", _n("fits_when")), ("expect", 2, "li", _n("expect")),
                          ("watch-out-for", 2, "li", _n("watch_out_for")), *_links("use_cases")],
}


def _kit_stages(data) -> list[tuple]:
    """A kit's sections named after its data: a stage-N per stage, a rubric table per question."""
    rows = []
    for number, stage in enumerate(data["stages"], 1):
        rows.append((f"stage-{number}", 2, "h3", len(stage["questions"])))
        rows += [(f"stage-{number}-{q}", 3, "tr", len(BANDS)) for q in stage["questions"]]
    return rows


def expected(entry) -> list[tuple]:
    """(section id, heading level, what, expected count) for one entry."""
    rows = [(sid, level, what, count(entry.data)) for sid, level, what, count in EXPECTED.get(entry.collection, [])]
    if entry.collection == "roles":
        rows += _kit_stages(entry.data)
    return rows


def count_problems(root: Node, entry) -> list[str]:
    found = []
    shown = sections(root)
    for sid, level, what, want in expected(entry):
        section = shown.get(sid)
        if section is None:
            if want:
                found.append(f"#{sid}: section missing (expected {want} {what})")
            continue
        if section.level != level:
            found.append(f"#{sid}: heading is h{section.level}, expected h{level}")
        got = section.li if what == "li" else section.tr if what == "tr" else section.headings[int(what[1:])]
        if what == "tr" and not section.tables:
            found.append(f"#{sid}: no <table> (expected {want} rows)")
        elif got != want:
            found.append(f"#{sid}: {got} {what}, expected {want} (one per data item)")
    if entry.collection == "roles":
        stages = sorted(sid for sid in shown if re.fullmatch(r"stage-\d+", sid))
        if len(stages) != len(entry.data["stages"]):
            found.append(f"stage sections {stages}, expected one per stage ({len(entry.data['stages'])})")
    return found


# ── One page, one site ───────────────────────────────────────────────────────

def problems(html: str, entry=None) -> list[str]:
    """Everything a reader would see as broken on one built page."""
    root = content(html)
    found = markdown_left(root) + glued_lists(root)
    if entry is not None:
        found += count_problems(root, entry)
        found += code_problems(root, list(strings(entry.data)))
    return found


def site_problems(site_dir: Path, kb) -> list[str]:
    """problems() for every entry page under a built site, each prefixed with its page."""
    found = []
    for name in kb.collections:
        for entry in kb.entries(name):
            page = Path(site_dir) / name / entry.id / "index.html"
            if not page.is_file():
                found.append(f"{name}/{entry.id}: no page at {page}")
                continue
            found += [f"{name}/{entry.id}: {p}" for p in problems(page.read_text(encoding="utf-8"), entry)]
    return found
