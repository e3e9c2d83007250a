"""The benchmark corpus: real ACL Anthology papers, written as BibTeX and imported as users do.

The data file is sorted by year, so a smaller run takes a random sample (a fixed seed
makes runs comparable), never the first rows. A built instance can be kept and reused
(`--instance DIR`): importing all 103,514 papers takes minutes.
"""

import gzip
import json
import random
import re
import time
from pathlib import Path

from app import ROOT, create_app
from catalog.models import db
from importing.loader import load_content
from search import get_index
from search.maintenance import needs_repair

CORPUS = ROOT.parent / "shared" / "data" / "acl_anthology_pubs.jsonl.gz"
SEED = 20261202
# The loader refuses files over 20 MiB; the corpus is written in parts.
FILE_ENTRIES = 10_000
_UNSAFE = re.compile(r"[{}\\]")
_BUILT = "bench-corpus.json"


def read_papers(sample: int | None = None, seed: int = SEED) -> list[dict]:
    """Return every paper of the corpus, or a random sample of them in corpus order."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        papers = [json.loads(line) for line in lines]
    if sample is not None and sample < len(papers):
        chosen = sorted(random.Random(seed).sample(range(len(papers)), sample))
        papers = [papers[i] for i in chosen]
    return papers


def bibtex_entry(number: int, paper: dict) -> str:
    """Return one paper of the corpus as an al-folio style BibTeX entry."""
    anthology_id = (paper.get("url") or "").rstrip("/").rsplit("/", 1)[-1]
    fields = {
        "title": paper["title"],
        "author": " and ".join(paper.get("authors") or []),
        "booktitle": paper.get("venue", ""),
        "abbr": paper.get("venue_short", ""),
        "year": str(paper["year"]),
        "abstract": paper.get("abstract", ""),
        "html": paper.get("url", ""),
    }
    # Unbalanced braces or a stray backslash would end a field early.
    body = ",\n".join(
        f"  {name} = {{{_UNSAFE.sub('', value)}}}" for name, value in fields.items() if value
    )
    return f"@inproceedings{{{anthology_id or 'acl'}-{number},\n{body}\n}}\n"


def write_bibtex(folder: Path, papers: list[dict]) -> list[Path]:
    """Write the papers as BibTeX files of at most FILE_ENTRIES entries; return the files."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for start in range(0, len(papers), FILE_ENTRIES):
        path = folder / f"part-{start // FILE_ENTRIES:03}.bib"
        chunk = papers[start : start + FILE_ENTRIES]
        path.write_text("".join(bibtex_entry(start + n, p) for n, p in enumerate(chunk)))
        files.append(path)
    return files


def backend_settings(instance: Path, backend: str) -> dict[str, str]:
    """The settings of one search backend; each keeps its own index folder, so both can
    be measured on one imported instance without rebuilding each other's."""
    folder = "search-index" if backend == "whoosh" else f"search-index-{backend}"
    return {"SEARCH_BACKEND": backend, "SEARCH_INDEX_DIR": str(instance / folder)}


def prepared_app(instance: Path, papers: list[dict], backend: str = "whoosh"):
    """Return an app on an instance holding the papers, importing them unless already done.

    The index is brought up to date on start (a schema change or a new backend rebuilds
    it), so a kept instance always searches with the current code.
    """
    marker = instance / _BUILT
    wanted = {"papers": len(papers), "first": papers[0]["title"], "last": papers[-1]["title"]}
    settings = {
        "LOAD_CONTENT_ON_FIRST_START": False,
        **backend_settings(instance, backend),
    }
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        started = time.perf_counter()
        app = create_app(settings, instance_path=str(instance))
        with app.app_context():
            _wait_for_repair(get_index(app))
        elapsed = time.perf_counter() - started
        print(f"reusing {instance} ({len(papers)} papers; ready in {elapsed:.1f} s)")
        return app
    instance.mkdir(parents=True, exist_ok=True)
    for old in instance.iterdir():
        if old.name.startswith("scholarsite.sqlite3"):
            old.unlink()
    app = create_app(settings, instance_path=str(instance))
    files = write_bibtex(instance / "bibtex", papers)
    with app.app_context():
        started = time.perf_counter()
        report = load_content(files)
        loaded = time.perf_counter()
        db.session.commit()  # the commit also indexes (one bulk rebuild)
        committed = time.perf_counter()
    print(f"import: {report.summary()}")
    print(f"import (parse + write rows): {loaded - started:.1f} s")
    print(f"commit + index build:        {committed - loaded:.1f} s")
    marker.write_text(json.dumps(wanted))
    return app


def _wait_for_repair(search_index, seconds: float = 900) -> None:
    # A kept instance whose index is of an older schema is rebuilt in the background.
    deadline = time.monotonic() + seconds
    while needs_repair(search_index):
        if time.monotonic() > deadline:
            raise SystemExit("the search index was not rebuilt in time")
        time.sleep(1)
