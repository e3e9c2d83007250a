"""A lab's home page: its introduction, its members by role, its newest papers and news."""

import re

from builders import make_app, make_person, make_publication

from catalog.activities import grouped_by_role
from catalog.records import PersonRecord


def test_the_demo_home_page_introduces_the_site_and_its_members(demo_client):
    html = demo_client.get("/").get_data(as_text=True)
    assert "This is a demo of Scholarsite" in html
    group = html.split(">Faculty</h3>", 1)[1].split("</section>", 1)[0]
    assert "Zhanxing Zhu" in group and "Zhiming Zhou" in group
    recent = html.split('id="recent-heading"', 1)[1].split("</section>", 1)[0]
    assert len(re.findall(r'class="paper-title"', recent)) == 5
    assert 'href="/publications">All publications' in recent


def test_the_introduction_is_no_profile_to_load(demo_app):
    result = demo_app.test_cli_runner().invoke(args=["lint", "content/"])
    assert "introduction.md" not in result.output


def test_an_introduction_loaded_with_the_content_replaces_the_last(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    app = make_app(tmp_path / "i")
    client = app.test_client()
    for text, shown in (
        ("Welcome to the *engine* lab.", "Welcome to the <em>engine</em> lab."),
        ("The lab, *anew*.", "The lab, <em>anew</em>."),
    ):
        (content / "introduction.md").write_text(text, encoding="utf-8")
        with app.app_context():
            load = app.test_cli_runner().invoke(args=["import", str(content)])
        assert load.exit_code == 0, load.output
        html = client.get("/").get_data(as_text=True)
        assert shown in html
    assert "Welcome" not in html


def test_members_are_grouped_by_role_in_a_fixed_order(tmp_path):
    app = make_app(tmp_path / "i")
    with app.app_context():
        make_person("mary", "Mary Somerville", role="student")
        make_person("ada", "Ada Lovelace", role="faculty")
        make_person("charles", "Charles Babbage", role="alumni")
        make_person("alan", "Alan Turing")
        make_publication("notes", "Notes", ("Ada Lovelace",), 1843)
    html = app.test_client().get("/").get_data(as_text=True)
    headings = re.findall(r'<h3 id="group-\d+">(\w+)</h3>', html)
    assert headings == ["Faculty", "Students", "Alumni", "Members"]
    assert html.index("Ada Lovelace") < html.index("Mary Somerville") < html.index("Alan Turing")
    people = app.test_client().get("/people").get_data(as_text=True)
    assert re.findall(r'<h2 id="group-\d+">(\w+)</h2>', people) == headings


def test_the_home_page_shows_every_members_news_newest_first(tmp_path):
    app = make_app(tmp_path / "i")
    with app.app_context():
        make_person(
            "ada", "Ada Lovelace", activities={"news": [{"date": "2024-01-01", "text": "Old."}]}
        )
        make_person(
            "alan", "Alan Turing", activities={"news": [{"date": "2025-06-01", "text": "New."}]}
        )
    html = app.test_client().get("/").get_data(as_text=True)
    news = html.split('id="news-heading"', 1)[1].split("</section>", 1)[0]
    assert news.index("New.") < news.index("Old.")
    assert '— <a href="/people/alan">Alan Turing</a>' in news
    assert 'href="/news.atom"' in news


def test_one_role_alone_or_none_shows_no_needless_heading():
    people = [PersonRecord(slug="a", name="A"), PersonRecord(slug="b", name="B", role="Ghost")]
    assert grouped_by_role(people) == [("Members", people)]
