"""Read a built site: the links, resources and ids of every HTML page."""

import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that make the browser fetch something when the page loads.
RESOURCE_ATTRS = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                  ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("img", "srcset")}


@dataclass
class Page:
    path: Path  # file on disk
    url: str  # site-relative URL of the page, e.g. questions/foo/
    ids: set = field(default_factory=set)
    links: list = field(default_factory=list)  # (tag, attr, value)
    sections: dict = field(default_factory=dict)  # h2 id -> hrefs of links until the next h2
    edit_url: str | None = None


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.section = None
        self.in_content = False
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.page.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.page.ids.add(attrs["name"])
        rel = " ".join((attrs.get("rel") or "").split())  # a list of words: the oEmbed link's is "alternate "
        if tag == "link" and rel in ("canonical", "alternate"):
            tag = f"link[rel={rel}]"  # a reference to this page, not something the browser fetches  # a reference to this page, not something the browser fetches
        for attr in ("href", "src", "data", "srcset"):
            if attrs.get(attr) is not None:
                self.page.links.append((tag, attr, attrs[attr]))
        if tag == "details" or "kb-elsewhere" in (attrs.get("class") or ""):
            self.section = None  # page-level links after the sections (own data files, embed snippet) end them
        if tag == "h2":
            self.section = attrs.get("id")
            if self.section:
                self.page.sections[self.section] = []
        elif tag == "a" and self.section and "href" in attrs and "headerlink" not in (attrs.get("class") or ""):
            self.page.sections[self.section].append(attrs["href"])
        if tag == "a" and "md-content__button" in (attrs.get("class") or "") and attrs.get("title", "").startswith("Edit"):
            self.page.edit_url = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "article":
            self.section = None


@lru_cache(maxsize=4096)
def read(path: Path, site: Path) -> Page:
    rel = path.relative_to(site).as_posix()
    url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
    page = Page(path, url)
    _Parser(page).feed(path.read_text(encoding="utf-8"))
    return page


def pages(site: Path) -> list[Page]:
    return [read(p, site) for p in sorted(site.rglob("*.html"))]


def resolve(page: Page, href: str) -> tuple[str, str] | None:
    """(site-relative path, fragment) of an internal href; None for external ones."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    base = posixpath.dirname(page.url) if not page.url.endswith("/") else page.url.rstrip("/")
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else page.url
    if target == ".":
        target = ""
    return target.lstrip("/"), unquote(parts.fragment)


def file_for(site: Path, target: str) -> Path:
    path = site / target
    return path / "index.html" if path.is_dir() else path


# Fragments that exist only at run time, created by Material's JavaScript.
RUNTIME_FRAGMENTS = {"__search", "__drawer", "__toc"}


def broken_links(site: Path) -> list[str]:
    """Every internal href/src of every HTML page that points at no file, or at
    no element with the fragment's id."""
    broken = []
    for page in pages(site):
        for tag, attr, value in page.links:
            target = resolve(page, value) if attr != "srcset" else None
            if target is None:
                continue
            path, fragment = target
            file = file_for(site, path)
            if not file.is_file():
                broken.append(f"{page.url}: {tag}[{attr}]={value} -> {path} does not exist")
            elif fragment and fragment not in RUNTIME_FRAGMENTS and file.suffix == ".html":
                if fragment not in read(file, site).ids:
                    broken.append(f"{page.url}: {value} -> no element with id '{fragment}'")
    return broken
