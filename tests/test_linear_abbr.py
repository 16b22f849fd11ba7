"""The linear-time abbr extension renders exactly what Python-Markdown's abbr does."""

import markdown
import markdown.extensions.abbr
import pytest

from macros.linear_abbr import LinearAbbrExtension

GLOSSARY = {"SLO": "Service level objective", "RPO": "Recovery point objective", "p99": "99th percentile"}
SAMPLES = [
    "An SLO and an RPO.\n\n- SLO first\n- then p99 *and* SLO\n\nText with **RPO** in bold and p99.",
    "| a | b |\n| - | - |\n| SLO | RPO |\n| p99 | none |\n",
    "\n\n".join(f"Paragraph {i} mentions SLO and, later, RPO." for i in range(50)),
]


@pytest.mark.parametrize("text", SAMPLES)
def test_same_html_as_upstream(text):
    upstream = markdown.markdown(text, extensions=["tables", markdown.extensions.abbr.AbbrExtension(glossary=GLOSSARY)])
    linear = markdown.markdown(text, extensions=["tables", LinearAbbrExtension(glossary=GLOSSARY)])
    assert linear == upstream and "<abbr" in linear


def test_every_sibling_is_marked_up():
    # Its speed on many siblings is measured by make bench, not here.
    text = "\n\n".join(f"Block {i} about the SLO, then p99." for i in range(2000))
    html = markdown.markdown(text, extensions=[LinearAbbrExtension(glossary=GLOSSARY)])
    assert html.count('<abbr title="Service level objective">SLO</abbr>') == 2000
    assert html.count('<abbr title="99th percentile">p99</abbr>') == 2000
