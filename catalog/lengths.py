"""How long each text the database stores may be, in characters: the one home of the
columns' lengths (catalog/models.py), and of the check that a record fits them.

SQLite keeps a longer text anyway; PostgreSQL refuses it, which would end a whole import
or edit in an error. Readers check their records here first, so a text too long is one
entry's problem, said as such, on every database.
"""

from catalog.names import name_key
from catalog.records import LinkRecord, PersonRecord, PublicationRecord

SLUG = 100
NAME = 200  # a person's name and its spellings, a link's label
LINE = 300  # a position, a tagline, an e-mail, a section's title, an award
ADDRESS = 2000
FILE_PATH = 1000
PHOTO = 500
LINK_KIND = 40
SECTION_KIND = 20
ROLE = 50
KEY = 200  # a paper's key and its BibTeX key
ENTRY_TYPE = 30
ABBREVIATION = 50
VENUE_NAME = 500
VENUE_KEY = 300
IDENTIFIER = 50  # an arXiv or OpenReview id
DOI = 300
VENUE_KIND = 20
SITE_TEXT_NAME = 50
MATCH_KEY = 500  # catalog.names.match_key keeps within it


def person_too_long(record: PersonRecord) -> list[str]:
    """Say which texts of a profile are longer than the database keeps."""
    texts = [
        ("slug", record.slug, SLUG),
        ("name", record.name, NAME),
        ("position", record.position, LINE),
        ("tagline", record.tagline, LINE),
        ("email", record.email, LINE),
        ("photo", record.photo, PHOTO),
        ("role", record.role, ROLE),
        *((f"spelling {n}", alias, NAME) for n, alias in enumerate(record.aliases, 1)),
        *((f"spelling {n} (as a key)", name_key(a), NAME) for n, a in enumerate(record.aliases, 1)),
        *_link_texts(record.links),
    ]
    for number, section in enumerate(record.sections, 1):
        texts += [
            (f"section {number}'s title", section.title, LINE),
            (f"section {number}'s kind", section.kind, SECTION_KIND),
        ]
    return _too_long(texts)


def paper_too_long(record: PublicationRecord) -> list[str]:
    """Say which texts of a paper are longer than the database keeps."""
    texts = [
        ("key", record.key, KEY),
        ("entry type", record.entry_type, ENTRY_TYPE),
        ("venue abbreviation", record.venue_abbreviation, ABBREVIATION),
        ("venue", record.venue_name, VENUE_NAME),
        ("award", record.award, LINE),
        ("doi", record.doi, DOI),
        ("arXiv id", record.arxiv_id, IDENTIFIER),
        ("OpenReview id", record.openreview_id, IDENTIFIER),
        ("file", record.file, FILE_PATH),
        *_link_texts(record.links),
    ]
    for number, author in enumerate(record.authors, 1):
        texts += [
            # An author's name may become a member's spelling (NAME), kept as printed.
            (f"author {number}", author.name, NAME),
            (f"author {number} (as a key)", name_key(author.name), NAME),
        ]
    return _too_long(texts)


def _link_texts(links: list[LinkRecord]) -> list[tuple[str, str, int]]:
    texts = []
    for number, link in enumerate(links, 1):
        texts += [
            (f"link {number}'s kind", link.kind, LINK_KIND),
            (f"link {number}'s label", link.label, NAME),
            (f"link {number}'s address", link.url, ADDRESS),
        ]
    return texts


def _too_long(texts: list[tuple[str, str, int]]) -> list[str]:
    return [
        f"{what} has {len(text):,} characters, more than the {limit:,} kept"
        for what, text, limit in texts
        if len(text) > limit
    ]
