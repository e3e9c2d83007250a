"""How text becomes index terms: case, accents, stop words, stems and compound words.

Each analyzer is one pass over the text (`Words`) instead of a chain of Whoosh filters:
the chain costs a generator step per filter for every word, most of a rebuild's time at
100k papers. What each distinct word becomes is worked out once and kept, so a common
word costs one look-up. The tokens are the ones Whoosh's RegexTokenizer, LowercaseFilter,
CharsetFilter(accent_map), StopFilter and StemFilter would give, positions and offsets
included, so phrases and highlights read them as before.
"""

import re

from whoosh.analysis import STOP_WORDS, Token, Tokenizer
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

# A word, with inner dots ("e.g", "3.5") and hyphens ("multi-task", "rank-1") kept in it.
WORD_PATTERN = r"\w+(?:[.-]\w+)*"
# In a weighted field a word may carry its weight: "lipschitz^4" counts four times.
_WEIGHTED_WORD_PATTERN = WORD_PATTERN + r"(?:\^\d+(?:\.\d+)?)?"
# A longer chain of hyphens is not a compound word; it is kept whole and never split.
MAX_COMPOUND_PARTS = 6
# Words shorter than this are stop words too ("a", "x", "3"), as in Whoosh's StopFilter.
_SHORTEST_WORD = 2
# Distinct words whose terms each analyzer keeps; past it the memory starts again.
_WORDS_KEPT = 200_000


class Words(Tokenizer):
    """Words folded to lower case without accents; for prose, stop words out and stems.

    A compound word is indexed as its parts and as one word: "multi-task" gives "multi",
    "task" and "multitask", so each spelling finds it. The parts take consecutive
    positions, so a phrase or a pasted title matches them; the joined form shares the
    position of the last part. A query keeps the parts only, as a phrase: "multi-task"
    finds "Multi-Task" and "multi task", and "multitask" finds "Multi-Task" through its
    joined form. Stop words are left out of the parts of a compound in prose.

    In a weighted field a word may end in its weight ("lipschitz^4"): the token's boost.
    """

    def __init__(self, *, prose: bool = False, stemmed: bool = False, weighted: bool = False):
        self.prose = prose
        self.stemmed = stemmed
        self.weighted = weighted
        self._words = re.compile(_WEIGHTED_WORD_PATTERN if weighted else WORD_PATTERN)
        self._kept: dict[tuple[str, bool], tuple[bool, tuple[str, ...], str | None]] = {}

    def _settings(self) -> tuple[bool, bool, bool]:
        return self.prose, self.stemmed, self.weighted

    def __eq__(self, other) -> bool:
        return isinstance(other, Words) and other._settings() == self._settings()

    def __hash__(self) -> int:
        return hash(self._settings())

    def __getstate__(self) -> dict:
        # The index keeps its schema pickled: the settings, not the words seen.
        return {"prose": self.prose, "stemmed": self.stemmed, "weighted": self.weighted}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    def _terms(self, word: str, indexing: bool) -> tuple[bool, tuple[str, ...], str | None]:
        """Return whether a word is a stop word, its terms, and its joined form (or None)."""
        found = self._kept.get((word, indexing))
        if found is not None:
            return found
        folded = word.lower().translate(accent_map)
        stopped = self.prose and (len(folded) < _SHORTEST_WORD or folded in STOP_WORDS)
        reduce = stem if self.stemmed and not stopped else str
        parts = folded.split("-")
        joined = None
        if len(parts) == 1 or len(parts) > MAX_COMPOUND_PARTS:
            terms = (reduce(folded),)
        else:
            left_out = STOP_WORDS if self.prose else ()
            terms = tuple(reduce(part) for part in parts if part and part not in left_out)
            if indexing:
                joined = reduce("".join(parts))
        if len(self._kept) >= _WORDS_KEPT:
            self._kept.clear()
        found = self._kept[word, indexing] = (stopped, terms, joined)
        return found

    def __call__(
        self,
        value: str,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        indexing = mode == "index"
        spans = (
            ((match.group(), match.start(), match.end()) for match in self._words.finditer(value))
            if tokenize
            else [(value, 0, len(value))]
        )
        # Positions count the words kept: a stop word left out leaves no gap.
        kept_pos = None
        # Extra positions taken by the parts of compound words so far.
        shift = 0
        for count, (text, start, end) in enumerate(spans):
            if keeporiginal:
                token.original = text
            word = text
            token.boost = 1.0
            if self.weighted:
                word, caret, weight = text.partition("^")
                if caret:
                    token.boost = float(weight)
                    end -= len(weight) + 1
            stopped, terms, joined = self._terms(word, indexing)
            if stopped and removestops:
                continue
            token.stopped = stopped
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            if positions:
                pos = start_pos + count
                if self.prose and not stopped:
                    kept_pos = pos if kept_pos is None else kept_pos + 1
                    pos = kept_pos
                pos += shift
            for offset, term in enumerate(terms):
                token.text = term
                if positions:
                    token.pos = pos + offset
                yield token
            if joined is not None:
                token.text = joined
                if positions:
                    token.pos = pos + max(len(terms) - 1, 0)
                yield token
            if len(terms) > 1:
                shift += len(terms) - 1


# Case and accents never matter; prose is also stemmed, without stop words.
FOLDING = Words()
FOLDING_PROSE = Words(prose=True)
STEMMING = Words(prose=True, stemmed=True)
# The same for fields that hold several parts of a paper, each word with its weight.
WEIGHTED_FOLDING = Words(weighted=True)
WEIGHTED_STEMMING = Words(prose=True, stemmed=True, weighted=True)


def weighted(text: str, weight: float) -> str:
    """Return text for a weighted field, each of its words counting `weight` times."""
    text = text.replace("^", " ")
    if weight == 1:
        return text
    return re.sub(WORD_PATTERN, lambda word: f"{word[0]}^{weight:g}", text)
