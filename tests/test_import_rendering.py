"""What an imported entry looks like: dashes, wrapped lines, badges, awards, links, venues."""

import re

import pytest
from page_reading import page_text, read_page

from catalog.queries import get_publication_or_404
from importing.bibtex_reader import read_bibtex
from importing.linter import lint_records
from publishing.bibtex_writer import publication_bibtex


def read_one(text: str):
    [record], problems = read_bibtex(text, "papers.bib")
    return record, problems


def import_text(app, tmp_path, text: str) -> str:
    source = tmp_path / "papers.bib"
    source.write_text(text)
    result = app.test_cli_runner().invoke(args=["import", str(source)])
    assert result.exit_code == 0, result.output
    return result.output


def test_dashes_become_dashes_without_other_latex():
    record, _ = read_one("@misc{a, title={Pre--training --- a Survey}, year=2020}")
    assert record.title == "Pre\u2013training \u2014 a Survey"


def test_a_wrapped_title_is_one_line_and_an_abstract_keeps_its_paragraphs():
    record, _ = read_one(
        "@inproceedings{a,\n  title = {A Title Wrapped\n           over Two Lines},\n"
        "  abstract = {First paragraph\n  goes on.\n\n  Second paragraph.},\n  year = 2020}"
    )
    assert record.title == "A Title Wrapped over Two Lines"
    assert record.abstract == "First paragraph goes on.\n\nSecond paragraph."


def test_the_badge_is_the_file_s_own_abbreviation(app, client, tmp_path):
    import_text(
        app,
        tmp_path,
        "@article{pami, title={Pattern Paper}, author={Jane Doe}, abbr={TPAMI 2025},"
        " journal={IEEE Transactions on Pattern Analysis and Machine Intelligence}, year=2025}",
    )
    html = client.get("/publications/pami").get_data(as_text=True)
    assert '<span class="badge">TPAMI 2025</span>' in html
    with app.app_context():
        assert get_publication_or_404("pami").venue.abbreviation == "TPAMI"  # still grouped


@pytest.mark.parametrize(
    "venue",
    [
        "IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops",
        "Findings of the Association for Computational Linguistics: EMNLP 2023",
        "Proceedings of the 23rd Chinese National Conference on Computational Linguistics",
        "IEEE Conference on Computer Vision and Pattern Recognition",
    ],
)
def test_a_workshop_findings_or_older_name_is_no_misspelling(venue):
    record, _ = read_one(f"@inproceedings{{a, title={{T}}, booktitle={{{venue}}}, year=2020}}")
    problems = lint_records([record])
    assert not [p for p in problems if "misspelling" in p.message]


def test_a_real_misspelling_is_still_caught():
    record, _ = read_one(
        "@inproceedings{a, title={T}, booktitle={Conference on Neural Informaton Processing"
        " Systems}, year=2020}"
    )
    assert any("misspelling" in p.message for p in lint_records([record]))


def test_award_name_is_the_award_and_its_markdown_is_rendered(app, client, tmp_path):
    import_text(
        app,
        tmp_path,
        "@inproceedings{won, title={Won Paper}, author={Jane Doe}, booktitle={ICML},"
        " award_name={Oral}, award={Top *1%* of submissions}, year=2024}"
        "@inproceedings{plain, title={Plain Award}, author={Jane Doe}, booktitle={ICML},"
        " award={**Best Paper**}, year=2024}",
    )
    won = client.get("/publications/won").get_data(as_text=True)
    plain = client.get("/publications/plain").get_data(as_text=True)
    assert re.search(r'<strong class="award">.*Oral</strong>', won)
    assert '<span class="award-note">Top <em>1%</em> of submissions</span>' in won
    assert "<strong>Best Paper</strong>" in plain
    assert "**" not in page_text(plain)


def test_url_and_eprint_become_links(app, client, tmp_path):
    import_text(
        app,
        tmp_path,
        "@misc{pre, title={A Preprint}, author={Jane Doe}, eprint={2101.00001},"
        " archiveprefix={arXiv}, url={https://example.org/paper}, year=2021}"
        "@misc{abs, title={Another Preprint}, author={Jane Doe},"
        " url={https://arxiv.org/abs/2102.00002}, year=2021}",
    )
    _, pre_links = read_page(client.get("/publications/pre").get_data(as_text=True))
    _, abs_links = read_page(client.get("/publications/abs").get_data(as_text=True))
    assert ("https://arxiv.org/abs/2101.00001", "arXiv") in pre_links
    assert ("https://example.org/paper", "HTML") in pre_links
    assert ("https://arxiv.org/abs/2102.00002", "arXiv") in abs_links


def test_al_folio_s_other_fields_are_shown(app, client, tmp_path):
    import_text(
        app,
        tmp_path,
        "@article{more, title={More Fields}, author={Jane Doe and Al Smith}, journal={J.},"
        " doi={10.1234/more.1}, altmetric={true}, dimensions={true}, inspirehep_id={12345},"
        " additional_info={(*Spotlight*)}, annotation={Authors in alphabetical order},"
        " year=2024}",
    )
    html = client.get("/publications/more").get_data(as_text=True)
    text, links = read_page(html)
    assert ("https://www.altmetric.com/details/doi/10.1234/more.1", "Altmetric") in links
    assert ("https://badge.dimensions.ai/details/doi/10.1234/more.1", "Dimensions") in links
    assert ("https://inspirehep.net/literature/12345", "INSPIRE") in links
    assert "<em>Spotlight</em>" in html
    assert "Authors in alphabetical order" in text


def test_math_in_a_title_is_mathml_on_pages_and_plain_text_elsewhere(app, client, tmp_path):
    import_text(
        app,
        tmp_path,
        r"@article{sps, title={Lower Bounds for $\Sigma\Pi\Sigma$ Circuits and \(\alpha\)-Noise},"
        r" author={Jane Doe}, journal={J.}, year=2020}",
    )
    html = client.get("/publications/sps").get_data(as_text=True)
    feed = client.get("/feed.atom").get_data(as_text=True)
    [item] = client.get("/publications/sps.json").get_json()

    assert "<h1>Lower Bounds for <math" in html
    assert "<mi>Σ</mi><mi>Π</mi><mi>Σ</mi>" in html
    assert "$" not in page_text(html).split("Cite")[0]
    assert (
        '<meta name="citation_title" content="Lower Bounds for ΣΠΣ Circuits and α-Noise">' in html
    )
    assert "Lower Bounds for ΣΠΣ Circuits and α-Noise" in feed
    assert item["title"] == "Lower Bounds for ΣΠΣ Circuits and α-Noise"


def test_math_cannot_carry_markup(app, client, tmp_path):
    import_text(
        app,
        tmp_path,
        r"@misc{evil, title={Hidden $\text{<img src=x onerror=alert(1)>}$ Math}, year=2020}",
    )
    html = client.get("/publications/evil").get_data(as_text=True)
    assert "<img" not in html
    assert "onerror" not in html.split("<h1>")[1].split("</h1>")[0]


def test_math_goes_back_to_bibtex_as_it_came(app, tmp_path):
    import_text(
        app,
        tmp_path,
        r"@misc{sps, title={On $\Sigma\Pi\Sigma$ and \(\alpha\)-Noise}, author={Jane Doe},"
        " year=2020}",
    )
    with app.app_context():
        exported = publication_bibtex(get_publication_or_404("sps"), citing=True)
    assert r"title = {On $\Sigma\Pi\Sigma$ and \(\alpha\)-Noise}" in exported


def test_a_venue_printed_as_its_short_name_is_that_venue(app, client, tmp_path):
    import_text(app, tmp_path, "@inproceedings{t, title={T}, booktitle={ICML 2024}, year=2024}")
    html = client.get("/publications/t").get_data(as_text=True)
    assert '<span class="badge">ICML</span>' in html


def test_bibtex_show_offers_the_bibtex_in_lists(app, client, tmp_path):
    profile = tmp_path / "jane-doe.md"
    profile.write_text("---\nname: Jane Doe\n---\nBio.\n")
    source = tmp_path / "papers.bib"
    source.write_text(
        "@misc{shown, title={Shown}, author={Jane Doe}, bibtex_show={True}, year=2020}"
        "@misc{quiet, title={Quiet}, author={Jane Doe}, year=2020}"
    )
    app.test_cli_runner().invoke(args=["import", str(profile), str(source)])

    _, links = read_page(client.get("/people/jane-doe/publications").get_data(as_text=True))

    assert ("/publications/shown.bib", "BibTeX") in links
    assert ("/publications/quiet.bib", "BibTeX") not in links


def test_google_scholar_id_links_through_the_member_s_scholar_profile(app, client, tmp_path):
    profile = tmp_path / "jane-doe.md"
    profile.write_text(
        "---\nname: Jane Doe\nlinks:\n  - kind: scholar\n"
        "    url: https://scholar.google.com/citations?user=AbC123&hl=en\n---\nBio.\n"
    )
    source = tmp_path / "papers.bib"
    source.write_text(
        "@misc{cited, title={Cited}, author={Jane Doe}, google_scholar_id={qyhmnyLat1gC},"
        " year=2020}"
    )
    app.test_cli_runner().invoke(args=["import", str(profile), str(source)])

    _, links = read_page(client.get("/publications/cited").get_data(as_text=True))

    assert (
        "https://scholar.google.com/citations?view_op=view_citation&user=AbC123"
        "&citation_for_view=AbC123:qyhmnyLat1gC",
        "Google Scholar",
    ) in links
