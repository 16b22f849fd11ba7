"""The real site, built once with --strict: links, entries, search, reverse links, edit links.

An independent second look at what MkDocs already validates: every href, src
and #fragment in every built HTML file must resolve inside the site.
"""

import html as html_lib
import re
from pathlib import Path
from urllib.parse import urlsplit

import mkdocs
import pytest

from conftest import DATA, ROOT
from macros.registry import BY_NAME, COLLECTIONS
from search_bundle import indexed_pages
from site_html import RESOURCE_ATTRS, broken_links, pages, read, resolve

def all_entries():
    from macros.load import load_kb
    kb = load_kb(DATA)
    return [e for name in kb.collections for e in kb.entries(name)]


ENTRIES = all_entries()


def entry_file(site, entry):
    return site / entry.collection / entry.id / "index.html"


def test_every_internal_link_resolves(site):
    broken = broken_links(site)
    assert not broken, "\n".join(broken[:50])


def test_no_third_party_requests(site):
    # Links to other sites are fine; anything the browser fetches on load must be local.
    offenders = []
    for page in pages(site):
        for tag, attr, value in page.links:
            if (tag, attr) in RESOURCE_ATTRS and urlsplit(value).netloc:
                offenders.append(f"{page.url}: <{tag} {attr}={value}>")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8")):
            offenders.append(f"{css.relative_to(site)}: {url}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.source)
def test_entry_has_its_page(site, entry):
    page = read(entry_file(site, entry), site)
    assert html_lib.escape(entry.title, quote=False) in entry_file(site, entry).read_text(encoding="utf-8")
    assert page.edit_url, "no edit button"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.source)
def test_entry_is_on_its_index(site, entry):
    index = read(site / entry.collection / "index.html", site)
    hrefs = {resolve(index, value)[0] for _, attr, value in index.links if attr == "href" and resolve(index, value)}
    assert f"{entry.collection}/{entry.id}" in hrefs


_TOC = re.compile(r'data-md-type="toc".*?</nav>', re.DOTALL)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.source)
def test_entry_page_has_a_table_of_contents_of_its_sections(site, entry):
    # Generated pages' tables of contents wait on disk during the build (hooks/site.py).
    text = entry_file(site, entry).read_text(encoding="utf-8")
    article = text[text.index("<article"):text.index("</article>")]
    toc = _TOC.search(text)
    assert toc, "no table of contents"
    listed = re.findall(r'href="#([^"]+)"', toc.group(0))
    assert listed, "the table of contents is empty"
    missing = [anchor for anchor in listed if f'id="{anchor}"' not in article]
    assert not missing, f"the table of contents links sections the page does not have: {missing}"


@pytest.fixture(scope="module")
def search_pages(site):
    """What Pagefind indexed (site/pagefind/, written by macros/hooks/pagefind.py)."""
    return indexed_pages(site)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.source)
def test_entry_is_in_search_index(search_pages, entry):
    assert f"{entry.collection}/{entry.id}/" in search_pages


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.source)
def test_entry_is_labelled_with_its_collection_in_search(search_pages, entry):
    singular = BY_NAME[entry.collection].singular
    assert search_pages[f"{entry.collection}/{entry.id}/"]["meta"]["collection"] == singular[:1].upper() + singular[1:]


def test_navigation_sections_stay_out_of_search(search_pages):
    # Reverse-link and "terms used here" sections only repeat other pages' titles;
    # indexing them would make every linked title match everywhere.
    anchors = [f"{url}#{a['id']}" for url, doc in search_pages.items() for a in doc["anchors"]]
    assert any(a.endswith("#rubric") for a in anchors), "content sections must still be indexed"
    assert [a for a in anchors if "#from-" in a or a.endswith("#terms")] == []


@pytest.mark.parametrize("path", ["404.html", "integrate/whole-guide/", "integrate/whole-guide/questions-1/"])
def test_page_stays_out_of_search(search_pages, path):
    assert path not in search_pages


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.source)
def test_edit_link_opens_the_data_file(site, entry):
    edit = read(entry_file(site, entry), site).edit_url
    assert edit.endswith("/" + entry.source), edit
    assert (ROOT / entry.source).is_file()


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.source)
def test_reverse_links_match_forward_refs(site, kb, entry):
    # Each "from-<collection>-<field>" section must list exactly the entries whose
    # <field> references this one, and no such section may be missing.
    page = read(entry_file(site, entry), site)
    shown = {}
    for section, hrefs in page.sections.items():
        if section.startswith("from-"):
            shown[section] = sorted({resolve(page, h)[0].rstrip("/") for h in hrefs})
    expected = {}
    for link in kb.all_incoming(entry):
        key = f"from-{link.source.collection}-{link.field.replace('_', '-')}"
        expected.setdefault(key, set()).add(f"{link.source.collection}/{link.source.id}")
    assert shown == {k: sorted(v) for k, v in expected.items()}


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.source)
def test_forward_refs_are_linked(site, entry):
    page = read(entry_file(site, entry), site)
    linked = {resolve(page, v)[0].rstrip("/") for _, a, v in page.links if a == "href" and resolve(page, v)}
    missing = [f"{r.collection}/{r.id}" for r in entry.refs if f"{r.collection}/{r.id}" not in linked]
    assert not missing


@pytest.mark.parametrize("collection", [c.name for c in COLLECTIONS])
def test_collection_index_is_built(site, collection):
    assert (site / collection / "index.html").is_file()


def test_tags_are_shown_and_indexed(site):
    tagged = [e for e in ENTRIES if e.data.get("tags")]
    entry = tagged[0]
    html = entry_file(site, entry).read_text(encoding="utf-8")
    assert 'class="md-tag' in html
    assert (site / "tags" / "index.html").is_file()


@pytest.mark.parametrize("collection", [c.name for c in COLLECTIONS])
def test_data_reference_lists_every_field(site, collection):
    from conftest import SCHEMAS
    from macros.schemas import describe
    html = (site / "contribute" / "data-reference" / "index.html").read_text(encoding="utf-8")
    section = html.split(f'id="{collection}"')[1].split("<h2")[0]
    missing = [f.name for f in describe(SCHEMAS, collection) if f"<code>{f.name}</code>" not in section]
    assert missing == []


# sitemap.xml: Material's instant navigation fetches it on every fresh page --------

def sitemap_paths(site):
    return {urlsplit(loc).path.lstrip("/") for loc in re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))}


def test_sitemap_lists_every_entry_page(site):
    assert {f"{e.collection}/{e.id}/" for e in ENTRIES} <= sitemap_paths(site)


def test_sitemap_lists_no_embed_copy(site):
    assert [p for p in sitemap_paths(site) if p.startswith("embed/")] == []


def test_sitemap_template_is_mkdocs_own_but_for_the_embed_condition():
    ours = (ROOT / "overrides" / "sitemap.xml").read_text(encoding="utf-8")
    ours = re.sub(r"\A\{#-.*?-#\}\n", "", ours, flags=re.S).replace(' and file.page.url[:6] != "embed/"', "")
    mkdocs_own = (Path(mkdocs.__file__).parent / "templates" / "sitemap.xml").read_text(encoding="utf-8")
    assert ours == mkdocs_own
