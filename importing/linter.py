"""Find what is doubtful in a bibliography: the checks import runs and `lint` prints.

Pure: publication records in, problems out. The BibTeX reader already reports what
it fixed or could not read; these checks look at what it read and change nothing.
"""

import re
from datetime import date

from catalog.lengths import paper_too_long
from catalog.names import name_key
from catalog.records import Problem, PublicationRecord
from catalog.venues import match_venue
from importing.bibtex_reader import read_bibtex

VENUE_EXPECTED = {"article", "inproceedings", "conference", "incollection"}
_INITIAL = re.compile(r"^\w\.?(?:-\w\.?)?$")
# Causes met once per author per entry: a report shows each once, with a count.
NO_FIRST_NAME = "an author has no first name"
ONLY_INITIALS = "has only initials for a first name; members are linked by full name"


def lint_bibtex(text: str, source: str, this_year: int | None = None) -> list[Problem]:
    """Return every problem in a BibTeX text: what reading met, then what the checks find."""
    records, problems = read_bibtex(text, source)
    return sorted(
        [*problems, *lint_records(records, this_year)],
        key=lambda problem: problem.line or 0,
    )


def lint_records(
    records: list[PublicationRecord],
    this_year: int | None = None,
    known_names: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Return the doubtful points of each record, and the papers listed twice.

    :param known_names: name keys of the members' names and aliases: an author printed
        so is linked, whatever their first name looks like.
    """
    this_year = this_year or date.today().year
    problems: list[Problem] = []
    first_seen: dict[tuple[str, str], PublicationRecord] = {}
    for record in records:
        problems.extend(_record_problems(record, this_year, known_names))
        for identity in record.identities():
            earlier = first_seen.setdefault(identity, record)
            if earlier is not record:
                message = (
                    f"the same paper as {earlier.key!r} (line {earlier.line}, same "
                    f"{identity[0]}); the two are merged into one"
                )
                problems.append(_problem(record, message))
                break
    return problems


def _problem(
    record: PublicationRecord, message: str, severity: str = "warning", cause: str = ""
) -> Problem:
    return Problem(record.source, record.line, message, severity, record.key, cause)


def _record_problems(
    record: PublicationRecord, this_year: int, known_names: frozenset[str]
) -> list[Problem]:
    problems = []

    def report(message: str, severity: str = "warning", cause: str = "") -> None:
        problems.append(_problem(record, message, severity, cause))

    too_long = paper_too_long(record)
    if too_long:
        report("; ".join(too_long), "error")
    if record.year is None and not record.extra_fields.get("year"):
        report("no year")
    elif record.year is not None and record.year > this_year:
        report(f"year {record.year} is in the future")
    if not record.venue_text and record.entry_type in VENUE_EXPECTED:
        report("no venue (booktitle or journal)")
    letters = [c for c in record.title if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        report("title is in capitals; write it as it should be printed")
    for author in record.authors:
        if name_key(author.name) in known_names:
            continue
        if author.given_name == "":
            report(f"author {author.name!r} has no first name", cause=NO_FIRST_NAME)
        elif author.given_name and all(_INITIAL.match(p) for p in author.given_name.split()):
            report(f"author {author.name!r} {ONLY_INITIALS}", cause=f"an author {ONLY_INITIALS}")
    problems.extend(_venue_problems(record))
    return problems


def _venue_problems(record: PublicationRecord) -> list[Problem]:
    by_name = match_venue(name=record.venue_name)
    by_abbreviation = match_venue(abbreviation=record.venue_abbreviation)
    problems = []
    if by_name is not None and by_name.how == "misspelling":
        message = (
            f"venue {record.venue_name!r} is a known misspelling of {by_name.venue.name!r}; "
            f"listed under {by_name.venue.abbreviation}, printed as written"
        )
        problems.append(_problem(record, message, "fixed"))
    if by_name is not None and by_name.how == "guess":
        message = (
            f"venue {record.venue_name!r} looks like a misspelling of "
            f"{by_name.venue.name!r} ({by_name.venue.abbreviation})"
        )
        problems.append(_problem(record, message))
    if by_name and by_abbreviation and by_name.venue != by_abbreviation.venue:
        message = (
            f"abbreviation {record.venue_abbreviation!r} stands for "
            f"{by_abbreviation.venue.name!r}, but the venue is named like "
            f"{by_name.venue.abbreviation}; listed under {by_abbreviation.venue.abbreviation}"
        )
        problems.append(_problem(record, message))
    return problems
