"""The parts of search that do by hand what Whoosh also does agree with Whoosh.

Matching works with sets of postings, a phrase query is ranked and matched in one walk,
and facets count cached columns, all for speed; here Whoosh's own matcher and its
grouping facets check them on random queries.
"""

import math
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_corpus import build_search_corpus
from whoosh import sorting
from whoosh.query import Term

from search import get_index
from search.query import bound_prefixes, clean_query, parse_query
from search.ranking import _facet_counts, _matching_docs, _rank_all

WORDS = st.sampled_from(
    ["graph", "neural", "adversarial", "lipschitz", "zhou", "smith", "networks", "the", "of"]
    + ["icml", "2019", "2018", "neur*", "title:graph", "author:smith", "year:2018..2020"]
    + ["has:code", "type:article", '"neural networks"', "multi-task", "rank-1"]
)
QUERIES = st.lists(
    st.one_of(WORDS, st.sampled_from(["AND", "OR", "NOT", "(", ")"])), min_size=1, max_size=6
).map(" ".join)


@pytest.fixture(autouse=True)
def corpus(app):
    build_search_corpus()


def _parsed(text: str):
    searcher = get_index().view().searcher
    cleaned, _notices = clean_query(text)
    return searcher, bound_prefixes(parse_query(cleaned), searcher.reader())


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(QUERIES)
def test_matching_finds_what_whoosh_finds(text):
    searcher, query = _parsed(text)
    expected = set(searcher.docs_for_query(query))
    found, complete = _matching_docs(searcher, query, time.monotonic() + math.inf)
    assert complete
    assert found == expected
    ranked, ranked_set, complete = _rank_all(searcher, query, time.monotonic() + math.inf)
    assert complete
    assert ranked_set == expected
    assert len(ranked) == len(expected)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(QUERIES)
def test_facet_counts_are_whoosh_grouping_counts(text):
    searcher, query = _parsed(text)
    papers = sorted(set(searcher.docs_for_query(query)) - get_index().view().person_docs)
    counts = _facet_counts(get_index().view(), papers)
    if not papers:
        return
    grouped = searcher.search(
        query,
        filter=Term("kind", "paper"),
        limit=None,
        groupedby={"year": sorting.FieldFacet("year"), "type": sorting.FieldFacet("type")},
    )
    for name in ("year", "type"):
        expected = {
            str(value): len(docs)
            for value, docs in grouped.groups(name).items()
            if value not in (None, 0, "")
        }
        assert counts[name] == expected
