"""Marked titles and abstract fragments, made by tantivy's snippet generator.

The texts are what a hit shows (search.documents.shown_fields, from the copy the index
stores or from the rows); each is read with the analyzer of its index field, so a query
word marks exactly the words it matched.
"""

from collections.abc import Callable

from tantivy import Document, Occur, Query, SnippetGenerator

from search.tantivy_engine.store import TantivyView

# How much of each text is shown: a whole title, a fragment of the abstract.
SHOWN_CHARS = {"title": 10_000, "abstract": 200}
# The tag that marks a word, with the class the Whoosh backend's marks carry.
MARK = '<mark class="match">'


def marker(view: TantivyView, words: dict[str, frozenset[str]]) -> Callable[[dict], dict]:
    """Return a function from what a paper shows (search.documents.shown_fields) to its
    title and abstract with a word marked, as HTML."""
    generators = {}
    for name, chars in SHOWN_CHARS.items():
        if words.get(name):
            terms = [(Occur.Should, Query.term_query(view.schema, name, w)) for w in words[name]]
            generator = SnippetGenerator.create(
                view.searcher, Query.boolean_query(terms), view.schema, name
            )
            generator.set_max_num_chars(chars)
            generators[name] = generator

    def marked(texts: dict[str, str]) -> dict[str, str]:
        found = {}
        for name, generator in generators.items():
            if texts.get(name):
                snippet = generator.snippet_from_doc(Document(**{name: texts[name]}))
                if snippet.highlighted():
                    # The fragment is escaped; only the generator's own tags are markup.
                    html = snippet.to_html()
                    found[name] = html.replace("<b>", MARK).replace("</b>", "</mark>")
        return found

    return marked
