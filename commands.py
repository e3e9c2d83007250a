"""Command-line verbs: `flask --app app import PATH...` and friends."""

from pathlib import Path

import click
from flask import Flask

from content_loader import load_content
from models import db


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--person", "person_slug", help="Make sure this member is linked to the papers.")
@click.option("--dry-run", is_flag=True, help="Report what would change; change nothing.")
def import_command(paths: tuple[Path, ...], person_slug: str | None, dry_run: bool) -> None:
    """Load profiles (.md) and publications (.bib) from files or folders."""
    report = load_content(paths, person_slug)
    for status, kind, name in report.outcomes:
        if status != "unchanged":
            click.echo(f"{status:9} {kind:11} {name}")
    for problem in report.problems:
        click.echo(str(problem), err=True)
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run, nothing saved: {report.summary()}")
    else:
        db.session.commit()
        click.echo(report.summary())
    if report.rejected:
        raise SystemExit(1)


def register(app: Flask) -> None:
    """Add the site's commands to `flask --app app`."""
    app.cli.add_command(import_command)
