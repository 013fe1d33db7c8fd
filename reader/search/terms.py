"""Query terms and where they occur in original text (offsets are characters, not cells).

Matching is exact substring search on folded text (`reader.text.normalize.fold`), so a term
matches across a line break or space and regardless of width or Latin case. Occurrences are
counted like `str.count`: left to right, non-overlapping (`aa` occurs once in `aaa`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.text.normalize import FoldMap, fold


def parse_query(query: str) -> list[str]:
    """Split a query into folded terms.

    Terms are separated by whitespace (any Unicode space, the ideographic one included); each is
    folded; empty terms and repeats are dropped, first occurrence first.

    Args:
        query: What the user typed.

    Returns:
        The terms, possibly none.
    """
    terms: list[str] = []
    for raw in query.split():
        term = fold(raw)
        if term and term not in terms:
            terms.append(term)
    return terms


def occurrences(folded: str, term: str, limit: int | None = None) -> list[int]:
    """Start offsets of the non-overlapping occurrences of `term` in `folded`.

    Args:
        folded: Folded text.
        term: A folded, non-empty term.
        limit: Stop after this many (None for all).

    Returns:
        Offsets into `folded`, ascending.
    """
    found: list[int] = []
    at = folded.find(term)
    while at >= 0 and len(found) != limit:
        found.append(at)
        at = folded.find(term, at + len(term))
    return found


def term_spans(
    folded: FoldMap, terms: Sequence[str], limit: int | None = None
) -> list[tuple[int, int]]:
    """Where the terms occur in the original text, overlapping spans merged.

    Args:
        folded: The fold map of the original text.
        terms: Folded, non-empty terms.
        limit: Only the first this many occurrences of each term (None for all).

    Returns:
        `(start, end)` spans in the original text, ascending, not overlapping.
    """
    return merge_spans(
        folded.span(at, at + len(term)) for term in terms for at in occurrences(folded.folded, term)
    )


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, overlapping ones merged into one.

    Args:
        spans: `(start, end)` pairs in any order.

    Returns:
        The merged spans, ascending, not overlapping.
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where a query's terms occur in any text, for highlighting.

    Args:
        text: The original text (as displayed).
        query: The query as typed.

    Returns:
        `(start, end)` character spans in `text`, ascending, overlapping ones merged. A span can
        contain whitespace when the match crosses a line break.
    """
    terms = parse_query(query)
    if not terms or not text:
        return []
    return term_spans(FoldMap.of(text), terms)
