"""A site whose LANGUAGE is Chinese, in a real browser: what the scripts write reads in
Chinese too (they take their words from the page), and the pages stay accessible."""

import pytest
from browser_setup import DESKTOP, serious_violations, served
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chinese_url(chinese_demo_app):
    with served(chinese_demo_app) as url:
        yield url


@pytest.fixture
def open_chinese(browser, chinese_url):
    context = browser.new_context(base_url=chinese_url, viewport=DESKTOP, bypass_csp=True)
    yield lambda path: _opened(context.new_page(), path)
    context.close()


def _opened(page, path: str):
    response = page.goto(path)
    assert response is not None and response.ok, path
    return page


def test_the_suggestions_are_named_and_grouped_in_chinese(open_chinese):
    page = open_chinese("/people/zhiming-zhou")
    box = page.get_by_role("combobox", name="搜索论文和成员")
    box.press_sequentially("lipsch", delay=20)
    options = page.get_by_role("listbox", name="搜索建议").get_by_role("option")
    options.first.wait_for()
    assert "Lipschitz Generative Adversarial Nets" in options.all_inner_texts()[0]
    assert serious_violations(page) == []


def test_the_copy_button_says_in_chinese_what_it_copied(open_chinese):
    page = open_chinese("/publications/zhou2019lipschitz")
    page.get_by_role("button", name="复制").click()
    expect(page.locator(".copy-status")).to_contain_text("APA")
    assert "copied" not in page.locator(".copy-status").inner_text()
    assert serious_violations(page) == []
