"""Load content files (profiles and BibTeX) into the database and report what happened.

Profiles load before publications so that authors link to people by their names
and aliases. Each item is written inside a savepoint: one bad item is rejected
without undoing the others. The caller commits (or, for a dry run, rolls back).
"""

import re
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from catalog.lengths import paper_too_long
from catalog.models import CoauthorSpelling, Person, PersonAlias, Publication, db
from catalog.names import could_be_same_name, name_key, publication_key, title_key
from catalog.operations import (
    INTRODUCTION,
    ContentConflict,
    delete_publication,
    learn_person_alias,
    link_authorships,
    replace_coauthors,
    select_papers,
    set_site_text,
    upsert_person,
    upsert_publications,
)
from catalog.progress import meter
from catalog.records import Problem, PublicationRecord
from importing.academicpages_reader import read_academicpages_paper
from importing.assets import assets_beside, files_of
from importing.bibtex_reader import read_bibtex
from importing.content_files import HUGO_CITATION, content_files, read_text_file
from importing.hugo_reader import read_hugo_publication
from importing.linter import lint_records
from importing.profile_reader import read_coauthors, read_profile
from importing.report import LoadReport
from importing.theme_profiles import read_theme_profile

_ENTRY_START = re.compile(r"^[ \t]*@", re.MULTILINE)


def load_content(
    paths: Iterable[Path],
    person_slug: str | None = None,
    assets: Path | None = None,
    prune: bool = False,
) -> LoadReport:
    """Load profiles and BibTeX files from paths into the session (not committed).

    :param assets: where the files entries name by a bare file name are (al-folio's
        `assets/`); by default the `assets/` beside a `_bibliography/` folder.
    :param prune: also delete the papers a file of this load held when last loaded
        but holds no more (`report.removed` lists them).
    """
    report = LoadReport()
    files = content_files(paths, report)
    for path in files.profiles:
        text = read_text_file(path, report)
        if text is not None:
            _load_profile(text, path, report)
    for path in files.theme_profiles:
        text = read_text_file(path, report)
        if text is not None:
            _load_theme_profile(text, path, report)
    owner = _owner(person_slug, report)
    members = _members_by_name()
    known_names = frozenset(members)
    if files.coauthors:
        _load_coauthors(files.coauthors, known_names, report)
    for path in files.introductions:
        _load_introduction(path, report)
    records = _read_academicpages(files.papers, report, known_names)
    records += _read_hugo(files.hugo_pages, report, known_names, owner.name if owner else "")
    texts = [
        (path, text) for path in files.bibtex if (text := read_text_file(path, report)) is not None
    ]
    entries = [_entries_in(text) for _path, text in texts]
    reading = meter("reading BibTeX entries", sum(entries))
    for (path, text), count in zip(texts, entries, strict=True):
        read = _read_bibtex(text, str(path), report, known_names)
        _find_site_files(read, assets or assets_beside(path), report)
        records += read
        reading.advance(count)
    reading.finish()
    for record in records:
        record.file = str(Path(record.source).resolve())
    written = _write_papers(records, report, owner, members)
    if prune:
        paper_files = [*files.bibtex, *files.papers, *files.hugo_pages]
        _prune({str(path.resolve()) for path in paper_files}, written, report)
    return report


def load_bibtex_text(text: str, source: str, person_slug: str | None = None) -> LoadReport:
    """Load BibTeX given as text (pasted in the browser) as `load_content` loads a file:
    the same reader, linter and writes; the papers it writes belong to no file."""
    report = LoadReport()
    owner = _owner(person_slug, report)
    members = _members_by_name()
    records = _read_bibtex(text, source, report, frozenset(members))
    _write_papers(records, report, owner, members)
    return report


def _write_papers(
    records: list[PublicationRecord],
    report: LoadReport,
    owner: Person | None,
    members: dict[str, Person],
) -> set[int]:
    """Write the papers of a load; return the ids of the papers written."""
    written = _write_publications(records, report, owner, members)
    if owner is not None:
        link_authorships(owner)
    report.paper_ids |= written
    return written


def _prune(files: set[str], written: set[int], report: LoadReport) -> None:
    """Delete the papers last loaded from these files that this load did not write.

    Nothing is pruned after an error: an entry that could not be read is still in its
    file, and its paper must not go.
    """
    if any(problem.severity == "error" for problem in report.problems):
        message = "nothing pruned: fix the errors above first (an unread entry is no removal)"
        report.problems.append(Problem("--prune", None, message, "warning"))
        return
    gone = db.session.scalars(
        select(Publication)
        .where(Publication.source_file.in_(files), Publication.id.not_in(written))
        .order_by(Publication.key)
    ).all()
    for paper in gone:
        report.record("removed", "publication", paper.key)
        report.removed.append(paper.key)
        delete_publication(paper)


def _find_site_files(records: list[PublicationRecord], assets: Path | None, report) -> None:
    named = {site_file.name for site_file in report.site_files}
    for record in records:
        found, problems = files_of(record, assets)
        # Two entries may name one file (al-folio's shared posters): copied once.
        report.site_files += [site_file for site_file in found if site_file.name not in named]
        named |= {site_file.name for site_file in found}
        report.problems += problems


def _entries_in(text: str) -> int:
    """Count the entries of a BibTeX file as a line starting with "@" (to show progress)."""
    return len(_ENTRY_START.findall(text))


def _load_profile(text: str, path: Path, report: LoadReport) -> None:
    record, problems = read_profile(text, str(path), path.stem)
    _write_profile(record, problems, path, report)


def _load_introduction(path: Path, report: LoadReport) -> None:
    text = read_text_file(path, report)
    if text is not None:
        body = text.strip()
        _write(
            lambda: set_site_text(INTRODUCTION, body), "text", INTRODUCTION, str(path), None, report
        )


def _load_coauthors(paths: list[Path], members: frozenset[str], report: LoadReport) -> None:
    """Make the co-authors who are not members those the files list (all files together)."""
    people = []
    for path in paths:
        text = read_text_file(path, report)
        found, problems = read_coauthors(text, str(path)) if text is not None else (None, [])
        report.problems += problems
        if found is None:
            # Replacing the list with what the other files hold would drop this one's.
            report.record("rejected", "co-authors", str(path))
            return
        for spellings in found:
            taken = [name for name in spellings if name_key(name) in members]
            for name in taken:
                message = f"{name!r} is a member's name; left out of the co-authors"
                report.problems.append(Problem(str(path), None, message, "warning"))
            people.append([name for name in spellings if name not in taken])
    had_any = db.session.scalar(select(CoauthorSpelling.id).limit(1)) is not None
    status = ("updated" if had_any else "added") if replace_coauthors(people) else "unchanged"
    report.record(status, "co-authors", ", ".join(str(path) for path in paths))


def _load_theme_profile(text: str, path: Path, report: LoadReport) -> None:
    record, problems, theme = read_theme_profile(text, path)
    if theme:
        report.formats[f"{theme} profile"] += 1
    _write_profile(record, problems, path, report)


def _write_profile(record, problems: list[Problem], path: Path, report: LoadReport) -> None:
    report.problems.extend(problems)
    if record is None:
        report.record("rejected", "person", path.stem)
        return
    _write(lambda: upsert_person(record), "person", record.slug, str(path), record.line, report)


def _read_academicpages(
    paths: list[Path], report: LoadReport, known_names: frozenset[str]
) -> list[PublicationRecord]:
    records = []
    for path in paths:
        text = read_text_file(path, report)
        if text is None:
            continue
        record, problems = read_academicpages_paper(text, str(path), path.stem)
        report.formats["academicpages paper"] += 1
        _take_paper(record, problems, path.stem, records, report, known_names)
    return records


def _read_hugo(
    pages: list[Path], report: LoadReport, known_names: frozenset[str], owner_name: str
) -> list[PublicationRecord]:
    """Read Hugo Blox's publication pages, each with what its cite.bib adds."""
    records = []
    for page in pages:
        text = read_text_file(page, report)
        if text is None:
            continue
        record, problems = read_hugo_publication(text, str(page), page.parent.name, owner_name)
        report.formats["Hugo Blox publication"] += 1
        citation = page.parent / HUGO_CITATION
        if record is not None and citation.is_file():
            bibtex = read_text_file(citation, report)
            found, bibtex_problems = read_bibtex(bibtex, str(citation)) if bibtex else ([], [])
            problems += bibtex_problems
            for same in found[:1]:
                record.absorb(same)
        _take_paper(record, problems, page.parent.name, records, report, known_names)
    return records


def _take_paper(
    record: PublicationRecord | None,
    problems: list[Problem],
    name: str,
    records: list[PublicationRecord],
    report: LoadReport,
    known_names: frozenset[str],
) -> None:
    """Keep a paper one file held (checked by the linter), or record it as rejected."""
    if record is not None:
        problems = [*problems, *lint_records([record], known_names=known_names)]
    if record is None or paper_too_long(record):  # the linter said why
        report.record("rejected", "publication", name)
    else:
        records.append(record)
    report.problems += problems


def _read_bibtex(
    text: str, source: str, report: LoadReport, known_names: frozenset[str]
) -> list[PublicationRecord]:
    records, problems = read_bibtex(text, source)
    problems.extend(lint_records(records, known_names=known_names))
    # A text too long for the database is an error of the linter's, recorded below.
    records = [record for record in records if not paper_too_long(record)]
    report.problems.extend(sorted(problems, key=lambda problem: problem.line or 0))
    for problem in problems:
        if problem.severity != "error":
            continue
        if problem.line is None:
            report.record("rejected", "file", source)
        else:
            report.record("rejected", "publication", problem.key or f"line {problem.line}")
    return [record for record in records if _first_in_load(record, report)]


def _write_publications(
    records: list[PublicationRecord],
    report: LoadReport,
    owner: Person | None,
    members: dict[str, Person],
) -> set[int]:
    """Write each paper once, with every copy of it in the load folded into the first.

    Writing the copies one after another would have each undo the other's links, and
    loading again would never settle.
    """
    first_of: dict[tuple[str, str], PublicationRecord] = {}
    copies: dict[int, list[PublicationRecord]] = {}
    # Each file's own word on selection, before a copy's is folded into the first.
    selected = {id(record): record.selected for record in records}
    for record in records:
        first = _same_paper_in_load(record, first_of, report)
        if first is None:
            copies[id(record)] = []
            for identity in record.identities():
                first_of[identity] = record
        else:
            first.absorb(record)
            copies[id(first)].append(record)
            for identity in record.identities():
                first_of.setdefault(identity, first)
    firsts = [record for record in records if id(record) in copies]
    for record in firsts if owner else []:
        if not {a.key for a in owner.aliases} & {name_key(a.name) for a in record.authors}:
            _claim_for_owner(owner, record, report)
    # Papers raise no conflicts (keys are made unique), so they need no savepoint each.
    writes = upsert_publications(firsts)
    papers = [
        (one, written.paper_id)
        for record, written in zip(firsts, writes, strict=True)
        for one in (record, *copies[id(record)])
    ]
    _write_selections(papers, selected, owner, members, report)
    written = {paper_id for _record, paper_id in papers}
    for record, (status, _paper_id) in zip(firsts, writes, strict=True):
        report.record(status, "publication", record.key)
        for copy in copies[id(record)]:
            if copy.source != record.source:
                message = f"the same paper as {record.key!r} ({record.source}:{record.line})"
                report.problems.append(
                    Problem(copy.source, copy.line, message, "warning", copy.key)
                )
            copy_status = status if status == "unchanged" else "merged"
            report.record(copy_status, "publication", copy.key)
    return written


def _write_selections(
    papers: list[tuple[PublicationRecord, int]],
    selected: dict[int, bool],
    owner: Person | None,
    members: dict[str, Person],
    report: LoadReport,
) -> None:
    """Select each paper for the member whose file it came from, as the file says.

    Whose file it is: the member given with --person, else the member the file is named
    after (`content/publications/<slug>.bib`), else the paper's one member author.
    """
    by_slug = {person.slug: person for person in members.values()}
    choices: dict[int, list[tuple[int, bool]]] = {}
    people: dict[int, Person] = {}
    for record, paper_id in papers:
        authors = {
            members[key] for key in (name_key(a.name) for a in record.authors) if key in members
        }
        member = owner or by_slug.get(Path(record.source).stem)
        if member is None and len(authors) == 1:
            member = next(iter(authors))
        if member is None:
            if selected[id(record)]:
                message = "selected, but by which member? Name them with --person"
                report.problems.append(
                    Problem(record.source, record.line, message, "warning", record.key)
                )
            continue
        people[member.id] = member
        choices.setdefault(member.id, []).append((paper_id, selected[id(record)]))
    for person_id, chosen in choices.items():
        select_papers(people[person_id], chosen)


def _members_by_name() -> dict[str, Person]:
    """Return each name key of the members' names and aliases -> that member."""
    aliases = db.session.scalars(select(PersonAlias).options(joinedload(PersonAlias.person)))
    return {alias.key: alias.person for alias in aliases}


def _same_paper_in_load(
    record: PublicationRecord, first_of: dict, report: LoadReport
) -> PublicationRecord | None:
    """Return the record of the load that is the same paper, warning of one that shares
    an identifier but not the title (both are kept)."""
    for kind, value in record.identities():
        first = first_of.get((kind, value))
        if first is None:
            continue
        if record.agrees_with(kind, title_key(first.title)):
            return first
        message = (
            f"shares its {kind} {value!r} with {first.key!r} ({first.source}:{first.line}) "
            "but not its title; both kept as separate papers"
        )
        report.problems.append(Problem(record.source, record.line, message, "warning", record.key))
    return None


def _first_in_load(record: PublicationRecord, report: LoadReport) -> bool:
    """Claim the record's URL key for this load; reject it if another file has it."""
    place = f"{record.source}:{record.line}"
    earlier = report.entry_places.setdefault(publication_key(record.key), place)
    if earlier == place:
        return True
    message = f"key {record.key!r} is also used at {earlier}; this entry was not imported"
    report.problems.append(Problem(record.source, record.line, message, key=record.key))
    report.record("rejected", "publication", record.key)
    return False


def _claim_for_owner(owner: Person, record: PublicationRecord, report: LoadReport) -> None:
    """Take the one author whose name could be the owner's to be them, or say there is none."""
    candidates = {
        author.name
        for author in record.authors
        if any(could_be_same_name(author.name, alias.name) for alias in owner.aliases)
    }
    message = f"no author matches {owner.name} or their aliases"
    if len(candidates) == 1:
        spelling = candidates.pop()
        try:
            learn_person_alias(owner, spelling)
            message = (
                f"no author matches {owner.name} exactly; took {spelling!r} to be them "
                "and added it to their aliases"
            )
        except ContentConflict as error:
            message = f"{message} ({error})"
    report.problems.append(Problem(record.source, record.line, message, "warning", record.key))


def _write(action, kind: str, name: str, source: str, line: int | None, report) -> str:
    savepoint = db.session.begin_nested()
    try:
        status = action()
    except ContentConflict as error:
        savepoint.rollback()
        report.problems.append(Problem(source, line, str(error), key=name))
        status = "rejected"
    else:
        savepoint.commit()
    report.record(status, kind, name)
    return status


def _owner(person_slug: str | None, report: LoadReport) -> Person | None:
    if not person_slug:
        return None
    person = db.session.scalars(select(Person).filter_by(slug=person_slug)).first()
    if person is None:
        report.problems.append(Problem("--person", None, f"no person with slug {person_slug!r}"))
        report.record("rejected", "person", person_slug)
    return person
