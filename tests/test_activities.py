"""The lists a profile keeps besides its papers: read from a file's front matter or the
profile form, shown on the profile, followed as feeds, openings as JSON-LD."""

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from builders import make_app, make_person
from head_reading import read_head
from signed_in import create_account, post, sign_in
from sqlalchemy import select
from test_editing import page, profile_form

from catalog.models import Person, db
from catalog.operations import upsert_person
from importing.profile_reader import read_profile

TOMORROW = (date.today() + timedelta(days=1)).isoformat()
ATOM = "{http://www.w3.org/2005/Atom}"
PROFILE = f"""---
name: Ada Lovelace
role: Faculty
affiliations:
  - name: Analytical Society
news:
  - date: 2023-05-01
    text: Our notes are *published*.
  - date: 2024-02-10
    text: A talk at the Royal Society.
    url: https://example.org/talk
openings:
  - title: A PhD place on engines
    text: Write to me with your **notes**.
    expires: {TOMORROW}
  - title: A position long filled
    expires: 2020-01-01
talks:
  - date: 2022-03-01
    title: On engines
    event: Royal Society
teaching:
  - term: Autumn 2023
    title: Mathematics of engines
    role: lecturer
awards:
  - year: 1843
    title: A medal
    by: The Society
service:
  - year: 2023
    text: Reviewer, Engines Journal
students:
  - name: Mary Somerville
    role: PhD student
    years: 2021–
alumni:
  - name: Charles Babbage
    role: PhD
    years: 2015–2019
    now: Professor at Cambridge
---
Ada's biography.
"""


def test_the_documented_format_is_read_item_by_item():
    record, problems = read_profile(PROFILE, "ada.md", "ada")
    assert problems == []
    assert record.role == "faculty"
    assert record.activities["news"][0] == {
        "date": "2023-05-01",
        "text": "Our notes are *published*.",
    }
    assert record.activities["alumni"][0]["now"] == "Professor at Cambridge"
    assert set(record.activities) == {
        "news", "openings", "talks", "teaching", "awards", "service", "students", "alumni",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("2023-05-01", "May 2023"), "'news' item 1: 'date' must be a date as YYYY-MM-DD"),
        (("    event: Royal", "    venue: Royal"), "'talks' item 1: unknown part 'venue'"),
        (("https://example.org/talk", "javascript:alert(1)"), "'news' item 2: the address"),
        (("  - name: Mary Somerville\n", "  - role: nobody\n"), "'students' item 1 needs 'name'"),
    ],
)
def test_a_wrong_item_is_refused_with_where_and_why(change, message):
    record, problems = read_profile(PROFILE.replace(*change), "ada.md", "ada")
    assert record is None
    assert message in problems[0].message


@pytest.fixture
def ada(app):
    record, _ = read_profile(PROFILE, "ada.md", "ada-lovelace")
    upsert_person(record)
    db.session.commit()
    return app


def test_the_profile_shows_each_list_in_its_order(ada, client):
    html = client.get("/people/ada-lovelace").get_data(as_text=True)
    news = html.split('id="news-heading"', 1)[1].split("</section>", 1)[0]
    assert news.index("February 10, 2024") < news.index("May 1, 2023")
    assert "Our notes are <em>published</em>." in news
    assert '<a href="https://example.org/talk">More</a>' in news
    assert 'href="/people/ada-lovelace/news.atom"' in news
    assert "A PhD place on engines" in html
    assert "A position long filled" not in html  # past its day: kept, not shown
    for shown in (
        'On engines, <span class="activity-where">Royal Society',
        "Mathematics of engines (lecturer)",
        "A medal",
        "Reviewer, Engines Journal",
        "Mary Somerville, PhD student, 2021–",
        "Charles Babbage, PhD, 2015–2019; now Professor at Cambridge",
    ):
        assert shown in html, shown
    # Openings and news come first, after the biography; the other lists after the papers.
    headings = re.findall(r'<h2 id="(\w+)-heading">', html)
    assert headings[:3] == ["bio", "openings", "news"]
    assert headings.index("publications") < headings.index("talks") < headings.index("alumni")


def test_a_current_opening_is_a_job_posting_for_search_engines(ada, client):
    head = read_head(client.get("/people/ada-lovelace").get_data(as_text=True))
    postings = [data for data in head.json_ld if data["@type"] == "JobPosting"]
    assert len(postings) == 1
    posting = postings[0]
    assert posting["title"] == "A PhD place on engines"
    assert posting["validThrough"] == TOMORROW
    assert posting["description"] == "Write to me with your notes."
    assert posting["hiringOrganization"]["name"] == "Analytical Society"


@pytest.mark.parametrize("url", ["/people/ada-lovelace/news.atom", "/news.atom"])
def test_news_is_followed_as_an_atom_feed_newest_first(ada, client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "A talk at the Royal Society.",
        "Our notes are published.",
    ]
    assert entries[0].find(f"{ATOM}link").get("href") == "https://example.org/talk"
    assert entries[0].find(f"{ATOM}updated").text.startswith("2024-02-10")
    assert len({e.find(f"{ATOM}id").text for e in entries}) == 2


def test_the_api_gives_the_role_and_the_lists_shown(ada, client):
    person = client.get("/api/v1/people/ada-lovelace").get_json()
    assert person["role"] == "faculty"
    assert [o["title"] for o in person["activities"]["openings"]] == ["A PhD place on engines"]
    assert person["activities"]["news"][0]["date"] == "2024-02-10"


def test_the_lists_are_edited_in_the_profile_form(tmp_path):
    app = make_app(tmp_path / "i")
    client = app.test_client()
    with app.app_context():
        make_person("ada-lovelace", "Ada Lovelace")
        create_account(app, "admin@example.org", "--admin")
        sign_in(client, "admin@example.org")
        fields = {
            **profile_form(client, "ada-lovelace"),
            "role": "student",
            "news": "2024-02-10 | A talk at the *Society*. | https://example.org/talk\n"
            "2023-05-01 | Notes published.",
            "talks": "2022-03-01 | On engines | Royal Society",
            "action": "save",
        }
        assert post(client, "/admin/people/ada-lovelace/", fields).status_code == 302
        html = page(client, "/people/ada-lovelace")
        assert "A talk at the <em>Society</em>." in html and "On engines" in html
        form = profile_form(client, "ada-lovelace")
        assert form["news"].strip().splitlines() == [
            "2024-02-10 | A talk at the *Society*. | https://example.org/talk",
            "2023-05-01 | Notes published.",
        ]
        assert form["role"] == "student"

        fields["news"] = "tomorrow | Soon."
        refused = post(client, "/admin/people/ada-lovelace/", fields)
        assert refused.status_code == 400
        assert "&#39;date&#39; must be a date as YYYY-MM-DD" in refused.get_data(as_text=True)
        assert "A talk at the <em>Society</em>." in page(client, "/people/ada-lovelace")


def test_the_form_keeps_a_list_item_with_line_breaks_and_bars_and_any_role(tmp_path):
    app = make_app(tmp_path / "i")
    client = app.test_client()
    with app.app_context():
        record, _ = read_profile(
            "---\nname: Ada Lovelace\nrole: PhD candidate\nopenings:\n"
            "  - title: Places | 2027\n    text: |\n      First line.\n      Second line.\n"
            f"    expires: {TOMORROW}\n---\n",
            "ada.md",
            "ada",
        )
        upsert_person(record)
        db.session.commit()
        create_account(app, "admin@example.org", "--admin")
        sign_in(client, "admin@example.org")
        fields = {**profile_form(client, "ada"), "action": "save"}
        assert post(client, "/admin/people/ada/", fields).status_code == 302
        db.session.remove()
        person = db.session.scalars(select(Person)).one()
        assert person.role == "phd candidate"
        assert person.activities["openings"] == [
            {"title": "Places | 2027", "expires": TOMORROW, "text": "First line.\nSecond line."}
        ]


def test_a_news_item_of_only_a_picture_still_makes_a_feed_entry(app, client):
    make_person(
        "ada",
        "Ada Lovelace",
        activities={"news": [{"date": "2024-01-01", "text": "![Team](https://x.org/t.png)"}]},
    )
    feed = ET.fromstring(client.get("/news.atom").data)
    assert [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")] == [
        "News of Ada Lovelace"
    ]
