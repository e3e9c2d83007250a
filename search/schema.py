"""The index's schema: fields, analysis, boosts, and the limits searches keep to."""

from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from search.analysis import (
    FOLDING,
    FOLDING_PROSE,
    STEMMING,
    WEIGHTED_FOLDING,
    WEIGHTED_STEMMING,
)

SCHEMA_VERSION = 10
INDEX_NAME = f"scholarsite_v{SCHEMA_VERSION}"
PAGE_SIZE = 20
# Answers each worker keeps per index version, for the same request asked again.
ANSWERS_KEPT = 512
# Postings of the most recently searched terms each worker keeps per index version
# (16 bytes each: about 32 MB at most), so common words are read from disk once.
TERM_POSTINGS_KEPT = 2_000_000
SORTS = ("relevance", "date")
FACETS = ("year", "venue", "type", "person")
FACET_LIMIT = 15
FACET_COLUMNS = {"year": "year", "venue": "venue_label", "type": "type"}
MAX_QUERY_CHARS = 300
MAX_QUERY_WORDS = 16
# Terms after analysis: a word such as "rank-1" is two.
MAX_QUERY_TERMS = 32
# A prefix such as "n*" would otherwise expand to thousands of terms; the most
# frequent expansions keep both the answer useful and the time bounded.
MAX_PREFIX_TERMS = 16
# ...and to the postings they would have a search read, summed over the expansions.
MAX_PREFIX_POSTINGS = 8_000
MIN_PREFIX_CHARS = 2
WRITER_TIMEOUT = 1.0
# Matching and ranking stop after this long each; the answer then holds what was found.
SEARCH_SECONDS = 0.4
# A commit touching more papers than this rebuilds the index in one pass instead.
BULK_CHANGES = 2000
# Sites this small are indexed before the first request; bigger ones in the background.
SMALL_SITE = 2000
BATCH = 2000
PENDING = "search_index.pending"
# How often a process looks for index work that another process (or another machine
# on the same database) committed, or left behind: before a request, at most this often.
OUTBOX_CHECK_SECONDS = 1.0

# A query word the analysis splits ("rank-1") asks for its parts as a phrase.
SCHEMA = Schema(
    id=ID(unique=True, stored=True),
    kind=ID,
    digest=STORED,
    # What a plain word is searched in: two fields, each holding several parts of a paper
    # with their weights (SECTION_WEIGHTS), so a word is one lookup in each.
    text=TEXT(analyzer=WEIGHTED_STEMMING, multitoken_query="phrase"),
    names=TEXT(analyzer=WEIGHTED_FOLDING, multitoken_query="phrase"),
    # For a field named in the query (title:, author:, venue:), and the title boosts.
    title=TEXT(analyzer=STEMMING, multitoken_query="phrase"),
    # The title reduced to letters and digits: a pasted title matches it exactly.
    title_key=ID,
    authors=TEXT(analyzer=FOLDING, multitoken_query="phrase"),
    # Venue names are long ("Proceedings of the ... Conference on ..."): their words
    # without meaning are left out, as in prose.
    venue=TEXT(analyzer=FOLDING_PROSE, multitoken_query="phrase"),
    # One term per year: a year span is a few dozen terms at most, so the tiers Whoosh
    # adds by default for wide ranges would only cost postings.
    year=NUMERIC(int, bits=32, sortable=True, shift_step=32),
    # Only sorted by, never searched: a column without postings.
    date=COLUMN(NumericColumn("i")),
    type=ID(sortable=True),
    venue_label=ID(sortable=True),
    has=KEYWORD(lowercase=True),
    person=KEYWORD(lowercase=True),
    spell=TEXT(analyzer=FOLDING, phrase=False),
)
DEFAULT_FIELDS = ("text", "names")
# How many times each part of a paper counts in `text` (prose, stemmed) and `names`
# (exact words). A title match outranks a venue or abstract match; a word naming the
# venue ("EMNLP", "NIPS") or the year ("2011") outranks its mention in a title.
SECTION_WEIGHTS = {
    "title": 4,
    "venue": 2,
    "about": 1.5,
    "abstract": 1,
    "authors": 3,
    "venue_key": 8,
    "year": 8,
}
FIELD_BOOSTS = {"text": 1.0, "names": 2.0}
# Which parts of a document (its sections) each of the two weighted fields holds.
WEIGHTED_FIELDS = {
    "text": ("title", "venue", "about", "abstract"),
    "names": ("authors", "venue_key", "year"),
}


def document_id(kind: str, row: int) -> str:
    """Return the index id of a database row: "paper:12", "person:3"."""
    return f"{kind}:{row}"


def row_id(doc_id: str) -> int:
    """Return the database id of the row an index id names."""
    return int(doc_id.split(":", 1)[1])
