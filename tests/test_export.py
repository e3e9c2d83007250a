"""Citations out: BibTeX that reads back to the same papers, RIS, CSL-JSON, formatted
citations, the export URLs and the export command."""

import json
import re

import pytest
import rispy
from builders import make_app, make_person, make_publication
from sqlalchemy import select

from catalog.models import Publication, db
from catalog.queries import get_publication_or_404
from catalog.records import AuthorRecord
from importing.bibtex_reader import read_bibtex
from publishing.bibtex_writer import publication_bibtex
from publishing.citations import formatted_citations

TRICKY_KEY = "simila2020graphs"


def make_tricky_paper() -> None:
    """A paper typed in by hand (no imported fields) with everything export must keep."""
    make_publication(
        key=TRICKY_KEY,
        title="Graphs & Trees: 100% of #1 Cases",
        authors=(
            AuthorRecord("Ari Similä", equal_contribution=True),
            AuthorRecord("Ada Lovelace", equal_contribution=True),
            AuthorRecord("Ludwig van Beethoven", corresponding=True),
        ),
        year=2020,
        month=6,
        entry_type="article",
        venue_text="Journal of Things (JoT) - Conference on Stuff",
        venue_abbreviation="JoT",
        venue_name="Journal of Things",
        venue_kind="journal",
        doi="10.1234/ABC.5",
        arxiv_id="2001.00001",
        abstract="We count *trees*.",
        lay_summary="Not for the public yet.",
        lay_summary_visible=False,
        award="Best Paper",
        selected=True,
        links=[
            {"kind": "arxiv", "url": "https://arxiv.org/abs/2001.00001", "label": "arXiv"},
            {"kind": "pdf", "url": "https://example.org/paper.pdf", "label": "PDF"},
            {"kind": "code", "url": "https://example.org/code-a", "label": "Code"},
            {"kind": "code", "url": "https://example.org/code-b", "label": "Code"},
            {"kind": "doi", "url": "https://doi.org/10.1234/ABC.5", "label": "DOI"},
            {"kind": "slides", "url": "https://example.org/draft", "hidden": True},
        ],
    )


def run_command(app, *args: str):
    """Run a `flask` command against this app (the CLI pushes the app's context)."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


def paper_facts(app) -> dict[str, tuple]:
    """Return what a visitor sees of every paper, by key."""
    with app.app_context():
        papers = db.session.scalars(select(Publication)).all()
        return {
            p.key: (
                p.title,
                p.entry_type,
                [(a.display_name, a.equal_contribution, a.corresponding) for a in p.authorships],
                p.venue.abbreviation if p.venue else "",
                p.venue_text,
                p.year,
                p.month,
                [(link.kind, link.url) for link in p.visible_links],
                p.doi,
                p.arxiv_id,
                p.openreview_id,
                p.abstract,
                p.lay_summary if p.lay_summary_visible else "",
                p.award,
                p.selected,
            )
            for p in papers
        }


def test_demo_bibtex_export_reimports_to_the_same_papers(demo_app, tmp_path):
    exported = run_command(demo_app, "export", "bibtex")
    assert exported.exit_code == 0, exported.output
    bib = tmp_path / "export.bib"
    bib.write_text(exported.output)

    other = make_app(tmp_path / "other")
    imported = run_command(other, "import", str(bib))

    assert imported.exit_code == 0, imported.output
    assert "14 added" in imported.output
    assert paper_facts(other) == paper_facts(demo_app)


def test_a_paper_typed_in_by_hand_reads_back_the_same(app, client, tmp_path):
    make_tricky_paper()
    bib = tmp_path / "paper.bib"
    bib.write_text(client.get(f"/publications/{TRICKY_KEY}.bib").get_data(as_text=True))

    other = make_app(tmp_path / "other")
    imported = run_command(other, "import", str(bib))

    assert imported.exit_code == 0, imported.output
    assert paper_facts(other) == paper_facts(app)


def test_export_reads_back_without_problems_and_keeps_hidden_content_in(app):
    make_tricky_paper()
    text = publication_bibtex(get_publication_or_404(TRICKY_KEY))

    records, problems = read_bibtex(text, "export.bib")

    assert problems == []
    assert [r.key for r in records] == [TRICKY_KEY]
    assert "Similä*" in text and "Beethoven\u2020" in text
    assert r"Graphs \& Trees: 100\% of \#1 Cases" in text
    assert "doi = {10.1234/ABC.5}" in text
    assert "https://example.org/draft" not in text
    assert "Not for the public" not in text


def test_export_keeps_the_bibtex_key_the_file_used(app, client):
    make_publication(key="Ng:2024", title="Keys With Colons")

    text = client.get("/publications/ng-2024.bib").get_data(as_text=True)

    assert text.startswith("@misc{Ng:2024,")


def test_bibtex_to_cite_leaves_out_markers_and_site_fields(app):
    make_tricky_paper()
    text = publication_bibtex(get_publication_or_404(TRICKY_KEY), citing=True)

    assert "author = {Ari Similä and Ada Lovelace and Ludwig van Beethoven}" in text
    assert "doi = {10.1234/abc.5}" in text
    assert "eprint = {2001.00001}" in text
    for site_field in ("abbr", "selected", "code", "pdf", "award", "abstract"):
        assert f"\t{site_field} = " not in text


def test_ris_and_csl_json_of_one_paper(app, client):
    make_tricky_paper()

    ris = client.get(f"/publications/{TRICKY_KEY}.ris")
    csl = client.get(f"/publications/{TRICKY_KEY}.json")

    assert ris.mimetype == "application/x-research-info-systems"
    [record] = rispy.loads(ris.get_data(as_text=True))
    assert record["type_of_reference"] == "JOUR"
    assert record["authors"] == ["Similä, Ari", "Lovelace, Ada", "van Beethoven, Ludwig"]
    assert record["doi"] == "10.1234/abc.5"
    assert "https://example.org/draft" not in record["urls"]
    assert csl.mimetype == "application/vnd.citationstyles.csl+json"
    [item] = csl.get_json()
    assert item["type"] == "article-journal"
    assert item["author"][2] == {
        "given": "Ludwig",
        "non-dropping-particle": "van",
        "family": "Beethoven",
    }
    assert item["issued"] == {"date-parts": [[2020, 6]]}
    assert item["container-title"] == "Journal of Things"


def test_formatted_citations_in_three_styles(app):
    make_tricky_paper()
    citations = dict(formatted_citations(get_publication_or_404(TRICKY_KEY)))

    assert list(citations) == ["APA", "IEEE", "Chicago"]
    assert citations["APA"].startswith("Similä, A., Lovelace, A., & van Beethoven, L. (2020")
    assert "A. Similä, A. Lovelace, and L. van Beethoven" in citations["IEEE"]
    assert citations["IEEE"].startswith("A. Similä")
    assert "2020" in citations["Chicago"]
    assert all("*" not in text for text in citations.values())


def test_each_style_punctuates_and_names_authors_as_its_published_examples(app):
    make_publication(
        key="li2023clustered",
        title="Clustered Embedding Learning",
        authors=("Heng-yi Li", "Jean-Luc Picard", "Ada Lovelace"),
        year=2023,
        entry_type="inproceedings",
        venue_text="The ACM Web Conference",
        venue_abbreviation="WWW",
        venue_name="The ACM Web Conference",
    )
    citations = dict(formatted_citations(get_publication_or_404("li2023clustered")))
    # IEEE: J. K. Author, “Title of paper,” in Name of Conf. (comma inside the quote).
    assert "“Clustered Embedding Learning,” in The ACM Web Conference" in citations["IEEE"]
    assert "H.-Y. Li, J.-L. Picard, and A. Lovelace" in citations["IEEE"]
    # APA gives initials, each part of a hyphenated given name too.
    assert citations["APA"].startswith("Li, H.-Y., Picard, J.-L., & Lovelace, A. (2023).")
    # Chicago's bibliography gives names whole, and the full stop inside the quote.
    assert citations["Chicago"].startswith("Li, Heng-yi, Jean-Luc Picard, and Ada Lovelace.")
    assert "“Clustered Embedding Learning.”" in citations["Chicago"]
    assert not any(mark in text for text in citations.values() for mark in ("”,", "”."))


def test_person_exports_hold_their_papers_only(app, client):
    make_person()
    make_tricky_paper()
    make_publication()
    make_publication(key="someone-else", title="Not Hers", authors=("Bo Ng",))

    bib = client.get("/people/ada-lovelace/publications.bib").get_data(as_text=True)
    csl = client.get("/people/ada-lovelace/publications.json").get_json()
    ris = rispy.loads(client.get("/people/ada-lovelace/publications.ris").get_data(as_text=True))

    keys = [r.key for r in read_bibtex(bib, "person.bib")[0]]
    assert keys == [TRICKY_KEY, "lovelace1843notes"]
    assert [item["id"] for item in csl] == keys
    assert [record["id"] for record in ris] == keys


@pytest.mark.parametrize("extension", ["bib", "ris", "json"])
def test_unknown_paper_or_person_export_is_a_404(client, extension):
    assert client.get(f"/publications/no-such-paper.{extension}").status_code == 404
    assert client.get(f"/people/nobody/publications.{extension}").status_code == 404


def test_unknown_export_format_is_a_404(app, client):
    make_publication()
    assert client.get("/publications/lovelace1843notes.pdf").status_code == 404


def test_export_command_for_one_person(app):
    make_person()
    make_publication()
    make_publication(key="someone-else", title="Not Hers", authors=("Bo Ng",))

    result = run_command(app, "export", "csljson", "--person", "ada-lovelace")

    assert result.exit_code == 0, result.output
    assert [item["id"] for item in json.loads(result.output)] == ["lovelace1843notes"]


def test_export_command_refuses_an_unknown_person_or_format(app):
    unknown_person = run_command(app, "export", "ris", "--person", "nobody")
    unknown_format = run_command(app, "export", "docx")

    assert unknown_person.exit_code == 2
    assert "no person with the slug 'nobody'" in unknown_person.output
    assert unknown_format.exit_code == 2


def test_cite_box_offers_each_style_and_one_copy_button_that_needs_the_script(app, client):
    make_tricky_paper()
    html = client.get(f"/publications/{TRICKY_KEY}").get_data(as_text=True)
    box = html[
        html.index('<section class="cite-box"') : html.index("</section>", html.index("cite-box"))
    ]

    styles = re.findall(r'<input type="radio" name="cite-style" id="[\w-]+" value="(\w+)"', box)
    assert styles == ["APA", "IEEE", "Chicago", "BibTeX"]
    assert box.count(" checked>") == 1
    panels = re.findall(r'<div class="cite-panel" data-style="(\w+)"', box)
    assert panels == styles
    assert "Similä, A., Lovelace, A., &amp; van Beethoven, L. (2020" in box
    assert "@article{simila2020graphs,\n  " in box  # two spaces, not a tab
    assert "\t" not in box
    assert re.findall(r'<button type="button" class="copy-button"[^>]*hidden>Copy</button>', box)
    assert box.count("<button") == 1
    assert re.search(r'<script src="/static/js/copy\.js\?v=[0-9a-f]+" defer></script>', html)
