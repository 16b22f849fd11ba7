"""Node's built-in test runner over tests/js/*.test.mjs, one pytest test per file.

The browser tests check what a reader sees; these check the pure logic behind it
(the kit planner, band suggestions) case by case, fast.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

JS_TESTS = sorted((Path(__file__).parent / "js").glob("*.test.mjs"))


def test_there_are_js_unit_tests():
    assert JS_TESTS, "tests/js/ has no *.test.mjs files"


@pytest.mark.parametrize("path", JS_TESTS, ids=lambda p: p.name)
def test_js_unit_tests_pass(path):
    node = shutil.which("node")
    assert node, "node is not installed (make test needs Node 20 for the JS unit tests and tools)"
    result = subprocess.run([node, "--test", str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# pass 0" not in result.stdout, "the file ran no tests"
