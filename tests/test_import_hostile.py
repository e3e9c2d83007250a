"""Hostile input: bounded, refused with a message, never a traceback, never half a file."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from catalog.models import Person, Publication
from importing import content_files
from importing.bibtex_reader import read_bibtex
from importing.limits import MAX_FIELD_CHARS
from importing.linter import lint_bibtex
from importing.profile_reader import read_profile

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = "@misc{good, title={A Good Entry}, author={Lovelace, Ada}, year=1843}\n"


def run_import(app, *args):
    return app.test_cli_runner().invoke(args=["import", *map(str, args)])


def count(session, model) -> int:
    return session.scalar(select(func.count(model.id)))


def test_a_file_over_the_size_bound_changes_nothing(app, tmp_path, monkeypatch, fresh_session):
    monkeypatch.setattr(content_files, "MAX_FILE_BYTES", 1024)
    bib = tmp_path / "huge.bib"
    bib.write_text(GOOD * 100)
    result = run_import(app, bib)
    assert result.exit_code == 1
    assert f"{bib}: error: file is larger than" in result.output
    assert count(fresh_session, Publication) == 0


def test_a_huge_field_rejects_its_entry_only(app, tmp_path, fresh_session):
    bib = tmp_path / "papers.bib"
    bib.write_text(
        GOOD + "@misc{big, title={Big}, abstract={" + "a" * (MAX_FIELD_CHARS + 1) + "}}\n"
    )
    result = run_import(app, bib)
    assert f"{bib}:2 [big]: error: field 'abstract' has 100,001 characters" in result.output
    assert fresh_session.scalars(select(Publication.key)).all() == ["good"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"@misc{a, title={Nul\x00}}", "file contains NUL bytes"),
        (b"@misc{a, title={Lone \xed\xa0\x80 surrogate}}", "file is not UTF-8 text (byte 21)"),
        (bytes(range(256)) * 4, "is not UTF-8 text"),
    ],
)
def test_binary_files_are_refused_with_a_message(app, tmp_path, fresh_session, data, message):
    bib = tmp_path / "papers.bib"
    bib.write_bytes(data)
    result = run_import(app, bib)
    assert result.exit_code == 1 and message in result.output
    assert count(fresh_session, Publication) == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [("@misc{a, title={\x00}}", "NUL bytes"), ("@misc{a, title={\ud800}}", "lone surrogate")],
)
def test_readers_refuse_text_no_column_should_hold(text, message):
    records, problems = read_bibtex(text, "form")
    assert records == [] and message in problems[0].message
    person, problems = read_profile(f"---\nname: {text}\n---\n", "form", "ada")
    assert person is None and message in problems[0].message


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("alias_bomb.md", "alias_bomb.md:3: error: front matter: anchors and aliases"),
        ("tagged.md", "tagged.md:2: error: front matter: YAML tags"),
    ],
)
def test_yaml_aliases_and_tags_are_refused(app, fresh_session, fixture, message):
    result = run_import(app, FIXTURES / fixture)
    assert result.exit_code == 1
    assert message in result.output
    assert count(fresh_session, Person) == 0


def test_deeply_nested_yaml_is_refused_before_parsing(tmp_path):
    text = "---\nname: Ada\ninterests: " + "[" * 100_000 + "]" * 100_000 + "\n---\n"
    person, problems = read_profile(text, "deep.md", "deep")
    assert person is None
    assert "nested deeper than 20 levels" in problems[0].message


def test_deeply_nested_braces_reject_the_entry_only(app, tmp_path, fresh_session):
    bib = tmp_path / "papers.bib"
    bib.write_text(GOOD + "@misc{deep, title={" + "{" * 5000 + "x" + "}" * 5000 + "}}\n")
    result = run_import(app, bib)
    assert f"{bib}:2 [deep]: error: braces are nested too deeply" in result.output
    assert fresh_session.scalars(select(Publication.key)).all() == ["good"]


def test_an_unterminated_entry_is_reported_and_the_rest_loads(app, tmp_path, fresh_session):
    bib = tmp_path / "papers.bib"
    bib.write_text(GOOD + "@misc{open, title={never closed\n")
    result = run_import(app, bib)
    assert f"{bib}:2 [open]: error: entry could not be read" in result.output
    assert fresh_session.scalars(select(Publication.key)).all() == ["good"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["@misc{", "@string{", "@comment{", "}", "{", ",", "=", '"', "#"]),
            st.sampled_from(["title", "author", "year", "doi", " and ", '\\"a', "\n", "$"]),
            st.text(max_size=8),
        ),
        max_size=40,
    ).map("".join)
)
def test_no_text_makes_the_reader_or_linter_raise(text):
    records, problems = read_bibtex(text, "fuzz.bib")
    assert all(record.title for record in records)
    lint_bibtex(text, "fuzz.bib")


@pytest.mark.parametrize(
    "latex", ["see \\href{https://example.org}{our site}", "a bare \\footnote", "\\sqrt"]
)
def test_latex_that_cannot_be_decoded_is_kept_as_written(app, tmp_path, fresh_session, latex):
    bib = tmp_path / "papers.bib"
    bib.write_text(GOOD + "@misc{odd, title={Odd}, abstract={" + latex + "}}\n")
    result = run_import(app, bib)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert f"{bib}:2 [odd]: warning: field 'abstract': its LaTeX could not be read" in result.output
    stored = dict(fresh_session.execute(select(Publication.key, Publication.abstract)).all())
    assert stored == {"good": "", "odd": latex}


LATEX_FRAGMENTS = [
    *("\\href", "\\url", "\\footnote", "\\sqrt", "\\frac", "\\textbf", "\\emph", "\\cite"),
    *("\\begin{itemize}", "\\end{itemize}", "\\item", "\\'", '\\"', "\\~", "\\c", "\\\\"),
    *("{", "}", "[", "]", "$", "$$", "%", "&", "~", "^", "_", "#", " ", "word", "\\ "),
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(LATEX_FRAGMENTS)
        | st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=3),
        max_size=30,
    ).map("".join)
)
def test_no_latex_in_a_prose_field_makes_the_reader_raise(latex):
    text = GOOD + "@misc{fuzz, title={Fuzz}, abstract={" + latex + "}, note={" + latex + "}}\n"
    records, _ = read_bibtex(text, "fuzz.bib")
    assert records[0].key == "good"


def test_a_profile_with_too_many_items_is_refused_with_the_limit(app, tmp_path, fresh_session):
    profile = tmp_path / "ada.md"
    interests = "\n".join(f"  - Interest {n}" for n in range(200_000))
    profile.write_text(f"---\nname: Ada Lovelace\ninterests:\n{interests}\n---\n")
    result = run_import(app, profile)
    assert result.exit_code == 1
    assert f"{profile}: error: file has {len(profile.read_text()):,} characters" in result.output
    assert "more than a profile's limit of 1,000,000" in result.output
    assert count(fresh_session, Person) == 0


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("interests: [" + ", ".join(["x"] * 501) + "]", "'interests' has 501 items"),
        ("links:\n" + "  - {kind: web, url: 'https://a.example'}\n" * 501, "'links' has 501 items"),
        ("tagline: " + "t" * 100_001, "'tagline' has 100,001 characters"),
    ],
)
def test_profile_lists_and_fields_are_bounded(front_matter, message):
    record, [problem] = read_profile(f"---\nname: Ada\n{front_matter}\n---\n", "ada.md", "ada")
    assert record is None
    assert message in problem.message


def test_a_biography_is_bounded():
    text = "---\nname: Ada\n---\n" + "b" * 100_001
    record, [problem] = read_profile(text, "ada.md", "ada")
    assert record is None
    assert "'biography' has 100,001 characters" in problem.message
