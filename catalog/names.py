"""Name and text normalisation shared by the importers, the models and search."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")
_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Return text without accents and case: "Similä" and "SIMILA" fold alike."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def name_key(name: str) -> str:
    """Return the key that identifies a printed name, ignoring case, accents and dots."""
    return " ".join(_NON_WORD.sub(" ", fold(name)).split())


def title_key(title: str) -> str:
    """Return a title reduced to its letters and digits, for spotting duplicates."""
    return "".join(_NON_WORD.sub("", fold(title)).split()).replace("_", "")


def slugify(text: str, max_length: int = 80) -> str:
    """Return a lower-case, URL-safe slug of text ("Ng:2024" becomes "ng-2024")."""
    slug = _SLUG_UNSAFE.sub("-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-")


def publication_key(bibtex_key: str) -> str:
    """Return the URL key for a BibTeX key: "10.1145/3357384" becomes "10-1145-3357384"."""
    return slugify(bibtex_key, max_length=120) or "paper"


# Of a title, what matching papers across files compares (the rest rarely differs): the
# key stays within its column (catalog.lengths.MATCH_KEY).
MATCHED_TITLE_CHARS = 480


def match_key(title: str, year: int | None) -> str:
    """Return the normalised title and year that identify a paper across files."""
    return f"{title_key(title)[:MATCHED_TITLE_CHARS]}:{year or ''}" if title else ""


def could_be_same_name(short: str, full: str) -> bool:
    """Return whether one name could be an abbreviation of another ("B. Lyu", "Bochen Lyu")."""
    short_parts, full_parts = name_key(short).split(), name_key(full).split()
    if len(short_parts) != len(full_parts) or not short_parts:
        return False
    *short_given, short_family = short_parts
    *full_given, full_family = full_parts
    return short_family == full_family and all(
        full_name.startswith(part) for part, full_name in zip(short_given, full_given, strict=True)
    )


def arxiv_base_id(arxiv_id: str) -> str:
    """Return an arXiv id without its version ("1902.05687v2" becomes "1902.05687")."""
    return arxiv_id.split("v")[0] if arxiv_id[:1].isdigit() else arxiv_id
