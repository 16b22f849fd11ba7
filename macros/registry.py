"""The collections of the knowledge base.

Adding a collection takes one line below, `data/schemas/<name>.schema.json`
(its description is the collection's purpose; reference fields carry `x-ref`
and `x-backlink`), two templates (`templates/entry/<name>.md.j2` and
`templates/index/<name>.md.j2`) and `data/<name>/` with a README.md. The index
page, its place in the navigation, the API listing and the contributor docs
follow from here; `docs/<name>/index.md` is optional, for a hand-written intro.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Collection:
    name: str  # folder under data/, URL segment and schema name
    singular: str  # used in messages: "'x' is not a known skill"
    title: str  # heading of the collection index
    section: str  # navigation section its index sits in
    summary: str = "summary"  # the field that describes an entry in one paragraph (link previews)


COLLECTIONS = (
    Collection("roles", "interview kit", "Interview kits", "Interviewing"),
    Collection("skills", "skill", "Skills", "Interviewing"),
    Collection("questions", "question", "Interview questions", "Interviewing", summary="prompt"),
    Collection("use-cases", "use case", "Use cases", "Hiring"),
    Collection("patterns", "pattern", "Patterns", "Reference"),
    Collection("tradeoffs", "trade-off", "Trade-offs", "Reference"),
    Collection("red-flags", "red flag", "Red flags", "Interviewing"),
    Collection("calibration", "calibration set", "Calibration", "Interviewing"),
    Collection("faqs", "FAQ", "FAQs", "Hiring", summary="answer"),
    Collection("scoping", "checklist item", "Role-scoping checklist", "Hiring"),
    Collection("phases", "phase", "Deliverables timeline", "Hiring"),
    Collection("playbook", "playbook step", "Implementation playbook", "Reference"),
    Collection("engagement-models", "engagement model", "Engagement models", "Hiring"),
    Collection("glossary", "glossary term", "Glossary", "Reference", summary="definition"),
)

BY_NAME = {c.name: c for c in COLLECTIONS}
