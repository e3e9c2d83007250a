"""`backup`, `restore` and `doctor` on a real instance."""

import sqlite3
import tarfile
from pathlib import Path

import pytest
from builders import make_person, make_publication
from sqlalchemy import select

from catalog.models import Publication, db
from catalog.versions import current_version
from search import SearchRequest, search

# Backups copy a SQLite file (tests/test_postgresql.py: what PostgreSQL sites are told).
DATABASES = ("sqlite",)


@pytest.fixture
def site(app):
    make_person("ada-doe", "Ada Doe", bio="Before the backup.")
    make_publication("doe2024", "Sparse Lattice Sampling", ["Ada Doe"], 2024)
    files = Path(app.config["SITE_FILES_DIR"]) / "pdf"
    files.mkdir(parents=True)
    (files / "doe2024.pdf").write_bytes(b"%PDF-1.4 the paper")
    return app


def run(app, *args, answer=None):
    result = app.test_cli_runner().invoke(args=list(args), input=answer)
    db.session.remove()
    return result


def found(text: str) -> set[str]:
    return {hit.publication.key for hit in search(SearchRequest(text=text)).papers}


def keys() -> list[str]:
    found = sorted(db.session.scalars(select(Publication.key)))
    db.session.remove()
    return found


def test_a_restore_brings_back_the_content_files_and_search_of_a_backup(site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    made = run(site, "backup", str(archive))
    assert made.exit_code == 0 and "1 papers and 1 people" in made.output
    with tarfile.open(archive) as tar:
        assert {"scholarsite.sqlite3", "files/pdf/doe2024.pdf"} <= set(tar.getnames())

    make_publication("later2025", "Written After The Backup", ["Ada Doe"], 2025)
    (Path(site.config["SITE_FILES_DIR"]) / "pdf" / "doe2024.pdf").write_bytes(b"changed")
    version = current_version()
    db.session.remove()

    restored = run(site, "restore", "--yes", str(archive))

    assert restored.exit_code == 0, restored.output
    assert keys() == ["doe2024"]
    assert (Path(site.config["SITE_FILES_DIR"]) / "pdf" / "doe2024.pdf").read_bytes() == (
        b"%PDF-1.4 the paper"
    )
    kept = list(Path(site.config["SITE_FILES_DIR"]).parent.glob("files.before-restore-*"))
    assert len(kept) == 1 and (kept[0] / "pdf" / "doe2024.pdf").read_bytes() == b"changed"
    assert current_version() > version  # no page kept for the content before the restore
    assert found("written after") == set()
    assert found("sparse lattice") == {"doe2024"}


def test_a_restore_asks_first(site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    run(site, "backup", str(archive))
    make_publication("later2025", "Written After The Backup", ["Ada Doe"], 2025)

    refused = run(site, "restore", str(archive), answer="n\n")

    assert refused.exit_code == 1 and keys() == ["doe2024", "later2025"]


@pytest.mark.parametrize("content", [b"not an archive", None])
def test_something_that_is_no_backup_is_refused_and_changes_nothing(site, tmp_path, content):
    archive = tmp_path / "other.tar.gz"
    if content is None:  # an archive, but of something else
        other = tmp_path / "notes.txt"
        other.write_text("notes")
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(other, "notes.txt")
    else:
        archive.write_bytes(content)

    refused = run(site, "restore", "--yes", str(archive))

    assert refused.exit_code == 1
    assert "not a backup" in refused.output
    assert keys() == ["doe2024"]


def test_a_backup_never_overwrites_a_file(site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    archive.write_text("keep me")

    result = run(site, "backup", str(archive))

    assert result.exit_code == 1 and "exists already" in result.output
    assert archive.read_text() == "keep me"


def test_the_doctor_finds_a_sound_site_sound_and_names_what_is_wrong(site):
    site.config["SECRET_KEY"] = "f" * 64
    site.config["SITE_URL"] = "https://lab.example.org"

    sound = run(site, "doctor")

    assert sound.exit_code == 0, sound.output
    assert "ok       database: sound, 1 papers and 1 people" in sound.output
    assert "ok       search index: matches the database" in sound.output

    site.config["SECRET_KEY"] = "dev"
    site.config["SITE_URL"] = "http://lab.example.org"

    ill = run(site, "doctor")

    assert ill.exit_code == 1
    assert "problem  SECRET_KEY: a placeholder" in ill.output
    assert "warning  SITE_URL http://lab.example.org is not https" in ill.output


def test_a_backup_into_a_folder_that_is_not_there_says_so(site, tmp_path):
    result = run(site, "backup", str(tmp_path / "nowhere" / "site.tar.gz"))

    assert result.exit_code == 1 and "make it first" in result.output


def test_a_restore_keeps_the_database_it_replaces(site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    run(site, "backup", str(archive))
    make_publication("later2025", "Written After The Backup", ["Ada Doe"], 2025)

    run(site, "restore", "--yes", str(archive))

    kept = list(Path(site.instance_path).glob("scholarsite.before-restore-*.sqlite3"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as before:
        assert before.execute("SELECT count(*) FROM publication").fetchone()[0] == 2
    before.close()
