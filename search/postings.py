"""A term's postings, read a block at a time.

Whoosh's matchers step through postings one document at a time, several Python calls
each; its block reader already holds a whole block's ids and weights (up to 128) as
sequences, so taking them whole is several times faster on common words.
tests/test_search_against_whoosh.py checks that the two agree.
"""

import bisect

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher


def term_docs(searcher, fieldname: str, text: str) -> set[int]:
    """Return the numbers of the live documents holding a term, across every segment."""
    docs: set[int] = set()
    for _reader, offset, ids, _weights in term_postings(searcher, fieldname, text):
        docs.update((ids + offset).tolist())
    return docs


def term_postings(searcher, fieldname: str, text: str):
    """Yield each segment's reader, its first document number, and its postings of a term
    (document numbers within the segment, and weights)."""
    for reader, offset, matcher, deleted in _segment_matchers(searcher, fieldname, text):
        ids, weights = _read_postings(matcher)
        if deleted:
            live = np.isin(ids, np.fromiter(deleted, dtype=np.int64), invert=True)
            ids, weights = ids[live], weights[live]
        yield reader, offset, ids, weights


def term_positions(searcher, fieldname: str, text: str, docs: set[int]) -> dict[int, list[int]]:
    """Return where a term stands in each of these (live) documents that holds it."""
    decode = searcher.schema[fieldname].format.decoder("positions")
    found: dict[int, list[int]] = {}
    for _reader, offset, matcher, _deleted in _segment_matchers(searcher, fieldname, text):
        if type(matcher) is not W3LeafMatcher:
            while matcher.is_active():
                if matcher.id() + offset in docs:
                    found[matcher.id() + offset] = matcher.value_as("positions")
                matcher.next()
            continue
        # A block whose ids cannot hold any of the documents is skipped unread.
        ahead = sorted(docs)
        first_ahead = bisect.bisect_left(ahead, offset)
        while matcher.is_active() and first_ahead < len(ahead):
            if ahead[first_ahead] - offset <= matcher.block_max_id():
                matcher._read_ids()
                wanted = [(i, d + offset) for i, d in enumerate(matcher._ids) if d + offset in docs]
                if wanted:
                    matcher._read_values()
                    for i, docnum in wanted:
                        found[docnum] = decode(matcher._values[i])
            first_ahead = bisect.bisect_right(ahead, offset + matcher.block_max_id(), first_ahead)
            matcher._next_block()
    return found


def _segment_matchers(searcher, fieldname: str, text: str):
    """Yield (reader, offset, matcher, deleted documents) for each segment holding a term."""
    try:
        term = searcher.schema[fieldname].to_bytes(text)
    except (KeyError, ValueError):
        return
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        if (fieldname, term) in reader:
            matcher = reader.postings(fieldname, term)
            deleted = None
            if isinstance(matcher, FilterMatcher) and matcher._exclude:
                deleted, matcher = matcher._ids, matcher.child
            yield reader, offset, matcher, deleted


def _read_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    ids: list[int] = []
    weights: list[float] = []
    if type(matcher) is W3LeafMatcher:
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)
