"""Render entries and collection indexes to Markdown through Jinja templates.

Python prepares values and links; the markup lives in templates/. Data text
is passed to templates as values and never compiled as a template.
"""

import re
from collections import OrderedDict, defaultdict
from functools import cached_property
from pathlib import Path
from urllib.parse import urlencode

import jinja2

from . import backlinks, data_links, embed_height, kits, links, print_sheet, schemas, text_rules, vocab
from .audience import Audience
from .markdown_text import shift_headings
from .glossary import TermIndex, first_sentence
from .model import Entry, KnowledgeBase, Text
from .registry import BY_NAME
from .whole_guide import Part, part_uri

TEMPLATES = Path(__file__).parent / "templates"
SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "schemas"


def _same_kind(source, result: str) -> str:
    """Data text stays data text through a filter, so its links are still rewritten."""
    return Text(result) if isinstance(source, Text) else result


def _cell(text) -> str:
    """Fit text into one Markdown table cell."""
    return _same_kind(text, " ".join(str(text).split()).replace("|", "\\|"))


def _indent(text, width: int = 4) -> str:
    """Indent continuation lines so multi-line Markdown stays inside a list item or block."""
    pad = " " * width
    return _same_kind(text, "\n".join((pad + line) if line.strip() else "" for line in str(text).strip().splitlines()).lstrip())


def _join(values, separator: str = "") -> str:
    values = list(values)
    joined = separator.join(str(v) for v in values)
    return Text(joined) if any(isinstance(v, Text) for v in values) else joined


# An entry page's links to its own files (render.Renderer._elsewhere), in this order.
# The candidate-safe ones are offered only for entries with interviewer-only sections.
ELSEWHERE = ("JSON", "Markdown", "Embed page", "Markdown for candidates", "Embed page for candidates")
CANDIDATE_SAFE = ("Markdown for candidates", "Embed page for candidates")
EMBED_BODIES_KEPT = 16

# In an embed snippet when the build does not know the site's address
# (macros/site_address.py): assets/embed-snippet.js replaces it with the address
# the page is viewed at; a reader without scripts sees what to fill in.
GUIDE_ADDRESS = "{guide-address}/"


class Renderer:
    def __init__(self, kb: KnowledgeBase, repository: str = "", site_url: str = "", absolute_links: bool = False,
                 templates: Path = TEMPLATES, schema_dir: Path = SCHEMAS, elsewhere: tuple[str, ...] = ELSEWHERE,
                 bytecode_cache: jinja2.BytecodeCache | None = None, candidate: bool = False):
        self.kb = kb
        self.schema_dir = schema_dir
        self.audience = Audience.from_schemas(schema_dir)
        self.backlink_labels = backlinks.labels(schema_dir)  # (collection, field) -> heading, from x-backlink
        self.repository = repository.rstrip("/")  # issue links; empty: no "Report a problem" link
        self.site_url = site_url  # canonical address, for embed snippets and absolute links
        self.absolute_links = absolute_links  # Markdown export: links that work outside the site
        self.elsewhere = elsewhere  # which of ELSEWHERE an entry page links to (what the target can serve)
        # Candidate-safe copy: interviewer-only sections are left out of the Markdown, not hidden.
        self.candidate = candidate
        self._interviewer_sections: dict[tuple, bool] = {}  # entry key -> its page has interviewer-only blocks
        # The latest entries' embed copy bodies: an entry's page, its embed copy and the
        # check for interviewer-only sections ask for one in turn (a few kept, not all:
        # they add up with the guide).
        self._embed_bodies: OrderedDict[tuple, str] = OrderedDict()
        self._terms_of: dict[tuple, tuple[list[Entry], list[Entry]]] = {}
        self._variants: dict[tuple, "Renderer"] = {}  # for_candidates(), for_export(): made once
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # output is Markdown; raw HTML in data is rejected by validation
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            finalize=self._finalize,
            bytecode_cache=bytecode_cache,  # `mkdocs serve` keeps compiled templates between rebuilds
        )
        self._page = ("", "")  # (page_uri, base_url) of the render in progress, for _finalize
        self.env.filters["cell"] = _cell
        self.env.filters["block"] = _indent
        self.env.filters["first_sentence"] = lambda text: _same_kind(text, first_sentence(text))
        self.env.filters["join"] = _join
        self.env.tests["dense_sheet"] = print_sheet.dense

    def _finalize(self, value):
        """Every `{{ ... }}` output: links written in data text (`collection/id#x`,
        `page.md`) become links from this page. Only data text (model.Text) is
        rewritten: our own links and the output of template macros are final."""
        if isinstance(value, Text) and ("](" in value or "]:" in value):
            return data_links.rewrite(value, *self._page)
        return value

    def _context(self, page_uri: str) -> dict:
        kb = self.kb
        # Text that leaves the site (export) links absolutely under the site's address,
        # or, when the build does not know it, relative to the file it is written to.
        base_url = (self.site_url or links.up_to_root(page_uri)) if self.absolute_links else ""
        self._page = (page_uri, base_url)

        def link(entry: Entry, anchor: str = "") -> str:
            # An overlay's entry is marked wherever it is linked: indexes, back-links, kits.
            marked = links.md_link(entry, page_uri, anchor, base_url)
            return links.Rendered(marked + " *(internal)*") if entry.internal else marked

        def index_link(collection: str) -> str:
            target = base_url + links.index_path(collection) if base_url else links.relative(links.index_uri(collection), page_uri)
            return links.Rendered(f"[{BY_NAME[collection].title}]({target})")

        def report_url(entry: Entry) -> str:
            """A new issue on the report-error form, with the entry filled in. "" (no link)
            for an overlay's entry: its title must not reach the public guide's tracker."""
            if entry.internal:
                return ""
            query = urlencode({"template": "report-error.yml", "title": f"Error: {entry.title}",
                               "entry": f"{entry.collection}/{entry.id}"})
            return f"{self.repository}/issues/new?{query}" if self.repository else ""

        return {
            "kb": kb,
            "link": link,
            "index_link": index_link,
            "report_url": report_url,
            "collections": BY_NAME,
            "site_url": self.site_url,
            "edition": kb.overlay.name if kb.overlay is not None else "",  # an overlay's edition name (data text)
            "embed_url": lambda entry, candidate=False: (self.site_url or GUIDE_ADDRESS) + (
                links.candidate_embed_path if candidate else links.embed_path)(entry.collection, entry.id),
            # A checked link (MkDocs resolves it) to the embed copy: it tells assets/embed-snippet.js the address.
            "embed_page": lambda entry, candidate=False: links.relative(
                (links.candidate_embed_uri if candidate else links.embed_uri)(entry.collection, entry.id), page_uri),
            "embed_height": lambda entry, candidate=False: embed_height.estimate(entry, self.audience, candidate),
            "candidate_safe": self.has_interviewer_sections,
            "candidate": self.candidate,
            "doc_url": lambda path: links.relative(path, page_uri),  # a hand-written page under docs/
            "elsewhere": lambda entry: self._elsewhere(entry),
            "kit_for": lambda role: kits.build(kb, role),
            "interviewer_only": self.audience.interviewer,
            "backlink_label": lambda collection, field: self.backlink_labels[(collection, field)],  # (collection, field) -> bool, from the schemas
            "anchors": kits.anchors,
            "bands": vocab.BANDS,
            "kinds": vocab.KINDS,
            "levels": vocab.LEVEL_LABELS,
        }

    def _elsewhere(self, entry: Entry) -> dict[str, str]:
        """The entry's JSON, Markdown export and embed page, relative to its built
        page: written after the pages, so MkDocs cannot check these links (raw
        HTML); tests/test_integration.py checks them in the built site."""
        here = links.entry_path(entry.collection, entry.id) + "index.html"  # the built page they are followed from
        paths = {"JSON": links.entry_api_path(entry.collection, entry.id),
                 "Markdown": links.export_path(entry.collection, entry.id),
                 "Embed page": links.embed_path(entry.collection, entry.id),
                 "Markdown for candidates": links.candidate_export_path(entry.collection, entry.id),
                 "Embed page for candidates": links.candidate_embed_path(entry.collection, entry.id)}
        names = [n for n in self.elsewhere if n not in CANDIDATE_SAFE or self.has_interviewer_sections(entry)]
        return {name: links.relative(paths[name], here) + ("/" if paths[name].endswith("/") else "")
                for name in names}

    def embed_body(self, entry: Entry) -> str:
        """The entry as its embed copy shows it."""
        if entry.key in self._embed_bodies:
            self._embed_bodies.move_to_end(entry.key)
        else:
            self._embed_bodies[entry.key] = self.entry(entry.collection, entry.id,
                                                       links.embed_uri(entry.collection, entry.id))
            if len(self._embed_bodies) > EMBED_BODIES_KEPT:
                self._embed_bodies.popitem(last=False)
        return self._embed_bodies[entry.key]

    def has_interviewer_sections(self, entry: Entry) -> bool:
        """Whether the entry's page has interviewer-only blocks, so a candidate-safe
        embed copy and export are worth making. Read from the rendered page, not the
        schemas alone: some blocks (a kit's scorecard) are interviewer-only by template."""
        if entry.key not in self._interviewer_sections:
            if self.candidate:  # its own pages have no such blocks: ask the full rendering
                return self._variant(candidate=False).has_interviewer_sections(entry)
            self._interviewer_sections[entry.key] = "kb-interviewer" in self.embed_body(entry)
        return self._interviewer_sections[entry.key]

    def _variant(self, **changes) -> "Renderer":
        """The same guide rendered another way, sharing the per-entry results
        (glossary terms, which entries have interviewer-only sections). One per
        setting and renderer: each has its own template environment, and compiling
        every template again per entry made up a fifth of the build."""
        settings = {"absolute_links": self.absolute_links, "candidate": self.candidate, **changes}
        key = tuple(sorted(settings.items()))
        if key not in self._variants:
            other = Renderer(self.kb, self.repository, self.site_url, schema_dir=self.schema_dir,
                             elsewhere=self.elsewhere, bytecode_cache=self.env.bytecode_cache, **settings)
            other._terms_of = self._terms_of
            other._interviewer_sections = self._interviewer_sections
            other.__dict__["_terms"] = self._terms
            self._variants[key] = other
        return self._variants[key]

    def for_candidates(self) -> "Renderer":
        """Candidate-safe pages: the interviewer-only sections are not written at all."""
        return self._variant(candidate=True)

    def for_export(self) -> "Renderer":
        """The same guide with absolute links (Markdown export), sharing the
        glossary-term results so each entry's terms are found once per build."""
        return self._variant(absolute_links=True)

    @cached_property
    def _terms(self) -> TermIndex:
        return TermIndex(self.kb)

    def terms_in(self, entry: Entry) -> tuple[list[Entry], list[Entry]]:
        """Glossary terms the entry's text uses, by title, the entry itself excluded:
        (terms in fields anyone may read, terms found only in interviewer-only fields).
        Computed once per entry: its page, embed copy, export and the whole guide share it."""
        if entry.key not in self._terms_of:
            def found(public: bool) -> list[Entry]:
                text = "\n".join(value for path, value in text_rules.strings(dict(entry.data))
                                 if isinstance(value, str) and path
                                 and self.audience.interviewer(entry.collection, path[0]) != public)
                return [term for term in self._terms.terms_in(text) if term is not entry]
            public = found(True)
            self._terms_of[entry.key] = (public, [t for t in found(False) if t not in public])
        return self._terms_of[entry.key]

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

    def whole_guide(self, page_uri: str, parts: list[Part]) -> str:
        """The whole guide's contents: every part (macros/whole_guide.py), linked from page_uri."""
        groups = []
        for part in parts:
            if part.number == 1:
                groups.append({"collection": BY_NAME[part.collection], "size": 0, "parts": []})
            groups[-1]["size"] += len(part.entries)
            groups[-1]["parts"].append({
                "part": part,
                "href": links.relative(part_uri(page_uri, part), page_uri),
                "first": links.link_text(part.entries[0].title),
                "last": links.link_text(part.entries[-1].title),
            })
        template = self.env.get_template("whole-guide/contents.md.j2")
        return template.render(groups=groups, **self._context(page_uri))

    def whole_guide_part(self, parts: list[Part], index: int, contents_uri: str) -> str:
        """One part of the whole guide: its entries, for printing or saving as PDF.

        Entry headings move down a level under the part's title, and lose their
        fixed ids (which repeat from entry to entry) so the table of contents
        numbers them uniquely. Lines inside code blocks stay as written."""
        part = parts[index]
        page_uri = part_uri(contents_uri, part)

        def neighbour(other: int):
            if not 0 <= other < len(parts):
                return None
            return {"title": links.link_text(parts[other].title),
                    "href": links.relative(part_uri(contents_uri, parts[other]), page_uri)}

        template = self.env.get_template("whole-guide/part.md.j2")
        return template.render(
            part=part,
            contents=links.relative(contents_uri, page_uri),
            previous=neighbour(index - 1),
            next=neighbour(index + 1),
            entries=[shift_headings(self.entry(e.collection, e.id, page_uri), 1) for e in part.entries],
            **self._context(page_uri),
        )

    def entry(self, collection: str, entry_id: str, page_uri: str) -> str:
        entry = self.kb.get(collection, entry_id)
        grouped: dict[tuple, dict] = defaultdict(dict)  # (collection, field) -> {key: source}
        for link in self.kb.all_incoming(entry):
            grouped[(link.source.collection, link.field)][link.source.key] = link.source
        incoming = {group: sorted(sources.values(), key=lambda e: e.title.lower()) for group, sources in grouped.items()}
        terms = self.terms_in(entry)
        template = self.env.get_template(f"entry/{collection}.md.j2")
        return template.render(
            entry=entry,
            d=entry.data,
            out=lambda field: self.kb.outgoing(entry, field),
            incoming=incoming,
            terms=terms[0],
            interviewer_terms=terms[1],
            # Only the entry's own page offers the embed snippet: not the embed
            # copy, the export or the whole guide's parts.
            full_page=page_uri == links.page_uri(collection, entry_id) and not self.absolute_links,
            **self._context(page_uri),
        )

    def index(self, collection: str, page_uri: str, view: str = "index", entries: tuple | None = None,
              pages: list[tuple[int, str]] | None = None) -> str:
        """A listing of the collection: its index page, or another view of it
        (templates/<view>/<collection>.md.j2, e.g. the question bank). entries: one
        page's share of a long index (macros/index_pages.py); pages: every page of
        it as (number, source path), for the links between them."""
        template = self.env.get_template(f"{view}/{collection}.md.j2")
        context = self._context(page_uri)
        listing = template.render(entries=self.kb.entries(collection) if entries is None else list(entries), **context)
        if not pages or len(pages) < 2:
            return listing
        current = next(number for number, uri in pages if uri == page_uri)
        return listing + "\n" + self.env.get_template("partials/pager.md.j2").render(pages=pages, current=current, **context)

