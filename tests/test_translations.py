"""The interface in another language: every message translated, the site in Chinese."""

import pytest
from builders import make_app, make_person
from page_reading import page_text

from tools.translations import problems


def test_every_language_translates_every_message_and_is_compiled():
    assert problems() == []


@pytest.fixture
def chinese_site(chinese_demo_app):
    return chinese_demo_app.test_client()


def chinese_page(client, url: str) -> tuple[str, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.get_data(as_text=True)
    assert '<html lang="zh">' in html
    return html, page_text(html)


def test_a_profile_reads_in_chinese_and_its_content_as_written(chinese_site):
    html, text = chinese_page(chinese_site, "/people/zhiming-zhou")
    for heading in ("个人简介", "研究兴趣", "代表性论文", "跳到正文"):
        assert heading in text, heading
    assert "Research Interests" not in text and "Biography" not in text
    assert "Zhiming Zhou" in text  # content stays as written


def test_the_header_and_the_lists_read_in_chinese(chinese_site):
    _, text = chinese_page(chinese_site, "/publications")
    assert "成员" in text and "论文" in text
    assert "Publications" not in text.replace("All Publications", "")


def test_a_search_reads_in_chinese(chinese_site):
    _, text = chinese_page(chinese_site, "/search?q=lipschitz")
    assert "条结果" in text
    assert "Lipschitz" in text


def test_dates_are_written_as_chinese_writes_them(tmp_path, database):
    app = make_app(tmp_path / "instance", database, LANGUAGE="zh")
    with app.app_context():
        make_person(activities={"news": [{"date": "2026-12-06", "text": "A new paper."}]})

    _, text = chinese_page(app.test_client(), "/people/ada-lovelace")

    assert "2026年12月6日" in text and "A new paper." in text
    assert "December" not in text


def test_an_english_site_says_so(client):
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_a_language_without_a_translation_stops_the_start_with_its_choices(tmp_path):
    with pytest.raises(SystemExit, match="LANGUAGE is 'xx'.*en, zh"):
        make_app(tmp_path / "instance", LANGUAGE="xx")
