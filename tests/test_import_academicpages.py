"""academicpages' papers (`_publications/*.md`) imported as papers, not as profiles."""

from pathlib import Path

from page_reading import page_text, read_page
from sqlalchemy import func, select

from catalog.models import Publication

PAPER = """---
title: "Counting Trees with Care"
collection: publications
category: conferences
permalink: /publication/2021-06-01-counting-trees
excerpt: 'We count trees.'
date: 2021-06-01
venue: 'International Conference on Machine Learning'
paperurl: 'https://example.org/trees.pdf'
slidesurl: 'https://example.org/trees-slides.pdf'
citation: 'Doe, J., &amp; Roe, R. S. (2021). &quot;Counting Trees with Care.&quot; <i>ICML</i>.'
---
A longer description of *the* paper.
"""
JOURNAL = """---
title: "A Journal Paper"
collection: publications
category: manuscripts
date: 2019-03-15
venue: 'Journal of Trees'
citation: 'Jane Doe, Al Smith (2019). A Journal Paper. Journal of Trees.'
---
"""
UNTITLED = """---
collection: publications
date: 2020-01-01
---
"""


def academicpages_site(root: Path) -> Path:
    papers = root / "_publications"
    papers.mkdir(parents=True)
    (papers / "2021-06-01-counting-trees.md").write_text(PAPER)
    (papers / "2019-03-15-journal-paper.md").write_text(JOURNAL)
    (papers / "2020-01-01-untitled.md").write_text(UNTITLED)
    return papers


def run_import(app, *args):
    return app.test_cli_runner().invoke(args=["import", *map(str, args)])


def test_each_paper_file_becomes_a_paper(app, client, tmp_path, fresh_session):
    result = run_import(app, academicpages_site(tmp_path / "site"))

    assert "added     publication 2021-06-01-counting-trees" in result.output
    assert "added     publication 2019-03-15-journal-paper" in result.output
    assert "rejected  publication 2020-01-01-untitled" in result.output
    assert "the paper has no title" in result.output
    assert "authors read from the citation: J. Doe, R. S. Roe" in result.output
    paper = fresh_session.scalars(
        select(Publication).filter_by(key="2021-06-01-counting-trees")
    ).one()
    assert (paper.entry_type, paper.year, paper.month) == ("inproceedings", 2021, 6)
    assert paper.venue.abbreviation == "ICML"
    assert [a.display_name for a in paper.authorships] == ["J. Doe", "R. S. Roe"]
    journal = fresh_session.scalars(
        select(Publication).filter_by(key="2019-03-15-journal-paper")
    ).one()
    assert journal.entry_type == "article"
    assert [a.display_name for a in journal.authorships] == ["Jane Doe", "Al Smith"]


def test_the_paper_page_shows_its_links_and_description(app, client, tmp_path):
    run_import(app, academicpages_site(tmp_path / "site"))

    html = client.get("/publications/2021-06-01-counting-trees").get_data(as_text=True)
    text, links = read_page(html)

    assert ("https://example.org/trees.pdf", "PDF") in links
    assert ("https://example.org/trees-slides.pdf", "Slides") in links
    assert "A longer description of the paper." in page_text(html)
    assert "<em>the</em>" in html
    assert "International Conference on Machine Learning, 2021" in text


def test_importing_the_papers_again_changes_nothing(app, tmp_path, fresh_session):
    papers = academicpages_site(tmp_path / "site")
    run_import(app, papers)

    again = run_import(app, papers)

    assert "0 added, 0 updated" in again.output
    assert fresh_session.scalar(select(func.count(Publication.id))) == 2


def test_a_paper_file_with_yaml_anchors_is_refused(app, tmp_path):
    papers = tmp_path / "site/_publications"
    papers.mkdir(parents=True)
    (papers / "bomb.md").write_text('---\ntitle: &a "x"\nvenue: *a\n---\n')

    result = run_import(app, papers)

    assert "anchors and aliases (& and *) are not accepted" in result.output
    assert "rejected  publication bomb" in result.output
