"""Column lines and headlines of laid-out page text, sorted by shape.

Positions in such text are rough (a piece is pushed right by the text to its left, rows of
neighbouring articles interleave) and there are no font sizes, so the page's structure is read
from shape alone:

- **Column lines**: most pieces are full lines of a column, all about one width (the page's
  *measure*); their starts, clustered, are the columns' edges (completed where the page's
  regular grid shows one missing). A piece as wide as two column lines is two of them, pushed
  together: it is cut where the second column's edge falls, after a space or a hanging mark
  when there is one.
- **Headlines** (`reader.ingest.grid_headlines`): over a byline, or standing alone.
- Column lines are set at their column's edge, two characters in when pushed two or more in
  after a line that ends a sentence (a paragraph's indent).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len

from reader.ingest.byline import parse_byline
from reader.ingest.glyphs import HANGING
from reader.ingest.grid_headlines import Stack, find_headlines
from reader.ingest.grid_pieces import ALIGN, Piece, may_head, overlap, text_width

SLACK = 3
"""A full column line is the measure give or take this many characters (an indent, digits
narrower than Han characters, a hanging mark)."""
EDGE_LINES = 3
"""A column's edge is where at least this many full lines start."""
_PUNCTUATED = re.compile(r"[，。、；：！？,;:!?]")
_SENTENCE_END = "。！？!?…"
_TRAILERS = "”’」』）)\"'"


@dataclass
class Shape:
    """A page's pieces sorted: headline stacks, and column lines with the x they are set at."""

    headlines: list[Stack] = field(default_factory=list)
    body: list[tuple[Piece, float]] = field(default_factory=list)


def _measure(rows: Sequence[Sequence[Piece]], unit: int) -> int:
    """The width most column lines have: the most common piece width in rows of several."""
    widths = Counter(p.width for row in rows if len(row) > 1 for p in row if p.width >= 4 * unit)
    if not widths:
        widths = Counter(p.width for row in rows for p in row)
    if not widths:
        return 0
    return max(widths, key=lambda w: (sum(widths[w + d] for d in (-unit, 0, unit)), widths[w]))


def _edges(pieces: Iterable[Piece], measure: int, unit: int) -> list[int]:
    """The columns' edges: where full column lines start, clustered (starts less than half a
    column apart are one column's, pushed right by text to their left); each the most common
    start of its cluster."""
    starts = sorted(p.x0 for p in pieces if abs(p.width - measure) <= SLACK * unit)
    clusters: list[list[int]] = []
    for start in starts:
        if clusters and start - clusters[-1][-1] <= max(ALIGN * unit, measure // 2):
            clusters[-1].append(start)
        else:
            clusters.append([start])
    edges = []
    for cluster in clusters:
        if len(cluster) >= EDGE_LINES:
            counts = Counter(cluster)
            edges.append(max(counts, key=lambda s: (counts[s], -s)))
    return _regular(edges, unit)


def _regular(edges: list[int], unit: int) -> list[int]:
    """Edges completed where the page's column grid shows one missing: a gap of about two (or
    more) column pitches between edges holds a column too short to show its own edge."""
    gaps = sorted(b - a for a, b in itertools.pairwise(edges))
    if len(gaps) < 2:
        return edges
    pitch = gaps[len(gaps) // 2]
    out = [edges[0]]
    for a, b in itertools.pairwise(edges):
        count = round((b - a) / pitch)
        if count >= 2 and abs((b - a) - count * pitch) <= ALIGN * unit * count:
            out += [a + round(n * (b - a) / count) for n in range(1, count)]
        out.append(b)
    return out


def _split(
    piece: Piece, measure: int, edges: list[int], unit: int, heading: bool = False
) -> list[Piece]:
    """Cut a piece as wide as two column lines or more where the next column's edge falls
    (near it, after a single space), a column line's width in; a possible headline line, or a
    byline, is left whole."""
    if _set_width(piece.text, unit) <= measure + SLACK * unit or heading:
        return [piece]
    if parse_byline(piece.text) is not None:
        return [piece]
    best: tuple[int, float, int] | None = None
    width = 0
    for n, ch in enumerate(piece.text[:-1]):
        width += text_width(ch, unit)
        if abs(_set_width(piece.text[: n + 1], unit) - measure) > SLACK * unit:
            continue
        space = piece.text[n + 1] == " "
        right = piece.x0 + width + (unit if space else 0)
        near = min((abs(right - e) for e in edges if e > piece.x0), default=None)
        # One space after a full column line parts it from the next column's, wherever that
        # was set; with none, the next column's edge must show where.
        reach = measure // 2 if space else ALIGN * unit
        if near is None or near > reach:
            continue
        natural = 0 if space or ch in HANGING else 1
        key = (natural, near, n)
        if best is None or key < best:
            best = key
    if best is None:
        return [piece]
    cut = best[2] + 1
    text = piece.text
    left_text = text[:cut].rstrip(" ")
    right_at = len(text) - len(text[cut:].lstrip(" "))
    skipped = text_width(text[:right_at], unit)
    left = Piece(left_text, piece.row, piece.x0, text_width(left_text, unit), piece.start)
    rest = Piece(
        text[right_at:],
        piece.row,
        piece.x0 + skipped,
        piece.width - skipped,
        piece.start + right_at,
    )
    return [left, *_split(rest, measure, edges, unit)]


def _set_width(text: str, unit: int) -> float:
    """The width a text was set in on the page, in the unit of a Han character: counted in
    characters, Latin letters and digits take one position each but half a character's room;
    counted in cells, the cells say it."""
    if unit == 2:
        return float(cell_len(text))
    return sum(0.5 if ch < "\x80" else 1.0 for ch in text)


def _heading_like(rows: list[list[Piece]], r: int, piece: Piece, unit: int) -> bool:
    """Whether a piece may be a headline line: a byline under it, or no punctuation in it nor
    in what stands above it (nothing, or a kicker)."""
    below = [q for rr in (r + 1, r + 2) if rr < len(rows) for q in rows[rr]]
    # A byline at or left of it, right under it: bylines stand at their article's left edge,
    # its title may be centred further right (see `_over_byline`).
    if any(
        parse_byline(q.text) is not None and q.x0 - (2 + ALIGN) * unit <= piece.x0 for q in below
    ):
        return True
    above = [q for rr in (r - 1, r - 2) if rr >= 0 for q in rows[rr]]
    alone = all(
        may_head(q, unit) and not _PUNCTUATED.search(q.text)
        for q in above
        if overlap(q, piece, unit)
    )
    return alone and not _PUNCTUATED.search(piece.text)


def _edge_of(piece: Piece, edges: list[int], unit: int, measure: int) -> int | None:
    """The column edge a piece starts at: the nearest, less than half a column away (a piece
    may be indented, pushed right by text to its left, or set a little short of its edge)."""
    reach = max((ALIGN + 2) * unit, measure // 2)
    fits = [e for e in edges if abs(piece.x0 - e) <= reach]
    return min(fits, key=lambda e: abs(piece.x0 - e)) if fits else None


def classify(rows: list[list[Piece]], unit: int) -> Shape:
    """Sort a page's pieces (rows top to bottom) into headline stacks and column lines."""
    measure = _measure(rows, unit)
    edges = _edges((p for row in rows for p in row), measure, unit)
    rows = [
        [q for p in row for q in _split(p, measure, edges, unit, _heading_like(rows, r, p, unit))]
        for r, row in enumerate(rows)
    ]
    edges = _edges((p for row in rows for p in row), measure, unit)
    stacks = find_headlines(rows, measure, unit)
    shape = Shape(headlines=stacks)
    heads = {id(p) for stack in stacks for p in stack.pieces}
    last_in_column: dict[int, Piece] = {}
    for row in rows:
        for p in row:
            if id(p) in heads:
                continue
            edge = _edge_of(p, edges, unit, measure)
            if edge is None:
                shape.body.append((p, float(p.x0)))
                continue
            previous = last_in_column.get(edge)
            after_sentence = (
                previous is None
                or p.row - previous.row > 2
                or previous.text.rstrip(_TRAILERS)[-1:] in _SENTENCE_END
            )
            indented = p.x0 - edge >= 2 * unit and after_sentence
            shape.body.append((p, float(edge + (2 * unit if indented else 0))))
            last_in_column[edge] = p
    return shape
