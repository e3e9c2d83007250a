"""How the tantivy index turns text into terms, and the same analysis for the parser.

Whoosh's parser and highlighter read text through Whoosh analyzers; `TantivyWords`
is one whose tokens come from tantivy's own analyzer, so a query word is stemmed
exactly as the index stemmed it.
"""

import copy
from functools import cache

from tantivy import Filter, TextAnalyzer, TextAnalyzerBuilder, Tokenizer
from whoosh.analysis import Token
from whoosh.analysis import Tokenizer as WhooshTokenizer

from search.schema import SCHEMA

# Words are runs of letters and digits (tantivy's simple tokenizer, twice as fast as a
# pattern): "3.5" is two words, read the same way in the index and in a query; the
# joined form of "multi-task" is indexed apart (see tantivy_engine.documents).
# Tantivy refuses terms longer than its limit; no word a visitor types is this long.
LONGEST_WORD = 100


def _analyzer(stemmed: bool) -> TextAnalyzer:
    builder = (
        TextAnalyzerBuilder(Tokenizer.simple())
        .filter(Filter.remove_long(LONGEST_WORD))
        .filter(Filter.lowercase())
        .filter(Filter.ascii_fold())
    )
    if stemmed:
        builder = builder.filter(Filter.stemmer("english"))
    return builder.build()


# Prose is stemmed; names, venues and spelling words are only folded (case, accents).
# Stop words stay in both: a quoted phrase "networks of networks" then means what it says.
ANALYZERS = {"stemmed": _analyzer(stemmed=True), "folded": _analyzer(stemmed=False)}


class TantivyWords(WhooshTokenizer):
    """A Whoosh analyzer whose tokens are tantivy's (texts, positions, offsets in characters)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other) -> bool:
        return isinstance(other, TantivyWords) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

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
        for word in ANALYZERS[self.name].pre_tokenize(value).tokens:
            token.text = word.text
            token.stopped = False
            token.boost = 1.0
            if keeporiginal:
                token.original = token.text
            if positions:
                token.pos = start_pos + word.position
            if chars:
                token.startchar = start_char + word.char_offset_from
                token.endchar = start_char + word.char_offset_to
            yield token


STEMMED = TantivyWords("stemmed")
FOLDED = TantivyWords("folded")
# The analysis of each text field of the query language under this backend.
_FIELD_ANALYSIS = {
    "text": STEMMED,
    "title": STEMMED,
    "names": FOLDED,
    "authors": FOLDED,
    "venue": FOLDED,
    "spell": FOLDED,
}


@cache
def query_schema():
    """The query language's fields (search.schema), each analysed as this index is."""
    schema = copy.deepcopy(SCHEMA)
    for name, analyzer in _FIELD_ANALYSIS.items():
        schema[name].analyzer = analyzer
    return schema
