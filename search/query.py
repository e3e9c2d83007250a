"""What a visitor asked: reading URL arguments, cleaning and parsing the query text."""

import heapq
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from whoosh.analysis import STOP_WORDS
from whoosh.fields import Schema
from whoosh.qparser import (
    FieldAliasPlugin,
    GtLtPlugin,
    MultifieldPlugin,
    Plugin,
    QueryParser,
    syntax,
)
from whoosh.query import NullQuery, Or, Prefix, Query, Term

from catalog.names import title_key
from catalog.queries import MAX_PAGE
from catalog.wording import N_
from importing.limits import whole_number_in
from search.analysis import FOLDING
from search.schema import (
    DEFAULT_FIELDS,
    FACETS,
    FIELD_BOOSTS,
    MAX_PREFIX_POSTINGS,
    MAX_PREFIX_TERMS,
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
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
# What makes a query more than plain words: quotes, groups, wildcards, operators, fields.
_FIELD_NAMES = "|".join(sorted({*SCHEMA.names(), "author"}))
_SYNTAX = re.compile(rf'["()*]|\b(?:AND|OR|NOT)\b|\b(?:{_FIELD_NAMES}):')


class Notice(str):
    """What a search tells the visitor, in English (as the API and logs give it), with the
    message it is written from and that message's values, for a page to translate."""

    def __new__(cls, message: str, **values) -> "Notice":
        notice = super().__new__(cls, message % values if values else message)
        notice.message, notice.values = message, values
        return notice


class SearchError(ValueError):
    """A search request that cannot be answered as asked (a bad page, sort or filter);
    its `notice` says why."""

    def __init__(self, message: str, **values) -> None:
        self.notice = Notice(message, **values)
        super().__init__(self.notice)


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
        raise SearchError(N_("page must be a whole number from 1 to %(most)d"), most=MAX_PAGE)
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise SearchError(N_("sort must be 'relevance' or 'date'"))
    filters = {name: [v for v in args.getlist(name) if v][:5] for name in FACETS}
    if not all(v.isdecimal() and len(v) <= 4 for v in filters["year"]):
        raise SearchError(N_("year must be a year such as 2019"))
    return SearchRequest(
        text=args.get("q") or "",
        page=page,
        sort=sort,
        filters={name: values for name, values in filters.items() if values},
    )


# What clean_query says when it keeps less of a query than was typed.
SHORTENED = N_("Your query was shortened to its first %(most)d characters.")
FIRST_WORDS = N_("Only the first %(most)d words of your query were used.")


def clean_query(text: str) -> tuple[str, list[str]]:
    """Return the query made safe to parse (and bounded in size), with notices."""
    notices = []
    text = _CONTROL.sub(" ", text).replace("\ufffd", " ")
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notices.append(Notice(SHORTENED, most=MAX_QUERY_CHARS))
    words = text.split()
    if len(words) > MAX_QUERY_WORDS:
        words = words[:MAX_QUERY_WORDS]
        notices.append(Notice(FIRST_WORDS, most=MAX_QUERY_WORDS))
    text = " ".join(words)
    # One typed "word" can analyse into many terms ("a'a'a'..."): bound those too.
    ends = [match.end() for match in itertools.islice(_WORD.finditer(text), MAX_QUERY_TERMS + 1)]
    if len(ends) > MAX_QUERY_TERMS:
        text = text[: ends[MAX_QUERY_TERMS - 1]]
        notices.append(Notice(FIRST_WORDS, most=MAX_QUERY_TERMS))
    text = _STRAY_WILDCARD.sub(" ", text)
    text = _YEAR_SPAN.sub(lambda m: f"year:[{m[1] or ''} TO {m[2] or ''}]", text)
    return text.strip(), notices


class VisitorWordsPlugin(Plugin):
    """Read bare words as visitors mean them, before they are spread over the fields.

    - A word with no meaning for the index ("of", "the") never makes a query fail:
      prose fields drop it, so requiring it in a name or venue field would.
    - An operator with nothing on one side ("zhou AND") is dropped, not searched for.
    Fielded words and quoted phrases are kept as typed.
    """

    def filters(self, parser):
        # After explicit field names are applied (100), before the fields are spread (110).
        return [(self.read_words, 105)]

    def read_words(self, parser, group):
        nodes = [
            self.read_words(parser, node) if isinstance(node, syntax.GroupNode) else node
            for node in group
        ]
        # An operator left as a word here has nothing on one of its sides.
        nodes = [node for node in nodes if not (_is_bare_word(node) and node.text in OPERATORS)]
        # Words without meaning are dropped unless nothing else is left to search.
        if any(not _is_stop_word(node) for node in _content(nodes)):
            nodes = [node for node in nodes if not _is_stop_word(node)]
        new_group = group.empty_copy()
        new_group.extend(nodes)
        return new_group


OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


def _is_bare_word(node) -> bool:
    return isinstance(node, syntax.WordNode) and node.fieldname is None


def _is_stop_word(node) -> bool:
    return _is_bare_word(node) and node.text.lower() in STOP_WORDS


def _content(nodes: list) -> list:
    return [n for n in nodes if not isinstance(n, syntax.Whitespace | syntax.Operator)]


class _VisitorParser(QueryParser):
    """Whoosh's parser over the default fields, with prefixes matched as typed.

    Whoosh stems a prefix like a word: "cons*" became "con*", which finds "conference".
    Here the prefix is kept as typed (folded) and the word's stem is matched too, so
    "networks*" still finds "network", the stem of "networks".
    """

    def __init__(self, schema: Schema) -> None:
        super().__init__(None, schema)
        self.add_plugin(MultifieldPlugin(list(DEFAULT_FIELDS), fieldboosts=FIELD_BOOSTS))

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        found = super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
        if not (termclass is Prefix and isinstance(found, Prefix)):
            return found
        typed = [token.text for token in FOLDING(text)]
        if len(typed) != 1 or typed[0] == found.text:
            return found
        return Or(
            [Prefix(fieldname, typed[0], boost=boost), Term(fieldname, found.text, boost=boost)]
        )


# Parsers made per schema (schemas cannot be hashed: kept by identity, with the schema).
_PARSERS: dict[int, tuple[Schema, QueryParser, QueryParser]] = {}


def _parsers(schema: Schema) -> tuple[QueryParser, QueryParser]:
    """The parser of the query language over a schema, and one for plain words only."""
    made = _PARSERS.get(id(schema))
    if made is None:
        made = _PARSERS[id(schema)] = (schema, *_made_parsers(schema))
    return made[1], made[2]


def _made_parsers(schema: Schema) -> tuple[QueryParser, QueryParser]:
    parser = _VisitorParser(schema)
    parser.add_plugin(FieldAliasPlugin({"authors": ["author"]}))
    parser.add_plugin(GtLtPlugin())
    parser.add_plugin(VisitorWordsPlugin())
    plain = _VisitorParser(schema)
    plain.add_plugin(VisitorWordsPlugin())
    return parser, plain


def parse_query(text: str, schema: Schema = SCHEMA) -> Query:
    """Parse the query language; text the parser chokes on is searched as plain words.

    The schema gives each field's analysis: a backend's own (search.tantivy_engine).
    """
    parser, plain = _parsers(schema)
    try:
        return parser.parse(text)
    except Exception:
        words = " ".join(w.lower() for w in _WORD.findall(text))
        return plain.parse(words) if words else NullQuery


def bound_prefixes(query: Query, expansions: Callable[[str, str], Iterable[tuple[str, int]]]):
    """Replace each prefix query by its most frequent expansions in the index.

    `expansions(field, prefix)` gives the indexed words with that prefix and their
    document counts. The expansions are bounded by the postings they would have a
    search read, not only by their number: "trans*" keeps "translation" and a few
    more, never hundreds.
    """

    def bounded(node: Query) -> Query:
        if not isinstance(node, Prefix):
            return node
        if len(node.text) < MIN_PREFIX_CHARS:
            return Term(node.fieldname, node.text, boost=node.boost)
        frequent = heapq.nlargest(
            MAX_PREFIX_TERMS, expansions(node.fieldname, node.text), key=lambda item: item[1]
        )
        terms, postings = [], 0
        for text, frequency in frequent:
            if terms and postings + frequency > MAX_PREFIX_POSTINGS:
                break
            terms.append(Term(node.fieldname, text, boost=node.boost))
            postings += frequency
        return Or(terms) if terms else NullQuery

    return query.accept(bounded)


def title_words(text: str, schema: Schema = SCHEMA) -> tuple[str, list[str]]:
    """Return what a title answering plain query words best holds: the words as typed.

    The query as a title key (a pasted title) and its words as the title's analysis
    makes them; nothing when the query uses any syntax (fields, quotes, operators).
    """
    if _SYNTAX.search(text):
        return "", []
    return title_key(text), list(schema["title"].process_text(text, mode="query"))
