"""A member's CV, assembled from the profile and the papers, printable as it is."""

import re

from builders import make_person, make_publication


def test_the_cv_lists_education_and_papers_by_type(demo_client):
    html = demo_client.get("/people/zhiming-zhou/cv").get_data(as_text=True)
    assert "<h1>Zhiming Zhou</h1>" in html
    assert "Ph.D. in Computer Science, Shanghai Jiao Tong University" in html
    # Journals first; one paper of a type is headed in the singular.
    assert re.findall(r"<h3>([^<]+)</h3>", html) == ["Journal article", "Conference papers"]
    papers = html.split('id="cv-publications"', 1)[1].split("</section>", 1)[0]
    assert papers.count("<li>") == 7
    assert '<a href="/publications/zhou2019lipschitz">Lipschitz Generative' in papers


def test_the_cv_holds_the_lists_besides_papers_and_one_paper_is_no_plural(app, client):
    make_person(
        "ada",
        "Ada Lovelace",
        activities={
            "awards": [{"year": "1843", "title": "A medal"}],
            "teaching": [{"term": "1840", "title": "Engines"}],
            "news": [{"date": "2024-01-01", "text": "Not on a CV."}],
        },
    )
    make_publication("thesis", "On engines", ("Ada Lovelace",), 1840, entry_type="phdthesis")
    html = client.get("/people/ada/cv").get_data(as_text=True)
    assert "<h3>PhD thesis</h3>" in html
    assert 'id="awards-heading">Awards' in html and "A medal" in html
    assert 'id="teaching-heading">Teaching' in html
    assert "Not on a CV." not in html


def test_the_profile_links_its_cv(demo_client):
    html = demo_client.get("/people/zhanxing-zhu").get_data(as_text=True)
    assert 'href="/people/zhanxing-zhu/cv">CV of Zhanxing Zhu' in html
    assert demo_client.get("/people/nobody/cv").status_code == 404


def test_conference_papers_of_either_type_are_under_one_heading(app, client):
    make_person("ada", "Ada Lovelace")
    make_publication("a", "Engines", ("Ada Lovelace",), 1840, entry_type="inproceedings")
    make_publication("b", "Tables", ("Ada Lovelace",), 1841, entry_type="conference")
    html = client.get("/people/ada/cv").get_data(as_text=True)
    assert re.findall(r"<h3>([^<]+)</h3>", html) == ["Conference papers"]
