"""Hugo Blox publication folders (`content/publication/<name>/index.md` and cite.bib)."""

from pathlib import Path

from page_reading import read_page
from sqlalchemy import func, select

from catalog.models import Publication

PAGE = """---
title: 'Counting Trees in Forests'
authors:
  - admin
  - Robert Ford*
date: '2020-07-01T00:00:00Z'
publication_types: ['paper-conference']
publication: In *International Conference on Machine Learning*
publication_short: In *ICML 2020*
abstract: We count *trees*.
summary: Trees, counted.
featured: true
url_pdf: 'https://example.org/trees.pdf'
url_code: 'https://github.com/example/trees'
url_dataset: 'https://example.org/trees.csv'
url_slides: ''
links:
  - name: Blog post
    url: https://example.org/blog/trees
---
"""
CITE = """@inproceedings{ford2020trees,
  title = {Counting Trees in Forests},
  author = {Jane Doe and Robert Ford},
  booktitle = {International Conference on Machine Learning},
  pages = {100--110},
  year = {2020}
}
"""


def hugo_site(root: Path) -> Path:
    folder = root / "content/publication/counting-trees"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(PAGE)
    (folder / "cite.bib").write_text(CITE)
    return root / "content/publication"


def run_import(app, *args):
    return app.test_cli_runner().invoke(args=["import", *map(str, args)])


def test_a_publication_folder_is_one_paper_with_its_links(app, client, tmp_path, fresh_session):
    profile = tmp_path / "jane-doe.md"
    profile.write_text("---\nname: Jane Doe\n---\nBio.\n")

    result = run_import(app, profile, hugo_site(tmp_path / "site"), "--person", "jane-doe")

    assert result.exit_code == 0, result.output
    assert fresh_session.scalar(select(func.count(Publication.id))) == 1
    paper = fresh_session.scalars(select(Publication)).one()
    assert paper.key == "counting-trees"
    assert (paper.entry_type, paper.year, paper.month) == ("inproceedings", 2020, 7)
    assert [(a.display_name, a.equal_contribution) for a in paper.authorships] == [
        ("Jane Doe", False),
        ("Robert Ford", True),
    ]
    assert paper.authorships[0].person.slug == "jane-doe"
    assert paper.selected
    assert paper.venue.abbreviation == "ICML"
    assert paper.badge == "ICML 2020"
    assert paper.venue_text == "International Conference on Machine Learning"
    assert paper.details["pages"] == "100–110"  # from cite.bib
    html = client.get("/publications/counting-trees").get_data(as_text=True)
    _, links = read_page(html)
    for link in (
        ("https://example.org/trees.pdf", "PDF"),
        ("https://github.com/example/trees", "Code"),
        ("https://example.org/trees.csv", "Dataset"),
        ("https://example.org/blog/trees", "Blog post"),
    ):
        assert link in links
    assert "<em>trees</em>" in html


def test_the_owner_needs_a_name(app, tmp_path):
    result = run_import(app, hugo_site(tmp_path / "site"))

    assert "author 'admin' is the site's owner: name them with --person" in result.output


def test_importing_the_folder_again_changes_nothing(app, tmp_path):
    folder = hugo_site(tmp_path / "site")
    run_import(app, folder)

    again = run_import(app, folder)

    assert "0 added, 0 updated" in again.output
