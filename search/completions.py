"""Completions for the search box: titles, people and venues that start as typed."""

from whoosh.query import And, Prefix, Query, Term

from catalog.queries import paper_titles_and_keys
from search.analysis import FOLDING
from search.query import bound_prefixes, clean_query
from search.ranking import people_of, rank
from search.schema import MIN_PREFIX_CHARS, SEARCH_SECONDS, row_id
from search.store import UNREADABLE, get_index


def suggest(text: str, limit: int = 8) -> list[dict[str, str]]:
    """Return completions for what is typed so far: titles, people and venues.

    None while the index cannot be read (a search has it rebuilt and says so).
    """
    try:
        return _completions(text, limit)
    except UNREADABLE:
        return []


def _completions(text: str, limit: int) -> list[dict[str, str]]:
    text, _notices = clean_query(text)
    words = [t.text for t in FOLDING(text)]
    if not words:
        return []
    view = get_index().view()
    searcher = view.searcher
    *complete, partial = words
    clauses: list[Query] = [Term("spell", w) for w in complete]
    clauses.append(
        Prefix("spell", partial) if len(partial) >= MIN_PREFIX_CHARS else Term("spell", partial)
    )
    query = bound_prefixes(And(clauses), searcher.reader())
    found: list[dict[str, str]] = []
    # Completions keep to the same time bound as a search.
    people, _ = rank(searcher, query, 3, view.person_docs, SEARCH_SECONDS)
    for person in people_of(searcher, people):
        found.append({"kind": "person", "text": person.name, "slug": person.slug})
    folded = " ".join(words)
    venues = [
        v for v in view.venue_labels if " ".join(t.text for t in FOLDING(v)).startswith(folded)
    ]
    found.extend({"kind": "venue", "text": label} for label in venues[:3])
    hits, _ = rank(searcher, And([query, Term("kind", "paper")]), limit, None, SEARCH_SECONDS)
    ids = [row_id(searcher.stored_fields(d)["id"]) for d in hits]
    rows = paper_titles_and_keys(ids)
    papers = [rows[i] for i in ids if i in rows]
    found.extend({"kind": "title", "text": title, "key": key} for title, key in papers)
    return found[:limit]
