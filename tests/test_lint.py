"""The bibliography linter: each finding on a messy file, the demo content, the command."""

from pathlib import Path

import pytest
from builders import CONTENT_DIR
from sqlalchemy import func, select

from catalog.models import Publication
from importing.linter import lint_bibtex

MESSY = Path(__file__).parent / "fixtures" / "messy.bib"


@pytest.fixture(scope="module")
def findings() -> list[str]:
    return [str(problem) for problem in lint_bibtex(MESSY.read_text(), "messy.bib", 2025)]


@pytest.mark.parametrize(
    "finding",
    [
        "messy.bib:15 [similae2020]: fixed: DOI field holds a URL",
        "messy.bib:68 [noyear]: warning: no year",
        "messy.bib:68 [noyear]: warning: no venue (booktitle or journal)",
        "messy.bib:47 [Ng:2024]: warning: year 2031 is in the future",
        "messy.bib:40 [10.1145/3357384.3357933]: warning: author 'Zhu' has no first name",
        "messy.bib:40 [10.1145/3357384.3357933]: warning: author 'A. Ng' has only initials",
        "messy.bib:40 [10.1145/3357384.3357933]: fixed: empty author name",
        "messy.bib:60 [copy-of-solvable]: warning: the same paper as 'lyu2025solvable' "
        "(line 4, same title and year)",
        "messy.bib:15 [similae2020]: warning: unknown month 'smarch'",
        "messy.bib:47 [Ng:2024]: warning: title is in capitals",
        "messy.bib:4 [lyu2025solvable]: fixed: venue 'International Conference on Learning "
        "Representation' is a known misspelling",
        "messy.bib:33 [lv2022implicit]: error: duplicate key",
    ],
)
def test_linter_finds(findings, finding):
    assert any(line.startswith(finding) for line in findings), finding


def test_linter_lists_findings_in_line_order(findings):
    lines = [int(finding.split(":")[1].split()[0]) for finding in findings]
    assert lines == sorted(lines)


def test_well_formed_entry_has_no_findings():
    text = (
        "@inproceedings{ok, title={Fine}, author={Lovelace, Ada}, "
        "booktitle={ICML}, year=2020, month=jul}"
    )
    assert lint_bibtex(text, "ok.bib", 2025) == []


def test_an_abbreviation_of_another_venue_beside_a_known_name_is_pointed_out():
    text = (
        "@inproceedings{x, title={T}, author={Ada Byron}, abbr={ICLR}, year=2020,"
        " booktitle={International Conference on Machine Learning}}"
    )
    (problem,) = lint_bibtex(text, "x.bib", 2025)
    assert "abbreviation 'ICLR' stands for" in problem.message


def test_lint_command_on_the_demo_content_finds_the_venue_misspellings(app):
    result = app.test_cli_runner().invoke(args=["lint"])
    assert result.exit_code == 0, result.output
    # Two entries with the same misspelling are one line with its count.
    assert result.output.count("is a known misspelling") == 2
    assert "is a known misspelling of 'International Conference on Learning" in result.output
    assert "(2 times: " in result.output
    assert "2 BibTeX files checked: 3 fixed, 0 warnings, 0 errors" in result.output
    assert str(CONTENT_DIR / "publications" / "zhanxing-zhu.bib") + ":58 [yu2018spatio]" in (
        result.output
    )


def test_lint_command_fails_on_errors_and_changes_nothing(app, fresh_session):
    result = app.test_cli_runner().invoke(args=["lint", str(MESSY)])
    assert result.exit_code == 1
    assert "1 BibTeX files checked:" in result.output
    assert fresh_session.scalar(select(func.count(Publication.id))) == 0
