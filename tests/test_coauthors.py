"""Co-authors who are not members: several spellings, one person, no page."""

from page_reading import page_text
from sqlalchemy import func, select

from catalog.models import CoauthorSpelling

PAPERS = (
    "@misc{one, title={Spelt One Way}, author={Bo Lyu and Ada Doe}, year=2020}\n"
    "@misc{two, title={Spelt Another Way}, author={Bo Lv}, year=2021}\n"
)


def write(tmp_path, coauthors: str):
    (tmp_path / "papers.bib").write_text(PAPERS)
    (tmp_path / "coauthors.yml").write_text(coauthors)
    return tmp_path


def run_import(app, *args):
    return app.test_cli_runner().invoke(args=["import", *map(str, args)])


def test_either_spelling_finds_both_papers_and_no_page_is_made(app, client, tmp_path):
    result = run_import(app, write(tmp_path, "coauthors:\n  - [Bo Lyu, Bo Lv]\n"))

    assert "added     co-authors" in result.output
    for spelling in ("Bo%20Lyu", "Bo%20Lv"):
        text = page_text(client.get(f"/search?q=author:%22{spelling}%22").get_data(as_text=True))
        assert "Spelt One Way" in text and "Spelt Another Way" in text
    assert client.get("/people/bo-lyu").status_code == 404


def test_importing_the_same_list_again_changes_nothing(app, tmp_path):
    folder = write(tmp_path, "coauthors:\n  - [Bo Lyu, Bo Lv]\n")
    run_import(app, folder)

    again = run_import(app, folder)

    assert "0 added, 0 updated" in again.output


def test_a_spelling_taken_off_the_list_no_longer_finds_the_other(app, client, tmp_path):
    folder = write(tmp_path, "coauthors:\n  - [Bo Lyu, Bo Lv]\n")
    run_import(app, folder)
    (folder / "coauthors.yml").write_text("coauthors: []\n")

    run_import(app, folder)

    text = page_text(client.get("/search?q=author:%22Bo%20Lv%22").get_data(as_text=True))
    assert "Spelt Another Way" in text
    assert "Spelt One Way" not in text


def test_a_broken_list_is_rejected_and_keeps_the_stored_one(app, tmp_path, fresh_session):
    folder = write(tmp_path, "coauthors:\n  - [Bo Lyu, Bo Lv]\n")
    run_import(app, folder)
    (folder / "coauthors.yml").write_text("coauthors: Bo Lyu\n")

    result = run_import(app, folder)

    assert "'coauthors' must be a list of lists of names" in result.output
    assert "rejected  co-authors" in result.output
    assert fresh_session.scalar(select(func.count(CoauthorSpelling.id))) == 2


def test_a_member_s_name_stays_the_member_s(app, tmp_path):
    profile = tmp_path / "ada-doe.md"
    profile.write_text("---\nname: Ada Doe\n---\nAda.\n")
    write(tmp_path, "coauthors:\n  - [Ada Doe, A. Doe]\n")

    result = run_import(app, tmp_path)

    assert "'Ada Doe' is a member's name; left out of the co-authors" in result.output
