"""The readers and the linter are pure: they run where Flask and the database are absent."""

from child_process import in_child

PURE_MODULES = (
    "catalog.activities",
    "catalog.details",
    "catalog.lengths",
    "catalog.math_text",
    "catalog.names",
    "catalog.prose",
    "catalog.readable_names",
    "catalog.records",
    "catalog.venues",
    "catalog.web_addresses",
    "catalog.wording",
    "importing.limits",
    "importing.profile_reader",
    "importing.bibtex_fields",
    "importing.bibtex_reader",
    "importing.academicpages_reader",
    "importing.hugo_reader",
    "importing.theme_profiles",
    "importing.linter",
)


def test_readers_and_linter_work_without_flask_or_the_database():
    result = in_child(
        f"""
        import importlib, importlib.abc, sys

        FORBIDDEN = ("flask", "flask_sqlalchemy", "sqlalchemy", "werkzeug", "whoosh")

        class Refuse(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in FORBIDDEN:
                    raise ImportError(f"a pure module imported {{name}}")
                return None

        sys.meta_path.insert(0, Refuse())
        for module in {PURE_MODULES!r}:
            importlib.import_module(module)

        from importing.bibtex_reader import read_bibtex
        from importing.linter import lint_records
        from importing.profile_reader import read_profile

        person, _ = read_profile("---\\nname: Ada Lovelace\\n---\\nBio.\\n", "ada.md", "ada")
        records, _ = read_bibtex(
            "@article{{a, title={{Notes}}, author={{Lovelace, Ada}}, year={{1843}}}}", "a.bib"
        )
        lint_records(records)
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in FORBIDDEN)
        print(person.name, records[0].title, loaded)
        """
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Ada", "Lovelace", "Notes", "[]"]
