"""Content-Security-Policy (macros/csp.py): the policy itself, and that every built
page carries it with hashes of exactly its own inline scripts.

The browser tests run with it enforced: conftest's `page` fixture and the
accessibility test fail on any violation.
"""

import base64
import hashlib
import re

import pytest

from macros import csp
from site_html import pages

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<script>var a = 1</script><script type="application/json" id="__config">{"x": 1}</script>
<script src="assets/app.js"></script><script type="module">import "./m.js"</script>
</head><body></body></html>"""


def _sha(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_inline_scripts_are_the_executable_ones_only():
    assert csp.inline_scripts(PAGE) == ["var a = 1", 'import "./m.js"']


def test_policy_allows_each_inline_script_by_hash_and_nothing_inline_else():
    policy = csp.policy(PAGE)
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert script_src.split() == ["script-src", "'self'", "'wasm-unsafe-eval'", *sorted([_sha("var a = 1"), _sha('import "./m.js"')])]
    # Quoted: 'wasm-unsafe-eval' (Pagefind's WebAssembly) allows no JavaScript eval.
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in policy


@pytest.mark.parametrize("directive", ["default-src 'self'", "object-src 'none'", "base-uri 'none'",
                                       "connect-src 'self'", "img-src 'self' data:", "form-action 'self'"])
def test_policy_restricts(directive):
    assert directive in csp.policy(PAGE).split("; ")


def test_policy_goes_right_after_meta_charset():
    html = csp.with_policy(PAGE)
    assert re.search(r'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="[^"]+">\n<script>', html)


def test_page_without_meta_charset_is_an_error():
    with pytest.raises(ValueError, match="no <meta charset>"):
        csp.with_policy("<html><head></head></html>")


_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_every_built_page_has_one_policy_hashing_exactly_its_inline_scripts(site):
    wrong = []
    for page in pages(site):
        html = page.path.read_text(encoding="utf-8")
        found = _META.findall(html)
        if len(found) != 1 or html.find(found[0]) > html.find("<script"):
            wrong.append(f"{page.url}: {len(found)} policies, or one after the first script")
            continue
        hashes = set(re.findall(r"'sha256-[^']+'", found[0]))
        if hashes != {_sha(s) for s in csp.inline_scripts(html)}:
            wrong.append(f"{page.url}: hashes do not match its inline scripts")
    assert wrong == []
