"""Whole al-folio, academicpages and Hugo Blox sites: one import each, profile and papers."""

from page_reading import page_text, read_page
from sqlalchemy import func, select
from theme_sites import academicpages_site, al_folio_site, hugo_site

from catalog.models import Person, Publication


def run_import(app, *args):
    return app.test_cli_runner().invoke(args=["import", *map(str, args)])


def profile_and_papers(session) -> tuple[Person, list[str]]:
    person = session.scalars(select(Person)).one()
    papers = [a.publication.key for a in person.authorships]
    return person, papers


def test_an_al_folio_site_is_one_import(app, client, tmp_path, fresh_session):
    result = run_import(app, al_folio_site(tmp_path / "site"))

    assert result.exit_code == 0, result.output
    assert "read as other themes' files: 1 al-folio profile" in result.output
    person, papers = profile_and_papers(fresh_session)
    assert (person.slug, person.name, person.email) == ("jane-doe", "Jane Doe", "jane@example.org")
    assert person.tagline == "Tree Lab, Example University"
    assert person.address == "Room 1, Example Street, Exampleton"
    assert {(link.kind, link.url) for link in person.links} == {
        ("scholar", "https://scholar.google.com/citations?user=AbCdEf"),
        ("github", "https://github.com/janedoe"),
    }
    assert papers == ["doe2024"]
    html = client.get("/people/jane-doe").get_data(as_text=True)
    assert "<strong>trees</strong>" in html
    with client.get("/files/pdf/doe2024.pdf") as pdf:
        assert pdf.status_code == 200
    assert fresh_session.scalar(select(func.count(Publication.id))) == 1


def test_an_academicpages_site_is_one_import(app, client, tmp_path, fresh_session):
    result = run_import(app, academicpages_site(tmp_path / "site"), "--person", "jane-doe")

    assert result.exit_code == 0, result.output
    assert "1 academicpages profile, 1 academicpages paper" in result.output
    person, papers = profile_and_papers(fresh_session)
    assert (person.name, person.tagline, person.address) == (
        "Jane Doe",
        "Tree researcher",
        "Exampleton",
    )
    assert person.affiliations == [{"name": "Example University"}]
    assert ("github", "https://github.com/janedoe") in {(k.kind, k.url) for k in person.links}
    assert papers == ["2024-01-01-trees"]
    assert "Jane studies trees." in page_text(client.get("/people/jane-doe").get_data(as_text=True))


def test_a_hugo_blox_site_is_one_import(app, client, tmp_path, fresh_session):
    result = run_import(app, hugo_site(tmp_path / "site"), "--person", "jane-doe")

    assert result.exit_code == 0, result.output
    assert "1 Hugo Blox profile, 1 Hugo Blox publication" in result.output
    person, papers = profile_and_papers(fresh_session)
    assert (person.name, person.position, person.email) == (
        "Jane Doe",
        "Professor of Trees",
        "jane@example.org",
    )
    assert person.interests == ["Trees", "Forests"]
    assert person.education == [
        {"degree": "PhD in Trees", "institution": "Example U", "year": 2012}
    ]
    assert person.affiliations == [{"name": "Example University", "url": "https://example.edu"}]
    assert papers == ["trees"]
    _, links = read_page(client.get("/people/jane-doe").get_data(as_text=True))
    assert ("https://github.com/janedoe", "Github") in links


def test_the_import_says_what_it_left_behind(app, tmp_path):
    jekyll = run_import(app, al_folio_site(tmp_path / "jekyll"))
    hugo = run_import(app, hugo_site(tmp_path / "hugo"))

    assert "warning: not carried over: _posts/ (1 page), _pages/ (1 page)" in jekyll.output
    assert "warning: not carried over: post/ (1 page)" in hugo.output
