"""Completions for the search box: titles, people and venues that start as typed."""

from whoosh.query import And, Prefix, Query, Term

from catalog.queries import paper_titles_and_keys, people_in_order
from search.query import bound_prefixes, clean_query
from search.ranking import BEST_ROWS
from search.schema import MIN_PREFIX_CHARS
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
    search_index = get_index()
    folding = search_index.folding
    text, _notices = clean_query(text)
    words = [t.text for t in folding(text)]
    if not words:
        return []
    view = search_index.view()
    best_rows = BEST_ROWS[search_index.backend]
    *complete, partial = words
    clauses: list[Query] = [Term("spell", w) for w in complete]
    clauses.append(
        Prefix("spell", partial) if len(partial) >= MIN_PREFIX_CHARS else Term("spell", partial)
    )
    query = bound_prefixes(And(clauses), view.expansions)
    found: list[dict[str, str]] = []
    # Completions keep to the same time bound as a search.
    for person in people_in_order(best_rows(view, query, "person", 3)):
        found.append({"kind": "person", "text": person.name, "slug": person.slug})
    folded = " ".join(words)
    venues = [
        v for v in view.venue_labels if " ".join(t.text for t in folding(v)).startswith(folded)
    ]
    found.extend({"kind": "venue", "text": label} for label in venues[:3])
    ids = best_rows(view, query, "paper", limit)
    rows = paper_titles_and_keys(ids)
    papers = [rows[i] for i in ids if i in rows]
    found.extend({"kind": "title", "text": title, "key": key} for title, key in papers)
    return found[:limit]
