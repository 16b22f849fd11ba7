"""The edit loop of `mkdocs serve` (macros/edit_loop.py), without MkDocs: what a
save recompiles, which pages MkDocs must render again, how data errors come
back, and the background search indexer."""

import os
import threading
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, copy_project
from macros import edit_loop
from macros.search_index import Document

QUESTION = "data/questions/question-one.yml"


@pytest.fixture
def project(tmp_path) -> Path:
    root = copy_project(tmp_path / "project", FIXTURE_DATA)
    assert (root / QUESTION).is_file(), f"the fixture data no longer has {QUESTION}"
    return root


@pytest.fixture
def loop(project) -> edit_loop.EditLoop:
    loop = edit_loop.EditLoop(project, project / "docs", "http://127.0.0.1:8000/", "https://example.org/repo",
                              background=False)
    update = loop.update()
    assert update.errors == (), update.errors
    loop.built(update.output)
    return loop


def save(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} no longer contains {old!r}"
    info = path.stat()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))  # a new mtime even on a coarse clock


def modified(loop: edit_loop.EditLoop, update: edit_loop.Update) -> set[str]:
    return {uri for uri, page in update.output.pages.items() if loop.modified(uri, page.markdown)}


def title_of(root: Path) -> str:
    line = next(l for l in (root / QUESTION).read_text().splitlines() if l.startswith("title: "))
    return line.removeprefix("title: ")


def test_a_save_renders_only_the_saved_entry(project, loop):
    save(project, QUESTION, title_of(project), "Question one, edited")
    update = loop.update()
    assert modified(loop, update) == {"questions/question-one.md"}


def test_a_save_leaves_the_theme_pages(project, loop):
    save(project, QUESTION, title_of(project), "Question one, edited")
    loop.update()
    assert loop.renders_theme_pages() is False


def test_a_theme_change_renders_every_page(project, loop):
    save(project, "overrides/main.html", "\n", "\n\n")
    update = loop.update()
    assert modified(loop, update) == set(update.output.pages)


def test_a_save_compiles_the_saved_page_again(project, loop):
    save(project, QUESTION, title_of(project), "Question one, edited")
    assert "Question one, edited" in loop.update().output.pages["questions/question-one.md"].markdown


def test_a_save_leaves_the_rest_to_a_full_compile(project, loop):
    save(project, QUESTION, title_of(project), "Question one, edited")
    assert loop.update().complete is False


def test_a_docs_change_compiles_everything_at_once(project, loop):
    save(project, "docs/index.md", "\n", "\n\nEdited.\n")
    assert loop.update().complete is True


def test_nothing_changed_renders_nothing(loop):
    assert modified(loop, loop.update()) == set()


def test_a_data_error_names_the_file_and_line(project, loop):
    save(project, QUESTION, "level: ", "level: wizard\nold_level: ")
    errors = loop.update().errors
    assert any(e.startswith(f"{QUESTION}:") and e.split(":")[1].isdigit() for e in errors), errors


def test_a_data_error_keeps_the_last_good_output(project, loop):
    before = loop.update().output
    save(project, QUESTION, "level: ", "level: wizard\nold_level: ")
    assert loop.update().output is before


def test_fixing_the_error_clears_it(project, loop):
    text = (project / QUESTION).read_text()
    save(project, QUESTION, "level: ", "level: wizard\nold_level: ")
    loop.update()
    (project / QUESTION).write_text(text)
    assert (loop.update().errors, loop.errors) == ((), ())


@pytest.mark.parametrize("path, expected", [
    ("data/questions/a.yml", ("questions", "a")),
    ("data/glossary/b.yml", ("glossary", "b")),
    ("data/schemas/questions.schema.json", None),
    ("data/questions/README.md", None),
    ("data/unknown/a.yml", None),
    ("docs/index.md", None),
])
def test_saved_entry(path, expected):
    files = {path: (1, 1, 1)}
    assert edit_loop.saved_entry(path, files, files) == expected


def test_a_new_entry_file_is_no_saved_entry():
    assert edit_loop.saved_entry("data/questions/a.yml", {}, {"data/questions/a.yml": (1, 1, 1)}) is None


@pytest.mark.parametrize("paths, expected", [
    ({"data/questions/a.yml"}, False),
    ({"docs/index.md"}, False),
    ({"macros/templates/entry/questions.md.j2"}, False),
    ({"overrides/main.html"}, True),
    ({"mkdocs.yml"}, True),
    ({"macros/render.py"}, True),
])
def test_renders_all(paths, expected):
    assert edit_loop.renders_all(paths) is expected


@pytest.mark.parametrize("path, expected", [
    ("/", True),
    ("/questions/x/", True),
    ("/404.html", True),
    ("/assets/guide.js", False),
    ("/roles/builder.json", False),
    ("/livereload/123/456", False),
])
def test_is_page_request(path, expected):
    assert edit_loop.is_page_request(path) is expected


def test_changed_lists_added_removed_and_modified_paths():
    before = {"a": (1, 1, 1), "b": (2, 2, 2), "c": (3, 3, 3)}
    after = {"a": (1, 1, 1), "b": (2, 2, 9), "d": (4, 4, 4)}
    assert edit_loop.changed(before, after) == {"b", "c", "d"}


def test_the_error_page_escapes_messages():
    page = edit_loop.error_page(("data/questions/x.yml:3: title: <script>alert(1)</script>",))
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_error_page_has_no_script():
    assert "<script" not in edit_loop.error_page(("data/questions/x.yml:3: problem",))


def test_files_to_write_are_only_changed_ones(loop):
    loop.files_to_write({"a.json": "1", "b.json": "2"})
    assert loop.files_to_write({"a.json": "1", "b.json": "3"}) == {"b.json": "3"}


def test_the_search_indexer_indexes_every_page_seen(tmp_path):
    seen, done = [], threading.Event()

    def build(documents, output):
        seen.append([d.url for d in documents])
        output.mkdir()
        done.set()

    indexer = edit_loop.SearchIndexer(build)
    indexer.update([Document("a/", "<p>a</p>"), Document("b/", "<p>b</p>")], tmp_path / "pagefind")
    indexer.join(10)
    indexer.update([Document("a/", "<p>a2</p>")], tmp_path / "pagefind")
    indexer.join(10)
    assert seen[-1] == ["a/", "b/"] and (tmp_path / "pagefind").is_dir()


@pytest.fixture
def overlay_loop(project, tmp_path) -> tuple[Path, edit_loop.EditLoop]:
    """The loop of `make serve OVERLAY=...`: an overlay with one entry of its own."""
    folder = tmp_path / "overlay"
    (folder / "questions").mkdir(parents=True)
    (folder / "overlay.yml").write_text("{}\n", encoding="utf-8")
    text = (project / QUESTION).read_text(encoding="utf-8").replace("id: question-one", "id: question-internal")
    (folder / "questions" / "question-internal.yml").write_text(text, encoding="utf-8")
    loop = edit_loop.EditLoop(project, project / "docs", "http://127.0.0.1:8000/", "https://example.org/repo",
                              background=False, overlay_dir=folder)
    update = loop.update()
    assert update.errors == (), update.errors
    loop.built(update.output)
    return folder, loop


def test_the_loop_compiles_the_overlays_entries(overlay_loop):
    _, loop = overlay_loop
    assert "questions/question-internal.md" in loop.update().output.pages


def test_an_error_in_the_overlay_names_its_file(overlay_loop):
    folder, loop = overlay_loop
    save(folder, "questions/question-internal.yml", "level: ", "level: wizard\nold_level: ")
    errors = loop.update().errors
    assert any("overlay/questions/question-internal.yml:" in e for e in errors), errors
