"""Texts longer than the database keeps: one entry's problem, said as such, on SQLite and
PostgreSQL alike (PostgreSQL refuses them, which would end the whole import)."""

from builders import make_person
from signed_in import create_account, post, sign_in
from sqlalchemy import func, select
from test_editing import page, profile_form

from catalog.models import Person, Publication, Venue, db

LONG = "A" * 400


def load(app, folder):
    return app.test_cli_runner().invoke(args=["import", str(folder)])


def test_a_profile_with_a_position_too_long_is_rejected_and_the_rest_loads(app, tmp_path):
    (tmp_path / "ada.md").write_text(f"---\nname: Ada Long\nposition: {LONG}\n---\nBio.\n")
    (tmp_path / "alan.md").write_text("---\nname: Alan Short\n---\nBio.\n")
    result = load(app, tmp_path)
    assert result.exit_code != 0
    assert "position has 400 characters, more than the 300 kept" in result.output
    assert "Traceback" not in result.output
    assert db.session.scalars(select(Person.name)).all() == ["Alan Short"]


def test_a_paper_with_an_author_too_long_is_rejected_and_its_neighbours_load(app, tmp_path):
    (tmp_path / "papers.bib").write_text(
        "@article{long1, title={Too Long}, author={" + "B" * 250 + " Smith}, journal={J},"
        " year={2020}}\n"
        "@article{fine2, title={Just Fine}, author={Ada Short}, journal={J}, year={2021}}\n"
    )
    result = load(app, tmp_path)
    assert result.exit_code != 0
    assert "author 1 has 256 characters, more than the 200 kept" in result.output
    assert db.session.scalars(select(Publication.title)).all() == ["Just Fine"]


def test_a_long_title_and_a_long_venue_name_are_kept_whole(app, tmp_path):
    title = "Notes " * 600
    venue = "Proceedings of the " + "Very " * 90 + "Long Conference"
    (tmp_path / "papers.bib").write_text(
        f"@inproceedings{{long3, title={{{title}}}, author={{Ada Short}}, "
        f"booktitle={{{venue}}}, year={{2022}}}}\n"
    )
    result = load(app, tmp_path)
    assert result.exit_code == 0, result.output
    paper = db.session.scalars(select(Publication)).one()
    assert paper.title == title.strip()
    assert db.session.scalar(select(func.length(Venue.key))) <= 300
    # Loading it again finds the same paper: nothing new.
    db.session.remove()
    assert "0 added" in load(app, tmp_path).output


def test_a_co_author_spelling_too_long_is_refused(app, tmp_path):
    (tmp_path / "coauthors.yml").write_text(f"coauthors:\n  - [{LONG}, B. Short]\n")
    result = load(app, tmp_path)
    assert result.exit_code != 0
    assert "a co-author's name has more than 200 characters" in result.output


def test_a_spelling_too_long_in_the_profile_form_is_refused_and_nothing_is_lost(app, client):
    make_person("ada", "Ada Lovelace", position="Fellow")
    create_account(app, "admin@example.org", "--admin")
    sign_in(client, "admin@example.org")
    fields = {**profile_form(client, "ada"), "other_names": "B" * 250, "action": "save"}
    refused = post(client, "/admin/people/ada/", fields)
    assert refused.status_code == 400
    assert "spelling 1 has 250 characters, more than the 200 kept" in refused.get_data(as_text=True)
    assert "Fellow" in page(client, "/people/ada")
