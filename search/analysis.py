"""How text becomes index terms: case, accents, stop words, stems and compound words."""

import re

from whoosh.analysis import (
    STOP_WORDS,
    CharsetFilter,
    DelimitedAttributeFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.support.charset import accent_map

# A word, with inner dots ("e.g", "3.5") and hyphens ("multi-task", "rank-1") kept in it.
WORD_PATTERN = r"\w+(?:[.-]\w+)*"
# In a weighted field a word may carry its weight: "lipschitz^4" counts four times.
_WEIGHTED_WORD_PATTERN = WORD_PATTERN + r"(?:\^\d+(?:\.\d+)?)?"
# A longer chain of hyphens is not a compound word; it is kept whole and never split.
MAX_COMPOUND_PARTS = 6


class CompoundWordFilter(Filter):
    """Index "multi-task" as "multi", "task" and "multitask", so each spelling finds it.

    The parts take consecutive positions, so a phrase or a pasted title matches them;
    the joined form shares the position of the last part. A query keeps the parts
    only, as a phrase: "multi-task" finds "Multi-Task" and "multi task", and
    "multitask" finds "Multi-Task" through its joined form.
    """

    def __init__(self, stoplist: frozenset[str] = frozenset()) -> None:
        self.stoplist = stoplist

    def __call__(self, tokens):
        shift = 0
        for token in tokens:
            if token.positions:
                token.pos += shift
            parts = token.text.split("-")
            if len(parts) == 1 or len(parts) > MAX_COMPOUND_PARTS:
                yield token
                continue
            kept = [part for part in parts if part and part not in self.stoplist]
            first = token.pos if token.positions else 0
            for offset, part in enumerate(kept):
                token.text = part
                if token.positions:
                    token.pos = first + offset
                yield token
            if token.mode == "index":
                token.text = "".join(parts)
                yield token
            shift += max(len(kept) - 1, 0)


def _analyzer(*filters, weighted: bool = False):
    """Return words (with their weights, "word^4", when weighted), folded, then filtered."""
    if weighted:
        chain = RegexTokenizer(_WEIGHTED_WORD_PATTERN) | DelimitedAttributeFilter()
    else:
        chain = RegexTokenizer(WORD_PATTERN)
    chain = chain | LowercaseFilter() | CharsetFilter(accent_map)
    for step in filters:
        chain = chain | step
    return chain


_PROSE = (StopFilter(), CompoundWordFilter(STOP_WORDS), StemFilter())
# Case and accents never matter; prose is also stemmed, without stop words.
FOLDING = _analyzer(CompoundWordFilter())
FOLDING_PROSE = _analyzer(StopFilter(), CompoundWordFilter(STOP_WORDS))
STEMMING = _analyzer(*_PROSE)
# The same for fields that hold several parts of a paper, each word with its weight.
WEIGHTED_FOLDING = _analyzer(CompoundWordFilter(), weighted=True)
WEIGHTED_STEMMING = _analyzer(*_PROSE, weighted=True)


def weighted(text: str, weight: float) -> str:
    """Return text for a weighted field, each of its words counting `weight` times."""
    text = text.replace("^", " ")
    if weight == 1:
        return text
    return re.sub(WORD_PATTERN, lambda word: f"{word[0]}^{weight:g}", text)
