"""The tantivy index on disk: opening it, one view per change, and its one writer."""

import json
import os
import shutil
import threading
import time
from collections.abc import Iterable
from contextlib import contextmanager

import tantivy
from whoosh.index import LockError
from whoosh.support.levenshtein import distance

from search.schema import ANSWERS_KEPT, INDEX_NAME, WRITER_TIMEOUT
from search.store import IndexFolder, IndexUnavailable, RecentCache
from search.tantivy_engine.analysis import ANALYZERS, FOLDED, LONGEST_WORD
from search.tantivy_engine.documents import FIELD_GROUPS, index_schema, tantivy_document

# Memory the writer of one edit may use, and that of a rebuild (split over its threads).
EDIT_HEAP = 32_000_000
REBUILD_HEAP = 400_000_000
REBUILD_THREADS = 2
# How many spelling candidates one misspelt word may be compared with.
MAX_SPELLING_CANDIDATES = 20_000


class TantivyIndex(IndexFolder):
    """A site's tantivy index: opened once per process, viewed afresh after each commit."""

    backend = "tantivy"
    # How the index reads names and titles, for completions.
    folding = FOLDED

    def __init__(self, directory) -> None:
        super().__init__(directory)
        self._opened: tuple[int, tantivy.Index] | None = None
        self._view: TantivyView | None = None
        self._opening = threading.Lock()

    @property
    def _meta(self):
        return self.directory / "meta.json"

    @property
    def _version(self):
        # Which version of the fields the index was made with (search.schema).
        return self.directory / "scholarsite-version"

    def exists(self) -> bool:
        """Tell whether the folder holds an index of this version of the fields."""
        try:
            return self._meta.exists() and self._version.read_text() == INDEX_NAME
        except OSError:
            return False

    def open(self) -> tantivy.Index:
        """Return this process's handle on the index (a forked worker opens its own).

        :raises IndexUnavailable: there is no index in the folder.
        """
        if not self.exists():
            raise IndexUnavailable(f"no search index in {self.directory}")
        if self._opened is None or self._opened[0] != os.getpid():
            self._opened = (os.getpid(), _with_analyzers(tantivy.Index.open(str(self.directory))))
        return self._opened[1]

    def reset(self) -> tantivy.Index:
        """Replace whatever is in the folder (another backend's index, a damaged one)."""
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True, exist_ok=True)
        made = _with_analyzers(tantivy.Index(index_schema(), path=str(self.directory)))
        self._version.write_text(INDEX_NAME)
        self._opened, self._view = (os.getpid(), made), None
        return made

    def view(self) -> "TantivyView":
        """Return a view of the index as last committed, by this process or another.

        :raises IndexUnavailable: the index is missing or cannot be read.
        """
        try:
            stamp = _stamp(self._meta)
        except FileNotFoundError:
            self._view = None
            raise IndexUnavailable(f"no search index in {self.directory}") from None
        current = self._view
        if current is not None and current.generation == stamp and current.pid == os.getpid():
            return current
        with self._opening:
            try:
                opened = self.open()
                opened.reload()
                current = TantivyView(opened.searcher(), opened.schema, stamp)
            except IndexUnavailable:
                self._view = None
                raise
            except Exception as error:
                self._view = self._opened = None
                raise IndexUnavailable(f"the search index cannot be read: {error}") from error
            self._view = current
        return current

    def doc_count(self) -> int:
        return self.view().searcher.num_docs

    def replace(self, documents: list[dict], touched: set[str]) -> None:
        """Write these documents, and delete the other touched ids, in one commit."""
        with self._one_commit(EDIT_HEAP, 1) as writer:
            for doc_id in touched | {document["id"] for document in documents}:
                writer.delete_documents_by_term("id", doc_id)
            for document in documents:
                writer.add_document(tantivy_document(document))

    def rebuild_from(self, documents: Iterable[dict]) -> int:
        """Replace every document by these in one commit; readers see the old ones until it."""
        try:
            self.open()
        except Exception:
            self.reset()
        count = 0
        with self._one_commit(REBUILD_HEAP, REBUILD_THREADS) as writer:
            writer.delete_all_documents()
            for document in documents:
                writer.add_document(tantivy_document(document))
                count += 1
        return count

    @contextmanager
    def _one_commit(self, heap: int, threads: int):
        """Give the writer; commit what it was given, or roll all of it back on an error."""
        writer = self._writer(heap, threads)
        try:
            yield writer
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()

    def digests(self) -> dict[str, str]:
        """Return every indexed document's id and digest (to compare with the database)."""
        searcher = self.view().searcher
        if not searcher.num_docs:
            return {}
        hits = searcher.search(tantivy.Query.all_query(), searcher.num_docs, count=False).hits
        stored = (searcher.doc(address) for _score, address in hits)
        return {doc.get_first("id"): doc.get_first("digest") for doc in stored}

    def _writer(self, heap: int, threads: int):
        """Return the index's writer, waiting a moment if another process holds it.

        :raises LockError: the writer was still busy after WRITER_TIMEOUT.
        """
        deadline = time.monotonic() + WRITER_TIMEOUT
        while True:
            try:
                return self.open().writer(heap, threads)
            except ValueError as error:
                if "LockBusy" not in str(error):
                    raise
                if time.monotonic() > deadline:
                    raise LockError("another process is writing the search index") from error
            time.sleep(0.05)


def _with_analyzers(opened: tantivy.Index) -> tantivy.Index:
    # Tantivy keeps analyzers out of the index files: they are registered at every open.
    for name, analyzer in ANALYZERS.items():
        opened.register_tokenizer(name, analyzer)
    return opened


def _stamp(path) -> tuple[int, int, int]:
    # A commit replaces meta.json: a new file, so a new inode, time or size.
    status = path.stat()
    return status.st_ino, status.st_mtime_ns, status.st_size


class TantivyView:
    """A searcher of one commit, with the answers and values found through it."""

    def __init__(self, searcher, schema, generation) -> None:
        self.searcher = searcher
        self.schema = schema
        # Which commit this view reads: the stamp of the meta.json it was opened with.
        self.generation = generation
        self.pid = os.getpid()
        self.answers = RecentCache(ANSWERS_KEPT)
        self._venue_labels: list[str] | None = None

    @property
    def venue_labels(self) -> list[str]:
        """Every venue label of the indexed papers, sorted."""
        if self._venue_labels is None:
            counted = self.searcher.aggregate(
                tantivy.Query.all_query(),
                {"labels": {"terms": {"field": "venue_label", "size": 1_000_000}}},
            )
            self._venue_labels = sorted(b["key"] for b in counted["labels"]["buckets"] if b["key"])
        return self._venue_labels

    def shown(self, addresses: list) -> list[dict]:
        """Return what the hits at these addresses show (search.documents.shown_fields)."""
        stored = (self.searcher.doc(address).get_first("shown") for address in addresses)
        return [json.loads(shown) for shown in stored]

    def rows(self, addresses: list) -> list[int]:
        """Return the database ids of the documents at these addresses, in order."""
        return self.searcher.fast_field_values("row", addresses) if addresses else []

    def doc_frequency(self, fieldname: str, text: str) -> int:
        return max(self.searcher.doc_freq(name, text) for name in _fields_of(fieldname))

    def contains(self, fieldname: str, text: str) -> bool:
        return self.doc_frequency(fieldname, text) > 0

    def expansions(self, fieldname: str, prefix: str) -> list[tuple[str, int]]:
        """Return the indexed words that start with the prefix, with their document counts."""
        found: dict[str, int] = {}
        for name in _fields_of(fieldname):
            for term, frequency in self.searcher.terms_with_prefix(name, prefix):
                found[term] = max(frequency, found.get(term, 0))
        return list(found.items())

    def near_terms(self, fieldname: str, word: str) -> set[str]:
        """Return the indexed words within two edits of the word, with its first two letters."""
        candidates = self.searcher.terms_with_prefix(
            fieldname, word[:2], limit=MAX_SPELLING_CANDIDATES
        )
        return {
            term
            for term, _frequency in candidates
            if abs(len(term) - len(word)) <= 2
            and len(term) <= LONGEST_WORD
            and distance(word, term) <= 2
        }


def _fields_of(fieldname: str):
    return FIELD_GROUPS.get(fieldname, {fieldname: 1.0})
