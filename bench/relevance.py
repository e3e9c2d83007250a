"""Judge search relevance on the ACL Anthology corpus with queries people type.

For random papers of the corpus it asks: the title as printed, the title lower-cased,
"surname year" (an author's surname and the year), "VENUE year" and two words of the
title, and prints success@1, success@10 and the mean reciprocal rank of each kind
beside the targets. A result is right when it is what the query names: a paper with
that title (several papers share titles such as "Introduction"), a paper by that
surname in that year, a paper of that venue and year; two title words must find the
paper they came from.

Run from the repository root (the first run imports the corpus into the instance):

    .venv/bin/python -m bench.relevance --instance /tmp/scholarsite-acl
    .venv/bin/python -m bench.relevance --instance /tmp/acl-20k --sample 20000
    .venv/bin/python -m bench.relevance --instance /tmp/scholarsite-acl --backend tantivy
"""

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

import search
from bench.corpus import SEED, prepared_app, read_papers
from catalog.models import Publication
from catalog.names import fold, name_key, title_key

TARGETS = {
    "title as printed": (0.95, 0.99),
    "title lower-cased": (0.95, 0.99),
    "surname year": (None, 0.90),
    "VENUE year": (None, 0.90),
    "two title words": (None, None),
}
Judge = Callable[[Publication], bool]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", type=Path, required=True, help="kept between runs")
    parser.add_argument("--sample", type=int, default=None, help="a random sample of papers")
    parser.add_argument("--queries", type=int, default=100, help="of each kind")
    parser.add_argument("--show", type=int, default=5, help="failures shown per kind")
    parser.add_argument("--backend", choices=sorted(search.BACKENDS), default="whoosh")
    options = parser.parse_args()
    papers = read_papers(options.sample)
    app = prepared_app(options.instance, papers, options.backend)
    queries = generated_queries(papers, options.queries, random.Random(SEED))
    with app.test_request_context():
        started = time.perf_counter()
        results = {kind: [judged(text, judge) for text, judge in asked] for kind, asked in queries}
        elapsed = time.perf_counter() - started
    count = sum(len(asked) for _kind, asked in queries)
    print(f"{count} queries on {len(papers)} papers in {elapsed:.1f} s ({options.backend})")
    print(f"{'kind':18} {'success@1':>10} {'success@10':>11} {'MRR':>6}   target @1 / @10")
    for kind, ranks in results.items():
        at1 = sum(r == 1 for r in ranks) / len(ranks)
        at10 = sum(r is not None and r <= 10 for r in ranks) / len(ranks)
        mrr = sum(1 / r for r in ranks if r) / len(ranks)
        want1, want10 = TARGETS[kind]
        verdict = " ".join(
            f"{'met' if got >= want else 'MISSED'} {want:.0%}"
            for got, want in ((at1, want1), (at10, want10))
            if want is not None
        )
        print(f"{kind:18} {at1:>10.0%} {at10:>11.0%} {mrr:>6.2f}   {verdict}")
        misses = [
            text for (text, _), rank in zip(dict(queries)[kind], ranks, strict=True) if rank != 1
        ]
        for text in misses[: options.show]:
            print(f"    not first: {text!r}")


def generated_queries(papers: list[dict], count: int, rng: random.Random):
    """Return (kind, [(query, judge)]) for each kind of query, from random papers."""
    titled = [p for p in papers if len(p["title"].split()) >= 3]
    authored = [p for p in papers if p.get("authors")]
    venued = [p for p in papers if p.get("venue_short")]
    by_title = rng.sample(titled, count)
    two_words = []
    for paper in rng.sample(titled, count * 2):
        words = [w for w in paper["title"].split() if len(w) > 3 and w.isalpha()]
        if len(words) >= 2 and len(two_words) < count:
            pair = rng.sample(words, 2)
            two_words.append((" ".join(pair).lower(), _is_title(paper["title"])))
    surname_year = []
    for paper in rng.sample(authored, count):
        surname = rng.choice(paper["authors"]).split()[-1]
        surname_year.append((f"{surname} {paper['year']}", _by(surname, paper["year"])))
    venue_year = []
    for paper in rng.sample(venued, count):
        venue = paper["venue_short"]
        venue_year.append((f"{venue} {paper['year']}", _at(venue, paper["year"])))
    return [
        ("title as printed", [(p["title"], _is_title(p["title"])) for p in by_title]),
        ("title lower-cased", [(p["title"].lower(), _is_title(p["title"])) for p in by_title]),
        ("surname year", surname_year),
        ("VENUE year", venue_year),
        ("two title words", two_words),
    ]


def judged(text: str, judge: Judge) -> int | None:
    """Return the rank of the first right answer in the first ten, or None."""
    results = search.search(search.SearchRequest(text=text))
    for rank, hit in enumerate(results.papers[:10], start=1):
        if judge(hit.publication):
            return rank
    return None


def _is_title(title: str) -> Judge:
    wanted = title_key(title)
    return lambda paper: title_key(paper.title) == wanted


def _by(surname: str, year: int) -> Judge:
    wanted = name_key(surname)
    return lambda paper: (
        paper.year == year
        and any(wanted in name_key(a.display_name).split() for a in paper.authorships)
    )


def _at(venue: str, year: int) -> Judge:
    wanted = fold(venue)
    return lambda paper: (
        paper.year == year
        and wanted
        in {
            fold(paper.venue_label),
            fold(paper.venue.abbreviation if paper.venue else ""),
        }
    )


if __name__ == "__main__":
    main()
