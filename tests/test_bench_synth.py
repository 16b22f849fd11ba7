"""The bench's synthetic data (tests/bench/synth.py) is a valid knowledge base:
a copy k times larger must pass the same validation as data/, or `make bench`
measures a build that fails (as it did while links inside text still pointed at
the originals: 30 LNK002 errors at k = 2)."""

import sys

from conftest import ROOT
from macros.load import validate

sys.path.insert(0, str(ROOT / "tests" / "bench"))
import synth  # noqa: E402


def test_data_copied_twice_validates(tmp_path):
    synth.generate(tmp_path, 2)
    kb, errors = validate(tmp_path / "data", docs_dir=tmp_path / "docs")
    assert [str(e) for e in errors] == []


def test_a_link_in_text_points_at_the_copy_of_its_generation():
    text = "See [adverse impact](faqs/checking-adverse-impact#why) and [the site](https://example.org/a-b)."
    assert synth.rewrite_text_links(text, 3) == (
        "See [adverse impact](faqs/checking-adverse-impact-x3#why) and [the site](https://example.org/a-b).")
