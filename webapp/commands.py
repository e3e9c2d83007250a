"""Command-line verbs: `flask --app app import PATH...`, `lint` and friends."""

from collections import Counter
from pathlib import Path

import click
from flask import Flask, current_app

from catalog.models import Publication, db
from catalog.progress import shown_on_command_line
from catalog.queries import NEWEST_FIRST, PUBLICATION_DETAILS, find_person, person_publications
from catalog.records import Problem
from importing.assets import copy_into
from importing.content_files import content_files, read_text_file
from importing.linter import lint_bibtex
from importing.loader import load_content
from importing.report import LoadReport, problem_lines
from publishing.citations import EXPORT_FORMATS
from webapp.freezing import freeze_command
from webapp.instance_commands import backup_command, doctor_command, restore_command
from webapp.write_turns import write_turn


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--person", "person_slug", help="Make sure this member is linked to the papers.")
@click.option(
    "--assets",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="The site's assets folder (al-folio's assets/), where bare file names are.",
)
@click.option("--dry-run", is_flag=True, help="Report what would change; change nothing.")
@click.option(
    "--prune",
    is_flag=True,
    help="Also delete the papers these files held when last imported but hold no more.",
)
@click.option("--yes", is_flag=True, help="With --prune: delete without asking.")
def import_command(
    paths: tuple[Path, ...],
    person_slug: str | None,
    assets: Path | None,
    dry_run: bool,
    prune: bool,
    yes: bool,
) -> None:
    """Load profiles (.md) and publications (.bib) from files or folders."""
    with write_turn(), shown_on_command_line():
        report = load_content(paths, person_slug, assets, prune=prune)
        if report.removed and not dry_run and not yes:
            _confirm_removal(report.removed)
        if dry_run:
            db.session.rollback()
        else:
            db.session.commit()
            copied = copy_into(report.site_files, Path(current_app.config["SITE_FILES_DIR"]))
    for status, kind, name in report.outcomes:
        if status != "unchanged":
            click.echo(f"{status:9} {kind:11} {name}")
    for line in problem_lines(report.problems):
        click.echo(line, err=True)
    if report.formats:
        read = ", ".join(
            f"{count} {kind}{'s' * (count > 1)}" for kind, count in report.formats.items()
        )
        click.echo(f"read as other themes' files: {read}")
    if report.site_files:
        count = len(report.site_files)
        files = f"{count} file{'s' * (count != 1)} named by entries"
        click.echo(f"{files} (not copied)" if dry_run else f"{files}: {copied} copied")
    summary = f"{report.summary()}; {_problem_counts(report.problems)}"
    click.echo(f"Dry run, nothing saved: {summary}" if dry_run else summary)
    if report.rejected:
        raise SystemExit(1)


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def lint_command(paths: tuple[Path, ...]) -> None:
    """Check BibTeX files (by default the site's content folder) and change nothing."""
    report = LoadReport()
    bibtex_files = content_files(paths or [Path(current_app.config["CONTENT_DIR"])], report).bibtex
    findings: list[Problem] = []
    for path in bibtex_files:
        text = read_text_file(path, report)
        if text is not None:
            findings.extend(lint_bibtex(text, str(path)))
    problems = [*report.problems, *findings]
    for line in problem_lines(problems):
        click.echo(line)
    click.echo(f"{len(bibtex_files)} BibTeX files checked: {_problem_counts(problems)}")
    if any(problem.severity == "error" for problem in problems):
        raise SystemExit(1)


def _confirm_removal(keys: list[str]) -> None:
    """List the papers a prune would delete and ask; anything but yes saves nothing."""
    papers = "This paper is" if len(keys) == 1 else f"These {len(keys)} papers are"
    click.echo(f"{papers} no longer in their files:", err=True)
    for key in keys:
        click.echo(f"  {key}", err=True)
    try:
        agreed = click.confirm("Delete them and save the import?", err=True)
    except click.Abort:  # no answer (no terminal, or Ctrl-C)
        agreed = False
    if not agreed:
        db.session.rollback()
        raise click.ClickException(
            "nothing was saved (--dry-run lists what would go, --yes deletes without asking)"
        )


def _problem_counts(problems: list[Problem]) -> str:
    counts = Counter(problem.severity for problem in problems)
    return f"{counts['fixed']} fixed, {counts['warning']} warnings, {counts['error']} errors"


@click.command("export")
@click.argument("format_name", metavar="bibtex|ris|csljson", type=click.Choice(EXPORT_FORMATS))
@click.option("--person", "person_slug", help="Only this member's papers.")
def export_command(format_name: str, person_slug: str | None) -> None:
    """Write every publication (or one member's) to standard output."""
    if person_slug:
        person = find_person(person_slug)
        if person is None:
            raise click.BadParameter(
                f"no person with the slug {person_slug!r}", param_hint="--person"
            )
        papers = person_publications(person)
    else:
        query = db.select(Publication).options(*PUBLICATION_DETAILS).order_by(*NEWEST_FIRST)
        papers = db.session.scalars(query).all()
    click.echo(EXPORT_FORMATS[format_name].render(papers), nl=False)


def init_app(app: Flask) -> None:
    """Add the site's commands to `flask --app app`."""
    app.cli.add_command(import_command)
    app.cli.add_command(lint_command)
    app.cli.add_command(export_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(doctor_command)
    app.cli.add_command(freeze_command)
