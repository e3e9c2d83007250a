"""Matching and ranking: the documents a query finds, in order, with facets and highlights."""

import heapq
import logging
import math
import time
from collections import Counter
from dataclasses import fields

import numpy as np
from whoosh import collectors, highlight
from whoosh.query import And, AndMaybe, Not, NullQuery, Or, Phrase, Query, Term

from catalog.prose import plain_prose
from catalog.queries import paper_titles_and_keys, papers_in_order, people_in_order, person_names
from catalog.wording import N_
from search.analysis import FOLDING, STEMMING
from search.answers import (
    RERANKED,
    SOME_WORDS,
    TOO_MUCH,
    IndexAnswer,
    PaperHit,
    SearchResults,
    marked_words,
    titles_first,
    top_values,
)
from search.documents import shown_fields
from search.postings import term_docs
from search.query import (
    SearchRequest,
    bound_prefixes,
    clean_query,
    parse_query,
    title_words,
)
from search.schema import FACET_COLUMNS, PAGE_SIZE, SCHEMA, SEARCH_SECONDS
from search.scoring import NONE as NO_MATCHES
from search.scoring import OutOfTime, best, evaluate
from search.spelling import suggestion
from search.store import UNREADABLE, SearchView, docs_array, get_index
from search.sync import rebuild_soon
from search.tantivy_engine import highlights as tantivy_highlights
from search.tantivy_engine import ranking as tantivy_ranking

log = logging.getLogger(__name__)
REBUILDING = N_("Search is being rebuilt and will be back shortly; every page still works.")
_HIGHLIGHT = highlight.HtmlFormatter(tagname="mark", between=" … ")


def _narrow(view: SearchView, matched: np.ndarray, request: SearchRequest):
    """Split matching documents into people and the papers that pass the facet filters."""
    is_person = np.isin(matched, view.person_array)
    people, papers = matched[is_person], matched[~is_person]
    for name, values in request.filters.items():
        for value in values:
            if name == "person":
                papers = papers[np.isin(papers, view.people.get(value, NO_MATCHES.docs))]
                continue
            column = FACET_COLUMNS[name]
            wanted = int(value) if name == "year" else value.lower() if name == "type" else value
            code = view.vocabulary[column].get(wanted, -1)
            papers = papers[view.codes[column][papers] == code]
    return papers, people


def search(request: SearchRequest, with_rows: bool = True) -> SearchResults:
    """Answer a search request: one page of papers, matching people, facets, a suggestion.

    An index that cannot be read is rebuilt in the background; meanwhile the answer
    says so instead of failing.

    :param with_rows: load each paper's row (for pages that show more of it); without,
        an index that stores what hits show (tantivy) answers without the database.
    """
    try:
        return _answer(request, with_rows)
    except UNREADABLE:
        log.exception("the search index cannot be read; rebuilding it")
        rebuild_soon(get_index())
        return SearchResults(
            request=request, query=request.text, notices=[REBUILDING], complete=False
        )


def index_generation():
    """Return what names the commit of the index this process now searches (None without
    an index): answers kept for one generation are stale in the next."""
    try:
        return get_index().view().generation
    except UNREADABLE:
        return None


def _answer(request: SearchRequest, with_rows: bool) -> SearchResults:
    text, notices = clean_query(request.text)
    if not text:
        return SearchResults(request=request, query=request.text, notices=notices)
    search_index = get_index()
    view = search_index.view()
    filters = tuple(sorted((name, tuple(values)) for name, values in request.filters.items()))
    key = (text, request.page, request.sort, filters)
    found = view.answers.get(key)
    if found is None:
        found = _FINDERS[search_index.backend](view, request, text)
        if found.complete:
            view.answers.put(key, found)
    answer = {name.name: getattr(found, name.name) for name in fields(IndexAnswer)}
    answer["notices"] = [*notices, *found.notices]
    results = SearchResults(request=request, query=request.text, **answer)
    marked = _MARKERS[search_index.backend](view, found.words)
    # Whoosh stores no copy of what hits show (top_shown stays empty): rows it is.
    if with_rows or len(found.top_shown) != len(found.top_rows):
        papers = papers_in_order(found.top_rows)
        shown = [shown_fields(p, [a.display_name for a in p.authorships]) for p in papers]
    else:
        papers, shown = [None] * len(found.top_shown), found.top_shown
    named = found.words.get("authors", frozenset())
    results.papers = [
        PaperHit(
            paper,
            marked({**fields, "abstract": plain_prose(fields["abstract"])}),
            fields,
            _marked_authors(fields["authors"], named),
        )
        for paper, fields in zip(papers, shown, strict=True)
    ]
    results.people = people_in_order(found.people_rows)
    results.facet_labels = person_names(results.facets.get("person", {}))
    return results


def _marked_authors(names: list[str], words: frozenset[str]) -> frozenset[int]:
    """The positions of the authors whose name holds one of the words (folded)."""
    if not words:
        return frozenset()
    return frozenset(
        n for n, name in enumerate(names) if any(t.text in words for t in FOLDING(name))
    )


def _find(view: SearchView, request: SearchRequest, text: str) -> IndexAnswer:
    searcher = view.searcher
    query = bound_prefixes(parse_query(text), view.expansions)
    found = IndexAnswer()
    if query is NullQuery:
        found.suggestion = suggestion(view, text, FOLDING)
        return found
    # One pass finds every match; facets, filters and people are then read from
    # per-document values cached with the searcher instead of more index queries.
    deadline = time.monotonic() + SEARCH_SECONDS
    ranked_all = scored = None
    complete = True
    try:
        scored = evaluate(view, query, deadline)
    except OutOfTime:
        scored, complete = NO_MATCHES, False
    if scored is not None:
        matched = scored.docs
    elif any(isinstance(part, Phrase) for part in query.leaves()):
        # A phrase's matcher cannot skip ahead by score, so ranking walks every match
        # anyway: one walk ranks them all and gives the match set too.
        ranked_all, matched_set, complete = _rank_all(searcher, query, deadline)
        matched = docs_array(matched_set)
    else:
        matched_set, complete = _matching_docs(searcher, query, deadline)
        matched = docs_array(matched_set)
    every_word_matches = len(matched)
    partial_scores = {}
    if not len(matched):
        partial_scores = _scores_by_words_matched(searcher, query)
        matched = docs_array(partial_scores)
        if partial_scores:
            found.notices.append(SOME_WORDS)
    papers, people = _narrow(view, matched, request)
    found.total = len(papers)
    found.pages = math.ceil(found.total / PAGE_SIZE)
    page = found.page = min(request.page, max(found.pages, 1))
    wanted = page * PAGE_SIZE
    if not len(papers):
        top = []
    elif request.sort == "date":
        top = papers[np.lexsort((papers, -view.dates[papers]))][:wanted].tolist()
    elif partial_scores:
        top = heapq.nlargest(wanted, papers.tolist(), key=lambda d: (partial_scores[d], -d))
    else:
        allowed = None if len(papers) == len(matched) else papers
        kept = None if allowed is None or scored is not None else set(allowed.tolist())
        if scored is not None:
            top = best(scored, max(wanted, RERANKED), allowed)
        elif ranked_all is not None:
            top = [d for d in ranked_all if kept is None or d in kept]
        else:
            top, in_time = rank(searcher, query, max(wanted, RERANKED), kept, SEARCH_SECONDS)
            complete = complete and in_time
        top = _titles_first(view, top, text, papers)
    found.top_rows = view.rows(top[(page - 1) * PAGE_SIZE : wanted])
    found.complete = complete
    if not complete:
        found.notices.append(TOO_MUCH)
    found.facets = _facet_counts(view, papers)
    found.words = marked_words(query, view.contains)
    if page == 1 and not request.filters:
        found.people_rows = view.rows(people[:5].tolist())
    if found.total < PAGE_SIZE:
        found.suggestion = _better_spelling(view, text, every_word_matches)
    return found


def _titles_first(view: SearchView, ranked: list[int], text: str, papers: np.ndarray) -> list[int]:
    """Put exact titles, then titles with the words in a row, first (answers.titles_first)."""
    key, words = title_words(text)
    if not key:
        return ranked
    searcher = view.searcher
    exact = docs_array(searcher.docs_for_query(Term("title_key", key)))
    exact = exact[np.isin(exact, papers)].tolist()
    head = ranked[:RERANKED] if len(words) > 1 else []
    rows = dict(zip(view.rows(head), head, strict=True))
    analyzer = SCHEMA["title"]
    titles = {
        rows[row]: list(analyzer.process_text(title, mode="query"))
        for row, (title, _key) in paper_titles_and_keys(list(rows)).items()
    }
    return titles_first(ranked, exact, titles, words)


def _better_spelling(view: SearchView, text: str, found: int) -> str:
    """Return a respelt query if it finds more papers with every word than the query did."""
    respelt = suggestion(view, text, FOLDING)
    if not respelt:
        return ""
    query = bound_prefixes(parse_query(respelt), view.expansions)
    docs, _complete = _matching_docs(view.searcher, query, time.monotonic() + SEARCH_SECONDS)
    return respelt if len(docs - view.person_docs) > found else ""


def _scores_by_words_matched(searcher, query: Query) -> dict[int, float]:
    """Score the documents matching some words of a query that none matches whole.

    Each word counts by its rarity, twice when it is in the title; the documents
    matching at least half of the words are kept when there are any.
    """
    if not isinstance(query, And):
        return {}
    words = [q for q in query.subqueries if not isinstance(q, Not)]
    if len(words) < 2:
        return {}
    total = searcher.doc_count_all()
    scores: Counter = Counter()
    matches: Counter = Counter()
    for word in words:
        docs = set(searcher.docs_for_query(word))
        in_title = set(searcher.docs_for_query(Or(_as_title(word))))
        rarity = math.log(1 + total / (1 + len(docs)))
        for doc in docs:
            scores[doc] += rarity * (2 if doc in in_title else 1)
            matches[doc] += 1
    enough = math.ceil(len(words) / 2)
    if any(count >= enough for count in matches.values()):
        return {doc: score for doc, score in scores.items() if matches[doc] >= enough}
    return dict(scores)


def _as_title(word: Query) -> list[Query]:
    """Return the word's prose terms asked of the title alone (both are stemmed alike)."""
    return [
        Term("title", leaf.text)
        for leaf in word.leaves()
        if isinstance(leaf, Term) and leaf.fieldname in ("text", "title")
    ]


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
    if isinstance(query, Term):
        return term_docs(searcher, query.fieldname, query.text), True
    return set(searcher.docs_for_query(query)), True


def best_rows(view: SearchView, query: Query, kind: str, limit: int) -> list[int]:
    """Return the database ids of the best matches of one kind ("paper", "person")."""
    if kind == "person":
        docs, _ = rank(view.searcher, query, limit, view.person_docs, SEARCH_SECONDS)
    else:
        docs, _ = rank(view.searcher, And([query, Term("kind", kind)]), limit, None, SEARCH_SECONDS)
    return view.rows(docs)


def rank(searcher, query: Query, limit: int, allowed: set[int] | None, seconds: float):
    """Return the best-scoring documents (and whether ranking finished in time)."""
    ranking = _RankingUntil(searcher.collector(limit=limit), allowed, time.monotonic() + seconds)
    searcher.search_with_collector(query, ranking)
    return [docnum for _score, docnum in ranking.results().top_n], not ranking.timed_out


def _rank_all(searcher, query: Query, deadline: float) -> tuple[list[int], set[int], bool]:
    """Rank every match in one walk: (all in score order, their set, finished in time)."""
    ranking = _RankingUntil(searcher.collector(limit=None), None, deadline)
    searcher.search_with_collector(query, ranking)
    best_first = sorted(ranking.results().top_n, key=lambda hit: (-hit[0], hit[1]))
    ranked = [docnum for _score, docnum in best_first]
    return ranked, set(ranked), not ranking.timed_out


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


def _facet_counts(view: SearchView, papers: np.ndarray) -> dict[str, dict[str, int]]:
    counts = {}
    for name, column in FACET_COLUMNS.items():
        values = view.values[column]
        tally = np.bincount(view.codes[column][papers], minlength=len(values))
        found = {values[code]: int(tally[code]) for code in np.flatnonzero(tally)}
        found.pop(0, None)
        found.pop("", None)
        counts[name] = {str(value): n for value, n in top_values(found, name)}
    is_paper = np.zeros(len(view.codes["year"]), dtype=bool)
    is_paper[papers] = True
    people = {slug: int(is_paper[docs].sum()) for slug, docs in view.people.items()}
    counts["person"] = dict(top_values({slug: n for slug, n in people.items() if n}, "person"))
    return counts


def _whoosh_marker(view: SearchView, words: dict[str, frozenset[str]]):
    """Return a function from what a paper shows (documents.shown_fields) to its title
    and abstract with a word marked, as HTML."""
    fragmenters = {
        "title": (highlight.WholeFragmenter(), 1),
        "abstract": (highlight.ContextFragmenter(maxchars=200, surround=60), 2),
    }

    def marked(texts: dict[str, str]) -> dict[str, str]:
        found = {}
        for name, (fragmenter, top) in fragmenters.items():
            if texts.get(name) and words.get(name):
                html = highlight.highlight(
                    texts[name], words[name], STEMMING, fragmenter, _HIGHLIGHT, top=top
                )
                if html:
                    found[name] = html
        return found

    return marked


# Each backend's answer to a request, and its best matches of one kind (completions).
_FINDERS = {"whoosh": _find, "tantivy": tantivy_ranking.find}
BEST_ROWS = {"whoosh": best_rows, "tantivy": tantivy_ranking.best_rows}
_MARKERS = {"whoosh": _whoosh_marker, "tantivy": tantivy_highlights.marker}
