"""The site in a real browser: themes, widths, keyboard, print and accessibility."""

import re

import pytest
from browser_setup import (
    AXE_SCRIPT,
    DESKTOP,
    INLINE_CODE,
    NO_INLINE_CODE,
    OVERFLOW,
    PHONE,
    serious_violations,
)

pytestmark = pytest.mark.browser

PROFILE = "/people/zhiming-zhou"
PAGES = [
    "/",
    "/people",
    PROFILE,
    "/people/zhanxing-zhu/publications",
    "/publications",
    "/publications/zhou2019adashift",
    "/people/zhiming-zhou/cv",
]
# WCAG AA contrast for body text.
READABLE_CONTRAST = 4.5


def rgb(css_colour: str) -> tuple[float, float, float]:
    """Parse a computed `rgb(...)`/`rgba(...)` colour."""
    red, green, blue = (float(n) for n in re.findall(r"[\d.]+", css_colour)[:3])
    return red, green, blue


def luminance(colour: tuple[float, float, float]) -> float:
    """Return the WCAG relative luminance of an sRGB colour."""

    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two computed colours."""
    lighter, darker = sorted((luminance(rgb(first)), luminance(rgb(second))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def page_colours(page) -> tuple[str, str]:
    """Return the body's computed background and text colours."""
    return page.evaluate(
        "() => { const s = getComputedStyle(document.body); return [s.backgroundColor, s.color]; }"
    )


def test_profile_renders_in_light_and_dark(open_page):
    light_background, light_text = page_colours(open_page(PROFILE, color_scheme="light"))
    dark_background, dark_text = page_colours(open_page(PROFILE, color_scheme="dark"))

    assert luminance(rgb(dark_background)) < luminance(rgb(light_background))
    assert contrast(light_background, light_text) >= READABLE_CONTRAST
    assert contrast(dark_background, dark_text) >= READABLE_CONTRAST


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", [*PAGES, "/search?q=gan"])
def test_pages_fit_the_width_without_horizontal_scrolling(open_page, path, viewport):
    page = open_page(path, viewport=viewport)
    assert page.evaluate(OVERFLOW) <= 0
    assert page.locator("h1").first.is_visible()


def test_theme_toggle_switches_theme_and_survives_reload(open_page):
    page = open_page(PROFILE, color_scheme="light")
    toggle = page.locator("button.theme-toggle")
    light_background, _ = page_colours(page)
    assert toggle.get_attribute("aria-pressed") == "false"

    toggle.click()
    assert page.locator("html").get_attribute("data-theme") == "dark"
    assert toggle.get_attribute("aria-pressed") == "true"
    dark_background, dark_text = page_colours(page)
    assert dark_background != light_background
    assert contrast(dark_background, dark_text) >= READABLE_CONTRAST

    page.reload()
    assert page.locator("html").get_attribute("data-theme") == "dark"
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page_colours(page)[0] == dark_background

    toggle.click()
    assert page_colours(page)[0] == light_background


def test_saved_theme_applies_before_the_page_is_drawn(open_page):
    page = open_page(PROFILE, color_scheme="light")
    page.locator("button.theme-toggle").click()
    # Record the theme at the moment <body> first exists, before anything can be painted.
    page.add_init_script(
        """
        new MutationObserver((_, observer) => {
          if (document.body) {
            window.themeAtFirstBody = document.documentElement.getAttribute("data-theme");
            observer.disconnect();
          }
        }).observe(document, {childList: true, subtree: true});
        """
    )
    page.reload()
    assert page.evaluate("() => window.themeAtFirstBody") == "dark"


def test_toggle_follows_the_system_theme_until_chosen(open_page):
    page = open_page(PROFILE, color_scheme="dark")
    assert page.locator("html").get_attribute("data-theme") is None
    assert page.locator("button.theme-toggle").get_attribute("aria-pressed") == "true"


def test_keyboard_reaches_skip_link_then_search_box(open_page):
    page = open_page(PROFILE)
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0  # shown on focus, not left off-screen

    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "site-search":
            break
    else:
        pytest.fail("Tab never reached the search box")


def test_skip_link_moves_focus_to_the_content(open_page):
    page = open_page(PROFILE)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "content"


def test_search_box_keeps_the_query_and_submits_to_search(open_page):
    page = open_page(PROFILE)
    form = page.locator("form[role=search]")
    assert form.get_attribute("action") == "/search"
    assert form.get_attribute("method") == "get"
    assert page.locator("#site-search").get_attribute("name") == "q"


def test_lay_summary_expands(open_page):
    page = open_page(PROFILE)
    summary = page.locator("details.lay-summary").first
    body = summary.locator(".lay-summary-body")
    assert not body.is_visible()
    summary.locator("summary").click()
    assert body.is_visible()


def test_profile_prints_without_the_site_chrome(open_page):
    page = open_page("/people/zhanxing-zhu")
    page.emulate_media(media="print")
    for chrome in (".site-header", ".site-footer", ".theme-toggle", "#site-search"):
        assert not page.locator(chrome).is_visible(), chrome
    assert page.locator("h1").is_visible()
    assert page_colours(page)[0] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")


def test_profile_prints_link_targets(open_page):
    page = open_page(PROFILE, color_scheme="dark")
    page.emulate_media(media="print")
    printed = page.evaluate(
        "() => getComputedStyle(document.querySelector('.profile-links a'), '::after').content"
    )
    assert "https://" in printed
    _, text = page_colours(page)
    assert text == "rgb(0, 0, 0)"


@pytest.mark.parametrize("path", PAGES)
def test_no_inline_scripts_styles_or_handlers(open_page, path):
    page = open_page(path)
    assert page.evaluate(INLINE_CODE) == NO_INLINE_CODE


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_accessibility_violation(open_page, path, color_scheme):
    page = open_page(path, color_scheme=color_scheme)
    assert serious_violations(page) == []


def test_axe_reports_a_planted_violation(open_page):
    """The accessibility check itself works: an image without alternative text fails it."""
    page = open_page(PROFILE)
    page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    page.add_script_tag(path=str(AXE_SCRIPT))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    assert "image-alt" in {v["id"] for v in violations}
