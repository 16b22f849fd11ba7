"""The real data: every file valid (one test per file), and the invariants of the whole."""

import json
from collections import defaultdict

import pytest

from conftest import DATA, ROOT, SCHEMAS
from macros.load import validate
from macros.registry import COLLECTIONS

FILES = sorted(p for c in COLLECTIONS for p in (DATA / c.name).glob("*"))
DATA_FILES = [p for p in FILES if p.name != "README.md"]


@pytest.fixture(scope="module")
def errors_by_file():
    _, errors = validate(DATA)
    grouped = defaultdict(list)
    for error in errors:
        grouped[error.path].append(str(error))
    return grouped


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_file_is_valid(errors_by_file, path):
    # Schema, untrusted text, file name = id, references resolve, for this file.
    assert errors_by_file.get(path.relative_to(ROOT).as_posix(), []) == []


def test_no_errors_outside_entry_files(errors_by_file):
    entry_files = {p.relative_to(ROOT).as_posix() for p in DATA_FILES}
    assert {k: v for k, v in errors_by_file.items() if k not in entry_files} == {}


@pytest.mark.parametrize("collection", [c.name for c in COLLECTIONS])
def test_collection_has_a_schema(collection):
    schema = json.loads((SCHEMAS / f"{collection}.schema.json").read_text())
    assert schema["additionalProperties"] is False and schema["required"]


@pytest.mark.parametrize("collection", [c.name for c in COLLECTIONS])
def test_collection_folder_documents_itself(collection):
    assert (DATA / collection / "README.md").is_file()


@pytest.mark.parametrize("schema", sorted(SCHEMAS.glob("*.schema.json")), ids=lambda p: p.name)
def test_schema_says_its_purpose(schema):
    assert json.loads(schema.read_text())["description"].startswith("Purpose:")


def test_every_data_folder_is_a_collection():
    folders = {p.name for p in DATA.iterdir() if p.is_dir()}
    assert folders == {c.name for c in COLLECTIONS} | {"schemas"}  # schemas/ holds the JSON Schemas


def test_ids_are_unique_per_collection(kb):
    for name in kb.collections:
        ids = [e.data["id"] for e in kb.entries(name)]
        assert len(ids) == len(set(ids)), name


def test_file_name_is_the_id(kb):
    mismatched = [e.source for name in kb.collections for e in kb.entries(name) if e.source != f"data/{name}/{e.data['id']}.yml"]
    assert mismatched == []


def test_every_reference_resolves(kb):
    dangling = [(e.source, r) for name in kb.collections for e in kb.entries(name) for r in e.refs
                if r.id not in kb.collections.get(r.collection, {})]
    assert dangling == []


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_file_names_its_schema_for_editors(path):
    # The YAML language server reads this line for completion and inline errors.
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{path.parent.name}.schema.json"


def test_every_reference_field_names_its_reverse_link_heading():
    from macros.backlinks import unlabelled
    assert unlabelled(SCHEMAS) == []


def test_vocabulary_matches_the_schemas():
    # Labels live in macros/vocab.py, ids in the schemas' enums: the two must agree.
    from macros import vocab
    common = json.loads((SCHEMAS / "common.schema.json").read_text())
    questions = json.loads((SCHEMAS / "questions.schema.json").read_text())
    assert list(vocab.LEVELS) == common["$defs"]["level"]["enum"]
    assert set(vocab.KINDS) == set(questions["properties"]["kind"]["enum"])
    assert [band for band, _ in vocab.BANDS] == questions["properties"]["rubric"]["required"]
