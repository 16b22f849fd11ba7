"""The contributor's path around the code: workflows, templates, pre-commit, editor config."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")


def steps(workflow: Path) -> list[dict]:
    data = yaml.safe_load(workflow.read_text())
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_parses_and_says_why(workflow):
    text = workflow.read_text()
    assert text.startswith("# ") and "\n" in text, "start with a comment saying what it does and why"
    assert yaml.safe_load(text)["jobs"]


def test_test_workflow_runs_make_test_on_pull_requests_and_pushes():
    workflow = ROOT / ".github" / "workflows" / "test.yml"
    triggers = yaml.safe_load(workflow.read_text())[True]  # YAML 1.1 reads the key `on` as True
    assert "pull_request" in triggers and "push" in triggers
    assert any(step.get("run", "").startswith("make test") for step in steps(workflow))


def test_deploy_workflow_publishes_main_to_pages():
    workflow = ROOT / ".github" / "workflows" / "deploy.yml"
    data = yaml.safe_load(workflow.read_text())
    assert data[True]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "") for step in steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert any(step.get("run", "").startswith("make build") for step in steps(workflow))


def test_ci_entry_point_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("form", FORMS, ids=lambda p: p.name)
def test_issue_form_parses(form):
    data = yaml.safe_load(form.read_text())
    assert data["name"] and data["description"] and data["body"]
    ids = [item["id"] for item in data["body"] if "id" in item]
    assert len(ids) == len(set(ids))


def test_issue_forms_cover_questions_errors_and_topics():
    assert {p.name for p in FORMS} == {"propose-question.yml", "report-error.yml", "suggest-topic.yml"}


def test_report_link_fills_the_report_form(site, kb):
    # The "Report a problem" link on an entry page prefills the form's `entry` field.
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "report-error.yml").read_text())
    field_ids = {item["id"] for item in form["body"] if "id" in item}
    entry = kb.entries("questions")[0]
    html = (site / "questions" / entry.id / "index.html").read_text()
    href = next(part.split('"')[0] for part in html.split('href="')[1:] if "issues/new" in part).replace("&amp;", "&")
    query = parse_qs(urlsplit(href).query)
    assert query["template"] == ["report-error.yml"]
    assert query["entry"] == [f"questions/{entry.id}"] and "entry" in field_ids


def test_pull_request_template_has_a_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text()
    assert text.count("- [ ]") >= 5 and "make check" in text


def test_pre_commit_runs_the_validator_and_yamllint():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["validate-data"]["entry"].endswith("-m macros.check")
    assert "yamllint" in hooks["yamllint"]["entry"]


def test_licences_exist():
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    assert "CC BY-SA 4.0" in (ROOT / "LICENSE-CONTENT.md").read_text()
