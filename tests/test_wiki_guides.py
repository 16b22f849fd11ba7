"""The pages for each wiki (docs/integrate/<product>.md) read as step-by-step
instructions: each renders numbered steps, every step its own list item."""

import re

import pytest

PRODUCTS = ["confluence", "notion", "sharepoint", "mediawiki", "backstage"]


def _article(site, product: str) -> str:
    html = (site / "integrate" / product / "index.html").read_text(encoding="utf-8")
    return re.search(r"<article[^>]*>(.*)</article>", html, re.S).group(1)


@pytest.mark.parametrize("product", PRODUCTS)
def test_each_wiki_has_numbered_steps(site, product):
    steps = [len(re.findall(r"<li>", ol)) for ol in re.findall(r"<ol>(.*?)</ol>", _article(site, product), re.S)]
    assert steps and max(steps) >= 3, f"{product}: numbered lists with {steps} steps"


@pytest.mark.parametrize("product", PRODUCTS)
def test_no_step_is_glued_to_the_next(site, product):
    """A list item never holds a second step's number as text ("2. ...")."""
    items = re.findall(r"<li>(.*?)</li>", _article(site, product), re.S)
    glued = [li for li in items if re.search(r"(^|\s)[2-9]\. [A-Z]", re.sub(r"<[^>]+>", "", li))]
    assert glued == []


@pytest.mark.parametrize("product", PRODUCTS)
def test_each_wiki_page_is_linked_from_embedding(site, product):
    html = (site / "integrate" / "embedding" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{product}/"' in html
