"""Time `flask freeze` on a kept instance, then again after one edit.

Run: python -m bench.freeze --instance /tmp/acl --out /tmp/acl-copy [--processes 2]

The first freeze writes the whole copy into an empty OUT (its files, its size on disk,
Pagefind's share of it); then one random paper's title changes, as an edit in the
browser would change it, and the copy is frozen again into the same OUT. The second run
is printed beside the first, as a ratio, with how many files it rewrote; the paper is
then put back as it was.
"""

import argparse
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app import ROOT, create_app
from bench.corpus import SEED
from catalog.models import Publication, db
from webapp.freezing import PAGEFIND_FOLDER

_REPORT = re.compile(r"Wrote ([\d,]+) files to .* in ([\d.]+) s; search index in ([\d.]+) s")


def timed_freeze(instance: Path, out: Path, processes: int) -> tuple[float, float, int]:
    """Run `flask freeze` as a user would; return its page and search index times, and
    the files it wrote."""
    command = [
        *(
            sys.executable,
            "-m",
            "flask",
            "--app",
            f"app:create_app(instance_path={str(instance)!r})",
        ),
        *("freeze", str(out), "--processes", str(processes)),
        *("--base-url", "http://127.0.0.1:8000/"),
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    files, pages, indexing = _REPORT.search(result.stdout).groups()
    return float(pages), float(indexing), int(files.replace(",", ""))


def modification_times(out: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in out.rglob("*") if path.is_file()}


def size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def site(instance: Path):
    return create_app({"LOAD_CONTENT_ON_FIRST_START": False}, instance_path=str(instance))


def retitle(instance: Path, key: str, title: str) -> str:
    """Change a paper's title and commit, as an edit would; return the title it had."""
    with site(instance).app_context():
        paper = db.session.scalars(select(Publication).filter_by(key=key)).one()
        before, paper.title = paper.title, title
        db.session.commit()
    return before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--processes", type=int, default=2)
    options = parser.parse_args()
    shutil.rmtree(options.out, ignore_errors=True)

    pages, indexing, files = timed_freeze(options.instance, options.out, options.processes)
    print(f"first freeze: {files:,} files in {pages:.1f} s, Pagefind's index in {indexing:.1f} s")
    print(
        f"size on disk: {size(options.out) / 1e6:,.0f} MB, "
        f"of which Pagefind's index {size(options.out / PAGEFIND_FOLDER) / 1e6:,.0f} MB"
    )

    with site(options.instance).app_context():
        keys = db.session.scalars(select(Publication.key).order_by(Publication.id)).all()
    key = random.Random(SEED).choice(keys)
    before_edit = modification_times(options.out)
    title = retitle(options.instance, key, "Frozen Again: A Benchmark Title")
    try:
        again, indexing_again, _files = timed_freeze(
            options.instance, options.out, options.processes
        )
    finally:
        retitle(options.instance, key, title)
    after = modification_times(options.out)
    rewritten = [
        path
        for path, stamp in after.items()
        if before_edit.get(path) != stamp and PAGEFIND_FOLDER not in path.parts
    ]
    print(
        f"after one edit ({key}): pages in {again:.1f} s ({again / pages:.2f}x the first), "
        f"Pagefind in {indexing_again:.1f} s; {len(rewritten):,} of {files:,} files rewritten"
    )
    for path in sorted(rewritten)[:12]:
        print(f"  {path.relative_to(options.out)}")


if __name__ == "__main__":
    main()
