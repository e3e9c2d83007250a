"""The query language, as parsed by search.query, as tantivy queries."""

from tantivy import FieldType, Occur, Query, Schema
from whoosh import query as parsed

from search.schema import SCHEMA
from search.tantivy_engine.documents import FIELD_GROUPS


def translated(node: parsed.Query, schema: Schema) -> Query:
    """Return the tantivy query that asks what the parsed query asks.

    Bounded prefixes (search.query.bound_prefixes) are already words; anything the
    language cannot produce matches nothing rather than everything.
    """
    found = _translated(node, schema)
    boost = getattr(node, "boost", 1.0)
    return found if boost == 1.0 else Query.boost_query(found, boost)


def _translated(node: parsed.Query, schema: Schema) -> Query:
    if node is parsed.NullQuery:
        return Query.empty_query()
    if isinstance(node, parsed.And):
        clauses = [
            (Occur.MustNot, translated(sub.query, schema))
            if isinstance(sub, parsed.Not)
            else (Occur.Must, translated(sub, schema))
            for sub in node.subqueries
        ]
        if all(occur == Occur.MustNot for occur, _ in clauses):
            clauses.append((Occur.Must, Query.all_query()))
        return Query.boolean_query(clauses)
    if isinstance(node, parsed.Or):
        return Query.boolean_query([(Occur.Should, translated(s, schema)) for s in node.subqueries])
    if isinstance(node, parsed.Not):
        return Query.boolean_query(
            [(Occur.Must, Query.all_query()), (Occur.MustNot, translated(node.query, schema))]
        )
    if isinstance(node, parsed.AndNot):
        return Query.boolean_query(
            [(Occur.Must, translated(node.a, schema)), (Occur.MustNot, translated(node.b, schema))]
        )
    if isinstance(node, parsed.AndMaybe):
        return Query.boolean_query(
            [(Occur.Must, translated(node.a, schema)), (Occur.Should, translated(node.b, schema))]
        )
    if isinstance(node, parsed.Every):
        return Query.all_query()
    if isinstance(node, parsed.NumericRange) and node.fieldname == "year":
        return Query.range_query(
            schema,
            "year",
            FieldType.Integer,
            node.start,
            node.end,
            include_lower=not node.startexcl,
            include_upper=not node.endexcl,
        )
    if isinstance(node, parsed.Term):
        if node.fieldname == "year":
            year = (
                SCHEMA["year"].from_bytes(node.text) if isinstance(node.text, bytes) else node.text
            )
            return Query.term_query(schema, "year", int(year))
        return _in_each_field(
            node.fieldname, lambda name: Query.term_query(schema, name, node.text)
        )
    if isinstance(node, parsed.Phrase):
        words = list(node.words)
        if len(words) == 1:
            return _in_each_field(
                node.fieldname, lambda name: Query.term_query(schema, name, words[0])
            )
        slop = max(node.slop - 1, 0)
        return _in_each_field(
            node.fieldname, lambda name: Query.phrase_query(schema, name, words, slop)
        )
    return Query.empty_query()


def _in_each_field(fieldname: str, ask) -> Query:
    """Ask each field of a group (search.tantivy_engine.documents) with its weight."""
    group = FIELD_GROUPS.get(fieldname)
    if group is None:
        return ask(fieldname)
    return Query.boolean_query(
        [(Occur.Should, Query.boost_query(ask(name), weight)) for name, weight in group.items()]
    )
