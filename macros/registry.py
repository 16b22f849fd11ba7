"""The collections of the knowledge base.

Adding a collection: create `data/<name>/` with a README.md, add
`data/schemas/<name>.schema.json`, two templates (`templates/entry/<name>.md.j2`
and `templates/index/<name>.md.j2`), an index page `docs/<name>/index.md`,
and one line below.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Collection:
    name: str  # folder under data/, URL segment and schema name
    singular: str  # used in messages: "'x' is not a known skill"
    title: str  # heading of the collection index


COLLECTIONS = (
    Collection("roles", "role profile", "Interview kits"),
    Collection("skills", "skill", "Skills"),
    Collection("questions", "question", "Interview questions"),
    Collection("use-cases", "use case", "Use cases"),
    Collection("patterns", "pattern", "Patterns"),
    Collection("tradeoffs", "trade-off", "Trade-offs"),
    Collection("red-flags", "red flag", "Red flags"),
    Collection("faqs", "FAQ", "FAQs"),
    Collection("scoping", "checklist item", "Role-scoping checklist"),
    Collection("phases", "phase", "Deliverables timeline"),
    Collection("playbook", "playbook step", "Implementation playbook"),
    Collection("engagement-models", "engagement model", "Engagement models"),
    Collection("glossary", "glossary term", "Glossary"),
)

BY_NAME = {c.name: c for c in COLLECTIONS}
