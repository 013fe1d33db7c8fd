"""Characters placed on a page, grouped into lines: the first step of reading a page's layout.

A glyph is one character with its box and size, read from a PDF (`reader.ingest.pdf`) or from
text laid out in character cells (`reader.ingest.grid`). Glyphs of one size on one baseline form
a row; a row is cut into lines where a gap opens that no justified line has (a column gutter).
Coordinates are the source's own units (points, or cells and rows), y growing downwards.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

GUTTER = 0.45
"""A gap wider than this many characters inside a row of glyphs is a column gutter."""


@dataclass(frozen=True)
class Glyph:
    """One character drawn on the page; y grows downwards from the top of the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    start: int = -1
    """Offset of the character in a decoded text it was read from (-1: from a PDF)."""


@dataclass
class Line:
    """Glyphs of one size on one baseline, with no gutter inside."""

    glyphs: list[Glyph]
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute the text and box from the glyphs."""
        glyphs = self.glyphs
        self.x0 = min(g.x0 for g in glyphs)
        self.x1 = max(g.x1 for g in glyphs)
        self.top = min(g.top for g in glyphs)
        self.bottom = max(g.bottom for g in glyphs)
        self.size = statistics.median(g.size for g in glyphs)
        parts = [glyphs[0].text]
        for left, right in itertools.pairwise(glyphs):
            # A gap between two Latin letters or digits is a word space the PDF did not draw
            # (words set by position); gaps between Chinese characters are letter-spacing.
            if right.x0 - left.x1 > 0.25 * self.size and _latin(left.text) and _latin(right.text):
                parts.append(" ")
            parts.append(right.text)
        self.text = "".join(parts)


def _latin(text: str) -> bool:
    return text.isascii() and text.isalnum()


def same_size(a: float, b: float, ratio: float = 1.12) -> bool:
    """Whether two font sizes are one size (within `ratio` of each other)."""
    return max(a, b) <= ratio * min(a, b)


def lines_of(glyphs: Iterable[Glyph]) -> list[Line]:
    """Group glyphs into lines: one size, one baseline, no gutter inside."""
    rows: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.bottom, g.x0)):
        for row in reversed(rows[-8:]):
            head = row[0]
            if abs(glyph.bottom - head.bottom) <= 0.25 * head.size and same_size(
                glyph.size, head.size
            ):
                row.append(glyph)
                break
        else:
            rows.append([glyph])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        start = 0
        for n in range(1, len(row)):
            size = max(row[n].size, row[n - 1].size)
            if row[n].x0 - row[n - 1].x1 > GUTTER * size or row[n].x0 < row[n - 1].x0:
                lines.extend(_line(row[start:n]))
                start = n
        lines.extend(_line(row[start:]))
    return split_wide(lines)


def _line(glyphs: list[Glyph]) -> list[Line]:
    """The line of these glyphs without the spaces at its ends (none if only spaces)."""
    start, end = 0, len(glyphs)
    while start < end and glyphs[start].text == " ":
        start += 1
    while end > start and glyphs[end - 1].text == " ":
        end -= 1
    return [Line(glyphs[start:end])] if start < end else []


HANGING = frozenset("，。、；：？！）”’》」』〕】,.;:?!)")
"""Closing marks a typesetter lets hang past a column's edge, into the gutter."""


def split_wide(lines: list[Line], slack: float = 0.5) -> list[Line]:
    """Cut lines that run across a gutter too narrow to see (a full-width mark hanging into it).

    A line wider than a column is cut where a gutter shows: after a column's worth of glyphs,
    at a gap or after a hanging mark, at a glyph standing where other lines of its size start
    (within `slack` of such an edge); of several, at the edge most lines start from (a
    column's, not an indent's), the nearest to the line's middle.
    """
    by_size: dict[float, list[Line]] = {}
    for line in lines:
        by_size.setdefault(round(line.size), []).append(line)
    out: list[Line] = []
    for group in by_size.values():
        # Most lines are full column lines; short last lines of paragraphs are the rest.
        widths = sorted(line.x1 - line.x0 for line in group)
        typical = widths[int(len(widths) * 0.8)]
        edges = Counter(round(line.x0 / slack) for line in group)
        for line in group:
            out.extend(_cut(line, typical, edges, slack))
    return out


def _cut(line: Line, typical: float, edges: Counter[int], slack: float) -> Iterator[Line]:
    # A column line is at most as wide as the column and a mark hanging past its edge.
    if line.x1 - line.x0 <= typical + line.size or len(line.glyphs) < 4:
        yield line
        return
    glyphs = line.glyphs
    cuts: list[tuple[int, float, int]] = []
    for n in range(1, len(glyphs)):
        weight = max(edges.get(round(glyphs[n].x0 / slack) + d, 0) for d in (-1, 0, 1))
        # Only a gutter parts glyphs set one after the other (a byline may run on past its
        # column's edge): a gap, or a closing mark hanging into it; and what stands left of a
        # gutter is a column's line, nearly as wide as a column (an indent less).
        gap = glyphs[n].x0 - glyphs[n - 1].x1
        apart = gap >= 0.15 * line.size or glyphs[n - 1].text in HANGING
        full = glyphs[n - 1].x1 - line.x0 >= typical - 3 * line.size
        if weight and apart and full:
            cuts.append((-weight, abs(n - len(glyphs) / 2), n))
    if not cuts:
        yield line
        return
    cut = min(cuts)[2]
    for part in (glyphs[:cut], glyphs[cut:]):
        for piece in _line(part):
            yield from _cut(piece, typical, edges, slack)


def body_size(lines: Sequence[Line]) -> float:
    """The page's body size: the font size most characters are set in."""
    weight: dict[float, int] = {}
    for line in lines:
        key = round(line.size, 1)
        weight[key] = weight.get(key, 0) + len(line.glyphs)
    return max(weight, key=lambda k: weight[k]) if weight else 10.0
