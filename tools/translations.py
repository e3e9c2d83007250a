"""Keep the interface's translations in step with the code.

    python tools/translations.py update    # new messages into every .po, for translating
    python tools/translations.py compile   # each .po into the .mo the site reads
    python tools/translations.py check     # what a catalogue misses (as the tests do)

A new language: `pybabel init -i webapp/translations/messages.pot -d webapp/translations
-l LANG`, then `update`, translate every message, `compile`, and set LANGUAGE = "LANG".
"""

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "webapp" / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
# The folders that hold interface text (not tests, benchmarks or migrations).
SOURCES = ("accounts", "blueprints", "catalog", "editing", "importing", "publishing",
           "search", "webapp", "templates")  # fmt: skip
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None,
            "lazy_gettext": None, "lazy_ngettext": (1, 2)}  # fmt: skip


def extracted() -> Catalog:
    """Every message the code and the templates mark, with where each is."""
    catalog = Catalog(project="Scholarsite", fuzzy=False)
    method_map = [("**.py", "python"), ("**.html", "jinja2")]
    for folder in SOURCES:
        found = extract_from_dir(ROOT / folder, method_map, keywords=KEYWORDS)
        for filename, line, message, comments, context in found:
            location = (f"{folder}/{filename}", line)
            catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def translated_catalogs() -> dict[str, Path]:
    """Each language's .po file, by language."""
    return {path.parent.parent.name: path for path in TRANSLATIONS.glob("*/LC_MESSAGES/*.po")}


def read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def update() -> None:
    """Write the template and bring every .po up to it (new messages untranslated)."""
    template = extracted()
    with TEMPLATE.open("wb") as file:
        write_po(file, template, omit_header=True, sort_output=True)
    for path in translated_catalogs().values():
        catalog = read(path)
        catalog.update(template, update_header_comment=False)
        with path.open("wb") as file:
            write_po(file, catalog, sort_output=True, ignore_obsolete=True)


def compile_all() -> None:
    for path in translated_catalogs().values():
        with path.with_suffix(".mo").open("wb") as file:
            write_mo(file, read(path))


def problems() -> list[str]:
    """What keeps each language from being complete, one line each (none: complete)."""
    found = []
    wanted = {message.id for message in extracted() if message.id}
    for language, path in translated_catalogs().items():
        catalog = read(path)
        for message in catalog:
            if not message.id:
                continue
            if message.id not in wanted:
                found.append(f"{language}: {message.id!r} is no longer in the code")
            elif message.fuzzy or not all(_texts(message.string)):
                found.append(f"{language}: {message.id!r} is not translated")
            else:
                found.extend(f"{language}: {error}" for error in message.check(catalog))
        missing = wanted - {message.id for message in catalog}
        found.extend(f"{language}: {mid!r} is missing" for mid in sorted(map(str, missing)))
        if not _compiled_in_step(path, catalog):
            found.append(f"{language}: {path.with_suffix('.mo')} is not compiled from its .po")
    return found


def _compiled_in_step(path: Path, catalog: Catalog) -> bool:
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    try:
        with path.with_suffix(".mo").open("rb") as file:
            return _pairs(read_mo(compiled)) == _pairs(read_mo(file))
    except FileNotFoundError:
        return False


def _texts(string) -> tuple:
    return string if isinstance(string, tuple) else (string,)


def _pairs(catalog: Catalog) -> dict:
    return {str(message.id): str(message.string) for message in catalog if message.id}


if __name__ == "__main__":
    command = sys.argv[1:] or ["check"]
    if command == ["update"]:
        update()
    elif command == ["compile"]:
        compile_all()
    elif command == ["check"]:
        lines = problems()
        print("\n".join(lines) or "Every language is complete.")
        sys.exit(1 if lines else 0)
    else:
        sys.exit(__doc__)
