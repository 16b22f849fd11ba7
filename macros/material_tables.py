"""Tables wrapped at build time as Material's script wraps them at start-up.

Material's content component puts every table without a class inside
<div class="md-typeset__scrollwrap"><div class="md-typeset__table"> when a page
starts (components/content/table, 9.8.2). Moving each table out of the page and
back restyles and lays out all of its cells again, after the first paint: on the
largest kit page, most of a phone's blocking time (issue 13; Lighthouse on that
kit 86 -> 96 with this). The build writes the same wrappers and gives the table
the class kb-table, so the script (which wraps table:not([class])) leaves it;
assets/guide.css repeats the theme's table:not([class]) rules for that class
(tests/test_material_tables.py checks the copy and the computed styles).

Only bare <table> elements, as Python-Markdown writes them: a table with any
attribute is left as it is.
"""

import re

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_WRAPPED = (r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="kb-table">'
            r"\1</table></div></div>")


def wrap(html: str) -> str:
    return _TABLE.sub(_WRAPPED, html)
