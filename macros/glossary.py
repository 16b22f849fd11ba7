"""The glossary's two jobs on other pages: hover text for abbreviations, and
"Terms used here" links. Both stay linear in the size of the guide."""

import re
from functools import cached_property

from .model import Entry, KnowledgeBase

_WORD = re.compile(r"\w[\w'’-]*")
_RUN = re.compile(r"\w+")


def first_sentence(text) -> str:
    """The first sentence of a Markdown paragraph, for tooltips and index tables."""
    flat = " ".join(str(text).split())
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    return match.group(1) if match else flat


class Abbreviations(dict):
    """Abbreviation -> hover text, and the lookup that finds which of them a page
    uses in one pass over its text (a search per abbreviation and page grew with
    pages x abbreviations)."""

    @cached_property
    def _spans(self) -> tuple[set[str], int, list[str]]:
        # An abbreviation that starts and ends with a word character can only match
        # from the start of a word to the end of a word (the lookarounds below), so
        # the text's word spans of up to `longest` words are looked up in a set.
        whole = {abbr for abbr in self if _RUN.fullmatch(abbr[:1]) and _RUN.fullmatch(abbr[-1:])}
        longest = max((len(_RUN.findall(abbr)) for abbr in whole), default=0)
        firsts = {_RUN.match(abbr).group() for abbr in whole}  # only a span starting with one can match
        return whole, longest, sorted(set(self) - whole), firsts

    def used_in(self, text: str) -> list[str]:
        """The abbreviations the text uses as whole words, sorted."""
        whole, longest, others, firsts = self._spans
        runs = [(m.start(), m.end()) for m in _RUN.finditer(text)] if whole else []
        found = set()
        for i, (start, first_end) in enumerate(runs):
            if text[start:first_end] not in firsts:
                continue
            for _, end in runs[i:i + longest]:
                if text[start:end] in whole:
                    found.add(text[start:end])
        found.update(abbr for abbr in others if re.search(rf"(?<!\w){re.escape(abbr)}(?!\w)", text))
        return sorted(found)


def hover_texts(kb: KnowledgeBase) -> Abbreviations:
    """Abbreviation -> hover text, for Python-Markdown's abbr extension (its
    `glossary` option), so definitions are not appended to every page."""
    return Abbreviations({
        term.data["abbreviation"]: f"{term.title}: {first_sentence(term.data['definition'])}"
        for term in kb.entries("glossary")
        if term.data.get("abbreviation")
    })


def _tokens(text: str, fold: bool = True) -> list[str]:
    words = [w.replace("’", "'") for w in _WORD.findall(text)]
    return [w.lower() for w in words] if fold else words


class TermIndex:
    """Finds the glossary terms a text uses, as whole words: by the term's title in
    any case ("Circuit breaker", "circuit breaker"), by its abbreviation only as
    written (USE, not "use"). A dictionary of word sequences makes one pass over
    the text, however many terms there are."""

    def __init__(self, kb: KnowledgeBase):
        self.by_words: dict[tuple[bool, tuple[str, ...]], Entry] = {}  # (case-folded?, words) -> term
        for term in kb.entries("glossary"):
            for name, fold in ((term.title, True), (term.data.get("abbreviation") or "", False)):
                words = tuple(_tokens(name, fold))
                if words:
                    self.by_words.setdefault((fold, words), term)
        self.longest = max((len(words) for _, words in self.by_words), default=0)
        self.firsts = {(fold, words[0]) for fold, words in self.by_words}  # a term starts with one of these

    def terms_in(self, text: str) -> list[Entry]:
        found: dict[str, Entry] = {}
        for fold in (True, False):
            words = _tokens(text, fold)
            for start in range(len(words)):
                if (fold, words[start]) not in self.firsts:
                    continue
                for length in range(1, min(self.longest, len(words) - start) + 1):
                    term = self.by_words.get((fold, tuple(words[start:start + length])))
                    if term is not None:
                        found[term.id] = term
        return sorted(found.values(), key=lambda t: t.title.lower())


def with_abbreviations(markdown: str, hover: dict[str, str]) -> str:
    """The page with a definition line for each glossary abbreviation it uses, so
    any Markdown with the abbr extension shows the hover text, and a page carries
    only the definitions it needs."""
    used = (hover if isinstance(hover, Abbreviations) else Abbreviations(hover)).used_in(markdown)
    if not used:
        return markdown
    lines = "\n".join(f"*[{abbr}]: {' '.join(hover[abbr].split())}" for abbr in used)
    return f"{markdown.rstrip()}\n\n{lines}\n"
