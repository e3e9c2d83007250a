"""What a profile shows beyond its list: papers per year, co-authors with the papers
shared, and the whole list to download or follow."""

import re

from builders import make_person, make_publication


def glance(html: str) -> str:
    return html.split('id="glance-heading"', 1)[1].split("</section>", 1)[0]


def test_co_authors_are_counted_once_across_their_spellings(demo_client):
    html = demo_client.get("/people/zhanxing-zhu").get_data(as_text=True)
    shown = dict(
        re.findall(r"<li>([^<]+) <span class=\"facet-count\"[^>]*>(\d+)</span>", glance(html))
    )
    # "Bochen Lyu" and "Bochen Lv" are one co-author (content/coauthors.yml).
    assert shown["Bochen Lyu"] == "3"
    assert not any(name.startswith("Bochen Lv") for name in shown)
    assert "Zhanxing Zhu" not in shown


def test_a_member_co_author_links_to_their_profile(app, client):
    make_person("ada-lovelace", "Ada Lovelace")
    make_person("alan-turing", "Alan Turing")
    for number, year in enumerate((2019, 2019, 2021)):
        make_publication(
            f"p{number}",
            f"Engines {number}",
            authors=("Ada Lovelace", "Alan Turing", "Mary Somerville"),
            year=year,
        )
    make_publication("solo", "Alone", authors=("Ada Lovelace",), year=2021)
    html = client.get("/people/ada-lovelace").get_data(as_text=True)
    part = glance(html)
    assert "2 co-authors" in part
    assert "Mary Somerville <span" in part
    assert '<a href="/people/alan-turing">Alan Turing</a> <span class="facet-count"' in part
    assert "2019: 2; 2021: 2." in part


def test_a_profile_and_its_list_offer_the_list_as_files_and_a_feed(demo_client):
    for url in ("/people/zhiming-zhou", "/people/zhiming-zhou/publications"):
        html = demo_client.get(url).get_data(as_text=True)
        downloads = html.split('class="list-downloads"', 1)[1].split("</p>", 1)[0]
        for address in ("publications.bib", "publications.ris", "publications.json", "feed.atom"):
            assert f'href="/people/zhiming-zhou/{address}"' in downloads
            assert demo_client.get(f"/people/zhiming-zhou/{address}").status_code == 200


def test_a_member_without_papers_shows_no_empty_pictures(app, client):
    make_person("ada-lovelace", "Ada Lovelace")
    html = client.get("/people/ada-lovelace").get_data(as_text=True)
    assert 'id="glance-heading"' not in html
    assert "No publications yet." in html
