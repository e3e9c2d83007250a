"""What the site's search is measured against, in the same run: generated queries, the
backend's engine used plainly (one parse, the top 20, titles highlighted, optionally its own
total and facets), and SQLite FTS5 with year and venue facet counts."""

import random
import re
import sqlite3
import statistics
import time

from whoosh import highlight, sorting
from whoosh.qparser import QueryParser

import search
from catalog.queries import paper_titles_and_keys
from search.analysis import STEMMING
from search.schema import SCHEMA, row_id
from search.tantivy_engine.analysis import STEMMED
from search.tantivy_engine.documents import FIELD_GROUPS

_WORD = re.compile(r"[A-Za-z]{4,}")


def generated_queries(papers: list[dict], count: int, rng: random.Random) -> list[str]:
    """Return queries people type, from random papers: title words, pairs, phrases,
    surnames, "venue:X year:Y" and prefixes, each asked once."""
    makers = [
        lambda p, w: rng.choice(w),
        lambda p, w: " ".join(rng.sample(w, 2)),
        lambda p, w: '"' + " ".join(w[:2]) + '"',
        lambda p, w: rng.choice(p["authors"]).split()[-1],
        lambda p, w: f"venue:{p['venue_short']} year:{p['year']}",
        lambda p, w: rng.choice(w)[:4].lower() + "*",
    ]
    queries: list[str] = []
    while len(queries) < count:
        paper = rng.choice(papers)
        words = _WORD.findall(paper["title"])
        if len(words) >= 2 and paper.get("authors") and paper.get("venue_short"):
            queries.append(makers[len(queries) % len(makers)](paper, words))
    return queries


def site_search(queries: list[str]) -> tuple[list[float], int]:
    """Time search() on each query once as the search API asks it (without rows, which
    an index that stores what hits show does without); return the timings and how many
    were incomplete."""
    timings, incomplete = [], 0
    for text in queries:
        started = time.perf_counter()
        results = search.search(search.SearchRequest(text=text), with_rows=False)
        timings.append(time.perf_counter() - started)
        incomplete += any("incomplete" in notice for notice in results.notices)
    return timings, incomplete


def raw_whoosh(queries: list[str], with_facets: bool = False) -> list[float]:
    """Time plain Whoosh on each query as typed: one default field, the top 20 ranked,
    their titles loaded and highlighted.

    :param with_facets: also count every match and group them by year and venue with
        Whoosh's own facets, the work search() does for its total and facet counts.
    """
    searcher = search.get_index().view().searcher
    parser = QueryParser("text", SCHEMA)
    formatter = highlight.HtmlFormatter(tagname="mark")
    facets = {"year": sorting.FieldFacet("year"), "venue": sorting.FieldFacet("venue_label")}
    timings = []
    for text in queries:
        started = time.perf_counter()
        query = parser.parse(text)
        if with_facets:
            hits = searcher.search(query, limit=20, groupedby=facets)
            len(hits)  # the exact total
            hits.groups("year"), hits.groups("venue")
        else:
            hits = searcher.search(query, limit=20)
        ids = [row_id(hit["id"]) for hit in hits]
        terms = {term for _field, term in query.iter_all_terms()}
        for title, _key in paper_titles_and_keys(ids).values():
            highlight.highlight(title, terms, STEMMING, highlight.WholeFragmenter(), formatter)
        timings.append(time.perf_counter() - started)
    return timings


def raw_tantivy(queries: list[str], with_facets: bool = False) -> list[float]:
    """Time plain tantivy on each query as typed: its own parser over the text and
    name fields, the top 20 ranked, their titles loaded and highlighted.

    :param with_facets: also count every match and aggregate them by year and venue,
        the work search() does for its total and facet counts.
    """
    search_index = search.get_index()
    opened, view = search_index.open(), search_index.view()
    fields = [name for group in FIELD_GROUPS.values() for name in group]
    facets = {name: {"terms": {"field": name, "size": 15}} for name in ("year", "venue_label")}
    formatter = highlight.HtmlFormatter(tagname="mark")
    timings = []
    for text in queries:
        started = time.perf_counter()
        query, _errors = opened.parse_query_lenient(text, fields)
        result = view.searcher.search(query, 20, count=with_facets)
        if with_facets:
            view.searcher.aggregate(query, facets)
        ids = view.rows([address for _score, address in result.hits])
        terms = {token.text for token in STEMMED(text)}
        for title, _key in paper_titles_and_keys(ids).values():
            highlight.highlight(title, terms, STEMMED, highlight.WholeFragmenter(), formatter)
        timings.append(time.perf_counter() - started)
    return timings


class Fts5:
    """The same papers in an in-memory SQLite FTS5 table, searched with facet counts."""

    def __init__(self, papers: list[dict]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE paper USING fts5(title, authors, venue, abstract, "
            "year UNINDEXED, short UNINDEXED, tokenize='porter unicode61 remove_diacritics 2')"
        )
        started = time.process_time()
        self.db.executemany(
            "INSERT INTO paper VALUES (?, ?, ?, ?, ?, ?)",
            (
                (
                    p["title"],
                    " ".join(p.get("authors") or []),
                    f"{p.get('venue_short', '')} {p.get('venue', '')}",
                    p.get("abstract", ""),
                    p["year"],
                    p.get("venue_short", ""),
                )
                for p in papers
            ),
        )
        self.db.commit()
        self.build_cpu = time.process_time() - started

    def search(self, queries: list[str]) -> list[float]:
        timings = []
        for text in queries:
            match = " ".join(f'"{word}"' for word in _WORD.findall(text)) or '"a"'
            started = time.perf_counter()
            self.db.execute(
                "SELECT rowid, snippet(paper, 0, '<mark>', '</mark>', '…', 12) FROM paper "
                "WHERE paper MATCH ? ORDER BY bm25(paper, 4.0, 3.0, 2.0, 1.0) LIMIT 20",
                (match,),
            ).fetchall()
            for column in ("year", "short"):
                self.db.execute(
                    f"SELECT {column}, count(*) FROM paper WHERE paper MATCH ? "
                    f"GROUP BY {column} ORDER BY count(*) DESC LIMIT 15",
                    (match,),
                ).fetchall()
            timings.append(time.perf_counter() - started)
        return timings


def summary(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"median {statistics.median(ordered) * 1000:6.1f} ms, p95 {p95 * 1000:6.1f} ms, "
        f"max {ordered[-1] * 1000:6.1f} ms"
    )
