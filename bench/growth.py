"""Measure how import and rebuild grow with the catalogue: 10k, 30k and every paper.

Each size is a random sample of the corpus (it is sorted by year), written as BibTeX
and imported into a new instance by `flask --app app import`, then re-indexed by
`flask --app app search rebuild`, each in a process of its own, as a user runs them.
Beside each: the peak memory of the command (its largest process, indexing processes
included) and the CPU SQLite takes to build an FTS5 index over the same papers,
measured in the same run, so the figures survive a noisy machine as ratios.

Run: python -m bench.growth [--sizes 10000 30000 0]   (0 is the whole corpus)
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from app import ROOT
from bench.corpus import read_papers, write_bibtex
from bench.peers import Fts5

IMPORT_SECONDS = 180
REBUILD_SECONDS = 90
PEAK_BYTES = 1024**3


def timed_command(instance: Path, *arguments: str) -> tuple[float, int, str]:
    """Run a flask command on the instance; return its seconds, peak bytes and last line."""
    environment = {
        **os.environ,
        "FLASK_LOAD_CONTENT_ON_FIRST_START": "false",
    }
    command = [
        sys.executable,
        "-m",
        "flask",
        "--app",
        f"app:create_app(instance_path={str(instance)!r})",
        *arguments,
    ]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = process.stdout.read().decode()
    # The rusage of wait4 holds the largest resident size of the command and of the
    # processes it waited for (the indexing processes of a rebuild), in KiB.
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{output[-2000:]}")
    lines = [line for line in output.splitlines() if line and not line.startswith("added ")]
    return elapsed, usage.ru_maxrss * 1024, lines[-1] if lines else ""


def write_sample(size: int, folder: Path) -> int:
    """Write a random sample as BibTeX files in folder; return how many papers."""
    papers = read_papers(size or None)
    write_bibtex(folder, papers)
    return len(papers)


def fts5_build_cpu(size: int) -> float:
    return Fts5(read_papers(size or None)).build_cpu


def measure(size: int, folder: Path, helper: ProcessPoolExecutor) -> dict:
    # The corpus is read in a helper process: a command forked from a process holding
    # it would start with its memory and report that as its peak.
    count = helper.submit(write_sample, size, folder / "bibtex").result()
    instance = folder / "instance"
    imported, import_peak, summary = timed_command(instance, "import", str(folder / "bibtex"))
    rebuilt, rebuild_peak, _ = timed_command(instance, "search", "rebuild")
    fts5 = helper.submit(fts5_build_cpu, size).result()
    return {
        "papers": count,
        "import": imported,
        "import_peak": import_peak,
        "rebuild": rebuilt,
        "rebuild_peak": rebuild_peak,
        "fts5": fts5,
        "summary": summary,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 0])
    args = parser.parse_args()
    rows = []
    helper = ProcessPoolExecutor(1, mp_context=get_context("spawn"), max_tasks_per_child=1)
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            row = measure(size, Path(folder), helper)
        rows.append(row)
        print(f"{row['papers']:,} papers: {row['summary']}", flush=True)
    first = rows[0]
    print()
    print(
        "| papers | import | rebuild | peak (import / rebuild) | FTS5 build CPU | rebuild ÷ FTS5 |"
    )
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['papers']:,} | {row['import']:.1f} s | {row['rebuild']:.1f} s "
            f"| {row['import_peak'] / 2**20:,.0f} / {row['rebuild_peak'] / 2**20:,.0f} MB "
            f"| {row['fts5']:.1f} s | {row['rebuild'] / row['fts5']:.0f}× |"
        )
    print()
    for row in rows[1:]:
        scale = row["papers"] / first["papers"]
        imported, rebuilt = row["import"] / first["import"], row["rebuild"] / first["rebuild"]
        print(
            f"{scale:.1f}× the papers of the first size: import {imported:.1f}×, "
            f"rebuild {rebuilt:.1f}× (linear is {scale:.1f}×)"
        )
    biggest = rows[-1]
    for label, value, target, unit in (
        ("import", biggest["import"], IMPORT_SECONDS, "s"),
        ("rebuild", biggest["rebuild"], REBUILD_SECONDS, "s"),
        ("peak memory", max(biggest["import_peak"], biggest["rebuild_peak"]), PEAK_BYTES, "B"),
    ):
        shown = f"{value / 2**20:,.0f} MB" if unit == "B" else f"{value:.1f} s"
        limit = f"{target / 2**20:,.0f} MB" if unit == "B" else f"{target} s"
        verdict = "met" if value <= target else "MISSED"
        print(f"{label} at {biggest['papers']:,} papers: {shown} (target ≤ {limit}) {verdict}")


if __name__ == "__main__":
    main()
