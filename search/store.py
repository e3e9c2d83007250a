"""The Whoosh index on disk: its folder, stale marker, per-thread searchers, its writes."""

import fcntl
import logging
import shutil
import socket
import struct
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from flask import Flask, current_app
from whoosh import index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.codec.whoosh3 import _lenfield as _length_column
from whoosh.filedb.filestore import FileStorage
from whoosh.query import Term
from whoosh.util.numeric import byte_to_length

from search.analysis import FOLDING
from search.documents import whoosh_document
from search.schema import (
    ANSWERS_KEPT,
    INDEX_NAME,
    SCHEMA,
    TERM_POSTINGS_KEPT,
    WRITER_TIMEOUT,
    row_id,
)

log = logging.getLogger(__name__)


class IndexUnavailable(Exception):
    """The index is missing or cannot be read; pages keep working while it is rebuilt."""


# What reading a missing, truncated or damaged index raises (its files are read, not mapped).
UNREADABLE = (IndexUnavailable, EOFError, OSError, struct.error, ValueError, IndexError)


class IndexFolder:
    """What every backend's index has: a folder, a stale marker, one repair at a time."""

    backend = ""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        # Its name in the database, where it keeps its place in the index work: this
        # machine's workers share the folder, another machine has an index of its own.
        self.name = f"{socket.gethostname()}:{directory.resolve()}"
        self.stale_marker = directory.with_name(directory.name + ".stale")
        # Held by whatever rebuilds or repairs the index in this process, one at a time.
        self.repairing = threading.Lock()
        self.next_outbox_check = 0.0

    @contextmanager
    def draining(self) -> Iterator[None]:
        """One drain of this index at a time on this machine, from reading its position to
        moving it: two at once could write an older document over a newer one."""
        try:
            lock = self.directory.with_name(self.directory.name + ".drain.lock").open("a")
        except OSError:  # a read-only instance: nothing is written to its index
            yield
            return
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def is_stale(self) -> bool:
        return self.stale_marker.exists()

    def mark_stale(self) -> None:
        """Remember that the index missed a change; a repair rebuilds it."""
        try:
            self.stale_marker.touch()
        except OSError:
            log.exception("could not mark the search index stale")


class SearchIndex(IndexFolder):
    """The Whoosh index of one site, read through per-thread searchers."""

    backend = "whoosh"
    # How the index reads names and titles, for completions.
    folding = FOLDING

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self._local = threading.local()

    def exists(self) -> bool:
        # Look for a table of contents without reading it: it may be corrupt.
        return any(self.directory.glob(f"_{INDEX_NAME}_*.toc"))

    def _storage(self) -> FileStorage:
        # Files are read, not memory-mapped: a damaged or truncated file then raises an
        # error that a search can answer, where a mapped one kills the process (SIGBUS).
        return FileStorage(str(self.directory), supports_mmap=False)

    def open(self) -> index.Index:
        """Open the index; a missing one is never made empty here, only by a rebuild.

        :raises IndexUnavailable: there is no index in the folder.
        """
        if not self.exists():
            raise IndexUnavailable(f"no search index in {self.directory}")
        return self._storage().open_index(INDEX_NAME)

    def reset(self) -> index.Index:
        """Replace whatever is in the folder (old versions, a corrupt index) by an empty index."""
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True, exist_ok=True)
        return self._storage().create_index(SCHEMA, indexname=INDEX_NAME)

    def view(self) -> "SearchView":
        """Return this thread's searcher, refreshed if the index changed since.

        :raises IndexUnavailable: the index is missing or cannot be read.
        """
        current = getattr(self._local, "view", None)
        try:
            if current is None:
                current = SearchView(self.open().searcher())
            elif not current.searcher.up_to_date():
                # A new searcher, not Searcher.refresh(): refreshing reuses segment readers
                # that miss the segment's new deletions, so replaced papers would still match.
                previous = current
                current = SearchView(self.open().searcher(), previous=previous)
                previous.close()
        except IndexUnavailable:
            self._local.view = None
            raise
        except Exception as error:
            self._local.view = None
            raise IndexUnavailable(f"the search index cannot be read: {error}") from error
        self._local.view = current
        return current

    def doc_count(self) -> int:
        return self.open().doc_count()

    def replace(self, documents: list[dict], touched: set[str]) -> None:
        """Write these documents, and delete the other touched ids, in one commit."""
        writer = self.open().writer(timeout=WRITER_TIMEOUT)
        try:
            for doc_id in touched - {document["id"] for document in documents}:
                writer.delete_by_term("id", doc_id)
            for document in documents:
                writer.update_document(**whoosh_document(document))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def digests(self) -> dict[str, str]:
        """Return every indexed document's id and digest (to compare with the database)."""
        with self.open().searcher() as searcher:
            return {fields["id"]: fields["digest"] for fields in searcher.all_stored_fields()}


class RecentCache:
    """The most recently used values, up to a total cost (each value's cost is 1 by default)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.cost = 0
        self._values: OrderedDict = OrderedDict()

    def get(self, key):
        kept = self._values.get(key)
        if kept is None:
            return None
        self._values.move_to_end(key)
        return kept[0]

    def put(self, key, value, cost: int = 1) -> None:
        if key in self._values:
            self.cost -= self._values.pop(key)[1]
        self._values[key] = (value, cost)
        self.cost += cost
        while self.cost > self.size and len(self._values) > 1:
            self.cost -= self._values.popitem(last=False)[1][1]


# A field length is stored as one byte; the lengths the bytes stand for (0 for none).
_LENGTH_OF_BYTE = np.array([0] + [byte_to_length(b) for b in range(1, 256)], dtype=np.float64)
COLUMN_DEFAULTS = {"year": 0, "date": 0, "venue_label": "", "type": ""}


class SearchView:
    """A searcher with the per-document facet values it needs, read once per refresh.

    Values are read segment by segment and kept from the previous view: after an edit
    only the new segment is read, so the edit is searchable at once on a large index.
    """

    def __init__(self, searcher, previous: "SearchView | None" = None) -> None:
        self.searcher = searcher
        # Which commit of the index this view reads: a new one gives a new number.
        self.generation = searcher.reader().generation()
        # The searcher holds open files: closed once, by close() or when the view is dropped.
        self.close = weakref.finalize(self, searcher.close)
        reader = searcher.reader()
        known_lengths = previous.segment_lengths if previous is not None else {}
        known_codes = previous.segment_codes if previous is not None else {}
        # Each column's values as small numbers (codes), to count and filter many
        # documents at once; codes only grow, so a segment's stay valid in later views.
        self.vocabulary: dict[str, dict] = (
            previous.vocabulary if previous is not None else {n: {} for n in COLUMN_DEFAULTS}
        )
        self.segment_lengths: dict[str, dict[str, bytearray]] = {}
        self.segment_codes: dict[str, dict[str, np.ndarray]] = {}
        codes: dict[str, list[np.ndarray]] = {name: [] for name in COLUMN_DEFAULTS}
        for leaf, _offset in reader.leaf_readers():
            segment = leaf.segment() if hasattr(leaf, "segment") else None
            segment_id = segment.segment_id() if segment is not None else None
            lengths = _lengths_in_memory(leaf, known_lengths.get(segment_id))
            coded = known_codes.get(segment_id) or {
                name: _encoded(column, self.vocabulary[name])
                for name, column in _segment_columns(leaf).items()
            }
            if segment_id is not None:
                self.segment_lengths[segment_id] = lengths
                self.segment_codes[segment_id] = coded
            for name, column in coded.items():
                codes[name].append(column)
        self.codes = {
            name: np.concatenate(parts) if parts else np.empty(0, dtype=np.int32)
            for name, parts in codes.items()
        }
        self.values = {name: list(vocabulary) for name, vocabulary in self.vocabulary.items()}
        self.dates = np.array(self.values["date"], dtype=np.int64)[self.codes["date"]]
        self.people = {
            slug.decode(): docs_array(reader.postings("person", slug).all_ids())
            for slug in reader.lexicon("person")
        }
        self.person_docs = frozenset(searcher.docs_for_query(Term("kind", "person")))
        self.person_array = docs_array(self.person_docs)
        labels = self.values["venue_label"]
        self.venue_labels = sorted(
            labels[code] for code in np.unique(self.codes["venue_label"]) if labels[code]
        )
        # Answers and term matches found with this searcher; a change makes a new view,
        # and new caches.
        self.answers = RecentCache(ANSWERS_KEPT)
        self.term_matches = RecentCache(TERM_POSTINGS_KEPT)
        # Kept from the previous view for the segments still here (merged ones are gone).
        self._scoring_lengths: dict[tuple, np.ndarray] = {
            key: lengths
            for key, lengths in (previous._scoring_lengths if previous is not None else {}).items()
            if key[0] in self.segment_lengths
        }

    def field_lengths(self, leaf, fieldname: str) -> np.ndarray:
        """Return the length of a field in each document of a segment, as Whoosh ranks them."""
        segment = leaf.segment() if hasattr(leaf, "segment") else None
        key = (segment.segment_id() if segment is not None else id(leaf), fieldname)
        lengths = self._scoring_lengths.get(key)
        if lengths is None:
            stored = self.segment_lengths.get(key[0], {}).get(_length_column(fieldname))
            if stored is not None:
                lengths = _LENGTH_OF_BYTE[np.frombuffer(stored, dtype=np.uint8)]
            else:
                count = leaf.doc_count_all()
                lengths = np.fromiter(
                    (leaf.doc_field_length(d, fieldname, 1) for d in range(count)),
                    dtype=np.float64,
                    count=count,
                )
            self._scoring_lengths[key] = lengths
        return lengths

    def rows(self, docnums: list[int]) -> list[int]:
        """Return the database ids of these documents, in order."""
        return [row_id(self.searcher.stored_fields(d)["id"]) for d in docnums]

    def doc_frequency(self, fieldname: str, text: str) -> int:
        return self.searcher.reader().doc_frequency(fieldname, text)

    def contains(self, fieldname: str, text: str) -> bool:
        return (fieldname, SCHEMA[fieldname].to_bytes(text)) in self.searcher.reader()

    def expansions(self, fieldname: str, prefix: str) -> Iterator[tuple[str, int]]:
        """Yield the indexed words that start with the prefix, with their document counts."""
        field_type = SCHEMA[fieldname]
        for term, info in self.searcher.reader().iter_prefix(fieldname, prefix):
            yield field_type.from_bytes(term), info.doc_frequency()

    def near_terms(self, fieldname: str, word: str) -> set[str]:
        """Return the indexed words within two edits of the word, with its first two letters."""
        found = set()
        for leaf, _offset in self.searcher.reader().leaf_readers():
            found.update(leaf.terms_within(fieldname, word, 2, prefix=2))
        return found


def _lengths_in_memory(leaf, known: dict[str, bytearray] | None) -> dict[str, bytearray]:
    """Give a segment's reader each field's per-document lengths in memory; return them.

    Ranking asks a length for every document it scores; read from the file (the index
    is not memory-mapped, see SearchIndex._storage) each costs a seek and a read. A
    byte per document and field, about 100 KB per field for 100,000 papers, read once
    per segment (`known` holds them from the previous view).
    """
    per_document = getattr(leaf, "_perdoc", None)
    if per_document is None or not hasattr(per_document, "_cached_reader"):
        return {}
    lengths = dict(known or {})
    for fieldname in SCHEMA.scorable_names():
        name = _length_column(fieldname)
        if name not in lengths:
            column = per_document._cached_reader(name, LENGTHS_COLUMN)
            if column is None:
                continue
            lengths[name] = bytearray(column)
        per_document._readers[name] = lengths[name]
    return lengths


def _encoded(column: list, vocabulary: dict) -> np.ndarray:
    return np.fromiter(
        (vocabulary.setdefault(value, len(vocabulary)) for value in column),
        dtype=np.int32,
        count=len(column),
    )


def docs_array(docs) -> np.ndarray:
    """Return document numbers as a sorted array."""
    return np.array(sorted(docs), dtype=np.int64)


def _segment_columns(leaf) -> dict[str, list]:
    return {
        name: list(leaf.column_reader(name))
        if leaf.has_column(name)
        else [default] * leaf.doc_count_all()
        for name, default in COLUMN_DEFAULTS.items()
    }


def get_index(app: Flask | None = None) -> SearchIndex:
    """Return the search index of this app (the current one by default)."""
    return (app or current_app).extensions["search_index"]
