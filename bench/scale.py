"""Time every kind of page on a big site against /robots.txt, through gunicorn.

The most prolific author of the corpus is given a profile (as a lab would add its
busiest member), then each page is asked several times and its median time printed as
a ratio to the median of /robots.txt measured between them in the same run: these
machines are noisy, ratios less so. The workers' memory after the run is printed too.

Run from the repository root:

    .venv/bin/python -m bench.scale --instance /tmp/acl       # all 103,514 papers, kept
    .venv/bin/python -m bench.scale --sample 10000
"""

import argparse
import http.client
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

import search
from bench.corpus import prepared_app, read_papers
from bench.search import start_gunicorn
from catalog.listing import NEWEST_FIRST
from catalog.models import NEWEST_YEAR, Authorship, Publication, db
from catalog.names import slugify
from catalog.operations import upsert_person
from catalog.records import PersonRecord

# A page about one member, or any page of a list, answers within this many robots.txt.
TARGET_RATIO = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=None, help="a random sample of papers")
    parser.add_argument("--instance", type=Path, default=None, help="kept between runs")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--requests", type=int, default=15, help="asked of each page")
    parser.add_argument("--backend", choices=sorted(search.BACKENDS), default="whoosh")
    options = parser.parse_args()

    instance = options.instance or Path(tempfile.mkdtemp(prefix="scholarsite-scale-"))
    papers = read_papers(options.sample)
    app = prepared_app(instance, papers, options.backend)
    with app.app_context():
        slug, count = add_busiest_author()
        paper_key = db.session.scalar(select(Publication.key).order_by(Publication.id).limit(1))
        pages = db.session.scalar(select(func.count(Publication.id))) // 20 + 1
        deep = db.session.execute(
            select(NEWEST_YEAR, Publication.month, Publication.key)
            .order_by(*NEWEST_FIRST)
            .offset((pages - 2) * 20)
        ).first()
    print(f"{len(papers)} papers; {slug} has a profile with {count} papers")
    cursor = f"{deep[0]}.{deep[1] or 0}.{deep[2]}"
    paths = [
        f"/people/{slug}",
        f"/people/{slug}/publications",
        f"/people/{slug}/publications.bib",
        f"/people/{slug}/publications.ris",
        f"/people/{slug}/publications.json",
        f"/people/{slug}/feed.atom",
        f"/api/v1/publications?person={slug}",
        "/api/v1/publications",
        f"/api/v1/publications?page={pages // 2}",
        f"/api/v1/publications?page={pages}",
        f"/api/v1/publications?after={cursor}",
        f"/publications/{paper_key}",
        "/feed.atom",
        "/sitemap.xml",
    ]
    server = start_gunicorn(instance, options.port, options.backend)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", options.port, timeout=60)
        robots = []
        print(f"{'page':58} {'median':>9} {'× robots':>9}  first   target")
        for path in paths:
            first = _timed(connection, path)
            timings = []
            for _ in range(options.requests):
                robots.append(_timed(connection, "/robots.txt"))
                timings.append(_timed(connection, path))
            ratio = statistics.median(timings) / statistics.median(robots)
            verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
            print(
                f"{path[:58]:58} {statistics.median(timings) * 1000:7.1f}ms {ratio:8.1f}× "
                f"{first * 1000:7.1f}ms  {verdict} {TARGET_RATIO}×"
            )
        print(f"/robots.txt median {statistics.median(robots) * 1000:.2f} ms")
        for pid, megabytes in _worker_memory(server.pid):
            print(f"worker {pid}: {megabytes:.0f} MB resident after the run")
    finally:
        server.terminate()
        server.wait()


def add_busiest_author() -> tuple[str, int]:
    """Give the author with the most papers a profile; return its slug and paper count."""
    name, count = db.session.execute(
        select(Authorship.display_name, func.count(Authorship.id))
        .group_by(Authorship.name_key)
        .order_by(func.count(Authorship.id).desc())
        .limit(1)
    ).one()
    slug = slugify(name)
    upsert_person(PersonRecord(slug=slug, name=name))
    db.session.commit()
    return slug, count


def _timed(connection: http.client.HTTPConnection, path: str) -> float:
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    assert response.status == 200, (path, response.status)
    return elapsed


def _worker_memory(master: int) -> list[tuple[int, float]]:
    """Return (pid, resident MB) of each gunicorn worker of this master."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if int(fields.get("PPid", "0").strip()) == master:
            found.append((int(fields["Pid"]), int(fields["VmRSS"].split()[0]) / 1024))
    return found


if __name__ == "__main__":
    main()
