"""A term's postings, read a block at a time.

Whoosh's matchers step through postings one document at a time, several Python calls
each; its block reader already holds a whole block's ids and weights (up to 128) as
sequences, so taking them whole is several times faster on common words.
tests/test_search_against_whoosh.py checks that the two agree.
"""

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
    try:
        term = searcher.schema[fieldname].to_bytes(text)
    except (KeyError, ValueError):
        return
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        if (fieldname, term) in reader:
            yield reader, offset, *_segment_postings(reader.postings(fieldname, term))


def _segment_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    deleted = None
    if isinstance(matcher, FilterMatcher) and matcher._exclude:
        deleted, matcher = matcher._ids, matcher.child
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
    found = np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)
    if deleted:
        live = np.isin(found[0], np.fromiter(deleted, dtype=np.int64), invert=True)
        found = found[0][live], found[1][live]
    return found
