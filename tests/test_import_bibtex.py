"""Importing a real, messy papers.bib: every entry accounted for, merged, linked, grouped."""

import re
from pathlib import Path

import pytest
from builders import CONTENT_DIR
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog.models import Authorship, Person, Publication, Venue, db
from importing.bibtex_reader import read_bibtex

FIXTURES = Path(__file__).parent / "fixtures"
MESSY = FIXTURES / "messy.bib"
# The demo's members and a member made for the tests whose papers print two spellings.
PEOPLE = (CONTENT_DIR / "people", FIXTURES / "people")
COPIES = FIXTURES / "copies.bib"
MESSY_KEYS = [
    "lyu2025solvable",
    "similae2020",
    "lv2022implicit",
    "10.1145/3357384.3357933",
    "Ng:2024",
    "notitle2020",
    "copy-of-solvable",
    "noyear",
    "broken2020",
    "after-broken",
]


def run_import(app, *args):
    return app.test_cli_runner().invoke(args=["import", *map(str, args)])


def import_messy(app, *args):
    return run_import(app, *PEOPLE, MESSY, *args)


def paper(session: Session, key: str) -> Publication:
    return session.scalars(select(Publication).filter_by(key=key)).one()


def test_every_entry_is_reported_by_key(app):
    result = import_messy(app)
    outcomes = re.findall(r"^(\w+) +publication (\S+)$", result.output, re.MULTILINE)
    entries = len(re.findall(r"^@(?!string)\w+\{", MESSY.read_text(), re.MULTILINE))
    assert len(outcomes) == entries == 11
    assert {key for _, key in outcomes} == set(MESSY_KEYS)
    assert outcomes.count(("rejected", "lv2022implicit")) == 1
    assert result.exit_code == 1


@pytest.mark.parametrize(
    "line",
    [
        f"{MESSY}:15 [similae2020]: fixed: DOI field holds a URL; stored the DOI "
        "10.5555/JMLR.2020.123",
        f"{MESSY}:30 [lv2022implicit]: fixed: field 'year' appears twice; kept the first value",
        f"{MESSY}:33 [lv2022implicit]: error: duplicate key 'lv2022implicit': the entry at line 24",
        f"{MESSY}:40 [10.1145/3357384.3357933]: fixed: empty author name",
        f"{MESSY}:55 [notitle2020]: error: entry has no title",
        f"{MESSY}:73 [broken2020]: error: entry could not be read",
        f"{MESSY}:24 [lv2022implicit]: warning: venue 'Internatinal Conferense on Learning "
        "Representations' looks like a misspelling",
    ],
)
def test_fixes_guesses_and_rejections_come_with_file_and_line(app, line):
    assert line in import_messy(app).output


def test_summary_counts_fixes_warnings_and_rejections(app):
    output = import_messy(app).output
    # Three profiles and seven papers added; the copy of one paper merged into it.
    assert "10 added, 0 updated, 1 merged, 0 unchanged, 3 rejected" in output
    assert re.search(r"; 4 fixed, \d+ warnings, 3 errors$", output.strip())


def test_good_entries_load_and_bad_ones_do_not(app, fresh_session):
    import_messy(app)
    keys = set(fresh_session.scalars(select(Publication.key)))
    assert keys == {
        "lyu2025solvable",
        "similae2020",
        "lv2022implicit",
        "10-1145-3357384-3357933",
        "ng-2024",
        "noyear",
        "after-broken",
    }
    # The first of two entries under one key wins, and the first of two year fields.
    kept = paper(fresh_session, "lv2022implicit")
    assert (kept.title, kept.year) == (
        "Implicit Bias of Adversarial Training for Deep Neural Networks",
        2022,
    )


def test_latex_and_names_are_read(app, fresh_session):
    import_messy(app)
    similae = paper(fresh_session, "similae2020")
    assert similae.title == "Learning with Bayesian Priors in Similä's Framework"
    assert [a.display_name for a in similae.authorships] == ["Timo Similä", "Bochen Lv"]
    ng = paper(fresh_session, "10-1145-3357384-3357933")
    assert [a.display_name for a in ng.authorships] == ["A. Ng", "Zhu", "Plato"]


def test_import_twice_changes_nothing(app):
    import_messy(app)
    with app.app_context(), Session(db.engine) as session:
        before = session.execute(select(Publication.key, Publication.updated_at)).all()
    result = import_messy(app)
    assert "0 added, 0 updated, 0 merged, 11 unchanged, 3 rejected" in result.output
    with app.app_context(), Session(db.engine) as session:
        assert session.execute(select(Publication.key, Publication.updated_at)).all() == before


def test_dry_run_shows_the_same_report_and_saves_nothing(app):
    dry = import_messy(app, "--dry-run")
    with app.app_context(), Session(db.engine) as session:
        assert session.scalar(select(func.count(Publication.id))) == 0
        assert session.scalar(select(func.count(Person.id))) == 0
    real = import_messy(app)
    assert dry.output.replace("Dry run, nothing saved: ", "") == real.output


def test_a_file_that_is_not_bibtex_is_an_error(app, fresh_session):
    result = run_import(app, FIXTURES / "not_bibtex.bib")
    assert result.exit_code == 1
    assert "no BibTeX entries found; is this a BibTeX file?" in result.output
    assert "rejected  file" in result.output
    assert fresh_session.scalar(select(func.count(Publication.id))) == 0


@pytest.mark.parametrize(
    ("copy_key", "stored_key", "added_link"),
    [
        ("simila-jmlr", "similae2020", "https://github.com/example/simila"),
        ("crossdomain-arxiv", "10-1145-3357384-3357933", "https://example.org/cd.pdf"),
        ("adversarial-openreview", "lv2022implicit", "https://example.org/adv.pdf"),
        ("solvable-again", "lyu2025solvable", "https://github.com/example/solvable"),
    ],
    ids=["same DOI", "same arXiv id", "same OpenReview id", "same title and year"],
)
def test_a_paper_from_another_file_is_merged_not_duplicated(
    app, fresh_session, copy_key, stored_key, added_link
):
    import_messy(app)
    result = run_import(app, COPIES)
    assert f"merged    publication {copy_key}" in result.output
    assert fresh_session.scalar(select(func.count(Publication.id))) == 7
    assert added_link in [link.url for link in paper(fresh_session, stored_key).links]
    again = run_import(app, COPIES)
    assert "0 added, 0 updated, 0 merged, 4 unchanged, 0 rejected" in again.output


def test_copies_in_one_load_are_written_once_and_settle(app, fresh_session):
    first = run_import(app, MESSY, COPIES)
    assert "merged    publication solvable-again" in first.output
    assert fresh_session.scalar(select(func.count(Publication.id))) == 7
    again = run_import(app, MESSY, COPIES)
    assert "0 added, 0 updated, 0 merged, 12 unchanged, 3 rejected" in again.output


def test_both_spellings_link_to_one_member(app, fresh_session):
    import_messy(app)
    bochen = fresh_session.scalars(select(Person).filter_by(slug="bochen-lyu")).one()
    linked = fresh_session.scalars(
        select(Authorship.display_name).filter_by(person_id=bochen.id)
    ).all()
    assert {"Bochen Lyu", "Bochen Lv"} <= set(linked)


def test_person_option_takes_an_abbreviated_name_to_be_the_member(app, tmp_path, fresh_session):
    bib = tmp_path / "papers.bib"
    bib.write_text("@misc{short, title={Short Names}, author={B. Lyu and Zhu, Z.}, year=2024}\n")
    result = run_import(app, *PEOPLE, bib, "--person", "bochen-lyu")
    assert "took 'B. Lyu' to be them and added it to their aliases" in result.output
    authorship = fresh_session.scalars(select(Authorship).filter_by(display_name="B. Lyu")).one()
    assert authorship.person.slug == "bochen-lyu"


def test_a_name_learned_by_person_option_survives_importing_the_profile_again(
    app, tmp_path, fresh_session
):
    bib = tmp_path / "papers.bib"
    bib.write_text("@misc{short, title={Short Names}, author={B. Lyu and Zhu, Z.}, year=2024}\n")
    run_import(app, *PEOPLE, bib, "--person", "bochen-lyu")

    again = run_import(app, *PEOPLE)

    assert "0 added, 0 updated" in again.output
    authorship = fresh_session.scalars(select(Authorship).filter_by(display_name="B. Lyu")).one()
    assert authorship.person.slug == "bochen-lyu"
    assert "B. Lyu" in authorship.person.other_names


def test_person_option_says_when_no_author_can_be_the_member(app, tmp_path):
    bib = tmp_path / "papers.bib"
    bib.write_text("@misc{other, title={Someone Else}, author={Ada Lovelace}, year=1843}\n")
    result = run_import(app, *PEOPLE, bib, "--person", "bochen-lyu")
    assert "[other]: warning: no author matches Bochen Lyu or their aliases" in result.output


@pytest.mark.parametrize(
    ("key", "venue"),
    [
        ("lyu2025solvable", "ICLR"),  # known misspelling, with abbr
        ("lv2022implicit", "ICLR"),  # a typo guessed
        ("ng-2024", "NeurIPS"),  # NIPS
        ("similae2020", "JMLR"),
    ],
)
def test_venue_variants_group_under_one_venue(app, fresh_session, key, venue):
    import_messy(app)
    assert paper(fresh_session, key).venue.abbreviation == venue
    assert fresh_session.scalar(select(func.count(Venue.id)).filter_by(key="iclr")) == 1


def test_printed_venue_stays_as_written(app, client):
    import_messy(app)
    html = client.get("/publications/lyu2025solvable").get_data(as_text=True)
    printed = re.search(r'<span class="venue">([^<]*)</span>', html).group(1)
    assert printed == "International Conference on Learning Representation, 2025"


def test_link_ids_are_normalised(app, fresh_session):
    import_messy(app)
    similae = paper(fresh_session, "similae2020")
    assert similae.doi == "10.5555/jmlr.2020.123"
    assert ("doi", "https://doi.org/10.5555/JMLR.2020.123") in [
        (link.kind, link.url) for link in similae.links
    ]
    assert paper(fresh_session, "10-1145-3357384-3357933").arxiv_id == "1905.01234"
    assert paper(fresh_session, "lv2022implicit").openreview_id == "HJgkx2Aqt7"


@pytest.mark.parametrize("url", ["/publications/10-1145-3357384-3357933", "/publications/ng-2024"])
def test_awkward_keys_get_working_pages(app, client, url):
    import_messy(app)
    assert client.get(url).status_code == 200


def test_keys_that_make_one_url_are_not_both_imported(app, tmp_path, fresh_session):
    bib = tmp_path / "papers.bib"
    bib.write_text(
        "@misc{Ng:2024, title={First}, year=2024}\n@misc{ng-2024, title={Second}, year=2024}\n"
    )
    result = run_import(app, bib)
    assert f"{bib}:2 [ng-2024]: error: duplicate key 'ng-2024'" in result.output
    assert fresh_session.scalars(select(Publication.title)).all() == ["First"]


def test_one_key_in_two_files_is_not_imported_twice(app, tmp_path, fresh_session):
    (tmp_path / "a.bib").write_text("@misc{same, title={From A}, year=2020}\n")
    (tmp_path / "b.bib").write_text("@misc{same, title={From B}, year=2021}\n")
    result = run_import(app, tmp_path)
    assert f"is also used at {tmp_path / 'a.bib'}:1" in result.output
    assert fresh_session.scalars(select(Publication.title)).all() == ["From A"]


def test_a_key_that_cannot_be_a_url_gets_one(app, tmp_path, fresh_session):
    bib = tmp_path / "papers.bib"
    bib.write_text("@misc{日本, title={Attention Everywhere}, author={Lee, Kim}, year=2020}\n")
    result = run_import(app, bib)
    assert "using the key 'lee-2020-attention'" in result.output
    assert fresh_session.scalars(select(Publication.key)).all() == ["lee-2020-attention"]


def test_a_field_given_twice_leaves_the_other_fields_read_as_usual():
    text = (
        "@string{conf = {NeurIPS}}\n"
        "@inproceedings{twice, title={First}, title={Second}, booktitle=conf, selected={true},\n"
        "  month={jun}, abbr={TEST}, doi={10.1234/abcd.5678}, pdf={https://example.org/a.pdf}}\n"
    )
    [record], [problem] = read_bibtex(text, "papers.bib")
    assert problem.message == "field 'title' appears twice; kept the first value"
    assert (record.title, record.venue_text, record.venue_abbreviation) == (
        "First",
        "NeurIPS",
        "TEST",
    )
    assert (record.selected, record.month, record.doi) == (True, 6, "10.1234/abcd.5678")
    assert [link.url for link in record.links if link.kind == "pdf"] == [
        "https://example.org/a.pdf"
    ]


def test_a_percent_sign_beside_latex_keeps_the_rest_of_its_line():
    text = (
        "@article{pct, title={Percent}, author={Rick Roe}, year={2024},\n"
        "  abstract={25% over the baseline on \\textsc{Bench}. The rest matters.\n"
        "Second line, and 10\\% already escaped.}}\n"
    )
    [record], _problems = read_bibtex(text, "papers.bib")
    assert record.abstract == (
        "25% over the baseline on Bench. The rest matters. Second line, and 10% already escaped."
    )


def test_a_file_name_with_spaces_is_one_link_and_several_urls_are_several():
    text = (
        "@misc{files, title={Files}, author={Rick Roe}, year={2024},\n"
        "  pdf={My Paper - Doe et al. - 2024.pdf},\n"
        "  code={https://github.com/a/one https://github.com/a/two}}\n"
    )
    [record], problems = read_bibtex(text, "papers.bib")
    assert not problems
    assert [(link.kind, link.url) for link in record.links] == [
        ("pdf", "/files/pdf/My%20Paper%20-%20Doe%20et%20al.%20-%202024.pdf"),
        ("code", "https://github.com/a/one"),
        ("code", "https://github.com/a/two"),
    ]


def test_a_doi_field_holding_another_address_is_kept_as_a_link():
    text = "@misc{hdl, title={Handle}, year={2024}, doi={http://hdl.handle.net/1721.1/12345}}\n"
    [record], [problem] = read_bibtex(text, "papers.bib")
    assert record.doi == ""
    assert [(link.kind, link.url) for link in record.links] == [
        ("html", "http://hdl.handle.net/1721.1/12345")
    ]
    assert problem.message.endswith("holds no DOI; kept as a link")


SHARED_DOI = (
    "@article{{{key}, title={{{title}}}, author={{Rick Roe}}, year={{2024}},\n"
    "  doi={{10.1234/shared.1}}, selected={{{selected}}}, code={{https://example.org/{key}}}}}\n"
)


@pytest.mark.parametrize("one_load", [True, False], ids=["in one load", "against stored"])
def test_two_titles_sharing_one_identifier_stay_two_papers(app, tmp_path, fresh_session, one_load):
    first = tmp_path / "first.bib"
    second = tmp_path / "second.bib"
    first.write_text(SHARED_DOI.format(key="roe-a", title="A First Paper", selected="true"))
    second.write_text(SHARED_DOI.format(key="roe-b", title="Another Study", selected="false"))
    if one_load:
        output = run_import(app, first, second).output
    else:
        run_import(app, first)
        output = run_import(app, second).output
    assert "added     publication roe-b" in output
    papers = {p.key: p for p in fresh_session.scalars(select(Publication))}
    assert sorted(papers) == ["roe-a", "roe-b"]
    assert (papers["roe-a"].selected, papers["roe-b"].selected) == (True, False)
    assert [link.url for link in papers["roe-a"].links if link.kind == "code"] == [
        "https://example.org/roe-a"
    ]
    if one_load:
        assert "shares its DOI '10.1234/shared.1' with 'roe-a'" in output
    assert "0 added, 0 updated, 0 merged, 2 unchanged" in run_import(app, first, second).output


def test_a_warning_met_for_many_entries_is_one_line_with_a_count(app, tmp_path):
    bib = tmp_path / "group.bib"
    bib.write_text(
        "".join(
            f"@misc{{p{n}, title={{Paper {n}}}, author={{Q. Author and R. S. Wu}}, year=2020}}\n"
            for n in range(6)
        )
    )

    result = run_import(app, bib)

    lines = [line for line in result.output.splitlines() if "only initials" in line]
    assert lines == [
        f"{bib}:1: warning: an author has only initials for a first name; members are linked "
        "by full name (12 times: p0, p1, p2 and 3 more)"
    ]
    assert "12 warnings" in result.output


def test_no_initials_warning_for_a_name_a_profile_lists(app, tmp_path, fresh_session):
    profile = tmp_path / "jane-doe.md"
    profile.write_text("---\nname: Jane Doe\naliases: [J. Doe]\n---\nBio.\n")
    bib = tmp_path / "papers.bib"
    bib.write_text("@misc{short, title={Short Names}, author={J. Doe and K. Roe}, year=2024}\n")

    result = run_import(app, profile, bib)

    assert "'K. Roe' has only initials" in result.output
    assert "'J. Doe' has only initials" not in result.output
    authorship = fresh_session.scalars(select(Authorship).filter_by(display_name="J. Doe")).one()
    assert authorship.person.slug == "jane-doe"
