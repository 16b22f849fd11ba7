"""Every target builds from the one compile step: Backstage TechDocs (under
Backstage's own config rules), Zensical, and the site itself under ProperDocs.

Each build is checked as the site is: an HTML page for every entry, every
internal link and anchor resolving, and the rendered structure of entry pages.
"""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

import structure
import techdocs
from conftest import ROOT
from site_html import broken_links
from macros import targets
from macros.load import load_kb

TECHDOCS_MKDOCS = ROOT / ".venv-techdocs" / "bin" / "mkdocs"
BIN = Path(sys.executable).parent
# The public guide: an OVERLAY in the developer's shell must not change it (tests/test_overlay.py builds one).
ENV = {**{k: v for k, v in os.environ.items() if k != "OVERLAY"}, "NO_MKDOCS_2_WARNING": "1"}
BUILD_TIMES: dict[str, float] = {}


def require(path: Path, why: str):
    if not path.exists():
        if os.environ.get("REQUIRE_ALL_CHECKS") == "1":
            pytest.fail(why)
        pytest.skip(why)


def run(command: list, cwd: Path, target: str) -> None:
    started = time.perf_counter()
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, env=ENV)
    BUILD_TIMES[target] = time.perf_counter() - started
    assert result.returncode == 0, f"{target} build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def compile_for(target: str, out: Path) -> None:
    run([sys.executable, "-m", "macros.compile", out, "--target", target], ROOT, f"compile for {target}")


@pytest.fixture(scope="session")
def techdocs_site(tmp_path_factory) -> Path:
    """The bundle, its mkdocs.yml rewritten as Backstage would, built by techdocs-core."""
    require(TECHDOCS_MKDOCS, "the TechDocs environment is missing: make test creates .venv-techdocs")
    bundle = tmp_path_factory.mktemp("techdocs") / "bundle"
    compile_for("techdocs", bundle)
    config = yaml.safe_load((bundle / "mkdocs.yml").read_text(encoding="utf-8"))
    sanitized, removed = techdocs.sanitize(config)
    assert removed == [], f"Backstage would remove {removed} from our bundle's mkdocs.yml"
    (bundle / "mkdocs.yml").write_text(yaml.safe_dump(sanitized, sort_keys=False), encoding="utf-8")
    site = bundle.parent / "site"
    run([TECHDOCS_MKDOCS, "build", "--strict", "-f", "mkdocs.yml", "-d", site], bundle, "techdocs")
    shutil.copytree(bundle / "static", site, dirs_exist_ok=True)
    return site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    zensical = BIN / "zensical"
    require(zensical, "zensical is missing: make test installs requirements.txt")
    bundle = tmp_path_factory.mktemp("zensical") / "bundle"
    compile_for("zensical", bundle)
    run([zensical, "build", "-f", "mkdocs.yml", "--strict", "--clean"], bundle, "zensical")
    shutil.copytree(bundle / "static", bundle / "site", dirs_exist_ok=True)
    return bundle / "site"


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory) -> Path:
    properdocs = BIN / "properdocs"
    require(properdocs, "properdocs is missing: make test installs requirements.txt")
    site = tmp_path_factory.mktemp("properdocs") / "site"
    run([properdocs, "build", "--strict", "-f", "mkdocs.yml", "-d", site], ROOT, "properdocs")
    return site


@pytest.fixture(scope="session")
def kb():
    return load_kb(ROOT / "data")


SITES = ["techdocs_site", "zensical_site", "properdocs_site"]


# Backstage's rules --------------------------------------------------------------

def test_backstage_would_strip_the_sites_own_config():
    # Why the portal gets a bundle of its own: the site's mkdocs.yml depends on
    # exactly what Backstage removes.
    _, removed = techdocs.sanitize(targets.site_config(ROOT))
    assert {"hooks", "extra_javascript", "theme.custom_dir"} <= set(removed)


def test_backstage_keeps_the_bundle_config_whole():
    config = targets.portable_config("techdocs", targets.site_config(ROOT), "")
    assert techdocs.sanitize(config)[1] == []


def test_sanitize_adds_techdocs_core_and_drops_other_plugins():
    config, removed = techdocs.sanitize({"site_name": "x", "plugins": ["search", "macros"], "hooks": ["h.py"]})
    assert config["plugins"] == ["search", "techdocs-core"] and removed == ["hooks", "plugins.macros"]


# Search: Zensical builds its own, so it gets Material's search block, not Pagefind's box.

def test_zensical_config_drops_the_pagefind_search_box_script():
    config = targets.portable_config("zensical", targets.site_config(ROOT), "")
    assert "assets/site-search.js" not in config["extra_javascript"]


def test_zensical_config_falls_back_to_materials_search_block():
    config = targets.portable_config("zensical", targets.site_config(ROOT), "")
    assert config["extra"]["site_search"] is False


def test_the_site_itself_uses_the_pagefind_search_box():
    assert targets.site_config(ROOT)["extra"]["site_search"] is True


# Stylesheets: the site links each tool's on its pages only, from a theme
# override that TechDocs drops; the bundles list them all for every page.

@pytest.mark.parametrize("target", ["techdocs", "zensical"])
def test_bundle_config_lists_every_tool_stylesheet(target):
    site = targets.site_config(ROOT)
    config = targets.portable_config(target, site, "")
    assert config["extra_css"] == site["extra_css"] + targets.tool_stylesheets(site)


@pytest.mark.parametrize("site_fixture", ["techdocs_site", "zensical_site"])
def test_bundle_kit_page_links_each_tool_stylesheet_once(site_fixture, request, kb):
    html = (request.getfixturevalue(site_fixture) / "roles" / kb.entries("roles")[0].id / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'<link[^>]+href="[^"]*assets/([a-z-]+\.css)"', html)
    assert sorted(linked) == sorted({name.rsplit("/", 1)[-1] for name in targets.portable_config(
        "techdocs", targets.site_config(ROOT), "")["extra_css"]})


# What each build holds ------------------------------------------------------------

@pytest.mark.parametrize("site_fixture", SITES)
def test_every_entry_has_its_page(site_fixture, request, kb):
    site = request.getfixturevalue(site_fixture)
    missing = [e.source for name in kb.collections for e in kb.entries(name)
               if not (site / e.collection / e.id / "index.html").is_file()]
    assert missing == []


@pytest.mark.parametrize("site_fixture", SITES)
def test_every_internal_link_and_anchor_resolves(site_fixture, request):
    broken = broken_links(request.getfixturevalue(site_fixture))
    assert broken == [], "\n".join(broken[:40])


@pytest.mark.parametrize("site_fixture", SITES)
def test_entry_pages_render_their_structure(site_fixture, request, kb):
    problems = structure.site_problems(request.getfixturevalue(site_fixture), kb)
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.parametrize("site_fixture", ["techdocs_site", "zensical_site"])
def test_data_files_ship_with_the_bundle(site_fixture, request):
    site = request.getfixturevalue(site_fixture)
    assert (site / "api" / "v1" / "index.json").is_file() and (site / "roles" / "builder.json").is_file()


def test_properdocs_runs_our_hooks(properdocs_site):
    # Only the site hook writes the data files, and only it adds entry pages.
    assert (properdocs_site / "api" / "v1" / "questions.json").is_file()
    assert "mkdocs-ProperDocs" in (properdocs_site / "index.html").read_text(encoding="utf-8")


def test_report_build_times(techdocs_site, zensical_site, properdocs_site, record_property):
    # Recorded, not asserted: performance is measured by make bench, not by a timed test.
    for target, seconds in sorted(BUILD_TIMES.items()):
        record_property(target, round(seconds, 1))
        print(f"{target}: {seconds:.1f} s")
    assert set(BUILD_TIMES) >= {"techdocs", "zensical", "properdocs"}
