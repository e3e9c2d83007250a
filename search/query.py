"""What a visitor asked: reading URL arguments, cleaning and parsing the query text."""

import heapq
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from whoosh.qparser import (
    FieldAliasPlugin,
    GtLtPlugin,
    MultifieldParser,
)
from whoosh.query import NullQuery, Or, Prefix, Query, Term

from catalog.queries import MAX_PAGE
from importing.limits import whole_number_in
from search.schema import (
    DEFAULT_FIELDS,
    FACETS,
    FIELD_BOOSTS,
    MAX_PREFIX_TERMS,
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    MIN_PREFIX_CHARS,
    SCHEMA,
    SORTS,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_YEAR_SPAN = re.compile(r"\byear:(\d{1,4})?\.\.(\d{1,4})?(?=\s|\)|$)", re.IGNORECASE)
# Only a trailing "*" after enough letters is a prefix; any other wildcard is dropped.
_STRAY_WILDCARD = re.compile(r"\?|(?<!\w\w)\*|\*(?=[\w*])")
_WORD = re.compile(r"\w+")


class SearchError(ValueError):
    """A search request that cannot be answered as asked (a bad page, sort or filter)."""


@dataclass
class SearchRequest:
    """What a visitor asked: the query text, the page, the order and the facet filters."""

    text: str = ""
    page: int = 1
    sort: str = "relevance"
    filters: dict[str, list[str]] = field(default_factory=dict)


def request_from_args(args: Mapping) -> SearchRequest:
    """Read a search request from URL arguments.

    :raises SearchError: for a page, sort or year filter that makes no sense.
    """
    page = whole_number_in(args.get("page") or "1", 1, MAX_PAGE)
    if page is None:
        raise SearchError(f"page must be a whole number from 1 to {MAX_PAGE}")
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise SearchError("sort must be 'relevance' or 'date'")
    filters = {name: [v for v in args.getlist(name) if v][:5] for name in FACETS}
    if not all(v.isdecimal() and len(v) <= 4 for v in filters["year"]):
        raise SearchError("year must be a year such as 2019")
    return SearchRequest(
        text=args.get("q") or "",
        page=page,
        sort=sort,
        filters={name: values for name, values in filters.items() if values},
    )


def clean_query(text: str) -> tuple[str, list[str]]:
    """Return the query made safe to parse (and bounded in size), with notices."""
    notices = []
    text = _CONTROL.sub(" ", text).replace("\ufffd", " ")
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notices.append(f"Your query was shortened to its first {MAX_QUERY_CHARS} characters.")
    words = text.split()
    if len(words) > MAX_QUERY_WORDS:
        words = words[:MAX_QUERY_WORDS]
        notices.append(f"Only the first {MAX_QUERY_WORDS} words of your query were used.")
    text = _STRAY_WILDCARD.sub(" ", " ".join(words))
    text = _YEAR_SPAN.sub(lambda m: f"year:[{m[1] or ''} TO {m[2] or ''}]", text)
    return text.strip(), notices


def _parser() -> MultifieldParser:
    parser = MultifieldParser(list(DEFAULT_FIELDS), SCHEMA, fieldboosts=FIELD_BOOSTS)
    parser.add_plugin(FieldAliasPlugin({"authors": ["author"]}))
    parser.add_plugin(GtLtPlugin())
    return parser


_PARSER = _parser()
_PLAIN_PARSER = MultifieldParser(list(DEFAULT_FIELDS), SCHEMA, fieldboosts=FIELD_BOOSTS)


def parse_query(text: str) -> Query:
    """Parse the query language; text the parser chokes on is searched as plain words."""
    try:
        return _PARSER.parse(text)
    except Exception:
        words = " ".join(w.lower() for w in _WORD.findall(text))
        return _PLAIN_PARSER.parse(words) if words else NullQuery


def bound_prefixes(query: Query, reader) -> Query:
    """Replace each prefix query by its most frequent expansions in the index."""

    def bounded(node: Query) -> Query:
        if not isinstance(node, Prefix):
            return node
        if len(node.text) < MIN_PREFIX_CHARS:
            return Term(node.fieldname, node.text, boost=node.boost)
        expansions = heapq.nlargest(
            MAX_PREFIX_TERMS,
            reader.iter_prefix(node.fieldname, node.text),
            key=lambda item: item[1].doc_frequency(),
        )
        field_type = SCHEMA[node.fieldname]
        terms = [
            Term(node.fieldname, field_type.from_bytes(t), boost=node.boost) for t, _ in expansions
        ]
        return Or(terms) if terms else NullQuery

    return query.accept(bounded)
