"""Where an entry belongs, for its page's breadcrumb and left column: its section
and collection, and the entries a reader goes on to from it (a question's kits
and use cases, a kit's use cases, a use case's kits). Plain data with site-root
paths; the theme (overrides/partials/place*.html) prints it."""

from . import links
from .model import Entry, KnowledgeBase
from .registry import BY_NAME

# Per collection: (heading, "in" for entries that reference this one or "out" for
# the ones it references, the other collection, the field). Order: how a hiring
# manager works, from the checklist through use cases to kits and questions.
RELATED = {
    "questions": [("In interview kits", "in", "roles", "stages"), ("For use cases", "in", "use-cases", "questions")],
    "roles": [("For use cases", "out", "use-cases", "use_cases")],
    "use-cases": [("Interview kits", "in", "roles", "use_cases")],
    "skills": [("In interview kits", "in", "roles", "competencies")],
    "calibration": [("The question", "out", "questions", "question")],
}


def _path(entry: Entry) -> str:
    return links.entry_path(entry.collection, entry.id)


def place(kb: KnowledgeBase, entry: Entry) -> dict:
    collection = BY_NAME[entry.collection]
    related = []
    for heading, direction, other, field in RELATED.get(entry.collection, ()):
        found = kb.incoming(entry, other, field) if direction == "in" else kb.outgoing(entry, field)
        if found:
            related.append({"heading": heading, "entries": [{"title": e.title, "path": _path(e)} for e in found]})
    return {"section": collection.section, "collection": collection.title,
            "index": links.index_path(entry.collection), "related": related}
