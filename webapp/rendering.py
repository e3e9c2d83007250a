"""Turn stored Markdown into safe HTML and give templates their helpers."""

import zlib
from datetime import date
from functools import lru_cache

import nh3
from flask import Flask
from flask_babel import format_date, gettext
from markdown_it import MarkdownIt
from markupsafe import Markup

from catalog.activities import ACTIVITIES
from catalog.math_text import has_math, math_html
from catalog.readable_names import KIND_NAMES, kind_name, type_name
from catalog.web_addresses import telling_names

_markdown = MarkdownIt("commonmark", {"typographer": False}).enable("table")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i", "li",
    "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


@lru_cache(maxsize=2048)
def markdown_html(text: str) -> Markup:
    """Render Markdown to HTML with everything unsafe (scripts, handlers, styles) removed."""
    html = _markdown.render(text or "")
    return Markup(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener",
        )
    )


@lru_cache(maxsize=2048)
def inline_markdown_html(text: str) -> Markup:
    """Render one paragraph of Markdown without the surrounding <p>."""
    html = str(markdown_html(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


AVATAR_TONES = 6


def avatar_tone(name: str) -> int:
    """Pick one of the initials avatar's colours from a name, the same on every page."""
    # A checksum, not hash(): Python salts string hashes per process.
    return zlib.crc32(name.encode()) % AVATAR_TONES


def told_apart(links: list) -> list[tuple]:
    """Pair each link (a row or a dict of kind, label, url) with its label and what tells
    it apart from other links of that label (catalog.web_addresses.telling_names).

    A label that is its kind's readable name ("Code", as imports write it) is shown in
    the site's language; any other is the owner's own words, shown as written.
    """

    def field(link, name: str) -> str:
        return (link.get(name) if isinstance(link, dict) else getattr(link, name)) or ""

    labels = [field(link, "label") or field(link, "kind") for link in links]
    names = telling_names(
        [(label, field(link, "url")) for label, link in zip(labels, links, strict=True)]
    )
    shown = [gettext(label) if label in KIND_NAMES.values() else label for label in labels]
    return list(zip(links, shown, names, strict=True))


def long_date(day: str) -> str:
    """A date written YYYY-MM-DD as the site's language writes it ("December 6, 2026",
    "2026年12月6日")."""
    return format_date(date.fromisoformat(day), format="long")


def init_app(app: Flask) -> None:
    """Make the Markdown filters, the avatar colour and readable names available to every
    template."""
    app.add_template_filter(markdown_html, "markdown")
    app.add_template_filter(inline_markdown_html, "markdown_inline")
    app.add_template_filter(avatar_tone, "avatar_tone")
    app.add_template_filter(math_html, "with_math")
    app.add_template_filter(has_math, "has_math")
    # Readable names in the site's language (catalog.readable_names keeps them English).
    app.add_template_filter(lambda entry_type: gettext(type_name(entry_type)), "type_name")
    app.add_template_filter(lambda kind: gettext(kind_name(kind)) if kind else "", "kind_name")
    app.add_template_filter(told_apart, "told_apart")
    app.add_template_filter(long_date, "long_date")
    app.jinja_env.globals["activity_kinds"] = ACTIVITIES
