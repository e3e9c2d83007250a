"""Browser fixtures: the demo site served on a free local port, and one Chromium per session."""

from collections.abc import Callable, Iterator

import pytest
from browser_setup import CHROMIUM, CHROMIUM_ARGS, DESKTOP, served


@pytest.fixture(scope="session")
def site_url(demo_app) -> Iterator[str]:
    """The demo site's base URL."""
    with served(demo_app) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, site_url) -> Iterator[Callable]:
    """Open a site path in a fresh browser context: `open_page(path, color_scheme=, viewport=)`."""
    contexts = []

    def open_path(path: str, color_scheme: str = "light", viewport: dict = DESKTOP):
        # The site's policy forbids inline scripts; axe-core is injected as one.
        context = browser.new_context(
            base_url=site_url, color_scheme=color_scheme, viewport=viewport, bypass_csp=True
        )
        contexts.append(context)
        page = context.new_page()
        response = page.goto(path)
        assert response is not None and response.ok, path
        return page

    yield open_path
    for context in contexts:
        context.close()
