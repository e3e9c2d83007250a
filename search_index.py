"""Full-text search over publications and people, kept in step with the database.

The Whoosh index is derived data in the instance folder: it can always be rebuilt
from the database. The surface is small: `init_app` (listeners, CLI, start-up
repair), `search`, `suggest`, `rebuild` and `check`. Every Whoosh detail stays here.
"""

import hashlib
import heapq
import logging
import math
import re
import shutil
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, selectinload
from whoosh import collectors, highlight, index, writing
from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.qparser import (
    FieldAliasPlugin,
    GtLtPlugin,
    MultifieldParser,
)
from whoosh.query import And, AndMaybe, Not, NullQuery, Or, Prefix, Query, Term
from whoosh.support.charset import accent_map
from whoosh.support.levenshtein import distance

from catalog.models import (
    Authorship,
    Person,
    PersonAlias,
    Publication,
    PublicationLink,
    Venue,
    db,
)
from catalog.queries import PUBLICATION_DETAILS
from importing.limits import whole_number_in

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
INDEX_NAME = f"scholarsite_v{SCHEMA_VERSION}"
PAGE_SIZE = 20
SORTS = ("relevance", "date")
FACETS = ("year", "venue", "type", "person")
FACET_LIMIT = 15
FACET_COLUMNS = {"year": "year", "venue": "venue_label", "type": "type"}
MAX_QUERY_CHARS = 300
MAX_QUERY_WORDS = 16
# A prefix such as "n*" would otherwise expand to thousands of terms; the most
# frequent expansions keep both the answer useful and the time bounded.
MAX_PREFIX_TERMS = 50
MIN_PREFIX_CHARS = 2
WRITER_TIMEOUT = 1.0
MAX_PAGE = 10_000
# Matching and ranking stop after this long each; the answer then holds what was found.
SEARCH_SECONDS = 0.4
# A commit touching more papers than this rebuilds the index in one pass instead.
BULK_CHANGES = 2000
# Sites this small are indexed before the first request; bigger ones in the background.
SMALL_SITE = 2000
BATCH = 2000
PENDING = "search_index.pending"

_FOLDING = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
_STEMMING = _FOLDING | StopFilter() | StemFilter()
SCHEMA = Schema(
    id=ID(unique=True, stored=True),
    kind=ID,
    digest=STORED,
    title=TEXT(analyzer=_STEMMING),
    authors=TEXT(analyzer=_FOLDING),
    venue=TEXT(analyzer=_FOLDING),
    abstract=TEXT(analyzer=_STEMMING),
    about=TEXT(analyzer=_STEMMING),
    year=NUMERIC(int, bits=32, sortable=True),
    date=NUMERIC(int, bits=32, sortable=True),
    type=ID(sortable=True),
    venue_label=ID(sortable=True),
    has=KEYWORD(lowercase=True),
    person=KEYWORD(lowercase=True),
    spell=TEXT(analyzer=_FOLDING, phrase=False),
)
DEFAULT_FIELDS = ("title", "authors", "venue", "abstract", "about")
# A title match outranks an author or venue match, which outranks the abstract.
FIELD_BOOSTS = {"title": 4.0, "authors": 3.0, "venue": 2.0, "about": 1.5, "abstract": 1.0}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_YEAR_SPAN = re.compile(r"\byear:(\d{1,4})?\.\.(\d{1,4})?(?=\s|\)|$)", re.IGNORECASE)
# Only a trailing "*" after enough letters is a prefix; any other wildcard is dropped.
_STRAY_WILDCARD = re.compile(r"\?|(?<!\w\w)\*|\*(?=[\w*])")
_WORD = re.compile(r"\w+")
_SUGGESTABLE_WORD = re.compile(
    r"(?<![\w:])(?P<field>\w+:)?(?!(?:AND|OR|NOT)\b)(?P<word>\w+)(?![\w:*])"
)
_EXACT_FIELDS = {"has:", "person:", "year:", "type:", "date:"}
_HIGHLIGHT = highlight.HtmlFormatter(tagname="mark", between=" … ")


class SearchError(ValueError):
    """A search request that cannot be answered as asked (a bad page, sort or filter)."""


# ---------------------------------------------------------------- the index on disk


class SearchIndex:
    """The index of one site: its folder, its stale marker and per-thread searchers."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.stale_marker = directory.with_name(directory.name + ".stale")
        self._local = threading.local()
        self._repairing = threading.Lock()

    def exists(self) -> bool:
        # Look for a table of contents without reading it: it may be corrupt.
        return any(self.directory.glob(f"_{INDEX_NAME}_*.toc"))

    def open(self) -> index.Index:
        """Open the index, creating an empty one if there is none."""
        if not self.exists():
            self.directory.mkdir(parents=True, exist_ok=True)
            return index.create_in(str(self.directory), SCHEMA, indexname=INDEX_NAME)
        return index.open_dir(str(self.directory), indexname=INDEX_NAME)

    def reset(self) -> index.Index:
        """Replace whatever is in the folder (old versions, a corrupt index) by an empty index."""
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True, exist_ok=True)
        return index.create_in(str(self.directory), SCHEMA, indexname=INDEX_NAME)

    def view(self) -> "SearchView":
        """Return this thread's searcher, refreshed if the index changed since."""
        current = getattr(self._local, "view", None)
        if current is None:
            current = SearchView(self.open().searcher())
        elif not current.searcher.up_to_date():
            # A new searcher, not Searcher.refresh(): refreshing reuses segment readers
            # that miss the segment's new deletions, so replaced papers would still match.
            previous = current
            current = SearchView(self.open().searcher(), previous=previous)
            previous.searcher.close()
        self._local.view = current
        return current

    def is_stale(self) -> bool:
        return self.stale_marker.exists()

    def mark_stale(self) -> None:
        """Remember that the index missed a change; a repair rebuilds it."""
        try:
            self.stale_marker.touch()
        except OSError:
            log.exception("could not mark the search index stale")


COLUMN_DEFAULTS = {"year": 0, "date": 0, "venue_label": "", "type": ""}


class SearchView:
    """A searcher with the per-document facet values it needs, read once per refresh.

    Values are read segment by segment and kept from the previous view: after an edit
    only the new segment is read, so the edit is searchable at once on a large index.
    """

    def __init__(self, searcher, previous: "SearchView | None" = None) -> None:
        self.searcher = searcher
        reader = searcher.reader()
        known = previous.segment_columns if previous is not None else {}
        self.segment_columns: dict[str, dict[str, list]] = {}
        self.columns: dict[str, list] = {name: [] for name in COLUMN_DEFAULTS}
        for leaf, _offset in reader.leaf_readers():
            segment = leaf.segment() if hasattr(leaf, "segment") else None
            segment_id = segment.segment_id() if segment is not None else None
            values = known.get(segment_id) or _segment_columns(leaf)
            if segment_id is not None:
                self.segment_columns[segment_id] = values
            for name, column in values.items():
                self.columns[name].extend(column)
        self.people = {
            slug.decode(): frozenset(reader.postings("person", slug).all_ids())
            for slug in reader.lexicon("person")
        }
        self.person_docs = frozenset(searcher.docs_for_query(Term("kind", "person")))
        self.venue_labels = sorted({label for label in self.columns["venue_label"] if label})


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


# ------------------------------------------------------------------ documents


def _digest(document: dict[str, Any]) -> str:
    text = repr(sorted(document.items()))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _finish(document: dict[str, Any]) -> dict[str, Any]:
    document["digest"] = _digest(document)
    return document


def _names_by_person(session: Session) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    for person_id, name in session.execute(select(PersonAlias.person_id, PersonAlias.name)):
        names[person_id].append(name)
    return names


def paper_documents(session: Session, ids: Iterable[int] | None = None) -> Iterator[dict]:
    """Yield the index documents of the given papers (all papers when ids is None)."""
    aliases = _names_by_person(session)
    if ids is None:
        batches = _id_batches(session)
    else:
        wanted = sorted(ids)
        batches = (wanted[n : n + BATCH] for n in range(0, len(wanted), BATCH))
    for batch in batches:
        yield from _paper_batch(session, batch, aliases)


def _id_batches(session: Session) -> Iterator[list[int]]:
    ids = list(session.scalars(select(Publication.id).order_by(Publication.id)))
    for n in range(0, len(ids), BATCH):
        yield ids[n : n + BATCH]


def _paper_batch(session: Session, ids: list[int], aliases: dict[int, list[str]]) -> list[dict]:
    authors: dict[int, list[str]] = defaultdict(list)
    people: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(Authorship.publication_id, Authorship.display_name, Person.id, Person.slug)
        .outerjoin(Person, Authorship.person_id == Person.id)
        .where(Authorship.publication_id.in_(ids))
        .order_by(Authorship.publication_id, Authorship.position)
    )
    for publication_id, display_name, person_id, slug in rows:
        authors[publication_id].append(display_name)
        if person_id is not None:
            authors[publication_id].extend(aliases.get(person_id, []))
            people[publication_id].append(slug)
    link_kinds: dict[int, set[str]] = defaultdict(set)
    rows = session.execute(
        select(PublicationLink.publication_id, PublicationLink.kind).where(
            PublicationLink.publication_id.in_(ids), PublicationLink.hidden.is_(False)
        )
    )
    for publication_id, kind in rows:
        link_kinds[publication_id].add(kind.lower())
    papers = session.execute(
        select(Publication, Venue.abbreviation, Venue.name)
        .outerjoin(Venue, Publication.venue_id == Venue.id)
        .where(Publication.id.in_(ids))
    )
    documents = []
    for paper, abbreviation, venue_name in papers:
        has = link_kinds[paper.id]
        has.update(kind for kind, value in _IDENTIFIERS if getattr(paper, value))
        if paper.abstract:
            has.add("abstract")
        summary = paper.lay_summary if paper.lay_summary_visible else ""
        venue = " ".join(
            dict.fromkeys(v for v in (abbreviation, venue_name, paper.venue_text) if v)
        )
        label = abbreviation or venue_name or ""
        document = {
            "id": f"paper:{paper.id}",
            "kind": "paper",
            "title": paper.title,
            "authors": "\n".join(authors[paper.id]),
            "venue": venue,
            "abstract": "\n".join(t for t in (paper.abstract, summary) if t),
            "type": paper.entry_type.lower(),
            "venue_label": label,
            "has": " ".join(sorted(has)),
            "person": " ".join(dict.fromkeys(people[paper.id])),
            "spell": "\n".join((paper.title, *authors[paper.id], label)),
        }
        if paper.year:
            document["year"] = paper.year
            document["date"] = paper.year * 100 + (paper.month or 0)
        documents.append(_finish(document))
    return documents


_IDENTIFIERS = (("doi", "doi"), ("arxiv", "arxiv_id"), ("openreview", "openreview_id"))


def person_documents(session: Session, ids: Iterable[int] | None = None) -> Iterator[dict]:
    """Yield the index documents of the given people (everyone when ids is None)."""
    query = select(Person).options(selectinload(Person.aliases)).order_by(Person.id)
    if ids is not None:
        query = query.where(Person.id.in_(list(ids)))
    for person in session.scalars(query):
        names = list(dict.fromkeys([person.name, *(alias.name for alias in person.aliases)]))
        affiliations = [a.get("name", "") for a in person.affiliations if isinstance(a, dict)]
        interests = [str(interest) for interest in person.interests]
        yield _finish(
            {
                "id": f"person:{person.id}",
                "kind": "person",
                "authors": "\n".join(names),
                "about": "\n".join([person.position, person.tagline, *affiliations, *interests]),
                "person": person.slug,
                "spell": "\n".join([*names, *interests]),
            }
        )


def all_documents(session: Session) -> Iterator[dict]:
    """Yield the document of every paper and every person in the database."""
    yield from person_documents(session)
    yield from paper_documents(session)


# ------------------------------------------------------------ keeping in step


def _register_listeners() -> None:
    if event.contains(db.session, "after_flush", _capture_changes):
        return
    event.listen(db.session, "after_flush", _capture_changes)
    event.listen(db.session, "after_commit", _write_changes)
    event.listen(db.session, "after_soft_rollback", _drop_changes)


def _capture_changes(session: Session, _flush_context) -> None:
    """Note which documents a flush touched; they are written once the commit succeeds."""
    pending = session.info.setdefault(PENDING, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Publication):
            pending.add(("paper", obj.id))
        elif isinstance(obj, Authorship | PublicationLink):
            pending.add(("paper", obj.publication_id))
        elif isinstance(obj, Venue):
            pending.add(("venue", obj.id))
        elif isinstance(obj, Person):
            pending.add(("person", obj.id))
        elif isinstance(obj, PersonAlias):
            pending.add(("person", obj.person_id))


def _write_changes(session: Session) -> None:
    # Releasing a savepoint fires after_commit too; only the real commit counts.
    if session.in_nested_transaction():
        return
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    search_index = get_index()
    try:
        apply_changes(search_index, pending)
    except Exception:
        # The rows are saved whatever happens here: never fail the commit.
        log.exception("search index update failed; marked stale for repair")
        search_index.mark_stale()


def _drop_changes(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(PENDING, None)


def apply_changes(search_index: SearchIndex, pending: set[tuple[str, int]]) -> None:
    """Write the committed state of the touched rows into the index, in one commit."""
    with Session(db.engine) as session:
        paper_ids = {ident for kind, ident in pending if kind == "paper"}
        person_ids = {ident for kind, ident in pending if kind == "person"}
        venue_ids = {ident for kind, ident in pending if kind == "venue"}
        if venue_ids:
            paper_ids |= set(
                session.scalars(select(Publication.id).where(Publication.venue_id.in_(venue_ids)))
            )
        if person_ids:
            paper_ids |= set(
                session.scalars(
                    select(Authorship.publication_id).where(Authorship.person_id.in_(person_ids))
                )
            )
        if len(paper_ids) > BULK_CHANGES:
            rebuild(search_index, session, procs=2)
            return
        documents = [*paper_documents(session, paper_ids), *person_documents(session, person_ids)]
    found = {document["id"] for document in documents}
    gone = {f"paper:{i}" for i in paper_ids} | {f"person:{i}" for i in person_ids}
    writer = search_index.open().writer(timeout=WRITER_TIMEOUT)
    try:
        for doc_id in gone - found:
            writer.delete_by_term("id", doc_id)
        for document in documents:
            writer.update_document(**document)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def rebuild(search_index: SearchIndex, session: Session | None = None, procs: int = 1) -> int:
    """Re-index everything in one writer; readers see the old index until it commits.

    :param procs: more than one indexes in several processes (for big sites).
    """
    started = time.time()
    try:
        ix = search_index.open()
    except Exception:
        log.warning("search index unreadable; starting a new one", exc_info=True)
        ix = search_index.reset()
    options = {"procs": procs, "limitmb": 256, "multisegment": True} if procs > 1 else {}
    writer = ix.writer(timeout=WRITER_TIMEOUT, **options)
    count = 0
    try:
        with Session(db.engine) if session is None else _borrowed(session) as reader:
            for document in all_documents(reader):
                writer.add_document(**document)
                count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit(mergetype=writing.CLEAR)
    _clear_stale_marker(search_index, started)
    return count


class _borrowed:
    """Use a caller's session in a `with` without closing it."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def __enter__(self) -> Session:
        return self.session

    def __exit__(self, *_exc) -> None:
        return None


def _clear_stale_marker(search_index: SearchIndex, started: float) -> None:
    # A change that failed while the rebuild ran may be missing from it: stay stale.
    try:
        if search_index.stale_marker.stat().st_mtime < started:
            search_index.stale_marker.unlink()
    except FileNotFoundError:
        pass


def needs_repair(search_index: SearchIndex) -> bool:
    """Tell whether the index is missing, stale, unreadable or of an older version."""
    if not search_index.exists() or search_index.is_stale():
        return True
    try:
        search_index.open().doc_count()
    except Exception:
        return True
    return False


def repair(app: Flask, search_index: SearchIndex) -> None:
    """Rebuild the index if it needs it; one repair at a time per process."""
    if not search_index._repairing.acquire(blocking=False):
        return
    try:
        with app.app_context():
            if needs_repair(search_index):
                count = rebuild(search_index)
                log.info("search index rebuilt: %d documents", count)
    except index.LockError:
        log.info("search index repair skipped: another writer is at work")
    except Exception:
        log.exception("search index repair failed")
    finally:
        search_index._repairing.release()


def repair_on_start(app: Flask) -> None:
    """Repair the index as the site starts: at once on small sites, else in the background."""
    search_index = get_index(app)
    if not needs_repair(search_index):
        return
    if not search_index.exists():
        search_index.reset()
        search_index.mark_stale()
    if db.session.scalar(select(func.count(Publication.id))) <= SMALL_SITE:
        repair(app, search_index)
    else:
        _repair_in_background(app, search_index)


def _repair_in_background(app: Flask, search_index: SearchIndex) -> None:
    threading.Thread(target=repair, args=(app, search_index), daemon=True).start()


# ------------------------------------------------------------------- check


@dataclass
class CheckReport:
    """The differences between the database and the index."""

    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.outdated)


def check(search_index: SearchIndex) -> CheckReport:
    """Compare every document the database implies with what the index holds."""
    with search_index.open().searcher() as searcher:
        indexed = {fields["id"]: fields["digest"] for fields in searcher.all_stored_fields()}
    report = CheckReport()
    with Session(db.engine) as session:
        for document in all_documents(session):
            digest = indexed.pop(document["id"], None)
            if digest is None:
                report.missing.append(document["id"])
            elif digest != document["digest"]:
                report.outdated.append(document["id"])
    report.extra = sorted(indexed)
    return report


# ------------------------------------------------------------------- search


@dataclass
class SearchRequest:
    """What a visitor asked: the query text, the page, the order and the facet filters."""

    text: str = ""
    page: int = 1
    sort: str = "relevance"
    filters: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class PaperHit:
    publication: Publication
    highlights: dict[str, str]


@dataclass
class SearchResults:
    """One page of answers with the facet counts of all of them."""

    request: SearchRequest
    query: str
    total: int = 0
    pages: int = 0
    papers: list[PaperHit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    facet_labels: dict[str, str] = field(default_factory=dict)
    suggestion: str = ""
    notices: list[str] = field(default_factory=list)


def request_from_args(args: Mapping) -> SearchRequest:
    """Read a search request from URL arguments.

    :raises SearchError: for a page, sort or year filter that makes no sense.
    """
    page = whole_number_in(args.get("page") or "1", 1, MAX_PAGE)
    if page is None:
        raise SearchError(f"page must be a whole number from 1 to {MAX_PAGE}")
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise SearchError("sort must be 'relevance' or 'date'")
    filters = {name: [v for v in args.getlist(name) if v][:5] for name in FACETS}
    if not all(v.isdecimal() and len(v) <= 4 for v in filters["year"]):
        raise SearchError("year must be a year such as 2019")
    return SearchRequest(
        text=args.get("q") or "",
        page=page,
        sort=sort,
        filters={name: values for name, values in filters.items() if values},
    )


def clean_query(text: str) -> tuple[str, list[str]]:
    """Return the query made safe to parse (and bounded in size), with notices."""
    notices = []
    text = _CONTROL.sub(" ", text).replace("\ufffd", " ")
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notices.append(f"Your query was shortened to its first {MAX_QUERY_CHARS} characters.")
    words = text.split()
    if len(words) > MAX_QUERY_WORDS:
        words = words[:MAX_QUERY_WORDS]
        notices.append(f"Only the first {MAX_QUERY_WORDS} words of your query were used.")
    text = _STRAY_WILDCARD.sub(" ", " ".join(words))
    text = _YEAR_SPAN.sub(lambda m: f"year:[{m[1] or ''} TO {m[2] or ''}]", text)
    return text.strip(), notices


def _parser() -> MultifieldParser:
    parser = MultifieldParser(list(DEFAULT_FIELDS), SCHEMA, fieldboosts=FIELD_BOOSTS)
    parser.add_plugin(FieldAliasPlugin({"authors": ["author"]}))
    parser.add_plugin(GtLtPlugin())
    return parser


_PARSER = _parser()
_PLAIN_PARSER = MultifieldParser(list(DEFAULT_FIELDS), SCHEMA, fieldboosts=FIELD_BOOSTS)


def parse_query(text: str) -> Query:
    """Parse the query language; text the parser chokes on is searched as plain words."""
    try:
        return _PARSER.parse(text)
    except Exception:
        words = " ".join(w.lower() for w in _WORD.findall(text))
        return _PLAIN_PARSER.parse(words) if words else NullQuery


def _bound_prefixes(query: Query, reader) -> Query:
    """Replace each prefix query by its most frequent expansions in the index."""

    def bounded(node: Query) -> Query:
        if not isinstance(node, Prefix):
            return node
        if len(node.text) < MIN_PREFIX_CHARS:
            return Term(node.fieldname, node.text, boost=node.boost)
        expansions = heapq.nlargest(
            MAX_PREFIX_TERMS,
            reader.iter_prefix(node.fieldname, node.text),
            key=lambda item: item[1].doc_frequency(),
        )
        field_type = SCHEMA[node.fieldname]
        terms = [
            Term(node.fieldname, field_type.from_bytes(t), boost=node.boost) for t, _ in expansions
        ]
        return Or(terms) if terms else NullQuery

    return query.accept(bounded)


def _narrow(view: SearchView, matched: list[int], request: SearchRequest):
    """Split matching documents into people and the papers that pass the facet filters."""
    people = [d for d in matched if d in view.person_docs]
    papers = [d for d in matched if d not in view.person_docs]
    for name, values in request.filters.items():
        for value in values:
            if name == "person":
                docs = view.people.get(value, frozenset())
                papers = [d for d in papers if d in docs]
                continue
            column = view.columns[FACET_COLUMNS[name]]
            wanted = int(value) if name == "year" else value.lower() if name == "type" else value
            papers = [d for d in papers if column[d] == wanted]
    return papers, people


def search(request: SearchRequest) -> SearchResults:
    """Answer a search request: one page of papers, matching people, facets, a suggestion."""
    text, notices = clean_query(request.text)
    results = SearchResults(request=request, query=request.text, notices=notices)
    if not text:
        return results
    view = get_index().view()
    searcher = view.searcher
    query = _bound_prefixes(parse_query(text), searcher.reader())
    if query is NullQuery:
        results.suggestion = _suggestion(view, text)
        return results
    # One pass finds every match; facets, filters and people are then read from
    # per-document values cached with the searcher instead of more index queries.
    deadline = time.monotonic() + SEARCH_SECONDS
    matched_set, complete = _matching_docs(searcher, query, deadline)
    matched = sorted(matched_set)
    papers, people = _narrow(view, matched, request)
    results.total = len(papers)
    results.pages = math.ceil(results.total / PAGE_SIZE)
    page = min(request.page, max(results.pages, 1))
    wanted = page * PAGE_SIZE
    if not papers:
        top = []
    elif request.sort == "date":
        date = view.columns["date"]
        top = heapq.nlargest(wanted, papers, key=lambda d: (date[d], -d))
    else:
        allowed = None if len(papers) == len(matched) else set(papers)
        top, ranked = _rank(searcher, query, wanted, allowed, SEARCH_SECONDS)
        complete = complete and ranked
    top = top[(page - 1) * PAGE_SIZE :]
    if not complete:
        results.notices.append(
            "This search matches too much to finish in time, so its results are incomplete; "
            "add words or a field such as title: to narrow it."
        )
    results.facets = _facet_counts(view, papers)
    results.papers = _paper_hits(searcher, top, query)
    if page == 1 and not request.filters:
        results.people = _people(searcher, people[:5])
    results.facet_labels = _person_names(results.facets.get("person", {}))
    if results.total < PAGE_SIZE:
        results.suggestion = _suggestion(view, text)
    return results


def _matching_docs(searcher, query: Query, deadline: float) -> tuple[set[int], bool]:
    """Return every document the query matches, and whether all were found in time.

    Boolean structure is worked out with set operations over each leaf's postings,
    which is many times faster than stepping Whoosh's matcher tree document by document.
    """
    if time.monotonic() > deadline:
        return set(), False
    if isinstance(query, Or):
        found, complete = set(), True
        for subquery in query.subqueries:
            docs, done = _matching_docs(searcher, subquery, deadline)
            found |= docs
            complete &= done
        return found, complete
    if isinstance(query, AndMaybe):
        return _matching_docs(searcher, query.a, deadline)
    if isinstance(query, And):
        wanted = [q for q in query.subqueries if not isinstance(q, Not)]
        unwanted = [q.query for q in query.subqueries if isinstance(q, Not)]
        if not wanted:
            return set(searcher.docs_for_query(query)), True
        parts = [_matching_docs(searcher, q, deadline) for q in wanted]
        found = set.intersection(*(docs for docs, _ in parts))
        complete = all(done for _, done in parts)
        for subquery in unwanted:
            docs, done = _matching_docs(searcher, subquery, deadline)
            found -= docs
            complete &= done
        return found, complete
    return set(searcher.docs_for_query(query)), True


def _rank(searcher, query: Query, limit: int, allowed: set[int] | None, seconds: float):
    """Return the best-scoring documents (and whether ranking finished in time)."""
    ranking = _RankingUntil(searcher.collector(limit=limit), allowed, time.monotonic() + seconds)
    searcher.search_with_collector(query, ranking)
    return [docnum for _score, docnum in ranking.results().top_n], not ranking.timed_out


class _RankingUntil(collectors.WrappingCollector):
    """Feed the allowed matches to a top-N collector, and stop at a deadline.

    Whoosh's own time limit either needs SIGALRM (main thread only) or bypasses
    its filter; checking the clock here does neither.
    """

    def __init__(self, child, allowed: set[int] | None, deadline: float) -> None:
        super().__init__(child)
        self.allowed = allowed
        self.deadline = deadline
        self.timed_out = False

    def collect_matches(self) -> None:
        for count, sub_docnum in enumerate(self.child.matches()):
            if count % 256 == 0 and time.monotonic() > self.deadline:
                self.timed_out = True
                return
            if self.allowed is None or self.offset + sub_docnum in self.allowed:
                self.child.collect(sub_docnum)


def _facet_counts(view: SearchView, matched: list[int]) -> dict[str, dict[str, int]]:
    counts = {}
    for name, column in FACET_COLUMNS.items():
        values = view.columns[column]
        tally = Counter(values[d] for d in matched)
        tally.pop(0, None)
        tally.pop("", None)
        counts[name] = {str(value): n for value, n in _top(tally, name)}
    matched_set = set(matched)
    people = Counter({slug: len(docs & matched_set) for slug, docs in view.people.items()})
    counts["person"] = {slug: n for slug, n in _top(+people, "person")}
    return counts


def _top(tally: Counter, name: str) -> list[tuple[Any, int]]:
    top = tally.most_common(FACET_LIMIT)
    if name == "year":
        return sorted(top, reverse=True)
    return top


def _paper_hits(searcher, docnums: list[int], query: Query) -> list[PaperHit]:
    ids = [int(searcher.stored_fields(d)["id"].split(":")[1]) for d in docnums]
    rows = db.session.scalars(
        select(Publication).where(Publication.id.in_(ids)).options(*PUBLICATION_DETAILS)
    )
    by_id = {paper.id: paper for paper in rows}
    words = _query_words(query, searcher.reader())
    hits = []
    for paper_id in ids:
        paper = by_id.get(paper_id)
        if paper is not None:
            hits.append(PaperHit(paper, _highlights(paper, words)))
    return hits


def _query_words(query: Query, reader) -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = defaultdict(set)
    # Query.existing_terms() finds nothing in this Whoosh release: ask the reader per term.
    for fieldname, text in query.iter_all_terms(phrases=True):
        if fieldname in ("title", "abstract", "authors", "venue"):
            if (fieldname, SCHEMA[fieldname].to_bytes(text)) in reader:
                words[fieldname].add(text)
    return {name: frozenset(texts) for name, texts in words.items()}


def _highlights(paper: Publication, words: dict[str, frozenset[str]]) -> dict[str, str]:
    found = {}
    # The abstract field of the index also holds the lay summary (when shown).
    summary = paper.lay_summary if paper.lay_summary_visible else ""
    about = "\n".join(text for text in (paper.abstract, summary) if text)
    fragments = {
        "title": (paper.title, highlight.WholeFragmenter(), 1),
        "abstract": (about, highlight.ContextFragmenter(maxchars=200, surround=60), 2),
    }
    for name, (text, fragmenter, top) in fragments.items():
        if text and words.get(name):
            marked = highlight.highlight(
                text, words[name], SCHEMA[name].analyzer, fragmenter, _HIGHLIGHT, top=top
            )
            if marked:
                found[name] = marked
    return found


def _people(searcher, docnums: list[int]) -> list[Person]:
    ids = [int(searcher.stored_fields(d)["id"].split(":")[1]) for d in docnums]
    rows = {p.id: p for p in db.session.scalars(select(Person).where(Person.id.in_(ids)))}
    return [rows[i] for i in ids if i in rows]


def _person_names(counts: dict[str, int]) -> dict[str, str]:
    if not counts:
        return {}
    rows = db.session.execute(select(Person.slug, Person.name).where(Person.slug.in_(counts)))
    return dict(rows.all())


def _suggestion(view: SearchView, text: str) -> str:
    """Return the query with unknown words replaced by the closest indexed ones."""
    reader = view.searcher.reader()
    changed = False

    def replace(match: re.Match) -> str:
        nonlocal changed
        prefix, word = match.group("field") or "", match.group("word")
        if prefix.lower() in _EXACT_FIELDS:
            return match.group(0)
        folded = " ".join(t.text for t in _FOLDING(word))
        if len(folded) < 3 or folded.isdigit() or reader.doc_frequency("spell", folded):
            return match.group(0)
        best = _closest_word(reader, folded)
        if best is None:
            return match.group(0)
        changed = True
        return prefix + best

    # Operators, syntax and values of exact fields (has:code) stay as they are.
    suggestion = _SUGGESTABLE_WORD.sub(replace, text)
    return suggestion if changed else ""


def _closest_word(reader, word: str) -> str | None:
    candidates = set()
    for leaf, _offset in reader.leaf_readers():
        candidates.update(leaf.terms_within("spell", word, 2, prefix=2))
    candidates.discard(word)
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda c: (distance(word, c), -reader.doc_frequency("spell", c), c),
    )


# ------------------------------------------------------------------ suggest


def suggest(text: str, limit: int = 8) -> list[dict[str, str]]:
    """Return completions for what is typed so far: titles, people and venues."""
    text, _notices = clean_query(text)
    words = [t.text for t in _FOLDING(text)]
    if not words:
        return []
    view = get_index().view()
    searcher = view.searcher
    *complete, partial = words
    clauses: list[Query] = [Term("spell", w) for w in complete]
    clauses.append(
        Prefix("spell", partial) if len(partial) >= MIN_PREFIX_CHARS else Term("spell", partial)
    )
    query = _bound_prefixes(And(clauses), searcher.reader())
    found: list[dict[str, str]] = []
    people = [d for d in searcher.docs_for_query(query) if d in view.person_docs]
    for person in _people(searcher, people[:3]):
        found.append({"kind": "person", "text": person.name, "slug": person.slug})
    folded = " ".join(words)
    venues = [
        v for v in view.venue_labels if " ".join(t.text for t in _FOLDING(v)).startswith(folded)
    ]
    found.extend({"kind": "venue", "text": label} for label in venues[:3])
    hits = searcher.search(And([query, Term("kind", "paper")]), limit=limit)
    ids = [int(hit["id"].split(":")[1]) for hit in hits]
    titles = dict(
        db.session.execute(
            select(Publication.id, Publication.title).where(Publication.id.in_(ids))
        ).all()
    )
    keys = dict(
        db.session.execute(
            select(Publication.id, Publication.key).where(Publication.id.in_(ids))
        ).all()
    )
    found.extend({"kind": "title", "text": titles[i], "key": keys[i]} for i in ids if i in titles)
    return found[:limit]


# --------------------------------------------------------------- start-up, CLI


def init_app(app: Flask) -> None:
    """Give the app its search index, keep the index in step with commits, add the CLI."""
    app.extensions["search_index"] = SearchIndex(Path(app.config["SEARCH_INDEX_DIR"]))
    _register_listeners()
    app.cli.add_command(search_cli)


@click.group("search")
def search_cli() -> None:
    """Rebuild or check the search index."""


@search_cli.command("rebuild")
@click.option("--procs", default=2, show_default=True, help="Indexing processes.")
def rebuild_command(procs: int) -> None:
    """Rebuild the search index from the database (readers keep the old one meanwhile)."""
    started = time.perf_counter()
    count = rebuild(get_index(), procs=procs)
    click.echo(f"Indexed {count} documents in {time.perf_counter() - started:.1f} s.")


@search_cli.command("check")
def check_command() -> None:
    """Report differences between the database and the search index; exit 1 if any."""
    report = check(get_index())
    for label, ids in (
        ("missing", report.missing),
        ("extra", report.extra),
        ("outdated", report.outdated),
    ):
        for doc_id in ids:
            click.echo(f"{label:8} {doc_id}")
    if get_index().is_stale():
        click.echo("the index is marked stale")
    if not report.ok or get_index().is_stale():
        raise SystemExit(1)
    click.echo("The search index matches the database.")
