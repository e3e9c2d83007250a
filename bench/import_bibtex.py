"""Measure BibTeX import: entries per second on a 10,000-entry file, first and again.

The file is written from ../shared/data/acl_anthology_pubs.jsonl.gz (real titles,
authors, venues and abstracts) into a temporary folder and imported into a temporary
instance through the `import` command, as a user would run it.

Run: python -m bench.import_bibtex [--entries 10000]
"""

import argparse
import gzip
import itertools
import json
import re
import tempfile
import time
from pathlib import Path

from app import ROOT, create_app

DATA = ROOT.parent / "shared" / "data" / "acl_anthology_pubs.jsonl.gz"
_UNSAFE = re.compile(r"[{}\\]")


def bibtex_entry(number: int, paper: dict) -> str:
    """Return one paper of the data set as an al-folio style BibTeX entry."""
    anthology_id = (paper.get("url") or "").rsplit("/", 1)[-1]
    fields = {
        "title": paper["title"],
        "author": " and ".join(paper["authors"]),
        "booktitle": paper["venue"],
        "abbr": paper["venue_short"],
        "year": str(paper["year"]),
        "abstract": paper.get("abstract", ""),
        "html": paper.get("url", ""),
    }
    body = ",\n".join(
        f"  {name} = {{{_UNSAFE.sub('', value)}}}" for name, value in fields.items() if value
    )
    return f"@inproceedings{{{anthology_id or 'acl'}-{number},\n{body}\n}}\n"


def write_bibtex(path: Path, entries: int) -> None:
    """Write entries papers, spread over the whole data set, to path."""
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        papers = (json.loads(line) for line in itertools.islice(lines, 0, None, 10))
        path.write_text(
            "".join(bibtex_entry(n, p) for n, p in enumerate(itertools.islice(papers, entries)))
        )


def timed_import(app, path: Path) -> tuple[float, str]:
    runner = app.test_cli_runner()
    with app.app_context():
        started = time.perf_counter()
        result = runner.invoke(args=["import", str(path)])
        elapsed = time.perf_counter() - started
    summary = result.output.strip().splitlines()[-1]
    return elapsed, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bib = Path(folder) / "acl.bib"
        write_bibtex(bib, args.entries)
        print(f"{args.entries} entries, {bib.stat().st_size / 1e6:.1f} MB of BibTeX")
        settings = {"SECRET_KEY": "bench", "LOAD_CONTENT_ON_FIRST_START": False}
        app = create_app(settings, instance_path=str(Path(folder) / "instance"))
        for run in ("first import", "import again (idempotent)"):
            elapsed, summary = timed_import(app, bib)
            rate = args.entries / elapsed
            print(f"{run}: {elapsed:.1f} s, {rate:,.0f} entries/s ({summary})")


if __name__ == "__main__":
    main()
