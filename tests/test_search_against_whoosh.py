"""The parts of search that do by hand what Whoosh also does agree with Whoosh.

Matching works with sets of postings, a phrase query is ranked and matched in one walk,
and facets count cached columns, all for speed; here Whoosh's own matcher and its
grouping facets check them on random queries.
"""

import math
import random
import time

import numpy as np
import pytest
from builders import make_publication
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_corpus import build_search_corpus
from sqlalchemy import select
from whoosh import sorting
from whoosh.query import Phrase, Term

from catalog.models import Publication, db
from catalog.operations import delete_publication
from search import get_index
from search.query import bound_prefixes, clean_query, parse_query
from search.ranking import _facet_counts, _matching_docs, _rank_all
from search.scoring import best, evaluate

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
    view = get_index().view()
    cleaned, _notices = clean_query(text)
    return view.searcher, bound_prefixes(parse_query(cleaned), view.expansions)


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
    # Whoosh's docs_for_query() keeps deleted documents for a query that is only NOT.
    live = {d for d in searcher.docs_for_query(query) if not searcher.reader().is_deleted(d)}
    papers = sorted(live - get_index().view().person_docs)
    counts = _facet_counts(get_index().view(), np.array(papers, dtype=np.int64))
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


def _grow_corpus() -> None:
    """Add papers enough for postings of several blocks, over several segments, some deleted."""
    rng = random.Random(7)
    words = ["graph", "neural", "networks", "adversarial", "training", "models", "bias"]
    for batch in range(3):
        for n in range(160):
            make_publication(
                key=f"grown{batch}-{n}",
                title=" ".join(rng.choices(words, k=rng.randint(2, 7))),
                authors=(rng.choice(["Tom Smith", "Zhiming Zhou", "Ada Lovelace"]),),
                year=2015 + n % 8,
                abstract=" ".join(rng.choices(words, k=rng.randint(0, 30))),
                commit=False,
            )
        db.session.commit()
    for n in range(0, 160, 7):
        delete_publication(
            db.session.scalars(select(Publication).filter_by(key=f"grown0-{n}")).one()
        )
    db.session.commit()


@pytest.fixture()
def grown(corpus):
    _grow_corpus()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(QUERIES)
def test_scores_are_whoosh_scores(grown, text):
    searcher, query = _parsed(text)
    found = evaluate(get_index().view(), query, time.monotonic() + math.inf)
    if found is None:  # left to Whoosh: a year span
        assert any(not isinstance(leaf, Term | Phrase) for leaf in query.leaves())
        return
    # Whoosh's inverse matcher lets a deleted document through at the end of a segment.
    hits = [
        h for h in searcher.search(query, limit=None) if not searcher.reader().is_deleted(h.docnum)
    ]
    expected = {hit.docnum: hit.score for hit in hits}
    assert dict(zip(found.docs.tolist(), found.scores.tolist(), strict=True)) == pytest.approx(
        expected
    )
    top = [expected[docnum] for docnum in best(found, 20)]
    assert top == pytest.approx([hit.score for hit in hits[:20]])
