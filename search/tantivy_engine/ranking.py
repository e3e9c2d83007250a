"""The answer to a request from the tantivy index: matches, facets, spelling, completions.

The same rules as the Whoosh backend (search.ranking): partial matches when nothing
matches every word, exact titles first, facets of every match, people on page one.
"""

import math

from tantivy import Occur, Order, Query
from whoosh.query import And, Not, NullQuery
from whoosh.query import Query as Parsed

from search.answers import (
    RERANKED,
    SOME_WORDS,
    IndexAnswer,
    marked_words,
    titles_first,
    top_values,
)
from search.query import SearchRequest, bound_prefixes, parse_query, title_words
from search.schema import PAGE_SIZE
from search.spelling import suggestion
from search.tantivy_engine.analysis import FOLDED, query_schema
from search.tantivy_engine.documents import FACET_FIELDS
from search.tantivy_engine.queries import translated
from search.tantivy_engine.store import TantivyView

# Buckets each facet's aggregation returns, of which the FACET_LIMIT largest are shown.
FACET_BUCKETS = 1000
# Papers sharing one title that an exact title match brings forward.
EXACT_TITLES = 50
PEOPLE_SHOWN = 5


def find(view: TantivyView, request: SearchRequest, text: str) -> IndexAnswer:
    """Answer a request: the page of papers, people, facets, words to mark, a suggestion."""
    query = bound_prefixes(parse_query(text, query_schema()), view.expansions)
    found = IndexAnswer()
    if query is NullQuery:
        found.suggestion = suggestion(view, text, FOLDED)
        return found
    asked = translated(query, view.schema)
    papers = _papers(view, asked, request)
    result = _ranked(view, papers, request, request.page)
    # The papers matching every word (and the filters); when none does, any document.
    every_word_matches = result.count
    partial = False
    if not result.count:
        every_word_matches = _count(view, asked)
        some = _some_words(view, query) if not every_word_matches else None
        if some is not None:
            asked, partial = some, True
            found.notices.append(SOME_WORDS)
            papers = _papers(view, asked, request)
            result = _ranked(view, papers, request, request.page)
    found.total = result.count
    found.pages = math.ceil(found.total / PAGE_SIZE)
    page = found.page = min(request.page, max(found.pages, 1))
    if page != request.page and found.total:
        result = _ranked(view, papers, request, page)
    hits = _PageHits(view, result.hits)
    rows = hits.rows
    if request.sort != "date" and not partial:
        rows = _titles_first(view, rows, text, papers, hits)
    found.top_rows = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    found.top_shown = hits.shown(found.top_rows)
    found.facets = _facet_counts(view, papers)
    found.words = marked_words(query, view.contains)
    if page == 1 and not request.filters:
        found.people_rows = best_rows(view, query, "person", PEOPLE_SHOWN)
    if found.total < PAGE_SIZE:
        found.suggestion = _better_spelling(view, text, every_word_matches)
    return found


def _ranked(view: TantivyView, papers: Query, request: SearchRequest, page: int):
    """Search for the papers up to the page, by relevance (at least the reranked head) or date."""
    if request.sort == "date":
        return view.searcher.search(
            papers, page * PAGE_SIZE, order_by_field="date", order=Order.Desc
        )
    return view.searcher.search(papers, max(page * PAGE_SIZE, RERANKED))


class _PageHits:
    """The hits found for one answer, by database row, with what each shows read once."""

    def __init__(self, view: TantivyView, hits) -> None:
        self.view = view
        addresses = [address for _score, address in hits]
        self.rows = view.rows(addresses)
        self.address_of = dict(zip(self.rows, addresses, strict=True))
        self._shown: dict[int, dict] = {}

    def add(self, addresses: list) -> list[int]:
        """Take more hits (found by another query); return their rows."""
        rows = self.view.rows(addresses)
        self.address_of.update(zip(rows, addresses, strict=True))
        return rows

    def shown(self, rows: list[int]) -> list[dict]:
        missing = [row for row in rows if row not in self._shown]
        stored = self.view.shown([self.address_of[row] for row in missing])
        self._shown.update(zip(missing, stored, strict=True))
        return [self._shown[row] for row in rows]


def best_rows(view: TantivyView, query: Parsed, kind: str, limit: int) -> list[int]:
    """Return the database ids of the best matches of one kind ("paper", "person")."""
    asked = _both(translated(query, view.schema), _unscored(view, "kind", kind))
    hits = view.searcher.search(asked, limit, count=False).hits
    return view.rows([address for _score, address in hits])


def _count(view: TantivyView, asked: Query) -> int:
    return view.searcher.search(asked, 1).count


def _both(*queries: Query) -> Query:
    return Query.boolean_query([(Occur.Must, query) for query in queries])


def _unscored(view: TantivyView, fieldname: str, value) -> Query:
    """A condition that filters without changing any score."""
    return Query.const_score_query(Query.term_query(view.schema, fieldname, value), 0.0)


def _papers(view: TantivyView, asked: Query, request: SearchRequest) -> Query:
    """The papers a query matches that pass the request's facet filters."""
    conditions = [asked, _unscored(view, "kind", "paper")]
    for name, values in request.filters.items():
        for value in values:
            wanted = int(value) if name == "year" else value.lower() if name == "type" else value
            conditions.append(_unscored(view, FACET_FIELDS[name], wanted))
    return _both(*conditions)


def _some_words(view: TantivyView, query: Parsed) -> Query | None:
    """Ask for the documents matching at least half of the words, else any, if any do."""
    if not isinstance(query, And):
        return None
    words = [translated(q, view.schema) for q in query.subqueries if not isinstance(q, Not)]
    if len(words) < 2:
        return None
    for enough in (math.ceil(len(words) / 2), 1):
        some = Query.boolean_query(
            [(Occur.Should, word) for word in words], minimum_number_should_match=enough
        )
        if _count(view, some):
            return some
    return None


def _titles_first(
    view: TantivyView, rows: list[int], text: str, papers: Query, hits: _PageHits
) -> list[int]:
    """Put exact titles, then titles with the words in a row, first (answers.titles_first)."""
    key, words = title_words(text, query_schema())
    if not key:
        return rows
    exact_query = _both(papers, Query.term_query(view.schema, "title_key", key))
    found = view.searcher.search(exact_query, EXACT_TITLES, count=False).hits
    exact = hits.add([address for _score, address in found])
    head = rows[:RERANKED] if len(words) > 1 else []
    analyzer = query_schema()["title"]
    titles = {
        row: list(analyzer.process_text(shown["title"], mode="query"))
        for row, shown in zip(head, hits.shown(head), strict=True)
    }
    return titles_first(rows, exact, titles, words)


def _facet_counts(view: TantivyView, papers: Query) -> dict[str, dict[str, int]]:
    asked = {
        name: {"terms": {"field": field, "size": FACET_BUCKETS}}
        for name, field in FACET_FIELDS.items()
    }
    counted = view.searcher.aggregate(papers, asked)
    counts = {}
    for name in FACET_FIELDS:
        tally = {
            int(bucket["key"]) if name == "year" else bucket["key"]: bucket["doc_count"]
            for bucket in counted[name]["buckets"]
            if bucket["key"] not in (0, "")
        }
        counts[name] = {str(value): n for value, n in top_values(tally, name)}
    return counts


def _better_spelling(view: TantivyView, text: str, found: int) -> str:
    """Return a respelt query if it finds more papers with every word than the query did."""
    respelt = suggestion(view, text, FOLDED)
    if not respelt:
        return ""
    query = bound_prefixes(parse_query(respelt, query_schema()), view.expansions)
    if query is NullQuery:
        return ""
    papers = _both(translated(query, view.schema), _unscored(view, "kind", "paper"))
    return respelt if _count(view, papers) > found else ""
