"""Volume, issue, pages, publisher, editors... and "and others": shown, cited, exported."""

import rispy
from page_reading import page_text

from catalog.queries import get_publication_or_404
from importing.bibtex_reader import read_bibtex
from publishing.bibtex_writer import publication_bibtex
from publishing.citations import formatted_citations

ARTICLE = r"""
@article{doe2020journal,
  title = {Counting Trees in Journals},
  author = {Jane Doe and Al Smith and others},
  journal = {Journal of Trees},
  volume = {20},
  number = {5},
  pages = {1--10},
  publisher = {Arbor Press},
  address = {Edinburgh},
  issn = {1234-5678},
  year = {2020}
}
"""
CHAPTER = r"""
@incollection{doe2021chapter,
  title = {A Chapter on Trees},
  author = {Jane Doe},
  booktitle = {The Book of Trees},
  editor = {Ed Editor and Flo Compiler},
  series = {Lecture Notes on Trees},
  edition = {Second},
  publisher = {Springer-Verlag},
  pages = {33-47},
  isbn = {978-3-16-148410-0},
  year = {2021}
}
@phdthesis{doe2019thesis,
  title = {A Thesis about Trees},
  author = {Jane Doe},
  school = {Universit{\"a}t Wald},
  year = {2019}
}
@misc{doe2022preprint,
  title = {A Preprint without a Venue},
  author = {Jane Doe},
  year = {2022}
}
"""


def import_text(app, tmp_path, text: str) -> None:
    source = tmp_path / "papers.bib"
    source.write_text(text)
    result = app.test_cli_runner().invoke(args=["import", str(source)])
    assert result.exit_code == 0, result.output


def test_an_article_shows_its_volume_issue_and_pages_and_unnamed_authors(app, client, tmp_path):
    import_text(app, tmp_path, ARTICLE)

    page = page_text(client.get("/publications/doe2020journal").get_data(as_text=True))

    assert "Journal of Trees, 20(5), 1–10, 2020" in page
    assert "Jane Doe, Al Smith, et al." in page
    assert "Publisher Arbor Press" in page
    assert "Place Edinburgh" in page
    assert "ISSN 1234-5678" in page


def test_a_chapter_lists_its_book_s_details(app, client, tmp_path):
    import_text(app, tmp_path, CHAPTER)

    page = page_text(client.get("/publications/doe2021chapter").get_data(as_text=True))

    assert "The Book of Trees, pp. 33–47, 2021" in page
    for shown in (
        "Editors Ed Editor and Flo Compiler",
        "Series Lecture Notes on Trees",
        "Edition Second",
        "Publisher Springer-Verlag",
        "ISBN 978-3-16-148410-0",
    ):
        assert shown in page


def test_a_paper_without_a_venue_shows_its_year_alone(app, client, tmp_path):
    import_text(app, tmp_path, CHAPTER)

    page = client.get("/publications/doe2022preprint").get_data(as_text=True)

    assert '<span class="venue">2022</span>' in page


def test_ris_and_csl_json_keep_the_details(app, client, tmp_path):
    import_text(app, tmp_path, ARTICLE + CHAPTER)

    [article] = rispy.loads(client.get("/publications/doe2020journal.ris").get_data(as_text=True))
    [chapter] = rispy.loads(client.get("/publications/doe2021chapter.ris").get_data(as_text=True))
    [item] = client.get("/publications/doe2020journal.json").get_json()
    [book_item] = client.get("/publications/doe2021chapter.json").get_json()
    [thesis] = client.get("/publications/doe2019thesis.json").get_json()

    assert (article["volume"], article["number"]) == ("20", "5")
    assert (article["start_page"], article["end_page"]) == ("1", "10")
    assert article["publisher"] == "Arbor Press"
    assert article["place_published"] == "Edinburgh"
    assert article["authors"] == ["Doe, Jane", "Smith, Al", "others"]
    assert chapter["secondary_authors"] == ["Editor, Ed", "Compiler, Flo"]
    assert chapter["issn"] == "978-3-16-148410-0"
    assert (item["volume"], item["issue"], item["page"]) == ("20", "5", "1-10")
    assert item["author"][-1] == {"literal": "others"}
    assert book_item["editor"] == [
        {"given": "Ed", "family": "Editor"},
        {"given": "Flo", "family": "Compiler"},
    ]
    assert book_item["collection-title"] == "Lecture Notes on Trees"
    assert book_item["edition"] == "Second"
    assert book_item["ISBN"] == "978-3-16-148410-0"
    assert thesis["publisher"] == "Universität Wald"
    assert thesis["genre"] == "PhD thesis"
    assert "container-title" not in thesis


def test_formatted_citations_give_the_volume_issue_and_pages(app, tmp_path):
    import_text(app, tmp_path, ARTICLE)
    with app.app_context():
        citations = dict(formatted_citations(get_publication_or_404("doe2020journal")))

    assert "Journal of Trees, 20(5), 1–10" in citations["APA"]
    assert "vol. 20, no. 5, pp. 1–10" in citations["IEEE"]
    assert "others" in citations["APA"]


def test_bibtex_export_reads_back_with_the_details_and_others(app, tmp_path):
    import_text(app, tmp_path, ARTICLE + CHAPTER)
    with app.app_context():
        exported = publication_bibtex(get_publication_or_404("doe2020journal"))
        chapter = publication_bibtex(get_publication_or_404("doe2021chapter"), citing=True)

    [record], problems = read_bibtex(exported, "export.bib")
    assert problems == []
    assert "and others" in exported
    assert [author.name for author in record.authors] == ["Jane Doe", "Al Smith"]
    assert {name: record.extra_fields[name] for name in ("volume", "number", "pages")} == {
        "volume": "20",
        "number": "5",
        "pages": "1--10",
    }
    assert "editor = {Ed Editor and Flo Compiler}" in chapter
    assert "isbn = {978-3-16-148410-0}" in chapter


def test_a_school_with_latex_is_shown_decoded(app, client, tmp_path):
    import_text(app, tmp_path, CHAPTER)

    page = page_text(client.get("/publications/doe2019thesis").get_data(as_text=True))

    assert "Universität Wald, 2019" in page
