"""The admin pages in a real browser: accessible, no inline code, fit on a phone."""

import pytest
from browser_setup import (
    DESKTOP,
    INLINE_CODE,
    NO_INLINE_CODE,
    OVERFLOW,
    PHONE,
    serious_violations,
    served,
)
from builders import make_app
from signed_in import PASSWORD, create_account

pytestmark = pytest.mark.browser
ADMIN = "root@example.org"
PAGES = [
    "/login",
    "/admin/",
    "/admin/people/zhiming-zhou/",
    "/admin/people/zhiming-zhou/papers",
    "/admin/people/zhiming-zhou/papers/new",
    "/admin/papers/zhou2019adashift/edit",
    "/admin/papers/zhou2019adashift/delete?person=zhiming-zhou",
    "/admin/people/zhanxing-zhu/delete",
    "/admin/audit",
]


@pytest.fixture(scope="module")
def admin_site(tmp_path_factory):
    app = make_app(
        tmp_path_factory.mktemp("admin") / "instance",
        LOAD_CONTENT_ON_FIRST_START=True,
        SESSION_COOKIE_SECURE=False,
    )
    with app.app_context():
        assert create_account(app, ADMIN, "--admin").exit_code == 0
        # Accounts with long addresses, for the accounts table on a phone.
        for slug in ("zhiming-zhou", "zhanxing-zhu"):
            email = f"a.rather.long.address.for.{slug}@department.example.org"
            assert create_account(app, email, "--person", slug).exit_code == 0
    with served(app) as url:
        yield url


@pytest.fixture(scope="module")
def signed_in(browser, admin_site):
    """The state of a browser signed in as the admin."""
    context = browser.new_context(base_url=admin_site)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("E-mail address").fill(ADMIN)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture
def open_admin(browser, admin_site, signed_in):
    contexts = []

    def open_path(path: str, color_scheme: str = "light", viewport: dict = DESKTOP):
        context = browser.new_context(
            base_url=admin_site,
            storage_state=signed_in,
            color_scheme=color_scheme,
            viewport=viewport,
            bypass_csp=True,  # axe-core is injected as an inline script
        )
        contexts.append(context)
        page = context.new_page()
        assert page.goto(path).ok, path
        return page

    yield open_path
    for context in contexts:
        context.close()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_admin_pages_are_accessible(open_admin, path, color_scheme):
    page = open_admin(path, color_scheme=color_scheme)

    assert page.evaluate(INLINE_CODE) == NO_INLINE_CODE  # before axe is injected
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", PAGES)
def test_admin_pages_fit_a_phone(open_admin, path):
    page = open_admin(path, viewport=PHONE)

    assert page.evaluate(OVERFLOW) <= 0
