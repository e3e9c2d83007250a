"""The interface's language: `LANGUAGE` in the configuration (English by default, or a
language with a catalogue in webapp/translations), for every page of the site.

Content stays as written; the words around it (headings, labels, messages, dates) are
translated through Flask-Babel. A site has one language, so cached pages, feeds and a
static copy never vary by visitor.
"""

from pathlib import Path

from babel import Locale
from flask import Flask, current_app
from flask_babel import Babel

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
SOURCE_LANGUAGE = "en"


def languages() -> list[str]:
    """The languages a site may be in: English, and each one with a compiled catalogue."""
    found = sorted(path.parent.parent.name for path in TRANSLATIONS.glob("*/LC_MESSAGES/*.mo"))
    return [SOURCE_LANGUAGE, *found]


def html_lang(language: str) -> str:
    """The language as HTML's lang attribute writes it (BCP 47: "zh", "pt-BR")."""
    return language.replace("_", "-")


def init_app(app: Flask) -> None:
    """Check `LANGUAGE` and translate every page into it.

    :raises SystemExit: `LANGUAGE` names a language the site has no catalogue for.
    """
    language = app.config.setdefault("LANGUAGE", SOURCE_LANGUAGE)
    if language not in languages():
        raise SystemExit(
            f"LANGUAGE is {language!r}, a language the site has no translation for: "
            f"use one of {', '.join(languages())}."
        )
    Locale.parse(language)  # a malformed name fails here, at start, not on a page
    app.config["BABEL_DEFAULT_LOCALE"] = language
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    Babel(app, locale_selector=lambda: current_app.config["LANGUAGE"])
    app.jinja_env.globals["html_lang"] = html_lang(language)
