"""Whole al-folio, academicpages and Hugo Blox sites: one import each, profile and papers.

Each sample site is written here in its theme's format (no real person's site)."""

from pathlib import Path

from page_reading import page_text, read_page
from sqlalchemy import func, select

from catalog.models import Person, Publication


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def al_folio_site(root: Path) -> Path:
    return write(
        root,
        {
            "_config.yml": "first_name: Jane\nmiddle_name:\nlast_name: Doe\n"
            "email: jane@example.org\nscholar_userid: AbCdEf\n",
            "_data/socials.yml": "github_username: janedoe\n",
            "_pages/about.md": "---\nlayout: about\ntitle: about\npermalink: /\n"
            "subtitle: <a href='https://example.org'>Tree Lab</a>, Example University\n"
            "profile:\n  image: prof_pic.jpg\n  more_info: >\n    <p>Room 1</p>\n"
            "    <p>Example Street, Exampleton</p>\n---\nJane studies **trees**.\n",
            "_pages/projects.md": "---\nlayout: page\ntitle: projects\n---\nNot a profile.\n",
            "_posts/2024-01-01-hello.md": "---\ntitle: Hello\n---\nA post.\n",
            "_bibliography/papers.bib": "@inproceedings{doe2024, title={Trees}, author={Jane Doe},"
            " booktitle={ICML}, pdf={doe2024.pdf}, year=2024}\n",
            "assets/pdf/doe2024.pdf": "%PDF-1.4",
            "README.md": "# my site\n",
        },
    )


def academicpages_site(root: Path) -> Path:
    return write(
        root,
        {
            "_config.yml": "title: Jane Doe\nauthor:\n  name: Jane Doe\n  bio: Tree researcher\n"
            "  location: Exampleton\n  employer: Example University\n"
            "  email: jane@example.org\n  github: janedoe\n"
            "  googlescholar: https://scholar.google.com/citations?user=AbCdEf\n",
            "_pages/about.md": "---\npermalink: /\ntitle: About me\nauthor_profile: true\n---\n"
            "Jane studies trees.\n",
            "_publications/2024-01-01-trees.md": "---\ntitle: 'Trees'\ncollection: publications\n"
            "category: conferences\ndate: 2024-01-01\nvenue: 'ICML'\n"
            "citation: 'Doe, J. (2024). Trees. ICML.'\n---\n",
        },
    )


def hugo_site(root: Path) -> Path:
    return write(
        root,
        {
            "config/_default/hugo.yaml": "title: Jane\n",
            "content/authors/admin/_index.md": "---\ntitle: Jane Doe\nrole: Professor of Trees\n"
            "organizations:\n  - name: Example University\n    url: https://example.edu\n"
            "interests:\n  - Trees\n  - Forests\n"
            "education:\n  courses:\n    - course: PhD in Trees\n      institution: Example U\n"
            "      year: 2012\nsocial:\n  - icon: envelope\n    link: mailto:jane@example.org\n"
            "  - icon: github\n    link: https://github.com/janedoe\n"
            "email: jane@example.org\n---\nJane Doe studies trees.\n",
            "content/publication/trees/index.md": "---\ntitle: Trees\nauthors: [admin]\n"
            "date: 2024-01-01\npublication_types: ['paper-conference']\npublication: ICML\n---\n",
            "content/post/hello/index.md": "---\ntitle: Hello\n---\n",
        },
    )


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
