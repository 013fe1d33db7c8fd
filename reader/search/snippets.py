"""Snippets: short windows of original text around query hits (offsets are characters).

A snippet is plain text with its hits given as spans (`reader.model.Snippet`); how hits are
shown (reverse video in the app and the terminal, ⟦ ⟧ marks in plain and JSON output) is the
caller's choice.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.model import Snippet

ELLIPSIS = "…"


def make_snippets(
    text: str,
    spans: Sequence[tuple[int, int]],
    *,
    width: int = 40,
    limit: int = 3,
    prefer_from: int = 0,
) -> list[Snippet]:
    """Cut up to `limit` snippets of about `width` characters around the hits.

    Windows stay inside one line (paragraph) unless a hit crosses a line break; a line break
    inside a window becomes a space. Hits at or after `prefer_from` (the body, when the title is
    shown anyway) are used first; hits before it only when there are no others.

    Args:
        text: The original text.
        spans: Hits in `text`, ascending and not overlapping (see `terms.term_spans`).
        width: Characters of text in a window (a longer hit gets a window of its own length).
        limit: The most snippets to return.
        prefer_from: Offset where the preferred part of the text begins.

    Returns:
        The snippets, in text order.
    """
    chosen = [s for s in spans if s[0] >= prefer_from] or list(spans)
    out: list[Snippet] = []
    i = 0
    previous_end = 0
    while i < len(chosen) and len(out) < limit:
        first, last = chosen[i]
        line_start = text.rfind("\n", 0, first) + 1
        # Windows never overlap: the next one starts where the last one ended, at the earliest.
        floor = max(line_start, previous_end)
        line_end = text.find("\n", last)
        if line_end < 0:
            line_end = len(text)
        size = max(width, last - first)
        start = max(floor, first - (size - (last - first)) // 2)
        end = min(line_end, start + size)
        start = max(floor, min(start, end - size))
        inside = []
        while i < len(chosen) and chosen[i][0] < end:
            s, e = chosen[i]
            inside.append((max(s, start), min(e, end)))
            i += 1
        out.append(_window(text, start, end, line_start, line_end, inside))
        previous_end = end
    return out


def _window(
    text: str, start: int, end: int, line_start: int, line_end: int, hits: list[tuple[int, int]]
) -> Snippet:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw.rstrip())
    body = raw[lead:trail].replace("\n", " ")
    prefix = ELLIPSIS if start > line_start and lead == 0 else ""
    suffix = ELLIPSIS if end < line_end and trail == len(raw) else ""
    shift = len(prefix) - start - lead
    spans = tuple(
        (max(s + shift, len(prefix)), min(e + shift, len(prefix) + len(body)))
        for s, e in hits
        if min(e + shift, len(prefix) + len(body)) > max(s + shift, len(prefix))
    )
    return Snippet(prefix + body + suffix, spans, start + lead)
