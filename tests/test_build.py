"""The build on the fixture knowledge base: it succeeds on good data and refuses bad data."""

from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, build_site, copy_project


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project", FIXTURE_DATA)


def test_fixture_site_builds(project, tmp_path):
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "questions" / "question-one" / "index.html").read_text()
    assert '<abbr title="Widget: A made-up term used only by the engine tests.">WGT</abbr>' in page


def test_bad_data_stops_the_build_before_anything_is_written(project, tmp_path):
    path = project / "data" / "questions" / "question-one.yml"
    path.write_text(path.read_text().replace("skills: [skill-alpha]", "skills: [skill-alpah]"))
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/questions/question-one.yml:7: skills[0]: 'skill-alpah' is not a known skill (did you mean 'skill-alpha'?)" in result.stderr
    assert not (tmp_path / "site").exists()


def test_broken_link_in_a_page_fails_the_build(project, tmp_path):
    (project / "docs" / "faqs" / "index.md").write_text("# FAQs\n\n[gone](../nowhere.md)\n")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "nowhere.md" in result.stderr
    # A strict build writes every page before it aborts: none of it may be left to publish.
    assert not (tmp_path / "site").exists()


def test_broken_anchor_fails_the_build(project, tmp_path):
    (project / "docs" / "faqs" / "index.md").write_text("# FAQs\n\n[x](../skills/skill-alpha.md#no-such-anchor)\n")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "no-such-anchor" in result.stderr


def test_undefined_macro_fails_the_build(project, tmp_path):
    (project / "docs" / "faqs" / "index.md").write_text("# FAQs\n\n{{ collection_indx('faqs') }}\n")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "collection_indx" in result.stdout + result.stderr


def test_a_macro_typo_names_the_page(project, tmp_path):
    (project / "docs" / "faqs" / "index.md").write_text("# FAQs\n\n{{ collection_indx('faqs') }}\n")
    result = build_site(project, tmp_path / "site")
    assert "docs/faqs/index.md: 'collection_indx' is undefined" in result.stderr


def test_a_build_loads_the_data_once_and_the_next_reads_it_again(project, tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import macros.load
    loads = []
    validate = macros.load.validate
    monkeypatch.setattr(macros.load, "validate", lambda *a, **k: loads.append(a) or validate(*a, **k))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")

    def run():
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))

    run()
    assert len(loads) == 1
    # hooks/site.py frees the guide once compiled (memory at 100 times its size):
    # the next build in the same process reads the files again, changes included.
    path = project / "data" / "faqs" / "faq-when.yml"
    path.write_text(path.read_text().replace("When should I hire?", "When should we hire?"))
    run()
    assert len(loads) == 2
    assert "When should we hire?" in (tmp_path / "site" / "faqs" / "faq-when" / "index.html").read_text()


def test_a_build_holds_no_entry_once_compiled(project, tmp_path, monkeypatch):
    # The guide is freed before MkDocs makes its pages (hooks/site.py): at 100 times
    # its size it is some 600 MB that MkDocs' pages then need.
    import gc

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from macros.model import Entry
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    gc.collect()
    elsewhere = {id(o) for o in gc.get_objects() if isinstance(o, Entry)}  # other tests' guides
    left = []

    class Probe:
        def on_nav(self, nav, config, files):
            gc.collect()
            left.append(sum(1 for o in gc.get_objects() if isinstance(o, Entry) and id(o) not in elsewhere))
            return nav

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins["probe"] = Probe()
    build(config)
    assert left == [0]
