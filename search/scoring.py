"""Every match of a query with its BM25F score, from postings read a block at a time.

Whoosh ranks by stepping its matcher tree one document at a time in Python. The total
and the facets need every match anyway, so here each term's postings are read once,
a block at a time, and scored with numpy exactly as Whoosh's BM25F scores them; the
boolean structure becomes operations on sorted arrays, and a phrase reads positions
only for the documents holding all its words. Queries with other parts (year spans,
phrases with slop) are left to Whoosh: `evaluate` returns None.
tests/test_search_against_whoosh.py checks matches and scores against Whoosh's.
"""

import time
from dataclasses import dataclass

import numpy as np
from whoosh.query import And, AndMaybe, Not, NullQuery, Or, Phrase, Query, Term

from search.postings import term_positions, term_postings
from search.schema import SCHEMA

# Whoosh's BM25F parameters (its defaults, which the searcher uses).
B, K1 = 0.75, 1.2


@dataclass(frozen=True)
class Matches:
    """Matching documents (sorted, without repeats) and their scores, in the same order."""

    docs: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.docs)


NONE = Matches(np.empty(0, dtype=np.int64), np.empty(0))


class OutOfTime(Exception):
    """The deadline passed before every term was read."""


class _Unscored(Exception):
    """A part of the query this module does not score."""


def evaluate(view, query: Query, deadline: float) -> Matches | None:
    """Return every match of the query with its score, or None if Whoosh must rank it.

    :raises OutOfTime: when the deadline passes first.
    """
    try:
        return _matches(view, query, deadline)
    except _Unscored:
        return None


def best(found: Matches, limit: int, allowed: set[int] | None = None) -> list[int]:
    """Return the best-scoring documents (of the allowed ones), best first.

    Equal scores go in document order, as in Whoosh's own ranking.
    """
    docs, scores = found.docs, found.scores
    if allowed is not None:
        keep = np.isin(docs, np.fromiter(allowed, dtype=np.int64, count=len(allowed)))
        docs, scores = docs[keep], scores[keep]
    if len(docs) > limit:
        lowest_kept = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= lowest_kept
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:limit]
    return docs[order].tolist()


def _matches(view, query: Query, deadline: float) -> Matches:
    if query is NullQuery:
        return NONE
    if isinstance(query, Term):
        found = view.term_matches.get((query.fieldname, query.text))
        if found is None:
            if time.monotonic() > deadline:
                raise OutOfTime
            found = _term(view, query.fieldname, query.text)
            view.term_matches.put((query.fieldname, query.text), found, cost=len(found))
        return _boosted(found, query.boost)
    if isinstance(query, Or):
        found = _union([_matches(view, q, deadline) for q in query.subqueries])
        return _boosted(found, query.boost)
    if isinstance(query, And):
        wanted = [q for q in query.subqueries if not isinstance(q, Not)]
        unwanted = [q.query for q in query.subqueries if isinstance(q, Not)]
        if not wanted:
            return _boosted(
                _intersection([_matches(view, q, deadline) for q in query.subqueries]), query.boost
            )
        found = _intersection([_matches(view, q, deadline) for q in wanted])
        for subquery in unwanted:
            # Whoosh intersects with the inverse of what is unwanted, which scores 1.
            found = _without(found, _matches(view, subquery, deadline))
            found = Matches(found.docs, found.scores + 1.0)
        return _boosted(found, query.boost)
    if isinstance(query, AndMaybe):
        found = _matches(view, query.a, deadline)
        return _boosted(_plus_optional(found, _matches(view, query.b, deadline)), query.boost)
    if isinstance(query, Phrase) and query.slop == 1:
        words = [Term(query.fieldname, word) for word in query.words]
        found = _intersection([_matches(view, word, deadline) for word in words])
        if len(words) > 1 and len(found):
            in_a_row = _in_a_row(view.searcher, query.fieldname, query.words, found.docs)
            found = Matches(found.docs[in_a_row], found.scores[in_a_row])
        # Whoosh scores a phrase as the words it is made of.
        return _boosted(found, query.boost)
    if isinstance(query, Not):
        return _without(_every_document(view.searcher), _matches(view, query.query, deadline))
    raise _Unscored


def _in_a_row(searcher, fieldname: str, words: list[str], docs: np.ndarray) -> np.ndarray:
    """Tell which documents hold the words one right after the other."""
    wanted = set(docs.tolist())
    positions = [term_positions(searcher, fieldname, word, wanted) for word in words]
    first, rest = positions[0], [{d: set(p) for d, p in at.items()} for at in positions[1:]]
    return np.fromiter(
        (
            any(
                all(start + n in at[doc] for n, at in enumerate(rest, start=1))
                for start in first[doc]
            )
            for doc in docs.tolist()
        ),
        dtype=bool,
        count=len(docs),
    )


def _every_document(searcher) -> Matches:
    """Every live document, scoring 1 (what Whoosh's inverse of a query matches)."""
    docs = []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        docs.append(np.fromiter(reader.all_doc_ids(), dtype=np.int64) + offset)
    found = np.concatenate(docs) if docs else NONE.docs
    return Matches(found, np.ones(len(found)))


def _boosted(found: Matches, boost: float) -> Matches:
    return found if boost == 1.0 else Matches(found.docs, found.scores * boost)


def _union(parts: list[Matches]) -> Matches:
    parts = [part for part in parts if len(part)]
    if len(parts) <= 1:
        return parts[0] if parts else NONE
    docs, at = np.unique(np.concatenate([p.docs for p in parts]), return_inverse=True)
    scores = np.bincount(at, weights=np.concatenate([p.scores for p in parts]))
    return Matches(docs, scores)


def _intersection(parts: list[Matches]) -> Matches:
    found = parts[0]
    for part in parts[1:]:
        docs, mine, theirs = np.intersect1d(
            found.docs, part.docs, assume_unique=True, return_indices=True
        )
        found = Matches(docs, found.scores[mine] + part.scores[theirs])
    return found


def _without(found: Matches, unwanted: Matches) -> Matches:
    keep = np.isin(found.docs, unwanted.docs, assume_unique=True, invert=True)
    return Matches(found.docs[keep], found.scores[keep])


def _plus_optional(found: Matches, optional: Matches) -> Matches:
    _docs, mine, theirs = np.intersect1d(
        found.docs, optional.docs, assume_unique=True, return_indices=True
    )
    scores = found.scores.copy()
    scores[mine] += optional.scores[theirs]
    return Matches(found.docs, scores)


def _term(view, fieldname: str, text: str) -> Matches:
    """Read and score one term's postings in every segment."""
    searcher = view.searcher
    field = SCHEMA[fieldname]
    try:
        term = field.to_bytes(text)
    except ValueError:
        return NONE
    if (fieldname, term) not in searcher.reader() or not searcher.doc_count():
        return NONE  # Whoosh's idf of a term no live document holds is undefined
    if field.scorable:
        idf = searcher.idf(fieldname, term)
        average = searcher.avg_field_length(fieldname) or 1
    docs, scores = [], []
    for reader, offset, ids, weights in term_postings(searcher, fieldname, text):
        if field.scorable:
            lengths = view.field_lengths(reader, fieldname)[ids]
            weights = idf * (
                (weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * lengths / average))
            )
        docs.append(ids + offset)
        scores.append(weights)
    if not docs:
        return NONE
    return Matches(np.concatenate(docs), np.concatenate(scores))
