"""The tantivy backend: the same query language, facets and suggestions over tantivy.

Chosen by `SEARCH_BACKEND = "tantivy"`. Queries are parsed by the package's own parser
(search.query) and translated here; text is analysed by tantivy, at indexing and when
a query is parsed or a result is highlighted, so both sides always agree.
"""
