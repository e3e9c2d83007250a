"""What a search answers, whichever backend found it, and the rules every backend shares."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from whoosh.query import Query

from catalog.models import Person, Publication
from catalog.wording import N_
from search.query import SearchRequest
from search.schema import FACET_LIMIT, PAGE_SIZE

# How many of the best-ranked papers the title matches may reorder.
RERANKED = PAGE_SIZE
SOME_WORDS = N_("No paper matches all your words. Showing papers that match some of your words.")
TOO_MUCH = N_(
    "This search matches too much to finish in time, so its results are incomplete; "
    "add words or a field such as title: to narrow it."
)


@dataclass
class PaperHit:
    """One paper of a page of results: its row (unless the caller asked for none), what
    it shows (documents.shown_fields) and its texts with the matched words marked."""

    publication: Publication | None
    highlights: dict[str, str]
    shown: dict[str, Any]
    # Which of the shown authors (by position) the query's words name.
    marked_authors: frozenset[int] = frozenset()


@dataclass
class IndexAnswer:
    """What the index answers to one request: rows in rank order, counts, notices."""

    total: int = 0
    pages: int = 0
    # The page shown: the one asked for, or the last when it asked for more pages than exist.
    page: int = 1
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str = ""
    notices: list[str] = field(default_factory=list)
    # Database ids of the papers of the page, and of the people matched, in order.
    top_rows: list[int] = field(default_factory=list)
    people_rows: list[int] = field(default_factory=list)
    # What each paper of the page shows, when the index stores it (documents.shown_fields).
    top_shown: list[dict] = field(default_factory=list)
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    complete: bool = True


@dataclass(kw_only=True)
class SearchResults(IndexAnswer):
    """One page of answers, with their rows, and the facet counts of all of them."""

    request: SearchRequest
    query: str
    papers: list[PaperHit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    facet_labels: dict[str, str] = field(default_factory=dict)


def top_values(tally: dict, name: str) -> list[tuple[Any, int]]:
    """The most frequent values of a facet (ties in value order); years then newest first."""
    top = sorted(tally.items(), key=lambda item: (-item[1], item[0]))[:FACET_LIMIT]
    if name == "year":
        return sorted(top, reverse=True)
    return top


def titles_first(ranked: list, exact: list, titles: dict[Any, list[str]], words: list[str]) -> list:
    """Move the papers whose title is the query, then those holding its words in a row, first.

    `titles` holds the analysed titles of the head of the ranking (the only part
    reordered, so every page agrees); an exact title comes forward from anywhere.
    """
    in_a_row = [doc for doc in ranked if doc in titles and _holds_in_a_row(titles[doc], words)]
    first = list(dict.fromkeys([*exact, *in_a_row]))
    placed = set(first)
    return first + [doc for doc in ranked if doc not in placed]


def _holds_in_a_row(title: list[str], words: list[str]) -> bool:
    return any(title[start : start + len(words)] == words for start in range(len(title)))


# Which searched fields' words are marked in a paper's title, abstract and authors.
_MARKED_FROM = {
    "text": ("title", "abstract"),
    "title": ("title",),
    "names": ("authors",),
    "authors": ("authors",),
}


def marked_words(query: Query, indexed: Callable[[str, str], bool]) -> dict[str, frozenset[str]]:
    """Return the query's words to mark in titles, abstracts and author names: those the
    index holds."""
    words: dict[str, set[str]] = defaultdict(set)
    for fieldname, text in query.iter_all_terms(phrases=True):
        if fieldname in _MARKED_FROM and indexed(fieldname, text):
            for shown in _MARKED_FROM[fieldname]:
                words[shown].add(text)
    return {name: frozenset(texts) for name, texts in words.items()}
