"""A member keeps their page in a real browser: sign in, edit, add a paper, remove it."""

import re

import pytest
from browser_setup import DESKTOP, served
from builders import make_app
from signed_in import PASSWORD, create_account

pytestmark = pytest.mark.browser
EMAIL = "zhou@example.org"
PAPER = """@inproceedings{zhou2026walks,
  title = {Lattice Walks for Bayesian Quadrature},
  author = {Zhou, Zhiming and Poe, Cy},
  booktitle = {International Conference on Machine Learning},
  year = {2026}
}"""


@pytest.fixture
def editable_site(tmp_path):
    """The demo site of its own (this test changes it), an owner for one profile."""
    app = make_app(
        tmp_path / "instance", LOAD_CONTENT_ON_FIRST_START=True, SESSION_COOKIE_SECURE=False
    )
    with app.app_context():
        assert create_account(app, EMAIL, "--person", "zhiming-zhou").exit_code == 0
    with served(app) as url:
        yield url


def test_a_member_keeps_their_page_without_a_shell(browser, editable_site):
    context = browser.new_context(base_url=editable_site, viewport=DESKTOP)
    page = context.new_page()
    page.goto("/admin/")
    assert "/login" in page.url
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith("/admin/")

    page.get_by_role("link", name="edit the profile").click()
    page.get_by_label("Biography (Markdown)").fill("Zhiming studies *lattice* walks.")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".edit-preview")
    assert preview.locator("em").inner_text() == "lattice"
    page.get_by_role("button", name="Save the profile").click()
    assert "Saved" in page.locator(".form-done").inner_text()

    blank = page.locator("fieldset.edit-row", has=page.locator("input[id$='-url'][value='']"))
    blank.first.get_by_label("Kind").fill("website")
    blank.first.get_by_label("Label").fill("Lab page")
    blank.first.get_by_label("Address").fill("https://example.org/lab")
    page.get_by_role("button", name="Save the profile").click()
    assert "Saved" in page.locator(".form-done").inner_text()

    page.goto("/admin/people/zhiming-zhou/papers/new")
    page.get_by_label("BibTeX").fill(PAPER)
    page.get_by_role("button", name="Preview").click()
    assert "added" in page.locator(".edit-preview").inner_text()
    page.get_by_role("button", name="Save these papers").click()
    assert "1 added" in page.locator(".form-done").inner_text()

    page.goto("/people/zhiming-zhou/publications")
    assert page.get_by_text("Lattice Walks for Bayesian Quadrature").count() == 1
    page.goto("/people/zhiming-zhou")
    assert page.locator(".prose em").first.inner_text() == "lattice"
    assert page.get_by_role("link", name="Lab page").get_attribute("href") == (
        "https://example.org/lab"
    )
    page.get_by_role("combobox", name="Search publications and people").fill(
        "lattice walks quadrature"
    )
    page.get_by_role("combobox", name="Search publications and people").press("Enter")
    page.wait_for_url(re.compile(r"/search\?"))
    assert page.locator("a[href='/publications/zhou2026walks']").count() >= 1

    page.goto("/admin/people/zhiming-zhou/papers")
    row = page.locator("tr", has_text="Lattice Walks for Bayesian Quadrature")
    row.get_by_role("link", name="Remove").click()
    page.get_by_role("button", name="Delete it from the site").click()
    assert "gone from every page" in page.locator(".form-done").inner_text()
    assert page.goto("/publications/zhou2026walks").status == 404

    page.goto("/admin/")
    page.get_by_role("button", name="Sign out everywhere").click()
    page.goto("/admin/")
    assert "/login" in page.url
    context.close()
