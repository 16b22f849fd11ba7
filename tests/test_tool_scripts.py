"""assets/tools.js loads each tool's scripts only on the pages that have the tool
(issue 13: page weight). Reading a question, a skill or the glossary downloads no
tool script; each tool page gets the scripts it needs and no others."""

import re
from pathlib import Path

import pytest

from conftest import DATA
from macros.load import load_kb

KB = load_kb(DATA)
QUESTION = KB.entries("questions")[0]
KIT = KB.entries("roles")[0]

# Every page: Material's bundle, and ours in mkdocs.yml (site-search.js: the header's
# search box; Pagefind itself loads only when the reader searches).
EVERY_PAGE = {"guide.js", "palette.js", "tools.js", "site-search.js"}

PAGES = {
    "home": ("", set()),
    "question": (f"questions/{QUESTION.id}/", set()),
    "skill": (f"skills/{QUESTION.data['skills'][0]}/", set()),
    "glossary": ("glossary/", set()),
    "kit": (f"roles/{KIT.id}/", {"dom.js", "scorecard-logic.js", "scorecard.js"}),
    "builder": ("roles/builder/", {"dom.js", "scorecard-logic.js", "scorecard.js", "kit-plan.js", "kit-builder.js"}),
    "debrief": ("roles/debrief/", {"dom.js", "scorecard-logic.js", "debrief.js"}),
    "bank": ("questions/bank/", {"dom.js", "question-bank.js"}),
    "worksheet": ("scoping/worksheet/", {"dom.js", "scoping-logic.js", "scoping-worksheet.js"}),
    "not found": ("no-such-page/", {"dom.js", "not-found.js"}),
}


def scripts_loaded(page, url) -> set[str]:
    names = set()
    page.on("request", lambda r: r.resource_type == "script" and names.add(r.url.rsplit("/", 1)[-1]))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return {n for n in names if not re.match(r"bundle\.|search\.", n)}


@pytest.mark.parametrize("name", PAGES)
def test_a_page_loads_only_the_tool_scripts_it_uses(page, base_url, name):
    path, tools = PAGES[name]
    assert scripts_loaded(page, base_url + path) == EVERY_PAGE | tools


def test_instant_navigation_to_a_tool_page_loads_its_scripts(page, base_url):
    """From the home page (no tool) to the bank by a link: Material swaps the page
    in place (no new page load), and the bank still gets its scripts and starts."""
    page.goto(base_url)
    page.locator(".md-content").get_by_role("link", name="question bank", exact=True).click()
    page.locator(".kb-bank__filters").wait_for()
    assert page.evaluate("typeof KbDom") == "object"


def test_every_script_in_assets_is_loaded_by_mkdocs_yml_or_tools_js():
    """A new script under docs/assets/ that neither lists would never run."""
    import yaml
    from conftest import ROOT
    assets = ROOT / "docs" / "assets"
    listed = {Path(p).name for p in yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["extra_javascript"]}
    loaded = set(re.findall(r'"([a-z-]+\.js)"', (assets / "tools.js").read_text()))
    on_disk = {p.name for p in assets.glob("*.js")} - {"embed.js"}  # the embed page's own (overrides/embed.html)
    assert on_disk == listed | loaded
