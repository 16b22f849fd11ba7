"""Render entries and collection indexes to Markdown through Jinja templates.

Python prepares values and links; the markup lives in templates/. Data text
is passed to templates as values and never compiled as a template.
"""

import re
from collections import defaultdict
from urllib.parse import urlencode
from functools import cached_property, lru_cache
from pathlib import Path

import jinja2

from . import links, schemas, text_rules
from .model import Entry, KnowledgeBase
from .registry import BY_NAME

TEMPLATES = Path(__file__).parent / "templates"


def _cell(text) -> str:
    """Fit text into one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _indent(text, width: int = 4) -> str:
    """Indent continuation lines so multi-line Markdown stays inside a list item or block."""
    pad = " " * width
    return "\n".join((pad + line) if line.strip() else "" for line in str(text).strip().splitlines()).lstrip()


def first_sentence(text) -> str:
    """The first sentence of a Markdown paragraph, for tooltips and index tables."""
    flat = " ".join(str(text).split())
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    return match.group(1) if match else flat


class Renderer:
    def __init__(self, kb: KnowledgeBase, repository: str = "", templates: Path = TEMPLATES):
        self.kb = kb
        self.repository = repository.rstrip("/")  # issue links; empty: no "Report a problem" link
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # output is Markdown; raw HTML in data is rejected by validation
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["cell"] = _cell
        self.env.filters["block"] = _indent
        self.env.filters["first_sentence"] = first_sentence

    def _context(self, page_uri: str) -> dict:
        kb = self.kb

        def link(entry: Entry, anchor: str = "") -> str:
            return links.md_link(entry, page_uri, anchor)

        def index_link(collection: str) -> str:
            return f"[{BY_NAME[collection].title}]({links.relative(links.index_uri(collection), page_uri)})"

        def report_url(entry: Entry) -> str:
            """A new issue on the report-error form, with the entry filled in."""
            query = urlencode({"template": "report-error.yml", "title": f"Error: {entry.title}",
                               "entry": f"{entry.collection}/{entry.id}"})
            return f"{self.repository}/issues/new?{query}" if self.repository else ""

        return {"kb": kb, "link": link, "index_link": index_link, "report_url": report_url, "collections": BY_NAME}

    @cached_property
    def _term_patterns(self) -> list[tuple[Entry, re.Pattern]]:
        """Glossary entries with a case-insensitive whole-word pattern for each."""
        found = []
        for term in self.kb.entries("glossary"):
            names = [term.title] + ([term.data["abbreviation"]] if term.data.get("abbreviation") else [])
            alternatives = "|".join(re.escape(n) for n in names)
            found.append((term, re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE)))
        return found

    def terms_in(self, entry: Entry) -> list[Entry]:
        """Glossary terms the entry's text uses, by title; the entry itself excluded."""
        text = "\n".join(value for _, value in text_rules.strings(dict(entry.data)) if isinstance(value, str))
        return [term for term, pattern in self._term_patterns if term is not entry and pattern.search(text)]

    def abbreviations(self) -> str:
        """Markdown abbreviation definitions: hovering a term on any page shows its definition."""
        return self.env.get_template("partials/abbreviations.md.j2").render(terms=self.kb.entries("glossary"))

    def data_reference(self, schema_dir: Path, page_uri: str) -> str:
        """Every collection's fields, read from its schema, with a real entry as an example."""
        sections = []
        for name in BY_NAME:
            entries = self.kb.entries(name)
            example = min(entries, key=lambda e: (len(e.data), e.id)) if entries else None
            text = (schema_dir.parent.parent / example.source).read_text(encoding="utf-8") if example else ""
            longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
            sections.append({
                "collection": BY_NAME[name],
                "description": schemas.load(schema_dir)[0][schemas.schema_name(name)]["description"],
                "fields": schemas.describe(schema_dir, name),
                "example": example,
                "example_text": text,
                "fence": "`" * max(3, longest + 1),
            })
        template = self.env.get_template("reference/data.md.j2")
        return template.render(sections=sections, **self._context(page_uri))

    def entry(self, collection: str, entry_id: str, page_uri: str) -> str:
        entry = self.kb.get(collection, entry_id)
        incoming = defaultdict(list)
        for source in sorted({l.source for l in self.kb.all_incoming(entry)}, key=lambda e: e.title.lower()):
            for field in sorted({l.field for l in self.kb.all_incoming(entry) if l.source == source}):
                incoming[(source.collection, field)].append(source)
        template = self.env.get_template(f"entry/{collection}.md.j2")
        return template.render(
            entry=entry,
            d=entry.data,
            out=lambda field: self.kb.outgoing(entry, field),
            incoming=dict(incoming),
            terms=self.terms_in(entry),
            **self._context(page_uri),
        )

    def index(self, collection: str, page_uri: str) -> str:
        template = self.env.get_template(f"index/{collection}.md.j2")
        return template.render(entries=self.kb.entries(collection), **self._context(page_uri))


@lru_cache(maxsize=2)
def renderer_for(kb: KnowledgeBase, repository: str = "") -> Renderer:
    return Renderer(kb, repository)
