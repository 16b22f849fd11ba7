"""MkDocs hook: fix the few pieces of Material 9.8.2's markup that the Nu HTML
checker rejects, on every built page.

Each fix is narrow and names the error it removes. Overriding the templates
instead would mean copying Material's base.html and nav-item.html whole.
"""

import re

# "Attribute autocomplete is only allowed when the input type is ..." — the
# drawer and search toggles are checkboxes.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')
# "Bad value '' for attribute tabindex on element label" — section labels in the nav.
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')
# "The value of the for attribute of the label element must be the ID of a
# non-hidden form control" — pages outside the nav get the table-of-contents
# title label but not its checkbox; without the checkbox the label does nothing.
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def on_post_page(output: str, page, config) -> str:
    output = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)
    output = _EMPTY_TABINDEX.sub(r"\1", output)
    if 'id="__toc"' not in output:
        output = output.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return output


def on_post_template(output: str, template_name, config) -> str:
    """The same fixes for static templates such as 404.html."""
    return on_post_page(output, None, config)
