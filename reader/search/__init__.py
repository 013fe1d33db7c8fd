"""Keyword search that never misses: exact substring recall over folded text, ranked by BM25.

The store calls `create_schema` and `index_articles` (or `prepare` in worker processes and
an `Indexer` in the writing one) while building the database; the CLI and
the app call `search` (or `run_search` for the total too), `suggest`, and `highlighter` to
highlight hits in any text as the search finds them (`find_spans` for the terms as written).
"""

from reader.search.index import (
    Indexer,
    PreparedDoc,
    SearchDoc,
    create_schema,
    index_articles,
    prepare,
)
from reader.search.matching import Highlighter
from reader.search.query import SearchResults, count, highlighter, run_search, search, suggest
from reader.search.snippets import make_snippets
from reader.search.terms import find_spans, parse_query

__all__ = [
    "Highlighter",
    "Indexer",
    "PreparedDoc",
    "SearchDoc",
    "SearchResults",
    "count",
    "create_schema",
    "find_spans",
    "highlighter",
    "index_articles",
    "make_snippets",
    "parse_query",
    "prepare",
    "run_search",
    "search",
    "suggest",
]
