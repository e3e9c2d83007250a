"""`flask --app app import --prune`: removing the papers a file no longer holds."""

import pytest
from sqlalchemy import select

from catalog.models import Publication, db

ENTRY = "@article{{{key}, title = {{{title}}}, author = {{Doe, Ada}}, year = 2024}}\n"


@pytest.fixture
def bib(app, tmp_path):
    path = tmp_path / "ada-doe.bib"
    path.write_text(
        ENTRY.format(key="keep", title="A Paper That Stays")
        + ENTRY.format(key="drop", title="A Paper That Goes")
    )
    assert app.test_cli_runner().invoke(args=["import", str(path)]).exit_code == 0
    path.write_text(ENTRY.format(key="keep", title="A Paper That Stays"))
    return path


def keys() -> list[str]:
    """The keys stored, read in a session of their own (as another process would)."""
    db.session.remove()
    stored = sorted(db.session.scalars(select(Publication.key)))
    db.session.remove()
    return stored


def run(app, *args, answer=None):
    return app.test_cli_runner().invoke(args=["import", *args], input=answer)


def test_a_dry_run_lists_what_would_go_and_keeps_it(app, bib):
    result = run(app, "--prune", "--dry-run", str(bib))

    assert "removed   publication drop" in result.output
    assert "1 removed" in result.output and "Dry run" in result.output
    assert keys() == ["drop", "keep"]


def test_pruning_asks_first_and_saves_nothing_without_a_yes(app, bib):
    refused = run(app, "--prune", str(bib), answer="n\n")
    assert "no longer in their files" in refused.output and "drop" in refused.output
    assert refused.exit_code == 1 and keys() == ["drop", "keep"]

    agreed = run(app, "--prune", str(bib), answer="y\n")

    assert agreed.exit_code == 0 and keys() == ["keep"]


def test_yes_prunes_without_asking(app, bib):
    assert run(app, "--prune", "--yes", str(bib)).exit_code == 0

    assert keys() == ["keep"]


def test_a_plain_import_never_removes_a_paper(app, bib):
    assert run(app, str(bib)).exit_code == 0

    assert keys() == ["drop", "keep"]


def test_nothing_is_pruned_while_an_entry_cannot_be_read(app, bib):
    bib.write_text(bib.read_text() + "@article{drop, author = {Doe, Ada}, year = 2024}\n")

    result = run(app, "--prune", "--yes", str(bib))

    assert "nothing pruned" in result.output
    assert keys() == ["drop", "keep"]


def test_a_paper_of_another_file_is_never_pruned(app, bib, tmp_path):
    other = tmp_path / "other.bib"
    other.write_text(ENTRY.format(key="elsewhere", title="A Paper Of Another File"))
    run(app, str(other))

    assert run(app, "--prune", "--yes", str(bib)).exit_code == 0

    assert keys() == ["elsewhere", "keep"]
