"""Python-Markdown's abbr extension with a linear tree walk.

Upstream `AbbrTreeprocessor.iter_element` finds each element's position with
`list(parent).index(el)`, which is quadratic in the number of siblings: a long
index table or the whole-guide page (thousands of sibling blocks) spends most of
its build time there. This subclass passes the position down instead; the
matching and the output are unchanged.
"""

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.util import AtomicString


class LinearAbbrTreeprocessor(AbbrTreeprocessor):
    def iter_element(self, el, parent=None, position=None):
        # Children are visited last to first, so abbr elements inserted after a
        # child never move the children still to visit.
        for index in range(len(el) - 1, -1, -1):
            self.iter_element(el[index], el, index)
        if text := el.text:
            if not isinstance(text, AtomicString):
                for m in reversed(list(self.RE.finditer(text))):
                    if self.abbrs[m.group(0)]:
                        el.insert(0, self.create_element(self.abbrs[m.group(0)], m.group(0), text[m.end():]))
                        text = text[:m.start()]
                el.text = text
        if parent is not None and el.tail:
            tail = el.tail
            if not isinstance(tail, AtomicString):
                for m in reversed(list(self.RE.finditer(tail))):
                    if self.abbrs[m.group(0)]:
                        parent.insert(position + 1, self.create_element(self.abbrs[m.group(0)], m.group(0), tail[m.end():]))
                        tail = tail[:m.start()]
                el.tail = tail


class LinearAbbrExtension(AbbrExtension):
    """Drop-in for `abbr` (same options, e.g. glossary)."""

    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.treeprocessors.register(LinearAbbrTreeprocessor(md, md.treeprocessors["abbr"].abbrs), "abbr", 7)
