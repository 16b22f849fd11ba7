"""Independent checkers over the real built site: linkinator (links and anchors)
and the Nu HTML checker (vnu). Exclusions live in tests/tools/exclusions.yml,
each with its reason.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import SITE_PORT

TOOLS = Path(__file__).parent / "tools"
EXCLUSIONS = yaml.safe_load((TOOLS / "exclusions.yml").read_text())
LINKINATOR = TOOLS / "node_modules" / ".bin" / "linkinator"
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def require(path: Path, what: str) -> None:
    if not path.exists():
        reason = f"{what} not installed ({path}): run make test, which installs tests/tools with npm"
        if os.environ.get("REQUIRE_ALL_CHECKS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def test_every_exclusion_has_a_reason():
    for checker, rules in EXCLUSIONS.items():
        for rule in rules:
            assert rule.get("reason", "").strip(), f"{checker}: {rule} has no reason"


def test_linkinator_finds_no_broken_links_or_anchors(base_url):
    require(LINKINATOR, "linkinator")
    skips = [rule["pattern"].replace("{port}", str(SITE_PORT)) for rule in EXCLUSIONS["linkinator"]]
    # A network error is retried: on a loaded CI machine one failed connection is
    # not a broken link (a real 404 is never retried).
    args = [str(LINKINATOR), base_url, "--recurse", "--check-fragments", "--format", "json", "--concurrency", "16",
            "--retry-errors", "--retry-errors-count", "3"]
    for skip in skips:
        args += ["--skip", skip]
    result = subprocess.run(args, capture_output=True, text=True, timeout=600)
    report = json.loads(result.stdout)
    checked = [link for link in report["links"] if link["state"] != "SKIPPED"]
    broken = [f"{link['parent']} -> {link['url']} ({link['status']})" for link in report["links"] if link["state"] == "BROKEN"]
    assert len(checked) > 200, f"linkinator checked only {len(checked)} links: {result.stderr[-500:]}"
    assert broken == []


def test_nu_html_checker_finds_no_errors(site):
    require(VNU, "vnu-jar")
    java = shutil.which("java")
    if java is None:
        reason = "java not found: the Nu HTML checker needs a JRE (apt-get install default-jre-headless)"
        if os.environ.get("REQUIRE_ALL_CHECKS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    excluded = [re.compile(rule["pattern"]) for rule in EXCLUSIONS["vnu"]]
    errors = [f"{m.get('url', '').split('/site')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m["type"] == "error" and not any(p.search(m["message"]) for p in excluded)]
    assert errors == [], "\n".join(errors[:30])
