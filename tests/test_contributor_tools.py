"""`make new` and `make check` as a contributor meets them."""

import re
import shutil
import subprocess
import sys

import pytest

from conftest import DATA, ROOT
from macros import check, scaffold
from macros.errors import DataError
from macros.load import validate
from macros.registry import COLLECTIONS


@pytest.fixture
def data(tmp_path):
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


def new_id(data, collection: str) -> str:
    """The id to scaffold: a calibration set takes the id of its question (CAL001), one not calibrated yet."""
    if collection != "calibration":
        return "brand-new-entry"
    return next(q.stem for q in sorted((data / "questions").glob("*.yml")) if not (data / "calibration" / q.name).exists())


@pytest.mark.parametrize("collection", [c.name for c in COLLECTIONS])
def test_scaffold_output_validates(data, collection):
    path = scaffold.create(collection, new_id(data, collection), data)
    kb, errors = validate(data)
    assert [str(e) for e in errors] == []
    assert path.read_text().startswith(f"# yaml-language-server: $schema=../schemas/{collection}.schema.json\n")


def test_scaffold_comments_every_field(data):
    text = scaffold.create("question", "brand-new-entry", data).read_text()
    for field in ("kind:", "rubric:", "follow_ups:", "interviewer_notes:"):
        index = text.index("\n" + field)
        assert text[:index].splitlines()[-1].startswith("# "), f"no comment above {field}"
    assert "# patterns (optional):" in text
    assert "One of: system-design, past-experience, debugging, trade-off, scenario, code-reading, coding." in text


def test_scaffold_accepts_singular_and_folder_names():
    assert scaffold.collection_for("red flag").name == "red-flags"
    assert scaffold.collection_for("red-flags").name == "red-flags"
    assert scaffold.collection_for("Question").name == "questions"


@pytest.mark.parametrize("kind, entry_id, message", [
    ("question", "Bad_Id", "is not a lowercase slug"),
    ("question", "double--hyphen", "is not a lowercase slug"),
    ("quesion", "fine-id", "unknown kind 'quesion' (did you mean 'question'?)"),
])
def test_scaffold_refuses_bad_input(data, kind, entry_id, message):
    with pytest.raises(scaffold.ScaffoldError, match=re.escape(message)):
        scaffold.create(kind, entry_id, data)


def test_scaffold_refuses_an_existing_id(data):
    existing = next((data / "skills").glob("*.yml")).stem
    with pytest.raises(scaffold.ScaffoldError, match="already exists"):
        scaffold.create("skill", existing, data)


def test_check_warns_about_placeholders(data):
    scaffold.create("faq", "brand-new-entry", data)
    warnings = check.placeholders(data)
    assert warnings and all(w.startswith("data/faqs/brand-new-entry.yml:") for w in warnings)


def test_committed_data_has_no_placeholders():
    assert check.placeholders(DATA) == []


def run_check(data, env=None):
    return subprocess.run([sys.executable, "-m", "macros.check", str(data)], cwd=ROOT, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", **(env or {})})


def test_check_exits_1_and_prints_path_line(data):
    path = data / "skills" / "observability.yml"
    path.write_text(path.read_text().replace("title:", "titel:", 1))
    result = run_check(data)
    assert result.returncode == 1
    assert "data/skills/observability.yml:" in result.stdout and "unknown field 'titel' (did you mean 'title'?)" in result.stdout
    assert "::error" not in result.stdout


def test_check_emits_github_annotations(data):
    path = data / "skills" / "observability.yml"
    path.write_text(path.read_text().replace("title:", "titel:", 1))
    result = run_check(data, {"GITHUB_ACTIONS": "true"})
    annotations = [l for l in result.stdout.splitlines() if l.startswith("::error")]
    assert re.fullmatch(r"::error file=data/skills/observability\.yml,line=\d+::titel: unknown field 'titel' \(did you mean 'title'\?\)",
                        [a for a in annotations if "titel" in a][0])


def test_check_passes_on_the_real_data():
    result = run_check(DATA)
    assert result.returncode == 0 and "data OK" in result.stdout


def test_annotation_escapes_newlines_and_percent():
    error = DataError("data/x/y.yml", 3, "f", "50% done\nnext line")
    assert check.annotation(error) == "::error file=data/x/y.yml,line=3::f: 50%25 done%0Anext line"


def test_contributor_guide_lists_every_kind():
    from macros.compile import compile_project
    guide = compile_project(ROOT).pages["contribute/guide.md"].markdown
    missing = [c.singular.lower().replace(" ", "-") for c in COLLECTIONS if f"`{c.singular.lower().replace(' ', '-')}`" not in guide]
    assert missing == []
