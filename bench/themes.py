"""Import the sample al-folio, academicpages and Hugo Blox sites as a user would.

Each sample (tests/theme_sites.py, written in its theme's format) goes into a new
instance through `flask --app app import SITE --person jane-doe`; the report and what
came over (people, papers, links, copied files) are printed per theme.

Run from the repository root: python -m bench.themes
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from app import ROOT

sys.path.insert(0, str(ROOT / "tests"))
from theme_sites import SITES  # noqa: E402  (a module of the tests, not a package)

COUNTS = {
    "people": "SELECT count(*) FROM person",
    "papers": "SELECT count(*) FROM publication",
    "paper links": "SELECT count(*) FROM publication_link",
    "profile links": "SELECT count(*) FROM person_link",
    "papers linked to the member": "SELECT count(DISTINCT publication_id) FROM authorship "
    "WHERE person_id IS NOT NULL",
}


def import_site(site: Path, instance: Path) -> str:
    environment = {
        **os.environ,
        "FLASK_LOAD_CONTENT_ON_FIRST_START": "false",
    }
    app = f"app:create_app(instance_path={str(instance)!r})"
    command = [sys.executable, "-m", "flask", "--app", app, "import", str(site)]
    result = subprocess.run(
        [*command, "--person", "jane-doe"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout + result.stderr


def main() -> None:
    for theme, write_site in SITES.items():
        with tempfile.TemporaryDirectory() as folder:
            site = write_site(Path(folder) / "site")
            instance = Path(folder) / "instance"
            print(f"## {theme}")
            print(import_site(site, instance).rstrip())
            with sqlite3.connect(instance / "scholarsite.sqlite3") as database:
                for label, query in COUNTS.items():
                    print(f"    {label}: {database.execute(query).fetchone()[0]}")
            files = instance / "files"
            copied = sum(1 for path in files.rglob("*") if path.is_file()) if files.exists() else 0
            print(f"    files copied: {copied}")
            print()


if __name__ == "__main__":
    main()
