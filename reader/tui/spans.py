"""Where a search query's terms occur in a text, as character spans (for highlighting hits)."""

from __future__ import annotations

from reader.text.normalize import FoldMap, fold


def query_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans of every occurrence of every term of `query` in `text`, sorted.

    Matching is the search's: width, Latin case and whitespace folded, so a hit that crosses a
    line break or is typed in half-width forms is still found.

    Args:
        text: The text shown (a title, a paragraph, a snippet).
        query: Terms separated by spaces.

    Returns:
        `(start, end)` spans in `text`, in order, not overlapping.
    """
    terms = [t for t in (fold(term) for term in query.split()) if t]
    if not terms or not text:
        return []
    mapping = FoldMap.of(text)
    folded = mapping.folded
    found: list[tuple[int, int]] = []
    for term in terms:
        at = folded.find(term)
        while at >= 0:
            found.append(mapping.span(at, at + len(term)))
            at = folded.find(term, at + len(term))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
