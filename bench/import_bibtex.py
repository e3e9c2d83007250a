"""Measure BibTeX import: entries per second on a 10,000-entry file, first and again.

The file is written from ../shared/data/acl_anthology_pubs.jsonl.gz (real titles,
authors, venues and abstracts) into a temporary folder and imported into a temporary
instance through the `import` command, as a user would run it.

Run: python -m bench.import_bibtex [--entries 10000]
"""

import argparse
import tempfile
import time
from pathlib import Path

from app import create_app
from bench.corpus import bibtex_entry, read_papers


def write_bibtex(path: Path, entries: int) -> None:
    """Write a random sample of the corpus (it is sorted by year) to path."""
    papers = read_papers(entries)
    path.write_text("".join(bibtex_entry(n, p) for n, p in enumerate(papers)))


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
        settings = {"LOAD_CONTENT_ON_FIRST_START": False}
        app = create_app(settings, instance_path=str(Path(folder) / "instance"))
        for run in ("first import", "import again (idempotent)"):
            elapsed, summary = timed_import(app, bib)
            rate = args.entries / elapsed
            print(f"{run}: {elapsed:.1f} s, {rate:,.0f} entries/s ({summary})")


if __name__ == "__main__":
    main()
