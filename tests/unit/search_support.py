"""The brute-force reference that search tests compare the index with."""

from __future__ import annotations

from collections.abc import Sequence

from reader.search import SearchDoc, parse_query
from reader.text.normalize import fold


def brute_force(docs: Sequence[SearchDoc], query: str) -> dict[str, int]:
    """Article id → hits, by scanning every folded text."""
    terms = parse_query(query)
    found = {}
    for doc in docs:
        folded = fold(doc.text)
        counts = [folded.count(t) for t in terms]
        if terms and all(counts):
            found[doc.id] = sum(counts)
    return found
