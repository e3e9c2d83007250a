"""A value can never become another field or another record in an export."""

import rispy
from builders import make_publication
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from catalog.models import Publication, db
from catalog.operations import upsert_publication
from catalog.queries import PUBLICATION_DETAILS
from catalog.records import PublicationRecord
from importing.bibtex_reader import read_bibtex
from publishing.bibtex_writer import publication_bibtex


def test_a_line_break_in_a_value_cannot_start_another_ris_record(app):
    with app.app_context():
        make_publication(abstract="line1\nER  -\nTY  - BOOK\nTI  - Injected")
    ris = app.test_client().get("/publications/lovelace1843notes.ris").get_data(as_text=True)
    [record] = rispy.loads(ris)
    assert record["title"] == "Notes on the Analytical Engine"
    assert record["abstract"] == "line1 ER - TY - BOOK TI - Injected"
    assert not any(line.startswith("TI  - Injected") for line in ris.splitlines())


def test_an_escaped_brace_cannot_become_a_field_of_its_own(app):
    text = "@misc{evil, title={Evil}, note = {end\\}, injected = \\{evil}}\n"
    [record], _ = read_bibtex(text, "evil.bib")
    assert record.note == "end}, injected = {evil"
    with app.app_context():
        upsert_publication(record)
        db.session.commit()
    exported = app.test_client().get("/publications/evil.bib").get_data(as_text=True)
    [again], problems = read_bibtex(exported, "again.bib")
    assert problems == []
    assert "injected" not in again.extra_fields
    assert again.note == record.note


def test_an_unbalanced_brace_in_a_plain_field_is_escaped(app):
    record = PublicationRecord(key="k", title="T", extra_fields={"isbn": "x}, evil = {y"})
    with app.app_context():
        exported = _exported(record)
    [again], _ = read_bibtex(exported, "again.bib")
    assert "evil" not in again.extra_fields
    assert again.title == "T"


# Text as the reader hands it on: one line, no space at either end, no NUL or surrogate.
line_of_text = (
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1)
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(title="pages 1--2", note="``quoted''", abstract="¿?` !`", award="a---b")
@given(title=line_of_text, note=line_of_text, abstract=line_of_text, award=line_of_text)
def test_prose_fields_round_trip_through_bibtex(app, title, note, abstract, award):
    record = PublicationRecord(
        key="k", title=title, note=note, abstract=abstract, award=award, venue_text=note
    )
    with app.app_context():
        exported = _exported(record)
    [again], problems = read_bibtex(exported, "again.bib")
    assert [p for p in problems if p.severity == "error"] == []
    assert (again.title, again.note, again.abstract, again.award) == (title, note, abstract, award)
    assert again.venue_text == note


def _in_braces_then(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Text in a pair of braces, then more text: "{inner}inner"."""
    return st.tuples(inner, inner).map(lambda pair: "{" + pair[0] + "}" + pair[1])


# Braces balanced as BibTeX counts them: a brace after a backslash does not count.
balanced_plain_text = st.recursive(
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00{}")).map(
        lambda text: text.rstrip("\\")
    ),
    _in_braces_then,
    max_leaves=5,
).map(str.strip)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=balanced_plain_text)
@example(value="ends in a backslash \\")
@example(value="{a}\\")
def test_plain_fields_round_trip_through_bibtex(app, value):
    record = PublicationRecord(key="k", title="T", extra_fields={"isbn": value})
    with app.app_context():
        exported = _exported(record)
    [again], _ = read_bibtex(exported, "again.bib")
    assert again.extra_fields.get("isbn", "") == value


def _exported(record: PublicationRecord) -> str:
    """Write the record, export the stored paper as the export view does, then undo."""
    upsert_publication(record)
    db.session.flush()
    query = select(Publication).filter_by(key=record.key).options(*PUBLICATION_DETAILS)
    exported = publication_bibtex(db.session.scalars(query).one())
    db.session.rollback()
    return exported
