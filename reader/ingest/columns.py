"""Column segments of a laid-out page, the page's columns, and which headline each belongs to.

Body lines stacked one under the other at one left edge form a segment (a column's stretch of
one article). Segments at the same left edge form a page column, whose right edge is where most
of its lines end (a closing mark may hang past it, a paragraph's last line falls short). A
headline heads the columns under it: where several headlines stand side by side, the page's
width is shared among them at the column gutters that best fit them (each title over its own
columns, a byline at the head of its first column, its columns' text starting together, the
title left-aligned, centred or right-aligned on them).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.ingest.byline import parse_byline
from reader.ingest.glyphs import Line
from reader.ingest.headlines import Headline

INDENT = 1.2
"""A line starting this many characters right of its column's edge opens a paragraph."""
LINE_GAP = 1.3
"""Lines further apart than this many characters (vertically) are not one column's lines."""


@dataclass
class Segment:
    """Body lines stacked in one column, top to bottom."""

    lines: list[Line] = field(default_factory=list)
    column: Column | None = None
    """The page column it stands in (set by `page_columns`)."""

    @property
    def x0(self) -> float:
        return min(line.x0 for line in self.lines)

    @property
    def x1(self) -> float:
        return max(line.x1 for line in self.lines)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Column:
    """Segments at one left edge: a column of the page, with its edges."""

    segments: list[Segment]
    left: float = 0.0
    right: float = 0.0
    index: int = 0
    """Its place among the page's columns, left to right."""


def find_segments(lines: list[Line], body: float) -> list[Segment]:
    """Stack body lines into column segments: each line under the last one of its column."""
    segments: list[Segment] = []
    open_: list[Segment] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        size = max(line.size, body)
        best: Segment | None = None
        offset = 0.0
        for segment in open_:
            last = segment.lines[-1]
            gap = line.top - last.bottom
            # The column's edge is its least indented line of late (a first line is indented).
            recent = segment.lines[-6:]
            left = min(ln.x0 for ln in recent)
            aligned = abs(line.x0 - left) <= (INDENT + 2) * size
            overlaps = line.x0 < max(ln.x1 for ln in recent) and line.x1 > left
            closer = best is None or abs(line.x0 - left) < offset
            if -0.2 * size <= gap <= LINE_GAP * size and aligned and overlaps and closer:
                best, offset = segment, abs(line.x0 - left)
        if best is None:
            best = Segment()
            segments.append(best)
            open_.append(best)
        best.lines.append(line)
        # Segments whose last line is far above can take no more lines.
        open_ = [s for s in open_ if line.top - s.lines[-1].bottom <= LINE_GAP * size]
    return segments


def page_columns(segments: Sequence[Segment], body: float) -> list[Column]:
    """Group segments into the page's columns by their left edges, and set each one's column.

    A segment whose lines are all indented (a paragraph's first line alone) starts right of its
    column's edge: it joins the column whose edge lies one indent to its left.
    """
    columns: list[Column] = []
    for segment in sorted(segments, key=lambda s: s.x0):
        if columns and segment.x0 - columns[-1].segments[0].x0 <= 0.5 * body:
            columns[-1].segments.append(segment)
        else:
            columns.append(Column([segment]))
    for column in columns:
        column.left = min(s.x0 for s in column.segments)
    for column in list(columns):
        # Two columns' edges are a column's width apart, never an indent.
        host = next(
            (
                c
                for c in columns
                if c is not column and 0.8 * body <= column.left - c.left <= (INDENT + 1.5) * body
            ),
            None,
        )
        if host is not None:
            host.segments.extend(column.segments)
            columns.remove(column)
    for index, column in enumerate(columns):
        column.index = index
        column.right = _right_edge([ln for s in column.segments for ln in s.lines], body)
        for segment in column.segments:
            segment.column = column
    return columns


def _right_edge(lines: Sequence[Line], body: float) -> float:
    """Where most lines end (justified lines end together; marks hang past, last lines fall
    short): the most common end, to a fifth of a character; of equal counts the furthest."""
    step = 0.2 * body
    counts = Counter(round(line.x1 / step) for line in lines)
    best = max(counts.items(), key=lambda item: (item[1], item[0]))[0]
    return max(line.x1 for line in lines if round(line.x1 / step) == best)


# --- Which headline heads which columns -------------------------------------------------------


def bands(headlines: Sequence[Headline], body: float) -> list[list[Headline]]:
    """Headlines side by side, each band left to right: apart across the page, and level with
    one another (overlapping vertically, or less than a body line apart: side-by-side titles
    set over headings of different heights may not overlap)."""
    out: list[list[Headline]] = []
    for headline in sorted(headlines, key=lambda h: h.top):
        for band in out:
            if any(_level(h, headline, body) for h in band):
                band.append(headline)
                break
        else:
            out.append([headline])
    return [sorted(band, key=lambda h: h.x0) for band in out]


def _level(a: Headline, b: Headline, body: float) -> bool:
    apart = a.x1 <= b.x0 or b.x1 <= a.x0
    return apart and a.top <= b.bottom + body and b.top <= a.bottom + body


def set_reach(headlines: Sequence[Headline], segments: Sequence[Segment], body: float) -> None:
    """Share the page's width among the headlines of each band, at column gutters.

    The columns starting just under a band are cut into one run per headline, left to right;
    of all the ways to cut them, the one chosen keeps each title within its run, has each
    byline at the head of its run's first column, the text of each run's columns starting at
    one height (an article's columns start together), and each title aligned with its run (at
    its left edge, centred on it, or at its right edge). A band with no such cut is shared at
    the middles between its titles.
    """
    for band in bands(headlines, body):
        if len(band) == 1:
            band[0].reach = (float("-inf"), float("inf"))
            continue
        borders = _borders(band, segments, body)
        if borders is None:
            borders = [(a.x1 + b.x0) / 2 for a, b in itertools.pairwise(band)]
        edges = [float("-inf"), *borders, float("inf")]
        for headline, left, right in zip(band, edges, edges[1:], strict=False):
            headline.reach = (left, right)


def _borders(band: list[Headline], segments: Sequence[Segment], body: float) -> list[float] | None:
    low, high = min(h.bottom for h in band), max(h.bottom for h in band)
    under = [s for s in segments if low - body <= s.top <= high + 8 * body and s.column]
    slots = sorted({id(s.column): s.column for s in under if s.column}.values(), key=_left)
    if len(slots) < len(band):
        return None
    bylines = [
        s.column.index
        for s in under
        if s.column is not None and parse_byline(s.lines[0].text) is not None
    ]
    tops: dict[int, float] = {}
    for s in under:
        if s.column is not None:
            top = _body_top(s)
            tops[s.column.index] = min(tops.get(s.column.index, top), top)
    best: tuple[tuple[float, ...], list[float]] | None = None
    for cuts in itertools.combinations(range(1, len(slots)), len(band) - 1):
        bounds = [0, *cuts, len(slots)]
        runs = [slots[a:b] for a, b in itertools.pairwise(bounds)]
        cost = _fit(band, runs, bylines, tops, body)
        if best is None or cost < best[0]:
            borders = [(slots[c - 1].right + slots[c].left) / 2 for c in cuts]
            best = (cost, borders)
    if best is None or best[0][0] > 0:
        return None
    return best[1]


def _body_top(segment: Segment) -> float:
    """Where the segment's text starts, below a byline heading it."""
    lines = segment.lines
    if len(lines) > 1 and parse_byline(lines[0].text) is not None:
        return lines[1].top
    return lines[0].top


def _left(column: Column) -> float:
    return column.left


def _fit(
    band: list[Headline],
    runs: list[list[Column]],
    bylines: list[int],
    tops: dict[int, float],
    body: float,
) -> tuple[float, ...]:
    """How badly headlines fit their runs of columns (lower is better): titles outside their
    run, bylines not heading a run's first column, columns of a run whose text starts at
    another height than most of the run's, and misalignment in characters (a title is set at
    its run's left edge, centred on it or at its right edge)."""
    outside = misplaced = uneven = misaligned = 0.0
    for headline, run in zip(band, runs, strict=True):
        left, right = run[0].left, run[-1].right
        outside += headline.x0 < left - body or headline.x1 > right + body
        misaligned += (
            min(
                abs(headline.x0 - left),
                abs(headline.centre - (left + right) / 2),
                abs(headline.x1 - right),
            )
            / body
        )
        indices = [c.index for c in run]
        inside = [b for b in bylines if b in indices]
        misplaced += sum(1 for b in inside if b != indices[0]) + max(0, len(inside) - 1)
        heights = [round(tops[i] / (0.5 * body)) for i in indices if i in tops]
        if heights:
            common = max(set(heights), key=heights.count)
            uneven += sum(1 for h in heights if abs(h - common) > 1)
    return outside, misplaced, uneven, misaligned


def owner(segment: Segment, headlines: Sequence[Headline]) -> Headline | None:
    """The headline a segment belongs to: in the lowest band of headlines above it, the one
    whose reach holds the segment's middle (a band leaves its reach to its headlines)."""
    above = [h for h in headlines if h.bottom <= segment.top + 0.5]
    if not above:
        return None
    holding = [h for h in above if h.reach[0] <= segment.centre < h.reach[1]]
    candidates = holding or above
    return max(candidates, key=lambda h: (h.bottom, -abs(h.centre - segment.centre)))
