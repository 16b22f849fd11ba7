"""The compile step: data/ and docs/ in, the whole guide out, fully rendered.

    python -m macros.compile OUT [--target site|techdocs|zensical] [--site-url URL]

Loads and validates the knowledge base once, renders every page to Markdown
(hand-written pages with their macro calls evaluated, one page per entry and,
for the site, its embed copy) and every data file (JSON API, Markdown export,
the kit builder's JSON). No MkDocs import: each target (the MkDocs site through
its hook, Backstage TechDocs, Zensical) builds from this one output.

OUT gets docs/ (pages and the assets they use), static/ (data files to copy
into the built site) and, for techdocs and zensical, the target's mkdocs.yml.
"""

import argparse
import json
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from . import api, background, export, glossary, index_pages, kits, links, oembed, overlay, pages, place, render, site_address, targets, whole_guide
from .errors import DataErrors
from .load import load_kb
from .model import KnowledgeBase
from .registry import BY_NAME, COLLECTIONS
from .render import Renderer

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ("site", "techdocs", "zensical")
_FRONT_MATTER = re.compile(r"\A(---\n.*?\n---\n)", re.DOTALL)


class PageError(Exception):
    """A page cannot be made (a hand-written page's macro call failed, or an entry's
    page would replace a hand-written one); the message names the file."""


@dataclass(frozen=True)
class Page:
    markdown: str | None  # front matter and body, no macro call left; None: in the file at `path`
    edit_path: str  # the file a reader edits: docs/... or data/<collection>/<id>.yml
    generated: bool  # True for entry pages: no file under docs/
    # An overlay's entry is edited in the overlay's repository (its manifest's
    # edit_url; "" for no edit button); None: edit_path in the guide's repository.
    edit_url: str | None = None
    # compile_project(pages_dir=...): a generated page's Markdown is in this file
    # (markdown is None), read when the page is built.
    path: Path | None = None

    def text(self) -> str:
        return self.markdown if self.path is None else self.path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Output:
    kb: KnowledgeBase | None  # None once `mkdocs build` has freed it (hooks/site.py)
    pages: dict[str, Page]  # by source path under docs/, e.g. questions/foo.md
    files: dict[str, str]  # data files by path under the built site, e.g. api/v1/index.json
    assets: dict[str, Path]  # non-page files under docs/ (CSS, scripts), copied as they are
    # compile_project(files_dir=...): the data files are being written there by a
    # background process instead (files is empty); write_static waits for them.
    files_job: background.Job | None = None
    files_dir: Path | None = None


# What an entry page links to besides itself, by target: embed pages exist on the
# site only. Zensical gets none: it rewrites relative links in raw HTML as if
# relative to the Markdown source (one level off for a page served at <id>/), and
# takes a `.md` link for a page; these files are written after the build.
ELSEWHERE = {"site": render.ELSEWHERE, "techdocs": ("JSON", "Markdown", "Markdown for candidates"), "zensical": ()}


def compile_project(root: Path = ROOT, *, site_url: str = "", repository: str = "", target: str = "site",
                    docs_dir: Path | None = None, kb: KnowledgeBase | None = None,
                    bytecode_cache: jinja2.BytecodeCache | None = None, overlay_dir: Path | None = None,
                    files_dir: Path | None = None, pages_dir: Path | None = None) -> Output:
    """Everything a target needs. Raises DataErrors listing every data problem.
    overlay_dir: an overlay folder whose entries join the guide (macros/overlay.py);
    kb: the knowledge base of root/data (and the overlay) when the caller has validated it already;
    bytecode_cache: compiled templates kept between runs (`mkdocs serve`);
    files_dir: an empty folder: the data files are written there by a background
    process (macros/background.py) while the caller goes on, not kept in memory;
    pages_dir: an empty folder: the entries' pages are rendered there by another
    background process while this one renders the rest (their Page.path)."""
    if target not in TARGETS:
        raise ValueError(f"unknown target '{target}' (one of {', '.join(TARGETS)})")
    root = Path(root)
    docs = Path(docs_dir) if docs_dir else root / "docs"
    kb = kb if kb is not None else load_kb(root / "data", overlay_dir=overlay_dir)
    renderer = Renderer(kb, repository, site_url, schema_dir=root / "data" / "schemas", elsewhere=ELSEWHERE[target],
                        bytecode_cache=bytecode_cache)
    hover = glossary.hover_texts(kb)
    # Started first, each in its own process: they run while this one renders the other pages.
    files_job = pages_job = None
    if files_dir is not None:
        files_job = background.Job(lambda: _write_files(_data_files(kb, root, site_url, renderer), Path(files_dir)))
    if pages_dir is not None:
        pages_job = background.Job(lambda: _write_entry_pages(renderer, hover, target, Path(pages_dir) / "entries"))
    try:
        out, assets = _pages(kb, renderer, root, docs, target, hover, pages_dir and Path(pages_dir) / "other")
        _check_entry_uris(kb, out)
        if pages_job is None:
            for name in kb.collections:
                for entry in kb.entries(name):
                    out.update(entry_pages(renderer, entry, hover, target))
        else:
            try:
                out.update(pages_job.wait())
            except background.JobFailed as exc:
                raise PageError(str(exc)) from None
    except BaseException:
        for job, folder in ((files_job, files_dir), (pages_job, pages_dir)):
            if job is not None:
                job.cancel()
                shutil.rmtree(folder, ignore_errors=True)
        raise
    if files_job is not None:
        return Output(kb, out, {}, assets, files_job, Path(files_dir))
    return Output(kb, out, dict(_data_files(kb, root, site_url, renderer)), assets)


def _check_entry_uris(kb: KnowledgeBase, out: dict[str, "Page"]) -> None:
    for name in kb.collections:
        for entry in kb.entries(name):
            uri = links.page_uri(name, entry.id)
            if uri in out:  # e.g. a question with id `bank` would replace docs/questions/bank.md
                raise PageError(f"{entry.source}: id {entry.id!r} is taken by the page {out[uri].edit_path}; "
                                "choose another id")


def _write_entry_pages(renderer: Renderer, hover: dict, target: str, dest: Path) -> dict[str, "Page"]:
    """Every entry's pages written under dest (in the background process); their
    Page records, each naming its file, go back to the parent."""
    written = {}
    for name in renderer.kb.collections:
        for entry in renderer.kb.entries(name):
            for uri, page in entry_pages(renderer, entry, hover, target).items():
                _write(dest / uri, page.markdown)
                written[uri] = replace(page, markdown=None, path=dest / uri)
    return written


def _pages(kb: KnowledgeBase, renderer: Renderer, root: Path, docs: Path, target: str,
           hover: dict, pages_dir: Path | None = None) -> tuple[dict[str, Page], dict[str, Path]]:
    """Every page's Markdown by source path but the entries' (entry_pages), and
    the other files under docs/. With pages_dir, the generated ones (the whole
    guide's parts, further index pages: they grow with the guide) go to files there."""
    out: dict[str, Page] = {}

    def generated(uri: str, page: Page) -> None:
        if pages_dir is not None:
            _write(pages_dir / uri, page.markdown)
            page = replace(page, markdown=None, path=pages_dir / uri)
        out[uri] = page
    assets: dict[str, Path] = {}
    guide_parts = whole_guide.parts(kb)
    guide_contents: list[str] = []  # the pages that list the whole guide's parts
    listings: list[tuple[str, str]] = []  # (collection, index page) of indexes long enough for more pages
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if not path.is_file():
            continue
        if path.suffix != ".md":
            assets[rel] = path
            continue
        text = _render_written(path.read_text(encoding="utf-8"), renderer, root, rel, guide_parts, guide_contents, listings)
        if target == "techdocs":
            text = _without_page_template(text)
        out[rel] = Page(glossary.with_abbreviations(text, hover), f"docs/{rel}", False)
    for contents in guide_contents:
        for index, part in enumerate(guide_parts):
            uri = whole_guide.part_uri(contents, part)
            if uri in out:
                raise PageError(f"docs/{uri}: the whole guide's part {part.slug} goes there (it is listed by "
                                f"docs/{contents}); rename or move the page")
            source = pages.guide_part_source(part, renderer.whole_guide_part(guide_parts, index, contents))
            generated(uri, Page(glossary.with_abbreviations(source, hover), "macros/templates/whole-guide/part.md.j2", True))
    for collection in COLLECTIONS:  # an index page without a hand-written intro
        uri = links.index_uri(collection.name)
        if uri not in out:
            text = _generated_index(collection, renderer, root, listings)
            out[uri] = Page(glossary.with_abbreviations(text, hover), f"macros/templates/index/{collection.name}.md.j2", True)
    for name, index_uri in listings:  # the further pages of a long index
        listing = index_pages.pages(name, index_uri, kb.entries(name))
        numbered = [(number, uri) for number, uri, _ in listing]
        for number, uri, chunk in listing[1:]:
            if uri in out:
                raise PageError(f"docs/{uri}: page {number} of the {name} index goes there; rename or move the page")
            title = f"{BY_NAME[name].title}, page {number} of {len(listing)}"
            source = pages.index_page_source(title, renderer.index(name, uri, "index", chunk, numbered))
            generated(uri, Page(glossary.with_abbreviations(source, hover), f"macros/templates/index/{name}.md.j2", True))
    if kb.overlay is not None and kb.overlay.logo is not None:
        assets[overlay.logo_uri(kb.overlay)] = kb.overlay.logo
    return out, assets


def entry_pages(renderer: Renderer, entry, hover: dict, target: str = "site") -> dict[str, Page]:
    """An entry's page and, for the site, its embed copy (and a candidate-safe one
    when the entry has interviewer-only sections). `mkdocs serve` calls it alone
    for the entries just saved (macros/edit_loop.py)."""
    name, kb = entry.collection, renderer.kb
    uri = links.page_uri(name, entry.id)
    body = renderer.entry(name, entry.id, uri)
    # The oEmbed discovery link (overrides/main.html) points at an iframe of the embed copy.
    discovery = oembed.discovery(entry, renderer.site_url, links.entry_path(name, entry.id)) if target == "site" else None
    source = pages.entry_source(entry, body, place.place(kb, entry), discovery)
    edit_url = kb.overlay.edit_link(entry) if entry.internal else None
    out = {uri: Page(glossary.with_abbreviations(source, hover), entry.source, True, edit_url)}
    if target == "site":  # the chrome-less copy needs the site's own theme template
        out[links.embed_uri(name, entry.id)] = Page(pages.embed_source(entry, renderer.embed_body(entry)), entry.source, True)
        if renderer.has_interviewer_sections(entry):
            candidate = links.candidate_embed_uri(name, entry.id)
            body = _candidate_safe(renderer.for_candidates().entry(name, entry.id, candidate), candidate)
            out[candidate] = Page(pages.embed_source(entry, body, candidate=True), entry.source, True)
    return out


def _candidate_safe(markdown: str, where: str) -> str:
    """Fails closed: a candidate-safe copy with an interviewer-only block in it
    means a template wrote one that `candidate` does not leave out."""
    if "kb-interviewer" in markdown:
        raise PageError(f"{where}: the candidate-safe copy still has a kb-interviewer block; "
                        "the template that writes it must leave it out when `candidate` is true")
    return markdown


def _without_page_template(text: str) -> str:
    """TechDocs renders with techdocs-core's theme and none of our overrides, so a
    page's `template:` (e.g. the kit builder's) would name a missing file."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text
    front = re.sub(r"(?m)^template:.*\n", "", match.group(1))
    return front + text[match.end():]


def _render_written(text: str, renderer: Renderer, root: Path, page_uri: str,
                    guide_parts: list[whole_guide.Part], guide_contents: list[str],
                    listings: list[tuple[str, str]]) -> str:
    """A hand-written page with its macro calls evaluated. These pages are ours,
    trusted like templates; data text never passes through here as a template.
    A page that calls whole_guide() is added to guide_contents: the parts it
    links are made under its address."""
    match = _FRONT_MATTER.match(text)
    front, body = (match.group(1), text[match.end():]) if match else ("", text)
    if "{{" not in body and "{%" not in body:
        return text
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False,
                             trim_blocks=True, lstrip_blocks=True)
    macros = {
        "collection_index": lambda name, view="index": _listing(renderer, name, page_uri, view, listings),
        "count": lambda name: len(renderer.kb.entries(BY_NAME[name].name)),
        "part_size": whole_guide.PART_SIZE,
        "kit_part_size": whole_guide.PART_SIZES["roles"],
        "whole_guide": lambda: _listed(guide_contents, page_uri, renderer.whole_guide(page_uri, guide_parts)),
        "data_reference": lambda: renderer.data_reference(root / "data" / "schemas", page_uri),
        "collections": COLLECTIONS,
    }
    try:
        return front + env.from_string(body).render(**macros)
    except jinja2.TemplateError as exc:
        line = f":{exc.lineno + front.count(chr(10))}" if getattr(exc, "lineno", None) else ""
        raise PageError(f"docs/{page_uri}{line}: {exc.message or exc}") from None


def _listed(pages_listing: list[str], page_uri: str, text: str) -> str:
    if page_uri not in pages_listing:
        pages_listing.append(page_uri)
    return text


def _listing(renderer: Renderer, name: str, page_uri: str, view: str, listings: list[tuple[str, str]]) -> str:
    """A collection's listing on a page: for a long index, its first page, with links
    to the others (made later from `listings`). Other views (the question bank,
    the worksheet) are tools over the whole collection and stay whole."""
    listing = index_pages.pages(name, page_uri, renderer.kb.entries(BY_NAME[name].name))
    if view != "index" or len(listing) == 1:
        return renderer.index(name, page_uri, view)
    if (name, page_uri) not in listings:
        listings.append((name, page_uri))
    return renderer.index(name, page_uri, view, listing[0][2], [(number, uri) for number, uri, _ in listing])


def _generated_index(collection, renderer: Renderer, root: Path, listings: list[tuple[str, str]]) -> str:
    schema = json.loads((root / "data" / "schemas" / f"{collection.name}.schema.json").read_text(encoding="utf-8"))
    purpose = schema.get("description", "").removeprefix("Purpose: ")
    purpose = purpose[:1].upper() + purpose[1:]
    listing = _listing(renderer, collection.name, links.index_uri(collection.name), "index", listings)
    return f"# {collection.title}\n\n{purpose}\n\n{listing}"


def _data_files(kb: KnowledgeBase, root: Path, site_url: str, renderer: Renderer) -> Iterator[tuple[str, str]]:
    """(path under the built site, text) of every data file, made one at a time."""
    yield from api.files(kb, root / "data" / "schemas", site_url)
    yield "roles/builder.json", api.dumps(kits.builder_data(kb, site_url))
    for question_id, details in kits.scorecard_details(kb).items():
        yield f"roles/scorecard/{question_id}.json", api.dumps(details)
    exporter = renderer.for_export()
    candidate_exporter = exporter.for_candidates()
    embeds = "Embed page" in renderer.elsewhere  # oEmbed's iframe shows the embed copy: the site only
    for name in kb.collections:
        for entry in kb.entries(name):
            yield links.export_path(name, entry.id), export.entry_markdown(exporter, entry)
            if renderer.has_interviewer_sections(entry):
                path = links.candidate_export_path(name, entry.id)
                yield path, _candidate_safe(export.entry_markdown(candidate_exporter, entry, path), path)
            if embeds:
                yield links.oembed_path(name, entry.id), api.dumps(oembed.document(entry, site_url, renderer))


def _write_files(files: Iterable[tuple[str, str]], dest: Path) -> None:
    for rel, text in files:
        _write(dest / rel, text)


def write(output: Output, out_dir: Path) -> None:
    """docs/ and static/ under out_dir, replacing what was there."""
    out_dir = Path(out_dir)
    for part in ("docs", "static"):
        shutil.rmtree(out_dir / part, ignore_errors=True)
    for rel, page in output.pages.items():
        _write(out_dir / "docs" / rel, page.text())
    for rel, source in output.assets.items():
        (out_dir / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, out_dir / "docs" / rel)
    for rel, text in output.files.items():
        _write(out_dir / "static" / rel, text)


def write_static(output: Output, site_dir: Path) -> None:
    """The data files into a built site. Raises PageError if the background
    process writing them (compile_project's files_dir) failed."""
    _write_files(output.files.items(), Path(site_dir))
    if output.files_job is None:
        return
    try:
        output.files_job.wait()
    except background.JobFailed as exc:
        raise PageError(f"the data files (API, exports) could not be made: {exc}") from None
    _move_tree(output.files_dir, Path(site_dir))
    shutil.rmtree(output.files_dir, ignore_errors=True)


def discard_files(output: Output) -> None:
    """A failed build: stop the background process and remove what it wrote."""
    if output.files_job is not None:
        output.files_job.cancel()
        shutil.rmtree(output.files_dir, ignore_errors=True)


def _move_tree(source: Path, dest: Path) -> None:
    """Move source's contents into dest: whole folders where dest has none
    (one rename for api/ on the same file system), file by file where both have one (roles/)."""
    dest.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        target = dest / item.name
        if item.is_dir() and target.is_dir():
            _move_tree(item, target)
        else:
            shutil.move(item, target)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.compile", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="output folder (docs/, static/ and the target's mkdocs.yml go here)")
    parser.add_argument("--target", choices=TARGETS, default="site")
    parser.add_argument("--site-url", default="", help="canonical address, e.g. https://guide.example/")
    args = parser.parse_args(argv)
    config = targets.site_config(ROOT)
    # The address is SITE_URL (or a real host in mkdocs.yml, for the site), never the
    # local fallback; unknown, the files carry relative links (macros/site_address.py).
    site_url = args.site_url or site_address.public(config.get("site_url") or "" if args.target == "site" else "")
    if not site_url:
        site_address.warn()
    try:
        output = compile_project(ROOT, site_url=site_url, repository=config["extra"]["repository"], target=args.target,
                                 overlay_dir=overlay.configured())
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except PageError as exc:
        print(exc, file=sys.stderr)
        return 1
    write(output, args.out)
    if args.target != "site":
        targets.write_config(args.target, overlay.apply_edition(config, output.kb.overlay), args.out, site_url, ROOT)
    print(f"compiled {len(output.pages)} pages and {len(output.files)} data files for {args.target} into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
