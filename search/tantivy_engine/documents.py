"""The tantivy index's fields, and the search package's documents as tantivy documents."""

import json
import re
from typing import Any

from tantivy import Document, Schema, SchemaBuilder

from search.analysis import MAX_COMPOUND_PARTS
from search.schema import SECTION_WEIGHTS, row_id

# The query language's two weighted fields (search.schema) are groups of fields here,
# one per section, each with its weight; a word asked of `text` is asked of each.
FIELD_GROUPS = {
    "text": {
        "title": SECTION_WEIGHTS["title"],
        "venue_words": SECTION_WEIGHTS["venue"],
        "about": SECTION_WEIGHTS["about"],
        "abstract": SECTION_WEIGHTS["abstract"],
        "joined": 1.0,
    },
    "names": {
        "authors": SECTION_WEIGHTS["authors"],
        "venue_key": SECTION_WEIGHTS["venue_key"],
        "year_word": SECTION_WEIGHTS["year"],
    },
}
# Which section each field of a group holds.
_SECTION_OF = {"venue_words": "venue", "year_word": "year"}
_STEMMED = ("title", "venue_words", "about", "abstract", "joined")
_FOLDED = ("authors", "venue_key", "year_word", "venue", "spell")
# Exact values: one term each ("has" and "person" may hold several).
_EXACT = ("id", "kind", "title_key", "has")
# Exact values that facets count and filters test.
FACET_FIELDS = {"year": "year", "venue": "venue_label", "type": "type", "person": "person"}
# From a word's start only: tried at every letter, the pattern would backtrack through
# each word of an abstract.
_COMPOUND = re.compile(r"\b\w+(?:-\w+)+")


def index_schema() -> Schema:
    builder = SchemaBuilder()
    for name in _STEMMED:
        builder.add_text_field(name, tokenizer_name="stemmed")
    for name in _FOLDED:
        builder.add_text_field(name, tokenizer_name="folded")
    for name in _EXACT:
        builder.add_text_field(name, stored=name == "id", tokenizer_name="raw")
    for name in ("type", "venue_label", "person"):
        builder.add_text_field(name, fast=True, tokenizer_name="raw")
    builder.add_text_field("digest", stored=True, tokenizer_name="raw", index_option="basic")
    # What a hit shows (search.documents.shown_fields), as JSON: hits need no rows loaded.
    builder.add_bytes_field("shown", stored=True)
    builder.add_integer_field("row", stored=True, fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("date", fast=True)
    return builder.build()


def tantivy_document(document: dict[str, Any]) -> Document:
    """Return one of search.documents' documents as this index holds it."""
    sections = document["sections"]
    fields: dict[str, Any] = {
        "id": document["id"],
        "kind": document["kind"],
        "digest": document["digest"],
        "row": row_id(document["id"]),
        "date": document.get("date", 0),
    }
    for group in FIELD_GROUPS.values():
        for name in group:
            text = sections.get(_SECTION_OF.get(name, name))
            if text:
                fields[name] = text
    if "shown" in document:
        fields["shown"] = json.dumps(document["shown"]).encode()
    text = " ".join(sections.values())
    joined = _joined_words(text) if "-" in text else ""
    if joined:
        fields["joined"] = joined
    for name in ("title_key", "type", "venue_label", "venue", "spell", "year"):
        if document.get(name):
            fields[name] = document[name]
    for name in ("has", "person"):
        values = (document.get(name) or "").split()
        if values:
            fields[name] = values
    return Document(**fields)


def _joined_words(text: str) -> str:
    """Return "multitask" for each "multi-task" in the text, so either spelling finds it."""
    return " ".join(
        word.replace("-", "")
        for word in _COMPOUND.findall(text)
        if word.count("-") < MAX_COMPOUND_PARTS
    )
