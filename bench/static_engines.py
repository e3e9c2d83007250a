"""A static copy's search: Pagefind's chunked index beside a prebuilt index loaded whole.

Run: python -m bench.static_engines --instance /tmp/acl --out /tmp/acl-copy

The copy's search (Pagefind, `flask freeze`) fetches its index a chunk at a time. The
other design a static site can use is a small engine shipped with a prebuilt index that
the browser downloads and loads whole before the first search: MiniSearch (installed
from npm into a temporary folder; Node runs it) here, over the same papers' titles,
authors and venues. Printed: what each makes a first-time visitor download, and the
prebuilt index's load and search times (`bench.static_search` times Pagefind in
Chromium, where a page's scripts run as a visitor's would).
"""

import argparse
import gzip
import json
import os
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import select

from app import create_app
from bench.npm import npm_install
from bench.static_search import QUERIES
from catalog.models import Authorship, Publication, Venue, db
from webapp.freezing import PAGEFIND_FOLDER

HERE = Path(__file__).resolve().parent


def papers(instance: Path) -> list[dict]:
    """Each paper's title, authors, venue and year, as the copy's search indexes them."""
    app = create_app({"LOAD_CONTENT_ON_FIRST_START": False}, instance_path=str(instance))
    with app.app_context():
        authors: dict[int, list[str]] = {}
        rows = db.session.execute(
            select(Authorship.publication_id, Authorship.display_name).order_by(
                Authorship.publication_id, Authorship.position
            )
        )
        for paper, name in rows:
            authors.setdefault(paper, []).append(name)
        query = select(
            Publication.id, Publication.key, Publication.title, Publication.year, Venue.name
        )
        return [
            {
                "id": row.id,
                "key": row.key,
                "title": row.title,
                "authors": ", ".join(authors.get(row.id, [])),
                "venue": row.name or "",
                "year": row.year,
            }
            for row in db.session.execute(query.outerjoin(Venue, Publication.venue_id == Venue.id))
        ]


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True, help="a copy `flask freeze` wrote")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        npm_install(work, "minisearch@7")
        (work / "papers.json").write_text(json.dumps(papers(options.instance)))
        result = subprocess.run(
            [
                "node",
                str(HERE / "prebuilt_index.mjs"),
                str(work / "node_modules/minisearch/dist/es/index.js"),
                str(work / "papers.json"),
                str(work / "index.json"),
            ],
            env={**os.environ, "QUERIES": json.dumps(QUERIES)},
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(result.stdout)
        compressed = len(gzip.compress((work / "index.json").read_bytes(), 6))
    pagefind = options.out / PAGEFIND_FOLDER
    entry = sum(
        path.stat().st_size
        for path in pagefind.iterdir()
        if path.is_file() and path.suffix in (".js", ".json", ".css")
    )
    print(f"{figures['papers']:,} papers")
    print(
        f"MiniSearch, prebuilt: {figures['bytes'] / 1e6:,.1f} MB of JSON "
        f"({compressed / 1e6:,.1f} MB gzipped) downloaded whole before the first search; "
        f"built in {figures['built'] / 1e3:.1f} s, loaded in {figures['loading'] / 1e3:.1f} s, "
        f"{figures['heap'] / 1e6:,.0f} MB of heap after loading"
    )
    print(
        f"Pagefind: {folder_size(pagefind) / 1e6:,.1f} MB on disk in "
        f"{sum(1 for _ in pagefind.rglob('*')):,} files, fetched a chunk at a time; "
        f"its scripts and entry file {entry / 1e3:,.0f} kB "
        f"(prebuilt / Pagefind on disk: {compressed / folder_size(pagefind):.2f}x gzipped)"
    )
    for search in figures["searches"]:
        print(
            f"  MiniSearch {search['query'][:50]:50} {search['hits']:>7,} hits"
            f" {search['ms']:7.1f} ms"
        )


if __name__ == "__main__":
    main()
