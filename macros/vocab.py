"""The guide's fixed vocabulary: levels, rubric bands and question kinds.

Written once here; templates, kit rules, the API and the kit builder's
JavaScript (through roles/builder.json) all read it from this module. The
schemas hold the same ids as enums; a test checks that the two agree.
"""

LEVELS = ("mid", "senior", "staff")
LEVEL_LABELS = {"mid": "Mid-level", "senior": "Senior", "staff": "Staff"}

# (id, label), lowest first. A kit scores each competency in these bands too.
BANDS = (
    ("insufficient", "1 · Insufficient"),
    ("developing", "2 · Developing"),
    ("proficient", "3 · Proficient"),
    ("exceptional", "4 · Exceptional"),
)

# Question kinds in the order the question index lists them.
KINDS = {
    "system-design": "System design",
    "trade-off": "Trade-off",
    "scenario": "Scenario",
    "debugging": "Debugging",
    "past-experience": "Past experience",
    "code-reading": "Code reading",
    "coding": "Coding",
}

# A kit may ask a question at most this many levels away from the role's level.
MAX_LEVEL_GAP = 1

# A kit runs at most this many minutes of stages in a row without a break
# (a stage's break_after) of at least MIN_BREAK_MINUTES (KIT006).
MAX_MINUTES_WITHOUT_BREAK = 120
MIN_BREAK_MINUTES = 10


def as_json() -> dict:
    """The vocabulary for scripts, inside roles/builder.json."""
    return {
        "levels": [{"id": level, "label": LEVEL_LABELS[level]} for level in LEVELS],
        "bands": [{"id": band, "label": label} for band, label in BANDS],
        "kinds": [{"id": kind, "label": label} for kind, label in KINDS.items()],
        "max_level_gap": MAX_LEVEL_GAP,
    }
