"""The `flask --app app search` verbs: rebuild and check."""

import time

import click
from whoosh.index import LockError

from catalog.progress import shown_on_command_line
from search.maintenance import check, rebuild
from search.store import UNREADABLE, get_index

BUSY = (
    "Another process is writing the search index (an import or a rebuild still running); "
    "try again when it has finished."
)


@click.group("search")
def search_cli() -> None:
    """Rebuild or check the search index."""


@search_cli.command("rebuild")
@click.option("--procs", default=2, show_default=True, help="Indexing processes.")
def rebuild_command(procs: int) -> None:
    """Rebuild the search index from the database (readers keep the old one meanwhile)."""
    search_index = get_index()
    if search_index.repairing.locked():
        click.echo("Waiting for the repair of the index that began as the site started…", err=True)
    try:
        with search_index.repairing, shown_on_command_line():
            started = time.perf_counter()
            count = rebuild(search_index, procs=procs)
    except LockError:
        raise click.ClickException(BUSY) from None
    click.echo(f"Indexed {count} documents in {time.perf_counter() - started:.1f} s.")


@search_cli.command("check")
def check_command() -> None:
    """Report differences between the database and the search index; exit 1 if any."""
    try:
        report = check(get_index())
    except UNREADABLE as error:
        raise click.ClickException(
            f"The search index cannot be read ({error}); "
            "rebuild it with: flask --app app search rebuild"
        ) from None
    for label, ids in (
        ("missing", report.missing),
        ("extra", report.extra),
        ("outdated", report.outdated),
    ):
        for doc_id in ids:
            click.echo(f"{label:8} {doc_id}")
    if get_index().is_stale():
        click.echo("the index is marked stale")
    if not report.ok or get_index().is_stale():
        raise SystemExit(1)
    click.echo("The search index matches the database.")
