"""Overlays (macros/overlay.py): the example overlay under examples/ validates,
builds into every target, and every broken overlay fails with the file and line.

The pure tests load the real data with the example overlay or a broken copy of
it; the built-site tests build the site (and the TechDocs and Zensical bundles)
once with OVERLAY set and read what a reader would get.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import search_bundle
from conftest import ROOT, wait_until
from site_html import broken_links
from macros import overlay
from macros.load import validate

EXAMPLE = ROOT / "examples" / "northwind-overlay"
MANIFEST = yaml.safe_load((EXAMPLE / "overlay.yml").read_text(encoding="utf-8"))
HIDDEN = [tuple(key.split("/")) for key in MANIFEST["hide"]]
REPLACED = [tuple(key.split("/")) for key in MANIFEST["replace"]]
INTERNAL = sorted((p.parent.name, p.stem) for p in EXAMPLE.glob("*/*.yml"))
ADDED = [key for key in INTERNAL if key not in REPLACED]
EDITION = MANIFEST["edition"]["name"]
BIN = Path(sys.executable).parent
TECHDOCS_MKDOCS = ROOT / ".venv-techdocs" / "bin" / "mkdocs"


def _validate(overlay_dir: Path):
    return validate(ROOT / "data", overlay_dir=overlay_dir)


@pytest.fixture(scope="module")
def edition_kb():
    kb, errors = _validate(EXAMPLE)
    assert errors == [], "\n".join(map(str, errors))
    return kb


# The example overlay, loaded ---------------------------------------------------

def test_example_overlay_validates(edition_kb):
    assert edition_kb.overlay is not None


@pytest.mark.parametrize("key", INTERNAL, ids="/".join)
def test_overlay_entries_are_marked_internal(edition_kb, key):
    assert edition_kb.get(*key).internal


@pytest.mark.parametrize("key", HIDDEN, ids="/".join)
def test_hidden_entries_are_gone(edition_kb, key):
    assert key[1] not in edition_kb.collections[key[0]]


@pytest.mark.parametrize("key", REPLACED, ids="/".join)
def test_replaced_entries_come_from_the_overlay(edition_kb, key):
    written = yaml.safe_load((EXAMPLE / key[0] / f"{key[1]}.yml").read_text(encoding="utf-8"))
    assert edition_kb.get(*key).title == written["title"]


def test_public_entries_are_not_internal(edition_kb):
    assert not edition_kb.get("questions", "read-your-writes-replica-lag-profile-update").internal


def test_the_internal_kit_mixes_public_and_internal_questions(edition_kb):
    kit = edition_kb.get("roles", "northwind-depot-platform-engineer")
    asked = [q for stage in kit.data["stages"] for q in stage["questions"]]
    origins = {edition_kb.get("questions", q).internal for q in asked}
    assert origins == {True, False}


def test_without_an_overlay_nothing_is_internal():
    kb, errors = validate(ROOT / "data")
    assert errors == [] and not any(e.internal for name in kb.collections for e in kb.entries(name))


# Broken overlays: every error names the file and line ----------------------------

def _edit(folder: Path, rel: str, old: str, new: str) -> None:
    path = folder / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"example overlay {rel} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


QUESTION = "questions/northwind-dispatch-outbox-double-send.yml"
# (case, file to edit, old text, new text, the file the error names, words of the message)
BROKEN = [
    ("unknown skill", QUESTION, "  - data-consistency", "  - data-consistncy", QUESTION, "not a known skill"),
    ("undeclared public id", QUESTION, "id: northwind-dispatch-outbox-double-send",
     "id: read-your-writes-replica-lag-profile-update", QUESTION, "does not match the file name"),
    ("replace without its file", "overlay.yml", "  - faqs/how-many-interviewers-per-loop",
     "  - faqs/how-many-interviewers-per-loop\n  - skills/observability", "overlay.yml", "no overlay file skills/observability.yml"),
    ("replace of no public entry", "overlay.yml", "  - faqs/how-many-interviewers-per-loop",
     "  - faqs/how-many-interviewers-per-loop\n  - faqs/no-such-faq", "overlay.yml", "faqs/no-such-faq is not a public entry"),
    ("hide of no public entry", "overlay.yml", "hide:\n", "hide:\n  - questions/no-such-question\n", "overlay.yml",
     "questions/no-such-question is not a public entry"),
    ("hide of an entry still referred to", "overlay.yml", "hide:\n", "hide:\n  - patterns/transactional-outbox\n",
     QUESTION, "patterns/transactional-outbox is hidden by the overlay"),
    ("hidden and replaced", "overlay.yml", "hide:\n", "hide:\n  - faqs/how-many-interviewers-per-loop\n", "overlay.yml",
     "is also hidden"),
    ("unknown manifest field", "overlay.yml", "edition:\n", "edition:\n  motto: Ship it\n", "overlay.yml", "motto"),
    ("unknown colour", "overlay.yml", "primary: blue grey", "primary: mauve", "overlay.yml", "primary"),
    ("html in the edition name", "overlay.yml", "name: Northwind Freight hiring guide",
     "name: Northwind <b>Freight</b>", "overlay.yml", "HTML"),
    ("missing logo", "overlay.yml", "logo: logo.svg", "logo: missing.svg", "overlay.yml", "no file missing.svg"),
    ("logo with script", "logo.svg", "<path", "<script>alert(1)</script><path", "overlay.yml", "holds script"),
]


@pytest.mark.parametrize("case, rel, old, new, named, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_overlay_names_the_file_and_line(tmp_path, case, rel, old, new, named, words):
    broken = tmp_path / "overlay"
    shutil.copytree(EXAMPLE, broken)
    _edit(broken, rel, old, new)
    _, errors = _validate(broken)
    hits = [e for e in errors if e.path.endswith(named) and words in str(e)]
    assert hits and all(e.line > 0 for e in hits), f"{case}: expected an error in {named} about {words!r}; got:\n" + \
        "\n".join(map(str, errors))


def test_a_link_in_public_text_to_a_hidden_entry_says_it_is_hidden(tmp_path):
    broken = tmp_path / "overlay"
    shutil.copytree(EXAMPLE, broken)
    _edit(broken, "overlay.yml", "hide:\n", "hide:\n  - faqs/checking-adverse-impact\n")
    _, errors = _validate(broken)
    # data/ links to this FAQ in text (e.g. `[...](faqs/checking-adverse-impact)`)
    in_text = [e for e in errors if e.path.startswith("data/") and "link to" in e.message and "hidden by the overlay" in e.message]
    assert in_text and all(e.line > 0 for e in in_text), "\n".join(map(str, errors))


def test_an_overlay_file_with_a_public_id_must_be_declared(tmp_path):
    broken = tmp_path / "overlay"
    shutil.copytree(EXAMPLE, broken)
    _edit(broken, "overlay.yml", "replace:\n  - faqs/how-many-interviewers-per-loop\n", "replace: []\n")
    _, errors = _validate(broken)
    assert [str(e) for e in errors if "is also a public entry" in e.message and e.line > 0], "\n".join(map(str, errors))


def test_a_folder_without_a_manifest_is_refused(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "overlay", ignore=shutil.ignore_patterns(overlay.MANIFEST))
    _, errors = _validate(tmp_path / "overlay")
    assert any("needs a manifest" in e.message for e in errors)


def test_a_missing_overlay_folder_is_refused(tmp_path):
    _, errors = _validate(tmp_path / "nowhere")
    assert any("no such overlay folder" in e.message for e in errors)


def test_an_unknown_folder_in_the_overlay_is_refused(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "overlay")
    (tmp_path / "overlay" / "qestions").mkdir()
    _, errors = _validate(tmp_path / "overlay")
    assert any(e.path.endswith("qestions") and "unknown collection folder" in e.message for e in errors)


def test_make_check_reads_the_overlay_from_the_environment(tmp_path):
    broken = tmp_path / "overlay"
    shutil.copytree(EXAMPLE, broken)
    _edit(broken, QUESTION, "  - data-consistency", "  - data-consistncy")
    result = subprocess.run([sys.executable, "-m", "macros.check"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, overlay.ENV: str(broken)})
    assert result.returncode == 1 and re.search(rf"{re.escape(QUESTION)}:\d+: skills\[1\]", result.stdout), result.stdout


# The site built with the example overlay -----------------------------------------

def _env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", overlay.ENV: str(EXAMPLE)}


@pytest.fixture(scope="module")
def edition_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("edition") / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT,
                            capture_output=True, text=True, env=_env())
    assert result.returncode == 0, f"build with the example overlay failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return site


def _page(site: Path, key: tuple) -> str:
    return (site / key[0] / key[1] / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", INTERNAL, ids="/".join)
def test_an_internal_entry_page_says_it_is_internal(edition_site, key):
    html = _page(edition_site, key)
    box = rf'<div class="admonition info">\s*<p class="admonition-title">Internal entry</p>\s*<p>Part of the {EDITION} edition only'
    assert re.search(box, html)


@pytest.mark.parametrize("key", INTERNAL, ids="/".join)
def test_an_internal_entry_is_searchable(edition_site, key):
    assert f"{key[0]}/{key[1]}/" in search_bundle.indexed_pages(edition_site)


@pytest.mark.parametrize("key", INTERNAL, ids="/".join)
def test_an_internal_entry_is_labelled_internal_in_search(edition_site, key):
    meta = search_bundle.indexed_pages(edition_site)[f"{key[0]}/{key[1]}/"]["meta"]
    assert any(str(value).endswith(" · internal") for value in meta.values()), meta


@pytest.mark.parametrize("key", INTERNAL, ids="/".join)
def test_an_internal_entry_is_marked_in_the_api(edition_site, key):
    document = json.loads((edition_site / "api" / "v1" / key[0] / f"{key[1]}.json").read_text(encoding="utf-8"))
    assert document["entry"]["internal"] is True and document["entry"]["source"].startswith("overlay:")


@pytest.mark.parametrize("key", INTERNAL, ids="/".join)
def test_an_internal_entry_is_marked_in_its_export(edition_site, key):
    text = (edition_site / "export" / key[0] / f"{key[1]}.md").read_text(encoding="utf-8")
    assert "> **Internal entry**" in text and "CC BY-SA" not in text


@pytest.mark.parametrize("key", INTERNAL, ids="/".join)
def test_an_internal_entry_edits_in_the_overlays_repository(edition_site, key):
    expected = MANIFEST["edition"]["edit_url"].replace("{path}", f"{key[0]}/{key[1]}.yml")
    assert f'href="{expected}" title="Edit this page"' in _page(edition_site, key)


@pytest.mark.parametrize("key", INTERNAL, ids="/".join)
def test_an_internal_entry_offers_no_public_issue_link(edition_site, key):
    assert "Report a problem" not in _page(edition_site, key)


@pytest.mark.parametrize("key", ADDED, ids="/".join)
def test_the_collection_index_marks_an_internal_entry(edition_site, key):
    html = (edition_site / key[0] / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'href="{key[1]}/">[^<]+</a> <em>\(internal\)</em>', html)


def test_public_entries_still_edit_upstream(edition_site):
    html = _page(edition_site, ("questions", "read-your-writes-replica-lag-profile-update"))
    assert "/edit/main/data/questions/read-your-writes-replica-lag-profile-update.yml" in html


def test_a_public_skill_lists_the_internal_questions_that_probe_it(edition_site):
    assert "../../questions/northwind-dispatch-outbox-double-send/" in _page(edition_site, ("skills", "data-consistency"))


@pytest.mark.parametrize("key", HIDDEN, ids="/".join)
def test_a_hidden_entry_has_no_page_export_or_api_file(edition_site, key):
    made = [p for p in (edition_site / key[0] / key[1], edition_site / "embed" / key[0] / key[1],
                        edition_site / "export" / key[0] / f"{key[1]}.md",
                        edition_site / "api" / "v1" / key[0] / f"{key[1]}.json") if p.exists()]
    assert made == []


@pytest.mark.parametrize("key", HIDDEN, ids="/".join)
def test_a_hidden_entry_is_named_in_no_built_file(edition_site, key):
    """Not in any page (back-links, indexes, the whole guide), the sitemap, the API's
    collection files, the kit builder's data or the search index's text."""
    found = [p.relative_to(edition_site).as_posix() for p in edition_site.rglob("*")
             if p.suffix in (".html", ".xml", ".json", ".md") and key[1] in p.read_text(encoding="utf-8", errors="replace")]
    indexed = [url for url, doc in search_bundle.indexed_pages(edition_site).items() if key[1] in json.dumps(doc)]
    assert found + indexed == []


def test_the_edition_has_its_name(edition_site):
    assert f"<title>{EDITION}</title>" in (edition_site / "index.html").read_text(encoding="utf-8")


def test_the_edition_has_its_logo(edition_site):
    html = (edition_site / "index.html").read_text(encoding="utf-8")
    src = re.search(r'class="md-header__button md-logo"[^>]*>\s*<img src="([^"]+)"', html).group(1)
    assert (edition_site / src).read_bytes() == (EXAMPLE / MANIFEST["edition"]["logo"]).read_bytes()


def test_the_edition_has_its_colours(edition_site):
    html = (edition_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-color-primary="blue-grey"' in html


def test_every_link_of_the_edition_resolves(edition_site):
    assert broken_links(edition_site) == []


@pytest.mark.parametrize("key", ADDED, ids="/".join)
def test_the_public_build_names_no_overlay_entry(site, key):
    named = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if key[1] in p.read_text(encoding="utf-8")]
    assert named == []


# The portable targets, with the overlay ------------------------------------------

def _bundle(target: str, out: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "macros.compile", str(out), "--target", target], cwd=ROOT,
                            capture_output=True, text=True, env=_env())
    assert result.returncode == 0, result.stderr[-3000:]


def _built(command: list, cwd: Path) -> None:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, env=_env())
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


@pytest.fixture(scope="module", params=["techdocs", "zensical"])
def edition_bundle(request, tmp_path_factory) -> Path:
    bundle = tmp_path_factory.mktemp(request.param) / "bundle"
    _bundle(request.param, bundle)
    if request.param == "techdocs":
        if not TECHDOCS_MKDOCS.exists():
            pytest.skip("the TechDocs environment is missing: make test creates .venv-techdocs")
        _built([TECHDOCS_MKDOCS, "build", "--strict", "-f", "mkdocs.yml", "-d", bundle / "site"], bundle)
    else:
        _built([BIN / "zensical", "build", "-f", "mkdocs.yml", "--strict", "--clean"], bundle)
    shutil.copytree(bundle / "static", bundle / "site", dirs_exist_ok=True)  # as make techdocs / make zensical do
    return bundle / "site"


def test_a_bundle_has_the_internal_entries(edition_bundle):
    assert [key for key in INTERNAL if not (edition_bundle / key[0] / key[1] / "index.html").is_file()] == []


def test_a_bundle_leaves_out_the_hidden_entries(edition_bundle):
    assert [key for key in HIDDEN if (edition_bundle / key[0] / key[1]).exists()] == []


def test_a_bundle_has_the_editions_name(edition_bundle):
    assert EDITION in (edition_bundle / "index.html").read_text(encoding="utf-8")


def test_a_bundle_ships_the_logo(edition_bundle):
    assert (edition_bundle / overlay.logo_uri(overlay.Manifest(EXAMPLE, "", logo=EXAMPLE / "logo.svg"))).is_file()


def test_every_page_of_a_bundle_is_reachable_by_its_links(edition_bundle):
    assert broken_links(edition_bundle) == []


# An edition's colours and notice must stay accessible ------------------------------

@pytest.fixture(scope="module")
def edition_url(edition_site):
    from browser import SiteServer
    with SiteServer(edition_site) as server:
        yield server.url


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_internal_entry_page_has_no_axe_violations(chromium, edition_url, scheme, viewport):
    from test_accessibility import AXE, VIEWPORTS, describe, run_axe
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run make test, which installs the npm tools in tests/tools")
    context = chromium.new_context(color_scheme=scheme, viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(edition_url + "questions/northwind-dispatch-outbox-double-send/")
    wait_until(page, "() => document.getAnimations().filter(a => a instanceof CSSTransition)"
                     ".every(a => a.playState !== 'running')")
    result = run_axe(page)
    context.close()
    assert result["violations"] == [], describe(result["violations"])


@pytest.mark.parametrize("key", [k for k in ADDED if k[0] == "questions"], ids="/".join)
def test_the_kit_builder_data_marks_an_internal_question(edition_site, key):
    questions = json.loads((edition_site / "roles" / "builder.json").read_text(encoding="utf-8"))["questions"]
    assert [q.get("internal") for q in questions if q["id"] == key[1]] == [True]


def test_the_kit_builder_data_marks_no_public_question(edition_site):
    questions = json.loads((edition_site / "roles" / "builder.json").read_text(encoding="utf-8"))["questions"]
    assert [q["id"] for q in questions if q.get("internal") and not q["id"].startswith("northwind-")] == []


def test_the_kit_builder_lists_an_internal_question_as_internal(chromium, edition_url):
    """Started from the internal kit, the builder's list says which question is the edition's own."""
    context = chromium.new_context()
    page = context.new_page()
    page.goto(edition_url + "roles/builder/")
    page.get_by_label("Kit: its stages and questions").select_option("northwind-depot-platform-engineer")
    titles = page.locator(".kb-builder__title")
    titles.first.wait_for(timeout=10_000)
    listed = {text.split(" · ")[0]: text for text in titles.all_text_contents()}
    context.close()
    internal = yaml.safe_load((EXAMPLE / "questions" / "northwind-depot-scanner-replay-after-outage.yml").read_text(encoding="utf-8"))
    assert listed[internal["title"]].rstrip().endswith("· internal")
    assert [t for title, t in listed.items() if title != internal["title"] and "internal" in t] == []
