"""docs/integrate/wikis.md reads as step-by-step instructions for each wiki:
every product's section renders numbered steps, each step its own list item."""

import re

import pytest

PRODUCTS = ["Confluence", "Notion", "SharePoint Online", "MediaWiki", "Backstage"]


def _sections(site) -> dict[str, str]:
    html = (site / "integrate" / "wikis" / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article[^>]*>(.*)</article>", html, re.S).group(1)
    parts = re.split(r'<h2 id="[^"]*">', article)[1:]
    # The heading text without its permalink (¶)
    return {re.sub(r"<a [^>]*>.*?</a>|<[^>]+>", "", part.split("</h2>", 1)[0]).strip(): part for part in parts}


@pytest.mark.parametrize("product", PRODUCTS)
def test_each_wiki_has_numbered_steps(site, product):
    section = _sections(site)[product]
    steps = [len(re.findall(r"<li>", ol)) for ol in re.findall(r"<ol>(.*?)</ol>", section, re.S)]
    assert steps and max(steps) >= 3, f"{product}: numbered lists with {steps} steps"


@pytest.mark.parametrize("product", PRODUCTS)
def test_no_step_is_glued_to_the_next(site, product):
    """A list item never holds a second step's number as text ("2. ...")."""
    section = _sections(site)[product]
    glued = [li for li in re.findall(r"<li>(.*?)</li>", section, re.S) if re.search(r"(^|\s)[2-9]\. [A-Z]", re.sub(r"<[^>]+>", "", li))]
    assert glued == []
